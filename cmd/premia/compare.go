package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/compare"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

type compareOptions struct {
	old, neu string
	facts    []string
	format   string
	output   string
	period   periodFlag
	lang     langFlag
	top      int
	failOver string
	charts   []string // --chart, in the order of compare's pictures
}

func newCompareCmd(d *deps) *cobra.Command {
	o := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare OLD_SCHEME NEW_SCHEME FACTS...",
		Short: "Show what a scheme change does to everyone's pay, month by month",
		Long: `The test run of a scheme change: each fact sheet (one per month) is computed
under the old and the new scheme, as premia calc computes it, and set side by
side: each person's total under each scheme, the difference and the
percentage of the old total; the sums per role, per department and for the
whole payroll; who gains and who loses most; and the KPI rows and pay lines
that changed.

A scheme is a file, or a git revision of one: git:REV:path, read with git show
REV:path in the current folder's repository (the path from the top of the
repository, or ./path from the current folder).

A fact sheet may fit one scheme and not the other: a person whose role only
one scheme has, or whose role needs under one scheme a Facts column the fact
sheet lacks, is listed as paid under one scheme only, never as 0.

--chart FILE.svg|png draws a picture; given again, the next one, in this
order: old and new pay per person, the distribution of the change (people
per 5-point bin), old and new pay per role, per department. The workbook
(-o) carries the same charts over its cells.

--fail-over PCT exits 1 when anyone's pay moves by more than PCT percent,
either way, in any month, saying who (for CI on a repository of schemes); a
failed input also exits 1, with its own messages.`,
		Example: `  # What the new weights do to October's pay
  premia compare scheme-old.yaml scheme-new.yaml facts.xlsx

  # Three months of the test run, against the scheme in git's last commit
  premia compare git:HEAD~1:scheme.yaml scheme.yaml 2026-08.xlsx 2026-09.xlsx 2026-10.xlsx

  # The workbook, and CSV or JSON for a script
  premia compare scheme-old.yaml scheme-new.yaml facts.xlsx -o compare.xlsx
  premia compare scheme-old.yaml scheme-new.yaml facts.xlsx --format json > compare.json

  # Old and new pay per person as a picture, then the distribution of the change
  premia compare scheme-old.yaml scheme-new.yaml facts.xlsx --chart pay.png --chart change.svg

  # In CI: fail when anyone's pay moves by more than 10 %
  premia compare git:main:scheme.yaml scheme.yaml facts.xlsx --fail-over 10 --format csv`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 3 {
				return usagef("expected OLD_SCHEME, NEW_SCHEME and at least one FACTS, got %s", i18n.Count("en", len(args), i18n.Arguments))
			}
			return nil
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			kinds := []argKind{argScheme, argScheme}
			for len(kinds) <= len(args) {
				kinds = append(kinds, argFacts)
			}
			return completeArgs(kinds...)(c, args, toComplete)
		},
		RunE: func(_ *cobra.Command, args []string) error {
			o.old, o.neu, o.facts = args[0], args[1], args[2:]
			return runCompare(d, o)
		},
	}
	addChoiceFlag(cmd, &o.format, "format", []string{"table", "csv", "json"}, "table, csv or json (default: table on a terminal, csv otherwise; nothing with -o)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file: .xlsx for the workbook (summary, people, roles, departments, changed KPIs), .csv or .json for those formats")
	addPeriodFlag(cmd, &o.period, "pay period (2026-10, 2026-Q4 or 2026) of a single CSV folder, or to repeat the fact sheet's own (they must agree)")
	addLangFlag(cmd, &o.lang, "language of the table, the workbook and the messages")
	cmd.Flags().IntVar(&o.top, "top", 5, "how many of those who gain most and of those who lose most to list")
	cmd.Flags().StringVar(&o.failOver, "fail-over", "", "exit 1 when anyone's pay moves by more than this percentage, either way (e.g. 10)")
	cmd.Flags().StringArrayVar(&o.charts, "chart", nil, "draw a picture, .svg or .png: old and new pay per person; again for the change's distribution, then per role, per department")
	completeFile(cmd, "output", "xlsx", "csv", "json")
	completeFile(cmd, "chart", "svg", "png")
	noCompletion(cmd, "top", "fail-over")
	return cmd
}

func runCompare(d *deps, o *compareOptions) error {
	format := o.format
	if format == "" && o.output == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	outExt := strings.ToLower(filepath.Ext(o.output))
	if o.output != "" && outExt != ".xlsx" && outExt != ".csv" && outExt != ".json" {
		return usagef("-o %q: name the file .xlsx (the workbook), .csv or .json", o.output)
	}
	if o.top < 0 {
		return usagef("--top %d: expected 0 or more", o.top)
	}
	var failOver *decimal.Decimal
	if o.failOver != "" {
		v, err := decimal.NewFromString(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(o.failOver), "%")))
		if err != nil || v.IsNegative() || v.Exponent() < -6 || v.GreaterThan(decimal.New(1, 9)) {
			return usagef("--fail-over %q: expected a percentage of 0 or more, e.g. 10 or 2.5", o.failOver)
		}
		failOver = &v
	}
	if err := checkCharts(o); err != nil {
		return err
	}
	if o.period != "" && len(o.facts) > 1 {
		return usagef("--period is for a single fact sheet; each of several states its own period")
	}
	args := append([]string{o.old, o.neu}, o.facts...)
	for i, a := range args {
		if a == "-" {
			return usagef("compare reads no input from standard input (-): name the file")
		}
		if o.output != "" && sameFile(o.output, a) {
			return usagef("-o %q is an input of this run: choose another file", o.output)
		}
		if i >= 2 {
			for _, b := range args[2:i] {
				if b == a {
					return usagef("the fact sheet %s is given twice", a)
				}
			}
		}
	}
	for _, a := range args[:2] {
		if _, _, _, err := compare.GitRef(a); err != nil {
			return usageError{err}
		}
	}
	if o.output != "" {
		if st, err := os.Stat(o.output); err == nil && st.IsDir() {
			return problem.Errorf("%s: is a folder, not a file: choose a file name", o.output)
		}
	}
	sc, err := loadSchemes(d, o)
	if err != nil {
		return err
	}
	months, warnings, err := compareMonths(d, o, sc)
	for _, w := range warnings {
		fmt.Fprintln(d.stderr, problem.New("warning: %s", w).In(d.words()))
	}
	if err != nil {
		return err
	}
	rep := compare.Build(sc, months, compare.Options{Top: o.top, FailOver: failOver})
	pictures, err := drawPictures(rep, d.lang, o.charts)
	if err != nil {
		return err
	}
	if o.output != "" {
		if err := writeComparison(d, o.output, outExt, rep); err != nil {
			return err
		}
	}
	for i, p := range pictures {
		if err := atomicfile.Write(o.charts[i], func(w io.Writer) error { _, err := w.Write(p.data); return err }, nil); err != nil {
			return problem.Errorf("the chart %s was not written: %v", o.charts[i], err)
		}
		d.say(i18n.TalkWroteChart, o.charts[i], p.title)
	}
	if format != "" {
		out, err := renderComparison(format, rep, d.lang)
		if err != nil {
			return err
		}
		if _, err := d.stdout.Write(out); err != nil {
			return err
		}
	}
	if len(rep.Over) > 0 {
		people := map[string]bool{} // a person over in several months counts once
		for _, r := range rep.Over {
			people[r.ID] = true
		}
		shown := rep.OverIDs()
		more := ""
		if len(shown) > 10 {
			more = i18n.Say(d.lang, i18n.TalkMore, len(shown)-10)
			shown = shown[:10]
		}
		return problem.Errorf("--fail-over %s: pay moves by more than %s %% for %s: %s%s (the comparison itself ran: exit 1 is this check's)",
			failOver.String(), failOver.String(), d.count(len(people), i18n.Employees), strings.Join(shown, ", "), more)
	}
	return nil
}

// checkCharts checks --chart before anything is read: at most one file
// per picture, each .svg or .png, none named twice, none an input or -o.
func checkCharts(o *compareOptions) error {
	if len(o.charts) > compare.Pictures {
		return usagef("--chart is given %d times: compare draws %d pictures (old and new pay per person, the change's distribution, per role, per department)", len(o.charts), compare.Pictures)
	}
	for i, c := range o.charts {
		if _, err := chart.FormatOf(c); err != nil {
			return usagef("--chart %q: name the picture .svg or .png", c)
		}
		others := append([]string{o.output}, o.charts[:i]...)
		for _, other := range others {
			if other != "" && (filepath.Clean(other) == filepath.Clean(c) || sameFile(c, other)) {
				return usagef("--chart %q is written twice in this run (also -o or an earlier --chart): choose another file", c)
			}
		}
		for _, in := range append([]string{o.old, o.neu}, o.facts...) {
			if sameFile(c, in) {
				return usagef("--chart %q is an input of this run: choose another file", c)
			}
		}
	}
	return nil
}

// picture is a drawn --chart: its bytes, and its title for stderr.
type picture struct {
	data  []byte
	title string
}

// drawPictures draws the pictures --chart asks for, in memory, before
// any file is written.
func drawPictures(rep *compare.Report, lang string, paths []string) ([]picture, error) {
	var out []picture
	for i, path := range paths {
		f, err := chart.FormatOf(path)
		if err != nil {
			return nil, usageError{err}
		}
		c := compare.Picture(rep, lang, i)
		var buf bytes.Buffer
		if err := chart.Write(&buf, f, c); err != nil {
			return nil, problem.Errorf("the chart %s was not written: %v", path, err)
		}
		out = append(out, picture{buf.Bytes(), c.Title})
	}
	return out, nil
}

// loadSchemes reads and validates both schemes, as calc does, reporting
// the problems of both at once; the run speaks the new scheme's language
// unless --lang says otherwise.
func loadSchemes(d *deps, o *compareOptions) (compare.Schemes, error) {
	sc := compare.Schemes{OldName: o.old, NewName: o.neu}
	var errs []error
	var warnings []error
	d.lang = string(o.lang)
	for _, side := range []struct {
		arg string
		s   **plan.Scheme
	}{{o.old, &sc.Old}, {o.neu, &sc.New}} {
		s, w, err := openScheme(side.arg)
		warnings = append(warnings, w...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		*side.s = s
		d.lang = o.lang.lang(s)
	}
	for _, w := range warnings {
		fmt.Fprintln(d.designWarnings(), problem.In(w, d.words()))
	}
	if len(errs) > 0 {
		return sc, errors.Join(errs...)
	}
	if sc.Old.Currency != sc.New.Currency {
		return sc, problem.Errorf("%s pays in %s and %s in %s: a comparison needs one currency", o.old, sc.Old.Currency, o.neu, sc.New.Currency)
	}
	return sc, nil
}

// openScheme reads a scheme from a file or a git revision (git:REV:path)
// and validates it.
func openScheme(arg string) (*plan.Scheme, []error, error) {
	rev, path, isGit, err := compare.GitRef(arg)
	if err != nil {
		return nil, nil, err
	}
	if !isGit {
		return plan.Open(arg)
	}
	data, err := compare.GitShow(arg, rev, path)
	if err != nil {
		return nil, nil, err
	}
	return plan.Read(bytes.NewReader(data), arg)
}

// compareMonths reads each fact sheet against both schemes and computes
// both sides, one fact sheet at a time: memory holds one input and the
// months' Pays.
func compareMonths(d *deps, o *compareOptions, sc compare.Schemes) ([]compare.Month, []problem.Text, error) {
	var months []compare.Month
	var warnings []problem.Text
	var errs []error
	said := map[string]bool{}
	warn := func(ws []problem.Text) {
		for _, w := range ws {
			if k := w.String(); !said[k] {
				said[k] = true
				warnings = append(warnings, w)
			}
		}
	}
	periods := map[string]string{}
	for _, facts := range o.facts {
		m, ws, err := compareMonth(d, sc, facts, string(o.period))
		warn(ws)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if m.Period != "" {
			if prev, ok := periods[m.Period]; ok {
				errs = append(errs, problem.Errorf("%s and %s are both for %s: give each month once", prev, facts, m.Period))
				continue
			}
			periods[m.Period] = facts
		}
		months = append(months, m)
	}
	return months, warnings, errors.Join(errs...)
}

// compareMonth reads one fact sheet against both schemes and computes both.
func compareMonth(d *deps, sc compare.Schemes, facts, period string) (compare.Month, []problem.Text, error) {
	m := compare.Month{Facts: facts}
	src, err := loadFacts(d, facts)
	if err != nil {
		return m, nil, err
	}
	defer src.Close()
	var warnings []problem.Text
	var fits [2]factsheet.Fit
	var errs [2]error
	periods := [2]string{}
	for i, side := range []struct {
		s   *plan.Scheme
		out *compare.Side
	}{{sc.Old, &m.Old}, {sc.New, &m.New}} {
		var ws []problem.Text
		side.out.People, fits[i], ws, periods[i], errs[i] = paySide(side.s, src, period)
		warnings = append(warnings, ws...)
		side.out.Left = fits[i].Left
	}
	if errs[0] != nil || errs[1] != nil {
		return m, warnings, bySide(errs, sc)
	}
	m.Period = periods[1]
	fw, err := compare.CheckFit(sc, facts, &fits[0], &fits[1])
	compare.Settle(&m) // the KPI rows that did not change are let go
	return m, append(warnings, fw...), err
}

// paySide computes everyone a fact sheet holds under s, read with
// factsheet.Options.Fit: in windows where the fact sheet can be read so
// (as calc reads it, see withFeed), each person kept as a compare.Pay once
// computed, so that memory holds a few windows of the input and the Pays;
// otherwise read whole.
func paySide(s *plan.Scheme, src *factsheet.Source, period string) ([]compare.Pay, factsheet.Fit, []problem.Text, string, error) {
	var fit factsheet.Fit
	var mu sync.Mutex
	var pays []compare.Pay
	w, err := computeInWindows(s, src, factsheet.Options{Period: period, Fit: &fit}, calc.Options{Release: true, SkipSteps: true, Forget: true},
		func(_ int, e *calc.EmployeeResult) error {
			p := compare.Take(s, e)
			mu.Lock()
			pays = append(pays, p)
			mu.Unlock()
			return nil
		})
	if err == nil {
		slices.SortFunc(pays, func(a, b compare.Pay) int { return strings.Compare(a.ID, b.ID) })
		dup := false
		sum := decimal.Zero
		for i, p := range pays {
			dup = dup || i > 0 && p.ID == pays[i-1].ID
			sum = sum.Add(p.Total)
		}
		if !dup && len(pays) == w.res.Count && sum.Equal(w.res.Total) {
			return pays, fit, w.warnings, w.period, nil
		}
		// An id in two windows: read whole, the roster's check names both rows.
	} else if !gaveWay(err) {
		return nil, fit, nil, "", err
	}
	fit = factsheet.Fit{}
	in, warnings, err := src.Read(s, factsheet.Options{Period: period, Fit: &fit})
	if err != nil {
		return nil, fit, warnings, "", err
	}
	per := in.Period
	pays, err = compare.Pays(s, in)
	return pays, fit, warnings, per, err
}

// bySide joins the errors of one fact sheet under the two schemes: one
// the two share (a blank cell) once, one of a scheme alone with the
// scheme named.
func bySide(errs [2]error, sc compare.Schemes) error {
	split := func(err error) []error {
		if err == nil {
			return nil
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			return j.Unwrap()
		}
		return []error{err}
	}
	sides := [2][]error{split(errs[0]), split(errs[1])}
	has := [2]map[string]bool{{}, {}}
	for i, es := range sides {
		for _, e := range es {
			has[i][e.Error()] = true
		}
	}
	var out []error
	for i, es := range sides {
		for _, e := range es {
			switch {
			case has[1-i][e.Error()] && i == 0:
				out = append(out, e)
			case has[1-i][e.Error()]:
			case i == 0:
				out = append(out, problem.Errorf("under the old scheme (%s): %s", sc.OldName, worded{e}))
			default:
				out = append(out, problem.Errorf("under the new scheme (%s): %s", sc.NewName, worded{e}))
			}
		}
	}
	return errors.Join(out...)
}

// worded is an error as a message's argument, worded in the message's
// language.
type worded struct{ err error }

func (w worded) Word(words problem.Words) string { return problem.In(w.err, words) }
func (w worded) String() string                  { return w.err.Error() }

// renderComparison formats the comparison for stdout or a file.
func renderComparison(format string, rep *compare.Report, lang string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = compare.JSON(&buf, rep)
	case "csv":
		err = compare.CSV(&buf, rep)
	default:
		err = compare.Table(&buf, rep, lang)
	}
	return buf.Bytes(), err
}

// writeComparison writes -o: the workbook, or the CSV or JSON that stdout
// would carry, staged, checked by reading it back, and renamed into place.
func writeComparison(d *deps, path, ext string, rep *compare.Report) error {
	if ext == ".xlsx" {
		if err := compare.SaveWorkbook(path, rep, d.lang); err != nil {
			return err
		}
	} else {
		data, err := renderComparison(ext[1:], rep, d.lang)
		if err != nil {
			return err
		}
		if err := writeChecked(path, data); err != nil {
			return err
		}
	}
	d.say(i18n.TalkWroteComparison, path, d.count(rep.Persons(), i18n.Employees), rep.Total.Old.StringFixed(rep.Scale), rep.Total.New.StringFixed(rep.Scale), rep.Currency)
	return nil
}
