package calc

import (
	"testing"
)

// clawbackYAML is oracleYAML with roles whose per-deal commission has a
// clawback (docs/calculation.md §5.18, "Clawbacks as a line of their
// own"), on the marginal Oracle ladder: 200 pays 2, 1,000 pays 10, 2,500
// pays 10 + 30 = 40, 3,000 pays 10 + 40 = 50, 4,500 pays 10 + 40 + 45 = 95.
const clawbackYAML = oracleYAML + `  - id: claw
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, ladder: split}
      - {id: clawback, type: clawback, of: commission}
  - id: claw_paid
    fixed: 0
    components:
      - {id: clawback, type: clawback, of: commission}
      - {id: commission, type: commission, per: deal, ladder: split, paid_only: true}
`

// clawbackQuarterYAML pays the clawback role by the quarter.
const clawbackQuarterYAML = oracleYAML + `  - id: claw_q
    fixed: 0
    period: quarter
    components:
      - {id: commission, type: commission, per: deal, ladder: split}
      - {id: clawback, type: clawback, of: commission}
`

func runClawback(t *testing.T, in *Input) *EmployeeResult {
	t.Helper()
	s := mustScheme(t, clawbackYAML)
	return mustRun(t, s, in).Employees[0]
}

// clawedSteps are the clawback's steps of each deal.
func clawedSteps(e *EmployeeResult) []Step {
	var out []Step
	for _, st := range e.Steps {
		if st.Phrase.Msg == MsgClawbackDeal {
			out = append(out, st)
		}
	}
	return out
}

// TestRunClawbackOracle is §5.18's example with the clawback a line of its
// own (golden explain-deals-clawback): T6, 4,500 of September, paid 95
// then, credited 2,000 in October: L(2,500) − L(4,500) = 40 − 95 = −55,
// the clawback's. D2, 1,500 made and credited in full in October: the
// commission of the net deal, L(0) = 0; T1, 200: 2. So the commission is
// 0 + 2 = 2.00, the clawback −55.00, and the total −53.00, as the single
// folded line was.
func TestRunClawbackOracle(t *testing.T) {
	deals := []Deal{
		deal("T6", "2026-09-20", "4500"), credit("T6", "2026-10-05", "-2000"),
		deal("D2", "2026-10-03", "1500"), credit("D2", "2026-10-25", "-1500"),
		deal("T1", "2026-10-01", "200"),
	}
	for _, tc := range []struct {
		name   string
		closed map[string]string
		status Msg
	}{
		{"outside a book", nil, MsgNone},
		{"September closed", map[string]string{"2026-09": "closed/2026-09.json"}, MsgPeriodClosed},
		{"a book, September open", map[string]string{"2026-08": "closed/2026-08.json"}, MsgPeriodOpen},
	} {
		e := runClawback(t, &Input{Period: "2026-10", Employees: []Employee{withDeals("claw", deals...)}, Closed: tc.closed})
		if got := componentOf(t, e, "commission"); !got.Equal(d("2")) {
			t.Errorf("%s: commission %s, want 2", tc.name, got)
		}
		if got := componentOf(t, e, "clawback"); !got.Equal(d("-55")) {
			t.Errorf("%s: clawback %s, want -55", tc.name, got)
		}
		if !e.Total.Equal(d("-53")) {
			t.Errorf("%s: total %s, want -53", tc.name, e.Total)
		}
		steps := clawedSteps(e)
		if len(steps) != 1 {
			t.Fatalf("%s: %d clawback steps of a deal, want 1 (T6)", tc.name, len(steps))
		}
		a := steps[0].Phrase.Args
		if a[1] != "T6" || a[3] != "2026-09" {
			t.Errorf("%s: the step names deal %v of %v, want T6 of 2026-09", tc.name, a[1], a[3])
		}
		if st := a[4].(Phrase); st.Msg != tc.status {
			t.Errorf("%s: the period's status is message %d, want %d", tc.name, st.Msg, tc.status)
		} else if tc.status == MsgPeriodClosed && st.Args[0] != "closed/2026-09.json" {
			t.Errorf("%s: the closed period cites %v, want closed/2026-09.json", tc.name, st.Args[0])
		}
		// now 40, before 95, the change −55.
		if a[9].(Q).Cmp(Dec(d("40"))) != 0 || a[10].(Q).Cmp(Dec(d("95"))) != 0 || a[11].(Q).Cmp(Dec(d("-55"))) != 0 {
			t.Errorf("%s: now %v, before %v, change %v; want 40, 95, -55", tc.name, a[9], a[10], a[11])
		}
	}
	// Without the clawback the same ledger is one line: −55 + 0 + 2 = −53.
	e := runDeals(t, "2026-10", withDeals("marginal", deals...))
	if got := componentOf(t, e, "commission"); !got.Equal(d("-53")) {
		t.Errorf("without a clawback: commission %s, want -53", got)
	}
}

// TestRunClawbackPaidOnly: on paid deals (paid_only) the net change of an
// earlier deal in the period decides its line. October 2026:
//
//   - D, 4,500 of September (95), 1,500 paid in September: 95 × 1,500 /
//     4,500 = 31.666…. In October 1,000 more is paid and 2,000 credited:
//     the customer owes 2,500 and has paid 2,500, so all of L(2,500) = 40
//     is earned; 40 − 31.666… = +8.333…: above 0, the commission's.
//   - E, 3,000 of September (50), 1,000 paid in September: 50 × 1,000 /
//     3,000 = 16.666…. In October 1,000 more is paid and 2,000 credited:
//     owed 1,000, paid 2,000 (a refund is due), so L(1,000) = 10 is
//     earned; 10 − 16.666… = −6.666…: below 0, the clawback's.
//   - T1, 200 of October, paid in October: 2.
//
// The commission: 8.333… + 2 = 10.333… → 10.33; the clawback −6.666… →
// −6.67; together 3.66. Folded into one line it was 8.333… + 2 − 6.666… =
// 3.666… → 3.67: each line rounded once, the two differ from the one by
// the rounding of each (a cent here).
func TestRunClawbackPaidOnly(t *testing.T) {
	dd, ee := deal("D", "2026-09-10", "4500"), deal("E", "2026-09-05", "3000")
	deals := []Deal{
		paidOn(dd, "2026-09-15", "1500"), paidOn(dd, "2026-10-10", "1000"), credit("D", "2026-10-12", "-2000"),
		paidOn(ee, "2026-09-20", "1000"), paidOn(ee, "2026-10-15", "1000"), credit("E", "2026-10-20", "-2000"),
		paidOn(deal("T1", "2026-10-01", "200"), "2026-10-01", ""),
	}
	e := runClawback(t, &Input{Period: "2026-10", Employees: []Employee{withDeals("claw_paid", deals...)}})
	if got := componentOf(t, e, "commission"); !got.Equal(d("10.33")) {
		t.Errorf("commission %s, want 10.33", got)
	}
	if got := componentOf(t, e, "clawback"); !got.Equal(d("-6.67")) {
		t.Errorf("clawback %s, want -6.67", got)
	}
	if !e.Total.Equal(d("3.66")) {
		t.Errorf("total %s, want 3.66", e.Total)
	}
	if steps := clawedSteps(e); len(steps) != 1 || steps[0].Phrase.Args[1] != "E" {
		t.Errorf("clawback steps %v, want E's alone", steps)
	}
	// The folded line of the same ledger: 3.666… → 3.67.
	f := runDeals(t, "2026-10", withDeals("paid", deals...))
	if got := componentOf(t, f, "commission"); !got.Equal(d("3.67")) {
		t.Errorf("folded: commission %s, want 3.67", got)
	}
}

// TestRunClawbackOlderAndLater: a deal two periods back is clawed back by
// what it had earned before this period (95, by the end of August and
// still at the end of September); the step shows its own period's figure
// and, since periods came between, the figure before this one. A credit
// note on a deal of this period stays in the commission (4,500 and 2,000
// of it credited, both in October: L(2,500) = 40), and a period with no
// credit note on an earlier deal claws back 0.
func TestRunClawbackOlderAndLater(t *testing.T) {
	e := runClawback(t, &Input{Period: "2026-10", Employees: []Employee{withDeals("claw",
		deal("A", "2026-08-20", "4500"), credit("A", "2026-10-05", "-4500"),
		deal("N", "2026-10-02", "4500"), credit("N", "2026-10-06", "-2000"),
	)}})
	// A: L(0) − L(4,500) = −95; N: 40.
	if got := componentOf(t, e, "clawback"); !got.Equal(d("-95")) {
		t.Errorf("clawback %s, want -95", got)
	}
	if got := componentOf(t, e, "commission"); !got.Equal(d("40")) {
		t.Errorf("commission %s, want 40", got)
	}
	steps := clawedSteps(e)
	if len(steps) != 1 || steps[0].Phrase.Args[3] != "2026-08" {
		t.Fatalf("clawback steps %v, want A's of 2026-08", steps)
	}
	if since := steps[0].Phrase.Args[7].(Phrase); since.Msg != MsgClawbackBefore || since.Args[0] != "2026-10" {
		t.Errorf("the step's figure before 2026-10 is %v, want MsgClawbackBefore of 2026-10", since)
	}
	// November: nothing happens to A or N: both lines 0.
	n := runClawback(t, &Input{Period: "2026-11", Employees: []Employee{withDeals("claw",
		deal("A", "2026-08-20", "4500"), credit("A", "2026-10-05", "-4500"),
	)}})
	if c, cb := componentOf(t, n, "commission"), componentOf(t, n, "clawback"); !c.IsZero() || !cb.IsZero() {
		t.Errorf("November: commission %s, clawback %s, want 0 and 0", c, cb)
	}
	// By the quarter: T6 of Q3 (September) credited in Q4 is the
	// clawback's (−55), its period 2026-Q3.
	q := mustRun(t, mustScheme(t, clawbackQuarterYAML), &Input{Period: "2026-Q4", Employees: []Employee{withDeals("claw_q",
		deal("T6", "2026-09-20", "4500"), credit("T6", "2026-11-05", "-2000"),
	)}}).Employees[0]
	if got := componentOf(t, q, "clawback"); !got.Equal(d("-55")) {
		t.Errorf("2026-Q4: clawback %s, want -55", got)
	}
	if steps := clawedSteps(q); len(steps) != 1 || steps[0].Phrase.Args[3] != "2026-Q3" {
		t.Errorf("2026-Q4: clawback steps %v, want T6's of 2026-Q3", steps)
	}
}
