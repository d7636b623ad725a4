package decompose

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Result is a decomposition: the department's chain from the profit to
// the first activity, each manager's part of it, the norms it was
// compared with, and the Plans table it makes.
type Result struct {
	In    *Input
	Scale int32 // decimals of money: the step's
	// Revenue is profit / margin, exact; RevenueShown rounded half-up to
	// the step, as every output shows it.
	Revenue      calc.Q
	RevenueShown decimal.Decimal
	Managers     int
	Conversions  string // funnel or own: what the managers' parts were made with
	Stages       []StageOut
	People       []Person
	// Named: the people come from a history (ids and names); without one,
	// People holds one entry that stands for each of the managers alike.
	Named bool
	// Above counts the plans above their norm per manager per day: each
	// manager's stage (each stage once when the managers are alike).
	Above int
	Plans []PlanRow
	// Warnings are what the history made premia assume (a conversion it
	// could not compute, a plan it could not write), to be said on stderr.
	Warnings []problem.Text
	History  *History
}

// StageOut is one stage of the department's chain.
type StageOut struct {
	StageIn
	// Conversion is the stage's (nil for the deal); ConversionFrom says
	// where it came from: funnel (the file or a flag) or history (the
	// managers' pooled counts, where the funnel gives none).
	Conversion     *calc.Q
	ConversionFrom string
	Month          calc.Q // needed in the month, exact
	Day            calc.Q // Month / working days
	ManagerDay     calc.Q // Day / managers: the average manager's day
	Norm           *Norm
	Above          bool // ManagerDay is above the norm
}

// Person is one manager's part (or, without a history, each manager's).
type Person struct {
	ID, Name string
	Share    calc.Q          // of the department's deals
	Revenue  decimal.Decimal // the department's revenue × Share, rounded to the step
	Stages   []PersonStage
}

// Where a manager's conversion came from.
const (
	FromFunnel   = "funnel"   // the funnel's (the file or a flag)
	FromHistory  = "history"  // the department's, pooled from the history
	FromOwn      = "own"      // the manager's own, from their history
	FromFallback = "fallback" // own was asked for, but the history could not give it: the department's
)

// PersonStage is one stage of a manager's part.
type PersonStage struct {
	Conversion *calc.Q // nil for the deal
	From       string  // FromFunnel, FromHistory, FromOwn or FromFallback; "" for the deal
	Month      calc.Q
	Day        calc.Q
	Norm       *Norm
	Above      bool // Day is above the norm
}

// PlanRow is one row of the Plans table (package factsheet's layout): a
// manager's norm for a month of one KPI, and the base and target scaled
// with it; nil for a level left to the scheme.
type PlanRow struct {
	ID, KPI            string
	Base, Norm, Target *decimal.Decimal
}

// Ceil is the whole number needed: the least integer not below q.
func Ceil(q calc.Q) decimal.Decimal { return q.Neg().Floor().Neg() }

func whole(n int) calc.Q { return calc.Dec(decimal.New(int64(n), 0)) }

// Compute decomposes the profit of in down its funnel; h is the
// managers' history, or nil.
func Compute(in *Input, h *History) (*Result, error) {
	var errs []error
	res := &Result{In: in, Scale: calc.Scale(in.Step), History: h, Named: h != nil}
	res.Revenue = calc.Dec(in.Profit.V).Quo(calc.Dec(in.Margin.V))
	res.RevenueShown = res.Revenue.Round(in.Step, plan.HalfUp)
	deals := res.Revenue.Quo(calc.Dec(in.AverageCheck.V))

	// The managers: the history's people, or as many as the funnel says.
	switch {
	case h != nil && in.Managers != 0 && in.Managers != len(h.People):
		errs = append(errs, problem.Errorf("%s: %d managers, but the history has %d (%s): remove managers (the history's people are the managers), or give the fact sheet of the people meant", in.ManagersSrc, in.Managers, len(h.People), pastIDs(h.People)))
	case h != nil:
		res.Managers = len(h.People)
	case in.Managers == 0:
		errs = append(errs, problem.Errorf("%s: the number of managers is required without a history: give managers: (or --managers N), or --history FACTS", fileOr(in)))
	default:
		res.Managers = in.Managers
	}
	res.Conversions = in.Conversions
	if res.Conversions == "" {
		res.Conversions = ConversionsFunnel
		if h != nil {
			res.Conversions = ConversionsOwn
		}
	}
	if h == nil && res.Conversions == ConversionsOwn {
		errs = append(errs, problem.Errorf("%s: conversions: own needs each manager's history: give --history FACTS (and --scheme SCHEME)", fileOr(in)))
	}
	if h == nil && in.Share == SharePastDeals {
		errs = append(errs, problem.Errorf("%s: share: past-deals needs each manager's past deals: give --history FACTS (and --scheme SCHEME)", fileOr(in)))
	}

	// The department's chain.
	ns := norms(in)
	res.Stages = make([]StageOut, len(in.Stages))
	days := whole(in.WorkingDays)
	for i, st := range in.Stages {
		out := StageOut{StageIn: st, Norm: ns[i]}
		if i == 0 {
			out.Month = deals
		} else {
			c, from, err := departmentConversion(in, h, i)
			if err != nil {
				errs = append(errs, err)
				c = calc.Dec(decimal.New(1, 0)) // to go on and find the other problems
			}
			out.Conversion, out.ConversionFrom = &c, from
			out.Month = res.Stages[i-1].Month.Quo(c)
		}
		out.Day = out.Month.Quo(days)
		if res.Managers > 0 {
			out.ManagerDay = out.Day.Quo(whole(res.Managers))
			out.Above = above(out.ManagerDay, out.Norm)
		}
		res.Stages[i] = out
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// Each manager's part.
	if h == nil {
		p := Person{Share: calc.Frac(decimal.New(1, 0), decimal.New(int64(res.Managers), 0))}
		res.People = []Person{res.part(p, nil)}
	} else {
		shares, err := res.shares()
		if err != nil {
			return nil, err
		}
		for j := range h.People {
			pp := &h.People[j]
			res.People = append(res.People, res.part(Person{ID: pp.ID, Name: pp.Name, Share: shares[j]}, pp))
		}
		res.Plans = res.planRows()
	}
	for _, p := range res.People {
		for _, s := range p.Stages {
			if s.Above {
				res.Above++
			}
		}
	}
	return res, nil
}

// fileOr is the funnel file's name, or "premia decompose" when the
// funnel came from flags.
func fileOr(in *Input) string {
	if in.File == "" {
		return "premia decompose"
	}
	return in.File
}

func pastIDs(ps []Past) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	if len(ids) > 10 {
		ids = append(ids[:10], "…")
	}
	return strings.Join(ids, ", ")
}

// above reports whether a day's count is above the norm: compared
// exactly, so that 1.19 meetings a day is above a norm of 1.
func above(day calc.Q, n *Norm) bool { return n != nil && day.CmpD(n.V) > 0 }

// departmentConversion is stage i's conversion for the department: the
// funnel's, else the managers' pooled history (the sum of their counts at
// the next stage over the sum at this one).
func departmentConversion(in *Input, h *History, i int) (calc.Q, string, error) {
	st := in.Stages[i]
	if st.Conversion != nil {
		return calc.Dec(st.Conversion.V), FromFunnel, nil
	}
	prev := in.Stages[i-1]
	where := st.Src
	if where == "" {
		where = fileOr(in)
	}
	if h == nil {
		return calc.Q{}, "", problem.Errorf("%s: stage %q has no conversion: give it (conversion: in the funnel, or --conversion %s=RATE), or a history to compute it from (--history FACTS)", where, st.ID, st.ID)
	}
	if !h.Known[i] || !h.Known[i-1] {
		missing := st.KPI
		if h.Known[i] {
			missing = prev.KPI
		}
		return calc.Q{}, "", problem.Errorf("%s: stage %q has no conversion, and the scheme has no Facts column %q to compute it from the history: give it (conversion: in the funnel, or --conversion %s=RATE), or map the stage to the KPI that counts it (kpi:)", where, st.ID, missing, st.ID)
	}
	var num, den calc.Q
	for _, p := range h.People {
		num = num.Add(p.Counts[i-1])
		den = den.Add(p.Counts[i])
	}
	if den.IsZero() || num.IsZero() {
		col := st.KPI
		if !den.IsZero() {
			col = prev.KPI
		}
		return calc.Q{}, "", problem.Errorf("%s: stage %q has no conversion, and the history has no %s to compute it from: give it (conversion: in the funnel, or --conversion %s=RATE)", where, st.ID, col, st.ID)
	}
	return num.Quo(den), FromHistory, nil
}

// shares are each manager's share of the department's deals: equal, or
// in proportion to their past deals (the first stage's count).
func (res *Result) shares() ([]calc.Q, error) {
	h := res.History
	n := len(h.People)
	out := make([]calc.Q, n)
	if res.In.Share != SharePastDeals {
		for j := range out {
			out[j] = calc.Frac(decimal.New(1, 0), decimal.New(int64(n), 0))
		}
		return out, nil
	}
	deal := res.In.Stages[0]
	if !h.Known[0] {
		return nil, problem.Errorf("%s: share: past-deals needs each manager's past deals, but the scheme has no Facts column %q: map the deal stage to the KPI that counts deals (kpi:), or share equally", h.Scheme.File, deal.KPI)
	}
	var total calc.Q
	var where cells
	for _, p := range h.People {
		total = total.Add(p.Counts[0])
		where = append(where, p.Cells[0]...)
	}
	if total.IsZero() {
		return nil, problem.Errorf("no deals in the history (%s: %s): share: past-deals has nothing to share by; share equally", deal.KPI, where)
	}
	for j, p := range h.People {
		out[j] = p.Counts[0].Quo(total)
	}
	return out, nil
}

// part is a manager's part of the chain: their share of the deals, turned
// into activity by their own conversions (conversions: own, where the
// history gives one) or the department's.
func (res *Result) part(p Person, past *Past) Person {
	in := res.In
	days := whole(in.WorkingDays)
	p.Revenue = res.Revenue.Mul(p.Share).Round(in.Step, plan.HalfUp)
	p.Stages = make([]PersonStage, len(res.Stages))
	for i, st := range res.Stages {
		ps := PersonStage{Norm: st.Norm}
		if i == 0 {
			ps.Month = st.Month.Mul(p.Share)
		} else {
			c, from := *st.Conversion, st.ConversionFrom
			if past != nil && res.Conversions == ConversionsOwn {
				c, from = res.ownConversion(past, i, c, from)
			}
			ps.Conversion, ps.From = &c, from
			ps.Month = p.Stages[i-1].Month.Quo(c)
		}
		ps.Day = ps.Month.Quo(days)
		ps.Above = above(ps.Day, ps.Norm)
		p.Stages[i] = ps
	}
	return p
}

// ownConversion is a manager's own conversion at stage i: their count at
// the next stage over their count at this one, summed over the history.
// Where the scheme does not count both stages it is the department's
// (dept, from). Where the history has none of this stage (a zero
// denominator) or none of the next (a conversion of 0, which no activity
// would overcome), it is the department's too, said in a warning that
// names the cells: a fallback, not an error, so that one new manager does
// not stop the department's plan.
func (res *Result) ownConversion(p *Past, i int, dept calc.Q, from string) (calc.Q, string) {
	h := res.History
	if !h.Known[i] || !h.Known[i-1] {
		return dept, from
	}
	st, prev := res.In.Stages[i], res.In.Stages[i-1]
	num, den := p.Counts[i-1], p.Counts[i]
	switch {
	case den.IsZero():
		res.Warnings = append(res.Warnings, problem.New("%s %s has no %s in the history (%s): their conversion of %s into %s is the department's, %s", p.ID, p.Name, st.KPI, cells(p.Cells[i]), st.ID, prev.ID, dept))
		return dept, FromFallback
	case num.IsZero():
		res.Warnings = append(res.Warnings, problem.New("%s %s turned none of their %s %s into %s in the history (%s): no number of %s would make one, so their conversion is the department's, %s", p.ID, p.Name, den, st.KPI, prev.KPI, cells(p.Cells[i-1]), st.ID, dept))
		return dept, FromFallback
	}
	c := num.Quo(den)
	if c.CmpD(decimal.New(1, 0)) > 0 {
		res.Warnings = append(res.Warnings, problem.New("%s %s has more %s (%s) than %s (%s) in the history: a conversion of %s, taken as it is; are the two stages one funnel?", p.ID, p.Name, prev.KPI, num, st.KPI, den, c))
	}
	return c, FromOwn
}

// planRows are the Plans table: for each manager and each stage counted
// by a KPI of their role read from the Facts table, the norm for a month
// — the whole number of the stage they need — with the base and the
// target that their present plan (the last fact sheet's personal plan,
// else the scheme's) has for it scaled in the same proportion, rounded to
// whole units away from the norm (the base down, the target up), so that
// each stays on its side of the norm. A level the present plan lacks is
// left blank: the scheme's stays.
func (res *Result) planRows() []PlanRow {
	h := res.History
	var rows []PlanRow
	for j, p := range res.People {
		past := &h.People[j]
		role := h.Scheme.Role(past.Role)
		for i, st := range res.In.Stages {
			k := role.KPI(st.KPI)
			if k == nil || k.Formula != nil || (k.Source != "" && k.Source != plan.SourceFacts) {
				continue
			}
			norm := Ceil(p.Stages[i].Month)
			if norm.IsZero() {
				res.Warnings = append(res.Warnings, problem.New("%s %s has no %s to make (a share of 0 of the deals): no plan is written for it; the scheme's stays", p.ID, p.Name, st.KPI))
				continue
			}
			row := PlanRow{ID: p.ID, KPI: k.ID, Norm: &norm}
			pl := past.Plans.Get(k.ID)
			cur := level(pl.Norm, k.Norm)
			if cur != nil && !cur.IsZero() {
				scale := calc.Dec(norm).Quo(calc.Dec(*cur))
				if b := level(pl.Base, k.Base); b != nil {
					row.Base = awayFrom(calc.Dec(*b).Mul(scale), b.Cmp(*cur) < 0)
				}
				if t := level(pl.Target, k.Target); t != nil {
					row.Target = awayFrom(calc.Dec(*t).Mul(scale), t.Cmp(*cur) < 0)
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// level is a personal plan's level, else the scheme's, or nil.
func level(personal *calc.Value, scheme *plan.Dec) *decimal.Decimal {
	switch {
	case personal != nil:
		return &personal.V
	case scheme != nil:
		return &scheme.V
	}
	return nil
}

// awayFrom rounds q to a whole number: down when it lies below the norm,
// up when above.
func awayFrom(q calc.Q, below bool) *decimal.Decimal {
	var d decimal.Decimal
	if below {
		d = q.Floor()
	} else {
		d = Ceil(q)
	}
	return &d
}
