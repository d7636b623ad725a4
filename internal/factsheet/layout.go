package factsheet

import (
	"slices"
	"strings"
	"unicode"

	"github.com/premia-pay/premia/plan"
)

// Table names of a fact sheet.
const (
	Roster      = "Roster"
	Facts       = "Facts"
	Plans       = "Plans"
	Departments = "Departments"
	Payments    = "Payments"
	Deals       = "Deals"
)

// Column is a column premia reads: its id (also its English heading), the
// Russian heading a Russian template writes, and the other headings it is
// found by. Headings are compared folded (see Fold).
type Column struct {
	ID   string
	Ru   string
	Also []string
}

// Layout is a table premia reads: its name (the sheet, or the CSV file's
// stem), its Russian name, and its columns.
type Layout struct {
	Name    string
	Ru      string
	Also    []string // other accepted table names
	Columns []Column
}

// Heading returns the column's heading in lang (en or ru).
func (c Column) Heading(lang string) string {
	if lang == "ru" {
		return c.Ru
	}
	return c.ID
}

// SheetName returns the table's sheet name in lang (en or ru).
func (l Layout) SheetName(lang string) string {
	if lang == "ru" {
		return l.Ru
	}
	return l.Name
}

// Column returns the column with the id, or nil.
func (l Layout) Column(id string) *Column {
	for i := range l.Columns {
		if l.Columns[i].ID == id {
			return &l.Columns[i]
		}
	}
	return nil
}

var idColumn = Column{ID: "id", Ru: "Табельный номер", Also: []string{"таб. номер", "таб. №", "табельный №", "таб", "код сотрудника", "employee id", "employee"}}

// Tables are the tables premia reads, in the order it reads them; the README
// lists them. The Facts table's other columns are the scheme's KPI,
// condition and fact ids (or the KPIs' titles).
var Tables = []Layout{
	{Name: Roster, Ru: "Сотрудники", Also: []string{"employees", "staff", "персонал"}, Columns: []Column{
		idColumn,
		{ID: "name", Ru: "ФИО", Also: []string{"ф.и.о.", "сотрудник", "имя", "full name"}},
		{ID: "role", Ru: "Должность", Also: []string{"роль", "position"}},
		{ID: "department", Ru: "Отдел", Also: []string{"подразделение", "dept"}},
		{ID: "fixed", Ru: "Оклад", Also: []string{"оклад, руб.", "фиксированная часть", "salary"}},
		{ID: "variable", Ru: "Переменная часть", Also: []string{"переменная часть, руб.", "целевая премия", "variable target"}},
		{ID: "days_worked", Ru: "Отработано дней", Also: []string{"дней отработано", "отработано", "отработано рабочих дней"}},
		{ID: "days_in_period", Ru: "Дней в периоде", Also: []string{"дней в месяце", "рабочих дней в периоде", "рабочих дней в месяце", "норма дней", "days in month"}},
		{ID: "draw_balance", Ru: "Долг по гарантии", Also: []string{"долг по гарантированной выплате", "остаток по гарантии", "draw balance"}},
		{ID: "reports_to", Ru: "Руководитель", Also: []string{"непосредственный руководитель", "начальник", "manager", "reports to"}},
	}},
	{Name: Facts, Ru: "Факты", Columns: []Column{
		idColumn,
		{ID: "name", Ru: "ФИО", Also: []string{"ф.и.о.", "сотрудник", "имя", "full name"}},
		{ID: "role", Ru: "Должность", Also: []string{"роль"}},
		{ID: "department", Ru: "Отдел", Also: []string{"подразделение"}},
	}},
	{Name: Plans, Ru: "Планы", Columns: []Column{
		idColumn,
		{ID: "kpi", Ru: "Показатель", Also: []string{"kpi id", "индикатор"}},
		{ID: "base", Ru: "База", Also: []string{"базовый уровень"}},
		{ID: "norm", Ru: "Норма", Also: []string{"план"}},
		{ID: "target", Ru: "Цель", Also: []string{"целевой уровень"}},
	}},
	{Name: Departments, Ru: "Отделы", Also: []string{"подразделения"}, Columns: []Column{
		{ID: "department", Ru: "Отдел", Also: []string{"подразделение"}},
		{ID: "fact", Ru: "Факт"},
		{ID: "minimum", Ru: "Минимум", Also: []string{"минимальный план", "план минимум"}},
		{ID: "normal", Ru: "Норма", Also: []string{"нормальный план", "план норма"}},
		{ID: "maximum", Ru: "Максимум", Also: []string{"максимальный план", "план максимум"}},
		{ID: "pool", Ru: "Фонд", Also: []string{"премиальный фонд"}},
	}},
	{Name: Payments, Ru: "Оплаты", Also: []string{"платежи"}, Columns: []Column{
		idColumn,
		{ID: "customer", Ru: "Клиент", Also: []string{"покупатель", "контрагент"}},
		{ID: "amount", Ru: "Сумма", Also: []string{"сумма оплаты"}},
		{ID: "due", Ru: "Срок оплаты", Also: []string{"оплатить до", "срок"}},
		{ID: "paid", Ru: "Дата оплаты", Also: []string{"оплачено", "дата платежа"}},
	}},
	// The deals ledger (docs/fact-sheet.md, docs/calculation.md §5.18): a
	// row per deal and employee, a row per credit note (a negative amount,
	// under the deal's id), a deal's row repeated for each further payment.
	{Name: Deals, Ru: "Сделки", Also: []string{"реестр сделок", "deal ledger", "ledger"}, Columns: []Column{
		{ID: "deal", Ru: "Сделка", Also: []string{"номер сделки", "№ сделки", "сделка №", "deal id", "deal no"}},
		idColumn,
		{ID: "client", Ru: "Клиент", Also: []string{"покупатель", "контрагент", "customer"}},
		{ID: "date", Ru: "Дата", Also: []string{"дата сделки", "дата отгрузки", "дата документа", "deal date"}},
		{ID: "amount", Ru: "Сумма", Also: []string{"сумма сделки"}},
		{ID: "margin", Ru: "Маржа", Also: []string{"валовая прибыль", "валовая маржа", "gross margin"}},
		{ID: "due", Ru: "Срок оплаты", Also: []string{"оплатить до", "срок", "due date"}},
		{ID: "paid", Ru: "Дата оплаты", Also: []string{"оплачено", "дата платежа", "paid date"}},
		{ID: "paid_amount", Ru: "Сумма оплаты", Also: []string{"оплаченная сумма", "оплачено на сумму", "paid amount"}},
		{ID: "share", Ru: "Доля", Also: []string{"доля сотрудника", "доля в сделке", "split"}},
	}},
}

// DealColumns are the columns of the Deals table the scheme reads, in the
// order the template writes them, and which of them a fact sheet must have
// (nil when the scheme reads no Deals table). The client, the due date
// (unless an overdue penalty counts it), the paid amount and the share are
// optional: a deal paid in full, by one person.
func DealColumns(s *plan.Scheme) (cols []string, required []string) {
	u := s.Deals()
	if !u.Any {
		return nil, nil
	}
	cols = []string{"deal", "id", "client", "date", "amount"}
	required = []string{"deal", "id", "date", "amount"}
	if u.Margin {
		cols = append(cols, "margin")
		required = append(required, "margin")
	}
	cols = append(cols, "due")
	if u.Due {
		required = append(required, "due")
	}
	if u.Paid {
		cols = append(cols, "paid", "paid_amount")
		required = append(required, "paid")
	}
	return append(cols, "share"), required
}

// Table returns the layout of the named table.
func Table(name string) Layout {
	for _, l := range Tables {
		if l.Name == name {
			return l
		}
	}
	panic("factsheet: no table " + name)
}

// Fold is how headings and table names are compared: case, ё and е,
// surrounding and inner spaces (also non-breaking ones), punctuation and
// the difference between "-", "_" and " " do not matter; invisible format
// characters are dropped. "Дней в периоде", "days-in-period" and
// "Days in period" fold to "дней_в_периоде" and "days_in_period".
func Fold(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'ё':
			r = 'е'
		case unicode.Is(unicode.Cf, r):
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
			continue
		}
		sep = true
	}
	return b.String()
}

// tableOf returns the canonical table a sheet or CSV stem names, or "".
func tableOf(name string) string {
	n := Fold(name)
	for _, l := range Tables {
		if n == Fold(l.Name) || n == Fold(l.Ru) {
			return l.Name
		}
		for _, a := range l.Also {
			if n == Fold(a) {
				return l.Name
			}
		}
	}
	return ""
}

// headings maps each folded heading of a table's fixed columns to its id.
func headings(table string) map[string]string {
	out := map[string]string{}
	for _, c := range Table(table).Columns {
		out[Fold(c.ID)] = c.ID
		out[Fold(c.Ru)] = c.ID
		for _, a := range c.Also {
			out[Fold(a)] = c.ID
		}
	}
	return out
}

// FactColumn is one Facts column a scheme needs.
type FactColumn struct {
	ID    string
	Title string // the KPI's title, also accepted as its heading
	YesNo bool   // a condition
	Share bool   // a modifier's fact: a share such as a quality score (0.9 or 90%)
	KPI   *plan.KPI
	at    int // its column in the Facts table being read: 0 unknown, -1 none
}

// FactColumns lists the Facts columns a role needs: its KPIs read from
// facts, its yes/no conditions, its modifiers' fact columns, and the
// columns its KPIs' formulas read that are none of these.
func FactColumns(role *plan.Role) []FactColumn {
	var cols []FactColumn
	for _, k := range role.KPIs {
		if k.Source != plan.SourcePayments && k.Formula == nil && !k.Aggregated() {
			cols = append(cols, FactColumn{ID: k.ID, Title: k.Title, KPI: k})
		}
	}
	for _, c := range role.Conditions {
		cols = append(cols, FactColumn{ID: c.ID, Title: c.Title, YesNo: true})
	}
	for _, m := range role.Modifiers {
		if m.Fact != "" {
			cols = append(cols, FactColumn{ID: m.Fact, Share: true})
		}
	}
	for _, c := range role.Components {
		if c.Prior != "" && !c.PriorFromBook() && !slices.ContainsFunc(cols, func(x FactColumn) bool { return x.ID == c.Prior }) {
			cols = append(cols, FactColumn{ID: c.Prior})
		}
	}
	for _, k := range role.KPIs {
		for _, id := range k.Formula.Columns() {
			if o := role.KPI(id); o != nil && o.Aggregated() {
				continue // a department or team KPI: aggregated, not read
			}
			if !slices.ContainsFunc(cols, func(c FactColumn) bool { return c.ID == id }) {
				cols = append(cols, FactColumn{ID: id})
			}
		}
	}
	return cols
}
