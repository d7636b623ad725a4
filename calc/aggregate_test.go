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
