package calc

import (
	"strings"
	"testing"
)

// This file checks pay over periods longer than a month: payments and
// deals counted by the period's days, proration by the roster's days, and
// a scheme that pays by the month and by the quarter.

// quarterPaidYAML pays a head of sales by the quarter: a variable target
// of 30,000 on the quarter's paid margin (plan 1,500,000) less 100 a day
// for each payment received late in the quarter.
const quarterPaidYAML = `version: 1
id: q
currency: RUB
roles:
  - id: head
    period: quarter
    fixed: 0
    variable: 30000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: margin, source: payments, weight: 1, base: 0, norm: 1500000, target: 1800000}
    modifiers:
      - {id: overdue, type: overdue, per_day: 100}
`

func TestRunPaidRevenueQuarter(t *testing.T) {
	s := mustScheme(t, quarterPaidYAML)
	e := person("H", "head")
	e.Payments = []Payment{
		paid("400000", "2026-10-10", "2026-10-08"), // October, early: counts
		paid("500000", "2026-11-15", "2026-11-20"), // November, 5 days late: counts
		paid("600000", "2026-12-20", "2026-12-31"), // the quarter's last day, 11 days late: counts
		paid("200000", "2026-09-25", "2026-09-30"), // September is Q3: not this quarter
		paid("300000", "2026-12-30", "2027-01-05"), // January is next year's Q1: not this quarter
		paid("100000", "2026-12-15", ""),           // not paid: nothing
	}
	res := mustRun(t, s, &Input{Period: "2026-Q4", Employees: []Employee{e}})
	got := res.Employees[0]
	// margin = 400,000 + 500,000 + 600,000 = 1,500,000: the norm, index 1;
	// 30,000 × 1 = 30,000; days late 5 + 11 = 16 × 100 = 1,600 deducted:
	// 28,400.00.
	if k := kpiOf(t, got, "margin"); !k.Fact.Equal(d("1500000")) {
		t.Errorf("margin Fact = %s, want 1500000 (the three months' payments)", k.Fact)
	}
	pay(t, "the quarter's paid revenue", got, "0", "28400", "28400")
	if m := got.Modifiers[0]; m.Deduction == nil || !m.Deduction.Equal(d("1600")) {
		t.Errorf("overdue deduction = %v, want 1600 (16 days × 100)", m.Deduction)
	}
	// The same payments in a run of the quarter's first month: a monthly
	// run of a scheme that pays by the quarter alone is refused, with the
	// quarter to run.
	runErr(t, s, &Input{Period: "2026-10", Employees: []Employee{e}}, "the scheme pays nothing by the month, only by the quarter: run the periods of 2026-10 instead (2026-Q4)")
	// With no period, the scheme cannot tell the run's kind.
	runErr(t, s, &Input{Employees: []Employee{e}}, "the scheme pays by the quarter, and a run pays what is paid by its period's kind: the period is not known")
}

// yearYAML pays by the year: a salary of 1,200,000 and a variable target
// of 365,000 on the year's paid margin (plan 2,000,000).
const yearYAML = `version: 1
id: y
currency: RUB
roles:
  - id: director
    period: year
    fixed: 1200000
    variable: 365000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: margin, source: payments, weight: 1, base: 0, norm: 2000000, target: 3000000}
`

func TestRunYear(t *testing.T) {
	s := mustScheme(t, yearYAML)
	// Hired in the year: 200 of its 365 days, as the roster says.
	e := days(person("D", "director"), "200", "365")
	e.Payments = []Payment{
		paid("500000", "2026-01-01", "2026-01-01"), // the year's first day: counts
		paid("700000", "2026-06-30", "2026-06-15"), // counts
		paid("800000", "2026-12-31", "2026-12-31"), // the year's last day: counts
		paid("900000", "2025-12-31", "2025-12-31"), // last year: not this one
		paid("100000", "2026-12-31", "2027-01-01"), // next year: not this one
	}
	res := mustRun(t, s, &Input{Period: "2026", Employees: []Employee{e}})
	got := res.Employees[0]
	// p = 200 / 365 = 40/73. Fixed 1,200,000 × 40/73 = 48,000,000 / 73 =
	// 657,534.2465… → 657,534.25. Variable 365,000 × 40/73 = 200,000.
	// margin 500,000 + 700,000 + 800,000 = 2,000,000 = norm: index 1;
	// bonus 200,000 × 1 = 200,000.00. Total 857,534.25.
	if k := kpiOf(t, got, "margin"); !k.Fact.Equal(d("2000000")) {
		t.Errorf("margin Fact = %s, want 2000000", k.Fact)
	}
	if got.Proration == nil || got.Proration.Cmp(Frac(d("40"), d("73"))) != 0 {
		t.Errorf("Proration = %v, want 40/73", got.Proration)
	}
	pay(t, "a year", got, "657534.25", "200000", "857534.25")
}

// quarterDealsYAML pays 2 % of each deal made in the quarter.
const quarterDealsYAML = `version: 1
id: qd
currency: RUB
roles:
  - id: seller
    period: quarter
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, rate: 0.02}
`

func TestRunDealsQuarter(t *testing.T) {
	s := mustScheme(t, quarterDealsYAML)
	e := withDeals("seller",
		deal("D1", "2026-09-30", "10000"), // Q3: earned before the quarter
		deal("D2", "2026-10-01", "20000"), // the quarter's first day
		deal("D3", "2026-11-15", "30000"),
		deal("D4", "2026-12-31", "40000"), // the quarter's last day
		deal("D5", "2027-01-01", "50000"), // next quarter
	)
	res := mustRun(t, s, &Input{Period: "2026-Q4", Employees: []Employee{e}})
	// (20,000 + 30,000 + 40,000) × 0.02 = 1,800.00.
	if got := componentOf(t, res.Employees[0], "commission"); !got.Equal(d("1800")) {
		t.Errorf("commission = %s, want 1800", got)
	}
}

// mixedYAML pays a manager by the month (salary 40,000, a bonus of 20,000
// on the month's sales, 1 % commission) and a bonus of 30,000 by the
// quarter when the quarter's sales reach 1,500,000; a head by the
// quarter, 90,000 in proportion to the quarter's margin; a clerk by the
// month alone.
const mixedYAML = `version: 1
id: mixed
currency: RUB
roles:
  - id: manager
    fixed: 40000
    variable: 20000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 500000, target: 600000}
      - {id: q_sales, norm: 1500000}
    components:
      - {id: commission, type: commission, kpi: sales, rate: 0.01}
      - {id: q_bonus, type: bonus, amount: 30000, when: {kpi: q_sales, reaches: norm}, period: quarter}
  - id: head
    period: quarter
    fixed: 0
    kpis:
      - {id: dept_margin, norm: 3000000}
    components:
      - {id: q_share, type: proportional, kpi: dept_margin, amount: 90000}
  - id: clerk
    fixed: 30000
`

func TestRunMixedKinds(t *testing.T) {
	s := mustScheme(t, mixedYAML)
	// October: the manager's month. Sales 550,000: index 550,000 / 500,000
	// = 1.1; bonus 20,000 × 1.1 = 22,000; commission 550,000 × 0.01 =
	// 5,500; fixed 40,000: total 67,500.00. No q_sales is needed, and no
	// q_bonus is paid. The clerk: 30,000.
	res := mustRun(t, s, &Input{Period: "2026-10", Employees: []Employee{person("M", "manager", "sales=550000"), person("C", "clerk")}})
	m := res.Employees[1]
	pay(t, "October's manager", m, "40000", "22000", "67500")
	if len(m.Components) != 1 || m.Components[0].ID != "commission" || !m.Components[0].Amount.Equal(d("5500")) {
		t.Errorf("October's components = %+v, want the commission of 5500 alone", m.Components)
	}
	pay(t, "October's clerk", res.Employees[0], "30000", "0", "30000")
	if !res.Total.Equal(d("97500")) {
		t.Errorf("October's total = %s, want 67500 + 30000 = 97500", res.Total)
	}

	// 2026-Q4: the quarter's lines. The manager: q_sales 1,600,000 ≥
	// 1,500,000: q_bonus 30,000.00, no fixed part, no bonus, no monthly
	// sales needed: total 30,000. The head: 2,700,000 / 3,000,000 = 0.9 ×
	// 90,000 = 81,000.00.
	res = mustRun(t, s, &Input{Period: "2026-Q4", Employees: []Employee{person("M", "manager", "q_sales=1600000"), person("H", "head", "dept_margin=2700000")}})
	h, m := res.Employees[0], res.Employees[1]
	pay(t, "the quarter's manager", m, "0", "0", "30000")
	if len(m.Components) != 1 || m.Components[0].ID != "q_bonus" || m.HasBonus || m.K != nil {
		t.Errorf("the quarter's manager: components %+v, has bonus %v", m.Components, m.HasBonus)
	}
	if len(m.KPIs) != 1 || m.KPIs[0].ID != "q_sales" {
		t.Errorf("the quarter's manager's KPIs = %+v, want q_sales alone", m.KPIs)
	}
	pay(t, "the quarter's head", h, "0", "0", "81000")
	if !res.Total.Equal(d("111000")) {
		t.Errorf("the quarter's total = %s, want 30000 + 81000 = 111000", res.Total)
	}
	// The explanation says which lines are paid in the other runs.
	var msgs []Msg
	for _, st := range m.Steps {
		msgs = append(msgs, st.Phrase.Msg)
	}
	if !strings.Contains(stepsOf(m), "MsgElsewhere") || !strings.Contains(stepsOf(m), "MsgLeft") {
		t.Errorf("the quarter's manager's steps = %v, want MsgElsewhere and MsgLeft", msgs)
	}

	// The head in October, the clerk in the quarter: nothing of theirs is
	// paid in that run; refused with the way out.
	runErr(t, s, &Input{Period: "2026-10", Employees: []Employee{person("H", "head", "dept_margin=1")}},
		`employee "H": role "head" is paid by the quarter, and nothing of it by the month: the run for 2026-10 pays only what is paid by its period's kind`)
	runErr(t, s, &Input{Period: "2026-Q4", Employees: []Employee{person("C", "clerk")}},
		`employee "C": role "clerk" is paid by the month, and nothing of it by the quarter: the run for 2026-Q4`)
	// A year pays nothing of this scheme.
	runErr(t, s, &Input{Period: "2026", Employees: []Employee{person("C", "clerk")}}, "the scheme pays nothing by the year, only by the month and quarter")
}

// stepsOf names the messages of the steps, for a test to look for one.
func stepsOf(e *EmployeeResult) string {
	var b strings.Builder
	for _, st := range e.Steps {
		switch st.Phrase.Msg {
		case MsgElsewhere:
			b.WriteString("MsgElsewhere ")
		case MsgLeft:
			b.WriteString("MsgLeft ")
		}
	}
	return b.String()
}

// TestRunProrationQuarter: days worked and days in period are the
// roster's, whatever the period: 46 of the quarter's 92 days halve the
// quarter's pay.
func TestRunProrationQuarter(t *testing.T) {
	s := mustScheme(t, mixedYAML)
	e := days(person("H", "head", "dept_margin=3000000"), "46", "92")
	res := mustRun(t, s, &Input{Period: "2026-Q4", Employees: []Employee{e}})
	// p = 46/92 = 1/2; the proportional amount is not prorated (§2.1):
	// 90,000 × 3,000,000 / 3,000,000 = 90,000.00; fixed 0.
	got := res.Employees[0]
	if got.Proration == nil || got.Proration.Cmp(Frac(d("1"), d("2"))) != 0 {
		t.Errorf("Proration = %v, want 1/2", got.Proration)
	}
	pay(t, "half a quarter", got, "0", "0", "90000")
}
