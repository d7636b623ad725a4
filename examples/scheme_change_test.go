package examples_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/xlsxtest"
	"github.com/premia-pay/premia/plan"
)

// schemeChange is examples/scheme-change worked by hand in its README: the
// seed's manager who chased the technical seminars, and the weight of
// sales moved from 20 % to 40 % (seminars from 40 % to 20 %). Each
// manager's indices: sales (fact − 500,000) / 500,000 capped at 1.5;
// seminars fact / 4, capped at 1.5; new clients fact / 10, capped at 1.5;
// collection (fact − 0.8) / 0.2. Bonus = 40,000 × K; total = 40,000 +
// bonus. id → {old total, new total}.
var schemeChange = map[string][2]string{
	// 80,000 + 40,000 × (4,250,000 − 3,000,000) / 2,000,000 = 105,000, both.
	"H-01": {"105000.00", "105000.00"},
	// indices 0.4, 1.5 (6 seminars, at the cap), 0.8, 0.75:
	// old K = 0.2×0.4 + 0.4×1.5 + 0.2×0.8 + 0.2×0.75 = 0.99 → 39,600;
	// new K = 0.4×0.4 + 0.2×1.5 + 0.16 + 0.15 = 0.77 → 30,800.
	"M-01": {"79600.00", "70800.00"},
	// indices 1.4, 0.25, 1.2, 1: old 0.28 + 0.1 + 0.24 + 0.2 = 0.82 →
	// 32,800; new 0.56 + 0.05 + 0.24 + 0.2 = 1.05 → 42,000.
	"M-02": {"72800.00", "82000.00"},
	// indices 1, 1, 1, 0.5: old 0.2 + 0.4 + 0.2 + 0.1 = 0.9; new 0.4 +
	// 0.2 + 0.2 + 0.1 = 0.9: 36,000 both.
	"M-03": {"76000.00", "76000.00"},
	// indices 0.8, 0.5, 0.6, 0.25: old 0.16 + 0.2 + 0.12 + 0.05 = 0.53 →
	// 21,200; new 0.32 + 0.1 + 0.12 + 0.05 = 0.59 → 23,600.
	"M-04": {"61200.00", "63600.00"},
	// indices 0 (below base), 1.25, 0.3, 0: old 0 + 0.5 + 0.06 + 0 = 0.56
	// → 22,400; new 0 + 0.25 + 0.06 + 0 = 0.31 → 12,400.
	"M-05": {"62400.00", "52400.00"},
}

// TestSchemeChange computes examples/scheme-change under both schemes from
// its facts.xlsx and from its CSV folder and checks each person's total
// against the README's; with -update it first writes facts.xlsx from
// facts/*.csv, as TestExamples does for the other examples.
func TestSchemeChange(t *testing.T) {
	const dir = "scheme-change"
	if *update {
		tables := readCSVDir(t, filepath.Join(dir, "facts"))
		err := atomicfile.Write(filepath.Join(dir, "facts.xlsx"), func(out io.Writer) error {
			return xlsxtest.WriteFactSheet(out, tables, "2026-10")
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	for side, file := range []string{"scheme-old.yaml", "scheme-new.yaml"} {
		s, warnings, err := plan.Open(filepath.Join(dir, file))
		if err != nil || len(warnings) > 0 {
			t.Fatalf("%s: %v %v", file, warnings, err)
		}
		for _, facts := range []string{"facts.xlsx", "facts"} {
			period := ""
			if facts == "facts" {
				period = "2026-10"
			}
			in, warnings, err := readFacts(filepath.Join(dir, facts), s, period)
			if err != nil || len(warnings) > 0 {
				t.Fatalf("%s with %s: %v %v", facts, file, warnings, err)
			}
			res, err := calc.Run(s, in, calc.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Employees) != len(schemeChange) {
				t.Errorf("%s with %s: %d employees, want %d", facts, file, len(res.Employees), len(schemeChange))
			}
			for _, e := range res.Employees {
				if got, want := e.Total.StringFixed(2), schemeChange[e.ID][side]; got != want {
					t.Errorf("%s with %s: %s total = %s, want %s", facts, file, e.ID, got, want)
				}
			}
			// 457,000 under the old scheme, 449,800 under the new.
			if got, want := res.Total.StringFixed(2), [2]string{"457000.00", "449800.00"}[side]; got != want {
				t.Errorf("%s with %s: payroll %s, want %s", facts, file, got, want)
			}
		}
	}
}
