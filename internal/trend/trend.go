package trend

import (
	"iter"
	"slices"
	"strings"

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
	Periods []Period
	// Rows, when set, are the rows (a trend made by hand); a Builder's
	// trend holds them compactly instead. Read them with AllRows.
	Rows     []Row
	People   []Person
	Reach    []teamstats.Reach // per role and KPI, over every period (Month ""), in the order first met
	ReachMin calc.Q
	Currency string
	Scale    int32

	held  []*person // by id: the Builder's rows
	nrows int
	side  *sides
}

// RowCount is how many rows AllRows gives.
func (t *Trend) RowCount() int {
	if t.held == nil {
		return len(t.Rows)
	}
	return t.nrows
}

// AllRows gives the rows by person id, then the person's KPIs in the
// order first met, then period. A Row given is valid until the next.
func (t *Trend) AllRows() iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		if t.held == nil {
			for i := range t.Rows {
				if !yield(&t.Rows[i]) {
					return
				}
			}
			return
		}
		var r Row
		var norm, ful, k calc.Q
		for _, p := range t.held {
			for i := range p.cells {
				c := &p.cells[i]
				pp := &p.periods[c.col]
				m := &p.kpis[c.kpi]
				who := &p.who[pp.who]
				r = Row{Period: t.Periods[c.col].Label, Closed: t.Periods[c.col].Closed,
					ID: p.id, Name: who.name, Role: who.role, Department: who.dept,
					KPI: m.id, Title: m.title, Unit: m.unit, Fact: t.side.dec(c.get(vFact)), Pay: t.side.dec(pp.pay)}
				if c.kind[vNorm] != kNone {
					norm = t.side.q(c.get(vNorm))
					r.Norm = &norm
				}
				if c.kind[vFul] != kNone {
					ful = t.side.q(c.get(vFul))
					r.Fulfilment = &ful
				}
				if c.reached >= 0 {
					yes := c.reached == 1
					r.Reached = &yes
				}
				if pp.k.kind != kNone {
					k = t.side.q(pp.k)
					r.K = &k
				}
				if !yield(&r) {
					return
				}
			}
		}
	}
}

// Line is one person's figures of a period, as the trend takes them in:
// from calc's result of the period (Builder.Add) or a snapshot's figures
// (read by the command).
type Line struct {
	ID, Name, Role, Department string
	K                          *calc.Q
	Pay                        decimal.Decimal
	KPIs                       []LineKPI
}

// LineKPI is one KPI of a Line.
type LineKPI struct {
	ID, Title, Unit, Direction, Band string
	Fact                             decimal.Decimal
	Norm, Fulfilment                 *calc.Q
}

// What the builder holds, compactly (20,000 people × 12 months × 8 KPIs
// is 1.9 million rows): per person the names, roles and departments met,
// per period which of them, K and pay in 40 bytes, and per KPI and period
// a cell of 40 bytes, whose figures are c × 10^e (what a snapshot's
// decimals and nearly all of calc's figures are) or else an index into a
// side table of the exact values. About 4.5 KB a person for a year of 8
// KPIs.

const (
	kNone = iota // no value (a norm or fulfilment that is nil)
	kDec         // c × 10^e
	kSide        // sides' value c
)

const (
	vFact = iota
	vNorm
	vFul
)

type val struct {
	c    int64
	e    int8
	kind uint8
}

type cell struct {
	c       [3]int64 // the vals' parts: fact, norm, fulfilment (vFact …)
	e       [3]int8
	kind    [3]uint8
	reached int8   // -1: no norm; 0 no; 1 yes
	col     uint16 // the period
	kpi     uint16 // the person's KPI, in person.kpis
}

func (c *cell) set(i int, v val) { c.c[i], c.e[i], c.kind[i] = v.c, v.e, v.kind }

func (c *cell) get(i int) val { return val{c: c.c[i], e: c.e[i], kind: c.kind[i]} }

type kpiMeta struct{ id, title, unit string }

type personPeriod struct {
	present bool
	who     uint16 // in person.who
	pay     val
	k       val // kNone: the role has no weighted KPIs
}

type who struct{ name, role, dept string }

type person struct {
	id      string
	periods []personPeriod // by column
	who     []who          // the names, roles and departments met
	kpis    []kpiMeta      // in the order first met
	cells   []cell
}

// sides are the values no val holds as c × 10^e.
type sides struct {
	qs   []calc.Q
	decs []decimal.Decimal
}

func (s *sides) putQ(q *calc.Q) val {
	if q == nil {
		return val{}
	}
	if c, e, ok := q.DecimalParts(); ok && e >= -127 {
		return val{c: c, e: int8(e), kind: kDec}
	}
	s.qs = append(s.qs, *q)
	return val{c: int64(len(s.qs) - 1), kind: kSide}
}

func (s *sides) putDec(d decimal.Decimal) val {
	if e := d.Exponent(); d.NumDigits() <= 18 && e >= -127 && e <= 0 {
		return val{c: d.CoefficientInt64(), e: int8(e), kind: kDec}
	}
	s.decs = append(s.decs, d)
	return val{c: int64(len(s.decs) - 1), kind: kSide}
}

func (s *sides) q(v val) calc.Q {
	if v.kind == kSide {
		return s.qs[v.c]
	}
	return calc.Dec(decimal.New(v.c, int32(v.e)))
}

func (s *sides) dec(v val) decimal.Decimal {
	if v.kind == kSide {
		return s.decs[v.c]
	}
	return decimal.New(v.c, int32(v.e))
}

// Builder takes in the periods one at a time, in order.
type Builder struct {
	t       Trend
	people  map[string]*person
	side    sides
	expect  int               // periods expected, to size each person's cells
	reach   map[[2]string]int // (role, kpi) → index in t.Reach
	col     int               // the period being taken in
	counts  map[[2]string]*teamstats.Reach
	metThis [][2]string // the (role, kpi) met this period, in order
}

// New starts a trend judged against reachMin (teamstats.DefaultReachMin: 70 %).
func New(reachMin calc.Q) *Builder {
	return &Builder{t: Trend{ReachMin: reachMin, Scale: 2}, people: map[string]*person{}, reach: map[[2]string]int{}}
}

// Expect says how many periods will be taken in: each person's rows are
// then held in one piece from the start.
func (b *Builder) Expect(periods int) { b.expect = periods }

// Add takes in one period's result; res may be dropped after.
func (b *Builder) Add(s *plan.Scheme, label string, closed bool, res *calc.Result) {
	b.Begin(label, closed)
	b.Money(res.Currency, res.Scale)
	var l Line
	for _, e := range res.Employees {
		l = Line{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, K: e.K, Pay: e.Total, KPIs: l.KPIs[:0]}
		for _, k := range e.KPIs {
			l.KPIs = append(l.KPIs, LineKPI{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Band: k.Band,
				Fact: k.Fact, Norm: k.Norm, Fulfilment: k.Fulfilment})
		}
		b.Take(&l)
	}
	b.End(s)
}

// Begin starts a period: its label and whether it is closed.
func (b *Builder) Begin(label string, closed bool) {
	b.col = len(b.t.Periods)
	b.t.Periods = append(b.t.Periods, Period{Label: label, Closed: closed})
	b.counts = map[[2]string]*teamstats.Reach{}
	b.metThis = b.metThis[:0]
}

// Money is the currency and scale of the figures of the period begun (""
// keeps the last period's).
func (b *Builder) Money(currency string, scale int32) {
	if currency != "" {
		b.t.Currency, b.t.Scale = currency, scale
	}
}

// Take takes in one person's line of the period begun; l may be reused
// after.
func (b *Builder) Take(l *Line) {
	p, ok := b.people[l.ID]
	if !ok {
		p = &person{id: l.ID}
		if n := b.expect - b.col; n > 0 {
			p.cells = make([]cell, 0, n*len(l.KPIs))
			p.periods = make([]personPeriod, 0, b.expect)
		}
		b.people[l.ID] = p
	}
	for len(p.periods) <= b.col {
		p.periods = append(p.periods, personPeriod{})
	}
	w := who{l.Name, l.Role, l.Department}
	wi := len(p.who) - 1
	if wi < 0 || p.who[wi] != w {
		if wi = slices.Index(p.who, w); wi < 0 {
			wi = len(p.who)
			p.who = append(p.who, w)
		}
	}
	p.periods[b.col] = personPeriod{present: true, who: uint16(wi), pay: b.side.putDec(l.Pay), k: b.side.putQ(l.K)}
	for i := range l.KPIs {
		k := &l.KPIs[i]
		ki := slices.IndexFunc(p.kpis, func(m kpiMeta) bool { return m.id == k.ID })
		if ki < 0 {
			ki = len(p.kpis)
			p.kpis = append(p.kpis, kpiMeta{k.ID, k.Title, k.Unit})
		}
		c := cell{col: uint16(b.col), kpi: uint16(ki), reached: -1}
		c.set(vFact, b.side.putDec(k.Fact))
		c.set(vNorm, b.side.putQ(k.Norm))
		c.set(vFul, b.side.putQ(k.Fulfilment))
		// Reachability is teamstats' judgement, period by period: the share
		// over the history is the sum of the periods' counts, as team's
		// over several months pools every person-month.
		g := [2]string{l.Role, k.ID}
		r, ok := b.counts[g]
		if !ok {
			r = &teamstats.Reach{Role: l.Role, KPI: k.ID}
			b.counts[g] = r
			b.metThis = append(b.metThis, g)
		}
		if k.Norm != nil {
			c.reached = 0
			r.WithNorm++
			if teamstats.Reached(*k.Norm, k.Band, k.Direction, calc.Dec(k.Fact)) {
				c.reached = 1
				r.Reached++
			}
		}
		p.cells = append(p.cells, c)
	}
}

// End ends the period begun: its reachability counts are added in
// teamstats' order (the scheme's roles and KPIs, then those met in the
// figures only, in the order met).
func (b *Builder) End(s *plan.Scheme) {
	var order [][2]string
	seen := map[[2]string]bool{}
	for _, r := range s.Roles {
		for _, k := range r.KPIs {
			g := [2]string{r.ID, k.ID}
			if !seen[g] {
				seen[g] = true
				order = append(order, g)
			}
		}
	}
	for _, g := range b.metThis {
		if !seen[g] {
			seen[g] = true
			order = append(order, g)
		}
	}
	for _, g := range order {
		r, ok := b.counts[g]
		if !ok {
			continue
		}
		i, ok := b.reach[g]
		if !ok {
			i = len(b.t.Reach)
			b.reach[g] = i
			b.t.Reach = append(b.t.Reach, teamstats.Reach{Role: g[0], KPI: g[1]})
		}
		b.t.Reach[i].WithNorm += r.WithNorm
		b.t.Reach[i].Reached += r.Reached
	}
	b.counts = nil
}

// Trend finishes the trend: the rows in order, the shares worked out.
func (b *Builder) Trend() *Trend {
	t := &b.t
	t.side = &b.side
	t.held = make([]*person, 0, len(b.people))
	for _, p := range b.people {
		t.held = append(t.held, p)
	}
	slices.SortFunc(t.held, func(x, y *person) int { return strings.Compare(x.id, y.id) })
	t.nrows = 0
	t.People = make([]Person, 0, len(t.held))
	for _, p := range t.held {
		// Cells are in period order: stably by the KPI's first meeting.
		slices.SortStableFunc(p.cells, func(x, y cell) int { return int(x.kpi) - int(y.kpi) })
		t.nrows += len(p.cells)
		pay := make([]decimal.Decimal, len(t.Periods))
		ptrs := make([]*decimal.Decimal, len(t.Periods))
		name := ""
		for j := range p.periods {
			if pp := &p.periods[j]; pp.present {
				pay[j] = t.side.dec(pp.pay)
				ptrs[j] = &pay[j]
				name = p.who[pp.who].name
			}
		}
		t.People = append(t.People, Person{ID: p.id, Name: name, Pay: ptrs})
	}
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
