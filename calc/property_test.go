package calc_test

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/plan"
)

// Property tests: invariants that hold for any input, checked on inputs
// generated from fixed seeds (so a failure is reproducible).

const propScheme = `version: 1
id: prop
currency: RUB
rounding: {step: 0.01, mode: half-up}
ladders:
  - id: k
    type: linear
    points: [{at: 0.5, value: 0}, {at: 1, value: 1}, {at: 1.5, value: 1.3}]
  - id: steps
    type: increment
    tiers:
      - {from: 0, to: 0.8, value: 0}
      - {from: 0.8, to: 1, value: 0.3}
      - {from: 1, value: 0.45, every: 0.05, add: 0.005, max: 0.465}
roles:
  - id: idx
    fixed: 30000
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: a, weight: 0.4, base: 80, norm: 95, target: 100}
      - {id: b, weight: 0.3, base: 60000, norm: 50000, target: 45000}
      - {id: c, weight: 0.3, base: 100, norm: 150, target: 180}
  - id: pay
    fixed: 25000
    variable: 35000
    bonus: {method: index, payout: k}
    kpis:
      - {id: a, weight: 0.5, base: 80, norm: 95, target: 100}
      - {id: c, weight: 0.5, base: 100, norm: 150, target: 180}
    gates:
      - {kpi: c, min: 0.6}
  - id: lad
    fixed: 30000
    variable: 30000
    bonus: {method: ladders}
    kpis:
      - {id: a, norm: 95, ladder: steps}
      - {id: c, norm: 150, ladder: steps}
    conditions:
      - {id: ok, coefficient: 0.15}
`

func propLoad(t *testing.T) *plan.Scheme {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader(propScheme), "prop.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// genInput makes n employees across the three roles with facts around their plans.
func genInput(rng *rand.Rand, n int) *calc.Input {
	roles := []string{"idx", "pay", "lad"}
	in := &calc.Input{}
	for i := 0; i < n; i++ {
		v := func(lo, hi int, places int32) calc.Value {
			x := decimal.NewFromInt(int64(lo + rng.Intn(hi-lo+1))).Shift(-places)
			return calc.Value{V: x, Src: calc.Note("gen")}
		}
		e := calc.Employee{ID: fmt.Sprintf("E%04d", i), Name: "n", Role: roles[rng.Intn(3)], Src: calc.Note(fmt.Sprintf("row %d", i)),
			Facts: calc.FactsOf(map[string]calc.Value{
				"a": v(7000, 11000, 2), "b": v(40000, 65000, 0), "c": v(50, 200, 0), "ok": v(0, 1, 0),
			})}
		if rng.Intn(5) == 0 {
			e.DaysWorked, e.DaysInPeriod = &calc.Value{V: decimal.NewFromInt(int64(1 + rng.Intn(21))), Src: calc.Note("gen")}, &calc.Value{V: decimal.NewFromInt(22), Src: calc.Note("gen")}
		}
		in.Employees = append(in.Employees, e)
	}
	return in
}

func byID(res *calc.Result) map[string]*calc.EmployeeResult {
	m := map[string]*calc.EmployeeResult{}
	for _, e := range res.Employees {
		m[e.ID] = e
	}
	return m
}

func same(a, b *calc.EmployeeResult) bool {
	if !a.Fixed.Equal(b.Fixed) || !a.Bonus.Equal(b.Bonus) || !a.Total.Equal(b.Total) || a.Coefficient.Cmp(b.Coefficient) != 0 {
		return false
	}
	return fmt.Sprint(a.Steps) == fmt.Sprint(b.Steps)
}

func TestPropertyOrderAndIndependence(t *testing.T) {
	s := propLoad(t)
	for seed := int64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		in := genInput(rng, 30)
		res, err := calc.Run(s, in, calc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Employees) != len(in.Employees) {
			t.Fatalf("seed %d: %d results for %d employees", seed, len(res.Employees), len(in.Employees))
		}
		again, _ := calc.Run(s, in, calc.Options{})
		shuffled := &calc.Input{Employees: append([]calc.Employee(nil), in.Employees...)}
		rng.Shuffle(len(shuffled.Employees), func(i, j int) {
			shuffled.Employees[i], shuffled.Employees[j] = shuffled.Employees[j], shuffled.Employees[i]
		})
		moved, _ := calc.Run(s, shuffled, calc.Options{})
		a, b, c := byID(res), byID(again), byID(moved)
		for _, e := range in.Employees {
			alone, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{e}}, calc.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !same(a[e.ID], b[e.ID]) {
				t.Errorf("seed %d %s: two runs differ", seed, e.ID)
			}
			if !same(a[e.ID], c[e.ID]) {
				t.Errorf("seed %d %s: the result depends on row order", seed, e.ID)
			}
			if !same(a[e.ID], alone.Employees[0]) {
				t.Errorf("seed %d %s: the result depends on the other employees", seed, e.ID)
			}
		}
		for i := 1; i < len(res.Employees); i++ {
			if res.Employees[i-1].ID >= res.Employees[i].ID {
				t.Errorf("seed %d: results not sorted by id", seed)
			}
		}
	}
}

var amountAt = regexp.MustCompile(`= (-?[0-9]+\.[0-9]{2})$`)

func TestPropertyAmounts(t *testing.T) {
	s := propLoad(t)
	step := decimal.RequireFromString("0.01")
	half := decimal.RequireFromString("0.005")
	for seed := int64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		in := genInput(rng, 40)
		res, err := calc.Run(s, in, calc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		total := decimal.Zero
		for _, e := range res.Employees {
			lines := []decimal.Decimal{e.Fixed, e.Bonus}
			sum := e.Fixed.Add(e.Bonus)
			for _, c := range e.Components {
				lines = append(lines, c.Amount)
				sum = sum.Add(c.Amount)
			}
			for _, d := range append(lines, e.Total) {
				if d.Exponent() < -2 || !d.Mod(step).IsZero() {
					t.Errorf("seed %d %s: amount %s is not a whole number of kopecks", seed, e.ID, d)
				}
			}
			if !sum.Equal(e.Total) {
				t.Errorf("seed %d %s: fixed + bonus + components = %s, total %s", seed, e.ID, sum, e.Total)
			}
			total = total.Add(e.Total)
			// The bonus is within half a kopeck of the exact value, which for
			// these roles (no modifiers) is variable × proration × coefficient.
			exact := e.Coefficient.MulD(decimal.NewFromInt(map[string]int64{"idx": 20000, "pay": 35000, "lad": 30000}[e.Role]))
			if e.Proration != nil {
				exact = exact.Mul(*e.Proration)
			}
			if diff := calc.Dec(e.Bonus).Sub(exact); diff.Cmp(calc.Dec(half)) > 0 || diff.Cmp(calc.Dec(half.Neg())) < 0 {
				t.Errorf("seed %d %s: bonus %s is more than half a kopeck from the exact %s", seed, e.ID, e.Bonus, exact)
			}
			if e.Bonus.IsNegative() {
				t.Errorf("seed %d %s: negative bonus %s", seed, e.ID, e.Bonus)
			}
			// Upper bounds: index capped at the target, payout at 1.3, ladders at 0.465.
			max := map[string]string{"idx": "1.47", "pay": "1.3", "lad": "1.08"}[e.Role] // 0.4×(20/15)+0.3×1.5+0.3×1.6; 1.3; 2×0.465+0.15
			if e.Coefficient.CmpD(decimal.RequireFromString(max)) > 0 {
				t.Errorf("seed %d %s: coefficient %s above its bound %s", seed, e.ID, e.Coefficient, max)
			}
			// A gate below its threshold gives exactly nothing.
			if e.Role == "pay" {
				c := fact(in.Employees[indexOf(in, e.ID)].Facts, "c").V
				if c.LessThan(decimal.NewFromInt(90)) && !e.Bonus.IsZero() { // 90 / 150 = 0.6
					t.Errorf("seed %d %s: c = %s is under the gate, bonus %s", seed, e.ID, c, e.Bonus)
				}
			}
			// The explanation's last figures are the reported ones.
			last := i18n.Render(e.Steps[len(e.Steps)-1].Phrase, "en")
			if m := amountAt.FindStringSubmatch(last); m == nil || !decimal.RequireFromString(m[1]).Equal(e.Total) {
				t.Errorf("seed %d %s: the explanation ends %q, total %s", seed, e.ID, last, e.Total)
			}
			for _, st := range e.Steps {
				if text := i18n.Render(st.Phrase, "en"); strings.HasPrefix(text, "Bonus, rounded") {
					if m := amountAt.FindStringSubmatch(text); m == nil || !decimal.RequireFromString(m[1]).Equal(e.Bonus) {
						t.Errorf("seed %d %s: the explanation says %q, bonus %s", seed, e.ID, text, e.Bonus)
					}
				}
			}
		}
		if !total.Equal(res.Total) {
			t.Errorf("seed %d: result total %s, sum of lines %s", seed, res.Total, total)
		}
	}
}

func indexOf(in *calc.Input, id string) int {
	for i, e := range in.Employees {
		if e.ID == id {
			return i
		}
	}
	return -1
}

// TestPropertyCalibration: with every KPI exactly at its norm, an index
// scheme without a payout ladder pays exactly the variable target (K = 1).
func TestPropertyCalibration(t *testing.T) {
	s := propLoad(t)
	for seed := int64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		variable := decimal.NewFromInt(int64(1000 + rng.Intn(99000))).Shift(-int32(rng.Intn(3)))
		e := calc.Employee{ID: "N", Role: "idx", Src: calc.Note("gen"), Variable: &calc.Value{V: variable, Src: calc.Note("gen")}, Facts: calc.FactsOf(map[string]calc.Value{
			"a": {V: decimal.NewFromInt(95), Src: calc.Note("gen")}, "b": {V: decimal.NewFromInt(50000), Src: calc.Note("gen")}, "c": {V: decimal.NewFromInt(150), Src: calc.Note("gen")},
		})}
		res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{e}}, calc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Employees[0]
		if got.K == nil || got.K.CmpD(decimal.NewFromInt(1)) != 0 {
			t.Errorf("seed %d: K = %v at norm, want exactly 1", seed, got.K)
		}
		if !got.Bonus.Equal(variable.Round(2)) {
			t.Errorf("seed %d: bonus %s at norm, want the variable target %s", seed, got.Bonus, variable)
		}
	}
}

// TestPropertyMonotone: raising a higher-is-better fact never lowers the
// bonus; raising a lower-is-better one never raises it.
func TestPropertyMonotone(t *testing.T) {
	s := propLoad(t)
	for seed := int64(1); seed <= 10; seed++ {
		rng := rand.New(rand.NewSource(seed))
		base := genInput(rng, 1).Employees[0]
		for _, tc := range []struct {
			fact   string
			higher bool
		}{{"a", true}, {"c", true}, {"b", false}} {
			prev := decimal.Zero
			for step := 0; step < 60; step++ {
				e := base
				e.Facts = append(calc.Facts(nil), base.Facts...)
				x := map[string]int64{"a": 7000, "c": 50, "b": 40000}[tc.fact] + int64(step)*map[string]int64{"a": 70, "c": 3, "b": 450}[tc.fact]
				places := map[string]int32{"a": 2}[tc.fact]
				e.Facts.Set(tc.fact, calc.Value{V: decimal.NewFromInt(x).Shift(-places), Src: calc.Note("gen")})
				res, err := calc.Run(s, &calc.Input{Employees: []calc.Employee{e}}, calc.Options{})
				if err != nil {
					t.Fatal(err)
				}
				b := res.Employees[0].Bonus
				if step > 0 && (tc.higher && b.LessThan(prev) || !tc.higher && b.GreaterThan(prev)) {
					t.Errorf("seed %d role %s: %s = %s gives bonus %s after %s", seed, e.Role, tc.fact, fact(e.Facts, tc.fact).V, b, prev)
				}
				prev = b
			}
		}
	}
}

func fact(fs calc.Facts, id string) calc.Value {
	v, _ := fs.Get(id)
	return v
}
