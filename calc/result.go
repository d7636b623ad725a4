package calc

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// This file holds what a run gives: the results and their sums.

// Options tune a run without changing any figure.
type Options struct {
	// Release lets the computation consume its input: in.Employees is
	// emptied, and each employee's facts, plans and payments are dropped as
	// soon as the employee is computed. For a caller that needs the input no
	// more: on a large roster it bounds memory by the results, not the facts.
	Release bool
	// SkipSteps leaves every employee's Steps empty: for an output that does
	// not show the explanation (CSV, JSON, the terminal table), which then
	// costs no time or memory to record.
	SkipSteps bool
	// Stakes computes each KPI's money at stake (KPIResult.Stake) even
	// when SkipSteps is set: for the plans, which show it but no
	// explanation. Without SkipSteps it is always computed: every output
	// that keeps the explanation (the workbooks) shows it.
	Stakes bool
	// Forget drops each employee's result once emit has it (Stream): the
	// Result's Employees stay empty, Count counts them and the sums are
	// kept. For a caller that writes each employee as it is emitted (CSV,
	// JSON, a workbook written as computed): memory then holds the
	// employees being computed, not everyone's results.
	Forget bool
}

// Result is one month's pay for everyone in the input.
type Result struct {
	Scheme, Title, Period, Currency string
	Step                            decimal.Decimal // money rounding step
	Mode                            string          // money rounding mode
	Scale                           int32           // decimals shown for money
	Employees                       []*EmployeeResult
	// Count is how many people were paid: len(Employees), or with
	// Options.Forget, the number emitted and forgotten.
	Count int
	// Sums of the rounded per-employee lines.
	Fixed, Bonus, Components, Total decimal.Decimal
	// Departments are the same sums per department, in the order of their
	// names ("", the people of no department, first).
	Departments []DepartmentTotal
}

// DepartmentTotal is one department's sums in a Result.
type DepartmentTotal struct {
	Department                      string
	Count                           int
	Fixed, Bonus, Components, Total decimal.Decimal
}

// HasDepartments reports whether the people paid are in more than one
// department (the people of none counting as one): only then do subtotals
// by department say something beyond the totals.
func (res *Result) HasDepartments() bool { return len(res.Departments) > 1 }

// department is the sums of department d, added in name order if new.
func (res *Result) department(d string) *DepartmentTotal {
	i, found := slices.BinarySearchFunc(res.Departments, d, func(t DepartmentTotal, d string) int { return strings.Compare(t.Department, d) })
	if !found {
		res.Departments = slices.Insert(res.Departments, i, DepartmentTotal{Department: d})
	}
	return &res.Departments[i]
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
	Fact                       decimal.Decimal // a computed KPI's shown to RatioPlaces (Q.Shown)
	Formula                    string          // a computed KPI's formula (plan.Expr.String), else ""
	Fulfilment                 *Q              // fact / norm (norm / fact for lower-is-better)
	Index                      *Q              // weighted KPIs only
	Weighted                   *Q              // weight × index
	Coefficient                *Q              // from the KPI's ladder
	Voided                     bool
	// Band places the fact for the reader (Band* constants); "" when the KPI
	// has no norm. Every output that colours or labels a KPI shows this.
	Band string
	// Stake is the money the KPI moves in the KPI bonus at its norm and at
	// its target (stake.go); nil when the role forms no bonus or no stake
	// was asked for (Options.Stakes).
	Stake *KPIStake
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
	// Balance is a recoverable draw's: what the employee owed it at the
	// start of the period and owes at the end.
	Balance *DrawBalance
}

// DrawBalance is what an employee owes a recoverable draw.
type DrawBalance struct {
	Opening, Closing decimal.Decimal
}

// ModifierResult says what a modifier did to the KPI bonus.
type ModifierResult struct {
	ID, Title, Type string
	Applied         bool
	Factor          *Q // the bonus was multiplied by this
	// Deduction is what was deducted (an overdue penalty) as money, with
	// the scheme's rounding: the penalty, or the bonus it took to zero.
	Deduction *decimal.Decimal
}

// Heading is a result of no one yet: the scheme, the period, the currency
// and the money rounding every output states.
func Heading(s *plan.Scheme, period string) *Result {
	step := s.Step()
	return &Result{Scheme: s.ID, Title: s.Title, Period: period, Currency: s.Currency, Step: step, Mode: s.Mode(), Scale: Scale(step)}
}

// add appends e to the result and to its sums.
func (res *Result) add(e *EmployeeResult) {
	res.Employees = append(res.Employees, e)
	res.sum(e)
}

// sum counts e and adds its amounts to the sums, the department's too.
func (res *Result) sum(e *EmployeeResult) {
	comps := decimal.Zero
	for _, c := range e.Components {
		comps = comps.Add(c.Amount)
	}
	res.Count++
	res.Fixed = res.Fixed.Add(e.Fixed)
	res.Bonus = res.Bonus.Add(e.Bonus)
	res.Components = res.Components.Add(comps)
	res.Total = res.Total.Add(e.Total)
	d := res.department(e.Department)
	d.Count++
	d.Fixed, d.Bonus = d.Fixed.Add(e.Fixed), d.Bonus.Add(e.Bonus)
	d.Components, d.Total = d.Components.Add(comps), d.Total.Add(e.Total)
}

// merge adds the counts and sums of p, whose employees are forgotten
// (Options.Forget), to res.
func (res *Result) merge(p *Result) {
	res.Count += p.Count
	res.Fixed, res.Bonus = res.Fixed.Add(p.Fixed), res.Bonus.Add(p.Bonus)
	res.Components, res.Total = res.Components.Add(p.Components), res.Total.Add(p.Total)
	for _, pd := range p.Departments {
		d := res.department(pd.Department)
		d.Count += pd.Count
		d.Fixed, d.Bonus = d.Fixed.Add(pd.Fixed), d.Bonus.Add(pd.Bonus)
		d.Components, d.Total = d.Components.Add(pd.Components), d.Total.Add(pd.Total)
	}
}

// Subset is res with the employees keep keeps, in the same order, and
// their sums: a department's part of a result computed whole.
func Subset(res *Result, keep func(*EmployeeResult) bool) *Result {
	out := *res
	out.Employees, out.Count, out.Departments = nil, 0, nil
	out.Fixed, out.Bonus, out.Components, out.Total = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	for _, e := range res.Employees {
		if keep(e) {
			out.add(e)
		}
	}
	return &out
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
	res.Employees, res.Count, res.Departments = nil, 0, nil
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
