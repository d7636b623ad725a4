package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// scanSheets reads, in a workbook's raw XML, what excelize's row reader
// does not tell: rows and cells that are not in strictly increasing order
// or written twice (Excel never writes them so; programs can, and a reader
// then silently drops or shadows values), merged ranges, and the type of
// the few cells whose type matters (booleans, errors, numbers that look like
// thousands). One fast pass per sheet, by name.
func scanSheets(data []byte, want func(sheet string) bool) map[string]*sheetScan {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	parts := sheetParts(files)
	shared := countShared(files["xl/sharedStrings.xml"])
	out := map[string]*sheetScan{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for name, part := range parts {
		f := files[part]
		if !want(name) || f == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() {
				recover() // a sheet that breaks the scan is left out: it then reads as damaged
				<-sem
				wg.Done()
			}()
			rc, err := f.Open()
			if err != nil {
				return
			}
			var buf bytes.Buffer
			_, err = buf.ReadFrom(io.LimitReader(rc, unzipXMLLimit))
			rc.Close()
			if err != nil {
				return
			}
			sc := scanSheet(buf.Bytes(), shared)
			mu.Lock()
			out[name] = sc
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// sheetParts maps sheet names to their XML parts via workbook.xml and its rels.
func sheetParts(files map[string]*zip.File) map[string]string {
	read := func(name string, v any) bool {
		f := files[name]
		if f == nil {
			return false
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		return xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(v) == nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !read("xl/workbook.xml", &wb) || !read("xl/_rels/workbook.xml.rels", &rels) {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out
}

// sheetScan is what scanSheet found in one sheet; cells are 0-based
// (row, column).
type sheetScan struct {
	problem   string // the first row or cell out of order, or ""
	merges    []mergeRange
	bools     map[[2]int]bool // t="b"
	errs      map[[2]int]bool // t="e"
	ambiguous map[[2]int]bool // number cells whose value looks like 1,234 or 1.234
	broken    map[[2]int]bool // shared-string cells pointing outside the table
	lost      map[[2]int]bool // formulas with no saved result
}

// scanSheet tokenizes a sheet's XML just enough for sheetScan (see
// eachTag). shared is the number of shared strings, to find cells that
// point past the table.
func scanSheet(data []byte, shared int) *sheetScan {
	sc := &sheetScan{bools: map[[2]int]bool{}, errs: map[[2]int]bool{}, ambiguous: map[[2]int]bool{}, broken: map[[2]int]bool{}, lost: map[[2]int]bool{}}
	lastRow, row, lastCol := 0, 0, 0
	cell, cellType, inCell := [2]int{}, "", false
	hasFormula, hasValue := false, false
	endCell := func() {
		if inCell && hasFormula && !hasValue {
			sc.lost[cell] = true
		}
		inCell = false
	}
	eachTag(data, func(name, tag []byte, closing, selfClosed bool, next int) {
		if closing {
			if string(name) == "c" {
				endCell()
			}
			return
		}
		switch string(name) {
		case "row":
			n := lastRow + 1
			if v := xmlAttr(tag, "r"); v != "" {
				if x, err := strconv.Atoi(v); err == nil {
					n = x
				}
			}
			if n <= lastRow && sc.problem == "" {
				sc.problem = fmt.Sprintf("row %d is written after row %d (rows out of order or twice, as some programs write them)", n, lastRow)
			}
			lastRow, row, lastCol = n, n, 0
		case "c":
			col := lastCol + 1
			if v := xmlAttr(tag, "r"); v != "" {
				c, rr, err := excelize.CellNameToCoordinates(v)
				if err != nil {
					return
				}
				if rr != row && sc.problem == "" {
					sc.problem = fmt.Sprintf("cell %s is written inside row %d", v, row)
				}
				if c <= lastCol && sc.problem == "" {
					prev, _ := excelize.CoordinatesToCellName(lastCol, row)
					sc.problem = fmt.Sprintf("cell %s is written after %s (cells out of order or twice, as some programs write them)", v, prev)
				}
				col = c
			}
			lastCol = col
			cell, cellType, inCell = [2]int{row - 1, col - 1}, xmlAttr(tag, "t"), !selfClosed
			hasFormula, hasValue = false, false
			switch cellType {
			case "b":
				sc.bools[cell] = true
			case "e":
				sc.errs[cell] = true
			}
		case "f":
			hasFormula = hasFormula || inCell
		case "is":
			hasValue = hasValue || inCell
		case "v":
			if !inCell || selfClosed {
				return
			}
			text := ""
			if k := bytes.IndexByte(data[next:], '<'); k >= 0 {
				text = string(data[next : next+k])
			}
			hasValue = hasValue || text != ""
			switch cellType {
			case "", "n":
				if looksAmbiguous(text) {
					sc.ambiguous[cell] = true
				}
			case "s":
				if i, err := strconv.Atoi(strings.TrimSpace(text)); err != nil || i < 0 || i >= shared {
					sc.broken[cell] = true
				}
			}
		case "mergeCell":
			ref := xmlAttr(tag, "ref")
			a, b, ok := strings.Cut(ref, ":")
			if !ok {
				return
			}
			c1, r1, e1 := excelize.CellNameToCoordinates(a)
			c2, r2, e2 := excelize.CellNameToCoordinates(b)
			if e1 == nil && e2 == nil {
				sc.merges = append(sc.merges, mergeRange{ref: ref, r1: r1 - 1, c1: c1 - 1, r2: r2 - 1, c2: c2 - 1})
			}
		}
	})
	return sc
}

// eachTag calls f for every start or end tag of data with its local name
// (any namespace prefix dropped), the tag's text, and the offset just
// after it. Comments, CDATA and processing instructions are skipped;
// quoted attribute values may hold '>'.
func eachTag(data []byte, f func(name, tag []byte, closing, selfClosed bool, next int)) {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i += skipPast(rest, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i += skipPast(rest, "]]>")
			continue
		case len(rest) > 1 && (rest[1] == '?' || rest[1] == '!'):
			i += skipPast(rest, ">")
			continue
		}
		end := tagEnd(rest)
		if end < 0 {
			return
		}
		tag := rest[1:end]
		i += end + 1
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		selfClosed := len(tag) > 0 && tag[len(tag)-1] == '/'
		name := tag
		if k := bytes.IndexAny(name, " \t\r\n/"); k >= 0 {
			name = name[:k]
		}
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		f(name, tag, closing, selfClosed, i)
		if selfClosed && !closing && string(name) == "c" {
			f(name, tag, true, false, i)
		}
	}
}

// countShared counts the shared strings (<si> elements) of a workbook.
func countShared(f *zip.File) int {
	if f == nil {
		return 0
	}
	rc, err := f.Open()
	if err != nil {
		return 0
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(rc, unzipXMLLimit)); err != nil {
		return 0
	}
	n := 0
	eachTag(buf.Bytes(), func(name, _ []byte, closing, _ bool, _ int) {
		if !closing && string(name) == "si" {
			n++
		}
	})
	return n
}

// skipPast returns how many bytes of b lie up to the end of the first
// occurrence of end, or all of b.
func skipPast(b []byte, end string) int {
	if k := bytes.Index(b, []byte(end)); k >= 0 {
		return k + len(end)
	}
	return len(b)
}

// tagEnd returns the index of the '>' closing the tag b starts, outside
// quoted attribute values, or -1.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}
