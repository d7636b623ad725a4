package xlsx

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chartSheets is a workbook of four sheets holding the data of charts of
// every kind, and the charts: the distribution of pay in bands (a
// column chart), old and new pay per person side by side (columns, two
// series, the axis's amounts grouped in thousands) and one against the
// other (scatter), a KPI's spread per person
// (bars, on a sheet whose name has an apostrophe), pay over months (a
// line, titled in Russian).
func chartSheets() ([]BookSheet, SheetJob) {
	bands := Ref{Sheet: "Pay by band", Range: "A2:A6"}
	people := Ref{Sheet: "Old vs new", Range: "A2:A5"}
	sheets := []BookSheet{
		{Name: "Pay by band", Charts: []Chart{{
			Kind: Column, Title: "Pay in bands", XTitle: "Pay, RUB", YTitle: "People",
			Anchor: "D2:L18", Categories: bands, Legend: LegendNone,
			Series: []Series{{Name: "People", Values: Ref{Sheet: "Pay by band", Range: "B2:B6"}}},
		}}},
		{Name: "Old vs new", Charts: []Chart{
			{
				Kind: Column, Title: "Old & new pay", XTitle: "Person", YTitle: "Pay, RUB",
				Anchor: "E2:M18", Categories: people, Legend: LegendBottom, ValueFormat: "#,##0",
				Series: []Series{
					{Name: "Old <scheme>", Values: Ref{Sheet: "Old vs new", Range: "B2:B5"}},
					{Name: "New scheme", Values: Ref{Sheet: "Old vs new", Range: "C2:C5"}},
				},
			},
			{
				Kind: Scatter, Title: "New against old", XTitle: "Old pay", YTitle: "New pay",
				Anchor: "E20:M36", Categories: Ref{Sheet: "Old vs new", Range: "B2:B5"},
				Series: []Series{{Name: "People", Values: Ref{Sheet: "Old vs new", Range: "C2:C5"}}},
			},
		}},
		{Name: "Bob's KPI", Charts: []Chart{{
			Kind: Bar, Title: "Calls per person", XTitle: "Person", YTitle: "Calls",
			Anchor: "D2:L18", Categories: Ref{Sheet: "Bob's KPI", Range: "A2:A5"},
			Series: []Series{
				{Name: "Calls", Values: Ref{Sheet: "Bob's KPI", Range: "B2:B5"}},
				{Name: "Team mean", Values: Ref{Sheet: "Bob's KPI", Range: "C2:C5"}},
			},
		}}},
		{Name: "Months", Charts: []Chart{{
			Kind: Line, Title: "Выплаты по месяцам", XTitle: "Месяц", YTitle: "Сумма, ₽",
			Anchor: "D2:L18", Categories: Ref{Sheet: "Months", Range: "A2:A4"},
			Series: []Series{
				{Name: "Иванов", Values: Ref{Sheet: "Months", Range: "B2:B4"}},
				{Name: "Петрова", Values: Ref{Sheet: "Months", Range: "C2:C4"}},
			},
		}}},
	}
	data := [][][]string{
		{{"Band", "People"}, {"< 50 000", "1"}, {"50 000–70 000", "3"}, {"70 000–90 000", "5"}, {"90 000–110 000", "2"}, {"≥ 110 000", "1"}},
		{{"Person", "Old", "New"}, {"Ivanova", "81250.50", "86900.00"}, {"Petrov", "64000", "59800.25"}, {"Sidorov", "95400.10", "97000"}, {"Kuznetsova", "72000", "80500.75"}},
		{{"Person", "Calls", "Team mean"}, {"Ivanova", "412", "350.5"}, {"Petrov", "280", "350.5"}, {"Sidorov", "365", "350.5"}, {"Kuznetsova", "345", "350.5"}},
		{{"Месяц", "Иванов", "Петрова"}, {"2026-01", "81250.5", "64000"}, {"2026-02", "86900", "59800.25"}, {"2026-03", "91000.75", "70100"}},
	}
	fill := func(i int, x *SheetWriter) error {
		x.Widths = []float64{16, 12, 12}
		x.FitToPage, x.Landscape = true, true // one page each, when printed to be looked at
		for r, row := range data[i] {
			for c, v := range row {
				if r > 0 && c > 0 {
					x.Num(c+1, r+1, v, 0)
					x.Want(c+1, r+1, v)
				} else {
					x.Text(c+1, r+1, v, 0)
				}
			}
		}
		return nil
	}
	return sheets, fill
}

// validStyles is a stylesheet with the default cell format that openpyxl
// reads too (its fills are patterns).
func validStyles() Part {
	return Deflate("xl/styles.xml", []byte(xmlHeader+`<styleSheet xmlns="`+nsMain+`"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>`+
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`+
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`+
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`+
		`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>`+
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`))
}

// writeChartBook writes the workbook of chartSheets to dir/charts.xlsx.
func writeChartBook(t *testing.T, dir string) (string, []Expect) {
	t.Helper()
	sheets, fill := chartSheets()
	var buf bytes.Buffer
	expect, err := WriteBook(&buf, Props{Creator: "premia", Date: "2026-03-01T00:00:00Z"}, validStyles(), sheets, fill)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "charts.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, expect
}

// TestChartParts: the parts of a workbook with charts are well-formed XML,
// each named in the content types, the sheets refer to their drawings and
// the drawings to their charts, and the charts' references are the ranges
// drawn, the sheet's name quoted with its apostrophe doubled.
func TestChartParts(t *testing.T) {
	path, expect := writeChartBook(t, t.TempDir())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := openArchive(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := a.readAll(name, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", name, err)
			}
		}
		return string(b)
	}
	ct := read("[Content_Types].xml")
	for _, want := range []string{
		`<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
		`<Override PartName="/xl/drawings/drawing4.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
		`<Override PartName="/xl/charts/chart5.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
	} {
		if !strings.Contains(ct, want) {
			t.Errorf("the content types lack %s", want)
		}
	}
	if strings.Contains(ct, "chart6.xml") || strings.Contains(ct, "drawing5.xml") {
		t.Errorf("the content types name parts that are not written: %s", ct)
	}
	// Sheet 2 ("Old vs new") has drawing 2, holding charts 2 and 3.
	if got := read("xl/worksheets/sheet2.xml"); !strings.HasSuffix(got, `<drawing r:id="rId1"/></worksheet>`) {
		t.Errorf("sheet2 does not end with its drawing: …%s", got[max(0, len(got)-120):])
	}
	if got := read("xl/worksheets/_rels/sheet2.xml.rels"); !strings.Contains(got, `Id="rId1" Type="`+relDraw+`" Target="../drawings/drawing2.xml"`) {
		t.Errorf("sheet2's relationships: %s", got)
	}
	rels := read("xl/drawings/_rels/drawing2.xml.rels")
	for _, want := range []string{`Id="rId1" Type="` + relChart + `" Target="../charts/chart2.xml"`, `Id="rId2" Type="` + relChart + `" Target="../charts/chart3.xml"`} {
		if !strings.Contains(rels, want) {
			t.Errorf("drawing2's relationships lack %s: %s", want, rels)
		}
	}
	drawing := read("xl/drawings/drawing2.xml")
	// E2:M18 is from column 4 row 1 (zero-based) to the corner after M18:
	// column 13, row 18.
	for _, want := range []string{
		`<xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`,
		`<xdr:to><xdr:col>13</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`,
		`r:id="rId2"`,
	} {
		if !strings.Contains(drawing, want) {
			t.Errorf("drawing2 lacks %s", want)
		}
	}
	for name, wants := range map[string][]string{
		"xl/charts/chart1.xml": {`<c:barDir val="col"/>`, `<c:f>&apos;Pay by band&apos;!$A$2:$A$6</c:f>`, `<c:f>&apos;Pay by band&apos;!$B$2:$B$6</c:f>`, `<a:t>Pay in bands</a:t>`},
		"xl/charts/chart2.xml": {`<a:t>Old &amp; new pay</a:t>`, `<c:v>Old &lt;scheme&gt;</c:v>`, `<c:legendPos val="b"/>`, `<c:numFmt formatCode="#,##0" sourceLinked="0"/>`},
		"xl/charts/chart3.xml": {`<c:scatterChart>`, `<c:xVal><c:numRef><c:f>&apos;Old vs new&apos;!$B$2:$B$5</c:f>`},
		"xl/charts/chart4.xml": {`<c:barDir val="bar"/>`, `<c:f>&apos;Bob&apos;&apos;s KPI&apos;!$B$2:$B$5</c:f>`, `<c:orientation val="maxMin"/>`},
		"xl/charts/chart5.xml": {`<c:lineChart>`, `<a:t>Выплаты по месяцам</a:t>`, `<c:v>Петрова</c:v>`},
	} {
		got := read(name)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", name, w)
			}
		}
		if strings.Contains(got, "Cache") {
			t.Errorf("%s holds cached values", name)
		}
	}
	if strings.Contains(read("xl/charts/chart1.xml"), "<c:legend>") {
		t.Error("chart1 has a legend, drawn without one")
	}
	// Without a format of its own, an axis's labels are formatted as its
	// cells are.
	if got := read("xl/charts/chart1.xml"); strings.Count(got, `<c:numFmt formatCode="General" sourceLinked="1"/>`) != 2 || strings.Contains(got, `sourceLinked="0"`) {
		t.Errorf("chart1's axes' formats: %s", got)
	}
	// The check of the written file: each sheet's expectation names its
	// chart parts, and they are in the zip.
	var names []string
	if err := ZipNames(bytes.NewReader(data), int64(len(data)), func(n []byte) { names = append(names, string(n)) }); err != nil {
		t.Fatal(err)
	}
	for _, x := range expect {
		for _, p := range append([]string{x.Part}, x.Parts...) {
			found := false
			for _, n := range names {
				found = found || n == p
			}
			if !found {
				t.Errorf("sheet %q: the part %s is not in the zip", x.Sheet, p)
			}
		}
	}
	if len(expect) != 4 || len(expect[1].Parts) != 5 {
		t.Errorf("expectations: %+v", expect)
	}
	if err := Check(path, expect); err != nil {
		t.Error(err)
	}
}

// TestChartsRead: the charts read back from a written workbook are the
// charts drawn, anchors included.
func TestChartsRead(t *testing.T) {
	path, _ := writeChartBook(t, t.TempDir())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sheets, _ := chartSheets()
	for _, s := range sheets {
		got, err := b.Charts(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(s.Charts) {
			t.Fatalf("sheet %q: %d charts read, want %d", s.Name, len(got), len(s.Charts))
		}
		for i := range got {
			if d := chartDiff(got[i], s.Charts[i]); d != "" || got[i].Anchor != s.Charts[i].Anchor {
				t.Errorf("sheet %q chart %d: %s; anchor %s, want %s", s.Name, i+1, d, got[i].Anchor, s.Charts[i].Anchor)
			}
		}
	}
}

// TestChartsDeterministic: the same workbook written twice is the same
// bytes.
func TestChartsDeterministic(t *testing.T) {
	a, _ := writeChartBook(t, t.TempDir())
	b, _ := writeChartBook(t, t.TempDir())
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("two writes of the same workbook differ")
	}
}

// TestChartsRefused: a chart that does not fit its workbook is refused
// when the workbook is started, and a sheet built without its drawing (or
// with one and no charts) when it is put.
func TestChartsRefused(t *testing.T) {
	good := func() Chart {
		return Chart{Kind: Column, Anchor: "D2:J12", Categories: Ref{"S", "A2:A4"}, Series: []Series{{Name: "v", Values: Ref{"S", "B2:B4"}}}}
	}
	for want, change := range map[string]func(c *Chart){
		"which the workbook does not have": func(c *Chart) { c.Series[0].Values.Sheet = "T" },
		"has 2 values for 3 categories":    func(c *Chart) { c.Series[0].Values.Range = "B2:B3" },
		"neither one row nor one column":   func(c *Chart) { c.Series[0].Values.Range = "B2:C4" },
		"is not a range of cells such as":  func(c *Chart) { c.Categories.Range = "$A$2:$A$4" },
		"the anchor":                       func(c *Chart) { c.Anchor = "here" },
		"no series":                        func(c *Chart) { c.Series = nil },
		"needs its x values":               func(c *Chart) { c.Kind, c.Categories = Scatter, Ref{} },
	} {
		c := good()
		change(&c)
		_, err := NewBook(io.Discard, Props{}, minimalStyles(), []BookSheet{{Name: "S", Charts: []Chart{c}}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
	bw, err := NewBook(io.Discard, Props{}, minimalStyles(), []BookSheet{{Name: "S", Charts: []Chart{good()}}, {Name: "T"}})
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	defer b.Release()
	if err := bw.Put(0, b.Build(0, "S", func(x *SheetWriter) error { return nil })); err == nil || !strings.Contains(err.Error(), "without SheetWriter.Drawing") {
		t.Errorf("a chart sheet without its drawing: %v", err)
	}
	if err := bw.Put(1, b.Build(1, "T", func(x *SheetWriter) error { x.Drawing = true; return nil })); err == nil || !strings.Contains(err.Error(), "has no charts") {
		t.Errorf("a drawing without charts: %v", err)
	}
}

// TestChartsOnStreamedSheet: a streamed sheet carries charts as a built
// one does.
func TestChartsOnStreamedSheet(t *testing.T) {
	sheets := []BookSheet{{Name: "Summary", Charts: []Chart{{Kind: Line, Anchor: "D2:J12",
		Categories: Ref{"Summary", "A2:A301"}, Series: []Series{{Name: "Total", Values: Ref{"Summary", "B2:B301"}}}}}}}
	var buf bytes.Buffer
	bw, err := NewBook(&buf, Props{}, minimalStyles(), sheets)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSheetStream(0, "Summary")
	s.X.Dimension = "A1:B301"
	s.X.Drawing = true
	for r := 2; r <= 301; r++ {
		s.X.Num(1, r, "1", 0)
		s.X.Num(2, r, "2.5", 0)
		s.X.Want(2, r, "2.5")
		if r%100 == 0 {
			if err := s.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := bw.Put(0, s.Close()); err != nil {
		t.Fatal(err)
	}
	expect, err := bw.Close()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Check(path, expect); err != nil {
		t.Error(err)
	}
	b, err := Open(buf.Bytes(), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := b.Charts("Summary"); err != nil || len(got) != 1 || got[0].Series[0].Values.Range != "B2:B301" {
		t.Errorf("charts of the streamed sheet: %+v, %v", got, err)
	}
}

// TestParseChartRef reads references as Excel and LibreOffice write them.
func TestParseChartRef(t *testing.T) {
	for f, want := range map[string]Ref{
		`'Pay by band'!$B$2:$B$9`: {"Pay by band", "B2:B9"},
		`'Bob''s KPI'!$A$2:$A$5`:  {"Bob's KPI", "A2:A5"},
		`Sheet1!B2:B9`:            {"Sheet1", "B2:B9"},
		`'a!b'!$C$1`:              {"a!b", "C1"},
	} {
		got, err := parseChartRef(f)
		if err != nil || got != want {
			t.Errorf("parseChartRef(%s) = %+v, %v, want %+v", f, got, err, want)
		}
	}
	for r, want := range map[Ref]string{
		{"Pay by band", "B2:B9"}: `'Pay by band'!$B$2:$B$9`,
		{"Bob's KPI", "A2:A5"}:   `'Bob''s KPI'!$A$2:$A$5`,
		{"Sheet1", "C7"}:         `'Sheet1'!$C$7`,
	} {
		if got := r.Formula(); got != want {
			t.Errorf("%+v.Formula() = %s, want %s", r, got, want)
		}
	}
	for _, bad := range []string{`B2:B9`, `'Pay!$B$2`, `S!nothing`} {
		if _, err := parseChartRef(bad); err == nil {
			t.Errorf("parseChartRef(%s) read", bad)
		}
	}
}
