// Package template writes the clerk's fact sheet for a scheme: the
// workbook HR fills in each month (roster, facts, personal plans, department
// plan levels, payments), with the scheme's columns, Russian or English
// headings, input validation, instructions and print setup, optionally
// carrying the roster of an earlier month. Check reads a written template
// back with package factsheet, as the month-end run will.
//
// It uses excelize: data validation and the instruction sheet are rare,
// small workbooks where excelize's tree is no cost.
package template
