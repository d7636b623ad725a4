package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/teamstats"
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
workbook with a sheet per section.`,
		Example: `  # The month's analysis on the terminal
  premia team scheme.yaml facts.xlsx

  # Three months together; the critical point (the base) as the outlier rule
  premia team scheme.yaml 2026-09.xlsx 2026-10.xlsx 2026-11.xlsx --outliers base

  # One section as CSV, the whole analysis as JSON, a workbook
  premia team scheme.yaml facts.xlsx --format csv --section kpis > kpis.csv
  premia team scheme.yaml facts.xlsx --format json > team.json
  premia team scheme.yaml facts.xlsx -o team.xlsx --lang ru

  # CSV folders, whose period is given in order, and a stricter norm
  premia team scheme.yaml october/ november/ --period 2026-10 --period 2026-11 --reach-min 80`,
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
	cmd.Flags().Var(&o.periods, "period", "the period of each FACTS, YYYY-MM, in order (repeat it; for CSV folders, or to repeat each fact sheet's own)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write a workbook (.xlsx) with a sheet per section; stdout stays empty unless --format is given too")
	addLangFlag(cmd, &o.lang, "language of the table and the workbook")
	completeFile(cmd, "output", "xlsx")
	noCompletion(cmd, "reach-min", "period")
	return cmd
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
func (p *periodsFlag) Type() string   { return "YYYY-MM" }
func (p *periodsFlag) Set(v string) error {
	if !periodText.MatchString(v) {
		return fmt.Errorf("expected YYYY-MM, e.g. 2026-10")
	}
	*p = append(*p, v)
	return nil
}

func runTeam(d *deps, o *teamOptions) error {
	format := o.format
	if format == "" && o.output == "" {
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
	}
	if o.output != "" && sameFile(o.output, o.scheme) {
		return usagef("-o %q is an input of this run: choose another file", o.output)
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
		l, err := readFacts(s, src, period, o.lang, d.stderr, nil)
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
	_, err = d.stdout.Write(out.Bytes())
	return err
}
