package calc

import (
	"math"
	"math/big"
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

// TestTextAsString: Text is decimal.String, for 100,000 random decimals of
// every sign, size and exponent (coefficients past int64 included) and the
// edges: zero with places, negative fractions under 1, MaxInt64.
func TestTextAsString(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	cases := []decimal.Decimal{
		{}, decimal.New(0, -2), decimal.New(-5, -1), decimal.New(-100, -2), decimal.New(7, -20),
		decimal.New(math.MaxInt64, -3), decimal.New(-math.MaxInt64, 0), decimal.New(12, 17), decimal.New(9, 19),
		d("1.50"), d("-0.001"), d("123456789012345678901234.5678"),
	}
	for i := 0; i < 100000; i++ {
		c := randCoef(rng)
		cases = append(cases, decimal.New(c, int32(rng.Intn(30)-22)))
		if i%100 == 0 {
			b := new(big.Int).Mul(big.NewInt(c), big.NewInt(rng.Int63()))
			cases = append(cases, decimal.NewFromBigInt(b, int32(rng.Intn(10)-5)))
		}
	}
	for _, x := range cases {
		if got, want := Text(x), x.String(); got != want {
			t.Fatalf("Text(%v × 10^%d) = %q, want %q", x.Coefficient(), x.Exponent(), got, want)
		}
	}
}

// TestPartsAsDecimal: the parts' writers give what shopspring's own
// String and StringFixed, and AppendShown of the same ratio, give, for
// random coefficients and exponents, zero and the int64 edges among them.
func TestPartsAsDecimal(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	type pc struct {
		c int64
		e int32
	}
	cases := []pc{{0, 0}, {0, -2}, {0, 3}, {-5, -1}, {5, -7}, {-1234567, -7}, {math.MaxInt64, -3}, {math.MinInt64, -2}, {-math.MaxInt64, 0}, {12, 17}, {9, 19}, {75859, 0}, {7585900, -2}, {1, -18}, {-1, -19}}
	for range 100000 {
		c := randCoef(rng)
		cases = append(cases, pc{c, int32(rng.Intn(30) - 22)})
	}
	for _, x := range cases {
		d := decimal.New(x.c, x.e)
		if got, want := string(AppendTextParts(nil, x.c, x.e)), d.String(); got != want {
			t.Fatalf("AppendTextParts(%d, %d) = %q, want %q", x.c, x.e, got, want)
		}
		if got, want := string(AppendShownParts(nil, x.c, x.e)), string(Dec(d).AppendShown(nil)); got != want {
			t.Fatalf("AppendShownParts(%d, %d) = %q, want %q", x.c, x.e, got, want)
		}
		for _, places := range []int32{0, 2, 4, 18} {
			if got, want := string(AppendFixedParts(nil, x.c, x.e, places)), d.StringFixed(places); got != want {
				t.Fatalf("AppendFixedParts(%d, %d, %d) = %q, want %q", x.c, x.e, places, got, want)
			}
		}
	}
}

// randCoef is a coefficient of any size and sign: a third small, a third
// of twelve digits, a third up to an int64's.
func randCoef(rng *rand.Rand) int64 {
	switch rng.Intn(3) {
	case 0:
		return rng.Int63n(1000) - 500
	case 1:
		return rng.Int63n(1_000_000_000_000) - 500_000_000_000
	}
	c := rng.Int63()
	if rng.Intn(2) == 0 {
		c = -c
	}
	return c
}
