package main

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestPlansHandCalculated checks next month's plans against hand
// calculations for the sales-team example.
func TestPlansHandCalculated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plans")
	runOK(t, "plans", teamScheme, teamFacts, "--period", "2026-11", "-o", dir)
	tests := []struct {
		file, label string
		want        [3]string // at base, at norm, at target
	}{
		// S-01: index at base 0 for every KPI → K 0. At norm K = 1 → 40,000.
		// At target: margin 600,000 / 500,000 = 1.2, calls (800 − 400) / 200 = 2,
		// meetings (30 − 10) / 10 = 2; K = 0.72 + 0.4 + 0.4 = 1.52 → 60,800.
		{"S-01.xlsx", "Bonus", [3]string{"0", "40000", "60800"}},
		{"S-01.xlsx", "Total", [3]string{"40000", "80000", "100800"}},
		// H-01: at base the margin is 50 % of the plan, under the 70 % gate → 0.
		// At norm K = 1, payout 1 → 60,000. At target margin (5 − 2) / 2 = 1.5,
		// turnover (0.05 − 0.2) / (0.1 − 0.2) = 1.5, K = 1.5 → payout 1.3 → 78,000.
		{"H-01.xlsx", "Bonus", [3]string{"0", "60000", "78000"}},
		{"H-01.xlsx", "Total", [3]string{"60000", "120000", "138000"}},
	}
	for _, tt := range tests {
		f, err := excelize.OpenFile(filepath.Join(dir, tt.file), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Plan", excelize.Options{RawCellValue: true})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, row := range rows {
			if len(row) >= 4 && row[0] == tt.label {
				found = true
				if got := [3]string{row[1], row[2], row[3]}; got != tt.want {
					t.Errorf("%s %s = %v, want %v", tt.file, tt.label, got, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s row", tt.file, tt.label)
		}
	}
}

// TestPlanLabelsWhole: column A of a plan holds the pay lines' labels and
// is as wide as the longest, sales-team's component "3 % of the price for
// every blender above plan" (45 characters, and 2 to spare), so that no
// label is cut off at the next column.
func TestPlanLabelsWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plans")
	runOK(t, "plans", teamScheme, teamFacts, "--period", "2026-11", "-o", dir)
	f, err := excelize.OpenFile(filepath.Join(dir, "S-01.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := f.GetColWidth(f.GetSheetName(0), "A")
	if err != nil {
		t.Fatal(err)
	}
	if w != 47 {
		t.Errorf("column A is %v wide, want 47", w)
	}
}
