package compare

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/premia-pay/premia/internal/texttable"
)

// grid is an aligned table for a terminal: a header and rows, each column
// left-aligned (text) or right-aligned (figures).
type grid struct {
	head  []string
	right []bool
	rows  [][]string
}

func newGrid(cols ...string) *grid {
	g := &grid{}
	for _, c := range cols {
		// A column heading ending in ">" is right-aligned.
		h, r := strings.CutSuffix(c, ">")
		g.head = append(g.head, strings.ToUpper(h))
		g.right = append(g.right, r)
	}
	return g
}

func (g *grid) add(cells ...string) { g.rows = append(g.rows, cells) }

// drop removes the columns for which keep is false.
func (g *grid) drop(keep ...bool) {
	pick := func(cells []string) []string {
		out := cells[:0:0]
		for i, c := range cells {
			if i >= len(keep) || keep[i] {
				out = append(out, c)
			}
		}
		return out
	}
	right := g.right[:0:0]
	for i, r := range g.right {
		if i >= len(keep) || keep[i] {
			right = append(right, r)
		}
	}
	g.head, g.right = pick(g.head), right
	for i := range g.rows {
		g.rows[i] = pick(g.rows[i])
	}
}

func (g *grid) write(b *strings.Builder) {
	texttable.Write(b, append([][]string{g.head}, g.rows...), g.right, false)
}

// Table writes the comparison for reading on a terminal, in lang: the
// payroll first (each month, and all months when there are several), then
// each person and month, the roles and the departments, who gains and who
// loses most, and the KPI rows and pay lines that changed.
func Table(w io.Writer, rep *Report, lang string) error {
	l := labelsFor(lang)
	var b strings.Builder
	several := len(rep.Months) > 1
	fmt.Fprintf(&b, "%s: %s %s %s · %s\n\n", l.Title, rep.OldName, l.Arrow, rep.NewName, rep.Currency)

	g := newGrid(l.Payroll, l.People+">", l.Old+">", l.New+">", l.Diff+">", l.Change+">")
	total := func(name string, t Total) {
		g.add(append([]string{name, strconv.Itoa(t.People)}, rep.sumCells(t.Amounts, l)...)...)
	}
	for _, m := range rep.Months {
		total(labelOf(m.Period, m.Facts), m)
	}
	if several {
		total(l.AllMonths, rep.Total)
	}
	g.write(&b)
	if rep.Total.OldOnly+rep.Total.NewOnly > 0 {
		fmt.Fprintf(&b, "%s: %d; %s: %d\n", l.OnlyOld, rep.Total.OldOnly, l.OnlyNew, rep.Total.NewOnly)
	}

	b.WriteByte('\n')
	g = newGrid(l.ID, l.Name, l.Role, l.Department, l.Month, l.Old+">", l.New+">", l.Diff+">", l.Change+">", l.Note)
	notes := false
	for i := range rep.Rows {
		r := &rep.Rows[i]
		old, neu, diff, pct, note := "-", "-", "-", "-", ""
		if r.Old != nil {
			old = rep.money(r.Old.Total)
		}
		if r.New != nil {
			neu = rep.money(r.New.Total)
		}
		switch {
		case r.Both():
			diff, pct = rep.signed(*r.Diff), l.pct(r.Pct)
			if r.Over {
				note = fmt.Sprintf("%s %s %%", l.Over, rep.FailOver.String())
			}
		case r.OldWhy != nil:
			note = l.why(r.OldWhy, true, lang)
		case r.NewWhy != nil:
			note = l.why(r.NewWhy, false, lang)
		}
		notes = notes || note != ""
		g.add(r.ID, r.Name, r.RoleTitle, l.dept(r.Department), labelOf(r.Period, r.Facts), old, neu, diff, pct, note)
	}
	g.drop(true, true, true, true, several, true, true, true, true, notes)
	g.write(&b)

	for _, sec := range []struct {
		title string
		col   string
		gs    []Group
		name  func(Group) string
	}{
		{l.ByRole, l.Role, rep.Roles, func(gr Group) string { return gr.Title }},
		{l.ByDepartment, l.Department, rep.Departments, func(gr Group) string { return l.dept(gr.Key) }},
	} {
		fmt.Fprintf(&b, "\n%s\n", sec.title)
		g = newGrid(sec.col, l.People+">", l.Old+">", l.New+">", l.Diff+">", l.Change+">")
		for _, gr := range sec.gs {
			g.add(append([]string{sec.name(gr), strconv.Itoa(gr.People)}, rep.sumCells(gr.Amounts, l)...)...)
		}
		g.write(&b)
	}

	for _, sec := range []struct {
		title string
		ms    []Mover
	}{{l.Gainers, rep.Gainers}, {l.Losers, rep.Losers}} {
		fmt.Fprintf(&b, "\n"+l.Top+"\n", sec.title, rep.Top)
		if len(sec.ms) == 0 {
			fmt.Fprintf(&b, "%s\n", l.None)
			continue
		}
		g = newGrid(l.ID, l.Name, l.Role, l.Months+">", l.Old+">", l.New+">", l.Diff+">", l.Change+">")
		for _, m := range sec.ms {
			g.add(m.ID, m.Name, m.RoleTitle, strconv.Itoa(m.Months), rep.money(m.Old), rep.money(m.New), rep.signed(m.Diff), l.pct(m.Pct))
		}
		g.drop(true, true, true, several)
		g.write(&b)
	}

	fmt.Fprintf(&b, "\n%s\n", l.WhatChanged)
	g = newGrid(l.ID, l.Month, l.KPI, l.OldWeighted+">", l.NewWeighted+">", l.OldLadder+">", l.NewLadder+">", l.OldShare+">", l.NewShare+">", l.Diff+">")
	ladders, any := false, false
	for i := range rep.Rows {
		r := &rep.Rows[i]
		for _, k := range r.KPIs {
			any = true
			cells := []string{r.ID, labelOf(r.Period, r.Facts), k.ID}
			for _, p := range []*KPIPart{k.Old, k.New} {
				cells = append(cells, partText(p, l, func(p *KPIPart) string { return ratio(p.Weighted) }))
			}
			for _, p := range []*KPIPart{k.Old, k.New} {
				c := partText(p, l, func(p *KPIPart) string { return ratio(p.Coefficient) })
				ladders = ladders || (p != nil && p.Coefficient != nil)
				cells = append(cells, c)
			}
			for _, p := range []*KPIPart{k.Old, k.New} {
				cells = append(cells, partText(p, l, func(p *KPIPart) string { return rep.money(p.Share) }))
			}
			cells = append(cells, rep.signed(share(k.New).Sub(share(k.Old))))
			g.add(cells...)
		}
	}
	if !any {
		fmt.Fprintf(&b, "%s\n", l.None)
	} else {
		g.drop(true, several, true, true, true, ladders, ladders)
		g.write(&b)
	}

	fmt.Fprintf(&b, "\n%s\n", l.Lines)
	g = newGrid(l.ID, l.Month, l.Line, l.Old+">", l.New+">", l.Diff+">")
	any = false
	for i := range rep.Rows {
		r := &rep.Rows[i]
		for _, ln := range r.Lines {
			any = true
			g.add(r.ID, labelOf(r.Period, r.Facts), l.lineName(ln), rep.amountText(ln.Old), rep.amountText(ln.New), rep.signed(value(ln.New).Sub(value(ln.Old))))
		}
	}
	if !any {
		fmt.Fprintf(&b, "%s\n", l.None)
	} else {
		g.drop(true, several)
		g.write(&b)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
