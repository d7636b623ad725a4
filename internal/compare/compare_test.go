package compare

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func q(s string) *calc.Q {
	v := calc.Dec(dec(s))
	return &v
}

func checked(t *testing.T, yaml string) *plan.Scheme {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(yaml), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const oldYAML = `version: 1
id: old
currency: RUB
roles:
  - {id: seller, title: Seller, fixed: 1}
  - {id: clerk, title: Clerk, fixed: 1}
`

const newYAML = `version: 1
id: new
currency: RUB
roles:
  - {id: seller, title: Seller, fixed: 1}
  - {id: auditor, title: Auditor, fixed: 1}
`

// pay is a person's pay with a total only.
func pay(id, dept, role, total string) Pay {
	return Pay{ID: id, Name: "N " + id, Role: role, Department: dept, Fixed: dec(total), Total: dec(total)}
}

// weighted is a weighted KPI's part, its own weighted index.
func weighted(id, w string) KPIPart {
	return KPIPart{ID: id, Weighted: q(w), InBonus: true, part: *q(w)}
}

// months are two months worked by hand in TestBuild; s rounds the shares.
func months(s *plan.Scheme) []Month {
	// A-1's bonus: 20,000 with coefficient 1 (sales 0.2 + calls 0.3 + the
	// rest no KPI's), shares 20,000 × 0.2 / 1 = 4,000 and 6,000; then
	// 25,000 with coefficient 1.25: sales 25,000 × 0.4 / 1.25 = 8,000,
	// calls 6,000, quality 2,000.
	a1old := Pay{ID: "A-1", Name: "N A-1", Role: "seller", Department: "north", Fixed: dec("30000"), Bonus: dec("20000"), Total: dec("50000"),
		Components: []Amount{{ID: "com", Amount: dec("0")}},
		KPIs:       []KPIPart{weighted("sales", "0.2"), weighted("calls", "0.3")}, coef: *q("1"), scheme: s}
	a1new := Pay{ID: "A-1", Name: "N A-1", Role: "seller", Department: "north", Fixed: dec("30000"), Bonus: dec("25000"), Total: dec("55000"),
		KPIs: []KPIPart{weighted("sales", "0.4"), weighted("calls", "0.3"), weighted("quality", "0.1")}, coef: *q("1.25"), scheme: s}
	return []Month{
		{Period: "2026-09", Facts: "sep.xlsx",
			Old: Side{People: []Pay{a1old, pay("B-2", "", "seller", "40000"), pay("C-3", "north", "clerk", "30000"), pay("D-4", "", "seller", "0")}},
			New: Side{People: []Pay{a1new, pay("B-2", "", "seller", "36000"), pay("D-4", "", "seller", "1000")},
				Left: []factsheet.Unfit{{ID: "C-3", Name: "N C-3", Role: "clerk", Department: "north"}}}},
		{Period: "2026-10", Facts: "oct.xlsx",
			Old: Side{People: []Pay{pay("A-1", "north", "seller", "50000"), pay("B-2", "", "seller", "30000")},
				Left: []factsheet.Unfit{{ID: "E-5", Name: "N E-5", Role: "auditor", Column: "audits"}}},
			New: Side{People: []Pay{pay("A-1", "north", "seller", "50000"), pay("B-2", "", "seller", "33333.33"), pay("E-5", "", "auditor", "20000")}}},
	}
}

// wantAmounts checks a sum; "-" is a side with no one in it (and then no
// difference).
func wantAmounts(t *testing.T, what string, a Amounts, old, neu, diff, pct string) {
	t.Helper()
	shown := func(has bool, d decimal.Decimal) string {
		if !has {
			return "-"
		}
		return d.StringFixed(2)
	}
	gOld, gNew, gDiff := shown(a.HasOld, a.Old), shown(a.HasNew, a.New), shown(a.Both(), a.Diff)
	if gOld != old || gNew != neu || gDiff != diff {
		t.Errorf("%s: %s → %s (%s), want %s → %s (%s)", what, gOld, gNew, gDiff, old, neu, diff)
	}
	wantPct(t, what, a.Pct, pct)
}

// wantPct checks an exact percentage against n/d ("" for undefined).
func wantPct(t *testing.T, what string, p *calc.Q, frac string) {
	t.Helper()
	if frac == "" {
		if p != nil {
			t.Errorf("%s: percent = %s, want undefined", what, p)
		}
		return
	}
	n, d, _ := strings.Cut(frac, "/")
	if d == "" {
		d = "1"
	}
	want := calc.Frac(dec(n), dec(d))
	if p == nil || p.Cmp(want) != 0 {
		t.Errorf("%s: percent = %v, want %s exactly", what, p, frac)
	}
}

// TestBuild: a comparison of two months worked by hand.
func TestBuild(t *testing.T) {
	sc := Schemes{Old: checked(t, oldYAML), New: checked(t, newYAML), OldName: "old.yaml", NewName: "git:HEAD:new.yaml"}
	ten := dec("10")
	ms := months(sc.New)
	rep := Build(sc, ms, Options{Top: 1, FailOver: &ten})

	// September: old 50,000 + 40,000 + 30,000 + 0 = 120,000; new 55,000 +
	// 36,000 + 1,000 = 92,000 (C-3 is the old scheme's only): −28,000,
	// −28,000 / 120,000 = −23⅓ %.
	wantAmounts(t, "2026-09", rep.Months[0].Amounts, "120000.00", "92000.00", "-28000.00", "-70/3")
	if m := rep.Months[0]; m.People != 4 || m.Both != 3 || m.OldOnly != 1 || m.NewOnly != 0 {
		t.Errorf("2026-09: people %d, both %d, old only %d, new only %d; want 4, 3, 1, 0", m.People, m.Both, m.OldOnly, m.NewOnly)
	}
	// October: old 50,000 + 30,000 = 80,000; new 50,000 + 33,333.33 +
	// 20,000 = 103,333.33 (E-5 the new's only): +23,333.33, ×100 / 80,000
	// = 29.1666625 %.
	wantAmounts(t, "2026-10", rep.Months[1].Amounts, "80000.00", "103333.33", "23333.33", "29.1666625")
	// Both months: 200,000 → 195,333.33, −4,666.67, −2.333335 %.
	wantAmounts(t, "all", rep.Total.Amounts, "200000.00", "195333.33", "-4666.67", "-2.333335")
	if tt := rep.Total; tt.People != 7 || tt.Both != 5 || tt.OldOnly != 1 || tt.NewOnly != 1 {
		t.Errorf("all: %+v, want 7 rows, 5 both, 1 and 1", tt)
	}

	// Rows: by month, then id.
	var ids []string
	for _, r := range rep.Rows {
		ids = append(ids, r.Period+" "+r.ID+" "+r.status())
	}
	if got := strings.Join(ids, ", "); got != "2026-09 A-1 both, 2026-09 B-2 both, 2026-09 C-3 old-only, 2026-09 D-4 both, 2026-10 A-1 both, 2026-10 B-2 both, 2026-10 E-5 new-only" {
		t.Errorf("rows: %s", got)
	}
	row := func(i int) *Row { return &rep.Rows[i] }
	// A-1 in September: 50,000 → 55,000, +5,000, +10 % exactly.
	if r := row(0); r.Diff.StringFixed(2) != "5000.00" {
		t.Errorf("A-1 diff = %s", r.Diff)
	}
	wantPct(t, "A-1 2026-09", row(0).Pct, "10")
	wantPct(t, "B-2 2026-09", row(1).Pct, "-10")
	// D-4 was paid 0 under the old scheme: the percentage is undefined.
	wantPct(t, "D-4 2026-09", row(3).Pct, "")
	// B-2 in October: +3,333.33 × 100 / 30,000 = 11.1111 %.
	wantPct(t, "B-2 2026-10", row(5).Pct, "11.1111")
	if r := row(2); r.New != nil || r.NewWhy == nil || r.reason() != "no-role" || r.Diff != nil {
		t.Errorf("C-3: new %v, why %v, reason %q: want not computable under the new scheme, for its role", r.New, r.NewWhy, r.reason())
	}
	if r := row(6); r.Old != nil || r.reason() != "no-column:audits" {
		t.Errorf("E-5: reason %q, want no-column:audits", r.reason())
	}

	// --fail-over 10: ±10 % exactly is not over; 0 → 1,000 is; +11.1111 % is.
	var over []string
	for _, r := range rep.Rows {
		if r.Over {
			over = append(over, r.Period+" "+r.ID)
		}
	}
	if got := strings.Join(over, ", "); got != "2026-09 D-4, 2026-10 B-2" {
		t.Errorf("over 10 %%: %s, want 2026-09 D-4, 2026-10 B-2", got)
	}
	if got := strings.Join(rep.OverIDs(), ", "); got != "D-4 2026-09, B-2 2026-10" {
		t.Errorf("OverIDs = %s", got)
	}

	// What changed for A-1 in September: sales 0.2 → 0.4 (share 4,000 →
	// 8,000), quality only under the new scheme; calls did not change.
	// Lines: the bonus 20,000 → 25,000 and the commission the new scheme
	// has not; the fixed part did not change.
	var kpis []string
	for _, k := range row(0).KPIs {
		kpis = append(kpis, k.ID)
	}
	if got := strings.Join(kpis, " "); got != "sales quality" {
		t.Errorf("A-1's changed KPIs: %s, want sales quality", got)
	}
	if k := row(0).KPIs[0]; k.Old.Share.StringFixed(2) != "4000.00" || k.New.Share.StringFixed(2) != "8000.00" {
		t.Errorf("sales: shares %s → %s, want 4000.00 → 8000.00", k.Old.Share, k.New.Share)
	}
	if k := row(0).KPIs[1]; k.Old != nil || k.New == nil || k.New.Share.StringFixed(2) != "2000.00" {
		t.Errorf("quality: %+v", k)
	}
	// Settled, the month's Pays hold the rows that changed, and Build
	// lists the same.
	settled := months(sc.New)
	Settle(&settled[0])
	if n := len(settled[0].Old.People[0].KPIs) + len(settled[0].New.People[0].KPIs); n != 3 {
		t.Errorf("settled: A-1 holds %d KPI rows, want 3 (sales twice, quality)", n)
	}
	again := Build(sc, settled, Options{Top: 1})
	if len(again.Rows[0].KPIs) != 2 || again.Rows[0].KPIs[0].New.Share.StringFixed(2) != "8000.00" {
		t.Errorf("settled: changed KPIs %+v", again.Rows[0].KPIs)
	}
	var lines []string
	for _, l := range row(0).Lines {
		lines = append(lines, l.Kind+":"+l.ID)
	}
	if got := strings.Join(lines, " "); got != "bonus: component:com" {
		t.Errorf("A-1's changed lines: %s, want bonus: component:com", got)
	}

	// Roles. Seller: A-1, B-2, D-4; old 50,000 + 40,000 + 0 + 50,000 +
	// 30,000 = 170,000, new 55,000 + 36,000 + 1,000 + 50,000 + 33,333.33 =
	// 175,333.33: +5,333.33, ×100 / 170,000 = 3.137252941… % (exactly
	// 533333/170000). Clerk: 30,000 under the old scheme, no one under the
	// new, so no difference; auditor: no one under the old.
	if len(rep.Roles) != 3 {
		t.Fatalf("roles: %+v", rep.Roles)
	}
	for i, w := range []struct{ key, title, old, neu, diff, pct string }{
		{"auditor", "Auditor", "-", "20000.00", "-", ""},
		{"clerk", "Clerk", "30000.00", "-", "-", ""},
		{"seller", "Seller", "170000.00", "175333.33", "5333.33", "533333/170000"},
	} {
		g := rep.Roles[i]
		if g.Key != w.key || g.Title != w.title {
			t.Errorf("role %d: %s %q, want %s %q", i, g.Key, g.Title, w.key, w.title)
		}
		wantAmounts(t, "role "+w.key, g.Amounts, w.old, w.neu, w.diff, w.pct)
	}
	if g := rep.Roles[2]; g.People != 3 {
		t.Errorf("sellers: %d people, want 3", g.People)
	}
	if g := rep.Roles[1]; g.OldOnly != 1 || g.NewOnly != 0 {
		t.Errorf("clerks: old only %d, new only %d; want 1, 0", g.OldOnly, g.NewOnly)
	}
	// Departments: none first (B-2, D-4, E-5): old 40,000 + 0 + 30,000 =
	// 70,000, new 36,000 + 1,000 + 33,333.33 + 20,000 = 90,333.33; north
	// (A-1, C-3): old 50,000 + 30,000 + 50,000 = 130,000, new 55,000 +
	// 50,000 = 105,000, −25,000, −19.2307692… % (exactly −250/13).
	if len(rep.Departments) != 2 || rep.Departments[0].Key != "" || rep.Departments[1].Key != "north" {
		t.Fatalf("departments: %+v", rep.Departments)
	}
	wantAmounts(t, "no department", rep.Departments[0].Amounts, "70000.00", "90333.33", "20333.33", "2033333/70000")
	wantAmounts(t, "north", rep.Departments[1].Amounts, "130000.00", "105000.00", "-25000.00", "-250/13")
	if rep.Departments[0].People != 3 || rep.Departments[1].People != 2 {
		t.Errorf("department people: %d, %d; want 3, 2", rep.Departments[0].People, rep.Departments[1].People)
	}

	// Movers over both months, paid under both schemes: A-1 100,000 →
	// 105,000 (+5,000, +5 %), D-4 0 → 1,000 (undefined), B-2 70,000 →
	// 69,333.33 (−666.67). Top 1 of each.
	if len(rep.Gainers) != 1 || rep.Gainers[0].ID != "A-1" || rep.Gainers[0].Months != 2 {
		t.Fatalf("gainers: %+v, want A-1 over 2 months", rep.Gainers)
	}
	wantAmounts(t, "A-1", rep.Gainers[0].Amounts, "100000.00", "105000.00", "5000.00", "5")
	if len(rep.Losers) != 1 || rep.Losers[0].ID != "B-2" {
		t.Fatalf("losers: %+v, want B-2", rep.Losers)
	}
	wantAmounts(t, "B-2", rep.Losers[0].Amounts, "70000.00", "69333.33", "-666.67", "-66667/70000")
	all := Build(sc, months(sc.New), Options{Top: 5})
	if len(all.Gainers) != 2 || all.Gainers[1].ID != "D-4" || all.Gainers[1].Pct != nil {
		t.Errorf("top 5 gainers: %+v, want A-1 then D-4 (undefined)", all.Gainers)
	}
	if all.FailOver != nil || len(all.Over) != 0 {
		t.Errorf("without --fail-over: %d over", len(all.Over))
	}
	if got := all.Persons(); got != 5 {
		t.Errorf("Persons = %d, want 5", got)
	}
}

// TestCheckFit: which differences of fit are the schemes' and which are
// mistakes.
func TestCheckFit(t *testing.T) {
	sc := Schemes{Old: checked(t, oldYAML), New: checked(t, newYAML), OldName: "old.yaml", NewName: "new.yaml"}
	at := func(cell int) calc.Place { return (&calc.Origin{File: "f.csv"}).Cell(2, cell) }
	// C-3, a clerk, only the old scheme pays; E-5, an auditor, only the new.
	of := &factsheet.Fit{Left: []factsheet.Unfit{{ID: "E-5", Role: "auditor", At: at(3)}}}
	nf := &factsheet.Fit{Left: []factsheet.Unfit{{ID: "C-3", Role: "clerk", At: at(3)}}}
	if w, err := CheckFit(sc, "f", of, nf); err != nil || len(w) != 0 {
		t.Errorf("one scheme each: warnings %v, error %v; want none", w, err)
	}
	// X-9 neither can pay: an error naming both reasons.
	of.Left = append(of.Left, factsheet.Unfit{ID: "X-9", Role: "driver", At: at(3)})
	nf.Left = append(nf.Left, factsheet.Unfit{ID: "X-9", Role: "driver", At: at(3)})
	_, err := CheckFit(sc, "f", of, nf)
	if want := `f.csv:2:3: employee "X-9" can be paid under neither scheme: under the old one, the scheme has no role "driver"; under the new one, the scheme has no role "driver"`; err == nil || err.Error() != want {
		t.Errorf("neither: %v\nwant %s", err, want)
	}
	// A plan row for a KPI of neither scheme's role is an error, once.
	of = &factsheet.Fit{OtherKPIs: []factsheet.PlanRow{{ID: "A-1", Role: "seller", KPI: "salse", At: at(2)}}}
	nf = &factsheet.Fit{OtherKPIs: []factsheet.PlanRow{{ID: "A-1", Role: "seller", KPI: "salse", At: at(2)}}}
	if _, err := CheckFit(sc, "f", of, nf); err == nil || err.Error() != `f.csv:2:2: KPI "salse" is not a KPI of role "seller" under either scheme` {
		t.Errorf("plan of neither: %v", err)
	}
	// A column neither scheme reads is warned about; one that one reads is not.
	w1 := factsheet.Unused{At: at(5), Warning: problem.New("five")}
	w2 := factsheet.Unused{At: at(6), Warning: problem.New("six")}
	of = &factsheet.Fit{Unused: []factsheet.Unused{w1, w2}}
	nf = &factsheet.Fit{Unused: []factsheet.Unused{w2}}
	if w, err := CheckFit(sc, "f", of, nf); err != nil || len(w) != 1 || w[0].String() != "six" {
		t.Errorf("unused columns: warnings %v (%v), want six alone", w, err)
	}
}
