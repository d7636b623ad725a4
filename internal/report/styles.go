package report

import (
	"sync"

	"github.com/premia-pay/premia/internal/xlsx"
)

// styleParts are the compressed stylesheets, one per number of decimals of
// money: they are the same in every workbook of that scale.
var styleParts sync.Map // int32 → xlsx.Part

func stylesPart(scale int32) xlsx.Part {
	if p, ok := styleParts.Load(scale); ok {
		return p.(xlsx.Part)
	}
	p, _ := styleParts.LoadOrStore(scale, xlsx.Deflate("xl/styles.xml", []byte(stylesXML(scale))))
	return p.(xlsx.Part)
}

// Style ids of the stylesheet the report writes (cellXfs, in order).
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
	styleLeft    // a number beside its label, as the text around it
	styleRight   // a text in a column of amounts, right-aligned as they are
	styleHeadNum // a heading above amounts, right-aligned as they are
)

// Conditional-format styles (dxfs, in order).
const (
	dxfRed = iota
	dxfAmber
	dxfGreen
)

// stylesXML is the stylesheet: the money format shows scale decimals.
func stylesXML(scale int32) string {
	money, font, dxf, xf := xlsx.MoneyFormat(scale), xlsx.Font, xlsx.DXF, xlsx.XF
	const wrapTop = `<alignment vertical="top" wrapText="1"/>`
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<numFmts count="5">` +
		`<numFmt numFmtId="164" formatCode="` + xlsx.EscapeXML(money) + `"/>` +
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
		xlsx.HouseFillsBorders +
		`<cellXfs count="16">` +
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
		xf(0, 0, 0, 0, `<alignment horizontal="left"/>`) + // left
		xf(0, 0, 0, 0, `<alignment horizontal="right"/>`) + // right
		xf(0, 1, 2, 1, `<alignment horizontal="right" vertical="center" wrapText="1"/>`) + // head above amounts
		`</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="3">` + dxf("9C0006", "FFC7CE") + dxf("9C5700", "FFEB9C") + dxf("006100", "C6EFCE") + `</dxfs>` +
		`<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
		`</styleSheet>`
}

// headStyle is the style of a column's heading: right-aligned above
// amounts, as they are, and left-aligned above texts.
func headStyle(amounts bool) int {
	if amounts {
		return styleHeadNum
	}
	return styleHead
}
