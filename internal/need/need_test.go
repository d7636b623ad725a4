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

// load reads the scheme and the CSV fact folder of a golden CLI case,
// testdata/need-<name> (the same inputs the goldens run).
func load(t *testing.T, name, period string) (*plan.Scheme, *calc.Input) {
	t.Helper()
	return loadFrom(t, filepath.Join("..", "..", "testdata", "need-"+name), period)
}

// loadFrom reads dir/scheme.yaml and the CSV fact folder dir/facts.
func loadFrom(t *testing.T, dir, period string) (*plan.Scheme, *calc.Input) {
	t.Helper()
	s, _, err := plan.Open(filepath.Join(dir, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := factsheet.Load(filepath.Join(dir, "facts"))
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

// The shop's manager M-01 (testdata/need-shop): fixed 50,000, variable 30,000,
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

// examples/sales-team's S-01 (docs/calculation.md §5.13): margin is paid
// revenue, 300,000 + 250,000 received in October (100,000 unpaid), against
// a personal norm of 500,000 and target 600,000, base 0; calls 700 (index
// 1.5 × 0.2 = 0.3), meetings 18 (0.8 × 0.2 = 0.16); the team's level ×1.1,
// a payment 5 days late −500, blenders 3 above the plan 449.10. Today:
// margin 1.1 × 0.6 = 0.66, K = 1.12, 40,000 × 1.12 × 1.1 − 500 = 48,780,
// pay 40,000 + 48,780 + 449.10 = 89,229.10.
//
// Margin moved by a payment of the difference received on time (the late
// one stays late: −500 at every level):
//
//	base 0: K = 0.46: 18,400 × 1.1 = 20,240 − 500 = 19,740, pay 60,189.10;
//	norm 500,000: K = 1.06: 42,400 × 1.1 = 46,640 − 500, pay 86,589.10;
//	target 600,000: index 1.2 (the target's cap): K = 1.18: 47,200 × 1.1 =
//	51,920 − 500, pay 91,869.10.
//
// S-03 worked 11 of 22 days, and the role prorates plans: calls 200 / 300 /
// 400 (400 / 600 / 800 × 1/2), margin norm 200,000 (400,000 × 1/2). Today
// K = 210,000 / 200,000 = 1.05 × 0.6 + (250 − 200) / 100 × 0.2 + (9 − 5) /
// 5 × 0.2 = 0.63 + 0.1 + 0.16 = 0.89, 20,000 × 0.89 × 1.1 = 19,580, pay
// 20,000 + 19,580 = 39,580. Calls at the prorated norm 300: K = 0.99,
// 21,780, pay 41,780; at the base 200: K = 0.79, 17,380, pay 37,380; at
// the target 400: index 2 (its cap), K = 1.19, 26,180, pay 46,180.
func TestSalesTeam(t *testing.T) {
	s, in := loadFrom(t, filepath.Join("..", "..", "examples", "sales-team"), "2026-10")
	st, err := Compute(s, in, "S-01", Options{})
	if err != nil {
		t.Fatal(err)
	}
	eqMoney(t, "S-01 today", st.Pay, "89229.10")
	m := kpi(t, st, "margin")
	if m.Source != plan.SourcePayments || m.Kind != Paced {
		t.Errorf("margin: %s, %s; want payments, paced", m.Source, m.Kind)
	}
	checkLevels(t, m, []level{
		{"0", "-550000", true, "", "60189.10"},
		{"500000", "-50000", true, "", "86589.10"},
		{"600000", "50000", false, "", "91869.10"},
	})
	st, err = Compute(s, in, "S-03", Options{})
	if err != nil {
		t.Fatal(err)
	}
	eqMoney(t, "S-03 today", st.Pay, "39580")
	checkLevels(t, kpi(t, st, "calls"), []level{
		{"200", "-50", true, "", "37380"},
		{"300", "50", false, "", "41780"},
		{"400", "150", false, "", "46180"},
	})
	// The head's staff turnover is a share (lower is better): held.
	st, err = Compute(s, in, "H-01", Options{AsOf: date(t, "2026-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	if k := kpi(t, st, "staff_turnover"); k.Kind != Held || k.Pace != nil || k.Levels[0].PerDay != nil {
		t.Errorf("staff_turnover: %s, pace %v; want held, no pace, no per-day figure", k.Kind, k.Pace)
	}
}

// testdata/need-funnel's R-01: fixed 10,000, variable 10,000, method index.
// conversion = deals / leads = 6 / 40 = 0.15 (a ratio: held), index
// (0.15 − 0.1) / 0.1 = 0.5, × 0.4 = 0.2; activity = calls + meetings =
// 70 + 10 = 80 (a sum: paced), below the base 100: 0; complaints 3 (lower
// is better, a count: paced), (3 − 6) / (4 − 6) = 1.5, × 0.2 = 0.3. K =
// 0.5, bonus 5,000, pay 15,000. As of 15 October 2026: 11 working days of
// 22 gone, 11 left.
//
// conversion, given whole at each level: 0.1 (reached): K = 0.3, pay
// 13,000; 0.2: K = 0.4 + 0.3 = 0.7, 17,000; 0.3: index 2 (the target's
// cap), K = 0.8 + 0.3 = 1.1, 21,000. Held: no pace, no per-day figure,
// projected at 0.15.
//
// activity: 100: K = 0.5, 15,000; 200: K = 0.9, 19,000; 300: K = 1.3,
// 23,000. Pace 80 / 11; per day (100 − 80) / 11 = 20/11, 120/11, 220/11.
//
// complaints: 6 (reached, at most 3 more in 11 days: 3/11 a day): index 0,
// K = 0.2, 12,000; 4 (reached, 1/11 a day): K = 0.4, 14,000; 2: index 2,
// K = 0.6, 16,000 — but 3 complaints are already in: the target is
// missed, no day can bring it back. Pace 3 / 11, projection 6.
//
// Projection (× 22 / 11 = × 2): deals 12, leads 80 (conversion stays
// 0.15: 0.2), calls 140 + meetings 20 = 160 (index 0.6, × 0.4 = 0.24),
// complaints 6 (index 0): K = 0.44, bonus 4,400, pay 14,400.
func TestFunnelMidMonth(t *testing.T) {
	s, in := load(t, "funnel", "2026-10")
	st, err := Compute(s, in, "R-01", Options{AsOf: date(t, "2026-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	eqMoney(t, "pay today", st.Pay, "15000")
	conv, act, comp := kpi(t, st, "conversion"), kpi(t, st, "activity"), kpi(t, st, "complaints")
	if conv.Kind != Held || act.Kind != Paced || comp.Kind != Paced {
		t.Errorf("kinds: conversion %s, activity %s, complaints %s; want held, paced, paced", conv.Kind, act.Kind, comp.Kind)
	}
	checkLevels(t, conv, []level{
		{"0.1", "-0.05", true, "", "13000"},
		{"0.2", "0.05", false, "", "17000"},
		{"0.3", "0.15", false, "", "21000"},
	})
	checkLevels(t, act, []level{
		{"100", "20", false, "20/11", "15000"},
		{"200", "120", false, "120/11", "19000"},
		{"300", "220", false, "220/11", "23000"},
	})
	checkLevels(t, comp, []level{
		{"6", "3", true, "3/11", "12000"},
		{"4", "1", true, "1/11", "14000"},
		{"2", "-1", false, "", "16000"},
	})
	if !comp.Levels[2].Missed || comp.Levels[1].Missed {
		t.Errorf("complaints missed: %v %v %v, want only the target", comp.Levels[0].Missed, comp.Levels[1].Missed, comp.Levels[2].Missed)
	}
	eqQ(t, "conversion pace", conv.Pace, "")
	eqQ(t, "conversion projection", conv.Projection, "0.15")
	eqQ(t, "activity pace", act.Pace, "80/11")
	eqQ(t, "activity projection", act.Projection, "160")
	eqQ(t, "complaints pace", comp.Pace, "3/11")
	eqQ(t, "complaints projection", comp.Projection, "6")
	eqMoney(t, "pay at the projection", *st.Projected, "14400")

	// --held activity, --paced conversion: the rule overridden.
	st, err = Compute(s, in, "R-01", Options{AsOf: date(t, "2026-10-15"), Held: []string{"activity"}, Paced: []string{"conversion"}})
	if err != nil {
		t.Fatal(err)
	}
	if k := kpi(t, st, "activity"); k.Kind != Held || k.Pace != nil {
		t.Errorf("--held activity: %s, pace %v", k.Kind, k.Pace)
	}
	if k := kpi(t, st, "conversion"); k.Kind != Paced {
		t.Errorf("--paced conversion: %s", k.Kind)
	}
}

// November 2026 starts on a Sunday: Mondays 2, 9, 16, 23, 30 and four
// each of Tuesday to Friday: 21 weekdays; less Wednesday 4 November (a
// holiday given): 20. As of Friday the 6th: 2, 3, 5, 6 gone (4), 16 left.
// A Saturday worked, the 7th, makes 21 and 17 left. As of Sunday the 1st
// no working day has gone; as of the 30th none is left.
func TestWorkingDays(t *testing.T) {
	hol := Calendar{Holidays: []time.Time{*date(t, "2026-11-04")}}
	sat := Calendar{Holidays: hol.Holidays, Workdays: []time.Time{*date(t, "2026-11-07")}}
	for _, c := range []struct {
		asOf                      string
		cal                       Calendar
		total, elapsed, remaining int
	}{
		{"2026-11-06", Calendar{}, 21, 5, 16},
		{"2026-11-06", hol, 20, 4, 16},
		{"2026-11-06", sat, 21, 4, 17},
		{"2026-11-01", hol, 20, 0, 20},
		{"2026-11-30", hol, 20, 20, 0},
	} {
		d, err := WorkingDays("2026-11", *date(t, c.asOf), c.cal)
		if err != nil {
			t.Fatal(err)
		}
		if d.Total != c.total || d.Elapsed != c.elapsed || d.Remaining != c.remaining {
			t.Errorf("WorkingDays(2026-11, %s) = %d, %d gone, %d left; want %d, %d, %d", c.asOf, d.Total, d.Elapsed, d.Remaining, c.total, c.elapsed, c.remaining)
		}
	}
	if _, err := WorkingDays("2026-11", *date(t, "2026-12-01"), Calendar{}); err == nil {
		t.Error("an as-of date outside the period was taken")
	}
}

// As of the period's first day, a Sunday, no working day has gone: no
// pace, no projection; each level's per-day need spreads over all 22.
// As of its last working day, none is left: no per-day need.
func TestNoDayGoneNoneLeft(t *testing.T) {
	s, in := load(t, "shop", "2026-11")
	st, err := Compute(s, in, "M-01", Options{AsOf: date(t, "2026-11-01")})
	if err != nil {
		t.Fatal(err)
	}
	rev := kpi(t, st, "revenue")
	// November 2026: 21 working days (no holiday given); norm 360,000 / 21.
	eqQ(t, "pace", rev.Pace, "")
	eqQ(t, "norm per day", rev.Levels[1].PerDay, "360000/21")
	if st.Projected != nil {
		t.Errorf("projected pay %s with no day gone", st.Projected)
	}
	st, err = Compute(s, in, "M-01", Options{AsOf: date(t, "2026-11-30")})
	if err != nil {
		t.Fatal(err)
	}
	rev = kpi(t, st, "revenue")
	eqQ(t, "norm per day", rev.Levels[1].PerDay, "")
	// The whole month gone: the projection is today's fact, and so the pay.
	eqQ(t, "projection", rev.Projection, "440000")
	eqMoney(t, "projected", *st.Projected, "62300")
}

// A prorated plan with endless decimals, 500,000 × 11 / 30 =
// 183,333.333…, is given to calc to 6 decimals on the side that reaches
// it: 183,333.333334 when higher is better, 183,333.333333 when lower is.
func TestReach(t *testing.T) {
	level := q(t, "5500000/30")
	if got := reach(level, false); !got.Equal(decimal.RequireFromString("183333.333334")) {
		t.Errorf("reach(higher) = %s, want 183333.333334", got)
	}
	if got := reach(level, true); !got.Equal(decimal.RequireFromString("183333.333333")) {
		t.Errorf("reach(lower) = %s, want 183333.333333", got)
	}
	if got := reach(q(t, "800000"), false); !got.Equal(decimal.RequireFromString("800000")) {
		t.Errorf("reach(800000) = %s", got)
	}
}

// The rule by unit: percent, % and share are held, whatever their case.
func TestKindByUnit(t *testing.T) {
	for unit, want := range map[string]string{"percent": Held, "%": Held, "Share": Held, "RUB": Paced, "": Paced, "calls": Paced} {
		if got := KindOf(&plan.KPI{ID: "x", Unit: unit}, Options{}); got != want {
			t.Errorf("KindOf(unit %q) = %s, want %s", unit, got, want)
		}
	}
}

// fulfilments checks a KPI's figures against its norm: today, the
// projection and each level's, in calc.Levels' order ("" for none).
func fulfilments(t *testing.T, k *KPI, today, projection string, levels ...string) {
	t.Helper()
	eqQ(t, k.ID+": today's fulfilment", k.Fulfilment, today)
	eqQ(t, k.ID+": the projection's fulfilment", k.ProjectionFulfilment, projection)
	if len(k.Levels) != len(levels) {
		t.Fatalf("%s: %d levels, want %d", k.ID, len(k.Levels), len(levels))
	}
	for i, w := range levels {
		eqQ(t, k.ID+" at "+k.Levels[i].Level+": fulfilment", k.Levels[i].Fulfilment, w)
	}
}

// Each figure against the norm, as the chart of need draws it: fact /
// norm, norm / fact for a lower-is-better KPI.
//
// M-01 as of the 15th (11 of 22 working days gone, so the projection of a
// paced KPI is today's × 2):
//
//	revenue (norm 800,000): today 440,000 / 800,000 = 0.55; projection
//	  880,000 / 800,000 = 1.1; base 400,000 / 800,000 = 0.5; norm 1;
//	  target 1,000,000 / 800,000 = 1.25.
//	returns (lower, norm 5, held): today 5 / 6; projection 6 (held) → 5 / 6;
//	  base 5 / 8 = 0.625; norm 1; target 5 / 3.
//	meetings (norm 20): today 9 / 20 = 0.45; projection 18 / 20 = 0.9;
//	  base 16 / 20 = 0.8; norm 1; target 24 / 20 = 1.2.
//	upsell: no plan, no norm: none.
//
// R-01 (need-funnel) as of the 15th:
//
//	conversion (held, norm 0.2): today 6 / 40 = 0.15 → 0.15 / 0.2 = 0.75,
//	  projection the same; base 0.1 / 0.2 = 0.5; target 0.3 / 0.2 = 1.5.
//	activity (calls + meetings = 80, norm 200): today 80 / 200 = 0.4;
//	  projection 160 / 200 = 0.8; base 0.5; target 1.5.
//	complaints (lower, paced, norm 4): today 3 → 4 / 3; projection 6 →
//	  4 / 6 = 2/3; base 6 → 2/3; target 2 → 4 / 2 = 2.
func TestFulfilment(t *testing.T) {
	s, in := load(t, "shop", "2026-10")
	st, err := Compute(s, in, "M-01", Options{AsOf: date(t, "2026-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	fulfilments(t, kpi(t, st, "revenue"), "0.55", "1.1", "0.5", "1", "1.25")
	fulfilments(t, kpi(t, st, "returns"), "5/6", "5/6", "0.625", "1", "5/3")
	fulfilments(t, kpi(t, st, "meetings"), "0.45", "0.9", "0.8", "1", "1.2")
	fulfilments(t, kpi(t, st, "upsell"), "", "")

	// Without --as-of there is no projection, so none against the norm.
	st, err = Compute(s, in, "M-01", Options{})
	if err != nil {
		t.Fatal(err)
	}
	fulfilments(t, kpi(t, st, "revenue"), "0.55", "", "0.5", "1", "1.25")

	s, in = load(t, "funnel", "2026-10")
	st, err = Compute(s, in, "R-01", Options{AsOf: date(t, "2026-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	fulfilments(t, kpi(t, st, "conversion"), "0.75", "0.75", "0.5", "1", "1.5")
	fulfilments(t, kpi(t, st, "activity"), "0.4", "0.8", "0.5", "1", "1.5")
	fulfilments(t, kpi(t, st, "complaints"), "4/3", "2/3", "2/3", "1", "2")
}

// FulfilmentOf where the ratio is no number, and a lower-is-better norm
// of 0 (nothing allowed: any fact is 0 / fact = 0 of it).
func TestFulfilmentOfEdges(t *testing.T) {
	for _, c := range []struct {
		f, norm string
		lower   bool
		want    string
	}{
		{"5", "0", false, ""},    // higher is better, norm 0: fact / 0
		{"0", "4", true, ""},     // no complaints at all: the best there is, no ratio
		{"-1", "4", true, ""},    // below 0 too
		{"2", "0", true, "0"},    // 0 / 2
		{"0", "500", false, "0"}, // a base of 0: 0 / 500
		{"3", "2", true, "2/3"},
	} {
		eqQ(t, c.f+" against "+c.norm, FulfilmentOf(q(t, c.f), q(t, c.norm), c.lower), c.want)
	}
}

// Today's fulfilment is calc's: the same rule gives the same figure for
// every KPI with a norm of every person of the worked examples (where calc
// has a number: a lower-is-better fact of 0 it counts as the best there
// is, with no ratio shown).
func TestFulfilmentIsCalcs(t *testing.T) {
	type source struct{ dir, period string }
	checked := 0
	for _, src := range []source{
		{filepath.Join("..", "..", "testdata", "need-shop"), "2026-10"},
		{filepath.Join("..", "..", "testdata", "need-funnel"), "2026-10"},
		{filepath.Join("..", "..", "examples", "sales-team"), "2026-10"},
	} {
		s, in := loadFrom(t, src.dir, src.period)
		res, err := calc.Run(s, in, calc.Options{SkipSteps: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Employees {
			st, err := Compute(s, in, e.ID, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, kr := range e.KPIs {
				k := kpi(t, st, kr.ID)
				switch {
				case kr.Norm == nil || kr.Fulfilment == nil:
					if k.Fulfilment != nil {
						t.Errorf("%s %s: fulfilment %s where calc has none", e.ID, kr.ID, k.Fulfilment)
					}
				case kr.Direction == plan.Lower && kr.Fact.Sign() <= 0:
					if k.Fulfilment != nil {
						t.Errorf("%s %s: a lower-is-better fact of 0 has fulfilment %s", e.ID, kr.ID, k.Fulfilment)
					}
				default:
					checked++
					if k.Fulfilment == nil || k.Fulfilment.Cmp(*kr.Fulfilment) != 0 {
						t.Errorf("%s %s: fulfilment %v, calc's %s", e.ID, kr.ID, k.Fulfilment, kr.Fulfilment)
					}
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d fulfilments checked", checked)
	}
}
