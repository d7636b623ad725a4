package xlsx

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseStored(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.234", "1.234"}, // a numeric cell is never ambiguous
		{"-0.5", "-0.5"},
		{"4.2E-2", "0.042"},
		{"0.30000000000000004", "0.3"},
		{"-1.1000000000000001", "-1.1"},
		{"123456789012345.6", "123456789012346"}, // 16 significant digits: Excel keeps 15
	}
	for _, tt := range tests {
		got, err := ParseStored(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseStored(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	// 999999999999999.9 keeps 15 significant digits as 10^15: out of range.
	for _, bad := range []string{"1,5", "1 000", "abc", "", "1e99999", "999999999999999.9", "-999999999999999.5"} {
		if got, err := ParseStored(bad); err == nil {
			t.Errorf("ParseStored(%q) = %s, want an error", bad, got)
		}
	}
}

func TestSignificant(t *testing.T) {
	for in, want := range map[string]string{"1.1000000000000001": "1.1", "-1.1000000000000001": "-1.1", "0.30000000000000004": "0.3", "12345": "12345", "0.0000123456789012345678": "0.0000123456789012346"} {
		d, err := decimal.NewFromString(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Significant(d, 15).String(); got != want {
			t.Errorf("Significant(%s, 15) = %s, want %s", in, got, want)
		}
	}
}

// TestParseShortAgrees: the quick path gives what the full grammar gives,
// exactly (same value and the same scale), and leaves the rest to it.
func TestParseShortAgrees(t *testing.T) {
	for _, in := range []string{"0", "-0", "1", "-1", "1234.5", "0.78", "-0.25", "100.00", "999999999999999", "0.000001",
		"123456789012345", "12345678901234.5", "007", "0.0"} {
		d, ok := parseShort(in)
		full, err := decimal.NewFromString(in)
		if !ok || err != nil || !d.Equal(full) || d.Exponent() != full.Exponent() {
			t.Errorf("parseShort(%q) = %s (exp %d), %v; want %s (exp %d)", in, d, d.Exponent(), ok, full, full.Exponent())
		}
	}
	for _, in := range []string{"", "-", ".", "1.", ".5", "-.5", "1e5", "1.5E-3", "1,5", "1 000", "1234567890123456", "1000000000000000", "--1", "1.2.3", "+1"} {
		if d, ok := parseShort(in); ok {
			t.Errorf("parseShort(%q) = %s, want it left to the grammar", in, d)
		}
	}
}

// TestSmallIntsShared: the shared small integers read back as themselves,
// and arithmetic on one never changes it (decimal.Decimal is immutable).
func TestSmallIntsShared(t *testing.T) {
	a, _ := ParseStored("7")
	b, _ := ParseStored("7")
	_ = a.Add(b).Sub(a).Mul(b).Round(2).Neg()
	if c, _ := ParseStored("7"); c.String() != "7" || a.String() != "7" || !a.Equal(decimal.New(7, 0)) {
		t.Errorf("7 reads back as %s after arithmetic on it", c)
	}
}
