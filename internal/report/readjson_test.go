package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

// TestReadJSONRoundTrip: for every example, the JSON read back writes the
// same JSON, CSV and table, byte for byte: a closed period's snapshot
// shows the figures exactly as calc printed them.
func TestReadJSONRoundTrip(t *testing.T) {
	schemes, _ := filepath.Glob("../../examples/*/scheme.yaml")
	if len(schemes) < 5 {
		t.Fatalf("found %d examples", len(schemes))
	}
	for _, path := range schemes {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, _, err := plan.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			src, err := factsheet.Load(filepath.Join(dir, "facts.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			in, _, err := src.Read(s, factsheet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := calc.Run(s, in, calc.Options{SkipSteps: true})
			if err != nil {
				t.Fatal(err)
			}
			back := roundTrip(t, res)
			for _, f := range []struct {
				name  string
				write func(*calc.Result) ([]byte, error)
			}{
				{"json", func(r *calc.Result) ([]byte, error) { var b bytes.Buffer; err := JSON(&b, r); return b.Bytes(), err }},
				{"csv", func(r *calc.Result) ([]byte, error) { var b bytes.Buffer; err := CSV(&b, s, r); return b.Bytes(), err }},
				{"table", func(r *calc.Result) ([]byte, error) {
					var b bytes.Buffer
					err := Table(&b, s, r, "en")
					return b.Bytes(), err
				}},
			} {
				want, err := f.write(res)
				if err != nil {
					t.Fatal(err)
				}
				got, err := f.write(back)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s from the JSON read back:\n%s\nwant:\n%s", f.name, got, want)
				}
			}
		})
	}
}

func roundTrip(t *testing.T, res *calc.Result) *calc.Result {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, res); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return back
}

func TestReadJSONRefuses(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`[]`, "not premia's JSON output"},
		{`{"rounding": "x"}`, `rounding "x" is not a step and a mode`},
		{`{"rounding": "0.01 half-up", "employees": [{"id": "A", "fixed": "1,5", "total": "1"}], "total": "1"}`, `"1,5" is not a decimal`},
		{`{"rounding": "0.01 half-up", "employees": [{"id": "A", "fixed": "1", "variable": "0", "coefficient": "0", "bonus": "0", "total": "1"}], "total": "2.00"}`, `the total "2.00" is not the sum of the employees' totals, 1.00`},
	} {
		if _, err := ReadJSON([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadJSON(%s) = %v, want %q", c.in, err, c.want)
		}
	}
}
