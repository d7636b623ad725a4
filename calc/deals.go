package calc

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file computes a commission per deal (docs/calculation.md §5.18):
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
	return r.in.per.First(), r.in.per.Last(), true
}

// dealCommission is a commission per deal: what each deal of the ledger
// earns in the period, summed. Each deal goes through the ladder (or is
// multiplied by the rate) on its own. With a clawback of it (plan
// Role.ClawbackOf), what the deals of earlier periods lose in the period
// is the clawback's line, not the commission's (clawback).
func (r *run) dealCommission(c *plan.Component) Q {
	sp := r.dealSplit(c)
	r.out.Steps = append(r.out.Steps, sp.comSteps...)
	return sp.com
}

// clawback is a clawback component: what the period's credit notes take
// back of the deals of earlier periods of the per-deal commission it is
// of (docs/calculation.md §5.18, "Clawbacks as a line of their own").
func (r *run) clawback(cb *plan.Component) Q {
	c := r.role.Component(cb.Of)
	if c == nil {
		return Q{} // plan.Validate refuses a clawback of no commission
	}
	sp := r.dealSplit(c)
	r.out.Steps = append(r.out.Steps, sp.clawSteps...)
	return sp.claw
}

// dealSplit is a per-deal commission's deals in the period: the
// commission's line and, with a clawback, the clawback's, each with the
// steps that explain it.
type dealSplit struct {
	com, claw           Q
	comSteps, clawSteps []Step
}

// dealSplit computes the per-deal commission c's deals in the period once
// for both its lines. A deal dated in the period, and a deal of an earlier
// period whose earning the period raises (a payment, under paid_only),
// are the commission's; with a clawback, a deal of an earlier period whose
// earning the period lowers (a credit note) is the clawback's. The net
// change of a deal decides its line, as one figure: a payment and a credit
// note of the period on one earlier deal are never counted apart.
func (r *run) dealSplit(c *plan.Component) *dealSplit {
	if sp, ok := r.deals[c.ID]; ok {
		return sp
	}
	sp := &dealSplit{}
	if r.deals == nil {
		r.deals = map[string]*dealSplit{}
	}
	r.deals[c.ID] = sp
	cb := r.role.ClawbackOf(c)
	say := func(to *[]Step, srcs []Place, msg Msg, args ...any) {
		if !r.quiet {
			*to = append(*to, Step{Phrase: Phrase{Msg: msg, Args: args}, Sources: srcs})
		}
	}
	first, last, ok := r.periodDays(problem.New("a commission per deal"))
	if !ok {
		return sp
	}
	var l *plan.Ladder
	var how Place
	if c.Ladder != "" {
		l = r.s.Ladder(c.Ladder)
		how = SchemePos(r.s, l.Pos)
	} else {
		how = SchemeSrc(r.s, c.Rate)
	}
	before := first.AddDate(0, 0, -1)
	var parts, clawed []Q
	for _, dl := range r.ledger() {
		if dl.deal == nil {
			r.fail(dl.rows[0].Src, "a credit note of deal %q, which has no row of its own: keep the deal's row in the Deals table", dl.id)
			continue
		}
		if !dl.activeIn(first, last, c.IsPaidOnly()) {
			continue // nothing of it happened in the period: it earns as before
		}
		now, nowSaid := r.dealBy(c, l, dl, last)
		srcs := append(dl.srcs(), how)
		d := dl.deal
		if !civil(d.Date).Before(first) {
			say(&sp.comSteps, srcs, MsgDeal, c.ID, dl.id, dealWhat(d), nowSaid)
			sp.com = sp.com.Add(now)
			parts = append(parts, now)
			continue
		}
		// A deal of an earlier period: what it earns by the period's end,
		// less what it had earned before the period began.
		was, wasSaid := r.dealBy(c, l, dl, before)
		amount := now.Sub(was)
		if cb == nil || amount.Sign() >= 0 {
			say(&sp.comSteps, srcs, MsgDealSince, c.ID, dl.id, dealWhat(d), nowSaid, r.in.Period, wasSaid, now, was, amount)
			sp.com = sp.com.Add(amount)
			parts = append(parts, amount)
			continue
		}
		if !r.quiet {
			// The deal's own period, what it had earned by that period's
			// end and, when periods came between, before this one.
			dp := period.Of(civil(d.Date), r.in.per.Kind())
			var closed, since Phrase
			if snap, ok := r.in.Closed[dp.String()]; ok {
				closed = r.phrase(MsgPeriodClosed, snap)
			} else if r.in.Closed != nil {
				closed = r.phrase(MsgPeriodOpen)
			}
			thenSaid := wasSaid
			if end := dp.Last(); end.Before(before) {
				_, thenSaid = r.dealBy(c, l, dl, end)
				since = r.phrase(MsgClawbackBefore, r.in.Period, wasSaid)
			}
			say(&sp.clawSteps, srcs, MsgClawbackDeal, cb.ID, dl.id, dealWhat(d), dp.String(), closed, dp.String(), thenSaid, since, nowSaid, now, was, amount)
		}
		sp.claw = sp.claw.Add(amount)
		clawed = append(clawed, amount)
	}
	// A sum of one deal would say its amount twice (= 100 = 100): the
	// deal's line says it.
	switch {
	case len(parts) == 1:
	case parts != nil:
		say(&sp.comSteps, nil, MsgDealsSum, c.ID, parts, sp.com)
	case cb != nil && clawed != nil:
		say(&sp.comSteps, nil, MsgDealsAllClawed, c.ID, r.in.Period, cb.ID)
	default:
		say(&sp.comSteps, nil, MsgDealsNone, c.ID, r.in.Period)
	}
	if cb != nil {
		switch {
		case len(clawed) == 1:
		case clawed != nil:
			say(&sp.clawSteps, nil, MsgClawbackSum, cb.ID, clawed, sp.claw)
		default:
			say(&sp.clawSteps, nil, MsgClawbackNone, cb.ID, r.in.Period)
		}
	}
	return sp
}

// activeIn reports whether anything of the deal happened between first and
// last: the deal itself, a credit note, or (paid: for a commission on paid
// deals) a payment. A deal with nothing in the period earns in it what it
// earned before: nothing more.
func (dl *dealLines) activeIn(first, last time.Time, paid bool) bool {
	in := func(t time.Time) bool { day := civil(t); return !day.Before(first) && !day.After(last) }
	for _, d := range dl.rows {
		if in(d.Date) || paid && d.Paid != nil && in(*d.Paid) {
			return true
		}
	}
	return false
}

// paidBy is what the customer has paid of the deal by the end of day t:
// each payment received by then (a row's paid amount, or the deal's whole
// amount when its row gives none).
func (dl *dealLines) paidBy(t time.Time) Q {
	paid := Q{}
	for _, d := range dl.rows {
		if d.IsCredit() || d.Paid == nil || civil(*d.Paid).After(t) {
			continue
		}
		if d.PaidAmount != nil {
			paid = paid.Add(Dec(d.PaidAmount.V))
		} else {
			paid = paid.Add(Dec(d.Amount.V))
		}
	}
	return paid
}

// owedBy is the deal's amount less the credit notes issued by the end of
// day t: what the customer owes in all.
func (dl *dealLines) owedBy(t time.Time) Q {
	owed := Dec(dl.deal.Amount.V)
	for _, d := range dl.rows {
		if d.IsCredit() && !civil(d.Date).After(t) {
			owed = owed.Add(Dec(d.Amount.V))
		}
	}
	return owed
}

// dealBy is what the deal has earned by the end of day t, and how: its
// commission on what of it stands by then (the deal less the credit notes
// issued by t). A credit note thus takes back the commission of the deal
// less the commission of the deal net of the credit: a full credit takes
// back all of it. Of a shared deal, the employee's share of it is what
// goes through the ladder. On paid deals (paid_only) it is that commission
// in proportion to what the customer has paid by t of what they owe.
func (r *run) dealBy(c *plan.Component, l *plan.Ladder, dl *dealLines, t time.Time) (Q, Phrase) {
	d := dl.deal
	if civil(d.Date).After(t) {
		return Q{}, r.phrase(MsgDealNotYet)
	}
	x := r.dealBase(c, d)
	var base any = x
	credited := Q{}
	for _, cn := range dl.rows {
		if !cn.IsCredit() || civil(cn.Date).After(t) {
			continue
		}
		credited = credited.Add(r.dealBase(c, cn).Neg())
	}
	if !credited.IsZero() {
		net := x.Sub(credited)
		base = r.phrase(MsgDealNet, x, credited, net)
		x = net
	}
	if sh := d.Share; sh != nil && !sh.V.Equal(one) {
		// A shared deal: the employee's share of it goes through the
		// ladder, as a deal of its own (the credit each is given).
		part := x.MulD(sh.V)
		base = r.phrase(MsgDealShare, sh.V, base, part)
		x = part
	}
	amount, said := r.dealEarned(c, l, x, base)
	if !c.IsPaidOnly() || amount.IsZero() {
		return amount, said
	}
	// On paid deals: the commission in proportion to what of the deal
	// (less its credit notes) the customer has paid by t.
	paid, owed := dl.paidBy(t), dl.owedBy(t)
	switch {
	case paid.IsZero():
		return Q{}, r.phrase(MsgDealUnpaid, said)
	case paid.Cmp(owed) >= 0:
		return amount, r.phrase(MsgDealPaidInFull, said)
	}
	part := amount.Mul(paid).Quo(owed)
	return part, r.phrase(MsgDealPaid, said, paid, owed, amount, paid, owed, part)
}

// dealBase is what of the deal its commission is computed on: its amount,
// or its margin (a credit note's: below zero).
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
//
// base is x as the explanation shows it (x, or how x was come to).
func (r *run) dealEarned(c *plan.Component, l *plan.Ladder, x Q, base any) (Q, Phrase) {
	x = x.Max(Q{})
	switch {
	case l == nil:
		amount := x.MulD(c.Rate.V)
		return amount, r.phrase(MsgDealRate, base, c.Rate.Raw, amount)
	case l.Type == plan.LadderMarginal:
		v, how := r.ladder(l, x)
		return v, r.phrase(MsgDealLadder, base, l.ID, how)
	default:
		// A step ladder: the whole deal at its tier's rate, or the tier's
		// fixed amount (and rate); above a last tier's to, held at it.
		t, at, how := stepAt(l, x, r.quiet)
		if t == nil {
			return Q{}, r.phrase(MsgDealLadder, base, l.ID, how)
		}
		amount, pay := r.tierPay(t, at.x, at.x)
		return amount, r.phrase(MsgDealStep, base, l.ID, how, pay)
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

// daysLateDeals counts, for an overdue penalty on deals (source: deals),
// the days of the period each deal of the ledger stays unpaid past its due
// date: from the day after it is due (or the period's first day) to the day
// it is paid in full (or the period's last day, while it is not). A deal
// still unpaid thus costs every day of the period, in every period, until
// it is paid; one paid late, the days up to its payment. A shared deal's
// days count by the employee's share.
func (r *run) daysLateDeals(m *plan.Modifier) (decimal.Decimal, []Place) {
	first, last, ok := r.periodDays(problem.New("the overdue penalty"))
	if !ok {
		return zero, nil
	}
	before := first.AddDate(0, 0, -1)
	days := zero
	var srcs []Place
	for _, dl := range r.ledger() {
		d := dl.deal
		if d == nil {
			r.fail(dl.rows[0].Src, "a credit note of deal %q, which has no row of its own: keep the deal's row in the Deals table", dl.id)
			continue
		}
		if civil(d.Date).After(last) {
			continue // not made yet
		}
		if d.Due == nil {
			r.fail(d.Src, "deal %q has no due date, and the overdue penalty counts the days deals stay unpaid past theirs", dl.id)
			continue
		}
		due := civil(*d.Due)
		from := due
		if from.Before(before) {
			from = before // the days before the period are the earlier periods'
		}
		to, settled := dl.settled()
		status := r.phrase(MsgDealPaidOn, civil(to).Format("2006-01-02"))
		if !settled || to.After(last) {
			to = last
			status = r.phrase(MsgDealUnpaidOn, last.Format("2006-01-02"))
		}
		n := int64(to.Sub(from) / (24 * time.Hour))
		if n <= 0 {
			continue
		}
		late := decimal.NewFromInt(n)
		var share Phrase
		if sh := d.Share; sh != nil && !sh.V.Equal(one) {
			late = late.Mul(sh.V)
			share = r.phrase(MsgLateShare, sh.V, late)
		}
		days = days.Add(late)
		srcs = append(srcs, dl.srcs()...)
		r.say(dl.srcs(), MsgDealLate, m.ID, dl.id, dealWhat(d), due.Format("2006-01-02"), status, r.in.Period, int(n), share)
	}
	return days, srcs
}

// settled is the day the deal is paid in full (its payments reach what is
// owed, the deal less its credit notes), and whether it is.
func (dl *dealLines) settled() (time.Time, bool) {
	var days []time.Time
	for _, d := range dl.rows {
		switch {
		case d.IsCredit():
			days = append(days, civil(d.Date))
		case d.Paid != nil:
			days = append(days, civil(*d.Paid))
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	for _, t := range days {
		if dl.paidBy(t).Cmp(dl.owedBy(t)) >= 0 {
			return t, true
		}
	}
	return time.Time{}, false
}
