package calc

import (
	"testing"

	"github.com/shopspring/decimal"
)

// drawYAML pays a 2 % commission on sales, with a draw of 5,000 (the
// QuotaPath example: draw 5,000, earned 3,200: top-up 1,800, paid 5,000).
const drawYAML = `version: 1
id: d
currency: RUB
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales}
    components:
      - {id: commission, type: commission, kpi: sales, rate: 0.02}
      - {id: draw, type: draw, amount: 5000}
`

func withBalance(e Employee, balance string) Employee {
	e.DrawBalance = &Value{V: d(balance), Src: Note("Roster!" + e.ID + ".draw_balance")}
	return e
}

func TestRunDraw(t *testing.T) {
	s := mustScheme(t, drawYAML)
	// QuotaPath: 160,000 × 0.02 = 3,200 earned; the draw tops it up by
	// 5,000 − 3,200 = 1,800; paid 5,000.
	e := runOne(t, s, person("A", "rep", "sales=160000"))
	if got := componentOf(t, e, "draw"); !got.Equal(d("1800")) {
		t.Errorf("A: draw line %s, want 1800", got)
	}
	pay(t, "A", e, "0", "0", "5000")
	// Earned 300,000 × 0.02 = 6,000, above the draw: nothing added.
	e = runOne(t, s, person("B", "rep", "sales=300000"))
	if got := componentOf(t, e, "draw"); !got.IsZero() {
		t.Errorf("B: draw line %s, want 0", got)
	}
	pay(t, "B", e, "0", "0", "6000")
	// Half the period worked: the draw is 5,000 × 10/20 = 2,500; earned
	// 100,000 × 0.02 = 2,000; top-up 500.
	e = runOne(t, s, days(person("C", "rep", "sales=100000"), "10", "20"))
	if got := componentOf(t, e, "draw"); !got.Equal(d("500")) {
		t.Errorf("C: draw line %s, want 500", got)
	}
	pay(t, "C", e, "0", "0", "2500")
}

func TestRunRecoverableDraw(t *testing.T) {
	s := mustScheme(t, drawYAML[:len(drawYAML)-2]+", recoverable: true}\n")
	for _, tc := range []struct {
		name, sales, opening string
		line, closing, total string
	}{
		// Earned 3,200 under the draw: an advance of 1,800, now owed.
		{"short", "160000", "0", "1800", "1800", "5000"},
		// Earned 6,000: 1,000 above the draw repays 1,000 of the 1,800
		// owed; paid the draw, 5,000; 800 still owed.
		{"repays part", "300000", "1800", "-1000", "800", "5000"},
		// Owed 500 only: 500 recovered of the 1,000 above; paid 5,500.
		{"repays all", "300000", "500", "-500", "0", "5500"},
		// Short again while owing: 1,800 + 1,800 = 3,600 owed.
		{"short again", "160000", "1800", "1800", "3600", "5000"},
		// Exactly the draw: nothing added, nothing recovered.
		{"at the draw", "250000", "700", "0", "700", "5000"},
	} {
		e := runOne(t, s, withBalance(person(tc.name, "rep", "sales="+tc.sales), tc.opening))
		var line *ComponentResult
		for i := range e.Components {
			if e.Components[i].ID == "draw" {
				line = &e.Components[i]
			}
		}
		if line == nil || line.Balance == nil {
			t.Fatalf("%s: no draw line with a balance: %+v", tc.name, e.Components)
		}
		if !line.Amount.Equal(d(tc.line)) || !line.Balance.Opening.Equal(d(tc.opening)) || !line.Balance.Closing.Equal(d(tc.closing)) {
			t.Errorf("%s: line %s, balance %s → %s; want %s, %s → %s", tc.name, line.Amount, line.Balance.Opening, line.Balance.Closing, tc.line, tc.opening, tc.closing)
		}
		pay(t, tc.name, e, "0", "0", tc.total)
	}
	// Without the opening balance the debt is not known: refused.
	runErr(t, s, &Input{Employees: []Employee{person("X", "rep", "sales=1")}},
		`employee "X": draw "draw" is recoverable, and the roster gives no draw_balance`)
}

// priorYAML is Spiff's cumulative marginal commission: tiers 0–150,000 at
// 4 %, 150,000–250,000 at 6 %, above at 8 %, counted from the year's start.
const priorYAML = `version: 1
id: p
currency: USD
ladders:
  - id: spiff
    type: marginal
    tiers:
      - {from: 0, to: 150000, rate: 0.04}
      - {from: 150000, to: 250000, rate: 0.06}
      - {from: 250000, rate: 0.08}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: spiff, prior: sales_ytd}
`

func TestRunCommissionWithPrior(t *testing.T) {
	s := mustScheme(t, priorYAML)
	for _, tc := range []struct {
		name, sales, prior, want string
	}{
		// Spiff: 145,000 before, a 20,000 deal: 5,000 of it at 4 % (200)
		// and 15,000 at 6 % (900): 1,100.
		{"spiff", "20000", "145000", "1100"},
		// 240,000 before, 30,000 now: 10,000 at 6 % (600) and 20,000 at 8 %
		// (1,600): 2,200.
		{"crosses the top tier", "30000", "240000", "2200"},
		// Nothing before: the ladder on this period alone, 20,000 at 4 %.
		{"first period", "20000", "0", "800"},
	} {
		e := runOne(t, s, person(tc.name, "rep", "sales="+tc.sales, "sales_ytd="+tc.prior))
		if got := componentOf(t, e, "commission"); !got.Equal(d(tc.want)) {
			t.Errorf("%s: commission %s, want %s", tc.name, got, tc.want)
		}
	}
	runErr(t, s, &Input{Employees: []Employee{person("X", "rep", "sales=1")}}, `no value for "sales_ytd"`)
}

// TestRunCarriedDraw: a recoverable draw of 5,000 on a 2 % commission,
// its balance carried month to month by the book (in.Draws), not the
// roster.
func TestRunCarriedDraw(t *testing.T) {
	s := mustScheme(t, drawYAML[:len(drawYAML)-2]+", recoverable: true}\n")
	carried := func(per, owed string) *Input {
		in := &Input{Draws: &Carried{Period: per, Source: "closed/" + per + ".json", Balances: map[string]map[string]decimal.Decimal{}}}
		if owed != "" {
			in.Draws.Balances["A"] = map[string]decimal.Decimal{"draw": d(owed)}
		}
		return in
	}
	type month struct {
		in                   *Input
		sales                string
		line, opening, close string
		total                string
	}
	// Month 1, the book's first: the roster gives 0. Earned 160,000 × 2 %
	// = 3,200 under the draw: advance 5,000 − 3,200 = 1,800; owes 1,800.
	// Month 2, carried 1,800: earned 300,000 × 2 % = 6,000, 1,000 above
	// the draw recovers 1,000; owes 1,800 − 1,000 = 800; paid 5,000.
	// Month 3, carried 800: earned 275,000 × 2 % = 5,500, 500 above the
	// draw recovers 500; owes 800 − 500 = 300; paid 5,000.
	first := &Input{}
	for i, m := range []month{
		{first, "160000", "1800", "0", "1800", "5000"},
		{carried("2026-01", "1800"), "300000", "-1000", "1800", "800", "5000"},
		{carried("2026-02", "800"), "275000", "-500", "800", "300", "5000"},
	} {
		e := person("A", "rep", "sales="+m.sales)
		if m.in == first {
			e = withBalance(e, "0")
		}
		m.in.Employees = []Employee{e}
		res := mustRun(t, s, m.in)
		var line *ComponentResult
		for j := range res.Employees[0].Components {
			if c := &res.Employees[0].Components[j]; c.ID == "draw" {
				line = c
			}
		}
		if line == nil || line.Balance == nil {
			t.Fatalf("month %d: no draw line with a balance", i+1)
		}
		if !line.Amount.Equal(d(m.line)) || !line.Balance.Opening.Equal(d(m.opening)) || !line.Balance.Closing.Equal(d(m.close)) {
			t.Errorf("month %d: line %s, balance %s → %s; want %s, %s → %s", i+1, line.Amount, line.Balance.Opening, line.Balance.Closing, m.line, m.opening, m.close)
		}
		pay(t, "A", res.Employees[0], "0", "0", m.total)
	}

	// A new hire (not in the previous period): opens at 0; earned 3,200,
	// advance 1,800.
	in := carried("2026-02", "")
	in.Employees = []Employee{person("N", "rep", "sales=160000")}
	e := mustRun(t, s, in).Employees[0]
	if got := componentOf(t, e, "draw"); !got.Equal(d("1800")) {
		t.Errorf("new hire: draw line %s, want 1800", got)
	}
	var said bool
	for _, st := range e.Steps {
		said = said || st.Msg == MsgDrawCarriedNone
	}
	if !said {
		t.Errorf("new hire: no step saying the balance opens at 0")
	}

	// The roster's cell equal to the carried balance: fine, 800 carried.
	in = carried("2026-02", "800")
	in.Employees = []Employee{withBalance(person("A", "rep", "sales=275000"), "800.00")}
	if got := componentOf(t, mustRun(t, s, in).Employees[0], "draw"); !got.Equal(d("-500")) {
		t.Errorf("roster agrees: draw line %s, want -500", got)
	}
	// A cell that differs is refused at the cell, naming both figures.
	in = carried("2026-02", "800")
	in.Employees = []Employee{withBalance(person("A", "rep", "sales=275000"), "700")}
	runErr(t, s, in, "Roster!A.draw_balance", "draw_balance 700.00", "differs from 800.00", "closing balance of 2026-02", "closed/2026-02.json")
}
