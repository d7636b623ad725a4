package main

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// soffice finds LibreOffice, as internal/report's and internal/xlsx's
// tests do: CI installs it and sets PREMIA_REQUIRE_LIBREOFFICE=1, so there
// a missing LibreOffice fails the test instead of skipping it.
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("PREMIA_REQUIRE_LIBREOFFICE") != "" {
		t.Fatal("LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui")
	}
	t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
	return ""
}

// loChart is a chart as LibreOffice holds it once it has opened a
// workbook: its title, the ranges it is drawn from, and the data it drew
// (its categories, and each series' values: "NaN" for a gap).
type loChart struct {
	title  string
	ranges string
	cats   []string
	values [][]string
}

// loCharts converts each of xlsxs to OpenDocument with LibreOffice and
// reads each one's charts back, by the sheet that holds them.
func loCharts(t *testing.T, dir string, xlsxs ...string) []map[string][]loChart {
	t.Helper()
	bin := soffice(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := filepath.Join(dir, "ods")
	cmd := exec.CommandContext(ctx, bin, append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "ods", "--outdir", out}, xlsxs...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice failed: %v\n%s", err, b)
	}
	var all []map[string][]loChart
	for _, x := range xlsxs {
		zr, err := zip.OpenReader(filepath.Join(out, strings.TrimSuffix(filepath.Base(x), ".xlsx")+".ods"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no .ods of %s: %v", x, err)
		}
		read := func(name string) string {
			f, err := zr.Open(name)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			defer f.Close()
			b, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		content := read("content.xml")
		bySheet := map[string][]loChart{}
		tableRE := regexp.MustCompile(`(?s)<table:table table:name="([^"]*)".*?</table:table>`)
		objectRE := regexp.MustCompile(`<draw:object [^>]*draw:notify-on-update-of-ranges="([^"]+)"[^>]*xlink:href="\./(Object \d+)"`)
		for _, m := range tableRE.FindAllStringSubmatch(content, -1) {
			sheet := html.UnescapeString(m[1])
			bySheet[sheet] = nil
			for _, o := range objectRE.FindAllStringSubmatch(m[0], -1) {
				c := loChart{ranges: html.UnescapeString(o[1])}
				obj := read(o[2] + "/content.xml")
				if tm := regexp.MustCompile(`(?s)<chart:title[^>]*>.*?<text:p>(.*?)</text:p>`).FindStringSubmatch(obj); tm != nil {
					c.title = html.UnescapeString(tm[1])
				}
				rows := regexp.MustCompile(`(?s)<table:table-rows>(.*?)</table:table-rows>`).FindStringSubmatch(obj)
				if rows == nil {
					t.Fatalf("%s: sheet %q: a chart with no data", x, sheet)
				}
				for _, r := range regexp.MustCompile(`(?s)<table:table-row>(.*?)</table:table-row>`).FindAllStringSubmatch(rows[1], -1) {
					cells := regexp.MustCompile(`(?s)<table:table-cell([^>]*)>\s*<text:p>(.*?)</text:p>`).FindAllStringSubmatch(r[1], -1)
					if len(cells) == 0 {
						continue
					}
					c.cats = append(c.cats, html.UnescapeString(cells[0][2]))
					for i, v := range cells[1:] {
						if len(c.values) <= i {
							c.values = append(c.values, nil)
						}
						c.values[i] = append(c.values[i], v[2])
					}
				}
				bySheet[sheet] = append(bySheet[sheet], c)
			}
		}
		zr.Close()
		all = append(all, bySheet)
	}
	return all
}

// TestCompareChartsInLibreOffice: LibreOffice opens compare's workbooks
// (no cached values in the charts) and draws each chart from the cells it
// names: the old and new pay of each month's people on the summary, the
// distribution's bins, the roles' and the departments' sums, each holding
// the figures the tables and the JSON hold, a person paid under one
// scheme only drawn with a gap ("-" in the cell), never 0.
func TestCompareChartsInLibreOffice(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join("..", "..", "examples", "scheme-change")
	one := filepath.Join("..", "..", "testdata", "compare-one-scheme-only")
	months := filepath.Join(dir, "months.xlsx")
	only := filepath.Join(dir, "only.xlsx")
	twoMonths := []string{"compare", filepath.Join(ex, "scheme-old.yaml"), filepath.Join(ex, "scheme-new.yaml"),
		filepath.Join(ex, "facts.xlsx"), filepath.Join("..", "..", "testdata", "compare-two-months", "nov")}
	oneScheme := []string{"compare", filepath.Join(one, "scheme-old.yaml"), filepath.Join(one, "scheme-new.yaml"), filepath.Join(one, "facts"), "--period", "2026-10"}
	type person struct {
		Name     string
		Old, New *struct{ Total string }
	}
	type group struct {
		Title, Department string
		Old, New          *string
	}
	var js [2]struct {
		People      []person
		Roles       []group
		Departments []group
	}
	for i, args := range [][]string{twoMonths, oneScheme} {
		runJSON(t, &js[i], append(append([]string{}, args...), "--format", "json")...)
		var stdout, stderr bytes.Buffer
		out := []string{months, only}[i]
		if code := run(context.Background(), append(append([]string{}, args...), "-o", out), strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	books := loCharts(t, dir, months, only)

	num := func(s string) string { // the JSON's amount as LibreOffice writes it
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
		if s == "" {
			return "0"
		}
		return s
	}
	side := func(p *struct{ Total string }) string {
		if p == nil {
			return "NaN"
		}
		return num(p.Total)
	}
	sum := func(s *string) string {
		if s == nil {
			return "NaN"
		}
		return num(*s)
	}
	check := func(what string, c loChart, title, ranges string, cats []string, values ...[]string) {
		t.Helper()
		if c.title != title {
			t.Errorf("%s: title %q, want %q", what, c.title, title)
		}
		if c.ranges != ranges {
			t.Errorf("%s: drawn from %q, want %q", what, c.ranges, ranges)
		}
		if strings.Join(c.cats, "|") != strings.Join(cats, "|") {
			t.Errorf("%s: categories %q, want %q", what, c.cats, cats)
		}
		if len(c.values) != len(values) {
			t.Fatalf("%s: %d series, want %d", what, len(c.values), len(values))
		}
		for i := range values {
			if strings.Join(c.values[i], " ") != strings.Join(values[i], " ") {
				t.Errorf("%s: series %d: %q, want %q", what, i+1, c.values[i], values[i])
			}
		}
	}
	for i, book := range books {
		j := js[i]
		counts := map[string]int{}
		for sheet, cs := range book {
			counts[sheet] = len(cs)
		}
		want := map[string]int{"Summary": 2 - i, "People": 0, "Change distribution": 1, "By role": 1, "By department": 1, "Changed KPIs": 0}
		for sheet, n := range want {
			if counts[sheet] != n {
				t.Errorf("workbook %d: sheet %q has %d charts in LibreOffice, want %d (all: %v)", i+1, sheet, counts[sheet], n, counts)
			}
		}
		if len(counts) != len(want) {
			t.Errorf("workbook %d: sheets %v, want %v", i+1, counts, want)
		}
		// Old and new pay: a chart a month, of that month's rows of People.
		from := 0
		for mi, c := range book["Summary"] {
			n := 6 // six people each month (the golden tables)
			if i == 1 {
				n = 5
			}
			var names, old, neu []string
			for _, p := range j.People[from : from+n] {
				names, old, neu = append(names, p.Name), append(old, side(p.Old)), append(neu, side(p.New))
			}
			r1, r2 := strconv.Itoa(from+2), strconv.Itoa(from+n+1)
			month := []string{"2026-10", filepath.Join("..", "..", "testdata", "compare-two-months", "nov")}[mi]
			check("old and new "+month, c, "Pay under the old and the new scheme, "+month,
				"People.B"+r1+":People.B"+r2+" People.F"+r1+":People.F"+r2+" People.G"+r1+":People.G"+r2, names, old, neu)
			from += n
		}
		for _, g := range []struct {
			sheet, title, cat string
			gs                []group
		}{{"By role", "Pay by role", "B", j.Roles}, {"By department", "Pay by department", "A", j.Departments}} {
			var names, old, neu []string
			for _, x := range g.gs {
				names, old, neu = append(names, x.Title+x.Department), append(old, sum(x.Old)), append(neu, sum(x.New))
			}
			q := "'" + g.sheet + "'."
			last := strconv.Itoa(len(g.gs) + 1)
			check(g.sheet, book[g.sheet][0], g.title, q+g.cat+"2:"+q+g.cat+last+" "+q+"D2:"+q+"D"+last+" "+q+"E2:"+q+"E"+last, names, old, neu)
		}
	}
	// The distribution, by hand from the People tables (compare-two-months'
	// golden): in 2026-10, −16.03 % and −11.06 %, 0 % twice, +3.92 %,
	// +12.64 %; in nov, −4.65 % and −4.69 %, 0 % twice, +0.54 %, +17.65 %.
	q := "'Change distribution'."
	check("distribution", books[0]["Change distribution"][0], "Change in pay: people in bins of 5 percentage points",
		q+"A2:"+q+"A10 "+q+"B2:"+q+"B10 "+q+"C2:"+q+"C10",
		[]string{"-20…-15", "-15…-10", "-10…-5", "-5…0", "0", "0…+5", "+5…+10", "+10…+15", "+15…+20"},
		[]string{"1", "1", "0", "0", "2", "1", "0", "1", "0"},
		[]string{"0", "0", "0", "2", "2", "1", "0", "0", "1"})
	// compare-one-scheme-only: S-2 +4.00 %, S-1 +7.50 %; T-1 from 0 is in
	// no bin, nor A-7 and K-1, each paid under one scheme only; so bin 0
	// (always there) is empty.
	check("distribution, one scheme only", books[1]["Change distribution"][0], "Change in pay: people in bins of 5 percentage points",
		q+"A2:"+q+"A4 "+q+"B2:"+q+"B4", []string{"0", "0…+5", "+5…+10"}, []string{"0", "1", "1"})
}

// TestCompareChartPNG: --chart FILE.png draws each picture as a PNG that
// decodes, 800 × 480 pixels for the example's six people, with both
// series' colours in the old-and-new picture; the SVGs are goldens
// (compare-charts-svg, compare-two-months-xlsx-ru).
func TestCompareChartPNG(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join("..", "..", "examples", "scheme-change")
	var files []string
	for _, n := range []string{"pay", "change", "roles", "departments"} {
		files = append(files, filepath.Join(dir, n+".PNG")) // the extension in any case
	}
	args := []string{"compare", filepath.Join(ex, "scheme-old.yaml"), filepath.Join(ex, "scheme-new.yaml"), filepath.Join(ex, "facts.xlsx"), "--format", "json"}
	for _, f := range files {
		args = append(args, "--chart", f)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for i, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 480 {
			t.Errorf("%s: %d × %d pixels, want 800 × 480", f, b.Dx(), b.Dy())
		}
		if i != 0 {
			continue
		}
		// The first series' blue (#4472C4) and the second's orange (#ED7D31).
		blue, orange := 0, 0
		b := img.Bounds()
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
			t.Errorf("%s: %d blue and %d orange pixels: want both series' bars", f, blue, orange)
		}
	}
	if !strings.Contains(stderr.String(), "wrote "+files[0]+": Pay under the old and the new scheme, 2026-10\n") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
