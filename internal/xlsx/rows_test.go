package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// readWindows reads a sheet's windows to the end.
func readWindows(t *testing.T, b *Book, name string, size int) []*Sheet {
	t.Helper()
	rows, err := b.Rows(name, size)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []*Sheet
	for {
		w, err := rows.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, w)
	}
}

// TestRowsWindows: a sheet read a window at a time gives, window after
// window, the rows, cells, text and formulas of the sheet read whole; the
// hidden columns are known in every window, the merged ranges in the last;
// rows gathered from windows (AppendRow) read as the originals.
func TestRowsWindows(t *testing.T) {
	var x strings.Builder
	x.WriteString(`<worksheet><cols><col min="3" max="3" hidden="1"/></cols><sheetData>`)
	for r := 1; r <= 23; r++ {
		fmt.Fprintf(&x, `<row r="%d"%s><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d.5</v></c><c r="C%d" t="inlineStr"><is><t>x%d</t></is></c>`, r, map[bool]string{true: ` hidden="1"`}[r == 7], r, r%2, r, r, r, r)
		if r == 11 {
			fmt.Fprintf(&x, `<c r="D%d"><f>B%d*2</f><v>%d</v></c>`, r, r, 2*r+1)
		}
		x.WriteString(`</row>`)
	}
	x.WriteString(`</sheetData><mergeCells count="1"><mergeCell ref="E2:F2"/></mergeCells></worksheet>`)
	b := book(t, [][2]string{{"Facts", x.String()}}, []string{"even", "odd"}, "")
	whole, err := b.Sheet("Facts")
	if err != nil {
		t.Fatal(err)
	}
	gathered := whole.Empty()
	n, windows := 0, 0
	var last *Sheet
	for _, w := range readWindows(t, b, "Facts", 5) {
		windows++
		last = w
		if w.Rows() > 5 {
			t.Fatalf("window %d holds %d rows, over 5", windows, w.Rows())
		}
		if !w.HiddenColumn(3) || w.HiddenColumn(2) {
			t.Errorf("window %d: hidden columns wrong", windows)
		}
		for i := 0; i < w.Rows(); i++ {
			gathered.AppendRow(w, i)
			n++
		}
	}
	// 23 rows in windows of 5: four full windows and a last of 3.
	if n != 23 || windows != 5 {
		t.Fatalf("%d rows in %d windows, want 23 in 5", n, windows)
	}
	if len(last.Merges) != 1 || last.Merges[0].Ref != "E2:F2" {
		t.Errorf("last window's merges %v, want E2:F2", last.Merges)
	}
	for i := 0; i < whole.Rows(); i++ {
		num, hidden, cells := whole.Row(i)
		gnum, ghidden, gcells := gathered.Row(i)
		if num != gnum || hidden != ghidden || len(cells) != len(gcells) {
			t.Fatalf("row %d: %d/%v/%d cells, gathered %d/%v/%d", i, num, hidden, len(cells), gnum, ghidden, len(gcells))
		}
		for j := range cells {
			if whole.Text(&cells[j]) != gathered.Text(&gcells[j]) || cells[j].Kind != gcells[j].Kind ||
				whole.Formula(num, &cells[j]) != gathered.Formula(gnum, &gcells[j]) {
				t.Errorf("row %d cell %d: %q %q, gathered %q %q", num, cells[j].Col, whole.Text(&cells[j]), whole.Formula(num, &cells[j]), gathered.Text(&gcells[j]), gathered.Formula(gnum, &gcells[j]))
			}
		}
	}
	if got := gathered.Formula(11, gathered.Find(11, 4)); got != "B11*2" {
		t.Errorf("D11's formula %q, want B11*2", got)
	}
	if !gathered.HasFormulas() {
		t.Error("gathered rows lost the formula")
	}
}

// TestRowsClose: closing the reading early stops it.
func TestRowsClose(t *testing.T) {
	var x strings.Builder
	x.WriteString(`<worksheet><sheetData>`)
	for r := 1; r <= 100; r++ {
		fmt.Fprintf(&x, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
	}
	x.WriteString(`</sheetData></worksheet>`)
	b := book(t, [][2]string{{"S", x.String()}}, nil, "")
	rows, err := b.Rows("S", 3)
	if err != nil {
		t.Fatal(err)
	}
	if w, err := rows.Next(); err != nil || w.Rows() != 3 {
		t.Fatalf("first window: %v", err)
	}
	rows.Close()
	rows.Close()
	if _, err := rows.Next(); err != io.EOF {
		t.Fatalf("after Close: %v, want EOF", err)
	}
	if _, err := b.Rows("T", 3); err == nil {
		t.Error("a missing sheet was opened")
	}
}

// TestRowsWindowEdges: a row written without cells (<row …/>) counts in
// its window, so no window holds more than asked; an empty inline string
// gathered from a window without the rows before it reads as "".
func TestRowsWindowEdges(t *testing.T) {
	var x strings.Builder
	x.WriteString(`<worksheet><sheetData>`)
	for r := 1; r <= 12; r++ {
		switch {
		case r%5 == 0:
			fmt.Fprintf(&x, `<row r="%d" ht="30" customHeight="1"/>`, r)
		case r == 7:
			fmt.Fprintf(&x, `<row r="7"><c r="A7" t="inlineStr"><is><t>%s</t></is></c></row>`, strings.Repeat("long text ", 20))
		case r == 8:
			x.WriteString(`<row r="8"><c r="A8" t="inlineStr"><is><t></t></is></c><c r="B8"><v>8</v></c></row>`)
		default:
			fmt.Fprintf(&x, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
		}
	}
	x.WriteString(`</sheetData></worksheet>`)
	b := book(t, [][2]string{{"S", x.String()}}, nil, "")
	var sizes []int
	for _, w := range readWindows(t, b, "S", 5) {
		sizes = append(sizes, w.Rows())
		for i := 0; i < w.Rows(); i++ {
			if num, _, _ := w.Row(i); num == 8 {
				g := w.Empty()
				g.AppendRow(w, i)
				if _, _, cells := g.Row(0); g.Text(&cells[0]) != "" || g.Text(&cells[1]) != "8" {
					t.Errorf("row 8 gathered alone reads %q, %q", g.Text(&cells[0]), g.Text(&cells[1]))
				}
			}
		}
	}
	if fmt.Sprint(sizes) != "[5 5 2]" {
		t.Errorf("windows of %v rows, want [5 5 2]", sizes)
	}
}

// TestWorkbookPart: the workbook part read with the sheets' tokenizer:
// namespace prefixes (as some exporters write x:sheet and r:id), entities
// in names, defined names with entities and CDATA, hidden sheets, the
// 1904 date system and manual calculation; relationships with entities
// and an external target left out.
// zipOf is a zip of the parts given, name then text, in order.
func zipOf(parts ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, _ := zw.Create(parts[i])
		w.Write([]byte(parts[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

func TestWorkbookPart(t *testing.T) {
	var parts []string
	put := func(name, body string) { parts = append(parts, name, body) }
	put("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/>
<x:sheets>
  <x:sheet name="Roster &amp; Co" sheetId="1" r:id="rId1"/>
  <x:sheet name="Facts" sheetId="2" state="hidden" r:id="rId2"></x:sheet>
</x:sheets>
<x:definedNames>
  <x:definedName name="Period">'Roster &amp; Co'!$B$2</x:definedName>
  <x:definedName name="Local" localSheetId="1"><![CDATA[Facts!$A$1:$C$3]]></x:definedName>
</x:definedNames>
<x:calcPr calcMode="manual" fullCalcOnLoad="true"/>
</x:workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet%202&amp;.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.com/" TargetMode="External"/>
</Relationships>`)
	put("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`)
	put("xl/worksheets/sheet%202&.xml", `<worksheet><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`)
	b, err := Open(zipOf(parts...), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%+v 1904=%v manual=%v fullcalc=%v", b.Sheets, b.Date1904, b.ManualCalc, b.FullCalcOnLoad)
	want := `[{Name:Roster & Co Hidden:false part:xl/worksheets/sheet1.xml} {Name:Facts Hidden:true part:xl/worksheets/sheet%202&.xml}] 1904=true manual=true fullcalc=true`
	if got != want {
		t.Errorf("sheets\n got %s\nwant %s", got, want)
	}
	if names := fmt.Sprintf("%+v", b.Names); names != `[{Name:Period Sheet:-1 Text:'Roster & Co'!$B$2} {Name:Local Sheet:1 Text:Facts!$A$1:$C$3}]` {
		t.Errorf("defined names %s", names)
	}
	if s, err := b.Sheet("Facts"); err != nil || s.Rows() != 1 {
		t.Errorf("the sheet behind an entity in its target: %v", err)
	}
}

// TestWorkbookPartLongTag: the workbook part is read whole, yet a tag
// longer than a sheet's tokenizer takes (4 MB) is refused as it would be
// in a sheet, not read.
func TestWorkbookPartLongTag(t *testing.T) {
	book := zipOf(
		"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<workbook><sheets><sheet name="`+strings.Repeat("x", maxToken+1)+`" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<worksheet><sheetData/></worksheet>`)
	if _, err := Open(book, DefaultLimits); err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("a 4 MB tag in the workbook part: %v", err)
	}
}
