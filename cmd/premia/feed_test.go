package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/xlsxtest"
)

// clerkScheme is one clerk role paid by one KPI, for tests of many people.
const clerkScheme = `version: 1
id: w
currency: RUB
roles:
  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 1, base: 0, norm: 100}
`

// feedFacts writes a fact sheet of 300 clerks P001…P300, the roster in
// the order of the ids unless shuffled; edit may change the rows.
func feedFacts(t *testing.T, dir, name string, shuffled bool, edit func(roster, facts *[][]string)) string {
	t.Helper()
	roster := [][]string{{"id", "name", "role", "fixed"}}
	facts := [][]string{{"id", "docs"}}
	for i := range 300 {
		n := i + 1
		if shuffled {
			n = (i*7)%300 + 1
		}
		id := fmt.Sprintf("P%03d", n)
		roster = append(roster, []string{id, "Person " + id, "clerk", fmt.Sprint(1000 + n)})
		facts = append(facts, []string{id, fmt.Sprint(40 + n%90)})
	}
	if edit != nil {
		edit(&roster, &facts)
	}
	var buf bytes.Buffer
	if err := xlsxtest.WriteFactSheet(&buf, []xlsxtest.Table{{Name: "Roster", Rows: roster}, {Name: "Facts", Rows: facts}}, "2026-10"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// runTimed runs premia with --timings on a clock that ticks a second a
// reading, and returns the exit code, stdout and stderr.
func runTimed(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	tick := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	d := &deps{stdout: &stdout, stderr: &stderr, now: func() time.Time { tick = tick.Add(time.Second); return tick }}
	root := newRootCmd(d)
	root.SetArgs(append(args, "--timings"))
	code := 0
	if err := root.Execute(); err != nil {
		code = 1
		fmt.Fprintln(&stderr, err)
	}
	return code, stdout.String(), stderr.String()
}

// TestWorkbookInWindows: one workbook and --split from a roster in the
// order of its ids are computed from the fact sheet read in windows of 64
// (the roster read first for the sheets' names), and are byte for byte
// the workbooks of the fact sheet read whole, with the same CSV on stdout.
// A roster in another order, and a fact sheet that gives way only after
// some windows were written, are read whole and give what the whole read
// gives; a problem found in a late window is reported as the whole read
// reports it, and nothing is written.
func TestWorkbookInWindows(t *testing.T) {
	dir := t.TempDir()
	scheme := filepath.Join(dir, "scheme.yaml")
	if err := os.WriteFile(scheme, []byte(clerkScheme), 0o600); err != nil {
		t.Fatal(err)
	}
	prev := window
	window = 64
	defer func() { window = prev }()

	// whole writes the report and the split set from the fact sheet read
	// whole, as premia did before it read workbooks in windows.
	whole := func(facts, book, split string) string {
		t.Helper()
		var errb bytes.Buffer
		l, err := load(&deps{stderr: &errb}, scheme, facts, "", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		f := wholeFeed(l)
		if _, err := report.SaveReportStream(book, f.s, f.ids, f.period, f.info, streamed(f, false, nil)); err != nil {
			t.Fatal(err)
		}
		l, _ = load(&deps{stderr: &errb}, scheme, facts, "", "", nil)
		f = wholeFeed(l)
		if _, _, _, err := report.SaveSplitStream(split, f.s, f.ids, f.period, f.info, streamed(f, false, nil)); err != nil {
			t.Fatal(err)
		}
		l, _ = load(&deps{stderr: &errb}, scheme, facts, "", "", nil)
		var csv bytes.Buffer
		if _, err := rowsWhole(&csv, l, "csv", nil, nil); err != nil {
			t.Fatal(err)
		}
		return csv.String()
	}
	same := func(what, a, b string) {
		t.Helper()
		x, errA := os.ReadFile(a)
		y, errB := os.ReadFile(b)
		if errA != nil || errB != nil || !bytes.Equal(x, y) {
			t.Errorf("%s: %s and %s differ (%v, %v; %d and %d bytes)", what, a, b, errA, errB, len(x), len(y))
		}
	}
	sameSet := func(what, a, b string) {
		t.Helper()
		ea, _ := os.ReadDir(a)
		eb, _ := os.ReadDir(b)
		if len(ea) != len(eb) || len(ea) < 301 {
			t.Errorf("%s: %d files and %d, want 300 workbooks and summary.xlsx", what, len(ea), len(eb))
			return
		}
		for i := range ea {
			same(what, filepath.Join(a, ea[i].Name()), filepath.Join(b, eb[i].Name()))
		}
	}

	sorted := feedFacts(t, dir, "sorted.xlsx", false, nil)
	csv := whole(sorted, filepath.Join(dir, "whole.xlsx"), filepath.Join(dir, "whole-split"))
	code, out, errs := runTimed("calc", scheme, sorted, "-o", filepath.Join(dir, "win.xlsx"), "--format", "csv")
	if want := "timings: read the roster 1.000 s, read and compute 1.000 s, write 1.000 s; total 3.000 s\n"; code != 0 || !strings.HasSuffix(errs, want) {
		t.Fatalf("in windows: exit %d, stderr %q, want it to end %q", code, errs, want)
	}
	same("one workbook in windows", filepath.Join(dir, "win.xlsx"), filepath.Join(dir, "whole.xlsx"))
	if out != csv {
		t.Errorf("the CSV beside the workbook in windows differs from the whole read's:\n%.200s\n---\n%.200s", out, csv)
	}
	if code, _, errs := runTimed("calc", scheme, sorted, "--split", filepath.Join(dir, "win-split"), "--format", "csv"); code != 0 || strings.Contains(errs, "read whole") {
		t.Fatalf("--split in windows: exit %d, stderr %q", code, errs)
	}
	sameSet("--split in windows", filepath.Join(dir, "win-split"), filepath.Join(dir, "whole-split"))

	// Another order: read whole, and said so.
	shuffled := feedFacts(t, dir, "shuffled.xlsx", true, nil)
	csv = whole(shuffled, filepath.Join(dir, "whole2.xlsx"), filepath.Join(dir, "whole2-split"))
	code, out, errs = runTimed("calc", scheme, shuffled, "-o", filepath.Join(dir, "win2.xlsx"), "--format", "csv")
	if code != 0 || !strings.Contains(errs, "timings: the fact sheet is read whole: the roster is not in the order of its ids") {
		t.Fatalf("a shuffled roster: exit %d, stderr %q", code, errs)
	}
	same("a shuffled roster", filepath.Join(dir, "win2.xlsx"), filepath.Join(dir, "whole2.xlsx"))
	if out != csv {
		t.Errorf("the CSV of a shuffled roster differs from the whole read's")
	}

	// P200's Facts row after P300's: the windows (of 64 roster rows)
	// give way at P200's, after sheets were written; read whole, the row
	// is found.
	late := feedFacts(t, dir, "late.xlsx", false, func(_, facts *[][]string) {
		f := *facts
		row := f[200]
		*facts = append(append(f[:200:200], f[201:]...), row)
	})
	csv = whole(late, filepath.Join(dir, "whole3.xlsx"), filepath.Join(dir, "whole3-split"))
	code, out, errs = runTimed("calc", scheme, late, "-o", filepath.Join(dir, "win3.xlsx"), "--format", "csv")
	if code != 0 || !strings.Contains(errs, "timings: the fact sheet is read whole") {
		t.Fatalf("a late Facts row: exit %d, stderr %q", code, errs)
	}
	same("a late Facts row", filepath.Join(dir, "win3.xlsx"), filepath.Join(dir, "whole3.xlsx"))
	if out != csv {
		t.Errorf("the CSV of a late Facts row differs from the whole read's")
	}

	// A number that is not one in a late window: the whole read's message,
	// exit 1, no workbook, no file left behind.
	bad := feedFacts(t, dir, "bad.xlsx", false, func(_, facts *[][]string) { (*facts)[280][1] = "many" })
	var stdout, stderr bytes.Buffer
	target := filepath.Join(dir, "bad-out.xlsx")
	if code := run(context.Background(), []string{"calc", scheme, bad, "-o", target, "--format", "csv"}, nil, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), `sheet "Facts" B281`) || stdout.Len() > 0 {
		t.Errorf("a bad number in a late window: exit %d, stdout %d bytes, stderr %s", code, stdout.Len(), stderr.String())
	}
	if _, err := os.Stat(target); err == nil {
		t.Errorf("a failed run wrote %s", target)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || strings.Contains(e.Name(), "tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
