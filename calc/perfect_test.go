package calc

import "testing"

// A lower-is-better fact of 0 (no errors, no returns) is the best result:
// its fulfilment norm / 0 is above every tier. Where that would multiply out
// without end, the scheme is asked for a max instead.
func TestRunLowerIsBetterAtZero(t *testing.T) {
	s := mustScheme(t, zeroNormYAML)
	// Step ladder [0,1) → 0, [1,∞) → 0.45: a perfect result is in the last
	// tier, 10,000 × 0.45 = 4,500.
	res, err := Run(s, &Input{Employees: []Employee{person("E", "buyer", "costs=0")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pay(t, "costs 0", res.Employees[0], "0", "4500.00", "4500.00")

	unbounded := mustScheme(t, `version: 1
id: z
currency: RUB
ladders:
  - id: up
    type: increment
    tiers:
      - {from: 0, value: 0, every: 0.1, add: 0.01}
roles:
  - id: buyer
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - {id: costs, direction: lower, norm: 100, ladder: up}
  - id: prop
    fixed: 0
    kpis:
      - {id: returns, direction: lower, norm: 10}
    components:
      - {id: c, type: proportional, kpi: returns, amount: 5000}
`)
	runErr(t, unbounded, &Input{Employees: []Employee{person("E", "buyer", "costs=0")}}, "Facts!E.costs", `ladder "up" keeps rising without a max`)
	runErr(t, unbounded, &Input{Employees: []Employee{person("P", "prop", "returns=0")}}, "Facts!P.returns", "c has no max fulfilment")
	// Away from zero the usual fulfilment applies: 10 / 5 = 2 → 5,000 × 2 = 10,000.
	res, err = Run(unbounded, &Input{Employees: []Employee{person("P", "prop", "returns=5")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pay(t, "returns 5", res.Employees[0], "0", "0.00", "10000.00")
}

// A variable part is never negative: penalty coefficients can take it to 0,
// not below (1,000 × −0.15 = −150 → 0), and the fixed part stays whole.
func TestRunNegativeBonusIsZero(t *testing.T) {
	s := mustScheme(t, `version: 1
id: neg
currency: RUB
roles:
  - id: m
    fixed: 500
    variable: 1000
    bonus: {method: ladders}
    conditions:
      - {id: remarks, coefficient: -0.15}
`)
	res, err := Run(s, &Input{Employees: []Employee{person("E", "m", "remarks=1")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pay(t, "penalty", res.Employees[0], "500.00", "0.00", "500.00")
}
