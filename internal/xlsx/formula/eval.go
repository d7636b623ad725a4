package formula

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Cells gives the evaluator the workbook's cells.
//
// Cell returns a referenced cell's value; the caller evaluates formula cells
// recursively and detects cycles itself. A blank cell is the zero Value. An
// error from Cell aborts evaluation and Eval returns it as is.
//
// Range calls each for every non-blank cell of the rectangle r1..r2 × c1..c2
// (1-based, inclusive, r1 <= r2, c1 <= c2), in row-major order. A
// whole-column reference such as C:C comes as rows 1..MaxRow, a whole-row
// reference such as 2:3 as columns 1..MaxCol. If each returns an error,
// Range stops and returns it (wrapped is fine); Range's own errors abort
// evaluation like Cell's.
//
// The sheet is the name as the formula writes it (without quotes), or the
// sheet passed to Eval where the formula names none. Excel compares sheet
// names without regard to case; Cells should too.
type Cells interface {
	Cell(ref Ref) (Value, error)
	Range(sheet string, r1, c1, r2, c2 int, each func(Ref, Value) error) error
}

// Eval evaluates the formula of a cell on the sheet named sheet, exactly.
//
// The result is never Blank: a formula that yields a blank cell's value (=A1
// with A1 empty) yields 0, as Excel shows it. An Excel error value (#DIV/0!,
// #N/A…) is a Value of Kind Error, not a Go error. The Go error is an
// *Unsupported for what cannot be computed exactly or is not implemented,
// or an error from cells, returned as is.
func (e *Expr) Eval(sheet string, cells Cells) (Value, error) {
	if e == nil || e.root == nil {
		return Value{}, errors.New("formula: nothing to evaluate")
	}
	if cells == nil {
		return Value{}, errors.New("formula: no cells to evaluate against")
	}
	ev := &evaluator{sheet: sheet, cells: cells}
	v, err := ev.scalarOf(e.root, e.root)
	if err != nil {
		return Value{}, err
	}
	switch v.Kind {
	case Blank:
		return NumberValue(new(big.Rat)), nil
	case Number: // a copy: the caller may change it, and it may be a literal's
		return NumberValue(new(big.Rat).Set(v.Num)), nil
	}
	return v, nil
}

type evaluator struct {
	sheet string
	cells Cells
}

// operand is what a part of a formula evaluates to: a value, or a reference
// that a function such as SUM reads as a range.
type operand struct {
	ref *area // nil for a value
	val Value
}

// area is a rectangle of cells on one sheet; the sheet is resolved.
type area struct {
	sheet          string
	r1, c1, r2, c2 int
}

func (a *area) single() bool { return a.r1 == a.r2 && a.c1 == a.c2 }

// text writes the area for a message, naming its sheet if it is not own.
func (a *area) text(own string) string {
	sheet := a.sheet
	if sheet == own {
		sheet = ""
	}
	s := Ref{Sheet: sheet, Row: a.r1, Col: a.c1}.String()
	if a.single() {
		return s
	}
	var b strings.Builder
	writeCol(&b, a.c2, false)
	writeRow(&b, a.r2, false)
	return s + ":" + b.String()
}

func valueOf(v Value) operand { return operand{val: v} }

// excelError carries an Excel error value out of a helper. eval turns it
// back into a Value at every node, so it never leaves the evaluator.
type excelError struct{ code string }

func (e excelError) Error() string { return e.code }

// eval evaluates one node.
func (ev *evaluator) eval(n node) (operand, error) {
	op, err := ev.evalNode(n)
	if xe, ok := err.(excelError); ok {
		return valueOf(ErrorValue(xe.code)), nil
	}
	return op, err
}

func (ev *evaluator) evalNode(n node) (operand, error) {
	switch n := n.(type) {
	case *numberNode:
		return valueOf(NumberValue(n.val)), nil // never changed: results are new Rats
	case *stringNode:
		return valueOf(TextValue(n.s)), nil
	case *boolNode:
		return valueOf(BoolValue(n.b)), nil
	case *errorNode:
		return valueOf(ErrorValue(n.code)), nil
	case *refNode:
		a, err := ev.area(n)
		return operand{ref: a}, err
	case *parenNode:
		return ev.eval(n.x) // (A1:A3) is still a reference
	case *unaryNode:
		return ev.unary(n)
	case *percentNode:
		x, err := ev.numberOf(n.x, n, "a percentage")
		if err != nil {
			return operand{}, err
		}
		return ev.result(new(big.Rat).Quo(x, big.NewRat(100, 1)), n)
	case *binaryNode:
		return ev.binary(n)
	case *callNode:
		return ev.call(n)
	case *nameNode:
		return operand{}, unsupported("the defined name %s", clip(text(n), 60))
	case *structNode:
		return operand{}, unsupported("the table reference %s", clip(n.text, 60))
	case *unionNode:
		return operand{}, unsupported("%s: the union of references (a list in parentheses)", clip(text(n), 60))
	case *arrayNode:
		return operand{}, unsupported("the array constant %s", clip(text(n), 60))
	case *missingNode:
		return operand{}, unsupported("an empty argument")
	}
	return operand{}, fmt.Errorf("formula: unknown node %T", n)
}

// area resolves a reference to the rectangle it covers.
func (ev *evaluator) area(n *refNode) (*area, error) {
	if strings.ContainsAny(n.sheet, "[]") {
		return nil, unsupported("%s: a reference to another workbook", clip(text(n), 60))
	}
	if strings.Contains(n.sheet, ":") {
		return nil, unsupported("%s: a reference through several sheets", clip(text(n), 60))
	}
	a := &area{sheet: n.sheet}
	if a.sheet == "" {
		a.sheet = ev.sheet
	}
	switch n.kind {
	case refCell:
		a.r1, a.c1, a.r2, a.c2 = n.r1, n.c1, n.r1, n.c1
	case refArea: // B2:A1 is A1:B2
		a.r1, a.r2 = min(n.r1, n.r2), max(n.r1, n.r2)
		a.c1, a.c2 = min(n.c1, n.c2), max(n.c1, n.c2)
	case refCols:
		a.r1, a.r2 = 1, MaxRow
		a.c1, a.c2 = min(n.c1, n.c2), max(n.c1, n.c2)
	case refRows:
		a.r1, a.r2 = min(n.r1, n.r2), max(n.r1, n.r2)
		a.c1, a.c2 = 1, MaxCol
	}
	return a, nil
}

// scalar turns an operand into one value: a one-cell reference into the
// cell's value. A larger range is refused: Excel would pick the cell in the
// formula's own row or column (implicit intersection), or spill an array.
// ctx is the part of the formula that needs the value, for the message.
func (ev *evaluator) scalar(op operand, ctx node) (Value, error) {
	if op.ref == nil {
		return op.val, nil
	}
	if !op.ref.single() {
		return Value{}, unsupported("%s: the range %s where one value is needed", clip(text(ctx), 60), op.ref.text(ev.sheet))
	}
	ref := Ref{Sheet: op.ref.sheet, Row: op.ref.r1, Col: op.ref.c1}
	v, err := ev.cells.Cell(ref)
	if err != nil {
		return Value{}, err
	}
	return v, checkValue(ref, v)
}

// scalarOf evaluates n to one value; ctx is for messages.
func (ev *evaluator) scalarOf(n, ctx node) (Value, error) {
	op, err := ev.eval(n)
	if err != nil {
		return Value{}, err
	}
	return ev.scalar(op, ctx)
}

// cellsIn calls each for the non-blank cells of a, stopping at its first error.
func (ev *evaluator) cellsIn(a *area, each func(Value) error) error {
	var stop error
	err := ev.cells.Range(a.sheet, a.r1, a.c1, a.r2, a.c2, func(ref Ref, v Value) error {
		if stop != nil {
			return stop
		}
		if stop = checkValue(ref, v); stop != nil {
			return stop
		}
		if v.Kind == Blank {
			return nil
		}
		stop = each(v)
		return stop
	})
	if stop != nil {
		return stop
	}
	return err
}

// checkValue refuses a Value that Cells should not have made.
func checkValue(ref Ref, v Value) error {
	switch v.Kind {
	case Blank, Text, Bool:
		return nil
	case Number:
		if v.Num == nil {
			return fmt.Errorf("formula: cell %s: a number without its value", ref)
		}
		return nil
	case Error:
		if !strings.HasPrefix(v.Text, "#") {
			return fmt.Errorf("formula: cell %s: error value %q is not an Excel error code", ref, v.Text)
		}
		return nil
	}
	return fmt.Errorf("formula: cell %s: unknown kind of value %d", ref, v.Kind)
}

// number converts a value to a number as Excel's operators do: blank is 0,
// TRUE and FALSE are 1 and 0, an error value propagates. Text is refused:
// Excel would read "5" or "1,5" as a number by the language settings.
// what names the operation for the message ("an addition").
func number(v Value, ctx node, what string) (*big.Rat, error) {
	switch v.Kind {
	case Number:
		return v.Num, nil
	case Blank:
		return new(big.Rat), nil
	case Bool:
		return boolNumber(v.Bool), nil
	case Error:
		return nil, excelError{v.Text}
	}
	return nil, unsupported("%s: text %s used as a number in %s", clip(text(ctx), 60), quoteText(v.Text), what)
}

func (ev *evaluator) numberOf(n, ctx node, what string) (*big.Rat, error) {
	v, err := ev.scalarOf(n, ctx)
	if err != nil {
		return nil, err
	}
	return number(v, ctx, what)
}

func boolNumber(b bool) *big.Rat {
	if b {
		return big.NewRat(1, 1)
	}
	return new(big.Rat)
}

// result returns x as the value of n, if Excel can hold it.
func (ev *evaluator) result(x *big.Rat, n node) (operand, error) {
	if !inRange(x) {
		return operand{}, rangeError(x, n)
	}
	return valueOf(NumberValue(x)), nil
}

func rangeError(x *big.Rat, n node) error {
	if x.Sign() != 0 && new(big.Rat).Abs(x).Cmp(maxMagnitude) < 0 {
		return unsupported("%s: a result too close to zero for Excel (below 2.2E-308)", clip(text(n), 60))
	}
	return unsupported("%s: a result beyond Excel's number range (about 1.8E+308)", clip(text(n), 60))
}

func (ev *evaluator) unary(n *unaryNode) (operand, error) {
	v, err := ev.scalarOf(n.x, n)
	if err != nil {
		return operand{}, err
	}
	if n.op == '+' { // Excel's unary plus changes nothing, not even text
		return valueOf(v), nil
	}
	x, err := number(v, n, "a negation")
	if err != nil {
		return operand{}, err
	}
	return valueOf(NumberValue(new(big.Rat).Neg(x))), nil
}

var arithmeticWords = map[string]string{
	"+": "an addition", "-": "a subtraction", "*": "a multiplication", "/": "a division", "^": "a power",
}

func (ev *evaluator) binary(n *binaryNode) (operand, error) {
	switch n.op {
	case "+", "-", "*", "/", "^":
		return ev.arithmetic(n)
	case "=", "<>", "<", ">", "<=", ">=":
		return ev.comparison(n)
	case ":":
		return ev.rangeOp(n)
	case "&":
		return operand{}, unsupported("%s: joining texts with &", clip(text(n), 60))
	case " ":
		return operand{}, unsupported("%s: the intersection of ranges (a space between references)", clip(text(n), 60))
	}
	return operand{}, fmt.Errorf("formula: unknown operator %q", n.op)
}

// arithmetic evaluates + - * / ^. The left operand comes first: its error
// value wins, and the right operand is not looked at.
func (ev *evaluator) arithmetic(n *binaryNode) (operand, error) {
	what := arithmeticWords[n.op]
	x, err := ev.numberOf(n.l, n, what)
	if err != nil {
		return operand{}, err
	}
	y, err := ev.numberOf(n.r, n, what)
	if err != nil {
		return operand{}, err
	}
	z := new(big.Rat)
	switch n.op {
	case "+":
		z.Add(x, y)
	case "-":
		z.Sub(x, y)
	case "*":
		z.Mul(x, y)
	case "/":
		if y.Sign() == 0 {
			return operand{}, excelError{codeDiv0}
		}
		z.Quo(x, y)
	case "^":
		if z, err = power(x, y, n); err != nil {
			return operand{}, err
		}
	}
	return ev.result(z, n)
}

// maxPowerBits bounds the size of an exact power's numerator and denominator
// together. Within Excel's range only a base very near 1 can need more, and
// such a power ((1+1/1000)^100000) is refused rather than built.
const maxPowerBits = 1 << 16

// power computes x^y for a whole y. Excel gives #NUM! for 0^0 and #DIV/0! for
// 0 to a negative power. A fractional exponent has no exact result in general
// and is refused.
func power(x, y *big.Rat, n node) (*big.Rat, error) {
	if !y.IsInt() {
		return nil, unsupported("%s: a power with a fraction (%s^%s)", clip(text(n), 60), formatRat(x), formatRat(y))
	}
	e := y.Num()
	switch {
	case x.Sign() == 0 && e.Sign() == 0:
		return nil, excelError{codeNum}
	case x.Sign() == 0 && e.Sign() < 0:
		return nil, excelError{codeDiv0}
	case x.Sign() == 0:
		return new(big.Rat), nil
	case e.Sign() == 0:
		return big.NewRat(1, 1), nil
	case x.Num().CmpAbs(x.Denom()) == 0: // 1 or -1
		if x.Sign() < 0 && e.Bit(0) == 1 {
			return big.NewRat(-1, 1), nil
		}
		return big.NewRat(1, 1), nil
	}
	bits := int64(x.Num().BitLen() + x.Denom().BitLen())
	if e.BitLen() > 32 || bits*new(big.Int).Abs(e).Int64() > maxPowerBits {
		return nil, unsupported("%s: a power too large to compute exactly (%s^%s)", clip(text(n), 60), clip(formatRat(x), 30), clip(e.String(), 30))
	}
	abs := new(big.Int).Abs(e)
	num := new(big.Int).Exp(x.Num(), abs, nil)
	den := new(big.Int).Exp(x.Denom(), abs, nil)
	if e.Sign() < 0 {
		num, den = den, num
	}
	return new(big.Rat).SetFrac(num, den), nil
}

// comparison evaluates = <> < > <= >= as Excel does: a blank against a
// number is 0, against text "", against a boolean FALSE; different kinds
// order number < text < boolean; texts compare without regard to case.
func (ev *evaluator) comparison(n *binaryNode) (operand, error) {
	l, err := ev.scalarOf(n.l, n)
	if err != nil {
		return operand{}, err
	}
	if l.Kind == Error {
		return valueOf(l), nil
	}
	r, err := ev.scalarOf(n.r, n)
	if err != nil {
		return operand{}, err
	}
	if r.Kind == Error {
		return valueOf(r), nil
	}
	c, err := compare(l, r, n.op == "=" || n.op == "<>", n)
	if err != nil {
		return operand{}, err
	}
	var b bool
	switch n.op {
	case "=":
		b = c == 0
	case "<>":
		b = c != 0
	case "<":
		b = c < 0
	case ">":
		b = c > 0
	case "<=":
		b = c <= 0
	case ">=":
		b = c >= 0
	}
	return valueOf(BoolValue(b)), nil
}

func compare(l, r Value, equality bool, ctx node) (int, error) {
	if l.Kind == Blank && r.Kind == Blank {
		return 0, nil
	}
	if l.Kind == Blank {
		l = zeroOf(r.Kind)
	}
	if r.Kind == Blank {
		r = zeroOf(l.Kind)
	}
	if l.Kind != r.Kind {
		return kindRank(l.Kind) - kindRank(r.Kind), nil
	}
	switch l.Kind {
	case Number:
		return l.Num.Cmp(r.Num), nil
	case Bool:
		return boolInt(l.Bool) - boolInt(r.Bool), nil
	}
	return compareText(l.Text, r.Text, equality, ctx)
}

// kindRank orders values of different kinds: number < text < boolean.
func kindRank(k Kind) int {
	switch k {
	case Number:
		return 0
	case Text:
		return 1
	}
	return 2
}

func zeroOf(k Kind) Value {
	switch k {
	case Number:
		return NumberValue(new(big.Rat))
	case Text:
		return TextValue("")
	}
	return BoolValue(false)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareText compares two texts as Excel does where Excel's answer does not
// depend on its language settings. Equality ignores case; it is decided for
// English and Russian letters, digits, spaces and ASCII punctuation. Order is
// decided only for English letters, digits and spaces: Excel sorts the rest
// (hyphens, apostrophes, accents, other alphabets) by the language settings.
func compareText(a, b string, equality bool, ctx node) (int, error) {
	if a == b {
		return 0, nil
	}
	if equality {
		if !foldable(a) || !foldable(b) {
			return 0, unsupported("%s: comparing the texts %s and %s (only English and Russian letters, digits, spaces and punctuation are compared exactly)",
				clip(text(ctx), 60), quoteText(a), quoteText(b))
		}
		if strings.EqualFold(a, b) {
			return 0, nil
		}
		return 1, nil
	}
	if !orderable(a) || !orderable(b) {
		return 0, unsupported("%s: ordering the texts %s and %s (Excel orders anything but English letters, digits and spaces by its language settings)",
			clip(text(ctx), 60), quoteText(a), quoteText(b))
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b)), nil
}

// foldable: printable ASCII and the Russian alphabet.
func foldable(s string) bool {
	for _, r := range s {
		ok := r >= 0x20 && r <= 0x7e || r >= 'А' && r <= 'я' || r == 'Ё' || r == 'ё'
		if !ok {
			return false
		}
	}
	return true
}

// orderable: English letters, digits and spaces.
func orderable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && !isDigit(c) && c != ' ' {
			return false
		}
	}
	return true
}

// rangeOp evaluates the range operator between references on one sheet: the
// smallest rectangle holding both.
func (ev *evaluator) rangeOp(n *binaryNode) (operand, error) {
	l, err := ev.eval(n.l)
	if err != nil {
		return operand{}, err
	}
	if l.ref == nil && l.val.Kind == Error {
		return l, nil
	}
	r, err := ev.eval(n.r)
	if err != nil {
		return operand{}, err
	}
	if r.ref == nil && r.val.Kind == Error {
		return r, nil
	}
	if l.ref == nil || r.ref == nil {
		return operand{}, unsupported("%s: the range operator ':' on something that is not a reference", clip(text(n), 60))
	}
	if l.ref.sheet != r.ref.sheet {
		return operand{}, unsupported("%s: a range from one sheet to another", clip(text(n), 60))
	}
	return operand{ref: &area{
		sheet: l.ref.sheet,
		r1:    min(l.ref.r1, r.ref.r1), c1: min(l.ref.c1, r.ref.c1),
		r2: max(l.ref.r2, r.ref.r2), c2: max(l.ref.c2, r.ref.c2),
	}}, nil
}

// Excel's numbers are IEEE doubles: the largest is (2^53-1)·2^971, about
// 1.8E+308, and the smallest normal one 2^-1022, about 2.2E-308. A result
// outside is refused: Excel would give #NUM! or round it to 0.
var (
	maxMagnitude = new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1<<53-1), 971))
	minMagnitude = new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 1022))
	negMax       = new(big.Rat).Neg(maxMagnitude)
	negMin       = new(big.Rat).Neg(minMagnitude)
)

func inRange(x *big.Rat) bool {
	switch x.Sign() {
	case 0:
		return true
	case 1:
		return x.Cmp(maxMagnitude) <= 0 && x.Cmp(minMagnitude) >= 0
	}
	return x.Cmp(negMax) >= 0 && x.Cmp(negMin) <= 0
}

// pow10 returns 10^n for n >= 0.
func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
