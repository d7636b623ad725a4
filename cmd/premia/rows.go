package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/report"
)

// rowWriter is the CSV or JSON writer of the streamed run.
type rowWriter interface {
	Write(e *calc.EmployeeResult) error
}

// runRows computes the pay while its CSV or JSON is written, to -o FILE
// (format "", the file's extension says which) or to stdout (format csv or
// json): each employee is written in roster order as soon as the one
// before is, and then dropped but for the amounts, so that memory holds
// the amounts of everyone and the details of a few. Stdout gets nothing
// unless every employee was computed: the rows go to a private temporary
// file first (removed after), and only a complete run is copied out. -o
// replaces its file only with a complete, checked one.
func runRows(d *deps, o *calcOptions, format string, sw *stopwatch) error {
	l, err := load(o.scheme, o.facts, o.period, o.lang, d.stderr, sw)
	if err != nil {
		return err
	}
	defer sw.lap("write") // from the end of compute: the check, rename or copy out
	s, in := l.s, l.in
	if format == "" {
		format = o.output[len(o.output)-len("json"):]
		if format != "json" {
			format = "csv"
		}
	}
	head := &calc.Result{Scheme: s.ID, Title: s.Title, Period: in.Period, Currency: s.Currency, Step: s.Step(), Mode: s.Mode(), Scale: calc.Scale(s.Step())}
	var res *calc.Result
	stream := func(w io.Writer) error {
		defer sw.lap("compute")
		bw := bufio.NewWriterSize(w, 256<<10)
		var rw rowWriter
		var jw *report.JSONWriter
		var cw *report.CSVWriter
		if format == "json" {
			jw, err = report.NewJSONWriter(bw, head)
			rw = jw
		} else {
			cw, err = report.NewCSVWriter(bw, s, head.Scale)
			rw = cw
		}
		if err != nil {
			return err
		}
		emit, written := inOrder(rw, true)
		r, err := calc.Stream(s, in, calc.Options{Release: true, SkipSteps: true, Forget: true}, emit)
		if err != nil {
			return err
		}
		if n, werr := written(); werr != nil {
			return werr
		} else if n != r.Count {
			return fmt.Errorf("internal error, please report it: %d of %d employees were written", n, r.Count)
		}
		if jw != nil {
			err = jw.Close(r)
		} else {
			err = cw.Close()
		}
		if err == nil {
			err = bw.Flush()
		}
		res = r
		return err
	}
	if o.output != "" {
		var tally atomicfile.Tally
		err = atomicfile.Write(o.output, func(w io.Writer) error {
			return stream(io.MultiWriter(w, &tally))
		}, tally.ReadsBack)
		if err != nil {
			return err
		}
		wrote(d, o.output, res)
		return nil
	}
	spool, err := os.CreateTemp("", "premia-*.out") // 0600: it holds pay
	if err != nil {
		return fmt.Errorf("cannot make a temporary file for the output: %v", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	if err := stream(spool); err != nil {
		return err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(d.stdout, spool)
	return err
}

// inOrder makes the emit function of calc.Stream, which the cores call in
// any order, write employees in roster order: each waits, in a map, for
// the ones before it. With drop, an employee's KPI rows and modifiers are
// dropped once written (the result keeps the amounts for the totals);
// without, the employee is left as it is, for another writer that reads
// it too. written reports how many were written and the first error.
func inOrder(rw rowWriter, drop bool) (emit func(int, *calc.EmployeeResult), written func() (int, error)) {
	var err error // the first error writing; f runs under InOrder's lock
	emit, done := calc.InOrder(func(_ int, e *calc.EmployeeResult) {
		if err == nil {
			err = rw.Write(e)
		}
		if drop {
			e.KPIs, e.Modifiers, e.Steps = nil, nil, nil
		}
	})
	return emit, func() (int, error) { return done(), err }
}
