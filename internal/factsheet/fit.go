package factsheet

import (
	"slices"
	"strings"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
)

// This file reads a fact sheet that may have been made for another scheme
// (Options.Fit): premia compare reads one month's fact sheet against an
// old and a new scheme, and a fact sheet fits the one it was made for
// better than the other.

// Fit is what a read with Options.Fit found the scheme cannot take from
// the fact sheet. Such a read refuses no one for it: the people concerned
// are left out of the input and listed here, and the reader (premia
// compare) decides, knowing the other scheme, whether each is a
// difference between the schemes or a mistake in the fact sheet.
//
// Only these are differences of fit; every other problem (a blank cell, a
// missing table, a row without facts, a missing plan level) is an error
// as Read reports it:
//
//   - a roster row whose role the scheme has not (the role is not blank):
//     the person is left out (Unfit.Column "");
//   - a Facts column the person's role needs under the scheme and the
//     Facts table has not: the person is left out (Unfit.Column, the
//     first such column of the role);
//   - a Plans row for a KPI the person's role has not under the scheme:
//     the row is not read (OtherKPIs);
//   - a column of any table the scheme does not read: not warned about,
//     listed (Unused), for the reader to warn only when neither scheme
//     reads it.
//
// A fact sheet none of whose roles is the scheme's is still refused (it
// was made for another scheme altogether). Once the people are left out,
// a reports_to that names one of them is cleared: the manager is not paid
// under the scheme, so no one's pay can be counted up to them.
type Fit struct {
	Left      []Unfit   // by id
	OtherKPIs []PlanRow // in the order of the Plans table
	Unused    []Unused  // in the order found
}

// Unfit is a roster row the scheme cannot pay from this fact sheet.
type Unfit struct {
	ID, Name, Role, Department string
	// Column is the Facts column the role needs and the fact sheet lacks;
	// "" when the scheme has no role Role.
	Column string
	// At is the place: the role's cell, or the roster row.
	At calc.Place
}

// Why is the reason the person cannot be paid under the scheme, as a
// message.
func (u Unfit) Why() problem.Text {
	if u.Column == "" {
		return problem.New("the scheme has no role %q", u.Role)
	}
	return problem.New("the fact sheet has no column %q, which role %q needs", u.Column, u.Role)
}

// PlanRow is a Plans row for a KPI the person's role has not.
type PlanRow struct {
	ID, Role, KPI string
	At            calc.Place // the KPI's cell
}

// Unused is a column the scheme does not read, with the warning Read
// would give about it.
type Unused struct {
	At      calc.Place // the heading's cell
	Warning problem.Text
}

// leave marks roster index i as left out for the Facts column col (the
// first such column of the person counts).
func (r *reader) leave(i int, col string) {
	if r.left == nil {
		r.left = map[int]string{}
	}
	if _, ok := r.left[i]; !ok {
		r.left[i] = col
	}
}

// fitInput leaves out of in the people marked by leave, listing them in
// r.fit, and clears the reports_to that name anyone left out. Read calls
// it once, ReadWindows once a window (a scheme whose pay follows
// reports_to is read whole).
func (r *reader) fitInput(in *calc.Input) {
	gone := map[string]bool{}
	for _, u := range r.fit.Left {
		gone[u.ID] = true
	}
	if len(r.left) > 0 {
		kept := in.Employees[:0]
		for i, e := range in.Employees {
			col, out := r.left[i]
			if !out {
				kept = append(kept, e)
				continue
			}
			gone[e.ID] = true
			r.fit.Left = append(r.fit.Left, Unfit{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, Column: col, At: e.Src})
		}
		clear(in.Employees[len(kept):])
		in.Employees = kept
	}
	if len(gone) > 0 {
		for i := range in.Employees {
			if e := &in.Employees[i]; gone[e.ReportsTo] {
				e.ReportsTo, e.ReportsToSrc = "", calc.Place{}
			}
		}
	}
}

// sort puts the people left out in the order of their ids, once the
// fact sheet is read.
func (f *Fit) sort() {
	slices.SortStableFunc(f.Left, func(a, b Unfit) int { return strings.Compare(a.ID, b.ID) })
}
