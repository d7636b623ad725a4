package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/premia-pay/premia/internal/xlsxtest"
)

// TestMakePeriodInputs writes the workbooks of the period and book cases
// in testdata/ (PREMIA_MAKE_INPUTS=1 go test ./cmd/premia -run
// TestMakePeriodInputs): fact sheets that state their period in a cell,
// as premia template states it, some of them wrongly.
func TestMakePeriodInputs(t *testing.T) {
	if os.Getenv("PREMIA_MAKE_INPUTS") == "" {
		t.Skip("set PREMIA_MAKE_INPUTS=1 to rewrite the workbooks of the period and book cases in testdata/")
	}
	write := func(path string, tables []xlsxtest.Table, period string) {
		t.Helper()
		var buf bytes.Buffer
		if err := xlsxtest.WriteFactSheet(&buf, tables, period); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := "../../testdata"
	// kpi-matrix's October, stating a month that is none.
	matrix := []xlsxtest.Table{
		{Name: "Roster", Rows: [][]string{{"id", "name", "role", "department"}, {"OM-01", "Olga Belova", "office_manager", "admin"}}},
		{Name: "Facts", Rows: [][]string{{"id", "requests_on_time", "supply_costs", "documents"}, {"OM-01", "0.78", "52000", "200"}}},
	}
	write(filepath.Join(root, "facts-period-malformed", "facts.xlsx"), matrix, "2026-13")

	// The book of ACME (testdata/book-acme/book): December's fact sheet as a
	// workbook stating its month, beside October's and November's CSV
	// folders.
	acme := func(sales ...string) []xlsxtest.Table {
		return []xlsxtest.Table{
			{Name: "Roster", Rows: [][]string{{"id", "name", "role"}, {"M-01", "Olga Belova", "manager"}, {"M-02", "Irina Kuznetsova", "manager"}}},
			{Name: "Facts", Rows: [][]string{{"id", "sales"}, {"M-01", sales[0]}, {"M-02", sales[1]}}},
		}
	}
	write(filepath.Join(root, "book-acme", "book", "facts", "2026-12.xlsx"), acme("380000", "500000"), "2026-12")
	// A book whose November workbook states October.
	write(filepath.Join(root, "book-wrong-name", "book", "facts", "2026-11.xlsx"), acme("400000", "360000"), "2026-10")
	// A book with two fact sheets for October: a workbook and a CSV folder.
	write(filepath.Join(root, "book-two-sheets", "book", "facts", "2026-10.xlsx"), acme("440000", "300000"), "2026-10")
}
