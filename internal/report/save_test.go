package report

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/xlsx"
)

// TestCheckedWrite: the file check passes an intact workbook and refuses one
// changed by a byte, cut short, or missing a sheet with amounts.
func TestCheckedWrite(t *testing.T) {
	sheets := []xlsx.BookSheet{{Name: "Pay"}}
	build := func(_ int, x *xlsx.SheetWriter) error {
		x.Text(1, 1, "Total", 0)
		x.Num(2, 1, "449.10", styleMoney)
		x.Want(2, 1, "449.10")
		return nil
	}
	write, check := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) {
		return xlsx.WriteBook(w, xlsx.Props{Date: "2026-10-01T00:00:00Z"}, stylesPart(2), sheets, build)
	})
	path := filepath.Join(t.TempDir(), "r.xlsx")
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	// put writes b to path and opens it, as the check is given a file.
	put := func(b []byte) *os.File {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	if err := check(put(good)); err != nil {
		t.Fatalf("intact workbook: %v", err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x20
	for name, b := range map[string][]byte{"a byte changed": flipped, "cut short": good[:len(good)-10]} {
		if err := check(put(b)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A sheet the amounts name but the workbook lacks.
	write3, check3 := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) {
		x, err := xlsx.WriteBook(w, xlsx.Props{}, stylesPart(2), sheets, build)
		return append(x, xlsx.Expect{Sheet: "Gone", Cells: "A1 1\n"}), err
	})
	f, _ := os.Create(path)
	if err := write3(f); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := check3(f); err == nil || !strings.Contains(err.Error(), `no sheet "Gone"`) {
		t.Errorf("missing sheet: %v", err)
	}
	// A sheet whose part the workbook part names but the zip lacks.
	write4, check4 := checkedWrite(func(w io.Writer) ([]xlsx.Expect, error) {
		x, err := xlsx.WriteBook(w, xlsx.Props{}, stylesPart(2), sheets, build)
		return append(x, xlsx.Expect{Sheet: "Lost", Cells: "A1 1\n", Part: "xl/worksheets/sheet9.xml"}), err
	})
	g, _ := os.Create(path + "4")
	if err := write4(g); err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := check4(g); err == nil || !strings.Contains(err.Error(), `no sheet "Lost"`) {
		t.Errorf("part not in the zip: %v", err)
	}
}
