package main

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Carry-overs (docs/book.md "Carry-overs", docs/calculation.md §5.1 and
// §5.15), two of them here:
//   - the year to date (prior: year-to-date): the facts of the periods
//     before the run's in its year, summed by calc (calc.Input.YearToDate);
//   - a recoverable draw opens at what the person owed it at the end of
//     the book's previous period of the run's kind, read from that
//     period's snapshot when it is closed, else computed from its fact
//     sheet (which carries from the period before it, and so on back to a
//     closed period or the book's first); calc gets the balances in
//     calc.Input.Draws.
// calc reads no file.

// ytdKPIs are the KPIs whose facts the scheme's commissions counted from
// the year's start sum over the book (prior: year-to-date), and the first
// such commission; nil, nil for a scheme with none.
func ytdKPIs(s *plan.Scheme) (keep []string, first *plan.Component) {
	for _, r := range s.Roles {
		if r == nil {
			continue
		}
		for _, c := range r.Components {
			if c.PriorFromBook() {
				if first == nil {
					first = c
				}
				if !slices.Contains(keep, c.KPI) {
					keep = append(keep, c.KPI)
				}
			}
		}
	}
	return keep, first
}

// yearToDate reads the periods of the run's kind before it in its year,
// for the commissions counted from the year's start with prior:
// year-to-date: each person's facts of their KPIs there, and those only.
// nil for a scheme with none; such a scheme needs the book, and the book
// every one of those periods.
func yearToDate(d *deps, s *plan.Scheme) (*calc.YearToDate, error) {
	keep, first := ytdKPIs(s)
	if first == nil {
		return nil, nil
	}
	at := calc.SchemePos(s, first.PriorPos())
	if d.book == nil {
		return nil, problem.Errorf("%s: commission %q counts from the year's start with prior: %s, whose sales before this period are read from the book: run with --book DIR --period P", at, first.ID, plan.PriorYearToDate)
	}
	b, p := d.book.b, d.book.p
	ytd := &calc.YearToDate{}
	// The periods not read yet in the run, read at once, a core each
	// (readEarlierEach: eleven snapshots of 20,000 people are eleven
	// reads of 77 MB).
	var missing []period.Period
	for _, q := range yearBefore(p) {
		if _, ok := d.ytd[q]; !ok {
			missing = append(missing, q)
		}
	}
	read, errs := readEarlierEach(b, s, missing, keep)
	for i, q := range missing {
		if errs[i] != nil {
			return nil, problem.Errorf("%s: commission %q: prior: %s sums the facts of %s in %d before %s, %s among them: %v", at, first.ID, plan.PriorYearToDate, first.KPI, p.Year(), p, q, errs[i])
		}
		if d.ytd == nil {
			d.ytd = map[period.Period]*calc.Earlier{}
		}
		d.ytd[q] = read[i]
	}
	for _, q := range yearBefore(p) {
		ytd.Periods = append(ytd.Periods, d.ytd[q])
	}
	return ytd, nil
}

// yearBefore are the periods of p's kind before p in its calendar year:
// the months January..p's previous for a month, the earlier quarters for
// a quarter, none for a year.
func yearBefore(p period.Period) []period.Period {
	var out []period.Period
	for n := 1; n < p.Number(); n++ {
		switch p.Kind() {
		case period.Month:
			out = append(out, period.MonthOf(p.Year(), n))
		case period.Quarter:
			out = append(out, period.QuarterOf(p.Year(), n))
		}
	}
	return out
}

// balances are the closing balances of the recoverable draws of a period,
// by employee id, then draw id: the few figures a carry needs of a whole
// period's result.
type balances = map[string]map[string]decimal.Decimal

// takeClosings adds a person's draws' closing balances to bal.
func takeClosings(bal balances, f *book.Figures) {
	for _, c := range f.Components {
		if !c.Closing.Valid() {
			continue
		}
		if bal[f.ID] == nil {
			bal[f.ID] = map[string]decimal.Decimal{}
		}
		bal[f.ID][c.ID] = c.Closing.Decimal()
	}
}

// keepClosings keeps period p's closing balances for the run: a period
// whose balances are known is not read or computed again for them.
func keepClosings(d *deps, p period.Period, bal balances) {
	if d.closings == nil {
		d.closings = map[period.Period]balances{}
	}
	d.closings[p] = bal
}

// carriedDraws reads the balances the run's period opens with from the
// book: nil without a book, for a scheme with no recoverable draw, and in
// the book's first period of the run's kind (the roster then gives
// them). A gap, an earlier period without its predecessor's, is refused.
func carriedDraws(d *deps, s *plan.Scheme, lang langFlag) (*calc.Carried, error) {
	if d.book == nil || len(s.DrawBalanceIDs()) == 0 {
		return nil, nil
	}
	b, p := d.book.b, d.book.p
	prev := p.Prev()
	src, closed := b.Closed(prev)
	if !closed {
		rel, err := b.FactSheet(prev)
		if err != nil {
			if b.First(p) {
				return nil, nil
			}
			return nil, problem.Errorf("%v; a recoverable draw of %s opens with what was owed at the end of %s, the period before it: add that period's fact sheet", err, p, prev)
		}
		src = rel
	}
	bal, ok := d.closings[prev]
	switch {
	case ok:
	case closed:
		bal = balances{}
		if _, err := book.ReadFiguresEach(b.Path(src), prev, func(f *book.Figures) error {
			takeClosings(bal, f)
			return nil
		}); err != nil {
			return nil, err
		}
		keepClosings(d, prev, bal)
	default:
		// Computed, the period keeps its closing balances (computePeriod).
		if _, err := computePeriod(d, b, s, prev, lang); err != nil {
			return nil, err
		}
		bal = d.closings[prev]
	}
	return &calc.Carried{Period: prev.String(), Source: src, Src: calc.Note(b.Path(src)), Balances: bal}, nil
}
