package formula

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// Expr is a parsed formula. It is immutable: Shift returns a new one, and one
// Expr may be evaluated from several goroutines at once.
type Expr struct{ root node }

// node is one part of a formula's syntax tree. Every kind writes its
// canonical text; Shift and Eval switch on the kinds.
type node interface {
	write(b *strings.Builder)
}

type (
	numberNode struct {
		text string // as written
		val  *big.Rat
	}
	stringNode struct{ s string }
	boolNode   struct{ b bool }
	errorNode  struct {
		code  string
		sheet string // "Sheet1!#REF!" keeps its sheet, for the text only
	}
	nameNode   struct{ sheet, name string } // a defined name
	structNode struct{ text string }        // a structured (table) reference
	unaryNode  struct {                     // -x, +x
		op byte
		x  node
	}
	percentNode struct{ x node } // x%
	binaryNode  struct {         // l op r; op " " is the intersection
		op   string
		l, r node
	}
	parenNode struct{ x node }       // (x)
	unionNode struct{ items []node } // (A1,B2): the union of references
	callNode  struct {
		name string // upper case, without _xlfn. or _xlws.
		args []node // a *missingNode where an argument is left empty
	}
	missingNode struct{}                // the empty argument in IF(A1,,2)
	arrayNode   struct{ rows [][]node } // {1,2;3,4}
)

type refKind uint8

const (
	refCell refKind = iota // A1
	refArea                // A1:B2
	refCols                // A:C
	refRows                // 1:3
)

// refNode is a reference as written. sheet is the text of the sheet name,
// without quotes; it holds '[' for another workbook and ':' for a range of
// sheets. A cell uses r1, c1; whole columns c1, c2; whole rows r1, r2.
type refNode struct {
	sheet              string
	kind               refKind
	r1, c1, r2, c2     int
	ar1, ac1, ar2, ac2 bool // $: the part is absolute
}

// String returns the formula's canonical text: function names in upper case
// without the _xlfn. prefix, references in upper case, sheet names quoted
// only where needed, no spaces except the intersection operator's. It parses
// back to the same formula.
func (e *Expr) String() string {
	if e == nil || e.root == nil {
		return ""
	}
	return text(e.root)
}

func text(n node) string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *numberNode) write(b *strings.Builder) { b.WriteString(strings.ToUpper(n.text)) }
func (n *stringNode) write(b *strings.Builder) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(n.s, `"`, `""`))
	b.WriteByte('"')
}

func (n *boolNode) write(b *strings.Builder) {
	if n.b {
		b.WriteString("TRUE")
	} else {
		b.WriteString("FALSE")
	}
}

func (n *errorNode) write(b *strings.Builder) {
	writeSheet(b, n.sheet)
	b.WriteString(n.code)
}

func (n *nameNode) write(b *strings.Builder) {
	writeSheet(b, n.sheet)
	b.WriteString(n.name)
}

func (n *structNode) write(b *strings.Builder)  { b.WriteString(n.text) }
func (n *missingNode) write(b *strings.Builder) {}

func (n *unaryNode) write(b *strings.Builder) {
	b.WriteByte(n.op)
	n.x.write(b)
}

func (n *percentNode) write(b *strings.Builder) {
	n.x.write(b)
	b.WriteByte('%')
}

func (n *binaryNode) write(b *strings.Builder) {
	n.l.write(b)
	b.WriteString(n.op)
	n.r.write(b)
}

func (n *parenNode) write(b *strings.Builder) {
	b.WriteByte('(')
	n.x.write(b)
	b.WriteByte(')')
}

func (n *unionNode) write(b *strings.Builder) {
	b.WriteByte('(')
	writeList(b, n.items, ",")
	b.WriteByte(')')
}

func (n *callNode) write(b *strings.Builder) {
	b.WriteString(n.name)
	b.WriteByte('(')
	writeList(b, n.args, ",")
	b.WriteByte(')')
}

func (n *arrayNode) write(b *strings.Builder) {
	b.WriteByte('{')
	for i, row := range n.rows {
		if i > 0 {
			b.WriteByte(';')
		}
		writeList(b, row, ",")
	}
	b.WriteByte('}')
}

func writeList(b *strings.Builder, list []node, sep string) {
	for i, x := range list {
		if i > 0 {
			b.WriteString(sep)
		}
		x.write(b)
	}
}

func (n *refNode) write(b *strings.Builder) {
	writeSheet(b, n.sheet)
	switch n.kind {
	case refCell:
		writeCol(b, n.c1, n.ac1)
		writeRow(b, n.r1, n.ar1)
	case refArea:
		writeCol(b, n.c1, n.ac1)
		writeRow(b, n.r1, n.ar1)
		b.WriteByte(':')
		writeCol(b, n.c2, n.ac2)
		writeRow(b, n.r2, n.ar2)
	case refCols:
		writeCol(b, n.c1, n.ac1)
		b.WriteByte(':')
		writeCol(b, n.c2, n.ac2)
	case refRows:
		writeRow(b, n.r1, n.ar1)
		b.WriteByte(':')
		writeRow(b, n.r2, n.ar2)
	}
}

// writeSheet writes "Sheet1!" or "'Sheet name'!"; nothing for "".
func writeSheet(b *strings.Builder, sheet string) {
	if sheet == "" {
		return
	}
	if plainSheetName(sheet) {
		b.WriteString(sheet)
	} else {
		b.WriteByte('\'')
		b.WriteString(strings.ReplaceAll(sheet, "'", "''"))
		b.WriteByte('\'')
	}
	b.WriteByte('!')
}

// plainSheetName reports whether a sheet name may go unquoted: a letter or
// '_', then letters, digits, '_' and '.'.
func plainSheetName(s string) bool {
	for i, r := range s {
		if i == 0 && !unicode.IsLetter(r) && r != '_' {
			return false
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' {
			return false
		}
	}
	return s != ""
}

func writeCol(b *strings.Builder, col int, abs bool) {
	if abs {
		b.WriteByte('$')
	}
	var letters [8]byte
	i := len(letters)
	for col > 0 && i > 0 {
		col--
		i--
		letters[i] = byte('A' + col%26)
		col /= 26
	}
	b.Write(letters[i:])
}

func writeRow(b *strings.Builder, row int, abs bool) {
	if abs {
		b.WriteByte('$')
	}
	b.WriteString(strconv.Itoa(row))
}

// Shift returns the formula as it applies dRow rows and dCol columns away
// from the cell it was written for: relative references move, the parts
// marked $ stay. This is how a shared formula (<f t="shared" ref="C2:C10"
// si="0">A2*B2</f>, then <f t="shared" si="0"/> in C3..C10) applies to each
// cell of its range. A reference moved off the sheet (before row 1 or column
// A, or past row 1048576 or column XFD) becomes #REF!, as Excel makes it.
// Defined names and table references do not move.
func (e *Expr) Shift(dRow, dCol int) *Expr {
	if e == nil || e.root == nil || dRow == 0 && dCol == 0 {
		return e
	}
	return &Expr{root: shift(e.root, dRow, dCol)}
}

func shift(n node, dr, dc int) node {
	switch n := n.(type) {
	case *refNode:
		return n.shifted(dr, dc)
	case *unaryNode:
		return &unaryNode{op: n.op, x: shift(n.x, dr, dc)}
	case *percentNode:
		return &percentNode{x: shift(n.x, dr, dc)}
	case *binaryNode:
		return &binaryNode{op: n.op, l: shift(n.l, dr, dc), r: shift(n.r, dr, dc)}
	case *parenNode:
		return &parenNode{x: shift(n.x, dr, dc)}
	case *unionNode:
		return &unionNode{items: shiftList(n.items, dr, dc)}
	case *callNode:
		return &callNode{name: n.name, args: shiftList(n.args, dr, dc)}
	}
	return n // holds no reference; shared, as nodes are never changed
}

func shiftList(list []node, dr, dc int) []node {
	out := make([]node, len(list))
	for i, x := range list {
		out[i] = shift(x, dr, dc)
	}
	return out
}

func (n *refNode) shifted(dr, dc int) node {
	s := *n
	on := true
	move := func(v *int, abs bool, d, limit int) {
		if abs {
			return
		}
		if d < -limit || d > limit { // off the sheet whatever *v is; no overflow
			on = false
			return
		}
		*v += d
		on = on && *v >= 1 && *v <= limit
	}
	switch n.kind {
	case refCell:
		move(&s.r1, s.ar1, dr, MaxRow)
		move(&s.c1, s.ac1, dc, MaxCol)
	case refArea:
		move(&s.r1, s.ar1, dr, MaxRow)
		move(&s.c1, s.ac1, dc, MaxCol)
		move(&s.r2, s.ar2, dr, MaxRow)
		move(&s.c2, s.ac2, dc, MaxCol)
	case refCols:
		move(&s.c1, s.ac1, dc, MaxCol)
		move(&s.c2, s.ac2, dc, MaxCol)
	case refRows:
		move(&s.r1, s.ar1, dr, MaxRow)
		move(&s.r2, s.ar2, dr, MaxRow)
	}
	if !on {
		return &errorNode{code: codeRef, sheet: n.sheet}
	}
	return &s
}
