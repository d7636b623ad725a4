package plan

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestDirection: the stated direction wins; else a norm below the base
// means lower is better; else higher (docs/calculation.md, direction).
func TestDirection(t *testing.T) {
	for _, c := range []struct {
		stated string
		cmp    int
		want   string
	}{
		{"", 1, Higher}, {"", -1, Lower}, {"", 0, Higher},
		{Lower, 1, Lower}, {Higher, -1, Higher}, {Lower, 0, Lower},
	} {
		if got := Direction(c.stated, c.cmp); got != c.want {
			t.Errorf("Direction(%q, %d) = %q, want %q", c.stated, c.cmp, got, c.want)
		}
	}
	d := func(s string) *Dec { return &Dec{V: decimal.RequireFromString(s), Raw: s} }
	for _, c := range []struct {
		k    KPI
		want string
	}{
		{KPI{}, ""}, // left to personal plans
		{KPI{Base: d("80"), Norm: d("95")}, Higher}, // shown by base < norm
		{KPI{Base: d("5"), Norm: d("2")}, Lower},    // shown by norm < base
		{KPI{Direction: Lower}, Lower},              // stated
		{KPI{Direction: Higher, Norm: d("95")}, Higher},
	} {
		if got := c.k.SchemeDirection(); got != c.want {
			t.Errorf("%+v: SchemeDirection() = %q, want %q", c.k, got, c.want)
		}
	}
}
