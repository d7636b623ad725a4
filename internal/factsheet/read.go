package factsheet

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// maxProblems caps the problems listed for one fact sheet.
const maxProblems = 50

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

// Options shape a read.
type Options struct {
	// Period is the pay period given on the command line (YYYY-MM), or "".
	// The fact sheet may state its own; the two must agree.
	Period string
}

// Read reads the fact sheet for the scheme s: every problem found is
// reported, located, joined. Warnings (such as unknown columns) do not stop
// the run. The input's Period is the fact sheet's or the option's.
func (src *Source) Read(s *plan.Scheme, o Options) (in *calc.Input, warnings []string, err error) {
	b, err := src.open()
	if err != nil {
		return nil, nil, err
	}
	r := newReader(s, b)
	in = &calc.Input{Source: src.Path, Departments: map[string]calc.Department{}}
	in.Period = r.period(o.Period)
	r.others()
	if byID := r.roster(in); byID != nil {
		r.facts(in, byID)
		r.plans(in, byID)
		r.departments(in)
		r.payments(in, byID)
	}
	if err := r.p.err(); err != nil {
		return nil, r.warnings, err
	}
	return in, r.warnings, nil
}

// ReadPlans reads the roster and the personal plans of a fact sheet: what a
// next-period plan needs, without the month's facts.
func (src *Source) ReadPlans(s *plan.Scheme) (*calc.Input, error) {
	b, err := src.open()
	if err != nil {
		return nil, err
	}
	r := newReader(s, b)
	in := &calc.Input{Source: src.Path, Departments: map[string]calc.Department{}}
	if byID := r.roster(in); byID != nil {
		r.plans(in, byID)
	}
	if err := r.p.err(); err != nil {
		return nil, err
	}
	return in, nil
}

type reader struct {
	s        *plan.Scheme
	b        *book
	path     string
	p        problems
	warnings []string
	// textNumbers: per table and column, the cells read as numbers from text
	// (a totals row's SUM in Excel leaves them out).
	textNumbers map[*table]map[int][]row
	// periodWrong: the command line and the fact sheet disagree on the period.
	periodWrong bool
	// factCols caches FactColumns by role.
	factCols map[*plan.Role][]FactColumn
}

// col is the fact column's column in the Facts table, found once.
func (fc *FactColumn) col(t *table) int {
	if fc.at == 0 {
		fc.at = -1
		if c := t.col(fc.ID); c > 0 {
			fc.at = c
		}
	}
	return max(fc.at, 0)
}

// factColumns is FactColumns, once per role.
func (r *reader) factColumns(role *plan.Role) []FactColumn {
	if cols, ok := r.factCols[role]; ok {
		return cols
	}
	if r.factCols == nil {
		r.factCols = map[*plan.Role][]FactColumn{}
	}
	cols := FactColumns(role)
	r.factCols[role] = cols
	return cols
}

func newReader(s *plan.Scheme, b *book) *reader {
	return &reader{s: s, b: b, path: b.src.Path, textNumbers: map[*table]map[int][]row{}}
}

func (r *reader) warn(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// factHeadings maps the folded ids and titles of the scheme's Facts columns
// to their ids. A title that folds like another column's id or heading, or
// like another title, is left out: it would be ambiguous.
func (r *reader) factHeadings() map[string]string {
	out := map[string]string{}
	titles := map[string]string{}
	clash := map[string]bool{}
	fixed := headings(Facts)
	for _, ro := range r.s.Roles {
		for _, c := range FactColumns(ro) {
			out[Fold(c.ID)] = c.ID
			if t := Fold(c.Title); t != "" {
				if prev, ok := titles[t]; ok && prev != c.ID {
					clash[t] = true
				}
				titles[t] = c.ID
			}
		}
	}
	for t, id := range titles {
		if _, taken := out[t]; taken || clash[t] || fixed[t] != "" {
			continue
		}
		out[t] = id
	}
	return out
}

// need finds a table and its header row, checking the columns it must
// have; the first of cols is the table's key column, by which its header
// row is found (a title above the header is allowed).
func (r *reader) need(name string, required bool, cols ...string) *table {
	t := r.b.tables[name]
	layout := Table(name)
	if t == nil {
		if like, ok := r.b.lookAlikes[name]; ok {
			r.p.add("%s: %q looks like %s but has Cyrillic letters that only look Latin: retype the name", r.path, like, name)
		} else if required {
			present := r.b.sheets
			if len(present) == 0 {
				present = []string{"none"}
			}
			r.p.add("%s: no %s table (a sheet named %q or %q, or %s.csv in a folder); found: %s", r.path, name, name, layout.Ru, strings.ToLower(name), quoteAll(present))
		}
		return nil
	}
	if t.hidden {
		r.p.add("%s: the sheet is hidden: unhide it, so that what is computed is what people see", t.where())
	}
	known := headings(name)
	if name == Facts {
		for k, v := range r.factHeadings() {
			known[k] = v
		}
	}
	key := cols[0]
	t.hrow = -1
	first := -1
	for i, rw := range t.rows {
		if i > 50 {
			break
		}
		if t.nonBlank(rw) == 0 {
			continue
		}
		if first < 0 {
			first = i
		}
		has := false
		t.each(rw, func(_ int, text string) { has = has || known[Fold(text)] == key })
		if has {
			t.hrow = i
			break
		}
	}
	if t.hrow < 0 {
		t.hrow = first
	}
	if t.hrow < 0 {
		r.p.add("%s: the table is empty: its first row must hold the column names %s", t.where(), strings.Join(cols, ", "))
		return nil
	}
	hnum := t.rows[t.hrow].num
	for i := 0; i < t.hrow; i++ {
		figures := 0
		t.each(t.rows[i], func(_ int, text string) {
			if _, _, err := ParseNumber(text); err == nil {
				figures++
			}
		})
		if figures >= 2 {
			r.p.add("%s: row %d holds figures above the header row %d: move them under the header, or delete the row", t.where(), t.rows[i].num, hnum)
		}
	}
	if t.xs != nil {
		for _, m := range t.xs.Merges {
			switch {
			case m.Row1 <= hnum && m.Row2 >= hnum:
				r.p.add("%s: merged header cells %s: unmerge them and give each column its own name", t.where(), m.Ref)
			case m.Row1 > hnum:
				r.p.add("%s: merged cells %s in the data: unmerge them and fill every cell (a merged range holds its value in the first cell only)", t.where(), m.Ref)
			}
		}
	}
	t.cols, t.heading = map[string]int{}, map[int]string{}
	hr := t.rows[t.hrow]
	var unknown []int
	t.each(hr, func(col int, text string) {
		t.heading[col] = text
		id := known[Fold(text)]
		if id == "" {
			unknown = append(unknown, col)
			return
		}
		if prev, dup := t.cols[id]; dup {
			r.p.add("%s: column %q appears twice (also at %s)", t.loc(hr, col), text, t.loc(hr, prev))
			return
		}
		t.cols[id] = col
	})
	for _, col := range unknown {
		if name == Facts {
			r.warn("%s: column %q is not a KPI, condition or fact of the scheme: it is not used", t.loc(hr, col), t.heading[col])
		} else {
			r.warn("%s: column %q is not used", t.loc(hr, col), t.heading[col])
		}
	}
	ok := true
	for _, c := range cols {
		if _, has := t.cols[c]; !has {
			r.p.add("%s: no column %s in the header row %d; columns found: %s", t.where(), r.columnName(name, c), hnum, strings.Join(r.headerList(t), ", "))
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return t
}

// columnName quotes a column id with its Russian heading.
func (r *reader) columnName(table, id string) string {
	if c := Table(table).Column(id); c != nil && c.Ru != "" {
		return fmt.Sprintf("%q (%s)", id, c.Ru)
	}
	return fmt.Sprintf("%q", id)
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

func (r *reader) headerList(t *table) []string {
	var cols []int
	for c := range t.heading {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	var hs []string
	for _, c := range cols {
		hs = append(hs, fmt.Sprintf("%q", t.heading[c]))
	}
	if len(hs) == 0 {
		return []string{"none"}
	}
	return hs
}

// totalsID is a totals row's first cell: the word alone ("Итого", "Total:"),
// never a name that starts with it ("Total Petroleum").
var totalsID = regexp.MustCompile(`(?i)^(итого|всего|total|totals|grand total)\s*[:.]?$`)

// firstText is the saved text of a row's first non-blank cell.
func (t *table) firstText(rw row) string {
	return t.stored(rw, t.firstCol(rw))
}

// dataRows yields the table's data rows: blank rows are skipped; a totals
// row ("Итого", "Total") is never an employee, and rows under it are notes.
// Hidden or filtered-out rows are errors: a clerk cannot check what they
// cannot see.
func (r *reader) dataRows(t *table, key string, each func(rw row)) {
	t.totals = -1
	kc := t.col(key)
	for i := t.hrow + 1; i < len(t.rows); i++ {
		rw := t.rows[i]
		if t.blank(rw, kc) {
			continue
		}
		if totalsID.MatchString(strings.TrimSpace(t.firstText(rw))) {
			t.totals = i
			notes := 0
			for j := i + 1; j < len(t.rows); j++ {
				switch n := t.nonBlank(t.rows[j]); {
				case n == 1:
					notes++
				case n > 1:
					// A row of data under the totals row would silently leave
					// someone unpaid: it must move above it.
					r.p.add("%s: a row with data under the totals row (%s): move it above the totals row, or delete it", t.rowLoc(t.rows[j]), t.rowLoc(rw))
				}
			}
			if notes > 0 {
				r.warn("%s: %d one-cell rows under the totals row are taken as notes and not read", t.where(), notes)
			}
			return
		}
		if rw.hidden {
			r.p.add("%s: the row is hidden or filtered out: show every row (clear filters, unhide rows), since premia reads hidden rows too", t.rowLoc(rw))
			continue
		}
		each(rw)
	}
}

// checkTotals compares a totals row, where there is one, with the sums of
// the values read above it, column by column. A number stored as text,
// which Excel's SUM leaves out, is named where it explains the difference.
func (r *reader) checkTotals(t *table, sums map[int]decimal.Decimal) {
	if t.totals < 0 {
		return
	}
	tr := t.rows[t.totals]
	cols := make([]int, 0, len(sums))
	for c := range sums {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, c := range cols {
		v, err := t.value(tr, c)
		if err != nil {
			r.p.add("%s", t.cellError(tr, c, err))
			continue
		}
		var want decimal.Decimal
		switch v.Kind {
		case xlsx.Blank:
			continue
		case xlsx.Number:
			if want, err = xlsx.ParseStored(v.Text); err != nil {
				continue
			}
		case xlsx.Text:
			if want, _, err = ParseNumber(v.Text); err != nil {
				continue
			}
		default:
			continue
		}
		if want.Equal(sums[c]) {
			continue
		}
		said := v.Text
		if texts := r.textNumbers[t][c]; len(texts) > 0 && t.xs != nil {
			for _, rw := range texts {
				r.p.add("%s: the number %q is stored as text, which Excel's SUM leaves out, so the totals row (%s: %s) disagrees with the rows above (%s): make it a number (retype it, or Data > Text to Columns) and save", t.loc(rw, c), cleanText(t.stored(rw, c)), t.loc(tr, c), said, sums[c].String())
			}
			continue
		}
		r.p.add("%s: the totals row says %s but the rows above sum to %s: a row is missing, extra or changed", t.loc(tr, c), said, sums[c].String())
	}
}

// number parses the cell at (rw, col); blank gives nil with no error.
func (r *reader) number(t *table, rw row, col int) (*calc.Value, bool) {
	if c := t.plain(rw, col); c != nil && c.Kind == xlsx.Number {
		// The common cell, quickly: a stored number, no formula.
		if d, err := xlsx.ParseStoredBytes(t.xs.Bytes(c)); err == nil {
			return &calc.Value{V: d, Src: t.place(rw, col), Percent: c.Format&xlsx.FormatPercent != 0}, true
		}
	}
	v, err := t.value(rw, col)
	if err != nil {
		r.p.add("%s", t.cellError(rw, col, err))
		return nil, false
	}
	return r.numberOf(t, rw, col, v)
}

// numberOf reads the value v of the cell at (rw, col) as a number.
func (r *reader) numberOf(t *table, rw row, col int, v xlsx.Value) (*calc.Value, bool) {
	var d decimal.Decimal
	var err error
	percent := v.Format&xlsx.FormatPercent != 0
	switch v.Kind {
	case xlsx.Blank:
		return nil, true
	case xlsx.Bool:
		r.p.add("%s: a TRUE/FALSE cell where a number is expected: type the number", t.loc(rw, col))
		return nil, false
	case xlsx.Error:
		r.p.add("%s: the Excel error %s where a number is expected: fix the formula or type the value", t.loc(rw, col), v.Text)
		return nil, false
	case xlsx.Date:
		r.p.add("%s: a date (%s) where a number is expected: type the number", t.loc(rw, col), v.Text)
		return nil, false
	case xlsx.Number:
		if d, err = xlsx.ParseStored(v.Text); err != nil {
			r.p.add("%s: %q is not a number%s", t.loc(rw, col), v.Text, reason(err))
			return nil, false
		}
	default:
		raw := v.Text
		if excelErrors[strings.TrimSpace(raw)] {
			r.p.add("%s: the Excel error %s where a number is expected: fix the formula or type the value", t.loc(rw, col), raw)
			return nil, false
		}
		var pct bool
		if d, pct, err = ParseNumber(raw); err != nil {
			if placeholders[strings.ToLower(strings.TrimSpace(raw))] {
				r.p.add("%s: %q is not a number: write the value, or 0 if it is zero", t.loc(rw, col), raw)
			} else {
				r.p.add("%s: %q is not a number%s", t.loc(rw, col), raw, reason(err))
			}
			return nil, false
		}
		percent = pct
		if !v.Computed {
			m := r.textNumbers[t]
			if m == nil {
				m = map[int][]row{}
				r.textNumbers[t] = m
			}
			m[col] = append(m[col], rw)
		}
	}
	return &calc.Value{V: d, Src: t.place(rw, col), Percent: percent}, true
}

// excelErrors are the error values a formula cell can hold.
var excelErrors = map[string]bool{
	"#DIV/0!": true, "#N/A": true, "#REF!": true, "#VALUE!": true, "#NAME?": true, "#NUM!": true, "#NULL!": true,
	"#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true,
}

// text reads a text cell (an id, a name, a role); ok is false when the cell
// cannot be used (reported).
func (r *reader) text(t *table, rw row, col int) (string, bool) {
	v, err := t.value(rw, col)
	if err != nil {
		r.p.add("%s", t.cellError(rw, col, err))
		return "", false
	}
	if v.Kind == xlsx.Error {
		r.p.add("%s: the Excel error %s where text is expected: fix the formula or type the value", t.loc(rw, col), v.Text)
		return "", false
	}
	return cleanText(v.Text), true
}

var numericID = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$`)

// id reads an employee id cell: blank, mangled by Excel's number format, or
// mixing look-alike Latin and Cyrillic letters, it is refused with the cell named.
func (r *reader) id(t *table, rw row, col int) (string, bool) {
	id, ok := r.text(t, rw, col)
	switch {
	case !ok:
		return "", false
	case id == "":
		r.p.add("%s: the employee id is blank", t.loc(rw, col))
		return "", false
	case strings.ContainsAny(id, "eE") && numericID.MatchString(id):
		r.p.add("%s: the id %q was stored as a number and has lost digits: format the id column as text and type the ids again", t.loc(rw, col), id)
		return "", false
	case mixedScripts(id):
		r.p.add("%s: the id %q mixes Latin and Cyrillic letters that look alike (as %q): retype it in one alphabet", t.loc(rw, col), id, FoldLookAlikes(id))
		return "", false
	}
	return id, true
}

// mixedScripts reports whether s has both Latin and Cyrillic letters.
func mixedScripts(s string) bool {
	if ascii(s) {
		return false
	}
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
func (r *reader) notInRoster(t *table, rw row, col int, id string, in *calc.Input) {
	hint := ""
	for _, e := range in.Employees {
		if FoldLookAlikes(e.ID) == FoldLookAlikes(id) || strings.TrimLeft(e.ID, "0") == strings.TrimLeft(id, "0") && e.ID != id {
			hint = fmt.Sprintf(" (the roster has %q: leading zeros lost or a look-alike letter? format ids as text)", e.ID)
			break
		}
	}
	r.p.add("%s: employee %q is not in the roster%s", t.loc(rw, col), id, hint)
}

// roster reads the Roster table into in and returns the index of each
// employee id, or nil when there is no usable roster.
func (r *reader) roster(in *calc.Input) map[string]int {
	s := r.s
	rt := r.need(Roster, true, "id", "name", "role")
	if rt == nil {
		return nil
	}
	if r.b.xb != nil && r.b.xb.ManualCalc {
		r.warn("%s: the workbook is set to manual calculation, so formula results may be stale: recalculate (F9) and save before running premia", r.path)
	}
	byID := map[string]int{}
	folded := map[string]int{} // ids with look-alike letters folded
	sums := map[int]decimal.Decimal{}
	idCol, nameCol, roleCol := rt.col("id"), rt.col("name"), rt.col("role")
	deptCol := rt.col("department")
	r.dataRows(rt, "id", func(rw row) {
		id, ok := r.id(rt, rw, idCol)
		if !ok {
			return
		}
		if prev, dup := byID[id]; dup {
			r.p.add("%s: employee %q appears twice in the roster (also at %s)", rt.loc(rw, idCol), id, in.Employees[prev].Src)
			return
		}
		// Ids that fold to the same Latin spelling are one person twice. An
		// ASCII id is its own fold, so only the others need the map.
		fid := FoldLookAlikes(id)
		prev, alike := folded[fid]
		if !alike && fid != id {
			prev, alike = byID[fid]
		}
		if alike {
			r.p.add("%s: employee id %q looks the same as %q (at %s) but is spelt with other letters: one person twice?", rt.loc(rw, idCol), id, in.Employees[prev].ID, in.Employees[prev].Src)
			return
		}
		name, ok1 := r.text(rt, rw, nameCol)
		role, ok2 := r.text(rt, rw, roleCol)
		dept, ok3 := r.text(rt, rw, deptCol)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		if name == "" {
			r.p.add("%s: the name of %q is blank", rt.loc(rw, nameCol), id)
			return
		}
		e := calc.Employee{ID: id, Name: name, Role: role, Department: dept, Src: rt.rowPlace(rw)}
		if s.Role(e.Role) == nil {
			var ids []string
			for _, ro := range s.Roles {
				ids = append(ids, ro.ID)
			}
			r.p.add("%s: role %q is not in the scheme; its roles: %s", rt.loc(rw, roleCol), e.Role, strings.Join(ids, ", "))
			return
		}
		// A bad value is reported, and the employee still joins the roster,
		// so that the other tables do not report them as unknown.
		for _, f := range []struct {
			col string
			dst **calc.Value
		}{{"fixed", &e.Fixed}, {"variable", &e.Variable}, {"days_worked", &e.DaysWorked}, {"days_in_period", &e.DaysInPeriod}} {
			c := rt.col(f.col)
			if c == 0 {
				continue
			}
			v, ok := r.number(rt, rw, c)
			if !ok || v == nil {
				continue
			}
			if v.V.IsNegative() {
				r.p.add("%s: %s is %s, below zero: write the amount (0 or more)", v.Src, r.columnName(Roster, f.col), v.V)
				continue
			}
			*f.dst = v
			sums[c] = sums[c].Add(v.V)
		}
		if dw, dp := e.DaysWorked, e.DaysInPeriod; dw != nil && dp != nil {
			switch {
			case !dp.V.IsPositive():
				r.p.add("%s: days in period %s must be above zero", dp.Src, dp.V)
			case dw.V.GreaterThan(dp.V):
				r.p.add("%s: days worked %s is more than the days in the period (%s, at %s): check both", dw.Src, dw.V, dp.V, dp.Src)
			}
		}
		byID[id] = len(in.Employees)
		if fid != id {
			folded[fid] = len(in.Employees)
		}
		in.Employees = append(in.Employees, e)
	})
	r.checkTotals(rt, sums)
	if len(in.Employees) == 0 && len(r.p.errs) == 0 {
		r.p.add("%s: the roster has no employees: add a row for each person under the header row", rt.where())
	}
	r.b.release(rt)
	return byID
}

func (r *reader) facts(in *calc.Input, byID map[string]int) {
	anyNeeded := false
	for _, ro := range r.s.Roles {
		anyNeeded = anyNeeded || len(FactColumns(ro)) > 0
	}
	ft := r.need(Facts, anyNeeded, "id")
	if ft == nil {
		return
	}
	missingCol := map[string]bool{}
	seen := map[string]row{}
	sums := map[int]decimal.Decimal{}
	idCol := ft.col("id")
	r.dataRows(ft, "id", func(rw row) {
		id, ok := r.id(ft, rw, idCol)
		if !ok {
			return
		}
		if prev, dup := seen[id]; dup {
			r.p.add("%s: employee %q has two rows of facts (also at %s)", ft.loc(rw, idCol), id, ft.rowLoc(prev))
			return
		}
		seen[id] = rw
		i, ok := byID[id]
		if !ok {
			r.notInRoster(ft, rw, idCol, id, in)
			return
		}
		e := &in.Employees[i]
		cols := r.factColumns(r.s.Role(e.Role))
		e.Facts = make(calc.Facts, 0, len(cols))
		for k := range cols {
			fc := &cols[k]
			c := fc.col(ft)
			if c == 0 {
				if !missingCol[fc.ID] {
					missingCol[fc.ID] = true
					r.p.add("%s: no column %q, needed by role %q; columns found: %s", ft.where(), fc.ID, e.Role, strings.Join(r.headerList(ft), ", "))
				}
				continue
			}
			blank := func() {
				r.p.add("%s: blank, but %s needs a value for %q (a blank is never taken as zero: write 0 if it is zero)", ft.loc(rw, c), id, fc.ID)
			}
			if !fc.YesNo {
				v, ok := r.number(ft, rw, c)
				switch {
				case !ok:
				case v == nil:
					blank()
				default:
					sums[c] = sums[c].Add(v.V)
					e.Facts.Set(fc.ID, wholePercent(*v, fc.KPI))
				}
				continue
			}
			v, err := ft.value(rw, c)
			if err != nil {
				r.p.add("%s", ft.cellError(rw, c, err))
				continue
			}
			if v.Kind == xlsx.Blank {
				blank()
				continue
			}
			if yes, ok := r.yesNo(ft, rw, c, v); ok {
				val := decimal.Zero
				if yes {
					val = decimal.New(1, 0)
				}
				e.Facts.Set(fc.ID, calc.Value{V: val, Src: ft.place(rw, c)})
			}
		}
	})
	r.checkTotals(ft, sums)
	for _, e := range in.Employees {
		if len(r.factColumns(r.s.Role(e.Role))) > 0 {
			if _, ok := seen[e.ID]; !ok {
				r.p.add("%s: employee %q has no row in the Facts table", e.Src, e.ID)
			}
		}
	}
	r.b.release(ft)
}

// wholePercent puts a value typed as a percentage (78%, stored 0.78) on the
// scale of a KPI measured in whole percents (78).
func wholePercent(v calc.Value, k *plan.KPI) calc.Value {
	if v.Percent && k != nil && k.Unit == plan.UnitPercent {
		v.V = v.V.Shift(2)
	}
	return v
}

// yesNo reads a yes/no cell.
func (r *reader) yesNo(t *table, rw row, col int, v xlsx.Value) (bool, bool) {
	switch v.Kind {
	case xlsx.Bool:
		return v.Text == "1", true
	case xlsx.Number:
		if v.Text == "1" || v.Text == "0" {
			return v.Text == "1", true
		}
	case xlsx.Text:
		if yes, err := ParseYesNo(v.Text); err == nil {
			return yes, true
		}
	}
	r.p.add("%s: %q is not yes or no (write yes/no, да/нет or 1/0)", t.loc(rw, col), v.Text)
	return false, false
}

func (r *reader) plans(in *calc.Input, byID map[string]int) {
	pt := r.need(Plans, false, "id", "kpi")
	if pt == nil {
		return
	}
	idCol, kpiCol := pt.col("id"), pt.col("kpi")
	r.dataRows(pt, "id", func(rw row) {
		id, ok1 := r.text(pt, rw, idCol)
		kid, ok2 := r.text(pt, rw, kpiCol)
		if !ok1 || !ok2 {
			return
		}
		i, ok := byID[id]
		if !ok {
			r.notInRoster(pt, rw, idCol, id, in)
			return
		}
		e := &in.Employees[i]
		k := r.s.Role(e.Role).KPI(kid)
		if k == nil {
			r.p.add("%s: KPI %q is not a KPI of role %q", pt.loc(rw, kpiCol), kid, e.Role)
			return
		}
		for _, prev := range e.Plans {
			if prev.KPI == k.ID {
				r.p.add("%s: a second plan for %s / %s (also at %s)", pt.rowLoc(rw), id, k.ID, prev.Src)
				return
			}
		}
		p := calc.Plan{KPI: k.ID, Src: pt.rowPlace(rw)}
		for _, f := range []struct {
			col string
			dst **calc.Value
		}{{"base", &p.Base}, {"norm", &p.Norm}, {"target", &p.Target}} {
			if c := pt.col(f.col); c > 0 {
				if v, ok := r.number(pt, rw, c); ok && v != nil {
					w := wholePercent(*v, k)
					*f.dst = &w
				}
			}
		}
		e.Plans = append(e.Plans, p)
	})
	r.b.release(pt)
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
	r.dataRows(dt, "department", func(rw row) {
		id, ok := r.text(dt, rw, dc)
		if !ok {
			return
		}
		d := calc.Department{ID: id, Src: dt.rowPlace(rw)}
		if d.ID == "" {
			r.p.add("%s: the department's name is blank", dt.loc(rw, dc))
			return
		}
		if _, dup := in.Departments[d.ID]; dup {
			r.p.add("%s: department %q appears twice", dt.loc(rw, dc), d.ID)
			return
		}
		ok = true
		var poolValue calc.Value
		for _, f := range []struct {
			col string
			dst *calc.Value
		}{{"fact", &d.Fact}, {"minimum", &d.Minimum}, {"normal", &d.Normal}, {"maximum", &d.Maximum}, {"pool", &poolValue}} {
			c := dt.col(f.col)
			if c == 0 {
				continue
			}
			v, good := r.number(dt, rw, c)
			if good && v == nil {
				r.p.add("%s: blank, but department %q needs its %s", dt.loc(rw, c), d.ID, f.col)
				good = false
			}
			if !good {
				ok = false
				continue
			}
			*f.dst = *v
		}
		if ok && team {
			switch {
			case !d.Minimum.V.IsPositive():
				r.p.add("%s: department %q: the minimum plan %s must be above zero (plans of 0 would pay the top multiplier for any result)", d.Minimum.Src, d.ID, d.Minimum.V)
				ok = false
			case !d.Minimum.V.LessThan(d.Normal.V) || !d.Normal.V.LessThan(d.Maximum.V):
				r.p.add("%s: department %q plans must rise: minimum %s < normal %s < maximum %s", dt.rowLoc(rw), d.ID, d.Minimum.V, d.Normal.V, d.Maximum.V)
				ok = false
			}
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
	r.b.release(dt)
}

func (r *reader) payments(in *calc.Input, byID map[string]int) {
	needed := r.s.Uses("", "", plan.SourcePayments)
	pt := r.need(Payments, needed, "id", "customer", "amount", "due", "paid")
	if pt == nil {
		return
	}
	idCol := pt.col("id")
	order := r.slashOrder(pt, pt.col("due"), pt.col("paid"))
	total, inPeriod := 0, 0
	r.dataRows(pt, "id", func(rw row) {
		id, ok := r.text(pt, rw, idCol)
		if !ok {
			return
		}
		i, ok := byID[id]
		if !ok {
			r.notInRoster(pt, rw, idCol, id, in)
			return
		}
		customer, ok := r.text(pt, rw, pt.col("customer"))
		if !ok {
			return
		}
		p := calc.Payment{Customer: customer, Src: pt.rowPlace(rw)}
		amount, good := r.number(pt, rw, pt.col("amount"))
		if good && amount == nil {
			r.p.add("%s: blank, but a payment needs its amount", pt.loc(rw, pt.col("amount")))
			return
		}
		if !good {
			return
		}
		p.Amount = *amount
		due, good := r.date(pt, rw, pt.col("due"), order)
		if good && due == nil {
			r.p.add("%s: blank, but a payment needs its due date", pt.loc(rw, pt.col("due")))
			return
		}
		if !good {
			return
		}
		p.Due = *due
		paid, good := r.date(pt, rw, pt.col("paid"), order)
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
	if total > 0 && inPeriod == 0 && in.Period != "" && !r.periodWrong {
		r.warn("%s: none of the %d payments was received in %s: is the period right?", pt.where(), total, in.Period)
	}
	r.b.release(pt)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
