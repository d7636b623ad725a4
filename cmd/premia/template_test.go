package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/internal/factsheet"
)

// TestTemplateRoundTrip generates next month's fact sheet for the sales-team
// scheme with the roster carried over, in English and in Russian (sheet
// names and headings), fills it in as a clerk would (numbers typed into
// cells, a date cell, "да"/"нет" from the drop-down), and checks that calc
// reads it as it is, its period from the sheet, and gives the example's
// hand-calculated pay.
func TestTemplateRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		t.Run(lang, func(t *testing.T) { templateRoundTrip(t, lang) })
	}
}

func templateRoundTrip(t *testing.T, lang string) {
	out := filepath.Join(t.TempDir(), "facts.xlsx")
	runOK(t, "template", teamScheme, "--period", "2026-10", "--roster", teamFacts, "--lang", lang, "-o", out)
	sheet := func(table string) string { return factsheet.Table(table).SheetName(lang) }
	heading := func(table, id string) string { return factsheet.Table(table).Column(id).Heading(lang) }
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	set := func(sheet, ref, v string) {
		t.Helper()
		if err := f.SetCellDefault(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	// Rows follow the earlier roster; find each person's row by id.
	rowOf := func(sheet string) map[string]int {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for i, r := range rows[1:] {
			if len(r) > 0 && r[0] != "" {
				m[r[0]] = i + 2
			}
		}
		return m
	}
	set(sheet(factsheet.Roster), "G"+itoa(rowOf(sheet(factsheet.Roster))["S-03"]), "11")
	set(sheet(factsheet.Roster), "H"+itoa(rowOf(sheet(factsheet.Roster))["S-03"]), "22")
	header, _ := f.GetRows(sheet(factsheet.Facts))
	want := []string{heading(factsheet.Facts, "id"), heading(factsheet.Facts, "name"), "calls", "meetings", "blenders", "quality", "dept_margin", "staff_turnover"}
	for i, h := range want {
		if i >= len(header[0]) || header[0][i] != h {
			t.Fatalf("Facts header = %q, want %q", header[0], want)
		}
	}
	factRows := rowOf(sheet(factsheet.Facts))
	for id, vals := range map[string][]string{
		"H-01": {"", "", "", "", "4200000", "0.12"},
		"S-01": {"700", "18", "8", "0.95", "", ""},
		"S-02": {"500", "25", "5", "0.85", "", ""},
		"S-03": {"250", "9", "2", "0.92", "", ""},
	} {
		for c, v := range vals {
			if v != "" {
				ref, _ := excelize.CoordinatesToCellName(c+3, factRows[id])
				set(sheet(factsheet.Facts), ref, v)
			}
		}
	}
	// Plans: the template lists the KPIs without a norm in the scheme (margin for each seller).
	plans, _ := f.GetRows(sheet(factsheet.Plans))
	norms := map[string][2]string{"S-01": {"500000", "600000"}, "S-02": {"350000", "420000"}, "S-03": {"400000", "480000"}}
	for i, row := range plans[1:] {
		if len(row) < 2 || row[1] != "margin" {
			t.Fatalf("Plans row %d = %q, want a margin row", i+2, row)
		}
		set(sheet(factsheet.Plans), "D"+itoa(i+2), norms[row[0]][0])
		set(sheet(factsheet.Plans), "E"+itoa(i+2), norms[row[0]][1])
	}
	deps, _ := f.GetRows(sheet(factsheet.Departments))
	for i, row := range deps[1:] {
		vals := map[string][]string{"north": {"4200000", "3000000", "4000000", "5000000"}, "south": {"2800000", "3000000", "4000000", "5000000"}}[row[0]]
		for c, v := range vals {
			ref, _ := excelize.CoordinatesToCellName(c+2, i+2)
			set(sheet(factsheet.Departments), ref, v)
		}
	}
	// Payments: dates as date cells (serials) and as text, as clerks do.
	pays := [][]string{
		{"S-01", "OOO Romashka", "300000", "46305", "46303"}, // due 2026-10-10, paid 2026-10-08
		{"S-01", "OOO Vasilek", "250000", "2026-10-15", "20.10.2026"},
		{"S-01", "AO Lotos", "100000", "2026-10-25", ""},
		{"S-02", "IP Orlov", "400000", "2026-10-12", "2026-10-12"},
		{"S-03", "OOO Kedr", "210000", "2026-10-30", "2026-10-28"},
	}
	for r, row := range pays {
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if c == 2 || (c >= 3 && len(v) == 5) {
				set(sheet(factsheet.Payments), ref, v)
			} else if err := f.SetCellStr(sheet(factsheet.Payments), ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var stdout, stderr bytes.Buffer
	// The period comes from the sheet; the English run also says it again.
	args := []string{"calc", teamScheme, out, "--format", "json"}
	if lang == "en" {
		args = append(args, "--period", "2026-10")
	}
	if code := run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("calc on the filled template: exit %d\n%s", code, stderr.String())
	}
	var res struct {
		Employees []struct{ ID, Total string }
		Total     string
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	// The sales-team example's hand-calculated totals (examples/sales-team/README.md).
	wantTotals := map[string]string{"H-01": "126396.00", "S-01": "89229.10", "S-02": "61714.29", "S-03": "39580.00"}
	for _, e := range res.Employees {
		if e.Total != wantTotals[e.ID] {
			t.Errorf("%s total = %s, want %s", e.ID, e.Total, wantTotals[e.ID])
		}
	}
	if res.Total != "316919.39" || len(res.Employees) != 4 {
		t.Errorf("total = %s for %d employees, want 316919.39 for 4", res.Total, len(res.Employees))
	}
}

func itoa(i int) string {
	b := []byte{}
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	return string(b)
}

// TestTemplateOutputIsXLSX: the fact sheet is a workbook, so -o must name
// one (.xlsx, any case); anything else is a usage error and no file is made.
func TestTemplateOutputIsXLSX(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"facts.csv", "facts", "facts.xls", "facts.xlsx.bak"} {
		path := filepath.Join(dir, name)
		code, _, stderr := runCode("template", teamScheme, "--period", "2026-10", "-o", path)
		if code != 2 || !strings.Contains(stderr, "name the file .xlsx") {
			t.Errorf("-o %s: exit %d, %q", name, code, stderr)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("-o %s: a file was written", name)
		}
	}
	if code, _, stderr := runCode("template", teamScheme, "--period", "2026-10", "-o", filepath.Join(dir, "Facts.XLSX")); code != 0 {
		t.Errorf("-o Facts.XLSX: exit %d, %s", code, stderr)
	}
}

// TestTemplateOneFont: every font of the template is Calibri, bold or not
// (a bold heading without a name printed in a serif fallback in
// LibreOffice), and every table sheet prints landscape, one page wide,
// its header row on every page.
func TestTemplateOneFont(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if code, _, stderr := runCode("template", teamScheme, "--period", "2026-11", "--lang", "ru", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string) string {
		rc, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, _ := io.ReadAll(rc)
		return string(b)
	}
	fonts := regexp.MustCompile(`(?s)<font>(.*?)</font>`).FindAllStringSubmatch(read("xl/styles.xml"), -1)
	if len(fonts) < 2 {
		t.Fatalf("%d fonts", len(fonts))
	}
	for _, m := range fonts {
		if !strings.Contains(m[1], `<name val="Calibri">`) {
			t.Errorf("a font without Calibri's name: %s", m[1])
		}
	}
	for _, sheet := range f.GetSheetList()[1:] {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("sheet %q does not print landscape, one page wide", sheet)
		}
	}
	titles := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
			titles++
		}
	}
	if titles != len(f.GetSheetList())-1 {
		t.Errorf("%d table sheets repeat their header row on printed pages, want %d", titles, len(f.GetSheetList())-1)
	}
}

// TestTemplateKeepsEnteredData: template -o over a template not filled in
// replaces it; over one with a figure typed in, it refuses, names the cell,
// and leaves the file as it was; --force replaces it.
func TestTemplateKeepsEnteredData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "facts.xlsx")
	args := []string{"template", teamScheme, "--period", "2026-11", "--roster", teamFacts, "-o", path}
	for i := range 2 { // the second over the first: nothing entered yet
		if code, _, stderr := runCode(args...); code != 0 {
			t.Fatalf("run %d: exit %d: %s", i+1, code, stderr)
		}
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellInt("Facts", "C3", 41); err != nil { // a clerk's figure
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	filled, _ := os.ReadFile(path)
	code, _, stderr := runCode(args...)
	if code != 1 || !strings.Contains(stderr, `sheet "Facts" C3 holds data the template does not`) || !strings.Contains(stderr, "--force") {
		t.Errorf("over entered data: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, filled) {
		t.Errorf("the filled fact sheet was changed")
	}
	if code, _, stderr := runCode(append(args, "--force")...); code != 0 {
		t.Errorf("--force: exit %d, %s", code, stderr)
	}
}

// TestTemplateQuarter: the quarter's fact sheet of a scheme that pays by
// the month and by the quarter holds the quarterly lines' columns (the
// quarter's sales, the department's margin) and none of the monthly ones
// (the month's sales); it states the quarter in B2, is dated by its first
// day, and calc reads it filled.
func TestTemplateQuarter(t *testing.T) {
	scheme := "../../testdata/explain-quarter-mixed/scheme.yaml"
	path := filepath.Join(t.TempDir(), "2026-Q4.xlsx")
	if code, _, stderr := runCode("template", scheme, "--period", "2026-Q4", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head, err := f.GetRows("Facts")
	if err != nil || len(head) == 0 {
		t.Fatalf("Facts: %v", err)
	}
	got := strings.Join(head[0], ",")
	if !strings.Contains(got, "q_sales") || !strings.Contains(got, "dept_margin") || strings.Contains(got, ",sales") {
		t.Errorf("the quarter's Facts header = %s, want q_sales and dept_margin, not sales", got)
	}
	if v, _ := f.GetCellValue("Instructions", "B2"); v != "2026-Q4" {
		t.Errorf("Instructions!B2 = %q, want 2026-Q4", v)
	}
	if p, _ := f.GetDocProps(); p.Created != "2026-10-01T00:00:00Z" {
		t.Errorf("created %q, want the quarter's first day", p.Created)
	}
	// The month's sheet has the month's sales and not the quarter's.
	month := filepath.Join(t.TempDir(), "2026-10.xlsx")
	if code, _, stderr := runCode("template", scheme, "--period", "2026-10", "-o", month); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	g, err := excelize.OpenFile(month)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	head, _ = g.GetRows("Facts")
	if got := strings.Join(head[0], ","); !strings.Contains(got, "sales") || strings.Contains(got, "q_sales") || strings.Contains(got, "dept_margin") {
		t.Errorf("the month's Facts header = %s, want sales alone", got)
	}
	// A quarter of a scheme that pays by the month alone: refused, with
	// the months to run.
	if code, _, stderr := runCode("template", teamScheme, "--period", "2026-Q4", "-o", filepath.Join(t.TempDir(), "q.xlsx")); code != 1 || !strings.Contains(stderr, "the scheme pays nothing by the quarter, only by the month: run the periods of 2026-Q4 instead (2026-10, 2026-11, 2026-12)") {
		t.Errorf("a quarter of a monthly scheme: exit %d, %s", code, stderr)
	}
}
