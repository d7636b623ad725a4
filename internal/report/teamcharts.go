package report

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// This file is the charts of a team analysis (premia team): per role, the
// share of people at their norm against the least share (the reachability
// rule, seed 001), and per role and KPI each person's fact against the
// team's mean (the spread, seed 003). A chart is described once
// (teamChart: its words, and the rows and columns of the section it reads)
// and drawn two ways: as a native chart over the cells of the workbook's
// KPIs and People sheets (-o FILE.xlsx), and as a picture (--chart
// FILE.svg|png). Both read every value through the column that writes its
// cell (tcol.get, then AppendShown as sheetOf writes it, bookText for a
// label), so a chart shows no figure the sheets do not.

// grid is a section as a chart reads it: a cell by column key and row
// (0-based, the sheet's row 2 first), and a column's number on the sheet.
type grid struct {
	cell func(key string, row int) tval
	col  func(key string) int
}

func gridOf[T any](sc section[T]) grid {
	return grid{
		cell: func(key string, row int) tval { return sc.cols[colOf(sc.cols, key)-1].get(sc.rows[row]) },
		col:  func(key string) int { return colOf(sc.cols, key) },
	}
}

// teamChart is one chart of a team analysis: horizontal bars, a bar per
// category in each series (the first category at the top, as the sheet
// reads).
type teamChart struct {
	title, xTitle, yTitle string
	role, kpi             string // the role, and the KPI of a spread ("" for the reachability)
	g                     grid
	label                 string // the column naming the categories
	cats                  []int  // the rows naming them
	series                []teamSeries
	share                 bool // the values are shares: the picture shows percentages
}

// teamSeries is a series of a chart: its values are column col of rows,
// a row per category; −1 where there is none (a gap, in a picture only).
type teamSeries struct {
	name string
	col  string
	rows []int
}

// kpisWithLeast is the KPIs section as the workbook lays it out: the least
// share (--reach-min) beside the share at norm, as on the Reachability
// sheet, for the reachability chart draws it as its second series. The
// CSV's and JSON's kpis have no such column (the JSON's reach_min says it
// once).
func kpisWithLeast(c *teamCtx) section[teamstats.KPISummary] {
	type K = teamstats.KPISummary
	k := kpiSection(c)
	least := tcol[K]{"reach_min", [2]string{"Least", "Минимум"}, false, func(K) tval { return pct(&c.a.ReachMin) }}
	k.cols = slices.Insert(slices.Clone(k.cols), colOf(k.cols, "reach_share"), least)
	return k
}

// severalRoles reports whether the analysis compares more than one role's
// people: then each chart's title names its role.
func severalRoles(a *teamstats.Analysis) bool {
	for _, k := range a.KPIs {
		if k.Role != a.KPIs[0].Role {
			return true
		}
	}
	return false
}

// span is the rows from i up to j.
func span(i, j int) []int {
	out := make([]int, 0, j-i)
	for r := i; r < j; r++ {
		out = append(out, r)
	}
	return out
}

// reachCharts are the reachability charts, one per role (a role's KPIs
// are together on the KPIs sheet): each KPI's share of people at their
// norm over every month of the analysis (KPIs!reach_share), and the least
// share (KPIs!reach_min). A role none of whose people has a norm has no
// chart: nothing is reached or missed.
func reachCharts(c *teamCtx, kpis section[teamstats.KPISummary]) []teamChart {
	g := gridOf(kpis)
	several := severalRoles(c.a)
	share, least := c.w("Share at norm", "Доля с нормой"), c.w("Least: ", "Минимум: ")+percent(c.a.ReachMin)
	var out []teamChart
	ks := kpis.rows
	for i := 0; i < len(ks); {
		j, norms := i, false
		for ; j < len(ks) && ks[j].Role == ks[i].Role; j++ {
			norms = norms || ks[j].Reach.Share != nil
		}
		if norms {
			title := c.w("Share of people at their norm", "Доля сотрудников, выполнивших норму")
			if several {
				title += " · " + c.role(ks[i].Role)
			}
			rows := span(i, j)
			out = append(out, teamChart{
				title: title, xTitle: c.w("KPI", "Показатель"), yTitle: share,
				role: ks[i].Role, g: g, label: "kpi", cats: rows, share: true,
				series: []teamSeries{{share, "reach_share", rows}, {least, "reach_min", rows}},
			})
		}
		i = j
	}
	return out
}

// spreadCharts are the spread charts, one per role and KPI (a KPI's rows
// are together on the People sheet, month by month): each person's fact
// (People!fact) and the team's mean (People!team_mean, the same on each
// row). With several months, when every month lists the same people in
// the same order, a series per month; else, in the workbook (book), a
// chart per month, and in a picture a series per month over everyone,
// with a gap where a person has no row that month.
func spreadCharts(c *teamCtx, people section[*teamstats.Row], book bool) []teamChart {
	g := gridOf(people)
	several := severalRoles(c.a)
	rows := people.rows
	mean := func(rs []int) teamSeries {
		return teamSeries{c.w("Team mean", "Среднее команды"), "team_mean", rs}
	}
	var out []teamChart
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].Group == rows[i].Group {
			j++
		}
		k := c.a.KPIs[rows[i].Group]
		// The KPI's months, each a run of rows.
		var months [][]int
		for m := i; m < j; {
			n := m
			for n < j && rows[n].Month == rows[m].Month {
				n++
			}
			months = append(months, span(m, n))
			m = n
		}
		title := k.Title
		if title == "" {
			title = k.KPI
		}
		if k.Direction == plan.Lower {
			title += " (" + c.direction(plan.Lower) + ")"
		}
		if several {
			title += " · " + c.role(k.Role)
		}
		yTitle := c.w("Fact", "Факт")
		if k.Unit != "" {
			yTitle += ", " + k.Unit
		}
		base := teamChart{title: title, xTitle: c.w("Employee", "Сотрудник"), yTitle: yTitle, role: k.Role, kpi: k.KPI, g: g}
		add := func(ch teamChart) {
			ch.label = labelColumn(rows, ch.cats)
			out = append(out, ch)
		}
		switch {
		case len(months) == 1:
			ch := base
			ch.cats = months[0]
			ch.series = []teamSeries{{c.w("Fact", "Факт"), "fact", months[0]}, mean(months[0])}
			add(ch)
		case aligned(rows, months):
			ch := base
			ch.cats = months[0]
			for _, m := range months {
				ch.series = append(ch.series, teamSeries{rows[m[0]].Month, "fact", m})
			}
			ch.series = append(ch.series, mean(months[0]))
			add(ch)
		case book:
			for _, m := range months {
				ch := base
				ch.title += " · " + rows[m[0]].Month
				ch.cats = m
				ch.series = []teamSeries{{c.w("Fact", "Факт"), "fact", m}, mean(m)}
				add(ch)
			}
		default:
			// Everyone, in the order first met, each named by their first row.
			first := map[string]int{}
			ch := base
			for r := i; r < j; r++ {
				if _, ok := first[rows[r].ID]; !ok {
					first[rows[r].ID] = r
					ch.cats = append(ch.cats, r)
				}
			}
			for _, m := range months {
				at := map[string]int{}
				for _, r := range m {
					at[rows[r].ID] = r
				}
				s := teamSeries{rows[m[0]].Month, "fact", make([]int, len(ch.cats))}
				for n, r := range ch.cats {
					s.rows[n] = -1
					if x, ok := at[rows[r].ID]; ok {
						s.rows[n] = x
					}
				}
				ch.series = append(ch.series, s)
			}
			ch.series = append(ch.series, mean(ch.cats))
			add(ch)
		}
		i = j
	}
	return out
}

// aligned reports whether every month lists the same people in the same
// order.
func aligned(rows []*teamstats.Row, months [][]int) bool {
	for _, m := range months[1:] {
		if len(m) != len(months[0]) {
			return false
		}
		for n, r := range m {
			if rows[r].ID != rows[months[0][n]].ID {
				return false
			}
		}
	}
	return true
}

// labelColumn names a chart's people by their names when each has one and
// no two share it, else by their ids.
func labelColumn(rows []*teamstats.Row, cats []int) string {
	seen := map[string]bool{}
	for _, r := range cats {
		n := rows[r].Name
		if n == "" || seen[n] {
			return "id"
		}
		seen[n] = true
	}
	return "name"
}

// bookCharts are charts as native charts of the workbook's sheet, stacked
// below its table of tableRows rows from column A: each some 100
// characters wide (by the columns' widths) and tall enough for its bars.
func bookCharts(charts []teamChart, sheet string, tableRows int, widths []float64) []xlsx.Chart {
	last, sum := 0, 0.0
	for sum < 100 {
		w := 9.0 // a column past the table's, as wide as a default column
		if last < len(widths) {
			w = widths[last]
		}
		sum += w
		last++
	}
	top := tableRows + 3 // a blank row below the table
	out := make([]xlsx.Chart, 0, len(charts))
	for _, tc := range charts {
		height := max(18, 6+(len(tc.cats)*len(tc.series)*3+4)/5)
		x := xlsx.Chart{
			Kind: xlsx.Bar, Title: tc.title, XTitle: tc.xTitle, YTitle: tc.yTitle,
			Anchor:     "A" + fmt.Sprint(top) + ":" + xlsx.CellName(last, top+height-1),
			Categories: tc.ref(sheet, tc.label, tc.cats),
			Legend:     xlsx.LegendBottom,
		}
		for _, s := range tc.series {
			x.Series = append(x.Series, xlsx.Series{Name: s.name, Values: tc.ref(sheet, s.col, s.rows)})
		}
		switch {
		case tc.share:
			x.ValueFormat = "0%"
		case tc.large():
			x.ValueFormat = "#,##0"
		}
		out = append(out, x)
		top += height + 2
	}
	return out
}

// large reports whether a value of the chart is 10,000 or more (or
// −10,000 or less): its axis's labels are then grouped in thousands, as
// the sheet's figures are, and are whole.
func (tc teamChart) large() bool {
	limit := calc.Dec(decimal.NewFromInt(10000))
	for _, s := range tc.series {
		for _, r := range s.rows {
			if r < 0 {
				continue
			}
			if v := tc.g.cell(s.col, r); v.kind == tNum && v.q != nil && (v.q.Cmp(limit) >= 0 || v.q.Neg().Cmp(limit) >= 0) {
				return true
			}
		}
	}
	return false
}

// ref is the cells of column key in rows, which must follow one another
// on the sheet.
func (tc teamChart) ref(sheet, key string, rows []int) xlsx.Ref {
	for n, r := range rows {
		if r != rows[0]+n {
			panic(fmt.Sprintf("chart %q: the rows of %s do not follow one another: %v", tc.title, key, rows))
		}
	}
	col := tc.g.col(key)
	return xlsx.Ref{Sheet: sheet, Range: xlsx.CellName(col, rows[0]+2) + ":" + xlsx.CellName(col, rows[len(rows)-1]+2)}
}

// picture is the chart as --chart draws it: the labels as the sheet shows
// them, the values as its cells hold them (a share as a percentage: the
// cell's value times 100, exactly), a gap where there is none. It grows
// taller with its bars.
func (tc teamChart) picture(c *teamCtx) chart.Chart {
	p := chart.Chart{Kind: chart.Bar, Title: tc.title, XTitle: tc.xTitle, YTitle: tc.yTitle}
	if tc.share {
		p.YTitle += ", %"
	}
	for _, r := range tc.cats {
		p.Categories = append(p.Categories, bookText(c, tc.g.cell(tc.label, r)))
	}
	for _, s := range tc.series {
		vals := make([]string, len(s.rows))
		for n, r := range s.rows {
			if r < 0 {
				continue
			}
			v := tc.g.cell(s.col, r)
			if v.kind != tNum || v.q == nil {
				continue
			}
			vals[n] = string(v.q.AppendShown(nil))
			if tc.share {
				vals[n] = decimal.RequireFromString(vals[n]).Shift(2).String()
			}
		}
		p.Series = append(p.Series, chart.Series{Name: s.name, Values: vals})
	}
	if h := 150 + 14*len(tc.cats)*len(tc.series); h > chart.DefaultHeight {
		p.Height = min(h, 8000)
	}
	return p
}

// TeamPicture is the picture premia team --chart draws, in lang: the
// reachability of role's KPIs, or, given kpi, that KPI's spread among the
// role's people. ok is false when the analysis has no such chart: no one
// of the role is in it, has the KPI, or (for the reachability) has a norm.
func TeamPicture(s *plan.Scheme, a *teamstats.Analysis, lang, role, kpi string) (p chart.Chart, ok bool) {
	if lang != "ru" {
		lang = "en"
	}
	c := newTeamCtx(s, a, lang)
	charts := reachCharts(c, kpisWithLeast(c))
	if kpi != "" {
		charts = spreadCharts(c, peopleSection(c), false)
	}
	for _, tc := range charts {
		if tc.role == role && tc.kpi == kpi {
			return tc.picture(c), true
		}
	}
	return chart.Chart{}, false
}
