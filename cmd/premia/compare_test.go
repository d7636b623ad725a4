package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// runJSON runs premia with args and decodes its JSON stdout into v.
func runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("premia %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
		t.Fatalf("premia %s: %v", strings.Join(args, " "), err)
	}
}

// TestCompareEqualsTwoCalcs: compare's figures for examples/scheme-change
// are the difference of two calc runs, one under each scheme, to the
// kopeck: every person's old and new total and difference, each
// department's and the payroll's; from the workbook and from the CSV
// folder. The README works each figure by hand: the payroll 457,000 →
// 449,800, −7,200.
func TestCompareEqualsTwoCalcs(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "scheme-change")
	old, neu := filepath.Join(dir, "scheme-old.yaml"), filepath.Join(dir, "scheme-new.yaml")
	type calcOut struct {
		Employees []struct {
			ID, Department, Total string
		}
		Departments []struct{ Department, Total string }
		Total       string
	}
	type sums struct{ Old, New, Difference *string }
	type cmpOut struct {
		People []struct {
			ID, Department string
			Old, New       *struct{ Total string }
			Difference     *string
		}
		Departments []struct {
			Department string
			sums
		}
		Months []sums
		Totals sums
	}
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	for _, facts := range [][]string{{filepath.Join(dir, "facts.xlsx")}, {filepath.Join(dir, "facts"), "--period", "2026-10"}} {
		var before, after calcOut
		var cmp cmpOut
		runJSON(t, &before, append([]string{"calc", old}, append(facts, "--format", "json")...)...)
		runJSON(t, &after, append([]string{"calc", neu}, append(facts, "--format", "json")...)...)
		runJSON(t, &cmp, append([]string{"compare", old, neu}, append(facts, "--format", "json")...)...)
		if len(cmp.People) != len(before.Employees) || len(before.Employees) != len(after.Employees) || len(cmp.People) != 6 {
			t.Fatalf("%s: %d people compared, %d and %d computed; want 6", facts[0], len(cmp.People), len(before.Employees), len(after.Employees))
		}
		for i, p := range cmp.People {
			b, a := before.Employees[i], after.Employees[i]
			if p.ID != b.ID || p.ID != a.ID || p.Old == nil || p.New == nil || p.Difference == nil {
				t.Fatalf("%s: person %d: %+v against %s and %s", facts[0], i, p, b.ID, a.ID)
			}
			if p.Old.Total != b.Total || p.New.Total != a.Total || !d(*p.Difference).Equal(d(a.Total).Sub(d(b.Total))) {
				t.Errorf("%s: %s: compare %s → %s (%s), calc %s → %s", facts[0], p.ID, p.Old.Total, p.New.Total, *p.Difference, b.Total, a.Total)
			}
		}
		for i, dep := range cmp.Departments {
			b, a := before.Departments[i], after.Departments[i]
			if dep.Department != b.Department || *dep.Old != b.Total || *dep.New != a.Total || !d(*dep.Difference).Equal(d(a.Total).Sub(d(b.Total))) {
				t.Errorf("%s: department %q: compare %s → %s (%s), calc %s → %s", facts[0], dep.Department, *dep.Old, *dep.New, *dep.Difference, b.Total, a.Total)
			}
		}
		for _, s := range []sums{cmp.Totals, cmp.Months[0]} {
			if *s.Old != before.Total || *s.New != after.Total || !d(*s.Difference).Equal(d(after.Total).Sub(d(before.Total))) {
				t.Errorf("%s: payroll: compare %s → %s (%s), calc %s → %s", facts[0], *s.Old, *s.New, *s.Difference, before.Total, after.Total)
			}
		}
		// The README's figures.
		if before.Total != "457000.00" || after.Total != "449800.00" || *cmp.Totals.Difference != "-7200.00" {
			t.Errorf("%s: payroll %s → %s (%s), want 457000.00 → 449800.00 (-7200.00)", facts[0], before.Total, after.Total, *cmp.Totals.Difference)
		}
	}
}

// TestCompareGitRevision is the golden case of schemes read from git
// revisions: a repository made in a temporary folder holds two commits of
// scheme.yaml (examples/scheme-change's old scheme, then its new one) and
// the fact sheet; compare reads git:HEAD~1:scheme.yaml against
// git:HEAD:scheme.yaml, then against the file itself, a revision and a
// path that are not there, and a branch whose scheme does not validate. The golden is testdata/compare-git-revision/
// want.golden (no args file: TestGolden does not run it).
func TestCompareGitRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on this machine")
	}
	ex, _ := filepath.Abs(filepath.Join("..", "..", "examples", "scheme-change"))
	golden, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "compare-git-revision", "want.golden"))
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cp := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(ex, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	cp("scheme-old.yaml", "scheme.yaml")
	cp("facts.xlsx", "facts.xlsx")
	git("add", ".")
	git("commit", "-q", "-m", "the scheme before the change")
	cp("scheme-new.yaml", "scheme.yaml")
	git("commit", "-q", "-am", "sales 40 %, seminars 20 %")
	// A branch whose scheme does not validate: its errors are located in
	// the revision.
	git("checkout", "-q", "-b", "broken")
	b, err := os.ReadFile(filepath.Join(repo, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "scheme.yaml"), bytes.Replace(b, []byte("weight: 0.4              # was 0.2"), []byte("weight: 0.5"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	git("commit", "-q", "-am", "a weight too many")
	git("checkout", "-q", "main")
	t.Chdir(repo)
	var got strings.Builder
	for _, args := range [][]string{
		{"compare", "git:HEAD~1:scheme.yaml", "git:HEAD:scheme.yaml", "facts.xlsx", "--format", "table", "--top", "1"},
		{"compare", "git:main~1:scheme.yaml", "scheme.yaml", "facts.xlsx", "--format", "csv"},
		{"compare", "git:HEAD~2:scheme.yaml", "scheme.yaml", "facts.xlsx"},
		{"compare", "git:HEAD~1:schema.yaml", "scheme.yaml", "facts.xlsx"},
		{"compare", "git:HEAD:scheme.yaml", "git:broken:scheme.yaml", "facts.xlsx", "--lang", "ru"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
		fmt.Fprintf(&got, "# premia %s\n# exit\n%d\n# stdout\n%s# stderr\n%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/premia -run TestCompareGitRevision -update)", err)
	}
	if got.String() != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}
