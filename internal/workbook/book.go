package workbook

import (
	"archive/zip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// themeXML is the Office theme, as Excel writes it: without one, readers
// that resolve colours through the theme (excelize among them) report none.
//
//go:embed theme1.xml
var themeXML []byte

// fixedParts are compressed once per process: they are the same in every
// workbook (the stylesheet differs only by the number of decimals).
var fixedParts = struct {
	sync.Mutex
	theme  *part
	styles map[int32]*part
}{styles: map[int32]*part{}}

func themePart() part {
	fixedParts.Lock()
	defer fixedParts.Unlock()
	if fixedParts.theme == nil {
		var c compressor
		p := c.deflate("xl/theme/theme1.xml", themeXML)
		fixedParts.theme = &p
	}
	return *fixedParts.theme
}

func stylesPart(scale int32) part {
	fixedParts.Lock()
	defer fixedParts.Unlock()
	if fixedParts.styles[scale] == nil {
		var c compressor
		p := c.deflate("xl/styles.xml", []byte(stylesXML(scale)))
		fixedParts.styles[scale] = &p
	}
	return *fixedParts.styles[scale]
}

// bookSheet is one sheet of a workbook written by writeWorkbook.
type bookSheet struct {
	name     string
	titleRow int    // the header row repeated on printed pages, 0 for none
	filter   string // the autofilter's range, "A1:N5", or ""
}

// bookProps are the document properties. No clock goes in: a workbook is
// dated by its period, so equal inputs give equal bytes.
type bookProps struct {
	creator, title, subject, language, date string
}

// Style ids of the stylesheet writeWorkbook writes (cellXfs, in order).
const (
	styleHead = iota + 1
	styleSection
	styleBold
	styleTitle
	styleMoney
	styleMoneyBold
	styleRatio
	stylePercent
	styleWeight
	styleNum
	styleWrap
	styleNote
)

// Conditional-format styles (dxfs, in order).
const (
	dxfRed = iota
	dxfAmber
	dxfGreen
)

// stylesXML is the stylesheet: the money format shows scale decimals.
func stylesXML(scale int32) string {
	money := "#,##0"
	if scale > 0 {
		money += "." + strings.Repeat("0", int(scale))
	}
	font := func(extra string) string {
		return `<font>` + extra + `<sz val="11"/><name val="Calibri"/><family val="2"/></font>`
	}
	dxf := func(font, fill string) string {
		return `<dxf><font><color rgb="FF` + font + `"/></font><fill><patternFill patternType="solid"><bgColor rgb="FF` + fill + `"/></patternFill></fill></dxf>`
	}
	xf := func(numFmt, font, fill, border int, extra string) string {
		s := fmt.Sprintf(`<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, numFmt, font, fill, border)
		if numFmt != 0 {
			s += ` applyNumberFormat="1"`
		}
		if font != 0 {
			s += ` applyFont="1"`
		}
		if fill != 0 {
			s += ` applyFill="1"`
		}
		if border != 0 {
			s += ` applyBorder="1"`
		}
		if extra == "" {
			return s + `/>`
		}
		return s + ` applyAlignment="1">` + extra + `</xf>`
	}
	const wrapTop = `<alignment vertical="top" wrapText="1"/>`
	return xmlHeader + `<styleSheet xmlns="` + nsMain + `">` +
		`<numFmts count="5">` +
		`<numFmt numFmtId="164" formatCode="` + escapeXML(money) + `"/>` +
		`<numFmt numFmtId="165" formatCode="0.0000"/>` +
		`<numFmt numFmtId="166" formatCode="0.00%"/>` +
		`<numFmt numFmtId="167" formatCode="0%"/>` +
		`<numFmt numFmtId="168" formatCode="#,##0.########"/>` +
		`</numFmts>` +
		`<fonts count="5">` + font("") + font(`<b/>`) +
		`<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><sz val="9"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>` +
		`</fonts>` +
		`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>` +
		`<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border>` +
		`<border><left/><right/><top style="thin"><color rgb="FF000000"/></top><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="13">` +
		xf(0, 0, 0, 0, "") +
		xf(0, 1, 2, 1, `<alignment vertical="center" wrapText="1"/>`) + // head
		xf(0, 2, 0, 1, "") + // section
		xf(0, 1, 0, 0, "") + // bold
		xf(0, 3, 0, 0, "") + // title
		xf(164, 0, 0, 0, "") + // money
		xf(164, 1, 0, 2, "") + // money, bold, ruled above
		xf(165, 0, 0, 0, "") + // ratio
		xf(166, 0, 0, 0, "") + // percent
		xf(167, 0, 0, 0, "") + // weight
		xf(168, 0, 0, 0, "") + // number
		xf(0, 0, 0, 0, wrapTop) + // wrapped text
		xf(0, 4, 0, 0, wrapTop) + // note
		`</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="3">` + dxf("9C0006", "FFC7CE") + dxf("9C5700", "FFEB9C") + dxf("006100", "C6EFCE") + `</dxfs>` +
		`<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
		`</styleSheet>`
}

// writeWorkbook writes a workbook: its package parts, then every sheet built by
// build (see writeSheets), and returns what each sheet must give back.
func writeWorkbook(w io.Writer, props bookProps, scale int32, sheets []bookSheet, build sheetJob) ([]Expect, error) {
	zw := zip.NewWriter(w)
	if err := writeBookParts(zw, props, scale, sheets); err != nil {
		return nil, err
	}
	got, err := writeSheets(zw, sheets, build)
	if err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	var expect []Expect
	for i, cells := range got {
		if cells != "" {
			expect = append(expect, Expect{Sheet: sheets[i].name, Cells: cells})
		}
	}
	return expect, nil
}

// writeBookParts writes every part of a workbook but its sheets: sheet i of
// sheets is to be written as xl/worksheets/sheet{i+1}.xml.
func writeBookParts(zw *zip.Writer, props bookProps, scale int32, sheets []bookSheet) error {
	c := compressors.Get().(*compressor)
	defer compressors.Put(c)
	put := func(name, data string) error { return writePart(zw, c.deflate(name, []byte(data))) }
	if err := put("[Content_Types].xml", contentTypes(len(sheets))); err != nil {
		return err
	}
	if err := put("_rels/.rels", xmlHeader+`<Relationships xmlns="`+nsPkgRel+`">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`+
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`+
		`</Relationships>`); err != nil {
		return err
	}
	if err := put("docProps/app.xml", xmlHeader+`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>premia</Application><AppVersion>1.0</AppVersion></Properties>`); err != nil {
		return err
	}
	if err := put("docProps/core.xml", coreProps(props)); err != nil {
		return err
	}
	if err := put("xl/workbook.xml", workbookXML(sheets)); err != nil {
		return err
	}
	if err := put("xl/_rels/workbook.xml.rels", workbookRels(len(sheets))); err != nil {
		return err
	}
	if err := writePart(zw, stylesPart(scale)); err != nil {
		return err
	}
	return writePart(zw, themePart())
}

func contentTypes(sheets int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="` + nsTypes + `">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := 1; i <= sheets; i++ {
		b.WriteString(`<Override PartName="/xl/worksheets/sheet`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`.xml" ContentType="` + ctSheet + `"/>`)
	}
	b.WriteString(`</Types>`)
	return b.String()
}

func coreProps(p bookProps) string {
	el := func(tag, v string) string {
		if v == "" {
			return ""
		}
		return "<" + tag + ">" + escapeXML(v) + "</" + tag + ">"
	}
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		el("dc:title", p.title) + el("dc:subject", p.subject) + el("dc:creator", p.creator) +
		el("cp:lastModifiedBy", p.creator) + el("dc:language", p.language) +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + p.date + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + p.date + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

func workbookXML(sheets []bookSheet) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="14805" windowHeight="8010"/></bookViews><sheets>`)
	for i, s := range sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escapeXML(s.name), i+1, i+1)
	}
	b.WriteString(`</sheets>`)
	// Defined names in the order Excel keeps them: by name, then by sheet.
	var names strings.Builder
	for i, s := range sheets {
		if s.filter != "" {
			fmt.Fprintf(&names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s!%s</definedName>`, i, escapeXML(quoteSheet(s.name)), absRange(s.filter))
		}
	}
	for i, s := range sheets {
		if s.titleRow > 0 {
			fmt.Fprintf(&names, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s!$%d:$%d</definedName>`, i, escapeXML(quoteSheet(s.name)), s.titleRow, s.titleRow)
		}
	}
	if names.Len() > 0 {
		b.WriteString(`<definedNames>` + names.String() + `</definedNames>`)
	}
	b.WriteString(`<calcPr calcId="191029"/></workbook>`)
	return b.String()
}

// absRange turns "A1:N5" into "$A$1:$N$5".
func absRange(r string) string {
	var b strings.Builder
	for _, ref := range strings.Split(r, ":") {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		i := strings.IndexAny(ref, "0123456789")
		b.WriteString("$" + ref[:i] + "$" + ref[i:])
	}
	return b.String()
}

func workbookRels(sheets int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">`)
	for i := 1; i <= sheets; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, sheets+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>`, sheets+2)
	b.WriteString(`</Relationships>`)
	return b.String()
}
