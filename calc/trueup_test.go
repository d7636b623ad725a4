package calc

import (
	"strings"
	"testing"
)

// The true-ups of docs/calculation.md §5.19, the months given directly
// (as the command reads them from the book), every figure worked by hand.

// trueUpYAML: a monthly quota of 100,000; the rep's commission is
// QuotaPath's accelerator (10 % of attainment up to 100 %, 20 % above,
// marginal), the closer's a threshold (nothing below 80 % attainment, 10 %
// of the whole fact from there, step); the manager's KPI bonus a weighted
// index. Each has a quarterly true-up.
const trueUpYAML = `version: 1
id: t
currency: RUB
ladders:
  - id: accelerator
    type: marginal
    tiers:
      - {from: 0, to: 1, rate: 0.10}
      - {from: 1, rate: 0.20}
  - id: threshold
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, value: 0.10}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales, norm: 100000}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: accelerator, tiers_on: attainment}
      - {id: q_trueup, type: true_up, of: commission, over: quarter}
  - id: closer
    fixed: 0
    kpis:
      - {id: sales, norm: 100000}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: threshold, tiers_on: attainment}
      - {id: q_trueup, type: true_up, of: commission, over: quarter}
  - id: manager
    fixed: 0
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.6, base: 0, norm: 100000, target: 120000}
      - {id: conversion, unit: percent, weight: 0.4, base: 10, norm: 20, target: 25}
    components:
      - {id: y_trueup, type: true_up, of: bonus, over: year}
      - {id: bonus_trueup, type: true_up, of: bonus, over: quarter}
`

// month is a past month of one person: the sales fact and norm, and the
// commission paid on them.
func month(p, id, fact, norm, paid string) PastPeriod {
	n := q(norm)
	return PastPeriod{Period: p, Source: "closed/" + p + ".json", Src: Note("closed/" + p + ".json"), Closed: true,
		People: map[string]*PastPay{id: {
			KPIs:       []PastKPI{{ID: "sales", Fact: d(fact), Norm: &n}},
			Components: []PastAmount{{ID: "commission", Amount: d(paid)}},
		}}}
}

// quarterRun runs employee e in March 2026 with January and February.
func quarterRun(t *testing.T, e Employee, jan, feb PastPeriod) *EmployeeResult {
	t.Helper()
	s := mustScheme(t, trueUpYAML)
	in := &Input{Period: "2026-03", Employees: []Employee{e},
		TrueUps: map[string]*Span{"quarter": {Period: "2026-Q1", Periods: []PastPeriod{jan, feb}}}}
	res := mustRun(t, s, in)
	return res.Employees[0]
}

func TestTrueUpCommission(t *testing.T) {
	for _, tc := range []struct {
		name, role         string
		jan, feb           [2]string // fact, commission paid
		mar                string
		commission, trueUp string
	}{
		// QuotaPath's accelerator: 80,000 → 8,000; 70,000 → 7,000;
		// 150,000 → 100,000 × 10 % + 50,000 × 20 % = 20,000: paid 35,000.
		// The quarter: 300,000 of 300,000 = 100 % → 300,000 × 10 % =
		// 30,000; max(0, 30,000 − 35,000) = 0: March's payment stands.
		{"accelerator", "rep", [2]string{"80000", "8000"}, [2]string{"70000", "7000"}, "150000", "20000", "0"},
		// 120,000, 120,000, 60,000 on the accelerator: 10,000 + 4,000 =
		// 14,000 twice and 6,000: 34,000; the quarter 300,000 at 100 % =
		// 30,000: 0 again.
		{"accelerator even", "rep", [2]string{"120000", "14000"}, [2]string{"120000", "14000"}, "60000", "6000", "0"},
		// The threshold: 120 % → 12,000 twice, 60 % → 0: paid 24,000.
		// The quarter: 300,000 / 300,000 = 100 % ≥ 80 % → 300,000 × 10 %
		// = 30,000; 30,000 − 24,000 = 6,000.
		{"threshold", "closer", [2]string{"120000", "12000"}, [2]string{"120000", "12000"}, "60000", "0", "6000"},
		// 70 %, 70 % → 0, 0; 100 % → 10,000: paid 10,000. The quarter
		// 240,000 / 300,000 = 80 %, exactly on the bound → 24,000;
		// 24,000 − 10,000 = 14,000.
		{"threshold on the bound", "closer", [2]string{"70000", "0"}, [2]string{"70000", "0"}, "100000", "10000", "14000"},
		// One unit below: 239,999 / 300,000 < 80 % → 0; max(0, 0 −
		// 10,000) = 0.
		{"threshold a unit below", "closer", [2]string{"69999", "0"}, [2]string{"70000", "0"}, "100000", "10000", "0"},
		// One unit above: 240,001 × 10 % = 24,000.10; − 10,000 = 14,000.10.
		{"threshold a unit above", "closer", [2]string{"70001", "0"}, [2]string{"70000", "0"}, "100000", "10000", "14000.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := quarterRun(t, person("A", tc.role, "sales="+tc.mar),
				month("2026-01", "A", tc.jan[0], "100000", tc.jan[1]),
				month("2026-02", "A", tc.feb[0], "100000", tc.feb[1]))
			if got := componentOf(t, e, "commission"); !got.Equal(d(tc.commission)) {
				t.Errorf("March commission = %s, want %s", got, tc.commission)
			}
			if got := componentOf(t, e, "q_trueup"); !got.Equal(d(tc.trueUp)) {
				t.Errorf("q_trueup = %s, want %s", got, tc.trueUp)
			}
		})
	}
}

// TestTrueUpNotPaidInAMonth: a closer who joined in February counts
// nothing of January: February 70,000 of 100,000 → 0; March 100,000 of
// 100,000 → 10,000; the quarter 170,000 / 200,000 = 85 % → 17,000;
// 17,000 − 10,000 = 7,000.
func TestTrueUpNotPaidInAMonth(t *testing.T) {
	jan := month("2026-01", "someone else", "100000", "100000", "10000")
	e := quarterRun(t, person("C", "closer", "sales=100000"), jan, month("2026-02", "C", "70000", "100000", "0"))
	if got := componentOf(t, e, "q_trueup"); !got.Equal(d("7000")) {
		t.Errorf("q_trueup = %s, want 7000", got)
	}
}

// TestTrueUpBonus: the manager's KPI bonus over the quarter. Months:
// sales 50,000, 60,000, 190,000 of 100,000 (base 0, target 120,000);
// conversion 20 % of a norm of 20 (base 10, target 25) each month.
// Monthly K: January 0.6 × 0.5 + 0.4 × 1 = 0.7 → 14,000; February 0.6 ×
// 0.6 + 0.4 = 0.76 → 15,200; March sales index 1.9 held at the target's
// (120,000 − 0) / (100,000 − 0) = 1.2: 0.72 + 0.4 = 1.12 → 22,400. Paid
// 51,600. The quarter: sales 300,000 of 300,000 (target 360,000): index
// 1; conversion, a percent, the mean (20 + 20 + 20) / 3 = 20 of 20:
// index 1; K = 0.6 + 0.4 = 1 → 1 × (20,000 × 3) = 60,000; 60,000 −
// 51,600 = 8,400. The year's true-up (over: year) in March is 0.
func TestTrueUpBonus(t *testing.T) {
	s := mustScheme(t, trueUpYAML)
	past := func(p, sales, bonus string) PastPeriod {
		b, n, tg := q("0"), q("100000"), q("120000")
		cb, cn, ct := q("10"), q("20"), q("25")
		return PastPeriod{Period: p, Source: "facts/" + p + ".xlsx", Src: Note("facts/" + p + ".xlsx"),
			People: map[string]*PastPay{"M": {Variable: d("20000"), Bonus: d(bonus), KPIs: []PastKPI{
				{ID: "sales", Fact: d(sales), Base: &b, Norm: &n, Target: &tg},
				{ID: "conversion", Fact: d("20"), Base: &cb, Norm: &cn, Target: &ct},
			}}}}
	}
	in := &Input{Period: "2026-03", Employees: []Employee{person("M", "manager", "sales=190000", "conversion=20")},
		TrueUps: map[string]*Span{"quarter": {Period: "2026-Q1", Periods: []PastPeriod{past("2026-01", "50000", "14000"), past("2026-02", "60000", "15200")}}}}
	e := mustRun(t, s, in).Employees[0]
	if !e.Bonus.Equal(d("22400")) {
		t.Errorf("March bonus = %s, want 22400", e.Bonus)
	}
	if got := componentOf(t, e, "bonus_trueup"); !got.Equal(d("8400")) {
		t.Errorf("bonus_trueup = %s, want 8400", got)
	}
	if got := componentOf(t, e, "y_trueup"); !got.IsZero() {
		t.Errorf("y_trueup in March = %s, want 0", got)
	}
	pay(t, "M", e, "0", "22400", "30800") // 22,400 + 8,400
}

// TestTrueUpOtherMonths: in January and February the line is 0 and needs
// no book; in March without the span's months it is refused, saying to
// run with the book.
func TestTrueUpOtherMonths(t *testing.T) {
	s := mustScheme(t, trueUpYAML)
	for _, p := range []string{"2026-01", "2026-02"} {
		res := mustRun(t, s, &Input{Period: p, Employees: []Employee{person("A", "rep", "sales=150000")}})
		e := res.Employees[0]
		if got := componentOf(t, e, "q_trueup"); !got.IsZero() {
			t.Errorf("%s: q_trueup = %s, want 0", p, got)
		}
		// 100,000 × 10 % + 50,000 × 20 % = 20,000, and nothing else.
		pay(t, p, e, "0", "0", "20000")
	}
	runErr(t, s, &Input{Period: "2026-03", Employees: []Employee{person("A", "rep", "sales=150000")}}, "s.yaml:22:9", "--book") // the rep's q_trueup
	_, err := Run(s, &Input{Employees: []Employee{person("A", "rep", "sales=150000")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "period is not known") {
		t.Errorf("no period: err = %v, want the period is not known", err)
	}
}
