package factsheet

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// dealsScheme reads every column of the Deals table: a per-deal commission
// on the margin, paid only, and an overdue penalty counted on deals.
const dealsScheme = `version: 1
id: d
currency: RUB
ladders:
  - id: oracle
    type: marginal
    tiers:
      - {from: 0, to: 1000, rate: 0.01}
      - {from: 1000, rate: 0.02}
roles:
  - id: rep
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: calls, weight: 1, base: 0, norm: 100}
    components:
      - {id: commission, type: commission, per: deal, on: margin, ladder: oracle, paid_only: true}
    modifiers:
      - {id: late, type: overdue, per_day: 10, source: deals}
  - id: plain
    fixed: 1000
    components:
      - {id: flat, type: commission, per: deal, rate: 0.01}
`

func mustCheck(t *testing.T, y string) *plan.Scheme {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(y), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dealOf(t *testing.T, e calc.Employee, i int) calc.Deal {
	t.Helper()
	if i >= len(e.Deals) {
		t.Fatalf("%s has %d deal rows, want at least %d", e.ID, len(e.Deals), i+1)
	}
	return e.Deals[i]
}

// TestReadDealsXLSX reads a Deals sheet written as a Russian clerk's Excel
// stores it: Russian sheet name and headings, dates as serial numbers and as
// text (31.10.2026), a share typed as "40%", amounts with a space between
// thousands, a credit note, a deal paid in two parts.
func TestReadDealsXLSX(t *testing.T) {
	heads := []cellSetter{text("Сделка"), text("Табельный номер"), text("Клиент"), text("Дата"), text("Сумма"), text("Маржа"),
		text("Срок оплаты"), text("Дата оплаты"), text("Сумма оплаты"), text("Доля")}
	path := writeBook(t, map[string][][]cellSetter{
		"Сотрудники": {
			{text("Табельный номер"), text("ФИО"), text("Должность")},
			{text("A-1"), text("Анна"), text("rep")},
			{text("B-2"), text("Борис"), text("rep")},
		},
		"Факты": {
			{text("Табельный номер"), text("calls")},
			{text("A-1"), num("100")},
			{text("B-2"), num("100")},
		},
		"Сделки": {
			heads,
			// Serial 46300 is 2026-10-05 (1899-12-30 + 46,300 days).
			{text("Д-1"), text("A-1"), text("ООО Ромашка"), num("46300"), text("10 000"), num("2500"), text("15.10.2026"), text("20.10.2026"), text("4 000"), text("40%")},
			{text("Д-1"), text("B-2"), text("ООО Ромашка"), num("46300"), text("10 000"), num("2500"), text("15.10.2026"), text("20.10.2026"), text("4 000"), num("0.6")},
			{text("Д-1"), text("A-1"), text("ООО Ромашка"), num("46300"), text("10 000"), num("2500"), text("15.10.2026"), text("31.10.2026"), text("6 000"), text("40%")},
			{text("Д-1"), text("B-2"), text("ООО Ромашка"), num("46300"), text("10 000"), num("2500"), text("15.10.2026"), text("31.10.2026"), text("6 000"), num("0.6")},
			{text("Д-1"), text("A-1"), text("ООО Ромашка"), text("25.10.2026"), text("-1 000"), num("-250")},
			{text("Д-2"), text("B-2"), nil, text("2026-10-28"), num("500"), num("100"), text("2026-11-27")},
		},
	}, false)
	in, warnings, err := readPath(path, mustCheck(t, dealsScheme), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %q, want none", warnings)
	}
	a, b := in.Employees[0], in.Employees[1]
	if len(a.Deals) != 3 || len(b.Deals) != 3 {
		t.Fatalf("A-1 has %d deal rows and B-2 %d, want 3 and 3", len(a.Deals), len(b.Deals))
	}
	d := dealOf(t, a, 0)
	if d.ID != "Д-1" || d.Client != "ООО Ромашка" || d.Date.Format("2006-01-02") != "2026-10-05" ||
		!d.Amount.V.Equal(dec("10000")) || !d.Margin.V.Equal(dec("2500")) || d.Due.Format("2006-01-02") != "2026-10-15" ||
		d.Paid.Format("2006-01-02") != "2026-10-20" || !d.PaidAmount.V.Equal(dec("4000")) || !d.Share.V.Equal(dec("0.4")) {
		t.Errorf("A-1's first row = %+v", d)
	}
	if got := d.Src.String(); got != path+`: sheet "Сделки" row 2` {
		t.Errorf("its place %q, want the row", got)
	}
	if got := dealOf(t, b, 0).Share.V; !got.Equal(dec("0.6")) {
		t.Errorf("B-2's share %s, want 0.6", got)
	}
	cn := dealOf(t, a, 2)
	if !cn.IsCredit() || !cn.Amount.V.Equal(dec("-1000")) || !cn.Margin.V.Equal(dec("-250")) || cn.Date.Format("2006-01-02") != "2026-10-25" || cn.Share != nil {
		t.Errorf("the credit note = %+v", cn)
	}
	d2 := dealOf(t, b, 2)
	if d2.ID != "Д-2" || d2.Client != "" || d2.Paid != nil || d2.PaidAmount != nil || d2.Share != nil {
		t.Errorf("B-2's unpaid deal = %+v", d2)
	}
}

// plainDeals reads only the deal, the employee, the date and the amount.
const plainDeals = `version: 1
id: p
currency: RUB
roles:
  - id: plain
    fixed: 1000
    components:
      - {id: flat, type: commission, per: deal, rate: 0.01}
`

// TestReadDealsCSV reads the ledger as a CSV folder with English headings,
// where only the commission's columns are needed: a per-deal commission on
// the amount needs no margin, due or paid column.
func TestReadDealsCSV(t *testing.T) {
	dir := csvDir(t, map[string]string{
		"roster.csv": "id,name,role\nA-1,Anna,plain\n",
		"deals.csv":  "deal,id,date,amount\nD-1,A-1,2026-10-05,1500\nD-2,A-1,06.10.2026,\"1 200,50\"\n",
	})
	in, _, err := readPath(dir, mustCheck(t, plainDeals), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	e := in.Employees[0]
	if len(e.Deals) != 2 || !e.Deals[1].Amount.V.Equal(dec("1200.5")) || e.Deals[1].Date.Format("2006-01-02") != "2026-10-06" {
		t.Fatalf("deals = %+v", e.Deals)
	}
	if got := e.Deals[0].Src.String(); got != dir+"/deals.csv:2" {
		t.Errorf("place %q", got)
	}
}

// TestDealsProblems: each bad ledger is refused with the cell and what to
// do. The roster and facts are good; only deals.csv changes.
func TestDealsProblems(t *testing.T) {
	const head = "deal,id,client,date,amount,margin,due,paid,paid_amount,share\n"
	for name, tc := range map[string]struct {
		deals string
		want  []string
	}{
		"shares sum to 90 %": {head +
			"D-7,A-1,Lotos,2026-10-05,10000,2000,2026-10-20,,,40%\n" +
			"D-7,B-2,Lotos,2026-10-05,10000,2000,2026-10-20,,,30%\n" +
			"D-7,C-3,Lotos,2026-10-05,10000,2000,2026-10-20,,,0.2\n",
			[]string{`deals.csv:2:10, 3:10, 4:10: the shares of deal "D-7" sum to 90% (A-1 40% + B-2 30% + C-3 20%), not 100%`}},
		"shares sum to 110 % with a blank": {head +
			"D-8,A-1,Lotos,2026-10-05,10000,2000,2026-10-20,,,\n" +
			"D-8,B-2,Lotos,2026-10-05,10000,2000,2026-10-20,,,10%\n",
			[]string{`deals.csv:2, 3:10: the shares of deal "D-8" sum to 110% (A-1 100% + B-2 10%), not 100%`}},
		"one person's share of 40 %": {head + "D-9,A-1,Lotos,2026-10-05,10000,2000,2026-10-20,,,40%\n",
			[]string{`deals.csv:2:10: the shares of deal "D-9" sum to 40% (A-1 40%)`}},
		"a share typed as 40": {head + "D-9,A-1,Lotos,2026-10-05,10000,2000,2026-10-20,,,40\n",
			[]string{`deals.csv:2:10: A-1's share of deal "D-9" is 40, above 100%: write a share as 40% or 0.4`}},
		"unknown employee": {head + "D-1,Z-9,Lotos,2026-10-05,100,20,2026-10-20,,,\n",
			[]string{`deals.csv:2:2: employee "Z-9" is not in the roster`}},
		"no margin column": {"deal,id,date,amount,due,paid\n",
			[]string{`deals.csv: no column "margin" (Маржа) in the header row 1`}},
		"no deals table": {"",
			[]string{`no Deals table (a sheet named "Deals" or "Сделки", or deals.csv in a folder)`}},
		"date as text that is no date": {head + "D-1,A-1,Lotos,31.02.2026,100,20,2026-10-20,,,\n",
			[]string{`deals.csv:2:4: "31.02.2026" is not a date: no such day`}},
		"blank date": {head + "D-1,A-1,Lotos,,100,20,2026-10-20,,,\n",
			[]string{`deals.csv:2:4: blank, but a deal needs its date`}},
		"amount 0": {head + "D-1,A-1,Lotos,2026-10-05,0,0,2026-10-20,,,\n",
			[]string{`deals.csv:2:5: deal "D-1" has an amount of 0`}},
		"blank margin": {head + "D-1,A-1,Lotos,2026-10-05,100,,2026-10-20,,,\n",
			[]string{`deals.csv:2:6: blank, but the commission is on the margin: write deal "D-1"'s margin`}},
		"blank due date": {head + "D-1,A-1,Lotos,2026-10-05,100,20,,,,\n",
			[]string{`deals.csv:2:7: blank, but the overdue penalty counts the days deal "D-1" stays unpaid past its due date`}},
		"credit note without its deal": {head + "D-1,A-1,Lotos,2026-10-05,-100,-20,,,,\n",
			[]string{`deals.csv:2:5: a credit note of deal "D-1", which has no row of its own for this employee`}},
		"credit note paid": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,,,\nD-1,A-1,Lotos,2026-10-06,-100,-20,,2026-10-07,,\n",
			[]string{`deals.csv:3:8: a credit note of deal "D-1" with a paid date`}},
		"credit note before its deal": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,,,\nD-1,A-1,Lotos,2026-10-04,-100,-20,,,,\n",
			[]string{`deals.csv:3:4: a credit note of deal "D-1" dated 2026-10-04, before the deal (2026-10-05, at`}},
		"credit note crediting margin back above zero": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,,,\nD-1,A-1,Lotos,2026-10-06,-50,10,,,,\n",
			[]string{`deals.csv:3:6: credit note of deal "D-1" credits a margin of 10`}},
		"credit notes above the deal": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,,,\nD-1,A-1,Lotos,2026-10-06,-60,-10,,,,\nD-1,A-1,Lotos,2026-10-07,-60,-10,,,,\n",
			[]string{`deals.csv:2: the credit notes of deal "D-1" credit 120, more than its amount 100`}},
		"paid amount without a paid date": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,,40,\n",
			[]string{`deals.csv:2:9: deal "D-1" has a paid amount 40 and no paid date`}},
		"payments above the deal": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,2026-10-10,60,\nD-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,2026-10-12,60,\n",
			[]string{`deals.csv:2: the payments of deal "D-1" add up to 120, more than its amount 100`}},
		"paid in parts, one without its amount": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,2026-10-10,60,\nD-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,2026-10-12,,\n",
			[]string{`deals.csv:3:8: deal "D-1" is paid in parts, and this payment has no paid amount`}},
		"repeated row disagrees": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,2026-10-10,60,\nD-1,A-1,Lotos,2026-10-05,110,20,2026-10-20,2026-10-12,40,\n",
			[]string{`deals.csv:3:5: deal "D-1" has the amount 110 here and 100 at`}},
		"shared deal of two amounts": {head + "D-1,A-1,Lotos,2026-10-05,100,20,2026-10-20,,,50%\nD-1,B-2,Lotos,2026-10-05,200,20,2026-10-20,,,50%\n",
			[]string{`deals.csv:3:5: deal "D-1" has the amount 200 for B-2 and 100 for A-1`}},
	} {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{
				"roster.csv": "id,name,role\nA-1,Anna,rep\nB-2,Boris,rep\nC-3,Clara,rep\n",
				"facts.csv":  "id,calls\nA-1,10\nB-2,10\nC-3,10\n",
			}
			if tc.deals != "" {
				files["deals.csv"] = tc.deals
			}
			dir := csvDir(t, files)
			_, _, err := readPath(dir, mustCheck(t, dealsScheme), "2026-10")
			if err == nil {
				t.Fatalf("read, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error:\n%v\nlacks %q", err, w)
				}
			}
		})
	}
}

// TestDealsOfAnotherPeriod: a ledger none of whose rows is dated or paid
// in the period is read, with a warning that the period may be wrong.
func TestDealsOfAnotherPeriod(t *testing.T) {
	dir := csvDir(t, map[string]string{
		"roster.csv": "id,name,role\nA-1,Anna,plain\n",
		"deals.csv":  "deal,id,date,amount\nD-1,A-1,2026-09-05,1500\n",
	})
	_, warnings, err := readPath(dir, mustCheck(t, plainDeals), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "none of the 1 rows of the Deals table is dated or paid in 2026-10: is the period right?") {
		t.Errorf("warnings %q", warnings)
	}
}
