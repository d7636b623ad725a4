package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/premia-pay/premia/internal/xlsx/formula"
)

// Kind is the type of a cell's value as stored.
type Kind uint8

const (
	Blank  Kind = iota // no value (a styled empty cell, or a formula without a saved result)
	Number             // a number, as the text Excel stores ("1234.5", "1.5E-3")
	Text               // a shared, inline or formula string
	Bool               // TRUE/FALSE, stored as 1/0
	Error              // an error value such as #DIV/0!
	Date               // t="d": an ISO 8601 date and time as text
)

// cell flags
const (
	flagShared  uint8 = 1 << iota // off is an index into the shared strings
	flagFormula                   // the cell has a formula (see Sheet.formulas)
	flagBroken                    // a shared-string index outside the table
)

// Cell is one stored cell, 16 bytes: its text lives in the sheet's arena or
// the workbook's shared strings.
type Cell struct {
	Col    int32 // 1-based
	Kind   Kind
	Format Format
	flags  uint8
	off, n uint32
}

// HasFormula reports whether the cell holds a formula.
func (c *Cell) HasFormula() bool { return c.flags&flagFormula != 0 }

// Broken reports whether the cell's value cannot be read (a shared string
// that is not in the table).
func (c *Cell) Broken() bool { return c.flags&flagBroken != 0 }

type rowSpan struct {
	num         int32 // 1-based row number
	hidden      bool
	first, size int32 // cells[first : first+size]
}

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct {
	Ref                    string // as written, e.g. "B2:D2"
	Row1, Col1, Row2, Col2 int
}

// formulaCell is the formula of a cell, as written or as a shared formula's
// member (its master's text, to be shifted).
type formulaCell struct {
	text     string // the formula as written in the cell, or the master's
	kind     string // "", "shared", "array", "dataTable"
	ref      string // array or shared master range
	dRow     int    // a shared member's distance from its master
	dCol     int
	unshared bool // a shared member whose master was not found
}

// Sheet is one worksheet's cells, row by row in order.
type Sheet struct {
	Name    string
	book    *Book
	rows    []rowSpan
	cells   []Cell
	text    []byte
	Merges  []Range
	Problem string // the first row or cell written out of order or twice, or ""
	// hiddenCols are the ranges of hidden columns ([min, max], 1-based).
	hiddenCols [][2]int

	formulas map[uint64]*formulaCell // by cellKey
}

// Rows is the number of rows stored (blank rows may be absent).
func (s *Sheet) Rows() int { return len(s.rows) }

// Row returns the i-th stored row: its number, whether it is hidden, and its
// cells in column order.
func (s *Sheet) Row(i int) (num int, hidden bool, cells []Cell) {
	r := s.rows[i]
	return int(r.num), r.hidden, s.cells[r.first : r.first+r.size]
}

// HiddenColumn reports whether a column (1-based) is hidden.
func (s *Sheet) HiddenColumn(col int) bool {
	for _, h := range s.hiddenCols {
		if col >= h[0] && col <= h[1] {
			return true
		}
	}
	return false
}

// Find returns the cell at (row, col), 1-based, or nil.
func (s *Sheet) Find(row, col int) *Cell {
	i := sort.Search(len(s.rows), func(i int) bool { return int(s.rows[i].num) >= row })
	if i == len(s.rows) || int(s.rows[i].num) != row {
		return nil
	}
	r := s.rows[i]
	cells := s.cells[r.first : r.first+r.size]
	j := sort.Search(len(cells), func(j int) bool { return int(cells[j].Col) >= col })
	if j == len(cells) || int(cells[j].Col) != col {
		return nil
	}
	return &cells[j]
}

// Bytes returns a cell's stored text: the number, the string, TRUE/FALSE as
// 1/0, the error value, the ISO date. Not to be kept or changed.
func (s *Sheet) Bytes(c *Cell) []byte {
	if c.flags&flagShared != 0 {
		str, _ := s.book.sharedString(c.off)
		return []byte(str)
	}
	return s.text[c.off : c.off+c.n]
}

// Text returns a cell's stored text as a string.
func (s *Sheet) Text(c *Cell) string {
	if c.flags&flagShared != 0 {
		str, _ := s.book.sharedString(c.off)
		return str
	}
	return string(s.text[c.off : c.off+c.n])
}

// Formula returns the formula of the cell at row as written ("" for none);
// a shared formula's member gives its master's text shifted to the cell.
func (s *Sheet) Formula(row int, c *Cell) string {
	f := s.formulaOf(row, c)
	if f == nil {
		return ""
	}
	if f.dRow != 0 || f.dCol != 0 {
		if e, err := formula.Parse(f.text); err == nil {
			return e.Shift(f.dRow, f.dCol).String()
		}
	}
	return f.text
}

func (s *Sheet) formulaOf(row int, c *Cell) *formulaCell {
	if c.flags&flagFormula == 0 {
		return nil
	}
	return s.formulas[cellKey(row, int(c.Col))]
}

func cellKey(row, col int) uint64 { return uint64(row)<<32 | uint64(uint32(col)) }

// maxToken bounds one tag or text of a sheet: a cell holds at most 32,767
// characters, which is under 200 KB even escaped.
const maxToken = 4 << 20

// readSheet reads a sheet part in one streaming pass; with maxRows > 0 it
// stops after that many rows and keeps nothing of the rest.
func (b *Book) readSheet(name, part string, maxRows int) (*Sheet, error) {
	return b.scanSheet(name, part, maxRows, 0, nil)
}

// scanSheet reads a sheet part in one streaming pass. With window > 0, each
// time the sheet being filled holds window rows it is handed to give, and
// a new one is filled (give returns false to stop the reading); the last
// one, perhaps of no rows, is returned with the sheet's merged ranges and
// problem, which earlier windows have only as far as they were known.
func (b *Book) scanSheet(name, part string, maxRows, window int, give func(*Sheet) bool) (*Sheet, error) {
	rc, err := b.arch.open(part)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", name, err)
	}
	defer rc.Close()
	s := &Sheet{Name: name, book: b}
	if window > 0 {
		s.cells = make([]Cell, 0, window*8)
		s.text = make([]byte, 0, window*64)
		s.rows = make([]rowSpan, 0, window)
	} else if f := b.arch.part(part); f != nil && maxRows == 0 {
		// Room for what a sheet of this size holds (from 24 bytes of XML a
		// cell, <c r="B2" t="s"><v>7</v></c>, and 200 a row), so that the
		// grid is not copied as it grows. Room never used costs address
		// space, not memory: the pages are not touched.
		// The directory's size is only a claim: a damaged or hostile file
		// must not make premia reserve memory it does not need.
		size := int(min(f.UncompressedSize64, 20*f.CompressedSize64, 256<<20))
		s.cells = make([]Cell, 0, size/24)
		s.text = make([]byte, 0, size/8)
		s.rows = make([]rowSpan, 0, size/200)
	}
	t := newTokenizer(rc, maxToken)
	var (
		row, lastRow, lastCol int
		inRow, inCell, inIS   bool
		inPh, inT             bool
		cur                   Cell
		curType               []byte
		hasValue              bool
		val                   []byte // the value's text (raw)
		ftext                 []byte
		fattrs                formulaCell
		fsi                   string
		hasF, inF             bool
		complete              bool
		sharedMasters         = map[string]struct {
			text     string
			row, col int
		}{}
	)
	problem := func(format string, args ...any) {
		if s.Problem == "" {
			s.Problem = fmt.Sprintf(format, args...)
		}
	}
	startRow := func(tag []byte, self bool) {
		n := lastRow + 1
		if v := attr(tag, "r"); v != nil {
			if x, err := strconv.Atoi(string(v)); err == nil {
				n = x
			}
		}
		if n <= lastRow {
			problem("row %d is written after row %d (rows out of order or twice, as some programs write them)", n, lastRow)
		}
		if n > MaxRow {
			problem("row %d is past the last row a sheet can have (%d)", n, MaxRow)
			n = MaxRow
		}
		hidden := false
		if v := attr(tag, "hidden"); v != nil {
			hidden = xmlTrue(string(v))
		}
		lastRow, row, lastCol = n, n, 0
		s.rows = append(s.rows, rowSpan{num: int32(n), hidden: hidden, first: int32(len(s.cells))})
		inRow = !self
	}
	endCell := func() {
		inCell = false
		if !hasValue && !hasF {
			return
		}
		c := cur
		switch string(curType) {
		case "", "n":
			c.Kind = Number
		case "s":
			c.Kind = Text
			if hasValue {
				i, ok := sharedIndex(val)
				if !ok || i >= len(b.shared) {
					c.flags |= flagBroken
				} else {
					c.flags |= flagShared
					c.off = uint32(i)
				}
			}
		case "str", "inlineStr":
			c.Kind = Text
		case "b":
			c.Kind = Bool
			// Excel writes 1 and 0; some writers true and false.
			switch strings.ToLower(string(bytes.TrimSpace(val))) {
			case "true":
				val = append(val[:0], '1')
			case "false":
				val = append(val[:0], '0')
			}
		case "e":
			c.Kind = Error
		case "d":
			c.Kind = Date
		default:
			c.Kind = Text
		}
		if !hasValue {
			c.Kind = Blank
		}
		if c.flags&(flagShared|flagBroken) == 0 && hasValue {
			var text []byte
			if c.Kind == Text {
				text = []byte(unescapeOOXML(decode(val)))
			} else {
				text = bytes.TrimSpace(val)
			}
			c.off, c.n = uint32(len(s.text)), uint32(len(text))
			s.text = append(s.text, text...)
		}
		if hasF {
			c.flags |= flagFormula
			if s.formulas == nil {
				s.formulas = map[uint64]*formulaCell{}
			}
			f := fattrs
			f.text = decode(ftext)
			if f.kind == "shared" {
				if f.text != "" || f.ref != "" {
					sharedMasters[fsi] = struct {
						text     string
						row, col int
					}{f.text, row, int(c.Col)}
				} else if m, ok := sharedMasters[fsi]; ok {
					f.text, f.dRow, f.dCol = m.text, row-m.row, int(c.Col)-m.col
				} else {
					f.unshared = true
				}
			}
			s.formulas[cellKey(row, int(c.Col))] = &f
		}
		s.cells = append(s.cells, c)
		s.rows[len(s.rows)-1].size++
	}
	tooMany := &LimitError{fmt.Sprintf("sheet %q has over %d cells", name, b.lim.MaxCells)}
	for {
		tok, ok := t.next()
		if !ok {
			break
		}
		switch string(tok.name) {
		case "row":
			if tok.end {
				inRow = false
				if maxRows > 0 && len(s.rows) >= maxRows {
					return s, nil
				}
				continue
			}
			if window > 0 && len(s.rows) >= window {
				// A window is handed over as the row after its last starts,
				// so that a row written <row …/>, without cells, counts too.
				next := &Sheet{Name: name, book: b, hiddenCols: s.hiddenCols, Problem: s.Problem,
					cells: make([]Cell, 0, cap(s.cells)), text: make([]byte, 0, cap(s.text)), rows: make([]rowSpan, 0, window)}
				if !give(s) {
					return nil, errStopped
				}
				s = next
			}
			startRow(tok.tag, tok.self)
		case "c":
			if tok.end {
				if inCell {
					endCell()
				}
				continue
			}
			if !inRow {
				problem("a cell is written outside a row")
				continue
			}
			var ref, style, typ []byte
			for i := skipName(tok.tag); ; {
				key, val, next, ok := nextAttr(tok.tag, i)
				if !ok {
					break
				}
				switch string(key) {
				case "r":
					ref = val
				case "s":
					style = val
				case "t":
					typ = val
				}
				i = next
			}
			col := lastCol + 1
			if ref != nil {
				c, r, ok := parseCell(ref)
				if !ok {
					problem("cell reference %q is not a cell name", ref)
					continue
				}
				if r != row {
					problem("cell %s is written inside row %d", ref, row)
				}
				if c <= lastCol {
					problem("cell %s is written after %s (cells out of order or twice, as some programs write them)", ref, CellName(lastCol, row))
				}
				col = c
			}
			lastCol = col
			cur = Cell{Col: int32(col), Format: b.format(style)}
			curType = append(curType[:0], typ...)
			hasValue, hasF, inIS, val, ftext = false, false, false, val[:0], ftext[:0]
			inCell = true
			if tok.self {
				endCell()
			} else if v, ok := t.plainValue(); ok {
				// The common cell, <v>…</v></c>, read in one step; a number or
				// a shared string without more ado.
				switch v = bytes.TrimSpace(v); {
				case len(v) > 0 && (len(typ) == 0 || string(typ) == "n"):
					cur.Kind, cur.off, cur.n = Number, uint32(len(s.text)), uint32(len(v))
					s.text = append(s.text, v...)
					s.cells = append(s.cells, cur)
					s.rows[len(s.rows)-1].size++
					inCell = false
				case string(typ) == "s":
					if i, ok := sharedIndex(v); ok && i < len(b.shared) {
						cur.Kind, cur.flags, cur.off = Text, flagShared, uint32(i)
						s.cells = append(s.cells, cur)
						s.rows[len(s.rows)-1].size++
						inCell = false
						break
					}
					fallthrough
				default:
					val = append(val[:0], v...)
					hasValue = len(val) > 0 || string(curType) == "str"
					endCell()
				}
			}
			if len(s.cells) > b.lim.MaxCells {
				return nil, tooMany
			}
		case "v":
			if !inCell || inIS {
				continue
			}
			if tok.end {
				val = append(val[:0], tok.text...)
				// An empty <v></v> is a saved empty string for a string
				// result (LibreOffice saves =IF(…,"") so), and no saved
				// result for a number (openpyxl writes it so).
				hasValue = len(bytes.TrimSpace(val)) > 0 || string(curType) == "str"
			}
		case "f":
			if !inCell {
				continue
			}
			if tok.end {
				if inF {
					ftext = append(ftext[:0], tok.text...)
				}
				inF = false
				continue
			}
			hasF = true
			fattrs = formulaCell{kind: string(attr(tok.tag, "t")), ref: string(attr(tok.tag, "ref"))}
			fsi = string(attr(tok.tag, "si"))
			inF = !tok.self
		case "is":
			if !inCell {
				continue
			}
			if tok.end {
				inIS = false
				hasValue = true
			} else if !tok.self {
				inIS, val = true, val[:0]
			}
		case "rPh":
			inPh = !tok.end && !tok.self
		case "t":
			if inIS && tok.end && inT && !inPh {
				val = append(val, tok.text...)
			}
			inT = !tok.end && !tok.self
		case "worksheet":
			complete = complete || tok.end
		case "col":
			if !tok.end && xmlTrue(string(attr(tok.tag, "hidden"))) {
				lo, err1 := strconv.Atoi(string(attr(tok.tag, "min")))
				hi, err2 := strconv.Atoi(string(attr(tok.tag, "max")))
				if err1 == nil && err2 == nil {
					s.hiddenCols = append(s.hiddenCols, [2]int{lo, hi})
				}
			}
		case "mergeCell":
			if tok.end {
				continue
			}
			ref := string(attr(tok.tag, "ref"))
			if r, ok := ParseRange(ref); ok {
				s.Merges = append(s.Merges, r)
			}
		}
	}
	switch {
	case errors.Is(t.err, zip.ErrFormat):
		return nil, &LimitError{fmt.Sprintf("sheet %q inflates past the size the archive's directory gives it (%q): a zip bomb or a damaged file", name, part)}
	case errors.Is(t.err, errTokenTooLong):
		return nil, &LimitError{fmt.Sprintf("sheet %q has a cell or tag over %d bytes", name, maxToken)}
	case t.err != nil:
		return nil, fmt.Errorf("sheet %q: %w: %v", name, errSheetDamaged, t.err)
	}
	if !complete {
		problem("the sheet's XML ends early (the file was cut short or damaged)")
	}
	sort.Slice(s.Merges, func(i, j int) bool {
		return s.Merges[i].Row1 < s.Merges[j].Row1 || s.Merges[i].Row1 == s.Merges[j].Row1 && s.Merges[i].Col1 < s.Merges[j].Col1
	})
	return s, nil
}

// sharedIndex reads the index of a shared string, as the value of a cell
// of type "s" holds it: decimal digits, perhaps with spaces around.
func sharedIndex(v []byte) (int, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || len(v) > 9 {
		return 0, false // over 9 digits is past any shared-strings part premia reads
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
