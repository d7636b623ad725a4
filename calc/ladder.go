package calc

import (
	"fmt"

	"github.com/premia-pay/premia/plan"
)

// EvalLadder maps x through the ladder and says in words which tier or
// segment applied. Below the first tier a step, increment or marginal ladder
// gives 0; a linear ladder is flat beyond its first and last points.
func EvalLadder(l *plan.Ladder, x Q) (Q, string) {
	switch l.Type {
	case plan.LadderLinear:
		return evalLinear(l, x)
	case plan.LadderMarginal:
		return evalMarginal(l, x)
	}
	i := tierOf(l, x)
	if i < 0 {
		return Q{}, fmt.Sprintf("below the first tier (from %s): 0", l.Tiers[0].From.Raw)
	}
	t := l.Tiers[i]
	v := Dec(t.Value.V)
	where := tierText(t)
	if l.Type != plan.LadderIncrement || t.Every == nil {
		return v, fmt.Sprintf("tier %s: %s", where, t.Value.Raw)
	}
	steps := x.Sub(Dec(t.From.V)).Quo(Dec(t.Every.V)).Floor()
	v = v.Add(Dec(steps.Mul(t.Add.V)))
	text := fmt.Sprintf("tier %s: %s + floor((%s − %s) / %s) × %s = %s + %s × %s = %s",
		where, t.Value.Raw, x, t.From.Raw, t.Every.Raw, t.Add.Raw, t.Value.Raw, steps, t.Add.Raw, v)
	if t.Max != nil && v.CmpD(t.Max.V) > 0 {
		v = Dec(t.Max.V)
		text += fmt.Sprintf(", capped at %s", t.Max.Raw)
	}
	return v, text
}

func tierText(t *plan.Tier) string {
	if t.To == nil {
		return fmt.Sprintf("[%s, ∞)", t.From.Raw)
	}
	return fmt.Sprintf("[%s, %s)", t.From.Raw, t.To.Raw)
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

func evalMarginal(l *plan.Ladder, x Q) (Q, string) {
	sum := Q{}
	text := ""
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
		if text != "" {
			text += " + "
		}
		text += fmt.Sprintf("%s × %s", slice, t.Rate.Raw)
	}
	if text == "" {
		return sum, fmt.Sprintf("below the first tier (from %s): 0", l.Tiers[0].From.Raw)
	}
	return sum, fmt.Sprintf("%s = %s", text, sum)
}

func evalLinear(l *plan.Ladder, x Q) (Q, string) {
	first, last := l.Points[0], l.Points[len(l.Points)-1]
	if x.CmpD(first.At.V) <= 0 {
		return Dec(first.Value.V), fmt.Sprintf("at or below the first point %s: %s", first.At.Raw, first.Value.Raw)
	}
	if x.CmpD(last.At.V) >= 0 {
		return Dec(last.Value.V), fmt.Sprintf("at or above the last point %s: %s", last.At.Raw, last.Value.Raw)
	}
	for i := 1; i < len(l.Points); i++ {
		a, b := l.Points[i-1], l.Points[i]
		if x.CmpD(b.At.V) < 0 {
			slope := Frac(b.Value.V.Sub(a.Value.V), b.At.V.Sub(a.At.V))
			v := Dec(a.Value.V).Add(x.Sub(Dec(a.At.V)).Mul(slope))
			return v, fmt.Sprintf("between %s → %s and %s → %s: %s + (%s − %s) × (%s − %s) / (%s − %s) = %s",
				a.At.Raw, a.Value.Raw, b.At.Raw, b.Value.Raw, a.Value.Raw, x, a.At.Raw, b.Value.Raw, a.Value.Raw, b.At.Raw, a.At.Raw, v)
		}
	}
	return Dec(last.Value.V), ""
}
