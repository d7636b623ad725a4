package trend

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/plan"
)

// Period is one column of the trend.
type Period struct {
	Label  string // 2026-10, 2026-Q4, 2026
	Closed bool   // its figures are its snapshot's (closed/P.json)
}

// Row is one person's KPI in one period.
type Row struct {
	Period                     string
	Closed                     bool
	ID, Name, Role, Department string
	KPI, Title, Unit           string
	Fact                       decimal.Decimal
	Norm, Fulfilment           *calc.Q // calc's; nil without a norm
	// Reached: the fact is at or beyond the person's norm (teamstats'
	// judgement); nil without a norm.
	Reached *bool
	K       *calc.Q         // the person's K that period; nil when the role has no weighted KPIs
	Pay     decimal.Decimal // the person's total pay that period
}

// Person is one person's pay over the periods, for the chart.
type Person struct {
	ID, Name string             // the name of the latest period
	Pay      []*decimal.Decimal // one per Trend.Periods; nil where the person was not paid
}

// Trend is a book's history.
type Trend struct {
	Periods  []Period
	Rows     []Row // by person id, then the person's KPIs in the order first met, then period
	People   []Person
	Reach    []teamstats.Reach // per role and KPI, over every period (Month ""), in the order first met
	ReachMin calc.Q
	Currency string
	Scale    int32
}

// Builder takes in the periods one at a time, in order.
type Builder struct {
	t      Trend
	people map[string]int
	kpiAt  map[[2]string]int // (id, kpi) → the order the person's KPI was first met
	reach  map[[2]string]int // (role, kpi) → index in t.Reach
}

// New starts a trend judged against reachMin (teamstats.DefaultReachMin: 70 %).
func New(reachMin calc.Q) *Builder {
	return &Builder{t: Trend{ReachMin: reachMin, Scale: 2}, people: map[string]int{}, kpiAt: map[[2]string]int{}, reach: map[[2]string]int{}}
}

// Add takes in one period's result; res may be dropped after.
func (b *Builder) Add(s *plan.Scheme, label string, closed bool, res *calc.Result) {
	col := len(b.t.Periods)
	b.t.Periods = append(b.t.Periods, Period{Label: label, Closed: closed})
	if res.Currency != "" {
		b.t.Currency, b.t.Scale = res.Currency, res.Scale
	}
	for i := range b.t.People {
		b.t.People[i].Pay = append(b.t.People[i].Pay, nil)
	}
	// Reachability is teamstats', period by period: the share over the
	// history is the sum of the periods' counts, as team's over several
	// months pools every person-month.
	a := teamstats.Analyse(s, []teamstats.Month{{Label: label, Result: res}}, teamstats.Options{ReachMin: b.t.ReachMin})
	reached := map[[2]string]*bool{}
	for _, r := range a.People {
		reached[[2]string{r.ID, r.KPI}] = r.Reached
	}
	for _, r := range a.Reach {
		k := [2]string{r.Role, r.KPI}
		i, ok := b.reach[k]
		if !ok {
			i = len(b.t.Reach)
			b.reach[k] = i
			b.t.Reach = append(b.t.Reach, teamstats.Reach{Role: r.Role, KPI: r.KPI})
		}
		b.t.Reach[i].WithNorm += r.WithNorm
		b.t.Reach[i].Reached += r.Reached
	}
	for ei := range res.Employees {
		e := res.Employees[ei]
		pi, ok := b.people[e.ID]
		if !ok {
			pi = len(b.t.People)
			b.people[e.ID] = pi
			b.t.People = append(b.t.People, Person{ID: e.ID, Pay: make([]*decimal.Decimal, col+1)})
		}
		pay := e.Total
		b.t.People[pi].Name, b.t.People[pi].Pay[col] = e.Name, &pay
		for _, k := range e.KPIs {
			key := [2]string{e.ID, k.ID}
			if _, ok := b.kpiAt[key]; !ok {
				b.kpiAt[key] = len(b.kpiAt)
			}
			b.t.Rows = append(b.t.Rows, Row{
				Period: label, Closed: closed,
				ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department,
				KPI: k.ID, Title: k.Title, Unit: k.Unit, Fact: k.Fact,
				Norm: k.Norm, Fulfilment: k.Fulfilment, Reached: reached[key],
				K: e.K, Pay: e.Total,
			})
		}
	}
}

// Trend finishes the trend: the rows in order, the shares worked out.
func (b *Builder) Trend() *Trend {
	t := &b.t
	slices.SortStableFunc(t.Rows, func(x, y Row) int {
		if x.ID != y.ID {
			if x.ID < y.ID {
				return -1
			}
			return 1
		}
		return b.kpiAt[[2]string{x.ID, x.KPI}] - b.kpiAt[[2]string{y.ID, y.KPI}]
	})
	slices.SortStableFunc(t.People, func(x, y Person) int {
		switch {
		case x.ID < y.ID:
			return -1
		case x.ID > y.ID:
			return 1
		}
		return 0
	})
	for i := range t.Reach {
		r := &t.Reach[i]
		if r.WithNorm > 0 {
			share := calc.Frac(decimal.NewFromInt(int64(r.Reached)), decimal.NewFromInt(int64(r.WithNorm)))
			r.Share = &share
			r.Under = share.Cmp(t.ReachMin) < 0
		}
	}
	return t
}
