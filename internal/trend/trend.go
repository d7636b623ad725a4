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
	Periods  []Period
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
func (t *Trend) RowCount() int { return t.nrows }

// AllRows gives the rows by person id, then the person's KPIs in the
// order first met, then period. A Row given is valid until the next.
func (t *Trend) AllRows() iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		var r Row
		var norm, ful, k calc.Q
		var pays []decimal.Decimal
		for _, p := range t.held {
			// Each period's pay made once for the person's rows.
			pays = pays[:0]
			for j := range p.periods {
				pays = append(pays, t.side.dec(p.periods[j].pay))
			}
			for i := range p.cells {
				c := &p.cells[i]
				pp := &p.periods[c.col]
				m := &p.kpis[c.kpi]
				who := &p.who[pp.who]
				r = Row{Period: t.Periods[c.col].Label, Closed: t.Periods[c.col].Closed,
					ID: p.id, Name: who.name, Role: who.role, Department: who.dept,
					KPI: m.id, Title: m.title, Unit: m.unit, Fact: t.side.dec(c.get(vFact)), Pay: pays[c.col]}
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
	return calc.FromDecimalParts(v.c, int32(v.e))
}

func (s *sides) dec(v val) decimal.Decimal {
	if v.kind == kSide {
		return s.decs[v.c]
	}
	return decimal.New(v.c, int32(v.e))
}

// Builder takes in the periods one at a time, in order.
type Builder struct {
	t      Trend
	people map[string]*person
	side   sides
	expect int               // periods expected, to size each person's cells
	reach  map[[2]string]int // (role, kpi) → index in t.Reach
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
	c := NewChunk(label, closed)
	c.Money(res.Currency, res.Scale)
	var l Line
	for _, e := range res.Employees {
		l = Line{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, K: e.K, Pay: e.Total, KPIs: l.KPIs[:0]}
		for _, k := range e.KPIs {
			l.KPIs = append(l.KPIs, LineKPI{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Band: k.Band,
				Fact: k.Fact, Norm: k.Norm, Fulfilment: k.Fulfilment})
		}
		c.Take(&l)
	}
	b.TakeChunk(s, c)
}

// Chunk is one period's lines made compact on their own, so that several
// periods can be read at once (a snapshot each, in parallel); the
// builder takes the chunks in the periods' order (TakeChunk). A chunk is
// about 450 bytes a person of 8 KPIs.
type Chunk struct {
	label    string
	closed   bool
	currency string
	scale    int32
	people   []chunkPerson
	metas    []kpiMeta
	side     sides
	counts   map[[2]string]*teamstats.Reach
	met      [][2]string // the (role, kpi) met, in order
}

type chunkPerson struct {
	id    string
	who   who
	pay   val
	k     val
	cells []cell // kpi: in Chunk.metas
}

// NewChunk starts a period's chunk: its label and whether it is closed.
func NewChunk(label string, closed bool) *Chunk {
	return &Chunk{label: label, closed: closed, counts: map[[2]string]*teamstats.Reach{}}
}

// Money is the currency and scale of the period's figures ("" keeps the
// last period's).
func (c *Chunk) Money(currency string, scale int32) { c.currency, c.scale = currency, scale }

// Take takes in one person's line of the period; l may be reused after.
func (c *Chunk) Take(l *Line) {
	cp := chunkPerson{id: l.ID, who: who{l.Name, l.Role, l.Department}, pay: c.side.putDec(l.Pay), k: c.side.putQ(l.K),
		cells: make([]cell, 0, len(l.KPIs))}
	for i := range l.KPIs {
		k := &l.KPIs[i]
		// The KPIs met are few (a scheme's): a look along them is quicker
		// than hashing three strings.
		m := kpiMeta{k.ID, k.Title, k.Unit}
		mi := slices.Index(c.metas, m)
		if mi < 0 {
			mi = len(c.metas)
			c.metas = append(c.metas, m)
		}
		x := cell{kpi: uint16(mi), reached: -1}
		x.set(vFact, c.side.putDec(k.Fact))
		x.set(vNorm, c.side.putQ(k.Norm))
		x.set(vFul, c.side.putQ(k.Fulfilment))
		// Reachability is teamstats' judgement, period by period: the share
		// over the history is the sum of the periods' counts, as team's
		// over several months pools every person-month.
		g := [2]string{l.Role, k.ID}
		r, ok := c.counts[g]
		if !ok {
			r = &teamstats.Reach{Role: l.Role, KPI: k.ID}
			c.counts[g] = r
			c.met = append(c.met, g)
		}
		if k.Norm != nil {
			x.reached = 0
			r.WithNorm++
			if teamstats.Reached(*k.Norm, k.Band, k.Direction, calc.Dec(k.Fact)) {
				x.reached = 1
				r.Reached++
			}
		}
		cp.cells = append(cp.cells, x)
	}
	c.people = append(c.people, cp)
}

// TakeChunk takes in the next period, c, which may be dropped after. Its
// reachability counts are added in teamstats' order (the scheme's roles
// and KPIs, then those met in the figures only, in the order met).
func (b *Builder) TakeChunk(s *plan.Scheme, c *Chunk) {
	col := len(b.t.Periods)
	b.t.Periods = append(b.t.Periods, Period{Label: c.label, Closed: c.closed})
	if c.currency != "" {
		b.t.Currency, b.t.Scale = c.currency, c.scale
	}
	// A side value of the chunk's moves to the builder's side table.
	move := func(v val, q bool) val {
		if v.kind != kSide {
			return v
		}
		if q {
			x := c.side.qs[v.c]
			return b.side.putQ(&x)
		}
		return b.side.putDec(c.side.decs[v.c])
	}
	for i := range c.people {
		cp := &c.people[i]
		p, ok := b.people[cp.id]
		if !ok {
			p = &person{id: cp.id}
			if n := b.expect - col; n > 0 {
				p.cells = make([]cell, 0, n*len(cp.cells))
				p.periods = make([]personPeriod, 0, b.expect)
			}
			b.people[cp.id] = p
		}
		for len(p.periods) <= col {
			p.periods = append(p.periods, personPeriod{})
		}
		wi := len(p.who) - 1
		if wi < 0 || p.who[wi] != cp.who {
			if wi = slices.Index(p.who, cp.who); wi < 0 {
				wi = len(p.who)
				p.who = append(p.who, cp.who)
			}
		}
		p.periods[col] = personPeriod{present: true, who: uint16(wi), pay: move(cp.pay, false), k: move(cp.k, true)}
		for _, x := range cp.cells {
			m := c.metas[x.kpi]
			ki := slices.IndexFunc(p.kpis, func(pm kpiMeta) bool { return pm.id == m.id })
			if ki < 0 {
				ki = len(p.kpis)
				p.kpis = append(p.kpis, m)
			}
			x.col, x.kpi = uint16(col), uint16(ki)
			x.set(vFact, move(x.get(vFact), false))
			x.set(vNorm, move(x.get(vNorm), true))
			x.set(vFul, move(x.get(vFul), true))
			p.cells = append(p.cells, x)
		}
	}
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
	for _, g := range c.met {
		if !seen[g] {
			seen[g] = true
			order = append(order, g)
		}
	}
	for _, g := range order {
		r, ok := c.counts[g]
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
