package formula

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
)

func TestEval(t *testing.T) {
	// A small fact sheet: amounts in column C, with a text note in C3 and a
	// blank C5.
	facts := book{
		"C2": num("100"), "C3": txt("n/a"), "C4": num("250.5"),
		"C6": boolean(true),
	}
	tests := []struct {
		formula string
		cells   book
		want    Value
	}{
		// Arithmetic, exact.
		{"400000*2", nil, num("800000")},
		{"1/3*3", nil, num("1")},      // 1/3 kept as a fraction: (1/3)·3 = 1
		{"0.1+0.2", nil, num("3/10")}, // not 0.30000000000000004
		{"1-0.9", nil, num("1/10")},
		{"2*3+4", nil, num("10")},
		{"2+3*4", nil, num("14")},
		{"(2+3)*4", nil, num("20")},
		{"10/4", nil, num("5/2")},
		{"-2^2", nil, num("4")},       // Excel: negation before ^, (-2)^2
		{"2*-3^2", nil, num("18")},    // 2·(-3)^2 = 2·9
		{"0-2^2", nil, num("-4")},     // binary minus is after ^: 0-(2^2)
		{"2^-1", nil, num("1/2")},     // 1/2^1
		{"2^3^2", nil, num("64")},     // left to right: (2^3)^2 = 8^2
		{"(-2)^3", nil, num("-8")},    // (-2)(-2)(-2)
		{"(2/3)^-2", nil, num("9/4")}, // (3/2)^2
		{"1^1000000000", nil, num("1")},
		{"(-1)^1000000001", nil, num("-1")},
		{"0^5", nil, num("0")},
		{"0^0", nil, errv("#NUM!")},    // Excel: =0^0 is #NUM!
		{"0^-1", nil, errv("#DIV/0!")}, // Excel: 0 to a negative power is #DIV/0!
		{"10%", nil, num("1/10")},
		{"-10%", nil, num("-1/10")},
		{"50%%", nil, num("1/200")}, // 50/100/100
		{"200*15%", nil, num("30")},
		{"1/0", nil, errv("#DIV/0!")},
		{"1/A1", nil, errv("#DIV/0!")}, // a blank divisor is 0
		{"1.5E+3", nil, num("1500")},
		{"1.5e-3", nil, num("3/2000")},
		{".5", nil, num("1/2")},

		// Operands: blank is 0, TRUE is 1, error values propagate, the
		// left-most first.
		{"A1+1", nil, num("1")},
		{"TRUE+TRUE", nil, num("2")},
		{"A1*2", book{"A1": boolean(false)}, num("0")},
		{"-TRUE", nil, num("-1")},
		{"#N/A+1/0", nil, errv("#N/A")},
		{"1/0+#N/A", nil, errv("#DIV/0!")},
		{"A1+1", book{"A1": errv("#REF!")}, errv("#REF!")},
		{"A1%", book{"A1": num("7")}, num("7/100")},

		// The result of a reference.
		{"A1", book{"A1": num("12.5")}, num("12.5")},
		{"A1", nil, num("0")}, // =A1 with A1 empty shows 0
		{"A1", book{"A1": txt("")}, txt("")},
		{"A1", book{"A1": txt("x")}, txt("x")},
		{"A1", book{"A1": boolean(true)}, boolean(true)},
		{"A1", book{"A1": errv("#N/A")}, errv("#N/A")},
		{"+A1", book{"A1": txt("5")}, txt("5")}, // unary plus changes nothing
		{"(A1)", book{"A1": num("3")}, num("3")},
		{"A1:A1", book{"A1": num("3")}, num("3")},
		{"Sheet1!A1*2", book{"A1": num("3")}, num("6")},
		{"sheet1!A1*2", book{"A1": num("3")}, num("6")},
		{"'Планы на месяц'!B2*2", book{"Планы на месяц!B2": num("1500")}, num("3000")},
		{"Лист2!A1+1", book{"Лист2!A1": num("2")}, num("3")},

		// SUM and friends: ranges skip text, booleans and blanks.
		{"SUM(C2:C5)", facts, num("350.5")}, // 100 + 250.5; "n/a" and the blank skipped
		{"SUM(C2:C6)", facts, num("350.5")}, // TRUE in C6 skipped too
		{"SUM(C:C)", facts, num("350.5")},
		{"SUM(2:4)", facts, num("350.5")},
		{"SUM($C$2:$C$4,10)", facts, num("360.5")},
		{"SUM(C3)", facts, num("0")},                // Excel: SUM(A1) with text in A1 is 0
		{"SUM(A1)", book{"A1": txt("5")}, num("0")}, // even text that reads as a number
		{"SUM(C5)", facts, num("0")},                // a blank cell
		{"SUM(TRUE,2)", nil, num("3")},              // a boolean given directly counts
		{"SUM(1=1,2)", nil, num("3")},               // so does a boolean result
		{"SUM(C2:C4,1/0)", facts, errv("#DIV/0!")},  // an error value anywhere wins
		{"SUM(A1:A3)", book{"A2": errv("#N/A")}, errv("#N/A")},
		{"SUM(A1:A3,1/0)", book{"A2": errv("#N/A")}, errv("#N/A")}, // the first in order
		{"SUM(IF(TRUE,C2:C4))", facts, num("350.5")},               // IF passes a reference on
		{"SUM(IF(FALSE,C2:C4))", facts, num("0")},                  // IF's missing else is FALSE: 0
		{"SUM((C2:C4))", facts, num("350.5")},
		{"SUM(C2:C3:C4)", facts, num("350.5")},
		{"SUM(Sheet1!C2:Sheet1!C4)", facts, num("350.5")},
		{"PRODUCT(2,3,A1:A3)", book{"A1": num("0.5"), "A2": txt("x")}, num("3")}, // 2·3·0.5
		{"PRODUCT(A1:A3)", nil, num("0")},                                        // no numbers at all: 0
		{"MIN(C2:C4)", facts, num("100")},
		{"MAX(C2:C4)", facts, num("250.5")},
		{"MIN(A1:A3,5)", book{"A1": num("-2")}, num("-2")},
		{"MAX(A1:A3)", book{"A1": num("-2"), "A2": num("-7")}, num("-2")},
		{"MIN(A1:A3)", nil, num("0")}, // Excel: MIN of no numbers is 0
		{"MAX(A1:A3)", nil, num("0")},
		{"MAX(TRUE,0.5)", nil, num("1")},
		{"AVERAGE(A1:A3)", book{"A1": num("1"), "A2": num("2")}, num("3/2")}, // (1+2)/2, the blank not counted
		{"AVERAGE(A1:A3)", nil, errv("#DIV/0!")},
		{"AVERAGE(1,2,2)", nil, num("5/3")},
		{"AVERAGE(TRUE,3)", nil, num("2")}, // (1+3)/2
		{"COUNT(A1:A5)", book{"A1": num("1"), "A2": txt("2"), "A3": boolean(true), "A5": errv("#N/A")}, num("1")},
		{"COUNT(1,TRUE,1/0)", nil, num("2")}, // Excel: errors are not counted and do not propagate
		{"COUNT(C:C)", facts, num("2")},
		{"COUNTA(A1:A5)", book{"A1": num("1"), "A2": txt(""), "A3": boolean(true), "A5": errv("#N/A")}, num("4")},
		{"COUNTA(1,\"x\",1/0)", nil, num("3")},

		// Rounding: ROUND half away from zero, ROUNDUP away from zero,
		// ROUNDDOWN toward zero; INT down; MOD with the divisor's sign.
		{"ROUND(2.675,2)", nil, num("2.68")}, // 267.5 → 268
		{"ROUND(-2.5,0)", nil, num("-3")},
		{"ROUND(2.5,0)", nil, num("3")},
		{"ROUND(2.4999,0)", nil, num("2")},
		{"ROUND(1250,-2)", nil, num("1300")}, // 12.5 hundreds → 13 hundreds
		{"ROUND(1249,-2)", nil, num("1200")},
		{"ROUND(1.25,1.9)", nil, num("1.3")}, // digits 1.9 truncated to 1; 12.5 → 13
		{"ROUND(1.25,-0.5)", nil, num("1")},  // digits truncated toward zero: 0
		{"ROUND(1/3,4)", nil, num("0.3333")},
		{"ROUND(1.005,2)", nil, num("1.01")}, // 100.5 → 101 (exact, unlike a double)
		{"ROUND(A1,2)", nil, num("0")},       // a blank is 0
		{"ROUND(TRUE,0)", nil, num("1")},
		{"ROUNDDOWN(-1.99,0)", nil, num("-1")},
		{"ROUNDDOWN(1.99,1)", nil, num("1.9")},
		{"ROUNDUP(1.01,0)", nil, num("2")},
		{"ROUNDUP(-1.01,0)", nil, num("-2")},
		{"ROUNDUP(3.2,0)", nil, num("4")},
		{"ROUNDUP(1234,-2)", nil, num("1300")},
		{"ROUNDUP(2,0)", nil, num("2")},
		{"ROUND(#N/A,1/0)", nil, errv("#N/A")},
		{"INT(-1.5)", nil, num("-2")},
		{"INT(1.5)", nil, num("1")},
		{"INT(-2)", nil, num("-2")},
		{"ABS(-3.5)", nil, num("3.5")},
		{"MOD(-3,2)", nil, num("1")},   // -3 - 2·INT(-1.5) = -3 - 2·(-2)
		{"MOD(3,-2)", nil, num("-1")},  // 3 - (-2)·INT(-1.5) = 3 - 4
		{"MOD(-3,-2)", nil, num("-1")}, // -3 - (-2)·INT(1.5) = -3 + 2
		{"MOD(5.5,2)", nil, num("1.5")},
		{"MOD(5,0)", nil, errv("#DIV/0!")},

		// IF, IFERROR, AND, OR, NOT, N.
		{`IF(A1>=100,"yes","no")`, book{"A1": num("100")}, txt("yes")},
		{`IF(A1>=100,"yes","no")`, book{"A1": num("99.99")}, txt("no")},
		{`IF(A1>=100,"yes","no")`, nil, txt("no")}, // blank is 0
		{"IF(0,1)", nil, boolean(false)},           // no else: FALSE
		{"IF(1,,2)", nil, num("0")},                // an empty branch is 0
		{"IF(0,1,)", nil, num("0")},
		{"IF(2,A1,0)", nil, num("0")},                  // a blank cell's value shows as 0
		{"IF(TRUE,1,VLOOKUP(1,A:B,2))", nil, num("1")}, // only the branch taken is evaluated
		{"IF(FALSE,1/0,2)", nil, num("2")},
		{"IF(1/0,1,2)", nil, errv("#DIV/0!")},
		{"IF(A1,1,2)", book{"A1": boolean(true)}, num("1")},
		{"IFERROR(1/0,0)", nil, num("0")},
		{"IFERROR(5,0)", nil, num("5")},
		{"IFERROR(A1,1)", nil, num("0")}, // a blank is 0, not an error
		{"IFERROR(A1,\"none\")", book{"A1": errv("#N/A")}, txt("none")},
		{"IFERROR(1/0,)", nil, num("0")},
		{"AND(TRUE,1)", nil, boolean(true)},
		{"AND(TRUE,0)", nil, boolean(false)},
		{"AND(A1:A3)", book{"A1": txt("x"), "A2": num("3")}, boolean(true)}, // text skipped, 3 is TRUE
		{"AND(A1:A3)", book{"A1": txt("x")}, errv("#VALUE!")},               // nothing to count
		{"AND(FALSE,1/0)", nil, errv("#DIV/0!")},                            // all arguments are evaluated
		{"OR(0,FALSE)", nil, boolean(false)},
		{"OR(0,A1:A2)", book{"A2": num("-1")}, boolean(true)},
		{"NOT(0)", nil, boolean(true)},
		{"NOT(A1)", nil, boolean(true)}, // blank is FALSE
		{"NOT(2)", nil, boolean(false)},
		{`N("5")`, nil, num("0")}, // Excel: N of text is 0
		{"N(TRUE)", nil, num("1")},
		{"N(A1)", book{"A1": num("4")}, num("4")},
		{"N(1/0)", nil, errv("#DIV/0!")},
		{"TRUE()", nil, boolean(true)},

		// Comparisons: number < text < boolean; text without regard to case;
		// blank as 0, "" or FALSE.
		{"1=1.0", nil, boolean(true)},
		{"0.1+0.2=0.3", nil, boolean(true)},
		{"1<2", nil, boolean(true)},
		{"2<=2", nil, boolean(true)},
		{"3<>3", nil, boolean(false)},
		{`1<"a"`, nil, boolean(true)},
		{`"a"<TRUE`, nil, boolean(true)},
		{"TRUE>1", nil, boolean(true)},
		{"FALSE<TRUE", nil, boolean(true)},
		{`"abc"="ABC"`, nil, boolean(true)},
		{`"да"="ДА"`, nil, boolean(true)},
		{`"Ёлка"="ёлка"`, nil, boolean(true)},
		{`"a-b"="A-B"`, nil, boolean(true)},
		{`"a"="b"`, nil, boolean(false)},
		{`"b">"A"`, nil, boolean(true)},
		{`"abc"<"abd"`, nil, boolean(true)},
		{`"10"<"9"`, nil, boolean(true)}, // texts, not numbers
		{`"a"<"A"`, nil, boolean(false)},
		{`"a"<="A"`, nil, boolean(true)},
		{`""<"a"`, nil, boolean(true)},
		{"A1=0", nil, boolean(true)},
		{`A1=""`, nil, boolean(true)},
		{"A1=FALSE", nil, boolean(true)},
		{"A1=B1", nil, boolean(true)},
		{"A1<1", nil, boolean(true)},
		{`A1="x"`, book{"A1": txt("X")}, boolean(true)},
		{"#N/A=1/0", nil, errv("#N/A")},
		{"1=1/0", nil, errv("#DIV/0!")},
		{`"é"="é"`, nil, boolean(true)}, // the very same text is equal in any language
	}
	for _, tt := range tests {
		e, err := Parse(tt.formula)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.formula, err)
			continue
		}
		got, err := e.Eval(testSheet, tt.cells.cells())
		if err != nil {
			t.Errorf("Eval(%q): %v; want %v", tt.formula, err, tt.want)
			continue
		}
		if !same(got, tt.want) {
			t.Errorf("Eval(%q) = %v (%s), want %v (%s)", tt.formula, got, got.Kind, tt.want, tt.want.Kind)
		}
	}
}

func TestEvalUnsupported(t *testing.T) {
	tests := []struct {
		formula string
		cells   book
		what    string // a part of Unsupported.What
	}{
		{"A1+1", book{"A1": txt("5")}, `A1+1: text "5" used as a number in an addition`},
		{"1-A1", book{"A1": txt("x")}, "in a subtraction"},
		{"-A1", book{"A1": txt("5")}, "in a negation"},
		{"A1%", book{"A1": txt("5")}, "in a percentage"},
		{`"5"*2`, nil, `text "5" used as a number in a multiplication`},
		{"ROUND(A1,2)", book{"A1": txt("1.5")}, `text "1.5" used as a number in the function ROUND`},
		{"VLOOKUP(A1,B:C,2,FALSE)", nil, "the function VLOOKUP"},
		{"_xlfn.XLOOKUP(1,A:A,B:B)", nil, "the function XLOOKUP"},
		{"SUMIF(A:A,1)", nil, "the function SUMIF"},
		{"2^0.5", nil, "2^0.5: a power with a fraction"},
		{"4^0.5", nil, "a power with a fraction"},
		{"2^2000", nil, "beyond Excel's number range"},
		{"1.001^100000", nil, "a power too large to compute exactly"},
		{"2^-2000", nil, "too close to zero"},
		{"1E+308*10", nil, "beyond Excel's number range"},
		{"SUM(1E+308,1E+308)", nil, "beyond Excel's number range"},
		{"1E-300%%%%%%%%%%", nil, "too close to zero"},
		{`SUM("5")`, nil, `text "5" given to SUM directly`},
		{`AVERAGE(1,"2")`, nil, "given to AVERAGE directly"},
		{`COUNT("1")`, nil, "given to COUNT directly"},
		{`IF("TRUE",1,2)`, nil, `text "TRUE" used as TRUE or FALSE`},
		{`IF(A1,1,2)`, book{"A1": txt("x")}, "used as TRUE or FALSE"},
		{`AND("TRUE")`, nil, "used as TRUE or FALSE"},
		{`NOT("")`, nil, "used as TRUE or FALSE"},
		{`A1&"x"`, nil, "joining texts with &"},
		{`"a-c"<"ab"`, nil, "ordering the texts"},
		{`"б"<"а"`, nil, "ordering the texts"},
		{`"é"="É"`, nil, "comparing the texts"},
		{"A1:A3", nil, "A1:A3: the range A1:A3 where one value is needed"},
		{"A1:A3+1", nil, "the range A1:A3 where one value is needed"},
		{"ROUND(C:C,2)", nil, "the range C1:C1048576"},
		{"IF(A1:A2,1,2)", nil, "where one value is needed"},
		{"Rate*2", nil, "the defined name Rate"},
		{"Sheet1!Rate", nil, "the defined name Sheet1!Rate"},
		{"Table1[Amount]", nil, "the table reference Table1[Amount]"},
		{"Sheet1:Sheet3!A1", nil, "through several sheets"},
		{"[1]Sheet1!A1", nil, "another workbook"},
		{"SUM((A1,B1))", nil, "the union of references"},
		{"SUM(A1:B2 B1:C2)", nil, "the intersection of ranges"},
		{"SUM({1,2})", nil, "the array constant {1,2}"},
		{"SUM(1,)", nil, "an empty argument to SUM"},
		{"ROUND(1.5,)", nil, "an empty argument to ROUND"},
		{"ROUND(1,2,3)", nil, "ROUND with 3 arguments (it takes 2)"},
		{"IF(1)", nil, "IF with 1 argument (it takes 2 to 3)"},
		{"SUM()", nil, "SUM with 0 arguments"},
		{"ROUND(1,5000)", nil, "rounding to 5000 digits"},
		{"MOD(1E+9,1)", nil, "MOD of a number 134217728 or more times its divisor"},
		{"1:2+1", nil, "where one value is needed"},
		{"A1:(1)", nil, "the range operator ':' on something that is not a reference"},
		{"A1:ABS(1)", nil, "the range operator ':' on something that is not a reference"},
		{"Sheet1!A1:Sheet2!B2", nil, "a range from one sheet to another"},
		{"IFERROR(VLOOKUP(1,A:B,2),0)", nil, "the function VLOOKUP"}, // we cannot know whether it errs
	}
	for _, tt := range tests {
		e, err := Parse(tt.formula)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.formula, err)
			continue
		}
		got, err := e.Eval(testSheet, tt.cells.cells())
		var u *Unsupported
		if !errors.As(err, &u) {
			t.Errorf("Eval(%q) = %v, %v; want *Unsupported", tt.formula, got, err)
			continue
		}
		if !strings.Contains(u.What, tt.what) {
			t.Errorf("Eval(%q): %q, want it to contain %q", tt.formula, u.What, tt.what)
		}
	}
}

// Formulas at Excel's length limit evaluate without exhausting the stack.
func TestEvalLong(t *testing.T) {
	tests := []struct {
		formula string
		want    Value
	}{
		{strings.Repeat("-", 8191) + "1", num("-1")},                                                                // an odd number of negations
		{strings.Repeat("1+", 4095) + "1", num("4096")},                                                             // 4096 ones
		{strings.Repeat("2*", 1000) + "1", NumberValue(new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), 1000)))}, // 2^1000, within range
		{strings.Repeat("ABS(", 64) + "-5" + strings.Repeat(")", 64), num("5")},
	}
	for _, tt := range tests {
		e, err := Parse(tt.formula)
		if err != nil {
			t.Errorf("Parse(%.20q…): %v", tt.formula, err)
			continue
		}
		got, err := e.Eval(testSheet, book{}.cells())
		if err != nil || !same(got, tt.want) {
			t.Errorf("Eval(%.20q…) = %v, %v; want %v", tt.formula, got, err, tt.want)
		}
	}
}

// The evaluator asks Cells for what the formula names: the sheet as written,
// or the formula's own; whole columns as rows 1 to MaxRow.
func TestEvalAsksCells(t *testing.T) {
	tests := []struct {
		formula string
		asked   string
	}{
		{"A1", "Cell Sheet1!A1"},
		{"'Планы на месяц'!B2", "Cell 'Планы на месяц'!B2"},
		{"SUM(C:C)", "Range Sheet1 1 3 1048576 3"},
		{"SUM(2:3)", "Range Sheet1 2 1 3 16384"},
		{"SUM(Data!B5:A1)", "Range Data 1 1 5 2"},
		{"IF(A1,B1,C1)", "Cell Sheet1!A1, Cell Sheet1!C1"},
		{"A1+1/0+B1", "Cell Sheet1!A1"}, // the left-most error stops evaluation
	}
	for _, tt := range tests {
		e, err := Parse(tt.formula)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.formula, err)
		}
		c := book{}.cells()
		if _, err := e.Eval(testSheet, c); err != nil {
			t.Errorf("Eval(%q): %v", tt.formula, err)
		}
		if got := strings.Join(c.asked, ", "); got != tt.asked {
			t.Errorf("Eval(%q) asked %q, want %q", tt.formula, got, tt.asked)
		}
	}
}

type failingCells struct{ err error }

func (f failingCells) Cell(Ref) (Value, error) { return Value{}, f.err }
func (f failingCells) Range(string, int, int, int, int, func(Ref, Value) error) error {
	return f.err
}

// An error from Cells comes back as it is.
func TestEvalCellsError(t *testing.T) {
	cycle := errors.New("circular reference: Sheet1!A1")
	for _, formula := range []string{"A1+1", "SUM(A:A)", "IF(A1,1,2)", "COUNT(A1:B2)", "AND(A1:A2)"} {
		e, err := Parse(formula)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Eval(testSheet, failingCells{cycle}); !errors.Is(err, cycle) {
			t.Errorf("Eval(%q) error = %v, want %v", formula, err, cycle)
		}
	}
}

type badCells struct{ v Value }

func (b badCells) Cell(Ref) (Value, error) { return b.v, nil }
func (b badCells) Range(_ string, r1, c1, _, _ int, each func(Ref, Value) error) error {
	return each(Ref{Row: r1, Col: c1}, b.v)
}

// A Value that Cells should not have made is an error, not a guess.
func TestEvalBadValue(t *testing.T) {
	for _, v := range []Value{{Kind: Number}, {Kind: Kind(9)}, {Kind: Error, Text: "oops"}} {
		for _, formula := range []string{"A1", "SUM(A1:A2)"} {
			e, err := Parse(formula)
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Eval(testSheet, badCells{v})
			var u *Unsupported
			if err == nil || errors.As(err, &u) {
				t.Errorf("Eval(%q) with cell %#v = %v, %v; want an error", formula, v, got, err)
			}
		}
	}
}

// The result is the caller's: changing it changes neither the cell nor the formula.
func TestEvalResultIsACopy(t *testing.T) {
	cell := big.NewRat(5, 1)
	e, err := Parse("A1")
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(testSheet, badCells{NumberValue(cell)})
	if err != nil {
		t.Fatal(err)
	}
	got.Num.SetInt64(7)
	if cell.Cmp(big.NewRat(5, 1)) != 0 {
		t.Errorf("cell = %v after changing the result, want 5", cell)
	}
	lit, err := Parse("5")
	if err != nil {
		t.Fatal(err)
	}
	v, _ := lit.Eval(testSheet, book{}.cells())
	v.Num.SetInt64(7)
	if v, _ := lit.Eval(testSheet, book{}.cells()); !same(v, num("5")) {
		t.Errorf("=5 evaluates to %v after changing an earlier result, want 5", v)
	}
}

// One Expr evaluated from many goroutines (run with -race).
func TestEvalConcurrent(t *testing.T) {
	e, err := Parse("ROUND(SUM(A1:A3)*1.5%,2)+MOD(-3,2)")
	if err != nil {
		t.Fatal(err)
	}
	cells := book{"A1": num("1000"), "A2": num("2000.5")}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := e.Eval(testSheet, cells.cells())
			// 3000.5 × 0.015 = 45.0075 → 45.01; MOD(-3,2) = 1.
			if err != nil || !same(got, num("46.01")) {
				errs <- fmt.Errorf("Eval = %v, %v; want 46.01", got, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func ExampleExpr_Shift() {
	// <f t="shared" ref="C2:C10" si="0">A2*B2</f> in C2; C5 shares it.
	e, _ := Parse("A2*B2")
	fmt.Println(e.Shift(5-2, 0))
	// Output: A5*B5
}

func ExampleExpr_Eval() {
	e, _ := Parse("ROUND(SUM(C2:C4)*7.5%,2)")
	cells := book{"C2": num("1000"), "C3": txt("on leave"), "C4": num("333.33")}.cells()
	v, err := e.Eval("Sheet1", cells)
	fmt.Println(v, err)
	// Output: 100 <nil>
}
