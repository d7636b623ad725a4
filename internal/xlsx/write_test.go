package xlsx

import (
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"
)

// minimalStyles is a stylesheet with only the default cell format.
func minimalStyles() Part {
	return Deflate("xl/styles.xml", []byte(xmlHeader+`<styleSheet xmlns="`+nsMain+`"><fonts count="1"><font/></fonts>`+
		`<fills count="1"><fill/></fills><borders count="1"><border/></borders>`+
		`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`))
}

// TestSheetAmountsCheckedWhenBuilt: a sheet whose cell does not hold the
// amount recorded for it is refused before anything is compressed.
func TestSheetAmountsCheckedWhenBuilt(t *testing.T) {
	for name, build := range map[string]SheetJob{
		"other number": func(_ int, x *SheetWriter) error { x.Num(1, 1, "449.1", 0); x.Want(1, 1, "449.2"); return nil },
		"text":         func(_ int, x *SheetWriter) error { x.Text(1, 1, "449.1", 0); x.Want(1, 1, "449.1"); return nil },
		"no cell":      func(_ int, x *SheetWriter) error { x.Num(1, 1, "1", 0); x.Want(2, 1, "1"); return nil },
	} {
		_, err := WriteBook(&bytes.Buffer{}, Props{}, minimalStyles(), []BookSheet{{Name: "S"}}, build)
		if err == nil || !strings.Contains(err.Error(), "does not hold its amounts") {
			t.Errorf("%s: %v", name, err)
		}
	}
	ok := func(_ int, x *SheetWriter) error { x.Num(1, 1, "449.10", 0); x.Want(1, 1, "449.1"); return nil }
	if _, err := WriteBook(&bytes.Buffer{}, Props{}, minimalStyles(), []BookSheet{{Name: "S"}}, ok); err != nil {
		t.Errorf("449.10 holds 449.1: %v", err)
	}
}

// TestSheetStream: a sheet streamed in flushes is, inflated, the XML of the
// same sheet built whole; a wrong amount is caught at the flush that holds
// it; a row cannot be written again once flushed.
func TestSheetStream(t *testing.T) {
	fill := func(x *SheetWriter, flush func()) {
		x.Widths = []float64{12, 14}
		x.Selected = true
		x.Height(1, 30)
		x.Text(1, 1, "ID", 0)
		x.Text(2, 1, "Total", 0)
		for r := 2; r <= 2001; r++ {
			x.Text(1, r, fmt.Sprintf("E-%04d", r), 0)
			v := fmt.Sprintf("%d.%02d", r*7, r%100)
			x.Num(2, r, v, 0)
			x.Want(2, r, v)
			if r%300 == 0 {
				flush()
			}
		}
		x.AutoFilter = "A1:B2001"
	}
	var whole SheetWriter
	fill(&whole, func() {})
	want := string(whole.AppendTo(nil))

	s := NewSheetStream(0, "Summary")
	s.X.Dimension = "A1:B2001"
	fill(&s.X, func() {
		if err := s.Flush(); err != nil {
			t.Fatal(err)
		}
	})
	b := s.Close()
	if b.Err != nil {
		t.Fatal(b.Err)
	}
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(b.part.compressed)))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("streamed sheet differs from the whole one:\n%.300s\nwant\n%.300s", got, want)
	}
	if b.part.crc != crc32.ChecksumIEEE(got) || b.part.size != uint64(len(got)) {
		t.Errorf("crc %x size %d; the bytes give %x and %d", b.part.crc, b.part.size, crc32.ChecksumIEEE(got), len(got))
	}
	if n := strings.Count(b.expect, "\n"); n != 2000 {
		t.Errorf("%d amounts recorded, want 2000", n)
	}

	bad := NewSheetStream(0, "S")
	bad.X.Num(1, 1, "449.1", 0)
	bad.X.Want(1, 1, "449.2")
	if err := bad.Flush(); err == nil || !strings.Contains(err.Error(), "does not hold its amounts") {
		t.Errorf("a wrong amount: %v", err)
	}
	again := NewSheetStream(0, "S")
	again.X.Num(1, 5, "1", 0)
	again.Flush()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("row 5 written again after it was flushed: no panic")
			}
		}()
		again.X.Num(2, 5, "2", 0)
	}()
}

// TestCellsAsWritten: the quick check of a sheet just built answers true
// only where the full check (numberCells) passes, and hands every other
// case to it: a missing, typed or self-closed cell, other text for the same
// number, more digits than a reader keeps, a cell not where it was written.
func TestCellsAsWritten(t *testing.T) {
	const head = `<worksheet><sheetData>`
	sheet := func(cells string) []byte {
		return []byte(head + `<row r="1">` + cells + `</row></sheetData></worksheet>`)
	}
	// where says where each expected cell starts in the rows, found here
	// by its text; "-" for a cell Want was not told the place of, "+N" to
	// point N bytes off.
	where := func(rows []byte, expect string, moved string) []int32 {
		var at []int32
		for _, ln := range strings.Split(strings.TrimSuffix(expect, "\n"), "\n") {
			ref, _, _ := strings.Cut(ln, " ")
			i := bytes.Index(rows, []byte(`<c r="`+ref+`"`))
			switch {
			case moved == "-":
				i = -1
			case moved == "+1":
				i++
			}
			at = append(at, int32(i))
		}
		return at
	}
	for _, c := range []struct {
		name, cells, expect, moved string
		quick, full                bool
	}{
		{"in order", `<c r="A1"><v>1</v></c><c r="A10" s="3"><v>-2.5</v></c>`, "A1 1\nA10 -2.5\n", "", true, true},
		{"A1 is not A10", `<c r="A10"><v>1</v></c>`, "A1 1\n", "", false, false},
		{"place unknown", `<c r="A1"><v>1</v></c>`, "A1 1\n", "-", false, true},
		{"place off", `<c r="A1"><v>1</v></c>`, "A1 1\n", "+1", false, true},
		{"other text, same number", `<c r="A1"><v>449.10</v></c>`, "A1 449.1\n", "", false, true},
		{"other number", `<c r="A1"><v>449.1</v></c>`, "A1 449.2\n", "", false, false},
		{"a text cell", `<c r="A1" t="inlineStr"><is><t>5</t></is></c>`, "A1 5\n", "", false, false},
		{"a string cell", `<c r="A1" t="str"><v>5</v></c>`, "A1 5\n", "", false, false},
		{"self-closed", `<c r="A1"/>`, "A1 0\n", "", false, false},
		{"16 digits", `<c r="A1"><v>1234567890.123456</v></c>`, "A1 1234567890.123456\n", "", false, false},
		{"15 digits", `<c r="A1"><v>0.00123456789012345</v></c>`, "A1 0.00123456789012345\n", "", true, true},
		{"value cut short", `<c r="A1"><v>12</v></c>`, "A1 1\n", "", false, false},
	} {
		data := sheet(c.cells)
		base := len(head)
		if got := cellsAsWritten(data, base, []byte(c.expect), where(data[base:], c.expect, c.moved)); got != c.quick {
			t.Errorf("%s: quick check %v, want %v", c.name, got, c.quick)
		}
		err := numberCells(data, wantMap(c.expect), "S")
		if (err == nil) != c.full {
			t.Errorf("%s: full check %v, want pass=%v", c.name, err, c.full)
		}
		if c.quick && !c.full {
			t.Errorf("%s: the quick check passes what the full one refuses", c.name)
		}
	}
	// As the writer records them: every amount of a sheet is found where
	// it was written, on the quick path, whole and streamed.
	fill := func(x *SheetWriter) {
		x.Text(1, 1, "Total", 0)
		for r := 2; r <= 40; r++ {
			x.Text(1, r, "x", 0)
			v := fmt.Sprintf("%d.%02d", r*7, r%100)
			x.Num(3, r, v, 5)
			x.Want(3, r, v)
		}
	}
	var x SheetWriter
	fill(&x)
	buf, rowsAt, _ := x.appendTo(nil)
	if !cellsAsWritten(buf, rowsAt, x.expect, x.wantAt) {
		t.Errorf("a sheet as written is not vouched for by the quick check")
	}
	x.Reset()
	x.Num(1, 1, "5", 0)
	x.Text(2, 1, "after", 0)
	x.Want(1, 1, "5") // not the cell just written: the place is unknown
	buf, rowsAt, _ = x.appendTo(nil)
	if cellsAsWritten(buf, rowsAt, x.expect, x.wantAt) {
		t.Errorf("an amount recorded after another cell was vouched for")
	}
	if err := numberCells(buf, wantMap(string(x.expect)), "S"); err != nil {
		t.Errorf("the full check: %v", err)
	}
}

// TestExpectParts: each sheet's amounts come with the part the workbook
// part written names for it, read from its text; a relationship missing
// from that text leaves the sheet without a part, which the file's check
// then reports.
func TestExpectParts(t *testing.T) {
	sheets := []BookSheet{{Name: "Summary"}, {Name: "E & 2"}}
	expect, err := WriteBook(&bytes.Buffer{}, Props{}, minimalStyles(), sheets, func(i int, x *SheetWriter) error {
		x.Num(1, 1, "5", 0)
		x.Want(1, 1, "5")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(expect) != 2 || expect[1].Sheet != "E & 2" || expect[1].Part != "xl/worksheets/sheet2.xml" || expect[0].Part != "xl/worksheets/sheet1.xml" {
		t.Errorf("expect = %+v", expect)
	}
	rels := strings.Replace(workbookRels(2), `Id="rId2"`, `Id="rId7"`, 1)
	parts, err := partsWritten(map[string]string{"_rels/.rels": rootRels, "xl/workbook.xml": workbookXML(sheets), "xl/_rels/workbook.xml.rels": rels})
	if err == nil && parts["E & 2"] != "" {
		t.Errorf("a sheet whose relationship is missing has the part %q", parts["E & 2"])
	}
}

// A sheet built once (BuildSheet) gives a workbook the bytes of one that
// builds it, for books of few sheets and of many; one built for another
// place in the workbook is refused.
func TestPrebuiltSheet(t *testing.T) {
	fill := func(i int, x *SheetWriter) error {
		x.Text(1, 1, fmt.Sprintf("sheet %d", i), 0)
		x.Num(2, 1, "12.50", 0)
		x.Want(2, 1, "12.50")
		return nil
	}
	for _, n := range []int{2, 6} { // built on the calling core, and on every core
		sheets := make([]BookSheet, n)
		for i := range sheets {
			sheets[i].Name = fmt.Sprintf("S%d", i)
		}
		var built, pre bytes.Buffer
		if _, err := WriteBook(&built, Props{}, minimalStyles(), sheets, fill); err != nil {
			t.Fatal(err)
		}
		last := n - 1
		b := BuildSheet(last, sheets[last].Name, func(x *SheetWriter) error { return fill(last, x) })
		withBuilt := append([]BookSheet(nil), sheets...)
		withBuilt[last].Built = &b
		x, err := WriteBook(&pre, Props{}, minimalStyles(), withBuilt, func(i int, x *SheetWriter) error {
			if i == last {
				t.Fatalf("%d sheets: the sheet built before was built again", n)
			}
			return fill(i, x)
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(built.Bytes(), pre.Bytes()) {
			t.Errorf("%d sheets: a sheet built before changes the workbook", n)
		}
		if len(x) != n || x[last].Part != sheetPartName(last) {
			t.Errorf("%d sheets: the sheet built before is not checked: %+v", n, x)
		}
		wrong := append([]BookSheet(nil), sheets...)
		wrong[0].Built = &b
		if _, err := WriteBook(&bytes.Buffer{}, Props{}, minimalStyles(), wrong, fill); err == nil || !strings.Contains(err.Error(), "was built as xl/worksheets/sheet") {
			t.Errorf("%d sheets: a sheet built for another place: %v", n, err)
		}
	}
}

// A workbook of many sheets (its package parts made on several goroutines)
// and one of few give the same package: every sheet under its name, in its
// part, holding its amounts, read back by the fact-sheet reader.
func TestBookPartsFewAndMany(t *testing.T) {
	for _, n := range []int{3, manySheets + 44} {
		sheets := make([]BookSheet, n)
		for i := range sheets {
			sheets[i] = BookSheet{Name: fmt.Sprintf("E%04d & 'co'", i), TitleRow: 1}
		}
		sheets[0].Filter = "A1:B2"
		var buf bytes.Buffer
		x, err := WriteBook(&buf, Props{Title: "t"}, minimalStyles(), sheets, func(i int, x *SheetWriter) error {
			x.Num(1, 1, fmt.Sprint(i*7), 0)
			x.Want(1, 1, fmt.Sprint(i*7))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		path := t.TempDir() + "/b.xlsx"
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Check(path, x); err != nil {
			t.Fatalf("%d sheets: %v", n, err)
		}
		b, err := Open(buf.Bytes(), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Sheets) != n {
			t.Fatalf("%d sheets written, %d read", n, len(b.Sheets))
		}
		for i, s := range b.Sheets {
			if s.Name != sheets[i].Name || x[i].Part != sheetPartName(i) {
				t.Fatalf("sheet %d reads back as %q in %s", i, s.Name, x[i].Part)
			}
		}
	}
}

// TestSheetDeflatedInPieces: a sheet deflated as its head, its rows and its
// tail inflates (with the standard library's reader, as another program's)
// to exactly its text, with the CRC of that text; the same sheet gives the
// same bytes whether its head and tail were kept from an earlier sheet or
// deflated now, so a workbook's bytes do not depend on the order sheets
// were built in; a sheet without rows is written so too.
func TestSheetDeflatedInPieces(t *testing.T) {
	fill := func(x *SheetWriter, rows int) {
		x.Widths = []float64{12, 30}
		x.Landscape = true
		for r := 1; r <= rows; r++ {
			x.Text(1, r, fmt.Sprintf("line %d of an explanation that is long enough", r), 0)
			x.Num(2, r, fmt.Sprintf("%d.25", r*1000), 0)
			x.Merge(3, r, 5, r)
		}
	}
	inflate := func(z []byte) []byte {
		t.Helper()
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
		if err != nil {
			t.Fatalf("the deflated sheet does not inflate: %v", err)
		}
		return got
	}
	forget := func() {
		for _, pc := range []*pieceCache{&sheetHeads, &sheetTails} {
			pc.Lock()
			pc.m = nil
			pc.Unlock()
		}
	}
	for _, rows := range []int{0, 1, 200} {
		var x SheetWriter
		fill(&x, rows)
		text, rowsAt, tailAt := x.appendTo(nil)
		var c compressor
		forget()
		first := c.deflateSheet("s.xml", text, rowsAt, tailAt)
		firstBytes := bytes.Clone(first.compressed)
		again := c.deflateSheet("s.xml", text, rowsAt, tailAt) // head and tail kept now
		if !bytes.Equal(firstBytes, again.compressed) {
			t.Errorf("%d rows: the sheet deflated with its head and tail kept differs from the sheet deflated afresh", rows)
		}
		if got := inflate(again.compressed); !bytes.Equal(got, text) {
			t.Errorf("%d rows: inflated to %d bytes that differ from the %d written", rows, len(got), len(text))
		}
		if again.crc != crc32.ChecksumIEEE(text) || again.size != uint64(len(text)) {
			t.Errorf("%d rows: CRC %08x size %d, want %08x %d", rows, again.crc, again.size, crc32.ChecksumIEEE(text), len(text))
		}
		var other compressor // another core's compressor, the pieces kept
		if b := other.deflateSheet("s.xml", text, rowsAt, tailAt); !bytes.Equal(b.compressed, firstBytes) {
			t.Errorf("%d rows: another compressor gave other bytes", rows)
		}
	}
}
