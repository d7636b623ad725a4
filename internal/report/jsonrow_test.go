package report

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestEmployeeJSONAsEncoder: the hand-written object is byte for byte what
// encoding/json's Encoder writes, for employees of every shape (no KPIs,
// nulls, omitted fields) and strings with every character that needs
// escaping: quotes, backslashes, control characters, invalid UTF-8,
// U+2028/U+2029, HTML's < > & (not escaped), Cyrillic.
func TestEmployeeJSONAsEncoder(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	pieces := []string{"", "a", "Иванов", "\"", "\\", "\n", "\t", "\r", "\b", "\f", "\x00", "\x1f", "\x7f", "<&>", "\u2028", "\u2029", "\xff", "\xe2\x80", "é", "😀", "0.95"}
	str := func() string {
		var b []byte
		for range rng.Intn(5) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		return string(b)
	}
	ptr := func() *string {
		if rng.Intn(3) == 0 {
			return nil
		}
		s := str()
		return &s
	}
	var buf bytes.Buffer
	for i := 0; i < 3000; i++ {
		je := jsonEmployee{ID: str(), Name: str(), Role: str(), Department: str(), Proration: ptr(), Fixed: str(), Variable: str(),
			K: ptr(), Coefficient: str(), Bonus: str(), Total: str(), KPIs: []jsonKPI{}, Components: []jsonAmount{}, Modifiers: []jsonModifier{}}
		for range rng.Intn(3) {
			je.KPIs = append(je.KPIs, jsonKPI{ID: str(), Title: str(), Unit: str(), Direction: str(), Weight: ptr(), Base: ptr(), Norm: ptr(), Target: ptr(),
				Fact: str(), Fulfilment: ptr(), Index: ptr(), Weighted: ptr(), Coefficient: ptr(), Voided: rng.Intn(2) == 0, Band: str()})
		}
		for range rng.Intn(3) {
			je.Components = append(je.Components, jsonAmount{ID: str(), Type: str(), Amount: str()})
		}
		for range rng.Intn(3) {
			je.Modifiers = append(je.Modifiers, jsonModifier{ID: str(), Type: str(), Applied: rng.Intn(2) == 0, Factor: ptr(), Deduction: ptr()})
		}
		want := encodeJSON(&buf, je, "    ")
		if got := string(appendEmployeeJSON(nil, &je, "    ")); got != want {
			t.Fatalf("employee %d:\n%s\nencoding/json:\n%s", i, got, want)
		}
	}
}
