package calc

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

var (
	zero    = decimal.Zero
	one     = decimal.New(1, 0)
	hundred = decimal.New(100, 0)
	two     = decimal.New(2, 0)
)

// Q is an exact rational number. Indices, fulfilment ratios and
// coefficients stay exact as Q until a money amount is rounded, once, so no
// intermediate rounding can tip a half-cent case.
//
// A Q is kept as two int64s in lowest terms while its value fits, which
// pay figures do (cents, shares and ratios of them), and as a big.Rat once
// a result would not: every operation checks for overflow and moves to
// big.Rat before it could happen, so the value is exact either way and
// only the speed differs. The zero Q is 0.
type Q struct {
	n, d int64    // n/d with d > 0 (d == 0 in the zero Q: 0), in lowest terms, when r is nil
	r    *big.Rat // otherwise; never changed once made
}

// pow10 are the powers of ten that fit an int64.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Dec returns x as a rational.
func Dec(x decimal.Decimal) Q {
	if x.NumDigits() <= 18 {
		return FromDecimalParts(x.CoefficientInt64(), x.Exponent())
	}
	return fromRat(ratPow10(x.Exponent(), x.Coefficient()))
}

// ratPow10 is c × 10^e as a big.Rat.
func ratPow10(e int32, c *big.Int) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs32(e))), nil)
	if e >= 0 {
		return new(big.Rat).SetInt(new(big.Int).Mul(c, p))
	}
	return new(big.Rat).SetFrac(c, p)
}

func abs32(e int32) int32 {
	if e < 0 {
		return -e
	}
	return e
}

// Frac returns n/d; d must not be zero.
func Frac(n, d decimal.Decimal) Q { return Dec(n).Quo(Dec(d)) }

// small returns n/d (d != 0) in lowest terms with a positive denominator.
func small(n, d int64) Q {
	if n == math.MinInt64 || d == math.MinInt64 {
		return fromRat(new(big.Rat).SetFrac(big.NewInt(n), big.NewInt(d)))
	}
	if d < 0 {
		n, d = -n, -d
	}
	if n == 0 {
		return Q{}
	}
	if g := gcd(n, d); g != 1 {
		n, d = n/g, d/g
	}
	return Q{n: n, d: d}
}

// fromRat returns r as a Q: small when it fits.
func fromRat(r *big.Rat) Q {
	if num, den := r.Num(), r.Denom(); num.IsInt64() && den.IsInt64() && num.Int64() != math.MinInt64 {
		if num.Sign() == 0 {
			return Q{}
		}
		return Q{n: num.Int64(), d: den.Int64()}
	}
	return Q{r: r}
}

// rat returns a as a big.Rat (a new one for a small Q; never to be changed).
func (a Q) rat() *big.Rat {
	if a.r != nil {
		return a.r
	}
	if a.d == 0 {
		return new(big.Rat)
	}
	return big.NewRat(a.n, a.d)
}

// parts returns a's numerator and denominator when a is small.
func (a Q) parts() (n, d int64, ok bool) {
	if a.r != nil {
		return 0, 0, false
	}
	if a.d == 0 {
		return 0, 1, true
	}
	return a.n, a.d, true
}

// DecimalParts returns a as c × 10^e exactly, e from 0 down to −18, when a
// is a decimal whose coefficient fits an int64 (what a figure shown or
// read back from JSON is); ok is false otherwise. For holding many
// figures compactly (premia trend); c and e give back decimal.New(c, e).
func (a Q) DecimalParts() (c int64, e int32, ok bool) {
	n, d, ok := a.parts()
	if !ok {
		return 0, 0, false
	}
	for k := range int32(len(pow10)) {
		if pow10[k]%d == 0 {
			c, ok := mul64(n, pow10[k]/d)
			return c, -k, ok
		}
	}
	return 0, 0, false
}

// FromDecimalParts is c × 10^e as a rational: DecimalParts' inverse, and
// Dec(decimal.New(c, e)) without making the decimal.
func FromDecimalParts(c int64, e int32) Q {
	switch {
	case c == 0:
		return Q{}
	case e >= 0 && e < 19:
		if n, ok := mul64(c, pow10[e]); ok {
			return Q{n: n, d: 1}
		}
	case e < 0 && e > -19:
		return small(c, pow10[-e])
	}
	return fromRat(ratPow10(e, big.NewInt(c)))
}

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// mul64 is a × b, and whether it fits (never MinInt64).
func mul64(a, b int64) (int64, bool) {
	if a == math.MinInt64 || b == math.MinInt64 {
		return 0, false
	}
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// add64 is a + b, and whether it fits (never MinInt64).
func add64(a, b int64) (int64, bool) {
	c := a + b
	if (a > 0 && b > 0 && c < 0) || (a < 0 && b < 0 && c >= 0) || c == math.MinInt64 {
		return 0, false
	}
	return c, true
}

// Add returns a + b.
func (a Q) Add(b Q) Q {
	an, ad, ok1 := a.parts()
	bn, bd, ok2 := b.parts()
	if ok1 && ok2 {
		if ad == bd {
			if n, ok := add64(an, bn); ok {
				return small(n, ad)
			}
		} else {
			g := gcd(ad, bd)
			x, ok3 := mul64(an, bd/g)
			y, ok4 := mul64(bn, ad/g)
			n, ok5 := add64(x, y)
			d, ok6 := mul64(ad/g, bd)
			if ok3 && ok4 && ok5 && ok6 {
				return small(n, d)
			}
		}
	}
	return fromRat(new(big.Rat).Add(a.rat(), b.rat()))
}

// Sub returns a - b.
func (a Q) Sub(b Q) Q { return a.Add(b.Neg()) }

// Mul returns a × b.
func (a Q) Mul(b Q) Q {
	an, ad, ok1 := a.parts()
	bn, bd, ok2 := b.parts()
	if ok1 && ok2 {
		if an == 0 || bn == 0 {
			return Q{}
		}
		g1, g2 := gcd(an, bd), gcd(bn, ad) // both in lowest terms: so is the product
		n, ok3 := mul64(an/g1, bn/g2)
		d, ok4 := mul64(ad/g2, bd/g1)
		if ok3 && ok4 {
			return Q{n: n, d: d}
		}
	}
	return fromRat(new(big.Rat).Mul(a.rat(), b.rat()))
}

// MulD returns a × x.
func (a Q) MulD(x decimal.Decimal) Q { return a.Mul(Dec(x)) }

// inv returns 1 / a; a must not be zero.
func (a Q) inv() Q {
	if n, d, ok := a.parts(); ok {
		return small(d, n)
	}
	return fromRat(new(big.Rat).Inv(a.r))
}

// Quo returns a / b; b must not be zero.
func (a Q) Quo(b Q) Q {
	if b.IsZero() {
		panic("calc: division of a rational by zero")
	}
	return a.Mul(b.inv())
}

// Cmp compares a and b: -1, 0 or +1.
func (a Q) Cmp(b Q) int {
	an, ad, ok1 := a.parts()
	bn, bd, ok2 := b.parts()
	if !ok1 || !ok2 {
		return a.rat().Cmp(b.rat())
	}
	sa, sb := sign64(an), sign64(bn)
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	if ad == bd {
		return cmp.Compare(an, bn)
	}
	// Same sign: compare |an| × bd with |bn| × ad in 128 bits.
	ua, ub := uint64(an), uint64(bn)
	if sa < 0 {
		ua, ub = uint64(-an), uint64(-bn)
	}
	h1, l1 := bits.Mul64(ua, uint64(bd))
	h2, l2 := bits.Mul64(ub, uint64(ad))
	c := 0
	switch {
	case h1 != h2:
		c = cmp.Compare(h1, h2)
	default:
		c = cmp.Compare(l1, l2)
	}
	return c * sa
}

func sign64(x int64) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// CmpD compares a with the decimal x.
func (a Q) CmpD(x decimal.Decimal) int { return a.Cmp(Dec(x)) }

// Sign is -1, 0 or +1.
func (a Q) Sign() int {
	if a.r != nil {
		return a.r.Sign()
	}
	return sign64(a.n)
}

// IsZero reports whether a is zero.
func (a Q) IsZero() bool { return a.Sign() == 0 }

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

// quoRem is the integer quotient of a toward zero and the remainder's
// numerator over a's denominator: a = q + r/d, |r| < d, r of a's sign.
func (a Q) quoRem() (q, r, d *big.Int) {
	x := a.rat()
	q, r = new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	return q, r, x.Denom()
}

// Floor returns the largest integer not above a, exactly.
func (a Q) Floor() decimal.Decimal {
	if n, d, ok := a.parts(); ok {
		f := n / d
		if n%d != 0 && n < 0 {
			f--
		}
		return decimal.New(f, 0)
	}
	q, r, _ := a.quoRem()
	if r.Sign() < 0 {
		q.Sub(q, big.NewInt(1))
	}
	return decimal.NewFromBigInt(q, 0)
}

// Round rounds a to a multiple of step with the scheme's mode: half-up is half
// away from zero (Excel's ROUND), half-even is banker's, down is toward zero
// (Excel's ROUNDDOWN). It is exact: the decision uses the true remainder.
func (a Q) Round(step decimal.Decimal, mode string) decimal.Decimal {
	x := a.Quo(Dec(step)) // in steps
	if n, d, ok := x.parts(); ok {
		t, r := n/d, n%d
		if r != 0 && mode != plan.Down {
			twice := uint64(r) * 2 // |r| < d ≤ MaxInt64: twice fits a uint64
			if r < 0 {
				twice = uint64(-r) * 2
			}
			c := cmp.Compare(twice, uint64(d))
			if c > 0 || (c == 0 && (mode == plan.HalfUp || t%2 != 0)) {
				t += int64(sign64(n))
			}
		}
		return decimal.New(t, 0).Mul(step)
	}
	t, r, d := x.quoRem()
	if r.Sign() != 0 && mode != plan.Down {
		twice := new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2))
		c := twice.Cmp(d)
		if c > 0 || (c == 0 && (mode == plan.HalfUp || t.Bit(0) == 1)) {
			t.Add(t, big.NewInt(int64(x.Sign())))
		}
	}
	return decimal.NewFromBigInt(t, 0).Mul(step)
}

// Approx is a for display: rounded half away from zero to places decimals.
// It never feeds a calculation.
func (a Q) Approx(places int32) decimal.Decimal {
	if n, d, ok := a.parts(); ok && d == 1 && places >= 0 {
		return decimal.New(n, 0)
	}
	if t, _, ok := a.approx64(places); ok {
		return decimal.New(t, -places)
	}
	x := a.rat()
	return decimal.NewFromBigInt(x.Num(), 0).DivRound(decimal.NewFromBigInt(x.Denom(), 0), places)
}

// approx64 is Approx in int64, where a and a × 10^places fit: the
// coefficient t of the rounded value t × 10^-places, and whether that is a
// exactly.
func (a Q) approx64(places int32) (t int64, exact, ok bool) {
	n, d, ok := a.parts()
	if !ok || places < 0 || places >= 19 {
		return 0, false, false
	}
	m, ok := mul64(n, pow10[places])
	if !ok {
		return 0, false, false
	}
	t, r := m/d, m%d
	if r < 0 {
		r = -r
	}
	if uint64(r)*2 >= uint64(d) {
		t += int64(sign64(m))
	}
	return t, r == 0, true
}

// exact reports whether a is x exactly.
func (a Q) exact(x decimal.Decimal) bool { return a.Cmp(Dec(x)) == 0 }

// RatioPlaces is how many decimals a ratio (fulfilment, index, K, a
// coefficient, a factor) shows in every output: the explanation, the
// table, CSV, JSON and the workbook's cells. The engine keeps it exact;
// shown, it is rounded half-up to this many places (docs/calculation.md).
const RatioPlaces = 6

// Shown is a as every output shows it: Approx(RatioPlaces).
func (a Q) Shown() decimal.Decimal { return a.Approx(RatioPlaces) }

// AppendShown appends Text(a.Shown()) to dst: the figure a cell, CSV or
// JSON shows for a ratio.
func (a Q) AppendShown(dst []byte) []byte {
	dst, _ = a.appendShown(dst)
	return dst
}

// appendShown appends Text(a.Shown()) and reports whether that is a
// exactly; in int64 where a and a × 10^RatioPlaces fit, as Approx.
func (a Q) appendShown(dst []byte) ([]byte, bool) {
	if n, d, ok := a.parts(); ok && d == 1 {
		return strconv.AppendInt(dst, n, 10), true
	}
	if t, exact, ok := a.approx64(RatioPlaces); ok {
		return appendFixed(dst, t, RatioPlaces), exact
	}
	x := a.Shown()
	return AppendText(dst, x), a.exact(x)
}

// String shows a with at most RatioPlaces decimals, marked ≈ when that is
// rounded, so that an explanation never presents a rounded figure as exact.
func (a Q) String() string {
	var buf [32]byte
	return string(a.AppendString(buf[:0]))
}

// AppendString appends a.String() to dst.
func (a Q) AppendString(dst []byte) []byte {
	at := len(dst)
	dst, exact := a.appendShown(dst)
	if exact {
		return dst
	}
	const approx = "≈"
	dst = append(dst, approx...)
	copy(dst[at+len(approx):], dst[at:len(dst)-len(approx)])
	copy(dst[at:], approx)
	return dst
}

// Neg returns −a.
func (a Q) Neg() Q {
	if a.r != nil {
		return fromRat(new(big.Rat).Neg(a.r))
	}
	return Q{n: -a.n, d: a.d}
}
