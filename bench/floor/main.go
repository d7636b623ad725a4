// Command floor is the benchmark's floor: bare excelize reading every cell of
// the fact sheet and stream-writing a report of the same shape (a summary row
// and a sheet per employee) with no computation. premia's overhead is
// measured against it.
//
//	floor FACTS.xlsx OUT.xlsx
package main

import (
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor FACTS.xlsx OUT.xlsx")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := excelize.OpenFile(in, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	defer f.Close()
	sheets := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return err
		}
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return err
			}
			sheets[name] = append(sheets[name], cols)
		}
		rows.Close()
	}
	w := excelize.NewFile()
	defer w.Close()
	roster, facts := sheets["Roster"], sheets["Facts"]
	sw, err := w.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for i, r := range roster {
		vals := make([]any, 0, 10)
		for _, v := range r {
			vals = append(vals, v)
		}
		for len(vals) < 10 {
			vals = append(vals, "0")
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	for i := 1; i < len(roster) && i < len(facts); i++ {
		name := roster[i][0]
		if _, err := w.NewSheet(name); err != nil {
			return err
		}
		sw, err := w.NewStreamWriter(name)
		if err != nil {
			return err
		}
		row := 1
		put := func(vals ...any) error {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			row++
			return sw.SetRow(cell, vals)
		}
		if err := put(roster[i][1], roster[i][0], roster[i][2]); err != nil {
			return err
		}
		for k, v := range facts[i] {
			if err := put(facts[0][k], v); err != nil {
				return err
			}
		}
		for _, label := range []string{"Fixed", "Bonus", "Commission", "Total"} {
			if err := put(label, "0"); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	file, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := w.Write(file); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
