package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/scaffold"
	"github.com/premia-pay/premia/internal/xlsxtest"
	"github.com/premia-pay/premia/plan"
)

// premia runs premia in-process: exit code, stdout, stderr.
func premia(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// exampleTotals are the examples' payroll totals worked by hand in their
// READMEs (and examples/examples_test.go): a client's folder made from a
// model computes the example's facts to the same kopeck.
var exampleTotals = map[string]string{
	"kotelok":    "29000.00",  // 7,000 + 2 % × 800,000 + 2,000 + 5,000 × 0.8
	"kpi-matrix": "135133.33", // 44,400 + 49,400 + 41,333.33
	"ladder":     "401700.00", // 39,000 + 48,000 + 61,500 + 61,800 + 66,600 + 57,900 + 66,900
	"sales-team": "316919.39", // 89,229.10 + 61,714.29 + 39,580.00 + 126,396.00
	"team-pool":  "106333.33", // 30,588.23 + 25,294.12 + 22,117.65 + 28,333.33
	// The department models of issue 12 item 9: each README's total row.
	"b2b-active":    "358566.67", // 95,150 + 59,250 + 63,300 + 99,600 + 41,266.67
	"inbound":       "383606.30", // fixed 200,000 + bonuses 183,606.30
	"travel-team":   "362946.15", // fixed 204,000 + bonuses 139,446.15 + override 19,500
	"vip-accounts":  "461547.61", // fixed 260,000 + bonuses 141,147.61 + commissions 44,400 + extra-deals bonuses 16,000
	"hunter-farmer": "113900.00", // 34,200 + 41,100 + 38,600
}

// payroll is calc's JSON without the fields that name the scheme and the
// period: what is paid, to whom.
func payroll(t *testing.T, out string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	delete(v, "scheme")
	delete(v, "period")
	return v
}

// payrollPeriod is the period calc's JSON states, or 2026-10 where it
// states none.
func payrollPeriod(t *testing.T, out string) string {
	var v struct{ Period *string }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Period == nil {
		return "2026-10"
	}
	return *v.Period
}

// titles maps the scheme's KPI and condition titles, folded, to their
// ids: an example's CSV may head a column with the title, the template
// heads it with the id.
func titles(t *testing.T, path string) map[string]string {
	s, err := plan.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range s.Roles {
		for _, k := range r.KPIs {
			out[factsheet.Fold(k.Title)] = k.ID
		}
		for _, c := range r.Conditions {
			out[factsheet.Fold(c.Title)] = c.ID
		}
	}
	return out
}

// readTables reads an example's facts/*.csv as tables named by their
// files (roster, facts, …), as the examples' test does.
func readTables(t *testing.T, dir string) []xlsxtest.Table {
	t.Helper()
	var tables []xlsxtest.Table
	for _, name := range []string{"roster", "facts", "plans", "departments", "payments", "deals"} {
		data, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			rows = append(rows, strings.Split(line, ","))
		}
		tables = append(tables, xlsxtest.Table{Name: strings.ToUpper(name[:1]) + name[1:], Rows: rows})
	}
	return tables
}

// TestInitEveryModel: for every model and both languages, premia init
// writes the four files and nothing else; the scheme starts with the line
// for editors and passes validate --strict; the schema is the
// repository's; template carries the example's roster into the next
// month's sheet; the example's fact sheet computes under the client's
// scheme to the example's payroll; and the fact sheet init wrote, filled
// with the example's tables as a clerk would, computes to it too (the
// total worked by hand in the example's README).
func TestInitEveryModel(t *testing.T) {
	models := scaffold.Models()
	if len(models) < 5 {
		t.Fatalf("found %d models; the examples are at least 5", len(models))
	}
	schemaFile, err := os.ReadFile("../../schema/scheme.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		example := filepath.Join("../../examples", m.Name)
		for _, lang := range []string{"en", "ru"} {
			t.Run(m.Name+"-"+lang, func(t *testing.T) {
				facts := filepath.Join(example, "facts.xlsx")
				code, want, stderr := premia(t, "calc", filepath.Join(example, "scheme.yaml"), facts, "--format", "json")
				if code != 0 {
					t.Fatalf("calc of the example: exit %d:\n%s", code, stderr)
				}
				// The client's first month is the example's (its payments
				// fall in it), or any where the example states none.
				period := payrollPeriod(t, want)
				dir := filepath.Join(t.TempDir(), "client")
				code, stdout, stderr := premia(t, "init", dir, "--model", m.Name, "--period", period, "--lang", lang)
				if code != 0 || stdout != "" {
					t.Fatalf("init: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
				}
				entries, _ := os.ReadDir(dir)
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				if want := []string{"README.md", "facts-" + period + ".xlsx", "scheme.schema.json", "scheme.yaml"}; !slices.Equal(names, want) {
					t.Errorf("files %v, want %v", names, want)
				}
				scheme := filepath.Join(dir, "scheme.yaml")
				text, _ := os.ReadFile(scheme)
				if first, _, _ := strings.Cut(string(text), "\n"); first != "# yaml-language-server: $schema=scheme.schema.json" {
					t.Errorf("scheme.yaml starts %q", first)
				}
				if !bytes.Contains(text, []byte("\nid: client\n")) || !bytes.Contains(text, []byte("\nlocale: "+lang+"\n")) {
					t.Errorf("scheme.yaml has not id: client and locale: %s:\n%s", lang, text)
				}
				if got, _ := os.ReadFile(filepath.Join(dir, "scheme.schema.json")); !bytes.Equal(got, schemaFile) {
					t.Errorf("scheme.schema.json is not schema/scheme.schema.json")
				}
				if code, _, stderr := premia(t, "validate", "--strict", scheme); code != 0 || strings.Count(stderr, "\n") != 1 {
					t.Errorf("validate --strict: exit %d:\n%s", code, stderr)
				}
				next := filepath.Join(dir, "facts-next.xlsx")
				if code, _, stderr := premia(t, "template", scheme, "--period", "2027-01", "--roster", facts, "-o", next); code != 0 {
					t.Errorf("template: exit %d:\n%s", code, stderr)
				}

				code, got, stderr := premia(t, "calc", scheme, facts, "--format", "json")
				if code != 0 {
					t.Fatalf("calc of the client's scheme: exit %d:\n%s", code, stderr)
				}
				if !reflect.DeepEqual(payroll(t, got), payroll(t, want)) {
					t.Errorf("the example's facts under the client's scheme:\n%s\nunder the example's:\n%s", got, want)
				}
				if total, ok := exampleTotals[m.Name]; ok && payroll(t, got)["total"] != total {
					t.Errorf("total %v, want %s (the example's README)", payroll(t, got)["total"], total)
				}

				filled := filepath.Join(dir, "facts-"+period+".xlsx")
				if err := xlsxtest.Fill(filled, readTables(t, filepath.Join(example, "facts")), titles(t, scheme)); err != nil {
					t.Fatalf("filling the fact sheet init wrote: %v", err)
				}
				code, got, stderr = premia(t, "calc", scheme, filled, "--format", "json")
				if code != 0 {
					t.Fatalf("calc of the filled fact sheet: exit %d:\n%s", code, stderr)
				}
				if !reflect.DeepEqual(payroll(t, got), payroll(t, want)) {
					t.Errorf("the filled fact sheet:\n%s\nthe example's:\n%s", got, want)
				}
			})
		}
	}
}

// TestInitForce: a folder with notes and an old scheme is refused (exit
// 1, both named, nothing written; in Russian, kotelok's locale); with --force the four files are
// written, the old scheme replaced, the notes left, and stderr says what
// was overwritten.
func TestInitForce(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	old := filepath.Join(dir, "scheme.yaml")
	os.WriteFile(notes, []byte("call the client\n"), 0o644)
	os.WriteFile(old, []byte("version: 1\n"), 0o644)
	code, _, stderr := premia(t, "init", dir, "--model", "kotelok", "--period", "2026-11")
	if code != 1 || !strings.Contains(stderr, "в ней notes.txt, scheme.yaml.") || !strings.Contains(stderr, "поверх имеющихся scheme.yaml") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(old); string(b) != "version: 1\n" {
		t.Errorf("the refused run changed scheme.yaml")
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err == nil {
		t.Errorf("the refused run wrote README.md")
	}
	code, _, stderr = premia(t, "init", dir, "--model", "kotelok", "--period", "2026-11", "--force")
	if code != 0 || !strings.Contains(stderr, "перезаписаны (--force): scheme.yaml\n") {
		t.Errorf("--force: exit %d, stderr:\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(notes); string(b) != "call the client\n" {
		t.Errorf("--force changed notes.txt")
	}
	if b, _ := os.ReadFile(old); !bytes.HasPrefix(b, []byte("# yaml-language-server:")) {
		t.Errorf("--force did not write scheme.yaml")
	}
}

// TestInitCurrentMonth: without --period the fact sheet is the current
// month's (the run's clock: 15 February 2027 gives 2027-02), and stderr
// says so.
func TestInitCurrentMonth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme")
	var stdout, stderr bytes.Buffer
	d := &deps{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		now: func() time.Time { return time.Date(2027, 2, 15, 10, 0, 0, 0, time.UTC) }}
	root := newRootCmd(d)
	root.SetArgs([]string{"init", dir, "--model", "kpi-matrix"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "facts-2027-02.xlsx")); err != nil {
		t.Errorf("no facts-2027-02.xlsx: %v", err)
	}
	if !strings.Contains(stderr.String(), "the fact sheet is for 2027-02, the current month (--period YYYY-MM for another)") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}

// TestInitUsage: a missing or unknown model, and a DIR that is a file,
// are usage errors (exit 2) that name the models.
func TestInitUsage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "acme")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"init", "acme"}, "--model MODEL is required: one of "},
		{[]string{"init", "acme", "--model", "matrix"}, `"matrix" is not a model: the models are `},
		{[]string{"init", file, "--model", "ladder"}, "is a file: name a folder"},
	} {
		code, _, stderr := premia(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || c.args[1] == "acme" && !strings.Contains(stderr, "kotelok, kpi-matrix, ladder, ") {
			t.Errorf("premia %s: exit %d, stderr:\n%s\nwant %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
}
