package calc

import (
	"errors"
	"sort"
)

// This file splits an input by department: a department's pay depends on
// its own people only.

// DepartmentInput is the input of one department's people.
type DepartmentInput struct {
	Name  string // "" for the people with no department
	Input *Input
}

// ByDepartment splits in into one input per department, by name, each
// with the whole input's tables and its own people. A department's pay is
// computed from its own people only (a pool is shared within the
// department; plan levels are the department's), so Combine of Stream over
// each gives Stream over the whole. A repeated id, anywhere, is refused as
// Run refuses it.
func ByDepartment(in *Input) ([]DepartmentInput, error) {
	if _, errs := roster(append([]Employee(nil), in.Employees...)); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	by := map[string][]Employee{}
	for _, e := range in.Employees {
		by[e.Department] = append(by[e.Department], e)
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]DepartmentInput, len(names))
	for i, n := range names {
		sub := *in
		sub.Employees = by[n]
		out[i] = DepartmentInput{Name: n, Input: &sub}
	}
	return out, nil
}
