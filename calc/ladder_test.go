package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// pd is a scheme decimal as the parser would make it: value and raw text.
func pd(raw string) *plan.Dec { return &plan.Dec{V: d(raw), Raw: raw} }

// seedLadder is the ladder of docs/calculation.md §4.5: [0, 0.8) → 0, [0.8, 1) → 0.3,
// [1, ∞) → 0.45 + 0.005 for every full 0.05, at most 0.465.
func seedLadder() *plan.Ladder {
	return &plan.Ladder{ID: "plan-fulfilment", Type: plan.LadderIncrement, Tiers: []*plan.Tier{
		{From: pd("0"), To: pd("0.8"), Value: pd("0")},
		{From: pd("0.8"), To: pd("1"), Value: pd("0.3")},
		{From: pd("1"), Value: pd("0.45"), Every: pd("0.05"), Add: pd("0.005"), Max: pd("0.465")},
	}}
}

// rateSteps is a retroactive commission ladder: the tier holding the amount
// gives the rate for all of it.
func rateSteps() *plan.Ladder {
	return &plan.Ladder{ID: "rates", Type: plan.LadderStep, Tiers: []*plan.Tier{
		{From: pd("0"), To: pd("100000"), Value: pd("0.02")},
		{From: pd("100000"), To: pd("200000"), Value: pd("0.03")},
		{From: pd("200000"), Value: pd("0.05")},
	}}
}

// rateSlices is the same rates paid marginally: each slice at its own rate.
func rateSlices() *plan.Ladder {
	return &plan.Ladder{ID: "slices", Type: plan.LadderMarginal, Tiers: []*plan.Tier{
		{From: pd("0"), To: pd("100000"), Rate: pd("0.02")},
		{From: pd("100000"), To: pd("200000"), Rate: pd("0.03")},
		{From: pd("200000"), Rate: pd("0.05")},
	}}
}

// ramp is a linear ladder through (0.8, 0), (1, 0.5), (1.2, 1): slope 2.5 on
// both segments, flat beyond the ends.
func ramp() *plan.Ladder {
	return &plan.Ladder{ID: "ramp", Type: plan.LadderLinear, Points: []*plan.Point{
		{At: pd("0.8"), Value: pd("0")},
		{At: pd("1"), Value: pd("0.5")},
		{At: pd("1.2"), Value: pd("1")},
	}}
}

type ladderCase struct {
	name string
	x    Q
	want Q
}

func runLadder(t *testing.T, l *plan.Ladder, tests []ladderCase) {
	t.Helper()
	for _, tt := range tests {
		got, how := EvalLadder(l, tt.x, false)
		if got.Cmp(tt.want) != 0 {
			t.Errorf("EvalLadder(%s, %s) = %s (%v), want %s", l.ID, tt.name, got, how, tt.want)
		}
		if how.Msg == MsgNone {
			t.Errorf("EvalLadder(%s, %s) gave no explanation", l.ID, tt.name)
		}
	}
}

func TestEvalLadderSeed(t *testing.T) {
	runLadder(t, seedLadder(), []ladderCase{
		{"-0.1", q("-0.1"), q("0")},                               // below the first tier (from 0)
		{"0", q("0"), q("0")},                                     // first tier [0, 0.8)
		{"0.7999", q("0.7999"), q("0")},                           // bound − one unit
		{"799999/1000000", fr("799999", "1000000"), q("0")},       // as an exact fraction
		{"2/3", fr("2", "3"), q("0")},                             // 0.666…
		{"0.8", q("0.8"), q("0.3")},                               // from is inclusive
		{"4/5", fr("4", "5"), q("0.3")},                           // 0.8 as a fraction
		{"0.8001", q("0.8001"), q("0.3")},                         // bound + one unit
		{"0.9999", q("0.9999"), q("0.3")},                         // to is exclusive
		{"99999/100000", fr("99999", "100000"), q("0.3")},         // 0.99999
		{"1", q("1"), q("0.45")},                                  // 0.45 + floor(0/0.05) × 0.005
		{"3/3", fr("3", "3"), q("0.45")},                          // 1 as a fraction
		{"1.0001", q("1.0001"), q("0.45")},                        // floor(0.0001/0.05) = 0
		{"1.0499", q("1.0499"), q("0.45")},                        // floor(0.0499/0.05) = 0
		{"1.05", q("1.05"), q("0.455")},                           // floor(0.05/0.05) = 1 → 0.455
		{"21/20", fr("21", "20"), q("0.455")},                     // 1.05 as a fraction
		{"1.0501", q("1.0501"), q("0.455")},                       // still 1 step
		{"1.0999", q("1.0999"), q("0.455")},                       // floor(0.0999/0.05) = 1
		{"1.1", q("1.1"), q("0.46")},                              // floor(0.1/0.05) = 2 → 0.46
		{"1.1001", q("1.1001"), q("0.46")},                        // 2 steps
		{"1.1499", q("1.1499"), q("0.46")},                        // floor(0.1499/0.05) = 2
		{"34/30", fr("34", "30"), q("0.46")},                      // 1.1333…: floor(2.666…) = 2
		{"1.15", q("1.15"), q("0.465")},                           // floor(0.15/0.05) must be 3 → 0.465
		{"23/20", fr("23", "20"), q("0.465")},                     // 1.15 as a fraction
		{"1150000/1000000", fr("1150000", "1000000"), q("0.465")}, // 1.15 as fact / norm
		{"1.1501", q("1.1501"), q("0.465")},                       // 3 steps
		{"7/6", fr("7", "6"), q("0.465")},                         // 1.1666…: 3 steps
		{"1.2", q("1.2"), q("0.465")},                             // 4 steps → 0.47, capped at 0.465
		{"2", q("2"), q("0.465")},                                 // 20 steps → 0.55, capped
	})
}

// TestEvalLadderSeedMonotone walks r from 0 to 1.5 in steps of 0.0001: the
// coefficient never falls.
func TestEvalLadderSeedMonotone(t *testing.T) {
	l := seedLadder()
	prev := Q{}
	for i := int64(0); i <= 15000; i++ {
		x := Frac(decimal.NewFromInt(i), decimal.NewFromInt(10000))
		got, _ := EvalLadder(l, x, false)
		if got.Cmp(prev) < 0 {
			t.Fatalf("EvalLadder(seed, %s) = %s, below %s at the previous point", x, got, prev)
		}
		prev = got
	}
	if prev.Cmp(q("0.465")) != 0 {
		t.Errorf("EvalLadder(seed, 1.5) = %s, want 0.465", prev)
	}
}

func TestEvalLadderIncrementWithoutMax(t *testing.T) {
	l := &plan.Ladder{ID: "open", Type: plan.LadderIncrement, Tiers: []*plan.Tier{
		{From: pd("0.5"), To: pd("0.8"), Value: pd("0.1")},
		{From: pd("0.8"), To: pd("1"), Value: pd("0.3"), Every: pd("0.1"), Add: pd("0.05")},
		{From: pd("1"), Value: pd("0.45"), Every: pd("0.05"), Add: pd("0.005")},
	}}
	runLadder(t, l, []ladderCase{
		{"0.4", q("0.4"), q("0")},       // below the first tier (from 0.5)
		{"0.4999", q("0.4999"), q("0")}, // bound − one unit
		{"0.5", q("0.5"), q("0.1")},     // first tier
		{"0.8", q("0.8"), q("0.3")},     // 0.3 + floor(0/0.1) × 0.05
		{"0.8999", q("0.8999"), q("0.3")},
		{"0.9", q("0.9"), q("0.35")},   // 0.3 + 1 × 0.05
		{"0.95", q("0.95"), q("0.35")}, // floor(0.15/0.1) = 1
		{"0.9999", q("0.9999"), q("0.35")},
		{"1.2", q("1.2"), q("0.47")},       // 0.45 + 4 × 0.005, no cap
		{"2", q("2"), q("0.55")},           // 0.45 + 20 × 0.005
		{"1.75", fr("7", "4"), q("0.525")}, // floor(0.75/0.05) = 15 → 0.45 + 0.075
	})
	_, how := EvalLadder(l, q("0.4"), false)
	if how.Msg != MsgBelowFirstTier || how.Args[0] != "0.5" {
		t.Errorf("EvalLadder(open, 0.4) explains %v, want below the first tier (from 0.5)", how)
	}
}

func TestEvalLadderStep(t *testing.T) {
	runLadder(t, rateSteps(), []ladderCase{
		{"-1", q("-1"), q("0")}, // below the first tier
		{"0", q("0"), q("0.02")},
		{"99999.99", q("99999.99"), q("0.02")},
		{"100000", q("100000"), q("0.03")},       // from inclusive
		{"100000.01", q("100000.01"), q("0.03")}, // bound + one kopeck
		{"150000", q("150000"), q("0.03")},
		{"199999.99", q("199999.99"), q("0.03")}, // to exclusive
		{"200000", q("200000"), q("0.05")},
		{"250000", q("250000"), q("0.05")},
		{"399999/2", fr("399999", "2"), q("0.03")}, // 199999.5
	})
	// An increment ladder whose tiers have no every/add behaves as a step ladder.
	l := seedLadder()
	l.Tiers[2].Every, l.Tiers[2].Add, l.Tiers[2].Max = nil, nil, nil
	runLadder(t, l, []ladderCase{
		{"1.2", q("1.2"), q("0.45")},
		{"0.85", q("0.85"), q("0.3")},
	})
}

func TestEvalLadderMarginal(t *testing.T) {
	runLadder(t, rateSlices(), []ladderCase{
		{"-5", q("-5"), q("0")},
		{"0", q("0"), q("0")},
		{"50000", q("50000"), q("1000")},               // 50000 × 0.02
		{"100000", q("100000"), q("2000")},             // 100000 × 0.02; the second tier starts here and adds nothing
		{"100000.01", q("100000.01"), q("2000.0003")},  // 2000 + 0.01 × 0.03
		{"150000", q("150000"), q("3500")},             // 2000 + 50000 × 0.03
		{"200000", q("200000"), q("5000")},             // 2000 + 3000
		{"250000", q("250000"), q("7500")},             // 2000 + 3000 + 50000 × 0.05 = 2000 + 3000 + 2500
		{"1000000", q("1000000"), q("45000")},          // 2000 + 3000 + 800000 × 0.05
		{"500001/2", fr("500001", "2"), q("7500.025")}, // 250000.5: 7500 + 0.5 × 0.05
		{"1/3", fr("1", "3"), fr("1", "150")},          // 1/3 × 0.02 = 1/150
	})
	offset := &plan.Ladder{ID: "offset", Type: plan.LadderMarginal, Tiers: []*plan.Tier{
		{From: pd("50000"), To: pd("100000"), Rate: pd("0.1")},
		{From: pd("100000"), Rate: pd("0.2")},
	}}
	runLadder(t, offset, []ladderCase{
		{"40000", q("40000"), q("0")},      // below the first tier: nothing
		{"50000", q("50000"), q("0")},      // at from: an empty slice
		{"75000", q("75000"), q("2500")},   // 25000 × 0.1
		{"120000", q("120000"), q("9000")}, // 50000 × 0.1 + 20000 × 0.2 = 5000 + 4000
	})
	_, how := EvalLadder(offset, q("40000"), false)
	if how.Msg != MsgBelowFirstTier || how.Args[0] != "50000" {
		t.Errorf("EvalLadder(offset, 40000) explains %v, want below the first tier (from 50000)", how)
	}
	_, how = EvalLadder(rateSlices(), q("250000"), false)
	if how.Msg != MsgMarginal || len(how.Args[0].([]Phrase)) != 3 || how.Args[1].(Q).Cmp(q("7500")) != 0 {
		t.Errorf("EvalLadder(slices, 250000) explains %v, want three slices summing to 7500", how)
	}
}

// TestEvalLadderMarginalNeverAboveStep: paying each slice at its own rate
// never pays more than the retroactive step ladder with the same rising rates.
func TestEvalLadderMarginalNeverAboveStep(t *testing.T) {
	m, s := rateSlices(), rateSteps()
	for i := int64(0); i <= 400; i++ {
		x := Dec(decimal.NewFromInt(i * 1000))
		got, _ := EvalLadder(m, x, false)
		rate, _ := EvalLadder(s, x, false)
		if step := x.Mul(rate); got.Cmp(step) > 0 {
			t.Errorf("marginal(%s) = %s, want at most the step commission %s", x, got, step)
		}
	}
}

func TestEvalLadderLinear(t *testing.T) {
	runLadder(t, ramp(), []ladderCase{
		{"0.5", q("0.5"), q("0")},               // flat before the first point
		{"0.8", q("0.8"), q("0")},               // at the first point
		{"0.9", q("0.9"), q("0.25")},            // 0 + 0.1 × 2.5
		{"13/15", fr("13", "15"), fr("1", "6")}, // (13/15 − 4/5) × 2.5 = 1/15 × 5/2 = 1/6
		{"0.9999", q("0.9999"), q("0.49975")},   // 0.1999 × 2.5
		{"1", q("1"), q("0.5")},                 // at the middle point
		{"1.1", q("1.1"), q("0.75")},            // 0.5 + 0.1 × 2.5
		{"1.2", q("1.2"), q("1")},               // at the last point
		{"1.5", q("1.5"), q("1")},               // flat beyond the last point
	})
	down := &plan.Ladder{ID: "down", Type: plan.LadderLinear, Points: []*plan.Point{
		{At: pd("0"), Value: pd("1")},
		{At: pd("10"), Value: pd("0")},
	}}
	runLadder(t, down, []ladderCase{
		{"-1", q("-1"), q("1")},
		{"2.5", q("2.5"), q("0.75")}, // 1 + 2.5 × (−1/10)
		{"12", q("12"), q("0")},
	})
	third := &plan.Ladder{ID: "third", Type: plan.LadderLinear, Points: []*plan.Point{
		{At: pd("0"), Value: pd("0")},
		{At: pd("3"), Value: pd("1")},
	}}
	runLadder(t, third, []ladderCase{
		{"1", q("1"), fr("1", "3")}, // slope 1/3, kept exact
		{"2", q("2"), fr("2", "3")},
	})
	for _, tt := range []struct {
		x    Q
		want Msg
	}{
		{q("0.5"), MsgLinearBelow},
		{q("1.5"), MsgLinearAbove},
		{q("0.9"), MsgLinearBetween},
	} {
		if _, how := EvalLadder(ramp(), tt.x, false); how.Msg != tt.want {
			t.Errorf("EvalLadder(ramp, %s) explains %v, want message %d", tt.x, how, tt.want)
		}
	}
}
