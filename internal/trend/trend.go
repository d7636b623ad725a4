package trend

import (
	"fmt"
	"iter"
	"slices"
	"sort"
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
	// Places is its money's decimal places (its rounding): its pay is
	// shown at them (Row.Places).
	Places int32
}

// Row is one person's KPI in one period.
type Row struct {
	Period                     string
	Closed                     bool
	ID, Name, Role, Department string
	KPI, Title, Unit           string
	Fact                       Num
	Norm, Fulfilment           Num // calc's; none without a norm
	// Reached: the fact is at or beyond the person's norm (teamstats'
	// judgement); nil without a norm.
	Reached *bool
	K       Num // the person's K that period; none when the role has no weighted KPIs
	Pay     Num // the person's total pay that period
	// Places is the period's money's decimal places (its rounding), at
	// which Pay is shown: as paid, whatever another period's rounding.
	Places int32
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

	chunks []*Chunk
	kpis   int     // KPI ids met in every chunk (Chunk.global)
	at     []int32 // person i's place in chunk j: at[i*len(chunks)+j], -1 where absent
	count  int     // the people met
	nrows  int
}

// Len is how many people the trend has (RowsOf's range).
func (t *Trend) Len() int { return t.count }

// RowCount is how many rows AllRows gives.
func (t *Trend) RowCount() int { return t.nrows }

// AllRows gives the rows by person id, then the person's KPIs in the
// order first met, then period. A Row given is valid until the next.
func (t *Trend) AllRows() iter.Seq[*Row] { return t.RowsOf(0, t.count) }

// RowsOf gives the rows of people lo..hi-1 (of Len, in id order), as
// AllRows does.
// Several may be walked at once.
func (t *Trend) RowsOf(lo, hi int) iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		n := len(t.chunks)
		var r Row
		type met struct {
			g          uint16 // the KPI, Chunk.global's
			chunk, kpi int    // where first met: its title and unit
		}
		var order []met
		seen := make([]bool, t.kpis)
		for i := lo; i < hi; i++ {
			at := t.at[i*n : (i+1)*n]
			// The person's KPIs in the order first met.
			order = order[:0]
			for j, pos := range at {
				if pos < 0 {
					continue
				}
				c := t.chunks[j]
				for _, x := range c.cellsOf(pos) {
					if g := c.global[x.kpi]; !seen[g] {
						seen[g] = true
						order = append(order, met{g, j, int(x.kpi)})
					}
				}
			}
			for _, m := range order {
				seen[m.g] = false
				first := &t.chunks[m.chunk].metas[m.kpi]
				for j, pos := range at {
					if pos < 0 {
						continue
					}
					c := t.chunks[j]
					cp := &c.people[pos]
					cells := c.cellsOf(pos)
					k := slices.IndexFunc(cells, func(x cell) bool { return c.global[x.kpi] == m.g })
					if k < 0 {
						continue
					}
					x := &cells[k]
					r = Row{Period: c.label, Closed: c.closed,
						ID: cp.id, Name: cp.who.name, Role: cp.who.role, Department: cp.who.dept,
						KPI: first.id, Title: first.title, Unit: first.unit,
						Fact: c.side.num(x.get(vFact)), Norm: c.side.num(x.get(vNorm)), Fulfilment: c.side.num(x.get(vFul)),
						K: c.side.num(cp.k), Pay: c.side.num(cp.pay), Places: c.scale}
					switch x.reached {
					case 1:
						r.Reached = &yes
					case 0:
						r.Reached = &no
					}
					if !yield(&r) {
						return
					}
				}
			}
		}
	}
}

// yes and no are what Row.Reached points to: a row's fields stay valid
// when the next row is given.
var yes, no = true, false

// Line is one person's figures of a period, as the trend takes them in:
// from calc's result of the period (ResultLine) or a snapshot's figures
// (read by the command).
type Line struct {
	ID, Name, Role, Department string
	K                          Num
	Pay                        Num
	KPIs                       []LineKPI
}

// LineKPI is one KPI of a Line.
type LineKPI struct {
	ID, Title, Unit, Direction, Band string
	Fact                             Num
	Norm, Fulfilment                 Num
}

// What a chunk holds, compactly (20,000 people × 12 months × 8 KPIs is
// 1.9 million rows): per person the id, name, role and department, K
// and pay, and per KPI a cell of 40 bytes in one slice for the period,
// whose figures are c × 10^e (what a snapshot's decimals and nearly all
// of calc's figures are) or else an index into the chunk's side table of
// the exact values. About 450 bytes a person of 8 KPIs.

const (
	vFact = iota
	vNorm
	vFul
)

// val is a Num held: kDec's parts, or a side table's index in c.
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
	kpi     uint16 // in Chunk.metas
}

func (c *cell) set(i int, v val) { c.c[i], c.e[i], c.kind[i] = v.c, v.e, v.kind }

func (c *cell) get(i int) val { return val{c: c.c[i], e: c.e[i], kind: c.kind[i]} }

type kpiMeta struct{ id, title, unit string }

type who struct{ name, role, dept string }

// sides are the values no val holds as c × 10^e.
type sides struct {
	qs   []calc.Q
	decs []decimal.Decimal
}

func (s *sides) put(n Num) val {
	switch n.kind {
	case kDec:
		if n.e >= -127 && n.e <= 127 {
			return val{c: n.c, e: int8(n.e), kind: kDec}
		}
		return s.put(Num{kind: kSideDec, d: new(decimal.New(n.c, n.e))})
	case kSideDec:
		s.decs = append(s.decs, *n.d)
		return val{c: int64(len(s.decs) - 1), kind: kSideDec}
	case kSideQ:
		s.qs = append(s.qs, *n.q)
		return val{c: int64(len(s.qs) - 1), kind: kSideQ}
	}
	return val{}
}

func (s *sides) num(v val) Num {
	switch v.kind {
	case kDec:
		return Num{c: v.c, e: int32(v.e), kind: kDec}
	case kSideDec:
		return Num{kind: kSideDec, d: &s.decs[v.c]}
	case kSideQ:
		return Num{kind: kSideQ, q: &s.qs[v.c]}
	}
	return Num{}
}

// Chunk is one period's lines made compact on their own, so that several
// periods can be read at once (a snapshot each, in parallel); the
// builder takes the chunks in the periods' order (TakeChunk), and the
// trend is read from them.
type Chunk struct {
	label    string
	closed   bool
	currency string
	scale    int32
	people   []chunkPerson
	cells    []cell
	metas    []kpiMeta
	global   []uint16 // each meta's KPI id, numbered over the trend's chunks (Builder.Trend)
	side     sides
	// The reachability counts per role and KPI, in the order met;
	// reachAt[role][meta] is the index in reach of the role's KPI of the
	// meta (-1 not yet met), the role's index in roles.
	reach    []teamstats.Reach
	roles    []string
	reachAt  [][]int32
	lastRole int
}

type chunkPerson struct {
	id       string
	who      who
	pay      val
	k        val
	from, to int32 // the person's cells in Chunk.cells
}

func (c *Chunk) cellsOf(pos int32) []cell {
	p := &c.people[pos]
	return c.cells[p.from:p.to]
}

// NewChunk starts a period's chunk: its label and whether it is closed.
func NewChunk(label string, closed bool) *Chunk {
	return &Chunk{label: label, closed: closed, scale: 2}
}

// Money is the currency and scale of the period's figures (2 places
// until told; a currency of "" keeps the last period's as the trend's).
func (c *Chunk) Money(currency string, scale int32) { c.currency, c.scale = currency, scale }

// Take takes in one person's line of the period; l may be reused after.
func (c *Chunk) Take(l *Line) {
	cp := chunkPerson{id: l.ID, who: who{l.Name, l.Role, l.Department}, pay: c.side.put(l.Pay), k: c.side.put(l.K),
		from: int32(len(c.cells))}
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
		x.set(vFact, c.side.put(k.Fact))
		x.set(vNorm, c.side.put(k.Norm))
		x.set(vFul, c.side.put(k.Fulfilment))
		// Reachability is teamstats' judgement, period by period: the share
		// over the history is the sum of the periods' counts, as team's
		// over several months pools every person-month.
		r := c.reachOf(l.Role, mi)
		if k.Norm.Valid() {
			x.reached = 0
			r.WithNorm++
			if teamstats.ReachedBy(k.Band, k.Direction, func() int { return k.Fact.Q().Cmp(*k.Norm.Q()) }) {
				x.reached = 1
				r.Reached++
			}
		}
		c.cells = append(c.cells, x)
	}
	cp.to = int32(len(c.cells))
	c.people = append(c.people, cp)
}

// reachOf is the counts of role's KPI of meta mi in the chunk, started
// at the first meeting: by a look along the roles met (a scheme's few),
// the role of the line before first.
func (c *Chunk) reachOf(role string, mi int) *teamstats.Reach {
	ri := c.lastRole
	if ri >= len(c.roles) || c.roles[ri] != role {
		if ri = slices.Index(c.roles, role); ri < 0 {
			ri = len(c.roles)
			c.roles = append(c.roles, role)
			c.reachAt = append(c.reachAt, nil)
		}
		c.lastRole = ri
	}
	at := c.reachAt[ri]
	for len(at) <= mi {
		at = append(at, -1)
	}
	c.reachAt[ri] = at
	if at[mi] < 0 {
		id := c.metas[mi].id
		// A KPI met again under another title is counted as one.
		for i := range c.reach {
			if c.reach[i].Role == role && c.reach[i].KPI == id {
				at[mi] = int32(i)
			}
		}
		if at[mi] < 0 {
			at[mi] = int32(len(c.reach))
			c.reach = append(c.reach, teamstats.Reach{Role: role, KPI: id})
		}
	}
	return &c.reach[at[mi]]
}

// Builder takes in the periods one at a time, in order.
type Builder struct {
	t     Trend
	reach map[[2]string]int // (role, kpi) → index in t.Reach
}

// New starts a trend judged against reachMin (teamstats.DefaultReachMin: 70 %).
func New(reachMin calc.Q) *Builder {
	return &Builder{t: Trend{ReachMin: reachMin, Scale: 2}, reach: map[[2]string]int{}}
}

// Len is how many people the chunk has taken in.
func (c *Chunk) Len() int { return len(c.people) }

// ResultLine makes l an employee's line of calc's result, l's KPIs
// reused.
func ResultLine(l *Line, e *calc.EmployeeResult) {
	*l = Line{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, K: OfQ(e.K), Pay: OfDecimal(e.Total), KPIs: l.KPIs[:0]}
	for _, k := range e.KPIs {
		l.KPIs = append(l.KPIs, LineKPI{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Band: k.Band,
			Fact: OfDecimal(k.Fact), Norm: OfQ(k.Norm), Fulfilment: OfQ(k.Fulfilment)})
	}
}

// SortByID puts the chunk's people in id order, as Stream takes them (a
// chunk taken in as calc.Stream hands its employees is in any order).
func (c *Chunk) SortByID() {
	byID := func(x, y chunkPerson) int { return strings.Compare(x.id, y.id) }
	if !slices.IsSortedFunc(c.people, byID) {
		slices.SortStableFunc(c.people, byID)
	}
}

// TakeChunk takes in the next period, c, which the trend keeps. Its
// reachability counts are added in teamstats' order (the scheme's roles
// and KPIs, then those met in the figures only, in the order met).
func (b *Builder) TakeChunk(s *plan.Scheme, c *Chunk) {
	b.t.Periods = append(b.t.Periods, Period{Label: c.label, Closed: c.closed, Places: c.scale})
	b.t.chunks = append(b.t.chunks, c)
	if c.currency != "" {
		b.t.Currency, b.t.Scale = c.currency, c.scale
	}
	counts := map[[2]string]*teamstats.Reach{}
	met := make([][2]string, 0, len(c.reach))
	for i := range c.reach {
		r := &c.reach[i]
		g := [2]string{r.Role, r.KPI}
		counts[g] = r
		met = append(met, g)
	}
	for _, g := range teamstats.GroupOrder(s, met) {
		r, ok := counts[g]
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
	c.reach, c.roles, c.reachAt = nil, nil, nil
}

// Trend finishes the trend: each period's people put in id order and
// met across the periods, the shares worked out.
func (b *Builder) Trend() *Trend {
	t := &b.t
	for _, c := range t.chunks {
		c.SortByID() // a snapshot's people and calc's are in id order already
	}
	t.meet(true)
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

// meet numbers the KPI ids of t's chunks and meets their people, each
// chunk in id order, by id: t.at, the count and the rows; with pay,
// t.People too.
func (t *Trend) meet(pay bool) {
	n := len(t.chunks)
	ids := map[string]uint16{}
	for _, c := range t.chunks {
		c.global = make([]uint16, len(c.metas))
		for i, m := range c.metas {
			g, ok := ids[m.id]
			if !ok {
				g = uint16(len(ids))
				ids[m.id] = g
			}
			c.global[i] = g
		}
	}
	t.kpis = len(ids)
	next := make([]int32, n)
	t.at, t.People, t.count, t.nrows = t.at[:0], t.People[:0], 0, 0
	for {
		id, any := "", false
		for j, c := range t.chunks {
			if int(next[j]) < len(c.people) && (!any || c.people[next[j]].id < id) {
				id, any = c.people[next[j]].id, true
			}
		}
		if !any {
			break
		}
		var p Person
		if pay {
			p = Person{ID: id, Pay: make([]*decimal.Decimal, n)}
		}
		for j, c := range t.chunks {
			pos := int32(-1)
			if int(next[j]) < len(c.people) && c.people[next[j]].id == id {
				pos = next[j]
				cp := &c.people[pos]
				next[j]++
				t.nrows += int(cp.to - cp.from)
				if pay {
					v := c.side.num(cp.pay).Decimal()
					p.Pay[j] = &v
					p.Name = cp.who.name
				}
			}
			t.at = append(t.at, pos)
		}
		t.count++
		if pay {
			t.People = append(t.People, p)
		}
	}
}

// Stream meets the periods' people by id a window at a time, as a trend
// held whole would (Builder), holding only the window: next[j] gives
// period j's people in pieces (a Chunk each, nil at the end), the
// pieces in id order one after another, and each is handed each window,
// a Trend whose rows are its people's (Len, RowsOf, AllRows; no People
// and no Reach), in id order. A window may be kept while the next is
// made: the pieces are not changed. An id out of order in a period is
// refused naming the period (a snapshot as close writes it is in order).
// A row's money places are its piece's (Chunk.Money); a window states no
// money of its own.
func Stream(periods []Period, next []func() (*Chunk, error), each func(*Trend) error) error {
	n := len(next)
	cur := make([]*Chunk, n)
	pos := make([]int, n)
	done := make([]bool, n)
	last := make([]string, n) // the last id taken in, per period
	seen := make([]bool, n)   // whether any was
	for {
		// Each period's current piece, or none at its end.
		bound, any := "", false
		for j := range next {
			for !done[j] && (cur[j] == nil || pos[j] >= len(cur[j].people)) {
				c, err := next[j]()
				if err != nil {
					return err
				}
				if c == nil {
					cur[j], done[j] = nil, true
					break
				}
				for i := range c.people {
					id := c.people[i].id
					if seen[j] && id <= last[j] {
						return &OrderError{Period: periods[j].Label, ID: id, After: last[j]}
					}
					last[j], seen[j] = id, true
				}
				cur[j], pos[j] = c, 0
			}
			if c := cur[j]; c != nil {
				if id := c.people[len(c.people)-1].id; !any || id < bound {
					bound, any = id, true
				}
			}
		}
		if !any {
			return nil
		}
		// The window: every period's people up to the bound, the last
		// person of some period's piece.
		w := &Trend{Periods: periods, chunks: make([]*Chunk, n)}
		for j := range next {
			v := &Chunk{label: periods[j].Label, closed: periods[j].Closed}
			if c := cur[j]; c != nil {
				hi := pos[j] + sort.Search(len(c.people)-pos[j], func(i int) bool { return c.people[pos[j]+i].id > bound })
				v = &Chunk{label: c.label, closed: c.closed, currency: c.currency, scale: c.scale,
					people: c.people[pos[j]:hi], cells: c.cells, metas: c.metas, side: c.side}
				pos[j] = hi
			}
			w.chunks[j] = v
		}
		w.meet(false)
		if err := each(w); err != nil {
			return err
		}
	}
}

// OrderError is a period's person out of id order in a Stream.
type OrderError struct{ Period, ID, After string }

func (e *OrderError) Error() string {
	return fmt.Sprintf("%s: %s comes after %s: the people are not in id order", e.Period, e.ID, e.After)
}
