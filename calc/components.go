package calc

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file computes the components beside the bonus: commissions,
// bonuses, proportional and unit bonuses, pools.

func (r *run) component(c *plan.Component) {
	cr := ComponentResult{ID: c.ID, Title: c.Title, Type: c.Type}
	var amount Q
	switch c.Type {
	case plan.ComponentCommission:
		if c.PerDeal() {
			amount = r.dealCommission(c)
			break
		}
		var ok bool
		if amount, ok = r.commission(c, r.kpis[c.KPI]); !ok {
			return
		}
	case plan.ComponentBonus:
		w := c.When
		holds := false
		var srcs []Place
		if w.Condition != "" {
			v, ok := r.fact(w.Condition, problem.New("condition"))
			if !ok {
				return
			}
			holds = v.V.Equal(one)
			srcs = []Place{v.Src}
		} else {
			st := r.kpis[w.KPI]
			level, src := map[string]*Q{"base": st.base, "norm": st.norm, "target": st.target}[w.Reaches], map[string]Place{"base": st.baseSrc, "norm": st.normSrc, "target": st.targetSrc}[w.Reaches]
			if level == nil {
				r.fail(r.e.Src, "component %q needs the %s of KPI %q: give it in the scheme or the Plans table", c.ID, w.Reaches, w.KPI)
				return
			}
			f := st.q
			holds = f.Cmp(*level) >= 0
			if st.lower {
				holds = f.Cmp(*level) <= 0
			}
			srcs = append(st.factSrcs(), src)
		}
		srcs = append(srcs, SchemeSrc(r.s, c.Amount))
		if holds {
			amount = Dec(c.Amount.V)
			if c.Amount.OfFixed { // amount: 10% of fixed, of the fixed part as given
				amount = amount.MulD(r.fixed.V)
				srcs = append(srcs, r.fixed.Src)
				r.say(srcs, MsgComponentShare, c.ID, c.Amount.V, r.fixed.V, amount)
			}
		}
		r.say(srcs, MsgConditionComponent, c.ID, holds, amount)
	case plan.ComponentProportional:
		st := r.kpis[c.KPI]
		rq := r.needR(st, problem.New("%s", c.ID))
		if rq == nil {
			return
		}
		if st.perfect && c.Max == nil {
			r.fail(st.fact.Src, "KPI %q: a fact of 0 is the best possible result, but %s has no max fulfilment: give it a max", c.KPI, c.ID)
			return
		}
		x := *rq
		var note Phrase
		switch {
		case c.Min != nil && x.CmpD(c.Min.V) < 0:
			x = Q{}
			note = r.phrase(MsgBelowMinimum, c.Min.Raw)
		case c.Max != nil && x.CmpD(c.Max.V) > 0:
			x = Dec(c.Max.V)
			note = r.phrase(MsgCappedAtMax, c.Max.Raw)
		}
		amount = x.MulD(c.Amount.V)
		r.say(append(st.factSrcs(), st.normSrc, SchemeSrc(r.s, c.Amount)), MsgProportional,
			c.ID, r.fulfilmentText(st), c.Amount.Raw, x, note, amount)
	case plan.ComponentClawback:
		amount = r.clawback(c)
	case plan.ComponentPool, plan.ComponentOverride:
		r.pooled = true // set once every member, or everyone below, is computed
	case plan.ComponentDraw:
		r.startDraw(c) // its line is set last, by finishTotal
		return
	case plan.ComponentFormula:
		var ok bool
		if amount, ok = r.formulaComponent(c); !ok {
			return
		}
		if amount.Sign() < 0 {
			r.say(nil, MsgComponentNegative, c.ID, amount)
			amount = Q{}
		}
		cr.Amount = amount.Round(r.componentStep(c), r.s.Mode())
		r.out.Components[r.slot] = cr
		return
	case plan.ComponentTrueUp:
		var ok bool
		if amount, ok = r.trueUp(c); !ok {
			return
		}
	case plan.ComponentUnitBonus:
		st := r.kpis[c.KPI]
		if st.norm == nil {
			r.fail(r.e.Src, "component %q needs the norm of KPI %q: give it in the scheme or the Plans table", c.ID, c.KPI)
			return
		}
		over := st.q.Sub(*st.norm).Max(Q{})
		amount = over.MulD(c.Price.V).MulD(c.Rate.V)
		r.say(append(st.factSrcs(), st.normSrc, SchemeSrc(r.s, c.Price), SchemeSrc(r.s, c.Rate)), MsgUnitBonus,
			c.ID, st.shown(), *st.norm, over, c.Price.Raw, c.Rate.Raw, amount)
	}
	if amount.Sign() < 0 && !c.PerDeal() && c.Type != plan.ComponentClawback {
		// A commission per deal may be below zero: credit notes of the
		// period taking back more than its deals earn (§5.18); a
		// clawback is what they take back, 0 or below.
		r.say(nil, MsgComponentNegative, c.ID, amount)
		amount = Q{}
	}
	cr.Amount = r.money(amount)
	r.out.Components[r.slot] = cr
}

// commission is commission c on a KPI (not per deal) for the KPI's state
// st: the fact × the rate, or through the ladder, keyed on the fact or
// the attainment. A true-up sends the span's state through it (trueup.go).
// false: it could not be computed, and why is recorded.
func (r *run) commission(c *plan.Component, st *kpiState) (Q, bool) {
	f := st.q
	if c.Rate != nil {
		amount := f.MulD(c.Rate.V)
		r.say(append(st.factSrcs(), SchemeSrc(r.s, c.Rate)), MsgCommission, c.ID, st.shown(), c.Rate.Raw, amount)
		return amount, true
	}
	l := r.s.Ladder(c.Ladder)
	switch {
	case c.TiersOn == plan.TiersOnAttainment:
		return r.attainmentCommission(c, l, st)
	case c.Prior != "":
		return r.priorCommission(c, l, st), true
	case l.Type == plan.LadderMarginal:
		amount, how := r.ladder(l, f)
		srcs := st.factSrcs()
		if newShape(l) {
			srcs = append(srcs, SchemePos(r.s, l.Pos)) // a ladder of today's shapes cites the fact alone, as before
		}
		r.say(srcs, MsgCommissionLadder, c.ID, st.shown(), l.ID, how)
		return amount, true
	}
	return r.stepCommission(c, l, st), true
}

// componentStep is the step a component is rounded to: its own round, or
// the scheme's.
func (r *run) componentStep(c *plan.Component) decimal.Decimal {
	if c.Round != nil {
		return c.Round.V
	}
	return r.s.Step()
}

// formulaComponent is a formula component's amount before rounding
// (plan.Component.Formula): the formula over the person's fixed part and
// variable target as given, the KPI bonus as paid and the role's other
// components as rounded, prorated by days worked when it says so.
// ERPNext's case: a base of 29,029, HRA = 0.2 × fixed prorated 20/22 =
// 5,278 rounded to whole units.
func (r *run) formulaComponent(c *plan.Component) (Q, bool) {
	ok := true
	f, q, srcs, zero := r.evalFormula(c.Formula.Expr, func(name string) (decimal.Decimal, Place, bool) {
		switch name {
		case plan.AmountFixed:
			return r.fixed.V, r.fixed.Src, true
		case plan.AmountVariable:
			return r.variable.V, r.variable.Src, true
		case plan.AmountBonus:
			return r.out.Bonus, Place{}, true
		}
		for i, o := range r.role.Components {
			if o.ID == name {
				return r.out.Components[i].Amount, Place{}, true
			}
		}
		if ok {
			r.fail(SchemePos(r.s, c.Formula.Pos), "the formula of component %q reads %q, which the role does not have", c.ID, name)
		}
		ok = false
		return decimal.Zero, Place{}, false
	})
	if !ok {
		return Q{}, false
	}
	srcs = append(srcs, SchemePos(r.s, c.Formula.Pos))
	if zero {
		if c.IfZero == nil {
			r.fail(r.e.Src, "component %q: the formula %s divides by zero with these amounts: give the component if_zero: the amount it takes then (if_zero: 0)", c.ID, c.Formula.Expr.String())
			return Q{}, false
		}
		q = Dec(c.IfZero.V)
		srcs = append(srcs, SchemeSrc(r.s, c.IfZero))
		r.say(srcs, MsgComponentFormulaZero, c.ID, f, c.IfZero.Raw)
	} else {
		r.say(srcs, MsgComponentFormula, c.ID, f, q)
	}
	if c.Prorate != nil && c.Prorate.V && r.out.Proration != nil {
		p := q.Mul(*r.out.Proration)
		r.say(nil, MsgComponentProrated, c.ID, q, *r.out.Proration, p)
		q = p
	}
	if c.Round != nil {
		r.say([]Place{SchemeSrc(r.s, c.Round)}, MsgComponentRounded, c.ID, c.Round.Raw, q, r.shownMoney(q.Round(c.Round.V, r.s.Mode())))
	}
	return q, true
}

// priorCommission is a marginal commission counted from the year's start
// (plan.Component.Prior): ladder(prior + fact) − ladder(prior). Spiff's
// example: tiers 0–150,000 at 4 %, 150,000–250,000 at 6 %, above at 8 %;
// 145,000 made before, a 20,000 deal pays 6,900 − 5,800 = 1,100.
func (r *run) priorCommission(c *plan.Component, l *plan.Ladder, st *kpiState) Q {
	prior, ok := r.prior(c)
	if !ok {
		return Q{}
	}
	p := Dec(prior.V)
	to, howTo := r.ladder(l, p.Add(st.q))
	from, howFrom := r.ladder(l, p)
	amount := to.Sub(from)
	r.say(append(st.factSrcs(), prior.Src, SchemePos(r.s, l.Pos)), MsgCommissionPrior, c.ID, l.ID, prior.V, st.shown(), p.Add(st.q), howTo, prior.V, howFrom, amount)
	return amount
}

// prior is what a commission counted from the year's start takes as the
// sales before this period: its Facts column, or with prior: year-to-date
// the sum of the person's facts of its KPI over the book's earlier periods
// of the year (in.YearToDate), 0 in a period where they were not on the
// roster; the step says each period's figure and where it was read.
func (r *run) prior(c *plan.Component) (Value, bool) {
	if !c.PriorFromBook() {
		return r.fact(c.Prior, problem.New("the sales before this period"))
	}
	at := SchemePos(r.s, c.PriorPos())
	ytd := r.in.YearToDate
	if ytd == nil {
		r.fail(at, "commission %q counts from the year's start with prior: %s, whose sales before this period are read from the book: run with --book DIR --period P", c.ID, plan.PriorYearToDate)
		return Value{}, false
	}
	if len(ytd.Periods) == 0 {
		r.say([]Place{at}, MsgPriorYearToDateNone, c.ID, c.KPI, r.in.Period)
		return Value{V: zero, Src: at}, true
	}
	sum := zero
	var terms []Phrase
	srcs := []Place{at}
	for _, p := range ytd.Periods {
		v, ok := p.Facts[r.e.ID].Get(c.KPI)
		if !ok {
			if !r.quiet {
				terms = append(terms, Phrase{Msg: MsgYearToDateAbsent, Args: []any{p.Period, p.Source}})
			}
			continue
		}
		sum = sum.Add(v.V)
		if !r.quiet {
			terms = append(terms, Phrase{Msg: MsgYearToDateTerm, Args: []any{p.Period, v.V, p.Source}})
			srcs = append(srcs, v.Src)
		}
	}
	r.say(srcs, MsgPriorYearToDate, c.ID, c.KPI, terms, Dec(sum))
	return Value{V: sum, Src: at}, true
}

// stepCommission pays the whole fact at the rate of the step tier holding
// it, plus the tier's fixed amount when it has one: amount + rate × fact. A
// fact above the last tier's to is held at it (docs/calculation.md §4.2).
func (r *run) stepCommission(c *plan.Component, l *plan.Ladder, st *kpiState) Q {
	t, at, how := stepAt(l, st.q, r.quiet)
	var shown any = st.shown() // the fact the rate is paid on
	if at.over {
		shown = at.x
	}
	srcs := st.factSrcs()
	if t != nil && newShape(l) {
		srcs = append(srcs, SchemePos(r.s, t.Pos)) // a ladder of today's shapes cites the fact alone, as before
	}
	if t == nil || t.Amount == nil {
		var v Q
		if t != nil {
			v = Dec(t.Value.V)
		}
		amount := at.x.Mul(v)
		r.say(srcs, MsgCommissionRate, c.ID, l.ID, st.shown(), how, shown, v, amount)
		return amount
	}
	amount, pay := r.tierPay(t, at.x, shown)
	r.say(srcs, MsgCommissionStep, c.ID, l.ID, st.shown(), how, pay)
	return amount
}

// newShape reports whether a commission's ladder uses a shape of issue
// 12, item 7 (an upper bound on the last tier, inclusive: to, a fixed
// amount): its explanation then cites the tier or the ladder it read.
func newShape(l *plan.Ladder) bool {
	return l.UpperInclusive() || l.Tiers[len(l.Tiers)-1].To != nil || l.Amounts() >= 0
}

// tierPay is what a step tier holding a commission pays on fact f (shown
// as shown): its amount, or its amount + its rate × f, or its rate × f.
func (r *run) tierPay(t *plan.Tier, f Q, shown any) (Q, Phrase) {
	var amount Q
	if t.Value != nil {
		amount = f.MulD(t.Value.V)
	}
	switch {
	case t.Amount == nil:
		return amount, r.phrase(MsgPayRate, shown, t.Value.Raw, amount)
	case t.Value == nil:
		return Dec(t.Amount.V), r.phrase(MsgPayAmount, t.Amount.Raw)
	}
	amount = amount.Add(Dec(t.Amount.V))
	return amount, r.phrase(MsgPayAmountRate, t.Amount.Raw, shown, t.Value.Raw, amount)
}

// attainmentCommission is a commission whose ladder's tiers are keyed on
// the KPI's attainment, fact / norm (plan.Component.TiersOn). A step ladder
// pays the whole fact at the rate of the tier the attainment falls in (and
// the tier's amount); an attainment above the last tier's to is held at it,
// and the fact paid on is then norm × to. A marginal ladder maps each slice
// of attainment back to an amount of the norm: quota 100,000, sales
// 120,000, tiers 0–0.8 at 3 %, 0.8–1 at 5 %, above at 7 %: 80,000 × 3 % +
// 20,000 × 5 % + 20,000 × 7 % = 4,800. With prior, the slices count from
// the year's start.
func (r *run) attainmentCommission(c *plan.Component, l *plan.Ladder, st *kpiState) (Q, bool) {
	rq := r.needR(st, problem.New("the tiers of commission %q, keyed on attainment", c.ID))
	if rq == nil {
		return Q{}, false
	}
	if st.lower {
		r.fail(st.normSrc, "KPI %q is lower-is-better for this employee, and commission %q keys its tiers on attainment, which needs a higher-is-better KPI: remove tiers_on to key them on the fact", st.k.ID, c.ID)
		return Q{}, false
	}
	srcs := append(st.factSrcs(), st.normSrc)
	if l.Type == plan.LadderMarginal {
		if c.Prior != "" {
			return r.priorAttainmentCommission(c, l, st)
		}
		amount, how := evalMarginal(l, *rq, st.norm, sayer(r.quiet))
		r.say(append(srcs, SchemePos(r.s, l.Pos)), MsgAttainmentSlices, c.ID, r.fulfilmentText(st), l.ID, *st.norm, how)
		return amount, true
	}
	t, at, how := stepAt(l, *rq, r.quiet)
	if t == nil {
		r.say(srcs, MsgAttainmentStep, c.ID, r.fulfilmentText(st), l.ID, how, Q{})
		return Q{}, true
	}
	srcs = append(srcs, SchemePos(r.s, t.Pos))
	if !at.over {
		amount, pay := r.tierPay(t, st.q, st.shown())
		r.say(srcs, MsgAttainmentStep, c.ID, r.fulfilmentText(st), l.ID, how, pay)
		return amount, true
	}
	// Held at the bound: the fact paid on is the norm × the bound.
	f := st.norm.Mul(at.x)
	var amount Q
	if t.Value != nil {
		amount = f.MulD(t.Value.V)
	}
	var pay Phrase
	switch {
	case t.Amount == nil:
		pay = r.phrase(MsgPayRateHeld, *st.norm, at.to, t.Value.Raw, amount)
	case t.Value == nil:
		amount = Dec(t.Amount.V)
		pay = r.phrase(MsgPayAmount, t.Amount.Raw)
	default:
		amount = amount.Add(Dec(t.Amount.V))
		pay = r.phrase(MsgPayAmountRateHeld, t.Amount.Raw, *st.norm, at.to, t.Value.Raw, amount)
	}
	r.say(srcs, MsgAttainmentStep, c.ID, r.fulfilmentText(st), l.ID, how, pay)
	return amount, true
}

// priorAttainmentCommission is a marginal commission on attainment counted
// from the year's start: norm × (ladder((prior + fact) / norm) −
// ladder(prior / norm)), the slices mapped back to amounts of the norm.
func (r *run) priorAttainmentCommission(c *plan.Component, l *plan.Ladder, st *kpiState) (Q, bool) {
	prior, ok := r.prior(c)
	if !ok {
		return Q{}, false
	}
	p := Dec(prior.V)
	norm := *st.norm
	x1, x0 := p.Add(st.q).Quo(norm), p.Quo(norm)
	say := sayer(r.quiet)
	to, howTo := evalMarginal(l, x1, &norm, say)
	from, howFrom := evalMarginal(l, x0, &norm, say)
	amount := to.Sub(from)
	r.say(append(st.factSrcs(), prior.Src, st.normSrc, SchemePos(r.s, l.Pos)), MsgAttainmentPrior,
		c.ID, l.ID, prior.V, st.shown(), norm, x1, howTo, prior.V, norm, x0, howFrom, amount)
	return amount, true
}
