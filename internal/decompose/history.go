package decompose

import (
	"slices"
	"strings"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// History is the managers' past, read from fact sheets of a scheme: who
// they are, and what each counted at each stage of the funnel.
type History struct {
	Scheme *plan.Scheme
	// Known tells, per stage, whether the scheme has a Facts column that
	// counts it (the stage's kpi:, else its id).
	Known  []bool
	People []Past
	// Files are the fact sheets read, oldest first.
	Files []string
}

// Past is one manager's history: the last fact sheet's roster row, the
// count at each known stage summed over the fact sheets, the cells summed,
// and the personal plans of the last fact sheet.
type Past struct {
	ID, Name, Role string
	Counts         []calc.Q
	Cells          [][]calc.Place
	Plans          calc.Plans
}

// NewHistory gathers the managers' history from months, fact sheets of s
// read oldest first. The managers are the people of the last one whose
// role has a Facts column for every stage the scheme counts anywhere;
// their counts are summed over every fact sheet they are in.
func NewHistory(in *Input, s *plan.Scheme, months []*calc.Input) (*History, error) {
	h := &History{Scheme: s, Known: make([]bool, len(in.Stages))}
	for _, m := range months {
		h.Files = append(h.Files, m.Source)
	}
	cols := map[string][]string{} // role → its Facts columns
	for _, r := range s.Roles {
		for _, c := range factsheet.FactColumns(r) {
			if !c.YesNo && !c.Share {
				cols[r.ID] = append(cols[r.ID], c.ID)
			}
		}
	}
	counted := false
	for i, st := range in.Stages {
		for _, r := range s.Roles {
			if slices.Contains(cols[r.ID], st.KPI) {
				h.Known[i] = true
			}
		}
		counted = counted || h.Known[i]
	}
	if !counted {
		var kpis []string
		for _, st := range in.Stages {
			kpis = append(kpis, st.KPI)
		}
		return nil, problem.Errorf("%s: none of the funnel's stages (%s) is a Facts column of the scheme: map each stage to the KPI that counts it (kpi: in the funnel's stages)", s.File, strings.Join(kpis, ", "))
	}
	last := months[len(months)-1]
	var roles []string
	for _, e := range last.Employees {
		ok := true
		for i, st := range in.Stages {
			if h.Known[i] && !slices.Contains(cols[e.Role], st.KPI) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if !slices.Contains(roles, e.Role) {
			roles = append(roles, e.Role)
		}
		p := Past{ID: e.ID, Name: e.Name, Role: e.Role, Counts: make([]calc.Q, len(in.Stages)), Cells: make([][]calc.Place, len(in.Stages)), Plans: e.Plans}
		for _, m := range months {
			for _, me := range m.Employees {
				if me.ID != e.ID {
					continue
				}
				for i, st := range in.Stages {
					if !h.Known[i] {
						continue
					}
					if v, ok := me.Facts.Get(st.KPI); ok {
						p.Counts[i] = p.Counts[i].Add(calc.Dec(v.V))
						p.Cells[i] = append(p.Cells[i], v.Src)
					}
				}
			}
		}
		h.People = append(h.People, p)
	}
	if len(h.People) == 0 {
		var kpis []string
		for i, st := range in.Stages {
			if h.Known[i] {
				kpis = append(kpis, st.KPI)
			}
		}
		return nil, problem.Errorf("%s: nobody in the roster has a role with the funnel's columns (%s): the managers are the people whose role counts every stage the scheme counts", last.Source, strings.Join(kpis, ", "))
	}
	return h, nil
}

// cells is a list of places for a message: the first few, and how many
// more.
type cells []calc.Place

func (c cells) Word(w problem.Words) string {
	var parts []string
	for i, p := range c {
		if i == 3 {
			parts = append(parts, problem.New("… %d more", len(c)-3).In(w))
			break
		}
		parts = append(parts, p.Word(w))
	}
	return strings.Join(parts, "; ")
}

func (c cells) String() string { return c.Word(nil) }
