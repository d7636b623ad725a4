package book

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/shopspring/decimal"
)

// snapshotText is a snapshot as premia close writes it, with result.
func snapshotText(t testing.TB, result string) []byte {
	t.Helper()
	return snapshotOf(t, SnapshotFormat, result)
}

// snapshotOf is a snapshot of the format given, with result: format 1
// as premia close wrote it before the figures section.
func snapshotOf(t testing.TB, format int, result string) []byte {
	t.Helper()
	s := &Snapshot{Format: format, Period: "2026-10", Closed: "2026-11-03", Premia: "0.1.0",
		Scheme: Input{File: "scheme.yaml", SHA256: "aa", Text: "version: 1\n"}, Facts: Input{File: "facts/2026-10", SHA256: "bb"},
		Result: json.RawMessage(result)}
	data, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

const leanResult = `{
  "scheme": "acme", "period": "2026-10", "currency": "RUB", "rounding": "0.01 half-up",
  "employees": [
    {"id": "M-01", "name": "Olga \"Оля\" Belova\u00e9\ud83d\ude00", "role": "manager", "department": "Sales",
     "proration": null, "fixed": "30000.00", "variable": "20000.00", "k": "1.1", "coefficient": "1",
     "bonus": "22000.00", "total": "56400.00",
     "kpis": [{"id": "sales", "title": "Sales", "unit": "RUB", "direction": "higher", "weight": "0.6",
               "base": null, "norm": "400000", "target": "500000", "fact": "440000", "fulfilment": "1.1",
               "index": "1.1", "weighted": "0.66", "coefficient": null, "voided": false, "band": "at-norm"}],
     "components": [{"id": "commission", "type": "commission", "amount": "4400.00"},
                    {"id": "draw", "type": "draw", "amount": "0.00", "opening_balance": "-5000.00", "closing_balance": "-1000.00"}],
     "modifiers": [{"id": "q", "type": "quality_gate", "applied": false}]},
    {"total": "48000.00", "bonus": "15000.00", "fixed": "30000.00", "variable": "20000.00", "k": null,
     "name": "Irina", "id": "M-02", "role": "manager", "department": "Sales", "coefficient": "1",
     "kpis": [], "components": [], "modifiers": []}
  ],
  "totals": {"fixed": "60000.00", "bonus": "37000.00", "components": "4400.00", "total": "104400.00"},
  "total": "104400.00"
}`

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func readAll(t *testing.T, data []byte, p string) ([]*Figures, *Head, error) {
	t.Helper()
	var got []*Figures
	h, err := ScanFigures(bytes.NewReader(data), "closed/"+p+".json", per(p), func(f *Figures) error {
		got = append(got, f)
		return nil
	})
	return got, h, err
}

func TestReadFigures(t *testing.T) {
	// Format 1 is read from the result, format 2 from its figures section
	// (derived from the result): the same figures either way.
	var byFormat [][]*Figures
	for _, format := range []int{1, 2} {
		t.Run(fmt.Sprintf("format %d", format), func(t *testing.T) {
			byFormat = append(byFormat, testReadFigures(t, snapshotOf(t, format, leanResult)))
		})
	}
	if len(byFormat) == 2 && !reflect.DeepEqual(byFormat[0], byFormat[1]) {
		t.Errorf("format 1 and format 2 read otherwise:\n%+v\n%+v", byFormat[0], byFormat[1])
	}
}

func testReadFigures(t *testing.T, data []byte) []*Figures {
	got, h, err := readAll(t, data, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if h.Scheme != "acme" || h.Currency != "RUB" || h.Rounding != "0.01 half-up" || h.Period != "2026-10" || h.Employees != 2 {
		t.Errorf("head = %+v", h)
	}
	if len(got) != 2 {
		t.Fatalf("%d employees, want 2", len(got))
	}
	m1 := got[0]
	// The escapes as encoding/json reads them: \" and é and 😀 (a surrogate pair).
	if m1.ID != "M-01" || m1.Name != "Olga \"Оля\" Belovaé😀" || m1.Role != "manager" || m1.Department != "Sales" {
		t.Errorf("M-01 = %q %q %q %q", m1.ID, m1.Name, m1.Role, m1.Department)
	}
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{{"fixed", m1.Fixed.Decimal(), d("30000")}, {"variable", m1.Variable.Decimal(), d("20000")}, {"bonus", m1.Bonus.Decimal(), d("22000")}, {"total", m1.Total.Decimal(), d("56400")}, {"k", m1.K.Decimal(), d("1.1")}} {
		if !c.got.Equal(c.want) {
			t.Errorf("M-01 %s = %s, want %s", c.name, c.got, c.want)
		}
	}
	// Exact to the text: 30000.00 keeps its two places.
	if m1.Fixed.Decimal().StringFixed(2) != "30000.00" || m1.Fixed.Decimal().Exponent() != -2 {
		t.Errorf("fixed = %s (exponent %d), want 30000.00 as written", m1.Fixed, m1.Fixed.Decimal().Exponent())
	}
	k := m1.KPIs[0]
	if len(m1.KPIs) != 1 || k.ID != "sales" || k.Title != "Sales" || k.Unit != "RUB" || k.Direction != "higher" || k.Band != "at-norm" ||
		k.Base.Valid() || !k.Norm.Decimal().Equal(d("400000")) || !k.Target.Decimal().Equal(d("500000")) || !k.Fact.Decimal().Equal(d("440000")) || !k.Fulfilment.Decimal().Equal(d("1.1")) {
		t.Errorf("M-01 kpi = %+v", m1.KPIs)
	}
	if len(m1.Components) != 2 || m1.Components[0].Opening.Valid() || !m1.Components[0].Amount.Decimal().Equal(d("4400")) ||
		!m1.Components[1].Opening.Decimal().Equal(d("-5000")) || !m1.Components[1].Closing.Decimal().Equal(d("-1000")) || m1.Components[1].Type != "draw" {
		t.Errorf("M-01 components = %+v", m1.Components)
	}
	// Keys in another order; k null.
	m2 := got[1]
	if m2.ID != "M-02" || m2.K.Valid() || !m2.Total.Decimal().Equal(d("48000")) || len(m2.KPIs) != 0 {
		t.Errorf("M-02 = %+v", m2)
	}
	// Read one byte at a time: the window's edges fall inside every token.
	var again []*Figures
	if _, err := ScanFigures(iotest.OneByteReader(bytes.NewReader(data)), "x", per("2026-10"), func(f *Figures) error {
		again = append(again, f)
		return nil
	}); err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("one byte at a time: %v, %+v", err, again)
	}
	return got
}

func TestReadFiguresRefuses(t *testing.T) {
	// Format 1: the result is read.
	good := string(snapshotOf(t, 1, leanResult))
	for _, c := range []struct{ name, text, p, want string }{
		{"another period", good, "2026-11", "closed/2026-11.json: the snapshot is of 2026-10, but its name in the book says 2026-11"},
		{"another format", strings.Replace(good, `"premia_snapshot": 1`, `"premia_snapshot": 3`, 1), "2026-10", "a snapshot of format 3, and this premia reads formats 1 to 2: read it with the premia that wrote it (0.1.0)"},
		{"format 2 without its figures", strings.Replace(good, `"premia_snapshot": 1`, `"premia_snapshot": 2`, 1), "2026-10", "closed/2026-10.json: the snapshot has no figures section (a snapshot of format 2 has one)"},
		{"no result", strings.Replace(good, `"result": {`, `"result": null, "x": {`, 1), "2026-10", `closed/2026-10.json:15:19: the snapshot has a key "x" a snapshot does not have`},
		// The result's key is on line 15 of the written snapshot, `"result": {`;
		// M-01's "bonus" on line 31 and "total" on 32, each at column 9; its
		// "fixed" on 27, the value's quote at column 18.
		{"a comma missing", strings.Replace(good, `"bonus": "22000.00",`, `"bonus": "22000.00"`, 1), "2026-10", "closed/2026-10.json:32:9: the snapshot is not valid JSON ('\"' where ',' or '}' was expected)"},
		{"cut short", good[:len(good)/2], "2026-10", "the snapshot is not valid JSON (the file ends"},
		{"not a decimal", strings.Replace(good, `"fixed": "30000.00"`, `"fixed": "30 000"`, 1), "2026-10", `closed/2026-10.json:27:18: fixed is not a decimal ("30 000")`},
		{"a number for a text", strings.Replace(good, `"id": "M-02"`, `"id": 2`, 1), "2026-10", `id is not a string in quotes`},
		{"a total that is not the sum", strings.Replace(good, `"total": "104400.00"
  }`, `"total": "104401.00"
  }`, 1), "2026-10", "the snapshot's total 104401 is not the sum of its employees' totals, 104400"},
		{"trailing text", good + "x", "2026-10", "'x' after the end of the JSON value"},
		{"a control character", strings.Replace(good, "Irina", "Iri\tna", 1), "2026-10", "control character U+0009 in a string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readAll(t, []byte(c.text), c.p)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
	// A callback's error comes back as it is.
	stop := errors.New("stop")
	if _, err := ScanFigures(strings.NewReader(good), "x", per("2026-10"), func(*Figures) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("callback error: %v", err)
	}
}

// FuzzScanValue holds the scanner to encoding/json: the same texts valid,
// the same values (numbers as their text) read from them.
func FuzzScanValue(f *testing.F) {
	for _, s := range []string{`{"a": [1, -0.5e+3, "x\u00e9\ud83d\ude00", true, null]}`, `"\ud800"`, `"\ud800\u0041"`, "\"\xff\"",
		`[1.]`, `01`, `{"a" 1}`, `  "\/\b\f\n\r\t"  `, `[]`, `{}`, `-`, `1e`, `"é`, leanResult} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newJSONScan(iotest.HalfReader(bytes.NewReader(data)))
		got, err := s.value(true)
		if err == nil {
			err = s.end()
		}
		if valid := json.Valid(data); (err == nil) != valid {
			t.Fatalf("%q: scanner err %v, json.Valid %v", data, err, valid)
		}
		if err != nil {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("%q: valid, yet encoding/json: %v", data, err)
		}
		if !reflect.DeepEqual(normal(got), normal(want)) {
			t.Fatalf("%q: scanner %#v, encoding/json %#v", data, got, want)
		}
	})
}

// normal maps encoding/json's json.Number and the scanner's jsonNumber to
// one type.
func normal(v any) any {
	switch x := v.(type) {
	case json.Number:
		return "num:" + string(x)
	case jsonNumber:
		return "num:" + string(x)
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = normal(x[i])
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = normal(e)
		}
		return out
	}
	return v
}

// decoderFigures is the other way measured (BenchmarkFigures): encoding/
// json's Decoder, its tokens to the result's employees, then Decode of
// each employee into a struct and the decimals parsed.
func decoderFigures(r io.Reader, each func(*Figures) error) error {
	type jk struct {
		ID, Title, Unit, Direction, Band string
		Base, Norm, Target, Fulfilment   *string
		Fact                             string
	}
	type jc struct {
		ID, Type                       string
		Amount                         string
		OpeningBalance, ClosingBalance *string `json:",omitempty"`
	}
	type je struct {
		ID, Name, Role, Department    string
		Fixed, Variable, Bonus, Total string
		K                             *string
		KPIs                          []jk `json:"kpis"`
		Components                    []jc
	}
	dec := json.NewDecoder(bufio.NewReaderSize(r, scanWindow))
	nd := func(s *string) Num {
		if s == nil {
			return Num{}
		}
		return NumOf(decimal.RequireFromString(*s))
	}
	num := func(s string) Num { return NumOf(decimal.RequireFromString(s)) }
	// Walk to "result", then to "employees".
	for _, want := range []string{"result", "employees"} {
		if _, err := dec.Token(); err != nil { // {
			return err
		}
		for {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			if tok == want {
				break
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // [
		return err
	}
	for dec.More() {
		var e je
		if err := dec.Decode(&e); err != nil {
			return err
		}
		f := &Figures{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department,
			Fixed: num(e.Fixed), Variable: num(e.Variable), Bonus: num(e.Bonus), Total: num(e.Total), K: nd(e.K)}
		for _, k := range e.KPIs {
			f.KPIs = append(f.KPIs, KPIFigures{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Band: k.Band,
				Base: nd(k.Base), Norm: nd(k.Norm), Target: nd(k.Target), Fulfilment: nd(k.Fulfilment), Fact: num(k.Fact)})
		}
		for _, c := range e.Components {
			f.Components = append(f.Components, ComponentFigures{ID: c.ID, Type: c.Type, Amount: num(c.Amount),
				Opening: nd(c.OpeningBalance), Closing: nd(c.ClosingBalance)})
		}
		if err := each(f); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkFigures reads a snapshot's employees both ways: the file named
// by PREMIA_SNAPSHOT (a bench book's closed/2026-11.json: go run
// ./bench/gen -book; premia close), else a made one of 2,000 employees.
func BenchmarkFigures(b *testing.B) {
	path := os.Getenv("PREMIA_SNAPSHOT")
	var data []byte
	p := per("2026-10")
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			b.Fatal(err)
		}
		var s struct {
			Period string `json:"period"`
		}
		_ = json.NewDecoder(bytes.NewReader(data[:200])).Decode(&s)
		p = per(strings.TrimSpace(strings.SplitN(strings.SplitN(string(data), `"period": "`, 2)[1], `"`, 2)[0]))
	} else {
		var emps []string
		one := leanResult[strings.Index(leanResult, `{"id": "M-01"`):strings.Index(leanResult, `,
    {"total"`)]
		for i := range 2000 {
			emps = append(emps, strings.Replace(one, `"M-01"`, fmt.Sprintf(`"E%06d"`, i), 1))
		}
		data = snapshotText(b, `{"scheme": "x", "period": "2026-10", "currency": "RUB", "rounding": "0.01 half-up", "employees": [`+strings.Join(emps, ",")+`], "total": "`+strconv.Itoa(2000*56400)+`.00"}`)
	}
	n := 0
	count := func(*Figures) error { n++; return nil }
	// A format 2 snapshot: the section, every figure, a Figures each
	// (ReadFigures), one Figures reused (ReadFiguresEach), the facts alone
	// (ReadFacts); the result, as a format 1 snapshot is read.
	b.Run("scanner", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := ScanFigures(bytes.NewReader(data), "x", p, count); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reused", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := scanFigures(bytes.NewReader(data), "x", p, count, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("facts", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			fr := &figuresReader{s: newJSONScan(bytes.NewReader(data)), each: count, reuse: true, factsOnly: true}
			if _, err := fr.scan("x", p); err != nil {
				b.Fatal(err)
			}
		}
	})
	if i := bytes.Index(data, []byte(`  "figures": {`)); i >= 0 {
		// The same snapshot without its section, as format 1.
		j := bytes.Index(data, []byte(`  "result": {`))
		data = append(bytes.Replace(data[:i:i], []byte(`"premia_snapshot": 2`), []byte(`"premia_snapshot": 1`), 1), data[j:]...)
	}
	b.Run("result", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := ScanFigures(bytes.NewReader(data), "x", p, count); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decoder", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := decoderFigures(bytes.NewReader(data), count); err != nil {
				b.Fatal(err)
			}
		}
	})
}
