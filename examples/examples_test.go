package examples_test

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/xlsxtest"
	"github.com/premia-pay/premia/plan"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite each example's facts.xlsx from its facts/*.csv")

// want holds each example's expected pay, worked out by hand in the example's
// README (and docs/calculation.md §5.4 for kotelok): id → {bonus, total}.
var want = map[string]struct {
	period string
	pay    map[string][2]string
	total  string
}{
	"b2b-active": {period: "2026-11", pay: map[string][2]string{
		// K = 0.2 × calls + 0.2 × dm_talks/calls + 0.3 × meetings + 0.3 ×
		// contracts/proposals (indices); bonus 30,000 × K; commission on the
		// month's paid revenue, marginal on attainment: 1 % to 80 %, 2 % to
		// 100 %, 3 % to 150 % (held there). README works each one.
		// K = 0.2×7/6 + 0.2×1.4 + 0.3×1.25 + 0.3×4/3 = 773/600; 1.15 of 1,000,000:
		// 8,000 + 4,000 + 4,500
		"B-01": {"38650.00", "95150.00"},
		// K = 0.2×5/3 (cap) + 0 (0.09 below base) + 0.3×0.25 + 0.3×4/9 = 13/24;
		// 300,000 of 600,000 (the unpaid 200,000 not counted): 0.5 × 600,000 × 1 %
		"B-02": {"16250.00", "59250.00"},
		// K = 0.2×7/15 + 0.2×1.5 + 0.3×1 + 0.3×0 (no proposals: if_zero 0) = 52/75;
		// 250,000 (October's payment not counted) × 1 %
		"B-03": {"20800.00", "63300.00"},
		// K = 0.2×14/15 + 0.2×1.5 + 0.3×1.5 + 0.3×2 (cap) = 461/300; 900,000 of
		// 500,000 held at 150 %: 4,000 + 2,000 + 7,500
		"B-04": {"46100.00", "99600.00"},
		// roster 30,000 / 20,000: K = 0 + 0.2×0.5 + 0.3×0.5 + 0.3×4/9 = 23/60,
		// 20,000 × 23/60 = 7,666.666…; 340,000 of 400,000: 3,200 + 400
		"B-05": {"7666.67", "41266.67"},
	}, total: "358566.67"},
	"inbound": {period: "2026-11", pay: map[string][2]string{
		// Managers: K = 0.3 × conv_eq + 0.3 × conv_svc + 0.4 × revenue
		// (indices; conversions = deals / requests per product line);
		// bonus 35,000 × K. README works each one.
		// 10/40 = 0.25 → 4/3; 8/20 = 0.4 → 1.5; 950,000 → 1.3: K = 1.37
		"1041": {"47950.00", "82950.00"},
		// 2/50 = 0.04 below the base 0.05 → 0; 5/25 = 0.2 → 0.5; 420,000 → 0.24:
		// K = 0.246
		"1042": {"8610.00", "43610.00"},
		// 12/30 = 0.4 → 7/3 (the target); no service requests: if_zero 0.30, the
		// norm → 1; 1,300,000 → 2, capped at 1.8: K = 0.7 + 0.3 + 0.72 = 1.72
		"1043": {"60200.00", "95200.00"},
		// 9/45 = 0.2 → 1; 7/27 → 43/54; 700,000 → 0.8: K = 773/900,
		// 35,000 × 773/900 = 30,061.111…
		"1044": {"30061.11", "65061.11"},
		// The head: the department's sums over the four managers: revenue
		// 3,370,000 → 137/150; equipment 33/165 = 0.2 → 1; service 20/72 = 5/18
		// → 23/27: K = 0.5×137/150 + 0.25 + 0.25×23/27 = 2483/2700;
		// 40,000 × 2483/2700 = 36,785.185…
		"1040": {"36785.19", "96785.19"},
	}, total: "383606.30"},
	"travel-team": {period: "2026-11", pay: map[string][2]string{
		// Travellers: K = 0.2 × travel_days + 0.3 × meetings / travel_days +
		// 0.5 × revenue (indices); bonus 40,000 × K. README works each one.
		// 12 days → 1.5; 30/12 = 2.5 → 1.5; 1,500,000 → 10/7: K = 41/28,
		// 40,000 × 41/28 = 58,571.428…
		"2002": {"58571.43", "98571.43"},
		// 8 → 0.5; 12/8 = 1.5 → 0.5; 900,000 → 4/7: K = 15/28, 21,428.571…
		"2003": {"21428.57", "61428.57"},
		// no day on the road: 0, and 0 / 0 meetings a day: if_zero 0;
		// 700,000 → 2/7: K = 1/7, 5,714.285…
		"2004": {"5714.29", "45714.29"},
		// 12 of 20 days: fixed and variable × 3/5 = 24,000; personal plans
		// 3 / 6 / 8 days → 1, 300,000 / 720,000 revenue → 25/21; 15/6 = 2.5
		// against everyone's rate plan → 1.5: K = 523/420, 29,885.714…
		"2005": {"29885.71", "53885.71"},
		// The head: 57 meetings over 26 days summed over the four below →
		// (57/26 − 1) / 1 = 31/26: 20,000 × 31/26 = 23,846.153…; override
		// 0.005 × (1,500,000 + 900,000 + 700,000 + 800,000) = 19,500
		"2001": {"23846.15", "103346.15"},
	}, total: "362946.15"},
	"vip-accounts": {period: "2026-11", pay: map[string][2]string{
		// variable 60 % of fixed; K = 0.4 × questionnaires + 0.35 ×
		// found / clients + 0.25 × solved / found (indices); 3 % of the
		// extra deals' revenue; 10 % of fixed when 3 extra deals are made.
		// README works each one.
		// K = 0.4×8/7 + 0.35×4/3 + 0.25×10/9 = 757/630, 30,000 × 757/630 =
		// 36,047.619…; + 9,600 + 5,000
		"V-01": {"36047.62", "100647.62"},
		// fixed 60,000, variable 36,000; every index at its cap: K = 0.4×12/7 +
		// 0.35×2 + 0.25×5/3 = 757/420, 64,885.714…; + 13,500 + 6,000 (10 % of 60,000)
		"V-02": {"64885.71", "144385.71"},
		// 2 of 30 below the base; both solved, capped 5/3: K = 0.4×2/7 +
		// 0.25×5/3 = 223/420, 15,928.571…; + 1,800
		"V-03": {"15928.57", "67728.57"},
		// none found: 0, and 0 / 0 solved: if_zero 0; K = 0.4: 12,000;
		// + 15,000 + 5,000
		"V-04": {"12000.00", "82000.00"},
		// questionnaires below the base; 7/28 = 0.25 → 1; 4/7 → 5/21:
		// K = 0.35 + 0.25×5/21 = 43/105, 12,285.714…; + 4,500
		"V-05": {"12285.71", "66785.71"},
	}, total: "461547.61"},
	"hunter-farmer": {period: "2026-10", pay: map[string][2]string{
		// README: each person's share of each deal through their own commission.
		// D-1 20 % of 500,000 × 3 % = 3,000; D-5 40,000 × 3 % = 1,200
		"I-1": {"0.00", "34200.00"},
		// D-1 50 % of the margin 150,000 × 5 % × 200,000/500,000 paid = 1,500;
		// D-2 credited: (40,000 − 8,000) × 5 % − 40,000 × 5 % = −400; D-3 unpaid 0
		"H-1": {"0.00", "41100.00"},
		// D-1 30 % of 500,000 × 3 % × 0.4 = 1,800; D-4 60,000 × 3 % = 1,800
		"F-1": {"0.00", "38600.00"},
	}, total: "113900.00"},
	"kotelok": {pay: map[string][2]string{
		// 7,000 + 2 % × 800,000 + 2,000 + 5,000 × 0.8 (docs/calculation.md §5.4)
		"K-001": {"0.00", "29000.00"},
	}, total: "29000.00"},
	"kpi-matrix": {pay: map[string][2]string{
		"OM-01": {"14400.00", "44400.00"}, // 20,000 × (0.4×0 + 0.3×0.8 + 0.3×1.6)
		"OM-02": {"19400.00", "49400.00"}, // 20,000 × (0.4×1 + 0.3×1.5 + 0.3×0.4)
		"OM-03": {"11333.33", "41333.33"}, // 20,000 × (0.4×2/3 + 0 + 0.3×1) = 20,000 × 17/30
	}, total: "135133.33"},
	"ladder": {pay: map[string][2]string{
		"L-07999": {"9000.00", "39000.00"},  // 30,000 × (0 + 0 + 0.15 + 0.15)
		"L-08000": {"18000.00", "48000.00"}, // 30,000 × (0.3 + 0.3)
		"L-10000": {"31500.00", "61500.00"}, // 30,000 × (0.45 + 0.45 + 0.15)
		"L-10500": {"31800.00", "61800.00"}, // 30,000 × (0.455 + 0.455 + 0.15)
		"L-11000": {"36600.00", "66600.00"}, // 30,000 × (0.46 + 0.46 + 0.3)
		"L-11500": {"27900.00", "57900.00"}, // 30,000 × (0.465 + 0.465)
		"L-12000": {"36900.00", "66900.00"}, // 30,000 × (0.465 + 0.465 + 0.3)
	}, total: "401700.00"},
	"team-pool": {pay: map[string][2]string{
		// bonus 10,000 × sales / 1,000,000; store-1 pool 1,000 split 10:5:2 by
		// largest remainder (README): 588.23, 294.12, 117.65; store-2 alone.
		"P-01": {"10000.00", "30588.23"}, // 20,000 + 10,000 + 588.23
		"P-02": {"5000.00", "25294.12"},  // 20,000 + 5,000 + 294.12
		"P-03": {"2000.00", "22117.65"},  // 20,000 + 2,000 + 117.65
		"P-04": {"8000.00", "28333.33"},  // 20,000 + 8,000 + 333.33
	}, total: "106333.33"},
	"sales-team": {period: "2026-10", pay: map[string][2]string{
		// 40,000 × (0.6×1.1 + 0.2×1.5 + 0.2×0.8) × 1.1 − 5 days × 100; + 3 × 4,990 × 0.03
		"S-01": {"48780.00", "89229.10"},
		// 40,000 × 38/35 × 0.5 (quality) × 1 (south below minimum)
		"S-02": {"21714.29", "61714.29"},
		// 11/22 of the month: 20,000 × (0.6×1.05 + 0.2×0.5 + 0.2×0.8) × 1.1; fixed 20,000
		"S-03": {"19580.00", "39580.00"},
		// K = 0.7×1.1 + 0.3×0.8 = 1.01; linear payout 1 + 0.01×0.3/0.5 = 1.006; 60,000 × 1.006 × 1.1
		"H-01": {"66396.00", "126396.00"},
	}, total: "316919.39"},
}

// readFacts loads and reads a fact sheet.
func readFacts(path string, s *plan.Scheme, period string) (*calc.Input, []string, error) {
	src, err := factsheet.Load(path)
	if err != nil {
		return nil, nil, err
	}
	in, texts, err := src.Read(s, factsheet.Options{Period: period})
	var warnings []string
	for _, w := range texts {
		warnings = append(warnings, w.String())
	}
	return in, warnings, err
}

func examples(t *testing.T) []string {
	dirs, err := filepath.Glob("*/scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range dirs {
		names = append(names, filepath.Dir(d))
	}
	sort.Strings(names)
	if len(names) < 4 {
		t.Fatalf("found %d examples, want at least 4", len(names))
	}
	return names
}

func readCSVDir(t *testing.T, dir string) []xlsxtest.Table {
	order := []string{"roster", "facts", "plans", "departments", "payments", "deals"}
	var tables []xlsxtest.Table
	for _, name := range order {
		data, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			rows = append(rows, strings.Split(line, ","))
		}
		// A table whose first heading is its key column's Russian one
		// ("Табельный номер", "Отдел") is written on a sheet with the
		// table's Russian name, as a Russian clerk's workbook has it
		// ("Сотрудники", "Факты").
		sheet := strings.ToUpper(name[:1]) + name[1:]
		if l := factsheet.Table(sheet); len(rows) > 0 && len(rows[0]) > 0 && factsheet.Fold(rows[0][0]) == factsheet.Fold(l.Columns[0].Ru) {
			sheet = l.Ru
		}
		tables = append(tables, xlsxtest.Table{Name: sheet, Rows: rows})
	}
	return tables
}

// TestExamples runs every example from its facts.xlsx and from its CSV
// folder, checks each person's pay against the hand calculation, and checks
// that both inputs give the same JSON byte for byte.
func TestExamples(t *testing.T) {
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("example %s has no expected figures in this test", name)
			}
			if *update {
				tables := readCSVDir(t, filepath.Join(name, "facts"))
				err := atomicfile.Write(filepath.Join(name, "facts.xlsx"), func(out io.Writer) error {
					return xlsxtest.WriteFactSheet(out, tables, w.period)
				}, nil)
				if err != nil {
					t.Fatal(err)
				}
			}
			s, err := plan.Load(filepath.Join(name, "scheme.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Validate(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(name, "README.md")); err != nil {
				t.Errorf("example %s has no README.md", name)
			}
			var outputs []string
			for _, facts := range []string{"facts.xlsx", "facts"} {
				// The workbook states its own period; the CSV folder cannot.
				period := w.period
				if facts == "facts.xlsx" {
					period = ""
				}
				in, _, err := readFacts(filepath.Join(name, facts), s, period)
				if err != nil {
					t.Fatalf("%s: %v", facts, err)
				}
				res, err := calc.Run(s, in, calc.Options{})
				if err != nil {
					t.Fatalf("%s: %v", facts, err)
				}
				if len(res.Employees) != len(w.pay) {
					t.Errorf("%s: %d employees, want %d", facts, len(res.Employees), len(w.pay))
				}
				for _, e := range res.Employees {
					exp, ok := w.pay[e.ID]
					if !ok {
						t.Errorf("%s: unexpected employee %s", facts, e.ID)
						continue
					}
					if got := e.Bonus.StringFixed(2); got != exp[0] {
						t.Errorf("%s: %s bonus = %s, want %s", facts, e.ID, got, exp[0])
					}
					if got := e.Total.StringFixed(2); got != exp[1] {
						t.Errorf("%s: %s total = %s, want %s", facts, e.ID, got, exp[1])
					}
				}
				if got := res.Total.StringFixed(2); got != w.total {
					t.Errorf("%s: total = %s, want %s", facts, got, w.total)
				}
				var buf bytes.Buffer
				if err := report.JSON(&buf, res); err != nil {
					t.Fatal(err)
				}
				outputs = append(outputs, buf.String())
			}
			if outputs[0] != outputs[1] {
				t.Errorf("facts.xlsx and facts/ give different JSON:\n%s\n---\n%s", outputs[0], outputs[1])
			}
		})
	}
}

// TestStreamedReport: the report written while the pay is computed
// (report.StreamReport over calc.Stream) emits every employee once, gives
// the hand-worked amounts, reads the same as the report written from
// calc.Run's result, and is byte-identical from run to run whatever order
// the cores finish employees in.
//
// Each example also runs with its roster copied to some 130 employees (ids
// suffixed, and reports_to with them, so that each copy of a team has its
// own head; the engine hands cores blocks of 64), so that cores hand in
// sheets out of order; the amounts of the copies are not worked by hand
// (pools change with more members), only compared.
func TestStreamedReport(t *testing.T) {
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) { streamedReport(t, name, 1) })
		t.Run(name+"×copies", func(t *testing.T) { streamedReport(t, name, 130) })
	}
}

// streamedReport runs the test on name's roster copied to about size
// employees (1: the roster as it is).
func streamedReport(t *testing.T, name string, size int) {
	w := want[name]
	s := loadScheme(t, name)
	in, _, err := readFacts(filepath.Join(name, "facts.xlsx"), s, w.period)
	if err != nil {
		t.Fatal(err)
	}
	copies := 1
	if size > 1 {
		one := in.Employees
		copies = size/len(one) + 1
		in.Employees = nil
		for c := 0; c < copies; c++ {
			for _, e := range one {
				e.ID = fmt.Sprintf("%s-%02d", e.ID, c)
				if e.ReportsTo != "" {
					// Each copy of a team reports to its own copy of the head.
					e.ReportsTo = fmt.Sprintf("%s-%02d", e.ReportsTo, c)
				}
				in.Employees = append(in.Employees, e)
			}
		}
	}
	info := report.ReportInfo{Lang: "en", Version: "test"}
	dir := t.TempDir()
	var first []byte
	for run := 0; run < 3; run++ {
		var buf bytes.Buffer
		emitted := make([]int, len(in.Employees))
		res, _, err := report.StreamReport(&buf, s, calc.Order(in), in.Period, info,
			func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
				return calc.Stream(s, in, calc.Options{}, func(i int, e *calc.EmployeeResult) {
					emitted[i]++ // each i is emitted by one core only
					emit(i, e)
				})
			})
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range res.Employees {
			if emitted[i] != 1 {
				t.Errorf("employee %d (%s) emitted %d times", i, e.ID, emitted[i])
			}
			if e.KPIs != nil || e.Steps != nil {
				t.Errorf("%s: KPIs and steps kept after its sheet was written", e.ID)
			}
			if got := e.Total.StringFixed(2); copies == 1 && got != w.pay[e.ID][1] {
				t.Errorf("%s total = %s, want %s", e.ID, got, w.pay[e.ID][1])
			}
		}
		if got := res.Total.StringFixed(2); copies == 1 && got != w.total {
			t.Errorf("total = %s, want %s", got, w.total)
		}
		if run == 0 {
			first = bytes.Clone(buf.Bytes())
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("run %d wrote different bytes", run)
		}
	}
	streamed := filepath.Join(dir, "streamed.xlsx")
	if err := os.WriteFile(streamed, first, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := calc.Run(s, in, calc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := report.WriteReport(&buf, s, res, info, report.Part{Summary: true, Details: res.Employees}); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(dir, "whole.xlsx")
	if err := os.WriteFile(whole, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := xlsxtest.Dump(streamed)
	if err != nil {
		t.Fatal(err)
	}
	b, err := xlsxtest.Dump(whole)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("the streamed report reads differently from the whole one:\n%s\n---\n%s", a, b)
	}
}

// TestRelease: a computation that consumes its input (calc.Options.Release)
// gives the same results, explanations included, as one that does not, and
// leaves the input's roster empty.
func TestRelease(t *testing.T) {
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			s := loadScheme(t, name)
			var out []string
			for _, release := range []bool{false, true} {
				in, _, err := readFacts(filepath.Join(name, "facts.xlsx"), s, want[name].period)
				if err != nil {
					t.Fatal(err)
				}
				res, err := calc.Stream(s, in, calc.Options{Release: release}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if release && in.Employees != nil {
					t.Errorf("the roster was not released")
				}
				var buf bytes.Buffer
				if err := report.JSON(&buf, res); err != nil {
					t.Fatal(err)
				}
				out = append(out, buf.String())
			}
			if out[0] != out[1] {
				t.Errorf("released input gives different results:\n%s\n---\n%s", out[0], out[1])
			}
		})
	}
}

// TestByDepartment: each example computed one department at a time
// (calc.ByDepartment, a Stream each, calc.Combine) gives every person the
// pay of the run over everyone, and the same sums: no one's pay depends on
// anyone outside their department (pools are split within one). The
// expected amounts are the hand-worked ones of want where the example has
// them, else the whole run's.
func TestByDepartment(t *testing.T) {
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			s, in, whole := runExample(t, name)
			depts, err := calc.ByDepartment(in)
			if err != nil {
				t.Fatal(err)
			}
			var parts []*calc.Result
			for _, d := range depts {
				r, err := calc.Run(s, d.Input, calc.Options{SkipSteps: true})
				if err != nil {
					t.Fatalf("department %q: %v", d.Name, err)
				}
				parts = append(parts, r)
			}
			got := calc.Combine(parts)
			if len(got.Employees) != len(whole.Employees) {
				t.Fatalf("%d employees by department, %d in the whole run", len(got.Employees), len(whole.Employees))
			}
			for i, e := range got.Employees {
				w := whole.Employees[i]
				if e.ID != w.ID || !e.Total.Equal(w.Total) || !e.Bonus.Equal(w.Bonus) {
					t.Errorf("%s: total %s bonus %s by department; %s: total %s bonus %s in the whole run", e.ID, e.Total, e.Bonus, w.ID, w.Total, w.Bonus)
				}
			}
			for _, c := range [][2]decimal.Decimal{{got.Fixed, whole.Fixed}, {got.Bonus, whole.Bonus}, {got.Components, whole.Components}, {got.Total, whole.Total}} {
				if !c[0].Equal(c[1]) {
					t.Errorf("a sum is %s by department, %s in the whole run", c[0], c[1])
				}
			}
			if ws := want[name].total; ws != "" && !got.Total.Equal(decimal.RequireFromString(ws)) {
				t.Errorf("total by department %s, want the hand-worked %s", got.Total, ws)
			}
			if name == "team-pool" && len(depts) < 2 {
				t.Errorf("team-pool has %d departments: the test needs two or more", len(depts))
			}
		})
	}
}

// TestForget: Stream with Options.Forget hands every employee to emit once,
// with the amounts of a run that keeps them, and returns the same count and
// sums with no employee kept — pooled employees included (team-pool).
func TestForget(t *testing.T) {
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			s, in, whole := runExample(t, name)
			var mu sync.Mutex
			got := map[int]decimal.Decimal{}
			res, err := calc.Stream(s, in, calc.Options{SkipSteps: true, Forget: true}, func(i int, e *calc.EmployeeResult) {
				mu.Lock()
				defer mu.Unlock()
				if _, twice := got[i]; twice {
					t.Errorf("employee %d emitted twice", i)
				}
				got[i] = e.Total
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Employees) != 0 || res.Count != whole.Count || res.Count != len(whole.Employees) {
				t.Errorf("Forget kept %d employees, counted %d; the whole run has %d", len(res.Employees), res.Count, len(whole.Employees))
			}
			for i, e := range whole.Employees {
				if !got[i].Equal(e.Total) {
					t.Errorf("%s: emitted total %s, the whole run's %s", e.ID, got[i], e.Total)
				}
			}
			for _, c := range [][2]decimal.Decimal{{res.Fixed, whole.Fixed}, {res.Bonus, whole.Bonus}, {res.Components, whole.Components}, {res.Total, whole.Total}} {
				if !c[0].Equal(c[1]) {
					t.Errorf("a sum is %s with Forget, %s without", c[0], c[1])
				}
			}
		})
	}
}

// runExample loads an example's scheme and fact sheet and computes its pay
// (no explanation), for the tests that compare another way of running it.
func runExample(t *testing.T, name string) (*plan.Scheme, *calc.Input, *calc.Result) {
	t.Helper()
	s := loadScheme(t, name)
	in, _, err := readFacts(filepath.Join(name, "facts.xlsx"), s, want[name].period)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := calc.Run(s, in, calc.Options{SkipSteps: true})
	if err != nil {
		t.Fatal(err)
	}
	return s, in, whole
}

// loadScheme loads an example's scheme and validates it, as every command
// does before it computes: validation also settles what a formula's
// column ids name (plan.Expr.Column), which a computed KPI reads.
func loadScheme(t *testing.T, name string) *plan.Scheme {
	t.Helper()
	s, err := plan.Load(filepath.Join(name, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBookFactsAreGenerated: examples/book/northwind's fact sheets are what
// its generator writes (go run ./examples/book/gen), byte for byte: the
// seed is fixed, and a hand edit of a fact sheet would part the book from
// the figures its README works out.
func TestBookFactsAreGenerated(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to run the generator")
	}
	dir := t.TempDir()
	cmd := exec.Command(goBin, "run", "./book/gen", "-o", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./book/gen: %v\n%s", err, out)
	}
	want := filepath.Join("book", "northwind", "facts")
	got := filepath.Join(dir, "facts")
	files := func(root string) map[string]string {
		m := map[string]string{}
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			m[rel] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	w, g := files(want), files(got)
	// Roster, facts and deals for each of 12 months, and a Plans table in
	// January (everyone's first month) and February (Boris's): 38.
	if len(w) != 12*3+2 {
		t.Errorf("%d files in %s, want 38", len(w), want)
	}
	for name, b := range w {
		if g[name] != b {
			t.Errorf("%s: the generator writes other bytes (run go run ./examples/book/gen)", name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: written by the generator, not in the book", name)
		}
	}
}
