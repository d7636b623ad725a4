package main

import (
	"slices"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Dynamic plan levels (docs/calculation.md §3.12, docs/book.md §5): a
// KPI's base, norm or target that grows over the person's fact of the KPI
// in an earlier period of the book. The command reads those facts here,
// from the earlier period's snapshot when it is closed, else from its fact
// sheet, and hands them to calc in calc.Input.Earlier; calc reads no file.

// growthUse is a dynamic plan level of a KPI of the scheme.
type growthUse struct {
	k *plan.KPI
	g plan.NamedGrowth
}

// dynamic is the first dynamic plan level of each earlier period the
// scheme grows over, by plan.Over*, in the order written; nil: none.
func dynamic(s *plan.Scheme) map[string]growthUse {
	var out map[string]growthUse
	for _, r := range s.Roles {
		if r == nil {
			continue
		}
		for _, k := range r.KPIs {
			if k == nil {
				continue
			}
			for _, g := range k.Growths() {
				if out == nil {
					out = map[string]growthUse{}
				}
				if _, ok := out[g.G.Over]; !ok {
					out[g.G.Over] = growthUse{k, g}
				}
			}
		}
	}
	return out
}

// earlierFacts reads the earlier periods the scheme's dynamic plan levels
// grow over from the run's book; nil when the scheme has none. A scheme
// with one needs the book, and the book the earlier period.
func earlierFacts(d *deps, s *plan.Scheme) (map[string]*calc.Earlier, error) {
	uses := dynamic(s)
	if uses == nil {
		return nil, nil
	}
	out := map[string]*calc.Earlier{}
	for _, over := range []string{plan.OverLastYear, plan.OverPrevious} {
		u, ok := uses[over]
		if !ok {
			continue
		}
		at := calc.SchemePos(s, u.g.G.Pos)
		if d.book == nil {
			return nil, problem.Errorf("%s: KPI %q needs the book: its %s grows %s over the fact of the %s, which is read from the book: run with --book DIR --period P", at, u.k.ID, u.g.Level, u.g.G.Raw, over)
		}
		p := d.book.p.Prev()
		if over == plan.OverLastYear {
			p = d.book.p.SameLastYear()
		}
		if beforeBook(d.book.b, p) {
			// The book's first period has nothing to grow over: its
			// levels are the Plans table's (calc says so of anyone
			// without one).
			out[over] = &calc.Earlier{Period: p.String(), Source: book.Name(p), Facts: map[string]calc.Facts{}, BeforeBook: true}
			continue
		}
		e, err := readEarlier(d.book.b, s, p, nil)
		if err != nil {
			return nil, problem.Errorf("%s: KPI %q: the %s grows %s over the fact of %s (%s): %v", at, u.k.ID, u.g.Level, u.g.G.Raw, p, over, err)
		}
		out[over] = e
		if p.Year() == d.book.p.Year() && p.Kind() == d.book.p.Kind() {
			// Every fact of a period of the year before the run's: the
			// year to date takes its facts from it instead of reading it
			// again (yearToDate).
			if d.ytd == nil {
				d.ytd = map[period.Period]*calc.Earlier{}
			}
			if _, ok := d.ytd[p]; !ok {
				d.ytd[p] = e
			}
		}
	}
	return out, nil
}

// beforeBook reports whether period p is before the book's beginning:
// p has neither a fact sheet nor a snapshot, and no earlier period of its
// kind has one (Book.First). A gap inside the book is not: a period
// missing there is refused, naming the file expected.
func beforeBook(b *book.Book, p period.Period) bool {
	if _, ok := b.Closed(p); ok {
		return false
	}
	if _, err := b.FactSheet(p); err == nil {
		return false
	}
	return b.First(p)
}

// earlierTaker sets e's source to the snapshot rel of book b and returns
// what takes each person's facts into e from the snapshot's figures
// (those of keep's KPIs; nil: every KPI's): readEarlier's reading of a
// closed period, which trend shares while it reads the snapshot itself.
func earlierTaker(e *calc.Earlier, b *book.Book, rel string, keep []string) func(*book.Figures) {
	e.Source = rel
	at := calc.Note(b.Path(rel))
	return func(f *book.Figures) {
		var fs calc.Facts
		for _, k := range f.KPIs {
			if keep == nil || slices.Contains(keep, k.ID) {
				fs.Set(k.ID, calc.Value{V: k.Fact.Decimal(), Src: at})
			}
		}
		e.Facts[f.ID] = fs
	}
}

// readEarlier reads each person's facts of period p: from the snapshot
// when p is closed (the figures paid), else from p's fact sheet. With
// keep, only the facts of those ids are kept (the few figures a carry
// needs of a whole period); nil keeps every fact.
func readEarlier(b *book.Book, s *plan.Scheme, p period.Period, keep []string) (*calc.Earlier, error) {
	e := &calc.Earlier{Period: p.String(), Facts: map[string]calc.Facts{}}
	if rel, ok := b.Closed(p); ok {
		// The snapshot's figures, streamed (book.ReadFiguresEach): of each
		// person, only the facts are kept.
		take := earlierTaker(e, b, rel, keep)
		if _, err := book.ReadFacts(b.Path(rel), p, func(f *book.Figures) error {
			take(f)
			return nil
		}); err != nil {
			return nil, err
		}
		return e, nil
	}
	rel, err := b.FactSheet(p) // names the file expected
	if err != nil {
		return nil, err
	}
	src, err := factsheet.Load(b.Path(rel))
	if err != nil {
		return nil, err
	}
	defer src.Close()
	in, _, err := src.Read(s, factsheet.Options{Period: p.String()})
	if err != nil {
		return nil, err
	}
	e.Source = rel
	for _, emp := range in.Employees {
		if keep == nil {
			e.Facts[emp.ID] = emp.Facts
			continue
		}
		var fs calc.Facts
		for _, id := range keep {
			if v, ok := emp.Facts.Get(id); ok {
				fs.Set(id, v)
			}
		}
		e.Facts[emp.ID] = fs
	}
	return e, nil
}
