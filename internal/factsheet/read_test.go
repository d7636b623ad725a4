package factsheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

const testScheme = `version: 1
id: t
currency: RUB
roles:
  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 1, base: 0, norm: 100}
    conditions:
      - {id: no_errors, coefficient: 0.1}
  - id: seller
    kpis:
      - {id: margin, source: payments}
    components:
      - {id: c, type: commission, kpi: margin, rate: 0.1}
`

func scheme(t *testing.T) *plan.Scheme {
	t.Helper()
	s, warnings, err := plan.Check(strings.NewReader(testScheme), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_ = warnings
	return s
}

// cellSetter writes a cell the way a clerk's Excel would store it.
type cellSetter func(f *excelize.File, sheet, cell string) error

func num(v string) cellSetter {
	return func(f *excelize.File, sheet, cell string) error { return f.SetCellDefault(sheet, cell, v) }
}

func text(v string) cellSetter {
	return func(f *excelize.File, sheet, cell string) error { return f.SetCellStr(sheet, cell, v) }
}

func writeBook(t *testing.T, sheets map[string][][]cellSetter, date1904 bool) string {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for name, rows := range sheets {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, set := range row {
				if set == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := set(f, name, cell); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "facts.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// readPath loads and reads a fact sheet.
func readPath(path string, s *plan.Scheme, period string) (*calc.Input, []string, error) {
	src, err := Load(path)
	if err != nil {
		return nil, nil, err
	}
	in, texts, err := src.Read(s, Options{Period: period})
	var warnings []string
	for _, t := range texts {
		warnings = append(warnings, t.String())
	}
	return in, warnings, err
}

func TestReadXLSX(t *testing.T) {
	path := writeBook(t, map[string][][]cellSetter{
		"Сотрудники": {
			{text(" ID "), text("Name"), text("ROLE"), text("days\u00a0worked"), text("Days-In-Period")},
			{text("A-1"), text("Anna"), text("clerk"), num("10"), num("20")},
			{},
			{text("B-2"), text("Boris"), text("seller")},
			{text("Итого"), nil, nil, num("10")},
		},
		"Facts": {
			{text("id"), text("docs"), text("no_errors")},
			{text("A-1"), num("1.234"), text("да")}, // a numeric 1.234 is exact, not ambiguous
		},
		"Payments": {
			{text("id"), text("customer"), text("amount"), text("due"), text("paid")},
			// 1904 system: serial 44,835 is 2026-10-02 (1904-01-01 + 44,835 days)
			{text("B-2"), text("X"), text("1 000,50"), text("01.10.2026"), num("44835")},
			{text("B-2"), text("Y"), num("200"), text("2026-10-05")},
		},
	}, true)
	in, warnings, err := readPath(path, scheme(t), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %q, want none", warnings)
	}
	if len(in.Employees) != 2 {
		t.Fatalf("%d employees, want 2 (the totals row is not one)", len(in.Employees))
	}
	a := in.Employees[0]
	if a.ID != "A-1" || a.DaysWorked == nil || a.DaysWorked.V.String() != "10" || a.DaysInPeriod.V.String() != "20" {
		t.Errorf("A-1 = %+v", a)
	}
	if got := fact(a.Facts, "docs"); got.V.String() != "1.234" || got.Src.String() != path+`: sheet "Facts" B2` {
		t.Errorf("docs = %s from %q", got.V, got.Src)
	}
	if got := fact(a.Facts, "no_errors").V.String(); got != "1" {
		t.Errorf("no_errors = %s, want 1 (да)", got)
	}
	b := in.Employees[1]
	if len(b.Payments) != 2 {
		t.Fatalf("B-2 has %d payments, want 2", len(b.Payments))
	}
	p := b.Payments[0]
	if p.Amount.V.String() != "1000.5" || p.Due.Format("2006-01-02") != "2026-10-01" || p.Paid == nil || p.Paid.Format("2006-01-02") != "2026-10-02" {
		t.Errorf("payment = %s due %s paid %v", p.Amount.V, p.Due, p.Paid)
	}
	if b.Payments[1].Paid != nil {
		t.Errorf("a blank paid date must read as not paid")
	}
}

func TestReadXLSXProblems(t *testing.T) {
	path := writeBook(t, map[string][][]cellSetter{
		"Roster": {
			{text("id"), text("name"), text("role")},
			{text("A-1"), text("Anna"), text("clerk")},
			{text("A-2"), text("Alla"), text("clerk")},
			{text("A-3"), text("Ada"), text("manager")},
		},
		"Facts": {
			{text("id"), text("docs"), text("no_errors"), text("extra")},
			{text("A-1"), text("1.234"), text("maybe")},
			{text("A-2"), nil, text("no")},
		},
	}, false)
	_, warnings, err := readPath(path, scheme(t), "2026-10")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		path + `: sheet "Roster" C4: role "manager" is not in the scheme`,
		path + `: sheet "Facts" B2: "1.234" is not a number: ambiguous`,
		path + `: sheet "Facts" C2: "maybe" is not yes or no`,
		path + `: sheet "Facts" B3: blank, but A-2 needs a value for "docs"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `D1: column "extra"`) {
		t.Errorf("warnings = %q, want one for the extra column", warnings)
	}
}

func TestReadCSVFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		// A BOM and semicolons, as Russian Excel exports CSV.
		"roster.csv":   "\ufeffid;name;role\nA-1;Anna;clerk\n",
		"facts.csv":    "id;docs;no_errors\nA-1;\"1 234,5\";нет\n",
		"payments.csv": "id,customer,amount,due,paid\n",
		"notes.txt":    "ignored",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in, _, err := readPath(dir, scheme(t), "")
	if err != nil {
		t.Fatal(err)
	}
	f := fact(in.Employees[0].Facts, "docs")
	if f.V.String() != "1234.5" || f.Src.String() != filepath.Join(dir, "facts.csv")+":2:2" {
		t.Errorf("docs = %s from %q, want 1234.5 from facts.csv:2:2", f.V, f.Src)
	}
	if got := fact(in.Employees[0].Facts, "no_errors").V.String(); got != "0" {
		t.Errorf("no_errors = %s, want 0", got)
	}
}

func TestOpenRefusesWrongFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct {
		content []byte
		want    string
	}{
		"empty.xlsx":  {nil, "the file is empty"},
		"csv.xlsx":    {[]byte("id,name\n"), "not an .xlsx workbook"},
		"legacy.xlsx": {[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "legacy .xls"},
		"cut.xlsx":    {[]byte("PK\x03\x04 truncated"), "damaged or cut short"},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, c.content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := readPath(p, scheme(t), "")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("%s: error %v, want %q prefixed by the path", name, err, c.want)
		}
	}
}

// TestZipBombRefused: a workbook whose sheet inflates past the limit is
// refused with the file named, before it is read into memory. The limits are
// lowered here; premia's own are xlsx.DefaultLimits.
func TestZipBombRefused(t *testing.T) {
	defer func(l xlsx.Limits) { Limits = l }(Limits)
	Limits.MaxPartBytes = 32 << 10
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Roster")
	// 10,000 cells of the same text compress to a few KB and inflate past 32 KB.
	for r := 1; r <= 10000; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		f.SetCellStr("Roster", cell, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	}
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	_, _, err := readPath(path, scheme(t), "")
	if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
		t.Fatalf("a %d-byte file inflating past the limit: error %v, want one naming the file", st.Size(), err)
	}
	t.Logf("%d bytes refused: %v", st.Size(), err)
}

func fact(fs calc.Facts, id string) calc.Value {
	v, _ := fs.Get(id)
	return v
}
