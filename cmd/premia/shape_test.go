package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/xlsxtest"
	"github.com/xuri/excelize/v2"
)

const (
	poolScheme = "../../examples/team-pool/scheme.yaml"
	poolFacts  = "../../examples/team-pool/facts.xlsx"
)

// runCode runs premia and returns its exit code, stdout and stderr.
func runCode(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, nil, &out, &errb)
	return code, out.String(), errb.String()
}

// TestSplitByDepartment: team-pool's two stores (P-01…P-03 in store-1,
// P-04 in store-2) give store-1.xlsx and store-2.xlsx, each with its
// summary, its people's sheets and the audit, and summary.xlsx of all four;
// the CSV on stdout is the one of a run without --split, byte for byte.
func TestSplitByDepartment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "by-dept")
	code, csv, stderr := runCode("calc", poolScheme, poolFacts, "--split", dir, "--split-by", "department", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if got := list(dir); got != ".premia-set store-1.xlsx store-2.xlsx summary.xlsx" {
		t.Fatalf("the folder holds %s", got)
	}
	_, whole, _ := runCode("calc", poolScheme, poolFacts, "--format", "csv")
	if csv != whole {
		t.Errorf("stdout by department:\n%s\nwithout --split:\n%s", csv, whole)
	}
	for file, want := range map[string]string{
		"store-1.xlsx": "Summary P-01 P-02 P-03 Audit",
		"store-2.xlsx": "Summary P-04 Audit",
		"summary.xlsx": "Summary Audit",
	} {
		f, err := excelize.OpenFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(f.GetSheetList(), " "); got != want {
			t.Errorf("%s has sheets %s, want %s", file, got, want)
		}
		if file == "summary.xlsx" {
			// Four people, then the totals row.
			if v, _ := f.GetCellValue("Summary", "A5"); v != "P-04" {
				t.Errorf("summary.xlsx A5 = %q, want P-04", v)
			}
		}
		f.Close()
	}
}

// TestMaxSheets: one workbook with more employee sheets than --max-sheets
// is refused before anything is written, with the ways out; --max-sheets 0
// lifts the limit; a department over the limit is refused for
// --split-by department.
func TestMaxSheets(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	code, _, stderr := runCode("calc", poolScheme, poolFacts, "-o", out, "--max-sheets", "3")
	if code != 1 || !strings.Contains(stderr, "4 employees would make a workbook of 6 sheets") || !strings.Contains(stderr, "--split-by department") || !strings.Contains(stderr, "--max-sheets 4") {
		t.Errorf("4 employees over --max-sheets 3: exit %d\n%s", code, stderr)
	}
	if got := list(dir); got != "" {
		t.Errorf("a refused run left %s", got)
	}
	runOK(t, "calc", poolScheme, poolFacts, "-o", out, "--max-sheets", "0")
	code, _, stderr = runCode("calc", poolScheme, poolFacts, "--split", filepath.Join(dir, "d"), "--split-by", "department", "--max-sheets", "2")
	if code != 1 || !strings.Contains(stderr, `department "store-1" has 3 employees`) {
		t.Errorf("store-1 over --max-sheets 2: exit %d\n%s", code, stderr)
	}
	for _, args := range [][]string{
		{"--split-by", "team", "--split", dir},
		{"--split-by", "department"},
		{"--split-by", "department", "--split", filepath.Join(dir, "d"), "-o", out},
		{"--max-sheets", "-1", "-o", out},
	} {
		if code, _, stderr := runCode(append([]string{"calc", poolScheme, poolFacts}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}

// TestWorkbookWithCSV: -o report.xlsx --format csv writes the CSV as the
// workbook is written, and both are those of separate runs: the CSV of
// --format csv alone, byte for byte, and the workbook of -o alone.
func TestWorkbookWithCSV(t *testing.T) {
	for _, ex := range [][2]string{{poolScheme, poolFacts}, {teamScheme, teamFacts}} {
		dir := t.TempDir()
		both, alone := filepath.Join(dir, "both.xlsx"), filepath.Join(dir, "alone.xlsx")
		code, csv, stderr := runCode("calc", ex[0], ex[1], "-o", both, "--format", "csv")
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		_, want, _ := runCode("calc", ex[0], ex[1], "--format", "csv")
		if csv == "" || csv != want {
			t.Errorf("%s: the CSV beside the workbook:\n%s\nalone:\n%s", ex[1], csv, want)
		}
		runOK(t, "calc", ex[0], ex[1], "-o", alone)
		a, err := xlsxtest.Dump(both)
		if err != nil {
			t.Fatal(err)
		}
		b, err := xlsxtest.Dump(alone)
		if err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Errorf("%s: the workbook written with the CSV differs from the one written alone", ex[1])
		}
	}
}

// TestSetFolderIsAFile: calc --split and plans -o given an existing file
// refuse it alike, before anything is computed: a usage error (exit 2) in
// the same words, and the file is left as it was.
func TestSetFolderIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pay")
	if err := os.WriteFile(file, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	for flag, args := range map[string][]string{
		"--split": {"calc", teamScheme, teamFacts, "--split", file},
		"-o":      {"plans", teamScheme, teamFacts, "--period", "2026-11", "-o", file},
	} {
		code, stdout, stderr := runCode(args...)
		want := flag + " " + strconv.Quote(file) + " is a file: name a folder for the workbooks"
		if code != 2 || !strings.Contains(stderr, want) || stdout != "" {
			t.Errorf("%s FILE: exit %d, stderr %q, want 2 and %q", args[0], code, stderr, want)
		}
		if b, _ := os.ReadFile(file); string(b) != "kept" {
			t.Errorf("%s FILE: the file was changed", args[0])
		}
	}
}

// TestSplitByDepartmentAcrossDepartments: overrides follow reports_to
// across departments, so --split-by department computes the whole once:
// the manager in "office" is paid on the rep in "field" (metasfresh's
// 10 % of 10 = 1.00 for the rep, 0.1 × (10 − 1.00) = 0.90 for the manager),
// exactly as without --split.
func TestSplitByDepartmentAcrossDepartments(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts")
	if err := os.MkdirAll(facts, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"roster.csv": "id,name,role,department,reports_to\nR-1,Rita Rep,rep,field,S-1\nS-1,Sam Super,manager,office,\n",
		"facts.csv":  "id,revenue\nR-1,10\n",
	} {
		if err := os.WriteFile(filepath.Join(facts, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scheme := filepath.Join("..", "..", "testdata", "explain-override", "scheme.yaml")
	out := filepath.Join(dir, "by-dept")
	code, csv, stderr := runCode("calc", scheme, facts, "--split", out, "--split-by", "department", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	_, whole, _ := runCode("calc", scheme, facts, "--format", "csv")
	if csv != whole {
		t.Errorf("stdout by department:\n%s\nwithout --split:\n%s", csv, whole)
	}
	if !strings.Contains(csv, "S-1,Sam Super,manager,office,0.00,0.00,0,0.00,,0.90,0.90") {
		t.Errorf("the manager's override is not 0.90:\n%s", csv)
	}
}
