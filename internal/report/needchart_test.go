package report

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/need"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// needCase reads a need golden's inputs (testdata/need-<name>) and
// computes id's standing; change, if not nil, changes the input first.
func needCase(t *testing.T, name, id, asOf string, change func(*calc.Input)) (*plan.Scheme, *need.Standing) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "need-"+name)
	s, _, err := plan.Open(filepath.Join(dir, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := factsheet.Load(filepath.Join(dir, "facts"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	in, _, err := src.Read(s, factsheet.Options{Period: "2026-10"})
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(in)
	}
	var opt need.Options
	if asOf != "" {
		d, err := time.Parse("2006-01-02", asOf)
		if err != nil {
			t.Fatal(err)
		}
		opt.AsOf = &d
	}
	st, err := need.Compute(s, in, id, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// The picture of where M-01 stands (testdata/need-shop, as of the 15th: 11
// of 22 working days gone, a paced KPI's projection today's × 2), each
// figure in percent of the norm:
//
//	revenue (norm 800,000): today 440,000 → 55; projection 880,000 → 110;
//	  base 400,000 → 50; target 1,000,000 → 125.
//	returns (lower is better, norm 5 %, held): today 6 → 5 / 6 = 83.3333
//	  (the block's 0.833333 × 100); the projection the same; base 8 →
//	  5 / 8 = 62.5; target 3 → 5 / 3 = 166.6667.
//	meetings (norm 20): today 9 → 45; projection 18 → 90; base 16 → 80;
//	  target 24 → 120.
//	upsell has no plan: not in the chart.
//
// The norm is 100 for each, so it is no series: the axis says where.
func TestNeedChartPicture(t *testing.T) {
	_, st := needCase(t, "shop", "M-01", "2026-10-15", nil)
	c, ok := NeedChart(st, "en")
	if !ok {
		t.Fatal("no chart")
	}
	want := chart.Chart{
		Kind: chart.Bar, Title: "Where I stand against the norm · Olga Belova · 2026-10", YTitle: "% of the norm (100 = the norm)",
		Categories: []string{"Revenue", "Share of goods returned", "Meetings held"},
		Series: []chart.Series{
			{Name: "Today", Values: []string{"55", "83.3333", "45"}},
			{Name: "Projection", Values: []string{"110", "83.3333", "90"}},
			{Name: "Base", Values: []string{"50", "62.5", "80"}},
			{Name: "Target", Values: []string{"125", "166.6667", "120"}},
		},
		Height: chart.DefaultHeight, // 3 KPIs × 4 bars: 150 + 16 × 12 = 342 pixels would do
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("chart:\n%+v\nwant\n%+v", c, want)
	}

	// Without an as-of date there is no projection, so no such series; in
	// Russian the words are Russian.
	_, st = needCase(t, "shop", "M-01", "", nil)
	c, _ = NeedChart(st, "ru")
	var names []string
	for _, s := range c.Series {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ", "); got != "Сейчас, База, Цель" {
		t.Errorf("series without --as-of, in Russian: %s", got)
	}
	if c.Title != "Где я сейчас относительно нормы · Olga Belova · 2026-10" || c.YTitle != "% нормы (100 — норма)" {
		t.Errorf("Russian titles: %q, %q", c.Title, c.YTitle)
	}
}

// A lower-is-better fact of 0 has no share (norm / 0): its bar is a gap,
// and the workbook's note says why. R-01 (testdata/need-funnel) with no
// complaints, as of the 15th: complaints today 0 and projected 0 (0 × 2)
// have none; the base 6 → 4 / 6 = 66.6667, the target 2 → 4 / 2 = 200.
func TestNeedChartBest(t *testing.T) {
	s, st := needCase(t, "funnel", "R-01", "2026-10-15", func(in *calc.Input) {
		in.Employees[0].Facts.Set("complaints", calc.Value{V: decimal.Zero})
	})
	c, ok := NeedChart(st, "en")
	if !ok {
		t.Fatal("no chart")
	}
	got := map[string]string{}
	for _, s := range c.Series {
		got[s.Name] = s.Values[2] // complaints, the third KPI
	}
	if want := map[string]string{"Today": "", "Projection": "", "Base": "66.6667", "Target": "200"}; !reflect.DeepEqual(got, want) {
		t.Errorf("complaints: %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if _, err := WriteNeed(&buf, s, st, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sharedText(t, buf.Bytes()), needEn.NotesBest) {
		t.Errorf("the workbook does not say why a bar is missing (%q)", needEn.NotesBest)
	}
}

// sharedText is the text of a workbook's shared strings and sheets.
func sharedText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") || f.Name == "xl/sharedStrings.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			b.Write(data)
		}
	}
	return b.String()
}

// A role with no norm anywhere has nothing to draw against one.
func TestNeedChartNoNorm(t *testing.T) {
	st := &need.Standing{ID: "X-01", Name: "X", Period: "2026-10", KPIs: []need.KPI{{ID: "sales", Today: calc.Dec(decimal.NewFromInt(5))}}}
	if _, ok := NeedChart(st, "en"); ok {
		t.Error("a chart of a role without a norm")
	}
	b := needBlockAt(st, needEn, 10)
	if b.head != 0 || b.chartTop != 0 {
		t.Errorf("block at %d, charts at %d: want none", b.head, b.chartTop)
	}
}

// The workbook's charts as written and read back: the chart against the
// norm over A:I drawn from the block (M-01: the table's KPI rows 8 to 11
// and 3 notes at 13 to 15; the block's heading at 17, its columns' names
// at 18, a row each for revenue, returns and meetings at 19 to 21 — upsell
// has no norm — and 2 notes at 22 and 23; the charts from row 25, 4 KPIs:
// max(18, 8 + 4 × 4) = 24 rows), and the pay with one KPI at each level
// over J:S drawn from the table's pay columns K, O and S.
func TestNeedWorkbookCharts(t *testing.T) {
	s, st := needCase(t, "shop", "M-01", "2026-10-15", nil)
	var buf bytes.Buffer
	if _, err := WriteNeed(&buf, s, st, "en"); err != nil {
		t.Fatal(err)
	}
	b, err := xlsx.Open(buf.Bytes(), xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.Charts("Where I stand")
	if err != nil {
		t.Fatal(err)
	}
	ref := func(r string) xlsx.Ref { return xlsx.Ref{Sheet: "Where I stand", Range: r} }
	want := []xlsx.Chart{{
		Kind: xlsx.Bar, Title: "Where I stand against the norm", YTitle: "% of the norm (100 = the norm)", ValueFormat: "0%", Anchor: "A25:I49",
		Categories: ref("B19:B21"), Legend: xlsx.LegendBottom,
		Series: []xlsx.Series{{Name: "Today", Values: ref("C19:C21")}, {Name: "Projection", Values: ref("D19:D21")},
			{Name: "Base", Values: ref("E19:E21")}, {Name: "Target", Values: ref("G19:G21")}},
	}, {
		Kind: xlsx.Bar, Title: "Pay with one KPI at a level (today 62300.00 RUB)", YTitle: "Pay, RUB", Anchor: "J25:S49",
		Categories: ref("B8:B11"), Legend: xlsx.LegendBottom,
		Series: []xlsx.Series{{Name: "Base", Values: ref("K8:K11")}, {Name: "Norm", Values: ref("O8:O11")}, {Name: "Target", Values: ref("S8:S11")}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("charts:\n%+v\nwant\n%+v", got, want)
	}
}

// TestNeedChartsInLibreOffice: LibreOffice opens need's workbook (charts
// without cached values), saves it as .xlsx with both charts there and the
// amounts as written, and as OpenDocument with the sheet holding two chart
// objects whose data are the block's and the table's cells.
func TestNeedChartsInLibreOffice(t *testing.T) {
	bin := soffice(t)
	s, st := needCase(t, "shop", "M-01", "2026-10-15", nil)
	var buf bytes.Buffer
	expect, err := WriteNeed(&buf, s, st, "en")
	if err != nil {
		t.Fatal(err)
	}
	content := loRoundTrip(t, bin, "need", buf.Bytes(), expect)
	objects := regexp.MustCompile(`<draw:object [^>]*draw:notify-on-update-of-ranges="([^"]+)"`).FindAllSubmatch(content, -1)
	if len(objects) != 2 {
		t.Fatalf("the .ods has %d chart objects drawn from cells, want 2", len(objects))
	}
	// LibreOffice names the ranges its own way: 'Where I stand'.B19:'Where
	// I stand'.B21, a space between ranges, the categories first.
	for i, want := range [][]string{{"B19:B21", "C19:C21", "D19:D21", "E19:E21", "G19:G21"}, {"B8:B11", "K8:K11", "O8:O11", "S8:S11"}} {
		var ranges []string
		for _, r := range want {
			a, b, _ := strings.Cut(r, ":")
			ranges = append(ranges, "'Where I stand'."+a+":'Where I stand'."+b)
		}
		if got := strings.ReplaceAll(string(objects[i][1]), "&apos;", "'"); got != strings.Join(ranges, " ") {
			t.Errorf("chart %d is drawn from %s, want %s", i+1, got, strings.Join(ranges, " "))
		}
	}
}
