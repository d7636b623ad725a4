package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/spool"
	"github.com/premia-pay/premia/plan"
)

type calcOptions struct {
	scheme, facts string
	format        string
	period        periodFlag
	output        string // -o: the report workbook
	split         string // --split: a folder of workbooks
	splitBy       string // --split-by: employee or department
	maxSheets     int    // --max-sheets: employee sheets one workbook may hold, 0 for no limit
	lang          langFlag
	timings       bool
	book          string // --book: a client's folder, whose scheme and period's fact sheet are read
	noCheck       bool   // --no-check: a closed book period's snapshot, not recomputed
}

func newCalcCmd(d *deps) *cobra.Command {
	o := &calcOptions{}
	cmd := &cobra.Command{
		Use:   "calc SCHEME FACTS",
		Short: "Compute everyone's pay for the month",
		Long: `Compute everyone's pay: fixed part, KPI bonus, components and total.

FACTS is an .xlsx fact sheet or a folder of CSV tables (roster.csv, facts.csv,
plans.csv, departments.csv, payments.csv). Either SCHEME or FACTS may be - to
read it from stdin (git show REV:scheme.yaml | premia calc - facts.xlsx).

Results go to stdout: an aligned table on a terminal, CSV otherwise, or the
format asked for. Nothing is printed to stdout unless every employee was
computed.

With -o or --split the Excel report is written (atomically: an earlier file is
replaced only by a complete, checked one) and stdout stays empty unless
--format is given too.

With --book DIR --period PERIOD, the scheme and the fact sheet are a client's
book's (docs/book.md): DIR/scheme.yaml and DIR/facts/PERIOD.xlsx (or the CSV
folder DIR/facts/PERIOD/), which must state PERIOD if it states a period.
A closed period (DIR/closed/PERIOD.json, premia close) shows its snapshot's
figures; the period is recomputed from the book and compared, each figure
that differs listed on stderr with its cause, exit 1 (--no-check: the
snapshot alone). A workbook of a closed period is written only when every
figure is the snapshot's.`,
		Example: `  # Everyone's pay as a table on the terminal
  premia calc scheme.yaml facts.xlsx

  # The Excel report: a summary, a sheet per employee, the audit
  premia calc scheme.yaml facts.xlsx -o report.xlsx

  # CSV for the payroll import, and JSON with every KPI
  premia calc scheme.yaml facts.xlsx --format csv > pay.csv
  premia calc scheme.yaml facts.xlsx -o pay.json

  # A workbook per employee to hand out, and one per department
  premia calc scheme.yaml facts.xlsx --split out/
  premia calc scheme.yaml facts.xlsx --split out/ --split-by department

  # A folder of CSV tables, in Russian
  premia calc scheme.yaml facts/ --period 2026-10 --lang ru -o report.xlsx

  # A quarter's bonuses, from the quarter's fact sheet
  premia calc scheme.yaml facts-2026-Q4.xlsx

  # A month of a client's book: clients/acme/scheme.yaml and facts/2026-10.xlsx
  premia calc --book clients/acme --period 2026-10`,
		Args:              bookArgs(&o.book, 2, "SCHEME and FACTS", 0, ""),
		ValidArgsFunction: completeArgs(argScheme, argFacts),
		RunE: func(_ *cobra.Command, args []string) error {
			if o.book != "" {
				bp, err := openBook(o.book, o.period)
				if err != nil {
					return err
				}
				d.book = bp
				if bp.closed != "" {
					return runClosedCalc(d, o, bp)
				}
				o.scheme, o.facts = bp.scheme, bp.facts
				return runCalc(d, o)
			}
			o.scheme, o.facts = args[0], args[1]
			return runCalc(d, o)
		},
	}
	addChoiceFlag(cmd, &o.format, "format", []string{"table", "csv", "json"}, "table, csv or json (default: table on a terminal, csv otherwise)")
	addPeriodFlag(cmd, &o.period, "pay period, a month (2026-10), quarter (2026-Q4) or year (2026): for a CSV folder, or to repeat the fact sheet's own (they must agree)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file: .xlsx for the Excel report (summary, one sheet per employee, audit), .csv or .json for those formats")
	cmd.Flags().StringVar(&o.split, "split", "", "write one workbook per employee (or per department, --split-by), plus summary.xlsx, into this folder")
	o.splitBy = "employee"
	addChoiceFlag(cmd, &o.splitBy, "split-by", []string{"employee", "department"}, "with --split: a workbook per employee, or per department (its summary and a sheet per person)")
	cmd.Flags().IntVar(&o.maxSheets, "max-sheets", defaultMaxSheets, "the most employee sheets one workbook may hold (0: no limit); above it -o FILE.xlsx is refused with advice")
	addLangFlag(cmd, &o.lang, "language of reports and explanations")
	addBookFlag(cmd, &o.book, "a client's book (docs/book.md): read DIR/scheme.yaml and the fact sheet DIR/facts/PERIOD of --period, instead of SCHEME and FACTS")
	cmd.Flags().BoolVar(&o.noCheck, "no-check", false, "with --book, a closed period: show its snapshot's figures without recomputing the period to compare")
	completeFile(cmd, "output", "xlsx", "csv", "json")
	completeFolder(cmd, "split")
	noCompletion(cmd, "max-sheets")
	cmd.Flags().BoolVar(&o.timings, "timings", false, "print the time of each phase (read, compute, write) on stderr; with -o report.xlsx, employee sheets are built as employees are computed and count in compute")
	return cmd
}

func runCalc(d *deps, o *calcOptions) error {
	format := o.format
	if format == "" && o.output == "" && o.split == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	outExt := strings.ToLower(filepath.Ext(o.output))
	if o.output != "" && outExt != ".xlsx" && outExt != ".csv" && outExt != ".json" {
		return usagef("-o %q: name the file .xlsx (the report), .csv or .json", o.output)
	}
	for _, in := range []string{o.scheme, o.facts} {
		if o.output != "" && sameFile(o.output, in) {
			return usagef("-o %q is an input of this run: choose another file", o.output)
		}
	}
	if o.maxSheets < 0 {
		return usagef("--max-sheets %d: expected 0 (no limit) or more", o.maxSheets)
	}
	if o.splitBy == "department" {
		switch {
		case o.split == "":
			return usagef("--split-by department needs --split DIR")
		case o.output != "" || format == "json":
			return usagef("--split-by department writes the workbooks, with the table or CSV on stdout: write -o or JSON in a run of its own")
		}
	}
	if o.split != "" {
		if err := setFolder("--split", o.split); err != nil {
			return err
		}
		if sameFile(filepath.Join(o.split, "x"), o.facts) {
			return usagef("--split %q is the fact sheet's folder: choose another", o.split)
		}
	}
	var sw *stopwatch
	if o.timings {
		sw = newStopwatch(d.now)
		defer sw.report(d.stderr)
	}
	if o.splitBy == "department" {
		return runSplitDepartments(d, o, format, sw)
	}
	if outExt == ".xlsx" && o.split == "" && format != "json" {
		return runStreamed(d, o, format, sw)
	}
	if o.split != "" && o.output == "" && format != "json" {
		return runSplit(d, o, format, sw)
	}
	// CSV or JSON alone, to -o or to stdout: written as computed.
	if o.split == "" && outExt != ".xlsx" && (o.output == "") != (format == "") && format != "table" {
		return runRows(d, o, format, sw)
	}
	// Only the workbooks show the explanation; nothing reads the input after.
	l, err := load(d, o.scheme, o.facts, o.period, o.lang, sw)
	if err != nil {
		return err
	}
	d.lang = l.lang
	if err := o.checkShape(len(l.in.Employees), l.src.Path, outExt); err != nil {
		return err
	}
	res, err := calc.Run(l.s, l.in, calc.Options{Release: true, SkipSteps: outExt != ".xlsx" && o.split == ""})
	if err != nil {
		return err
	}
	sw.lap("compute")
	s := l.s
	defer sw.lap("write")
	if o.output != "" {
		// Checked before the split set is written, so that neither lands
		// when the other cannot.
		if st, err := os.Stat(o.output); err == nil && st.IsDir() {
			return problem.Errorf("%s: is a folder, not a file: choose a file name", o.output)
		}
	}
	if o.split != "" {
		info := reportInfo(l)
		files, removed, err := report.SaveSplit(o.split, s, res, info)
		if err != nil {
			return err
		}
		d.say(i18n.TalkWroteSet, d.count(len(files), i18n.Workbooks), o.split)
		sayRemoved(d, o.split, removed)
	}
	if o.output != "" {
		if err := writeOutput(d, o, outExt, l, res); err != nil {
			return err
		}
	}
	return printResult(d, format, s, res, l.lang)
}

// printResult writes the result to stdout in format ("": nothing); the
// table's headings are in lang.
func printResult(d *deps, format string, s *plan.Scheme, res *calc.Result, lang string) error {
	if format == "" {
		return nil
	}
	out, err := render(format, s, res, lang)
	if err != nil {
		return err
	}
	_, err = d.stdout.Write(out)
	return err
}

// wrote says on stderr what -o wrote.
func wrote(d *deps, path string, res *calc.Result) {
	d.say(i18n.TalkWrote, path, d.count(res.Count, i18n.Employees), res.Total.StringFixed(res.Scale), res.Currency)
}

// render formats the result for stdout or a file. The table is for people,
// in lang; CSV and JSON keep the ids an import relies on.
func render(format string, s *plan.Scheme, res *calc.Result, lang string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = report.JSON(&buf, res)
	case "csv":
		err = report.CSV(&buf, s, res)
	default:
		err = report.Table(&buf, s, res, lang)
	}
	return buf.Bytes(), err
}

// runStreamed computes the pay while the report workbook is written (see
// report.StreamReport): the KPI matrix and explanation of each employee
// are dropped once the employee's sheet is built, so memory holds the
// amounts of everyone but the details of a few, and, with the fact sheet
// read in windows (withFeed), a few windows of the input. Used when
// nothing else needs the details (JSON does). With --timings, the
// employee sheets count in the compute phase.
func runStreamed(d *deps, o *calcOptions, format string, sw *stopwatch) error {
	if st, err := os.Stat(o.output); err == nil && st.IsDir() {
		return problem.Errorf("%s: is a folder, not a file: choose a file name", o.output)
	}
	return withFeed(d, o, sw, func(f *feed) error {
		if err := o.checkShape(len(f.ids), f.srcPath, ".xlsx"); err != nil {
			return err
		}
		if format == "csv" {
			return runStreamedCSV(d, o, f, sw)
		}
		res, err := report.SaveReportStream(o.output, f.s, f.ids, f.period, f.info, streamed(f, format == "", sw))
		if err != nil {
			return err
		}
		defer sw.lap("write")
		f.say(d.stderr)
		wrote(d, o.output, res)
		return printResult(d, format, f.s, res, f.info.Lang)
	})
}

// runStreamedCSV is runStreamed with the CSV on stdout written as the
// workbook is, in roster order, to a private spool file copied out once
// both are complete: nothing holds everyone's results.
func runStreamedCSV(d *deps, o *calcOptions, f *feed, sw *stopwatch) error {
	s := f.s
	tmp, done, err := spool.Temp("premia-*.csv")
	if err != nil {
		return problem.Errorf("cannot make a temporary file for the output: %v", err)
	}
	defer done()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	cw, err := report.NewCSVWriter(bw, s, calc.Scale(s.Step()))
	if err != nil {
		return err
	}
	rows, written := inOrder(cw, false) // the workbook reads the employee too
	run := func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
		return streamed(f, true, sw)(func(i int, e *calc.EmployeeResult) {
			emit(i, e)
			rows(i, e)
		})
	}
	res, err := report.SaveReportStream(o.output, s, f.ids, f.period, f.info, run)
	if err != nil {
		return err
	}
	defer sw.lap("write")
	if n, err := written(); err != nil {
		return err
	} else if n != res.Count {
		return problem.Errorf("internal error, please report it: %d of %d employees were written", n, res.Count)
	}
	if err := cw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	f.say(d.stderr)
	wrote(d, o.output, res)
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(d.stdout, tmp)
	return err
}

// streamed is the feed's run, for a writer of workbooks (which show the
// explanation) that consumes the input: the compute phase of --timings.
// With forget (nothing is printed after the workbooks), each employee is
// dropped once written: memory holds a window of employees, not everyone's
// results.
func streamed(f *feed, forget bool, sw *stopwatch) func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
	return func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
		defer sw.lap(f.phase)
		p := startProgress(f.d, len(f.ids))
		defer p.end()
		return f.run(calc.Options{Release: true, Forget: forget}, func(i int, e *calc.EmployeeResult) {
			emit(i, e)
			p.add(1)
		})
	}
}

// runSplit computes the pay while --split's workbooks are written (see
// report.SaveSplitStream), and then prints format, which needs the
// amounts only.
func runSplit(d *deps, o *calcOptions, format string, sw *stopwatch) error {
	return withFeed(d, o, sw, func(f *feed) error {
		if err := o.checkShape(len(f.ids), f.srcPath, ""); err != nil {
			return err
		}
		res, files, removed, err := report.SaveSplitStream(o.split, f.s, f.ids, f.period, f.info, streamed(f, format == "", sw))
		if err != nil {
			return err
		}
		defer sw.lap("write")
		f.say(d.stderr)
		d.say(i18n.TalkWroteSet, d.count(len(files), i18n.Workbooks), o.split)
		sayRemoved(d, o.split, removed)
		return printResult(d, format, f.s, res, f.info.Lang)
	})
}

// writeOutput writes -o: the Excel report, or the CSV or JSON that stdout
// would carry, staged, checked by reading it back, and renamed into place
// (unlike a shell redirection, a failure never truncates an earlier file).
func writeOutput(d *deps, o *calcOptions, ext string, l *loaded, res *calc.Result) error {
	s := l.s
	if ext == ".xlsx" {
		info := reportInfo(l)
		if err := report.SaveReport(o.output, s, res, info, report.Part{Summary: true, Details: res.Employees}); err != nil {
			return err
		}
	} else {
		data, err := render(ext[1:], s, res, l.lang)
		if err != nil {
			return err
		}
		if err := writeChecked(o.output, data); err != nil {
			return err
		}
	}
	wrote(d, o.output, res)
	return nil
}

// reportInfo gathers the audit facts of a report: file names, the SHA-256
// of the bytes the scheme and the fact sheet were read from, the language
// and premia's version.
func reportInfo(l *loaded) report.ReportInfo { return runInfo(l.s, l.src, l.lang) }

// runInfo is what the audit sheet says of a run's inputs.
func runInfo(s *plan.Scheme, src *factsheet.Source, lang string) report.ReportInfo {
	return report.ReportInfo{Lang: lang, Version: premiaVersion(), SchemeFile: filepath.Base(s.File), FactsFile: filepath.Base(src.Path),
		SchemeSHA256: s.SHA256, FactsSHA256: src.SHA256}
}

// sameFile reports whether a names the existing file b, or a file inside
// b when b is a folder of CSV tables.
func sameFile(a, b string) bool {
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	if sb.IsDir() {
		if sd, err := os.Stat(filepath.Dir(a)); err == nil && os.SameFile(sd, sb) {
			return true
		}
	}
	sa, err := os.Stat(a)
	return err == nil && os.SameFile(sa, sb)
}

// sayRemoved tells which files of the earlier set in dir the new set has
// not (people no longer in the roster): they are gone with the old set.
func sayRemoved(d *deps, dir string, removed []string) {
	if len(removed) == 0 {
		return
	}
	shown := removed[:min(len(removed), 10)]
	more := ""
	if len(removed) > len(shown) {
		more = i18n.Say(d.lang, i18n.TalkMore, len(removed)-len(shown))
	}
	d.say(i18n.TalkRemoved, dir, d.count(len(removed), i18n.Files), strings.Join(shown, ", "), more)
}

// runClosedCalc is calc --book of a closed period: the snapshot's figures,
// checked against the book unless --no-check. They are printed (or
// written with -o FILE.csv|.json) whatever the check finds, for they are
// what was paid; a workbook, which needs the explanation, is computed
// again and written only when every figure is the snapshot's.
func runClosedCalc(d *deps, o *calcOptions, bp *bookPeriod) error {
	c, err := readClosed(bp)
	if err != nil {
		return err
	}
	format := o.format
	if format == "" && o.output == "" && o.split == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	outExt := strings.ToLower(filepath.Ext(o.output))
	if o.output != "" && outExt != ".xlsx" && outExt != ".csv" && outExt != ".json" {
		return usagef("-o %q: name the file .xlsx (the report), .csv or .json", o.output)
	}
	workbook := outExt == ".xlsx" || o.split != ""
	if o.noCheck {
		if workbook {
			return usagef("--no-check shows a closed period's snapshot, and a workbook is made by computing the period: run without --no-check")
		}
		s, err := loadScheme(d, bp.scheme, o.lang, d.designWarnings())
		if err != nil {
			return err
		}
		d.say(i18n.TalkClosedRead, c.path, c.snap.Period, c.snap.Closed)
		return c.printSnapshot(d, format, o.output, s, d.lang)
	}
	if err := c.check(d, o.lang, calc.Options{Release: true, SkipSteps: true}); err != nil {
		return err
	}
	current, lang := c.schemeNow(d, o.lang)
	d.say(i18n.TalkClosedRead, c.path, c.snap.Period, c.snap.Closed)
	if c.failed() {
		if workbook {
			return c.verdict(d, problem.New("the snapshot's figures stand, and no workbook of other figures is written"))
		}
		if err := c.printSnapshot(d, format, o.output, current, lang); err != nil {
			return err
		}
		return c.verdict(d, problem.New("the snapshot's figures stand (printed)"))
	}
	if err := c.verdict(d, problem.New("")); err != nil {
		return err
	}
	if workbook {
		o.scheme, o.facts = bp.scheme, bp.facts
		return runCalc(d, o)
	}
	return c.printSnapshot(d, format, o.output, current, lang)
}
