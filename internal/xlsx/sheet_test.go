package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// book builds a workbook in memory from sheet XMLs (name → XML) and a
// shared-string count, the way Excel lays out the parts.
func book(t *testing.T, sheets [][2]string, shared []string, workbookExtra string) *Book {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	put("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + workbookExtra + `<sheets>`)
	rels.WriteString(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range sheets {
		id := string(rune('1' + i))
		wb.WriteString(`<sheet name="` + s[0] + `" sheetId="` + id + `" r:id="rId` + id + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + id + `.xml"/>`)
		put("xl/worksheets/sheet"+id+".xml", s[1])
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
	rels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	var sst strings.Builder
	sst.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for _, s := range shared {
		sst.WriteString(`<si><t>` + s + `</t></si>`)
	}
	sst.WriteString(`</sst>`)
	put("xl/sharedStrings.xml", sst.String())
	put("xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(buf.Bytes(), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadSheet: one pass finds each cell's kind and text, formulas with and
// without a saved result, broken shared strings, merged ranges and styles,
// through namespace prefixes, comments, CDATA and a '>' inside an attribute.
func TestReadSheet(t *testing.T) {
	const sheet = `<?xml version="1.0"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<!-- <x:row r="1"><x:c r="Z1"/></x:row> is a comment -->
<x:row r="1"><x:c r="A1" t="b"><x:v>1</x:v></x:c><x:c r="B1" t="e"><x:v>#N/A</x:v></x:c><x:c r='C1' s="1"><x:v>1.234</x:v></x:c><x:c r="D1" t="s"><x:v>5</x:v></x:c><x:c r="E1"><x:f>SUM(A1)</x:f></x:c><x:c r="F1"><x:f t="shared" si="0"/></x:c><x:c r="G1"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="H1" t="s"><x:v>1</x:v></x:c></x:row>
<x:row r="2" note="a > b"><x:c r="A2" t="inlineStr"><x:is><x:t>1,234</x:t></x:is></x:c><x:c r="B2" t="str"><x:f>"1.234"</x:f><x:v>1.234</x:v></x:c><x:c r="C2" s="2"><x:v>1234</x:v></x:c><x:c r="D2" t="d" s="3"><x:v>2026-10-10T00:00:00</x:v></x:c></x:row>
<x:row r="3" hidden="1"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t><![CDATA[<x:c r="A1"/>]]></x:t></x:r><x:r><x:t xml:space="preserve"> &amp; more_x000D_</x:t></x:r></x:is></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A5:C6"/></x:mergeCells></x:worksheet>`
	b := book(t, [][2]string{{"Facts", sheet}}, []string{"zero", "one"}, "")
	s, err := b.Sheet("Facts")
	if err != nil {
		t.Fatal(err)
	}
	if s.Problem != "" {
		t.Errorf("problem %q in a sheet in order", s.Problem)
	}
	tests := []struct {
		row, col int
		kind     Kind
		text     string
		format   Format
		formula  bool
		broken   bool
	}{
		{1, 1, Bool, "1", 0, false, false},
		{1, 2, Error, "#N/A", 0, false, false},
		{1, 3, Number, "1.234", FormatPercent, false, false},
		{1, 4, Text, "", 0, false, true}, // index 5 of 2 shared strings
		{1, 5, Blank, "", 0, true, false},
		{1, 6, Blank, "", 0, true, false},
		{1, 7, Number, "2", 0, true, false},
		{1, 8, Text, "one", 0, false, false},
		{2, 1, Text, "1,234", 0, false, false},
		{2, 2, Text, "1.234", 0, true, false},
		{2, 3, Number, "1234", FormatPercent, false, false},
		{2, 4, Date, "2026-10-10T00:00:00", FormatDate, false, false},
		{3, 1, Text, "<x:c r=\"A1\"/> & more\r", 0, false, false},
	}
	for _, tt := range tests {
		c := s.Find(tt.row, tt.col)
		name := CellName(tt.col, tt.row)
		if c == nil {
			t.Errorf("%s: not found", name)
			continue
		}
		text := ""
		if !c.Broken() && c.Kind != Blank {
			text = s.Text(c)
		}
		if c.Kind != tt.kind || text != tt.text || c.Format != tt.format || c.HasFormula() != tt.formula || c.Broken() != tt.broken {
			t.Errorf("%s = kind %d %q format %d formula %v broken %v; want kind %d %q format %d formula %v broken %v",
				name, c.Kind, text, c.Format, c.HasFormula(), c.Broken(), tt.kind, tt.text, tt.format, tt.formula, tt.broken)
		}
	}
	if _, hidden, _ := s.Row(2); !hidden {
		t.Errorf("row 3 not hidden")
	}
	if len(s.Merges) != 1 || s.Merges[0] != (Range{Ref: "A5:C6", Row1: 5, Col1: 1, Row2: 6, Col2: 3}) {
		t.Errorf("merges = %+v, want A5:C6", s.Merges)
	}
	if got := s.Formula(1, s.Find(1, 5)); got != "SUM(A1)" {
		t.Errorf("E1 formula = %q, want SUM(A1)", got)
	}
}

// TestPlainCells: the common cell without namespace prefixes, <v>…</v></c>,
// read by the quick path, each kind as the general path reads it.
func TestPlainCells(t *testing.T) {
	const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1"><v> 12 </v></c><c r="B1" t="n"><v>0.5</v></c><c r="C1" t="s"><v> 1 </v></c><c r="D1" t="s"><v>9</v></c><c r="E1" t="s"><v>x</v></c><c r="F1" t="s"><v></v></c><c r="G1" t="str"><v></v></c><c r="H1"><v></v></c><c r="I1" t="s"><v>1234567890</v></c><c r="J1" t="b"><v>true</v></c></row>
</sheetData></worksheet>`
	b := book(t, [][2]string{{"Facts", sheet}}, []string{"zero", "one"}, "")
	s, err := b.Sheet("Facts")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		col    int
		kind   Kind
		text   string
		broken bool
		absent bool
	}{
		{1, Number, "12", false, false},
		{2, Number, "0.5", false, false},
		{3, Text, "one", false, false},
		{4, Text, "", true, false},  // index 9 of 2 shared strings
		{5, Text, "", true, false},  // not an index
		{6, 0, "", false, true},     // an empty shared-string cell holds nothing
		{7, Text, "", false, false}, // a formula's saved empty string
		{8, 0, "", false, true},
		{9, Text, "", true, false},
		{10, Bool, "1", false, false},
	}
	for _, tt := range tests {
		c := s.Find(1, tt.col)
		name := CellName(tt.col, 1)
		if tt.absent {
			if c != nil {
				t.Errorf("%s: stored as kind %d, want no cell", name, c.Kind)
			}
			continue
		}
		if c == nil {
			t.Errorf("%s: not found", name)
			continue
		}
		text := ""
		if !c.Broken() {
			text = s.Text(c)
		}
		if c.Kind != tt.kind || text != tt.text || c.Broken() != tt.broken {
			t.Errorf("%s = kind %d %q broken %v; want kind %d %q broken %v", name, c.Kind, text, c.Broken(), tt.kind, tt.text, tt.broken)
		}
	}
}

// TestSheetProblems: rows or cells out of order or twice are found (a
// reader would silently drop or shadow values), and a sheet cut short.
func TestSheetProblems(t *testing.T) {
	for name, tc := range map[string]struct{ xml, want string }{
		"rows out of order":  {`<row r="2"><c r="A2"/></row><row r="1"><c r="A1"/></row>`, "row 1 is written after row 2"},
		"row twice":          {`<row r="1"><c r="A1"/></row><row r="1"><c r="B1"/></row>`, "row 1 is written after row 1"},
		"cells out of order": {`<row r="1"><c r="B1"/><c r="A1"/></row>`, "cell A1 is written after B1"},
		"cell in wrong row":  {`<row r="1"><c r="A2"/></row>`, "cell A2 is written inside row 1"},
		"implicit rows":      {`<row><c r="A1"/></row><row><c r="A2"/></row>`, ""},
	} {
		b := book(t, [][2]string{{"S", "<worksheet><sheetData>" + tc.xml + "</sheetData></worksheet>"}}, nil, "")
		s, err := b.Sheet("S")
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Problem; tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: problem %q, want %q", name, got, tc.want)
		}
	}
	b := book(t, [][2]string{{"S", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"}}, nil, "")
	if s, _ := b.Sheet("S"); s == nil || !strings.Contains(s.Problem, "ends early") {
		t.Errorf("a sheet cut short: problem %v", s)
	}
}

// TestLongSheet: a sheet much longer than the reader's buffer, with cells of
// every shape (the quick <v>…</v></c> and the others), comes back whole:
// values cut by a buffer boundary are joined.
func TestLongSheet(t *testing.T) {
	var x strings.Builder
	x.WriteString("<worksheet><sheetData>")
	const rows = 20000
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&x, `<row r="%d"><c r="A%d"><v>%d.25</v></c><c r="B%d" t="inlineStr"><is><t>id %d</t></is></c><c r="C%d">
  <v>%d</v>
</c></row>`, r, r, r, r, r, r, r*2)
	}
	x.WriteString("</sheetData></worksheet>")
	b := book(t, [][2]string{{"S", x.String()}}, nil, "")
	s, err := b.Sheet("S")
	if err != nil || s.Problem != "" {
		t.Fatalf("%v %q", err, s.Problem)
	}
	if s.Rows() != rows {
		t.Fatalf("%d rows, want %d", s.Rows(), rows)
	}
	for r := 1; r <= rows; r++ {
		a, bb, c := s.Find(r, 1), s.Find(r, 2), s.Find(r, 3)
		if a == nil || bb == nil || c == nil || s.Text(a) != fmt.Sprintf("%d.25", r) || s.Text(bb) != fmt.Sprintf("id %d", r) || s.Text(c) != fmt.Sprint(r*2) {
			t.Fatalf("row %d reads back wrong", r)
		}
	}
}
