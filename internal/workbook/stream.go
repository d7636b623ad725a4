package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file is premia's own SpreadsheetML writer for reports. excelize keeps
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

// xsheet builds one worksheet's XML. Cells are written row by row, and
// within a row column by column; a row's height may be set while the row is
// open or before it is reached.
type xsheet struct {
	data    []byte // closed rows of sheetData
	cur     []byte // cells of the open row
	row     int    // the open row, 0 when none
	col     int    // the last column written in the open row
	heights map[int]int
	maxRow  int
	maxCol  int

	widths     []float64
	pane       string // the <pane> element, or ""
	selected   bool
	autoFilter string // a range, or ""
	merges     []string
	cf         []byte // <conditionalFormatting> elements
	priority   int
	fitToPage  bool
	landscape  bool
	header     string
	footer     string
	expect     []byte // "REF VALUE\n" for every amount the check must find
}

func (x *xsheet) reset() {
	*x = xsheet{data: x.data[:0], cur: x.cur[:0], merges: x.merges[:0], cf: x.cf[:0], expect: x.expect[:0]}
}

// at opens row r for a cell in column c.
func (x *xsheet) at(c, r int) {
	if r < x.row || (r == x.row && c <= x.col) || c < 1 {
		panic(fmt.Sprintf("cell %s written out of order (after %s)", cellRef(c, r), cellRef(x.col, x.row)))
	}
	if r != x.row {
		x.closeRow()
		x.row = r
	}
	x.col = c
	x.maxRow = max(x.maxRow, r)
	x.maxCol = max(x.maxCol, c)
}

func (x *xsheet) closeRow() {
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
	x.data = append(x.data, x.cur...)
	x.data = append(x.data, `</row>`...)
	x.cur = x.cur[:0]
	x.row, x.col = 0, 0
}

// height sets row r's height in points.
func (x *xsheet) height(r, points int) {
	if r < x.row || (x.row == 0 && r <= x.maxRow) {
		panic(fmt.Sprintf("height of row %d set after the row was written", r))
	}
	if x.heights == nil {
		x.heights = map[int]int{}
	}
	x.heights[r] = points
}

func (x *xsheet) cellStart(c, r, style int) {
	x.at(c, r)
	x.cur = append(x.cur, `<c r="`...)
	x.cur = appendRef(x.cur, c, r)
	x.cur = append(x.cur, '"')
	if style != 0 {
		x.cur = append(x.cur, ` s="`...)
		x.cur = strconv.AppendInt(x.cur, int64(style), 10)
		x.cur = append(x.cur, '"')
	}
}

// text writes s as an inline string. Characters XML cannot hold are
// dropped and text longer than Excel's limit is cut with an ellipsis.
func (x *xsheet) text(c, r int, s string, style int) {
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

// num writes v, a number's exact decimal text, as a numeric cell.
func (x *xsheet) num(c, r int, v string, style int) {
	if !isNumberText(v) {
		panic(fmt.Sprintf("cell %s: %q is not a number", cellRef(c, r), v))
	}
	x.cellStart(c, r, style)
	x.cur = append(x.cur, `><v>`...)
	x.cur = append(x.cur, v...)
	x.cur = append(x.cur, `</v></c>`...)
}

// want records that cell (c, r) must read back as the number v.
func (x *xsheet) want(c, r int, v string) {
	x.expect = appendRef(x.expect, c, r)
	x.expect = append(x.expect, ' ')
	x.expect = append(x.expect, v...)
	x.expect = append(x.expect, '\n')
}

func (x *xsheet) merge(c1, r1, c2, r2 int) {
	x.merges = append(x.merges, cellRef(c1, r1)+":"+cellRef(c2, r2))
}

// rule adds a conditional format: rules is the cfRule elements without
// their priority attribute, which is numbered here, one per sheet.
func (x *xsheet) rule(sqref string, rules ...string) {
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

// bytes returns the worksheet part.
func (x *xsheet) bytes(dst []byte) []byte {
	x.closeRow()
	dst = append(dst, xmlHeader...)
	dst = append(dst, `<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`...)
	if x.fitToPage {
		dst = append(dst, `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`...)
	}
	dst = append(dst, `<dimension ref="A1`...)
	if x.maxRow > 0 && (x.maxRow > 1 || x.maxCol > 1) {
		dst = append(dst, ':')
		dst = appendRef(dst, x.maxCol, x.maxRow)
	}
	dst = append(dst, `"/><sheetViews><sheetView`...)
	if x.selected {
		dst = append(dst, ` tabSelected="1"`...)
	}
	dst = append(dst, ` workbookViewId="0"`...)
	if x.pane != "" {
		dst = append(dst, '>')
		dst = append(dst, x.pane...)
		dst = append(dst, `</sheetView>`...)
	} else {
		dst = append(dst, `/>`...)
	}
	dst = append(dst, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	if len(x.widths) > 0 {
		dst = append(dst, `<cols>`...)
		for i, w := range x.widths {
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
	if len(x.data) == 0 {
		dst = append(dst, `<sheetData/>`...)
	} else {
		dst = append(dst, `<sheetData>`...)
		dst = append(dst, x.data...)
		dst = append(dst, `</sheetData>`...)
	}
	if x.autoFilter != "" {
		dst = append(dst, `<autoFilter ref="`...)
		dst = append(dst, x.autoFilter...)
		dst = append(dst, `"/>`...)
	}
	if len(x.merges) > 0 {
		dst = append(dst, `<mergeCells count="`...)
		dst = strconv.AppendInt(dst, int64(len(x.merges)), 10)
		dst = append(dst, `">`...)
		for _, m := range x.merges {
			dst = append(dst, `<mergeCell ref="`...)
			dst = append(dst, m...)
			dst = append(dst, `"/>`...)
		}
		dst = append(dst, `</mergeCells>`...)
	}
	dst = append(dst, x.cf...)
	dst = append(dst, `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`...)
	dst = append(dst, `<pageSetup paperSize="9"`...)
	if x.landscape {
		dst = append(dst, ` orientation="landscape"`...)
	}
	if x.fitToPage {
		dst = append(dst, ` fitToWidth="1" fitToHeight="0"`...)
	}
	dst = append(dst, `/>`...)
	if x.header != "" || x.footer != "" {
		dst = append(dst, `<headerFooter><oddHeader>`...)
		dst = appendEscaped(dst, x.header)
		dst = append(dst, `</oddHeader><oddFooter>`...)
		dst = appendEscaped(dst, x.footer)
		dst = append(dst, `</oddFooter></headerFooter>`...)
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

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// maxText is Excel's limit on a cell's text.
const maxText = 32767

// cellText drops what XML 1.0 cannot carry (control characters other than
// tab and newline, U+FFFE, U+FFFF, broken UTF-8) and cuts text longer than
// a cell holds.
func cellText(s string) string {
	ok := utf8.ValidString(s)
	for i := 0; ok && i < len(s); i++ {
		b := s[i]
		if (b < 0x20 && b != '\t' && b != '\n') || b == 0xEF {
			ok = false
		}
	}
	if !ok {
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

func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
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
		case '\'':
			esc = "&apos;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

func escapeXML(s string) string { return string(appendEscaped(nil, s)) }

// isNumberText reports whether v is plain decimal text: an optional minus,
// digits, and an optional fraction. That is all a numeric cell may hold.
func isNumberText(v string) bool {
	if strings.HasPrefix(v, "-") {
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

func appendRef(dst []byte, c, r int) []byte {
	var col [3]byte
	n := len(col)
	for c > 0 {
		c--
		n--
		col[n] = byte('A' + c%26)
		c /= 26
	}
	dst = append(dst, col[n:]...)
	return strconv.AppendInt(dst, int64(r), 10)
}

func cellRef(c, r int) string { return string(appendRef(nil, c, r)) }

// part is one compressed entry of the zip.
type part struct {
	name       string
	crc        uint32
	size       uint64
	compressed []byte
}

// compressors are kept between workbooks: a flate writer costs about a
// megabyte to make, and --split makes thousands of small workbooks.
var compressors = sync.Pool{New: func() any { return new(compressor) }}

// compressor deflates parts, reusing its buffers.
type compressor struct {
	fw  *flate.Writer
	out bytes.Buffer
}

func (c *compressor) deflate(name string, data []byte) part {
	c.out.Reset()
	if c.fw == nil {
		c.fw, _ = flate.NewWriter(&c.out, flate.BestSpeed)
	} else {
		c.fw.Reset(&c.out)
	}
	c.fw.Write(data)
	c.fw.Close()
	return part{name: name, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), compressed: bytes.Clone(c.out.Bytes())}
}

func writePart(zw *zip.Writer, p part) error {
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: p.name, Method: zip.Deflate, CRC32: p.crc,
		CompressedSize64: uint64(len(p.compressed)), UncompressedSize64: p.size,
	})
	if err != nil {
		return err
	}
	_, err = w.Write(p.compressed)
	return err
}

// sheetJob builds sheet i into x.
type sheetJob func(i int, x *xsheet) error

// builtSheet is a built and compressed sheet and the amounts it holds.
type builtSheet struct {
	part   part
	expect string
	err    error
}

// writeSheets builds the sheets with build on every core, checks that each
// holds its amounts, compresses them and writes them to zw in order as
// xl/worksheets/sheet{i+1}.xml. At most a few sheets per core are in
// flight: a sheet is handed out only when one before it has been written.
// It returns each sheet's expected amounts.
func writeSheets(zw *zip.Writer, sheets []bookSheet, build sheetJob) ([]string, error) {
	n := len(sheets)
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	tokens := make(chan struct{}, 4*workers)
	slots := make([]chan builtSheet, n)
	for i := range slots {
		slots[i] = make(chan builtSheet, 1)
	}
	next := make(chan int)
	stop := make(chan struct{})
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var x xsheet
			c := compressors.Get().(*compressor)
			defer compressors.Put(c)
			var buf []byte
			for i := range next {
				slots[i] <- buildSheet(i, sheets[i].name, build, &x, c, &buf)
			}
		}()
	}
	expects := make([]string, n)
	var err error
	for i := 0; i < n && err == nil; i++ {
		out := <-slots[i]
		slots[i] = nil
		if err = out.err; err == nil {
			err = writePart(zw, out.part)
		}
		expects[i] = out.expect
		<-tokens
	}
	if err != nil {
		close(stop)
	}
	wg.Wait()
	return expects, err
}

// buildSheet builds sheet i, then reads the amounts back from the very
// bytes that are compressed, as a reader of the file would find them.
func buildSheet(i int, name string, build sheetJob, x *xsheet, c *compressor, buf *[]byte) (out builtSheet) {
	defer func() {
		if p := recover(); p != nil {
			out.err = fmt.Errorf("%v", p)
		}
	}()
	x.reset()
	if out.err = build(i, x); out.err != nil {
		return out
	}
	*buf = x.bytes((*buf)[:0])
	if len(x.expect) > 0 {
		if err := numberCells(*buf, wantMap(string(x.expect)), name); err != nil {
			out.err = fmt.Errorf("the sheet as built does not hold its amounts: %v", err)
			return out
		}
	}
	out.part = c.deflate(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), *buf)
	out.expect = string(x.expect)
	return out
}
