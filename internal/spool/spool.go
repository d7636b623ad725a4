package spool

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sync"
)

// Spool is rows on disk under their keys. Add is safe for concurrent use;
// Sort and Each are called once the rows are all added.
type Spool struct {
	mu    sync.Mutex
	f     *os.File
	done  func() // lets f go (Temp)
	bw    *bufio.Writer
	off   int64
	keys  []byte // every key, one after another
	index []entry
	err   error
}

// entry is a row: its key in keys, its place in the file.
type entry struct {
	k0, kn uint32
	off    int64
	n      uint32
}

// Temp makes a file in the system's temporary folder, readable by its
// owner only (it may hold pay), and removes it from the folder at once:
// the open file is all its user has, so a run that is killed leaves
// nothing behind. done closes it, and removes it where an open file could
// not be removed (never another file made under its name since).
func Temp(pattern string) (f *os.File, done func(), err error) {
	f, err = os.CreateTemp("", pattern)
	if err != nil {
		return nil, nil, err
	}
	named := os.Remove(f.Name()) != nil
	return f, func() {
		f.Close()
		if named {
			named = false
			os.Remove(f.Name())
		}
	}, nil
}

// New makes a spool in a private temporary file (Temp).
func New() (*Spool, error) {
	f, done, err := Temp("premia-*.rows")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary file for the output: %v", err)
	}
	return &Spool{f: f, done: done, bw: bufio.NewWriterSize(f, 256<<10)}, nil
}

// Add adds a row under its key.
func (s *Spool) Add(key string, row []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if len(s.keys)+len(key) > math.MaxUint32 || len(row) > math.MaxUint32 {
		s.err = errors.New("the spool is full: over 4 GB of keys, or a row over 4 GB")
		return s.err
	}
	if _, err := s.bw.Write(row); err != nil {
		s.err = fmt.Errorf("cannot write the temporary file for the output: %v", err)
		return s.err
	}
	s.index = append(s.index, entry{k0: uint32(len(s.keys)), kn: uint32(len(key)), off: s.off, n: uint32(len(row))})
	s.keys = append(s.keys, key...)
	s.off += int64(len(row))
	return nil
}

// Len is the number of rows added.
func (s *Spool) Len() int { return len(s.index) }

func (s *Spool) key(e entry) []byte { return s.keys[e.k0 : e.k0+e.kn] }

// Sort puts the rows in the order of their keys (rows of equal keys in
// the order added) and reports a key added more than once, if any.
func (s *Spool) Sort() (dup string, err error) {
	if s.err != nil {
		return "", s.err
	}
	if err := s.bw.Flush(); err != nil {
		return "", fmt.Errorf("cannot write the temporary file for the output: %v", err)
	}
	slices.SortStableFunc(s.index, func(a, b entry) int { return bytes.Compare(s.key(a), s.key(b)) })
	for i := 1; i < len(s.index); i++ {
		if k := s.key(s.index[i]); bytes.Equal(k, s.key(s.index[i-1])) {
			return string(k), nil
		}
	}
	return "", nil
}

// Each calls f with every row in the order Sort made; the row's bytes are
// f's during the call only. Rows added one after another in the file are
// read in large reads; others one at a time.
func (s *Spool) Each(f func(row []byte) error) error {
	var (
		buf       []byte // the file's bytes from bufOff
		bufOff    int64
		lastEnd   int64 = -1
		readAhead       = 256 << 10
	)
	for _, e := range s.index {
		end := e.off + int64(e.n)
		if e.off < bufOff || end > bufOff+int64(len(buf)) {
			size := int(e.n)
			if e.off == lastEnd { // the rows follow one another: read ahead
				size = max(size, readAhead)
			}
			size = int(min(int64(size), s.off-e.off))
			if cap(buf) < size {
				buf = make([]byte, size)
			}
			buf = buf[:size]
			if _, err := s.f.ReadAt(buf, e.off); err != nil {
				return fmt.Errorf("cannot read the temporary file for the output: %v", err)
			}
			bufOff = e.off
		}
		lastEnd = end
		if err := f(buf[e.off-bufOff : end-bufOff]); err != nil {
			return err
		}
	}
	return nil
}

// Close lets the spool's file go.
func (s *Spool) Close() error {
	s.done()
	return nil
}
