package calc

import (
	"math"
	"math/big"
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// randQ makes a rational of the kinds pay figures give and of the kinds
// that overflow int64: small decimals, cents, shares, values near 2^63,
// long fractions.
func randQ(rng *rand.Rand) Q {
	switch rng.Intn(6) {
	case 0:
		return Dec(decimal.New(rng.Int63n(2_000_000)-1_000_000, -int32(rng.Intn(5))))
	case 1:
		return Frac(decimal.New(rng.Int63n(1000)-500, 0), decimal.New(rng.Int63n(999)+1, -int32(rng.Intn(3))))
	case 2: // near the int64 edge
		n := math.MaxInt64 - rng.Int63n(1000)
		if rng.Intn(2) == 0 {
			n = -n
		}
		return Dec(decimal.New(n, -int32(rng.Intn(3))))
	case 3: // 18 to 25 digits
		c, _ := new(big.Int).SetString("1234567890123456789012345"[:18+rng.Intn(8)], 10)
		if rng.Intn(2) == 0 {
			c.Neg(c)
		}
		return Dec(decimal.NewFromBigInt(c, -int32(rng.Intn(10))))
	case 4:
		return Frac(decimal.New(rng.Int63(), 0), decimal.New(rng.Int63n(math.MaxInt64-1)+1, 0))
	}
	return Q{}
}

// oldRound is the rounding premia had before Q kept int64s, on decimals:
// the quotient and true remainder of N / (D × step) decide.
func oldRound(x *big.Rat, step decimal.Decimal, mode string) decimal.Decimal {
	n, d := decimal.NewFromBigInt(x.Num(), 0), decimal.NewFromBigInt(x.Denom(), 0)
	div := d.Mul(step)
	q, r := n.QuoRem(div, 0)
	if !r.IsZero() && mode != plan.Down {
		c := r.Abs().Mul(two).Cmp(div.Abs())
		if c > 0 || (c == 0 && (mode == plan.HalfUp || q.Mod(two).Abs().Equal(one))) {
			if n.IsNegative() {
				q = q.Sub(one)
			} else {
				q = q.Add(one)
			}
		}
	}
	return q.Mul(step)
}

// TestQAgainstBigRat: every operation on 20,000 random pairs agrees with
// math/big's exact rationals, and rounding, flooring and showing agree
// with decimal arithmetic on the same values; every result is kept in
// lowest terms, small when it fits.
func TestQAgainstBigRat(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	steps := []decimal.Decimal{d("0.01"), d("1"), d("0.05"), d("10")}
	for i := 0; i < 20000; i++ {
		a, b := randQ(rng), randQ(rng)
		ra, rb := a.rat(), b.rat()
		check := func(name string, got Q, want *big.Rat) {
			t.Helper()
			if got.rat().Cmp(want) != 0 || !got.valid() {
				t.Fatalf("%s(%s, %s) = %s (%+v), want %s", name, ra, rb, got.rat(), got, want)
			}
		}
		check("Add", a.Add(b), new(big.Rat).Add(ra, rb))
		check("Sub", a.Sub(b), new(big.Rat).Sub(ra, rb))
		check("Mul", a.Mul(b), new(big.Rat).Mul(ra, rb))
		check("Neg", a.Neg(), new(big.Rat).Neg(ra))
		if b.Sign() != 0 {
			check("Quo", a.Quo(b), new(big.Rat).Quo(ra, rb))
		}
		if got, want := a.Cmp(b), ra.Cmp(rb); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", ra, rb, got, want)
		}
		if got, want := a.Sign(), ra.Sign(); got != want {
			t.Fatalf("Sign(%s) = %d, want %d", ra, got, want)
		}
		fl := new(big.Int).Div(ra.Num(), ra.Denom()) // Euclidean: the floor for a positive divisor
		if got := a.Floor(); !got.Equal(decimal.NewFromBigInt(fl, 0)) {
			t.Fatalf("Floor(%s) = %s, want %s", ra, got, fl)
		}
		step := steps[rng.Intn(len(steps))]
		for _, mode := range []string{plan.HalfUp, plan.HalfEven, plan.Down} {
			if got, want := a.Round(step, mode), oldRound(ra, step, mode); !got.Equal(want) {
				t.Fatalf("Round(%s, %s, %s) = %s, want %s", ra, step, mode, got, want)
			}
		}
		places := int32(rng.Intn(8))
		want := decimal.NewFromBigInt(ra.Num(), 0).DivRound(decimal.NewFromBigInt(ra.Denom(), 0), places)
		if got := a.Approx(places); !got.Equal(want) {
			t.Fatalf("Approx(%s, %d) = %s, want %s", ra, places, got, want)
		}
		// What outputs show: 6 places, half away from zero, marked ≈
		// when that is not the value itself.
		shown := decimal.NewFromBigInt(ra.Num(), 0).DivRound(decimal.NewFromBigInt(ra.Denom(), 0), RatioPlaces)
		if got := string(a.AppendShown([]byte("x"))); got != "x"+shown.String() {
			t.Fatalf("AppendShown(%s) = %q, want %q", ra, got, "x"+shown.String())
		}
		str := shown.String()
		if shown.Rat().Cmp(ra) != 0 {
			str = "≈" + str
		}
		if got := string(a.AppendString([]byte("x"))); got != "x"+str {
			t.Fatalf("AppendString(%s) = %q, want %q", ra, got, "x"+str)
		}
		if got := a.String(); got != str {
			t.Fatalf("String(%s) = %q, want %q", ra, got, str)
		}
	}
}
