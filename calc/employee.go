package calc

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file computes one employee: the order of the steps, the fixed part,
// the total.

type run struct {
	s    *plan.Scheme
	in   *Input
	e    *Employee
	role *plan.Role
	errs []error
	out  *EmployeeResult
	kpis map[string]*kpiState
	// pooled: the role shares a pool, so its total waits for the split.
	pooled bool
	quiet  bool // Options.SkipSteps
	stakes bool // compute each KPI's stake (stake.go): Options.Stakes, or the steps are kept
	// draw is the role's draw and its line's index in out.Components: it
	// is set last, once every other amount is known (draw.go).
	draw   *plan.Component
	drawAt int
	// drawOpen is a recoverable draw's opening balance: the roster's
	// draw_balance, or carried from the book (in.Draws); drawCarried is
	// the step that says where a carried one came from.
	drawOpen    Value
	drawCarried *Step
	// slot is the index in out.Components of the component being
	// computed: components are computed in the role's ComponentOrder and
	// shown in the order written.
	slot int
	// fixed and variable are the amounts as given, before proration, for
	// a formula component to read (variable: only with a bonus section).
	fixed, variable Value
	// deals are the per-deal commissions' splits by the commission's id
	// (dealSplit): computed once, for the commission's line and, with a
	// clawback, the clawback's.
	deals map[string]*dealSplit
}

func (r *run) fail(src Place, format string, args ...any) {
	r.failText(src, problem.New(format, args...))
}

// failText is fail of words already made (problem.New).
func (r *run) failText(src Place, t problem.Text) {
	r.errs = append(r.errs, problem.Errorf("%s: employee %q: %s", src, r.e.ID, t))
}

// say records a step of the explanation, unless none is kept.
func (r *run) say(sources []Place, msg Msg, args ...any) {
	if r.quiet {
		return
	}
	r.out.Steps = append(r.out.Steps, Step{Phrase: Phrase{Msg: msg, Args: args}, Sources: sources})
}

// phrase is a part of a step; nothing when no explanation is kept.
func (r *run) phrase(msg Msg, args ...any) Phrase {
	if r.quiet {
		return Phrase{}
	}
	return Phrase{Msg: msg, Args: args}
}

// shownMoney is an amount as the explanation shows it.
func (r *run) shownMoney(d decimal.Decimal) Money { return Money{V: d, Scale: Scale(r.s.Step())} }

func (r *run) money(q Q) decimal.Decimal { return q.Round(r.s.Step(), r.s.Mode()) }

func runEmployee(s *plan.Scheme, in *Input, e *Employee, opt Options) (*run, error) {
	quiet := opt.SkipSteps
	r := &run{s: s, in: in, e: e, kpis: map[string]*kpiState{}, quiet: quiet, stakes: opt.Stakes || !quiet}
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
	// The slices an employee's result grows, made at their size: every
	// KPI, and about as many steps again as there are KPIs and components.
	r.out.KPIs = make([]KPIResult, 0, len(r.role.KPIs))
	if !quiet {
		r.out.Steps = make([]Step, 0, 2*(len(r.role.KPIs)+len(r.role.Components))+8)
	}
	r.compute()
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return r, nil
}

func (r *run) value(v *Value, d *plan.Dec, what problem.Text) (Value, bool) {
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
	r.say([]Place{e.Src}, MsgEmployee, e.ID, e.Name, role.ID)

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
			r.say([]Place{e.DaysWorked.Src, e.DaysInPeriod.Src}, MsgProration, dw, dp, p)
		}
	}
	prorate := func(q Q) Q {
		if out.Proration != nil {
			return q.Mul(*out.Proration)
		}
		return q
	}

	// A run of another period kind than the role's pays only the role's
	// components of the run's kind (plan.Scheme.For).
	run := r.in.per.Kind()
	if role.Elsewhere != 0 {
		if len(role.Components) == 0 {
			r.fail(e.Src, "role %q is paid by the %s, and nothing of it by the %s: the run for %s pays only what is paid by its period's kind; leave the person out of this fact sheet, or run the role's own periods", role.ID, role.Elsewhere.Word(), run.Word(), r.in.Period)
			return
		}
		r.say(nil, MsgElsewhere, r.phrase(byKind(role.Elsewhere)), r.in.Period, r.phrase(byKind(run)))
	}
	for _, c := range role.Left {
		r.say(nil, MsgLeft, c.ID, r.phrase(byKind(role.ComponentKind(c))))
	}
	if role.Elsewhere == 0 {
		fixed, ok := r.value(e.Fixed, role.Fixed, problem.New("fixed"))
		if !ok {
			return
		}
		r.fixed = fixed
		out.Fixed = r.money(prorate(Dec(fixed.V)))
		if out.Proration != nil {
			r.say([]Place{fixed.Src}, MsgFixedProrated, fixed.V, *out.Proration, r.shownMoney(out.Fixed))
		} else {
			r.say([]Place{fixed.Src}, MsgFixed, r.shownMoney(out.Fixed))
		}
	}

	states := make([]kpiState, len(role.KPIs)) // one allocation for the role's KPIs
	for i, k := range role.KPIs {
		r.kpi(k, &states[i], prorate)
	}
	if len(r.errs) > 0 {
		return
	}

	if role.Bonus != nil {
		out.HasBonus = true
		var variable Value
		var ok bool
		fixed := r.fixed
		share := e.Variable == nil && role.Variable != nil && role.Variable.OfFixed
		if share {
			// `variable: 50% of fixed`: the share of the person's own fixed part.
			variable = Value{V: fixed.V.Mul(role.Variable.V), Src: SchemeSrc(r.s, role.Variable)}
			r.say([]Place{variable.Src, fixed.Src}, MsgVariableOfFixed, role.Variable.V, fixed.V, variable.V)
		} else if variable, ok = r.value(e.Variable, role.Variable, problem.New("variable target")); !ok {
			return
		}
		r.variable = variable
		vq := prorate(Dec(variable.V))
		out.Variable = r.money(vq)
		if out.Proration != nil {
			r.say([]Place{variable.Src}, MsgVariableProrated, variable.V, *out.Proration, vq)
		} else if !share {
			r.say([]Place{variable.Src}, MsgVariable, variable.V)
		}
		r.bonus(vq)
		if r.stakes && len(r.errs) == 0 {
			r.stake(vq)
		}
	}
	r.out.Components = make([]ComponentResult, len(role.Components))
	for _, i := range role.ComponentOrder() {
		r.slot = i
		r.component(role.Components[i])
	}
	if len(r.errs) > 0 || r.pooled {
		return
	}
	r.finishTotal()
}

// byKind is the phrase of a period kind: by the month, by the quarter.
func byKind(k period.Kind) Msg {
	switch k {
	case period.Quarter:
		return MsgByQuarter
	case period.Year:
		return MsgByYear
	}
	return MsgByMonth
}

// finishTotal sets the draw's line, then adds up the rounded lines.
func (r *run) finishTotal() {
	out := r.out
	if r.draw != nil {
		r.drawLine()
	}
	total := out.Fixed.Add(out.Bonus)
	for _, c := range out.Components {
		total = total.Add(c.Amount)
	}
	out.Total = total
	if r.quiet {
		return
	}
	parts := []Money{r.shownMoney(out.Fixed), r.shownMoney(out.Bonus)}
	for _, c := range out.Components {
		parts = append(parts, r.shownMoney(c.Amount))
	}
	r.say(nil, MsgTotal, parts, r.shownMoney(total))
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

func (r *run) fact(id string, what problem.Text) (Value, bool) {
	v, ok := r.e.Facts.Get(id)
	if !ok {
		r.fail(r.e.Src, "no value for %q (%s): add a column %q to the Facts table", id, what, id)
	}
	return v, ok
}
