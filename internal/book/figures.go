package book

import (
	"errors"
	"io"
	"os"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// Figures are one employee's figures of a period, lean: what the commands
// that look back at an earlier period read of it (trend, a growth KPI's
// earlier fact, the carry-overs), and nothing of the explanation. Read
// from a snapshot (ReadFiguresEach) they are the JSON output's values,
// exactly: each decimal text as a Num (a ratio as calc shows it, to
// calc.RatioPlaces); Num.Decimal gives the decimal.Decimal.
type Figures struct {
	ID, Name, Role, Department    string
	Fixed, Variable, Bonus, Total Num
	K                             Num // not Valid when the role has no weighted KPIs
	KPIs                          []KPIFigures
	Components                    []ComponentFigures
}

// KPIFigures are one KPI's figures of an employee; a level or the
// fulfilment is not Valid where the JSON has null.
type KPIFigures struct {
	ID, Title, Unit, Direction, Band string
	Base, Norm, Target, Fulfilment   Num
	Fact                             Num
}

// ComponentFigures are one pay component's line of an employee; the
// balances are a draw's (not Valid for any other component).
type ComponentFigures struct {
	ID, Type         string
	Amount           Num
	Opening, Closing Num
}

// Num is an exact decimal of a snapshot, held as c × 10^e while its
// digits fit an int64 (no allocation: a year of snapshots at 20,000
// people is 10 million figures), else as a decimal.Decimal. The zero Num
// is not Valid: a null.
type Num struct {
	c     int64
	e     int32
	valid bool
	big   *decimal.Decimal
}

// NumOf is d as a Num.
func NumOf(d decimal.Decimal) Num {
	if d.NumDigits() <= 18 {
		return Num{c: d.CoefficientInt64(), e: d.Exponent(), valid: true}
	}
	return Num{valid: true, big: &d}
}

// Valid reports whether the figure is there (not null).
func (n Num) Valid() bool { return n.valid }

// Decimal is the figure as a decimal.Decimal (0 when not Valid), with the
// exponent of its text (30000.00 has two places).
func (n Num) Decimal() decimal.Decimal {
	if n.big != nil {
		return *n.big
	}
	return decimal.New(n.c, n.e)
}

// Parts is the figure as c × 10^e, when its digits fit an int64.
func (n Num) Parts() (c int64, e int32, ok bool) { return n.c, n.e, n.big == nil }

func (n Num) String() string {
	if !n.valid {
		return "null"
	}
	return n.Decimal().String()
}

// Head is the heading of a snapshot's result.
type Head struct {
	Scheme, Period, Currency, Rounding string
	Total                              decimal.Decimal // the result's total: the sum of the employees' totals (checked)
	Employees                          int             // how many employees were read
}

// ReadFiguresEach reads the snapshot at path, the snapshot of period p
// (its name in the book), streaming: each employee is handed to each as
// it is read (in the file's order, calc's: by id), and only a window of
// the file is held. each is handed the same Figures each time, read
// again: it must keep nothing of it but its strings (and copies of its
// figures); the readers keep a few figures of many people (trend, the
// year to date, the draws). The snapshot's checks are ParseSnapshot's
// (its format, its period, a result); they are made when the file has
// been read, so each may have been called before a refusal: a caller
// drops what it took in when the read fails. Invalid JSON is refused
// with the file's name, line and column.
func ReadFiguresEach(path string, p period.Period, each func(*Figures) error) (*Head, error) {
	return readFile(path, p, &figuresReader{each: each, reuse: true})
}

// ReadFiguresHeaded is ReadFiguresEach handing head, before the first
// employee, the heading read before the employees: as close writes a
// snapshot, all of it (scheme, period, currency, rounding, total). For a
// reader that writes as it reads (trend to CSV shows each period's money
// at its places). The heading's check against the rows is made at the
// end, as ReadFiguresEach makes it.
func ReadFiguresHeaded(path string, p period.Period, head func(*Head), each func(*Figures) error) (*Head, error) {
	return readFile(path, p, &figuresReader{each: each, reuse: true, onHead: head})
}

// readFile reads the snapshot at path with fr.
func readFile(path string, p period.Period, fr *figuresReader) (*Head, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the snapshot: %v", path, unwrap(err))
	}
	defer f.Close()
	fr.s = newJSONScan(f)
	return fr.scan(path, p)
}

// headed hands the heading read so far to onHead, once.
func (fr *figuresReader) headed() {
	if fr.onHead != nil {
		h := fr.head
		fr.onHead(&h)
		fr.onHead = nil
	}
}

// ReadFacts is ReadFiguresEach for a reader of facts (the year to date, a
// growth KPI's earlier fact): of a format 2 snapshot's section it reads
// each employee's id, total and KPIs' ids and facts, and passes over the
// rest without parsing its decimals (a snapshot edited by hand there is
// refused where it is read whole: calc --book of its period, close).
// Other figures may be there too (a format 1 snapshot, or a row read by
// the scanner's path); each must use only those.
func ReadFacts(path string, p period.Period, each func(*Figures) error) (*Head, error) {
	return readFile(path, p, &figuresReader{each: each, reuse: true, factsOnly: true})
}

// ScanFigures reads a snapshot from the bytes r gives, read from path,
// as ReadFiguresEach does, each handed a Figures of its own.
func ScanFigures(r io.Reader, path string, p period.Period, each func(*Figures) error) (*Head, error) {
	return scanFigures(r, path, p, each, false)
}

func scanFigures(r io.Reader, path string, p period.Period, each func(*Figures) error, reuse bool) (*Head, error) {
	return (&figuresReader{s: newJSONScan(r), each: each, reuse: reuse}).scan(path, p)
}

// scan reads the snapshot of period p, read from path.
func (fr *figuresReader) scan(path string, p period.Period) (*Head, error) {
	s := fr.s
	var format jsonNumber
	var per, premia string
	var hasFormat, hasResult, hasFigures bool
	err := s.object(func(kb []byte) error {
		var err error
		switch key := string(kb); key {
		case "premia_snapshot":
			hasFormat = true
			var v any
			v, err = s.value(true)
			if n, ok := v.(jsonNumber); ok {
				format = n
			} else if err == nil {
				return &typeError{at: s.base + int64(s.pos), field: key}
			}
		case "period":
			per, err = fr.text("period")
		case "premia":
			premia, err = fr.text("premia")
		case "figures":
			// Format 2: the figures section, before the result, is what
			// is read; the result is not (section.go).
			if err = fr.section(); err == nil {
				hasFigures = true
				err = errSectionRead
			}
		case "result":
			var null bool
			if null, err = s.isNull(); err == nil && !null {
				hasResult = true
				err = fr.result()
			}
		case "closed", "scheme", "facts":
			_, err = s.value(false)
		default:
			return &typeError{at: s.keyAt, field: key, unknown: true}
		}
		return err
	})
	switch {
	case errors.Is(err, errSectionRead):
		err = nil
	case err == nil:
		err = s.end()
	}
	if err != nil {
		return nil, fr.located(path, err)
	}
	n, nerr := strconv.Atoi(string(format))
	switch {
	case !hasFormat || nerr != nil || n < oldestSnapshotFormat || n > SnapshotFormat:
		return nil, formatError(path, n, premia)
	case per != p.String():
		return nil, problem.Errorf("%s: the snapshot is of %s, but its name in the book says %s: it was moved or edited; restore it from git", path, per, p)
	case hasFigures && n < 2:
		return nil, problem.Errorf("%s: a snapshot of format %d has no figures section, and this one has: it was edited by hand; restore it from git", path, n)
	case !hasFigures && n >= 2:
		return nil, problem.Errorf("%s: the snapshot has no figures section (a snapshot of format %d has one): restore it from git", path, n)
	case !hasResult && !hasFigures:
		return nil, problem.Errorf("%s: the snapshot has no result: restore it from git", path)
	case !fr.hasTotal || !fr.head.Total.Equal(fr.total()):
		// As report.ReadJSON checks a result: the total is the sum of the lines.
		return nil, problem.Errorf("%s: the snapshot's total %s is not the sum of its employees' totals, %s: it was edited by hand; restore it from git", path, fr.head.Total, fr.total())
	}
	return &fr.head, nil
}

// typeError is a key the snapshot does not have, or a value of the wrong
// kind, at an offset.
type typeError struct {
	at      int64
	field   string
	unknown bool   // a key a snapshot does not have
	text    bool   // not a string
	notDec  string // a string that is no decimal, quoted
	// a row of the figures section of values values, where it holds
	// holds ("11", "3 or 5")
	values int
	holds  string
	lacks  bool // the figures section lacks a key of its heading
}

func (e *typeError) Error() string { return e.field }

// figuresReader reads a snapshot's result.
type figuresReader struct {
	s    *jsonScan
	each func(*Figures) error
	head Head
	// the callback's error, returned as it is
	cbErr error
	seen  map[string]string // shared's values
	// the employees' totals summed, and whether the result has its total
	sum      decimal.Decimal
	sumC     int64 // the totals' sum in cents (2 places) while it fits; sum takes the rest
	hasTotal bool
	// rowStart, when set, is told the offset of each row of the figures
	// section as its reading starts
	rowStart func(off int64)
	// reuse: each is handed the same Figures each time (ReadFiguresEach)
	reuse bool
	f     *Figures
	// factsOnly: a row of the section is read for ReadFacts
	factsOnly bool
	// onHead, when set, is handed the heading read before the employees
	// (ReadFiguresHeaded)
	onHead func(*Head)
	// the section's shared strings of the row before, by their place:
	// role, department, 5 a KPI from the start, 2 a component from the end
	slots [64]string
}

// fresh is the Figures to read the next employee into: a new one, or
// with reuse the one before, emptied.
func (fr *figuresReader) fresh() *Figures {
	if fr.reuse && fr.f != nil {
		// Room for the usual: 8 KPIs, a component or two, kept.
		*fr.f = Figures{KPIs: fr.f.KPIs[:0], Components: fr.f.Components[:0]}
		return fr.f
	}
	fr.f = &Figures{KPIs: make([]KPIFigures, 0, 8), Components: make([]ComponentFigures, 0, 2)}
	return fr.f
}

// intern is b as a string held once, whoever keeps it (a role, a
// department, a KPI's id).
func (fr *figuresReader) intern(b []byte) string {
	if v, ok := fr.seen[string(b)]; ok {
		return v
	}
	v := string(b)
	if fr.seen == nil {
		fr.seen = map[string]string{}
	}
	fr.seen[v] = v
	return v
}

func (fr *figuresReader) located(path string, err error) error {
	if fr.cbErr != nil && errors.Is(err, fr.cbErr) {
		return err
	}
	var syn *syntaxError
	var typ *typeError
	switch {
	case errors.As(err, &syn):
		line, col := fr.s.lineCol(syn.off)
		return problem.Errorf("%s:%d:%d: the snapshot is not valid JSON (%v): it was edited by hand or cut short; restore it from git", path, line, col, syn.msg)
	case errors.As(err, &typ) && typ.holds != "":
		line, col := fr.s.lineCol(typ.at)
		return problem.Errorf("%s:%d:%d: a row of %s has %d values, and the row holds %s: restore it from git", path, line, col, typ.field, typ.values, typ.holds)
	case errors.As(err, &typ) && typ.lacks:
		line, col := fr.s.lineCol(typ.at)
		return problem.Errorf("%s:%d:%d: the figures section lacks one of scheme, period, currency, rounding, total and employees: restore it from git", path, line, col)
	case errors.As(err, &typ) && typ.unknown:
		line, col := fr.s.lineCol(typ.at)
		return problem.Errorf("%s:%d:%d: the snapshot has a key %q a snapshot does not have: restore it from git", path, line, col, typ.field)
	case errors.As(err, &typ) && typ.notDec != "":
		line, col := fr.s.lineCol(typ.at)
		return problem.Errorf("%s:%d:%d: %s is not a decimal (%s): restore it from git", path, line, col, typ.field, typ.notDec)
	case errors.As(err, &typ) && typ.text:
		line, col := fr.s.lineCol(typ.at)
		return problem.Errorf("%s:%d:%d: %s is not a string in quotes, as a snapshot holds there: restore it from git", path, line, col, typ.field)
	case errors.As(err, &typ):
		line, col := fr.s.lineCol(typ.at)
		return problem.Errorf("%s:%d:%d: %s is not a number, as a snapshot holds there: restore it from git", path, line, col, typ.field)
	}
	return problem.Errorf("%s: the snapshot cannot be read (%v): restore it from git", path, unwrap(err))
}

func (fr *figuresReader) result() error {
	s := fr.s
	return s.object(func(key []byte) error {
		if ok, err := fr.headMember(string(key), ""); ok {
			return err
		}
		var err error
		switch string(key) {
		case "employees":
			fr.headed()
			err = s.array(func() error {
				f, err := fr.employee()
				if err != nil {
					return err
				}
				return fr.take(f)
			})
		default:
			_, err = s.value(false)
		}
		return err
	})
}

// headMember reads a member of a heading, the result's or the figures
// section's (prefix "figures."): its scheme, period (or null), currency,
// rounding and total; false for any other key, not read.
func (fr *figuresReader) headMember(key, prefix string) (bool, error) {
	var err error
	switch key {
	case "scheme":
		fr.head.Scheme, err = fr.text(prefix + "scheme")
	case "period":
		var null bool
		if null, err = fr.s.isNull(); err == nil && !null {
			fr.head.Period, err = fr.text(prefix + "period")
		}
	case "currency":
		fr.head.Currency, err = fr.text(prefix + "currency")
	case "rounding":
		fr.head.Rounding, err = fr.text(prefix + "rounding")
	case "total":
		fr.hasTotal = true
		var n Num
		n, err = fr.dec(prefix + "total")
		fr.head.Total = n.Decimal()
	default:
		return false, nil
	}
	return true, err
}

// take counts an employee read, adds their total to the sum and hands
// them to each; each's error is kept (cbErr) and returned as it is.
func (fr *figuresReader) take(f *Figures) error {
	fr.head.Employees++
	fr.addTotal(f.Total)
	if err := fr.each(f); err != nil {
		fr.cbErr = err
		return err
	}
	return nil
}

// addTotal adds an employee's total to the sum: in int64 cents while the
// total has at most two places and the sum fits, else as a decimal.
func (fr *figuresReader) addTotal(n Num) {
	if c, e, ok := n.Parts(); ok && e >= -2 && e <= 0 && c >= -1e13 && c <= 1e13 && fr.sumC >= -1e17 && fr.sumC <= 1e17 {
		for ; e > -2; e-- {
			c *= 10 // to cents: 12.5 (125, -1) is 1250
		}
		fr.sumC += c
		return
	}
	fr.sum = fr.sum.Add(n.Decimal())
}

func (fr *figuresReader) total() decimal.Decimal { return fr.sum.Add(decimal.New(fr.sumC, -2)) }

// text reads a string field.
func (fr *figuresReader) text(field string) (string, error) {
	if fr.s.peek() != '"' {
		return "", &typeError{at: fr.s.base + int64(fr.s.pos), field: field, text: true}
	}
	return fr.s.stringValue()
}

// shared reads a string field whose values repeat (a role, a department,
// a KPI's id): each distinct value is held once, whoever keeps it.
func (fr *figuresReader) shared(field string) (string, error) {
	if fr.s.peek() != '"' {
		return "", &typeError{at: fr.s.base + int64(fr.s.pos), field: field, text: true}
	}
	b, err := fr.s.stringBytes()
	if err != nil {
		return "", err
	}
	return fr.intern(b), nil
}

// dec reads a decimal held as a string.
func (fr *figuresReader) dec(field string) (Num, error) {
	fr.s.peek()
	at := fr.s.base + int64(fr.s.pos)
	if fr.s.peek() != '"' {
		return Num{}, &typeError{at: at, field: field, text: true}
	}
	t, err := fr.s.stringBytes()
	if err != nil {
		return Num{}, err
	}
	d, ok := parseDecimal(t)
	if !ok {
		return Num{}, &typeError{at: at, field: field, notDec: quoteShort(string(t))}
	}
	return d, nil
}

// nullDec reads a decimal held as a string, or null.
func (fr *figuresReader) nullDec(field string) (Num, error) {
	null, err := fr.s.isNull()
	if err != nil || null {
		return Num{}, err
	}
	return fr.dec(field)
}

func quoteShort(t string) string {
	if len(t) > 40 {
		t = t[:40] + "…"
	}
	return `"` + t + `"`
}

// parseDecimal parses a decimal's text: the plain [-]digits[.digits] of
// calc's output without going through big.Int's parser, anything else as
// decimal.NewFromString does.
func parseDecimal(t []byte) (Num, bool) {
	i, neg := 0, false
	if i < len(t) && t[i] == '-' {
		neg, i = true, 1
	}
	var c int64
	digits, frac, point := 0, 0, false
	for ; i < len(t); i++ {
		ch := t[i]
		switch {
		case ch >= '0' && ch <= '9':
			c = c*10 + int64(ch-'0')
			digits++
			if point {
				frac++
			}
		case ch == '.' && !point:
			point = true
		default:
			digits = 99 // not plain: the slow path
		}
		if digits > 18 {
			break
		}
	}
	if digits > 0 && digits <= 18 && !(point && frac == 0) {
		if neg {
			c = -c
		}
		return Num{c: c, e: int32(-frac), valid: true}, true
	}
	d, err := decimal.NewFromString(string(t))
	if err != nil {
		return Num{}, false
	}
	return NumOf(d), true
}

func (fr *figuresReader) employee() (*Figures, error) {
	s := fr.s
	f := fr.fresh()
	err := s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			f.ID, err = fr.text("id")
		case "name":
			f.Name, err = fr.text("name")
		case "role":
			f.Role, err = fr.shared("role")
		case "department":
			f.Department, err = fr.shared("department")
		case "fixed":
			f.Fixed, err = fr.dec("fixed")
		case "variable":
			f.Variable, err = fr.dec("variable")
		case "bonus":
			f.Bonus, err = fr.dec("bonus")
		case "total":
			f.Total, err = fr.dec("total")
		case "k":
			f.K, err = fr.nullDec("k")
		case "kpis":
			err = s.array(func() error {
				k, err := fr.kpi()
				f.KPIs = append(f.KPIs, k)
				return err
			})
		case "components":
			err = s.array(func() error {
				c, err := fr.component()
				f.Components = append(f.Components, c)
				return err
			})
		default:
			_, err = s.value(false)
		}
		return err
	})
	return f, err
}

func (fr *figuresReader) kpi() (KPIFigures, error) {
	var k KPIFigures
	err := fr.s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			k.ID, err = fr.shared("kpis.id")
		case "title":
			k.Title, err = fr.shared("kpis.title")
		case "unit":
			k.Unit, err = fr.shared("kpis.unit")
		case "direction":
			k.Direction, err = fr.shared("kpis.direction")
		case "band":
			k.Band, err = fr.shared("kpis.band")
		case "base":
			k.Base, err = fr.nullDec("kpis.base")
		case "norm":
			k.Norm, err = fr.nullDec("kpis.norm")
		case "target":
			k.Target, err = fr.nullDec("kpis.target")
		case "fulfilment":
			k.Fulfilment, err = fr.nullDec("kpis.fulfilment")
		case "fact":
			k.Fact, err = fr.dec("kpis.fact")
		default:
			_, err = fr.s.value(false)
		}
		return err
	})
	return k, err
}

func (fr *figuresReader) component() (ComponentFigures, error) {
	var c ComponentFigures
	err := fr.s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			c.ID, err = fr.shared("components.id")
		case "type":
			c.Type, err = fr.shared("components.type")
		case "amount":
			c.Amount, err = fr.dec("components.amount")
		case "opening_balance":
			c.Opening, err = fr.nullDec("components.opening_balance")
		case "closing_balance":
			c.Closing, err = fr.nullDec("components.closing_balance")
		default:
			_, err = fr.s.value(false)
		}
		return err
	})
	return c, err
}
