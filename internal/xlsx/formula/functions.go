package formula

import (
	"fmt"
	"math/big"
)

// call evaluates a function. Anything not listed here is refused, with its
// arguments left unevaluated.
func (ev *evaluator) call(c *callNode) (operand, error) {
	switch c.name {
	case "SUM", "PRODUCT", "MIN", "MAX", "AVERAGE":
		return ev.aggregate(c)
	case "COUNT":
		return ev.count(c, false)
	case "COUNTA":
		return ev.count(c, true)
	case "ABS", "INT":
		return ev.oneNumber(c)
	case "MOD":
		return ev.mod(c)
	case "ROUND", "ROUNDUP", "ROUNDDOWN":
		return ev.round(c)
	case "IF":
		return ev.ifCall(c)
	case "IFERROR":
		return ev.ifError(c)
	case "AND", "OR":
		return ev.andOr(c)
	case "NOT":
		return ev.not(c)
	case "N":
		return ev.n(c)
	case "TRUE", "FALSE":
		if err := arity(c, 0, 0); err != nil {
			return operand{}, err
		}
		return valueOf(BoolValue(c.name == "TRUE")), nil
	}
	return operand{}, unsupported("the function %s", c.name)
}

// arity refuses a call with too few or too many arguments. Excel does not
// let one be entered; only a program can have written it.
func arity(c *callNode, lo, hi int) error {
	n := len(c.args)
	if n >= lo && n <= hi {
		return nil
	}
	want := fmt.Sprintf("%d to %d", lo, hi)
	if lo == hi {
		want = fmt.Sprint(lo)
	}
	args := "arguments"
	if n == 1 {
		args = "argument"
	}
	return unsupported("%s with %d %s (it takes %s)", c.name, n, args, want)
}

func isMissing(n node) bool {
	_, ok := n.(*missingNode)
	return ok
}

func emptyArgument(c *callNode) error {
	return unsupported("%s: an empty argument to %s", clip(text(c), 60), c.name)
}

// scalarArg evaluates argument i to one value.
func (ev *evaluator) scalarArg(c *callNode, i int) (Value, error) {
	if isMissing(c.args[i]) {
		return Value{}, emptyArgument(c)
	}
	return ev.scalarOf(c.args[i], c)
}

// numberArg evaluates argument i to a number as ABS or ROUND take it: blank
// is 0, TRUE and FALSE 1 and 0, an error value propagates, text is refused.
func (ev *evaluator) numberArg(c *callNode, i int) (*big.Rat, error) {
	v, err := ev.scalarArg(c, i)
	if err != nil {
		return nil, err
	}
	return number(v, c, "the function "+c.name)
}

// eachNumber walks the arguments of SUM, PRODUCT, MIN, MAX and AVERAGE as
// Excel does. In a reference (a range, a whole column, or one cell) only
// numbers count; text, booleans and blanks are skipped. A number or boolean
// given directly counts (TRUE as 1). Text given directly is refused: Excel
// would read "5" as a number by the language settings. The first error
// value, in the arguments' order and a range's rows, is the result.
func (ev *evaluator) eachNumber(c *callNode, visit func(*big.Rat) error) error {
	return ev.eachArg(c, func(v Value) error {
		switch v.Kind {
		case Number:
			return visit(v.Num)
		case Error:
			return excelError{v.Text}
		}
		return nil
	}, func(v Value) error {
		switch v.Kind {
		case Number:
			return visit(v.Num)
		case Bool:
			return visit(boolNumber(v.Bool))
		case Text:
			return directText(c, v)
		case Error:
			return excelError{v.Text}
		}
		return nil
	})
}

// eachArg evaluates the arguments of c in order: inRef is called for each
// non-blank cell of a reference, direct for a value given directly. An
// empty argument is refused; the first error stops the walk.
func (ev *evaluator) eachArg(c *callNode, inRef, direct func(Value) error) error {
	for _, arg := range c.args {
		if isMissing(arg) {
			return emptyArgument(c)
		}
		op, err := ev.eval(arg)
		if err != nil {
			return err
		}
		if op.ref != nil {
			err = ev.cellsIn(op.ref, inRef)
		} else {
			err = direct(op.val)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func directText(c *callNode, v Value) error {
	return unsupported("%s: text %s given to %s directly (Excel would read it as a number by its language settings)",
		clip(text(c), 60), quoteText(v.Text), c.name)
}

// aggregate computes SUM, PRODUCT, MIN, MAX and AVERAGE. With no numbers at
// all SUM, PRODUCT, MIN and MAX give 0, AVERAGE #DIV/0!. Every partial sum
// and product must stay in Excel's range, as it would in Excel.
func (ev *evaluator) aggregate(c *callNode) (operand, error) {
	if err := arity(c, 1, maxArgs); err != nil {
		return operand{}, err
	}
	var acc *big.Rat
	count := 0
	err := ev.eachNumber(c, func(x *big.Rat) error {
		count++
		if acc == nil {
			acc = new(big.Rat).Set(x)
			return nil
		}
		switch c.name {
		case "SUM", "AVERAGE":
			acc.Add(acc, x)
		case "PRODUCT":
			acc.Mul(acc, x)
		case "MIN":
			if x.Cmp(acc) < 0 {
				acc.Set(x)
			}
		case "MAX":
			if x.Cmp(acc) > 0 {
				acc.Set(x)
			}
		}
		if !inRange(acc) {
			return rangeError(acc, c)
		}
		return nil
	})
	if err != nil {
		return operand{}, err
	}
	if count == 0 {
		if c.name == "AVERAGE" {
			return valueOf(ErrorValue(codeDiv0)), nil
		}
		return valueOf(NumberValue(new(big.Rat))), nil
	}
	if c.name == "AVERAGE" {
		acc.Quo(acc, new(big.Rat).SetInt64(int64(count)))
	}
	return ev.result(acc, c)
}

// count computes COUNT and COUNTA. COUNT counts the numbers in references,
// and the numbers and booleans given directly; error values are not
// counted and do not propagate; text given directly is refused (Excel
// counts it if it reads as a number by the language settings). COUNTA
// counts every non-blank cell of the references and every value given
// directly, error values included.
func (ev *evaluator) count(c *callNode, all bool) (operand, error) {
	if err := arity(c, 1, maxArgs); err != nil {
		return operand{}, err
	}
	n := 0
	err := ev.eachArg(c, func(v Value) error {
		if all || v.Kind == Number {
			n++
		}
		return nil
	}, func(v Value) error {
		switch k := v.Kind; {
		case all:
			if k != Blank {
				n++
			}
		case k == Number, k == Bool:
			n++
		case k == Text:
			return directText(c, v)
		}
		return nil
	})
	if err != nil {
		return operand{}, err
	}
	return valueOf(NumberValue(big.NewRat(int64(n), 1))), nil
}

// oneNumber computes ABS and INT (rounding down, toward minus infinity).
func (ev *evaluator) oneNumber(c *callNode) (operand, error) {
	if err := arity(c, 1, 1); err != nil {
		return operand{}, err
	}
	x, err := ev.numberArg(c, 0)
	if err != nil {
		return operand{}, err
	}
	if c.name == "ABS" {
		return valueOf(NumberValue(new(big.Rat).Abs(x))), nil
	}
	return valueOf(NumberValue(new(big.Rat).SetInt(floor(x)))), nil
}

// floor returns the largest integer not above x.
func floor(x *big.Rat) *big.Int {
	// A Rat's denominator is positive, and Euclidean division leaves a
	// remainder that is not negative: its quotient is the floor.
	q, _ := new(big.Int).DivMod(x.Num(), x.Denom(), new(big.Int))
	return q
}

// modQuotientLimit: Excel's MOD gives #NUM! when number/divisor reaches 2^27
// in some versions and not in others; such a MOD is refused.
var modQuotientLimit = big.NewRat(1<<27, 1)

// mod computes MOD(n, d) = n - d·INT(n/d): the result has the divisor's sign.
func (ev *evaluator) mod(c *callNode) (operand, error) {
	if err := arity(c, 2, 2); err != nil {
		return operand{}, err
	}
	n, err := ev.numberArg(c, 0)
	if err != nil {
		return operand{}, err
	}
	d, err := ev.numberArg(c, 1)
	if err != nil {
		return operand{}, err
	}
	if d.Sign() == 0 {
		return valueOf(ErrorValue(codeDiv0)), nil
	}
	q := new(big.Rat).Quo(n, d)
	if new(big.Rat).Abs(q).Cmp(modQuotientLimit) >= 0 {
		return operand{}, unsupported("%s: MOD of a number 134217728 or more times its divisor (Excel's result depends on its version)", clip(text(c), 60))
	}
	r := new(big.Rat).Mul(d, new(big.Rat).SetInt(floor(q)))
	return ev.result(r.Sub(n, r), c)
}

// maxRoundDigits bounds ROUND's digits, far past any double's precision.
const maxRoundDigits = 1100

// round computes ROUND (half away from zero), ROUNDUP (away from zero) and
// ROUNDDOWN (toward zero) to a number of digits after the decimal point;
// negative digits round to tens, hundreds… (ROUND(1250,-2) = 1300). A
// fractional number of digits is truncated toward zero, as Excel does.
func (ev *evaluator) round(c *callNode) (operand, error) {
	if err := arity(c, 2, 2); err != nil {
		return operand{}, err
	}
	x, err := ev.numberArg(c, 0)
	if err != nil {
		return operand{}, err
	}
	d, err := ev.numberArg(c, 1)
	if err != nil {
		return operand{}, err
	}
	digits := new(big.Int).Quo(d.Num(), d.Denom()) // toward zero
	if digits.CmpAbs(big.NewInt(maxRoundDigits)) > 0 {
		return operand{}, unsupported("%s: rounding to %s digits", clip(text(c), 60), clip(digits.String(), 30))
	}
	return ev.result(roundTo(x, int(digits.Int64()), c.name), c)
}

// roundTo rounds x to digits decimal places in the mode of the function
// named: ROUND, ROUNDUP or ROUNDDOWN.
func roundTo(x *big.Rat, digits int, mode string) *big.Rat {
	scale := new(big.Rat).SetInt(pow10(abs(digits)))
	y := new(big.Rat)
	if digits >= 0 {
		y.Mul(x, scale)
	} else {
		y.Quo(x, scale)
	}
	neg := y.Sign() < 0
	y.Abs(y)
	q, r := new(big.Int).QuoRem(y.Num(), y.Denom(), new(big.Int))
	switch mode {
	case "ROUND": // half away from zero: up when the remainder is at least half
		if new(big.Int).Lsh(r, 1).Cmp(y.Denom()) >= 0 {
			q.Add(q, big.NewInt(1))
		}
	case "ROUNDUP":
		if r.Sign() != 0 {
			q.Add(q, big.NewInt(1))
		}
	}
	if neg {
		q.Neg(q)
	}
	z := new(big.Rat).SetInt(q)
	if digits >= 0 {
		return z.Quo(z, scale)
	}
	return z.Mul(z, scale)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// truth reads argument i as a condition: a number is TRUE unless 0, a blank
// is FALSE, an error value propagates. Text is refused: Excel reads "TRUE"
// and "FALSE" (and their translations, by the language settings) as
// booleans, and other text as #VALUE!.
func (ev *evaluator) truth(c *callNode, i int) (bool, error) {
	v, err := ev.scalarArg(c, i)
	if err != nil {
		return false, err
	}
	switch v.Kind {
	case Blank:
		return false, nil
	case Number:
		return v.Num.Sign() != 0, nil
	case Bool:
		return v.Bool, nil
	case Error:
		return false, excelError{v.Text}
	}
	return false, unsupported("%s: text %s used as TRUE or FALSE (Excel reads it by its language settings)", clip(text(c), 60), quoteText(v.Text))
}

// ifCall computes IF. Only the branch taken is evaluated, as in Excel; it may
// be a reference (SUM(IF(A1,B:B,C:C)) sums a column). A missing else is
// FALSE; an empty branch (IF(A1,,1)) is 0.
func (ev *evaluator) ifCall(c *callNode) (operand, error) {
	if err := arity(c, 2, 3); err != nil {
		return operand{}, err
	}
	cond, err := ev.truth(c, 0)
	if err != nil {
		return operand{}, err
	}
	i := 1
	if !cond {
		i = 2
	}
	switch {
	case i >= len(c.args):
		return valueOf(BoolValue(false)), nil
	case isMissing(c.args[i]):
		return valueOf(NumberValue(new(big.Rat))), nil
	}
	return ev.eval(c.args[i])
}

// ifError computes IFERROR(value, fallback). A blank cell's value is 0 here,
// as in Excel; an empty fallback is 0.
func (ev *evaluator) ifError(c *callNode) (operand, error) {
	if err := arity(c, 2, 2); err != nil {
		return operand{}, err
	}
	v, err := ev.scalarArg(c, 0)
	if err != nil {
		return operand{}, err
	}
	if v.Kind == Error {
		if isMissing(c.args[1]) {
			return valueOf(NumberValue(new(big.Rat))), nil
		}
		if v, err = ev.scalarArg(c, 1); err != nil {
			return operand{}, err
		}
	}
	if v.Kind == Blank {
		v = NumberValue(new(big.Rat))
	}
	return valueOf(v), nil
}

// andOr computes AND and OR. In references only numbers and booleans count;
// text and blanks are skipped. Given directly, numbers and booleans count and
// text is refused (see truth). All arguments are evaluated, and the first
// error value is the result; with nothing to count the result is #VALUE!.
func (ev *evaluator) andOr(c *callNode) (operand, error) {
	if err := arity(c, 1, maxArgs); err != nil {
		return operand{}, err
	}
	isAnd := c.name == "AND"
	result, seen := isAnd, false
	fold := func(b bool) {
		seen = true
		if isAnd {
			result = result && b
		} else {
			result = result || b
		}
	}
	err := ev.eachArg(c, func(v Value) error {
		switch v.Kind {
		case Number:
			fold(v.Num.Sign() != 0)
		case Bool:
			fold(v.Bool)
		case Error:
			return excelError{v.Text}
		}
		return nil
	}, func(v Value) error {
		switch v.Kind {
		case Number:
			fold(v.Num.Sign() != 0)
		case Bool:
			fold(v.Bool)
		case Text:
			return unsupported("%s: text %s used as TRUE or FALSE (Excel reads it by its language settings)", clip(text(c), 60), quoteText(v.Text))
		case Error:
			return excelError{v.Text}
		}
		return nil
	})
	if err != nil {
		return operand{}, err
	}
	if !seen {
		return valueOf(ErrorValue(codeValue)), nil
	}
	return valueOf(BoolValue(result)), nil
}

func (ev *evaluator) not(c *callNode) (operand, error) {
	if err := arity(c, 1, 1); err != nil {
		return operand{}, err
	}
	b, err := ev.truth(c, 0)
	if err != nil {
		return operand{}, err
	}
	return valueOf(BoolValue(!b)), nil
}

// n computes N: a number as is, TRUE and FALSE as 1 and 0, text and blank
// as 0, an error value propagates.
func (ev *evaluator) n(c *callNode) (operand, error) {
	if err := arity(c, 1, 1); err != nil {
		return operand{}, err
	}
	v, err := ev.scalarArg(c, 0)
	if err != nil {
		return operand{}, err
	}
	switch v.Kind {
	case Number:
		return valueOf(v), nil
	case Bool:
		return valueOf(NumberValue(boolNumber(v.Bool))), nil
	case Error:
		return valueOf(v), nil
	}
	return valueOf(NumberValue(new(big.Rat))), nil
}
