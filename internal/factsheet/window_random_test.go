package factsheet_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	. "github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/xlsxtest"
)

// TestWindowsRandom: fact sheets made at random the ways clerks make them
// — rosters in any order, numeric ids and ids padded with spaces or
// invisible characters, title rows, blank rows, columns premia does not
// read, some people's plans, a Departments table, and now and then a Facts
// or Plans row moved elsewhere — read in windows of random sizes either give
// way or give exactly what the whole read gives (Read is the reference: an
// independent path through the same rules).
func TestWindowsRandom(t *testing.T) {
	defer SetMinWindow(1)()
	s := scheme(t)
	rng := rand.New(rand.NewSource(11))
	pads := []string{"", "", "", " ", "\u00a0", "\u200b", "\ufeff"}
	inWindows, gaveWay := 0, 0
	for k := 0; k < 60; k++ {
		n := 20 + rng.Intn(100)
		ids := rng.Perm(n)
		id := func(i int) string {
			if k%3 == 0 {
				return fmt.Sprint(1000 + ids[i]) // a numeric id, stored as a number
			}
			return fmt.Sprintf("E%03d", ids[i])
		}
		pad := func(s string) string { return pads[rng.Intn(len(pads))] + s + pads[rng.Intn(len(pads))] }
		var roster, facts, plans [][]string
		for range rng.Intn(3) {
			roster = append(roster, []string{"Roster of October"}) // a title above the header
		}
		roster = append(roster, []string{"id", "name", "role", "department", "fixed", "note"})
		facts = append(facts, []string{"id", "docs", "no_errors", "extra"})
		plans = append(plans, []string{"id", "kpi", "norm"})
		for i := range n {
			roster = append(roster, []string{pad(id(i)), fmt.Sprintf("Person %d", i), "clerk", fmt.Sprintf("D%d", i%3), fmt.Sprint(900 + rng.Intn(300)), "x"})
			facts = append(facts, []string{pad(id(i)), fmt.Sprint(rng.Intn(150)), []string{"yes", "no", "1", "0"}[rng.Intn(4)], "y"})
			if rng.Intn(3) == 0 {
				plans = append(plans, []string{pad(id(i)), "docs", fmt.Sprint(50 + rng.Intn(100))})
			}
			if rng.Intn(15) == 0 {
				roster = append(roster, []string{"", "", "", "", "", ""}) // a blank row
			}
		}
		move := func(rows [][]string, first int) {
			if len(rows)-first > 2 {
				i, j := first+rng.Intn(len(rows)-first), first+rng.Intn(len(rows)-first)
				rows[i], rows[j] = rows[j], rows[i]
			}
		}
		if rng.Intn(4) == 0 {
			move(facts, 1)
		}
		if rng.Intn(4) == 0 {
			move(plans, 1)
		}
		tables := []xlsxtest.Table{{Name: "Roster", Rows: roster}, {Name: "Facts", Rows: facts}, {Name: "Plans", Rows: plans}}
		if k%2 == 0 {
			tables = append(tables, xlsxtest.Table{Name: "Departments", Rows: [][]string{{"department"}, {"D0"}, {"D1"}, {"D2"}}})
		}
		path := writeTables(t, tables)
		size := 1 + rng.Intn(n+10)
		b := readBoth(t, s, path, size)
		if b.wholeErr != nil {
			t.Fatalf("workbook %d: Read: %v", k, b.wholeErr)
		}
		if b.why != "" {
			gaveWay++
			continue
		}
		inWindows++
		if !reflect.DeepEqual(b.windowed, b.whole) || !reflect.DeepEqual(b.winWarn, b.wholeWarn) {
			t.Errorf("workbook %d in windows of %d: %d employees, whole %d; first difference at %s; warnings %q, whole %q",
				k, size, len(b.windowed), len(b.whole), firstDiff(b.windowed, b.whole), b.winWarn, b.wholeWarn)
		}
	}
	if inWindows < 30 {
		t.Errorf("only %d of 60 workbooks were read in windows (%d gave way)", inWindows, gaveWay)
	}
	t.Logf("%d read in windows, %d gave way", inWindows, gaveWay)
}
