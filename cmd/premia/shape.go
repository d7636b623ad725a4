package main

import (
	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/xlsx"
)

// defaultMaxSheets is the most employee sheets one workbook holds unless
// --max-sheets says otherwise. Measured on a 2-core machine: LibreOffice
// opened a report of 250 employee sheets in 12 s and 1.1 GB, of 1,000 in
// 115 s and 3.9 GB, and had not opened 5,000 after 5 minutes. Above this
// a workbook per employee or per department is what a person can open.
const defaultMaxSheets = 500

// checkShape refuses, before anything is computed, an output no one could
// open: one workbook (ext ".xlsx") with more employee sheets than
// --max-sheets, or a summary sheet with more rows than Excel's grid.
func (o *calcOptions) checkShape(n int, src, ext string) error {
	if n+2 > xlsx.MaxRow && (ext == ".xlsx" || o.split != "") {
		return problem.Errorf("%s: %d employees do not fit one summary sheet (Excel holds %d rows): split the roster into several fact sheets", src, n, xlsx.MaxRow)
	}
	if ext == ".xlsx" && o.maxSheets > 0 && n > o.maxSheets {
		return problem.Errorf("%s: %d employees would make a workbook of %d sheets, more than a spreadsheet program opens in reasonable time (--max-sheets %d): "+
			"write a workbook per department (--split DIR --split-by department) or per employee (--split DIR), CSV or JSON, "+
			"or pass --max-sheets %d to write the one workbook anyway", o.output, n, n+2, o.maxSheets, n)
	}
	return nil
}

// runSplitDepartments writes a workbook per department into --split's
// folder, each while its department is computed (a department's pay
// depends on its own people only: calc.ByDepartment), then summary.xlsx,
// and prints format.
func runSplitDepartments(d *deps, o *calcOptions, format string, sw *stopwatch) error {
	l, err := load(d, o.scheme, o.facts, o.period, o.lang, sw)
	if err != nil {
		return err
	}
	d.lang = l.lang
	if err := o.checkShape(len(l.in.Employees), l.src.Path, ""); err != nil {
		return err
	}
	depts, err := calc.ByDepartment(l.in)
	if err != nil {
		return err
	}
	// Overrides and team KPIs follow reports_to across departments: the
	// whole is computed once, and each department's workbook shows its part.
	var whole *calc.Result
	if l.s.AcrossDepartments() {
		if whole, err = calc.Run(l.s, l.in, calc.Options{}); err != nil {
			return err
		}
	}
	runs := make([]report.DepartmentRun, len(depts))
	for i, dep := range depts {
		if o.maxSheets > 0 && len(dep.Input.Employees) > o.maxSheets {
			var name any = dep.Name
			if dep.Name == "" {
				name = problem.New("(no department)")
			}
			return problem.Errorf("%s: department %q has %s, more sheets than one workbook should hold (--max-sheets %d): write a workbook per employee (--split-by employee), or pass --max-sheets %d",
				l.src.Path, name, d.count(len(dep.Input.Employees), i18n.Employees), o.maxSheets, len(dep.Input.Employees))
		}
		in := dep.Input
		runs[i] = report.DepartmentRun{Name: dep.Name, IDs: calc.Order(in), Run: func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
			if whole != nil {
				part := calc.Subset(whole, func(e *calc.EmployeeResult) bool { return e.Department == dep.Name })
				for j, e := range part.Employees {
					emit(j, e)
				}
				return part, nil
			}
			return calc.Stream(l.s, in, calc.Options{Release: true}, emit)
		}}
	}
	l.in.Employees = nil // each department's input holds its people now
	res, files, removed, err := report.SaveSplitByDepartment(o.split, l.s, l.in.Period, reportInfo(l), runs)
	sw.lap("compute")
	if err != nil {
		return err
	}
	defer sw.lap("write")
	d.say(i18n.TalkWroteDepartments, d.count(len(files), i18n.Workbooks), o.split)
	sayRemoved(d, o.split, removed)
	return printResult(d, format, l.s, res, l.lang)
}
