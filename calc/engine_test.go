package calc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// mustScheme parses and validates a scheme written in the test. Warnings
// (design rules, e.g. a one-KPI role) do not matter here.
func mustScheme(t *testing.T, y string) *plan.Scheme {
	t.Helper()
	s, err := plan.Parse(strings.NewReader(y), "s.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if _, err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return s
}

// person is a roster row with facts written "id=value".
func person(id, role string, facts ...string) Employee {
	e := Employee{ID: id, Name: "Name " + id, Role: role, Src: Note("Roster!" + id)}
	for _, f := range facts {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			panic("fact without =: " + f)
		}
		e.Facts.Set(k, Value{V: d(v), Src: Note("Facts!" + id + "." + k)})
	}
	return e
}

func days(e Employee, worked, in string) Employee {
	e.DaysWorked = &Value{V: d(worked), Src: Note("Roster!" + e.ID + ".days_worked")}
	e.DaysInPeriod = &Value{V: d(in), Src: Note("Roster!" + e.ID + ".days_in_period")}
	return e
}

func mustRun(t *testing.T, s *plan.Scheme, in *Input) *Result {
	t.Helper()
	res, err := Run(s, in, Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkCrossFoot(t, res)
	return res
}

// runOne runs a single employee and returns their line.
func runOne(t *testing.T, s *plan.Scheme, e Employee) *EmployeeResult {
	t.Helper()
	res := mustRun(t, s, &Input{Employees: []Employee{e}})
	if len(res.Employees) != 1 {
		t.Fatalf("Run gave %d employees, want 1", len(res.Employees))
	}
	return res.Employees[0]
}

// runErr runs and expects an error holding every one of want.
func runErr(t *testing.T, s *plan.Scheme, in *Input, want ...string) {
	t.Helper()
	res, err := Run(s, in, Options{})
	if err == nil {
		t.Fatalf("Run succeeded (total %s), want an error containing %q", res.Total, want)
	}
	if res != nil {
		t.Errorf("Run returned a result beside the error %v", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Run error = %q, want it to contain %q", err, w)
		}
	}
}

// checkCrossFoot: total = fixed + bonus + Σ components for every line, and
// each Result total is the sum of the lines.
func checkCrossFoot(t *testing.T, res *Result) {
	t.Helper()
	fixed, bonus, comps, total := decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	for _, e := range res.Employees {
		sum := e.Fixed.Add(e.Bonus)
		for _, c := range e.Components {
			sum = sum.Add(c.Amount)
			comps = comps.Add(c.Amount)
		}
		if !e.Total.Equal(sum) {
			t.Errorf("%s: Total = %s, want fixed + bonus + components = %s", e.ID, e.Total, sum)
		}
		fixed, bonus, total = fixed.Add(e.Fixed), bonus.Add(e.Bonus), total.Add(e.Total)
	}
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{{"Fixed", res.Fixed, fixed}, {"Bonus", res.Bonus, bonus}, {"Components", res.Components, comps}, {"Total", res.Total, total}} {
		if !c.got.Equal(c.want) {
			t.Errorf("Result.%s = %s, want the sum of the lines %s", c.name, c.got, c.want)
		}
	}
}

// pay checks one line's fixed part, bonus and total.
func pay(t *testing.T, name string, e *EmployeeResult, fixed, bonus, total string) {
	t.Helper()
	if !e.Fixed.Equal(d(fixed)) {
		t.Errorf("%s: Fixed = %s, want %s", name, e.Fixed, fixed)
	}
	if !e.Bonus.Equal(d(bonus)) {
		t.Errorf("%s: Bonus = %s, want %s", name, e.Bonus, bonus)
	}
	if !e.Total.Equal(d(total)) {
		t.Errorf("%s: Total = %s, want %s", name, e.Total, total)
	}
}

func kpiOf(t *testing.T, e *EmployeeResult, id string) KPIResult {
	t.Helper()
	for _, k := range e.KPIs {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("%s: no KPI %q in the result", e.ID, id)
	return KPIResult{}
}

func componentOf(t *testing.T, e *EmployeeResult, id string) decimal.Decimal {
	t.Helper()
	for _, c := range e.Components {
		if c.ID == id {
			return c.Amount
		}
	}
	t.Fatalf("%s: no component %q in the result", e.ID, id)
	return decimal.Zero
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func paid(amount, due, on string) Payment {
	p := Payment{Customer: "C", Amount: Value{V: d(amount), Src: Note("Payments!" + due)}, Due: date(due), Src: Note("Payments!" + due + "/" + on)}
	if on != "" {
		t := date(on)
		p.Paid = &t
	}
	return p
}

// matrixYAML is the KPI matrix of docs/calculation.md §3: one lower-is-better KPI.
const matrixYAML = `version: 1
id: matrix
currency: RUB
roles:
  - id: office
    fixed: 30000
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: on_time, weight: 0.4, base: 0.80, norm: 0.95, target: 1.00}
      - {id: costs, weight: 0.3, base: 60000, norm: 50000, target: 45000}
      - {id: docs, weight: 0.3, base: 100, norm: 150, target: 180}
`

func TestRunWeightedIndex(t *testing.T) {
	s := mustScheme(t, matrixYAML)
	res := mustRun(t, s, &Input{Employees: []Employee{
		// on_time (0.95−0.8)/0.15 = 1; costs (48000−60000)/(50000−60000) = 1.2 (cap 1.5);
		// docs (165−100)/50 = 1.3 (cap 1.6). K = 0.4 + 0.36 + 0.39 = 1.15 → 20000 × 1.15 = 23000.
		person("A", "office", "on_time=0.95", "costs=48000", "docs=165"),
		// on_time at base → 0; costs 62000 above base (worse) → (2000)/(−10000) < 0 → 0;
		// docs 200 → 2 capped at (180−100)/50 = 1.6. K = 0.3 × 1.6 = 0.48 → 9600.
		person("B", "office", "on_time=0.80", "costs=62000", "docs=200"),
		// on_time 0.1/0.15 = 2/3; costs (−20000)/(−10000) = 2 capped at 1.5; docs 20/50 = 0.4.
		// K = 0.4 × 2/3 + 0.3 × 1.5 + 0.3 × 0.4 = 4/15 + 0.45 + 0.12 = 251/300;
		// 20000 × 251/300 = 16733.333… → 16733.33.
		person("C", "office", "on_time=0.90", "costs=40000", "docs=120"),
	}})
	if len(res.Employees) != 3 {
		t.Fatalf("Run gave %d employees, want 3", len(res.Employees))
	}
	a, b, c := res.Employees[0], res.Employees[1], res.Employees[2]
	pay(t, "A", a, "30000", "23000", "53000")
	pay(t, "B", b, "30000", "9600", "39600")
	pay(t, "C", c, "30000", "16733.33", "46733.33")
	for _, k := range []struct {
		e    *EmployeeResult
		want Q
	}{{a, q("1.15")}, {b, q("0.48")}, {c, fr("251", "300")}} {
		if k.e.K == nil || k.e.K.Cmp(k.want) != 0 {
			t.Errorf("%s: K = %v, want %s", k.e.ID, k.e.K, k.want)
		}
		if k.e.Coefficient.Cmp(k.want) != 0 {
			t.Errorf("%s: Coefficient = %s, want %s", k.e.ID, k.e.Coefficient, k.want)
		}
	}
	// 30000 × 3; 23000 + 9600 + 16733.33; 53000 + 39600 + 46733.33
	for _, c := range []struct {
		name string
		got  decimal.Decimal
		want string
	}{{"Fixed", res.Fixed, "90000"}, {"Bonus", res.Bonus, "49333.33"}, {"Total", res.Total, "139333.33"}, {"Components", res.Components, "0"}} {
		if !c.got.Equal(d(c.want)) {
			t.Errorf("Result.%s = %s, want %s", c.name, c.got, c.want)
		}
	}

	rows := []struct {
		e                    *EmployeeResult
		kpi, dir, band       string
		index, weighted, ful Q
	}{
		{a, "on_time", plan.Higher, "at-norm", q("1"), q("0.4"), q("1")},
		{a, "costs", plan.Lower, "at-norm", q("1.2"), q("0.36"), fr("50000", "48000")}, // norm / fact = 25/24
		{a, "docs", plan.Higher, "at-norm", q("1.3"), q("0.39"), fr("165", "150")},
		{b, "on_time", plan.Higher, "below-base", q("0"), q("0"), fr("0.80", "0.95")},
		{b, "costs", plan.Lower, "below-base", q("0"), q("0"), fr("50000", "62000")},
		{b, "docs", plan.Higher, "at-norm", q("1.6"), q("0.48"), fr("200", "150")},
		{c, "on_time", plan.Higher, "base-norm", fr("2", "3"), fr("4", "15"), fr("0.90", "0.95")},
		{c, "costs", plan.Lower, "at-norm", q("1.5"), q("0.45"), fr("50000", "40000")},
		{c, "docs", plan.Higher, "base-norm", q("0.4"), q("0.12"), fr("120", "150")},
	}
	for _, r := range rows {
		k := kpiOf(t, r.e, r.kpi)
		if k.Direction != r.dir {
			t.Errorf("%s %s: Direction = %s, want %s", r.e.ID, r.kpi, k.Direction, r.dir)
		}
		if k.Band != r.band {
			t.Errorf("%s %s: Band = %s, want %s", r.e.ID, r.kpi, k.Band, r.band)
		}
		if k.Index == nil || k.Index.Cmp(r.index) != 0 {
			t.Errorf("%s %s: Index = %v, want %s", r.e.ID, r.kpi, k.Index, r.index)
		}
		if k.Weighted == nil || k.Weighted.Cmp(r.weighted) != 0 {
			t.Errorf("%s %s: Weighted = %v, want %s", r.e.ID, r.kpi, k.Weighted, r.weighted)
		}
		if k.Fulfilment == nil || k.Fulfilment.Cmp(r.ful) != 0 {
			t.Errorf("%s %s: Fulfilment = %v, want %s", r.e.ID, r.kpi, k.Fulfilment, r.ful)
		}
	}
}

const capsYAML = `version: 1
id: caps
currency: RUB
roles:
  - id: target
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 100, norm: 120, target: 150}
  - id: uncapped
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 100, norm: 120, target: 150, cap: none}
  - id: explicit
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 100, norm: 120, target: 150, cap: 1.2}
  - id: notarget
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 100, norm: 120}
`

// TestRunIndexCaps: index = (fact − 100) / 20; the target caps it at
// (150 − 100) / 20 = 2.5, cap: none lifts the cap, cap: 1.2 replaces it.
// TestSkipSteps: without the explanation the amounts are the hand-computed
// ones of TestRunWeightedIndex, and no step is worded.
func TestSkipSteps(t *testing.T) {
	s := mustScheme(t, matrixYAML)
	res, err := Run(s, &Input{Employees: []Employee{
		person("A", "office", "on_time=0.95", "costs=48000", "docs=165"),
		person("C", "office", "on_time=0.90", "costs=40000", "docs=120"),
	}}, Options{SkipSteps: true})
	if err != nil {
		t.Fatal(err)
	}
	pay(t, "A", res.Employees[0], "30000", "23000", "53000")
	pay(t, "C", res.Employees[1], "30000", "16733.33", "46733.33")
	for _, e := range res.Employees {
		if len(e.Steps) != 0 {
			t.Errorf("%s: %d steps worded, want none", e.ID, len(e.Steps))
		}
		if len(e.KPIs) != 3 {
			t.Errorf("%s: %d KPI rows, want 3 (the JSON shows them)", e.ID, len(e.KPIs))
		}
	}
}

func TestRunIndexCaps(t *testing.T) {
	s := mustScheme(t, capsYAML)
	tests := []struct {
		role, fact, bonus string
	}{
		{"target", "90", "0"},        // below base
		{"target", "100", "0"},       // at base
		{"target", "110", "5000"},    // 0.5
		{"target", "124", "12000"},   // 1.2
		{"target", "125", "12500"},   // 1.25
		{"target", "150", "25000"},   // at target: 2.5
		{"target", "200", "25000"},   // 5, capped at 2.5
		{"uncapped", "110", "5000"},  // 0.5
		{"uncapped", "150", "25000"}, // 2.5
		{"uncapped", "200", "50000"}, // 5: no cap
		{"explicit", "110", "5000"},  // 0.5
		{"explicit", "124", "12000"}, // exactly the cap
		{"explicit", "125", "12000"}, // 1.25 → 1.2: the explicit cap wins over the target's 2.5
		{"explicit", "200", "12000"}, // 5 → 1.2
		{"notarget", "200", "50000"}, // no target, no cap: 5
		{"notarget", "100.2", "100"}, // 0.01
		{"notarget", "99.99", "0"},   // below base
	}
	for _, tt := range tests {
		e := runOne(t, s, person("E", tt.role, "sales="+tt.fact))
		pay(t, tt.role+" at "+tt.fact, e, "0", tt.bonus, tt.bonus)
	}
}

const gatesYAML = `version: 1
id: gates
currency: RUB
ladders:
  - id: seed
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
roles:
  - id: weighted
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.5, base: 0, norm: 100, gate: 0.9}
      - {id: calls, weight: 0.5, base: 0, norm: 50}
  - id: laddered
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - {id: sales, norm: 100, ladder: seed, gate: 0.9}
      - {id: margin, norm: 100, ladder: seed}
    conditions:
      - {id: no_errors, coefficient: 0.15}
    gates:
      - {kpi: margin, min: 0.8}
`

func TestRunGates(t *testing.T) {
	s := mustScheme(t, gatesYAML)
	tests := []struct {
		name   string
		e      Employee
		bonus  string
		voided bool // sales voided by its own gate
	}{
		// sales 0.85 < gate 0.9: index 0; calls 1. K = 0.5 × 1 = 0.5 → 5000.
		{"KPI gate voids a weighted KPI", person("E", "weighted", "sales=85", "calls=50"), "5000", true},
		// 89.99 is still below 0.9.
		{"KPI gate, one unit below", person("E", "weighted", "sales=89.99", "calls=50"), "5000", true},
		// sales 0.9 at the gate: index 0.9. K = 0.45 + 0.5 = 0.95 → 9500.
		{"KPI gate at the bound", person("E", "weighted", "sales=90", "calls=50"), "9500", false},
		// sales ladder would give 0.3 but is voided; margin 1 → 0.45; no_errors +0.15. 0.6 → 6000.
		{"KPI gate voids a ladder KPI", person("E", "laddered", "sales=85", "margin=100", "no_errors=1"), "6000", true},
		// sales 0.95 → 0.3; margin 0.45; +0.15 → 0.9 → 9000.
		{"KPI gate passed", person("E", "laddered", "sales=95", "margin=100", "no_errors=1"), "9000", false},
		// margin 0.79 < role gate 0.8: the whole variable part, conditions too, is void.
		{"role gate voids the bonus", person("E", "laddered", "sales=115", "margin=79", "no_errors=1"), "0", false},
		// margin 0.8 → 0.3; sales 1.15 → 0.465; +0.15 → 0.915 → 9150.
		{"role gate at the bound", person("E", "laddered", "sales=115", "margin=80", "no_errors=1"), "9150", false},
	}
	for _, tt := range tests {
		e := runOne(t, s, tt.e)
		pay(t, tt.name, e, "0", tt.bonus, tt.bonus)
		if k := kpiOf(t, e, "sales"); k.Voided != tt.voided {
			t.Errorf("%s: sales Voided = %v, want %v", tt.name, k.Voided, tt.voided)
		}
	}
}

const payoutYAML = `version: 1
id: payout
currency: RUB
ladders:
  - id: payout
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.8}
      - {from: 1, value: 1.2}
  - id: seed
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: index, payout: payout}
    kpis:
      - {id: sales, weight: 0.5, base: 0, norm: 10000}
      - {id: calls, weight: 0.5, base: 0, norm: 100}
  - id: both
    fixed: 0
    variable: 10000
    bonus: {method: both}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100, ladder: seed}
`

func TestRunPayoutLadder(t *testing.T) {
	s := mustScheme(t, payoutYAML)
	tests := []struct {
		name    string
		e       Employee
		k, coef Q
		bonus   string
	}{
		// K = 0.5 × 7999/10000 + 0.5 × 0.8 = 0.39995 + 0.4 = 0.79995 → [0, 0.8) → 0.
		{"K just below 0.8", person("E", "m", "sales=7999", "calls=80"), q("0.79995"), q("0"), "0"},
		// K = 0.4 + 0.4 = 0.8 → 0.8 → 8000.
		{"K at 0.8", person("E", "m", "sales=8000", "calls=80"), q("0.8"), q("0.8"), "8000"},
		// K = 0.5 + 0.45 = 0.95 → 0.8 → 8000.
		{"K 0.95", person("E", "m", "sales=10000", "calls=90"), q("0.95"), q("0.8"), "8000"},
		// K = 1 → 1.2 → 12000.
		{"K at 1", person("E", "m", "sales=10000", "calls=100"), q("1"), q("1.2"), "12000"},
		// method both: K = 1.15 (no cap) plus the seed ladder at 1.15 = 0.465: 1.615 → 16150.
		{"method both", person("E", "both", "sales=115"), q("1.15"), q("1.615"), "16150"},
	}
	for _, tt := range tests {
		e := runOne(t, s, tt.e)
		if e.K == nil || e.K.Cmp(tt.k) != 0 {
			t.Errorf("%s: K = %v, want %s", tt.name, e.K, tt.k)
		}
		if e.Coefficient.Cmp(tt.coef) != 0 {
			t.Errorf("%s: Coefficient = %s, want %s", tt.name, e.Coefficient, tt.coef)
		}
		pay(t, tt.name, e, "0", tt.bonus, tt.bonus)
	}
}

// ladderYAML is the seed's scheme (docs/calculation.md §4.5): two KPIs on one ladder,
// two yes/no conditions, 50/50 fixed/variable; and a buyer whose costs are
// lower-is-better on the same ladder.
const ladderYAML = `version: 1
id: ladder
currency: RUB
ladders:
  - id: plan-fulfilment
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
roles:
  - id: manager
    fixed: 30000
    variable: 30000
    bonus: {method: ladders}
    kpis:
      - {id: sales, norm: 1000000, ladder: plan-fulfilment}
      - {id: margin, norm: 200000, ladder: plan-fulfilment}
    conditions:
      - {id: no_errors, coefficient: 0.15}
      - {id: no_remarks, coefficient: 0.15}
  - id: buyer
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - {id: costs, direction: lower, norm: 50000, ladder: plan-fulfilment}
`

func TestRunLaddersAndConditions(t *testing.T) {
	s := mustScheme(t, ladderYAML)
	tests := []struct {
		name         string
		e            Employee
		coef         Q
		bonus, total string
	}{
		// 0.465 + 0.465 + 0.15 = 1.08 → 30000 × 1.08 = 32400.
		{"115 %, one condition", person("E", "manager", "sales=1150000", "margin=230000", "no_errors=1", "no_remarks=0"), q("1.08"), "32400", "62400"},
		// r = 0.799999 on both → 0; conditions 0.3 → 9000.
		{"just below 80 %", person("E", "manager", "sales=799999", "margin=159999.8", "no_errors=1", "no_remarks=1"), q("0.3"), "9000", "39000"},
		// 0.3 + 0.3 = 0.6 → 18000.
		{"at 80 %", person("E", "manager", "sales=800000", "margin=160000", "no_errors=0", "no_remarks=0"), q("0.6"), "18000", "48000"},
		// 0.45 + 0.45 + 0.3 = 1.2 → 36000.
		{"at 100 %", person("E", "manager", "sales=1000000", "margin=200000", "no_errors=1", "no_remarks=1"), q("1.2"), "36000", "66000"},
		// sales 1.049999 → 0.45; margin 1.05 → 0.455; 0.905 → 27150.
		{"mixed", person("E", "manager", "sales=1049999", "margin=210000", "no_errors=0", "no_remarks=0"), q("0.905"), "27150", "57150"},
		// both capped at 0.465: 0.93 + 0.3 = 1.23 → 36900.
		{"120 % and 200 %", person("E", "manager", "sales=1200000", "margin=400000", "no_errors=1", "no_remarks=1"), q("1.23"), "36900", "66900"},
		// lower is better: r = norm / fact = 50000 / 40000 = 1.25 → 0.45 + 5 × 0.005 = 0.475 → 0.465 → 4650.
		{"lower-is-better well under norm", person("E", "buyer", "costs=40000"), q("0.465"), "4650", "4650"},
		// 50000 / 50000 = 1 → 0.45 → 4500.
		{"lower-is-better at norm", person("E", "buyer", "costs=50000"), q("0.45"), "4500", "4500"},
		// 50000 / 62500 = 0.8 → 0.3 → 3000.
		{"lower-is-better at 80 %", person("E", "buyer", "costs=62500"), q("0.3"), "3000", "3000"},
		// 50000 / 62501 < 0.8 → 0.
		{"lower-is-better below 80 %", person("E", "buyer", "costs=62501"), q("0"), "0", "0"},
	}
	for _, tt := range tests {
		e := runOne(t, s, tt.e)
		if e.K != nil {
			t.Errorf("%s: K = %s, want none (no weighted KPIs)", tt.name, e.K)
		}
		if e.Coefficient.Cmp(tt.coef) != 0 {
			t.Errorf("%s: Coefficient = %s, want %s", tt.name, e.Coefficient, tt.coef)
		}
		fixed := "30000"
		if tt.e.Role == "buyer" {
			fixed = "0"
		}
		pay(t, tt.name, e, fixed, tt.bonus, tt.total)
	}
	e := runOne(t, s, person("E", "manager", "sales=1150000", "margin=230000", "no_errors=1", "no_remarks=0"))
	for _, id := range []string{"sales", "margin"} {
		k := kpiOf(t, e, id)
		if k.Coefficient == nil || k.Coefficient.Cmp(q("0.465")) != 0 {
			t.Errorf("%s: Coefficient = %v, want 0.465", id, k.Coefficient)
		}
		if k.Fulfilment == nil || k.Fulfilment.Cmp(q("1.15")) != 0 {
			t.Errorf("%s: Fulfilment = %v, want 1.15", id, k.Fulfilment)
		}
	}
}

const modifiersYAML = `version: 1
id: modifiers
currency: RUB
roles:
  - id: quality
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - {id: quality, type: quality_gate, fact: quality, min: 0.90, factor: 0.5}
  - id: team
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - id: team
        type: team
        multipliers: {below: 0.9, minimum: 1.05, normal: 1.1, maximum: 1.2}
  - id: team_nobelow
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - id: team
        type: team
        multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}
  - id: cut
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - {id: cut, type: reduction, factor: 0.9}
  - id: personal_cut
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - {id: cut, type: reduction, fact: reduction}
  - id: overdue
    fixed: 1000
    variable: 300
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - {id: overdue, type: overdue, per_day: 100}
  - id: team_then_overdue
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - id: team
        type: team
        multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}
      - {id: overdue, type: overdue, per_day: 100}
  - id: overdue_then_team
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1}]
    modifiers:
      - {id: overdue, type: overdue, per_day: 100}
      - id: team
        type: team
        multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}
`

// In every role of modifiersYAML the bonus before modifiers is variable × 1.

func TestRunQualityGate(t *testing.T) {
	s := mustScheme(t, modifiersYAML)
	tests := []struct {
		score, bonus string
		applied      bool
	}{
		{"0.85", "5000", true},   // below 0.90: 10000 × 0.5
		{"0.8999", "5000", true}, // one unit below the minimum
		{"0.90", "10000", false}, // at the minimum: no reduction
		{"0.95", "10000", false},
		{"1", "10000", false},
	}
	for _, tt := range tests {
		e := runOne(t, s, person("E", "quality", "ok=1", "quality="+tt.score))
		pay(t, "quality "+tt.score, e, "0", tt.bonus, tt.bonus)
		if len(e.Modifiers) != 1 || e.Modifiers[0].Applied != tt.applied {
			t.Errorf("quality %s: Modifiers = %+v, want one with Applied %v", tt.score, e.Modifiers, tt.applied)
		}
	}
	// 85 looks like a percentage while the minimum is a fraction.
	runErr(t, s, &Input{Employees: []Employee{person("E", "quality", "ok=1", "quality=85")}}, "Facts!E.quality", "quality score 85 is above 1")
	runErr(t, s, &Input{Employees: []Employee{person("E", "quality", "ok=1")}}, `no value for "quality"`)
}

func TestRunTeamMultiplier(t *testing.T) {
	s := mustScheme(t, modifiersYAML)
	dept := func(fact string) map[string]Department {
		return map[string]Department{"north": {
			ID: "north", Src: Note("Departments!2"),
			Fact:    Value{V: d(fact)},
			Minimum: Value{V: d("3000000")},
			Normal:  Value{V: d("4000000")},
			Maximum: Value{V: d("5000000")},
		}}
	}
	tests := []struct {
		role, fact, bonus string
	}{
		{"team", "2999999.99", "9000"},          // below minimum: × 0.9
		{"team", "3000000", "10500"},            // at minimum: × 1.05
		{"team", "3999999.99", "10500"},         // still minimum
		{"team", "4000000", "11000"},            // at normal: × 1.1
		{"team", "4999999.99", "11000"},         // still normal
		{"team", "5000000", "12000"},            // at maximum: × 1.2
		{"team", "6000000", "12000"},            // above maximum
		{"team_nobelow", "2999999.99", "10000"}, // below, no multiplier given: × 1
		{"team_nobelow", "3000000", "10500"},
	}
	for _, tt := range tests {
		e := person("E", tt.role, "ok=1")
		e.Department = "north"
		res := mustRun(t, s, &Input{Employees: []Employee{e}, Departments: dept(tt.fact)})
		pay(t, tt.role+" at "+tt.fact, res.Employees[0], "0", tt.bonus, tt.bonus)
	}
	e := person("E", "team", "ok=1")
	e.Department = "south"
	runErr(t, s, &Input{Employees: []Employee{e}, Departments: dept("1")}, `department "south" has no row`)
}

func TestRunReduction(t *testing.T) {
	s := mustScheme(t, modifiersYAML)
	tests := []struct {
		e     Employee
		bonus string
	}{
		{person("E", "cut", "ok=1"), "9000"},                             // 10000 × 0.9
		{person("E", "personal_cut", "ok=1", "reduction=0.75"), "7500"},  // 10000 × 0.75
		{person("E", "personal_cut", "ok=1", "reduction=1"), "10000"},    // × 1
		{person("E", "personal_cut", "ok=1", "reduction=0"), "0"},        // × 0
		{person("E", "personal_cut", "ok=1", "reduction=0.333"), "3330"}, // × 0.333
	}
	for _, tt := range tests {
		e := runOne(t, s, tt.e)
		pay(t, tt.e.Role, e, "0", tt.bonus, tt.bonus)
	}
	runErr(t, s, &Input{Employees: []Employee{person("E", "personal_cut", "ok=1", "reduction=1.2")}}, "Facts!E.reduction", "reduction factor 1.2 must be between 0 and 1")
	runErr(t, s, &Input{Employees: []Employee{person("E", "personal_cut", "ok=1", "reduction=-0.1")}}, "must be between 0 and 1")
	runErr(t, s, &Input{Employees: []Employee{person("E", "personal_cut", "ok=1")}}, `no value for "reduction"`)
}

func TestRunOverdue(t *testing.T) {
	s := mustScheme(t, modifiersYAML)
	tests := []struct {
		name      string
		payments  []Payment
		bonus     string
		deduction string // "" when nothing was deducted
	}{
		// 5 days × 100 = 500 > 300: the bonus stops at zero; 300 deducted, not 500.
		{"penalty above the bonus", []Payment{paid("1000", "2026-10-15", "2026-10-20")}, "0", "300"},
		// 2 days × 100 = 200: 300 − 200 = 100.
		{"2 days late", []Payment{paid("1000", "2026-10-15", "2026-10-17")}, "100", "200"},
		// 3 days exactly: 300 − 300 = 0.
		{"penalty equal to the bonus", []Payment{paid("1000", "2026-10-15", "2026-10-18")}, "0", "300"},
		// 1 + 1 days over two payments: 300 − 200 = 100.
		{"two late payments", []Payment{paid("1", "2026-10-10", "2026-10-11"), paid("1", "2026-10-12", "2026-10-13")}, "100", "200"},
		// Paid early or on the due day: nothing.
		{"on time", []Payment{paid("1000", "2026-10-15", "2026-10-14"), paid("1000", "2026-10-15", "2026-10-15")}, "300", ""},
		// Not paid at all: no late payment yet.
		{"unpaid", []Payment{paid("1000", "2026-10-01", "")}, "300", ""},
		// Paid late but in November: outside the period.
		{"paid after the period", []Payment{paid("1000", "2026-10-15", "2026-11-02")}, "300", ""},
		// Due in September, paid 1 October: 3 days in the period → 300 − 300 = 0.
		{"due in the previous period", []Payment{paid("1000", "2026-09-28", "2026-10-01")}, "0", "300"},
		// No payments at all.
		{"no payments", nil, "300", ""},
	}
	for _, tt := range tests {
		e := person("E", "overdue", "ok=1")
		e.Payments = tt.payments
		res := mustRun(t, s, &Input{Period: "2026-10", Employees: []Employee{e}})
		got := res.Employees[0]
		pay(t, tt.name, got, "1000", tt.bonus, d("1000").Add(d(tt.bonus)).String())
		if len(got.Modifiers) != 1 {
			t.Fatalf("%s: Modifiers = %+v, want one", tt.name, got.Modifiers)
		}
		m := got.Modifiers[0]
		if m.Applied != (tt.deduction != "") {
			t.Errorf("%s: Applied = %v, want %v", tt.name, m.Applied, tt.deduction != "")
		}
		if tt.deduction != "" && (m.Deduction == nil || !m.Deduction.Equal(d(tt.deduction))) {
			t.Errorf("%s: Deduction = %v, want %s", tt.name, m.Deduction, tt.deduction)
		}
	}
	e := person("E", "overdue", "ok=1")
	e.Payments = []Payment{paid("1000", "2026-10-15", "2026-10-20")}
	runErr(t, s, &Input{Employees: []Employee{e}}, "--period")
}

// TestRunModifierOrder: modifiers apply in the order written.
func TestRunModifierOrder(t *testing.T) {
	s := mustScheme(t, modifiersYAML)
	deps := map[string]Department{"north": {ID: "north", Fact: Value{V: d("4000000")}, Minimum: Value{V: d("3000000")}, Normal: Value{V: d("4000000")}, Maximum: Value{V: d("5000000")}}}
	tests := []struct {
		role, bonus string
	}{
		{"team_then_overdue", "10500"}, // 10000 × 1.1 − 5 × 100 = 11000 − 500
		{"overdue_then_team", "10450"}, // (10000 − 500) × 1.1 = 9500 × 1.1
	}
	for _, tt := range tests {
		e := person("E", tt.role, "ok=1")
		e.Department = "north"
		e.Payments = []Payment{paid("1000", "2026-10-15", "2026-10-20")}
		res := mustRun(t, s, &Input{Period: "2026-10", Employees: []Employee{e}, Departments: deps})
		pay(t, tt.role, res.Employees[0], "0", tt.bonus, tt.bonus)
	}
}

const paidYAML = `version: 1
id: paid
currency: RUB
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: margin, source: payments, weight: 1, base: 0, norm: 500000, target: 600000}
    modifiers:
      - {id: overdue, type: overdue, per_day: 100}
`

func TestRunPaidRevenue(t *testing.T) {
	s := mustScheme(t, paidYAML)
	e := person("E", "m")
	e.Payments = []Payment{
		paid("300000", "2026-10-10", "2026-10-08"), // paid early: counts
		paid("250000", "2026-10-15", "2026-10-20"), // paid 5 days late: counts, 500 penalty
		paid("100000", "2026-10-25", ""),           // shipped, not paid: nothing
		paid("50000", "2026-09-30", "2026-09-29"),  // paid in September: not this period
		paid("70000", "2026-10-30", "2026-11-02"),  // paid in November: not this period
		paid("1", "2026-10-01", "2026-10-01"),      // first day of the period: counts
		paid("2", "2026-10-31", "2026-10-31"),      // last day of the period: counts
	}
	res := mustRun(t, s, &Input{Period: "2026-10", Employees: []Employee{e}})
	got := res.Employees[0]
	// margin = 300000 + 250000 + 1 + 2 = 550003; index 550003 / 500000 = 1.100006
	// (cap 1.2); 10000 × 1.100006 = 11000.06; − 500 = 10500.06.
	if k := kpiOf(t, got, "margin"); !k.Fact.Equal(d("550003")) {
		t.Errorf("margin Fact = %s, want 550003", k.Fact)
	}
	pay(t, "paid revenue", got, "0", "10500.06", "10500.06")
}

// TestRunPaymentOnLastDayOfPeriodCounts: a payment received during the last
// day of the period (not at its first instant) is received within the period.
func TestRunPaymentOnLastDayOfPeriodCounts(t *testing.T) {
	s := mustScheme(t, paidYAML)
	e := person("E", "m")
	noon := time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC)
	e.Payments = []Payment{{Customer: "C", Amount: Value{V: d("100000")}, Due: date("2026-10-31"), Paid: &noon, Src: Note("Payments!2")}}
	res := mustRun(t, s, &Input{Period: "2026-10", Employees: []Employee{e}})
	got := res.Employees[0]
	// margin 100000, paid on the due day: index 100000 / 500000 = 0.2 → 10000 × 0.2 = 2000.
	if k := kpiOf(t, got, "margin"); !k.Fact.Equal(d("100000")) {
		t.Errorf("margin Fact = %s, want 100000 (paid 2026-10-31 12:00 is within 2026-10)", k.Fact)
	}
	pay(t, "paid on the last day at noon", got, "0", "2000", "2000")
}

// TestRunOverdueDaysAcrossDSTChange: days late are calendar days. In Berlin
// 2026-03-29 has 23 hours (clocks go forward), yet paying on the 30th for a
// 29th due date is one day late.
func TestRunOverdueDaysAcrossDSTChange(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	s := mustScheme(t, modifiersYAML)
	e := person("E", "overdue", "ok=1")
	on := time.Date(2026, 3, 30, 0, 0, 0, 0, berlin)
	e.Payments = []Payment{{Customer: "C", Amount: Value{V: d("1000")}, Due: time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), Paid: &on, Src: Note("Payments!2")}}
	res := mustRun(t, s, &Input{Period: "2026-03", Employees: []Employee{e}})
	// 1 day × 100: 300 − 100 = 200.
	pay(t, "one day late across DST", res.Employees[0], "1000", "200", "1200")
}

const prorateYAML = `version: 1
id: prorate
currency: RUB
roles:
  - id: plain
    fixed: 30000
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100000, target: 200000}
  - id: prorated
    fixed: 30000
    variable: 20000
    prorate_plans: true
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100000, target: 200000}
`

func TestRunProration(t *testing.T) {
	s := mustScheme(t, prorateYAML)
	personal := days(person("E", "prorated", "sales=33000"), "11", "22")
	personal.Plans = Plans{{KPI: "sales", Norm: &Value{V: d("60000"), Src: Note("Plans!C2")}}}
	tests := []struct {
		name                          string
		e                             Employee
		proration                     *Q
		fixed, variable, bonus, total string
	}{
		// 11/22 = 1/2: fixed 15000, variable 10000; plans not prorated: 55000/100000 = 0.55 → 5500.
		{"plain 11/22", days(person("E", "plain", "sales=55000"), "11", "22"), ptr(fr("1", "2")), "15000", "10000", "5500", "20500"},
		// plans prorated: norm 50000, target 100000: 55000/50000 = 1.1 → 10000 × 1.1 = 11000.
		{"prorated 11/22", days(person("E", "prorated", "sales=55000"), "11", "22"), ptr(fr("1", "2")), "15000", "10000", "11000", "26000"},
		// 30000 × 10/31 = 9677.419… → 9677.42; variable 20000 × 10/31 = 6451.6129…;
		// index 1 → bonus 6451.61. Total 16129.03.
		{"plain 10/31", days(person("E", "plain", "sales=100000"), "10", "31"), ptr(fr("10", "31")), "9677.42", "6451.61", "6451.61", "16129.03"},
		// norm 100000 × 10/31, target 200000 × 10/31: index 3.1 capped at 2;
		// 20000 × 10/31 × 2 = 400000/31 = 12903.2258… → 12903.23. Total 9677.42 + 12903.23.
		{"prorated 10/31", days(person("E", "prorated", "sales=100000"), "10", "31"), ptr(fr("10", "31")), "9677.42", "6451.61", "12903.23", "22580.65"},
		// a full month: no proration; 0.55 → 11000.
		{"prorated 22/22", days(person("E", "prorated", "sales=55000"), "22", "22"), nil, "30000", "20000", "11000", "41000"},
		// personal norm 60000 prorated to 30000, target 200000 to 100000: 33000/30000 = 1.1 → 11000.
		{"personal plan prorated", personal, ptr(fr("1", "2")), "15000", "10000", "11000", "26000"},
		// no days worked: nothing at all.
		{"no days worked", days(person("E", "plain", "sales=0"), "0", "22"), ptr(q("0")), "0", "0", "0", "0"},
	}
	for _, tt := range tests {
		e := runOne(t, s, tt.e)
		switch {
		case tt.proration == nil && e.Proration != nil:
			t.Errorf("%s: Proration = %s, want none", tt.name, e.Proration)
		case tt.proration != nil && (e.Proration == nil || e.Proration.Cmp(*tt.proration) != 0):
			t.Errorf("%s: Proration = %v, want %s", tt.name, e.Proration, tt.proration)
		}
		if !e.Variable.Equal(d(tt.variable)) {
			t.Errorf("%s: Variable = %s, want %s", tt.name, e.Variable, tt.variable)
		}
		pay(t, tt.name, e, tt.fixed, tt.bonus, tt.total)
	}

	only := person("E", "plain", "sales=1")
	only.DaysWorked = &Value{V: d("10"), Src: Note("Roster!E.days_worked")}
	runErr(t, s, &Input{Employees: []Employee{only}}, "give both or neither")
	runErr(t, s, &Input{Employees: []Employee{days(person("E", "plain", "sales=1"), "23", "22")}}, "Roster!E.days_worked", "days worked 23 must be between 0 and days in period 22")
	runErr(t, s, &Input{Employees: []Employee{days(person("E", "plain", "sales=1"), "-1", "22")}}, "must be between 0")
	runErr(t, s, &Input{Employees: []Employee{days(person("E", "plain", "sales=1"), "0", "0")}}, "Roster!E.days_in_period", "must be above zero")
}

func ptr(x Q) *Q { return &x }

// TestRunRoundsOnce: the bonus comes from the exact prorated variable target,
// not from its rounded display value.
func TestRunRoundsOnce(t *testing.T) {
	s := mustScheme(t, `version: 1
id: once
currency: RUB
rounding: {mode: down}
roles:
  - id: m
    fixed: 0
    variable: 100
    bonus: {method: ladders}
    conditions: [{id: ok, coefficient: 1.5}]
`)
	e := runOne(t, s, days(person("E", "m", "ok=1"), "1", "3"))
	// 100 × 1/3 × 1.5 = 50 exactly → 50.00. Rounding the target first would give
	// 33.33 × 1.5 = 49.995 → 49.99 (down).
	pay(t, "100 × 1/3 × 1.5", e, "0", "50", "50")
	if !e.Variable.Equal(d("33.33")) {
		t.Errorf("Variable = %s, want 33.33 (100/3 rounded down for display)", e.Variable)
	}
}

// TestRunSchemeRounding: money is rounded with the scheme's step and mode.
// Fixed 100.25 for half a month is 50.125; fixed 5 is 2.5.
func TestRunSchemeRounding(t *testing.T) {
	tests := []struct {
		rounding, fixed, want string
		scale                 int32
	}{
		{"", "100.25", "50.13", 2},                                         // default 0.01 half-up: 5012.5 cents → 5013
		{"rounding: {mode: half-even}\n", "100.25", "50.12", 2},            // 5012 is even
		{"rounding: {mode: down}\n", "100.25", "50.12", 2},                 // toward zero
		{"rounding: {step: 0.05}\n", "100.25", "50.15", 2},                 // 1002.5 steps → 1003 × 0.05
		{"rounding: {step: 0.05, mode: half-even}\n", "100.25", "50.1", 2}, // 1002 even
		{"rounding: {step: 1}\n", "5", "3", 0},                             // 2.5 → 3
		{"rounding: {step: 1, mode: half-even}\n", "5", "2", 0},            // 2 even
		{"rounding: {step: 1, mode: down}\n", "5", "2", 0},
		{"rounding: {step: 10}\n", "250", "130", 0},                  // 125 → 12.5 steps → 13 × 10
		{"rounding: {step: 10, mode: half-even}\n", "250", "120", 0}, // 12 even
	}
	for _, tt := range tests {
		s := mustScheme(t, fmt.Sprintf("version: 1\nid: r\ncurrency: RUB\n%sroles:\n  - id: m\n    fixed: %s\n", tt.rounding, tt.fixed))
		res := mustRun(t, s, &Input{Employees: []Employee{days(person("E", "m"), "1", "2")}})
		if got := res.Employees[0].Fixed; !got.Equal(d(tt.want)) {
			t.Errorf("%q fixed %s × 1/2 = %s, want %s", tt.rounding, tt.fixed, got, tt.want)
		}
		if res.Scale != tt.scale {
			t.Errorf("%q: Scale = %d, want %d", tt.rounding, res.Scale, tt.scale)
		}
	}
}

const componentsYAML = `version: 1
id: components
currency: RUB
ladders:
  - id: steps
    type: step
    tiers:
      - {from: 0, to: 100000, value: 0.02}
      - {from: 100000, to: 200000, value: 0.03}
      - {from: 200000, value: 0.05}
  - id: slices
    type: marginal
    tiers:
      - {from: 0, to: 100000, rate: 0.02}
      - {from: 100000, to: 200000, rate: 0.03}
      - {from: 200000, rate: 0.05}
roles:
  - id: rate
    fixed: 7000
    kpis: [{id: sales}]
    components: [{id: c, type: commission, kpi: sales, rate: 0.02}]
  - id: step
    fixed: 7000
    kpis: [{id: sales}]
    components: [{id: c, type: commission, kpi: sales, ladder: steps}]
  - id: marginal
    fixed: 7000
    kpis: [{id: sales}]
    components: [{id: c, type: commission, kpi: sales, ladder: slices}]
  - id: proportional
    fixed: 0
    kpis: [{id: company_sales, norm: 10000000}]
    components:
      - {id: c, type: proportional, kpi: company_sales, amount: 5000, min: 0.7, max: 1.2}
  - id: proportional_open
    fixed: 0
    kpis: [{id: company_sales, norm: 10000000}]
    components:
      - {id: c, type: proportional, kpi: company_sales, amount: 5000}
  - id: units
    fixed: 0
    kpis: [{id: blenders, norm: 5}]
    components:
      - {id: c, type: unit_bonus, kpi: blenders, price: 4990, rate: 0.03}
`

func TestRunCommissionAndComponents(t *testing.T) {
	s := mustScheme(t, componentsYAML)
	tests := []struct {
		name, role, fact, fixed, amount string
	}{
		{"rate", "rate", "sales=800000", "7000", "16000"},               // 800000 × 0.02 (Kotelok)
		{"rate, kopecks", "rate", "sales=123456.78", "7000", "2469.14"}, // 2469.1356
		{"rate, nothing sold", "rate", "sales=0", "7000", "0"},
		{"step 99999.99", "step", "sales=99999.99", "7000", "2000"},           // × 0.02 = 1999.9998 → 2000.00
		{"step 150000", "step", "sales=150000", "7000", "4500"},               // all at 0.03
		{"step 200000", "step", "sales=200000", "7000", "10000"},              // all at 0.05
		{"step 250000", "step", "sales=250000", "7000", "12500"},              // all at 0.05
		{"marginal 150000", "marginal", "sales=150000", "7000", "3500"},       // 2000 + 1500
		{"marginal 250000", "marginal", "sales=250000", "7000", "7500"},       // 2000 + 3000 + 2500
		{"marginal 100000.01", "marginal", "sales=100000.01", "7000", "2000"}, // 2000.0003
		{"marginal 0", "marginal", "sales=0", "7000", "0"},
		{"proportional 80 %", "proportional", "company_sales=8000000", "0", "4000"},   // 5000 × 0.8
		{"proportional at min", "proportional", "company_sales=7000000", "0", "3500"}, // 0.7 is not below 0.7
		{"proportional below min", "proportional", "company_sales=6999999", "0", "0"}, // 0.6999999 < 0.7
		{"proportional 100 %", "proportional", "company_sales=10000000", "0", "5000"},
		{"proportional at max", "proportional", "company_sales=12000000", "0", "6000"},              // 5000 × 1.2
		{"proportional above max", "proportional", "company_sales=15000000", "0", "6000"},           // 1.5 → 1.2
		{"proportional, kopecks", "proportional", "company_sales=8333333", "0", "4166.67"},          // 5000 × 0.8333333 = 4166.6665
		{"proportional without bounds", "proportional_open", "company_sales=15000000", "0", "7500"}, // 5000 × 1.5
		{"proportional without bounds, low", "proportional_open", "company_sales=1000000", "0", "500"},
		{"units 8 of 5", "units", "blenders=8", "0", "449.1"}, // 3 × 4990 × 0.03
		{"units 6 of 5", "units", "blenders=6", "0", "149.7"}, // 1 × 149.70
		{"units at plan", "units", "blenders=5", "0", "0"},
		{"units below plan", "units", "blenders=2", "0", "0"}, // never negative
	}
	for _, tt := range tests {
		e := runOne(t, s, person("E", tt.role, tt.fact))
		if got := componentOf(t, e, "c"); !got.Equal(d(tt.amount)) {
			t.Errorf("%s: component = %s, want %s", tt.name, got, tt.amount)
		}
		pay(t, tt.name, e, tt.fixed, "0", d(tt.fixed).Add(d(tt.amount)).String())
		if e.HasBonus {
			t.Errorf("%s: HasBonus = true for a role without a bonus section", tt.name)
		}
	}
	// A personal plan replaces the scheme's norm: 8 of 7 → 1 × 149.70.
	e := person("E", "units", "blenders=8")
	e.Plans = Plans{{KPI: "blenders", Norm: &Value{V: d("7"), Src: Note("Plans!C3")}}}
	if got := componentOf(t, runOne(t, s, e), "c"); !got.Equal(d("149.70")) {
		t.Errorf("units 8 of personal 7: component = %s, want 149.70", got)
	}
}

const fixedBonusYAML = `version: 1
id: fixed-bonus
currency: RUB
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - {id: new_clients, norm: 10, target: 15}
      - {id: returns, direction: lower, norm: 5}
    conditions:
      - {id: no_errors, coefficient: 0.15}
    components:
      - {id: clients, type: bonus, amount: 2000, when: {kpi: new_clients, reaches: norm}}
      - {id: star, type: bonus, amount: 3000, when: {kpi: new_clients, reaches: target}}
      - {id: returns, type: bonus, amount: 500, when: {kpi: returns, reaches: norm}}
      - {id: clean, type: bonus, amount: 1000, when: {condition: no_errors}}
  - id: notarget
    fixed: 0
    kpis: [{id: calls, norm: 10}]
    components:
      - {id: star, type: bonus, amount: 3000, when: {kpi: calls, reaches: target}}
`

func TestRunFixedBonus(t *testing.T) {
	s := mustScheme(t, fixedBonusYAML)
	tests := []struct {
		name                                 string
		e                                    Employee
		bonus, clients, star, returns, clean string
	}{
		// norm reached, returns at norm (lower is better), no errors: bonus 10000 × 0.15 = 1500.
		{"at norm", person("E", "m", "new_clients=10", "returns=5", "no_errors=1"), "1500", "2000", "0", "500", "1000"},
		// one below the norm, one return too many, errors.
		{"below norm", person("E", "m", "new_clients=9", "returns=6", "no_errors=0"), "0", "0", "0", "0", "0"},
		// target reached, no returns at all (fact 0 on a lower-is-better KPI is fine here).
		{"at target", person("E", "m", "new_clients=15", "returns=0", "no_errors=1"), "1500", "2000", "3000", "500", "1000"},
		{"above target", person("E", "m", "new_clients=16", "returns=4", "no_errors=0"), "0", "2000", "3000", "500", "0"},
	}
	for _, tt := range tests {
		e := runOne(t, s, tt.e)
		for _, c := range []struct{ id, want string }{{"clients", tt.clients}, {"star", tt.star}, {"returns", tt.returns}, {"clean", tt.clean}} {
			if got := componentOf(t, e, c.id); !got.Equal(d(c.want)) {
				t.Errorf("%s: %s = %s, want %s", tt.name, c.id, got, c.want)
			}
		}
		total := d(tt.bonus).Add(d(tt.clients)).Add(d(tt.star)).Add(d(tt.returns)).Add(d(tt.clean))
		pay(t, tt.name, e, "0", tt.bonus, total.String())
	}
	runErr(t, s, &Input{Employees: []Employee{person("E", "notarget", "calls=20")}}, "Roster!E", `component "star" needs the target of KPI "calls"`)
}

// zeroNormYAML: the norm 0 is at line 17, column 15.
const zeroNormYAML = `version: 1
id: zero
currency: RUB
ladders:
  - id: seed
    type: step
    tiers:
      - {from: 0, to: 1, value: 0}
      - {from: 1, value: 0.45}
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - id: sales
        norm: 0
        ladder: seed
  - id: prop
    fixed: 0
    kpis:
      - id: company
        norm: 1000
    components:
      - {id: c, type: proportional, kpi: company, amount: 5000}
  - id: buyer
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - {id: costs, direction: lower, norm: 100, ladder: seed}
`

func TestRunErrors(t *testing.T) {
	s := mustScheme(t, zeroNormYAML)
	personalZero := person("E", "prop", "company=10")
	personalZero.Plans = Plans{{KPI: "company", Norm: &Value{V: d("0"), Src: Note("Plans!C2")}}}
	dupA, dupB := person("A", "m", "sales=1"), person("A", "m", "sales=2")
	dupA.Src, dupB.Src = Note("Roster!2"), Note("Roster!5")
	tests := []struct {
		name string
		in   *Input
		want []string
	}{
		{"norm 0 for a ladder KPI", &Input{Employees: []Employee{person("E", "m", "sales=10")}},
			[]string{"s.yaml:17:15", `KPI "sales"`, "norm is 0"}},
		{"personal norm 0", &Input{Employees: []Employee{personalZero}},
			[]string{"Plans!C2", `KPI "company"`, "norm is 0"}},
		{"missing fact", &Input{Employees: []Employee{person("E", "m")}},
			[]string{"Roster!E", `employee "E"`, `no fact for KPI "sales"`}},
		{"duplicate ids", &Input{Employees: []Employee{dupA, person("B", "m", "sales=0.5"), dupB}},
			[]string{"Roster!5", `employee "A" appears twice`, "Roster!2"}},
		{"unknown role", &Input{Employees: []Employee{person("E", "boss", "sales=1")}},
			[]string{"Roster!E", `role "boss" is not in the scheme`, "m, prop, buyer"}},
		{"every problem at once", &Input{Employees: []Employee{person("X", "boss"), person("Y", "m")}},
			[]string{`employee "X"`, `role "boss"`, `employee "Y"`, `no fact for KPI "sales"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runErr(t, s, tt.in, tt.want...)
		})
	}
}

func TestRunMissingPay(t *testing.T) {
	s := mustScheme(t, `version: 1
id: missing
currency: RUB
roles:
  - id: nofixed
    kpis: [{id: sales}]
  - id: novariable
    fixed: 100
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 10}
  - id: nobase
    fixed: 100
    variable: 100
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, norm: 10}
`)
	runErr(t, s, &Input{Employees: []Employee{person("E", "nofixed", "sales=1")}}, "Roster!E", "fixed is missing")
	runErr(t, s, &Input{Employees: []Employee{person("E", "novariable", "sales=1")}}, "variable target is missing")
	runErr(t, s, &Input{Employees: []Employee{person("E", "nobase", "sales=1")}}, `KPI "sales" needs a base and a norm`)

	// The roster's own amounts replace the missing defaults: 500 fixed; 200 × 0.5.
	e := person("E", "novariable", "sales=5")
	e.Fixed = &Value{V: d("500"), Src: Note("Roster!E.fixed")}
	e.Variable = &Value{V: d("200"), Src: Note("Roster!E.variable")}
	pay(t, "roster amounts", runOne(t, s, e), "500", "100", "600")
}

// rich is a scheme with every part, for the invariants below.
const richYAML = `version: 1
id: rich
currency: RUB
ladders:
  - id: seed
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
  - id: slices
    type: marginal
    tiers:
      - {from: 0, to: 100000, rate: 0.02}
      - {from: 100000, rate: 0.03}
  - id: payout
    type: linear
    points:
      - {at: 0.5, value: 0}
      - {at: 1, value: 1}
      - {at: 1.5, value: 1.3}
roles:
  - id: seller
    fixed: 31111.11
    variable: 17777.77
    prorate_plans: true
    bonus: {method: both, payout: payout}
    kpis:
      - {id: sales, weight: 0.7, base: 50000, norm: 150000, target: 250000, ladder: seed}
      - {id: costs, weight: 0.3, base: 9000, norm: 7000, target: 5000, gate: 0.5}
      - {id: units, norm: 3}
    conditions:
      - {id: no_errors, coefficient: 0.15}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: slices}
      - {id: units_bonus, type: unit_bonus, kpi: units, price: 333.33, rate: 0.07}
      - {id: prop, type: proportional, kpi: sales, amount: 1234.56, min: 0.6, max: 1.4}
      - {id: clean, type: bonus, amount: 777.77, when: {condition: no_errors}}
    modifiers:
      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 0.7}
      - {id: cut, type: reduction, fact: cut}
      - {id: overdue, type: overdue, per_day: 13.13}
  - id: clerk
    fixed: 22222.22
    kpis: [{id: docs, norm: 7}]
    components:
      - {id: docs_bonus, type: unit_bonus, kpi: docs, price: 99.99, rate: 0.33}
`

func richInput(n int) *Input {
	in := &Input{Period: "2026-10"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("E%03d", (i*37)%n) // ids in a scrambled order
		if i%5 == 4 {
			e := person(id, "clerk", fmt.Sprintf("docs=%d", i%13))
			in.Employees = append(in.Employees, e)
			continue
		}
		e := person(id, "seller",
			fmt.Sprintf("sales=%d.%02d", 40000+i*1733, i%100),
			fmt.Sprintf("costs=%d", 4000+i*97%6000),
			fmt.Sprintf("units=%d", i%7),
			fmt.Sprintf("no_errors=%d", i%2),
			fmt.Sprintf("quality=0.%02d", 80+i%20),
			fmt.Sprintf("cut=0.%d", 5+i%5),
		)
		if i%3 == 0 {
			e = days(e, fmt.Sprint(1+i%23), "23")
		}
		for j := 0; j < i%3; j++ {
			e.Payments = append(e.Payments, paid("1000", "2026-10-10", fmt.Sprintf("2026-10-%02d", 5+j*4+i%7)))
		}
		in.Employees = append(in.Employees, e)
	}
	return in
}

// TestRunCrossFoots: on a mixed roster every line cross-foots, the Result
// totals are sums of the lines (checked by mustRun), and every amount is
// a whole number of kopecks.
func TestRunCrossFoots(t *testing.T) {
	s := mustScheme(t, richYAML)
	res := mustRun(t, s, richInput(60))
	if len(res.Employees) != 60 {
		t.Fatalf("Run gave %d employees, want 60", len(res.Employees))
	}
	cent := d("0.01")
	for _, e := range res.Employees {
		amounts := []decimal.Decimal{e.Fixed, e.Bonus, e.Total}
		for _, c := range e.Components {
			amounts = append(amounts, c.Amount)
		}
		for _, a := range amounts {
			if _, r := a.QuoRem(cent, 0); !r.IsZero() {
				t.Errorf("%s: amount %s is not a whole number of kopecks", e.ID, a)
			}
			if a.IsNegative() {
				t.Errorf("%s: amount %s is negative", e.ID, a)
			}
		}
	}
	if res.Scheme != "rich" || res.Currency != "RUB" || res.Period != "2026-10" || res.Mode != plan.HalfUp || !res.Step.Equal(cent) || res.Scale != 2 {
		t.Errorf("Result header = %q %q %q %q %s %d, want rich RUB 2026-10 half-up 0.01 2", res.Scheme, res.Currency, res.Period, res.Mode, res.Step, res.Scale)
	}
}

// TestRunSortedByID: the output is in id order, whatever the input order,
// and each person's pay does not depend on who else is in the input.
func TestRunSortedByID(t *testing.T) {
	s := mustScheme(t, richYAML)
	in := richInput(30)
	res := mustRun(t, s, in)
	for i := 1; i < len(res.Employees); i++ {
		if res.Employees[i-1].ID >= res.Employees[i].ID {
			t.Errorf("Employees[%d] = %s before Employees[%d] = %s, want ascending ids", i-1, res.Employees[i-1].ID, i, res.Employees[i].ID)
		}
	}
	rev := &Input{Period: in.Period}
	for i := len(in.Employees) - 1; i >= 0; i-- {
		rev.Employees = append(rev.Employees, in.Employees[i])
	}
	res2 := mustRun(t, s, rev)
	if !res2.Total.Equal(res.Total) {
		t.Errorf("reversed input: Total = %s, want %s", res2.Total, res.Total)
	}
	for i := range res.Employees {
		a, b := res.Employees[i], res2.Employees[i]
		if a.ID != b.ID || !a.Total.Equal(b.Total) {
			t.Errorf("reversed input: line %d = %s %s, want %s %s", i, b.ID, b.Total, a.ID, a.Total)
		}
	}
	for _, e := range in.Employees[:5] {
		alone := mustRun(t, s, &Input{Period: in.Period, Employees: []Employee{e}}).Employees[0]
		for _, r := range res.Employees {
			if r.ID == e.ID && !r.Total.Equal(alone.Total) {
				t.Errorf("%s alone: Total = %s, want %s as in the full run", e.ID, alone.Total, r.Total)
			}
		}
	}
	small := mustRun(t, s, &Input{Employees: []Employee{person("C", "clerk", "docs=1"), person("A", "clerk", "docs=1"), person("B", "clerk", "docs=1")}})
	var ids []string
	for _, e := range small.Employees {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, ","); got != "A,B,C" {
		t.Errorf("ids = %s, want A,B,C", got)
	}
}

// monoYAML: a higher-is-better KPI feeding every kind of pay.
const monoYAML = `version: 1
id: mono
currency: RUB
ladders:
  - id: seed
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
  - id: payout
    type: step
    tiers:
      - {from: 0, to: 0.5, value: 0}
      - {from: 0.5, to: 1, value: 0.7}
      - {from: 1, value: 1.1}
roles:
  - id: both
    fixed: 1000
    variable: 9999.99
    bonus: {method: both, payout: payout}
    kpis:
      - {id: sales, weight: 1, base: 20, norm: 100, target: 150, ladder: seed, gate: 0.5}
    components:
      - {id: c, type: commission, kpi: sales, rate: 3.33}
      - {id: p, type: proportional, kpi: sales, amount: 777.77, min: 0.7, max: 1.2}
      - {id: b, type: bonus, amount: 100, when: {kpi: sales, reaches: norm}}
      - {id: u, type: unit_bonus, kpi: sales, price: 10, rate: 0.1}
  - id: index
    fixed: 0
    variable: 7777.77
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.6, base: 20, norm: 100, target: 150}
      - {id: calls, weight: 0.4, base: 10, norm: 50}
`

// TestRunBonusNeverFallsAsFactRises walks a higher-is-better fact from 0 to
// 300 in steps of 0.25: neither the bonus nor the total ever falls.
func TestRunBonusNeverFallsAsFactRises(t *testing.T) {
	s := mustScheme(t, monoYAML)
	for _, role := range []string{"both", "index"} {
		prevBonus, prevTotal := decimal.Zero, decimal.Zero
		for i := int64(0); i <= 1200; i++ {
			fact := decimal.New(i*25, -2)
			e := runOne(t, s, person("E", role, "sales="+fact.String(), "calls=30"))
			if e.Bonus.LessThan(prevBonus) {
				t.Fatalf("%s: bonus at sales %s = %s, below %s at the previous fact", role, fact, e.Bonus, prevBonus)
			}
			if e.Total.LessThan(prevTotal) {
				t.Fatalf("%s: total at sales %s = %s, below %s at the previous fact", role, fact, e.Total, prevTotal)
			}
			prevBonus, prevTotal = e.Bonus, e.Total
		}
	}
}

// TestRunBonusNeverRisesAsCostRises: the mirror image for a lower-is-better KPI.
func TestRunBonusNeverRisesAsCostRises(t *testing.T) {
	s := mustScheme(t, matrixYAML)
	prev := decimal.Zero
	for i := int64(0); i <= 400; i++ {
		cost := decimal.NewFromInt(30000 + i*100) // 30000 … 70000
		e := runOne(t, s, person("E", "office", "on_time=0.9", "costs="+cost.String(), "docs=120"))
		if i > 0 && e.Bonus.GreaterThan(prev) {
			t.Fatalf("bonus at costs %s = %s, above %s at the previous cost", cost, e.Bonus, prev)
		}
		prev = e.Bonus
	}
}

func TestPercentScale(t *testing.T) {
	const scheme = `version: 1
id: pct
currency: RUB
roles:
  - id: r
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: whole, unit: percent, weight: 0.5, base: 80, norm: 95, target: 100}
      - {id: calls, weight: 0.5, base: 400, norm: 600, target: 800}
  - id: q
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: score, weight: 0.5, base: 80, norm: 95, target: 100}
      - {id: avg, unit: thousand RUB, weight: 0.5, base: 2, norm: 5, target: 10}
`
	s := mustScheme(t, scheme)
	for _, tc := range []struct {
		name    string
		whole   Value
		calls   Value
		wantErr string
	}{
		// whole 95 (index 1), calls 600 (index 1): K = 1, bonus 1000.
		{"both on scale", Value{V: d("95"), Percent: true}, Value{V: d("600")}, ""},
		{"whole percent typed plain", Value{V: d("95")}, Value{V: d("600")}, ""},
		{"a share for whole percents", Value{V: d("0.95")}, Value{V: d("600")}, `KPI "whole" is in whole percents (base 80, norm 95, target 100), but the fact 0.95 could be 0.95 % or 95 %`},
		{"a percentage for whole numbers", Value{V: d("95")}, Value{V: d("0.6"), Percent: true}, `KPI "calls": the fact was typed as a percentage (60%, read as 0.6), but the plan is in whole numbers`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Employee{ID: "E", Name: "N", Role: "r", Src: Note("Roster!2")}
			tc.whole.Src, tc.calls.Src = Note("Facts!B2"), Note("Facts!C2")
			e.Facts.Set("whole", tc.whole)
			e.Facts.Set("calls", tc.calls)
			res, err := Run(s, &Input{Employees: []Employee{e}}, Options{})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Employees[0].Bonus.StringFixed(2); got != "1000.00" {
				t.Errorf("bonus %s, want 1000.00", got)
			}
		})
	}
}

// TestShareAgainstWholePercents: a fact between 0 and 1 for a KPI without a
// unit whose plan looks like whole percents is refused (0.78 or 78 %?); a
// KPI whose unit is stated takes it as it is.
func TestShareAgainstWholePercents(t *testing.T) {
	const scheme = `version: 1
id: q
currency: RUB
roles:
  - id: q
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: score, weight: 0.5, base: 80, norm: 95, target: 100}
      - {id: avg, unit: thousand RUB, weight: 0.5, base: 2, norm: 5, target: 10}
`
	s := mustScheme(t, scheme)
	run := func(score, avg string) (*Result, error) {
		e := Employee{ID: "E", Name: "N", Role: "q", Src: Note("Roster!2")}
		e.Facts.Set("score", Value{V: d(score), Src: Note("Facts!B2")})
		e.Facts.Set("avg", Value{V: d(avg), Src: Note("Facts!C2")})
		return Run(s, &Input{Employees: []Employee{e}}, Options{})
	}
	if _, err := run("0.78", "5"); err == nil || !strings.Contains(err.Error(), `KPI "score": the fact 0.78 is below 1 while the plan (base 80, norm 95, target 100) looks like whole percents`) {
		t.Errorf("0.78 against 80 / 95 / 100: %v, want it refused", err)
	}
	// avg has its unit, so 0.95 thousand against 2 / 5 / 10 is a real (bad)
	// month: below base, index 0; score 95 is at the norm: index 1.
	// K = 0.5 × 1 + 0.5 × 0 = 0.5; bonus 1000 × 0.5 = 500.
	res, err := run("95", "0.95")
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Employees[0].Bonus.StringFixed(2); got != "500.00" {
		t.Errorf("bonus %s, want 500.00", got)
	}
}

// TestPersonalPlanScale: a personal plan on another scale than the scheme's
// for the KPI (a share in one, whole percents in the other) is refused at
// the plan's place; one on the same scale is taken.
func TestPersonalPlanScale(t *testing.T) {
	s := mustScheme(t, `version: 1
id: p
currency: RUB
roles:
  - id: r
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: ontime, unit: share, weight: 1, base: 0.8, norm: 0.95, target: 1}
`)
	run := func(base, norm, target string) error {
		e := person("E", "r", "ontime=0.9")
		v := func(x string) *Value { return &Value{V: d(x), Src: Note("Plans!C2")} }
		e.Plans = Plans{{KPI: "ontime", Base: v(base), Norm: v(norm), Target: v(target)}}
		_, err := Run(s, &Input{Employees: []Employee{e}}, Options{})
		return err
	}
	if err := run("80", "95", "100"); err == nil || !strings.Contains(err.Error(), `Plans!C2: employee "E": KPI "ontime": the personal plan (80 / 95 / 100) is not on the scale of the scheme's (0.8 / 0.95 / 1)`) {
		t.Errorf("80 / 95 / 100 against 0.8 / 0.95 / 1: %v, want it refused", err)
	}
	if err := run("0.7", "0.9", "0.95"); err != nil {
		t.Errorf("a personal plan in shares: %v", err)
	}
}

// TestLowerIsBetterShown: the explanation records a lower-is-better
// fulfilment the way it is computed, norm / fact; a fact of 0 has no
// fulfilment figure (norm / 0) and is the best result there is, above every
// tier (docs/calculation.md, direction); a KPI voided by its gate is in
// band "voided" whatever its fact.
func TestLowerIsBetterShown(t *testing.T) {
	s := mustScheme(t, ladderYAML)
	// costs 100000 against the norm 50000: r = 50000 / 100000 = 0.5, below
	// the first tier's 0.8 → coefficient 0; fact 0: past the last tier's max
	// → 0.465, 10000 × 0.465 = 4650.
	for _, c := range []struct {
		fact, text, band string
		ful              *Q
		bonus            string
	}{
		// No base: worse than the norm is "base-norm" (there is no base to be below).
		{"100000", fmt.Sprint(Phrase{MsgFulfilmentLower, []any{q("50000"), d("100000"), q("0.5")}}), BandBaseNorm, ptr(q("0.5")), "0"},
		{"0", fmt.Sprint(Phrase{MsgFulfilmentBest, []any{q("50000")}}), BandAtNorm, nil, "4650"},
	} {
		e := runOne(t, s, person("E", "buyer", "costs="+c.fact))
		k := kpiOf(t, e, "costs")
		if (k.Fulfilment == nil) != (c.ful == nil) || (c.ful != nil && k.Fulfilment.Cmp(*c.ful) != 0) {
			t.Errorf("costs %s: Fulfilment = %v, want %v", c.fact, k.Fulfilment, c.ful)
		}
		if k.Band != c.band {
			t.Errorf("costs %s: Band = %q, want %q", c.fact, k.Band, c.band)
		}
		if !e.Bonus.Equal(d(c.bonus)) {
			t.Errorf("costs %s: Bonus = %s, want %s", c.fact, e.Bonus, c.bonus)
		}
		var ful Phrase
		for _, st := range e.Steps {
			if st.Msg == MsgKPILadder {
				ful = st.Args[1].(Phrase)
			}
		}
		if got := fmt.Sprint(ful); got != c.text {
			t.Errorf("costs %s: the ladder step's fulfilment is %s, want %s", c.fact, got, c.text)
		}
	}

	g, err := plan.Load("testdata/gated.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// costs 45: at the norm or better (band at-norm by the fact), but
	// fulfilment 50 / 45 = 1.111… is below the gate 1.2: voided.
	e := runOne(t, g, person("E", "r", "costs=45"))
	if k := kpiOf(t, e, "costs"); !k.Voided || k.Band != BandVoided {
		t.Errorf("costs 45 under gate 1.2: Voided = %v, Band = %q, want true, %q", k.Voided, k.Band, BandVoided)
	}
}

// TestIndexStepSources: the index step cites what it used — the fact, the
// base, the norm and the weight — and the target or the cap only when the
// index was held at it. The places are read off capsYAML's text: each
// role's KPI line, the column where each value starts.
func TestIndexStepSources(t *testing.T) {
	s := mustScheme(t, capsYAML)
	lines := strings.Split(capsYAML, "\n")
	at := func(role, key string) string {
		for i, l := range lines {
			if strings.Contains(l, "- id: "+role) {
				kpi := lines[i+5] // fixed, variable, bonus, kpis, then the KPI
				return fmt.Sprintf("s.yaml:%d:%d", i+6, strings.Index(kpi, key+": ")+len(key)+3)
			}
		}
		t.Fatalf("no role %s", role)
		return ""
	}
	for _, tt := range []struct {
		role, fact string
		held       string // the key the index was held at, or ""
	}{
		{"target", "124", ""},
		{"target", "200", "target"},
		{"explicit", "124", ""}, // exactly the cap: not held
		{"explicit", "200", "cap"},
		{"uncapped", "200", ""},
	} {
		e := runOne(t, s, person("E", tt.role, "sales="+tt.fact))
		var got []string
		for _, st := range e.Steps {
			if st.Msg == MsgIndex {
				for _, p := range st.Sources {
					got = append(got, p.String())
				}
			}
		}
		want := []string{"Facts!E.sales", at(tt.role, "base"), at(tt.role, "norm")}
		if tt.held != "" {
			want = append(want, at(tt.role, tt.held))
		}
		want = append(want, at(tt.role, "weight"))
		if strings.Join(got, "; ") != strings.Join(want, "; ") {
			t.Errorf("%s at %s: cites %q, want %q", tt.role, tt.fact, got, want)
		}
	}
}

// TestTargetK: the K the summary colours green, worked by hand. Role a:
// 0.6 × (120 − 0) / (100 − 0) + 0.4 × (150 − 50) / (100 − 50) = 0.72 + 0.8
// = 1.52; role b: 1 × 11 / 10 = 1.1; role c has no target (K 1, not above
// the norm) and role d is paid by components: the least above 1 is 1.1.
// Without any target, 1.2.
func TestTargetK(t *testing.T) {
	s := mustScheme(t, `version: 1
id: t
currency: RUB
roles:
  - id: a
    bonus: {method: index}
    kpis:
      - {id: x, weight: 0.6, base: 0, norm: 100, target: 120}
      - {id: y, weight: 0.4, base: 50, norm: 100, target: 150}
  - id: b
    bonus: {method: index}
    kpis:
      - {id: x, weight: 1, norm: 10, target: 11}
  - id: c
    bonus: {method: index}
    kpis:
      - {id: x, weight: 1, norm: 10}
  - id: d
    kpis:
      - {id: sales}
    components:
      - {id: c, type: commission, kpi: sales, rate: 0.01}
`)
	if got := TargetK(s); got.CmpD(d("1.1")) != 0 {
		t.Errorf("TargetK = %s, want 1.1", got)
	}
	s.Roles = s.Roles[2:]
	if got := TargetK(s); got.CmpD(d("1.2")) != 0 {
		t.Errorf("TargetK without targets = %s, want 1.2", got)
	}
}
