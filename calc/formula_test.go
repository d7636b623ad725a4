package calc

import (
	"strings"
	"testing"
)

// formulaYAML computes conversion and the average check from fact
// columns (docs/calculation.md §3.9); revenue is a column of its own.
const formulaYAML = `version: 1
id: f
currency: RUB
roles:
  - id: m
    fixed: 1000
    variable: 30000
    bonus: {method: index}
    kpis:
      - {id: conv, formula: deals / leads, weight: 0.5, base: 0.1, norm: 0.3, target: 0.4}
      - {id: check, formula: revenue / deals, weight: 0.3, base: 10000, norm: 20000}
      - {id: revenue, weight: 0.2, base: 0, norm: 500000}
`

func TestRunFormulas(t *testing.T) {
	s := mustScheme(t, formulaYAML)

	// A: conversion 12 / 40 = 0.3, at the norm: index 1, weighted 0.5.
	// Average check 300,000 / 12 = 25,000: (25,000 − 10,000) / 10,000 =
	// 1.5 (no target, no cap), weighted 0.45. Revenue 300,000 / 500,000 =
	// 0.6, weighted 0.12. K = 1.07; bonus 30,000 × 1.07 = 32,100.
	a := runOne(t, s, person("A", "m", "leads=40", "deals=12", "revenue=300000"))
	pay(t, "A", a, "1000", "32100", "33100")
	if k := kpiOf(t, a, "check"); !k.Fact.Equal(d("25000")) || k.Index == nil || k.Index.CmpD(d("1.5")) != 0 {
		t.Errorf("A: check fact %s, index %v; want 25000 and 1.5", k.Fact, k.Index)
	}

	// B: conversion 7 / 21 = 1/3 exactly: index (1/3 − 1/10) / (3/10 −
	// 1/10) = (7/30) / (1/5) = 7/6, under the target's cap (0.4 − 0.1) /
	// 0.2 = 1.5; weighted 7/12. Average check 70,000 / 7 = 10,000, at the
	// base: 0. Revenue 70,000: 0.14, weighted 0.028. Bonus 30,000 × (7/12
	// + 0.028) = 17,500 + 840 = 18,340.00. Had 1/3 been 0.333333, the index
	// would be 1.166665 and the bonus 17,499.975 + 840 → 18,339.98.
	b := runOne(t, s, person("B", "m", "leads=21", "deals=7", "revenue=70000"))
	pay(t, "B", b, "1000", "18340", "19340")
	if k := kpiOf(t, b, "conv"); k.Index == nil || k.Index.Cmp(Dec(d("7")).Quo(Dec(d("6")))) != 0 {
		t.Errorf("B: conv index %v, want exactly 7/6", k.Index)
	}
	if k := kpiOf(t, b, "conv"); !k.Fact.Equal(d("0.333333")) {
		t.Errorf("B: conv fact shown as %s, want 1/3 at 6 decimals, 0.333333", k.Fact)
	}

	// The explanation: the formula, the values in their places, the exact
	// result, citing the cells it read.
	var step *Step
	for i := range b.Steps {
		if b.Steps[i].Msg == MsgFormula && b.Steps[i].Args[0] == "conv" {
			step = &b.Steps[i]
		}
	}
	if step == nil {
		t.Fatal("B: no formula step for conv")
	}
	f := step.Args[1].(Formula)
	if f.Expr.String() != "deals / leads" || !f.Values["deals"].Equal(d("7")) || !f.Values["leads"].Equal(d("21")) {
		t.Errorf("B: formula step %v, want deals / leads with 7 and 21", step.Args)
	}
	var cited []string
	for _, p := range step.Sources {
		cited = append(cited, p.String())
	}
	if got := strings.Join(cited, "; "); !strings.Contains(got, "Facts!B.deals") || !strings.Contains(got, "Facts!B.leads") {
		t.Errorf("B: the formula step cites %s, want both cells", got)
	}
}

func TestRunFormulaRefusals(t *testing.T) {
	s := mustScheme(t, formulaYAML)
	// No leads and no deals: both formulas divide by zero, and neither
	// says what that means.
	runErr(t, s, &Input{Employees: []Employee{person("C", "m", "leads=0", "deals=0", "revenue=0")}},
		`employee "C": KPI "conv": the formula deals / leads divides by zero`,
		`employee "C": KPI "check": the formula revenue / deals divides by zero`, "if_zero")
	// A column a formula reads is missing.
	runErr(t, s, &Input{Employees: []Employee{person("E", "m", "deals=3", "revenue=10")}},
		`employee "E": no value for "leads", which the formula of KPI "conv" reads`)

	// With if_zero: 0, no leads is a conversion of 0: below the base, index
	// 0; the check is 0, below its base: 0; revenue 0: 0. K = 0, bonus 0.
	z := mustScheme(t, strings.Replace(strings.Replace(formulaYAML,
		"formula: deals / leads,", "formula: deals / leads, if_zero: 0,", 1),
		"formula: revenue / deals,", "formula: revenue / deals, if_zero: 0,", 1))
	c := runOne(t, z, person("C", "m", "leads=0", "deals=0", "revenue=0"))
	pay(t, "C with if_zero", c, "1000", "0", "1000")
	if k := kpiOf(t, c, "conv"); !k.Fact.IsZero() {
		t.Errorf("C: conv fact %s, want if_zero's 0", k.Fact)
	}
}
