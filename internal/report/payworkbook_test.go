package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
	"github.com/xuri/excelize/v2"
)

func TestSheetNames(t *testing.T) {
	ids := []string{
		"E-1",
		"a/b:c?d*e[f]g\\h",
		"Иванов",
		"ИВАНОВ", // differs only in case: Excel takes them for the same sheet
		"history",
		"'quoted'",
		strings.Repeat("x", 40),
		strings.Repeat("x", 31) + "y", // the same first 31 characters as the one above
		"Summary",
	}
	got := xlsx.SheetNames(ids, []string{"Summary", "Audit"})
	want := map[string]string{
		"E-1":                         "E-1",
		"a/b:c?d*e[f]g\\h":            "a_b_c_d_e_f_g_h",
		"Иванов":                      "Иванов",
		"ИВАНОВ":                      "ИВАНОВ~2",
		"history":                     "history~2",
		"'quoted'":                    "quoted",
		strings.Repeat("x", 40):       strings.Repeat("x", 31),
		strings.Repeat("x", 31) + "y": strings.Repeat("x", 29) + "~2",
		"Summary":                     "Summary~2",
	}
	seen := map[string]bool{}
	for _, id := range ids {
		name := got[id]
		if name != want[id] {
			t.Errorf("xlsx.SheetNames(%q) = %q, want %q", id, name, want[id])
		}
		if utf8.RuneCountInString(name) > 31 || strings.ContainsAny(name, `:\/?*[]`) {
			t.Errorf("%q is not a valid sheet name", name)
		}
		if seen[strings.ToLower(name)] {
			t.Errorf("%q is used twice", name)
		}
		seen[strings.ToLower(name)] = true
	}
}

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
