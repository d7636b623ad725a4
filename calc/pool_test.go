package calc_test

import (
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
)

func qs(ws ...string) []calc.Q {
	var out []calc.Q
	for _, w := range ws {
		out = append(out, calc.Dec(decimal.RequireFromString(w)))
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		pool, step string
		weights    []string
		want       []string
	}{
		// 1000 × 10/17 = 588.2352…, × 5/17 = 294.1176…, × 2/17 = 117.6470…:
		// floors 588.23 + 294.11 + 117.64 = 999.98; the two kopecks left go to
		// the largest remainders, 0.76 (second) and 0.70 (third).
		{"1000", "0.01", []string{"10000", "5000", "2000"}, []string{"588.23", "294.12", "117.65"}},
		// 100 / 3 = 33.333…: one kopeck left, equal remainders, to the first.
		{"100", "0.01", []string{"1", "1", "1"}, []string{"33.34", "33.33", "33.33"}},
		// One step of 0.05 between two: the first gets it.
		{"0.05", "0.05", []string{"1", "1"}, []string{"0.05", "0"}},
		// Whole roubles: 1000 / 7 = 142.857…; floors 7 × 142 = 994, six roubles
		// left, equal remainders 0.857 → one each to the first six.
		{"1000", "1", []string{"1", "1", "1", "1", "1", "1", "1"}, []string{"143", "143", "143", "143", "143", "143", "142"}},
		// A zero weight gets nothing; nobody with weight: nothing is handed out.
		{"500", "0.01", []string{"0", "3", "1"}, []string{"0", "375", "125"}},
		{"500", "0.01", []string{"0", "0"}, []string{"0", "0"}},
	}
	for _, tt := range tests {
		got := calc.Split(decimal.RequireFromString(tt.pool), qs(tt.weights...), decimal.RequireFromString(tt.step))
		for i := range tt.want {
			if !got[i].Equal(decimal.RequireFromString(tt.want[i])) {
				t.Errorf("Split(%s, %v, %s) = %v, want %v", tt.pool, tt.weights, tt.step, got, tt.want)
				break
			}
		}
	}
}

// TestSplitSumsToPool: for any weights the parts sum exactly to the pool and
// each is within one step of its exact share.
func TestSplitSumsToPool(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	step := decimal.RequireFromString("0.01")
	for i := 0; i < 500; i++ {
		pool := decimal.NewFromInt(rng.Int63n(10_000_000)).Shift(-2)
		n := 1 + rng.Intn(12)
		var ws []calc.Q
		total := calc.Q{}
		for j := 0; j < n; j++ {
			w := calc.Dec(decimal.NewFromInt(1 + rng.Int63n(100000)).Shift(-2))
			ws = append(ws, w)
			total = total.Add(w)
		}
		parts := calc.Split(pool, ws, step)
		sum := decimal.Zero
		for j, p := range parts {
			sum = sum.Add(p)
			exact := ws[j].Quo(total).MulD(pool)
			if d := calc.Dec(p).Sub(exact); d.CmpD(step) >= 0 || d.CmpD(step.Neg()) <= 0 {
				t.Fatalf("part %s is a step or more from its exact share %s", p, exact)
			}
		}
		if !sum.Equal(pool) {
			t.Fatalf("parts %v sum to %s, pool %s", parts, sum, pool)
		}
	}
}
