package texttable

import (
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	rows := [][]string{{"ID", "", "NAME", "TOTAL"}, {"S-01", "", "Елена", "89229.10"}, {"H-1", "", "Bo", "5.00"}}
	var b strings.Builder
	Write(&b, rows, []bool{false, false, false, true}, false)
	// Widths 4, 0, 5 (runes, not bytes: «Елена»), 8; the empty column
	// keeps its separators; right-aligned totals; no trailing spaces.
	// "ID" + 2 of padding + 2 + the empty column + 2: six spaces.
	want := "ID      NAME      TOTAL\n" +
		"S-01    Елена  89229.10\n" +
		"H-1     Bo         5.00\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	b.Reset()
	Write(&b, rows, []bool{false, false, false, true}, true)
	want = "ID    NAME      TOTAL\n" +
		"S-01  Елена  89229.10\n" +
		"H-1   Bo         5.00\n"
	if got := b.String(); got != want {
		t.Errorf("skipping the empty column: got\n%q\nwant\n%q", got, want)
	}
}
