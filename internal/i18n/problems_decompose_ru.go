package i18n

// decomposeRu are the Russian formats of what premia decompose says about
// its funnel file and the managers' history, kept beside the others'
// (problemsRu) in a file of their own.
var decomposeRu = map[string]string{
	"%s: is a folder, not a funnel: give the funnel's .yaml file": "%s: это папка, а не воронка: укажите файл воронки (.yaml)",
	"%s: cannot open the funnel: %v":                              "%s: не удалось открыть воронку: %v",
	"%s: cannot read the funnel: %v":                              "%s: не удалось прочитать воронку: %v",
	"%s: this is a scheme, not a funnel: give the funnel's .yaml file first, and the scheme with --scheme (premia decompose FUNNEL.yaml --scheme SCHEME --history FACTS)": "%s: это схема, а не воронка: укажите сначала файл воронки .yaml, а схему — в --scheme (premia decompose ВОРОНКА.yaml --scheme СХЕМА --history ФАКТЫ)",
	"%s: over %d bytes: not a funnel": "%s: больше %d байт: это не воронка",
	"%s: this is a workbook, not a funnel: give the funnel's .yaml file first (premia decompose FUNNEL.yaml --history FACTS)": "%s: это книга Excel, а не воронка: укажите сначала файл воронки .yaml (premia decompose ВОРОНКА.yaml --history ФАКТЫ)",
	"%s is required: give it, or write a funnel file":                                                                         "не указан %s: укажите его или опишите воронку в файле",
	"version %d is not supported; this premia reads funnels of version 1":                                                     "версия %d не поддерживается; эта версия premia читает воронки версии 1",
	"%q is not a month: write YYYY-MM, e.g. 2026-11":                                                                          "%q — не месяц: напишите ГГГГ-ММ, например 2026-11",
	"step %s must be greater than zero (0.01 rounds money to kopecks)":                                                        "шаг %s должен быть больше нуля (0.01 — округление до копеек)",
	"%s: the profit wanted a month must be greater than zero":                                                                 "%s: желаемая прибыль за месяц должна быть больше нуля",
	"%s: the margin share is profit / revenue, above 0 and at most 1 (15 %% is written 0.15)":                                 "%s: доля прибыли — это прибыль / выручка, больше 0 и не больше 1 (15 %% записывается как 0.15)",
	"%s: the average check (revenue per deal) must be greater than zero":                                                      "%s: средний чек (выручка на сделку) должен быть больше нуля",
	"%d working days: a month has 1 to 31":                                                                                    "рабочих дней: %d; в месяце их от 1 до 31",
	"%d managers: at least one is needed to do the work":                                                                      "менеджеров: %d; для работы нужен хотя бы один",
	"unknown profile %q%s; the profiles: %s":                                                                                  "неизвестный профиль %q%s; профили: %s",
	"%q is not a way to share the deals%s: write %s":                                                                          "%q — не способ делить сделки%s: напишите %s",
	"%q is not whose conversions to use%s: write %s":                                                                          "%q — не указание, чьи конверсии брать%s: напишите %s",
	"--conversion %s: stage %q is given twice":                                                                                "--conversion %s: этап %q указан дважды",
	"no funnel: give the funnel file, or each stage's conversion from the deal back (--conversion proposals=0.4 --conversion meetings=0.5 --conversion calls=0.08)": "нет воронки: укажите файл воронки или конверсию каждого этапа, от сделки назад (--conversion proposals=0.4 --conversion meetings=0.5 --conversion calls=0.08)",
	"%s is required (or give %s)": "не указан обязательный ключ %s (или укажите %s)",
	"a funnel needs the deal and at least one stage before it (proposals, meetings, calls …)":                                                         "в воронке нужны сделка и хотя бы один этап перед ней (предложения, встречи, звонки …)",
	"id is required: name the stage (deals, proposals, meetings, calls …)":                                                                            "не указан id: назовите этап (deals, proposals, meetings, calls …)",
	"stage %q is given twice (first at line %d)":                                                                                                      "этап %q указан дважды (впервые в строке %d)",
	"%q is not an activity with an industry norm%s: write %s (or give the stage a norm of its own, norm:)":                                            "%q — не вид работы с отраслевой нормой%s: напишите %s (или задайте этапу свою норму, norm:)",
	"the first stage is the deal itself: it has no conversion (the average check turns revenue into deals)":                                           "первый этап — сама сделка: у неё нет конверсии (выручку в сделки переводит средний чек)",
	"conversion %s: the share of this stage that becomes the next is above 0 and at most 1 (40 %% is written 0.4)":                                    "конверсия %s: доля этого этапа, переходящая в следующий, больше 0 и не больше 1 (40 %% записывается как 0.4)",
	"norm %s: a norm per manager per day must be greater than zero":                                                                                   "норма %s: норма на менеджера в день должна быть больше нуля",
	"--conversion %s: the funnel has no stage %q%s; its stages: %s":                                                                                   "--conversion %s: в воронке нет этапа %q%s; её этапы: %s",
	"--conversion %s: %q is the deal itself: it has no conversion":                                                                                    "--conversion %s: %q — сама сделка: у неё нет конверсии",
	"%s: nobody in the roster has a role with the funnel's columns (%s): the managers are the people whose role counts every stage the scheme counts": "%s: ни у кого в списке сотрудников нет должности со столбцами воронки (%s): менеджеры — это те, чья должность считает каждый этап, который считает схема",
	"… %d more": "… и ещё %d",
	"%s: none of the funnel's stages (%s) is a Facts column of the scheme: map each stage to the KPI that counts it (kpi: in the funnel's stages)":                                                                          "%s: ни один этап воронки (%s) не является столбцом таблицы фактов схемы: сопоставьте каждому этапу показатель, который его считает (kpi: в этапах воронки)",
	"%s: %d managers, but the history has %d (%s): remove managers (the history's people are the managers), or give the fact sheet of the people meant":                                                                     "%s: менеджеров %d, а в истории их %d (%s): удалите managers (менеджеры — это люди из истории) или укажите файл фактов нужных людей",
	"%s: the number of managers is required without a history: give managers: (or --managers N), or --history FACTS":                                                                                                        "%s: без истории нужно число менеджеров: укажите managers: (или --managers N) либо --history ФАКТЫ",
	"%s: conversions: own needs each manager's history: give --history FACTS (and --scheme SCHEME)":                                                                                                                         "%s: для conversions: own нужна история каждого менеджера: укажите --history ФАКТЫ (и --scheme СХЕМА)",
	"%s: share: past-deals needs each manager's past deals: give --history FACTS (and --scheme SCHEME)":                                                                                                                     "%s: для share: past-deals нужны прошлые сделки каждого менеджера: укажите --history ФАКТЫ (и --scheme СХЕМА)",
	"%s: stage %q has no conversion: give it (conversion: in the funnel, or --conversion %s=RATE), or a history to compute it from (--history FACTS)":                                                                       "%s: у этапа %q нет конверсии: укажите её (conversion: в воронке или --conversion %s=ДОЛЯ) либо историю, по которой её посчитать (--history ФАКТЫ)",
	"%s: stage %q has no conversion, and the scheme has no Facts column %q to compute it from the history: give it (conversion: in the funnel, or --conversion %s=RATE), or map the stage to the KPI that counts it (kpi:)": "%s: у этапа %q нет конверсии, а в таблице фактов схемы нет столбца %q, чтобы посчитать её по истории: укажите её (conversion: в воронке или --conversion %s=ДОЛЯ) или сопоставьте этапу показатель, который его считает (kpi:)",
	"%s: stage %q has no conversion, and the history has no %s to compute it from: give it (conversion: in the funnel, or --conversion %s=RATE)":                                                                            "%s: у этапа %q нет конверсии, а в истории нет %s, чтобы её посчитать: укажите её (conversion: в воронке или --conversion %s=ДОЛЯ)",
	"%s: share: past-deals needs each manager's past deals, but the scheme has no Facts column %q: map the deal stage to the KPI that counts deals (kpi:), or share equally":                                                "%s: для share: past-deals нужны прошлые сделки каждого менеджера, а в таблице фактов схемы нет столбца %q: сопоставьте этапу сделки показатель, который считает сделки (kpi:), или делите поровну",
	"no deals in the history (%s: %s): share: past-deals has nothing to share by; share equally":                                                                                                                            "в истории нет сделок (%s: %s): share: past-deals не по чему делить; делите поровну",
	"%s %s has no %s in the history (%s): their conversion of %s into %s is the department's, %s":                                                                                                                           "у %s %s в истории нет %s (%s): конверсия %s в %s взята отдела, %s",
	"%s %s turned none of their %s %s into %s in the history (%s): no number of %s would make one, so their conversion is the department's, %s":                                                                             "%s %s в истории не превратил(а) ни одного из %s %s в %s (%s): никакое число %s не дало бы результата, поэтому конверсия взята отдела, %s",
	"%s %s has more %s (%s) than %s (%s) in the history: a conversion of %s, taken as it is; are the two stages one funnel?":                                                                                                "у %s %s в истории %s (%s) больше, чем %s (%s): конверсия %s взята как есть; это точно одна воронка?",
	"%s %s has no %s to make (a share of 0 of the deals): no plan is written for it; the scheme's stays":                                                                                                                    "%s %s не нужно делать %s (доля сделок 0): план для этого не записан; остаётся план схемы",
	"--strict: plans above the industry norm per manager per day: %d; %s is not written":                                                                                                                                    "--strict: планов выше отраслевой нормы на менеджера в день: %d; %s не записан",
	"--strict: plans above the industry norm per manager per day: %d":                                                                                                                                                       "--strict: планов выше отраслевой нормы на менеджера в день: %d",
}

func init() {
	for en, ru := range decomposeRu {
		problemsRu[en] = ru
	}
}
