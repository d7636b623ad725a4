package calc

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Text is d.String(): the decimal's digits without an exponent, trailing
// zeros after the point dropped ("1.5" for 1.50). It is the text every
// output shows a figure in, made with strconv instead of math/big when the
// coefficient fits an int64: a large report writes millions of figures.
func Text(d decimal.Decimal) string {
	if !decimal.TrimTrailingZeros || decimal.UseScientificNotation || d.NumDigits() > 18 {
		return d.String()
	}
	c, e := d.CoefficientInt64(), d.Exponent()
	switch {
	case e == 0:
		return strconv.FormatInt(c, 10)
	case e > 0:
		if e < 19 {
			if v, ok := mul64(c, pow10[e]); ok {
				return strconv.FormatInt(v, 10)
			}
		}
		return d.String()
	}
	var buf [24]byte
	sign := ""
	u := uint64(c)
	if c < 0 {
		sign, u = "-", uint64(-c)
	}
	digits := string(strconv.AppendUint(buf[:0], u, 10))
	places := int(-e)
	intPart, zeros, frac := "0", "", digits
	if len(digits) > places {
		intPart, frac = digits[:len(digits)-places], digits[len(digits)-places:]
	} else {
		zeros = strings.Repeat("0", places-len(digits))
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return sign + intPart
	}
	return sign + intPart + "." + zeros + frac
}
