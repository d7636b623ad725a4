package compare

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

// Month is one fact sheet computed under both schemes.
type Month struct {
	Period string // YYYY-MM, or "" when neither the fact sheet nor --period states it
	Facts  string // the fact sheet as the command line names it
	Old    Side
	New    Side
}

// Label names the month: its period, else its fact sheet.
func (m *Month) Label() string { return cmp.Or(m.Period, m.Facts) }

// Side is a month under one scheme: everyone it pays, by id, and the
// people of the roster it cannot pay from this fact sheet (factsheet.Fit).
type Side struct {
	People []Pay
	Left   []factsheet.Unfit
}

// Schemes are the two schemes and how the command line names them (a
// file, or git:REV:path).
type Schemes struct {
	Old, New         *plan.Scheme
	OldName, NewName string
}

// Options shape a comparison.
type Options struct {
	// Top is how many gainers and losers are listed.
	Top int
	// FailOver, if not nil, is --fail-over: the percentage a person's pay
	// may move by, either way, in any month.
	FailOver *decimal.Decimal
}

// Report is a comparison, ready to render.
type Report struct {
	OldName, NewName string
	OldScheme        string // the schemes' ids
	NewScheme        string
	Currency         string
	Scale            int32 // decimals shown for money: the larger of the schemes'
	Months           []Total
	Total            Total
	Rows             []Row // by month in the order given, then by id
	Roles            []Group
	Departments      []Group
	// Gainers and Losers rank the people paid under both schemes by their
	// difference over every month (most first; by id on a tie): those who
	// gain, those who lose, at most Top of each.
	Gainers, Losers []Mover
	Top             int
	FailOver        *decimal.Decimal
	// Over are the rows whose pay moves by more than FailOver (Row.Over).
	Over []*Row
}

// Amounts are a sum under each scheme, the difference and the percentage.
type Amounts struct {
	Old, New, Diff decimal.Decimal
	// Pct is Diff / Old × 100, exact; nil when Old is 0 (undefined), or
	// when a side has no one.
	Pct *calc.Q
	// HasOld and HasNew: someone in the sum is paid under the scheme. A
	// sum of no one is none, shown as such, never as 0; Diff and Pct are
	// then none too.
	HasOld, HasNew bool
}

// Both reports whether both sums have someone in them: only then is
// there a difference.
func (a *Amounts) Both() bool { return a.HasOld && a.HasNew }

// Total is the payroll of a month, or of every month: everyone paid under
// each scheme (as each scheme's premia calc would sum them).
type Total struct {
	Period, Facts string // a month's; "" for every month
	Amounts
	// People is how many people (rows of the roster) the month has; Both
	// are paid under both schemes, OldOnly and NewOnly under one only.
	People, Both, OldOnly, NewOnly int
}

// Group is a role's or a department's sums over every month.
type Group struct {
	Key   string // the role's id; the department's name ("" for none)
	Title string // the role's title (the new scheme's, else the old's)
	Amounts
	// People are the different people in the group; OldOnly and NewOnly
	// count the rows of people paid under one scheme only.
	People, OldOnly, NewOnly int
}

// Row is one person in one month.
type Row struct {
	Month                      int // index in Report.Months
	Period, Facts              string
	ID, Name, Role, Department string
	RoleTitle                  string
	// Old and New are the pay under each scheme; nil when the scheme
	// cannot pay the person from this fact sheet, and then OldWhy or
	// NewWhy says why.
	Old, New       *Pay
	OldWhy, NewWhy *factsheet.Unfit
	// Diff and Pct are New − Old and Diff / Old × 100 (nil when Old is 0),
	// when both are paid.
	Diff *decimal.Decimal
	Pct  *calc.Q
	// Over: the pay moves by more than --fail-over (Options.FailOver):
	// |Pct| above it, or from 0 to anything else.
	Over bool
	// KPIs and Lines are what changed, when both are paid: each KPI whose
	// weighted index, ladder coefficient or money share differs, or that
	// one scheme has and the other not; each pay line (fixed, bonus, a
	// component) whose amount differs or that one side has not.
	KPIs  []KPIChange
	Lines []LineChange
}

// Both reports whether the row is paid under both schemes.
func (r *Row) Both() bool { return r.Old != nil && r.New != nil }

// KPIChange is a KPI row that changed: its part under each scheme (nil
// where the person's role has not the KPI).
type KPIChange struct {
	ID, Title string
	Old, New  *KPIPart
}

// Pay lines (LineChange.Kind).
const (
	LineFixed     = "fixed"
	LineBonus     = "bonus"
	LineComponent = "component"
)

// LineChange is a pay line that changed.
type LineChange struct {
	Kind, ID, Title string // ID and Title: a component's
	Old, New        *decimal.Decimal
}

// Mover is a person's change over every month paid under both schemes.
type Mover struct {
	ID, Name, Role, RoleTitle, Department string
	Months                                int
	Amounts
}

var hundred = decimal.New(100, 0)

// percent is diff / old × 100, exact; nil when old is 0.
func percent(diff, old decimal.Decimal) *calc.Q {
	if old.IsZero() {
		return nil
	}
	q := calc.Dec(diff).Quo(calc.Dec(old)).Mul(calc.Dec(hundred))
	return &q
}

func (a *Amounts) add(old, neu *decimal.Decimal) {
	if old != nil {
		a.Old, a.HasOld = a.Old.Add(*old), true
	}
	if neu != nil {
		a.New, a.HasNew = a.New.Add(*neu), true
	}
}

func (a *Amounts) close() {
	a.Diff, a.Pct = decimal.Zero, nil
	if a.Both() {
		a.Diff = a.New.Sub(a.Old)
		a.Pct = percent(a.Diff, a.Old)
	}
}

// Build sets the two sides of every month against each other.
func Build(sc Schemes, months []Month, o Options) *Report {
	rep := &Report{OldName: sc.OldName, NewName: sc.NewName, OldScheme: sc.Old.ID, NewScheme: sc.New.ID,
		Currency: sc.New.Currency, Scale: max(calc.Scale(sc.Old.Step()), calc.Scale(sc.New.Step())), Top: o.Top, FailOver: o.FailOver}
	title := func(role string) string {
		if sc.New.Role(role) != nil {
			return sc.New.RoleTitle(role)
		}
		return sc.Old.RoleTitle(role)
	}
	roles := map[string]*Group{}
	depts := map[string]*Group{}
	seen := map[[2]string]bool{} // (group, id): a person counted in a group
	movers := map[string]*Mover{}
	for mi := range months {
		m := &months[mi]
		t := Total{Period: m.Period, Facts: m.Facts}
		for _, r := range join(m) {
			r.Month, r.Period, r.Facts = mi, m.Period, m.Facts
			r.RoleTitle = title(r.Role)
			var old, neu *decimal.Decimal
			if r.Old != nil {
				old = &r.Old.Total
			}
			if r.New != nil {
				neu = &r.New.Total
			}
			t.People++
			switch {
			case r.Both():
				t.Both++
				d := r.New.Total.Sub(r.Old.Total)
				r.Diff, r.Pct = &d, percent(d, r.Old.Total)
				r.KPIs, r.Lines = kpiChanges(r.Old, r.New), lineChanges(r.Old, r.New)
				if o.FailOver != nil {
					r.Over = over(r, *o.FailOver)
				}
				mv := movers[r.ID]
				if mv == nil {
					mv = &Mover{ID: r.ID}
					movers[r.ID] = mv
				}
				mv.Name, mv.Role, mv.RoleTitle, mv.Department = r.Name, r.Role, r.RoleTitle, r.Department
				mv.Months++
				mv.add(old, neu)
			case r.Old != nil:
				t.OldOnly++
			case r.New != nil:
				t.NewOnly++
			}
			t.add(old, neu)
			for _, g := range []struct {
				all map[string]*Group
				key string
				k   string
			}{{roles, r.Role, "r"}, {depts, r.Department, "d"}} {
				grp := g.all[g.key]
				if grp == nil {
					grp = &Group{Key: g.key}
					g.all[g.key] = grp
				}
				if g.k == "r" {
					grp.Title = r.RoleTitle
				}
				if !seen[[2]string{g.k + g.key, r.ID}] {
					seen[[2]string{g.k + g.key, r.ID}] = true
					grp.People++
				}
				switch {
				case r.Old == nil:
					grp.NewOnly++
				case r.New == nil:
					grp.OldOnly++
				}
				grp.add(old, neu)
			}
			rep.Rows = append(rep.Rows, r)
		}
		t.close()
		rep.Months = append(rep.Months, t)
		rep.Total.People += t.People
		rep.Total.Both += t.Both
		rep.Total.OldOnly += t.OldOnly
		rep.Total.NewOnly += t.NewOnly
		rep.Total.Old = rep.Total.Old.Add(t.Old)
		rep.Total.New = rep.Total.New.Add(t.New)
		rep.Total.HasOld = rep.Total.HasOld || t.HasOld
		rep.Total.HasNew = rep.Total.HasNew || t.HasNew
	}
	rep.Total.close()
	rep.Roles = groups(roles)
	rep.Departments = groups(depts)
	var all []Mover
	for _, mv := range movers {
		mv.close()
		all = append(all, *mv)
	}
	for _, mv := range all {
		switch mv.Diff.Sign() {
		case 1:
			rep.Gainers = append(rep.Gainers, mv)
		case -1:
			rep.Losers = append(rep.Losers, mv)
		}
	}
	slices.SortFunc(rep.Gainers, func(a, b Mover) int { return cmp.Or(b.Diff.Cmp(a.Diff), strings.Compare(a.ID, b.ID)) })
	slices.SortFunc(rep.Losers, func(a, b Mover) int { return cmp.Or(a.Diff.Cmp(b.Diff), strings.Compare(a.ID, b.ID)) })
	rep.Gainers = rep.Gainers[:min(len(rep.Gainers), max(o.Top, 0))]
	rep.Losers = rep.Losers[:min(len(rep.Losers), max(o.Top, 0))]
	for i := range rep.Rows {
		if rep.Rows[i].Over {
			rep.Over = append(rep.Over, &rep.Rows[i])
		}
	}
	return rep
}

// over reports whether a row's pay moves by more than pct percent, either
// way; from 0 to anything else is more than any percentage.
func over(r Row, pct decimal.Decimal) bool {
	if r.Pct == nil {
		return !r.Diff.IsZero()
	}
	p := *r.Pct
	if p.Sign() < 0 {
		p = p.Neg()
	}
	return p.CmpD(pct) > 0
}

// groups are the groups in the order of their keys.
func groups(all map[string]*Group) []Group {
	out := make([]Group, 0, len(all))
	for _, g := range all {
		g.close()
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Group) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// join puts a month's two sides side by side, one row per person, by id.
func join(m *Month) []Row {
	var rows []Row
	at := map[string]int{}
	row := func(id, name, role, dept string) *Row {
		i, ok := at[id]
		if !ok {
			i = len(rows)
			at[id] = i
			rows = append(rows, Row{ID: id, Name: name, Role: role, Department: dept})
		}
		return &rows[i]
	}
	for i := range m.Old.People {
		p := &m.Old.People[i]
		row(p.ID, p.Name, p.Role, p.Department).Old = p
	}
	for i := range m.New.People {
		p := &m.New.People[i]
		row(p.ID, p.Name, p.Role, p.Department).New = p
	}
	for i := range m.Old.Left {
		u := &m.Old.Left[i]
		row(u.ID, u.Name, u.Role, u.Department).OldWhy = u
	}
	for i := range m.New.Left {
		u := &m.New.Left[i]
		row(u.ID, u.Name, u.Role, u.Department).NewWhy = u
	}
	slices.SortFunc(rows, func(a, b Row) int { return strings.Compare(a.ID, b.ID) })
	return rows
}

// kpiChanges are the KPI rows that differ between old and neu: the old
// role's KPIs in its order, then those only the new role has.
func kpiChanges(old, neu *Pay) []KPIChange {
	var out []KPIChange
	find := func(kpis []KPIPart, id string) *KPIPart {
		for i := range kpis {
			if kpis[i].ID == id {
				return &kpis[i]
			}
		}
		return nil
	}
	// A part with its share, for the change.
	shared := func(p *Pay, k *KPIPart) *KPIPart {
		c := *k
		c.Share = p.Share(k)
		return &c
	}
	for i := range old.KPIs {
		o := shared(old, &old.KPIs[i])
		var n *KPIPart
		if k := find(neu.KPIs, o.ID); k != nil {
			n = shared(neu, k)
		}
		if n == nil || !sameQ(o.Weighted, n.Weighted) || !sameQ(o.Coefficient, n.Coefficient) || !o.Share.Equal(n.Share) {
			out = append(out, KPIChange{ID: o.ID, Title: cmp.Or(titleOf(n), o.Title), Old: o, New: n})
		}
	}
	for i := range neu.KPIs {
		n := &neu.KPIs[i]
		if find(old.KPIs, n.ID) == nil {
			out = append(out, KPIChange{ID: n.ID, Title: n.Title, New: shared(neu, n)})
		}
	}
	return out
}

// Settle drops from a month's Pays the KPI rows that did not change
// between the schemes (each person's under both), once both sides are
// computed: Build lists only the rows that changed, and a comparison of
// many months and people then holds those rows, not every KPI of
// everyone.
func Settle(m *Month) {
	byID := make(map[string]*Pay, len(m.New.People))
	for i := range m.New.People {
		byID[m.New.People[i].ID] = &m.New.People[i]
	}
	for i := range m.Old.People {
		old := &m.Old.People[i]
		neu := byID[old.ID]
		if neu == nil {
			continue
		}
		changed := map[string]bool{}
		for _, c := range kpiChanges(old, neu) {
			changed[c.ID] = true
		}
		keep := func(kpis []KPIPart) []KPIPart {
			var out []KPIPart
			for _, k := range kpis {
				if changed[k.ID] {
					out = append(out, k)
				}
			}
			return out
		}
		old.KPIs, neu.KPIs = keep(old.KPIs), keep(neu.KPIs)
	}
}

func titleOf(k *KPIPart) string {
	if k == nil {
		return ""
	}
	return k.Title
}

func sameQ(a, b *calc.Q) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(*b) == 0
}

// lineChanges are the pay lines that differ between old and neu: fixed,
// bonus, then the components, the old's in its order, then the new's own.
func lineChanges(old, neu *Pay) []LineChange {
	var out []LineChange
	if !old.Fixed.Equal(neu.Fixed) {
		out = append(out, LineChange{Kind: LineFixed, Old: &old.Fixed, New: &neu.Fixed})
	}
	if !old.Bonus.Equal(neu.Bonus) {
		out = append(out, LineChange{Kind: LineBonus, Old: &old.Bonus, New: &neu.Bonus})
	}
	find := func(cs []Amount, id string) *Amount {
		for i := range cs {
			if cs[i].ID == id {
				return &cs[i]
			}
		}
		return nil
	}
	for i := range old.Components {
		o := &old.Components[i]
		n := find(neu.Components, o.ID)
		switch {
		case n == nil:
			out = append(out, LineChange{Kind: LineComponent, ID: o.ID, Title: o.Title, Old: &o.Amount})
		case !o.Amount.Equal(n.Amount):
			out = append(out, LineChange{Kind: LineComponent, ID: o.ID, Title: cmp.Or(n.Title, o.Title), Old: &o.Amount, New: &n.Amount})
		}
	}
	for i := range neu.Components {
		n := &neu.Components[i]
		if find(old.Components, n.ID) == nil {
			out = append(out, LineChange{Kind: LineComponent, ID: n.ID, Title: n.Title, New: &n.Amount})
		}
	}
	return out
}

// Persons is how many different people the comparison lists.
func (rep *Report) Persons() int {
	seen := map[string]bool{}
	for i := range rep.Rows {
		seen[rep.Rows[i].ID] = true
	}
	return len(seen)
}
