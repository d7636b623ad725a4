package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	teamScheme = "../../examples/sales-team/scheme.yaml"
	teamFacts  = "../../examples/sales-team/facts.xlsx"
)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, nil, &out, &errb); code != 0 {
		t.Fatalf("premia %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return errb.String()
}

// TestReportDeterministic: two runs on the same inputs give identical bytes
// (no clock in the file); TestDeterministicAcrossEnvironments varies the time
// zone and locale of the process.
func TestReportDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "sub", "b.xlsx")
	runOK(t, "calc", teamScheme, teamFacts, "--period", "2026-10", "-o", a)
	runOK(t, "calc", teamScheme, teamFacts, "--period", "2026-10", "-o", b)
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if len(ba) == 0 || !bytes.Equal(ba, bb) {
		t.Errorf("two runs gave different reports (%d and %d bytes)", len(ba), len(bb))
	}
}

// TestFailedRunKeepsEarlierReport: after a good run, runs that fail — on a
// bad scheme, bad facts, or at writing — leave the earlier report
// byte-identical and no temporary file behind.
func TestFailedRunKeepsEarlierReport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	runOK(t, "calc", teamScheme, teamFacts, "--period", "2026-10", "-o", out)
	before, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nid: x\ncurrency: RUB\nroles: []\nextra: 1\n"), 0o644)
	for name, args := range map[string][]string{
		"bad scheme":    {"calc", bad, teamFacts, "-o", out},
		"missing facts": {"calc", teamScheme, filepath.Join(dir, "none.xlsx"), "--period", "2026-10", "-o", out},
		"wrong period":  {"calc", teamScheme, teamFacts, "--period", "2026-11", "-o", out},
		"under a file":  {"calc", teamScheme, teamFacts, "--period", "2026-10", "-o", filepath.Join(dir, "bad.yaml", "report.xlsx")},
	} {
		var o, e bytes.Buffer
		if code := run(context.Background(), args, nil, &o, &e); code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", name, code, e.String())
		}
		after, _ := os.ReadFile(out)
		if !bytes.Equal(before, after) {
			t.Errorf("%s: the earlier report changed", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "report.xlsx" && e.Name() != "bad.yaml" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestSplitWritesOneWorkbookEach: --split writes summary.xlsx and one
// workbook per employee, and the list of them (.premia-set); a second run
// for fewer people replaces the set as a whole and says which files went.
func TestSplitWritesOneWorkbookEach(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "split")
	runOK(t, "calc", teamScheme, teamFacts, "--period", "2026-10", "--split", dir)
	want := ".premia-set H-01.xlsx S-01.xlsx S-02.xlsx S-03.xlsx summary.xlsx"
	if got := list(dir); got != want {
		t.Errorf("split folder holds %s, want %s", got, want)
	}
}

// TestSplitReplacesTheSet: a run for fewer people replaces the earlier set
// as a whole, says which files went, and leaves nothing beside the folder.
func TestSplitReplacesTheSet(t *testing.T) {
	const ex = "../../examples/ladder"
	parent := t.TempDir()
	dir := filepath.Join(parent, "split")
	runOK(t, "calc", ex+"/scheme.yaml", ex+"/facts", "--split", dir)
	// L-10500 leaves: the tables without that row.
	facts := filepath.Join(parent, "facts")
	if err := os.MkdirAll(facts, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"roster", "facts"} {
		b, err := os.ReadFile(filepath.Join(ex, "facts", table+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		var keep []string
		for _, line := range strings.SplitAfter(string(b), "\n") {
			if !strings.HasPrefix(line, "L-10500,") {
				keep = append(keep, line)
			}
		}
		os.WriteFile(filepath.Join(facts, table+".csv"), []byte(strings.Join(keep, "")), 0o644)
	}
	stderr := runOK(t, "calc", ex+"/scheme.yaml", facts, "--split", dir)
	if got := list(dir); strings.Contains(got, "L-10500") || !strings.Contains(got, "L-10000.xlsx") {
		t.Errorf("after L-10500 left, the split folder holds %s", got)
	}
	// The ladder example's scheme is Russian: so is what premia says.
	if !strings.Contains(stderr, "удалены файлы прошлого запуска, чьих сотрудников больше нет в списке (1 файл): L-10500.xlsx") {
		t.Errorf("stderr does not say L-10500.xlsx went:\n%s", stderr)
	}
	if got := list(parent); got != "facts split" {
		t.Errorf("beside the split folder: %s, want nothing left of the staging", got)
	}
}

// list is a folder's entries, sorted, space-separated.
func list(dir string) string {
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestOutputCSVAndJSON: -o writes the CSV or JSON that stdout would carry,
// byte for byte.
func TestOutputCSVAndJSON(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"csv", "json"} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"calc", teamScheme, teamFacts, "--period", "2026-10", "--format", format}, nil, &out, &errb); code != 0 {
			t.Fatal(errb.String())
		}
		path := filepath.Join(dir, "pay."+format)
		runOK(t, "calc", teamScheme, teamFacts, "--period", "2026-10", "-o", path)
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, out.Bytes()) {
			t.Errorf("-o %s differs from --format %s on stdout", path, format)
		}
	}
	var o, e bytes.Buffer
	if code := run(context.Background(), []string{"calc", teamScheme, teamFacts, "-o", filepath.Join(dir, "pay.txt")}, nil, &o, &e); code != 2 {
		t.Errorf("-o pay.txt: exit %d, want 2 (usage)", code)
	}
}

// TestTimings: --timings reports each phase on stderr, from the injected
// clock (here one second a reading), and why a fact sheet is not read in
// windows; stdout is unchanged.
func TestTimings(t *testing.T) {
	var stdout, stderr bytes.Buffer
	tick := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	d := &deps{stdout: &stdout, stderr: &stderr, now: func() time.Time { tick = tick.Add(time.Second); return tick }}
	root := newRootCmd(d)
	root.SetArgs([]string{"calc", teamScheme, teamFacts, "--period", "2026-10", "--format", "csv", "--timings"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	// The sales team's payments are read whole, and --timings says why.
	want := "timings: the fact sheet is read whole: a Payments table\ntimings: read 1.000 s, compute 1.000 s, write 1.000 s; total 3.000 s\n"
	if !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("stderr = %q, want it to end %q", stderr.String(), want)
	}
	if !strings.HasPrefix(stdout.String(), "id,name,role") {
		t.Errorf("stdout = %q, want the CSV", stdout.String())
	}
	// The KPI matrix is read in windows: reading and computing are one phase.
	stdout.Reset()
	stderr.Reset()
	root = newRootCmd(d)
	root.SetArgs([]string{"calc", "../../examples/kpi-matrix/scheme.yaml", "../../examples/kpi-matrix/facts.xlsx", "--format", "json", "--timings"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := "timings: read and compute 1.000 s, write 1.000 s; total 2.000 s\n"; stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
}

// TestStreamedOutputAllOrNothing: CSV and JSON are written as employees are
// computed, yet when one employee fails after others were written, stdout
// gets nothing and -o leaves the earlier file as it was.
func TestStreamedOutputAllOrNothing(t *testing.T) {
	const src = "../../testdata/calc-norm-zero"
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts")
	os.MkdirAll(facts, 0o755)
	// A-0 … A-199 are paid; E-1, last in the roster, has a norm of 0.
	roster, factRows := "id,name,role\n", "id,sales\n"
	for i := 0; i < 200; i++ {
		roster += fmt.Sprintf("A-%03d,Person %d,m\n", i, i)
		factRows += fmt.Sprintf("A-%03d,500\n", i)
	}
	os.WriteFile(filepath.Join(facts, "roster.csv"), []byte(roster+"E-1,Ann,m\n"), 0o644)
	os.WriteFile(filepath.Join(facts, "facts.csv"), []byte(factRows+"E-1,500\n"), 0o644)
	plans, _ := os.ReadFile(filepath.Join(src, "facts", "plans.csv"))
	os.WriteFile(filepath.Join(facts, "plans.csv"), plans, 0o644)
	scheme := filepath.Join(src, "scheme.yaml")
	for _, format := range []string{"csv", "json"} {
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"calc", scheme, facts, "--format", format}, nil, &out, &errb)
		if code != 1 || out.Len() != 0 || !strings.Contains(errb.String(), `employee "E-1"`) {
			t.Errorf("--format %s: exit %d, %d bytes on stdout, stderr %q; want exit 1, nothing on stdout, E-1 named", format, code, out.Len(), errb.String())
		}
		earlier := filepath.Join(dir, "pay."+format)
		os.WriteFile(earlier, []byte("earlier"), 0o644)
		out.Reset()
		code = run(context.Background(), []string{"calc", scheme, facts, "-o", earlier}, nil, &out, &errb)
		if b, _ := os.ReadFile(earlier); code != 1 || string(b) != "earlier" {
			t.Errorf("-o pay.%s: exit %d, file now %.40q; want exit 1 and the earlier file", format, code, b)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "premia-*.out")); len(left) > 0 {
		t.Errorf("temporary output left behind: %v", left)
	}
}

// TestSummaryLayout: the summary's header row is as tall as its longest
// heading wraps to (sales-team's "3 % of the price for every blender above
// plan", 45 characters in a column of 14: 4 lines of 15 points), and its
// role column, which shows role titles, is as wide as the longest
// ("Head of sales department", 24 characters, and 2 to spare).
func TestSummaryLayout(t *testing.T) {
	sheet := teamReportPart(t)("xl/worksheets/sheet1.xml")
	if !strings.Contains(sheet, `<row r="1" ht="60" customHeight="1">`) {
		t.Errorf("header row: want 60 points (4 lines); %s", between(sheet, `<row r="1"`, ">"))
	}
	if !strings.Contains(sheet, `<col min="3" max="3" width="26" customWidth="1"/>`) {
		t.Errorf("role column: want 26 wide; %s", between(sheet, `<col min="3"`, "/>"))
	}
}

// teamReportPart writes sales-team's report and gives a reader of its
// parts' text, as written.
func teamReportPart(t *testing.T) func(name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if code, _, stderr := runCode("calc", teamScheme, teamFacts, "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { zr.Close() })
	return func(name string) string {
		rc, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
}

// between is s from the first from to the next to after it, for a message.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return "(none)"
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(to)]
}

// TestAuditCountBesideLabel: the audit sheet's count of employees is a
// number aligned left, beside its label as the texts above it are, not at
// the far right of a column 70 wide.
func TestAuditCountBesideLabel(t *testing.T) {
	part := teamReportPart(t)
	// The audit is the last sheet: the summary and four employees before it.
	audit := part("xl/worksheets/sheet6.xml")
	m := regexp.MustCompile(`<c r="B12" s="(\d+)"><v>4</v></c>`).FindStringSubmatch(audit)
	if m == nil {
		t.Fatalf("no styled count of 4 in B12 of the audit: %s", between(audit, `<c r="B12"`, "</c>"))
	}
	xfs := regexp.MustCompile(`(?s)<cellXfs[^>]*>(.*)</cellXfs>`).FindStringSubmatch(part("xl/styles.xml"))[1]
	each := regexp.MustCompile(`<xf [^>]*/>|<xf [^>]*>.*?</xf>`).FindAllString(xfs, -1)
	i, _ := strconv.Atoi(m[1])
	if i >= len(each) || !strings.Contains(each[i], `horizontal="left"`) {
		t.Errorf("the count's style %d is not aligned left", i)
	}
}

// TestHeadingsAlignWithTheirColumns: a heading above amounts is aligned
// right, as the amounts are, and one above texts left: on the summary
// (ID … Department left, Fixed … Total right) and on an employee's KPI
// matrix (KPI, Title, Unit left; Weight … Ladder coef. right; Band left).
func TestHeadingsAlignWithTheirColumns(t *testing.T) {
	part := teamReportPart(t)
	xfs := regexp.MustCompile(`(?s)<cellXfs[^>]*>(.*)</cellXfs>`).FindStringSubmatch(part("xl/styles.xml"))[1]
	each := regexp.MustCompile(`<xf [^>]*/>|<xf [^>]*>.*?</xf>`).FindAllString(xfs, -1)
	right := func(sheet, cell string) bool {
		t.Helper()
		m := regexp.MustCompile(`<c r="` + cell + `" s="(\d+)"`).FindStringSubmatch(sheet)
		if m == nil {
			t.Fatalf("no styled heading in %s", cell)
		}
		i, _ := strconv.Atoi(m[1])
		return i < len(each) && strings.Contains(each[i], `horizontal="right"`)
	}
	summary := part("xl/worksheets/sheet1.xml")
	for _, c := range []string{"A1", "B1", "C1", "D1"} {
		if right(summary, c) {
			t.Errorf("summary %s, above texts, is aligned right", c)
		}
	}
	for _, c := range []string{"E1", "F1", "G1", "H1", "I1", "L1"} {
		if !right(summary, c) {
			t.Errorf("summary %s, above amounts, is not aligned right", c)
		}
	}
	detail := part("xl/worksheets/sheet2.xml")
	for i, c := range []string{"A4", "B4", "C4", "D4", "E4", "F4", "G4", "H4", "I4", "J4", "K4", "L4", "M4"} {
		if want := i >= 3 && i <= 11; right(detail, c) != want {
			t.Errorf("employee sheet %s: aligned right %v, want %v", c, !want, want)
		}
	}
}

// TestSummaryScalesOnFixedPoints: K and the coefficient are coloured on
// fixed points — 0 red, the norm (1) white, the target's K green — not on
// the month's lowest and highest person. sales-team's target K, from its
// scheme: the sales manager's margin (personal plans: counted at its norm,
// 1) 0.6 × 1 + calls 0.2 × (800 − 400) / (600 − 400) + meetings 0.2 × (30
// − 10) / (20 − 10) = 0.6 + 0.4 + 0.4 = 1.4; the head's 0.7 × (5000000 −
// 2000000) / (4000000 − 2000000) + 0.3 × (0.05 − 0.20) / (0.10 − 0.20) =
// 1.05 + 0.45 = 1.5; the least above 1 is 1.4.
func TestSummaryScalesOnFixedPoints(t *testing.T) {
	const salesTeamTargetK = "1.4"
	part := teamReportPart(t)
	summary := part("xl/worksheets/sheet1.xml")
	scales := regexp.MustCompile(`<colorScale>(.*?)</colorScale>`).FindAllStringSubmatch(summary, -1)
	if len(scales) != 2 {
		t.Fatalf("%d colour scales on the summary, want 2 (K, coefficient)", len(scales))
	}
	want := `<cfvo type="num" val="0"/><cfvo type="num" val="1"/><cfvo type="num" val="` + salesTeamTargetK + `"/>` +
		`<color rgb="FFF8696B"/><color rgb="FFFFFFFF"/><color rgb="FF63BE7B"/>`
	for _, m := range scales {
		if m[1] != want {
			t.Errorf("colour scale %s\nwant %s", m[1], want)
		}
	}
	if strings.Contains(part("xl/workbook.xml"), `'S-01'!$4:$4`) {
		t.Errorf("an employee sheet repeats its KPI header on every printed page, above lines of the explanation")
	}
}
