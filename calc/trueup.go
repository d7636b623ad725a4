package calc

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/plan"
)

// This file computes a true-up (docs/calculation.md §5.19): in the last
// period of its span (the quarter's, the year's), what the span's figures
// earn on a commission or on the KPI bonus, less what the span's periods
// paid on it, never below 0. The span's earlier periods come in
// Input.TrueUps (the command reads them from the book); the run's own
// period is the run's.
//
// QuotaPath's accelerator on a quarterly quota: a monthly quota of
// 100,000, 10 % up to 100 % attainment and 20 % above, months of 80,000,
// 70,000 and 150,000 pay 8,000 + 7,000 + 20,000 = 35,000; the quarter,
// 300,000 of 300,000, earns 30,000, and the true-up is max(0, 30,000 −
// 35,000) = 0: the months' payments stand.

// spanMonth is one period of a span as a true-up reads it: nil pay for a
// person not paid in it.
type spanMonth struct {
	period string
	src    Place
	source Phrase // where its figures were read, as the explanation says it
	pay    *PastPay
	now    bool // the run's own period
}

// trueUp is true-up c's amount before rounding. false: it could not be
// computed, and why is recorded.
func (r *run) trueUp(c *plan.Component) (Q, bool) {
	at := SchemePos(r.s, c.Pos)
	kind, _ := c.OverKind()
	if r.in.per.IsZero() {
		r.fail(at, "true-up %q pays at the end of each %s, and the run's period is not known: run with --book DIR --period P", c.ID, kind.Word())
		return Q{}, false
	}
	span := r.in.per.Enclosing(kind)
	if !r.in.per.Ends(kind) {
		last := period.Of(span.Last(), r.in.per.Kind())
		r.say([]Place{at}, MsgTrueUpLater, c.ID, c.Of, span.String(), last.String())
		return Q{}, true
	}
	sp := r.in.TrueUps[c.Over]
	if sp == nil {
		r.fail(at, "true-up %q recomputes %s over %s from the book: the span's earlier periods are read from it: run with --book DIR --period P", c.ID, c.Of, span.String())
		return Q{}, false
	}
	months := make([]spanMonth, 0, len(sp.Periods)+1)
	for i := range sp.Periods {
		p := &sp.Periods[i]
		m := spanMonth{period: p.Period, src: p.Src, pay: p.People[r.e.ID]}
		if p.Closed {
			m.source = r.phrase(MsgTrueUpClosed, p.Source)
		} else {
			m.source = r.phrase(MsgTrueUpComputed, p.Source)
		}
		months = append(months, m)
	}
	now := r.nowPay()
	months = append(months, spanMonth{period: r.in.per.String(), src: r.e.Src, source: r.phrase(MsgTrueUpThisRun, r.in.Source), pay: now, now: true})
	if c.Of == plan.TrueUpOfBonus {
		return r.trueUpBonus(c, span, months)
	}
	return r.trueUpCommission(c, span, months)
}

// nowPay is the run's own figures as a past period's: the KPIs' facts and
// plan levels, the components computed so far, the variable part and the
// bonus.
func (r *run) nowPay() *PastPay {
	p := &PastPay{Variable: r.out.Variable, Bonus: r.out.Bonus}
	for _, k := range r.role.KPIs {
		st := r.kpis[k.ID]
		if st == nil {
			continue
		}
		// The exact fact: a computed KPI's may not be a decimal, and is
		// then shown to RatioPlaces, as a snapshot holds it.
		f := st.fact.V
		if st.computed {
			f = st.q.Shown()
		}
		p.KPIs = append(p.KPIs, PastKPI{ID: k.ID, Fact: f, Base: st.base, Norm: st.norm, Target: st.target})
	}
	for i, c := range r.role.Components {
		if c != nil {
			p.Components = append(p.Components, PastAmount{ID: c.ID, Amount: r.out.Components[i].Amount})
		}
	}
	return p
}

// paidOn is each month's payment of component (or bonus) of, in the
// months' order, and their sum; a month the person was not paid in counts
// nothing and is not shown.
func (r *run) paidOn(of string, months []spanMonth) ([]Money, decimal.Decimal) {
	var paid []Money
	sum := decimal.Zero
	for _, m := range months {
		if m.pay == nil {
			continue
		}
		v := m.pay.Bonus
		if of != plan.TrueUpOfBonus {
			v = m.pay.Amount(of)
		}
		paid = append(paid, r.shownMoney(v))
		sum = sum.Add(v)
	}
	return paid, sum
}

// trueUpCommission recomputes commission c.Of over the span: the fact is
// the sum of the months' facts of its KPI, the norm (for tiers on
// attainment) the sum of the norms as each month used them, through the
// same rate or ladder.
func (r *run) trueUpCommission(c *plan.Component, span period.Period, months []spanMonth) (Q, bool) {
	o := r.role.Component(c.Of)
	cur := r.kpis[o.KPI]
	onAttainment := o.TiersOn == plan.TiersOnAttainment
	st := &kpiState{k: cur.k, lower: cur.lower, computed: true}
	var facts, norms []Q
	var fact, norm Q
	for _, m := range months {
		var k *PastKPI
		if m.pay != nil {
			k = m.pay.KPI(o.KPI)
		}
		if k == nil {
			r.say([]Place{m.src}, MsgTrueUpAbsent, c.ID, m.period, m.source)
			continue
		}
		var shownNorm any = "—"
		if k.Norm != nil {
			shownNorm = *k.Norm
		}
		srcs := []Place{m.src}
		if m.now {
			srcs = cur.factSrcs() // the run's own fact: its cell
		}
		r.say(srcs, MsgTrueUpMonth, c.ID, m.period, o.KPI, k.Fact, shownNorm, o.ID, r.shownMoney(m.pay.Amount(o.ID)), m.source)
		f := Dec(k.Fact)
		facts, fact = append(facts, f), fact.Add(f)
		st.srcs = append(st.srcs, srcs...)
		if onAttainment {
			if k.Norm == nil {
				r.fail(m.src, "true-up %q: commission %q keys its tiers on attainment, and KPI %q has no norm in %s: give it in the scheme or the Plans table", c.ID, o.ID, o.KPI, m.period)
				return Q{}, false
			}
			norms, norm = append(norms, *k.Norm), norm.Add(*k.Norm)
		}
	}
	paid, paidSum := r.paidOn(o.ID, months)
	if onAttainment {
		r.say(nil, MsgTrueUpSums, c.ID, span.String(), o.KPI, facts, fact, norms, norm, o.ID, paid, r.shownMoney(paidSum))
	} else {
		r.say(nil, MsgTrueUpSumsNoNorm, c.ID, span.String(), o.KPI, facts, fact, o.ID, paid, r.shownMoney(paidSum))
	}
	st.q = fact
	st.fact = Value{V: fact.Shown()}
	if onAttainment {
		st.norm, st.normSrc = &norm, SchemePos(r.s, c.Pos)
		st.r, st.rErr = fulfilment(st)
	}
	// The span's commission, through the commission's own rate or ladder,
	// shown under the span's name.
	shown := *o
	shown.ID = o.ID + " " + span.String()
	amount, ok := r.commission(&shown, st)
	if !ok {
		return Q{}, false
	}
	return r.trueUpLine(c, span, amount, paidSum), true
}

// trueUpLine is the span's amount less what was paid, never below 0.
func (r *run) trueUpLine(c *plan.Component, span period.Period, amount Q, paid decimal.Decimal) Q {
	line := amount.Sub(Dec(paid)).Max(Q{})
	r.say([]Place{SchemePos(r.s, c.Pos)}, MsgTrueUpLine, c.ID, c.Of, span.String(), amount, r.shownMoney(paid), line)
	return line
}

// trueUpBonus recomputes the role's KPI bonus over the span: per KPI the
// span's fact, base, norm and target are the sums of the months' (the
// means over the months the person was paid for a KPI in percent or
// computed by a formula, which do not add up), the index as §3 gives it,
// K = Σ weight × index (through the payout ladder, if any), × the sum of
// the variable parts as each month paid them.
func (r *run) trueUpBonus(c *plan.Component, span period.Period, months []spanMonth) (Q, bool) {
	var variables []Money
	variable := decimal.Zero
	for _, m := range months {
		if m.pay == nil {
			r.say([]Place{m.src}, MsgTrueUpAbsent, c.ID, m.period, m.source)
			continue
		}
		r.say([]Place{m.src}, MsgTrueUpBonusMonth, c.ID, m.period, r.shownMoney(m.pay.Variable), r.shownMoney(m.pay.Bonus), m.source)
		variables = append(variables, r.shownMoney(m.pay.Variable))
		variable = variable.Add(m.pay.Variable)
	}
	var kSum Q
	for _, k := range r.role.KPIs {
		if k == nil || k.Weight == nil {
			continue
		}
		cur := r.kpis[k.ID]
		st := &kpiState{k: k, lower: cur.lower, computed: true}
		var facts, norms []Q
		var fact, base, norm, target Q
		n, hasTarget := 0, true
		for _, m := range months {
			var x *PastKPI
			if m.pay != nil {
				x = m.pay.KPI(k.ID)
			}
			if x == nil {
				continue
			}
			if x.Base == nil || x.Norm == nil {
				r.fail(m.src, "true-up %q: KPI %q has no base or norm in %s, needed for its index over %s: give them in the scheme or the Plans table", c.ID, k.ID, m.period, span.String())
				return Q{}, false
			}
			n++
			f := Dec(x.Fact)
			facts, fact = append(facts, f), fact.Add(f)
			norms, norm = append(norms, *x.Norm), norm.Add(*x.Norm)
			base = base.Add(*x.Base)
			if x.Target == nil {
				hasTarget = false
			} else {
				target = target.Add(*x.Target)
			}
			st.srcs = append(st.srcs, m.src)
		}
		if n == 0 {
			continue
		}
		if k.Unit == plan.UnitPercent || k.Formula != nil {
			// A share does not add up over months: the span's is the mean
			// of the months'.
			q := Dec(decimal.NewFromInt(int64(n)))
			fact, base, norm, target = fact.Quo(q), base.Quo(q), norm.Quo(q), target.Quo(q)
			r.say(nil, MsgTrueUpKPIMean, c.ID, k.ID, span.String(), facts, n, fact, norms, n, norm)
		} else {
			r.say(nil, MsgTrueUpKPISums, c.ID, k.ID, span.String(), facts, fact, norms, norm)
		}
		st.q, st.fact = fact, Value{V: fact.Shown()}
		st.base, st.norm = &base, &norm
		if hasTarget {
			st.target = &target
		}
		if norm.Cmp(base) == 0 {
			r.fail(SchemePos(r.s, c.Pos), "true-up %q: KPI %q's norm equals its base over %s (%s), so its index is undefined", c.ID, k.ID, span.String(), norm)
			return Q{}, false
		}
		idx, raw, held := index(st, fact)
		var note, capText Phrase
		if raw.Sign() < 0 {
			note = r.phrase(MsgAtOrBelowBase)
		}
		switch held {
		case heldAtCap:
			capText = r.phrase(MsgCappedAt, k.Cap.Raw)
		case heldAtTarget:
			capText = r.phrase(MsgCappedAtTarget, idx)
		}
		weighted := Dec(k.Weight.V).Mul(idx)
		r.say(nil, MsgIndex, k.ID, st.shown(), base, norm, base, raw, note, capText, k.Weight.Raw, weighted)
		kSum = kSum.Add(weighted)
	}
	coef := kSum
	r.say(nil, MsgTrueUpK, c.ID, span.String(), kSum)
	if p := r.role.Bonus.Payout; p != "" {
		l := r.s.Ladder(p)
		var how Phrase
		coef, how = r.ladder(l, kSum)
		r.say([]Place{SchemePos(r.s, l.Pos)}, MsgPayoutLadder, l.ID, kSum, how)
	}
	amount := coef.MulD(variable)
	paidList, paid := r.paidOn(plan.TrueUpOfBonus, months)
	r.say(nil, MsgTrueUpBonusSpan, c.ID, span.String(), coef, variables, r.shownMoney(variable), amount, paidList, r.shownMoney(paid))
	return r.trueUpLine(c, span, amount, paid), true
}
