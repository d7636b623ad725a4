package xlsx

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// cellTextOracle is cellText as its documentation says it, written the
// plain way: broken UTF-8 dropped, then control characters other than tab
// and newline, U+FFFE and U+FFFF, then text over Excel's limit cut.
func cellTextOracle(s string) string {
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	if utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText-1]) + "…"
	}
	return s
}

var escapeOracle = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// Random text of the pieces that matter (ASCII, the five escaped
// characters, controls, Cyrillic, U+FFFD, U+FFFE, U+FFFF, private use,
// broken and cut UTF-8), cleaned and escaped as the oracles do it.
func TestCellTextAndEscape(t *testing.T) {
	pieces := []string{"a", "Z", "7", " ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "&", "<", ">", `"`, "'",
		"П", "ё", "×", "€", "\uFFFD", "\uFFFE", "\uFFFF", "\uF8FF", "\xef", "\xef\xbf", "\xe2\x82", "\x80", "\xff", "😀", "\xf0\x9f\x98"}
	r := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want := cellTextOracle(s)
		if got := cellText(s); got != want {
			t.Fatalf("cellText(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendEscaped([]byte("x"), want)), "x"+escapeOracle.Replace(want); got != want {
			t.Fatalf("appendEscaped(%q) = %q, want %q", s, got, want)
		}
	}
	long := strings.Repeat("П&", maxText)
	if got, want := cellText(long), cellTextOracle(long); got != want {
		t.Fatalf("text over the limit: %d runes, want %d", utf8.RuneCountInString(got), utf8.RuneCountInString(want))
	}
}
