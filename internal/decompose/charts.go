package decompose

import (
	"fmt"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/xlsx"
)

// This file is the decomposition's charts: in the workbook, the funnel a
// month over the Funnel sheet's stages (a chart per group of stages of
// like size, FunnelGroups) and, on the Per day sheet, each manager's day
// against the norm for each stage with one; as a picture (--chart), the
// day against the norm of the stage most above it (Picture). Every chart
// is drawn from the figures its sheet holds: a native chart refers to the
// cells, and the picture takes the same exact figures as the cells, shown
// by the same rule (calc.Q.AppendShown for a count, calc.Text for a norm).

// FunnelSpread is how far apart the month's figures of one funnel chart
// may be: a chart holds consecutive stages whose largest figure is at most
// FunnelSpread times their smallest. A funnel spans orders of magnitude
// (7.5 contracts from 3,125 calls): on one axis from zero the deals would
// be a line too thin to see, and a logarithmic axis makes a bar's length
// no longer its value. So the funnel is drawn in groups of stages within
// an order of magnitude, each on its own axis from zero.
const FunnelSpread = 10

// FunnelGroups splits the stages, in the funnel's order (from the deal
// back), into runs within FunnelSpread of each other: each is the first
// and last stage's index. A stage that would make its run's largest figure
// more than FunnelSpread times its smallest begins a new run.
func (res *Result) FunnelGroups() [][2]int {
	var out [][2]int
	spread := whole(FunnelSpread)
	var lo, hi calc.Q
	for i, s := range res.Stages {
		if i > 0 {
			nlo, nhi := lo.Min(s.Month), hi.Max(s.Month)
			if nhi.Cmp(nlo.Mul(spread)) <= 0 {
				out[len(out)-1][1] = i
				lo, hi = nlo, nhi
				continue
			}
		}
		out = append(out, [2]int{i, i})
		lo, hi = s.Month, s.Month
	}
	return out
}

// funnelCharts are the Funnel sheet's charts: a bar chart of the month's
// figure needed (column E) of each group of stages, below the stages'
// table, two side by side.
func (res *Result) funnelCharts(sheet string, l labels) []xlsx.Chart {
	groups := res.FunnelGroups()
	top := FunnelHeaderRow + len(res.Stages) + 2
	const height = 16
	var out []xlsx.Chart
	for g, grp := range groups {
		first, last := FunnelHeaderRow+1+grp[0], FunnelHeaderRow+1+grp[1]
		row := top + (g/2)*(height+2)
		anchor := fmt.Sprintf("A%d:F%d", row, row+height)
		if g%2 == 1 {
			anchor = fmt.Sprintf("G%d:L%d", row, row+height)
		}
		out = append(out, xlsx.Chart{
			Kind: xlsx.Bar, Title: res.funnelTitle(l, grp, len(groups)), XTitle: l.Stage, YTitle: l.MonthAxis,
			Anchor:     anchor,
			Categories: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("A%d:A%d", first, last)},
			Series:     []xlsx.Series{{Name: l.MonthAxis, Values: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("E%d:E%d", first, last)}}},
			Legend:     xlsx.LegendNone,
		})
	}
	return out
}

// funnelTitle is a funnel chart's title: the funnel when one chart holds
// it all, else the stages the group runs between.
func (res *Result) funnelTitle(l labels, grp [2]int, groups int) string {
	if groups == 1 {
		return l.FunnelChart
	}
	if grp[0] == grp[1] {
		return fmt.Sprintf(l.FunnelChartOne, res.Stages[grp[0]].ID)
	}
	return fmt.Sprintf(l.FunnelChartOf, res.Stages[grp[0]].ID, res.Stages[grp[1]].ID)
}

// perDayColumns is the Per day sheet's column of each stage's day (its
// norm, where it has one, in the next column).
func (res *Result) perDayColumns() []int {
	cols := make([]int, len(res.Stages))
	col := 2
	for i, s := range res.Stages {
		col++
		cols[i] = col
		if s.Norm != nil {
			col++
		}
	}
	return cols
}

// perDayNameColumn is the Per day sheet's column that names the managers:
// their names (B) from a history, else A, "each of 5".
func (res *Result) perDayNameColumn() string {
	if res.Named {
		return "B"
	}
	return "A"
}

// perDayCharts are the Per day sheet's charts: for each stage with a
// norm, a bar chart of each manager's day (the stage's column) against
// the norm (the column beside it), below the table, two side by side.
func (res *Result) perDayCharts(sheet string, l labels) []xlsx.Chart {
	first, last := PerDayHeaderRow+1, PerDayHeaderRow+len(res.People)
	top := last + 3
	height := max(16, 2*len(res.People)+6)
	cols := res.perDayColumns()
	name := res.perDayNameColumn()
	var out []xlsx.Chart
	for i, s := range res.Stages {
		if s.Norm == nil {
			continue
		}
		g := len(out)
		row := top + (g/2)*(height+2)
		anchor := fmt.Sprintf("A%d:D%d", row, row+height)
		if g%2 == 1 {
			anchor = fmt.Sprintf("E%d:J%d", row, row+height)
		}
		day, norm := xlsx.ColumnName(cols[i]), xlsx.ColumnName(cols[i]+1)
		out = append(out, xlsx.Chart{
			Kind: xlsx.Bar, Title: res.perDayTitle(l, i), XTitle: l.Manager, YTitle: fmt.Sprintf(l.DayOf, s.ID),
			Anchor:     anchor,
			Categories: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("%s%d:%s%d", name, first, name, last)},
			Series: []xlsx.Series{
				{Name: fmt.Sprintf(l.DayOf, s.ID), Values: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("%s%d:%s%d", day, first, day, last)}},
				{Name: l.Norm, Values: xlsx.Ref{Sheet: sheet, Range: fmt.Sprintf("%s%d:%s%d", norm, first, norm, last)}},
			},
			Legend: xlsx.LegendBottom,
		})
	}
	return out
}

// perDayTitle is the title of stage i's chart of each manager's day
// against its norm, naming the norm's line.
func (res *Result) perDayTitle(l labels, i int) string {
	s := res.Stages[i]
	return fmt.Sprintf(l.PerDayChart, s.ID, l.Lines[s.Norm.Line])
}

// PictureStage is the stage --chart draws: of the stages with a norm, the
// one whose day is furthest above its norm for some manager (the highest
// day / norm of any manager; the first such stage on a tie), so the
// picture shows the plan most out of reach, or, when none is above, the
// nearest to its norm. -1 when no stage has a norm.
func (res *Result) PictureStage() int {
	best := -1
	var bestDay, bestNorm calc.Q
	for i, s := range res.Stages {
		if s.Norm == nil {
			continue
		}
		for _, p := range res.People {
			ps := p.Stages[i]
			if ps.Norm == nil {
				continue
			}
			norm := calc.Dec(ps.Norm.V)
			// day / norm > bestDay / bestNorm, norms above zero.
			if best < 0 || ps.Day.Mul(bestNorm).Cmp(bestDay.Mul(norm)) > 0 {
				best, bestDay, bestNorm = i, ps.Day, norm
			}
		}
	}
	return best
}

// Picture is the --chart picture in lang: each manager's day against the
// norm for PictureStage's stage, the same figures as that stage's chart on
// the Per day sheet; ok is false when no stage has a norm.
func (res *Result) Picture(lang string) (c chart.Chart, ok bool) {
	i := res.PictureStage()
	if i < 0 {
		return chart.Chart{}, false
	}
	l := labelsFor(lang)
	s := res.Stages[i]
	c = chart.Chart{Kind: chart.Bar, Title: res.perDayTitle(l, i), XTitle: l.Manager, YTitle: fmt.Sprintf(l.DayOf, s.ID)}
	var days, norms []string
	for _, p := range res.People {
		if res.Named {
			c.Categories = append(c.Categories, p.Name)
		} else {
			c.Categories = append(c.Categories, fmt.Sprintf(l.Each, res.Managers))
		}
		ps := p.Stages[i]
		days = append(days, string(ps.Day.AppendShown(nil)))
		norm := ""
		if ps.Norm != nil {
			norm = calc.Text(ps.Norm.V)
		}
		norms = append(norms, norm)
	}
	c.Series = []chart.Series{{Name: fmt.Sprintf(l.DayOf, s.ID), Values: days}, {Name: l.Norm, Values: norms}}
	return c, true
}
