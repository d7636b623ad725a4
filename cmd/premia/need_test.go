package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNeedChartPNG: --chart FILE.png writes a PNG that decodes, 800 × 480
// (S-01 of examples/sales-team, 4 KPIs with a norm × 4 bars: 150 + 16 × 16
// = 406 pixels would do, so the default height); stdout stays empty
// without --format, and with -o beside it the workbook is written too.
func TestNeedChartPNG(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "sales-team")
	out := t.TempDir()
	pic, book := filepath.Join(out, "s01.png"), filepath.Join(out, "s01.xlsx")
	var stdout, stderr bytes.Buffer
	args := []string{"need", filepath.Join(dir, "scheme.yaml"), filepath.Join(dir, "facts.xlsx"), "S-01", "--as-of", "2026-10-15", "--chart", pic, "-o", book}
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout without --format: %q", stdout.String())
	}
	f, err := os.Open(pic)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 480 {
		t.Errorf("the picture is %d × %d, want 800 × 480", b.Dx(), b.Dy())
	}
	if _, err := os.Stat(book); err != nil {
		t.Errorf("no workbook beside the chart: %v", err)
	}
	if want := "wrote " + pic + ": where S-01 stands against the norm"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", stderr.String(), want)
	}
}

// --chart is refused (exit 2) with a name that is neither .svg nor .png
// (so never the workbook of -o, an .xlsx), or when it is an input of the
// run; and nothing is written.
func TestNeedChartUsage(t *testing.T) {
	shop := filepath.Join("..", "..", "testdata", "need-shop")
	out := t.TempDir()
	base := []string{"need", filepath.Join(shop, "scheme.yaml"), filepath.Join(shop, "facts"), "M-01", "--period", "2026-10"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--chart", filepath.Join(out, "m01.pdf")}, "name the picture .svg or .png"},
		{[]string{"--chart", filepath.Join(out, "m01")}, "name the picture .svg or .png"},
		{[]string{"--chart", filepath.Join(shop, "scheme.yaml")}, "name the picture .svg or .png"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append(append([]string(nil), base...), c.args...), strings.NewReader(""), &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr.String(), c.want)
		}
	}
	// A picture named as an input: a scheme in a file named .svg.
	scheme := filepath.Join(out, "scheme.svg")
	raw, err := os.ReadFile(filepath.Join(shop, "scheme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scheme, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"need", scheme, filepath.Join(shop, "facts"), "M-01", "--period", "2026-10", "--chart", scheme}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "is an input of this run") {
		t.Errorf("--chart over the scheme: exit %d, %q", code, stderr.String())
	}
	if b, _ := os.ReadFile(scheme); !bytes.Equal(b, raw) {
		t.Error("the scheme was overwritten")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("files written: %v", entries)
	}
}
