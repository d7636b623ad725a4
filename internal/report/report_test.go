package report

import "testing"

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Anna", "Anna"},
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+7 900", "'+7 900"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"", ""},
		{"A=B", "A=B"},
	}
	for _, tt := range tests {
		if got := safe(tt.in); got != tt.want {
			t.Errorf("safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
