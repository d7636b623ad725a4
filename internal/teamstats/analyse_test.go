package teamstats

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// teamScheme: reps paid on calls (higher is better, 400 / 600 / 800) and
// errors (lower is better, 10 / 4 / 1), half each.
const teamScheme = `version: 1
id: t
currency: RUB
roles:
  - id: rep
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: calls, unit: calls, weight: 0.5, base: 400, norm: 600, target: 800}
      - {id: errors, unit: errors, weight: 0.5, base: 10, norm: 4, target: 1}
`

func scheme(t *testing.T) *plan.Scheme {
	t.Helper()
	s, err := plan.Parse(strings.NewReader(teamScheme), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// month runs calc on people written "id department calls errors".
func month(t *testing.T, s *plan.Scheme, label string, people ...string) Month {
	t.Helper()
	in := &calc.Input{Period: label}
	for _, p := range people {
		f := strings.Fields(p)
		e := calc.Employee{ID: f[0], Name: "Name " + f[0], Role: "rep", Department: f[1], Src: calc.Note(f[0])}
		for i, id := range []string{"calls", "errors"} {
			e.Facts.Set(id, calc.Value{V: decimal.RequireFromString(f[2+i]), Src: calc.Note(f[0] + "." + id)})
		}
		in.Employees = append(in.Employees, e)
	}
	res, err := calc.Run(s, in, calc.Options{SkipSteps: true})
	if err != nil {
		t.Fatal(err)
	}
	return Month{Label: label, Result: res}
}

// seven is the hand-worked team: four in north, three in south.
func seven(t *testing.T, s *plan.Scheme) Month {
	return month(t, s, "2026-10",
		"A-1 north 1200 3", "A-2 north 700 0", "A-3 south 600 4", "A-4 north 550 5",
		"A-5 south 500 2", "A-6 north 400 12", "A-7 south 250 4")
}

func eq(t *testing.T, what string, got *calc.Q, want string) {
	t.Helper()
	switch {
	case want == "nil" && got != nil:
		t.Errorf("%s = %s, want none", what, got)
	case want == "nil":
	case got == nil:
		t.Errorf("%s = none, want %s", what, want)
	case got.Cmp(q(t, want)) != 0:
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func row(t *testing.T, a *Analysis, month, id, kpi string) *Row {
	t.Helper()
	for i := range a.People {
		if r := &a.People[i]; r.Month == month && r.ID == id && r.KPI == kpi {
			return r
		}
	}
	t.Fatalf("no row %s %s %s", month, id, kpi)
	return nil
}

// TestTeamHandWorked: a team of seven, every figure worked by hand.
func TestTeamHandWorked(t *testing.T) {
	s := scheme(t)
	a := Analyse(s, []Month{seven(t, s)}, Options{ReachMin: DefaultReachMin})
	if len(a.KPIs) != 2 {
		t.Fatalf("%d KPI summaries, want 2", len(a.KPIs))
	}
	calls, errs := a.KPIs[0], a.KPIs[1]

	// calls: 1200 700 600 550 500 400 250, sorted 250 400 500 550 600 700
	// 1200. Mean 4200 / 7 = 600; median 550; Q1 = median(250, 400, 500) =
	// 400; Q3 = median(600, 700, 1200) = 700; IQR 300; fences 400 − 1.5 ×
	// 300 = −50 and 700 + 450 = 1150. Leader: the highest, 1200.
	for _, f := range []struct {
		what string
		got  calc.Q
		want string
	}{{"calls mean", calls.Mean, "600"}, {"calls median", calls.Median, "550"}, {"calls Q1", calls.Q1, "400"},
		{"calls Q3", calls.Q3, "700"}, {"calls IQR", calls.IQR, "300"}, {"calls low fence", calls.LowFence, "-50"},
		{"calls high fence", calls.HighFence, "1150"}, {"calls leader", calls.Leader, "1200"},
		// errors (lower is better): 3 0 4 5 2 12 4, sorted 0 2 3 4 4 5 12.
		// Mean 30 / 7; median 4; Q1 = median(0, 2, 3) = 2; Q3 =
		// median(4, 5, 12) = 5; IQR 3; fences 2 − 4.5 = −5/2 and 5 + 4.5
		// = 19/2. Leader: the lowest, 0.
		{"errors mean", errs.Mean, "30/7"}, {"errors median", errs.Median, "4"}, {"errors Q1", errs.Q1, "2"},
		{"errors Q3", errs.Q3, "5"}, {"errors IQR", errs.IQR, "3"}, {"errors low fence", errs.LowFence, "-5/2"},
		{"errors high fence", errs.HighFence, "19/2"}, {"errors leader", errs.Leader, "0"}} {
		eq(t, f.what, &f.got, f.want)
	}
	if ids := refs(calls.Leaders); ids != "A-1" {
		t.Errorf("calls leaders %s, want A-1", ids)
	}
	if ids := refs(errs.Leaders); ids != "A-2" {
		t.Errorf("errors leaders %s, want A-2", ids)
	}

	// Distance to the leader: A-7's calls 1200 − 250 = 950, 950 / 1200 =
	// 19/24 of the leader's; A-2's 500, 5/12. The errors' leader is 0: no
	// share; A-6 is 12 − 0 = 12 from it.
	eq(t, "A-7 calls to leader", &row(t, a, "2026-10", "A-7", "calls").ToLeader, "950")
	eq(t, "A-7 calls to leader share", row(t, a, "2026-10", "A-7", "calls").ToLeaderShare, "19/24")
	eq(t, "A-2 calls to leader share", row(t, a, "2026-10", "A-2", "calls").ToLeaderShare, "5/12")
	eq(t, "A-1 calls to leader", &row(t, a, "2026-10", "A-1", "calls").ToLeader, "0")
	eq(t, "A-6 errors to leader", &row(t, a, "2026-10", "A-6", "errors").ToLeader, "12")
	eq(t, "A-6 errors to leader share", row(t, a, "2026-10", "A-6", "errors").ToLeaderShare, "nil")

	// Outliers, IQR: calls 1200 > 1150 (high, the good side); errors 12 >
	// 19/2 (high, the bad side of a lower-is-better KPI). No one else.
	if got := outliers(a); got != "A-1 calls high 1150 better; A-6 errors high 9.5 worse" {
		t.Errorf("IQR outliers: %s", got)
	}

	// Reachability: calls at or above 600, A-3 = 3/7, under 70 %:
	// flagged. errors at or below 4: A-1 3, A-2 0, A-3 4, A-5 2, A-7 4 =
	// 5/7 (71.4 %): not flagged.
	eq(t, "calls reach", calls.Reach.Share, "3/7")
	eq(t, "errors reach", errs.Reach.Share, "5/7")
	if !calls.Reach.Under || errs.Reach.Under {
		t.Errorf("flags: calls %v, errors %v; want true, false", calls.Reach.Under, errs.Reach.Under)
	}
	if len(a.Reach) != 2 || a.Reach[0].Month != "2026-10" || a.Reach[0].Reached != 3 || a.Reach[0].WithNorm != 7 {
		t.Errorf("reach per month: %+v", a.Reach)
	}

	// Percentile ranks, by fulfilment (everyone has a norm), over the 6
	// others. calls (fact / 600, the order of the facts): 1200 → 6/6,
	// 700 → 5/6, 600 → 4/6, 550 → 3/6, 500 → 2/6, 400 → 1/6, 250 → 0.
	// errors (4 / fact; A-2's 0 is the best there is): A-2 → 6/6, A-5 (2)
	// → 5/6, A-1 (3) → 4/6, A-3 and A-7 (4, tied) → (2 + ½) / 6 = 5/12,
	// A-4 (5) → 1/6, A-6 (12) → 0.
	for _, c := range []struct{ id, calls, errors, strongest, weakest string }{
		{"A-1", "1", "2/3", "calls", "errors"},
		{"A-2", "5/6", "1", "errors", "calls"},
		{"A-3", "2/3", "5/12", "calls", "errors"},
		{"A-4", "1/2", "1/6", "calls", "errors"},
		{"A-5", "1/3", "5/6", "errors", "calls"},
		{"A-6", "1/6", "0", "calls", "errors"},
		{"A-7", "0", "5/12", "errors", "calls"},
	} {
		eq(t, c.id+" calls rank", row(t, a, "2026-10", c.id, "calls").Rank, c.calls)
		eq(t, c.id+" errors rank", row(t, a, "2026-10", c.id, "errors").Rank, c.errors)
		p := person(t, a, c.id)
		if strings.Join(p.Strongest, ",") != c.strongest || strings.Join(p.Weakest, ",") != c.weakest {
			t.Errorf("%s: strongest %v, weakest %v; want %s, %s", c.id, p.Strongest, p.Weakest, c.strongest, c.weakest)
		}
		if m := row(t, a, "2026-10", c.id, c.strongest).Mark; m != MarkStrongest {
			t.Errorf("%s %s marked %q", c.id, c.strongest, m)
		}
	}
	if !row(t, a, "2026-10", "A-2", "errors").Best {
		t.Errorf("A-2's 0 errors is not the best result")
	}

	// Departments: calls summed, north 1200 + 700 + 550 + 400 = 2850 (1st),
	// south 600 + 500 + 250 = 1350 (2nd). errors summed, lower is better:
	// south 4 + 2 + 4 = 10 (1st), north 3 + 0 + 5 + 12 = 20 (2nd).
	// K averaged. calls' index (fact − 400) / 200, held at the target's 2,
	// 0 at or below base; errors' (10 − fact) / 6, held at 3/2:
	//   A-1 ½ × 2 + ½ × 7/6 = 19/12; A-2 ½ × 3/2 + ½ × 3/2 = 3/2;
	//   A-4 ½ × 3/4 + ½ × 5/6 = 19/24; A-6 0 + 0 = 0;
	//   A-3 ½ × 1 + ½ × 1 = 1; A-5 ½ × ½ + ½ × 4/3 = 11/12; A-7 0 + ½ × 1 = ½.
	// north (19/12 + 3/2 + 19/24 + 0) / 4 = 93/96 = 31/32 (1st); south
	// (1 + 11/12 + ½) / 3 = 29/36 (2nd).
	for _, c := range []struct {
		dept, kpi, value string
		mean             bool
		rank             int
	}{
		{"north", "calls", "2850", false, 1}, {"south", "calls", "1350", false, 2},
		{"south", "errors", "10", false, 1}, {"north", "errors", "20", false, 2},
		{"north", "", "31/32", true, 1}, {"south", "", "29/36", true, 2},
	} {
		d := dept(t, a, c.dept, c.kpi)
		eq(t, c.dept+" "+c.kpi, &d.Value, c.value)
		if d.Mean != c.mean || d.Rank != c.rank || d.Of != 2 {
			t.Errorf("%s %q: mean %v, rank %d of %d; want %v, %d of 2", c.dept, c.kpi, d.Mean, d.Rank, d.Of, c.mean, c.rank)
		}
	}
	// The order: each KPI's departments by rank, then K.
	var order []string
	for _, d := range a.Departments {
		order = append(order, d.Department+":"+d.KPI)
	}
	if got := strings.Join(order, " "); got != "north:calls south:calls south:errors north:errors north: south:" {
		t.Errorf("department rows %s", got)
	}
}

// TestTeamBaseRule: with --outliers base, the critical point is the
// person's base: calls at or below 400 (A-6 at 400, A-7 at 250), errors
// at or above 10 (A-6 at 12).
func TestTeamBaseRule(t *testing.T) {
	s := scheme(t)
	a := Analyse(s, []Month{seven(t, s)}, Options{Outliers: RuleBase, ReachMin: DefaultReachMin})
	if got := outliers(a); got != "A-6 calls low 400 worse; A-7 calls low 400 worse; A-6 errors high 10 worse" {
		t.Errorf("base outliers: %s", got)
	}
	if a.KPIs[0].Outliers != 2 || a.KPIs[1].Outliers != 1 {
		t.Errorf("outlier counts %d, %d; want 2, 1", a.KPIs[0].Outliers, a.KPIs[1].Outliers)
	}
}

// TestTeamTwoMonths: person-months pooled, reachability per month and
// over both.
func TestTeamTwoMonths(t *testing.T) {
	s := scheme(t)
	oct := month(t, s, "2026-10", "B-1 north 700 4", "B-2 north 500 4", "B-3 south 600 4")
	nov := month(t, s, "2026-11", "B-1 north 650 4", "B-2 north 450 4", "B-3 south 550 4")
	a := Analyse(s, []Month{oct, nov}, Options{ReachMin: DefaultReachMin})
	calls := a.KPIs[0]
	// Pooled: 450 500 550 600 650 700. Mean 3450 / 6 = 575; median (550 +
	// 600) / 2 = 575; Q1 = median(450, 500, 550) = 500; Q3 = 650; IQR 150.
	// Leader 700, B-1 in October.
	for _, f := range []struct {
		what string
		got  calc.Q
		want string
	}{{"mean", calls.Mean, "575"}, {"median", calls.Median, "575"}, {"Q1", calls.Q1, "500"}, {"Q3", calls.Q3, "650"}, {"IQR", calls.IQR, "150"}} {
		eq(t, f.what, &f.got, f.want)
	}
	if calls.N != 6 || len(calls.Leaders) != 1 || calls.Leaders[0] != (Ref{"2026-10", "B-1", "Name B-1"}) {
		t.Errorf("N %d, leaders %+v", calls.N, calls.Leaders)
	}
	// Reachability of calls (norm 600): October 700, 600 → 2/3; November
	// 650 → 1/3; both 3/6 = 1/2; each under 70 %. errors are all at the
	// norm 4: 1 each time.
	want := []struct {
		month, kpi, share string
		under             bool
	}{{"2026-10", "calls", "2/3", true}, {"2026-11", "calls", "1/3", true}, {"", "calls", "1/2", true},
		{"2026-10", "errors", "1", false}, {"2026-11", "errors", "1", false}, {"", "errors", "1", false}}
	if len(a.Reach) != len(want) {
		t.Fatalf("%d reach rows, want %d", len(a.Reach), len(want))
	}
	for i, w := range want {
		r := a.Reach[i]
		if r.Month != w.month || r.KPI != w.kpi || r.Under != w.under {
			t.Errorf("reach %d: %+v, want %+v", i, r, w)
		}
		eq(t, fmt.Sprintf("reach %d", i), r.Share, w.share)
	}
	// Pooled ranks over 5 others: 700 → 1, 650 → 4/5, 600 → 3/5, 550 →
	// 2/5, 500 → 1/5, 450 → 0. A person's rank is the mean of their
	// months': B-1 (1 + 4/5) / 2 = 9/10, B-2 (1/5 + 0) / 2 = 1/10, B-3
	// (3/5 + 2/5) / 2 = 1/2. errors all tie: 1/2 each. B-1 is strongest
	// in calls, B-2 weakest in calls, B-3 ranks the same on both: none.
	for _, c := range []struct{ id, rank, strongest, weakest string }{
		{"B-1", "9/10", "calls", "errors"}, {"B-2", "1/10", "errors", "calls"}, {"B-3", "1/2", "", ""},
	} {
		p := person(t, a, c.id)
		if p.Months != 2 {
			t.Errorf("%s: %d months", c.id, p.Months)
		}
		eq(t, c.id+" calls rank", &p.Ranks[0].Rank, c.rank)
		eq(t, c.id+" November calls person rank", row(t, a, "2026-11", c.id, "calls").PersonRank, c.rank)
		if strings.Join(p.Strongest, ",") != c.strongest || strings.Join(p.Weakest, ",") != c.weakest {
			t.Errorf("%s: strongest %v, weakest %v", c.id, p.Strongest, p.Weakest)
		}
	}
	// Departments over both months: north calls 700 + 500 + 650 + 450 =
	// 2300 over 4 person-months; south 600 + 550 = 1150 over 2.
	if d := dept(t, a, "north", "calls"); d.Value.Cmp(q(t, "2300")) != 0 || d.Count != 4 || d.PerPerson.Cmp(q(t, "575")) != 0 {
		t.Errorf("north calls %s over %d (%s each)", d.Value, d.Count, d.PerPerson)
	}
}

// TestSummed: counts and amounts are summed; formulas, department KPIs
// and shares are averaged.
func TestSummed(t *testing.T) {
	for _, c := range []struct {
		k    plan.KPI
		want bool
	}{
		{plan.KPI{Unit: "calls"}, true},
		{plan.KPI{Unit: "RUB", Source: plan.SourcePayments}, true},
		{plan.KPI{Unit: "share"}, false},
		{plan.KPI{Unit: "Percent"}, false},
		{plan.KPI{Unit: "доля"}, false},
		{plan.KPI{Unit: "RUB", Source: plan.SourceDepartment}, false},
		{plan.KPI{Formula: &plan.Formula{}}, false},
	} {
		if got := Summed(&c.k); got != c.want {
			t.Errorf("Summed(%+v) = %v, want %v", c.k, got, c.want)
		}
	}
}

func refs(rs []Ref) string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

func outliers(a *Analysis) string {
	var out []string
	for _, r := range a.People {
		if r.Side == "" {
			continue
		}
		w := "better"
		if r.Worse {
			w = "worse"
		}
		out = append(out, fmt.Sprintf("%s %s %s %s %s", r.ID, r.KPI, r.Side, r.Bound.String(), w))
	}
	return strings.Join(out, "; ")
}

func person(t *testing.T, a *Analysis, id string) Person {
	t.Helper()
	i := slices.IndexFunc(a.Persons, func(p Person) bool { return p.ID == id })
	if i < 0 {
		t.Fatalf("no person %s", id)
	}
	return a.Persons[i]
}

func dept(t *testing.T, a *Analysis, name, kpi string) DepartmentRow {
	t.Helper()
	i := slices.IndexFunc(a.Departments, func(d DepartmentRow) bool { return d.Department == name && d.KPI == kpi })
	if i < 0 {
		t.Fatalf("no department row %s %q", name, kpi)
	}
	return a.Departments[i]
}
