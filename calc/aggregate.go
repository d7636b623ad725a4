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
	dept map[aggKey]aggSum // by department and column
	team map[aggKey]aggSum // by employee id and column: them and everyone below
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
	a := &aggregates{dept: map[aggKey]aggSum{}, team: map[aggKey]aggSum{}}
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
