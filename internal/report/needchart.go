package report

import (
	"fmt"
	"strings"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/need"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// This file is need's charts (docs/planning.md §7.7). KPIs are on
// different scales (calls, roubles, a share of returns), so a chart of the
// facts themselves would show the largest and flatten the rest. The chart
// of where a person stands shows each figure as a share of its KPI's norm
// instead — today, the projection, the base and the target, the norm
// being 1 (100 %) for every KPI — measured as calc measures fulfilment
// (need.FulfilmentOf): a bar chart, a group of bars per KPI. The workbook holds those shares in a
// block of its sheet ("Against the norm") and draws the chart from it; the
// picture of --chart is the same chart drawn from the same figures. The
// workbook draws a second chart, the pay with one KPI at each level,
// straight from the table's pay columns.

// needNorm is what the chart against the norm draws: the KPIs with a norm
// to measure by, in the table's order, and the series that have a figure
// for one of them.
type needNorm struct {
	kpis []*need.KPI
	left []string // the KPIs not shown (no norm), by id
	// columns are the block's figures, today to the target; series are
	// those of them the chart draws: each that has a figure for a KPI,
	// but the norm, which is 1 for every KPI (the axis says where).
	columns, series []needSeries
	// best: a lower-is-better figure of 0 has no share (norm / 0), so its
	// bar is missing and a note says why.
	best bool
}

// needSeries is a column of the block against the norm, and a series of
// its chart: its name, its column (1-based) and each KPI's figure.
type needSeries struct {
	name string
	col  int
	of   func(k *need.KPI) *calc.Q
}

// The block against the norm: the KPI's id and label, then a column per
// figure.
const (
	needNormColToday = 3 + iota
	needNormColProj
	needNormColBase
	needNormColNorm
	needNormColTarget
)

// needNormOf is what the block and the chart against the norm show: one
// rule for the workbook's cells and the picture's values.
func needNormOf(st *need.Standing, nl needLabels) needNorm {
	var n needNorm
	for i := range st.KPIs {
		k := &st.KPIs[i]
		if lv := k.Norm(); lv != nil && lv.Fulfilment != nil {
			n.kpis = append(n.kpis, k)
		} else {
			n.left = append(n.left, k.ID)
		}
	}
	level := func(name string) func(*need.KPI) *calc.Q {
		return func(k *need.KPI) *calc.Q {
			if lv := needLevel(k, name); lv != nil {
				return lv.Fulfilment
			}
			return nil
		}
	}
	n.columns = []needSeries{
		{nl.Today, needNormColToday, func(k *need.KPI) *calc.Q { return k.Fulfilment }},
		{nl.Projection, needNormColProj, func(k *need.KPI) *calc.Q { return k.ProjectionFulfilment }},
		{nl.LevelTitle["base"], needNormColBase, level("base")},
		{nl.LevelTitle["norm"], needNormColNorm, level("norm")},
		{nl.LevelTitle["target"], needNormColTarget, level("target")},
	}
	for _, s := range n.columns {
		if s.col == needNormColNorm {
			continue // 1 for every KPI: the chart's 1 (100 %), its axis says so
		}
		for _, k := range n.kpis {
			if s.of(k) != nil {
				n.series = append(n.series, s)
				break
			}
		}
	}
	// A figure there is without a share: a lower-is-better 0.
	for _, k := range n.kpis {
		if k.Direction != plan.Lower {
			continue
		}
		n.best = n.best || k.Fulfilment == nil || k.Projection != nil && k.ProjectionFulfilment == nil
		for _, lv := range k.Levels {
			n.best = n.best || lv.Fulfilment == nil
		}
	}
	return n
}

func needLevel(k *need.KPI, name string) *need.Level {
	for i := range k.Levels {
		if k.Levels[i].Level == name {
			return &k.Levels[i]
		}
	}
	return nil
}

// needKPILabel is a KPI's label in the charts: its title, else its id.
func needKPILabel(k *need.KPI) string {
	if k.Title != "" {
		return k.Title
	}
	return k.ID
}

// percentOf is a share as the picture shows it, in percent: the share as
// the block's cell holds it (to 6 decimals, Q.Shown) × 100, exact.
func percentOf(q *calc.Q) string {
	if q == nil {
		return ""
	}
	return q.Shown().Shift(2).String()
}

// needPictureHeight is the picture's height for a number of bars: the
// default, or taller where the bars would be thinner than about 12 pixels.
func needPictureHeight(bars int) int {
	return min(max(chart.DefaultHeight, 150+16*bars), 8000)
}

// NeedChart is the picture of where the person stands against the norm
// (--chart FILE.svg|png): the chart the workbook draws over its block
// "Against the norm", from the same figures, in percent of the norm. ok
// is false when no KPI of the role has a norm: there is nothing to draw.
func NeedChart(st *need.Standing, lang string) (c chart.Chart, ok bool) {
	nl := needLabelsFor(lang)
	n := needNormOf(st, nl)
	if len(n.kpis) == 0 {
		return chart.Chart{}, false
	}
	c = chart.Chart{Kind: chart.Bar, Title: nl.NormChart + " · " + st.Name + " · " + st.Period, YTitle: nl.NormAxisPercent}
	for _, k := range n.kpis {
		c.Categories = append(c.Categories, needKPILabel(k))
	}
	for _, s := range n.series {
		values := make([]string, len(n.kpis))
		for i, k := range n.kpis {
			values[i] = percentOf(s.of(k))
		}
		c.Series = append(c.Series, chart.Series{Name: s.name, Values: values})
	}
	c.Height = needPictureHeight(len(n.kpis) * len(n.series))
	return c, true
}

// needBlock places the block against the norm and the charts on the
// sheet, below the notes (last is the notes' last row).
type needBlock struct {
	norm                needNorm
	head                int // the block's heading; its columns' names on the next row
	first, last         int // its KPI rows; head is 0 when there is no block
	notes               []string
	chartTop, chartLast int // the charts' rows; 0 when there are none
}

func needBlockAt(st *need.Standing, nl needLabels, last int) needBlock {
	b := needBlock{norm: needNormOf(st, nl)}
	if len(b.norm.kpis) > 0 {
		b.head = last + 2
		b.first, b.last = b.head+2, b.head+1+len(b.norm.kpis)
		b.notes = append(b.notes, nl.NotesNorm)
		if b.norm.best {
			b.notes = append(b.notes, nl.NotesBest)
		}
		if len(b.norm.left) > 0 {
			b.notes = append(b.notes, fmt.Sprintf(nl.NotesNoNorm, strings.Join(b.norm.left, ", ")))
		}
		last = b.last + len(b.notes)
	}
	if len(b.norm.kpis) > 0 || needHasLevels(st) {
		b.chartTop = last + 2
		b.chartLast = b.chartTop + max(18, 8+4*len(st.KPIs))
	}
	return b
}

func needHasLevels(st *need.Standing) bool {
	for _, k := range st.KPIs {
		if len(k.Levels) > 0 {
			return true
		}
	}
	return false
}

// put writes the block against the norm: a row per KPI with a norm,
// each figure's share of it.
func (b *needBlock) put(x *xlsx.SheetWriter, rw *reportWriter, nl needLabels) {
	if b.head == 0 {
		return
	}
	x.Text(1, b.head, nl.AgainstNorm, styleSection)
	head := []string{nl.KPI, rw.l.Title, nl.Today, nl.Projection, nl.LevelTitle["base"], nl.LevelTitle["norm"], nl.LevelTitle["target"]}
	for i, h := range head {
		x.Text(i+1, b.head+1, h, headStyle(i+1 >= needNormColToday))
	}
	for i, k := range b.norm.kpis {
		row := b.first + i
		x.Text(1, row, k.ID, 0)
		x.Text(2, row, needKPILabel(k), 0)
		for _, c := range b.norm.columns {
			putRatio(x, c.col, row, c.of(k), stylePercent)
		}
	}
	for i, n := range b.notes {
		row := b.last + 1 + i
		x.Text(1, row, n, styleNote)
		x.Merge(1, row, needColLevel+11, row)
	}
}

// needCharts are the sheet's charts: where the person stands against the
// norm, drawn from the block, over the columns A to I; and the pay with one
// KPI at each level, drawn from the table's pay columns, over J to S.
func needCharts(sheet string, st *need.Standing, nl needLabels, b needBlock, last int) []xlsx.Chart {
	if b.chartTop == 0 {
		return nil
	}
	var out []xlsx.Chart
	if n := b.norm; len(n.kpis) > 0 {
		// The cells hold shares (1 = the norm) shown as percentages; the
		// axis says so too (LibreOffice labels an axis by its own format).
		c := xlsx.Chart{Kind: xlsx.Bar, Title: nl.NormChart, YTitle: nl.NormAxisPercent, ValueFormat: "0%",
			Anchor:     fmt.Sprintf("A%d:I%d", b.chartTop, b.chartLast),
			Categories: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("B%d:B%d", b.first, b.last)},
			Legend:     xlsx.LegendBottom}
		for _, s := range n.series {
			col := xlsx.ColumnName(s.col)
			c.Series = append(c.Series, xlsx.Series{Name: s.name, Values: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("%s%d:%s%d", col, b.first, col, b.last)}})
		}
		out = append(out, c)
	}
	if needHasLevels(st) {
		// The categories are the table's titles, or its ids where a KPI
		// has no title.
		cat := "B"
		for _, k := range st.KPIs {
			if k.Title == "" {
				cat = "A"
			}
		}
		c := xlsx.Chart{Kind: xlsx.Bar, Title: fmt.Sprintf(nl.PayChart, st.Pay.StringFixed(st.Scale), st.Currency),
			YTitle:     fmt.Sprintf(nl.PayAxis, st.Currency),
			Anchor:     fmt.Sprintf("J%d:S%d", b.chartTop, b.chartLast),
			Categories: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("%s%d:%s%d", cat, needFirstRow, cat, last)},
			Legend:     xlsx.LegendBottom}
		for i, level := range calc.Levels {
			has := false
			for _, k := range st.KPIs {
				has = has || needLevel(&k, level) != nil
			}
			if has {
				col := xlsx.ColumnName(needColLevel + 4*i + 3)
				c.Series = append(c.Series, xlsx.Series{Name: nl.LevelTitle[level], Values: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("%s%d:%s%d", col, needFirstRow, col, last)}})
			}
		}
		out = append(out, c)
	}
	return out
}
