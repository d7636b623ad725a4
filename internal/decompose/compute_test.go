package decompose

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// funnelYAML is the worked example of docs/planning.md §7.3.
const funnelYAML = `version: 1
currency: RUB
profit: 600000
margin: 0.15
average_check: 160000
working_days: 21
managers: 5
profile: b2b-small
stages:
  - id: deals
  - id: proposals
    conversion: 0.4
  - id: meetings
    conversion: 0.5
  - id: calls
    conversion: 0.08
`

func resolve(t *testing.T, yaml string, o Overrides) *Input {
	t.Helper()
	f, err := Read("-", strings.NewReader(yaml))
	if err != nil {
		t.Fatal(err)
	}
	in, err := Resolve(f, "funnel.yaml", o)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// shown is q as every output shows it (6 decimals at most).
func shown(q calc.Q) string { return q.Shown().String() }

type stageWant struct {
	month, needed, day, dayNeeded string
	above                         bool
}

func checkStages(t *testing.T, who string, got []PersonStage, want []stageWant) {
	t.Helper()
	for i, w := range want {
		g := got[i]
		if shown(g.Month) != w.month || Ceil(g.Month).String() != w.needed || shown(g.Day) != w.day || Ceil(g.Day).String() != w.dayNeeded || g.Above != w.above {
			t.Errorf("%s stage %d: month %s (needed %s), day %s (needed %s), above %v; want %s (%s), %s (%s), %v",
				who, i, shown(g.Month), Ceil(g.Month), shown(g.Day), Ceil(g.Day), g.Above, w.month, w.needed, w.day, w.dayNeeded, w.above)
		}
	}
}

// TestDecomposeByHand works the chain out by hand: from the profit to
// the calls, per month and per working day, for the department and for
// each of its managers alike.
func TestDecomposeByHand(t *testing.T) {
	res, err := Compute(resolve(t, funnelYAML, Overrides{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	// revenue = profit / margin = 600,000 / 0.15 = 4,000,000
	if got := res.RevenueShown.StringFixed(res.Scale); got != "4000000.00" {
		t.Errorf("revenue = %s, want 4000000.00", got)
	}
	// deals = revenue / average check = 4,000,000 / 160,000 = 25
	// proposals = 25 / 0.4 = 62.5, 63 needed
	// meetings = 62.5 / 0.5 = 125
	// calls = 125 / 0.08 = 1,562.5, 1,563 needed
	// a working day (21): 25 / 21 = 1.190476 (2 needed), 62.5 / 21 =
	// 2.976190 (3), 125 / 21 = 5.952381 (6), 1,562.5 / 21 = 74.404762 (75)
	dept := []stageWant{
		{"25", "25", "1.190476", "2", false},
		{"62.5", "63", "2.97619", "3", false},
		{"125", "125", "5.952381", "6", true},
		{"1562.5", "1563", "74.404762", "75", false},
	}
	var got []PersonStage
	for _, s := range res.Stages {
		got = append(got, PersonStage{Month: s.Month, Day: s.Day, Above: s.Above})
	}
	checkStages(t, "department", got, dept)
	// The average manager's day is the department's over 5: meetings
	// 5.952381 / 5 = 1.190476, above the B2B norm of 1 meeting a day with
	// calls; calls 74.404762 / 5 = 14.880952, within the 15 a day of
	// calls with appointments.
	if got := shown(res.Stages[2].ManagerDay); got != "1.190476" {
		t.Errorf("meetings per manager a day = %s, want 1.190476", got)
	}
	if n := res.Stages[2].Norm; n == nil || n.V.String() != "1" || n.Line != LineMeetingsB2BWithCalls {
		t.Errorf("meetings norm = %+v, want 1 (B2B with calls)", n)
	}
	if n := res.Stages[3].Norm; n == nil || n.V.String() != "15" || n.Line != LineCallsWithMeetings {
		t.Errorf("calls norm = %+v, want 15 (with appointments)", n)
	}
	if res.Stages[0].Norm != nil || res.Stages[1].Norm != nil {
		t.Errorf("deals and proposals have no norm in the source")
	}
	// Each of the 5 managers alike: a fifth of everything.
	// deals 5 (5 / 21 = 0.238095 a day, 1 needed); proposals 12.5 (13),
	// 0.595238 (1); meetings 25, 1.190476 a day (2), above 1; calls 312.5
	// (313), 14.880952 a day (15), not above 15.
	if len(res.People) != 1 || res.Named {
		t.Fatalf("people = %d, named %v; want one entry for each manager alike", len(res.People), res.Named)
	}
	p := res.People[0]
	if shown(p.Share) != "0.2" || p.Revenue.StringFixed(2) != "800000.00" {
		t.Errorf("share %s, revenue %s; want 0.2, 800000.00", shown(p.Share), p.Revenue.StringFixed(2))
	}
	checkStages(t, "each manager", p.Stages, []stageWant{
		{"5", "5", "0.238095", "1", false},
		{"12.5", "13", "0.595238", "1", false},
		{"25", "25", "1.190476", "2", true},
		{"312.5", "313", "14.880952", "15", false},
	})
	if res.Above != 1 {
		t.Errorf("above = %d, want 1 (meetings)", res.Above)
	}
}

// historyScheme counts the four stages; calls and meetings carry levels.
const historyScheme = `version: 1
id: decompose-test
currency: RUB
roles:
  - id: manager
    fixed: 40000
    variable: 30000
    bonus:
      method: index
    kpis:
      - id: calls
        weight: 0.5
        base: 500
        norm: 800
        target: 1000
      - id: meetings
        weight: 0.5
        base: 8
        norm: 16
        target: 24
      - id: proposals
        unit: proposals
      - id: deals
        unit: deals
  - id: head
    fixed: 60000
    variable: 0
`

func history(t *testing.T, in *Input) *History {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(historyScheme), "scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	facts := func(calls, meetings, proposals, deals int64) calc.Facts {
		v := func(n int64) calc.Value { return calc.Value{V: decimal.New(n, 0)} }
		return calc.Facts{{ID: "calls", Value: v(calls)}, {ID: "meetings", Value: v(meetings)}, {ID: "proposals", Value: v(proposals)}, {ID: "deals", Value: v(deals)}}
	}
	month := &calc.Input{Source: "facts.xlsx", Employees: []calc.Employee{
		{ID: "A", Name: "Anna", Role: "manager", Facts: facts(1000, 100, 50, 25)},
		{ID: "B", Name: "Boris", Role: "manager", Facts: facts(1000, 50, 20, 5)},
		{ID: "H", Name: "Head", Role: "head"},
	}}
	h, err := NewHistory(in, s, []*calc.Input{month})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestDecomposeByOwnConversions: the same department's 25 deals, shared
// between two managers of different conversions: the weaker needs more
// activity for the same deals.
func TestDecomposeByOwnConversions(t *testing.T) {
	in := resolve(t, strings.Replace(funnelYAML, "managers: 5\n", "", 1), Overrides{})
	res, err := Compute(in, history(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if res.Managers != 2 || res.Conversions != ConversionsOwn || !res.Named {
		t.Fatalf("managers %d, conversions %s, named %v; want the history's 2 (not the head), own", res.Managers, res.Conversions, res.Named)
	}
	// Anna's conversions, each her count at the next stage over this one's: deals / proposals =
	// 25 / 50 = 0.5, proposals / meetings = 50 / 100 = 0.5, meetings /
	// calls = 100 / 1,000 = 0.1. Boris: 5 / 20 = 0.25, 20 / 50 = 0.4,
	// 50 / 1,000 = 0.05.
	// Deals shared equally: 25 / 2 = 12.5 each (13 needed).
	// Anna: proposals 12.5 / 0.5 = 25, meetings 25 / 0.5 = 50, calls 50 /
	// 0.1 = 500; a day: 12.5 / 21 = 0.595238, 25 / 21 = 1.190476, 50 / 21 =
	// 2.380952 (3; above 1), 500 / 21 = 23.809524 (24; above 15).
	// Boris: proposals 12.5 / 0.25 = 50, meetings 50 / 0.4 = 125, calls
	// 125 / 0.05 = 2,500; a day: 50 / 21 = 2.380952, 125 / 21 = 5.952381
	// (6; above 1), 2,500 / 21 = 119.047619 (120; above 15).
	a, b := res.People[0], res.People[1]
	if a.ID != "A" || b.ID != "B" {
		t.Fatalf("people %s, %s; want A, B", a.ID, b.ID)
	}
	for i, want := range []string{"", "0.5", "0.5", "0.1"} {
		if i > 0 && (shown(*a.Stages[i].Conversion) != want || a.Stages[i].From != FromOwn) {
			t.Errorf("Anna's conversion at %d = %s (%s), want %s (own)", i, shown(*a.Stages[i].Conversion), a.Stages[i].From, want)
		}
	}
	checkStages(t, "Anna", a.Stages, []stageWant{
		{"12.5", "13", "0.595238", "1", false},
		{"25", "25", "1.190476", "2", false},
		{"50", "50", "2.380952", "3", true},
		{"500", "500", "23.809524", "24", true},
	})
	checkStages(t, "Boris", b.Stages, []stageWant{
		{"12.5", "13", "0.595238", "1", false},
		{"50", "50", "2.380952", "3", false},
		{"125", "125", "5.952381", "6", true},
		{"2500", "2500", "119.047619", "120", true},
	})
	if a.Revenue.StringFixed(2) != "2000000.00" || b.Revenue.StringFixed(2) != "2000000.00" {
		t.Errorf("revenue %s, %s; want 2000000.00 each", a.Revenue.StringFixed(2), b.Revenue.StringFixed(2))
	}
	if res.Above != 4 {
		t.Errorf("above = %d, want 4 (each one's meetings and calls)", res.Above)
	}
	// The Plans table: each one's norm a month, with the scheme's base
	// and target scaled by it, whole units away from the norm.
	// Anna calls 500: base 500 × 500 / 800 = 312.5 → 312, target 1,000 ×
	// 500 / 800 = 625; meetings 50: base 8 × 50 / 16 = 25, target 24 × 50 /
	// 16 = 75; proposals 25 and deals 13 (12.5 up), no levels in the scheme.
	// Boris calls 2,500: 1,562.5 → 1,562, 3,125; meetings 125: 62.5 → 62,
	// 187.5 → 188; proposals 50; deals 13.
	want := []string{
		"A deals - 13 -", "A proposals - 25 -", "A meetings 25 50 75", "A calls 312 500 625",
		"B deals - 13 -", "B proposals - 50 -", "B meetings 62 125 188", "B calls 1562 2500 3125",
	}
	var got []string
	for _, r := range res.Plans {
		s := func(d *decimal.Decimal) string {
			if d == nil {
				return "-"
			}
			return d.String()
		}
		got = append(got, strings.Join([]string{r.ID, r.KPI, s(r.Base), s(r.Norm), s(r.Target)}, " "))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plans:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDecomposeByPastDeals shares the deals in proportion to the past
// deals: Anna made 25 of the 30, Boris 5.
func TestDecomposeByPastDeals(t *testing.T) {
	in := resolve(t, strings.Replace(funnelYAML, "managers: 5\n", "share: past-deals\n", 1), Overrides{})
	res, err := Compute(in, history(t, in))
	if err != nil {
		t.Fatal(err)
	}
	// Anna: 25 × 25 / 30 = 20.833333 deals (21), proposals / 0.5 =
	// 41.666667 (42), meetings / 0.5 = 83.333333 (84), calls / 0.1 =
	// 833.333333 (834). Boris: 25 × 5 / 30 = 4.166667 (5), / 0.25 =
	// 16.666667 (17), / 0.4 = 41.666667 (42), / 0.05 = 833.333333 (834).
	a, b := res.People[0], res.People[1]
	if shown(a.Share) != "0.833333" || shown(b.Share) != "0.166667" {
		t.Errorf("shares %s, %s; want 5/6, 1/6", shown(a.Share), shown(b.Share))
	}
	// revenue 4,000,000 × 5/6 = 3,333,333.33; × 1/6 = 666,666.67
	if a.Revenue.StringFixed(2) != "3333333.33" || b.Revenue.StringFixed(2) != "666666.67" {
		t.Errorf("revenue %s, %s; want 3333333.33, 666666.67", a.Revenue.StringFixed(2), b.Revenue.StringFixed(2))
	}
	for i, w := range [][2]string{{"20.833333", "21"}, {"41.666667", "42"}, {"83.333333", "84"}, {"833.333333", "834"}} {
		if g := a.Stages[i].Month; shown(g) != w[0] || Ceil(g).String() != w[1] {
			t.Errorf("Anna stage %d: %s (%s), want %s (%s)", i, shown(g), Ceil(g), w[0], w[1])
		}
	}
	for i, w := range [][2]string{{"4.166667", "5"}, {"16.666667", "17"}, {"41.666667", "42"}, {"833.333333", "834"}} {
		if g := b.Stages[i].Month; shown(g) != w[0] || Ceil(g).String() != w[1] {
			t.Errorf("Boris stage %d: %s (%s), want %s (%s)", i, shown(g), Ceil(g), w[0], w[1])
		}
	}
}

// TestHistoryOverMonths: a manager's counts are summed over every fact
// sheet given; the managers are the last one's people (X, who left after
// the first month, is not planned for).
func TestHistoryOverMonths(t *testing.T) {
	in := resolve(t, strings.Replace(funnelYAML, "managers: 5\n", "", 1), Overrides{})
	s, _, err := plan.Check(strings.NewReader(historyScheme), "scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	facts := func(calls, meetings, proposals, deals int64) calc.Facts {
		v := func(n int64) calc.Value { return calc.Value{V: decimal.New(n, 0)} }
		return calc.Facts{{ID: "calls", Value: v(calls)}, {ID: "meetings", Value: v(meetings)}, {ID: "proposals", Value: v(proposals)}, {ID: "deals", Value: v(deals)}}
	}
	sept := &calc.Input{Source: "facts-09.xlsx", Employees: []calc.Employee{
		{ID: "A", Role: "manager", Facts: facts(1000, 100, 50, 25)},
		{ID: "B", Role: "manager", Facts: facts(1000, 50, 20, 5)},
		{ID: "X", Role: "manager", Facts: facts(900, 90, 45, 20)},
	}}
	oct := &calc.Input{Source: "facts-10.xlsx", Employees: []calc.Employee{
		{ID: "A", Role: "manager", Facts: facts(500, 50, 30, 10)},
		{ID: "B", Role: "manager", Facts: facts(1000, 50, 20, 5)},
	}}
	h, err := NewHistory(in, s, []*calc.Input{sept, oct})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(in, h)
	if err != nil {
		t.Fatal(err)
	}
	if res.Managers != 2 {
		t.Fatalf("managers = %d, want 2 (A and B; X left)", res.Managers)
	}
	// A over both months: calls 1,500, meetings 150, proposals 80, deals
	// 35: conversions 35 / 80 = 0.4375, 80 / 150 = 0.533333, 150 / 1,500 =
	// 0.1. Her 12.5 deals: proposals 12.5 / 0.4375 = 28.571429, meetings
	// × 150 / 80 = 53.571429, calls / 0.1 = 535.714286.
	a := res.People[0]
	for i, w := range [][2]string{{"", "12.5"}, {"0.4375", "28.571429"}, {"0.533333", "53.571429"}, {"0.1", "535.714286"}} {
		if convText(a.Stages[i].Conversion) != w[0] || count(a.Stages[i].Month) != w[1] {
			t.Errorf("A stage %d: %s, %s; want %s, %s", i, convText(a.Stages[i].Conversion), count(a.Stages[i].Month), w[0], w[1])
		}
	}
	// B twice the same month: the same conversions as one month's.
	if got := count(res.People[1].Stages[3].Month); got != "2500" {
		t.Errorf("B's calls = %s, want 2500", got)
	}
}
