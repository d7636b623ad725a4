package main

import (
	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
)

type plansOptions struct {
	scheme, facts, output string
	period                periodFlag
	lang                  langFlag
	book                  string
	// earlier: the book's fact sheet read is the latest before the period
	// (said once the scheme's language is known).
	earlier string
	// bp: with --book, the book and the period the plans are for, whose
	// plan levels that grow over an earlier period are read from it.
	bp *bookPeriod
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
  premia plans scheme.yaml facts.xlsx --period 2026-11 -o plans/ --lang ru

  # A book's November: its roster and personal plans from facts/2026-11.xlsx,
  # or from the latest fact sheet before it
  premia plans --book clients/acme --period 2026-11 -o plans/`,
		Args:              bookArgs(&o.book, 2, "SCHEME and FACTS", 0, ""),
		ValidArgsFunction: completeArgs(argScheme, argFacts),
		RunE: func(_ *cobra.Command, args []string) error {
			if o.book != "" {
				return runBookPlans(d, o)
			}
			o.scheme, o.facts = args[0], args[1]
			return runPlans(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "the period the plans are for (required): a month (2026-11), a quarter (2026-Q4) or a year (2026)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "the folder to write the workbooks into (required)")
	addLangFlag(cmd, &o.lang, "language of the plans")
	addBookFlag(cmd, &o.book, "a client's book (docs/book.md): read DIR/scheme.yaml and the period's fact sheet (else the latest before it) instead of SCHEME and FACTS")
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
	if o.earlier != "" {
		d.lang = o.lang.lang(s)
		d.say(i18n.TalkBookEarlier, o.earlier, o.period)
	}
	in, err := src.ReadPlans(s)
	src.Close() // read: its bytes are done with
	if err != nil {
		return err
	}
	if o.bp != nil {
		// A norm that grows over the previous period, or the same period
		// last year, is had from the book as calc --book has it; a
		// recoverable draw opens at what was owed at the end of the period
		// before, carried as calc --book carries it.
		was := d.book
		d.book = o.bp
		in.Earlier, err = earlierFacts(d, s)
		if err == nil {
			in.Draws, err = carriedDraws(d, s, o.lang)
		}
		d.book = was
		if err != nil {
			return err
		}
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

// runBookPlans is plans --book DIR --period P: the book's scheme, and the
// roster and personal plans of P's fact sheet when the book has one, else
// of the latest fact sheet of P's kind before P (said on stderr).
func runBookPlans(d *deps, o *plansOptions) error {
	if o.period == "" {
		return usagef("--book needs --period: the period the plans are for (2026-11, 2026-Q4 or 2026)")
	}
	b, err := book.Open(o.book)
	if err != nil {
		return err
	}
	p := o.period.get()
	rel, err := b.FactSheet(p)
	if err != nil {
		before, ok := b.Before(p)
		if !ok {
			return err
		}
		if rel, err = b.FactSheet(before); err != nil {
			return err
		}
		if err := statesItsName(b.Path(rel), rel, before); err != nil {
			return err
		}
		o.earlier = rel
	} else if err := statesItsName(b.Path(rel), rel, p); err != nil {
		return err
	}
	o.scheme, o.facts = b.Scheme(), b.Path(rel)
	o.bp = &bookPeriod{b: b, p: p, scheme: b.Scheme()}
	return runPlans(d, o)
}
