package formula

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// MaxRow and MaxCol are a sheet's last row (1048576) and last column (XFD).
// A whole-column reference such as C:C reaches Cells.Range as rows 1 to
// MaxRow; a whole-row reference such as 2:3 as columns 1 to MaxCol.
const (
	MaxRow = 1 << 20
	MaxCol = 1 << 14
)

// Kind is the type of a Value.
type Kind uint8

// The kinds of value a cell or a formula holds.
const (
	Blank Kind = iota
	Number
	Text
	Bool
	Error
)

func (k Kind) String() string {
	switch k {
	case Blank:
		return "blank"
	case Number:
		return "number"
	case Text:
		return "text"
	case Bool:
		return "boolean"
	case Error:
		return "error"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is a cell's value or a formula's result. The zero Value is Blank.
type Value struct {
	Kind Kind
	Num  *big.Rat // Number only; a Bool is not stored here as 0 or 1
	Text string   // Text; for Error the code: "#DIV/0!", "#VALUE!", "#REF!", "#N/A", "#NUM!", "#NAME?"
	Bool bool
}

// NumberValue returns a Number holding r. The Value refers to r; it does not
// copy it.
func NumberValue(r *big.Rat) Value { return Value{Kind: Number, Num: r} }

// TextValue returns a Text holding s.
func TextValue(s string) Value { return Value{Kind: Text, Text: s} }

// BoolValue returns a Bool holding b.
func BoolValue(b bool) Value { return Value{Kind: Bool, Bool: b} }

// ErrorValue returns an Excel error value such as "#DIV/0!".
func ErrorValue(code string) Value { return Value{Kind: Error, Text: code} }

// String writes v for messages and tests: a number as an exact decimal where
// it has one ("2.68") and as a fraction where it has not ("1/3"), a text in
// Excel's quotes (cut after 40 characters), TRUE or FALSE, an error's code,
// and "blank".
func (v Value) String() string {
	switch v.Kind {
	case Blank:
		return "blank"
	case Number:
		if v.Num == nil {
			return "number(nil)"
		}
		return formatRat(v.Num)
	case Text:
		return quoteText(v.Text)
	case Bool:
		if v.Bool {
			return "TRUE"
		}
		return "FALSE"
	case Error:
		return v.Text
	}
	return v.Kind.String()
}

// Excel's error codes that the evaluator itself produces.
const (
	codeDiv0  = "#DIV/0!"
	codeValue = "#VALUE!"
	codeRef   = "#REF!"
	codeNum   = "#NUM!"
)

// Ref is one cell of a workbook. Row and Col are 1-based. In a parsed formula
// Sheet "" means the formula's own sheet; the evaluator fills it in (with
// the sheet passed to Eval) before it asks Cells.
type Ref struct {
	Sheet    string
	Row, Col int
}

// String writes r as Excel does: "C2", "Sheet1!C2", "'Планы на месяц'!B2".
func (r Ref) String() string {
	var b strings.Builder
	writeSheet(&b, r.Sheet)
	writeCol(&b, r.Col, false)
	writeRow(&b, r.Row, false)
	return b.String()
}

// Unsupported is the error for a formula that cannot be computed exactly or
// uses what this package does not implement. What says what, in words a
// clerk can read. Eval returns it as *Unsupported.
type Unsupported struct{ What string }

func (e *Unsupported) Error() string { return "not supported: " + e.What }

func unsupported(format string, args ...any) error {
	return &Unsupported{What: fmt.Sprintf(format, args...)}
}

// SyntaxError is Parse's error: the formula's text is not a formula. Offset
// is the byte offset in the text where the problem is.
type SyntaxError struct {
	Offset int
	What   string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("syntax error at byte %d: %s", e.Offset, e.What)
}

// formatRat writes x as an exact decimal if it has one, else as n/d.
func formatRat(x *big.Rat) string {
	if prec, exact := x.FloatPrec(); exact {
		return x.FloatString(prec)
	}
	return x.RatString()
}

// quoteText writes s as an Excel string literal, cut short for messages.
func quoteText(s string) string {
	return `"` + strings.ReplaceAll(clip(s, 40), `"`, `""`) + `"`
}

// clip cuts s to n characters, marking the cut with "…".
func clip(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
