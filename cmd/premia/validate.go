package main

import (
	"fmt"

	"github.com/premia-pay/premia/calc"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	scheme, facts string
	period        periodFlag
}

func newValidateCmd(d *deps) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate SCHEME [FACTS]",
		Short: "Check a scheme (and a fact sheet against it), listing every problem",
		Long: `Check a scheme and list every problem at once, each with file:line:column.
Design-rule warnings (KPI count, weights, a bonus under 5 % of income) go to
stderr and do not fail the check. With FACTS, the fact sheet is read against
the scheme and the whole calculation is tried. Exit 1 on any error.`,
		Example: `  # Check a scheme (in CI on the consultants' repository)
  premia validate scheme.yaml

  # Check a fact sheet against it and try the whole calculation
  premia validate scheme.yaml facts.xlsx`,
		ValidArgsFunction: completeArgs(argScheme, argFacts),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("expected SCHEME and optionally FACTS, got %s", count(len(args), "argument", "arguments"))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			o.scheme = args[0]
			if len(args) == 2 {
				o.facts = args[1]
			}
			return runValidate(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "pay period, YYYY-MM: for a CSV folder, or to repeat the fact sheet's own (they must agree)")
	return cmd
}

func runValidate(d *deps, o *validateOptions) error {
	if o.facts == "" {
		if _, err := loadScheme(o.scheme, d.stderr); err != nil {
			return err
		}
		fmt.Fprintf(d.stderr, "%s: ok\n", o.scheme)
		return nil
	}
	_, res, err := compute(o.scheme, o.facts, o.period, "", calc.Options{Release: true, SkipSteps: true}, d.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(d.stderr, "%s: ok; %s: ok, %s\n", o.scheme, o.facts, count(res.Count, "employee", "employees"))
	return nil
}
