// Package compare is premia compare's: the test run of a scheme change
// (docs/compare.md). Each month's fact sheet is computed under an old and
// a new scheme by calc, as premia calc computes it; this package keeps
// what it needs of each person's result (Take: the amounts, and each KPI's
// part of the coefficient and money share of the bonus), sets the two
// sides against each other (Build: per person and month, per role, per
// department, the payroll, who gains and who loses most, the KPI rows and
// pay lines that changed, --fail-over), decides which differences of fit
// between a fact sheet and the two schemes are differences of the schemes
// and which are mistakes (CheckFit), reads a scheme from a git revision
// (GitShow), and renders the comparison: the terminal table, CSV, JSON,
// the workbook (table.go, data.go, workbook.go) and its charts, native in
// the workbook and as pictures for --chart (charts.go: both drawn from the
// same figures; the distribution's bins counted there, exactly).
//
// It computes no pay: the figures are calc's, and compare only adds,
// subtracts and divides them, exactly (a percentage is an exact rational,
// rounded only where it is shown). It must not import package report
// (whose pay workbook it does not write) or cmd/premia; it writes
// workbooks through package xlsx and pictures through package chart.
package compare
