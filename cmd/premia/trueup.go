package main

import (
	"slices"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// True-ups (docs/calculation.md §5.19, docs/book.md "Carry-overs"): in
// the last period of a quarter or a year, a true-up recomputes a
// commission or the KPI bonus over the span and pays what the months did
// not. The command reads the span's earlier periods from the book — each
// one's snapshot when closed, else computed from its fact sheet
// (eachBookPeriodFigures) — keeps of each person only the figures the
// scheme's true-ups read, once per period in a run, and hands them to calc
// in calc.Input.TrueUps; calc reads no file.

// trueUpNeeds are what the scheme's true-ups read of a past period: the
// KPIs' facts and plan levels, the components' amounts (bonus and variable
// part are always kept).
type trueUpNeeds struct {
	first       *plan.Component // the first true-up, for the messages
	kinds       []period.Kind   // the spans, shortest first
	kpis, comps []string
}

// trueUpsOf says what the true-ups of scheme s read; first nil: none.
func trueUpsOf(s *plan.Scheme) trueUpNeeds {
	var n trueUpNeeds
	add := func(l *[]string, id string) {
		if !slices.Contains(*l, id) {
			*l = append(*l, id)
		}
	}
	for _, r := range s.Roles {
		if r == nil {
			continue
		}
		for _, c := range r.TrueUps() {
			k, ok := c.OverKind()
			if !ok {
				continue
			}
			if n.first == nil {
				n.first = c
			}
			if !slices.Contains(n.kinds, k) {
				n.kinds = append(n.kinds, k)
			}
			if c.Of == plan.TrueUpOfBonus {
				for _, k := range r.KPIs {
					if k != nil && k.Weight != nil {
						add(&n.kpis, k.ID)
					}
				}
				continue
			}
			if o := r.Component(c.Of); o != nil {
				add(&n.kpis, o.KPI)
				add(&n.comps, o.ID)
			}
		}
	}
	slices.SortFunc(n.kinds, func(a, b period.Kind) int { return a.Months() - b.Months() })
	return n
}

// trueUpSpans reads from the run's book the spans that end with the run's
// period (text: as the fact sheet or --period gives it): for each, its
// earlier periods. nil when the scheme has no true-up or the run ends no
// span; a run that ends one needs the book, and the book each earlier
// period of the span.
func trueUpSpans(d *deps, s *plan.Scheme, text string, lang langFlag) (map[string]*calc.Span, error) {
	if part, err := s.ForPeriod(text); err == nil {
		s = part
	}
	need := trueUpsOf(s)
	if need.first == nil {
		return nil, nil
	}
	at := calc.SchemePos(s, need.first.Pos)
	p, err := period.Parse(text)
	if d.book == nil {
		if err == nil && !endsSpan(p, need.kinds) {
			return nil, nil // a month inside the span: the line is 0, and says when it is paid
		}
		k, _ := need.first.OverKind()
		return nil, problem.Errorf("%s: true-up %q recomputes %s over the %s from the book, which holds the span's earlier periods: run with --book DIR --period P", at, need.first.ID, need.first.Of, k.Word())
	}
	if err != nil {
		return nil, nil // calc says the period is not known
	}
	var out map[string]*calc.Span
	for _, k := range need.kinds {
		if !p.Ends(k) {
			continue
		}
		span := p.Enclosing(k)
		sp := &calc.Span{Period: span.String()}
		for q := span.Enclosing(p.Kind()); q != p; q = q.Next() {
			pp, err := pastPeriod(d, s, q, need, lang)
			if err != nil {
				return nil, problem.Errorf("%s: true-up %q recomputes %s over %s, %s among its periods: %v", at, need.first.ID, need.first.Of, span, q, err)
			}
			sp.Periods = append(sp.Periods, *pp)
		}
		if out == nil {
			out = map[string]*calc.Span{}
		}
		out[k.String()] = sp
	}
	return out, nil
}

// endsSpan reports whether period p is the last of its kind in a span of
// one of kinds: March, June, September or December for a quarter.
func endsSpan(p period.Period, kinds []period.Kind) bool {
	return slices.ContainsFunc(kinds, p.Ends)
}

// pastPeriod is period q of the run's book as a true-up reads it: each
// person's variable part, bonus, and the KPIs and components need names,
// from q's snapshot when it is closed, else computed from its fact sheet
// (a period missing from the book is refused, naming the file expected).
// Read once per run.
func pastPeriod(d *deps, s *plan.Scheme, q period.Period, need trueUpNeeds, lang langFlag) (*calc.PastPeriod, error) {
	if pp, ok := d.spans[q]; ok {
		return pp, nil
	}
	b := d.book.b
	pp := &calc.PastPeriod{Period: q.String(), People: map[string]*calc.PastPay{}}
	q2 := func(n book.Num) *calc.Q {
		x, ok := numQ(n)
		if !ok {
			return nil
		}
		return &x
	}
	_, closed, rel, err := eachBookPeriodFigures(d, b, s, q, lang, func(f *book.Figures) error {
		pay := &calc.PastPay{Variable: f.Variable.Decimal(), Bonus: f.Bonus.Decimal()}
		for _, k := range f.KPIs {
			if slices.Contains(need.kpis, k.ID) {
				pay.KPIs = append(pay.KPIs, calc.PastKPI{ID: k.ID, Fact: k.Fact.Decimal(), Base: q2(k.Base), Norm: q2(k.Norm), Target: q2(k.Target)})
			}
		}
		for _, c := range f.Components {
			if slices.Contains(need.comps, c.ID) {
				pay.Components = append(pay.Components, calc.PastAmount{ID: c.ID, Amount: c.Amount.Decimal()})
			}
		}
		pp.People[f.ID] = pay
		return nil
	})
	if err != nil {
		return nil, err
	}
	pp.Source, pp.Src, pp.Closed = rel, calc.Note(b.Path(rel)), closed
	if d.spans == nil {
		d.spans = map[period.Period]*calc.PastPeriod{}
	}
	d.spans[q] = pp
	return pp, nil
}
