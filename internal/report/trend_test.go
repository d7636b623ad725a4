package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/trend"
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
