package calc

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

var (
	zero    = decimal.Zero
	one     = decimal.New(1, 0)
	hundred = decimal.New(100, 0)
	two     = decimal.New(2, 0)
)

// Q is an exact rational number N/D with D > 0, built from decimals. Indices,
// fulfilment ratios and coefficients stay exact as Q until a money amount is
// rounded, once, so no intermediate rounding can tip a half-cent case.
type Q struct {
	N, D decimal.Decimal
}

// Dec returns x as a rational.
func Dec(x decimal.Decimal) Q { return Q{N: x, D: one} }

// Frac returns n/d; d must not be zero.
func Frac(n, d decimal.Decimal) Q {
	if d.IsNegative() {
		return Q{N: n.Neg(), D: d.Neg()}
	}
	return Q{N: n, D: d}
}

func (a Q) norm() Q {
	if a.D.IsZero() {
		return Q{N: zero, D: one}
	}
	return a
}

// Add returns a + b.
func (a Q) Add(b Q) Q {
	a, b = a.norm(), b.norm()
	if a.D.Equal(b.D) {
		return Q{N: a.N.Add(b.N), D: a.D}
	}
	return Q{N: a.N.Mul(b.D).Add(b.N.Mul(a.D)), D: a.D.Mul(b.D)}
}

// Sub returns a - b.
func (a Q) Sub(b Q) Q {
	b = b.norm()
	return a.Add(Q{N: b.N.Neg(), D: b.D})
}

// Mul returns a × b.
func (a Q) Mul(b Q) Q {
	a, b = a.norm(), b.norm()
	return Q{N: a.N.Mul(b.N), D: a.D.Mul(b.D)}
}

// MulD returns a × x.
func (a Q) MulD(x decimal.Decimal) Q { a = a.norm(); return Q{N: a.N.Mul(x), D: a.D} }

// Quo returns a / b; b must not be zero.
func (a Q) Quo(b Q) Q {
	a, b = a.norm(), b.norm()
	return Frac(a.N.Mul(b.D), a.D.Mul(b.N))
}

// Cmp compares a and b: -1, 0 or +1.
func (a Q) Cmp(b Q) int {
	a, b = a.norm(), b.norm()
	return a.N.Mul(b.D).Cmp(b.N.Mul(a.D))
}

// CmpD compares a with the decimal x.
func (a Q) CmpD(x decimal.Decimal) int { return a.Cmp(Dec(x)) }

// Sign is -1, 0 or +1.
func (a Q) Sign() int { return a.norm().N.Sign() }

// IsZero reports whether a is zero.
func (a Q) IsZero() bool { return a.norm().N.IsZero() }

// Min returns the smaller of a and b.
func (a Q) Min(b Q) Q {
	if b.Cmp(a) < 0 {
		return b
	}
	return a
}

// Max returns the larger of a and b.
func (a Q) Max(b Q) Q {
	if b.Cmp(a) > 0 {
		return b
	}
	return a
}

// Floor returns the largest integer not above a, exactly.
func (a Q) Floor() decimal.Decimal {
	a = a.norm()
	q, r := a.N.QuoRem(a.D, 0)
	if r.IsNegative() {
		q = q.Sub(one)
	}
	return q
}

// Round rounds a to a multiple of step with the scheme's mode: half-up is half
// away from zero (Excel's ROUND), half-even is banker's, down is toward zero
// (Excel's ROUNDDOWN). It is exact: the decision uses the true remainder.
func (a Q) Round(step decimal.Decimal, mode string) decimal.Decimal {
	a = a.norm()
	div := a.D.Mul(step)
	q, r := a.N.QuoRem(div, 0)
	if !r.IsZero() && mode != plan.Down {
		twice := r.Abs().Mul(two)
		c := twice.Cmp(div.Abs())
		bump := c > 0 || (c == 0 && (mode == plan.HalfUp || q.Mod(two).Abs().Equal(one)))
		if bump {
			if a.N.IsNegative() {
				q = q.Sub(one)
			} else {
				q = q.Add(one)
			}
		}
	}
	return q.Mul(step)
}

// Approx is a for display: rounded half-up to places decimals, trailing zeros
// dropped. It never feeds a calculation.
func (a Q) Approx(places int32) decimal.Decimal {
	a = a.norm()
	if a.N.Exponent() >= -places && a.D.Equal(one) {
		return a.N // already a decimal with no more places: nothing to divide or round
	}
	return a.N.DivRound(a.D, places)
}

// RatioPlaces is how many decimals a ratio (fulfilment, index, K, a
// coefficient, a factor) shows in every output: the explanation, the
// table, CSV, JSON and the workbook's cells. The engine keeps it exact;
// shown, it is rounded half-up to this many places (docs/calculation.md).
const RatioPlaces = 6

// Shown is a as every output shows it: Approx(RatioPlaces).
func (a Q) Shown() decimal.Decimal { return a.Approx(RatioPlaces) }

// String shows a with at most RatioPlaces decimals, marked ≈ when that is
// rounded, so that an explanation never presents a rounded figure as exact.
func (a Q) String() string {
	a = a.norm()
	if a.N.Exponent() >= -RatioPlaces && a.D.Equal(one) {
		return a.N.String()
	}
	x := a.Shown()
	if !x.Mul(a.D).Equal(a.N) {
		return "≈" + x.String()
	}
	return x.String()
}

// Neg returns −a.
func (a Q) Neg() Q { a = a.norm(); return Q{N: a.N.Neg(), D: a.D} }
