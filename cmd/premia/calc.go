package main

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/report"
)

type calcOptions struct {
	scheme, facts string
	format        string
	period        string
}

func newCalcCmd(d *deps) *cobra.Command {
	o := &calcOptions{}
	cmd := &cobra.Command{
		Use:   "calc SCHEME FACTS",
		Short: "Compute everyone's pay for the month",
		Long: `Compute everyone's pay: fixed part, KPI bonus, components and total.

FACTS is an .xlsx fact sheet or a folder of CSV tables (roster.csv, facts.csv,
plans.csv, departments.csv, payments.csv). Results go to stdout: an aligned
table on a terminal, CSV otherwise, or the format asked for. Nothing is printed
to stdout unless every employee was computed.`,
		Args: exactArgs(2, "SCHEME and FACTS"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.scheme, o.facts = args[0], args[1]
			return runCalc(d, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "table, csv or json (default: table on a terminal, csv otherwise)")
	cmd.Flags().StringVar(&o.period, "period", "", "pay period, YYYY-MM (needed for paid-revenue schemes)")
	return cmd
}

func runCalc(d *deps, o *calcOptions) error {
	format := o.format
	if format == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	if format != "table" && format != "csv" && format != "json" {
		return usagef("--format %q: expected table, csv or json", format)
	}
	s, res, err := compute(o.scheme, o.facts, o.period, "", d.stderr)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch format {
	case "json":
		err = report.JSON(&buf, res)
	case "csv":
		err = report.CSV(&buf, s, res)
	default:
		err = report.Table(&buf, s, res)
	}
	if err != nil {
		return err
	}
	_, err = d.stdout.Write(buf.Bytes())
	return err
}
