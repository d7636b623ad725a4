package calc

import (
	"time"

	"github.com/shopspring/decimal"
)

// Value is one input figure and where it came from, e.g.
// `facts.xlsx: sheet "Facts" C5` or `scheme.yaml:14:7`.
type Value struct {
	V   decimal.Decimal
	Src Place
	// Percent: the clerk wrote the value as a percentage (a cell formatted
	// as a percentage, or text such as "78%"), so that a value on another
	// scale than the plan's is caught (see the KPI unit "percent").
	Percent bool
}

// Input is everything a month's calculation needs besides the scheme, as read
// from the fact sheet.
type Input struct {
	// Period is the pay period, YYYY-MM; needed by paid-revenue schemes.
	Period      string
	Employees   []Employee
	Departments map[string]Department
	// Source names the fact sheet, for the explanation.
	Source string
}

// Employee is one roster row with that person's facts, plans and payments.
type Employee struct {
	ID, Name, Role, Department string
	Src                        Place            // the roster row
	Fixed, Variable            *Value           // nil: the role's default from the scheme
	DaysWorked, DaysInPeriod   *Value           // both nil: worked the whole period
	Facts                      map[string]Value // by KPI, condition or fact column id; yes/no as 1/0
	Plans                      map[string]Plan  // personal plans by KPI id
	Payments                   []Payment
}

// Plan is a personal base/norm/target for one KPI; nil fields fall back to the scheme.
type Plan struct {
	Base, Norm, Target *Value
}

// Department holds a department's result, its three plan levels, and the
// pool its members share, where the scheme has one.
type Department struct {
	ID                             string
	Src                            Place
	Fact, Minimum, Normal, Maximum Value
	Pool                           *Value
}

// Payment is one customer payment for a shipment credited to an employee.
type Payment struct {
	Customer string
	Amount   Value
	Due      time.Time
	Paid     *time.Time // nil: not paid
	Src      Place
}
