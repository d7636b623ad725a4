package calc

import (
	"strings"
	"testing"

	"github.com/premia-pay/premia/plan"
)

// growthYAML: the sales norm is last October's sales + 25 %, the target
// + 50 %, and the calls norm last month's calls − 10 %.
const growthYAML = `version: 1
id: g
currency: RUB
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.5, base: 0, norm: {growth: 25%, over: same-period-last-year}, target: {growth: 50%, over: same-period-last-year}}
      - {id: calls, weight: 0.5, base: 0, norm: {growth: -10%, over: previous-period}}
`

func earlier(period string, facts map[string][]string) *Earlier {
	e := &Earlier{Period: period, Source: "facts/" + period, Facts: map[string]Facts{}}
	for id, fs := range facts {
		e.Facts[id] = person(id, "m", fs...).Facts
	}
	return e
}

func TestGrowthNormWorkedByHand(t *testing.T) {
	s := mustScheme(t, growthYAML)
	in := &Input{Period: "2026-10", Employees: []Employee{
		person("A", "m", "sales=1040000", "calls=180"),
		person("B", "m", "sales=500000", "calls=90"),
	}, Earlier: map[string]*Earlier{
		plan.OverLastYear: earlier("2025-10", map[string][]string{"A": {"sales=800000", "calls=1"}, "B": {"sales=500000", "calls=1"}}),
		plan.OverPrevious: earlier("2026-09", map[string][]string{"A": {"sales=1", "calls=200"}, "B": {"sales=1", "calls=100"}}),
	}}
	res := mustRun(t, s, in)
	// A grew sales 30 %: norm = 1.25 × 800,000 = 1,000,000, target
	// 1.5 × 800,000 = 1,200,000; index 1,040,000 / 1,000,000 = 1.04.
	// Calls: norm = 0.9 × 200 = 180, index 180 / 180 = 1.
	// K = 0.5 × 1.04 + 0.5 × 1 = 1.02; bonus 10,000 × 1.02 = 10,200.
	// B: sales norm 1.25 × 500,000 = 625,000, index 500,000 / 625,000 =
	// 0.8; calls norm 0.9 × 100 = 90, index 1; K = 0.4 + 0.5 = 0.9;
	// bonus 9,000.
	want := map[string]string{"A": "10200", "B": "9000"}
	for _, e := range res.Employees {
		if !e.Total.Equal(d(want[e.ID])) {
			t.Errorf("%s: total %s, want %s", e.ID, e.Total, want[e.ID])
		}
		if e.ID == "A" {
			if n := e.KPIs[0].Norm; n == nil || n.Cmp(q("1000000")) != 0 {
				t.Errorf("A's sales norm %v, want 1000000", n)
			}
			if tg := e.KPIs[0].Target; tg == nil || tg.Cmp(q("1200000")) != 0 {
				t.Errorf("A's sales target %v, want 1200000", tg)
			}
		}
	}
}

func TestGrowthPersonalPlanWinsAndNewHire(t *testing.T) {
	s := mustScheme(t, growthYAML)
	c := person("C", "m", "sales=330000", "calls=50")
	// C is new: no fact last year; the Plans table's norms win: sales
	// 330,000 / 300,000 = 1.1 (the scheme's target 1.5 × nothing is not
	// read either, for C has no earlier fact: the target is given too),
	// calls 50 / 50 = 1: K = 0.55 + 0.5 = 1.05, bonus 10,500.
	c.Plans = Plans{
		{KPI: "sales", Norm: &Value{V: d("300000"), Src: Note("Plans!C.sales")}, Target: &Value{V: d("400000"), Src: Note("Plans!C.sales")}},
		{KPI: "calls", Norm: &Value{V: d("50"), Src: Note("Plans!C.calls")}},
	}
	in := &Input{Period: "2026-10", Employees: []Employee{c}, Earlier: map[string]*Earlier{
		plan.OverLastYear: earlier("2025-10", nil),
		plan.OverPrevious: earlier("2026-09", nil),
	}}
	res := mustRun(t, s, in)
	if got := res.Employees[0].Total; !got.Equal(d("10500")) {
		t.Errorf("C: total %s, want 10500", got)
	}
	// Without the Plans table: a located error naming the earlier sheet.
	c.Plans = nil
	_, err := Run(s, &Input{Period: "2026-10", Employees: []Employee{c}, Earlier: in.Earlier}, Options{})
	if err == nil || !strings.Contains(err.Error(), `no fact of "sales" in facts/2025-10`) || !strings.Contains(err.Error(), "s.yaml:") {
		t.Errorf("new hire without plans: %v", err)
	}
	// Without the book: the KPI needs it.
	_, err = Run(s, &Input{Period: "2026-10", Employees: []Employee{person("A", "m", "sales=1", "calls=1")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), `KPI "sales" needs the book`) {
		t.Errorf("no book: %v", err)
	}
}

// TestGrowthInForecast: a plan for next period sets each KPI at its
// levels, the grown ones had from the earlier period as calc has them.
// A: sales norm 1.25 × 800,000 = 1,000,000, target 1.5 × 800,000 =
// 1,200,000; calls norm 0.9 × 200 = 180. At the norm K = 1 and the bonus
// is the variable 10,000; at the target the sales index is 1,200,000 /
// 1,000,000 = 1.2 (base 0), weighted 0.6, and calls stay at their norm
// (no target: the norm), K = 0.6 + 0.5 = 1.1, bonus 11,000. C's own Plans
// norm of sales (300,000) wins over the growth; C has no earlier calls,
// and no Plans norm of them: refused as calc refuses it.
func TestGrowthInForecast(t *testing.T) {
	s := mustScheme(t, growthYAML)
	ears := map[string]*Earlier{
		plan.OverLastYear: earlier("2025-10", map[string][]string{"A": {"sales=800000"}, "C": {"sales=1"}}),
		plan.OverPrevious: earlier("2026-09", map[string][]string{"A": {"calls=200"}}),
	}
	a := person("A", "m")
	in := &Input{Employees: []Employee{a}, Earlier: ears}
	var fc Forecast
	if err := EachForecast(s, in, "2026-10", func(f Forecast) error { fc = f; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		kpi         string
		norm, tgt   string
		level, want string
	}{{"sales", "1000000", "1200000", "norm", "10000"}, {"calls", "180", "", "target", "11000"}} {
		var k *KPIResult
		for i := range fc.KPIs {
			if fc.KPIs[i].ID == c.kpi {
				k = &fc.KPIs[i]
			}
		}
		if k == nil || k.Norm == nil || k.Norm.Cmp(q(c.norm)) != 0 {
			t.Errorf("A's %s norm in the plan: %+v, want %s", c.kpi, k, c.norm)
		}
		if c.tgt != "" && (k.Target == nil || k.Target.Cmp(q(c.tgt)) != 0) {
			t.Errorf("A's %s target in the plan: %v, want %s", c.kpi, k.Target, c.tgt)
		}
		if got := fc.At[c.level].Bonus; !got.Equal(d(c.want)) {
			t.Errorf("A's bonus at %s: %s, want %s", c.level, got, c.want)
		}
	}
	if a.Plans != nil {
		t.Errorf("the employee's own plans changed: %+v", a.Plans)
	}
	cc := person("C", "m")
	cc.Plans = Plans{{KPI: "sales", Norm: &Value{V: d("300000"), Src: Note("Plans!C.sales")}}}
	err := EachForecast(s, &Input{Employees: []Employee{cc}, Earlier: ears}, "2026-10", func(Forecast) error { return nil })
	want := `employee "C": KPI "calls": the norm grows -10% over the fact of 2026-09, but C has no fact of "calls" in facts/2026-09 (new this period?)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("C without an earlier fact of calls: %v, want %q", err, want)
	}
	// Without the book: the plan is refused as calc refuses the month.
	err = EachForecast(s, &Input{Employees: []Employee{person("A", "m")}}, "2026-10", func(Forecast) error { return nil })
	if err == nil || !strings.Contains(err.Error(), `KPI "sales" needs the book`) {
		t.Errorf("without the book: %v", err)
	}
}

// drawPlanYAML: a recoverable draw of 12,000 beside a bonus of 10,000 at
// the norm.
const drawPlanYAML = `version: 1
id: dp
currency: RUB
roles:
  - id: m
    fixed: 0
    variable: 10000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100, target: 150}
    components:
      - {id: draw, type: draw, amount: 12000, recoverable: true}
`

// TestDrawInForecast: a plan's recoverable draw opens at what the roster
// says is owed (5,000) and its line follows the earnings at each level:
// at the base the bonus is 0, the advance 12,000; at the norm 10,000,
// the advance 2,000; at the target (index 1.5) 15,000, 3,000 above the
// draw, recovered: −3,000 (5,000 owed, so all of it). With a commission
// the plan cannot foretell, the draw's line depends on the fact too.
func TestDrawInForecast(t *testing.T) {
	s := mustScheme(t, drawPlanYAML)
	e := person("A", "m")
	e.DrawBalance = &Value{V: d("5000"), Src: Note("Roster!A.draw_balance")}
	var fc Forecast
	if err := EachForecast(s, &Input{Employees: []Employee{e}}, "2026-10", func(f Forecast) error { fc = f; return nil }); err != nil {
		t.Fatal(err)
	}
	for level, want := range map[string]string{"base": "12000", "norm": "2000", "target": "-3000"} {
		r := fc.At[level]
		if len(r.Components) != 1 || !r.Components[0].Amount.Equal(d(want)) {
			t.Errorf("the draw at %s: %+v, want %s", level, r.Components, want)
		}
	}
	if fc.FactDependent["draw"] {
		t.Error("the draw depends on the fact with nothing else that does")
	}
	withCom := strings.Replace(drawPlanYAML, "      - {id: draw,", "      - {id: com, type: commission, kpi: calls, rate: 0.1}\n      - {id: draw,", 1)
	withCom = strings.Replace(withCom, "target: 150}\n", "target: 150}\n      - {id: calls}\n", 1)
	fc = Forecast{}
	if err := EachForecast(mustScheme(t, withCom), &Input{Employees: []Employee{e}}, "2026-10", func(f Forecast) error { fc = f; return nil }); err != nil {
		t.Fatal(err)
	}
	if !fc.FactDependent["com"] || !fc.FactDependent["draw"] {
		t.Errorf("with a commission on calls, which have no norm: depends on the fact %v, want com and draw", fc.FactDependent)
	}
}
