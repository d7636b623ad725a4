package decompose

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/xlsx"
)

// Style ids of the workbook's stylesheet (cellXfs, in order).
const (
	styleHead = iota + 1
	styleHeadNum
	styleTitle
	styleMoney
	styleShare
	styleCount
	styleWhole
	styleSection
)

// dxfAbove is the conditional format of a day above its norm.
const dxfAbove = 0

func stylesXML(scale int32) string {
	money, xf := xlsx.MoneyFormat(scale), xlsx.XF
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<numFmts count="3">` +
		`<numFmt numFmtId="164" formatCode="` + xlsx.EscapeXML(money) + `"/>` +
		`<numFmt numFmtId="165" formatCode="0.0%"/>` +
		`<numFmt numFmtId="166" formatCode="#,##0.######"/>` +
		`</numFmts>` +
		`<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>` +
		`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>` +
		`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="9">` +
		xf(0, 0, 0, 0, "") +
		xf(0, 1, 2, 1, `<alignment vertical="center" wrapText="1"/>`) + // head
		xf(0, 1, 2, 1, `<alignment horizontal="right" vertical="center" wrapText="1"/>`) + // head above figures
		xf(0, 2, 0, 0, "") + // title
		xf(164, 0, 0, 0, "") + // money
		xf(165, 0, 0, 0, "") + // share
		xf(166, 0, 0, 0, "") + // count, exact to 6 decimals
		xf(3, 0, 0, 0, "") + // whole number, #,##0
		xf(0, 1, 0, 1, "") + // section: bold, ruled below
		`</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>` +
		`<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
		`</styleSheet>`
}

// Rows of the Funnel sheet: the inputs block from row 3, the stages'
// table's header at FunnelHeaderRow, a stage a row under it.
const FunnelHeaderRow = 13

// ManagersHeaderRow is the Managers sheet's header; a row per manager and
// stage under it.
const ManagersHeaderRow = 3

// Sheets are the workbook's sheets in lang: the funnel, the managers'
// parts, and the Plans table where there is one.
func (res *Result) Sheets(lang string) []string {
	l := labelsFor(lang)
	names := []string{l.Chain, l.People, l.PerDay}
	if len(res.Plans) > 0 {
		names = append(names, factsheet.Table(factsheet.Plans).SheetName(lang))
	}
	return names
}

// WriteWorkbook writes the decomposition as a workbook, in lang:
//
//   - Funnel: the chain from the profit to the deals (profit, margin
//     share, revenue, average check, deals, working days, managers,
//     norms), then a row per stage: conversion, where it came from, a
//     month (exact and needed), a day (exact and needed), the average
//     manager's day, the norm and its line, red where above the norm;
//   - Managers: a row per manager and stage: share of the deals, revenue,
//     conversion and where it came from, a month and a day (exact and
//     needed), the norm, red where the day is above it;
//   - Plans (with a history): package factsheet's Plans table, id, kpi,
//     base, norm, target, headed in lang as a template heads it: copied
//     into a fact sheet (or its CSV folder, as plans.csv), calc reads it
//     as the managers' personal plans.
//
// It returns what each sheet must read back as (xlsx.Check).
func WriteWorkbook(w io.Writer, res *Result, lang string) (expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the workbook failed: %v", p)
		}
	}()
	l := labelsFor(lang)
	names := res.Sheets(lang)
	date := "2000-01-01T00:00:00Z"
	if res.In.Period != "" {
		date = res.In.Period + "-01T00:00:00Z"
	}
	title := res.title(l)
	props := xlsx.Props{Creator: "premia", Title: title, Language: lang, Date: date}
	sheets := []xlsx.BookSheet{
		{Name: names[0], TitleRow: FunnelHeaderRow, Charts: res.funnelCharts(names[0], l)},
		{Name: names[1], TitleRow: ManagersHeaderRow},
		{Name: names[2], TitleRow: PerDayHeaderRow, Charts: res.perDayCharts(names[2], l)},
	}
	if len(names) > 3 {
		sheets = append(sheets, xlsx.BookSheet{Name: names[3], TitleRow: 1})
	}
	styles := xlsx.Deflate("xl/styles.xml", []byte(stylesXML(res.Scale)))
	return xlsx.WriteBook(w, props, styles, sheets, func(i int, x *xlsx.SheetWriter) error {
		switch i {
		case 0:
			x.Selected = true
			res.funnelSheet(x, l)
		case 1:
			res.managersSheet(x, l)
		case 2:
			res.perDaySheet(x, l)
		default:
			res.plansSheet(x, lang)
		}
		x.FitToPage, x.Landscape = true, true
		x.Header = "&L" + strings.ReplaceAll(title, "&", "&&") + "&R" + res.In.Period
		x.Footer = "&L&A&R" + l.Page
		return nil
	})
}

func putMoney(x *xlsx.SheetWriter, col, row int, d decimal.Decimal) {
	v := calc.Text(d)
	x.Num(col, row, v, styleMoney)
	x.Want(col, row, v)
}

func putCount(x *xlsx.SheetWriter, col, row int, q calc.Q) {
	var buf [40]byte
	x.NumBytes(col, row, q.AppendShown(buf[:0]), styleCount)
}

// putNorm writes a norm per manager per day: a whole number in the
// source, any decimal in a funnel's own.
func putNorm(x *xlsx.SheetWriter, col, row int, d decimal.Decimal) {
	v := calc.Text(d)
	x.Num(col, row, v, styleCount)
	x.Want(col, row, v)
}

func putWhole(x *xlsx.SheetWriter, col, row int, d decimal.Decimal) {
	v := d.String()
	x.Num(col, row, v, styleWhole)
	x.Want(col, row, v)
}

// heads writes a table's headings: right-aligned above the figures (the
// columns in figures, 1-based), left-aligned above texts.
func heads(x *xlsx.SheetWriter, row int, titles []string, figures ...int) {
	x.Height(row, 30) // two lines of a wrapped heading
	for i, h := range titles {
		style := styleHead
		if slices.Contains(figures, i+1) {
			style = styleHeadNum
		}
		x.Text(i+1, row, h, style)
	}
}

// aboveRule colours the cells of col from row first to last red where
// they are above the norm in normCol.
func aboveRule(x *xlsx.SheetWriter, col, normCol, first, last int) {
	if last < first {
		return
	}
	c, n := xlsx.CellName(col, first), xlsx.CellName(normCol, first)
	x.Rule(xlsx.CellName(col, first)+":"+xlsx.CellName(col, last),
		fmt.Sprintf(`<cfRule type="expression" dxfId="%d"><formula>AND(ISNUMBER(%s),%s&gt;%s)</formula></cfRule>`, dxfAbove, absCol(n), absCol(c), absCol(n)))
}

// absCol is A5 as $A5.
func absCol(ref string) string { return "$" + ref }

func (res *Result) funnelSheet(x *xlsx.SheetWriter, l labels) {
	in := res.In
	x.Text(1, 1, res.title(l), styleTitle)
	x.Text(1, 2, res.setting(l), 0)
	x.Text(1, 3, l.Inputs, styleSection)
	row := 3
	money := func(label string, d decimal.Decimal) {
		row++
		x.Text(1, row, label, 0)
		putMoney(x, 2, row, d)
		if in.Currency != "" {
			x.Text(3, row, in.Currency, 0)
		}
	}
	money(l.Profit, in.Profit.V)
	row++
	x.Text(1, row, l.Margin, 0)
	x.Num(2, row, calc.Text(in.Margin.V), styleShare)
	money(l.Revenue, res.RevenueShown)
	money(l.AverageCheck, in.AverageCheck.V)
	row++
	x.Text(1, row, l.Deals, 0)
	putCount(x, 2, row, res.Stages[0].Month)
	row++
	x.Text(1, row, l.WorkingDays, 0)
	putWhole(x, 2, row, decimal.New(int64(in.WorkingDays), 0))
	row++
	x.Text(1, row, l.Managers, 0)
	putWhole(x, 2, row, decimal.New(int64(res.Managers), 0))
	row++
	x.Text(1, row, l.Profile, 0)
	x.Text(2, row, l.profileName(in.Profile), 0)
	// row is 11: the stages' table two rows down.
	hr := FunnelHeaderRow
	heads(x, hr, []string{l.Stage, l.KPI, l.Conversion, l.From, l.Month, l.Needed, l.Day, l.Needed, l.ManagerDay, l.Norm, l.Above, l.NormLine}, 3, 5, 6, 7, 8, 9, 10)
	row = hr
	for _, s := range res.Stages {
		row++
		x.Text(1, row, s.ID, 0)
		x.Text(2, row, s.KPI, 0)
		if s.Conversion != nil {
			putShare(x, 3, row, *s.Conversion)
			x.Text(4, row, l.Froms[s.ConversionFrom], 0)
		}
		putCount(x, 5, row, s.Month)
		putWhole(x, 6, row, Ceil(s.Month))
		putCount(x, 7, row, s.Day)
		putWhole(x, 8, row, Ceil(s.Day))
		putCount(x, 9, row, s.ManagerDay)
		if s.Norm != nil {
			putNorm(x, 10, row, s.Norm.V)
		}
		if s.Above {
			x.Text(11, row, l.Yes, 0)
		}
		if s.Norm != nil {
			x.Text(12, row, l.Lines[s.Norm.Line], 0)
		}
	}
	aboveRule(x, 9, 10, hr+1, row)
	x.Widths = []float64{22, 16, 12, 14, 12, 10, 12, 10, 16, 10, 14, 30}
}

func putShare(x *xlsx.SheetWriter, col, row int, q calc.Q) {
	var buf [40]byte
	x.NumBytes(col, row, q.AppendShown(buf[:0]), styleShare)
}

func (res *Result) managersSheet(x *xlsx.SheetWriter, l labels) {
	x.Text(1, 1, res.title(l), styleTitle)
	hr := ManagersHeaderRow
	heads(x, hr, []string{l.Manager, l.Name, l.Share, l.Revenue, l.Stage, l.Conversion, l.From, l.Month, l.Needed, l.Day, l.Needed, l.Norm, l.Above}, 3, 4, 6, 8, 9, 10, 11, 12)
	row := hr
	for _, p := range res.People {
		for i, s := range p.Stages {
			row++
			if res.Named {
				x.Text(1, row, p.ID, 0)
				x.Text(2, row, p.Name, 0)
			} else {
				x.Text(1, row, fmt.Sprintf(l.Each, res.Managers), 0)
			}
			putShare(x, 3, row, p.Share)
			putMoney(x, 4, row, p.Revenue)
			x.Text(5, row, res.Stages[i].ID, 0)
			if s.Conversion != nil {
				putShare(x, 6, row, *s.Conversion)
				x.Text(7, row, l.Froms[s.From], 0)
			}
			putCount(x, 8, row, s.Month)
			putWhole(x, 9, row, Ceil(s.Month))
			putCount(x, 10, row, s.Day)
			putWhole(x, 11, row, Ceil(s.Day))
			if s.Norm != nil {
				putNorm(x, 12, row, s.Norm.V)
			}
			if s.Above {
				x.Text(13, row, l.Yes, 0)
			}
		}
	}
	aboveRule(x, 10, 12, hr+1, row)
	x.Pane = fmt.Sprintf(`<pane ySplit="%d" topLeftCell="A%d" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A%d" sqref="A%d"/>`, hr, hr+1, hr+1, hr+1)
	x.AutoFilter = xlsx.CellName(1, hr) + ":" + xlsx.CellName(13, max(row, hr+1))
	x.Widths = []float64{12, 24, 14, 16, 14, 12, 12, 12, 10, 12, 10, 10, 14}
}

// PerDayHeaderRow is the Per day sheet's header; a row per manager under
// it.
const PerDayHeaderRow = 3

// perDaySheet is each manager's day in one row: a column per stage, the
// exact count needed a working day, and after a stage with a norm the
// norm, repeated on every row (so that a chart can set the day against
// it), the day red where above it.
func (res *Result) perDaySheet(x *xlsx.SheetWriter, l labels) {
	x.Text(1, 1, res.title(l), styleTitle)
	x.Text(1, 2, l.PerDayNote, 0)
	hr := PerDayHeaderRow
	titles := []string{l.Manager, l.Name}
	var figures []int
	for _, s := range res.Stages {
		titles = append(titles, s.ID)
		figures = append(figures, len(titles))
		if s.Norm != nil {
			titles = append(titles, fmt.Sprintf(l.NormOf, s.ID))
			figures = append(figures, len(titles))
		}
	}
	heads(x, hr, titles, figures...)
	last := hr + len(res.People)
	for j, p := range res.People {
		row := hr + 1 + j
		if res.Named {
			x.Text(1, row, p.ID, 0)
			x.Text(2, row, p.Name, 0)
		} else {
			x.Text(1, row, fmt.Sprintf(l.Each, res.Managers), 0)
		}
		col := 2
		for _, s := range p.Stages {
			col++
			putCount(x, col, row, s.Day)
			if s.Norm != nil {
				col++
				putNorm(x, col, row, s.Norm.V)
			}
		}
	}
	col := 2
	for _, s := range res.Stages {
		col++
		if s.Norm != nil {
			aboveRule(x, col, col+1, hr+1, last)
			col++
		}
	}
	x.Pane = fmt.Sprintf(`<pane xSplit="2" ySplit="%d" topLeftCell="C%d" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="C%d" sqref="C%d"/>`, hr, hr+1, hr+1, hr+1)
	x.Widths = []float64{12, 24}
	for range titles[2:] {
		x.Widths = append(x.Widths, 14)
	}
}

// plansSheet is package factsheet's Plans table: its headings in lang,
// in its columns' order, one row per manager and KPI.
func (res *Result) plansSheet(x *xlsx.SheetWriter, lang string) {
	cols := factsheet.Table(factsheet.Plans).Columns
	for i, c := range cols {
		style := styleHead
		if i >= 2 {
			style = styleHeadNum
		}
		x.Text(i+1, 1, c.Heading(lang), style)
	}
	for r, p := range res.Plans {
		row := r + 2
		x.Text(1, row, p.ID, 0)
		x.Text(2, row, p.KPI, 0)
		for i, d := range []*decimal.Decimal{p.Base, p.Norm, p.Target} {
			if d != nil {
				putWhole(x, 3+i, row, *d)
			}
		}
	}
	x.Pane = `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`
	x.Widths = []float64{18, 18, 12, 12, 12}
}
