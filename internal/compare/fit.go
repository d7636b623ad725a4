package compare

import (
	"errors"
	"strings"

	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// CheckFit judges what a month's fact sheet, read against each scheme with
// factsheet.Options.Fit, could not give one of them (of: under the old
// scheme, nf: under the new):
//
//   - a person one scheme cannot pay (a role it has not, a Facts column
//     their role needs under it that the sheet lacks) is a difference
//     between the schemes, listed in the comparison; a person neither
//     can pay is a mistake in the fact sheet: an error;
//   - a Plans row for a KPI the role has under one scheme only is read
//     by that scheme; one for a KPI the role has under neither is an
//     error, as calc gives it;
//   - a column neither scheme reads is warned about, as calc warns; one
//     that one scheme reads is not;
//   - when a scheme leaves anyone out and pays across people (a pool, an
//     override, a team or department figure summed from its members), a
//     warning says that those figures are computed without them.
func CheckFit(sc Schemes, facts string, of, nf *factsheet.Fit) (warnings []problem.Text, err error) {
	var errs []error
	byID := map[string]*factsheet.Unfit{}
	for i := range nf.Left {
		byID[nf.Left[i].ID] = &nf.Left[i]
	}
	for _, u := range of.Left {
		if n, ok := byID[u.ID]; ok {
			errs = append(errs, problem.Errorf("%s: employee %q can be paid under neither scheme: under the old one, %s; under the new one, %s", u.At, u.ID, u.Why(), n.Why()))
		}
	}
	said := map[string]bool{}
	for _, side := range []struct {
		rows  []factsheet.PlanRow
		other *plan.Scheme
	}{{of.OtherKPIs, sc.New}, {nf.OtherKPIs, sc.Old}} {
		for _, pr := range side.rows {
			if r := side.other.Role(pr.Role); r != nil && r.KPI(pr.KPI) != nil {
				continue
			}
			if at := pr.At.String(); !said[at] {
				said[at] = true
				errs = append(errs, problem.Errorf("%s: KPI %q is not a KPI of role %q under either scheme", pr.At, pr.KPI, pr.Role))
			}
		}
	}
	unusedByOld := map[string]bool{}
	for _, u := range of.Unused {
		unusedByOld[u.At.String()] = true
	}
	for _, u := range nf.Unused {
		if unusedByOld[u.At.String()] {
			warnings = append(warnings, u.Warning)
		}
	}
	for i, side := range []struct {
		left []factsheet.Unfit
		s    *plan.Scheme
		name string
	}{{of.Left, sc.Old, sc.OldName}, {nf.Left, sc.New, sc.NewName}} {
		if len(side.left) == 0 || !acrossPeople(side.s) {
			continue
		}
		ids := make([]string, 0, min(len(side.left), 10))
		for _, u := range side.left[:cap(ids)] {
			ids = append(ids, u.ID)
		}
		list := strings.Join(ids, ", ")
		if len(side.left) > len(ids) {
			list += "…"
		}
		if i == 0 {
			warnings = append(warnings, problem.New("%s: %s cannot be paid under the old scheme (%s), which pays across people (a pool, an override, a team or department figure): those figures are computed without them", facts, list, side.name))
		} else {
			warnings = append(warnings, problem.New("%s: %s cannot be paid under the new scheme (%s), which pays across people (a pool, an override, a team or department figure): those figures are computed without them", facts, list, side.name))
		}
	}
	return warnings, errors.Join(errs...)
}

// acrossPeople reports whether someone's pay under s may depend on other
// people's: a pool, an override, a KPI over a department or a team, a team
// level summed from its members.
func acrossPeople(s *plan.Scheme) bool {
	members, _ := s.TeamFromMembers()
	return members || s.Uses("", plan.ComponentPool, "") || s.Uses("", plan.ComponentOverride, "") ||
		s.Uses("", "", plan.SourceDepartment) || s.Uses("", "", plan.SourceTeam)
}
