package compare

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/xlsx"
)

// The charts of a comparison (docs/compare.md §7): old and new pay per
// person, the distribution of the change, old and new pay per role and
// per department. Each is drawn from the same figures two ways: as a
// native chart over the workbook's cells (workbook.go: the chart refers
// to the cells that hold the figures) and as a picture for --chart
// (Picture: the same figures, as exact decimal text). The titles are
// worded here once for both (chartWords), and the distribution's bins are
// counted here once, exactly (Distribution), for the workbook's table and
// the picture alike.

// The pictures --chart draws, in the order of its files.
const (
	PictureOldNew = iota
	PictureDistribution
	PictureRoles
	PictureDepartments
	Pictures // how many there are
)

// Bins of the distribution, in percentage points of the old pay.
const (
	BinWidth = 5
	// BinOpen is the index of the open bins, beyond ±BinWidth×(BinOpen−1)
	// = ±100 %: above +100 % (BinOpen), below −100 % (−BinOpen).
	BinOpen = 21
)

// Distribution counts the rows paid under both schemes by their
// percentage change, in bins of BinWidth points, per month.
type Distribution struct {
	// Bins run from the lowest bin anyone is in to the highest, with no
	// gap, and always hold bin 0 (no change).
	Bins []Bin
	// Undefined counts, per month, the rows paid under both schemes whose
	// old total is 0 (the percentage is undefined): in no bin.
	Undefined []int
	// OneScheme counts, per month, the rows paid under one scheme only:
	// in no bin.
	OneScheme []int
}

// Bin is one bin of the distribution.
type Bin struct {
	// Index is 0 for no change (exactly 0 %); k from 1 to 20 for a change
	// above 5(k−1) % up to 5k % inclusive, −k for one from −5k % inclusive
	// up to below −5(k−1) % (a change of exactly ±5k % is in the bin nearer
	// 0); ±BinOpen above +100 % and below −100 %.
	Index int
	// Counts are the rows in the bin, per month.
	Counts []int
}

// binOf is the bin of a percentage change p, exactly: |p| in
// (5(k−1), 5k] is bin ±k.
func binOf(p calc.Q) int {
	s := p.Sign()
	if s == 0 {
		return 0
	}
	a := p
	if s < 0 {
		a = p.Neg()
	}
	if a.CmpD(decimal.New(BinWidth*(BinOpen-1), 0)) > 0 {
		return s * BinOpen
	}
	// k = ⌈a / 5⌉ = −⌊−a / 5⌋, from 1 to 20.
	k := a.Quo(calc.Dec(decimal.New(BinWidth, 0))).Neg().Floor().Neg().IntPart()
	return s * int(k)
}

// Label names a bin by its bounds, in percent: "0", "0…+5", "+5…+10",
// "-5…0", "-10…-5", "> +100", "< -100".
func (b Bin) Label() string {
	k := b.Index
	switch {
	case k == 0:
		return "0"
	case k == BinOpen:
		return "> +" + strconv.Itoa(BinWidth*(BinOpen-1))
	case k == -BinOpen:
		return "< -" + strconv.Itoa(BinWidth*(BinOpen-1))
	case k == 1:
		return "0…+" + strconv.Itoa(BinWidth)
	case k > 0:
		return fmt.Sprintf("+%d…+%d", BinWidth*(k-1), BinWidth*k)
	case k == -1:
		return "-" + strconv.Itoa(BinWidth) + "…0"
	}
	return fmt.Sprintf("-%d…-%d", BinWidth*-k, BinWidth*(-k-1))
}

// Distribution counts each month's rows paid under both schemes by
// their percentage change (Row.Pct, exact).
func (rep *Report) Distribution() Distribution {
	n := len(rep.Months)
	d := Distribution{Undefined: make([]int, n), OneScheme: make([]int, n)}
	counts := map[int][]int{0: make([]int, n)}
	lo, hi := 0, 0
	for i := range rep.Rows {
		r := &rep.Rows[i]
		switch {
		case !r.Both():
			d.OneScheme[r.Month]++
		case r.Pct == nil:
			d.Undefined[r.Month]++
		default:
			k := binOf(*r.Pct)
			if counts[k] == nil {
				counts[k] = make([]int, n)
			}
			counts[k][r.Month]++
			lo, hi = min(lo, k), max(hi, k)
		}
	}
	for k := lo; k <= hi; k++ {
		c := counts[k]
		if c == nil {
			c = make([]int, n)
		}
		d.Bins = append(d.Bins, Bin{Index: k, Counts: c})
	}
	return d
}

// chartWords are a chart's title and its axes' titles, in the report's
// language, for the workbook and the picture alike.
type chartWords struct{ Title, XTitle, YTitle string }

// words are the words of picture which (Picture…); month, if not "",
// is added to the title of the old-and-new chart of one month.
func (rep *Report) words(l labels, which int, month string) chartWords {
	pay := fmt.Sprintf(l.PayAxis, rep.Currency)
	switch which {
	case PictureOldNew:
		t := l.ChartOldNew
		if month != "" {
			t += ", " + month
		}
		return chartWords{t, l.Employee, pay}
	case PictureDistribution:
		return chartWords{fmt.Sprintf(l.ChartDistribution, BinWidth), l.ChangeAxis, l.PeopleAxis}
	case PictureRoles:
		return chartWords{l.ChartRoles, l.Role, pay}
	}
	return chartWords{l.ChartDepartments, l.Department, pay}
}

// Picture is picture which (PictureOldNew, …) of the comparison, for
// --chart, in lang. Its figures are the workbook's: each person's total
// under each scheme (a gap where a scheme cannot pay them), the
// distribution's counts (Distribution), each role's and department's
// sums (a gap for a sum of no one).
func Picture(rep *Report, lang string, which int) chart.Chart {
	l := labelsFor(lang)
	month := ""
	if len(rep.Months) == 1 {
		month = labelOf(rep.Months[0].Period, rep.Months[0].Facts)
	}
	w := rep.words(l, which, month)
	c := chart.Chart{Kind: chart.Bar, Title: w.Title, XTitle: w.XTitle, YTitle: w.YTitle}
	old, neu := chart.Series{Name: l.OldScheme}, chart.Series{Name: l.NewScheme}
	side := func(p *Pay) string {
		if p == nil {
			return ""
		}
		return p.Total.String()
	}
	sums := func(gs []Group, name func(g *Group) string) {
		for i := range gs {
			g := &gs[i]
			c.Categories = append(c.Categories, name(g))
			old.Values = append(old.Values, sumText(g.HasOld, g.Old))
			neu.Values = append(neu.Values, sumText(g.HasNew, g.New))
		}
		c.Series = []chart.Series{old, neu}
	}
	switch which {
	case PictureOldNew:
		for i := range rep.Rows {
			r := &rep.Rows[i]
			name := r.Name
			if len(rep.Months) > 1 {
				name += " (" + labelOf(r.Period, r.Facts) + ")"
			}
			c.Categories = append(c.Categories, name)
			old.Values = append(old.Values, side(r.Old))
			neu.Values = append(neu.Values, side(r.New))
		}
		c.Series = []chart.Series{old, neu}
	case PictureDistribution:
		c.Kind = chart.Column
		d := rep.Distribution()
		for _, b := range d.Bins {
			c.Categories = append(c.Categories, b.Label())
		}
		for mi := range rep.Months {
			s := chart.Series{Name: labelOf(rep.Months[mi].Period, rep.Months[mi].Facts)}
			for _, b := range d.Bins {
				s.Values = append(s.Values, strconv.Itoa(b.Counts[mi]))
			}
			c.Series = append(c.Series, s)
		}
		// Wide enough for each bin's label, at most chart's limit.
		c.Width = min(max(chart.DefaultWidth, 160+len(d.Bins)*(24+12*len(rep.Months))), 8000)
		return c
	case PictureRoles:
		sums(rep.Roles, func(g *Group) string { return g.Title })
	default:
		sums(rep.Departments, func(g *Group) string { return l.dept(g.Key) })
	}
	// Tall enough for each category's bars, at most chart's limit.
	c.Height = min(max(chart.DefaultHeight, 160+26*len(c.Categories)), 8000)
	return c
}

// sumText is a sum as a chart's value: "" (a gap) for a sum of no one.
func sumText(has bool, d decimal.Decimal) string {
	if !has {
		return ""
	}
	return d.String()
}

// The charts of the workbook: where each is anchored, and the cells it
// draws. Each chart refers to the cells that hold its figures, written by
// the sheet's writer in workbook.go from the same fields as Picture.

// Columns of the figures the charts draw.
const (
	colName     = 2 // People!B, By role!B: a person's name, a role's title
	colOld      = 6 // People!F: the total under the old scheme
	colNew      = 7 // People!G: under the new scheme
	colGroupOld = 4 // By role!D, By department!D: the old sum
	colGroupNew = 5 // …!E: the new sum
)

// barRows is how many rows a bar chart of n categories, two bars each,
// spans: about 26 pixels a category (a row is 20) and room for the
// titles and the legend.
func barRows(n int) int { return max(16, (13*n+9)/10+8) }

// charts puts the charts on the sheets (sheets in sheetNames' order).
// Summary gets the old and new pay of each month's people, under its
// tables (the picture that matters most, where the workbook opens),
// drawn from the month's rows of People (contiguous); the distribution
// sheet, its bins, right of its table; By role and By department, their
// sums, under their tables. Under or beside a table, a chart adds no
// width to what prints on a page's width.
func (b *book) charts(sheets []xlsx.BookSheet) {
	rep := b.rep
	ref := func(sheet, col, r1, r2 int) xlsx.Ref {
		return xlsx.Ref{Sheet: sheets[sheet].Name, Range: xlsx.CellName(col, r1) + ":" + xlsx.CellName(col, r2)}
	}
	anchor := func(c1, r1, c2, r2 int) string { return xlsx.CellName(c1, r1) + ":" + xlsx.CellName(c2, r2) }
	oldNew := func(sheet int, w chartWords, at string, cats xlsx.Ref, oldCol, newCol, r1, r2 int) xlsx.Chart {
		return xlsx.Chart{Kind: xlsx.Bar, Title: w.Title, XTitle: w.XTitle, YTitle: w.YTitle, Anchor: at, Categories: cats,
			Series: []xlsx.Series{
				{Name: b.l.OldScheme, Values: ref(sheet, oldCol, r1, r2)},
				{Name: b.l.NewScheme, Values: ref(sheet, newCol, r1, r2)},
			}, Legend: xlsx.LegendBottom}
	}
	// Each month's people, under the summary's tables, one chart a month.
	top := b.summaryRows() + 3
	for mi := range rep.Months {
		first, last := -1, -1
		for i := range rep.Rows {
			if rep.Rows[i].Month == mi {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		r1, r2 := first+2, last+2 // People's rows: a header, then rep.Rows
		h := barRows(r2 - r1 + 1)
		w := rep.words(b.l, PictureOldNew, labelOf(rep.Months[mi].Period, rep.Months[mi].Facts))
		sheets[sheetSummary].Charts = append(sheets[sheetSummary].Charts,
			oldNew(sheetPeople, w, anchor(1, top, 6, top+h-1), ref(sheetPeople, colName, r1, r2), colOld, colNew, r1, r2))
		top += h + 1
	}
	// The distribution: a column per bin, a series per month.
	if n := len(b.dist.Bins); n > 0 {
		months := len(rep.Months)
		w := rep.words(b.l, PictureDistribution, "")
		c := xlsx.Chart{Kind: xlsx.Column, Title: w.Title, XTitle: w.XTitle, YTitle: w.YTitle,
			Anchor:     anchor(months+3, 2, b.distributionRight(), 20),
			Categories: ref(sheetDistribution, 1, 2, n+1), Legend: xlsx.LegendNone}
		for mi := range rep.Months {
			c.Series = append(c.Series, xlsx.Series{Name: labelOf(rep.Months[mi].Period, rep.Months[mi].Facts), Values: ref(sheetDistribution, 2+mi, 2, n+1)})
		}
		if months > 1 {
			c.Legend = xlsx.LegendBottom
		}
		sheets[sheetDistribution].Charts = []xlsx.Chart{c}
	}
	// By role (categories: the titles) and by department (the names),
	// under the table (a header and n rows) and a blank row.
	for _, g := range []struct {
		sheet, which, cats, n int
	}{{sheetRoles, PictureRoles, colName, len(rep.Roles)}, {sheetDepartments, PictureDepartments, 1, len(rep.Departments)}} {
		if g.n == 0 {
			continue
		}
		w := rep.words(b.l, g.which, "")
		top := g.n + 3
		sheets[g.sheet].Charts = []xlsx.Chart{oldNew(g.sheet, w, anchor(1, top, 7, top+barRows(g.n)-1), ref(g.sheet, g.cats, 2, g.n+1), colGroupOld, colGroupNew, 2, g.n+1)}
	}
}

// distributionRight is the last column of the distribution's chart,
// which starts a column right of the table (a column of bins, one per
// month): about 20 pixels a bar (a column is 64), 8 to 24 columns.
func (b *book) distributionRight() int {
	months := len(b.rep.Months)
	return months + 2 + min(max(8, (len(b.dist.Bins)*(1+months)+2)/3), 24)
}

// summaryRows is the last row the summary sheet writes (book.summary):
// the title, the schemes, the payroll's head and months (and all
// months), the note of people under one scheme only, and each of the
// gainers and losers (a blank row, its title, its head or "none", its
// people).
func (b *book) summaryRows() int {
	rep := b.rep
	row := 7 + len(rep.Months)
	if len(rep.Months) > 1 {
		row++
	}
	if rep.Total.OldOnly+rep.Total.NewOnly > 0 {
		row++
	}
	for _, ms := range [][]Mover{rep.Gainers, rep.Losers} {
		row += 3 + len(ms)
	}
	return row
}
