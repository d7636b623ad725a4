package report

import "testing"

func TestWrappedLines(t *testing.T) {
	for _, tc := range []struct {
		text    string
		perLine int
		want    int
	}{
		// «0,5 % с выручки группы» in 13 characters a line: "0,5 % с" (7),
		// "выручки" (7; "0,5 % с выручки" is 15), "группы" (6; "выручки
		// группы" is 14): three lines, where counting characters (23 / 13)
		// said two.
		{"0,5 % с выручки группы", 13, 3},
		{"Total", 13, 1},
		// "Quality factor" is 14: "Quality" / "factor" ("factor (quality"
		// is 15) / "(quality" ("(quality gate)" is 14) / "gate)": four.
		{"Quality factor (quality gate)", 13, 4},
		{"abcdefghijklmnopqrstuvwxyz", 10, 3}, // one word broken: 10 + 10 + 6
		{"", 10, 1},
	} {
		if got := wrappedLines(tc.text, tc.perLine); got != tc.want {
			t.Errorf("wrappedLines(%q, %d) = %d, want %d", tc.text, tc.perLine, got, tc.want)
		}
	}
}
