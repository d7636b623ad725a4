package schema

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/premia-pay/premia/plan"
)

// The rules of each of plan's types: what a person reads on hovering a key
// (its description), what it may hold beyond its Go type (an enum of
// plan's constants, a definition of a decimal's range), and what
// validation requires of the mapping as a whole (plan/validate.go), where
// a JSON Schema can say it.

// structRule describes one of plan's struct types.
type structRule struct {
	def      string // its name under $defs
	desc     string
	required []string
	keys     map[string]key
	// extra are keywords added after additionalProperties (allOf of
	// if/then rules on type …), given the type's keys.
	extra func(keys []string) obj
}

// key describes one key.
type key struct {
	desc     string
	enum     []string // a text key's values: plan's constants
	ref      string   // a definition: a decimal's range, id, …
	constant any
	dflt     any
	examples []any
	minItems int
}

// The references a text key makes to other parts of the scheme are ids.
const idDef = "id"

var structs = map[string]structRule{
	"Scheme": {
		desc:     "A client's motivation scheme: its roles, each paid a fixed part, a KPI bonus and components, and the ladders they share. Checked by `premia validate --strict scheme.yaml`; reference: README \"Scheme reference\" and docs/calculation.md.",
		required: []string{"version", "id", "currency", "roles"},
		keys: map[string]key{
			"version":  {desc: "The scheme format's version: 1. The first key of the file.", constant: 1},
			"id":       {desc: "The scheme's name, e.g. the client's: letters, digits, _ and -, starting with a letter. Shown in reports and the audit sheet.", ref: idDef, examples: []any{"kotelok", "sales-team"}},
			"title":    {desc: "The scheme's title, shown in reports and in the fact sheet's instructions."},
			"currency": {desc: "The currency every amount is in: an ISO 4217 code.", ref: "currency", examples: []any{"RUB", "USD", "THB"}},
			"locale":   {desc: "The language of the explanations, reports, fact-sheet headings and messages: en or ru (`--lang` overrides it for a run).", enum: []string{"en", "ru"}, dflt: "en"},
			"rounding": {desc: "How every money amount is rounded, once, at the documented points (docs/calculation.md §8.2). Default: to 0.01, half-up."},
			"ladders":  {desc: "Named ladders: maps of a plan fulfilment, a coefficient K or an amount to a value, shared by KPIs (ladder:), payouts (bonus.payout) and commissions (docs/calculation.md §4)."},
			"roles":    {desc: "The roles: groups of employees paid by the same rules. The fact sheet's roster names each person's role by its id.", minItems: 1},
		},
	},
	"Rounding": {
		def:  "rounding",
		desc: "How money is rounded (docs/calculation.md §8.3).",
		keys: map[string]key{
			"step": {desc: "The rounding step: 0.01 for kopecks and cents, 1 for whole roubles, 0.05 …", ref: "positive_decimal", dflt: n("0.01"), examples: []any{n("0.01"), 1}},
			"mode": {desc: "half-up: half away from zero, as Excel's ROUND; half-even: banker's rounding; down: toward zero, as Excel's ROUNDDOWN.", enum: []string{plan.HalfUp, plan.HalfEven, plan.Down}, dflt: plan.HalfUp},
		},
	},
	"Ladder": {
		def:      "ladder",
		desc:     "A ladder maps an input (a plan fulfilment, K, or an amount) to a value (docs/calculation.md §4.1).",
		required: []string{"id", "type"},
		keys: map[string]key{
			"id":    {desc: "The ladder's id, which KPIs (ladder:), a bonus (payout:) and commissions (ladder:) name.", ref: idDef},
			"title": {desc: "The ladder's title, shown in explanations."},
			"type": {desc: "step: the tier holding the input gives its value for the whole input; increment: step, plus `add` for every full `every` above the tier's from, at most `max`; marginal: each slice of the input at its own tier's rate, summed (commissions); linear: straight lines between points, flat beyond the ends.",
				enum: []string{plan.LadderStep, plan.LadderIncrement, plan.LadderMarginal, plan.LadderLinear}},
			"tiers":     {desc: "A step, increment or marginal ladder's tiers, in increasing order, each from where the one before ends (no gap, no overlap). Below the first tier the ladder gives 0; the last tier's to is optional (docs/calculation.md §4.2)."},
			"inclusive": {desc: "Which bound of a tier holds an input equal to it: from (each tier [from, to), the default) or to (each tier (from, to], the first one [from, to]: \"from 80 to 100 % inclusive\"). Not for a linear ladder.", enum: []string{plan.InclusiveFrom, plan.InclusiveTo}, dflt: plan.InclusiveFrom},
			"points":    {desc: "A linear ladder's points, at least two, in increasing order of at.", minItems: 2},
		},
		extra: ladderRules,
	},
	"Tier": {
		def:      "tier",
		desc:     "One band of a step, increment or marginal ladder: from inclusive, to exclusive (or the other way round with the ladder's inclusive: to). Which keys a tier takes depends on the ladder's type.",
		required: []string{"from"},
		keys: map[string]key{
			"from":   {desc: "Where the tier starts: a fulfilment (0.8 for 80 %), a K or an amount.", ref: "decimal"},
			"to":     {desc: "Where the tier ends: required on every tier but the last; on the last, an input above it is held at it.", ref: "decimal"},
			"value":  {desc: "Step and increment: the tier's value (a coefficient; a commission's rate). With amount, a step tier pays amount + value × fact.", ref: "decimal"},
			"rate":   {desc: "Marginal: the rate each slice of the input within this tier is paid at.", ref: "nonnegative_decimal"},
			"amount": {desc: "Step, for a commission's ladder: the fixed sum the tier pays (docs/calculation.md §4.6).", ref: "nonnegative_decimal"},
			"every":  {desc: "Increment: add `add` for every full `every` above the tier's from (goes with add).", ref: "positive_decimal"},
			"add":    {desc: "Increment: what each full `every` above from adds to the value (goes with every).", ref: "decimal"},
			"max":    {desc: "Increment: the value the tier reaches at most.", ref: "decimal"},
		},
	},
	"Point": {
		def:      "point",
		desc:     "A point of a linear ladder: at this input, this value.",
		required: []string{"at", "value"},
		keys: map[string]key{
			"at":    {desc: "The input: a fulfilment, a K or an amount.", ref: "decimal"},
			"value": {desc: "The value at that input.", ref: "decimal"},
		},
	},
	"Role": {
		def:      "role",
		desc:     "A role: employees paid by the same rules. Pay = fixed + KPI bonus (the variable target × the coefficient) + components (docs/calculation.md §2).",
		required: []string{"id"},
		keys: map[string]key{
			"id":            {desc: "The role's id, as the roster's role column names it.", ref: idDef},
			"title":         {desc: "The role's title, shown in reports (and accepted in the roster's role column)."},
			"fixed":         {desc: "The fixed part (salary): the default for the roster's fixed column.", ref: "nonnegative_decimal", examples: []any{40000}},
			"variable":      {desc: "The variable target: the bonus at a coefficient of 1; the default for the roster's variable column. An amount, or a share of the person's fixed part: \"50% of fixed\" (docs/calculation.md §5.16).", ref: "amount_or_share", examples: []any{40000, "50% of fixed"}},
			"prorate_plans": {desc: "Scale base, norm and target by days worked / days in period, for a person who did not work the whole period (docs/calculation.md §2.1).", dflt: false},
			"bonus":         {desc: "How the KPIs form the variable part. Omit for a role paid by components only."},
			"kpis":          {desc: "The role's KPIs: each a Facts column (or a formula over them), with its plan levels and its weight or ladder."},
			"conditions":    {desc: "Yes/no Facts columns that add their coefficient to the bonus coefficient when they hold (needs bonus)."},
			"gates":         {desc: "Below a KPI's minimum fulfilment, the whole variable part is void (needs bonus; docs/calculation.md §4.4)."},
			"components":    {desc: "Amounts paid beside the KPI bonus: commissions, fixed and proportional bonuses, unit bonuses, pools, draws, formulas, overrides (docs/calculation.md §5)."},
			"modifiers":     {desc: "Changes to the KPI bonus, applied in the order written (needs bonus): quality gate, team level, reduction, overdue penalty."},
			"accepted_warnings": {desc: "Design-rule warnings the scheme's author has weighed and accepted for this role, so that validate --strict passes (docs/design-rules.md §6).",
				enum: []string{plan.WarnKPICount, plan.WarnSmallWeight, plan.WarnSmallVariable, plan.WarnSmallStake}},
			"period": {desc: "The period the role is paid by: month (the default), quarter or year. Its fixed part, KPI bonus and components are paid in the runs of that kind (--period 2026-Q4), and their amounts and plans are that period's (docs/calculation.md §2.2).",
				enum: periodKinds, dflt: "month"},
		},
		extra: roleRules,
	},
	"Bonus": {
		def:      "bonus",
		desc:     "How the variable part is formed: variable target × coefficient, where the coefficient is payout(K) and/or the sum of the KPIs' ladder coefficients, plus conditions (docs/calculation.md §4.3).",
		required: []string{"method"},
		keys: map[string]key{
			"method": {desc: "index: K = Σ weight × index (KPIs with weights summing to exactly 1); ladders: the sum of the KPIs' ladder coefficients (KPIs with ladders, no weights); both: the two added.",
				enum: []string{plan.MethodIndex, plan.MethodLadders, plan.MethodBoth}},
			"payout": {desc: "Optional, with method index or both: the id of a step, increment or linear ladder mapping K to the payout coefficient.", ref: idDef},
		},
		extra: func([]string) obj {
			return obj{{"if", isType("method", plan.MethodLadders)}, {"then", forbid("payout")}}
		},
	},
	"KPI": {
		def:      "kpi",
		desc:     "A KPI: a fact (a Facts column named by its id, or computed, or aggregated), its plan levels base < norm < target (or base > norm > target when lower is better), and its weight or ladder (docs/calculation.md §3).",
		required: []string{"id"},
		keys: map[string]key{
			"id":     {desc: "The KPI's id: also the Facts column's heading (the title is accepted too).", ref: idDef},
			"title":  {desc: "The KPI's title, shown in reports and plans."},
			"unit":   {desc: "A label: RUB, calls, share … except percent, which puts the plan in whole percents (95 for 95 %) and reads a fact typed as 78% as 78.", examples: []any{plan.UnitPercent, "share", "RUB", "calls"}},
			"weight": {desc: "The KPI's weight in K, above 0 and at most 1; a role's weights sum to exactly 1 (method index or both).", ref: "weight", examples: []any{n("0.4")}},
			"base":   {desc: "The base: at or below it the index is 0 (the critical point).", ref: "level"},
			"norm":   {desc: "The norm (the plan): the index is 1 there. Or per person in the Plans table.", ref: "level"},
			"target": {desc: "The target: the stretch level, which caps the index at (target − base) / (norm − base).", ref: "level"},
			"cap":    {desc: "An explicit cap on the index, or none for no cap at all (docs/calculation.md §3.3).", ref: "positive_or_none", examples: []any{"none", n("1.5")}},
			"direction": {desc: "Which is better: higher or lower. Inferred from base and norm when omitted (norm below base: lower).",
				enum: []string{plan.Higher, plan.Lower}},
			"ladder": {desc: "With method ladders or both: the id of a step, increment or linear ladder giving the KPI's coefficient from its fulfilment.", ref: idDef},
			"gate":   {desc: "The minimum fulfilment (fact / norm) below which the KPI gives nothing.", ref: "positive_decimal", examples: []any{n("0.8")}},
			"source": {desc: "Where the fact comes from: facts (the person's Facts row, the default); payments (the sum the person's customers paid in the period, docs/calculation.md §5.10); department or team (of: COLUMN aggregated over the person's department, or over the person and everyone below them, §3.11).",
				enum: []string{plan.SourceFacts, plan.SourcePayments, plan.SourceDepartment, plan.SourceTeam}, dflt: plan.SourceFacts},
			"formula": {desc: "Instead of a column of its own, the fact computed from the person's fact columns: + − × / and brackets, e.g. deals / leads (docs/calculation.md §3.9)."},
			"if_zero": {desc: "With a formula: its value when it divides by zero (without it, that is an error).", ref: "decimal"},
			"of":      {desc: "With source department or team: the Facts column aggregated over the people (a KPI of its own id: dept_revenue of revenue).", ref: idDef},
			"aggregate": {desc: "With source department or team: how the column is aggregated.",
				enum: []string{plan.AggregateSum, plan.AggregateAverage}, dflt: plan.AggregateSum},
		},
		extra: kpiRules,
	},
	"Condition": {
		def:      "condition",
		desc:     "A yes/no Facts column: when it holds, its coefficient is added to the bonus coefficient.",
		required: []string{"id", "coefficient"},
		keys: map[string]key{
			"id":          {desc: "The condition's id: its Facts column (yes/no).", ref: idDef},
			"title":       {desc: "The condition's title, shown in reports."},
			"coefficient": {desc: "What the condition adds to the bonus coefficient when it holds.", ref: "decimal", examples: []any{n("0.15")}},
		},
	},
	"Gate": {
		def:      "gate",
		desc:     "Below the KPI's minimum fulfilment the whole variable part is void.",
		required: []string{"kpi", "min"},
		keys: map[string]key{
			"kpi": {desc: "The id of a KPI of the role.", ref: idDef},
			"min": {desc: "The minimum fulfilment, fact / norm (0.7 for 70 %).", ref: "positive_decimal", examples: []any{n("0.7")}},
		},
	},
	"Component": {
		def:      "component",
		desc:     "An amount paid beside the KPI bonus. Which keys it takes depends on its type (docs/calculation.md §5).",
		required: []string{"id", "type"},
		keys: map[string]key{
			"id":    {desc: "The component's id: a column of the CSV output and the report.", ref: idDef},
			"title": {desc: "The component's title, shown in reports."},
			"type": {desc: "commission: fact × rate, or through a step or marginal ladder; bonus: a fixed amount when a KPI reaches a level or a condition holds; proportional: amount × fulfilment; unit_bonus: units above the norm × price × rate; pool: the department's pool split among its members; draw: a guaranteed minimum of the variable pay; formula: an amount computed from the person's other amounts; override: a manager's rate on what the people below sold or earned; true_up: at a quarter's or year's end, what the span's figures earn on a commission or the bonus less what its months paid (docs/calculation.md §5.19).",
				enum: componentTypes},
			"kpi":    {desc: "commission, proportional, unit_bonus: the id of the role's KPI the component is paid on.", ref: idDef},
			"rate":   {desc: "commission: the share of the fact paid (0.02 for 2 %); unit_bonus: the share of the price paid per unit; override: the share of the sum below paid to the manager.", ref: "nonnegative_decimal", examples: []any{n("0.02")}},
			"ladder": {desc: "commission: the id of a step or marginal ladder of rates (or of fixed amounts), instead of rate.", ref: idDef},
			"amount": {desc: "bonus: the sum paid, or a share of the person's fixed part (\"10% of fixed\"); proportional: the sum at 100 % fulfilment; draw: the guaranteed minimum.", ref: "amount_or_share", examples: []any{2000, "10% of fixed"}},
			"when":   {desc: "bonus: when it is paid: {kpi: ID, reaches: base|norm|target} or {condition: ID}."},
			"min":    {desc: "proportional: the fulfilment below which nothing is paid.", ref: "positive_decimal"},
			"max":    {desc: "proportional: the fulfilment the amount is capped at.", ref: "positive_decimal"},
			"price":  {desc: "unit_bonus: the price of one unit.", ref: "nonnegative_decimal"},
			"by": {desc: "pool: how the department's pool is split: equal (the default) or bonus (in proportion to each member's KPI bonus).",
				enum: []string{"equal", "bonus"}, dflt: "equal"},
			"prior": {desc: "commission with a marginal ladder: the Facts column of what the person made in the plan year before this period, so the ladder counts from the year's start; or year-to-date: the sum of the person's facts of the KPI in the book's earlier periods of the year, read from the book (docs/calculation.md §5.1).", ref: idDef, examples: []any{"sales_ytd", plan.PriorYearToDate}},
			"tiers_on": {desc: "commission with a ladder: what the tiers are keyed on: fact (the default) or attainment (the KPI's fact / norm).",
				enum: []string{plan.TiersOnFact, plan.TiersOnAttainment}, dflt: plan.TiersOnFact},
			"per": {desc: "commission: deal computes it on each deal of the Deals table on its own, then sums (docs/calculation.md §5.18); no kpi then.",
				enum: []string{plan.PerDeal}},
			"on": {desc: "commission per deal: what of a deal it is computed on: amount (the default) or margin.",
				enum: []string{plan.OnAmount, plan.OnMargin}, dflt: plan.OnAmount},
			"paid_only":   {desc: "commission per deal: pay a deal only as its customer pays it, pro rata, in the periods of the payments.", dflt: false},
			"recoverable": {desc: "draw: the top-ups are advances, recovered from later earnings above the draw (the roster's draw_balance carries what is owed; docs/calculation.md §5.15).", dflt: false},
			"formula":     {desc: "formula: the amount computed from the person's other amounts: fixed, variable, bonus and the role's other components' ids, e.g. 0.12 * (basic - hra) (docs/calculation.md §5.16)."},
			"if_zero":     {desc: "formula: its value when it divides by zero.", ref: "decimal"},
			"prorate":     {desc: "formula: multiply the amount by days worked / days in period.", dflt: false},
			"round":       {desc: "formula: the component's own rounding step, a multiple of the scheme's (1 for whole roubles).", ref: "positive_decimal"},
			"of":          {desc: "override: the Facts column (revenue) or the component (commission) of the people below whose sum the override is paid on; true_up: the role's commission on a KPI recomputed over the span, or bonus (the role's KPI bonus).", ref: idDef},
			"over": {desc: "true_up: the span recomputed, paid with the pay of its last month: quarter (March, June, September, December) or year (December).",
				enum: []string{"quarter", "year"}},
			"levels": {desc: "override: how many levels below the manager count (1: the direct reports); omit for every level.", ref: "levels"},
			"net_of": {desc: "override: components paid below the manager (commission, override) whose amounts come off the sum.", ref: idDef},
			"period": {desc: "commission, bonus, proportional, unit_bonus: the period the component is paid by, when not its role's (a quarterly bonus of a monthly role: quarter); it is computed only in the runs of that kind, from that period's fact sheet (docs/calculation.md §2.2).",
				enum: periodKinds},
		},
		extra: componentRules,
	},
	"When": {
		def:  "when",
		desc: "When a fixed bonus is paid: a KPI reaching a level ({kpi: ID, reaches: norm}), or a yes/no condition holding ({condition: ID}).",
		keys: map[string]key{
			"kpi": {desc: "The id of the role's KPI.", ref: idDef},
			"reaches": {desc: "The level the KPI's fact must reach: fact ≥ level (≤ for a lower-is-better KPI).",
				enum: []string{"base", "norm", "target"}},
			"condition": {desc: "The id of the role's condition.", ref: idDef},
		},
		extra: func([]string) obj {
			return obj{{"oneOf", []any{
				obj{{"required", []string{"kpi", "reaches"}}, {"properties", forbidKeys("condition")}},
				obj{{"required", []string{"condition"}}, {"properties", forbidKeys("kpi", "reaches")}},
			}}}
		},
	},
	"Modifier": {
		def:      "modifier",
		desc:     "A change to the KPI bonus, applied in the order written. Which keys it takes depends on its type (docs/calculation.md §5.7–§5.11).",
		required: []string{"id", "type"},
		keys: map[string]key{
			"id":    {desc: "The modifier's id.", ref: idDef},
			"title": {desc: "The modifier's title, shown in reports."},
			"type": {desc: "quality_gate: a score below min multiplies the bonus by factor; team: × the multiplier of the department plan level reached; reduction: × a factor (fixed, or each person's from a Facts column); overdue: − per_day × the days customers paid late, never below zero.",
				enum: modifierTypes},
			"fact":        {desc: "quality_gate: the Facts column holding the score; reduction: the Facts column holding each person's factor (0 to 1), instead of factor.", ref: idDef},
			"min":         {desc: "quality_gate: the score below which the factor applies.", ref: "decimal", examples: []any{n("0.9")}},
			"factor":      {desc: "quality_gate, reduction: what the bonus is multiplied by, 0 to 1.", ref: "ratio", examples: []any{n("0.5")}},
			"per_day":     {desc: "overdue: what is deducted for each day a customer paid late.", ref: "nonnegative_decimal", examples: []any{100}},
			"source":      {desc: "overdue: what is counted: payments (the Payments table's late payments, the default) or deals (every day a deal of the Deals table stays unpaid past its due date, docs/calculation.md §5.18).", enum: []string{plan.SourcePayments, plan.SourceDeals}, dflt: plan.SourcePayments},
			"multipliers": {desc: "team: the multiplier at each department plan level reached."},
			"kpi":         {desc: "team: the members' KPI whose facts and plans are summed to the department's result and levels, instead of the Departments table (docs/calculation.md §5.8).", ref: idDef},
		},
		extra: modifierRules,
	},
	"Multipliers": {
		def:      "multipliers",
		desc:     "A team modifier's multipliers by the department plan level reached.",
		required: []string{"minimum", "normal", "maximum"},
		keys: map[string]key{
			"below":   {desc: "Below the minimum plan.", ref: "nonnegative_decimal", dflt: 1},
			"minimum": {desc: "At the minimum plan.", ref: "nonnegative_decimal", examples: []any{n("1.05")}},
			"normal":  {desc: "At the normal plan.", ref: "nonnegative_decimal", examples: []any{n("1.1")}},
			"maximum": {desc: "At the maximum plan.", ref: "nonnegative_decimal", examples: []any{n("1.2")}},
		},
	},
}

// Decimal forms: a scheme's decimal is a YAML number (0.15, 25000) or a
// string of digits ("0.15"); premia reads its text either way. The
// number branch bounds its range; the text branch's pattern does what it
// can (no minus where the value is never negative).
const (
	unsignedPattern = `^\+?[0-9]+(\.[0-9]+)?$`
	// positivePattern: some digit of the whole or of the fractional part
	// is not 0.
	positivePattern = `^\+?([0-9]*[1-9][0-9]*(\.[0-9]+)?|[0-9]+\.[0-9]*[1-9][0-9]*)$`
	// weightPattern: above 0, at most 1.
	weightPattern = `^\+?(0*1(\.0+)?|0+\.[0-9]*[1-9][0-9]*)$`
	// ratioPattern: 0 to 1.
	ratioPattern  = `^\+?(0*1(\.0+)?|0+(\.[0-9]+)?)$`
	levelsPattern = `^\+?0*[1-9][0-9]*(\.0+)?$`
)

// n is a number in the schema (a default, an example), as written.
func n(s string) json.Number { return json.Number(s) }

// limit is what every decimal stays under in magnitude (plan's maxMagnitude).
var limit = json.Number("1000000000000000")

func decimalDef(desc string, number obj, pattern string) obj {
	num := obj{{"type", "number"}}
	num = append(num, number...)
	return obj{
		{"description", desc},
		{"anyOf", []any{num, obj{{"type", "string"}, {"pattern", pattern}}}},
	}
}

// sharePattern is plan.SharePattern, with the spaces around the text that
// plan trims first.
func sharePattern() string {
	inner := strings.TrimSuffix(strings.TrimPrefix(plan.SharePattern, "^"), "$")
	return `^[\t\n\f\r ]*` + inner + `[\t\n\f\r ]*$`
}

// scalarDefs are the definitions of scalar values, before the types'.
func scalarDefs() obj {
	const how = " Written as a YAML number (0.15, 25000) or as a quoted string of digits (\"0.15\"); either way premia reads the digits as written, never through binary floating point. No %, comma, _ or exponent: 15 % is 0.15."
	neg := json.Number("-" + string(limit))
	return obj{
		{"decimal", decimalDef("A decimal number."+how, obj{{"exclusiveMinimum", neg}, {"exclusiveMaximum", limit}}, plan.DecimalPattern)},
		{"nonnegative_decimal", decimalDef("A decimal number, zero or more."+how, obj{{"minimum", 0}, {"exclusiveMaximum", limit}}, unsignedPattern)},
		{"positive_decimal", decimalDef("A decimal number above zero."+how, obj{{"exclusiveMinimum", 0}, {"exclusiveMaximum", limit}}, positivePattern)},
		{"weight", decimalDef("A weight: above 0, at most 1."+how, obj{{"exclusiveMinimum", 0}, {"maximum", 1}}, weightPattern)},
		{"ratio", decimalDef("A factor from 0 to 1."+how, obj{{"minimum", 0}, {"maximum", 1}}, ratioPattern)},
		{"levels", decimalDef("A whole number of levels, 1 or more.", obj{{"multipleOf", 1}, {"minimum", 1}, {"exclusiveMaximum", limit}}, levelsPattern)},
		{"positive_or_none", obj{
			{"description", "A decimal number above zero, or none."},
			{"anyOf", []any{ref("positive_decimal"), obj{{"const", "none"}}}},
		}},
		{"level", obj{
			{"description", "A plan level: a decimal number, or growth over the person's fact of the KPI in an earlier period of the book, {growth: 25%, over: same-period-last-year} (docs/calculation.md §3.12)."},
			{"anyOf", []any{ref("decimal"), obj{
				{"type", "object"},
				{"properties", obj{
					{"growth", obj{{"description", "The growth, a percentage: 25%, 12.5%, -10%."}, {"type", "string"}, {"pattern", `^[\t\n\f\r ]*[+-]?[0-9]+(\.[0-9]+)?[\t\n\f\r ]*%[\t\n\f\r ]*$`}}},
					{"over", obj{{"description", "The earlier period: the same period last year, or the previous period."}, {"enum", []string{plan.OverLastYear, plan.OverPrevious}}}},
				}},
				{"required", []string{"growth", "over"}},
				{"additionalProperties", false},
			}}},
		}},
		{"amount_or_share", obj{
			{"description", "An amount (zero or more), or a share of the person's fixed part written \"50% of fixed\" (docs/calculation.md §5.16)."},
			{"anyOf", []any{ref("nonnegative_decimal"), obj{{"type", "string"}, {"pattern", sharePattern()}}}},
		}},
		{idDef, obj{
			{"description", "An id: letters, digits, _ and -, starting with a letter. Ids are matched in any case, - and _ alike."},
			{"type", "string"},
			{"pattern", plan.IDPattern},
		}},
		{"currency", obj{
			{"description", "An ISO 4217 currency code."},
			{"type", "string"},
			{"pattern", plan.CurrencyPattern},
		}},
		{"formula", obj{
			{"description", "A formula: numbers, ids, + − * / and brackets, e.g. deals / leads."},
			{"type", "string"},
			{"minLength", 1},
		}},
	}
}

// isType is an if: the key holds one of the values.
func isType(key string, values ...string) obj {
	var v obj
	if len(values) == 1 {
		v = obj{{"const", values[0]}}
	} else {
		v = obj{{"enum", values}}
	}
	return obj{{"properties", obj{{key, v}}}, {"required", []string{key}}}
}

// requires is a rule: a mapping with key must have needs too. (Draft
// 2020-12's dependentRequired says it shorter, but editors that read
// draft-07, as VS Code's YAML extension does, know if/then and not it.)
func requires(key string, needs ...string) obj {
	return obj{{"if", obj{{"required", []string{key}}}}, {"then", obj{{"required", needs}}}}
}

// forbidKeys is a properties object that allows none of keys.
func forbidKeys(keys ...string) obj {
	out := obj{}
	for _, k := range keys {
		out = append(out, kv{k, false})
	}
	return out
}

// forbid is a schema that allows none of keys.
func forbid(keys ...string) obj { return obj{{"properties", forbidKeys(keys...)}} }

// others are the keys of all that are neither common nor own: those a
// type of component or modifier does not take.
func others(all, common, own []string) []string {
	var out []string
	for _, k := range all {
		if !slices.Contains(common, k) && !slices.Contains(own, k) {
			out = append(out, k)
		}
	}
	return out
}

func ladderRules([]string) obj {
	tiers := func(item obj) obj {
		return obj{{"properties", obj{{"tiers", obj{{"items", item}}}}}}
	}
	return obj{{"allOf", []any{
		obj{{"if", isType("type", plan.LadderLinear)}, {"then", obj{
			{"required", []string{"points"}},
			{"properties", forbidKeys("tiers", "inclusive")},
		}}},
		obj{{"if", isType("type", plan.LadderStep, plan.LadderIncrement, plan.LadderMarginal)}, {"then", obj{
			{"required", []string{"tiers"}},
			{"properties", obj{{"tiers", obj{{"minItems", 1}}}, {"points", false}}},
		}}},
		obj{{"if", isType("type", plan.LadderStep)}, {"then", tiers(obj{
			{"anyOf", []any{obj{{"required", []string{"value"}}}, obj{{"required", []string{"amount"}}}}},
			{"properties", forbidKeys("rate", "every", "add", "max")},
		})}},
		obj{{"if", isType("type", plan.LadderIncrement)}, {"then", tiers(obj{
			{"required", []string{"value"}},
			{"properties", forbidKeys("rate", "amount")},
			{"allOf", []any{requires("every", "add"), requires("add", "every"), requires("max", "add")}},
		})}},
		obj{{"if", isType("type", plan.LadderMarginal)}, {"then", tiers(obj{
			{"required", []string{"rate"}},
			{"properties", forbidKeys("value", "amount", "every", "add", "max")},
		})}},
	}}}
}

func roleRules([]string) obj {
	// A condition, a gate or a modifier acts on the KPI bonus.
	return obj{{"allOf", []any{requires("conditions", "bonus"), requires("gates", "bonus"), requires("modifiers", "bonus")}}}
}

func kpiRules([]string) obj {
	aggregated := isType("source", plan.SourceDepartment, plan.SourceTeam)
	return obj{
		{"allOf", []any{
			requires("if_zero", "formula"),
			obj{{"if", aggregated}, {"then", obj{
				{"required", []string{"of"}},
				{"properties", forbidKeys("formula")},
			}}, {"else", forbid("of", "aggregate")}},
			obj{{"if", isType("source", plan.SourcePayments)}, {"then", forbid("formula")}},
		}},
	}
}

// periodKinds are the period kinds a role or a component is paid by.
var periodKinds = []string{"month", "quarter", "year"}

// componentKeys are the keys each component type takes besides id, title
// and type (plan/validate.go, component), and required says which it
// must have.
var componentKeys = map[string]struct{ own, required []string }{
	plan.ComponentCommission:   {own: []string{"kpi", "rate", "ladder", "tiers_on", "prior", "per", "on", "paid_only", "period"}},
	plan.ComponentBonus:        {own: []string{"amount", "when", "period"}, required: []string{"amount", "when"}},
	plan.ComponentProportional: {own: []string{"kpi", "amount", "min", "max", "period"}, required: []string{"kpi", "amount"}},
	plan.ComponentUnitBonus:    {own: []string{"kpi", "price", "rate", "period"}, required: []string{"kpi", "price", "rate"}},
	plan.ComponentPool:         {own: []string{"by"}},
	plan.ComponentDraw:         {own: []string{"amount", "recoverable"}, required: []string{"amount"}},
	plan.ComponentFormula:      {own: []string{"formula", "if_zero", "prorate", "round"}, required: []string{"formula"}},
	plan.ComponentOverride:     {own: []string{"rate", "of", "levels", "net_of"}, required: []string{"rate", "of"}},
	plan.ComponentClawback:     {own: []string{"of"}, required: []string{"of"}},
	plan.ComponentTrueUp:       {own: []string{"of", "over"}, required: []string{"of", "over"}},
}

var common = []string{"id", "title", "type"}

var (
	componentTypes = []string{plan.ComponentCommission, plan.ComponentBonus, plan.ComponentProportional, plan.ComponentUnitBonus, plan.ComponentPool, plan.ComponentDraw, plan.ComponentFormula, plan.ComponentOverride, plan.ComponentClawback, plan.ComponentTrueUp}
	modifierTypes  = []string{plan.ModifierQuality, plan.ModifierTeam, plan.ModifierReduction, plan.ModifierOverdue}
)

func componentRules(all []string) obj {
	var rules []any
	used := map[string]bool{}
	for _, t := range componentTypes {
		ck, ok := componentKeys[t]
		if !ok {
			panic("schema: component type " + t + " has no keys in componentKeys")
		}
		then := obj{}
		if len(ck.required) > 0 {
			then = append(then, kv{"required", ck.required})
		}
		props := forbidKeys(others(all, common, ck.own)...)
		if slices.Contains(ck.own, "amount") && t != plan.ComponentBonus {
			// Only a fixed bonus's amount may be a share of the fixed part.
			props = append(obj{{"amount", ref("nonnegative_decimal")}}, props...)
		}
		then = append(then, kv{"properties", props})
		if t == plan.ComponentCommission {
			then = append(then,
				// Either a rate or a ladder.
				kv{"oneOf", []any{obj{{"required", []string{"rate"}}}, obj{{"required", []string{"ladder"}}}}},
				kv{"allOf", []any{
					requires("on", "per"), requires("paid_only", "per"), requires("prior", "ladder"),
					// Per deal: no KPI (and no prior, no tiers on
					// attainment); else a KPI.
					obj{
						{"if", obj{{"required", []string{"per"}}}},
						{"then", obj{{"properties", obj{{"kpi", false}, {"prior", false}, {"tiers_on", obj{{"const", plan.TiersOnFact}}}}}}},
						{"else", obj{{"required", []string{"kpi"}}}},
					},
				}},
			)
		}
		for _, k := range ck.own {
			used[k] = true
		}
		rules = append(rules, obj{{"if", isType("type", t)}, {"then", then}})
	}
	for _, k := range others(all, common, nil) {
		if !used[k] {
			panic("schema: component key " + k + " is taken by no component type: add it to componentKeys")
		}
	}
	return obj{{"allOf", rules}}
}

var modifierKeys = map[string]struct{ own, required []string }{
	plan.ModifierQuality:   {own: []string{"fact", "min", "factor"}, required: []string{"fact", "min", "factor"}},
	plan.ModifierTeam:      {own: []string{"multipliers", "kpi"}, required: []string{"multipliers"}},
	plan.ModifierReduction: {own: []string{"fact", "factor"}},
	plan.ModifierOverdue:   {own: []string{"per_day", "source"}, required: []string{"per_day"}},
}

func modifierRules(all []string) obj {
	var rules []any
	used := map[string]bool{}
	for _, t := range modifierTypes {
		mk, ok := modifierKeys[t]
		if !ok {
			panic("schema: modifier type " + t + " has no keys in modifierKeys")
		}
		then := obj{}
		if len(mk.required) > 0 {
			then = append(then, kv{"required", mk.required})
		}
		then = append(then, kv{"properties", forbidKeys(others(all, common, mk.own)...)})
		if t == plan.ModifierReduction {
			// Either a factor for everyone or each person's from a column.
			then = append(then, kv{"oneOf", []any{obj{{"required", []string{"factor"}}}, obj{{"required", []string{"fact"}}}}})
		}
		for _, k := range mk.own {
			used[k] = true
		}
		rules = append(rules, obj{{"if", isType("type", t)}, {"then", then}})
	}
	for _, k := range others(all, common, nil) {
		if !used[k] {
			panic("schema: modifier key " + k + " is taken by no modifier type: add it to modifierKeys")
		}
	}
	return obj{{"allOf", rules}}
}
