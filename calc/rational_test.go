package calc

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// d parses a decimal written as a string; tests never build decimals from floats.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// q is the rational with the decimal value s.
func q(s string) Q { return Dec(d(s)) }

// fr is the rational n/dd, both written as decimal strings.
func fr(n, dd string) Q { return Frac(d(n), d(dd)) }

// roundVector is one value rounded in the three modes at one step. Every
// expectation is worked out in the comment beside it: x / step = integer part
// + remainder; half-up breaks a tie away from zero, half-even to the even
// neighbour, down truncates toward zero.
type roundVector struct {
	name             string
	x                Q
	step             string
	halfUp, halfEven string
	down             string
}

var roundVectors = []roundVector{
	// step 0.01
	{"0.125", q("0.125"), "0.01", "0.13", "0.12", "0.12"},                                                   // 12.5 cents: tie; 12 is even
	{"2.675", q("2.675"), "0.01", "2.68", "2.68", "2.67"},                                                   // 267.5: tie; 267 is odd → 268 (float64 gives 2.67)
	{"1.005", q("1.005"), "0.01", "1.01", "1.00", "1.00"},                                                   // 100.5: tie; 100 is even (float64 gives 1.00 for half-up)
	{"-0.001", q("-0.001"), "0.01", "0", "0", "0"},                                                          // -0.1 cent: under half a cent
	{"2.5", q("2.5"), "0.01", "2.5", "2.5", "2.5"},                                                          // 250 cents exactly
	{"-2.5", q("-2.5"), "0.01", "-2.5", "-2.5", "-2.5"},                                                     // -250 cents exactly
	{"0.005", q("0.005"), "0.01", "0.01", "0", "0"},                                                         // 0.5 cent: tie; 0 is even
	{"-0.005", q("-0.005"), "0.01", "-0.01", "0", "0"},                                                      // -0.5 cent: away from zero is -1
	{"-0.125", q("-0.125"), "0.01", "-0.13", "-0.12", "-0.12"},                                              // -12.5: tie; -12 is even
	{"-2.675", q("-2.675"), "0.01", "-2.68", "-2.68", "-2.67"},                                              // -267.5: tie; -267 is odd → -268
	{"0.12499999", q("0.12499999"), "0.01", "0.12", "0.12", "0.12"},                                         // 12.499999: below the tie
	{"0.1250001", q("0.1250001"), "0.01", "0.13", "0.13", "0.12"},                                           // 12.50001: above the tie
	{"1/3", fr("1", "3"), "0.01", "0.33", "0.33", "0.33"},                                                   // 33.333…
	{"2/3", fr("2", "3"), "0.01", "0.67", "0.67", "0.66"},                                                   // 66.666…
	{"-1/3", fr("-1", "3"), "0.01", "-0.33", "-0.33", "-0.33"},                                              // -33.333…
	{"-2/3", fr("-2", "3"), "0.01", "-0.67", "-0.67", "-0.66"},                                              // -66.666…
	{"1/8", fr("1", "8"), "0.01", "0.13", "0.12", "0.12"},                                                   // 12.5 exactly: tie; 12 even
	{"-1/8", fr("-1", "8"), "0.01", "-0.13", "-0.12", "-0.12"},                                              // -12.5: tie
	{"3/8", fr("3", "8"), "0.01", "0.38", "0.38", "0.37"},                                                   // 37.5: tie; 37 odd → 38
	{"1/200", fr("1", "200"), "0.01", "0.01", "0", "0"},                                                     // 0.5 cent as a fraction: tie
	{"1/7", fr("1", "7"), "0.01", "0.14", "0.14", "0.14"},                                                   // 14.2857…
	{"6/7", fr("6", "7"), "0.01", "0.86", "0.86", "0.85"},                                                   // 85.714…
	{"1/-3", fr("1", "-3"), "0.01", "-0.33", "-0.33", "-0.33"},                                              // negative denominator: -1/3
	{"-2/-3", fr("-2", "-3"), "0.01", "0.67", "0.67", "0.66"},                                               // both negative: 2/3
	{"7/0.3", fr("7", "0.3"), "0.01", "23.33", "23.33", "23.33"},                                            // 23.333…
	{"big", q("12345678901234.565"), "0.01", "12345678901234.57", "12345678901234.56", "12345678901234.56"}, // …456.5: tie; 6 even
	{"zero value", Q{}, "0.01", "0", "0", "0"},

	// step 1
	{"2.5 step 1", q("2.5"), "1", "3", "2", "2"},       // 2.5: tie; 2 even
	{"-2.5 step 1", q("-2.5"), "1", "-3", "-2", "-2"},  // -2.5: tie; -2 even
	{"3.5 step 1", q("3.5"), "1", "4", "4", "3"},       // 3.5: tie; 3 odd → 4
	{"-3.5 step 1", q("-3.5"), "1", "-4", "-4", "-3"},  // -3.5: tie; -3 odd → -4
	{"0.5 step 1", q("0.5"), "1", "1", "0", "0"},       // tie; 0 even
	{"7/2 step 1", fr("7", "2"), "1", "4", "4", "3"},   // 3.5 as a fraction
	{"2/3 step 1", fr("2", "3"), "1", "1", "1", "0"},   // 0.666…
	{"-0.001 step 1", q("-0.001"), "1", "0", "0", "0"}, // far below half

	// step 0.05
	{"0.125 step 0.05", q("0.125"), "0.05", "0.15", "0.1", "0.1"},      // 0.125 / 0.05 = 2.5: tie; 2 even
	{"2.675 step 0.05", q("2.675"), "0.05", "2.7", "2.7", "2.65"},      // 53.5: tie; 53 odd → 54 × 0.05 = 2.70
	{"1.024 step 0.05", q("1.024"), "0.05", "1", "1", "1"},             // 20.48
	{"1.026 step 0.05", q("1.026"), "0.05", "1.05", "1.05", "1"},       // 20.52
	{"1.075 step 0.05", q("1.075"), "0.05", "1.1", "1.1", "1.05"},      // 21.5: tie; 21 odd → 22 × 0.05 = 1.10
	{"-0.125 step 0.05", q("-0.125"), "0.05", "-0.15", "-0.1", "-0.1"}, // -2.5: tie
	{"1/3 step 0.05", fr("1", "3"), "0.05", "0.35", "0.35", "0.3"},     // 6.666…

	// step 10
	{"125 step 10", q("125"), "10", "130", "120", "120"},                     // 12.5: tie; 12 even
	{"135 step 10", q("135"), "10", "140", "140", "130"},                     // 13.5: tie; 13 odd → 14
	{"-125 step 10", q("-125"), "10", "-130", "-120", "-120"},                // -12.5: tie
	{"1234.56 step 10", q("1234.56"), "10", "1230", "1230", "1230"},          // 123.456
	{"5 step 10", q("5"), "10", "10", "0", "0"},                              // 0.5: tie; 0 even
	{"15 step 10", q("15"), "10", "20", "20", "10"},                          // 1.5: tie; 1 odd → 2
	{"100000/3 step 10", fr("100000", "3"), "10", "33330", "33330", "33330"}, // 3333.33…
	{"1/3 step 10", fr("1", "3"), "10", "0", "0", "0"},
}

func TestRound(t *testing.T) {
	for _, v := range roundVectors {
		for _, m := range []struct{ mode, want string }{
			{plan.HalfUp, v.halfUp},
			{plan.HalfEven, v.halfEven},
			{plan.Down, v.down},
		} {
			got := v.x.Round(d(v.step), m.mode)
			if !got.Equal(d(m.want)) {
				t.Errorf("Round(%s, %s, %s) = %s, want %s", v.name, v.step, m.mode, got, m.want)
			}
		}
	}
}

// TestRoundIsMultipleOfStep: whatever the mode, the result is a whole number of steps.
func TestRoundIsMultipleOfStep(t *testing.T) {
	for _, v := range roundVectors {
		step := d(v.step)
		for _, mode := range []string{plan.HalfUp, plan.HalfEven, plan.Down} {
			got := v.x.Round(step, mode)
			if _, r := got.QuoRem(step, 0); !r.IsZero() {
				t.Errorf("Round(%s, %s, %s) = %s, not a multiple of the step", v.name, v.step, mode, got)
			}
		}
	}
}

// TestRoundDownNeverGrowsMagnitude: down is toward zero, so |Round(x, down)| ≤ |x|.
func TestRoundDownNeverGrowsMagnitude(t *testing.T) {
	for _, v := range roundVectors {
		got := Dec(v.x.Round(d(v.step), plan.Down).Abs())
		abs := v.x
		if abs.Sign() < 0 {
			abs = Q{}.Sub(abs)
		}
		if got.Cmp(abs) > 0 {
			t.Errorf("|Round(%s, %s, down)| = %s, want at most |x| = %s", v.name, v.step, got, abs)
		}
	}
}

func TestFloor(t *testing.T) {
	tests := []struct {
		name string
		x    Q
		want string
	}{
		{"7/2", fr("7", "2"), "3"},
		{"-7/2", fr("-7", "2"), "-4"},                   // -3.5 → -4, not -3
		{"7/-2", fr("7", "-2"), "-4"},                   // negative denominator
		{"-7/-2", fr("-7", "-2"), "3"},                  // both negative: 3.5
		{"6/2", fr("6", "2"), "3"},                      // exact
		{"-6/2", fr("-6", "2"), "-3"},                   // exact negative stays
		{"6/-2", fr("6", "-2"), "-3"},                   // exact, negative denominator
		{"5", q("5"), "5"},                              // exact integer
		{"-5", q("-5"), "-5"},                           // exact negative integer
		{"-1", q("-1"), "-1"},                           // exact negative integer
		{"0", q("0"), "0"},                              // zero
		{"zero value", Q{}, "0"},                        // Q{} is 0
		{"0.5", q("0.5"), "0"},                          // below one
		{"-0.5", q("-0.5"), "-1"},                       // just below zero
		{"-0.0001", q("-0.0001"), "-1"},                 // a hair below zero
		{"12.999", q("12.999"), "12"},                   // not rounded up
		{"-12.999", q("-12.999"), "-13"},                // toward -∞
		{"1/3", fr("1", "3"), "0"},                      // 0.333…
		{"-1/3", fr("-1", "3"), "-1"},                   // -0.333…
		{"10/0.3", fr("10", "0.3"), "33"},               // 33.333…
		{"0.15/0.05", q("0.15").Quo(q("0.05")), "3"},    // docs/calculation.md §4.1: must be 3 (float64 gives 2)
		{"-0.15/0.05", q("-0.15").Quo(q("0.05")), "-3"}, // exact negative quotient
		{"0.15/-0.05", q("0.15").Quo(q("-0.05")), "-3"}, // negative divisor
		{"0.1499/0.05", q("0.1499").Quo(q("0.05")), "2"},
	}
	for _, tt := range tests {
		if got := tt.x.Floor(); !got.Equal(d(tt.want)) {
			t.Errorf("Floor(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestCmp(t *testing.T) {
	tests := []struct {
		name string
		a, b Q
		want int
	}{
		{"1/2 vs 0.5", fr("1", "2"), q("0.5"), 0},
		{"1/2 vs 2/4", fr("1", "2"), fr("2", "4"), 0},
		{"1/-2 vs -0.5", fr("1", "-2"), q("-0.5"), 0},
		{"-1/-2 vs 0.5", fr("-1", "-2"), q("0.5"), 0},
		{"1/-2 vs 1/2", fr("1", "-2"), fr("1", "2"), -1},
		{"1/3 vs 0.333333", fr("1", "3"), q("0.333333"), 1},
		{"1/3 vs 0.333334", fr("1", "3"), q("0.333334"), -1},
		{"-1/3 vs -0.333333", fr("-1", "3"), q("-0.333333"), -1},
		{"2/3 vs 3/4", fr("2", "3"), fr("3", "4"), -1},
		{"0 vs zero value", q("0"), Q{}, 0},
		{"zero value vs -1/1000000", Q{}, fr("-1", "1000000"), 1},
		{"0.799999 vs 0.8", fr("799999", "1000000"), q("0.8"), -1},
		{"0.1+0.2 vs 0.3", q("0.1").Add(q("0.2")), q("0.3"), 0},
		{"1.15 vs 23/20", q("1.15"), fr("23", "20"), 0},
		{"5/0.3 vs 50/3", fr("5", "0.3"), fr("50", "3"), 0},
	}
	for _, tt := range tests {
		if got := tt.a.Cmp(tt.b); got != tt.want {
			t.Errorf("Cmp(%s) = %d, want %d", tt.name, got, tt.want)
		}
		if got := tt.b.Cmp(tt.a); got != -tt.want {
			t.Errorf("Cmp(%s) reversed = %d, want %d", tt.name, got, -tt.want)
		}
	}
}

func TestCmpD(t *testing.T) {
	tests := []struct {
		a    Q
		x    string
		want int
	}{
		{fr("4", "5"), "0.8", 0},
		{fr("799999", "1000000"), "0.8", -1},
		{fr("800001", "1000000"), "0.8", 1},
		{fr("-3", "-4"), "0.75", 0},
		{fr("3", "-4"), "-0.75", 0},
	}
	for _, tt := range tests {
		if got := tt.a.CmpD(d(tt.x)); got != tt.want {
			t.Errorf("CmpD(%s, %s) = %d, want %d", tt.a, tt.x, got, tt.want)
		}
	}
}

// valid reports whether a is as Q keeps it: small in lowest terms with a
// positive denominator (or the zero Q), or a big.Rat that would not fit.
func (a Q) valid() bool {
	if a.r != nil { // kept big only when it does not fit (MinInt64 is kept big: its negation does not fit)
		return !(a.r.Num().IsInt64() && a.r.Denom().IsInt64()) || a.r.Num().Int64() == math.MinInt64
	}
	if a.d == 0 {
		return a.n == 0
	}
	return a.d > 0 && gcd(a.n, a.d) == 1 && (a.n != 0 || a.d == 1)
}

func TestFrac(t *testing.T) {
	tests := []struct {
		n, dd string
		want  Q // the same value, written another way
		sign  int
	}{
		{"1", "2", q("0.5"), 1},
		{"1", "-2", q("-0.5"), -1},
		{"-1", "2", q("-0.5"), -1},
		{"-1", "-2", q("0.5"), 1},
		{"0", "-5", Q{}, 0},
		{"3", "-0.25", q("-12"), -1},
	}
	for _, tt := range tests {
		got := fr(tt.n, tt.dd)
		if !got.valid() {
			t.Errorf("Frac(%s, %s) = %+v, not in lowest terms with a positive denominator", tt.n, tt.dd, got)
		}
		if got.Cmp(tt.want) != 0 {
			t.Errorf("Frac(%s, %s) = %s, want %s", tt.n, tt.dd, got, tt.want)
		}
		if s := got.Sign(); s != tt.sign {
			t.Errorf("Frac(%s, %s).Sign() = %d, want %d", tt.n, tt.dd, s, tt.sign)
		}
		if z := got.IsZero(); z != (tt.sign == 0) {
			t.Errorf("Frac(%s, %s).IsZero() = %v, want %v", tt.n, tt.dd, z, tt.sign == 0)
		}
	}
}

func TestArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  Q
		want Q
	}{
		{"1/3 + 1/6", fr("1", "3").Add(fr("1", "6")), fr("1", "2")},
		{"1/3 + 1/3 (same denominator)", fr("1", "3").Add(fr("1", "3")), fr("2", "3")},
		{"0.1 + 0.2", q("0.1").Add(q("0.2")), q("0.3")},
		{"zero value + 1/3", Q{}.Add(fr("1", "3")), fr("1", "3")},
		{"1/3 - 1/2", fr("1", "3").Sub(fr("1", "2")), fr("-1", "6")},
		{"1.15 - 1", q("1.15").Sub(q("1")), q("0.15")},
		{"zero value - 1/3", Q{}.Sub(fr("1", "3")), fr("-1", "3")},
		{"2/3 × 3/4", fr("2", "3").Mul(fr("3", "4")), fr("1", "2")},
		{"-2/3 × 3/4", fr("-2", "3").Mul(fr("3", "4")), fr("-1", "2")},
		{"2/3 × zero value", fr("2", "3").Mul(Q{}), Q{}},
		{"1/3 × 0.03", fr("1", "3").MulD(d("0.03")), q("0.01")},
		{"(1/3) / (2/3)", fr("1", "3").Quo(fr("2", "3")), q("0.5")},
		{"(1/3) / (-2/3)", fr("1", "3").Quo(fr("-2", "3")), q("-0.5")},
		{"0.15 / 0.05", q("0.15").Quo(q("0.05")), q("3")},
		{"55000 / 50000", q("55000").Quo(q("50000")), q("1.1")},
		{"min(1/3, 0.3)", fr("1", "3").Min(q("0.3")), q("0.3")},
		{"min(0.3, 1/3)", q("0.3").Min(fr("1", "3")), q("0.3")},
		{"max(1/3, 0.3)", fr("1", "3").Max(q("0.3")), fr("1", "3")},
		{"max(-1/3, zero value)", fr("-1", "3").Max(Q{}), Q{}},
	}
	for _, tt := range tests {
		if tt.got.Cmp(tt.want) != 0 {
			t.Errorf("%s = %s, want %s", tt.name, tt.got, tt.want)
		}
		if !tt.got.valid() {
			t.Errorf("%s = %+v, not in lowest terms with a positive denominator", tt.name, tt.got)
		}
	}
}

func TestApproxAndString(t *testing.T) {
	tests := []struct {
		x      Q
		places int32
		want   string
	}{
		{fr("2", "3"), 6, "0.666667"},   // 0.6666666… → 7th digit 6 rounds up
		{fr("1", "3"), 6, "0.333333"},   // 7th digit 3
		{fr("-2", "3"), 6, "-0.666667"}, // half-up away from zero
		{q("0.5"), 6, "0.5"},            // trailing zeros dropped
		{q("1.15"), 6, "1.15"},
		{fr("1", "8"), 2, "0.13"}, // 0.125: half away from zero
		{Q{}, 6, "0"},
	}
	for _, tt := range tests {
		if got := tt.x.Approx(tt.places).String(); got != tt.want {
			t.Errorf("Approx(%s, %d) = %s, want %s", tt.x.rat(), tt.places, got, tt.want)
		}
	}
	if got := fr("2", "3").String(); got != "≈0.666667" {
		t.Errorf("String(2/3) = %s, want ≈0.666667 (marked as rounded)", got)
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		step string
		want int32
	}{
		{"0.01", 2},
		{"1", 0},
		{"0.05", 2},
		{"10", 0},
		{"0.001", 3},
	}
	for _, tt := range tests {
		if got := Scale(d(tt.step)); got != tt.want {
			t.Errorf("Scale(%s) = %d, want %d", tt.step, got, tt.want)
		}
	}
}

func TestDecimalParts(t *testing.T) {
	for _, c := range []struct {
		q     Q
		c     int64
		e     int32
		exact bool
	}{
		{Dec(decimal.RequireFromString("1.10")), 11, -1, true},        // 11/10: the first power of ten 10 divides is 10^1
		{Dec(decimal.RequireFromString("-0.000125")), -125, -6, true}, // -1/8000: 10^6 / 8000 = 125
		{Dec(decimal.RequireFromString("440000")), 440000, 0, true},   // a whole number: d = 1
		{Q{}, 0, 0, true}, // zero
		{Frac(decimal.NewFromInt(1), decimal.NewFromInt(3)), 0, 0, false},     // 1/3: no power of ten is a multiple of 3
		{Dec(decimal.RequireFromString("12345678901234567890")), 0, 0, false}, // beyond int64: a big.Rat
	} {
		gc, ge, ok := c.q.DecimalParts()
		if ok != c.exact || (ok && (gc != c.c || ge != c.e)) {
			t.Errorf("DecimalParts(%s) = %d, %d, %v, want %d, %d, %v", c.q, gc, ge, ok, c.c, c.e, c.exact)
		}
		if back := FromDecimalParts(gc, ge); ok && back.Cmp(c.q) != 0 {
			t.Errorf("FromDecimalParts(%d, %d) = %s, want %s", gc, ge, back, c.q)
		}
	}
}
