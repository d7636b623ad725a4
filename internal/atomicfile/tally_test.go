package atomicfile

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// written returns a file holding data and the tally of what was meant to
// be written, want.
func written(t *testing.T, data, want []byte) (*os.File, *Tally) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	var tally Tally
	tally.Write(want)
	return f, &tally
}

// countingReader counts the reads of a file.
type countingReader struct {
	r     io.ReaderAt
	reads int
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.reads++
	return c.r.ReadAt(p, off)
}

func TestReadsBack(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, size := range []int{0, 1, 10 << 10, 64 << 10, 64<<10 + 1, 300 << 10} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		f, tally := written(t, data, data)
		cr := &countingReader{r: f}
		var seen []byte
		err := tally.ReadsBack(cr, func(back io.ReaderAt) error {
			// The file as read: its end from memory, the rest from the file.
			seen = make([]byte, size)
			if _, err := back.ReadAt(seen, 0); err != nil && size > 0 {
				return err
			}
			if size > 8 {
				tail := make([]byte, 8)
				if _, err := back.ReadAt(tail, int64(size-8)); err != nil {
					return err
				}
				if !bytes.Equal(tail, data[size-8:]) {
					t.Errorf("%d bytes: the last 8 read back as %x", size, tail)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if !bytes.Equal(seen, data) {
			t.Errorf("%d bytes: then was given other bytes", size)
		}
		if size <= 10<<10 {
			// Its bytes (none for an empty file) and the end after them;
			// then's reads of a small file are served from memory.
			want := 2
			if size == 0 {
				want = 1
			}
			if cr.reads != want {
				t.Errorf("%d bytes: %d reads of the file, want %d", size, cr.reads, want)
			}
		}
	}
}

func TestReadsBackRefuses(t *testing.T) {
	data := []byte(strings.Repeat("payroll ", 100))
	changed := bytes.Clone(data)
	changed[17] ^= 1
	for name, c := range map[string]struct{ on, want []byte }{
		"shorter":   {data[:700], data},
		"longer":    {append(bytes.Clone(data), "x"...), data},
		"a byte":    {changed, data},
		"all of it": {nil, data},
	} {
		f, tally := written(t, c.on, c.want)
		called := false
		err := tally.ReadsBack(f, func(io.ReaderAt) error { called = true; return nil })
		if err == nil || !strings.Contains(err.Error(), "reads back as") {
			t.Errorf("%s: %v", name, err)
		}
		if called {
			t.Errorf("%s: then ran on a file that does not read back", name)
		}
	}
}
