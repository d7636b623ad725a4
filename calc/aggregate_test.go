package calc

import (
	"strings"
	"testing"
)

const aggregateYAML = `version: 1
id: agg
currency: RUB
roles:
  - id: seller
    fixed: 0
    kpis:
      - {id: revenue}
      - {id: dept_revenue, source: department, of: revenue}
      - {id: share, formula: revenue / dept_revenue}
    components:
      - {id: c, type: commission, kpi: share, rate: 1000}
  - id: head
    fixed: 0
    kpis:
      - {id: dept_revenue, source: department, of: revenue, norm: 1000}
      - {id: avg_revenue, source: department, of: revenue, aggregate: average}
      - {id: team_revenue, source: team, of: revenue}
    components:
      - {id: b, type: proportional, kpi: dept_revenue, amount: 10000}
      - {id: t, type: commission, kpi: team_revenue, rate: 0.01}
      - {id: a, type: commission, kpi: avg_revenue, rate: 0.1}
`

func inDept(e Employee, dept string) Employee { e.Department = dept; return e }

func TestRunDepartmentAndTeamKPIs(t *testing.T) {
	s := mustScheme(t, aggregateYAML)
	res := mustRun(t, s, &Input{Employees: []Employee{
		inDept(reportsTo(person("A", "seller", "revenue=100"), "H"), "north"),
		inDept(reportsTo(person("B", "seller", "revenue=300"), "H"), "north"),
		inDept(person("C", "seller", "revenue=400"), "north"),
		inDept(person("H", "head"), "north"),
		inDept(person("D", "seller", "revenue=200"), "south"),
	}})
	// north's revenue: A 100 + B 300 + C 400 = 800 (H's role has no
	// revenue column: not counted); south's: D 200.
	// Shares × 1,000: A 100/800 = 0.125 → 125; B 0.375 → 375; C 0.5 →
	// 500; D 200/200 = 1 → 1,000.
	// H: the department's 800 of a norm of 1,000 is 0.8 → 10,000 × 0.8 =
	// 8,000; the average 800 / 3 = 266.67 → 0.1 × 800/3 = 26.666… →
	// 26.67; the team, H and those below (A, B): 400 → 0.01 × 400 = 4.
	// H's total: 8,000 + 26.67 + 4 = 8,030.67.
	want := map[string]string{"A": "125", "B": "375", "C": "500", "D": "1000", "H": "8030.67"}
	for _, e := range res.Employees {
		if !e.Total.Equal(d(want[e.ID])) {
			t.Errorf("%s: total %s, want %s", e.ID, e.Total, want[e.ID])
		}
	}
}

func TestRunDepartmentKPIRefusals(t *testing.T) {
	s := mustScheme(t, aggregateYAML)
	_, err := Run(s, &Input{Employees: []Employee{person("H", "head")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), `KPI "dept_revenue" is summed over the employee's department, and the roster gives them none`) {
		t.Errorf("no department: %v", err)
	}
	_, err = Run(s, &Input{Employees: []Employee{inDept(person("H", "head"), "north")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), `KPI "avg_revenue" is the average of "revenue" over north, and no one there has it`) {
		t.Errorf("an average of no one: %v", err)
	}
}

func TestRunTeamLevelsFromMembers(t *testing.T) {
	s := mustScheme(t, `version: 1
id: tl
currency: RUB
roles:
  - id: seller
    fixed: 0
    variable: 1000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: revenue, weight: 1, base: 0, norm: 100, target: 200}
    modifiers:
      - {id: team, type: team, kpi: revenue, multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}}
`)
	plan := func(e Employee, base, norm, target string) Employee {
		v := func(x string) *Value { return &Value{V: d(x), Src: Note("Plans!" + e.ID)} }
		e.Plans = append(e.Plans, Plan{KPI: "revenue", Base: v(base), Norm: v(norm), Target: v(target)})
		return e
	}
	res := mustRun(t, s, &Input{Employees: []Employee{
		inDept(plan(person("A", "seller", "revenue=100"), "50", "100", "150"), "north"),
		inDept(plan(person("B", "seller", "revenue=300"), "100", "200", "300"), "north"),
		inDept(person("C", "seller", "revenue=250"), "south"),
	}})
	// north: fact 100 + 300 = 400; minimum 50 + 100 = 150, normal 100 +
	// 200 = 300, maximum 150 + 300 = 450: normal, × 1.1.
	//   A: (100 − 50) / (100 − 50) = 1 → 1,000 × 1 × 1.1 = 1,100.
	//   B: (300 − 100) / (200 − 100) = 2 (the target's index, 2) → 2,000 × 1.1 = 2,200.
	// south: C alone with the scheme's plans: 250 against 0 / 100 / 200:
	// maximum, × 1.2; index (250 − 0) / 100 = 2.5, capped at the
	// target's 2 → 2,000 × 1.2 = 2,400.
	want := map[string]string{"A": "1100", "B": "2200", "C": "2400"}
	for _, e := range res.Employees {
		if !e.Bonus.Equal(d(want[e.ID])) {
			t.Errorf("%s: bonus %s, want %s", e.ID, e.Bonus, want[e.ID])
		}
	}
	// A member without a plan level makes the department's unknown: said
	// at that member's row.
	noTarget := mustScheme(t, `version: 1
id: tl
currency: RUB
roles:
  - id: seller
    fixed: 0
    variable: 1000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: revenue, weight: 1, base: 0, norm: 100}
    modifiers:
      - {id: team, type: team, kpi: revenue, multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}}
`)
	_, err := Run(noTarget, &Input{Employees: []Employee{inDept(person("A", "seller", "revenue=1"), "north")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), `Roster!A: employee "A": team sums the target of KPI "revenue" over department "north", and "A" has none`) {
		t.Errorf("no target: %v", err)
	}
}
