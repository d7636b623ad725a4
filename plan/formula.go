package plan

import (
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
)

// A formula computes a KPI's fact from the person's own fact columns
// (docs/calculation.md §3.9): conversion is deals / leads, an
// average check revenue / deals, a checklist's score the sum of its items.
// The language is small on purpose: decimal numbers, column ids, + - * /
// (also written − × ÷), unary minus, parentheses, min(…) and max(…). It is
// parsed here, when the scheme is read, with every mistake located in the
// scheme; package calc evaluates it in exact rationals.

// ExprOp is what an Expr node does.
type ExprOp uint8

const (
	ExprNum ExprOp = iota // a number
	ExprCol               // a fact column's value
	ExprNeg               // -Args[0]
	ExprAdd               // Args[0] + Args[1]
	ExprSub               // Args[0] - Args[1]
	ExprMul               // Args[0] × Args[1]
	ExprDiv               // Args[0] / Args[1]
	ExprMin               // the least of Args
	ExprMax               // the greatest of Args
)

// Expr is a node of a parsed formula.
type Expr struct {
	Op   ExprOp
	Num  decimal.Decimal // ExprNum
	Text string          // ExprNum: the number as written; ExprCol: the column id as written
	// Column is an ExprCol's Facts column: the id of the role's KPI,
	// condition or fact it names (deals_won names new-deals-won: ids match
	// whatever their case, with - and _ alike), else Text. Validate sets it.
	Column string
	Args   []*Expr
	Pos    Pos // where the node starts in the scheme file
}

// Formula is a KPI's formula as written and as parsed.
type Formula struct {
	Text string
	Expr *Expr
	Pos  Pos
}

// Columns are the Facts columns the formula reads (Expr.Column), each
// once, in the order they first appear.
func (f *Formula) Columns() []string {
	var out []string
	seen := map[string]bool{}
	if f != nil && f.Expr != nil {
		f.Expr.eachID(func(e *Expr) {
			if !seen[e.Column] {
				seen[e.Column] = true
				out = append(out, e.Column)
			}
		})
	}
	return out
}

// eachID calls f with each id of the formula (ExprCol), in the order they
// are written.
func (e *Expr) eachID(f func(x *Expr)) {
	for _, a := range e.Args {
		a.eachID(f)
	}
	if e.Op == ExprCol {
		f(e)
	}
}

// String is the formula in one canonical spelling, for explanations:
// single spaces around the binary operators, parentheses only where they
// are needed.
func (e *Expr) String() string {
	return string(e.Append(nil, func(dst []byte, x *Expr) []byte { return append(dst, x.Text...) }))
}

// Append appends the formula as String spells it, each number and column
// written by leaf: the explanation writes a column's value in its place
// (deals / leads = 12 / 40), in the language's way of writing numbers.
func (e *Expr) Append(dst []byte, leaf func(dst []byte, x *Expr) []byte) []byte {
	return e.append(dst, 0, leaf)
}

// prec is an operator's binding: 1 for + and -, 2 for × and /, 3 for unary
// minus and the operands.
func (e *Expr) prec() int {
	switch e.Op {
	case ExprAdd, ExprSub:
		return 1
	case ExprMul, ExprDiv:
		return 2
	}
	return 3
}

func (e *Expr) append(dst []byte, outer int, leaf func([]byte, *Expr) []byte) []byte {
	p := e.prec()
	if p < outer {
		dst = append(dst, '(')
	}
	switch e.Op {
	case ExprNum, ExprCol:
		dst = leaf(dst, e)
	case ExprNeg:
		dst = append(dst, '-')
		dst = e.Args[0].append(dst, 3, leaf)
	case ExprMin, ExprMax:
		if e.Op == ExprMin {
			dst = append(dst, "min("...)
		} else {
			dst = append(dst, "max("...)
		}
		for i, a := range e.Args {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = a.append(dst, 0, leaf)
		}
		dst = append(dst, ')')
	default:
		op := map[ExprOp]string{ExprAdd: " + ", ExprSub: " - ", ExprMul: " * ", ExprDiv: " / "}[e.Op]
		dst = e.Args[0].append(dst, p, leaf)
		dst = append(dst, op...)
		// The right operand of - and / binds tighter: a - (b - c), a / (b * c).
		right := p
		if e.Op == ExprSub || e.Op == ExprDiv {
			right = p + 1
		}
		dst = e.Args[1].append(dst, right, leaf)
	}
	if p < outer {
		dst = append(dst, ')')
	}
	return dst
}

// maxFormulaDepth bounds nesting, so that a scheme cannot exhaust the stack.
const maxFormulaDepth = 50

// formulaError is a mistake in a formula: where, and what (a problem's
// format and arguments).
type formulaError struct {
	pos Pos
	msg problem.Text
}

// token kinds of a formula.
const (
	tokEnd = iota
	tokNum
	tokIdent
	tokOp // + - * / ( ) ,
	tokBad
)

type formulaToken struct {
	kind int
	text string // as written
	op   byte   // tokOp: the ASCII operator (× is *, ÷ is /, − is -)
	col  int    // 0-based rune offset in the formula
}

// parseFormula parses text, whose first rune is at pos in the scheme file
// (for a one-line scalar; a formula spread over lines is located at its
// start).
func parseFormula(text string, pos Pos, oneLine bool) (*Expr, *formulaError) {
	p := &formulaParser{pos: pos, oneLine: oneLine}
	p.lex(text)
	if len(p.toks) == 1 {
		return nil, &formulaError{pos, problem.New("the formula is empty: write one, e.g. deals / leads")}
	}
	e := p.sum(0)
	if p.err == nil && p.peek().kind != tokEnd {
		t := p.peek()
		if t.kind == tokBad {
			p.fail(t, problem.New("%q is not part of a formula: use numbers, column ids, + - * /, ( ), min and max", t.text))
		} else if prev, next := p.toks[p.i-1], p.toks[p.i+1]; t.op == ',' && prev.kind == tokNum && next.kind == tokNum && prev.col+len([]rune(prev.text)) == t.col && t.col+1 == next.col {
			// 1,5: a decimal comma, outside min(…) and max(…).
			p.fail(prev, problem.New("%q is not a number a formula reads: write digits with a dot as the decimal point (0.5, 1000)", prev.text+","+next.text))
		} else {
			p.fail(t, problem.New("%q after a complete formula: join the parts with an operator (+ - * /)", t.text))
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return e, nil
}

type formulaParser struct {
	pos     Pos
	oneLine bool
	toks    []formulaToken
	i       int
	err     *formulaError
}

// at is the place in the file of the rune at offset col.
func (p *formulaParser) at(col int) Pos {
	if !p.oneLine {
		return p.pos
	}
	return Pos{Line: p.pos.Line, Col: p.pos.Col + col}
}

func (p *formulaParser) lex(text string) {
	rs := []rune(text)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r >= '0' && r <= '9' || r == '.':
			j := i
			// Letters and underscores are taken in, so that 1e3 or 1_000 is
			// refused as one number rather than read as two tokens.
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == '.' || unicode.IsLetter(rs[j]) || rs[j] == '_') {
				j++
			}
			p.toks = append(p.toks, formulaToken{kind: tokNum, text: string(rs[i:j]), col: i})
			i = j
		case unicode.IsLetter(r) || r == '_':
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			p.toks = append(p.toks, formulaToken{kind: tokIdent, text: string(rs[i:j]), col: i})
			i = j
		default:
			op := byte(0)
			switch r {
			case '+', '-', '*', '/', '(', ')', ',':
				op = byte(r)
			case '−':
				op = '-'
			case '×', '·':
				op = '*'
			case '÷':
				op = '/'
			}
			if op == 0 {
				p.toks = append(p.toks, formulaToken{kind: tokBad, text: string(r), col: i})
			} else {
				p.toks = append(p.toks, formulaToken{kind: tokOp, text: string(r), op: op, col: i})
			}
			i++
		}
	}
	p.toks = append(p.toks, formulaToken{kind: tokEnd, col: len(rs)})
}

func (p *formulaParser) peek() formulaToken { return p.toks[p.i] }

func (p *formulaParser) next() formulaToken {
	t := p.toks[p.i]
	if t.kind != tokEnd {
		p.i++
	}
	return t
}

func (p *formulaParser) isOp(ops string) (byte, bool) {
	t := p.peek()
	if t.kind == tokOp && strings.IndexByte(ops, t.op) >= 0 {
		return t.op, true
	}
	return 0, false
}

func (p *formulaParser) fail(t formulaToken, msg problem.Text) *Expr {
	if p.err == nil {
		p.err = &formulaError{p.at(t.col), msg}
	}
	return nil
}

// sum is product (('+' | '-') product)*.
func (p *formulaParser) sum(depth int) *Expr {
	return p.binary(depth, "+-", [2]ExprOp{ExprAdd, ExprSub}, p.product)
}

// product is unary (('*' | '/') unary)*.
func (p *formulaParser) product(depth int) *Expr {
	return p.binary(depth, "*/", [2]ExprOp{ExprMul, ExprDiv}, p.unary)
}

// binary is operand ((ops[0] | ops[1]) operand)*, left to right, each
// operand parsed by next: the first operator makes kinds[0], the second
// kinds[1].
func (p *formulaParser) binary(depth int, ops string, kinds [2]ExprOp, next func(int) *Expr) *Expr {
	left := next(depth)
	for p.err == nil {
		op, ok := p.isOp(ops)
		if !ok {
			break
		}
		t := p.next()
		right := next(depth)
		kind := kinds[0]
		if op == ops[1] {
			kind = kinds[1]
		}
		left = &Expr{Op: kind, Args: []*Expr{left, right}, Pos: p.at(t.col)}
	}
	return left
}

// unary is '-' unary | '+' unary | operand.
func (p *formulaParser) unary(depth int) *Expr {
	if depth > maxFormulaDepth {
		return p.fail(p.peek(), problem.New("the formula nests deeper than %d levels: write it more simply", maxFormulaDepth))
	}
	if op, ok := p.isOp("-+"); ok {
		t := p.next()
		x := p.unary(depth + 1)
		if op == '+' || p.err != nil {
			return x
		}
		return &Expr{Op: ExprNeg, Args: []*Expr{x}, Pos: p.at(t.col)}
	}
	return p.operand(depth)
}

// operand is a number, a column id, a function call or a parenthesised sum.
func (p *formulaParser) operand(depth int) *Expr {
	t := p.next()
	switch t.kind {
	case tokNum:
		if !decimalText.MatchString(t.text) {
			return p.fail(t, problem.New("%q is not a number a formula reads: write digits with a dot as the decimal point (0.5, 1000)", t.text))
		}
		d, err := decimal.NewFromString(t.text)
		if err != nil || d.Abs().Cmp(maxMagnitude) >= 0 {
			return p.fail(t, problem.New("%q is out of range (at most 15 integer digits)", t.text))
		}
		return &Expr{Op: ExprNum, Num: d, Text: t.text, Pos: p.at(t.col)}
	case tokIdent:
		if _, call := p.isOp("("); call {
			return p.call(t, depth)
		}
		return &Expr{Op: ExprCol, Text: t.text, Pos: p.at(t.col)}
	case tokOp:
		if t.op == '(' {
			x := p.sum(depth + 1)
			if p.err != nil {
				return nil
			}
			if _, ok := p.isOp(")"); !ok {
				return p.fail(t, problem.New("this ( is not closed: add a ) where what it groups ends"))
			}
			p.next()
			return x
		}
		return p.fail(t, problem.New("%q where a number, a column id or ( is expected", t.text))
	case tokEnd:
		return p.fail(t, problem.New("the formula ends where a number, a column id or ( is expected"))
	}
	return p.fail(t, problem.New("%q is not part of a formula: use numbers, column ids, + - * /, ( ), min and max", t.text))
}

// call is min(…) or max(…) with two or more arguments.
func (p *formulaParser) call(name formulaToken, depth int) *Expr {
	var op ExprOp
	switch strings.ToLower(name.text) {
	case "min":
		op = ExprMin
	case "max":
		op = ExprMax
	default:
		return p.fail(name, problem.New("%s(…) is not a function of formulas: use min(…) or max(…)", name.text))
	}
	p.next() // (
	e := &Expr{Op: op, Pos: p.at(name.col)}
	for {
		x := p.sum(depth + 1)
		if p.err != nil {
			return nil
		}
		e.Args = append(e.Args, x)
		if _, ok := p.isOp(","); ok {
			p.next()
			continue
		}
		if _, ok := p.isOp(")"); ok {
			p.next()
			break
		}
		return p.fail(name, problem.New("%s( is not closed: separate its arguments with commas and end it with )", name.text))
	}
	if len(e.Args) < 2 {
		return p.fail(name, problem.New("%s(…) needs two arguments or more", name.text))
	}
	return e
}
