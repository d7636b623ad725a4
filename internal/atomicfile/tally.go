package atomicfile

import (
	"fmt"
	"hash/crc32"
	"io"
	"os"
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

// ReadsBack checks that the file at path holds, byte for byte, what was
// written through t: its size and CRC-32.
func (t *Tally) ReadsBack(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot reopen: %v", unwrap(err))
	}
	defer f.Close()
	var back Tally
	if _, err := io.Copy(&back, f); err != nil {
		return fmt.Errorf("cannot read back: %v", unwrap(err))
	}
	if back != *t {
		return fmt.Errorf("reads back as %d bytes with CRC-32 %08x, but %d bytes with CRC-32 %08x were written", back.n, back.crc, t.n, t.crc)
	}
	return nil
}
