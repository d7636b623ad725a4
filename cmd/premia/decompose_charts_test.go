package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// decomposeJSON is what the charts' test reads of decompose's JSON.
type decomposeJSON struct {
	Stages []struct {
		ID    string
		Month string
	}
	People []struct {
		Name   *string
		Stages []struct {
			ID   string
			Day  string
			Norm *string
		}
	}
}

// TestDecomposeChartsInLibreOffice: LibreOffice opens decompose's
// workbooks (no cached values in the charts) and draws each chart from the
// cells it names, holding the figures the JSON holds: on the Funnel sheet
// the month needed of each group of stages (examples/b2b-active: 7.5
// contracts, 25 proposals, 62.5 meetings; then 625 decision-maker talks
// and 3,125 calls, TestFunnelGroups), on the Per day sheet each
// manager's day against the norm, meetings (1) and calls (15). In English
// and in Russian (the sheets Воронка and В день), and for managers alike
// (testdata/decompose-table: one row, "each of 5").
func TestDecomposeChartsInLibreOffice(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join("..", "..", "examples", "b2b-active")
	b2b := []string{"decompose", filepath.Join(ex, "funnel.yaml"), "--scheme", filepath.Join(ex, "scheme.yaml"), "--history", filepath.Join(ex, "facts.xlsx")}
	alike := []string{"decompose", filepath.Join("..", "..", "testdata", "decompose-table", "funnel.yaml")}
	runs := []struct {
		args                   []string
		lang, funnel, perDay   string
		named                  bool
		groups                 [][]int // the stages of each funnel chart
		dayCols                [][2]string
		titleFunnel, titlePer0 string
	}{
		{b2b, "en", "Funnel", "'Per day'", true, [][]int{{0, 1, 2}, {3, 4}}, [][2]string{{"E", "F"}, {"H", "I"}},
			"The funnel: needed a month, contracts to meetings", "meetings a manager a day against the norm (B2B with calls)"},
		{b2b, "ru", "Воронка", "'В день'", true, [][]int{{0, 1, 2}, {3, 4}}, [][2]string{{"E", "F"}, {"H", "I"}},
			"Воронка: сколько нужно в месяц, от contracts до meetings", "meetings на менеджера в день и норма (B2B со звонками)"},
		{alike, "en", "Funnel", "'Per day'", false, [][]int{{0, 1, 2}, {3}}, [][2]string{{"E", "F"}, {"G", "H"}},
			"The funnel: needed a month, deals to meetings", "meetings a manager a day against the norm (B2B with calls)"},
	}
	var books []string
	var js []decomposeJSON
	for i, r := range runs {
		var j decomposeJSON
		runJSON(t, &j, append(append([]string{}, r.args...), "--format", "json")...)
		js = append(js, j)
		out := filepath.Join(dir, []string{"b2b.xlsx", "b2b-ru.xlsx", "alike.xlsx"}[i])
		books = append(books, out)
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append(append([]string{}, r.args...), "--lang", r.lang, "-o", out), strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	num := func(s string) string { // a count as LibreOffice writes it
		if strings.Contains(s, ".") {
			s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	rng := func(sheet, col string, first, last int) string {
		return sheet + "." + col + itoa(first) + ":" + sheet + "." + col + itoa(last)
	}
	for i, book := range loCharts(t, dir, books...) {
		r, j := runs[i], js[i]
		sheetName := func(q string) string { return strings.Trim(q, "'") }
		counts := map[string]int{}
		for sheet, cs := range book {
			counts[sheet] = len(cs)
		}
		if counts[sheetName(r.funnel)] != len(r.groups) || counts[sheetName(r.perDay)] != 2 || len(book) < 3 {
			t.Fatalf("workbook %d: charts by sheet %v", i+1, counts)
		}
		for sheet, n := range counts {
			if sheet != sheetName(r.funnel) && sheet != sheetName(r.perDay) && n != 0 {
				t.Errorf("workbook %d: sheet %q has %d charts, want none", i+1, sheet, n)
			}
		}
		for g, stages := range r.groups {
			c := book[sheetName(r.funnel)][g]
			first, last := 14+stages[0], 14+stages[len(stages)-1]
			var cats, month []string
			for _, s := range stages {
				cats, month = append(cats, j.Stages[s].ID), append(month, num(j.Stages[s].Month))
			}
			if c.ranges != rng(r.funnel, "A", first, last)+" "+rng(r.funnel, "E", first, last) ||
				strings.Join(c.cats, "|") != strings.Join(cats, "|") || len(c.values) != 1 || strings.Join(c.values[0], " ") != strings.Join(month, " ") {
				t.Errorf("workbook %d: funnel chart %d: %+v; want %s, %v", i+1, g+1, c, cats, month)
			}
			if g == 0 && c.title != r.titleFunnel {
				t.Errorf("workbook %d: funnel title %q, want %q", i+1, c.title, r.titleFunnel)
			}
		}
		n := len(j.People)
		for k, stage := range []int{2, len(j.Stages) - 1} { // meetings, calls
			c := book[sheetName(r.perDay)][k]
			var names, days, norms []string
			for _, p := range j.People {
				name := "each of 5"
				if p.Name != nil {
					name = *p.Name
				}
				names, days, norms = append(names, name), append(days, num(p.Stages[stage].Day)), append(norms, *p.Stages[stage].Norm)
			}
			nameCol := "A"
			if r.named {
				nameCol = "B"
			}
			want := rng(r.perDay, nameCol, 4, 3+n) + " " + rng(r.perDay, r.dayCols[k][0], 4, 3+n) + " " + rng(r.perDay, r.dayCols[k][1], 4, 3+n)
			if c.ranges != want || strings.Join(c.cats, "|") != strings.Join(names, "|") || len(c.values) != 2 ||
				strings.Join(c.values[0], " ") != strings.Join(days, " ") || strings.Join(c.values[1], " ") != strings.Join(norms, " ") {
				t.Errorf("workbook %d: per day chart %d: %+v; want %s, %v, %v, %v", i+1, k+1, c, want, names, days, norms)
			}
			if k == 0 && c.title != r.titlePer0 {
				t.Errorf("workbook %d: per day title %q, want %q", i+1, c.title, r.titlePer0)
			}
		}
	}
}

// TestDecomposeChartPNG: --chart FILE.png draws each manager's calls a
// day against the norm of 15 (examples/b2b-active: Dmitry's 1,650 calls /
// 21 days = 78.571429, 5.2 times it, the furthest above), a PNG of 800 ×
// 480 pixels with both series' colours; stdout stays empty without
// --format. The SVG is golden decompose-chart-svg.
func TestDecomposeChartPNG(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join("..", "..", "examples", "b2b-active")
	out := filepath.Join(dir, "calls.png")
	var stdout, stderr bytes.Buffer
	args := []string{"decompose", filepath.Join(ex, "funnel.yaml"), "--scheme", filepath.Join(ex, "scheme.yaml"), "--history", filepath.Join(ex, "facts.xlsx"), "--chart", out}
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %q, want nothing", stdout.String())
	}
	if !strings.Contains(stderr.String(), "wrote "+out+": calls a manager a day against the norm (calls with appointments)\n") {
		t.Errorf("stderr: %s", stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 800 || b.Dy() != 480 {
		t.Errorf("%d × %d pixels, want 800 × 480", b.Dx(), b.Dy())
	}
	blue, orange := 0, 0 // the day's #4472C4 and the norm's #ED7D31
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			switch [3]uint32{r >> 8, g >> 8, bl >> 8} {
			case [3]uint32{0x44, 0x72, 0xC4}:
				blue++
			case [3]uint32{0xED, 0x7D, 0x31}:
				orange++
			}
		}
	}
	if blue < 1000 || orange < 1000 {
		t.Errorf("%d blue and %d orange pixels: want both series' bars", blue, orange)
	}
	// --strict with plans above the norm writes no picture.
	strict := filepath.Join(dir, "strict.svg")
	stderr.Reset()
	if code := run(context.Background(), append(args[:len(args)-1], strict, "--strict"), strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("--strict: exit %d, want 1: %s", code, stderr.String())
	}
	if _, err := os.Stat(strict); err == nil || !strings.Contains(stderr.String(), strict+" is not written") {
		t.Errorf("--strict wrote the picture, or did not say so: %s", stderr.String())
	}
}
