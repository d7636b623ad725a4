package need

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	periods "github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// How a KPI's fact goes with the days of the month (KPI.Kind).
const (
	// Paced: a count or a sum (calls, revenue, returns counted): it grows
	// day by day, so it has a pace per working day and a month-end
	// projection at that pace.
	Paced = "paced"
	// Held: a rate, share or average (a conversion, a share of returns, an
	// average check): it does not grow with the days, so it is projected
	// as it is today and has no per-day need.
	Held = "held"
)

// Level is where one plan level of a KPI stands for the person.
type Level struct {
	Level string // base, norm or target (calc.Levels)
	// Fact is the fact that reaches the level: the plan value, personal or
	// the scheme's, prorated as calc prorates it.
	Fact calc.Q
	// Gap is Fact − today: what is still to add (above 0) or to take off
	// (below 0, a lower-is-better KPI's); 0 at the level.
	Gap calc.Q
	// Reached: today's fact is at the level or better.
	Reached bool
	// Missed: a paced lower-is-better KPI is already worse than the level
	// (a count of returns does not fall): no day can bring it back.
	Missed bool
	// PerDay, with an as-of date and working days left, for a paced KPI:
	// Gap / the remaining working days — what each must add (for a
	// lower-is-better KPI, the most each may add); 0 once reached
	// (higher is better). nil otherwise.
	PerDay *calc.Q
	// Pay is the person's whole pay, as calc computes it, with this KPI's
	// fact at Fact and every other fact as it is today.
	Pay decimal.Decimal
	// Fulfilment is Fact against the KPI's norm, as calc measures
	// fulfilment (FulfilmentOf): where the level lies on the scale of the
	// norm (base 400,000 against a norm of 800,000: 0.5; the norm: 1).
	// nil when the KPI has no norm or the ratio is no number.
	Fulfilment *calc.Q
}

// KPI is one KPI of the person's role.
type KPI struct {
	ID, Title, Unit string
	Direction       string // higher or lower, as calc decided it
	Source          string // facts, payments, department or team
	Formula         string // a computed KPI's formula (docs/calculation.md §3.9), else ""
	Kind            string // Paced or Held
	// Today is today's fact: a computed KPI's to 6 decimals, as calc
	// shows it.
	Today  calc.Q
	Levels []Level // the levels the KPI has, in calc.Levels' order; none for a KPI without a plan
	// Pace (per working day so far) and Projection (the fact at the
	// month's end at that pace), with an as-of date and a working day
	// gone; a held KPI's projection is today's fact and it has no pace.
	Pace, Projection *calc.Q
	// Fulfilment and ProjectionFulfilment are today's fact and the
	// projection against the norm (FulfilmentOf); nil without a norm, a
	// projection, or where the ratio is no number.
	Fulfilment, ProjectionFulfilment *calc.Q
}

// Norm is the KPI's norm level, or nil.
func (k *KPI) Norm() *Level {
	for i := range k.Levels {
		if k.Levels[i].Level == "norm" {
			return &k.Levels[i]
		}
	}
	return nil
}

// FulfilmentOf is the fact f measured against the norm as calc measures a
// KPI's fulfilment (docs/calculation.md §3.5): f / norm when higher is
// better, norm / f when lower is — so above 1 is better than the norm
// either way. nil where that is no number: a higher-is-better norm of 0,
// or a lower-is-better f of 0 or less (nothing at all of it, the best
// result there is, which calc too shows without a figure).
func FulfilmentOf(f, norm calc.Q, lower bool) *calc.Q {
	q, best, ok := calc.Fulfilment(f, norm, lower)
	if !ok || best {
		return nil
	}
	return &q
}

// Standing is one person's "where do I stand".
type Standing struct {
	ID, Name, Role, Department string
	Period, Currency           string
	Scale                      int32 // decimals of money
	// Pay is the person's pay at today's facts.
	Pay  decimal.Decimal
	KPIs []KPI
	// Days and Projected, with an as-of date: the working days, and the
	// person's pay with every paced KPI at its projection and every held
	// KPI as it is (nil when no working day has gone yet).
	Days      *Days
	Projected *decimal.Decimal
}

// Options are what a standing is computed with besides the inputs.
type Options struct {
	// AsOf, when set, is the date the fact sheet was filled on: its facts
	// are the period's so far.
	AsOf     *time.Time
	Calendar Calendar
	// Held and Paced name KPIs whose kind the rule (KindOf) would get
	// wrong.
	Held, Paced []string
}

// ErrNoEmployee is Compute's error for an id not in the input.
var ErrNoEmployee = errors.New("no such employee")

// Compute is the standing of the employee id: calc.Run on in, and again
// with the person's facts moved to each level of each KPI and, with an
// as-of date, to the projection. Everyone else's facts stay as they are:
// team levels, department KPIs and overrides come out as calc gives them.
func Compute(s *plan.Scheme, in *calc.Input, id string, opt Options) (*Standing, error) {
	idx := slices.IndexFunc(in.Employees, func(e calc.Employee) bool { return e.ID == id })
	if idx < 0 {
		return nil, ErrNoEmployee
	}
	e := &in.Employees[idx]
	role := s.Role(e.Role)
	if role == nil {
		return nil, problem.Errorf("%s: role %q is not in the scheme", e.Src, e.Role)
	}
	now, err := pay(s, in, idx, nil)
	if err != nil {
		return nil, err
	}
	head := calc.Heading(s, in.Period)
	st := &Standing{ID: now.ID, Name: now.Name, Role: now.Role, Department: now.Department,
		Period: in.Period, Currency: s.Currency, Scale: head.Scale, Pay: now.Total}
	var days *Days
	if opt.AsOf != nil {
		d, err := WorkingDays(in.Period, *opt.AsOf, opt.Calendar)
		if err != nil {
			return nil, err
		}
		days, st.Days = &d, &d
	}
	for _, kr := range now.KPIs {
		k := roleKPI(role, kr.ID)
		if k == nil {
			continue
		}
		x := KPI{ID: kr.ID, Title: kr.Title, Unit: kr.Unit, Direction: kr.Direction, Source: k.Source,
			Formula: kr.Formula, Kind: KindOf(k, opt), Today: calc.Dec(kr.Fact)}
		if x.Source == "" {
			x.Source = plan.SourceFacts
		}
		lower := kr.Direction == plan.Lower
		for i, q := range []*calc.Q{kr.Base, kr.Norm, kr.Target} {
			if q == nil {
				continue
			}
			lv := Level{Level: calc.Levels[i], Fact: *q, Gap: q.Sub(x.Today)}
			lv.Reached = lv.Gap.Sign() <= 0 && !lower || lv.Gap.Sign() >= 0 && lower
			lv.Missed = lower && x.Kind == Paced && days != nil && !lv.Reached
			set := reach(*q, lower)
			total, err := pay(s, in, idx, func(e *calc.Employee) { move(e, k, set, kr.Fact, in.Period) })
			if err != nil {
				return nil, err
			}
			lv.Pay = total.Total
			x.Levels = append(x.Levels, lv)
		}
		if n := x.Norm(); n != nil {
			x.Fulfilment = FulfilmentOf(x.Today, n.Fact, lower)
			for j := range x.Levels {
				x.Levels[j].Fulfilment = FulfilmentOf(x.Levels[j].Fact, n.Fact, lower)
			}
		}
		st.KPIs = append(st.KPIs, x)
	}
	if days == nil {
		return st, nil
	}
	if days.Remaining > 0 {
		left := calc.Dec(decimal.NewFromInt(int64(days.Remaining)))
		for i := range st.KPIs {
			k := &st.KPIs[i]
			if k.Kind != Paced {
				continue
			}
			for j := range k.Levels {
				lv := &k.Levels[j]
				var q calc.Q
				switch {
				case lv.Missed:
					continue
				case lv.Reached && k.Direction != plan.Lower:
					q = calc.Q{}
				default:
					q = lv.Gap.Quo(left)
				}
				lv.PerDay = &q
			}
		}
	}
	if days.Elapsed == 0 {
		return st, nil // no working day gone: no pace to project
	}
	gone := calc.Dec(decimal.NewFromInt(int64(days.Elapsed)))
	scale := calc.Dec(decimal.NewFromInt(int64(days.Total))).Quo(gone)
	for i := range st.KPIs {
		k := &st.KPIs[i]
		p := k.Today
		if k.Kind == Paced {
			pace := k.Today.Quo(gone)
			k.Pace = &pace
			p = k.Today.Mul(scale)
		}
		k.Projection = &p
	}
	projected, err := pay(s, in, idx, func(e *calc.Employee) { project(e, role, st.KPIs, scale, in.Period) })
	if err != nil {
		return nil, err
	}
	st.Projected = &projected.Total
	for i := range st.KPIs {
		// A computed paced KPI's projection is what its formula gives on
		// its columns projected: calc's figure, not today's × the days.
		k := &st.KPIs[i]
		if k.Formula != "" && k.Kind == Paced {
			for _, kr := range projected.KPIs {
				if kr.ID == k.ID {
					p := calc.Dec(kr.Fact)
					k.Projection = &p
				}
			}
		}
		if n := k.Norm(); n != nil {
			k.ProjectionFulfilment = FulfilmentOf(*k.Projection, n.Fact, k.Direction == plan.Lower)
		}
	}
	return st, nil
}

// roleKPI is the role's KPI with the id, or nil.
func roleKPI(r *plan.Role, id string) *plan.KPI {
	for _, k := range r.KPIs {
		if k.ID == id {
			return k
		}
	}
	return nil
}

// KindOf is whether a KPI is paced or held: named in opt.Held or
// opt.Paced, it is that; else held when it is a rate — its unit is
// percent, % or share; its formula divides by a column (deals / leads,
// revenue / deals) or takes a min or max of columns; it averages a column
// over the department or team — and paced otherwise (a count, a sum, paid
// revenue, a department's sum).
func KindOf(k *plan.KPI, opt Options) string {
	if slices.Contains(opt.Held, k.ID) {
		return Held
	}
	if slices.Contains(opt.Paced, k.ID) {
		return Paced
	}
	switch strings.ToLower(strings.TrimSpace(k.Unit)) {
	case plan.UnitPercent, "%", "share":
		return Held
	}
	if k.Aggregated() && k.Aggregate == plan.AggregateAverage {
		return Held
	}
	if k.Formula != nil && k.Formula.Expr != nil && ratio(k.Formula.Expr) {
		return Held
	}
	return Paced
}

// ratio reports whether a formula divides by a column, or takes the least
// or greatest of columns: its value does not grow as its columns do.
func ratio(e *plan.Expr) bool {
	switch e.Op {
	case plan.ExprDiv:
		if hasColumn(e.Args[1]) {
			return true
		}
	case plan.ExprMin, plan.ExprMax:
		return hasColumn(e)
	}
	for _, a := range e.Args {
		if ratio(a) {
			return true
		}
	}
	return false
}

func hasColumn(e *plan.Expr) bool {
	if e.Op == plan.ExprCol {
		return true
	}
	for _, a := range e.Args {
		if hasColumn(a) {
			return true
		}
	}
	return false
}

// pay runs calc on in with the employee at idx changed by change (a copy:
// in is not touched), and returns that employee's result.
func pay(s *plan.Scheme, in *calc.Input, idx int, change func(*calc.Employee)) (*calc.EmployeeResult, error) {
	run := in
	if change != nil {
		c := *in
		c.Employees = slices.Clone(in.Employees)
		e := &c.Employees[idx]
		e.Facts = slices.Clone(e.Facts)
		e.Payments = slices.Clone(e.Payments)
		change(e)
		run = &c
	}
	res, err := calc.Run(s, run, calc.Options{SkipSteps: true})
	if err != nil {
		return nil, err
	}
	id := in.Employees[idx].ID
	for _, r := range res.Employees {
		if r.ID == id {
			return r, nil
		}
	}
	return nil, problem.Errorf("internal error, please report it: no result for %q", id)
}

// Places of the facts need gives calc, for its explanation (never shown).
var (
	atLevel   = calc.Note("need: the KPI at a plan level")
	projected = calc.Note("need: the month-end projection")
)

// move sets the KPI's fact to v: a typed fact, or a computed or department
// KPI's given whole (as the plans give it, calc/forecast.go); paid revenue
// gets a payment of the difference, received on time on the period's
// first day, beside the real ones (whose days late stay as they are).
func move(e *calc.Employee, k *plan.KPI, v, today decimal.Decimal, period string) {
	if k.Source == plan.SourcePayments {
		p, _ := periods.Parse(period)
		day := p.First()
		e.Payments = append(e.Payments, calc.Payment{Customer: "need", Amount: calc.Value{V: v.Sub(today), Src: atLevel}, Due: day, Paid: &day, Src: atLevel})
		return
	}
	e.Facts.Set(k.ID, calc.Value{V: v, Src: atLevel})
}

// project moves every paced KPI to its projection: a typed fact, paid
// revenue or a department's sum to today's × total / elapsed days, to 6
// decimals (rounded down: a projection does not claim a part it has not
// paced); a computed KPI by projecting the fact columns its formula reads
// that are not themselves a KPI, condition or modifier fact of the role
// (each is taken as a count: deals / leads stays as it is, calls +
// meetings grows). A held computed KPI is given whole at today's value.
func project(e *calc.Employee, role *plan.Role, ks []KPI, scale calc.Q, period string) {
	known := map[string]bool{}
	for _, k := range role.KPIs {
		known[k.ID] = true
	}
	for _, c := range role.Conditions {
		known[c.ID] = true
	}
	for _, m := range role.Modifiers {
		if m.Fact != "" {
			known[m.Fact] = true
		}
	}
	scaled := map[string]bool{}
	for i := range ks {
		x := &ks[i]
		k := roleKPI(role, x.ID)
		switch {
		case k.Formula != nil && x.Kind == Held:
			e.Facts.Set(k.ID, calc.Value{V: x.Today.Approx(calc.RatioPlaces), Src: projected})
		case k.Formula != nil:
			for _, col := range k.Formula.Columns() {
				if known[col] || scaled[col] {
					continue
				}
				if v, ok := e.Facts.Get(col); ok {
					scaled[col] = true
					e.Facts.Set(col, calc.Value{V: floor6(calc.Dec(v.V).Mul(scale)), Src: projected})
				}
			}
		case x.Kind == Paced:
			today := x.Today.Approx(calc.RatioPlaces)
			move(e, k, floor6(*x.Projection), today, period)
		}
	}
}

var million = calc.Dec(decimal.New(1, 6))

// floor6 is q rounded down to 6 decimals.
func floor6(q calc.Q) decimal.Decimal { return q.Mul(million).Floor().Shift(-6) }

// reach is the fact, to 6 decimals, that reaches the level q: rounded up
// when higher is better, down when lower is (a prorated plan such as
// 500,000 × 11 / 30 has no end of decimals).
func reach(q calc.Q, lower bool) decimal.Decimal {
	if lower {
		return floor6(q)
	}
	return floor6(calc.Q{}.Sub(q)).Neg()
}
