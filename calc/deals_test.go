package calc

import (
	"testing"
	"time"
)

// oracleYAML holds Oracle's rate table of its per-transaction examples
// ("Examples of Calculating Earnings Using Step Rates", Oracle Incentive
// Compensation): tiers 0–1,000 at 1 %, 1,000–3,000 at 2 %, 3,000–8,000 at
// 3 %, 8,000–20,000 at 5 % (the last tier is left open here), as a
// marginal ladder (the rate split across tiers) and as a step ladder (the
// rate not split: the whole transaction at its tier's rate); and a flat
// rate of 2 % per deal.
const oracleYAML = `version: 1
id: oracle
currency: USD
ladders:
  - id: split
    type: marginal
    tiers:
      - {from: 0, to: 1000, rate: 0.01}
      - {from: 1000, to: 3000, rate: 0.02}
      - {from: 3000, to: 8000, rate: 0.03}
      - {from: 8000, rate: 0.05}
  - id: not-split
    type: step
    tiers:
      - {from: 0, to: 1000, value: 0.01}
      - {from: 1000, to: 3000, value: 0.02}
      - {from: 3000, to: 8000, value: 0.03}
      - {from: 8000, value: 0.05}
  - id: bounty
    type: step
    tiers:
      - {from: 0, to: 1000, amount: 10}
      - {from: 1000, to: 5000, amount: 50, value: 0.01}
      - {from: 5000, amount: 200}
  - id: capped
    type: marginal
    tiers:
      - {from: 0, to: 1000, rate: 0.01}
      - {from: 1000, to: 3000, rate: 0.02}
roles:
  - id: marginal
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, ladder: split}
  - id: step
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, ladder: not-split}
  - id: flat
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, rate: 0.02}
  - id: margin
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, on: margin, ladder: split}
  - id: bounty
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, ladder: bounty}
  - id: capped
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, ladder: capped}
  - id: paid
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, ladder: split, paid_only: true}
  - id: paid_flat
    fixed: 0
    components:
      - {id: commission, type: commission, per: deal, rate: 0.02, paid_only: true}
`

// deal is a row of the Deals ledger: a deal of the amount on the date
// (YYYY-MM-DD), for employee-independent tests.
func deal(id, date, amount string) Deal {
	return Deal{ID: id, Client: "C", Date: day(date), Amount: Value{V: d(amount), Src: Note("Deals!" + id + ".amount")}, Src: Note("Deals!" + id)}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// withDeals is a person of the role with the ledger rows.
func withDeals(role string, deals ...Deal) Employee {
	e := person("E", role)
	e.Deals = deals
	return e
}

// oracleDeals are Oracle's six transactions, dated in one month.
func oracleDeals() []Deal {
	return []Deal{
		deal("T1", "2026-10-01", "200"),
		deal("T2", "2026-10-02", "300"),
		deal("T3", "2026-10-15", "1500"),
		deal("T4", "2026-10-16", "1200"),
		deal("T5", "2026-10-20", "2000"),
		deal("T6", "2026-10-31", "4500"),
	}
}

func runDeals(t *testing.T, period string, e Employee) *EmployeeResult {
	t.Helper()
	s := mustScheme(t, oracleYAML)
	res := mustRun(t, s, &Input{Period: period, Employees: []Employee{e}})
	return res.Employees[0]
}

// TestRunDealCommissionOracle is Oracle's published case: each transaction
// processed individually against the rate table and split across its
// tiers, 164 in all.
func TestRunDealCommissionOracle(t *testing.T) {
	e := runDeals(t, "2026-10", withDeals("marginal", oracleDeals()...))
	//   200: 200 × 1 %                               =  2
	//   300: 300 × 1 %                               =  3
	// 1,500: 1,000 × 1 % + 500 × 2 %       = 10 + 10 = 20
	// 1,200: 1,000 × 1 % + 200 × 2 %       = 10 +  4 = 14
	// 2,000: 1,000 × 1 % + 1,000 × 2 %     = 10 + 20 = 30
	// 4,500: 1,000 × 1 % + 2,000 × 2 % + 1,500 × 3 % = 10 + 40 + 45 = 95
	// 2 + 3 + 20 + 14 + 30 + 95 = 164
	if got := componentOf(t, e, "commission"); !got.Equal(d("164")) {
		t.Errorf("commission %s, want 164", got)
	}
	pay(t, "Oracle", e, "0", "0", "164")
	// A step per deal, each citing its row and the ladder, then the sum.
	var deals int
	for _, st := range e.Steps {
		switch st.Msg {
		case MsgDeal:
			deals++
			if len(st.Sources) != 2 || st.Sources[0].String() != "Deals!"+st.Args[1].(string) {
				t.Errorf("deal step sources %v, want the deal's row and the ladder", st.Sources)
			}
		case MsgDealsSum:
			parts := st.Args[1].([]Q)
			want := []string{"2", "3", "20", "14", "30", "95"}
			for i, p := range parts {
				if p.String() != want[i] {
					t.Errorf("term %d of the sum %s, want %s", i, p, want[i])
				}
			}
		}
	}
	if deals != 6 {
		t.Errorf("%d deal steps, want 6", deals)
	}
}

// TestRunDealCommissionOracleQuarter: Oracle dates its transactions over a
// quarter (two in January, one on 15 January, two in February, one in
// March). Each month pays its own deals, and the three months make 164.
func TestRunDealCommissionOracleQuarter(t *testing.T) {
	deals := []Deal{
		deal("T1", "2015-01-01", "200"),
		deal("T2", "2015-01-02", "300"),
		deal("T3", "2015-01-15", "1500"),
		deal("T4", "2015-02-01", "1200"),
		deal("T5", "2015-02-15", "2000"),
		deal("T6", "2015-03-01", "4500"),
	}
	total := d("0")
	for _, m := range []struct{ period, want string }{
		{"2015-01", "25"}, // 2 + 3 + 20
		{"2015-02", "44"}, // 14 + 30
		{"2015-03", "95"},
		{"2015-04", "0"}, // nothing in April
	} {
		e := runDeals(t, m.period, withDeals("marginal", deals...))
		got := componentOf(t, e, "commission")
		if !got.Equal(d(m.want)) {
			t.Errorf("%s: commission %s, want %s", m.period, got, m.want)
		}
		total = total.Add(got)
	}
	if !total.Equal(d("164")) {
		t.Errorf("the quarter %s, want 164", total)
	}
}

// TestRunDealCommissionStepAndFlat: Oracle's six transactions through the
// same tiers not split (each whole at its tier's rate), and at a flat 2 %.
func TestRunDealCommissionStepAndFlat(t *testing.T) {
	e := runDeals(t, "2026-10", withDeals("step", oracleDeals()...))
	// 200 × 1 % + 300 × 1 % + 1,500 × 2 % + 1,200 × 2 % + 2,000 × 2 % + 4,500 × 3 %
	// = 2 + 3 + 30 + 24 + 40 + 135 = 234
	if got := componentOf(t, e, "commission"); !got.Equal(d("234")) {
		t.Errorf("step per deal %s, want 234", got)
	}
	e = runDeals(t, "2026-10", withDeals("flat", oracleDeals()...))
	// (200 + 300 + 1,500 + 1,200 + 2,000 + 4,500) × 2 % = 9,700 × 0.02 = 194
	if got := componentOf(t, e, "commission"); !got.Equal(d("194")) {
		t.Errorf("flat per deal %s, want 194", got)
	}
	// On the bounds: 1,000 is the second tier's (from inclusive): 1,000 × 2 %
	// = 20; 999.99 the first's: 9.9999 → 10.00; 1,000.01 × 2 % = 20.0002 → 20.00.
	for amount, want := range map[string]string{"1000": "20", "999.99": "10", "1000.01": "20"} {
		e = runDeals(t, "2026-10", withDeals("step", deal("B", "2026-10-10", amount)))
		if got := componentOf(t, e, "commission"); !got.Equal(d(want)) {
			t.Errorf("step per deal on %s: %s, want %s", amount, got, want)
		}
	}
}

// TestRunDealCommissionPeriodAndMargin: only the period's deals earn; on:
// margin takes each deal's margin through the ladder; a deal sold at a loss
// earns nothing rather than taking from the others.
func TestRunDealCommissionPeriodAndMargin(t *testing.T) {
	e := runDeals(t, "2026-10", withDeals("marginal",
		deal("S", "2026-09-30", "1000"), // September's
		deal("O", "2026-10-31", "1000"), // October's: 1,000 × 1 % = 10
		deal("N", "2026-11-01", "1000"), // November's
	))
	if got := componentOf(t, e, "commission"); !got.Equal(d("10")) {
		t.Errorf("October's deals %s, want 10", got)
	}
	margin := func(id, amount, m string) Deal {
		x := deal(id, "2026-10-05", amount)
		x.Margin = &Value{V: d(m), Src: Note("Deals!" + id + ".margin")}
		return x
	}
	e = runDeals(t, "2026-10", withDeals("margin",
		margin("A", "10000", "2500"), // 1,000 × 1 % + 1,500 × 2 % = 40
		margin("B", "5000", "-300"),  // a loss: 0, not −3
		margin("C", "800", "150"),    // 150 × 1 % = 1.5
	))
	// 40 + 0 + 1.5 = 41.50
	if got := componentOf(t, e, "commission"); !got.Equal(d("41.5")) {
		t.Errorf("on margin %s, want 41.50", got)
	}
	e = runDeals(t, "2026-10", withDeals("marginal"))
	if got := componentOf(t, e, "commission"); !got.IsZero() {
		t.Errorf("no deals: %s, want 0", got)
	}
	s := mustScheme(t, oracleYAML)
	runErr(t, s, &Input{Employees: []Employee{withDeals("marginal", oracleDeals()...)}}, "the scheme counts the deals of the pay period, and the period is not known")
}

// credit is a credit note of the deal: its amount (below zero) on the date.
func credit(id, date, amount string) Deal {
	x := deal(id, date, amount)
	x.Src = Note("Deals!" + id + "/" + date)
	return x
}

// withMargin gives a deal row its margin.
func withMargin(x Deal, m string) Deal {
	x.Margin = &Value{V: d(m), Src: Note("Deals!" + x.ID + ".margin")}
	return x
}

// TestRunDealCreditNotes: a credit note takes back the commission of the
// deal less the commission of the deal net of the credit, in the period it
// is issued; a full credit takes back exactly what the deal paid. The
// ladder is Oracle's (1 % to 1,000, 2 % to 3,000, 3 % to 8,000).
func TestRunDealCreditNotes(t *testing.T) {
	// 4,500 pays 1,000 × 1 % + 2,000 × 2 % + 1,500 × 3 % = 10 + 40 + 45 = 95.
	// 2,500 pays 1,000 × 1 % + 1,500 × 2 % = 10 + 30 = 40.
	sept := deal("T6", "2026-09-20", "4500")
	for _, tc := range []struct {
		name, role, period string
		deals              []Deal
		want               string
	}{
		// September: the deal pays 95.
		{"the deal's month", "marginal", "2026-09", []Deal{sept, credit("T6", "2026-10-05", "-4500")}, "95"},
		// October: fully credited, L(0) − L(4,500) = 0 − 95 = −95: exactly
		// what September paid, taken back.
		{"full credit later", "marginal", "2026-10", []Deal{sept, credit("T6", "2026-10-05", "-4500")}, "-95"},
		// October: 2,000 credited, L(2,500) − L(4,500) = 40 − 95 = −55.
		{"part credit later", "marginal", "2026-10", []Deal{sept, credit("T6", "2026-10-05", "-2000")}, "-55"},
		// November: nothing new, nothing more.
		{"the month after", "marginal", "2026-11", []Deal{sept, credit("T6", "2026-10-05", "-2000")}, "0"},
		// Two credit notes in two months: October L(3,500) − L(4,500) =
		// (10 + 40 + 15) − 95 = 65 − 95 = −30; November L(2,500) − L(3,500)
		// = 40 − 65 = −25; together −55, as one credit of 2,000.
		{"two credits, the first", "marginal", "2026-10", []Deal{sept, credit("T6", "2026-10-05", "-1000"), credit("T6", "2026-11-05", "-1000")}, "-30"},
		{"two credits, the second", "marginal", "2026-11", []Deal{sept, credit("T6", "2026-10-05", "-1000"), credit("T6", "2026-11-05", "-1000")}, "-25"},
		// The deal and its credit in one month: the deal net of the credit,
		// L(2,500) = 40 (95 less the 55 the credit takes back).
		{"same month", "marginal", "2026-10", []Deal{deal("T6", "2026-10-03", "4500"), credit("T6", "2026-10-20", "-2000")}, "40"},
		// A credit with the month's new deals: 200 pays 2; 2 − 55 = −53.
		{"with new deals", "marginal", "2026-10", []Deal{sept, credit("T6", "2026-10-05", "-2000"), deal("T1", "2026-10-01", "200")}, "-53"},
		// Step per deal: 4,500 × 3 % = 135; net 2,500 × 2 % = 50; 50 − 135 = −85.
		{"step ladder", "step", "2026-10", []Deal{sept, credit("T6", "2026-10-05", "-2000")}, "-85"},
		// Flat: 2,000 × 2 % = 40 taken back.
		{"flat rate", "flat", "2026-10", []Deal{sept, credit("T6", "2026-10-05", "-2000")}, "-40"},
		// On margin: margin 2,500, 1,000 of it credited: L(1,500) − L(2,500)
		// = (10 + 10) − 40 = −20.
		{"on margin", "margin", "2026-10", []Deal{withMargin(deal("M", "2026-09-10", "10000"), "2500"), withMargin(credit("M", "2026-10-10", "-4000"), "-1000")}, "-20"},
	} {
		e := runDeals(t, tc.period, withDeals(tc.role, tc.deals...))
		if got := componentOf(t, e, "commission"); !got.Equal(d(tc.want)) {
			t.Errorf("%s: commission %s, want %s", tc.name, got, tc.want)
		}
		// The total takes the commission as it is, below zero too.
		if !e.Total.Equal(d(tc.want)) {
			t.Errorf("%s: total %s, want %s", tc.name, e.Total, tc.want)
		}
	}
	// September's 95 and October's −95 cancel out.
	s := runDeals(t, "2026-09", withDeals("marginal", sept, credit("T6", "2026-10-05", "-4500")))
	o := runDeals(t, "2026-10", withDeals("marginal", sept, credit("T6", "2026-10-05", "-4500")))
	if sum := componentOf(t, s, "commission").Add(componentOf(t, o, "commission")); !sum.IsZero() {
		t.Errorf("a fully credited deal pays %s over its two months, want 0", sum)
	}
}

// paidOn gives a deal row a payment received on the date: of amount, or
// of the whole deal when amount is "".
func paidOn(x Deal, date, amount string) Deal {
	t := day(date)
	x.Paid = &t
	if amount != "" {
		x.PaidAmount = &Value{V: d(amount), Src: Note("Deals!" + x.ID + ".paid_amount")}
	}
	x.Src = Note("Deals!" + x.ID + "/paid " + date)
	return x
}

// TestRunDealPartialPayments: with paid_only a deal pays its commission in
// proportion to what the customer has paid of what they owe (the deal less
// its credit notes), in the periods the payments come: commission × paid /
// amount. On Oracle's tiers 4,500 pays 95, 10,000 pays 10 + 40 + 150 + 100
// = 300, 3,000 pays 10 + 40 = 50, 2,500 pays 40.
func TestRunDealPartialPayments(t *testing.T) {
	sept := deal("D", "2026-09-20", "4500")
	inParts := []Deal{paidOn(sept, "2026-09-28", "1500"), paidOn(sept, "2026-10-10", "3000")}
	for _, tc := range []struct {
		name, role, period string
		deals              []Deal
		want               string
	}{
		// 95 × 1,500 / 4,500 = 31.666… → 31.67.
		{"first part", "paid", "2026-09", inParts, "31.67"},
		// 95 × 4,500 / 4,500 − 95 × 1,500 / 4,500 = 95 − 31.666… = 63.333… → 63.33
		// (31.67 + 63.33 = 95.00).
		{"second part", "paid", "2026-10", inParts, "63.33"},
		{"nothing after", "paid", "2026-11", inParts, "0"},
		// 10,000 of October, 4,000 paid in October: 300 × 4,000 / 10,000 = 120.
		{"40 % paid", "paid", "2026-10", []Deal{paidOn(deal("B", "2026-10-01", "10000"), "2026-10-20", "4000")}, "120"},
		// Flat 2 %: 10,000 × 0.02 × 4,000 / 10,000 = 80.
		{"40 % paid, flat", "paid_flat", "2026-10", []Deal{paidOn(deal("B", "2026-10-01", "10000"), "2026-10-20", "4000")}, "80"},
		// Shipped, not paid: nothing yet.
		{"unpaid", "paid", "2026-10", []Deal{deal("U", "2026-10-01", "4500")}, "0"},
		// Paid in full (no paid amount: the whole deal), in the next month:
		// nothing in October, 95 in November.
		{"paid the next month, October", "paid", "2026-10", []Deal{paidOn(deal("N", "2026-10-25", "4500"), "2026-11-03", "")}, "0"},
		{"paid the next month, November", "paid", "2026-11", []Deal{paidOn(deal("N", "2026-10-25", "4500"), "2026-11-03", "")}, "95"},
		// Credited 1,500, the rest (3,000) paid: 50 × 3,000 / 3,000 = 50.
		{"credited, the rest paid", "paid", "2026-10", []Deal{sept, credit("D", "2026-10-01", "-1500"), paidOn(sept, "2026-10-10", "3000")}, "50"},
		// Paid in full in September (95), 2,000 credited in October: the
		// customer has paid more than the 2,500 owed, so all of L(2,500) =
		// 40 is earned; 40 − 95 = −55.
		{"paid, then credited", "paid", "2026-10", []Deal{paidOn(sept, "2026-09-25", ""), credit("D", "2026-10-05", "-2000")}, "-55"},
		// Without paid_only the payments do not matter: 95 in September.
		{"not paid_only", "marginal", "2026-09", inParts, "95"},
		{"not paid_only, October", "marginal", "2026-10", inParts, "0"},
	} {
		e := runDeals(t, tc.period, withDeals(tc.role, tc.deals...))
		if got := componentOf(t, e, "commission"); !got.Equal(d(tc.want)) {
			t.Errorf("%s: commission %s, want %s", tc.name, got, tc.want)
		}
	}
}

// shared gives a deal row the employee's share of the deal.
func shared(x Deal, share string) Deal {
	x.Share = &Value{V: d(share), Src: Note("Deals!" + x.ID + ".share")}
	return x
}

// TestRunDealSplits: a deal shared between an icebreaker, a hunter and a
// farmer (20 %, 50 %, 30 %): each person's share of the deal goes through
// their ladder as a deal of its own, as Salesforce's opportunity splits
// (the split amount) and Oracle's split credits feed the commission. On
// Oracle's tiers a whole 10,000 would pay 300.
func TestRunDealSplits(t *testing.T) {
	ten := deal("D7", "2026-10-05", "10000")
	for _, tc := range []struct {
		name, role, share, period string
		rows                      func(Deal) []Deal
		want                      string
	}{
		// 20 % of 10,000 = 2,000: 1,000 × 1 % + 1,000 × 2 % = 10 + 20 = 30.
		{"icebreaker", "marginal", "0.2", "2026-10", nil, "30"},
		// 50 % = 5,000: 10 + 40 + 2,000 × 3 % = 10 + 40 + 60 = 110.
		{"hunter", "marginal", "0.5", "2026-10", nil, "110"},
		// 30 % = 3,000: 10 + 40 = 50. Together 30 + 110 + 50 = 190, not
		// 300: each share starts again at the first tier.
		{"farmer", "marginal", "0.3", "2026-10", nil, "50"},
		// A step ladder: 2,000 × 2 % = 40, 5,000 × 3 % = 150, 3,000 × 3 % = 90.
		{"icebreaker, step", "step", "0.2", "2026-10", nil, "40"},
		{"hunter, step", "step", "0.5", "2026-10", nil, "150"},
		{"farmer, step", "step", "0.3", "2026-10", nil, "90"},
		// A flat 2 %: 40 + 100 + 60 = 200 = 10,000 × 2 %, split or not.
		{"hunter, flat", "flat", "0.5", "2026-10", nil, "100"},
		// 2,000 credited in November: the hunter's half of 8,000 = 4,000
		// pays 10 + 40 + 30 = 80; 80 − 110 = −30.
		{"hunter, credited", "marginal", "0.5", "2026-11", func(x Deal) []Deal { return []Deal{x, credit("D7", "2026-11-02", "-2000")} }, "-30"},
		// Paid only, 4,000 of 10,000 paid: 110 × 4,000 / 10,000 = 44.
		{"hunter, 40 % paid", "paid", "0.5", "2026-10", func(x Deal) []Deal { return []Deal{paidOn(x, "2026-10-20", "4000")} }, "44"},
		// A share of 100 % is the whole deal: 300.
		{"all of it", "marginal", "1", "2026-10", nil, "300"},
	} {
		x := shared(ten, tc.share)
		rows := []Deal{x}
		if tc.rows != nil {
			rows = tc.rows(x)
		}
		e := runDeals(t, tc.period, withDeals(tc.role, rows...))
		if got := componentOf(t, e, "commission"); !got.Equal(d(tc.want)) {
			t.Errorf("%s: commission %s, want %s", tc.name, got, tc.want)
		}
	}
}

// overdueDealsYAML: a bonus of 10,000 (one KPI at its norm) less 100 a day
// for every deal unpaid past its due date.
const overdueDealsYAML = `version: 1
id: late
currency: RUB
roles:
  - id: rep
    fixed: 0
    variable: 10000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: calls, weight: 1, base: 0, norm: 100}
    modifiers:
      - {id: late, type: overdue, per_day: 100, source: deals}
`

// due gives a deal row its due date.
func due(x Deal, date string) Deal {
	t := day(date)
	x.Due = &t
	return x
}

// TestRunOverdueDeals: with source: deals the penalty counts the days of
// the period each deal stays unpaid past its due date, until it is paid in
// full: a customer who never pays costs every day, where one who pays a
// day late costs a day. October 2026 has 31 days.
func TestRunOverdueDeals(t *testing.T) {
	s := mustScheme(t, overdueDealsYAML)
	oct := func(id, dueOn string) Deal { return due(deal(id, "2026-10-01", "10000"), dueOn) }
	for _, tc := range []struct {
		name, period string
		deals        []Deal
		bonus        string
	}{
		// Due 15 October, paid the 20th: 5 days × 100 = 500, as the
		// Payments table's penalty counts it.
		{"paid 5 days late", "2026-10", []Deal{paidOn(oct("A", "2026-10-15"), "2026-10-20", "")}, "9500"},
		// Paid a day late: 100.
		{"paid a day late", "2026-10", []Deal{paidOn(oct("A", "2026-10-15"), "2026-10-16", "")}, "9900"},
		// Never paid: 16 October to 31 October, 16 days: 1,600, more than
		// any customer who pays within the month costs.
		{"unpaid", "2026-10", []Deal{oct("A", "2026-10-15")}, "8400"},
		// Paid on or before the due day: nothing.
		{"on time", "2026-10", []Deal{paidOn(oct("A", "2026-10-15"), "2026-10-15", ""), paidOn(oct("B", "2026-10-15"), "2026-10-02", "")}, "10000"},
		// Due 28 September, paid 1 October: September counted 29 and 30
		// September; October counts 1 October: 100.
		{"due last month, paid the 1st", "2026-10", []Deal{paidOn(due(deal("A", "2026-09-01", "10000"), "2026-09-28"), "2026-10-01", "")}, "9900"},
		{"due last month, its September", "2026-09", []Deal{paidOn(due(deal("A", "2026-09-01", "10000"), "2026-09-28"), "2026-10-01", "")}, "9800"},
		// Due in September and still unpaid: all 31 days of October, 3,100.
		{"unpaid since September", "2026-10", []Deal{due(deal("A", "2026-09-01", "10000"), "2026-09-15")}, "6900"},
		// Paid in November: October counts 16 days, November 2.
		{"paid next month, October", "2026-10", []Deal{paidOn(oct("A", "2026-10-15"), "2026-11-02", "")}, "8400"},
		{"paid next month, November", "2026-11", []Deal{paidOn(oct("A", "2026-10-15"), "2026-11-02", "")}, "9800"},
		// Paid in parts: 4,000 on 5 October, the rest on the 25th: late
		// until the 25th, 15 days from the 10th: 1,500.
		{"paid in parts", "2026-10", []Deal{paidOn(oct("A", "2026-10-10"), "2026-10-05", "4000"), paidOn(oct("A", "2026-10-10"), "2026-10-25", "6000")}, "8500"},
		// Credited in full on the 18th, due the 15th: nothing owed after
		// the 18th: 3 days, 300.
		{"credited in full", "2026-10", []Deal{oct("A", "2026-10-15"), credit("A", "2026-10-18", "-10000")}, "9700"},
		// A shared deal, half of it: 16 days × 0.5 = 8 days, 800.
		{"half a deal", "2026-10", []Deal{shared(oct("A", "2026-10-15"), "0.5")}, "9200"},
		// Two deals unpaid: 16 + 6 days = 22 days, 2,200.
		{"two unpaid", "2026-10", []Deal{oct("A", "2026-10-15"), oct("B", "2026-10-25")}, "7800"},
		// Made in November, or due in November: nothing in October.
		{"not made yet", "2026-10", []Deal{due(deal("A", "2026-11-02", "10000"), "2026-10-15")}, "10000"},
		{"due next month", "2026-10", []Deal{oct("A", "2026-11-15")}, "10000"},
		// 31 days × 100 × 4 deals = 12,400 > 10,000: the bonus stops at 0.
		{"more than the bonus", "2026-10", []Deal{due(deal("A", "2026-09-01", "1"), "2026-09-01"), due(deal("B", "2026-09-01", "1"), "2026-09-01"), due(deal("C", "2026-09-01", "1"), "2026-09-01"), due(deal("D", "2026-09-01", "1"), "2026-09-01")}, "0"},
	} {
		e := person("E", "rep", "calls=100")
		e.Deals = tc.deals
		res := mustRun(t, s, &Input{Period: tc.period, Employees: []Employee{e}})
		pay(t, tc.name, res.Employees[0], "0", tc.bonus, tc.bonus)
	}
	// A deal without its due date cannot be counted.
	e := person("E", "rep", "calls=100")
	e.Deals = []Deal{deal("A", "2026-10-01", "10")}
	runErr(t, s, &Input{Period: "2026-10", Employees: []Employee{e}}, `deal "A" has no due date`)
}

// TestRunDealCommissionTierShapes: the ladders' other shapes per deal. A
// step tier's fixed amount (and rate) is paid per deal; a last tier with a
// to holds each deal at it.
func TestRunDealCommissionTierShapes(t *testing.T) {
	e := runDeals(t, "2026-10", withDeals("bounty",
		deal("A", "2026-10-01", "500"),  // [0, 1000): 10
		deal("B", "2026-10-02", "2000"), // [1000, 5000): 50 + 2,000 × 0.01 = 70
		deal("C", "2026-10-03", "6000"), // [5000, ∞): 200
	))
	// 10 + 70 + 200 = 280
	if got := componentOf(t, e, "commission"); !got.Equal(d("280")) {
		t.Errorf("fixed amounts per deal %s, want 280", got)
	}
	e = runDeals(t, "2026-10", withDeals("capped",
		deal("A", "2026-10-01", "4500"), // held at 3,000: 1,000 × 1 % + 2,000 × 2 % = 50
		deal("B", "2026-10-02", "1500"), // 10 + 500 × 2 % = 20
	))
	// 50 + 20 = 70
	if got := componentOf(t, e, "commission"); !got.Equal(d("70")) {
		t.Errorf("a bounded ladder per deal %s, want 70", got)
	}
}
