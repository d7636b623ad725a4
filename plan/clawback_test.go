package plan_test

import (
	"strings"
	"testing"

	"github.com/premia-pay/premia/plan"
)

// TestValidateClawback: a clawback's of names a per-deal commission of its
// role, paid by the role's period, and a commission has one clawback at
// most (docs/calculation.md §5.18, "Clawbacks as a line of their own");
// each refusal at of's line:column.
func TestValidateClawback(t *testing.T) {
	const head = `version: 1
id: t
currency: USD
roles:
  - id: rep
    fixed: 1000
    kpis:
      - {id: sales, norm: 100}
    components:
      - {id: commission, type: commission, per: deal, rate: 0.02}
      - {id: quarterly, type: commission, per: deal, rate: 0.01, period: quarter}
      - {id: on_sales, type: commission, kpi: sales, rate: 0.01}
`
	for _, tc := range []struct {
		name, comp string
		want       []string
	}{
		{"fine", `      - {id: clawback, type: clawback, of: commission}
`, nil},
		{"no of", `      - {id: clawback, type: clawback}
`, []string{`s.yaml:13:9: roles[0].components[3]: of is required: the id of the role's per-deal commission`}},
		{"of no component", `      - {id: clawback, type: clawback, of: comission}
`, []string{`s.yaml:13:44: roles[0].components[3].of: "comission" is not a component of the role: of names the role's per-deal commission the clawback takes back from (commission, quarterly)`}},
		{"of a commission on a KPI", `      - {id: clawback, type: clawback, of: on_sales}
`, []string{`s.yaml:13:44: roles[0].components[3].of: "on_sales" is not a per-deal commission (type: commission, per: deal)`}},
		{"of another period", `      - {id: clawback, type: clawback, of: quarterly}
`, []string{`s.yaml:13:44: roles[0].components[3].of: commission "quarterly" is paid by the quarter, and a clawback by its role's month`}},
		{"two of one commission", `      - {id: clawback, type: clawback, of: commission}
      - {id: clawback2, type: clawback, of: commission}
`, []string{`s.yaml:14:45: roles[0].components[4].of: commission "commission" has a clawback already, "clawback": a commission has at most one`}},
		{"a rate on a clawback", `      - {id: clawback, type: clawback, of: commission, rate: 0.5}
`, []string{`s.yaml:13:62: roles[0].components[3].rate: not used by a clawback component: remove it`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := head + tc.comp
			_, _, err := plan.Check(strings.NewReader(in), "s.yaml")
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if len(got) != len(tc.want) {
				t.Fatalf("errors %q, want %q", got, tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("error %d = %q, want it to start with %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
