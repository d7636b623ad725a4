package main

import (
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// A book (--book DIR, docs/book.md) gives a command its scheme and the
// period's fact sheet by name: DIR/scheme.yaml and DIR/facts/PERIOD.xlsx
// (or the CSV folder DIR/facts/PERIOD/).

// bookPeriod is a period of a book, resolved.
type bookPeriod struct {
	b      *book.Book
	p      period.Period
	scheme string // the scheme's path
	facts  string // the fact sheet's path; "" when the period has none (a closed one's may be gone)
	// factsName is the fact sheet's name in the book (facts/2026-10.xlsx).
	factsName string
	// closed is the snapshot's name in the book (closed/2026-10.json) when
	// the period is closed, else "".
	closed string
}

// addBookFlag defines --book DIR, completed with folders; --period then
// completes with the book's periods.
func addBookFlag(cmd *cobra.Command, dir *string, usage string) {
	cmd.Flags().StringVar(dir, "book", "", usage)
	completeFolder(cmd, "book")
	_ = cmd.RegisterFlagCompletionFunc("period", func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		dir, _ := c.Flags().GetString("book")
		if dir == "" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		b, err := book.Open(dir)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, p := range b.Periods() {
			out = append(out, p.String())
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

// bookArgs checks a command's arguments: n (names) without --book, bookN
// (bookNames) with it, for the book gives the scheme and the fact sheet.
func bookArgs(dir *string, n int, names string, bookN int, bookNames string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if *dir == "" {
			if len(args) != n {
				return usagef("expected %s, got %s", names, i18n.Count("en", len(args), i18n.Arguments))
			}
			return nil
		}
		if len(args) != bookN {
			if bookN == 0 {
				return usagef("with --book the scheme and the fact sheet are the book's: give no SCHEME or FACTS (got %s)", i18n.Count("en", len(args), i18n.Arguments))
			}
			return usagef("with --book the scheme and the fact sheet are the book's: expected %s alone, got %s", bookNames, i18n.Count("en", len(args), i18n.Arguments))
		}
		return nil
	}
}

// openBook resolves --book DIR --period P: the book's scheme and P's fact
// sheet, which must state P if it states a period. A closed period whose
// fact sheet is gone is resolved without it (facts ""): its snapshot
// stands, and the check says the fact sheet is missing.
func openBook(dir string, per periodFlag) (*bookPeriod, error) {
	if per == "" {
		return nil, usagef("--book needs --period: the period whose fact sheet to read (2026-10, 2026-Q4 or 2026)")
	}
	b, err := book.Open(dir)
	if err != nil {
		return nil, err
	}
	bp := &bookPeriod{b: b, p: per.get(), scheme: b.Scheme()}
	bp.closed, _ = b.Closed(bp.p)
	rel, err := b.FactSheet(bp.p)
	if err != nil {
		if bp.closed != "" {
			return bp, nil
		}
		return nil, err
	}
	bp.facts, bp.factsName = b.Path(rel), rel
	if err := statesItsName(bp.facts, rel, bp.p); err != nil {
		return nil, err
	}
	return bp, nil
}

// statesItsName checks that the fact sheet at path, named rel in the book
// for period p, states p if it states a period at all.
func statesItsName(path, rel string, p period.Period) error {
	src, err := factsheet.Load(path)
	if err != nil {
		return err
	}
	defer src.Close()
	stated, at, err := src.StatedPeriod()
	if err != nil {
		return err
	}
	if stated != "" && stated != p.String() {
		q, _ := period.Parse(stated)
		return problem.Errorf("%s: the fact sheet is for %s, but its name in the book says %s: rename it %s, or correct the period in the fact sheet", at, stated, p, filepath.ToSlash(filepath.Join(filepath.Dir(rel), q.String()+filepath.Ext(rel))))
	}
	return nil
}
