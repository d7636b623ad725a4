package factsheet_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/premia-pay/premia/calc"
	. "github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/xlsxtest"
)

// TestReadFitInWindows: a fact sheet read with Fit in windows leaves out
// and lists the same people, and gives the same employees, as read whole.
func TestReadFitInWindows(t *testing.T) {
	defer SetMinWindow(1)()
	s := schemeOf(t, "version: 1\nid: t\ncurrency: RUB\nroles:\n"+`  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 0.5, base: 0, norm: 100}
      - {id: calls, weight: 0.5, base: 0, norm: 100}
  - id: typist
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 1, base: 0, norm: 100}
`)
	roster := [][]string{{"id", "name", "role"}}
	facts := [][]string{{"id", "docs", "seminars"}}
	plans := [][]string{{"id", "kpi", "norm"}}
	for i, role := range []string{"typist", "clerk", "auditor", "typist", "typist", "clerk", "auditor"} {
		id := fmt.Sprintf("E-%d", i+1)
		roster = append(roster, []string{id, "Name " + id, role})
		facts = append(facts, []string{id, fmt.Sprint(10 * i), "1"})
		if role == "typist" {
			plans = append(plans, []string{id, "seminars", "5"})
		}
	}
	path := writeTables(t, []xlsxtest.Table{{Name: "Roster", Rows: roster}, {Name: "Facts", Rows: facts}, {Name: "Plans", Rows: plans}})
	src, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var whole Fit
	in, _, err := src.Read(s, Options{Fit: &whole})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range in.Employees {
		ids = append(ids, e.ID)
	}
	// The typists E-1, E-4, E-5 are paid; the clerks E-2, E-6 need calls,
	// the auditors E-3, E-7 have no role.
	if got := strings.Join(ids, " "); got != "E-1 E-4 E-5" {
		t.Errorf("whole: employees %s", got)
	}
	var left []string
	for _, u := range whole.Left {
		left = append(left, u.ID+":"+u.Column)
	}
	if got := strings.Join(left, " "); got != "E-2:calls E-3: E-6:calls E-7:" {
		t.Errorf("whole: left %s", got)
	}
	if len(whole.OtherKPIs) != 3 || len(whole.Unused) != 1 {
		t.Errorf("whole: %d other KPIs (want 3), %d unused (want 1)", len(whole.OtherKPIs), len(whole.Unused))
	}
	for _, size := range []int{1, 2, 3} {
		var fit Fit
		var got []calc.Employee
		_, err := src.ReadWindows(s, Options{Fit: &fit}, size, func(w *calc.Input) error {
			got = append(got, w.Employees...)
			return nil
		})
		if err != nil {
			t.Fatalf("windows of %d: %v", size, err)
		}
		if !reflect.DeepEqual(got, in.Employees) {
			t.Errorf("windows of %d: employees differ from the whole's: %s", size, firstDiff(got, in.Employees))
		}
		if !reflect.DeepEqual(fit, whole) {
			t.Errorf("windows of %d: fit %+v\nwhole %+v", size, fit, whole)
		}
	}
}
