package xlsx

import (
	"fmt"
	"strings"
)

// The pieces a stylesheet (xl/styles.xml) is written from, for the writers
// that build their own: each of premia's workbooks has its own styles, in
// one spelling.

// MoneyFormat is the number format of an amount with scale decimals and
// thousands grouped: #,##0 or #,##0.00.
func MoneyFormat(scale int32) string {
	if scale <= 0 {
		return "#,##0"
	}
	return "#,##0." + strings.Repeat("0", int(scale))
}

// XF is a cellXfs entry: a number format, font, fill and border by index,
// each marked applied when not the default, and the alignment element
// align ("" for none).
func XF(numFmt, font, fill, border int, align string) string {
	s := fmt.Sprintf(`<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, numFmt, font, fill, border)
	for _, a := range []struct {
		on   bool
		attr string
	}{{numFmt != 0, "applyNumberFormat"}, {font != 0, "applyFont"}, {fill != 0, "applyFill"}, {border != 0, "applyBorder"}} {
		if a.on {
			s += ` ` + a.attr + `="1"`
		}
	}
	if align == "" {
		return s + `/>`
	}
	return s + ` applyAlignment="1">` + align + `</xf>`
}

// Font is a Calibri 11 font with extra inside it (`<b/>` for bold).
func Font(extra string) string {
	return `<font>` + extra + `<sz val="11"/><name val="Calibri"/><family val="2"/></font>`
}

// DXF is a conditional format's differential style: a font colour on a
// solid fill, each an RGB hex colour (C00000).
func DXF(font, fill string) string {
	return `<dxf><font><color rgb="FF` + font + `"/></font><fill><patternFill patternType="solid"><bgColor rgb="FF` + fill + `"/></patternFill></fill></dxf>`
}

// HouseFillsBorders are the fills, borders and cell style every premia
// stylesheet has: fills none, gray125 and the headings' pale blue (fill 2);
// borders none, a thin grey line under a heading (1) and a thin black line
// over a total (2); the one cell style.
const HouseFillsBorders = `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border>` +
	`<border><left/><right/><top style="thin"><color rgb="FF000000"/></top><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`
