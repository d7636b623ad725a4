package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// This file reads the charts of a workbook back: a sheet's relationships
// to its drawing, the drawing's anchors and relationships to its charts,
// and each chart's kind, titles, legend and series references. It reads
// what premia writes and what Excel and LibreOffice write when they save
// a workbook with charts (a chart they add of a kind premia does not draw
// reads as its kind's element name in an error).

// Charts returns the charts drawn over sheet, in the order of its drawing.
func (b *Book) Charts(sheet string) ([]Chart, error) {
	for _, s := range b.Sheets {
		if s.Name == sheet {
			return readSheetCharts(b.arch, s.part)
		}
	}
	return nil, fmt.Errorf("the workbook has no sheet %q", sheet)
}

// readSheetCharts reads the charts of the sheet in part.
func readSheetCharts(a *archive, part string) ([]Chart, error) {
	rels := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	if !a.has(rels) {
		return nil, nil
	}
	sheetRels, err := readRelsText(a, rels, path.Dir(part))
	if err != nil {
		return nil, err
	}
	var out []Chart
	for _, r := range sheetRels {
		if r.typ != relDraw {
			continue
		}
		data, err := a.readAll(r.target, 16<<20)
		if err != nil {
			return nil, err
		}
		anchors, err := readDrawing(data)
		if err != nil {
			return nil, fmt.Errorf("the part %q: %v", r.target, err)
		}
		drawRels, err := readRelsText(a, path.Join(path.Dir(r.target), "_rels", path.Base(r.target)+".rels"), path.Dir(r.target))
		if err != nil {
			return nil, err
		}
		byID := map[string]string{}
		for _, dr := range drawRels {
			if dr.typ == relChart {
				byID[dr.id] = dr.target
			}
		}
		for _, an := range anchors {
			target, ok := byID[an.id]
			if !ok {
				return nil, fmt.Errorf("the part %q: chart %s has no relationship", r.target, an.id)
			}
			data, err := a.readAll(target, 16<<20)
			if err != nil {
				return nil, err
			}
			c, err := readChart(data)
			if err != nil {
				return nil, fmt.Errorf("the part %q: %v", target, err)
			}
			c.Anchor = an.anchor
			out = append(out, c)
		}
	}
	return out, nil
}

type chartAnchor struct{ id, anchor string }

// readDrawing reads a drawing's charts: each one's relationship and the
// cells it covers.
func readDrawing(data []byte) ([]chartAnchor, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []chartAnchor
	var stack []string
	var from, to [2]int // col, row, zero-based
	var text strings.Builder
	cur := chartAnchor{}
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return out, nil
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			if t.Name.Local == "chart" {
				for _, at := range t.Attr {
					if at.Name.Local == "id" {
						cur.id = at.Value
					}
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			parent := ""
			if len(stack) >= 2 {
				parent = stack[len(stack)-2]
			}
			var corner *[2]int
			switch parent {
			case "from":
				corner = &from
			case "to":
				corner = &to
			}
			if corner != nil && (t.Name.Local == "col" || t.Name.Local == "row") {
				var n int
				fmt.Sscanf(strings.TrimSpace(text.String()), "%d", &n)
				if t.Name.Local == "col" {
					corner[0] = n
				} else {
					corner[1] = n
				}
			}
			if strings.HasSuffix(t.Name.Local, "Anchor") {
				if cur.id != "" {
					// The cells covered: from the cell of the top left corner
					// to the one before the bottom right corner.
					cur.anchor = CellName(from[0]+1, from[1]+1) + ":" + CellName(max(to[0], from[0]+1), max(to[1], from[1]+1))
					out = append(out, cur)
				}
				cur, from, to = chartAnchor{}, [2]int{}, [2]int{}
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// readChart reads a chart part.
func readChart(data []byte) (Chart, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var c Chart
	var stack []string
	var text strings.Builder // the text of the open a:t, c:v or c:f
	var title strings.Builder
	kinds := 0
	var ser *Series
	axisTitle := "" // the title of the open axis
	axisPos := ""   // where the open axis lies
	axisFmt := ""   // the number format of the open axis's labels, "" for its cells'
	legend := false // the chart has a legend
	in := func(name string) bool {
		for _, s := range stack {
			if s == name {
				return true
			}
		}
		return false
	}
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			val := ""
			for _, at := range t.Attr {
				if at.Name.Local == "val" {
					val = at.Value
				}
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, name)
			text.Reset()
			switch {
			case parent == "plotArea" && strings.HasSuffix(name, "Chart"):
				kinds++
				switch name {
				case "barChart":
					c.Kind = Column
				case "lineChart":
					c.Kind = Line
				case "scatterChart":
					c.Kind = Scatter
				default:
					return c, fmt.Errorf("a chart of kind %s, which premia does not draw", name)
				}
			case name == "barDir" && val == "bar":
				c.Kind = Bar
			case name == "ser":
				c.Series = append(c.Series, Series{})
				ser = &c.Series[len(c.Series)-1]
			case name == "catAx" || name == "valAx" || name == "dateAx":
				axisTitle, axisPos, axisFmt = "", "", ""
			case name == "numFmt" && parent == "valAx":
				// A format of its own (not linked to the cells'); General
				// is the cells' too.
				code, linked := "", ""
				for _, at := range t.Attr {
					switch at.Name.Local {
					case "formatCode":
						code = at.Value
					case "sourceLinked":
						linked = at.Value
					}
				}
				if (linked == "0" || linked == "false") && code != "General" {
					axisFmt = code
				}
			case name == "axPos" && (parent == "catAx" || parent == "valAx" || parent == "dateAx"):
				axisPos = val
			case name == "legend" && parent == "chart":
				legend = true
			case name == "legendPos":
				switch val {
				case "b":
					c.Legend = LegendBottom
				default:
					c.Legend = LegendRight
				}
			case name == "title":
				title.Reset()
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := t.Name.Local
			switch {
			case name == "t" && in("title"):
				title.WriteString(text.String())
			case name == "title" && len(stack) >= 2 && stack[len(stack)-2] == "chart":
				c.Title = title.String()
			case name == "title" && len(stack) >= 2 && strings.HasSuffix(stack[len(stack)-2], "Ax"):
				axisTitle = title.String()
			case name == "v" && ser != nil && in("tx"):
				// The name as text, or as the cached text of the cell it
				// refers to.
				ser.Name = text.String()
			case name == "f" && ser != nil && in("tx"):
				// LibreOffice writes a name as a formula of a text, "Calls".
				if f := strings.TrimSpace(text.String()); len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
					ser.Name = strings.ReplaceAll(f[1:len(f)-1], `""`, `"`)
				}
			case name == "f" && ser != nil && in("ser"):
				ref, err := parseChartRef(text.String())
				if err != nil {
					return c, err
				}
				switch {
				case in("cat") || in("xVal"):
					c.Categories = ref
				case in("val") || in("yVal"):
					ser.Values = ref
				}
			case name == "ser":
				ser = nil
			case name == "catAx" || name == "dateAx":
				c.XTitle = axisTitle
			case name == "valAx":
				// A scatter chart's x axis is the values' axis lying across.
				if c.Kind == Scatter && (axisPos == "b" || axisPos == "t") {
					c.XTitle = axisTitle
				} else {
					c.YTitle, c.ValueFormat = axisTitle, axisFmt
				}
			}
			stack = stack[:len(stack)-1]
		}
	}
	if kinds != 1 {
		return c, fmt.Errorf("%d kinds of chart in one, premia draws one", kinds)
	}
	if !legend {
		c.Legend = LegendNone
	}
	return c, nil
}

// parseChartRef reads a chart's reference, 'Pay by band'!$B$2:$B$9 or
// Sheet1!B2:B9.
func parseChartRef(f string) (Ref, error) {
	f = strings.TrimSpace(f)
	bang := strings.LastIndexByte(f, '!')
	if bang < 0 {
		return Ref{}, fmt.Errorf("the reference %q names no sheet", f)
	}
	sheet, rng := f[:bang], strings.ReplaceAll(f[bang+1:], "$", "")
	if strings.HasPrefix(sheet, "'") {
		if len(sheet) < 2 || !strings.HasSuffix(sheet, "'") {
			return Ref{}, fmt.Errorf("the reference %q has an unclosed quote", f)
		}
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	if _, ok := ParseRange(rng); !ok {
		return Ref{}, fmt.Errorf("the reference %q is not a range of cells", f)
	}
	return Ref{Sheet: sheet, Range: rng}, nil
}

// chartDiff says how got differs from want, in what a chart shows and
// refers to (not its anchor: a chart part does not hold it), or "".
func chartDiff(got, want Chart) string {
	var d []string
	if got.Kind != want.Kind {
		d = append(d, fmt.Sprintf("kind %v, want %v", got.Kind, want.Kind))
	}
	for _, f := range []struct{ what, got, want string }{
		{"title", got.Title, cellText(want.Title)},
		{"x axis title", got.XTitle, cellText(want.XTitle)},
		{"y axis title", got.YTitle, cellText(want.YTitle)},
	} {
		if f.got != f.want {
			d = append(d, fmt.Sprintf("%s %q, want %q", f.what, f.got, f.want))
		}
	}
	if got.Legend != want.Legend {
		d = append(d, fmt.Sprintf("legend %d, want %d", got.Legend, want.Legend))
	}
	if got.ValueFormat != want.ValueFormat {
		d = append(d, fmt.Sprintf("values' format %q, want %q", got.ValueFormat, want.ValueFormat))
	}
	if got.Categories != want.Categories {
		d = append(d, fmt.Sprintf("categories %s, want %s", got.Categories.Formula(), want.Categories.Formula()))
	}
	if len(got.Series) != len(want.Series) {
		d = append(d, fmt.Sprintf("%d series, want %d", len(got.Series), len(want.Series)))
	} else {
		for i := range got.Series {
			g, w := got.Series[i], want.Series[i]
			if g.Name != cellText(w.Name) || g.Values != w.Values {
				d = append(d, fmt.Sprintf("series %d %q %s, want %q %s", i+1, g.Name, g.Values.Formula(), w.Name, w.Values.Formula()))
			}
		}
	}
	return strings.Join(d, "; ")
}
