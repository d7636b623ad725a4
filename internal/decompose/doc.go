// Package decompose plans backwards from profit (premia decompose; the
// reverse decomposition of seed 001, docs/planning.md §7.3): from the
// profit the owner wants and the margin share to the revenue, through the
// average check to the deals, and through each funnel stage's conversion
// to the activity — proposals, meetings, calls — the department must do a
// month and a working day; then split across the managers, equally or by
// each one's own conversions read from their history, and compared with
// the industry norms per manager per day.
//
// It owns the funnel file (funnel.go: read by plan's strict YAML rules,
// every mistake located), the norms of the source (norms.go), the
// computation (compute.go, history.go: exact rationals throughout, whole
// units shown as the ceiling of the exact figure, money rounded once to
// the funnel's step), and how the result is shown: the terminal table,
// CSV and JSON (render.go) and the workbook with its Plans table
// (workbook.go), whose layout is package factsheet's, so that calc and
// template read it as personal norms.
//
// It reads no file but the funnel: the history's fact sheets come read
// (calc.Input), and the workbook is written to an io.Writer. It must not
// import package report's pay workbook or change any figure of calc.
package decompose
