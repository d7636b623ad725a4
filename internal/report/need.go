package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/need"
	"github.com/premia-pay/premia/internal/texttable"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// This file renders `premia need`: one person's "where do I stand" as a
// terminal table, CSV, JSON and a one-sheet workbook (docs/planning.md
// §7.7). The figures are package need's.

// needLabels are the words of need's outputs.
type needLabels struct {
	Sheet, Title, PayToday, PayProjected                                        string
	KPI, Today, Pace, Projection, Level, Needed, Gap, PerDay, Pay, Better       string
	Reached, Missed, AtMost, Held, NoPlan, Higher, Lower, Unit                  string
	LevelName                                                                   map[string]string
	DaysLine, NotesHeld, NotesPay, NotesLower, NotesMissed, NotesNoDay, Percent string
	// The figures against the norm and the charts (needchart.go).
	LevelTitle                                           map[string]string
	AgainstNorm, NormChart, NormAxisPercent              string
	PayChart, PayAxis, NotesNorm, NotesNoNorm, NotesBest string
}

var needEn = needLabels{
	Sheet: "Where I stand", Title: "Where I stand", PayToday: "Pay today", PayProjected: "Pay at the month-end projection",
	KPI: "KPI", Today: "Today", Pace: "Pace / day", Projection: "Projection", Level: "Level", Needed: "Fact needed",
	Gap: "Still to go", PerDay: "Per day left", Pay: "Pay at level", Better: "Better",
	Reached: "reached", Missed: "missed", AtMost: "at most", Held: "held", NoPlan: "no plan",
	Higher: "higher", Lower: "lower: at most", Unit: "Unit",
	LevelName: map[string]string{"base": "base", "norm": "norm", "target": "target"},
	DaysLine:  "As of %s: %d of %d working days gone, %d left",
	NotesPay:  "Pay at level: the whole pay, computed as premia calc computes it, with that KPI's fact at the level and every other fact as it is today.",
	NotesHeld: "A held KPI (a rate, share or average) is projected as it is today and has no pace.",
	NotesLower: "Lower is better: the fact must be at most the level; a paced one (a count) only grows, " +
		"so its per-day figure is the most each remaining day may add.",
	NotesMissed: "Missed: a count that is already past the level cannot come back this month.",
	NotesNoDay:  "No working day has gone yet: no pace and no projection.",
	LevelTitle:  map[string]string{"base": "Base", "norm": "Norm", "target": "Target"},
	AgainstNorm: "Against the norm", NormChart: "Where I stand against the norm", NormAxisPercent: "% of the norm (100 = the norm)",
	PayChart: "Pay with one KPI at a level (today %s %s)", PayAxis: "Pay, %s",
	NotesNorm: "Against the norm: each figure as a share of the KPI's norm, fact / norm, or norm / fact when lower is better, " +
		"as premia calc measures fulfilment: above 100 % is better than the norm either way.",
	NotesNoNorm: "Not against the norm (no norm to measure by): %s.",
	NotesBest:   "No share: a lower-is-better figure of 0 is the best there is (norm / 0 is no number).",
}

var needRu = needLabels{
	Sheet: "Где я сейчас", Title: "Где я сейчас", PayToday: "Оплата сейчас", PayProjected: "Оплата по прогнозу на конец месяца",
	KPI: "KPI", Today: "Сейчас", Pace: "Темп / день", Projection: "Прогноз", Level: "Уровень", Needed: "Нужен факт",
	Gap: "Осталось", PerDay: "В день", Pay: "Оплата на уровне", Better: "Лучше",
	Reached: "достигнуто", Missed: "упущено", AtMost: "не более", Held: "не копится", NoPlan: "нет плана",
	Higher: "больше", Lower: "меньше: не более", Unit: "Ед.",
	LevelName: map[string]string{"base": "база", "norm": "норма", "target": "цель"},
	DaysLine:  "На %s: прошло %d из %d рабочих дней, осталось %d",
	NotesPay:  "Оплата на уровне: вся оплата, рассчитанная как в premia calc, если факт этого KPI на уровне, а остальные факты — как сейчас.",
	NotesHeld: "Показатель, который не копится (доля, конверсия, среднее), в прогнозе остаётся как сейчас, темпа у него нет.",
	NotesLower: "Меньше — лучше: факт должен быть не более уровня; накопительный (счёт) только растёт, " +
		"поэтому «в день» — сколько больше всего может добавиться за каждый оставшийся день.",
	NotesMissed: "Упущено: счёт уже больше уровня и в этом месяце уменьшиться не может.",
	NotesNoDay:  "Ещё не прошло ни одного рабочего дня: темпа и прогноза нет.",
	LevelTitle:  map[string]string{"base": "База", "norm": "Норма", "target": "Цель"},
	AgainstNorm: "Относительно нормы", NormChart: "Где я сейчас относительно нормы", NormAxisPercent: "% нормы (100 — норма)",
	PayChart: "Оплата, если один KPI на уровне (сейчас %s %s)", PayAxis: "Оплата, %s",
	NotesNorm: "Относительно нормы: каждое значение как доля нормы KPI — факт / норма, а где лучше меньшее — норма / факт, " +
		"как premia calc считает выполнение плана: больше 100 % — лучше нормы в обоих случаях.",
	NotesNoNorm: "Без сравнения с нормой (нормы нет): %s.",
	NotesBest:   "Доли нет: 0 там, где лучше меньшее, — лучший результат (норма / 0 не число).",
}

func needLabelsFor(lang string) needLabels {
	if lang == "ru" {
		return needRu
	}
	return needEn
}

// figure is a fact, gap, pace or projection as CSV, JSON and the table
// show it: exact, rounded half-up to 6 decimals (as every ratio).
func figure(q calc.Q) string { return calc.Text(q.Shown()) }

// short is a figure for the terminal: 2 decimals at most.
func short(q calc.Q) string { return calc.Text(q.Approx(2)) }

// NeedTable writes the standing as an aligned table: a few lines about the
// person and the days, then a row per KPI and level.
func NeedTable(w io.Writer, st *need.Standing, roleTitle string, lang string) error {
	l := needLabelsFor(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s · %s · %s\n", st.ID, st.Name, roleTitle, st.Period)
	if st.Days != nil {
		d := st.Days
		fmt.Fprintf(&b, l.DaysLine+"\n", d.AsOf.Format("2006-01-02"), d.Elapsed, d.Total, d.Remaining)
	}
	fmt.Fprintf(&b, "%s: %s %s", l.PayToday, st.Pay.StringFixed(st.Scale), st.Currency)
	if st.Projected != nil {
		fmt.Fprintf(&b, "; %s: %s %s", lowerFirst(l.PayProjected), st.Projected.StringFixed(st.Scale), st.Currency)
	}
	b.WriteString("\n\n")
	paced := st.Days != nil
	head := []string{l.KPI, l.Today}
	if paced {
		head = append(head, l.Pace, l.Projection)
	}
	head = append(head, l.Level, l.Needed, l.Gap)
	if paced {
		head = append(head, l.PerDay)
	}
	head = append(head, l.Pay)
	for i := range head {
		head[i] = strings.ToUpper(head[i])
	}
	rows := [][]string{head}
	var notes []string
	noted := map[string]bool{}
	note := func(s string) {
		if !noted[s] {
			noted[s] = true
			notes = append(notes, s)
		}
	}
	note(l.NotesPay)
	for _, k := range st.KPIs {
		lower := k.Direction == plan.Lower
		first := []string{k.ID, short(k.Today)}
		if paced {
			pace, proj := "", ""
			switch {
			case k.Kind == need.Held:
				pace = l.Held
				note(l.NotesHeld)
			case k.Pace != nil:
				pace = short(*k.Pace)
			}
			if k.Projection != nil {
				proj = short(*k.Projection)
			}
			first = append(first, pace, proj)
		}
		blank := make([]string, len(first))
		if len(k.Levels) == 0 {
			row := append(first, l.NoPlan, "", "")
			if paced {
				row = append(row, "")
			}
			rows = append(rows, append(row, ""))
			continue
		}
		for i, lv := range k.Levels {
			row := blank
			if i == 0 {
				row = first
			}
			row = append(append([]string(nil), row...), l.LevelName[lv.Level], atMost(l, lower, short(lv.Fact)), gapText(l, lv, lower))
			if lower {
				note(l.NotesLower)
			}
			if lv.Missed {
				note(l.NotesMissed)
			}
			if paced {
				per := ""
				if lv.PerDay != nil {
					per = atMost(l, lower, short(*lv.PerDay))
				}
				row = append(row, per)
			}
			rows = append(rows, append(row, lv.Pay.StringFixed(st.Scale)))
		}
	}
	if st.Days != nil && st.Days.Elapsed == 0 {
		note(l.NotesNoDay)
	}
	levelCol := 2
	if paced {
		levelCol = 4
	}
	right := make([]bool, len(head))
	for c := range right {
		right[c] = c != 0 && c != levelCol // the KPI and the level are text
	}
	texttable.Write(&b, rows, right, false)
	b.WriteString("\n")
	for _, n := range notes {
		b.WriteString(n + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToLower(string(r)) + s[n:]
}

// atMost is v, "at most v" for a lower-is-better KPI.
func atMost(l needLabels, lower bool, v string) string {
	if lower {
		return l.AtMost + " " + v
	}
	return v
}

// gapText is what is still to go to a level, for the table: "reached",
// "missed", +360000 (to add) or −1 (to take off).
func gapText(l needLabels, lv need.Level, lower bool) string {
	switch {
	case lv.Missed:
		return l.Missed
	case lv.Reached:
		return l.Reached
	case lower:
		return "−" + short(calc.Q{}.Sub(lv.Gap))
	}
	return "+" + short(lv.Gap)
}

// NeedCSVHeader is the header of need's CSV.
var NeedCSVHeader = []string{"id", "name", "period", "as_of", "days_total", "days_gone", "days_left",
	"kpi", "direction", "kind", "today", "pace", "projection",
	"level", "fact_needed", "gap", "reached", "missed", "per_day", "pay_at_level", "pay_today", "pay_projected",
	"fulfilment", "projection_fulfilment", "level_fulfilment"}

// NeedCSV writes one row per KPI and level (a KPI without a plan: one row,
// level empty), the person's and the days' columns repeated on each.
func NeedCSV(w io.Writer, st *need.Standing) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(NeedCSVHeader); err != nil {
		return err
	}
	opt := func(q *calc.Q) string {
		if q == nil {
			return ""
		}
		return figure(*q)
	}
	asOf, total, gone, left, projected := "", "", "", "", ""
	if d := st.Days; d != nil {
		asOf, total, gone, left = d.AsOf.Format("2006-01-02"), strconv.Itoa(d.Total), strconv.Itoa(d.Elapsed), strconv.Itoa(d.Remaining)
	}
	if st.Projected != nil {
		projected = st.Projected.StringFixed(st.Scale)
	}
	for _, k := range st.KPIs {
		head := []string{safe(st.ID), safe(st.Name), st.Period, asOf, total, gone, left,
			safe(k.ID), k.Direction, k.Kind, figure(k.Today), opt(k.Pace), opt(k.Projection)}
		tail := []string{st.Pay.StringFixed(st.Scale), projected, opt(k.Fulfilment), opt(k.ProjectionFulfilment)}
		if len(k.Levels) == 0 {
			row := append(append(append(head, "", "", "", "", "", "", ""), tail...), "")
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		for _, lv := range k.Levels {
			row := append(append([]string(nil), head...), lv.Level, figure(lv.Fact), figure(lv.Gap),
				strconv.FormatBool(lv.Reached), strconv.FormatBool(lv.Missed), opt(lv.PerDay), lv.Pay.StringFixed(st.Scale))
			if err := cw.Write(append(append(row, tail...), opt(lv.Fulfilment))); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonNeedLevel struct {
	Level   string  `json:"level"`
	Fact    string  `json:"fact"`
	Gap     string  `json:"gap"`
	Reached bool    `json:"reached"`
	Missed  bool    `json:"missed"`
	PerDay  *string `json:"per_day"`
	Pay     string  `json:"pay"`
	// Fulfilment is the level against the norm (need.FulfilmentOf).
	Fulfilment *string `json:"fulfilment"`
}

type jsonNeedKPI struct {
	ID         string  `json:"id"`
	Title      string  `json:"title,omitempty"`
	Unit       string  `json:"unit,omitempty"`
	Direction  string  `json:"direction"`
	Source     string  `json:"source"`
	Formula    string  `json:"formula,omitempty"`
	Kind       string  `json:"kind"`
	Today      string  `json:"today"`
	Pace       *string `json:"pace"`
	Projection *string `json:"projection"`
	// Fulfilment and ProjectionFulfilment are today's fact and the
	// projection against the norm (need.FulfilmentOf), what the chart
	// of --chart draws.
	Fulfilment           *string         `json:"fulfilment"`
	ProjectionFulfilment *string         `json:"projection_fulfilment"`
	Levels               []jsonNeedLevel `json:"levels"`
}

type jsonNeedDays struct {
	Total int `json:"total"`
	Gone  int `json:"gone"`
	Left  int `json:"left"`
}

type jsonNeed struct {
	Scheme       string        `json:"scheme"`
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Role         string        `json:"role"`
	Department   string        `json:"department"`
	Period       string        `json:"period"`
	Currency     string        `json:"currency"`
	AsOf         *string       `json:"as_of"`
	WorkingDays  *jsonNeedDays `json:"working_days"`
	PayToday     string        `json:"pay_today"`
	PayProjected *string       `json:"pay_projected"`
	KPIs         []jsonNeedKPI `json:"kpis"`
}

// NeedJSON writes the standing as one JSON object.
func NeedJSON(w io.Writer, s *plan.Scheme, st *need.Standing) error {
	opt := func(q *calc.Q) *string {
		if q == nil {
			return nil
		}
		v := figure(*q)
		return &v
	}
	j := jsonNeed{Scheme: s.ID, ID: st.ID, Name: st.Name, Role: st.Role, Department: st.Department, Period: st.Period,
		Currency: st.Currency, PayToday: st.Pay.StringFixed(st.Scale), KPIs: []jsonNeedKPI{}}
	if d := st.Days; d != nil {
		a := d.AsOf.Format("2006-01-02")
		j.AsOf, j.WorkingDays = &a, &jsonNeedDays{d.Total, d.Elapsed, d.Remaining}
	}
	if st.Projected != nil {
		p := st.Projected.StringFixed(st.Scale)
		j.PayProjected = &p
	}
	for _, k := range st.KPIs {
		jk := jsonNeedKPI{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Source: k.Source, Formula: k.Formula,
			Kind: k.Kind, Today: figure(k.Today), Pace: opt(k.Pace), Projection: opt(k.Projection),
			Fulfilment: opt(k.Fulfilment), ProjectionFulfilment: opt(k.ProjectionFulfilment), Levels: []jsonNeedLevel{}}
		for _, lv := range k.Levels {
			jk.Levels = append(jk.Levels, jsonNeedLevel{Level: lv.Level, Fact: figure(lv.Fact), Gap: figure(lv.Gap),
				Reached: lv.Reached, Missed: lv.Missed, PerDay: opt(lv.PerDay), Pay: lv.Pay.StringFixed(st.Scale), Fulfilment: opt(lv.Fulfilment)})
		}
		j.KPIs = append(j.KPIs, jk)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// The need sheet's layout: the header rows and the columns of the KPI
// table (1-based). Each level has four columns from its first: the fact
// needed, the gap, the per-day need and the pay.
const (
	needHeadRow  = 6 // the levels' names, merged over their columns
	needFirstRow = 8 // the first KPI
	needColToday = 5
	needColPace  = 6
	needColProj  = 7
	needColLevel = 8 // base's first column; norm's is 12, target's 16
)

// SaveNeed writes the standing's workbook to path atomically (see
// SaveReport).
func SaveNeed(path string, s *plan.Scheme, st *need.Standing, lang string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("%s: a workbook is an .xlsx file: name it so", path)
	}
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return WriteNeed(w, s, st, lang) })
	return atomicfile.Write(path, write, check)
}

// WriteNeed writes the standing as a workbook of one sheet: the person,
// the days and the pay today and at the projection above a table of one
// row per KPI — unit, direction, today, pace, projection, and for each of
// base, norm and target the fact needed, the gap, the per-day need and the
// pay — and the notes.
func WriteNeed(w io.Writer, s *plan.Scheme, st *need.Standing, lang string) (expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the workbook failed: %v", p)
		}
	}()
	nl := needLabelsFor(lang)
	rw := newReportWriter(s, &calc.Result{Scheme: s.ID, Title: s.Title, Period: st.Period, Currency: st.Currency, Scale: st.Scale}, lang)
	props := xlsx.Props{Creator: "premia", Title: nl.Title + " · " + st.ID + " · " + st.Period, Subject: s.Title, Language: lang, Date: periodDate(st.Period)}
	// The sheet's layout: the table's rows, the notes under it, then the
	// block against the norm and its notes, then the charts.
	last := needFirstRow - 1 + len(st.KPIs)
	notes := needNotes(st, nl)
	b := needBlockAt(st, nl, last+1+len(notes))
	sheets := []xlsx.BookSheet{{Name: nl.Sheet, TitleRow: needHeadRow + 1, Charts: needCharts(nl.Sheet, st, nl, b, last)}}
	return xlsx.WriteBook(w, props, stylesPart(st.Scale), sheets, func(_ int, x *xlsx.SheetWriter) error {
		x.Selected = true
		rw.need(x, st, nl, notes)
		b.put(x, rw, nl)
		return nil
	})
}

// needNotes are the notes under the sheet's table: what the pay at a level
// is, and each of the others where a row needs it.
func needNotes(st *need.Standing, nl needLabels) []string {
	notes := []string{nl.NotesPay}
	held, lower, missed := false, false, false
	for _, k := range st.KPIs {
		held = held || k.Kind == need.Held && st.Days != nil
		lower = lower || k.Direction == plan.Lower
		for _, lv := range k.Levels {
			missed = missed || lv.Missed
		}
	}
	if held {
		notes = append(notes, nl.NotesHeld)
	}
	if lower {
		notes = append(notes, nl.NotesLower)
	}
	if missed {
		notes = append(notes, nl.NotesMissed)
	}
	if st.Days != nil && st.Days.Elapsed == 0 {
		notes = append(notes, nl.NotesNoDay)
	}
	return notes
}

func (rw *reportWriter) need(x *xlsx.SheetWriter, st *need.Standing, nl needLabels, notes []string) {
	l := rw.l
	x.Text(1, 1, fmt.Sprintf("%s · %s · %s", nl.Title, st.Name, st.ID), styleTitle)
	sub := rw.roleTitle(st.Role) + " · " + st.Period
	if d := st.Days; d != nil {
		sub += " · " + fmt.Sprintf(nl.DaysLine, d.AsOf.Format("2006-01-02"), d.Elapsed, d.Total, d.Remaining)
	}
	x.Text(1, 2, sub, 0)
	x.Text(1, 3, nl.PayToday, styleBold)
	putMoney(x, 5, 3, st.Pay, styleMoney)
	x.Text(6, 3, st.Currency, 0)
	if st.Projected != nil {
		x.Text(1, 4, nl.PayProjected, styleBold)
		putMoney(x, 5, 4, *st.Projected, styleMoney)
		x.Text(6, 4, st.Currency, 0)
	}
	// Two header rows: the levels over their four columns, then the
	// columns' names.
	for i, level := range calc.Levels {
		c := needColLevel + 4*i
		x.Text(c, needHeadRow, nl.LevelName[level], styleHead)
		for j := 1; j < 4; j++ {
			x.Text(c+j, needHeadRow, "", styleHead)
		}
		x.Merge(c, needHeadRow, c+3, needHeadRow)
	}
	head := []string{nl.KPI, l.Title, nl.Unit, nl.Better, nl.Today, nl.Pace, nl.Projection}
	for range calc.Levels {
		head = append(head, nl.Needed, nl.Gap, nl.PerDay, nl.Pay)
	}
	x.Height(needHeadRow+1, 30) // room for a heading on two lines («Оплата на уровне»)
	for i, h := range head {
		x.Text(i+1, needHeadRow+1, h, headStyle(i+1 >= needColToday))
	}
	row := needHeadRow + 1
	for _, k := range st.KPIs {
		row++
		lower := k.Direction == plan.Lower
		x.Text(1, row, k.ID, 0)
		x.Text(2, row, k.Title, 0)
		x.Text(3, row, k.Unit, 0)
		better := nl.Higher
		if lower {
			better = nl.Lower
		}
		x.Text(4, row, better, 0)
		putRatio(x, needColToday, row, &k.Today, styleNum)
		if k.Kind == need.Held && st.Days != nil {
			x.Text(needColPace, row, nl.Held, styleRight)
		} else {
			putRatio(x, needColPace, row, k.Pace, styleMoney) // 2 decimals shown, 6 kept
		}
		putRatio(x, needColProj, row, k.Projection, styleNum)
		for _, lv := range k.Levels {
			c := needColLevel + 4*levelIndex(lv.Level)
			putRatio(x, c, row, &lv.Fact, styleNum)
			switch {
			case lv.Missed:
				x.Text(c+1, row, nl.Missed, styleRight)
			case lv.Reached:
				x.Text(c+1, row, nl.Reached, styleRight)
			case lower: // what the fact must fall by
				left := k.Today.Sub(lv.Fact)
				putRatio(x, c+1, row, &left, styleNum)
			default:
				putRatio(x, c+1, row, &lv.Gap, styleNum)
			}
			putRatio(x, c+2, row, lv.PerDay, styleMoney) // 2 decimals shown, 6 kept
			putMoney(x, c+3, row, lv.Pay, styleMoney)
		}
		if len(k.Levels) == 0 {
			x.Text(needColLevel, row, nl.NoPlan, 0)
		}
	}
	last := row
	// What is still to go is green where the level is reached, red where
	// a count has missed it, amber where a figure is still to go.
	if last >= needFirstRow {
		rule := func(dxf int, formula string) string {
			return fmt.Sprintf(`<cfRule type="expression" dxfId="%d"><formula>%s</formula></cfRule>`, dxf, xlsx.EscapeXML(formula))
		}
		for i := range calc.Levels {
			c := needColLevel + 4*i
			top := xlsx.CellName(c+1, needFirstRow)
			x.Rule(top+":"+xlsx.CellName(c+1, last),
				rule(dxfRed, fmt.Sprintf(`%s="%s"`, top, nl.Missed)),
				rule(dxfGreen, fmt.Sprintf(`%s="%s"`, top, nl.Reached)),
				rule(dxfAmber, "ISNUMBER("+top+")"))
		}
	}
	row++
	for _, n := range notes {
		row++
		x.Text(1, row, n, styleNote)
		x.Merge(1, row, needColLevel+11, row)
	}
	x.Pane = fmt.Sprintf(`<pane xSplit="1" ySplit="%d" topLeftCell="%s" activePane="bottomRight" state="frozen"/>`, needHeadRow+1, xlsx.CellName(2, needHeadRow+2))
	titles := make([]string, len(st.KPIs))
	for i, k := range st.KPIs {
		titles[i] = k.Title
	}
	x.Widths = []float64{14, widthFor(16, 40, titles...), 10, widthFor(10, 20, nl.Lower), 13, 12, 13}
	for range calc.Levels {
		x.Widths = append(x.Widths, 13, 12, 12, 14)
	}
	rw.printSetup(x)
}

func levelIndex(level string) int {
	for i, l := range calc.Levels {
		if l == level {
			return i
		}
	}
	return 0
}
