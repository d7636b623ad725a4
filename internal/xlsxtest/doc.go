// Package xlsxtest holds what tests need of workbooks and nothing else:
// Dump, the canonical text of a workbook as a reader sees it (golden tests
// compare dumps, never zip bytes), and WriteFactSheet, which writes tables
// as a fact-sheet workbook the way a spreadsheet program would (examples
// and tests make their inputs with it). It uses excelize as an independent
// reader and writer: it must not share code with the package it checks.
package xlsxtest
