package workbook

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

type planLabels struct {
	Sheet, Title, Scenario, AtBase, AtNorm, AtTarget, Note string
}

func planLabelsFor(lang string) planLabels {
	if lang == "ru" {
		return planLabels{Sheet: "План", Title: "План на", Scenario: "Если все показатели", AtBase: "на базе", AtNorm: "на норме", AtTarget: "на цели",
			Note: "Условия да/нет считаются выполненными. Модификаторы (качество, уровень отдела, снижения, просрочки оплат) могут изменить премию."}
	}
	return planLabels{Sheet: "Plan", Title: "Plan for", Scenario: "With every KPI", AtBase: "at base", AtNorm: "at norm", AtTarget: "at target",
		Note: "Yes/no conditions are taken as held. Modifiers (quality, department level, reductions, late customer payments) can change the bonus."}
}

// WritePlan writes one employee's plan for the next period: the KPI matrix
// without facts, and the pay at base, at norm and at target.
func WritePlan(w io.Writer, s *plan.Scheme, fc calc.Forecast, period, lang string, scale int32) (expect []Expect, err error) {
	f := excelize.NewFile()
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the plan failed: %v", p)
		}
	}()
	norm := fc.At["norm"]
	rw := &reportWriter{f: f, s: s, res: &calc.Result{Scheme: s.ID, Title: s.Title, Period: period, Currency: s.Currency, Scale: scale}, l: labelsFor(lang)}
	pl := planLabelsFor(lang)
	if err := f.SetAppProps(&excelize.AppProperties{Application: "premia", AppVersion: "1.0"}); err != nil {
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "premia", LastModifiedBy: "premia", Title: pl.Title + " " + period + " · " + norm.ID,
		Created: rw.res.Period + "-01T00:00:00Z", Modified: rw.res.Period + "-01T00:00:00Z", Language: lang}); err != nil {
		return nil, err
	}
	if err := rw.makeStyles(); err != nil {
		return nil, err
	}
	sh := pl.Sheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	l, st := rw.l, rw.st
	role := norm.Role
	if r := s.Role(norm.Role); r != nil && r.Title != "" {
		role = r.Title
	}
	if err := rw.setText(sh, 1, 1, fmt.Sprintf("%s %s · %s · %s", pl.Title, period, norm.Name, norm.ID), st.title); err != nil {
		return nil, err
	}
	if err := rw.setText(sh, 1, 2, role, 0); err != nil {
		return nil, err
	}
	const hr = 4
	for i, h := range []string{l.KPI, l.Title, l.Unit, l.Weight, l.Base, l.Norm, l.Target} {
		if err := rw.setText(sh, i+1, hr, h, st.head); err != nil {
			return nil, err
		}
	}
	row := hr
	for _, k := range fc.KPIs {
		row++
		if err := rw.setText(sh, 1, row, k.ID, 0); err != nil {
			return nil, err
		}
		if err := rw.setText(sh, 2, row, k.Title, 0); err != nil {
			return nil, err
		}
		if err := rw.setText(sh, 3, row, k.Unit, 0); err != nil {
			return nil, err
		}
		if k.Weight != nil {
			if err := rw.setNum(sh, 4, row, *k.Weight, st.weight); err != nil {
				return nil, err
			}
		}
		for i, q := range []*calc.Q{k.Base, k.Norm, k.Target} {
			if err := rw.setRatio(sh, 5+i, row, q, st.num); err != nil {
				return nil, err
			}
		}
	}
	row += 2
	heads := []string{pl.Scenario, pl.AtBase, pl.AtNorm, pl.AtTarget}
	for i, h := range heads {
		if err := rw.setText(sh, i+1, row, h, st.head); err != nil {
			return nil, err
		}
	}
	lines := []struct {
		label string
		get   func(*calc.EmployeeResult) decimal.Decimal
		bold  bool
	}{
		{l.Fixed, func(e *calc.EmployeeResult) decimal.Decimal { return e.Fixed }, false},
		{l.Bonus, func(e *calc.EmployeeResult) decimal.Decimal { return e.Bonus }, false},
	}
	for _, c := range norm.Components {
		id := c.ID
		title := id
		if c.Title != "" {
			title = c.Title
		}
		lines = append(lines, struct {
			label string
			get   func(*calc.EmployeeResult) decimal.Decimal
			bold  bool
		}{title, func(e *calc.EmployeeResult) decimal.Decimal {
			for _, x := range e.Components {
				if x.ID == id {
					return x.Amount
				}
			}
			return decimal.Zero
		}, false})
	}
	lines = append(lines, struct {
		label string
		get   func(*calc.EmployeeResult) decimal.Decimal
		bold  bool
	}{l.Total, func(e *calc.EmployeeResult) decimal.Decimal { return e.Total }, true})
	if norm.HasBonus {
		row++
		if err := rw.setText(sh, 1, row, l.Coefficient, 0); err != nil {
			return nil, err
		}
		for i, level := range calc.Levels {
			c := fc.At[level].Coefficient
			if err := rw.setRatio(sh, 2+i, row, &c, st.ratio); err != nil {
				return nil, err
			}
		}
	}
	for _, ln := range lines {
		row++
		if err := rw.setText(sh, 1, row, ln.label, 0); err != nil {
			return nil, err
		}
		style := st.money
		if ln.bold {
			style = st.moneyBold
		}
		for i, level := range calc.Levels {
			if err := rw.setMoney(sh, 2+i, row, ln.get(fc.At[level]), style); err != nil {
				return nil, err
			}
		}
	}
	row += 2
	if err := rw.setText(sh, 1, row, pl.Note, 0); err != nil {
		return nil, err
	}
	if err := setWidths(f, sh, []float64{26, 30, 16, 16, 14, 14, 14}); err != nil {
		return nil, err
	}
	if err := rw.printSetup(sh, hr); err != nil {
		return nil, err
	}
	return rw.finish(w)
}

// SavePlans writes one plan workbook per employee into dir, all staged and
// checked before any is renamed into place.
func SavePlans(dir string, s *plan.Scheme, fcs []calc.Forecast, period, lang string) ([]string, error) {
	var ids []string
	for _, fc := range fcs {
		ids = append(ids, fc.Employee.ID)
	}
	names := SheetNames(ids, nil)
	var jobs []stagedJob
	scale := calc.Scale(s.Step())
	for _, fc := range fcs {
		fc := fc
		var expect []Expect
		jobs = append(jobs, stagedJob{
			final: filepath.Join(dir, names[fc.Employee.ID]+".xlsx"),
			write: func(w io.Writer) error {
				var err error
				expect, err = WritePlan(w, s, fc, period, lang, scale)
				return err
			},
			check: func(tmp string) error { return CheckReport(tmp, expect) },
		})
	}
	return saveStaged(dir, jobs)
}
