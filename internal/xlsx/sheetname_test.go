package xlsx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSheetNames(t *testing.T) {
	ids := []string{
		"E-1",
		"a/b:c?d*e[f]g\\h",
		"Иванов",
		"ИВАНОВ", // differs only in case: Excel takes them for the same sheet
		"history",
		"'quoted'",
		strings.Repeat("x", 40),
		strings.Repeat("x", 31) + "y", // the same first 31 characters as the one above
		"Summary",
	}
	got := SheetNames(ids, []string{"Summary", "Audit"})
	want := map[string]string{
		"E-1":                         "E-1",
		"a/b:c?d*e[f]g\\h":            "a_b_c_d_e_f_g_h",
		"Иванов":                      "Иванов",
		"ИВАНОВ":                      "ИВАНОВ~2",
		"history":                     "history~2",
		"'quoted'":                    "quoted",
		strings.Repeat("x", 40):       strings.Repeat("x", 31),
		strings.Repeat("x", 31) + "y": strings.Repeat("x", 29) + "~2",
		"Summary":                     "Summary~2",
	}
	seen := map[string]bool{}
	for _, id := range ids {
		name := got[id]
		if name != want[id] {
			t.Errorf("SheetNames(%q) = %q, want %q", id, name, want[id])
		}
		if utf8.RuneCountInString(name) > 31 || strings.ContainsAny(name, `:\/?*[]`) {
			t.Errorf("%q is not a valid sheet name", name)
		}
		if seen[strings.ToLower(name)] {
			t.Errorf("%q is used twice", name)
		}
		seen[strings.ToLower(name)] = true
	}
}
