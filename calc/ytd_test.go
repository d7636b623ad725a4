package calc

import (
	"strings"
	"testing"
)

// ytdYAML is Spiff's cumulative commission (priorYAML) with the sales
// before the period read from the book, and the same on attainment of a
// yearly quota of 250,000: tiers 0–60 % at 4 %, 60–100 % at 6 %, above at
// 8 % (the same amounts of sales as Spiff's: 150,000 and 250,000).
const ytdYAML = `version: 1
id: p
currency: USD
ladders:
  - id: spiff
    type: marginal
    tiers:
      - {from: 0, to: 150000, rate: 0.04}
      - {from: 150000, to: 250000, rate: 0.06}
      - {from: 250000, rate: 0.08}
  - id: spiff-att
    type: marginal
    tiers:
      - {from: 0, to: 0.6, rate: 0.04}
      - {from: 0.6, to: 1, rate: 0.06}
      - {from: 1, rate: 0.08}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: spiff, prior: year-to-date}
  - id: yearly
    fixed: 0
    kpis:
      - {id: sales, norm: 250000}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: spiff-att, tiers_on: attainment, prior: year-to-date}
`

// ytdMonth is one earlier month of the book: each person's sales there.
func ytdMonth(per, source string, sales map[string]string) *Earlier {
	e := &Earlier{Period: per, Source: source, Facts: map[string]Facts{}}
	for id, v := range sales {
		var fs Facts
		fs.Set("sales", Value{V: d(v), Src: Note(source)})
		e.Facts[id] = fs
	}
	return e
}

func TestRunCommissionYearToDate(t *testing.T) {
	s := mustScheme(t, ytdYAML)
	// Spiff's case split over the year: January 60,000 (closed), February
	// 85,000 (an open fact sheet): 145,000 before March. March's 20,000:
	// 5,000 up to 150,000 at 4 % (200) + 15,000 at 6 % (900) = 1,100.
	// B joined in February: 85,000 before March; March's 20,000 all at
	// 4 % = 800.
	ytd := &YearToDate{Periods: []*Earlier{
		ytdMonth("2026-01", "closed/2026-01.json", map[string]string{"A": "60000", "Y": "60000"}),
		ytdMonth("2026-02", "facts/2026-02.xlsx", map[string]string{"A": "85000", "B": "85000", "Y": "85000"}),
	}}
	res := mustRun(t, s, &Input{Period: "2026-03", YearToDate: ytd, Employees: []Employee{
		person("A", "rep", "sales=20000"),
		person("B", "rep", "sales=20000"),
		// On attainment of 250,000: (145,000 + 20,000) / 250,000 = 0.66,
		// 145,000 / 250,000 = 0.58: slices 0.58–0.6 at 4 % and 0.6–0.66 at
		// 6 % of the norm: 250,000 × (0.02 × 0.04 + 0.06 × 0.06) =
		// 200 + 900 = 1,100, the same as on amounts.
		person("Y", "yearly", "sales=20000"),
	}})
	for i, want := range []string{"1100", "800", "1100"} {
		e := res.Employees[i]
		if got := componentOf(t, e, "commission"); !got.Equal(d(want)) {
			t.Errorf("%s: commission %s, want %s", e.ID, got, want)
		}
	}
	// A's explanation names each month, its figure and where it was read.
	var text string
	for _, st := range res.Employees[0].Steps {
		if st.Msg == MsgPriorYearToDate {
			terms := st.Args[2].([]Phrase)
			var parts []string
			for _, p := range terms {
				parts = append(parts, p.Args[0].(string)+" "+p.Args[1].(interface{ String() string }).String()+" "+p.Args[2].(string))
			}
			text = strings.Join(parts, " + ") + " = " + st.Args[3].(Q).String()
		}
	}
	if want := "2026-01 60000 closed/2026-01.json + 2026-02 85000 facts/2026-02.xlsx = 145000"; text != want {
		t.Errorf("A's year to date: %q, want %q", text, want)
	}

	// January, or a year run: nothing before, the prior is 0; 20,000 at
	// 4 % = 800.
	e := mustRun(t, s, &Input{Period: "2026-01", YearToDate: &YearToDate{}, Employees: []Employee{person("A", "rep", "sales=20000")}}).Employees[0]
	if got := componentOf(t, e, "commission"); !got.Equal(d("800")) {
		t.Errorf("January: commission %s, want 800", got)
	}
	// Without the book: refused at the scheme's prior key (line 23, the
	// rep's commission, column 78 where prior: is written).
	runErr(t, s, &Input{Employees: []Employee{person("A", "rep", "sales=1")}}, "s.yaml:23:78:", `prior: year-to-date`, "run with --book")
}
