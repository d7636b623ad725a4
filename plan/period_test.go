package plan_test

import (
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/plan"
)

// quarterly pays a manager by the month (salary, a KPI bonus on the
// month's sales, a commission) and a quarterly bonus on the quarter's
// sales; a head is paid by the quarter only.
const quarterly = `version: 1
id: quarterly
currency: RUB
roles:
  - id: manager
    fixed: 40000
    variable: 20000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 500000, target: 600000}
      - {id: q_sales, norm: 1500000}
    components:
      - {id: commission, type: commission, kpi: sales, rate: 0.01}
      - {id: q_bonus, type: bonus, amount: 30000, when: {kpi: q_sales, reaches: norm}, period: quarter}
  - id: head
    period: quarter
    fixed: 0
    kpis:
      - {id: dept_margin, norm: 3000000}
    components:
      - {id: q_share, type: proportional, kpi: dept_margin, amount: 90000}
`

func ids[T any](xs []T, id func(T) string) string {
	var out []string
	for _, x := range xs {
		out = append(out, id(x))
	}
	return strings.Join(out, ",")
}

func kpiIDs(ks []*plan.KPI) string { return ids(ks, func(k *plan.KPI) string { return k.ID }) }
func compIDs(cs []*plan.Component) string {
	return ids(cs, func(c *plan.Component) string { return c.ID })
}

func TestSchemeFor(t *testing.T) {
	s, _, err, _ := check(t, quarterly)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(s.Kinds(), period.Kind.String); got != "month,quarter" {
		t.Fatalf("Kinds() = %s, want month,quarter", got)
	}
	// A month's run: the manager's salary, bonus on sales and commission;
	// the quarterly bonus left for the quarter's run. The head, paid by the
	// quarter, has nothing paid by the month.
	m := s.For(period.Month)
	mgr, head := m.Role("manager"), m.Role("head")
	if mgr.Elsewhere != 0 || mgr.Bonus == nil || mgr.Fixed == nil || kpiIDs(mgr.KPIs) != "sales" || compIDs(mgr.Components) != "commission" || compIDs(mgr.Left) != "q_bonus" {
		t.Errorf("month's manager: elsewhere %v, KPIs %s, components %s, left %s", mgr.Elsewhere, kpiIDs(mgr.KPIs), compIDs(mgr.Components), compIDs(mgr.Left))
	}
	if head.Elsewhere != period.Quarter || head.Fixed != nil || len(head.Components) != 0 || len(head.KPIs) != 0 || compIDs(head.Left) != "q_share" {
		t.Errorf("month's head: elsewhere %v, KPIs %s, components %s, left %s", head.Elsewhere, kpiIDs(head.KPIs), compIDs(head.Components), compIDs(head.Left))
	}
	// A quarter's run: the manager's quarterly bonus on q_sales alone.
	q := s.For(period.Quarter)
	mgr, head = q.Role("manager"), q.Role("head")
	if mgr.Elsewhere != period.Month || mgr.Bonus != nil || mgr.Fixed != nil || mgr.Variable != nil || kpiIDs(mgr.KPIs) != "q_sales" || compIDs(mgr.Components) != "q_bonus" || compIDs(mgr.Left) != "commission" {
		t.Errorf("quarter's manager: elsewhere %v, bonus %v, KPIs %s, components %s, left %s", mgr.Elsewhere, mgr.Bonus, kpiIDs(mgr.KPIs), compIDs(mgr.Components), compIDs(mgr.Left))
	}
	if head != s.Role("head") {
		t.Error("the quarter's head is not the head itself: it is paid by the quarter whole")
	}
	if got := q.ComponentIDs(); strings.Join(got, ",") != "q_bonus,q_share" {
		t.Errorf("the quarter's component ids = %v", got)
	}
	if p, err := s.ForPeriod("2026-Q4"); err != nil || p != q {
		t.Errorf("ForPeriod(2026-Q4) = %p, %v; want the quarter's part %p", p, err, q)
	}
	// A year's run of it pays nothing: its quarters and months are run.
	if err := s.Pays(period.YearOf(2026)); err == nil || !strings.Contains(err.Error(), "the scheme pays nothing by the year, only by the month and quarter: run the periods of 2026 instead (2026-01, 2026-02, 2026-03, 2026-04, 2026-05, 2026-06, 2026-07, 2026-08, 2026-09, 2026-10, 2026-11, 2026-12, 2026-Q1, 2026-Q2, 2026-Q3, 2026-Q4)") {
		t.Errorf("Pays(2026) = %v", err)
	}
	if _, err := s.ForPeriod(""); err == nil || !strings.Contains(err.Error(), "the scheme pays by the month and quarter") {
		t.Errorf("ForPeriod(\"\") = %v, want the period asked for", err)
	}
	// The scheme itself is untouched.
	if len(s.Role("manager").Components) != 2 || s.Role("manager").Bonus == nil {
		t.Error("For changed the scheme")
	}
}

func TestSchemeForOneKind(t *testing.T) {
	s, _, err, _ := check(t, base)
	if err != nil {
		t.Fatal(err)
	}
	// A scheme that says no period pays by the month; its month's part is
	// the scheme itself (a monthly run is exactly as before periods), with
	// or without a period known.
	if s.For(period.Month) != s {
		t.Error("For(month) is not the scheme")
	}
	for _, text := range []string{"", "2026-10", "nonsense"} {
		if p, err := s.ForPeriod(text); p != s || err != nil {
			t.Errorf("ForPeriod(%q) = %p, %v", text, p, err)
		}
	}
	// A quarter's run of it pays nothing, and is refused with the months
	// to run instead.
	if err := s.Pays(period.QuarterOf(2026, 4)); err == nil || err.Error() != "the scheme pays nothing by the quarter, only by the month: run the periods of 2026-Q4 instead (2026-10, 2026-11, 2026-12)" {
		t.Errorf("Pays(2026-Q4) = %v", err)
	}
	if err := s.Pays(period.MonthOf(2026, 10)); err != nil {
		t.Errorf("Pays(2026-10) = %v", err)
	}
	// A quarter's part pays nothing: every role is paid by the month.
	q, err := s.ForPeriod("2026-Q4")
	if err != nil || q == s || q != s.For(period.Quarter) {
		t.Fatalf("ForPeriod(2026-Q4) = %p, %v", q, err)
	}
	for _, r := range q.Roles {
		if r.Elsewhere != period.Month || len(r.Components) != 0 || r.Bonus != nil {
			t.Errorf("the quarter's %s: elsewhere %v, %d components", r.ID, r.Elsewhere, len(r.Components))
		}
	}
	if got := ids(s.Kinds(), period.Kind.String); got != "month" {
		t.Errorf("Kinds() = %s", got)
	}
}

func TestValidatePeriods(t *testing.T) {
	for _, c := range []struct {
		name, edit, want string
	}{
		{"a kind that is none", "    period: weekly\n", `s.yaml:9:13: roles[0].period: "weekly" is not a period kind: use month, quarter or year`},
		{"period on a pool", "    components:\n      - {id: pool, type: pool, period: quarter}\n",
			`roles[0].components[0].period: a pool component is set from the role's other amounts, its department or the people below, and is paid with them by the role's period (month): remove period`},
		{"a KPI read by two kinds", "    components:\n      - {id: q, type: proportional, kpi: sales, amount: 1000, period: quarter}\n",
			`s.yaml:13:42: roles[0].components[0].kpi: KPI "sales" is read by lines paid by the month too, and this component is paid by the quarter`},
		{"a condition of the monthly bonus", "    conditions: [{id: clean, coefficient: 0.1}]\n    components:\n      - {id: q, type: bonus, amount: 1000, when: {condition: clean}, period: quarter}\n",
			`roles[0].components[0].when.condition: condition "clean" adds to the role's bonus, paid by the month, and this component is paid by the quarter`},
		{"a formula reading a quarterly amount", "    components:\n      - {id: q, type: bonus, amount: 1000, when: {kpi: q_sales, reaches: norm}, period: quarter}\n      - {id: tax, type: formula, formula: 0.1 * q}\n",
			`roles[0].components[1].formula: "q" is paid by the quarter and this formula by the month`},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := `version: 1
id: p
currency: RUB
roles:
  - id: m
    fixed: 100
    variable: 100
    bonus: {method: index}
` + c.edit + `    kpis:
      - {id: sales, weight: 1, base: 0, norm: 10}
      - {id: q_sales, norm: 30}
`
			// The edit goes before kpis; put components after them.
			if strings.Contains(c.edit, "components:") {
				head, comps, _ := strings.Cut(c.edit, "    components:\n")
				in = `version: 1
id: p
currency: RUB
roles:
  - id: m
    fixed: 100
    variable: 100
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 10}
      - {id: q_sales, norm: 30}
` + head + "    components:\n" + comps
			}
			_, _, err, _ := check(t, in)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Check:\n%s\ngot %v\nwant %q", in, err, c.want)
			}
		})
	}
}
