package formula

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// book is an in-memory workbook for tests. Its keys are "A1" (on Sheet1) or
// "Sheet name!A1"; sheet names match without regard to case, as in Excel.
type book map[string]Value

const testSheet = "Sheet1"

// cells turns a book into Cells, recording the ranges asked for.
func (b book) cells() *bookCells {
	c := &bookCells{values: map[Ref]Value{}}
	for addr, v := range b {
		c.values[mustRef(addr)] = v
	}
	return c
}

type bookCells struct {
	values map[Ref]Value
	asked  []string // "Cell Sheet!A1", "Range Sheet 1 3 1048576 3"
}

func (c *bookCells) Cell(r Ref) (Value, error) {
	c.asked = append(c.asked, "Cell "+r.String())
	r.Sheet = strings.ToLower(r.Sheet)
	return c.values[r], nil
}

func (c *bookCells) Range(sheet string, r1, c1, r2, c2 int, each func(Ref, Value) error) error {
	c.asked = append(c.asked, fmt.Sprintf("Range %s %d %d %d %d", sheet, r1, c1, r2, c2))
	var refs []Ref
	for r, v := range c.values {
		if r.Sheet == strings.ToLower(sheet) && r.Row >= r1 && r.Row <= r2 && r.Col >= c1 && r.Col <= c2 && v.Kind != Blank {
			refs = append(refs, r)
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].Row != refs[j].Row {
			return refs[i].Row < refs[j].Row
		}
		return refs[i].Col < refs[j].Col
	})
	for _, r := range refs {
		if err := each(Ref{Sheet: sheet, Row: r.Row, Col: r.Col}, c.values[r]); err != nil {
			return err
		}
	}
	return nil
}

// mustRef reads "B2" or "Sheet name!B2"; the sheet is kept in lower case.
func mustRef(addr string) Ref {
	r := Ref{Sheet: strings.ToLower(testSheet)}
	if i := strings.LastIndexByte(addr, '!'); i >= 0 {
		r.Sheet, addr = strings.ToLower(addr[:i]), addr[i+1:]
	}
	i := 0
	for i < len(addr) && isASCIILetter(addr[i]) {
		r.Col = r.Col*26 + int(addr[i]-'A'+1)
		i++
	}
	for ; i < len(addr); i++ {
		if !isDigit(addr[i]) {
			panic("bad test address " + addr)
		}
		r.Row = r.Row*10 + int(addr[i]-'0')
	}
	if r.Row == 0 || r.Col == 0 {
		panic("bad test address " + addr)
	}
	return r
}

// Values for tests; numbers come from strings ("2.68", "1/3").
func num(s string) Value {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad test number " + s)
	}
	return NumberValue(r)
}

func txt(s string) Value     { return TextValue(s) }
func boolean(b bool) Value   { return BoolValue(b) }
func errv(code string) Value { return ErrorValue(code) }

// same reports whether two values are equal, numbers compared exactly.
func same(a, b Value) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Number:
		return a.Num != nil && b.Num != nil && a.Num.Cmp(b.Num) == 0
	case Text, Error:
		return a.Text == b.Text
	case Bool:
		return a.Bool == b.Bool
	}
	return true
}
