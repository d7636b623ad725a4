package calc

import (
	"github.com/premia-pay/premia/plan"
)

// EvalLadder maps x through the ladder and says, as a Phrase, which tier or
// segment applied (nothing when quiet). Below the first tier a step,
// increment or marginal ladder gives 0; a linear ladder is flat beyond its
// first and last points.
func EvalLadder(l *plan.Ladder, x Q, quiet bool) (Q, Phrase) {
	say := func(m Msg, args ...any) Phrase {
		if quiet {
			return Phrase{}
		}
		return Phrase{Msg: m, Args: args}
	}
	// When quiet, no phrase's arguments are even gathered: a ladder is
	// evaluated for every KPI of every person, and for each KPI's stakes
	// (stake.go), on runs that keep no explanation.
	switch l.Type {
	case plan.LadderLinear:
		return evalLinear(l, x, quiet, say)
	case plan.LadderMarginal:
		return evalMarginal(l, x, say)
	}
	i := tierOf(l, x)
	if i < 0 {
		if quiet {
			return Q{}, Phrase{}
		}
		return Q{}, say(MsgBelowFirstTier, l.Tiers[0].From.Raw)
	}
	t := l.Tiers[i]
	v := Dec(t.Value.V)
	if l.Type != plan.LadderIncrement || t.Every == nil {
		if quiet {
			return v, Phrase{}
		}
		return v, say(MsgTier, tierRange(t, say), t.Value.Raw)
	}
	steps := x.Sub(Dec(t.From.V)).Quo(Dec(t.Every.V)).Floor()
	v = v.Add(Dec(steps.Mul(t.Add.V)))
	capped := t.Max != nil && v.CmpD(t.Max.V) > 0
	if quiet {
		if capped {
			v = Dec(t.Max.V)
		}
		return v, Phrase{}
	}
	args := []any{tierRange(t, say), t.Value.Raw, x, t.From.Raw, t.Every.Raw, t.Add.Raw, t.Value.Raw, steps, t.Add.Raw, v}
	if capped {
		v = Dec(t.Max.V)
		return v, say(MsgTierIncrementCapped, append(args, t.Max.Raw)...)
	}
	return v, say(MsgTierIncrement, args...)
}

// tierRange is where a tier lies, as a phrase: [from; to) or [from; ∞).
func tierRange(t *plan.Tier, say func(Msg, ...any) Phrase) Phrase {
	if t.To != nil {
		return say(MsgRange, t.From.Raw, t.To.Raw)
	}
	return say(MsgRangeOpen, t.From.Raw)
}

// tierOf returns the index of the tier holding x (from inclusive, to
// exclusive), or -1 below the first tier.
func tierOf(l *plan.Ladder, x Q) int {
	for i := len(l.Tiers) - 1; i >= 0; i-- {
		if x.CmpD(l.Tiers[i].From.V) >= 0 {
			return i
		}
	}
	return -1
}

func evalMarginal(l *plan.Ladder, x Q, say func(Msg, ...any) Phrase) (Q, Phrase) {
	sum := Q{}
	var slices []Phrase
	for _, t := range l.Tiers {
		from := Dec(t.From.V)
		if x.Cmp(from) <= 0 {
			break
		}
		upper := x
		if t.To != nil {
			upper = x.Min(Dec(t.To.V))
		}
		slice := upper.Sub(from)
		part := slice.MulD(t.Rate.V)
		sum = sum.Add(part)
		slices = append(slices, say(MsgSlice, slice, t.Rate.Raw))
	}
	if len(slices) == 0 {
		return sum, say(MsgBelowFirstTier, l.Tiers[0].From.Raw)
	}
	return sum, say(MsgMarginal, slices, sum)
}

func evalLinear(l *plan.Ladder, x Q, quiet bool, say func(Msg, ...any) Phrase) (Q, Phrase) {
	first, last := l.Points[0], l.Points[len(l.Points)-1]
	if x.CmpD(first.At.V) <= 0 {
		if quiet {
			return Dec(first.Value.V), Phrase{}
		}
		return Dec(first.Value.V), say(MsgLinearBelow, first.At.Raw, first.Value.Raw)
	}
	if x.CmpD(last.At.V) >= 0 {
		if quiet {
			return Dec(last.Value.V), Phrase{}
		}
		return Dec(last.Value.V), say(MsgLinearAbove, last.At.Raw, last.Value.Raw)
	}
	for i := 1; i < len(l.Points); i++ {
		a, b := l.Points[i-1], l.Points[i]
		if x.CmpD(b.At.V) < 0 {
			slope := Frac(b.Value.V.Sub(a.Value.V), b.At.V.Sub(a.At.V))
			v := Dec(a.Value.V).Add(x.Sub(Dec(a.At.V)).Mul(slope))
			if quiet {
				return v, Phrase{}
			}
			return v, say(MsgLinearBetween, a.At.Raw, a.Value.Raw, b.At.Raw, b.Value.Raw, a.Value.Raw, x, a.At.Raw, b.Value.Raw, a.Value.Raw, b.At.Raw, a.At.Raw, v)
		}
	}
	return Dec(last.Value.V), Phrase{}
}
