package calc

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
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
	// Period is the pay period as period.Parse reads it (2026-10, 2026-Q4,
	// 2026), or "" when not known; needed by paid-revenue and per-deal
	// schemes, and by a scheme that pays by several period kinds.
	Period      string
	Employees   []Employee
	Departments map[string]Department
	// Source names the fact sheet, for the explanation.
	Source string
	// Earlier are the earlier periods' facts that a dynamic plan level
	// grows over (plan.Growth, docs/calculation.md §3.12), by its Over
	// (plan.OverLastYear, plan.OverPrevious). The command reads them from
	// the book; calc never reads a file. Without them a dynamic level is
	// an error at the scheme's key.
	Earlier map[string]*Earlier
	// Draws are the recoverable draws' balances carried from the book's
	// previous period (docs/book.md "Carry-overs"): a recoverable draw
	// opens at what the person owed it at the end of that period. nil: no
	// book, or the book's first period, where the roster's draw_balance
	// gives the opening balance.
	Draws *Carried
	// YearToDate are the book's periods before this one in its year, for
	// a commission counted from the year's start with prior: year-to-date
	// (plan.PriorYearToDate, docs/calculation.md §5.1). nil: not read (no
	// book), and such a commission is an error at its prior key.
	YearToDate *YearToDate
	// Closed are the book's closed periods (2026-09 → closed/2026-09.json),
	// which a clawback's explanation names (docs/calculation.md §5.18); nil
	// outside a book, where the explanation gives the period alone. The
	// command lists them; calc reads no file.
	Closed map[string]string
	// TrueUps are the spans the true-ups of a span's last period recompute
	// (docs/calculation.md §5.19), by their Over (quarter, year): the
	// span's earlier periods as the book gives them. The command reads
	// them from the book; without them a true-up in the last period of its
	// span is an error at its line in the scheme.
	TrueUps map[string]*Span
	// aggr are the department and team sums (aggregate.go), set by Stream.
	aggr *aggregates
	// per is Period parsed, set by Stream; the zero Period when not known.
	per period.Period
}

// Earlier is an earlier period of the book, as a dynamic plan level
// reads it: each person's facts there.
type Earlier struct {
	Period string // the earlier period: 2025-10
	// Source names where its facts were read, for the messages: the fact
	// sheet (facts/2025-10.xlsx) or the closed period's snapshot
	// (closed/2025-10.json).
	Source string
	// Facts are each person's facts there, by employee id; each Value's
	// Src is the cell (or the snapshot) it was read from.
	Facts map[string]Facts
	// BeforeBook: the period is before the book's first period, which has
	// no earlier one to grow over; Facts is empty, and each person's level
	// must be given in the Plans table (docs/calculation.md §3.12).
	BeforeBook bool
}

// Carried are the closing balances of the recoverable draws in the
// period before the run's, as the command read them from the book.
type Carried struct {
	Period string // the previous period: 2026-10
	// Source names where the balances were read: the closed period's
	// snapshot (closed/2026-10.json) or the fact sheet it was computed
	// from (facts/2026-10.xlsx).
	Source string
	Src    Place // the snapshot or fact sheet, for the explanation's sources
	// Balances are what each person owed each draw at the end of Period,
	// by employee id, then draw id; a person or draw not there owed 0.
	Balances map[string]map[string]decimal.Decimal
}

// YearToDate are the periods of the run's kind before it in its calendar
// year, in order (January..the month before for a month; the earlier
// quarters for a quarter; none for a year), each with each person's facts
// of the KPIs that are counted from the year's start: only those, so that
// a year of a large roster stays small.
type YearToDate struct {
	Periods []*Earlier
}

// Span is the span of a true-up (a quarter, a year) as the book gives it:
// its periods before the run's, each with the few figures of each person
// that a true-up reads. The run's own period is the run's.
type Span struct {
	Period  string // the span: 2026-Q1
	Periods []PastPeriod
}

// PastPeriod is an earlier period of a span: each person paid in it, and
// where its figures were read.
type PastPeriod struct {
	Period string // 2026-01
	// Source names where the figures were read: the closed period's
	// snapshot (closed/2026-01.json: what was paid) or its fact sheet
	// (facts/2026-02.xlsx: computed as calc computes it); Src is its place.
	Source string
	Src    Place
	Closed bool
	// People are the people paid in the period, by employee id; someone
	// not paid in it is not there.
	People map[string]*PastPay
}

// PastPay is what a person was paid in a past period, as far as a true-up
// reads it: the variable part as paid (prorated), the KPI bonus, the
// facts and plan levels of the KPIs, the amounts of the components.
type PastPay struct {
	Variable, Bonus decimal.Decimal
	KPIs            []PastKPI
	Components      []PastAmount
}

// PastKPI is a KPI's fact and plan levels in a past period, as the period
// used them (a prorated norm prorated).
type PastKPI struct {
	ID                 string
	Fact               decimal.Decimal
	Base, Norm, Target *Q
}

// PastAmount is a component's amount in a past period.
type PastAmount struct {
	ID     string
	Amount decimal.Decimal
}

// KPI is the person's KPI id in the period, or nil.
func (p *PastPay) KPI(id string) *PastKPI {
	for i := range p.KPIs {
		if p.KPIs[i].ID == id {
			return &p.KPIs[i]
		}
	}
	return nil
}

// Amount is the amount of component id paid in the period: 0 for one
// the person did not have.
func (p *PastPay) Amount(id string) decimal.Decimal {
	for _, c := range p.Components {
		if c.ID == id {
			return c.Amount
		}
	}
	return decimal.Zero
}

// Employee is one roster row with that person's facts, plans and payments.
type Employee struct {
	ID, Name, Role, Department string
	Src                        Place  // the roster row
	Fixed, Variable            *Value // nil: the role's default from the scheme
	DaysWorked, DaysInPeriod   *Value // both nil: worked the whole period
	DrawBalance                *Value // what the employee owes a recoverable draw at the start of the period; nil: not given
	ReportsTo                  string // the id of the employee's manager; "": none
	ReportsToSrc               Place  // the roster cell ReportsTo was read from
	Facts                      Facts  // by KPI, condition or fact column id; yes/no as 1/0
	Plans                      Plans  // personal plans by KPI id
	Payments                   []Payment
	Deals                      []Deal // the employee's rows of the Deals ledger, in the table's order
}

// Plan is a personal base/norm/target for one KPI; nil fields fall back to the scheme.
type Plan struct {
	KPI                string
	Base, Norm, Target *Value
	Src                Place // the plan's row
}

// Plans are an employee's personal plans, one per KPI at most.
type Plans []Plan

// Get returns the plan for the KPI, or a plan of nothing.
func (ps Plans) Get(kpi string) Plan {
	for _, p := range ps {
		if p.KPI == kpi {
			return p
		}
	}
	return Plan{KPI: kpi}
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

// Deal is one row of the Deals ledger credited to an employee
// (docs/calculation.md §5.18): a deal (an amount above 0), with at most one
// payment received on it (a deal paid in parts has a row per payment, each
// repeating the deal), or a credit note (an amount below 0) under the id of
// the deal it credits.
type Deal struct {
	ID     string // the deal's id
	Client string
	Date   time.Time // the deal's date, or the credit note's
	Amount Value     // above 0: a deal; below 0: a credit note
	Margin *Value    // the deal's gross margin (a credit note's: below 0); nil: not given
	Due    *time.Time
	Paid   *time.Time // the date of a payment received on the deal; nil: none on this row
	// PaidAmount is the payment received on Paid; nil with Paid: the
	// deal's whole amount.
	PaidAmount *Value
	Share      *Value // the employee's share of the deal (0.4); nil: all of it
	Src        Place  // the row
}

// IsCredit reports whether the row is a credit note.
func (d *Deal) IsCredit() bool { return d.Amount.V.IsNegative() }

// Facts are an employee's facts by KPI, condition or fact column id. A
// role has about ten, so a short list is smaller than a map and as quick.
type Facts []Fact

// Fact is one fact of an employee.
type Fact struct {
	ID string
	Value
}

// Get returns the fact with the id.
func (fs Facts) Get(id string) (Value, bool) {
	for i := range fs {
		if fs[i].ID == id {
			return fs[i].Value, true
		}
	}
	return Value{}, false
}

// Set sets the fact with the id, adding it if it is new.
func (fs *Facts) Set(id string, v Value) {
	for i := range *fs {
		if (*fs)[i].ID == id {
			(*fs)[i].Value = v
			return
		}
	}
	*fs = append(*fs, Fact{ID: id, Value: v})
}

// FactsOf makes Facts from a map, in id order.
func FactsOf(m map[string]Value) Facts {
	fs := make(Facts, 0, len(m))
	for id, v := range m {
		fs = append(fs, Fact{ID: id, Value: v})
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].ID < fs[j].ID })
	return fs
}
