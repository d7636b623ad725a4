package factsheet

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/xlsx"
)

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
