package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormatsAgree runs every example in JSON and CSV and checks that both
// carry the same amounts for every employee, and that each employee's total
// cross-foots: fixed + bonus + components.
func TestFormatsAgree(t *testing.T) {
	schemes, _ := filepath.Glob("../../examples/*/scheme.yaml")
	if len(schemes) == 0 {
		t.Fatal("no examples")
	}
	for _, s := range schemes {
		dir := filepath.Dir(s)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			// Each example's workbook states its period where it needs one
			// (sales-team 2026-10, the department models 2026-11).
			args := []string{"calc", s, filepath.Join(dir, "facts.xlsx")}
			var js, cs, errb bytes.Buffer
			if code := run(context.Background(), append(args, "--format", "json"), nil, &js, &errb); code != 0 {
				t.Fatalf("json: exit %d: %s", code, errb.String())
			}
			if code := run(context.Background(), append(args, "--format", "csv"), nil, &cs, &errb); code != 0 {
				t.Fatalf("csv: exit %d: %s", code, errb.String())
			}
			var res struct {
				Employees []struct {
					ID, Fixed, Bonus, Total string
					Components              []struct{ ID, Amount string }
				}
			}
			if err := json.Unmarshal(js.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&cs).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			head := map[string]int{}
			for i, h := range rows[0] {
				head[h] = i
			}
			if len(rows)-1 != len(res.Employees) {
				t.Fatalf("csv has %d rows, json %d employees", len(rows)-1, len(res.Employees))
			}
			for i, e := range res.Employees {
				row := rows[i+1]
				for col, want := range map[string]string{"id": e.ID, "fixed": e.Fixed, "bonus": e.Bonus, "total": e.Total} {
					if got := row[head[col]]; got != want {
						t.Errorf("%s %s: csv %s, json %s", e.ID, col, got, want)
					}
				}
				sum := []string{e.Fixed, e.Bonus}
				for _, c := range e.Components {
					if got := row[head[c.ID]]; got != c.Amount {
						t.Errorf("%s %s: csv %s, json %s", e.ID, c.ID, got, c.Amount)
					}
					sum = append(sum, c.Amount)
				}
				if got := addCents(t, sum); got != addCents(t, []string{e.Total}) {
					t.Errorf("%s: fixed + bonus + components = %d cents, total %s", e.ID, got, e.Total)
				}
			}
		})
	}
}

// addCents adds amounts written with exactly two decimals, in integer cents.
func addCents(t *testing.T, amounts []string) int64 {
	var sum int64
	for _, a := range amounts {
		whole, frac, ok := strings.Cut(a, ".")
		if !ok || len(frac) != 2 {
			t.Fatalf("amount %q does not have exactly two decimals", a)
		}
		var w, f int64
		for _, c := range whole {
			w = w*10 + int64(c-'0')
		}
		for _, c := range frac {
			f = f*10 + int64(c-'0')
		}
		sum += w*100 + f
	}
	return sum
}
