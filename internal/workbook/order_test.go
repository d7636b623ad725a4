package workbook

import (
	"reflect"
	"strings"
	"testing"
)

// TestScanSheet: the raw-XML pass finds merged ranges, booleans, errors and
// thousand-looking numbers, broken shared strings and formulas without a
// result, and the first row or cell out of order, through
// namespace prefixes, comments, CDATA and a '>' inside an attribute value.
func TestScanSheet(t *testing.T) {
	const sheet = `<?xml version="1.0"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<!-- <x:row r="1"><x:c r="Z1"/></x:row> is a comment -->
<x:row r="1"><x:c r="A1" t="b"><x:v>1</x:v></x:c><x:c r="B1" t="e"><x:v>#N/A</x:v></x:c><x:c r='C1'><x:v>1.234</x:v></x:c><x:c r="D1" t="s"><x:v>5</x:v></x:c><x:c r="E1"><x:f>SUM(A1)</x:f></x:c><x:c r="F1"><x:f t="shared" si="0"/></x:c><x:c r="G1"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="H1" t="s"><x:v>1</x:v></x:c></x:row>
<x:row r="2" note="a > b"><x:c r="A2" t="inlineStr"><x:is><x:t>1,234</x:t></x:is></x:c><x:c r="B2" t="str"><x:f>"1.234"</x:f><x:v>1.234</x:v></x:c><x:c r="C2"><x:v>1234</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t><![CDATA[<x:c r="A1"/>]]></x:t></x:is></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A5:C6"/></x:mergeCells></x:worksheet>`
	sc := scanSheet([]byte(sheet), 2)
	if sc.problem != "" {
		t.Errorf("problem %q in a sheet in order", sc.problem)
	}
	if want := map[[2]int]bool{{0, 0}: true}; !reflect.DeepEqual(sc.bools, want) {
		t.Errorf("bools = %v, want A1", sc.bools)
	}
	if want := map[[2]int]bool{{0, 1}: true}; !reflect.DeepEqual(sc.errs, want) {
		t.Errorf("errors = %v, want B1", sc.errs)
	}
	// C1 is the number 1.234; A2 (inline text) and B2 (formula text) are not numbers.
	if want := map[[2]int]bool{{0, 2}: true}; !reflect.DeepEqual(sc.ambiguous, want) {
		t.Errorf("ambiguous numbers = %v, want C1 only", sc.ambiguous)
	}
	// D1 points past the 2 shared strings; E1 and F1 are formulas with no
	// saved result; G1's result is saved; H1 is a good shared string.
	if want := map[[2]int]bool{{0, 3}: true}; !reflect.DeepEqual(sc.broken, want) {
		t.Errorf("broken = %v, want D1", sc.broken)
	}
	if want := map[[2]int]bool{{0, 4}: true, {0, 5}: true}; !reflect.DeepEqual(sc.lost, want) {
		t.Errorf("lost formulas = %v, want E1 and F1", sc.lost)
	}
	if len(sc.merges) != 1 || sc.merges[0] != (mergeRange{ref: "A5:C6", r1: 4, c1: 0, r2: 5, c2: 2}) {
		t.Errorf("merges = %+v, want A5:C6", sc.merges)
	}
	for name, tc := range map[string]struct{ xml, want string }{
		"rows out of order":  {`<row r="2"><c r="A2"/></row><row r="1"><c r="A1"/></row>`, "row 1 is written after row 2"},
		"row twice":          {`<row r="1"><c r="A1"/></row><row r="1"><c r="B1"/></row>`, "row 1 is written after row 1"},
		"cells out of order": {`<row r="1"><c r="B1"/><c r="A1"/></row>`, "cell A1 is written after B1"},
		"cell in wrong row":  {`<row r="1"><c r="A2"/></row>`, "cell A2 is written inside row 1"},
		"implicit rows":      {`<row><c r="A1"/></row><row><c r="A2"/></row>`, ""},
	} {
		got := scanSheet([]byte("<worksheet><sheetData>"+tc.xml+"</sheetData></worksheet>"), 0).problem
		if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: problem %q, want %q", name, got, tc.want)
		}
	}
}
