package plan_test

import (
	"strings"
	"testing"

	"github.com/premia-pay/premia/plan"
)

func TestParseGrowthLevel(t *testing.T) {
	base := "version: 1\nid: g\ncurrency: RUB\nroles:\n  - id: m\n    fixed: 0\n    kpis:\n      - {id: sales, weight: 1, base: 0, norm: %s}\n"
	s, err := plan.Parse(strings.NewReader(strings.Replace(base, "%s", "{growth: 12.5%, over: previous-period}", 1)), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g := s.Roles[0].KPIs[0].NormGrowth
	// 12.5 % is 0.125 exactly, from the text.
	if g == nil || g.Rate.String() != "0.125" || g.Over != plan.OverPrevious || s.Roles[0].KPIs[0].Norm != nil {
		t.Fatalf("growth %+v", g)
	}
	// The columns counted: the mapping opens at 47 (6 spaces, "- {", then
	// "id: sales, weight: 1, base: 0, norm: "), growth's value at 47 + 9,
	// over's at 47 + 20.
	for in, want := range map[string]string{
		"{growth: 25, over: previous-period}":        `s.yaml:8:56: roles[0].kpis[0].norm.growth: "25" is not a growth: write a percentage`,
		"{growth: 25%, over: last-year}":             `s.yaml:8:67: roles[0].kpis[0].norm.over: "last-year" is not an earlier period`,
		"{growth: 25%}":                              `s.yaml:8:47: roles[0].kpis[0].norm: a dynamic level needs growth and over`,
		"{growth: -100%, over: previous-period}":     `would make the level 0 or less`,
		"{growth: 25%, over: previous-period, x: 1}": `norm.x: unknown key`,
	} {
		_, err := plan.Parse(strings.NewReader(strings.Replace(base, "%s", in, 1)), "s.yaml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}
