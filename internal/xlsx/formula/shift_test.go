package formula

import (
	"math"
	"testing"
)

func TestShift(t *testing.T) {
	tests := []struct {
		in         string
		dRow, dCol int
		want       string
	}{
		// A shared formula written in C2 as A2*B2, applied to C3 and D9.
		{"A2*B2", 1, 0, "A3*B3"},
		{"A2*B2", 7, 1, "B9*C9"},
		{"A2*B2", 0, 0, "A2*B2"},
		// $ parts stay.
		{"$A$2*B$2+$B2", 3, 2, "$A$2*D$2+$B5"},
		{"SUM($C$2:C2)", 4, 0, "SUM($C$2:C6)"},
		{"Sheet2!A1+'My sheet'!$B1", 1, 1, "Sheet2!B2+'My sheet'!$B2"},
		// Whole columns move with columns only, whole rows with rows only.
		{"SUM(C:C)", 5, 1, "SUM(D:D)"},
		{"SUM($C:C)", 5, 1, "SUM($C:D)"},
		{"SUM(2:3)", 1, 4, "SUM(3:4)"},
		{"SUM($2:3)", 1, 4, "SUM($2:4)"},
		// Moving up or left is fine while on the sheet.
		{"B2-1", -1, -1, "A1-1"},
		// Off the sheet: #REF!, keeping the sheet name in the text.
		{"A1+1", -1, 0, "#REF!+1"},
		{"Sheet1!A1", 0, -1, "Sheet1!#REF!"},
		{"SUM(A1:B2)", -1, 0, "SUM(#REF!)"},
		{"SUM(A2:B2)", -1, 0, "SUM(A1:B1)"},
		{"XFD1", 0, 1, "#REF!"},
		{"A1048576", 1, 0, "#REF!"},
		{"C:C", 0, -3, "#REF!"},
		{"1:1", -1, 0, "#REF!"},
		{"$A$1", -5, -5, "$A$1"},
		{"A1", math.MaxInt, 0, "#REF!"},
		{"A1", math.MinInt, 0, "#REF!"},
		{"A1", 0, math.MaxInt, "#REF!"},
		// Names, tables and literals do not move.
		{"Rate*A1", 1, 1, "Rate*B2"},
		{"Table1[Amount]+A1", 1, 0, "Table1[Amount]+A2"},
		{`IF(A1>0,"A1",{1,2})`, 1, 0, `IF(A2>0,"A1",{1,2})`},
		{"(A1,B1)", 1, 0, "(A2,B2)"},
		{"A1:C3 B2", 1, 0, "A2:C4 B3"},
		{"-A1%", 1, 0, "-A2%"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := e.Shift(tt.dRow, tt.dCol).String(); got != tt.want {
			t.Errorf("Parse(%q).Shift(%d, %d) = %q, want %q", tt.in, tt.dRow, tt.dCol, got, tt.want)
		}
		if got := e.String(); got != canonical(t, tt.in) {
			t.Errorf("after Shift, Parse(%q).String() = %q: the original changed", tt.in, got)
		}
	}
}

func canonical(t *testing.T, s string) string {
	t.Helper()
	e, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return e.String()
}

// A reference shifted off the sheet evaluates to #REF!, and so does what uses it.
func TestShiftOffSheetEvaluates(t *testing.T) {
	e, err := Parse("A1+1")
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Shift(-1, 0).Eval(testSheet, book{}.cells())
	if err != nil || !same(got, errv("#REF!")) {
		t.Errorf("A1+1 shifted up one row = %v, %v; want #REF!", got, err)
	}
}
