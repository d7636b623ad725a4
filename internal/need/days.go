package need

import (
	"time"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// Calendar says which days are working days: Monday to Friday, less the
// Holidays, plus the Workdays (a Saturday worked in exchange for a
// holiday). Dates are civil dates: their clock and zone are ignored.
type Calendar struct {
	Holidays, Workdays []time.Time
}

// day is a civil date.
type day struct {
	y int
	m time.Month
	d int
}

func dayOf(t time.Time) day { return day{t.Year(), t.Month(), t.Day()} }

// Working reports whether t is a working day.
func (c Calendar) Working(t time.Time) bool {
	for _, w := range c.Workdays {
		if dayOf(w) == dayOf(t) {
			return true
		}
	}
	for _, h := range c.Holidays {
		if dayOf(h) == dayOf(t) {
			return false
		}
	}
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Days are the working days of a period as of a date.
type Days struct {
	AsOf time.Time
	// Total is the period's working days; Elapsed those from its first
	// day to AsOf, AsOf included (the facts are as at the end of that
	// day); Remaining those after AsOf.
	Total, Elapsed, Remaining int
}

// WorkingDays counts the working days of the period (a month, quarter or
// year, as period.Parse reads it) as of asOf, which must fall within it.
func WorkingDays(text string, asOf time.Time, cal Calendar) (Days, error) {
	p, err := period.Parse(text)
	if err != nil {
		return Days{}, problem.Errorf("the period %q is not YYYY-MM: pass --period", text)
	}
	asOf = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	if !p.Contains(asOf) {
		if p.Kind() == period.Month {
			return Days{}, problem.Errorf("--as-of %s is not in the period %s: give a date of the month the fact sheet is for", asOf.Format("2006-01-02"), text)
		}
		return Days{}, problem.Errorf("--as-of %s is not in the period %s (%s to %s): give a date of the period the fact sheet is for", asOf.Format("2006-01-02"), text, p.First().Format("2006-01-02"), p.Last().Format("2006-01-02"))
	}
	d := Days{AsOf: asOf}
	for t := p.First(); !t.After(p.Last()); t = t.AddDate(0, 0, 1) {
		if !cal.Working(t) {
			continue
		}
		d.Total++
		if !t.After(asOf) {
			d.Elapsed++
		}
	}
	d.Remaining = d.Total - d.Elapsed
	return d, nil
}
