package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exampleBook is the year of Northwind's field sales (examples/book/northwind), its
// first quarter closed.
const exampleBook = "../../examples/book/northwind"

// bookLines runs calc --book on the example for period p and returns each
// employee's figures by "ID field" (bonus, total, a KPI's "sales.norm", a
// component's amount by its id and "draw.closing").
func bookLines(t *testing.T, p string) map[string]string {
	t.Helper()
	code, stdout, stderr := runAt("2026-12-31 18:00", "calc", "--book", exampleBook, "--period", p, "--format", "json")
	if code != 0 {
		t.Fatalf("calc --period %s: exit %d\n%s", p, code, stderr)
	}
	var res struct {
		Employees []struct {
			ID, Bonus, Total string
			KPIs             []struct{ ID, Norm, Fact string }
			Components       []struct {
				ID, Amount     string
				ClosingBalance *string `json:"closing_balance"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range res.Employees {
		out[e.ID+" bonus"], out[e.ID+" total"] = e.Bonus, e.Total
		for _, k := range e.KPIs {
			out[e.ID+" "+k.ID+".norm"], out[e.ID+" "+k.ID+".fact"] = k.Norm, k.Fact
		}
		for _, c := range e.Components {
			out[e.ID+" "+c.ID] = c.Amount
			if c.ClosingBalance != nil {
				out[e.ID+" "+c.ID+".closing"] = *c.ClosingBalance
			}
		}
	}
	return out
}

// TestBookExample checks every figure examples/book/README.md walks
// through, each worked by hand here as there. The scheme: salary 50,000;
// bonus 30,000 × K, K = 0.7 × min(1.2, sales / norm) + 0.3 × min(1.2,
// (visits − 20) / 20), the sales norm 1.05 × the month before's sales (the
// Plans table's in a first month); 2 % of each deal; a clawback line; a
// quarterly true-up of the bonus; a recoverable draw of 25,000.
func TestBookExample(t *testing.T) {
	want := map[string]map[string]string{
		// The growth KPI, Anna: January's norm is the Plans
		// table's, 420,000; 440,000 sold: 440/420 × 0.7 + (42 − 20)/20 =
		// 1.1 × 0.3 → K = 0.733333… + 0.33 = 1.063333…, bonus 31,900.00.
		"2026-01": {"R-01 sales.norm": "420000", "R-01 bonus": "31900.00",
			// Clara: 150,000 of 315,000: 0.7 × 10/21 = 1/3; 22
			// visits: 0.1 × 0.3 = 0.03; K 0.363333…, bonus 10,900.00;
			// commission 3,000; earned 13,900, the draw advances 11,100.
			"R-03 bonus": "10900.00", "R-03 draw": "11100.00", "R-03 draw.closing": "11100.00"},
		// February's norm grows over January's sales, read from the
		// snapshot: 1.05 × 440,000 = 462,000.
		"2026-02": {"R-01 sales.norm": "462000",
			// Boris joins: norm 200,000 (Plans), 100,000 sold:
			// 0.35; 24 visits: 0.06; K 0.41, bonus 12,300; commission
			// 2,000; earned 14,300: advance 10,700, owed 10,700.
			"R-02 bonus": "12300.00", "R-02 commission": "2000.00", "R-02 draw": "10700.00", "R-02 draw.closing": "10700.00",
			// Clara: norm 1.05 × 150,000 = 157,500; 330,000 sold caps
			// at 1.2 × 0.7 = 0.84; 36 visits: 0.8 × 0.3 = 0.24; K 1.08,
			// bonus 32,400; commission 6,600; earned 39,000, 14,000
			// above the draw: the 11,100 owed is recovered.
			"R-03 sales.norm": "157500", "R-03 bonus": "32400.00", "R-03 draw": "-11100.00", "R-03 draw.closing": "0.00"},
		"2026-03": {
			// Boris: norm 1.05 × 100,000 = 105,000; 90,000 sold: 6/7 ×
			// 0.7 = 0.6; 24 visits 0.06; K 0.66, bonus 19,800;
			// commission 1,800. His quarter (February and March):
			// 190,000 / 305,000 × 0.7 + (48 − 40) / (80 − 40) × 0.3 =
			// 0.496066 × 60,000 = 29,763.93 < 32,100 paid: true-up 0.
			// Earned 21,600: advance 3,400, owed 14,100.
			"R-02 bonus": "19800.00", "R-02 commission": "1800.00", "R-02 trueup": "0.00", "R-02 draw": "3400.00", "R-02 draw.closing": "14100.00",
			// The true-up, Clara: norm 1.05 × 330,000 = 346,500; 450,000
			// sold caps at 1.2; 50 visits caps at 1.2: K 1.2, bonus
			// 36,000. The quarter: 930,000 / (315,000 + 157,500 +
			// 346,500 = 819,000) = 1.135531… × 0.7 = 0.794872…; visits
			// (108 − 60) / (120 − 60) = 0.8 × 0.3 = 0.24; K 1.034872…
			// × 90,000 = 93,138.461…; less 10,900 + 32,400 + 36,000 =
			// 79,300 paid: 13,838.46. Total 50,000 + 36,000 + 9,000 +
			// 13,838.46 = 108,838.46 (the draw adds nothing).
			"R-03 sales.norm": "346500", "R-03 bonus": "36000.00", "R-03 trueup": "13838.46", "R-03 draw": "0.00", "R-03 total": "108838.46"},
		"2026-04": {
			// The clawback, Anna: April's own deals 505,000 × 2 % =
			// 10,100; the January deal NW-2601-01-1 credited 50,000:
			// 50,000 × 2 % = −1,000 taken back.
			"R-01 commission": "10100.00", "R-01 clawback": "-1000.00",
			// Boris: norm 1.05 × 90,000 = 94,500; 100,000 sold: 0.7 ×
			// 100/94.5 = 0.740741; 30 visits: 0.15; K 0.890741, bonus
			// 26,722.22; commission 2,000; earned 28,722.22: 3,722.22
			// recovered, 14,100 − 3,722.22 = 10,377.78 owed.
			"R-02 bonus": "26722.22", "R-02 commission": "2000.00", "R-02 draw": "-3722.22", "R-02 draw.closing": "10377.78"},
		"2026-05": {
			// Anna: 1.05 × 505,000 (April's fact sheet) = 530,250.
			"R-01 sales.norm": "530250",
			// Boris: norm 105,000; 120,000 sold: 0.8; 36 visits: 0.24;
			// K 1.04, bonus 31,200; commission 2,400; earned 33,600:
			// 8,600 recovered, 1,777.78 owed.
			"R-02 bonus": "31200.00", "R-02 commission": "2400.00", "R-02 draw": "-8600.00", "R-02 draw.closing": "1777.78"},
		"2026-06": {
			// Boris: norm 126,000; 130,000 sold: 0.7 × 130/126 =
			// 0.722222; 38 visits: 0.27; K 0.992222, bonus 29,766.67;
			// commission 2,600; his quarter: 350,000 / 325,500 ×0.7 =
			// 0.752688 + (104 − 60) / 60 × 0.3 = 0.22 → 0.972688 ×
			// 90,000 = 87,541.94 < 87,688.89 paid: true-up 0. Earned
			// 32,366.67: the last 1,777.78 recovered, nothing owed.
			"R-02 bonus": "29766.67", "R-02 commission": "2600.00", "R-02 trueup": "0.00", "R-02 draw": "-1777.78", "R-02 draw.closing": "0.00", "R-02 total": "80588.89"},
	}
	for p, lines := range want {
		got := bookLines(t, p)
		for k, w := range lines {
			if got[k] != w {
				t.Errorf("%s %s: got %q, want %q", p, k, got[k], w)
			}
		}
	}
}

// TestBookExampleExplained: the steps the README quotes, each citing the
// period it came from.
func TestBookExampleExplained(t *testing.T) {
	for _, c := range []struct{ period, id, want string }{
		// The growth KPI over April's open fact sheet.
		{"2026-05", "R-01", "sales: norm = 1.05 × 505000 (the fact of 2026-04, grown 5%) = 530250"},
		// The clawback of a deal of January, which is closed.
		{"2026-04", "R-01", "clawback: deal NW-2601-01-1 (Alfa Trade, 2026-01-12) of 2026-01, closed (closed/2026-01.json)"},
		{"2026-04", "R-01", "now 120000 − 50000 credited = 70000 × 0.02 = 1400; clawed back 1400 − 2400 = -1000"},
		// The draw's balance carried from March's snapshot.
		{"2026-04", "R-02", "draw: owed 14100.00 at the start, the closing balance of 2026-03 (closed/2026-03.json)"},
		// The true-up: January and February as paid, the quarter's sums.
		{"2026-03", "R-03", "trueup, 2026-01: variable part 30000.00, bonus paid 10900.00 (closed/2026-01.json, closed: as paid)"},
		{"2026-03", "R-03", "norm 315000 + 157500 + 346500 = 819000"},
		{"2026-03", "R-03", "paid 10900.00 + 32400.00 + 36000.00 = 79300.00"},
	} {
		code, stdout, stderr := runAt("2026-12-31 18:00", "explain", "--book", exampleBook, "--period", c.period, c.id)
		if code != 0 {
			t.Fatalf("explain %s %s: exit %d\n%s", c.period, c.id, code, stderr)
		}
		if !strings.Contains(stdout, c.want) {
			t.Errorf("explain %s %s lacks %q:\n%s", c.period, c.id, c.want, stdout)
		}
	}
}

// TestBookExampleClosedQuarter: the closed quarter's snapshots are the
// figures the book gives now (the check passes, exit 0), and trend runs
// over the whole year.
func TestBookExampleClosedQuarter(t *testing.T) {
	for _, p := range []string{"2026-01", "2026-02", "2026-03"} {
		code, _, stderr := runAt("2026-12-31 18:00", "calc", "--book", exampleBook, "--period", p, "--format", "csv")
		if code != 0 || !strings.Contains(stderr, "closed") {
			t.Errorf("%s: exit %d\n%s", p, code, stderr)
		}
	}
	code, stdout, stderr := runAt("2026-12-31 18:00", "trend", "--book", exampleBook, "--format", "csv")
	if code != 0 || !strings.Contains(stdout, "2026-12") {
		t.Errorf("trend: exit %d\n%s", code, stderr)
	}
}

// TestBookExamplePlans: May's plans from the book set the sales norm that
// grows over April as calc --book has it, and carry the draws' balances.
// Anna's April sales were 505,000: her May norm is 1.05 × 505,000 =
// 530,250 (the README's figure); Boris's were 100,000: 105,000. Boris
// owes the draw 10,377.78 at the end of April (14,100 less April's
// 3,722.22), and the plan's draw line depends on the fact: it recovers
// from what the 2 % of each deal earns, which no plan foretells.
func TestBookExamplePlans(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plans")
	runOK(t, "plans", "--book", exampleBook, "--period", "2026-05", "-o", dir)
	row := func(file, label string) []string {
		f, err := excelize.OpenFile(filepath.Join(dir, file), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Plan", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) > 0 && r[0] == label {
				return r
			}
		}
		t.Fatalf("%s: no row %q", file, label)
		return nil
	}
	for file, norm := range map[string]string{"R-01.xlsx": "530250", "R-02.xlsx": "105000"} {
		// KPI, Title, Unit, Weight, Base, Norm.
		if r := row(file, "sales"); len(r) < 6 || r[5] != norm {
			t.Errorf("%s: the sales row %q, want the norm %s", file, r, norm)
		}
	}
	if got := bookLines(t, "2026-05")["R-01 sales.norm"]; got != "530250" {
		t.Errorf("calc --book 2026-05: Anna's sales norm %s, want 530250 as in her plan", got)
	}
	if got := bookLines(t, "2026-04")["R-02 draw.closing"]; got != "10377.78" {
		t.Errorf("Boris owes the draw %s at the end of April, want 10377.78", got)
	}
	if r := row("R-02.xlsx", "Guaranteed variable pay"); len(r) < 4 || r[2] != "depends on the fact" {
		t.Errorf("Boris's draw in the plan: %q, want it to depend on the fact", r)
	}
}
