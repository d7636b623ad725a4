// Package factsheet reads a month's fact sheet — an .xlsx workbook or a
// folder of CSV tables — into calc.Input, for a scheme: every value read
// exactly, or the file refused with the place (file, sheet and cell, or
// line and column) and what to do.
//
// It owns the tables a fact sheet holds and their English and Russian
// headings (Tables, which premia template writes), finding header rows and
// columns, the grammar of numbers and dates typed as text, totals rows,
// yes/no cells, the period the fact sheet states, and the checks on what a
// clerk can get wrong: blanks, duplicates, hidden rows, merged cells,
// impossible values, tables under names premia does not read.
//
// The file is read once (Load): the audit hash is of exactly the bytes the
// figures were read from (a workbook over CopyAbove bytes into a private
// copy on disk rather than into memory). Read reads the tables whole;
// ReadWindows hands the employees over a window of roster rows at a time,
// through the same code, and gives way to Read for any fact sheet it
// cannot read exactly as Read does (window.go). Cells come from package xlsx, which judges
// formulas; factsheet knows pay only as far as the scheme says which
// columns are needed. It must not import the report or template packages.
package factsheet
