package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// This file is the streaming worksheet writer. excelize keeps
// every sheet of a workbook in memory as a tree and, adding a sheet, scans
// every sheet before it; for a report with a sheet per employee that made
// the write phase grow faster than the number of employees (2.5 ms a sheet
// at 5,000, 1.5 GB). Here each sheet is built as XML in a buffer, in row
// order, compressed on whichever core is free, and written to the zip in
// sheet order: memory is a few sheets at a time and time grows with the
// number of cells.
//
// Numbers are written as the decimal text the engine produced: no value
// passes through float64. Text is written as inline strings, so no
// shared-string table has to be held until the end.

// SheetWriter builds one worksheet's XML. Cells are written row by row, and
// within a row column by column; a row's height may be set while the row is
// open or before it is reached.
type SheetWriter struct {
	// Page and view settings, read when the sheet is closed.
	Widths     []float64 // column widths in characters, from column A
	Pane       string    // the <pane> element that freezes rows or columns, or ""
	Selected   bool      // the sheet is the one shown when the workbook opens
	AutoFilter string    // the range of the autofilter, "A1:N5", or ""
	FitToPage  bool      // printed fitted to the page width
	Landscape  bool
	Header     string // the printed page header, in Excel's &-code syntax
	Footer     string
	// Dimension is the used range, "A1:N101", for a sheet streamed before
	// its last row is known (SheetStream); "" to take it from the cells.
	Dimension string
	// Drawing: the sheet has charts (BookSheet.Charts), drawn by its
	// relationship rId1.
	Drawing bool

	data     []byte // closed rows of sheetData
	cur      []byte // cells of the open row
	row      int    // the open row, 0 when none
	col      int    // the last column written in the open row
	heights  map[int]int
	maxRow   int
	maxCol   int
	merges   []byte // <mergeCell> elements
	nmerges  int
	cf       []byte // <conditionalFormatting> elements
	priority int
	expect   []byte // "REF VALUE\n" for every amount the check must find
	// wantAt is, for each line of expect, where its cell starts in data,
	// or -1 when Want was not given the cell just written; wantCur holds
	// those of the open row, as offsets in cur until the row is closed.
	wantAt, wantCur []int32
	lastCell        int // where the last cell written starts in cur
}

// Reset empties x for the next sheet, keeping its buffers.
func (x *SheetWriter) Reset() {
	*x = SheetWriter{data: x.data[:0], cur: x.cur[:0], merges: x.merges[:0], cf: x.cf[:0], expect: x.expect[:0],
		wantAt: x.wantAt[:0], wantCur: x.wantCur[:0]}
}

// at opens row r for a cell in column c.
func (x *SheetWriter) at(c, r int) {
	if r < x.row || (r == x.row && c <= x.col) || c < 1 || (x.row == 0 && r <= x.maxRow) {
		panic(fmt.Sprintf("cell %s written out of order (after %s)", CellName(c, r), CellName(x.col, x.row)))
	}
	if r != x.row {
		x.closeRow()
		x.row = r
	}
	x.col = c
	x.maxRow = max(x.maxRow, r)
	x.maxCol = max(x.maxCol, c)
}

func (x *SheetWriter) closeRow() {
	if x.row == 0 {
		return
	}
	x.data = append(x.data, `<row r="`...)
	x.data = strconv.AppendInt(x.data, int64(x.row), 10)
	x.data = append(x.data, '"')
	if h, ok := x.heights[x.row]; ok {
		x.data = append(x.data, ` ht="`...)
		x.data = strconv.AppendInt(x.data, int64(h), 10)
		x.data = append(x.data, `" customHeight="1"`...)
		delete(x.heights, x.row)
	}
	x.data = append(x.data, '>')
	for _, at := range x.wantCur {
		if at >= 0 {
			at += int32(len(x.data))
		}
		x.wantAt = append(x.wantAt, at)
	}
	x.wantCur = x.wantCur[:0]
	x.data = append(x.data, x.cur...)
	x.data = append(x.data, `</row>`...)
	x.cur = x.cur[:0]
	x.row, x.col = 0, 0
}

// Height sets row r's height in points.
func (x *SheetWriter) Height(r, points int) {
	if r < x.row || (x.row == 0 && r <= x.maxRow) {
		panic(fmt.Sprintf("height of row %d set after the row was written", r))
	}
	if x.heights == nil {
		x.heights = map[int]int{}
	}
	x.heights[r] = points
}

func (x *SheetWriter) cellStart(c, r, style int) {
	x.at(c, r)
	x.lastCell = len(x.cur)
	x.cur = append(x.cur, `<c r="`...)
	x.cur = AppendCellName(x.cur, c, r)
	x.cur = append(x.cur, '"')
	if style != 0 {
		x.cur = append(x.cur, ` s="`...)
		x.cur = strconv.AppendInt(x.cur, int64(style), 10)
		x.cur = append(x.cur, '"')
	}
}

// TextBytes is Text of s's bytes; s is not kept.
func (x *SheetWriter) TextBytes(c, r int, s []byte, style int) {
	x.Text(c, r, unsafe.String(unsafe.SliceData(s), len(s)), style) // Text keeps no part of its string
}

// Text writes s as an inline string. Characters XML cannot hold are
// dropped and text longer than Excel's limit is cut with an ellipsis.
func (x *SheetWriter) Text(c, r int, s string, style int) {
	s = cellText(s)
	if s == "" && style == 0 {
		return // an empty, unstyled cell is no cell
	}
	x.cellStart(c, r, style)
	x.cur = append(x.cur, ` t="inlineStr"><is><t`...)
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		x.cur = append(x.cur, ` xml:space="preserve"`...)
	}
	x.cur = append(x.cur, '>')
	x.cur = appendEscaped(x.cur, s)
	x.cur = append(x.cur, `</t></is></c>`...)
}

// NumBytes is Num of v's bytes; v is not kept (a caller's buffer on its
// stack stays there).
func (x *SheetWriter) NumBytes(c, r int, v []byte, style int) {
	x.Num(c, r, unsafe.String(unsafe.SliceData(v), len(v)), style)
}

func notNumber(c, r int, v string) {
	panic(fmt.Sprintf("cell %s: %q is not a number", CellName(c, r), v))
}

// Num writes v, a number's exact decimal text, as a numeric cell.
func (x *SheetWriter) Num(c, r int, v string, style int) {
	if !isNumberText(v) {
		notNumber(c, r, strings.Clone(v)) // a copy: v itself does not escape
	}
	x.cellStart(c, r, style)
	x.cur = append(x.cur, `><v>`...)
	x.cur = append(x.cur, v...)
	x.cur = append(x.cur, `</v></c>`...)
}

// Want records that cell (c, r) must read back as the number v.
func (x *SheetWriter) Want(c, r int, v string) {
	at := int32(-1) // the check then looks for the cell
	if c == x.col && r == x.row && len(x.cur) > 0 && len(x.data) < 1<<31-len(x.cur) {
		at = int32(x.lastCell)
	}
	x.wantCur = append(x.wantCur, at)
	x.expect = AppendCellName(x.expect, c, r)
	x.expect = append(x.expect, ' ')
	x.expect = append(x.expect, v...)
	x.expect = append(x.expect, '\n')
}

// Merge merges the cells from (c1, r1) to (c2, r2).
func (x *SheetWriter) Merge(c1, r1, c2, r2 int) {
	x.merges = append(x.merges, `<mergeCell ref="`...)
	x.merges = AppendCellName(x.merges, c1, r1)
	x.merges = append(x.merges, ':')
	x.merges = AppendCellName(x.merges, c2, r2)
	x.merges = append(x.merges, `"/>`...)
	x.nmerges++
}

// Rule adds a conditional format: rules is the cfRule elements without
// their priority attribute, which is numbered here, one per sheet.
func (x *SheetWriter) Rule(sqref string, rules ...string) {
	x.cf = append(x.cf, `<conditionalFormatting sqref="`...)
	x.cf = append(x.cf, sqref...)
	x.cf = append(x.cf, `">`...)
	for _, r := range rules {
		x.priority++
		// Each rule starts `<cfRule type="…"`: the priority goes after it.
		const start = `<cfRule type="`
		if !strings.HasPrefix(r, start) {
			panic("a conditional format rule must start " + start)
		}
		i := len(start) + strings.IndexByte(r[len(start):], '"') + 1
		x.cf = append(x.cf, r[:i]...)
		x.cf = append(x.cf, ` priority="`...)
		x.cf = strconv.AppendInt(x.cf, int64(x.priority), 10)
		x.cf = append(x.cf, '"')
		x.cf = append(x.cf, r[i:]...)
	}
	x.cf = append(x.cf, `</conditionalFormatting>`...)
}

// AppendTo appends the worksheet part, closing its last row, to dst.
func (x *SheetWriter) AppendTo(dst []byte) []byte {
	dst, _, _ = x.appendTo(dst)
	return dst
}

// appendTo is AppendTo, saying where the rows start in dst and where what
// comes after them starts: the head and the tail around the rows are the
// same in many sheets (see compressor.deflateSheet).
func (x *SheetWriter) appendTo(dst []byte) (_ []byte, rowsAt, tailAt int) {
	x.closeRow()
	dst = x.appendHead(dst)
	if len(x.data) == 0 {
		dst = append(dst, `<sheetData/>`...)
		rowsAt = len(dst)
		tailAt = rowsAt
	} else {
		dst = append(dst, `<sheetData>`...)
		rowsAt = len(dst)
		dst = append(dst, x.data...)
		tailAt = len(dst)
		dst = append(dst, `</sheetData>`...)
	}
	return x.appendTail(dst), rowsAt, tailAt
}

// appendHead appends what comes before the rows: the sheet's properties,
// dimension, view and column widths.
func (x *SheetWriter) appendHead(dst []byte) []byte {
	dst = append(dst, xmlHeader...)
	dst = append(dst, `<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`...)
	if x.FitToPage {
		dst = append(dst, `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`...)
	}
	dst = append(dst, `<dimension ref="`...)
	switch {
	case x.Dimension != "":
		dst = append(dst, x.Dimension...)
	case x.maxRow > 0 && (x.maxRow > 1 || x.maxCol > 1):
		dst = append(dst, `A1:`...)
		dst = AppendCellName(dst, x.maxCol, x.maxRow)
	default:
		dst = append(dst, `A1`...)
	}
	dst = append(dst, `"/><sheetViews><sheetView`...)
	if x.Selected {
		dst = append(dst, ` tabSelected="1"`...)
	}
	dst = append(dst, ` workbookViewId="0"`...)
	if x.Pane != "" {
		dst = append(dst, '>')
		dst = append(dst, x.Pane...)
		dst = append(dst, `</sheetView>`...)
	} else {
		dst = append(dst, `/>`...)
	}
	dst = append(dst, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	if len(x.Widths) > 0 {
		dst = append(dst, `<cols>`...)
		for i, w := range x.Widths {
			dst = append(dst, `<col min="`...)
			dst = strconv.AppendInt(dst, int64(i+1), 10)
			dst = append(dst, `" max="`...)
			dst = strconv.AppendInt(dst, int64(i+1), 10)
			dst = append(dst, `" width="`...)
			dst = strconv.AppendFloat(dst, w, 'f', -1, 64) // a column width, not an amount
			dst = append(dst, `" customWidth="1"/>`...)
		}
		dst = append(dst, `</cols>`...)
	}
	return dst
}

// appendTail appends what comes after the rows: filter, merges,
// conditional formats and page setup.
func (x *SheetWriter) appendTail(dst []byte) []byte {
	if x.AutoFilter != "" {
		dst = append(dst, `<autoFilter ref="`...)
		dst = append(dst, x.AutoFilter...)
		dst = append(dst, `"/>`...)
	}
	if x.nmerges > 0 {
		dst = append(dst, `<mergeCells count="`...)
		dst = strconv.AppendInt(dst, int64(x.nmerges), 10)
		dst = append(dst, `">`...)
		dst = append(dst, x.merges...)
		dst = append(dst, `</mergeCells>`...)
	}
	dst = append(dst, x.cf...)
	dst = append(dst, `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`...)
	dst = append(dst, `<pageSetup paperSize="9"`...)
	if x.Landscape {
		dst = append(dst, ` orientation="landscape"`...)
	}
	if x.FitToPage {
		dst = append(dst, ` fitToWidth="1" fitToHeight="0"`...)
	}
	dst = append(dst, `/>`...)
	if x.Header != "" || x.Footer != "" {
		dst = append(dst, `<headerFooter><oddHeader>`...)
		dst = appendEscaped(dst, x.Header)
		dst = append(dst, `</oddHeader><oddFooter>`...)
		dst = appendEscaped(dst, x.Footer)
		dst = append(dst, `</oddFooter></headerFooter>`...)
	}
	if x.Drawing {
		dst = append(dst, `<drawing r:id="rId1"/>`...)
	}
	return append(dst, `</worksheet>`...)
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsTypes   = "http://schemas.openxmlformats.org/package/2006/content-types"
	ctSheet   = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
)

// maxText is Excel's limit on a cell's text.
const maxText = 32767

// cellText drops what XML 1.0 cannot carry (control characters other than
// tab and newline, U+FFFE, U+FFFF, broken UTF-8) and cuts text longer than
// a cell holds.
func cellText(s string) string {
	if !cleanText(s) {
		s = strings.Map(func(r rune) rune {
			if (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
				return -1
			}
			return r
		}, strings.ToValidUTF8(s, ""))
	}
	if len(s) > maxText && utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText-1]) + "…"
	}
	return s
}

// cleanText reports whether s is valid UTF-8 with nothing cellText drops:
// one pass, each ASCII byte looked up in a table (an explanation is some
// 2 KB of text per employee).
func cleanText(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if textByte[b]&dropped != 0 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 1 || r == 0xFFFE || r == 0xFFFF { // broken UTF-8 (a valid U+FFFD is 3 bytes)
			return false
		}
		i += n
	}
	return true
}

// textByte classes the ASCII bytes of text: escaped in XML, or dropped
// from a cell (control characters other than tab and newline).
var textByte = func() (t [utf8.RuneSelf]uint8) {
	for b := range 0x20 {
		if b != '\t' && b != '\n' {
			t[b] = dropped
		}
	}
	for _, b := range `&<>"'` {
		t[b] = escaped
	}
	return t
}()

const (
	escaped = 1 << iota
	dropped
)

func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || textByte[b]&escaped == 0 {
			continue
		}
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		default: // '\''
			esc = "&apos;"
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// EscapeXML escapes s for XML text or an attribute value.
func EscapeXML(s string) string { return string(appendEscaped(nil, s)) }

// isNumberText reports whether v is plain decimal text: an optional minus,
// digits, and an optional fraction. That is all a numeric cell may hold.
func isNumberText[T string | []byte](v T) bool {
	if len(v) > 0 && v[0] == '-' {
		v = v[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(v)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
