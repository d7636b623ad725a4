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
		st := r.kpis[c.KPI]
		f := st.q
		if c.Rate != nil {
			amount = f.MulD(c.Rate.V)
			r.say(append(st.factSrcs(), SchemeSrc(r.s, c.Rate)), MsgCommission, c.ID, st.shown(), c.Rate.Raw, amount)
		} else {
			l := r.s.Ladder(c.Ladder)
			v, how := r.ladder(l, f)
			if c.Prior != "" {
				amount = r.priorCommission(c, l, st)
				break
			}
			if l.Type == plan.LadderMarginal {
				amount = v
				r.say(st.factSrcs(), MsgCommissionLadder, c.ID, st.shown(), l.ID, how)
			} else {
				amount = f.Mul(v)
				r.say(st.factSrcs(), MsgCommissionRate, c.ID, l.ID, st.shown(), how, st.shown(), v, amount)
			}
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
	if amount.Sign() < 0 {
		r.say(nil, MsgComponentNegative, c.ID, amount)
		amount = Q{}
	}
	cr.Amount = r.money(amount)
	r.out.Components[r.slot] = cr
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
	prior, ok := r.fact(c.Prior, problem.New("the sales before this period"))
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
