package compare

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/xlsx"
)

// The workbook of a comparison (-o FILE.xlsx): Summary (the schemes, the
// payroll of each month and of all, who gains and who loses most), People
// (a row per person and month), By role, By department, and Changed KPIs
// (the KPI rows and, under them, the pay lines that changed). Every
// amount is a numeric cell with a money format; a percentage is the
// fraction with a 0.00 % format; each difference column is coloured by
// its sign (red below 0, green above) with conditional formatting, so
// that a sorted or edited sheet stays coloured.

// Style ids of the stylesheet (cellXfs, in order).
const (
	sHead = iota + 1
	sHeadNum
	sTitle
	sMoney
	sSigned
	sPercent
	sBold
	sMoneyBold
	sSignedBold
	sPercentBold
	sRatio
	sRight
	sNote
)

// Conditional-format styles (dxfs).
const (
	dxfRed = iota
	dxfGreen
)

func styles(scale int32) string {
	money := xlsx.MoneyFormat(scale)
	signed := "+" + money + ";-" + money + ";" + money
	font, xf, dxf := xlsx.Font, xlsx.XF, xlsx.DXF
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<numFmts count="4">` +
		`<numFmt numFmtId="164" formatCode="` + xlsx.EscapeXML(money) + `"/>` +
		`<numFmt numFmtId="165" formatCode="` + xlsx.EscapeXML(signed) + `"/>` +
		`<numFmt numFmtId="166" formatCode="+0.00%;-0.00%;0.00%"/>` +
		`<numFmt numFmtId="167" formatCode="#,##0.######"/>` +
		`</numFmts>` +
		`<fonts count="4">` + font("") + font(`<b/>`) +
		`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><sz val="9"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>` +
		`</fonts>` +
		xlsx.HouseFillsBorders +
		`<cellXfs count="14">` +
		xf(0, 0, 0, 0, "") +
		xf(0, 1, 2, 1, `<alignment vertical="center" wrapText="1"/>`) + // head
		xf(0, 1, 2, 1, `<alignment horizontal="right" vertical="center" wrapText="1"/>`) + // head above figures
		xf(0, 2, 0, 0, "") + // title
		xf(164, 0, 0, 0, "") + // money
		xf(165, 0, 0, 0, "") + // money, signed
		xf(166, 0, 0, 0, "") + // percent
		xf(0, 1, 0, 0, "") + // bold
		xf(164, 1, 0, 2, "") + // money, bold, ruled above
		xf(165, 1, 0, 2, "") + // signed, bold, ruled above
		xf(166, 1, 0, 2, "") + // percent, bold, ruled above
		xf(167, 0, 0, 0, "") + // ratio
		xf(0, 0, 0, 0, `<alignment horizontal="right"/>`) + // a text among figures
		xf(0, 3, 0, 0, `<alignment vertical="top" wrapText="1"/>`) + // note
		`</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="2">` + dxf("9C0006", "FFC7CE") + dxf("006100", "C6EFCE") + `</dxfs>` +
		`<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
		`</styleSheet>`
}

// signRules colour a column of differences: red below 0, green above.
func signRules() []string {
	return []string{
		`<cfRule type="cellIs" dxfId="` + strconv.Itoa(dxfRed) + `" operator="lessThan"><formula>0</formula></cfRule>`,
		`<cfRule type="cellIs" dxfId="` + strconv.Itoa(dxfGreen) + `" operator="greaterThan"><formula>0</formula></cfRule>`,
	}
}

// sheet writers' helpers.
type book struct {
	rep  *Report
	l    labels
	lang string
	dist Distribution // the distribution sheet's bins
}

func (b *book) money(x *xlsx.SheetWriter, c, r int, d decimal.Decimal, style int) {
	v := calc.Text(d)
	x.Num(c, r, v, style)
	x.Want(c, r, v)
}

// pct writes a percentage as the fraction (diff / old) for a % format,
// exact to 8 decimals (the percentage to 6), or the word for undefined.
func (b *book) pct(x *xlsx.SheetWriter, c, r int, p *calc.Q, style int) {
	if p == nil {
		x.Text(c, r, b.l.Undefined, sRight)
		return
	}
	f := p.Quo(calc.Dec(hundred)).Approx(calc.RatioPlaces + 2)
	x.Num(c, r, calc.Text(f), style)
}

// sums writes a sum's old, new, difference and percentage from column
// c: "-" for a side with no one in it.
func (b *book) sums(x *xlsx.SheetWriter, c, r int, a Amounts, money, signed, pct int) {
	for i, side := range []struct {
		has bool
		v   decimal.Decimal
	}{{a.HasOld, a.Old}, {a.HasNew, a.New}} {
		if side.has {
			b.money(x, c+i, r, side.v, money)
		} else {
			x.Text(c+i, r, "-", sRight)
		}
	}
	if !a.Both() {
		x.Text(c+2, r, "-", sRight)
		x.Text(c+3, r, "-", sRight)
		return
	}
	b.money(x, c+2, r, a.Diff, signed)
	b.pct(x, c+3, r, a.Pct, pct)
}

func (b *book) ratio(x *xlsx.SheetWriter, c, r int, q *calc.Q) {
	if q != nil {
		x.Num(c, r, calc.Text(q.Shown()), sRatio)
	}
}

func (b *book) head(x *xlsx.SheetWriter, row int, cols ...string) {
	for i, c := range cols {
		h, right := strings.CutSuffix(c, ">")
		style := sHead
		if right {
			style = sHeadNum
		}
		x.Text(i+1, row, h, style)
	}
}

func (b *book) print(x *xlsx.SheetWriter) {
	x.FitToPage, x.Landscape = true, true
	x.Header = "&L" + strings.ReplaceAll(b.l.Title+": "+b.rep.OldName+" → "+b.rep.NewName, "&", "&&")
	x.Footer = "&L&A&R&P / &N"
}

const frozenHeader = `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`

// monthWidth is the width of a column of month labels: a period, or a
// fact sheet's path where the month states none.
func (b *book) monthWidth() float64 {
	w := 10
	for _, m := range b.rep.Months {
		w = max(w, utf8.RuneCountInString(labelOf(m.Period, m.Facts))+2)
	}
	return float64(min(w, 40))
}

// Sheet names, by language.
func (b *book) sheetNames() []string {
	return []string{b.l.Summary, b.l.PeopleSheet, b.l.DistributionSheet, b.l.RolesSheet, b.l.DepartmentsSheet, b.l.ChangesSheet}
}

// The sheets, in order.
const (
	sheetSummary = iota
	sheetPeople
	sheetDistribution
	sheetRoles
	sheetDepartments
	sheetChanges
)

// WriteWorkbook writes the comparison's workbook to w, in lang, and
// returns what each sheet must give back (xlsx.Check).
func WriteWorkbook(w io.Writer, rep *Report, lang string) ([]xlsx.Expect, error) {
	b := &book{rep: rep, l: labelsFor(lang), lang: lang, dist: rep.Distribution()}
	names := b.sheetNames()
	sheets := make([]xlsx.BookSheet, len(names))
	for i, n := range names {
		sheets[i] = xlsx.BookSheet{Name: n}
	}
	sheets[sheetPeople].TitleRow, sheets[sheetChanges].TitleRow = 1, 1
	b.charts(sheets)
	date := "2000-01-01T00:00:00Z"
	if len(rep.Months) > 0 && len(rep.Months[0].Period) == 7 {
		date = rep.Months[0].Period + "-01T00:00:00Z"
	}
	props := xlsx.Props{Creator: "premia", Title: b.l.Title + ": " + rep.OldName + " → " + rep.NewName, Language: lang, Date: date}
	return xlsx.WriteBook(w, props, xlsx.Deflate("xl/styles.xml", []byte(styles(rep.Scale))), sheets, func(i int, x *xlsx.SheetWriter) error {
		b.print(x)
		switch i {
		case sheetSummary:
			return b.summary(x)
		case sheetPeople:
			b.people(x)
		case sheetDistribution:
			b.distribution(x)
		case sheetRoles:
			b.groups(x, rep.Roles, true)
		case sheetDepartments:
			b.groups(x, rep.Departments, false)
		default:
			b.changes(x)
		}
		return nil
	})
}

func (b *book) summary(x *xlsx.SheetWriter) error {
	rep, l := b.rep, b.l
	x.Selected = true
	x.Widths = []float64{max(26, b.monthWidth()), 12, 16, 16, 16, 12}
	x.Text(1, 1, l.Title, sTitle)
	row := 3
	for _, kv := range [][2]string{{l.OldScheme, rep.OldName + " (" + rep.OldScheme + ")"}, {l.NewScheme, rep.NewName + " (" + rep.NewScheme + ")"}, {l.Currency, rep.Currency}} {
		x.Text(1, row, kv[0], sBold)
		x.Text(2, row, kv[1], 0)
		row++
	}
	row++
	b.head(x, row, l.Payroll, l.People+">", l.Old+">", l.New+">", l.Diff+">", l.Change+">")
	first := row + 1
	line := func(name string, t Total, bold bool) {
		row++
		m, sg, pc := sMoney, sSigned, sPercent
		if bold {
			m, sg, pc = sMoneyBold, sSignedBold, sPercentBold
			x.Text(1, row, name, sBold)
		} else {
			x.Text(1, row, name, 0)
		}
		x.Num(2, row, strconv.Itoa(t.People), 0)
		b.sums(x, 3, row, t.Amounts, m, sg, pc)
	}
	for _, m := range rep.Months {
		line(labelOf(m.Period, m.Facts), m, false)
	}
	if len(rep.Months) > 1 {
		line(l.AllMonths, rep.Total, true)
	}
	x.Rule(xlsx.CellName(5, first)+":"+xlsx.CellName(5, row), signRules()...)
	if rep.Total.OldOnly+rep.Total.NewOnly > 0 {
		row++
		x.Text(1, row, fmt.Sprintf("%s: %d; %s: %d", l.OnlyOld, rep.Total.OldOnly, l.OnlyNew, rep.Total.NewOnly), sNote)
	}
	for _, sec := range []struct {
		title string
		ms    []Mover
	}{{l.Gainers, rep.Gainers}, {l.Losers, rep.Losers}} {
		row += 2
		x.Text(1, row, fmt.Sprintf(l.Top, sec.title, rep.Top), sBold)
		if len(sec.ms) == 0 {
			row++
			x.Text(1, row, l.None, 0)
			continue
		}
		row++
		b.head(x, row, l.Name, l.ID, l.Old+">", l.New+">", l.Diff+">", l.Change+">")
		first := row + 1
		for _, m := range sec.ms {
			row++
			x.Text(1, row, m.Name, 0)
			x.Text(2, row, m.ID, 0)
			b.money(x, 3, row, m.Old, sMoney)
			b.money(x, 4, row, m.New, sMoney)
			b.money(x, 5, row, m.Diff, sSigned)
			b.pct(x, 6, row, m.Pct, sPercent)
		}
		x.Rule(xlsx.CellName(5, first)+":"+xlsx.CellName(5, row), signRules()...)
	}
	if row != b.summaryRows() {
		return fmt.Errorf("internal error, please report it: the summary ends at row %d, its charts are placed under row %d", row, b.summaryRows())
	}
	return nil
}

func (b *book) people(x *xlsx.SheetWriter) {
	rep, l := b.rep, b.l
	x.Widths = []float64{10, 24, 20, 16, b.monthWidth(), 14, 14, 14, 13, 12, 60}
	x.Pane = frozenHeader
	b.head(x, 1, l.ID, l.Name, l.Role, l.Department, l.Month, l.Old+">", l.New+">", l.Diff+">", l.Change+">", l.FailOver, l.Note)
	row := 1
	for i := range rep.Rows {
		r := &rep.Rows[i]
		row++
		x.Text(1, row, r.ID, 0)
		x.Text(colName, row, r.Name, 0)
		x.Text(3, row, r.RoleTitle, 0)
		x.Text(4, row, r.Department, 0)
		x.Text(5, row, labelOf(r.Period, r.Facts), 0)
		if r.Old != nil {
			b.money(x, colOld, row, r.Old.Total, sMoney)
		} else {
			x.Text(colOld, row, "-", sRight)
		}
		if r.New != nil {
			b.money(x, colNew, row, r.New.Total, sMoney)
		} else {
			x.Text(colNew, row, "-", sRight)
		}
		switch {
		case r.Both():
			b.money(x, 8, row, *r.Diff, sSigned)
			b.pct(x, 9, row, r.Pct, sPercent)
			if r.Over {
				x.Text(10, row, l.Over, 0)
			}
		case r.OldWhy != nil:
			x.Text(11, row, l.why(r.OldWhy, true, b.lang), 0)
		case r.NewWhy != nil:
			x.Text(11, row, l.why(r.NewWhy, false, b.lang), 0)
		}
	}
	last := max(row, 2)
	x.AutoFilter = "A1:" + xlsx.CellName(11, last)
	x.Rule(xlsx.CellName(8, 2)+":"+xlsx.CellName(8, last), signRules()...)
	x.Rule(xlsx.CellName(9, 2)+":"+xlsx.CellName(9, last), signRules()...)
}

// distribution writes the bins of the change (Distribution): a row per
// bin, a column per month, then the rows counted in no bin, and a note
// saying where a change on a bin's bound goes. The sheet's chart draws
// the bins' rows.
func (b *book) distribution(x *xlsx.SheetWriter) {
	rep, l, d := b.rep, b.l, b.dist
	x.Widths = []float64{max(14, float64(utf8.RuneCountInString(l.UndefinedRows))+2)}
	for range rep.Months {
		x.Widths = append(x.Widths, max(10, b.monthWidth()))
	}
	x.Pane = frozenHeader
	x.Text(1, 1, l.Bins, sHead)
	for mi := range rep.Months {
		x.Text(2+mi, 1, labelOf(rep.Months[mi].Period, rep.Months[mi].Facts), sHeadNum)
	}
	row := 1
	for _, bin := range d.Bins {
		row++
		x.Text(1, row, bin.Label(), 0)
		for mi, n := range bin.Counts {
			x.Num(2+mi, row, strconv.Itoa(n), 0)
			x.Want(2+mi, row, strconv.Itoa(n))
		}
	}
	row++
	for _, extra := range []struct {
		name   string
		counts []int
	}{{l.UndefinedRows, d.Undefined}, {l.OneSchemeRows, d.OneScheme}} {
		row++
		x.Text(1, row, extra.name, 0)
		for mi, n := range extra.counts {
			x.Num(2+mi, row, strconv.Itoa(n), 0)
		}
	}
	// Under the table and the chart (rows 2 to 20, to distributionRight),
	// as wide as both, wrapped.
	row = max(row+2, 22)
	x.Text(1, row, fmt.Sprintf(l.BinsNote, BinWidth, BinWidth, BinWidth, BinWidth), sNote)
	x.Merge(1, row, b.distributionRight(), row)
	x.Height(row, 36)
}

func (b *book) groups(x *xlsx.SheetWriter, gs []Group, roles bool) {
	l := b.l
	x.Widths = []float64{22, 24, 10, 16, 16, 16, 13}
	x.Pane = frozenHeader
	if roles {
		b.head(x, 1, l.Role, l.TitleCol, l.People+">", l.Old+">", l.New+">", l.Diff+">", l.Change+">")
	} else {
		b.head(x, 1, l.Department, "", l.People+">", l.Old+">", l.New+">", l.Diff+">", l.Change+">")
	}
	row := 1
	for _, g := range gs {
		row++
		if roles {
			x.Text(1, row, g.Key, 0)
			x.Text(colName, row, g.Title, 0)
		} else {
			x.Text(1, row, l.dept(g.Key), 0)
		}
		x.Num(3, row, strconv.Itoa(g.People), 0)
		b.sums(x, colGroupOld, row, g.Amounts, sMoney, sSigned, sPercent)
	}
	last := max(row, 2)
	x.AutoFilter = "A1:" + xlsx.CellName(7, last)
	x.Rule(xlsx.CellName(6, 2)+":"+xlsx.CellName(6, last), signRules()...)
}

func (b *book) changes(x *xlsx.SheetWriter) {
	rep, l := b.rep, b.l
	x.Widths = []float64{10, 24, b.monthWidth(), 18, 26, 12, 12, 12, 12, 14, 14, 14}
	x.Pane = frozenHeader
	b.head(x, 1, l.ID, l.Name, l.Month, l.KPI, l.TitleCol, l.OldWeighted+">", l.NewWeighted+">", l.OldLadder+">", l.NewLadder+">", l.OldShare+">", l.NewShare+">", l.Diff+">")
	row := 1
	for i := range rep.Rows {
		r := &rep.Rows[i]
		for _, k := range r.KPIs {
			row++
			x.Text(1, row, r.ID, 0)
			x.Text(2, row, r.Name, 0)
			x.Text(3, row, labelOf(r.Period, r.Facts), 0)
			x.Text(4, row, k.ID, 0)
			x.Text(5, row, k.Title, 0)
			// Cells in column order: weighted, ladder, share, old then new.
			for col, put := range []func(int, *KPIPart){
				func(c int, p *KPIPart) { b.ratio(x, c, row, p.Weighted) },
				func(c int, p *KPIPart) { b.ratio(x, c, row, p.Coefficient) },
				func(c int, p *KPIPart) { b.money(x, c, row, p.Share, sMoney) },
			} {
				for j, p := range []*KPIPart{k.Old, k.New} {
					c := 6 + 2*col + j
					if p == nil {
						if col != 1 {
							x.Text(c, row, l.NotIn, sRight)
						}
						continue
					}
					put(c, p)
				}
			}
			b.money(x, 12, row, share(k.New).Sub(share(k.Old)), sSigned)
		}
	}
	last := max(row, 2)
	x.AutoFilter = "A1:" + xlsx.CellName(12, last)
	x.Rule(xlsx.CellName(12, 2)+":"+xlsx.CellName(12, last), signRules()...)
	// The pay lines that changed, under the KPIs.
	row += 2
	x.Text(1, row, l.Lines, sBold)
	row++
	b.head(x, row, l.ID, l.Name, l.Month, l.Line, l.TitleCol, l.Old+">", l.New+">", "", "", "", "", l.Diff+">")
	first := row + 1
	for i := range rep.Rows {
		r := &rep.Rows[i]
		for _, ln := range r.Lines {
			row++
			x.Text(1, row, r.ID, 0)
			x.Text(2, row, r.Name, 0)
			x.Text(3, row, labelOf(r.Period, r.Facts), 0)
			x.Text(4, row, l.lineName(ln), 0)
			x.Text(5, row, ln.Title, 0)
			for j, d := range []*decimal.Decimal{ln.Old, ln.New} {
				if d == nil {
					x.Text(6+j, row, "-", sRight)
				} else {
					b.money(x, 6+j, row, *d, sMoney)
				}
			}
			b.money(x, 12, row, value(ln.New).Sub(value(ln.Old)), sSigned)
		}
	}
	if row >= first {
		x.Rule(xlsx.CellName(12, first)+":"+xlsx.CellName(12, row), signRules()...)
	}
}

// SaveWorkbook writes the workbook to path atomically: a temporary file in
// the same folder, read back (its bytes, and every sheet that holds
// amounts, in the zip's directory), then renamed. A failure leaves any
// earlier file at path untouched.
func SaveWorkbook(path string, rep *Report, lang string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("%s: a workbook is an .xlsx file: name it so", path)
	}
	var expect []xlsx.Expect
	var tally atomicfile.Tally
	return atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(io.MultiWriter(w, &tally), 1<<20)
		var err error
		if expect, err = WriteWorkbook(bw, rep, lang); err == nil {
			err = bw.Flush()
		}
		return err
	}, func(f *os.File) error {
		return tally.ReadsBack(f, func(back io.ReaderAt) error {
			want := map[string]bool{}
			for _, x := range expect {
				want[x.Part] = false
			}
			if err := xlsx.ZipNames(back, tally.Size(), func(name []byte) {
				if _, ok := want[string(name)]; ok {
					want[string(name)] = true
				}
			}); err != nil {
				return fmt.Errorf("does not open as a workbook: %v", err)
			}
			for _, x := range expect {
				if !want[x.Part] {
					return fmt.Errorf("the workbook has no sheet %q", x.Sheet)
				}
			}
			return nil
		})
	})
}
