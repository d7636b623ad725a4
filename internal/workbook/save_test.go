package workbook

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckedWrite: the file check passes an intact workbook and refuses one
// changed by a byte, cut short, or missing a sheet with amounts.
func TestCheckedWrite(t *testing.T) {
	sheets := []bookSheet{{name: "Pay"}}
	build := func(_ int, x *xsheet) error {
		x.text(1, 1, "Total", 0)
		x.num(2, 1, "449.10", styleMoney)
		x.want(2, 1, "449.10")
		return nil
	}
	write, check := checkedWrite(func(w io.Writer) ([]Expect, error) {
		return writeWorkbook(w, bookProps{date: "2026-10-01T00:00:00Z"}, 2, sheets, build)
	})
	path := filepath.Join(t.TempDir(), "r.xlsx")
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	put := func(b []byte) {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put(good)
	if err := check(path); err != nil {
		t.Fatalf("intact workbook: %v", err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x20
	for name, b := range map[string][]byte{"a byte changed": flipped, "cut short": good[:len(good)-10]} {
		put(b)
		if err := check(path); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A sheet the amounts name but the workbook lacks.
	write3, check3 := checkedWrite(func(w io.Writer) ([]Expect, error) {
		x, err := writeWorkbook(w, bookProps{}, 2, sheets, build)
		return append(x, Expect{Sheet: "Gone", Cells: "A1 1\n"}), err
	})
	f, _ := os.Create(path)
	if err := write3(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := check3(path); err == nil || !strings.Contains(err.Error(), `no sheet "Gone"`) {
		t.Errorf("missing sheet: %v", err)
	}
}

// TestSheetAmountsCheckedWhenBuilt: a sheet whose cell does not hold the
// amount recorded for it is refused before anything is compressed.
func TestSheetAmountsCheckedWhenBuilt(t *testing.T) {
	for name, build := range map[string]sheetJob{
		"other number": func(_ int, x *xsheet) error { x.num(1, 1, "449.1", 0); x.want(1, 1, "449.2"); return nil },
		"text":         func(_ int, x *xsheet) error { x.text(1, 1, "449.1", 0); x.want(1, 1, "449.1"); return nil },
		"no cell":      func(_ int, x *xsheet) error { x.num(1, 1, "1", 0); x.want(2, 1, "1"); return nil },
	} {
		_, err := writeWorkbook(&bytes.Buffer{}, bookProps{}, 2, []bookSheet{{name: "S"}}, build)
		if err == nil || !strings.Contains(err.Error(), "does not hold its amounts") {
			t.Errorf("%s: %v", name, err)
		}
	}
	ok := func(_ int, x *xsheet) error { x.num(1, 1, "449.10", 0); x.want(1, 1, "449.1"); return nil }
	if _, err := writeWorkbook(&bytes.Buffer{}, bookProps{}, 2, []bookSheet{{name: "S"}}, ok); err != nil {
		t.Errorf("449.10 holds 449.1: %v", err)
	}
}
