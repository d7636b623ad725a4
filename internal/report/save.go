package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// SaveReport writes the report to path atomically: a temporary file in the
// same folder, checked (see checkedWrite), then renamed. A failure leaves
// any earlier file at path untouched.
func SaveReport(path string, s *plan.Scheme, res *calc.Result, info ReportInfo, part Part) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("%s: a report is an .xlsx file: name it so", path)
	}
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return WriteReport(w, s, res, info, part) })
	return atomicfile.Write(path, write, check)
}

// SaveBook writes a workbook of another command (premia decompose's) to
// path as SaveReport writes the report: staged, read back and checked
// (its size and CRC-32, its zip directory, each sheet's amounts), then
// renamed into place; a failure leaves an earlier file untouched.
func SaveBook(path string, write func(io.Writer) ([]xlsx.Expect, error)) error {
	w, check := checkedWrite(write)
	return atomicfile.Write(path, w, check)
}

// SaveReportStream is SaveReport for a report written while the pay is
// computed (see StreamReport). It returns run's result; run's own error is
// returned as it is, and nothing is written then.
func SaveReportStream(path string, s *plan.Scheme, ids []string, period string, info ReportInfo,
	run func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error)) (*calc.Result, error) {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return nil, fmt.Errorf("%s: a report is an .xlsx file: name it so", path)
	}
	var res *calc.Result
	var runErr error
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) {
		r, x, err := StreamReport(w, s, ids, period, info, func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
			r, err := run(emit)
			runErr = err
			return r, err
		})
		res = r
		return x, err
	})
	err := atomicfile.Write(path, write, check)
	if runErr != nil {
		return nil, runErr
	}
	return res, err
}

// fileBuffers are the write buffers of checkedWrite.
var fileBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 1<<20) }}

// checkedWrite wraps a workbook writer for atomicfile.Write. Every sheet's
// amounts were already read back from the bytes that were compressed (see
// xlsx.Builder.Build and SheetStream.Flush); what is checked here is the
// file: read back from disk, it must be byte for byte what was written
// (size and CRC-32), open as a zip, and hold every sheet that has amounts
// in the part the workbook part written names for it (read from its text
// as written, xlsx.Expect.Part: the same bytes, as the CRC shows).
// Reading the sheets' XML back from disk again (xlsx.Check) cost as much
// as writing them.
func checkedWrite(write func(io.Writer) ([]xlsx.Expect, error)) (func(io.Writer) error, func(*os.File) error) {
	var expect []xlsx.Expect
	var tally atomicfile.Tally
	return func(w io.Writer) error {
			// A megabyte at a time: a report of many sheets is otherwise a
			// write call for each sheet's part. The buffers are kept:
			// --split and plans write thousands of files.
			bw := fileBuffers.Get().(*bufio.Writer)
			bw.Reset(io.MultiWriter(w, &tally))
			defer func() {
				bw.Reset(nil)
				fileBuffers.Put(bw)
			}()
			var err error
			if expect, err = write(bw); err == nil {
				err = bw.Flush()
			}
			return err
		}, func(f *os.File) error {
			return checkFile(f, &tally, expect)
		}
}

// checkFile reads a written workbook back: its size and CRC-32, its zip
// directory, and the parts of the sheets that hold amounts.
func checkFile(f *os.File, tally *atomicfile.Tally, expect []xlsx.Expect) error {
	return tally.ReadsBack(f, func(back io.ReaderAt) error {
		// The parts to find: a few in a file of --split, one per employee
		// in a workbook of all.
		want := make(map[string]bool, len(expect))
		for _, x := range expect {
			want[x.Part] = false
			for _, p := range x.Parts { // a sheet's drawing and charts
				want[p] = false
			}
		}
		err := xlsx.ZipNames(back, tally.Size(), func(name []byte) {
			if _, ok := want[string(name)]; ok {
				want[string(name)] = true
			}
		})
		if err != nil {
			return fmt.Errorf("does not open as a workbook: %v", err)
		}
		for _, x := range expect {
			if x.Part == "" || !want[x.Part] {
				return fmt.Errorf("the workbook has no sheet %q", x.Sheet)
			}
			for _, p := range x.Parts {
				if !want[p] {
					return fmt.Errorf("the workbook lacks the part %s of sheet %q", p, x.Sheet)
				}
			}
		}
		return nil
	})
}

// SaveSplit writes one workbook per employee into dir, named by the
// employee's sheet name, plus summary.xlsx, as one set (see saveSet).
func SaveSplit(dir string, s *plan.Scheme, res *calc.Result, info ReportInfo) (files, removed []string, err error) {
	var ids []string
	for _, e := range res.Employees {
		ids = append(ids, e.ID)
	}
	names := xlsx.SheetNames(ids, []string{"summary"})
	jobs := []stagedJob{{name: "summary.xlsx", part: Part{Summary: true}}}
	for _, e := range res.Employees {
		jobs = append(jobs, stagedJob{name: fileName(names[e.ID]) + ".xlsx", part: Part{Details: []*calc.EmployeeResult{e}}})
	}
	for i := range jobs {
		part := jobs[i].part
		jobs[i].write, jobs[i].check = checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return WriteReport(w, s, res, info, part) })
	}
	return saveSet(dir, jobs)
}

// SaveSplitStream is SaveSplit for a set written while the pay is computed:
// each employee's workbook is written into the staging folder on the core
// that computed the employee, whose KPI matrix and explanation are then
// dropped, and their row of summary.xlsx is added in roster order and
// compressed as it grows (with run's calc.Options.Forget, memory holds a
// window of employees); summary.xlsx is written after the run, and the set
// replaces dir only if everyone was computed and every file checked. run
// is calc.Stream bound to its inputs, ids is calc.Order of them. It
// returns run's result, with the KPIs and Steps of every employee dropped.
func SaveSplitStream(dir string, s *plan.Scheme, ids []string, period string, info ReportInfo,
	run func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error)) (res *calc.Result, files, removed []string, err error) {
	set, err := atomicfile.OpenSet(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	defer set.Abort()
	names := xlsx.SheetNames(ids, []string{"summary"})
	head := calc.Heading(s, period)
	srw := newReportWriter(s, head, info.Lang)
	srw.employees = len(ids)
	ss := xlsx.NewSheetStream(0, srw.l.Summary)
	ss.X.Selected = true
	sum := srw.summaryHead(&ss.X, len(ids))
	var failed atomic.Value // the first error writing a file or the summary
	// Summary rows go in roster order, whatever order the cores finish in.
	row, rows := calc.InOrder(func(i int, e *calc.EmployeeResult) {
		sum.row(&ss.X, e)
		if (i+1)%512 == 0 {
			if err := ss.Flush(); err != nil {
				failed.CompareAndSwap(nil, err)
			}
		}
	})
	// Every employee's workbook starts from the same writer, made once.
	proto := newReportWriter(s, head, info.Lang)
	proto.employees = len(ids)
	audit := xlsx.BuildSheet(1, proto.l.Audit, func(x *xlsx.SheetWriter) error {
		proto.audit(x, info)
		return nil
	})
	proto.audit1 = &audit
	emit := func(i int, e *calc.EmployeeResult) {
		if failed.Load() != nil {
			return
		}
		rw := *proto // its names are its own; the rest is read only
		write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) {
			return rw.write(w, info, Part{Details: []*calc.EmployeeResult{e}})
		})
		if err := set.Write(fileName(names[e.ID])+".xlsx", write, check); err != nil {
			failed.CompareAndSwap(nil, err)
		}
		e.KPIs, e.Steps = nil, nil
		row(i, e)
	}
	res, err = run(emit)
	if err != nil {
		return nil, nil, nil, err
	}
	if f := failed.Load(); f != nil {
		return nil, nil, nil, f.(error)
	}
	if k := rows(); k != len(ids) {
		return nil, nil, nil, fmt.Errorf("internal error, please report it: %d of %d employees are in the summary", k, len(ids))
	}
	srw.res = res
	sum.totals(&ss.X, res)
	summary := ss.Close()
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return srw.summaryBook(w, info, summary) })
	if err := set.Write("summary.xlsx", write, check); err != nil {
		return nil, nil, nil, err
	}
	files = append(files, filepath.Join(dir, "summary.xlsx"))
	for _, id := range ids {
		files = append(files, filepath.Join(dir, fileName(names[id])+".xlsx"))
	}
	if removed, err = set.Commit(); err != nil {
		return nil, nil, nil, err
	}
	return res, files, removed, nil
}

// stagedJob is one file of a set written together.
type stagedJob struct {
	name  string // in the set's folder
	part  Part
	write func(io.Writer) error
	check func(f *os.File) error
}

// saveSet writes a set of files into dir as one (atomicfile.Set): each is
// written and checked in a staging folder, and the folder replaces dir only
// when all are good, so a failure leaves dir as it was. It returns the
// files written and the names of the earlier set's files that this one
// lacks, gone with it.
func saveSet(dir string, jobs []stagedJob) (files, removed []string, err error) {
	set, err := atomicfile.OpenSet(dir)
	if err != nil {
		return nil, nil, err
	}
	defer set.Abort()
	for _, j := range jobs {
		if err := set.Write(j.name, j.write, j.check); err != nil {
			return nil, nil, err
		}
		files = append(files, filepath.Join(dir, j.name))
	}
	if removed, err = set.Commit(); err != nil {
		return nil, nil, err
	}
	return files, removed, nil
}

// DepartmentRun is one department's workbook: its name ("" for the people
// with none), the ids of its people in calc.Order, and its computation
// (calc.Stream over the department's input).
type DepartmentRun struct {
	Name string
	IDs  []string
	Run  func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error)
}

// SaveSplitByDepartment writes one workbook per department into dir — the
// department's summary, a sheet per person, the audit — each while its
// department is computed (StreamReport), then summary.xlsx of everyone
// (calc.Combine of the departments), as one set (see saveSet). Every
// department is computed even when one fails, so that one run lists the
// problems of all; then nothing replaces dir. It returns the combined
// result, with the KPIs and Steps of every employee dropped.
func SaveSplitByDepartment(dir string, s *plan.Scheme, period string, info ReportInfo, depts []DepartmentRun) (res *calc.Result, files, removed []string, err error) {
	set, err := atomicfile.OpenSet(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	defer set.Abort()
	l := labelsFor(info.Lang)
	shown := make([]string, len(depts))
	for i, d := range depts {
		shown[i] = d.Name
		if d.Name == "" {
			shown[i] = l.NoDepartment
		}
	}
	names := xlsx.SheetNames(shown, []string{"summary"})
	var parts []*calc.Result
	var errs []error
	for i, d := range depts {
		var dres *calc.Result
		write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) {
			r, expect, err := StreamReport(w, s, d.IDs, period, info, d.Run)
			dres = r
			return expect, err
		})
		name := fileName(names[shown[i]]) + ".xlsx"
		if err := set.Write(name, write, check); err != nil {
			errs = append(errs, err)
			continue
		}
		parts = append(parts, dres)
		files = append(files, filepath.Join(dir, name))
	}
	if len(errs) > 0 {
		return nil, nil, nil, errors.Join(errs...)
	}
	res = calc.Combine(parts)
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return WriteReport(w, s, res, info, Part{Summary: true}) })
	if err := set.Write("summary.xlsx", write, check); err != nil {
		return nil, nil, nil, err
	}
	files = append([]string{filepath.Join(dir, "summary.xlsx")}, files...)
	if removed, err = set.Commit(); err != nil {
		return nil, nil, nil, err
	}
	return res, files, removed, nil
}

// fileName makes a sheet name (xlsx.SheetNames: none of : \ / ? * [ ])
// safe as a file name on every system: also none of < > | " and no
// trailing dot or space, which Windows drops.
func fileName(sheet string) string {
	n := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>|"`, r) {
			return '_'
		}
		return r
	}, sheet)
	if t := strings.TrimRight(n, ". "); t != n {
		n = t + "_"
	}
	return n
}
