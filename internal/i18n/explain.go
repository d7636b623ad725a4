package i18n

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// words are the formats of each message: English, then Russian. Every
// argument is rendered to text first (Render), so %s takes any of them and
// %q quotes an id.
var words = map[calc.Msg][2]string{
	calc.MsgEmployee:             {"%s %s, role %s", "%s %s, роль %s"},
	calc.MsgProration:            {"Worked %s of %s days: proration %s", "Отработано %s из %s дней: доля %s"},
	calc.MsgFixedProrated:        {"Fixed part = %s × %s = %s", "Оклад = %s × %s = %s"},
	calc.MsgFixed:                {"Fixed part = %s", "Оклад = %s"},
	calc.MsgVariableProrated:     {"Variable target = %s × %s = %s", "Переменная часть (цель) = %s × %s = %s"},
	calc.MsgVariable:             {"Variable target = %s", "Переменная часть (цель) = %s"},
	calc.MsgTotal:                {"Total = fixed + bonus + components = %s = %s", "Итого = оклад + премия + доплаты = %s = %s"},
	calc.MsgNoDaysWorked:         {"No days worked in the period: no variable part", "В периоде не отработано ни дня: переменной части нет"},
	calc.MsgKPIVoided:            {"%s: fulfilment %s is below the gate %s: the KPI gives nothing", "%s: выполнение %s ниже порога %s: показатель не учитывается"},
	calc.MsgIndex:                {"%s: index = (fact − base) / (norm − base) = (%s − %s) / (%s − %s) = %s%s%s; × weight %s = %s", "%s: индекс = (факт − база) / (норма − база) = (%s − %s) / (%s − %s) = %s%s%s; × вес %s = %s"},
	calc.MsgKPILadder:            {"%s: fulfilment %s; ladder %q, %s → coefficient %s", "%s: выполнение %s; шкала %q, %s → коэффициент %s"},
	calc.MsgK:                    {"K = Σ weight × index = %s", "K = Σ вес × индекс = %s"},
	calc.MsgPayoutLadder:         {"Payout ladder %q at K = %s: %s", "Шкала выплаты %q при K = %s: %s"},
	calc.MsgConditionYes:         {"%s: yes → +%s", "%s: да → +%s"},
	calc.MsgConditionNo:          {"%s: no → +0", "%s: нет → +0"},
	calc.MsgGateVoid:             {"Gate: %s fulfilment %s is below %s: the whole variable part is void", "Порог: %s, выполнение %s ниже %s: переменная часть не выплачивается"},
	calc.MsgGatePassed:           {"Gate: %s fulfilment %s is at least %s: passed", "Порог: %s, выполнение %s не ниже %s: пройден"},
	calc.MsgBonus:                {"Coefficient = %s; bonus = variable target × coefficient = %s × %s = %s", "Коэффициент = %s; премия = переменная часть × коэффициент = %s × %s = %s"},
	calc.MsgBonusNegative:        {"The bonus came out at %s: a variable part is never negative, so it is 0", "Премия получилась %s: переменная часть не бывает отрицательной, поэтому 0"},
	calc.MsgBonusRounded:         {"Bonus, rounded to %s (%s) = %s", "Премия, округлено до %s (%s) = %s"},
	calc.MsgQualityBelow:         {"%s: quality %s is below the minimum %s: bonus × %s = %s", "%s: качество %s ниже минимума %s: премия × %s = %s"},
	calc.MsgQualityMet:           {"%s: quality %s meets the minimum %s: no reduction", "%s: качество %s не ниже минимума %s: без снижения"},
	calc.MsgTeam:                 {"%s: department %s made %s against plans %s / %s / %s: level %s, bonus × %s = %s", "%s: отдел %s: факт %s при планах %s / %s / %s: уровень %s, премия × %s = %s"},
	calc.MsgReduction:            {"%s: bonus × %s = %s", "%s: премия × %s = %s"},
	calc.MsgNoLatePayment:        {"%s: no payment received late", "%s: просроченных оплат нет"},
	calc.MsgOverdue:              {"%s: %s days late × %s = %s deducted, never below zero: bonus = %s", "%s: %s дн. просрочки × %s = %s к удержанию, не ниже нуля: премия = %s"},
	calc.MsgPaidRevenue:          {"Paid revenue for %s = %s (payments received in the period: %s; not paid in the period, earning nothing: %s)", "Оплаченная выручка за %s = %s (оплат получено в периоде: %s; не оплачено в периоде и не учитывается: %s)"},
	calc.MsgCommission:           {"%s: commission = %s × %s = %s", "%s: комиссия = %s × %s = %s"},
	calc.MsgCommissionLadder:     {"%s: commission on %s by ladder %q: %s", "%s: комиссия с %s по шкале %q: %s"},
	calc.MsgCommissionRate:       {"%s: ladder %q at %s: %s; commission = %s × %s = %s", "%s: шкала %q при %s: %s; комиссия = %s × %s = %s"},
	calc.MsgConditionComponent:   {"%s: condition %s → %s", "%s: условие %s → %s"},
	calc.MsgProportional:         {"%s: fulfilment %s; %s × %s%s = %s", "%s: выполнение %s; %s × %s%s = %s"},
	calc.MsgUnitBonus:            {"%s: units above plan max(0, %s − %s) = %s × price %s × rate %s = %s", "%s: сверх плана max(0; %s − %s) = %s × цена %s × ставка %s = %s"},
	calc.MsgComponentNegative:    {"%s came out at %s: a component is never negative, so it is 0", "%s: получилось %s; доплата не бывает отрицательной, поэтому 0"},
	calc.MsgPoolShare:            {"%s: department %s pool %s split %s among %s (largest remainder, so the shares sum to the pool) → %s", "%s: фонд отдела %s %s делится %s между %s (методом наибольших остатков, доли в сумме дают фонд) → %s"},
	calc.MsgFormula:              {"%s: fact = %s = %s", "%s: факт = %s = %s"},
	calc.MsgFormulaZero:          {"%s: fact = %s: a division by zero, so the KPI's if_zero %s", "%s: факт = %s: деление на ноль, поэтому if_zero показателя: %s"},
	calc.MsgDraw:                 {"%s: guaranteed %s; earned %s (bonus and components): top-up %s", "%s: гарантировано %s; заработано %s (премия и доплаты): доплата до гарантии %s"},
	calc.MsgDrawAdvance:          {"%s: draw %s; earned %s (bonus and components): advance %s, owed to the draw %s + %s = %s", "%s: гарантия %s; заработано %s (премия и доплаты): аванс %s, долг по гарантии %s + %s = %s"},
	calc.MsgDrawRecovered:        {"%s: draw %s; earned %s (bonus and components), %s above the draw repays the balance %s: %s deducted, balance %s", "%s: гарантия %s; заработано %s (премия и доплаты), %s сверх гарантии гасит долг %s: удержано %s, долг %s"},
	calc.MsgCommissionPrior:      {"%s: ladder %q from the year's start: %s before and %s now make %s, %s; less %s, %s: commission %s", "%s: шкала %q с начала года: %s до периода и %s в периоде дают %s, %s; минус %s, %s: комиссия %s"},
	calc.MsgVariableOfFixed:      {"Variable target = %s × the fixed part %s = %s", "Переменная часть (цель) = %s × оклад %s = %s"},
	calc.MsgComponentFormula:     {"%s = %s = %s", "%s = %s = %s"},
	calc.MsgComponentFormulaZero: {"%s = %s: a division by zero, so the component's if_zero %s", "%s = %s: деление на ноль, поэтому if_zero компонента: %s"},
	calc.MsgComponentProrated:    {"%s prorated: %s × %s = %s", "%s пропорционально отработанным дням: %s × %s = %s"},
	calc.MsgComponentShare:       {"%s = %s × the fixed part %s = %s", "%s = %s × оклад %s = %s"},
	calc.MsgOverride:             {"%s = %s × %s of those below (%s) = %s × %s = %s", "%s = %s × %s подчинённых (%s) = %s × %s = %s"},
	calc.MsgOverrideNet:          {"%s = %s × (%s of those below (%s) − their %s) = %s × (%s − %s) = %s", "%s = %s × (%s подчинённых (%s) − их %s) = %s × (%s − %s) = %s"},
	calc.MsgAggregateSum:         {"%s = the sum of %s over %s = %s", "%s = сумма %s по %s = %s"},
	calc.MsgAggregateAverage:     {"%s = the average of %s over %s = %s / %s = %s", "%s = среднее %s по %s = %s / %s = %s"},
	calc.MsgOverDepartment:       {"department %q (%s people counted)", "отделу %q (учтено сотрудников: %s)"},
	calc.MsgOverTeam:             {"%s and those below them (%s people counted)", "%s и подчинённым (учтено сотрудников: %s)"},
	calc.MsgTeamSummed:           {"%s: department %q's result and plans are the sums of its %s members' fact, base, norm and target of %s", "%s: факт и планы отдела %q — суммы по его сотрудникам (%s чел.) факта, базы, нормы и цели показателя %s"},
	calc.MsgComponentRounded:     {"%s rounded to a step of %s: %s → %s", "%s округлено с шагом %s: %s → %s"},
	calc.MsgCommissionStep:       {"%s: ladder %q at %s: %s; commission = %s", "%s: шкала %q при %s: %s; комиссия = %s"},
	calc.MsgAttainmentStep:       {"%s: fulfilment %s; ladder %q, %s; commission = %s", "%s: выполнение %s; шкала %q, %s; комиссия = %s"},
	calc.MsgAttainmentSlices:     {"%s: fulfilment %s; ladder %q, each slice of fulfilment × the norm %s × its rate: commission %s", "%s: выполнение %s; шкала %q, каждый отрезок выполнения × норма %s × его ставка: комиссия %s"},
	calc.MsgAttainmentPrior:      {"%s: ladder %q on fulfilment from the year's start: (%s before + %s now) / norm %s = %s → %s; less %s / %s = %s → %s; commission %s", "%s: шкала %q по выполнению с начала года: (%s до периода + %s в периоде) / норма %s = %s → %s; минус %s / %s = %s → %s; комиссия %s"},

	calc.MsgElsewhere:           {"The fixed part and the KPI bonus are paid %s: not in the run for %s, which pays what is paid %s", "Оклад и премия по KPI начисляются %s: в расчёт за %s не входят, в нём — только начисляемое %s"},
	calc.MsgDrawCarried:         {"%s: owed %s at the start, the closing balance of %s (%s)", "%s: долг %s на начало периода, остаток на конец %s (%s)"},
	calc.MsgDrawCarriedNone:     {"%s: owed %s at the start: no balance of this draw at the end of %s (%s)", "%s: долг %s на начало периода: на конец %s долга по этой гарантии нет (%s)"},
	calc.MsgPriorYearToDate:     {"%s: %s before this period, the year to date: %s = %s", "%s: %s до этого периода, с начала года: %s = %s"},
	calc.MsgPriorYearToDateNone: {"%s: %s before this period, the year to date: none, %s is the first period of its year: 0", "%s: %s до этого периода, с начала года: нет, %s — первый период года: 0"},
	calc.MsgGrowth:              {"%s: %s = %s × %s (the fact of %s, grown %s) = %s", "%s: %s = %s × %s (факт за %s, рост %s) = %s"},
	calc.MsgLeft:                {"%s is paid %s: not in this run", "%s начисляется %s: не в этом расчёте"},

	calc.MsgYearToDateTerm:   {"%s %s (%s)", "%s %s (%s)"},
	calc.MsgYearToDateAbsent: {"%s 0 (not on the roster of %s)", "%s 0 (нет в списке сотрудников %s)"},
	calc.MsgTrueUpLater:      {"%s: the true-up of %s over %s is paid with the pay of %s: 0 in this run", "%s: досчёт %s за %s начисляется с оплатой за %s: в этом расчёте 0"},
	calc.MsgTrueUpAbsent:     {"%s, %s: not paid in that period (%s): it counts nothing", "%s, %s: в этом периоде не начислялось (%s): не учитывается"},
	calc.MsgTrueUpMonth:      {"%s, %s: %s fact %s, norm %s; %s paid %s (%s)", "%s, %s: %s факт %s, норма %s; %s начислено %s (%s)"},
	calc.MsgTrueUpSums:       {"%s over %s: %s fact %s = %s; norm %s = %s; %s paid %s = %s", "%s за %s: %s факт %s = %s; норма %s = %s; %s начислено %s = %s"},
	calc.MsgTrueUpSumsNoNorm: {"%s over %s: %s fact %s = %s; %s paid %s = %s", "%s за %s: %s факт %s = %s; %s начислено %s = %s"},
	calc.MsgTrueUpLine:       {"%s = max(0, %s over %s %s − paid %s) = %s", "%s = max(0; %s за %s %s − начислено %s) = %s"},
	calc.MsgTrueUpBonusMonth: {"%s, %s: variable part %s, bonus paid %s (%s)", "%s, %s: переменная часть %s, начислена премия %s (%s)"},
	calc.MsgTrueUpKPISums:    {"%s: %s over %s: fact %s = %s; norm %s = %s", "%s: %s за %s: факт %s = %s; норма %s = %s"},
	calc.MsgTrueUpKPIMean:    {"%s: %s over %s, the mean of the periods paid: fact (%s) / %s = %s; norm (%s) / %s = %s", "%s: %s за %s, среднее по оплаченным периодам: факт (%s) / %s = %s; норма (%s) / %s = %s"},
	calc.MsgTrueUpK:          {"%s: K over %s = Σ weight × index = %s", "%s: K за %s = Σ вес × индекс = %s"},
	calc.MsgTrueUpBonusSpan:  {"%s: the bonus over %s = coefficient %s × the variable parts (%s = %s) = %s; paid %s = %s", "%s: премия за %s = коэффициент %s × переменные части (%s = %s) = %s; начислено %s = %s"},
	calc.MsgTrueUpClosed:     {"%s, closed: as paid", "%s, период закрыт: как начислено"},
	calc.MsgTrueUpComputed:   {"computed from %s", "рассчитан по %s"},
	calc.MsgTrueUpThisRun:    {"this run, %s", "этот расчёт, %s"},

	calc.MsgByMonth:             {"by the month", "помесячно"},
	calc.MsgByQuarter:           {"by the quarter", "по итогам квартала"},
	calc.MsgByYear:              {"by the year", "по итогам года"},
	calc.MsgAtOrBelowBase:       {" (at or below base: 0)", " (не выше базы: 0)"},
	calc.MsgCappedAt:            {", capped at %s", ", ограничен %s"},
	calc.MsgCappedAtTarget:      {", capped at the target's index %s", ", ограничен индексом цели %s"},
	calc.MsgFulfilment:          {"= fact / norm = %s / %s = %s", "= факт / норма = %s / %s = %s"},
	calc.MsgFulfilmentLower:     {"= norm / fact = %s / %s = %s", "= норма / факт = %s / %s = %s"},
	calc.MsgFulfilmentBest:      {"= norm / fact = %s / 0: the best result there is, above every tier", "= норма / факт = %s / 0: лучший возможный результат, выше любой ступени"},
	calc.MsgBelowMinimum:        {" (below the minimum %s: nothing)", " (ниже минимума %s: 0)"},
	calc.MsgCappedAtMax:         {" (capped at %s)", " (не более %s)"},
	calc.MsgLevelBelow:          {"below", "ниже минимального"},
	calc.MsgLevelMinimum:        {"minimum", "минимальный"},
	calc.MsgLevelNormal:         {"normal", "нормальный"},
	calc.MsgLevelMaximum:        {"maximum", "максимальный"},
	calc.MsgPoolEqually:         {"equally", "поровну"},
	calc.MsgPoolEquallyNoBonus:  {"equally (no member earned a bonus to weigh it by)", "поровну (ни у кого нет премии, по которой делить)"},
	calc.MsgPoolByBonus:         {"in proportion to the bonus %s", "пропорционально премии %s"},
	calc.MsgBelowFirstTier:      {"below the first tier (from %s): 0", "ниже первой ступени (от %s): 0"},
	calc.MsgTier:                {"tier %s: %s", "ступень %s: %s"},
	calc.MsgTierIncrement:       {"tier %s: %s + floor((%s − %s) / %s) × %s = %s + %s × %s = %s", "ступень %s: %s + floor((%s − %s) / %s) × %s = %s + %s × %s = %s"},
	calc.MsgTierIncrementCapped: {"tier %s: %s + floor((%s − %s) / %s) × %s = %s + %s × %s = %s, capped at %s", "ступень %s: %s + floor((%s − %s) / %s) × %s = %s + %s × %s = %s, не более %s"},
	calc.MsgRange:               {"[%s, %s)", "[%s; %s)"}, // a decimal comma in Russian: the bounds apart by ;
	calc.MsgRangeOpen:           {"[%s, ∞)", "[%s; ∞)"},
	calc.MsgMarginal:            {"%s = %s", "%s = %s"},
	calc.MsgSlice:               {"%s × %s", "%s × %s"},
	calc.MsgLinearBelow:         {"at or below the first point %s: %s", "не выше первой точки %s: %s"},
	calc.MsgLinearAbove:         {"at or above the last point %s: %s", "не ниже последней точки %s: %s"},
	calc.MsgDealLadder:          {"%s by ladder %q: %s", "%s по шкале %q: %s"},
	calc.MsgDealStep:            {"%s by ladder %q: %s; %s", "%s по шкале %q: %s; %s"},
	calc.MsgDealRate:            {"%s × %s = %s", "%s × %s = %s"},
	calc.MsgDealNet:             {"%s − %s credited = %s", "%s − %s по корректировкам = %s"},
	calc.MsgDealNotYet:          {"not yet made: 0", "ещё не заключена: 0"},
	calc.MsgDealPaid:            {"%s; paid %s of %s: %s × %s / %s = %s", "%s; оплачено %s из %s: %s × %s / %s = %s"},
	calc.MsgDealPaidInFull:      {"%s; paid in full", "%s; оплачена полностью"},
	calc.MsgDealUnpaid:          {"%s; nothing paid: 0", "%s; не оплачена: 0"},
	calc.MsgDealPaidOn:          {"paid in full %s", "оплачена полностью %s"},
	calc.MsgDealUnpaidOn:        {"still unpaid on %s", "не оплачена на %s"},
	calc.MsgLateShare:           {" × share %s = %s", " × доля %s = %s"},
	calc.MsgDealShare:           {"share %s of %s = %s", "доля %s от %s = %s"},
	calc.MsgLinearBetween:       {"between %s → %s and %s → %s: %s + (%s − %s) × (%s − %s) / (%s − %s) = %s", "между %s → %s и %s → %s: %s + (%s − %s) × (%s − %s) / (%s − %s) = %s"},
	calc.MsgRangeClosed:         {"[%s, %s]", "[%s; %s]"},
	calc.MsgRangeUpper:          {"(%s, %s]", "(%s; %s]"},
	calc.MsgRangeOpenAbove:      {"(%s, ∞)", "(%s; ∞)"},
	calc.MsgHeldAtBound:         {"%s is above the last tier's upper bound %s: counted as %s; %s", "%s выше верхней границы последней ступени %s: берётся %s; %s"},
	calc.MsgTierAmount:          {"tier %s: amount %s", "ступень %s: сумма %s"},
	calc.MsgTierAmountRate:      {"tier %s: amount %s and rate %s", "ступень %s: сумма %s и ставка %s"},
	calc.MsgSliceOfNorm:         {"%s × %s × %s", "%s × %s × %s"},
	calc.MsgPayAmount:           {"the tier's amount %s", "сумма ступени %s"},
	calc.MsgPayAmountRate:       {"%s + %s × %s = %s", "%s + %s × %s = %s"},
	calc.MsgPayRate:             {"%s × %s = %s", "%s × %s = %s"},
	calc.MsgPayRateHeld:         {"norm %s × %s × %s = %s", "норма %s × %s × %s = %s"},
	calc.MsgPayAmountRateHeld:   {"%s + norm %s × %s × %s = %s", "%s + норма %s × %s × %s = %s"},
	calc.MsgDeal:                {"%s: deal %s (%s): %s", "%s: сделка %s (%s): %s"},
	calc.MsgDealsSum:            {"%s: commission per deal = %s = %s", "%s: комиссия по сделкам = %s = %s"},
	calc.MsgDealsNone:           {"%s: no deal in %s: commission 0", "%s: сделок за %s нет: комиссия 0"},
	calc.MsgDealSince:           {"%s: deal %s (%s): by the period's end %s; before %s %s; this period %s − %s = %s", "%s: сделка %s (%s): на конец периода %s; до %s %s; за период %s − %s = %s"},
	calc.MsgDealLate:            {"%s: deal %s (%s) due %s, %s: days late in %s: %s%s", "%s: сделка %s (%s) со сроком оплаты %s, %s: дней просрочки в %s: %s%s"},
	calc.MsgClawbackDeal:        {"%s: deal %s (%s) of %s%s: by the end of %s %s%s; now %s; clawed back %s − %s = %s", "%s: сделка %s (%s) за %s%s: на конец %s %s%s; сейчас %s; удержано %s − %s = %s"},
	calc.MsgClawbackSum:         {"%s: clawed back of deals of earlier periods = %s = %s", "%s: удержано по сделкам прошлых периодов = %s = %s"},
	calc.MsgClawbackNone:        {"%s: no credit note in %s takes back a deal of an earlier period: clawback 0", "%s: в %s нет корректировок, уменьшающих сделки прошлых периодов: удержание 0"},
	calc.MsgDealsAllClawed:      {"%s: no deal earns in %s: commission 0 (what credit notes take back of earlier periods' deals is in %s)", "%s: в %s сделки ничего не приносят: комиссия 0 (то, что корректировки забирают у сделок прошлых периодов, — в %s)"},
	calc.MsgPeriodClosed:        {", closed (%s)", ", период закрыт (%s)"},
	calc.MsgPeriodOpen:          {", not closed", ", период не закрыт"},
	calc.MsgClawbackBefore:      {"; before %s %s", "; до %s %s"},
	calc.MsgNoLateDeal:          {"%s: no deal unpaid past its due date in %s", "%s: в %s нет сделок, не оплаченных в срок"},
}

// yesNo are the words for a condition that held or did not.
var yesNo = map[bool][2]string{true: {"holds", "выполнено"}, false: {"does not hold", "не выполнено"}}

// piece is a part of a message's format: literal text, then the argument
// it is followed by (arg < 0: none), quoted when the verb is %q.
type piece struct {
	text  string
	arg   int
	quote bool
}

// formats are words parsed once: message → language → pieces.
var formats = func() map[calc.Msg][2][]piece {
	out := make(map[calc.Msg][2][]piece, len(words))
	for m, w := range words {
		out[m] = [2][]piece{parseFormat(w[0]), parseFormat(w[1])}
	}
	return out
}()

// parseFormat splits a format of %s and %q verbs into pieces.
func parseFormat(f string) []piece {
	var ps []piece
	n := 0
	for {
		i := strings.IndexByte(f, '%')
		if i < 0 {
			return append(ps, piece{text: f, arg: -1})
		}
		if i+1 == len(f) || (f[i+1] != 's' && f[i+1] != 'q') {
			panic(fmt.Sprintf("i18n: %q: only %%s and %%q are verbs here", f))
		}
		ps = append(ps, piece{text: f[:i], arg: n, quote: f[i+1] == 'q'})
		n++
		f = f[i+2:]
	}
}

// Render is a step or phrase in lang ("en" or "ru"; anything else is
// English). The zero Phrase is "".
func Render(p calc.Phrase, lang string) string { return string(Append(nil, p, lang)) }

// Places are the words a step's sources are shown with in lang: «лист»
// and «строка» in Russian, as the rest of the explanation.
func Places(lang string) calc.PlaceWords {
	if lang == "ru" {
		return calc.PlaceWords{Sheet: "лист", Row: "строка"}
	}
	return calc.English
}

// Append appends Render(p, lang) to dst.
func Append(dst []byte, p calc.Phrase, lang string) []byte {
	if p.Msg == calc.MsgNone {
		return dst
	}
	f, ok := formats[p.Msg]
	if !ok {
		panic(fmt.Sprintf("i18n: message %d has no words", p.Msg))
	}
	l := 0
	if lang == "ru" {
		l = 1
	}
	used := 0
	for _, pc := range f[l] {
		dst = append(dst, pc.text...)
		used = max(used, pc.arg+1)
		switch {
		case pc.arg < 0:
		case pc.arg >= len(p.Args):
			dst = append(dst, "%!s(MISSING)"...) // as fmt shows it; TestEveryMessageWorded keeps it away
		case pc.quote:
			dst = strconv.AppendQuote(dst, string(appendArg(nil, p.Args[pc.arg], lang, l)))
		default:
			dst = appendArg(dst, p.Args[pc.arg], lang, l)
		}
	}
	if used < len(p.Args) {
		dst = append(dst, "%!(EXTRA)"...) // as fmt marks it
	}
	return dst
}

// appendArg appends one argument of a phrase, rendered.
func appendArg(dst []byte, a any, lang string, l int) []byte {
	from := len(dst)
	switch v := a.(type) {
	case decimal.Decimal:
		return decimalComma(calc.AppendText(dst, v), from, l)
	case calc.Q:
		return decimalComma(v.AppendString(dst), from, l)
	case calc.Money:
		return decimalComma(append(dst, v.V.StringFixed(v.Scale)...), from, l)
	case string:
		if isDecimalText(v) { // the scheme's own text of a value: 0.4
			return decimalComma(append(dst, v...), from, l)
		}
		return append(dst, v...)
	case int:
		return strconv.AppendInt(dst, int64(v), 10)
	case bool:
		return append(dst, yesNo[v][l]...)
	case calc.Phrase:
		return Append(dst, v, lang)
	case []calc.Phrase:
		for i, p := range v {
			if i > 0 {
				dst = append(dst, " + "...)
			}
			dst = Append(dst, p, lang)
		}
		return dst
	case []calc.Money:
		for i, m := range v {
			switch {
			case i > 0 && m.V.IsNegative(): // a recovered draw: 6000.00 − 1000.00
				dst = append(dst, " − "...)
				m.V = m.V.Neg()
			case i > 0:
				dst = append(dst, " + "...)
			}
			dst = append(dst, m.V.StringFixed(m.Scale)...)
		}
		return decimalComma(dst, from, l)
	case calc.Formula:
		// The formula, then the values it read in place of its columns.
		dst = v.Expr.Append(dst, func(d []byte, x *plan.Expr) []byte { return append(d, x.Text...) })
		dst = append(dst, " = "...)
		at := len(dst)
		dst = v.Expr.Append(dst, func(d []byte, x *plan.Expr) []byte {
			if x.Op != plan.ExprCol {
				return append(d, x.Text...)
			}
			if n := v.Values[x.Column]; n.IsNegative() {
				return append(calc.AppendText(append(d, '('), n), ')')
			}
			return calc.AppendText(d, v.Values[x.Column])
		})
		return decimalComma(dst, at, l)
	case []calc.Q:
		// The terms of a sum: 2 + 3 + 20, a negative one as − 60.
		for i, q := range v {
			switch {
			case i > 0 && q.Sign() < 0:
				dst = append(dst, " − "...)
				q = q.Neg()
			case i > 0:
				dst = append(dst, " + "...)
			}
			dst = q.AppendString(dst)
		}
		return decimalComma(dst, from, l)
	case []string:
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = append(dst, s...)
		}
		return dst
	}
	panic(fmt.Sprintf("i18n: an argument of type %T", a))
}

// decimalComma writes the decimal points of the number just appended to
// dst (from on) as commas, in Russian (l 1): «0,666667», «30000,00».
func decimalComma(dst []byte, from, l int) []byte {
	if l == 1 {
		for i := from; i < len(dst); i++ {
			if dst[i] == '.' {
				dst[i] = ','
			}
		}
	}
	return dst
}

// isDecimalText reports whether s is a number with a decimal point as a
// scheme writes one (-0.05, 1.2), not an id or a word.
func isDecimalText(s string) bool {
	s = strings.TrimPrefix(s, "-")
	i := strings.IndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	for j := 0; j < len(s); j++ {
		if j != i && (s[j] < '0' || s[j] > '9') {
			return false
		}
	}
	return true
}
