package calc

import (
	"time"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file computes a commission per deal (docs/calculation.md §5.16):
// each deal of the Deals ledger through the ladder on its own (Oracle's
// per-transaction rate tables), or at the rate, and the deals summed.

// dealLines are an employee's rows of one deal, in the ledger's order.
type dealLines struct {
	id   string
	deal *Deal   // its first row: the deal's amount, date, margin, share
	rows []*Deal // every row of the deal
}

// srcs are the places of the deal's rows.
func (dl *dealLines) srcs() []Place {
	out := make([]Place, len(dl.rows))
	for i, d := range dl.rows {
		out[i] = d.Src
	}
	return out
}

// ledger groups the employee's rows of the Deals table by deal, in the
// order each deal first appears.
func (r *run) ledger() []*dealLines {
	var out []*dealLines
	byID := map[string]*dealLines{}
	for i := range r.e.Deals {
		d := &r.e.Deals[i]
		dl := byID[d.ID]
		if dl == nil {
			dl = &dealLines{id: d.ID}
			byID[d.ID] = dl
			out = append(out, dl)
		}
		dl.rows = append(dl.rows, d)
		if dl.deal == nil && !d.IsCredit() {
			dl.deal = d
		}
	}
	return out
}

// period is the pay period's first and last days.
func (r *run) periodDays(what problem.Text) (first, last time.Time, ok bool) {
	if !r.needPeriod(what) {
		return first, last, false
	}
	first, _ = time.Parse("2006-01", r.in.Period)
	return first, first.AddDate(0, 1, -1), true
}

// dealCommission is a commission per deal: what each deal of the ledger
// earns in the period, summed. Each deal goes through the ladder (or is
// multiplied by the rate) on its own.
func (r *run) dealCommission(c *plan.Component) Q {
	first, last, ok := r.periodDays(problem.New("a commission per deal"))
	if !ok {
		return Q{}
	}
	var l *plan.Ladder
	var how Place
	if c.Ladder != "" {
		l = r.s.Ladder(c.Ladder)
		how = SchemePos(r.s, l.Pos)
	} else {
		how = SchemeSrc(r.s, c.Rate)
	}
	sum := Q{}
	var parts []Q
	for _, dl := range r.ledger() {
		if dl.deal == nil {
			r.fail(dl.rows[0].Src, "a credit note of deal %q, which has no row of its own: keep the deal's row in the Deals table", dl.id)
			continue
		}
		for _, d := range dl.rows {
			if d.IsCredit() || d.Share != nil || c.IsPaidOnly() {
				r.fail(d.Src, "credit notes, shares and paid-only deals are not computed yet")
				return Q{}
			}
		}
		d := dl.deal
		if civil(d.Date).Before(first) || civil(d.Date).After(last) {
			continue // a deal of another period
		}
		base := r.dealBase(c, d)
		amount, phrase := r.dealEarned(c, l, base)
		r.say(append(dl.srcs(), how), MsgDeal, c.ID, dl.id, dealWhat(d), phrase)
		sum = sum.Add(amount)
		parts = append(parts, amount)
	}
	if parts == nil {
		r.say(nil, MsgDealsNone, c.ID, r.in.Period)
		return sum
	}
	r.say(nil, MsgDealsSum, c.ID, parts, sum)
	return sum
}

// dealBase is what of the deal its commission is computed on: its amount,
// or its margin.
func (r *run) dealBase(c *plan.Component, d *Deal) Q {
	if c.OnMargin() {
		if d.Margin == nil {
			r.fail(d.Src, "deal %q has no margin, and the commission is on the margin", d.ID)
			return Q{}
		}
		return Dec(d.Margin.V)
	}
	return Dec(d.Amount.V)
}

// dealEarned is the commission of one deal on base x: through the ladder
// (a marginal one pays each slice at its tier's rate, a step one the whole
// at its tier's rate) or at the rate. Below zero (a deal sold at a loss,
// on margin) it earns nothing.
func (r *run) dealEarned(c *plan.Component, l *plan.Ladder, x Q) (Q, Phrase) {
	x = x.Max(Q{})
	switch {
	case l == nil:
		amount := x.MulD(c.Rate.V)
		return amount, r.phrase(MsgDealRate, x, c.Rate.Raw, amount)
	case l.Type == plan.LadderMarginal:
		v, how := r.ladder(l, x)
		return v, r.phrase(MsgDealLadder, x, l.ID, how)
	default:
		v, how := r.ladder(l, x)
		amount := x.Mul(v)
		return amount, r.phrase(MsgDealStep, x, l.ID, how, x, v, amount)
	}
}

// dealWhat names a deal in its step: its client and date.
func dealWhat(d *Deal) string {
	date := civil(d.Date).Format("2006-01-02")
	if d.Client == "" {
		return date
	}
	return d.Client + ", " + date
}
