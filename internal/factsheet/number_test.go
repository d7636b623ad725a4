package factsheet

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, want string // want "" means an error is expected
		errHas   string
	}{
		{"1234.56", "1234.56", ""},
		{"1234,56", "1234.56", ""},
		{"1 234,56", "1234.56", ""},
		{"1\u00a0234,56", "1234.56", ""},
		{"1\u202f234\u202f567,5", "1234567.5", ""},
		{"1 234.56", "1234.56", ""},
		{"12 345 678", "12345678", ""},
		{"-5", "-5", ""},
		{"\u22125", "-5", ""},
		{"+7", "7", ""},
		{"(1 234,56)", "-1234.56", ""},
		{"12 %", "0.12", ""}, // percent reported: TestParseNumberPercent
		{"85%", "0.85", ""},
		{"0,5%", "0.005", ""},
		{"1234,56 ₽", "1234.56", ""},
		{"500 руб.", "500", ""},
		{"0", "0", ""},
		{"0,125", "0.125", ""},       // a leading zero cannot be a thousands group
		{"1234,567", "1234.567", ""}, // four digits before the separator: not a group
		{"1.5E-3", "0.0015", ""},
		{"1.1000000000000001", "1.1", ""}, // binary noise past 15 significant digits
		{"  42  ", "42", ""},
		{"300,000.00", "300000", ""},     // both separators: the last marks decimals
		{"1.234.567,5", "1234567.5", ""}, // the same, Russian and German style
		{"1,234,567", "1234567", ""},     // a separator twice can only group
		{"1.234,5", "1234.5", ""},
		{"1,23,456", "", "not a number"}, // groups of two are not thousands
		{"1,234.5,6", "", "not a number"},
		{"1,234", "", "ambiguous"},
		{"1.234", "", "ambiguous"},
		{"-12,500", "", "ambiguous"},
		{"", "", "blank"},
		{"   ", "", "blank"},
		{"12x", "", "not a number"},
		{"1,2,3", "", "not a number"},
		{"1 23,4", "", "not a number"}, // a group of two digits is not a thousands group
		{"--5", "", "not a number"},
		{"(-5)", "", "two minus signs"},
		{"1E+300", "", "out of range"},
		{"1e9999", "", "out of range"},
		{"1e10000", "", "not a number"}, // exponents of five digits are not in the grammar
		{"н/д", "", "not a number"},
		{"—", "", "not a number"},
		{"#DIV/0!", "", "not a number"},
	}
	for _, tt := range tests {
		got, _, err := ParseNumber(tt.in)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("ParseNumber(%q) = %s, %v; want an error containing %q", tt.in, got, err, tt.errHas)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseNumber(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		ok   bool
	}{
		{"yes", true, true}, {"Yes", true, true}, {"да", true, true}, {"Да", true, true}, {"1", true, true}, {"TRUE", true, true},
		{"no", false, true}, {"нет", false, true}, {"0", false, true}, {"false", false, true},
		{"", false, false}, {"maybe", false, false}, {"2", false, false},
	}
	for _, tt := range tests {
		got, err := ParseYesNo(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseYesNo(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseNumberPercent(t *testing.T) {
	for in, want := range map[string]bool{"85%": true, "12 %": true, "(5%)": true, "0.85": false, "85": false, "500 руб.": false} {
		if _, got, err := ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) percent = %v, %v; want %v", in, got, err, want)
		}
	}
}
