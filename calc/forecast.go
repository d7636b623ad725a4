package calc

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	periods "github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Levels of a plan forecast.
var Levels = []string{"base", "norm", "target"}

// Forecast is one employee's next-period plan: the KPIs with their plan
// values, and the pay they would earn with every KPI at base, at norm and at
// target (each KPI without a target stays at its norm; one without a base
// starts from 0).
type Forecast struct {
	Employee *Employee
	KPIs     []KPIResult                // plan values for the period (no facts), with each KPI's Stake
	At       map[string]*EmployeeResult // by level: "base", "norm", "target"
	// FactDependent are the ids of the components a plan cannot foretell:
	// each rests on a KPI with no norm, personal or in the scheme (a
	// commission on sales, however large they will be). Their amounts at
	// every level are computed from a fact of 0 and mean nothing.
	FactDependent map[string]bool
}

// EachForecast computes each employee's next-period plan and hands it to
// f, which may drop it: on every core, each employee as soon as computed,
// so f must be safe for concurrent use and is called in any order; memory
// holds a forecast per core. Every employee is computed; the error is the
// first in roster order, whatever the cores did. The forecast assumes what
// a person controls: yes/no conditions held, and no modifier or pool share
// applied (quality, team level, reductions, overdue penalties and pools
// depend on the month and on others, and are stated beside the figures).
// The period's full length is assumed (a month, a quarter or a year).
func EachForecast(s *plan.Scheme, in *Input, period string, f func(Forecast) error) error {
	p, err := periods.Parse(period)
	if err != nil {
		return fmt.Errorf("forecast: %v", err)
	}
	start := p.First()
	// The part of the scheme the period's kind pays: a quarter's plan
	// holds what is paid by the quarter.
	s = s.For(p.Kind())
	bare := withoutModifiers(s)
	errs := make([]error, len(in.Employees))
	parallel(len(in.Employees), func(i int) {
		defer func() {
			if p := recover(); p != nil {
				errs[i] = problem.Errorf("%s: employee %q: internal error, please report it: %v", in.Employees[i].Src, in.Employees[i].ID, p)
			}
		}()
		fc, err := forecast(s, bare, in, &in.Employees[i], period, start)
		if err == nil {
			err = f(fc)
		}
		errs[i] = err
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// forecast is one employee's next-period plan.
func forecast(s, bare *plan.Scheme, in *Input, e *Employee, period string, start time.Time) (Forecast, error) {
	role := s.Role(e.Role)
	if role == nil {
		return Forecast{}, problem.Errorf("%s: role %q is not in the scheme", e.Src, e.Role)
	}
	fc := Forecast{Employee: e, At: map[string]*EmployeeResult{}}
	for _, c := range role.Components {
		if c.PerDeal() || c.Type == plan.ComponentClawback {
			// A commission on next period's deals, or what next period's
			// credit notes will take back: none is known yet.
			if fc.FactDependent == nil {
				fc.FactDependent = map[string]bool{}
			}
			fc.FactDependent[c.ID] = true
			continue
		}
		id := c.KPI
		if id == "" && c.When != nil {
			id = c.When.KPI
		}
		for _, k := range role.KPIs {
			if k.ID == id && e.Plans.Get(k.ID).Norm == nil && k.Norm == nil {
				if fc.FactDependent == nil {
					fc.FactDependent = map[string]bool{}
				}
				fc.FactDependent[c.ID] = true
			}
		}
	}
	for _, c := range role.Components {
		if c.Type == plan.ComponentOverride {
			// Paid on what the people below will sell: not foretold.
			if fc.FactDependent == nil {
				fc.FactDependent = map[string]bool{}
			}
			fc.FactDependent[c.ID] = true
		}
	}
	// A commission counted from the year's start (prior): a January plan
	// starts the year at 0; a later month's depends on the sales of the
	// year before it, which a plan cannot know (plans read no facts).
	priors := map[string]Value{}
	for _, c := range role.Components {
		if c.Prior == "" {
			continue
		}
		if !c.PriorFromBook() { // the year to date from the book starts at 0 too (ytd below)
			priors[c.Prior] = Value{V: zero, Src: e.Src}
		}
		if start.Month() != time.January {
			if fc.FactDependent == nil {
				fc.FactDependent = map[string]bool{}
			}
			fc.FactDependent[c.ID] = true
		}
	}
	// A true-up in the last period of its span pays on the months before
	// it, which a plan cannot know: it depends on the fact. It is computed
	// over the period alone (a span of no earlier period), which recomputes
	// what the period pays: 0. In the span's other periods it is 0.
	var spans map[string]*Span
	if per, err := periods.Parse(period); err == nil {
		for _, c := range role.TrueUps() {
			k, ok := c.OverKind()
			if !ok || !per.Ends(k) {
				continue
			}
			if fc.FactDependent == nil {
				fc.FactDependent = map[string]bool{}
			}
			fc.FactDependent[c.ID] = true
			if spans == nil {
				spans = map[string]*Span{}
			}
			spans[c.Over] = &Span{Period: per.Enclosing(k).String()}
		}
	}
	// A plan level that grows over an earlier period (§3.12) is had from
	// the book's earlier period (in.Earlier), as calc has it, and set as
	// the person's own for the forecast.
	plans, err := grownPlans(s, in, e, role)
	if err != nil {
		return Forecast{}, err
	}
	pe := *e
	pe.Plans = plans
	// A draw tops up, or recovers from, what the rest earns: where any of
	// the rest depends on the fact, so does the draw's line.
	if len(fc.FactDependent) > 0 {
		for _, c := range role.Components {
			if c.Type == plan.ComponentDraw {
				fc.FactDependent[c.ID] = true
			}
		}
	}
	for _, level := range Levels {
		// What the person owes a recoverable draw at the start: the
		// roster's, or carried from the book (in.Draws).
		x := Employee{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, Src: e.Src,
			Fixed: e.Fixed, Variable: e.Variable, Plans: plans, DrawBalance: e.DrawBalance}
		for col, v := range priors {
			x.Facts.Set(col, v)
		}
		for _, k := range role.KPIs {
			v := planLevel(s, &pe, k, level)
			if k.Source == plan.SourcePayments {
				paid := start.AddDate(0, 0, 14)
				x.Payments = append(x.Payments, Payment{Customer: "plan", Amount: v, Due: paid, Paid: &paid, Src: v.Src})
				continue
			}
			x.Facts.Set(k.ID, v)
		}
		for _, c := range role.Conditions {
			x.Facts.Set(c.ID, Value{V: one, Src: assumedHeld})
		}
		// The plan workbook shows amounts, not how they were had, and each
		// KPI's stake, which is the same at every level: had once, at the norm.
		res, err := Run(bare, &Input{Period: period, Employees: []Employee{x}, Departments: in.Departments, YearToDate: &YearToDate{}, TrueUps: spans, Draws: in.Draws}, Options{SkipSteps: true, Stakes: level == "norm"})
		if err != nil {
			return Forecast{}, err
		}
		fc.At[level] = res.Employees[0]
	}
	for _, k := range fc.At["norm"].KPIs {
		k.Fact, k.Fulfilment, k.Index, k.Weighted, k.Coefficient, k.Voided, k.Band = decimal.Zero, nil, nil, nil, nil, false, ""
		fc.KPIs = append(fc.KPIs, k)
	}
	for _, r := range fc.At {
		r.KPIs = nil // kept in fc.KPIs, as plan values
	}
	return fc, nil
}

// planLevel is the KPI's plan value at a level for the employee: personal plan
// first, then the scheme; target falls back to norm, base to 0.
func planLevel(s *plan.Scheme, e *Employee, k *plan.KPI, level string) Value {
	pl := e.Plans.Get(k.ID)
	pick := func(v *Value, d *plan.Dec) *Value {
		if v != nil {
			return v
		}
		if d != nil {
			return &Value{V: d.V, Src: SchemeSrc(s, d)}
		}
		return nil
	}
	base, norm, target := pick(pl.Base, k.Base), pick(pl.Norm, k.Norm), pick(pl.Target, k.Target)
	switch {
	case level == "target" && target != nil:
		return *target
	case level == "target", level == "norm":
		if norm != nil {
			return *norm
		}
	case level == "base" && base != nil:
		return *base
	}
	return Value{V: zero, Src: noPlanValue}
}

// withoutModifiers copies the scheme with every role's modifiers and pool
// shares removed: both depend on the month and on others, not on the plan.
func withoutModifiers(s *plan.Scheme) *plan.Scheme {
	c := *s
	c.Roles = nil
	for _, r := range s.Roles {
		rc := r.WithoutComponents(func(comp *plan.Component) bool { return comp.Type == plan.ComponentPool })
		rc.Modifiers = nil
		c.Roles = append(c.Roles, rc)
	}
	return &c
}

// Notes for the places of assumed values in a forecast.
var (
	assumedHeld = Note("assumed held")
	noPlanValue = Note("no plan value: 0")
)
