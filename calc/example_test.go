package calc_test

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// load parses and validates a scheme; an example has no testing.T, so a bad
// scheme panics.
func load(y, file string) *plan.Scheme {
	s, err := plan.Parse(strings.NewReader(y), file)
	if err != nil {
		panic(err)
	}
	if _, err := s.Validate(); err != nil {
		panic(err)
	}
	return s
}

// facts builds a fact row from "id=value" pairs, each value parsed from text.
func facts(kv ...string) calc.Facts {
	m := map[string]calc.Value{}
	for _, f := range kv {
		k, v, _ := strings.Cut(f, "=")
		m[k] = calc.Value{V: decimal.RequireFromString(v), Src: calc.Note("Facts!" + k)}
	}
	return calc.FactsOf(m)
}

// The seed's coefficient ladder (docs/calculation.md §4.5) at 115 % on both
// indicators, with "no errors" but a remark in the period:
// 0.45 + floor(0.15 / 0.05) × 0.005 = 0.465 per indicator; 0.465 + 0.465 + 0.15
// = 1.08; bonus 30,000 × 1.08 = 32,400; total 30,000 + 32,400 = 62,400.
func Example_seedLadder() {
	s := load(`version: 1
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
`, "ladder.yaml")
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{{
		ID: "L-115", Name: "Olga", Role: "manager", Src: calc.Note("Roster!2"),
		Facts: facts("sales=1150000", "margin=230000", "no_errors=1", "no_remarks=0"),
	}}}, calc.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := res.Employees[0]
	for _, k := range e.KPIs {
		fmt.Println(k.ID, "fulfilment", k.Fulfilment, "coefficient", k.Coefficient)
	}
	fmt.Println("coefficient", e.Coefficient)
	fmt.Println("fixed", e.Fixed.StringFixed(2))
	fmt.Println("bonus", e.Bonus.StringFixed(2))
	fmt.Println("total", e.Total.StringFixed(2))
	// Output:
	// sales fulfilment 1.15 coefficient 0.465
	// margin fulfilment 1.15 coefficient 0.465
	// coefficient 1.08
	// fixed 30000.00
	// bonus 32400.00
	// total 62400.00
}

// The online shop "Kotelok" (docs/calculation.md §5.4): rate 7,000 + 2 % of 800,000 in
// personal sales = 16,000 + 2,000 for meeting the new-clients plan + 5,000 ×
// 80 % company-plan fulfilment = 4,000. Total 29,000.
func Example_kotelok() {
	s := load(`version: 1
id: kotelok
currency: RUB
roles:
  - id: manager
    fixed: 7000
    kpis:
      - {id: sales}
      - {id: new_clients, norm: 10}
      - {id: company_sales, norm: 10000000}
    components:
      - {id: commission, type: commission, kpi: sales, rate: 0.02}
      - id: new_clients_bonus
        type: bonus
        amount: 2000
        when: {kpi: new_clients, reaches: norm}
      - {id: company_plan_bonus, type: proportional, kpi: company_sales, amount: 5000}
`, "kotelok.yaml")
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{{
		ID: "K-001", Name: "Anna", Role: "manager", Src: calc.Note("Roster!2"),
		Facts: facts("sales=800000", "new_clients=12", "company_sales=8000000"),
	}}}, calc.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := res.Employees[0]
	fmt.Println("fixed", e.Fixed.StringFixed(2))
	for _, c := range e.Components {
		fmt.Println(c.ID, c.Amount.StringFixed(2))
	}
	fmt.Println("total", e.Total.StringFixed(2))
	// Output:
	// fixed 7000.00
	// commission 16000.00
	// new_clients_bonus 2000.00
	// company_plan_bonus 4000.00
	// total 29000.00
}

// An office manager's KPI matrix (docs/calculation.md §3.8) with a lower-is-better
// indicator. Requests on time 0.90 between base 0.80 and norm 0.95: index
// 0.10 / 0.15 = 2/3. Supply costs 40,000 against base 60,000, norm 50,000,
// target 45,000: (40,000 − 60,000) / (50,000 − 60,000) = 2, capped at the
// target's 1.5. Documents 120 against 100 / 150: 0.4.
// K = 0.4 × 2/3 + 0.3 × 1.5 + 0.3 × 0.4 = 251/300 ≈ 0.836667;
// bonus 20,000 × 251/300 = 16,733.333… → 16,733.33.
func Example_kpiMatrix() {
	s := load(`version: 1
id: kpi-matrix
currency: RUB
roles:
  - id: office_manager
    fixed: 30000
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: requests_on_time, weight: 0.4, base: 0.80, norm: 0.95, target: 1.00}
      - {id: supply_costs, weight: 0.3, base: 60000, norm: 50000, target: 45000}
      - {id: documents, weight: 0.3, base: 100, norm: 150, target: 180}
`, "kpi-matrix.yaml")
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{{
		ID: "OM-03", Name: "Irina", Role: "office_manager", Src: calc.Note("Roster!4"),
		Facts: facts("requests_on_time=0.90", "supply_costs=40000", "documents=120"),
	}}}, calc.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := res.Employees[0]
	for _, k := range e.KPIs {
		fmt.Println(k.ID, k.Direction, k.Band, "index", k.Index, "weighted", k.Weighted)
	}
	fmt.Println("K", e.K)
	fmt.Println("bonus", e.Bonus.StringFixed(2))
	fmt.Println("total", e.Total.StringFixed(2))
	// Output:
	// requests_on_time higher base-norm index ≈0.666667 weighted ≈0.266667
	// supply_costs lower at-norm index 1.5 weighted 0.45
	// documents higher base-norm index 0.4 weighted 0.12
	// K ≈0.836667
	// bonus 16733.33
	// total 46733.33
}

// EvalLadder on the seed ladder, at each bound and one unit either side.
// Above 100 % the coefficient grows by 0.005 for every full 5 %:
// floor((1.15 − 1) / 0.05) = 3 exactly, so 1.15 gives 0.465, and the cap
// holds it there at 1.2.
func ExampleEvalLadder() {
	dec := func(raw string) *plan.Dec { return &plan.Dec{V: decimal.RequireFromString(raw), Raw: raw} }
	l := &plan.Ladder{ID: "seed", Type: plan.LadderIncrement, Tiers: []*plan.Tier{
		{From: dec("0"), To: dec("0.8"), Value: dec("0")},
		{From: dec("0.8"), To: dec("1"), Value: dec("0.3")},
		{From: dec("1"), Value: dec("0.45"), Every: dec("0.05"), Add: dec("0.005"), Max: dec("0.465")},
	}}
	for _, r := range []string{"0.7999", "0.8", "0.9999", "1", "1.0499", "1.05", "1.1", "1.15", "1.2"} {
		c, _ := calc.EvalLadder(l, calc.Dec(decimal.RequireFromString(r)), true)
		fmt.Println(r, "→", c)
	}
	// Output:
	// 0.7999 → 0
	// 0.8 → 0.3
	// 0.9999 → 0.3
	// 1 → 0.45
	// 1.0499 → 0.45
	// 1.05 → 0.455
	// 1.1 → 0.46
	// 1.15 → 0.465
	// 1.2 → 0.465
}

// Money is rounded once, at the scheme's step, with its mode. 0.125 is a tie
// at 0.01: half-up goes away from zero, half-even to the even cent, down
// toward zero; 2/3 is not a tie.
func ExampleQ_Round() {
	cent := decimal.RequireFromString("0.01")
	for _, x := range []calc.Q{
		calc.Dec(decimal.RequireFromString("0.125")),
		calc.Dec(decimal.RequireFromString("-0.125")),
		calc.Frac(decimal.NewFromInt(2), decimal.NewFromInt(3)),
	} {
		fmt.Println(x, x.Round(cent, plan.HalfUp), x.Round(cent, plan.HalfEven), x.Round(cent, plan.Down))
	}
	// Output:
	// 0.125 0.13 0.12 0.12
	// -0.125 -0.13 -0.12 -0.12
	// ≈0.666667 0.67 0.67 0.66
}
