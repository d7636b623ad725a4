package xlsx

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// soffice finds LibreOffice. CI installs it (.ci/run) and sets
// PREMIA_REQUIRE_LIBREOFFICE=1, so there a missing LibreOffice fails the
// test instead of skipping it.
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

// convert has LibreOffice convert src into dir with filter ("xlsx:Calc
// MS Excel 2007 XML", "ods") and returns the converted file's path.
func convert(t *testing.T, src, dir, filter, ext string) string {
	t.Helper()
	bin := soffice(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", filter, "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice failed: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "charts."+ext)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v", out, err)
	}
	return out
}

// TestChartsDrawnFromCells: LibreOffice opens a workbook with charts and
// no cached values, and saves it again as .xlsx with every chart there,
// of the same kind, titles and series referring to the same cells; saved
// as OpenDocument, each sheet holds its charts as chart objects whose
// data are the cells. (Excel too draws a chart from the cells it refers
// to, as it does the charts openpyxl writes, which have no cache either.)
func TestChartsDrawnFromCells(t *testing.T) {
	tmp := t.TempDir()
	src, expect := writeChartBook(t, tmp)
	resaved := convert(t, src, filepath.Join(tmp, "xlsx"), "xlsx:Calc MS Excel 2007 XML", "xlsx")
	if err := Check(resaved, expect); err != nil {
		t.Errorf("after LibreOffice: %v", err)
	}
	ods := convert(t, src, filepath.Join(tmp, "ods"), "ods", "ods")
	zr, err := zip.OpenReader(ods)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var content []byte
	objects := 0
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			content, _ = io.ReadAll(rc)
			rc.Close()
		}
		if regexp.MustCompile(`^Object \d+/content\.xml$`).MatchString(f.Name) {
			objects++
		}
	}
	// Each chart is a draw:object in its sheet's table, whose data are its
	// cells (draw:notify-on-update-of-ranges names them).
	tables := regexp.MustCompile(`(?s)<table:table table:name="([^"]*)".*?</table:table>`).FindAllSubmatch(content, -1)
	want := map[string]int{"Pay by band": 1, "Old vs new": 2, "Bob's KPI": 1, "Months": 1}
	got := map[string]int{}
	for _, m := range tables {
		name := string(m[1])
		name = regexp.MustCompile(`&apos;`).ReplaceAllString(name, "'")
		got[name] = len(regexp.MustCompile(`<draw:object [^>]*draw:notify-on-update-of-ranges="[^"]+"`).FindAll(m[0], -1))
	}
	for sheet, n := range want {
		if got[sheet] != n {
			t.Errorf("sheet %q holds %d chart objects in the .ods, want %d (all: %v)", sheet, got[sheet], n, got)
		}
	}
	if objects != 5 {
		t.Errorf("the .ods has %d chart objects, want 5", objects)
	}
}
