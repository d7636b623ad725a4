package xlsx

import (
	"fmt"
	"strconv"
	"strings"
)

// This file is the native charts of a written workbook: a chart is drawn
// over a sheet's cells (BookSheet.Charts) and its series refer to cell
// ranges of the workbook, so Excel and LibreOffice draw it from the cells
// themselves. It writes the parts SpreadsheetML needs: the sheet's
// relationships (xl/worksheets/_rels/sheetN.xml.rels) to its drawing
// (xl/drawings/drawingK.xml), the drawing's relationships to its charts
// (xl/charts/chartM.xml), and their content types.
//
// No cached values are written (c:numCache, c:strCache): Excel and
// LibreOffice compute a chart from the cells it refers to when they open
// the file (TestChartsDrawnFromCells shows LibreOffice doing it), so no
// number is written twice, and none passes through float64.

// ChartKind is what a chart draws.
type ChartKind int

const (
	// Column is vertical bars, the series side by side in each category.
	Column ChartKind = iota
	// Bar is horizontal bars, the series side by side, the first category
	// at the top.
	Bar
	// Line is a line per series through its values, a marker at each.
	Line
	// Scatter is a marker per point: the categories are the x values.
	Scatter
)

func (k ChartKind) String() string {
	switch k {
	case Column:
		return "column"
	case Bar:
		return "bar"
	case Line:
		return "line"
	case Scatter:
		return "scatter"
	}
	return "ChartKind(" + strconv.Itoa(int(k)) + ")"
}

// LegendPos is where a chart's legend is.
type LegendPos int

const (
	LegendRight LegendPos = iota
	LegendBottom
	LegendNone
)

// Ref is a range of cells of the workbook: a sheet's name as it is (not
// quoted) and a range of one row or one column, "B2:B9".
type Ref struct {
	Sheet, Range string
}

// Formula is the reference as a chart's formula holds it:
// 'Pay by band'!$B$2:$B$9 (the sheet's name always quoted, its
// apostrophes doubled).
func (r Ref) Formula() string {
	if r.Range == "" {
		return ""
	}
	return QuoteSheet(r.Sheet) + "!" + absRange(r.Range)
}

// Series is one series of a chart: its name, shown in the legend, and the
// cells of its values.
type Series struct {
	Name   string
	Values Ref
}

// Chart is a native chart drawn over the cells Anchor of the sheet that
// holds it.
type Chart struct {
	Kind  ChartKind
	Title string
	// XTitle and YTitle are the axes' titles: XTitle the categories' axis
	// (horizontal, but vertical in a Bar chart; a Scatter chart's x
	// values), YTitle the values' axis. "" is none.
	XTitle, YTitle string
	// Anchor is the cells the chart covers, "E2:L18".
	Anchor string
	// Categories are the labels of the values (a Scatter chart's x
	// values); empty for 1, 2, 3, …
	Categories Ref
	Series     []Series
	Legend     LegendPos
	// ValueFormat is the number format of the values' axis labels ("0%":
	// shares as percentages); "" labels them as their cells are formatted,
	// which Excel does and LibreOffice does not (it shows them General).
	ValueFormat string
}

// chartProblem checks a chart against the workbook's sheets: the anchor
// and every range must be ranges, of one row or one column, as long as
// the categories, on a sheet of the workbook.
func chartProblem(c *Chart, sheets map[string]bool) error {
	if c.Kind < Column || c.Kind > Scatter {
		return fmt.Errorf("unknown kind %v", c.Kind)
	}
	if c.Legend < LegendRight || c.Legend > LegendNone {
		return fmt.Errorf("unknown legend position %d", c.Legend)
	}
	if _, ok := ParseRange(c.Anchor); !ok {
		return fmt.Errorf("the anchor %q is not a range of cells", c.Anchor)
	}
	if len(c.Series) == 0 {
		return fmt.Errorf("no series")
	}
	length := func(what string, r Ref) (int, error) {
		if !sheets[r.Sheet] {
			return 0, fmt.Errorf("%s refers to sheet %q, which the workbook does not have", what, r.Sheet)
		}
		g, ok := ParseRange(r.Range)
		if !ok || strings.Contains(r.Range, "$") {
			return 0, fmt.Errorf("%s: %q is not a range of cells such as B2:B9", what, r.Range)
		}
		if g.Row1 != g.Row2 && g.Col1 != g.Col2 {
			return 0, fmt.Errorf("%s: %s is neither one row nor one column", what, r.Range)
		}
		return (g.Row2 - g.Row1 + 1) * (g.Col2 - g.Col1 + 1), nil
	}
	n := -1
	if c.Categories.Range != "" || c.Categories.Sheet != "" {
		var err error
		if n, err = length("the categories", c.Categories); err != nil {
			return err
		}
	} else if c.Kind == Scatter {
		return fmt.Errorf("a scatter chart needs its x values (Categories)")
	}
	for i, s := range c.Series {
		k, err := length(fmt.Sprintf("series %d (%s)", i+1, s.Name), s.Values)
		if err != nil {
			return err
		}
		if n >= 0 && k != n {
			return fmt.Errorf("series %d (%s) has %d values for %d categories", i+1, s.Name, k, n)
		}
	}
	return nil
}

const (
	nsChart   = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsDrawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsXdr     = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
	relDraw   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
	relChart  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	ctDrawing = "application/vnd.openxmlformats-officedocument.drawing+xml"
	ctChart   = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
)

// Axis ids of a chart: the categories' (x) axis and the values' (y).
const (
	axisX = 500000001
	axisY = 500000002
)

// chartXML is the chart part of c.
func chartXML(c *Chart) []byte {
	b := make([]byte, 0, 2048+512*len(c.Series))
	b = append(b, xmlHeader+`<c:chartSpace xmlns:c="`+nsChart+`" xmlns:a="`+nsDrawing+`" xmlns:r="`+nsRel+`">`+
		`<c:roundedCorners val="0"/><c:chart>`...)
	if c.Title != "" {
		b = appendTitle(b, c.Title, false, 1400)
		b = append(b, `<c:autoTitleDeleted val="0"/>`...)
	} else {
		b = append(b, `<c:autoTitleDeleted val="1"/>`...)
	}
	b = append(b, `<c:plotArea><c:layout/>`...)
	switch c.Kind {
	case Column, Bar:
		dir := "col"
		if c.Kind == Bar {
			dir = "bar"
		}
		b = append(b, `<c:barChart><c:barDir val="`+dir+`"/><c:grouping val="clustered"/><c:varyColors val="0"/>`...)
		for i, s := range c.Series {
			b = appendSeriesHead(b, i, s.Name)
			b = append(b, `<c:invertIfNegative val="0"/>`...)
			b = appendData(b, "cat", "strRef", c.Categories)
			b = appendData(b, "val", "numRef", s.Values)
			b = append(b, `</c:ser>`...)
		}
		b = append(b, `<c:gapWidth val="80"/>`...)
		if len(c.Series) > 1 {
			b = append(b, `<c:overlap val="-10"/>`...)
		}
		b = appendAxisIDs(b)
		b = append(b, `</c:barChart>`...)
	case Line:
		b = append(b, `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>`...)
		for i, s := range c.Series {
			b = appendSeriesHead(b, i, s.Name)
			b = append(b, `<c:spPr><a:ln w="28575" cap="rnd"><a:round/></a:ln></c:spPr>`+
				`<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`...)
			b = appendData(b, "cat", "strRef", c.Categories)
			b = appendData(b, "val", "numRef", s.Values)
			b = append(b, `<c:smooth val="0"/></c:ser>`...)
		}
		b = append(b, `<c:marker val="1"/>`...)
		b = appendAxisIDs(b)
		b = append(b, `</c:lineChart>`...)
	case Scatter:
		b = append(b, `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>`...)
		for i, s := range c.Series {
			b = appendSeriesHead(b, i, s.Name)
			b = append(b, `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>`+
				`<c:marker><c:symbol val="circle"/><c:size val="6"/></c:marker>`...)
			b = appendData(b, "xVal", "numRef", c.Categories)
			b = appendData(b, "yVal", "numRef", s.Values)
			b = append(b, `<c:smooth val="0"/></c:ser>`...)
		}
		b = appendAxisIDs(b)
		b = append(b, `</c:scatterChart>`...)
	}
	// The axes: where each lies, and its title.
	xPos, yPos := "b", "l"
	if c.Kind == Bar {
		xPos, yPos = "l", "b"
	}
	if c.Kind == Scatter {
		b = appendValAxis(b, axisX, axisY, xPos, c.XTitle, false, "autoZero", "midCat", "")
	} else {
		b = append(b, `<c:catAx><c:axId val="`+strconv.Itoa(axisX)+`"/><c:scaling><c:orientation val="`...)
		if c.Kind == Bar {
			b = append(b, `maxMin`...) // the first category at the top, as the table reads
		} else {
			b = append(b, `minMax`...)
		}
		b = append(b, `"/></c:scaling><c:delete val="0"/><c:axPos val="`+xPos+`"/>`...)
		if c.XTitle != "" {
			b = appendTitle(b, c.XTitle, c.Kind == Bar, 1000)
		}
		b = append(b, `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>`+
			`<c:tickLblPos val="low"/><c:crossAx val="`+strconv.Itoa(axisY)+`"/><c:crosses val="autoZero"/>`+
			`<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`...)
	}
	crossBetween := "between"
	if c.Kind == Scatter {
		crossBetween = "midCat"
	}
	// A Bar chart's categories run from the top: the values' axis crosses
	// them at the last, at the bottom.
	crosses := "autoZero"
	if c.Kind == Bar {
		crosses = "max"
	}
	b = appendValAxis(b, axisY, axisX, yPos, c.YTitle, true, crosses, crossBetween, c.ValueFormat)
	b = append(b, `</c:plotArea>`...)
	switch c.Legend {
	case LegendRight:
		b = append(b, `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>`...)
	case LegendBottom:
		b = append(b, `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`...)
	}
	b = append(b, `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`...)
	return b
}

// appendTitle appends a title of text, turned to read upwards if
// vertical, in a font of size hundredths of a point.
func appendTitle(b []byte, text string, vertical bool, size int) []byte {
	b = append(b, `<c:title><c:tx><c:rich><a:bodyPr`...)
	if vertical {
		b = append(b, ` rot="-5400000" vert="horz"`...)
	}
	b = append(b, `/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="`...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `" b="1"/></a:pPr><a:r><a:rPr sz="`...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `" b="1"/><a:t>`...)
	b = appendEscaped(b, cellText(text))
	return append(b, `</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`...)
}

func appendSeriesHead(b []byte, i int, name string) []byte {
	b = append(b, `<c:ser><c:idx val="`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `"/><c:order val="`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `"/>`...)
	if name != "" {
		b = append(b, `<c:tx><c:v>`...)
		b = appendEscaped(b, cellText(name))
		b = append(b, `</c:v></c:tx>`...)
	}
	return b
}

// appendData appends a series' data element (cat, val, xVal, yVal)
// referring to r, as a reference of strings or numbers; nothing if r is
// empty.
func appendData(b []byte, elem, kind string, r Ref) []byte {
	if r.Range == "" {
		return b
	}
	b = append(b, `<c:`+elem+`><c:`+kind+`><c:f>`...)
	b = appendEscaped(b, r.Formula())
	return append(b, `</c:f></c:`+kind+`></c:`+elem+`>`...)
}

func appendAxisIDs(b []byte) []byte {
	return append(b, `<c:axId val="`+strconv.Itoa(axisX)+`"/><c:axId val="`+strconv.Itoa(axisY)+`"/>`...)
}

// appendValAxis appends an axis of values: id, the axis it crosses and
// where, where it lies, its title (turned if vertical), with gridlines if
// grid, its labels in the number format format ("" for the cells').
func appendValAxis(b []byte, id, cross int, pos, title string, grid bool, crosses, crossBetween, format string) []byte {
	b = append(b, `<c:valAx><c:axId val="`...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, `"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="`+pos+`"/>`...)
	if grid {
		b = append(b, `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`...)
	}
	if title != "" {
		b = appendTitle(b, title, pos == "l" || pos == "r", 1000)
	}
	if format == "" {
		b = append(b, `<c:numFmt formatCode="General" sourceLinked="1"/>`...)
	} else {
		b = append(b, `<c:numFmt formatCode="`...)
		b = appendEscaped(b, format)
		b = append(b, `" sourceLinked="0"/>`...)
	}
	b = append(b, `<c:majorTickMark val="out"/><c:minorTickMark val="none"/>`+
		`<c:tickLblPos val="nextTo"/><c:crossAx val="`...)
	b = strconv.AppendInt(b, int64(cross), 10)
	b = append(b, `"/><c:crosses val="`+crosses+`"/><c:crossBetween val="`+crossBetween+`"/></c:valAx>`...)
	return b
}

// drawingXML is the drawing of a sheet holding charts: each anchored over
// its cells, chart j (from 1) the drawing's relationship rIdj.
func drawingXML(charts []Chart) []byte {
	b := make([]byte, 0, 1024*len(charts))
	b = append(b, xmlHeader+`<xdr:wsDr xmlns:xdr="`+nsXdr+`" xmlns:a="`+nsDrawing+`">`...)
	for j, c := range charts {
		g, _ := ParseRange(c.Anchor)
		b = append(b, `<xdr:twoCellAnchor>`...)
		b = appendMarker(b, "from", g.Col1-1, g.Row1-1)
		b = appendMarker(b, "to", g.Col2, g.Row2) // the corner after the last cell
		b = append(b, `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="`...)
		b = strconv.AppendInt(b, int64(j+2), 10)
		b = append(b, `" name="Chart `...)
		b = strconv.AppendInt(b, int64(j+1), 10)
		b = append(b, `"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`+
			`<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>`+
			`<a:graphic><a:graphicData uri="`+nsChart+`"><c:chart xmlns:c="`+nsChart+`" xmlns:r="`+nsRel+`" r:id="rId`...)
		b = strconv.AppendInt(b, int64(j+1), 10)
		b = append(b, `"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`...)
	}
	return append(b, `</xdr:wsDr>`...)
}

// appendMarker appends an anchor's corner at the top left of the cell of
// zero-based column col and row row.
func appendMarker(b []byte, tag string, col, row int) []byte {
	b = append(b, `<xdr:`+tag+`><xdr:col>`...)
	b = strconv.AppendInt(b, int64(col), 10)
	b = append(b, `</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>`...)
	b = strconv.AppendInt(b, int64(row), 10)
	return append(b, `</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:`+tag+`>`...)
}

// relsXML is a relationships part whose relationship rIdj (from 1) is of
// type typ to targets[j-1].
func relsXML(typ string, targets []string) []byte {
	b := []byte(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">`)
	for j, t := range targets {
		b = append(b, `<Relationship Id="rId`...)
		b = strconv.AppendInt(b, int64(j+1), 10)
		b = append(b, `" Type="`+typ+`" Target="`...)
		b = appendEscaped(b, t)
		b = append(b, `"/>`...)
	}
	return append(b, `</Relationships>`...)
}

// chartParts are the parts a workbook's charts need, by sheet.
type chartParts struct {
	parts []Part
	// bySheet is, for each sheet with charts, the names of its parts: its
	// relationships, its drawing and the drawing's relationships, its
	// charts.
	bySheet map[int][]string
	// drawings and charts count the parts, for the content types.
	drawings, charts int
}

// makeChartParts checks the charts of sheets and makes their parts:
// drawing k for the k-th sheet with charts, chart m for the m-th chart of
// the workbook, in sheet order. Each chart part is read back and must give
// the chart it was made from.
func makeChartParts(c *compressor, sheets []BookSheet) (chartParts, error) {
	var out chartParts
	names := map[string]bool{}
	for _, s := range sheets {
		names[s.Name] = true
	}
	for i, s := range sheets {
		if len(s.Charts) == 0 {
			continue
		}
		out.drawings++
		drawing := "xl/drawings/drawing" + strconv.Itoa(out.drawings) + ".xml"
		rels := "xl/worksheets/_rels/sheet" + strconv.Itoa(i+1) + ".xml.rels"
		drawingRels := "xl/drawings/_rels/drawing" + strconv.Itoa(out.drawings) + ".xml.rels"
		var targets, chartNames []string
		var chartParts []Part
		for j := range s.Charts {
			ch := &s.Charts[j]
			if err := chartProblem(ch, names); err != nil {
				return out, fmt.Errorf("chart %d on sheet %q: %v", j+1, s.Name, err)
			}
			out.charts++
			name := "xl/charts/chart" + strconv.Itoa(out.charts) + ".xml"
			data := chartXML(ch)
			back, err := readChart(data)
			if err != nil {
				return out, fmt.Errorf("chart %d on sheet %q as written does not read back: %v", j+1, s.Name, err)
			}
			if d := chartDiff(back, *ch); d != "" {
				return out, fmt.Errorf("chart %d on sheet %q as written reads back otherwise: %s", j+1, s.Name, d)
			}
			targets = append(targets, "../charts/chart"+strconv.Itoa(out.charts)+".xml")
			chartNames = append(chartNames, name)
			chartParts = append(chartParts, c.deflate(name, data))
		}
		out.parts = append(out.parts,
			c.deflate(rels, relsXML(relDraw, []string{"../drawings/drawing" + strconv.Itoa(out.drawings) + ".xml"})),
			c.deflate(drawing, drawingXML(s.Charts)),
			c.deflate(drawingRels, relsXML(relChart, targets)))
		out.parts = append(out.parts, chartParts...)
		if out.bySheet == nil {
			out.bySheet = map[int][]string{}
		}
		out.bySheet[i] = append([]string{rels, drawing, drawingRels}, chartNames...)
	}
	return out, nil
}

// withChartTypes adds the content types of drawings and charts to the
// content types part ct.
func withChartTypes(ct string, drawings, charts int) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(ct, `</Types>`))
	for k := 1; k <= drawings; k++ {
		b.WriteString(`<Override PartName="/xl/drawings/drawing` + strconv.Itoa(k) + `.xml" ContentType="` + ctDrawing + `"/>`)
	}
	for m := 1; m <= charts; m++ {
		b.WriteString(`<Override PartName="/xl/charts/chart` + strconv.Itoa(m) + `.xml" ContentType="` + ctChart + `"/>`)
	}
	b.WriteString(`</Types>`)
	return b.String()
}
