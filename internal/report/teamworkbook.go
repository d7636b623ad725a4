package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// This file writes a team analysis as a workbook (premia team -o
// FILE.xlsx): a sheet per section with every column of its CSV (the KPIs
// sheet adds the least share beside the share at norm), headed in the
// run's language, figures as numbers (shares as percentages), the header
// frozen and filtered; outliers coloured (red on the KPI's bad side, green
// on its good side) and reachability under the threshold red; native
// charts below the KPIs and People tables (teamcharts.go); and an About
// sheet with the rules and the inputs.

// TeamInfo says where a team analysis's inputs came from, for its About
// sheet.
type TeamInfo struct {
	Lang, Version            string
	SchemeFile, SchemeSHA256 string
	Facts                    []TeamFacts // one per month, in order
}

// TeamFacts is one month's fact sheet: its base name and SHA-256.
type TeamFacts struct{ Month, File, SHA256 string }

// teamSheetNames are the sheets' names by language, in order.
var teamSheetNames = map[string][]string{
	"en": {"KPIs", "Reachability", "Outliers", "People", "Departments", "About"},
	"ru": {"Показатели", "Достижимость", "Выбросы", "Сотрудники", "Отделы", "О расчёте"},
}

// SaveTeamWorkbook writes the analysis's workbook to path atomically (see
// SaveReport): a failure leaves any earlier file at path untouched.
func SaveTeamWorkbook(path string, s *plan.Scheme, a *teamstats.Analysis, info TeamInfo) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("%s: a workbook is an .xlsx file: name it so", path)
	}
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return WriteTeamWorkbook(w, s, a, info) })
	return atomicfile.Write(path, write, check)
}

// WriteTeamWorkbook writes the analysis's workbook and returns the amounts
// a reopened copy must give back.
func WriteTeamWorkbook(w io.Writer, s *plan.Scheme, a *teamstats.Analysis, info TeamInfo) (expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the team analysis failed: %v", p)
		}
	}()
	lang := info.Lang
	if lang != "ru" {
		lang = "en"
	}
	c := newTeamCtx(s, a, lang)
	names := teamSheetNames[lang]
	kpis, reach, outl, people, depts := kpisWithLeast(c), reachSection(c), outlierSection(c), peopleSection(c), departmentSection(c)
	sheets := []xlsx.BookSheet{
		{Name: names[0], TitleRow: 1, Filter: filterRange(len(kpis.cols), len(kpis.rows)),
			Charts: bookCharts(reachCharts(c, kpis), names[0], len(kpis.rows), sheetWidths(c, kpis))},
		{Name: names[1], TitleRow: 1, Filter: filterRange(len(reach.cols), len(reach.rows))},
		{Name: names[2], TitleRow: 1, Filter: filterRange(len(outl.cols), len(outl.rows))},
		{Name: names[3], TitleRow: 1, Filter: filterRange(len(people.cols), len(people.rows)),
			Charts: bookCharts(spreadCharts(c, people, true), names[3], len(people.rows), sheetWidths(c, people))},
		{Name: names[4], TitleRow: 1, Filter: filterRange(len(depts.cols), len(depts.rows))},
		{Name: names[5]},
	}
	least := calc.Text(a.ReachMin.Shown())
	title := c.w("Team analysis", "Анализ команды") + " · " + s.ID + " · " + strings.Join(a.Months, ", ")
	props := xlsx.Props{Creator: "premia " + info.Version, Title: title, Subject: s.Title, Language: lang, Date: teamDate(a)}
	return xlsx.WriteBook(w, props, stylesPart(calc.Scale(s.Step())), sheets, func(i int, x *xlsx.SheetWriter) error {
		x.Selected = i == 0
		x.FitToPage, x.Landscape = true, true
		x.Header = "&L" + escapeHF(title)
		x.Footer = "&L&A&R" + c.w("Page &P of &N", "Стр. &P из &N")
		switch i {
		case 0:
			sheetOf(x, c, kpis)
			// The reachability under the threshold, red.
			underRule(x, colOf(kpis.cols, "reach_share"), len(kpis.rows), least)
		case 1:
			sheetOf(x, c, reach)
			underRule(x, colOf(reach.cols, "share"), len(reach.rows), least)
		case 2:
			sheetOf(x, c, outl)
			outlierRules(x, c, colOf(outl.cols, "fact"), colOf(outl.cols, "worse"), len(outl.rows))
		case 3:
			sheetOf(x, c, people)
			outlierRules(x, c, colOf(people.cols, "fact"), colOf(people.cols, "outlier_worse"), len(people.rows))
		case 4:
			sheetOf(x, c, depts)
		default:
			teamAbout(x, c, info)
		}
		return nil
	})
}

// teamDate dates the workbook by its first month, when that is a period.
func teamDate(a *teamstats.Analysis) string {
	if len(a.Months) > 0 && len(a.Months[0]) == 7 && a.Months[0][4] == '-' {
		return a.Months[0] + "-01T00:00:00Z"
	}
	return "2000-01-01T00:00:00Z"
}

func filterRange(cols, rows int) string {
	if rows == 0 {
		return ""
	}
	return "A1:" + xlsx.CellName(cols, rows+1)
}

// colOf is the 1-based column of key.
func colOf[T any](cols []tcol[T], key string) int {
	for i, c := range cols {
		if c.key == key {
			return i + 1
		}
	}
	panic("no column " + key)
}

// sheetOf writes a section as a sheet: the headings in row 1, frozen, a
// row per record; figures as numbers, shares as percentages.
func sheetOf[T any](x *xlsx.SheetWriter, c *teamCtx, sc section[T]) {
	numeric := make([]bool, len(sc.cols))
	for _, r := range sc.rows {
		for i, col := range sc.cols {
			v := col.get(r)
			numeric[i] = numeric[i] || v.kind == tNum || v.kind == tInt
		}
	}
	for i, col := range sc.cols {
		x.Text(i+1, 1, c.w(col.head[0], col.head[1]), headStyle(numeric[i]))
	}
	var buf []byte
	for j, r := range sc.rows {
		row := j + 2
		for i, col := range sc.cols {
			v := col.get(r)
			switch v.kind {
			case tNum:
				if v.q == nil {
					if v.h != "" {
						x.Text(i+1, row, v.h, styleRight)
					}
					break
				}
				buf = v.q.AppendShown(buf[:0])
				style := styleNum
				if v.share {
					style = stylePercent
				}
				x.NumBytes(i+1, row, buf, style)
				x.Want(i+1, row, string(buf))
			case tInt:
				x.Num(i+1, row, strconv.Itoa(v.n), 0)
			default:
				if text := bookText(c, v); text != "" {
					x.Text(i+1, row, text, 0)
				}
			}
		}
	}
	x.Widths = sheetWidths(c, sc)
	x.Pane = `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`
	if len(sc.rows) > 0 {
		x.AutoFilter = filterRange(len(sc.cols), len(sc.rows))
	}
}

// bookText is a cell's text as the sheet shows it (a figure as its
// number format shows it: grouped thousands, a percentage's two
// decimals), for the columns' widths and the charts' labels.
func bookText(c *teamCtx, v tval) string {
	switch v.kind {
	case tNum:
		if v.q == nil {
			return v.h
		}
		buf := v.q.AppendShown(nil)
		text := string(buf) + strings.Repeat(",", len(buf)/4)
		if v.share {
			text += ".00 %"
		}
		return text
	case tInt:
		return strconv.Itoa(v.n)
	case tBool:
		switch {
		case v.b == nil:
			return ""
		case strings.TrimSpace(v.h) != "":
			return v.h
		}
		return c.yes(*v.b)
	}
	if v.h != "" {
		return v.h
	}
	return v.s
}

// sheetWidths are the widths of a section's columns on its sheet, in
// characters: the widest heading or cell, from 8 to 40.
func sheetWidths[T any](c *teamCtx, sc section[T]) []float64 {
	widths := make([]int, len(sc.cols))
	for i, col := range sc.cols {
		widths[i] = utf8.RuneCountInString(c.w(col.head[0], col.head[1]))
	}
	for _, r := range sc.rows {
		for i, col := range sc.cols {
			widths[i] = max(widths[i], utf8.RuneCountInString(bookText(c, col.get(r))))
		}
	}
	out := make([]float64, len(widths))
	for i, w := range widths {
		out[i] = float64(min(max(w+2, 8), 40))
	}
	return out
}

// underRule colours a column of shares red where it is under least.
func underRule(x *xlsx.SheetWriter, col, rows int, least string) {
	if rows == 0 {
		return
	}
	first := xlsx.CellName(col, 2)
	x.Rule(first+":"+xlsx.CellName(col, rows+1), fmt.Sprintf(`<cfRule type="expression" dxfId="%d"><formula>%s</formula></cfRule>`, dxfRed,
		xlsx.EscapeXML(fmt.Sprintf("AND(ISNUMBER(%s),%s<%s)", first, first, least))))
}

// outlierRules colour the facts of outliers: red on the KPI's bad side,
// green on its good side, read from the worse column's words.
func outlierRules(x *xlsx.SheetWriter, c *teamCtx, factCol, worseCol, rows int) {
	if rows == 0 {
		return
	}
	ref := "$" + xlsx.CellName(worseCol, 2)
	rule := func(dxf int, word string) string {
		return fmt.Sprintf(`<cfRule type="expression" dxfId="%d"><formula>%s</formula></cfRule>`, dxf,
			xlsx.EscapeXML(fmt.Sprintf(`%s="%s"`, ref, word)))
	}
	x.Rule(xlsx.CellName(factCol, 2)+":"+xlsx.CellName(factCol, rows+1),
		rule(dxfRed, c.w("worse", "хуже")), rule(dxfGreen, c.w("better", "лучше")))
}

// teamAbout writes the About sheet: the inputs and the rules.
func teamAbout(x *xlsx.SheetWriter, c *teamCtx, info TeamInfo) {
	a := c.a
	rule := c.w("beyond 1.5 × IQR from the quartiles: below Q1 − 1.5 × IQR or above Q3 + 1.5 × IQR (--outliers iqr)",
		"дальше 1,5 × IQR от квартилей: ниже Q1 − 1,5 × IQR или выше Q3 + 1,5 × IQR (--outliers iqr)")
	if a.Rule == teamstats.RuleBase {
		rule = c.w("at or beyond the person's base, the critical point where the KPI yields nothing (--outliers base)",
			"на базе сотрудника или хуже — критическая точка, где показатель ничего не даёт (--outliers base)")
	}
	rows := [][2]string{
		{c.w("Team analysis", "Анализ команды"), a.Months[0]},
		{c.w("Scheme", "Схема"), c.s.ID},
		{c.w("Title", "Название"), c.s.Title},
		{c.w("Scheme file", "Файл схемы"), info.SchemeFile},
		{c.w("Scheme SHA-256", "SHA-256 схемы"), info.SchemeSHA256},
	}
	if len(a.Months) > 1 {
		rows[0][1] = strings.Join(a.Months, ", ")
	}
	for _, f := range info.Facts {
		rows = append(rows, [2]string{c.w("Fact sheet", "Файл фактов") + " " + f.Month, f.File}, [2]string{c.w("SHA-256", "SHA-256"), f.SHA256})
	}
	rows = append(rows,
		[2]string{c.w("Observations", "Наблюдения"), c.w("every person-month is one; with several months, all of them together",
			"каждый сотрудник за каждый месяц; за несколько месяцев — все вместе")},
		[2]string{c.w("Quartiles", "Квартили"), c.w("the median of each half, the middle value left out of both when the count is odd",
			"медиана каждой половины; при нечётном числе значений среднее значение не входит ни в одну")},
		[2]string{c.w("Outliers", "Выбросы"), rule},
		[2]string{c.w("Leader", "Лидер"), c.w("the highest fact (the lowest for a lower-is-better KPI); distance = how far from it, and as a share of it",
			"наибольший факт (наименьший, если чем меньше, тем лучше); расстояние — насколько до него, и в долях от него")},
		[2]string{c.w("Rank", "Ранг"), c.w("percentile in the team: the share of the others one does better than, ties counting half; by fulfilment when everyone has a norm, else by the fact",
			"процентиль в команде: доля остальных, у кого результат хуже, равные считаются за половину; по выполнению, если у всех есть норма, иначе по факту")},
		[2]string{c.w("Strongest / weakest", "Сильный / слабый"), c.w("the KPIs with the person's highest and lowest rank (with several months, the mean of the months' ranks)",
			"показатели с наибольшим и наименьшим рангом сотрудника (за несколько месяцев — среднее рангов)")},
		[2]string{c.w("Reachable norm", "Достижимая норма"), c.w("at least ", "не меньше ") + percent(a.ReachMin) + c.w(" of people at or beyond their own norm", " сотрудников выполняют свою норму")},
		[2]string{c.w("Departments", "Отделы"), c.w("counts and amounts summed; K, shares, formulas and department KPIs averaged",
			"количества и суммы складываются; K, доли, формулы и показатели отдела усредняются")},
		[2]string{c.w("premia version", "Версия premia"), info.Version},
	)
	const width = 100
	for i, r := range rows {
		if n := utf8.RuneCountInString(r[1]); n > width-10 {
			x.Height(i+1, 15*((n+width-11)/(width-10)))
		}
		x.Text(1, i+1, r[0], styleBold)
		if r[1] != "" {
			x.Text(2, i+1, r[1], styleWrap)
		}
	}
	x.Widths = []float64{24, width}
}
