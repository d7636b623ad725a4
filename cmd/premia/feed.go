package main

import (
	"cmp"
	"fmt"
	"io"
	"sync"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/plan"
)

// feed is a roster to compute while workbooks are written: the ids in
// calc.Order, known before the first employee is computed (a workbook
// lists its sheets first), and run, which computes them, from the fact
// sheet read whole or in windows.
type feed struct {
	s       *plan.Scheme
	srcPath string
	info    report.ReportInfo
	ids     []string
	period  string
	run     func(opt calc.Options, emit func(int, *calc.EmployeeResult)) (*calc.Result, error)
	// warnings of a fact sheet read in windows, said once the run is
	// through (read whole, readFacts has said them).
	warnings []problem.Text
	// phase is what run does, for --timings: "compute", or "read and
	// compute" in windows.
	phase string
	// d is the run's, for the progress shown on a terminal (nil: none).
	d *deps
}

// withFeed runs body with the fact sheet read in windows when it can be
// (factsheet.WindowIDs and ReadWindows say which; the roster must also be
// in the order of its ids, the order of the sheets), so that memory holds
// a few windows of the input, not the roster, and reading overlaps
// computing. When the windows give way, before or during body, body runs
// again with the fact sheet read whole: body must leave nothing behind
// when it fails (the writers stage their files).
func withFeed(d *deps, o *calcOptions, sw *stopwatch, body func(f *feed) error) error {
	s, src, err := openInputs(d, o.scheme, o.facts, o.lang)
	if err != nil {
		return err
	}
	defer src.Close()
	lang := o.lang.lang(s)
	d.lang = lang
	var f *feed
	if dynamic(s) == nil {
		f, err = windowFeed(s, src, o, lang)
	} else {
		// Dynamic plan levels read the book's earlier periods: the
		// fact sheet is read whole, with them.
		err = &factsheet.NotWindowed{Why: "the scheme has plan levels that grow over an earlier period"}
	}
	if err == nil {
		sw.lap("read the roster")
		f.d = d
		err = body(f)
	}
	if !gaveWay(err) {
		return err
	}
	l, err := readWhole(d, o, s, src, err, sw)
	if err != nil {
		return err
	}
	f = wholeFeed(l)
	f.d = d
	return body(f)
}

// readWhole reads the fact sheet whole after the windows gave way (why,
// said with --timings) and lets its bytes go.
func readWhole(d *deps, o *calcOptions, s *plan.Scheme, src *factsheet.Source, why error, sw *stopwatch) (*loaded, error) {
	if sw != nil {
		fmt.Fprintf(d.stderr, "timings: %v\n", why) // why the run is not in windows
	}
	l, err := readFacts(d, s, src, o.period, o.lang, sw)
	src.Close() // read whole: its bytes are done with
	return l, err
}

// wholeFeed is the feed of a fact sheet read whole.
func wholeFeed(l *loaded) *feed {
	return &feed{s: l.s, srcPath: l.src.Path, info: reportInfo(l), ids: calc.Order(l.in), period: l.in.Period, phase: "compute",
		run: func(opt calc.Options, emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
			return calc.Stream(l.s, l.in, opt, emit)
		}}
}

// windowFeed is the feed of a fact sheet read in windows: the roster is
// read first for the ids, then every table in windows while the windows
// are computed (calc.Windows). Each employee must come at the place the
// ids give it; anything else gives way.
func windowFeed(s *plan.Scheme, src *factsheet.Source, o *calcOptions, lang string) (*feed, error) {
	opts := factsheet.Options{Period: string(o.period)}
	ids, period, err := src.WindowIDs(s, opts, window)
	if err != nil {
		return nil, err
	}
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			// Read whole, the roster is sorted, and a repeated id reported.
			return nil, &factsheet.NotWindowed{Why: "the roster is not in the order of its ids, which the workbook's sheets follow"}
		}
	}
	f := &feed{s: s, srcPath: src.Path, ids: ids, period: period, info: runInfo(s, src, lang), phase: "read and compute"}
	f.run = func(opt calc.Options, emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
		w, err := computeInWindows(s, src, opts, opt, func(i int, e *calc.EmployeeResult) error {
			if i >= len(ids) || ids[i] != e.ID {
				return &factsheet.NotWindowed{Why: fmt.Sprintf("internal error: employee %q came at place %d of %d", e.ID, i, len(ids))}
			}
			emit(i, e)
			return nil
		})
		if err == nil && w.res.Count != len(ids) {
			err = &factsheet.NotWindowed{Why: fmt.Sprintf("internal error: %d of the roster's %d employees were computed", w.res.Count, len(ids))}
		}
		if err != nil {
			return nil, err
		}
		f.warnings = w.warnings
		return w.res, nil
	}
	return f, nil
}

// windowRun is a run computed from a fact sheet read in windows.
type windowRun struct {
	res      *calc.Result
	period   string
	warnings []problem.Text // the fact sheet's, as Read gives them
}

// computeInWindows computes the pay from the fact sheet read in windows
// (factsheet.ReadWindows), each window as it comes (calc.Windows): emit
// has each employee with their place in the windows' order, from any core,
// and may fail, which stops the reading. An error that calls for reading
// the fact sheet whole is a *factsheet.NotWindowed or errWindowCompute
// (gaveWay).
func computeInWindows(s *plan.Scheme, src *factsheet.Source, opts factsheet.Options, opt calc.Options, emit func(int, *calc.EmployeeResult) error) (*windowRun, error) {
	var mu sync.Mutex
	var emitErr error
	failed := func() error {
		mu.Lock()
		defer mu.Unlock()
		return emitErr
	}
	run, err := calc.NewWindows(s, opt, func(i int, e *calc.EmployeeResult) {
		if err := emit(i, e); err != nil {
			mu.Lock()
			emitErr = cmp.Or(emitErr, err)
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, &factsheet.NotWindowed{Why: err.Error()}
	}
	w := &windowRun{}
	w.warnings, err = src.ReadWindows(s, opts, window, func(in *calc.Input) error {
		w.period = in.Period
		if err := run.Run(in); err != nil {
			return fmt.Errorf("%w: %v", errWindowCompute, err)
		}
		return failed()
	})
	res, werr := run.Wait() // a window's error is as the window's compute
	if err == nil && werr != nil {
		err = fmt.Errorf("%w: %v", errWindowCompute, werr)
	}
	if err == nil {
		err = failed()
	}
	if err != nil {
		return nil, err
	}
	w.res = res
	return w, nil
}

// say prints the warnings of a run in windows, once it is through.
func (f *feed) say(stderr io.Writer) {
	sayWarnings(stderr, f.d.lang, f.warnings)
}
