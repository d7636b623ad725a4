package factsheet

import (
	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// RosterRow is one employee carried into a new month's fact sheet.
type RosterRow struct {
	ID, Name, Role, Department string
	Fixed, Variable            string // the amounts as read; "" for the scheme's default
}

// ReadRoster reads the Roster table of an earlier fact sheet, to carry the
// people into a new month. It refuses what calc refuses of a roster.
func (src *Source) ReadRoster(s *plan.Scheme) ([]RosterRow, error) {
	b, err := src.open()
	if err != nil {
		return nil, err
	}
	r := newReader(s, b)
	in := &calc.Input{Source: src.Path}
	r.roster(in)
	if err := r.p.err(); err != nil {
		return nil, err
	}
	out := make([]RosterRow, 0, len(in.Employees))
	for _, e := range in.Employees {
		row := RosterRow{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department}
		if e.Fixed != nil {
			row.Fixed = e.Fixed.V.String()
		}
		if e.Variable != nil {
			row.Variable = e.Variable.V.String()
		}
		out = append(out, row)
	}
	return out, nil
}

// CarriedPlan is one personal plan carried into a new month's fact sheet: the
// levels as read ("" for one left to the scheme).
type CarriedPlan struct {
	ID, KPI            string
	Base, Norm, Target string
}

// ReadPlansFor reads the Plans table of src — an earlier fact sheet, or
// the workbook premia decompose writes — for the people of roster, to
// carry their personal plans into a new month's fact sheet. Only the
// Plans table is read, and it is refused where calc would refuse it: a
// person not in roster, a KPI not of the person's role, a second plan for
// a KPI, a level that is not a number.
func (src *Source) ReadPlansFor(s *plan.Scheme, roster []RosterRow) ([]CarriedPlan, error) {
	b, err := src.open()
	if err != nil {
		return nil, err
	}
	r := newReader(s, b)
	in := &calc.Input{Source: src.Path}
	byID := make(map[string]int, len(roster))
	for i, e := range roster {
		in.Employees = append(in.Employees, calc.Employee{ID: e.ID, Name: e.Name, Role: e.Role})
		byID[e.ID] = i
	}
	if r.need(Plans, true, "id", "kpi") != nil {
		r.plans(in, byID)
	}
	if err := r.p.err(); err != nil {
		return nil, err
	}
	var out []CarriedPlan
	level := func(v *calc.Value) string {
		if v == nil {
			return ""
		}
		return v.V.String()
	}
	for _, e := range in.Employees {
		for _, p := range e.Plans {
			out = append(out, CarriedPlan{ID: e.ID, KPI: p.KPI, Base: level(p.Base), Norm: level(p.Norm), Target: level(p.Target)})
		}
	}
	return out, nil
}
