package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/texttable"
	"github.com/premia-pay/premia/internal/trend"
	"github.com/premia-pay/premia/internal/xlsx"
)

// trendLabels are premia trend's words.
type trendLabels struct {
	Pay, KPIs, Reach                                             string // the sections and sheets
	ID, Name, Person, KPI, Period, Fact, Norm, Fulfil, K, PayCol string
	Role, Reached, WithNorm, Share, Closed, Under, Yes, No       string
	Chart, XTitle, YTitle                                        string
}

var trendWords = map[string]trendLabels{
	"en": {Pay: "Pay by period", KPIs: "KPIs by period", Reach: "Reachability over the history",
		ID: "ID", Name: "Name", Person: "Person", KPI: "KPI", Period: "Period", Fact: "Fact", Norm: "Norm", Fulfil: "Fulfilment", K: "K", PayCol: "Pay",
		Role: "Role", Reached: "At norm", WithNorm: "With a norm", Share: "Share", Closed: "closed", Under: "under %s", Yes: "yes", No: "no",
		Chart: "Pay per person over the periods", XTitle: "Period", YTitle: "Pay, %s"},
	"ru": {Pay: "Выплаты по периодам", KPIs: "KPI по периодам", Reach: "Достижимость за историю",
		ID: "Таб. №", Name: "ФИО", Person: "Сотрудник", KPI: "KPI", Period: "Период", Fact: "Факт", Norm: "Норма", Fulfil: "Выполнение", K: "K", PayCol: "Выплата",
		Role: "Роль", Reached: "На норме", WithNorm: "С нормой", Share: "Доля", Closed: "закрыт", Under: "ниже %s", Yes: "да", No: "нет",
		Chart: "Выплата по сотрудникам за периоды", XTitle: "Период", YTitle: "Выплата, %s"},
}

func trendLabelsFor(lang string) trendLabels {
	if l, ok := trendWords[lang]; ok {
		return l
	}
	return trendWords["en"]
}

func tpct(q *calc.Q) string {
	if q == nil {
		return ""
	}
	return calc.Text(q.MulD(decimal.NewFromInt(100)).Approx(1)) + "%"
}

func tqText(q *calc.Q) string {
	if q == nil {
		return ""
	}
	return calc.Text(q.Shown())
}

func tmoney(d *decimal.Decimal, scale int32) string {
	if d == nil {
		return ""
	}
	return d.StringFixed(scale)
}

func periodHead(p trend.Period, l trendLabels) string {
	if p.Closed {
		return p.Label + " (" + l.Closed + ")"
	}
	return p.Label
}

// TrendTable writes the trend for a terminal: the pay per person with the
// periods side by side, each person's KPIs per period, the reachability.
func TrendTable(w io.Writer, t *trend.Trend, lang string) error {
	l := trendLabelsFor(lang)
	var b strings.Builder
	b.WriteString(l.Pay + "\n")
	head := []string{l.ID, l.Name}
	right := []bool{false, false}
	for _, p := range t.Periods {
		head, right = append(head, periodHead(p, l)), append(right, true)
	}
	rows := [][]string{head}
	for _, p := range t.People {
		r := []string{p.ID, p.Name}
		for j, v := range p.Pay {
			r = append(r, tmoney(v, t.Periods[j].Places))
		}
		rows = append(rows, r)
	}
	texttable.Write(&b, rows, right, false)
	b.WriteString("\n" + l.KPIs + "\n")
	rows = [][]string{{l.ID, l.KPI, l.Period, l.Fact, l.Norm, l.Fulfil, l.K, l.PayCol}}
	for r := range t.AllRows() {
		rows = append(rows, []string{r.ID, r.KPI, r.Period, string(r.Fact.AppendText(nil)), string(r.Norm.AppendShown(nil)), tpct(r.Fulfilment.Q()), string(r.K.AppendShown(nil)), string(r.Pay.AppendFixed(nil, r.Places))})
	}
	texttable.Write(&b, rows, []bool{false, false, false, true, true, true, true, true}, true)
	b.WriteString("\n" + l.Reach + "\n")
	rows = [][]string{{l.Role, l.KPI, l.Reached, l.WithNorm, l.Share, ""}}
	for _, r := range t.Reach {
		flag := ""
		if r.Under {
			flag = "! " + fmt.Sprintf(l.Under, tpct(&t.ReachMin))
		}
		rows = append(rows, []string{r.Role, r.KPI, fmt.Sprint(r.Reached), fmt.Sprint(r.WithNorm), tpct(r.Share), flag})
	}
	texttable.Write(&b, rows, []bool{false, false, true, true, true, false}, true)
	_, err := io.WriteString(w, b.String())
	return err
}

// TrendCSVHead is the CSV's header: one row per person, KPI and period.
var TrendCSVHead = []string{"period", "closed", "id", "name", "role", "department", "kpi", "fact", "norm", "fulfilment", "reached", "k", "pay"}

func tyesNo(b *bool) string {
	if b == nil {
		return ""
	}
	if *b {
		return "true"
	}
	return "false"
}

// TrendCSV writes the long format: one row per person, KPI and period,
// byte for byte as encoding/csv writes the records (appendCSVField).
func TrendCSV(w io.Writer, t *trend.Trend) error {
	return TrendCSVStream(w, func(each func(*trend.Trend) error) error { return each(t) })
}

// TrendCSVStream is TrendCSV of a trend given a window of people at a
// time (trend.Stream): windows hands each window to each in order, and
// each is written as it comes. A year of 20,000 people is 1.9 million
// rows (169 MB): a window's people are written in blocks, a core
// formatting each, and the blocks written in order; a row's figures are
// written from their parts (trend.Num), and the person's fields once for
// the rows that repeat them. Windows' error is returned, after the rows
// before it are written.
func TrendCSVStream(w io.Writer, windows func(each func(*trend.Trend) error) error) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(TrendCSVHead)
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	const block = 256 // people
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		t      *trend.Trend
		lo, hi int
		out    chan []byte
	}
	jobs := make(chan job)
	order := make(chan chan []byte, 2*workers)
	free := make(chan []byte, 3*workers) // buffers written, for the next blocks
	done := make(chan struct{})
	defer close(done)
	for range workers {
		go func() {
			for j := range jobs {
				var b []byte
				select {
				case b = <-free:
				default:
				}
				j.out <- appendTrendCSV(b[:0], j.t, j.lo, j.hi)
			}
		}()
	}
	var werr error // windows', set before order is closed
	go func() {
		defer close(jobs)
		defer close(order)
		werr = windows(func(t *trend.Trend) error {
			for lo := 0; lo < t.Len(); lo += block {
				j := job{t, lo, min(t.Len(), lo+block), make(chan []byte, 1)}
				select {
				case order <- j.out:
				case <-done:
					return errCSVStopped
				}
				select {
				case jobs <- j:
				case <-done:
					return errCSVStopped
				}
			}
			return nil
		})
	}()
	for out := range order {
		b := <-out
		if _, err := w.Write(b); err != nil {
			return err
		}
		select {
		case free <- b:
		default:
		}
	}
	return werr
}

// errCSVStopped stops the windows when the writing failed.
var errCSVStopped = errors.New("the CSV was not written")

// appendTrendCSV appends the CSV rows of people lo..hi-1 to b.
func appendTrendCSV(b []byte, t *trend.Trend, lo, hi int) []byte {
	// The fields from the person to the KPI, as written for the row
	// before: most rows repeat them.
	var who []byte
	var id, name, role, dept, kpi string
	for r := range t.RowsOf(lo, hi) {
		b = appendCSVField(b, r.Period)
		b = append(b, ',')
		b = strconv.AppendBool(b, r.Closed)
		if who == nil || r.ID != id || r.Name != name || r.Role != role || r.Department != dept || r.KPI != kpi {
			id, name, role, dept, kpi = r.ID, r.Name, r.Role, r.Department, r.KPI
			who = who[:0]
			for _, f := range []string{r.ID, r.Name, r.Role, r.Department, r.KPI} {
				who = append(who, ',')
				who = appendCSVField(who, f)
			}
		}
		b = append(b, who...)
		b = append(b, ',')
		b = r.Fact.AppendText(b)
		b = append(b, ',')
		b = r.Norm.AppendShown(b)
		b = append(b, ',')
		b = r.Fulfilment.AppendShown(b)
		b = append(b, ',')
		b = append(b, tyesNo(r.Reached)...)
		b = append(b, ',')
		b = r.K.AppendShown(b)
		b = append(b, ',')
		b = r.Pay.AppendFixed(b, r.Places)
		b = append(b, '\n')
	}
	return b
}

// appendCSVField appends field as encoding/csv's Writer writes it with
// its defaults (a comma, \n line ends): quoted when it holds a comma, a
// quote, \r or \n, begins with a space, or is \., its quotes doubled
// (TestAppendCSVField holds the two to each other).
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for i := 0; i < len(field); i++ {
		if field[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, field[i])
	}
	return append(b, '"')
}

func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	r1, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r1)
}

type jsonTrendRow struct {
	Period     string  `json:"period"`
	Closed     bool    `json:"closed"`
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Role       string  `json:"role"`
	Department string  `json:"department"`
	KPI        string  `json:"kpi"`
	Fact       string  `json:"fact"`
	Norm       *string `json:"norm"`
	Fulfilment *string `json:"fulfilment"`
	Reached    *bool   `json:"reached"`
	K          *string `json:"k"`
	Pay        string  `json:"pay"`
}

type jsonTrendReach struct {
	Role     string  `json:"role"`
	KPI      string  `json:"kpi"`
	Reached  int     `json:"reached"`
	WithNorm int     `json:"with_norm"`
	Share    *string `json:"share"`
	Under    bool    `json:"under"`
}

type jsonTrendPeriod struct {
	Period string `json:"period"`
	Closed bool   `json:"closed"`
}

func tnPtr(v trend.Num) *string {
	if !v.Valid() {
		return nil
	}
	s := string(v.AppendShown(nil))
	return &s
}

func tqPtr(q *calc.Q) *string {
	if q == nil {
		return nil
	}
	s := tqText(q)
	return &s
}

// TrendJSON writes the trend as one JSON object: periods, currency,
// reach_min, rows (the CSV's, typed) and reach.
func TrendJSON(w io.Writer, t *trend.Trend) error {
	out := struct {
		Periods  []jsonTrendPeriod `json:"periods"`
		Currency string            `json:"currency"`
		ReachMin string            `json:"reach_min"`
		Rows     []jsonTrendRow    `json:"rows"`
		Reach    []jsonTrendReach  `json:"reach"`
	}{Periods: []jsonTrendPeriod{}, Currency: t.Currency, ReachMin: tqText(&t.ReachMin), Rows: []jsonTrendRow{}, Reach: []jsonTrendReach{}}
	for _, p := range t.Periods {
		out.Periods = append(out.Periods, jsonTrendPeriod{p.Label, p.Closed})
	}
	for r := range t.AllRows() {
		out.Rows = append(out.Rows, jsonTrendRow{r.Period, r.Closed, r.ID, r.Name, r.Role, r.Department, r.KPI, string(r.Fact.AppendText(nil)), tnPtr(r.Norm), tnPtr(r.Fulfilment), r.Reached, tnPtr(r.K), string(r.Pay.AppendFixed(nil, r.Places))})
	}
	for _, r := range t.Reach {
		out.Reach = append(out.Reach, jsonTrendReach{r.Role, r.KPI, r.Reached, r.WithNorm, tqPtr(r.Share), r.Under})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// TrendPicture is --chart's picture: the pay sheet's chart, drawn from the
// same figures (one line per person, a gap where they were not paid).
func TrendPicture(t *trend.Trend, lang string) chart.Chart {
	l := trendLabelsFor(lang)
	c := chart.Chart{Kind: chart.Line, Title: l.Chart, XTitle: l.XTitle, YTitle: fmt.Sprintf(l.YTitle, t.Currency)}
	for _, p := range t.Periods {
		c.Categories = append(c.Categories, p.Label)
	}
	for _, p := range t.People {
		s := chart.Series{Name: p.ID + " " + p.Name}
		for _, v := range p.Pay {
			if v == nil {
				s.Values = append(s.Values, "")
			} else {
				s.Values = append(s.Values, v.String())
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// TrendChartSeries is the most lines the pay sheet's chart draws, one a
// person: Excel's limit of series in a chart (255). Beyond it the
// workbook has no chart (the command says so).
const TrendChartSeries = 255

// TrendSheetRows is how many rows of KPIs by period the trend workbook's
// sheet holds: a worksheet's 1,048,576 rows, less the heading's.
const TrendSheetRows = 1048576 - 1

// SaveTrendWorkbook writes the trend's workbook to path atomically: a
// sheet of pay per person with the periods side by side and its line
// chart, a sheet of the KPI rows (the CSV's), and the reachability.
func SaveTrendWorkbook(path string, t *trend.Trend, lang string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("%s: a workbook is an .xlsx file: name it so", path)
	}
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) { return WriteTrendWorkbook(w, t, lang) })
	return atomicfile.Write(path, write, check)
}

// WriteTrendWorkbook writes the trend's workbook.
func WriteTrendWorkbook(w io.Writer, t *trend.Trend, lang string) (expect []xlsx.Expect, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the workbook failed: %v", p)
		}
	}()
	l := trendLabelsFor(lang)
	paySheet, kpiSheet, reachSheet := sheetName(l.Pay), sheetName(l.KPIs), sheetName(l.Reach)
	sheets := []xlsx.BookSheet{{Name: paySheet, TitleRow: 1}, {Name: kpiSheet, TitleRow: 1}, {Name: reachSheet, TitleRow: 1}}
	if len(t.Periods) > 0 && len(t.People) > 0 && len(t.People) <= TrendChartSeries {
		last := xlsx.ColumnName(2 + len(t.Periods))
		c := xlsx.Chart{Kind: xlsx.Line, Title: l.Chart, XTitle: l.XTitle, YTitle: fmt.Sprintf(l.YTitle, t.Currency),
			Anchor:     fmt.Sprintf("A%d:J%d", len(t.People)+3, len(t.People)+22),
			Categories: xlsx.Ref{Sheet: paySheet, Range: fmt.Sprintf("C1:%s1", last)},
			Legend:     xlsx.LegendBottom}
		for i := range t.People {
			row := i + 2
			c.Series = append(c.Series, xlsx.Series{Name: t.People[i].ID + " " + t.People[i].Name, Values: xlsx.Ref{Sheet: paySheet, Range: fmt.Sprintf("C%d:%s%d", row, last, row)}})
		}
		sheets[0].Charts = []xlsx.Chart{c}
	}
	props := xlsx.Props{Creator: "premia", Title: l.Pay, Language: lang}
	var names []string
	for _, p := range t.People {
		names = append(names, p.Name)
	}
	kpis, err := trendKPISheet(t, l, names)
	if err != nil {
		return nil, err
	}
	sheets[1].Built = &kpis
	return xlsx.WriteBook(w, props, stylesPart(t.Scale), sheets, func(i int, x *xlsx.SheetWriter) error {
		// Printed across the page's width, landscape; columns as wide as
		// what they hold (seen cut in a LibreOffice render).
		x.FitToPage, x.Landscape = true, true
		switch i {
		case 0:
			x.Widths = []float64{10, widthFor(14, 40, names...)}
			for range t.Periods {
				x.Widths = append(x.Widths, 16)
			}
			x.Selected = true
			x.Text(1, 1, l.ID, styleHead)
			x.Text(2, 1, l.Name, styleHead)
			for j, p := range t.Periods {
				x.Text(3+j, 1, p.Label, styleHeadNum)
			}
			for r, p := range t.People {
				x.Text(1, r+2, p.ID, 0)
				x.Text(2, r+2, p.Name, 0)
				for j, v := range p.Pay {
					if v != nil {
						x.Num(3+j, r+2, v.String(), styleMoney)
					}
				}
			}
		case 2:
			x.Widths = []float64{16, 16, 10, 12, 10, 16}
			for j, h := range []string{l.Role, l.KPI, l.Reached, l.WithNorm, l.Share} {
				x.Text(j+1, 1, h, styleHead)
			}
			for r, row := range t.Reach {
				n := r + 2
				x.Text(1, n, row.Role, 0)
				x.Text(2, n, row.KPI, 0)
				x.Num(3, n, fmt.Sprint(row.Reached), 0)
				x.Num(4, n, fmt.Sprint(row.WithNorm), 0)
				if row.Share != nil {
					x.Num(5, n, calc.Text(row.Share.Approx(6)), stylePercent)
				}
				if row.Under {
					x.Text(6, n, fmt.Sprintf(l.Under, tpct(&t.ReachMin)), 0)
				}
			}
		}
		return nil
	})
}

// trendKPISheet builds the workbook's KPI sheet, a row per person, KPI
// and period (a million rows for six months of 20,000 people),
// compressed every trendFlush rows as it is built (xlsx.SheetStream):
// memory holds the compressed sheet, not its XML.
func trendKPISheet(t *trend.Trend, l trendLabels, names []string) (xlsx.Built, error) {
	const trendFlush = 512
	ss := xlsx.NewSheetStream(1, sheetName(l.KPIs))
	x := &ss.X
	x.FitToPage, x.Landscape = true, true
	x.Dimension = "A1:" + xlsx.CellName(10, t.RowCount()+1)
	x.Widths = []float64{10, 8, 10, widthFor(14, 40, names...), 16, 14, 14, 15, 10, 14}
	for j, h := range []string{l.Period, l.Closed, l.ID, l.Name, l.KPI, l.Fact, l.Norm, l.Fulfil, l.K, l.PayCol} {
		x.Text(j+1, 1, h, styleHead)
	}
	n := 1
	var buf []byte
	for row := range t.AllRows() {
		n++
		x.Text(1, n, row.Period, 0)
		if row.Closed {
			x.Text(2, n, l.Yes, 0)
		}
		x.Text(3, n, row.ID, 0)
		x.Text(4, n, row.Name, 0)
		x.Text(5, n, row.KPI, 0)
		num := func(col int, v trend.Num, style int) {
			if v.Valid() {
				buf = v.AppendShown(buf[:0])
				x.NumBytes(col, n, buf, style)
			}
		}
		buf = row.Fact.AppendText(buf[:0])
		x.NumBytes(6, n, buf, styleNum)
		num(7, row.Norm, styleNum)
		num(8, row.Fulfilment, stylePercent)
		num(9, row.K, styleRatio)
		buf = row.Pay.AppendText(buf[:0])
		x.NumBytes(10, n, buf, styleMoney)
		if n%trendFlush == 0 {
			if err := ss.Flush(); err != nil {
				return xlsx.Built{}, err
			}
		}
	}
	out := ss.Close()
	return out, out.Err
}

// sheetName keeps a sheet's name within Excel's 31 characters.
func sheetName(s string) string {
	r := []rune(s)
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}
