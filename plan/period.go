package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// This file holds the period kinds a scheme pays by (docs/calculation.md
// §2.2): a role's period (month by default) is the period of its fixed
// part, its KPI bonus and, unless one says otherwise, its components; a
// component of a commission, bonus, proportional or unit bonus type may
// be paid by another (period: quarter for a quarterly bonus). A run of a
// period pays the lines of its kind and no other: For is that part of the
// scheme, which the fact sheet is read and the pay computed by.

// Kind is the role's period kind: its period, else a month.
func (r *Role) Kind() period.Kind {
	if k, ok := period.ParseKind(r.Period); ok {
		return k
	}
	return period.Month
}

// ComponentKind is the period kind component c of the role is paid by:
// its own period, else the role's.
func (r *Role) ComponentKind(c *Component) period.Kind {
	if k, ok := period.ParseKind(c.Period); ok {
		return k
	}
	return r.Kind()
}

// periodTypes are the component types that may be paid by another period
// than their role: those computed from a KPI or a condition of their own.
// The others are set from the role's other amounts (a draw, a formula),
// its department (a pool) or the people below (an override).
var periodTypes = []string{ComponentCommission, ComponentBonus, ComponentProportional, ComponentUnitBonus}

// Kinds are the period kinds the scheme pays by, shortest first: [month]
// for a scheme that says none.
func (s *Scheme) Kinds() []period.Kind {
	var out []period.Kind
	for _, k := range period.Kinds {
		for _, r := range s.Roles {
			if r != nil && r.pays(k) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// pays reports whether the role pays anything by kind k.
func (r *Role) pays(k period.Kind) bool {
	if r.Kind() == k {
		return true
	}
	for _, c := range r.Components {
		if c != nil && r.ComponentKind(c) == k {
			return true
		}
	}
	return false
}

// For is the part of the scheme a run of a period of kind k pays: each
// role with only its lines of that kind. A role paid by another kind
// keeps the components paid by k, and no fixed part, bonus, conditions,
// gates or modifiers (Role.Elsewhere says by which kind they are paid); a
// role's components of other kinds are in its Left. The KPIs kept are
// those the lines kept read. A scheme whose every line is paid by k is
// its own part (a monthly scheme's month). For needs a scheme Validate
// accepted; before, it is the scheme.
func (s *Scheme) For(k period.Kind) *Scheme {
	// A copy of a scheme (a part, or a caller's edited copy) is its own
	// part: its parts, if it holds any, are another scheme's.
	if p := s.parts[k]; p != nil && s.owner == s {
		return p
	}
	return s
}

// ForPeriod is For of the period text (as period.Parse reads it). With no
// period known ("", or text that is no period), a scheme that pays by the
// month alone is its own part, as before there were periods; one that pays
// by another kind needs its period.
func (s *Scheme) ForPeriod(text string) (*Scheme, error) {
	p, err := period.Parse(text)
	kinds := s.Kinds()
	switch {
	case err == nil:
		return s.For(p.Kind()), nil
	case len(kinds) == 1 && kinds[0] == period.Month:
		return s, nil
	case text == "":
		return nil, problem.Errorf("the scheme pays by the %s, and a run pays what is paid by its period's kind: the period is not known: the fact sheet does not state it and --period was not given", kindList(kinds))
	}
	return nil, err
}

// Pays checks that a run of period p pays anything: a quarter's run of a
// scheme that pays by the month alone pays nothing, and is refused with
// the periods to run instead (the months of the quarter).
func (s *Scheme) Pays(p period.Period) error {
	kinds := s.Kinds()
	if p.IsZero() || slices.Contains(kinds, p.Kind()) {
		return nil
	}
	var runs []string
	for _, k := range kinds {
		if k.Months() < p.Kind().Months() {
			for q := p.Enclosing(k); q.Within(p); q = q.Next() {
				runs = append(runs, q.String())
			}
		} else {
			runs = append(runs, p.Enclosing(k).String())
		}
	}
	return problem.Errorf("the scheme pays nothing by the %s, only by the %s: run the periods of %s instead (%s)", kindWord(p.Kind()), kindList(kinds), p, strings.Join(runs, ", "))
}

// kindWord is the kind's word in a message.
func kindWord(k period.Kind) problem.Text { return k.Word() }

// kindList is "month", "month and quarter" or "month, quarter and year".
func kindList(kinds []period.Kind) problem.Text {
	switch len(kinds) {
	case 1:
		return kindWord(kinds[0])
	case 2:
		return problem.New("%s and %s", kindWord(kinds[0]), kindWord(kinds[1]))
	}
	return problem.New("%s, %s and %s", kindWord(kinds[0]), kindWord(kinds[1]), kindWord(kinds[2]))
}

// makeParts sets For's parts of a valid scheme, one for each kind that
// does not pay every line of it (For is the scheme itself for one that
// does).
func (s *Scheme) makeParts() {
	s.parts, s.owner = map[period.Kind]*Scheme{}, s
	for _, k := range period.Kinds {
		p := *s
		p.parts = nil
		p.Roles = make([]*Role, len(s.Roles))
		whole := true
		for i, r := range s.Roles {
			if r == nil {
				continue // an empty item, reported by the parser
			}
			p.Roles[i] = r.part(k)
			whole = whole && p.Roles[i] == r
		}
		if !whole {
			s.parts[k] = &p
		}
	}
}

// part is the role's lines of kind k (For).
func (r *Role) part(k period.Kind) *Role {
	p := *r
	p.Components, p.Left = nil, nil
	index := map[int]int{} // component index in r → in p
	for i, c := range r.Components {
		if c == nil {
			continue
		}
		if r.ComponentKind(c) == k {
			index[i] = len(p.Components)
			p.Components = append(p.Components, c)
		} else {
			p.Left = append(p.Left, c)
		}
	}
	if r.Kind() == k && len(p.Left) == 0 {
		return r
	}
	p.order = nil
	for _, i := range r.ComponentOrder() {
		if j, ok := index[i]; ok {
			p.order = append(p.order, j)
		}
	}
	if r.Kind() != k {
		p.Elsewhere = r.Kind()
		p.Fixed, p.Variable, p.Bonus = nil, nil, nil
		p.Conditions, p.Gates, p.Modifiers = nil, nil, nil
	}
	uses := r.kpiKinds()
	p.KPIs = nil
	for _, kp := range r.KPIs {
		if kp != nil && slices.Contains(uses[kp.ID], k) {
			p.KPIs = append(p.KPIs, kp)
		}
	}
	return &p
}

// kpiKinds are the period kinds each KPI of the role is read by: the
// role's own for a KPI of its bonus (a weight, a ladder, a gate, a role
// gate, a team modifier's) or one nothing reads; a component's for the
// KPI it is paid on; and a formula KPI's kinds for the KPIs its formula
// reads.
func (r *Role) kpiKinds() map[string][]period.Kind {
	out := map[string][]period.Kind{}
	add := func(id string, k period.Kind) {
		if id != "" && !slices.Contains(out[id], k) {
			out[id] = append(out[id], k)
		}
	}
	own := r.Kind()
	for _, kp := range r.KPIs {
		if kp != nil && (kp.Weight != nil || kp.Ladder != "" || kp.Gate != nil) {
			add(kp.ID, own)
		}
	}
	for _, g := range r.Gates {
		if g != nil {
			add(g.KPI, own)
		}
	}
	for _, m := range r.Modifiers {
		if m != nil {
			add(m.KPI, own)
		}
	}
	for _, c := range r.Components {
		if c == nil {
			continue
		}
		k := r.ComponentKind(c)
		add(c.KPI, k)
		if c.When != nil {
			add(c.When.KPI, k)
		}
	}
	for _, kp := range r.KPIs {
		if kp != nil && len(out[kp.ID]) == 0 {
			add(kp.ID, own)
		}
	}
	for _, kp := range r.KPIs {
		if kp == nil || kp.Formula == nil {
			continue
		}
		for _, col := range kp.Formula.Columns() {
			if o := r.KPI(col); o != nil {
				for _, k := range out[kp.ID] {
					add(o.ID, k)
				}
			}
		}
	}
	return out
}

// periods checks the role's and its components' period kinds.
func (c *checker) periods(r *Role, path string) {
	kind := func(text string, keys map[string]Pos, own Pos, p string) bool {
		if text == "" {
			return true
		}
		if _, ok := period.ParseKind(text); !ok {
			c.at(keyPos(keys, own, "period"), join(p, "period"), "%q is not a period kind: use month, quarter or year (a scheme pays by the month unless it says otherwise)", text)
			return false
		}
		return true
	}
	if !kind(r.Period, r.Keys, r.Pos, path) {
		return
	}
	own := r.Kind()
	bad := false
	for i, cm := range r.Components {
		if cm == nil || cm.Period == "" {
			continue
		}
		cp := fmt.Sprintf("%s.components[%d]", path, i)
		if !kind(cm.Period, cm.Keys, cm.Pos, cp) {
			bad = true
			continue
		}
		if cm.Type != "" && !oneOf(cm.Type, periodTypes...) {
			c.at(keyPos(cm.Keys, cm.Pos, "period"), join(cp, "period"), "a %s component is set from the role's other amounts, its department or the people below, and is paid with them by the role's period (%s): remove period (a commission, bonus, proportional or unit bonus may be paid by a period of its own)", cm.Type, kindWord(own))
			bad = true
		}
	}
	if bad {
		return
	}
	uses := r.kpiKinds()
	for i, cm := range r.Components {
		if cm == nil || r.ComponentKind(cm) == own {
			continue
		}
		cp := fmt.Sprintf("%s.components[%d]", path, i)
		ck := r.ComponentKind(cm)
		ids := []struct{ id, key string }{{cm.KPI, "kpi"}}
		if w := cm.When; w != nil {
			ids = append(ids, struct{ id, key string }{w.KPI, "when.kpi"})
			if w.Condition != "" {
				c.at(keyPos(w.Keys, w.Pos, "condition"), join(cp, "when.condition"), "condition %q adds to the role's bonus, paid by the %s, and this component is paid by the %s: a fact sheet holds one period's yes or no; pay the component on a KPI of its own ({kpi: ID, reaches: norm})", w.Condition, kindWord(own), kindWord(ck))
			}
		}
		for _, x := range ids {
			if x.id == "" || r.KPI(x.id) == nil || len(uses[x.id]) < 2 {
				continue
			}
			other := uses[x.id][0]
			if other == ck {
				other = uses[x.id][1]
			}
			keys, at := cm.Keys, cm.Pos
			if x.key == "when.kpi" {
				keys, at = cm.When.Keys, cm.When.Pos
			}
			c.at(keyPos(keys, at, "kpi"), join(cp, x.key), "KPI %q is read by lines paid by the %s too, and this component is paid by the %s: a fact sheet's column holds one period's figure, and a norm is one period's plan; give the component a KPI of its own (q_sales, with its own norm), read from the fact sheet of its period", x.id, kindWord(other), kindWord(ck))
		}
	}
	// A formula component reads amounts of its own period.
	for i, cm := range r.Components {
		if cm == nil || cm.Type != ComponentFormula || cm.Formula == nil {
			continue
		}
		for _, col := range cm.Formula.Columns() {
			for _, o := range r.Components {
				if o != nil && o.ID == col && r.ComponentKind(o) != r.ComponentKind(cm) {
					c.at(cm.Formula.Pos, fmt.Sprintf("%s.components[%d].formula", path, i), "%q is paid by the %s and this formula by the %s: a formula reads the amounts of its own period's run", o.ID, kindWord(r.ComponentKind(o)), kindWord(r.ComponentKind(cm)))
				}
			}
		}
	}
}
