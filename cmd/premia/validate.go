package main

import (
	"bytes"
	"errors"
	"io"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	scheme, facts string
	period        periodFlag
	strict        bool
	lang          langFlag
	book          string
}

func newValidateCmd(d *deps) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate SCHEME [FACTS]",
		Short: "Check a scheme (and a fact sheet against it), listing every problem",
		Long: `Check a scheme and list every problem at once, each with file:line:column.
Design-rule warnings (KPI count, weights, a bonus under 5 % of income) go to
stderr and do not fail the check unless --strict. With FACTS, the fact sheet
is read against the scheme and the whole calculation is tried; its warnings
count as warnings too. Exit 1 on any error (with --strict, on any warning).
validate always prints its warnings, --quiet or not.`,
		Example: `  # Check a scheme (in CI on the consultants' repository)
  premia validate scheme.yaml

  # Check a fact sheet against it and try the whole calculation
  premia validate scheme.yaml facts.xlsx

  # In CI: fail on a design-rule warning too
  premia validate --strict scheme.yaml

  # Errors and warnings in Russian, whatever the scheme's locale
  premia validate --lang ru scheme.yaml facts.xlsx

  # A client's book: its scheme, and with --period that period's fact sheet
  premia validate --book clients/acme --period 2026-11`,
		ValidArgsFunction: completeArgs(argScheme, argFacts),
		Args: func(_ *cobra.Command, args []string) error {
			if o.book != "" {
				if len(args) > 0 {
					return usagef("with --book the scheme and the fact sheet are the book's: give no SCHEME or FACTS (got %s)", i18n.Count("en", len(args), i18n.Arguments))
				}
				return nil
			}
			if len(args) < 1 || len(args) > 2 {
				return usagef("expected SCHEME and optionally FACTS, got %s", i18n.Count("en", len(args), i18n.Arguments))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if o.book != "" {
				if o.period == "" {
					b, err := book.Open(o.book)
					if err != nil {
						return err
					}
					o.scheme = b.Scheme()
					return runValidate(d, o)
				}
				bp, err := openBook(o.book, o.period)
				if err != nil {
					return err
				}
				d.book = bp
				if bp.facts == "" {
					return problem.Errorf("%s: the book has no fact sheet for %s (it is closed: %s)", o.book, bp.p, bp.closed)
				}
				o.scheme, o.facts = bp.scheme, bp.facts
				return runValidate(d, o)
			}
			o.scheme = args[0]
			if len(args) == 2 {
				o.facts = args[1]
			}
			return runValidate(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "pay period, a month (2026-10), quarter (2026-Q4) or year (2026): for a CSV folder, or to repeat the fact sheet's own (they must agree)")
	cmd.Flags().BoolVar(&o.strict, "strict", false, "fail (exit 1) on any warning, for CI")
	addLangFlag(cmd, &o.lang, "language of the errors and warnings")
	addBookFlag(cmd, &o.book, "a client's book (docs/book.md): check DIR/scheme.yaml, and with --period the fact sheet DIR/facts/PERIOD")
	return cmd
}

func runValidate(d *deps, o *validateOptions) error {
	// Every warning is written to stderr, --quiet or not, and counted for
	// --strict: each is one line.
	warned := &lineCounter{w: d.stderr}
	dv := *d
	dv.stderr, dv.quiet = warned, false
	if o.facts == "" {
		if _, err := loadScheme(d, o.scheme, o.lang, warned); err != nil {
			return err
		}
		if err := strictly(d, o, warned.lines); err != nil {
			return err
		}
		d.say(i18n.TalkSchemeOK, shownPath(o.scheme))
		return nil
	}
	l, res, err := compute(&dv, o.scheme, o.facts, o.period, o.lang, calc.Options{Release: true, SkipSteps: true})
	d.lang = dv.lang // what went wrong is said in the scheme's language
	if err != nil {
		return err
	}
	d.lang = l.lang
	if err := strictly(d, o, warned.lines); err != nil {
		return err
	}
	d.say(i18n.TalkBothOK, shownPath(o.scheme), shownPath(o.facts), d.count(res.Count, i18n.Employees))
	return nil
}

// strictly fails a check that warned, with --strict.
func strictly(d *deps, o *validateOptions, warnings int) error {
	if o.strict && warnings > 0 {
		return errors.New(i18n.Say(d.lang, i18n.TalkStrict, d.count(warnings, i18n.Warnings)))
	}
	return nil
}

// lineCounter passes writes on to w, counting the lines.
type lineCounter struct {
	w     io.Writer
	lines int
}

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte("\n"))
	return c.w.Write(p)
}
