package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

type planLabels struct {
	Sheet, Title, Scenario, AtBase, AtNorm, AtTarget, Note string
	// DependsOnFact stands for an amount a plan cannot foretell (a
	// commission on sales without a norm); TotalKnown heads a total
	// without such amounts.
	DependsOnFact, TotalKnown string
}

func planLabelsFor(lang string) planLabels {
	if lang == "ru" {
		return planLabels{Sheet: "План", Title: "План на", Scenario: "Если все показатели", AtBase: "на базе", AtNorm: "на норме", AtTarget: "на цели",
			Note:          "Условия да/нет считаются выполненными. Модификаторы (качество, уровень отдела, снижения, просрочки оплат) могут изменить премию.",
			DependsOnFact: "зависит от факта", TotalKnown: "Итого без того, что зависит от факта"}
	}
	return planLabels{Sheet: "Plan", Title: "Plan for", Scenario: "With every KPI", AtBase: "at base", AtNorm: "at norm", AtTarget: "at target",
		Note:          "Yes/no conditions are taken as held. Modifiers (quality, department level, reductions, late customer payments) can change the bonus.",
		DependsOnFact: "depends on the fact", TotalKnown: "Total, besides what depends on the fact"}
}

// WritePlan writes one employee's plan for the next period: the KPI matrix
// without facts, and the pay at base, at norm and at target.
func WritePlan(w io.Writer, s *plan.Scheme, fc calc.Forecast, period, lang string, scale int32) (expect []xlsx.Expect, err error) {
	return newPlanWriter(s, period, lang, scale).write(w, fc)
}

// planWriter writes plan workbooks of one scheme, period and language:
// made once for a folder of thousands.
type planWriter struct {
	rw           *reportWriter
	pl           planLabels
	period, lang string
	styles       xlsx.Part
}

func newPlanWriter(s *plan.Scheme, period, lang string, scale int32) *planWriter {
	rw := newReportWriter(s, &calc.Result{Scheme: s.ID, Title: s.Title, Period: period, Currency: s.Currency, Scale: scale}, lang)
	return &planWriter{rw: rw, pl: planLabelsFor(lang), period: period, lang: lang, styles: stylesPart(scale)}
}

// write writes fc's plan workbook; pw is only read, by any number of
// goroutines at once.
func (pw *planWriter) write(w io.Writer, fc calc.Forecast) (expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the plan failed: %v", p)
		}
	}()
	norm := fc.At["norm"]
	props := xlsx.Props{Creator: "premia", Title: pw.pl.Title + " " + pw.period + " · " + norm.ID, Language: pw.lang, Date: periodDate(pw.period)}
	sheets := []xlsx.BookSheet{{Name: pw.pl.Sheet, TitleRow: planHeaderRow}}
	return xlsx.WriteBook(w, props, pw.styles, sheets, func(_ int, x *xlsx.SheetWriter) error {
		x.Selected = true
		pw.rw.plan(x, fc, pw.pl, pw.period)
		return nil
	})
}

// planHeaderRow is the row of the KPI matrix's header on a plan sheet.
const planHeaderRow = 4

func (rw *reportWriter) plan(x *xlsx.SheetWriter, fc calc.Forecast, pl planLabels, period string) {
	norm := fc.At["norm"]
	l := rw.l
	role := rw.roleTitle(norm.Role)
	x.Text(1, 1, fmt.Sprintf("%s %s · %s · %s", pl.Title, period, norm.Name, norm.ID), styleTitle)
	x.Text(1, 2, role, 0)
	const hr = planHeaderRow
	head := []string{l.KPI, l.Title, l.Unit, l.Weight, l.Base, l.Norm, l.Target}
	// The money at stake per KPI beside its plan, for a role that forms a
	// bonus (docs/calculation.md §3.10).
	stakes := hasStakes(fc.KPIs)
	if stakes {
		head = append(head, l.StakeNorm, l.StakeTarget)
	}
	for i, h := range head {
		x.Text(i+1, hr, h, headStyle(i+1 >= 4))
	}
	row := hr
	for _, k := range fc.KPIs {
		row++
		x.Text(1, row, k.ID, 0)
		x.Text(2, row, k.Title, 0)
		x.Text(3, row, k.Unit, 0)
		if k.Weight != nil {
			putNum(x, 4, row, *k.Weight, styleWeight)
		}
		for i, q := range []*calc.Q{k.Base, k.Norm, k.Target} {
			putRatio(x, 5+i, row, q, styleNum)
		}
		if k.Stake != nil {
			l.stakeCell(x, 8, row, k.Stake.Norm)
			l.stakeCell(x, 9, row, k.Stake.Target)
		}
	}
	row += 2
	for i, h := range []string{pl.Scenario, pl.AtBase, pl.AtNorm, pl.AtTarget} {
		x.Text(i+1, row, h, headStyle(i > 0))
	}
	type payLine struct {
		label string
		get   func(*calc.EmployeeResult) decimal.Decimal
		style int
		fact  bool // depends on the fact: no amount shown
	}
	lines := []payLine{
		{l.Fixed, func(e *calc.EmployeeResult) decimal.Decimal { return e.Fixed }, styleMoney, false},
		{l.Bonus, func(e *calc.EmployeeResult) decimal.Decimal { return e.Bonus }, styleMoney, false},
	}
	for _, c := range norm.Components {
		id := c.ID
		title := id
		if c.Title != "" {
			title = c.Title
		}
		lines = append(lines, payLine{title, func(e *calc.EmployeeResult) decimal.Decimal {
			for _, x := range e.Components {
				if x.ID == id {
					return x.Amount
				}
			}
			return decimal.Zero
		}, styleMoney, fc.FactDependent[id]})
	}
	// The total of the amounts shown: a component that depends on the fact
	// is left out, and the label says so.
	total := payLine{l.Total, func(e *calc.EmployeeResult) decimal.Decimal {
		t := e.Total
		for _, c := range e.Components {
			if fc.FactDependent[c.ID] {
				t = t.Sub(c.Amount)
			}
		}
		return t
	}, styleMoneyBold, false}
	if len(fc.FactDependent) > 0 {
		total.label = pl.TotalKnown
	}
	lines = append(lines, total)
	if norm.HasBonus {
		row++
		x.Text(1, row, l.Coefficient, 0)
		for i, level := range calc.Levels {
			c := fc.At[level].Coefficient
			putRatio(x, 2+i, row, &c, styleRatio)
		}
	}
	for _, ln := range lines {
		row++
		x.Text(1, row, ln.label, 0)
		for i, level := range calc.Levels {
			if ln.fact {
				x.Text(2+i, row, pl.DependsOnFact, styleRight)
				continue
			}
			putMoney(x, 2+i, row, ln.get(fc.At[level]), ln.style)
		}
	}
	row += 2
	x.Text(1, row, pl.Note, 0)
	for _, note := range l.stakeGates(fc.KPIs) {
		row++
		x.Text(1, row, note, 0)
	}
	// Column A holds the pay lines' labels: as wide as the longest (a
	// component's title may be a sentence), between 26 and 60 characters.
	labels := make([]string, len(lines))
	for i, ln := range lines {
		labels[i] = ln.label
	}
	// The levels' columns (B to D; B is as wide as a KPI's title) hold
	// "depends on the fact" where a component does, with room to spare.
	level := 16.0
	if len(fc.FactDependent) > 0 {
		level = widthFor(16, 30, pl.DependsOnFact)
	}
	x.Widths = []float64{widthFor(26, 60, labels...), 30, level, level, 14, 14, 14}
	if stakes {
		w := l.stakeWidth(fc.KPIs, true)
		x.Widths = append(x.Widths, w, w)
	}
	rw.printSetup(x)
}

// SavePlansStream writes one plan workbook per employee into dir, as one
// set (see saveSet), each as its forecast is made, on the core that made
// it (each is calc.EachForecast bound to its inputs; ids are the employees
// it gives, in roster order, the order of files), and then dropped.
func SavePlansStream(dir string, s *plan.Scheme, ids []string, period, lang string, each func(func(calc.Forecast) error) error) (files, removed []string, err error) {
	set, err := atomicfile.OpenSet(dir)
	if err != nil {
		return nil, nil, err
	}
	defer set.Abort()
	names := xlsx.SheetNames(ids, nil)
	pw := newPlanWriter(s, period, lang, calc.Scale(s.Step()))
	var mu sync.Mutex
	written := map[string]bool{}
	err = each(func(fc calc.Forecast) error {
		write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return pw.write(w, fc) })
		name := fileName(names[fc.Employee.ID]) + ".xlsx"
		if err := set.Write(name, write, check); err != nil {
			return err
		}
		mu.Lock()
		written[fc.Employee.ID] = true
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		if !written[id] {
			return nil, nil, fmt.Errorf("internal error, please report it: no plan was made for %s", id)
		}
		files = append(files, filepath.Join(dir, fileName(names[id])+".xlsx"))
	}
	if removed, err = set.Commit(); err != nil {
		return nil, nil, err
	}
	return files, removed, nil
}
