package scaffold

import (
	"fmt"
	"strings"
	"time"

	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

// words are the README's words in one language.
type words struct {
	intro, files, file, what, scheme, schema, facts, readme  string
	theScheme, role, fixed, variable, kpis, components, none string
	factSheet, sheetsAre                                     string
	sheets                                                   map[string]string // by table name (factsheet.Roster …), and "instructions"
	month                                                    string
	steps                                                    [5]string
	plans, change                                            string
}

var en = words{
	intro:      "The motivation scheme of **%s** and its monthly fact sheets, computed with [premia](https://github.com/premia-pay/premia). Made by `premia init` from the model `%s`; amounts in %s.",
	files:      "The files",
	file:       "file",
	what:       "what it is",
	scheme:     "the scheme: roles, KPIs with their weights and plan levels, ladders, components. Adapt it to the client, then check it: `premia validate --strict scheme.yaml`. Its first line points an editor at `scheme.schema.json`: with VS Code's YAML extension, keys are completed, described and checked as you type.",
	schema:     "the JSON Schema of the scheme format (`premia schema` writes it): leave it as it is.",
	facts:      "the fact sheet for %s, to fill in (below).",
	readme:     "this file.",
	theScheme:  "The scheme",
	role:       "role",
	fixed:      "fixed",
	variable:   "variable target",
	kpis:       "KPIs",
	components: "components",
	none:       "—",
	factSheet:  "The fact sheet",
	sheetsAre:  "`%s` has these sheets:",
	sheets: map[string]string{
		"instructions":        "the period (cell B2, which premia reads) and how to fill the sheet.",
		factsheet.Roster:      "one row per employee: id, name, role (%s), department. Leave fixed and variable blank to use the scheme's amounts; days worked and days in period only for someone who did not work the whole period.",
		factsheet.Facts:       "one row per employee, a column per indicator: %s. A blank cell is not zero: write 0.",
		factsheet.Plans:       "personal plans, a row per employee and KPI: base, norm and target where the scheme does not give them (%s).",
		factsheet.Departments: "a row per department: its result and plan levels (minimum, normal, maximum) for the team multiplier, or its bonus pool.",
		factsheet.Payments:    "the payments customers made: employee, customer, amount, due date and the date paid (blank: not paid).",
		factsheet.Deals:       "the deals ledger: a row per deal and employee (amount, dates, payments, share), a negative row for a credit note.",
	},
	month: "Each month",
	steps: [5]string{
		"**Template**: the month's fact sheet. This folder has %s's; the next month's, with this month's people carried over:",
		"**Fill** it in Excel or LibreOffice: the roster, the facts from the CRM, the phone system and accounting.",
		"**Validate**: every problem at once, each with its sheet and cell:",
		"**Calc**: the pay report (a summary, a sheet per employee, an audit sheet); `--format csv` prints the payroll import instead, `--split DIR` writes a workbook per employee:",
		"**Explain** one person's pay (ID: their id in the roster), step by step, each figure with where it came from:",
	},
	plans:  "Each employee's plan for the next month: `premia plans scheme.yaml %s --period %s -o plans-%s/`.",
	change: "## Changing the scheme\n\nEdit `scheme.yaml`, then `premia validate --strict scheme.yaml` (in CI too): every mistake is listed with its line and column. Every key is described in the schema (hover over it in the editor), in premia's README (\"Scheme reference\") and in its docs/calculation.md.\n",
}

var ru = words{
	intro:      "Схема мотивации **%s** и ежемесячные файлы фактов для расчёта в [premia](https://github.com/premia-pay/premia). Создано командой `premia init` по модели `%s`; суммы в %s.",
	files:      "Файлы",
	file:       "файл",
	what:       "что это",
	scheme:     "схема: роли, показатели с весами и уровнями планов, шкалы, составляющие. Подгоните её под клиента и проверьте: `premia validate --strict scheme.yaml`. Первая строка указывает редактору на `scheme.schema.json`: с расширением YAML для VS Code ключи подсказываются, описываются и проверяются по мере набора.",
	schema:     "JSON Schema формата схемы (её пишет `premia schema`): не меняйте её.",
	facts:      "файл фактов за %s, который нужно заполнить (см. ниже).",
	readme:     "этот файл.",
	theScheme:  "Схема",
	role:       "роль",
	fixed:      "оклад",
	variable:   "переменная часть",
	kpis:       "показатели",
	components: "составляющие",
	none:       "—",
	factSheet:  "Файл фактов",
	sheetsAre:  "Листы `%s`:",
	sheets: map[string]string{
		"instructions":        "период (ячейка B2, её читает premia) и как заполнять файл.",
		factsheet.Roster:      "по строке на сотрудника: табельный номер, ФИО, должность (%s), отдел. Оклад и переменную часть оставьте пустыми — возьмутся суммы схемы; отработанные дни и дни в периоде — только для тех, кто отработал не весь период.",
		factsheet.Facts:       "по строке на сотрудника, столбец на каждый показатель: %s. Пустая ячейка — не ноль: впишите 0.",
		factsheet.Plans:       "личные планы, строка на сотрудника и показатель: база, норма и цель там, где схема их не задаёт (%s).",
		factsheet.Departments: "строка на отдел: его результат и уровни плана (минимум, норма, максимум) для командного множителя или его премиальный фонд.",
		factsheet.Payments:    "оплаты клиентов: сотрудник, клиент, сумма, срок оплаты и дата оплаты (пусто — не оплачено).",
		factsheet.Deals:       "реестр сделок: строка на сделку и сотрудника (сумма, даты, оплаты, доля), отрицательная строка — корректировка.",
	},
	month: "Каждый месяц",
	steps: [5]string{
		"**Шаблон** — файл фактов на месяц. В этой папке — за %s; на следующий месяц, с переносом сотрудников из этого:",
		"**Заполните** его в Excel или LibreOffice: сотрудники, факты из CRM, телефонии и бухгалтерии.",
		"**Проверка**: все ошибки сразу, у каждой — лист и ячейка:",
		"**Расчёт**: отчёт о выплатах (сводка, лист на каждого сотрудника, лист аудита); `--format csv` выводит файл для импорта в зарплатную систему, `--split ПАПКА` — книгу на каждого сотрудника:",
		"**Объяснение** расчёта одного сотрудника (ID — его табельный номер) по шагам, с источником каждой цифры:",
	},
	plans:  "Планы каждого сотрудника на следующий месяц: `premia plans scheme.yaml %s --period %s -o plans-%s/`.",
	change: "## Изменение схемы\n\nИзмените `scheme.yaml` и запустите `premia validate --strict scheme.yaml` (и в CI): каждая ошибка — со строкой и столбцом. Каждый ключ описан в схеме (наведите на него курсор в редакторе), в README premia («Scheme reference») и в её docs/calculation.md.\n",
}

// nextPeriod is the month after period (YYYY-MM).
func nextPeriod(period string) string {
	t, err := time.Parse("2006-01", period)
	if err != nil {
		return period
	}
	return t.AddDate(0, 1, 0).Format("2006-01")
}

// readme is the client's README in lang: the files, the scheme's roles,
// the fact sheet's sheets (as the template wrote them) and a month's
// commands.
func readme(m Model, s *plan.Scheme, lang, period string, sheets []string) string {
	w := en
	if lang == "ru" {
		w = ru
	}
	facts := FactsFile(period)
	next := nextPeriod(period)
	var b strings.Builder
	title := s.Title
	if title == "" {
		title = s.ID
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, w.intro+"\n\n", s.ID, m.Name, s.Currency)

	fmt.Fprintf(&b, "## %s\n\n| %s | %s |\n|---|---|\n", w.files, w.file, w.what)
	fmt.Fprintf(&b, "| `%s` | %s |\n", SchemeFile, w.scheme)
	fmt.Fprintf(&b, "| `%s` | %s |\n", SchemaFile, w.schema)
	fmt.Fprintf(&b, "| `%s` | %s |\n", facts, fmt.Sprintf(w.facts, period))
	fmt.Fprintf(&b, "| `%s` | %s |\n\n", ReadmeFile, w.readme)

	fmt.Fprintf(&b, "## %s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", w.theScheme, w.role, w.fixed, w.variable, w.kpis, w.components)
	var roles []string
	for _, r := range s.Roles {
		roles = append(roles, "`"+r.ID+"`")
		name := "`" + r.ID + "`"
		if r.Title != "" {
			name = r.Title + " (`" + r.ID + "`)"
		}
		var kpis, comps []string
		for _, k := range r.KPIs {
			kpis = append(kpis, "`"+k.ID+"`")
		}
		for _, c := range r.Components {
			comps = append(comps, "`"+c.ID+"` ("+c.Type+")")
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", name, raw(r.Fixed, w.none), raw(r.Variable, w.none), list(kpis, w.none), list(comps, w.none))
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## %s\n\n"+w.sheetsAre+"\n\n", w.factSheet, facts)
	for i, name := range sheets {
		table := tableOf(name)
		if i == 0 && table == "" {
			table = "instructions" // the template's first sheet
		}
		what, ok := w.sheets[table]
		if !ok {
			fmt.Fprintf(&b, "- **%s**\n", name)
			continue
		}
		switch table {
		case factsheet.Roster:
			what = fmt.Sprintf(what, strings.Join(roles, ", "))
		case factsheet.Facts:
			what = fmt.Sprintf(what, strings.Join(factColumns(s), ", "))
		case factsheet.Plans:
			what = fmt.Sprintf(what, list(planKPIs(s), w.none))
		}
		fmt.Fprintf(&b, "- **%s**: %s\n", name, what)
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## %s\n\n", w.month)
	commands := []string{
		fmt.Sprintf("premia template scheme.yaml --period %s --roster %s -o %s", next, facts, FactsFile(next)),
		"",
		fmt.Sprintf("premia validate scheme.yaml %s", facts),
		fmt.Sprintf("premia calc scheme.yaml %s -o report-%s.xlsx", facts, period),
		fmt.Sprintf("premia explain scheme.yaml %s ID", facts),
	}
	for i, step := range w.steps {
		if i == 0 {
			step = fmt.Sprintf(step, period)
		}
		fmt.Fprintf(&b, "%d. %s\n", i+1, step)
		if commands[i] != "" {
			fmt.Fprintf(&b, "\n   ```\n   %s\n   ```\n", commands[i])
		}
		b.WriteString("\n")
	}
	b.WriteString(fmt.Sprintf(w.plans, facts, next, next) + "\n\n")
	b.WriteString(w.change)
	return b.String()
}

// tableOf is the table a sheet of the template holds, by its English or
// Russian name; "" for another sheet.
func tableOf(sheet string) string {
	for _, l := range factsheet.Tables {
		if sheet == l.Name || sheet == l.Ru {
			return l.Name
		}
	}
	return ""
}

// factColumns are the Facts columns of the scheme's roles, each once.
func factColumns(s *plan.Scheme) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.Roles {
		for _, c := range factsheet.FactColumns(r) {
			if !seen[strings.ToLower(c.ID)] {
				seen[strings.ToLower(c.ID)] = true
				out = append(out, "`"+c.ID+"`")
			}
		}
	}
	return out
}

// planKPIs are the KPIs whose plans the Plans table gives: those the
// scheme gives no norm (or, weighted, no base), as the template decides
// that the table is needed.
func planKPIs(s *plan.Scheme) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.Roles {
		for _, k := range r.KPIs {
			if (k.Norm == nil || k.Weight != nil && k.Base == nil) && !seen[k.ID] {
				seen[k.ID] = true
				out = append(out, "`"+k.ID+"`")
			}
		}
	}
	return out
}

func raw(d *plan.Dec, none string) string {
	if d == nil {
		return none
	}
	return d.Raw
}

func list(items []string, none string) string {
	if len(items) == 0 {
		return none
	}
	return strings.Join(items, ", ")
}
