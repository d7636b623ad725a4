package xlsx

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
)

// TestValueTrust: a formula's saved result is used only when premia can
// trust it. Each row is one cell of a small workbook; the expected values
// are worked by hand beside them.
func TestValueTrust(t *testing.T) {
	const facts = `<worksheet><sheetData>
<row r="1"><c r="A1"><v>400000</v></c><c r="B1" t="inlineStr"><is><t>5000</t></is></c><c r="C1"><v>7</v></c></row>
<row r="2"><c r="A2"><f>400000*2</f><v>800000</v></c><c r="B2"><f>400000*2</f><v>700000</v></c><c r="C2"><f>A1*2</f><v>0</v></c><c r="D2"><f>A1*2</f></c></row>
<row r="3"><c r="A3"><f>SUM(A1:C1)</f><v>400007</v></c><c r="B3"><f>VLOOKUP(A1,A1:C1,2,FALSE)</f><v>5000</v></c><c r="C3"><f>VLOOKUP(A1,A1:C1,2,FALSE)</f></c><c r="D3"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>
<row r="4"><c r="A4"><f t="shared" ref="A4:C4" si="0">A1+1</f><v>400001</v></c><c r="B4"><f t="shared" si="0"/><v>0</v></c><c r="C4"><f t="shared" si="0"/><v>8</v></c><c r="D4"><f>E4+1</f><v>1</v></c><c r="E4"><f>D4+1</f><v>2</v></c></row>
<row r="5"><c r="A5"><f>'Другой лист'!A1*3</f><v>30</v></c><c r="B5"><f>1/0</f><v>#DIV/0!</v></c><c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D5" t="str"><f>IF(A1&gt;0,"yes","no")</f><v>yes</v></c></row>
</sheetData></worksheet>`
	const other = `<worksheet><sheetData><row r="1"><c r="A1"><v>10</v></c></row></sheetData></worksheet>`
	tests := []struct {
		cell     string
		kind     Kind
		text     string
		computed bool
		err      string // a substring of the refusal, or ""
	}{
		{"A1", Number, "400000", false, ""},
		{"A2", Number, "800000", true, ""}, // saved right: checked and taken
		{"B2", 0, "", false, "the saved result 700000 of =400000*2 is not what the formula gives (800000)"},
		{"C2", 0, "", false, "the saved result 0 of =A1*2 is not what the formula gives (800000)"},
		{"D2", Number, "800000", true, ""},                                   // no saved result: computed
		{"A3", Number, "400007", true, ""},                                   // SUM leaves the text 5000 out: 400000 + 7
		{"B3", Number, "5000", false, ""},                                    // cannot be computed, but saved and not to be recalculated: trusted
		{"C3", 0, "", false, "has no saved result"},                          // cannot be computed and nothing saved
		{"D3", Number, "0.3", true, ""},                                      // binary noise in the saved result agrees with 3/10
		{"A4", Number, "400001", true, ""},                                   // shared formula's first cell
		{"B4", 0, "", false, "the saved result 0 of =B1+1"},                  // B1 is text: =B1+1 cannot be computed... see below
		{"C4", Number, "8", true, ""},                                        // shifted two columns: C1+1 = 8
		{"D4", 0, "", false, ""},                                             // circular: cannot be computed, saved value trusted
		{"A5", Number, "30", true, ""},                                       // another sheet, by a quoted Cyrillic name
		{"B5", 0, "", false, "the saved result #DIV/0! of =1/0 is not what"}, // saved as a number cell holding #DIV/0!: kinds differ
		{"C5", Error, "#DIV/0!", true, ""},
		{"D5", Text, "yes", true, ""},
	}
	b := book(t, [][2]string{{"Facts", facts}, {"Другой лист", other}}, nil, "")
	s, err := b.Sheet("Facts")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		col, row, _ := ParseCellName(tt.cell)
		c := s.Find(row, col)
		if c == nil {
			t.Fatalf("%s: no cell", tt.cell)
		}
		v, err := b.Value(s, row, c)
		switch {
		case tt.cell == "B4":
			// B1 holds the text "5000": premia does not turn text into a
			// number in arithmetic, so =B1+1 cannot be computed, and its
			// saved result is trusted as saved.
			if err != nil || v.Kind != Number || v.Text != "0" || v.Computed {
				t.Errorf("B4 = %+v, %v; want the saved 0, not computed", v, err)
			}
		case tt.cell == "D4":
			if err != nil || v.Text != "1" || v.Computed {
				t.Errorf("D4 (circular) = %+v, %v; want the saved 1", v, err)
			}
		case tt.err != "":
			var un *Untrusted
			if err == nil || !errors.As(err, &un) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s = %+v, %v; want a refusal containing %q", tt.cell, v, err, tt.err)
			}
		case err != nil || v.Kind != tt.kind || v.Text != tt.text || v.Computed != tt.computed:
			t.Errorf("%s = kind %d %q computed %v, %v; want kind %d %q computed %v", tt.cell, v.Kind, v.Text, v.Computed, err, tt.kind, tt.text, tt.computed)
		}
	}
}

// TestRecalcOnLoad: where the workbook asks to be recalculated on open, no
// saved result is believed: a formula premia can compute is computed (the
// saved 0 of XlsxWriter is ignored), one it cannot is refused.
func TestRecalcOnLoad(t *testing.T) {
	const facts = `<worksheet><sheetData>
<row r="2"><c r="B2"><f>400000*2</f><v>0</v></c><c r="C2"><f>VLOOKUP(1,A1:A2,1,FALSE)</f><v>0</v></c></row>
</sheetData></worksheet>`
	b := book(t, [][2]string{{"Facts", facts}}, nil, `<calcPr calcId="124519" fullCalcOnLoad="1"/>`)
	if !b.FullCalcOnLoad {
		t.Fatal("fullCalcOnLoad not read")
	}
	s, _ := b.Sheet("Facts")
	if v, err := b.Value(s, 2, s.Find(2, 2)); err != nil || v.Text != "800000" || !v.Computed {
		t.Errorf("B2 = %+v, %v; want 800000 computed", v, err)
	}
	if _, err := b.Value(s, 2, s.Find(2, 3)); err == nil || !strings.Contains(err.Error(), "asks to be recalculated") {
		t.Errorf("C2: %v; want a refusal: the saved result need not be real", err)
	}
}

func TestRatText(t *testing.T) {
	for _, tt := range []struct {
		num, den int64
		want     string
	}{
		{1, 3, "0.333333333333333"},
		{2, 3, "0.666666666666667"},
		{800000, 1, "800000"},
		{-5, 2, "-2.5"},
		{3, 10, "0.3"},
		{1, 1 << 62, "0.000000000000000000216840434497101"},
		{999999999999999999, 1000, "1000000000000000"}, // 999999999999999.999 to 15 digits rounds up a digit
		{123456789012345678, 1, "123456789012346000"},
	} {
		if got := RatText(big.NewRat(tt.num, tt.den), 15); got != tt.want {
			t.Errorf("RatText(%d/%d) = %s, want %s", tt.num, tt.den, got, tt.want)
		}
	}
}

// TestSavedKinds: booleans saved as true/false read as 1/0; a string
// formula saved as "" has a saved result (blank), a number formula with an
// empty <v></v> has none; hidden columns are known.
func TestSavedKinds(t *testing.T) {
	const sheet = `<worksheet><cols><col min="3" max="4" width="9" hidden="1"/></cols><sheetData>
<row r="1"><c r="A1" t="b"><v>true</v></c><c r="B1" t="b"><v>FALSE</v></c><c r="C1" t="str"><f>IFERROR(VLOOKUP(1,X1:X2,1,FALSE),"")</f><v></v></c><c r="D1"><f>VLOOKUP(1,X1:X2,1,FALSE)</f><v></v></c></row>
</sheetData></worksheet>`
	b := book(t, [][2]string{{"S", sheet}}, nil, "")
	s, _ := b.Sheet("S")
	for _, tt := range []struct {
		cell string
		kind Kind
		text string
		err  string
	}{
		{"A1", Bool, "1", ""},
		{"B1", Bool, "0", ""},
		{"C1", Text, "", ""}, // saved "" (VLOOKUP cannot be computed: the saved result stands)
		{"D1", 0, "", "has no saved result"},
	} {
		col, row, _ := ParseCellName(tt.cell)
		v, err := b.Value(s, row, s.Find(row, col))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: %v, want %q", tt.cell, err, tt.err)
			}
			continue
		}
		if err != nil || v.Kind != tt.kind || v.Text != tt.text {
			t.Errorf("%s = kind %d %q, %v; want kind %d %q", tt.cell, v.Kind, v.Text, err, tt.kind, tt.text)
		}
	}
	for col, want := range map[int]bool{2: false, 3: true, 4: true, 5: false} {
		if got := s.HiddenColumn(col); got != want {
			t.Errorf("HiddenColumn(%d) = %v, want %v", col, got, want)
		}
	}
}

// TestAbsoluteFormulaOnce: a formula whose references are all absolute is
// computed once for the sheet, whatever the number of cells that hold it
// (each employee's =SUM($B$2:$B$N), the company total: without this the
// read grows with the square of the rows); a relative one, per cell. Values
// that formulas refer to are kept to 15 significant digits, so that sums of
// quotients do not grow without bound.
func TestAbsoluteFormulaOnce(t *testing.T) {
	var x strings.Builder
	x.WriteString("<worksheet><sheetData>")
	for r := 1; r <= 50; r++ {
		fmt.Fprintf(&x, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><f>A%d/3</f></c><c r="C%d"><f>SUM($B$1:$B$50)</f></c></row>`, r, r, r, r, r, r)
	}
	x.WriteString("</sheetData></worksheet>")
	b := book(t, [][2]string{{"S", x.String()}}, nil, "")
	s, _ := b.Sheet("S")
	for r := 1; r <= 50; r++ {
		v, err := b.Value(s, r, s.Find(r, 3))
		// Σ r/3 for r = 1..50 is 1275/3 = 425; each r/3 kept to 15
		// significant digits first (0.333333333333333, …), the sum differs
		// from 425 only past the 13th digit, and 15 significant digits of it
		// round back to 425.
		if err != nil || v.Text != "425" {
			t.Fatalf("C%d = %q, %v; want 425", r, v.Text, err)
		}
	}
	if n := len(b.eval.byText); n != 1 {
		t.Errorf("%d absolute formulas computed apart, want the one", n)
	}
}
