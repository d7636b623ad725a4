package calc

import (
	"github.com/premia-pay/premia/plan"
)

// EvalLadder maps x through the ladder and says, as a Phrase, which tier or
// segment applied (nothing when quiet). Below the first tier a step,
// increment or marginal ladder gives 0; above the last tier's to, when it
// has one, x is held at that bound; a linear ladder is flat beyond its
// first and last points. A step tier that pays only a fixed amount (a
// commission's: stepAt) gives 0 here.
func EvalLadder(l *plan.Ladder, x Q, quiet bool) (Q, Phrase) {
	say := sayer(quiet)
	switch l.Type {
	case plan.LadderLinear:
		return evalLinear(l, x, say)
	case plan.LadderMarginal:
		return evalMarginal(l, x, nil, say)
	}
	s := locate(l, x)
	if s.i < 0 {
		if quiet {
			return Q{}, Phrase{}
		}
		return Q{}, say(MsgBelowFirstTier, l.Tiers[0].From.Raw)
	}
	t := l.Tiers[s.i]
	var v Q
	if t.Value != nil {
		v = Dec(t.Value.V)
	}
	if l.Type != plan.LadderIncrement || t.Every == nil {
		if quiet {
			return v, Phrase{}
		}
		return v, s.held(x, tierPhrase(t, rangeOf(l, s.i, say), say), say)
	}
	steps := s.x.Sub(Dec(t.From.V)).Quo(Dec(t.Every.V)).Floor()
	v = v.Add(Dec(steps.Mul(t.Add.V)))
	capped := t.Max != nil && v.CmpD(t.Max.V) > 0
	if quiet {
		if capped {
			v = Dec(t.Max.V)
		}
		return v, Phrase{}
	}
	args := []any{rangeOf(l, s.i, say), t.Value.Raw, s.x, t.From.Raw, t.Every.Raw, t.Add.Raw, t.Value.Raw, steps, t.Add.Raw, v}
	if capped {
		v = Dec(t.Max.V)
		return v, s.held(x, say(MsgTierIncrementCapped, append(args, t.Max.Raw)...), say)
	}
	return v, s.held(x, say(MsgTierIncrement, args...), say)
}

// sayer makes phrases; nil when quiet, and then no phrase's arguments are
// even gathered: a ladder is evaluated for every KPI of every person, and
// for each KPI's stakes, on runs that keep no explanation.
func sayer(quiet bool) func(Msg, ...any) Phrase {
	if quiet {
		return nil
	}
	return func(m Msg, args ...any) Phrase { return Phrase{Msg: m, Args: args} }
}

// spot is where x falls on a ladder of tiers.
type spot struct {
	i int // the tier holding x, -1 below the first tier
	// x is the x the tier is evaluated at: x itself, or the last tier's
	// to when x is above it.
	x    Q
	over bool // x was above the last tier's to, and is held at it
	to   string
}

// held wraps how the tier was had in the words that x was held at the
// ladder's upper bound, when it was.
func (s spot) held(x Q, how Phrase, say func(Msg, ...any) Phrase) Phrase {
	if !s.over || say == nil {
		return how
	}
	return say(MsgHeldAtBound, x, s.to, s.to, how)
}

// locate finds the tier holding x: each tier holds its from and not its to
// (the default), or its to and not its from (inclusive: to; the first tier
// then holds both). An x above the last tier's to, when it has one, is held
// at it, in the last tier; an x equal to it is in the last tier under either
// convention.
func locate(l *plan.Ladder, x Q) spot {
	n := len(l.Tiers)
	if last := l.Tiers[n-1]; last.To != nil && x.CmpD(last.To.V) > 0 {
		return spot{i: n - 1, x: Dec(last.To.V), over: true, to: last.To.Raw}
	}
	upper := l.UpperInclusive()
	for i := n - 1; i >= 0; i-- {
		c := x.CmpD(l.Tiers[i].From.V)
		if c > 0 || c == 0 && (!upper || i == 0) {
			return spot{i: i, x: x}
		}
	}
	return spot{i: -1, x: x}
}

// rangeOf is the phrase of tier i's bounds as locate reads them: [from, to)
// by default, (from, to] with inclusive: to (the first tier [from, to]), and
// a last tier with a to closed at it, for x at or above it is in that tier.
func rangeOf(l *plan.Ladder, i int, say func(Msg, ...any) Phrase) Phrase {
	t := l.Tiers[i]
	fromIn := !l.UpperInclusive() || i == 0
	switch {
	case t.To == nil && fromIn:
		return say(MsgRangeOpen, t.From.Raw)
	case t.To == nil:
		return say(MsgRangeOpenAbove, t.From.Raw)
	case !fromIn:
		return say(MsgRangeUpper, t.From.Raw, t.To.Raw)
	case l.UpperInclusive() || i == len(l.Tiers)-1:
		return say(MsgRangeClosed, t.From.Raw, t.To.Raw)
	}
	return say(MsgRange, t.From.Raw, t.To.Raw)
}

// tierPhrase says what a step tier gives: its value, its fixed amount, or
// both (a commission's amount + rate × fact).
func tierPhrase(t *plan.Tier, where Phrase, say func(Msg, ...any) Phrase) Phrase {
	switch {
	case t.Amount != nil && t.Value != nil:
		return say(MsgTierAmountRate, where, t.Amount.Raw, t.Value.Raw)
	case t.Amount != nil:
		return say(MsgTierAmount, where, t.Amount.Raw)
	}
	return say(MsgTier, where, t.Value.Raw)
}

// stepAt is the step tier holding x (nil below the first tier), the x it
// is read at (held at the last tier's to when above it), and how it was
// found.
func stepAt(l *plan.Ladder, x Q, quiet bool) (*plan.Tier, spot, Phrase) {
	say := sayer(quiet)
	s := locate(l, x)
	if s.i < 0 {
		if quiet {
			return nil, s, Phrase{}
		}
		return nil, s, say(MsgBelowFirstTier, l.Tiers[0].From.Raw)
	}
	t := l.Tiers[s.i]
	if quiet {
		return t, s, Phrase{}
	}
	return t, s, s.held(x, tierPhrase(t, rangeOf(l, s.i, say), say), say)
}

// evalMarginal sums the slices of x, each at its tier's rate; x above the
// last tier's to is held at it, so nothing accrues beyond it. With a norm,
// x is an attainment (fact / norm) and each slice is mapped back to an
// amount of the norm: slice × norm × rate.
func evalMarginal(l *plan.Ladder, x Q, norm *Q, say func(Msg, ...any) Phrase) (Q, Phrase) {
	s := locate(l, x)
	sum := Q{}
	var slices []Phrase
	for _, t := range l.Tiers {
		from := Dec(t.From.V)
		if s.x.Cmp(from) <= 0 {
			break
		}
		upper := s.x
		if t.To != nil {
			upper = s.x.Min(Dec(t.To.V))
		}
		slice := upper.Sub(from)
		part := slice.MulD(t.Rate.V)
		if norm != nil {
			part = part.Mul(*norm)
		}
		sum = sum.Add(part)
		switch {
		case say == nil: // quiet
		case norm != nil:
			slices = append(slices, say(MsgSliceOfNorm, slice, *norm, t.Rate.Raw))
		default:
			slices = append(slices, say(MsgSlice, slice, t.Rate.Raw))
		}
	}
	if say == nil {
		return sum, Phrase{}
	}
	if len(slices) == 0 {
		return sum, say(MsgBelowFirstTier, l.Tiers[0].From.Raw)
	}
	return sum, s.held(x, say(MsgMarginal, slices, sum), say)
}

func evalLinear(l *plan.Ladder, x Q, say func(Msg, ...any) Phrase) (Q, Phrase) {
	first, last := l.Points[0], l.Points[len(l.Points)-1]
	if x.CmpD(first.At.V) <= 0 {
		if say == nil {
			return Dec(first.Value.V), Phrase{}
		}
		return Dec(first.Value.V), say(MsgLinearBelow, first.At.Raw, first.Value.Raw)
	}
	if x.CmpD(last.At.V) >= 0 {
		if say == nil {
			return Dec(last.Value.V), Phrase{}
		}
		return Dec(last.Value.V), say(MsgLinearAbove, last.At.Raw, last.Value.Raw)
	}
	for i := 1; i < len(l.Points); i++ {
		a, b := l.Points[i-1], l.Points[i]
		if x.CmpD(b.At.V) < 0 {
			slope := Frac(b.Value.V.Sub(a.Value.V), b.At.V.Sub(a.At.V))
			v := Dec(a.Value.V).Add(x.Sub(Dec(a.At.V)).Mul(slope))
			if say == nil {
				return v, Phrase{}
			}
			return v, say(MsgLinearBetween, a.At.Raw, a.Value.Raw, b.At.Raw, b.Value.Raw, a.Value.Raw, x, a.At.Raw, b.Value.Raw, a.Value.Raw, b.At.Raw, a.At.Raw, v)
		}
	}
	return Dec(last.Value.V), Phrase{}
}
