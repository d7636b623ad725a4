package main

import (
	"strings"
	"unicode"

	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/plan"
)

// person is an id of the roster and the name beside it.
type person struct{ id, name string }

// suggestIDs are the roster's ids a mistyped id most likely meant, best
// first, at most three: the same id but for case, spaces, hyphens and dots
// (s03 for S-03); the people whose name the text is or holds (Sidorov);
// else the ids at the least edit distance, if it is at most 2 and less
// than half the id.
func suggestIDs(typed string, roster []person) []person {
	var out []person
	key := idKey(typed)
	for _, p := range roster {
		if idKey(p.id) == key {
			out = append(out, p)
		}
	}
	if len(out) > 0 {
		return first(out)
	}
	if t := strings.ToLower(strings.TrimSpace(typed)); len([]rune(t)) >= 3 {
		for _, p := range roster {
			if strings.Contains(strings.ToLower(p.name), t) {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			return first(out)
		}
	}
	best := 3
	for _, p := range roster {
		d := plan.EditDistance(strings.ToLower(typed), strings.ToLower(p.id))
		if d > 2 || 2*d >= len([]rune(p.id)) {
			continue
		}
		switch {
		case d < best:
			best, out = d, []person{p}
		case d == best:
			out = append(out, p)
		}
	}
	return first(out)
}

func first(ps []person) []person { return ps[:min(len(ps), 3)] }

// idKey is an id with case, spaces, hyphens, dots and underscores dropped.
func idKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '.' || r == '_' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// didYouMean is "; did you mean S-03 (Denis Sidorov)?" in lang for the
// suggestions, or "" for none.
func didYouMean(lang string, ps []person) string {
	if len(ps) == 0 {
		return ""
	}
	words := make([]string, len(ps))
	for i, p := range ps {
		words[i] = p.id
		if p.name != "" {
			words[i] += " (" + p.name + ")"
		}
	}
	return i18n.Say(lang, i18n.TalkDidYouMean, i18n.OrList(lang, words))
}
