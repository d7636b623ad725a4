package report

import (
	"strconv"

	"github.com/premia-pay/premia/calc"
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
	Bands: map[string]string{calc.BandBelowBase: "below base", calc.BandBaseNorm: "base to norm", calc.BandAtNorm: "at norm", calc.BandVoided: "void (gate)"},
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
	Bands: map[string]string{calc.BandBelowBase: "ниже базы", calc.BandBaseNorm: "от базы до нормы", calc.BandAtNorm: "норма выполнена", calc.BandVoided: "обнулён (порог)"},
}

// employees is "1 employee", "2 employees"; "1 сотр.", "2 сотр.".
func (l labels) employees(n int) string {
	if n == 1 {
		return "1 " + l.Employee
	}
	return strconv.Itoa(n) + " " + l.Employees
}

func labelsFor(lang string) labels {
	if lang == "ru" {
		return ru
	}
	return en
}
