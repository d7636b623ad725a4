package xlsx

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// openpyxlScript loads the workbook named by its argument and prints, per
// chart it finds, the sheet, the kind, the anchor's corners (zero-based
// column and row), the title and each series' name and values.
const openpyxlScript = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for ch in ws._charts:
        a = ch.anchor
        title = ch.title.tx.rich.p[0].r[0].t if ch.title else ""
        series = ["%s=%s" % (s.tx.v, (s.val or s.yVal).numRef.f) for s in ch.series]
        print("|".join([ws.title, type(ch).__name__, "%d,%d-%d,%d" % (a._from.col, a._from.row, a.to.col, a.to.row), title] + series))
`

// TestChartsOpenpyxl: openpyxl, which reads workbooks as Excel's file
// format defines them, loads a workbook with charts and finds each chart
// on its sheet, anchored, titled and with its series as drawn. CI installs
// python3-openpyxl (.ci/run) and sets PREMIA_REQUIRE_OPENPYXL=1.
func TestChartsOpenpyxl(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("PREMIA_REQUIRE_OPENPYXL") != "" {
			t.Fatal("openpyxl is not installed: apt-get install python3-openpyxl")
		}
		t.Skip("openpyxl is not installed: apt-get install python3-openpyxl to run this test")
	}
	path, _ := writeChartBook(t, t.TempDir())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "/usr/bin/python3", "-c", openpyxlScript, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl does not load the workbook: %v\n%s", err, out)
	}
	// D2:L18 is column 3, row 1 to the corner after L18: column 12, row 18.
	want := `Pay by band|BarChart|3,1-12,18|Pay in bands|People='Pay by band'!$B$2:$B$6
Old vs new|BarChart|4,1-13,18|Old & new pay|Old <scheme>='Old vs new'!$B$2:$B$5|New scheme='Old vs new'!$C$2:$C$5
Old vs new|ScatterChart|4,19-13,36|New against old|People='Old vs new'!$C$2:$C$5
Bob's KPI|BarChart|3,1-12,18|Calls per person|Calls='Bob''s KPI'!$B$2:$B$5|Team mean='Bob''s KPI'!$C$2:$C$5
Months|LineChart|3,1-12,18|Выплаты по месяцам|Иванов='Months'!$B$2:$B$4|Петрова='Months'!$C$2:$C$4
`
	if got := strings.ReplaceAll(string(out), "\r\n", "\n"); got != want {
		t.Errorf("openpyxl reads the charts as\n%s\nwant\n%s", got, want)
	}
}
