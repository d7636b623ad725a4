package factsheet

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/spool"
	"github.com/premia-pay/premia/internal/xlsx"
)

// MaxFileBytes bounds a fact sheet's file (or each CSV file of a folder).
const MaxFileBytes = 512 << 20

// Source is a fact sheet as read from disk, once: the bytes premia computes
// from and their SHA-256, which the report's audit sheet shows. Nothing is
// read from the path again, so the hash and the figures belong to the same
// bytes even if the file changes meanwhile. A workbook over CopyAbove
// bytes is kept in a private copy on disk rather than in memory (the
// operating system's cache holds it, not premia's memory): a copy made
// with the hash, read by no one else, and removed from the folder at once
// (it goes when premia exits; on systems that cannot remove an open file,
// on Close).
type Source struct {
	Path   string
	SHA256 string
	xlsx   []byte    // an .xlsx workbook
	copy   *os.File  // or its private copy
	done   func()    // lets the copy go (spool.Temp)
	closed bool      // Close let the bytes go
	size   int64     // the copy's size
	csv    []csvFile // or a folder of CSV tables, sorted by name
}

// CopyAbove is the size over which a workbook is kept in a private copy on
// disk rather than in memory; a variable so that tests can lower it.
var CopyAbove int64 = 16 << 20

// Close lets the fact sheet's bytes go, in memory or in the private copy:
// its Path and SHA256 stay, for the audit sheet; it cannot be read again.
func (s *Source) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.xlsx, s.csv = nil, nil
	if s.copy != nil {
		s.done()
	}
	return nil
}

// isXLSX reports whether the fact sheet is a workbook (not CSV tables).
func (s *Source) isXLSX() bool { return s.xlsx != nil || s.copy != nil }

// errClosed is a read of a Source after Close: a mistake in premia.
func (s *Source) errClosed() error {
	return problem.Errorf("%s: internal error, please report it: the fact sheet is read after it was let go", s.Path)
}

// workbook opens the workbook's structure.
func (s *Source) workbook() (*xlsx.Book, error) {
	if s.copy != nil {
		return xlsx.OpenReaderAt(s.copy, s.size, Limits)
	}
	return xlsx.Open(s.xlsx, Limits)
}

type csvFile struct {
	name, path string
	data       []byte
}

// Load reads a fact sheet: an .xlsx file or a folder of CSV tables. A file
// that is something else is refused with what it is and what to do.
func Load(path string) (*Source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, problem.Errorf("%s: cannot open the fact sheet: %v", path, unwrap(err))
	}
	if st.IsDir() {
		return loadDir(path)
	}
	if st.Size() > MaxFileBytes {
		return nil, problem.Errorf("%s: %d bytes is over the %d-byte limit for a fact sheet", path, st.Size(), MaxFileBytes)
	}
	if st.Size() > CopyAbove {
		if src, err := loadCopy(path); err != errNoCopy {
			return src, err
		}
		// No temporary folder to copy into: read into memory.
	}
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	if err := sniff(path, data[:min(len(data), 512)], len(data)); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Source{Path: path, SHA256: hex.EncodeToString(sum[:]), xlsx: data}, nil
}

// errNoCopy: no private copy could be made (no usable temporary folder).
var errNoCopy = errors.New("no private copy")

// loadCopy reads a large workbook into a private copy on disk, hashing it
// on the way; errNoCopy when the copy cannot be made.
func loadCopy(path string) (*Source, error) {
	in, err := os.Open(path)
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the fact sheet: %v", path, unwrap(err))
	}
	defer in.Close()
	return copyFrom(in, path)
}

// LoadReader reads an .xlsx fact sheet from r (standard input), called name
// in messages: a small one into memory, a large one into a private copy,
// as Load does a file.
func LoadReader(r io.Reader, name string) (*Source, error) {
	data, err := io.ReadAll(io.LimitReader(r, CopyAbove+1))
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the fact sheet: %v", name, unwrap(err))
	}
	if int64(len(data)) > CopyAbove {
		rest := io.MultiReader(bytes.NewReader(data), r)
		src, err := copyFrom(rest, name)
		if err != errNoCopy {
			return src, err
		}
		// No temporary folder to copy into: read into memory.
		more, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1-int64(len(data))))
		if err != nil {
			return nil, problem.Errorf("%s: cannot read the fact sheet: %v", name, unwrap(err))
		}
		data = append(data, more...)
		if len(data) > MaxFileBytes {
			return nil, problem.Errorf("%s: over the %d-byte limit for a fact sheet", name, MaxFileBytes)
		}
	}
	if err := sniff(name, data[:min(len(data), 512)], len(data)); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Source{Path: name, SHA256: hex.EncodeToString(sum[:]), xlsx: data}, nil
}

// copyFrom reads a fact sheet from in into a private copy on disk,
// hashing it on the way; errNoCopy when the copy cannot be made (nothing
// of in read then).
func copyFrom(in io.Reader, path string) (*Source, error) {
	cp, done, err := spool.Temp("premia-facts-*.xlsx")
	if err != nil {
		return nil, errNoCopy
	}
	src := &Source{Path: path, copy: cp, done: done}
	fail := func(err error) (*Source, error) {
		src.Close()
		return nil, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(cp, h), io.LimitReader(in, MaxFileBytes+1))
	if err != nil {
		return fail(problem.Errorf("%s: cannot read the fact sheet: %v", path, unwrap(err)))
	}
	if n > MaxFileBytes {
		return fail(problem.Errorf("%s: over the %d-byte limit for a fact sheet", path, MaxFileBytes))
	}
	head := make([]byte, min(n, 512))
	if _, err := cp.ReadAt(head, 0); err != nil {
		return fail(problem.Errorf("%s: cannot read the private copy of the fact sheet: %v", path, unwrap(err)))
	}
	if err := sniff(path, head, int(n)); err != nil {
		return fail(err)
	}
	src.SHA256, src.size = hex.EncodeToString(h.Sum(nil)), n
	return src, nil
}

// readFile reads at most MaxFileBytes of a file (it may grow after Stat).
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the fact sheet: %v", path, unwrap(err))
	}
	defer f.Close()
	// Read into a buffer of the file's size, not one doubled from 512
	// bytes; a file that grows meanwhile is read on to its end.
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = int(min(fi.Size(), MaxFileBytes+1))
	}
	data := make([]byte, size, size+1)
	n, err := io.ReadFull(f, data)
	data = data[:n]
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil // the file shrank: what is there is what is read
	}
	if err == nil {
		var more []byte
		more, err = io.ReadAll(io.LimitReader(f, MaxFileBytes+1-int64(len(data))))
		data = append(data, more...)
	}
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the fact sheet: %v", path, unwrap(err))
	}
	if len(data) > MaxFileBytes {
		return nil, problem.Errorf("%s: over the %d-byte limit for a fact sheet", path, MaxFileBytes)
	}
	return data, nil
}

// sniff tells by its first bytes (head, of a file of size bytes) what a
// file given as a fact sheet is, and refuses what is not an .xlsx workbook
// with what to do instead.
func sniff(path string, head []byte, size int) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case size == 0:
		return problem.Errorf("%s: the file is empty", path)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil // a zip: xlsx.Open tells an .ods or a damaged file
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return problem.Errorf("%s: a legacy .xls workbook or a password-protected .xlsx: open it in Excel and save as .xlsx (Excel Workbook) without a password", path)
	case ext == ".yaml" || ext == ".yml" || looksLikeScheme(head):
		return problem.Errorf("%s: this is a scheme (YAML), not a fact sheet: give the scheme first and the fact sheet second (premia calc SCHEME FACTS)", path)
	case ext == ".ods":
		return problem.Errorf("%s: an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel 2007-365) and run again", path)
	case ext == ".csv":
		return problem.Errorf("%s: a single CSV file: put the tables (roster.csv, facts.csv, …) in a folder and pass the folder", path)
	}
	return problem.Errorf("%s: not an .xlsx workbook (no zip signature); for CSV pass the folder that holds roster.csv and facts.csv", path)
}

// looksLikeScheme reports whether text starts like a premia scheme.
func looksLikeScheme(head []byte) bool {
	for _, line := range strings.Split(string(head), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || line == "---" {
			continue
		}
		return strings.HasPrefix(line, "version:") || strings.HasPrefix(line, "id:")
	}
	return false
}

// loadDir reads the CSV files of a folder.
func loadDir(dir string) (*Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the folder: %v", dir, unwrap(err))
	}
	src := &Source{Path: dir}
	h := sha256.New()
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, name)
		data, err := readFile(p)
		if err != nil {
			return nil, err
		}
		io.WriteString(h, name+"\x00")
		h.Write(data)
		src.csv = append(src.csv, csvFile{name: name, path: p, data: data})
	}
	src.SHA256 = hex.EncodeToString(h.Sum(nil))
	return src, nil
}

// unwrap drops the operation and path from an OS error: the caller names
// the file.
func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
