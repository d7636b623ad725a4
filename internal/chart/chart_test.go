package chart

import (
	"bytes"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata")

// bands is the distribution of pay in bands: a column chart of one series,
// titled in Russian, its axis title with the rouble sign.
func bands() Chart {
	return Chart{
		Kind: Column, Title: "Распределение выплат", XTitle: "Выплата, ₽", YTitle: "Человек",
		Categories: []string{"< 50 000", "50–70 тыс.", "70–90 тыс.", "90–110 тыс.", "≥ 110 000"},
		Series:     []Series{{Name: "Человек", Values: []string{"1", "3", "5", "2", "1"}}},
		Width:      480, Height: 300,
	}
}

// oldNew is old and new pay per person side by side, a gap where a person
// has no new pay.
func oldNew() Chart {
	return Chart{
		Kind: Column, Title: "Old & new pay", XTitle: "Person", YTitle: "Pay, RUB",
		Categories: []string{"Ivanova", "Petrov", "Sidorov"},
		Series: []Series{
			{Name: "Old <scheme>", Values: []string{"81250.50", "64000", "95400.10"}},
			{Name: "New scheme", Values: []string{"86900.00", "59800.25", ""}},
		},
		Width: 480, Height: 300,
	}
}

// TestGoldenSVG: the SVG of small charts is the text in testdata
// (go test ./internal/chart -update rewrites it after a deliberate change).
func TestGoldenSVG(t *testing.T) {
	for name, c := range map[string]Chart{"bands": bands(), "old-new": oldNew()} {
		var buf bytes.Buffer
		if err := Write(&buf, SVG, c); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", name+".svg")
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != string(want) {
			t.Errorf("%s: the SVG differs from %s (go test ./internal/chart -update after a deliberate change):\n%s", name, path, got)
		}
	}
}

// TestSVGText: the SVG holds its texts escaped, the rouble sign written as
// "руб.", and its texts in a font the SVG names.
func TestSVGText(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, SVG, oldNew()); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{`<title>Old &amp; new pay</title>`, `>Old &lt;scheme&gt;</text>`, `font-family="Go, &apos;DejaVu Sans&apos;`} {
		if !strings.Contains(got, want) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	buf.Reset()
	if err := Write(&buf, SVG, bands()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ">Выплата, руб.</text>") {
		t.Errorf("the rouble sign is not written as руб.:\n%s", buf.String())
	}
}

// TestPNG: a PNG decodes at the chart's size, 800 × 480 by default.
func TestPNG(t *testing.T) {
	for _, c := range []Chart{bands(), oldNew(), {Kind: Line, Categories: []string{"1", "2"}, Series: []Series{{Values: []string{"1", "2"}}}}} {
		var buf bytes.Buffer
		if err := Write(&buf, PNG, c); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		w, h := c.Width, c.Height
		if w == 0 {
			w, h = 800, 480
		}
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			t.Errorf("%q: %d × %d pixels, want %d × %d", c.Title, b.Dx(), b.Dy(), w, h)
		}
	}
}

// TestDeterministic: every kind of chart drawn twice, in either format, is
// the same bytes.
func TestDeterministic(t *testing.T) {
	charts := []Chart{bands(), oldNew(),
		{Kind: Bar, Title: "Изменение", Categories: []string{"Иванова", "Петров"}, Series: []Series{{Name: "Δ", Values: []string{"5649.50", "-4199.75"}}}},
		{Kind: Line, Title: "Pace", Categories: []string{"1", "2", "3"}, Series: []Series{{Name: "Actual", Values: []string{"10", "25", ""}}, {Name: "Norm", Values: []string{"12", "24", "36"}}}},
		{Kind: Scatter, Title: "New against old", Categories: []string{"81250.5", "64000"}, Series: []Series{{Name: "People", Values: []string{"86900", "59800.25"}}}},
	}
	for _, c := range charts {
		for _, f := range []Format{SVG, PNG} {
			var a, b bytes.Buffer
			if err := Write(&a, f, c); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, f, c); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
				t.Errorf("%s %v %s: two drawings differ", c.Title, c.Kind, f)
			}
		}
	}
}

// TestCyrillicGlyphs: every character of the Russian texts drawn has a
// glyph in the fonts (no .notdef box): Cyrillic letters, ё, the dashes,
// ≥ and №; the rouble sign, which the fonts lack, is replaced.
func TestCyrillicGlyphs(t *testing.T) {
	text := "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя–—…≥≤−№«»"
	for i, f := range fonts() {
		for _, r := range covered(text + "₽") {
			var buf sfnt.Buffer
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("font %d has no glyph for %q", i, r)
			}
		}
	}
	if got := covered("Сумма, ₽"); got != "Сумма, руб." {
		t.Errorf("covered(Сумма, ₽) = %q, want Сумма, руб.", got)
	}
}

// TestCyrillicInk: a Russian title is drawn as ink in the PNG where it
// stands, as wide as the font measures it: of the title's band (the top
// 40 pixels) the columns holding dark pixels span about its width.
func TestCyrillicInk(t *testing.T) {
	c := bands()
	var buf bytes.Buffer
	if err := Write(&buf, PNG, c); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	first, last := -1, -1
	for x := 0; x < c.Width; x++ {
		for y := 0; y < 40; y++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0x8000 && g < 0x8000 && b < 0x8000 {
				if first < 0 {
					first = x
				}
				last = x
				break
			}
		}
	}
	want := textWidth(c.Title, true, titleSize)
	if first < 0 || math.Abs(float64(last-first+1)-want) > 4 || math.Abs(float64(first+last)/2-float64(c.Width)/2) > 3 {
		t.Errorf("the title's ink spans columns %d to %d, want %.0f pixels centred on %d", first, last, want, c.Width/2)
	}
}

// TestBarsToScale: each column's height is its value's share of the
// axis: the values 1, 3, 5, 2, 1 on an axis from 0 to 5 (ticks 0, 1, … 5,
// a step of 1 for a range of 5) make columns 1/5, 3/5, 1, 2/5 and 1/5 of
// the tallest.
func TestBarsToScale(t *testing.T) {
	sc, err := layout(bands())
	if err != nil {
		t.Fatal(err)
	}
	var heights []float64
	for _, s := range sc.shapes {
		if s.kind == rectShape && s.color == palette[0] {
			heights = append(heights, s.h)
		}
	}
	if len(heights) != 5 {
		t.Fatalf("%d columns, want 5", len(heights))
	}
	for i, want := range []float64{1, 3, 5, 2, 1} {
		if got := heights[i] / heights[2] * 5; math.Abs(got-want) > 1e-9 {
			t.Errorf("column %d is %.6f of the tallest × 5, want %v", i+1, got, want)
		}
	}
}

// TestTicks: an axis's ticks are 1, 2 or 5 times a power of ten, about
// five steps, from zero for bars; worked by hand.
func TestTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi         float64
		zero           bool
		wantLo, wantHi float64
		wantStep       float64
		wantLabels     string
	}{
		// 97000 / 5 = 19400: the step is 20000 (10000 is less), 0 to 100000.
		{59800.25, 97000, true, 0, 100000, 20000, "0|20 000|40 000|60 000|80 000|100 000"},
		// (8500.75 + 4199.75) / 5 = 2540.1: the step is 5000; −4199.75 is
		// above −5000, 8500.75 below 10000.
		{-4199.75, 8500.75, true, -5000, 10000, 5000, "−5000|0|5000|10 000"},
		// A scatter's axis from its data: (97000 − 59800.25) / 5 = 7439.95,
		// a step of 10000, 50000 to 100000.
		{59800.25, 97000, false, 50000, 100000, 10000, "50 000|60 000|70 000|80 000|90 000|100 000"},
		// 1.3 / 5 = 0.26: a step of 0.5, labelled with one decimal.
		{0.2, 1.5, false, 0, 1.5, 0.5, "0.0|0.5|1.0|1.5"},
		// One value, zero: an axis 0 to 1.
		{0, 0, true, 0, 1, 0.2, "0.0|0.2|0.4|0.6|0.8|1.0"},
	} {
		tk := niceTicks(c.lo, c.hi, c.zero)
		var labels []string
		for _, v := range tk.values() {
			labels = append(labels, tk.label(v))
		}
		if tk.lo != c.wantLo || tk.hi != c.wantHi || tk.step != c.wantStep || strings.Join(labels, "|") != c.wantLabels {
			t.Errorf("niceTicks(%v, %v) = %v to %v by %v (%s), want %v to %v by %v (%s)", c.lo, c.hi, tk.lo, tk.hi, tk.step, strings.Join(labels, "|"), c.wantLo, c.wantHi, c.wantStep, c.wantLabels)
		}
	}
}

// TestRefused: a chart that cannot be drawn is an error saying why, and a
// file name not ending .svg or .png is refused.
func TestRefused(t *testing.T) {
	for want, c := range map[string]Chart{
		"has 2 values for 3 categories": {Categories: []string{"a", "b", "c"}, Series: []Series{{Name: "s", Values: []string{"1", "2"}}}},
		`"1,5" is not a number`:         {Categories: []string{"a"}, Series: []Series{{Name: "s", Values: []string{"1,5"}}}},
		"no series":                     {Categories: []string{"a"}},
		"no categories":                 {Series: []Series{{Name: "s"}}},
		`x value 1: "a" is not`:         {Kind: Scatter, Categories: []string{"a"}, Series: []Series{{Values: []string{"1"}}}},
		"pixels":                        {Width: 50, Categories: []string{"a"}, Series: []Series{{Values: []string{"1"}}}},
	} {
		if err := Write(&bytes.Buffer{}, SVG, c); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
	if _, err := FormatOf("chart.jpg"); err == nil || !strings.Contains(err.Error(), ".svg or .png") {
		t.Errorf("chart.jpg: %v", err)
	}
	if f, err := FormatOf("out/Chart.PNG"); f != PNG || err != nil {
		t.Errorf("FormatOf(Chart.PNG) = %q, %v", f, err)
	}
}

// TestSave writes a chart file in the format its name says.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"c.svg", "c.png"} {
		path := filepath.Join(dir, "sub", name)
		if err := Save(path, oldNew()); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".svg") != bytes.HasPrefix(data, []byte("<?xml")) || strings.HasSuffix(name, ".png") != bytes.HasPrefix(data, []byte("\x89PNG")) {
			t.Errorf("%s starts %q", name, data[:8])
		}
	}
	if err := Save(filepath.Join(dir, "c.gif"), oldNew()); err == nil {
		t.Error("c.gif was written")
	}
}
