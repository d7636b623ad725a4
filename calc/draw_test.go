package calc

import "testing"

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
