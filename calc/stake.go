package calc

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// This file computes the money at stake per KPI (docs/calculation.md
// §3.10): what each KPI moves in the KPI bonus at its norm and at its
// target, so that a weight can be checked against the money it moves.

// KPIStake is the money a KPI moves in the KPI bonus: at its norm and at
// its target, every other KPI of the role at its norm.
type KPIStake struct {
	Norm, Target Stake
	// Gate is the least fulfilment a gate of the role asks of the KPI (the
	// highest, when it holds several), nil when it holds none. Without
	// the KPI no bonus is paid at all, so its stake is the whole bonus at
	// the level.
	Gate *decimal.Decimal
}

// Stake is a KPI's stake at one level: Amount, rounded once with the
// scheme's step and mode, or, when None is not "", no figure and why.
type Stake struct {
	Amount decimal.Decimal
	None   string // "" or a Stake* constant
}

// Why a KPI has no stake at a level (Stake.None): every output says so in
// words, never as 0.
const (
	// StakeNotInBonus: the KPI has no weight and no ladder and holds no
	// gate of the role; it does not form the bonus (a commission's, a
	// unit bonus's KPI: its money is its component's line).
	StakeNotInBonus = "not-in-bonus"
	// StakeNoTarget: the KPI has no target (the level "at target").
	StakeNoTarget = "no-target"
	// StakeUnbounded: at the level the KPI's fulfilment is the best there
	// is (a lower-is-better level of 0: norm / 0) and its ladder keeps
	// rising without a max (§3.5): no coefficient can be had.
	StakeUnbounded = "unbounded"
)

// stakePart is what a KPI gives the coefficient with its fact at one
// value: its weighted index and its ladder coefficient (0 below its own
// gate), and its fulfilment, which the role's gates read (nil: the KPI
// gives nothing and is below every gate).
type stakePart struct {
	weighted, ladder Q
	r                *Q
}

// stake sets every KPI's Stake for a role that forms a bonus; vq is the
// variable target after proration, exact. A KPI's stake at a level is
//
//	vq × (coefficient with the KPI at the level − coefficient with the KPI giving nothing)
//
// every other KPI at its norm, the yes/no conditions held (as the plans
// take them), rounded once. "Giving nothing" is an index of 0, no ladder
// coefficient, and below every gate the KPI holds: a KPI that holds a
// gate of the role has the whole bonus at stake. Modifiers and
// components are not counted: they are not formed by the KPIs' weights.
// The coefficient is formed as the bonus forms it (bonus.go, §4.3), from
// the same index, fulfilment and ladder rules.
func (r *run) stake(vq Q) {
	role := r.role
	n := len(role.KPIs)
	var gate map[string]decimal.Decimal // KPI id → the highest min of its gates; nil without gates
	for _, g := range role.Gates {
		if gate == nil {
			gate = map[string]decimal.Decimal{}
		}
		if m, ok := gate[g.KPI]; !ok || g.Min.V.GreaterThan(m) {
			gate[g.KPI] = g.Min.V
		}
	}
	// The stakes of the role's KPIs, one allocation.
	all := make([]KPIStake, n)
	inBonus := func(k *plan.KPI) bool {
		_, gated := gate[k.ID]
		return k.Weight != nil || k.Ladder != "" || gated
	}
	if vq.IsZero() {
		// No variable part (no days worked: the plans, prorated, may be 0
		// too): nothing is at stake, at any level there is.
		for i, k := range role.KPIs {
			s := &all[i]
			*s = KPIStake{Norm: Stake{None: StakeNotInBonus}, Target: Stake{None: StakeNotInBonus}}
			if inBonus(k) {
				s.Norm, s.Target = Stake{}, Stake{}
				if r.kpis[k.ID].target == nil {
					s.Target.None = StakeNoTarget
				}
			}
			r.out.KPIs[i].Stake = s
		}
		return
	}
	// Every KPI at its norm: the others' part at every level.
	norm := make([]stakePart, n)
	for i, k := range role.KPIs {
		if !inBonus(k) {
			continue
		}
		st := r.kpis[k.ID]
		if st.norm == nil {
			return // no norm, so no level to stand at (with no days worked the bonus never asked for one)
		}
		p, none, ok := r.stakePart(st, *st.norm, gate)
		switch {
		case !ok:
			return
		case none != "":
			// A lower-is-better norm of 0 through a ladder without a max:
			// no KPI of the role can be held at the norm.
			for j, k := range role.KPIs {
				all[j] = KPIStake{Norm: Stake{None: StakeNotInBonus}, Target: Stake{None: StakeNotInBonus}}
				if inBonus(k) {
					all[j] = KPIStake{Norm: Stake{None: none}, Target: Stake{None: none}}
				}
				r.out.KPIs[j].Stake = &all[j]
			}
			return
		}
		norm[i] = p
	}
	var payout *plan.Ladder
	if role.Bonus.Payout != "" {
		payout = r.s.Ladder(role.Bonus.Payout)
	}
	weighted := false
	for _, k := range role.KPIs {
		weighted = weighted || k.Weight != nil
	}
	conditions := Q{}
	for _, c := range role.Conditions {
		conditions = conditions.Add(Dec(c.Coefficient.V))
	}
	// coefficient forms the role's coefficient from the KPIs' parts, as
	// the bonus does: K (or payout(K)) when the role has weighted KPIs,
	// the ladders' sum unless the method is index, the conditions; 0 when
	// a gate of the role is not passed.
	gateAt := make([]int, len(role.Gates)) // each gate's KPI's place
	for j, g := range role.Gates {
		gateAt[j] = r.kpiAt(g.KPI)
	}
	coefficient := func(parts []stakePart) Q {
		for j, g := range role.Gates {
			if p := parts[gateAt[j]]; p.r == nil || p.r.CmpD(g.Min.V) < 0 {
				return Q{}
			}
		}
		c, ladders := Q{}, Q{}
		for _, p := range parts {
			c = c.Add(p.weighted)
			ladders = ladders.Add(p.ladder)
		}
		if weighted && payout != nil {
			c, _ = EvalLadder(payout, c, true)
		}
		if role.Bonus.Method != plan.MethodIndex {
			c = c.Add(ladders)
		}
		return c.Add(conditions)
	}
	parts := make([]stakePart, n)
	at := func(i int, p stakePart) Q {
		copy(parts, norm)
		parts[i] = p
		return coefficient(parts)
	}
	atNorm := coefficient(norm) // every KPI at its norm: each one's level "at norm"
	for i, k := range role.KPIs {
		kr := &r.out.KPIs[i]
		s := &all[i]
		if !inBonus(k) {
			*s = KPIStake{Norm: Stake{None: StakeNotInBonus}, Target: Stake{None: StakeNotInBonus}}
			kr.Stake = s
			continue
		}
		st := r.kpis[k.ID]
		nothing := at(i, stakePart{})
		s.Norm = Stake{Amount: r.money(vq.Mul(atNorm.Sub(nothing)))}
		if st.target == nil {
			s.Target = Stake{None: StakeNoTarget}
		} else {
			switch p, none, ok := r.stakePart(st, *st.target, gate); {
			case !ok:
				continue // unreachable: the norm's fulfilment was had
			case none != "":
				s.Target = Stake{None: none}
			default:
				s.Target = Stake{Amount: r.money(vq.Mul(at(i, p).Sub(nothing)))}
			}
		}
		if m, ok := gate[k.ID]; ok {
			s.Gate = &m
		}
		kr.Stake = s
	}
}

// stakePart is what KPI st gives the coefficient with its fact at v (see
// the type). none is StakeUnbounded when its ladder cannot be had at v;
// ok is false when its fulfilment, which a ladder or a gate needs, cannot
// be had at all (a higher-is-better norm of 0).
func (r *run) stakePart(st *kpiState, v Q, gate map[string]decimal.Decimal) (p stakePart, none string, ok bool) {
	k := st.k
	_, gated := gate[k.ID]
	best := false
	if k.Ladder != "" || k.Gate != nil || gated {
		q, b, err := fulfilmentOf(st, v)
		if err != nil {
			return p, "", false
		}
		p.r, best = q, b
	}
	if k.Gate != nil && p.r.CmpD(k.Gate.V) < 0 {
		return p, "", true // below its own gate: it gives nothing (§4.4)
	}
	if k.Weight != nil {
		if st.base == nil {
			return p, "", false
		}
		idx, _, _ := index(st, v)
		p.weighted = idx.MulD(k.Weight.V)
	}
	if k.Ladder != "" {
		l := r.s.Ladder(k.Ladder)
		if best && unbounded(l) {
			return p, StakeUnbounded, true
		}
		p.ladder, _ = EvalLadder(l, *p.r, true)
	}
	return p, "", true
}

// kpiAt is the position of KPI id in the role's list (and in r.out.KPIs).
func (r *run) kpiAt(id string) int {
	for i, k := range r.role.KPIs {
		if k.ID == id {
			return i
		}
	}
	return -1
}
