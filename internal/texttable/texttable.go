package texttable

import (
	"strings"
	"unicode/utf8"
)

// Write writes rows as columns two spaces apart, each as wide as its
// widest cell (in runes), a column whose right is set right-aligned and
// the others left-aligned; no line ends in spaces. With skipEmpty a column
// empty in every row is left out, separator and all. A row shorter than
// right is padded with empty cells.
func Write(b *strings.Builder, rows [][]string, right []bool, skipEmpty bool) {
	widths := make([]int, len(right))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var line strings.Builder
	for _, row := range rows {
		line.Reset()
		first := true
		for i := range widths {
			if skipEmpty && widths[i] == 0 {
				continue
			}
			c := ""
			if i < len(row) {
				c = row[i]
			}
			if !first {
				line.WriteString("  ")
			}
			first = false
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
}
