package main

import (
	"github.com/premia-pay/premia/plan"
)

// Clawbacks (docs/calculation.md §5.18, "Clawbacks as a line of their
// own"): a clawback's explanation says, of each deal it takes back from,
// whether the deal's period is closed in the book. The command lists the
// book's closed periods here and hands them to calc in calc.Input.Closed;
// calc reads no file.

// closedPeriods are the run's book's closed periods by name (2026-09 →
// closed/2026-09.json) when the scheme has a clawback; nil outside a book,
// or for a scheme without one.
func closedPeriods(d *deps, s *plan.Scheme) map[string]string {
	if d.book == nil || !s.Uses("", plan.ComponentClawback, "") {
		return nil
	}
	return d.book.b.ClosedPeriods()
}
