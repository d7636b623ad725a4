package need

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

// load reads a scheme and a CSV fact folder under testdata.
func load(t *testing.T, dir, period string) (*plan.Scheme, *calc.Input) {
	t.Helper()
	s, _, err := plan.Open(filepath.Join("testdata", dir, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := factsheet.Load(filepath.Join("testdata", dir, "facts"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	in, _, err := src.Read(s, factsheet.Options{Period: period})
	if err != nil {
		t.Fatal(err)
	}
	return s, in
}

func date(t *testing.T, s string) *time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// q is a decimal text, or a fraction n/d, as a rational.
func q(t *testing.T, s string) calc.Q {
	t.Helper()
	for i := range s {
		if s[i] == '/' {
			return q(t, s[:i]).Quo(q(t, s[i+1:]))
		}
	}
	return calc.Dec(decimal.RequireFromString(s))
}

func kpi(t *testing.T, st *Standing, id string) *KPI {
	t.Helper()
	for i := range st.KPIs {
		if st.KPIs[i].ID == id {
			return &st.KPIs[i]
		}
	}
	t.Fatalf("no KPI %s", id)
	return nil
}

func eqQ(t *testing.T, what string, got *calc.Q, want string) {
	t.Helper()
	switch {
	case want == "" && got == nil:
	case want == "" || got == nil:
		t.Errorf("%s = %v, want %q", what, got, want)
	case got.Cmp(q(t, want)) != 0:
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func eqMoney(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", what, got.StringFixed(2), want)
	}
}

// level is one level's expected figures: the fact that reaches it, the
// gap, reached, per day ("" for none) and the pay.
type level struct {
	fact, gap string
	reached   bool
	perDay    string
	pay       string
}

func checkLevels(t *testing.T, k *KPI, want []level) {
	t.Helper()
	if len(k.Levels) != len(want) {
		t.Fatalf("%s: %d levels, want %d", k.ID, len(k.Levels), len(want))
	}
	for i, w := range want {
		lv := &k.Levels[i]
		name := k.ID + " at " + lv.Level
		eqQ(t, name+": fact", &lv.Fact, w.fact)
		eqQ(t, name+": gap", &lv.Gap, w.gap)
		if lv.Reached != w.reached {
			t.Errorf("%s: reached = %v, want %v", name, lv.Reached, w.reached)
		}
		eqQ(t, name+": per day", lv.PerDay, w.perDay)
		eqMoney(t, name+": pay", lv.Pay, w.pay)
	}
}

// The shop's manager M-01 (testdata/shop): fixed 50,000, variable 30,000,
// method both (K plus the meetings ladder), a role gate at revenue
// fulfilment 0.5, 5 % commission on upsell. Facts: revenue 440,000,
// returns 6 %, meetings 9, upsell 50,000.
//
// Today: revenue index (440,000 − 400,000) / 400,000 = 0.1, × 0.6 = 0.06;
// returns (6 − 8) / (5 − 8) = 2/3, × 0.4 = 4/15; K = 0.06 + 4/15 = 49/150;
// meetings 9 / 20 = 0.45 → tier [0, 0.8): 0; fulfilment of revenue 0.55 ≥
// the gate 0.5. Bonus 30,000 × 49/150 = 9,800; commission 50,000 × 0.05 =
// 2,500; pay 50,000 + 9,800 + 2,500 = 62,300.
func TestShopManager(t *testing.T) {
	s, in := load(t, "shop", "2026-10")
	st, err := Compute(s, in, "M-01", Options{})
	if err != nil {
		t.Fatal(err)
	}
	eqMoney(t, "pay today", st.Pay, "62300")
	if st.Days != nil || st.Projected != nil {
		t.Errorf("no --as-of: days %v, projected %v", st.Days, st.Projected)
	}
	// Revenue, the others as they are (returns 4/15, meetings 0, 2,500):
	//   base 400,000: reached (440,000 ≥ 400,000); at it, index 0 and the
	//     fulfilment 0.5 passes the gate (at the gate passes): K = 4/15,
	//     bonus 8,000, pay 50,000 + 8,000 + 2,500 = 60,500;
	//   norm 800,000: 360,000 to go; index 1: K = 0.6 + 4/15 = 13/15,
	//     bonus 26,000, pay 78,500;
	//   target 1,000,000: 560,000 to go; index 1.5 held at the cap 1.25:
	//     K = 0.75 + 4/15 = 61/60, bonus 30,500, pay 83,000.
	checkLevels(t, kpi(t, st, "revenue"), []level{
		{"400000", "-40000", true, "", "60500"},
		{"800000", "360000", false, "", "78500"},
		{"1000000", "560000", false, "", "83000"},
	})
	// Returns, lower is better (at most the level), revenue's 0.06 kept:
	//   base 8: reached (6 ≤ 8); at 8 the index is 0: K = 0.06, bonus
	//     1,800, pay 54,300;
	//   norm 5: 1 point to fall; index 1: K = 0.46, bonus 13,800, pay 66,300;
	//   target 3: 3 points to fall; index (3 − 8) / (5 − 8) = 5/3 (the
	//     target's own cap): 0.4 × 5/3 = 2/3, K = 0.06 + 2/3 = 109/150,
	//     bonus 21,800, pay 74,300.
	ret := kpi(t, st, "returns")
	if ret.Direction != plan.Lower || ret.Kind != Held {
		t.Errorf("returns: %s, %s; want lower, held (unit percent)", ret.Direction, ret.Kind)
	}
	checkLevels(t, ret, []level{
		{"8", "2", true, "", "54300"},
		{"5", "-1", false, "", "66300"},
		{"3", "-3", false, "", "74300"},
	})
	// Meetings, the ladder (K stays 49/150, bonus 9,800 before the ladder):
	//   base 16: 16 / 20 = 0.8 → 0.1: + 3,000, pay 65,300;
	//   norm 20: 1 → 0.2: + 6,000, pay 68,300;
	//   target 24: 1.2 → 0.3: + 9,000, pay 71,300.
	checkLevels(t, kpi(t, st, "meetings"), []level{
		{"16", "7", false, "", "65300"},
		{"20", "11", false, "", "68300"},
		{"24", "15", false, "", "71300"},
	})
	// Upsell has no plan: no level; its commission is in every pay above.
	if up := kpi(t, st, "upsell"); len(up.Levels) != 0 || up.Kind != Paced {
		t.Errorf("upsell: %d levels, %s; want none, paced", len(up.Levels), up.Kind)
	}
}

// Mid-month: the same sheet read as of Thursday 15 October 2026. October
// 2026 starts on a Thursday: its working days are Thu 1, Fri 2, 5–9,
// 12–16, 19–23, 26–30: 2 + 5 × 4 = 22. Up to the 15th: 1, 2, 5–9, 12–15 =
// 2 + 5 + 4 = 11 gone, 22 − 11 = 11 left.
//
// Pace per working day: revenue 440,000 / 11 = 40,000; meetings 9 / 11;
// upsell 50,000 / 11. Projection, × 22 / 11 = × 2: revenue 880,000,
// meetings 18, upsell 100,000; returns is a share: held at 6.
//
// Pay at the projection: revenue index (880,000 − 400,000) / 400,000 =
// 1.2 (under the cap 1.25), × 0.6 = 0.72; returns 4/15; K = 0.72 + 4/15 =
// 74/75; meetings 18 / 20 = 0.9 → 0.1; coefficient 74/75 + 0.1 = 163/150;
// bonus 30,000 × 163/150 = 32,600; commission 100,000 × 0.05 = 5,000;
// pay 50,000 + 32,600 + 5,000 = 87,600.
//
// Per remaining day (11 left): revenue base reached: 0; norm 360,000 / 11;
// target 560,000 / 11; meetings 7/11, 11/11 = 1, 15/11. Returns is held:
// no per-day figure.
func TestShopManagerMidMonth(t *testing.T) {
	s, in := load(t, "shop", "2026-10")
	st, err := Compute(s, in, "M-01", Options{AsOf: date(t, "2026-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	if d := st.Days; d == nil || d.Total != 22 || d.Elapsed != 11 || d.Remaining != 11 {
		t.Fatalf("days = %+v, want 22 total, 11 gone, 11 left", st.Days)
	}
	rev, ret, meet, up := kpi(t, st, "revenue"), kpi(t, st, "returns"), kpi(t, st, "meetings"), kpi(t, st, "upsell")
	eqQ(t, "revenue pace", rev.Pace, "40000")
	eqQ(t, "revenue projection", rev.Projection, "880000")
	eqQ(t, "meetings pace", meet.Pace, "9/11")
	eqQ(t, "meetings projection", meet.Projection, "18")
	eqQ(t, "upsell pace", up.Pace, "50000/11")
	eqQ(t, "upsell projection", up.Projection, "100000")
	eqQ(t, "returns pace", ret.Pace, "")
	eqQ(t, "returns projection", ret.Projection, "6")
	if st.Projected == nil {
		t.Fatal("no projected pay")
	}
	eqMoney(t, "pay at the projection", *st.Projected, "87600")
	checkLevels(t, rev, []level{
		{"400000", "-40000", true, "0", "60500"},
		{"800000", "360000", false, "360000/11", "78500"},
		{"1000000", "560000", false, "560000/11", "83000"},
	})
	checkLevels(t, meet, []level{
		{"16", "7", false, "7/11", "65300"},
		{"20", "11", false, "1", "68300"},
		{"24", "15", false, "15/11", "71300"},
	})
	checkLevels(t, ret, []level{
		{"8", "2", true, "", "54300"},
		{"5", "-1", false, "", "66300"},
		{"3", "-3", false, "", "74300"},
	})
}

// M-02 is under the gate: revenue 180,000 / 800,000 = 0.225 < 0.5, so no
// bonus at all, whatever the rest: pay 50,000 (upsell 0). Moving returns
// or meetings to any level changes nothing (50,000); revenue at its base
// opens the gate (400,000 / 800,000 = 0.5): index 0; returns 4 is
// (4 − 8) / (5 − 8) = 4/3, × 0.4 = 8/15 = K; meetings 12 / 20 = 0.6 → 0;
// bonus 30,000 × 8/15 = 16,000, pay 66,000. At the norm K = 0.6 + 8/15 =
// 17/15: 34,000, pay 84,000; at the target index 1.25: 0.75 + 8/15 =
// 77/60: 38,500, pay 88,500.
func TestShopManagerUnderTheGate(t *testing.T) {
	s, in := load(t, "shop", "2026-10")
	st, err := Compute(s, in, "M-02", Options{})
	if err != nil {
		t.Fatal(err)
	}
	eqMoney(t, "pay today", st.Pay, "50000")
	checkLevels(t, kpi(t, st, "revenue"), []level{
		{"400000", "220000", false, "", "66000"},
		{"800000", "620000", false, "", "84000"},
		{"1000000", "820000", false, "", "88500"},
	})
	for _, id := range []string{"returns", "meetings"} {
		for _, lv := range kpi(t, st, id).Levels {
			eqMoney(t, id+" at "+lv.Level, lv.Pay, "50000")
		}
	}
}

func TestUnknownEmployee(t *testing.T) {
	s, in := load(t, "shop", "2026-10")
	if _, err := Compute(s, in, "M-03", Options{}); !errors.Is(err, ErrNoEmployee) {
		t.Errorf("Compute(M-03) = %v, want ErrNoEmployee", err)
	}
}
