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
