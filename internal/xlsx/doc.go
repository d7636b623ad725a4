// Package xlsx reads and writes SpreadsheetML workbooks (.xlsx) as premia
// needs them: exactly, from the file's bytes, with nothing guessed and no
// number passing through float64.
//
// Reading: it owns the zip container and its limits (checked from the central
// directory before anything is inflated), the workbook part (sheets, their
// visibility, defined names, the date system, the calculation settings), the
// shared strings, the number formats of the styles, and each sheet's cells,
// read by one streaming pass over its XML into a compact grid. It knows
// whether a formula's saved result can be trusted, and computes the formulas
// it can compute exactly (package formula) where it cannot.
//
// Writing: a streaming worksheet writer (SheetWriter: cells in row order,
// merges, conditional formats, page setup), the package parts of a workbook
// (BookWriter, WriteBook) in a zip container of its own (the bytes
// archive/zip writes, without its cost per file), sheets built and
// compressed on every core and written in order, Excel's rules for sheet
// names (SheetNames), native charts drawn over a sheet from cell ranges of
// the workbook (Chart, BookSheet.Charts; read back by Book.Charts), and the
// read-back checks: every amount a sheet was built to hold is in its bytes,
// and its charts read back as drawn (Check); a written zip's directory is
// whole and names its parts (ZipNames). The stylesheet is the caller's.
//
// It is domain-free: it knows cells, not pay. It must not import plan,
// calc or anything that does; fact-sheet tables and their headings belong to
// package factsheet.
package xlsx
