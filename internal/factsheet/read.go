package factsheet

import (
	"errors"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// maxProblems caps the problems listed for one fact sheet.
const maxProblems = 50

// problems collects located errors up to a cap.
type problems struct {
	errs    []error
	dropped int
}

func (p *problems) add(format string, args ...any) {
	if len(p.errs) >= maxProblems {
		p.dropped++
		return
	}
	p.errs = append(p.errs, problem.Errorf(format, args...))
}

func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := p.errs
	if p.dropped > 0 {
		errs = append(errs, problem.Errorf("... and %d more problems", p.dropped))
	}
	return errors.Join(errs...)
}

// Options shape a read.
type Options struct {
	// Period is the pay period given on the command line (2026-10,
	// 2026-Q4, 2026, as period.Parse reads it), or "". The fact sheet may
	// state its own; the two must agree.
	Period string
	// Fit, if not nil, reads a fact sheet that may have been made for
	// another scheme: what the scheme cannot take from it is listed in
	// Fit rather than refused (fit.go), by Read and ReadWindows alike.
	Fit *Fit
}

// Read reads the fact sheet for the scheme s: every problem found is
// reported, located, joined. Warnings (such as unknown columns) do not stop
// the run. The input's Period is the fact sheet's or the option's.
func (src *Source) Read(s *plan.Scheme, o Options) (in *calc.Input, warnings []problem.Text, err error) {
	b, err := src.open()
	if err != nil {
		return nil, nil, err
	}
	r := newReader(s, b)
	r.fit = o.Fit
	in = &calc.Input{Source: src.Path, Departments: map[string]calc.Department{}}
	in.Period = r.period(o.Period)
	if !r.forPeriod(in.Period) {
		return nil, r.warnings, r.p.err()
	}
	r.others()
	if byID := r.roster(in); byID != nil {
		r.facts(in, byID)
		r.plans(in, byID)
		r.departments(in)
		r.payments(in, byID)
		r.deals(in, byID)
	}
	if err := r.p.err(); err != nil {
		return nil, r.warnings, err
	}
	if r.fit != nil {
		r.fitInput(in)
		r.fit.sort()
	}
	return in, r.warnings, nil
}

// ReadPlans reads the roster and the personal plans of a fact sheet: what a
// next-period plan needs, without the month's facts.
func (src *Source) ReadPlans(s *plan.Scheme) (*calc.Input, error) {
	b, err := src.open()
	if err != nil {
		return nil, err
	}
	r := newReader(s, b)
	in := &calc.Input{Source: src.Path, Departments: map[string]calc.Department{}}
	if byID := r.roster(in); byID != nil {
		r.plans(in, byID)
	}
	if err := r.p.err(); err != nil {
		return nil, err
	}
	return in, nil
}

type reader struct {
	s        *plan.Scheme
	b        *book
	path     string
	p        problems
	warnings []problem.Text
	// textNumbers: per table and column, the cells read as numbers from text
	// (a totals row's SUM in Excel leaves them out).
	textNumbers map[*table]map[int][]calc.Value
	// periodWrong: the command line and the fact sheet disagree on the period.
	periodWrong bool
	// per is the run's period (the zero Period when not known).
	per period.Period
	// factCols caches FactColumns by role.
	factCols map[*plan.Role][]FactColumn
	// values holds the values the input points to (a salary, a plan's norm).
	values *valueSlab
	// refused are the ids of roster rows refused with a message of their
	// own (an unknown role, a blank name): the other tables do not call
	// them unknown.
	refused map[string]bool
	// ids are the roster's ids by index, for the Deals table's messages.
	ids []string
	// fit is Options.Fit: what the scheme cannot take is listed there; left
	// holds the roster indices of the people it leaves out for a missing
	// Facts column, with the column (fit.go).
	fit  *Fit
	left map[int]string
	// windowed: the roster is read a window at a time (ReadWindows).
	windowed bool
}

// valueSlab hands out pointers to values kept in blocks, so that the
// hundreds of thousands of values a large roster points to are a few
// hundred allocations rather than one each.
type valueSlab struct{ block []calc.Value }

// keep returns a pointer to a kept copy of v.
func (s *valueSlab) keep(v calc.Value) *calc.Value {
	if len(s.block) == cap(s.block) {
		s.block = make([]calc.Value, 0, 1024)
	}
	s.block = append(s.block, v)
	return &s.block[len(s.block)-1]
}

// col is the fact column's column in the Facts table, found once.
func (fc *FactColumn) col(t *table) int {
	if fc.at == 0 {
		fc.at = -1
		if c := t.col(fc.ID); c > 0 {
			fc.at = c
		}
	}
	return max(fc.at, 0)
}

// factColumns is FactColumns, once per role.
func (r *reader) factColumns(role *plan.Role) []FactColumn {
	if cols, ok := r.factCols[role]; ok {
		return cols
	}
	if r.factCols == nil {
		r.factCols = map[*plan.Role][]FactColumn{}
	}
	cols := FactColumns(role)
	r.factCols[role] = cols
	return cols
}

func newReader(s *plan.Scheme, b *book) *reader {
	return &reader{s: s, b: b, path: b.src.Path, textNumbers: map[*table]map[int][]calc.Value{}, values: &valueSlab{}}
}

func (r *reader) warn(format string, args ...any) {
	r.warnings = append(r.warnings, problem.New(format, args...))
}

// factHeadings maps the folded ids and titles of the scheme's Facts columns
// to their ids. A title that folds like another column's id or heading, or
// like another title, is left out: it would be ambiguous.
func (r *reader) factHeadings() map[string]string {
	out := map[string]string{}
	titles := map[string]string{}
	clash := map[string]bool{}
	fixed := headings(Facts)
	for _, ro := range r.s.Roles {
		for _, c := range FactColumns(ro) {
			out[Fold(c.ID)] = c.ID
			if t := Fold(c.Title); t != "" {
				if prev, ok := titles[t]; ok && prev != c.ID {
					clash[t] = true
				}
				titles[t] = c.ID
			}
		}
	}
	for t, id := range titles {
		if _, taken := out[t]; taken || clash[t] || fixed[t] != "" {
			continue
		}
		out[t] = id
	}
	return out
}
