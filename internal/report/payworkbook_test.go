package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// TestReportTextIsSafe: control characters are dropped and text longer than
// Excel's 32,767-character cell limit is cut with an ellipsis, never left for
// Excel to reject the file.
func TestReportTextIsSafe(t *testing.T) {
	s, err := plan.Parse(strings.NewReader("version: 1\nid: t\ncurrency: RUB\nroles:\n  - id: r\n    fixed: 100\n"), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("я", 40000)
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{
		{ID: "E-1", Name: "Anna\x00\x07\x1bBell", Role: "r", Src: calc.Note("t")},
		{ID: "E-2", Name: long, Role: "r", Src: calc.Note("t")},
	}}, calc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	f, _ := os.Create(path)
	expect, err := WriteReport(f, s, res, ReportInfo{Lang: "en"}, Part{Summary: true, Details: res.Employees})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Check(path, expect); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, _ := x.GetCellValue("Summary", "B2"); got != "AnnaBell" {
		t.Errorf("name with control characters = %q, want %q", got, "AnnaBell")
	}
	got, _ := x.GetCellValue("Summary", "B3")
	if n := utf8.RuneCountInString(got); n != 32767 || !strings.HasSuffix(got, "…") {
		t.Errorf("a 40,000-character name is %d characters (ending %q), want 32,767 ending in …", n, got[len(got)-3:])
	}
}

// TestCheckReportCatches: the self-check refuses a text cell where a number
// was written, a different number, and a missing cell; it accepts the right one.
func TestCheckReportCatches(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Summary")
	f.SetCellStr("Summary", "A1", "40000")
	f.SetCellDefault("Summary", "B1", "40000.1")
	f.SetCellDefault("Summary", "C1", "449.1")
	path := filepath.Join(t.TempDir(), "c.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	want := func(cell, v string) []xlsx.Expect {
		return []xlsx.Expect{{Sheet: "Summary", Cells: cell + " " + v + "\n"}}
	}
	if err := xlsx.Check(path, want("C1", "449.10")); err != nil {
		t.Errorf("a right number: %v", err)
	}
	for name, x := range map[string][]xlsx.Expect{
		"text cell":    want("A1", "40000"),
		"other number": want("B1", "40000"),
		"missing cell": want("D1", "1"),
		"no sheet":     {{Sheet: "Nope", Cells: "A1 0\n"}},
	} {
		if err := xlsx.Check(path, x); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestBandOneDecision: a KPI voided by its gate, though its fact is at the
// norm or better, is "voided" in the JSON and in the workbook's band column,
// which the colour rules read: red in both (docs/calculation.md §3.7).
func TestBandOneDecision(t *testing.T) {
	s, err := plan.Load("../../calc/testdata/gated.yaml")
	if err != nil {
		t.Fatal(err)
	}
	costs := decimal.RequireFromString("45") // 50 / 45 = 1.11… is below the gate 1.2
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{
		{ID: "E-1", Name: "Anna", Role: "r", Src: calc.Note("t"), Facts: calc.Facts{{ID: "costs", Value: calc.Value{V: costs, Src: calc.Note("t")}}}},
	}}, calc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := JSON(&js, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"band": "voided"`) {
		t.Errorf("JSON has no \"band\": \"voided\":\n%s", js.String())
	}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	f, _ := os.Create(path)
	_, err = WriteReport(f, s, res, ReportInfo{Lang: "en"}, Part{Summary: true, Details: res.Employees})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, _ := x.GetCellValue("E-1", "M5"); got != en.Bands[calc.BandVoided] {
		t.Errorf("band cell M5 = %q, want %q", got, en.Bands[calc.BandVoided])
	}
	cfs, err := x.GetConditionalFormats("E-1")
	if err != nil {
		t.Fatal(err)
	}
	var red []string
	for _, rules := range cfs {
		for _, r := range rules {
			if r.Format != nil && *r.Format == dxfRed {
				red = append(red, r.Criteria)
			}
		}
	}
	if !strings.Contains(strings.Join(red, " "), `$M5="`+en.Bands[calc.BandVoided]+`"`) {
		t.Errorf("no red rule reads the voided band; red rules: %q", red)
	}
}
