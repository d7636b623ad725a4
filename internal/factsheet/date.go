package factsheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
)

// Dates in text: ISO (2026-10-31), Russian (31.10.2026), and slashed
// (10/31/2026 or 31/10/2026, as US and British exports write them), each
// with an optional time of day, which is dropped ("2026-10-10 00:00:00",
// "10.10.2026 0:00", "2026-10-10T00:00:00").
var (
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$`)
	ruDate    = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$`)
	slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?$`)
)

// dayOrder is how a table writes slashed dates: month first (US), day
// first, or unknown (every date so far reads both ways).
type dayOrder int

const (
	orderUnknown dayOrder = iota
	monthFirst
	dayFirst
	orderMixed
)

// slashOrder finds how a table's date columns write slashed dates: a date
// whose first number is over 12 is day-first, whose second is, month-first.
func (r *reader) slashOrder(t *table, cols ...int) dayOrder {
	order := orderUnknown
	for _, rw := range t.rows[t.hrow+1:] {
		for _, c := range cols {
			m := slashDate.FindStringSubmatch(cleanText(t.stored(rw, c)))
			if m == nil {
				continue
			}
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			var o dayOrder
			switch {
			case a > 12 && b <= 12:
				o = dayFirst
			case b > 12 && a <= 12:
				o = monthFirst
			default:
				continue
			}
			if order != orderUnknown && order != o {
				return orderMixed
			}
			order = o
		}
	}
	return order
}

// date reads a date cell: a date cell or serial number (1900 or 1904
// system), an ISO date cell (t="d"), or text as above. Blank gives nil with
// no error.
func (r *reader) date(t *table, rw row, col int, order dayOrder) (*time.Time, bool) {
	v, err := t.value(rw, col)
	if err != nil {
		r.p.add("%s", t.cellError(rw, col, err))
		return nil, false
	}
	raw := cleanText(v.Text)
	var d time.Time
	bad := func(why problem.Text) (*time.Time, bool) {
		r.p.add("%s: %q is not a date%s", t.loc(rw, col), raw, why)
		return nil, false
	}
	switch v.Kind {
	case xlsx.Blank:
		return nil, true
	case xlsx.Number:
		days, err := xlsx.ParseStored(v.Text)
		if err != nil || days.IsNegative() || days.GreaterThan(decimal.New(2958465, 0)) {
			return bad(notDate)
		}
		epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		if r.b.xb != nil && r.b.xb.Date1904 {
			epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		d = epoch.AddDate(0, 0, int(days.IntPart()))
	case xlsx.Date, xlsx.Text:
		var ok bool
		var why problem.Text
		if d, ok, why = parseDateText(raw, order); !ok {
			return bad(why)
		}
	default:
		return bad(notDate)
	}
	if d.Year() < 1990 || d.Year() > 2100 {
		r.p.add("%s: %q is the date %s, outside 1990-2100: a typing slip?", t.loc(rw, col), raw, d.Format("2006-01-02"))
		return nil, false
	}
	return &d, true
}

// notDate and noSuchDay say why a date is not read, and how to write one.
var (
	notDate   = problem.New(" (write 2026-10-31 or 31.10.2026, or format the cell as a date)")
	noSuchDay = problem.New(": no such day (write 2026-10-31 or 31.10.2026, or format the cell as a date)")
)

// parseDateText reads a date written as text; why says what is wrong with
// a date that is not read.
func parseDateText(s string, order dayOrder) (time.Time, bool, problem.Text) {
	var y, m, d int
	if p := isoDate.FindStringSubmatch(s); p != nil {
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
		if p[8] != "" && atoi(p[4])+atoi(p[5])+atoi(p[6])+atoi(p[7]) != 0 {
			// 2026-10-31T21:00:00Z is 1 November in Moscow: the day
			// depends on a time zone premia does not know.
			return time.Time{}, false, problem.New(": a moment with a time zone, whose day depends on the zone; write the date alone (2026-10-31)")
		}
	} else if p := ruDate.FindStringSubmatch(s); p != nil {
		y, m, d = atoi(p[3]), atoi(p[2]), atoi(p[1])
	} else if p := slashDate.FindStringSubmatch(s); p != nil {
		a, b := atoi(p[1]), atoi(p[2])
		y = atoi(p[3])
		if len(p[3]) == 2 {
			y += 2000
		}
		switch {
		case order == orderMixed:
			return time.Time{}, false, problem.New(": the table writes some dates month first and others day first")
		case a > 12 || order == dayFirst:
			d, m = a, b
		case b > 12 || order == monthFirst || a == b:
			m, d = a, b
		default:
			return time.Time{}, false, problem.New(": it may be %s or %s, and no other date in the table tells which", isoOf(y, a, b), isoOf(y, b, a))
		}
	} else {
		return time.Time{}, false, notDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false, noSuchDay
	}
	return t, true, problem.Text{}
}

// showDate shows a date serial as a clerk's workbook shows it, 31.10.2026.
func (r *reader) showDate(serial string) any {
	days, err := xlsx.ParseStored(serial)
	if err != nil || days.IsNegative() || days.GreaterThan(decimal.New(2958465, 0)) {
		return problem.New("a date")
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if r.b.xb != nil && r.b.xb.Date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return epoch.AddDate(0, 0, int(days.IntPart())).Format("02.01.2006")
}

func isoOf(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(s, "0"))
	return n
}
