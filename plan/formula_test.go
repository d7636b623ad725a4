package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/premia-pay/premia/plan"
)

// formulaScheme is a scheme whose first KPI's formula is the test's; the
// formula starts on line 11 at column 18 (plain) or 19 (inside quotes).
const formulaScheme = `version: 1
id: f
currency: RUB
roles:
  - id: m
    fixed: 100
    variable: 100
    bonus: {method: index}
    kpis:
      - id: conv
        formula: %s
        weight: 0.5
        base: 0
        norm: 0.3
      - {id: revenue, weight: 0.5, base: 0, norm: 100}
    conditions:
      - {id: no-errors, coefficient: 0.1}
`

func checkFormula(t *testing.T, formula string) (*plan.Scheme, error) {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(strings.Replace(formulaScheme, "%s", formula, 1)), "f.yaml")
	return s, err
}

func TestFormulaParses(t *testing.T) {
	for _, tc := range []struct {
		formula, canonical string
		columns            []string
	}{
		{"deals / leads", "deals / leads", []string{"deals", "leads"}},
		{"revenue/deals", "revenue / deals", []string{"revenue", "deals"}},
		// × ÷ − are read as * / -; precedence: × before +.
		{"a + b × c − d ÷ e", "a + b * c - d / e", []string{"a", "b", "c", "d", "e"}},
		// Parentheses kept only where they are needed.
		{"(a + b) * c", "(a + b) * c", []string{"a", "b", "c"}},
		{"((a)) + (b * c)", "a + b * c", []string{"a", "b", "c"}},
		{"a - (b - c)", "a - (b - c)", []string{"a", "b", "c"}},
		{"a / (b * c)", "a / (b * c)", []string{"a", "b", "c"}},
		{"-a + 2", "-a + 2", []string{"a"}},
		{"MAX(a, 0.5) + min(b, c, 1)", "max(a, 0.5) + min(b, c, 1)", []string{"a", "b", "c"}},
		// An id with a hyphen is written with _; it names the condition no-errors.
		{"0.5 * no_errors + 0.5 * a", "0.5 * no_errors + 0.5 * a", []string{"no-errors", "a"}},
		// The same column twice is read once.
		{"a * a", "a * a", []string{"a"}},
		// Revenue is another KPI's column: a formula may read it.
		{"revenue / deals", "revenue / deals", []string{"revenue", "deals"}},
	} {
		s, err := checkFormula(t, tc.formula)
		if err != nil {
			t.Errorf("%q: %v", tc.formula, err)
			continue
		}
		f := s.Roles[0].KPIs[0].Formula
		if got := f.Expr.String(); got != tc.canonical {
			t.Errorf("%q: canonical %q, want %q", tc.formula, got, tc.canonical)
		}
		if got := f.Columns(); strings.Join(got, ",") != strings.Join(tc.columns, ",") {
			t.Errorf("%q: columns %v, want %v", tc.formula, got, tc.columns)
		}
	}
}

func TestFormulaRefused(t *testing.T) {
	for _, tc := range []struct {
		formula string
		at      string // file:line:col of the mistake
		says    string
	}{
		{`""`, "f.yaml:11:19", "the formula is empty"},
		{"deals /", "f.yaml:11:25", "the formula ends where a number"},
		{"deals leads", "f.yaml:11:24", `"leads" after a complete formula`},
		{"(deals / leads", "f.yaml:11:18", "this ( is not closed"},
		{"sqrt(deals)", "f.yaml:11:18", "sqrt(…) is not a function of formulas"},
		{"max(deals)", "f.yaml:11:18", "max(…) needs two arguments or more"},
		{"max(deals, leads", "f.yaml:11:18", "max( is not closed"},
		{"deals * 1e3", "f.yaml:11:26", `"1e3" is not a number a formula reads`},
		{"deals * 1,5", "f.yaml:11:26", `"1,5" is not a number a formula reads`},
		{"deals * .5", "f.yaml:11:26", `".5" is not a number a formula reads`},
		{"deals % leads", "f.yaml:11:24", `"%" is not part of a formula`},
		// Quoted: the column counts the quote.
		{`"deals ^ leads"`, "f.yaml:11:25", `"^" is not part of a formula`},
		{"conv / 2", "f.yaml:11:18", `the formula of KPI "conv" reads the KPI itself`},
		{"_x / 2", "f.yaml:11:18", `"_x" is not a column id`},
		{"deals / " + strings.Repeat("(", 60) + "1" + strings.Repeat(")", 60), "", "nests deeper than 50 levels"},
	} {
		_, err := checkFormula(t, tc.formula)
		if err == nil {
			t.Errorf("%q: accepted", tc.formula)
			continue
		}
		var pe *plan.Error
		if !errors.As(err, &pe) {
			t.Errorf("%q: %T %v, want a located *plan.Error", tc.formula, err, err)
			continue
		}
		msg := err.Error()
		if tc.at != "" && !strings.HasPrefix(msg, tc.at+": roles[0].kpis[0].formula: ") {
			t.Errorf("%q: %q, want it at %s", tc.formula, msg, tc.at)
		}
		if !strings.Contains(msg, tc.says) {
			t.Errorf("%q: %q, want it to say %q", tc.formula, msg, tc.says)
		}
	}
}

func TestFormulaRules(t *testing.T) {
	// if_zero without a formula, and a formula on a payments KPI.
	src := strings.Replace(formulaScheme, "formula: %s", "if_zero: 0", 1)
	_, _, err := plan.Check(strings.NewReader(src), "f.yaml")
	if err == nil || !strings.Contains(err.Error(), "f.yaml:11:18: roles[0].kpis[0].if_zero: if_zero is what a formula gives") {
		t.Errorf("if_zero without a formula: %v", err)
	}
	src = strings.Replace(formulaScheme, "formula: %s", "formula: a / b\n        source: payments", 1)
	_, _, err = plan.Check(strings.NewReader(src), "f.yaml")
	if err == nil || !strings.Contains(err.Error(), "computed by a formula or read from payments") {
		t.Errorf("formula and payments: %v", err)
	}
	// A formula reading another computed KPI.
	src = strings.Replace(formulaScheme, "{id: revenue, weight: 0.5, base: 0, norm: 100}", "{id: revenue, weight: 0.5, base: 0, norm: 100, formula: a + b}", 1)
	src = strings.Replace(src, "formula: %s", "formula: revenue / deals", 1)
	_, _, err = plan.Check(strings.NewReader(src), "f.yaml")
	if err == nil || !strings.Contains(err.Error(), `f.yaml:11:18: roles[0].kpis[0].formula: "revenue" is computed by a formula of its own`) {
		t.Errorf("a formula of a formula: %v", err)
	}
}
