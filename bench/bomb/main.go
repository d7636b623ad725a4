// Command bomb writes zip bombs shaped as fact sheets, for the benchmark to
// check that premia refuses them at once and in little memory:
//
//	go run ./bench/bomb -o bench/data/bomb
//
// ratio.xlsx: a workbook whose Facts sheet inflates to 300 MB from about
// 0.3 MB (the central directory says so). lying.xlsx: the same sheet with a
// central directory that claims 1 MB, so that only inflating finds it out.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`

var parts = map[string]string{
	"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
	"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/><sheet name="Facts" sheetId="2" r:id="rId2"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
	"xl/worksheets/sheet1.xml":   sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>role</t></is></c></row></sheetData></worksheet>`,
}

func main() {
	out := flag.String("o", "bench/data/bomb", "output folder")
	size := flag.Int64("size", 300<<20, "bytes the Facts sheet inflates to")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	// The sheet: its head, then one cell whose text is one letter
	// repeated, which deflates about a thousand times.
	filler := bytes.Repeat([]byte("a"), 1<<16)
	var packed bytes.Buffer
	crc := crc32.NewIEEE()
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	w := io.MultiWriter(fw, crc)
	io.WriteString(w, sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>`)
	written := int64(len(sheetHead) + 49)
	for written < *size {
		n, _ := w.Write(filler[:min(int64(len(filler)), *size-written)])
		written += int64(n)
	}
	fw.Close()
	for _, bomb := range []struct {
		name     string
		declared uint64
	}{{"ratio.xlsx", uint64(written)}, {"lying.xlsx", 1 << 20}} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
			f, _ := zw.Create(name)
			io.WriteString(f, parts[name])
		}
		f, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet2.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: bomb.declared})
		if err != nil {
			fail(err)
		}
		f.Write(packed.Bytes())
		if err := zw.Close(); err != nil {
			fail(err)
		}
		path := filepath.Join(*out, bomb.name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d bytes, the sheet inflates to %d bytes, the directory says %d\n", path, buf.Len(), written, bomb.declared)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bomb:", err)
	os.Exit(1)
}
