package formula

import (
	"errors"
	"math/big"
	"testing"
)

// emptyCells is a workbook with nothing in it.
type emptyCells struct{}

func (emptyCells) Cell(Ref) (Value, error) { return Value{}, nil }
func (emptyCells) Range(string, int, int, int, int, func(Ref, Value) error) error {
	return nil
}

// sevens is a workbook where every cell holds 7; Range visits only the first
// few cells, so that a whole column stays cheap.
type sevens struct{}

func (sevens) Cell(Ref) (Value, error) { return NumberValue(big.NewRat(7, 1)), nil }
func (sevens) Range(sheet string, r1, c1, r2, c2 int, each func(Ref, Value) error) error {
	for r := r1; r <= min(r2, r1+2); r++ {
		for c := c1; c <= min(c2, c1+2); c++ {
			if err := each(Ref{Sheet: sheet, Row: r, Col: c}, NumberValue(big.NewRat(7, 1))); err != nil {
				return err
			}
		}
	}
	return nil
}

var fuzzSeeds = []string{
	"400000*2", "SUM(C2:C5)", "ROUND(2.675,2)", "ROUND(-2.5,0)", "ROUNDDOWN(-1.99,0)",
	"ROUNDUP(1.01,0)", "INT(-1.5)", "MOD(-3,2)", "1/3*3", "0.1+0.2", "-2^2", "2^-1",
	"10%", "1/0", "A1+1", "VLOOKUP(A1,B:C,2,FALSE)", `IF(A1>=100,"yes","no")`,
	"IFERROR(1/0,0)", "AVERAGE(A1:A3)", "'Планы на месяц'!B2", "'It''s'!A1",
	"$A$1+A$1+$A1", "Sheet1!A1:B2", "C:C", "2:3", "$C$2:$C$9", "1.5e-3", ".5", "1E+3",
	`"a""b"`, "TRUE", "#N/A", "Sheet1!#REF!", "{1,-2;\"a\",TRUE}", "Table1[[#This Row],[Amount]]",
	"[1]Sheet1!A1", "Sheet1:Sheet3!A1", "(A1,B1)", "A1:C3 B2:D4", "A1:INDEX(B:B,3)",
	"_xlfn.STDEV.S(A1:A3)", "IF(A1,,1)", "SUM(,)", "AND(A1:A3)", "N(TRUE)", "2^3^2",
	"1.001^100000", "2^0.5", "XFD1048576", "A1&B1", `"a"<"B"`, "COUNT(1,TRUE,1/0)",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 1, 0)
	}
	f.Fuzz(func(t *testing.T, s string, dRow, dCol int) {
		e, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q): %v; want a *SyntaxError within the text", s, err)
			}
			return
		}
		// The canonical text parses back to itself.
		text := e.String()
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, text, err)
		}
		if got := again.String(); got != text {
			t.Fatalf("Parse(%q) = %q, which parses to %q", s, text, got)
		}
		for _, x := range []*Expr{e, e.Shift(dRow, dCol)} {
			if x.String() != "" {
				if _, err := Parse(x.String()); err != nil {
					t.Fatalf("Parse(%q).Shift(%d, %d) = %q, which does not parse: %v", s, dRow, dCol, x.String(), err)
				}
			}
			for _, cells := range []Cells{emptyCells{}, sevens{}} {
				v, err := x.Eval("Sheet1", cells)
				if err != nil {
					var u *Unsupported
					if !errors.As(err, &u) {
						t.Fatalf("Eval(%q): %v; want a value or *Unsupported", x.String(), err)
					}
					continue
				}
				switch {
				case v.Kind == Blank:
					t.Fatalf("Eval(%q) is blank", x.String())
				case v.Kind == Number && v.Num == nil:
					t.Fatalf("Eval(%q) is a number without its value", x.String())
				case v.Kind == Number && !inRange(v.Num):
					t.Fatalf("Eval(%q) = %v, beyond Excel's range", x.String(), v)
				}
			}
		}
	})
}
