package main

import (
	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/plan"
)

// The history of a book: the figures of a period other than the run's,
// for the commands that look back (trend, and the carry-overs of
// docs/calculation.md: draw balances, the year to date, true-ups). A
// closed period's figures are its snapshot's (what was paid); any other
// period is computed from its fact sheet as calc --book computes it.

// bookPeriodResult is period p's figures in book b: its snapshot's when it is closed
// (read without the check calc --book makes), else calc's run of its fact
// sheet, loaded and computed as calc --book does (openBook, readFacts,
// calc.Run).
func bookPeriodResult(d *deps, b *book.Book, s *plan.Scheme, p period.Period, lang langFlag) (*calc.Result, bool, error) {
	if name, ok := b.Closed(p); ok {
		snap, err := book.ReadSnapshot(b.Path(name), p)
		if err != nil {
			return nil, false, err
		}
		res, err := report.ReadJSON(snap.Result)
		if err != nil {
			return nil, false, problem.Errorf("%s: the snapshot's result cannot be read: %v", b.Path(name), err)
		}
		return res, true, nil
	}
	bp, err := openBook(b.Dir, periodFlag(p.String()))
	if err != nil {
		return nil, false, err
	}
	// The period's book context, as calc --book sets it: a growth KPI reads
	// its earlier fact from the book (dynamic.go), and what p carries over
	// reads the periods before p. The run's own context is put back after.
	was := d.book
	d.book = bp
	defer func() { d.book = was }()
	src, err := loadFacts(d, bp.facts)
	if err != nil {
		return nil, false, err
	}
	l, err := readFacts(d, s, src, periodFlag(p.String()), lang, nil)
	src.Close()
	if err != nil {
		return nil, false, err
	}
	res, err := calc.Run(s, l.in, calc.Options{SkipSteps: true, Release: true})
	return res, false, err
}
