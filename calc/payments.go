package calc

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// This file reads payments: what was received in the period, and how late.

// civil is a calendar date, whatever the clock time or zone of t: payments
// are dated by the day, and days late are calendar days.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// inPeriod reports whether the paid date falls within the period: a month,
// a quarter or a year, by its calendar days.
func inPeriod(paid *time.Time, p period.Period) bool {
	return paid != nil && p.Contains(*paid)
}

// needPeriod checks that the run has a pay period, which what needs.
func (r *run) needPeriod(what problem.Text) bool {
	if r.in.per.IsZero() {
		r.fail(r.e.Src, "%s needs the pay period: pass --period YYYY-MM", what)
		return false
	}
	return true
}

// paidRevenue sums the employee's payments received within the period: a
// shipment not yet paid earns nothing. The value's place is the first
// payment's (for a message about it); paid are every payment's, the
// sources an explanation cites.
func (r *run) paidRevenue() (_ Value, paid []Place) {
	if !r.needPeriod(problem.New("paid revenue")) {
		return Value{}, nil
	}
	sum := zero
	var unpaid []Place
	for _, p := range r.e.Payments {
		if inPeriod(p.Paid, r.in.per) {
			sum = sum.Add(p.Amount.V)
			paid = append(paid, p.Src)
		} else {
			unpaid = append(unpaid, p.Src)
		}
	}
	src := r.e.Src // no payment received in the period: the employee's row
	if len(paid) > 0 {
		src = paid[0]
	}
	r.say(append(append([]Place(nil), paid...), unpaid...), MsgPaidRevenue,
		r.in.Period, sum, len(paid), len(unpaid))
	if paid == nil {
		paid = []Place{} // none received: the sources are none, not the row
	}
	return Value{V: sum, Src: src}, paid
}

// daysLate sums, over payments received within the period, the calendar days
// each came after its due date.
func (r *run) daysLate() (decimal.Decimal, []Place) {
	if !r.needPeriod(problem.New("the overdue penalty")) {
		return zero, nil
	}
	days := int64(0)
	var srcs []Place
	for _, p := range r.e.Payments {
		if !inPeriod(p.Paid, r.in.per) {
			continue
		}
		if late := int64(civil(*p.Paid).Sub(civil(p.Due)) / (24 * time.Hour)); late > 0 {
			days += late
			srcs = append(srcs, p.Src)
		}
	}
	return decimal.NewFromInt(days), srcs
}
