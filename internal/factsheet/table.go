package factsheet

import (
	"bytes"
	"errors"
	"strings"
	"unicode"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
)

// table is one table of a fact sheet: a worksheet or a CSV file. Rows are
// those stored, in order; columns are 1-based.
type table struct {
	name   string // canonical: Roster, Facts, …
	file   string // for messages
	sheet  string // "" for a CSV file
	origin *calc.Origin
	hidden bool

	book *xlsx.Book
	xs   *xlsx.Sheet

	recs [][]string // CSV records
	rows []row

	hrow    int            // index in rows of the header row
	cols    map[string]int // column id → column
	heading map[int]string // column → its heading as written
	totals  int            // index in rows of the totals row, or -1
	refused int            // data rows refused whole (hidden, broken)
	ready   bool           // the header is found and the columns checked
}

// row is a stored row: its number in the sheet (the line of a CSV record),
// whether it is hidden, and where its cells are.
type row struct {
	num    int
	hidden bool
	i      int // the row's index in the sheet, or the record's
}

func (t *table) place(r row, col int) calc.Place { return t.origin.Cell(r.num, col) }
func (t *table) rowPlace(r row) calc.Place       { return t.origin.Row(r.num) }

// loc names a cell for a message.
func (t *table) loc(r row, col int) calc.Place { return t.place(r, col) }

// rowLoc names a row for a message.
func (t *table) rowLoc(r row) calc.Place { return t.rowPlace(r) }

// where names the table for a message.
func (t *table) where() problem.Text {
	if t.sheet == "" {
		return problem.New("%s", t.file)
	}
	return problem.New("%s: sheet %q", t.file, t.sheet)
}

// value returns what a cell holds (a blank xlsx.Value for an empty or
// absent cell), or why it cannot be used: a formula whose result premia
// cannot trust, an unreadable cell.
func (t *table) value(r row, col int) (xlsx.Value, error) {
	if col <= 0 {
		return xlsx.Value{}, nil
	}
	if t.xs == nil {
		rec := t.recs[r.i]
		if col > len(rec) || cleanText(rec[col-1]) == "" {
			return xlsx.Value{}, nil
		}
		return xlsx.Value{Kind: xlsx.Text, Text: rec[col-1]}, nil
	}
	c := t.cellAt(r, col)
	if c == nil {
		return xlsx.Value{}, nil
	}
	v, err := t.book.Value(t.xs, r.num, c)
	if err == nil && v.Kind == xlsx.Text && cleanText(v.Text) == "" {
		// A string of spaces, or a formula giving "", is a blank cell.
		v.Kind, v.Text = xlsx.Blank, ""
	}
	return v, err
}

// plain returns a worksheet cell that holds a value as stored: no formula,
// nothing broken; nil for anything else (and for CSV).
func (t *table) plain(r row, col int) *xlsx.Cell {
	if t.xs == nil || col <= 0 {
		return nil
	}
	c := t.cellAt(r, col)
	if c == nil || c.HasFormula() || c.Broken() {
		return nil
	}
	return c
}

// cellAt finds a stored cell of a worksheet row.
func (t *table) cellAt(r row, col int) *xlsx.Cell {
	_, _, cells := t.xs.Row(r.i)
	lo, hi := 0, len(cells)
	for lo < hi {
		m := (lo + hi) / 2
		switch c := int(cells[m].Col); {
		case c == col:
			return &cells[m]
		case c < col:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

// stored is a cell's text as saved, without judging a formula: for
// finding headers, blank rows and totals rows.
func (t *table) stored(r row, col int) string {
	if t.xs == nil {
		rec := t.recs[r.i]
		if col <= 0 || col > len(rec) {
			return ""
		}
		return rec[col-1]
	}
	c := t.cellAt(r, col)
	if c == nil || c.Kind == xlsx.Blank {
		return ""
	}
	return t.xs.Text(c)
}

// width is the last column of a row.
func (t *table) width(r row) int {
	if t.xs == nil {
		return len(t.recs[r.i])
	}
	_, _, cells := t.xs.Row(r.i)
	if len(cells) == 0 {
		return 0
	}
	return int(cells[len(cells)-1].Col)
}

// each calls f for every column of a row that holds saved text.
func (t *table) each(r row, f func(col int, text string)) {
	if t.xs == nil {
		for c, v := range t.recs[r.i] {
			if strings.TrimSpace(v) != "" {
				f(c+1, v)
			}
		}
		return
	}
	_, _, cells := t.xs.Row(r.i)
	for i := range cells {
		if cells[i].Kind != xlsx.Blank {
			if s := t.xs.Text(&cells[i]); strings.TrimSpace(s) != "" {
				f(int(cells[i].Col), s)
			}
		}
	}
}

// nonBlank counts the cells of a row that hold saved text.
func (t *table) nonBlank(r row) int {
	n := 0
	t.each(r, func(int, string) { n++ })
	return n
}

// firstCol is the column of the first cell of a row that holds saved
// text, or 0: quicker than each for the rows of a long table.
func (t *table) firstCol(r row) int {
	if t.xs == nil {
		for c, v := range t.recs[r.i] {
			if strings.TrimSpace(v) != "" {
				return c + 1
			}
		}
		return 0
	}
	_, _, cells := t.xs.Row(r.i)
	for i := range cells {
		if cells[i].Kind != xlsx.Blank && len(bytes.TrimSpace(t.xs.Bytes(&cells[i]))) > 0 {
			return int(cells[i].Col)
		}
	}
	return 0
}

// hasFormula reports whether a cell holds a formula (xlsx only).
func (t *table) hasFormula(r row, col int) bool {
	if t.xs == nil || col <= 0 {
		return false
	}
	c := t.cellAt(r, col)
	return c != nil && c.HasFormula()
}

// blank reports whether a row holds nothing: no saved text, and no formula
// in its key column (a formula there, saved or not, makes a row).
func (t *table) blank(r row, key int) bool {
	return t.firstCol(r) == 0 && !t.hasFormula(r, key)
}

// dataSize is the number of stored rows under the header row: the most
// data rows the table can have.
func (t *table) dataSize() int { return max(len(t.rows)-t.hrow-1, 0) }

// col returns the column of a column id, or 0.
func (t *table) col(id string) int { return t.cols[id] }

// cleanText drops invisible format characters (zero-width spaces and
// joiners, soft hyphens, BOMs), turns non-breaking spaces into spaces and
// trims.
func cleanText(s string) string {
	if ascii(s) {
		return strings.TrimSpace(s) // ASCII has no invisible format characters
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00a0' || r == '\u202f':
			return ' '
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cellError words why a cell cannot be used, located.
func (t *table) cellError(r row, col int, err error) problem.Text {
	var un *xlsx.Untrusted
	var ur *xlsx.Unreadable
	switch {
	case errors.As(err, &un):
		return problem.New("%s: %s", t.loc(r, col), un.Reason)
	case errors.As(err, &ur):
		return problem.New("%s: %s: open and save it in Excel, or send a fresh copy", t.loc(r, col), ur.Reason)
	}
	return problem.New("%s: %v", t.loc(r, col), err)
}
