package xlsxtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/xlsx"
)

// TestDumpCharts: a workbook's dump lists each sheet's charts after its
// cells, with the cells they are anchored over (zero-based corners) and
// the ranges they draw; a sheet without charts lists none.
func TestDumpCharts(t *testing.T) {
	sheets := []xlsx.BookSheet{
		{Name: "Bob's KPI", Charts: []xlsx.Chart{{
			Kind: xlsx.Bar, Title: "Calls", XTitle: "Person", YTitle: "Calls", Anchor: "D2:L18",
			Categories: xlsx.Ref{Sheet: "Bob's KPI", Range: "A2:A3"},
			Series:     []xlsx.Series{{Name: "Calls", Values: xlsx.Ref{Sheet: "Bob's KPI", Range: "B2:B3"}}},
			Legend:     xlsx.LegendBottom,
		}}},
		{Name: "Plain"},
	}
	styles := xlsx.Deflate("xl/styles.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts>`+
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`+
		`<borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`))
	path := filepath.Join(t.TempDir(), "c.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = xlsx.WriteBook(f, xlsx.Props{}, styles, sheets, func(i int, x *xlsx.SheetWriter) error {
		if i == 0 {
			x.Text(1, 2, "Ivanova", 0)
			x.Num(2, 2, "412", 0)
			x.Text(1, 3, "Petrov", 0)
			x.Num(2, 3, "280", 0)
		}
		return nil
	})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Dump(path)
	if err != nil {
		t.Fatal(err)
	}
	// D2:L18: from column 3, row 1 to the corner after L18, column 12 row 18.
	want := `B3 number "280"
chart at from=3,1 to=12,18: title="Calls" bar dir=bar | name="Calls" cat='Bob''s KPI'!$A$2:$A$3 val='Bob''s KPI'!$B$2:$B$3 catAx title="Person" valAx title="Calls" legend=b

== sheet "Plain"`
	if !strings.Contains(got, want) {
		t.Errorf("the dump lacks\n%s\nin\n%s", want, got)
	}
}
