package xlsx

import (
	"fmt"
	"regexp"

	"github.com/shopspring/decimal"
)

// storedText is how SpreadsheetML stores a number: digits, a point, an
// optional exponent ("1234.5", "1.5E-3", "-0.25").
var storedText = regexp.MustCompile(`^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,4})?$`)

// MaxMagnitude bounds the numbers premia reads: at most 15 integer digits,
// which is all Excel keeps.
var MaxMagnitude = decimal.New(1, 15)

// ParseStored reads the text a workbook stores for a numeric cell into an
// exact decimal. Binary noise past 15 significant digits
// ("1.1000000000000001") is rounded away, which is what Excel shows and
// keeps; values of 10^15 or more are refused.
func ParseStored(text string) (decimal.Decimal, error) {
	if !storedText.MatchString(text) {
		return decimal.Zero, fmt.Errorf("not a number")
	}
	d, err := decimal.NewFromString(text)
	if err != nil || d.Abs().Cmp(MaxMagnitude) >= 0 {
		return decimal.Zero, fmt.Errorf("out of range (at most 15 integer digits)")
	}
	return Significant(d, 15), nil
}

// Significant keeps at most n significant digits of d, rounding half away
// from zero, as Excel does.
func Significant(d decimal.Decimal, n int) decimal.Decimal {
	if d.IsZero() {
		return d
	}
	digits := len(d.Coefficient().String())
	if d.Coefficient().Sign() < 0 {
		digits--
	}
	if digits <= n {
		return d
	}
	places := -d.Exponent() - int32(digits-n)
	return d.Round(places)
}
