package xlsx

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// This file writes the zip container of a workbook from parts already
// compressed (Part), and walks a written zip's central directory for the
// check of a written file (ZipNames).
//
// The bytes are those archive/zip's Writer writes for the same parts
// through CreateRaw (no times, no extra fields, zip64 records only where
// the format needs them: more than 65,534 entries, or sizes and offsets of
// 4 GiB or more), so readers see what they saw before. It exists because
// --split and plans write thousands of small workbooks, and archive/zip's
// Writer cost some eighty allocations and more time than deflating the
// parts that differ from file to file.

const (
	zipLocalSig     = 0x04034b50
	zipCentralSig   = 0x02014b50
	zipEndSig       = 0x06054b50
	zip64EndSig     = 0x06064b50
	zip64LocatorSig = 0x07064b50
	zipLocalLen     = 30
	zipCentralLen   = 46
	zipEndLen       = 22
	zip64EndLen     = 56
	zip64LocatorLen = 20
	zip64ExtraID    = 0x0001
	zipMax16        = math.MaxUint16
	zipMax32        = math.MaxUint32
)

// zipWriter writes parts to w as a zip, keeping its central directory.
type zipWriter struct {
	w       io.Writer
	n       uint64 // bytes written
	dir     []byte // the central directory so far
	entries uint64
	err     error
	head    [zipLocalLen]byte
}

// newZipWriter starts a zip on w; its directory has room for a workbook of
// a few sheets before it grows.
func newZipWriter(w io.Writer) *zipWriter { return &zipWriter{w: w, dir: make([]byte, 0, 1<<10)} }

func (z *zipWriter) write(p []byte) {
	if z.err != nil {
		return
	}
	n, err := z.w.Write(p)
	z.n += uint64(n)
	z.err = err
}

// add writes part p: its local header, then its bytes as compressed.
func (z *zipWriter) add(p Part) error {
	if z.err != nil {
		return z.err
	}
	if len(p.name) > zipMax16 {
		return errors.New("zip: part name too long")
	}
	const method = 8 // deflate: every part is deflated
	csize, usize, offset := uint64(len(p.compressed)), p.size, z.n
	h := z.head[:0]
	h = binary.LittleEndian.AppendUint32(h, zipLocalSig)
	h = binary.LittleEndian.AppendUint16(h, 0) // version needed
	h = binary.LittleEndian.AppendUint16(h, 0) // flags
	h = binary.LittleEndian.AppendUint16(h, method)
	h = binary.LittleEndian.AppendUint32(h, 0) // time and date
	h = binary.LittleEndian.AppendUint32(h, p.crc)
	h = binary.LittleEndian.AppendUint32(h, uint32(min(csize, zipMax32)))
	h = binary.LittleEndian.AppendUint32(h, uint32(min(usize, zipMax32)))
	h = binary.LittleEndian.AppendUint16(h, uint16(len(p.name)))
	h = binary.LittleEndian.AppendUint16(h, 0) // extra
	z.write(h)
	if z.err == nil {
		n, err := io.WriteString(z.w, p.name)
		z.n += uint64(n)
		z.err = err
	}
	z.write(p.compressed)
	// Its entry in the central directory.
	d := z.dir
	d = binary.LittleEndian.AppendUint32(d, zipCentralSig)
	d = binary.LittleEndian.AppendUint32(d, 0) // versions made by, needed
	d = binary.LittleEndian.AppendUint16(d, 0) // flags
	d = binary.LittleEndian.AppendUint16(d, method)
	d = binary.LittleEndian.AppendUint32(d, 0) // time and date
	d = binary.LittleEndian.AppendUint32(d, p.crc)
	zip64 := csize >= zipMax32 || usize >= zipMax32 || offset >= zipMax32
	extra := 0
	if zip64 {
		d = binary.LittleEndian.AppendUint32(d, zipMax32)
		d = binary.LittleEndian.AppendUint32(d, zipMax32)
		extra = 28
	} else {
		d = binary.LittleEndian.AppendUint32(d, uint32(csize))
		d = binary.LittleEndian.AppendUint32(d, uint32(usize))
	}
	d = binary.LittleEndian.AppendUint16(d, uint16(len(p.name)))
	d = binary.LittleEndian.AppendUint16(d, uint16(extra))
	d = binary.LittleEndian.AppendUint16(d, 0) // comment
	d = binary.LittleEndian.AppendUint32(d, 0) // disk, internal attributes
	d = binary.LittleEndian.AppendUint32(d, 0) // external attributes
	if offset > zipMax32 {
		d = binary.LittleEndian.AppendUint32(d, zipMax32)
	} else {
		d = binary.LittleEndian.AppendUint32(d, uint32(offset))
	}
	d = append(d, p.name...)
	if zip64 {
		d = binary.LittleEndian.AppendUint16(d, zip64ExtraID)
		d = binary.LittleEndian.AppendUint16(d, 24)
		d = binary.LittleEndian.AppendUint64(d, usize)
		d = binary.LittleEndian.AppendUint64(d, csize)
		d = binary.LittleEndian.AppendUint64(d, offset)
	}
	z.dir = d
	z.entries++
	return z.err
}

// close writes the central directory and the end records.
func (z *zipWriter) close() error {
	start := z.n
	z.write(z.dir)
	end := z.n
	records, size, offset := z.entries, end-start, start
	var e []byte
	if records >= zipMax16 || size >= zipMax32 || offset >= zipMax32 {
		e = binary.LittleEndian.AppendUint32(e, zip64EndSig)
		e = binary.LittleEndian.AppendUint64(e, zip64EndLen-12)
		e = binary.LittleEndian.AppendUint16(e, 45) // version made by
		e = binary.LittleEndian.AppendUint16(e, 45) // version needed
		e = binary.LittleEndian.AppendUint32(e, 0)  // this disk
		e = binary.LittleEndian.AppendUint32(e, 0)  // the directory's disk
		e = binary.LittleEndian.AppendUint64(e, records)
		e = binary.LittleEndian.AppendUint64(e, records)
		e = binary.LittleEndian.AppendUint64(e, size)
		e = binary.LittleEndian.AppendUint64(e, offset)
		e = binary.LittleEndian.AppendUint32(e, zip64LocatorSig)
		e = binary.LittleEndian.AppendUint32(e, 0)
		e = binary.LittleEndian.AppendUint64(e, end)
		e = binary.LittleEndian.AppendUint32(e, 1) // disks
		records, size, offset = zipMax16, zipMax32, zipMax32
	}
	e = binary.LittleEndian.AppendUint32(e, zipEndSig)
	e = binary.LittleEndian.AppendUint32(e, 0) // disk numbers
	e = binary.LittleEndian.AppendUint16(e, uint16(records))
	e = binary.LittleEndian.AppendUint16(e, uint16(records))
	e = binary.LittleEndian.AppendUint32(e, uint32(size))
	e = binary.LittleEndian.AppendUint32(e, uint32(offset))
	e = binary.LittleEndian.AppendUint16(e, 0) // comment
	z.write(e)
	z.dir = nil
	return z.err
}

// ZipNames reads the central directory of the zip of size bytes in r, as
// premia writes it (no comment at its end), and gives each entry's name to
// each, which must not keep it. It checks that the directory is whole: its
// end record where the file ends, as many entries as the end record says,
// each where the one before it ends, and the directory ending where the end
// records begin. It reads r twice: the end records, then the directory.
func ZipNames(r io.ReaderAt, size int64, each func(name []byte)) error {
	bad := func(what string) error { return fmt.Errorf("not a whole zip: %s", what) }
	if size < zipEndLen {
		return bad("shorter than its end record")
	}
	tailLen := min(size, zipEndLen+zip64EndLen+zip64LocatorLen)
	var tail [zipEndLen + zip64EndLen + zip64LocatorLen]byte
	t := tail[:tailLen]
	if _, err := r.ReadAt(t, size-tailLen); err != nil {
		return err
	}
	end := t[len(t)-zipEndLen:]
	le := binary.LittleEndian
	if le.Uint32(end) != zipEndSig || le.Uint16(end[20:]) != 0 {
		return bad("no end record at the end")
	}
	records, dirSize, dirAt := uint64(le.Uint16(end[10:])), uint64(le.Uint32(end[12:])), uint64(le.Uint32(end[16:]))
	dirEnd := uint64(size) - zipEndLen
	if records == zipMax16 || dirSize == zipMax32 || dirAt == zipMax32 {
		if len(t) < zipEndLen+zip64EndLen+zip64LocatorLen {
			return bad("no zip64 end records")
		}
		loc, rec := t[zip64EndLen:zip64EndLen+zip64LocatorLen], t[:zip64EndLen]
		dirEnd = uint64(size) - uint64(len(t))
		if le.Uint32(loc) != zip64LocatorSig || le.Uint64(loc[8:]) != dirEnd || le.Uint32(rec) != zip64EndSig {
			return bad("the zip64 end records do not agree")
		}
		records, dirSize, dirAt = le.Uint64(rec[32:]), le.Uint64(rec[40:]), le.Uint64(rec[48:])
	}
	if dirAt+dirSize != dirEnd || dirSize > 1<<30 {
		return bad("the directory does not end where its end record begins")
	}
	dir := make([]byte, dirSize)
	if _, err := r.ReadAt(dir, int64(dirAt)); err != nil {
		return err
	}
	var n uint64
	for len(dir) > 0 {
		if len(dir) < zipCentralLen || le.Uint32(dir) != zipCentralSig {
			return bad(fmt.Sprintf("entry %d of the directory is damaged", n+1))
		}
		k := zipCentralLen + int(le.Uint16(dir[28:])) + int(le.Uint16(dir[30:])) + int(le.Uint16(dir[32:]))
		if k > len(dir) {
			return bad(fmt.Sprintf("entry %d of the directory is cut short", n+1))
		}
		each(dir[zipCentralLen : zipCentralLen+int(le.Uint16(dir[28:]))])
		dir = dir[k:]
		n++
	}
	if n != records {
		return bad(fmt.Sprintf("%d entries in the directory, but its end record says %d", n, records))
	}
	return nil
}
