package problem

import (
	"errors"
	"fmt"
	"testing"
)

// pig is a language for tests: its formats are the English ones upper-cased
// by hand below.
type pig map[string]string

func (p pig) Format(english string) string {
	if f, ok := p[english]; ok {
		return f
	}
	return english
}

// place is an argument that words itself, as calc.Place does.
type place struct{ cell string }

func (p place) String() string      { return "sheet " + p.cell }
func (p place) Word(w Words) string { return w.Format("sheet") + " " + p.cell }

var words = pig{
	"%s: %q is not a number%s": "%s: %q IS NOT A NUMBER%s",
	": %v":                     ": %v!",
	"two minus signs":          "TWO MINUS SIGNS",
	"sheet":                    "SHEET",
	" or ":                     " OR ",
	"pick %s":                  "PICK %s",
}

func TestEnglishIsFmt(t *testing.T) {
	text := New("%s: %q is not a number%s", place{"C5"}, "1--2", New(": %v", Errorf("two minus signs")))
	if got, want := text.String(), `sheet C5: "1--2" is not a number: two minus signs`; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got, want := text.String(), fmt.Sprintf("%s: %q is not a number%s", "sheet C5", "1--2", ": two minus signs"); got != want {
		t.Errorf("String = %q, fmt says %q", got, want)
	}
}

func TestInWordsEveryPart(t *testing.T) {
	text := New("%s: %q is not a number%s", place{"C5"}, "1--2", New(": %v", Errorf("two minus signs")))
	if got, want := text.In(words), `SHEET C5: "1--2" IS NOT A NUMBER: TWO MINUS SIGNS!`; got != want {
		t.Errorf("In = %q, want %q", got, want)
	}
	if got, want := New("pick %s", OrList([]string{"a", "b", "c"})).In(words), "PICK a, b OR c"; got != want {
		t.Errorf("In = %q, want %q", got, want)
	}
	if got, want := New("pick %s", OrList([]string{"a", "b"})).String(), "pick a or b"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	// A format without words of the language's is shown in English.
	if got, want := New("no words for %d", 3).In(words), "no words for 3"; got != want {
		t.Errorf("In = %q, want %q", got, want)
	}
}

func TestInErrors(t *testing.T) {
	err := errors.Join(Errorf("two minus signs"), errors.New("plain"), fmt.Errorf("wrapped: %w", Errorf("two minus signs")))
	if got, want := In(err, words), "TWO MINUS SIGNS\nplain\nwrapped: two minus signs"; got != want {
		t.Errorf("In = %q, want %q", got, want)
	}
	if got, want := In(err, nil), err.Error(); got != want {
		t.Errorf("In(nil) = %q, want Error() %q", got, want)
	}
	if In(nil, words) != "" {
		t.Error("In(nil error) is not empty")
	}
	var e *Error
	if !errors.As(err, &e) || e.Format != "two minus signs" {
		t.Errorf("errors.As finds %v", e)
	}
}
