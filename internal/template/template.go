package template

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// Options shape a fact-sheet template.
type Options struct {
	Period string
	Lang   string
	Roster []factsheet.RosterRow // carried over from an earlier fact sheet; empty for a blank roster
	// Plans are personal plans carried into the Plans table (premia
	// decompose's, or an earlier fact sheet's), for people of Roster.
	Plans []factsheet.CarriedPlan
	// BlankRows is how many input rows a table gets when nothing fills it (default 200).
	BlankRows int
}

type tmplWriter struct {
	f                        *excelize.File
	s                        *plan.Scheme
	o                        Options
	l                        tlabels
	head, locked, input, pct int
	date, period             int
}

type tlabels struct {
	Instructions string
	Lines        []string
	Yes, No      string
	Expected     string
	Kinds        map[string]string
}

func templateLabels(lang, period, scheme, title string) tlabels {
	if title != "" {
		scheme += " (" + title + ")"
	}
	if lang == "ru" {
		return tlabels{Instructions: "Инструкция", Yes: "да", No: "нет", Expected: "Ожидается ", Kinds: map[string]string{
			"number": "число", "nonneg": "число не меньше нуля", "percent": "процент от 0 % до 100 %",
			"date": "дата", "yesno": "да или нет", "role": "должность из схемы",
		}, Lines: []string{
			"Файл фактов за период " + period + " для схемы " + scheme,
			"",
			"Сотрудники: по строке на сотрудника. Оклад и переменная часть пустые — берутся из схемы.",
			"  Отработано дней и дней в периоде — только для тех, кто отработал не весь период.",
			"Факты: по строке на сотрудника, столбец на каждый показатель. Пустая ячейка — это не ноль: впишите 0.",
			"  Условия да/нет — выбор из списка. Проценты можно вводить как 85% или 0,85.",
			"Планы: личные база, норма и цель, где они не заданы схемой.",
			"Отделы: факт отдела и три плана (минимальный, нормальный, максимальный).",
			"Оплаты: сделка, сумма, срок оплаты и дата фактической оплаты (пусто — не оплачено).",
			"",
			"Числа: 1234,56 или 1 234,56 или 1234.56. Запись 1,234 неоднозначна и будет отклонена.",
			"Не переименовывайте листы и заголовки столбцов: premia находит столбцы по заголовкам.",
			"Расчёт: premia calc схема.yaml этот_файл.xlsx (период берётся из ячейки B2)",
		}}
	}
	return tlabels{Instructions: "Instructions", Yes: "yes", No: "no", Expected: "Expected ", Kinds: map[string]string{
		"number": "a number", "nonneg": "a number, zero or more", "percent": "a percentage from 0 % to 100 %",
		"date": "a date", "yesno": "yes or no", "role": "a role of the scheme",
	}, Lines: []string{
		"Fact sheet for " + period + ", scheme " + scheme,
		"",
		"Roster: one row per employee. Leave fixed and variable blank to use the scheme's amounts.",
		"  Days worked and days in period only for those who did not work the whole period.",
		"Facts: one row per employee, a column per indicator. A blank cell is not zero: write 0.",
		"  Yes/no conditions are picked from a list. Percentages may be typed as 85% or 0.85.",
		"Plans: personal base, norm and target where the scheme does not fix them.",
		"Departments: the department's result and its three plans (minimum, normal, maximum).",
		"Payments: the deal, amount, due date and the date it was paid (blank: not paid).",
		"",
		"Numbers: 1234.56, 1234,56 or 1 234,56. 1,234 is ambiguous and will be refused.",
		"Do not rename the sheets or the column headers: premia finds columns by their header.",
		"To compute: premia calc scheme.yaml this_file.xlsx (the period is read from cell B2)",
	}}
}

// WriteTemplate writes the fact sheet a clerk fills for the period: every
// table and column the scheme needs, input cells validated (numbers,
// percentages, yes/no lists, dates), headings and carried-over ids locked, and
// an instructions sheet. Filled in, it is read by calc as it is.
func Write(w io.Writer, s *plan.Scheme, o Options) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the template failed: %v", p)
		}
	}()
	if o.BlankRows == 0 {
		o.BlankRows = 200
	}
	if o.Lang == "" {
		o.Lang = s.Lang()
	}
	date := "2000-01-01T00:00:00Z"
	if p, err := period.Parse(o.Period); err == nil {
		// A workbook is dated by its period's first day, and holds the
		// tables and columns of what the period's kind pays (a quarter's
		// sheet, the quarterly lines').
		date = p.First().Format("2006-01-02") + "T00:00:00Z"
		s = s.For(p.Kind())
	}
	tw := &tmplWriter{f: f, s: s, o: o, l: templateLabels(o.Lang, o.Period, s.ID, s.Title)}
	if s.Uses("", plan.ComponentOverride, "") {
		// The roster's reports_to, under the lines on the roster.
		line := "  Reports to: the id of the employee's manager (blank for the top); overrides are paid on it."
		if o.Lang == "ru" {
			line = "  Руководитель: табельный номер руководителя сотрудника (пусто — у верхнего); по нему платятся надбавки руководителям."
		}
		tw.l.Lines = slices.Insert(tw.l.Lines, 4, line)
	}
	if s.Deals().Any {
		tw.l.Lines = withDealsLine(tw.l.Lines, o.Lang)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "premia", LastModifiedBy: "premia", Title: "Fact sheet · " + s.ID + " · " + o.Period, Created: date, Modified: date, Language: o.Lang}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "premia", AppVersion: "1.0"}); err != nil {
		return err
	}
	if err := tw.styles(); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", tw.l.Instructions); err != nil {
		return err
	}
	// Column A holds labels, B the text; the title runs over both. The
	// period sits in B2, under the defined name factsheet.PeriodName, where
	// calc reads it.
	for i, line := range tw.l.Lines {
		col, row, style := 2, i+3, 0
		if i == 0 {
			col, row, style = 1, 1, tw.head
		}
		if line == "" {
			continue
		}
		if err := tw.text(tw.l.Instructions, col, row, line, style); err != nil {
			return err
		}
	}
	if o.Period != "" {
		if err := tw.text(tw.l.Instructions, 1, 2, factsheet.PeriodLabels[o.Lang], tw.head); err != nil {
			return err
		}
		if err := tw.text(tw.l.Instructions, 2, 2, o.Period, tw.period); err != nil {
			return err
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: factsheet.PeriodName, RefersTo: xlsx.QuoteSheet(tw.l.Instructions) + "!$B$2"}); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(tw.l.Instructions, "A", "A", 14); err != nil {
		return err
	}
	if err := f.SetColWidth(tw.l.Instructions, "B", "B", 100); err != nil {
		return err
	}
	// The instructions print on one landscape page width, label and text
	// side by side.
	landscape, one, yes := "landscape", 1, true
	if err := f.SetPageLayout(tw.l.Instructions, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one}); err != nil {
		return err
	}
	if err := f.SetSheetProps(tw.l.Instructions, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	steps := []func() error{tw.roster, tw.facts, tw.plans, tw.departments, tw.payments, tw.deals}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func (tw *tmplWriter) styles() error {
	var err error
	if tw.head, err = tw.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}, Protection: &excelize.Protection{Locked: true}}); err != nil {
		return err
	}
	if tw.locked, err = tw.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Protection: &excelize.Protection{Locked: true}}); err != nil {
		return err
	}
	if tw.input, err = tw.f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false}}); err != nil {
		return err
	}
	if tw.pct, err = tw.f.NewStyle(&excelize.Style{NumFmt: 9, Protection: &excelize.Protection{Locked: false}}); err != nil {
		return err
	}
	if tw.period, err = tw.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11}, NumFmt: 49}); err != nil {
		return err
	}
	tw.date, err = tw.f.NewStyle(&excelize.Style{NumFmt: 14, Protection: &excelize.Protection{Locked: false}})
	return err
}

func (tw *tmplWriter) text(sheet string, col, row int, s string, style int) error {
	ref := xlsx.CellName(col, row)
	if err := tw.f.SetCellStr(sheet, ref, s); err != nil {
		return err
	}
	if style != 0 {
		return tw.f.SetCellStyle(sheet, ref, ref, style)
	}
	return nil
}

// column is one column of a template table.
type column struct {
	name  string
	kind  string // "text", "locked", "number", "nonneg", "percent", "yesno", "date", "role"
	width float64
}

// table writes a sheet: the header, rows of prefilled values (nil for an
// input cell), input styles and validations on n rows, and protection.
func (tw *tmplWriter) table(name string, cols []column, prefill [][]string, n int) error {
	if _, err := tw.f.NewSheet(name); err != nil {
		return err
	}
	for i, c := range cols {
		if err := tw.text(name, i+1, 1, c.name, tw.head); err != nil {
			return err
		}
		colName, _ := excelize.ColumnNumberToName(i + 1)
		w := c.width
		if w == 0 {
			w = 16
		}
		// Wide enough for the heading in bold (Russian ones are longer).
		w = max(w, float64(utf8.RuneCountInString(c.name))*1.2+2)
		if err := tw.f.SetColWidth(name, colName, colName, w); err != nil {
			return err
		}
	}
	if n < len(prefill) {
		n = len(prefill)
	}
	last := n + 1
	for i, c := range cols {
		rng := fmt.Sprintf("%s:%s", xlsx.CellName(i+1, 2), xlsx.CellName(i+1, last))
		style := tw.input
		switch c.kind {
		case "locked":
			style = tw.locked
		case "percent":
			style = tw.pct
		case "date":
			style = tw.date
		}
		if err := tw.f.SetCellStyle(name, xlsx.CellName(i+1, 2), xlsx.CellName(i+1, last), style); err != nil {
			return err
		}
		if err := tw.validate(name, rng, c.kind); err != nil {
			return err
		}
	}
	for r, row := range prefill {
		for c, v := range row {
			if v == "" {
				continue
			}
			ref := xlsx.CellName(c+1, r+2)
			var err error
			if strings.HasPrefix(v, "=") {
				err = tw.f.SetCellFormula(name, ref, v[1:])
			} else if _, perr := xlsx.ParseStored(v); perr == nil && cols[c].kind != "text" && cols[c].kind != "locked" {
				err = tw.f.SetCellDefault(name, ref, v)
			} else {
				err = tw.f.SetCellStr(name, ref, v)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := tw.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Printed landscape, one page wide, the header row on every page.
	landscape, one, yes := "landscape", 1, true
	if err := tw.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: new(int)}); err != nil {
		return err
	}
	if err := tw.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := tw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: xlsx.QuoteSheet(name) + "!$1:$1", Scope: name}); err != nil {
		return err
	}
	return tw.f.ProtectSheet(name, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatCells: true,
		InsertRows: true, DeleteRows: true, AutoFilter: true, Sort: true,
	})
}

const maxInput = "999999999999999"

func (tw *tmplWriter) validate(sheet, rng, kind string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = rng
	var err error
	switch kind {
	case "number":
		err = dv.SetRange("-"+maxInput, maxInput, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case "nonneg":
		err = dv.SetRange("0", maxInput, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case "percent":
		err = dv.SetRange("0", "1", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case "date":
		err = dv.SetRange("1", "2958465", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
	case "yesno":
		err = dv.SetDropList([]string{tw.l.Yes, tw.l.No})
	case "role":
		var ids []string
		for _, r := range tw.s.Roles {
			ids = append(ids, r.ID)
		}
		err = dv.SetDropList(ids)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "premia", tw.l.Expected+tw.l.Kinds[kind])
	return tw.f.AddDataValidation(sheet, dv)
}

// heading is a fixed column's heading in the template's language.
func (tw *tmplWriter) heading(table, id string) string {
	return factsheet.Table(table).Column(id).Heading(tw.o.Lang)
}

// sheet is a table's sheet name in the template's language.
func (tw *tmplWriter) sheet(table string) string {
	return factsheet.Table(table).SheetName(tw.o.Lang)
}

func (tw *tmplWriter) roster() error {
	h := func(id string) string { return tw.heading(factsheet.Roster, id) }
	cols := []column{{h("id"), "text", 16}, {h("name"), "text", 30}, {h("role"), "role", 18}, {h("department"), "text", 16},
		{h("fixed"), "nonneg", 12}, {h("variable"), "nonneg", 14}, {h("days_worked"), "nonneg", 14}, {h("days_in_period"), "nonneg", 14}}
	if len(tw.s.DrawBalanceIDs()) > 0 {
		// A recoverable draw carries what each employee owes it.
		cols = append(cols, column{h("draw_balance"), "nonneg", 16})
	}
	if tw.s.Uses("", plan.ComponentOverride, "") {
		// Overrides are paid on the people below a manager.
		cols = append(cols, column{h("reports_to"), "text", 16})
	}
	var rows [][]string
	for _, e := range tw.o.Roster {
		rows = append(rows, []string{e.ID, e.Name, e.Role, e.Department, e.Fixed, e.Variable})
	}
	return tw.table(tw.sheet(factsheet.Roster), cols, rows, tw.inputRows(len(rows)))
}

// factColumns lists the Facts columns of all roles, in scheme order, with
// their kinds.
func factColumns(s *plan.Scheme) []column {
	var cols []column
	seen := map[string]bool{}
	add := func(id, kind string) {
		if !seen[strings.ToLower(id)] {
			seen[strings.ToLower(id)] = true
			cols = append(cols, column{name: id, kind: kind, width: 14})
		}
	}
	for _, r := range s.Roles {
		for _, c := range factsheet.FactColumns(r) {
			switch {
			case c.YesNo:
				add(c.ID, "yesno")
			case c.Share:
				add(c.ID, "percent")
			default:
				add(c.ID, "number")
			}
		}
	}
	return cols
}

func (tw *tmplWriter) facts() error {
	kpiCols := factColumns(tw.s)
	if len(kpiCols) == 0 {
		return nil
	}
	h := func(id string) string { return tw.heading(factsheet.Facts, id) }
	cols := append([]column{{h("id"), "text", 16}, {h("name"), "locked", 30}}, kpiCols...)
	var rows [][]string
	for i, e := range tw.o.Roster {
		rows = append(rows, []string{e.ID, fmt.Sprintf(`=IFERROR(VLOOKUP($A%d,%s!$A:$B,2,FALSE),"")`, i+2, xlsx.QuoteSheet(tw.sheet(factsheet.Roster)))})
	}
	return tw.table(tw.sheet(factsheet.Facts), cols, rows, tw.inputRows(len(rows)))
}

func (tw *tmplWriter) plans() error {
	var rows [][]string
	personal := func(k *plan.KPI) bool { return k.Norm == nil || (k.Weight != nil && k.Base == nil) }
	needed := len(tw.o.Plans) > 0
	for _, r := range tw.s.Roles {
		for _, k := range r.KPIs {
			if personal(k) {
				needed = true
			}
		}
	}
	if !needed {
		return nil
	}
	// Each person's plans carried over, then a row to fill for each KPI
	// the scheme leaves to a personal plan and none was carried for.
	carried := map[string][]factsheet.CarriedPlan{}
	for _, p := range tw.o.Plans {
		carried[p.ID] = append(carried[p.ID], p)
	}
	for _, e := range tw.o.Roster {
		have := map[string]bool{}
		for _, p := range carried[e.ID] {
			rows = append(rows, []string{p.ID, p.KPI, p.Base, p.Norm, p.Target})
			have[p.KPI] = true
		}
		for _, k := range tw.s.Role(e.Role).KPIs {
			if personal(k) && !have[k.ID] {
				rows = append(rows, []string{e.ID, k.ID})
			}
		}
	}
	h := func(id string) string { return tw.heading(factsheet.Plans, id) }
	cols := []column{{h("id"), "text", 16}, {h("kpi"), "text", 16}, {h("base"), "number", 14}, {h("norm"), "number", 14}, {h("target"), "number", 14}}
	return tw.table(tw.sheet(factsheet.Plans), cols, rows, tw.inputRows(len(rows)))
}

func (tw *tmplWriter) departments() error {
	_, team := tw.s.TeamFromMembers() // a team level summed from the members reads no table
	pool := tw.s.Uses("", plan.ComponentPool, "")
	if !team && !pool {
		return nil
	}
	var rows [][]string
	seen := map[string]bool{}
	for _, e := range tw.o.Roster {
		if e.Department != "" && !seen[e.Department] {
			seen[e.Department] = true
			rows = append(rows, []string{e.Department})
		}
	}
	h := func(id string) string { return tw.heading(factsheet.Departments, id) }
	cols := []column{{h("department"), "text", 16}}
	if team {
		cols = append(cols, column{h("fact"), "number", 14}, column{h("minimum"), "number", 14}, column{h("normal"), "number", 14}, column{h("maximum"), "number", 14})
	}
	if pool {
		cols = append(cols, column{h("pool"), "nonneg", 14})
	}
	return tw.table(tw.sheet(factsheet.Departments), cols, rows, max(len(rows), 20))
}

func (tw *tmplWriter) payments() error {
	needed := tw.s.Uses("", "", plan.SourcePayments)
	if !needed {
		return nil
	}
	h := func(id string) string { return tw.heading(factsheet.Payments, id) }
	cols := []column{{h("id"), "text", 16}, {h("customer"), "text", 30}, {h("amount"), "number", 14}, {h("due"), "date", 14}, {h("paid"), "date", 14}}
	return tw.table(tw.sheet(factsheet.Payments), cols, nil, tw.o.BlankRows)
}

// withDealsLine adds to the instructions, after the Payments line, what
// the Deals table holds: only a scheme that reads it has the line.
func withDealsLine(lines []string, lang string) []string {
	line := []string{
		"Deals: a row per deal and employee (date, amount, due date; paid date and amount as paid, a row per payment);",
		"  a credit note is a row under the deal's id with the amount below zero; a shared deal, a row per person with the share (shares sum to 100 %).",
	}
	if lang == "ru" {
		line = []string{
			"Сделки: строка на сделку и сотрудника (дата, сумма, срок оплаты; дата и сумма оплаты — по мере оплаты, строка на платёж);",
			"  корректировка (возврат) — строка с номером сделки и суммой меньше нуля; общая сделка — строка на каждого с его долей (доли в сумме 100 %).",
		}
	}
	out := make([]string, 0, len(lines)+len(line))
	for _, l := range lines {
		out = append(out, l)
		if strings.HasPrefix(l, "Payments:") || strings.HasPrefix(l, "Оплаты:") {
			out = append(out, line...)
		}
	}
	return out
}

func (tw *tmplWriter) deals() error {
	names, _ := factsheet.DealColumns(tw.s)
	if names == nil {
		return nil
	}
	kinds := map[string]column{
		"deal": {kind: "text", width: 16}, "id": {kind: "text", width: 16}, "client": {kind: "text", width: 30},
		"date": {kind: "date", width: 14}, "amount": {kind: "number", width: 14}, "margin": {kind: "number", width: 14},
		"due": {kind: "date", width: 14}, "paid": {kind: "date", width: 14}, "paid_amount": {kind: "nonneg", width: 14},
		"share": {kind: "percent", width: 10},
	}
	var cols []column
	for _, id := range names {
		c := kinds[id]
		c.name = tw.heading(factsheet.Deals, id)
		cols = append(cols, c)
	}
	return tw.table(tw.sheet(factsheet.Deals), cols, nil, tw.o.BlankRows)
}

// inputRows is how many rows a table prepares: the carried-over ones and
// room for new hires, or BlankRows for an empty table.
func (tw *tmplWriter) inputRows(prefilled int) int {
	if prefilled == 0 {
		return tw.o.BlankRows
	}
	return prefilled + 50
}

// Check reads a written template back with premia's own fact-sheet reader,
// as the month-end run will: it must open, and its roster must be the one
// carried into it.
func Check(path string, s *plan.Scheme, o Options) error {
	src, err := factsheet.Load(path)
	if err != nil {
		return err
	}
	defer src.Close()
	if len(o.Roster) == 0 {
		return src.Open()
	}
	got, err := src.ReadRoster(s)
	if err != nil {
		return err
	}
	if len(got) != len(o.Roster) {
		return fmt.Errorf("the template reads back with %d employees, not the %d carried into it", len(got), len(o.Roster))
	}
	for i := range got {
		if got[i].ID != o.Roster[i].ID {
			return fmt.Errorf("the template's employee %d reads back as %q, not %q", i+1, got[i].ID, o.Roster[i].ID)
		}
	}
	if len(o.Plans) > 0 {
		plans, err := src.ReadPlansFor(s, got)
		if err != nil {
			return err
		}
		back := map[[2]string]factsheet.CarriedPlan{}
		for _, p := range plans {
			back[[2]string{p.ID, p.KPI}] = p
		}
		for _, p := range o.Plans {
			if got, ok := back[[2]string{p.ID, p.KPI}]; !ok || got != p {
				return fmt.Errorf("the template's plan of %s for %s reads back as %+v, not the %+v carried into it", p.KPI, p.ID, got, p)
			}
		}
	}
	return nil
}

// Entered reports the first cell of the workbook at path that holds what
// the fresh template (its bytes) does not: data a clerk entered, which
// writing the template over the file would lose. It returns "" when every
// cell of the file is the template's own (a template written before and
// not filled in). A file that is not a workbook it can read is reported
// too: the template must not replace what it cannot see.
func Entered(path string, fresh []byte) (where string, err error) {
	old, err := excelize.OpenFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: is not a workbook premia can read (%v)", path, err)
	}
	defer old.Close()
	now, err := excelize.OpenReader(bytes.NewReader(fresh))
	if err != nil {
		return "", err
	}
	defer now.Close()
	for _, sheet := range old.GetSheetList() {
		oldRows, err := old.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", fmt.Errorf("%s: sheet %q cannot be read (%v)", path, sheet, err)
		}
		newRows, _ := now.GetRows(sheet, excelize.Options{RawCellValue: true}) // a sheet the template has not: none
		for r, row := range oldRows {
			for c, v := range row {
				if strings.TrimSpace(v) == "" {
					continue
				}
				if r < len(newRows) && c < len(newRows[r]) && newRows[r][c] == v {
					continue
				}
				return fmt.Sprintf("sheet %q %s", sheet, xlsx.CellName(c+1, r+1)), nil
			}
		}
	}
	return "", nil
}
