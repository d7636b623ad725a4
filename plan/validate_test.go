package plan_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// base is a valid scheme using every kind of ladder, component and modifier.
// The validation cases below replace whole lines of it, so the line and column
// of every value can be counted in the replacement text; line numbers are
// written on the right of the lines that cases edit.
const base = `version: 1
id: base
title: Base scheme
currency: RUB
locale: en
rounding: {step: 0.01, mode: half-up}
ladders:
  - id: steps
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.5}
      - {from: 1, value: 1}
  - id: inc
    type: increment
    tiers:
      - {from: 0, to: 1, value: 0}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
  - id: marg
    type: marginal
    tiers:
      - {from: 0, to: 100000, rate: 0.01}
      - {from: 100000, rate: 0.02}
  - id: line
    type: linear
    points:
      - {at: 0, value: 0}
      - {at: 1, value: 1}
      - {at: 1.5, value: 2}
roles:
  - id: manager
    title: Manager
    fixed: 30000
    variable: 20000
    prorate_plans: true
    bonus:
      method: index
      payout: line
    kpis:
      - {id: sales, weight: 0.5, base: 100, norm: 200, target: 300, direction: higher}
      - {id: costs, weight: 0.3, base: 60, norm: 50, target: 40, direction: lower}
      - {id: calls, weight: 0.2, base: 10, norm: 20, target: 30, cap: 1.5, gate: 0.5}
      - {id: units, norm: 5}
    conditions:
      - {id: no_errors, coefficient: 0.1}
    gates:
      - {kpi: sales, min: 0.5}
    components:
      - {id: comm, type: commission, kpi: sales, rate: 0.02}
      - {id: comm_l, type: commission, kpi: sales, ladder: marg}
      - {id: plan_bonus, type: bonus, amount: 1000, when: {kpi: units, reaches: norm}}
      - {id: cond_bonus, type: bonus, amount: 500, when: {condition: no_errors}}
      - {id: share, type: proportional, kpi: calls, amount: 5000, min: 0.7, max: 1.2}
      - {id: per_unit, type: unit_bonus, kpi: units, price: 4990, rate: 0.03}
    modifiers:
      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 0.5}
      - {id: team, type: team, multipliers: {below: 1, minimum: 1.05, normal: 1.1, maximum: 1.2}}
      - {id: cut, type: reduction, factor: 0.9}
      - {id: cut_fact, type: reduction, fact: discipline}
      - {id: late, type: overdue, per_day: 100}
  - id: ladder_role
    fixed: 30000
    variable: 30000
    bonus:
      method: ladders
    kpis:
      - {id: sales, norm: 1000, ladder: inc}
      - {id: margin, norm: 200, ladder: steps}
  - id: plain
    fixed: 7000
    kpis:
      - {id: sales}
`

// baseLines pins the lines of base that the cases edit, so a change to base
// that would shift them fails here first.
var baseLines = map[int]string{
	1:  "version: 1",
	8:  "  - id: steps",
	12: "      - {from: 0.8, to: 1, value: 0.5}",
	18: "      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}",
	24: "  - id: line",
	29: "      - {at: 1.5, value: 2}",
	31: "  - id: manager",
	36: "    bonus:",
	40: "      - {id: sales, weight: 0.5, base: 100, norm: 200, target: 300, direction: higher}",
	45: "      - {id: no_errors, coefficient: 0.1}",
	49: "      - {id: comm, type: commission, kpi: sales, rate: 0.02}",
	56: "      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 0.5}",
	60: "      - {id: late, type: overdue, per_day: 100}",
	61: "  - id: ladder_role",
	67: "      - {id: sales, norm: 1000, ladder: inc}",
	72: "      - {id: sales}",
}

func TestBaseLines(t *testing.T) {
	lines := strings.Split(base, "\n")
	if got := len(lines); got != 73 { // 72 lines and the final newline
		t.Errorf("base has %d lines, want 72 and a final newline", got-1)
	}
	for n, want := range baseLines {
		if got := lines[n-1]; got != want {
			t.Errorf("base line %d = %q, want %q", n, got, want)
		}
	}
}

// variant returns base with the given lines (1-based) replaced. A
// replacement may hold several lines only where no later position matters.
func variant(t *testing.T, edits map[int]string) string {
	t.Helper()
	lines := strings.Split(base, "\n")
	for n, text := range edits {
		if n < 1 || n > 72 {
			t.Fatalf("edit of line %d: base has 72 lines", n)
		}
		lines[n-1] = text
	}
	return strings.Join(lines, "\n")
}

func TestValidateBase(t *testing.T) {
	s := parse(t, base)
	warnings, err := s.Validate()
	if err != nil {
		t.Errorf("Validate() error = %v, want none", err)
	}
	if len(warnings) > 0 {
		t.Errorf("Validate() warnings = %v, want none", warnings)
	}
	if got := s.Step(); !got.Equal(decimal.RequireFromString("0.01")) {
		t.Errorf("Step() = %s, want 0.01", got)
	}
	if got := s.Mode(); got != plan.HalfUp {
		t.Errorf("Mode() = %q, want %q", got, plan.HalfUp)
	}
	if got := s.Lang(); got != "en" {
		t.Errorf("Lang() = %q, want en", got)
	}
}

func TestSchemeDefaults(t *testing.T) {
	s := parse(t, `version: 1
id: x
currency: RUB
roles:
  - id: a
`)
	if got := s.Step(); !got.Equal(decimal.RequireFromString("0.01")) {
		t.Errorf("Step() = %s, want the default 0.01", got)
	}
	if got := s.Mode(); got != plan.HalfUp {
		t.Errorf("Mode() = %q, want the default %q", got, plan.HalfUp)
	}
	if got := s.Lang(); got != "en" {
		t.Errorf("Lang() = %q, want the default en", got)
	}
	s = parse(t, `version: 1
locale: ru
rounding: {step: 1, mode: down}
`)
	if got := s.Step(); !got.Equal(decimal.New(1, 0)) {
		t.Errorf("Step() = %s, want 1", got)
	}
	if got, want := s.Mode(), plan.Down; got != want {
		t.Errorf("Mode() = %q, want %q", got, want)
	}
	if got := s.Lang(); got != "ru" {
		t.Errorf("Lang() = %q, want ru", got)
	}
}

type validateCase struct {
	name  string
	edits map[int]string // lines of base replaced
	yaml  string         // or a whole scheme
	errs  []string       // each error's start, in order
	warns []string       // each warning's start, in order
}

func runValidateCases(t *testing.T, tests []validateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.yaml
			if in == "" {
				in = variant(t, tt.edits)
			}
			s := parse(t, in)
			w, err := s.Validate()
			checkMessages(t, "Validate() error", err, tt.errs)
			var warnings []string
			for _, e := range w {
				warnings = append(warnings, e.Error())
			}
			for i := 0; i < len(warnings) || i < len(tt.warns); i++ {
				switch {
				case i >= len(tt.warns):
					t.Errorf("Validate() extra warning %d = %q, want none", i, warnings[i])
				case i >= len(warnings):
					t.Errorf("Validate() warning %d missing, want %q", i, tt.warns[i])
				case !strings.HasPrefix(warnings[i], tt.warns[i]):
					t.Errorf("Validate() warning %d = %q, want it to start with %q", i, warnings[i], tt.warns[i])
				}
			}
		})
	}
}

func TestValidateTop(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "version missing",
			edits: map[int]string{1: "# version: 1"},
			errs:  []string{"s.yaml:1:1: version: version is required: start the file with `version: 1`"},
		},
		{
			name:  "version 2",
			edits: map[int]string{1: "version: 2"},
			errs:  []string{"s.yaml:1:10: version: version 2 is not supported; this premia reads version 1"},
		},
		{
			name:  "version 0",
			edits: map[int]string{1: "version: 0"},
			errs:  []string{"s.yaml:1:10: version: version 0 is not supported; this premia reads version 1"},
		},
		{
			name:  "id missing",
			edits: map[int]string{2: "# id: base"},
			errs:  []string{"s.yaml:1:1: id is required (the scheme's name, e.g. the client's)"},
		},
		{
			name:  "id not an id",
			edits: map[int]string{2: "id: 1base"},
			errs:  []string{`s.yaml:2:5: id: "1base" is not a valid id: use letters, digits, _ and -, starting with a letter`},
		},
		{
			name:  "id with a space",
			edits: map[int]string{2: "id: my scheme"},
			errs:  []string{`s.yaml:2:5: id: "my scheme" is not a valid id`},
		},
		{
			name:  "currency missing",
			edits: map[int]string{4: "# currency: RUB"},
			errs:  []string{"s.yaml:1:1: currency is required (e.g. RUB)"},
		},
		{
			name:  "currency in lower case",
			edits: map[int]string{4: "currency: rub"},
			errs:  []string{`s.yaml:4:11: currency: "rub" is not an ISO 4217 code such as RUB, USD or THB`},
		},
		{
			name:  "currency symbol",
			edits: map[int]string{4: "currency: ₽"},
			errs:  []string{`s.yaml:4:11: currency: "₽" is not an ISO 4217 code`},
		},
		{
			name:  "locale de",
			edits: map[int]string{5: "locale: de"},
			errs:  []string{`s.yaml:5:9: locale: "de" is not supported: use ru or en`},
		},
		{
			name:  "rounding mode misspelt",
			edits: map[int]string{6: "rounding: {step: 0.01, mode: half_up}"},
			errs:  []string{`s.yaml:6:30: rounding.mode: "half_up" is not a rounding mode: use half-up, half-even or down`},
		},
		{
			name:  "rounding step zero",
			edits: map[int]string{6: "rounding: {step: 0, mode: half-up}"},
			errs:  []string{"s.yaml:6:18: rounding.step: 0 must be greater than zero"},
		},
		{
			name:  "rounding step negative",
			edits: map[int]string{6: "rounding: {step: -1, mode: down}"},
			errs:  []string{"s.yaml:6:18: rounding.step: -1 must be greater than zero"},
		},
		{
			name: "no roles",
			yaml: `version: 1
id: x
currency: RUB
roles: []
`,
			errs: []string{"s.yaml:1:1: roles: at least one role is required"},
		},
		{
			name: "nothing but the version",
			yaml: `version: 1
`,
			errs: []string{
				"s.yaml:1:1: id is required",
				"s.yaml:1:1: currency is required",
				"s.yaml:1:1: roles: at least one role is required",
			},
		},
	})
}

func TestValidateWeights(t *testing.T) {
	const sales = "      - {id: sales, weight: %s, base: 100, norm: 200, target: 300, direction: higher}"
	const costs = "      - {id: costs, weight: %s, base: 60, norm: 50, target: 40, direction: lower}"
	const calls = "      - {id: calls, weight: %s, base: 10, norm: 20, target: 30, cap: 1.5, gate: 0.5}"
	weights := func(a, b, c string) map[int]string {
		return map[int]string{40: fmt.Sprintf(sales, a), 41: fmt.Sprintf(costs, b), 42: fmt.Sprintf(calls, c)}
	}
	runValidateCases(t, []validateCase{
		{name: "0.3 + 0.3 + 0.4", edits: weights("0.3", "0.3", "0.4")},
		{
			// 20,000 × 0.1 = 2,000 at the norm, under 5 % of 50,000 = 2,500 (§6.3).
			name:  "0.1 + 0.2 + 0.7",
			edits: weights("0.1", "0.2", "0.7"),
			warns: []string{`s.yaml:40:29: roles[0].kpis[0].weight: warning: KPI "sales" carries 2000 at its norm (weight 0.1 × variable target 20000), under 5% of the target income 50000`},
		},
		{name: "0.333 + 0.333 + 0.334", edits: weights("0.333", "0.333", "0.334")},
		{name: "trailing zeros", edits: weights("0.50", "0.300", "0.2000")},
		{
			name:  "sum 0.9",
			edits: weights("0.5", "0.3", "0.1"),
			errs:  []string{"s.yaml:40:7: roles[0].kpis: the weights sum to 0.9; they must sum to exactly 1"},
			warns: []string{`s.yaml:42:29: roles[0].kpis[2].weight: warning: KPI "calls" carries 2000 at its norm`},
		},
		{
			name:  "sum 1.0000001",
			edits: weights("0.5", "0.3", "0.2000001"),
			errs:  []string{"s.yaml:40:7: roles[0].kpis: the weights sum to 1.0000001; they must sum to exactly 1"},
		},
		{
			name:  "sum 0.9999999",
			edits: weights("0.3333333", "0.3333333", "0.3333333"),
			errs:  []string{"s.yaml:40:7: roles[0].kpis: the weights sum to 0.9999999; they must sum to exactly 1"},
		},
		{
			name:  "weight zero",
			edits: weights("0", "0.3", "0.7"),
			errs: []string{
				"s.yaml:40:29: roles[0].kpis[0].weight: 0 is not a weight: it must be above 0 and at most 1",
			},
		},
		{
			name:  "weight negative",
			edits: weights("-0.1", "0.4", "0.7"),
			errs:  []string{"s.yaml:40:29: roles[0].kpis[0].weight: -0.1 is not a weight: it must be above 0 and at most 1"},
		},
		{
			name:  "weight above 1",
			edits: weights("1.5", "0.3", "0.2"),
			errs: []string{
				"s.yaml:40:29: roles[0].kpis[0].weight: 1.5 is not a weight: it must be above 0 and at most 1",
				"s.yaml:40:7: roles[0].kpis: the weights sum to 2; they must sum to exactly 1",
			},
		},
		{
			name:  "weight 0.01 warns",
			edits: weights("0.69", "0.3", "0.01"),
			warns: []string{"s.yaml:42:29: roles[0].kpis[2].weight: warning: a weight of 0.01 is too small to change behaviour"},
		},
		{
			name:  "weight 0.049 warns",
			edits: weights("0.651", "0.3", "0.049"),
			warns: []string{"s.yaml:42:29: roles[0].kpis[2].weight: warning: a weight of 0.049 is too small to change behaviour"},
		},
		{
			// Not under 0.05, so no weight warning (§6.2); but 20,000 × 0.05 =
			// 1,000 at the norm is under 2,500, 5 % of 50,000 (§6.3).
			name:  "weight 0.05: the stake, not the weight",
			edits: weights("0.65", "0.3", "0.05"),
			warns: []string{`s.yaml:42:29: roles[0].kpis[2].weight: warning: KPI "calls" carries 1000 at its norm (weight 0.05 × variable target 20000), under 5% of the target income 50000`},
		},
	})
}

func TestValidatePlanLevels(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "whole percents planned as shares",
			edits: map[int]string{40: "      - {id: sales, unit: percent, weight: 0.5, base: 0.8, norm: 0.95, target: 1}"},
			errs: []string{
				"s.yaml:40:55: roles[0].kpis[0].base: 0.8 with unit: percent: the plan is in whole percents, so write 95 for 95 %, not 0.95",
				"s.yaml:40:66: roles[0].kpis[0].norm: 0.95 with unit: percent",
			},
		},
		{
			name:  "whole percents planned as whole percents",
			edits: map[int]string{40: "      - {id: sales, unit: percent, weight: 0.5, base: 80, norm: 95, target: 100}"},
		},
		{
			name:  "base equals norm",
			edits: map[int]string{40: "      - {id: sales, weight: 0.5, base: 200, norm: 200, target: 300, direction: higher}"},
			errs:  []string{"s.yaml:40:51: roles[0].kpis[0].norm: norm 200 equals base 200: the index (fact - base) / (norm - base) would divide by zero"},
		},
		{
			name:  "base equals norm written differently",
			edits: map[int]string{40: "      - {id: sales, weight: 0.5, base: 200, norm: 200.00, target: 300}"},
			errs:  []string{"s.yaml:40:51: roles[0].kpis[0].norm: norm 200.00 equals base 200: the index"},
		},
		{
			name:  "higher but norm below base",
			edits: map[int]string{40: "      - {id: sales, weight: 0.5, base: 300, norm: 200, target: 100, direction: higher}"},
			errs: []string{
				"s.yaml:40:51: roles[0].kpis[0].norm: direction is higher but norm 200 is below base 300: for higher-is-better KPIs base < norm < target",
				"s.yaml:40:64: roles[0].kpis[0].target: target 100 is not above norm 200: the stretch level lies beyond the norm",
			},
		},
		{
			name:  "lower but norm above base",
			edits: map[int]string{41: "      - {id: costs, weight: 0.3, base: 40, norm: 50, target: 60, direction: lower}"},
			errs: []string{
				"s.yaml:41:50: roles[0].kpis[1].norm: direction is lower but norm 50 is above base 40: for lower-is-better KPIs base > norm > target",
				"s.yaml:41:62: roles[0].kpis[1].target: target 60 is not below norm 50: for a lower-is-better KPI the stretch level is lower still",
			},
		},
		{
			name:  "higher, target below norm",
			edits: map[int]string{40: "      - {id: sales, weight: 0.5, base: 100, norm: 200, target: 150, direction: higher}"},
			errs:  []string{"s.yaml:40:64: roles[0].kpis[0].target: target 150 is not above norm 200: the stretch level lies beyond the norm"},
		},
		{
			name:  "higher, target equal to norm",
			edits: map[int]string{40: "      - {id: sales, weight: 0.5, base: 100, norm: 200, target: 200, direction: higher}"},
			errs:  []string{"s.yaml:40:64: roles[0].kpis[0].target: target 200 is not above norm 200"},
		},
		{
			name:  "lower, target above norm",
			edits: map[int]string{41: "      - {id: costs, weight: 0.3, base: 60, norm: 50, target: 55, direction: lower}"},
			errs:  []string{"s.yaml:41:62: roles[0].kpis[1].target: target 55 is not below norm 50: for a lower-is-better KPI the stretch level is lower still"},
		},
		{
			name:  "lower by its levels, target above norm",
			edits: map[int]string{41: "      - {id: costs, weight: 0.3, base: 60, norm: 50, target: 55}"},
			errs:  []string{"s.yaml:41:62: roles[0].kpis[1].target: target 55 is not below norm 50"},
		},
		{
			name:  "no base, target below norm",
			edits: map[int]string{43: "      - {id: units, norm: 5, target: 4}"},
			errs:  []string{"s.yaml:43:38: roles[0].kpis[3].target: target 4 is not above norm 5"},
		},
		{
			name:  "lower, no base, target below norm",
			edits: map[int]string{43: "      - {id: units, norm: 5, target: 4, direction: lower}"},
			// The plan levels are right; but the base scheme's unit bonus
			// (line 54, "units" at column 47) now pays on a lower-is-better KPI.
			errs: []string{`s.yaml:54:47: roles[0].components[5].kpi: KPI "units" is lower-is-better`},
		},
		{
			name:  "unknown direction",
			edits: map[int]string{40: "      - {id: sales, weight: 0.5, base: 100, norm: 200, target: 300, direction: up}"},
			errs:  []string{`s.yaml:40:80: roles[0].kpis[0].direction: "up" is not a direction: use higher or lower (which is better)`},
		},
		{
			name:  "unknown source",
			edits: map[int]string{43: "      - {id: units, norm: 5, source: crm}"},
			errs:  []string{`s.yaml:43:38: roles[0].kpis[3].source: "crm" is not a source: use facts, payments, department or team`},
		},
		{
			name:  "cap zero",
			edits: map[int]string{42: "      - {id: calls, weight: 0.2, base: 10, norm: 20, target: 30, cap: 0, gate: 0.5}"},
			errs:  []string{"s.yaml:42:71: roles[0].kpis[2].cap: 0 must be greater than zero"},
		},
		{
			name:  "cap none",
			edits: map[int]string{42: "      - {id: calls, weight: 0.2, base: 10, norm: 20, target: 30, cap: none, gate: 0.5}"},
		},
		{
			name:  "KPI gate zero",
			edits: map[int]string{42: "      - {id: calls, weight: 0.2, base: 10, norm: 20, target: 30, cap: 1.5, gate: 0}"},
			errs:  []string{"s.yaml:42:82: roles[0].kpis[2].gate: 0 must be greater than zero"},
		},
	})
}

func TestCheckPlan(t *testing.T) {
	dec := func(s string) *plan.Dec {
		if s == "" {
			return nil
		}
		return &plan.Dec{V: decimal.RequireFromString(s), Raw: s}
	}
	tests := []struct {
		direction, base, norm, target string
		want                          []string // the fields reported
	}{
		{"", "", "", "", nil},
		{"", "", "", "5", nil}, // no norm: nothing to check against
		{"", "100", "", "", nil},
		{"higher", "100", "200", "300", nil},
		{"", "100", "200", "300", nil},
		{"lower", "300", "200", "100", nil},
		{"", "300", "200", "100", nil},
		{"", "100", "100", "300", []string{"norm"}},
		{"lower", "0.5", "0.50", "", []string{"norm"}},
		{"higher", "300", "200", "", []string{"norm"}},
		{"lower", "100", "200", "", []string{"norm"}},
		{"higher", "300", "200", "100", []string{"norm", "target"}},
		{"lower", "100", "200", "300", []string{"norm", "target"}},
		{"higher", "100", "200", "200", []string{"target"}},
		{"higher", "100", "200", "199.99", []string{"target"}},
		{"", "100", "200", "200.01", nil},
		{"lower", "300", "200", "200", []string{"target"}},
		{"", "300", "200", "200.01", []string{"target"}},
		{"lower", "", "200", "100", nil},
		{"", "", "200", "100", []string{"target"}},
		{"higher", "-100", "-50", "0", nil},
		{"lower", "0", "-50", "-100", nil},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/%s/%s/%s", tt.direction, tt.base, tt.norm, tt.target)
		var got []string
		plan.CheckPlan(tt.direction, dec(tt.base), dec(tt.norm), dec(tt.target), func(d *plan.Dec, field string, msg problem.Text) {
			if d == nil || msg.String() == "" {
				t.Errorf("CheckPlan(%s) reported %s with value %v and message %q", name, field, d, msg)
			}
			got = append(got, field)
		})
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("CheckPlan(%s) fields = %v, want %v", name, got, tt.want)
		}
	}
}

func TestValidateLadders(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "gap between tiers",
			edits: map[int]string{12: "      - {from: 0.9, to: 1, value: 0.5}"},
			errs:  []string{"s.yaml:12:16: ladders[0].tiers[1].from: a gap between tiers: this tier starts at 0.9 but the previous one ends at 0.8 (from is inclusive, to exclusive; the next from must equal the previous to)"},
		},
		{
			name:  "overlapping tiers",
			edits: map[int]string{12: "      - {from: 0.7, to: 1, value: 0.5}"},
			errs:  []string{"s.yaml:12:16: ladders[0].tiers[1].from: an overlap between tiers: this tier starts at 0.7 but the previous one ends at 0.8"},
		},
		{
			name:  "bounds equal but written differently",
			edits: map[int]string{12: "      - {from: 0.80, to: 1.000, value: 0.5}"},
		},
		{
			name: "to equal to from",
			edits: map[int]string{
				12: "      - {from: 0.8, to: 0.8, value: 0.5}",
				13: "      - {from: 0.8, value: 1}",
			},
			errs: []string{"s.yaml:12:25: ladders[0].tiers[1].to: to 0.8 is not above from 0.8"},
		},
		{
			name: "to below from",
			edits: map[int]string{
				12: "      - {from: 0.8, to: 0.5, value: 0.5}",
				13: "      - {from: 0.5, value: 1}",
			},
			errs: []string{"s.yaml:12:25: ladders[0].tiers[1].to: to 0.5 is not above from 0.8"},
		},
		{
			name:  "unsorted tiers",
			edits: map[int]string{11: "      - {from: 1, to: 2, value: 0}", 12: "      - {from: 2, to: 0.8, value: 0.5}"},
			errs: []string{
				"s.yaml:12:23: ladders[0].tiers[1].to: to 0.8 is not above from 2",
				"s.yaml:13:16: ladders[0].tiers[2].from: a gap between tiers: this tier starts at 1 but the previous one ends at 0.8",
			},
		},
		{
			// An upper bound on the last tier: x above it is held at it
			// (docs/calculation.md §4.2); it was refused before issue 12.
			name:  "last tier with to",
			edits: map[int]string{13: "      - {from: 1, to: 2, value: 1}"},
		},
		{
			name:  "marginal last tier with to",
			edits: map[int]string{23: "      - {from: 100000, to: 200000, rate: 0.02}"},
		},
		{
			name:  "a tier before the last without to",
			edits: map[int]string{12: "      - {from: 0.8, value: 0.5}"},
			errs:  []string{"s.yaml:12:9: ladders[0].tiers[1]: to is required on every tier but the last"},
		},
		{
			name:  "a tier without from",
			edits: map[int]string{13: "      - {value: 1}"},
			errs:  []string{"s.yaml:13:9: ladders[0].tiers[2]: from is required"},
		},
		{
			name:  "step tier without value",
			edits: map[int]string{13: "      - {from: 1}"},
			errs:  []string{"s.yaml:13:9: ladders[0].tiers[2]: value is required"},
		},
		{
			name:  "step ladder with every",
			edits: map[int]string{13: "      - {from: 1, value: 1, every: 0.1}"},
			errs:  []string{"s.yaml:13:36: ladders[0].tiers[2].every: not used in a step ladder (use type: increment): remove it"},
		},
		{
			name:  "step ladder with rate",
			edits: map[int]string{13: "      - {from: 1, value: 1, rate: 0.1}"},
			errs:  []string{"s.yaml:13:35: ladders[0].tiers[2].rate: not used in a step ladder (rate is for marginal ladders): remove it"},
		},
		{
			name:  "increment with every but no add",
			edits: map[int]string{18: "      - {from: 1, value: 0.45, every: 0.05}"},
			errs:  []string{"s.yaml:18:9: ladders[1].tiers[1]: every and add go together: +add for every full `every` above from"},
		},
		{
			name:  "increment with add but no every",
			edits: map[int]string{18: "      - {from: 1, value: 0.45, add: 0.005}"},
			errs:  []string{"s.yaml:18:9: ladders[1].tiers[1]: every and add go together"},
		},
		{
			name:  "increment every zero",
			edits: map[int]string{18: "      - {from: 1, value: 0.45, every: 0, add: 0.005}"},
			errs:  []string{"s.yaml:18:39: ladders[1].tiers[1].every: 0 must be greater than zero"},
		},
		{
			name:  "increment max without every and add",
			edits: map[int]string{18: "      - {from: 1, value: 0.45, max: 0.5}"},
			errs:  []string{"s.yaml:18:37: ladders[1].tiers[1].max: not used without every and add: remove it"},
		},
		{
			name:  "increment max below value",
			edits: map[int]string{18: "      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.4}"},
			errs:  []string{"s.yaml:18:62: ladders[1].tiers[1].max: max 0.4 is below the tier's value 0.45"},
		},
		{
			name:  "increment with a falling add and a floor",
			edits: map[int]string{18: "      - {from: 1, value: 0.45, every: 0.05, add: -0.005, max: 0.4}"},
		},
		{
			name:  "increment tier without value",
			edits: map[int]string{17: "      - {from: 0, to: 1}"},
			errs:  []string{"s.yaml:17:9: ladders[1].tiers[0]: value is required"},
		},
		{
			name:  "marginal tier without rate",
			edits: map[int]string{23: "      - {from: 100000}"},
			errs:  []string{"s.yaml:23:9: ladders[2].tiers[1]: rate is required"},
		},
		{
			name:  "marginal negative rate",
			edits: map[int]string{23: "      - {from: 100000, rate: -0.02}"},
			errs:  []string{"s.yaml:23:30: ladders[2].tiers[1].rate: -0.02 is negative; it must be zero or more"},
		},
		{
			name:  "marginal tier with value",
			edits: map[int]string{23: "      - {from: 100000, rate: 0.02, value: 1}"},
			errs:  []string{"s.yaml:23:43: ladders[2].tiers[1].value: not used in a marginal ladder (each slice is paid at its tier's rate): remove it"},
		},
		{
			name:  "linear ladder with one point",
			edits: map[int]string{28: "      # no second point", 29: "      # no third point"},
			errs:  []string{"s.yaml:24:5: ladders[3]: a linear ladder needs at least two points"},
		},
		{
			name:  "linear points out of order",
			edits: map[int]string{29: "      - {at: 0.5, value: 2}"},
			errs:  []string{"s.yaml:29:14: ladders[3].points[2].at: 0.5 is not above the previous point's 1: points go in increasing order"},
		},
		{
			name:  "linear points at the same place",
			edits: map[int]string{29: "      - {at: 1.00, value: 2}"},
			errs:  []string{"s.yaml:29:14: ladders[3].points[2].at: 1.00 is not above the previous point's 1: points go in increasing order"},
		},
		{
			name:  "linear point without value",
			edits: map[int]string{29: "      - {at: 1.5}"},
			errs:  []string{"s.yaml:29:9: ladders[3].points[2]: value is required"},
		},
		{
			name:  "linear point without at",
			edits: map[int]string{29: "      - {value: 2}"},
			errs:  []string{"s.yaml:29:9: ladders[3].points[2]: at is required"},
		},
		{
			name: "ladder type missing, unknown; points and tiers misplaced",
			yaml: `version: 1
id: x
currency: RUB
ladders:
  - id: a
    tiers: [{from: 0, value: 1}]
  - id: b
    type: stairs
  - id: c
    type: step
    points: [{at: 0, value: 0}, {at: 1, value: 1}]
  - id: d
    type: linear
    tiers: [{from: 0, value: 1}]
    points: [{at: 0, value: 0}, {at: 1, value: 1}]
  - type: step
    tiers: [{from: 0, value: 1}]
  - id: 2nd
    type: step
    tiers: [{from: 0, value: 1}]
roles:
  - id: r
`,
			errs: []string{
				"s.yaml:5:5: ladders[0]: type is required: step, increment, marginal or linear",
				`s.yaml:8:11: ladders[1].type: "stairs" is not a ladder type: use step, increment, marginal or linear`,
				"s.yaml:11:13: ladders[2].points: points belong to linear ladders; a step ladder has tiers",
				"s.yaml:9:5: ladders[2]: a step ladder needs tiers",
				"s.yaml:14:12: ladders[3].tiers: tiers belong to step, increment and marginal ladders; a linear ladder has points",
				"s.yaml:16:5: ladders[4]: id is required",
				`s.yaml:18:9: ladders[5].id: "2nd" is not a valid id`,
			},
		},
		{
			name:  "duplicate ladder id in another case",
			edits: map[int]string{14: "  - id: STEPS", 67: "      - {id: sales, norm: 1000, ladder: steps}"},
			errs:  []string{`s.yaml:14:9: ladders[1].id: ladder "STEPS" is defined twice (first at line 8)`},
		},
	})
}

func TestValidateReferences(t *testing.T) {
	const defined = "defined ladders: steps, inc, marg, line"
	const kpis = "its KPIs: sales, costs, calls, units"
	runValidateCases(t, []validateCase{
		{
			name:  "unknown ladder on a KPI",
			edits: map[int]string{67: "      - {id: sales, norm: 1000, ladder: nope}"},
			errs:  []string{`s.yaml:67:41: roles[1].kpis[0].ladder: ladder "nope" is not defined; ` + defined},
		},
		{
			name:  "ladder ids are exact",
			edits: map[int]string{67: "      - {id: sales, norm: 1000, ladder: Inc}"},
			errs:  []string{`s.yaml:67:41: roles[1].kpis[0].ladder: ladder "Inc" is not defined; ` + defined},
		},
		{
			name:  "marginal ladder on a KPI",
			edits: map[int]string{68: "      - {id: margin, norm: 200, ladder: marg}"},
			errs:  []string{`s.yaml:68:41: roles[1].kpis[1].ladder: ladder "marg" is a marginal ladder; here it must be step, increment or linear`},
		},
		{
			name:  "unknown payout ladder",
			edits: map[int]string{38: "      payout: nope"},
			errs:  []string{`s.yaml:38:15: roles[0].bonus.payout: ladder "nope" is not defined; ` + defined},
		},
		{
			name:  "marginal payout ladder",
			edits: map[int]string{38: "      payout: marg"},
			errs:  []string{`s.yaml:38:15: roles[0].bonus.payout: ladder "marg" is a marginal ladder; here it must be step, increment or linear`},
		},
		{
			name:  "unknown ladder on a commission",
			edits: map[int]string{50: "      - {id: comm_l, type: commission, kpi: sales, ladder: nope}"},
			errs:  []string{`s.yaml:50:60: roles[0].components[1].ladder: ladder "nope" is not defined; ` + defined},
		},
		{
			name:  "linear ladder on a commission",
			edits: map[int]string{50: "      - {id: comm_l, type: commission, kpi: sales, ladder: line}"},
			errs:  []string{`s.yaml:50:60: roles[0].components[1].ladder: ladder "line" is a linear ladder; here it must be step or marginal`},
		},
		{
			name:  "unknown KPI in a gate",
			edits: map[int]string{47: "      - {kpi: salez, min: 0.5}"},
			errs:  []string{`s.yaml:47:15: roles[0].gates[0].kpi: KPI "salez" is not defined in role "manager"; ` + kpis},
		},
		{
			name:  "KPI of another role in a gate",
			edits: map[int]string{47: "      - {kpi: margin, min: 0.5}"},
			errs:  []string{`s.yaml:47:15: roles[0].gates[0].kpi: KPI "margin" is not defined in role "manager"; ` + kpis},
		},
		{
			name:  "unknown KPI in a component",
			edits: map[int]string{49: "      - {id: comm, type: commission, kpi: salez, rate: 0.02}"},
			errs:  []string{`s.yaml:49:43: roles[0].components[0].kpi: KPI "salez" is not defined in role "manager"; ` + kpis},
		},
		{
			name:  "unknown KPI in a when",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000, when: {kpi: unitz, reaches: norm}}"},
			errs:  []string{`s.yaml:51:65: roles[0].components[2].when.kpi: KPI "unitz" is not defined in role "manager"; ` + kpis},
		},
		{
			name:  "unknown condition in a when",
			edits: map[int]string{52: "      - {id: cond_bonus, type: bonus, amount: 500, when: {condition: no_error}}"},
			errs:  []string{`s.yaml:52:70: roles[0].components[3].when.condition: condition "no_error" is not defined in role "manager"`},
		},
		{
			name:  "when reaches plan",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000, when: {kpi: units, reaches: plan}}"},
			errs:  []string{"s.yaml:51:81: roles[0].components[2].when.reaches: reaches must be base, norm or target"},
		},
		{
			name:  "when kpi without reaches",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000, when: {kpi: units}}"},
			errs:  []string{"s.yaml:51:59: roles[0].components[2].when.reaches: reaches must be base, norm or target"},
		},
		{
			name:  "when with kpi and condition",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000, when: {kpi: units, reaches: norm, condition: no_errors}}"},
			errs:  []string{"s.yaml:51:59: roles[0].components[2].when: give either kpi with reaches, or condition, not both"},
		},
		{
			name:  "empty when",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000, when: {}}"},
			errs:  []string{"s.yaml:51:59: roles[0].components[2].when: give kpi with reaches, or condition"},
		},
		{
			name:  "when condition with reaches",
			edits: map[int]string{52: "      - {id: cond_bonus, type: bonus, amount: 500, when: {condition: no_errors, reaches: norm}}"},
			errs:  []string{"s.yaml:52:90: roles[0].components[3].when.reaches: reaches goes with kpi, not with condition"},
		},
	})
}

func TestValidateIDs(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "duplicate role id, other case",
			edits: map[int]string{69: "  - id: Manager"},
			errs:  []string{`s.yaml:69:9: roles[2].id: role "Manager" is defined twice (first at line 31)`},
		},
		{
			name:  "duplicate KPI id, other case",
			edits: map[int]string{68: "      - {id: SALES, norm: 200, ladder: steps}"},
			errs:  []string{`s.yaml:68:14: roles[1].kpis[1].id: KPI or condition "SALES" is defined twice (first at line 67)`},
		},
		{
			name: "KPI and condition sharing an id, other case",
			edits: map[int]string{
				45: "      - {id: CALLS, coefficient: 0.1}",
				52: "      - {id: cond_bonus, type: bonus, amount: 500, when: {condition: CALLS}}",
			},
			errs: []string{`s.yaml:45:14: roles[0].conditions[0].id: KPI or condition "CALLS" is defined twice (first at line 42)`},
		},
		{
			name:  "duplicate component id",
			edits: map[int]string{50: "      - {id: COMM, type: commission, kpi: sales, ladder: marg}"},
			errs:  []string{`s.yaml:50:14: roles[0].components[1].id: component "COMM" is defined twice (first at line 49)`},
		},
		{
			name:  "duplicate modifier id",
			edits: map[int]string{59: "      - {id: Cut, type: reduction, fact: discipline}"},
			errs:  []string{`s.yaml:59:14: roles[0].modifiers[3].id: modifier "Cut" is defined twice (first at line 58)`},
		},
		{
			name:  "same KPI id in two roles",
			edits: map[int]string{72: "      - {id: SALES}"},
		},
		{
			name:  "role id missing",
			edits: map[int]string{69: "  - title: Plain"},
			errs:  []string{"s.yaml:69:5: roles[2]: id is required"},
		},
		{
			name:  "KPI id not an id",
			edits: map[int]string{72: "      - {id: sales.total}"},
			errs:  []string{`s.yaml:72:14: roles[2].kpis[0].id: "sales.total" is not a valid id: use letters, digits, _ and -, starting with a letter`},
		},
		{
			name:  "Cyrillic ids are ids",
			edits: map[int]string{72: "      - {id: продажи}"},
		},
	})
}

func TestValidateBonus(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "index with a laddered KPI",
			edits: map[int]string{43: "      - {id: units, norm: 5, ladder: steps}"},
			errs:  []string{"s.yaml:37:15: roles[0].bonus.method: KPIs have ladders but the method is index: use ladders or both"},
		},
		{
			name:  "both with a laddered KPI",
			edits: map[int]string{37: "      method: both", 43: "      - {id: units, norm: 5, ladder: steps}"},
		},
		{
			name:  "ladders with weights",
			edits: map[int]string{67: "      - {id: sales, weight: 1, norm: 1000, ladder: inc}"},
			errs:  []string{"s.yaml:65:15: roles[1].bonus.method: KPIs have weights but the method is ladders: use index or both"},
		},
		{
			name:  "ladders with a payout",
			edits: map[int]string{64: "    bonus: {method: ladders, payout: line}", 65: "      # method in the flow mapping above"},
			errs:  []string{"s.yaml:64:38: roles[1].bonus.payout: a payout ladder maps the weighted index K; with method ladders there is none"},
		},
		{
			name:  "ladders without laddered KPIs or conditions",
			edits: map[int]string{67: "      - {id: sales, norm: 1000}", 68: "      - {id: margin, norm: 200}"},
			errs:  []string{"s.yaml:65:7: roles[1].bonus: method ladders needs KPIs with a ladder or conditions"},
		},
		{
			name:  "index without weights",
			edits: map[int]string{65: "      method: index"},
			errs: []string{
				"s.yaml:65:7: roles[1].bonus: method index needs KPIs with a weight",
				"s.yaml:65:15: roles[1].bonus.method: KPIs have ladders but the method is index: use ladders or both",
			},
		},
		{
			name:  "method missing",
			edits: map[int]string{37: "      # method: index"},
			errs:  []string{"s.yaml:38:7: roles[0].bonus: method is required: index, ladders or both"},
		},
		{
			name:  "method unknown",
			edits: map[int]string{37: "      method: weighted"},
			errs:  []string{`s.yaml:37:15: roles[0].bonus.method: "weighted" is not a method: use index, ladders or both`},
		},
		{
			name:  "weights without a bonus section",
			edits: map[int]string{36: "    # no bonus", 37: "    #", 38: "    #"},
			errs: []string{
				"s.yaml:45:38: roles[0].conditions[0].coefficient: a condition's coefficient adds to the bonus coefficient, but the role has no bonus section",
				"s.yaml:40:7: roles[0].kpis: KPIs have weights or ladders but the role has no bonus section saying how they form the variable part",
				"s.yaml:47:9: roles[0].gates[0]: a gate voids the variable part, but the role has no bonus section",
				"s.yaml:56:9: roles[0].modifiers[0]: modifiers change the KPI bonus, but the role has no bonus section",
				"s.yaml:57:9: roles[0].modifiers[1]: modifiers change the KPI bonus, but the role has no bonus section",
				"s.yaml:58:9: roles[0].modifiers[2]: modifiers change the KPI bonus, but the role has no bonus section",
				"s.yaml:59:9: roles[0].modifiers[3]: modifiers change the KPI bonus, but the role has no bonus section",
				"s.yaml:60:9: roles[0].modifiers[4]: modifiers change the KPI bonus, but the role has no bonus section",
			},
		},
		{
			name:  "ladders without a bonus section",
			edits: map[int]string{64: "    # no bonus", 65: "    #"},
			errs:  []string{"s.yaml:67:7: roles[1].kpis: KPIs have weights or ladders but the role has no bonus section"},
		},
		{
			name: "a modifier, a gate and a condition on a role without a bonus section",
			yaml: `version: 1
id: x
currency: RUB
roles:
  - id: clerk
    fixed: 20000
    kpis:
      - id: errors
    conditions:
      - id: tidy
        coefficient: 0.1
    gates:
      - kpi: errors
        min: 0.9
    modifiers:
      - id: late
        type: overdue
        per_day: 100
`,
			errs: []string{
				"s.yaml:11:22: roles[0].conditions[0].coefficient: a condition's coefficient adds to the bonus coefficient, but the role has no bonus section",
				"s.yaml:13:9: roles[0].gates[0]: a gate voids the variable part, but the role has no bonus section",
				"s.yaml:16:9: roles[0].modifiers[0]: modifiers change the KPI bonus, but the role has no bonus section",
			},
		},
		{
			name:  "gate without kpi",
			edits: map[int]string{47: "      - {min: 0.5}"},
			errs:  []string{"s.yaml:47:9: roles[0].gates[0]: kpi is required"},
		},
		{
			name:  "gate without min",
			edits: map[int]string{47: "      - {kpi: sales}"},
			errs:  []string{"s.yaml:47:9: roles[0].gates[0]: min is required"},
		},
		{
			name:  "gate min zero",
			edits: map[int]string{47: "      - {kpi: sales, min: 0}"},
			errs:  []string{"s.yaml:47:27: roles[0].gates[0].min: 0 must be greater than zero"},
		},
		{
			name:  "condition without coefficient",
			edits: map[int]string{45: "      - {id: no_errors}"},
			errs:  []string{"s.yaml:45:9: roles[0].conditions[0]: coefficient is required"},
		},
		{
			name:  "negative fixed",
			edits: map[int]string{33: "    fixed: -30000"},
			errs:  []string{"s.yaml:33:12: roles[0].fixed: -30000 is negative; it must be zero or more"},
		},
		{
			name:  "negative variable",
			edits: map[int]string{34: "    variable: -1"},
			errs:  []string{"s.yaml:34:15: roles[0].variable: -1 is negative; it must be zero or more"},
			warns: []string{"s.yaml:34:15: roles[0].variable: warning: the variable target -1 is under 5% of the target income 29999"},
		},
	})
}

func TestValidateComponents(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "negative commission rate",
			edits: map[int]string{49: "      - {id: comm, type: commission, kpi: sales, rate: -0.02}"},
			errs:  []string{"s.yaml:49:56: roles[0].components[0].rate: -0.02 is negative; it must be zero or more"},
		},
		{
			name:  "commission without rate or ladder",
			edits: map[int]string{49: "      - {id: comm, type: commission, kpi: sales}"},
			errs:  []string{"s.yaml:49:9: roles[0].components[0]: a commission needs either rate (e.g. 0.02) or ladder (a step or marginal ladder of rates)"},
		},
		{
			name:  "commission with rate and ladder",
			edits: map[int]string{50: "      - {id: comm_l, type: commission, kpi: sales, ladder: marg, rate: 0.01}"},
			errs:  []string{"s.yaml:50:9: roles[0].components[1]: a commission needs either rate (e.g. 0.02) or ladder"},
		},
		{
			name:  "commission without kpi",
			edits: map[int]string{49: "      - {id: comm, type: commission, rate: 0.02}"},
			errs:  []string{"s.yaml:49:9: roles[0].components[0]: kpi is required"},
		},
		{
			name:  "commission with an amount",
			edits: map[int]string{49: "      - {id: comm, type: commission, kpi: sales, rate: 0.02, amount: 5}"},
			errs:  []string{"s.yaml:49:70: roles[0].components[0].amount: not used by a commission component: remove it"},
		},
		{
			name:  "bonus without amount",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, when: {kpi: units, reaches: norm}}"},
			errs:  []string{"s.yaml:51:9: roles[0].components[2]: amount is required"},
		},
		{
			name:  "bonus without when",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000}"},
			errs:  []string{"s.yaml:51:9: roles[0].components[2]: when is required: {kpi: ID, reaches: norm} or {condition: ID}"},
		},
		{
			name:  "bonus with a rate",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, amount: 1000, rate: 0.1, when: {kpi: units, reaches: norm}}"},
			errs:  []string{"s.yaml:51:59: roles[0].components[2].rate: not used by a bonus component: remove it"},
		},
		{
			name:  "bonus with a kpi",
			edits: map[int]string{51: "      - {id: plan_bonus, type: bonus, kpi: units, amount: 1000, when: {kpi: units, reaches: norm}}"},
			errs:  []string{"s.yaml:51:44: roles[0].components[2].kpi: not used by a bonus component: remove it"},
		},
		{
			name:  "negative bonus amount",
			edits: map[int]string{52: "      - {id: cond_bonus, type: bonus, amount: -500, when: {condition: no_errors}}"},
			errs:  []string{"s.yaml:52:47: roles[0].components[3].amount: -500 is negative; it must be zero or more"},
		},
		{
			name:  "proportional without amount",
			edits: map[int]string{53: "      - {id: share, type: proportional, kpi: calls}"},
			errs:  []string{"s.yaml:53:9: roles[0].components[4]: amount is required"},
		},
		{
			name:  "proportional without kpi",
			edits: map[int]string{53: "      - {id: share, type: proportional, amount: 5000}"},
			errs:  []string{"s.yaml:53:9: roles[0].components[4]: kpi is required"},
		},
		{
			name:  "proportional max below min",
			edits: map[int]string{53: "      - {id: share, type: proportional, kpi: calls, amount: 5000, min: 0.7, max: 0.5}"},
			errs:  []string{"s.yaml:53:82: roles[0].components[4].max: max 0.5 is below min 0.7"},
		},
		{
			name:  "proportional min zero",
			edits: map[int]string{53: "      - {id: share, type: proportional, kpi: calls, amount: 5000, min: 0, max: 1.2}"},
			errs:  []string{"s.yaml:53:72: roles[0].components[4].min: 0 must be greater than zero"},
		},
		{
			name:  "proportional negative min, reported once",
			edits: map[int]string{53: "      - {id: share, type: proportional, kpi: calls, amount: 5000, min: -0.7, max: 1.2}"},
			errs:  []string{"s.yaml:53:72: roles[0].components[4].min: -0.7 must be greater than zero"},
		},
		{
			name:  "unit bonus without price and rate",
			edits: map[int]string{54: "      - {id: per_unit, type: unit_bonus, kpi: units}"},
			errs: []string{
				"s.yaml:54:9: roles[0].components[5]: price is required",
				"s.yaml:54:9: roles[0].components[5]: rate is required",
			},
		},
		{
			name:  "unit bonus without kpi",
			edits: map[int]string{54: "      - {id: per_unit, type: unit_bonus, price: 4990, rate: 0.03}"},
			errs:  []string{"s.yaml:54:9: roles[0].components[5]: kpi is required"},
		},
		{
			name:  "unit bonus negative price",
			edits: map[int]string{54: "      - {id: per_unit, type: unit_bonus, kpi: units, price: -4990, rate: 0.03}"},
			errs:  []string{"s.yaml:54:61: roles[0].components[5].price: -4990 is negative; it must be zero or more"},
		},
		{
			name:  "unit bonus with a ladder",
			edits: map[int]string{54: "      - {id: per_unit, type: unit_bonus, kpi: units, price: 4990, rate: 0.03, ladder: marg}"},
			errs:  []string{"s.yaml:54:87: roles[0].components[5].ladder: not used by a unit_bonus component: remove it"},
		},
		{
			name:  "commission with a when",
			edits: map[int]string{49: "      - {id: comm, type: commission, kpi: sales, rate: 0.02, when: {condition: no_errors}}"},
			errs:  []string{"s.yaml:49:68: roles[0].components[0].when: not used by a commission component: remove it"},
		},
		{
			name:  "component type missing",
			edits: map[int]string{49: "      - {id: comm, kpi: sales, rate: 0.02}"},
			errs:  []string{"s.yaml:49:9: roles[0].components[0]: type is required: commission, bonus, proportional, unit_bonus, pool, draw, formula, override, clawback or true_up"},
		},
		{
			name:  "component type unknown",
			edits: map[int]string{49: "      - {id: comm, type: fee, kpi: sales, rate: 0.02}"},
			errs:  []string{`s.yaml:49:26: roles[0].components[0].type: "fee" is not a component type: use commission, bonus, proportional, unit_bonus, pool, draw, formula, override, clawback or true_up`},
		},
		{
			name:  "component id missing",
			edits: map[int]string{49: "      - {type: commission, kpi: sales, rate: 0.02}"},
			errs:  []string{"s.yaml:49:9: roles[0].components[0]: id is required"},
		},
	})
}

func TestValidateModifiers(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name:  "quality gate without fact, min, factor",
			edits: map[int]string{56: "      - {id: quality, type: quality_gate}"},
			errs: []string{
				"s.yaml:56:9: roles[0].modifiers[0]: fact is required: the Facts column holding the quality score",
				"s.yaml:56:9: roles[0].modifiers[0]: min is required",
				"s.yaml:56:9: roles[0].modifiers[0]: factor is required",
			},
		},
		{
			name:  "quality gate factor above 1",
			edits: map[int]string{56: "      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 1.5}"},
			errs:  []string{"s.yaml:56:76: roles[0].modifiers[0].factor: 1.5 must be between 0 and 1"},
		},
		{
			name:  "quality gate with per_day",
			edits: map[int]string{56: "      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 0.5, per_day: 1}"},
			errs:  []string{"s.yaml:56:90: roles[0].modifiers[0].per_day: not used by a quality_gate modifier: remove it"},
		},
		{
			name:  "team without multipliers",
			edits: map[int]string{57: "      - {id: team, type: team}"},
			errs:  []string{"s.yaml:57:9: roles[0].modifiers[1]: multipliers are required: minimum, normal, maximum (and below, default 1)"},
		},
		{
			name:  "team without normal",
			edits: map[int]string{57: "      - {id: team, type: team, multipliers: {minimum: 1.05, maximum: 1.2}}"},
			errs:  []string{"s.yaml:57:45: roles[0].modifiers[1].multipliers: normal is required"},
		},
		{
			name:  "team negative below",
			edits: map[int]string{57: "      - {id: team, type: team, multipliers: {below: -1, minimum: 1.05, normal: 1.1, maximum: 1.2}}"},
			errs:  []string{"s.yaml:57:53: roles[0].modifiers[1].multipliers.below: -1 is negative; it must be zero or more"},
		},
		{
			name:  "team with a factor",
			edits: map[int]string{57: "      - {id: team, type: team, factor: 0.5, multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}}"},
			errs:  []string{"s.yaml:57:40: roles[0].modifiers[1].factor: not used by a team modifier: remove it"},
		},
		{
			name:  "reduction without factor or fact",
			edits: map[int]string{58: "      - {id: cut, type: reduction}"},
			errs:  []string{"s.yaml:58:9: roles[0].modifiers[2]: a reduction needs either factor (e.g. 0.9) or fact (a Facts column with each person's factor)"},
		},
		{
			name:  "reduction with factor and fact",
			edits: map[int]string{58: "      - {id: cut, type: reduction, factor: 0.9, fact: discipline}"},
			errs:  []string{"s.yaml:58:9: roles[0].modifiers[2]: a reduction needs either factor (e.g. 0.9) or fact"},
		},
		{
			name:  "reduction factor above 1",
			edits: map[int]string{58: "      - {id: cut, type: reduction, factor: 1.2}"},
			errs:  []string{"s.yaml:58:44: roles[0].modifiers[2].factor: 1.2 must be between 0 and 1"},
		},
		{
			name:  "reduction factor just above 1",
			edits: map[int]string{58: "      - {id: cut, type: reduction, factor: 1.0000001}"},
			errs:  []string{"s.yaml:58:44: roles[0].modifiers[2].factor: 1.0000001 must be between 0 and 1"},
		},
		{
			name:  "reduction factor negative",
			edits: map[int]string{58: "      - {id: cut, type: reduction, factor: -0.1}"},
			errs:  []string{"s.yaml:58:44: roles[0].modifiers[2].factor: -0.1 must be between 0 and 1"},
		},
		{name: "reduction factor 1", edits: map[int]string{58: "      - {id: cut, type: reduction, factor: 1}"}},
		{name: "reduction factor 0", edits: map[int]string{58: "      - {id: cut, type: reduction, factor: 0}"}},
		{
			name:  "overdue without per_day",
			edits: map[int]string{60: "      - {id: late, type: overdue}"},
			errs:  []string{"s.yaml:60:9: roles[0].modifiers[4]: per_day is required"},
		},
		{
			name:  "overdue negative per_day",
			edits: map[int]string{60: "      - {id: late, type: overdue, per_day: -100}"},
			errs:  []string{"s.yaml:60:44: roles[0].modifiers[4].per_day: -100 is negative; it must be zero or more"},
		},
		{
			name:  "modifier type missing",
			edits: map[int]string{58: "      - {id: cut, factor: 0.9}"},
			errs:  []string{"s.yaml:58:9: roles[0].modifiers[2]: type is required: quality_gate, team, reduction or overdue"},
		},
		{
			name:  "modifier type unknown",
			edits: map[int]string{58: "      - {id: cut, type: cut}"},
			errs:  []string{`s.yaml:58:25: roles[0].modifiers[2].type: "cut" is not a modifier type: use quality_gate, team, reduction or overdue`},
		},
		{
			name:  "modifier id missing",
			edits: map[int]string{58: "      - {type: reduction, factor: 0.9}"},
			errs:  []string{"s.yaml:58:9: roles[0].modifiers[2]: id is required"},
		},
	})
}

func TestValidateWarnings(t *testing.T) {
	// ladder_role's KPIs, rewritten: n KPIs on lines 67 onwards.
	kpis := func(n int) map[int]string {
		var lines []string
		for i := 0; i < n; i++ {
			lines = append(lines, fmt.Sprintf("      - {id: k%d, norm: 1, ladder: steps}", i))
		}
		return map[int]string{67: strings.Join(lines, "\n"), 68: "      # replaced"}
	}
	runValidateCases(t, []validateCase{
		{
			name:  "variable under 5 % of the target income",
			edits: map[int]string{34: "    variable: 1000"},
			warns: []string{"s.yaml:34:15: roles[0].variable: warning: the variable target 1000 is under 5% of the target income 31000 (docs/design-rules.md §6.3)"},
		},
		{
			name:  "variable exactly 5 %",
			edits: map[int]string{33: "    fixed: 19000", 34: "    variable: 1000"},
			// The variable part passes as a whole, but no KPI can: each carries
			// 1,000 × its weight, under 1,000 = 5 % of 20,000.
			warns: []string{
				`s.yaml:40:29: roles[0].kpis[0].weight: warning: KPI "sales" carries 500 at its norm (weight 0.5 × variable target 1000), under 5% of the target income 20000`,
				`s.yaml:41:29: roles[0].kpis[1].weight: warning: KPI "costs" carries 300 at its norm`,
				`s.yaml:42:29: roles[0].kpis[2].weight: warning: KPI "calls" carries 200 at its norm`,
			},
		},
		{
			name:  "variable just under 5 %",
			edits: map[int]string{33: "    fixed: 19001", 34: "    variable: 1000"},
			warns: []string{"s.yaml:34:15: roles[0].variable: warning: the variable target 1000 is under 5% of the target income 20001"},
		},
		{
			name:  "variable zero",
			edits: map[int]string{34: "    variable: 0"},
			warns: []string{"s.yaml:34:15: roles[0].variable: warning: the variable target 0 is under 5% of the target income 30000"},
		},
		{
			name:  "one KPI",
			edits: kpis(1),
			warns: []string{"s.yaml:67:7: roles[1].kpis: warning: 1 KPI: 3 to 5 suit a staff member and 6 to 8 a manager (docs/design-rules.md §6.1)"},
		},
		{name: "two KPIs", edits: kpis(2)},
		{name: "nine KPIs", edits: kpis(9)},
		{
			name:  "ten KPIs",
			edits: kpis(10),
			warns: []string{"s.yaml:67:7: roles[1].kpis: warning: 10 KPIs: 3 to 5 suit a staff member and 6 to 8 a manager (docs/design-rules.md §6.1)"},
		},
		{
			name:  "warnings and errors together",
			edits: map[int]string{1: "version: 2", 34: "    variable: 1000"},
			errs:  []string{"s.yaml:1:10: version: version 2 is not supported"},
			warns: []string{"s.yaml:34:15: roles[0].variable: warning: the variable target 1000 is under 5%"},
		},
	})
}

func TestValidateReportsEveryProblem(t *testing.T) {
	runValidateCases(t, []validateCase{{
		name: "six problems",
		edits: map[int]string{
			1:  "version: 2",
			12: "      - {from: 0.9, to: 1, value: 0.5}",
			42: "      - {id: calls, weight: 0.1, base: 10, norm: 20, target: 30, cap: 1.5, gate: 0.5}",
			49: "      - {id: comm, type: commission, kpi: sales, rate: -0.02}",
			58: "      - {id: cut, type: reduction, factor: 1.2}",
			67: "      - {id: sales, norm: 1000, ladder: nope}",
		},
		errs: []string{
			"s.yaml:1:10: version: version 2 is not supported; this premia reads version 1",
			"s.yaml:12:16: ladders[0].tiers[1].from: a gap between tiers",
			"s.yaml:40:7: roles[0].kpis: the weights sum to 0.9; they must sum to exactly 1",
			"s.yaml:49:56: roles[0].components[0].rate: -0.02 is negative; it must be zero or more",
			"s.yaml:58:44: roles[0].modifiers[2].factor: 1.2 must be between 0 and 1",
			`s.yaml:67:41: roles[1].kpis[0].ladder: ladder "nope" is not defined`,
		},
		warns: []string{`s.yaml:42:29: roles[0].kpis[2].weight: warning: KPI "calls" carries 2000 at its norm`},
	}})
}

// TestValidateExamples: every example scheme parses and validates.
func TestValidateExamples(t *testing.T) {
	paths, err := filepath.Glob("../examples/*/scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	if len(paths) < 4 {
		t.Fatalf("found %d example schemes, want at least 4", len(paths))
	}
	for _, path := range paths {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			s, err := plan.Load(path)
			if err != nil {
				t.Fatalf("Load(%s) error = %v, want none", path, err)
			}
			warnings, err := s.Validate()
			if err != nil {
				t.Errorf("Validate(%s) error = %v, want none", path, err)
			}
			for _, w := range warnings {
				t.Logf("Validate(%s) warning: %v", path, w)
			}
		})
	}
}

// check runs plan.Check on in, turning a panic into a test failure.
func check(t *testing.T, in string) (s *plan.Scheme, warnings []error, err error, ok bool) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("Check() panicked: %v", r)
			ok = false
		}
	}()
	s, warnings, err = plan.Check(strings.NewReader(in), "s.yaml")
	return s, warnings, err, true
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		errs  []string
		warns []string
	}{
		{name: "base", in: base},
		{
			name: "structural and semantic problems together, by place",
			in: `version: 1
id: x
currency: RUB
ladders:
  - id: steps
    type: step
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.9, value: 1}
roles:
  - id: a
    bonus: {method: index}
    kpis:
      - {id: k, wieght: 0.5, base: 100, norm: 100}
      - {id: j, weight: 1, norm: 10%}
`,
			errs: []string{
				"s.yaml:9:16: ladders[0].tiers[1].from: a gap between tiers",
				`s.yaml:14:17: roles[0].kpis[0].wieght: unknown key (did you mean "weight"?)`,
				"s.yaml:14:47: roles[0].kpis[0].norm: norm 100 equals base 100",
				`s.yaml:15:34: roles[0].kpis[1].norm: "10%" is not a decimal number`,
			},
		},
		{
			name: "a value that failed is not also missing",
			in: `version: 1
id: x
currency: RUB
roles:
  - id: a
    kpis: [{id: k}]
    components:
      - {id: u, type: unit_bonus, kpi: k, price: ~, rate: 1e3}
`,
			errs: []string{
				"s.yaml:8:50: roles[0].components[0].price: no value (empty or null)",
				`s.yaml:8:59: roles[0].components[0].rate: "1e3" is not a decimal number`,
			},
		},
		{
			name: "a weight that failed does not upset the sum",
			in: `version: 1
id: x
currency: RUB
roles:
  - id: a
    bonus: {method: index}
    kpis:
      - {id: k, weight: 10%}
      - {id: j, weight: 0.5}
`,
			errs: []string{`s.yaml:8:25: roles[0].kpis[0].weight: "10%" is not a decimal number`},
		},
		{
			name: "version that failed is not also unsupported",
			in: `version: x
id: x
currency: RUB
roles:
  - id: a
`,
			errs: []string{`s.yaml:1:10: version: "x" is not a whole number`},
		},
		{
			name: "a norm that failed invents no target problem",
			in: `version: 1
id: x
currency: RUB
roles:
  - id: a
    kpis:
      - {id: k, base: 100, norm: 10%, target: 300}
`,
			errs: []string{`s.yaml:7:34: roles[0].kpis[0].norm: "10%" is not a decimal number`},
		},
		{
			name: "a tier bound that failed invents no gap",
			in: `version: 1
id: x
currency: RUB
ladders:
  - id: l
    type: step
    tiers:
      - {from: 0, to: 1%, value: 1}
      - {from: 1, value: 2}
roles:
  - id: a
`,
			errs: []string{`s.yaml:8:23: ladders[0].tiers[0].to: "1%" is not a decimal number`},
		},
		{
			name: "a variable that failed invents no warning",
			in: `version: 1
id: x
currency: RUB
roles:
  - id: a
    fixed: 30000
    variable: 10%
    bonus: {method: index}
    kpis: [{id: k, weight: 0.5}, {id: j, weight: 0.5}]
`,
			errs: []string{`s.yaml:7:15: roles[0].variable: "10%" is neither an amount nor a share of the fixed part: write an amount (15000) or a percentage of the fixed part (50% of fixed)`},
		},
		{
			name: "an empty role",
			in: `version: 1
id: x
currency: RUB
roles:
  -
`,
			errs: []string{"s.yaml:5:4: roles[0]: no value (empty or null)"},
		},
		{
			name: "null list items everywhere",
			in: `version: 1
id: x
currency: RUB
ladders:
  - ~
  - {id: l, type: step, tiers: [~]}
  - {id: m, type: linear, points: [~, ~]}
roles:
  - id: a
    kpis: [~]
    conditions: [~]
    gates: [~]
    components: [~]
    modifiers: [~]
`,
			errs: []string{
				"s.yaml:5:5: ladders[0]: no value (empty or null)",
				"s.yaml:6:33: ladders[1].tiers[0]: no value (empty or null)",
				"s.yaml:7:36: ladders[2].points[0]: no value (empty or null)",
				"s.yaml:7:39: ladders[2].points[1]: no value (empty or null)",
				"s.yaml:10:12: roles[0].kpis[0]: no value (empty or null)",
				"s.yaml:11:18: roles[0].conditions[0]: no value (empty or null)",
				"s.yaml:12:13: roles[0].gates[0]: no value (empty or null)",
				"s.yaml:13:18: roles[0].components[0]: no value (empty or null)",
				"s.yaml:14:17: roles[0].modifiers[0]: no value (empty or null)",
			},
		},
		{
			name: "broken YAML",
			in:   "version: 1\nid: [\n",
			errs: []string{"s.yaml:2:1: broken YAML: did not find expected node content"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warnings, err, ok := check(t, tt.in)
			if !ok {
				return
			}
			checkMessages(t, "Check() error", err, tt.errs)
			if err != nil && s != nil {
				t.Errorf("Check() returned a scheme with its error, want nil")
			}
			if err == nil && s == nil {
				t.Errorf("Check() = nil scheme and no error")
			}
			for i := 0; i < len(warnings) || i < len(tt.warns); i++ {
				switch {
				case i >= len(tt.warns):
					t.Errorf("Check() extra warning %d = %q, want none", i, warnings[i])
				case i >= len(warnings):
					t.Errorf("Check() warning %d missing, want %q", i, tt.warns[i])
				case !strings.HasPrefix(warnings[i].Error(), tt.warns[i]):
					t.Errorf("Check() warning %d = %q, want it to start with %q", i, warnings[i], tt.warns[i])
				}
			}
		})
	}
}

func TestOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.yaml")
	s, warnings, err := plan.Open(path)
	checkMessages(t, "Open(missing)", err, []string{path + ": cannot open the scheme: no such file or directory"})
	if s != nil || warnings != nil {
		t.Errorf("Open(missing) = %v, %v, want nil scheme and warnings", s, warnings)
	}
	paths, err := filepath.Glob("../examples/*/scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		s, _, err := plan.Open(path)
		if err != nil || s == nil {
			t.Errorf("Open(%s) = %v, %v, want a scheme and no error", path, s, err)
		}
	}
}

// TestAcceptedWarnings: a role that accepts a design-rule warning is not
// warned of it (the others still are); an id that is no warning is an
// error at the key; every warning says how to accept it.
func TestAcceptedWarnings(t *testing.T) {
	const scheme = `version: 1
id: t
currency: RUB
roles:
  - id: seller
    fixed: 30000
    variable: 1000
    bonus: {method: index}
    ACCEPT
    kpis:
      - {id: sales, weight: 0.99, base: 0, norm: 10}
      - {id: calls, weight: 0.01, base: 0, norm: 10}
`
	warned := func(accept string) []string {
		t.Helper()
		_, warnings, err := plan.Check(strings.NewReader(strings.Replace(scheme, "ACCEPT", accept, 1)), "s.yaml")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, w := range warnings {
			out = append(out, w.Error())
		}
		return out
	}
	all := warned("title: Seller")
	if len(all) != 2 || !strings.Contains(all[0], "accepted_warnings: [small_variable]") || !strings.Contains(all[1], "accepted_warnings: [small_weight]") {
		t.Fatalf("without acceptance: %q", all)
	}
	if got := warned("accepted_warnings: [small_weight]"); len(got) != 1 || !strings.Contains(got[0], "under 5%") {
		t.Errorf("small_weight accepted: %q", got)
	}
	if got := warned("accepted_warnings: [small_weight, small_variable, kpi_count]"); len(got) != 0 {
		t.Errorf("all accepted: %q", got)
	}
	_, _, err := plan.Check(strings.NewReader(strings.Replace(scheme, "ACCEPT", "accepted_warnings: [few_kpis]", 1)), "s.yaml")
	want := `s.yaml:9:24: roles[0].accepted_warnings: "few_kpis" is not a warning premia gives: the warnings a role may accept are kpi_count, small_weight, small_variable, small_stake`
	if err == nil || err.Error() != want {
		t.Errorf("an unknown warning: %v, want %s", err, want)
	}
}

func TestValidateDraws(t *testing.T) {
	const scheme = `version: 1
id: d
currency: RUB
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales}
    components:
      - {id: commission, type: commission, kpi: sales, rate: 0.02, recoverable: true}
      - {id: draw, type: draw, amount: 5000, recoverable: true}
      - {id: second, type: draw}
`
	_, _, err := plan.Check(strings.NewReader(scheme), "s.yaml")
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		`s.yaml:10:81: roles[0].components[0].recoverable: recoverable is for a draw, not a commission component: remove it`,
		`s.yaml:12:28: roles[0].components[2].type: a role has one draw, and "draw" is its draw already: merge the two`,
		`s.yaml:12:9: roles[0].components[2]: amount is required`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
}

func TestValidatePrior(t *testing.T) {
	const scheme = `version: 1
id: p
currency: RUB
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: sales}
    components:
      - {id: flat, type: commission, kpi: sales, rate: 0.02, prior: ytd}
      - {id: fee, type: bonus, amount: 100, when: {kpi: sales, reaches: norm}, prior: ytd}
`
	_, _, err := plan.Check(strings.NewReader(scheme), "s.yaml")
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		// The value of prior starts at column 69 (line 10) and 87 (line 11).
		`s.yaml:10:69: roles[0].components[0].prior: prior adds this period's sales to the year's before it`,
		`s.yaml:11:87: roles[0].components[1].prior: prior is for a commission, not a bonus component: remove it`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
}

func TestValidateStakePerKPI(t *testing.T) {
	// Fixed 20,000 and variable 20,000: the income is 40,000 and 5 % of it
	// 2,000. A weight of 0.08 carries 1,600 at the norm and warns; 0.10
	// carries 2,000 and passes; 0.82 carries 16,400.
	scheme := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 20000
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: a, weight: 0.08, base: 0, norm: 1}
      - {id: b, weight: 0.10, base: 0, norm: 1}
      - {id: c, weight: 0.82, base: 0, norm: 1}
`
	_, warnings, err := plan.Check(strings.NewReader(scheme), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var stake []string
	for _, w := range warnings {
		if strings.Contains(w.Error(), "small_stake") {
			stake = append(stake, w.Error())
		}
	}
	want := `s.yaml:10:25: roles[0].kpis[0].weight: warning: KPI "a" carries 1600 at its norm (weight 0.08 × variable target 20000), under 5% of the target income 40000`
	if len(stake) != 1 || !strings.HasPrefix(stake[0], want) {
		t.Errorf("stake warnings %q, want one starting %q", stake, want)
	}
	// Accepted: no warning.
	_, warnings, _ = plan.Check(strings.NewReader(strings.Replace(scheme, "    fixed: 20000", "    accepted_warnings: [small_stake]\n    fixed: 20000", 1)), "s.yaml")
	for _, w := range warnings {
		if strings.Contains(w.Error(), "small_stake") {
			t.Errorf("accepted, still warned: %v", w)
		}
	}
}

func TestValidateFormulaComponents(t *testing.T) {
	head := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 20000
    components:
`
	for _, tc := range []struct {
		name, comps string
		want        []string
	}{
		{"fine, in any order", `      - {id: pf, type: formula, formula: 0.12 * (basic - hra)}
      - {id: basic, type: formula, formula: 0.6 * fixed, prorate: true, round: 1}
      - {id: hra, type: formula, formula: 0.2 * fixed, prorate: true, round: 1}
`, nil},
		{"unknown name", `      - {id: a, type: formula, formula: 0.1 * salary}
`, []string{`s.yaml:8:47: roles[0].components[0].formula: "salary" is not an amount a formula component reads: use fixed, variable, bonus or another component of the role (none)`}},
		{"itself", `      - {id: a, type: formula, formula: a + 1}
`, []string{`s.yaml:8:41: roles[0].components[0].formula: the formula of component "a" reads the component itself`}},
		{"a cycle", `      - {id: a, type: formula, formula: b + 1}
      - {id: b, type: formula, formula: c * 2}
      - {id: c, type: formula, formula: 0.5 * a}
`, []string{`s.yaml:8:41: roles[0].components[0].formula: components read each other in a cycle (a → b → c → a): one of them must not read the other`}},
		{"a draw", `      - {id: d, type: draw, amount: 5000}
      - {id: a, type: formula, formula: 0.1 * d}
`, []string{`s.yaml:9:47: roles[0].components[1].formula: "d" (type draw) is set once every other amount is known: a formula cannot read it`}},
		{"no bonus section", `      - {id: a, type: formula, formula: 0.1 * bonus}
`, []string{`s.yaml:8:47: roles[0].components[0].formula: the role has no bonus section, so it has no bonus for the formula to read`}},
		{"round finer than the scheme's step", `      - {id: a, type: formula, formula: 0.1 * fixed, round: 0.001}
`, []string{`s.yaml:8:61: roles[0].components[0].round: round 0.001 is not a multiple of the scheme's rounding step 0.01`}},
		{"round zero", `      - {id: a, type: formula, formula: 0.1 * fixed, round: 0}
`, []string{`s.yaml:8:61: roles[0].components[0].round: 0 must be greater than zero`}},
		{"no formula", `      - {id: a, type: formula}
`, []string{`s.yaml:8:9: roles[0].components[0]: formula is required`}},
		{"prorate elsewhere", `      - {id: b, type: bonus, amount: 100, when: {condition: c}, prorate: true}
`, []string{`s.yaml:9:74: roles[0].components[0].prorate: prorate is for a formula component, not a bonus component: remove it`}},
		{"a formula elsewhere", `      - {id: b, type: draw, amount: 100, formula: fixed}
`, []string{`s.yaml:8:51: roles[0].components[0].formula: a formula computes a formula component's amount (type: formula), not a draw component's: remove it`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := head + tc.comps
			if strings.Contains(tc.comps, "condition: c") {
				in = strings.Replace(in, "    components:\n", "    conditions: [{id: c, coefficient: 0}]\n    components:\n", 1)
			}
			_, _, err := plan.Check(strings.NewReader(in), "s.yaml")
			var got []string
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					if !strings.Contains(line, "coefficient") && !strings.Contains(line, "condition") {
						got = append(got, line)
					}
				}
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

func TestVariableShareOfFixed(t *testing.T) {
	scheme := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 30000
    variable: VAR
    bonus: {method: index}
    kpis:
      - {id: a, weight: 0.5, base: 0, norm: 1}
      - {id: b, weight: 0.5, base: 0, norm: 1}
      - {id: c, weight: 0, base: 0, norm: 1}
`
	scheme = strings.Replace(scheme, "      - {id: c, weight: 0, base: 0, norm: 1}\n", "", 1)
	for _, tc := range []struct{ in, share, err string }{
		{"50% of fixed", "0.5", ""},
		{"12.5 % of fixed", "0.125", ""},
		{"150%  of fixed", "1.5", ""},
		{"50%", "", `s.yaml:7:15: roles[0].variable: "50%" is neither an amount nor a share of the fixed part`},
		{"50% of salary", "", `s.yaml:7:15: roles[0].variable: "50% of salary" is neither an amount nor a share of the fixed part`},
		{"-5% of fixed", "", `s.yaml:7:15: roles[0].variable: "-5% of fixed" is neither an amount nor a share of the fixed part`},
		{"15000", "", ""},
	} {
		s, _, err := plan.Check(strings.NewReader(strings.Replace(scheme, "VAR", tc.in, 1)), "s.yaml")
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		v := s.Roles[0].Variable
		if tc.share != "" && (!v.OfFixed || v.V.String() != tc.share) {
			t.Errorf("%q: read as %s (of fixed: %v), want the share %s", tc.in, v.V, v.OfFixed, tc.share)
		}
		if tc.share == "" && v.OfFixed {
			t.Errorf("%q: read as a share", tc.in)
		}
	}
	// The 5 % warning weighs the share as an amount: 4 % of 30,000 is
	// 1,200, under 5 % of 31,200 (1,560).
	_, warnings, err := plan.Check(strings.NewReader(strings.Replace(scheme, "VAR", "4% of fixed", 1)), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) == 0 || !strings.HasPrefix(warnings[0].Error(), "s.yaml:7:15: roles[0].variable: warning: the variable target 4% of fixed is under 5% of the target income 31200") {
		t.Errorf("warnings %v, want the small_variable warning for 1,200 of 31,200", warnings)
	}
}

func TestShareOnlyForAFixedBonus(t *testing.T) {
	in := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 20000
    components:
      - {id: d, type: draw, amount: 10% of fixed}
`
	_, _, err := plan.Check(strings.NewReader(in), "s.yaml")
	want := `s.yaml:8:37: roles[0].components[0].amount: a share of the fixed part is the amount of a fixed bonus (type: bonus), not of a draw component: write an amount, or use a formula component (formula: 0.1 * fixed)`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestValidateOverride(t *testing.T) {
	head := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 20000
    components:
      - {id: commission, type: commission, kpi: sales, rate: 0.01}
`
	kpis := "    kpis: [{id: sales}]\n"
	for _, tc := range []struct {
		name, comp string
		want       []string
	}{
		{"fine", `      - {id: o, type: override, of: revenue, rate: 0.1, levels: 2, net_of: [commission, o]}
`, nil},
		{"no of, no rate", `      - {id: o, type: override}
`, []string{
			`s.yaml:9:9: roles[0].components[1]: rate is required`,
			`s.yaml:9:9: roles[0].components[1]: of is required`,
		}},
		{"levels not whole", `      - {id: o, type: override, of: revenue, rate: 0.1, levels: 1.5}
`, []string{`s.yaml:9:65: roles[0].components[1].levels: levels 1.5 is not a number of levels`}},
		{"net of an unknown component", `      - {id: o, type: override, of: revenue, rate: 0.1, net_of: [comission]}
`, []string{`s.yaml:9:65: roles[0].components[1].net_of[0]: "comission" is not a component of the scheme`}},
		{"of on a commission", `      - {id: c2, type: commission, kpi: sales, rate: 0.1, of: revenue}
`, []string{`s.yaml:9:63: roles[0].components[1].of: of is for an override, a clawback or a true-up, not a commission component: remove it`}},
		{"a formula reads an override", `      - {id: o, type: override, of: revenue, rate: 0.1}
      - {id: f, type: formula, formula: 0.5 * o}
`, []string{`s.yaml:10:47: roles[0].components[2].formula: "o" (type override) is set once every other amount is known: a formula cannot read it`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := head + tc.comp + kpis
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

func TestValidateAggregatedKPI(t *testing.T) {
	head := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 0
    kpis:
      - {id: revenue}
`
	for _, tc := range []struct{ name, kpi, want string }{
		{"fine", "      - {id: dept, source: department, of: revenue, aggregate: average}\n", ""},
		{"team", "      - {id: team, source: team, of: revenue}\n", ""},
		{"no of", "      - {id: dept, source: department}\n", `s.yaml:9:28: roles[0].kpis[1]: of is required with source: department`},
		{"itself", "      - {id: dept, source: team, of: dept}\n", `s.yaml:9:38: roles[0].kpis[1].of: KPI "dept" aggregates itself`},
		{"a bad aggregate", "      - {id: dept, source: team, of: revenue, aggregate: median}\n", `s.yaml:9:58: roles[0].kpis[1].aggregate: "median" is not an aggregate: use sum or average`},
		{"of without the source", "      - {id: dept, of: revenue}\n", `s.yaml:9:24: roles[0].kpis[1].of: of names the column a department or team KPI aggregates`},
		{"with a formula", "      - {id: dept, source: department, of: revenue, formula: revenue * 2}\n", `s.yaml:9:62: roles[0].kpis[1].formula: a KPI is computed by a formula or aggregated over people (source: department), not both`},
	} {
		_, _, err := plan.Check(strings.NewReader(head+tc.kpi), "s.yaml")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want it to start with %q", tc.name, err, tc.want)
		}
	}
}

// shapesYAML holds the ladder shapes of issue 12, item 7, written wrong in
// every way the checker knows.
const shapesYAML = `version: 1
id: x
currency: RUB
ladders:
  - id: a
    type: step
    inclusive: upper
    tiers:
      - {from: 0, to: 100000, amount: 0}
      - {from: 100000, to: 200000, amount: 5000, rate: 0.01}
      - {from: 200000, amount: -1}
  - id: b
    type: marginal
    inclusive: to
    tiers:
      - {from: 0, to: 0.8, rate: 0.03}
      - {from: 0.9, rate: 0.05, amount: 100}
  - id: c
    type: increment
    tiers:
      - {from: 0, value: 0, amount: 1}
  - id: d
    type: linear
    inclusive: to
    points: [{at: 0, value: 0}, {at: 1, value: 1}]
roles:
  - id: r
    fixed: 0
    variable: 1000
    bonus: {method: both, payout: a}
    kpis:
      - {id: sales, weight: 1, norm: 100000, ladder: a}
      - {id: costs, base: 60, norm: 50}
    components:
      - {id: c1, type: commission, kpi: sales, rate: 0.02, tiers_on: attainment}
      - {id: c2, type: commission, kpi: costs, ladder: b, tiers_on: attainment}
      - {id: c3, type: commission, kpi: sales, ladder: a, tiers_on: quota}
      - {id: c4, type: bonus, amount: 1, when: {kpi: sales, reaches: norm}, tiers_on: fact}
`

func TestValidateLadderShapes(t *testing.T) {
	runValidateCases(t, []validateCase{
		{
			name: "every shape written wrong",
			yaml: shapesYAML,
			errs: []string{
				`s.yaml:7:16: ladders[0].inclusive: "upper" is not a bound of a tier: use from (each tier holds its from, not its to: the default) or to (each tier holds its to, not its from)`,
				"s.yaml:10:56: ladders[0].tiers[1].rate: not used in a step ladder (a step tier's rate is its value: the tier pays amount + value × fact): remove it",
				"s.yaml:11:32: ladders[0].tiers[2].amount: -1 is negative; it must be zero or more",
				"s.yaml:17:16: ladders[1].tiers[1].from: a gap between tiers: this tier starts at 0.9 but the previous one ends at 0.8 (with inclusive: to each tier holds its to, not its from; the next from must equal the previous to)",
				"s.yaml:17:41: ladders[1].tiers[1].amount: not used in a marginal ladder (each slice is paid at its tier's rate; for a sum paid on reaching a level, use a step ladder or a bonus component): remove it",
				"s.yaml:21:37: ladders[2].tiers[0].amount: not used in an increment ladder (a fixed amount per tier is for a step ladder of a commission): remove it",
				"s.yaml:24:16: ladders[3].inclusive: inclusive says which bound of a tier holds a value equal to it, and a linear ladder has points, not tiers: remove it",
				`s.yaml:32:54: roles[0].kpis[0].ladder: ladder "a" pays a fixed amount (its tiers[0] has amount), and a KPI's ladder gives a coefficient: an amount is paid by a commission's ladder; give these tiers value instead`,
				`s.yaml:30:35: roles[0].bonus.payout: ladder "a" pays a fixed amount (its tiers[0] has amount), and a payout ladder gives a coefficient`,
				"s.yaml:35:70: roles[0].components[0].tiers_on: tiers_on: attainment keys a ladder's tiers on fact / norm, and this commission has a rate and no ladder: give it a ladder, or remove tiers_on",
				`s.yaml:36:69: roles[0].components[1].tiers_on: KPI "costs" is lower-is-better, and tiers on attainment need a higher-is-better KPI (a commission pays a share of what was sold): remove tiers_on to key the tiers on the fact`,
				`s.yaml:37:69: roles[0].components[2].tiers_on: "quota" is not what a commission's tiers can be keyed on: use fact (the default) or attainment (the KPI's fact / norm)`,
				"s.yaml:38:87: roles[0].components[3].tiers_on: tiers_on is for a commission, not a bonus component: remove it",
			},
		},
		{
			// Each shape written right: an upper bound on the last tier,
			// inclusive: to, fixed amounts (alone and with a rate) on a
			// commission's step ladder, tiers on attainment, step and
			// marginal, and on attainment counted from the year's start.
			name: "every shape written right",
			yaml: `version: 1
id: x
currency: RUB
ladders:
  - id: fixed
    type: step
    inclusive: to
    tiers:
      - {from: 0, to: 100000, amount: 0}
      - {from: 100000, to: 200000, amount: 5000}
      - {from: 200000, to: 500000, amount: 12000, value: 0.01}
  - id: rates
    type: step
    inclusive: from
    tiers:
      - {from: 0, to: 0.8, value: 0.03}
      - {from: 0.8, to: 1, value: 0.05}
      - {from: 1, to: 2, value: 0.07}
  - id: slices
    type: marginal
    inclusive: to
    tiers:
      - {from: 0, to: 0.8, rate: 0.03}
      - {from: 0.8, to: 1, rate: 0.05}
      - {from: 1, to: 2, rate: 0.07}
  - id: fulfilment
    type: increment
    inclusive: to
    tiers:
      - {from: 0, to: 1, value: 0}
      - {from: 1, to: 1.15, value: 0.45, every: 0.05, add: 0.005}
roles:
  - id: r
    fixed: 40000
    variable: 10000
    bonus: {method: ladders}
    kpis:
      - {id: sales, norm: 100000, ladder: fulfilment}
      - {id: margin, norm: 20000, ladder: fulfilment}
    components:
      - {id: c1, type: commission, kpi: sales, ladder: fixed}
      - {id: c2, type: commission, kpi: sales, ladder: rates, tiers_on: attainment}
      - {id: c3, type: commission, kpi: sales, ladder: slices, tiers_on: attainment}
      - {id: c4, type: commission, kpi: sales, ladder: slices, tiers_on: attainment, prior: sales_ytd}
      - {id: c5, type: commission, kpi: sales, ladder: rates, tiers_on: fact}
`,
		},
	})
}

func TestValidateTeamFromMembers(t *testing.T) {
	in := `version: 1
id: s
currency: RUB
roles:
  - id: m
    fixed: 0
    variable: 1000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: revenue, weight: 1, base: 0, norm: 100}
    modifiers:
      - {id: team, type: team, kpi: KPI, multipliers: {minimum: 1.05, normal: 1.1, maximum: 1.2}}
`
	if _, _, err := plan.Check(strings.NewReader(strings.Replace(in, "KPI", "revenue", 1)), "s.yaml"); err != nil {
		t.Errorf("kpi: revenue: %v", err)
	}
	_, _, err := plan.Check(strings.NewReader(strings.Replace(in, "KPI", "sales", 1)), "s.yaml")
	want := `s.yaml:13:37: roles[0].modifiers[0].kpi: no role of the scheme has a KPI "sales" read from the Facts table`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("kpi: sales: %v, want %s", err, want)
	}
}

// TestValidatePerDeal: a commission per deal reads the Deals table, not a
// KPI (docs/calculation.md §5.18); on and paid_only go with it only, and an
// overdue penalty counts payments or deals.
func TestValidatePerDeal(t *testing.T) {
	const good = `version: 1
id: p
currency: RUB
ladders:
  - id: oracle
    type: marginal
    tiers:
      - {from: 0, to: 1000, rate: 0.01}
      - {from: 1000, rate: 0.02}
roles:
  - id: rep
    fixed: 0
    variable: 1000
    bonus: {method: index}
    accepted_warnings: [kpi_count]
    kpis:
      - {id: calls, weight: 1, base: 0, norm: 100}
    components:
      - {id: per_deal, type: commission, per: deal, ladder: oracle}
      - {id: on_margin, type: commission, per: deal, on: margin, rate: 0.1, paid_only: true}
    modifiers:
      - {id: late, type: overdue, per_day: 10, source: deals}
`
	s, _, err := plan.Check(strings.NewReader(good), "s.yaml")
	if err != nil {
		t.Fatalf("a good scheme refused: %v", err)
	}
	if u := s.Deals(); !u.Any || !u.Margin || !u.Paid || !u.Due {
		t.Errorf("Deals() = %+v, want every column", u)
	}
	const bad = `version: 1
id: p
currency: RUB
ladders:
  - id: oracle
    type: marginal
    tiers:
      - {from: 0, rate: 0.01}
roles:
  - id: rep
    fixed: 0
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 1, base: 0, norm: 100}
    components:
      - {id: a, type: commission, per: deals, rate: 0.01}
      - {id: b, type: commission, per: deal, kpi: sales, on: profit, rate: 0.01}
      - {id: c, type: commission, per: deal, ladder: oracle, prior: ytd}
      - {id: d, type: commission, kpi: sales, rate: 0.01, on: margin, paid_only: true}
      - {id: e, type: bonus, amount: 1, when: {kpi: sales, reaches: norm}, per: deal}
      - {id: h, type: commission, per: deal, ladder: oracle, tiers_on: attainment}
    modifiers:
      - {id: f, type: overdue, per_day: 1, source: deal}
      - {id: g, type: reduction, factor: 0.5, source: deals}
`
	_, _, err = plan.Check(strings.NewReader(bad), "s.yaml")
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		`s.yaml:17:40: roles[0].components[0].per: "deals" is not what a commission is computed per: use deal`,
		`s.yaml:18:51: roles[0].components[1].kpi: a per-deal commission is computed on each deal of the Deals table, not on a KPI's fact: remove kpi`,
		`s.yaml:18:62: roles[0].components[1].on: "profit" is not what a deal's commission is computed on: use amount (the default) or margin`,
		`s.yaml:19:69: roles[0].components[2].prior: prior counts a period's sales on from the year's`,
		`s.yaml:20:63: roles[0].components[3].on: on says what of a deal a per-deal commission is computed on: give the commission per: deal, or remove on`,
		`s.yaml:20:82: roles[0].components[3].paid_only: paid_only pays a deal as its customer pays it`,
		`s.yaml:21:81: roles[0].components[4].per: per is for a commission, not a bonus component: remove it`,
		`s.yaml:22:72: roles[0].components[5].tiers_on: tiers_on: attainment keys a ladder's tiers on a KPI's fact / norm, and a per-deal commission sends each deal through the ladder`,
		`s.yaml:24:52: roles[0].modifiers[0].source: "deal" is not what an overdue penalty counts: use payments`,
		`s.yaml:25:55: roles[0].modifiers[1].source: not used by a reduction modifier: remove it`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
}

// TestValidatePriorYearToDateNeedsAColumn: the year to date is summed from
// the earlier periods' facts, so a KPI with no fact column of its own (a
// formula's) would count 0 for each open period: refused at prior.
func TestValidatePriorYearToDateNeedsAColumn(t *testing.T) {
	const scheme = `version: 1
id: p
currency: RUB
ladders:
  - {id: m, type: marginal, tiers: [{from: 0, to: 100, rate: 0.01}, {from: 100, rate: 0.02}]}
roles:
  - id: rep
    fixed: 0
    kpis:
      - {id: gross}
      - {id: net, formula: gross * 0.8}
    components:
      - {id: c, type: commission, kpi: net, ladder: m, prior: year-to-date}
      - {id: d, type: commission, kpi: gross, ladder: m, prior: year-to-date}
`
	_, _, err := plan.Check(strings.NewReader(scheme), "s.yaml")
	if err == nil {
		t.Fatal("accepted")
	}
	// The value of prior starts at column 63 of line 13.
	want := `s.yaml:13:63: roles[0].components[0].prior: the year to date sums the person's facts of KPI "net"`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q\nlacks %q", err, want)
	}
	if strings.Contains(err.Error(), "components[1]") {
		t.Errorf("the column KPI's year to date was refused: %v", err)
	}
}
