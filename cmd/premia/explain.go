package main

import (
	"bytes"
	"errors"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
)

type explainOptions struct {
	scheme, facts, employee string
	period                  periodFlag
	lang                    langFlag
	book                    string
}

func newExplainCmd(d *deps) *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain SCHEME FACTS EMPLOYEE_ID",
		Short: "Show one person's calculation step by step",
		Long: `Show the whole calculation for one employee: each figure with its formula
and the places its inputs came from (scheme line:column, sheet and cell).`,
		Example: `  # How S-03's pay was computed, each figure with its sources
  premia explain scheme.yaml facts.xlsx S-03

  # The same in Russian
  premia explain scheme.yaml facts.xlsx S-03 --lang ru

  # S-03's October in a client's book
  premia explain --book clients/acme --period 2026-10 S-03`,
		Args:              bookArgs(&o.book, 3, "SCHEME, FACTS and EMPLOYEE_ID", 1, "EMPLOYEE_ID"),
		ValidArgsFunction: completeArgs(argScheme, argFacts, argEmployee),
		RunE: func(_ *cobra.Command, args []string) error {
			if o.book != "" {
				bp, err := openBook(o.book, o.period)
				if err != nil {
					return err
				}
				d.book = bp
				o.scheme, o.facts, o.employee = bp.scheme, bp.facts, args[0]
				if bp.closed != "" {
					return runClosedExplain(d, o, bp)
				}
				return runExplain(d, o)
			}
			o.scheme, o.facts, o.employee = args[0], args[1], args[2]
			return runExplain(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "pay period, a month (2026-10), quarter (2026-Q4) or year (2026): for a CSV folder, or to repeat the fact sheet's own (they must agree)")
	addLangFlag(cmd, &o.lang, "language of the explanation")
	addBookFlag(cmd, &o.book, "a client's book (docs/book.md): read DIR/scheme.yaml and the fact sheet DIR/facts/PERIOD of --period, instead of SCHEME and FACTS")
	return cmd
}

func runExplain(d *deps, o *explainOptions) error {
	l, res, err := compute(d, o.scheme, o.facts, o.period, o.lang, calc.Options{})
	if err != nil {
		return err
	}
	return explainOne(d, o, l, res)
}

// runClosedExplain is explain --book of a closed period: the period is
// recomputed from the book, and the person's calculation shown only when
// every figure of theirs is the snapshot's; else the figures that differ,
// with their cause, exit 1 (an explanation of other figures than those
// paid would mislead).
func runClosedExplain(d *deps, o *explainOptions, bp *bookPeriod) error {
	c, err := readClosed(bp)
	if err != nil {
		return err
	}
	if err := c.check(d, o.lang, calc.Options{}); err != nil {
		return err
	}
	d.say(i18n.TalkClosedRead, c.path, c.snap.Period, c.snap.Closed)
	c.only(o.employee)
	if err := c.verdict(d, problem.New("the explanation would be of other figures than those paid, and is not shown")); err != nil {
		return err
	}
	return explainOne(d, o, c.l, c.res)
}

// explainOne writes the explanation of o.employee from a computed run.
func explainOne(d *deps, o *explainOptions, l *loaded, res *calc.Result) error {
	d.lang = l.lang
	for _, e := range res.Employees {
		if e.ID == o.employee {
			var buf bytes.Buffer
			if err := report.Explain(&buf, res, e, l.lang); err != nil {
				return err
			}
			_, err := d.stdout.Write(buf.Bytes())
			return err
		}
	}
	roster := make([]person, len(res.Employees))
	for i, e := range res.Employees {
		roster[i] = person{e.ID, e.Name}
	}
	return errors.New(i18n.Say(d.lang, i18n.TalkNoEmployee, shownPath(o.facts), o.employee, didYouMean(d.lang, suggestIDs(o.employee, roster))))
}
