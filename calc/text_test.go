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
		var c int64
		switch rng.Intn(3) {
		case 0:
			c = rng.Int63n(1000) - 500
		case 1:
			c = rng.Int63n(1_000_000_000_000) - 500_000_000_000
		default:
			c = rng.Int63()
			if rng.Intn(2) == 0 {
				c = -c
			}
		}
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
