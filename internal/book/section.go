package book

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// The figures section (snapshot format 2). A snapshot's result is calc's
// whole JSON output, about 3.5 KB a person; what the commands that look
// back read of it (Figures) is a fifth of that. Format 2 writes those
// figures a second time, before the result, as a section of one line a
// person, so that ReadFiguresEach reads the section and stops: at 20,000
// people a section is 13 MB against the result's 77 MB.
//
// The section is derived from the result's bytes when the snapshot is
// encoded (figuresSection), never from anything else, so it cannot say
// other than the result; ParseSnapshot, which every command reading a
// closed period whole goes through, checks the two against each other,
// so that a hand edit of one shows.
//
//	"figures": {
//	  "scheme": "acme", "period": "2026-10", "currency": "RUB",
//	  "rounding": "0.01 half-up", "total": "104400.00",
//	  "employees": [
//	    [id, name, role, department, fixed, variable, bonus, total, k,
//	     [[id, title, unit, direction, band, base, norm, target, fact, fulfilment], ...],
//	     [[id, type, amount], [id, type, amount, opening, closing], ...]],
//	    ...
//	  ]
//	}
//
// Every decimal is the result's text, in quotes; a figure the result has
// as null (k, a level, the fulfilment) is null; a component has the two
// balances when it is a draw. The positions are fixed: a row of another
// length is refused.

// Positions of an employee's, a KPI's and a component's row.
const (
	rowLen     = 11
	kpiRowLen  = 10
	compRowLen = 3
	drawRowLen = 5
)

// figuresSection is the section of a result: its heading and each
// employee's row (resultRows).
func figuresSection(result []byte) ([]byte, error) {
	h, rows, err := resultRows(result)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for i, r := range rows {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("      ")
		b.Write(r.text)
	}
	return appendSection(nil, &h, b.Bytes(), len(rows) > 0), nil
}

// resultRows are a result's heading and each employee's row as appendRow
// writes it, read from the result's bytes as ReadFiguresEach of a format 1
// snapshot reads them: what the section must say.
func resultRows(result []byte) (Head, []sectionRow, error) {
	var rows []sectionRow
	s := newJSONScan(bytes.NewReader(result))
	fr := &figuresReader{s: s, each: func(f *Figures) error {
		rows = append(rows, sectionRow{id: f.ID, text: appendRow(nil, f)})
		return nil
	}}
	err := fr.result()
	if err == nil {
		err = s.end()
	}
	if err != nil {
		return Head{}, nil, fmt.Errorf("snapshot: the result cannot be read for its figures: %w", err)
	}
	if !fr.hasTotal {
		return Head{}, nil, errors.New("snapshot: the result has no total")
	}
	return fr.head, rows, nil
}

// appendSection is the section of a heading and its rows, as written
// under the snapshot's key at an indent of two spaces.
func appendSection(b []byte, h *Head, rows []byte, any bool) []byte {
	b = append(b, "{\n"...)
	for _, kv := range [...]struct{ k, v string }{{"scheme", h.Scheme}, {"period", h.Period}, {"currency", h.Currency}, {"rounding", h.Rounding}} {
		b = append(b, `    "`...)
		b = append(b, kv.k...)
		b = append(b, `": `...)
		if kv.k == "period" && kv.v == "" {
			b = append(b, "null"...)
		} else {
			b = appendJSONString(b, kv.v)
		}
		b = append(b, ",\n"...)
	}
	b = append(b, `    "total": `...)
	b = NumOf(h.Total).appendJSON(b)
	b = append(b, ",\n"...)
	if !any {
		return append(b, "    \"employees\": []\n  }"...)
	}
	b = append(b, "    \"employees\": [\n"...)
	b = append(b, rows...)
	return append(b, "\n    ]\n  }"...)
}

// appendRow is an employee's row of the section, on one line.
func appendRow(b []byte, f *Figures) []byte {
	b = append(b, '[')
	b = appendJSONString(b, f.ID)
	b = append(b, ',')
	b = appendJSONString(b, f.Name)
	b = append(b, ',')
	b = appendJSONString(b, f.Role)
	b = append(b, ',')
	b = appendJSONString(b, f.Department)
	for _, n := range [...]Num{f.Fixed, f.Variable, f.Bonus, f.Total, f.K} {
		b = append(b, ',')
		b = n.appendJSON(b)
	}
	b = append(b, ",["...)
	for i, k := range f.KPIs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, t := range [...]string{k.ID, k.Title, k.Unit, k.Direction, k.Band} {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, t)
		}
		for _, n := range [...]Num{k.Base, k.Norm, k.Target, k.Fact, k.Fulfilment} {
			b = append(b, ',')
			b = n.appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, "],["...)
	for i, c := range f.Components {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, c.ID)
		b = append(b, ',')
		b = appendJSONString(b, c.Type)
		b = append(b, ',')
		b = c.Amount.appendJSON(b)
		if c.Opening.Valid() || c.Closing.Valid() {
			b = append(b, ',')
			b = c.Opening.appendJSON(b)
			b = append(b, ',')
			b = c.Closing.appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, "]]"...)
}

// appendJSONString is s as encoding/json writes it without HTML escaping.
func appendJSONString(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendJSON is the figure in quotes as its text was (c × 10^e with -e
// places: "30000.00" stays so), or null.
func (n Num) appendJSON(b []byte) []byte {
	if !n.valid {
		return append(b, "null"...)
	}
	b = append(b, '"')
	if n.big != nil {
		if e := n.big.Exponent(); e < 0 {
			b = append(b, n.big.StringFixed(-e)...)
		} else {
			b = append(b, n.big.String()...)
		}
		return append(b, '"')
	}
	b = appendParts(b, n.c, n.e)
	return append(b, '"')
}

// appendParts writes c × 10^e in plain digits, -e of them after the point
// (calc's writer of money, at the figure's own places).
func appendParts(b []byte, c int64, e int32) []byte {
	return calc.AppendFixedParts(b, c, e, max(0, -e))
}

// errSectionRead stops ScanFigures once the section is read: the result
// after it is not read.
var errSectionRead = errors.New("the figures section is read")

// section reads the figures section: its heading and each employee's row.
func (fr *figuresReader) section() error {
	s := fr.s
	has := map[string]bool{}
	err := s.object(func(key []byte) error {
		if ok, err := fr.headMember(string(key), "figures."); ok {
			has[string(key)] = true
			return err
		}
		var err error
		switch string(key) {
		case "employees":
			has["employees"] = true
			fr.headed()
			err = s.array(func() error {
				if fr.rowStart != nil {
					s.peek()
					fr.rowStart(s.base + int64(s.pos))
				}
				f := fr.fresh()
				if !fr.fastRow(f) {
					*f = Figures{KPIs: f.KPIs[:0], Components: f.Components[:0]}
					if err := fr.row(f); err != nil {
						return err
					}
				}
				return fr.take(f)
			})
		default:
			return &typeError{at: s.keyAt, field: "figures." + string(key), unknown: true}
		}
		return err
	})
	if err != nil {
		return err
	}
	if len(has) < 6 { // scheme, period, currency, rounding, total, employees
		return &typeError{at: s.base + int64(s.pos) - 1, field: "figures", lacks: true}
	}
	return nil
}

// positional reads an array whose elements are read by at, by position,
// and refuses one of a length other than want (or want2, when not 0).
func (fr *figuresReader) positional(what string, want, want2 int, at func(i int) error) error {
	s := fr.s
	s.peek()
	start := s.base + int64(s.pos)
	i := 0
	err := s.array(func() error {
		var err error
		if i < max(want, want2) {
			err = at(i)
		} else {
			_, err = s.value(false)
		}
		i++
		return err
	})
	if err == nil && i != want && (want2 == 0 || i != want2) {
		n := strconv.Itoa(want)
		if want2 != 0 {
			n += " or " + strconv.Itoa(want2)
		}
		return &typeError{at: start, field: what, values: i, holds: n}
	}
	return err
}

// row reads an employee's row of the section into f.
func (fr *figuresReader) row(f *Figures) error {
	return fr.positional("figures.employees", rowLen, 0, func(i int) error {
		var err error
		switch i {
		case 0:
			f.ID, err = fr.text("figures.employees.id")
		case 1:
			f.Name, err = fr.text("figures.employees.name")
		case 2:
			f.Role, err = fr.shared("figures.employees.role")
		case 3:
			f.Department, err = fr.shared("figures.employees.department")
		case 4:
			f.Fixed, err = fr.nullDec("figures.employees.fixed")
		case 5:
			f.Variable, err = fr.nullDec("figures.employees.variable")
		case 6:
			f.Bonus, err = fr.nullDec("figures.employees.bonus")
		case 7:
			f.Total, err = fr.nullDec("figures.employees.total")
		case 8:
			f.K, err = fr.nullDec("figures.employees.k")
		case 9:
			err = fr.s.array(func() error {
				k, err := fr.kpiRow()
				f.KPIs = append(f.KPIs, k)
				return err
			})
		case 10:
			err = fr.s.array(func() error {
				c, err := fr.componentRow()
				f.Components = append(f.Components, c)
				return err
			})
		}
		return err
	})
}

func (fr *figuresReader) kpiRow() (KPIFigures, error) {
	var k KPIFigures
	err := fr.positional("figures.kpis", kpiRowLen, 0, func(i int) error {
		var err error
		switch i {
		case 0:
			k.ID, err = fr.shared("figures.kpis.id")
		case 1:
			k.Title, err = fr.shared("figures.kpis.title")
		case 2:
			k.Unit, err = fr.shared("figures.kpis.unit")
		case 3:
			k.Direction, err = fr.shared("figures.kpis.direction")
		case 4:
			k.Band, err = fr.shared("figures.kpis.band")
		case 5:
			k.Base, err = fr.nullDec("figures.kpis.base")
		case 6:
			k.Norm, err = fr.nullDec("figures.kpis.norm")
		case 7:
			k.Target, err = fr.nullDec("figures.kpis.target")
		case 8:
			k.Fact, err = fr.nullDec("figures.kpis.fact")
		case 9:
			k.Fulfilment, err = fr.nullDec("figures.kpis.fulfilment")
		}
		return err
	})
	return k, err
}

func (fr *figuresReader) componentRow() (ComponentFigures, error) {
	var c ComponentFigures
	err := fr.positional("figures.components", compRowLen, drawRowLen, func(i int) error {
		var err error
		switch i {
		case 0:
			c.ID, err = fr.shared("figures.components.id")
		case 1:
			c.Type, err = fr.shared("figures.components.type")
		case 2:
			c.Amount, err = fr.nullDec("figures.components.amount")
		case 3:
			c.Opening, err = fr.nullDec("figures.components.opening_balance")
		case 4:
			c.Closing, err = fr.nullDec("figures.components.closing_balance")
		}
		return err
	})
	return c, err
}

// checkFigures checks a format 2 snapshot's figures section against its
// result: the section derived from the result now must be the section
// read, row by row (by value: a section reindented reads the same). The
// error names the first employee whose row differs and its line in data.
func (s *Snapshot) checkFigures(data []byte, path string, p period.Period) error {
	if len(s.Figures) == 0 || bytes.Equal(s.Figures, []byte("null")) {
		return problem.Errorf("%s: the snapshot has no figures section (a snapshot of format %d has one): restore it from git", path, s.Format)
	}
	wantHead, wantRows, err := resultRows(s.Result)
	if err != nil {
		return problem.Errorf("%s: the snapshot's result cannot be read (%v): restore it from git", path, err)
	}
	sectionAt := int64(bytes.Index(data, s.Figures))
	gotHead, gotRows, err := sectionRows(s.Figures)
	if err != nil {
		// Read again where it stands in the file, for the line and column.
		_, ferr := ScanFigures(bytes.NewReader(data), path, p, func(*Figures) error { return nil })
		if ferr != nil {
			return ferr
		}
		return problem.Errorf("%s: the snapshot cannot be read (%v): restore it from git", path, err)
	}
	if gotHead != headOf(wantHead) {
		return problem.Errorf("%s: the figures section's heading (the scheme, period, currency, rounding and total) is not the result's: one of them was edited by hand; restore it from git", path)
	}
	for i := 0; i < max(len(gotRows), len(wantRows)); i++ {
		switch {
		case i >= len(gotRows) || i >= len(wantRows):
			return problem.Errorf("%s: the figures section has %d employees and the result %d: one of them was edited by hand; restore it from git", path, len(gotRows), len(wantRows))
		case !bytes.Equal(gotRows[i].text, wantRows[i].text):
			where := path
			if sectionAt >= 0 {
				line, _ := lineCol(data, sectionAt+gotRows[i].at+1)
				where += ":" + strconv.Itoa(line)
			}
			return problem.Errorf("%s: the figures section's row of %s is not the result's figures of %s: one of them was edited by hand; restore it from git", where, gotRows[i].id, wantRows[i].id)
		}
	}
	return nil
}

// sectionRow is a section's row as appendRow writes it, with the id and
// its offset in the section.
type sectionRow struct {
	id   string
	at   int64
	text []byte
}

// sectionHead is a section's heading, comparable.
type sectionHead struct {
	scheme, period, currency, rounding, total string
}

// sectionRows reads a section's heading and rows, each row written again
// as appendRow writes it.
func sectionRows(section []byte) (sectionHead, []sectionRow, error) {
	s := newJSONScan(bytes.NewReader(section))
	var rows []sectionRow
	var at int64
	fr := &figuresReader{s: s}
	fr.each = func(f *Figures) error {
		rows = append(rows, sectionRow{id: f.ID, at: at, text: appendRow(nil, f)})
		return nil
	}
	// The offset of each row: where the scanner is when the row starts.
	fr.rowStart = func(off int64) { at = off }
	err := fr.section()
	if err == nil {
		err = s.end()
	}
	if err != nil {
		return sectionHead{}, nil, err
	}
	return headOf(fr.head), rows, nil
}

// headOf is a heading as compared.
func headOf(h Head) sectionHead {
	return sectionHead{h.Scheme, h.Period, h.Currency, h.Rounding, string(NumOf(h.Total).appendJSON(nil))}
}

// fastRow reads the row at the scanner into f when it is written as
// appendRow writes it (on one line, no whitespace, no escapes in its
// strings, each decimal plain), the common case, without the generic
// scanner's calls a value; it reports false, the scanner not moved, for
// anything else, which row then reads (and refuses where it must).
func (fr *figuresReader) fastRow(f *Figures) bool {
	s := fr.s
	s.peek()
	end := bytes.IndexByte(s.buf[s.pos:], '\n')
	for end < 0 {
		if _, ok := s.more(s.pos); !ok {
			return false
		}
		end = bytes.IndexByte(s.buf[s.pos:], '\n')
	}
	line := s.buf[s.pos : s.pos+end]
	line = bytes.TrimSuffix(line, []byte(","))
	p := rowParser{b: line, fr: fr}
	if !p.row(f) || p.i != len(p.b) {
		return false
	}
	s.pos += len(line)
	return true
}

// rowParser reads a row of the section from its bytes.
type rowParser struct {
	b  []byte
	i  int
	fr *figuresReader
}

func (p *rowParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// raw is a string's bytes without its quotes, when it has no escape, no
// control character and is valid UTF-8 (as the scanner would take it).
func (p *rowParser) raw() ([]byte, bool) {
	if !p.byte('"') {
		return nil, false
	}
	start, ascii := p.i, true
	for ; p.i < len(p.b); p.i++ {
		c := p.b[p.i]
		switch {
		case c == '"':
			t := p.b[start:p.i]
			p.i++
			if !ascii && !utf8.Valid(t) {
				return nil, false
			}
			return t, true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, false
}

func (p *rowParser) text(v *string) bool {
	t, ok := p.raw()
	if ok {
		*v = string(t)
	}
	return ok
}

// shared reads a string whose values repeat, by its place in the row
// (slot): the same text as the row before at that place is that row's
// string, found without a map.
func (p *rowParser) shared(v *string, slot int) bool {
	t, ok := p.raw()
	if !ok {
		return false
	}
	if slot >= 0 && slot < len(p.fr.slots) {
		if last := p.fr.slots[slot]; last == string(t) {
			*v = last
			return true
		}
		*v = p.fr.intern(t)
		p.fr.slots[slot] = *v
		return true
	}
	*v = p.fr.intern(t)
	return true
}

// num reads a decimal in quotes, or null.
func (p *rowParser) num(v *Num) bool {
	if p.i+4 <= len(p.b) && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		*v = Num{}
		return true
	}
	t, ok := p.raw()
	if !ok {
		return false
	}
	*v, ok = parseDecimal(t)
	return ok
}

func (p *rowParser) row(f *Figures) bool {
	if p.fr.factsOnly {
		return p.factsRow(f)
	}
	return p.byte('[') && p.text(&f.ID) && p.byte(',') && p.text(&f.Name) && p.byte(',') &&
		p.shared(&f.Role, 0) && p.byte(',') && p.shared(&f.Department, 1) && p.byte(',') &&
		p.num(&f.Fixed) && p.byte(',') && p.num(&f.Variable) && p.byte(',') && p.num(&f.Bonus) && p.byte(',') &&
		p.num(&f.Total) && p.byte(',') && p.num(&f.K) && p.byte(',') &&
		p.list(func(n int) bool {
			var k KPIFigures
			at := 2 + 5*n
			ok := p.byte('[') && p.shared(&k.ID, at) && p.byte(',') && p.shared(&k.Title, at+1) && p.byte(',') && p.shared(&k.Unit, at+2) && p.byte(',') &&
				p.shared(&k.Direction, at+3) && p.byte(',') && p.shared(&k.Band, at+4) && p.byte(',') && p.num(&k.Base) && p.byte(',') &&
				p.num(&k.Norm) && p.byte(',') && p.num(&k.Target) && p.byte(',') && p.num(&k.Fact) && p.byte(',') &&
				p.num(&k.Fulfilment) && p.byte(']')
			f.KPIs = append(f.KPIs, k)
			return ok
		}) && p.byte(',') &&
		p.list(func(n int) bool {
			var c ComponentFigures
			at := len(p.fr.slots) - 2*(n+1)
			ok := p.byte('[') && p.shared(&c.ID, at) && p.byte(',') && p.shared(&c.Type, at+1) && p.byte(',') && p.num(&c.Amount) &&
				(!p.byte(',') || p.num(&c.Opening) && p.byte(',') && p.num(&c.Closing)) && p.byte(']')
			f.Components = append(f.Components, c)
			return ok
		}) && p.byte(']')
}

// list reads a list: its brackets, and each element by elem (n from 0),
// the commas between them.
func (p *rowParser) list(elem func(n int) bool) bool {
	if !p.byte('[') {
		return false
	}
	for n := 0; !p.byte(']'); n++ {
		if n > 0 && !p.byte(',') || !elem(n) {
			return false
		}
	}
	return true
}

// skip passes over a string, or a decimal in quotes or null, checking
// only that it is one the scanner would read.
func (p *rowParser) skip() bool {
	if p.i+4 <= len(p.b) && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		return true
	}
	_, ok := p.raw()
	return ok
}

// skipN passes over n values, each followed by a comma.
func (p *rowParser) skipN(n int) bool {
	for ; n > 0; n-- {
		if !p.skip() || !p.byte(',') {
			return false
		}
	}
	return true
}

// factsRow is row for ReadFacts: the id, the total (for the section's
// check of its total) and each KPI's id and fact; the rest is passed
// over, its strings checked as strings but its decimals not parsed.
func (p *rowParser) factsRow(f *Figures) bool {
	return p.byte('[') && p.text(&f.ID) && p.byte(',') && p.skipN(6) && p.num(&f.Total) && p.byte(',') && p.skip() && p.byte(',') &&
		p.list(func(n int) bool {
			var k KPIFigures
			ok := p.byte('[') && p.shared(&k.ID, 2+n) && p.byte(',') && p.skipN(7) && p.num(&k.Fact) && p.byte(',') && p.skip() && p.byte(']')
			f.KPIs = append(f.KPIs, k)
			return ok
		}) && p.byte(',') &&
		p.list(func(int) bool {
			return p.byte('[') && p.skip() && p.byte(',') && p.skip() && p.byte(',') && p.skip() &&
				(!p.byte(',') || p.skip() && p.byte(',') && p.skip()) && p.byte(']')
		}) && p.byte(']')
}
