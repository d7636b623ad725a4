package period

import (
	"strconv"
	"strings"
	"time"

	"github.com/premia-pay/premia/internal/problem"
)

// Kind is how long a period is: a month, a quarter or a year. A scheme
// pays each of its lines by one kind (plan: period: quarter).
type Kind uint8

// The kinds, shortest first; the zero Kind is none.
const (
	Month Kind = 1 + iota
	Quarter
	Year
)

// Kinds are the kinds, shortest first.
var Kinds = []Kind{Month, Quarter, Year}

// String is the kind's word as a scheme writes it: month, quarter, year
// ("" for none).
func (k Kind) String() string {
	switch k {
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return ""
}

// Word is the kind's word in a message ("month"), which a message in
// another language words in its own.
func (k Kind) Word() problem.Text {
	switch k {
	case Quarter:
		return problem.New("quarter")
	case Year:
		return problem.New("year")
	}
	return problem.New("month")
}

// ParseKind reads a kind's word (month, quarter, year).
func ParseKind(word string) (Kind, bool) {
	for _, k := range Kinds {
		if word == k.String() {
			return k, true
		}
	}
	return 0, false
}

// Months is how many months a period of the kind holds: 1, 3 or 12.
func (k Kind) Months() int {
	switch k {
	case Month:
		return 1
	case Quarter:
		return 3
	case Year:
		return 12
	}
	return 0
}

// Period is a calendar month, quarter or year. The zero Period is none.
type Period struct {
	year int
	kind Kind
	n    int // the month 1-12 or the quarter 1-4; 0 for a year
}

// Of is the period of the kind that holds the day t (its calendar date,
// whatever its clock time or zone): Of(t, Month) is t's month.
func Of(t time.Time, k Kind) Period {
	switch k {
	case Month:
		return Period{t.Year(), Month, int(t.Month())}
	case Quarter:
		return Period{t.Year(), Quarter, (int(t.Month())-1)/3 + 1}
	case Year:
		return Period{t.Year(), Year, 0}
	}
	return Period{}
}

// MonthOf is the month m (1-12) of year y; QuarterOf the quarter q (1-4);
// YearOf the year. They panic on a month or quarter out of range: for
// text, use Parse.
func MonthOf(y, m int) Period { return must(y, Month, m, m >= 1 && m <= 12) }

// QuarterOf is the quarter q (1-4) of year y.
func QuarterOf(y, q int) Period { return must(y, Quarter, q, q >= 1 && q <= 4) }

// YearOf is the year y.
func YearOf(y int) Period { return Period{y, Year, 0} }

func must(y int, k Kind, n int, ok bool) Period {
	if !ok {
		panic("period: " + k.String() + " " + strconv.Itoa(n) + " out of range")
	}
	return Period{y, k, n}
}

// Forms is how a period is written, for messages and --help.
const Forms = "YYYY-MM, YYYY-Qn or YYYY"

// Error is a text that is not a period: the text and why.
type Error struct {
	Text   string
	Reason problem.Text // what is wrong and how to write it
}

func (e *Error) Error() string { return e.In(nil) }

// In is the error in the language of w (problem.In words it so).
func (e *Error) In(w problem.Words) string { return problem.New("%q: %s", e.Text, e.Reason).In(w) }

// notPeriod is the reason of a text that is no period at all.
var notPeriod = problem.New("not a period: write a month as 2026-10, a quarter as 2026-Q4 or a year as 2026")

// Parse reads a period as premia writes it: 2026-10 (a month), 2026-Q4 (a
// quarter, q in either case) or 2026 (a year), with a four-digit year.
// Spaces around it are ignored. The error is an *Error.
func Parse(text string) (Period, error) {
	t := strings.TrimSpace(text)
	year, rest, ok := strings.Cut(t, "-")
	if !fourDigits(year) {
		return Period{}, &Error{text, notPeriod}
	}
	y, _ := strconv.Atoi(year)
	switch {
	case !ok:
		return Period{y, Year, 0}, nil
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q') && digit(rest[1]):
		q := int(rest[1] - '0')
		if q < 1 || q > 4 {
			return Period{}, &Error{text, problem.New("there is no quarter %s: a quarter is Q1 to Q4 (2026-Q4)", rest[1:])}
		}
		return Period{y, Quarter, q}, nil
	case len(rest) == 2 && digit(rest[0]) && digit(rest[1]):
		m, _ := strconv.Atoi(rest)
		if m < 1 || m > 12 {
			return Period{}, &Error{text, problem.New("there is no month %s: a month is 01 to 12 (2026-10)", rest)}
		}
		return Period{y, Month, m}, nil
	}
	return Period{}, &Error{text, notPeriod}
}

func digit(c byte) bool { return c >= '0' && c <= '9' }

// fourDigits: a year from 1000 to 9999.
func fourDigits(s string) bool {
	if len(s) != 4 || s[0] == '0' {
		return false
	}
	for i := range len(s) {
		if !digit(s[i]) {
			return false
		}
	}
	return true
}

// String is the period as Parse reads it: 2026-10, 2026-Q4, 2026; "" for
// none.
func (p Period) String() string {
	switch p.kind {
	case Month:
		return strconv.Itoa(p.year) + "-" + pad2(p.n)
	case Quarter:
		return strconv.Itoa(p.year) + "-Q" + strconv.Itoa(p.n)
	case Year:
		return strconv.Itoa(p.year)
	}
	return ""
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// MarshalText is String, for JSON and YAML.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText is Parse; empty text is no period.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	q, err := Parse(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// IsZero reports whether p is no period.
func (p Period) IsZero() bool { return p.kind == 0 }

// Kind is the period's kind.
func (p Period) Kind() Kind { return p.kind }

// Year is the period's calendar year.
func (p Period) Year() int { return p.year }

// Number is the month (1-12) of a month, the quarter (1-4) of a quarter,
// 0 for a year.
func (p Period) Number() int { return p.n }

// firstMonth is the period's first month, 1-12.
func (p Period) firstMonth() int {
	switch p.kind {
	case Month:
		return p.n
	case Quarter:
		return 3*(p.n-1) + 1
	}
	return 1
}

// First is the period's first day, at midnight UTC.
func (p Period) First() time.Time {
	if p.IsZero() {
		return time.Time{}
	}
	return time.Date(p.year, time.Month(p.firstMonth()), 1, 0, 0, 0, 0, time.UTC)
}

// Last is the period's last day, at midnight UTC.
func (p Period) Last() time.Time {
	if p.IsZero() {
		return time.Time{}
	}
	return p.First().AddDate(0, p.kind.Months(), -1)
}

// Days is the number of calendar days in the period: 28 to 31 for a
// month, 90 to 92 for a quarter, 365 or 366 for a year.
func (p Period) Days() int {
	if p.IsZero() {
		return 0
	}
	return int(p.Last().Sub(p.First())/(24*time.Hour)) + 1
}

// Contains reports whether the calendar date of t (its year, month and day
// as written, whatever its clock time or zone) falls in the period.
func (p Period) Contains(t time.Time) bool {
	if p.IsZero() {
		return false
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(p.First()) && !day.After(p.Last())
}

// Within reports whether every day of p is a day of q: a month is within
// its quarter and its year, and every period within itself.
func (p Period) Within(q Period) bool {
	return !p.IsZero() && !q.IsZero() && !p.First().Before(q.First()) && !p.Last().After(q.Last())
}

// Months are the months the period holds, in order: itself for a month.
func (p Period) Months() []Period {
	if p.IsZero() {
		return nil
	}
	out := make([]Period, p.kind.Months())
	for i := range out {
		out[i] = Period{p.year, Month, p.firstMonth() + i}
	}
	return out
}

// Enclosing is the period of kind k that holds p's first day: the quarter
// or year of a month. For a k no longer than p's own kind it is the period
// of kind k holding p's first day (a quarter's first month).
func (p Period) Enclosing(k Kind) Period {
	if p.IsZero() {
		return Period{}
	}
	return Of(p.First(), k)
}

// Prev is the period of the same kind just before p: 2026-09 before
// 2026-10, 2026-Q3 before 2026-Q4, 2025 before 2026.
func (p Period) Prev() Period { return p.shift(-1) }

// Ends reports whether p is the last period of its kind in the period of
// kind k enclosing it: March, June, September and December end their
// quarters; December ends the year.
func (p Period) Ends(k Kind) bool { return Of(p.Enclosing(k).Last(), p.kind) == p }

// Next is the period of the same kind just after p.
func (p Period) Next() Period { return p.shift(1) }

// SameLastYear is the same period a year earlier: 2025-10 for 2026-10,
// 2025-Q4 for 2026-Q4, 2025 for 2026.
func (p Period) SameLastYear() Period {
	if p.IsZero() {
		return p
	}
	p.year--
	return p
}

// shift is the period d periods of p's kind away.
func (p Period) shift(d int) Period {
	switch p.kind {
	case Month, Quarter:
		per := 12 / p.kind.Months()
		i := p.year*per + p.n - 1 + d
		return Period{floorDiv(i, per), p.kind, i - floorDiv(i, per)*per + 1}
	case Year:
		return Period{p.year + d, Year, 0}
	}
	return p
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Compare orders periods as a book lists them: by their last day, and a
// shorter period before a longer one ending the same day (2026-10,
// 2026-11, 2026-12, 2026-Q4, 2026). It returns -1, 0 or +1; no period
// comes first.
func Compare(a, b Period) int {
	switch {
	case a == b:
		return 0
	case a.IsZero():
		return -1
	case b.IsZero():
		return 1
	}
	if c := a.Last().Compare(b.Last()); c != 0 {
		return c
	}
	if a.kind < b.kind {
		return -1
	}
	return 1
}
