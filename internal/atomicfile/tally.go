package atomicfile

import (
	"fmt"
	"hash/crc32"
	"io"
	"sync"
)

// Tally counts and checksums (CRC-32) the bytes written through it: what a
// file was given, for ReadsBack to compare with what the disk gives back.
type Tally struct {
	n   int64
	crc uint32
}

func (t *Tally) Write(p []byte) (int, error) {
	t.n += int64(len(p))
	t.crc = crc32.Update(t.crc, crc32.IEEETable, p)
	return len(p), nil
}

// readBuffers are ReadsBack's: --split and plans read back thousands of
// files.
var readBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// Size is how many bytes were written through t.
func (t *Tally) Size() int64 { return t.n }

// ReadsBack checks that f, read from its start to its end, holds byte for
// byte what was written through t: its size and CRC-32.
func (t *Tally) ReadsBack(f io.ReaderAt) error {
	var back Tally
	buf := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(buf)
	if _, err := io.CopyBuffer(&back, io.NewSectionReader(f, 0, 1<<62), *buf); err != nil {
		return fmt.Errorf("cannot read back: %v", unwrap(err))
	}
	if back != *t {
		return fmt.Errorf("reads back as %d bytes with CRC-32 %08x, but %d bytes with CRC-32 %08x were written", back.n, back.crc, t.n, t.crc)
	}
	return nil
}
