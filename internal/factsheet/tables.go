package factsheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// rosterTable, factsTable and plansTable find the tables of employees,
// their facts and their plans, with the columns each must have.
func (r *reader) rosterTable() *table { return r.need(Roster, true, "id", "name", "role") }

func (r *reader) factsTable() *table {
	anyNeeded := false
	for _, ro := range r.s.Roles {
		anyNeeded = anyNeeded || len(FactColumns(ro)) > 0
	}
	return r.need(Facts, anyNeeded, "id")
}

func (r *reader) plansTable() *table { return r.need(Plans, false, "id", "kpi") }

// roster reads the Roster table into in and returns the index of each
// employee id, or nil when there is no usable roster.
func (r *reader) roster(in *calc.Input) map[string]int {
	s := r.s
	rt := r.rosterTable()
	if rt == nil {
		return nil
	}
	if r.b.xb != nil && r.b.xb.ManualCalc {
		r.warn("%s: the workbook is set to manual calculation, so formula results may be stale: recalculate (F9) and save before running premia", r.path)
	}
	rows := rt.dataSize()
	byID := make(map[string]int, rows)
	in.Employees = slices.Grow(in.Employees, rows)
	folded := map[string]int{} // ids with look-alike letters folded
	sums := columnSums{}
	idCol, nameCol, roleCol := rt.col("id"), rt.col("name"), rt.col("role")
	deptCol, bossCol := rt.col("department"), rt.col("reports_to")
	amounts := []struct {
		col string
		c   int
	}{{"fixed", rt.col("fixed")}, {"variable", rt.col("variable")}, {"days_worked", rt.col("days_worked")}, {"days_in_period", rt.col("days_in_period")}, {"draw_balance", rt.col("draw_balance")}}
	vals := r.values
	// Rows whose role the scheme lacks: if no row's role is the scheme's,
	// the fact sheet was made for another scheme, and one message says so
	// instead of one per row and the cascade after.
	var unknownAt []int // indices in r.p.errs of the rows' messages
	var unknownRoles []string
	knownRoles := 0
	refuse := func(id string) {
		if r.refused == nil {
			r.refused = map[string]bool{}
		}
		r.refused[id] = true
	}
	r.dataRows(rt, "id", func(rw row) {
		id, ok := r.id(rt, rw, idCol)
		if !ok {
			return
		}
		if prev, dup := byID[id]; dup {
			r.p.add("%s: employee %q appears twice in the roster (also at %s)", rt.loc(rw, idCol), id, in.Employees[prev].Src)
			return
		}
		// Ids that fold to the same Latin spelling are one person twice. An
		// ASCII id is its own fold, so only the others need the map.
		fid := FoldLookAlikes(id)
		prev, alike := folded[fid]
		if !alike && fid != id {
			prev, alike = byID[fid]
		}
		if alike {
			r.p.add("%s: employee id %q looks the same as %q (at %s) but is spelt with other letters: one person twice?", rt.loc(rw, idCol), id, in.Employees[prev].ID, in.Employees[prev].Src)
			return
		}
		name, ok1 := r.text(rt, rw, nameCol)
		role, ok2 := r.text(rt, rw, roleCol)
		dept, ok3 := r.text(rt, rw, deptCol)
		if !ok1 || !ok2 || !ok3 {
			refuse(id)
			return
		}
		if name == "" {
			r.p.add("%s: the name of %q is blank", rt.loc(rw, nameCol), id)
			refuse(id)
			return
		}
		e := calc.Employee{ID: id, Name: name, Role: role, Department: dept, Src: rt.rowPlace(rw)}
		if bossCol != 0 {
			boss, ok := r.text(rt, rw, bossCol)
			if !ok {
				refuse(id)
				return
			}
			if boss != "" {
				e.ReportsTo, e.ReportsToSrc = boss, rt.place(rw, bossCol)
			}
		}
		if s.Role(e.Role) == nil {
			if role != "" && !slices.Contains(unknownRoles, role) {
				unknownRoles = append(unknownRoles, role)
			}
			if r.fit != nil && role != "" {
				// A role of the other scheme: a difference of fit (fit.go).
				r.fit.Left = append(r.fit.Left, Unfit{ID: id, Name: name, Role: role, Department: dept, At: rt.loc(rw, roleCol)})
				refuse(id)
				return
			}
			unknownAt = append(unknownAt, len(r.p.errs))
			r.p.add("%s: role %q is not in the scheme; its roles: %s", rt.loc(rw, roleCol), e.Role, strings.Join(r.roleIDs(), ", "))
			refuse(id)
			return
		}
		knownRoles++
		// A bad value is reported, and the employee still joins the roster,
		// so that the other tables do not report them as unknown.
		for k, dst := range [...]**calc.Value{&e.Fixed, &e.Variable, &e.DaysWorked, &e.DaysInPeriod, &e.DrawBalance} {
			c := amounts[k].c
			if c == 0 {
				continue
			}
			v, present, ok := r.numberAt(rt, rw, c)
			if !ok || !present {
				continue
			}
			if v.V.IsNegative() {
				r.p.add("%s: %s is %s, below zero: write the amount (0 or more)", v.Src, r.columnName(Roster, amounts[k].col), v.V)
				continue
			}
			*dst = vals.keep(v)
			sums.add(c, *dst, rt)
		}
		if dw, dp := e.DaysWorked, e.DaysInPeriod; dw != nil && dp != nil {
			switch {
			case !dp.V.IsPositive():
				r.p.add("%s: days in period %s must be above zero", dp.Src, dp.V)
			case dw.V.GreaterThan(dp.V):
				r.p.add("%s: days worked %s is more than the days in the period (%s, at %s): check both", dw.Src, dw.V, dp.V, dp.Src)
			}
		}
		byID[id] = len(in.Employees)
		if fid != id {
			folded[fid] = len(in.Employees)
		}
		in.Employees = append(in.Employees, e)
	})
	// Read in windows with Fit, a window may hold no role of the scheme:
	// the windows give way if the whole roster holds none (window.go).
	if knownRoles == 0 && len(unknownRoles) > 0 && !(r.fit != nil && r.windowed) {
		r.otherScheme(rt, unknownAt, unknownRoles)
		r.b.release(rt)
		return nil
	}
	r.checkTotals(rt, sums)
	if len(in.Employees) == 0 && len(r.p.errs) == 0 && len(unknownRoles) == 0 {
		r.p.add("%s: the roster has no employees: add a row for each person under the header row", rt.where())
	}
	r.b.release(rt)
	return byID
}

func (r *reader) facts(in *calc.Input, byID map[string]int) {
	ft := r.factsTable()
	if ft == nil {
		return
	}
	missingCol := map[string]bool{}
	// The row of facts of each roster employee (0: none yet), and of each id
	// the roster lacks.
	seen := make([]row, len(in.Employees))
	seenUnknown := map[string]row{}
	sums := columnSums{}
	idCol := ft.col("id")
	var lastRole string
	var cols []FactColumn
	next := 0 // the roster index after the last row of facts read
	var facts calc.Facts
	r.dataRows(ft, "id", func(rw row) {
		id, ok := r.id(ft, rw, idCol)
		if !ok {
			return
		}
		// Facts are mostly in roster order: try the next roster row first.
		i, ok := next, next < len(in.Employees) && in.Employees[next].ID == id
		if !ok {
			i, ok = byID[id]
		}
		if !ok {
			if prev, dup := seenUnknown[id]; dup {
				r.p.add("%s: employee %q has two rows of facts (also at %s)", ft.loc(rw, idCol), id, ft.rowLoc(prev))
				return
			}
			seenUnknown[id] = rw
			r.notInRoster(ft, rw, idCol, id, in)
			return
		}
		if prev := seen[i]; prev.num != 0 {
			r.p.add("%s: employee %q has two rows of facts (also at %s)", ft.loc(rw, idCol), id, ft.rowLoc(prev))
			return
		}
		seen[i], next = rw, i+1
		e := &in.Employees[i]
		if cols == nil || e.Role != lastRole {
			lastRole, cols = e.Role, r.factColumns(r.s.Role(e.Role))
		}
		// The employees' facts share blocks of memory: one allocation for
		// hundreds of people.
		if cap(facts)-len(facts) < len(cols) {
			facts = make(calc.Facts, 0, max(len(cols), 4096))
		}
		e.Facts = facts[len(facts) : len(facts) : len(facts)+len(cols)]
		facts = facts[:len(facts)+len(cols)]
		for k := range cols {
			fc := &cols[k]
			c := fc.col(ft)
			if c == 0 {
				if r.fit != nil {
					r.leave(i, fc.ID) // a column of the other scheme (fit.go)
					continue
				}
				if !missingCol[fc.ID] {
					missingCol[fc.ID] = true
					r.p.add("%s: no column %q, needed by role %q; columns found: %s", ft.where(), fc.ID, e.Role, r.headerList(ft))
				}
				continue
			}
			blank := func() {
				r.p.add("%s: blank, but %s needs a value for %q (a blank is never taken as zero: write 0 if it is zero)", ft.loc(rw, c), id, fc.ID)
			}
			if !fc.YesNo {
				v, present, ok := r.numberAt(ft, rw, c)
				switch {
				case !ok:
				case !present:
					blank()
				default:
					sums.add(c, &v, ft)
					e.Facts.Set(fc.ID, wholePercent(v, fc.KPI))
				}
				continue
			}
			v, err := ft.value(rw, c)
			if err != nil {
				r.p.add("%s", ft.cellError(rw, c, err))
				continue
			}
			if v.Kind == xlsx.Blank {
				blank()
				continue
			}
			if yes, ok := r.yesNo(ft, rw, c, v); ok {
				val := decimal.Zero
				if yes {
					val = decimal.New(1, 0)
				}
				e.Facts.Set(fc.ID, calc.Value{V: val, Src: ft.place(rw, c)})
			}
		}
	})
	r.checkTotals(ft, sums)
	for i, e := range in.Employees {
		if ft.refused > 0 {
			break // the refused rows may be theirs: said once, above
		}
		if len(r.factColumns(r.s.Role(e.Role))) > 0 {
			if seen[i].num == 0 {
				r.p.add("%s: employee %q has no row in the Facts table", e.Src, e.ID)
			}
		}
	}
	r.b.release(ft)
}

func (r *reader) plans(in *calc.Input, byID map[string]int) {
	pt := r.plansTable()
	if pt == nil {
		return
	}
	idCol, kpiCol := pt.col("id"), pt.col("kpi")
	levels := [...]int{pt.col("base"), pt.col("norm"), pt.col("target")}
	vals := r.values
	last := -1 // the roster index of the last plan's employee
	r.dataRows(pt, "id", func(rw row) {
		id, ok1 := r.text(pt, rw, idCol)
		kid, ok2 := r.text(pt, rw, kpiCol)
		if !ok1 || !ok2 {
			return
		}
		// A person's plans are mostly on rows one after another.
		i, ok := last, last >= 0 && in.Employees[last].ID == id
		if !ok {
			i, ok = byID[id]
		}
		if !ok {
			r.notInRoster(pt, rw, idCol, id, in)
			return
		}
		last = i
		e := &in.Employees[i]
		k := r.s.Role(e.Role).KPI(kid)
		if k == nil && r.fit != nil && kid != "" {
			r.fit.OtherKPIs = append(r.fit.OtherKPIs, PlanRow{ID: id, Role: e.Role, KPI: kid, At: pt.loc(rw, kpiCol)})
			return
		}
		if k == nil {
			r.p.add("%s: KPI %q is not a KPI of role %q", pt.loc(rw, kpiCol), kid, e.Role)
			return
		}
		for _, prev := range e.Plans {
			if prev.KPI == k.ID {
				r.p.add("%s: a second plan for %s / %s (also at %s)", pt.rowLoc(rw), id, k.ID, prev.Src)
				return
			}
		}
		p := calc.Plan{KPI: k.ID, Src: pt.rowPlace(rw)}
		for j, dst := range [...]**calc.Value{&p.Base, &p.Norm, &p.Target} {
			if c := levels[j]; c > 0 {
				if v, present, ok := r.numberAt(pt, rw, c); ok && present {
					*dst = vals.keep(wholePercent(v, k))
				}
			}
		}
		e.Plans = append(e.Plans, p)
	})
	r.b.release(pt)
}

func (r *reader) departments(in *calc.Input) {
	_, team := r.s.TeamFromMembers() // a team level summed from the members reads no table
	pool := r.s.Uses("", plan.ComponentPool, "")
	cols := []string{"department"}
	if team {
		cols = append(cols, "fact", "minimum", "normal", "maximum")
	}
	if pool {
		cols = append(cols, "pool")
	}
	dt := r.need(Departments, team || pool, cols...)
	if dt == nil {
		return
	}
	dc := dt.col("department")
	r.dataRows(dt, "department", func(rw row) {
		id, ok := r.text(dt, rw, dc)
		if !ok {
			return
		}
		d := calc.Department{ID: id, Src: dt.rowPlace(rw)}
		if d.ID == "" {
			r.p.add("%s: the department's name is blank", dt.loc(rw, dc))
			return
		}
		if _, dup := in.Departments[d.ID]; dup {
			r.p.add("%s: department %q appears twice", dt.loc(rw, dc), d.ID)
			return
		}
		ok = true
		var poolValue calc.Value
		for _, f := range []struct {
			col string
			dst *calc.Value
		}{{"fact", &d.Fact}, {"minimum", &d.Minimum}, {"normal", &d.Normal}, {"maximum", &d.Maximum}, {"pool", &poolValue}} {
			c := dt.col(f.col)
			if c == 0 {
				continue
			}
			v, good := r.number(dt, rw, c)
			if good && v == nil {
				r.p.add("%s: blank, but department %q needs its %s", dt.loc(rw, c), d.ID, f.col)
				good = false
			}
			if !good {
				ok = false
				continue
			}
			*f.dst = *v
		}
		if ok && team {
			switch {
			case !d.Minimum.V.IsPositive():
				r.p.add("%s: department %q: the minimum plan %s must be above zero (plans of 0 would pay the top multiplier for any result)", d.Minimum.Src, d.ID, d.Minimum.V)
				ok = false
			case !d.Minimum.V.LessThan(d.Normal.V) || !d.Normal.V.LessThan(d.Maximum.V):
				r.p.add("%s: department %q plans must rise: minimum %s < normal %s < maximum %s", dt.rowLoc(rw), d.ID, d.Minimum.V, d.Normal.V, d.Maximum.V)
				ok = false
			}
		}
		if ok && pool {
			if poolValue.V.IsNegative() {
				r.p.add("%s: department %q has a negative pool %s", poolValue.Src, d.ID, poolValue.V)
				ok = false
			}
			d.Pool = &poolValue
		}
		if ok {
			in.Departments[d.ID] = d
		}
	})
	r.b.release(dt)
}

func (r *reader) payments(in *calc.Input, byID map[string]int) {
	needed := r.s.Uses("", "", plan.SourcePayments)
	pt := r.need(Payments, needed, "id", "customer", "amount", "due", "paid")
	if pt == nil {
		return
	}
	idCol := pt.col("id")
	order := r.slashOrder(pt, pt.col("due"), pt.col("paid"))
	total, inPeriod := 0, 0
	r.dataRows(pt, "id", func(rw row) {
		id, ok := r.text(pt, rw, idCol)
		if !ok {
			return
		}
		i, ok := byID[id]
		if !ok {
			r.notInRoster(pt, rw, idCol, id, in)
			return
		}
		customer, ok := r.text(pt, rw, pt.col("customer"))
		if !ok {
			return
		}
		p := calc.Payment{Customer: customer, Src: pt.rowPlace(rw)}
		amount, good := r.number(pt, rw, pt.col("amount"))
		if good && amount == nil {
			r.p.add("%s: blank, but a payment needs its amount", pt.loc(rw, pt.col("amount")))
			return
		}
		if !good {
			return
		}
		p.Amount = *amount
		due, good := r.date(pt, rw, pt.col("due"), order)
		if good && due == nil {
			r.p.add("%s: blank, but a payment needs its due date", pt.loc(rw, pt.col("due")))
			return
		}
		if !good {
			return
		}
		p.Due = *due
		paid, good := r.date(pt, rw, pt.col("paid"), order)
		if !good {
			return
		}
		p.Paid = paid
		in.Employees[i].Payments = append(in.Employees[i].Payments, p)
		total++
		if paid != nil && r.per.Contains(*paid) {
			inPeriod++
		}
	})
	if total > 0 && inPeriod == 0 && in.Period != "" && !r.periodWrong {
		r.warn("%s: none of the %d payments was received in %s: is the period right?", pt.where(), total, in.Period)
	}
	r.b.release(pt)
}

// roleIDs are the scheme's role ids, in its order.
func (r *reader) roleIDs() []string {
	var ids []string
	for _, ro := range r.s.Roles {
		ids = append(ids, ro.ID)
	}
	return ids
}

// otherScheme replaces the messages of a roster none of whose roles is the
// scheme's (at the indices at in r.p.errs) with one: the fact sheet was made
// for another scheme, and every table after would only repeat it.
func (r *reader) otherScheme(rt *table, at []int, roles []string) {
	keep := r.p.errs[:0:0]
	first := len(r.p.errs)
	if len(at) > 0 {
		first = at[0]
	}
	drop := map[int]bool{}
	for _, i := range at {
		drop[i] = true
	}
	for i, e := range r.p.errs {
		if i == first {
			keep = append(keep, r.otherSchemeError(rt, roles))
		}
		if !drop[i] {
			keep = append(keep, e)
		}
	}
	if first >= len(r.p.errs) {
		keep = append(keep, r.otherSchemeError(rt, roles))
	}
	r.p.errs = keep
}

func (r *reader) otherSchemeError(rt *table, roles []string) error {
	shown := roles[:min(len(roles), 5)]
	quoted := make([]string, len(shown))
	for i, ro := range shown {
		quoted[i] = fmt.Sprintf("%q", ro)
	}
	var more problem.Text
	if len(roles) > len(shown) {
		more = problem.New(" and %d more", len(roles)-len(shown))
	}
	return problem.Errorf("%s: this fact sheet does not fit the scheme %s: none of its roles (%s%s) is one of the scheme's (%s). "+
		"Was it made for another scheme? Check that the two files belong together; premia template makes a fact sheet for this scheme",
		rt.where(), r.s.File, strings.Join(quoted, ", "), more, strings.Join(r.roleIDs(), ", "))
}
