package factsheet_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
	. "github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsxtest"
	"github.com/premia-pay/premia/plan"
)

// both is a fact sheet read whole (Read) and in windows (ReadWindows).
type both struct {
	whole, windowed    []calc.Employee // the employees of every window one after another
	wholeWarn, winWarn []string
	wholeErr           error
	why                string // why it was read whole, or "" when in windows
}

// english is warnings as English text.
func english(warnings []problem.Text) []string {
	var out []string
	for _, w := range warnings {
		out = append(out, w.String())
	}
	return out
}

// readBoth reads a fact sheet whole and in windows of size rows.
func readBoth(t *testing.T, s *plan.Scheme, path string, size int) (b both) {
	t.Helper()
	src, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var in *calc.Input
	var wholeWarn, winWarn []problem.Text
	in, wholeWarn, b.wholeErr = src.Read(s, Options{})
	b.wholeWarn = english(wholeWarn)
	defer func() { b.winWarn = english(winWarn) }()
	if in != nil {
		b.whole = in.Employees
	}
	windows := 0
	winWarn, err = src.ReadWindows(s, Options{}, size, func(w *calc.Input) error {
		windows++
		if len(w.Employees) > size && size > 1 {
			t.Errorf("a window of %d employees, over %d", len(w.Employees), size)
		}
		if in != nil && (w.Period != in.Period || !reflect.DeepEqual(w.Departments, in.Departments)) {
			t.Errorf("window %d: period %q and departments differ from the whole's (%q)", windows, w.Period, in.Period)
		}
		b.windowed = append(b.windowed, w.Employees...)
		return nil
	})
	var nw *NotWindowed
	switch {
	case errors.As(err, &nw):
		b.windowed, winWarn, b.why = nil, nil, nw.Why
	case err != nil:
		t.Fatalf("ReadWindows: %v", err)
	}
	// The roster alone, read first by a workbook writer, names exactly
	// the employees the windows then give, in the same order, with the
	// same period.
	ids, period, idErr := src.WindowIDs(s, Options{}, size)
	if b.why == "" {
		if idErr != nil {
			t.Errorf("WindowIDs: %v, where the windows were read", idErr)
		}
		var want []string
		for _, e := range b.windowed {
			want = append(want, e.ID)
		}
		if !reflect.DeepEqual(ids, want) || (in != nil && period != in.Period) {
			t.Errorf("WindowIDs: %d ids, period %q; the windows hold %d", len(ids), period, len(want))
		}
	} else if idErr != nil && !errors.As(idErr, &nw) {
		t.Errorf("WindowIDs: %v (not a reason to read whole)", idErr)
	}
	return b
}

// TestWindowsExamples: every example's fact sheet read in windows of 1, 2,
// 3 and 1,000 rows gives exactly the employees (with every fact, plan and
// place) and warnings that reading it whole gives, or gives way for a
// stated reason: the team pool example (its pool is split among a whole
// department), the payments of the sales team and the B2B department, the
// inbound department's KPIs summed over the department, the travel team's
// override on the people below its head, the hunter-farmer department's
// Deals ledger (a deal is shared across windows) and, in windows too small to hold
// the header's search, a header under a title.
func TestWindowsExamples(t *testing.T) {
	defer SetMinWindow(1)()
	dirs, _ := filepath.Glob("../../examples/*/facts.xlsx")
	if len(dirs) < 5 {
		t.Fatalf("found %d examples", len(dirs))
	}
	inWindows := 0
	for _, facts := range dirs {
		dir := filepath.Dir(facts)
		// An example's scheme, or its schemes (scheme-change's old and new).
		schemes, _ := filepath.Glob(filepath.Join(dir, "scheme*.yaml"))
		for _, sp := range schemes {
			s, _, err := plan.Open(sp)
			if err != nil {
				t.Fatal(err)
			}
			windowsExample(t, s, dir, facts, &inWindows)
		}
	}
	if inWindows < 9 {
		t.Errorf("only %d of the example runs were read in windows", inWindows)
	}
}

// windowsExample is TestWindowsExamples for one example's scheme s.
func windowsExample(t *testing.T, s *plan.Scheme, dir, facts string, inWindows *int) {
	t.Helper()
	for _, size := range []int{1, 2, 3, 1000} {
		b := readBoth(t, s, facts, size)
		whole, windowed, ww, winw, werr, why := b.whole, b.windowed, b.wholeWarn, b.winWarn, b.wholeErr, b.why
		name := fmt.Sprintf("%s (%s) in windows of %d", filepath.Base(dir), s.ID, size)
		if werr != nil {
			t.Fatalf("%s: the example does not read: %v", name, werr)
		}
		switch {
		case why == "the scheme splits a pool among a department" && s.Uses("", plan.ComponentPool, ""),
			why == "a Payments table" && s.Uses("", "", plan.SourcePayments),
			why == "the scheme pays managers overrides on the people below them" && s.Uses("", plan.ComponentOverride, ""),
			why == "the scheme has KPIs summed over a department or a team" && (s.Uses("", "", plan.SourceDepartment) || s.Uses("", "", plan.SourceTeam)),
			why == "the scheme reads a Deals table" && s.Deals().Any:
			continue
		case why != "" && size < 3:
			continue // the title above the header is outside a window this small
		case why != "":
			t.Errorf("%s: read whole: %s", name, why)
			continue
		}
		*inWindows++
		if !reflect.DeepEqual(windowed, whole) {
			t.Errorf("%s: %d employees, whole %d; first difference at %s", name, len(windowed), len(whole), firstDiff(windowed, whole))
		}
		if !reflect.DeepEqual(winw, ww) {
			t.Errorf("%s: warnings %q, whole %q", name, winw, ww)
		}
	}
}

func firstDiff(a, b []calc.Employee) string {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("%q / %q", a[i].ID, b[i].ID)
		}
	}
	return "the end"
}

const windowScheme = `version: 1
id: t
currency: RUB
roles:
  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 1, base: 0, norm: 100}
    conditions:
      - {id: no_errors, coefficient: 0.1}
`

func scheme(t *testing.T) *plan.Scheme { t.Helper(); return schemeOf(t, windowScheme) }

// schemeOf parses a scheme written in the test.
func schemeOf(t *testing.T, yaml string) *plan.Scheme {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(yaml), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rosterTables is a fact sheet of n employees, the roster not in the order
// of the ids (as a roster sorted by name is), facts and plans in the
// roster's order; edit changes the tables before they are written.
func rosterTables(n int, edit func(roster, facts, plans *[][]string)) []xlsxtest.Table {
	roster := [][]string{{"id", "name", "role", "fixed"}}
	facts := [][]string{{"id", "docs", "no_errors"}}
	plans := [][]string{{"id", "kpi", "norm"}}
	for i := range n {
		id := fmt.Sprintf("C%02d", (i*7)%n) // a permutation of 0 … n-1 for n prime to 7
		roster = append(roster, []string{id, "Clerk " + id, "clerk", fmt.Sprint(1000 + i)})
		facts = append(facts, []string{id, fmt.Sprint(50 + i), []string{"yes", "no"}[i%2]})
		if i%3 == 0 {
			plans = append(plans, []string{id, "docs", fmt.Sprint(80 + i)})
		}
	}
	if edit != nil {
		edit(&roster, &facts, &plans)
	}
	return []xlsxtest.Table{{Name: "Roster", Rows: roster}, {Name: "Facts", Rows: facts}, {Name: "Plans", Rows: plans}}
}

func writeTables(t *testing.T, tables []xlsxtest.Table) string {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsxtest.WriteFactSheet(&buf, tables, "2026-10"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "facts.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWindowsRoster: a roster of 40 in windows of 1 to 41 rows, not in the
// order of its ids, with every third person's plan, reads as it does whole
// (the windows follow the roster; the caller orders the ids).
func TestWindowsRoster(t *testing.T) {
	defer SetMinWindow(1)()
	s := scheme(t)
	path := writeTables(t, rosterTables(40, nil))
	for _, size := range []int{1, 4, 7, 39, 41} {
		b := readBoth(t, s, path, size)
		whole, windowed, ww, winw, werr, why := b.whole, b.windowed, b.wholeWarn, b.winWarn, b.wholeErr, b.why
		if werr != nil || why != "" {
			t.Fatalf("windows of %d: whole: %v; read whole because: %s", size, werr, why)
		}
		if len(whole) != 40 || !reflect.DeepEqual(windowed, whole) || !reflect.DeepEqual(winw, ww) {
			t.Errorf("windows of %d: %d employees, whole %d; first difference at %s; warnings %q, whole %q", size, len(windowed), len(whole), firstDiff(windowed, whole), winw, ww)
		}
	}
}

// TestWindowsGiveWay: what the windows cannot read as Read does makes
// ReadWindows give way, early or late, and Read then decides: facts or
// plans out of the roster's order (across windows: in one window the order
// does not matter), a totals row, a formula, an id that is not ASCII, a
// row of an unknown employee, a blank fact, a Payments table. A fact sheet
// read in windows reads as it does whole.
func TestWindowsGiveWay(t *testing.T) {
	defer SetMinWindow(1)()
	s := scheme(t)
	move := func(rows *[][]string, from, to int) {
		r := (*rows)[from]
		*rows = append((*rows)[:from], (*rows)[from+1:]...)
		*rows = append((*rows)[:to], append([][]string{r}, (*rows)[to:]...)...)
	}
	cases := []struct {
		name      string
		edit      func(roster, facts, plans *[][]string)
		tables    func([]xlsxtest.Table) []xlsxtest.Table
		wholeFail string // what Read says, "" when it reads, "*" for anything
	}{
		{"facts out of order", func(_, f, _ *[][]string) { move(f, 2, len(*f)-1) }, nil, ""},
		{"plans out of order", func(_, _, p *[][]string) { move(p, 1, len(*p)-1) }, nil, ""},
		{"a totals row", func(r, _, _ *[][]string) { *r = append(*r, []string{"Итого", "", "", "40780"}) }, nil, ""},
		// Fixed pay is 1000 + i for row i: the last window of 7 rows holds
		// rows 35 to 39 and the totals row, which sums those five only.
		{"a totals row that sums its window only", func(r, _, _ *[][]string) { *r = append(*r, []string{"Итого", "", "", "5185"}) }, nil, "the totals row says 5185"},
		{"a formula", func(_, f, _ *[][]string) { (*f)[5][1] = "=10*5" }, nil, "*"},
		{"a Cyrillic id", func(r, f, _ *[][]string) { (*r)[3][0], (*f)[3][0] = "Кира", "Кира" }, nil, ""},
		{"an unknown employee", func(_, f, _ *[][]string) { (*f)[9][0] = "X99" }, nil, `"X99"`},
		{"a blank fact", func(_, f, _ *[][]string) { (*f)[30][1] = "" }, nil, "blank"},
		{"a Payments table", nil, func(ts []xlsxtest.Table) []xlsxtest.Table {
			return append(ts, xlsxtest.Table{Name: "Payments", Rows: [][]string{{"id", "customer", "amount", "due", "paid"}, {"C00", "A", "10", "2026-10-01", "2026-10-02"}}})
		}, ""},
	}
	for _, c := range cases {
		ts := rosterTables(40, c.edit)
		if c.tables != nil {
			ts = c.tables(ts)
		}
		path := writeTables(t, ts)
		if c.name == "a formula" {
			formula(t, path, "Facts", "B6", "10*5")
		}
		for _, size := range []int{4, 7, 100} {
			b := readBoth(t, s, path, size)
			whole, windowed, ww, winw, werr, why := b.whole, b.windowed, b.wholeWarn, b.winWarn, b.wholeErr, b.why
			switch {
			case why == "" && size < 40:
				t.Errorf("%s, windows of %d: read in windows", c.name, size)
			case why == "" && (werr != nil || !reflect.DeepEqual(windowed, whole) || !reflect.DeepEqual(winw, ww)):
				t.Errorf("%s, windows of %d: read in windows, not as whole (%v)", c.name, size, werr)
			}
			switch {
			case c.wholeFail == "*":
			case c.wholeFail == "" && werr != nil:
				t.Errorf("%s: Read fails: %v", c.name, werr)
			case c.wholeFail != "" && (werr == nil || !strings.Contains(werr.Error(), c.wholeFail)):
				t.Errorf("%s: Read says %v, want %q", c.name, werr, c.wholeFail)
			}
		}
	}
}

// formula makes a cell a formula (with no saved result, as excelize
// writes it).
func formula(t *testing.T, path, sheet, cell, f string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellFormula(sheet, cell, f); err != nil {
		t.Fatal(err)
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestWindowsDuplicate: an id in two windows is handed over twice, for the
// caller to find (Read refuses it).
func TestWindowsDuplicate(t *testing.T) {
	defer SetMinWindow(1)()
	path := writeTables(t, rosterTables(40, func(r, f, _ *[][]string) { (*r)[35][0], (*f)[35][0] = (*r)[2][0], (*f)[2][0] }))
	b := readBoth(t, scheme(t), path, 4)
	windowed, werr, why := b.windowed, b.wholeErr, b.why
	if werr == nil || !strings.Contains(werr.Error(), "twice") {
		t.Errorf("Read says %v, want the id twice", werr)
	}
	seen := map[string]int{}
	for _, e := range windowed {
		seen[e.ID]++
	}
	if why != "" || seen[rosterTables(40, nil)[0].Rows[2][0]] != 2 {
		t.Errorf("read whole (%q), or the id is not handed over twice: %v", why, seen)
	}
}

// TestPrivateCopy: a workbook over CopyAbove is read from a private copy
// that is in no folder, and reads as the same workbook held in memory:
// the same hash, input and warnings; Close removes no file it does not
// own; without a temporary folder the workbook is read into memory; a file
// that is no workbook is refused in the same words either way.
func TestPrivateCopy(t *testing.T) {
	s := scheme(t)
	path := writeTables(t, rosterTables(40, nil))
	read := func() (*Source, *calc.Input, []string) {
		src, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		in, warnings, err := src.Read(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return src, in, english(warnings)
	}
	mem, memIn, memWarn := read()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	undo := SetCopyAbove(0)
	defer undo()
	cp, cpIn, cpWarn := read()
	if cp.SHA256 != mem.SHA256 || !reflect.DeepEqual(cpIn.Employees, memIn.Employees) || !reflect.DeepEqual(cpWarn, memWarn) {
		t.Errorf("the copy reads otherwise: hash %s / %s, %d / %d employees", cp.SHA256, mem.SHA256, len(cpIn.Employees), len(memIn.Employees))
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the private copy is in a folder: %v", left)
	}
	// Close removes nothing: the copy's name is no longer the copy's, and
	// a file made there since is another's.
	other := CopyName(cp)
	if err := os.WriteFile(other, []byte("not premia's"), 0o600); err != nil {
		t.Fatal(err)
	}
	cp.Close()
	if _, err := os.Stat(other); err != nil {
		t.Errorf("Close removed a file it did not own: %v", err)
	}
	// With no temporary folder to copy into, the workbook is read into
	// memory: the same figures.
	t.Setenv("TMPDIR", filepath.Join(tmp, "missing"))
	nocp, nocpIn, _ := read()
	if nocp.SHA256 != mem.SHA256 || CopyName(nocp) != "" || !reflect.DeepEqual(nocpIn.Employees, memIn.Employees) {
		t.Errorf("without a temporary folder: hash %s, copy %q", nocp.SHA256, CopyName(nocp))
	}
	bad := filepath.Join(t.TempDir(), "facts.xls")
	os.WriteFile(bad, []byte{0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3}, 0o600)
	_, errCopy := Load(bad)
	undo()
	_, errMem := Load(bad)
	if errCopy == nil || errMem == nil || errCopy.Error() != errMem.Error() {
		t.Errorf("a legacy .xls: %v, in memory %v", errCopy, errMem)
	}
}

// TestWindowsTrailingBlankRows: rows that are only formatted, under the
// tables (as Excel keeps them after rows are cleared), are read in windows
// as they are whole.
func TestWindowsTrailingBlankRows(t *testing.T) {
	defer SetMinWindow(1)()
	path := writeTables(t, rosterTables(40, nil))
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	style, _ := x.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}})
	for _, sheet := range []string{"Roster", "Facts"} {
		if err := x.SetCellStyle(sheet, "A43", "C60", style); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{4, 7} {
		b := readBoth(t, scheme(t), path, size)
		if b.wholeErr != nil || b.why != "" || len(b.whole) != 40 || !reflect.DeepEqual(b.windowed, b.whole) {
			t.Errorf("windows of %d: whole %v, read whole because %q, %d / %d employees", size, b.wholeErr, b.why, len(b.windowed), len(b.whole))
		}
	}
}

// rewriteSheets rewrites the XML of every worksheet of the workbook at path.
func rewriteSheets(t *testing.T, path string, f func(xml string) string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, file := range zr.File {
		rc, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(file.Name, "xl/worksheets/") {
			data = []byte(f(string(data)))
		}
		w, _ := zw.Create(file.Name)
		w.Write(data)
	}
	zr.Close()
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o600)
}

// TestWindowsPaymentsScheme: a scheme that counts payments, with no
// Payments table or with a sheet whose name only looks like it, is read
// whole, which refuses it (the windows never read that table).
func TestWindowsPaymentsScheme(t *testing.T) {
	s := schemeOf(t, `version: 1
id: p
currency: RUB
roles:
  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 0.5, base: 0, norm: 100}
      - {id: margin, source: payments, weight: 0.5, base: 0, norm: 1000}
`)
	for name, extra := range map[string][]xlsxtest.Table{
		"no Payments table":          nil,
		"a sheet that looks like it": {{Name: "P\u0430yments", Rows: [][]string{{"id", "customer", "amount", "due", "paid"}}}},
	} {
		path := writeTables(t, append(rosterTables(40, nil), extra...))
		b := readBoth(t, s, path, 64)
		if b.wholeErr == nil || b.why == "" {
			t.Errorf("%s: Read says %v; read whole because %q", name, b.wholeErr, b.why)
		}
	}
}

// TestWindowsUnreadableWindow: a window that cannot be read (here: one
// with a formula), met where a roster window ends at a sheet window's end
// (three title rows above the header make them meet), makes the windows
// give way rather than lose the people in it.
func TestWindowsUnreadableWindow(t *testing.T) {
	defer SetMinWindow(1)()
	s := schemeOf(t, "version: 1\nid: f\ncurrency: RUB\nroles:\n  - id: clerk\n    fixed: 1000\n")
	roster := [][]string{{"Roster"}, {"of the clerks"}, {"October"}, {"id", "name", "role", "fixed"}}
	for i := range 40 {
		roster = append(roster, []string{fmt.Sprintf("C%03d", i), "Clerk", "clerk", fmt.Sprint(1000 + i)})
	}
	path := writeTables(t, []xlsxtest.Table{{Name: "Roster", Rows: roster}})
	// Row 30 is C025's: fixed 1025, as a formula with its right result.
	cellRe := regexp.MustCompile(`<c r="D30"[^>]*>.*?</c>`)
	rewriteSheets(t, path, func(x string) string { return cellRe.ReplaceAllString(x, `<c r="D30"><f>1024+1</f><v>1025</v></c>`) })
	b := readBoth(t, s, path, 4)
	if b.wholeErr != nil || len(b.whole) != 40 {
		t.Fatalf("Read: %v, %d employees", b.wholeErr, len(b.whole))
	}
	if b.why == "" {
		t.Errorf("read in windows with a formula: %d employees, whole %d", len(b.windowed), len(b.whole))
	}
}

// TestWindowsHiddenColumnAfterRows: a hidden column declared after the
// rows (out of the standard's order, but read) is known to the whole read,
// which refuses it, and only at the end to the windows, which give way.
func TestWindowsHiddenColumnAfterRows(t *testing.T) {
	defer SetMinWindow(1)()
	path := writeTables(t, rosterTables(40, nil))
	rewriteSheets(t, path, func(x string) string {
		if !strings.Contains(x, ">Clerk ") && !strings.Contains(x, `t="s"`) {
			return x
		}
		return strings.Replace(x, "</sheetData>", `</sheetData><cols><col min="4" max="4" hidden="1"/></cols>`, 1)
	})
	b := readBoth(t, scheme(t), path, 4)
	if b.wholeErr == nil || !strings.Contains(b.wholeErr.Error(), "hidden") || b.why == "" {
		t.Errorf("Read says %v; read whole because %q", b.wholeErr, b.why)
	}
}

// TestClosedSource: a fact sheet let go (Close) keeps its path and hash
// and is not read again, in memory or from its private copy.
func TestClosedSource(t *testing.T) {
	path := writeTables(t, rosterTables(10, nil))
	for _, above := range []int64{1 << 40, 0} {
		undo := SetCopyAbove(above)
		src, err := Load(path)
		undo()
		if err != nil {
			t.Fatal(err)
		}
		sum := src.SHA256
		src.Close()
		src.Close()
		_, _, err = src.Read(scheme(t), Options{})
		_, werr := src.ReadWindows(scheme(t), Options{}, 64, func(*calc.Input) error { return nil })
		if src.SHA256 != sum || err == nil || !strings.Contains(err.Error(), "after it was let go") || werr == nil || !strings.Contains(werr.Error(), "after it was let go") {
			t.Errorf("copy above %d: hash %s / %s; Read after Close: %v; ReadWindows: %v", above, src.SHA256, sum, err, werr)
		}
	}
}

// TestLoadReader: a workbook read from standard input reads as the same
// file read by path (hash, input), whether it is held in memory, in a
// private copy (over CopyAbove), or in memory for want of a temporary
// folder; a YAML scheme piped by mistake
// is refused as Load refuses it.
func TestLoadReader(t *testing.T) {
	s := scheme(t)
	path := writeTables(t, rosterTables(40, nil))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fileIn, _, err := file.Read(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(how string, wantCopy bool) {
		t.Helper()
		// Named as the file, so that the places read name the same file.
		src, err := LoadReader(bytes.NewReader(data), path)
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		defer src.Close()
		if (CopyName(src) != "") != wantCopy {
			t.Errorf("%s: private copy %q", how, CopyName(src))
		}
		in, _, err := src.Read(s, Options{})
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		if src.SHA256 != file.SHA256 || src.Path != path || !reflect.DeepEqual(in.Employees, fileIn.Employees) {
			t.Errorf("%s: hash %s / %s, path %q, %d / %d employees", how, src.SHA256, file.SHA256, src.Path, len(in.Employees), len(fileIn.Employees))
		}
	}
	check("in memory", false)
	t.Setenv("TMPDIR", t.TempDir())
	undo := SetCopyAbove(100)
	defer undo()
	check("a private copy", true)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	check("no temporary folder", false)
	undo()
	yaml := filepath.Join(t.TempDir(), "scheme.yaml")
	os.WriteFile(yaml, []byte("version: 1\nroles: []\n"), 0o600)
	_, errFile := Load(yaml)
	_, errStdin := LoadReader(strings.NewReader("version: 1\nroles: []\n"), yaml)
	if errFile == nil || errStdin == nil || errFile.Error() != errStdin.Error() {
		t.Errorf("a scheme piped in: %v; by path: %v", errStdin, errFile)
	}
}

// TestFactSheetOfAnotherScheme: a fact sheet none of whose roster's roles
// is the scheme's gets one message, saying so, instead of one per row and
// a cascade from every table after; a roster with one unknown role gets
// that row's message only, and the other tables do not call the person
// unknown.
func TestFactSheetOfAnotherScheme(t *testing.T) {
	s := scheme(t)
	read := func(edit func(roster, facts, plans *[][]string)) []string {
		t.Helper()
		src, err := Load(writeTables(t, rosterTables(11, edit)))
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		_, _, err = src.Read(s, Options{})
		if err == nil {
			t.Fatal("read without an error")
		}
		return strings.Split(err.Error(), "\n")
	}
	other := read(func(roster, _, _ *[][]string) {
		for i := 1; i < len(*roster); i++ {
			(*roster)[i][2] = []string{"sales_manager", "head"}[i%2]
		}
	})
	want := `sheet "Roster": this fact sheet does not fit the scheme s.yaml: none of its roles ("head", "sales_manager") is one of the scheme's (clerk). Was it made for another scheme?`
	if len(other) != 1 || !strings.Contains(other[0], want) {
		t.Errorf("another scheme's fact sheet:\n%s\nwant one line holding %s", strings.Join(other, "\n"), want)
	}
	one := read(func(roster, _, _ *[][]string) { (*roster)[3][2] = "clark" })
	if len(one) != 1 || !strings.Contains(one[0], `sheet "Roster" C4: role "clark" is not in the scheme; its roles: clerk`) {
		t.Errorf("one unknown role:\n%s", strings.Join(one, "\n"))
	}
}
