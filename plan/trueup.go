package plan

import (
	"github.com/premia-pay/premia/internal/problem"
)

// This file checks a true-up (docs/calculation.md §5.19): what it
// recomputes over its span (of) and the span (over).

// trueUp checks true-up cm of role r: of names a commission of the role
// on a KPI (a rate, or a ladder keyed on the fact or the attainment; not
// per deal, not with prior), paid by the role's period, or the role's KPI
// bonus when it is a weighted index; over is a quarter or a year, longer
// than the role's period.
func (c *checker) trueUp(r *Role, cm *Component, path string) {
	op := keyPos(cm.Keys, cm.Pos, "of")
	switch {
	case cm.Of == "":
		c.at(cm.Pos, path, "of is required: the role's commission on a KPI that the true-up recomputes over the span, or bonus (the role's KPI bonus)")
	case cm.Of == TrueUpOfBonus:
		c.trueUpBonus(r, op, join(path, "of"))
	default:
		var o *Component
		var ids []string
		for _, x := range r.Components {
			if x == nil || x == cm {
				continue
			}
			if x.Type == ComponentCommission && !x.PerDeal() && x.Prior == "" {
				ids = append(ids, x.ID)
			}
			if x.ID == cm.Of {
				o = x
			}
		}
		switch {
		case o == nil:
			c.at(op, join(path, "of"), "%q is not a component of the role: a true-up recomputes a commission of its role on a KPI (%s), or bonus (the role's KPI bonus)", cm.Of, listOrNone(ids))
		case o.Type != ComponentCommission:
			c.at(op, join(path, "of"), "%q is a %s component, and a true-up recomputes a commission on a KPI (%s) or bonus (the role's KPI bonus): the span's figures give nothing else to recompute", cm.Of, o.Type, listOrNone(ids))
		case o.PerDeal():
			c.at(op, join(path, "of"), "commission %q is paid per deal, each deal through the ladder when it is made, and has no span's fact to recompute: a true-up recomputes a commission on a KPI (%s) or bonus", cm.Of, listOrNone(ids))
		case o.Prior != "":
			c.at(op, join(path, "of"), "commission %q counts from the year's start with prior, which already makes up the earlier periods: a true-up over it would pay them twice; true up a commission without prior (%s) or bonus", cm.Of, listOrNone(ids))
		case r.ComponentKind(o) != r.Kind():
			c.at(op, join(path, "of"), "commission %q is paid by the %s and the true-up with its role by the %s: a true-up recomputes a commission paid by its role's period", cm.Of, kindWord(r.ComponentKind(o)), kindWord(r.Kind()))
		}
	}
	vp := keyPos(cm.Keys, cm.Pos, "over")
	k, ok := cm.OverKind()
	switch {
	case cm.Over == "":
		c.at(cm.Pos, path, "over is required: quarter (paid with the pay of March, June, September and December) or year (paid with December's)")
	case !ok:
		c.at(vp, join(path, "over"), "%q is not a true-up's span: use quarter or year", cm.Over)
	case k.Months() <= r.Kind().Months():
		c.at(vp, join(path, "over"), "the role is paid by the %s, and a true-up over the %s would recompute one period of it: give over a longer span than the role's period (year for a quarterly role)", kindWord(r.Kind()), kindWord(k))
	}
}

// trueUpBonus checks a true-up of the role's KPI bonus: the bonus is K
// (through the payout ladder, if any) × the variable part, with nothing a
// month's yes or no decides (conditions, gates, modifiers) and no KPI's
// own ladder or gate, whose sums over a span mean nothing.
func (c *checker) trueUpBonus(r *Role, at Pos, path string) {
	if r.Bonus == nil {
		c.at(at, path, "the role has no bonus section, so it has no KPI bonus to true up: true up a commission of the role")
		return
	}
	var why *problem.Text
	set := func(t problem.Text) {
		if why == nil {
			why = &t
		}
	}
	switch {
	case r.Bonus.Method != "" && r.Bonus.Method != MethodIndex:
		set(problem.New("its method is %s", r.Bonus.Method))
	case len(r.Conditions) > 0:
		set(problem.New("it has conditions"))
	case len(r.Gates) > 0:
		set(problem.New("it has gates"))
	case len(r.Modifiers) > 0:
		set(problem.New("it has modifiers"))
	}
	for _, k := range r.KPIs {
		if k != nil && k.Ladder != "" {
			set(problem.New("KPI %s has a ladder", k.ID))
		} else if k != nil && k.Gate != nil {
			set(problem.New("KPI %s has a gate", k.ID))
		}
	}
	if why != nil {
		c.at(at, path, "a true-up of the bonus recomputes K = Σ weight × index over the span's sums, through the payout ladder if any, × the variable parts paid; the role's bonus is more than that (%s), which a span's sums cannot recompute: true up a commission, or make the bonus a weighted index", *why)
	}
}
