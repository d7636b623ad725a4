package formula

import (
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF       tokKind = iota
	tNumber            // num, text as written
	tString            // str
	tBool              // text "TRUE" or "FALSE"
	tError             // text: the code; sheet if written after one ("Sheet1!#REF!")
	tRef               // ref
	tName              // text: a defined name; sheet if written after one
	tStruct            // text: a whole structured (table) reference
	tFunc              // text: the name as written; the token takes in the '('
	tOp                // text: + - * / ^ & = <> < > <= >= % :
	tLParen            // (
	tRParen            // )
	tComma             // ,
	tSemicolon         // ; (only inside an array constant)
	tLBrace            // {
	tRBrace            // }
)

type token struct {
	kind  tokKind
	pos   int  // byte offset of the token's first byte
	end   int  // byte offset just after it
	space bool // whitespace comes before the token
	text  string
	str   string
	sheet string
	num   *big.Rat
	ref   refNode
}

// The largest exponent a number may be written with; a larger one is far
// outside Excel's range and would only cost time to build.
const maxExponent = 1000

// errorCodes are the error values a formula may contain as literals.
var errorCodes = []string{
	"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
	"#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!",
	"#BUSY!", "#UNKNOWN!", "#PYTHON!",
}

var punctuation = map[byte]tokKind{'(': tLParen, ')': tRParen, ',': tComma, ';': tSemicolon, '{': tLBrace, '}': tRBrace}

type lexer struct {
	src string
	pos int
}

// lex splits a formula into tokens, the last one tEOF.
func lex(src string) ([]token, error) {
	l := &lexer{src: src}
	var toks []token
	for {
		start := l.pos
		for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
			l.pos++
		}
		space := l.pos > start
		if l.pos == len(l.src) {
			return append(toks, token{kind: tEOF, pos: l.pos, end: l.pos, space: space}), nil
		}
		t, err := l.token()
		if err != nil {
			return nil, err
		}
		t.space = space
		t.end = l.pos
		toks = append(toks, t)
	}
}

func (l *lexer) errorf(pos int, format string, args ...any) error {
	return &SyntaxError{Offset: pos, What: fmt.Sprintf(format, args...)}
}

func (l *lexer) token() (token, error) {
	start := l.pos
	c := l.src[start]
	switch c {
	case '(', ')', ',', ';', '{', '}':
		l.pos++
		return token{kind: punctuation[c], pos: start}, nil
	case '"':
		return l.stringLit()
	case '#':
		return l.errorLit(start, "")
	case '\'':
		return l.quotedSheet()
	case '[':
		return l.bracket()
	case '+', '-', '*', '/', '^', '&', '%', '=', ':':
		l.pos++
		return token{kind: tOp, pos: start, text: string(c)}, nil
	case '<', '>':
		op := string(c)
		if next := l.at(start + 1); next == '=' || (c == '<' && next == '>') {
			op += string(next)
		}
		l.pos += len(op)
		return token{kind: tOp, pos: start, text: op}, nil
	}
	r, _ := utf8.DecodeRuneInString(l.src[start:])
	if isDigit(c) || c == '.' || c == '$' || isNameStart(r) {
		return l.word()
	}
	return token{}, l.errorf(start, "unexpected character %q", r)
}

// at returns the byte at i, or 0 past the end.
func (l *lexer) at(i int) byte {
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

// stringLit reads "text", where "" stands for one quote.
func (l *lexer) stringLit() (token, error) {
	start := l.pos
	var b strings.Builder
	i := start + 1
	for {
		j := strings.IndexByte(l.src[i:], '"')
		if j < 0 {
			return token{}, l.errorf(start, "the text starting here has no closing quote")
		}
		b.WriteString(l.src[i : i+j])
		i += j + 1
		if l.at(i) != '"' {
			break
		}
		b.WriteByte('"')
		i++
	}
	l.pos = i
	return token{kind: tString, pos: start, str: b.String()}, nil
}

// errorLit reads an error value such as #N/A at l.pos; start is where the
// token begins (before the sheet name, if there is one).
func (l *lexer) errorLit(start int, sheet string) (token, error) {
	rest := l.src[l.pos:]
	for _, code := range errorCodes {
		if len(rest) >= len(code) && strings.EqualFold(rest[:len(code)], code) {
			l.pos += len(code)
			return token{kind: tError, pos: start, text: code, sheet: sheet}, nil
		}
	}
	return token{}, l.errorf(l.pos, "unknown error value (known: #DIV/0!, #N/A, #NAME?, #NULL!, #NUM!, #REF!, #VALUE! and the like)")
}

// quotedSheet reads 'Sheet name'! (a doubled quote stands for one) and the
// reference after it.
func (l *lexer) quotedSheet() (token, error) {
	start := l.pos
	var b strings.Builder
	i := start + 1
	for {
		j := strings.IndexByte(l.src[i:], '\'')
		if j < 0 {
			return token{}, l.errorf(start, "the sheet name starting here has no closing quote")
		}
		b.WriteString(l.src[i : i+j])
		i += j + 1
		if l.at(i) != '\'' {
			break
		}
		b.WriteByte('\'')
		i++
	}
	if b.Len() == 0 {
		return token{}, l.errorf(start, "empty sheet name")
	}
	if l.at(i) != '!' {
		return token{}, l.errorf(i, "expected '!' after the quoted sheet name")
	}
	l.pos = i + 1
	return l.afterSheet(start, b.String())
}

// bracket reads what starts with '[': another workbook's reference
// ("[1]Sheet1!A1") or a structured reference inside a table ("[@Amount]").
func (l *lexer) bracket() (token, error) {
	start := l.pos
	end, err := l.skipBrackets(start)
	if err != nil {
		return token{}, err
	}
	if k := l.scanName(end); l.at(k) == '!' {
		l.pos = k + 1
		return l.afterSheet(start, l.src[start:k])
	}
	l.pos = end
	return token{kind: tStruct, pos: start, text: l.src[start:end]}, nil
}

// skipBrackets returns the offset after the ']' that closes the '[' at i.
// Inside, a "'" makes the next character plain, as in structured references.
func (l *lexer) skipBrackets(i int) (int, error) {
	depth := 0
	for j := i; j < len(l.src); j++ {
		switch l.src[j] {
		case '\'':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, l.errorf(i, "'[' without its ']'")
}

// word reads a token that starts with a digit, '.', '$' or a letter: a
// number, a reference, a function name with its '(', a sheet name with the
// reference after it, TRUE or FALSE, a structured reference, or a defined name.
func (l *lexer) word() (token, error) {
	start := l.pos
	c := l.src[start]
	if isDigit(c) || c == '$' {
		if t, ok, err := l.refAt(start, start, ""); err != nil || ok {
			return t, err
		}
		if c == '$' {
			return token{}, l.errorf(start, "not a valid reference")
		}
	}
	if isDigit(c) || c == '.' {
		return l.number()
	}
	end := l.scanName(start)
	switch l.at(end) {
	case '(':
		l.pos = end + 1
		return token{kind: tFunc, pos: start, text: l.src[start:end]}, nil
	case '!':
		l.pos = end + 1
		return l.afterSheet(start, l.src[start:end])
	case ':': // Sheet1:Sheet3!A1, a reference through several sheets
		if k := l.scanName(end + 1); k > end+1 && l.at(k) == '!' {
			l.pos = k + 1
			return l.afterSheet(start, l.src[start:k])
		}
	}
	if t, ok, err := l.refAt(start, start, ""); err != nil || ok {
		return t, err
	}
	word := l.src[start:end]
	if strings.EqualFold(word, "TRUE") || strings.EqualFold(word, "FALSE") {
		l.pos = end
		return token{kind: tBool, pos: start, text: strings.ToUpper(word)}, nil
	}
	if l.at(end) == '[' {
		e, err := l.skipBrackets(end)
		if err != nil {
			return token{}, err
		}
		l.pos = e
		return token{kind: tStruct, pos: start, text: l.src[start:e]}, nil
	}
	l.pos = end
	return token{kind: tName, pos: start, text: word}, nil
}

// afterSheet reads what follows "Sheet!": a reference, #REF! or a name.
func (l *lexer) afterSheet(start int, sheet string) (token, error) {
	i := l.pos
	if l.at(i) == '#' {
		t, err := l.errorLit(start, sheet)
		if err == nil && t.text != codeRef {
			return token{}, l.errorf(i, "only #REF! may follow a sheet name")
		}
		return t, err
	}
	if t, ok, err := l.refAt(start, i, sheet); err != nil || ok {
		return t, err
	}
	if r, _ := utf8.DecodeRuneInString(l.src[i:]); i < len(l.src) && isNameStart(r) {
		end := l.scanName(i)
		if l.at(end) == '(' || l.at(end) == '[' || l.at(end) == '!' {
			return token{}, l.errorf(end, "unexpected %q after a sheet's name", l.src[end])
		}
		l.pos = end
		return token{kind: tName, pos: start, text: l.src[i:end], sheet: sheet}, nil
	}
	return token{}, l.errorf(i, "expected a reference after the sheet name")
}

// refAt reads a reference at i if there is one: A1, $A$1, A1:B5, C:C or 2:3.
// start is where the token begins. It reports false, and reads nothing, if
// the text at i is not a reference; an error if it is one beyond the sheet.
func (l *lexer) refAt(start, i int, sheet string) (token, bool, error) {
	t := token{kind: tRef, pos: start}
	t.ref.sheet = sheet
	r := &t.ref
	if a, ok := matchCell(l.src, i); ok {
		if l.at(a.end) == ':' {
			if b, ok := matchCell(l.src, a.end+1); ok && l.boundary(b.end) {
				if err := l.checkCell(i, a); err != nil {
					return token{}, false, err
				}
				if err := l.checkCell(a.end+1, b); err != nil {
					return token{}, false, err
				}
				r.kind = refArea
				r.r1, r.ar1, r.c1, r.ac1 = a.row, a.absRow, a.col, a.absCol
				r.r2, r.ar2, r.c2, r.ac2 = b.row, b.absRow, b.col, b.absCol
				l.pos = b.end
				return t, true, nil
			}
		}
		if l.boundary(a.end) {
			if err := l.checkCell(i, a); err != nil {
				return token{}, false, err
			}
			r.kind = refCell
			r.r1, r.ar1, r.c1, r.ac1 = a.row, a.absRow, a.col, a.absCol
			l.pos = a.end
			return t, true, nil
		}
	}
	if a, ok := matchCol(l.src, i); ok && l.at(a.end) == ':' {
		if b, ok := matchCol(l.src, a.end+1); ok && l.boundary(b.end) {
			for _, p := range []part{a, b} {
				if p.col > MaxCol {
					return token{}, false, l.errorf(i, "column %s is beyond the sheet's last column XFD", p.colText)
				}
			}
			r.kind = refCols
			r.c1, r.ac1, r.c2, r.ac2 = a.col, a.absCol, b.col, b.absCol
			l.pos = b.end
			return t, true, nil
		}
	}
	if a, ok := matchRow(l.src, i); ok && l.at(a.end) == ':' {
		if b, ok := matchRow(l.src, a.end+1); ok && l.boundary(b.end) {
			for _, p := range []part{a, b} {
				if err := l.checkRow(i, p); err != nil {
					return token{}, false, err
				}
			}
			r.kind = refRows
			r.r1, r.ar1, r.r2, r.ar2 = a.row, a.absRow, b.row, b.absRow
			l.pos = b.end
			return t, true, nil
		}
	}
	return token{}, false, nil
}

// boundary reports whether a reference may end at i: what follows cannot
// continue a name, a function or a sheet name.
func (l *lexer) boundary(i int) bool {
	if i >= len(l.src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(l.src[i:])
	return !isNameChar(r) && r != '(' && r != '!' && r != '['
}

func (l *lexer) checkCell(i int, p part) error {
	if p.col > MaxCol {
		return l.errorf(i, "column %s is beyond the sheet's last column XFD", p.colText)
	}
	return l.checkRow(i, p)
}

func (l *lexer) checkRow(i int, p part) error {
	if p.row < 1 {
		return l.errorf(i, "row %s does not exist (rows start at 1)", p.rowText)
	}
	if p.row > MaxRow {
		return l.errorf(i, "row %s is beyond the sheet's last row %d", p.rowText, MaxRow)
	}
	return nil
}

// part is a matched column, row or cell address.
type part struct {
	end              int
	col, row         int
	absCol, absRow   bool
	text             string
	colText, rowText string
}

// matchCol matches $?[A-Za-z]{1,3} at i (a longer run of letters is a name).
func matchCol(s string, i int) (part, bool) {
	p := part{}
	j := i
	if j < len(s) && s[j] == '$' {
		p.absCol = true
		j++
	}
	k := j
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	if k == j || k-j > 3 {
		return part{}, false
	}
	for _, c := range s[j:k] {
		p.col = p.col*26 + int(unicode.ToUpper(c)-'A'+1)
	}
	p.end, p.text, p.colText = k, s[i:k], s[j:k]
	return p, true
}

// matchRow matches $?[0-9]+ at i; a row number past the sheet's end is kept
// as MaxRow+1, so that a huge one cannot overflow.
func matchRow(s string, i int) (part, bool) {
	p := part{}
	j := i
	if j < len(s) && s[j] == '$' {
		p.absRow = true
		j++
	}
	k := j
	for k < len(s) && isDigit(s[k]) {
		if p.row <= MaxRow {
			p.row = p.row*10 + int(s[k]-'0')
		}
		k++
	}
	if k == j {
		return part{}, false
	}
	p.row = min(p.row, MaxRow+1)
	p.end, p.text, p.rowText = k, s[i:k], s[j:k]
	return p, true
}

// matchCell matches a column then a row: $A$1, A1, $A1, A$1.
func matchCell(s string, i int) (part, bool) {
	c, ok := matchCol(s, i)
	if !ok {
		return part{}, false
	}
	r, ok := matchRow(s, c.end)
	if !ok {
		return part{}, false
	}
	c.row, c.absRow, c.rowText = r.row, r.absRow, r.rowText
	c.end, c.text = r.end, s[i:r.end]
	return c, true
}

// number reads 1, 1.5, .5, 1., 1E+3, 1.5e-3 exactly.
func (l *lexer) number() (token, error) {
	start := l.pos
	s := l.src
	i := start
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intPart := s[start:i]
	fracPart := ""
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		fracPart = s[j:i]
	}
	if intPart == "" && fracPart == "" {
		return token{}, l.errorf(start, "a number needs digits")
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		neg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			neg = s[j] == '-'
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			if exp <= maxExponent {
				exp = exp*10 + int(s[k]-'0')
			}
			k++
		}
		if k > j { // else the E is not part of the number
			if exp > maxExponent {
				return token{}, l.errorf(start, "the number %s is beyond Excel's range", clip(s[start:k], 30))
			}
			if neg {
				exp = -exp
			}
			i = k
		}
	}
	m, _ := new(big.Int).SetString(intPart+fracPart, 10)
	v := new(big.Rat).SetInt(m)
	if scale := exp - len(fracPart); scale > 0 {
		v.Mul(v, new(big.Rat).SetInt(pow10(scale)))
	} else if scale < 0 {
		v.Quo(v, new(big.Rat).SetInt(pow10(-scale)))
	}
	if !inRange(v) {
		return token{}, l.errorf(start, "the number %s is beyond Excel's range", clip(s[start:i], 30))
	}
	l.pos = i
	return token{kind: tNumber, pos: start, text: s[start:i], num: v}, nil
}

// scanName returns the offset after the run of name characters at i.
func (l *lexer) scanName(i int) int {
	for i < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[i:])
		if !isNameChar(r) {
			break
		}
		i += size
	}
	return i
}

func isSpace(c byte) bool       { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool       { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isNameStart(r rune) bool {
	return unicode.IsLetter(r) || r == '_' || r == '\\'
}

func isNameChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
		r == '_' || r == '.' || r == '?' || r == '\\'
}
