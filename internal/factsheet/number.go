package factsheet

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
)

// The number grammar of text cells and CSV fields (README, "Numbers in the
// fact sheet"):
//
//   - an optional sign: "-", "+" or the minus sign U+2212; or the whole number
//     in parentheses, the accountants' negative: "(1 234,56)";
//   - digits, optionally grouped by thousands with a space, U+00A0 or U+202F;
//   - an optional decimal part after "." or ",". A lone comma or dot followed
//     by exactly three digits ("1,234", "1.234") is ambiguous between the
//     Russian and English conventions and is refused;
//   - an optional exponent as Excel stores it ("1.5E-3");
//   - an optional "%" (divides by 100) or a currency mark (₽, руб., р., $, €, ฿).
//
// Numbers with more than 15 significant digits are rounded to 15, which is
// what Excel itself keeps.

var (
	numberText = regexp.MustCompile(`^([0-9]+)(?:[.,]([0-9]+))?(?:[eE]([+-]?[0-9]{1,4}))?$`)
	grouped    = regexp.MustCompile(`^[0-9]{1,3}(?:[ \x{00A0}\x{202F}][0-9]{3})+(?:,[0-9]+)?$|^[0-9]{1,3}(?:[ \x{00A0}\x{202F}][0-9]{3})+(?:\.[0-9]+)?$`)
	currencies = []string{"₽", "руб.", "руб", "р.", "$", "€", "฿", "RUB", "USD", "EUR", "THB"}
)

// ParseNumber reads a text cell or CSV field into an exact decimal. percent
// reports a trailing "%" (the value is then divided by 100).
func ParseNumber(text string) (d decimal.Decimal, percent bool, err error) {
	s := strings.TrimSpace(strings.Trim(text, "\u00a0\u202f\u200b\ufeff \t"))
	if s == "" {
		return decimal.Zero, false, problem.Errorf("blank")
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	if strings.HasSuffix(s, "%") {
		percent, s = true, strings.TrimSpace(strings.TrimSuffix(s, "%"))
	} else {
		for _, c := range currencies {
			if strings.HasSuffix(s, c) {
				s = strings.TrimSpace(strings.TrimSuffix(s, c))
				break
			}
		}
	}
	s = strings.Trim(s, "\u00a0\u202f ")
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "\u2212"):
		if neg {
			return decimal.Zero, false, problem.Errorf("two minus signs")
		}
		neg = true
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "\u2212")
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if grouped.MatchString(s) {
		s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	} else if plain, ok := punctGrouping(s); ok {
		s = plain
	} else if m := numberText.FindStringSubmatch(s); m != nil && m[2] != "" && len(m[2]) == 3 && m[3] == "" &&
		len(m[1]) <= 3 && !strings.HasPrefix(m[1], "0") {
		return decimal.Zero, false, problem.Errorf("ambiguous: the separator could group thousands or mark decimals; write 1234 or 1,5 without grouping, or format the cell as a number")
	}
	m := numberText.FindStringSubmatch(s)
	if m == nil {
		return decimal.Zero, false, problem.Errorf("not a number")
	}
	norm := m[1]
	if m[2] != "" {
		norm += "." + m[2]
	}
	if m[3] != "" {
		norm += "e" + m[3]
	}
	d, err = decimal.NewFromString(norm)
	if err != nil {
		return decimal.Zero, false, problem.Errorf("not a number")
	}
	// Checked after rounding to 15 significant digits, as Excel keeps a
	// number: 999999999999999,9 becomes 10^15, which is out of range.
	if d = xlsx.Significant(d, 15); d.Abs().Cmp(xlsx.MaxMagnitude) >= 0 {
		return decimal.Zero, false, problem.Errorf("out of range (at most 15 integer digits)")
	}
	if percent {
		d = d.Shift(-2)
	}
	if neg {
		d = d.Neg()
	}
	return d, percent, nil
}

// ParseYesNo reads a yes/no cell: yes/no, да/нет, true/false, 1/0 (Excel's
// TRUE/FALSE cells are stored as 1/0).
func ParseYesNo(text string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "yes", "y", "да", "д", "true", "1", "истина", "+":
		return true, nil
	case "no", "n", "нет", "н", "false", "0", "ложь":
		return false, nil
	case "":
		return false, problem.Errorf("blank")
	}
	return false, problem.Errorf("not yes or no")
}

// placeholders are what clerks write for "no value".
var placeholders = map[string]bool{"-": true, "—": true, "–": true, "н/д": true, "нд": true, "n/a": true, "na": true, "нет данных": true, "?": true}

// reason renders a parse error as a suffix: ": why", or nothing when it would
// only repeat "not a number".
func reason(err error) problem.Text {
	if err == nil || err.Error() == "not a number" {
		return problem.Text{}
	}
	return problem.New(": %v", err)
}

// punctGrouping reads numbers grouped by a comma or a point, where the text
// itself says which separator groups: both appear (300,000.00, 1.234,5: the
// last marks decimals), or one appears between groups of three at least
// twice (1,234,567). It returns the number as digits and a point. The lone
// 1,234 is not one of these: it stays ambiguous.
func punctGrouping(s string) (string, bool) {
	comma, point := strings.Count(s, ","), strings.Count(s, ".")
	var group, dec byte
	switch {
	case comma > 0 && point > 0:
		group, dec = ',', '.'
		if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
			group, dec = '.', ','
		}
	case comma >= 2:
		group = ','
	case point >= 2:
		group = '.'
	default:
		return "", false
	}
	whole, frac := s, ""
	if dec != 0 {
		i := strings.LastIndexByte(s, dec)
		whole, frac = s[:i], s[i+1:]
		if frac == "" || strings.IndexByte(whole, dec) >= 0 {
			return "", false
		}
		for _, c := range frac {
			if c < '0' || c > '9' {
				return "", false
			}
		}
	}
	parts := strings.Split(whole, string(group))
	if len(parts) < 2 || len(parts[0]) < 1 || len(parts[0]) > 3 {
		return "", false
	}
	for i, p := range parts {
		if i > 0 && len(p) != 3 {
			return "", false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return "", false
			}
		}
	}
	out := strings.Join(parts, "")
	if frac != "" {
		out += "." + frac
	}
	return out, true
}
