package calc

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// This file reads each KPI: its plan levels, direction, fulfilment and band.

type kpiState struct {
	k    *plan.KPI
	fact Value
	// q is the fact, exact: a formula's may not be a decimal (deals /
	// leads = 1/3), and fact.V then shows it (Shown).
	q Q
	// computed: the fact is a formula's.
	computed bool
	// srcs are the fact's places when it is not one cell: a paid
	// revenue's payments, the columns a formula read; nil for a fact from
	// the Facts table (fact.Src is its cell).
	srcs       []Place
	base, norm *Q
	target     *Q
	baseSrc    Place
	normSrc    Place
	targetSrc  Place
	lower      bool
	r          *Q // fulfilment, when it could be computed
	rErr       error
	scaled     problem.Text // " (after proration by days worked)" when plans were prorated
	perfect    bool         // a lower-is-better fact of 0: fulfilment above every tier
}

func (r *run) planValue(personal *Value, scheme *plan.Dec, prorate func(Q) Q) (*Q, Place) {
	var v Value
	switch {
	case personal != nil:
		v = *personal
	case scheme != nil:
		v = Value{V: scheme.V, Src: SchemeSrc(r.s, scheme)}
	default:
		return nil, Place{}
	}
	q := Dec(v.V)
	if r.role.ProratePlans != nil && r.role.ProratePlans.V {
		q = prorate(q)
	}
	return &q, v.Src
}

// growthValue is a dynamic plan level (docs/calculation.md §3.12): the
// person's fact of the KPI in the earlier period, grown:
// level = (1 + growth) × earlier fact. A personal plan of the level wins
// over it (the caller does not ask); a person with no fact there is an
// error that says to give one.
func (r *run) growthValue(k *plan.KPI, g plan.NamedGrowth, prorate func(Q) Q) (*Q, Place) {
	at := SchemePos(r.s, g.G.Pos)
	d, factor, f, ear, why := grownLevel(r.in, r.e.ID, k, g)
	if why != nil {
		r.failText(at, *why)
		return nil, Place{}
	}
	q := Dec(d)
	if r.role.ProratePlans != nil && r.role.ProratePlans.V {
		q = prorate(q)
	}
	r.say([]Place{f.Src, at}, MsgGrowth, k.ID, g.Level, factor, f.V, ear.Period, g.G.Raw, q)
	return &q, f.Src
}

// grownLevel is the dynamic plan level g of KPI k for employee id, before
// any proration: (1 + growth) × the person's fact of k in the earlier
// period in.Earlier holds, exact; with the factor, that fact and the
// period. Where it cannot be had, why says so, for the level's place in
// the scheme: the one rule for calc and the plans.
func grownLevel(in *Input, id string, k *plan.KPI, g plan.NamedGrowth) (d, factor decimal.Decimal, f Value, ear *Earlier, why *problem.Text) {
	ear = in.Earlier[g.G.Over]
	if ear == nil {
		t := problem.New("KPI %q needs the book: its %s grows %s over the fact of the %s, which is read from the book: run with --book DIR --period P", k.ID, g.Level, g.G.Raw, g.G.Over)
		return d, factor, f, nil, &t
	}
	f, ok := ear.Facts[id].Get(k.ID)
	if !ok && ear.BeforeBook {
		t := problem.New("KPI %q: the %s grows %s over the fact of %s, which is before the book's first period: give %s's %s in the Plans table of the fact sheet, as for everyone in the book's first period", k.ID, g.Level, g.G.Raw, ear.Period, id, g.Level)
		return d, factor, f, ear, &t
	}
	if !ok {
		t := problem.New("KPI %q: the %s grows %s over the fact of %s, but %s has no fact of %q in %s (new this period?): give the %s in the Plans table of the fact sheet, which wins over the growth", k.ID, g.Level, g.G.Raw, ear.Period, id, k.ID, ear.Source, g.Level)
		return d, factor, f, ear, &t
	}
	factor = decimal.NewFromInt(1).Add(g.G.Rate)
	return factor.Mul(f.V), factor, f, ear, nil
}

// grownPlans are employee e's personal plans with each dynamic plan level
// of role's KPIs that no personal plan gives set to its grown value
// (grownLevel), for a forecast, which sets each KPI at its plan level; e's
// own plans are not changed. The error is the first level that cannot be
// had, as calc refuses it.
func grownPlans(s *plan.Scheme, in *Input, e *Employee, role *plan.Role) (Plans, error) {
	out := e.Plans
	copied := false
	for _, k := range role.KPIs {
		for _, g := range k.Growths() {
			pl := out.Get(k.ID)
			var level **Value
			switch g.Level {
			case "base":
				level = &pl.Base
			case "norm":
				level = &pl.Norm
			case "target":
				level = &pl.Target
			}
			if level == nil || *level != nil {
				continue // a personal plan of the level wins over the growth
			}
			d, _, f, _, why := grownLevel(in, e.ID, k, g)
			if why != nil {
				return nil, problem.Errorf("%s: employee %q: %s", SchemePos(s, g.G.Pos), e.ID, *why)
			}
			*level = &Value{V: d, Src: f.Src}
			if !copied {
				out, copied = slices.Clone(out), true
			}
			if i := slices.IndexFunc(out, func(p Plan) bool { return p.KPI == k.ID }); i >= 0 {
				out[i] = pl
			} else {
				out = append(out, pl)
			}
		}
	}
	return out, nil
}

func (r *run) kpi(k *plan.KPI, st *kpiState, prorate func(Q) Q) {
	st.k = k
	r.kpis[k.ID] = st
	if k.Source == plan.SourcePayments {
		st.fact, st.srcs = r.paidRevenue()
		st.q = Dec(st.fact.V)
	} else if k.Aggregated() {
		if f, set := r.e.Facts.Get(k.ID); set {
			st.fact, st.q = f, Dec(f.V) // given whole: the plans (forecast.go)
		} else {
			q, ok := r.aggregatedFact(k, true)
			if !ok {
				return
			}
			st.q, st.computed = q, true
			st.fact = Value{V: q.Shown(), Src: r.e.Src}
		}
	} else if k.Formula != nil {
		if f, set := r.e.Facts.Get(k.ID); set {
			// A computed KPI's fact given whole: the plans set each KPI at
			// its plan level (forecast.go). A fact sheet cannot: a computed
			// KPI has no column of its own, and its id is not read as one.
			st.fact, st.q = f, Dec(f.V)
		} else {
			q, srcs, ok := r.formulaFact(k)
			if !ok {
				return
			}
			st.q, st.computed, st.srcs = q, true, srcs
			st.fact = Value{V: q.Shown(), Src: srcs[0]}
		}
	} else {
		f, ok := r.e.Facts.Get(k.ID)
		if !ok {
			r.fail(r.e.Src, "no fact for KPI %q: add a column %q to the Facts table", k.ID, k.ID)
			return
		}
		st.fact = f
		st.q = Dec(f.V)
	}
	pl := r.e.Plans.Get(k.ID)
	st.base, st.baseSrc = r.planValue(pl.Base, k.Base, prorate)
	st.norm, st.normSrc = r.planValue(pl.Norm, k.Norm, prorate)
	st.target, st.targetSrc = r.planValue(pl.Target, k.Target, prorate)
	for _, g := range k.Growths() {
		switch g.Level {
		case "base":
			if pl.Base == nil {
				st.base, st.baseSrc = r.growthValue(k, g, prorate)
			}
		case "norm":
			if pl.Norm == nil {
				st.norm, st.normSrc = r.growthValue(k, g, prorate)
			}
		case "target":
			if pl.Target == nil {
				st.target, st.targetSrc = r.growthValue(k, g, prorate)
			}
		}
	}
	if pl.Base != nil || pl.Norm != nil || pl.Target != nil {
		toDec := func(v *Value, d *plan.Dec) *plan.Dec {
			if v != nil {
				return &plan.Dec{V: v.V, Raw: v.V.String()}
			}
			return d
		}
		srcOf := map[string]Place{"base": st.baseSrc, "norm": st.normSrc, "target": st.targetSrc}
		// The scheme's direction, stated or shown by its own base and norm,
		// binds personal plans: a plan that turns it round is an error.
		plan.CheckPlan(k.SchemeDirection(), toDec(pl.Base, k.Base), toDec(pl.Norm, k.Norm), toDec(pl.Target, k.Target), func(_ *plan.Dec, field string, msg problem.Text) {
			r.fail(srcOf[field], "KPI %q: %s", k.ID, msg)
		})
		r.planScale(k, pl)
	}
	if r.role.ProratePlans != nil && r.role.ProratePlans.V && r.out.Proration != nil {
		st.scaled = problem.New(" (after proration by days worked)")
	}
	r.plausible(st)
	cmp := 0 // the norm against the base, where both are known
	if st.base != nil && st.norm != nil {
		cmp = st.norm.Cmp(*st.base)
	}
	dir := plan.Direction(k.SchemeDirection(), cmp)
	st.lower = dir == plan.Lower
	if st.norm != nil {
		st.r, st.rErr = fulfilment(st)
	}
	res := KPIResult{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: dir, Base: st.base, Norm: st.norm, Target: st.target, Fact: st.fact.V}
	if k.Weight != nil {
		w := k.Weight.V
		res.Weight = &w
	}
	if st.computed && k.Formula != nil {
		res.Formula = k.Formula.Expr.String()
	}
	if st.r != nil && !st.perfect {
		// A lower-is-better fact of 0 has no fulfilment (norm / 0): it
		// counts as the best result there is, and no figure is shown.
		res.Fulfilment = st.r
	}
	res.Band = band(st)
	r.out.KPIs = append(r.out.KPIs, res)
}

// plausible catches a fact on another scale than its plan, so that a
// percentage is never read ×100 off:
//
//   - a KPI in whole percents (unit: percent, plans such as 80 / 95 / 100)
//     with a fact of 1 or less not written as a percentage: 0.78 may mean
//     0.78 % or 78 %;
//   - a fact written as a percentage (78%, read 0.78) for a KPI whose plans
//     are all above 1: 78 was probably meant;
//   - a fact between 0 and 1 for a KPI without a unit whose plans look like
//     whole percents (each above 1 and at most 100): 0.78 or 78 %?
//   - a fact above 1 for a KPI whose plan is a share — every plan value
//     between 0 and 1 and one of them a fraction (norm 0.95). Counts with
//     plans of 0 and 1 are not shares.
func (r *run) plausible(st *kpiState) {
	if st.computed {
		return // a formula's result: no one typed it on a scale
	}
	var plans []*Q
	for _, q := range []*Q{st.base, st.norm, st.target} {
		if q != nil {
			plans = append(plans, q)
		}
	}
	wholes := len(plans) > 0
	for _, q := range plans {
		wholes = wholes && q.CmpD(one) > 0
	}
	f := st.fact.V
	switch {
	case !wholes:
	case st.k.Unit == plan.UnitPercent && !st.fact.Percent && f.IsPositive() && !f.GreaterThan(one):
		r.fail(st.fact.Src, "KPI %q is in whole percents (%s), but the fact %s could be %s %% or %s %%: type it as the plan does (%s or %s%%)", st.k.ID, planText(st), f, f, f.Shift(2), f.Shift(2), f.Shift(2))
		return
	case st.k.Unit == "" && !st.fact.Percent && f.IsPositive() && f.LessThan(one) && wholePercents(plans):
		// A plan of 80 / 95 / 100 with no unit and a fact of 0.78: 78 %
		// typed as a share, or a real 0.78? The scheme must say.
		r.fail(st.fact.Src, "KPI %q: the fact %s is below 1 while the plan (%s) looks like whole percents: if %s %% was meant, write %s and give the KPI unit: percent in the scheme; if %s is right, give the KPI its unit in the scheme (unit: RUB, unit: pcs, …)", st.k.ID, f, planText(st), f.Shift(2), f.Shift(2), f)
		return
	case st.k.Unit != plan.UnitPercent && st.fact.Percent:
		r.fail(st.fact.Src, "KPI %q: the fact was typed as a percentage (%s%%, read as %s), but the plan is in whole numbers (%s): if %s was meant, type it without %%, or give the KPI unit: percent in the scheme", st.k.ID, f.Shift(2), f, planText(st), f.Shift(2))
		return
	}
	if r.role.ProratePlans != nil && r.role.ProratePlans.V {
		return
	}
	shares, fraction := false, false
	for _, q := range []*Q{st.base, st.norm, st.target} {
		if q == nil {
			continue
		}
		if q.Sign() < 0 || q.CmpD(one) > 0 {
			return
		}
		shares = true
		fraction = fraction || q.Sign() > 0 && q.CmpD(one) < 0
	}
	if shares && fraction && st.fact.V.GreaterThan(one) && st.norm != nil {
		r.fail(st.fact.Src, "KPI %q: the fact %s is above 1, but the plan is a share (norm %s): write it as a fraction (0.90) or a percentage (90%%)", st.k.ID, st.fact.V, *st.norm)
	}
}

// planScale refuses a personal plan on another scale than the scheme's plan
// for the KPI: a scheme that plans a share (0.8 / 0.95 / 1) and a Plans row
// in whole numbers (80 / 95 / 100), or the reverse — a percentage written
// one way in the scheme and the other in the fact sheet.
func (r *run) planScale(k *plan.KPI, pl Plan) {
	var scheme, personal []decimal.Decimal
	var at Place
	for _, p := range []struct {
		d *plan.Dec
		v *Value
	}{{k.Base, pl.Base}, {k.Norm, pl.Norm}, {k.Target, pl.Target}} {
		if p.d != nil {
			scheme = append(scheme, p.d.V)
		}
		if p.v != nil {
			personal = append(personal, p.v.V)
			if at.IsZero() {
				at = p.v.Src
			}
		}
	}
	share := func(ds []decimal.Decimal) bool {
		frac := false
		for _, d := range ds {
			if d.IsNegative() || d.GreaterThan(one) {
				return false
			}
			frac = frac || d.IsPositive() && d.LessThan(one)
		}
		return frac
	}
	whole := func(ds []decimal.Decimal) bool {
		for _, d := range ds {
			if !d.GreaterThan(one) {
				return false
			}
		}
		return len(ds) > 0
	}
	if share(scheme) && whole(personal) || whole(scheme) && share(personal) {
		r.fail(at, "KPI %q: the personal plan (%s) is not on the scale of the scheme's (%s): a percentage written as a share in one and in whole numbers in the other; write the personal plan as the scheme does", k.ID, joinDecs(personal), joinDecs(scheme))
	}
}

func joinDecs(ds []decimal.Decimal) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, " / ")
}

// wholePercents reports whether plan levels look like whole percents: each
// above 1 and at most 100.
func wholePercents(plans []*Q) bool {
	for _, q := range plans {
		if q.CmpD(one) <= 0 || q.CmpD(hundred) > 0 {
			return false
		}
	}
	return len(plans) > 0
}

// planText shows a KPI's plan levels for a message: "base 80, norm 95, target 100".
func planText(st *kpiState) string {
	var parts []string
	for _, p := range []struct {
		name string
		q    *Q
	}{{"base", st.base}, {"norm", st.norm}, {"target", st.target}} {
		if p.q != nil {
			parts = append(parts, p.name+" "+p.q.String())
		}
	}
	return strings.Join(parts, ", ")
}

// band places a KPI's fact against its base and norm, in its direction.
func band(st *kpiState) string {
	if st.norm == nil {
		return ""
	}
	f := st.q
	dir := 1 // +1: higher is better
	if st.lower {
		dir = -1
	}
	switch {
	case f.Cmp(*st.norm)*dir >= 0:
		return BandAtNorm
	case st.base != nil && f.Cmp(*st.base)*dir <= 0:
		return BandBelowBase
	}
	return BandBaseNorm
}

// perfect stands for the fulfilment of a lower-is-better KPI whose fact is 0
// (norm / 0): larger than any tier bound a scheme can hold (they are below
// 10^15), so it falls in the last tier, past the last point, through every
// gate. Where it would be multiplied out — an increment tier or a
// proportional component without a max — it is refused instead.
var perfect = decimal.New(1, 15)

// located is an input problem at a place.
type located struct {
	src Place
	msg problem.Text
}

func (l *located) Error() string { return l.src.String() + ": " + l.msg.String() }

// fulfilment is fact / norm, or norm / fact for lower-is-better KPIs.
func fulfilment(st *kpiState) (*Q, error) {
	q, best, err := fulfilmentOf(st, st.q)
	st.perfect = best
	return q, err
}

// fulfilmentOf is the KPI's fulfilment for a fact f: f / norm, or norm / f
// for a lower-is-better KPI, where a fact of 0 or less is the best result
// there is (best, and the fulfilment is perfect). The month's fulfilment
// and the stakes' (stake.go) are this one rule. st must have a norm.
func fulfilmentOf(st *kpiState, f Q) (q *Q, best bool, err error) {
	p, best, ok := Fulfilment(f, *st.norm, st.lower)
	if !ok {
		return nil, false, &located{st.normSrc, problem.New("KPI %q: the norm is 0%s, so fulfilment fact / norm is undefined", st.k.ID, st.scaled)}
	}
	return &p, best, nil
}

// Fulfilment is the rule of a KPI's fulfilment (docs/calculation.md §3.5)
// for a fact f against a norm: f / norm, or norm / f when lower is better,
// where a fact of 0 or less is the best result there is (best: above every
// tier, with no figure of its own). ok is false where there is no number:
// a higher-is-better norm of 0. Every user of a fulfilment (the month's,
// the stakes', premia need's) takes it from here.
func Fulfilment(f, norm Q, lower bool) (q Q, best, ok bool) {
	if lower {
		if f.Sign() <= 0 {
			// Nothing at all of a lower-is-better measure (no errors, no
			// returns) is the best result there is: above every tier.
			return Dec(perfect), true, true
		}
		return norm.Quo(f), false, true
	}
	if norm.IsZero() {
		return Q{}, false, false
	}
	return f.Quo(norm), false, true
}

// fulfilmentText shows how a KPI's fulfilment was had, in its direction:
// fact / norm, norm / fact for lower-is-better, and for a lower-is-better
// fact of 0 that it is the best result there is.
func (r *run) fulfilmentText(st *kpiState) Phrase {
	switch {
	case st.perfect:
		return r.phrase(MsgFulfilmentBest, *st.norm)
	case st.lower:
		return r.phrase(MsgFulfilmentLower, *st.norm, st.shown(), *st.r)
	}
	return r.phrase(MsgFulfilment, st.shown(), *st.norm, *st.r)
}

// needR returns the KPI's fulfilment or records why it cannot be had.
func (r *run) needR(st *kpiState, what problem.Text) *Q {
	switch {
	case st.norm == nil:
		r.fail(r.e.Src, "KPI %q has no norm, needed for %s: give it in the scheme or the Plans table", st.k.ID, what)
	case st.rErr != nil:
		l := st.rErr.(*located)
		r.fail(l.src, "%s (needed for %s)", l.msg, what)
	default:
		return st.r
	}
	return nil
}

func (r *run) kpiResult(id string) *KPIResult {
	for i := range r.out.KPIs {
		if r.out.KPIs[i].ID == id {
			return &r.out.KPIs[i]
		}
	}
	return nil
}

// TargetK is the K the summary's colour scales call the target, green:
// for each role paid by a weighted index, the K of every KPI at its target
// (Σ weight × (target − base) / (norm − base), a KPI without a target
// counted at its norm, index 1), and the least of them above 1, so that
// no role's people look green before they reach their targets; 6/5 when
// no role has a target above its norm.
func TargetK(s *plan.Scheme) Q {
	best := Q{}
	found := false
	for _, r := range s.Roles {
		if r == nil || r.Bonus == nil {
			continue
		}
		k, weighted := Q{}, false
		for _, kp := range r.KPIs {
			if kp == nil || kp.Weight == nil {
				continue
			}
			weighted = true
			idx := Dec(decimal.NewFromInt(1))
			if kp.Target != nil && kp.Norm != nil {
				base := decimal.Zero
				if kp.Base != nil {
					base = kp.Base.V
				}
				if span := kp.Norm.V.Sub(base); !span.IsZero() {
					idx = Dec(kp.Target.V.Sub(base)).Quo(Dec(span))
				}
			}
			k = k.Add(idx.MulD(kp.Weight.V))
		}
		if weighted && k.CmpD(decimal.NewFromInt(1)) > 0 && (!found || k.Cmp(best) < 0) {
			best, found = k, true
		}
	}
	if !found {
		return Dec(decimal.New(12, -1))
	}
	return best
}

// factSrcs are the places the fact came from, a slice of its own to append
// to: its cell, or every payment a paid revenue summed.
// shown is the fact as an explanation shows it: as typed, or a formula's
// exact value.
func (st *kpiState) shown() any {
	if st.computed {
		return st.q
	}
	return st.fact.V
}

func (st *kpiState) factSrcs() []Place {
	if st.srcs != nil {
		return append(make([]Place, 0, len(st.srcs)+4), st.srcs...)
	}
	return append(make([]Place, 0, 4), st.fact.Src)
}
