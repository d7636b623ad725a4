package main

import (
	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
)

type plansOptions struct {
	scheme, facts, output string
	period                periodFlag
	lang                  langFlag
}

func newPlansCmd(d *deps) *cobra.Command {
	o := &plansOptions{}
	cmd := &cobra.Command{
		Use:   "plans SCHEME FACTS --period PERIOD -o DIR",
		Short: "Write each employee's KPI plan for the next period",
		Long: `Write one workbook per employee with the next period's KPIs, weights,
base, norm and target (personal plans from FACTS' Plans table, else the
scheme's), and what the pay would be with every KPI at base, at norm and at
target — so each person knows at month end what to reach.`,
		Example: `  # November's plan for everyone in October's fact sheet
  premia plans scheme.yaml facts.xlsx --period 2026-11 -o plans/

  # In Russian
  premia plans scheme.yaml facts.xlsx --period 2026-11 -o plans/ --lang ru`,
		Args:              exactArgs(2, "SCHEME and FACTS"),
		ValidArgsFunction: completeArgs(argScheme, argFacts),
		RunE: func(_ *cobra.Command, args []string) error {
			o.scheme, o.facts = args[0], args[1]
			return runPlans(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "the period the plans are for (required): a month (2026-11), a quarter (2026-Q4) or a year (2026)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "the folder to write the workbooks into (required)")
	addLangFlag(cmd, &o.lang, "language of the plans")
	completeFolder(cmd, "output")
	return cmd
}

func runPlans(d *deps, o *plansOptions) error {
	if o.period == "" {
		return usagef("--period is required: a month (2026-11), a quarter (2026-Q4) or a year (2026)")
	}
	if o.output == "" {
		return usagef("-o DIR is required")
	}
	if err := setFolder("-o", o.output); err != nil {
		return err
	}
	s, src, err := openInputs(d, o.scheme, o.facts, o.lang)
	if err != nil {
		return err
	}
	if err := s.Pays(o.period.get()); err != nil {
		src.Close()
		return problem.Errorf("%s: %s", shownPath(o.scheme), err)
	}
	in, err := src.ReadPlans(s)
	src.Close() // read: its bytes are done with
	if err != nil {
		return err
	}
	ids := make([]string, len(in.Employees))
	for i, e := range in.Employees {
		ids[i] = e.ID
	}
	// Each plan is written as its forecast is made: memory holds one.
	d.lang = o.lang.lang(s)
	files, removed, err := report.SavePlansStream(o.output, s, ids, string(o.period), d.lang, func(f func(calc.Forecast) error) error {
		return calc.EachForecast(s, in, string(o.period), f)
	})
	if err != nil {
		return err
	}
	d.say(i18n.TalkWrotePlans, d.count(len(files), i18n.Plans), o.period, o.output)
	sayRemoved(d, o.output, removed)
	return nil
}
