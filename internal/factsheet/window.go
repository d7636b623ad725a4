package factsheet

import (
	"fmt"
	"io"
	"maps"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// NotWindowed is why a fact sheet was not read in windows (ReadWindows):
// it is to be read whole, with Read.
type NotWindowed struct{ Why string }

func (e *NotWindowed) Error() string { return "the fact sheet is read whole: " + e.Why }

// ReadWindows reads the fact sheet for the scheme as Read does, but hands
// the employees to each a window of about size roster rows at a time, in
// roster order, while the next rows are read: memory holds a few windows
// of each table, never the roster. Every window shares the period, the
// departments and the source of the whole.
//
// It reads so only a fact sheet that is plain enough for the windows to
// give exactly what Read gives, and it checks this as it goes: an .xlsx
// workbook with ids in ASCII, whose Facts and Plans rows follow the
// roster's order (each person's rows in the window of the roster that
// holds them), no formulas, totals rows, merged cells, Payments table or
// manual calculation (nor a scheme that reads a Deals table), no problem or warning of any row; and a scheme
// without pools (a pool is split among a whole department). The windows
// are in roster order, not in the order of the ids, and the caller finds
// an id that is in two windows (Read refuses it). Otherwise, and when
// each fails, it stops with a *NotWindowed or each's error: what each was
// given is then to be discarded, and the fact sheet read whole with Read,
// which reports every problem in full. On success the warnings are those
// Read gives.
func (src *Source) ReadWindows(s *plan.Scheme, o Options, size int, each func(in *calc.Input) error) (warnings []problem.Text, err error) {
	return src.readWindows(s, o, size, false, each)
}

// WindowIDs reads only the roster, as ReadWindows reads it, and returns
// the ids of its employees in roster order and the period: what a writer
// that must name every employee before the first is computed (a workbook
// lists its sheets first) needs, at the cost of reading the roster twice.
// It gives way (*NotWindowed) where ReadWindows would for the roster; the
// other tables are checked when ReadWindows reads them.
func (src *Source) WindowIDs(s *plan.Scheme, o Options, size int) (ids []string, period string, err error) {
	_, err = src.readWindows(s, o, size, true, func(in *calc.Input) error {
		period = in.Period
		for _, e := range in.Employees {
			ids = append(ids, e.ID)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return ids, period, nil
}

// readWindows is ReadWindows; with rosterOnly, the windows hold the
// roster's employees without their Facts and Plans rows.
func (src *Source) readWindows(s *plan.Scheme, o Options, size int, rosterOnly bool, each func(in *calc.Input) error) (warnings []problem.Text, err error) {
	whole := func(format string, args ...any) ([]problem.Text, error) {
		return nil, &NotWindowed{fmt.Sprintf(format, args...)}
	}
	if src.closed {
		return nil, src.errClosed()
	}
	if !src.isXLSX() {
		return whole("a folder of CSV tables")
	}
	if s.Uses("", plan.ComponentPool, "") {
		return whole("the scheme splits a pool among a department")
	}
	if s.Uses("", plan.ComponentOverride, "") {
		return whole("the scheme pays managers overrides on the people below them")
	}
	if members, _ := s.TeamFromMembers(); members || s.Uses("", "", plan.SourceDepartment) || s.Uses("", "", plan.SourceTeam) {
		return whole("the scheme has KPIs summed over a department or a team")
	}
	size = max(size, minWindow)
	var streams []*stream
	defer func() {
		for _, st := range streams {
			st.rows.Close()
		}
		if p := recover(); p != nil {
			warnings, err = nil, &NotWindowed{fmt.Sprint("internal error: ", p)}
		}
	}()
	b := &book{src: src, tables: map[string]*table{}, lookAlikes: map[string]string{}}
	if err := b.openXLSX(true); err != nil {
		return whole("%v", err)
	}
	switch {
	case b.xb.ManualCalc:
		return whole("manual calculation")
	case b.tables[Payments] != nil:
		return whole("a Payments table")
	case s.Uses("", "", plan.SourcePayments):
		return whole("the scheme counts payments") // and Read says the table is missing
	case s.Deals().Any:
		return whole("the scheme reads a Deals table") // a deal may be shared by people of several windows
	case len(b.lookAlikes) > 0:
		return whole("a sheet whose name only looks like a table's") // Read says so
	}
	r := newReader(s, b)
	r.fit, r.windowed = o.Fit, true
	base := &calc.Input{Source: src.Path, Departments: map[string]calc.Department{}}
	base.Period = r.period(o.Period)
	if !r.forPeriod(base.Period) {
		return whole("the period") // Read says what is wrong
	}
	r.others()
	start := func(name string) (*stream, error) {
		t := b.tables[name]
		if t == nil {
			return nil, nil
		}
		rows, err := b.xb.Rows(t.sheet, size)
		if err != nil {
			return nil, err
		}
		st := &stream{t: t, rows: rows}
		streams = append(streams, st)
		if err := st.fetch(); err != nil {
			return nil, err
		}
		st.head = st.win
		t.use(st.head)
		return st, nil
	}
	rs, err := start(Roster)
	if err != nil || rs == nil {
		return whole("the Roster table: %v", err)
	}
	var fs, ps *stream
	if !rosterOnly {
		if fs, err = start(Facts); err != nil {
			return whole("the Facts table: %v", err)
		}
		if ps, err = start(Plans); err != nil {
			return whole("the Plans table: %v", err)
		}
	}
	// The headers, in Read's order.
	rt := r.rosterTable()
	var ft, pt *table // nil with rosterOnly
	if !rosterOnly {
		ft, pt = r.factsTable(), r.plansTable()
	}
	if dt := b.tables[Departments]; dt != nil {
		xs, err := b.xb.Sheet(dt.sheet)
		if err != nil || xs.Problem != "" {
			return whole("the Departments table")
		}
		dt.use(xs)
	}
	r.departments(base)
	if r.p.err() != nil || rt == nil || (fs != nil && ft == nil) || (ps != nil && pt == nil) {
		return whole("a problem")
	}
	quiet := len(r.warnings) // the warnings of the headers: Read gives them too
	for _, st := range []*stream{rs, fs, ps} {
		if st != nil {
			st.hrow, st.next = st.t.hrow, st.t.hrow+1
		}
	}
	started := false
	paid := 0 // windows with anyone in them
	for {
		cs, err := rs.take(size, nil, true)
		if err != nil {
			return whole("the Roster table: %v", err)
		}
		last := !rs.more()
		rt.useWindow(cs)
		if started && blankRows(rt) {
			// Blank rows at the roster's end: no one to pay.
			if last {
				break
			}
			continue
		}
		in := &calc.Input{Period: base.Period, Departments: base.Departments, Source: base.Source}
		leftBefore := 0
		if r.fit != nil {
			leftBefore = len(r.fit.Left)
		}
		byID := r.roster(in)
		// With Fit, the window's people whose role the scheme has not are
		// left out (fit.go): their rows of the other tables are this
		// window's too, and a window may hold no one else.
		takeIDs := byID
		if r.fit != nil && len(r.fit.Left) > leftBefore {
			takeIDs = make(map[string]int, len(byID)+len(r.fit.Left)-leftBefore)
			maps.Copy(takeIDs, byID)
			for _, u := range r.fit.Left[leftBefore:] {
				takeIDs[u.ID] = -1
			}
		}
		if r.p.err() != nil || len(takeIDs) == 0 {
			return whole("a problem in the roster")
		}
		for _, e := range in.Employees {
			if !ascii(e.ID) {
				// Look-alike ids are checked over the whole roster.
				return whole("an id not in ASCII")
			}
		}
		started = true
		for _, x := range []struct {
			st   *stream
			t    *table
			read func(*calc.Input, map[string]int)
		}{{fs, ft, r.facts}, {ps, pt, r.plans}} {
			if x.st == nil {
				continue
			}
			ts, err := x.st.take(-1, takeIDs, last)
			if err != nil {
				return whole("the %s table: %v", x.t.name, err)
			}
			x.t.useWindow(ts)
			x.read(in, byID)
		}
		if r.p.err() != nil || len(r.warnings) > quiet {
			return whole("a problem or a warning in a row")
		}
		for _, t := range []*table{rt, ft, pt} {
			if t != nil && t.totals >= 0 {
				return whole("a totals row")
			}
		}
		clear(r.textNumbers) // kept for a totals row, and there is none
		if r.fit != nil {
			r.fitInput(in)
			r.left = nil // by index in this window's roster
		}
		if len(in.Employees) > 0 {
			paid++
			if err := each(in); err != nil {
				return nil, err
			}
		}
		if last {
			break
		}
	}
	for _, st := range streams {
		// A table read to its end: every row was in a window (a row with no
		// id goes with the window it is in; a row left over is of no one in
		// the roster).
		if rest, err := st.take(-1, nil, true); err != nil || rest.Rows() > 1 {
			return whole("rows after the roster's last employee")
		}
		// Every row handed over is in a window or above the header: none
		// was lost between them.
		if used := st.taken + st.hrow + 1; used != st.rows.Handed() {
			return whole("internal error: %d rows of sheet %q read, %d used", st.rows.Handed(), st.t.sheet, used)
		}
		if len(st.last.Merges) > 0 || st.last.Problem != "" {
			return whole("merged cells or a damaged sheet")
		}
		if st.last.HiddenColumnRanges() != st.head.HiddenColumnRanges() {
			return whole("hidden columns declared after the rows")
		}
	}
	if paid == 0 {
		// With Fit, no one's role is the scheme's: Read says so.
		return whole("no role of the scheme in the roster")
	}
	if r.fit != nil {
		r.fit.sort()
	}
	return r.warnings, nil
}

// blankRows reports whether every row under the header is blank.
func blankRows(t *table) bool {
	for _, rw := range t.rows[t.hrow+1:] {
		if t.firstCol(rw) != 0 {
			return false
		}
	}
	return true
}

// minWindow is the fewest rows of a window: the first holds the search
// for the header (need looks at 51 rows). A variable so that tests can
// lower it.
var minWindow = 64

// stream is a table read in windows.
type stream struct {
	t     *table
	rows  *xlsx.Rows
	head  *xlsx.Sheet // the first window, which holds the header row
	hrow  int         // the header row's index in head
	win   *xlsx.Sheet // the window being read
	next  int         // the index in win of the next row to read
	end   bool        // every window has been read
	last  *xlsx.Sheet // the last window read: the sheet's merged ranges and problem
	err   error       // why the next window could not be read: every later read fails with it
	taken int         // rows gathered by take
}

// fetch reads the next window into win; at the end win is an empty window.
// Once it fails it fails again: the window is gone.
func (st *stream) fetch() error {
	if st.err != nil {
		return st.err
	}
	st.err = st.read()
	return st.err
}

func (st *stream) read() error {
	w, err := st.rows.Next()
	switch {
	case err == io.EOF:
		st.end = true
		if st.last == nil {
			return fmt.Errorf("no window")
		}
		st.win, st.next = st.last.Empty(), 0
		return nil
	case err != nil:
		return err
	case w.HasFormulas():
		return fmt.Errorf("formulas")
	case w.Problem != "":
		return fmt.Errorf("%s", w.Problem)
	}
	st.win, st.next, st.last = w, 0, w
	return nil
}

// more reports whether rows are left to read (or a window that could not
// be read: the next take fails with its error).
func (st *stream) more() bool {
	for st.next >= st.win.Rows() && !st.end {
		if st.fetch() != nil {
			return true
		}
	}
	return st.next < st.win.Rows()
}

// take gathers the next rows under a copy of the header row (row 0): up to
// n rows (n < 0: any number), with all, every row left; otherwise the rows
// as long as they are of employees in window (or have no id): the row of
// an employee of the next window waits for it.
func (st *stream) take(n int, window map[string]int, all bool) (*xlsx.Sheet, error) {
	cs := st.head.Empty()
	if n > 0 {
		cs.Reserve(n+1, st.win)
	}
	cs.AppendRow(st.head, st.hrow)
	idCol := st.t.col("id")
	for taken := 0; taken != n; {
		if st.next >= st.win.Rows() {
			if st.end {
				break
			}
			if err := st.fetch(); err != nil {
				return nil, err
			}
			continue
		}
		if !all {
			if id := st.id(idCol); id != "" {
				if _, in := window[id]; !in {
					break
				}
			}
		}
		cs.AppendRow(st.win, st.next)
		st.next++
		st.taken++
		taken++
	}
	return cs, nil
}

// id is the employee id of the next row as Read finds it, without
// reporting anything: a cell it cannot read is a problem when its window
// is read.
func (st *stream) id(col int) string {
	t := *st.t
	t.xs = st.win
	num, hidden, _ := st.win.Row(st.next)
	v, err := t.value(row{num: num, hidden: hidden, i: st.next}, col)
	if err != nil {
		return ""
	}
	return cleanText(v.Text)
}
