package plan

import (
	"errors"
	"fmt"
	"github.com/premia-pay/premia/internal/problem"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Rounding modes.
const (
	HalfUp   = "half-up"   // half away from zero, as Excel's ROUND
	HalfEven = "half-even" // banker's rounding
	Down     = "down"      // toward zero, as Excel's ROUNDDOWN
)

var (
	currencyText = regexp.MustCompile(CurrencyPattern)
	idText       = regexp.MustCompile(IDPattern)
	defaultStep  = decimal.New(1, -2)
	one          = decimal.New(1, 0)
)

// Step is the money rounding step (default 0.01).
func (s *Scheme) Step() decimal.Decimal {
	if s.Rounding != nil && s.Rounding.Step != nil {
		return s.Rounding.Step.V
	}
	return defaultStep
}

// Mode is the money rounding mode (default half-up).
func (s *Scheme) Mode() string {
	if s.Rounding != nil && s.Rounding.Mode != "" {
		return s.Rounding.Mode
	}
	return HalfUp
}

// Lang is the scheme's locale, "ru" or "en" (default).
func (s *Scheme) Lang() string {
	if s.Locale == "" {
		return "en"
	}
	return s.Locale
}

type checker struct {
	file     string
	failed   map[string]bool // paths already reported by the parser
	errs     []error
	warnings []error
}

func (c *checker) at(p Pos, path, format string, args ...any) {
	if c.failed[path] {
		return
	}
	c.errs = append(c.errs, errorAt(c.file, p, path, format, args...))
}

func (c *checker) warn(p Pos, path, format string, args ...any) {
	w := errorAt(c.file, p, path, format, args...)
	w.Warning = true
	c.warnings = append(c.warnings, w)
}

// keyPos is the position of key in a struct, or the struct's own position
// when the key is absent.
func keyPos(keys map[string]Pos, own Pos, key string) Pos {
	if p, ok := keys[key]; ok {
		return p
	}
	return own
}

func (c *checker) required(v any, keys map[string]Pos, own Pos, path, key string) bool {
	missing := false
	switch x := v.(type) {
	case string:
		missing = x == ""
	case *Dec:
		missing = x == nil
	case *Formula:
		missing = x == nil
	}
	if missing && !c.failed[join(path, key)] {
		c.at(own, path, "%s is required", key)
	}
	return !missing
}

func (c *checker) forbid(d *Dec, path, key string, why problem.Text) {
	if d != nil {
		c.at(d.Pos, join(path, key), "not used %s: remove it", why)
	}
}

func (c *checker) nonNegative(d *Dec, path string) {
	if d != nil && !d.None && d.V.IsNegative() {
		c.at(d.Pos, path, "%s is negative; it must be zero or more", d.Raw)
	}
}

func (c *checker) positive(d *Dec, path string) {
	if d != nil && !d.None && d.V.Sign() <= 0 {
		c.at(d.Pos, path, "%s must be greater than zero", d.Raw)
	}
}

func (c *checker) id(id string, keys map[string]Pos, own Pos, path string, seen map[string]Pos, what problem.Text) {
	if id == "" {
		c.at(own, path, "id is required")
		return
	}
	p := keyPos(keys, own, "id")
	if !idText.MatchString(id) {
		c.at(p, join(path, "id"), "%q is not a valid id: use letters, digits, _ and -, starting with a letter", id)
	}
	key := foldID(id) // as fact-sheet headers are matched
	if first, dup := seen[key]; dup {
		c.at(p, join(path, "id"), "%s %q is defined twice (first at line %d)", what, id, first.Line)
		return
	}
	seen[key] = p
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// Validate checks the scheme's semantic rules and returns every problem at once
// (joined), plus design-rule warnings that do not stop a calculation.
func (s *Scheme) Validate() (warnings []error, err error) {
	c := &checker{file: s.File, failed: s.failed}
	if s.Version == nil {
		c.at(Pos{Line: 1, Col: 1}, "version", "version is required: start the file with `version: 1`")
	} else if *s.Version != 1 {
		c.at(keyPos(s.Keys, s.Pos, "version"), "version", "version %d is not supported; this premia reads version 1", *s.Version)
	}
	if s.ID == "" {
		c.at(s.Pos, "", "id is required (the scheme's name, e.g. the client's)")
	} else if !idText.MatchString(s.ID) {
		c.at(keyPos(s.Keys, s.Pos, "id"), "id", "%q is not a valid id: use letters, digits, _ and -, starting with a letter", s.ID)
	}
	if s.Currency == "" {
		c.at(s.Pos, "", "currency is required (e.g. RUB)")
	} else if !currencyText.MatchString(s.Currency) {
		c.at(keyPos(s.Keys, s.Pos, "currency"), "currency", "%q is not an ISO 4217 code such as RUB, USD or THB", s.Currency)
	}
	if s.Locale != "" && !oneOf(s.Locale, "ru", "en") {
		c.at(keyPos(s.Keys, s.Pos, "locale"), "locale", "%q is not supported: use ru or en", s.Locale)
	}
	if r := s.Rounding; r != nil {
		if r.Step != nil {
			c.positive(r.Step, "rounding.step")
		}
		if r.Mode != "" && !oneOf(r.Mode, HalfUp, HalfEven, Down) {
			c.at(keyPos(r.Keys, r.Pos, "mode"), "rounding.mode", "%q is not a rounding mode: use half-up, half-even or down", r.Mode)
		}
	}
	seenLadder := map[string]Pos{}
	for i, l := range s.Ladders {
		if l == nil {
			continue // an empty item, reported by the parser
		}
		c.ladder(l, fmt.Sprintf("ladders[%d]", i), seenLadder)
	}
	if len(s.Roles) == 0 && !c.anyFailed("roles", "") {
		c.at(s.Pos, "roles", "at least one role is required")
	}
	c.pools(s)
	seenRole := map[string]Pos{}
	for i, r := range s.Roles {
		if r == nil {
			continue // an empty item, reported by the parser
		}
		c.role(s, r, fmt.Sprintf("roles[%d]", i), seenRole)
	}
	if len(c.errs) == 0 {
		s.makeParts()
	}
	return c.warnings, errors.Join(c.errs...)
}

func (c *checker) ladder(l *Ladder, path string, seen map[string]Pos) {
	c.id(l.ID, l.Keys, l.Pos, path, seen, problem.New("ladder"))
	if l.Inclusive != "" {
		ip := keyPos(l.Keys, l.Pos, "inclusive")
		switch {
		case l.Type == LadderLinear:
			c.at(ip, join(path, "inclusive"), "inclusive says which bound of a tier holds a value equal to it, and a linear ladder has points, not tiers: remove it")
		case !oneOf(l.Inclusive, InclusiveFrom, InclusiveTo):
			c.at(ip, join(path, "inclusive"), "%q is not a bound of a tier: use from (each tier holds its from, not its to: the default) or to (each tier holds its to, not its from)", l.Inclusive)
		}
	}
	switch l.Type {
	case LadderStep, LadderIncrement, LadderMarginal:
		if len(l.Points) > 0 {
			c.at(keyPos(l.Keys, l.Pos, "points"), join(path, "points"), "points belong to linear ladders; a %s ladder has tiers", l.Type)
		}
		if len(l.Tiers) == 0 && !c.anyFailed(join(path, "tiers"), "") {
			c.at(l.Pos, path, "a %s ladder needs tiers", l.Type)
		}
		c.tiers(l, path)
	case LadderLinear:
		if len(l.Tiers) > 0 {
			c.at(keyPos(l.Keys, l.Pos, "tiers"), join(path, "tiers"), "tiers belong to step, increment and marginal ladders; a linear ladder has points")
		}
		if len(l.Points) < 2 && !c.anyFailed(join(path, "points"), "") {
			c.at(l.Pos, path, "a linear ladder needs at least two points")
		}
		for i, p := range l.Points {
			if p == nil {
				continue // an empty item, reported by the parser
			}
			pp := fmt.Sprintf("%s.points[%d]", path, i)
			c.required(p.At, p.Keys, p.Pos, pp, "at")
			c.required(p.Value, p.Keys, p.Pos, pp, "value")
			if i > 0 && p.At != nil && l.Points[i-1] != nil && l.Points[i-1].At != nil && p.At.V.Cmp(l.Points[i-1].At.V) <= 0 {
				c.at(p.At.Pos, join(pp, "at"), "%s is not above the previous point's %s: points go in increasing order", p.At.Raw, l.Points[i-1].At.Raw)
			}
		}
	case "":
		c.at(l.Pos, path, "type is required: step, increment, marginal or linear")
	default:
		c.at(keyPos(l.Keys, l.Pos, "type"), join(path, "type"), "%q is not a ladder type: use step, increment, marginal or linear", l.Type)
	}
}

func (c *checker) tiers(l *Ladder, path string) {
	for i, t := range l.Tiers {
		if t == nil {
			continue // an empty item, reported by the parser
		}
		tp := fmt.Sprintf("%s.tiers[%d]", path, i)
		last := i == len(l.Tiers)-1
		c.required(t.From, t.Keys, t.Pos, tp, "from")
		// The last tier may have a to: an x above it is held at it
		// (docs/calculation.md §4.2).
		if t.To == nil && !last && !c.failed[join(tp, "to")] {
			c.at(t.Pos, tp, "to is required on every tier but the last")
		}
		if t.From != nil && t.To != nil && t.To.V.Cmp(t.From.V) <= 0 {
			c.at(t.To.Pos, join(tp, "to"), "to %s is not above from %s", t.To.Raw, t.From.Raw)
		}
		if i > 0 {
			prev := l.Tiers[i-1]
			if prev != nil && prev.To != nil && t.From != nil && !prev.To.V.Equal(t.From.V) {
				what := problem.New("a gap")
				if t.From.V.LessThan(prev.To.V) {
					what = problem.New("an overlap")
				}
				if l.UpperInclusive() {
					c.at(t.From.Pos, join(tp, "from"), "%s between tiers: this tier starts at %s but the previous one ends at %s (with inclusive: to each tier holds its to, not its from; the next from must equal the previous to)", what, t.From.Raw, prev.To.Raw)
				} else {
					c.at(t.From.Pos, join(tp, "from"), "%s between tiers: this tier starts at %s but the previous one ends at %s (from is inclusive, to exclusive; the next from must equal the previous to)", what, t.From.Raw, prev.To.Raw)
				}
			}
		}
		switch l.Type {
		case LadderStep:
			if t.Amount == nil {
				c.required(t.Value, t.Keys, t.Pos, tp, "value")
			}
			c.nonNegative(t.Amount, join(tp, "amount"))
			if t.Amount != nil {
				c.forbid(t.Rate, tp, "rate", problem.New("in a step ladder (a step tier's rate is its value: the tier pays amount + value × fact)"))
			} else {
				c.forbid(t.Rate, tp, "rate", problem.New("in a step ladder (rate is for marginal ladders)"))
			}
			c.forbid(t.Every, tp, "every", problem.New("in a step ladder (use type: increment)"))
			c.forbid(t.Add, tp, "add", problem.New("in a step ladder (use type: increment)"))
			c.forbid(t.Max, tp, "max", problem.New("in a step ladder (use type: increment)"))
		case LadderIncrement:
			c.required(t.Value, t.Keys, t.Pos, tp, "value")
			c.forbid(t.Rate, tp, "rate", problem.New("in an increment ladder (rate is for marginal ladders)"))
			c.forbid(t.Amount, tp, "amount", problem.New("in an increment ladder (a fixed amount per tier is for a step ladder of a commission)"))
			if (t.Every == nil) != (t.Add == nil) {
				c.at(t.Pos, tp, "every and add go together: +add for every full `every` above from")
			}
			c.positive(t.Every, join(tp, "every"))
			if t.Max != nil && t.Add == nil {
				c.forbid(t.Max, tp, "max", problem.New("without every and add"))
			}
			if t.Max != nil && t.Value != nil && t.Add != nil && !t.Add.V.IsNegative() && t.Max.V.LessThan(t.Value.V) {
				c.at(t.Max.Pos, join(tp, "max"), "max %s is below the tier's value %s", t.Max.Raw, t.Value.Raw)
			}
		case LadderMarginal:
			c.required(t.Rate, t.Keys, t.Pos, tp, "rate")
			c.nonNegative(t.Rate, join(tp, "rate"))
			c.forbid(t.Value, tp, "value", problem.New("in a marginal ladder (each slice is paid at its tier's rate)"))
			c.forbid(t.Amount, tp, "amount", problem.New("in a marginal ladder (each slice is paid at its tier's rate; for a sum paid on reaching a level, use a step ladder or a bonus component)"))
			c.forbid(t.Every, tp, "every", problem.New("in a marginal ladder"))
			c.forbid(t.Add, tp, "add", problem.New("in a marginal ladder"))
			c.forbid(t.Max, tp, "max", problem.New("in a marginal ladder"))
		}
	}
}

func (c *checker) ladderRef(s *Scheme, id string, keys map[string]Pos, own Pos, path, key string, allowed ...string) *Ladder {
	l := s.Ladder(id)
	if l == nil {
		var ids []string
		for _, l := range s.Ladders {
			if l == nil {
				continue // an empty item, reported by the parser
			}
			ids = append(ids, l.ID)
		}
		c.at(keyPos(keys, own, key), path, "ladder %q is not defined; defined ladders: %s", id, listOrNone(ids))
		return nil
	}
	if len(allowed) > 0 && !oneOf(l.Type, allowed...) {
		c.at(keyPos(keys, own, key), path, "ladder %q is a %s ladder; here it must be %s", id, l.Type, problem.OrList(allowed))
	}
	return l
}

// coefficients refuses a ladder of fixed amounts where a coefficient is
// taken from it (what: a KPI's ladder, a payout ladder).
func (c *checker) coefficients(l *Ladder, p Pos, path string, what problem.Text) {
	if l == nil || l.Type != LadderStep {
		return
	}
	if i := l.Amounts(); i >= 0 {
		c.at(p, path, "ladder %q pays a fixed amount (its tiers[%d] has amount), and %s gives a coefficient: an amount is paid by a commission's ladder; give these tiers value instead", l.ID, i, what)
	}
}

func listOrNone(ids []string) any {
	if len(ids) == 0 {
		return problem.New("none")
	}
	return strings.Join(ids, ", ")
}

func (c *checker) role(s *Scheme, r *Role, path string, seen map[string]Pos) {
	c.id(r.ID, r.Keys, r.Pos, path, seen, problem.New("role"))
	c.nonNegative(r.Fixed, join(path, "fixed"))
	c.nonNegative(r.Variable, join(path, "variable"))
	if variable, ok := r.variableAmount(); ok {
		total := r.Fixed.V.Add(variable)
		if r.Bonus != nil && total.IsPositive() && variable.Mul(decimal.New(20, 0)).LessThan(total) && !r.accepts(WarnSmallVariable) {
			c.warn(r.Variable.Pos, join(path, "variable"), "the variable target %s is under 5%% of the target income %s (docs/design-rules.md §6.3); if meant, accept it: accepted_warnings: [%s] on the role", r.Variable.Raw, total.String(), WarnSmallVariable)
		}
	}
	c.stakes(r, path)
	columns := map[string]Pos{} // KPI and condition ids share the Facts table's columns
	weighted, laddered := 0, 0
	sum := decimal.Zero
	for i, k := range r.KPIs {
		if k == nil {
			continue // an empty item, reported by the parser
		}
		kp := fmt.Sprintf("%s.kpis[%d]", path, i)
		c.id(k.ID, k.Keys, k.Pos, kp, columns, problem.New("KPI or condition"))
		c.kpi(s, r, k, kp)
		if k.Weight != nil {
			weighted++
			sum = sum.Add(k.Weight.V)
		}
		if k.Ladder != "" {
			laddered++
		}
	}
	for i, cd := range r.Conditions {
		if cd == nil {
			continue // an empty item, reported by the parser
		}
		cp := fmt.Sprintf("%s.conditions[%d]", path, i)
		c.id(cd.ID, cd.Keys, cd.Pos, cp, columns, problem.New("KPI or condition"))
		if c.required(cd.Coefficient, cd.Keys, cd.Pos, cp, "coefficient") && r.Bonus == nil {
			c.at(cd.Coefficient.Pos, join(cp, "coefficient"), "a condition's coefficient adds to the bonus coefficient, but the role has no bonus section")
		}
	}
	if b := r.Bonus; b != nil {
		bp := join(path, "bonus")
		switch b.Method {
		case MethodIndex, MethodBoth:
			if weighted == 0 {
				c.at(b.Pos, bp, "method %s needs KPIs with a weight", b.Method)
			} else if !sum.Equal(one) && !c.anyFailed(path+".kpis[", ".weight") {
				c.at(keyPos(r.Keys, r.Pos, "kpis"), join(path, "kpis"), "the weights sum to %s; they must sum to exactly 1", sum.String())
			}
			if b.Method == MethodIndex && laddered > 0 {
				c.at(keyPos(b.Keys, b.Pos, "method"), join(bp, "method"), "KPIs have ladders but the method is index: use ladders or both")
			}
		case MethodLadders:
			if weighted > 0 {
				c.at(keyPos(b.Keys, b.Pos, "method"), join(bp, "method"), "KPIs have weights but the method is ladders: use index or both")
			}
			if laddered == 0 && len(r.Conditions) == 0 {
				c.at(b.Pos, bp, "method ladders needs KPIs with a ladder or conditions")
			}
			if b.Payout != "" {
				c.at(keyPos(b.Keys, b.Pos, "payout"), join(bp, "payout"), "a payout ladder maps the weighted index K; with method ladders there is none")
			}
		case "":
			c.at(b.Pos, bp, "method is required: index, ladders or both")
		default:
			c.at(keyPos(b.Keys, b.Pos, "method"), join(bp, "method"), "%q is not a method: use index, ladders or both", b.Method)
		}
		if b.Payout != "" && b.Method != MethodLadders {
			l := c.ladderRef(s, b.Payout, b.Keys, b.Pos, join(bp, "payout"), "payout", LadderStep, LadderIncrement, LadderLinear)
			c.coefficients(l, keyPos(b.Keys, b.Pos, "payout"), join(bp, "payout"), problem.New("a payout ladder"))
		}
	} else if weighted > 0 || laddered > 0 {
		c.at(keyPos(r.Keys, r.Pos, "kpis"), join(path, "kpis"), "KPIs have weights or ladders but the role has no bonus section saying how they form the variable part")
	}
	for _, a := range r.Accepted {
		if !oneOf(a, warnings...) {
			c.at(keyPos(r.Keys, r.Pos, "accepted_warnings"), join(path, "accepted_warnings"), "%q is not a warning premia gives: the warnings a role may accept are %s", a, strings.Join(warnings, ", "))
		}
	}
	if n := len(r.KPIs); r.Bonus != nil && (n < 2 || n > 9) && !r.accepts(WarnKPICount) {
		kpis := problem.New("%d KPIs", n)
		if n == 1 {
			kpis = problem.New("1 KPI")
		}
		c.warn(keyPos(r.Keys, r.Pos, "kpis"), join(path, "kpis"), "%s: 3 to 5 suit a staff member and 6 to 8 a manager (docs/design-rules.md §6.1); if meant, accept it: accepted_warnings: [%s] on the role", kpis, WarnKPICount)
	}
	for i, g := range r.Gates {
		if g == nil {
			continue // an empty item, reported by the parser
		}
		gp := fmt.Sprintf("%s.gates[%d]", path, i)
		c.kpiRef(r, g.KPI, g.Keys, g.Pos, gp)
		if c.required(g.Min, g.Keys, g.Pos, gp, "min") {
			c.positive(g.Min, join(gp, "min"))
		}
		if r.Bonus == nil {
			c.at(g.Pos, gp, "a gate voids the variable part, but the role has no bonus section")
		}
	}
	seenComp := map[string]Pos{}
	for i, cm := range r.Components {
		if cm == nil {
			continue // an empty item, reported by the parser
		}
		c.component(s, r, cm, fmt.Sprintf("%s.components[%d]", path, i), seenComp)
	}
	c.componentOrder(r, path)
	c.periods(r, path)
	seenMod := map[string]Pos{}
	for i, m := range r.Modifiers {
		if m == nil {
			continue // an empty item, reported by the parser
		}
		mp := fmt.Sprintf("%s.modifiers[%d]", path, i)
		c.id(m.ID, m.Keys, m.Pos, mp, seenMod, problem.New("modifier"))
		c.modifier(s, m, mp)
		if r.Bonus == nil {
			c.at(m.Pos, mp, "modifiers change the KPI bonus, but the role has no bonus section")
		}
	}
}

func (c *checker) kpiRef(r *Role, id string, keys map[string]Pos, own Pos, path string) *KPI {
	if id == "" {
		c.at(own, path, "kpi is required")
		return nil
	}
	k := r.KPI(id)
	if k == nil {
		var ids []string
		for _, k := range r.KPIs {
			if k == nil {
				continue // an empty item, reported by the parser
			}
			ids = append(ids, k.ID)
		}
		c.at(keyPos(keys, own, "kpi"), join(path, "kpi"), "KPI %q is not defined in role %q; its KPIs: %s", id, r.ID, listOrNone(ids))
	}
	return k
}

func (c *checker) kpi(s *Scheme, r *Role, k *KPI, path string) {
	if k.Weight != nil {
		if k.Weight.V.Sign() <= 0 || k.Weight.V.GreaterThan(one) {
			c.at(k.Weight.Pos, join(path, "weight"), "%s is not a weight: it must be above 0 and at most 1", k.Weight.Raw)
		} else if k.Weight.V.LessThan(decimal.New(5, -2)) && !r.accepts(WarnSmallWeight) {
			c.warn(k.Weight.Pos, join(path, "weight"), "a weight of %s is too small to change behaviour (docs/design-rules.md §6.2); if meant, accept it: accepted_warnings: [%s] on the role", k.Weight.Raw, WarnSmallWeight)
		}
	}
	if k.Direction != "" && !oneOf(k.Direction, Higher, Lower) {
		c.at(keyPos(k.Keys, k.Pos, "direction"), join(path, "direction"), "%q is not a direction: use higher or lower (which is better)", k.Direction)
	}
	if k.Source != "" && !oneOf(k.Source, SourceFacts, SourcePayments, SourceDepartment, SourceTeam) {
		c.at(keyPos(k.Keys, k.Pos, "source"), join(path, "source"), "%q is not a source: use facts, payments, department or team", k.Source)
	}
	if k.Aggregated() {
		switch {
		case k.Of == "":
			c.at(keyPos(k.Keys, k.Pos, "source"), path, "of is required with source: %s: the Facts column summed over the people (of: revenue)", k.Source)
		case !idText.MatchString(k.Of):
			c.at(keyPos(k.Keys, k.Pos, "of"), join(path, "of"), "%q is not a valid id: use letters, digits, _ and -, starting with a letter", k.Of)
		case foldID(k.Of) == foldID(k.ID):
			c.at(keyPos(k.Keys, k.Pos, "of"), join(path, "of"), "KPI %q aggregates itself: of names the members' column (revenue), and the KPI another id (dept_revenue)", k.ID)
		}
		if k.Aggregate != "" && !oneOf(k.Aggregate, AggregateSum, AggregateAverage) {
			c.at(keyPos(k.Keys, k.Pos, "aggregate"), join(path, "aggregate"), "%q is not an aggregate: use sum or average", k.Aggregate)
		}
		if k.Formula != nil {
			c.at(k.Formula.Pos, join(path, "formula"), "a KPI is computed by a formula or aggregated over people (source: %s), not both: remove one", k.Source)
		}
	} else {
		if k.Of != "" {
			c.at(keyPos(k.Keys, k.Pos, "of"), join(path, "of"), "of names the column a department or team KPI aggregates: give the KPI source: department or team, or remove of")
		}
		if k.Aggregate != "" {
			c.at(keyPos(k.Keys, k.Pos, "aggregate"), join(path, "aggregate"), "aggregate is for a department or team KPI: give the KPI source: department or team, or remove aggregate")
		}
	}
	CheckPlan(k.Direction, k.Base, k.Norm, k.Target, func(d *Dec, field string, msg problem.Text) {
		c.at(d.Pos, join(path, field), "%s", msg)
	})
	for _, g := range k.Growths() {
		if k.Formula != nil || (k.Source != "" && k.Source != SourceFacts) {
			// The earlier fact is read from the earlier period's fact
			// sheet, where only a KPI of its own column has one.
			c.at(g.G.Pos, join(path, g.Level), "a %s that grows over an earlier period reads the person's fact of KPI %q there, and a KPI computed by a formula or over other people has no fact of its own in a fact sheet: give the %s as a number", g.Level, k.ID, g.Level)
		}
	}
	if k.Formula != nil {
		c.formula(r, k, join(path, "formula"))
	} else if k.IfZero != nil {
		c.at(k.IfZero.Pos, join(path, "if_zero"), "if_zero is what a formula gives when it divides by zero, and this KPI has no formula: remove it")
	}
	if k.Unit == UnitPercent {
		// Whole percents: a plan written as a share (0.95) would make every
		// fact typed as 78% read as 78 against 0.95.
		for _, f := range []struct {
			name string
			d    *Dec
		}{{"base", k.Base}, {"norm", k.Norm}, {"target", k.Target}} {
			if f.d != nil && f.d.V.IsPositive() && f.d.V.LessThan(one) {
				c.at(f.d.Pos, join(path, f.name), "%s with unit: percent: the plan is in whole percents, so write 95 for 95 %%, not 0.95 (or drop unit: percent to plan in shares)", f.d.Raw)
			}
		}
	}
	if k.Cap != nil && !k.Cap.None {
		c.positive(k.Cap, join(path, "cap"))
	}
	if k.Ladder != "" {
		l := c.ladderRef(s, k.Ladder, k.Keys, k.Pos, join(path, "ladder"), "ladder", LadderStep, LadderIncrement, LadderLinear)
		c.coefficients(l, keyPos(k.Keys, k.Pos, "ladder"), join(path, "ladder"), problem.New("a KPI's ladder"))
	}
	if k.Gate != nil {
		c.positive(k.Gate, join(path, "gate"))
	}
}

// stakes warns of a weighted KPI whose reward at the norm (the variable
// target × its weight: its index is 1 there) is under 5 % of the target
// income, fixed + variable (docs/design-rules.md §6.3): the articles ask it
// of each indicator, not only of the variable part. A KPI already warned
// of for its weight (§6.2) is not warned of twice.
func (c *checker) stakes(r *Role, path string) {
	variable, ok := r.variableAmount()
	if r.Bonus == nil || !ok || r.accepts(WarnSmallStake) {
		return
	}
	income := r.Fixed.V.Add(variable)
	if !income.IsPositive() || variable.Mul(decimal.New(20, 0)).LessThan(income) {
		return // no income, or the whole variable part is under 5 % (warned above)
	}
	for i, k := range r.KPIs {
		if k == nil || k.Weight == nil || k.Weight.V.Sign() <= 0 || k.Weight.V.LessThan(decimal.New(5, -2)) || k.Weight.V.GreaterThan(one) {
			continue
		}
		stake := variable.Mul(k.Weight.V)
		if stake.Mul(decimal.New(20, 0)).LessThan(income) {
			c.warn(k.Weight.Pos, fmt.Sprintf("%s.kpis[%d].weight", path, i),
				"KPI %q carries %s at its norm (weight %s × variable target %s), under 5%% of the target income %s: too little to be felt (docs/design-rules.md §6.3); if meant, accept it: accepted_warnings: [%s] on the role",
				k.ID, stake.String(), k.Weight.Raw, r.Variable.Raw, income.String(), WarnSmallStake)
		}
	}
}

// componentFormula checks a formula component's formula against its role
// and names the amount each of its ids reads (Expr.Column): fixed,
// variable, bonus, or another component's id as written.
func (c *checker) componentFormula(r *Role, cm *Component, path string) {
	names := map[string]string{} // folded → the name
	for _, a := range FormulaAmounts {
		names[a] = a
	}
	var ids []string
	for _, o := range r.Components {
		if o != nil && o.ID != "" && o != cm {
			names[foldID(o.ID)] = o.ID
			ids = append(ids, o.ID)
		}
	}
	cm.Formula.Expr.eachID(func(x *Expr) {
		f := foldID(x.Text)
		name, ok := names[f]
		switch {
		case f == foldID(cm.ID):
			c.at(x.Pos, path, "the formula of component %q reads the component itself: it reads the person's other amounts (0.12 * (basic - hra))", cm.ID)
			return
		case !ok:
			c.at(x.Pos, path, "%q is not an amount a formula component reads: use fixed, variable, bonus or another component of the role (%s)", x.Text, listOrNone(ids))
			return
		case (name == AmountVariable || name == AmountBonus) && r.Bonus == nil:
			c.at(x.Pos, path, "the role has no bonus section, so it has no %s for the formula to read", name)
		}
		for _, o := range r.Components {
			if o != nil && o.ID == name && (o.Type == ComponentPool || o.Type == ComponentDraw || o.Type == ComponentOverride) {
				c.at(x.Pos, path, "%q (type %s) is set once every other amount is known: a formula cannot read it", name, o.Type)
			}
		}
		x.Column = name
	})
}

// componentOrder sets the order the role's components are computed in
// (Role.ComponentOrder): as written, each formula component moved after
// the components it reads. Components that read each other in a cycle
// are an error at the first one's formula.
func (c *checker) componentOrder(r *Role, path string) {
	index := map[string]int{}
	for i, cm := range r.Components {
		if cm != nil && cm.ID != "" {
			if _, dup := index[cm.ID]; !dup {
				index[cm.ID] = i
			}
		}
	}
	deps := func(i int) []int {
		cm := r.Components[i]
		if cm != nil && cm.Type == ComponentTrueUp {
			// A true-up subtracts its commission's amount of this period.
			if j, ok := index[cm.Of]; ok && j != i {
				return []int{j}
			}
			return nil
		}
		if cm == nil || cm.Type != ComponentFormula || cm.Formula == nil {
			return nil
		}
		var out []int
		for _, col := range cm.Formula.Columns() {
			if j, ok := index[col]; ok && j != i {
				out = append(out, j)
			}
		}
		return out
	}
	const (
		unseen = iota
		active
		done
	)
	state := make([]int, len(r.Components))
	order := make([]int, 0, len(r.Components))
	var stack []int
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case done:
			return true
		case active:
			// A cycle: the stack from i's first appearance, and i again.
			from := len(stack) - 1
			for stack[from] != i {
				from--
			}
			var ids []string
			for _, j := range stack[from:] {
				ids = append(ids, r.Components[j].ID)
			}
			ids = append(ids, r.Components[i].ID)
			cm := r.Components[i]
			c.at(cm.Formula.Pos, fmt.Sprintf("%s.components[%d].formula", path, i), "components read each other in a cycle (%s): one of them must not read the other", strings.Join(ids, " → "))
			return false
		}
		state[i] = active
		stack = append(stack, i)
		for _, j := range deps(i) {
			if !visit(j) {
				return false
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = done
		order = append(order, i)
		return true
	}
	for i := range r.Components {
		if !visit(i) {
			return // the written order stays; the scheme is refused
		}
	}
	r.order = order
}

// membersKPI reports whether a role of the scheme has KPI id read from the
// Facts table: a team modifier's kpi sums it over the department.
func (s *Scheme) membersKPI(id string) bool {
	for _, r := range s.Roles {
		if k := r.KPI(id); k != nil && k.Formula == nil && !k.Aggregated() && k.Source != SourcePayments {
			return true
		}
	}
	return false
}

// TeamFromMembers reports whether a team modifier of the scheme sums its
// department's level from the members (Modifier.KPI), and whether one
// reads the Departments table.
func (s *Scheme) TeamFromMembers() (members, table bool) {
	for _, r := range s.Roles {
		for _, m := range r.Modifiers {
			if m != nil && m.Type == ModifierTeam {
				if m.KPI != "" {
					members = true
				} else {
					table = true
				}
			}
		}
	}
	return members, table
}

// variableAmount is the role's default variable target as an amount, when
// the scheme gives both defaults: a share of the fixed part (`50% of
// fixed`) is that share of the default fixed part.
func (r *Role) variableAmount() (decimal.Decimal, bool) {
	switch {
	case r.Fixed == nil || r.Variable == nil:
		return decimal.Zero, false
	case r.Variable.OfFixed:
		return r.Fixed.V.Mul(r.Variable.V), true
	}
	return r.Variable.V, true
}

// foldID is an id as fact-sheet headings and formulas match it: any case,
// - and _ alike.
func foldID(id string) string { return strings.ReplaceAll(strings.ToLower(id), "-", "_") }

// formula checks a KPI's formula against its role and names the Facts
// column each of its column ids reads (Expr.Column).
func (c *checker) formula(r *Role, k *KPI, path string) {
	if k.Source == SourcePayments {
		c.at(k.Formula.Pos, path, "a KPI is computed by a formula or read from payments (source: payments), not both: remove one")
	}
	columns := map[string]string{} // folded id → the role's column id
	computed := map[string]bool{}
	for _, o := range r.KPIs {
		switch {
		case o == nil:
		case o.Formula != nil:
			computed[foldID(o.ID)] = true
		case o.Source != SourcePayments:
			columns[foldID(o.ID)] = o.ID
		}
	}
	for _, cd := range r.Conditions {
		if cd != nil {
			columns[foldID(cd.ID)] = cd.ID
		}
	}
	for i, m := range r.Modifiers {
		if m == nil || m.Fact == "" {
			continue
		}
		if foldID(m.Fact) == foldID(k.ID) {
			// Its value would be read from a column the KPI does not have.
			c.at(keyPos(m.Keys, m.Pos, "fact"), fmt.Sprintf("%s.modifiers[%d].fact", strings.TrimSuffix(path[:strings.LastIndex(path, ".kpis[")], "."), i),
				"%q is a KPI computed by a formula, not a fact column: a modifier reads a column of the Facts table", m.Fact)
		}
		columns[foldID(m.Fact)] = m.Fact
	}
	k.Formula.Expr.eachID(func(x *Expr) {
		f := foldID(x.Text)
		switch {
		case f == foldID(k.ID):
			c.at(x.Pos, path, "the formula of KPI %q reads the KPI itself: a formula reads other fact columns (deals / leads)", k.ID)
		case computed[f]:
			c.at(x.Pos, path, "%q is computed by a formula of its own: a formula reads fact columns, not other formulas", x.Text)
		case !idText.MatchString(x.Text):
			c.at(x.Pos, path, "%q is not a column id: an id starts with a letter", x.Text)
		}
		x.Column = x.Text
		if id, ok := columns[f]; ok {
			x.Column = id
		}
	})
}

// CheckPlan checks one KPI's base, norm and target against each other and the
// stated direction, calling bad for each problem. Personal plans from a fact
// sheet are checked by the same rules.
func CheckPlan(direction string, base, norm, target *Dec, bad func(d *Dec, field string, msg problem.Text)) {
	if norm == nil {
		return
	}
	if base != nil {
		switch cmp := norm.V.Cmp(base.V); {
		case cmp == 0:
			bad(norm, "norm", problem.New("norm %s equals base %s: the index (fact - base) / (norm - base) would divide by zero", norm.Raw, base.Raw))
			return
		case cmp > 0 && direction == Lower:
			bad(norm, "norm", problem.New("direction is lower but norm %s is above base %s: for lower-is-better KPIs base > norm > target", norm.Raw, base.Raw))
		case cmp < 0 && direction == Higher:
			bad(norm, "norm", problem.New("direction is higher but norm %s is below base %s: for higher-is-better KPIs base < norm < target", norm.Raw, base.Raw))
		}
	}
	if target == nil {
		return
	}
	cmp := 0
	if base != nil {
		cmp = norm.V.Cmp(base.V)
	}
	lower := Direction(direction, cmp) == Lower
	if !lower && target.V.Cmp(norm.V) <= 0 {
		bad(target, "target", problem.New("target %s is not above norm %s: the stretch level lies beyond the norm", target.Raw, norm.Raw))
	}
	if lower && target.V.Cmp(norm.V) >= 0 {
		bad(target, "target", problem.New("target %s is not below norm %s: for a lower-is-better KPI the stretch level is lower still", target.Raw, norm.Raw))
	}
}

// perDeal checks a commission's per, on and paid_only (docs/calculation.md
// §5.18): a per-deal commission reads the Deals table, not a KPI.
func (c *checker) perDeal(cm *Component, path string, used map[string]bool) {
	if cm.Per != PerDeal {
		c.at(keyPos(cm.Keys, cm.Pos, "per"), join(path, "per"), "%q is not what a commission is computed per: use deal (each deal of the Deals table on its own), or remove per for a commission on a KPI's fact", cm.Per)
		return
	}
	used["on"], used["paid_only"] = true, true
	if cm.KPI != "" {
		c.at(keyPos(cm.Keys, cm.Pos, "kpi"), join(path, "kpi"), "a per-deal commission is computed on each deal of the Deals table, not on a KPI's fact: remove kpi")
	}
	if cm.On != "" && !oneOf(cm.On, OnAmount, OnMargin) {
		c.at(keyPos(cm.Keys, cm.Pos, "on"), join(path, "on"), "%q is not what a deal's commission is computed on: use amount (the default) or margin", cm.On)
	}
}

// clawback checks a clawback's of (docs/calculation.md §5.18): a per-deal
// commission of the same role, paid by the role's period, with no other
// clawback before this one.
func (c *checker) clawback(r *Role, cm *Component, path string) {
	if cm.Of == "" {
		c.at(cm.Pos, path, "of is required: the id of the role's per-deal commission whose deals of earlier periods the clawback takes back (of: commission)")
		return
	}
	at := keyPos(cm.Keys, cm.Pos, "of")
	var o *Component
	var deals []string
	for _, x := range r.Components {
		if x != nil && x.PerDeal() {
			deals = append(deals, x.ID)
		}
		if x != nil && x != cm && x.ID == cm.Of && o == nil {
			o = x
		}
	}
	switch {
	case o == nil:
		c.at(at, join(path, "of"), "%q is not a component of the role: of names the role's per-deal commission the clawback takes back from (%s)", cm.Of, listOrNone(deals))
		return
	case !o.PerDeal():
		c.at(at, join(path, "of"), "%q is not a per-deal commission (type: commission, per: deal): a clawback takes back what credit notes take of deals paid in earlier periods, and only a per-deal commission pays by deal (%s)", cm.Of, listOrNone(deals))
		return
	case r.ComponentKind(o) != r.Kind():
		c.at(at, join(path, "of"), "commission %q is paid by the %s, and a clawback by its role's %s: give the commission the role's period, or leave it without a clawback", cm.Of, r.ComponentKind(o).Word(), r.Kind().Word())
		return
	}
	for _, x := range r.Components {
		if x == cm {
			break
		}
		if x != nil && x.Type == ComponentClawback && x.Of == cm.Of {
			c.at(at, join(path, "of"), "commission %q has a clawback already, %q: a commission has at most one, remove this one", cm.Of, x.ID)
			return
		}
	}
}

func (c *checker) component(s *Scheme, r *Role, cm *Component, path string, seen map[string]Pos) {
	c.id(cm.ID, cm.Keys, cm.Pos, path, seen, problem.New("component"))
	used := map[string]bool{}
	need := func(key string, v any) {
		used[key] = true
		c.required(v, cm.Keys, cm.Pos, path, key)
	}
	switch cm.Type {
	case ComponentCommission:
		used["kpi"], used["rate"], used["ladder"], used["tiers_on"] = true, true, true, true
		if cm.Per != "" {
			used["per"] = true
			c.perDeal(cm, path, used)
		}
		var k *KPI
		if !cm.PerDeal() {
			k = c.kpiRef(r, cm.KPI, cm.Keys, cm.Pos, path)
		}
		if (cm.Rate == nil) == (cm.Ladder == "") {
			c.at(cm.Pos, path, "a commission needs either rate (e.g. 0.02) or ladder (a step or marginal ladder of rates)")
		}
		var l *Ladder
		if cm.Ladder != "" {
			l = c.ladderRef(s, cm.Ladder, cm.Keys, cm.Pos, join(path, "ladder"), "ladder", LadderStep, LadderMarginal)
		}
		if cm.Prior != "" {
			used["prior"] = true
			if cm.PerDeal() {
				c.at(keyPos(cm.Keys, cm.Pos, "prior"), join(path, "prior"), "prior counts a period's sales on from the year's, and a per-deal commission sends each deal through the ladder on its own: remove prior, or per")
			} else if cm.Ladder == "" || l != nil && l.Type != LadderMarginal {
				c.at(keyPos(cm.Keys, cm.Pos, "prior"), join(path, "prior"), "prior adds this period's sales to the year's before it, and only a marginal ladder pays by that: give the commission a marginal ladder, or remove prior")
			} else if !idText.MatchString(cm.Prior) {
				c.at(keyPos(cm.Keys, cm.Pos, "prior"), join(path, "prior"), "%q is not a valid id: use letters, digits, _ and -, starting with a letter", cm.Prior)
			} else if cm.PriorFromBook() && k != nil && (k.Formula != nil || k.Source != "" && k.Source != SourceFacts) {
				// The year's earlier periods are read as facts, not
				// computed: an open period's fact sheet has no fact of a
				// computed KPI, and would count as 0.
				c.at(keyPos(cm.Keys, cm.Pos, "prior"), join(path, "prior"), "the year to date sums the person's facts of KPI %q over the year's earlier periods, and a KPI computed by a formula or over other people or payments has no fact of its own in a fact sheet: count the year to date in a Facts column and name it in prior, or key the commission on a KPI with a column of its own", k.ID)
			}
		}
		tp := keyPos(cm.Keys, cm.Pos, "tiers_on")
		switch cm.TiersOn {
		case "", TiersOnFact:
		case TiersOnAttainment:
			if cm.PerDeal() {
				c.at(tp, join(path, "tiers_on"), "tiers_on: attainment keys a ladder's tiers on a KPI's fact / norm, and a per-deal commission sends each deal through the ladder: remove tiers_on, or per")
			} else if cm.Ladder == "" {
				c.at(tp, join(path, "tiers_on"), "tiers_on: attainment keys a ladder's tiers on fact / norm, and this commission has a rate and no ladder: give it a ladder, or remove tiers_on")
			} else if k != nil && k.SchemeDirection() == Lower {
				c.at(tp, join(path, "tiers_on"), "KPI %q is lower-is-better, and tiers on attainment need a higher-is-better KPI (a commission pays a share of what was sold): remove tiers_on to key the tiers on the fact", k.ID)
			}
		default:
			c.at(tp, join(path, "tiers_on"), "%q is not what a commission's tiers can be keyed on: use fact (the default) or attainment (the KPI's fact / norm)", cm.TiersOn)
		}
	case ComponentBonus:
		need("amount", cm.Amount)
		used["share"] = true
		used["when"] = true
		if cm.When == nil {
			c.at(cm.Pos, path, "when is required: {kpi: ID, reaches: norm} or {condition: ID}")
		} else {
			c.when(r, cm.When, join(path, "when"))
		}
	case ComponentProportional:
		need("amount", cm.Amount)
		used["kpi"], used["min"], used["max"] = true, true, true
		c.kpiRef(r, cm.KPI, cm.Keys, cm.Pos, path)
		c.positive(cm.Min, join(path, "min"))
		c.positive(cm.Max, join(path, "max"))
		if cm.Min != nil && cm.Max != nil && cm.Max.V.LessThan(cm.Min.V) {
			c.at(cm.Max.Pos, join(path, "max"), "max %s is below min %s", cm.Max.Raw, cm.Min.Raw)
		}
	case ComponentUnitBonus:
		used["kpi"] = true
		if k := c.kpiRef(r, cm.KPI, cm.Keys, cm.Pos, path); k != nil {
			if k.SchemeDirection() == Lower {
				c.at(keyPos(cm.Keys, cm.Pos, "kpi"), join(path, "kpi"), "KPI %q is lower-is-better: a unit bonus pays for units above the norm, so it needs a higher-is-better KPI", k.ID)
			}
		}
		need("price", cm.Price)
		need("rate", cm.Rate)
	case ComponentPool:
		if cm.By != "" && !oneOf(cm.By, "bonus", "equal") {
			c.at(keyPos(cm.Keys, cm.Pos, "by"), join(path, "by"), "%q is not a way to split a pool: use bonus (in proportion to each KPI bonus) or equal", cm.By)
		}
		if cm.By == "bonus" && r.Bonus == nil {
			c.at(keyPos(cm.Keys, cm.Pos, "by"), join(path, "by"), "a pool split by bonus needs the role's bonus section")
		}
	case ComponentDraw:
		need("amount", cm.Amount)
		used["recoverable"] = true
		for _, o := range r.Components {
			if o != nil && o != cm && o.Type == ComponentDraw {
				if o.Pos.Line < cm.Pos.Line || o.Pos.Line == cm.Pos.Line && o.Pos.Col < cm.Pos.Col {
					c.at(keyPos(cm.Keys, cm.Pos, "type"), join(path, "type"), "a role has one draw, and %q is its draw already: merge the two", o.ID)
				}
				break
			}
		}
	case ComponentFormula:
		need("formula", cm.Formula)
		used["if_zero"], used["prorate"], used["round"] = true, true, true
		if cm.Formula != nil {
			c.componentFormula(r, cm, join(path, "formula"))
		}
		c.positive(cm.Round, join(path, "round"))
		if cm.Round != nil && cm.Round.V.IsPositive() {
			if step := s.Step(); !cm.Round.V.Mod(step).IsZero() {
				c.at(cm.Round.Pos, join(path, "round"), "round %s is not a multiple of the scheme's rounding step %s: a component is rounded to a coarser step than every amount, never a finer one (1 or 100 with a step of 0.01)", cm.Round.Raw, step.String())
			}
		}
	case ComponentOverride:
		need("rate", cm.Rate)
		used["of"], used["levels"], used["net_of"] = true, true, true
		if cm.Of == "" {
			c.at(cm.Pos, path, "of is required: the Facts column (revenue) or the component (commission) of the people below whose sum the override is paid on")
		} else if !idText.MatchString(cm.Of) {
			c.at(keyPos(cm.Keys, cm.Pos, "of"), join(path, "of"), "%q is not a valid id: use letters, digits, _ and -, starting with a letter", cm.Of)
		}
		if l := cm.Levels; l != nil && (!l.V.IsInteger() || l.V.Sign() <= 0) {
			c.at(l.Pos, join(path, "levels"), "levels %s is not a number of levels: write 1 for the direct reports, 2 for them and theirs, or omit it for every level below", l.Raw)
		}
		ids := s.ComponentIDs()
		for i, n := range cm.NetOf {
			if !slices.Contains(ids, n) {
				c.at(keyPos(cm.Keys, cm.Pos, "net_of"), fmt.Sprintf("%s.net_of[%d]", path, i), "%q is not a component of the scheme: net_of names the components paid below the manager (commission, override), whose amounts come off the sum", n)
			}
		}
	case ComponentClawback:
		used["of"] = true
		c.clawback(r, cm, path)
	case ComponentTrueUp:
		used["of"], used["over"] = true, true
		c.trueUp(r, cm, path)
	case "":
		c.at(cm.Pos, path, "type is required: commission, bonus, proportional, unit_bonus, pool, draw, formula, override, clawback or true_up")
		return
	default:
		c.at(keyPos(cm.Keys, cm.Pos, "type"), join(path, "type"), "%q is not a component type: use commission, bonus, proportional, unit_bonus, pool, draw, formula, override, clawback or true_up", cm.Type)
		return
	}
	if cm.Over != "" && !used["over"] {
		c.at(keyPos(cm.Keys, cm.Pos, "over"), join(path, "over"), "over is a true-up's span, not a %s component's: remove it", cm.Type)
	}
	if !used["of"] {
		if cm.Of != "" {
			c.at(keyPos(cm.Keys, cm.Pos, "of"), join(path, "of"), "of is for an override, a clawback or a true-up, not a %s component: remove it", cm.Type)
		}
		c.forbid(cm.Levels, path, "levels", problem.New("by a %s component", cm.Type))
		if cm.NetOf != nil {
			c.at(keyPos(cm.Keys, cm.Pos, "net_of"), join(path, "net_of"), "net_of is for an override, not a %s component: remove it", cm.Type)
		}
	}
	if !used["formula"] {
		if cm.Formula != nil {
			c.at(cm.Formula.Pos, join(path, "formula"), "a formula computes a formula component's amount (type: formula), not a %s component's: remove it", cm.Type)
		}
		c.forbid(cm.IfZero, path, "if_zero", problem.New("by a %s component", cm.Type))
		c.forbid(cm.Round, path, "round", problem.New("by a %s component", cm.Type))
		if cm.Prorate != nil {
			c.at(cm.Prorate.Pos, join(path, "prorate"), "prorate is for a formula component, not a %s component: remove it", cm.Type)
		}
	}
	if cm.Amount != nil && cm.Amount.OfFixed && !used["share"] {
		c.at(cm.Amount.Pos, join(path, "amount"), "a share of the fixed part is the amount of a fixed bonus (type: bonus), not of a %s component: write an amount, or use a formula component (formula: 0.1 * fixed)", cm.Type)
	}
	if cm.Prior != "" && !used["prior"] {
		c.at(keyPos(cm.Keys, cm.Pos, "prior"), join(path, "prior"), "prior is for a commission, not a %s component: remove it", cm.Type)
	}
	if cm.TiersOn != "" && !used["tiers_on"] {
		c.at(keyPos(cm.Keys, cm.Pos, "tiers_on"), join(path, "tiers_on"), "tiers_on is for a commission, not a %s component: remove it", cm.Type)
	}
	if cm.Per != "" && !used["per"] {
		c.at(keyPos(cm.Keys, cm.Pos, "per"), join(path, "per"), "per is for a commission, not a %s component: remove it", cm.Type)
	}
	if cm.On != "" && !used["on"] {
		c.at(keyPos(cm.Keys, cm.Pos, "on"), join(path, "on"), "on says what of a deal a per-deal commission is computed on: give the commission per: deal, or remove on")
	}
	if cm.PaidOnly != nil && !used["paid_only"] {
		c.at(keyPos(cm.Keys, cm.Pos, "paid_only"), join(path, "paid_only"), "paid_only pays a deal as its customer pays it: give the commission per: deal, or remove paid_only")
	}
	if cm.Recoverable != nil && !used["recoverable"] {
		c.at(keyPos(cm.Keys, cm.Pos, "recoverable"), join(path, "recoverable"), "recoverable is for a draw, not a %s component: remove it", cm.Type)
	}
	for _, d := range []struct {
		key string
		v   *Dec
	}{{"rate", cm.Rate}, {"amount", cm.Amount}, {"min", cm.Min}, {"max", cm.Max}, {"price", cm.Price}} {
		if used[d.key] {
			if !(cm.Type == ComponentProportional && (d.key == "min" || d.key == "max")) {
				c.nonNegative(d.v, join(path, d.key)) // a proportional's min and max were checked as positive above
			}
		} else {
			c.forbid(d.v, path, d.key, problem.New("by a %s component", cm.Type))
		}
	}
	if cm.KPI != "" && !used["kpi"] {
		c.at(keyPos(cm.Keys, cm.Pos, "kpi"), join(path, "kpi"), "not used by a %s component: remove it", cm.Type)
	}
	if cm.Ladder != "" && !used["ladder"] {
		c.at(keyPos(cm.Keys, cm.Pos, "ladder"), join(path, "ladder"), "not used by a %s component: remove it", cm.Type)
	}
	if cm.By != "" && cm.Type != ComponentPool {
		c.at(keyPos(cm.Keys, cm.Pos, "by"), join(path, "by"), "not used by a %s component: remove it", cm.Type)
	}
	if cm.When != nil && !used["when"] {
		c.at(cm.When.Pos, join(path, "when"), "not used by a %s component: remove it", cm.Type)
	}
}

func (c *checker) when(r *Role, w *When, path string) {
	switch {
	case w.Condition != "" && w.KPI != "":
		c.at(w.Pos, path, "give either kpi with reaches, or condition, not both")
	case w.Condition != "":
		if r.Condition(w.Condition) == nil {
			c.at(keyPos(w.Keys, w.Pos, "condition"), join(path, "condition"), "condition %q is not defined in role %q", w.Condition, r.ID)
		}
		if w.Reaches != "" {
			c.at(keyPos(w.Keys, w.Pos, "reaches"), join(path, "reaches"), "reaches goes with kpi, not with condition")
		}
	case w.KPI != "":
		c.kpiRef(r, w.KPI, w.Keys, w.Pos, path)
		if !oneOf(w.Reaches, "base", "norm", "target") {
			c.at(keyPos(w.Keys, w.Pos, "reaches"), join(path, "reaches"), "reaches must be base, norm or target")
		}
	default:
		c.at(w.Pos, path, "give kpi with reaches, or condition")
	}
}

func (c *checker) modifier(s *Scheme, m *Modifier, path string) {
	ratio := func(d *Dec, key string) {
		if d != nil && (d.V.IsNegative() || d.V.GreaterThan(one)) {
			c.at(d.Pos, join(path, key), "%s must be between 0 and 1", d.Raw)
		}
	}
	used := map[string]bool{}
	switch m.Type {
	case ModifierQuality:
		used["fact"], used["min"], used["factor"] = true, true, true
		if m.Fact == "" {
			c.at(m.Pos, path, "fact is required: the Facts column holding the quality score")
		}
		c.required(m.Min, m.Keys, m.Pos, path, "min")
		c.required(m.Factor, m.Keys, m.Pos, path, "factor")
		ratio(m.Factor, "factor")
	case ModifierTeam:
		used["multipliers"], used["kpi"] = true, true
		if m.KPI != "" && !s.membersKPI(m.KPI) {
			c.at(keyPos(m.Keys, m.Pos, "kpi"), join(path, "kpi"), "no role of the scheme has a KPI %q read from the Facts table: kpi names the members' KPI whose facts and plans the department's level is summed from", m.KPI)
		}
		if m.Multipliers == nil {
			c.at(m.Pos, path, "multipliers are required: minimum, normal, maximum (and below, default 1)")
		} else {
			mu := m.Multipliers
			mp := join(path, "multipliers")
			for _, f := range []struct {
				k string
				v *Dec
			}{{"minimum", mu.Minimum}, {"normal", mu.Normal}, {"maximum", mu.Maximum}} {
				if c.required(f.v, mu.Keys, mu.Pos, mp, f.k) {
					c.nonNegative(f.v, join(mp, f.k))
				}
			}
			c.nonNegative(mu.Below, join(mp, "below"))
		}
	case ModifierReduction:
		used["fact"], used["factor"] = true, true
		if (m.Factor == nil) == (m.Fact == "") {
			c.at(m.Pos, path, "a reduction needs either factor (e.g. 0.9) or fact (a Facts column with each person's factor)")
		}
		ratio(m.Factor, "factor")
	case ModifierOverdue:
		used["per_day"] = true
		if c.required(m.PerDay, m.Keys, m.Pos, path, "per_day") {
			c.nonNegative(m.PerDay, join(path, "per_day"))
		}
		if m.Source != "" && !oneOf(m.Source, SourcePayments, SourceDeals) {
			c.at(keyPos(m.Keys, m.Pos, "source"), join(path, "source"), "%q is not what an overdue penalty counts: use payments (the Payments table's late payments, the default) or deals (the Deals table's deals unpaid past their due date)", m.Source)
		}
	case "":
		c.at(m.Pos, path, "type is required: quality_gate, team, reduction or overdue")
		return
	default:
		c.at(keyPos(m.Keys, m.Pos, "type"), join(path, "type"), "%q is not a modifier type: use quality_gate, team, reduction or overdue", m.Type)
		return
	}
	for _, d := range []struct {
		key string
		v   *Dec
	}{{"min", m.Min}, {"factor", m.Factor}, {"per_day", m.PerDay}} {
		if !used[d.key] {
			c.forbid(d.v, path, d.key, problem.New("by a %s modifier", m.Type))
		}
	}
	if m.Fact != "" && !used["fact"] {
		c.at(keyPos(m.Keys, m.Pos, "fact"), join(path, "fact"), "not used by a %s modifier: remove it", m.Type)
	}
	if m.KPI != "" && !used["kpi"] {
		c.at(keyPos(m.Keys, m.Pos, "kpi"), join(path, "kpi"), "not used by a %s modifier: remove it", m.Type)
	}
	if m.Multipliers != nil && !used["multipliers"] {
		c.at(m.Multipliers.Pos, join(path, "multipliers"), "not used by a %s modifier: remove it", m.Type)
	}
	if m.Source != "" && m.Type != ModifierOverdue {
		c.at(keyPos(m.Keys, m.Pos, "source"), join(path, "source"), "not used by a %s modifier: remove it", m.Type)
	}
}

func (c *checker) anyFailed(prefix, suffix string) bool {
	for p := range c.failed {
		if strings.HasPrefix(p, prefix) && strings.HasSuffix(p, suffix) {
			return true
		}
	}
	return false
}

// reservedColumns are the CSV output's own columns: a component id may not
// take one, or the payroll import would see two columns of the same name.
var reservedColumns = []string{"id", "name", "role", "department", "fixed", "variable", "coefficient", "bonus", "total"}

// pools checks what components share across roles: a pool id splits one way,
// and no component id takes a column name of the output.
func (c *checker) pools(s *Scheme) {
	by := map[string]string{}
	for i, r := range s.Roles {
		if r == nil {
			continue
		}
		for j, cm := range r.Components {
			if cm == nil {
				continue
			}
			path := fmt.Sprintf("roles[%d].components[%d]", i, j)
			if oneOf(strings.ToLower(cm.ID), reservedColumns...) {
				c.at(keyPos(cm.Keys, cm.Pos, "id"), join(path, "id"), "%q is a column of premia's output (%s): choose another id", cm.ID, strings.Join(reservedColumns, ", "))
			}
			if cm.Type != ComponentPool {
				continue
			}
			way := cm.By
			if way == "" {
				way = "equal"
			}
			if prev, ok := by[cm.ID]; ok && prev != way {
				c.at(keyPos(cm.Keys, cm.Pos, "by"), join(path, "by"), "pool %q is split by %s in another role: one pool is split one way", cm.ID, prev)
			}
			by[cm.ID] = way
		}
	}
}
