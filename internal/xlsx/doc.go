// Package xlsx reads SpreadsheetML workbooks (.xlsx) as premia needs them:
// exactly, from the file's bytes, with nothing guessed.
//
// It owns the zip container and its limits (checked from the central
// directory before anything is inflated), the workbook part (sheets, their
// visibility, defined names, the date system, the calculation settings), the
// shared strings, the number formats of the styles, and each sheet's cells,
// read by one streaming pass over its XML into a compact grid. It knows
// whether a formula's saved result can be trusted, and computes the formulas
// it can compute exactly (package formula) where it cannot.
//
// It is domain-free: it knows cells, not pay. It must not import plan,
// calc or anything that does; fact-sheet tables and their headings belong to
// package factsheet.
package xlsx
