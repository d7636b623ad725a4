// Package report renders what premia computed for the people who read it
// and the programs that import it:
//
//   - the pay workbook (payworkbook.go): a summary sheet, a sheet per
//     employee with the KPI matrix and the explanation, and the audit
//     sheet; written whole (WriteReport) or while the pay is computed
//     (StreamReport), one file or one per employee (save.go);
//   - the plan workbooks for the next period (plans.go);
//   - the terminal table, CSV and JSON on stdout (rows.go), streamed row
//     by row;
//   - the text of one person's explanation (rows.go, Explain).
//
// It decides what goes where and how it looks (labels.go, styles.go); the
// SpreadsheetML itself is package xlsx's, and the figures are calc's:
// nothing here computes pay.
package report
