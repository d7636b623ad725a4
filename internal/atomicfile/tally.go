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
// byte what was written through t: its size and CRC-32. Then, if then is
// not nil, it gives then the file as read, for a further check (a zip
// reader of the directory at the file's end): its last 64 KB, all of a
// small file, are served from the bytes just read, with no more reads of
// the file, until then returns.
//
// A file of --split, some 10 KB, is read with two reads: its bytes, and
// the end of the file after them.
func (t *Tally) ReadsBack(f io.ReaderAt, then func(back io.ReaderAt) error) error {
	bp := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(bp)
	buf := *bp
	var back Tally
	last := tail{f: f}
	// The bytes written, in chunks that end where they end.
	for off := int64(0); off < t.n; {
		want := min(int64(len(buf)), t.n-off)
		n, err := f.ReadAt(buf[:want], off)
		back.Write(buf[:n])
		off += int64(n)
		if err == io.EOF && int64(n) < want {
			return t.differs(back) // shorter than written
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("cannot read back: %v", unwrap(err))
		}
		last.at, last.b = off-int64(n), buf[:n]
	}
	// Whatever follows them: nothing, unless the file is longer.
	var more [512]byte
	for off := t.n; ; {
		n, err := f.ReadAt(more[:], off)
		back.Write(more[:n])
		off += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("cannot read back: %v", unwrap(err))
		}
	}
	if back != *t {
		return t.differs(back)
	}
	if then == nil {
		return nil
	}
	return then(&last)
}

func (t *Tally) differs(back Tally) error {
	return fmt.Errorf("reads back as %d bytes with CRC-32 %08x, but %d bytes with CRC-32 %08x were written", back.n, back.crc, t.n, t.crc)
}

// tail reads f, serving from b what lies at at.
type tail struct {
	f  io.ReaderAt
	at int64
	b  []byte
}

func (r *tail) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.at && off+int64(len(p)) <= r.at+int64(len(r.b)) {
		return copy(p, r.b[off-r.at:]), nil
	}
	return r.f.ReadAt(p, off)
}
