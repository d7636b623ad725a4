package trend

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func q(s string) *calc.Q { x := calc.Dec(dec(s)); return &x }

func frac(n, d int64) *calc.Q {
	x := calc.Frac(decimal.NewFromInt(n), decimal.NewFromInt(d))
	return &x
}

// TestBuilderCompact: what the builder holds compactly comes back exactly,
// in trend's order. Two periods, taken as chunks:
//
//	2026-01 (closed): B-2 (sales 300, norm 400, fulfilment 0.75, below;
//	  K 0.75, pay 1500.00); A-1 "Ann" (sales 1000, norm 3000, fulfilment
//	  1/3 exactly, not a decimal: kept in the side table; K none; pay 2000.50)
//	2026-02: A-1 renamed "Ann Lee", role lead (sales 12345678901234567890.5,
//	  more digits than an int64: kept as the decimal; norm 1000, at norm;
//	  and calls, met for the first time, 7 with no norm; pay 3000); B-2 absent.
//
// Rows by id (A-1 before B-2), then the person's KPIs in the order first
// met (sales, calls), then period. Reachability (by the band): in January
// both managers are base-norm, not reached: manager/sales 0 of 2; in
// February A-1, a lead, is at norm: lead/sales 1 of 1; lead/calls has no
// norm: 0 of 0. Order: the scheme's (manager: sales; lead: sales), then
// lead/calls, met in the figures only.
func TestBuilderCompact(t *testing.T) {
	s := &plan.Scheme{Roles: []*plan.Role{
		{ID: "manager", KPIs: []*plan.KPI{{ID: "sales"}}},
		{ID: "lead", KPIs: []*plan.KPI{{ID: "sales"}}},
	}}
	b := New(calc.Dec(dec("0.7")))
	jan := NewChunk("2026-01", true)
	jan.Money("RUB", 2)
	jan.Take(&Line{ID: "B-2", Name: "Bob", Role: "manager", Department: "D1", K: OfQ(q("0.75")), Pay: OfDecimal(dec("1500.00")),
		KPIs: []LineKPI{{ID: "sales", Fact: OfDecimal(dec("300")), Norm: OfQ(q("400")), Fulfilment: OfQ(q("0.75")), Band: calc.BandBaseNorm}}})
	jan.Take(&Line{ID: "A-1", Name: "Ann", Role: "manager", Department: "D1", Pay: OfDecimal(dec("2000.50")),
		KPIs: []LineKPI{{ID: "sales", Fact: OfDecimal(dec("1000")), Norm: OfQ(q("3000")), Fulfilment: OfQ(frac(1, 3)), Band: calc.BandBaseNorm}}})
	b.TakeChunk(s, jan)
	feb := NewChunk("2026-02", false)
	feb.Take(&Line{ID: "A-1", Name: "Ann Lee", Role: "lead", Department: "D2", K: OfQ(q("1")), Pay: OfDecimal(dec("3000")),
		KPIs: []LineKPI{
			{ID: "calls", Fact: OfDecimal(dec("7"))},
			{ID: "sales", Fact: OfDecimal(dec("12345678901234567890.5")), Norm: OfQ(q("1000")), Fulfilment: OfQ(q("1")), Band: calc.BandAtNorm},
		}})
	b.TakeChunk(s, feb)
	tr := b.Trend()
	str := func(x *calc.Q) string {
		if x == nil {
			return "-"
		}
		return x.String()
	}
	yes := func(x *bool) string {
		if x == nil {
			return "-"
		}
		return fmt.Sprint(*x)
	}
	var got []string
	for r := range tr.AllRows() {
		got = append(got, fmt.Sprintf("%s %v %s %s %s %s %s %s %s %s %s %s %s", r.Period, r.Closed, r.ID, r.Name, r.Role, r.Department, r.KPI,
			r.Fact.Decimal().String(), str(r.Norm.Q()), str(r.Fulfilment.Q()), yes(r.Reached), str(r.K.Q()), r.Pay.Decimal().StringFixed(2)))
	}
	want := []string{
		"2026-01 true A-1 Ann manager D1 sales 1000 3000 ≈0.333333 false - 2000.50",
		"2026-02 false A-1 Ann Lee lead D2 sales 12345678901234567890.5 1000 1 true 1 3000.00",
		"2026-02 false A-1 Ann Lee lead D2 calls 7 - - - 1 3000.00",
		"2026-01 true B-2 Bob manager D1 sales 300 400 0.75 false 0.75 1500.00",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tr.RowCount() != 4 {
		t.Errorf("RowCount = %d, want 4", tr.RowCount())
	}
	// The fulfilment 1/3 is held exactly: × 3 is 1.
	for r := range tr.AllRows() {
		if r.Fulfilment.Valid() && r.ID == "A-1" && r.Period == "2026-01" && r.Fulfilment.Q().Mul(calc.Dec(dec("3"))).Cmp(calc.Dec(dec("1"))) != 0 {
			t.Errorf("A-1's January fulfilment = %s, want 1/3 exactly", r.Fulfilment.Q())
		}
	}
	// People: the latest name; B-2 not paid in February.
	if len(tr.People) != 2 || tr.People[0].Name != "Ann Lee" || tr.People[0].Pay[0].StringFixed(2) != "2000.50" ||
		tr.People[1].ID != "B-2" || tr.People[1].Pay[1] != nil {
		t.Errorf("people = %+v", tr.People)
	}
	var reach []string
	for _, r := range tr.Reach {
		reach = append(reach, fmt.Sprintf("%s/%s %d of %d", r.Role, r.KPI, r.Reached, r.WithNorm))
	}
	if w := "manager/sales 0 of 2, lead/sales 1 of 1, lead/calls 0 of 0"; strings.Join(reach, ", ") != w {
		t.Errorf("reach = %s, want %s", strings.Join(reach, ", "), w)
	}
	if tr.Currency != "RUB" || tr.Scale != 2 {
		t.Errorf("currency %q scale %d", tr.Currency, tr.Scale)
	}
}

func rowText(r *Row) string {
	yes := "-"
	if r.Reached != nil {
		yes = fmt.Sprint(*r.Reached)
	}
	return fmt.Sprintf("%s %v %s %s %s %s %s %s %s %s %s %s %s %s", r.Period, r.Closed, r.ID, r.Name, r.Role, r.Department, r.KPI, r.Title,
		r.Fact.AppendText(nil), r.Norm.AppendShown(nil), r.Fulfilment.AppendShown(nil), yes, r.K.AppendShown(nil), r.Pay.AppendFixed(nil, 2))
}

// TestStreamAsHeld: the rows of a Stream, its windows one after another,
// are the rows of the same periods held whole (Builder), for 1,000
// people over three periods, each person absent from a period now and
// then, with KPIs that come and go (one retitled in the third period),
// each period given in pieces of random sizes (empty ones among them).
func TestStreamAsHeld(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	s := &plan.Scheme{Roles: []*plan.Role{{ID: "manager", KPIs: []*plan.KPI{{ID: "sales"}, {ID: "calls"}}}}}
	periods := []Period{{"2026-01", true, 2}, {"2026-02", true, 2}, {"2026-03", false, 2}}
	var lines [3][]Line
	for m := range periods {
		for i := range 1000 {
			if rng.Intn(10) == 0 {
				continue
			}
			ful := calc.Frac(decimal.NewFromInt(int64(rng.Intn(300))), decimal.NewFromInt(int64(1+rng.Intn(7))))
			l := Line{ID: fmt.Sprintf("E%04d", i), Name: fmt.Sprintf("P%d.%d", i, m), Role: "manager", Department: "D",
				K: OfQ(q(fmt.Sprint(rng.Intn(20)))), Pay: OfDecimal(decimal.New(int64(rng.Intn(1e7)), -2))}
			title := "Sales"
			if m == 2 {
				title = "Sales, net"
			}
			if rng.Intn(4) > 0 {
				l.KPIs = append(l.KPIs, LineKPI{ID: "sales", Title: title, Fact: OfDecimal(decimal.NewFromInt(int64(rng.Intn(1000)))), Norm: OfQ(q("500")), Fulfilment: OfQ(&ful), Band: calc.BandAtNorm})
			}
			if rng.Intn(3) > 0 {
				l.KPIs = append(l.KPIs, LineKPI{ID: "calls", Fact: OfDecimal(decimal.NewFromInt(int64(rng.Intn(90))))})
			}
			if len(l.KPIs) > 1 && rng.Intn(2) == 0 {
				l.KPIs[0], l.KPIs[len(l.KPIs)-1] = l.KPIs[len(l.KPIs)-1], l.KPIs[0]
			}
			lines[m] = append(lines[m], l)
		}
	}
	b := New(calc.Dec(dec("0.7")))
	for m, p := range periods {
		c := NewChunk(p.Label, p.Closed)
		for i := range lines[m] {
			c.Take(&lines[m][i])
		}
		b.TakeChunk(s, c)
	}
	var want []string
	for r := range b.Trend().AllRows() {
		want = append(want, rowText(r))
	}
	var next []func() (*Chunk, error)
	for m, p := range periods {
		at := 0
		next = append(next, func() (*Chunk, error) {
			if at >= len(lines[m]) {
				return nil, nil
			}
			c := NewChunk(p.Label, p.Closed)
			for range rng.Intn(60) {
				if at < len(lines[m]) {
					c.Take(&lines[m][at])
					at++
				}
			}
			return c, nil
		})
	}
	var got []string
	windows := 0
	if err := Stream(periods, next, func(w *Trend) error {
		windows++
		for r := range w.AllRows() {
			got = append(got, rowText(r))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 3000 || windows < 20 {
		t.Fatalf("%d rows in %d windows: the test makes too few", len(want), windows)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("row %d:\n got %s\nwant %s", i, got[i], want[i])
			}
		}
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
}

// TestStreamOutOfOrder: a period whose people are not in id order is
// refused, naming the period and the two ids (B-2 before A-1).
func TestStreamOutOfOrder(t *testing.T) {
	c := NewChunk("2026-01", true)
	c.Take(&Line{ID: "B-2", Pay: OfDecimal(dec("1"))})
	c.Take(&Line{ID: "A-1", Pay: OfDecimal(dec("1"))})
	given := false
	err := Stream([]Period{{"2026-01", true, 2}}, []func() (*Chunk, error){func() (*Chunk, error) {
		if given {
			return nil, nil
		}
		given = true
		return c, nil
	}}, func(*Trend) error { return nil })
	if err == nil || err.Error() != "2026-01: A-1 comes after B-2: the people are not in id order" {
		t.Fatalf("err = %v", err)
	}
}
