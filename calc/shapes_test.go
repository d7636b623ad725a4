package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// The ladder shapes of issue 12, item 7 (docs/calculation.md §4.2, §4.6,
// §5.1): an upper bound on the last tier, inclusive upper bounds, a fixed
// amount per tier, and commission tiers keyed on attainment. Every
// expected figure is worked by hand beside it.

// TestEvalLadderUpperBound: above the last tier's to, x is held at it.
func TestEvalLadderUpperBound(t *testing.T) {
	// rateSteps with its last tier bounded: [200,000, 300,000] at 5 %.
	steps := rateSteps()
	steps.Tiers[2].To = pd("300000")
	runLadder(t, steps, []ladderCase{
		{"250000", q("250000"), q("0.05")},
		{"300000", q("300000"), q("0.05")}, // at the bound: the last tier holds it
		{"300000.01", q("300000.01"), q("0.05")},
		{"1000000", q("1000000"), q("0.05")}, // held at 300,000: still the last tier's value
	})
	_, how := EvalLadder(steps, q("1000000"), false)
	if how.Msg != MsgHeldAtBound || how.Args[1] != "300000" {
		t.Errorf("EvalLadder(bounded steps, 1000000) explains %v, want held at 300000", how)
	}
	if inner := how.Args[3].(Phrase); inner.Msg != MsgTier || inner.Args[0].(Phrase).Msg != MsgRangeClosed {
		t.Errorf("EvalLadder(bounded steps, 1000000): the tier is %v, want the last tier shown closed, [200000, 300000]", inner)
	}
	_, how = EvalLadder(steps, q("300000"), false)
	if how.Msg != MsgTier {
		t.Errorf("EvalLadder(bounded steps, 300000) explains %v, want the tier alone (not above the bound)", how)
	}

	// rateSlices bounded at 300,000: nothing accrues above it.
	slices := rateSlices()
	slices.Tiers[2].To = pd("300000")
	runLadder(t, slices, []ladderCase{
		{"250000", q("250000"), q("7500")},        // 100,000 × 0.02 + 100,000 × 0.03 + 50,000 × 0.05 = 2,000 + 3,000 + 2,500
		{"300000", q("300000"), q("10000")},       // 2,000 + 3,000 + 100,000 × 0.05 = 10,000
		{"300000.01", q("300000.01"), q("10000")}, // held: the slices stop at 300,000
		{"1000000", q("1000000"), q("10000")},
	})
	_, how = EvalLadder(slices, q("1000000"), false)
	if how.Msg != MsgHeldAtBound || how.Args[3].(Phrase).Msg != MsgMarginal {
		t.Errorf("EvalLadder(bounded slices, 1000000) explains %v, want held at 300000, then the slices", how)
	}

	// The seed's ladder as the article writes it: "1.00 < r ≤ 1.15: +0.005
	// for every full 5 %; above 1.15 stays at 0.465" is the last tier
	// [1, 1.15] with no max: held at 1.15, 0.45 + floor(0.15 / 0.05) × 0.005
	// = 0.45 + 3 × 0.005 = 0.465.
	article := seedLadder()
	article.Tiers[2].To, article.Tiers[2].Max = pd("1.15"), nil
	runLadder(t, article, []ladderCase{
		{"1.1499", q("1.1499"), q("0.46")}, // floor(0.1499 / 0.05) = 2
		{"1.15", q("1.15"), q("0.465")},
		{"1.2", q("1.2"), q("0.465")}, // held at 1.15, not 0.45 + 4 × 0.005 = 0.47
		{"7", q("7"), q("0.465")},
	})
	// … and it gives the seed ladder's coefficient (max: 0.465) at every r
	// from 0 to 2 in steps of 0.0001.
	seed := seedLadder()
	for i := int64(0); i <= 20000; i++ {
		x := Frac(decimal.NewFromInt(i), decimal.NewFromInt(10000))
		a, _ := EvalLadder(article, x, true)
		b, _ := EvalLadder(seed, x, true)
		if a.Cmp(b) != 0 {
			t.Fatalf("r = %s: bounded at 1.15 gives %s, with max 0.465 %s", x, a, b)
		}
	}
}

// TestEvalLadderInclusiveTo tests each bound under both conventions: by
// default a tier holds its from ([from, to)); with inclusive: to it holds
// its to ((from, to]), and the first tier its from too ([from, to]).
func TestEvalLadderInclusiveTo(t *testing.T) {
	// "Up to 80 % inclusive: 0; above 80 up to 100 % inclusive: 0.3; above
	// 100 %: 0.45."
	upper := &plan.Ladder{ID: "upper", Type: plan.LadderStep, Inclusive: plan.InclusiveTo, Tiers: []*plan.Tier{
		{From: pd("0.5"), To: pd("0.8"), Value: pd("0")},
		{From: pd("0.8"), To: pd("1"), Value: pd("0.3")},
		{From: pd("1"), Value: pd("0.45")},
	}}
	runLadder(t, upper, []ladderCase{
		{"0.4999", q("0.4999"), q("0")}, // below the first tier
		{"0.5", q("0.5"), q("0")},       // the first tier holds its from
		{"0.7999", q("0.7999"), q("0")},
		{"0.8", q("0.8"), q("0")}, // the first tier holds its to
		{"0.8001", q("0.8001"), q("0.3")},
		{"1", q("1"), q("0.3")}, // (0.8, 1] holds 1
		{"1.0001", q("1.0001"), q("0.45")},
	})
	// The same tiers by default: each bound belongs to the tier above it.
	lower := *upper
	lower.Inclusive = ""
	runLadder(t, &lower, []ladderCase{
		{"0.5", q("0.5"), q("0")},
		{"0.8", q("0.8"), q("0.3")},
		{"1", q("1"), q("0.45")},
	})
	for _, tt := range []struct {
		x     string
		first Msg // the range phrase of the tier found
	}{
		{"0.5", MsgRangeClosed},  // [0.5, 0.8]
		{"0.8", MsgRangeClosed},  // [0.5, 0.8]
		{"0.9", MsgRangeUpper},   // (0.8, 1]
		{"1", MsgRangeUpper},     // (0.8, 1]
		{"2", MsgRangeOpenAbove}, // (1, ∞)
	} {
		_, how := EvalLadder(upper, q(tt.x), false)
		if got := how.Args[0].(Phrase).Msg; got != tt.first {
			t.Errorf("EvalLadder(upper, %s) shows the range as message %d, want %d", tt.x, got, tt.first)
		}
	}

	// A marginal ladder pays the same at every bound under both
	// conventions: a slice has no width at a point.
	slices := rateSlices()
	slicesUpper := rateSlices()
	slicesUpper.Inclusive = plan.InclusiveTo
	for _, tt := range []struct{ x, want string }{
		{"0", "0"},
		{"100000", "2000"},         // 100,000 × 0.02
		{"100000.01", "2000.0003"}, // + 0.01 × 0.03
		{"200000", "5000"},         // 2,000 + 100,000 × 0.03
		{"250000", "7500"},         // 5,000 + 50,000 × 0.05
	} {
		a, _ := EvalLadder(slices, q(tt.x), false)
		b, _ := EvalLadder(slicesUpper, q(tt.x), false)
		if a.Cmp(q(tt.want)) != 0 || b.Cmp(q(tt.want)) != 0 {
			t.Errorf("marginal at %s = %s by default, %s with inclusive: to; want %s", tt.x, a, b, tt.want)
		}
	}

	// An increment tier (from, to] with an upper bound: "above 100 % up to
	// 115 % inclusive, +0.005 for every full 5 %".
	inc := &plan.Ladder{ID: "inc", Type: plan.LadderIncrement, Inclusive: plan.InclusiveTo, Tiers: []*plan.Tier{
		{From: pd("0.8"), To: pd("1"), Value: pd("0.3")},
		{From: pd("1"), To: pd("1.15"), Value: pd("0.45"), Every: pd("0.05"), Add: pd("0.005")},
	}}
	runLadder(t, inc, []ladderCase{
		{"0.8", q("0.8"), q("0.3")},        // the first tier holds its from
		{"1", q("1"), q("0.3")},            // [0.8, 1] holds 1
		{"1.0001", q("1.0001"), q("0.45")}, // 0.45 + floor(0.0001 / 0.05) × 0.005
		{"1.05", q("1.05"), q("0.455")},    // 0.45 + 1 × 0.005
		{"1.15", q("1.15"), q("0.465")},    // 0.45 + 3 × 0.005
		{"1.3", q("1.3"), q("0.465")},      // held at 1.15
	})
}

// commissionShapes are the commission ladders of docs/calculation.md §5.1.
const commissionShapes = `version: 1
id: shapes
currency: RUB
ladders:
  - id: fixed
    type: step
    tiers:
      - {from: 0, to: 100000, amount: 0}
      - {from: 100000, to: 200000, amount: 5000}
      - {from: 200000, amount: 12000}
  - id: fixed-upper
    type: step
    inclusive: to
    tiers:
      - {from: 0, to: 100000, amount: 0}
      - {from: 100000, to: 200000, amount: 5000}
      - {from: 200000, amount: 12000}
  - id: amount-and-rate
    type: step
    tiers:
      - {from: 0, to: 200000, value: 0.02}
      - {from: 200000, to: 500000, amount: 12000, value: 0.01}
  - id: capped-steps
    type: step
    tiers:
      - {from: 0, to: 100000, value: 0.02}
      - {from: 100000, to: 200000, value: 0.03}
      - {from: 200000, to: 300000, value: 0.05}
  - id: capped-slices
    type: marginal
    tiers:
      - {from: 0, to: 100000, rate: 0.02}
      - {from: 100000, to: 200000, rate: 0.03}
      - {from: 200000, to: 300000, rate: 0.05}
  - id: capped-spiff
    type: marginal
    tiers:
      - {from: 0, to: 150000, rate: 0.04}
      - {from: 150000, to: 250000, rate: 0.06}
      - {from: 250000, to: 300000, rate: 0.08}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales}
    components:
      - {id: flat, type: commission, kpi: sales, ladder: fixed}
      - {id: fixed_upper, type: commission, kpi: sales, ladder: fixed-upper}
      - {id: both, type: commission, kpi: sales, ladder: amount-and-rate}
      - {id: steps, type: commission, kpi: sales, ladder: capped-steps}
      - {id: slices, type: commission, kpi: sales, ladder: capped-slices}
      - {id: ytd, type: commission, kpi: sales, ladder: capped-spiff, prior: sales_ytd}
`

func TestRunCommissionFixedAmountsAndBounds(t *testing.T) {
	s := mustScheme(t, commissionShapes)
	for _, tt := range []struct {
		sales, prior string
		want         map[string]string
	}{
		{"0", "0", map[string]string{"flat": "0", "fixed_upper": "0", "both": "0", "steps": "0", "slices": "0", "ytd": "0"}},
		// 99,999.99: the first tiers. both, steps and slices: 99,999.99 ×
		// 0.02 = 1,999.9998 → 2,000.00; ytd: 99,999.99 × 0.04 = 3,999.9996
		// → 4,000.00.
		{"99999.99", "0", map[string]string{"flat": "0", "fixed_upper": "0", "both": "2000", "steps": "2000", "slices": "2000", "ytd": "4000"}},
		// 100,000: from is inclusive, so the second tier's 5,000; with
		// inclusive: to it is still the first tier's 0. steps: 100,000 ×
		// 0.03 = 3,000; slices: 100,000 × 0.02 = 2,000; ytd: 100,000 × 0.04.
		{"100000", "0", map[string]string{"flat": "5000", "fixed_upper": "0", "both": "2000", "steps": "3000", "slices": "2000", "ytd": "4000"}},
		{"100000.01", "0", map[string]string{"flat": "5000", "fixed_upper": "5000", "steps": "3000", "slices": "2000"}},
		// 200,000: flat 12,000, fixed_upper still 5,000 (its (100,000,
		// 200,000] tier); both: 12,000 + 200,000 × 0.01 = 14,000; steps
		// 200,000 × 0.05 = 10,000; slices 2,000 + 3,000 = 5,000.
		{"200000", "0", map[string]string{"flat": "12000", "fixed_upper": "5000", "both": "14000", "steps": "10000", "slices": "5000"}},
		// 200,000.01 × 0.05 = 10,000.0005, rounded to 10,000.00.
		{"200000.01", "0", map[string]string{"flat": "12000", "fixed_upper": "12000", "steps": "10000"}},
		// 300,000, the bound of the capped ladders: steps 300,000 × 0.05 =
		// 15,000; slices 2,000 + 3,000 + 100,000 × 0.05 = 10,000.
		{"300000", "0", map[string]string{"steps": "15000", "slices": "10000"}},
		// 400,000, above it: held at 300,000, the same 15,000 and 10,000;
		// both: 12,000 + 400,000 × 0.01 = 16,000.
		{"400000", "0", map[string]string{"flat": "12000", "both": "16000", "steps": "15000", "slices": "10000"}},
		// 600,000 is above both's bound 500,000: 12,000 + 500,000 × 0.01 =
		// 17,000.
		{"600000", "0", map[string]string{"both": "17000", "steps": "15000", "slices": "10000"}},
		// Spiff's tiers capped at 300,000, 290,000 before and 20,000 now:
		// ladder(300,000) − ladder(290,000) = (6,000 + 6,000 + 50,000 ×
		// 0.08) − (6,000 + 6,000 + 40,000 × 0.08) = 16,000 − 15,200 = 800,
		// where uncapped it would be 20,000 × 0.08 = 1,600.
		{"20000", "290000", map[string]string{"ytd": "800"}},
		// Already above the cap before the period: nothing more.
		{"20000", "310000", map[string]string{"ytd": "0"}},
	} {
		e := runOne(t, s, person("E", "rep", "sales="+tt.sales, "sales_ytd="+tt.prior))
		for id, want := range tt.want {
			if got := componentOf(t, e, id); !got.Equal(d(want)) {
				t.Errorf("sales %s, prior %s: %s = %s, want %s", tt.sales, tt.prior, id, got, want)
			}
		}
	}
}

// attainmentYAML keys a commission's tiers on attainment: 0–80 % of the
// quota at 3 %, 80–100 % at 5 %, above at 7 %, paid as a step ladder and as
// a marginal one; and QuotaPath's "Commission with Accelerators": a monthly
// quota of 33,000, 10 % until quota and 20 % on what is sold above it.
const attainmentYAML = `version: 1
id: att
currency: RUB
ladders:
  - id: step-att
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0.03}
      - {from: 0.8, to: 1, value: 0.05}
      - {from: 1, value: 0.07}
  - id: slices-att
    type: marginal
    tiers:
      - {from: 0, to: 0.8, rate: 0.03}
      - {from: 0.8, to: 1, rate: 0.05}
      - {from: 1, rate: 0.07}
  - id: capped-att
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0.03}
      - {from: 0.8, to: 1, amount: 1000}
      - {from: 1, to: 2, amount: 3000, value: 0.01}
  - id: capped-slices-att
    type: marginal
    tiers:
      - {from: 0, to: 0.8, rate: 0.03}
      - {from: 0.8, to: 1, rate: 0.05}
      - {from: 1, to: 2, rate: 0.07}
  - id: accelerator
    type: marginal
    tiers:
      - {from: 0, to: 1, rate: 0.10}
      - {from: 1, rate: 0.20}
  - id: spiff-att
    type: marginal
    tiers:
      - {from: 0, to: 0.6, rate: 0.04}
      - {from: 0.6, to: 1, rate: 0.06}
      - {from: 1, rate: 0.08}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales, norm: 100000}
    components:
      - {id: step, type: commission, kpi: sales, ladder: step-att, tiers_on: attainment}
      - {id: slices, type: commission, kpi: sales, ladder: slices-att, tiers_on: attainment}
      - {id: capped, type: commission, kpi: sales, ladder: capped-att, tiers_on: attainment}
      - {id: capped_slices, type: commission, kpi: sales, ladder: capped-slices-att, tiers_on: attainment}
  - id: ae
    fixed: 0
    kpis:
      - {id: arr}
    components:
      - {id: commission, type: commission, kpi: arr, ladder: accelerator, tiers_on: attainment}
  - id: yearly
    fixed: 0
    kpis:
      - {id: sales, norm: 250000}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: spiff-att, tiers_on: attainment, prior: sales_ytd}
`

func TestRunCommissionOnAttainment(t *testing.T) {
	s := mustScheme(t, attainmentYAML)
	for _, tt := range []struct {
		sales string
		want  map[string]string
	}{
		// The example: quota 100,000, sales 120,000 (120 %). Step:
		// the whole 120,000 at the 7 % of the tier 120 % falls in, 8,400.
		// Marginal: 80,000 × 3 % + 20,000 × 5 % + 20,000 × 7 % = 2,400 +
		// 1,000 + 1,400 = 4,800. capped: 3,000 + 120,000 × 0.01 = 4,200.
		{"120000", map[string]string{"step": "8400", "slices": "4800", "capped": "4200", "capped_slices": "4800"}},
		// 79,999 (79.999 %): step 79,999 × 0.03 = 2,399.97; marginal the same.
		{"79999", map[string]string{"step": "2399.97", "slices": "2399.97", "capped": "2399.97", "capped_slices": "2399.97"}},
		// 80,000, exactly 80 %: from is inclusive, step 80,000 × 0.05 =
		// 4,000; marginal 80,000 × 3 % = 2,400; capped: the tier's 1,000.
		{"80000", map[string]string{"step": "4000", "slices": "2400", "capped": "1000", "capped_slices": "2400"}},
		// 90,000: step 4,500; marginal 2,400 + 10,000 × 5 % = 2,900.
		{"90000", map[string]string{"step": "4500", "slices": "2900", "capped": "1000"}},
		// 100,000: step 7,000; marginal 2,400 + 1,000 = 3,400; capped
		// 3,000 + 100,000 × 0.01 = 4,000.
		{"100000", map[string]string{"step": "7000", "slices": "3400", "capped": "4000", "capped_slices": "3400"}},
		// 250,000 (250 %), above the capped ladders' bound 2 (200 %): held
		// at it. capped: 3,000 + (100,000 × 2) × 0.01 = 5,000; capped
		// slices: 2,400 + 1,000 + 100,000 × 7 % = 10,400 (uncapped: 2,400 +
		// 1,000 + 150,000 × 7 % = 13,900). step: 250,000 × 7 % = 17,500.
		{"250000", map[string]string{"step": "17500", "slices": "13900", "capped": "5000", "capped_slices": "10400"}},
		{"0", map[string]string{"step": "0", "slices": "0", "capped": "0", "capped_slices": "0"}},
	} {
		e := runOne(t, s, person("E", "rep", "sales="+tt.sales))
		for id, want := range tt.want {
			if got := componentOf(t, e, id); !got.Equal(d(want)) {
				t.Errorf("sales %s: %s = %s, want %s", tt.sales, id, got, want)
			}
		}
	}

	// QuotaPath: quota 33,000 from the Plans table, 40,000 sold: 33,000 ×
	// 10 % + 7,000 × 20 % = 3,300 + 1,400 = 4,700. 30,000 sold: 3,000.
	for _, tt := range []struct{ arr, want string }{{"40000", "4700"}, {"30000", "3000"}, {"33000", "3300"}} {
		e := person("AE", "ae", "arr="+tt.arr)
		e.Plans = Plans{{KPI: "arr", Norm: &Value{V: d("33000"), Src: Note("Plans!C2")}}}
		if got := componentOf(t, runOne(t, s, e), "commission"); !got.Equal(d(tt.want)) {
			t.Errorf("QuotaPath, ARR %s: commission %s, want %s", tt.arr, got, tt.want)
		}
	}
	// No quota: a located error naming the KPI and what to add.
	runErr(t, s, &Input{Employees: []Employee{person("AE", "ae", "arr=40000")}},
		`Roster!AE: employee "AE": KPI "arr" has no norm, needed for the tiers of commission "commission", keyed on attainment: give it in the scheme or the Plans table`)
	// A personal plan that makes the KPI lower-is-better (base 60 above the
	// norm 50) cannot key commission tiers on attainment.
	lower := person("AE", "ae", "arr=40")
	lower.Plans = Plans{{KPI: "arr", Base: &Value{V: d("60"), Src: Note("Plans!B2")}, Norm: &Value{V: d("50"), Src: Note("Plans!C2")}}}
	runErr(t, s, &Input{Employees: []Employee{lower}},
		`Plans!C2: employee "AE": KPI "arr" is lower-is-better for this employee, and commission "commission" keys its tiers on attainment`)

	// Spiff's case in attainment: a yearly quota of 250,000, tiers 0–60 %
	// at 4 %, 60–100 % at 6 %, above at 8 % (the bounds 150,000 and
	// 250,000 of the quota); 145,000 before, 20,000 now: 250,000 ×
	// (ladder(0.66) − ladder(0.58)) = 250,000 × (0.024 + 0.06 × 0.06 −
	// 0.58 × 0.04) = 250,000 × (0.0276 − 0.0232) = 6,900 − 5,800 = 1,100.
	// 240,000 before, 30,000 now: 250,000 × (ladder(1.08) − ladder(0.96)) =
	// 250,000 × ((0.024 + 0.024 + 0.08 × 0.08) − (0.024 + 0.36 × 0.06)) =
	// 13,600 − 11,400 = 2,200.
	for _, tt := range []struct{ sales, prior, want string }{{"20000", "145000", "1100"}, {"30000", "240000", "2200"}, {"20000", "0", "800"}} {
		e := runOne(t, s, person("Y", "yearly", "sales="+tt.sales, "sales_ytd="+tt.prior))
		if got := componentOf(t, e, "commission"); !got.Equal(d(tt.want)) {
			t.Errorf("yearly, %s after %s: commission %s, want %s", tt.sales, tt.prior, got, tt.want)
		}
	}
}

// TestRunShapedCommissionsNeverFall: with rising rates and amounts, each
// commission of commissionShapes and attainmentYAML's rep never falls as
// sales rise from 0 to 700,000 in steps of 2,500 — across every bound,
// under inclusive: to, and above every cap, where it stays flat. The one
// left out, capped, falls at 80 % by its scheme's own choice: a fixed
// 1,000 after 3 % of 77,500 = 2,325.
func TestRunShapedCommissionsNeverFall(t *testing.T) {
	for _, y := range []string{commissionShapes, attainmentYAML} {
		s := mustScheme(t, y)
		prev := map[string]decimal.Decimal{}
		for i := int64(0); i <= 280; i++ {
			sales := decimal.NewFromInt(i * 2500).String()
			e := runOne(t, s, person("E", "rep", "sales="+sales, "sales_ytd=0"))
			for _, c := range e.Components {
				if p, ok := prev[c.ID]; ok && c.Amount.LessThan(p) && c.ID != "capped" {
					t.Errorf("%s: sales %s pays %s, less than %s at the step before", c.ID, sales, c.Amount, p)
				}
				prev[c.ID] = c.Amount
			}
		}
	}
}
