package calc

import (
	"errors"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Run computes everyone's pay. The scheme must have passed Validate. Every
// input problem found is reported, each with its place, joined into one error.
func Run(s *plan.Scheme, in *Input, opt Options) (*Result, error) {
	return Stream(s, in, opt, nil)
}

// Order is the ids of the employees in the order Run computes and returns
// them: by id, each id once (a repeated id is an error).
func Order(in *Input) []string {
	todo, _ := roster(append([]Employee(nil), in.Employees...))
	ids := make([]string, len(todo))
	for i, e := range todo {
		ids[i] = e.ID
	}
	return ids
}

// needsPeriod reports whether anyone's pay counts payments received in the
// period, or deals made in it: a paid-revenue KPI, an overdue penalty or a
// commission per deal.
func needsPeriod(s *plan.Scheme, in *Input) bool {
	for _, e := range in.Employees {
		role := s.Role(e.Role)
		if role == nil {
			continue
		}
		for _, k := range role.KPIs {
			if k.Source == plan.SourcePayments {
				return true
			}
		}
		for _, m := range role.Modifiers {
			if m.Type == plan.ModifierOverdue {
				return true
			}
		}
		for _, c := range role.Components {
			if c.PerDeal() {
				return true
			}
		}
	}
	return false
}

// roster sorts emps by id and returns them in that order, each id once; a
// repeated id is an error naming both rows. Run, Stream and Order agree
// through it on who is employee i.
func roster(emps []Employee) (todo []*Employee, errs []error) {
	sort.SliceStable(emps, func(i, j int) bool { return emps[i].ID < emps[j].ID })
	seen := map[string]Place{}
	for i := range emps {
		e := &emps[i]
		if first, dup := seen[e.ID]; dup {
			errs = append(errs, problem.Errorf("%s: employee %q appears twice (also at %s)", e.Src, e.ID, first))
			continue
		}
		seen[e.ID] = e.Src
		todo = append(todo, e)
	}
	return todo, errs
}

// Stream is Run that also hands each employee's final result to emit, with
// its place i in Order, as soon as it is final: from the core that computed
// it (emit must be safe for concurrent use, and may be called in any order),
// and for employees who share a pool, once the pools are split. When Stream
// returns an error, what was emitted is to be discarded. emit may drop the
// result's KPIs and Steps once it is done with them: the amounts Stream
// returns do not depend on them.
func Stream(s *plan.Scheme, in *Input, opt Options, emit func(i int, e *EmployeeResult)) (*Result, error) {
	res := Heading(s, in.Period)
	in.per, _ = period.Parse(in.Period)
	// The part of the scheme the period's kind pays (a quarter's run pays
	// what is paid by the quarter); the scheme itself when it pays by one
	// kind.
	err := s.Pays(in.per)
	if err == nil {
		s, err = s.ForPeriod(in.Period)
	}
	if err != nil {
		return nil, problem.Errorf("%s: %s", in.Source, err)
	}
	if in.per.IsZero() && needsPeriod(s, in) {
		// Said once, not once per employee.
		if s.Deals().Any {
			return nil, problem.Errorf("%s: the scheme counts the deals of the pay period, and the period is not known: the fact sheet does not state it and --period YYYY-MM was not given", in.Source)
		}
		return nil, problem.Errorf("%s: the scheme counts payments received in the pay period, and the period is not known: the fact sheet does not state it and --period YYYY-MM was not given", in.Source)
	}
	todo, errs := roster(append([]Employee(nil), in.Employees...))
	if opt.Release {
		in.Employees = nil
	}
	// Overrides read the people below a manager: everyone waits until
	// they are paid, with their facts (docs/calculation.md §5.17).
	overrides := s.Uses("", plan.ComponentOverride, "")
	deptAgg, teamAgg := aggregatedColumns(s)
	var reports [][]int
	if (overrides || len(teamAgg) > 0) && len(errs) == 0 {
		var herrs []error
		reports, herrs = checkHierarchy(todo)
		errs = append(errs, herrs...)
	}
	if (len(deptAgg) > 0 || len(teamAgg) > 0 || len(teamLevelKPIs(s)) > 0) && len(errs) == 0 {
		in.aggr = sumAggregates(s, todo, reports)
	}
	// Employees are independent until pools are split: they are computed on
	// every core, each into its own slot, so the order of results and of
	// errors is the roster's whatever the cores do.
	runs := make([]*run, len(todo))
	runErrs := make([]error, len(todo))
	// With opt.Forget an emitted employee's run is replaced by forgotten,
	// once its amounts are in the sums.
	forgotten := &run{role: &plan.Role{}}
	var sums sync.Mutex
	var failed atomic.Bool
	failed.Store(len(errs) > 0)
	parallel(len(todo), func(i int) {
		defer func() {
			if p := recover(); p != nil {
				runs[i], runErrs[i] = nil, problem.Errorf("%s: employee %q: internal error, please report it: %v", todo[i].Src, todo[i].ID, p)
				failed.Store(true)
			}
		}()
		runs[i], runErrs[i] = runEmployee(s, in, todo[i], opt)
		if opt.Release && !overrides {
			// What pools and messages read of an employee after compute.
			e := todo[i]
			*e = Employee{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, Src: e.Src}
		}
		if runs[i] != nil {
			runs[i].kpis = nil // the KPIs' working state: nothing after compute reads it
		}
		if runErrs[i] != nil {
			failed.Store(true)
		} else if emit != nil && !runs[i].pooled && !overrides && !failed.Load() {
			emit(i, runs[i].out)
			if opt.Forget {
				sums.Lock()
				res.sum(runs[i].out)
				sums.Unlock()
				runs[i] = forgotten
			}
		}
	})
	for i, err := range runErrs {
		if err != nil {
			errs = append(errs, err)
			runs[i] = nil
		}
	}
	runs = slices.DeleteFunc(runs, func(r *run) bool { return r == nil })
	if len(errs) == 0 {
		errs = append(errs, splitPools(s, in, runs)...)
	}
	if len(errs) == 0 {
		errs = append(errs, payOverrides(s, runs, reports)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if emit != nil {
		// No employee failed, so runs[i] is employee i of Order.
		parallel(len(runs), func(i int) {
			if runs[i].pooled || overrides {
				emit(i, runs[i].out)
			}
		})
	}
	for _, r := range runs {
		switch {
		case r == forgotten:
		case opt.Forget && emit != nil:
			res.sum(r.out)
		default:
			res.add(r.out)
		}
	}
	return res, nil
}

// parallel calls f(0) … f(n-1) on every core, a contiguous block of
// indices at a time.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	const block = 64
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(block)) - block
				if start >= n {
					return
				}
				for i := start; i < min(start+block, n); i++ {
					f(i)
				}
			}
		}()
	}
	wg.Wait()
}

// Scale is the number of decimals a money step shows: 0.01 → 2, 1 → 0, 0.05 → 2.
func Scale(step decimal.Decimal) int32 {
	if e := step.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// InOrder adapts f to Stream's emit, whose calls come from every core in
// any order: f is called with the values of places 0, 1, 2, … in turn,
// each as soon as the ones before it have been, one call at a time (a
// value waits in a map for its predecessors). The value may be the result
// itself or something made from it on the emitting core. done reports how
// many values f has had.
func InOrder[T any](f func(i int, v T)) (emit func(i int, v T), done func() int) {
	var mu sync.Mutex
	pending := map[int]T{}
	next := 0
	emit = func(i int, v T) {
		mu.Lock()
		defer mu.Unlock()
		pending[i] = v
		for {
			w, ok := pending[next]
			if !ok {
				return
			}
			delete(pending, next)
			f(next, w)
			next++
		}
	}
	return emit, func() int {
		mu.Lock()
		defer mu.Unlock()
		return next
	}
}
