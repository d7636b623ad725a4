// Package period is the pay period: a calendar month (2026-10), quarter
// (2026-Q4) or year (2026). It owns the one text form of a period (Parse,
// String), its days (First, Last, Days, Contains), the months it holds, the
// period before it and the same period a year earlier, and the kinds of
// period a scheme pays by (Kind).
//
// It is domain-free: it knows calendars, not pay, files or languages. Its
// errors are problem.Text messages (English formats and arguments), which
// whoever shows them words in the run's language. It imports nothing of
// premia but internal/problem; plan, calc, factsheet and cmd/premia import
// it, so that a period is parsed in one place and means one thing
// everywhere.
//
// A period is a value (comparable with ==, usable as a map key); its zero
// value is "no period" (IsZero), whose String is "".
package period
