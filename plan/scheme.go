// Package plan holds a client's motivation scheme: its model, strict YAML
// parsing (every value located by line and column, no float64 anywhere) and
// validation, which reports every problem at once.
package plan

import (
	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
)

// Scheme is one client's motivation scheme (one YAML file).
type Scheme struct {
	Version  *int      `yaml:"version"`
	ID       string    `yaml:"id"`
	Title    string    `yaml:"title"`
	Currency string    `yaml:"currency"`
	Locale   string    `yaml:"locale"`
	Rounding *Rounding `yaml:"rounding"`
	Ladders  []*Ladder `yaml:"ladders"`
	Roles    []*Role   `yaml:"roles"`
	Pos      Pos       `yaml:"-"`
	Keys     map[string]Pos
	File     string `yaml:"-"`
	// SHA256 is the hash of the bytes the scheme was parsed from (Open).
	SHA256 string `yaml:"-"`
	// failed holds the paths of values that could not be decoded.
	failed map[string]bool
	// parts are For's, by kind, of a valid scheme that pays by several
	// period kinds (period.go); nil for one that pays by one.
	parts map[period.Kind]*Scheme
	// owner is the scheme the parts were made for: a copy of it is its own
	// part.
	owner *Scheme
}

// Rounding says how every money amount is rounded, once.
type Rounding struct {
	Step *Dec   `yaml:"step"` // default 0.01
	Mode string `yaml:"mode"` // half-up (default), half-even, down
	Pos  Pos
	Keys map[string]Pos
}

// Ladder types.
const (
	LadderStep      = "step"      // the tier containing x gives its value for the whole result
	LadderIncrement = "increment" // value + floor((x - from) / every) × add, up to max
	LadderMarginal  = "marginal"  // each slice of x at its own tier's rate, summed
	LadderLinear    = "linear"    // straight lines between points, flat beyond the ends
)

// Which bound of a tier holds x when x is equal to it (Ladder.Inclusive).
const (
	InclusiveFrom = "from" // [from, to): the default
	InclusiveTo   = "to"   // (from, to], the first tier [from, to]
)

// Ladder maps an input (plan fulfilment, K, or an amount) to a value.
type Ladder struct {
	ID    string  `yaml:"id"`
	Title string  `yaml:"title"`
	Type  string  `yaml:"type"`
	Tiers []*Tier `yaml:"tiers"`
	// Inclusive says which bound of a tier holds an x equal to it: from
	// (the default: each tier [from, to)) or to (each tier (from, to], as a
	// scheme that says "from 80 to 100 % inclusive"; the first tier holds
	// its from too).
	Inclusive string   `yaml:"inclusive"`
	Points    []*Point `yaml:"points"`
	Pos       Pos
	Keys      map[string]Pos
}

// UpperInclusive reports whether the ladder's tiers hold their to, not
// their from (inclusive: to).
func (l *Ladder) UpperInclusive() bool { return l.Inclusive == InclusiveTo }

// Tier is one band of a step, increment or marginal ladder: from inclusive,
// to exclusive (or the other way round with the ladder's inclusive: to).
// The last tier's to is optional: without it the tier is open-ended; with
// it, an x above it is held at it (docs/calculation.md §4.2).
type Tier struct {
	From  *Dec `yaml:"from"`
	To    *Dec `yaml:"to"`
	Value *Dec `yaml:"value"` // step and increment; a commission's rate
	Rate  *Dec `yaml:"rate"`  // marginal
	// Amount is a step tier's fixed sum, paid by a commission whose fact
	// (or attainment) falls in the tier; with value, amount + value × fact.
	Amount *Dec `yaml:"amount"`
	Every  *Dec `yaml:"every"` // increment
	Add    *Dec `yaml:"add"`   // increment
	Max    *Dec `yaml:"max"`   // increment
	Pos    Pos
	Keys   map[string]Pos
}

// Amounts reports the first tier of the ladder that pays a fixed amount,
// or -1: such a ladder is a commission's, not a coefficient's.
func (l *Ladder) Amounts() int {
	for i, t := range l.Tiers {
		if t != nil && t.Amount != nil {
			return i
		}
	}
	return -1
}

// Point is one point of a linear ladder.
type Point struct {
	At    *Dec `yaml:"at"`
	Value *Dec `yaml:"value"`
	Pos   Pos
	Keys  map[string]Pos
}

// Role is a group of employees paid by the same rules.
type Role struct {
	ID           string       `yaml:"id"`
	Title        string       `yaml:"title"`
	Fixed        *Dec         `yaml:"fixed"`          // default for the roster's fixed column
	Variable     *Dec         `yaml:"variable,share"` // variable target; default for the roster; may be "50% of fixed" (Dec.OfFixed)
	ProratePlans *Bool        `yaml:"prorate_plans"`
	Bonus        *Bonus       `yaml:"bonus"`
	KPIs         []*KPI       `yaml:"kpis"`
	Conditions   []*Condition `yaml:"conditions"`
	Gates        []*Gate      `yaml:"gates"`
	Components   []*Component `yaml:"components"`
	Modifiers    []*Modifier  `yaml:"modifiers"`
	// Accepted are the design-rule warnings the scheme's author has
	// weighed and accepted for this role (WarnKPICount …): not repeated.
	Accepted []string `yaml:"accepted_warnings"`
	// Period is the period kind the role is paid by (month, quarter,
	// year; month when not given): its fixed part, its KPI bonus and its
	// components but those that say otherwise (period.go).
	Period string `yaml:"period"`
	Pos    Pos
	Keys   map[string]Pos
	// order is ComponentOrder, set by Validate.
	order []int
	// Elsewhere is set in a part of the scheme (Scheme.For) whose run is
	// of another period kind than the role's: the kind its fixed part and
	// bonus are paid by; the run pays only its components of its own kind.
	Elsewhere period.Kind `yaml:"-"`
	// Left are, in such a part, the role's components paid by another
	// period kind than the run's.
	Left []*Component `yaml:"-"`
}

// The design-rule warnings a role may accept (docs/design-rules.md §6).
const (
	WarnKPICount      = "kpi_count"      // §6.1: fewer than 2 or more than 9 KPIs
	WarnSmallWeight   = "small_weight"   // §6.2: a KPI weight under 0.05
	WarnSmallVariable = "small_variable" // §6.3: a variable target under 5 % of the income
	WarnSmallStake    = "small_stake"    // §6.3: a KPI whose reward at the norm is under 5 % of the income
)

// warnings are the ids above, in order.
var warnings = []string{WarnKPICount, WarnSmallWeight, WarnSmallVariable, WarnSmallStake}

// accepts reports whether the role accepted the warning id.
func (r *Role) accepts(id string) bool {
	for _, a := range r.Accepted {
		if a == id {
			return true
		}
	}
	return false
}

// Bonus methods: how the KPI coefficient is formed.
const (
	MethodIndex   = "index"   // K = Σ weight × index, optionally through a payout ladder
	MethodLadders = "ladders" // Σ ladder coefficients of the KPIs
	MethodBoth    = "both"    // the two added
)

// Bonus says how the variable part is formed: variable target × coefficient,
// where coefficient = payout(K) and/or Σ ladder coefficients, plus conditions.
type Bonus struct {
	Method string `yaml:"method"`
	Payout string `yaml:"payout"` // ladder id mapping K to the payout coefficient
	Pos    Pos
	Keys   map[string]Pos
}

// Directions of a KPI.
const (
	Higher = "higher"
	Lower  = "lower"
)

// Sources of a KPI fact.
const (
	SourceFacts    = "facts"    // the employee's row in the Facts table
	SourcePayments = "payments" // the sum of the employee's payments received in the period
	// SourceDepartment and SourceTeam aggregate a Facts column (KPI.Of)
	// over other people: everyone in the person's department, or the
	// person and everyone below them (the roster's reports_to).
	SourceDepartment = "department"
	SourceTeam       = "team"
	// SourceDeals is an overdue modifier's: it counts the days the deals of
	// the Deals table stay unpaid past their due dates (docs/calculation.md
	// §5.18), not the late payments of the Payments table.
	SourceDeals = "deals"
)

// A commission computed per deal (Component.Per) and what of a deal it is
// computed on (Component.On).
const (
	PerDeal  = "deal"   // each deal of the Deals table on its own, then summed
	OnAmount = "amount" // the deal's amount (the default)
	OnMargin = "margin" // the deal's gross margin
)

// UnitPercent is the unit of a KPI measured in whole percents: the scheme
// gives base, norm and target as 80, 95, 100, and a fact typed as 78% (a
// cell formatted as a percentage, or the text "78%") is read as 78.
const UnitPercent = "percent"

// KPI is one indicator of a role's matrix.
type KPI struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Unit   string `yaml:"unit"`
	Weight *Dec   `yaml:"weight"`
	Base   *Dec   `yaml:"base,growth"`
	Norm   *Dec   `yaml:"norm,growth"`
	Target *Dec   `yaml:"target,growth"`
	// BaseGrowth, NormGrowth, TargetGrowth: a dynamic plan level, given
	// as growth over the person's fact of the KPI in an earlier period
	// (norm: {growth: 25%, over: same-period-last-year}) instead of a
	// number; the level's Dec is then nil (docs/calculation.md §3.12).
	BaseGrowth   *Growth
	NormGrowth   *Growth
	TargetGrowth *Growth
	Cap          *Dec   `yaml:"cap,none"`
	Direction    string `yaml:"direction"`
	Ladder       string `yaml:"ladder"`
	Gate         *Dec   `yaml:"gate"` // minimum fulfilment; below it the KPI gives nothing
	Source       string `yaml:"source"`
	// Formula computes the fact from the person's own fact columns
	// (formula.go), instead of a column of the KPI's own; IfZero is its
	// value when it divides by zero (without it, that is an error).
	Formula *Formula `yaml:"formula"`
	IfZero  *Dec     `yaml:"if_zero"`
	// Of and Aggregate: a department or team KPI's column and how it is
	// aggregated, AggregateSum (the default) or AggregateAverage.
	Of        string `yaml:"of"`
	Aggregate string `yaml:"aggregate"`
	Pos       Pos
	Keys      map[string]Pos
}

// Aggregates of a department or team KPI.
const (
	AggregateSum     = "sum"
	AggregateAverage = "average"
)

// Growth is a dynamic plan level: the person's fact of the same KPI in an
// earlier period, grown by Rate (norm = (1 + Rate) × the earlier fact).
type Growth struct {
	// Rate is the growth as a fraction, exact: 25% is 0.25, -10% is -0.1.
	Rate decimal.Decimal
	Raw  string // the growth as written: 25%
	// Over is the earlier period: OverLastYear or OverPrevious.
	Over string
	Pos  Pos // the level's mapping
}

// The earlier periods a dynamic plan level grows over.
const (
	OverLastYear = "same-period-last-year" // 2025-10 for 2026-10, 2025-Q4 for 2026-Q4, 2025 for 2026
	OverPrevious = "previous-period"       // 2026-09 for 2026-10, 2026-Q3 for 2026-Q4, 2025 for 2026
)

// Growths are the KPI's dynamic plan levels by name (base, norm, target),
// in that order; nil ones are left out.
func (k *KPI) Growths() []NamedGrowth {
	var out []NamedGrowth
	for _, g := range []NamedGrowth{{"base", k.BaseGrowth}, {"norm", k.NormGrowth}, {"target", k.TargetGrowth}} {
		if g.G != nil {
			out = append(out, g)
		}
	}
	return out
}

// NamedGrowth is a dynamic plan level and the level it gives.
type NamedGrowth struct {
	Level string // base, norm or target
	G     *Growth
}

// Aggregated reports whether the KPI's fact aggregates other people's
// (source department or team).
func (k *KPI) Aggregated() bool { return k.Source == SourceDepartment || k.Source == SourceTeam }

// Condition is a yes/no fact that adds a coefficient when it holds.
type Condition struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Coefficient *Dec   `yaml:"coefficient"`
	Pos         Pos
	Keys        map[string]Pos
}

// Gate voids the whole variable part when a KPI's fulfilment is below Min.
type Gate struct {
	KPI  string `yaml:"kpi"`
	Min  *Dec   `yaml:"min"`
	Pos  Pos
	Keys map[string]Pos
}

// Component types: amounts added to pay beside the KPI bonus.
const (
	ComponentCommission   = "commission"   // fact × rate, or through a step/marginal ladder
	ComponentBonus        = "bonus"        // a fixed amount when a condition holds
	ComponentProportional = "proportional" // amount × fulfilment, void below min, capped at max
	ComponentUnitBonus    = "unit_bonus"   // units above norm × price × rate
	ComponentPool         = "pool"         // the department's pool split among its members, to the kopeck
	ComponentDraw         = "draw"         // a guaranteed minimum of the variable pay: the top-up to amount, or its recovery
	ComponentFormula      = "formula"      // an amount computed from the person's other amounts: fixed, variable, bonus, components
	ComponentOverride     = "override"     // a manager's rate on what the people below them sold or earned (roster reports_to)
	ComponentClawback     = "clawback"     // what credit notes take back of a per-deal commission's deals of earlier periods (of: the commission)
	ComponentTrueUp       = "true_up"      // at a quarter's or year's end: what the span's figures earn on of, less what its periods paid on it
)

// What a true-up recomputes over its span besides a commission of the
// role (Component.Of): the role's KPI bonus, K × the variable part.
const TrueUpOfBonus = "bonus"

// Component is an amount computed beside the KPI bonus.
type Component struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Type   string `yaml:"type"`
	KPI    string `yaml:"kpi"`
	Rate   *Dec   `yaml:"rate"`
	Ladder string `yaml:"ladder"`
	Amount *Dec   `yaml:"amount,share"` // a fixed bonus's may be "10% of fixed"
	When   *When  `yaml:"when"`
	Min    *Dec   `yaml:"min"`
	Max    *Dec   `yaml:"max"`
	Price  *Dec   `yaml:"price"`
	By     string `yaml:"by"` // pool: "bonus" (in proportion to the KPI bonus) or "equal" (default)
	// Prior is a commission's Facts column of what the employee already
	// made in the plan year before this period: a marginal ladder then pays
	// ladder(prior + fact) − ladder(prior), each slice at the rate of the
	// tier it falls in counting from the year's start. The keyword
	// PriorYearToDate instead sums the person's facts of the commission's
	// KPI over the book's earlier periods of the year (a book run only).
	Prior string `yaml:"prior"`
	// TiersOn is what a commission's ladder tiers are keyed on: the fact
	// (the default) or the KPI's attainment, fact / norm.
	TiersOn string `yaml:"tiers_on"`
	// Per: "deal" computes a commission on each deal of the Deals table on
	// its own (each through the ladder, or at the rate) and sums them; On
	// says what of a deal (amount, the default, or margin); PaidOnly pays a
	// deal only as its customer pays it, pro rata (docs/calculation.md
	// §5.18).
	Per      string `yaml:"per"`
	On       string `yaml:"on"`
	PaidOnly *Bool  `yaml:"paid_only"`
	// Recoverable: a draw whose top-ups are advances, recovered from later
	// earnings above it (the roster's draw_balance carries what is owed).
	Recoverable *Bool `yaml:"recoverable"`
	// Formula computes a formula component's amount from the person's
	// other amounts (FormulaAmounts, component ids); IfZero is its value
	// when it divides by zero. Prorate multiplies it by the days worked
	// share; Round is its own rounding step (a multiple of the scheme's).
	Formula *Formula `yaml:"formula"`
	IfZero  *Dec     `yaml:"if_zero"`
	Prorate *Bool    `yaml:"prorate"`
	Round   *Dec     `yaml:"round"`
	// An override pays Rate × the sum, over the people below the manager
	// (the roster's reports_to: Levels 1 is the direct reports, omitted
	// every level), of Of (a Facts column, or a component's amount), less
	// their amounts of the components NetOf ("net of the level below").
	Of     string   `yaml:"of"`
	Levels *Dec     `yaml:"levels"`
	NetOf  []string `yaml:"net_of"`
	// A true-up (docs/calculation.md §5.19) pays, in the last period of
	// each span Over (quarter or year), what the span's figures earn on Of
	// (a commission of the role on a KPI, or TrueUpOfBonus) less what the
	// span's periods paid on it, never below 0; Of is its key too.
	Over string `yaml:"over"`
	// Period is the period kind the component is paid by, when not its
	// role's (a quarterly bonus of a monthly role): commission, bonus,
	// proportional and unit bonus only (period.go).
	Period string `yaml:"period"`
	Pos    Pos
	Keys   map[string]Pos
}

// The amounts a formula component may read besides the role's other
// components: the person's fixed part and variable target as given (before
// proration), and the KPI bonus as paid.
const (
	AmountFixed    = "fixed"
	AmountVariable = "variable"
	AmountBonus    = "bonus"
)

// FormulaAmounts are the names above, in order.
var FormulaAmounts = []string{AmountFixed, AmountVariable, AmountBonus}

// ComponentOrder is the order the role's components are computed in: as
// written, except that a formula component comes after every component
// it reads. Validate sets it (a cycle is a scheme error); before that, or
// for a role it refused, it is the written order.
func (r *Role) ComponentOrder() []int {
	if r.order != nil {
		return r.order
	}
	out := make([]int, len(r.Components))
	for i := range out {
		out[i] = i
	}
	return out
}

// What a commission's ladder tiers are keyed on (Component.TiersOn).
const (
	TiersOnFact       = "fact"       // the KPI's fact: an amount of sales
	TiersOnAttainment = "attainment" // the KPI's fulfilment, fact / norm
)

// WithoutComponents is a copy of the role without the components drop
// selects, the rest computed in the same order (ComponentOrder renumbered).
// Nothing else is copied deeply.
func (r *Role) WithoutComponents(drop func(*Component) bool) *Role {
	rc := *r
	rc.Components = nil
	at := make([]int, len(r.Components)) // index in r → in rc, −1 dropped
	for i, c := range r.Components {
		if c != nil && drop(c) {
			at[i] = -1
			continue
		}
		at[i] = len(rc.Components)
		rc.Components = append(rc.Components, c)
	}
	if r.order != nil {
		rc.order = nil
		for _, i := range r.order {
			if at[i] >= 0 {
				rc.order = append(rc.order, at[i])
			}
		}
	}
	return &rc
}

// When is the condition of a fixed bonus: a KPI reaching a level, or a yes/no
// condition holding.
type When struct {
	KPI       string `yaml:"kpi"`
	Reaches   string `yaml:"reaches"` // base, norm or target
	Condition string `yaml:"condition"`
	Pos       Pos
	Keys      map[string]Pos
}

// Modifier types, applied to the KPI bonus in the order written.
const (
	ModifierQuality   = "quality_gate" // score below min → bonus × factor
	ModifierTeam      = "team"         // × the multiplier of the department plan level reached
	ModifierReduction = "reduction"    // × factor (fixed, or a per-employee fact)
	ModifierOverdue   = "overdue"      // − per_day × days customers paid late; never below zero
)

// Modifier changes the KPI bonus.
type Modifier struct {
	ID          string       `yaml:"id"`
	Title       string       `yaml:"title"`
	Type        string       `yaml:"type"`
	Fact        string       `yaml:"fact"`
	Min         *Dec         `yaml:"min"`
	Factor      *Dec         `yaml:"factor"`
	PerDay      *Dec         `yaml:"per_day"`
	Source      string       `yaml:"source"` // overdue: payments (default) or deals
	Multipliers *Multipliers `yaml:"multipliers"`
	// KPI: a team modifier's department result and plan levels are the
	// sums of its members' fact, base, norm and target of this KPI, not
	// the Departments table's.
	KPI  string `yaml:"kpi"`
	Pos  Pos
	Keys map[string]Pos
}

// Multipliers of a team modifier, by the department plan level reached.
type Multipliers struct {
	Below   *Dec `yaml:"below"`
	Minimum *Dec `yaml:"minimum"`
	Normal  *Dec `yaml:"normal"`
	Maximum *Dec `yaml:"maximum"`
	Pos     Pos
	Keys    map[string]Pos
}

// Ladder returns the ladder with the given id, or nil.
func (s *Scheme) Ladder(id string) *Ladder {
	for _, l := range s.Ladders {
		if l != nil && l.ID == id {
			return l
		}
	}
	return nil
}

// RoleTitle is what people read for role id: its title, or the id where
// the scheme gives none (or has no such role).
func (s *Scheme) RoleTitle(id string) string {
	if r := s.Role(id); r != nil && r.Title != "" {
		return r.Title
	}
	return id
}

// Role returns the role with the given id, or nil.
func (s *Scheme) Role(id string) *Role {
	for _, r := range s.Roles {
		if r != nil && r.ID == id {
			return r
		}
	}
	return nil
}

// KPI returns the role's KPI with the given id, or nil.
func (r *Role) KPI(id string) *KPI {
	for _, k := range r.KPIs {
		if k != nil && k.ID == id {
			return k
		}
	}
	return nil
}

// Component returns the role's component with the given id, or nil.
func (r *Role) Component(id string) *Component {
	for _, c := range r.Components {
		if c != nil && c.ID == id {
			return c
		}
	}
	return nil
}

// Condition returns the role's condition with the given id, or nil.
func (r *Role) Condition(id string) *Condition {
	for _, c := range r.Conditions {
		if c != nil && c.ID == id {
			return c
		}
	}
	return nil
}

// DrawBalanceIDs lists the ids of the recoverable draws of all roles, in
// the order first written: each carries a balance from period to period.
func (s *Scheme) DrawBalanceIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, r := range s.Roles {
		for _, c := range r.Components {
			if c != nil && c.Type == ComponentDraw && c.Recoverable != nil && c.Recoverable.V && !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// ComponentIDs lists the component ids of all roles, in the order first written.
func (s *Scheme) ComponentIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, r := range s.Roles {
		for _, c := range r.Components {
			if !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// ModifierIDs lists the modifier ids of all roles, in the order first written.
func (s *Scheme) ModifierIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, r := range s.Roles {
		for _, m := range r.Modifiers {
			if !seen[m.ID] {
				seen[m.ID] = true
				ids = append(ids, m.ID)
			}
		}
	}
	return ids
}

// Uses reports what the scheme's roles use: a modifier, component or KPI
// source of the given type (say, whether the fact sheet needs a
// Departments or a Payments table).
func (s *Scheme) Uses(modifier, component, source string) bool {
	for _, r := range s.Roles {
		for _, m := range r.Modifiers {
			if modifier != "" && m.Type == modifier {
				return true
			}
		}
		for _, c := range r.Components {
			if component != "" && c.Type == component {
				return true
			}
		}
		for _, k := range r.KPIs {
			if source != "" && k.Source == source {
				return true
			}
		}
	}
	return false
}

// AcrossDepartments reports whether someone's pay may depend on people of
// other departments: an override on the people below a manager, or a KPI
// over a reports_to team, follows the hierarchy wherever it leads.
func (s *Scheme) AcrossDepartments() bool {
	return s.Uses("", ComponentOverride, "") || s.Uses("", "", SourceTeam)
}

// PriorYearToDate is the prior of a commission counted from the year's
// start whose sales before the period are the book's (docs/calculation.md
// §5.1): the sum of the person's facts of the commission's KPI over the
// periods of the run's kind before it in its calendar year. A Facts column
// of that name cannot be a prior: the keyword is read first.
const PriorYearToDate = "year-to-date"

// PriorFromBook reports whether the commission's prior is the year to
// date read from the book, not a Facts column.
func (c *Component) PriorFromBook() bool { return c != nil && c.Prior == PriorYearToDate }

// PriorPos is the place of the commission's prior key, for messages.
func (c *Component) PriorPos() Pos { return keyPos(c.Keys, c.Pos, "prior") }

// TrueUps are the role's true-up components, in the order written.
func (r *Role) TrueUps() []*Component {
	var out []*Component
	for _, c := range r.Components {
		if c != nil && c.Type == ComponentTrueUp {
			out = append(out, c)
		}
	}
	return out
}

// OverKind is a true-up's span as a period kind (quarter or year); false
// when Over is none of them.
func (c *Component) OverKind() (period.Kind, bool) {
	k, ok := period.ParseKind(c.Over)
	if !ok || k == period.Month {
		return 0, false
	}
	return k, true
}

// PerDeal reports whether the component is a commission computed per
// deal of the Deals table.
func (c *Component) PerDeal() bool { return c != nil && c.Per == PerDeal }

// ClawbackOf is the role's clawback of the per-deal commission c (a
// clawback component whose of is c's id), or nil: with one, what credit
// notes take back of c's deals of earlier periods is its line, not c's
// (docs/calculation.md §5.18, "Clawbacks as a line of their own").
func (r *Role) ClawbackOf(c *Component) *Component {
	if r == nil || c == nil || !c.PerDeal() {
		return nil
	}
	for _, o := range r.Components {
		if o != nil && o.Type == ComponentClawback && o.Of == c.ID {
			return o
		}
	}
	return nil
}

// OnMargin reports whether a per-deal commission is computed on the deals'
// margin rather than their amount.
func (c *Component) OnMargin() bool { return c.On == OnMargin }

// IsPaidOnly reports whether a per-deal commission is paid only as the
// customers pay.
func (c *Component) IsPaidOnly() bool { return c.PaidOnly != nil && c.PaidOnly.V }

// DealsUse says what the scheme reads from the Deals table: whether it
// reads it at all (a per-deal commission or an overdue modifier with
// source: deals), and whether it needs each deal's margin (a commission
// on: margin), its paid dates (paid_only, or the overdue penalty) and its
// due dates (the overdue penalty).
type DealsUse struct {
	Any, Margin, Paid, Due bool
}

// Deals says what the scheme's roles read from the Deals table.
func (s *Scheme) Deals() DealsUse {
	var u DealsUse
	for _, r := range s.Roles {
		ru := r.Deals()
		u.Any, u.Margin, u.Paid, u.Due = u.Any || ru.Any, u.Margin || ru.Margin, u.Paid || ru.Paid, u.Due || ru.Due
	}
	return u
}

// Deals says what the role reads from the Deals table.
func (r *Role) Deals() DealsUse {
	var u DealsUse
	if r == nil {
		return u
	}
	for _, c := range r.Components {
		if c.PerDeal() {
			u.Any = true
			u.Margin = u.Margin || c.OnMargin()
			u.Paid = u.Paid || c.IsPaidOnly()
		}
	}
	for _, m := range r.Modifiers {
		if m != nil && m.Type == ModifierOverdue && m.Source == SourceDeals {
			u.Any, u.Paid, u.Due = true, true, true
		}
	}
	return u
}

// Direction is the direction in effect for a KPI: the stated one (Higher or
// Lower), else Lower when its norm is below its base, else Higher. cmp is
// the norm compared with the base (-1, 0, +1), 0 when either is not known.
// It is the one place a direction is inferred.
func Direction(stated string, cmp int) string {
	switch {
	case stated != "":
		return stated
	case cmp < 0:
		return Lower
	}
	return Higher
}

// SchemeDirection is a KPI's direction as the scheme gives it: stated, or
// shown by the scheme's own base and norm; "" when the scheme leaves both to
// personal plans (then each person's plan shows it).
func (k *KPI) SchemeDirection() string {
	if k.Direction != "" || k.Base == nil || k.Norm == nil {
		return k.Direction
	}
	return Direction("", k.Norm.V.Cmp(k.Base.V))
}
