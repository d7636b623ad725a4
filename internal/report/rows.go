package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/texttable"
	"github.com/premia-pay/premia/plan"
)

func ratio(q *calc.Q) *string {
	if q == nil {
		return nil
	}
	s := calc.Text(q.Shown())
	return &s
}

// money is an amount with the scheme's scale, or nil.
func money(d *decimal.Decimal, scale int32) *string {
	if d == nil {
		return nil
	}
	s := d.StringFixed(scale)
	return &s
}

func dec(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := calc.Text(*d)
	return &s
}

type jsonKPI struct {
	ID          string  `json:"id"`
	Title       string  `json:"title,omitempty"`
	Unit        string  `json:"unit,omitempty"`
	Direction   string  `json:"direction"`
	Weight      *string `json:"weight"`
	Base        *string `json:"base"`
	Norm        *string `json:"norm"`
	Target      *string `json:"target"`
	Fact        string  `json:"fact"`
	Formula     string  `json:"formula,omitempty"` // a computed KPI's: its fact is this formula's value (6 decimals)
	Fulfilment  *string `json:"fulfilment"`
	Index       *string `json:"index"`
	Weighted    *string `json:"weighted"`
	Coefficient *string `json:"coefficient"`
	Voided      bool    `json:"voided"`
	Band        string  `json:"band,omitempty"` // below-base, base-norm or at-norm: the report's red, amber, green
}

type jsonAmount struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Amount string `json:"amount"`
	// A recoverable draw's balance: owed at the start and at the end.
	OpeningBalance *string `json:"opening_balance,omitempty"`
	ClosingBalance *string `json:"closing_balance,omitempty"`
}

type jsonModifier struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Applied   bool    `json:"applied"`
	Factor    *string `json:"factor,omitempty"`
	Deduction *string `json:"deduction,omitempty"`
}

type jsonEmployee struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Role        string         `json:"role"`
	Department  string         `json:"department"`
	Proration   *string        `json:"proration"`
	Fixed       string         `json:"fixed"`
	Variable    string         `json:"variable"`
	K           *string        `json:"k"`
	Coefficient string         `json:"coefficient"`
	Bonus       string         `json:"bonus"`
	Total       string         `json:"total"`
	KPIs        []jsonKPI      `json:"kpis"`
	Components  []jsonAmount   `json:"components"`
	Modifiers   []jsonModifier `json:"modifiers"`
}

type jsonTotals struct {
	Fixed      string `json:"fixed"`
	Bonus      string `json:"bonus"`
	Components string `json:"components"`
	Total      string `json:"total"`
}

// jsonDepartment is one department's subtotals: "" for the people of no
// department.
type jsonDepartment struct {
	Department string `json:"department"`
	Employees  int    `json:"employees"`
	jsonTotals
}

// JSON writes the result as one JSON object; money as strings with exactly
// the scheme's scale.
func JSON(w io.Writer, res *calc.Result) error {
	jw, err := NewJSONWriter(w, res)
	if err != nil {
		return err
	}
	for _, e := range res.Employees {
		if err := jw.Write(e); err != nil {
			return err
		}
	}
	return jw.Close(res)
}

// JSONWriter writes the JSON object an employee at a time, as the pay is
// computed: the heading, the employees, then the totals. The bytes are
// those of encoding/json with two-space indentation.
type JSONWriter struct {
	w     io.Writer
	scale int32
	n     int
	buf   bytes.Buffer
}

// NewJSONWriter writes the object's heading, from head's scheme, period,
// currency and rounding.
func NewJSONWriter(w io.Writer, head *calc.Result) (*JSONWriter, error) {
	j := &JSONWriter{w: w, scale: head.Scale}
	var b strings.Builder
	b.WriteString("{")
	// A period that is not known is null, not "": an import tells "none"
	// from a value.
	var period any
	if head.Period != "" {
		period = head.Period
	}
	for _, f := range []struct {
		key string
		v   any
	}{{"scheme", head.Scheme}, {"period", period}, {"currency", head.Currency}, {"rounding", fmt.Sprintf("%s %s", head.Step.String(), head.Mode)}} {
		fmt.Fprintf(&b, "\n  %q: %s,", f.key, j.encode(f.v, ""))
	}
	b.WriteString("\n  \"employees\": [")
	_, err := io.WriteString(w, b.String())
	return j, err
}

// encode is v as encoding/json writes it at this depth (prefix), without
// HTML escaping and without the newline the encoder ends with.
func (j *JSONWriter) encode(v any, prefix string) string { return encodeJSON(&j.buf, v, prefix) }

// encodeJSON is encode with buf for its room.
func encodeJSON(buf *bytes.Buffer, v any, prefix string) string {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // strings and the types below always encode
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// Write writes the employee.
func (j *JSONWriter) Write(e *calc.EmployeeResult) error {
	b, err := j.Row(e)
	if err != nil {
		return err
	}
	return j.WriteRow(b)
}

// Row is the employee's object as Write writes it, for WriteRow to write
// later. It is safe for concurrent use.
func (j *JSONWriter) Row(e *calc.EmployeeResult) ([]byte, error) {
	m := func(d decimal.Decimal) string { return d.StringFixed(j.scale) }
	je := jsonEmployee{
		ID: e.ID, Name: e.Name, Role: e.Role, Department: e.Department, Proration: ratio(e.Proration),
		Fixed: m(e.Fixed), Variable: m(e.Variable), K: ratio(e.K), Coefficient: *ratio(&e.Coefficient),
		Bonus: m(e.Bonus), Total: m(e.Total),
		KPIs: []jsonKPI{}, Components: []jsonAmount{}, Modifiers: []jsonModifier{},
	}
	for _, k := range e.KPIs {
		je.KPIs = append(je.KPIs, jsonKPI{
			ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Weight: dec(k.Weight),
			Base: ratio(k.Base), Norm: ratio(k.Norm), Target: ratio(k.Target), Fact: calc.Text(k.Fact), Formula: k.Formula,
			Fulfilment: ratio(k.Fulfilment), Index: ratio(k.Index), Weighted: ratio(k.Weighted),
			Coefficient: ratio(k.Coefficient), Voided: k.Voided, Band: k.Band,
		})
	}
	for _, c := range e.Components {
		ja := jsonAmount{ID: c.ID, Type: c.Type, Amount: m(c.Amount)}
		if c.Balance != nil {
			o, cl := m(c.Balance.Opening), m(c.Balance.Closing)
			ja.OpeningBalance, ja.ClosingBalance = &o, &cl
		}
		je.Components = append(je.Components, ja)
	}
	for _, md := range e.Modifiers {
		je.Modifiers = append(je.Modifiers, jsonModifier{ID: md.ID, Type: md.Type, Applied: md.Applied, Factor: ratio(md.Factor), Deduction: money(md.Deduction, j.scale)})
	}
	return appendEmployeeJSON(make([]byte, 0, 4096), &je, "    "), nil
}

// WriteRow writes an employee's object that Row made.
func (j *JSONWriter) WriteRow(b []byte) error {
	sep := "\n    "
	if j.n > 0 {
		sep = ",\n    "
	}
	j.n++
	if _, err := io.WriteString(j.w, sep); err != nil {
		return err
	}
	_, err := j.w.Write(b)
	return err
}

// RowWriter is the CSV or JSON of a run written an employee at a time:
// each employee made into a row on any core (Row) and written in order
// (WriteRow); End ends it with the totals of res.
type RowWriter interface {
	Row(e *calc.EmployeeResult) ([]byte, error)
	WriteRow(b []byte) error
	End(res *calc.Result) error
}

// NewRowWriter starts the CSV (format "csv") or JSON of a run on w, from
// head's scheme, period, currency and rounding.
func NewRowWriter(w io.Writer, format string, s *plan.Scheme, head *calc.Result) (RowWriter, error) {
	if format == "json" {
		return NewJSONWriter(w, head)
	}
	return NewCSVWriter(w, s, head.Scale)
}

// End is Close.
func (j *JSONWriter) End(res *calc.Result) error { return j.Close(res) }

// End is Close: the CSV has no totals row.
func (c *CSVWriter) End(*calc.Result) error { return c.Close() }

// Close writes the totals of res and ends the object.
func (j *JSONWriter) Close(res *calc.Result) error {
	m := func(d decimal.Decimal) string { return d.StringFixed(j.scale) }
	end := "]"
	if j.n > 0 {
		end = "\n  ]"
	}
	totals := jsonTotals{Fixed: m(res.Fixed), Bonus: m(res.Bonus), Components: m(res.Components), Total: m(res.Total)}
	depts := ""
	if res.HasDepartments() {
		// Subtotals by department, when anyone has one (docs: the JSON contract).
		ds := make([]jsonDepartment, len(res.Departments))
		for i, d := range res.Departments {
			ds[i] = jsonDepartment{Department: d.Department, Employees: d.Count,
				jsonTotals: jsonTotals{Fixed: m(d.Fixed), Bonus: m(d.Bonus), Components: m(d.Components), Total: m(d.Total)}}
		}
		depts = ",\n  \"departments\": " + j.encode(ds, "  ")
	}
	_, err := fmt.Fprintf(j.w, "%s%s,\n  \"totals\": %s,\n  \"total\": %s\n}\n", end, depts, j.encode(totals, "  "), j.encode(m(res.Total), ""))
	return err
}

// CSVHeader is the CSV's header: the fixed columns, then one column per
// component id in scheme order, then total, then the closing balance of
// each recoverable draw (<id>_balance), after total so that every column
// before it sums to it.
func CSVHeader(s *plan.Scheme) []string {
	h := []string{"id", "name", "role", "department", "fixed", "variable", "coefficient", "bonus"}
	h = append(h, s.ComponentIDs()...)
	h = append(h, "total")
	for _, id := range s.DrawBalanceIDs() {
		h = append(h, id+"_balance")
	}
	return h
}

// CSV writes one row per employee and no totals row (an import would take it
// for a person). Text fields that a spreadsheet would run as a formula are
// prefixed with an apostrophe.
func CSV(w io.Writer, s *plan.Scheme, res *calc.Result) error {
	cw, err := NewCSVWriter(w, s, res.Scale)
	if err != nil {
		return err
	}
	for _, e := range res.Employees {
		if err := cw.Write(e); err != nil {
			return err
		}
	}
	return cw.Close()
}

// CSVWriter writes the CSV an employee at a time, as the pay is computed.
type CSVWriter struct {
	w        io.Writer
	cw       *csv.Writer
	ids      []string
	balances []string // the recoverable draws' ids
	scale    int32
	rows     sync.Pool // of *csvRow, for Row
}

// csvRow is the room Row encodes a record in.
type csvRow struct {
	buf bytes.Buffer
	cw  *csv.Writer
}

// NewCSVWriter writes the header; money has scale decimals.
func NewCSVWriter(w io.Writer, s *plan.Scheme, scale int32) (*CSVWriter, error) {
	c := &CSVWriter{w: w, cw: csv.NewWriter(w), ids: s.ComponentIDs(), balances: s.DrawBalanceIDs(), scale: scale}
	return c, c.cw.Write(CSVHeader(s))
}

// record is the employee's row.
func (c *CSVWriter) record(e *calc.EmployeeResult) []string {
	row := []string{safe(e.ID), safe(e.Name), safe(e.Role), safe(e.Department), e.Fixed.StringFixed(c.scale), e.Variable.StringFixed(c.scale),
		calc.Text(e.Coefficient.Shown()), e.Bonus.StringFixed(c.scale)}
	row = append(row, componentCells(e, c.ids, "", c.scale)...)
	row = append(row, e.Total.StringFixed(c.scale))
	for _, id := range c.balances {
		cell := "" // a role without this draw
		for _, x := range e.Components {
			if x.ID == id && x.Balance != nil {
				cell = x.Balance.Closing.StringFixed(c.scale)
			}
		}
		row = append(row, cell)
	}
	return row
}

// Write writes the employee's row.
func (c *CSVWriter) Write(e *calc.EmployeeResult) error { return c.cw.Write(c.record(e)) }

// Row is the employee's record as Write writes it, for WriteRow to write
// later. It is safe for concurrent use.
func (c *CSVWriter) Row(e *calc.EmployeeResult) ([]byte, error) {
	r, _ := c.rows.Get().(*csvRow)
	if r == nil {
		r = &csvRow{}
		r.cw = csv.NewWriter(&r.buf)
	}
	defer c.rows.Put(r)
	r.buf.Reset()
	if err := r.cw.Write(c.record(e)); err != nil {
		return nil, err
	}
	r.cw.Flush()
	return bytes.Clone(r.buf.Bytes()), r.cw.Error()
}

// WriteRow writes a record that Row made.
func (c *CSVWriter) WriteRow(b []byte) error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	_, err := c.w.Write(b)
	return err
}

// Close flushes the rows written.
func (c *CSVWriter) Close() error {
	c.cw.Flush()
	return c.cw.Error()
}

// componentCells gives the employee's amount for each component id, or
// missing for a component the role does not have.
func componentCells(e *calc.EmployeeResult, ids []string, missing string, scale int32) []string {
	cells := make([]string, len(ids))
	for i, id := range ids {
		cells[i] = missing
		for _, c := range e.Components {
			if c.ID == id {
				cells[i] = c.Amount.StringFixed(scale)
			}
		}
	}
	return cells
}

// safe neutralises a text field against formula injection in spreadsheets.
func safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Table writes an aligned table for reading on a terminal, its headings in
// lang: text columns left-aligned, amounts right-aligned, a totals line
// last. Components are headed by their ids, as in CSV.
func Table(w io.Writer, s *plan.Scheme, res *calc.Result, lang string) error {
	l := labelsFor(lang)
	ids := s.ComponentIDs()
	head := []string{l.ID, l.Name, l.Role, l.Fixed, l.VariableShort, l.CoefShort, l.Bonus}
	head = append(head, ids...)
	head = append(head, l.Total)
	for i := range head {
		head[i] = strings.ToUpper(head[i])
	}
	rows := [][]string{head}
	for _, e := range res.Employees {
		row := []string{e.ID, e.Name, s.RoleTitle(e.Role), e.Fixed.StringFixed(res.Scale), e.Variable.StringFixed(res.Scale), e.Coefficient.Shown().String(), e.Bonus.StringFixed(res.Scale)}
		row = append(row, componentCells(e, ids, "-", res.Scale)...)
		rows = append(rows, append(row, e.Total.StringFixed(res.Scale)))
	}
	if res.HasDepartments() {
		// A subtotal line per department, above the total.
		for _, d := range res.Departments {
			name := d.Department
			if name == "" {
				name = l.NoDepartment
			}
			sub := []string{name, l.employees(d.Count), "", d.Fixed.StringFixed(res.Scale), "", "", d.Bonus.StringFixed(res.Scale)}
			for range ids {
				sub = append(sub, "")
			}
			rows = append(rows, append(sub, d.Total.StringFixed(res.Scale)))
		}
	}
	last := []string{strings.ToUpper(l.Total), l.employees(len(res.Employees)), res.Currency, res.Fixed.StringFixed(res.Scale), "", "", res.Bonus.StringFixed(res.Scale)}
	for range ids {
		last = append(last, "")
	}
	rows = append(rows, append(last, res.Total.StringFixed(res.Scale)))
	right := make([]bool, len(head))
	for i := range right {
		right[i] = i >= 3 // id, name and role are text; the rest figures
	}
	var b strings.Builder
	texttable.Write(&b, rows, right, false)
	_, err := io.WriteString(w, b.String())
	return err
}

// Explain writes one person's calculation step by step, each figure with the
// places its inputs came from.
func Explain(w io.Writer, res *calc.Result, e *calc.EmployeeResult, lang string) error {
	from := "from"
	if lang == "ru" {
		from = "источник"
	}
	var b strings.Builder
	head := []string{res.Scheme}
	if res.Title != "" {
		head = []string{res.Title}
	}
	if res.Period != "" {
		head = append(head, res.Period)
	}
	head = append(head, res.Currency)
	fmt.Fprintf(&b, "%s\n", strings.Join(head, " · "))
	for i, st := range e.Steps {
		fmt.Fprintf(&b, "%2d. %s\n", i+1, i18n.Render(st.Phrase, lang))
		if len(st.Sources) > 0 {
			fmt.Fprintf(&b, "    %s: %s\n", from, calc.JoinPlaces(st.Sources, "; ", i18n.Places(lang)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
