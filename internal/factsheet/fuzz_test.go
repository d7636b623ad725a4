package factsheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// FuzzParseNumber: the cell-number grammar never panics, and what it
// accepts is within range and survives a second reading of its own output.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1234.56", "1 234,56", "1\u00a0234,56", "(1 234,56)", "\u22125", "12 %", "1,234", "1.5E-3",
		"1.1000000000000001", "", "-", "н/д", "1234,56 ₽", "0,125", "1e10000", "+7", "--5", "9999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ParseNumber(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseNumber(%q): an empty error", s)
			}
			return
		}
		if d.Abs().Cmp(xlsx.MaxMagnitude) >= 0 {
			t.Fatalf("ParseNumber(%q) = %s, out of range", s, d)
		}
		again, _, err := ParseNumber(d.String())
		if err != nil && !strings.Contains(err.Error(), "ambiguous") {
			t.Fatalf("ParseNumber(%q) = %s, but its own output does not parse: %v", s, d, err)
		}
		if err == nil && !again.Equal(d) {
			t.Fatalf("ParseNumber(%q) = %s, reparsed %s", s, d, again)
		}
	})
}

// FuzzRead: any bytes as a fact sheet never crash the reader, and every
// problem reported names the file.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob("../../examples/*/facts.xlsx")
	more, _ := filepath.Glob("../../testdata/xlsx-*/facts.xlsx")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("id,name\n"))
	schemePath := "../../examples/sales-team/scheme.yaml"
	s, _, err := plan.Open(schemePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "facts.xlsx"
		src := &Source{Path: path}
		if err := sniff(path, data[:min(len(data), 512)], len(data)); err == nil {
			src.xlsx = data
		} else if !strings.HasPrefix(err.Error(), path+": ") {
			t.Fatalf("unlocated error: %v", err)
		} else {
			return
		}
		_, warnings, err := src.Read(s, Options{Period: "2026-10"})
		for _, w := range warnings {
			if !strings.HasPrefix(w.String(), path) {
				t.Fatalf("unlocated warning: %q", w)
			}
		}
		if err == nil {
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, path) && !strings.HasPrefix(line, "... and ") {
				t.Fatalf("unlocated error line: %q", line)
			}
		}
	})
}
