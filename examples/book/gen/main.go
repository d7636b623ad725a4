// Command gen writes the fact sheets of examples/book/northwind, Northwind's field
// sales over the twelve months of 2026, each a folder of CSV tables
// (docs/book.md §1). Three people carry the stories the book's README walks
// through, with figures written here by hand; the others' figures are drawn
// from a fixed seed, so that the same run writes the same bytes.
//
//	go run ./examples/book/gen            # rewrites examples/book/northwind/facts
//	go run ./examples/book/gen -o DIR     # into DIR/facts
//
// The closed quarter (closed/2026-01.json … 2026-03.json) is not written
// here but by premia close, as a client's book gets it: see the README.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// months are the book's months.
var months = []string{
	"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
	"2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"}

// rep is one person of the book; sales and visits are by month, in the
// order of months, 0 sales with 0 visits for a month before the hire.
type rep struct {
	id, name string
	sales    []int
	visits   []int
	// norm is the sales norm of the person's first month, given in its
	// Plans table: the growth over the previous month has no month before
	// the book's first, or before the person's first (docs/calculation.md
	// §3.12).
	norm int
}

// featured are the three people of the README, month by month by hand.
var featured = []rep{
	// Anna: the growth KPI (her norm is 1.05 × her sales of the month
	// before) and the clawback (a January deal credited in April).
	{id: "R-01", name: "Anna Petrova", norm: 420000,
		sales:  []int{440000, 470000, 480000, 505000, 520000, 500000, 530000, 560000, 540000, 580000, 600000, 650000},
		visits: []int{42, 38, 41, 40, 44, 39, 40, 42, 41, 43, 45, 46}},
	// Boris, hired in February: two weak months draw advances on the
	// guaranteed variable pay, repaid over the next three.
	{id: "R-02", name: "Boris Orlov", norm: 200000,
		sales:  []int{0, 100000, 90000, 100000, 120000, 130000, 150000, 160000, 170000, 175000, 180000, 190000},
		visits: []int{0, 24, 24, 30, 36, 38, 38, 40, 40, 41, 42, 43}},
	// Clara: a weak January and a strong February and March, above the
	// cap: the quarter as a whole earns more than the months paid.
	{id: "R-03", name: "Clara Sokolova", norm: 315000,
		sales:  []int{150000, 330000, 450000, 360000, 380000, 390000, 400000, 395000, 410000, 420000, 430000, 445000},
		visits: []int{22, 36, 50, 38, 39, 40, 41, 40, 42, 41, 43, 44}},
}

// others are drawn from the seed.
var others = []struct{ id, name string }{
	{"R-04", "Denis Volkov"}, {"R-05", "Elena Morozova"}, {"R-06", "Fyodor Lebedev"},
}

var clients = []string{"Alfa Trade", "Baltic Foods", "Volga Retail", "Ural Steel", "Neva Pharma",
	"Sibir Logistics", "Kama Motors", "Don Agro", "Oka Textiles", "Lena Mining"}

// The clawback of the README: Anna's first January deal, credited in April.
const (
	creditedDeal  = "NW-2601-01-1"
	creditedFirst = 120000 // the deal's amount, part of her January sales
	creditAmount  = 50000
	creditDate    = "2026-04-14"
)

func main() {
	out := flag.String("o", "examples/book/northwind", "the book's folder: the fact sheets go to its facts/")
	seed := flag.Int64("seed", 2026, "random seed of the people not featured")
	flag.Parse()
	if err := write(*out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(dir string, seed int64) error {
	rng := rand.New(rand.NewSource(seed))
	people := append([]rep(nil), featured...)
	for _, o := range others {
		r := rep{id: o.id, name: o.name, norm: 50000 * (6 + rng.Intn(5))}
		base := r.norm
		for range months {
			// Around the norm, ±20 %, in thousands.
			s := base * (80 + rng.Intn(41)) / 100 / 1000 * 1000
			r.sales = append(r.sales, s)
			r.visits = append(r.visits, 25+rng.Intn(26))
			base = s * 105 / 100
		}
		people = append(people, r)
	}
	facts := filepath.Join(dir, "facts")
	if err := os.RemoveAll(facts); err != nil {
		return err
	}
	for mi, m := range months {
		var roster, fs, plans, deals []string
		roster = append(roster, "id,name,role")
		if mi == 0 {
			roster[0] += ",draw_balance" // the book's first month states what is owed
		}
		fs = append(fs, "id,sales,visits")
		plans = append(plans, "id,kpi,norm")
		deals = append(deals, "deal,id,client,date,amount")
		for _, r := range people {
			if r.visits[mi] == 0 {
				continue // not hired yet
			}
			row := fmt.Sprintf("%s,%s,rep", r.id, r.name)
			if mi == 0 {
				row += ",0"
			}
			roster = append(roster, row)
			fs = append(fs, fmt.Sprintf("%s,%d,%d", r.id, r.sales[mi], r.visits[mi]))
			if mi == 0 || r.visits[mi-1] == 0 {
				plans = append(plans, fmt.Sprintf("%s,sales,%d", r.id, r.norm))
			}
			deals = append(deals, split(rng, r, m, mi)...)
		}
		if m == "2026-04" {
			// The Deals table is a ledger: the credit note goes with the
			// deal it credits, from January, which earns nothing in April.
			deals = append(deals,
				fmt.Sprintf("%s,R-01,%s,2026-01-12,%d", creditedDeal, clients[0], creditedFirst),
				fmt.Sprintf("%s,R-01,%s,%s,-%d", creditedDeal, clients[0], creditDate, creditAmount))
		}
		sort.Strings(deals[1:])
		folder := filepath.Join(facts, m)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
		tables := map[string][]string{"roster.csv": roster, "facts.csv": fs, "deals.csv": deals}
		if len(plans) > 1 {
			tables["plans.csv"] = plans
		}
		for name, lines := range tables {
			if err := os.WriteFile(filepath.Join(folder, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// split cuts the person's sales of the month into two to four deals, in
// thousands, dated within the month; Anna's first January deal is the
// credited one of the README.
func split(rng *rand.Rand, r rep, m string, mi int) []string {
	total := r.sales[mi]
	n := 2 + rng.Intn(3)
	var amounts []int
	left := total
	if m == "2026-01" && r.id == "R-01" {
		amounts = append(amounts, creditedFirst)
		left -= creditedFirst
		n--
	}
	for i := 1; i < n; i++ {
		a := left / (n - i + 1) / 1000 * 1000
		a = a * (70 + rng.Intn(61)) / 100 / 1000 * 1000
		if a <= 0 || a >= left {
			continue
		}
		amounts = append(amounts, a)
		left -= a
	}
	amounts = append(amounts, left)
	var rows []string
	yymm := strings.ReplaceAll(m[2:], "-", "")
	for i, a := range amounts {
		day := 3 + rng.Intn(24)
		client := clients[rng.Intn(len(clients))]
		if m == "2026-01" && r.id == "R-01" && i == 0 {
			client, day = clients[0], 12
		}
		rows = append(rows, fmt.Sprintf("NW-%s-%s-%d,%s,%s,%s-%02d,%d", yymm, r.id[2:], i+1, r.id, client, m, day, a))
	}
	return rows
}
