// Package workbook reads fact sheets (.xlsx, or a folder of .csv tables) and,
// later, writes reports. It is the only package that imports excelize.
package workbook

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// Table names of a fact sheet, and the sheet (or file) names accepted for each.
const (
	Roster      = "Roster"
	Facts       = "Facts"
	Plans       = "Plans"
	Departments = "Departments"
	Payments    = "Payments"
)

var aliases = map[string][]string{
	Roster:      {"roster", "сотрудники"},
	Facts:       {"facts", "факты"},
	Plans:       {"plans", "планы"},
	Departments: {"departments", "отделы"},
	Payments:    {"payments", "оплаты"},
}

// Limits on what a fact sheet may be; a larger file is refused, not read.
const (
	MaxFileBytes     = 512 << 20
	MaxUnzippedBytes = 2 << 30
	MaxXMLBytes      = 1 << 30
	maxProblems      = 50
)

type table struct {
	name    string // canonical name
	file    string
	sheet   string // as found in the workbook; "" for CSV
	rows    [][]string
	numeric func(r, c int) bool // stored as a number (xlsx)
	header  map[string]int
	hrow    int
	// What a workbook can hide from a clerk, found when it is opened.
	hidden     bool                  // the sheet is hidden
	hiddenRows map[int]bool          // non-blank rows hidden or filtered out
	merges     []mergeRange          // merged ranges
	formulaAt  func(r, c int) string // the formula of a blank cell, if any (xlsx)
	readError  func(r, c int) error  // why a cell that reads blank could not be read, if so (xlsx)
	suspect    func(r, c int) bool   // whether a blank cell needs readError and formulaAt (nil: always)
	errorsAt   map[[2]int]bool       // cells holding an Excel error value
	bools      map[[2]int]bool       // TRUE/FALSE cells (stored as 1/0)
	totals     int                   // the totals row, or -1
	lines      []int                 // CSV: the line each record starts on
}

func (t *table) loc(r, c int) string {
	if t.sheet == "" {
		return fmt.Sprintf("%s:%d:%d", t.file, t.line(r), c+1)
	}
	cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return fmt.Sprintf("%s: sheet %q %s", t.file, t.sheet, cell)
}

func (t *table) rowLoc(r int) string {
	if t.sheet == "" {
		return fmt.Sprintf("%s:%d", t.file, t.line(r))
	}
	return fmt.Sprintf("%s: sheet %q row %d", t.file, t.sheet, r+1)
}

// line is the line of a CSV record in its file (records can span lines).
func (t *table) line(r int) int {
	if r < len(t.lines) {
		return t.lines[r]
	}
	return r + 1
}

func (t *table) where() string {
	if t.sheet == "" {
		return t.file
	}
	return fmt.Sprintf("%s: sheet %q", t.file, t.sheet)
}

func (t *table) cell(r, c int) string {
	if c < 0 || r >= len(t.rows) || c >= len(t.rows[r]) {
		return ""
	}
	return t.rows[r][c]
}

// problems collects located errors up to a cap.
type problems struct {
	errs    []error
	dropped int
}

func (p *problems) add(format string, args ...any) {
	if len(p.errs) >= maxProblems {
		p.dropped++
		return
	}
	p.errs = append(p.errs, fmt.Errorf(format, args...))
}

func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := p.errs
	if p.dropped > 0 {
		errs = append(errs, fmt.Errorf("... and %d more problems", p.dropped))
	}
	return errors.Join(errs...)
}

// Read loads the fact sheet at path (an .xlsx file or a folder of CSV files)
// for the scheme s. Every problem found is reported, located, joined.
// Warnings (such as unknown columns) do not stop the run.
func Read(path string, s *plan.Scheme, period string) (in *calc.Input, warnings []string, err error) {
	b, err := open(path)
	if err != nil {
		return nil, nil, err
	}
	defer b.close()
	r := &reader{s: s, book: b, tables: b.tables, date1904: b.date1904, path: path}
	in = &calc.Input{Period: period, Source: path, Departments: map[string]calc.Department{}}
	r.read(in)
	if err := r.p.err(); err != nil {
		return nil, r.warnings, err
	}
	return in, r.warnings, nil
}

type reader struct {
	s        *plan.Scheme
	book     *book
	path     string
	tables   map[string]*table
	date1904 bool
	p        problems
	warnings []string
}

// normHeader folds a header cell: case, surrounding and non-breaking spaces,
// and spaces or hyphens inside become underscores.
func normHeader(h string) string {
	h = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u202f', ' ', '-':
			return '_'
		case '\u200b', '\ufeff':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(strings.Trim(h, "\u00a0\u202f\u200b"))))
	return strings.Trim(h, "_")
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// need finds a table and its header row, checking the required columns.
func (r *reader) need(name string, required bool, cols ...string) *table {
	t := r.tables[name]
	if t == nil {
		if like, ok := r.book.lookAlikes[name]; ok {
			r.p.add("%s: %q looks like %s but has Cyrillic letters that only look Latin: retype the name", r.path, like, name)
		} else if required {
			present := r.book.sheets
			if len(present) == 0 {
				present = []string{"none"}
			}
			r.p.add("%s: no %s table (a sheet named %q, or %s.csv in a folder); found: %s", r.path, name, name, strings.ToLower(name), quoteAll(present))
		}
		return nil
	}
	if t.hidden {
		r.p.add("%s: the sheet is hidden: unhide it, so that what is computed is what people see", t.where())
	}
	t.hrow = -1
	for i, row := range t.rows {
		if !blankRow(row) {
			t.hrow = i
			break
		}
	}
	if t.hrow < 0 {
		r.p.add("%s: the table is empty: its first row must hold the column names %s", t.where(), strings.Join(cols, ", "))
		return nil
	}
	for _, m := range t.merges {
		switch {
		case m.r1 <= t.hrow && m.r2 >= t.hrow:
			r.p.add("%s: merged header cells %s: unmerge them and give each column its own name", t.where(), m.ref)
		case m.r1 > t.hrow:
			r.p.add("%s: merged cells %s in the data: unmerge them and fill every cell (a merged range holds its value in the first cell only)", t.where(), m.ref)
		}
	}
	t.header = map[string]int{}
	for c, h := range t.rows[t.hrow] {
		n := normHeader(h)
		if n == "" {
			continue
		}
		if prev, dup := t.header[n]; dup {
			r.p.add("%s: column %q appears twice (also at %s)", t.loc(t.hrow, c), h, t.loc(t.hrow, prev))
			continue
		}
		t.header[n] = c
	}
	ok := true
	for _, c := range cols {
		if _, has := t.header[c]; !has {
			r.p.add("%s: no column %q in the header row %d; columns found: %s", t.where(), c, t.hrow+1, strings.Join(headerList(t), ", "))
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return t
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

func headerList(t *table) []string {
	var hs []string
	for _, h := range t.rows[t.hrow] {
		if strings.TrimSpace(h) != "" {
			hs = append(hs, fmt.Sprintf("%q", h))
		}
	}
	if len(hs) == 0 {
		return []string{"none"}
	}
	return hs
}

func (t *table) col(name string) int {
	if c, ok := t.header[name]; ok {
		return c
	}
	return -1
}

// totalsID is a totals row's first cell: the word alone ("Итого", "Total:"),
// never a name that starts with it ("Total Petroleum").
var totalsID = regexp.MustCompile(`(?i)^(итого|всего|total|totals|grand total)\s*[:.]?$`)

// dataRows yields the table's data rows: blank rows are skipped; a totals
// row ("Итого", "Total") is never an employee, and rows under it are notes.
// Hidden or filtered-out rows are errors: a clerk cannot check what they
// cannot see.
func (r *reader) dataRows(t *table, each func(row int)) {
	t.totals = -1
	for i := t.hrow + 1; i < len(t.rows); i++ {
		if blankRow(t.rows[i]) {
			continue
		}
		if totalsID.MatchString(strings.TrimSpace(firstNonBlank(t.rows[i]))) {
			t.totals = i
			notes := 0
			for j := i + 1; j < len(t.rows); j++ {
				switch n := nonBlankCells(t.rows[j]); {
				case n == 1:
					notes++
				case n > 1:
					// A row of data under the totals row would silently leave
					// someone unpaid: it must move above it.
					r.p.add("%s: a row with data under the totals row (%s): move it above the totals row, or delete it", t.rowLoc(j), t.rowLoc(i))
				}
			}
			if notes > 0 {
				r.warnings = append(r.warnings, fmt.Sprintf("%s: %d one-cell rows under the totals row are taken as notes and not read", t.where(), notes))
			}
			return
		}
		if t.hiddenRows[i] {
			r.p.add("%s: the row is hidden or filtered out: show every row (clear filters, unhide rows), since premia reads hidden rows too", t.rowLoc(i))
			continue
		}
		each(i)
	}
}

func nonBlankCells(row []string) int {
	n := 0
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			n++
		}
	}
	return n
}

// checkTotals compares a totals row, where there is one, with the sums of
// the values read above it, column by column.
func (r *reader) checkTotals(t *table, sums map[int]decimal.Decimal) {
	if t.totals < 0 {
		return
	}
	cols := make([]int, 0, len(sums))
	for c := range sums {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, c := range cols {
		raw := t.cell(t.totals, c)
		if strings.TrimSpace(raw) == "" {
			continue
		}
		want, err := ParseNumber(raw)
		if err != nil {
			if want, err = ParseStored(raw); err != nil {
				continue
			}
		}
		if !want.Equal(sums[c]) {
			r.p.add("%s: the totals row says %s but the rows above sum to %s: a row is missing, extra or changed", t.loc(t.totals, c), raw, sums[c].String())
		}
	}
}

func firstNonBlank(row []string) string {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// text returns a cleaned text cell.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00a0' || r == '\u202f':
			return ' '
		case unicode.Is(unicode.Cf, r):
			return -1 // invisible format characters: zero-width spaces and joiners, soft hyphens, BOMs
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// number parses the cell at (row, col); blank gives nil with no error
// (unless a formula there lost its result).
func (r *reader) number(t *table, row, col int) (*calc.Value, bool) {
	raw := t.cell(row, col)
	if strings.TrimSpace(raw) == "" {
		if msg := r.blankFormula(t, row, col); msg != "" {
			r.p.add("%s", msg)
			return nil, false
		}
		return nil, true
	}
	if t.bools[[2]int{row, col}] {
		r.p.add("%s: a TRUE/FALSE cell where a number is expected: type the number", t.loc(row, col))
		return nil, false
	}
	if t.errorsAt[[2]int{row, col}] || excelErrors[raw] {
		r.p.add("%s: the Excel error %s where a number is expected: fix the formula or type the value", t.loc(row, col), raw)
		return nil, false
	}
	d, err := ParseNumber(raw)
	if err != nil && looksAmbiguous(raw) && t.numeric(row, col) {
		d, err = ParseStored(raw)
	}
	if err != nil {
		if placeholders[strings.ToLower(strings.TrimSpace(raw))] {
			r.p.add("%s: %q is not a number: write the value, or 0 if it is zero", t.loc(row, col), raw)
		} else {
			r.p.add("%s: %q is not a number%s", t.loc(row, col), raw, reason(err))
		}
		return nil, false
	}
	return &calc.Value{V: d, Src: t.loc(row, col)}, true
}

// placeholders are what clerks write for "no value".
var placeholders = map[string]bool{"-": true, "—": true, "–": true, "н/д": true, "нд": true, "n/a": true, "na": true, "нет данных": true, "?": true}

// blankFormula explains a cell that reads blank but is not empty: a formula
// with no saved result, or a value that cannot be read (a broken
// shared-string index). It returns "" for a truly blank cell.
func (r *reader) blankFormula(t *table, row, col int) string {
	if t.suspect != nil && !t.suspect(row, col) {
		return "" // the raw XML shows neither a formula nor a broken string here
	}
	if t.readError != nil {
		if err := t.readError(row, col); err != nil {
			return fmt.Sprintf("%s: the cell cannot be read (%v): the file is damaged; open and save it in Excel, or send a fresh copy", t.loc(row, col), err)
		}
	}
	if t.formulaAt == nil {
		return ""
	}
	if f := t.formulaAt(row, col); f != "" {
		return fmt.Sprintf("%s: the formula =%s has no saved result (the file was written by a program, or calculation is off): open it in Excel or LibreOffice, recalculate, save, and run again", t.loc(row, col), f)
	}
	return ""
}

func (r *reader) read(in *calc.Input) {
	byID := r.roster(in)
	if byID == nil {
		return
	}
	r.facts(in, byID)
	r.plans(in, byID)
	r.departments(in)
	r.payments(in, byID)
}

// ReadPlans reads the roster and the personal plans of a fact sheet: what a
// next-period plan needs, without the month's facts.
func ReadPlans(path string, s *plan.Scheme) (*calc.Input, error) {
	b, err := open(path)
	if err != nil {
		return nil, err
	}
	defer b.close()
	r := &reader{s: s, book: b, tables: b.tables, date1904: b.date1904, path: path}
	in := &calc.Input{Source: path, Departments: map[string]calc.Department{}}
	if byID := r.roster(in); byID != nil {
		r.plans(in, byID)
	}
	if err := r.p.err(); err != nil {
		return nil, err
	}
	return in, nil
}

// roster reads the Roster table into in and returns the row index of each
// employee id, or nil when there is no usable roster.
func (r *reader) roster(in *calc.Input) map[string]int {
	s := r.s
	rt := r.need(Roster, true, "id", "name", "role")
	if rt == nil {
		return nil
	}
	if r.book.manualCalc {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: the workbook is set to manual calculation, so formula results may be stale: recalculate (F9) and save before running premia", r.path))
	}
	byID := map[string]int{}
	folded := map[string]int{} // ids with look-alike letters folded
	sums := map[int]decimal.Decimal{}
	idCol, nameCol, roleCol := rt.col("id"), rt.col("name"), rt.col("role")
	deptCol := rt.col("department")
	r.dataRows(rt, func(row int) {
		id, ok := r.id(rt, row, idCol)
		if !ok {
			return
		}
		if prev, dup := byID[id]; dup {
			r.p.add("%s: employee %q appears twice in the roster (also at %s)", rt.loc(row, idCol), id, in.Employees[prev].Src)
			return
		}
		if prev, alike := folded[FoldLookAlikes(id)]; alike {
			r.p.add("%s: employee id %q looks the same as %q (at %s) but is spelt with other letters: one person twice?", rt.loc(row, idCol), id, in.Employees[prev].ID, in.Employees[prev].Src)
			return
		}
		if cleanText(rt.cell(row, nameCol)) == "" {
			r.p.add("%s: the name of %q is blank", rt.loc(row, nameCol), id)
			return
		}
		e := calc.Employee{ID: id, Name: cleanText(rt.cell(row, nameCol)), Role: cleanText(rt.cell(row, roleCol)),
			Department: cleanText(rt.cell(row, deptCol)), Src: rt.rowLoc(row), Facts: map[string]calc.Value{}, Plans: map[string]calc.Plan{}}
		if s.Role(e.Role) == nil {
			var ids []string
			for _, ro := range s.Roles {
				ids = append(ids, ro.ID)
			}
			r.p.add("%s: role %q is not in the scheme; its roles: %s", rt.loc(row, roleCol), e.Role, strings.Join(ids, ", "))
			return
		}
		for _, f := range []struct {
			col string
			dst **calc.Value
		}{{"fixed", &e.Fixed}, {"variable", &e.Variable}, {"days_worked", &e.DaysWorked}, {"days_in_period", &e.DaysInPeriod}} {
			if c := rt.col(f.col); c >= 0 {
				if v, ok := r.number(rt, row, c); ok && v != nil {
					*f.dst = v
					sums[c] = sums[c].Add(v.V)
				}
			}
		}
		byID[id] = len(in.Employees)
		folded[FoldLookAlikes(id)] = len(in.Employees)
		in.Employees = append(in.Employees, e)
	})
	r.checkTotals(rt, sums)
	for c, h := range rt.rows[rt.hrow] {
		if n := normHeader(h); n != "" && !oneOf(n, "id", "name", "role", "department", "fixed", "variable", "days_worked", "days_in_period") {
			r.warnings = append(r.warnings, fmt.Sprintf("%s: column %q is not used", rt.loc(rt.hrow, c), h))
		}
	}
	return byID
}

var numericID = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$`)

// id reads an employee id cell: blank, mangled by Excel's number format, or
// mixing look-alike Latin and Cyrillic letters, it is refused with the cell named.
func (r *reader) id(t *table, row, col int) (string, bool) {
	raw := t.cell(row, col)
	id := cleanText(raw)
	switch {
	case id == "":
		if msg := r.blankFormula(t, row, col); msg != "" {
			r.p.add("%s", msg)
		} else {
			r.p.add("%s: the employee id is blank", t.loc(row, col))
		}
		return "", false
	case numericID.MatchString(id):
		r.p.add("%s: the id %q was stored as a number and has lost digits: format the id column as text and type the ids again", t.loc(row, col), id)
		return "", false
	case mixedScripts(id):
		r.p.add("%s: the id %q mixes Latin and Cyrillic letters that look alike (as %q): retype it in one alphabet", t.loc(row, col), id, FoldLookAlikes(id))
		return "", false
	}
	return id, true
}

// mixedScripts reports whether s has both Latin and Cyrillic letters.
func mixedScripts(s string) bool {
	latin, cyrillic := false, false
	for _, c := range s {
		switch {
		case unicode.In(c, unicode.Latin):
			latin = true
		case unicode.In(c, unicode.Cyrillic):
			cyrillic = true
		}
	}
	return latin && cyrillic
}

// notInRoster reports an id that the roster lacks, with the roster id it
// was probably meant to be: leading zeros lost, or look-alike letters.
func (r *reader) notInRoster(t *table, row, col int, id string, byID map[string]int, in *calc.Input) {
	hint := ""
	for _, e := range in.Employees {
		if FoldLookAlikes(e.ID) == FoldLookAlikes(id) || strings.TrimLeft(e.ID, "0") == strings.TrimLeft(id, "0") && e.ID != id {
			hint = fmt.Sprintf(" (the roster has %q: leading zeros lost or a look-alike letter? format ids as text)", e.ID)
			break
		}
	}
	r.p.add("%s: employee %q is not in the roster%s", t.loc(row, col), id, hint)
}

func oneOf(v string, set ...string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// columnsFor lists the Facts columns a role needs, and which are yes/no.
// The facts are stored under the scheme's ids as written; the column is
// found by the folded header (case, spaces and - vs _ do not matter).
func columnsFor(role *plan.Role) (cols []string, yesno map[string]bool) {
	yesno = map[string]bool{}
	for _, k := range role.KPIs {
		if k.Source != plan.SourcePayments {
			cols = append(cols, k.ID)
		}
	}
	for _, c := range role.Conditions {
		cols = append(cols, c.ID)
		yesno[c.ID] = true
	}
	for _, m := range role.Modifiers {
		if m.Fact != "" {
			cols = append(cols, m.Fact)
		}
	}
	return cols, yesno
}

func (r *reader) facts(in *calc.Input, byID map[string]int) {
	anyNeeded := false
	known := map[string]bool{"id": true, "name": true, "role": true, "department": true}
	for _, ro := range r.s.Roles {
		cols, _ := columnsFor(ro)
		for _, c := range cols {
			known[normHeader(c)] = true
			anyNeeded = true
		}
	}
	ft := r.need(Facts, anyNeeded, "id")
	if ft == nil {
		return
	}
	for c, h := range ft.rows[ft.hrow] {
		if n := normHeader(h); n != "" && !known[n] {
			r.warnings = append(r.warnings, fmt.Sprintf("%s: column %q is not a KPI, condition or fact of the scheme: it is not used", ft.loc(ft.hrow, c), h))
		}
	}
	missingCol := map[string]bool{}
	seen := map[string]int{}
	sums := map[int]decimal.Decimal{}
	idCol := ft.col("id")
	r.dataRows(ft, func(row int) {
		id, ok := r.id(ft, row, idCol)
		if !ok {
			return
		}
		if prev, dup := seen[id]; dup {
			r.p.add("%s: employee %q has two rows of facts (also at %s)", ft.loc(row, idCol), id, ft.rowLoc(prev))
			return
		}
		seen[id] = row
		i, ok := byID[id]
		if !ok {
			r.notInRoster(ft, row, idCol, id, byID, in)
			return
		}
		e := &in.Employees[i]
		cols, yesno := columnsFor(r.s.Role(e.Role))
		for _, name := range cols {
			c := ft.col(normHeader(name))
			if c < 0 {
				if !missingCol[name] {
					missingCol[name] = true
					r.p.add("%s: no column %q, needed by role %q; columns found: %s", ft.where(), name, e.Role, strings.Join(headerList(ft), ", "))
				}
				continue
			}
			raw := ft.cell(row, c)
			if strings.TrimSpace(raw) == "" {
				if msg := r.blankFormula(ft, row, c); msg != "" {
					r.p.add("%s", msg)
				} else {
					r.p.add("%s: blank, but %s needs a value for %q (a blank is never taken as zero: write 0 if it is zero)", ft.loc(row, c), id, name)
				}
				continue
			}
			if yesno[name] {
				b, err := ParseYesNo(raw)
				if err != nil {
					r.p.add("%s: %q is not yes or no (write yes/no, да/нет or 1/0)", ft.loc(row, c), raw)
					continue
				}
				v := decimal.Zero
				if b {
					v = decimal.New(1, 0)
				}
				e.Facts[name] = calc.Value{V: v, Src: ft.loc(row, c)}
				continue
			}
			if v, ok := r.number(ft, row, c); ok && v != nil {
				e.Facts[name] = *v
				sums[c] = sums[c].Add(v.V)
			}
		}
	})
	r.checkTotals(ft, sums)
	for _, e := range in.Employees {
		if cols, _ := columnsFor(r.s.Role(e.Role)); len(cols) > 0 {
			if _, ok := seen[e.ID]; !ok {
				r.p.add("%s: employee %q has no row in the Facts table", e.Src, e.ID)
			}
		}
	}
}

func (r *reader) plans(in *calc.Input, byID map[string]int) {
	pt := r.need(Plans, false, "id", "kpi")
	if pt == nil {
		return
	}
	idCol, kpiCol := pt.col("id"), pt.col("kpi")
	seen := map[[2]string]int{}
	r.dataRows(pt, func(row int) {
		id, kid := cleanText(pt.cell(row, idCol)), cleanText(pt.cell(row, kpiCol))
		i, ok := byID[id]
		if !ok {
			r.notInRoster(pt, row, idCol, id, byID, in)
			return
		}
		e := &in.Employees[i]
		k := r.s.Role(e.Role).KPI(kid)
		if k == nil {
			r.p.add("%s: KPI %q is not a KPI of role %q", pt.loc(row, kpiCol), kid, e.Role)
			return
		}
		key := [2]string{id, k.ID}
		if prev, dup := seen[key]; dup {
			r.p.add("%s: a second plan for %s / %s (also at %s)", pt.rowLoc(row), id, k.ID, pt.rowLoc(prev))
			return
		}
		seen[key] = row
		var p calc.Plan
		for _, f := range []struct {
			col string
			dst **calc.Value
		}{{"base", &p.Base}, {"norm", &p.Norm}, {"target", &p.Target}} {
			if c := pt.col(f.col); c >= 0 {
				if v, ok := r.number(pt, row, c); ok {
					*f.dst = v
				}
			}
		}
		e.Plans[k.ID] = p
	})
}

func (r *reader) departments(in *calc.Input) {
	team := r.s.Uses(plan.ModifierTeam, "", "")
	pool := r.s.Uses("", plan.ComponentPool, "")
	cols := []string{"department"}
	if team {
		cols = append(cols, "fact", "minimum", "normal", "maximum")
	}
	if pool {
		cols = append(cols, "pool")
	}
	dt := r.need(Departments, team || pool, cols...)
	if dt == nil {
		return
	}
	dc := dt.col("department")
	r.dataRows(dt, func(row int) {
		d := calc.Department{ID: cleanText(dt.cell(row, dc)), Src: dt.rowLoc(row)}
		if d.ID == "" {
			r.p.add("%s: the department's name is blank", dt.loc(row, dc))
			return
		}
		if _, dup := in.Departments[d.ID]; dup {
			r.p.add("%s: department %q appears twice", dt.loc(row, dc), d.ID)
			return
		}
		ok := true
		var poolValue calc.Value
		for _, f := range []struct {
			col string
			dst *calc.Value
		}{{"fact", &d.Fact}, {"minimum", &d.Minimum}, {"normal", &d.Normal}, {"maximum", &d.Maximum}, {"pool", &poolValue}} {
			c := dt.col(f.col)
			if c < 0 {
				continue
			}
			v, good := r.number(dt, row, c)
			if good && v == nil {
				r.p.add("%s: blank, but department %q needs its %s", dt.loc(row, c), d.ID, f.col)
				good = false
			}
			if !good {
				ok = false
				continue
			}
			*f.dst = *v
		}
		if ok && team && (d.Normal.V.LessThan(d.Minimum.V) || d.Maximum.V.LessThan(d.Normal.V)) {
			r.p.add("%s: department %q plans must rise: minimum %s ≤ normal %s ≤ maximum %s", dt.rowLoc(row), d.ID, d.Minimum.V, d.Normal.V, d.Maximum.V)
			ok = false
		}
		if ok && pool {
			if poolValue.V.IsNegative() {
				r.p.add("%s: department %q has a negative pool %s", poolValue.Src, d.ID, poolValue.V)
				ok = false
			}
			d.Pool = &poolValue
		}
		if ok {
			in.Departments[d.ID] = d
		}
	})
}

func (r *reader) payments(in *calc.Input, byID map[string]int) {
	needed := r.s.Uses("", "", plan.SourcePayments)
	pt := r.need(Payments, needed, "id", "customer", "amount", "due", "paid")
	if pt == nil {
		return
	}
	idCol := pt.col("id")
	total, inPeriod := 0, 0
	r.dataRows(pt, func(row int) {
		id := cleanText(pt.cell(row, idCol))
		i, ok := byID[id]
		if !ok {
			r.notInRoster(pt, row, idCol, id, byID, in)
			return
		}
		p := calc.Payment{Customer: cleanText(pt.cell(row, pt.col("customer"))), Src: pt.rowLoc(row)}
		amount, good := r.number(pt, row, pt.col("amount"))
		if good && amount == nil {
			r.p.add("%s: blank, but a payment needs its amount", pt.loc(row, pt.col("amount")))
			return
		}
		if !good {
			return
		}
		p.Amount = *amount
		due, good := r.date(pt, row, pt.col("due"))
		if good && due == nil {
			r.p.add("%s: blank, but a payment needs its due date", pt.loc(row, pt.col("due")))
			return
		}
		if !good {
			return
		}
		p.Due = *due
		paid, good := r.date(pt, row, pt.col("paid"))
		if !good {
			return
		}
		p.Paid = paid
		in.Employees[i].Payments = append(in.Employees[i].Payments, p)
		total++
		if paid != nil && paid.Format("2006-01") == in.Period {
			inPeriod++
		}
	})
	if total > 0 && inPeriod == 0 && in.Period != "" {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: none of the %d payments was received in %s: is --period right?", pt.where(), total, in.Period))
	}
}

var (
	isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	ruDate  = regexp.MustCompile(`^\d{2}\.\d{2}\.\d{4}$`)
	serial  = regexp.MustCompile(`^\d{1,6}(\.\d+)?$`)
)

// date reads a date cell: an Excel serial number (1900 or 1904 system),
// YYYY-MM-DD or DD.MM.YYYY. Blank gives nil with no error.
func (r *reader) date(t *table, row, col int) (*time.Time, bool) {
	raw := cleanText(t.cell(row, col))
	var d time.Time
	var err error
	switch {
	case raw == "":
		if msg := r.blankFormula(t, row, col); msg != "" {
			r.p.add("%s", msg)
			return nil, false
		}
		return nil, true
	case isoDate.MatchString(raw):
		d, err = time.Parse("2006-01-02", raw)
	case ruDate.MatchString(raw):
		d, err = time.Parse("02.01.2006", raw)
	case serial.MatchString(raw) && t.sheet != "":
		days, _ := decimal.NewFromString(raw)
		epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		if r.date1904 {
			epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		d = epoch.AddDate(0, 0, int(days.IntPart()))
	default:
		err = errors.New("unknown form")
	}
	if err != nil {
		r.p.add("%s: %q is not a date (write 2026-10-31 or 31.10.2026, or format the cell as a date)", t.loc(row, col), raw)
		return nil, false
	}
	if d.Year() < 1990 || d.Year() > 2100 {
		r.p.add("%s: %q is the date %s, outside 1990-2100: a typing slip?", t.loc(row, col), raw, d.Format("2006-01-02"))
		return nil, false
	}
	return &d, true
}

// reason renders a parse error as a suffix: ": why", or nothing when it would
// only repeat "not a number".
func reason(err error) string {
	if err == nil || err.Error() == "not a number" {
		return ""
	}
	return ": " + err.Error()
}
