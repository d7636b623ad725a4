package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/spool"
	"github.com/premia-pay/premia/plan"
)

// window is how many roster rows a windowed read hands over at a time.
var window = 4096

// runRows computes the pay while its CSV or JSON is written, to -o FILE
// (format "", the file's extension says which) or to stdout (format csv or
// json).
//
// An .xlsx fact sheet is read a window of employees at a time
// (factsheet.ReadWindows says which fact sheets can be), each window
// computed while the next is read, and each employee's row kept in a
// private temporary file (package spool) until all are computed, then
// written in the order of the ids: memory holds a few windows and the
// ids, never the roster. Any other fact sheet is read whole first; then
// each employee is written in order as soon as the one before is, to a
// private temporary file copied out once complete, and dropped but for the
// amounts. Either way stdout gets nothing unless every employee was
// computed, and -o replaces its file only with a complete, checked one.
func runRows(d *deps, o *calcOptions, format string, sw *stopwatch) error {
	s, src, err := openInputs(d, o.scheme, o.facts, o.lang)
	if err != nil {
		return err
	}
	defer src.Close()
	d.lang = o.lang.lang(s)
	if format == "" {
		format = o.output[len(o.output)-len("json"):]
		if format != "json" {
			format = "csv"
		}
	}
	var res *calc.Result
	p := startProgress(d, 0) // the roster's size is not read first
	win, err := rowsInWindows(s, src, o, format, p)
	p.end()
	var write func(w io.Writer) error
	switch {
	case err == nil:
		defer win.sp.Close()
		sayWarnings(d.stderr, d.lang, win.warnings)
		sw.lap("read and compute")
		res = win.res
		write = win.writeTo
	case gaveWay(err):
		l, err := readWhole(d, o, s, src, err, sw)
		if err != nil {
			return err
		}
		write = func(w io.Writer) (err error) {
			p := startProgress(d, len(l.in.Employees))
			defer p.end()
			res, err = rowsWhole(w, l, format, sw, p)
			return err
		}
	default:
		return err
	}
	defer sw.lap("write") // from the end of compute: the check, rename or copy out
	if o.output != "" {
		var tally atomicfile.Tally
		err = atomicfile.Write(o.output, func(w io.Writer) error {
			return write(io.MultiWriter(w, &tally))
		}, func(f *os.File) error { return tally.ReadsBack(f, nil) })
		if err != nil {
			return err
		}
		wrote(d, o.output, res)
		return nil
	}
	if win != nil {
		return write(d.stdout) // computed: only the writing is left
	}
	tmp, done, err := spool.Temp("premia-*.out")
	if err != nil {
		return problem.Errorf("cannot make a temporary file for the output: %v", err)
	}
	defer done()
	if err := write(tmp); err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(d.stdout, tmp)
	return err
}

// errWindowCompute: a window failed to compute. The fact sheet is then
// read whole, so that the message lists every employee's problems, not one
// window's.
var errWindowCompute = errors.New("a window failed")

// gaveWay reports whether the windowed read gave way to reading the fact
// sheet whole.
func gaveWay(err error) bool {
	var nw *factsheet.NotWindowed
	return errors.As(err, &nw) || errors.Is(err, errWindowCompute)
}

// windowed is a run computed from a fact sheet read in windows: the rows,
// spooled, and what they are written with.
type windowed struct {
	s        *plan.Scheme
	format   string
	period   string
	res      *calc.Result
	sp       *spool.Spool
	warnings []problem.Text
}

// rowsInWindows computes the pay from the fact sheet read in windows
// (factsheet.ReadWindows), each window as it comes (calc.Windows), every
// employee's row spooled under their id.
func rowsInWindows(s *plan.Scheme, src *factsheet.Source, o *calcOptions, format string, p *progress) (_ *windowed, err error) {
	sp, err := spool.New()
	if err != nil {
		// Read whole, a run to -o needs no temporary file.
		return nil, &factsheet.NotWindowed{Why: err.Error()}
	}
	defer func() {
		if err != nil {
			sp.Close()
		}
	}()
	// The writer makes the rows only (Row): its heading is written later.
	rw, err := report.NewRowWriter(io.Discard, format, s, calc.Heading(s, ""))
	if err != nil {
		return nil, err
	}
	w, err := computeInWindows(s, src, factsheet.Options{Period: string(o.period)}, calc.Options{Release: true, SkipSteps: true, Forget: true},
		func(_ int, e *calc.EmployeeResult) error {
			b, err := rw.Row(e)
			if err == nil {
				err = sp.Add(e.ID, b)
			}
			p.add(1)
			return err
		})
	if err != nil {
		return nil, err
	}
	res := w.res
	win := &windowed{s: s, format: format, sp: sp, period: w.period, res: res, warnings: w.warnings}
	dup, err := sp.Sort()
	switch {
	case err != nil:
		return nil, err
	case dup != "":
		// Read whole, the roster's check names both rows.
		return nil, &factsheet.NotWindowed{Why: fmt.Sprintf("employee %q is in two windows", dup)}
	case sp.Len() != res.Count:
		return nil, problem.Errorf("internal error, please report it: %d of %d employees were written", sp.Len(), res.Count)
	}
	return win, nil
}

// writeTo writes the heading, the spooled rows in the order of the ids,
// and the totals.
func (win *windowed) writeTo(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	rw, err := report.NewRowWriter(bw, win.format, win.s, calc.Heading(win.s, win.period))
	if err == nil {
		err = win.sp.Each(rw.WriteRow)
	}
	if err == nil {
		err = rw.End(win.res)
	}
	if err == nil {
		err = bw.Flush()
	}
	return err
}

// rowsWhole writes the rows to w from the fact sheet read whole, each
// employee as soon as the one before is.
func rowsWhole(w io.Writer, l *loaded, format string, sw *stopwatch, p *progress) (*calc.Result, error) {
	defer sw.lap("compute")
	bw := bufio.NewWriterSize(w, 256<<10)
	rw, err := report.NewRowWriter(bw, format, l.s, calc.Heading(l.s, l.in.Period))
	if err != nil {
		return nil, err
	}
	emit, written := inOrder(rw, true)
	r, err := calc.Stream(l.s, l.in, calc.Options{Release: true, SkipSteps: true, Forget: true}, func(i int, e *calc.EmployeeResult) {
		emit(i, e)
		p.add(1)
	})
	if err != nil {
		return nil, err
	}
	if n, werr := written(); werr != nil {
		return nil, werr
	} else if n != r.Count {
		return nil, problem.Errorf("internal error, please report it: %d of %d employees were written", n, r.Count)
	}
	if err = rw.End(r); err == nil {
		err = bw.Flush()
	}
	return r, err
}

// inOrder makes the emit function of calc.Stream, which the cores call in
// any order, write employees in roster order: each employee's row is made
// on the core that computed them, then waits, in a map, for the rows
// before it. With drop, an employee's KPI rows and modifiers are dropped
// once their row is made (the result keeps the amounts for the totals);
// without, the employee is left as it is, for another writer that reads
// it too. written reports how many were written and the first error.
func inOrder(rw report.RowWriter, drop bool) (emit func(int, *calc.EmployeeResult), written func() (int, error)) {
	var err error // the first error; f runs under InOrder's lock
	type row struct {
		b   []byte
		err error
	}
	put, done := calc.InOrder(func(_ int, r row) {
		if err == nil {
			err = r.err
		}
		if err == nil {
			err = rw.WriteRow(r.b)
		}
	})
	emit = func(i int, e *calc.EmployeeResult) {
		b, err := rw.Row(e)
		if drop {
			e.KPIs, e.Modifiers, e.Steps = nil, nil, nil
		}
		put(i, row{b, err})
	}
	return emit, func() (int, error) { return done(), err }
}

// writeChecked writes data to path as -o writes a CSV or JSON: staged,
// read back, renamed; a failure never truncates an earlier file.
func writeChecked(path string, data []byte) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, func(f *os.File) error {
		back, err := io.ReadAll(io.NewSectionReader(f, 0, 1<<62))
		if err != nil || !bytes.Equal(back, data) {
			return problem.Errorf("the file does not read back as written")
		}
		return nil
	})
}
