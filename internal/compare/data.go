package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
)

// This file writes the comparison's CSV and JSON: their contract is in
// docs/compare.md and the README, and changes only by adding.

// Statuses of a row (CSV status, JSON status).
const (
	StatusBoth    = "both"     // paid under both schemes
	StatusOldOnly = "old-only" // the new scheme cannot pay the person from this fact sheet
	StatusNewOnly = "new-only" // the old scheme cannot
)

func (r *Row) status() string {
	switch {
	case r.Both():
		return StatusBoth
	case r.Old != nil:
		return StatusOldOnly
	}
	return StatusNewOnly
}

// reason is why the row is paid under one scheme only: no-role (the other
// scheme has not the person's role), or no-column:ID (the fact sheet has
// not the Facts column ID, which the other scheme needs); "" for both.
func (r *Row) reason() string {
	u := r.NewWhy
	if r.New != nil {
		u = r.OldWhy
	}
	if r.Both() || u == nil {
		return ""
	}
	return reasonCode(u)
}

func reasonCode(u *factsheet.Unfit) string {
	if u.Column == "" {
		return "no-role"
	}
	return "no-column:" + u.Column
}

// CSVHeader is the CSV's header: one row per person and month.
var CSVHeader = []string{"period", "facts", "id", "name", "role", "department", "status", "reason",
	"old_fixed", "new_fixed", "old_bonus", "new_bonus", "old_components", "new_components",
	"old_total", "new_total", "difference", "percent"}

// CSV writes one row per person and month, in the order of the months
// given, then of the ids; no totals row (an import would take it for a
// person). Amounts of a scheme that cannot pay the person are empty, as
// are the difference and the percentage then; the percentage is empty too
// when the old total is 0 (undefined).
func CSV(w io.Writer, rep *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for i := range rep.Rows {
		r := &rep.Rows[i]
		rec := []string{r.Period, safe(r.Facts), safe(r.ID), safe(r.Name), safe(r.Role), safe(r.Department), r.status(), r.reason()}
		for _, f := range []func(*Pay) decimal.Decimal{
			func(p *Pay) decimal.Decimal { return p.Fixed },
			func(p *Pay) decimal.Decimal { return p.Bonus },
			func(p *Pay) decimal.Decimal { return components(p) },
			func(p *Pay) decimal.Decimal { return p.Total },
		} {
			for _, p := range []*Pay{r.Old, r.New} {
				cell := ""
				if p != nil {
					cell = rep.money(f(p))
				}
				rec = append(rec, cell)
			}
		}
		diff, pct := "", ""
		if r.Both() {
			diff = rep.money(*r.Diff)
			pct = ratio(r.Pct)
		}
		rec = append(rec, diff, pct)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// components is the sum of a pay's component lines.
func components(p *Pay) decimal.Decimal {
	sum := decimal.Zero
	for _, c := range p.Components {
		sum = sum.Add(c.Amount)
	}
	return sum
}

// safe neutralises a text field against formula injection in spreadsheets.
func safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

type jsonScheme struct {
	Scheme string `json:"scheme"`
	File   string `json:"file"`
}

type jsonSums struct {
	Old        *string `json:"old"`
	New        *string `json:"new"`
	Difference *string `json:"difference"`
	Percent    *string `json:"percent"`
}

type jsonMonth struct {
	Period *string `json:"period"`
	Facts  string  `json:"facts"`
	jsonSums
	People  int `json:"people"`
	Both    int `json:"both"`
	OldOnly int `json:"old_only"`
	NewOnly int `json:"new_only"`
}

type jsonTotals struct {
	jsonSums
	People  int `json:"people"`
	Both    int `json:"both"`
	OldOnly int `json:"old_only"`
	NewOnly int `json:"new_only"`
}

type jsonPay struct {
	Fixed      string `json:"fixed"`
	Bonus      string `json:"bonus"`
	Components string `json:"components"`
	Total      string `json:"total"`
}

type jsonPart struct {
	Weighted    *string `json:"weighted"`
	Coefficient *string `json:"coefficient"`
	Share       string  `json:"share"`
}

type jsonKPI struct {
	ID    string    `json:"id"`
	Title string    `json:"title,omitempty"`
	Old   *jsonPart `json:"old"`
	New   *jsonPart `json:"new"`
}

type jsonLine struct {
	Line       string  `json:"line"`
	ID         string  `json:"id,omitempty"`
	Old        *string `json:"old"`
	New        *string `json:"new"`
	Difference string  `json:"difference"`
}

type jsonRow struct {
	Period     *string    `json:"period"`
	Facts      string     `json:"facts"`
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Role       string     `json:"role"`
	Department string     `json:"department"`
	Status     string     `json:"status"`
	Reason     *string    `json:"reason"`
	Old        *jsonPay   `json:"old"`
	New        *jsonPay   `json:"new"`
	Difference *string    `json:"difference"`
	Percent    *string    `json:"percent"`
	Over       *bool      `json:"over,omitempty"`
	KPIs       []jsonKPI  `json:"kpis"`
	Lines      []jsonLine `json:"lines"`
}

type jsonGroup struct {
	Role       *string `json:"role,omitempty"`
	Title      *string `json:"title,omitempty"`
	Department *string `json:"department,omitempty"`
	People     int     `json:"people"`
	OldOnly    int     `json:"old_only"`
	NewOnly    int     `json:"new_only"`
	jsonSums
}

type jsonMover struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Role       string `json:"role"`
	Department string `json:"department"`
	Months     int    `json:"months"`
	jsonSums
}

type jsonFailOver struct {
	Percent string   `json:"percent"`
	People  []string `json:"people"` // "ID" or, with several months, "ID period"
}

type jsonReport struct {
	Old         jsonScheme    `json:"old"`
	New         jsonScheme    `json:"new"`
	Currency    string        `json:"currency"`
	Months      []jsonMonth   `json:"months"`
	People      []jsonRow     `json:"people"`
	Roles       []jsonGroup   `json:"roles"`
	Departments []jsonGroup   `json:"departments"`
	Totals      jsonTotals    `json:"totals"`
	Top         int           `json:"top"`
	Gainers     []jsonMover   `json:"gainers"`
	Losers      []jsonMover   `json:"losers"`
	FailOver    *jsonFailOver `json:"fail_over,omitempty"`
}

func strp(s string) *string { return &s }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// sums are a sum's figures; null for a side with no one in it, and for
// the difference and the percentage then.
func (rep *Report) sums(a Amounts) jsonSums {
	var j jsonSums
	if a.HasOld {
		j.Old = strp(rep.money(a.Old))
	}
	if a.HasNew {
		j.New = strp(rep.money(a.New))
	}
	if a.Both() {
		j.Difference = strp(rep.money(a.Diff))
		if a.Pct != nil {
			j.Percent = strp(ratio(a.Pct))
		}
	}
	return j
}

func (rep *Report) pay(p *Pay) *jsonPay {
	if p == nil {
		return nil
	}
	return &jsonPay{Fixed: rep.money(p.Fixed), Bonus: rep.money(p.Bonus), Components: rep.money(components(p)), Total: rep.money(p.Total)}
}

func (rep *Report) part(p *KPIPart) *jsonPart {
	if p == nil {
		return nil
	}
	return &jsonPart{Weighted: nonEmpty(ratio(p.Weighted)), Coefficient: nonEmpty(ratio(p.Coefficient)), Share: rep.money(p.Share)}
}

func (rep *Report) amount(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	return strp(rep.money(*d))
}

// JSON writes the comparison as one JSON object (docs/compare.md): money
// as strings with exactly the scale of the schemes (the larger, if they
// differ), percentages and ratios as strings of up to 6 decimals, null
// where a figure is undefined or a scheme cannot pay the person.
func JSON(w io.Writer, rep *Report) error {
	j := jsonReport{
		Old:      jsonScheme{Scheme: rep.OldScheme, File: rep.OldName},
		New:      jsonScheme{Scheme: rep.NewScheme, File: rep.NewName},
		Currency: rep.Currency, Months: []jsonMonth{}, People: []jsonRow{}, Roles: []jsonGroup{}, Departments: []jsonGroup{},
		Totals: jsonTotals{jsonSums: rep.sums(rep.Total.Amounts), People: rep.Total.People, Both: rep.Total.Both, OldOnly: rep.Total.OldOnly, NewOnly: rep.Total.NewOnly},
		Top:    rep.Top, Gainers: []jsonMover{}, Losers: []jsonMover{},
	}
	for _, m := range rep.Months {
		j.Months = append(j.Months, jsonMonth{Period: nonEmpty(m.Period), Facts: m.Facts, jsonSums: rep.sums(m.Amounts), People: m.People, Both: m.Both, OldOnly: m.OldOnly, NewOnly: m.NewOnly})
	}
	for i := range rep.Rows {
		r := &rep.Rows[i]
		jr := jsonRow{Period: nonEmpty(r.Period), Facts: r.Facts, ID: r.ID, Name: r.Name, Role: r.Role, Department: r.Department,
			Status: r.status(), Reason: nonEmpty(r.reason()), Old: rep.pay(r.Old), New: rep.pay(r.New), KPIs: []jsonKPI{}, Lines: []jsonLine{}}
		if r.Both() {
			jr.Difference = strp(rep.money(*r.Diff))
			if r.Pct != nil {
				jr.Percent = strp(ratio(r.Pct))
			}
			if rep.FailOver != nil {
				over := r.Over
				jr.Over = &over
			}
		}
		for _, k := range r.KPIs {
			jr.KPIs = append(jr.KPIs, jsonKPI{ID: k.ID, Title: k.Title, Old: rep.part(k.Old), New: rep.part(k.New)})
		}
		for _, ln := range r.Lines {
			jr.Lines = append(jr.Lines, jsonLine{Line: ln.Kind, ID: ln.ID, Old: rep.amount(ln.Old), New: rep.amount(ln.New), Difference: rep.money(value(ln.New).Sub(value(ln.Old)))})
		}
		j.People = append(j.People, jr)
	}
	for _, g := range rep.Roles {
		j.Roles = append(j.Roles, jsonGroup{Role: strp(g.Key), Title: strp(g.Title), People: g.People, OldOnly: g.OldOnly, NewOnly: g.NewOnly, jsonSums: rep.sums(g.Amounts)})
	}
	for _, g := range rep.Departments {
		j.Departments = append(j.Departments, jsonGroup{Department: strp(g.Key), People: g.People, OldOnly: g.OldOnly, NewOnly: g.NewOnly, jsonSums: rep.sums(g.Amounts)})
	}
	for _, side := range []struct {
		from []Mover
		to   *[]jsonMover
	}{{rep.Gainers, &j.Gainers}, {rep.Losers, &j.Losers}} {
		for _, m := range side.from {
			*side.to = append(*side.to, jsonMover{ID: m.ID, Name: m.Name, Role: m.Role, Department: m.Department, Months: m.Months, jsonSums: rep.sums(m.Amounts)})
		}
	}
	if rep.FailOver != nil {
		j.FailOver = &jsonFailOver{Percent: calc.Text(*rep.FailOver), People: rep.OverIDs()}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// OverIDs name the rows over --fail-over: the id, and with several months
// the month too ("S-01 2026-10").
func (rep *Report) OverIDs() []string {
	out := []string{}
	for _, r := range rep.Over {
		if len(rep.Months) > 1 {
			out = append(out, r.ID+" "+labelOf(r.Period, r.Facts))
		} else {
			out = append(out, r.ID)
		}
	}
	return out
}
