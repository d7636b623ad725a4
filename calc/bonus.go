package calc

import (
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file computes the KPI bonus: the index, the ladders, K, conditions
// and gates.

func (r *run) bonus(vq Q) {
	role, out := r.role, r.out
	if out.Proration != nil && out.Proration.IsZero() {
		r.say(nil, MsgNoDaysWorked)
		return
	}
	method := role.Bonus.Method
	sumLadders := Q{}
	var kSum *Q
	for _, k := range role.KPIs {
		st := r.kpis[k.ID]
		kr := r.kpiResult(k.ID)
		if st == nil || kr == nil {
			continue
		}
		voided := false
		if k.Gate != nil {
			rq := r.needR(st, problem.New("the KPI's gate"))
			if rq == nil {
				continue
			}
			if rq.CmpD(k.Gate.V) < 0 {
				voided = true
				kr.Voided, kr.Band = true, BandVoided
				r.say(append(st.factSrcs(), st.normSrc, SchemeSrc(r.s, k.Gate)), MsgKPIVoided, k.ID, r.fulfilmentText(st), k.Gate.Raw)
			}
		}
		if k.Weight != nil {
			if st.base == nil || st.norm == nil {
				r.fail(r.e.Src, "KPI %q needs a base and a norm for its index: give them in the scheme or the Plans table", k.ID)
				continue
			}
			idx, raw, held := index(st, st.q)
			var note, capText Phrase
			if raw.Sign() < 0 {
				note = r.phrase(MsgAtOrBelowBase)
			}
			// The step cites what it used: base, norm and weight, and the
			// cap or the target only when the index was held at it.
			var capSrc *Place
			switch held {
			case heldAtCap:
				capText = r.phrase(MsgCappedAt, k.Cap.Raw)
				p := SchemeSrc(r.s, k.Cap)
				capSrc = &p
			case heldAtTarget:
				capText = r.phrase(MsgCappedAtTarget, idx)
				capSrc = &st.targetSrc
			}
			if voided {
				idx = Q{}
			}
			w := Dec(k.Weight.V)
			weighted := w.Mul(idx)
			kr.Index, kr.Weighted = &idx, &weighted
			// The step is built only when it is kept: its arguments are
			// most of what CSV and JSON would otherwise allocate per KPI.
			if !r.quiet {
				srcs := append(st.factSrcs(), st.baseSrc, st.normSrc)
				if capSrc != nil {
					srcs = append(srcs, *capSrc)
				}
				srcs = append(srcs, SchemeSrc(r.s, k.Weight))
				r.say(uniq(srcs), MsgIndex, k.ID, st.shown(), *st.base, *st.norm, *st.base, raw, note, capText, k.Weight.Raw, weighted)
			}
			if kSum == nil {
				kSum = &Q{}
			}
			*kSum = kSum.Add(weighted)
		}
		if k.Ladder != "" {
			rq := r.needR(st, problem.New("its ladder"))
			if rq == nil {
				continue
			}
			l := r.s.Ladder(k.Ladder)
			if st.perfect && unbounded(l) {
				r.fail(st.fact.Src, "KPI %q: a fact of 0 is the best possible result, but ladder %q keeps rising without a max: give its last tier a max", k.ID, l.ID)
				continue
			}
			c, how := r.ladder(l, *rq)
			if voided {
				c = Q{}
			}
			kr.Coefficient = &c
			sumLadders = sumLadders.Add(c)
			if !r.quiet {
				r.say(append(st.factSrcs(), st.normSrc, SchemePos(r.s, l.Pos)), MsgKPILadder, k.ID, r.fulfilmentText(st), l.ID, how, c)
			}
		}
	}
	if len(r.errs) > 0 {
		return
	}
	coef := Q{}
	if kSum != nil {
		out.K = kSum
		r.say(nil, MsgK, *kSum)
		p := *kSum
		if role.Bonus.Payout != "" {
			l := r.s.Ladder(role.Bonus.Payout)
			var how Phrase
			p, how = r.ladder(l, *kSum)
			r.say([]Place{SchemePos(r.s, l.Pos)}, MsgPayoutLadder, l.ID, *kSum, how)
		}
		coef = coef.Add(p)
	}
	if method != plan.MethodIndex {
		coef = coef.Add(sumLadders)
	}
	for _, c := range role.Conditions {
		v, ok := r.e.Facts.Get(c.ID)
		if !ok {
			r.fail(r.e.Src, "no value for condition %q: add a yes/no column %q to the Facts table", c.ID, c.ID)
			continue
		}
		if v.V.Equal(one) {
			coef = coef.Add(Dec(c.Coefficient.V))
			r.say([]Place{v.Src, SchemeSrc(r.s, c.Coefficient)}, MsgConditionYes, c.ID, c.Coefficient.Raw)
		} else {
			r.say([]Place{v.Src}, MsgConditionNo, c.ID)
		}
	}
	for _, g := range role.Gates {
		st := r.kpis[g.KPI]
		rq := r.needR(st, problem.New("the gate"))
		if rq == nil {
			continue
		}
		srcs := append(st.factSrcs(), SchemeSrc(r.s, g.Min))
		if rq.CmpD(g.Min.V) < 0 {
			coef = Q{}
			r.say(srcs, MsgGateVoid, g.KPI, r.fulfilmentText(st), g.Min.Raw)
		} else {
			r.say(srcs, MsgGatePassed, g.KPI, r.fulfilmentText(st), g.Min.Raw)
		}
	}
	if len(r.errs) > 0 {
		return
	}
	out.Coefficient = coef
	b := vq.Mul(coef)
	r.say(nil, MsgBonus, coef, vq, coef, b)
	for _, m := range role.Modifiers {
		b = r.modifier(m, b)
	}
	if b.Sign() < 0 {
		r.say(nil, MsgBonusNegative, b)
		b = Q{}
	}
	out.Bonus = r.money(b)
	r.say(nil, MsgBonusRounded, r.s.Step(), r.s.Mode(), r.shownMoney(out.Bonus))
}

// Where an index was held (index).
const (
	notHeld      = iota
	heldAtCap    // at the KPI's cap: N
	heldAtTarget // at the target's index, the default cap
)

// index is a weighted KPI's index for a fact f: (f − base) / (norm −
// base), 0 at or worse than the base, held at the KPI's cap, or at the
// target's index when the KPI has a target and no cap (docs/calculation.md
// §3.2, §3.3). raw is the ratio before the floor and the cap; held says
// what held it. The month's index and the stakes' (stake.go) are this one
// rule. st must have a base and a norm.
func index(st *kpiState, f Q) (idx, raw Q, held int) {
	k := st.k
	raw = f.Sub(*st.base).Quo(st.norm.Sub(*st.base))
	idx = raw.Max(Q{})
	switch {
	case k.Cap != nil && k.Cap.None:
	case k.Cap != nil:
		if idx.CmpD(k.Cap.V) > 0 {
			return Dec(k.Cap.V), raw, heldAtCap
		}
	case st.target != nil:
		c := st.target.Sub(*st.base).Quo(st.norm.Sub(*st.base))
		if idx.Cmp(c) > 0 {
			return c, raw, heldAtTarget
		}
	}
	return idx, raw, notHeld
}

func (r *run) ladder(l *plan.Ladder, x Q) (Q, Phrase) {
	return EvalLadder(l, x, r.quiet)
}

// unbounded reports whether a ladder keeps rising past its last tier: an
// increment tier without a max, or a marginal one, with no to to hold x at.
func unbounded(l *plan.Ladder) bool {
	if l.Type != plan.LadderIncrement && l.Type != plan.LadderMarginal {
		return false
	}
	last := l.Tiers[len(l.Tiers)-1]
	if last.To != nil {
		return false
	}
	return l.Type == plan.LadderMarginal || last.Add != nil && last.Max == nil
}
