package calc

import (
	"github.com/premia-pay/premia/plan"
)

// This file computes a draw (docs/calculation.md §5.15): a guaranteed
// minimum of the variable pay. The draw's line is what brings the earned
// variable pay (the bonus and every other component, each rounded) up to
// the draw's amount, prorated by days worked. A recoverable draw's top-up
// is an advance: the employee owes it (the balance), and earnings above the
// draw in a later period repay it before anything above the draw is paid;
// its line is then negative, the amount recovered.

// startDraw places the draw's line among the components, to be set by
// drawLine, and checks what it needs: a recoverable draw needs the opening
// balance, carried from the book's previous period (in.Draws) or, without
// one, from the roster. A roster cell beside a carried balance must say
// the same figure: premia never picks one of two.
func (r *run) startDraw(c *plan.Component) {
	if c.Recoverable != nil && c.Recoverable.V {
		b := r.e.DrawBalance
		switch car := r.in.Draws; {
		case car != nil:
			owed, ok := car.Balances[r.e.ID][c.ID]
			if b != nil && !b.V.Equal(owed) {
				scale := Scale(r.s.Step())
				r.fail(b.Src, "draw_balance %s for draw %q differs from %s, the closing balance of %s carried from the book (%s): clear the draw_balance column, for the book carries the balance, or correct the cell", b.V.StringFixed(scale), c.ID, owed.StringFixed(scale), car.Period, car.Source)
				return
			}
			at := car.Src
			r.drawOpen = Value{V: owed, Src: at}
			msg := MsgDrawCarried
			if !ok {
				msg = MsgDrawCarriedNone
			}
			if !r.quiet {
				r.drawCarried = &Step{Phrase: Phrase{Msg: msg, Args: []any{c.ID, r.shownMoney(owed), car.Period, car.Source}}, Sources: []Place{at}}
			}
		case b == nil:
			r.fail(r.e.Src, "draw %q is recoverable, and the roster gives no draw_balance for the employee: write what they owe the draw (0 in its first period)", c.ID)
			return
		default:
			r.drawOpen = *b
		}
	}
	r.draw, r.drawAt = c, r.slot
	r.out.Components[r.slot] = ComponentResult{ID: c.ID, Title: c.Title, Type: c.Type}
}

// drawLine sets the draw's line from the other amounts, all rounded.
func (r *run) drawLine() {
	c, out := r.draw, r.out
	earned := out.Bonus
	for i, x := range out.Components {
		if i != r.drawAt {
			earned = earned.Add(x.Amount)
		}
	}
	d := Dec(c.Amount.V)
	if out.Proration != nil {
		d = d.Mul(*out.Proration)
	}
	draw := r.money(d)
	srcs := []Place{SchemeSrc(r.s, c.Amount)}
	line := &out.Components[r.drawAt]
	if c.Recoverable == nil || !c.Recoverable.V {
		if earned.LessThan(draw) {
			line.Amount = draw.Sub(earned)
		}
		r.say(srcs, MsgDraw, c.ID, r.shownMoney(draw), r.shownMoney(earned), r.shownMoney(line.Amount))
		return
	}
	b := r.drawOpen
	bal := &DrawBalance{Opening: b.V}
	srcs = append(srcs, b.Src)
	if st := r.drawCarried; st != nil {
		r.say(st.Sources, st.Msg, st.Args...)
	}
	if earned.LessThan(draw) {
		line.Amount = draw.Sub(earned)
		bal.Closing = b.V.Add(line.Amount)
		r.say(srcs, MsgDrawAdvance, c.ID, r.shownMoney(draw), r.shownMoney(earned), r.shownMoney(line.Amount), r.shownMoney(b.V), r.shownMoney(line.Amount), r.shownMoney(bal.Closing))
	} else {
		above := earned.Sub(draw)
		recovered := above
		if b.V.LessThan(recovered) {
			recovered = b.V
		}
		line.Amount = recovered.Neg()
		bal.Closing = b.V.Sub(recovered)
		r.say(srcs, MsgDrawRecovered, c.ID, r.shownMoney(draw), r.shownMoney(earned), r.shownMoney(above), r.shownMoney(b.V), r.shownMoney(recovered), r.shownMoney(bal.Closing))
	}
	line.Balance = bal
}
