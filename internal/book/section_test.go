package book

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// placeOf is the line and column (1-based, in bytes) where sub starts in text,
// counted here by hand: what the scanner's messages must say.
func placeOf(t *testing.T, text, sub string) string {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in the snapshot", sub)
	}
	line := strings.Count(text[:i], "\n") + 1
	col := i - strings.LastIndexByte(text[:i], '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

func TestFiguresSectionLayout(t *testing.T) {
	text := string(snapshotText(t, leanResult))
	// The section stands before the result, a row a line, each decimal
	// the result's text ("30000.00" keeps its places), null where the
	// result has null, a draw's balances after its amount.
	for _, want := range []string{
		"  \"facts\": {\n    \"file\": \"facts/2026-10\",\n    \"sha256\": \"bb\"\n  },\n  \"figures\": {\n    \"scheme\": \"acme\",\n    \"period\": \"2026-10\",\n    \"currency\": \"RUB\",\n    \"rounding\": \"0.01 half-up\",\n    \"total\": \"104400.00\",\n    \"employees\": [\n",
		`      ["M-01","Olga \"Оля\" Belovaé😀","manager","Sales","30000.00","20000.00","22000.00","56400.00","1.1",[["sales","Sales","RUB","higher","at-norm",null,"400000","500000","440000","1.1"]],[["commission","commission","4400.00"],["draw","draw","0.00","-5000.00","-1000.00"]]],` + "\n",
		// M-02 has no title, unit, KPIs or components: "" and [].
		`      ["M-02","Irina","manager","Sales","30000.00","20000.00","15000.00","48000.00",null,[],[]]` + "\n    ]\n  },\n  \"result\": {\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the snapshot lacks %q:\n%s", want, text)
		}
	}
}

func TestAppendParts(t *testing.T) {
	for _, c := range []struct {
		c    int64
		e    int32
		want string
	}{{3000000, -2, "30000.00"}, {0, 0, "0"}, {0, -2, "0.00"}, {-5, -1, "-0.5"}, {5, -3, "0.005"}, {-123456, -2, "-1234.56"}, {12, 3, "12000"}, {-9223372036854775808, -2, "-92233720368547758.08"}} {
		if got := string(appendParts(nil, c.c, c.e)); got != c.want {
			t.Errorf("appendParts(%d, %d) = %s, want %s", c.c, c.e, got, c.want)
		}
	}
}

func TestReadFiguresSectionRefuses(t *testing.T) {
	good := string(snapshotText(t, leanResult))
	m2 := `["M-02","Irina","manager","Sales","30000.00","20000.00","15000.00","48000.00",null,[],[]]`
	for _, c := range []struct{ name, old, new, where, want string }{
		{"a row short of a value", m2, `["M-02","Irina","manager","Sales","30000.00","20000.00","15000.00","48000.00",null,[]]`, `["M-02"`,
			"a row of figures.employees has 10 values, and the row holds 11: restore it from git"},
		// A value left out inside the row: each value then stands where
		// another belongs, refused at the first that cannot be (the empty
		// list of KPIs where k is).
		{"a value left out", m2, `["M-02","Irina","manager","30000.00","20000.00","15000.00","48000.00",null,[],[]]`, `[],[]]`,
			"figures.employees.k is not a string in quotes"},
		{"a row with a value more", m2, `["M-02","Irina","manager","Sales","30000.00","20000.00","15000.00","48000.00",null,[],[],"x"]`, `["M-02"`,
			"a row of figures.employees has 12 values, and the row holds 11"},
		{"a KPI's row short", `"at-norm",null,"400000","500000","440000","1.1"]`, `"at-norm",null,"400000","500000","440000"]`, `["sales"`,
			"a row of figures.kpis has 9 values, and the row holds 10"},
		{"a component of four values", `["draw","draw","0.00","-5000.00","-1000.00"]`, `["draw","draw","0.00","-5000.00"]`, `["draw"`,
			"a row of figures.components has 4 values, and the row holds 3 or 5"},
		{"not a decimal", `"Sales","30000.00","20000.00","22000.00"`, `"Sales","30 000","20000.00","22000.00"`, `"30 000"`,
			`figures.employees.fixed is not a decimal ("30 000")`},
		{"a number for a name", `"M-02","Irina"`, `"M-02",7`, `7,"manager"`, "figures.employees.name is not a string in quotes"},
		{"a key of no section", `    "currency": "RUB",` + "\n    \"rounding\"", `    "currency": "RUB", "x": 1,` + "\n    \"rounding\"", `"x": 1`,
			`the snapshot has a key "figures.x" a snapshot does not have`},
		{"a key missing", `    "currency": "RUB",` + "\n    \"rounding\"", "    \"rounding\"", "", "the figures section lacks one of scheme, period, currency, rounding, total and employees"},
		{"a total not the sum", `"total": "104400.00",` + "\n    \"employees\"", `"total": "104401.00",` + "\n    \"employees\"", "",
			"the snapshot's total 104401 is not the sum of its employees' totals, 104400"},
		{"broken JSON", `"15000.00","48000.00",null`, `"15000.00" "48000.00",null`, `"48000.00",null`, "the snapshot is not valid JSON"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(good, c.old) {
				t.Fatalf("%q not in the snapshot", c.old)
			}
			text := strings.Replace(good, c.old, c.new, 1)
			want := c.want
			if c.where != "" {
				want = "closed/2026-10.json:" + placeOf(t, text, c.where) + ": " + c.want
			}
			_, _, err := readAll(t, []byte(text), "2026-10")
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("ReadFigures: %v, want %q", err, want)
			}
			// ParseSnapshot, reading the whole file, refuses it too (a total
			// edited in the section first as a heading unlike the result's).
			if c.name == "a total not the sum" {
				want = "the figures section's heading (the scheme, period, currency, rounding and total) is not the result's"
			}
			if _, err := ParseSnapshot([]byte(text), "closed/2026-10.json", per("2026-10")); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("ParseSnapshot: %v, want %q", err, want)
			}
		})
	}
	// The result after the section is not read by ReadFigures: a snapshot
	// cut short after its section still gives the figures...
	cut := good[:strings.Index(good, `"result": {`)+len(`"result": {`)]
	if _, _, err := readAll(t, []byte(cut), "2026-10"); err != nil {
		t.Errorf("ReadFigures of a snapshot cut in its result: %v", err)
	}
	// ...and ParseSnapshot, which reads it whole, refuses it.
	if _, err := ParseSnapshot([]byte(cut), "closed/2026-10.json", per("2026-10")); err == nil || !strings.Contains(err.Error(), "closed/2026-10.json: the snapshot cannot be read (unexpected EOF)") {
		t.Errorf("ParseSnapshot of a snapshot cut in its result: %v", err)
	}
}

// A section that says other than its result is refused by ParseSnapshot,
// naming the first employee whose row differs and its line.
func TestParseSnapshotChecksTheSection(t *testing.T) {
	good := string(snapshotText(t, leanResult))
	m1Line := strings.Split(placeOf(t, good, `["M-01"`), ":")[0]
	m2Line := strings.Split(placeOf(t, good, `["M-02"`), ":")[0]
	for _, c := range []struct{ name, old, new, want string }{
		{"the section's fact edited", `"500000","440000","1.1"]`, `"500000","450000","1.1"]`,
			"closed/2026-10.json:" + m1Line + ": the figures section's row of M-01 is not the result's figures of M-01: one of them was edited by hand"},
		{"the result's bonus edited", `"bonus": "15000.00",`, `"bonus": "15001.00",`,
			"closed/2026-10.json:" + m2Line + ": the figures section's row of M-02 is not the result's figures of M-02"},
		{"the section's places", `"Sales","30000.00","20000.00","22000.00"`, `"Sales","30000","20000.00","22000.00"`,
			"closed/2026-10.json:" + m1Line + ": the figures section's row of M-01"},
		{"a row gone", ",\n      " + `["M-02","Irina","manager","Sales","30000.00","20000.00","15000.00","48000.00",null,[],[]]`, "",
			"the figures section has 1 employees and the result 2"},
		{"the heading's currency", `    "currency": "RUB",` + "\n    \"rounding\"", `    "currency": "EUR",` + "\n    \"rounding\"",
			"the figures section's heading (the scheme, period, currency, rounding and total) is not the result's"},
		{"the section gone", good[strings.Index(good, `  "figures": {`):strings.Index(good, `  "result": {`)], "",
			"the snapshot has no figures section (a snapshot of format 2 has one)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(good, c.old, c.new, 1)
			if text == good {
				t.Fatalf("%q not in the snapshot", c.old)
			}
			if _, err := ParseSnapshot([]byte(text), "closed/2026-10.json", per("2026-10")); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ParseSnapshot: %v, want %q", err, c.want)
			}
		})
	}
	// Laid out otherwise (the section reindented), it reads the same.
	re := strings.Replace(good, `["M-01","Olga`, "[\n \"M-01\",  \"Olga", 1)
	if _, err := ParseSnapshot([]byte(re), "closed/2026-10.json", per("2026-10")); err != nil {
		t.Errorf("a section reindented: %v", err)
	}
	if !bytes.Contains([]byte(re), []byte("[\n \"M-01\"")) {
		t.Fatal("not reindented")
	}
}

// The row's fast path and the scanner's read the same figures: every row
// made to miss the fast path (a space after its bracket) reads as before.
func TestSectionFastPathAgrees(t *testing.T) {
	// Two rows on the fast path (a Russian name, a draw with its
	// balances, KPIs whose band changes between rows) and M-01's escape
	// on the scanner's.
	res := strings.Replace(leanResult, `"name": "Irina"`, `"name": "Ирина Кузнецова"`, 1)
	res = strings.Replace(res, `"employees": [
    {"id": "M-01"`, `"employees": [
    {"id": "M-00", "name": "Пётр", "role": "manager", "department": "Продажи", "fixed": "1.5", "variable": "0", "k": "0.123456", "bonus": "0.00", "total": "1.50",
     "kpis": [{"id": "sales", "title": "Продажи", "direction": "lower", "base": "-3", "norm": "0.000001", "target": null, "fact": "12345678901234567890.5", "fulfilment": null, "band": "below-base"}],
     "components": [{"id": "draw", "type": "draw", "amount": "-0.50", "opening_balance": null, "closing_balance": "0"}]},
    {"id": "M-01"`, 1)
	res = strings.Replace(res, `"total": "104400.00"
}`, `"total": "104401.50"
}`, 1)
	data := snapshotText(t, res)
	fast, _, err := readAll(t, data, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	slow := bytes.ReplaceAll(data, []byte("\n      [\""), []byte("\n      [ \""))
	if bytes.Equal(slow, data) {
		t.Fatal("no row changed")
	}
	bySlow, _, err := readAll(t, slow, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if len(fast) != 3 || !reflect.DeepEqual(fast, bySlow) {
		t.Errorf("the fast path and the scanner's differ:\n%+v\n%+v", fast, bySlow)
	}
	if f := fast[0]; f.Name != "Пётр" || f.KPIs[0].Fact.String() != "12345678901234567890.5" || f.KPIs[0].Fulfilment.Valid() || f.Components[0].Opening.Valid() || f.Components[0].Closing.String() != "0" {
		t.Errorf("M-00 = %+v", f)
	}
	// And as the format 1 snapshot of the same result.
	old, _, err := readAll(t, snapshotOf(t, 1, res), "2026-10")
	if err != nil || !reflect.DeepEqual(fast, old) {
		t.Errorf("format 2 and format 1 differ: %v\n%+v\n%+v", err, fast, old)
	}
}

// ReadFiguresEach hands the same Figures each time, read again; ReadFacts
// fills at least the ids, the totals and the KPIs' ids and facts.
func TestReadFiguresEachAndFacts(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/2026-10.json"
	if err := os.WriteFile(path, snapshotText(t, leanResult), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _, err := readAll(t, snapshotText(t, leanResult), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	var got []Figures
	var same []*Figures
	if _, err := ReadFiguresEach(path, per("2026-10"), func(f *Figures) error {
		c := *f
		c.KPIs, c.Components = slices.Clone(f.KPIs), slices.Clone(f.Components)
		got = append(got, c)
		same = append(same, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(&got[0], want[0]) || !reflect.DeepEqual(&got[1], want[1]) {
		t.Errorf("ReadFiguresEach = %+v, want %+v", got, want)
	}
	if same[0] != same[1] {
		t.Error("ReadFiguresEach made a Figures for each employee")
	}
	type fact struct{ id, total, kpi, fact string }
	var facts []fact
	if _, err := ReadFacts(path, per("2026-10"), func(f *Figures) error {
		for _, k := range f.KPIs {
			facts = append(facts, fact{f.ID, f.Total.String(), k.ID, k.Fact.String()})
		}
		if len(f.KPIs) == 0 {
			facts = append(facts, fact{f.ID, f.Total.String(), "", ""})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if w := []fact{{"M-01", "56400", "sales", "440000"}, {"M-02", "48000", "", ""}}; !reflect.DeepEqual(facts, w) {
		t.Errorf("ReadFacts = %+v, want %+v", facts, w)
	}
	// Its total checked all the same.
	bad := strings.Replace(string(snapshotText(t, leanResult)), `"total": "104400.00",`+"\n    \"employees\"", `"total": "104401.00",`+"\n    \"employees\"", 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFacts(path, per("2026-10"), func(*Figures) error { return nil }); err == nil || !strings.Contains(err.Error(), "is not the sum of its employees' totals") {
		t.Errorf("ReadFacts of a total edited: %v", err)
	}
}
