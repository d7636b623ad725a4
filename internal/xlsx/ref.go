package xlsx

import "strings"

// Excel's grid: columns A..XFD, rows 1..1048576.
const (
	MaxCol = 16384
	MaxRow = 1048576
)

// ColumnName returns a 1-based column's letters: 1 → A, 28 → AB.
func ColumnName(col int) string { return string(appendColumn(nil, col)) }

// CellName returns the A1 name of a 1-based cell.
func CellName(col, row int) string { return string(AppendCellName(nil, col, row)) }

// AppendCellName appends the A1 name of a 1-based cell to dst.
func AppendCellName(dst []byte, col, row int) []byte {
	return appendInt(appendColumn(dst, col), row)
}

func appendColumn(dst []byte, col int) []byte {
	var b [4]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, b[i:]...)
}

func appendInt(b []byte, n int) []byte {
	if n == 0 {
		return append(b, '0')
	}
	var d [20]byte
	i := len(d)
	for n > 0 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[i:]...)
}

// ParseCellName reads an A1 cell name ($ signs allowed) into 1-based column
// and row.
func ParseCellName(s string) (col, row int, ok bool) { return parseCell(s) }

func parseCell[T string | []byte](s T) (col, row int, ok bool) {
	i, letters := 0, 0
	for ; i < len(s); i++ {
		if s[i] == '$' {
			continue
		}
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		letters++
		if col > MaxCol {
			return 0, 0, false
		}
	}
	if letters == 0 || i == len(s) {
		return 0, 0, false
	}
	if s[i] == '$' {
		i++
	}
	digits := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		digits++
		if row > MaxRow {
			return 0, 0, false
		}
	}
	return col, row, digits > 0 && row > 0
}

// ParseRange reads "A1:C3" (or a single cell "B2") into a Range.
func ParseRange(ref string) (Range, bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found {
		b = a
	}
	c1, r1, ok1 := ParseCellName(a)
	c2, r2, ok2 := ParseCellName(b)
	if !ok1 || !ok2 {
		return Range{}, false
	}
	return Range{Ref: ref, Row1: min(r1, r2), Col1: min(c1, c2), Row2: max(r1, r2), Col2: max(c1, c2)}, true
}
