package decompose

import (
	"fmt"
	"strings"
)

// labels are the words of a decomposition's table and workbook, in
// English and Russian.
type labels struct {
	Stage, KPI, Conversion, From, Month, Needed, Day, ManagerDay, Norm, NormLine, Above string
	Manager, Name, Share, Revenue, Profit, Margin, AverageCheck, Deals, WorkingDays     string
	Managers, Profile, Shared, Conversions, History, NoProfile, Each, Title, Funnel     string
	Plans, Chain, People, Inputs, Yes, Page                                             string
	// PerDay names the sheet of each manager's day; PerDayNote says what it
	// holds; NormOf heads a stage's norm column (the stage's id).
	PerDay, PerDayNote, NormOf string
	// The charts: FunnelChart titles the funnel in one chart, FunnelChartOf
	// a group of its stages (the first and last stage's ids), FunnelChartOne
	// a group of one; MonthAxis is their values' axis. PerDayChart titles a
	// stage's chart of each manager's day (the stage's id, the norm's
	// line); DayOf is its values' axis and the day's series (the stage's id).
	FunnelChart, FunnelChartOf, FunnelChartOne, MonthAxis, PerDayChart, DayOf string
	Lines                                                                     map[string]string
	Froms                                                                     map[string]string
	Shares                                                                    map[string]string
	ConversionsOf                                                             map[string]string
	// Summary is the chain in one line: profit, currency, margin,
	// revenue, currency, average check, currency, deals.
	Summary string
	// Days is the run's setting: working days, managers, how the deals
	// are shared, whose conversions, the norms.
	Days string
	// AboveNote heads the count of plans above their norm.
	AboveNote string
}

var en = labels{
	Stage: "Stage", KPI: "KPI", Conversion: "Conversion", From: "From", Month: "A month", Needed: "Needed",
	Day: "A day", ManagerDay: "A manager a day", Norm: "Norm", NormLine: "Norm of", Above: "Above the norm",
	Manager: "Manager", Name: "Name", Share: "Share of deals", Revenue: "Revenue", Profit: "Profit", Margin: "Margin share",
	AverageCheck: "Average check", Deals: "Deals", WorkingDays: "Working days", Managers: "Managers",
	Profile: "Industry norms", Shared: "Deals shared", Conversions: "Conversions", History: "History",
	NoProfile: "none", Each: "each of %d", Title: "Planning backwards from profit", Funnel: "Funnel",
	Plans: "Plans", Chain: "Funnel", People: "Managers", Inputs: "From the profit to the deals", Yes: "ABOVE", Page: "Page &P of &N",
	PerDay: "Per day", PerDayNote: "Each manager's count needed a working day, exact; beside a stage with a norm, the norm per manager per day (red: above it).",
	NormOf:      "%s: norm",
	FunnelChart: "The funnel: needed a month", FunnelChartOf: "The funnel: needed a month, %s to %s", FunnelChartOne: "The funnel: %s needed a month",
	MonthAxis: "Needed a month", PerDayChart: "%s a manager a day against the norm (%s)", DayOf: "%s a day",
	Lines: map[string]string{
		LineMeetingsFMCG: "FMCG", LineMeetingsRetail: "retail", LineMeetingsB2BNoCalls: "B2B without calls",
		LineMeetingsB2BWithCalls: "B2B with calls", LineCallsRetail: "retail", LineCallsMassMarket: "mass market",
		LineCallsB2BSmall: "B2B, small business", LineCallsB2BMidLarge: "B2B, mid and large business",
		LineCallsWithMeetings: "calls with appointments", LineFunnel: "the funnel's own",
	},
	Froms:         map[string]string{FromFunnel: "funnel", FromHistory: "history", FromOwn: "own", FromFallback: "department's"},
	Shares:        map[string]string{ShareEqual: "equally", SharePastDeals: "by past deals"},
	ConversionsOf: map[string]string{ConversionsFunnel: "the funnel's", ConversionsOwn: "each manager's own"},
	Summary:       "Profit %s%s ÷ margin share %s = revenue %s%s ÷ average check %s%s = %s deals a month",
	Days:          "%d working days · %s · deals shared %s · conversions: %s · industry norms: %s",
	AboveNote:     "above the norm per manager per day",
}

var ru = labels{
	Stage: "Этап", KPI: "Показатель", Conversion: "Конверсия", From: "Источник", Month: "В месяц", Needed: "Нужно",
	Day: "В день", ManagerDay: "На менеджера в день", Norm: "Норма", NormLine: "Норма для", Above: "Выше нормы",
	Manager: "Менеджер", Name: "ФИО", Share: "Доля сделок", Revenue: "Выручка", Profit: "Прибыль", Margin: "Доля прибыли",
	AverageCheck: "Средний чек", Deals: "Сделки", WorkingDays: "Рабочих дней", Managers: "Менеджеров",
	Profile: "Отраслевые нормы", Shared: "Сделки делятся", Conversions: "Конверсии", History: "История",
	NoProfile: "нет", Each: "каждый из %d", Title: "План от прибыли", Funnel: "Воронка",
	Plans: "Планы", Chain: "Воронка", People: "Менеджеры", Inputs: "От прибыли к сделкам", Yes: "ВЫШЕ", Page: "Стр. &P из &N",
	PerDay: "В день", PerDayNote: "Сколько нужно каждому менеджеру в рабочий день, точно; рядом с этапом, у которого есть норма, — норма на менеджера в день (красным — выше неё).",
	NormOf:      "%s: норма",
	FunnelChart: "Воронка: сколько нужно в месяц", FunnelChartOf: "Воронка: сколько нужно в месяц, от %s до %s", FunnelChartOne: "Воронка: сколько нужно в месяц, %s",
	MonthAxis: "Нужно в месяц", PerDayChart: "%s на менеджера в день и норма (%s)", DayOf: "%s в день",
	Lines: map[string]string{
		LineMeetingsFMCG: "FMCG", LineMeetingsRetail: "розница", LineMeetingsB2BNoCalls: "B2B без звонков",
		LineMeetingsB2BWithCalls: "B2B со звонками", LineCallsRetail: "розница", LineCallsMassMarket: "массовый рынок",
		LineCallsB2BSmall: "B2B, малый бизнес", LineCallsB2BMidLarge: "B2B, средний и крупный бизнес",
		LineCallsWithMeetings: "звонки с назначением встреч", LineFunnel: "своя норма воронки",
	},
	Froms:         map[string]string{FromFunnel: "воронка", FromHistory: "история", FromOwn: "своя", FromFallback: "отдела"},
	Shares:        map[string]string{ShareEqual: "поровну", SharePastDeals: "по прошлым сделкам"},
	ConversionsOf: map[string]string{ConversionsFunnel: "воронки", ConversionsOwn: "свои у каждого менеджера"},
	Summary:       "Прибыль %s%s ÷ доля прибыли %s = выручка %s%s ÷ средний чек %s%s = сделок в месяц: %s",
	Days:          "рабочих дней: %d · %s · сделки делятся %s · конверсии: %s · отраслевые нормы: %s",
	AboveNote:     "выше нормы на менеджера в день",
}

func labelsFor(lang string) labels {
	if lang == "ru" {
		return ru
	}
	return en
}

// profileName is the profile as the output names it.
func (l labels) profileName(id string) string {
	if id == "" {
		return l.NoProfile
	}
	return id
}

// managers is "5 managers", «менеджеров: 5».
func (l labels) managers(n int) string {
	if l.Yes == ru.Yes {
		return fmt.Sprintf("менеджеров: %d", n)
	}
	if n == 1 {
		return "1 manager"
	}
	return fmt.Sprintf("%d managers", n)
}

// upper is a table heading.
func upper(s string) string { return strings.ToUpper(s) }
