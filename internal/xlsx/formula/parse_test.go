package formula

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string // want: the canonical text
	}{
		// numbers
		{"400000*2", "400000*2"},
		{"1", "1"},
		{"1.5", "1.5"},
		{".5", ".5"},
		{"1.", "1."},
		{"1E+3", "1E+3"},
		{"1.5e-3", "1.5E-3"},
		{"1e3", "1E3"},
		{"0E+999", "0E+999"},
		// operators, spaces dropped
		{"1 + 2", "1+2"},
		{" A1 ", "A1"},
		{"A1\n+\r\n1", "A1+1"},
		{"-2^2", "-2^2"},
		{"2^-1", "2^-1"},
		{"10%", "10%"},
		{"50%%", "50%%"},
		{"--A1", "--A1"},
		{"1- -1", "1--1"},
		{"+A1", "+A1"},
		{"A1<>B1", "A1<>B1"},
		{"A1<=B1", "A1<=B1"},
		{"A1>=B1", "A1>=B1"},
		{"A1<-1", "A1<-1"},
		{`A1&"x"`, `A1&"x"`},
		{"(1+2)*3", "(1+2)*3"},
		{"((((1))))", "((((1))))"},
		// references
		{"A1", "A1"},
		{"a1", "A1"},
		{"$A$1+A$1+$A1", "$A$1+A$1+$A1"},
		{"XFD1048576", "XFD1048576"},
		{"A1:B5", "A1:B5"},
		{"$C$2:$C$9", "$C$2:$C$9"},
		{"b5:a1", "B5:A1"},
		{"C:C", "C:C"},
		{"$c:$e", "$C:$E"},
		{"2:3", "2:3"},
		{"$2:$3", "$2:$3"},
		{"A001", "A1"},
		{"LOG10(100)", "LOG10(100)"}, // LOG10 is also a cell; '(' makes it a function
		// sheets
		{"Sheet1!A1", "Sheet1!A1"},
		{"'Sheet1'!A1", "Sheet1!A1"},
		{"'Sheet name'!A1", "'Sheet name'!A1"},
		{"'It''s'!A1", "'It''s'!A1"},
		{"Sheet!A1:B2", "Sheet!A1:B2"},
		{"Sheet1!C:C", "Sheet1!C:C"},
		{"Sheet1!2:3", "Sheet1!2:3"},
		{"'Планы на месяц'!B2", "'Планы на месяц'!B2"},
		{"Лист1!A1", "Лист1!A1"},
		{"'2019'!A1", "'2019'!A1"},
		{"Sheet1!#REF!", "Sheet1!#REF!"},
		{"Sheet1!A1:Sheet1!B2", "Sheet1!A1:Sheet1!B2"},
		{"Sheet1:Sheet3!A1", "'Sheet1:Sheet3'!A1"},
		{"[1]Sheet1!A1", "'[1]Sheet1'!A1"},
		{"'[Book.xlsx]Sheet 1'!A1", "'[Book.xlsx]Sheet 1'!A1"},
		{"Sheet1!Rate", "Sheet1!Rate"},
		// literals
		{`"text"`, `"text"`},
		{`"say ""hi"""`, `"say ""hi"""`},
		{`""`, `""`},
		{"TRUE", "TRUE"},
		{"false", "FALSE"},
		{"#N/A", "#N/A"},
		{"#div/0!", "#DIV/0!"},
		{"#NAME?", "#NAME?"},
		{"{1,-2;\"a\",TRUE}", "{1,-2;\"a\",TRUE}"},
		{"{#N/A}", "{#N/A}"},
		// functions
		{"SUM(C2:C9)", "SUM(C2:C9)"},
		{"sum(c2:c9)", "SUM(C2:C9)"},
		{"_xlfn.STDEV.S(A1:A3)", "STDEV.S(A1:A3)"},
		{"_xlfn._xlws.SORT(A1:A3)", "SORT(A1:A3)"},
		{"TRUE()", "TRUE()"},
		{"IF(A1>=100, \"yes\", \"no\")", `IF(A1>=100,"yes","no")`},
		{"IF(A1,,1)", "IF(A1,,1)"},
		{"SUM(,)", "SUM(,)"},
		{"SUM( )", "SUM()"},
		{"ROUND(A1*B1,2)", "ROUND(A1*B1,2)"},
		{"VLOOKUP(A1,Sheet2!A:C,3,FALSE)", "VLOOKUP(A1,Sheet2!A:C,3,FALSE)"},
		{"A1:INDEX(B:B,3)", "A1:INDEX(B:B,3)"},
		// names, tables, union, intersection
		{"Rate*A1", "Rate*A1"},
		{"ABCD1", "ABCD1"}, // four letters: a name, not a cell
		{"R1C1", "R1C1"},
		{"Table1[Amount]", "Table1[Amount]"},
		{"Table1[[#This Row],[Amount]]", "Table1[[#This Row],[Amount]]"},
		{"[@Amount]", "[@Amount]"},
		{"(A1,B2)", "(A1,B2)"},
		{"A1:C3 B2:D4", "A1:C3 B2:D4"},
		{"SUM(A1:C3  B2:D4)", "SUM(A1:C3 B2:D4)"},
		{"SUM (A1)", "SUM (A1)"}, // a name then an intersection: Excel would refuse it
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := e.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			continue
		}
		// The canonical text parses back to itself.
		again, err := Parse(tt.want)
		if err != nil {
			t.Errorf("Parse(%q) (canonical text): %v", tt.want, err)
			continue
		}
		if got := again.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want it unchanged", tt.want, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("(", 65) + "1" + strings.Repeat(")", 65)
	tests := []struct {
		in     string
		offset int
		what   string // a part of the message
	}{
		{"", 0, "empty formula"},
		{"   ", 0, "empty formula"},
		{"=A1", 0, `unexpected "="`},
		{"1+", 2, "ends too early"},
		{"1)", 1, `unexpected ")"`},
		{"(1", 0, "never closed"},
		{"SUM(1,2", 3, "never closed"},
		{"1 2 +", 5, "ends too early"},
		{"1.2.3", 3, `unexpected ".3"`},
		{`"abc`, 0, "no closing quote"},
		{`1&"abc`, 2, "no closing quote"},
		{"'abc!A1", 0, "no closing quote"},
		{"'abc'A1", 5, "expected '!'"},
		{"''!A1", 0, "empty sheet name"},
		{"Sheet1!", 7, "expected a reference"},
		{"Sheet1!#N/A", 7, "only #REF!"},
		{"Sheet1!SUM(1)", 10, "after a sheet's name"},
		{"XFE1", 0, "column XFE is beyond"},
		{"A1:XFE1", 3, "column XFE is beyond"},
		{"A1048577", 0, "row 1048577 is beyond"},
		{"A99999999999999999999999", 0, "is beyond the sheet's last row"},
		{"A0", 0, "row 0 does not exist"},
		{"1+$B$0", 2, "row 0 does not exist"},
		{"ZZZ:ZZZ", 0, "column ZZZ is beyond"},
		{"0:3", 0, "row 0 does not exist"},
		{"$A", 0, "not a valid reference"},
		{"1@", 1, "unexpected character '@'"},
		{"A1!", 3, "expected a reference after the sheet name"},
		{"A1!!", 3, "expected a reference after the sheet name"},
		{"1!", 1, "unexpected character '!'"},
		{"#FOO", 0, "unknown error value"},
		{"A1:", 3, "ends too early"},
		{"1;2", 1, `unexpected ";"`},
		{"(0:0 )", 1, "row 0 does not exist"},
		{"(0 :0)", 1, `':' joins references, not "0"`}, // found by FuzzParse
		{"(1:(0))", 1, `':' joins references, not "1"`},
		{"A: a", 1, "a space beside the range operator"}, // found by FuzzParse: names A and a, or columns?
		{"SUM(A1 :B2)", 7, "a space beside the range operator"},
		{"SUM(A1: B2)", 6, "a space beside the range operator"},
		{"A1:1", 3, `':' joins references, not "1"`},
		{`A1:"B2"`, 3, "':' joins references"},
		{"TRUE:A1", 0, "':' joins references"},
		{"[1", 0, "without its ']'"},
		{"1E+1001", 0, "beyond Excel's range"},
		{"2E+308", 0, "beyond Excel's range"},
		{"1E-400", 0, "beyond Excel's range"},
		{"_xlfn.(1)", 0, "function name is missing"},
		{"_Xlfn.0(0)", 0, `"_Xlfn.0" is not a function name`}, // found by FuzzParse
		{"{1,2;3}", 6, "differ in length"},
		{"{A1}", 1, "array constant holds only"},
		{"{1", 0, "never closed"},
		{"1+\xff", 2, "not valid UTF-8"},
		{"'Лист'!A0", 11, "row 0 does not exist"}, // offsets count bytes: Л, и, с, т take 2 each
		{deep, 64, "nested more than 64 levels"},
		{strings.Repeat("1+", 4096) + "1", 8192, "Excel allows 8192"},
		{"SUM(" + strings.Repeat("1,", 255) + "1)", 514, "more than 255 arguments"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%.40q) = %v, %v; want a *SyntaxError", tt.in, e, err)
			continue
		}
		if se.Offset != tt.offset || !strings.Contains(se.What, tt.what) {
			t.Errorf("Parse(%.40q): %v; want byte %d and %q", tt.in, err, tt.offset, tt.what)
		}
	}
}

func TestParseLimits(t *testing.T) {
	// Exactly at Excel's limits is fine.
	deep := strings.Repeat("(", 64) + "1" + strings.Repeat(")", 64)
	long := strings.Repeat("1+", 4095) + "11" // 8192 characters
	calls := strings.Repeat("ABS(", 64) + "1" + strings.Repeat(")", 64)
	for _, in := range []string{deep, long, calls} {
		if _, err := Parse(in); err != nil {
			t.Errorf("Parse(%.40q…): %v", in, err)
		}
	}
	// 8192 characters of Cyrillic text are fine though they take 2 bytes each.
	if _, err := Parse(`"` + strings.Repeat("я", 8190) + `"`); err != nil {
		t.Errorf("Parse(8192-character text): %v", err)
	}
}
