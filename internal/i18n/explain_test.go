package i18n

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// TestEveryMessageWorded: every message the engine can record has words in
// both languages, with as many verbs in Russian as in English.
func TestEveryMessageWorded(t *testing.T) {
	for m := calc.Msg(1); int(m) < calc.MsgCount; m++ {
		if !m.IsPhrase() && m > calc.MsgPoolShare {
			continue // the marker between steps and phrases
		}
		w, ok := words[m]
		if !ok || w[0] == "" || w[1] == "" {
			t.Errorf("message %d has no words in English or Russian: %q", m, w)
			continue
		}
		if en, ru := strings.Count(w[0], "%"), strings.Count(w[1], "%"); en != ru {
			t.Errorf("message %d: %d verbs in English, %d in Russian", m, en, ru)
		}
	}
}

// explain runs one manager through the seed's ladder scheme
// (examples/ladder) and renders the steps.
func explain(t *testing.T, lang string, facts map[string]string) (*calc.EmployeeResult, string) {
	t.Helper()
	s, err := plan.Load("../../examples/ladder/scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := calc.Employee{ID: "E", Name: "Name E", Role: "manager", Src: calc.Note("Roster!E")}
	for k, v := range facts {
		e.Facts.Set(k, calc.Value{V: decimal.RequireFromString(v), Src: calc.Note("Facts!" + k)})
	}
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{e}}, calc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, st := range res.Employees[0].Steps {
		lines = append(lines, Render(st.Phrase, lang))
	}
	return res.Employees[0], strings.Join(lines, "\n")
}

// TestExplains: the seed's ladder scheme (docs/calculation.md §4.5), 115 %
// on sales and margin: 0.465 + 0.465 + 0.15 = 1.08, 30,000 × 1.08 = 32,400,
// worded in English and Russian.
func TestExplains(t *testing.T) {
	facts := map[string]string{"sales": "1150000", "margin": "230000", "no_errors": "1", "no_remarks": "0"}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"Total = fixed + bonus + components = 30000.00 + 32400.00 = 62400.00",
			"no_errors: yes → +0.15",
			`sales: fulfilment = fact / norm = 1150000 / 1000000 = 1.15; ladder "plan-fulfilment", tier [1, ∞): 0.45 + floor((1.15 − 1) / 0.05) × 0.005 = 0.45 + 3 × 0.005 = 0.465 → coefficient 0.465`,
		}},
		{"ru", []string{
			// A decimal comma, and a semicolon between a range's bounds.
			"Итого = оклад + премия + доплаты = 30000,00 + 32400,00 = 62400,00",
			"no_remarks: нет → +0",
			"no_errors: да → +0,15",
			`sales: выполнение = факт / норма = 1150000 / 1000000 = 1,15; шкала "plan-fulfilment", ступень [1; ∞): 0,45 + floor((1,15 − 1) / 0,05) × 0,005 = 0,45 + 3 × 0,005 = 0,465 → коэффициент 0,465`,
		}},
	} {
		e, all := explain(t, tt.lang, facts)
		if !e.Total.Equal(decimal.RequireFromString("62400")) {
			t.Fatalf("total %s, want 62400", e.Total)
		}
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s explanation:\n%s\nwant it to contain %q", tt.lang, all, w)
			}
		}
	}
}

// TestRussianLadderWords: a Russian explanation has no English ladder
// words. sales 0.7 is in the first tier, [0, 0.8): 0; margin 1.3 is capped
// at 0.465; no condition holds: 30,000 × 0.465 = 13,950.
func TestRussianLadderWords(t *testing.T) {
	e, all := explain(t, "ru", map[string]string{"sales": "700000", "margin": "260000", "no_errors": "0", "no_remarks": "0"})
	if !e.Bonus.Equal(decimal.RequireFromString("13950")) {
		t.Errorf("bonus %s, want 13950", e.Bonus)
	}
	for _, w := range []string{"tier", "capped", "below the first", "(from ", "fact / norm", "coefficient"} {
		if strings.Contains(all, w) {
			t.Errorf("the Russian explanation contains the English %q:\n%s", w, all)
		}
	}
	for _, w := range []string{"ступень [0; 0,8): 0", "не более 0,465"} {
		if !strings.Contains(all, w) {
			t.Errorf("the Russian explanation lacks %q:\n%s", w, all)
		}
	}
}

// TestLadderWords: the seed ladder explained at several points (the
// figures of docs/calculation.md §4.5).
func TestLadderWords(t *testing.T) {
	d := func(raw string) *plan.Dec { return &plan.Dec{V: decimal.RequireFromString(raw), Raw: raw} }
	l := &plan.Ladder{ID: "seed", Type: plan.LadderIncrement, Tiers: []*plan.Tier{
		{From: d("0"), To: d("0.8"), Value: d("0")},
		{From: d("0.8"), To: d("1"), Value: d("0.3")},
		{From: d("1"), Value: d("0.45"), Every: d("0.05"), Add: d("0.005"), Max: d("0.465")},
	}}
	q := func(s string) calc.Q { return calc.Dec(decimal.RequireFromString(s)) }
	for _, tt := range []struct {
		x    string
		want []string
	}{
		{"-0.1", []string{"below the first tier (from 0): 0"}},
		{"0.9", []string{"tier [0.8, 1): 0.3"}},
		{"1.15", []string{"tier [1, ∞)", "0.45 + 3 × 0.005 = 0.465"}},
		{"1.2", []string{"0.45 + 4 × 0.005 = 0.47", "capped at 0.465"}},
	} {
		_, how := calc.EvalLadder(l, q(tt.x), false)
		text := Render(how, "en")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("seed at %s explains %q, want it to contain %q", tt.x, text, w)
			}
		}
	}
	if _, how := calc.EvalLadder(l, q("1.1"), false); strings.Contains(Render(how, "en"), "capped") {
		t.Errorf("seed at 1.1 explains %q, want no cap below 0.465", Render(how, "en"))
	}
}

// TestArguments: each kind of argument is rendered as documented.
func TestArguments(t *testing.T) {
	third := calc.Frac(decimal.NewFromInt(1), decimal.NewFromInt(3))
	for _, tt := range []struct {
		p    calc.Phrase
		lang string
		want string
	}{
		{calc.Phrase{Msg: calc.MsgFulfilment, Args: []any{decimal.RequireFromString("1"), decimal.RequireFromString("3"), third}}, "en", "= fact / norm = 1 / 3 = ≈0.333333"},
		{calc.Phrase{Msg: calc.MsgTotal, Args: []any{[]calc.Money{{V: decimal.NewFromInt(30000), Scale: 2}, {V: decimal.RequireFromString("0.5"), Scale: 2}}, calc.Money{V: decimal.RequireFromString("30000.5"), Scale: 2}}}, "en", "Total = fixed + bonus + components = 30000.00 + 0.50 = 30000.50"},
		{calc.Phrase{Msg: calc.MsgConditionComponent, Args: []any{"c", false, decimal.Zero}}, "ru", "c: условие не выполнено → 0"},
		{calc.Phrase{Msg: calc.MsgPaidRevenue, Args: []any{"2026-10", decimal.NewFromInt(5), 2, 1}}, "en", "Paid revenue for 2026-10 = 5 (payments received in the period: 2; not paid in the period, earning nothing: 1)"},
		{calc.Phrase{}, "en", ""},
	} {
		if got := Render(tt.p, tt.lang); got != tt.want {
			t.Errorf("Render(%v, %s) = %q, want %q", tt.p, tt.lang, got, tt.want)
		}
	}
}

// TestAppendAsSprintf: every message in both languages, with arguments of
// every kind a phrase carries, renders as the fmt.Sprintf of its words with
// each argument rendered to text first (the renderer premia had before
// Append, kept here as the oracle).
func TestAppendAsSprintf(t *testing.T) {
	var sprintfArg func(a any, lang string, l int) string
	sprintf := func(p calc.Phrase, lang string) string {
		l := 0
		if lang == "ru" {
			l = 1
		}
		args := make([]any, len(p.Args))
		for i, a := range p.Args {
			args[i] = sprintfArg(a, lang, l)
		}
		return fmt.Sprintf(words[p.Msg][l], args...)
	}
	// Russian writes a number's decimal point as a comma; a string is a
	// number when it reads as one with a point.
	comma := func(s string, l int) string {
		if l == 1 {
			return strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	decimalText := regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)
	sprintfArg = func(a any, lang string, l int) string {
		switch v := a.(type) {
		case decimal.Decimal:
			return comma(v.String(), l)
		case calc.Q:
			return comma(v.String(), l)
		case calc.Money:
			return comma(v.V.StringFixed(v.Scale), l)
		case string:
			if decimalText.MatchString(v) {
				return comma(v, l)
			}
			return v
		case int:
			return fmt.Sprint(v)
		case bool:
			return yesNo[v][l]
		case calc.Phrase:
			return sprintf(v, lang)
		case []calc.Phrase:
			var parts []string
			for _, p := range v {
				parts = append(parts, sprintf(p, lang))
			}
			return strings.Join(parts, " + ")
		case []calc.Money:
			var parts []string
			for _, m := range v {
				parts = append(parts, comma(m.V.StringFixed(m.Scale), l))
			}
			return strings.Join(parts, " + ")
		case []string:
			return strings.Join(v, ", ")
		}
		panic(fmt.Sprintf("%T", a))
	}
	inner := calc.Phrase{Msg: calc.MsgTier, Args: []any{"2", calc.Dec(decimal.RequireFromString("1.25"))}}
	kinds := []any{
		decimal.RequireFromString("-1234.500"), calc.Frac(decimal.NewFromInt(2), decimal.NewFromInt(3)),
		calc.Money{V: decimal.RequireFromString("5"), Scale: 2}, `a "quoted" ladder`, 42, true, false, inner,
		[]calc.Phrase{inner, inner}, []calc.Money{{V: decimal.NewFromInt(1), Scale: 2}, {V: decimal.RequireFromString("0.5"), Scale: 0}},
		[]string{"x", "y"}, "", "Оклад", "0.05", "v1.2",
	}
	n := 0
	for m := range words {
		for _, lang := range []string{"en", "ru"} {
			verbs := strings.Count(words[m][0], "%")
			for shift := range kinds {
				args := make([]any, verbs)
				for i := range args {
					args[i] = kinds[(i+shift)%len(kinds)]
				}
				p := calc.Phrase{Msg: m, Args: args}
				if got, want := string(Append([]byte("›"), p, lang)), "›"+sprintf(p, lang); got != want {
					t.Fatalf("message %d in %s:\n got %q\nwant %q", m, lang, got, want)
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d renderings compared", n)
	}
}

// TestCount: nouns agree with their numbers, in Russian by the last two
// digits (1, 21, 101 сотрудник; 2–4, 22–24 сотрудника; 5–20, 25, 111–114
// сотрудников).
func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "сотрудников", 1: "сотрудник", 2: "сотрудника", 4: "сотрудника", 5: "сотрудников",
		11: "сотрудников", 12: "сотрудников", 14: "сотрудников", 20: "сотрудников", 21: "сотрудник", 22: "сотрудника",
		25: "сотрудников", 101: "сотрудник", 111: "сотрудников", 112: "сотрудников", 122: "сотрудника"} {
		if got := Count("ru", n, Employees); got != fmt.Sprint(n)+" "+want {
			t.Errorf("Count(ru, %d) = %q, want %d %s", n, got, n, want)
		}
	}
	for n, want := range map[int]string{0: "0 files", 1: "1 file", 2: "2 files", 21: "21 files"} {
		if got := Count("en", n, Files); got != want {
			t.Errorf("Count(en, %d) = %q, want %q", n, got, want)
		}
	}
	for i := range TalkCount {
		if talk[i][0] == "" || talk[i][1] == "" {
			t.Errorf("talk %d is not worded in both languages", i)
		}
	}
}

// shapesScheme uses each ladder shape of issue 12, item 7: a capped step
// ladder and a capped marginal one, inclusive upper bounds, fixed amounts
// per tier, tiers keyed on attainment (step, marginal, held at a bound,
// and counted from the year's start).
const shapesScheme = `version: 1
id: shapes
currency: RUB
ladders:
  - id: capped-steps
    type: step
    tiers:
      - {from: 0, to: 100000, value: 0.02}
      - {from: 100000, to: 300000, value: 0.05}
  - id: capped-slices
    type: marginal
    tiers:
      - {from: 0, to: 100000, rate: 0.02}
      - {from: 100000, to: 300000, rate: 0.05}
  - id: sums
    type: step
    inclusive: to
    tiers:
      - {from: 0, to: 100000, amount: 0}
      - {from: 100000, to: 400000, amount: 5000, value: 0.01}
      - {from: 400000, amount: 12000}
  - id: on-attainment
    type: step
    tiers:
      - {from: 0, to: 1, value: 0.03}
      - {from: 1, to: 2, amount: 1000, value: 0.07}
  - id: slices-attainment
    type: marginal
    tiers:
      - {from: 0, to: 0.8, rate: 0.03}
      - {from: 0.8, to: 1, rate: 0.05}
      - {from: 1, rate: 0.07}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales, norm: 160000}
    components:
      - {id: steps, type: commission, kpi: sales, ladder: capped-steps}
      - {id: slices, type: commission, kpi: sales, ladder: capped-slices}
      - {id: sums, type: commission, kpi: sales, ladder: sums}
      - {id: att, type: commission, kpi: sales, ladder: on-attainment, tiers_on: attainment}
      - {id: att_slices, type: commission, kpi: sales, ladder: slices-attainment, tiers_on: attainment}
      - {id: ytd, type: commission, kpi: sales, ladder: slices-attainment, tiers_on: attainment, prior: sales_ytd}
`

// TestLadderShapeWords: each shape explained in English and Russian, for
// sales of 400,000 against a norm of 160,000 (250 %), 40,000 before.
//   - steps: held at 300,000: 300,000 × 0.05 = 15,000;
//   - slices: 100,000 × 0.02 + 200,000 × 0.05 = 12,000;
//   - sums: 400,000 is in (100,000, 400,000] (inclusive: to): 5,000 +
//     400,000 × 0.01 = 9,000;
//   - att: 2.5 held at 2: 1,000 + 160,000 × 2 × 0.07 = 23,400;
//   - att_slices: 0.8 × 160,000 × 0.03 + 0.2 × 160,000 × 0.05 + 1.5 ×
//     160,000 × 0.07 = 3,840 + 1,600 + 16,800 = 22,240;
//   - ytd: (40,000 + 400,000) / 160,000 = 2.75 and 40,000 / 160,000 =
//     0.25: 160,000 × (0.024 + 0.01 + 1.75 × 0.07) − 160,000 × 0.25 × 0.03
//     = 25,040 − 1,200 = 23,840.
func TestLadderShapeWords(t *testing.T) {
	s, err := plan.Parse(strings.NewReader(shapesScheme), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	e := calc.Employee{ID: "E", Name: "Name E", Role: "rep", Src: calc.Note("Roster!E")}
	e.Facts.Set("sales", calc.Value{V: decimal.RequireFromString("400000"), Src: calc.Note("Facts!sales")})
	e.Facts.Set("sales_ytd", calc.Value{V: decimal.RequireFromString("40000"), Src: calc.Note("Facts!sales_ytd")})
	res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{e}}, calc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Employees[0]
	for id, want := range map[string]string{"steps": "15000", "slices": "12000", "sums": "9000", "att": "23400", "att_slices": "22240", "ytd": "23840"} {
		for _, c := range r.Components {
			if c.ID == id && !c.Amount.Equal(decimal.RequireFromString(want)) {
				t.Errorf("%s = %s, want %s", id, c.Amount, want)
			}
		}
	}
	render := func(lang string) string {
		var lines []string
		for _, st := range r.Steps {
			lines = append(lines, Render(st.Phrase, lang))
		}
		return strings.Join(lines, "\n")
	}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			`steps: ladder "capped-steps" at 400000: 400000 is above the last tier's upper bound 300000: counted as 300000; tier [100000, 300000]: 0.05; commission = 300000 × 0.05 = 15000`,
			`slices: commission on 400000 by ladder "capped-slices": 400000 is above the last tier's upper bound 300000: counted as 300000; 100000 × 0.02 + 200000 × 0.05 = 12000`,
			`sums: ladder "sums" at 400000: tier (100000, 400000]: amount 5000 and rate 0.01; commission = 5000 + 400000 × 0.01 = 9000`,
			`att: fulfilment = fact / norm = 400000 / 160000 = 2.5; ladder "on-attainment", 2.5 is above the last tier's upper bound 2: counted as 2; tier [1, 2]: amount 1000 and rate 0.07; commission = 1000 + norm 160000 × 2 × 0.07 = 23400`,
			`att_slices: fulfilment = fact / norm = 400000 / 160000 = 2.5; ladder "slices-attainment", each slice of fulfilment × the norm 160000 × its rate: commission 0.8 × 160000 × 0.03 + 0.2 × 160000 × 0.05 + 1.5 × 160000 × 0.07 = 22240`,
			`ytd: ladder "slices-attainment" on fulfilment from the year's start: (40000 before + 400000 now) / norm 160000 = 2.75 → 0.8 × 160000 × 0.03 + 0.2 × 160000 × 0.05 + 1.75 × 160000 × 0.07 = 25040; less 40000 / 160000 = 0.25 → 0.25 × 160000 × 0.03 = 1200; commission 23840`,
		}},
		{"ru", []string{
			`steps: шкала "capped-steps" при 400000: 400000 выше верхней границы последней ступени 300000: берётся 300000; ступень [100000; 300000]: 0,05; комиссия = 300000 × 0,05 = 15000`,
			`sums: шкала "sums" при 400000: ступень (100000; 400000]: сумма 5000 и ставка 0,01; комиссия = 5000 + 400000 × 0,01 = 9000`,
			`att: выполнение = факт / норма = 400000 / 160000 = 2,5; шкала "on-attainment", 2,5 выше верхней границы последней ступени 2: берётся 2; ступень [1; 2]: сумма 1000 и ставка 0,07; комиссия = 1000 + норма 160000 × 2 × 0,07 = 23400`,
			`att_slices: выполнение = факт / норма = 400000 / 160000 = 2,5; шкала "slices-attainment", каждый отрезок выполнения × норма 160000 × его ставка: комиссия 0,8 × 160000 × 0,03 + 0,2 × 160000 × 0,05 + 1,5 × 160000 × 0,07 = 22240`,
			`ytd: шкала "slices-attainment" по выполнению с начала года: (40000 до периода + 400000 в периоде) / норма 160000 = 2,75 → 0,8 × 160000 × 0,03 + 0,2 × 160000 × 0,05 + 1,75 × 160000 × 0,07 = 25040; минус 40000 / 160000 = 0,25 → 0,25 × 160000 × 0,03 = 1200; комиссия 23840`,
		}},
	} {
		all := render(tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s explanation lacks\n%s\nin\n%s", tt.lang, w, all)
			}
		}
	}
}
