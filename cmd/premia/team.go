package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/plan"
)

type teamOptions struct {
	scheme   string
	facts    []string
	format   string
	section  string
	outliers string
	reachMin reachFlag
	periods  periodsFlag
	output   string
	lang     langFlag
	// --chart FILE.svg|png: the reachability of a role's KPIs, or with
	// --chart-kpi a KPI's spread; --chart-role says whose.
	chart, chartKPI, chartRole string
}

func newTeamCmd(d *deps) *cobra.Command {
	o := &teamOptions{outliers: teamstats.RuleIQR, reachMin: reachFlag{q: teamstats.DefaultReachMin, text: "70"}}
	cmd := &cobra.Command{
		Use:   "team SCHEME FACTS [FACTS...]",
		Short: "Analyse the team: spread, leaders, outliers, strengths, departments, reachable norms",
		Long: `Analyse a team's month (or months) against its scheme: per role and KPI the
team's mean, median, quartiles and spread, the leader and each person's
distance to the leader; who falls outside the normal range; each person's
strongest and weakest KPIs relative to the team (to choose training);
department subtotals and rankings; and the reachability rule — the share of
people at or above their own norm, flagged under 70 % ("the probability of
reaching the goal should be at least 70–80 %").

Each FACTS is one month's fact sheet, computed with calc's rules; with
several, every person-month counts once and reachability is given per month
too. The rules are in docs/planning.md §7.5.

stdout carries the table (on a terminal), or the CSV of one section
(--section, people by default), or the JSON of all; -o FILE.xlsx writes a
workbook with a sheet per section, and charts below the KPIs and People
tables: each role's share of people at their norm against the least share,
and each KPI's facts per person against the team's mean.

--chart FILE.svg|png draws one of those charts as a picture: the
reachability (of the first role, or of --chart-role's), or with
--chart-kpi the spread of that KPI. With -o or --chart, stdout stays empty
unless --format is given too.`,
		Example: `  # The month's analysis on the terminal
  premia team scheme.yaml facts.xlsx

  # Three months together; the critical point (the base) as the outlier rule
  premia team scheme.yaml 2026-09.xlsx 2026-10.xlsx 2026-11.xlsx --outliers base

  # One section as CSV, the whole analysis as JSON, a workbook
  premia team scheme.yaml facts.xlsx --format csv --section kpis > kpis.csv
  premia team scheme.yaml facts.xlsx --format json > team.json
  premia team scheme.yaml facts.xlsx -o team.xlsx --lang ru

  # CSV folders, whose period is given in order, and a stricter norm
  premia team scheme.yaml october/ november/ --period 2026-10 --period 2026-11 --reach-min 80

  # Pictures: the reachability of the norms, and one KPI's spread per person
  premia team scheme.yaml facts.xlsx --chart reach.svg
  premia team scheme.yaml facts.xlsx --chart calls.png --chart-kpi calls --chart-role sales_manager`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("expected SCHEME and one or more FACTS, got %s", i18n.Count("en", len(args), i18n.Arguments))
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			// SCHEME, then any number of fact sheets.
			return completeArgs(argScheme, argFacts)(cmd, args[:min(len(args), 1)], toComplete)
		},
		RunE: func(_ *cobra.Command, args []string) error {
			o.scheme, o.facts = args[0], args[1:]
			return runTeam(d, o)
		},
	}
	addChoiceFlag(cmd, &o.format, "format", []string{"table", "csv", "json"}, "table, csv or json (default: table on a terminal, csv otherwise)")
	addChoiceFlag(cmd, &o.section, "section", report.TeamSections, "the section the table or the CSV shows: kpis, reach, outliers, people or departments (CSV default: people; the table: all)")
	addChoiceFlag(cmd, &o.outliers, "outliers", []string{teamstats.RuleIQR, teamstats.RuleBase}, "who falls outside the normal range: iqr (beyond 1.5 × IQR from the quartiles) or base (at or beyond the person's base, the critical point)")
	cmd.Flags().Var(&o.reachMin, "reach-min", "the least share of people at or above their norm, in percent; a KPI under it is flagged")
	cmd.Flags().Var(&o.periods, "period", "the period of each FACTS (2026-10, 2026-Q4 or 2026), in order (repeat it; for CSV folders, or to repeat each fact sheet's own)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write a workbook (.xlsx) with a sheet per section; stdout stays empty unless --format is given too")
	cmd.Flags().StringVar(&o.chart, "chart", "", "draw a chart as a picture (.svg or .png): the share of people at their norm per KPI against --reach-min, or with --chart-kpi a KPI's facts per person against the team's mean")
	cmd.Flags().StringVar(&o.chartKPI, "chart-kpi", "", "the KPI whose spread --chart draws, instead of the reachability")
	cmd.Flags().StringVar(&o.chartRole, "chart-role", "", "the role whose chart --chart draws (default: the first role with one)")
	addLangFlag(cmd, &o.lang, "language of the table, the workbook and the chart")
	completeFile(cmd, "output", "xlsx")
	completeFile(cmd, "chart", "svg", "png")
	_ = cmd.RegisterFlagCompletionFunc("chart-role", completeSchemeIDs(false))
	_ = cmd.RegisterFlagCompletionFunc("chart-kpi", completeSchemeIDs(true))
	noCompletion(cmd, "reach-min", "period")
	return cmd
}

// completeSchemeIDs offers the role ids of the scheme already typed (the
// first argument), or its KPI ids (of --chart-role's role, when given),
// each with its title; nothing when the scheme cannot be read.
func completeSchemeIDs(kpis bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 || args[0] == "-" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s, err := loadScheme(&deps{}, args[0], "", io.Discard)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		role, _ := cmd.Flags().GetString("chart-role")
		var out []cobra.Completion
		seen := map[string]bool{}
		for _, r := range s.Roles {
			if !kpis {
				if strings.HasPrefix(r.ID, prefix) {
					out = append(out, cobra.CompletionWithDesc(r.ID, r.Title))
				}
				continue
			}
			if role != "" && r.ID != role {
				continue
			}
			for _, k := range r.KPIs {
				if strings.HasPrefix(k.ID, prefix) && !seen[k.ID] {
					seen[k.ID] = true
					out = append(out, cobra.CompletionWithDesc(k.ID, k.Title))
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// reachFlag is --reach-min: a percentage above 0 and at most 100 (70,
// 75.5 or 80%), held as a share.
type reachFlag struct {
	q    calc.Q
	text string
}

func (r *reachFlag) String() string { return r.text }
func (r *reachFlag) Type() string   { return "PCT" }
func (r *reachFlag) Set(v string) error {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "%"))
	p, err := decimal.NewFromString(t)
	if err != nil || strings.ContainsAny(t, "eE") || p.Sign() <= 0 || p.GreaterThan(decimal.NewFromInt(100)) {
		return fmt.Errorf("expected a percentage above 0 and at most 100, e.g. 70")
	}
	r.q, r.text = calc.Frac(p, decimal.NewFromInt(100)), t
	return nil
}

// periodsFlag is --period given once per FACTS, in order.
type periodsFlag []string

func (p *periodsFlag) String() string { return strings.Join(*p, ",") }
func (p *periodsFlag) Type() string   { return "PERIOD" }
func (p *periodsFlag) Set(v string) error {
	q, err := parsePeriod(v)
	if err != nil {
		return err
	}
	*p = append(*p, q.String())
	return nil
}

func runTeam(d *deps, o *teamOptions) error {
	format := o.format
	if format == "" && o.output == "" && o.chart == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	if format == "json" && o.section != "" {
		return usagef("--section is for the table and CSV: the JSON holds every section")
	}
	if o.output != "" && !strings.EqualFold(filepath.Ext(o.output), ".xlsx") {
		return usagef("-o %q: name the workbook .xlsx (the table, CSV and JSON go to stdout)", o.output)
	}
	if o.chart != "" {
		if _, err := chart.FormatOf(o.chart); err != nil {
			return usagef("--chart %q: name the picture .svg or .png", o.chart)
		}
	} else if o.chartKPI != "" || o.chartRole != "" {
		return usagef("--chart-kpi and --chart-role choose what --chart draws: give --chart FILE.svg or FILE.png too")
	}
	if len(o.periods) > 0 && len(o.periods) != len(o.facts) {
		return usagef("--period is given for %d of %d fact sheets: give it once per FACTS, in order, or not at all", len(o.periods), len(o.facts))
	}
	stdin := 0
	for _, f := range o.facts {
		if f == "-" {
			stdin++
		}
		if o.output != "" && sameFile(o.output, f) {
			return usagef("-o %q is an input of this run: choose another file", o.output)
		}
		if o.chart != "" && sameFile(o.chart, f) {
			return usagef("--chart %q is an input of this run: choose another file", o.chart)
		}
	}
	if o.output != "" && sameFile(o.output, o.scheme) {
		return usagef("-o %q is an input of this run: choose another file", o.output)
	}
	if o.chart != "" && sameFile(o.chart, o.scheme) {
		return usagef("--chart %q is an input of this run: choose another file", o.chart)
	}
	if stdin > 1 || (stdin == 1 && o.scheme == "-") {
		return usagef("only one input can be read from stdin (-): name the others")
	}
	s, err := loadScheme(d, o.scheme, o.lang, d.designWarnings())
	if err != nil {
		return err
	}
	lang := o.lang.lang(s)
	d.lang = lang
	if err := checkChartChoice(s, o); err != nil {
		return err
	}
	// Every fact sheet is read and computed before anything is written,
	// and every problem of every one is reported together.
	var months []teamstats.Month
	var facts []report.TeamFacts
	var errs []error
	people := map[string]bool{}
	for i, path := range o.facts {
		var period periodFlag
		if len(o.periods) > 0 {
			period = periodFlag(o.periods[i])
		}
		src, err := loadFacts(d, path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, err := readFacts(d, s, src, period, o.lang, nil)
		src.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		res, err := calc.Run(s, l.in, calc.Options{SkipSteps: true, Release: true})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		label := res.Period
		if label == "" {
			label = strings.TrimSuffix(filepath.Base(shownPath(path)), filepath.Ext(path))
		}
		for j, m := range months {
			if m.Label == label {
				errs = append(errs, problem.Errorf("%s and %s are both for %s: give each month once (with --period for a CSV folder)", shownPath(o.facts[j]), shownPath(path), label))
			}
		}
		months = append(months, teamstats.Month{Label: label, Result: res})
		facts = append(facts, report.TeamFacts{Month: label, File: filepath.Base(src.Path), SHA256: src.SHA256})
		for _, e := range res.Employees {
			people[e.ID] = true
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	a := teamstats.Analyse(s, months, teamstats.Options{Outliers: o.outliers, ReachMin: o.reachMin.q})
	if len(a.People) == 0 {
		return problem.Errorf("%s: no one in the fact sheets has a KPI of the scheme: the team analysis compares people's KPIs", shownPath(o.facts[0]))
	}
	// The picture is chosen and drawn before anything is written: a chart
	// with nothing to draw writes nothing.
	var pic chart.Chart
	if o.chart != "" {
		if pic, err = teamPicture(s, a, lang, o); err != nil {
			return err
		}
	}
	var out bytes.Buffer
	switch format {
	case "json":
		err = report.TeamJSON(&out, s, a)
	case "csv":
		sec := o.section
		if sec == "" {
			sec = report.TeamPeople
		}
		err = report.TeamCSV(&out, s, a, sec)
	case "table":
		err = report.TeamTable(&out, s, a, lang, o.section)
	}
	if err != nil {
		return err
	}
	if o.output != "" {
		info := report.TeamInfo{Lang: lang, Version: premiaVersion(), SchemeFile: filepath.Base(s.File), SchemeSHA256: s.SHA256, Facts: facts}
		if err := report.SaveTeamWorkbook(o.output, s, a, info); err != nil {
			return err
		}
		d.say(i18n.TalkWroteTeam, o.output, d.count(len(people), i18n.Employees), strings.Join(a.Months, ", "))
	}
	if o.chart != "" {
		if err := chart.Save(o.chart, pic); err != nil {
			return err
		}
		d.say(i18n.TalkWroteChart, o.chart, pic.Title)
	}
	_, err = d.stdout.Write(out.Bytes())
	return err
}

// checkChartChoice checks --chart-role and --chart-kpi against the
// scheme: a role it has, a KPI of that role (of any role, without
// --chart-role).
func checkChartChoice(s *plan.Scheme, o *teamOptions) error {
	var roles, kpis []string
	for _, r := range s.Roles {
		roles = append(roles, r.ID)
		if o.chartRole != "" && r.ID != o.chartRole {
			continue
		}
		for _, k := range r.KPIs {
			if !slices.Contains(kpis, k.ID) {
				kpis = append(kpis, k.ID)
			}
		}
	}
	if o.chartRole != "" && s.Role(o.chartRole) == nil {
		return usagef("--chart-role %q: the scheme has no such role; its roles: %s", o.chartRole, strings.Join(roles, ", "))
	}
	if o.chartKPI != "" && !slices.Contains(kpis, o.chartKPI) {
		if o.chartRole != "" {
			return usagef("--chart-kpi %q: role %s has no such KPI; its KPIs: %s", o.chartKPI, o.chartRole, strings.Join(kpis, ", "))
		}
		return usagef("--chart-kpi %q: the scheme has no such KPI; its KPIs: %s", o.chartKPI, strings.Join(kpis, ", "))
	}
	return nil
}

// teamPicture is the chart --chart draws: the reachability of
// --chart-role's KPIs (by default of the first role that has a chart), or
// the spread of --chart-kpi (of --chart-role's people, by default of the
// one role that has the KPI).
func teamPicture(s *plan.Scheme, a *teamstats.Analysis, lang string, o *teamOptions) (chart.Chart, error) {
	role := o.chartRole
	if role == "" {
		// The roles in the analysis, in order; with --chart-kpi those that
		// have the KPI.
		var roles []string
		for _, k := range a.KPIs {
			if (o.chartKPI == "" || k.KPI == o.chartKPI) && !slices.Contains(roles, k.Role) {
				roles = append(roles, k.Role)
			}
		}
		switch {
		case o.chartKPI != "" && len(roles) > 1:
			return chart.Chart{}, usagef("--chart-kpi %s: roles %s have it: choose one with --chart-role", o.chartKPI, strings.Join(roles, ", "))
		case o.chartKPI != "" && len(roles) == 1:
			role = roles[0]
		case o.chartKPI == "":
			for _, r := range roles {
				if p, ok := report.TeamPicture(s, a, lang, r, ""); ok {
					return p, nil
				}
			}
		}
	}
	if p, ok := report.TeamPicture(s, a, lang, role, o.chartKPI); ok {
		return p, nil
	}
	switch {
	case o.chartKPI != "" && role != "":
		return chart.Chart{}, problem.Errorf("--chart-kpi %s: no one of role %s in the fact sheets has this KPI: the chart has nothing to draw", o.chartKPI, role)
	case o.chartKPI != "":
		return chart.Chart{}, problem.Errorf("--chart-kpi %s: no one in the fact sheets has this KPI: the chart has nothing to draw", o.chartKPI)
	case o.chartRole != "":
		return chart.Chart{}, problem.Errorf("--chart-role %s: no one of this role in the fact sheets has a norm: the reachability has nothing to draw (--chart-kpi draws a KPI's spread)", role)
	}
	return chart.Chart{}, problem.Errorf("--chart: no one in the fact sheets has a norm: the reachability has nothing to draw (--chart-kpi draws a KPI's spread)")
}
