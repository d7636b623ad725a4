package xlsx

import (
	"fmt"
	"strings"
)

// SheetNames maps ids (any text: premia gives employee ids) to sheet names Excel accepts: at most 31
// characters, none of : \ / ? * [ ], not starting or ending with an
// apostrophe, not "History" (Excel reserves it), unique without regard to case, and not one of
// reserved.
func SheetNames(ids, reserved []string) map[string]string {
	taken := map[string]bool{}
	for _, r := range reserved {
		taken[strings.ToLower(r)] = true
	}
	taken["history"] = true
	out := map[string]string{}
	for _, id := range ids {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]`, r) || r < 0x20 {
				return '_'
			}
			return r
		}, id)
		base = strings.Trim(base, "' ")
		if base == "" {
			base = "_"
		}
		name := truncate(base, 31)
		for n := 2; taken[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("~%d", n)
			name = truncate(base, 31-len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		out[id] = name
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// QuoteSheet quotes a sheet name for a reference: 'It”s'!A1.
func QuoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
