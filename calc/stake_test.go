package calc

import (
	"testing"
)

// stakeText is a stake as a test writes it: the amount with its scale, or
// the reason there is none.
func stakeText(s Stake) string {
	if s.None != "" {
		return s.None
	}
	return s.Amount.StringFixed(2)
}

// stakeCase is one KPI's expected stake at the norm and at the target.
type stakeCase struct {
	name         string
	e            Employee
	kpi          string
	norm, target string
}

// checkStakes runs each case's employee alone and compares the KPI's stake.
func checkStakes(t *testing.T, yaml string, cases []stakeCase) {
	t.Helper()
	s := mustScheme(t, yaml)
	for _, c := range cases {
		e := runOne(t, s, c.e)
		k := kpiOf(t, e, c.kpi)
		if k.Stake == nil {
			t.Errorf("%s: %s has no stake", c.name, c.kpi)
			continue
		}
		if got := [2]string{stakeText(k.Stake.Norm), stakeText(k.Stake.Target)}; got != [2]string{c.norm, c.target} {
			t.Errorf("%s: %s at stake at norm, at target = %v, want [%s %s]", c.name, c.kpi, got, c.norm, c.target)
		}
	}
}

// TestStakeIndex: with the plain index method a KPI's stake is variable ×
// weight × index at the level: 1 at the norm, the target's index (subject
// to the cap) at the target. The month's facts do not matter: the stake is
// the plan's. matrixYAML: variable 20,000.
func TestStakeIndex(t *testing.T) {
	checkStakes(t, matrixYAML, []stakeCase{
		// on_time: 20,000 × 0.4 = 8,000 at the norm; the target's index
		// (1.00 − 0.80) / (0.95 − 0.80) = 4/3: 20,000 × 0.4 × 4/3 =
		// 10,666.666… → 10,666.67.
		{"on_time", person("A", "office", "on_time=0.95", "costs=48000", "docs=165"), "on_time", "8000.00", "10666.67"},
		// costs, lower is better: 20,000 × 0.3 = 6,000; (45,000 − 60,000) /
		// (50,000 − 60,000) = 1.5: 9,000.
		{"costs", person("A", "office", "on_time=0.95", "costs=48000", "docs=165"), "costs", "6000.00", "9000.00"},
		// docs: 6,000; (180 − 100) / 50 = 1.6: 20,000 × 0.3 × 1.6 = 9,600.
		{"docs", person("A", "office", "on_time=0.95", "costs=48000", "docs=165"), "docs", "6000.00", "9600.00"},
		// Another month's facts, the same stakes.
		{"docs, below base", person("B", "office", "on_time=0.80", "costs=62000", "docs=90"), "docs", "6000.00", "9600.00"},
	})
}

// TestStakeCaps: the target's index is held at the KPI's cap, and the
// norm's too when the cap is below 1; without a target there is no figure
// at the target. capsYAML: variable 10,000, weight 1, base 100, norm 120,
// target 150: the target's index is (150 − 100) / 20 = 2.5.
func TestStakeCaps(t *testing.T) {
	y := capsYAML + `  - id: low
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 100, norm: 120, target: 150, cap: 0.8}
`
	checkStakes(t, y, []stakeCase{
		// 10,000 × 1 = 10,000; 10,000 × 2.5 = 25,000.
		{"target caps", person("E", "target", "sales=130"), "sales", "10000.00", "25000.00"},
		// cap: none: the target's index is 2.5 still.
		{"cap: none", person("E", "uncapped", "sales=130"), "sales", "10000.00", "25000.00"},
		// cap: 1.2: 2.5 held at 1.2, 12,000.
		{"cap 1.2", person("E", "explicit", "sales=130"), "sales", "10000.00", "12000.00"},
		// cap: 0.8 holds the norm's index too: 8,000 at both levels.
		{"cap 0.8", person("E", "low", "sales=130"), "sales", "8000.00", "8000.00"},
		// No target: no figure at the target (not 0).
		{"no target", person("E", "notarget", "sales=130"), "sales", "10000.00", StakeNoTarget},
	})
}

// TestStakePersonalPlansAndProration: the stake uses the person's own
// variable target, personal plans and proration. Variable 40,000, margin
// weight 0.6 with base 0 and personal norm 500,000 and target 600,000
// (the index at the target 600,000 / 500,000 = 1.2); calls weight 0.4,
// 400 / 600 / 800 (index at the target (800 − 400) / 200 = 2).
func TestStakePersonalPlansAndProration(t *testing.T) {
	const y = `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 40000
    variable: 40000
    prorate_plans: true
    bonus: {method: index}
    kpis:
      - {id: margin, weight: 0.6, base: 0}
      - {id: calls, weight: 0.4, base: 400, norm: 600, target: 800}
`
	plans := func(e Employee) Employee {
		e.Plans = Plans{{KPI: "margin", Norm: &Value{V: d("500000"), Src: Note("Plans!norm")}, Target: &Value{V: d("600000"), Src: Note("Plans!target")}}}
		return e
	}
	checkStakes(t, y, []stakeCase{
		// 40,000 × 0.6 = 24,000; × 1.2 = 28,800.
		{"whole month", plans(person("E", "m", "margin=450000", "calls=500")), "margin", "24000.00", "28800.00"},
		// 40,000 × 0.4 = 16,000; × 2 = 32,000.
		{"whole month", plans(person("E", "m", "margin=450000", "calls=500")), "calls", "16000.00", "32000.00"},
		// 11 of 22 days: the variable 20,000, the plans halved (250,000 /
		// 300,000: the index at the target still 1.2): 12,000 and 14,400.
		{"half a month", days(plans(person("E", "m", "margin=200000", "calls=250")), "11", "22"), "margin", "12000.00", "14400.00"},
		// 20,000 × 0.4 = 8,000; plans 200 / 300 / 400: (400 − 200) / 100 = 2, 16,000.
		{"half a month", days(plans(person("E", "m", "margin=200000", "calls=250")), "11", "22"), "calls", "8000.00", "16000.00"},
		// 7 of 22 days: 40,000 × 7/22 × 0.6 = 168,000/22 = 7,636.3636… →
		// 7,636.36; × 1.2 = 9,163.6363… → 9,163.64 (each rounded once, from
		// the exact amount, not 7,636.36 × 1.2 = 9,163.632).
		{"7 of 22 days", days(plans(person("E", "m", "margin=200000", "calls=250")), "7", "22"), "margin", "7636.36", "9163.64"},
		// No days worked: no variable part, nothing at stake.
		{"no days", days(plans(person("E", "m", "margin=0", "calls=0")), "0", "22"), "margin", "0.00", "0.00"},
	})
}

// TestStakeRounding: the stake is rounded once, with the scheme's step and
// mode: 20,000 × 0.4 × 4/3 = 10,666.666… (TestStakeIndex's on_time).
func TestStakeRounding(t *testing.T) {
	for _, c := range []struct{ rounding, want string }{
		{"{step: 1, mode: half-up}", "10667.00"},
		{"{step: 1, mode: down}", "10666.00"},
		{"{step: 0.05, mode: half-even}", "10666.65"}, // 10,666.666… is nearer 10,666.65 than 10,666.70
	} {
		y := matrixYAML[:len("version: 1\nid: matrix\ncurrency: RUB\n")] + "rounding: " + c.rounding + "\n" + matrixYAML[len("version: 1\nid: matrix\ncurrency: RUB\n"):]
		checkStakes(t, y, []stakeCase{{c.rounding, person("A", "office", "on_time=0.95", "costs=48000", "docs=165"), "on_time", "8000.00", c.want}})
	}
}

// TestStakePayoutLadder: through a payout ladder a KPI's stake is
// variable × (payout(K at the level) − payout(K without the KPI)), every
// other KPI at its norm. The stakes need not add up to the bonus.
func TestStakePayoutLadder(t *testing.T) {
	// payoutYAML's role m: variable 10,000, sales and calls 0.5 each, no
	// targets; the step payout gives 0 below K 0.8, 0.8 to 1, 1.2 from 1.
	// At the norm K = 1 → 1.2; without sales K = 0.5 → 0: 10,000 × 1.2 =
	// 12,000 for each, 24,000 in all against a bonus at the norm of 12,000.
	checkStakes(t, payoutYAML, []stakeCase{
		{"step payout", person("E", "m", "sales=5000", "calls=50"), "sales", "12000.00", StakeNoTarget},
		{"step payout", person("E", "m", "sales=5000", "calls=50"), "calls", "12000.00", StakeNoTarget},
	})
	// The sales-team head's linear payout 0.5 → 0, 1 → 1, 1.5 → 1.3,
	// variable 60,000, without the gate (TestStakeGates has it):
	// dept_margin 0.7: at the norm payout(1) − payout(0.3) = 1 − 0 →
	// 60,000; at the target (5,000,000 − 2,000,000) / 2,000,000 = 1.5, K =
	// 0.3 + 1.05 = 1.35 → 1 + 0.35 × 0.3 / 0.5 = 1.21 → 72,600.
	// staff_turnover 0.3: payout(1) − payout(0.7) = 1 − 0.2 / 0.5 = 0.6 →
	// 36,000; at the target (0.05 − 0.2) / (0.1 − 0.2) = 1.5, K = 0.7 +
	// 0.45 = 1.15 → 1 + 0.15 × 0.6 = 1.09; 1.09 − 0.4 = 0.69 → 41,400.
	checkStakes(t, headYAML(""), []stakeCase{
		{"linear payout", person("H", "head", "dept_margin=4200000", "staff_turnover=0.12"), "dept_margin", "60000.00", "72600.00"},
		{"linear payout", person("H", "head", "dept_margin=4200000", "staff_turnover=0.12"), "staff_turnover", "36000.00", "41400.00"},
	})
}

// headYAML is the sales-team head's role (examples/sales-team) with gates
// added as written.
func headYAML(gates string) string {
	return `version: 1
id: s
currency: RUB
ladders:
  - id: k-payout
    type: linear
    points:
      - {at: 0.5, value: 0}
      - {at: 1, value: 1}
      - {at: 1.5, value: 1.3}
roles:
  - id: head
    fixed: 60000
    variable: 60000
    bonus: {method: index, payout: k-payout}
    kpis:
      - {id: dept_margin, weight: 0.7, base: 2000000, norm: 4000000, target: 5000000}
      - {id: staff_turnover, weight: 0.3, base: 0.20, norm: 0.10, target: 0.05}
` + gates
}

// TestStakeLadders: with method ladders a KPI's stake is variable × its
// own ladder coefficient at the level's fulfilment (1 at the norm, target
// / norm at the target; norm / target when lower is better). The yes/no
// conditions add the same with and without the KPI, so they do not count.
func TestStakeLadders(t *testing.T) {
	y := ladderYAML + `  - id: stretch
    fixed: 0
    variable: 30000
    bonus: {method: ladders}
    kpis:
      - {id: sales, norm: 1000000, target: 1100000, ladder: plan-fulfilment}
      - {id: costs, direction: lower, norm: 50000, target: 40000, ladder: plan-fulfilment}
      - {id: returns, direction: lower, norm: 5, target: 0, ladder: plan-fulfilment}
    conditions:
      - {id: no_errors, coefficient: 0.15}
`
	checkStakes(t, y, []stakeCase{
		// The seed's ladder at 1: 0.45; 30,000 × 0.45 = 13,500. No target.
		{"seed", person("E", "manager", "sales=1150000", "margin=230000", "no_errors=1", "no_remarks=0"), "sales", "13500.00", StakeNoTarget},
		{"seed", person("E", "manager", "sales=1150000", "margin=230000", "no_errors=1", "no_remarks=0"), "margin", "13500.00", StakeNoTarget},
		// Lower is better, norm / fact: 10,000 × 0.45 = 4,500.
		{"buyer", person("E", "buyer", "costs=40000"), "costs", "4500.00", StakeNoTarget},
		// sales at the target 1,100,000 / 1,000,000 = 1.1: 0.45 +
		// floor(0.1 / 0.05) × 0.005 = 0.46 → 13,800.
		{"target", person("E", "stretch", "sales=900000", "costs=50000", "returns=3", "no_errors=0"), "sales", "13500.00", "13800.00"},
		// costs at the target: 50,000 / 40,000 = 1.25 → 0.45 + 5 × 0.005 =
		// 0.475, held at the max 0.465 → 13,950.
		{"target, lower", person("E", "stretch", "sales=900000", "costs=50000", "returns=3", "no_errors=0"), "costs", "13500.00", "13950.00"},
		// returns at the target 0: the best result there is (§3.5), past
		// the last tier: 0.465 (the max) → 13,950.
		{"target 0, lower", person("E", "stretch", "sales=900000", "costs=50000", "returns=3", "no_errors=0"), "returns", "13500.00", "13950.00"},
	})
	// The same lower-is-better target of 0 through a ladder without a
	// max: no coefficient can be had (a fact of 0 would be refused); the
	// stake says so instead of a figure, and the run is not refused.
	unbounded := `version: 1
id: s
currency: RUB
ladders:
  - id: rising
    type: increment
    tiers:
      - {from: 0, to: 1, value: 0}
      - {from: 1, value: 0.5, every: 0.1, add: 0.01}
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: ladders}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: returns, direction: lower, norm: 5, target: 0, ladder: rising}
`
	checkStakes(t, unbounded, []stakeCase{
		// At the norm 0.5 → 5,000.
		{"unbounded", person("E", "m", "returns=4"), "returns", "5000.00", StakeUnbounded},
	})
}

// TestStakeBoth: with method both a KPI's stake is what it gives through
// K and through its ladder together.
func TestStakeBoth(t *testing.T) {
	y := payoutYAML + `  - id: both2
    fixed: 0
    variable: 10000
    bonus: {method: both}
    kpis:
      - {id: sales, weight: 0.5, base: 0, norm: 100, target: 115, ladder: seed}
      - {id: calls, weight: 0.5, base: 0, norm: 50, target: 60}
`
	checkStakes(t, y, []stakeCase{
		// payoutYAML's role both: sales weight 1 and the seed ladder, no
		// target: K 1 plus the ladder's 0.45 at 1: 1.45 → 14,500.
		{"one KPI", person("E", "both", "sales=115"), "sales", "14500.00", StakeNoTarget},
		// sales 0.5: at the norm 0.5 × 1 + 0.45 = 0.95 → 9,500; at the
		// target 0.5 × 1.15 + 0.465 (the ladder at 1.15) = 1.04 → 10,400.
		{"two KPIs", person("E", "both2", "sales=100", "calls=50"), "sales", "9500.00", "10400.00"},
		// calls has no ladder: 0.5 × 1 → 5,000; 0.5 × 60 / 50 = 0.6 → 6,000.
		{"two KPIs", person("E", "both2", "sales=100", "calls=50"), "calls", "5000.00", "6000.00"},
	})
}

// TestStakeGates: gates are taken at the level. A KPI's own gate at or
// below its norm passes there; above it, the KPI gives nothing at the norm,
// and its stake there is 0. A KPI that holds a gate of the role has the
// whole bonus at stake: without it none is paid (conditions included). A
// gate of the role above the norm voids the bonus with every KPI at its
// norm: nothing is at stake there.
func TestStakeGates(t *testing.T) {
	y := gatesYAML + `  - id: bar
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.5, base: 0, norm: 100, target: 120, gate: 1.1}
      - {id: calls, weight: 0.5, base: 0, norm: 50, target: 60}
  - id: above
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.5, base: 0, norm: 100, target: 120}
      - {id: calls, weight: 0.5, base: 0, norm: 50, target: 60}
    gates:
      - {kpi: sales, min: 1.05}
  - id: gateonly
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100, target: 120}
      - {id: visits, norm: 10}
    gates:
      - {kpi: visits, min: 1}
`
	checkStakes(t, y, []stakeCase{
		// gatesYAML weighted: sales has its own gate 0.9; at the norm the
		// fulfilment 1 passes it: 10,000 × 0.5 = 5,000.
		{"own gate below the norm", person("E", "weighted", "sales=85", "calls=50"), "sales", "5000.00", StakeNoTarget},
		// gatesYAML laddered: sales (own gate 0.9) 10,000 × 0.45 = 4,500.
		{"ladder, own gate", person("E", "laddered", "sales=95", "margin=100", "no_errors=1"), "sales", "4500.00", StakeNoTarget},
		// margin holds the role's gate (min 0.8): without it no bonus at
		// all, so the whole bonus at the norm is at stake: sales 0.45 +
		// margin 0.45 + no_errors 0.15 = 1.05 → 10,500.
		{"role gate", person("E", "laddered", "sales=95", "margin=100", "no_errors=1"), "margin", "10500.00", StakeNoTarget},
		// bar: sales's own gate 1.1 is above its norm: at the norm it
		// gives nothing (0); at the target 120 / 100 = 1.2 passes: 10,000 ×
		// 0.5 × 1.2 = 6,000.
		{"own gate above the norm", person("E", "bar", "sales=100", "calls=50"), "sales", "0.00", "6000.00"},
		{"own gate above the norm", person("E", "bar", "sales=100", "calls=50"), "calls", "5000.00", "6000.00"},
		// above: the role's gate on sales at 1.05 fails with sales at its
		// norm: no bonus there, for any KPI. sales at its target (1.2)
		// passes: K = 0.5 × 1.2 + 0.5 = 1.1, the whole bonus 11,000.
		// calls at its target, sales held at the norm: void, 0.
		{"role gate above the norm", person("E", "above", "sales=100", "calls=50"), "sales", "0.00", "11000.00"},
		{"role gate above the norm", person("E", "above", "sales=100", "calls=50"), "calls", "0.00", "0.00"},
		// gateonly: visits has no weight but holds the role's gate (a
		// minimum bar at its norm): the whole bonus, 10,000, at its norm;
		// no target. sales: 10,000; 12,000.
		{"gate only", person("E", "gateonly", "sales=100", "visits=10"), "visits", "10000.00", StakeNoTarget},
		{"gate only", person("E", "gateonly", "sales=100", "visits=10"), "sales", "10000.00", "12000.00"},
	})
	// The sales-team head with its gate on dept_margin (min 0.7): the
	// whole bonus at the level, 60,000 and 72,600 as TestStakePayoutLadder
	// (where payout(0.3) was already 0); staff_turnover unchanged.
	s := mustScheme(t, headYAML("    gates:\n      - {kpi: dept_margin, min: 0.7}\n"))
	e := runOne(t, s, person("H", "head", "dept_margin=4200000", "staff_turnover=0.12"))
	k := kpiOf(t, e, "dept_margin")
	if k.Stake == nil || k.Stake.Gate == nil || !k.Stake.Gate.Equal(d("0.7")) {
		t.Errorf("dept_margin holds the gate 0.7: Stake = %+v", k.Stake)
	}
	if k := kpiOf(t, e, "staff_turnover"); k.Stake == nil || k.Stake.Gate != nil {
		t.Errorf("staff_turnover holds no gate: Stake = %+v", k.Stake)
	}
}

// TestStakeNotInBonus: a KPI that only feeds a component has no stake in
// the bonus, said so (not 0); a role without a bonus has no stakes at all.
func TestStakeNotInBonus(t *testing.T) {
	const y = `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100}
      - {id: units, norm: 5}
    components:
      - {id: over, type: unit_bonus, kpi: units, price: 100, rate: 0.1}
  - id: k
    fixed: 7000
    kpis:
      - {id: sales}
    components:
      - {id: c, type: commission, kpi: sales, rate: 0.02}
`
	checkStakes(t, y, []stakeCase{
		{"component's KPI", person("E", "m", "sales=100", "units=7"), "units", StakeNotInBonus, StakeNotInBonus},
	})
	s := mustScheme(t, y)
	if k := kpiOf(t, runOne(t, s, person("E", "k", "sales=800000")), "sales"); k.Stake != nil {
		t.Errorf("a role without a bonus: Stake = %+v, want none", k.Stake)
	}
}

// TestStakeOptions: the stake is computed when the explanation is kept
// (the workbooks) or asked for (the plans), not for CSV and JSON.
func TestStakeOptions(t *testing.T) {
	s := mustScheme(t, matrixYAML)
	e := person("A", "office", "on_time=0.95", "costs=48000", "docs=165")
	for _, c := range []struct {
		opt  Options
		want bool
	}{{Options{}, true}, {Options{SkipSteps: true}, false}, {Options{SkipSteps: true, Stakes: true}, true}} {
		res, err := Run(s, &Input{Employees: []Employee{e}}, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Employees[0].KPIs[0].Stake != nil; got != c.want {
			t.Errorf("%+v: a stake %v, want %v", c.opt, got, c.want)
		}
	}
}

// TestStakeInForecast: the plans carry each KPI's stake, for the whole
// month (a forecast assumes it), and the engine's own bonus agrees with
// it: the KPI that holds the role's gate has the whole bonus at its norm
// at stake, which is the plan's bonus at the norm, 60,000 (the
// sales-team head: K 1 → payout 1).
func TestStakeInForecast(t *testing.T) {
	s := mustScheme(t, headYAML("    gates:\n      - {kpi: dept_margin, min: 0.7}\n"))
	in := &Input{Employees: []Employee{days(person("H", "head", "dept_margin=4200000", "staff_turnover=0.12"), "11", "22")}}
	var fc Forecast
	if err := EachForecast(s, in, "2026-11", func(f Forecast) error { fc = f; return nil }); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{"dept_margin": {"60000.00", "72600.00"}, "staff_turnover": {"36000.00", "41400.00"}}
	for _, k := range fc.KPIs {
		if k.Stake == nil {
			t.Errorf("%s: no stake in the plan", k.ID)
			continue
		}
		if got := [2]string{stakeText(k.Stake.Norm), stakeText(k.Stake.Target)}; got != want[k.ID] {
			t.Errorf("%s: plan's stakes %v, want %v", k.ID, got, want[k.ID])
		}
	}
	if b := fc.At["norm"].Bonus; !b.Equal(d("60000")) || !fc.KPIs[0].Stake.Norm.Amount.Equal(b) {
		t.Errorf("bonus at norm %s, dept_margin's stake at norm %s: want both 60000", b, fc.KPIs[0].Stake.Norm.Amount)
	}
}
