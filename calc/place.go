package calc

import (
	"path/filepath"
	"strconv"
	"sync"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Origin is a file that inputs come from: one sheet of a workbook, a CSV
// table, or a scheme. Places point to their origin, so that each input
// carries two numbers, not the text of its place.
type Origin struct {
	File  string
	Sheet string // the workbook's sheet; "" for a CSV table, a scheme or a note
}

// Place says where an input came from: a cell or a row of a sheet, a line
// (and column) of a CSV table or a scheme, or a note. The zero Place is
// nowhere and renders as "".
type Place struct {
	o        *Origin
	row, col int32
}

// Cell is the place of a cell: row and col are 1-based (for a CSV table or
// a scheme, the line and the column).
func (o *Origin) Cell(row, col int) Place { return Place{o, int32(row), int32(col)} }

// Row is the place of a whole row (a CSV record or scheme line).
func (o *Origin) Row(row int) Place { return Place{o, int32(row), 0} }

// Note is a place that is only words, such as "assumed held".
func Note(text string) Place { return Place{o: &Origin{File: text}} }

// IsZero reports whether p is nowhere.
func (p Place) IsZero() bool { return p.o == nil }

// Origin, Line and Column give the parts of a place, for renderers.
func (p Place) Origin() *Origin { return p.o }
func (p Place) Line() int       { return int(p.row) }
func (p Place) Column() int     { return int(p.col) }

// String renders the place as messages show it: `facts.xlsx: sheet "Facts"
// C5`, `facts.xlsx: sheet "Facts" row 5`, `facts/roster.csv:4:2`,
// `scheme.yaml:14:7`.
func (p Place) String() string { return string(p.Append(nil)) }

// PlaceWords are the words a place in a workbook is shown with: "sheet"
// and "row" in messages (String, Append), a report's own language's in its
// explanation (package i18n has them). With FileBase, a file is shown by
// its base name: a workbook handed to an employee does not carry the
// folders of the machine it was made on.
type PlaceWords struct {
	Sheet, Row string
	FileBase   bool
}

// English are the words of messages.
var English = PlaceWords{Sheet: "sheet", Row: "row"}

// Word is the place in the language of w, as a problem's argument: the
// words "sheet" and "row" are w's (package problem).
func (p Place) Word(w problem.Words) string {
	if w == nil {
		return p.String()
	}
	return string(p.AppendWords(nil, PlaceWords{Sheet: w.Format(English.Sheet), Row: w.Format(English.Row)}))
}

// Append appends p.String() to dst.
func (p Place) Append(dst []byte) []byte { return p.AppendWords(dst, English) }

// AppendWords appends p as String shows it, in the words w.
func (p Place) AppendWords(dst []byte, w PlaceWords) []byte {
	if p.o == nil {
		return dst
	}
	if w.FileBase && p.o.File != "" && (p.row != 0 || p.o.Sheet != "") {
		dst = append(dst, filepath.Base(p.o.File)...)
	} else {
		dst = append(dst, p.o.File...)
	}
	if p.row == 0 {
		return dst
	}
	if p.o.Sheet != "" {
		dst = append(dst, ": "...)
		dst = append(dst, w.Sheet...)
		dst = append(dst, ' ')
		dst = strconv.AppendQuote(dst, p.o.Sheet)
		if p.col == 0 {
			dst = append(dst, ' ')
			dst = append(dst, w.Row...)
			dst = append(dst, ' ')
		} else {
			dst = append(dst, ' ')
			dst = appendColumn(dst, int(p.col))
		}
		return strconv.AppendInt(dst, int64(p.row), 10)
	}
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(p.row), 10)
	if p.col != 0 {
		dst = append(dst, ':')
		dst = strconv.AppendInt(dst, int64(p.col), 10)
	}
	return dst
}

// appendColumn appends a 1-based column's letters: 1 → A, 28 → AB.
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

// JoinPlaces renders places as one text, separated by sep, in the words w.
func JoinPlaces(ps []Place, sep string, w PlaceWords) string {
	return string(AppendPlaces(nil, ps, sep, w))
}

// AppendPlaces appends JoinPlaces(ps, sep, w) to dst: the places that
// render as something, separated by sep.
func AppendPlaces(dst []byte, ps []Place, sep string, w PlaceWords) []byte {
	first := true
	for _, p := range ps {
		mark := len(dst)
		if !first {
			dst = append(dst, sep...)
		}
		at := len(dst)
		if dst = p.AppendWords(dst, w); len(dst) == at {
			dst = dst[:mark] // renders as nothing: no separator either
			continue
		}
		first = false
	}
	return dst
}

var schemeOrigins sync.Map // scheme file → *Origin

// SchemeSrc is the place of a scheme value: `scheme.yaml:14:7`.
func SchemeSrc(s *plan.Scheme, d *plan.Dec) Place { return SchemePos(s, d.Pos) }

// SchemePos is the place of a position in the scheme.
func SchemePos(s *plan.Scheme, pos plan.Pos) Place {
	o, ok := schemeOrigins.Load(s.File)
	if !ok {
		o, _ = schemeOrigins.LoadOrStore(s.File, &Origin{File: s.File})
	}
	return o.(*Origin).Cell(pos.Line, pos.Col)
}
