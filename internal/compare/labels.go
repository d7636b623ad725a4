package compare

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
)

// labels are the words of the table and the workbook, in English and
// Russian. CSV and JSON keep their keys in English (their contract).
type labels struct {
	Title, Arrow, Payroll, Month, Months, AllMonths, People, Old, New, Diff, Change                 string
	ID, Name, Role, Department, NoDepartment, Note, ByRole, ByDepartment, Gainers, Losers, None     string
	Undefined, WhatChanged, KPI, OldWeighted, NewWeighted, OldLadder, NewLadder, OldShare, NewShare string
	Lines, Line, Fixed, Bonus, OnlyOld, OnlyNew, NotUnder, NotIn, OldScheme, NewScheme, Currency    string
	Summary, PeopleSheet, RolesSheet, DepartmentsSheet, ChangesSheet, FailOver, Over, Rows, Both    string
	NotUnderOld, NotUnderNew, TitleCol, Top                                                         string
	// The charts' and the distribution sheet's.
	ChartOldNew, ChartDistribution, ChartRoles, ChartDepartments, PayAxis, ChangeAxis, PeopleAxis string
	Employee, DistributionSheet, Bins, BinsNote, UndefinedRows, OneSchemeRows                     string
}

var en = labels{
	Title: "Scheme change", Arrow: "→", Payroll: "Payroll", Month: "Month", Months: "Months", AllMonths: "All months",
	People: "People", Old: "Old", New: "New", Diff: "Difference", Change: "Change",
	ID: "ID", Name: "Name", Role: "Role", Department: "Department", NoDepartment: "no department", Note: "Note",
	ByRole: "By role", ByDepartment: "By department", Gainers: "Gain most", Losers: "Lose most", None: "none",
	Undefined: "undefined", WhatChanged: "KPI rows that changed", KPI: "KPI",
	OldWeighted: "Old weighted", NewWeighted: "New weighted", OldLadder: "Old ladder coef.", NewLadder: "New ladder coef.",
	OldShare: "Old share", NewShare: "New share", Lines: "Pay lines that changed", Line: "Line", Fixed: "Fixed", Bonus: "Bonus",
	OnlyOld: "under the old scheme only", OnlyNew: "under the new scheme only",
	NotUnderOld: "not computable under the old scheme: %s", NotUnderNew: "not computable under the new scheme: %s",
	NotIn: "not in the role", OldScheme: "Old scheme", NewScheme: "New scheme", Currency: "Currency",
	Summary: "Summary", PeopleSheet: "People", RolesSheet: "By role", DepartmentsSheet: "By department", ChangesSheet: "Changed KPIs",
	FailOver: "Fail over", Over: "over", Rows: "rows", Both: "under both schemes",
	TitleCol: "Title", Top: "%s (top %d)",
	ChartOldNew: "Pay under the old and the new scheme", ChartDistribution: "Change in pay: people in bins of %d percentage points",
	ChartRoles: "Pay by role", ChartDepartments: "Pay by department", PayAxis: "Pay, %s", ChangeAxis: "Change, %", PeopleAxis: "People",
	Employee: "Employee", DistributionSheet: "Change distribution", Bins: "Change, %",
	BinsNote:      "The people paid under both schemes in each month, by the change of their pay in percent of the old pay, in bins of %d points: a change of exactly ±%d %% is in the bin nearer 0 (0…+%d holds those above 0 up to +%d %%), and 0 is its own bin.",
	UndefinedRows: "change undefined (old pay 0)", OneSchemeRows: "under one scheme only",
}

var ru = labels{
	Title: "Изменение схемы", Arrow: "→", Payroll: "Фонд оплаты", Month: "Месяц", Months: "Месяцы", AllMonths: "Все месяцы",
	People: "Сотр.", Old: "Было", New: "Стало", Diff: "Разница", Change: "Изменение",
	ID: "Таб. №", Name: "ФИО", Role: "Должность", Department: "Отдел", NoDepartment: "без отдела", Note: "Примечание",
	ByRole: "По должностям", ByDepartment: "По отделам", Gainers: "Больше всех выигрывают", Losers: "Больше всех теряют", None: "нет",
	Undefined: "не определено", WhatChanged: "Изменившиеся строки KPI", KPI: "KPI",
	OldWeighted: "Было взвеш.", NewWeighted: "Стало взвеш.", OldLadder: "Было коэф. шкалы", NewLadder: "Стало коэф. шкалы",
	OldShare: "Было, доля премии", NewShare: "Стало, доля премии", Lines: "Изменившиеся строки оплаты", Line: "Строка", Fixed: "Оклад", Bonus: "Премия",
	OnlyOld: "только по старой схеме", OnlyNew: "только по новой схеме",
	NotUnderOld: "не рассчитывается по старой схеме: %s", NotUnderNew: "не рассчитывается по новой схеме: %s",
	NotIn: "нет в роли", OldScheme: "Старая схема", NewScheme: "Новая схема", Currency: "Валюта",
	Summary: "Сводка", PeopleSheet: "Сотрудники", RolesSheet: "По должностям", DepartmentsSheet: "По отделам", ChangesSheet: "Изменения KPI",
	FailOver: "Порог", Over: "выше порога", Rows: "строк", Both: "по обеим схемам",
	TitleCol: "Название", Top: "%s (первые %d)",
	ChartOldNew: "Оплата по старой и новой схеме", ChartDistribution: "Изменение оплаты: сотрудники по интервалам в %d\u00a0п.\u00a0п.",
	ChartRoles: "Оплата по должностям", ChartDepartments: "Оплата по отделам", PayAxis: "Оплата, %s", ChangeAxis: "Изменение, %", PeopleAxis: "Сотрудников",
	Employee: "Сотрудник", DistributionSheet: "Распределение изменений", Bins: "Изменение, %",
	BinsNote:      "Сотрудники, оплата которых рассчитана по обеим схемам, по изменению оплаты в процентах от прежней, интервалами по %d п. п.: изменение ровно на ±%d %% попадает в интервал, более близкий к 0 (0…+%d — выше 0 и до +%d %% включительно), а 0 — отдельный интервал.",
	UndefinedRows: "изменение не определено (прежняя оплата 0)", OneSchemeRows: "только по одной схеме",
}

func labelsFor(lang string) labels {
	if lang == "ru" {
		return ru
	}
	return en
}

// money is d with the report's scale.
func (rep *Report) money(d decimal.Decimal) string { return d.StringFixed(rep.Scale) }

// signed is d with the report's scale and its sign, + for a gain.
func (rep *Report) signed(d decimal.Decimal) string {
	s := d.StringFixed(rep.Scale)
	if d.IsPositive() {
		return "+" + s
	}
	return s
}

// PercentPlaces are the decimals a percentage shows in the table and the
// workbook's text; CSV and JSON show RatioPlaces.
const PercentPlaces = 2

// pct is a percentage for the table: signed, PercentPlaces decimals and
// " %", or the word for undefined.
func (l labels) pct(p *calc.Q) string {
	if p == nil {
		return l.Undefined
	}
	d := p.Approx(PercentPlaces)
	s := d.StringFixed(PercentPlaces)
	if d.IsPositive() {
		s = "+" + s
	}
	return s + " %"
}

// dept is a department's name, or the words for none.
func (l labels) dept(d string) string {
	if d == "" {
		return l.NoDepartment
	}
	return d
}

// why is why a row is not computable under a side, in words.
func (l labels) why(u *factsheet.Unfit, old bool, lang string) string {
	f := l.NotUnderNew
	if old {
		f = l.NotUnderOld
	}
	return fmt.Sprintf(f, reasonText(u, lang))
}

// reasonText is Unfit.Why in lang.
func reasonText(u *factsheet.Unfit, lang string) string {
	if lang == "ru" {
		if u.Column == "" {
			return fmt.Sprintf("в схеме нет роли %q", u.Role)
		}
		return fmt.Sprintf("нет столбца %q", u.Column)
	}
	if u.Column == "" {
		return fmt.Sprintf("the scheme has no role %q", u.Role)
	}
	return fmt.Sprintf("no column %q", u.Column)
}

// ratio is a ratio as every output shows it (calc.RatioPlaces), or "".
func ratio(q *calc.Q) string {
	if q == nil {
		return ""
	}
	return calc.Text(q.Shown())
}

// labelOf names a month: its period, else its fact sheet.
func labelOf(period, facts string) string {
	if period != "" {
		return period
	}
	return facts
}

// partText is f of a KPI's part, or "-" where the role has not the KPI.
func partText(p *KPIPart, _ labels, f func(*KPIPart) string) string {
	if p == nil {
		return "-"
	}
	return f(p)
}

// share is a KPI's money share, 0 where the role has not the KPI.
func share(p *KPIPart) decimal.Decimal {
	if p == nil {
		return decimal.Zero
	}
	return p.Share
}

// value is *d, or 0.
func value(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return *d
}

// amountText is an amount, or "-" where a side has no such line.
func (rep *Report) amountText(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return rep.money(*d)
}

// lineName names a pay line: fixed, bonus, or the component's id.
func (l labels) lineName(ln LineChange) string {
	switch ln.Kind {
	case LineFixed:
		return l.Fixed
	case LineBonus:
		return l.Bonus
	}
	return ln.ID
}

// sumCells are a sum's old, new, difference and percentage for the table:
// "-" for a side with no one in it.
func (rep *Report) sumCells(a Amounts, l labels) []string {
	cells := []string{"-", "-", "-", "-"}
	if a.HasOld {
		cells[0] = rep.money(a.Old)
	}
	if a.HasNew {
		cells[1] = rep.money(a.New)
	}
	if a.Both() {
		cells[2], cells[3] = rep.signed(a.Diff), l.pct(a.Pct)
	}
	return cells
}
