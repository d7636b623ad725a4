package trend

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
)

// Num is one figure as the trend takes it in and gives it out: a decimal
// c × 10^e where its digits fit an int64, else the exact decimal or
// ratio. A trend of a year of 20,000 people gives 1.9 million rows of
// five figures; held as parts, none of them makes a decimal or a ratio
// unless asked to.
type Num struct {
	c    int64
	e    int32
	kind uint8 // kNone, kDec (c × 10^e), kSideDec (d), kSideQ (q)
	d    *decimal.Decimal
	q    *calc.Q
}

const (
	kNone    = iota // no value (a norm or fulfilment that is nil)
	kDec            // c × 10^e
	kSideDec        // beyond c × 10^e: a decimal
	kSideQ          // beyond c × 10^e: a ratio
)

// OfDecimal is d as a Num.
func OfDecimal(d decimal.Decimal) Num {
	if d.NumDigits() <= 18 {
		return Num{c: d.CoefficientInt64(), e: d.Exponent(), kind: kDec}
	}
	return Num{kind: kSideDec, d: &d}
}

// OfParts is c × 10^e as a Num.
func OfParts(c int64, e int32) Num { return Num{c: c, e: e, kind: kDec} }

// OfQ is q as a Num; none for nil.
func OfQ(q *calc.Q) Num {
	if q == nil {
		return Num{}
	}
	if c, e, ok := q.DecimalParts(); ok {
		return Num{c: c, e: e, kind: kDec}
	}
	return Num{kind: kSideQ, q: q}
}

// Valid reports whether n holds a figure (a norm, fulfilment or K may be
// none).
func (n Num) Valid() bool { return n.kind != kNone }

// Decimal is n as a decimal (0 for none); a ratio beyond a decimal as
// calc shows it (Shown).
func (n Num) Decimal() decimal.Decimal {
	switch n.kind {
	case kDec:
		return decimal.New(n.c, n.e)
	case kSideDec:
		return *n.d
	case kSideQ:
		return n.q.Shown()
	}
	return decimal.Decimal{}
}

// Q is n exactly, as calc's ratio; nil for none.
func (n Num) Q() *calc.Q {
	var x calc.Q
	switch n.kind {
	case kDec:
		x = calc.FromDecimalParts(n.c, n.e)
	case kSideDec:
		x = calc.Dec(*n.d)
	case kSideQ:
		return n.q
	default:
		return nil
	}
	return &x
}

// AppendText appends n as calc.Text shows a figure (a fact); nothing for
// none.
func (n Num) AppendText(dst []byte) []byte {
	switch n.kind {
	case kDec:
		return calc.AppendTextParts(dst, n.c, n.e)
	case kSideDec:
		return calc.AppendText(dst, *n.d)
	case kSideQ:
		return n.q.AppendShown(dst)
	}
	return dst
}

// AppendShown appends n as every output shows a ratio (calc.Q's
// AppendShown); nothing for none.
func (n Num) AppendShown(dst []byte) []byte {
	switch n.kind {
	case kDec:
		return calc.AppendShownParts(dst, n.c, n.e)
	case kSideDec:
		return calc.Dec(*n.d).AppendShown(dst)
	case kSideQ:
		return n.q.AppendShown(dst)
	}
	return dst
}

// AppendFixed appends n with exactly places decimals, as money is shown
// (decimal's StringFixed); nothing for none.
func (n Num) AppendFixed(dst []byte, places int32) []byte {
	switch n.kind {
	case kDec:
		return calc.AppendFixedParts(dst, n.c, n.e, places)
	case kSideDec, kSideQ:
		return append(dst, n.Decimal().StringFixed(places)...)
	}
	return dst
}
