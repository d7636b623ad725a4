package period

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		text, want string
		kind       Kind
		first      string
		last       string
		days       int
	}{
		// October has 31 days.
		{"2026-10", "2026-10", Month, "2026-10-01", "2026-10-31", 31},
		// February 2028 is a leap month: 29 days.
		{"2028-02", "2028-02", Month, "2028-02-01", "2028-02-29", 29},
		{"2026-02", "2026-02", Month, "2026-02-01", "2026-02-28", 28},
		// Q4: October 31 + November 30 + December 31 = 92 days.
		{"2026-Q4", "2026-Q4", Quarter, "2026-10-01", "2026-12-31", 92},
		// Q1 2026: 31 + 28 + 31 = 90; of a leap year 2028: 91.
		{"2026-q1", "2026-Q1", Quarter, "2026-01-01", "2026-03-31", 90},
		{"2028-Q1", "2028-Q1", Quarter, "2028-01-01", "2028-03-31", 91},
		// Q2: 30 + 31 + 30 = 91; Q3: 31 + 31 + 30 = 92.
		{"2026-Q2", "2026-Q2", Quarter, "2026-04-01", "2026-06-30", 91},
		{"2026-Q3", "2026-Q3", Quarter, "2026-07-01", "2026-09-30", 92},
		{"2026", "2026", Year, "2026-01-01", "2026-12-31", 365},
		{"2028", "2028", Year, "2028-01-01", "2028-12-31", 366},
		{" 2026-10 ", "2026-10", Month, "2026-10-01", "2026-10-31", 31},
	} {
		p, err := Parse(c.text)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.text, err)
			continue
		}
		if p.String() != c.want || p.Kind() != c.kind {
			t.Errorf("Parse(%q) = %s (%s), want %s (%s)", c.text, p, p.Kind(), c.want, c.kind)
		}
		if got := p.First().Format("2006-01-02"); got != c.first {
			t.Errorf("%s.First() = %s, want %s", p, got, c.first)
		}
		if got := p.Last().Format("2006-01-02"); got != c.last {
			t.Errorf("%s.Last() = %s, want %s", p, got, c.last)
		}
		if p.Days() != c.days {
			t.Errorf("%s.Days() = %d, want %d", p, p.Days(), c.days)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"2026-13", `"2026-13": there is no month 13: a month is 01 to 12 (2026-10)`},
		{"2026-00", `"2026-00": there is no month 00`},
		{"2026-Q5", `"2026-Q5": there is no quarter 5: a quarter is Q1 to Q4 (2026-Q4)`},
		{"2026-Q0", `there is no quarter 0`},
		{"2026/10", `"2026/10": not a period: write a month as 2026-10, a quarter as 2026-Q4 or a year as 2026`},
		{"2026-1", `not a period`},
		{"26-10", `not a period`},
		{"0999", `not a period`},
		{"10.2026", `not a period`},
		{"2026-Q4-1", `not a period`},
		{"Q4 2026", `not a period`},
		{"", `"": not a period`},
		{"２０２６", `not a period`}, // full-width digits
	} {
		_, err := Parse(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", c.text, err, c.want)
		}
	}
}

func TestMonthsPrevSameLastYear(t *testing.T) {
	for _, c := range []struct {
		p, prev, next, lastYear string
		months                  []string
	}{
		{"2026-10", "2026-09", "2026-11", "2025-10", []string{"2026-10"}},
		{"2026-01", "2025-12", "2026-02", "2025-01", []string{"2026-01"}},
		{"2026-12", "2026-11", "2027-01", "2025-12", []string{"2026-12"}},
		{"2026-Q4", "2026-Q3", "2027-Q1", "2025-Q4", []string{"2026-10", "2026-11", "2026-12"}},
		{"2026-Q1", "2025-Q4", "2026-Q2", "2025-Q1", []string{"2026-01", "2026-02", "2026-03"}},
		{"2026", "2025", "2027", "2025", []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"}},
	} {
		p, _ := Parse(c.p)
		if got := p.Prev().String(); got != c.prev {
			t.Errorf("%s.Prev() = %s, want %s", p, got, c.prev)
		}
		if got := p.Next().String(); got != c.next {
			t.Errorf("%s.Next() = %s, want %s", p, got, c.next)
		}
		if got := p.SameLastYear().String(); got != c.lastYear {
			t.Errorf("%s.SameLastYear() = %s, want %s", p, got, c.lastYear)
		}
		var months []string
		for _, m := range p.Months() {
			months = append(months, m.String())
			if !m.Within(p) {
				t.Errorf("%s is not Within %s", m, p)
			}
		}
		if !slices.Equal(months, c.months) {
			t.Errorf("%s.Months() = %v, want %v", p, months, c.months)
		}
	}
}

func TestContainsAndOf(t *testing.T) {
	q4, _ := Parse("2026-Q4")
	for _, c := range []struct {
		day  string
		want bool
	}{
		{"2026-09-30", false}, {"2026-10-01", true}, {"2026-11-15", true}, {"2026-12-31", true}, {"2027-01-01", false},
	} {
		if got := q4.Contains(day(c.day)); got != c.want {
			t.Errorf("2026-Q4.Contains(%s) = %v, want %v", c.day, got, c.want)
		}
	}
	// 23:30 on 31 December in Moscow is still 31 December: the calendar
	// date counts, not the instant.
	late := time.Date(2026, 12, 31, 23, 30, 0, 0, time.FixedZone("MSK", 3*3600))
	if !q4.Contains(late) {
		t.Errorf("2026-Q4 does not contain %v", late)
	}
	for _, c := range []struct {
		day  string
		kind Kind
		want string
	}{
		{"2026-11-15", Month, "2026-11"}, {"2026-11-15", Quarter, "2026-Q4"}, {"2026-03-31", Quarter, "2026-Q1"},
		{"2026-04-01", Quarter, "2026-Q2"}, {"2026-11-15", Year, "2026"},
	} {
		if got := Of(day(c.day), c.kind).String(); got != c.want {
			t.Errorf("Of(%s, %s) = %s, want %s", c.day, c.kind, got, c.want)
		}
	}
	m, _ := Parse("2026-11")
	if got := m.Enclosing(Quarter).String(); got != "2026-Q4" {
		t.Errorf("2026-11.Enclosing(quarter) = %s", got)
	}
	if got := m.Enclosing(Year).String(); got != "2026" {
		t.Errorf("2026-11.Enclosing(year) = %s", got)
	}
	if m.Within(MonthOf(2026, 10)) || !m.Within(YearOf(2026)) || QuarterOf(2026, 4).Within(m) {
		t.Error("Within is wrong")
	}
}

func TestCompare(t *testing.T) {
	var ps []Period
	for _, s := range []string{"2026", "2026-Q4", "2026-12", "2026-10", "2025-12", "2026-11", "2026-Q3", "2026-09"} {
		p, _ := Parse(s)
		ps = append(ps, p)
	}
	slices.SortFunc(ps, Compare)
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	// By the last day; a month before its quarter, a quarter before its year.
	want := []string{"2025-12", "2026-09", "2026-Q3", "2026-10", "2026-11", "2026-12", "2026-Q4", "2026"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
}

func TestZeroAndText(t *testing.T) {
	var z Period
	if !z.IsZero() || z.String() != "" || z.Days() != 0 || z.Contains(day("2026-10-01")) || z.Months() != nil {
		t.Errorf("the zero period is not none: %q", z.String())
	}
	var v struct {
		P Period `json:"p"`
	}
	if err := json.Unmarshal([]byte(`{"p":"2026-Q4"}`), &v); err != nil || v.P != QuarterOf(2026, 4) {
		t.Errorf("unmarshal: %v %v", v.P, err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"p":"2026-Q4"}` {
		t.Errorf("marshal: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"p":"2026-13"}`), &v); err == nil {
		t.Error("2026-13 unmarshalled")
	}
	if k, ok := ParseKind("quarter"); !ok || k != Quarter || k.Months() != 3 {
		t.Errorf("ParseKind(quarter) = %v %v", k, ok)
	}
	if _, ok := ParseKind("week"); ok {
		t.Error("week is a kind")
	}
}

// TestEnds: the last month of a quarter ends it, December the year; a
// quarter's last ends the year only in Q4; a period ends its own kind.
func TestEnds(t *testing.T) {
	for _, c := range []struct {
		p    string
		k    Kind
		want bool
	}{
		{"2026-03", Quarter, true}, {"2026-02", Quarter, false}, {"2026-12", Quarter, true},
		{"2026-12", Year, true}, {"2026-11", Year, false}, {"2026-Q4", Year, true},
		{"2026-Q3", Year, false}, {"2026-05", Month, true},
	} {
		p, err := Parse(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Ends(c.k); got != c.want {
			t.Errorf("%s.Ends(%s) = %v, want %v", c.p, c.k, got, c.want)
		}
	}
}
