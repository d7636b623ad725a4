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
