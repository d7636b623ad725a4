package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
)

// ParseRounding reads the rounding of calc's JSON output ("0.01
// half-up"): the step, above 0, and the mode.
func ParseRounding(rounding string) (step decimal.Decimal, mode string, err error) {
	text, mode, ok := strings.Cut(rounding, " ")
	st, derr := decimal.NewFromString(text)
	if !ok || derr != nil || !st.IsPositive() {
		return decimal.Decimal{}, "", fmt.Errorf("rounding %q is not a step and a mode", rounding)
	}
	return st, mode, nil
}

// ReadJSON reads what JSON wrote back into a Result: the heading, each
// employee's lines with their KPIs, components and modifiers, and the
// sums, made again from the lines as calc makes them. Ratios come back as
// the six decimals the JSON shows, so that JSON, CSV and Table write the
// Result as they wrote the one it was made from, byte for byte (a closed
// period's snapshot is shown so). The explanation, component titles and
// whatever else the JSON does not hold are not there: a workbook cannot
// be made from it.
func ReadJSON(data []byte) (*calc.Result, error) {
	var j struct {
		Scheme    string         `json:"scheme"`
		Period    *string        `json:"period"`
		Currency  string         `json:"currency"`
		Rounding  string         `json:"rounding"`
		Employees []jsonEmployee `json:"employees"`
		Total     string         `json:"total"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("not premia's JSON output: %v", err)
	}
	st, mode, err := ParseRounding(j.Rounding)
	if err != nil {
		return nil, err
	}
	res := &calc.Result{Scheme: j.Scheme, Currency: j.Currency, Step: st, Mode: mode, Scale: calc.Scale(st)}
	if j.Period != nil {
		res.Period = *j.Period
	}
	r := reader{}
	for _, je := range j.Employees {
		e := &calc.EmployeeResult{ID: je.ID, Name: je.Name, Role: je.Role, Department: je.Department,
			Proration: r.ratio(je.Proration), Fixed: r.money(je.Fixed), Variable: r.money(je.Variable),
			K: r.ratio(je.K), Coefficient: r.q(je.Coefficient), Bonus: r.money(je.Bonus), Total: r.money(je.Total)}
		for _, k := range je.KPIs {
			e.KPIs = append(e.KPIs, calc.KPIResult{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction,
				Weight: r.dec(k.Weight), Base: r.ratio(k.Base), Norm: r.ratio(k.Norm), Target: r.ratio(k.Target),
				Fact: r.money(k.Fact), Formula: k.Formula, Fulfilment: r.ratio(k.Fulfilment), Index: r.ratio(k.Index),
				Weighted: r.ratio(k.Weighted), Coefficient: r.ratio(k.Coefficient), Voided: k.Voided, Band: k.Band})
		}
		for _, c := range je.Components {
			cr := calc.ComponentResult{ID: c.ID, Type: c.Type, Amount: r.money(c.Amount)}
			if c.OpeningBalance != nil || c.ClosingBalance != nil {
				cr.Balance = &calc.DrawBalance{Opening: r.money(deref(c.OpeningBalance)), Closing: r.money(deref(c.ClosingBalance))}
			}
			e.Components = append(e.Components, cr)
		}
		for _, m := range je.Modifiers {
			e.Modifiers = append(e.Modifiers, calc.ModifierResult{ID: m.ID, Type: m.Type, Applied: m.Applied,
				Factor: r.ratio(m.Factor), Deduction: r.dec(m.Deduction)})
		}
		res.Employees = append(res.Employees, e)
	}
	if r.err != nil {
		return nil, r.err
	}
	// The sums, as calc makes them: of the rounded lines.
	res = calc.Subset(res, func(*calc.EmployeeResult) bool { return true })
	if t, err := decimal.NewFromString(j.Total); err != nil || !t.Equal(res.Total) {
		return nil, fmt.Errorf("the total %q is not the sum of the employees' totals, %s", j.Total, res.Total.StringFixed(res.Scale))
	}
	return res, nil
}

// reader parses the JSON's decimal texts, keeping the first error.
type reader struct{ err error }

func (r *reader) parse(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("%q is not a decimal", s)
	}
	return d
}

func (r *reader) money(s string) decimal.Decimal { return r.parse(s) }

func (r *reader) q(s string) calc.Q { return calc.Dec(r.parse(s)) }

func (r *reader) ratio(s *string) *calc.Q {
	if s == nil {
		return nil
	}
	q := r.q(*s)
	return &q
}

func (r *reader) dec(s *string) *decimal.Decimal {
	if s == nil {
		return nil
	}
	d := r.parse(*s)
	return &d
}

func deref(s *string) string {
	if s == nil {
		return "0"
	}
	return *s
}
