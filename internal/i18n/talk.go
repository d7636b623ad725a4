package i18n

import (
	"fmt"
	"strconv"

	"github.com/premia-pay/premia/internal/problem"
)

// Talk is what premia says on stderr about a run that went well: what it
// wrote, that a check passed, how far a long run is. Errors and warnings
// about the inputs are problems (Problems, package problem).
type Talk uint8

const (
	TalkWrote               Talk = iota // path, employees (Count), total, currency
	TalkWroteSet                        // workbooks (Count), folder
	TalkWroteDepartments                // workbooks (Count), folder
	TalkWrotePlans                      // plans (Count), period, folder
	TalkWroteTemplate                   // path, period, employees carried over (Count)
	TalkRemoved                         // folder, files (Count), names, more (TalkMore or "")
	TalkMore                            // how many more
	TalkSchemeOK                        // scheme
	TalkBothOK                          // scheme, fact sheet, employees (Count)
	TalkProgress                        // done, total, percent
	TalkProgressCount                   // done
	TalkStrict                          // warnings (Count)
	TalkNoEmployee                      // fact sheet, id, suggestion (TalkDidYouMean or "")
	TalkDidYouMean                      // ids
	TalkWroteNeed                       // path, employee id
	TalkWroteNeedChart                  // path, employee id
	TalkWroteTeam                       // path, employees (Count), months
	TalkWroteSchema                     // path
	TalkWroteInit                       // folder, model, files
	TalkInitPeriod                      // period
	TalkInitNext                        // scheme, fact sheet
	TalkInitOverwrote                   // files
	TalkWroteComparison                 // path, people (Count), old payroll, new payroll, currency
	TalkWroteChart                      // path, the chart's title
	TalkWroteTrend                      // path, Count(Periods)
	TalkTrendEmpty                      // book, kind
	TalkTrendNoChart                    // path, people, the most series
	TalkWroteDecompose                  // path
	TalkWroteDecomposePlans             // path, plans (Count)
	TalkAboveNorm                       // plans (Count)
	TalkBookEarlier                     // fact sheet (its name in the book), period
	TalkBookRoster                      // fact sheet (its name in the book)
	TalkClosedRead                      // snapshot, period, day closed
	TalkClosedSame                      // snapshot
	TalkClosedSameDespite               // snapshot, what changed (worded)
	TalkClosedAlready                   // snapshot, period, day closed
	TalkClosedWrote                     // period, snapshot, employees (Count), total, currency
	talkEnd
)

// TalkCount is the number of Talk messages, for tests that check both
// languages word each.
const TalkCount = int(talkEnd)

var talk = [talkEnd][2]string{
	TalkWrote:            {"wrote %s: %s, total %s %s", "записан %s: %s, итого %s %s"},
	TalkWroteSet:         {"wrote %s into %s", "записано %s в %s"},
	TalkWroteDepartments: {"wrote %s into %s: summary.xlsx and one per department", "записано %s в %s: summary.xlsx и по одной на отдел"},
	TalkWrotePlans:       {"wrote %s for %s into %s", "записано %s на %s в %s"},
	TalkWroteTemplate:    {"wrote %s: fact sheet for %s, %s carried over", "записан %s: файл фактов за %s, перенесено: %s"},
	TalkRemoved:          {"removed from %s %s of the earlier run that this run has not (no longer in the roster): %s%s", "из %s удалены файлы прошлого запуска, чьих сотрудников больше нет в списке (%s): %s%s"},
	TalkMore:             {" and %d more", " и ещё %d"},
	TalkSchemeOK:         {"%s: ok", "%s: ошибок нет"},
	TalkBothOK:           {"%s: ok; %s: ok, %s", "%s: ошибок нет; %s: ошибок нет, %s"},
	TalkProgress:         {"computed %s of %s employees (%d %%)", "рассчитано %s из %s сотрудников (%d %%)"},
	TalkProgressCount:    {"computed %s employees", "рассчитано сотрудников: %s"},
	TalkStrict:           {"validate --strict: %s above: fix the scheme or the fact sheet, or run without --strict", "validate --strict: выше %s: исправьте схему или файл фактов либо запустите без --strict"},
	TalkNoEmployee:       {"%s: no employee %q in the roster%s", "%s: в списке сотрудников нет %q%s"},
	TalkDidYouMean:       {"; did you mean %s?", "; возможно, имелся в виду %s?"},
	TalkWroteNeed:        {"wrote %s: where %s stands", "записан %s: где сейчас %s"},
	TalkWroteNeedChart:   {"wrote %s: where %s stands against the norm", "записан %s: где сейчас %s относительно нормы"},
	TalkWroteTeam:        {"wrote %s: team analysis of %s, %s", "записан %s: анализ команды, %s, %s"},
	TalkWroteSchema:      {"wrote %s: the JSON Schema of the scheme format", "записан %s: JSON Schema формата схемы"},
	TalkWroteInit:        {"wrote %s from model %s: %s", "записано в %s по модели %s: %s"},
	TalkInitPeriod:       {"the fact sheet is for %s, the current month (--period YYYY-MM for another)", "файл фактов — за %s, текущий месяц (--period ГГГГ-ММ — за другой)"},
	TalkInitOverwrote:    {"overwrote (--force): %s", "перезаписаны (--force): %s"},
	TalkInitNext:         {"next: adapt %s to the client (premia validate --strict checks it), fill %s, then premia calc; README.md says how", "дальше: подгоните %s под клиента (проверка — premia validate --strict), заполните %s и запустите premia calc; порядок — в README.md"},
	TalkWroteComparison:  {"wrote %s: %s, payroll %s → %s %s", "записан %s: %s, фонд оплаты %s → %s %s"},
	TalkWroteChart:       {"wrote %s: %s", "записан %s: %s"},
	TalkWroteTrend:       {"wrote %s: the trend of %s", "записан %s: динамика за %s"},
	TalkTrendEmpty:       {"%s: the book has no fact sheet or closed period of the kind %s in the range asked: nothing to show", "%s: в книге нет листа фактов или закрытого периода вида %s в заданных границах: показывать нечего"},
	TalkTrendNoChart:     {"%s: the pay sheet has no chart: %d people are more lines than a chart of Excel draws (%d)", "%s: на листе выплат нет диаграммы: сотрудников %d, а диаграмма Excel рисует не больше %d линий"},
	TalkWroteDecompose:   {"wrote %s: the funnel and each manager's part", "записан %s: воронка и доля каждого менеджера"},
	TalkWroteDecomposePlans: {"wrote %s: the funnel, each manager's part and the Plans table (%s)",
		"записан %s: воронка, доля каждого менеджера и таблица планов (%s)"},
	TalkAboveNorm: {"%s above the industry norm per manager per day (advice; with --strict a failure)",
		"%s выше отраслевой нормы на менеджера в день (это совет; с --strict — ошибка)"},
	TalkBookEarlier:       {"read %s, the book's latest fact sheet before %s (it has none for that period yet)", "прочитан %s — последний файл фактов книги до %s (за сам период его ещё нет)"},
	TalkBookRoster:        {"the roster is carried over from %s", "список сотрудников перенесён из %s"},
	TalkClosedRead:        {"%s: %s is closed (on %s): the figures are the snapshot's", "%s: период %s закрыт (%s): суммы — из снимка"},
	TalkClosedSame:        {"%s: recomputed from the book, every figure is the same", "%s: пересчитано по книге, все суммы те же"},
	TalkClosedSameDespite: {"%s: recomputed from the book, every figure is the same (since closing, %s)", "%s: пересчитано по книге, все суммы те же (после закрытия %s)"},
	TalkClosedAlready:     {"%s: %s is closed already (on %s): nothing written", "%s: период %s уже закрыт (%s): ничего не записано"},
	TalkClosedWrote:       {"closed %s: wrote %s: %s, total %s %s", "период %s закрыт: записан %s: %s, итого %s %s"},
}

// Say is the message t in lang ("ru", else English) with its arguments.
func Say(lang string, t Talk, args ...any) string {
	return fmt.Sprintf(talk[t][index(lang)], args...)
}

// Noun is a thing premia counts in what it says.
type Noun uint8

const (
	Employees Noun = iota
	Workbooks
	Plans
	Files
	Warnings
	Arguments
	Periods
	nounEnd
)

// nouns are each noun's forms: English one and many; Russian one, few
// (2–4) and many (5–20).
var nouns = [nounEnd]struct {
	en [2]string
	ru [3]string
}{
	Employees: {[2]string{"employee", "employees"}, [3]string{"сотрудник", "сотрудника", "сотрудников"}},
	Workbooks: {[2]string{"workbook", "workbooks"}, [3]string{"книга", "книги", "книг"}},
	Plans:     {[2]string{"plan", "plans"}, [3]string{"план", "плана", "планов"}},
	Files:     {[2]string{"file", "files"}, [3]string{"файл", "файла", "файлов"}},
	Warnings:  {[2]string{"warning", "warnings"}, [3]string{"предупреждение", "предупреждения", "предупреждений"}},
	Arguments: {[2]string{"argument", "arguments"}, [3]string{"аргумент", "аргумента", "аргументов"}},
	Periods:   {[2]string{"period", "periods"}, [3]string{"период", "периода", "периодов"}},
}

// Count is n and the noun in the form n takes in lang: "1 employee",
// "2 employees"; «1 сотрудник», «3 сотрудника», «11 сотрудников», «21
// сотрудник».
func Count(lang string, n int, noun Noun) string {
	w := nouns[noun]
	s := strconv.Itoa(n) + " "
	if index(lang) == 0 {
		if n == 1 {
			return s + w.en[0]
		}
		return s + w.en[1]
	}
	switch n10, n100 := n%10, n%100; {
	case n10 == 1 && n100 != 11:
		return s + w.ru[0]
	case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
		return s + w.ru[1]
	}
	return s + w.ru[2]
}

func index(lang string) int {
	if lang == "ru" {
		return 1
	}
	return 0
}

// OrList is "a, b or c" in lang: «a, b или c».
func OrList(lang string, words []string) string {
	return problem.OrList(words).Word(Problems(lang))
}
