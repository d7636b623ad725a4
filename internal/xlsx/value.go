package xlsx

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx/formula"
)

// Value is what a cell holds once its formula, if any, has been judged.
type Value struct {
	Kind   Kind
	Text   string // a number as stored ("1234.5", "1.5E-3"), a string, 1/0, an error code, an ISO date
	Format Format
	// Formula is the cell's formula ("" for none).
	Formula string
	// Computed: premia computed the formula itself, because the workbook
	// asks to be recalculated on open or saved no result. A formula whose
	// saved result premia checked and found right is computed too.
	Computed bool
}

// Untrusted is a formula cell whose value premia cannot use: its saved
// result is missing, stale or not to be trusted, and premia cannot compute
// the formula exactly, or computes something else.
type Untrusted struct {
	Formula string
	Reason  problem.Text
}

func (e *Untrusted) Error() string { return e.Reason.String() }

// Unreadable is a cell whose stored value cannot be read.
type Unreadable struct{ Reason problem.Text }

func (e *Unreadable) Error() string { return e.Reason.String() }

// Value returns what the cell c at row of sheet s holds, for a reader that
// must not take a wrong number:
//
//   - a cell without a formula: its stored value;
//   - a formula premia can compute exactly (arithmetic, SUM, ROUND, IF and
//     the like over the workbook's cells: package formula) is computed, and
//     where a saved result is there and the workbook does not ask to be
//     recalculated, the saved result must agree with it (to 10 significant
//     digits' worth of binary noise), or the cell is Untrusted (stale);
//   - a formula premia cannot compute: its saved result is used as it was
//     saved, unless there is none or the workbook asks to be recalculated
//     on open (then nobody knows the value: Untrusted).
func (b *Book) Value(s *Sheet, row int, c *Cell) (Value, error) {
	if c.Broken() {
		return Value{}, &Unreadable{problem.New("the cell cannot be read: it points to a shared string that is not in the file (the file is damaged)")}
	}
	saved := Value{Kind: c.Kind, Format: c.Format}
	if c.Kind != Blank {
		saved.Text = s.Text(c)
	}
	if !c.HasFormula() {
		return saved, nil
	}
	saved.Formula = Printable(s.Formula(row, c))
	got, err := b.evaluate(s, row, int(c.Col))
	recalc := b.FullCalcOnLoad || c.Kind == Blank
	if err != nil {
		var un *formula.Unsupported
		why := err.Error()
		if errors.As(err, &un) {
			why = un.What
		}
		switch {
		case c.Kind == Blank:
			return Value{}, &Untrusted{saved.Formula, problem.New("the formula =%s has no saved result (the file was written by a program, or calculation is off), and premia cannot compute it (%s): open the file in Excel or LibreOffice, recalculate, save, and run again", saved.Formula, why)}
		case recalc:
			return Value{}, &Untrusted{saved.Formula, problem.New("the workbook asks to be recalculated when opened, so the saved result %s of =%s need not be real, and premia cannot compute the formula (%s): open the file in Excel or LibreOffice, save it, and run again", saved.Text, saved.Formula, why)}
		}
		return saved, nil
	}
	v := fromFormula(got)
	v.Format, v.Formula, v.Computed = c.Format, saved.Formula, true
	if !recalc && !agree(saved, v) {
		return Value{}, &Untrusted{saved.Formula, problem.New("the saved result %s of =%s is not what the formula gives (%s): the file was saved without recalculating; open it in Excel or LibreOffice, recalculate (F9), save, and run again", show(saved), saved.Formula, show(v))}
	}
	return v, nil
}

// Printable is text from a file as a message may show it: itself, or
// quoted when it holds a line break or another control character, so that
// every message stays one line.
func Printable(s string) string {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return strconv.Quote(s)
		}
	}
	return s
}

func show(v Value) string {
	switch v.Kind {
	case Text:
		return fmt.Sprintf("%q", v.Text)
	case Bool:
		if v.Text == "1" {
			return "TRUE"
		}
		return "FALSE"
	case Blank:
		return "blank"
	}
	return Printable(v.Text)
}

// agree reports whether a saved result and the computed one are the same
// value: numbers within the noise of binary floating point (a relative
// 1e-10), text and the rest exactly.
func agree(saved, computed Value) bool {
	if saved.Kind != computed.Kind {
		// A formula giving a number may be saved as text by some writers.
		return false
	}
	if saved.Kind != Number {
		return saved.Text == computed.Text
	}
	a, ok1 := new(big.Rat).SetString(saved.Text)
	c, ok2 := new(big.Rat).SetString(computed.Text)
	if !ok1 || !ok2 {
		return false
	}
	diff := new(big.Rat).Sub(a, c)
	diff.Abs(diff)
	scale := new(big.Rat).Abs(c)
	if sa := new(big.Rat).Abs(a); sa.Cmp(scale) > 0 {
		scale = sa
	}
	if scale.Sign() == 0 {
		return diff.Sign() == 0
	}
	return diff.Cmp(new(big.Rat).Mul(scale, big.NewRat(1, 1e10))) <= 0
}

// fromFormula turns an evaluated value into a cell value; a number becomes
// its decimal text with at most 15 significant digits, as Excel keeps it.
func fromFormula(v formula.Value) Value {
	switch v.Kind {
	case formula.Number:
		return Value{Kind: Number, Text: RatText(v.Num, 15)}
	case formula.Text:
		return Value{Kind: Text, Text: v.Text}
	case formula.Bool:
		if v.Bool {
			return Value{Kind: Bool, Text: "1"}
		}
		return Value{Kind: Bool, Text: "0"}
	case formula.Error:
		return Value{Kind: Error, Text: v.Text}
	}
	// A formula that refers to an empty cell shows 0.
	return Value{Kind: Number, Text: "0"}
}

var ten = big.NewInt(10)

// RatText renders x as decimal text rounded to digits significant digits
// (half away from zero), without an exponent and without trailing zeros.
func RatText(x *big.Rat, digits int) string {
	if x.Sign() == 0 {
		return "0"
	}
	num := new(big.Int).Abs(x.Num())
	den := x.Denom()
	// x = num/den has e or e+1 digits before the point; q = round(x × 10^shift)
	// is to have exactly `digits` digits.
	shift := digits - (len(num.String()) - len(den.String()))
	q, r := new(big.Int), new(big.Int)
	var d *big.Int
	for {
		n := new(big.Int).Set(num)
		d = new(big.Int).Set(den)
		if shift >= 0 {
			n.Mul(n, new(big.Int).Exp(ten, big.NewInt(int64(shift)), nil))
		} else {
			d.Mul(d, new(big.Int).Exp(ten, big.NewInt(int64(-shift)), nil))
		}
		q.QuoRem(n, d, r)
		if len(q.String()) <= digits {
			break
		}
		shift--
	}
	if r.Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	s := q.String()
	switch {
	case shift <= 0:
		s += strings.Repeat("0", -shift)
	default:
		if len(s) <= shift {
			s = strings.Repeat("0", shift-len(s)+1) + s
		}
		s = strings.TrimRight(strings.TrimRight(s[:len(s)-shift]+"."+s[len(s)-shift:], "0"), ".")
	}
	if x.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// evaluator computes formulas over the workbook, each cell once, with
// circular references found.
type evaluator struct {
	b        *Book
	memo     map[evalKey]evalResult
	byText   map[evalText]evalResult // formulas with absolute references only
	visiting map[evalKey]bool
	depth    int
}

type evalKey struct {
	sheet string
	cell  uint64
}

type evalText struct{ sheet, formula string }

type evalResult struct {
	v   formula.Value
	err error
}

// maxDepth bounds chains of formulas referring to formulas.
const maxDepth = 10000

// evaluate computes the formula of the cell at (row, col) of s.
func (b *Book) evaluate(s *Sheet, row, col int) (formula.Value, error) {
	b.mu.Lock()
	if b.eval == nil {
		b.eval = &evaluator{b: b, memo: map[evalKey]evalResult{}, byText: map[evalText]evalResult{}, visiting: map[evalKey]bool{}}
	}
	ev := b.eval
	b.mu.Unlock()
	ev.b.evalMu.Lock()
	defer ev.b.evalMu.Unlock()
	return ev.formulaCell(s, row, col)
}

func (ev *evaluator) formulaCell(s *Sheet, row, col int) (formula.Value, error) {
	key := evalKey{s.Name, cellKey(row, col)}
	if r, ok := ev.memo[key]; ok {
		return r.v, r.err
	}
	if ev.visiting[key] {
		return formula.Value{}, &formula.Unsupported{What: fmt.Sprintf("a circular reference through %s!%s", s.Name, CellName(col, row))}
	}
	if ev.depth >= maxDepth {
		return formula.Value{}, &formula.Unsupported{What: "a chain of more than 10,000 formulas"}
	}
	c := s.Find(row, col)
	f := s.formulaOf(row, c)
	var v formula.Value
	var err error
	switch {
	case f == nil:
		return formula.Value{}, fmt.Errorf("no formula")
	case f.unshared:
		err = &formula.Unsupported{What: "a shared formula whose first cell is missing"}
	case f.kind == "dataTable":
		err = &formula.Unsupported{What: "a data table (What-If Analysis)"}
	case f.kind == "array" && f.ref != "" && f.ref != CellName(col, row):
		err = &formula.Unsupported{What: "an array formula over several cells"}
	default:
		var e *formula.Expr
		e, err = formula.Parse(f.text)
		if err == nil {
			if f.dRow != 0 || f.dCol != 0 {
				e = e.Shift(f.dRow, f.dCol)
			}
			// A formula whose references are all absolute means the same in
			// every cell ("=SUM($B$2:$B$9001)" in each row, the company
			// total): it is computed once per sheet, not once per row.
			text := e.String()
			same := evalText{s.Name, text}
			if r, ok := ev.byText[same]; ok {
				v, err = r.v, r.err
				break
			}
			ev.visiting[key] = true
			ev.depth++
			v, err = e.Eval(s.Name, cellsOf{ev})
			ev.depth--
			delete(ev.visiting, key)
			if e.Shift(1, 1).String() == text {
				ev.byText[same] = evalResult{v, err}
			}
		}
	}
	ev.memo[key] = evalResult{v, err}
	return v, err
}

// cellsOf gives package formula the workbook's cells.
type cellsOf struct{ ev *evaluator }

func (c cellsOf) sheet(name string) (*Sheet, error) {
	s, err := c.ev.b.Sheet(name)
	if err != nil {
		return nil, &formula.Unsupported{What: fmt.Sprintf("a reference to sheet %q, which cannot be read (%v)", name, err)}
	}
	return s, nil
}

func (c cellsOf) Cell(ref formula.Ref) (formula.Value, error) {
	s, err := c.sheet(ref.Sheet)
	if err != nil {
		return formula.Value{}, err
	}
	cell := s.Find(ref.Row, ref.Col)
	if cell == nil {
		return formula.Value{}, nil
	}
	return c.value(s, ref.Row, cell)
}

func (c cellsOf) Range(sheet string, r1, c1, r2, c2 int, each func(formula.Ref, formula.Value) error) error {
	s, err := c.sheet(sheet)
	if err != nil {
		return err
	}
	for i := range s.rows {
		num, _, cells := s.Row(i)
		if num < r1 || num > r2 {
			continue
		}
		for j := range cells {
			col := int(cells[j].Col)
			if col < c1 || col > c2 {
				continue
			}
			v, err := c.value(s, num, &cells[j])
			if err != nil {
				return err
			}
			if v.Kind == formula.Blank {
				continue
			}
			if err := each(formula.Ref{Sheet: sheet, Row: num, Col: col}, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// value is a referenced cell's value: a stored value as it is, a formula
// as computed; a formula premia cannot compute gives its saved result
// where that may be trusted.
func (c cellsOf) value(s *Sheet, row int, cell *Cell) (formula.Value, error) {
	name := s.Name + "!" + CellName(int(cell.Col), row)
	if cell.Broken() {
		return formula.Value{}, &formula.Unsupported{What: name + ", a cell that cannot be read"}
	}
	if cell.HasFormula() {
		v, err := c.ev.formulaCell(s, row, int(cell.Col))
		if err == nil {
			return asKept(v), nil
		}
		// A circular reference is not computed through a saved result: the
		// cycle would be computed from itself.
		var un *formula.Unsupported
		if errors.As(err, &un) && strings.HasPrefix(un.What, "a circular") {
			return formula.Value{}, err
		}
		if cell.Kind == Blank || c.ev.b.FullCalcOnLoad {
			return formula.Value{}, &formula.Unsupported{What: fmt.Sprintf("it depends on %s, whose formula premia cannot compute either", name)}
		}
	}
	return stored(s, cell, name)
}

// maxKept is 10^15: an integer under it is kept as it is.
var maxKept = new(big.Int).Exp(ten, big.NewInt(15), nil)

// asKept is a formula cell's number as the cell keeps it for the formulas
// that refer to it: to 15 significant digits, as Excel keeps and shows it.
// Without this, a column of =A2/B2 averaged elsewhere would be summed as
// fractions whose denominators grow with every row.
func asKept(v formula.Value) formula.Value {
	if v.Kind != formula.Number || v.Num.IsInt() && new(big.Int).Abs(v.Num.Num()).Cmp(maxKept) < 0 {
		return v
	}
	r, _ := new(big.Rat).SetString(RatText(v.Num, 15))
	return formula.Value{Kind: formula.Number, Num: r}
}

// stored turns a stored cell into a formula value.
func stored(s *Sheet, cell *Cell, name string) (formula.Value, error) {
	switch cell.Kind {
	case Blank:
		return formula.Value{}, nil
	case Number:
		text := s.Bytes(cell)
		r, ok := new(big.Rat).SetString(string(text))
		if !ok || !finite(r) {
			return formula.Value{}, &formula.Unsupported{What: fmt.Sprintf("%s, whose number %q cannot be read", name, s.Text(cell))}
		}
		if _, short := parseShort(text); !short {
			// Binary noise past 15 significant digits is what Excel drops too.
			r.SetString(RatText(r, 15))
		}
		return formula.Value{Kind: formula.Number, Num: r}, nil
	case Text:
		return formula.Value{Kind: formula.Text, Text: s.Text(cell)}, nil
	case Bool:
		return formula.Value{Kind: formula.Bool, Bool: s.Text(cell) == "1" || strings.EqualFold(s.Text(cell), "true")}, nil
	case Error:
		return formula.Value{Kind: formula.Error, Text: s.Text(cell)}, nil
	}
	return formula.Value{}, &formula.Unsupported{What: name + ", a date stored as text (t=\"d\")"}
}

// finite guards against exponents no spreadsheet writes (1E+10000).
func finite(r *big.Rat) bool {
	return r.Num().BitLen() < 4096 && r.Denom().BitLen() < 4096
}
