// Command gen writes a realistic scheme and fact sheet for the benchmark:
// N employees across three roles with 8 KPIs each, personal plans, yes/no
// conditions and a department table. The seed is fixed, so runs compare.
//
//	go run ./bench/gen -n 5000 -o bench/data/5000
//
// With -book DIR it writes a client's book of a year instead
// (docs/book.md): DIR/scheme.yaml (the bench scheme with the seller's
// commission counted from the year's start, prior: year-to-date, a KPI
// whose norm grows over the previous month and a recoverable draw whose
// balance the month carries from the one before: a scheme that reads
// history), DIR/month.yaml (the same without history: no prior, the
// plain norm, a draw not recovered; the comparison), and
// DIR/facts/2026-01.xlsx … 2026-12.xlsx, each stating its period on an
// Instructions sheet as premia template writes it; January's, the book's
// first, has the draws' opening balances and the growing norm's Plans
// level. The roster (ids, names, roles, departments, personal plans) is
// the same every month, from -seed; the facts differ, from -seed and the
// month.
//
//	go run ./bench/gen -n 20000 -book bench/data/book-20000
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/internal/atomicfile"
)

// scheme: three roles, eight KPIs each, a ladder, conditions, a quality gate
// and a team multiplier.
const scheme = `version: 1
id: bench
title: Benchmark chain
currency: RUB
rounding: {step: 0.01, mode: half-up}
ladders:
  - id: plan
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
roles:
  - id: manager
    fixed: 60000
    variable: 40000
    # Eight KPIs weigh on a variable part of 40 %: most carry under 5 % of the
    # income each; weighed and kept (the benchmark's shape, not advice).
    accepted_warnings: [small_stake]
    bonus: {method: index}
    kpis:
      - {id: k1, weight: 0.2, base: 0}
      - {id: k2, weight: 0.15, base: 50, norm: 100, target: 120}
      - {id: k3, weight: 0.15, base: 10, norm: 20, target: 30}
      - {id: k4, weight: 0.1, base: 60000, norm: 50000, target: 45000}
      - {id: k5, weight: 0.1, base: 0.8, norm: 0.95, target: 1}
      - {id: k6, weight: 0.1, base: 100, norm: 150, target: 180}
      - {id: k7, weight: 0.1, base: 5, norm: 2, target: 0}
      - {id: k8, weight: 0.1, base: 0, norm: 40, target: 50}
    conditions:
      - {id: no_errors, coefficient: 0.05}
    modifiers:
      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 0.5}
      - {id: team, type: team, multipliers: {below: 1, minimum: 1.05, normal: 1.1, maximum: 1.2}}
  - id: seller
    fixed: 30000
    variable: 30000
    bonus: {method: both}
    kpis:
      - {id: k1, weight: 0.4, base: 0, ladder: plan}
      - {id: k2, weight: 0.2, base: 50, norm: 100, target: 120}
      - {id: k3, weight: 0.2, base: 10, norm: 20, target: 30}
      - {id: k4, weight: 0.2, base: 60000, norm: 50000, target: 45000}
      - {id: k5, norm: 0.95}
      - {id: k6, norm: 150}
      - {id: k7, direction: lower, norm: 2}
      - {id: k8, norm: 40}
    conditions:
      - {id: no_errors, coefficient: 0.15}
    components:
      - {id: commission, type: commission, kpi: k1, rate: 0.01}
  - id: support
    fixed: 40000
    variable: 10000
    accepted_warnings: [small_stake] # as the manager's: 1,250 of 50,000 a KPI
    bonus: {method: index}
    kpis:
      - {id: k1, weight: 0.125, base: 0}
      - {id: k2, weight: 0.125, base: 50, norm: 100, target: 120}
      - {id: k3, weight: 0.125, base: 10, norm: 20, target: 30}
      - {id: k4, weight: 0.125, base: 60000, norm: 50000, target: 45000}
      - {id: k5, weight: 0.125, base: 0.8, norm: 0.95, target: 1}
      - {id: k6, weight: 0.125, base: 100, norm: 150, target: 180}
      - {id: k7, weight: 0.125, base: 5, norm: 2, target: 0}
      - {id: k8, weight: 0.125, base: 0, norm: 40, target: 50}
    conditions:
      - {id: no_errors, coefficient: 0.1}
`

// monthScheme is the comparison's scheme: the bench scheme, the seller's
// commission on a marginal ladder of the year's sales (what the book's
// counts from the year's start), reading no history.
var monthScheme = strings.Replace(strings.Replace(scheme,
	"ladders:\n",
	"ladders:\n"+
		"  - id: yearly\n"+
		"    type: marginal\n"+
		"    tiers:\n"+
		"      - {from: 0, to: 3000000, rate: 0.01}\n"+
		"      - {from: 3000000, rate: 0.015}\n", 1),
	"      - {id: commission, type: commission, kpi: k1, rate: 0.01}\n",
	"      - {id: commission, type: commission, kpi: k1, ladder: yearly}\n"+
		"      - {id: draw, type: draw, amount: 45000}\n", 1)

// bookScheme is the book's scheme, which reads the book's history: the
// month's, with the seller's commission counted from the year's start
// (prior: year-to-date: the year's earlier months of k1, read from their
// snapshots when closed), the seller's k6 (a KPI with a norm and no
// weight) growing 5 % over the previous month, and the seller's draw
// recoverable, its balance carried from the previous month (the month's
// draw is the same guarantee, not recovered: it reads no history).
var bookScheme = strings.Replace(strings.Replace(monthScheme,
	"      - {id: k6, norm: 150}\n",
	"      - {id: k6, norm: {growth: 5%, over: previous-period}}\n", 1),
	"      - {id: commission, type: commission, kpi: k1, ladder: yearly}\n"+
		"      - {id: draw, type: draw, amount: 45000}\n",
	"      - {id: commission, type: commission, kpi: k1, ladder: yearly, prior: year-to-date}\n"+
		"      - {id: draw, type: draw, amount: 45000, recoverable: true}\n", 1)

// bookLayout is the version of the book's fact sheets this generator
// writes: 2 starts in January with the draws' opening balances (1 had a
// December before it).
const bookLayout = "2"

// bookYear is the book's year: its months are bookYear-01 … bookYear-12.
const bookYear = 2026

func main() {
	n := flag.Int("n", 500, "employees")
	out := flag.String("o", "bench/data", "output folder")
	seed := flag.Int64("seed", 1, "random seed")
	bookDir := flag.String("book", "", "write a year's book of monthly fact sheets into this folder instead")
	months := flag.Int("months", 12, "with -book: how many months, from January")
	schemesOnly := flag.Bool("schemes", false, "with -book: write the book's two schemes only (the fact sheets are there)")
	flag.Parse()
	if *bookDir != "" {
		if err := runBook(*n, *bookDir, *seed, *months, *schemesOnly); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*n, *out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(n int, out string, seed int64) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "scheme.yaml"), []byte(scheme), 0o644); err != nil {
		return err
	}
	rng := rand.New(rand.NewSource(seed))
	return factSheet(filepath.Join(out, "facts.xlsx"), n, rng, rng, "", false)
}

// runBook writes the book: its two schemes and a fact sheet per month.
func runBook(n int, dir string, seed int64, months int, schemesOnly bool) error {
	if months < 1 || months > 12 {
		return fmt.Errorf("-months %d: from 1 to 12", months)
	}
	if err := os.MkdirAll(filepath.Join(dir, "facts"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "scheme.yaml"), []byte(bookScheme), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "month.yaml"), []byte(monthScheme), 0o644); err != nil {
		return err
	}
	if schemesOnly {
		return nil
	}
	// January is the book's first month: its roster says what the draws
	// owe at its start, and its Plans table gives the sellers' k6 norm,
	// which grows from February on (a growth level in the book's first
	// period is the Plans table's: docs/calculation.md §3.12). A December
	// before it would have to be computed for the draws it carries, and
	// its commission counts from its year's start: a year the book does
	// not hold.
	for m := 1; m <= months; m++ {
		p := fmt.Sprintf("%d-%02d", bookYear, m)
		// The roster's draws from the seed alone: the same people every month.
		roster := rand.New(rand.NewSource(seed))
		facts := rand.New(rand.NewSource(seed*1000 + int64(m)))
		if err := factSheet(filepath.Join(dir, "facts", p+".xlsx"), n, roster, facts, p, m == 1); err != nil {
			return err
		}
	}
	// The layout's version, once every sheet is written: bench/run.py
	// makes the book again when a book made earlier is of another
	// (bookLayout), or was cut short.
	return os.WriteFile(filepath.Join(dir, ".bench-book"), []byte(bookLayout+"\n"), 0o644)
}

// factSheet writes a fact sheet of n employees: the roster's and plans'
// figures drawn from roster, the facts from facts (one generator for both
// gives the bench's single fact sheet, draw for draw as before), and, when
// p is not "", an Instructions sheet stating the period p; with first
// (a book's first month), the roster's draw_balance column, 0 for
// everyone, and the sellers' k6 norm in the Plans table.
func factSheet(path string, n int, roster, facts *rand.Rand, p string, first bool) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "premia bench", Created: "2026-01-01T00:00:00Z", Modified: "2026-01-01T00:00:00Z"}); err != nil {
		return err
	}
	f.SetSheetName("Sheet1", "Roster")
	for _, s := range []string{"Facts", "Plans", "Departments"} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	// Shared strings, as Excel writes text cells; numbers as number cells.
	row := func(sheet string, r int, vals ...string) error {
		for c, v := range vals {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			var err error
			if _, perr := strconv.ParseInt(v, 10, 64); perr == nil || isDecimal(v) {
				err = f.SetCellDefault(sheet, ref, v)
			} else {
				err = f.SetCellStr(sheet, ref, v)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	depts := max(1, n/50)
	roles := []string{"manager", "seller", "seller", "seller", "support"}
	head := []string{"id", "name", "role", "department", "days_worked", "days_in_period"}
	if first {
		head = append(head, "draw_balance")
	}
	if err := row("Roster", 1, head...); err != nil {
		return err
	}
	if err := row("Facts", 1, "id", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "no_errors", "quality"); err != nil {
		return err
	}
	if err := row("Plans", 1, "id", "kpi", "norm", "target"); err != nil {
		return err
	}
	plans := 2 // the Plans table's next row
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("E%06d", i+1)
		role := roles[roster.Intn(len(roles))]
		days := []string{"", ""}
		if roster.Intn(20) == 0 {
			days = []string{strconv.Itoa(1 + roster.Intn(21)), "22"}
		}
		cells := []string{id, fmt.Sprintf("Employee %d", i+1), role, fmt.Sprintf("D%03d", roster.Intn(depts)), days[0], days[1]}
		if first {
			cells = append(cells, "0")
		}
		if err := row("Roster", i+2, cells...); err != nil {
			return err
		}
		norm := 300000 + 10000*roster.Intn(30)
		yes := []string{"yes", "no"}[facts.Intn(4)/3]
		if err := row("Facts", i+2, id,
			strconv.Itoa(norm*(60+facts.Intn(70))/100),
			strconv.Itoa(40+facts.Intn(90)),
			strconv.Itoa(5+facts.Intn(30)),
			strconv.Itoa(42000+facts.Intn(20000)),
			fmt.Sprintf("0.%02d", 75+facts.Intn(25)),
			strconv.Itoa(80+facts.Intn(120)),
			strconv.Itoa(facts.Intn(6)),
			strconv.Itoa(facts.Intn(55)),
			yes,
			fmt.Sprintf("0.%02d", 80+facts.Intn(20)),
		); err != nil {
			return err
		}
		if err := row("Plans", plans, id, "k1", strconv.Itoa(norm), strconv.Itoa(norm*12/10)); err != nil {
			return err
		}
		plans++
		if first && role == "seller" {
			if err := row("Plans", plans, id, "k6", "150"); err != nil {
				return err
			}
			plans++
		}
	}
	if err := row("Departments", 1, "department", "fact", "minimum", "normal", "maximum"); err != nil {
		return err
	}
	for d := 0; d < depts; d++ {
		if err := row("Departments", d+2, fmt.Sprintf("D%03d", d), strconv.Itoa(3000000+facts.Intn(3000000)), "3000000", "4000000", "5000000"); err != nil {
			return err
		}
	}
	if p != "" {
		// The period cell: right of the "Period" label on the Instructions
		// sheet (internal/factsheet/period.go), as premia template writes it.
		if _, err := f.NewSheet("Instructions"); err != nil {
			return err
		}
		if err := f.SetCellStr("Instructions", "A1", "Period"); err != nil {
			return err
		}
		if err := f.SetCellStr("Instructions", "B1", p); err != nil {
			return err
		}
	}
	return atomicfile.Write(path, func(w io.Writer) error { return f.Write(w) }, nil)
}

func isDecimal(v string) bool {
	if len(v) < 3 || v[0] != '0' || v[1] != '.' {
		return false
	}
	for _, c := range v[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
