package xlsx

import (
	"errors"
	"fmt"
	"io"
	"slices"
)

// errStopped ends a windowed read that its reader closed.
var errStopped = errors.New("stopped")

// Rows is a worksheet read a window of rows at a time, the next window
// read while the last is used: memory holds a few windows, never the
// sheet. Each window is a Sheet of its own (its Row(0) is the first row of
// the window); a window's Merges are empty but the last's, which holds the
// whole sheet's, since a sheet lists them after its rows.
type Rows struct {
	ch     chan *Sheet
	err    error // set before ch is closed
	stop   chan struct{}
	done   bool
	handed int // rows in the windows Next has returned
}

// Rows starts reading the named worksheet window rows at a time.
func (b *Book) Rows(name string, window int) (*Rows, error) {
	var info *SheetInfo
	for i := range b.Sheets {
		if b.Sheets[i].Name == name {
			info = &b.Sheets[i]
		}
	}
	if info == nil || info.part == "" {
		return nil, fmt.Errorf("no worksheet %q", name)
	}
	r := &Rows{ch: make(chan *Sheet, 1), stop: make(chan struct{})}
	go func() {
		defer close(r.ch)
		defer func() {
			if p := recover(); p != nil {
				r.err = fmt.Errorf("sheet %q: %w: %v", name, errSheetDamaged, p)
			}
		}()
		give := func(s *Sheet) bool {
			select {
			case r.ch <- s:
				return true
			case <-r.stop:
				return false
			}
		}
		last, err := b.scanSheet(info.Name, info.part, 0, max(window, 1), give)
		if err != nil {
			if err != errStopped {
				r.err = err
			}
			return
		}
		give(last)
	}()
	return r, nil
}

// Next returns the next window, or io.EOF after the last. A window's
// Problem is the first problem of the sheet found so far.
func (r *Rows) Next() (*Sheet, error) {
	if r.done {
		return nil, io.EOF
	}
	s, ok := <-r.ch
	if !ok {
		r.done = true
		if r.err != nil {
			return nil, r.err
		}
		return nil, io.EOF
	}
	r.handed += s.Rows()
	return s, nil
}

// Handed is the number of rows in the windows Next has returned: for a
// reader to check that it used every one.
func (r *Rows) Handed() int { return r.handed }

// Close stops the reading; it may be called at any time, more than once.
func (r *Rows) Close() {
	if !r.done {
		r.done = true
		close(r.stop)
		for range r.ch {
		}
	}
}

// Empty returns a sheet of no rows with what s knows of its columns, to
// gather rows from windows of the same sheet (AppendRow).
func (s *Sheet) Empty() *Sheet {
	return &Sheet{Name: s.Name, book: s.book, hiddenCols: s.hiddenCols}
}

// Reserve makes room in s for rows more rows like those of from (as many
// cells and as much text as from's rows have on average), so that appending
// a window's rows does not grow s again and again.
func (s *Sheet) Reserve(rows int, from *Sheet) {
	if rows <= 0 || len(from.rows) == 0 {
		return
	}
	s.rows = slices.Grow(s.rows, rows)
	s.cells = slices.Grow(s.cells, rows*(len(from.cells)/len(from.rows)+1))
	s.text = slices.Grow(s.text, rows*(len(from.text)/len(from.rows)+1))
}

// AppendRow appends row i of from, a window of the same worksheet, with
// its cells, text and formulas.
func (s *Sheet) AppendRow(from *Sheet, i int) {
	r := from.rows[i]
	cells := from.cells[r.first : r.first+r.size]
	s.rows = append(s.rows, rowSpan{num: r.num, hidden: r.hidden, first: int32(len(s.cells)), size: r.size})
	for _, c := range cells {
		if c.flags&flagShared == 0 {
			text := from.text[c.off : c.off+c.n]
			c.off = uint32(len(s.text))
			s.text = append(s.text, text...)
		}
		s.cells = append(s.cells, c)
		if c.flags&flagFormula != 0 {
			if s.formulas == nil {
				s.formulas = map[uint64]*formulaCell{}
			}
			k := cellKey(int(r.num), int(c.Col))
			s.formulas[k] = from.formulas[k]
		}
	}
}

// HiddenColumnRanges is the number of ranges of hidden columns the sheet
// knows of (a window: those declared before its rows were read).
func (s *Sheet) HiddenColumnRanges() int { return len(s.hiddenCols) }

// HasFormulas reports whether any cell of the sheet holds a formula.
func (s *Sheet) HasFormulas() bool { return len(s.formulas) > 0 }
