package calc

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// This file computes the KPIs that aggregate a Facts column over other
// people (docs/calculation.md §3.11): the sum or average over everyone in
// the person's department (source: department), or over the person and
// everyone below them in the roster's reports_to (source: team). They are
// summed once for the whole roster, before anyone is computed: nobody's
// fact depends on anyone's pay.

// aggregates are the sums of the aggregated columns.
type aggregates struct {
	dept   map[aggKey]aggSum    // by department and column
	team   map[aggKey]aggSum    // by employee id and column: them and everyone below
	levels map[aggKey]levelSums // by department and KPI: a team modifier's (Modifier.KPI)
}

// levelSums are a department's result and plan levels summed from its
// members' fact, base, norm and target of one KPI; missing names the
// first member without one, who makes the sums unknown.
type levelSums struct {
	fact, base, norm, target decimal.Decimal
	n                        int
	missing                  *Employee
	missingLevel             string
}

type aggKey struct{ who, col string }

// aggSum is a column's sum over the people whose role has the column, and
// how many they are.
type aggSum struct {
	sum Q
	n   int
}

// aggregatedColumns are the columns the scheme's department and team KPIs
// aggregate, by source.
func aggregatedColumns(s *plan.Scheme) (dept, team []string) {
	for _, r := range s.Roles {
		for _, k := range r.KPIs {
			switch {
			case k == nil:
			case k.Source == plan.SourceDepartment:
				dept = appendNew(dept, k.Of)
			case k.Source == plan.SourceTeam:
				team = appendNew(team, k.Of)
			}
		}
	}
	return dept, team
}

func appendNew(s []string, x string) []string {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

// sumAggregates sums the aggregated columns over todo; reports are the
// direct reports of each (checkHierarchy), needed for team sums only. A
// person counts in a column when their Facts have it (their role reads
// it).
func sumAggregates(s *plan.Scheme, todo []*Employee, reports [][]int) *aggregates {
	deptCols, teamCols := aggregatedColumns(s)
	a := &aggregates{dept: map[aggKey]aggSum{}, team: map[aggKey]aggSum{}, levels: map[aggKey]levelSums{}}
	for _, id := range teamLevelKPIs(s) {
		for _, e := range todo {
			a.addLevels(s, e, id)
		}
	}
	for _, e := range todo {
		for _, col := range deptCols {
			if v, ok := e.Facts.Get(col); ok {
				k := aggKey{e.Department, col}
				x := a.dept[k]
				x.sum, x.n = x.sum.Add(Dec(v.V)), x.n+1
				a.dept[k] = x
			}
		}
	}
	if len(teamCols) > 0 {
		// Post-order: each person's sum is theirs and their reports'.
		done := make([]bool, len(todo))
		var visit func(i int)
		visit = func(i int) {
			if done[i] {
				return
			}
			done[i] = true
			for _, j := range reports[i] {
				visit(j)
			}
			e := todo[i]
			for _, col := range teamCols {
				x := aggSum{}
				if v, ok := e.Facts.Get(col); ok {
					x.sum, x.n = Dec(v.V), 1
				}
				for _, j := range reports[i] {
					y := a.team[aggKey{todo[j].ID, col}]
					x.sum, x.n = x.sum.Add(y.sum), x.n+y.n
				}
				a.team[aggKey{e.ID, col}] = x
			}
		}
		for i := range todo {
			visit(i)
		}
	}
	return a
}

// teamLevelKPIs are the KPIs team modifiers sum their departments' levels
// from (plan.Modifier.KPI).
func teamLevelKPIs(s *plan.Scheme) []string {
	var ids []string
	for _, r := range s.Roles {
		for _, m := range r.Modifiers {
			if m != nil && m.Type == plan.ModifierTeam && m.KPI != "" {
				ids = appendNew(ids, m.KPI)
			}
		}
	}
	return ids
}

// addLevels adds e's fact and plan levels of KPI id to their department's
// sums, when e's role has the KPI: the personal plan's, else the scheme's.
func (a *aggregates) addLevels(s *plan.Scheme, e *Employee, id string) {
	role := s.Role(e.Role)
	if role == nil {
		return
	}
	k := role.KPI(id)
	if k == nil {
		return
	}
	key := aggKey{e.Department, id}
	x := a.levels[key]
	defer func() { a.levels[key] = x }()
	if x.missing != nil {
		return
	}
	f, ok := e.Facts.Get(id)
	if !ok {
		x.missing, x.missingLevel = e, "fact"
		return
	}
	pl := e.Plans.Get(id)
	level := func(v *Value, d *plan.Dec) (decimal.Decimal, bool) {
		switch {
		case v != nil:
			return v.V, true
		case d != nil:
			return d.V, true
		}
		return decimal.Zero, false
	}
	b, okB := level(pl.Base, k.Base)
	n, okN := level(pl.Norm, k.Norm)
	t, okT := level(pl.Target, k.Target)
	switch {
	case !okB:
		x.missing, x.missingLevel = e, "base"
	case !okN:
		x.missing, x.missingLevel = e, "norm"
	case !okT:
		x.missing, x.missingLevel = e, "target"
	default:
		x.fact, x.base, x.norm, x.target = x.fact.Add(f.V), x.base.Add(b), x.norm.Add(n), x.target.Add(t)
		x.n++
	}
}

// aggregatedFact is a department or team KPI's fact for the employee: the
// sum, or the average, of its column; the step is said when say is set (a
// formula that reads the KPI shows the value only).
func (r *run) aggregatedFact(k *plan.KPI, say bool) (Q, bool) {
	a := r.in.aggr
	if a == nil {
		r.fail(r.e.Src, "KPI %q aggregates over other people, and this run has no one else: compute the whole roster at once", k.ID)
		return Q{}, false
	}
	var x aggSum
	var who string
	if k.Source == plan.SourceDepartment {
		if r.e.Department == "" {
			r.fail(r.e.Src, "KPI %q is summed over the employee's department, and the roster gives them none: write their department", k.ID)
			return Q{}, false
		}
		who = r.e.Department
		x = a.dept[aggKey{who, k.Of}]
	} else {
		who = r.e.ID
		x = a.team[aggKey{who, k.Of}]
	}
	over := r.phrase(MsgOverDepartment, who, x.n)
	if k.Source == plan.SourceTeam {
		over = r.phrase(MsgOverTeam, who, x.n)
	}
	q := x.sum
	if k.Aggregate == plan.AggregateAverage {
		if x.n == 0 {
			r.fail(r.e.Src, "KPI %q is the average of %q over %s, and no one there has it: check the roster and the Facts table", k.ID, k.Of, who)
			return Q{}, false
		}
		q = q.Quo(Dec(decimal.NewFromInt(int64(x.n))))
		if say {
			r.say(nil, MsgAggregateAverage, k.ID, k.Of, over, x.sum, x.n, q)
		}
	} else if say {
		r.say(nil, MsgAggregateSum, k.ID, k.Of, over, q)
	}
	return q, true
}

// teamLevels is the department's result and plan levels for a team
// modifier summed from its members (plan.Modifier.KPI): the sums of their
// fact, base, norm and target of the KPI (minimum, normal, maximum), as a
// Departments row would give them.
func (r *run) teamLevels(m *plan.Modifier) (Department, bool) {
	if r.in.aggr == nil {
		r.fail(r.e.Src, "%s sums the department's level over other people, and this run has no one else: compute the whole roster at once", m.ID)
		return Department{}, false
	}
	if r.e.Department == "" {
		r.fail(r.e.Src, "%s sums the level of the employee's department, and the roster gives them none: write their department", m.ID)
		return Department{}, false
	}
	x := r.in.aggr.levels[aggKey{r.e.Department, m.KPI}]
	switch {
	case x.missing != nil:
		r.fail(x.missing.Src, "%s sums the %s of KPI %q over department %q, and %q has none: give it (the Plans table or the scheme for a plan level, the Facts table for the fact)", m.ID, x.missingLevel, m.KPI, r.e.Department, x.missing.ID)
		return Department{}, false
	case x.n == 0:
		r.fail(r.e.Src, "%s sums KPI %q over department %q, and no one there has that KPI", m.ID, m.KPI, r.e.Department)
		return Department{}, false
	}
	r.say(nil, MsgTeamSummed, m.ID, r.e.Department, x.n, m.KPI)
	v := func(d decimal.Decimal) Value { return Value{V: d} }
	return Department{ID: r.e.Department, Fact: v(x.fact), Minimum: v(x.base), Normal: v(x.norm), Maximum: v(x.target)}, true
}
