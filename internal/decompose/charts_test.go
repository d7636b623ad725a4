package decompose

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/xlsx"
)

func compute(t *testing.T, yaml string, o Overrides) *Result {
	t.Helper()
	res, err := Compute(resolve(t, yaml, o), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFunnelGroups: the funnel's charts hold consecutive stages whose
// largest month is at most 10 times their smallest.
func TestFunnelGroups(t *testing.T) {
	for _, c := range []struct {
		name string
		yaml string
		o    Overrides
		want [][2]int
	}{
		// 25 deals, 62.5 proposals (2.5 × 25), 125 meetings (5 × 25), then
		// 1,562.5 calls: 62.5 × 25, beyond 10 × 25 = 250, so alone.
		{"worked example", funnelYAML, Overrides{}, [][2]int{{0, 2}, {3, 3}}},
		// examples/b2b-active: 750,000 / 0.25 / 400,000 = 7.5 contracts;
		// 7.5 / 0.3 = 25 proposals, / 0.4 = 62.5 meetings (8.3 × 7.5), /
		// 0.1 = 625 decision-maker talks (83 × 7.5: a new chart), / 0.2 =
		// 3,125 calls (5 × 625).
		{"b2b-active", "version: 1\nprofit: 750000\nmargin: 0.25\naverage_check: 400000\nworking_days: 21\nmanagers: 5\nstages:\n" +
			"  - id: contracts\n  - id: proposals\n    conversion: 0.3\n  - id: meetings\n    conversion: 0.4\n" +
			"  - id: dm_talks\n    conversion: 0.1\n  - id: calls\n    conversion: 0.2\n", Overrides{}, [][2]int{{0, 2}, {3, 4}}},
	} {
		res := compute(t, c.yaml, c.o)
		if got := res.FunnelGroups(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: groups %v, want %v", c.name, got, c.want)
		}
	}
	// 1,000,000 / 1 / 100,000 = 10 deals; calls at 0.1: 100, exactly 10 ×
	// 10, one chart; at 0.09: 111.111111, beyond it, two.
	base := "version: 1\nprofit: 1000000\nmargin: 1\naverage_check: 100000\nworking_days: 20\nmanagers: 1\nstages:\n  - id: deals\n  - id: calls\n    conversion: "
	if got := compute(t, base+"0.1\n", Overrides{}).FunnelGroups(); !reflect.DeepEqual(got, [][2]int{{0, 1}}) {
		t.Errorf("10 and 100: groups %v, want one", got)
	}
	if got := compute(t, base+"0.09\n", Overrides{}).FunnelGroups(); !reflect.DeepEqual(got, [][2]int{{0, 0}, {1, 1}}) {
		t.Errorf("10 and 111.1: groups %v, want two", got)
	}
}

// TestWorkbookChartRanges: the Funnel sheet's charts draw column E (the
// month) of their stages' rows, from row 14; the Per day sheet's each
// stage's day and the norm beside it, of the managers' rows from 4.
func TestWorkbookChartRanges(t *testing.T) {
	res := compute(t, funnelYAML, Overrides{})
	got := res.funnelCharts("Funnel", en)
	if len(got) != 2 {
		t.Fatalf("%d funnel charts, want 2", len(got))
	}
	// Stages deals, proposals, meetings in rows 14–16; calls in 17.
	for i, want := range [][2]string{{"A14:A16", "E14:E16"}, {"A17:A17", "E17:E17"}} {
		if got[i].Categories.Range != want[0] || got[i].Series[0].Values.Range != want[1] {
			t.Errorf("funnel chart %d: %s, %s; want %s, %s", i+1, got[i].Categories.Range, got[i].Series[0].Values.Range, want[0], want[1])
		}
	}
	if got[0].Title != "The funnel: needed a month, deals to meetings" || got[1].Title != "The funnel: calls needed a month" {
		t.Errorf("titles %q, %q", got[0].Title, got[1].Title)
	}
	// Per day: C deals, D proposals, E meetings, F its norm, G calls, H
	// its norm; the managers alike in row 4, named in column A.
	day := res.perDayCharts("Per day", en)
	want := []xlsx.Chart{{
		Kind: xlsx.Bar, Title: "meetings a manager a day against the norm (B2B with calls)", XTitle: "Manager", YTitle: "meetings a day",
		Anchor: "A7:D23", Categories: xlsx.Ref{Sheet: "Per day", Range: "A4:A4"}, Legend: xlsx.LegendBottom,
		Series: []xlsx.Series{{Name: "meetings a day", Values: xlsx.Ref{Sheet: "Per day", Range: "E4:E4"}}, {Name: "Norm", Values: xlsx.Ref{Sheet: "Per day", Range: "F4:F4"}}},
	}, {
		Kind: xlsx.Bar, Title: "calls a manager a day against the norm (calls with appointments)", XTitle: "Manager", YTitle: "calls a day",
		Anchor: "E7:J23", Categories: xlsx.Ref{Sheet: "Per day", Range: "A4:A4"}, Legend: xlsx.LegendBottom,
		Series: []xlsx.Series{{Name: "calls a day", Values: xlsx.Ref{Sheet: "Per day", Range: "G4:G4"}}, {Name: "Norm", Values: xlsx.Ref{Sheet: "Per day", Range: "H4:H4"}}},
	}}
	if !reflect.DeepEqual(day, want) {
		t.Errorf("per day charts:\n%+v\nwant\n%+v", day, want)
	}
	// With a history, two managers named in column B, rows 4 and 5.
	in := resolve(t, strings.Replace(funnelYAML, "managers: 5\n", "", 1), Overrides{})
	named, err := Compute(in, history(t, in))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range named.perDayCharts("В день", ru) {
		if c.Categories.Range != "B4:B5" || !strings.HasSuffix(c.Series[0].Values.Range, "5") || c.Series[1].Name != "Норма" {
			t.Errorf("named: %+v", c)
		}
	}
}

// TestPicture: --chart draws the stage furthest above its norm, from the
// same figures as the Per day sheet.
func TestPicture(t *testing.T) {
	// The managers alike: meetings 125 / 21 / 5 = 1.190476 a day against
	// 1 (1.19 times it), calls 1,562.5 / 21 / 5 = 14.880952 against 15
	// (0.99 times): meetings.
	res := compute(t, funnelYAML, Overrides{})
	c, ok := res.Picture("en")
	want := chart.Chart{Kind: chart.Bar, Title: "meetings a manager a day against the norm (B2B with calls)", XTitle: "Manager", YTitle: "meetings a day",
		Categories: []string{"each of 5"},
		Series:     []chart.Series{{Name: "meetings a day", Values: []string{"1.190476"}}, {Name: "Norm", Values: []string{"1"}}}}
	if !ok || !reflect.DeepEqual(c, want) {
		t.Errorf("alike: %+v (%v)\nwant %+v", c, ok, want)
	}
	c, _ = res.Picture("ru")
	if c.Title != "meetings на менеджера в день и норма (B2B со звонками)" || c.Categories[0] != "каждый из 5" || c.Series[1].Name != "Норма" {
		t.Errorf("ru: %+v", c)
	}

	// By their own conversions (TestDecomposeByOwnConversions): Anna's
	// meetings 2.380952 (2.38 × 1), calls 23.809524 (1.59 × 15); Boris's
	// meetings 5.952381 (5.95 × 1), calls 119.047619 (7.94 × 15): calls,
	// Boris's the furthest.
	in := resolve(t, strings.Replace(funnelYAML, "managers: 5\n", "", 1), Overrides{})
	named, err := Compute(in, history(t, in))
	if err != nil {
		t.Fatal(err)
	}
	c, _ = named.Picture("en")
	want = chart.Chart{Kind: chart.Bar, Title: "calls a manager a day against the norm (calls with appointments)", XTitle: "Manager", YTitle: "calls a day",
		Categories: []string{"Anna", "Boris"},
		Series:     []chart.Series{{Name: "calls a day", Values: []string{"23.809524", "119.047619"}}, {Name: "Norm", Values: []string{"15", "15"}}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("own: %+v\nwant %+v", c, want)
	}

	// None above: the funnel's own norms, meetings 10 (1.190476: 0.119 of
	// it) and calls 100 (14.880952: 0.149 of it): calls, the nearest.
	own := strings.Replace(strings.Replace(funnelYAML, "conversion: 0.5\n", "conversion: 0.5\n    norm: 10\n", 1), "conversion: 0.08\n", "conversion: 0.08\n    norm: 100\n", 1)
	own = strings.Replace(own, "profile: b2b-small\n", "", 1)
	res = compute(t, own, Overrides{})
	if i := res.PictureStage(); i != 3 || res.Above != 0 {
		t.Errorf("own norms: stage %d (%d above), want 3 (calls), none above", i, res.Above)
	}
	c, _ = res.Picture("en")
	if c.Title != "calls a manager a day against the norm (the funnel's own)" || fmt.Sprint(c.Series[1].Values) != "[100]" {
		t.Errorf("own norms: %+v", c)
	}

	// No norm at all: nothing to draw.
	res = compute(t, strings.Replace(funnelYAML, "profile: b2b-small\n", "", 1), Overrides{})
	if _, ok := res.Picture("en"); ok || res.PictureStage() != -1 {
		t.Errorf("no norm: a picture")
	}
}
