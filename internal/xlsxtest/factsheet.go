package xlsxtest

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/xlsx"
)

// Table is a named table of cell texts, first row the header.
type Table struct {
	Name string
	Rows [][]string
}

// WriteFactSheet writes tables as an .xlsx fact sheet, one sheet each: cells
// that read as numbers become numeric cells and ISO dates become date cells,
// as a clerk's workbook would hold them. A period, when given, is stated as
// premia template states it: on an Instructions sheet (Инструкция when the
// first table is the roster under its Russian name), in the cell the
// defined name factsheet.PeriodName points to.
func WriteFactSheet(w io.Writer, tables []Table, period string) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the workbook failed: %v", p)
		}
	}()
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "premia", Title: "Fact sheet", Created: "2026-01-01T00:00:00Z", Modified: "2026-01-01T00:00:00Z"}); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		for r, row := range t.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := writeCell(f, t.Name, cell, v, r == 0, dateStyle); err != nil {
					return err
				}
			}
			if r == 0 && len(row) > 0 {
				last, _ := excelize.CoordinatesToCellName(len(row), 1)
				if err := f.SetCellStyle(t.Name, "A1", last, bold); err != nil {
					return err
				}
				lastCol, _ := excelize.ColumnNumberToName(len(row))
				if err := f.SetColWidth(t.Name, "A", lastCol, 16); err != nil {
					return err
				}
			}
		}
	}
	if period != "" {
		// A workbook whose roster sheet has its Russian name is a Russian
		// clerk's: its instructions sheet and period label are Russian too.
		lang := "en"
		if len(tables) > 0 && tables[0].Name == factsheet.Table(factsheet.Roster).Ru {
			lang = "ru"
		}
		sheet := factsheet.InstructionsSheet[lang]
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, "A1", factsheet.PeriodLabels[lang]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, "B1", period); err != nil {
			return err
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: factsheet.PeriodName, RefersTo: sheet + "!$B$1"}); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeCell(f *excelize.File, sheet, cell, v string, header bool, dateStyle int) error {
	if v == "" {
		return nil
	}
	if !header {
		if _, err := xlsx.ParseStored(v); err == nil {
			return f.SetCellDefault(sheet, cell, v)
		}
		if d, err := time.Parse("2006-01-02", v); err == nil {
			serial := int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
			if err := f.SetCellDefault(sheet, cell, fmt.Sprint(serial)); err != nil {
				return err
			}
			return f.SetCellStyle(sheet, cell, cell, dateStyle)
		}
	}
	return f.SetCellStr(sheet, cell, v)
}

// Fill types tables into the template workbook at path (as premia
// template writes it, in English or Russian) as a clerk would: each
// table's rows under its sheet's heading row, each value under the
// heading of its column (the table's first row holds the ids: roster,
// facts, …, as the examples' CSV files have them; a fixed column is
// found under any heading premia reads it by; headings maps other
// headings, folded, to the template's, such as a KPI's title to its id).
// A column the template does not have is an error: the template would
// not have let the clerk type it.
func Fill(path string, tables []Table, headings map[string]string) (err error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("filling the workbook failed: %v", p)
		}
	}()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	for _, t := range tables {
		layout := factsheet.Table(t.Name)
		sheet := ""
		for _, name := range f.GetSheetList() {
			if name == layout.Name || name == layout.Ru {
				sheet = name
			}
		}
		if sheet == "" {
			return fmt.Errorf("%s: no sheet for the table %s (sheets: %v)", path, t.Name, f.GetSheetList())
		}
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) == 0 {
			return fmt.Errorf("%s: sheet %s has no heading row (%v)", path, sheet, err)
		}
		heads := rows[0]
		where := make([]int, len(t.Rows[0]))
		for c, id := range t.Rows[0] {
			want := []string{factsheet.Fold(id)}
			if h, ok := headings[factsheet.Fold(id)]; ok {
				want = append(want, factsheet.Fold(h))
			}
			for _, col := range layout.Columns {
				names := append([]string{col.ID, col.Ru}, col.Also...)
				if slices.ContainsFunc(names, func(n string) bool { return factsheet.Fold(n) == factsheet.Fold(id) }) {
					want = append(want, factsheet.Fold(col.ID), factsheet.Fold(col.Ru))
				}
			}
			where[c] = -1
			for j, h := range heads {
				if slices.Contains(want, factsheet.Fold(h)) {
					where[c] = j
				}
			}
			if where[c] < 0 {
				return fmt.Errorf("%s: sheet %s has no column %s (headings: %v)", path, sheet, id, heads)
			}
		}
		for r, row := range t.Rows[1:] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(where[c]+1, r+2)
				if err := writeCell(f, sheet, cell, v, false, dateStyle); err != nil {
					return err
				}
			}
		}
	}
	return f.Save()
}
