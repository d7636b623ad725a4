package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/xlsx"
)

// labels are the words of a report, in English and Russian.
type labels struct {
	Summary, Audit, ID, Name, Role, Department, Fixed, Variable, K, Coefficient, Bonus, Total                string
	Totals, Employees, KPI, Title, Unit, Weight, Base, Norm, Target, Fact, Fulfilment, Index                 string
	Weighted, LadderCoef, Pay, Components, Modifiers, Explanation, From, Period, Proration                   string
	Scheme, SchemeFormat, SchemeFile, FactsFile, SchemeSHA, FactsSHA, Rounding, Version, Currency, Generated string
	Applied, NotApplied, Factor, Deduction, Page                                                             string
	ReportTitle, Band, NoDepartment, Employee, VariableShort, CoefShort                                      string
	Bands                                                                                                    map[string]string // calc's Band* → the word shown
	// StakeNorm and StakeTarget head a KPI's money at stake
	// (docs/calculation.md §3.10); StakeNone says why a KPI has none
	// (calc's Stake* → the words shown); StakeGate notes a KPI that holds
	// a gate of the role: its id and the gate's fulfilment as a percentage.
	StakeNorm, StakeTarget, StakeGate string
	StakeNone                         map[string]string
	Comma                             bool // a decimal comma in figures written into words (Russian)
}

var en = labels{
	Summary: "Summary", Audit: "Audit", ID: "ID", Name: "Name", Role: "Role", Department: "Department",
	Fixed: "Fixed", Variable: "Variable target", K: "K", Coefficient: "Coefficient", Bonus: "Bonus", Total: "Total",
	Totals: "Totals", Employees: "employees", KPI: "KPI", Title: "Title", Unit: "Unit", Weight: "Weight",
	Base: "Base", Norm: "Norm", Target: "Target", Fact: "Fact", Fulfilment: "Fulfilment", Index: "Index",
	Weighted: "Weighted", LadderCoef: "Ladder coef.", Pay: "Pay", Components: "Components", Modifiers: "Modifiers",
	Explanation: "How it was computed", From: "from", Period: "Period", Proration: "Days worked / days in period",
	Scheme: "Scheme", SchemeFormat: "Scheme format version", SchemeFile: "Scheme file", FactsFile: "Fact sheet", SchemeSHA: "Scheme SHA-256",
	FactsSHA: "Fact sheet SHA-256", Rounding: "Rounding", Version: "premia version", Currency: "Currency",
	Generated: "Employees", Applied: "applied", NotApplied: "not applied", Factor: "factor", Deduction: "deducted",
	Page: "Page &P of &N", ReportTitle: "Pay report", Band: "Band", NoDepartment: "no department",
	Employee: "employee", VariableShort: "Variable", CoefShort: "Coef",
	Bands:     map[string]string{calc.BandBelowBase: "below base", calc.BandBaseNorm: "base to norm", calc.BandAtNorm: "at norm", calc.BandVoided: "void (gate)"},
	StakeNorm: "At stake at norm", StakeTarget: "At stake at target",
	StakeGate: "%s holds the role's gate: with its fulfilment below %s no bonus is paid, so the whole bonus is at stake on it.",
	StakeNone: map[string]string{calc.StakeNotInBonus: "not in the bonus", calc.StakeNoTarget: "no target", calc.StakeUnbounded: "ladder without max"},
}

var ru = labels{
	Summary: "Сводка", Audit: "Аудит", ID: "Таб. №", Name: "ФИО", Role: "Должность", Department: "Отдел",
	Fixed: "Оклад", Variable: "Переменная часть (цель)", K: "K", Coefficient: "Коэффициент", Bonus: "Премия", Total: "Итого",
	Totals: "Итого", Employees: "сотр.", KPI: "KPI", Title: "Название", Unit: "Ед.", Weight: "Вес",
	Base: "База", Norm: "Норма", Target: "Цель", Fact: "Факт", Fulfilment: "Выполнение", Index: "Индекс",
	Weighted: "Взвеш.", LadderCoef: "Коэф. шкалы", Pay: "Оплата", Components: "Доплаты", Modifiers: "Модификаторы",
	Explanation: "Как рассчитано", From: "источник", Period: "Период", Proration: "Отработано / дней в периоде",
	Scheme: "Схема", SchemeFormat: "Версия формата схемы", SchemeFile: "Файл схемы", FactsFile: "Файл фактов", SchemeSHA: "SHA-256 схемы",
	FactsSHA: "SHA-256 файла фактов", Rounding: "Округление", Version: "Версия premia", Currency: "Валюта",
	Generated: "Сотрудников", Applied: "применён", NotApplied: "не применён", Factor: "множитель", Deduction: "удержано",
	Page: "Стр. &P из &N", ReportTitle: "Расчёт оплаты", Band: "Зона", NoDepartment: "без отдела",
	Employee: "сотр.", VariableShort: "Перем. часть", CoefShort: "Коэф.",
	Bands:     map[string]string{calc.BandBelowBase: "ниже базы", calc.BandBaseNorm: "от базы до нормы", calc.BandAtNorm: "норма выполнена", calc.BandVoided: "обнулён (порог)"},
	StakeNorm: "На кону на норме", StakeTarget: "На кону на цели",
	StakeGate: "%s — порог роли: при выполнении ниже %s премия не выплачивается, поэтому на кону вся премия.",
	StakeNone: map[string]string{calc.StakeNotInBonus: "не в премии", calc.StakeNoTarget: "нет цели", calc.StakeUnbounded: "шкала без max"},
	Comma:     true,
}

// employees is "1 employee", "2 employees"; "1 сотр.", "2 сотр.".
func (l labels) employees(n int) string {
	if n == 1 {
		return "1 " + l.Employee
	}
	return strconv.Itoa(n) + " " + l.Employees
}

// stakeCell writes a KPI's stake at a level in column col: the amount
// (checked on reading back, as every amount), or in words why there is
// none, right-aligned as the amounts are.
func (l labels) stakeCell(x *xlsx.SheetWriter, col, row int, s calc.Stake) {
	if s.None != "" {
		x.Text(col, row, l.StakeNone[s.None], styleRight)
		return
	}
	putMoney(x, col, row, s.Amount, styleMoney)
}

// stakeWidth is the width of a stake column of kpis: an amount, the
// words for no figure, and, with oneLine, the headings on one line (a
// plan's header row is one line high; an employee sheet's is two).
func (l labels) stakeWidth(kpis []calc.KPIResult, oneLine bool) float64 {
	texts := []string{}
	if oneLine {
		texts = append(texts, l.StakeNorm, l.StakeTarget)
	}
	for _, k := range kpis {
		if k.Stake != nil {
			texts = append(texts, l.StakeNone[k.Stake.Norm.None], l.StakeNone[k.Stake.Target.None])
		}
	}
	return widthFor(14, 24, texts...)
}

// stakeGates are the notes under a KPI matrix for the KPIs that hold a
// gate of the role: their stake is the whole bonus.
func (l labels) stakeGates(kpis []calc.KPIResult) []string {
	var notes []string
	for _, k := range kpis {
		if k.Stake == nil || k.Stake.Gate == nil {
			continue
		}
		pct := k.Stake.Gate.Shift(2).String() + " %"
		if l.Comma {
			pct = strings.Replace(pct, ".", ",", 1)
		}
		notes = append(notes, fmt.Sprintf(l.StakeGate, k.ID, pct))
	}
	return notes
}

// hasStakes reports whether any of kpis has a stake: the matrix then has
// the stake columns.
func hasStakes(kpis []calc.KPIResult) bool {
	for _, k := range kpis {
		if k.Stake != nil {
			return true
		}
	}
	return false
}

func labelsFor(lang string) labels {
	if lang == "ru" {
		return ru
	}
	return en
}
