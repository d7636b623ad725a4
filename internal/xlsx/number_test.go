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
	for _, bad := range []string{"1,5", "1 000", "abc", "", "1e99999"} {
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
