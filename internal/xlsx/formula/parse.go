package formula

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Excel's own limits on a formula.
const (
	maxLength = 8192 // characters
	maxDepth  = 64   // nested parentheses and function calls
	maxArgs   = 255  // arguments of one function
)

// binaryPrec is the precedence of Excel's binary operators, lowest first.
// All of them group to the left: 2^3^2 is (2^3)^2 = 64. Above them come, in
// rising order, '%', unary '-' and '+' (so -2^2 is (-2)^2 = 4), the
// intersection (a space) and ':'.
var binaryPrec = map[string]int{
	"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1,
	"&": 2,
	"+": 3, "-": 3,
	"*": 4, "/": 4,
	"^": 5,
}

// Parse parses a formula as stored in a cell's <f> element of SpreadsheetML:
// no leading '=', en-US syntax (',' separates arguments, '.' is the decimal
// point). Function names may carry the _xlfn. and _xlws. prefixes Excel
// writes; they are dropped. An error is a *SyntaxError saying where and what.
//
// The grammar, loosest first:
//
//	formula    = compare
//	compare    = concat { ("=" | "<>" | "<" | ">" | "<=" | ">=") concat }
//	concat     = additive { "&" additive }
//	additive   = product { ("+" | "-") product }
//	product    = power { ("*" | "/") power }
//	power      = percent { "^" percent }
//	percent    = unary { "%" }
//	unary      = ("-" | "+") unary | intersect
//	intersect  = range { SPACE range }
//	range      = primary { ":" primary }
//	primary    = number | string | TRUE | FALSE | error | reference | name
//	           | table-reference | "(" formula { "," formula } ")"
//	           | function "(" [ argument { "," argument } ] ")" | array
//	argument   = [ formula ]
//	array      = "{" constant { ("," | ";") constant } "}"
func Parse(text string) (*Expr, error) {
	if n := utf8.RuneCountInString(text); n > maxLength {
		off := 0
		for i := 0; i < maxLength; i++ {
			_, size := utf8.DecodeRuneInString(text[off:])
			off += size
		}
		return nil, &SyntaxError{Offset: off, What: fmt.Sprintf("the formula is %d characters long; Excel allows %d", n, maxLength)}
	}
	if !utf8.ValidString(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRuneInString(text[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		return nil, &SyntaxError{Offset: off, What: "the text is not valid UTF-8"}
	}
	toks, err := lex(text)
	if err != nil {
		return nil, err
	}
	p := &parser{src: text, toks: toks}
	if p.peek().kind == tEOF {
		return nil, &SyntaxError{Offset: 0, What: "empty formula"}
	}
	root, err := p.expression()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	return &Expr{root: root}, nil
}

type parser struct {
	src   string
	toks  []token
	i     int
	depth int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) isOp(op string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == op
}

func (p *parser) errorf(pos int, format string, args ...any) error {
	return &SyntaxError{Offset: pos, What: fmt.Sprintf(format, args...)}
}

func (p *parser) unexpected(t token) error {
	if t.kind == tEOF {
		return p.errorf(t.pos, "the formula ends too early")
	}
	return p.errorf(t.pos, "unexpected %q", clip(p.src[t.pos:t.end], 30))
}

func (p *parser) expression() (node, error) { return p.binary(1) }

// binary parses operators of precedence min and above (precedence climbing).
func (p *parser) binary(min int) (node, error) {
	left, err := p.percent()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec, ok := binaryPrec[t.text]
		if t.kind != tOp || !ok || prec < min {
			return left, nil
		}
		p.next()
		right, err := p.binary(prec + 1)
		if err != nil {
			return nil, err
		}
		left = &binaryNode{op: t.text, l: left, r: right}
	}
}

func (p *parser) percent() (node, error) {
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.isOp("%") {
		p.next()
		x = &percentNode{x: x}
	}
	return x, nil
}

func (p *parser) unary() (node, error) {
	if p.isOp("-") || p.isOp("+") {
		t := p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &unaryNode{op: t.text[0], x: x}, nil
	}
	return p.intersection()
}

// intersection parses ranges joined by spaces: "A1:C3 B2:D4".
func (p *parser) intersection() (node, error) {
	left, err := p.rangeExpr()
	if err != nil {
		return nil, err
	}
	for t := p.peek(); t.space && startsOperand(t.kind); t = p.peek() {
		right, err := p.rangeExpr()
		if err != nil {
			return nil, err
		}
		left = &binaryNode{op: " ", l: left, r: right}
	}
	return left, nil
}

func startsOperand(k tokKind) bool {
	switch k {
	case tNumber, tString, tBool, tError, tRef, tName, tStruct, tFunc, tLParen, tLBrace:
		return true
	}
	return false
}

// rangeExpr parses the range operator between operands that are not a single
// reference token: "A1:INDEX(B:B,3)", "Sheet1!A1:Sheet1!B2".
func (p *parser) rangeExpr() (node, error) {
	start := p.peek().pos
	left, err := p.primary()
	if err != nil {
		return nil, err
	}
	for p.isOp(":") {
		if !mayBeReference(left) {
			return nil, p.errorf(start, "':' joins references, not %q", clip(text(left), 30))
		}
		colon := p.next()
		if colon.space || p.peek().space {
			// "A :B" could be names A and B or the columns A:B, and a space
			// is also Excel's intersection operator: refuse to guess.
			return nil, p.errorf(colon.pos, "a space beside the range operator ':'")
		}
		start = p.peek().pos
		right, err := p.primary()
		if err != nil {
			return nil, err
		}
		if !mayBeReference(right) {
			return nil, p.errorf(start, "':' joins references, not %q", clip(text(right), 30))
		}
		left = &binaryNode{op: ":", l: left, r: right}
	}
	return left, nil
}

// mayBeReference reports whether n may evaluate to a reference: a literal
// cannot. (Without this check "0 :0" would print as the row range 0:0.)
func mayBeReference(n node) bool {
	switch n.(type) {
	case *numberNode, *stringNode, *boolNode, *arrayNode:
		return false
	}
	return true
}

func (p *parser) primary() (node, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		return &numberNode{text: t.text, val: t.num}, nil
	case tString:
		return &stringNode{s: t.str}, nil
	case tBool:
		return &boolNode{b: t.text == "TRUE"}, nil
	case tError:
		return &errorNode{code: t.text, sheet: t.sheet}, nil
	case tRef:
		r := t.ref
		return &r, nil
	case tName:
		return &nameNode{sheet: t.sheet, name: t.text}, nil
	case tStruct:
		return &structNode{text: t.text}, nil
	case tLParen:
		return p.group(t)
	case tFunc:
		return p.call(t)
	case tLBrace:
		return p.array(t)
	}
	return nil, p.unexpected(t)
}

// enter counts one more level of nesting at the token t.
func (p *parser) enter(t token) error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf(t.pos, "nested more than %d levels deep (Excel's limit)", maxDepth)
	}
	return nil
}

// closing reads the ')' that closes the '(' at open.
func (p *parser) closing(open int) error {
	t := p.next()
	switch t.kind {
	case tRParen:
		p.depth--
		return nil
	case tEOF:
		return p.errorf(open, "the '(' here is never closed")
	}
	return p.unexpected(t)
}

// group parses "(" formula ")" or a union "(A1,B2)".
func (p *parser) group(open token) (node, error) {
	if err := p.enter(open); err != nil {
		return nil, err
	}
	x, err := p.expression()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tComma {
		return &parenNode{x: x}, p.closing(open.pos)
	}
	u := &unionNode{items: []node{x}}
	for p.peek().kind == tComma {
		p.next()
		y, err := p.expression()
		if err != nil {
			return nil, err
		}
		u.items = append(u.items, y)
	}
	return u, p.closing(open.pos)
}

// call parses a function's arguments; the token has taken in the '('.
func (p *parser) call(t token) (node, error) {
	name := functionName(t.text)
	if name == "" {
		return nil, p.errorf(t.pos, "a function name is missing before '('")
	}
	if r, _ := utf8.DecodeRuneInString(name); !isNameStart(r) {
		return nil, p.errorf(t.pos, "%q is not a function name", clip(t.text, 30))
	}
	if err := p.enter(t); err != nil {
		return nil, err
	}
	c := &callNode{name: name}
	open := t.end - 1
	if p.peek().kind == tRParen {
		return c, p.closing(open)
	}
	for {
		var arg node = &missingNode{}
		argPos := p.peek().pos
		if k := p.peek().kind; k != tComma && k != tRParen {
			var err error
			if arg, err = p.expression(); err != nil {
				return nil, err
			}
		}
		if len(c.args) == maxArgs {
			return nil, p.errorf(argPos, "more than %d arguments for %s", maxArgs, name)
		}
		c.args = append(c.args, arg)
		if p.peek().kind != tComma {
			return c, p.closing(open)
		}
		p.next()
	}
}

// functionName drops the prefixes Excel writes before newer functions'
// names (_xlfn.STDEV.S, _xlfn._xlws.SORT) and upper-cases the rest.
func functionName(s string) string {
	for {
		u := strings.ToUpper(s)
		switch {
		case strings.HasPrefix(u, "_XLFN."), strings.HasPrefix(u, "_XLWS."):
			s = s[len("_xlfn."):]
		default:
			return u
		}
	}
}

// array parses an array constant: numbers, texts, TRUE, FALSE and error
// values, ',' between columns and ';' between rows of equal length.
func (p *parser) array(open token) (node, error) {
	a := &arrayNode{}
	var row []node
	for {
		t := p.next()
		var el node
		switch t.kind {
		case tNumber:
			el = &numberNode{text: t.text, val: t.num}
		case tString:
			el = &stringNode{s: t.str}
		case tBool:
			el = &boolNode{b: t.text == "TRUE"}
		case tError:
			if t.sheet != "" {
				return nil, p.unexpected(t)
			}
			el = &errorNode{code: t.text}
		case tOp:
			if n := p.peek(); t.text == "-" && n.kind == tNumber && !n.space {
				p.next()
				el = &unaryNode{op: '-', x: &numberNode{text: n.text, val: n.num}}
				break
			}
			return nil, p.errorf(t.pos, "an array constant holds only numbers, texts, TRUE, FALSE and error values")
		case tEOF:
			return nil, p.errorf(open.pos, "the '{' here is never closed")
		default:
			return nil, p.errorf(t.pos, "an array constant holds only numbers, texts, TRUE, FALSE and error values")
		}
		row = append(row, el)
		t = p.next()
		switch t.kind {
		case tComma:
			continue
		case tSemicolon, tRBrace:
			if len(a.rows) > 0 && len(row) != len(a.rows[0]) {
				return nil, p.errorf(t.pos, "the rows of an array constant differ in length")
			}
			a.rows = append(a.rows, row)
			row = nil
			if t.kind == tRBrace {
				return a, nil
			}
		case tEOF:
			return nil, p.errorf(open.pos, "the '{' here is never closed")
		default:
			return nil, p.unexpected(t)
		}
	}
}
