package decompose

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
)

// TestFunnelErrorsLocated: every mistake of a funnel file at once, each
// at its line and column, with what to write instead.
func TestFunnelErrorsLocated(t *testing.T) {
	const bad = `version: 1
profit: 600000
margin: 15%
average_chek: 160000
working_days: 0
profile: b2b-smal
share: by-deals
stages:
  - id: deals
    conversion: 0.5
  - id: meetings
    conversion: 1.5
  - id: calls
    conversion: 0,1
    activity: visits
`
	f, err := Read("-", strings.NewReader(bad))
	if err == nil {
		_, err = Resolve(f, "funnel.yaml", Overrides{})
	}
	got := err.Error()
	for _, want := range []string{
		`stdin:3:9: margin: "15%" is not a decimal number: write a fraction, not a percentage: 10% is written 0.10`,
		`stdin:4:1: average_chek: unknown key (did you mean "average_check"?)`,
		`stdin:14:17: stages[2].conversion: "0,1" is not a decimal number`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the decoder's errors:\n%s\nhold no %q", got, want)
		}
	}
	// Decoded, the values are checked: the same file without the
	// decoder's three mistakes.
	fixed := strings.NewReplacer("15%", "0.15", "average_chek", "average_check", "0,1", "0.1").Replace(bad)
	f, err = Read("-", strings.NewReader(fixed))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(f, "funnel.yaml", Overrides{})
	if err == nil {
		t.Fatal("no error")
	}
	got = err.Error()
	for _, want := range []string{
		`funnel.yaml:5:15: working_days: 0 working days: a month has 1 to 31`,
		`funnel.yaml:6:10: profile: unknown profile "b2b-smal" (did you mean "b2b-small"?); the profiles: fmcg, retail, mass-market, b2b-small, b2b-mid-large`,
		`funnel.yaml:7:8: share: "by-deals" is not a way to share the deals: write equal or past-deals`,
		`funnel.yaml:10:17: stages[0].conversion: the first stage is the deal itself: it has no conversion`,
		`funnel.yaml:12:17: stages[1].conversion: conversion 1.5: the share of this stage that becomes the next is above 0 and at most 1 (40 % is written 0.4)`,
		`funnel.yaml:15:15: stages[2].activity: "visits" is not an activity with an industry norm: write calls or meetings`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the errors:\n%s\nhold no %q", got, want)
		}
	}
	// In Russian, with the places as they are.
	ru := problem.In(err, i18n.Problems("ru"))
	for _, want := range []string{`funnel.yaml:5:15: working_days: рабочих дней: 0; в месяце их от 1 до 31`, `funnel.yaml:6:10: profile: неизвестный профиль "b2b-smal" (возможно, имелся в виду "b2b-small"?)`} {
		if !strings.Contains(ru, want) {
			t.Errorf("Russian:\n%s\nholds no %q", ru, want)
		}
	}
}

// TestFunnelRequired: what a file lacks is named, and so is the flag that
// gives it; a flag's value stands over the file's.
func TestFunnelRequired(t *testing.T) {
	f, err := Read("-", strings.NewReader("version: 1\nstages:\n  - id: deals\n  - id: calls\n    conversion: 0.1\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(f, "funnel.yaml", Overrides{})
	for _, want := range []string{"funnel.yaml: profit is required (or give --profit)", "funnel.yaml: margin is required (or give --margin)",
		"funnel.yaml: average_check is required (or give --average-check)", "funnel.yaml: working_days is required (or give --working-days)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors %v hold no %q", err, want)
		}
	}
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	days, managers := 20, 2
	in, err := Resolve(f, "funnel.yaml", Overrides{Profit: d("100000"), Margin: d("0.2"), AverageCheck: d("50000"), WorkingDays: &days, Managers: &managers,
		Conversion: []StageRate{{Stage: "calls", Rate: decimal.RequireFromString("0.05")}}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 100,000 / 0.2 = 500,000; / 50,000 = 10 deals; calls 10 / 0.05 = 200
	// (--conversion over the file's 0.1); a day 200 / 20 = 10, 5 each.
	if got := count(res.Stages[1].Month); got != "200" || res.Stages[1].Conversion.Cmp(calc.Dec(decimal.RequireFromString("0.05"))) != 0 {
		t.Errorf("calls = %s at %s, want 200 at 0.05", got, res.Stages[1].Conversion)
	}
	if got := count(res.Stages[1].ManagerDay); got != "5" {
		t.Errorf("calls a manager a day = %s, want 5", got)
	}
}

// TestFunnelFromFlags: without a file, the stages are the deal and each
// --conversion in order.
func TestFunnelFromFlags(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	days, managers := 21, 5
	in, err := Resolve(nil, "", Overrides{Profit: d("600000"), Margin: d("0.15"), AverageCheck: d("160000"), WorkingDays: &days, Managers: &managers, Profile: ProfileB2BSmall,
		Conversion: []StageRate{{"proposals", decimal.RequireFromString("0.4")}, {"meetings", decimal.RequireFromString("0.5")}, {"calls", decimal.RequireFromString("0.08")}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range in.Stages {
		ids = append(ids, s.ID+"/"+s.Activity)
	}
	if got := strings.Join(ids, " "); got != "deals/ proposals/ meetings/meetings calls/calls" {
		t.Errorf("stages %s", got)
	}
	res, err := Compute(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The same chain as the file of TestDecomposeByHand: 1,562.5 calls.
	if got := count(res.Stages[3].Month); got != "1562.5" {
		t.Errorf("calls = %s, want 1562.5", got)
	}
	_, err = Resolve(nil, "", Overrides{Profit: d("1")})
	if err == nil || !strings.Contains(err.Error(), "--margin is required: give it, or write a funnel file") || !strings.Contains(err.Error(), "no funnel: give the funnel file") {
		t.Errorf("flags without a funnel: %v", err)
	}
}

// TestOwnConversionFallback: a manager whose history has none of a stage
// (a zero denominator), or none of the next (a conversion of 0), takes
// the department's conversion there, and a warning names the cells.
func TestOwnConversionFallback(t *testing.T) {
	in := resolve(t, strings.Replace(funnelYAML, "managers: 5\n", "", 1), Overrides{})
	o := &calc.Origin{File: "facts.xlsx", Sheet: "Facts"}
	v := func(n int64, col int) calc.Value { return calc.Value{V: decimal.New(n, 0), Src: o.Cell(2, col)} }
	h := history(t, in)
	// Anna had no proposals at all and so no deals: her proposals → deals
	// has a zero denominator; her meetings → proposals is 0 / 100.
	h.People[0].Counts[1], h.People[0].Cells[1] = calc.Q{}, []calc.Place{v(0, 4).Src}
	h.People[0].Counts[0] = calc.Q{}
	res, err := Compute(in, h)
	if err != nil {
		t.Fatal(err)
	}
	a := res.People[0]
	// deals 12.5; proposals / 0.4 (the department's, fallback) = 31.25;
	// meetings / 0.5 (the department's, fallback) = 62.5; calls / 0.1 (her
	// own, 100 / 1,000) = 625.
	for i, w := range []struct{ conv, from, month string }{{"", "", "12.5"}, {"0.4", FromFallback, "31.25"}, {"0.5", FromFallback, "62.5"}, {"0.1", FromOwn, "625"}} {
		s := a.Stages[i]
		if convText(s.Conversion) != w.conv || s.From != w.from || count(s.Month) != w.month {
			t.Errorf("Anna stage %d: %s (%s) %s; want %s (%s) %s", i, convText(s.Conversion), s.From, count(s.Month), w.conv, w.from, w.month)
		}
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		`A Anna has no proposals in the history (facts.xlsx: sheet "Facts" D2): their conversion of proposals into deals is the department's, 0.4`,
		`A Anna turned none of their 100 meetings into proposals in the history (facts.xlsx: sheet "Facts" D2): no number of meetings would make one, so their conversion is the department's, 0.5`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestConversionFromHistory: a stage the funnel gives no conversion for
// takes the managers' pooled one; without a history it is an error.
func TestConversionFromHistory(t *testing.T) {
	yaml := strings.Replace(strings.Replace(funnelYAML, "managers: 5\n", "", 1), "    conversion: 0.08\n", "", 1)
	in := resolve(t, yaml, Overrides{})
	res, err := Compute(in, history(t, in))
	if err != nil {
		t.Fatal(err)
	}
	// meetings / calls over both: (100 + 50) / (1,000 + 1,000) = 0.075;
	// the department's calls 125 / 0.075 = 1,666.666667 (1,667).
	c := res.Stages[3]
	if convText(c.Conversion) != "0.075" || c.ConversionFrom != FromHistory || count(c.Month) != "1666.666667" || Ceil(c.Month).String() != "1667" {
		t.Errorf("calls: %s (%s) %s (%s); want 0.075 (history) 1666.666667 (1667)", convText(c.Conversion), c.ConversionFrom, count(c.Month), Ceil(c.Month))
	}
	in = resolve(t, yaml+"managers: 2\n", Overrides{})
	_, err = Compute(in, nil)
	if err == nil || !strings.Contains(err.Error(), `funnel.yaml:14:5: stage "calls" has no conversion: give it (conversion: in the funnel, or --conversion calls=RATE), or a history to compute it from (--history FACTS)`) {
		t.Errorf("no history: %v", err)
	}
}
