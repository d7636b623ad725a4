package floors

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeflate checks that the floor's zips are whole workbooks: every part
// reads back as it went in, for one book and for many.
func TestDeflate(t *testing.T) {
	var books [][]Part
	for b := 0; b < 5; b++ {
		var parts []Part
		for i := 0; i < 3; i++ {
			parts = append(parts, Part{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1),
				[]byte(strings.Repeat(fmt.Sprintf("<row r=\"%d\"><c><v>%d</v></c></row>", i, b), 100*(i+1)))})
		}
		books = append(books, parts)
	}
	for _, set := range [][][]Part{books[:1], books} {
		zips, err := Deflate(set, flate.BestSpeed, 2)
		if err != nil {
			t.Fatal(err)
		}
		for b, z := range zips {
			zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
			if err != nil {
				t.Fatal(err)
			}
			if len(zr.File) != len(set[b]) {
				t.Fatalf("book %d: %d parts, want %d", b, len(zr.File), len(set[b]))
			}
			for i, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(rc) // checks the CRC-32 too
				rc.Close()
				if err != nil || f.Name != set[b][i].Name || !bytes.Equal(got, set[b][i].Data) {
					t.Fatalf("book %d part %d: %q, %v", b, i, f.Name, err)
				}
			}
			if b == 0 {
				tags, err := Tokenize(z, 2)
				if err != nil || tags != (1+2+3)*100*6 {
					t.Fatalf("Tokenize: %d tags, %v", tags, err)
				}
			}
		}
	}
	dir := t.TempDir()
	if err := WriteFiles(dir, []string{"a.xlsx", "b"}, [][]byte{[]byte("x"), nil}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a.xlsx")); err != nil || string(b) != "x" {
		t.Fatalf("WriteFiles: %q, %v", b, err)
	}
}
