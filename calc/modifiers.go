package calc

import (
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file applies the modifiers of the bonus: quality gate, team
// multiplier, reduction, overdue penalty.

func (r *run) modifier(m *plan.Modifier, b Q) Q {
	mr := ModifierResult{ID: m.ID, Title: m.Title, Type: m.Type}
	defer func() { r.out.Modifiers = append(r.out.Modifiers, mr) }()
	switch m.Type {
	case plan.ModifierQuality:
		score, ok := r.fact(m.Fact, problem.New("quality score"))
		if !ok {
			return b
		}
		if score.V.GreaterThan(one) && !m.Min.V.GreaterThan(one) {
			r.fail(score.Src, "quality score %s is above 1 while the minimum is %s: write it as a fraction (0.85) or a percentage (85%%)", score.V, m.Min.Raw)
			return b
		}
		if m.Min.V.GreaterThan(one) && score.V.IsPositive() && score.V.LessThan(one) {
			r.fail(score.Src, "quality score %s is under 1 while the minimum is %s (whole percents): write it as the minimum does (85 for 85 %%)", score.V, m.Min.Raw)
			return b
		}
		if score.V.LessThan(m.Min.V) {
			f := Dec(m.Factor.V)
			mr.Applied, mr.Factor = true, &f
			nb := b.Mul(f)
			r.say([]Place{score.Src, SchemeSrc(r.s, m.Min), SchemeSrc(r.s, m.Factor)}, MsgQualityBelow, m.ID, score.V, m.Min.Raw, m.Factor.Raw, nb)
			return nb
		}
		r.say([]Place{score.Src}, MsgQualityMet, m.ID, score.V, m.Min.Raw)
	case plan.ModifierTeam:
		var d Department
		var ok bool
		if m.KPI != "" {
			d, ok = r.teamLevels(m)
		} else if d, ok = r.in.Departments[r.e.Department]; !ok {
			r.fail(r.e.Src, "department %q has no row in the Departments table (needed by %s)", r.e.Department, m.ID)
		}
		if !ok {
			return b
		}
		mu := m.Multipliers
		level, mult, src := MsgLevelBelow, one, Place{}
		if mu.Below != nil {
			mult, src = mu.Below.V, SchemeSrc(r.s, mu.Below)
		}
		switch {
		case d.Fact.V.Cmp(d.Maximum.V) >= 0:
			level, mult, src = MsgLevelMaximum, mu.Maximum.V, SchemeSrc(r.s, mu.Maximum)
		case d.Fact.V.Cmp(d.Normal.V) >= 0:
			level, mult, src = MsgLevelNormal, mu.Normal.V, SchemeSrc(r.s, mu.Normal)
		case d.Fact.V.Cmp(d.Minimum.V) >= 0:
			level, mult, src = MsgLevelMinimum, mu.Minimum.V, SchemeSrc(r.s, mu.Minimum)
		}
		f := Dec(mult)
		mr.Applied, mr.Factor = true, &f
		nb := b.Mul(f)
		r.say(uniq([]Place{d.Src, src}), MsgTeam, m.ID, d.ID, d.Fact.V, d.Minimum.V, d.Normal.V, d.Maximum.V, r.phrase(level), mult, nb)
		return nb
	case plan.ModifierReduction:
		var fv Value
		if m.Factor != nil {
			fv = Value{V: m.Factor.V, Src: SchemeSrc(r.s, m.Factor)}
		} else {
			var ok bool
			if fv, ok = r.fact(m.Fact, problem.New("reduction factor")); !ok {
				return b
			}
			if fv.V.IsNegative() || fv.V.GreaterThan(one) {
				r.fail(fv.Src, "reduction factor %s must be between 0 and 1", fv.V)
				return b
			}
		}
		f := Dec(fv.V)
		mr.Applied, mr.Factor = true, &f
		nb := b.Mul(f)
		r.say([]Place{fv.Src}, MsgReduction, m.ID, fv.V, nb)
		return nb
	case plan.ModifierOverdue:
		days, srcs := r.daysLate()
		if m.Source == plan.SourceDeals {
			days, srcs = r.daysLateDeals(m)
		}
		if days.IsZero() {
			if m.Source == plan.SourceDeals {
				r.say(nil, MsgNoLateDeal, m.ID, r.in.Period)
			} else {
				r.say(nil, MsgNoLatePayment, m.ID)
			}
			return b
		}
		pen := Dec(days.Mul(m.PerDay.V))
		nb := b.Sub(pen).Max(Q{})
		ded := r.money(b.Sub(nb))
		mr.Applied, mr.Deduction = true, &ded
		r.say(append(srcs, SchemeSrc(r.s, m.PerDay)), MsgOverdue,
			m.ID, days, m.PerDay.Raw, pen, nb)
		return nb
	}
	return b
}
