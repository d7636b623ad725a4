package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/internal/xlsxtest"
	"github.com/premia-pay/premia/plan"
)

// stakeScheme has a stake of every kind: method both (sales: a weight and
// the seed's ladder), a weighted KPI without a target (calls), a KPI with
// no weight that holds the role's gate (visits, 92.5 %), and a unit
// bonus's KPI (units). Variable 20,000.
const stakeScheme = `version: 1
id: t
title: Stakes
currency: RUB
ladders:
  - id: seed
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
roles:
  - id: r
    fixed: 30000
    variable: 20000
    bonus: {method: both}
    kpis:
      - {id: sales, weight: 0.6, base: 0, norm: 1000, target: 1200, ladder: seed}
      - {id: calls, weight: 0.4, base: 50, norm: 100}
      - {id: visits, norm: 10}
      - {id: units, norm: 5}
    gates:
      - {kpi: visits, min: 0.925}
    components:
      - {id: over, type: unit_bonus, kpi: units, price: 100, rate: 0.1}
`

// stakeCells are the stake cells of the KPI matrix, hand-computed. With
// every KPI at its norm K = 0.6 + 0.4 = 1 and the ladder at 1 gives 0.45:
// the coefficient is 1.45.
//   - sales: without it K = 0.4 and no ladder: 1.45 − 0.4 = 1.05 →
//     20,000 × 1.05 = 21,000. At its target the index is 1.2 (K = 0.72 +
//     0.4 = 1.12) and the ladder at 1.2 gives 0.45 + 4 × 0.005 = 0.47,
//     held at 0.465: 1.585 − 0.4 = 1.185 → 23,700.
//   - calls: 0.4 → 8,000; no target.
//   - visits: holds the gate, so the whole bonus at the norm: 20,000 ×
//     1.45 = 29,000; no target.
//   - units: not in the bonus.
//
// n and t are the letters of the columns at norm and at target.
func stakeCells(n, t string, l labels) []string {
	return []string{
		n + `4 text "` + l.StakeNorm + `"`, t + `4 text "` + l.StakeTarget + `"`,
		n + `5 number [#,##0.00] "21000"`, t + `5 number [#,##0.00] "23700"`,
		n + `6 number [#,##0.00] "8000"`, t + `6 text "` + l.StakeNone[calc.StakeNoTarget] + `"`,
		n + `7 number [#,##0.00] "29000"`, t + `7 text "` + l.StakeNone[calc.StakeNoTarget] + `"`,
		n + `8 text "` + l.StakeNone[calc.StakeNotInBonus] + `"`, t + `8 text "` + l.StakeNone[calc.StakeNotInBonus] + `"`,
	}
}

// TestStakeColumns: the plan workbook (columns H and I, after the target)
// and the report's KPI matrix (N and O, after the band) show each KPI's
// money at stake, in English and Russian, the words for no figure, and a
// note for the KPI that holds the gate; the amounts are checked on reading
// back, and the headings are aligned right, above amounts.
func TestStakeColumns(t *testing.T) {
	s, err := plan.Parse(strings.NewReader(stakeScheme), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	fact := func(id, v string) calc.Fact {
		return calc.Fact{ID: id, Value: calc.Value{V: decimal.RequireFromString(v), Src: calc.Note("t")}}
	}
	in := &calc.Input{Period: "2026-10", Employees: []calc.Employee{{ID: "E-1", Name: "Anna", Role: "r", Src: calc.Note("t"),
		Facts: calc.Facts{fact("calls", "80"), fact("sales", "900"), fact("units", "6"), fact("visits", "10")}}}}
	dir := t.TempDir()
	for _, lang := range []string{"en", "ru"} {
		l := labelsFor(lang)
		gate := map[string]string{
			"en": "visits holds the role's gate: with its fulfilment below 92.5 % no bonus is paid, so the whole bonus is at stake on it.",
			"ru": "visits — порог роли: при выполнении ниже 92,5 % премия не выплачивается, поэтому на кону вся премия.",
		}[lang]
		// The plan.
		var fc calc.Forecast
		if err := calc.EachForecast(s, in, "2026-11", func(f calc.Forecast) error { fc = f; return nil }); err != nil {
			t.Fatal(err)
		}
		planPath := filepath.Join(dir, lang+"-plan.xlsx")
		f, _ := os.Create(planPath)
		expect, err := WritePlan(f, s, fc, "2026-11", lang, 2)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The report.
		res, err := calc.Run(s, in, calc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		reportPath := filepath.Join(dir, lang+"-report.xlsx")
		f, _ = os.Create(reportPath)
		expectReport, err := WriteReport(f, s, res, ReportInfo{Lang: lang}, Part{Summary: true, Details: res.Employees})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, path, sheet string
			expect            []xlsx.Expect
			cells             []string
			heads             [2]string
		}{
			// The plan: the gate's note under the general one (row 18: the
			// matrix to row 8, the levels from 10 to the total in 15, the general note in 17).
			{"plan", planPath, planLabelsFor(lang).Sheet, expect, append(stakeCells("H", "I", l), `A18 text "`+gate+`"`), [2]string{"H4", "I4"}},
			// The report: the note right under the matrix.
			{"report", reportPath, "E-1", expectReport, append(stakeCells("N", "O", l), `A9 text "`+gate+`"`), [2]string{"N4", "O4"}},
		} {
			if err := xlsx.Check(c.path, c.expect); err != nil {
				t.Errorf("%s %s: %v", lang, c.name, err)
			}
			dump, err := xlsxtest.Dump(c.path)
			if err != nil {
				t.Fatal(err)
			}
			_, sheet, _ := strings.Cut(dump, `== sheet "`+c.sheet+`"`)
			sheet, _, _ = strings.Cut(sheet, "\n== sheet")
			for _, want := range c.cells {
				if !strings.Contains(sheet, "\n"+want+"\n") {
					t.Errorf("%s %s: no line %s in\n%s", lang, c.name, want, sheet)
				}
			}
			x, err := excelize.OpenFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			for _, cell := range c.heads {
				id, _ := x.GetCellStyle(c.sheet, cell)
				st, err := x.GetStyle(id)
				if err != nil || st.Alignment == nil || st.Alignment.Horizontal != "right" {
					t.Errorf("%s %s: heading %s is not aligned right", lang, c.name, cell)
				}
			}
			x.Close()
		}
	}
}
