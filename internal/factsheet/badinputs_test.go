package factsheet

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/internal/xlsx"
)

// TestMakeBadInputs writes the crafted fact sheets of the reliability cases
// in testdata/ (run with PREMIA_MAKE_INPUTS=1; the files are committed). Each
// is the kpi-matrix example's sheet with one fault a clerk's workbook can have.
func TestMakeBadInputs(t *testing.T) {
	if os.Getenv("PREMIA_MAKE_INPUTS") == "" {
		t.Skip("set PREMIA_MAKE_INPUTS=1 to rewrite the crafted inputs in testdata/")
	}
	root := "../../testdata"
	roster := [][]string{{"id", "name", "role", "department"}, {"OM-01", "Olga Belova", "office_manager", "admin"}, {"OM-02", "Irina Kuznetsova", "office_manager", "admin"}}
	facts := [][]string{{"id", "requests_on_time", "supply_costs", "documents"}, {"OM-01", "0.78", "52000", "200"}, {"OM-02", "0.95", "44000", "120"}}
	build := func(name string, edit func(f *excelize.File)) {
		t.Helper()
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "Roster")
		f.NewSheet("Facts")
		for _, st := range []struct {
			sheet string
			rows  [][]string
		}{{"Roster", roster}, {"Facts", facts}} {
			sheet, rows := st.sheet, st.rows
			for r, row := range rows {
				for c, v := range row {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if _, err := xlsx.ParseStored(v); err == nil && r > 0 && c > 0 {
						f.SetCellDefault(sheet, ref, v)
					} else {
						f.SetCellStr(sheet, ref, v)
					}
				}
			}
		}
		edit(f)
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "facts.xlsx"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build("xlsx-sheet-lookalike", func(f *excelize.File) { f.SetSheetName("Facts", "Fаcts") }) // Cyrillic а
	build("xlsx-sheet-case-and-space", func(f *excelize.File) { f.SetSheetName("Facts", "FACTS ") })
	build("xlsx-sheet-missing", func(f *excelize.File) {
		f.NewSheet("Notes")
		f.DeleteSheet("Facts")
	})
	build("xlsx-sheet-hidden", func(f *excelize.File) { f.SetSheetVisible("Facts", false) })
	// A title merged above the header is fine (a title row); merged cells in
	// the header row itself are not.
	build("xlsx-header-merged", func(f *excelize.File) {
		f.InsertRows("Facts", 1, 1)
		f.SetCellStr("Facts", "A1", "Facts for October")
		f.MergeCell("Facts", "A1", "D1")
		f.MergeCell("Facts", "C2", "D2")
	})
	build("xlsx-header-nbsp", func(f *excelize.File) { f.SetCellStr("Facts", "C1", "Supply\u00a0Costs ") })
	build("xlsx-row-hidden", func(f *excelize.File) { f.SetRowVisible("Facts", 3, false) })
	build("xlsx-merged-data", func(f *excelize.File) { f.MergeCell("Facts", "B2", "B3") })
	build("xlsx-totals-row-mismatch", func(f *excelize.File) {
		f.SetCellStr("Facts", "A4", "Итого")
		f.SetCellDefault("Facts", "C4", "90000") // 52,000 + 44,000 = 96,000
	})
	build("xlsx-totals-row-and-notes", func(f *excelize.File) {
		f.SetCellStr("Facts", "A4", "Итого")
		f.SetCellDefault("Facts", "C4", "96000")
		f.SetCellStr("Facts", "A6", "Checked by the head of office")
	})
	build("xlsx-formula-no-result", func(*excelize.File) {})
	build("xlsx-error-cell", func(*excelize.File) {})
	build("xlsx-manual-calc", func(f *excelize.File) {
		manual := "manual"
		f.SetCalcProps(&excelize.CalcPropsOptions{CalcMode: &manual})
	})
	build("xlsx-id-as-number", func(f *excelize.File) { f.SetCellDefault("Facts", "A3", "1.23E+5") })
	build("xlsx-id-lookalike", func(f *excelize.File) { f.SetCellStr("Facts", "A2", "ОМ-01") }) // Cyrillic О and М
	build("xlsx-float-noise", func(f *excelize.File) { f.SetCellDefault("Facts", "B2", "0.78000000000000003") })
	build("xlsx-extreme-magnitude", func(f *excelize.File) { f.SetCellDefault("Facts", "C2", "1E+300") })
	build("xlsx-text-numbers", func(f *excelize.File) {
		f.SetCellStr("Facts", "B2", "78 %")
		f.SetCellStr("Facts", "C2", "52\u00a0000,00 ₽")
		f.SetCellStr("Facts", "D3", "1 2O")
	})
	build("xlsx-placeholders", func(f *excelize.File) {
		f.SetCellStr("Facts", "B2", "н/д")
		f.SetCellStr("Facts", "C3", "—")
		f.SetCellStr("Facts", "D2", "")
	})
	// Cells as Excel and scripts write them, which excelize cannot set: a
	// formula whose result was never saved (files written by programs), and
	// the cached error value of =1/0.
	patchSheet(t, root, "xlsx-formula-no-result", `<c r="D3"><v>120</v></c>`, `<c r="D3"><f>SUMIF(Roster!A:A,A3,Roster!E:E)</f></c>`)
	patchSheet(t, root, "xlsx-error-cell", `<c r="C2"><v>52000</v></c>`, `<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
	build("xlsx-bad-shared-string", func(*excelize.File) {})
	patchSheet(t, root, "xlsx-bad-shared-string", `<c r="A3" t="s"><v>8</v></c>`, `<c r="A3" t="s"><v>99999</v></c>`)
	// An optional cell (the roster's fixed amount) that cannot be read must not
	// quietly fall back to the scheme's default.
	build("xlsx-unreadable-optional-cell", func(f *excelize.File) {
		f.SetCellStr("Roster", "E1", "fixed")
		f.SetCellStr("Roster", "E3", "31000 ₽")
	})
	patchPart(t, root, "xlsx-unreadable-optional-cell", "xl/worksheets/sheet1.xml", `<c r="E3" t="s"><v>14</v></c>`, `<c r="E3" t="s"><v>99999</v></c>`)
	build("xlsx-formatted-cells", func(f *excelize.File) {
		pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
		grouped52k := "#,##0.00 \"₽\""
		grouped, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &grouped52k}) // 52 000,00 ₽
		f.SetCellStyle("Facts", "B2", "B3", pct)
		f.SetCellStyle("Facts", "C2", "C3", grouped)
	})
	// A truncated workbook: the first half of a good one.
	good, err := os.ReadFile(filepath.Join(root, "xlsx-header-nbsp", "facts.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	writeInput(t, root, "xlsx-truncated", good[:len(good)/2])
	// A zip whose sheet XML is garbage.
	var buf bytes.Buffer
	zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		w, _ := zw.Create(zf.Name)
		if zf.Name == "xl/worksheets/sheet2.xml" {
			w.Write([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c><row r="0"><c r="ZZZZZZZ0"`))
			continue
		}
		rc, _ := zf.Open()
		b := new(bytes.Buffer)
		b.ReadFrom(rc)
		rc.Close()
		w.Write(b.Bytes())
	}
	zw.Close()
	writeInput(t, root, "xlsx-damaged-xml", buf.Bytes())
}

func writeInput(t *testing.T, root, name string, data []byte) {
	t.Helper()
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "facts.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// patchSheet replaces text in the Facts sheet's XML of a case's workbook.
func patchSheet(t *testing.T, root, name, old, repl string) {
	t.Helper()
	patchPart(t, root, name, "xl/worksheets/sheet2.xml", old, repl)
}

// patchPart replaces text in one part of a case's workbook.
func patchPart(t *testing.T, root, name, part, old, repl string) {
	t.Helper()
	path := filepath.Join(root, name, "facts.xlsx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b := new(bytes.Buffer)
		b.ReadFrom(rc)
		rc.Close()
		content := b.Bytes()
		if zf.Name == part {
			if !bytes.Contains(content, []byte(old)) {
				t.Fatalf("%s: %s not found in the sheet XML", name, old)
			}
			content = bytes.Replace(content, []byte(old), []byte(repl), 1)
			found = true
		}
		w, _ := zw.Create(zf.Name)
		w.Write(content)
	}
	zw.Close()
	if !found {
		t.Fatalf("%s: no %s", name, part)
	}
	writeInput(t, root, name, buf.Bytes())
}
