package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealFiles runs the fact sheets made by other programs
// (testdata/real-*, made by testdata/made/make.sh) against what each must
// give, independently of the goldens: `same-as` names a case whose stdout
// this run must match byte for byte (both exit 0); `same-amounts` names one
// whose money fields must match; `refuse` lists what stderr must contain
// (the file and the cell) with exit 1 and nothing on stdout.
func TestRealFiles(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/real-*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("found %d real-* cases, want at least 20 (testdata/made/make.sh makes them)", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, stdout, stderr := runCase(t, dir)
			checked := false
			if other := readLine(t, filepath.Join(dir, "same-as")); other != "" {
				checked = true
				c2, out2, _ := runCase(t, filepath.Join(filepath.Dir(dir), other))
				if code != 0 || c2 != 0 || !bytes.Equal(stdout, out2) {
					t.Errorf("exit %d (and %d for %s), stdout differs from %s:\n%s\nstderr:\n%s", code, c2, other, other, stdout, stderr)
				}
			}
			if other := readLine(t, filepath.Join(dir, "same-amounts")); other != "" {
				checked = true
				c2, out2, _ := runCase(t, filepath.Join(filepath.Dir(dir), other))
				if code != 0 || c2 != 0 {
					t.Fatalf("exit %d (and %d for %s):\n%s", code, c2, other, stderr)
				}
				if got, want := amounts(t, stdout), amounts(t, out2); got != want {
					t.Errorf("amounts differ from %s:\ngot  %s\nwant %s", other, got, want)
				}
			}
			if b, err := os.ReadFile(filepath.Join(dir, "refuse")); err == nil {
				checked = true
				if code != 1 || len(stdout) > 0 {
					t.Errorf("exit %d, stdout %q: want a refusal (exit 1, nothing on stdout)", code, stdout)
				}
				for _, want := range lines(string(b)) {
					if !strings.Contains(string(stderr), want) {
						t.Errorf("stderr lacks %q:\n%s", want, stderr)
					}
				}
			}
			if !checked {
				t.Errorf("the case says neither same-as, same-amounts nor refuse")
			}
		})
	}
}

// runCase runs a testdata case folder's args in it.
func runCase(t *testing.T, dir string) (int, []byte, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	back, _ := os.Getwd()
	if err := os.Chdir(abs); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(back)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), lines(string(raw)), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.Bytes(), stderr.Bytes()
}

func readLine(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// amounts is every money field of a JSON result, one line per employee.
func amounts(t *testing.T, out []byte) string {
	t.Helper()
	var res struct {
		Employees []struct {
			ID, Fixed, Variable, Bonus, Total string
			Components                        []struct{ ID, Amount string }
		}
		Totals json.RawMessage
		Total  string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var b strings.Builder
	for _, e := range res.Employees {
		b.WriteString(e.ID + " " + e.Fixed + " " + e.Variable + " " + e.Bonus + " " + e.Total)
		for _, c := range e.Components {
			b.WriteString(" " + c.ID + "=" + c.Amount)
		}
		b.WriteString("; ")
	}
	b.WriteString(string(res.Totals) + " " + res.Total)
	return b.String()
}
