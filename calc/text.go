package calc

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// Text is d.String(): the decimal's digits without an exponent, trailing
// zeros after the point dropped ("1.5" for 1.50). It is the text every
// output shows a figure in, made with strconv instead of math/big when the
// coefficient fits an int64: a large report writes millions of figures.
func Text(d decimal.Decimal) string {
	var buf [32]byte
	return string(AppendText(buf[:0], d))
}

// AppendText appends Text(d) to dst.
func AppendText(dst []byte, d decimal.Decimal) []byte {
	if !decimal.TrimTrailingZeros || decimal.UseScientificNotation || d.NumDigits() > 18 {
		return append(dst, d.String()...)
	}
	return AppendTextParts(dst, d.CoefficientInt64(), d.Exponent())
}

// appendFixed appends c × 10^-places as Text does: no exponent, trailing
// zeros after the point dropped.
func appendFixed(dst []byte, c int64, places int) []byte {
	if c == 0 {
		return append(dst, '0')
	}
	var buf [24]byte
	dst, digits := signDigits(dst, &buf, c)
	for places > 0 && len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits, places = digits[:len(digits)-1], places-1
	}
	return appendPointed(dst, digits, places)
}

// signDigits appends c's sign to dst, and gives c's digits in buf.
func signDigits(dst []byte, buf *[24]byte, c int64) ([]byte, []byte) {
	u := uint64(c)
	if c < 0 {
		dst = append(dst, '-')
		u = -u
	}
	return dst, strconv.AppendUint(buf[:0], u, 10)
}

// appendPointed appends digits with a point before the last places of
// them, and zeros after the point first where they are fewer.
func appendPointed(dst, digits []byte, places int) []byte {
	switch {
	case places == 0:
		return append(dst, digits...)
	case len(digits) > places:
		dst = append(dst, digits[:len(digits)-places]...)
		dst = append(dst, '.')
		return append(dst, digits[len(digits)-places:]...)
	}
	dst = append(dst, '0', '.')
	for range places - len(digits) {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

// AppendTextParts appends Text(c × 10^e) to dst, without making the
// decimal where its digits fit an int64 (a trend writes millions).
func AppendTextParts(dst []byte, c int64, e int32) []byte {
	if !decimal.TrimTrailingZeros || decimal.UseScientificNotation {
		return append(dst, decimal.New(c, e).String()...)
	}
	switch {
	case e == 0:
		return strconv.AppendInt(dst, c, 10)
	case e > 0:
		if e < 19 {
			if v, ok := mul64(c, pow10[e]); ok {
				return strconv.AppendInt(dst, v, 10)
			}
		}
		return append(dst, decimal.New(c, e).String()...)
	}
	return appendFixed(dst, c, int(-e))
}

// AppendShownParts appends FromDecimalParts(c, e).AppendShown(dst): a
// ratio held as c × 10^e, shown as every output shows it.
func AppendShownParts(dst []byte, c int64, e int32) []byte {
	if e <= 0 && -e <= RatioPlaces {
		return AppendTextParts(dst, c, e)
	}
	return FromDecimalParts(c, e).AppendShown(dst)
}

// AppendFixedParts appends decimal.New(c, e).StringFixed(places): money
// with exactly places decimals, zeros kept.
func AppendFixedParts(dst []byte, c int64, e int32, places int32) []byte {
	if e > 0 || -e > places || places > 18 || c == math.MinInt64 {
		return append(dst, decimal.New(c, e).StringFixed(places)...)
	}
	var buf [24]byte
	dst, digits := signDigits(dst, &buf, c)
	for range places + e { // the zeros up to places
		digits = append(digits, '0')
	}
	return appendPointed(dst, digits, int(places))
}
