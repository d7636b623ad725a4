//go:build man

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestManPages: premia man writes a page for premia and for each command
// a user can run, each with its name, synopsis, options and examples, on
// the date given; the same command line writes the same bytes. (make test
// runs it with -tags man.)
func TestManPages(t *testing.T) {
	write := func() string {
		dir := t.TempDir()
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"man", "--dir", dir, "--date", "2026-11-30"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("premia man: exit %d: %s", code, stderr.String())
		}
		return dir
	}
	a, b := write(), write()
	names, _ := filepath.Glob(filepath.Join(a, "*.1"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	want := []string{"premia-calc.1", "premia-close.1", "premia-completion-bash.1", "premia-completion-fish.1", "premia-completion-powershell.1",
		"premia-completion-zsh.1", "premia-completion.1", "premia-explain.1", "premia-plans.1", "premia-template.1",
		"premia-validate.1", "premia-version.1", "premia.1"}
	// And a page for each of the consultant's commands (deskCommands).
	for _, c := range deskCommands() {
		want = append(want, "premia-"+c(&deps{}).Name()+".1")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("pages %v, want %v", names, want)
	}
	for _, n := range names {
		pa, _ := os.ReadFile(filepath.Join(a, n))
		pb, _ := os.ReadFile(filepath.Join(b, n))
		if !bytes.Equal(pa, pb) {
			t.Errorf("%s differs between two runs", n)
		}
		page := string(pa)
		for _, s := range []string{".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXAMPLE", `"Nov 2026"`} {
			if !strings.Contains(page, s) {
				t.Errorf("%s lacks %s", n, s)
			}
		}
	}
	calc, _ := os.ReadFile(filepath.Join(a, "premia-calc.1"))
	for _, s := range []string{"--split-by", "premia calc scheme.yaml facts.xlsx -o report.xlsx"} {
		if !strings.Contains(strings.ReplaceAll(string(calc), `\-`, "-"), s) {
			t.Errorf("premia-calc.1 lacks %q", s)
		}
	}
}
