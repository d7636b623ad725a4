package calc

import (
	"sort"
	"strings"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file computes the hierarchy of the roster (reports_to) and the
// managers' overrides on it (docs/calculation.md §5.17): a rate on what the
// people below a manager sold or earned, optionally net of what was paid
// to them on it. metasfresh's case: an invoice of 10 and 10 % per level
// pay the rep 1.00 and the rep's manager 10 % of (10 − 1.00) = 0.90.

// checkHierarchy checks every reports_to of the roster: the manager is an
// employee, not the person themselves, and no chain of managers comes back
// to where it started. It returns the direct reports of each employee (by
// index in todo), in roster order.
func checkHierarchy(todo []*Employee) (reports [][]int, errs []error) {
	index := make(map[string]int, len(todo))
	for i, e := range todo {
		index[e.ID] = i
	}
	boss := make([]int, len(todo))
	reports = make([][]int, len(todo))
	for i, e := range todo {
		boss[i] = -1
		if e.ReportsTo == "" {
			continue
		}
		j, ok := index[e.ReportsTo]
		switch {
		case !ok:
			errs = append(errs, problem.Errorf("%s: employee %q reports to %q, who is not in the roster: write the manager's id as the roster gives it, or leave the cell blank", e.ReportsToSrc, e.ID, e.ReportsTo))
		case j == i:
			errs = append(errs, problem.Errorf("%s: employee %q reports to themselves: write their manager's id, or leave the cell blank", e.ReportsToSrc, e.ID))
		default:
			boss[i] = j
			reports[j] = append(reports[j], i)
		}
	}
	// A cycle: walking up from anyone comes back to someone already on the
	// walk. Each cycle is reported once, at its first employee in order.
	state := make([]uint8, len(todo)) // 0 unseen, 1 on the current walk, 2 done
	for i := range todo {
		var walk []int
		j := i
		for j >= 0 && state[j] == 0 {
			state[j] = 1
			walk = append(walk, j)
			j = boss[j]
		}
		if j >= 0 && state[j] == 1 {
			from := 0
			for walk[from] != j {
				from++
			}
			ids := make([]string, 0, len(walk)-from+1)
			for _, k := range walk[from:] {
				ids = append(ids, todo[k].ID)
			}
			ids = append(ids, todo[j].ID)
			first := walk[from]
			for _, k := range walk[from:] {
				if k < first {
					first = k
				}
			}
			errs = append(errs, problem.Errorf("%s: the roster's reports_to go round in a circle (%s): someone in it must report to a manager outside it, or to nobody", todo[first].ReportsToSrc, strings.Join(ids, " → ")))
		}
		for _, k := range walk {
			state[k] = 2
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return reports, nil
}

// below lists the people below employee i, by index: the direct reports
// for levels 1, and theirs for 2…; levels 0 is every level. Nearest first,
// each level in roster order.
func below(reports [][]int, i, levels int) []int {
	var out []int
	level := reports[i]
	for depth := 1; len(level) > 0 && (levels == 0 || depth <= levels); depth++ {
		out = append(out, level...)
		var next []int
		for _, j := range level {
			next = append(next, reports[j]...)
		}
		level = next
	}
	return out
}

// depthOf is each employee's number of managers above them.
func depthOf(reports [][]int) []int {
	depth := make([]int, len(reports))
	hasBoss := make([]bool, len(reports))
	for _, rs := range reports {
		for _, j := range rs {
			hasBoss[j] = true
		}
	}
	var visit func(i, d int)
	visit = func(i, d int) {
		depth[i] = d
		for _, j := range reports[i] {
			visit(j, d+1)
		}
	}
	for i := range reports {
		if !hasBoss[i] {
			visit(i, 0)
		}
	}
	return depth
}

// payOverrides sets every override, managers lowest in the hierarchy
// first, so that an override net of the overrides below reads them final;
// and each waiting employee's total once their amounts are all known.
// runs[i] is todo[i]: no employee failed.
func payOverrides(s *plan.Scheme, runs []*run, reports [][]int) []error {
	// Everyone without an override is final now (pools are split).
	var managers []int
	for i, r := range runs {
		if r.pooled && hasOverride(r.role) {
			managers = append(managers, i)
		} else if r.pooled {
			r.finishTotal()
		}
	}
	depth := depthOf(reports)
	sort.SliceStable(managers, func(a, b int) bool { return depth[managers[a]] > depth[managers[b]] })
	var errs []error
	for _, i := range managers {
		r := runs[i]
		for slot, c := range r.role.Components {
			if c.Type == plan.ComponentOverride {
				r.slot = slot
				r.override(c, runs, reports, i)
			}
		}
		if len(r.errs) > 0 {
			errs = append(errs, r.errs...)
			continue
		}
		r.finishTotal()
	}
	return errs
}

func hasOverride(role *plan.Role) bool {
	for _, c := range role.Components {
		if c.Type == plan.ComponentOverride {
			return true
		}
	}
	return false
}

// override is one override of manager i: the rate on the sum of c.Of over
// the people below, less their amounts of c.NetOf.
func (r *run) override(c *plan.Component, runs []*run, reports [][]int, i int) {
	levels := 0
	if c.Levels != nil {
		levels = int(c.Levels.V.IntPart())
	}
	people := below(reports, i, levels)
	base, net := Q{}, Q{}
	var ids []string
	srcs := []Place{SchemeSrc(r.s, c.Rate)}
	for _, j := range people {
		m := runs[j]
		ids = append(ids, m.e.ID)
		if v, ok := m.componentAmount(c.Of); ok {
			base = base.Add(Dec(v.V))
		} else if v, ok := m.e.Facts.Get(c.Of); ok {
			base = base.Add(Dec(v.V))
			srcs = append(srcs, v.Src)
		} else if m.role.KPI(c.Of) == nil && m.role.Condition(c.Of) == nil {
			// Their role has no such column (a manager who does not sell):
			// nothing of theirs to count.
		} else {
			r.fail(m.e.Src, "the override %q of %q reads %q of everyone below them, and %q has none: add a column %q to the Facts table (0 for nothing)", c.ID, r.e.ID, c.Of, m.e.ID, c.Of)
			return
		}
		for _, n := range c.NetOf {
			if v, ok := m.componentAmount(n); ok {
				net = net.Add(Dec(v.V))
			}
		}
	}
	amount := base.Sub(net).MulD(c.Rate.V)
	if len(c.NetOf) > 0 {
		r.say(uniq(srcs), MsgOverrideNet, c.ID, c.Rate.Raw, c.Of, ids, strings.Join(c.NetOf, ", "), c.Rate.Raw, base, net, amount)
	} else {
		r.say(uniq(srcs), MsgOverride, c.ID, c.Rate.Raw, c.Of, ids, c.Rate.Raw, base, amount)
	}
	if amount.Sign() < 0 {
		r.say(nil, MsgComponentNegative, c.ID, amount)
		amount = Q{}
	}
	r.out.Components[r.slot].Amount = r.money(amount)
}

// componentAmount is the employee's amount of component id, as rounded;
// false when their role has no such component.
func (r *run) componentAmount(id string) (Value, bool) {
	for _, c := range r.out.Components {
		if c.ID == id {
			return Value{V: c.Amount}, true
		}
	}
	return Value{}, false
}
