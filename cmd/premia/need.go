package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/need"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/plan"
)

type needOptions struct {
	scheme, facts, employee string
	period                  periodFlag
	asOf                    dateFlag
	holidaysFile            string
	holidays, workdays      []string
	held, paced             []string
	format, output, chart   string
	formatSet               bool // --format given: with -o or --chart, stdout carries it too
	lang                    langFlag
}

func newNeedCmd(d *deps) *cobra.Command {
	o := &needOptions{}
	cmd := &cobra.Command{
		Use:   "need SCHEME FACTS EMPLOYEE_ID",
		Short: "Show what one person still needs: each KPI's levels, gaps and the pay at each",
		Long: `Show where one person stands: for each KPI of the role, the fact that
reaches its base, norm and target (personal plans, else the scheme's,
prorated when the role prorates plans), how far today's fact is from each
(for a lower-is-better KPI: how far it must fall), and the person's whole pay
with that KPI at the level and every other fact as it is today.

With --as-of DATE, FACTS is read as filled in on that day of the period:
the working days gone and left (Monday to Friday, less --holidays, plus
--workday), the pace per working day so far, the month-end projection at
that pace and the pay there, and what each remaining working day must add
to reach each level. Counts and sums are paced; rates, shares and averages
(unit percent or share, a formula dividing by a column) are held as they are
(--held and --paced name the exceptions).

Every amount is calc's: gates, ladders, caps, conditions, commissions and
modifiers apply as in premia calc.

--chart FILE.svg|png draws where the person stands against the norm: for
each KPI with a norm, today, the projection, the base and the target as a
share of the norm (fact / norm; norm / fact when lower is better), a group
of bars each. The workbook of -o carries the same chart, drawn from its
cells, and one of the pay with one KPI at each level.`,
		Example: `  # What S-01 still needs this month, and the pay at each level
  premia need scheme.yaml facts.xlsx S-01

  # Mid-month: pace, projection and what each working day left must add
  premia need scheme.yaml facts.xlsx S-01 --as-of 2026-10-15 --holidays holidays.txt

  # The same as JSON or CSV, or a workbook to hand to the person
  premia need scheme.yaml facts.xlsx S-01 --as-of 2026-10-15 --format json
  premia need scheme.yaml facts.xlsx S-01 --as-of 2026-10-15 -o s01.xlsx --lang ru

  # The picture of where S-01 stands against the norm, for a message
  premia need scheme.yaml facts.xlsx S-01 --as-of 2026-10-15 --chart s01.png`,
		Args:              exactArgs(3, "SCHEME, FACTS and EMPLOYEE_ID"),
		ValidArgsFunction: completeArgs(argScheme, argFacts, argEmployee),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.scheme, o.facts, o.employee = args[0], args[1], args[2]
			o.formatSet = cmd.Flags().Changed("format")
			return runNeed(d, o)
		},
	}
	addPeriodFlag(cmd, &o.period, "pay period, a month (2026-10), quarter (2026-Q4) or year (2026): for a CSV folder, or to repeat the fact sheet's own (they must agree)")
	cmd.Flags().Var(&o.asOf, "as-of", "the day FACTS was filled in (YYYY-MM-DD, within the period): pace, projection and per-day needs")
	cmd.Flags().StringVar(&o.holidaysFile, "holidays", "", "a text file of holidays, one date (YYYY-MM-DD or DD.MM.YYYY) a line, # for comments")
	cmd.Flags().StringSliceVar(&o.holidays, "holiday", nil, "a holiday (YYYY-MM-DD); repeat or separate with commas")
	cmd.Flags().StringSliceVar(&o.workdays, "workday", nil, "a weekend day worked (YYYY-MM-DD); repeat or separate with commas")
	cmd.Flags().StringSliceVar(&o.held, "held", nil, "KPI ids to hold as rates (not paced), whatever their unit")
	cmd.Flags().StringSliceVar(&o.paced, "paced", nil, "KPI ids to pace as counts, whatever their unit")
	o.format = "table"
	addChoiceFlag(cmd, &o.format, "format", []string{"table", "csv", "json"}, "table, csv or json on stdout (default table)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the person's workbook (.xlsx); stdout stays empty unless --format is given too")
	cmd.Flags().StringVar(&o.chart, "chart", "", "draw where the person stands against the norm as a picture (.svg or .png); stdout stays empty unless --format is given too")
	addLangFlag(cmd, &o.lang, "language of the table and the workbook")
	completeFile(cmd, "output", "xlsx")
	completeFile(cmd, "chart", "svg", "png")
	completeFile(cmd, "holidays", "txt")
	noCompletion(cmd, "as-of", "holiday", "workday", "held", "paced")
	return cmd
}

func runNeed(d *deps, o *needOptions) error {
	if o.output != "" && !strings.EqualFold(filepath.Ext(o.output), ".xlsx") {
		return usagef("-o %q: name the file .xlsx", o.output)
	}
	if o.chart != "" {
		if _, err := chart.FormatOf(o.chart); err != nil {
			return usagef("--chart %q: name the picture .svg or .png", o.chart)
		}
	}
	for _, in := range []string{o.scheme, o.facts} {
		if o.output != "" && sameFile(o.output, in) {
			return usagef("-o %q is an input of this run: choose another file", o.output)
		}
		if o.chart != "" && sameFile(o.chart, in) {
			return usagef("--chart %q is an input of this run: choose another file", o.chart)
		}
	}
	var cal need.Calendar
	for _, l := range []struct {
		flag  string
		texts []string
		into  *[]time.Time
	}{{"--holiday", o.holidays, &cal.Holidays}, {"--workday", o.workdays, &cal.Workdays}} {
		for _, t := range l.texts {
			day, ok := parseDay(t)
			if !ok {
				return usagef("%s %q: expected YYYY-MM-DD, e.g. 2026-11-04", l.flag, t)
			}
			*l.into = append(*l.into, day)
		}
	}
	if o.holidaysFile != "" && o.asOf.t == nil {
		return usagef("--holidays needs --as-of: working days are counted only for a date within the period")
	}
	if (len(cal.Holidays) > 0 || len(cal.Workdays) > 0) && o.asOf.t == nil {
		return usagef("--holiday and --workday need --as-of: working days are counted only for a date within the period")
	}
	l, err := load(d, o.scheme, o.facts, o.period, o.lang, nil)
	if err != nil {
		return err
	}
	d.lang = l.lang
	if o.holidaysFile != "" {
		days, err := readHolidays(o.holidaysFile)
		if err != nil {
			return err
		}
		cal.Holidays = append(cal.Holidays, days...)
	}
	if o.asOf.t != nil && l.in.Period == "" {
		return problem.Errorf("%s: --as-of needs the period: the fact sheet does not state it; pass --period YYYY-MM", shownPath(o.facts))
	}
	e := employee(l.in, o.employee)
	if e == nil {
		roster := make([]person, len(l.in.Employees))
		for i, x := range l.in.Employees {
			roster[i] = person{x.ID, x.Name}
		}
		return errors.New(i18n.Say(d.lang, i18n.TalkNoEmployee, shownPath(o.facts), o.employee, didYouMean(d.lang, suggestIDs(o.employee, roster))))
	}
	if role := l.s.Role(e.Role); role != nil {
		for _, f := range []struct {
			flag string
			ids  []string
		}{{"--held", o.held}, {"--paced", o.paced}} {
			for _, id := range f.ids {
				if !slices.ContainsFunc(role.KPIs, func(k *plan.KPI) bool { return k.ID == id }) {
					ids := make([]string, len(role.KPIs))
					for i, k := range role.KPIs {
						ids[i] = k.ID
					}
					return problem.Errorf("%s %q: the role %q of %s has no such KPI; its KPIs are %s", f.flag, id, role.ID, e.ID, strings.Join(ids, ", "))
				}
			}
		}
	}
	st, err := need.Compute(l.s, l.in, o.employee, need.Options{AsOf: o.asOf.t, Calendar: cal, Held: o.held, Paced: o.paced})
	if err != nil {
		return err
	}
	var picture chart.Chart
	if o.chart != "" {
		var ok bool
		if picture, ok = report.NeedChart(st, l.lang); !ok {
			return problem.Errorf("%s: no KPI of the role %q has a norm, and the chart shows each figure against its KPI's norm: there is nothing to draw; leave out --chart", st.ID, st.Role)
		}
	}
	if o.output != "" {
		if err := report.SaveNeed(o.output, l.s, st, l.lang); err != nil {
			return err
		}
		d.say(i18n.TalkWroteNeed, o.output, st.ID)
	}
	if o.chart != "" {
		if err := chart.Save(o.chart, picture); err != nil {
			return problem.Errorf("%s: cannot write the chart: %v", o.chart, err)
		}
		d.say(i18n.TalkWroteNeedChart, o.chart, st.ID)
	}
	if (o.output != "" || o.chart != "") && !o.formatSet {
		return nil
	}
	var buf bytes.Buffer
	switch o.format {
	case "csv":
		err = report.NeedCSV(&buf, st)
	case "json":
		err = report.NeedJSON(&buf, l.s, st)
	default:
		err = report.NeedTable(&buf, st, l.s.RoleTitle(st.Role), l.lang)
	}
	if err != nil {
		return err
	}
	_, err = d.stdout.Write(buf.Bytes())
	return err
}

// employee is the input's employee with the id, or nil.
func employee(in *calc.Input, id string) *calc.Employee {
	for i := range in.Employees {
		if in.Employees[i].ID == id {
			return &in.Employees[i]
		}
	}
	return nil
}

// dateFlag is a YYYY-MM-DD flag, nil when not given.
type dateFlag struct{ t *time.Time }

func (f *dateFlag) String() string {
	if f.t == nil {
		return ""
	}
	return f.t.Format("2006-01-02")
}
func (f *dateFlag) Type() string { return "YYYY-MM-DD" }
func (f *dateFlag) Set(v string) error {
	t, ok := parseDay(v)
	if !ok {
		return errors.New("expected YYYY-MM-DD, e.g. 2026-10-15")
	}
	f.t = &t
	return nil
}

// parseDay reads a date written YYYY-MM-DD or DD.MM.YYYY.
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// readHolidays reads a holidays file: one date a line, blank lines and
// text after # ignored.
func readHolidays(path string) ([]time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the holidays: %v", path, err)
	}
	defer f.Close()
	var out []time.Time
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" {
			continue
		}
		t, ok := parseDay(line)
		if !ok {
			return nil, problem.Errorf("%s:%d: %q is not a date: write one date a line, YYYY-MM-DD or DD.MM.YYYY", path, n, line)
		}
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		return nil, problem.Errorf("%s: cannot read the holidays: %v", path, err)
	}
	return out, nil
}
