package compare

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/xlsx"
)

// TestBinOf: a change's bin is ±k for |p| in (5(k−1), 5k], worked exactly
// (a bound belongs to the bin nearer 0), 0 its own bin, beyond ±100 % the
// open bins.
func TestBinOf(t *testing.T) {
	for _, tt := range []struct {
		pct   string // a percentage, or n/d
		bin   int
		label string
	}{
		{"0", 0, "0"},
		{"0.000001", 1, "0…+5"},
		{"5", 1, "0…+5"},          // exactly +5 %: the bin nearer 0
		{"5.000001", 2, "+5…+10"}, // just above
		{"10", 2, "+5…+10"},
		// 10,000 / 199,999 × 100 = 5.0000250… %, shown as +5.00 %: above 5.
		{"1000000/199999", 2, "+5…+10"},
		// 1,000,000 / 200,001 = 4.99997500… %: below 5.
		{"1000000/200001", 1, "0…+5"},
		{"-0.01", -1, "-5…0"},
		{"-5", -1, "-5…0"}, // exactly −5 %: the bin nearer 0
		{"-5.01", -2, "-10…-5"},
		{"-11.055276", -3, "-15…-10"},
		{"-16.025641", -4, "-20…-15"},
		{"12.637363", 3, "+10…+15"},
		{"100", 20, "+95…+100"},
		{"100.0001", 21, "> +100"},
		{"2500", 21, "> +100"},
		{"-100", -20, "-100…-95"},
		{"-100.5", -21, "< -100"},
	} {
		var p calc.Q
		if n, d, ok := strings.Cut(tt.pct, "/"); ok {
			p = calc.Frac(dec(n), dec(d))
		} else {
			p = calc.Dec(dec(tt.pct))
		}
		if got := binOf(p); got != tt.bin {
			t.Errorf("binOf(%s) = %d, want %d", tt.pct, got, tt.bin)
		}
		if got := (Bin{Index: tt.bin}).Label(); got != tt.label {
			t.Errorf("Bin{%d}.Label() = %q, want %q", tt.bin, got, tt.label)
		}
	}
}

// TestDistribution counts TestBuild's months by hand. September: A-1
// +10 % (bin +2: above 5 up to 10), B-2 −10 % (bin −2), C-3 under the
// old scheme only, D-4 from 0 (undefined). October: A-1 0 % (bin 0), B-2
// +3,333.33 / 30,000 = +11.1111 % (bin +3), E-5 under the new scheme
// only. So the bins run from −2 to +3, with −1 and +1 empty.
func TestDistribution(t *testing.T) {
	sc := Schemes{Old: checked(t, oldYAML), New: checked(t, newYAML), OldName: "old.yaml", NewName: "new.yaml"}
	rep := Build(sc, months(sc.New), Options{Top: 5})
	d := rep.Distribution()
	var got []string
	for _, b := range d.Bins {
		got = append(got, fmt.Sprintf("%s:%v", b.Label(), b.Counts))
	}
	want := "-10…-5:[1 0] -5…0:[0 0] 0:[0 1] 0…+5:[0 0] +5…+10:[1 0] +10…+15:[0 1]"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("bins:\n%s\nwant\n%s", g, want)
	}
	if fmt.Sprint(d.Undefined) != "[1 0]" || fmt.Sprint(d.OneScheme) != "[1 1]" {
		t.Errorf("undefined %v, one scheme %v; want [1 0] and [1 1]", d.Undefined, d.OneScheme)
	}
	// Every row is counted once: 4 in bins, 1 undefined, 2 under one
	// scheme only.
	n := 0
	for _, b := range d.Bins {
		for _, c := range b.Counts {
			n += c
		}
	}
	if n+1+2 != len(rep.Rows) {
		t.Errorf("%d rows in bins, 1 undefined, 2 one-scheme; %d rows", n, len(rep.Rows))
	}
}

// TestChartsDrawThePictures: each native chart of the workbook refers to
// cells that hold exactly the figures of the picture --chart draws (a
// "-" cell where the picture has a gap), with the same titles, so the
// two never show different figures; the old-and-new charts of the months
// together are the picture's rows. In both languages.
func TestChartsDrawThePictures(t *testing.T) {
	sc := Schemes{Old: checked(t, oldYAML), New: checked(t, newYAML), OldName: "old.yaml", NewName: "new.yaml"}
	rep := Build(sc, months(sc.New), Options{Top: 5})
	for _, lang := range []string{"en", "ru"} {
		var buf bytes.Buffer
		if _, err := WriteWorkbook(&buf, rep, lang); err != nil {
			t.Fatal(err)
		}
		book, err := xlsx.Open(buf.Bytes(), xlsx.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		l := labelsFor(lang)
		// cells are the cells of a reference, as a picture's values: a
		// number's text, "" for "-" (a side with no one).
		cells := func(r xlsx.Ref) []string {
			sh, err := book.Sheet(r.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			g, _ := xlsx.ParseRange(r.Range)
			var out []string
			for row := g.Row1; row <= g.Row2; row++ {
				for col := g.Col1; col <= g.Col2; col++ {
					c := sh.Find(row, col)
					switch {
					case c == nil:
						out = append(out, "<blank>")
					case c.Kind == xlsx.Number:
						out = append(out, sh.Text(c))
					case sh.Text(c) == "-":
						out = append(out, "")
					default:
						out = append(out, sh.Text(c))
					}
				}
			}
			return out
		}
		same := func(what string, got xlsx.Chart, want chart.Chart, wantCats []string, wantValues [][]string) {
			t.Helper()
			if got.Title != want.Title || got.XTitle != want.XTitle || got.YTitle != want.YTitle {
				t.Errorf("%s %s: titles %q, %q, %q; the picture's %q, %q, %q", lang, what, got.Title, got.XTitle, got.YTitle, want.Title, want.XTitle, want.YTitle)
			}
			if g := cells(got.Categories); strings.Join(g, "|") != strings.Join(wantCats, "|") {
				t.Errorf("%s %s: categories %q, want %q", lang, what, g, wantCats)
			}
			if len(got.Series) != len(wantValues) {
				t.Fatalf("%s %s: %d series, want %d", lang, what, len(got.Series), len(wantValues))
			}
			for i, s := range got.Series {
				if s.Name != want.Series[i].Name {
					t.Errorf("%s %s: series %d is %q, the picture's %q", lang, what, i, s.Name, want.Series[i].Name)
				}
				if g := cells(s.Values); !sameValues(g, wantValues[i]) {
					t.Errorf("%s %s: series %s: cells %q, picture %q", lang, what, s.Name, g, wantValues[i])
				}
			}
		}

		// Old and new pay: a chart a month on the summary, the picture's
		// rows (its categories name the month too: there are two).
		charts, err := book.Charts(l.Summary)
		if err != nil || len(charts) != 2 {
			t.Fatalf("%s: summary charts %v, %v; want 2", lang, charts, err)
		}
		pic := Picture(rep, lang, PictureOldNew)
		if pic.Title != l.ChartOldNew || len(pic.Categories) != len(rep.Rows) {
			t.Errorf("%s: picture %q of %d people, want %q of %d", lang, pic.Title, len(pic.Categories), l.ChartOldNew, len(rep.Rows))
		}
		from := 0
		for mi, c := range charts {
			n := 0
			for _, r := range rep.Rows {
				if r.Month == mi {
					n++
				}
			}
			var names []string
			for _, r := range rep.Rows[from : from+n] {
				names = append(names, r.Name)
				if want := r.Name + " (" + r.Period + ")"; pic.Categories[from+len(names)-1] != want {
					t.Errorf("%s: picture's category %q, want %q", lang, pic.Categories[from+len(names)-1], want)
				}
			}
			month := Picture(rep, lang, PictureOldNew)
			month.Title += ", " + rep.Months[mi].Period
			same(fmt.Sprintf("old and new, month %d", mi+1), c, month, names,
				[][]string{pic.Series[0].Values[from : from+n], pic.Series[1].Values[from : from+n]})
			from += n
		}
		// The distribution, roles and departments: one chart each.
		for _, p := range []struct {
			sheet string
			which int
		}{{l.DistributionSheet, PictureDistribution}, {l.RolesSheet, PictureRoles}, {l.DepartmentsSheet, PictureDepartments}} {
			charts, err := book.Charts(p.sheet)
			if err != nil || len(charts) != 1 {
				t.Fatalf("%s: %s charts %v, %v; want 1", lang, p.sheet, charts, err)
			}
			pic := Picture(rep, lang, p.which)
			var values [][]string
			for _, s := range pic.Series {
				values = append(values, s.Values)
			}
			same(p.sheet, charts[0], pic, pic.Categories, values)
		}
	}
	// The figures themselves, by hand: C-3 has no new pay (a gap), E-5
	// no old; the roles' sums (Build's): clerk 30,000 → none, seller
	// 50,000 + 40,000 + 0 + 50,000 + 30,000 = 170,000 → 55,000 + 36,000 +
	// 1,000 + 50,000 + 33,333.33 = 175,333.33, auditor none → 20,000.
	pic := Picture(rep, "en", PictureOldNew)
	if pic.Series[1].Values[2] != "" || pic.Series[0].Values[6] != "" || pic.Series[0].Values[0] != "50000" || pic.Series[1].Values[0] != "55000" {
		t.Errorf("old and new: %q, %q", pic.Series[0].Values, pic.Series[1].Values)
	}
	roles := Picture(rep, "en", PictureRoles)
	if got := fmt.Sprint(roles.Categories, roles.Series[0].Values, roles.Series[1].Values); got != "[Auditor Clerk Seller] [ 30000 170000] [20000  175333.33]" {
		t.Errorf("roles: %s", got)
	}
	dist := Picture(rep, "en", PictureDistribution)
	if got := fmt.Sprintf("%s %v %s %v", dist.Series[0].Name, dist.Series[0].Values, dist.Series[1].Name, dist.Series[1].Values); got != "2026-09 [1 0 0 0 1 0] 2026-10 [0 0 1 0 0 1]" {
		t.Errorf("distribution: %s", got)
	}
}

// sameValues: a cell holds a picture's value when both are the same
// number (the cell's text may write it otherwise: 5E4), or both a gap.
func sameValues(cells, values []string) bool {
	if len(cells) != len(values) {
		return false
	}
	for i, c := range cells {
		if (c == "") != (values[i] == "") {
			return false
		}
		if c == "" {
			continue
		}
		a, err1 := decimal.NewFromString(c)
		b, err2 := decimal.NewFromString(values[i])
		if err1 != nil || err2 != nil || !a.Equal(b) {
			return false
		}
	}
	return true
}

// TestPictureSize: a picture grows with what it shows, so that each bar
// keeps its room: a bar chart 160 pixels plus 26 a category (at least
// 480), the distribution 160 plus 36 a bin for one month (at least 800).
// Forty people whose changes run from −195 % to +195 % in steps of 10:
// 40 × 26 + 160 = 1,200 pixels high; their bins run from the open one
// below −100 % to the open one above +100 %, all 43: 43 × 36 + 160 =
// 1,708 pixels wide.
func TestPictureSize(t *testing.T) {
	rep := &Report{Currency: "RUB", Months: []Total{{Period: "2026-10"}}}
	for i := range 40 {
		old := Pay{Total: dec("1000")}
		d := dec(fmt.Sprint(-1950 + 100*i)) // −195 % … +195 % of 1,000
		neu := Pay{Total: old.Total.Add(d)}
		rep.Rows = append(rep.Rows, Row{ID: fmt.Sprintf("P-%02d", i), Name: "N", Old: &old, New: &neu, Diff: &d, Pct: percent(d, old.Total)})
	}
	rep.Roles = []Group{{Key: "r", Title: "R", Amounts: Amounts{HasOld: true, HasNew: true}}}
	if c := Picture(rep, "en", PictureOldNew); c.Width != 0 || c.Height != 1200 {
		t.Errorf("old and new: %d × %d, want 0 (the default 800) × 1200", c.Width, c.Height)
	}
	if c := Picture(rep, "en", PictureRoles); c.Height != 480 {
		t.Errorf("roles: height %d, want 480", c.Height)
	}
	c := Picture(rep, "en", PictureDistribution)
	if len(c.Categories) != 43 || c.Categories[0] != "< -100" || c.Categories[42] != "> +100" || c.Width != 1708 {
		t.Errorf("distribution: %d bins, %q … %q, %d wide; want 43, < -100 … > +100, 1708", len(c.Categories), c.Categories[0], c.Categories[len(c.Categories)-1], c.Width)
	}
	// −195 … −105: 10 below −100 %; −95, −85, … −5 each in every other
	// bin (−95 in −95…−90, bin −19; −5 in −5…0, bin −1), so bin −20
	// (−100…−95) and every even bin is empty; none at 0; +5 … +95 the
	// same on the other side; +105 … +195: 10 above +100 %.
	want := "10 0" + strings.Repeat(" 1 0", 10) + strings.Repeat(" 1 0", 10) + " 10"
	if got := strings.Join(c.Series[0].Values, " "); got != want {
		t.Errorf("distribution: %s\nwant %s", got, want)
	}
}
