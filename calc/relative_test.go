package calc

import (
	"strings"
	"testing"
)

// erpnextYAML is ERPNext's published salary structure in premia's terms:
// a base of 29,029 (the fixed part), Basic = 60 % of it and HRA = 20 % of
// it, each prorated by payment days and rounded to whole units, and a
// component of 12 % of (Basic − HRA) rounded to the scheme's kopecks. The
// 12 % line is written first: it is computed after the two it reads.
const erpnextYAML = `version: 1
id: erp
currency: INR
roles:
  - id: staff
    fixed: 29029
    components:
      - {id: pf, type: formula, formula: 0.12 * (basic - hra)}
      - {id: basic, type: formula, formula: 0.6 * fixed, prorate: true, round: 1}
      - {id: hra, type: formula, formula: 0.2 * fixed, prorate: true, round: 1}
`

func TestRunFormulaComponentsERPNext(t *testing.T) {
	s := mustScheme(t, erpnextYAML)
	// 20 payment days of 22:
	//   basic = 29,029 × 0.6 × 20/22 = 17,417.4 × 20/22 = 348,348 / 22 = 15,834
	//   hra   = 29,029 × 0.2 × 20/22 =  5,805.8 × 20/22 = 116,116 / 22 =  5,278
	//   pf    = 0.12 × (15,834 − 5,278) = 0.12 × 10,556 = 1,266.72
	//   fixed = 29,029 × 20/22 = 580,580 / 22 = 26,390
	e := runOne(t, s, days(person("A", "staff"), "20", "22"))
	for id, want := range map[string]string{"basic": "15834", "hra": "5278", "pf": "1266.72"} {
		if got := componentOf(t, e, id); !got.Equal(d(want)) {
			t.Errorf("%s = %s, want %s", id, got, want)
		}
	}
	// Shown in the order written, whatever order they were computed in.
	var ids []string
	for _, c := range e.Components {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "pf,basic,hra" {
		t.Errorf("components in the order %v, want pf, basic, hra", ids)
	}
	// 26,390 + 1,266.72 + 15,834 + 5,278 = 48,768.72
	pay(t, "A", e, "26390", "0", "48768.72")
	// The explanation's step for pf shows the amounts it read.
	var step *Step
	for i := range e.Steps {
		if e.Steps[i].Msg == MsgComponentFormula && e.Steps[i].Args[0] == "pf" {
			step = &e.Steps[i]
		}
	}
	if step == nil {
		t.Fatal("no formula step for pf")
	}
	f := step.Args[1].(Formula)
	if f.Expr.String() != "0.12 * (basic - hra)" || !f.Values["basic"].Equal(d("15834")) || !f.Values["hra"].Equal(d("5278")) {
		t.Errorf("pf's step %v, want 0.12 * (basic - hra) with 15834 and 5278", step.Args)
	}
}

func TestRunFormulaComponentRounding(t *testing.T) {
	// A step of 100, half-up: 0.15 × 30,000 × 7/31 = 4,500 × 7/31 =
	// 31,500 / 31 = 1,016.129… → 1,000; without proration 4,500 exactly;
	// a step of 1 on 1,016.129… → 1,016.
	s := mustScheme(t, `version: 1
id: r
currency: RUB
roles:
  - id: staff
    fixed: 30000
    components:
      - {id: a, type: formula, formula: 0.15 * fixed, prorate: true, round: 100}
      - {id: b, type: formula, formula: 0.15 * fixed, round: 100}
      - {id: c, type: formula, formula: 0.15 * fixed, prorate: true, round: 1}
      - {id: e, type: formula, formula: 0.15 * fixed, prorate: true}
`)
	e := runOne(t, s, days(person("A", "staff"), "7", "31"))
	// e: the scheme's step, 0.01: 1,016.129… → 1,016.13.
	for id, want := range map[string]string{"a": "1000", "b": "4500", "c": "1016", "e": "1016.13"} {
		if got := componentOf(t, e, id); !got.Equal(d(want)) {
			t.Errorf("%s = %s, want %s", id, got, want)
		}
	}
}

func TestRunFormulaComponentReadsBonusAndVariable(t *testing.T) {
	// variable: 50% of fixed: 40,000 × 0.5 = 20,000. One KPI at 150 of a
	// norm of 100 (base 0): index 1.5, bonus 20,000 × 1.5 = 30,000. The
	// extra pays 10 % of the bonus above the variable target:
	// 0.1 × (30,000 − 20,000) = 1,000; floor pays max(0, …) of a
	// negative: 0.
	s := mustScheme(t, `version: 1
id: v
currency: RUB
roles:
  - id: rep
    fixed: 40000
    variable: 50% of fixed
    accepted_warnings: [kpi_count]
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100, cap: 2}
    components:
      - {id: extra, type: formula, formula: 0.1 * (bonus - variable)}
      - {id: under, type: formula, formula: variable - bonus}
`)
	e := runOne(t, s, person("A", "rep", "sales=150"))
	if !e.Variable.Equal(d("20000")) {
		t.Errorf("variable %s, want 20000", e.Variable)
	}
	pay(t, "A", e, "40000", "30000", "71000")
	if got := componentOf(t, e, "extra"); !got.Equal(d("1000")) {
		t.Errorf("extra = %s, want 1000", got)
	}
	if got := componentOf(t, e, "under"); !got.IsZero() {
		t.Errorf("under = %s, want 0 (a component is never negative)", got)
	}
	// A roster's own variable target wins over the share: 12,000 × 1.5 =
	// 18,000; 0.1 × (18,000 − 12,000) = 600.
	p := person("B", "rep", "sales=150")
	p.Variable = &Value{V: d("12000"), Src: Note("Roster!B.variable")}
	e = runOne(t, s, p)
	pay(t, "B", e, "40000", "18000", "58600")
	// Half the days: the variable target is 20,000 × 1/2 = 10,000 and the
	// bonus 15,000; the formulas read the variable as given, 20,000:
	// extra 0.1 × (15,000 − 20,000) < 0, so 0; under 20,000 − 15,000 =
	// 5,000. The fixed 20,000; total 20,000 + 15,000 + 5,000 = 40,000.
	e = runOne(t, s, days(person("C", "rep", "sales=150"), "10", "20"))
	if got := componentOf(t, e, "under"); !got.Equal(d("5000")) {
		t.Errorf("C: under = %s, want 5000", got)
	}
	pay(t, "C", e, "20000", "15000", "40000")
}

func TestRunBonusShareOfFixed(t *testing.T) {
	// "The reward may be fixed or a percentage of the salary": a bonus of
	// 10 % of the fixed part when sales reach the norm. Fixed 35,000: 3,500.
	s := mustScheme(t, `version: 1
id: b
currency: RUB
roles:
  - id: clerk
    fixed: 35000
    kpis: [{id: sales, norm: 100}]
    components:
      - {id: clean, type: bonus, amount: 10% of fixed, when: {kpi: sales, reaches: norm}}
`)
	e := runOne(t, s, person("A", "clerk", "sales=100"))
	pay(t, "A", e, "35000", "0", "38500")
	// Not held: nothing.
	e = runOne(t, s, person("B", "clerk", "sales=99"))
	pay(t, "B", e, "35000", "0", "35000")
	// The share is of the fixed part as given, as a bonus's amount is not
	// prorated (§2.1): 10 of 20 days, fixed 17,500, bonus 3,500.
	e = runOne(t, s, days(person("C", "clerk", "sales=100"), "10", "20"))
	pay(t, "C", e, "17500", "0", "21000")
	// The roster's own fixed part: 10 % of 50,000 = 5,000.
	p := person("D", "clerk", "sales=100")
	p.Fixed = &Value{V: d("50000"), Src: Note("Roster!D.fixed")}
	e = runOne(t, s, p)
	pay(t, "D", e, "50000", "0", "55000")
}

func TestResultDepartments(t *testing.T) {
	// Three people in north, one in south, one in none; fixed only:
	// north 10,000 + 20,000 + 30,000 = 60,000; south 5,000; none 1,000.
	s := mustScheme(t, `version: 1
id: dp
currency: RUB
roles:
  - {id: staff}
`)
	emp := func(id, dept, fixed string) Employee {
		e := person(id, "staff")
		e.Department = dept
		e.Fixed = &Value{V: d(fixed), Src: Note("Roster!" + id + ".fixed")}
		return e
	}
	res := mustRun(t, s, &Input{Employees: []Employee{
		emp("A", "north", "10000"), emp("B", "south", "5000"), emp("C", "north", "20000"),
		emp("D", "", "1000"), emp("E", "north", "30000"),
	}})
	want := []struct {
		dept  string
		n     int
		total string
	}{{"", 1, "1000"}, {"north", 3, "60000"}, {"south", 1, "5000"}}
	if !res.HasDepartments() || len(res.Departments) != len(want) {
		t.Fatalf("departments %+v, want %v", res.Departments, want)
	}
	for i, w := range want {
		got := res.Departments[i]
		if got.Department != w.dept || got.Count != w.n || !got.Total.Equal(d(w.total)) || !got.Fixed.Equal(d(w.total)) {
			t.Errorf("department %d = %+v, want %s: %d people, %s", i, got, w.dept, w.n, w.total)
		}
	}
	// One department only: nothing beyond the totals.
	res = mustRun(t, s, &Input{Employees: []Employee{emp("A", "north", "1"), emp("B", "north", "2")}})
	if res.HasDepartments() {
		t.Errorf("one department: subtotals %+v, want none shown", res.Departments)
	}
}

func TestForecastPoolAndFormula(t *testing.T) {
	// A pool written before a formula component: the plans leave the pool
	// out (it depends on others), and the formula is still computed in its
	// place. 10 % of the fixed 30,000 = 3,000 at every level.
	s := mustScheme(t, `version: 1
id: pf
currency: RUB
roles:
  - id: seller
    fixed: 30000
    components:
      - {id: team_pool, type: pool}
      - {id: extra, type: formula, formula: 0.1 * fixed}
`)
	in := &Input{Employees: []Employee{person("A", "seller")}}
	var got []Forecast
	if err := EachForecast(s, in, "2027-01", func(f Forecast) error { got = append(got, f); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, level := range Levels {
		e := got[0].At[level]
		if len(e.Components) != 1 || e.Components[0].ID != "extra" || !e.Components[0].Amount.Equal(d("3000")) {
			t.Errorf("%s: components %+v, want extra 3000", level, e.Components)
		}
	}
}
