package teamstats

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
)

// Stats are the spread of a group's values, each exact.
//
// Quartiles are Tukey's hinges as most textbooks and calculators teach
// them ("the median of each half"): the values sorted, Q1 is the median
// of the lower half and Q3 of the upper half, the middle value itself left
// out of both halves when the count is odd. One value is its own median
// and both quartiles. The fences are Q1 − 1.5 × IQR and Q3 + 1.5 × IQR.
type Stats struct {
	N                   int
	Mean, Median        calc.Q
	Min, Q1, Q3, Max    calc.Q
	IQR                 calc.Q // Q3 − Q1
	LowFence, HighFence calc.Q // Q1 − 1.5 × IQR, Q3 + 1.5 × IQR
	Sum                 calc.Q
}

// whole is n as a rational.
func whole(n int) calc.Q { return calc.Dec(decimal.NewFromInt(int64(n))) }

var (
	half        = calc.Frac(decimal.NewFromInt(1), decimal.NewFromInt(2))
	oneAndAHalf = calc.Frac(decimal.NewFromInt(3), decimal.NewFromInt(2))
)

// Spread computes the Stats of xs (at least one value); xs is not changed.
func Spread(xs []calc.Q) Stats {
	s := slices.Clone(xs)
	slices.SortFunc(s, func(a, b calc.Q) int { return a.Cmp(b) })
	n := len(s)
	st := Stats{N: n, Min: s[0], Max: s[n-1]}
	for _, x := range s {
		st.Sum = st.Sum.Add(x)
	}
	st.Mean = st.Sum.Quo(whole(n))
	st.Median = median(s)
	if n == 1 {
		st.Q1, st.Q3 = s[0], s[0]
	} else {
		st.Q1, st.Q3 = median(s[:n/2]), median(s[(n+1)/2:])
	}
	st.IQR = st.Q3.Sub(st.Q1)
	reach := st.IQR.Mul(oneAndAHalf)
	st.LowFence, st.HighFence = st.Q1.Sub(reach), st.Q3.Add(reach)
	return st
}

// median is the middle of sorted values, or the mean of the two middle ones.
func median(s []calc.Q) calc.Q {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1].Add(s[n/2]).Mul(half)
}
