package calc

import (
	"strings"
	"testing"
)

// overrideYAML is metasfresh's commission chain: a rep earns 10 % of the
// invoiced revenue; each manager above earns 10 % of the revenue below
// them net of every commission and override paid below.
const overrideYAML = `version: 1
id: o
currency: EUR
roles:
  - id: rep
    fixed: 0
    kpis: [{id: revenue}]
    components:
      - {id: commission, type: commission, kpi: revenue, rate: 0.1}
  - id: manager
    fixed: 0
    components:
      - {id: override, type: override, of: revenue, rate: 0.1, net_of: [commission, override]}
`

func reportsTo(e Employee, boss string) Employee {
	e.ReportsTo, e.ReportsToSrc = boss, Note("Roster!"+e.ID+".reports_to")
	return e
}

func TestRunOverrideNetOfTheLevelBelow(t *testing.T) {
	s := mustScheme(t, overrideYAML)
	// An invoice of 10: the rep 10 × 0.1 = 1.00; the super-rep
	// 0.1 × (10 − 1.00) = 0.90 (metasfresh); the one above them
	// 0.1 × (10 − (1.00 + 0.90)) = 0.81.
	res := mustRun(t, s, &Input{Employees: []Employee{
		reportsTo(person("R", "rep", "revenue=10"), "S"),
		reportsTo(person("S", "manager", "revenue=0"), "T"),
		person("T", "manager", "revenue=0"),
	}})
	want := map[string]string{"R": "1", "S": "0.9", "T": "0.81"}
	for _, e := range res.Employees {
		if !e.Total.Equal(d(want[e.ID])) {
			t.Errorf("%s: total %s, want %s", e.ID, e.Total, want[e.ID])
		}
	}
}

func TestRunOverrideLevelsAndComponents(t *testing.T) {
	// A head paid 5 % of the commissions of their direct reports only
	// (levels: 1), and a head paid 2 % of all revenue below.
	s := mustScheme(t, `version: 1
id: o
currency: RUB
roles:
  - id: rep
    fixed: 0
    kpis: [{id: revenue}]
    components:
      - {id: commission, type: commission, kpi: revenue, rate: 0.03}
  - id: lead
    fixed: 0
    kpis: [{id: revenue}]
    components:
      - {id: commission, type: commission, kpi: revenue, rate: 0.03}
      - {id: on_team, type: override, of: commission, rate: 0.05, levels: 1}
  - id: head
    fixed: 0
    components:
      - {id: on_all, type: override, of: revenue, rate: 0.02}
`)
	// H ← L1 ← (A, B); H ← L2 ← C. Revenue: A 100,000, B 50,000,
	// C 200,000, L1 10,000, L2 0.
	// Commissions (3 %): A 3,000, B 1,500, C 6,000, L1 300, L2 0.
	// L1's override: 0.05 × (3,000 + 1,500) = 225; total 300 + 225 = 525.
	// L2's: 0.05 × 6,000 = 300; total 300.
	// H's: 0.02 × (10,000 + 0 + 100,000 + 50,000 + 200,000) = 7,200.
	res := mustRun(t, s, &Input{Employees: []Employee{
		reportsTo(person("A", "rep", "revenue=100000"), "L1"),
		reportsTo(person("B", "rep", "revenue=50000"), "L1"),
		reportsTo(person("C", "rep", "revenue=200000"), "L2"),
		reportsTo(person("L1", "lead", "revenue=10000"), "H"),
		reportsTo(person("L2", "lead", "revenue=0"), "H"),
		person("H", "head"),
	}})
	want := map[string]string{"A": "3000", "B": "1500", "C": "6000", "L1": "525", "L2": "300", "H": "7200"}
	for _, e := range res.Employees {
		if !e.Total.Equal(d(want[e.ID])) {
			t.Errorf("%s: total %s, want %s", e.ID, e.Total, want[e.ID])
		}
	}
}

func TestRunHierarchyRefused(t *testing.T) {
	s := mustScheme(t, overrideYAML)
	for _, tc := range []struct {
		name string
		emps []Employee
		want string
	}{
		{"unknown manager", []Employee{reportsTo(person("R", "rep", "revenue=1"), "X")},
			`Roster!R.reports_to: employee "R" reports to "X", who is not in the roster`},
		{"themselves", []Employee{reportsTo(person("R", "rep", "revenue=1"), "R")},
			`Roster!R.reports_to: employee "R" reports to themselves`},
		{"a circle", []Employee{
			reportsTo(person("A", "manager", "revenue=1"), "B"),
			reportsTo(person("B", "manager", "revenue=1"), "C"),
			reportsTo(person("C", "manager", "revenue=1"), "A"),
			reportsTo(person("R", "rep", "revenue=1"), "A"),
		}, `Roster!A.reports_to: the roster's reports_to go round in a circle (A → B → C → A)`},
	} {
		_, err := Run(s, &Input{Employees: tc.emps}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to start with %q", tc.name, err, tc.want)
		}
	}
}

func TestRunOverrideRoleWithoutTheColumn(t *testing.T) {
	// Q is a manager: the role has no revenue column, so Q adds nothing to
	// M's sum. R: 1 × 0.1 = 0.10. Q: no one below, 0. M: 0.1 × (1 −
	// (0.10 + 0)) = 0.09.
	s := mustScheme(t, overrideYAML)
	res := mustRun(t, s, &Input{Employees: []Employee{
		reportsTo(person("R", "rep", "revenue=1"), "M"),
		reportsTo(person("Q", "manager"), "M"),
		person("M", "manager"),
	}})
	want := map[string]string{"R": "0.1", "Q": "0", "M": "0.09"}
	for _, e := range res.Employees {
		if !e.Total.Equal(d(want[e.ID])) {
			t.Errorf("%s: total %s, want %s", e.ID, e.Total, want[e.ID])
		}
	}
}
