package factsheet

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/plan"
)

// csvDir writes a folder of CSV tables.
func csvDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// periodsScheme is testScheme with roles paid by the quarter and by the
// year, so that a fact sheet may be for either.
func periodsScheme(t *testing.T) *plan.Scheme {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(testScheme+`  - id: quarterly
    period: quarter
    fixed: 1000
  - id: yearly
    period: year
    fixed: 1000
`), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPeriodFromTheSheet: the period is read from the cell the defined name
// points to, or right of a Period (Период) label on the instructions sheet;
// --period must agree with it.
func TestPeriodFromTheSheet(t *testing.T) {
	roster := [][]cellSetter{{text("id"), text("name"), text("role")}, {text("A-1"), text("Anna"), text("clerk")}}
	facts := [][]cellSetter{{text("id"), text("docs"), text("no_errors")}, {text("A-1"), num("10"), text("yes")}}
	payments := [][]cellSetter{{text("id"), text("customer"), text("amount"), text("due"), text("paid")}}
	tests := []struct {
		name   string
		instr  [][]cellSetter
		define string // the defined name's reference, or ""
		flag   string
		want   string // the period, or an error's substring
		bad    bool
	}{
		{"defined name", [][]cellSetter{{text("Period"), text("2026-10")}}, "Instructions!$B$1", "", "2026-10", false},
		{"defined name, flag agrees", [][]cellSetter{{text("Period"), text("2026-10")}}, "Instructions!$B$1", "2026-10", "2026-10", false},
		{"defined name, flag disagrees", [][]cellSetter{{text("Period"), text("2026-10")}}, "Instructions!$B$1", "2026-11",
			`sheet "Instructions" B1: the fact sheet is for 2026-10, but --period says 2026-11`, true},
		{"Russian label, month.year", [][]cellSetter{{}, {text("Период:"), text("10.2026")}}, "", "", "2026-10", false},
		{"a date cell", [][]cellSetter{{text("Period"), num("46296")}}, "", "", "", false}, // no date format: not a month
		{"not a month", [][]cellSetter{{text("Period"), text("October")}}, "", "", `B1: the period "October" is not a period: write a month as 2026-10, a quarter as 2026-Q4 or a year as 2026`, true},
		{"a quarter", [][]cellSetter{{text("Period"), text("2026-Q4")}}, "", "", "2026-Q4", false},
		{"a quarter, lower case q", [][]cellSetter{{text("Period"), text("2026-q4")}}, "", "2026-Q4", "2026-Q4", false},
		{"a year as text", [][]cellSetter{{text("Period"), text("2026")}}, "", "", "2026", false},
		{"a year as a number", [][]cellSetter{{text("Period"), num("2026")}}, "", "", "2026", false},
		{"no month 13", [][]cellSetter{{text("Period"), text("2026-13")}}, "", "", `sheet "Instructions" B1: the period "2026-13": there is no month 13: a month is 01 to 12 (2026-10)`, true},
		{"no quarter 5", [][]cellSetter{{text("Period"), text("2026-Q5")}}, "", "", `B1: the period "2026-Q5": there is no quarter 5: a quarter is Q1 to Q4 (2026-Q4)`, true},
		{"a quarter, flag says a month", [][]cellSetter{{text("Period"), text("2026-Q4")}}, "", "2026-10", `B1: the fact sheet is for 2026-Q4, but --period says 2026-10`, true},
		{"none", nil, "", "2026-09", "2026-09", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheets := map[string][][]cellSetter{"Roster": roster, "Facts": facts, "Payments": payments}
			if tt.instr != nil {
				sheets["Instructions"] = tt.instr
			}
			path := writeBook(t, sheets, false)
			if tt.define != "" {
				f, _ := excelize.OpenFile(path)
				f.SetDefinedName(&excelize.DefinedName{Name: PeriodName, RefersTo: tt.define})
				f.Save()
				f.Close()
			}
			in, _, err := readPath(path, periodsScheme(t), tt.flag)
			switch {
			case tt.name == "a date cell":
				if err == nil || !strings.Contains(err.Error(), "is not a period") {
					t.Errorf("a number without a date format: %v, want it refused", err)
				}
			case tt.bad:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %v, want %q", err, tt.want)
				}
			case err != nil:
				t.Errorf("error %v", err)
			case in.Period != tt.want:
				t.Errorf("period %q, want %q", in.Period, tt.want)
			}
		})
	}
}

// TestSlashDates: a table's slashed dates are read month first when one of
// them can only be (10/15/2026), day first when one can only be
// (15/10/2026); one that reads both ways with nothing to tell is refused
// with both readings.
func TestSlashDates(t *testing.T) {
	roster := "id,name,role\nB-2,Boris,seller\n"
	for name, tc := range map[string]struct {
		payments string
		want     []string // due dates, or an error substring
		err      string
	}{
		"US":        {"id,customer,amount,due,paid\nB-2,X,100,10/15/2026,10/8/2026\nB-2,Y,100,10/8/26,\n", []string{"2026-10-15", "2026-10-08"}, ""},
		"day first": {"id,customer,amount,due,paid\nB-2,X,100,15/10/2026,08/10/2026\nB-2,Y,100,08/10/2026,\n", []string{"2026-10-15", "2026-10-08"}, ""},
		"ambiguous": {"id,customer,amount,due,paid\nB-2,X,100,10/8/2026,\n", nil, `"10/8/2026" is not a date: it may be 2026-10-08 or 2026-08-10`},
		"mixed":     {"id,customer,amount,due,paid\nB-2,X,100,10/15/2026,15/10/2026\n", nil, "some dates month first and others day first"},
		"with time": {"id,customer,amount,due,paid\nB-2,X,100,2026-10-15 00:00:00,10.10.2026 0:00\n", []string{"2026-10-15"}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			dir := csvDir(t, map[string]string{"roster.csv": roster, "payments.csv": tc.payments, "facts.csv": "id,docs,no_errors\n"})
			in, _, err := readPath(dir, scheme(t), "2026-10")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ps := in.Employees[0].Payments
			for i, want := range tc.want {
				if got := ps[i].Due.Format("2006-01-02"); got != want {
					t.Errorf("payment %d due %s, want %s", i, got, want)
				}
			}
		})
	}
}

// TestTableUnderAnotherName: a CSV file or sheet premia does not read that
// holds an id column is refused with the table it looks like, so that its
// data is never silently left out.
func TestTableUnderAnotherName(t *testing.T) {
	dir := csvDir(t, map[string]string{
		"roster.csv":        "id,name,role\nA-1,Anna,clerk\n",
		"facts.csv":         "id,docs,no_errors\nA-1,10,yes\n",
		"plans-october.csv": "Табельный номер,Показатель,Норма\nA-1,docs,120\n",
		"notes.csv":         "note\nchecked\n",
		"payments.csv":      "id,customer,amount,due,paid\n",
	})
	_, _, err := readPath(dir, scheme(t), "")
	if err == nil || !strings.Contains(err.Error(), "plans-october.csv looks like the Plans table") || strings.Contains(err.Error(), "notes.csv looks like") {
		t.Errorf("error %v, want plans-october.csv named as a Plans table, and notes.csv left alone", err)
	}
}

// TestHashIsOfTheBytesRead: the audit hash is of the bytes the figures
// came from, even if the file changes after it was read.
func TestHashIsOfTheBytesRead(t *testing.T) {
	dir := csvDir(t, map[string]string{"roster.csv": "id,name,role\nA-1,Anna,clerk\n", "facts.csv": "id,docs,no_errors\nA-1,10,yes\n"})
	path := writeBook(t, map[string][][]cellSetter{
		"Roster":   {{text("id"), text("name"), text("role")}, {text("A-1"), text("Anna"), text("clerk")}},
		"Facts":    {{text("id"), text("docs"), text("no_errors")}, {text("A-1"), num("10"), text("yes")}},
		"Payments": {{text("id"), text("customer"), text("amount"), text("due"), text("paid")}},
	}, false)
	before, _ := os.ReadFile(path)
	src, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := os.ReadFile(filepath.Join(dir, "facts.csv"))
	if err := os.WriteFile(path, other, 0o644); err != nil { // the file is replaced meanwhile
		t.Fatal(err)
	}
	in, _, err := src.Read(scheme(t), Options{})
	if err != nil {
		t.Fatalf("the bytes read first must still be read: %v", err)
	}
	sum := sha256.Sum256(before)
	if src.SHA256 != hex.EncodeToString(sum[:]) || fact(in.Employees[0].Facts, "docs").V.String() != "10" {
		t.Errorf("hash %s, docs %s; want the hash of the bytes read and 10", src.SHA256, fact(in.Employees[0].Facts, "docs").V)
	}
}

// TestHeadersTitleAndRussian: a title above the header is skipped; Russian
// headings are read; figures above the header are refused.
func TestHeadersTitleAndRussian(t *testing.T) {
	path := writeBook(t, map[string][][]cellSetter{
		"Сотрудники": {{text("Сотрудники за октябрь")}, {}, {text("Табельный номер"), text("ФИО"), text("Должность"), text("Оклад"), text("Отработано дней"), text("Дней в периоде")},
			{text("A-1"), text("Анна"), text("clerk"), num("1200"), num("11"), num("22")}},
		"Факты":  {{text("Табельный номер"), text("docs"), text("no_errors")}, {text("A-1"), num("10"), text("да")}},
		"Оплаты": {{text("Табельный номер"), text("Клиент"), text("Сумма"), text("Срок оплаты"), text("Дата оплаты")}},
	}, false)
	in, warnings, err := readPath(path, scheme(t), "")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("%v %q", err, warnings)
	}
	e := in.Employees[0]
	if e.Fixed == nil || e.Fixed.V.String() != "1200" || e.DaysWorked.V.String() != "11" || e.DaysInPeriod.V.String() != "22" || e.Fixed.Src.String() != path+`: sheet "Сотрудники" D4` {
		t.Errorf("A-1 = fixed %v days %v/%v", e.Fixed, e.DaysWorked, e.DaysInPeriod)
	}
	bad := writeBook(t, map[string][][]cellSetter{
		"Roster":   {{text("A-0"), num("5"), num("6")}, {text("id"), text("name"), text("role")}, {text("A-1"), text("Anna"), text("clerk")}},
		"Facts":    {{text("id"), text("docs"), text("no_errors")}, {text("A-1"), num("10"), text("yes")}},
		"Payments": {{text("id"), text("customer"), text("amount"), text("due"), text("paid")}},
	}, false)
	if _, _, err := readPath(bad, scheme(t), ""); err == nil || !strings.Contains(err.Error(), "row 1 holds figures above the header row 2") {
		t.Errorf("figures above the header: %v", err)
	}
}

// TestDocsListEveryHeading: docs/fact-sheet.md, which messages cite, lists
// every table name and heading premia reads, and the README the English and
// Russian ones.
func TestDocsListEveryHeading(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Tables {
		for _, want := range []string{"`" + l.Name + "` / `" + l.Ru + "`"} {
			if !strings.Contains(string(readme), want) {
				t.Errorf("README.md does not name the table %s", want)
			}
		}
		for _, c := range l.Columns {
			if want := "`" + c.ID + "` " + c.Ru; l.Name != Facts && !strings.Contains(string(readme), want) {
				t.Errorf("README.md does not list the heading %s", want)
			}
		}
	}
	doc, err := os.ReadFile("../../docs/fact-sheet.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ToLower(string(doc))
	for _, l := range Tables {
		for _, name := range append([]string{l.Name, l.Ru}, l.Also...) {
			if !strings.Contains(text, strings.ToLower(name)) {
				t.Errorf("docs/fact-sheet.md does not name the table %q", name)
			}
		}
		for _, c := range l.Columns {
			for _, h := range append([]string{"`" + c.ID + "`", c.Ru}, c.Also...) {
				if !strings.Contains(text, strings.ToLower(h)) {
					t.Errorf("docs/fact-sheet.md does not list the heading %q of %s.%s", h, l.Name, c.ID)
				}
			}
		}
	}
}

// TestSeparatorVote: the CSV separator is the one most of the first lines
// hold, outside quotes; a title line or decimal commas do not decide it.
func TestSeparatorVote(t *testing.T) {
	for in, want := range map[string]bool{
		"id;amount\nA;1,5\nB;2,5\n": true, // decimal commas: rows tie, the header decides
		"Отчёт за октябрь, отдел продаж\nid;name;role\nA;B;C\n": true,  // a title line is outvoted
		"id,name,role\nA,\"Smith; John\",C\n":                   false, // a semicolon in quotes
		"id,amount\nA,\"1,5\"\n":                                false,
		"id;name;role\n":                                        true,
	} {
		if got := semicolons([]byte(in)); got != want {
			t.Errorf("semicolons(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestTotalsRow: a totals row's =SUM must match the rows above; a typed
// figure may be their sum or their average (to its own decimals); another
// formula is the clerk's and is not checked.
func TestTotalsRow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		total cellSetter
		err   string
	}{
		{"typed sum", num("30"), ""},
		{"typed average", num("15"), ""},
		{"typed average, rounded", text("15,0"), ""},
		{"typed wrong", num("31"), `C4: the totals row says 31 but the rows above sum to 30`},
		{"average formula", formula("AVERAGE(C2:C3)", "15"), ""},
		{"sum formula, right", formula("SUM(C2:C3)", "30"), ""},
		{"sum formula, wrong", formula("SUM(C2:C2)", "10"), `C4: the totals row says 10 but the rows above sum to 30`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeBook(t, map[string][][]cellSetter{
				"Roster":   {{text("id"), text("name"), text("role")}, {text("A-1"), text("Anna"), text("clerk")}, {text("A-2"), text("Alla"), text("clerk")}},
				"Facts":    {{text("id"), text("no_errors"), text("docs")}, {text("A-1"), text("yes"), num("10")}, {text("A-2"), text("no"), num("20")}, {text("Итого"), nil, tc.total}},
				"Payments": {{text("id"), text("customer"), text("amount"), text("due"), text("paid")}},
			}, false)
			_, _, err := readPath(path, scheme(t), "")
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

func formula(f, saved string) cellSetter {
	return func(x *excelize.File, sheet, cell string) error {
		if err := x.SetCellFormula(sheet, cell, f); err != nil {
			return err
		}
		return x.SetCellDefault(sheet, cell, saved)
	}
}
