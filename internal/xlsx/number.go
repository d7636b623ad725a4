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

// ParseStoredBytes is ParseStored of a cell's bytes (Sheet.Bytes), without
// making a string of the common short numbers.
func ParseStoredBytes(b []byte) (decimal.Decimal, error) {
	if d, ok := parseShort(b); ok {
		return d, nil
	}
	return ParseStored(string(b))
}

// ParseStored reads the text a workbook stores for a numeric cell into an
// exact decimal. Binary noise past 15 significant digits
// ("1.1000000000000001") is rounded away, which is what Excel shows and
// keeps; values of 10^15 or more are refused.
func ParseStored(text string) (decimal.Decimal, error) {
	if d, ok := parseShort(text); ok {
		return d, nil
	}
	if !storedText.MatchString(text) {
		return decimal.Zero, fmt.Errorf("not a number")
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.Zero, fmt.Errorf("out of range (at most 15 integer digits)")
	}
	// Checked after rounding: 999999999999999.9 keeps 15 digits as 10^15.
	if d = Significant(d, 15); d.Abs().Cmp(MaxMagnitude) >= 0 {
		return decimal.Zero, fmt.Errorf("out of range (at most 15 integer digits)")
	}
	return d, nil
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

// parseShort reads the common stored number quickly: an optional minus,
// at most 15 digits with an optional point, no exponent. Anything else is
// left to the full grammar.
func parseShort[T string | []byte](text T) (decimal.Decimal, bool) {
	i, neg := 0, false
	if len(text) > 0 && text[0] == '-' {
		i, neg = 1, true
	}
	var coef int64
	digits, point, frac := 0, false, 0
	for ; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			if digits > 0 || c != '0' {
				digits++
			}
			coef = coef*10 + int64(c-'0')
			if point {
				frac++
			}
		case c == '.' && !point && i > 0 && i < len(text)-1:
			point = true
		default:
			return decimal.Decimal{}, false
		}
		if digits > 15 {
			return decimal.Decimal{}, false
		}
	}
	if len(text) == 0 || text[len(text)-1] == '-' || (neg && len(text) == 1) {
		return decimal.Decimal{}, false
	}
	if text[0] == '.' || neg && len(text) > 1 && text[1] == '.' {
		return decimal.Decimal{}, false
	}
	if neg {
		coef = -coef
	}
	if frac <= 2 && coef >= 0 && coef < int64(len(smallInts)) {
		return small[frac][coef], true
	}
	// At most 15 digits: always under MaxMagnitude.
	return decimal.New(coef, int32(-frac)), true
}

// small are the numbers a fact sheet is full of — counts, days, scores,
// shares such as 0.95 — with 0, 1 and 2 decimals as written, made once: a
// decimal.Decimal never changes the number it holds, so one may be shared
// by every cell that holds it.
var small = func() (d [3][]decimal.Decimal) {
	for frac := range d {
		d[frac] = make([]decimal.Decimal, 1<<12)
		for i := range d[frac] {
			d[frac][i] = decimal.New(int64(i), int32(-frac))
		}
	}
	return d
}()

var smallInts = small[0]
