package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

// payOf computes the people of a CSV fact sheet (files by name) under a
// scheme written in YAML, as premia calc does, and returns their Pays.
func payOf(t *testing.T, yaml string, files map[string]string) []Pay {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(yaml), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := factsheet.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	in, _, err := src.Read(s, factsheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pays, err := Pays(s, in)
	if err != nil {
		t.Fatal(err)
	}
	return pays
}

func kpi(t *testing.T, p Pay, id string) KPIPart {
	t.Helper()
	for _, k := range p.KPIs {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("%s has no KPI %s", p.ID, id)
	return KPIPart{}
}

// TestTakeShares: each KPI's money share of the bonus, worked by hand.
func TestTakeShares(t *testing.T) {
	const roster = "id,name,role\nE-1,Anna,r\n"
	indexRole := `version: 1
id: t
currency: RUB
%s
roles:
  - id: r
    fixed: 10000
    variable: 10000
    bonus: {method: index%s}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: a, weight: 0.6, base: 0, norm: 100}
      - {id: b, weight: 0.4, base: 0, norm: 50}
`
	facts := map[string]string{"roster.csv": roster, "facts.csv": "id,a,b\nE-1,50,50\n"}
	fill := func(ladders, payout string) string {
		return strings.Replace(strings.Replace(indexRole, "%s", ladders, 1), "%s", payout, 1)
	}

	// Index, no payout ladder: a = 0.6 × 50/100 = 0.3, b = 0.4 × 50/50 =
	// 0.4; K = 0.7, bonus 10,000 × 0.7 = 7,000. Shares: 7,000 × 0.3 / 0.7
	// = 3,000 (= 10,000 × 0.3) and 7,000 × 0.4 / 0.7 = 4,000.
	p := payOf(t, fill("", ""), facts)[0]
	if got := p.Bonus.StringFixed(2); got != "7000.00" {
		t.Fatalf("bonus = %s, want 7000.00", got)
	}
	for id, want := range map[string][2]string{"a": {"0.3", "3000.00"}, "b": {"0.4", "4000.00"}} {
		k := kpi(t, p, id)
		if got := ratio(k.Weighted); got != want[0] {
			t.Errorf("index: %s weighted = %s, want %s", id, got, want[0])
		}
		if got := p.Share(&k).StringFixed(2); got != want[1] || !k.InBonus {
			t.Errorf("index: %s share = %s (in bonus %v), want %s", id, got, k.InBonus, want[1])
		}
	}

	// Through a payout ladder, linear 0.5 → 0, 1 → 1: K = 0.7 pays
	// (0.7 − 0.5) / 0.5 = 0.4, bonus 4,000. a's part is 0.3 × 0.4 / 0.7,
	// its share 4,000 × (0.3 × 0.4 / 0.7) / 0.4 = 4,000 × 3/7 =
	// 1,714.2857… → 1,714.29; b's 4,000 × 4/7 = 2,285.714… → 2,285.71.
	ladder := "ladders:\n  - id: pay\n    type: linear\n    points:\n      - {at: 0.5, value: 0}\n      - {at: 1, value: 1}\n"
	p = payOf(t, fill(ladder, ", payout: pay"), facts)[0]
	if got := p.Bonus.StringFixed(2); got != "4000.00" {
		t.Fatalf("payout: bonus = %s, want 4000.00", got)
	}
	for id, want := range map[string]string{"a": "1714.29", "b": "2285.71"} {
		if k := kpi(t, p, id); p.Share(&k).StringFixed(2) != want {
			got := p.Share(&k).StringFixed(2)
			t.Errorf("payout: %s share = %s, want %s", id, got, want)
		}
	}
	// b at 12.5 has index 0.25: K = 0.3 + 0.4 × 0.25 = 0.4, under 0.5,
	// pays nothing: every share is 0.
	p = payOf(t, fill(ladder, ", payout: pay"), map[string]string{"roster.csv": roster, "facts.csv": "id,a,b\nE-1,50,12.5\n"})[0]
	a, b := kpi(t, p, "a"), kpi(t, p, "b")
	if !p.Bonus.IsZero() || !p.Share(&a).IsZero() || !p.Share(&b).IsZero() {
		t.Errorf("K = 0.4 through the payout: bonus %s, shares %s, %s; want all 0", p.Bonus, p.Share(&a), p.Share(&b))
	}

	// Ladders and a yes/no condition: x at 100 % gives 0.45, y at 90 %
	// gives 0.3, no_errors held adds 0.15: coefficient 0.9, bonus 30,000 ×
	// 0.9 = 27,000. x's share 27,000 × 0.45 / 0.9 = 13,500, y's 9,000; the
	// condition's 4,500 is no KPI's. c (a commission's KPI) is in no bonus.
	ladders := `version: 1
id: t
currency: RUB
ladders:
  - id: l
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45}
roles:
  - id: r
    fixed: 30000
    variable: 30000
    bonus: {method: ladders}
    kpis:
      - {id: x, norm: 100, ladder: l}
      - {id: y, norm: 100, ladder: l}
      - {id: c}
    conditions:
      - {id: no_errors, coefficient: 0.15}
    components:
      - {id: com, type: commission, kpi: c, rate: 0.01}
`
	p = payOf(t, ladders, map[string]string{"roster.csv": roster, "facts.csv": "id,x,y,c,no_errors\nE-1,100,90,1000,yes\n"})[0]
	if got := p.Bonus.StringFixed(2); got != "27000.00" {
		t.Fatalf("ladders: bonus = %s, want 27000.00", got)
	}
	for id, want := range map[string][2]string{"x": {"0.45", "13500.00"}, "y": {"0.3", "9000.00"}} {
		k := kpi(t, p, id)
		if got := ratio(k.Coefficient); got != want[0] || k.Weighted != nil {
			t.Errorf("ladders: %s coefficient = %s (weighted %v), want %s", id, got, k.Weighted, want[0])
		}
		if got := p.Share(&k).StringFixed(2); got != want[1] {
			t.Errorf("ladders: %s share = %s, want %s", id, got, want[1])
		}
	}
	if c := kpi(t, p, "c"); c.InBonus || !p.Share(&c).IsZero() {
		t.Errorf("ladders: c in bonus %v, share %s; want out of the bonus, 0", c.InBonus, p.Share(&c))
	}
	// 1,000 × 0.01 = 10.00: the commission's line.
	if len(p.Components) != 1 || p.Components[0].ID != "com" || p.Components[0].Amount.StringFixed(2) != "10.00" {
		t.Errorf("components %+v, want com 10.00", p.Components)
	}
	// 30,000 + 27,000 + 10 = 57,010.
	if got := p.Total.StringFixed(2); got != "57010.00" {
		t.Errorf("total = %s, want 57010.00", got)
	}
}
