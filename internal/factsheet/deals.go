package factsheet

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
)

// This file reads the Deals ledger (docs/fact-sheet.md, "The Deals table";
// docs/calculation.md §5.18): a row per deal and employee, with at most one
// payment on it; a deal paid in parts repeats its row for each further
// payment; a credit note is a row with a negative amount under the id of
// the deal it credits. Each row is checked on its own, then the rows of
// each deal together.

// dealRow is a row read, with the places of its cells for the checks
// across rows.
type dealRow struct {
	calc.Deal
	emp                              int // the employee's index in the roster
	dateAt, dueAt, marginAt, shareAt calc.Place
	paidAt, paidAmountAt, amountAt   calc.Place
	hasShare, hasMargin              bool
}

func (r *reader) deals(in *calc.Input, byID map[string]int) {
	_, required := DealColumns(r.s)
	if required == nil {
		return
	}
	dt := r.need(Deals, true, required...)
	if dt == nil {
		return
	}
	c := func(id string) int { return dt.col(id) }
	order := r.slashOrder(dt, c("date"), c("due"), c("paid"))
	var rows []*dealRow
	r.dataRows(dt, "deal", func(rw row) {
		d, ok := r.dealRow(dt, rw, in, byID, order)
		if ok {
			rows = append(rows, d)
		}
	})
	r.ids = make([]string, len(in.Employees))
	for i, e := range in.Employees {
		r.ids[i] = e.ID
	}
	r.checkDeals(rows)
	inPeriod := 0
	for _, d := range rows {
		e := &in.Employees[d.emp]
		e.Deals = append(e.Deals, d.Deal)
		if r.per.Contains(d.Date) || d.Paid != nil && r.per.Contains(*d.Paid) {
			inPeriod++
		}
	}
	if len(rows) > 0 && inPeriod == 0 && in.Period != "" && !r.periodWrong {
		r.warn("%s: none of the %d rows of the Deals table is dated or paid in %s: is the period right?", dt.where(), len(rows), in.Period)
	}
	r.b.release(dt)
}

// dealRow reads one row of the Deals table; ok is false when it is refused
// (every reason reported).
func (r *reader) dealRow(dt *table, rw row, in *calc.Input, byID map[string]int, order dayOrder) (*dealRow, bool) {
	col := dt.col
	dealID, ok := r.text(dt, rw, col("deal"))
	if !ok {
		return nil, false
	}
	if dealID == "" {
		r.p.add("%s: the deal id is blank: every row of the Deals table names its deal (a credit note, the deal it credits)", dt.loc(rw, col("deal")))
		return nil, false
	}
	id, ok := r.text(dt, rw, col("id"))
	if !ok {
		return nil, false
	}
	if id == "" {
		r.p.add("%s: the employee id of deal %q is blank", dt.loc(rw, col("id")), dealID)
		return nil, false
	}
	emp, known := byID[id]
	if !known {
		r.notInRoster(dt, rw, col("id"), id, in)
		return nil, false
	}
	// What the employee's role reads of a deal: a margin is needed only
	// for a commission on margin, a due date only for the overdue penalty.
	use := r.s.Role(in.Employees[emp].Role).Deals()
	d := &dealRow{Deal: calc.Deal{ID: dealID, Src: dt.rowPlace(rw)}, emp: emp}
	good := true
	if c := col("client"); c > 0 {
		if d.Client, ok = r.text(dt, rw, c); !ok {
			good = false
		}
	}
	date, ok := r.date(dt, rw, col("date"), order)
	switch {
	case !ok:
		good = false
	case date == nil:
		r.p.add("%s: blank, but a deal needs its date (a credit note, the date it was issued)", dt.loc(rw, col("date")))
		good = false
	default:
		d.Date, d.dateAt = *date, dt.place(rw, col("date"))
	}
	amount, ok := r.number(dt, rw, col("amount"))
	switch {
	case !ok:
		return nil, false
	case amount == nil:
		r.p.add("%s: blank, but deal %q needs its amount (a credit note, the amount credited, below zero)", dt.loc(rw, col("amount")), dealID)
		return nil, false
	case amount.V.IsZero():
		r.p.add("%s: deal %q has an amount of 0: a deal's amount is above zero, a credit note's below zero", dt.loc(rw, col("amount")), dealID)
		return nil, false
	}
	d.Amount, d.amountAt = *amount, amount.Src
	credit := d.IsCredit()
	if c := col("margin"); c > 0 {
		m, ok := r.number(dt, rw, c)
		switch {
		case !ok:
			good = false
		case m == nil && use.Margin:
			r.p.add("%s: blank, but the commission is on the margin: write deal %q's margin (0 if none)", dt.loc(rw, c), dealID)
			good = false
		case m != nil && credit && m.V.IsPositive():
			r.p.add("%s: credit note of deal %q credits a margin of %s: a credit note's margin is the margin taken back, below zero (or 0)", m.Src, dealID, m.V)
			good = false
		case m != nil:
			d.Margin, d.hasMargin, d.marginAt = m, true, m.Src
		}
	}
	if c := col("due"); c > 0 {
		due, ok := r.date(dt, rw, c, order)
		switch {
		case !ok:
			good = false
		case due == nil && use.Due && !credit:
			r.p.add("%s: blank, but the overdue penalty counts the days deal %q stays unpaid past its due date: write the due date", dt.loc(rw, c), dealID)
			good = false
		case due != nil && !credit:
			d.Due, d.dueAt = due, dt.place(rw, c)
		}
	}
	if c := col("paid"); c > 0 {
		paid, ok := r.date(dt, rw, c, order)
		switch {
		case !ok:
			good = false
		case paid != nil && credit:
			r.p.add("%s: a credit note of deal %q with a paid date: a credit note is not paid; leave it blank (a payment goes on the deal's row)", dt.loc(rw, c), dealID)
			good = false
		case paid != nil:
			d.Paid, d.paidAt = paid, dt.place(rw, c)
		}
	}
	if c := col("paid_amount"); c > 0 {
		pa, ok := r.number(dt, rw, c)
		switch {
		case !ok:
			good = false
		case pa == nil:
		case credit:
			r.p.add("%s: a credit note of deal %q with a paid amount: a credit note is not paid; leave it blank", pa.Src, dealID)
			good = false
		case d.Paid == nil:
			r.p.add("%s: deal %q has a paid amount %s and no paid date: write the date it was received", pa.Src, dealID, pa.V)
			good = false
		case !pa.V.IsPositive():
			r.p.add("%s: deal %q has a paid amount of %s: a payment is above zero (leave both paid cells blank when nothing was paid)", pa.Src, dealID, pa.V)
			good = false
		case pa.V.GreaterThan(d.Amount.V):
			r.p.add("%s: deal %q has a payment of %s, more than its amount %s", pa.Src, dealID, pa.V, d.Amount.V)
			good = false
		default:
			d.PaidAmount, d.paidAmountAt = pa, pa.Src
		}
	}
	if c := col("share"); c > 0 {
		sh, ok := r.number(dt, rw, c)
		switch {
		case !ok:
			good = false
		case sh == nil:
		case !sh.V.IsPositive():
			r.p.add("%s: %s's share of deal %q is %s: a share is above 0 and at most 100%% (leave it blank for a deal of one person)", sh.Src, id, dealID, sh.V)
			good = false
		case sh.V.GreaterThan(decimal.New(1, 0)):
			r.p.add("%s: %s's share of deal %q is %s, above 100%%: write a share as 40%% or 0.4", sh.Src, id, dealID, sh.V)
			good = false
		default:
			d.Share, d.hasShare, d.shareAt = sh, true, sh.Src
		}
	}
	if !good {
		return nil, false
	}
	return d, true
}

// dealKey is a deal of one employee.
type dealKey struct {
	deal string
	emp  int
}

// checkDeals checks the rows of each deal together: an employee's rows of
// a deal (its repeated rows, one per payment, and its credit notes) agree
// on the deal, credit and pay no more than it, and a credit note has its
// deal.
func (r *reader) checkDeals(rows []*dealRow) {
	var keys []dealKey
	byKey := map[dealKey][]*dealRow{}
	for _, d := range rows {
		k := dealKey{d.ID, d.emp}
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], d)
	}
	// The people who share a deal, each by their first row of it.
	var ids []string
	holders := map[string][]*dealRow{}
	for _, k := range keys {
		first := r.checkDeal(byKey[k])
		if first == nil {
			continue
		}
		if holders[k.deal] == nil {
			ids = append(ids, k.deal)
		}
		holders[k.deal] = append(holders[k.deal], first)
	}
	for _, id := range ids {
		r.checkShares(holders[id])
	}
}

// checkShares checks the people who share one deal (each by the first row
// of their part): one deal has one amount and one date, and its shares sum
// to exactly 100 %.
func (r *reader) checkShares(hs []*dealRow) {
	first := hs[0]
	for _, d := range hs[1:] {
		if !d.Amount.V.Equal(first.Amount.V) {
			r.p.add("%s: deal %q has the amount %s for %s and %s for %s (at %s): one deal has one amount; each person's share goes in the share column", d.amountAt, d.ID, d.Amount.V, r.empID(d), first.Amount.V, r.empID(first), first.amountAt)
		}
		if !d.Date.Equal(first.Date) {
			r.p.add("%s: deal %q is dated %s for %s and %s for %s (at %s): one deal has one date", d.dateAt, d.ID, d.Date.Format("2006-01-02"), r.empID(d), first.Date.Format("2006-01-02"), r.empID(first), first.dateAt)
		}
	}
	if len(hs) == 1 && !first.hasShare {
		return // one person's deal
	}
	sum := decimal.Zero
	var at cells
	var parts []string
	for _, d := range hs {
		sh := decimal.New(1, 0)
		if d.hasShare {
			sh = d.Share.V
			at = append(at, d.shareAt)
		} else {
			at = append(at, d.Src)
		}
		sum = sum.Add(sh)
		parts = append(parts, r.empID(d)+" "+percentText(sh))
	}
	if !sum.Equal(decimal.New(1, 0)) {
		r.p.add("%s: the shares of deal %q sum to %s (%s), not 100%%: the people who share a deal share all of it, so give each their part (a blank share is all of it)", at, first.ID, percentText(sum), strings.Join(parts, " + "))
	}
}

// empID is the id of the employee a row credits.
func (r *reader) empID(d *dealRow) string { return r.ids[d.emp] }

// percentText shows a share as a percentage: 0.4 → 40%.
func percentText(d decimal.Decimal) string {
	return d.Shift(2).String() + "%"
}

// checkDeal checks one employee's rows of one deal, and returns its first
// row (nil when it has none, only credit notes).
func (r *reader) checkDeal(rows []*dealRow) *dealRow {
	var first *dealRow // the deal's first row
	for _, d := range rows {
		if !d.IsCredit() {
			first = d
			break
		}
	}
	if first == nil {
		d := rows[0]
		r.p.add("%s: a credit note of deal %q, which has no row of its own for this employee: keep the deal's row in the ledger (of whatever period), so that the credit note reverses what it earned", d.amountAt, d.ID)
		return nil
	}
	// same reports a repeated row that disagrees with the deal's first:
	// x and y are what the two give (a text, or a message for a blank).
	same := func(d *dealRow, what problem.Text, x, y any, at, dAt calc.Place) {
		if x != y {
			r.p.add("%s: deal %q has %s %s here and %s at %s: the rows of one deal repeat it as it is", dAt, d.ID, what, y, x, at)
		}
	}
	credited := decimal.Zero
	paid := decimal.Zero
	wholeAt := calc.Place{} // a payment of the whole amount (no paid amount)
	payments := 0
	for _, d := range rows {
		if d.IsCredit() {
			credited = credited.Add(d.Amount.V.Neg())
			if d.Date.Before(first.Date) {
				r.p.add("%s: a credit note of deal %q dated %s, before the deal (%s, at %s)", d.dateAt, d.ID, d.Date.Format("2006-01-02"), first.Date.Format("2006-01-02"), first.dateAt)
			}
			if d.hasShare && (!first.hasShare || !d.Share.V.Equal(first.Share.V)) {
				r.p.add("%s: a credit note of deal %q gives a share of %s, and the deal %s (at %s): leave the credit note's share blank, it takes the deal's", d.shareAt, d.ID, d.Share.V, shareText(first), first.Src)
			}
			continue
		}
		if d != first {
			same(d, problem.New("the amount"), first.Amount.V.String(), d.Amount.V.String(), first.amountAt, d.amountAt)
			same(d, problem.New("the date"), first.Date.Format("2006-01-02"), d.Date.Format("2006-01-02"), first.dateAt, d.dateAt)
			same(d, problem.New("the due date"), dateText(first.Due), dateText(d.Due), orRow(first.dueAt, first), orRow(d.dueAt, d))
			same(d, problem.New("the margin"), valueText(first.Margin), valueText(d.Margin), orRow(first.marginAt, first), orRow(d.marginAt, d))
			same(d, problem.New("the share"), shareText(first), shareText(d), orRow(first.shareAt, first), orRow(d.shareAt, d))
		}
		if d.Paid == nil {
			continue
		}
		payments++
		if d.PaidAmount == nil {
			wholeAt = d.paidAt
			paid = paid.Add(d.Amount.V)
		} else {
			paid = paid.Add(d.PaidAmount.V)
		}
	}
	if !wholeAt.IsZero() && payments > 1 {
		r.p.add("%s: deal %q is paid in parts, and this payment has no paid amount: write the amount of each payment", wholeAt, first.ID)
	} else if paid.GreaterThan(first.Amount.V) {
		r.p.add("%s: the payments of deal %q add up to %s, more than its amount %s", first.Src, first.ID, paid, first.Amount.V)
	}
	if credited.GreaterThan(first.Amount.V) {
		r.p.add("%s: the credit notes of deal %q credit %s, more than its amount %s", first.Src, first.ID, credited, first.Amount.V)
	}
	return first
}

// orRow is the cell at, or the row of d when the cell is blank.
func orRow(at calc.Place, d *dealRow) calc.Place {
	if at.IsZero() {
		return d.Src
	}
	return at
}

// blank and wholeShare word a blank cell in a message (pointers, so that
// the texts below compare with ==).
var (
	blankText      = problem.New("(blank)")
	wholeShareText = problem.New("(blank: all of it)")
	blank          = &blankText
	wholeShare     = &wholeShareText
)

// dateText, valueText and shareText are a cell's value as a message shows
// it, comparable with ==.
func dateText(t *time.Time) any {
	if t == nil {
		return blank
	}
	return t.Format("2006-01-02")
}

func valueText(v *calc.Value) any {
	if v == nil {
		return blank
	}
	return v.V.String()
}

func shareText(d *dealRow) any {
	if !d.hasShare {
		return wholeShare
	}
	return d.Share.V.String()
}

// cells is a list of places worded as one: the first in full, the others
// as their cells when they are on the same sheet or file
// (`facts.xlsx: sheet "Deals" J2, J3, J4`).
type cells []calc.Place

// Word words the list in the language of w.
func (cs cells) Word(w problem.Words) string {
	var b strings.Builder
	for i, p := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		if i > 0 && p.Origin() == cs[0].Origin() && p.Line() > 0 {
			if p.Origin().Sheet != "" && p.Column() > 0 {
				b.WriteString(xlsx.CellName(p.Column(), p.Line()))
			} else {
				b.WriteString(strconv.Itoa(p.Line()))
				if p.Column() > 0 {
					b.WriteString(":" + strconv.Itoa(p.Column()))
				}
			}
			continue
		}
		b.WriteString(p.Word(w))
	}
	return b.String()
}

// String is the list in English.
func (cs cells) String() string { return cs.Word(nil) }
