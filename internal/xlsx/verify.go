package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// This file is the read-back check of a written workbook: every amount a
// sheet was built to hold is looked for in the file's bytes.

// Expect is what one sheet of a written workbook must give back when
// reopened: each line of Cells is a cell reference and the number the cell
// must hold, "D11 40000".
type Expect struct {
	Sheet, Cells string
	// Part is the sheet's part as the workbook written says
	// (BookWriter.Close), for a check that finds it in the zip directory.
	Part string
	// Parts are the other parts the sheet needs as written, for the same
	// check: its relationships, its drawing and the drawing's
	// relationships, its charts. Charts are the charts drawn over it,
	// which Check finds through the sheet's relationships.
	Parts  []string
	Charts []Chart
}

// Check reopens a written workbook and compares every expected amount
// with what the cell holds, exactly: a number cell whose stored text is the
// amount. Each sheet's XML is inflated once and scanned for its cells, on
// every core; the workbook is never loaded as a whole.
func Check(path string, expect []Expect) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot reopen the workbook: %v", p)
		}
	}()
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("cannot reopen the workbook: %v", err)
	}
	useFastInflate(&zr.Reader)
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	arch := archiveOf(&zr.Reader)
	parts, err := arch.sheetParts()
	if err != nil {
		return fmt.Errorf("cannot reopen the workbook: %v", err)
	}
	for _, x := range expect {
		if err := checkCharts(arch, parts[x.Sheet], x); err != nil {
			return err
		}
	}
	errs := make([]error, len(expect))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range jobs {
				errs[i] = checkSheet(files[parts[expect[i].Sheet]], expect[i], &buf)
			}
		}()
	}
	for i := range expect {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func checkSheet(f *zip.File, x Expect, buf *bytes.Buffer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("sheet %q: %v", x.Sheet, p)
		}
	}()
	if f == nil {
		return fmt.Errorf("the workbook has no sheet %q", x.Sheet)
	}
	if x.Cells == "" {
		return nil // a sheet checked for its charts only
	}
	want := wantMap(x.Cells)
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("sheet %q: %v", x.Sheet, err)
	}
	buf.Reset()
	_, err = buf.ReadFrom(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("sheet %q: %v", x.Sheet, err)
	}
	return numberCells(buf.Bytes(), want, x.Sheet)
}

// cellsAsWritten is the check of a sheet as it was just built, the way
// this package writes it: expect lists the cells in the order they were
// written and at says where each starts in data, counted from base (the
// offset of the rows in data); there must be `<c r="REF"` with no type and
// a value byte for byte the wanted text, of at most 15 significant digits
// (so that a reader keeps it whole, see ParseStored). It reads the bytes
// that are compressed, but only where the cells are, not the whole sheet.
// It never fails a good sheet falsely, it only answers true or "look
// closer": on false the caller runs numberCells, which finds any cell
// wherever it is and says what is wrong.
func cellsAsWritten(data []byte, base int, expect []byte, at []int32) bool {
	var pat [32]byte
	for i := 0; len(expect) > 0; i++ {
		nl := bytes.IndexByte(expect, '\n')
		if nl < 0 || i >= len(at) || at[i] < 0 || base+int(at[i]) >= len(data) {
			return false
		}
		line := expect[:nl]
		expect = expect[nl+1:]
		sp := bytes.IndexByte(line, ' ')
		if sp < 0 || sp > len(pat)-8 {
			return false
		}
		ref, v := line[:sp], line[sp+1:]
		if !wholeNumber(v) {
			return false
		}
		cell := data[base+int(at[i]):]
		p := append(append(append(pat[:0], `<c r="`...), ref...), '"')
		if !bytes.HasPrefix(cell, p) {
			return false
		}
		cell = cell[len(p):]
		end := bytes.IndexByte(cell, '>')
		if end < 0 || bytes.Contains(cell[:end], []byte(" t=")) || (end > 0 && cell[end-1] == '/') {
			return false
		}
		cell = cell[end+1:]
		if !bytes.HasPrefix(cell, []byte("<v>")) {
			return false
		}
		cell = cell[3:]
		if !bytes.HasPrefix(cell, v) || !bytes.HasPrefix(cell[len(v):], []byte("</v></c>")) {
			return false
		}
	}
	return true
}

// wholeNumber reports whether v is plain decimal text (isNumberText) of at
// most 15 significant digits: a reader takes it back exactly as written.
func wholeNumber(v []byte) bool {
	if !isNumberText(v) {
		return false
	}
	digits, lead := 0, true
	for _, c := range v {
		if c < '0' || c > '9' || (lead && c == '0') {
			continue
		}
		lead = false
		digits++
	}
	return digits <= 15
}

// wantMap reads Expect.Cells: cell reference → number.
func wantMap(cells string) map[string]string {
	want := map[string]string{}
	for _, ln := range strings.Split(strings.TrimSuffix(cells, "\n"), "\n") {
		ref, v, _ := strings.Cut(ln, " ")
		want[ref] = v
	}
	return want
}

// numberCells scans a sheet's XML for the wanted cells and checks that
// each is a number cell (no t attribute, or t="n") whose stored text is the
// wanted number. It reads what SpreadsheetML allows a writer to vary:
// attribute order, either quote, self-closing cells, formulas before the
// value. A cell it does not recognise is missing, so the check fails rather
// than passes.
func numberCells(data []byte, want map[string]string, sheet string) error {
	total := len(want)
	for len(want) > 0 {
		i := bytes.Index(data, []byte("<c"))
		if i < 0 {
			break
		}
		data = data[i+2:]
		if len(data) == 0 || (data[0] != ' ' && data[0] != '>' && data[0] != '/' && data[0] != '\t' && data[0] != '\n' && data[0] != '\r') {
			continue // <col>, <cfRule>, <cols>, …
		}
		end := bytes.IndexByte(data, '>')
		if end < 0 {
			return fmt.Errorf("sheet %q: a cell is not closed", sheet)
		}
		tag := data[:end]
		data = data[end+1:]
		if end > 0 && tag[end-1] == '/' {
			continue
		}
		close := bytes.Index(data, []byte("</c>"))
		if close < 0 {
			return fmt.Errorf("sheet %q: a cell is not closed", sheet)
		}
		body := data[:close]
		data = data[close+4:]
		ref := xmlAttr(tag, "r")
		w, ok := want[ref]
		if !ok {
			continue
		}
		delete(want, ref)
		got := ""
		if typ := xmlAttr(tag, "t"); typ == "" || typ == "n" {
			v, ve := bytes.Index(body, []byte("<v>")), bytes.Index(body, []byte("</v>"))
			if v >= 0 && ve > v {
				got = string(body[v+3 : ve])
			}
		}
		d, err := ParseStored(got)
		if err != nil || !d.Equal(decimal.RequireFromString(w)) {
			return fmt.Errorf("sheet %q %s reads back %q, want the number %s", sheet, ref, got, w)
		}
	}
	if len(want) > 0 {
		var missing []string
		for ref := range want {
			missing = append(missing, ref)
		}
		sort.Strings(missing)
		return fmt.Errorf("sheet %q: %d of the %d amounts are missing (cells among %s)", sheet, len(want), total, strings.Join(missing[:min(len(missing), 5)], ", "))
	}
	return nil
}

// xmlAttr returns attribute name's value in a start tag's text, or "".
func xmlAttr(tag []byte, name string) string {
	for i := 0; i < len(tag); {
		j := bytes.IndexByte(tag[i:], '=')
		if j < 0 {
			return ""
		}
		key := bytes.TrimSpace(tag[i : i+j])
		if k := bytes.LastIndexAny(key, " \t\r\n"); k >= 0 {
			key = key[k+1:]
		}
		rest := tag[i+j+1:]
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		q := rest[0]
		e := bytes.IndexByte(rest[1:], q)
		if e < 0 {
			return ""
		}
		if string(key) == name {
			return string(rest[1 : 1+e])
		}
		i = len(tag) - len(rest) + e + 2
	}
	return ""
}

// checkCharts finds the charts drawn over x's sheet, in the sheet's part,
// through its relationships (so a copy another program saved, naming its
// parts its own way, is checked too): as many as x.Charts, each of the
// same kind, titles and series, referring to the same cells.
func checkCharts(a *archive, part string, x Expect) error {
	if len(x.Charts) == 0 {
		return nil
	}
	if part == "" {
		return fmt.Errorf("the workbook has no sheet %q", x.Sheet)
	}
	got, err := readSheetCharts(a, part)
	if err != nil {
		return fmt.Errorf("sheet %q: its charts do not read back: %v", x.Sheet, err)
	}
	if len(got) != len(x.Charts) {
		return fmt.Errorf("sheet %q has %d charts, want %d", x.Sheet, len(got), len(x.Charts))
	}
	for i := range got {
		if d := chartDiff(got[i], x.Charts[i]); d != "" {
			return fmt.Errorf("sheet %q chart %d: %s", x.Sheet, i+1, d)
		}
	}
	return nil
}
