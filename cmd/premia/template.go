package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/template"
)

type templateOptions struct {
	scheme, output, roster, plans string
	period                        periodFlag
	lang                          langFlag
	force                         bool
	book                          string
	// carried: the book's fact sheet whose roster is carried over by
	// default (said once the scheme's language is known).
	carried string
}

func newTemplateCmd(d *deps) *cobra.Command {
	o := &templateOptions{}
	cmd := &cobra.Command{
		Use:   "template SCHEME --period PERIOD -o facts.xlsx",
		Short: "Write the month's fact sheet for a clerk to fill",
		Long: `Write the fact sheet for the period: every table and column the scheme
needs, input cells validated (numbers, percentages, yes/no lists, dates),
headings locked, and an instructions sheet. With --roster, the people (ids,
names, roles, departments, personal fixed and variable amounts) are carried
over from an earlier fact sheet. Filled in, the file is read by calc as it is.

An existing file is replaced only if it holds nothing but a template's own
cells: one with data entered is refused, unless --force.`,
		Example: `  # An empty fact sheet for November
  premia template scheme.yaml --period 2026-11 -o facts-2026-11.xlsx

  # November's, with October's people carried over, in Russian
  premia template scheme.yaml --period 2026-11 --roster facts-2026-10.xlsx -o facts-2026-11.xlsx --lang ru

  # With the personal plans premia decompose wrote
  premia template scheme.yaml --period 2026-11 --roster facts-2026-10.xlsx --plans plan.xlsx -o facts-2026-11.xlsx

  # November's sheet of a client's book: facts/2026-11.xlsx, the people
  # carried over from the latest month before it
  premia template --book clients/acme --period 2026-11`,
		Args:              bookArgs(&o.book, 1, "SCHEME", 0, ""),
		ValidArgsFunction: completeArgs(argScheme),
		RunE: func(_ *cobra.Command, args []string) error {
			if o.book != "" {
				if err := bookTemplate(o); err != nil {
					return err
				}
				return runTemplate(d, o)
			}
			o.scheme = args[0]
			return runTemplate(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "the period the sheet is for (required): a month (2026-11), a quarter (2026-Q4) or a year (2026)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "the .xlsx file to write (required)")
	cmd.Flags().StringVar(&o.roster, "roster", "", "an earlier fact sheet (.xlsx or CSV folder) whose roster to carry over")
	cmd.Flags().StringVar(&o.plans, "plans", "", "a workbook (or CSV folder) whose Plans table to carry over as the people's personal plans: premia decompose's -o, or an earlier fact sheet (needs --roster)")
	addLangFlag(cmd, &o.lang, "language of the headings and instructions")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace -o even if it holds entered data")
	addBookFlag(cmd, &o.book, "a client's book (docs/book.md): write DIR/facts/PERIOD.xlsx for DIR/scheme.yaml, the people carried over from the latest fact sheet before it (unless --roster)")
	completeFile(cmd, "output", "xlsx")
	completeFile(cmd, "roster", "xlsx")
	completeFile(cmd, "plans", "xlsx")
	return cmd
}

func runTemplate(d *deps, o *templateOptions) error {
	if o.period == "" {
		return usagef("--period is required: a month (2026-11), a quarter (2026-Q4) or a year (2026)")
	}
	if o.output == "" {
		return usagef("-o FILE.xlsx is required")
	}
	if !strings.EqualFold(filepath.Ext(o.output), ".xlsx") {
		return usagef("-o %q: name the file .xlsx (the fact sheet is a workbook)", o.output)
	}
	if o.plans != "" && o.roster == "" {
		return usagef("--plans needs --roster: the plans are the people's of the roster carried over")
	}
	if sameFile(o.output, o.roster) || sameFile(o.output, o.scheme) || sameFile(o.output, o.plans) {
		return usagef("-o %q is an input of this run: choose another file", o.output)
	}
	s, err := loadScheme(d, o.scheme, o.lang, d.designWarnings())
	if err != nil {
		return err
	}
	d.lang = o.lang.lang(s)
	if o.carried != "" {
		d.say(i18n.TalkBookRoster, o.carried)
	}
	if err := s.Pays(o.period.get()); err != nil {
		return problem.Errorf("%s: %s", shownPath(o.scheme), err)
	}
	opt := template.Options{Period: string(o.period), Lang: d.lang}
	if o.roster != "" {
		src, err := loadFacts(d, o.roster)
		if err != nil {
			return err
		}
		defer src.Close()
		if opt.Roster, err = src.ReadRoster(s); err != nil {
			return err
		}
	}
	if o.plans != "" {
		src, err := loadFacts(d, o.plans)
		if err != nil {
			return err
		}
		defer src.Close()
		if opt.Plans, err = src.ReadPlansFor(s, opt.Roster); err != nil {
			return err
		}
	}
	var fresh bytes.Buffer
	if err := template.Write(&fresh, s, opt); err != nil {
		return err
	}
	if _, err := os.Stat(o.output); err == nil && !o.force {
		where, err := template.Entered(o.output, fresh.Bytes())
		if err != nil {
			return problem.Errorf("%v: choose another file, or pass --force to replace it", err)
		}
		if where != "" {
			return problem.Errorf("%s: %s holds data the template does not: writing over it would lose what was entered; choose another file, or pass --force to replace it", o.output, where)
		}
	}
	err = atomicfile.Write(o.output, func(w io.Writer) error { _, err := w.Write(fresh.Bytes()); return err }, func(f *os.File) error {
		return template.Check(f.Name(), s, opt)
	})
	if err != nil {
		return err
	}
	d.say(i18n.TalkWroteTemplate, o.output, o.period, d.count(len(opt.Roster), i18n.Employees))
	return nil
}

// bookTemplate sets template's inputs and output from --book DIR --period
// P: the book's scheme, facts/P.xlsx, and the roster of the latest fact
// sheet of P's kind before P unless --roster names one. A period the book
// has another fact sheet for (a CSV folder), or that is closed, is
// refused.
func bookTemplate(o *templateOptions) error {
	if o.output != "" {
		return usagef("with --book, template writes facts/PERIOD.xlsx into the book: remove -o")
	}
	if o.period == "" {
		return usagef("--book needs --period: the period of the fact sheet to write (2026-11, 2026-Q4 or 2026)")
	}
	b, err := book.Open(o.book)
	if err != nil {
		return err
	}
	p := o.period.get()
	if snap, closed := b.Closed(p); closed {
		return problem.Errorf("%s: %s is closed (%s): its fact sheet is the one its figures were computed from, and is not written over", o.book, p, snap)
	}
	if rel, err := b.FactSheet(p); err == nil && rel != book.Name(p) {
		return problem.Errorf("%s: the book has %s for %s already: a second fact sheet would make two; fill that one, or remove it first", o.book, rel, p)
	}
	o.scheme, o.output = b.Scheme(), b.Path(book.Name(p))
	if o.roster == "" {
		if before, ok := b.Before(p); ok {
			rel, err := b.FactSheet(before)
			if err != nil {
				return err
			}
			o.roster, o.carried = b.Path(rel), rel
		}
	}
	return nil
}
