package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
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

// Expect is an amount the written workbook must give back when reopened.
type Expect struct {
	Sheet, Cell string
	Want        decimal.Decimal
}

// ratioPlaces is how many decimals a ratio cell stores; the exact value is
// kept by the engine, the cell holds it rounded half-up to this many places.
const ratioPlaces = 10

type styles struct {
	head, section, bold, title, text, money, moneyBold, ratio, percent, weight, num, wrap, note int
}

type reportWriter struct {
	f      *excelize.File
	s      *plan.Scheme
	res    *calc.Result
	l      labels
	st     styles
	expect []Expect
	names  map[string]string // employee id → sheet name
	first  string            // the workbook's first sheet, named from Sheet1
	titles []printTitle
}

// WriteReport writes the pay report workbook for res and returns the amounts
// that a reopened copy must give back (see CheckReport). Every number is a
// numeric cell with a number format; nothing depends on the clock.
func WriteReport(w io.Writer, s *plan.Scheme, res *calc.Result, info ReportInfo, part Part) (expect []Expect, err error) {
	f := excelize.NewFile()
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the report failed: %v", p)
		}
	}()
	rw := &reportWriter{f: f, s: s, res: res, l: labelsFor(info.Lang)}
	if err := rw.props(info); err != nil {
		return nil, err
	}
	if err := rw.makeStyles(); err != nil {
		return nil, err
	}
	reserved := []string{rw.l.Summary, rw.l.Audit}
	var ids []string
	for _, e := range part.Details {
		ids = append(ids, e.ID)
	}
	rw.names = SheetNames(ids, reserved)
	first := ""
	if part.Summary {
		first = rw.l.Summary
	} else if len(part.Details) > 0 {
		first = rw.names[part.Details[0].ID]
	} else {
		first = rw.l.Audit
	}
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	rw.first = first
	if part.Summary {
		if err := rw.summary(); err != nil {
			return nil, err
		}
	}
	for _, e := range part.Details {
		if err := rw.detail(e); err != nil {
			return nil, fmt.Errorf("sheet for %s: %w", e.ID, err)
		}
	}
	if err := rw.audit(info, first == rw.l.Audit); err != nil {
		return nil, err
	}
	return rw.finish(w)
}

func (rw *reportWriter) props(info ReportInfo) error {
	// No clock: the report is dated by its period, so equal inputs give equal bytes.
	date := "2000-01-01T00:00:00Z"
	if len(rw.res.Period) == 7 {
		date = rw.res.Period + "-01T00:00:00Z"
	}
	title := rw.l.ReportTitle + " · " + rw.res.Scheme
	if rw.res.Period != "" {
		title += " · " + rw.res.Period
	}
	if err := rw.f.SetDocProps(&excelize.DocProperties{
		Creator: "premia " + info.Version, LastModifiedBy: "premia " + info.Version, Title: title,
		Subject: rw.res.Title, Created: date, Modified: date, Language: info.Lang,
	}); err != nil {
		return err
	}
	return rw.f.SetAppProps(&excelize.AppProperties{Application: "premia", AppVersion: "1.0"})
}

func (rw *reportWriter) makeStyles() error {
	scale := rw.res.Scale
	moneyFmt := "#,##0"
	if scale > 0 {
		moneyFmt += "." + strings.Repeat("0", int(scale))
	}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&rw.st.head, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&rw.st.section, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Border: border}},
		{&rw.st.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&rw.st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&rw.st.text, excelize.Style{}},
		{&rw.st.money, excelize.Style{CustomNumFmt: &moneyFmt}},
		{&rw.st.moneyBold, excelize.Style{CustomNumFmt: &moneyFmt, Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}}},
		{&rw.st.ratio, excelize.Style{CustomNumFmt: ptr("0.0000")}},
		{&rw.st.percent, excelize.Style{CustomNumFmt: ptr("0.00%")}},
		{&rw.st.weight, excelize.Style{CustomNumFmt: ptr("0%")}},
		{&rw.st.num, excelize.Style{CustomNumFmt: ptr("#,##0.########")}},
		{&rw.st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&rw.st.note, excelize.Style{Font: &excelize.Font{Color: "595959", Size: 9}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	}
	for _, d := range defs {
		st := d.st
		id, err := rw.f.NewStyle(&st)
		if err != nil {
			return err
		}
		*d.dst = id
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// maxText is Excel's limit on a cell's text.
const maxText = 32767

func (rw *reportWriter) setText(sheet string, col, row int, s string, style int) error {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText-1]) + "…"
	}
	ref := cell(col, row)
	if err := rw.f.SetCellStr(sheet, ref, s); err != nil {
		return err
	}
	if style != 0 {
		return rw.f.SetCellStyle(sheet, ref, ref, style)
	}
	return nil
}

// setNum writes a decimal as a numeric cell (never text) with a style.
func (rw *reportWriter) setNum(sheet string, col, row int, d decimal.Decimal, style int) error {
	ref := cell(col, row)
	if err := rw.f.SetCellDefault(sheet, ref, d.String()); err != nil {
		return err
	}
	return rw.f.SetCellStyle(sheet, ref, ref, style)
}

func (rw *reportWriter) setMoney(sheet string, col, row int, d decimal.Decimal, style int) error {
	rw.expect = append(rw.expect, Expect{Sheet: sheet, Cell: cell(col, row), Want: d})
	return rw.setNum(sheet, col, row, d, style)
}

func (rw *reportWriter) setRatio(sheet string, col, row int, q *calc.Q, style int) error {
	if q == nil {
		return nil
	}
	return rw.setNum(sheet, col, row, q.Approx(ratioPlaces), style)
}

// printSetup: A4 landscape, fit to one page wide, header rows repeated.
func (rw *reportWriter) printSetup(sheet string, headerRow int) error {
	if err := rw.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := rw.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := rw.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + escapeHF(rw.res.Title) + "&R" + escapeHF(rw.res.Period),
		OddFooter: "&L&A&R" + rw.l.Page,
	}); err != nil {
		return err
	}
	if headerRow > 0 {
		rw.titles = append(rw.titles, printTitle{sheet: sheet, row: headerRow})
	}
	return nil
}

// finish sets the print titles and writes the workbook, returning the
// amounts a reopened copy must give back.
func (rw *reportWriter) finish(w io.Writer) ([]Expect, error) {
	if err := rw.flushPrintTitles(); err != nil {
		return nil, err
	}
	if err := rw.f.Write(w); err != nil {
		return nil, err
	}
	return rw.expect, nil
}

// printTitle is a sheet's header row, repeated on every printed page.
type printTitle struct {
	sheet string
	row   int
}

// flushPrintTitles defines every sheet's print titles at once.
// excelize's SetDefinedName scans every defined name and, for each, lists
// all sheets: called per sheet it costs O(sheets³) (8 s for 1,000 sheets).
// So the first name goes through SetDefinedName and the rest are appended
// to the same list as copies of it with their own sheet index, which is
// exactly what SetDefinedName would have appended.
func (rw *reportWriter) flushPrintTitles() error {
	if len(rw.titles) == 0 {
		return nil
	}
	index := map[string]int{}
	for i, name := range rw.f.GetSheetList() {
		index[name] = i
	}
	ref := func(t printTitle) string { return fmt.Sprintf("%s!$%d:$%d", quoteSheet(t.sheet), t.row, t.row) }
	first := rw.titles[0]
	if err := rw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref(first), Scope: first.sheet}); err != nil {
		return err
	}
	names := &rw.f.WorkBook.DefinedNames.DefinedName
	tmpl := (*names)[len(*names)-1]
	for _, t := range rw.titles[1:] {
		d := tmpl
		i := index[t.sheet]
		d.LocalSheetID = &i
		d.Data = ref(t)
		*names = append(*names, d)
	}
	return nil
}

func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (rw *reportWriter) summary() error {
	sh, l, st := rw.l.Summary, rw.l, rw.st
	mods, comps := rw.s.ModifierIDs(), rw.s.ComponentIDs()
	head := []string{l.ID, l.Name, l.Role, l.Department, l.Fixed, l.Variable, l.K, l.Coefficient}
	for _, m := range mods {
		head = append(head, rw.title(m))
	}
	head = append(head, l.Bonus)
	for _, c := range comps {
		head = append(head, rw.title(c))
	}
	head = append(head, l.Total)
	for i, h := range head {
		if err := rw.setText(sh, i+1, 1, h, st.head); err != nil {
			return err
		}
	}
	colK, colCoef := 7, 8
	colBonus := 9 + len(mods)
	colTotal := len(head)
	row := 1
	for _, e := range rw.res.Employees {
		row++
		for i, v := range []string{e.ID, e.Name, e.Role, e.Department} {
			if err := rw.setText(sh, i+1, row, v, 0); err != nil {
				return err
			}
		}
		if err := rw.setMoney(sh, 5, row, e.Fixed, st.money); err != nil {
			return err
		}
		if e.HasBonus {
			if err := rw.setMoney(sh, 6, row, e.Variable, st.money); err != nil {
				return err
			}
			if err := rw.setRatio(sh, colK, row, e.K, st.ratio); err != nil {
				return err
			}
			if err := rw.setRatio(sh, colCoef, row, &e.Coefficient, st.ratio); err != nil {
				return err
			}
		}
		for i, id := range mods {
			for _, m := range e.Modifiers {
				if m.ID != id {
					continue
				}
				var err error
				switch {
				case m.Factor != nil:
					err = rw.setRatio(sh, 9+i, row, m.Factor, st.ratio)
				case m.Deduction != nil:
					err = rw.setNum(sh, 9+i, row, m.Deduction.Neg().Approx(ratioPlaces), st.money)
				}
				if err != nil {
					return err
				}
			}
		}
		if err := rw.setMoney(sh, colBonus, row, e.Bonus, st.money); err != nil {
			return err
		}
		for i, id := range comps {
			for _, c := range e.Components {
				if c.ID == id {
					if err := rw.setMoney(sh, colBonus+1+i, row, c.Amount, st.money); err != nil {
						return err
					}
				}
			}
		}
		if err := rw.setMoney(sh, colTotal, row, e.Total, st.money); err != nil {
			return err
		}
	}
	last := row
	row++
	if err := rw.setText(sh, 1, row, l.Totals, st.bold); err != nil {
		return err
	}
	if err := rw.setText(sh, 2, row, fmt.Sprintf("%d %s", len(rw.res.Employees), l.Employees), st.bold); err != nil {
		return err
	}
	sums := map[int]decimal.Decimal{5: rw.res.Fixed, colBonus: rw.res.Bonus, colTotal: rw.res.Total}
	for i, id := range comps {
		sum := decimal.Zero
		for _, e := range rw.res.Employees {
			for _, c := range e.Components {
				if c.ID == id {
					sum = sum.Add(c.Amount)
				}
			}
		}
		sums[colBonus+1+i] = sum
	}
	for col := 5; col <= colTotal; col++ {
		if v, ok := sums[col]; ok {
			if err := rw.setMoney(sh, col, row, v, st.moneyBold); err != nil {
				return err
			}
		}
	}
	// Layout: widths, frozen header, filters, conditional formats, print.
	widths := []float64{12, 28, 18, 14}
	for c := 5; c <= colTotal; c++ {
		widths = append(widths, 14)
	}
	if err := setWidths(rw.f, sh, widths); err != nil {
		return err
	}
	if err := rw.f.SetRowHeight(sh, 1, 30); err != nil {
		return err
	}
	if err := rw.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, XSplit: 2, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if last >= 2 {
		if err := rw.f.AutoFilter(sh, fmt.Sprintf("A1:%s", cell(colTotal, last)), nil); err != nil {
			return err
		}
		for _, col := range []int{colK, colCoef} {
			rng := fmt.Sprintf("%s:%s", cell(col, 2), cell(col, last))
			if err := rw.f.SetConditionalFormat(sh, rng, []excelize.ConditionalFormatOptions{{
				Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "num", MidValue: "1", MaxType: "max",
				MinColor: "#F8696B", MidColor: "#FFEB84", MaxColor: "#63BE7B",
			}}); err != nil {
				return err
			}
		}
		totRange := fmt.Sprintf("%s:%s", cell(colTotal, 2), cell(colTotal, last))
		if err := rw.f.SetConditionalFormat(sh, totRange, []excelize.ConditionalFormatOptions{{
			Type: "data_bar", Criteria: "=", MinType: "min", MaxType: "max", BarColor: "#638EC6",
		}}); err != nil {
			return err
		}
	}
	return rw.printSetup(sh, 1)
}

// title is the scheme's title for a modifier or component id, or the id.
func (rw *reportWriter) title(id string) string {
	for _, r := range rw.s.Roles {
		for _, m := range r.Modifiers {
			if m.ID == id && m.Title != "" {
				return m.Title
			}
		}
		for _, c := range r.Components {
			if c.ID == id && c.Title != "" {
				return c.Title
			}
		}
	}
	return id
}

// bandStyles are the conditional formats of the KPI matrix.
func (rw *reportWriter) bandFormats(sheet, indexRange, fulfilRange string) error {
	red, err := rw.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	amber, err := rw.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C5700"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}})
	if err != nil {
		return err
	}
	green, err := rw.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "006100"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}})
	if err != nil {
		return err
	}
	// Index: at or below base (0) red, between base and norm amber, at or
	// above norm (1) green. Formula rules, so that a KPI without an index (a
	// blank cell) is not coloured as if it were 0.
	first := strings.SplitN(indexRange, ":", 2)[0]
	if err := rw.f.SetConditionalFormat(sheet, indexRange, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<=0)", first, first), Format: &red},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>0,%s<1)", first, first, first), Format: &amber},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=1)", first, first), Format: &green},
	}); err != nil {
		return err
	}
	// Fulfilment (fact / norm): below the norm amber, at or above green.
	first = strings.SplitN(fulfilRange, ":", 2)[0]
	return rw.f.SetConditionalFormat(sheet, fulfilRange, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<1)", first, first), Format: &amber},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=1)", first, first), Format: &green},
	})
}

func (rw *reportWriter) kpiTitle(e *calc.EmployeeResult, k calc.KPIResult) string {
	if k.Title != "" {
		return k.Title
	}
	return k.ID
}

func (rw *reportWriter) detail(e *calc.EmployeeResult) error {
	sh, l, st := rw.names[e.ID], rw.l, rw.st
	if sh != rw.first {
		if _, err := rw.f.NewSheet(sh); err != nil {
			return err
		}
	}
	role := e.Role
	if r := rw.s.Role(e.Role); r != nil && r.Title != "" {
		role = r.Title
	}
	if err := rw.setText(sh, 1, 1, fmt.Sprintf("%s · %s", e.Name, e.ID), st.title); err != nil {
		return err
	}
	sub := []string{role}
	if e.Department != "" {
		sub = append(sub, e.Department)
	}
	if rw.res.Period != "" {
		sub = append(sub, l.Period+" "+rw.res.Period)
	}
	if err := rw.setText(sh, 1, 2, strings.Join(sub, " · "), 0); err != nil {
		return err
	}
	// The KPI matrix.
	const hr = 4
	head := []string{l.KPI, l.Title, l.Unit, l.Weight, l.Base, l.Norm, l.Target, l.Fact, l.Fulfilment, l.Index, l.Weighted, l.LadderCoef}
	for i, h := range head {
		if err := rw.setText(sh, i+1, hr, h, st.head); err != nil {
			return err
		}
	}
	row := hr
	for _, k := range e.KPIs {
		row++
		if err := rw.setText(sh, 1, row, k.ID, 0); err != nil {
			return err
		}
		title := rw.kpiTitle(e, k)
		if k.Voided {
			title += " — " + l.Voided
		}
		if err := rw.setText(sh, 2, row, title, 0); err != nil {
			return err
		}
		if err := rw.setText(sh, 3, row, k.Unit, 0); err != nil {
			return err
		}
		if k.Weight != nil {
			if err := rw.setNum(sh, 4, row, *k.Weight, st.weight); err != nil {
				return err
			}
		}
		for i, q := range []*calc.Q{k.Base, k.Norm, k.Target} {
			if err := rw.setRatio(sh, 5+i, row, q, st.num); err != nil {
				return err
			}
		}
		if err := rw.setNum(sh, 8, row, k.Fact, st.num); err != nil {
			return err
		}
		for i, q := range []*calc.Q{k.Fulfilment, k.Index, k.Weighted, k.Coefficient} {
			style := st.percent
			if i == 3 {
				style = st.ratio
			}
			if err := rw.setRatio(sh, 9+i, row, q, style); err != nil {
				return err
			}
		}
	}
	if row > hr {
		if err := rw.bandFormats(sh, fmt.Sprintf("J%d:J%d", hr+1, row), fmt.Sprintf("I%d:I%d", hr+1, row)); err != nil {
			return err
		}
	}
	// Pay: label in A:B, amount in D.
	row += 2
	if err := rw.setText(sh, 1, row, l.Pay, st.section); err != nil {
		return err
	}
	line := func(label string, set func(r int) error) error {
		row++
		if err := rw.setText(sh, 1, row, label, 0); err != nil {
			return err
		}
		return set(row)
	}
	money := func(d decimal.Decimal, style int) func(int) error {
		return func(r int) error { return rw.setMoney(sh, 4, r, d, style) }
	}
	ratio := func(q *calc.Q) func(int) error {
		return func(r int) error { return rw.setRatio(sh, 4, r, q, st.ratio) }
	}
	if e.Proration != nil {
		if err := line(l.Proration, ratio(e.Proration)); err != nil {
			return err
		}
	}
	if err := line(l.Fixed, money(e.Fixed, st.money)); err != nil {
		return err
	}
	if e.HasBonus {
		if err := line(l.Variable, money(e.Variable, st.money)); err != nil {
			return err
		}
		if e.K != nil {
			if err := line(l.K+" = Σ "+strings.ToLower(l.Weight)+" × "+strings.ToLower(l.Index), ratio(e.K)); err != nil {
				return err
			}
		}
		if err := line(l.Coefficient, ratio(&e.Coefficient)); err != nil {
			return err
		}
		for _, m := range e.Modifiers {
			title := m.ID
			if m.Title != "" {
				title = m.Title
			}
			var set func(int) error
			switch {
			case m.Factor != nil:
				title += " (" + l.Factor + ")"
				set = ratio(m.Factor)
			case m.Deduction != nil:
				title += " (" + l.Deduction + ")"
				d := m.Deduction.Neg()
				set = func(r int) error { return rw.setNum(sh, 4, r, d.Approx(ratioPlaces), st.money) }
			default:
				title += ": " + l.NotApplied
				set = func(int) error { return nil }
			}
			if err := line(title, set); err != nil {
				return err
			}
		}
		if err := line(l.Bonus, money(e.Bonus, st.money)); err != nil {
			return err
		}
	}
	for _, c := range e.Components {
		title := c.ID
		if c.Title != "" {
			title = c.Title
		}
		if err := line(title, money(c.Amount, st.money)); err != nil {
			return err
		}
	}
	if err := line(l.Total, money(e.Total, st.moneyBold)); err != nil {
		return err
	}
	if err := rw.f.SetCellStyle(sh, cell(1, row), cell(1, row), st.bold); err != nil {
		return err
	}
	// The explanation, the same steps as `premia explain`.
	row += 2
	if err := rw.setText(sh, 1, row, l.Explanation, st.section); err != nil {
		return err
	}
	for i, step := range e.Steps {
		row++
		if err := rw.paragraph(sh, row, fmt.Sprintf("%d. %s", i+1, step.Text), 0); err != nil {
			return err
		}
		if len(step.Sources) > 0 {
			row++
			if err := rw.paragraph(sh, row, "    "+l.From+": "+strings.Join(step.Sources, "; "), st.note); err != nil {
				return err
			}
		}
	}
	if err := setWidths(rw.f, sh, []float64{16, 30, 10, 14, 12, 12, 12, 12, 12, 11, 11, 12}); err != nil {
		return err
	}
	if err := rw.f.SetRowHeight(sh, hr, 30); err != nil {
		return err
	}
	return rw.printSetup(sh, hr)
}

func (rw *reportWriter) audit(info ReportInfo, isFirst bool) error {
	sh, l := rw.l.Audit, rw.l
	if !isFirst {
		if _, err := rw.f.NewSheet(sh); err != nil {
			return err
		}
	}
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
		if err := rw.setText(rw.l.Audit, 1, i+1, r[0], rw.st.bold); err != nil {
			return err
		}
		if err := rw.setText(sh, 2, i+1, r[1], 0); err != nil {
			return err
		}
	}
	n := len(rows) + 1
	if err := rw.setText(sh, 1, n, l.Generated, rw.st.bold); err != nil {
		return err
	}
	if err := rw.setNum(sh, 2, n, decimal.NewFromInt(int64(len(rw.res.Employees))), 0); err != nil {
		return err
	}
	if err := rw.f.SetColWidth(sh, "A", "A", 24); err != nil {
		return err
	}
	if err := rw.f.SetColWidth(sh, "B", "B", 70); err != nil {
		return err
	}
	return rw.printSetup(sh, 0)
}

// paragraphWidth is how many characters fit across columns A:L of an
// employee sheet, for wrapping the explanation.
const paragraphWidth = 150

// maxRowHeight is Excel's limit on a row's height, in points.
const maxRowHeight = 409

// paragraph writes a line of the explanation across A:L, wrapped, with the
// row tall enough for it: printed on A4, it stays readable instead of
// shrinking the page to the longest line.
func (rw *reportWriter) paragraph(sheet string, row int, text string, style int) error {
	if style == 0 {
		style = rw.st.wrap
	}
	if err := rw.setText(sheet, 1, row, text, style); err != nil {
		return err
	}
	if err := rw.f.MergeCell(sheet, cell(1, row), cell(12, row)); err != nil {
		return err
	}
	lines := (utf8.RuneCountInString(text) + paragraphWidth - 1) / paragraphWidth
	if lines > 1 {
		return rw.f.SetRowHeight(sheet, row, float64(min(15*lines, maxRowHeight)))
	}
	return nil
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

// CheckReport reopens a written workbook and compares every expected amount
// with what the cell holds, exactly: a number cell whose stored text is the
// amount. It reads the sheets' XML as a stream, once each, rather than
// loading the workbook again.
func CheckReport(path string, expect []Expect) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot reopen the report: %v", p)
		}
	}()
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot reopen the report: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("cannot reopen the report: %v", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	parts := sheetParts(files)
	want := map[string]map[string]decimal.Decimal{}
	var order []string
	for _, x := range expect {
		if want[x.Sheet] == nil {
			want[x.Sheet] = map[string]decimal.Decimal{}
			order = append(order, x.Sheet)
		}
		want[x.Sheet][x.Cell] = x.Want
	}
	for _, sheet := range order {
		f := files[parts[sheet]]
		if f == nil {
			return fmt.Errorf("the report has no sheet %q", sheet)
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("sheet %q: %v", sheet, err)
		}
		got, err := numberCells(rc, want[sheet])
		rc.Close()
		if err != nil {
			return fmt.Errorf("sheet %q: %v", sheet, err)
		}
		for ref, w := range want[sheet] {
			v, ok := got[ref]
			d, perr := ParseStored(v)
			if !ok || perr != nil || !d.Equal(w) {
				return fmt.Errorf("sheet %q %s reads back %q, want the number %s", sheet, ref, v, w)
			}
		}
	}
	return nil
}

// numberCells streams a sheet's XML and returns the stored text of the
// wanted cells that are number cells (no t attribute, or t="n").
func numberCells(r io.Reader, wanted map[string]decimal.Decimal) (map[string]string, error) {
	dec := xml.NewDecoder(r)
	got := map[string]string{}
	ref, numeric, inV := "", false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return got, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				ref = attr(t, "r")
				typ := attr(t, "t")
				numeric = typ == "" || typ == "n"
				if _, ok := wanted[ref]; !ok {
					ref = ""
				}
			case "v":
				inV = ref != "" && numeric
			}
		case xml.CharData:
			if inV {
				got[ref] += string(t)
			}
		case xml.EndElement:
			if t.Name.Local == "v" {
				inV = false
			}
		}
	}
}

// setWidths sets the widths of columns A, B, … in order.
func setWidths(f *excelize.File, sheet string, widths []float64) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}
