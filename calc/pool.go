package calc

import (
	"sort"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// Split divides pool (a multiple of step) among weights so that the parts,
// each a multiple of step, sum exactly to the pool — the largest-remainder
// method: each part is its exact share rounded down to the step, and the
// steps left over go one each to the largest remainders, ties to the earlier
// part. With all weights zero every part is zero.
func Split(pool decimal.Decimal, weights []Q, step decimal.Decimal) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(weights))
	total := Q{}
	for _, w := range weights {
		total = total.Add(w)
	}
	if total.Sign() <= 0 {
		for i := range parts {
			parts[i] = zero
		}
		return parts
	}
	units := Dec(pool).Quo(Dec(step)).Floor() // whole steps in the pool
	rems := make([]Q, len(weights))
	given := zero
	for i, w := range weights {
		exact := w.Quo(total).MulD(units) // this part's share, in steps
		whole := exact.Floor()
		rems[i] = exact.Sub(Dec(whole))
		parts[i] = whole
		given = given.Add(whole)
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]].Cmp(rems[order[b]]) > 0 })
	for k := 0; units.Sub(given).IsPositive() && k < len(order); k++ {
		parts[order[k]] = parts[order[k]].Add(one)
		given = given.Add(one)
	}
	for i := range parts {
		parts[i] = parts[i].Mul(step)
	}
	return parts
}

// poolMember is one employee sharing a pool, with the run that computed them.
type poolMember struct {
	r *run
	c *plan.Component
}

// splitPools hands out every pool component: per component id and
// department, the department's pool is split among its members (by KPI bonus
// or equally) with Split, so the shares sum exactly to the pool.
func splitPools(s *plan.Scheme, in *Input, runs []*run) []error {
	type key struct{ comp, dept string }
	groups := map[key][]poolMember{}
	var keys []key
	for _, r := range runs {
		for _, c := range r.role.Components {
			if c.Type != plan.ComponentPool {
				continue
			}
			k := key{c.ID, r.e.Department}
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], poolMember{r, c})
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].comp < keys[j].comp || keys[i].comp == keys[j].comp && keys[i].dept < keys[j].dept
	})
	var errs []error
	for _, k := range keys {
		members := groups[k]
		d, ok := in.Departments[k.dept]
		if !ok || d.Pool == nil {
			for _, m := range members {
				m.r.fail(m.r.e.Src, "department %q has no pool in the Departments table (needed by %s)", k.dept, k.comp)
				errs = append(errs, m.r.errs...)
			}
			continue
		}
		step := s.Step()
		pool := Dec(d.Pool.V).Round(step, s.Mode())
		by := members[0].c.By
		weights := make([]Q, len(members))
		var names []string
		for i, m := range members {
			weights[i] = Dec(one)
			if by == "bonus" {
				weights[i] = Dec(m.r.out.Bonus)
			}
			names = append(names, m.r.e.ID)
		}
		fallback := false
		if by == "bonus" {
			total := Q{}
			for _, w := range weights {
				total = total.Add(w)
			}
			if total.Sign() <= 0 {
				// Nobody earned a bonus: the pool is the department's, so it
				// is shared equally rather than left unpaid.
				fallback = true
				for i := range weights {
					weights[i] = Dec(one)
				}
			}
		}
		parts := Split(pool, weights, step)
		for i, m := range members {
			r := m.r
			for j := range r.out.Components {
				if r.out.Components[j].ID == m.c.ID {
					r.out.Components[j].Amount = parts[i]
				}
			}
			how := r.phrase(MsgPoolEqually)
			if fallback {
				how = r.phrase(MsgPoolEquallyNoBonus)
			} else if by == "bonus" {
				how = r.phrase(MsgPoolByBonus, r.shownMoney(r.out.Bonus))
			}
			r.say([]Place{d.Pool.Src}, MsgPoolShare, m.c.ID, d.ID, r.shownMoney(pool), how, names, r.shownMoney(parts[i]))
		}
	}
	return errs
}
