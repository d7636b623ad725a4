package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// ReportInfo says where a report's inputs came from, for its audit sheet.
type ReportInfo struct {
	Lang                      string // "en" or "ru"
	Version                   string // premia's version
	SchemeFile, FactsFile     string
	SchemeSHA256, FactsSHA256 string
}

// Part selects what one workbook holds: the summary sheet, and a detail sheet
// for each of Details. The audit sheet is always there.
type Part struct {
	Summary bool
	Details []*calc.EmployeeResult
}

type reportWriter struct {
	s      *plan.Scheme
	res    *calc.Result
	l      labels
	names  map[string]string // employee id → sheet name
	mods   []string          // modifier ids, in the summary's column order
	comps  []string          // component ids, likewise
	titles map[string]string // modifier or component id → its title
	// employees is how many people the run paid, for the audit sheet:
	// len(res.Employees), or, for a workbook written while the pay is
	// computed, the number of ids.
	employees int
	lang      string // of the explanation (i18n)
	// bandRules colour an employee sheet's KPI matrix, made once.
	bandRules []string
	// places are the words an explanation's sources are shown with, and
	// files by their base names: the workbook goes to the employee.
	places calc.PlaceWords
	// audit1, if not nil, is the audit sheet built once for a set of
	// workbooks of one employee each (sheet 2 of each, see SaveSplitStream).
	audit1 *xlsx.Built
}

func newReportWriter(s *plan.Scheme, res *calc.Result, lang string) *reportWriter {
	rw := &reportWriter{s: s, res: res, l: labelsFor(lang), titles: map[string]string{}, employees: len(res.Employees), lang: lang}
	rw.bandRules = bandRules(rw.l, 13, detailHeaderRow+1)
	rw.places = i18n.Places(lang)
	rw.places.FileBase = true
	if s != nil {
		rw.mods, rw.comps = s.ModifierIDs(), s.ComponentIDs()
		for _, r := range s.Roles {
			for _, m := range r.Modifiers {
				if _, ok := rw.titles[m.ID]; !ok && m.Title != "" {
					rw.titles[m.ID] = m.Title
				}
			}
			for _, c := range r.Components {
				if _, ok := rw.titles[c.ID]; !ok && c.Title != "" {
					rw.titles[c.ID] = c.Title
				}
			}
		}
	}
	return rw
}

// WriteReport writes the pay report workbook for res and returns the amounts
// that a reopened copy must give back (see xlsx.Check). Every number is a
// numeric cell holding the engine's decimal text; nothing depends on the
// clock. Sheets are built and compressed on every core.
func WriteReport(w io.Writer, s *plan.Scheme, res *calc.Result, info ReportInfo, part Part) (expect []xlsx.Expect, err error) {
	return newReportWriter(s, res, info.Lang).write(w, info, part)
}

// write writes the part of the report that rw's result gives.
func (rw *reportWriter) write(w io.Writer, info ReportInfo, part Part) (expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the report failed: %v", p)
		}
	}()
	res := rw.res
	ids := make([]string, len(part.Details))
	for i, e := range part.Details {
		ids[i] = e.ID
	}
	rw.names = xlsx.SheetNames(ids, []string{rw.l.Summary, rw.l.Audit})
	var sheets []xlsx.BookSheet
	if part.Summary {
		sh := xlsx.BookSheet{Name: rw.l.Summary, TitleRow: 1}
		if n := len(res.Employees); n > 0 {
			sh.Filter = "A1:" + xlsx.CellName(rw.summaryColumns(), n+1)
		}
		sheets = append(sheets, sh)
	}
	for _, e := range part.Details {
		sheets = append(sheets, xlsx.BookSheet{Name: rw.names[e.ID]})
	}
	sheets = append(sheets, xlsx.BookSheet{Name: rw.l.Audit, Built: rw.audit1})
	first := 0
	if part.Summary {
		first = 1
	}
	build := func(i int, x *xlsx.SheetWriter) error {
		x.Selected = i == 0
		switch {
		case part.Summary && i == 0:
			rw.summary(x)
		case i == len(sheets)-1:
			rw.audit(x, info)
		default:
			e := part.Details[i-first]
			if err := rw.detail(x, e); err != nil {
				return fmt.Errorf("sheet for %s: %w", e.ID, err)
			}
		}
		return nil
	}
	return xlsx.WriteBook(w, rw.props(info), stylesPart(res.Scale), sheets, build)
}

// periodDate is the date a workbook of the period is dated by: the
// period's first day (no clock goes into a file), or 2000-01-01 when the
// period is not known.
func periodDate(text string) string {
	if p, err := period.Parse(text); err == nil {
		return p.First().Format("2006-01-02") + "T00:00:00Z"
	}
	return "2000-01-01T00:00:00Z"
}

func (rw *reportWriter) props(info ReportInfo) xlsx.Props {
	date := periodDate(rw.res.Period)
	title := rw.l.ReportTitle + " · " + rw.res.Scheme
	if rw.res.Period != "" {
		title += " · " + rw.res.Period
	}
	return xlsx.Props{Creator: "premia " + info.Version, Title: title, Subject: rw.res.Title, Language: info.Lang, Date: date}
}

func putNum(x *xlsx.SheetWriter, col, row int, d decimal.Decimal, style int) {
	var buf [32]byte
	x.NumBytes(col, row, calc.AppendText(buf[:0], d), style)
}

// putMoney writes an amount and records it for the self-check.
func putMoney(x *xlsx.SheetWriter, col, row int, d decimal.Decimal, style int) {
	v := calc.Text(d)
	x.Num(col, row, v, style)
	x.Want(col, row, v)
}

func putRatio(x *xlsx.SheetWriter, col, row int, q *calc.Q, style int) {
	if q != nil {
		var buf [32]byte
		x.NumBytes(col, row, q.AppendShown(buf[:0]), style)
	}
}

// printSetup: A4 landscape, fit to one page wide, title and period in the
// header, sheet name and page number in the footer.
func (rw *reportWriter) printSetup(x *xlsx.SheetWriter) {
	x.FitToPage, x.Landscape = true, true
	x.Header = "&L" + escapeHF(rw.res.Title) + "&R" + escapeHF(rw.res.Period)
	x.Footer = "&L&A&R" + rw.l.Page
}

func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// modKind is what modifier id's column of the summary holds: a factor
// the bonus was multiplied by, or an amount deducted from it.
func (rw *reportWriter) modKind(id string) string {
	for _, r := range rw.s.Roles {
		for _, m := range r.Modifiers {
			if m.ID == id && m.Type == plan.ModifierOverdue {
				return rw.l.Deduction
			}
		}
	}
	return rw.l.Factor
}

// roleTitle is role id's title, or the id where the scheme gives none.
func (rw *reportWriter) roleTitle(id string) string {
	if rw.s == nil {
		return id
	}
	return rw.s.RoleTitle(id)
}

// widthFor is a column's width in characters for texts: the longest and 2
// to spare, between least and most.
func widthFor(least, most int, texts ...string) float64 {
	w := least
	for _, t := range texts {
		w = max(w, min(utf8.RuneCountInString(t)+2, most))
	}
	return float64(w)
}

// summaryColumns is the number of columns of the summary sheet.
func (rw *reportWriter) summaryColumns() int { return 10 + len(rw.mods) + len(rw.comps) }

// summary writes the summary sheet of rw.res's employees whole.
func (rw *reportWriter) summary(x *xlsx.SheetWriter) {
	sum := rw.summaryHead(x, len(rw.res.Employees))
	for _, e := range rw.res.Employees {
		sum.row(x, e)
	}
	sum.totals(x, rw.res)
}

// summaryRows writes the summary sheet a row at a time: summaryHead, a
// row per employee in order, then totals. It keeps the sums of each
// component column.
type summaryRows struct {
	rw                                *reportWriter
	n, at                             int // employees, the last row written
	colK, colCoef, colBonus, colTotal int
	compSums                          []decimal.Decimal
}

// summaryHead writes the header row and sets the layout of a summary of n
// employees: widths, frozen header, filter, conditional formats, print.
func (rw *reportWriter) summaryHead(x *xlsx.SheetWriter, n int) *summaryRows {
	l := rw.l
	head := []string{l.ID, l.Name, l.Role, l.Department, l.Fixed, l.Variable, l.K, l.Coefficient}
	for _, m := range rw.mods {
		head = append(head, rw.title(m)+" ("+rw.modKind(m)+")")
	}
	head = append(head, l.Bonus)
	for _, c := range rw.comps {
		head = append(head, rw.title(c))
	}
	head = append(head, l.Total)
	sum := &summaryRows{rw: rw, n: n, at: 1, colK: 7, colCoef: 8, colBonus: 9 + len(rw.mods), colTotal: len(head), compSums: make([]decimal.Decimal, len(rw.comps))}
	// The role column is as wide as the longest role title (the column
	// shows titles), between 14 and 40 characters.
	var titles []string
	for _, r := range rw.s.Roles {
		titles = append(titles, rw.roleTitle(r.ID))
	}
	x.Widths = []float64{12, 28, widthFor(14, 40, titles...), 14}
	for c := 5; c <= sum.colTotal; c++ {
		x.Widths = append(x.Widths, 14)
	}
	// The header row is as tall as its longest heading wraps to: a
	// component's or modifier's title may take several lines.
	lines := 2
	for i, h := range head {
		x.Text(i+1, 1, h, headStyle(i+1 > 4)) // from Fixed on, amounts
		lines = max(lines, wrappedLines(h, int(x.Widths[i])-1))
	}
	x.Height(1, min(15*lines, maxRowHeight))
	x.Dimension = "A1:" + xlsx.CellName(sum.colTotal, n+2)
	x.Pane = `<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="C2" sqref="C2"/>`
	if last := n + 1; last >= 2 {
		x.AutoFilter = "A1:" + xlsx.CellName(sum.colTotal, last)
		// K and the coefficient on fixed points, not on the month's lowest
		// and highest person: 0 (at or below base) red, 1 (the norm) white,
		// the target's K green (calc.TargetK).
		target := calc.Text(calc.TargetK(rw.s).Shown())
		for _, col := range []int{sum.colK, sum.colCoef} {
			x.Rule(xlsx.CellName(col, 2)+":"+xlsx.CellName(col, last), `<cfRule type="colorScale"><colorScale>`+
				`<cfvo type="num" val="0"/><cfvo type="num" val="1"/><cfvo type="num" val="`+target+`"/>`+
				`<color rgb="FFF8696B"/><color rgb="FFFFFFFF"/><color rgb="FF63BE7B"/></colorScale></cfRule>`)
		}
		x.Rule(xlsx.CellName(sum.colTotal, 2)+":"+xlsx.CellName(sum.colTotal, last), `<cfRule type="dataBar"><dataBar>`+
			`<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule>`)
	}
	rw.printSetup(x)
	return sum
}

// row writes employee e's row, the next one.
func (sum *summaryRows) row(x *xlsx.SheetWriter, e *calc.EmployeeResult) {
	sum.at++
	row := sum.at
	for i, v := range []string{e.ID, e.Name, sum.rw.roleTitle(e.Role), e.Department} {
		x.Text(i+1, row, v, 0)
	}
	putMoney(x, 5, row, e.Fixed, styleMoney)
	if e.HasBonus {
		putMoney(x, 6, row, e.Variable, styleMoney)
		putRatio(x, sum.colK, row, e.K, styleRatio)
		putRatio(x, sum.colCoef, row, &e.Coefficient, styleRatio)
	}
	for i, id := range sum.rw.mods {
		for _, m := range e.Modifiers {
			if m.ID != id {
				continue
			}
			switch {
			case m.Factor != nil:
				putRatio(x, 9+i, row, m.Factor, styleRatio)
			case m.Deduction != nil:
				putMoney(x, 9+i, row, m.Deduction.Neg(), styleMoney)
			}
		}
	}
	putMoney(x, sum.colBonus, row, e.Bonus, styleMoney)
	for i, id := range sum.rw.comps {
		for _, c := range e.Components {
			if c.ID == id {
				putMoney(x, sum.colBonus+1+i, row, c.Amount, styleMoney)
				sum.compSums[i] = sum.compSums[i].Add(c.Amount)
			}
		}
	}
	putMoney(x, sum.colTotal, row, e.Total, styleMoney)
}

// totals writes the totals row from res's sums, after every employee's row.
func (sum *summaryRows) totals(x *xlsx.SheetWriter, res *calc.Result) {
	l := sum.rw.l
	if sum.at != sum.n+1 {
		panic(fmt.Sprintf("the summary has %d rows of employees, not %d", sum.at-1, sum.n))
	}
	row := sum.at + 1
	x.Text(1, row, l.Totals, styleBold)
	x.Text(2, row, l.employees(res.Count), styleBold)
	putMoney(x, 5, row, res.Fixed, styleMoneyBold)
	putMoney(x, sum.colBonus, row, res.Bonus, styleMoneyBold)
	for i := range sum.rw.comps {
		putMoney(x, sum.colBonus+1+i, row, sum.compSums[i], styleMoneyBold)
	}
	putMoney(x, sum.colTotal, row, res.Total, styleMoneyBold)
}

// title is the scheme's title for a modifier or component id, or the id.
func (rw *reportWriter) title(id string) string {
	if t, ok := rw.titles[id]; ok {
		return t
	}
	return id
}

// bandRules are the conditional formats that colour the fulfilment and
// index cells of a KPI matrix by the band calc gave each KPI, written as a
// word in column bandCol from row from on: red below the base or voided by
// a gate, amber between base and norm, green at the norm or better
// (docs/calculation.md, colour bands). The rule reads the band, not the
// numbers: the colours and the JSON's band are one decision, made once, by
// calc. They are the same on every employee sheet, so made once.
func bandRules(l labels, bandCol, from int) []string {
	ref := "$" + xlsx.CellName(bandCol, from)
	rule := func(dxf int, band string) string {
		return fmt.Sprintf(`<cfRule type="expression" dxfId="%d"><formula>%s</formula></cfRule>`, dxf,
			xlsx.EscapeXML(fmt.Sprintf(`%s="%s"`, ref, strings.ReplaceAll(l.Bands[band], `"`, `""`))))
	}
	return []string{rule(dxfRed, calc.BandBelowBase), rule(dxfRed, calc.BandVoided),
		rule(dxfAmber, calc.BandBaseNorm), rule(dxfGreen, calc.BandAtNorm)}
}

// detailHeaderRow is the row of the KPI matrix's header on an employee sheet.
const detailHeaderRow = 4

func (rw *reportWriter) detail(x *xlsx.SheetWriter, e *calc.EmployeeResult) error {
	l := rw.l
	role := rw.roleTitle(e.Role)
	x.Text(1, 1, fmt.Sprintf("%s · %s", e.Name, e.ID), styleTitle)
	sub := []string{role}
	if e.Department != "" {
		sub = append(sub, e.Department)
	}
	if rw.res.Period != "" {
		sub = append(sub, l.Period+" "+rw.res.Period)
	}
	x.Text(1, 2, strings.Join(sub, " · "), 0)
	// The KPI matrix.
	const hr = detailHeaderRow
	x.Height(hr, 30)
	head := []string{l.KPI, l.Title, l.Unit, l.Weight, l.Base, l.Norm, l.Target, l.Fact, l.Fulfilment, l.Index, l.Weighted, l.LadderCoef, l.Band}
	// The money at stake per KPI, after the band: for a role that forms a
	// bonus (docs/calculation.md §3.10).
	stakes := hasStakes(e.KPIs)
	if stakes {
		head = append(head, l.StakeNorm, l.StakeTarget)
	}
	for i, h := range head {
		x.Text(i+1, hr, h, headStyle(i+1 >= 4 && i+1 <= 12 || i+1 >= 14)) // Weight to Ladder coef. and the stakes hold numbers
	}
	row := hr
	for _, k := range e.KPIs {
		row++
		x.Text(1, row, k.ID, 0)
		title := k.Title
		if title == "" {
			title = k.ID
		}
		x.Text(2, row, title, 0)
		x.Text(3, row, k.Unit, 0)
		if k.Weight != nil {
			putNum(x, 4, row, *k.Weight, styleWeight)
		}
		for i, q := range []*calc.Q{k.Base, k.Norm, k.Target} {
			putRatio(x, 5+i, row, q, styleNum)
		}
		putNum(x, 8, row, k.Fact, styleNum)
		// Fulfilment is fact / norm, a percentage; index, weighted index
		// and coefficient are ratios, shown as K is.
		for i, q := range []*calc.Q{k.Fulfilment, k.Index, k.Weighted, k.Coefficient} {
			style := styleRatio
			if i == 0 {
				style = stylePercent
			}
			putRatio(x, 9+i, row, q, style)
		}
		x.Text(13, row, l.Bands[k.Band], 0)
		if k.Stake != nil {
			l.stakeCell(x, 14, row, k.Stake.Norm)
			l.stakeCell(x, 15, row, k.Stake.Target)
		}
	}
	if row > hr {
		x.Rule(xlsx.CellName(9, hr+1)+":"+xlsx.CellName(10, row), rw.bandRules...)
	}
	for _, note := range l.stakeGates(e.KPIs) {
		row++
		paragraph(x, row, []byte(note), styleNote)
	}
	// Pay: label in A, amount in D.
	row += 2
	x.Text(1, row, l.Pay, styleSection)
	line := func(label string, style int) int {
		row++
		x.Text(1, row, label, style)
		return row
	}
	if e.Proration != nil {
		putRatio(x, 4, line(l.Proration, 0), e.Proration, styleRatio)
	}
	putMoney(x, 4, line(l.Fixed, 0), e.Fixed, styleMoney)
	if e.HasBonus {
		putMoney(x, 4, line(l.Variable, 0), e.Variable, styleMoney)
		if e.K != nil {
			putRatio(x, 4, line(l.K+" = Σ "+strings.ToLower(l.Weight)+" × "+strings.ToLower(l.Index), 0), e.K, styleRatio)
		}
		putRatio(x, 4, line(l.Coefficient, 0), &e.Coefficient, styleRatio)
		for _, m := range e.Modifiers {
			title := m.ID
			if m.Title != "" {
				title = m.Title
			}
			switch {
			case m.Factor != nil:
				putRatio(x, 4, line(title+" ("+l.Factor+")", 0), m.Factor, styleRatio)
			case m.Deduction != nil:
				putMoney(x, 4, line(title+" ("+l.Deduction+")", 0), m.Deduction.Neg(), styleMoney)
			default:
				line(title+": "+l.NotApplied, 0)
			}
		}
		putMoney(x, 4, line(l.Bonus, 0), e.Bonus, styleMoney)
	}
	for _, c := range e.Components {
		title := c.ID
		if c.Title != "" {
			title = c.Title
		}
		putMoney(x, 4, line(title, 0), c.Amount, styleMoney)
	}
	putMoney(x, 4, line(l.Total, styleBold), e.Total, styleMoneyBold)
	// The explanation, the same steps as `premia explain`.
	row += 2
	x.Text(1, row, l.Explanation, styleSection)
	text := make([]byte, 0, 256)
	for i, step := range e.Steps {
		row++
		text = strconv.AppendInt(text[:0], int64(i+1), 10)
		text = append(text, ". "...)
		paragraph(x, row, i18n.Append(text, step.Phrase, rw.lang), styleWrap)
		if len(step.Sources) > 0 {
			row++
			text = append(append(append(text[:0], "    "...), l.From...), ": "...)
			paragraph(x, row, calc.AppendPlaces(text, step.Sources, "; ", rw.places), styleNote)
		}
	}
	x.Widths = []float64{16, 30, 10, 14, 12, 12, 12, 12, 12, 11, 11, 12, 16}
	if stakes {
		w := l.stakeWidth(e.KPIs, false)
		x.Widths = append(x.Widths, w, w)
	}
	rw.printSetup(x)
	return nil
}

func (rw *reportWriter) audit(x *xlsx.SheetWriter, info ReportInfo) {
	l := rw.l
	rows := [][2]string{
		{l.Scheme, rw.res.Scheme},
		{l.SchemeFormat, "1"},
		{l.Title, rw.res.Title},
		{l.Period, rw.res.Period},
		{l.Currency, rw.res.Currency},
		{l.Rounding, fmt.Sprintf("%s %s", rw.res.Step.String(), rw.res.Mode)},
		{l.SchemeFile, info.SchemeFile},
		{l.SchemeSHA, info.SchemeSHA256},
		{l.FactsFile, info.FactsFile},
		{l.FactsSHA, info.FactsSHA256},
		{l.Version, info.Version},
	}
	// Beside the labels, columns D to I: the subtotals by department, when
	// there is more than one (calc.Result.Departments). Cells go row by row.
	var dept func(row int)
	if rw.res.HasDepartments() {
		dept = rw.departments(x)
	}
	n := len(rows) + 1
	last := n
	if dept != nil {
		last = max(last, len(rw.res.Departments)+2)
	}
	for row := 1; row <= last; row++ {
		switch {
		case row < n:
			x.Text(1, row, rows[row-1][0], styleBold)
			if v := rows[row-1][1]; v != "" {
				x.Text(2, row, v, 0)
			}
		case row == n:
			x.Text(1, n, l.Generated, styleBold)
			x.Num(2, n, fmt.Sprint(rw.employees), styleLeft) // beside its label, as the texts above it
		}
		if dept != nil {
			dept(row)
		}
	}
	x.Widths = []float64{24, 70}
	if dept != nil {
		x.Widths = append(x.Widths, 3, 24, 14, 14, 14, 14, 14)
	}
	rw.printSetup(x)
}

// departments returns the writer of row row of the subtotals by
// department, columns D to I: the heading, a department per row, then the
// totals.
func (rw *reportWriter) departments(x *xlsx.SheetWriter) func(row int) {
	l, res := rw.l, rw.res
	line := func(row int, name string, count int, fixed, bonus, comps, total decimal.Decimal, text, money int) {
		x.Text(4, row, name, text)
		x.Num(5, row, fmt.Sprint(count), text)
		for i, v := range []decimal.Decimal{fixed, bonus, comps, total} {
			putMoney(x, 6+i, row, v, money)
		}
	}
	return func(row int) {
		i := row - 2
		switch {
		case row == 1:
			for i, h := range []string{l.Department, l.Generated, l.Fixed, l.Bonus, l.Components, l.Total} {
				x.Text(4+i, 1, h, headStyle(i > 0))
			}
		case i < len(res.Departments):
			d := res.Departments[i]
			name := d.Department
			if name == "" {
				name = l.NoDepartment
			}
			line(row, name, d.Count, d.Fixed, d.Bonus, d.Components, d.Total, 0, styleMoney)
		case i == len(res.Departments):
			line(row, l.Totals, res.Count, res.Fixed, res.Bonus, res.Components, res.Total, styleBold, styleMoneyBold)
		}
	}
}

// paragraphWidth is how many characters fit across columns A:L of an
// employee sheet, for wrapping the explanation.
const paragraphWidth = 150

// wrappedLines is how many lines text takes wrapped at word breaks in a
// column of perLine characters, as a spreadsheet wraps a cell: a word that
// does not fit on the line goes to the next, and a word longer than a line
// is broken.
func wrappedLines(text string, perLine int) int {
	perLine = max(perLine, 1)
	lines, used := 1, 0
	for _, w := range strings.Fields(text) {
		n := utf8.RuneCountInString(w)
		switch {
		case used == 0:
		case used+1+n <= perLine:
			used += 1 + n
			continue
		default:
			lines++
		}
		lines += (n - 1) / perLine // a word longer than the line breaks
		used = (n-1)%perLine + 1
	}
	return lines
}

// maxRowHeight is Excel's limit on a row's height, in points.
const maxRowHeight = 409

// paragraph writes a line of the explanation across A:L, wrapped, with the
// row tall enough for it: printed on A4, it stays readable instead of
// shrinking the page to the longest line.
func paragraph(x *xlsx.SheetWriter, row int, text []byte, style int) {
	if len(text) > paragraphWidth { // fewer runes than bytes: counted only when it may wrap
		if lines := (utf8.RuneCount(text) + paragraphWidth - 1) / paragraphWidth; lines > 1 {
			x.Height(row, min(15*lines, maxRowHeight))
		}
	}
	x.TextBytes(1, row, text, style)
	x.Merge(1, row, 12, row)
}

// StreamReport writes the pay report while the pay is computed. run is
// calc.Stream bound to its inputs, ids is calc.Order of them. Each
// employee's sheet is built, checked and compressed on the core that
// computed the employee, the employee's KPI matrix and explanation are then
// dropped from the result, and sheets are written in order, each
// employee's summary row with it (the summary is compressed as it grows,
// xlsx.SheetStream); the summary and audit sheets close the workbook. With
// run's calc.Options.Forget, memory holds a window of employees, not
// everyone's results. It returns run's result, with the KPIs and Steps of
// every employee dropped.
// A failed run leaves w holding an unfinished workbook: write to a
// temporary file (SaveReportStream does).
func StreamReport(w io.Writer, s *plan.Scheme, ids []string, period string, info ReportInfo,
	run func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error)) (res *calc.Result, expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the report failed: %v", p)
		}
	}()
	// Until run returns, the sheets see the result's heading only.
	head := calc.Heading(s, period)
	rw := newReportWriter(s, head, info.Lang)
	rw.names = xlsx.SheetNames(ids, []string{rw.l.Summary, rw.l.Audit})
	n := len(ids)
	sheets := []xlsx.BookSheet{{Name: rw.l.Summary, TitleRow: 1}}
	if n > 0 {
		sheets[0].Filter = "A1:" + xlsx.CellName(rw.summaryColumns(), n+1)
	}
	for _, id := range ids {
		sheets = append(sheets, xlsx.BookSheet{Name: rw.names[id]})
	}
	sheets = append(sheets, xlsx.BookSheet{Name: rw.l.Audit, Built: rw.audit1})
	bw, err := xlsx.NewBook(w, rw.props(info), stylesPart(head.Scale), sheets)
	if err != nil {
		return nil, nil, err
	}
	type built struct {
		e *calc.EmployeeResult // for the summary row
		xlsx.Built
	}
	// The summary is streamed too: a row per employee as their sheet is
	// written, compressed every summaryFlush rows.
	const summaryFlush = 512
	ss := xlsx.NewSheetStream(0, sheets[0].Name)
	ss.X.Selected = true
	sum := rw.summaryHead(&ss.X, n)
	// Sheets go into the zip in employee order, whatever order the cores
	// finish them in, so that equal inputs give equal bytes.
	var werr error // the first error writing; set under InOrder's lock
	write, written := calc.InOrder(func(i int, b built) {
		if werr == nil {
			werr = bw.Put(i+1, b.Built)
		}
		if werr == nil {
			sum.row(&ss.X, b.e)
			if (i+1)%summaryFlush == 0 {
				werr = ss.Flush()
			}
		}
	})
	// The cores hand their sheets to one writer and go on computing: a core
	// that waited for the zip while another wrote a run of sheets in order
	// would stand idle.
	type sheetAt struct {
		i int
		b built
	}
	queue := make(chan sheetAt, 256)
	closeQueue := sync.OnceFunc(func() { close(queue) })
	defer closeQueue() // also when run panics: the writer ends
	writer := make(chan struct{})
	go func() {
		defer close(writer)
		defer func() {
			if p := recover(); p != nil && werr == nil {
				werr = fmt.Errorf("writing the report failed: %v", p)
			}
			for range queue { // what is left after a failure
			}
		}()
		for s := range queue {
			write(s.i, s.b)
		}
	}()
	var failed atomic.Value // the first error building a sheet
	emit := func(i int, e *calc.EmployeeResult) {
		if failed.Load() != nil {
			return
		}
		b := xlsx.NewBuilder()
		out := b.Build(i+1, sheets[i+1].Name, func(x *xlsx.SheetWriter) error { return rw.detail(x, e) })
		b.Release()
		if out.Err != nil {
			failed.CompareAndSwap(nil, fmt.Errorf("sheet for %s: %w", e.ID, out.Err))
			return
		}
		e.KPIs, e.Steps = nil, nil
		queue <- sheetAt{i, built{e, out}}
	}
	res, err = run(emit)
	closeQueue()
	<-writer
	if err != nil {
		return nil, nil, err
	}
	if f := failed.Load(); f != nil {
		return nil, nil, f.(error)
	}
	if werr != nil {
		return nil, nil, werr
	}
	if k := written(); k != n {
		return nil, nil, fmt.Errorf("%d of %d employee sheets were built", k, n)
	}
	rw.res, rw.employees = res, res.Count
	sum.totals(&ss.X, res)
	if err := bw.Put(0, ss.Close()); err != nil {
		return nil, nil, err
	}
	b := xlsx.NewBuilder()
	defer b.Release()
	audit := b.Build(n+1, sheets[n+1].Name, func(x *xlsx.SheetWriter) error {
		rw.audit(x, info)
		return nil
	})
	if err := bw.Put(n+1, audit); err != nil {
		return nil, nil, err
	}
	expect, err = bw.Close()
	if err != nil {
		return nil, nil, err
	}
	return res, expect, nil
}

// summaryBook writes a workbook of two sheets: the summary, streamed and
// built (summaryHead, rows, totals, Close), and the audit.
func (rw *reportWriter) summaryBook(w io.Writer, info ReportInfo, summary xlsx.Built) ([]xlsx.Expect, error) {
	sheets := []xlsx.BookSheet{{Name: rw.l.Summary, TitleRow: 1}, {Name: rw.l.Audit}}
	if n := rw.employees; n > 0 {
		sheets[0].Filter = "A1:" + xlsx.CellName(rw.summaryColumns(), n+1)
	}
	bw, err := xlsx.NewBook(w, rw.props(info), stylesPart(rw.res.Scale), sheets)
	if err != nil {
		return nil, err
	}
	if err := bw.Put(0, summary); err != nil {
		return nil, err
	}
	b := xlsx.NewBuilder()
	defer b.Release()
	if err := bw.Put(1, b.Build(1, sheets[1].Name, func(x *xlsx.SheetWriter) error {
		rw.audit(x, info)
		return nil
	})); err != nil {
		return nil, err
	}
	return bw.Close()
}
