package book

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

const result = `{
  "scheme": "acme",
  "period": "2026-10",
  "currency": "RUB",
  "rounding": "0.01 half-up",
  "employees": [
    {
      "id": "M-01",
      "name": "Olga Belova",
      "fixed": "30000.00",
      "bonus": "22000.00",
      "total": "56400.00",
      "kpis": [{"id": "sales", "fact": "440000", "band": "at-norm"}],
      "components": [{"id": "commission", "type": "commission", "amount": "4400.00"}],
      "modifiers": []
    },
    {
      "id": "M-02",
      "name": "Irina Kuznetsova",
      "fixed": "30000.00",
      "bonus": "15000.00",
      "total": "48000.00",
      "kpis": [{"id": "sales", "fact": "300000", "band": "base-norm"}],
      "components": [{"id": "commission", "type": "commission", "amount": "3000.00"}],
      "modifiers": []
    }
  ],
  "totals": {"fixed": "60000.00", "bonus": "37000.00", "components": "7400.00", "total": "104400.00"},
  "total": "104400.00"
}
`

func TestSnapshotEncodeAndRead(t *testing.T) {
	s := &Snapshot{Format: SnapshotFormat, Period: "2026-10", Closed: "2026-11-03", Premia: "0.1.0",
		Scheme: Input{File: "scheme.yaml", SHA256: "aa", Text: "version: 1\n<&>\n"}, Facts: Input{File: "facts/2026-10", SHA256: "bb"},
		Result: json.RawMessage(result)}
	data, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := s.Encode()
	if !bytes.Equal(data, again) {
		t.Error("the same snapshot encodes to other bytes")
	}
	text := string(data)
	// The fields in their order, the result indented under its key, <&>
	// as written, one newline at the end.
	for _, want := range []string{"{\n  \"premia_snapshot\": 2,\n  \"period\": \"2026-10\",\n  \"closed\": \"2026-11-03\",\n  \"premia\": \"0.1.0\",",
		`"text": "version: 1\n<&>\n"`, "  \"result\": {\n    \"scheme\": \"acme\",", "        \"id\": \"M-01\","} {
		if !strings.Contains(text, want) {
			t.Errorf("encoded snapshot lacks %q:\n%s", want, text)
		}
	}
	if !strings.HasSuffix(text, "\n  }\n}\n") {
		t.Errorf("the snapshot ends %q", text[len(text)-20:])
	}
	back, err := ParseSnapshot(data, "closed/2026-10.json", per("2026-10"))
	if err != nil {
		t.Fatal(err)
	}
	if back.Closed != "2026-11-03" || back.Scheme.Text != s.Scheme.Text || back.Facts.SHA256 != "bb" {
		t.Errorf("read back: %+v", back)
	}
	if d, err := Diff(back.Result, []byte(result)); err != nil || len(d) != 0 {
		t.Errorf("the result read back differs from the one written: %v %v", d, err)
	}
	// Changes: the causes of a difference.
	c := back.Changes("aa", "bb", "0.1.0")
	if c.Any() {
		t.Errorf("nothing changed, yet %+v", c)
	}
	c = back.Changes("cc", "", "0.2.0")
	if !c.Scheme || c.Facts || !c.FactsGone || !c.Premia {
		t.Errorf("Changes(cc, gone, 0.2.0) = %+v", c)
	}
}

func TestParseSnapshotRefuses(t *testing.T) {
	good := `{"premia_snapshot": 1, "period": "2026-10", "closed": "2026-11-03", "premia": "0.1.0", "scheme": {"file": "scheme.yaml", "sha256": "aa"}, "facts": {"file": "facts/2026-10", "sha256": "bb"}, "result": {"total": "0"}}`
	for _, c := range []struct{ in, want string }{
		{"{\n  \"premia_snapshot\": 1,\n  \"period\": \"2026-10\"\n  \"closed\": 1\n}", "closed/2026-10.json:4:3: the snapshot is not valid JSON"},
		{strings.Replace(good, `"premia_snapshot": 1`, `"premia_snapshot": 3`, 1), "a snapshot of format 3, and this premia reads formats 1 to 2: read it with the premia that wrote it (0.1.0)"},
		{strings.Replace(good, `"premia_snapshot": 1`, `"premia_snapshot": 0`, 1), "a snapshot of format 0, and this premia reads formats 1 to 2"},
		{strings.Replace(good, `"premia_snapshot": 1`, `"premia_snapshot": 2`, 1), "the snapshot has no figures section (a snapshot of format 2 has one)"},
		{strings.Replace(good, `"result":`, `"figures": {}, "result":`, 1), "a snapshot of format 1 has no figures section, and this one has: it was edited by hand"},
		{strings.Replace(good, `"period": "2026-10"`, `"period": "2026-11"`, 1), "the snapshot is of 2026-11, but its name in the book says 2026-10"},
		{strings.Replace(good, `"result": {"total": "0"}`, `"result": null`, 1), "the snapshot has no result"},
		{strings.Replace(good, `"premia": "0.1.0"`, `"premia": 1`, 1), "closed/2026-10.json:1:79: premia holds number, not what a snapshot holds there"},
		{strings.Replace(good, `"premia": "0.1.0"`, `"premia": "0.1.0", "extra": 1`, 1), "the snapshot cannot be read"},
	} {
		_, err := ParseSnapshot([]byte(c.in), "closed/2026-10.json", per("2026-10"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseSnapshot(%s) = %v, want %q", c.in, err, c.want)
		}
	}
}

func TestDiff(t *testing.T) {
	// The same figures laid out otherwise: no difference.
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(result)); err != nil {
		t.Fatal(err)
	}
	if d, err := Diff([]byte(result), compact.Bytes()); err != nil || len(d) != 0 {
		t.Fatalf("Diff of a result and itself compacted = %v, %v", d, err)
	}
	// M-02's sales typed again as 320,000 (bonus 16,000, commission
	// 3,200, total 49,200); M-01 gone; M-03 new; a KPI added to M-02.
	now := strings.NewReplacer(
		`"fact": "300000", "band": "base-norm"}]`, `"fact": "320000", "band": "base-norm"}, {"id": "calls", "fact": "10"}]`,
		`"bonus": "15000.00"`, `"bonus": "16000.00"`,
		`"amount": "3000.00"`, `"amount": "3200.00"`,
		`"total": "48000.00"`, `"total": "49200.00"`,
	).Replace(result)
	now = strings.Replace(now, `"id": "M-01",
      "name": "Olga Belova"`, `"id": "M-03",
      "name": "Ivan Petrov"`, 1)
	d, err := Diff([]byte(result), []byte(now))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range d {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", x.Who, x.Name, x.What, x.Then, x.Now))
	}
	want := []string{
		"M-01|Olga Belova|||56400.00", // paid at closing, gone now
		"M-02|Irina Kuznetsova|bonus|15000.00|16000.00",
		"M-02|Irina Kuznetsova|kpis[sales].fact|300000|320000",
		"M-02|Irina Kuznetsova|kpis[calls]||{\"id\":\"calls\",\"fact\":\"10\"}",
		"M-02|Irina Kuznetsova|components[commission].amount|3000.00|3200.00",
		"M-02|Irina Kuznetsova|total|48000.00|49200.00", // an employee's total after the lines it sums
		"M-03|Ivan Petrov|||56400.00",                   // new now
	}
	// M-01 is on one side only: its total is Then, not Now.
	want[0] = "M-01|Olga Belova||56400.00|"
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := Diff([]byte(`[]`), []byte(result)); err == nil {
		t.Error("a list diffed as a result")
	}
}
