package teamstats

import (
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// The rules for who falls outside the normal range (Options.Outliers).
const (
	// RuleIQR: a fact beyond 1.5 × IQR from the quartiles of its team
	// (below Q1 − 1.5 × IQR or above Q3 + 1.5 × IQR), on either side.
	RuleIQR = "iqr"
	// RuleBase: a fact at or beyond the person's base — the sources'
	// "critical point", where the KPI yields nothing (calc's below-base
	// band) — with the person's own base (personal plans, else the
	// scheme's).
	RuleBase = "base"
)

// The sides of a bound an outlier is on (Row.Side).
const (
	SideLow  = "low"  // below the low fence, or at or below a higher-is-better base
	SideHigh = "high" // above the high fence, or at or above a lower-is-better base
)

// The marks of a person's strongest and weakest KPIs (Row.Mark).
const (
	MarkStrongest = "strongest"
	MarkWeakest   = "weakest"
)

// DefaultReachMin is the reachability rule's threshold, 70 %: "the
// probability of reaching the goal should be at least 70–80 %" (seed 001).
var DefaultReachMin = calc.Frac(decimal.NewFromInt(7), decimal.NewFromInt(10))

// Options choose the rules of an analysis.
type Options struct {
	Outliers string // RuleIQR or RuleBase; "" is RuleIQR
	ReachMin calc.Q // the least share of people at or above their norm; a KPI under it is flagged
}

// Month is one fact sheet's results, as calc computed them.
type Month struct {
	Label  string // the period, YYYY-MM, or the fact sheet's name when it states none
	Result *calc.Result
}

// Analysis is a team's analysis over one or more months. With several
// months every person-month is one observation: the statistics, leaders,
// outliers, ranks and department sums are over all of them together;
// reachability is given per month too.
type Analysis struct {
	Months   []string // the months' labels, in the order given
	Rule     string   // RuleIQR or RuleBase
	ReachMin calc.Q
	// KPIs are the team's figures per role and KPI, in the scheme's order.
	KPIs []KPISummary
	// People are one row per person-month and KPI, grouped as KPIs are
	// (role, KPI), then by month and id.
	People []Row
	// Persons are each person's ranks and strongest and weakest KPIs, by
	// id (and role, for a person who changed role between months).
	Persons []Person
	// Departments are the subtotals per department and KPI, then K, with
	// the departments' rankings.
	Departments []DepartmentRow
	// Reach is the reachability per month and role and KPI, then, with
	// several months, over all of them (Month "").
	Reach []Reach
}

// Ref names a person-month.
type Ref struct{ Month, ID, Name string }

// KPISummary is the team's figures for one KPI of one role.
type KPISummary struct {
	Role, KPI, Title, Unit, Direction string
	Stats                             // of the facts
	Leader                            calc.Q
	Leaders                           []Ref // everyone whose fact is the leader's, in row order
	// Outliers counts the rows outside the normal range by the chosen rule.
	Outliers int
	// Reach is over every person-month of the analysis.
	Reach Reach
	// Ranked says how ranks were made: by fulfilment (everyone has a
	// norm), else by the fact in the KPI's direction.
	RankedBy string
}

// What a rank orders by (KPISummary.RankedBy).
const (
	RankFulfilment = "fulfilment"
	RankFact       = "fact"
)

// Row is one person's KPI in one month, against the team.
type Row struct {
	Month                      string
	ID, Name, Role, Department string
	KPI                        string
	Group                      int // the index of the team's figures in Analysis.KPIs
	Fact                       calc.Q
	Base, Norm                 *calc.Q // the person's own (personal plans, else the scheme's)
	Fulfilment                 *calc.Q // calc's; nil without a norm, and for a lower-is-better fact of 0
	// Best: a lower-is-better fact of 0 or less, which calc counts the best
	// result there is (no fulfilment figure).
	Best bool
	// Reached: the fact is at or beyond the person's norm; nil without a norm.
	Reached *bool
	// ToLeader is how far the fact is from the leader's, in the KPI's
	// direction (never negative); ToLeaderShare is that as a share of the
	// leader's value (nil when the leader's value is 0).
	ToLeader      calc.Q
	ToLeaderShare *calc.Q
	// Rank is the percentile rank in the team: the share of the other
	// person-months this one does better than, ties counting half; nil
	// when the team is one person-month.
	Rank *calc.Q
	// PersonRank is the mean of the person's Ranks of this KPI over the
	// months; Mark says whether the KPI is the person's strongest or weakest.
	PersonRank *calc.Q
	Mark       string
	// Side is SideLow or SideHigh when the fact is outside the normal range
	// by the chosen rule, with the Bound it crossed; Worse says whether
	// that is the bad side of the KPI's direction.
	Side  string
	Bound calc.Q
	Worse bool
}

// Person is one person's standing against the team: the mean percentile
// rank of each KPI, and the strongest and weakest KPIs by it.
type Person struct {
	ID, Name, Role, Department string // the name and department of the last month
	Months                     int
	Ranks                      []KPIRank // in the role's KPI order, the KPIs that have a rank
	// Strongest and Weakest are the KPIs with the highest and the lowest
	// rank (ties listed); both empty when every KPI ranks the same.
	Strongest, Weakest []string
}

// KPIRank is a person's mean percentile rank on a KPI.
type KPIRank struct {
	KPI  string
	Rank calc.Q
}

// DepartmentRow is one department's subtotal of a KPI (or of K), and its
// place among the departments.
type DepartmentRow struct {
	Department string
	KPI        string // "" for K
	Title      string
	Direction  string
	// Mean: the department's figure is the mean of its person-months (K,
	// ratios, shares, a department's own figure); else it is the sum.
	Mean      bool
	Value     calc.Q // the sum or the mean: what is ranked
	PerPerson calc.Q // the mean per person-month
	Count     int    // the person-months counted
	Rank, Of  int    // 1 is the best; ties share a rank (1, 1, 3)
}

// Reach is the reachability rule for one KPI of one role: the share of
// person-months at or beyond their own norm.
type Reach struct {
	Month             string // "" for every month together
	Role, KPI         string
	WithNorm, Reached int     // the person-months that have a norm, and those that reached it
	Share             *calc.Q // Reached / WithNorm; nil when no one has a norm
	Under             bool    // Share is under Options.ReachMin
}

// Summed reports whether a KPI's facts add up across people into a
// department's figure: a count or an amount of the person's own (calls,
// meetings, revenue, costs). Not summed, but averaged: a computed KPI (a
// formula: conversion = deals / leads is no sum), a department or team
// KPI (each member's fact already is the department's), and a KPI whose
// unit is a share or a percentage (percent, share, %, ratio, доля,
// процент).
func Summed(k *plan.KPI) bool {
	if k.Formula != nil || k.Aggregated() {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(k.Unit)) {
	case plan.UnitPercent, "share", "%", "ratio", "доля", "процент":
		return false
	}
	return true
}

// obs is one person-month's KPI.
type obs struct {
	month string
	e     *calc.EmployeeResult
	k     *calc.KPIResult
}

// GroupOrder is the order team and trend give their groups, role × KPI,
// in: the scheme's roles and each one's KPIs, then those of met (the
// groups met in the figures, in the order met) that the scheme has not.
func GroupOrder(s *plan.Scheme, met [][2]string) [][2]string {
	var order [][2]string
	seen := map[[2]string]bool{}
	add := func(g [2]string) {
		if !seen[g] {
			seen[g] = true
			order = append(order, g)
		}
	}
	for _, r := range s.Roles {
		for _, k := range r.KPIs {
			add([2]string{r.ID, k.ID})
		}
	}
	for _, g := range met {
		add(g)
	}
	return order
}

// Analyse analyses the months' results of scheme s.
func Analyse(s *plan.Scheme, months []Month, opt Options) *Analysis {
	if opt.Outliers == "" {
		opt.Outliers = RuleIQR
	}
	a := &Analysis{Rule: opt.Outliers, ReachMin: opt.ReachMin}
	for _, m := range months {
		a.Months = append(a.Months, m.Label)
	}
	// The groups, role × KPI, in GroupOrder.
	var met [][2]string
	groups := map[[2]string][]obs{}
	for _, m := range months {
		for _, e := range m.Result.Employees {
			for i := range e.KPIs {
				g := [2]string{e.Role, e.KPIs[i].ID}
				if _, ok := groups[g]; !ok {
					met = append(met, g)
				}
				groups[g] = append(groups[g], obs{m.Label, e, &e.KPIs[i]})
			}
		}
	}
	for _, g := range GroupOrder(s, met) {
		if members := groups[g]; len(members) > 0 {
			a.group(members, opt, months)
		}
	}
	a.persons()
	a.departments(s, months)
	return a
}

// dir is +1 for a higher-is-better KPI and −1 for a lower-is-better one.
func dir(direction string) int {
	if direction == plan.Lower {
		return -1
	}
	return 1
}

// group adds the team's figures of one role's KPI and their rows.
func (a *Analysis) group(os []obs, opt Options, months []Month) {
	first := os[0].k
	d := dir(first.Direction)
	facts := make([]calc.Q, len(os))
	for i, o := range os {
		facts[i] = calc.Dec(o.k.Fact)
	}
	sum := KPISummary{Role: os[0].e.Role, KPI: first.ID, Title: first.Title, Unit: first.Unit, Direction: first.Direction, Stats: Spread(facts)}
	sum.Leader = sum.Max
	if d < 0 {
		sum.Leader = sum.Min
	}
	gi := len(a.KPIs)
	start := len(a.People)
	byFulfilment := true
	for _, o := range os {
		if !rankable(o.k) {
			byFulfilment = false
		}
	}
	sum.RankedBy = RankFact
	if byFulfilment {
		sum.RankedBy = RankFulfilment
	}
	keys := make([]key, len(os))
	for i, o := range os {
		k := o.k
		row := Row{Month: o.month, ID: o.e.ID, Name: o.e.Name, Role: o.e.Role, Department: o.e.Department, KPI: k.ID, Group: gi,
			Fact: facts[i], Base: k.Base, Norm: k.Norm, Fulfilment: k.Fulfilment}
		row.Best = k.Norm != nil && k.Fulfilment == nil && d < 0
		row.Reached = reached(k, facts[i], d)
		if facts[i].Cmp(sum.Leader) == 0 {
			sum.Leaders = append(sum.Leaders, Ref{o.month, o.e.ID, o.e.Name})
		}
		row.ToLeader = sum.Leader.Sub(facts[i])
		if d < 0 {
			row.ToLeader = row.ToLeader.Neg()
		}
		if !sum.Leader.IsZero() {
			share := row.ToLeader.Quo(abs(sum.Leader))
			row.ToLeaderShare = &share
		}
		switch opt.Outliers {
		case RuleBase:
			if worse := atOrBelowBase(k, facts[i], d); worse {
				row.Side, row.Bound, row.Worse = SideLow, *k.Base, true
				if d < 0 {
					row.Side = SideHigh
				}
			}
		default:
			switch {
			case facts[i].Cmp(sum.LowFence) < 0:
				row.Side, row.Bound, row.Worse = SideLow, sum.LowFence, d > 0
			case facts[i].Cmp(sum.HighFence) > 0:
				row.Side, row.Bound, row.Worse = SideHigh, sum.HighFence, d < 0
			}
		}
		if row.Side != "" {
			sum.Outliers++
		}
		if byFulfilment {
			keys[i] = key{best: row.Best}
			if !row.Best {
				keys[i].q = *k.Fulfilment
			}
		} else {
			keys[i] = key{q: facts[i]}
			if d < 0 {
				keys[i].q = facts[i].Neg()
			}
		}
		a.People = append(a.People, row)
	}
	if n := len(os); n > 1 {
		sorted := slices.Clone(keys)
		slices.SortFunc(sorted, key.cmp)
		for i := range os {
			// The others it does better than, and those it ties with.
			worse, _ := slices.BinarySearchFunc(sorted, keys[i], key.cmp)
			tied := sort.Search(n, func(j int) bool { return sorted[j].cmp(keys[i]) > 0 }) - worse - 1
			// (worse + tied / 2) / (n − 1)
			r := whole(worse).Add(whole(tied).Mul(half)).Quo(whole(n - 1))
			a.People[start+i].Rank = &r
		}
	}
	// Reachability: over all person-months, and per month.
	rows := a.People[start:]
	sum.Reach = reach("", sum.Role, sum.KPI, rows, opt.ReachMin)
	for _, m := range months {
		var in []Row
		for _, r := range rows {
			if r.Month == m.Label {
				in = append(in, r)
			}
		}
		if len(in) > 0 {
			a.Reach = append(a.Reach, reach(m.Label, sum.Role, sum.KPI, in, opt.ReachMin))
		}
	}
	if len(months) > 1 {
		a.Reach = append(a.Reach, sum.Reach)
	}
	a.KPIs = append(a.KPIs, sum)
}

// reach is the reachability of rows.
func reach(month, role, kpi string, rows []Row, least calc.Q) Reach {
	r := Reach{Month: month, Role: role, KPI: kpi}
	for _, row := range rows {
		if row.Reached == nil {
			continue
		}
		r.WithNorm++
		if *row.Reached {
			r.Reached++
		}
	}
	if r.WithNorm > 0 {
		share := whole(r.Reached).Quo(whole(r.WithNorm))
		r.Share = &share
		r.Under = share.Cmp(least) < 0
	}
	return r
}

// rankable reports whether a KPI result has a fulfilment to rank by: a
// norm, and calc's fulfilment or a lower-is-better fact of 0 (the best).
func rankable(k *calc.KPIResult) bool {
	return k.Norm != nil && (k.Fulfilment != nil || k.Direction == plan.Lower)
}

// key orders person-months for ranks: a fulfilment, or a fact signed by
// the KPI's direction; best is above every fulfilment.
type key struct {
	best bool
	q    calc.Q
}

func (a key) cmp(b key) int {
	switch {
	case a.best && b.best:
		return 0
	case a.best:
		return 1
	case b.best:
		return -1
	}
	return a.q.Cmp(b.q)
}

// reached reports whether the fact is at or beyond the person's norm, by
// calc's band; for a KPI voided by a gate (whose band says so instead),
// by the fact against the norm in the KPI's direction. nil: no norm.
func reached(k *calc.KPIResult, fact calc.Q, d int) *bool {
	if k.Norm == nil {
		return nil
	}
	r := ReachedBy(k.Band, k.Direction, func() int { return fact.Cmp(*k.Norm) })
	return &r
}

// ReachedBy is reached's judgement of a KPI with a norm, from the figures
// a snapshot keeps (premia trend reads them without a calc.KPIResult):
// calc's band, and for a KPI voided by a gate the fact against the norm
// in the KPI's direction, by cmp (fact.Cmp(norm)), asked for only then:
// trend judges 1.9 million person-periods of a year.
func ReachedBy(band, direction string, cmp func() int) bool {
	if band == calc.BandVoided {
		return cmp()*dir(direction) >= 0
	}
	return band == calc.BandAtNorm
}

// atOrBelowBase reports whether the fact is at or beyond the person's base
// on the bad side, by calc's band (below-base); for a KPI voided by a
// gate, by the fact against the base in the KPI's direction.
func atOrBelowBase(k *calc.KPIResult, fact calc.Q, d int) bool {
	if k.Base == nil {
		return false
	}
	if k.Band == calc.BandVoided {
		return fact.Cmp(*k.Base)*d <= 0
	}
	return k.Band == calc.BandBelowBase
}

func abs(q calc.Q) calc.Q {
	if q.Sign() < 0 {
		return q.Neg()
	}
	return q
}

// persons gathers each person's ranks, and marks their strongest and
// weakest KPIs.
func (a *Analysis) persons() {
	type pkey struct{ id, role string }
	var keys []pkey
	rows := map[pkey][]int{}
	for i, r := range a.People {
		k := pkey{r.ID, r.Role}
		if _, ok := rows[k]; !ok {
			keys = append(keys, k)
		}
		rows[k] = append(rows[k], i)
	}
	slices.SortFunc(keys, func(x, y pkey) int {
		if c := strings.Compare(x.id, y.id); c != 0 {
			return c
		}
		return strings.Compare(x.role, y.role)
	})
	monthAt := map[string]int{}
	for i, m := range a.Months {
		monthAt[m] = i
	}
	for _, k := range keys {
		idx := rows[k]
		p := Person{ID: k.id, Role: k.role}
		last, months := -1, map[string]bool{}
		// The KPIs in the role's (the groups') order.
		byGroup := map[int][]int{}
		var groups []int
		for _, i := range idx {
			r := &a.People[i]
			months[r.Month] = true
			if m := monthAt[r.Month]; m >= last {
				last, p.Name, p.Department = m, r.Name, r.Department
			}
			if _, ok := byGroup[r.Group]; !ok {
				groups = append(groups, r.Group)
			}
			byGroup[r.Group] = append(byGroup[r.Group], i)
		}
		p.Months = len(months)
		slices.Sort(groups)
		for _, g := range groups {
			var sum calc.Q
			n := 0
			for _, i := range byGroup[g] {
				if r := a.People[i].Rank; r != nil {
					sum = sum.Add(*r)
					n++
				}
			}
			if n == 0 {
				continue
			}
			mean := sum.Quo(whole(n))
			p.Ranks = append(p.Ranks, KPIRank{KPI: a.KPIs[g].KPI, Rank: mean})
			for _, i := range byGroup[g] {
				a.People[i].PersonRank = &mean
			}
		}
		if len(p.Ranks) > 0 {
			hi, lo := p.Ranks[0].Rank, p.Ranks[0].Rank
			for _, r := range p.Ranks {
				hi, lo = hi.Max(r.Rank), lo.Min(r.Rank)
			}
			if hi.Cmp(lo) != 0 {
				for _, r := range p.Ranks {
					if r.Rank.Cmp(hi) == 0 {
						p.Strongest = append(p.Strongest, r.KPI)
					}
					if r.Rank.Cmp(lo) == 0 {
						p.Weakest = append(p.Weakest, r.KPI)
					}
				}
				for _, i := range idx {
					r := &a.People[i]
					switch {
					case slices.Contains(p.Strongest, r.KPI):
						r.Mark = MarkStrongest
					case slices.Contains(p.Weakest, r.KPI):
						r.Mark = MarkWeakest
					}
				}
			}
		}
		a.Persons = append(a.Persons, p)
	}
}

// departments adds the subtotals per department: each KPI (by id, over
// the roles that have it) summed or averaged (Summed), then K averaged,
// each ranked among the departments that have it.
func (a *Analysis) departments(s *plan.Scheme, months []Month) {
	type acc struct {
		sum calc.Q
		n   int
	}
	// KPI ids in the groups' order, each with its title, direction and
	// whether it is summed (from the first role that has it).
	type kinfo struct {
		title, direction string
		summed           bool
	}
	var ids []string
	info := map[string]kinfo{}
	for _, g := range a.KPIs {
		if _, ok := info[g.KPI]; ok {
			continue
		}
		summed := true
		if k := schemeKPI(s, g.Role, g.KPI); k != nil {
			summed = Summed(k)
		}
		ids = append(ids, g.KPI)
		info[g.KPI] = kinfo{g.Title, g.Direction, summed}
	}
	depts := map[string]map[string]*acc{} // department → KPI id ("" for K) → sums
	var names []string
	add := func(dept, id string, v calc.Q) {
		m, ok := depts[dept]
		if !ok {
			m = map[string]*acc{}
			depts[dept] = m
			names = append(names, dept)
		}
		x, ok := m[id]
		if !ok {
			x = &acc{}
			m[id] = x
		}
		x.sum, x.n = x.sum.Add(v), x.n+1
	}
	for _, r := range a.People {
		add(r.Department, r.KPI, r.Fact)
	}
	for _, m := range months {
		for _, e := range m.Result.Employees {
			if e.K != nil {
				add(e.Department, "", *e.K)
			}
		}
	}
	slices.Sort(names)
	rank := func(id, title, direction string, mean bool) {
		var rows []DepartmentRow
		for _, dn := range names {
			x, ok := depts[dn][id]
			if !ok {
				continue
			}
			per := x.sum.Quo(whole(x.n))
			v := x.sum
			if mean {
				v = per
			}
			rows = append(rows, DepartmentRow{Department: dn, KPI: id, Title: title, Direction: direction, Mean: mean, Value: v, PerPerson: per, Count: x.n})
		}
		d := dir(direction)
		for i := range rows {
			better := 0
			for j := range rows {
				if rows[j].Value.Cmp(rows[i].Value)*d > 0 {
					better++
				}
			}
			rows[i].Rank, rows[i].Of = better+1, len(rows)
		}
		slices.SortStableFunc(rows, func(x, y DepartmentRow) int { return x.Rank - y.Rank })
		a.Departments = append(a.Departments, rows...)
	}
	for _, id := range ids {
		k := info[id]
		rank(id, k.title, k.direction, !k.summed)
	}
	rank("", "K", plan.Higher, true)
}

// schemeKPI is the KPI id of role, or of the first role that has it.
func schemeKPI(s *plan.Scheme, role, id string) *plan.KPI {
	if r := s.Role(role); r != nil {
		for _, k := range r.KPIs {
			if k.ID == id {
				return k
			}
		}
	}
	for _, r := range s.Roles {
		for _, k := range r.KPIs {
			if k.ID == id {
				return k
			}
		}
	}
	return nil
}
