package main

import (
	"runtime"
	"sync"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/plan"
)

// The history of a book: the figures of a period other than the run's,
// for the commands that look back (trend, and the carry-overs of
// docs/calculation.md: draw balances, the year to date, true-ups). A
// closed period's figures are its snapshot's (what was paid); any other
// period is computed from its fact sheet as calc --book computes it.
//
// Each person's figures are read lean (book.Figures: no explanation, no
// modifiers), a closed period's streamed from its snapshot's figures
// section (eachBookPeriodFigures; readEarlier for facts alone), each
// carry-over keeping only what it needs (docs/book.md §4).

// computePeriod is calc's run of period p's fact sheet in book b, loaded
// and computed as calc --book does (openBook, readFacts, calc.Run), with
// no explanation steps.
func computePeriod(d *deps, b *book.Book, s *plan.Scheme, p period.Period, lang langFlag) (*calc.Result, error) {
	return computePeriodEach(d, b, s, p, lang, nil)
}

// computePeriodEach is computePeriod; with each, each employee's result
// is handed to each as it is final (calc.Stream: from several cores at
// once, in any order) and then forgotten, and the result has the totals
// alone. A trend holds what it shows of them, not calc's results.
func computePeriodEach(d *deps, b *book.Book, s *plan.Scheme, p period.Period, lang langFlag, each func(*calc.EmployeeResult)) (*calc.Result, error) {
	bp, err := openBook(b.Dir, periodFlag(p.String()))
	if err != nil {
		return nil, err
	}
	// The period's book context, as calc --book sets it: a growth KPI reads
	// its earlier fact from the book (dynamic.go), and what p carries over
	// reads the periods before p. The run's own context is put back after.
	was := d.book
	d.book = bp
	defer func() { d.book = was }()
	src, err := loadFacts(d, bp.facts)
	if err != nil {
		return nil, err
	}
	l, err := readFacts(d, s, src, periodFlag(p.String()), lang, nil)
	src.Close()
	if err != nil {
		return nil, err
	}
	// Its draws' closing balances, which the period after it opens with:
	// kept, so that a run over many open periods (trend, a true-up's span)
	// computes each once.
	var bal balances
	if _, ok := d.closings[p]; !ok && len(s.DrawBalanceIDs()) > 0 {
		bal = balances{}
	}
	opt := calc.Options{SkipSteps: true, Release: true}
	var res *calc.Result
	if each == nil {
		res, err = calc.Run(s, l.in, opt)
		if err == nil && bal != nil {
			for _, e := range res.Employees {
				takeClosings(bal, &book.Figures{ID: e.ID, Components: componentFigures(e)})
			}
		}
	} else {
		var mu sync.Mutex
		opt.Forget = true
		res, err = calc.Stream(s, l.in, opt, func(_ int, e *calc.EmployeeResult) {
			each(e)
			if bal != nil {
				f := &book.Figures{ID: e.ID, Components: componentFigures(e)}
				mu.Lock()
				takeClosings(bal, f)
				mu.Unlock()
			}
		})
	}
	if err == nil && bal != nil {
		keepClosings(d, p, bal)
	}
	return res, err
}

// eachBookPeriodFigures hands each person's lean figures of period p in
// book b to each, in calc's order (by id): streamed from the snapshot
// when p is closed (book.ReadFiguresEach, without the check calc --book
// makes: each is handed the same Figures, read again, and keeps copies),
// else computed (computePeriod) and made lean as the snapshot holds them
// (figuresOf), so that a carry-over reads the same figures of a period
// whether it is closed or not. It says whether p is closed and the name
// in the book read from. On an error, each may have been called for some
// people: drop what was taken.
func eachBookPeriodFigures(d *deps, b *book.Book, s *plan.Scheme, p period.Period, lang langFlag, each func(*book.Figures) error) (*book.Head, bool, string, error) {
	if name, ok := b.Closed(p); ok {
		h, err := book.ReadFiguresEach(b.Path(name), p, each)
		return h, true, name, err
	}
	rel, err := b.FactSheet(p)
	if err != nil {
		return nil, false, "", err
	}
	res, err := computePeriod(d, b, s, p, lang)
	if err != nil {
		return nil, false, "", err
	}
	h := &book.Head{Scheme: res.Scheme, Period: res.Period, Currency: res.Currency,
		Rounding: res.Step.String() + " " + res.Mode, Total: res.Total, Employees: len(res.Employees)}
	for _, e := range res.Employees {
		if err := each(figuresOf(e)); err != nil {
			return nil, false, "", err
		}
	}
	return h, false, rel, nil
}

// figuresOf is an employee's line of calc's result as the snapshot holds
// it (calc's JSON output): the money as computed, each ratio as shown
// (calc.RatioPlaces), so that a carry-over reads the same figures of a
// period whether it is closed or not.
func figuresOf(e *calc.EmployeeResult) *book.Figures {
	f := &book.Figures{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department,
		Fixed: book.NumOf(e.Fixed), Variable: book.NumOf(e.Variable), Bonus: book.NumOf(e.Bonus), Total: book.NumOf(e.Total), K: shownOf(e.K)}
	for _, k := range e.KPIs {
		f.KPIs = append(f.KPIs, book.KPIFigures{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Band: k.Band,
			Base: shownOf(k.Base), Norm: shownOf(k.Norm), Target: shownOf(k.Target), Fulfilment: shownOf(k.Fulfilment), Fact: book.NumOf(k.Fact)})
	}
	f.Components = componentFigures(e)
	return f
}

// componentFigures are the figures of e's components as the snapshot
// holds them (figuresOf's, and all a period's draw balances need).
func componentFigures(e *calc.EmployeeResult) []book.ComponentFigures {
	var out []book.ComponentFigures
	for _, c := range e.Components {
		cf := book.ComponentFigures{ID: c.ID, Type: c.Type, Amount: book.NumOf(c.Amount)}
		if c.Balance != nil {
			cf.Opening, cf.Closing = book.NumOf(c.Balance.Opening), book.NumOf(c.Balance.Closing)
		}
		out = append(out, cf)
	}
	return out
}

// numQ is a snapshot's figure as calc's exact Q, shownOf's inverse;
// false for a null. A figure whose digits fit an int64 makes no decimal.
func numQ(n book.Num) (calc.Q, bool) {
	if !n.Valid() {
		return calc.Q{}, false
	}
	if c, e, ok := n.Parts(); ok {
		return calc.FromDecimalParts(c, e), true
	}
	return calc.Dec(n.Decimal()), true
}

func shownOf(q *calc.Q) book.Num {
	if q == nil {
		return book.Num{}
	}
	return book.NumOf(q.Shown())
}

// readEarlierEach is readEarlier of each period of ps, read at once, a
// core each: the results and errors in ps' order.
func readEarlierEach(b *book.Book, s *plan.Scheme, ps []period.Period, keep []string) ([]*calc.Earlier, []error) {
	out, errs := make([]*calc.Earlier, len(ps)), make([]error, len(ps))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range ps {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			out[i], errs[i] = readEarlier(b, s, p, keep)
		})
	}
	wg.Wait()
	return out, errs
}
