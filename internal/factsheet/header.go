package factsheet

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
)

// need finds a table and its header row, checking the columns it must
// have; the first of cols is the table's key column, by which its header
// row is found (a title above the header is allowed). A table read in
// windows is found once, in its first window.
func (r *reader) need(name string, required bool, cols ...string) *table {
	t := r.b.tables[name]
	if t != nil && t.ready {
		return t
	}
	layout := Table(name)
	if t == nil {
		if like, ok := r.b.lookAlikes[name]; ok {
			r.p.add("%s: %q looks like %s but has Cyrillic letters that only look Latin: retype the name", r.path, like, name)
		} else if required {
			var present any = problem.New("none")
			if len(r.b.sheets) > 0 {
				present = quoteAll(r.b.sheets)
			}
			r.p.add("%s: no %s table (a sheet named %q or %q, or %s.csv in a folder); found: %s", r.path, name, name, layout.Ru, strings.ToLower(name), present)
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
			if m.Row1 <= hnum && m.Row2 >= hnum {
				r.p.add("%s: merged header cells %s: unmerge them and give each column its own name", t.where(), m.Ref)
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
	if t.xs != nil {
		ids := make([]string, 0, len(t.cols))
		for id := range t.cols {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return t.cols[ids[i]] < t.cols[ids[j]] })
		for _, id := range ids {
			if c := t.cols[id]; t.xs.HiddenColumn(c) {
				r.p.add("%s: column %s (%q) is hidden: unhide it, so that what is computed is what people see", t.where(), xlsx.ColumnName(c), t.heading[c])
			}
		}
	}
	for _, col := range unknown {
		w := problem.New("%s: column %q is not used", t.loc(hr, col), t.heading[col])
		if name == Facts {
			w = problem.New("%s: column %q is not a KPI, condition or fact of the scheme: it is not used", t.loc(hr, col), t.heading[col])
		}
		if r.fit != nil {
			r.fit.Unused = append(r.fit.Unused, Unused{At: t.loc(hr, col), Warning: w})
			continue
		}
		r.warnings = append(r.warnings, w)
	}
	ok := true
	for _, c := range cols {
		if _, has := t.cols[c]; !has {
			r.p.add("%s: no column %s in the header row %d; columns found: %s", t.where(), r.columnName(name, c), hnum, r.headerList(t))
			ok = false
		}
	}
	if !ok {
		return nil
	}
	t.ready = true
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

// headerList is the table's headings, quoted, for a message: "none" when
// it has none.
func (r *reader) headerList(t *table) any {
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
		return problem.New("none")
	}
	return strings.Join(hs, ", ")
}

// totalsID is a totals row's first cell: the word alone ("Итого", "Total:"),
// never a name that starts with it ("Total Petroleum").
var totalsID = regexp.MustCompile(`(?i)^(итого|всего|total|totals|grand total)\s*[:.]?$`)

// isTotals reports whether a row is a totals row: its first non-blank cell
// is text, the word alone.
func (t *table) isTotals(rw row) bool {
	col := t.firstCol(rw)
	if col == 0 {
		return false
	}
	if t.xs != nil {
		if c := t.cellAt(rw, col); c == nil || c.Kind != xlsx.Text {
			return false
		}
	}
	return totalsID.MatchString(strings.TrimSpace(t.stored(rw, col)))
}

// dataRows yields the table's data rows: blank rows are skipped; a totals
// row ("Итого", "Total") is never an employee, and rows under it are notes.
// Hidden or filtered-out rows are errors: a clerk cannot check what they
// cannot see.
func (r *reader) dataRows(t *table, key string, each func(rw row)) {
	t.totals = -1
	kc := t.col(key)
	last := 0 // the header's last column
	for c := range t.heading {
		last = max(last, c)
	}
	unheaded := map[int]row{} // worksheet columns with values but no heading
	defer r.dataMerges(t)
	defer func() {
		cols := make([]int, 0, len(unheaded))
		for c := range unheaded {
			cols = append(cols, c)
		}
		sort.Ints(cols)
		for _, c := range cols {
			r.warn("%s: values in a column without a heading (first at %s) are not read: give the column a heading, or move them out of the table", t.where(), t.loc(unheaded[c], c))
		}
	}()
	// The totals row is found first, so that sums are kept only for a
	// table that has one.
	for i := t.hrow + 1; i < len(t.rows) && t.totals < 0; i++ {
		if t.isTotals(t.rows[i]) {
			t.totals = i
		}
	}
	for i := t.hrow + 1; i < len(t.rows); i++ {
		rw := t.rows[i]
		if t.blank(rw, kc) {
			continue
		}
		if i == t.totals {
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
				r.warn("%s: rows under the totals row with one cell each are taken as notes and not read (%d)", t.where(), notes)
			}
			return
		}
		if rw.hidden {
			r.p.add("%s: the row is hidden or filtered out: show every row (clear filters, unhide rows), since premia reads hidden rows too", t.rowLoc(rw))
			t.refused++
			continue
		}
		if !r.beyondHeader(t, rw, last, unheaded) {
			t.refused++
			continue
		}
		each(rw)
	}
}

// columnSums are the sums of the values read in a table's columns, for its
// totals row.
type columnSums map[int]*columnSum

type columnSum struct {
	sum decimal.Decimal
	n   int64
}

func (s columnSums) add(col int, v *calc.Value, t *table) {
	if t.totals < 0 {
		return // no totals row to check
	}
	cs := s[col]
	if cs == nil {
		cs = &columnSum{}
		s[col] = cs
	}
	cs.sum = cs.sum.Add(v.V)
	cs.n++
}

// sumFormula matches a totals cell that sums its column: =SUM(C2:C9).
var sumFormula = regexp.MustCompile(`(?i)^SUM\(\$?[A-Z]{1,3}\$?[0-9]+:\$?[A-Z]{1,3}\$?[0-9]+\)$`)

// checkTotals compares a totals row, where there is one, with the values
// read above it, column by column: a =SUM of the column with their sum, a
// typed figure with their sum or their average (a share column's total is
// often its average). Another formula (=AVERAGE, =SUBTOTAL) is not checked:
// what it means is the clerk's. Where a number stored as text above explains
// the difference (Excel's SUM leaves it out), that cell is named.
func (r *reader) checkTotals(t *table, sums columnSums) {
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
		if v.Formula != "" && !sumFormula.MatchString(strings.ReplaceAll(v.Formula, " ", "")) {
			continue
		}
		var want decimal.Decimal
		switch v.Kind {
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
		cs := sums[c]
		if want.Equal(cs.sum) {
			continue
		}
		if v.Formula == "" && cs.n > 0 {
			// A typed average, to as many decimals as it was typed with.
			avg := cs.sum.DivRound(decimal.NewFromInt(cs.n), max(-want.Exponent(), 0)+1).Round(max(-want.Exponent(), 0))
			if want.Equal(avg) {
				continue
			}
		}
		said := v.Text
		if texts := r.textNumbers[t][c]; len(texts) > 0 && t.xs != nil {
			var inText decimal.Decimal
			for _, tv := range texts {
				inText = inText.Add(tv.V)
			}
			if cs.sum.Sub(inText).Equal(want) {
				for _, tv := range texts {
					r.p.add("%s: the number %q is stored as text, which Excel's SUM leaves out, so the totals row (%s: %s) disagrees with the rows above (%s): make it a number (retype it, or Data > Text to Columns) and save", tv.Src, tv.V, t.loc(tr, c), said, cs.sum.String())
				}
				continue
			}
		}
		r.p.add("%s: the totals row says %s but the rows above sum to %s: a row is missing, extra or changed", t.loc(tr, c), said, cs.sum.String())
	}
}

// beyondHeader looks at the cells of a data row right of the header. A CSV
// record with more fields than the header record is broken (an unquoted
// comma in "0,95" splits it and shifts the fields after it): the row is
// refused. In a worksheet, values right of the header's last heading are a
// clerk's side notes: each such column is named in a warning. It reports
// whether the row may be read.
func (r *reader) beyondHeader(t *table, rw row, last int, unheaded map[int]row) bool {
	if t.xs == nil {
		header := len(t.recs[t.rows[t.hrow].i])
		if n := len(t.recs[rw.i]); n > header {
			r.p.add("%s: the record has %d fields but the header %d: an unquoted comma split a field (write \"0,95\" in quotes, or 0.95), or the row has a field too many", t.rowLoc(rw), n, header)
			return false
		}
		return true
	}
	if t.width(rw) <= last {
		return true
	}
	t.each(rw, func(col int, _ string) {
		if _, seen := unheaded[col]; col > last && !seen {
			unheaded[col] = rw
		}
	})
	return true
}

// dataMerges refuses merged cells among the data rows (a merged range holds
// its value in its first cell only); a merged note under the totals row is
// fine.
func (r *reader) dataMerges(t *table) {
	if t.xs == nil {
		return
	}
	hnum, end := t.rows[t.hrow].num, xlsx.MaxRow+1
	if t.totals >= 0 {
		end = t.rows[t.totals].num
	}
	for _, m := range t.xs.Merges {
		// A merge over the header is reported with the header.
		if m.Row1 > hnum && m.Row1 <= end {
			r.p.add("%s: merged cells %s in the data: unmerge them and fill every cell (a merged range holds its value in the first cell only)", t.where(), m.Ref)
		}
	}
}
