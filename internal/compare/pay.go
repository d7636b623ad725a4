package compare

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// Pay is one person's pay under one scheme in one month: what compare
// keeps of calc's result. A run keeps one per person and scheme, not the
// KPI matrix's facts and plans or the explanation.
type Pay struct {
	ID, Name, Role, Department string
	Fixed, Bonus, Total        decimal.Decimal
	Components                 []Amount // in the role's order
	KPIs                       []KPIPart
	coef                       calc.Q       // the bonus coefficient, for the shares
	scheme                     *plan.Scheme // its rounding, for the shares
}

// Amount is a component's line.
type Amount struct {
	ID, Title string
	Amount    decimal.Decimal
}

// KPIPart is what one KPI does to a person's bonus.
type KPIPart struct {
	ID, Title string
	// Weighted is weight × index, for a KPI with a weight; Coefficient
	// its ladder's coefficient, for a KPI with a ladder; nil otherwise.
	Weighted, Coefficient *calc.Q
	// Share is the KPI's money share of the bonus paid (see Take); zero
	// for a KPI that does not form the bonus (InBonus false). It is
	// computed where a KPI row is compared (Pay.Share), not kept for
	// every KPI of everyone: a KPIPart of a Pay holds 0 here.
	Share   decimal.Decimal
	InBonus bool
	part    calc.Q // what the KPI adds to the coefficient
}

// Take keeps of e, computed under s, what a comparison needs.
//
// A KPI's money share of the bonus is the bonus paid (after modifiers,
// rounded) times the KPI's part of the coefficient over the coefficient,
// rounded once to the scheme's step with its mode:
//
//	share = bonus × part / coefficient
//
// where the part is the KPI's weighted index (through the role's payout
// ladder, if any: weight × index × payout(K) / K) plus its ladder
// coefficient when the role's method adds ladders (ladders or both). With
// a coefficient of 0 (a gate voided the bonus) every share is 0. The
// shares need not sum to the bonus: the yes/no conditions' coefficients,
// and a payout ladder's value at K = 0, are parts of no KPI, and each
// share is rounded on its own. Without modifiers and a payout ladder, a
// weighted KPI's share is variable target × weight × index, rounded.
func Take(s *plan.Scheme, e *calc.EmployeeResult) Pay {
	p := Pay{ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, Fixed: e.Fixed, Bonus: e.Bonus, Total: e.Total, coef: e.Coefficient, scheme: s}
	if len(e.Components) > 0 {
		p.Components = make([]Amount, len(e.Components))
		for i, c := range e.Components {
			p.Components[i] = Amount{ID: c.ID, Title: c.Title, Amount: c.Amount}
		}
	}
	if len(e.KPIs) == 0 {
		return p
	}
	role := s.Role(e.Role)
	one := calc.Dec(decimal.New(1, 0))
	through := one // what a weighted index is multiplied by on its way to the coefficient
	ladders := false
	if role != nil && role.Bonus != nil {
		ladders = role.Bonus.Method != plan.MethodIndex
		if role.Bonus.Payout != "" && e.K != nil {
			if e.K.IsZero() {
				through = calc.Q{} // every weighted index is 0: payout(0) is no KPI's
			} else if l := s.Ladder(role.Bonus.Payout); l != nil {
				v, _ := calc.EvalLadder(l, *e.K, true)
				through = v.Quo(*e.K)
			}
		}
	}
	p.KPIs = make([]KPIPart, len(e.KPIs))
	for i, k := range e.KPIs {
		kp := KPIPart{ID: k.ID, Title: k.Title, Weighted: k.Weighted, Coefficient: k.Coefficient}
		part := calc.Q{}
		if k.Weighted != nil {
			kp.InBonus = true
			part = part.Add(k.Weighted.Mul(through))
		}
		if k.Coefficient != nil && ladders {
			kp.InBonus = true
			part = part.Add(*k.Coefficient)
		}
		kp.part = part
		p.KPIs[i] = kp
	}
	return p
}

// Share is k's money share of p's bonus (see Take); k is one of p.KPIs.
func (p *Pay) Share(k *KPIPart) decimal.Decimal {
	if !k.InBonus || p.coef.IsZero() || k.part.IsZero() {
		return decimal.Zero
	}
	return calc.Dec(p.Bonus).Mul(k.part).Quo(p.coef).Round(p.scheme.Step(), p.scheme.Mode())
}

// Pays computes everyone of in under s, as premia calc computes them
// (calc.Stream: the same figures), and keeps each person's Pay, by id;
// in is consumed. Memory holds the input until each person is computed,
// and the Pays: not the KPI matrices' facts, plans or explanations.
func Pays(s *plan.Scheme, in *calc.Input) ([]Pay, error) {
	pays := make([]Pay, len(in.Employees))
	res, err := calc.Stream(s, in, calc.Options{Release: true, SkipSteps: true, Forget: true}, func(i int, e *calc.EmployeeResult) {
		pays[i] = Take(s, e) // each place once, from any core
	})
	if err != nil {
		return nil, err
	}
	// Stream sums what it emitted: the Pays must sum to the same.
	sum := decimal.Zero
	for _, p := range pays {
		sum = sum.Add(p.Total)
	}
	if res.Count != len(pays) || !sum.Equal(res.Total) {
		return nil, fmt.Errorf("internal error, please report it: %d of %d people kept, total %s of %s", len(pays), res.Count, sum, res.Total)
	}
	return pays, nil
}
