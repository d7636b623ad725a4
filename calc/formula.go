package calc

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// This file computes a KPI whose fact is a formula over the person's fact
// columns (plan.Formula), in exact rationals.

// Formula is a formula's step in an explanation: the formula with the
// values it read in place of its columns (deals / leads = 12 / 40).
type Formula struct {
	Expr   *plan.Expr
	Values map[string]decimal.Decimal // by Expr.Column
}

// formulaFact evaluates k's formula: the fact, and the places of the
// columns it read. A missing column, or a division by zero without the
// KPI's if_zero, is recorded as a failure.
func (r *run) formulaFact(k *plan.KPI) (Q, []Place, bool) {
	ok := true
	f, q, srcs, zero := r.evalFormula(k.Formula.Expr, func(col string) (decimal.Decimal, Place, bool) {
		if o := r.role.KPI(col); o != nil && o.Aggregated() {
			// A department or team KPI: its aggregate (a share of it:
			// revenue / dept_revenue).
			q, found := r.aggregatedFact(o, false)
			ok = ok && found
			return q.Shown(), Place{}, found
		}
		v, found := r.e.Facts.Get(col)
		if !found && ok {
			r.fail(r.e.Src, "no value for %q, which the formula of KPI %q reads: add a column %q to the Facts table", col, k.ID, col)
		}
		ok = ok && found
		return v.V, v.Src, found
	})
	if !ok {
		return Q{}, nil, false
	}
	srcs = append(srcs, SchemePos(r.s, k.Formula.Pos))
	if zero {
		if k.IfZero == nil {
			r.fail(r.e.Src, "KPI %q: the formula %s divides by zero with these facts: correct them, or give the KPI if_zero: the value it takes then (if_zero: 0)", k.ID, k.Formula.Expr.String())
			return Q{}, nil, false
		}
		q = Dec(k.IfZero.V)
		srcs = append(srcs, SchemeSrc(r.s, k.IfZero))
		r.say(srcs, MsgFormulaZero, k.ID, f, k.IfZero.Raw)
		return q, srcs, true
	}
	r.say(srcs, MsgFormula, k.ID, f, q)
	return q, srcs, true
}

// evalFormula evaluates e in exact rationals, reading each name through
// get (its value and place; false when it has none, and the value is then
// taken as 0: the caller has failed). It returns the formula with the
// values it read, for the explanation, the value, the places read, and
// whether it divided by zero (the value is then 0).
func (r *run) evalFormula(e *plan.Expr, get func(col string) (decimal.Decimal, Place, bool)) (Formula, Q, []Place, bool) {
	f := Formula{Expr: e, Values: map[string]decimal.Decimal{}}
	var srcs []Place
	zero := false
	var eval func(x *plan.Expr) Q
	eval = func(x *plan.Expr) Q {
		switch x.Op {
		case plan.ExprNum:
			return Dec(x.Num)
		case plan.ExprCol:
			v, src, found := get(x.Column)
			if !found {
				return Q{}
			}
			if _, seen := f.Values[x.Column]; !seen {
				f.Values[x.Column] = v
				if !src.IsZero() {
					srcs = append(srcs, src)
				}
			}
			return Dec(v)
		case plan.ExprNeg:
			return eval(x.Args[0]).Neg()
		case plan.ExprMin, plan.ExprMax:
			m := eval(x.Args[0])
			for _, a := range x.Args[1:] {
				if v := eval(a); x.Op == plan.ExprMin {
					m = m.Min(v)
				} else {
					m = m.Max(v)
				}
			}
			return m
		}
		a, b := eval(x.Args[0]), eval(x.Args[1])
		switch x.Op {
		case plan.ExprAdd:
			return a.Add(b)
		case plan.ExprSub:
			return a.Sub(b)
		case plan.ExprMul:
			return a.Mul(b)
		}
		if b.IsZero() {
			zero = true
			return Q{}
		}
		return a.Quo(b)
	}
	q := eval(e)
	if zero {
		q = Q{}
	}
	return f, q, srcs, zero
}
