package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// stdinName is what messages call an input read from standard input (an
// argument "-").
const stdinName = "stdin"

// shownPath is how messages name an input argument: "-" is stdin.
func shownPath(arg string) string {
	if arg == "-" {
		return stdinName
	}
	return arg
}

// loadScheme parses and validates a scheme, printing its warnings to
// stderr; path "-" reads it from stdin. The run's language is set: lang
// (the --lang flag), else the scheme's locale; a scheme that cannot be read
// has no locale, and its errors are in lang, English when not given.
func loadScheme(d *deps, path string, lang langFlag, stderr io.Writer) (*plan.Scheme, error) {
	var s *plan.Scheme
	var warnings []error
	var err error
	if path == "-" {
		s, warnings, err = plan.Read(d.stdin, stdinName)
	} else {
		s, warnings, err = plan.Open(path)
	}
	d.lang = string(lang)
	if s != nil {
		d.lang = lang.lang(s)
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, problem.In(w, d.words()))
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// stopwatch records the phases of a run for --timings; a nil stopwatch
// records nothing.
type stopwatch struct {
	now    func() time.Time
	last   time.Time
	phases []string
	spent  []time.Duration
}

func newStopwatch(now func() time.Time) *stopwatch { return &stopwatch{now: now, last: now()} }

// lap ends a phase.
func (w *stopwatch) lap(phase string) {
	if w == nil {
		return
	}
	t := w.now()
	w.phases = append(w.phases, phase)
	w.spent = append(w.spent, t.Sub(w.last))
	w.last = t
}

// report prints the phases on stderr.
func (w *stopwatch) report(stderr io.Writer) {
	if w == nil || len(w.phases) == 0 { // a run that failed before its first phase ended
		return
	}
	var parts []string
	total := time.Duration(0)
	for i, p := range w.phases {
		parts = append(parts, fmt.Sprintf("%s %.3f s", p, w.spent[i].Seconds()))
		total += w.spent[i]
	}
	fmt.Fprintf(stderr, "timings: %s; total %.3f s\n", strings.Join(parts, ", "), total.Seconds())
}

// loadFacts opens a fact sheet; path "-" reads an .xlsx from stdin.
func loadFacts(d *deps, path string) (*factsheet.Source, error) {
	if path == "-" {
		return factsheet.LoadReader(d.stdin, stdinName)
	}
	return factsheet.Load(path)
}

// run is a loaded calculation: the scheme, the fact sheet as read (its
// bytes' hash goes to the audit sheet) and the input read from it.
type loaded struct {
	s    *plan.Scheme
	src  *factsheet.Source
	in   *calc.Input
	lang string // the language of the run: --lang, else the scheme's locale
}

// compute loads the scheme and the fact sheet and runs the calculation
// with the options given, in the run's language.
func compute(d *deps, schemePath, factsPath string, period periodFlag, lang langFlag, opt calc.Options, sw ...*stopwatch) (*loaded, *calc.Result, error) {
	var w *stopwatch
	if len(sw) > 0 {
		w = sw[0]
	}
	l, err := load(d, schemePath, factsPath, period, lang, w)
	if err != nil {
		return nil, nil, err
	}
	res, err := calc.Run(l.s, l.in, opt)
	if err != nil {
		return nil, nil, err
	}
	w.lap("compute")
	return l, res, nil
}

// load loads the scheme and the fact sheet.
func load(d *deps, schemePath, factsPath string, period periodFlag, lang langFlag, w *stopwatch) (*loaded, error) {
	s, src, err := openInputs(d, schemePath, factsPath, lang)
	if err != nil {
		return nil, err
	}
	defer src.Close() // read whole: the private copy of a large file is done with
	return readFacts(d, s, src, period, lang, w)
}

// openInputs loads the scheme, saying its warnings (unless --quiet), and
// the fact sheet, which the caller closes once read.
func openInputs(d *deps, schemePath, factsPath string, lang langFlag) (*plan.Scheme, *factsheet.Source, error) {
	if schemePath == "-" && factsPath == "-" {
		return nil, nil, usagef("the scheme and the fact sheet cannot both be read from stdin (-): name one of them")
	}
	s, err := loadScheme(d, schemePath, lang, d.designWarnings())
	if err != nil {
		return nil, nil, err
	}
	src, err := loadFacts(d, factsPath)
	if err != nil {
		return nil, nil, err
	}
	return s, src, nil
}

// readFacts reads a loaded fact sheet whole for the scheme, printing its
// warnings.
func readFacts(d *deps, s *plan.Scheme, src *factsheet.Source, period periodFlag, lang langFlag, w *stopwatch) (*loaded, error) {
	// The earlier periods the scheme reads from the book (a growth KPI's,
	// the year to date, the draws' balances) are read while the fact
	// sheet is: neither needs the other, and only this goroutine touches
	// d until it is done (src.Read reads the fact sheet alone). The fact
	// sheet's refusal is said first.
	var earlier map[string]*calc.Earlier
	var ytd *calc.YearToDate
	var draws *calc.Carried
	var herr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if earlier, herr = earlierFacts(d, s); herr != nil {
			return
		}
		if draws, herr = carriedDraws(d, s, lang); herr != nil {
			return
		}
		ytd, herr = yearToDate(d, s)
	}()
	in, warnings, err := src.Read(s, factsheet.Options{Period: string(period)})
	<-done
	sayWarnings(d.stderr, lang.lang(s), warnings)
	if err != nil {
		return nil, err
	}
	if herr != nil {
		return nil, herr
	}
	in.Earlier, in.Draws, in.YearToDate = earlier, draws, ytd
	in.Closed = closedPeriods(d, s)
	if in.TrueUps, err = trueUpSpans(d, s, in.Period, lang); err != nil {
		return nil, err
	}
	w.lap("read")
	return &loaded{s: s, src: src, in: in, lang: lang.lang(s)}, nil
}

// setFolder refuses, before anything is computed, a folder for a set of
// workbooks (calc --split, plans -o) that names an existing file: the same
// words, a usage error, for both.
func setFolder(flag, dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usagef("%s %q is a file: name a folder for the workbooks", flag, dir)
	}
	return nil
}
