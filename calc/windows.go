package calc

import (
	"errors"

	"github.com/premia-pay/premia/plan"
)

// Windows computes a roster handed over a window of employees at a time,
// as Stream computes the whole: each window is streamed as it comes, and
// emit has each employee with a place that counts on from the windows
// before (the windows' order, not the roster's Order: the caller puts the
// employees in order, and finds an id in two windows). No one's pay may
// depend on anyone outside their window: a scheme with pools, which are
// split among a whole department, cannot be computed so.
type Windows struct {
	s     *plan.Scheme
	opt   Options
	emit  func(i int, e *EmployeeResult)
	parts []*Result
	count int // employees in the windows so far
}

// NewWindows starts a windowed run; see Stream for opt and emit.
func NewWindows(s *plan.Scheme, opt Options, emit func(i int, e *EmployeeResult)) (*Windows, error) {
	if s.Uses("", plan.ComponentPool, "") {
		return nil, errors.New("a scheme with pools is computed whole")
	}
	return &Windows{s: s, opt: opt, emit: emit}, nil
}

// Run computes the next window.
func (w *Windows) Run(in *Input) error {
	ids := Order(in)
	if len(ids) == 0 {
		return nil
	}
	offset := w.count
	var emit func(int, *EmployeeResult)
	if w.emit != nil {
		emit = func(i int, e *EmployeeResult) { w.emit(offset+i, e) }
	}
	res, err := Stream(w.s, in, w.opt, emit)
	if err != nil {
		return err
	}
	w.parts = append(w.parts, res)
	w.count += len(ids)
	return nil
}

// Result is the result of the whole: as Stream's for the windows together.
func (w *Windows) Result() *Result {
	if len(w.parts) == 0 {
		return &Result{}
	}
	res := Combine(w.parts)
	for _, p := range w.parts {
		if len(p.Employees) == 0 { // forgotten (Options.Forget): only the count and sums are left
			res.Count += p.Count - len(p.Employees)
			res.Fixed, res.Bonus = res.Fixed.Add(p.Fixed), res.Bonus.Add(p.Bonus)
			res.Components, res.Total = res.Components.Add(p.Components), res.Total.Add(p.Total)
		}
	}
	return res
}
