package calc

import (
	"errors"
	"sync"

	"github.com/premia-pay/premia/plan"
)

// Windows computes a roster handed over a window of employees at a time,
// as Stream computes the whole: each window is streamed as it comes, on
// its own goroutine, while the caller reads the next; emit has each
// employee with a place that counts on from the windows before (the
// windows' order, not the roster's Order: the caller puts the employees in
// order, and finds an id in two windows). No one's pay may depend on
// anyone outside their window: a scheme with pools, which are split among
// a whole department, cannot be computed so.
type Windows struct {
	s     *plan.Scheme
	opt   Options
	emit  func(i int, e *EmployeeResult)
	queue chan *Input
	done  chan struct{}
	once  sync.Once

	mu    sync.Mutex
	err   error // the first window's error
	parts []*Result
	count int // employees in the windows so far
}

// NewWindows starts a windowed run; see Stream for opt and emit. Wait
// must be called once the windows are handed over, or given up.
func NewWindows(s *plan.Scheme, opt Options, emit func(i int, e *EmployeeResult)) (*Windows, error) {
	if d, t := aggregatedColumns(s); s.Uses("", plan.ComponentPool, "") || s.Uses("", plan.ComponentOverride, "") || len(d)+len(t)+len(teamLevelKPIs(s)) > 0 {
		return nil, errors.New("a scheme with pools, overrides or sums over a department or team is computed whole")
	}
	w := &Windows{s: s, opt: opt, emit: emit, queue: make(chan *Input, 1), done: make(chan struct{})}
	go w.work()
	return w, nil
}

// Run hands over the next window: it is computed as soon as the one
// before it is. The error is an earlier window's, if one failed (the
// windows after it are not computed).
func (w *Windows) Run(in *Input) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.queue <- in
	return nil
}

func (w *Windows) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// work computes the windows in turn.
func (w *Windows) work() {
	defer close(w.done)
	for in := range w.queue {
		if w.failed() != nil {
			continue
		}
		n := len(in.Employees)
		offset := w.count
		var emit func(int, *EmployeeResult)
		if w.emit != nil {
			emit = func(i int, e *EmployeeResult) { w.emit(offset+i, e) }
		}
		res, err := Stream(w.s, in, w.opt, emit)
		w.mu.Lock()
		if err != nil {
			w.err = err
		} else {
			w.parts = append(w.parts, res)
			w.count += n
		}
		w.mu.Unlock()
	}
}

// Wait waits for the windows handed over and returns the result of the
// whole (as Stream's for the windows together), or the first window's
// error.
func (w *Windows) Wait() (*Result, error) {
	w.once.Do(func() { close(w.queue) })
	<-w.done
	if w.err != nil {
		return nil, w.err
	}
	if len(w.parts) == 0 {
		return &Result{}, nil
	}
	res := Combine(w.parts)
	for _, p := range w.parts {
		if len(p.Employees) == 0 { // forgotten (Options.Forget): only the count and sums are left
			res.merge(p)
		}
	}
	return res, nil
}
