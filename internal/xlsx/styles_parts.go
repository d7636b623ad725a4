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
