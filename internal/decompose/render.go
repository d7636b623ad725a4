package decompose

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/texttable"
)

// count is a count as every output shows it: exact, rounded half-up to 6
// decimals at most (calc.RatioPlaces), trailing zeros dropped.
func count(q calc.Q) string { return q.Shown().String() }

func (res *Result) money(d decimal.Decimal) string { return d.StringFixed(res.Scale) }

func (res *Result) currency() string {
	if res.In.Currency == "" {
		return ""
	}
	return " " + res.In.Currency
}

// source is what the output calls the funnel: its file's base name.
func (res *Result) source() string {
	if res.In.File == "" || res.In.File == "stdin" {
		return res.In.File
	}
	return filepath.Base(res.In.File)
}

// summary is the chain from the profit to the deals in one line.
func (res *Result) summary(l labels) string {
	in, cur := res.In, res.currency()
	return fmt.Sprintf(l.Summary, res.money(in.Profit.V), cur, in.Margin.V, res.money(res.RevenueShown), cur,
		res.money(in.AverageCheck.V), cur, count(res.Stages[0].Month))
}

// setting is the run's setting in one line.
func (res *Result) setting(l labels) string {
	who := l.managers(res.Managers)
	if res.History != nil {
		var files []string
		for _, f := range res.History.Files {
			files = append(files, filepath.Base(f))
		}
		who += " (" + strings.ToLower(l.History) + ": " + strings.Join(files, ", ") + ")"
	}
	return fmt.Sprintf(l.Days, res.In.WorkingDays, who, l.Shares[res.In.Share], l.ConversionsOf[res.Conversions], l.profileName(res.In.Profile))
}

func (res *Result) title(l labels) string {
	parts := []string{}
	if res.In.Title != "" {
		parts = append(parts, res.In.Title)
	}
	if f := res.source(); f != "" {
		parts = append(parts, f)
	}
	if len(parts) == 0 {
		return l.Title
	}
	return l.Title + ": " + strings.Join(parts, " · ")
}

// who is a manager as a table shows them: id and name, or "each of 5".
func (res *Result) who(l labels, p Person) string {
	if !res.Named {
		return fmt.Sprintf(l.Each, res.Managers)
	}
	return strings.TrimSpace(p.ID + " " + p.Name)
}

func normText(n *Norm) string {
	if n == nil {
		return ""
	}
	return n.V.String()
}

func convText(c *calc.Q) string {
	if c == nil {
		return ""
	}
	return count(*c)
}

// Table writes the decomposition for reading on a terminal, in lang: the
// chain in two lines, the department's stages, and each manager's part.
func Table(w io.Writer, res *Result, lang string) error {
	l := labelsFor(lang)
	var b strings.Builder
	b.WriteString(res.title(l) + "\n")
	b.WriteString(res.summary(l) + "\n")
	b.WriteString(res.setting(l) + "\n\n")
	head := []string{l.Stage, l.Conversion, l.Month, l.Needed, l.Day, l.Needed, l.ManagerDay, l.Norm, "", l.NormLine}
	rows := [][]string{upperAll(head)}
	for _, s := range res.Stages {
		line := ""
		if s.Norm != nil {
			line = l.Lines[s.Norm.Line]
		}
		rows = append(rows, []string{s.ID, convText(s.Conversion), count(s.Month), Ceil(s.Month).String(), count(s.Day), Ceil(s.Day).String(),
			count(s.ManagerDay), normText(s.Norm), mark(l, s.Above), line})
	}
	writeAligned(&b, rows, map[int]bool{0: true, 8: true, 9: true})
	b.WriteString("\n")
	head = []string{l.Manager, l.Share, l.Revenue, l.Stage, l.Conversion, l.From, l.Month, l.Needed, l.Day, l.Needed, l.Norm, ""}
	rows = [][]string{upperAll(head)}
	for _, p := range res.People {
		for i, s := range p.Stages {
			who, share, rev := "", "", ""
			if i == 0 {
				who, share, rev = res.who(l, p), count(p.Share), res.money(p.Revenue)
			}
			rows = append(rows, []string{who, share, rev, res.Stages[i].ID, convText(s.Conversion), l.Froms[s.From], count(s.Month), Ceil(s.Month).String(),
				count(s.Day), Ceil(s.Day).String(), normText(s.Norm), mark(l, s.Above)})
		}
	}
	writeAligned(&b, rows, map[int]bool{0: true, 3: true, 5: true, 11: true})
	_, err := io.WriteString(w, b.String())
	return err
}

func mark(l labels, above bool) string {
	if above {
		return l.Yes
	}
	return ""
}

func upperAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = upper(x)
	}
	return out
}

// writeAligned writes rows as columns two spaces apart (texttable): the
// text columns left-aligned, the figures right-aligned; a column empty in
// every row left out.
func writeAligned(b *strings.Builder, rows [][]string, text map[int]bool) {
	right := make([]bool, len(rows[0]))
	for i := range right {
		right[i] = !text[i]
	}
	texttable.Write(b, rows, right, true)
}

// CSVHeader is the CSV's header: one row per stage, the department's
// first, then each manager's (docs/planning.md §7.3).
var CSVHeader = []string{"scope", "id", "name", "share", "stage", "kpi", "conversion", "conversion_from", "month", "month_needed",
	"day", "day_needed", "manager_day", "norm", "norm_line", "above_norm"}

// CSV writes the decomposition as CSV: RFC 4180 quoting, comma, UTF-8
// without BOM, LF line ends, names guarded against formula injection.
func CSV(w io.Writer, res *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	line := func(n *Norm) (string, string) {
		if n == nil {
			return "", ""
		}
		return n.V.String(), n.Line
	}
	for _, s := range res.Stages {
		norm, nl := line(s.Norm)
		rec := []string{"department", "", "", "1", s.ID, s.KPI, convText(s.Conversion), s.ConversionFrom, count(s.Month), Ceil(s.Month).String(),
			count(s.Day), Ceil(s.Day).String(), count(s.ManagerDay), norm, nl, strconv.FormatBool(s.Above)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	for _, p := range res.People {
		for i, s := range p.Stages {
			st := res.Stages[i]
			norm, nl := line(s.Norm)
			rec := []string{"manager", safe(p.ID), safe(p.Name), count(p.Share), st.ID, st.KPI, convText(s.Conversion), s.From, count(s.Month), Ceil(s.Month).String(),
				count(s.Day), Ceil(s.Day).String(), count(s.Day), norm, nl, strconv.FormatBool(s.Above)}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// safe neutralises a text field against formula injection in spreadsheets.
func safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

type jsonStage struct {
	ID             string  `json:"id"`
	KPI            string  `json:"kpi"`
	Conversion     *string `json:"conversion"`
	ConversionFrom *string `json:"conversion_from"`
	Month          string  `json:"month"`
	MonthNeeded    string  `json:"month_needed"`
	Day            string  `json:"day"`
	DayNeeded      string  `json:"day_needed"`
	ManagerDay     *string `json:"manager_day,omitempty"`
	Norm           *string `json:"norm"`
	NormLine       *string `json:"norm_line"`
	AboveNorm      bool    `json:"above_norm"`
}

type jsonPerson struct {
	ID      *string     `json:"id"`
	Name    *string     `json:"name"`
	Share   string      `json:"share"`
	Revenue string      `json:"revenue"`
	Stages  []jsonStage `json:"stages"`
}

type jsonPlan struct {
	ID     string  `json:"id"`
	KPI    string  `json:"kpi"`
	Base   *string `json:"base"`
	Norm   *string `json:"norm"`
	Target *string `json:"target"`
}

type jsonResult struct {
	Funnel       *string      `json:"funnel"`
	Title        *string      `json:"title"`
	Currency     *string      `json:"currency"`
	Profit       string       `json:"profit"`
	Margin       string       `json:"margin"`
	Revenue      string       `json:"revenue"`
	AverageCheck string       `json:"average_check"`
	WorkingDays  int          `json:"working_days"`
	Managers     int          `json:"managers"`
	Profile      *string      `json:"profile"`
	Share        string       `json:"share"`
	Conversions  string       `json:"conversions"`
	History      []string     `json:"history"`
	Stages       []jsonStage  `json:"stages"`
	People       []jsonPerson `json:"people"`
	AboveNorm    int          `json:"above_norm"`
	Plans        []jsonPlan   `json:"plans"`
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func decStr(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	return str(d.String())
}

func stageJSON(id, kpi string, conv *calc.Q, from string, month, day calc.Q, n *Norm, above bool) jsonStage {
	js := jsonStage{ID: id, KPI: kpi, Conversion: str(convText(conv)), ConversionFrom: str(from), Month: count(month), MonthNeeded: Ceil(month).String(),
		Day: count(day), DayNeeded: Ceil(day).String(), AboveNorm: above}
	if n != nil {
		js.Norm, js.NormLine = str(n.V.String()), str(n.Line)
	}
	return js
}

// JSON writes the decomposition as one JSON object (docs/planning.md
// §7.3 lists its keys): money and counts are strings, exact to the
// funnel's step and to 6 decimals.
func JSON(w io.Writer, res *Result) error {
	in := res.In
	out := jsonResult{Funnel: str(res.source()), Title: str(in.Title), Currency: str(in.Currency), Profit: res.money(in.Profit.V), Margin: in.Margin.V.String(),
		Revenue: res.money(res.RevenueShown), AverageCheck: res.money(in.AverageCheck.V), WorkingDays: in.WorkingDays, Managers: res.Managers,
		Profile: str(in.Profile), Share: in.Share, Conversions: res.Conversions, History: []string{}, Stages: []jsonStage{}, People: []jsonPerson{},
		AboveNorm: res.Above, Plans: []jsonPlan{}}
	if res.History != nil {
		for _, f := range res.History.Files {
			out.History = append(out.History, filepath.Base(f))
		}
	}
	for _, s := range res.Stages {
		js := stageJSON(s.ID, s.KPI, s.Conversion, s.ConversionFrom, s.Month, s.Day, s.Norm, s.Above)
		md := count(s.ManagerDay)
		js.ManagerDay = &md
		out.Stages = append(out.Stages, js)
	}
	for _, p := range res.People {
		jp := jsonPerson{ID: str(p.ID), Name: str(p.Name), Share: count(p.Share), Revenue: res.money(p.Revenue)}
		for i, s := range p.Stages {
			jp.Stages = append(jp.Stages, stageJSON(res.Stages[i].ID, res.Stages[i].KPI, s.Conversion, s.From, s.Month, s.Day, s.Norm, s.Above))
		}
		out.People = append(out.People, jp)
	}
	for _, r := range res.Plans {
		out.Plans = append(out.Plans, jsonPlan{ID: r.ID, KPI: r.KPI, Base: decStr(r.Base), Norm: decStr(r.Norm), Target: decStr(r.Target)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
