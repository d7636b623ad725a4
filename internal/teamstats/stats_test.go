package teamstats

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
)

// q is a rational written "n" or "n/d".
func q(t *testing.T, s string) calc.Q {
	t.Helper()
	num, den := s, "1"
	for i := range s {
		if s[i] == '/' {
			num, den = s[:i], s[i+1:]
		}
	}
	n, err := decimal.NewFromString(num)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decimal.NewFromString(den)
	if err != nil {
		t.Fatal(err)
	}
	return calc.Frac(n, d)
}

func qs(t *testing.T, ss ...string) []calc.Q {
	out := make([]calc.Q, len(ss))
	for i, s := range ss {
		out[i] = q(t, s)
	}
	return out
}

// TestSpread: the quartiles are the medians of the halves, the median
// itself left out of both when the count is odd.
func TestSpread(t *testing.T) {
	for _, c := range []struct {
		name                                        string
		xs                                          []string
		mean, median, min, q1, q3, max, iqr, lo, hi string
	}{
		// 7 values, given unsorted: sorted 250 400 500 550 600 700 1200.
		// mean 4200 / 7 = 600; median the 4th, 550; lower half 250 400
		// 500 → Q1 400; upper half 600 700 1200 → Q3 700; IQR 300;
		// fences 400 − 450 = −50 and 700 + 450 = 1150.
		{"odd", []string{"700", "250", "1200", "550", "400", "600", "500"}, "600", "550", "250", "400", "700", "1200", "300", "-50", "1150"},
		// 4 values: median (2 + 3) / 2 = 5/2; Q1 (1 + 2) / 2 = 3/2; Q3
		// (3 + 4) / 2 = 7/2; IQR 2; fences 3/2 − 3 = −3/2, 7/2 + 3 = 13/2.
		{"even", []string{"4", "1", "3", "2"}, "5/2", "5/2", "1", "3/2", "7/2", "4", "2", "-3/2", "13/2"},
		// One value is its own median and quartiles.
		{"one", []string{"5"}, "5", "5", "5", "5", "5", "5", "0", "5", "5"},
		// Two: each half is one value.
		{"two", []string{"3", "1"}, "2", "2", "1", "1", "3", "3", "2", "-2", "6"},
		// 5 values with a third: mean (0 + 2 + 3 + 4 + 12) / 5 = 21/5;
		// median 3; Q1 median(0, 2) = 1; Q3 median(4, 12) = 8; IQR 7;
		// fences 1 − 21/2 = −19/2, 8 + 21/2 = 37/2.
		{"fractions", []string{"12", "0", "4", "3", "2"}, "21/5", "3", "0", "1", "8", "12", "7", "-19/2", "37/2"},
	} {
		st := Spread(qs(t, c.xs...))
		for _, f := range []struct {
			what string
			got  calc.Q
			want string
		}{{"mean", st.Mean, c.mean}, {"median", st.Median, c.median}, {"min", st.Min, c.min}, {"Q1", st.Q1, c.q1},
			{"Q3", st.Q3, c.q3}, {"max", st.Max, c.max}, {"IQR", st.IQR, c.iqr}, {"low fence", st.LowFence, c.lo}, {"high fence", st.HighFence, c.hi}} {
			if f.got.Cmp(q(t, f.want)) != 0 {
				t.Errorf("%s: %s = %s, want %s", c.name, f.what, f.got, f.want)
			}
		}
		if st.N != len(c.xs) {
			t.Errorf("%s: N = %d, want %d", c.name, st.N, len(c.xs))
		}
	}
}
