package report

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// soffice finds LibreOffice. CI installs it (.ci/run) and sets
// PREMIA_REQUIRE_LIBREOFFICE=1, so there a missing LibreOffice fails the test
// instead of skipping it.
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("PREMIA_REQUIRE_LIBREOFFICE") != "" {
		t.Fatal("LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui")
	}
	t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
	return ""
}

// TestReportSurvivesLibreOffice writes the sales-team report as calc -o
// does (streamed: sheets built as employees are computed), has LibreOffice
// open it and save it again as .xlsx, and checks that every amount reads back
// exactly as computed and that the conditional formats are still there.
func TestReportSurvivesLibreOffice(t *testing.T) {
	bin := soffice(t)
	dir := "../../examples/sales-team"
	s, _, err := plan.Open(filepath.Join(dir, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := factsheet.Load(filepath.Join(dir, "facts.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	in, _, err := fs.Read(s, factsheet.Options{Period: "2026-10"})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, "report.xlsx")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	res, expect, err := StreamReport(f, s, calc.Order(in), in.Period, ReportInfo{Lang: "en", Version: "test"},
		func(emit func(int, *calc.EmployeeResult)) (*calc.Result, error) {
			return calc.Stream(s, in, calc.Options{Release: true}, emit)
		})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(tmp, "lo")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice failed: %v\n%s", err, out)
	}
	resaved := filepath.Join(outDir, "report.xlsx")
	if a, b := fileSize(t, src), fileSize(t, resaved); a == b {
		t.Fatalf("the LibreOffice copy has the same size as the original (%d bytes): was it really re-saved?", a)
	}
	amounts := 0
	for _, x := range expect {
		amounts += strings.Count(x.Cells, "\n")
	}
	if amounts < 4*len(res.Employees) {
		t.Fatalf("only %d amounts to check", amounts)
	}
	if err := xlsx.Check(resaved, expect); err != nil {
		t.Errorf("after LibreOffice: %v", err)
	}
	lo, err := excelize.OpenFile(resaved)
	if err != nil {
		t.Fatal(err)
	}
	defer lo.Close()
	// The summary has colour scales on K and the coefficient and data bars
	// on the total (3 ranges, a rule each); an employee sheet has one range,
	// fulfilment and index, with a rule per band (red twice: below base and
	// voided; amber; green).
	for sheet, want := range map[string][2]int{"Summary": {3, 3}, "S-01": {1, 4}} {
		cfs, err := lo.GetConditionalFormats(sheet)
		if err != nil {
			t.Fatal(err)
		}
		rules := 0
		for _, r := range cfs {
			rules += len(r)
		}
		t.Logf("%s: %d conditional ranges, %d rules after LibreOffice", sheet, len(cfs), rules)
		if len(cfs) != want[0] || rules != want[1] {
			t.Errorf("sheet %s has %d conditional ranges and %d rules after LibreOffice, want %d and %d", sheet, len(cfs), rules, want[0], want[1])
		}
	}
}

func fileSize(t *testing.T, p string) int64 {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// loRoundTrip writes a workbook's bytes as NAME.xlsx in a temporary folder,
// has LibreOffice (bin) re-save it as .xlsx and checks that copy against
// expect, as a client's re-saved file is checked, then converts it to .ods
// and returns the .ods's content.xml, where each chart is a draw:object
// naming the cell ranges it is drawn from.
func loRoundTrip(t *testing.T, bin, name string, data []byte, expect []xlsx.Expect) []byte {
	t.Helper()
	tmp := t.TempDir()
	src := filepath.Join(tmp, name+".xlsx")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	convert := func(filter, ext string) string {
		dir := filepath.Join(tmp, ext)
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
			"--convert-to", filter, "--outdir", dir, src)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("LibreOffice failed: %v\n%s", err, out)
		}
		return filepath.Join(dir, name+"."+ext)
	}
	if err := xlsx.Check(convert("xlsx:Calc MS Excel 2007 XML", "xlsx"), expect); err != nil {
		t.Errorf("after LibreOffice: %v", err)
	}
	zr, err := zip.OpenReader(convert("ods", "ods"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			content, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return content
		}
	}
	t.Fatal("the .ods has no content.xml")
	return nil
}
