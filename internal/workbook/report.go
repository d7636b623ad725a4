package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
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

// Expect is what one sheet of a written workbook must give back when
// reopened: each line of Cells is a cell reference and the number the cell
// must hold, "D11 40000".
type Expect struct {
	Sheet, Cells string
}

// ratioPlaces is how many decimals a ratio cell stores; the exact value is
// kept by the engine, the cell holds it rounded half-up to this many places.
const ratioPlaces = 10

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
}

func newReportWriter(s *plan.Scheme, res *calc.Result, lang string) *reportWriter {
	rw := &reportWriter{s: s, res: res, l: labelsFor(lang), titles: map[string]string{}, employees: len(res.Employees)}
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
// that a reopened copy must give back (see CheckReport). Every number is a
// numeric cell holding the engine's decimal text; nothing depends on the
// clock. Sheets are built and compressed on every core.
func WriteReport(w io.Writer, s *plan.Scheme, res *calc.Result, info ReportInfo, part Part) (expect []Expect, err error) {
	return newReportWriter(s, res, info.Lang).write(w, info, part)
}

// write writes the part of the report that rw's result gives.
func (rw *reportWriter) write(w io.Writer, info ReportInfo, part Part) (expect []Expect, err error) {
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
	rw.names = SheetNames(ids, []string{rw.l.Summary, rw.l.Audit})
	var sheets []bookSheet
	if part.Summary {
		sh := bookSheet{name: rw.l.Summary, titleRow: 1}
		if n := len(res.Employees); n > 0 {
			sh.filter = "A1:" + cellRef(rw.summaryColumns(), n+1)
		}
		sheets = append(sheets, sh)
	}
	for _, e := range part.Details {
		sheets = append(sheets, bookSheet{name: rw.names[e.ID], titleRow: detailHeaderRow})
	}
	sheets = append(sheets, bookSheet{name: rw.l.Audit})
	first := 0
	if part.Summary {
		first = 1
	}
	build := func(i int, x *xsheet) error {
		x.selected = i == 0
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
	return writeWorkbook(w, rw.props(info), res.Scale, sheets, build)
}

func (rw *reportWriter) props(info ReportInfo) bookProps {
	date := "2000-01-01T00:00:00Z"
	if len(rw.res.Period) == 7 {
		date = rw.res.Period + "-01T00:00:00Z"
	}
	title := rw.l.ReportTitle + " · " + rw.res.Scheme
	if rw.res.Period != "" {
		title += " · " + rw.res.Period
	}
	return bookProps{creator: "premia " + info.Version, title: title, subject: rw.res.Title, language: info.Lang, date: date}
}

func putNum(x *xsheet, col, row int, d decimal.Decimal, style int) {
	x.num(col, row, d.String(), style)
}

// putMoney writes an amount and records it for the self-check.
func putMoney(x *xsheet, col, row int, d decimal.Decimal, style int) {
	v := d.String()
	x.num(col, row, v, style)
	x.want(col, row, v)
}

func putRatio(x *xsheet, col, row int, q *calc.Q, style int) {
	if q != nil {
		x.num(col, row, q.Approx(ratioPlaces).String(), style)
	}
}

// printSetup: A4 landscape, fit to one page wide, title and period in the
// header, sheet name and page number in the footer.
func (rw *reportWriter) printSetup(x *xsheet) {
	x.fitToPage, x.landscape = true, true
	x.header = "&L" + escapeHF(rw.res.Title) + "&R" + escapeHF(rw.res.Period)
	x.footer = "&L&A&R" + rw.l.Page
}

func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// summaryColumns is the number of columns of the summary sheet.
func (rw *reportWriter) summaryColumns() int { return 10 + len(rw.mods) + len(rw.comps) }

func (rw *reportWriter) summary(x *xsheet) {
	l := rw.l
	head := []string{l.ID, l.Name, l.Role, l.Department, l.Fixed, l.Variable, l.K, l.Coefficient}
	for _, m := range rw.mods {
		head = append(head, rw.title(m))
	}
	head = append(head, l.Bonus)
	for _, c := range rw.comps {
		head = append(head, rw.title(c))
	}
	head = append(head, l.Total)
	colK, colCoef := 7, 8
	colBonus := 9 + len(rw.mods)
	colTotal := len(head)
	x.height(1, 30)
	for i, h := range head {
		x.text(i+1, 1, h, styleHead)
	}
	row := 1
	compSums := make([]decimal.Decimal, len(rw.comps))
	for _, e := range rw.res.Employees {
		row++
		for i, v := range []string{e.ID, e.Name, e.Role, e.Department} {
			x.text(i+1, row, v, 0)
		}
		putMoney(x, 5, row, e.Fixed, styleMoney)
		if e.HasBonus {
			putMoney(x, 6, row, e.Variable, styleMoney)
			putRatio(x, colK, row, e.K, styleRatio)
			putRatio(x, colCoef, row, &e.Coefficient, styleRatio)
		}
		for i, id := range rw.mods {
			for _, m := range e.Modifiers {
				if m.ID != id {
					continue
				}
				switch {
				case m.Factor != nil:
					putRatio(x, 9+i, row, m.Factor, styleRatio)
				case m.Deduction != nil:
					d := m.Deduction.Neg()
					putRatio(x, 9+i, row, &d, styleMoney)
				}
			}
		}
		putMoney(x, colBonus, row, e.Bonus, styleMoney)
		for i, id := range rw.comps {
			for _, c := range e.Components {
				if c.ID == id {
					putMoney(x, colBonus+1+i, row, c.Amount, styleMoney)
					compSums[i] = compSums[i].Add(c.Amount)
				}
			}
		}
		putMoney(x, colTotal, row, e.Total, styleMoney)
	}
	last := row
	row++
	x.text(1, row, l.Totals, styleBold)
	x.text(2, row, fmt.Sprintf("%d %s", len(rw.res.Employees), l.Employees), styleBold)
	putMoney(x, 5, row, rw.res.Fixed, styleMoneyBold)
	putMoney(x, colBonus, row, rw.res.Bonus, styleMoneyBold)
	for i := range rw.comps {
		putMoney(x, colBonus+1+i, row, compSums[i], styleMoneyBold)
	}
	putMoney(x, colTotal, row, rw.res.Total, styleMoneyBold)
	// Layout: widths, frozen header, filters, conditional formats, print.
	x.widths = []float64{12, 28, 18, 14}
	for c := 5; c <= colTotal; c++ {
		x.widths = append(x.widths, 14)
	}
	x.pane = `<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="C2" sqref="C2"/>`
	if last >= 2 {
		x.autoFilter = "A1:" + cellRef(colTotal, last)
		for _, col := range []int{colK, colCoef} {
			x.rule(cellRef(col, 2)+":"+cellRef(col, last), `<cfRule type="colorScale"><colorScale>`+
				`<cfvo type="min" val="0"/><cfvo type="num" val="1"/><cfvo type="max" val="0"/>`+
				`<color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule>`)
		}
		x.rule(cellRef(colTotal, 2)+":"+cellRef(colTotal, last), `<cfRule type="dataBar"><dataBar>`+
			`<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule>`)
	}
	rw.printSetup(x)
}

// title is the scheme's title for a modifier or component id, or the id.
func (rw *reportWriter) title(id string) string {
	if t, ok := rw.titles[id]; ok {
		return t
	}
	return id
}

// bandFormats colours the KPI matrix: index at or below base (0) red,
// between base and norm amber, at or above norm (1) green; fulfilment below
// the norm amber, at or above green. Formula rules, so that a KPI without
// an index (a blank cell) is not coloured as if it were 0.
func bandFormats(x *xsheet, col, from, to int) {
	rule := func(dxf int, formula string) string {
		return fmt.Sprintf(`<cfRule type="expression" dxfId="%d"><formula>%s</formula></cfRule>`, dxf, escapeXML(formula))
	}
	j, i := cellRef(col+1, from), cellRef(col, from)
	x.rule(fmt.Sprintf("%s:%s", j, cellRef(col+1, to)),
		rule(dxfRed, fmt.Sprintf("AND(ISNUMBER(%s),%s<=0)", j, j)),
		rule(dxfAmber, fmt.Sprintf("AND(ISNUMBER(%s),%s>0,%s<1)", j, j, j)),
		rule(dxfGreen, fmt.Sprintf("AND(ISNUMBER(%s),%s>=1)", j, j)))
	x.rule(fmt.Sprintf("%s:%s", i, cellRef(col, to)),
		rule(dxfAmber, fmt.Sprintf("AND(ISNUMBER(%s),%s<1)", i, i)),
		rule(dxfGreen, fmt.Sprintf("AND(ISNUMBER(%s),%s>=1)", i, i)))
}

// detailHeaderRow is the row of the KPI matrix's header on an employee sheet.
const detailHeaderRow = 4

func (rw *reportWriter) detail(x *xsheet, e *calc.EmployeeResult) error {
	l := rw.l
	role := e.Role
	if r := rw.s.Role(e.Role); r != nil && r.Title != "" {
		role = r.Title
	}
	x.text(1, 1, fmt.Sprintf("%s · %s", e.Name, e.ID), styleTitle)
	sub := []string{role}
	if e.Department != "" {
		sub = append(sub, e.Department)
	}
	if rw.res.Period != "" {
		sub = append(sub, l.Period+" "+rw.res.Period)
	}
	x.text(1, 2, strings.Join(sub, " · "), 0)
	// The KPI matrix.
	const hr = detailHeaderRow
	x.height(hr, 30)
	for i, h := range []string{l.KPI, l.Title, l.Unit, l.Weight, l.Base, l.Norm, l.Target, l.Fact, l.Fulfilment, l.Index, l.Weighted, l.LadderCoef} {
		x.text(i+1, hr, h, styleHead)
	}
	row := hr
	for _, k := range e.KPIs {
		row++
		x.text(1, row, k.ID, 0)
		title := k.Title
		if title == "" {
			title = k.ID
		}
		if k.Voided {
			title += " — " + l.Voided
		}
		x.text(2, row, title, 0)
		x.text(3, row, k.Unit, 0)
		if k.Weight != nil {
			putNum(x, 4, row, *k.Weight, styleWeight)
		}
		for i, q := range []*calc.Q{k.Base, k.Norm, k.Target} {
			putRatio(x, 5+i, row, q, styleNum)
		}
		putNum(x, 8, row, k.Fact, styleNum)
		for i, q := range []*calc.Q{k.Fulfilment, k.Index, k.Weighted, k.Coefficient} {
			style := stylePercent
			if i == 3 {
				style = styleRatio
			}
			putRatio(x, 9+i, row, q, style)
		}
	}
	if row > hr {
		bandFormats(x, 9, hr+1, row)
	}
	// Pay: label in A, amount in D.
	row += 2
	x.text(1, row, l.Pay, styleSection)
	line := func(label string, style int) int {
		row++
		x.text(1, row, label, style)
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
				d := m.Deduction.Neg()
				putRatio(x, 4, line(title+" ("+l.Deduction+")", 0), &d, styleMoney)
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
	x.text(1, row, l.Explanation, styleSection)
	for i, step := range e.Steps {
		row++
		paragraph(x, row, fmt.Sprintf("%d. %s", i+1, step.Text), styleWrap)
		if len(step.Sources) > 0 {
			row++
			paragraph(x, row, "    "+l.From+": "+calc.JoinPlaces(step.Sources, "; "), styleNote)
		}
	}
	x.widths = []float64{16, 30, 10, 14, 12, 12, 12, 12, 12, 11, 11, 12}
	rw.printSetup(x)
	return nil
}

func (rw *reportWriter) audit(x *xsheet, info ReportInfo) {
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
	for i, r := range rows {
		x.text(1, i+1, r[0], styleBold)
		if r[1] != "" {
			x.text(2, i+1, r[1], 0)
		}
	}
	n := len(rows) + 1
	x.text(1, n, l.Generated, styleBold)
	x.num(2, n, fmt.Sprint(rw.employees), 0)
	x.widths = []float64{24, 70}
	rw.printSetup(x)
}

// paragraphWidth is how many characters fit across columns A:L of an
// employee sheet, for wrapping the explanation.
const paragraphWidth = 150

// maxRowHeight is Excel's limit on a row's height, in points.
const maxRowHeight = 409

// paragraph writes a line of the explanation across A:L, wrapped, with the
// row tall enough for it: printed on A4, it stays readable instead of
// shrinking the page to the longest line.
func paragraph(x *xsheet, row int, text string, style int) {
	if lines := (utf8.RuneCountInString(text) + paragraphWidth - 1) / paragraphWidth; lines > 1 {
		x.height(row, min(15*lines, maxRowHeight))
	}
	x.text(1, row, text, style)
	x.merge(1, row, 12, row)
}

// CheckReport reopens a written workbook and compares every expected amount
// with what the cell holds, exactly: a number cell whose stored text is the
// amount. Each sheet's XML is inflated once and scanned for its cells, on
// every core; the workbook is never loaded as a whole.
func CheckReport(path string, expect []Expect) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot reopen the report: %v", p)
		}
	}()
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("cannot reopen the report: %v", err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	parts, err := xlsx.SheetParts(&zr.Reader)
	if err != nil {
		return fmt.Errorf("cannot reopen the report: %v", err)
	}
	errs := make([]error, len(expect))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range jobs {
				errs[i] = checkSheet(files[parts[expect[i].Sheet]], expect[i], &buf)
			}
		}()
	}
	for i := range expect {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func checkSheet(f *zip.File, x Expect, buf *bytes.Buffer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("sheet %q: %v", x.Sheet, p)
		}
	}()
	if f == nil {
		return fmt.Errorf("the report has no sheet %q", x.Sheet)
	}
	want := wantMap(x.Cells)
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("sheet %q: %v", x.Sheet, err)
	}
	buf.Reset()
	_, err = buf.ReadFrom(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("sheet %q: %v", x.Sheet, err)
	}
	return numberCells(buf.Bytes(), want, x.Sheet)
}

// wantMap reads Expect.Cells: cell reference → number.
func wantMap(cells string) map[string]string {
	want := map[string]string{}
	for _, ln := range strings.Split(strings.TrimSuffix(cells, "\n"), "\n") {
		ref, v, _ := strings.Cut(ln, " ")
		want[ref] = v
	}
	return want
}

// numberCells scans a sheet's XML for the wanted cells and checks that
// each is a number cell (no t attribute, or t="n") whose stored text is the
// wanted number. It reads what SpreadsheetML allows a writer to vary:
// attribute order, either quote, self-closing cells, formulas before the
// value. A cell it does not recognise is missing, so the check fails rather
// than passes.
func numberCells(data []byte, want map[string]string, sheet string) error {
	total := len(want)
	for len(want) > 0 {
		i := bytes.Index(data, []byte("<c"))
		if i < 0 {
			break
		}
		data = data[i+2:]
		if len(data) == 0 || (data[0] != ' ' && data[0] != '>' && data[0] != '/' && data[0] != '\t' && data[0] != '\n' && data[0] != '\r') {
			continue // <col>, <cfRule>, <cols>, …
		}
		end := bytes.IndexByte(data, '>')
		if end < 0 {
			return fmt.Errorf("sheet %q: a cell is not closed", sheet)
		}
		tag := data[:end]
		data = data[end+1:]
		if end > 0 && tag[end-1] == '/' {
			continue
		}
		close := bytes.Index(data, []byte("</c>"))
		if close < 0 {
			return fmt.Errorf("sheet %q: a cell is not closed", sheet)
		}
		body := data[:close]
		data = data[close+4:]
		ref := xmlAttr(tag, "r")
		w, ok := want[ref]
		if !ok {
			continue
		}
		delete(want, ref)
		got := ""
		if typ := xmlAttr(tag, "t"); typ == "" || typ == "n" {
			v, ve := bytes.Index(body, []byte("<v>")), bytes.Index(body, []byte("</v>"))
			if v >= 0 && ve > v {
				got = string(body[v+3 : ve])
			}
		}
		d, err := xlsx.ParseStored(got)
		if err != nil || !d.Equal(decimal.RequireFromString(w)) {
			return fmt.Errorf("sheet %q %s reads back %q, want the number %s", sheet, ref, got, w)
		}
	}
	if len(want) > 0 {
		var missing []string
		for ref := range want {
			missing = append(missing, ref)
		}
		sort.Strings(missing)
		return fmt.Errorf("sheet %q: %d of the %d amounts are missing (cells among %s)", sheet, len(want), total, strings.Join(missing[:min(len(missing), 5)], ", "))
	}
	return nil
}

// xmlAttr returns attribute name's value in a start tag's text, or "".
func xmlAttr(tag []byte, name string) string {
	for i := 0; i < len(tag); {
		j := bytes.IndexByte(tag[i:], '=')
		if j < 0 {
			return ""
		}
		key := bytes.TrimSpace(tag[i : i+j])
		if k := bytes.LastIndexAny(key, " \t\r\n"); k >= 0 {
			key = key[k+1:]
		}
		rest := tag[i+j+1:]
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		q := rest[0]
		e := bytes.IndexByte(rest[1:], q)
		if e < 0 {
			return ""
		}
		if string(key) == name {
			return string(rest[1 : 1+e])
		}
		i = len(tag) - len(rest) + e + 2
	}
	return ""
}

// SheetNames maps employee ids to sheet names Excel accepts: at most 31
// characters, none of : \ / ? * [ ], not starting or ending with an
// apostrophe, not "History", unique without regard to case, and not one of
// reserved.
func SheetNames(ids, reserved []string) map[string]string {
	taken := map[string]bool{}
	for _, r := range reserved {
		taken[strings.ToLower(r)] = true
	}
	taken["history"] = true
	out := map[string]string{}
	for _, id := range ids {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]`, r) || r < 0x20 {
				return '_'
			}
			return r
		}, id)
		base = strings.Trim(base, "' ")
		if base == "" {
			base = "_"
		}
		name := truncate(base, 31)
		for n := 2; taken[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("~%d", n)
			name = truncate(base, 31-len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		out[id] = name
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// StreamReport writes the pay report while the pay is computed. run is
// calc.Stream bound to its inputs, ids is calc.Order of them. Each
// employee's sheet is built, checked and compressed on the core that
// computed the employee, the employee's KPI matrix and explanation are then
// dropped from the result (so memory holds a few full results, not all),
// and sheets are written in order; the summary and audit sheets follow. It
// returns run's result, with the KPIs and Steps of every employee dropped.
// A failed run leaves w holding an unfinished workbook: write to a
// temporary file (SaveReportStream does).
func StreamReport(w io.Writer, s *plan.Scheme, ids []string, period string, info ReportInfo,
	run func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error)) (res *calc.Result, expect []Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the report failed: %v", p)
		}
	}()
	// Until run returns, the sheets see the result's heading only.
	head := &calc.Result{Scheme: s.ID, Title: s.Title, Period: period, Currency: s.Currency, Step: s.Step(), Mode: s.Mode(), Scale: calc.Scale(s.Step())}
	rw := newReportWriter(s, head, info.Lang)
	rw.names = SheetNames(ids, []string{rw.l.Summary, rw.l.Audit})
	n := len(ids)
	sheets := []bookSheet{{name: rw.l.Summary, titleRow: 1}}
	if n > 0 {
		sheets[0].filter = "A1:" + cellRef(rw.summaryColumns(), n+1)
	}
	for _, id := range ids {
		sheets = append(sheets, bookSheet{name: rw.names[id], titleRow: detailHeaderRow})
	}
	sheets = append(sheets, bookSheet{name: rw.l.Audit})
	zw := zip.NewWriter(w)
	if err := writeBookParts(zw, rw.props(info), head.Scale, sheets); err != nil {
		return nil, nil, err
	}
	type built struct {
		i int
		builtSheet
	}
	parts := make(chan built, 64)
	var failed atomic.Value // the first error building a sheet
	type kit struct {
		x   xsheet
		c   compressor
		buf []byte
	}
	kits := sync.Pool{New: func() any { return new(kit) }}
	emit := func(i int, e *calc.EmployeeResult) {
		if failed.Load() != nil {
			return
		}
		k := kits.Get().(*kit)
		out := buildSheet(i+1, sheets[i+1].name, func(_ int, x *xsheet) error {
			x.selected = false
			return rw.detail(x, e)
		}, &k.x, &k.c, &k.buf)
		kits.Put(k)
		if out.err != nil {
			failed.CompareAndSwap(nil, fmt.Errorf("sheet for %s: %w", e.ID, out.err))
			return
		}
		e.KPIs, e.Steps = nil, nil
		parts <- built{i, out}
	}
	// The writer puts sheets into the zip in employee order, whatever order
	// the cores finish them in, so that equal inputs give equal bytes.
	expect = make([]Expect, 0, n+2)
	writeErr := make(chan error, 1)
	go func() {
		pending := map[int]builtSheet{}
		next := 0
		var err error
		for p := range parts {
			pending[p.i] = p.builtSheet
			for ; err == nil; next++ {
				b, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				if err = writePart(zw, b.part); err == nil && b.expect != "" {
					expect = append(expect, Expect{Sheet: sheets[next+1].name, Cells: b.expect})
				}
			}
		}
		if err == nil && next != n {
			err = fmt.Errorf("%d of %d employee sheets were built", next, n)
		}
		writeErr <- err
	}()
	res, err = run(emit)
	close(parts)
	werr := <-writeErr
	if err != nil {
		return nil, nil, err
	}
	if f := failed.Load(); f != nil {
		return nil, nil, f.(error)
	}
	if werr != nil {
		return nil, nil, werr
	}
	rw.res, rw.employees = res, len(res.Employees)
	var x xsheet
	c := compressors.Get().(*compressor)
	defer compressors.Put(c)
	var buf []byte
	for _, i := range []int{0, n + 1} {
		out := buildSheet(i, sheets[i].name, func(_ int, x *xsheet) error {
			x.selected = i == 0
			if i == 0 {
				rw.summary(x)
			} else {
				rw.audit(x, info)
			}
			return nil
		}, &x, c, &buf)
		if out.err == nil {
			out.err = writePart(zw, out.part)
		}
		if out.err != nil {
			return nil, nil, out.err
		}
		if out.expect != "" {
			expect = append(expect, Expect{Sheet: sheets[i].name, Cells: out.expect})
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	return res, expect, nil
}
