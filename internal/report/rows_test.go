package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Anna", "Anna"},
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+7 900", "'+7 900"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"", ""},
		{"A=B", "A=B"},
	}
	for _, tt := range tests {
		if got := safe(tt.in); got != tt.want {
			t.Errorf("safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestJSONWriterIsEncodingJSON: the JSON written an employee at a time is
// byte for byte what encoding/json writes for the whole object (two-space
// indent, no HTML escaping), with no employees, one, and two with text that
// needs escaping.
func TestJSONWriterIsEncodingJSON(t *testing.T) {
	type whole struct {
		Scheme    string         `json:"scheme"`
		Period    string         `json:"period"`
		Currency  string         `json:"currency"`
		Rounding  string         `json:"rounding"`
		Employees []jsonEmployee `json:"employees"`
		Totals    jsonTotals     `json:"totals"`
		Total     string         `json:"total"`
	}
	q := calc.Frac(decimal.New(23, 0), decimal.New(20, 0))
	people := []*calc.EmployeeResult{
		{ID: "A<1>", Name: "Anna \"Q\" & co", Role: "office", Department: "Отдел", Fixed: decimal.RequireFromString("30000"),
			Bonus: decimal.RequireFromString("23000"), Total: decimal.RequireFromString("53000"), K: &q, Coefficient: q,
			KPIs:       []calc.KPIResult{{ID: "docs", Direction: "higher", Fact: decimal.RequireFromString("165"), Index: &q, Band: "at-norm"}},
			Components: []calc.ComponentResult{{ID: "c", Type: "fixed", Amount: decimal.RequireFromString("100")}}},
		{ID: "B", Name: "Boris", Role: "office", Coefficient: q},
	}
	for n := 0; n <= len(people); n++ {
		res := &calc.Result{Scheme: "s</script>", Period: "2026-10", Currency: "RUB", Step: decimal.RequireFromString("0.01"), Mode: "half-up", Scale: 2,
			Employees: people[:n], Total: decimal.RequireFromString("53000.5")}
		var got bytes.Buffer
		if err := JSON(&got, res); err != nil {
			t.Fatal(err)
		}
		w := whole{Scheme: res.Scheme, Period: res.Period, Currency: res.Currency, Rounding: "0.01 half-up", Employees: []jsonEmployee{},
			Totals: jsonTotals{Fixed: "0.00", Bonus: "0.00", Components: "0.00", Total: "53000.50"}, Total: "53000.50"}
		for _, e := range people[:n] {
			var one bytes.Buffer
			jw := &JSONWriter{w: &one, scale: 2}
			jw.Write(e)
			var je jsonEmployee
			if err := json.Unmarshal(one.Bytes()[len("\n    "):], &je); err != nil {
				t.Fatalf("an employee's JSON does not parse: %v\n%s", err, one.String())
			}
			w.Employees = append(w.Employees, je)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(w)
		if got.String() != want.String() {
			t.Errorf("%d employees: written\n%s\nencoding/json\n%s", n, got.String(), want.String())
		}
	}
}

// TestCSVLineEndings: lines end in LF, as the README says (not RFC 4180's
// CRLF); a name with a line break (Alt+Enter in a cell) is quoted.
func TestCSVLineEndings(t *testing.T) {
	s, err := plan.Parse(strings.NewReader("version: 1\nid: t\ncurrency: RUB\nroles:\n  - id: r\n    fixed: 100\n"), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{{ID: "A", Name: "Anna\nOrlova", Role: "r"}, {ID: "B", Name: "Boris", Role: "r"}}}, calc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := CSV(&b, s, res); err != nil {
		t.Fatal(err)
	}
	want := "id,name,role,department,fixed,variable,coefficient,bonus,total\n" +
		"A,\"Anna\nOrlova\",r,,100.00,0.00,0,0.00,100.00\n" +
		"B,Boris,r,,100.00,0.00,0,0.00,100.00\n"
	if b.String() != want {
		t.Errorf("CSV:\n%q\nwant\n%q", b.String(), want)
	}
}
