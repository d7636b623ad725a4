package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/trend"
	"github.com/premia-pay/premia/plan"
)

// TestTrendChartInLibreOffice: LibreOffice opens the trend workbook (the
// file check passes on its re-save) and draws the pay chart from the pay
// sheet's cells: the periods in C1:E1, each person's pay in their row.
func TestTrendChartInLibreOffice(t *testing.T) {
	bin := soffice(t)
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	tr := &trend.Trend{
		Periods:  []trend.Period{{Label: "2026-10", Closed: true}, {Label: "2026-11"}, {Label: "2026-12"}},
		People:   []trend.Person{{ID: "M-01", Name: "Olga Belova", Pay: []*decimal.Decimal{d("56400"), d("54000"), d("52800")}}, {ID: "M-02", Name: "Irina Kuznetsova", Pay: []*decimal.Decimal{d("48000"), nil, d("60000")}}},
		Currency: "RUB", Scale: 2,
	}
	var buf bytes.Buffer
	expect, err := WriteTrendWorkbook(&buf, tr, "en")
	if err != nil {
		t.Fatal(err)
	}
	content := loRoundTrip(t, bin, "trend", buf.Bytes(), expect)
	objects := regexp.MustCompile(`<draw:object [^>]*draw:notify-on-update-of-ranges="([^"]+)"`).FindAllSubmatch(content, -1)
	if len(objects) != 1 {
		t.Fatalf("the .ods has %d chart objects drawn from cells, want 1", len(objects))
	}
	got := strings.ReplaceAll(string(objects[0][1]), "&apos;", "'")
	for _, r := range []string{".C1:", ".E1", ".C2:", ".E2", ".C3:", ".E3"} {
		if !strings.Contains(got, r) {
			t.Errorf("the chart is drawn from %s, which lacks %s", got, r)
		}
	}
}

// TestAppendCSVField: the trend's CSV fields as encoding/csv writes them.
func TestAppendCSVField(t *testing.T) {
	for _, f := range []string{"", "plain", "a,b", `say "hi"`, "two\nlines", "cr\rhere", " lead", "\tlead", "\u00a0nbsp", `\.`, `\.x`, "Иванов, Иван", "=1+2", "end "} {
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		_ = cw.Write([]string{f})
		cw.Flush()
		got := string(appendCSVField(nil, f)) + "\n"
		if got != want.String() {
			t.Errorf("appendCSVField(%q) = %q, want %q", f, got, want.String())
		}
	}
}

// TestTrendWorkbookChartLimit: a chart draws at most 255 series in Excel,
// one a person: 255 people have the chart, 256 none (the sheets stay).
func TestTrendWorkbookChartLimit(t *testing.T) {
	for _, c := range []struct {
		people int
		chart  bool
	}{{255, true}, {256, false}} {
		tr := &trend.Trend{Periods: []trend.Period{{Label: "2026-10"}}, Currency: "RUB", Scale: 2}
		for i := range c.people {
			pay := decimal.NewFromInt(int64(1000 + i))
			tr.People = append(tr.People, trend.Person{ID: fmt.Sprintf("E%03d", i), Name: "P", Pay: []*decimal.Decimal{&pay}})
		}
		var buf bytes.Buffer
		if _, err := WriteTrendWorkbook(&buf, tr, "en"); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		has := false
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "xl/charts/") {
				has = true
			}
		}
		if has != c.chart {
			t.Errorf("%d people: chart %v, want %v", c.people, has, c.chart)
		}
	}
}

// TestTrendCSVInBlocks: the CSV written in blocks of people, several
// formatted at once from the figures' parts, is what encoding/csv writes
// of the rows' decimals and ratios as every output shows them (Text,
// Shown, StringFixed): 700 people over three periods (three blocks and
// a part), one absent in February, names with commas and quotes, a
// fulfilment of 1/3, a fact past an int64 and money with fewer places
// than the scale.
func TestTrendCSVInBlocks(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	s := &plan.Scheme{Roles: []*plan.Role{{ID: "manager", KPIs: []*plan.KPI{{ID: "sales"}, {ID: "calls"}}}}}
	b := trend.New(calc.Dec(decimal.RequireFromString("0.7")))
	third := calc.Frac(decimal.NewFromInt(1), decimal.NewFromInt(3))
	for m, label := range []string{"2026-01", "2026-02", "2026-03"} {
		c := trend.NewChunk(label, m < 2)
		c.Money("RUB", 2)
		for i := range 700 {
			if m == 1 && i == 350 {
				continue
			}
			fact := decimal.New(int64(1000*i+m), -1)
			if i == 7 {
				fact = decimal.RequireFromString("123456789012345678901.5")
			}
			norm := calc.Dec(decimal.NewFromInt(int64(500 + m)))
			ful := calc.Dec(decimal.New(int64(i%150), -2))
			if i%97 == 0 {
				ful = third
			}
			k := calc.Dec(decimal.New(int64(i%13), -1))
			c.Take(&trend.Line{ID: fmt.Sprintf("E%04d", i), Name: fmt.Sprintf(`Doe, "J" %d`, i), Role: "manager", Department: "D,1",
				K: trend.OfQ(&k), Pay: trend.OfDecimal(decimal.New(int64(30000+i*7), -int32(i%3))),
				// E0097 in January: sales 9700 (97,000 × 10^-1), norm 500, 1/3 shown
				// 0.333333, not reached (base-norm), K 0.6 (97 mod 13 = 6), pay
				// 30,679 × 10^-1 (97 mod 3 = 1) = 3067.90.
				KPIs: []trend.LineKPI{
					{ID: "sales", Fact: trend.OfDecimal(fact), Norm: trend.OfQ(&norm), Fulfilment: trend.OfQ(&ful), Band: calc.BandBaseNorm},
					{ID: "calls", Fact: trend.OfDecimal(decimal.NewFromInt(int64(i)))},
				}})
		}
		b.TakeChunk(s, c)
	}
	tr := b.Trend()
	var got bytes.Buffer
	if err := TrendCSV(&got, tr); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	_ = cw.Write(TrendCSVHead)
	shown := func(q *calc.Q) string {
		if q == nil {
			return ""
		}
		return q.Shown().String()
	}
	rows := 0
	for r := range tr.AllRows() {
		rows++
		_ = cw.Write([]string{r.Period, strconv.FormatBool(r.Closed), r.ID, r.Name, r.Role, r.Department, r.KPI,
			r.Fact.Decimal().String(), shown(r.Norm.Q()), shown(r.Fulfilment.Q()), tyesNo(r.Reached), shown(r.K.Q()), r.Pay.Decimal().StringFixed(2)})
	}
	cw.Flush()
	// 700 people × 2 KPIs × 3 periods, less the absent one's two.
	if rows != 700*2*3-2 || tr.RowCount() != rows {
		t.Errorf("rows = %d, RowCount %d, want %d", rows, tr.RowCount(), 700*2*3-2)
	}
	if got.String() != want.String() {
		g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(g), len(w))
	}
	if !strings.Contains(got.String(), "2026-01,true,E0097,\"Doe, \"\"J\"\" 97\",manager,\"D,1\",sales,9700,500,0.333333,false,0.6,3067.90\n") {
		t.Errorf("E0097's January row is not as worked out by hand")
	}
}

// TestTrendCSVPlacesByPeriod: each period's pay is shown at its own
// money's places, as paid. January rounds to kopecks and paid 100.50;
// February rounds to whole roubles and paid 101. At February's places
// January's 100.50 would read 101, a figure never paid.
func TestTrendCSVPlacesByPeriod(t *testing.T) {
	s := &plan.Scheme{}
	b := trend.New(calc.Dec(decimal.RequireFromString("0.7")))
	for _, m := range []struct {
		label  string
		places int32
		pay    string
	}{{"2026-01", 2, "100.50"}, {"2026-02", 0, "101"}} {
		c := trend.NewChunk(m.label, true)
		c.Money("RUB", m.places)
		c.Take(&trend.Line{ID: "A-1", Name: "Ann", Role: "manager", Pay: trend.OfDecimal(decimal.RequireFromString(m.pay)),
			KPIs: []trend.LineKPI{{ID: "sales", Fact: trend.OfDecimal(decimal.NewFromInt(5))}}})
		b.TakeChunk(s, c)
	}
	var got bytes.Buffer
	if err := TrendCSV(&got, b.Trend()); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(TrendCSVHead, ",") + "\n" +
		"2026-01,true,A-1,Ann,manager,,sales,5,,,,,100.50\n" +
		"2026-02,true,A-1,Ann,manager,,sales,5,,,,,101\n"
	if got.String() != want {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want)
	}
}
