package report

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/plan"
)

// teamAnalysis analyses the telephone sales team of testdata/team-table
// over the months given as folder → period.
func teamAnalysis(t *testing.T, months ...[2]string) (*plan.Scheme, *teamstats.Analysis) {
	t.Helper()
	s, _, err := plan.Open("../../testdata/team-table/scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ms []teamstats.Month
	for _, m := range months {
		src, err := factsheet.Load(m[0])
		if err != nil {
			t.Fatal(err)
		}
		in, _, err := src.Read(s, factsheet.Options{Period: m[1]})
		src.Close()
		if err != nil {
			t.Fatal(err)
		}
		res, err := calc.Run(s, in, calc.Options{SkipSteps: true, Release: true})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, teamstats.Month{Label: m[1], Result: res})
	}
	return s, teamstats.Analyse(s, ms, teamstats.Options{ReachMin: teamstats.DefaultReachMin})
}

var (
	october  = [2]string{"../../testdata/team-table/oct", "2026-10"}
	november = [2]string{"../../testdata/team-table/nov", "2026-11"}
	december = [2]string{"../../testdata/team-chart-joined/dec", "2026-12"} // M-05 left, M-08 joined
)

func seriesOf(p chart.Chart) map[string][]string {
	out := map[string][]string{}
	for _, s := range p.Series {
		out[s.Name] = s.Values
	}
	return out
}

// TestTeamPicturesHandChecked: the pictures of October's team of seven,
// against figures worked by hand.
func TestTeamPicturesHandChecked(t *testing.T) {
	s, a := teamAnalysis(t, october)
	p, ok := TeamPicture(s, a, "en", "manager", "")
	if !ok {
		t.Fatal("no reachability picture")
	}
	// Against each one's own norm: revenue 4 of 7 (M-01, M-04, M-06, M-07
	// at their personal or the scheme's norm); calls 5 of 7 (all but
	// M-03's 590 and M-05's 380 reach 600); meetings 4 of 7 (24, 21, 20, 30
	// reach 20; 18, 12, 19 do not); conversion 4 of 7 (9/24, 7/20, 6/19,
	// 15/30 reach 0.3; 6/21, 5/18, 3/12 do not); returns 5 of 7 (1, 2, 0,
	// 2, 1 are at most 2; 3 and 7 are not). 4/7 = 0.571428… shown
	// 0.571429, as a percentage 57.1429; 5/7 = 0.714286, 71.4286. The
	// least share, 70 %, beside each.
	want := map[string][]string{
		"Share at norm": {"57.1429", "71.4286", "57.1429", "57.1429", "71.4286"},
		"Least: 70 %":   {"70", "70", "70", "70", "70"},
	}
	if got := seriesOf(p); !equalSeries(got, want) {
		t.Errorf("reachability: %v, want %v", got, want)
	}
	if !slices.Equal(p.Categories, []string{"revenue", "calls", "meetings", "conversion", "returns"}) || p.Kind != chart.Bar ||
		p.Title != "Share of people at their norm" || p.YTitle != "Share at norm, %" || p.XTitle != "KPI" || p.Height != 0 {
		t.Errorf("reachability: %+v", p)
	}
	p, ok = TeamPicture(s, a, "en", "manager", "revenue")
	if !ok {
		t.Fatal("no revenue picture")
	}
	// Revenue in the roster's order, and the mean 4,210,000 / 7 =
	// 601,428.571428… shown 601428.571429 on every row.
	mean := "601428.571429"
	want = map[string][]string{
		"Fact":      {"620000", "480000", "350000", "510000", "300000", "450000", "1500000"},
		"Team mean": {mean, mean, mean, mean, mean, mean, mean},
	}
	if got := seriesOf(p); !equalSeries(got, want) {
		t.Errorf("revenue: %v, want %v", got, want)
	}
	names := []string{"Anna Orlova", "Boris Klimov", "Vera Sokolova", "Gleb Titov", "Daria Lebedeva", "Egor Popov", "Zoya Frolova"}
	if !slices.Equal(p.Categories, names) || p.Title != "Revenue" || p.YTitle != "Fact, RUB" || p.XTitle != "Employee" {
		t.Errorf("revenue: %+v", p)
	}
	// Returns, lower is better, says so; Russian words.
	p, _ = TeamPicture(s, a, "ru", "manager", "returns")
	if p.Title != "Returns (чем меньше, тем лучше)" || p.YTitle != "Факт, pcs" || p.XTitle != "Сотрудник" || p.Series[1].Name != "Среднее команды" {
		t.Errorf("returns in Russian: %+v", p)
	}
	// No such role, no such KPI: no picture.
	if _, ok := TeamPicture(s, a, "en", "head", ""); ok {
		t.Error("a picture of a role no one has")
	}
	if _, ok := TeamPicture(s, a, "en", "manager", "deals"); ok {
		t.Error("a picture of a KPI the role has not")
	}
}

// TestTeamPicturesJoined: November and December, when Daria (M-05) left
// and Ilya (M-08) joined. The picture has everyone, a series per month
// with a gap where a person has no month; the workbook, whose ranges
// must each be one run of rows, draws a chart per month instead.
func TestTeamPicturesJoined(t *testing.T) {
	s, a := teamAnalysis(t, november, december)
	p, ok := TeamPicture(s, a, "en", "manager", "revenue")
	if !ok {
		t.Fatal("no revenue picture")
	}
	// Revenue over 14 person-months: November 560 + 500 + 420 + 470 + 360
	// + 440 + 900 = 3,650 thousand, December 600 + 520 + 410 + 490 + 460 +
	// 950 + 250 = 3,680; mean 7,330,000 / 14 = 523,571.428571…
	mean := "523571.428571"
	want := map[string][]string{
		"2026-11":   {"560000", "500000", "420000", "470000", "360000", "440000", "900000", ""},
		"2026-12":   {"600000", "520000", "410000", "490000", "", "460000", "950000", "250000"},
		"Team mean": {mean, mean, mean, mean, mean, mean, mean, mean},
	}
	if got := seriesOf(p); !equalSeries(got, want) {
		t.Errorf("revenue: %v, want %v", got, want)
	}
	if p.Categories[4] != "Daria Lebedeva" || p.Categories[7] != "Ilya Zorin" {
		t.Errorf("categories %v", p.Categories)
	}
	// 8 people × 3 series = 24 bars: 150 + 14 × 24 = 486 pixels tall.
	if p.Height != 486 {
		t.Errorf("height %d, want 486", p.Height)
	}
	c := newTeamCtx(s, a, "en")
	book := spreadCharts(c, peopleSection(c), true)
	var titles []string
	for _, tc := range book {
		titles = append(titles, tc.title)
	}
	if len(book) != 10 || titles[0] != "Revenue · 2026-11" || titles[1] != "Revenue · 2026-12" || titles[9] != "Returns (lower is better) · 2026-12" {
		t.Errorf("the workbook's spread charts: %q", titles)
	}
	// Two months of the same seven: one chart per KPI, a series per month.
	s, a = teamAnalysis(t, october, november)
	c = newTeamCtx(s, a, "en")
	book = spreadCharts(c, peopleSection(c), true)
	if len(book) != 5 || len(book[0].series) != 3 || book[0].series[0].name != "2026-10" || book[0].series[1].name != "2026-11" {
		t.Errorf("October and November: %d charts, the first %+v", len(book), book[0])
	}
}

func equalSeries(got, want map[string][]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			return false
		}
	}
	return true
}

// TestTeamChartsInLibreOffice writes the workbook of November and
// December (a reachability chart on the KPIs sheet, ten spread charts on
// the People sheet), has LibreOffice open it and save it as .xlsx and as
// OpenDocument: the re-saved workbook has every chart, of the same kind,
// titles and ranges (xlsx.Check), and in the OpenDocument each chart is an
// object of its sheet drawing the cells it names.
func TestTeamChartsInLibreOffice(t *testing.T) {
	bin := soffice(t)
	s, a := teamAnalysis(t, november, december)
	var buf bytes.Buffer
	expect, err := WriteTeamWorkbook(&buf, s, a, TeamInfo{Lang: "en", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	content := loRoundTrip(t, bin, "team", buf.Bytes(), expect)
	ranges := map[string][]string{}
	for _, m := range regexp.MustCompile(`(?s)<table:table table:name="([^"]*)".*?</table:table>`).FindAllSubmatch(content, -1) {
		for _, r := range regexp.MustCompile(`<draw:object [^>]*draw:notify-on-update-of-ranges="([^"]+)"`).FindAllSubmatch(m[0], -1) {
			ranges[string(m[1])] = append(ranges[string(m[1])], string(r[1]))
		}
	}
	// The KPIs sheet's chart draws the KPI ids (B), the share at norm (V)
	// and the least share (W); the People sheet's first, November's
	// revenue, its names (C), facts (H) and the team's mean (W).
	for _, c := range []struct {
		sheet string
		n     int
		cells []string
	}{
		{"KPIs", 1, []string{"KPIs.B2:KPIs.B6", "KPIs.V2:KPIs.V6", "KPIs.W2:KPIs.W6"}},
		{"People", 10, []string{"People.C2:People.C8", "People.H2:People.H8", "People.W2:People.W8"}},
	} {
		got := ranges[c.sheet]
		if len(got) != c.n {
			t.Errorf("sheet %s holds %d chart objects in the .ods, want %d (%v)", c.sheet, len(got), c.n, ranges)
			continue
		}
		for _, cell := range c.cells {
			if !strings.Contains(strings.ReplaceAll(got[0], "$", ""), cell) {
				t.Errorf("sheet %s's first chart draws %s, not %s", c.sheet, got[0], cell)
			}
		}
	}
	if len(ranges) != 2 {
		t.Errorf("charts on sheets %v, want KPIs and People only", ranges)
	}
}
