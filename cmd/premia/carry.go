package main

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Carry-overs (docs/book.md "Carry-overs", docs/calculation.md §5.15): in
// a book run, a recoverable draw opens at what the person owed it at the
// end of the book's previous period of the run's kind, read from that
// period's snapshot when it is closed, else computed from its fact sheet
// (which carries from the period before it, and so on back to a closed
// period or the book's first). calc gets the balances in calc.Input.Draws
// and reads no file.

// balances are the closing balances of the recoverable draws of a period,
// by employee id, then draw id: the few figures a carry needs of a whole
// period's result.
type balances = map[string]map[string]decimal.Decimal

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
	if !ok {
		res, _, err := bookPeriodResult(d, b, s, prev, lang)
		if err != nil {
			return nil, err
		}
		bal = balances{}
		for _, e := range res.Employees {
			for _, c := range e.Components {
				if c.Balance == nil {
					continue
				}
				if bal[e.ID] == nil {
					bal[e.ID] = map[string]decimal.Decimal{}
				}
				bal[e.ID][c.ID] = c.Balance.Closing
			}
		}
		if d.closings == nil {
			d.closings = map[period.Period]balances{}
		}
		d.closings[prev] = bal
	}
	return &calc.Carried{Period: prev.String(), Source: src, Src: calc.Note(b.Path(src)), Balances: bal}, nil
}
