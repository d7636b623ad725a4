package xlsx

import (
	"bytes"
	"fmt"
	"hash"
	"hash/crc32"

	"github.com/klauspost/compress/flate"
)

// SheetStream builds a sheet too long to hold as XML (a summary row per
// employee of a large roster): its rows are compressed each time Flush is
// called, after the amounts they were built to hold are read back from
// their bytes, so memory holds the compressed sheet and a few rows. Set
// the page settings and the Dimension of X before the first Flush; they
// are written then.
type SheetStream struct {
	X SheetWriter

	i       int
	name    string
	started bool
	fw      *flate.Writer
	out     bytes.Buffer
	crc     hash.Hash32
	size    uint64
	buf     []byte
	expect  []byte
	err     error
}

// NewSheetStream starts sheet i of a workbook (written as
// xl/worksheets/sheet{i+1}.xml) called name.
func NewSheetStream(i int, name string) *SheetStream {
	s := &SheetStream{i: i, name: name, crc: crc32.NewIEEE()}
	s.fw, _ = flate.NewWriter(&s.out, flate.BestSpeed)
	return s
}

// Flush compresses the rows written so far, closing the last one: no cell
// may be written to a row at or above it after. The first error (an
// amount that does not read back) is returned, then by every call after.
func (s *SheetStream) Flush() error {
	if s.err != nil {
		return s.err
	}
	x := &s.X
	x.closeRow()
	s.buf = s.buf[:0]
	if !s.started {
		s.started = true
		s.buf = x.appendHead(s.buf)
		s.buf = append(s.buf, `<sheetData>`...)
	}
	if len(x.expect) > 0 {
		if !cellsAsWritten(x.data, 0, x.expect, x.wantAt) {
			if err := numberCells(x.data, wantMap(string(x.expect)), s.name); err != nil {
				s.err = fmt.Errorf("the sheet as built does not hold its amounts: %v", err)
				return s.err
			}
		}
		s.expect = append(s.expect, x.expect...)
		x.expect = x.expect[:0]
	}
	x.wantAt = x.wantAt[:0]
	s.buf = append(s.buf, x.data...)
	x.data = x.data[:0]
	s.write(s.buf)
	return nil
}

func (s *SheetStream) write(b []byte) {
	s.crc.Write(b)
	s.size += uint64(len(b))
	s.fw.Write(b) // into a bytes.Buffer: no error
}

// Close ends the sheet and returns it built, for BookWriter.Put.
func (s *SheetStream) Close() Built {
	if err := s.Flush(); err != nil {
		return Built{Err: err}
	}
	s.buf = append(s.buf[:0], `</sheetData>`...)
	s.buf = s.X.appendTail(s.buf)
	s.write(s.buf)
	s.fw.Close()
	return Built{
		part:    Part{name: fmt.Sprintf("xl/worksheets/sheet%d.xml", s.i+1), crc: s.crc.Sum32(), size: s.size, compressed: s.out.Bytes()},
		expect:  string(s.expect),
		drawing: s.X.Drawing,
	}
}
