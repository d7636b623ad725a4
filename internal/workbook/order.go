package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// checkOrder finds, in a workbook's raw XML, rows and cells that are not in
// strictly increasing order, or written twice. Excel never writes them so;
// programs can, and a reader then silently drops or shadows values. It
// returns a problem per sheet (by name), or none.
func checkOrder(data []byte, sheets map[string]bool) map[string]string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	parts := sheetParts(files)
	problems := map[string]string{}
	for name, part := range parts {
		if !sheets[name] {
			continue
		}
		f := files[part]
		if f == nil {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		if msg := orderProblem(io.LimitReader(rc, unzipXMLLimit)); msg != "" {
			problems[name] = msg
		}
		rc.Close()
	}
	return problems
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

// orderProblem streams one sheet's XML and describes the first row or cell
// out of order, or returns "".
func orderProblem(r io.Reader) string {
	dec := xml.NewDecoder(r)
	lastRow, row, lastCol := 0, 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch el.Name.Local {
		case "row":
			n := lastRow + 1
			if v := attr(el, "r"); v != "" {
				if x, err := strconv.Atoi(v); err == nil {
					n = x
				}
			}
			if n <= lastRow {
				return fmt.Sprintf("row %d is written after row %d (rows out of order or twice, as some programs write them)", n, lastRow)
			}
			lastRow, row, lastCol = n, n, 0
		case "c":
			v := attr(el, "r")
			if v == "" {
				lastCol++
				continue
			}
			col, rr, err := excelize.CellNameToCoordinates(v)
			if err != nil {
				continue
			}
			if rr != row {
				return fmt.Sprintf("cell %s is written inside row %d", v, row)
			}
			if col <= lastCol {
				prev, _ := excelize.CoordinatesToCellName(lastCol, row)
				return fmt.Sprintf("cell %s is written after %s (cells out of order or twice, as some programs write them)", v, prev)
			}
			lastCol = col
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
