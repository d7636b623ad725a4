package problem

import (
	"fmt"
	"strings"
)

// Text is a message: an English format in fmt's verbs and its arguments.
type Text struct {
	Format string
	Args   []any
}

// New is the message format with args.
func New(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String is the message in English.
func (t Text) String() string { return t.In(nil) }

// Words are a language's: its format for an English one (the English one
// when it has none), which is all a message needs to be worded in it. A nil
// Words is English.
type Words interface {
	Format(english string) string
}

// Worded is an argument that words itself in a language: a place (its
// "sheet" and "row"), a message inside a message.
type Worded interface {
	Word(w Words) string
}

// In is the message in the language of w (English when w is nil).
func (t Text) In(w Words) string {
	if w == nil {
		return fmt.Sprintf(t.Format, t.Args...)
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		if x, ok := a.(Worded); ok {
			a = x.Word(w)
		}
		args[i] = a
	}
	return fmt.Sprintf(w.Format(t.Format), args...)
}

// Word makes a message an argument of another: it is worded in the same
// language.
func (t Text) Word(w Words) string { return t.In(w) }

// Error is a problem as an error: its Error is the message in English.
type Error struct{ Text }

// Errorf is the error of the message format with args. Unlike fmt.Errorf it
// wraps nothing: %w is not for these.
func Errorf(format string, args ...any) error { return &Error{New(format, args...)} }

func (e *Error) Error() string { return e.Text.String() }

// In words err in the language of w: every error joined in it (errors.Join)
// on its own line, each that knows its words (an *Error, or any error with
// an In(Words) string method, such as a scheme's located error) in them,
// and any other (one wrapped with fmt.Errorf's %w) in the English of its
// Error.
func In(err error, w Words) string {
	if err == nil {
		return ""
	}
	if w == nil {
		return err.Error()
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var b strings.Builder
		for i, e := range j.Unwrap() {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(In(e, w))
		}
		return b.String()
	}
	if x, ok := err.(interface{ In(Words) string }); ok {
		return x.In(w)
	}
	return err.Error()
}

// OrList is choices as a message's argument: "a, b or c", the word "or"
// in the message's language.
func OrList(choices []string) Worded { return orList(choices) }

type orList []string

func (l orList) String() string { return l.Word(nil) }

func (l orList) Word(w Words) string {
	if len(l) <= 1 {
		return strings.Join(l, "")
	}
	or := " or "
	if w != nil {
		or = w.Format(or)
	}
	return strings.Join(l[:len(l)-1], ", ") + or + l[len(l)-1]
}
