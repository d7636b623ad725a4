package xlsxtest

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// This file dumps the charts of a workbook, read from its parts with
// encoding/xml alone (excelize does not read charts, and package xlsx,
// which writes them, is what Dump checks).

// chartLines are the lines Dump writes for each sheet's charts, by sheet
// name: per chart its kind, anchor, titles, legend, categories and series.
func chartLines(file string) (map[string][]string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string) string {
		f := parts[name]
		if f == nil {
			return ""
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		b, _ := io.ReadAll(rc)
		return string(b)
	}
	rels := func(part string) map[string]string { // id → target part
		text := read(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"))
		out := map[string]string{}
		for _, m := range relRE.FindAllStringSubmatch(text, -1) {
			attrs := attrMap(m[0])
			t := attrs["Target"]
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(path.Dir(part), t)
			}
			out[attrs["Id"]] = t
		}
		return out
	}
	wbRels := rels("xl/workbook.xml")
	out := map[string][]string{}
	for _, m := range sheetRE.FindAllString(read("xl/workbook.xml"), -1) {
		attrs := attrMap(m)
		sheet := wbRels[attrs["r:id"]]
		sheetXML := read(sheet)
		dm := drawingRE.FindStringSubmatch(sheetXML)
		if dm == nil {
			continue
		}
		drawing := rels(sheet)[dm[1]]
		charts := rels(drawing)
		for _, am := range anchorRE.FindAllStringSubmatch(read(drawing), -1) {
			n := func(re *regexp.Regexp) string {
				if m := re.FindStringSubmatch(am[0]); m != nil {
					return m[1]
				}
				return "?"
			}
			line := fmt.Sprintf("chart at from=%s,%s to=%s,%s: %s", n(fromColRE), n(fromRowRE), n(toColRE), n(toRowRE), chartText(read(charts[am[1]])))
			name := unescape(attrs["name"])
			out[name] = append(out[name], line)
		}
	}
	return out, nil
}

var (
	relRE     = regexp.MustCompile(`<Relationship\s[^>]*>`)
	sheetRE   = regexp.MustCompile(`<(?:\w+:)?sheet\s[^>]*>`)
	drawingRE = regexp.MustCompile(`<(?:\w+:)?drawing\s[^>]*r:id="([^"]+)"`)
	anchorRE  = regexp.MustCompile(`(?s)<xdr:(?:twoCell|oneCell|absolute)Anchor.*?r:id="([^"]+)".*?</xdr:(?:twoCell|oneCell|absolute)Anchor>`)
	fromColRE = regexp.MustCompile(`(?s)<xdr:from>\s*<xdr:col>(\d+)`)
	fromRowRE = regexp.MustCompile(`(?s)<xdr:from>.*?<xdr:row>(\d+)`)
	toColRE   = regexp.MustCompile(`(?s)<xdr:to>\s*<xdr:col>(\d+)`)
	toRowRE   = regexp.MustCompile(`(?s)<xdr:to>.*?<xdr:row>(\d+)`)
	attrRE    = regexp.MustCompile(`([\w:]+)="([^"]*)"`)
)

func attrMap(tag string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
		out[m[1]] = m[2]
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&apos;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// chartText is a chart part as one line: its kind, its titles (the
// chart's, then each axis's in order), a values' axis's own number format,
// its legend's position, and each series' name and references, in
// document order.
func chartText(data string) string {
	d := xml.NewDecoder(strings.NewReader(data))
	var stack []string
	var words []string
	var text strings.Builder
	legend := "none"
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, name)
			text.Reset()
			val := ""
			for _, a := range t.Attr {
				if a.Name.Local == "val" {
					val = a.Value
				}
			}
			switch {
			case parent == "plotArea" && strings.HasSuffix(name, "Chart"):
				words = append(words, strings.TrimSuffix(name, "Chart"))
			case name == "barDir":
				words = append(words, "dir="+val)
			case name == "ser":
				words = append(words, "|")
			case name == "legendPos":
				legend = val
			case name == "legend" && legend == "none":
				legend = "r"
			case name == "numFmt" && parent == "valAx":
				// A format of the axis's own, not the cells'.
				a := map[string]string{}
				for _, x := range t.Attr {
					a[x.Name.Local] = x.Value
				}
				if a["sourceLinked"] == "0" {
					words = append(words, fmt.Sprintf("valAx format=%q", a["formatCode"]))
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := t.Name.Local
			in := func(s string) bool {
				for _, x := range stack {
					if x == s {
						return true
					}
				}
				return false
			}
			switch {
			case name == "t" && in("title"):
				where := "title"
				for _, x := range stack {
					if strings.HasSuffix(x, "Ax") {
						where = x + " title"
					}
				}
				words = append(words, fmt.Sprintf("%s=%q", where, text.String()))
			case name == "v" && in("tx") && in("ser"):
				words = append(words, fmt.Sprintf("name=%q", text.String()))
			case name == "f" && in("ser"):
				words = append(words, stack[len(stack)-3]+"="+text.String())
			}
			stack = stack[:len(stack)-1]
		}
	}
	return strings.Join(words, " ") + " legend=" + legend
}
