package main

import (
	"fmt"
	"testing"
)

// TestSuggestIDs: what explain offers for an id not in the roster.
func TestSuggestIDs(t *testing.T) {
	roster := []person{{"S-01", "Elena Ivanova"}, {"S-02", "Pavel Petrov"}, {"S-03", "Denis Sidorov"}, {"H-01", "Igor Morozov"}, {"E000123", "Анна Смирнова"}}
	for _, c := range []struct{ typed, want string }{
		{"s03", "[S-03]"},         // case and hyphen
		{"S 03", "[S-03]"},        // a space
		{"sidorov", "[S-03]"},     // a name
		{"Смирнова", "[E000123]"}, // a Russian name
		{"ov", "[]"},              // too short to look for in names
		{"S-04", "[S-01 S-02 S-03]"},
		{"E000124", "[E000123]"},
		{"E000999", "[]"}, // 3 edits
		{"H-1", "[H-01]"},
		{"X", "[]"},
	} {
		got := suggestIDs(c.typed, roster)
		ids := make([]string, len(got))
		for i, p := range got {
			ids[i] = p.id
		}
		if s := fmt.Sprint(ids); s != c.want {
			t.Errorf("suggestIDs(%q) = %s, want %s", c.typed, s, c.want)
		}
	}
	if got := didYouMean("en", roster[:2]); got != "; did you mean S-01 (Elena Ivanova) or S-02 (Pavel Petrov)?" {
		t.Errorf("didYouMean: %q", got)
	}
	if got := didYouMean("ru", roster[:2]); got != "; возможно, имелся в виду S-01 (Elena Ivanova) или S-02 (Pavel Petrov)?" {
		t.Errorf("didYouMean in Russian: %q", got)
	}
}
