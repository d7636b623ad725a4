package calc

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// Options tune a run without changing any figure.
type Options struct {
	// Lang is the language of the explanation: "en" or "ru" (default: the scheme's locale).
	Lang string
	// Release lets the computation consume its input: in.Employees is
	// emptied, and each employee's facts, plans and payments are dropped as
	// soon as the employee is computed. For a caller that needs the input no
	// more: on a large roster it bounds memory by the results, not the facts.
	Release bool
	// SkipSteps leaves every employee's Steps empty: for an output that does
	// not show the explanation (CSV, JSON, the terminal table), which then
	// costs no time or memory to word.
	SkipSteps bool
}

// Result is one month's pay for everyone in the input.
type Result struct {
	Scheme, Title, Period, Currency string
	Step                            decimal.Decimal // money rounding step
	Mode                            string          // money rounding mode
	Scale                           int32           // decimals shown for money
	Employees                       []*EmployeeResult
	// Sums of the rounded per-employee lines.
	Fixed, Bonus, Components, Total decimal.Decimal
}

// EmployeeResult is one person's pay and how it was derived.
type EmployeeResult struct {
	ID, Name, Role, Department string
	Proration                  *Q // days worked / days in period; nil for the whole period
	Fixed                      decimal.Decimal
	Variable                   decimal.Decimal // the variable target (after proration), for display
	HasBonus                   bool            // the role forms a KPI bonus
	K                          *Q              // Σ weight × index, when the role has weighted KPIs
	Coefficient                Q               // what the variable target is multiplied by
	Bonus                      decimal.Decimal // the KPI bonus after modifiers
	Components                 []ComponentResult
	Modifiers                  []ModifierResult
	Total                      decimal.Decimal
	KPIs                       []KPIResult
	Steps                      []Step
}

// KPIResult is one row of the person's KPI matrix.
type KPIResult struct {
	ID, Title, Unit, Direction string
	Weight                     *decimal.Decimal
	Base, Norm, Target         *Q
	Fact                       decimal.Decimal
	Fulfilment                 *Q // fact / norm (norm / fact for lower-is-better)
	Index                      *Q // weighted KPIs only
	Weighted                   *Q // weight × index
	Coefficient                *Q // from the KPI's ladder
	Voided                     bool
	// Band places the fact for the reader (Band* constants); "" when the KPI
	// has no norm. Every output that colours or labels a KPI shows this.
	Band string
}

// The bands of a KPI (KPIResult.Band): the report's red, amber and green.
const (
	BandBelowBase = "below-base" // the fact is at the base or worse
	BandBaseNorm  = "base-norm"  // between the base and the norm
	BandAtNorm    = "at-norm"    // at the norm or better
	BandVoided    = "voided"     // below the KPI's gate: it gives nothing, whatever the fact
)

// ComponentResult is one rounded amount beside the KPI bonus.
type ComponentResult struct {
	ID, Title, Type string
	Amount          decimal.Decimal
}

// ModifierResult says what a modifier did to the KPI bonus.
type ModifierResult struct {
	ID, Title, Type string
	Applied         bool
	Factor          *Q // the bonus was multiplied by this
	Deduction       *Q // or this was deducted (overdue penalty)
}

// Step is one line of the explanation: what was computed, how, and from what.
type Step struct {
	Text    string
	Sources []Place
}

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
// period: a paid-revenue KPI or an overdue penalty.
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
			errs = append(errs, fmt.Errorf("%s: employee %q appears twice (also at %s)", e.Src, e.ID, first))
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
	lang := opt.Lang
	if lang == "" {
		lang = s.Lang()
	}
	step := s.Step()
	res := &Result{
		Scheme: s.ID, Title: s.Title, Period: in.Period, Currency: s.Currency,
		Step: step, Mode: s.Mode(), Scale: Scale(step),
	}
	if _, err := time.Parse("2006-01", in.Period); err != nil && needsPeriod(s, in) {
		// Said once, not once per employee.
		return nil, fmt.Errorf("%s: the scheme counts payments received in the pay period, and the period is not known: the fact sheet does not state it and --period YYYY-MM was not given", in.Source)
	}
	todo, errs := roster(append([]Employee(nil), in.Employees...))
	if opt.Release {
		in.Employees = nil
	}
	// Employees are independent until pools are split: they are computed on
	// every core, each into its own slot, so the order of results and of
	// errors is the roster's whatever the cores do.
	runs := make([]*run, len(todo))
	runErrs := make([]error, len(todo))
	var failed atomic.Bool
	failed.Store(len(errs) > 0)
	parallel(len(todo), func(i int) {
		defer func() {
			if p := recover(); p != nil {
				runs[i], runErrs[i] = nil, fmt.Errorf("%s: employee %q: internal error, please report it: %v", todo[i].Src, todo[i].ID, p)
				failed.Store(true)
			}
		}()
		runs[i], runErrs[i] = runEmployee(s, in, todo[i], lang, opt.SkipSteps)
		if opt.Release {
			// What pools and messages read of an employee after compute.
			e := todo[i]
			*e = Employee{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, Src: e.Src}
		}
		if runs[i] != nil {
			runs[i].kpis = nil // the KPIs' working state: nothing after compute reads it
		}
		if runErrs[i] != nil {
			failed.Store(true)
		} else if emit != nil && !runs[i].pooled && !failed.Load() {
			emit(i, runs[i].out)
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
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if emit != nil {
		// No employee failed, so runs[i] is employee i of Order.
		parallel(len(runs), func(i int) {
			if runs[i].pooled {
				emit(i, runs[i].out)
			}
		})
	}
	for _, r := range runs {
		res.add(r.out)
	}
	return res, nil
}

// add appends e to the result and to its sums.
func (res *Result) add(e *EmployeeResult) {
	res.Employees = append(res.Employees, e)
	res.Fixed = res.Fixed.Add(e.Fixed)
	res.Bonus = res.Bonus.Add(e.Bonus)
	for _, c := range e.Components {
		res.Components = res.Components.Add(c.Amount)
	}
	res.Total = res.Total.Add(e.Total)
}

// Combine joins the results of runs over disjoint groups of one input (a
// department each: no one's pay depends on anyone outside their
// department) into the result of the whole: the heading of the first, the
// employees in Order, the sums as Stream makes them.
func Combine(parts []*Result) *Result {
	if len(parts) == 0 {
		return &Result{}
	}
	res := *parts[0]
	res.Employees = nil
	res.Fixed, res.Bonus, res.Components, res.Total = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	var all []*EmployeeResult
	for _, p := range parts {
		all = append(all, p.Employees...)
	}
	slices.SortFunc(all, func(a, b *EmployeeResult) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range all {
		res.add(e)
	}
	return &res
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

type run struct {
	s    *plan.Scheme
	in   *Input
	e    *Employee
	role *plan.Role
	lang string
	errs []error
	out  *EmployeeResult
	kpis map[string]*kpiState
	// pooled: the role shares a pool, so its total waits for the split.
	pooled bool
	quiet  bool // Options.SkipSteps
}

type kpiState struct {
	k          *plan.KPI
	fact       Value
	base, norm *Q
	target     *Q
	baseSrc    Place
	normSrc    Place
	targetSrc  Place
	lower      bool
	r          *Q // fulfilment, when it could be computed
	rErr       error
	scaled     string // " (after proration by days worked)" when plans were prorated
	perfect    bool   // a lower-is-better fact of 0: fulfilment above every tier
}

func (r *run) fail(src Place, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("%s: employee %q: %s", src, r.e.ID, fmt.Sprintf(format, args...)))
}

// tr picks the explanation's language.
func (r *run) tr(en, ru string) string {
	if r.lang == "ru" {
		return ru
	}
	return en
}

func (r *run) say(sources []Place, format string, args ...any) {
	if r.quiet {
		return
	}
	r.out.Steps = append(r.out.Steps, Step{Text: fmt.Sprintf(format, args...), Sources: sources})
}

func (r *run) money(q Q) decimal.Decimal { return q.Round(r.s.Step(), r.s.Mode()) }

func (r *run) fmtMoney(d decimal.Decimal) string { return d.StringFixed(Scale(r.s.Step())) }

func runEmployee(s *plan.Scheme, in *Input, e *Employee, lang string, quiet bool) (*run, error) {
	r := &run{s: s, in: in, e: e, lang: lang, kpis: map[string]*kpiState{}, quiet: quiet}
	r.out = &EmployeeResult{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department}
	r.role = s.Role(e.Role)
	if r.role == nil {
		var ids []string
		for _, ro := range s.Roles {
			ids = append(ids, ro.ID)
		}
		r.fail(e.Src, "role %q is not in the scheme; its roles: %s", e.Role, strings.Join(ids, ", "))
		return nil, errors.Join(r.errs...)
	}
	r.compute()
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return r, nil
}

func (r *run) value(v *Value, d *plan.Dec, what string) (Value, bool) {
	if v != nil {
		return *v, true
	}
	if d != nil {
		return Value{V: d.V, Src: SchemeSrc(r.s, d)}, true
	}
	r.fail(r.e.Src, "%s is missing: give it in the roster or as the role's default in the scheme", what)
	return Value{}, false
}

func (r *run) compute() {
	role, e, out := r.role, r.e, r.out
	r.say([]Place{e.Src}, r.tr("%s %s, role %s", "%s %s, роль %s"), e.ID, e.Name, role.ID)

	// Proration.
	if e.DaysWorked != nil || e.DaysInPeriod != nil {
		if e.DaysWorked == nil || e.DaysInPeriod == nil {
			r.fail(e.Src, "days worked and days in period go together: give both or neither")
			return
		}
		dw, dp := e.DaysWorked.V, e.DaysInPeriod.V
		switch {
		case dp.Sign() <= 0:
			r.fail(e.DaysInPeriod.Src, "days in period %s must be above zero", dp)
			return
		case dw.IsNegative() || dw.GreaterThan(dp):
			r.fail(e.DaysWorked.Src, "days worked %s must be between 0 and days in period %s", dw, dp)
			return
		}
		if !dw.Equal(dp) {
			p := Frac(dw, dp)
			out.Proration = &p
			r.say([]Place{e.DaysWorked.Src, e.DaysInPeriod.Src}, r.tr("Worked %s of %s days: proration %s", "Отработано %s из %s дней: доля %s"), dw, dp, p)
		}
	}
	prorate := func(q Q) Q {
		if out.Proration != nil {
			return q.Mul(*out.Proration)
		}
		return q
	}

	fixed, ok := r.value(e.Fixed, role.Fixed, "fixed")
	if !ok {
		return
	}
	out.Fixed = r.money(prorate(Dec(fixed.V)))
	if out.Proration != nil {
		r.say([]Place{fixed.Src}, r.tr("Fixed part = %s × %s = %s", "Оклад = %s × %s = %s"), fixed.V, *out.Proration, r.fmtMoney(out.Fixed))
	} else {
		r.say([]Place{fixed.Src}, r.tr("Fixed part = %s", "Оклад = %s"), r.fmtMoney(out.Fixed))
	}

	for _, k := range role.KPIs {
		r.kpi(k, prorate)
	}
	if len(r.errs) > 0 {
		return
	}

	if role.Bonus != nil {
		out.HasBonus = true
		variable, ok := r.value(e.Variable, role.Variable, "variable target")
		if !ok {
			return
		}
		vq := prorate(Dec(variable.V))
		out.Variable = r.money(vq)
		if out.Proration != nil {
			r.say([]Place{variable.Src}, r.tr("Variable target = %s × %s = %s", "Переменная часть (цель) = %s × %s = %s"), variable.V, *out.Proration, vq)
		} else {
			r.say([]Place{variable.Src}, r.tr("Variable target = %s", "Переменная часть (цель) = %s"), variable.V)
		}
		r.bonus(vq)
	}
	for _, c := range role.Components {
		r.component(c)
	}
	if len(r.errs) > 0 || r.pooled {
		return
	}
	r.finishTotal()
}

// finishTotal adds up the rounded lines.
func (r *run) finishTotal() {
	out := r.out
	total := out.Fixed.Add(out.Bonus)
	parts := []string{r.fmtMoney(out.Fixed), r.fmtMoney(out.Bonus)}
	for _, c := range out.Components {
		total = total.Add(c.Amount)
		parts = append(parts, r.fmtMoney(c.Amount))
	}
	out.Total = total
	r.say(nil, r.tr("Total = fixed + bonus + components = %s = %s", "Итого = оклад + премия + доплаты = %s = %s"), strings.Join(parts, " + "), r.fmtMoney(total))
}

func (r *run) planValue(personal *Value, scheme *plan.Dec, prorate func(Q) Q) (*Q, Place) {
	var v Value
	switch {
	case personal != nil:
		v = *personal
	case scheme != nil:
		v = Value{V: scheme.V, Src: SchemeSrc(r.s, scheme)}
	default:
		return nil, Place{}
	}
	q := Dec(v.V)
	if r.role.ProratePlans != nil && r.role.ProratePlans.V {
		q = prorate(q)
	}
	return &q, v.Src
}

func (r *run) kpi(k *plan.KPI, prorate func(Q) Q) {
	st := &kpiState{k: k}
	r.kpis[k.ID] = st
	if k.Source == plan.SourcePayments {
		st.fact = r.paidRevenue()
	} else {
		f, ok := r.e.Facts.Get(k.ID)
		if !ok {
			r.fail(r.e.Src, "no fact for KPI %q: add a column %q to the Facts table", k.ID, k.ID)
			return
		}
		st.fact = f
	}
	pl := r.e.Plans.Get(k.ID)
	st.base, st.baseSrc = r.planValue(pl.Base, k.Base, prorate)
	st.norm, st.normSrc = r.planValue(pl.Norm, k.Norm, prorate)
	st.target, st.targetSrc = r.planValue(pl.Target, k.Target, prorate)
	if pl.Base != nil || pl.Norm != nil || pl.Target != nil {
		toDec := func(v *Value, d *plan.Dec) *plan.Dec {
			if v != nil {
				return &plan.Dec{V: v.V, Raw: v.V.String()}
			}
			return d
		}
		srcOf := map[string]Place{"base": st.baseSrc, "norm": st.normSrc, "target": st.targetSrc}
		// The scheme's direction, stated or shown by its own base and norm,
		// binds personal plans: a plan that turns it round is an error.
		plan.CheckPlan(k.SchemeDirection(), toDec(pl.Base, k.Base), toDec(pl.Norm, k.Norm), toDec(pl.Target, k.Target), func(_ *plan.Dec, field, msg string) {
			r.fail(srcOf[field], "KPI %q: %s", k.ID, msg)
		})
		r.planScale(k, pl)
	}
	if r.role.ProratePlans != nil && r.role.ProratePlans.V && r.out.Proration != nil {
		st.scaled = r.tr(" (after proration by days worked)", " (после пропорции отработанных дней)")
	}
	r.plausible(st)
	cmp := 0 // the norm against the base, where both are known
	if st.base != nil && st.norm != nil {
		cmp = st.norm.Cmp(*st.base)
	}
	dir := plan.Direction(k.SchemeDirection(), cmp)
	st.lower = dir == plan.Lower
	if st.norm != nil {
		st.r, st.rErr = fulfilment(st)
	}
	res := KPIResult{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: dir, Base: st.base, Norm: st.norm, Target: st.target, Fact: st.fact.V}
	if k.Weight != nil {
		w := k.Weight.V
		res.Weight = &w
	}
	if st.r != nil && !st.perfect {
		// A lower-is-better fact of 0 has no fulfilment (norm / 0): it
		// counts as the best result there is, and no figure is shown.
		res.Fulfilment = st.r
	}
	res.Band = band(st)
	r.out.KPIs = append(r.out.KPIs, res)
}

// plausible catches a fact on another scale than its plan, so that a
// percentage is never read ×100 off:
//
//   - a KPI in whole percents (unit: percent, plans such as 80 / 95 / 100)
//     with a fact of 1 or less not written as a percentage: 0.78 may mean
//     0.78 % or 78 %;
//   - a fact written as a percentage (78%, read 0.78) for a KPI whose plans
//     are all above 1: 78 was probably meant;
//   - a fact between 0 and 1 for a KPI without a unit whose plans look like
//     whole percents (each above 1 and at most 100): 0.78 or 78 %?
//   - a fact above 1 for a KPI whose plan is a share — every plan value
//     between 0 and 1 and one of them a fraction (norm 0.95). Counts with
//     plans of 0 and 1 are not shares.
func (r *run) plausible(st *kpiState) {
	var plans []*Q
	for _, q := range []*Q{st.base, st.norm, st.target} {
		if q != nil {
			plans = append(plans, q)
		}
	}
	wholes := len(plans) > 0
	for _, q := range plans {
		wholes = wholes && q.CmpD(one) > 0
	}
	f := st.fact.V
	switch {
	case !wholes:
	case st.k.Unit == plan.UnitPercent && !st.fact.Percent && f.IsPositive() && !f.GreaterThan(one):
		r.fail(st.fact.Src, "KPI %q is in whole percents (%s), but the fact %s could be %s %% or %s %%: type it as the plan does (%s or %s%%)", st.k.ID, planText(st), f, f, f.Shift(2), f.Shift(2), f.Shift(2))
		return
	case st.k.Unit == "" && !st.fact.Percent && f.IsPositive() && f.LessThan(one) && wholePercents(plans):
		// A plan of 80 / 95 / 100 with no unit and a fact of 0.78: 78 %
		// typed as a share, or a real 0.78? The scheme must say.
		r.fail(st.fact.Src, "KPI %q: the fact %s is below 1 while the plan (%s) looks like whole percents: if %s %% was meant, write %s and give the KPI unit: percent in the scheme; if %s is right, give the KPI its unit in the scheme (unit: RUB, unit: pcs, …)", st.k.ID, f, planText(st), f.Shift(2), f.Shift(2), f)
		return
	case st.k.Unit != plan.UnitPercent && st.fact.Percent:
		r.fail(st.fact.Src, "KPI %q: the fact was typed as a percentage (%s%%, read as %s), but the plan is in whole numbers (%s): if %s was meant, type it without %%, or give the KPI unit: percent in the scheme", st.k.ID, f.Shift(2), f, planText(st), f.Shift(2))
		return
	}
	if r.role.ProratePlans != nil && r.role.ProratePlans.V {
		return
	}
	shares, fraction := false, false
	for _, q := range []*Q{st.base, st.norm, st.target} {
		if q == nil {
			continue
		}
		if q.Sign() < 0 || q.CmpD(one) > 0 {
			return
		}
		shares = true
		fraction = fraction || q.Sign() > 0 && q.CmpD(one) < 0
	}
	if shares && fraction && st.fact.V.GreaterThan(one) && st.norm != nil {
		r.fail(st.fact.Src, "KPI %q: the fact %s is above 1, but the plan is a share (norm %s): write it as a fraction (0.90) or a percentage (90%%)", st.k.ID, st.fact.V, *st.norm)
	}
}

// planScale refuses a personal plan on another scale than the scheme's plan
// for the KPI: a scheme that plans a share (0.8 / 0.95 / 1) and a Plans row
// in whole numbers (80 / 95 / 100), or the reverse — a percentage written
// one way in the scheme and the other in the fact sheet.
func (r *run) planScale(k *plan.KPI, pl Plan) {
	var scheme, personal []decimal.Decimal
	var at Place
	for _, p := range []struct {
		d *plan.Dec
		v *Value
	}{{k.Base, pl.Base}, {k.Norm, pl.Norm}, {k.Target, pl.Target}} {
		if p.d != nil {
			scheme = append(scheme, p.d.V)
		}
		if p.v != nil {
			personal = append(personal, p.v.V)
			if at.IsZero() {
				at = p.v.Src
			}
		}
	}
	share := func(ds []decimal.Decimal) bool {
		frac := false
		for _, d := range ds {
			if d.IsNegative() || d.GreaterThan(one) {
				return false
			}
			frac = frac || d.IsPositive() && d.LessThan(one)
		}
		return frac
	}
	whole := func(ds []decimal.Decimal) bool {
		for _, d := range ds {
			if !d.GreaterThan(one) {
				return false
			}
		}
		return len(ds) > 0
	}
	if share(scheme) && whole(personal) || whole(scheme) && share(personal) {
		r.fail(at, "KPI %q: the personal plan (%s) is not on the scale of the scheme's (%s): a percentage written as a share in one and in whole numbers in the other; write the personal plan as the scheme does", k.ID, joinDecs(personal), joinDecs(scheme))
	}
}

func joinDecs(ds []decimal.Decimal) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, " / ")
}

// wholePercents reports whether plan levels look like whole percents: each
// above 1 and at most 100.
func wholePercents(plans []*Q) bool {
	for _, q := range plans {
		if q.CmpD(one) <= 0 || q.CmpD(hundred) > 0 {
			return false
		}
	}
	return len(plans) > 0
}

// planText shows a KPI's plan levels for a message: "base 80, norm 95, target 100".
func planText(st *kpiState) string {
	var parts []string
	for _, p := range []struct {
		name string
		q    *Q
	}{{"base", st.base}, {"norm", st.norm}, {"target", st.target}} {
		if p.q != nil {
			parts = append(parts, p.name+" "+p.q.String())
		}
	}
	return strings.Join(parts, ", ")
}

// band places a KPI's fact against its base and norm, in its direction.
func band(st *kpiState) string {
	if st.norm == nil {
		return ""
	}
	f := Dec(st.fact.V)
	dir := 1 // +1: higher is better
	if st.lower {
		dir = -1
	}
	switch {
	case f.Cmp(*st.norm)*dir >= 0:
		return BandAtNorm
	case st.base != nil && f.Cmp(*st.base)*dir <= 0:
		return BandBelowBase
	}
	return BandBaseNorm
}

// perfect stands for the fulfilment of a lower-is-better KPI whose fact is 0
// (norm / 0): larger than any tier bound a scheme can hold (they are below
// 10^15), so it falls in the last tier, past the last point, through every
// gate. Where it would be multiplied out — an increment tier or a
// proportional component without a max — it is refused instead.
var perfect = decimal.New(1, 15)

// located is an input problem at a place.
type located struct {
	src Place
	msg string
}

func (l *located) Error() string { return l.src.String() + ": " + l.msg }

// fulfilment is fact / norm, or norm / fact for lower-is-better KPIs.
func fulfilment(st *kpiState) (*Q, error) {
	f := Dec(st.fact.V)
	if st.lower {
		if f.Sign() <= 0 {
			// Nothing at all of a lower-is-better measure (no errors, no
			// returns) is the best result there is: above every tier.
			st.perfect = true
			q := Dec(perfect)
			return &q, nil
		}
		q := st.norm.Quo(f)
		return &q, nil
	}
	if st.norm.IsZero() {
		return nil, &located{st.normSrc, fmt.Sprintf("KPI %q: the norm is 0%s, so fulfilment fact / norm is undefined", st.k.ID, st.scaled)}
	}
	q := f.Quo(*st.norm)
	return &q, nil
}

// fulfilmentText shows how a KPI's fulfilment was had, in its direction:
// "= fact / norm = 95 / 100 = 0.95", "= norm / fact = 2 / 4 = 0.5", and for a
// lower-is-better fact of 0 that it is the best result there is.
func (r *run) fulfilmentText(st *kpiState) string {
	switch {
	case r.quiet:
		return "" // no explanation is kept
	case st.perfect:
		return fmt.Sprintf(r.tr("= norm / fact = %s / 0: the best result there is, above every tier", "= норма / факт = %s / 0: лучший возможный результат, выше любой ступени"), *st.norm)
	case st.lower:
		return fmt.Sprintf(r.tr("= norm / fact = %s / %s = %s", "= норма / факт = %s / %s = %s"), *st.norm, st.fact.V, *st.r)
	}
	return fmt.Sprintf(r.tr("= fact / norm = %s / %s = %s", "= факт / норма = %s / %s = %s"), st.fact.V, *st.norm, *st.r)
}

// needR returns the KPI's fulfilment or records why it cannot be had.
func (r *run) needR(st *kpiState, what string) *Q {
	switch {
	case st.norm == nil:
		r.fail(r.e.Src, "KPI %q has no norm, needed for %s: give it in the scheme or the Plans table", st.k.ID, what)
	case st.rErr != nil:
		l := st.rErr.(*located)
		r.fail(l.src, "%s (needed for %s)", l.msg, what)
	default:
		return st.r
	}
	return nil
}

func (r *run) kpiResult(id string) *KPIResult {
	for i := range r.out.KPIs {
		if r.out.KPIs[i].ID == id {
			return &r.out.KPIs[i]
		}
	}
	return nil
}

func (r *run) bonus(vq Q) {
	role, out := r.role, r.out
	if out.Proration != nil && out.Proration.IsZero() {
		r.say(nil, "%s", r.tr("No days worked in the period: no variable part", "В периоде не отработано ни дня: переменной части нет"))
		return
	}
	method := role.Bonus.Method
	sumLadders := Q{}
	var kSum *Q
	for _, k := range role.KPIs {
		st := r.kpis[k.ID]
		kr := r.kpiResult(k.ID)
		if st == nil || kr == nil {
			continue
		}
		srcs := []Place{st.fact.Src}
		voided := false
		if k.Gate != nil {
			rq := r.needR(st, r.tr("the KPI's gate", "порога KPI"))
			if rq == nil {
				continue
			}
			if rq.CmpD(k.Gate.V) < 0 {
				voided = true
				kr.Voided, kr.Band = true, BandVoided
				r.say([]Place{st.fact.Src, st.normSrc, SchemeSrc(r.s, k.Gate)}, r.tr("%s: fulfilment %s is below the gate %s: the KPI gives nothing", "%s: выполнение %s ниже порога %s: показатель не учитывается"), k.ID, r.fulfilmentText(st), k.Gate.Raw)
			}
		}
		if k.Weight != nil {
			if st.base == nil || st.norm == nil {
				r.fail(r.e.Src, "KPI %q needs a base and a norm for its index: give them in the scheme or the Plans table", k.ID)
				continue
			}
			f := Dec(st.fact.V)
			raw := f.Sub(*st.base).Quo(st.norm.Sub(*st.base))
			idx := raw.Max(Q{})
			note := ""
			if raw.Sign() < 0 {
				note = r.tr(" (at or below base: 0)", " (не выше базы: 0)")
			}
			capText := ""
			switch {
			case k.Cap != nil && k.Cap.None:
			case k.Cap != nil:
				if idx.CmpD(k.Cap.V) > 0 {
					idx = Dec(k.Cap.V)
					capText = fmt.Sprintf(r.tr(", capped at %s", ", ограничен %s"), k.Cap.Raw)
				}
				srcs = append(srcs, SchemeSrc(r.s, k.Cap))
			case st.target != nil:
				c := st.target.Sub(*st.base).Quo(st.norm.Sub(*st.base))
				if idx.Cmp(c) > 0 {
					idx = c
					capText = fmt.Sprintf(r.tr(", capped at the target's index %s", ", ограничен индексом цели %s"), c)
				}
				srcs = append(srcs, st.targetSrc)
			}
			if voided {
				idx = Q{}
			}
			w := Dec(k.Weight.V)
			weighted := w.Mul(idx)
			kr.Index, kr.Weighted = &idx, &weighted
			srcs = append(srcs, st.baseSrc, st.normSrc)
			r.say(uniq(srcs), r.tr("%s: index = (fact − base) / (norm − base) = (%s − %s) / (%s − %s) = %s%s%s; × weight %s = %s",
				"%s: индекс = (факт − база) / (норма − база) = (%s − %s) / (%s − %s) = %s%s%s; × вес %s = %s"),
				k.ID, st.fact.V, *st.base, *st.norm, *st.base, raw, note, capText, k.Weight.Raw, weighted)
			if kSum == nil {
				kSum = &Q{}
			}
			*kSum = kSum.Add(weighted)
		}
		if k.Ladder != "" {
			rq := r.needR(st, r.tr("its ladder", "шкалы"))
			if rq == nil {
				continue
			}
			l := r.s.Ladder(k.Ladder)
			if st.perfect && unbounded(l) {
				r.fail(st.fact.Src, "KPI %q: a fact of 0 is the best possible result, but ladder %q keeps rising without a max: give its last tier a max", k.ID, l.ID)
				continue
			}
			c, how := r.ladder(l, *rq)
			if voided {
				c = Q{}
			}
			kr.Coefficient = &c
			sumLadders = sumLadders.Add(c)
			r.say([]Place{st.fact.Src, st.normSrc, SchemePos(r.s, l.Pos)},
				r.tr("%s: fulfilment %s; ladder %q, %s → coefficient %s", "%s: выполнение %s; шкала %q, %s → коэффициент %s"),
				k.ID, r.fulfilmentText(st), l.ID, how, c)
		}
	}
	if len(r.errs) > 0 {
		return
	}
	coef := Q{}
	if kSum != nil {
		out.K = kSum
		r.say(nil, r.tr("K = Σ weight × index = %s", "K = Σ вес × индекс = %s"), *kSum)
		p := *kSum
		if role.Bonus.Payout != "" {
			l := r.s.Ladder(role.Bonus.Payout)
			var how string
			p, how = r.ladder(l, *kSum)
			r.say([]Place{SchemePos(r.s, l.Pos)}, r.tr("Payout ladder %q at K = %s: %s", "Шкала выплаты %q при K = %s: %s"), l.ID, *kSum, how)
		}
		coef = coef.Add(p)
	}
	if method != plan.MethodIndex {
		coef = coef.Add(sumLadders)
	}
	for _, c := range role.Conditions {
		v, ok := r.e.Facts.Get(c.ID)
		if !ok {
			r.fail(r.e.Src, "no value for condition %q: add a yes/no column %q to the Facts table", c.ID, c.ID)
			continue
		}
		if v.V.Equal(one) {
			coef = coef.Add(Dec(c.Coefficient.V))
			r.say([]Place{v.Src, SchemeSrc(r.s, c.Coefficient)}, r.tr("%s: yes → +%s", "%s: да → +%s"), c.ID, c.Coefficient.Raw)
		} else {
			r.say([]Place{v.Src}, r.tr("%s: no → +0", "%s: нет → +0"), c.ID)
		}
	}
	for _, g := range role.Gates {
		st := r.kpis[g.KPI]
		rq := r.needR(st, r.tr("the gate", "порога"))
		if rq == nil {
			continue
		}
		srcs := []Place{st.fact.Src, SchemeSrc(r.s, g.Min)}
		if rq.CmpD(g.Min.V) < 0 {
			coef = Q{}
			r.say(srcs, r.tr("Gate: %s fulfilment %s is below %s: the whole variable part is void", "Порог: %s, выполнение %s ниже %s: переменная часть не выплачивается"), g.KPI, r.fulfilmentText(st), g.Min.Raw)
		} else {
			r.say(srcs, r.tr("Gate: %s fulfilment %s is at least %s: passed", "Порог: %s, выполнение %s не ниже %s: пройден"), g.KPI, r.fulfilmentText(st), g.Min.Raw)
		}
	}
	if len(r.errs) > 0 {
		return
	}
	out.Coefficient = coef
	b := vq.Mul(coef)
	r.say(nil, r.tr("Coefficient = %s; bonus = variable target × coefficient = %s × %s = %s", "Коэффициент = %s; премия = переменная часть × коэффициент = %s × %s = %s"), coef, vq, coef, b)
	for _, m := range role.Modifiers {
		b = r.modifier(m, b)
	}
	if b.Sign() < 0 {
		r.say(nil, r.tr("The bonus came out at %s: a variable part is never negative, so it is 0", "Премия получилась %s: переменная часть не бывает отрицательной, поэтому 0"), b)
		b = Q{}
	}
	out.Bonus = r.money(b)
	r.say(nil, r.tr("Bonus, rounded to %s (%s) = %s", "Премия, округлено до %s (%s) = %s"), r.s.Step().String(), r.s.Mode(), r.fmtMoney(out.Bonus))
}

// ladderWords translates EvalLadder's descriptions.
var ladderWords = strings.NewReplacer(
	"below the first tier", "ниже первой ступени",
	"(from ", "(от ",
	"tier", "ступень",
	"capped at", "не более",
	"at or below the first point", "не выше первой точки",
	"at or above the last point", "не ниже последней точки",
	"between", "между",
	" and ", " и ",
)

func (r *run) ladder(l *plan.Ladder, x Q) (Q, string) {
	v, how := EvalLadder(l, x)
	if r.lang == "ru" {
		how = ladderWords.Replace(how)
	}
	return v, how
}

// unbounded reports whether a ladder keeps rising past its last tier.
func unbounded(l *plan.Ladder) bool {
	if l.Type != plan.LadderIncrement && l.Type != plan.LadderMarginal {
		return false
	}
	last := l.Tiers[len(l.Tiers)-1]
	return l.Type == plan.LadderMarginal || last.Add != nil && last.Max == nil
}

func uniq(s []Place) []Place {
	var out []Place
	seen := map[Place]bool{}
	for _, x := range s {
		if !x.IsZero() && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func (r *run) fact(id, what string) (Value, bool) {
	v, ok := r.e.Facts.Get(id)
	if !ok {
		r.fail(r.e.Src, "no value for %q (%s): add a column %q to the Facts table", id, what, id)
	}
	return v, ok
}

func (r *run) modifier(m *plan.Modifier, b Q) Q {
	mr := ModifierResult{ID: m.ID, Title: m.Title, Type: m.Type}
	defer func() { r.out.Modifiers = append(r.out.Modifiers, mr) }()
	switch m.Type {
	case plan.ModifierQuality:
		score, ok := r.fact(m.Fact, "quality score")
		if !ok {
			return b
		}
		if score.V.GreaterThan(one) && !m.Min.V.GreaterThan(one) {
			r.fail(score.Src, "quality score %s is above 1 while the minimum is %s: write it as a fraction (0.85) or a percentage (85%%)", score.V, m.Min.Raw)
			return b
		}
		if m.Min.V.GreaterThan(one) && score.V.IsPositive() && score.V.LessThan(one) {
			r.fail(score.Src, "quality score %s is under 1 while the minimum is %s (whole percents): write it as the minimum does (85 for 85 %%)", score.V, m.Min.Raw)
			return b
		}
		if score.V.LessThan(m.Min.V) {
			f := Dec(m.Factor.V)
			mr.Applied, mr.Factor = true, &f
			nb := b.Mul(f)
			r.say([]Place{score.Src, SchemeSrc(r.s, m.Min), SchemeSrc(r.s, m.Factor)}, r.tr("%s: quality %s is below the minimum %s: bonus × %s = %s", "%s: качество %s ниже минимума %s: премия × %s = %s"), m.ID, score.V, m.Min.Raw, m.Factor.Raw, nb)
			return nb
		}
		r.say([]Place{score.Src}, r.tr("%s: quality %s meets the minimum %s: no reduction", "%s: качество %s не ниже минимума %s: без снижения"), m.ID, score.V, m.Min.Raw)
	case plan.ModifierTeam:
		d, ok := r.in.Departments[r.e.Department]
		if !ok {
			r.fail(r.e.Src, "department %q has no row in the Departments table (needed by %s)", r.e.Department, m.ID)
			return b
		}
		mu := m.Multipliers
		level, mult, src := "below", one, Place{}
		if mu.Below != nil {
			mult, src = mu.Below.V, SchemeSrc(r.s, mu.Below)
		}
		switch {
		case d.Fact.V.Cmp(d.Maximum.V) >= 0:
			level, mult, src = "maximum", mu.Maximum.V, SchemeSrc(r.s, mu.Maximum)
		case d.Fact.V.Cmp(d.Normal.V) >= 0:
			level, mult, src = "normal", mu.Normal.V, SchemeSrc(r.s, mu.Normal)
		case d.Fact.V.Cmp(d.Minimum.V) >= 0:
			level, mult, src = "minimum", mu.Minimum.V, SchemeSrc(r.s, mu.Minimum)
		}
		f := Dec(mult)
		mr.Applied, mr.Factor = true, &f
		nb := b.Mul(f)
		r.say(uniq([]Place{d.Src, src}), r.tr("%s: department %s made %s against plans %s / %s / %s: level %s, bonus × %s = %s", "%s: отдел %s: факт %s при планах %s / %s / %s: уровень %s, премия × %s = %s"),
			m.ID, d.ID, d.Fact.V, d.Minimum.V, d.Normal.V, d.Maximum.V, level, mult, nb)
		return nb
	case plan.ModifierReduction:
		var fv Value
		if m.Factor != nil {
			fv = Value{V: m.Factor.V, Src: SchemeSrc(r.s, m.Factor)}
		} else {
			var ok bool
			if fv, ok = r.fact(m.Fact, "reduction factor"); !ok {
				return b
			}
			if fv.V.IsNegative() || fv.V.GreaterThan(one) {
				r.fail(fv.Src, "reduction factor %s must be between 0 and 1", fv.V)
				return b
			}
		}
		f := Dec(fv.V)
		mr.Applied, mr.Factor = true, &f
		nb := b.Mul(f)
		r.say([]Place{fv.Src}, r.tr("%s: bonus × %s = %s", "%s: премия × %s = %s"), m.ID, fv.V, nb)
		return nb
	case plan.ModifierOverdue:
		days, srcs := r.daysLate()
		if days.IsZero() {
			r.say(nil, r.tr("%s: no payment received late", "%s: просроченных оплат нет"), m.ID)
			return b
		}
		pen := Dec(days.Mul(m.PerDay.V))
		nb := b.Sub(pen).Max(Q{})
		ded := b.Sub(nb)
		mr.Applied, mr.Deduction = true, &ded
		r.say(append(srcs, SchemeSrc(r.s, m.PerDay)), r.tr("%s: %s days late × %s = %s deducted, never below zero: bonus = %s", "%s: %s дн. просрочки × %s = %s к удержанию, не ниже нуля: премия = %s"),
			m.ID, days, m.PerDay.Raw, pen, nb)
		return nb
	}
	return b
}

// civil is a calendar date, whatever the clock time or zone of t: payments
// are dated by the day, and days late are calendar days.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// inPeriod reports whether the paid date falls within the YYYY-MM period.
func inPeriod(paid *time.Time, period string) bool {
	return paid != nil && civil(*paid).Format("2006-01") == period
}

// needPeriod checks that the run has a pay period, which what needs.
func (r *run) needPeriod(what string) bool {
	if _, err := time.Parse("2006-01", r.in.Period); err != nil {
		r.fail(r.e.Src, "%s needs the pay period: pass --period YYYY-MM", what)
		return false
	}
	return true
}

// paidRevenue sums the employee's payments received within the period: a
// shipment not yet paid earns nothing.
func (r *run) paidRevenue() Value {
	if !r.needPeriod("paid revenue") {
		return Value{}
	}
	sum := zero
	var paid, unpaid []Place
	for _, p := range r.e.Payments {
		if inPeriod(p.Paid, r.in.Period) {
			sum = sum.Add(p.Amount.V)
			paid = append(paid, p.Src)
		} else {
			unpaid = append(unpaid, p.Src)
		}
	}
	src := Note(fmt.Sprintf("%s %s", r.tr("no payments received in", "нет оплат за"), r.in.Period))
	if len(paid) > 0 {
		src = Note(joinPlaces(paid, ", "))
	}
	r.say(append(paid, unpaid...), r.tr("Paid revenue for %s = %s (payments received in the period: %d; not paid in the period, earning nothing: %d)", "Оплаченная выручка за %s = %s (оплат получено в периоде: %d; не оплачено в периоде и не учитывается: %d)"),
		r.in.Period, sum, len(paid), len(unpaid))
	return Value{V: sum, Src: src}
}

// daysLate sums, over payments received within the period, the calendar days
// each came after its due date.
func (r *run) daysLate() (decimal.Decimal, []Place) {
	if !r.needPeriod("the overdue penalty") {
		return zero, nil
	}
	days := int64(0)
	var srcs []Place
	for _, p := range r.e.Payments {
		if !inPeriod(p.Paid, r.in.Period) {
			continue
		}
		if late := int64(civil(*p.Paid).Sub(civil(p.Due)) / (24 * time.Hour)); late > 0 {
			days += late
			srcs = append(srcs, p.Src)
		}
	}
	return decimal.NewFromInt(days), srcs
}

func (r *run) component(c *plan.Component) {
	cr := ComponentResult{ID: c.ID, Title: c.Title, Type: c.Type}
	var amount Q
	switch c.Type {
	case plan.ComponentCommission:
		st := r.kpis[c.KPI]
		f := Dec(st.fact.V)
		if c.Rate != nil {
			amount = f.MulD(c.Rate.V)
			r.say([]Place{st.fact.Src, SchemeSrc(r.s, c.Rate)}, r.tr("%s: commission = %s × %s = %s", "%s: комиссия = %s × %s = %s"), c.ID, st.fact.V, c.Rate.Raw, amount)
		} else {
			l := r.s.Ladder(c.Ladder)
			v, how := r.ladder(l, f)
			if l.Type == plan.LadderMarginal {
				amount = v
				r.say([]Place{st.fact.Src}, r.tr("%s: commission on %s by ladder %q: %s", "%s: комиссия с %s по шкале %q: %s"), c.ID, st.fact.V, l.ID, how)
			} else {
				amount = f.Mul(v)
				r.say([]Place{st.fact.Src}, r.tr("%s: ladder %q at %s: %s; commission = %s × %s = %s", "%s: шкала %q при %s: %s; комиссия = %s × %s = %s"), c.ID, l.ID, st.fact.V, how, st.fact.V, v, amount)
			}
		}
	case plan.ComponentBonus:
		w := c.When
		holds := false
		var srcs []Place
		if w.Condition != "" {
			v, ok := r.fact(w.Condition, "condition")
			if !ok {
				return
			}
			holds = v.V.Equal(one)
			srcs = []Place{v.Src}
		} else {
			st := r.kpis[w.KPI]
			level, src := map[string]*Q{"base": st.base, "norm": st.norm, "target": st.target}[w.Reaches], map[string]Place{"base": st.baseSrc, "norm": st.normSrc, "target": st.targetSrc}[w.Reaches]
			if level == nil {
				r.fail(r.e.Src, "component %q needs the %s of KPI %q: give it in the scheme or the Plans table", c.ID, w.Reaches, w.KPI)
				return
			}
			f := Dec(st.fact.V)
			holds = f.Cmp(*level) >= 0
			if st.lower {
				holds = f.Cmp(*level) <= 0
			}
			srcs = []Place{st.fact.Src, src}
		}
		if holds {
			amount = Dec(c.Amount.V)
		}
		r.say(append(srcs, SchemeSrc(r.s, c.Amount)), r.tr("%s: condition %s → %s", "%s: условие %s → %s"), c.ID, yesNo(r, holds), amount)
	case plan.ComponentProportional:
		st := r.kpis[c.KPI]
		rq := r.needR(st, c.ID)
		if rq == nil {
			return
		}
		if st.perfect && c.Max == nil {
			r.fail(st.fact.Src, "KPI %q: a fact of 0 is the best possible result, but %s has no max fulfilment: give it a max", c.KPI, c.ID)
			return
		}
		x := *rq
		note := ""
		switch {
		case c.Min != nil && x.CmpD(c.Min.V) < 0:
			x = Q{}
			note = fmt.Sprintf(r.tr(" (below the minimum %s: nothing)", " (ниже минимума %s: 0)"), c.Min.Raw)
		case c.Max != nil && x.CmpD(c.Max.V) > 0:
			x = Dec(c.Max.V)
			note = fmt.Sprintf(r.tr(" (capped at %s)", " (не более %s)"), c.Max.Raw)
		}
		amount = x.MulD(c.Amount.V)
		r.say([]Place{st.fact.Src, st.normSrc, SchemeSrc(r.s, c.Amount)}, r.tr("%s: fulfilment %s; %s × %s%s = %s", "%s: выполнение %s; %s × %s%s = %s"),
			c.ID, r.fulfilmentText(st), c.Amount.Raw, x, note, amount)
	case plan.ComponentPool:
		r.pooled = true // the share is set when every member is computed
	case plan.ComponentUnitBonus:
		st := r.kpis[c.KPI]
		if st.norm == nil {
			r.fail(r.e.Src, "component %q needs the norm of KPI %q: give it in the scheme or the Plans table", c.ID, c.KPI)
			return
		}
		over := Dec(st.fact.V).Sub(*st.norm).Max(Q{})
		amount = over.MulD(c.Price.V).MulD(c.Rate.V)
		r.say([]Place{st.fact.Src, st.normSrc, SchemeSrc(r.s, c.Price), SchemeSrc(r.s, c.Rate)}, r.tr("%s: units above plan max(0, %s − %s) = %s × price %s × rate %s = %s", "%s: сверх плана max(0, %s − %s) = %s × цена %s × ставка %s = %s"),
			c.ID, st.fact.V, *st.norm, over, c.Price.Raw, c.Rate.Raw, amount)
	}
	if amount.Sign() < 0 {
		r.say(nil, r.tr("%s came out at %s: a component is never negative, so it is 0", "%s: получилось %s; доплата не бывает отрицательной, поэтому 0"), c.ID, amount)
		amount = Q{}
	}
	cr.Amount = r.money(amount)
	r.out.Components = append(r.out.Components, cr)
}

func yesNo(r *run, b bool) string {
	if b {
		return r.tr("holds", "выполнено")
	}
	return r.tr("does not hold", "не выполнено")
}

// DepartmentInput is the input of one department's people.
type DepartmentInput struct {
	Name  string // "" for the people with no department
	Input *Input
}

// ByDepartment splits in into one input per department, by name, each
// with the whole input's tables and its own people. A department's pay is
// computed from its own people only (a pool is shared within the
// department; plan levels are the department's), so Combine of Stream over
// each gives Stream over the whole. A repeated id, anywhere, is refused as
// Run refuses it.
func ByDepartment(in *Input) ([]DepartmentInput, error) {
	if _, errs := roster(append([]Employee(nil), in.Employees...)); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	by := map[string][]Employee{}
	for _, e := range in.Employees {
		by[e.Department] = append(by[e.Department], e)
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]DepartmentInput, len(names))
	for i, n := range names {
		sub := *in
		sub.Employees = by[n]
		out[i] = DepartmentInput{Name: n, Input: &sub}
	}
	return out, nil
}
