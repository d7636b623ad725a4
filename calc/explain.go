package calc

import "github.com/shopspring/decimal"

// An explanation is data: the engine records each step as a message id with
// typed arguments and the places its inputs came from, and never a word of
// English or Russian. Package internal/i18n holds the words and renders a
// step in either language, for explain, the report and the tests.

// Msg identifies one kind of step, or of phrase inside a step. The comment
// of each lists its arguments, in order.
type Msg uint8

const (
	MsgNone Msg = iota

	// Steps.
	MsgEmployee             // id, name, role id
	MsgProration            // days worked, days in period, proration
	MsgFixedProrated        // fixed, proration, Money
	MsgFixed                // Money
	MsgVariableProrated     // variable, proration, amount
	MsgVariable             // variable
	MsgTotal                // []Money (fixed, bonus, components…), Money total
	MsgNoDaysWorked         //
	MsgKPIVoided            // kpi, fulfilment Phrase, gate
	MsgIndex                // kpi, fact, base, norm, base, raw index, note Phrase, cap Phrase, weight, weighted
	MsgKPILadder            // kpi, fulfilment Phrase, ladder id, how Phrase, coefficient
	MsgK                    // K
	MsgPayoutLadder         // ladder id, K, how Phrase
	MsgConditionYes         // condition id, coefficient
	MsgConditionNo          // condition id
	MsgGateVoid             // kpi, fulfilment Phrase, minimum
	MsgGatePassed           // kpi, fulfilment Phrase, minimum
	MsgBonus                // coefficient, variable, coefficient, bonus
	MsgBonusNegative        // bonus
	MsgBonusRounded         // step, mode, Money
	MsgQualityBelow         // modifier id, score, minimum, factor, bonus
	MsgQualityMet           // modifier id, score, minimum
	MsgTeam                 // modifier id, department, fact, minimum, normal, maximum, level Phrase, multiplier, bonus
	MsgReduction            // modifier id, factor, bonus
	MsgNoLatePayment        // modifier id
	MsgOverdue              // modifier id, days, per day, deduction, bonus
	MsgPaidRevenue          // period, sum, payments received (int), payments not received (int)
	MsgCommission           // component id, fact, rate, amount
	MsgCommissionLadder     // component id, fact, ladder id, how Phrase
	MsgCommissionRate       // component id, ladder id, fact, how Phrase, fact, rate, amount
	MsgConditionComponent   // component id, holds (bool), amount
	MsgProportional         // component id, fulfilment Phrase, amount, fulfilment used, note Phrase, result
	MsgUnitBonus            // component id, fact, norm, units, price, rate, amount
	MsgComponentNegative    // component id, amount
	MsgPoolShare            // component id, department, Money pool, how Phrase, []string members, Money share
	MsgFormula              // kpi, Formula, fact
	MsgFormulaZero          // kpi, Formula, if_zero
	MsgDraw                 // component id, Money draw, Money earned, Money top-up
	MsgDrawAdvance          // component id, Money draw, Money earned, Money advance, Money opening balance, Money advance, Money closing balance
	MsgDrawRecovered        // component id, Money draw, Money earned, Money above the draw, Money opening balance, Money recovered, Money closing balance
	MsgCommissionPrior      // component id, ladder id, prior, fact, prior + fact, how Phrase, prior, how Phrase, amount
	MsgVariableOfFixed      // percent, fixed, variable
	MsgComponentFormula     // component id, Formula, amount
	MsgComponentFormulaZero // component id, Formula, if_zero
	MsgComponentProrated    // component id, amount, proration, prorated
	MsgComponentShare       // component id, share, fixed, amount
	MsgOverride             // component id, rate, of, []string ids, rate, sum, amount
	MsgOverrideNet          // component id, rate, of, []string ids, net_of ids, rate, sum, their sum, amount
	MsgAggregateSum         // kpi, column, over Phrase, sum
	MsgAggregateAverage     // kpi, column, over Phrase, sum, count, average
	MsgTeamSummed           // modifier id, department, count, kpi
	MsgComponentRounded     // component id, step, amount, Money
	MsgCommissionStep       // component id, ladder id, fact, how Phrase, pay Phrase
	MsgAttainmentStep       // component id, fulfilment Phrase, ladder id, how Phrase, pay Phrase (or 0 below the first tier)
	MsgAttainmentSlices     // component id, fulfilment Phrase, ladder id, norm, how Phrase
	MsgAttainmentPrior      // component id, ladder id, prior, fact, norm, (prior + fact) / norm, how Phrase, prior, norm, prior / norm, how Phrase, amount
	MsgDeal                 // component id, deal id, client and date (string), earned Phrase
	MsgDealsSum             // component id, []Q each deal's, Q sum
	MsgDealsNone            // component id, period
	MsgDealSince            // component id, deal id, client and date, earned Phrase by the period's end, period, earned Phrase before it, Q now, Q before, Q this period
	MsgDealLate             // modifier id, deal id, client and date, due (string), status Phrase, period, days late in the period (int), share Phrase
	MsgNoLateDeal           // modifier id, period
	MsgElsewhere            // by Phrase (the role's kind), period, by Phrase (the run's kind)
	MsgLeft                 // component id, by Phrase (its kind)
	MsgGrowth               // kpi, level (base, norm, target), 1 + growth, earlier fact, earlier period, growth as written, level Q
	MsgDrawCarried          // component id, Money opening balance, period, source (string): what was owed at the end of the book's previous period
	MsgDrawCarriedNone      // component id, Money 0, period, source (string): not paid this draw in the previous period
	MsgPriorYearToDate      // component id, kpi id, []Phrase terms (MsgYearToDateTerm, MsgYearToDateAbsent), Q sum
	MsgPriorYearToDateNone  // component id, kpi id, period: the first period of its year
	MsgClawbackDeal         // component id, deal id, client and date, the deal's period, closed Phrase, the deal's period, earned Phrase by its end, before Phrase (or none), earned Phrase now, Q now, Q before, Q the change
	MsgClawbackSum          // component id, []Q each deal's, Q sum
	MsgClawbackNone         // component id, period
	MsgDealsAllClawed       // component id, period, clawback id
	MsgTrueUpLater          // true-up id, of, span, the span's last period
	MsgTrueUpAbsent         // true-up id, period, source Phrase
	MsgTrueUpMonth          // true-up id, period, kpi, fact, norm (Q or "—"), of, Money paid, source Phrase
	MsgTrueUpSums           // true-up id, span, kpi, []Q facts, Q fact, []Q norms, Q norm, of, []Money paid, Money paid
	MsgTrueUpSumsNoNorm     // true-up id, span, kpi, []Q facts, Q fact, of, []Money paid, Money paid
	MsgTrueUpLine           // true-up id, of, span, Q the span's amount, Money paid, Q the line
	MsgTrueUpBonusMonth     // true-up id, period, Money variable, Money bonus, source Phrase
	MsgTrueUpKPISums        // true-up id, kpi, span, []Q facts, Q fact, []Q norms, Q norm
	MsgTrueUpKPIMean        // true-up id, kpi, span, []Q facts, int n, Q mean, []Q norms, int n, Q mean
	MsgTrueUpK              // true-up id, span, K
	MsgTrueUpBonusSpan      // true-up id, span, coefficient, []Money variables, Money variable, Q bonus, []Money paid, Money paid
	msgFirstPhrase          // the messages below are phrases inside a step
	MsgAtOrBelowBase        // (none): the index is 0
	MsgCappedAt             // cap
	MsgCappedAtTarget       // the target's index
	MsgFulfilment           // fact, norm, fulfilment
	MsgFulfilmentLower      // norm, fact, fulfilment
	MsgFulfilmentBest       // norm
	MsgBelowMinimum         // minimum
	MsgCappedAtMax          // maximum
	MsgLevelBelow           // (none): below the minimum plan level
	MsgLevelMinimum         //
	MsgLevelNormal          //
	MsgLevelMaximum         //
	MsgPoolEqually          //
	MsgPoolEquallyNoBonus   //
	MsgPoolByBonus          // Money bonus
	MsgBelowFirstTier       // first tier's from
	MsgTier                 // range Phrase, value
	MsgTierIncrement        // range Phrase, value, x, from, every, add, value, steps, add, result
	MsgTierIncrementCapped  // range Phrase, value, x, from, every, add, value, steps, add, result, max
	MsgRange                // from, to: [from, to)
	MsgRangeOpen            // from: [from, ∞)
	MsgOverDepartment       // count, department: the n people of department d
	MsgOverTeam             // id, count: id and those below them, n people
	MsgMarginal             // []Phrase slices, sum
	MsgSlice                // slice, rate
	MsgLinearBelow          // first point, its value
	MsgLinearAbove          // last point, its value
	MsgLinearBetween        // at a, value a, at b, value b, value a, x, at a, value b, value a, at b, at a, result
	MsgRangeClosed          // from, to: [from, to]
	MsgRangeUpper           // from, to: (from, to]
	MsgRangeOpenAbove       // from: (from, ∞)
	MsgHeldAtBound          // x, the last tier's to, the same to, how Phrase
	MsgTierAmount           // range Phrase, amount
	MsgTierAmountRate       // range Phrase, amount, rate
	MsgSliceOfNorm          // slice of attainment, norm, rate
	MsgPayAmount            // amount
	MsgPayAmountRate        // amount, fact, rate, result
	MsgPayRate              // fact, rate, result
	MsgPayRateHeld          // norm, bound, rate, result
	MsgPayAmountRateHeld    // amount, norm, bound, rate, result
	MsgDealLadder           // base Q, ladder id, how Phrase (a marginal ladder: its slices and sum)
	MsgDealStep             // base Q, ladder id, how Phrase (the tier), pay Phrase (rate × base, or the tier's amount)
	MsgDealRate             // base Q, rate, amount Q
	MsgDealNet              // Q amount, Q credited, Q net
	MsgDealNotYet           // (none): a deal dated after the day
	MsgDealPaid             // earned Phrase, Q paid, Q owed, Q commission, Q paid, Q owed, Q part
	MsgDealPaidInFull       // earned Phrase
	MsgDealUnpaid           // earned Phrase
	MsgDealShare            // share, the deal (Q or Phrase), Q the share of it
	MsgDealPaidOn           // date (string): paid in full on
	MsgDealUnpaidOn         // date (string): still unpaid on (the period's last day)
	MsgLateShare            // share, days
	MsgByMonth              // (none): paid by the month
	MsgByQuarter            // (none): paid by the quarter
	MsgByYear               // (none): paid by the year
	MsgYearToDateTerm       // period, fact, source (string)
	MsgYearToDateAbsent     // period, source (string): not on that period's roster, 0
	MsgPeriodClosed         // snapshot (string): the deal's period is closed
	MsgPeriodOpen           // (none): the deal's period is not closed (a book run)
	MsgClawbackBefore       // period, earned Phrase before it
	MsgTrueUpClosed         // source: a closed period's snapshot
	MsgTrueUpComputed       // source: a fact sheet the period was computed from
	MsgTrueUpThisRun        // source: the run's fact sheet
	msgEnd
)

// IsPhrase reports whether m is a phrase inside a step rather than a step.
func (m Msg) IsPhrase() bool { return m > msgFirstPhrase && m < msgEnd }

// MsgCount is one more than the largest Msg, for catalogues to check
// that they word every message.
const MsgCount = int(msgEnd)

// Phrase is a message and its arguments: a step's text, or part of one.
// An argument is one of: a decimal.Decimal (a figure as given), a Q (an
// exact ratio, shown rounded), a Money, a string (an id or the scheme's own
// text of a value), an int (a count), a bool (a condition held or not), a
// Phrase, a []Phrase, a []Money, a []Q (terms of a sum) or a []string. The zero Phrase says nothing.
type Phrase struct {
	Msg  Msg
	Args []any
}

// Money is an amount shown with the scheme's number of decimals.
type Money struct {
	V     decimal.Decimal
	Scale int32
}

// Step is one line of the explanation: what was computed and how, as a
// Phrase, and the places of the inputs it used.
type Step struct {
	Phrase
	Sources []Place
}
