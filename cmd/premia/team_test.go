package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

const (
	teamDataScheme = "../../testdata/team-table/scheme.yaml"
	teamDataOct    = "../../testdata/team-table/oct"
)

// stdoutOf runs premia and returns its stdout; the run must succeed.
func stdoutOf(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, nil, &out, &errb); code != 0 {
		t.Fatalf("premia %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return out.Bytes()
}

// TestTeamHandCalculated: the KPI section of the team of seven in
// testdata/team-table, October, against figures worked by hand.
func TestTeamHandCalculated(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(stdoutOf(t, "team", teamDataScheme, teamDataOct, "--period", "2026-10", "--format", "csv", "--section", "kpis"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]map[string]string{}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, k := range recs[0] {
			m[k] = r[i]
		}
		rows[m["kpi"]] = m
	}
	for _, c := range []struct{ kpi, key, want string }{
		// revenue: 620000 480000 350000 510000 300000 450000 1500000;
		// sorted 300 350 450 480 510 620 1500 (thousands). Sum 4,210,000,
		// mean 4210000 / 7 = 601428.571428… shown 601428.571429; median
		// 480000; Q1 = median(300, 350, 450) = 350000; Q3 = median(510,
		// 620, 1500) = 620000; IQR 270000; fences 350000 − 405000 = −55000
		// and 620000 + 405000 = 1025000: Zoya's 1,500,000 is above it.
		{"revenue", "mean", "601428.571429"}, {"revenue", "median", "480000"}, {"revenue", "q1", "350000"},
		{"revenue", "q3", "620000"}, {"revenue", "iqr", "270000"}, {"revenue", "low_fence", "-55000"},
		{"revenue", "high_fence", "1025000"}, {"revenue", "leaders", "M-07"}, {"revenue", "outliers", "1"},
		// Reached against each one's own norm: M-01 620 ≥ 500, M-04 510 ≥
		// 500, M-06 450 ≥ 450 (personal), M-07 1500 ≥ 600 (personal); not
		// M-02 480 < 500, M-03 350 < 400 (personal), M-05 300 < 500: 4/7 =
		// 0.571429, under 70 %.
		{"revenue", "reached", "4"}, {"revenue", "with_norm", "7"}, {"revenue", "reach_share", "0.571429"}, {"revenue", "reach_under", "true"},
		// returns, lower is better: 1 2 3 0 7 2 1, sorted 0 1 1 2 2 3 7.
		// Mean 16 / 7 = 2.285714; median 2; Q1 = median(0, 1, 1) = 1; Q3 =
		// median(2, 3, 7) = 3; IQR 2; fences −2 and 6: Daria's 7 is above.
		// Leader the lowest, Gleb's 0. At or below the norm 2: five of
		// seven, 0.714286, not under 70 %.
		{"returns", "mean", "2.285714"}, {"returns", "q1", "1"}, {"returns", "q3", "3"}, {"returns", "high_fence", "6"},
		{"returns", "leader_value", "0"}, {"returns", "leaders", "M-04"}, {"returns", "outliers", "1"},
		{"returns", "reach_share", "0.714286"}, {"returns", "reach_under", "false"},
	} {
		if got := rows[c.kpi][c.key]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.kpi, c.key, got, c.want)
		}
	}
}

// TestTeamAgreesWithCalc: the team analysis reads calc's results, never
// its own: each person's fact and fulfilment are calc's, the people at
// norm are those calc puts in the at-norm band, and each department's K
// is the mean of calc's K of its people.
func TestTeamAgreesWithCalc(t *testing.T) {
	var pay struct {
		Employees []struct {
			ID, Department string
			K              string
			KPIs           []struct {
				ID, Fact, Band string
				Fulfilment     *string
			}
		}
	}
	if err := json.Unmarshal(stdoutOf(t, "calc", teamDataScheme, teamDataOct, "--period", "2026-10", "--format", "json"), &pay); err != nil {
		t.Fatal(err)
	}
	var team struct {
		KPIs []struct {
			KPI     string
			Reached int
		}
		People []struct {
			ID, KPI, Fact string
			Fulfilment    *string
		}
		Departments []struct {
			Department, Kind, Value string
		}
	}
	if err := json.Unmarshal(stdoutOf(t, "team", teamDataScheme, teamDataOct, "--period", "2026-10", "--format", "json"), &team); err != nil {
		t.Fatal(err)
	}
	atNorm := map[string]int{}
	kSum, kN := map[string]decimal.Decimal{}, map[string]int{}
	type fk struct{ fact, fulfilment string }
	calcKPI := map[string]fk{}
	for _, e := range pay.Employees {
		k := decimal.RequireFromString(e.K)
		kSum[e.Department], kN[e.Department] = kSum[e.Department].Add(k), kN[e.Department]+1
		for _, x := range e.KPIs {
			if x.Band == "at-norm" {
				atNorm[x.ID]++
			}
			f := ""
			if x.Fulfilment != nil {
				f = *x.Fulfilment
			}
			calcKPI[e.ID+" "+x.ID] = fk{x.Fact, f}
		}
	}
	for _, k := range team.KPIs {
		if k.Reached != atNorm[k.KPI] {
			t.Errorf("%s: team says %d at norm, calc's bands %d", k.KPI, k.Reached, atNorm[k.KPI])
		}
	}
	if len(team.People) != len(calcKPI) {
		t.Errorf("team has %d person-KPIs, calc %d", len(team.People), len(calcKPI))
	}
	for _, p := range team.People {
		f := ""
		if p.Fulfilment != nil {
			f = *p.Fulfilment
		}
		if got, want := (fk{p.Fact, f}), calcKPI[p.ID+" "+p.KPI]; got != want {
			t.Errorf("%s %s: team %+v, calc %+v", p.ID, p.KPI, got, want)
		}
	}
	checked := 0
	for _, d := range team.Departments {
		if d.Kind != "k" {
			continue
		}
		// calc shows each K to 6 decimals, team the exact mean to 6: they
		// agree within a unit of the 6th decimal.
		mean := kSum[d.Department].Div(decimal.NewFromInt(int64(kN[d.Department])))
		if diff := mean.Sub(decimal.RequireFromString(d.Value)).Abs(); diff.GreaterThan(decimal.New(1, -6)) {
			t.Errorf("%s: team's K %s, the mean of calc's %s", d.Department, d.Value, mean)
		}
		checked++
	}
	if checked != 2 {
		t.Errorf("%d departments' K checked, want 2", checked)
	}
}

// TestTeamUsage: the command line mistakes team refuses before reading
// anything (exit 2).
func TestTeamUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"team", teamDataScheme}, "expected SCHEME and one or more FACTS"},
		{[]string{"team", teamDataScheme, teamDataOct, "--format", "json", "--section", "kpis"}, "--section is for the table and CSV"},
		{[]string{"team", teamDataScheme, teamDataOct, "-o", "team.csv"}, "name the workbook .xlsx"},
		{[]string{"team", teamDataScheme, teamDataOct, "--reach-min", "0"}, "above 0 and at most 100"},
		{[]string{"team", teamDataScheme, teamDataOct, "--reach-min", "120"}, "above 0 and at most 100"},
		{[]string{"team", teamDataScheme, teamDataOct, "--outliers", "sigma"}, "expected iqr or base"},
		{[]string{"team", teamDataScheme, "-", "-"}, "only one input can be read from stdin"},
		{[]string{"team", teamDataScheme, teamDataOct, "--chart", "reach.jpg"}, "name the picture .svg or .png"},
		{[]string{"team", teamDataScheme, teamDataOct, "--chart", "reach"}, "name the picture .svg or .png"},
		{[]string{"team", teamDataScheme, teamDataOct, "--chart-role", "manager"}, "give --chart FILE.svg or FILE.png too"},
		{[]string{"team", teamDataScheme, teamDataOct, "--period", "2026-10", "--chart", "x.svg", "--chart-role", "head"}, `--chart-role "head": the scheme has no such role; its roles: manager`},
		{[]string{"team", teamDataScheme, teamDataOct, "--period", "2026-10", "--chart", "x.svg", "--chart-role", "manager", "--chart-kpi", "deals"}, `--chart-kpi "deals": role manager has no such KPI; its KPIs: revenue, calls, meetings, conversion, returns`},
	} {
		var out, errb bytes.Buffer
		code := run(context.Background(), c.args, strings.NewReader(""), &out, &errb)
		if code != exitUsage || !strings.Contains(errb.String(), c.want) || out.Len() != 0 {
			t.Errorf("premia %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errb.String(), c.want)
		}
	}
	// --reach-min takes 80, 80% and 75.5.
	for _, v := range []string{"80", "80%", "75.5"} {
		stdoutOf(t, "team", teamDataScheme, teamDataOct, "--period", "2026-10", "--reach-min", v, "--format", "csv", "--section", "reach")
	}
}

// TestTeamChartPNG: --chart FILE.png writes a PNG that decodes, 800 × 480
// pixels, or taller with more bars: November and December's revenue has
// eight people (Daria left, Ilya joined) in three series, 24 bars, 150 +
// 14 × 24 = 486 pixels. With --chart alone stdout is empty, as with -o;
// with --format too it carries the format.
func TestTeamChartPNG(t *testing.T) {
	dir := t.TempDir()
	reach, revenue := filepath.Join(dir, "reach.png"), filepath.Join(dir, "revenue.png")
	for _, c := range []struct {
		path string
		args []string
		h    int
	}{
		{reach, []string{"team", teamDataScheme, teamDataOct, "--period", "2026-10", "--chart", reach}, 480},
		{revenue, []string{"team", teamDataScheme, "../../testdata/team-table/nov", "../../testdata/team-chart-joined/dec", "--period", "2026-11", "--period", "2026-12",
			"--chart", revenue, "--chart-kpi", "revenue"}, 486},
	} {
		if out := stdoutOf(t, c.args...); len(out) != 0 {
			t.Errorf("premia %s: stdout %q, want none", strings.Join(c.args, " "), out)
		}
		f, err := os.Open(c.path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: the PNG does not decode: %v", c.path, err)
		}
		if b := img.Bounds(); b.Dx() != 800 || b.Dy() != c.h {
			t.Errorf("%s: %d × %d pixels, want 800 × %d", c.path, b.Dx(), b.Dy(), c.h)
		}
	}
	out := stdoutOf(t, "team", teamDataScheme, teamDataOct, "--period", "2026-10", "--chart", filepath.Join(dir, "reach.svg"), "--format", "csv", "--section", "reach")
	if !strings.HasPrefix(string(out), "month,role,kpi,") {
		t.Errorf("--chart with --format csv: stdout %q", out)
	}
}
