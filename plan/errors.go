package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Error is one located problem in a scheme file.
type Error struct {
	File string
	Pos  Pos
	Path string // dotted path of the field, e.g. roles[0].kpis[1].norm
	Msg  string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Pos.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", e.File, e.Pos.Line, e.Pos.Col)
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Path, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}

// Load reads and parses the scheme at path. It does not validate it.
func Load(path string) (*Scheme, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot open the scheme: %v", unwrapPathError(err))}
	}
	defer f.Close()
	return Parse(f, path)
}

// MaxFileBytes bounds a scheme file.
const MaxFileBytes = 16 << 20

// Open reads, parses and validates the scheme at path (see Check). The file
// is read once; the scheme's SHA256 is of exactly those bytes. A file that
// is plainly not a scheme (a workbook, a folder) is refused with what it is.
func Open(path string) (*Scheme, []error, error) {
	fail := func(format string, args ...any) (*Scheme, []error, error) {
		return nil, nil, &Error{File: path, Msg: fmt.Sprintf(format, args...)}
	}
	st, err := os.Stat(path)
	if err != nil {
		return fail("cannot open the scheme: %v", unwrapPathError(err))
	}
	if st.IsDir() {
		return fail("is a folder, not a scheme: give the scheme's .yaml file first, then the fact sheet (premia calc SCHEME FACTS)")
	}
	f, err := os.Open(path)
	if err != nil {
		return fail("cannot open the scheme: %v", unwrapPathError(err))
	}
	defer f.Close()
	return Read(f, path)
}

// Read is Open for a scheme read from r (standard input), called name in
// messages.
func Read(r io.Reader, name string) (*Scheme, []error, error) {
	path := name
	fail := func(format string, args ...any) (*Scheme, []error, error) {
		return nil, nil, &Error{File: path, Msg: fmt.Sprintf(format, args...)}
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return fail("cannot read the scheme: %v", unwrapPathError(err))
	}
	switch {
	case len(data) > MaxFileBytes:
		return fail("over %d bytes: not a scheme", MaxFileBytes)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return fail("this is a workbook (a fact sheet?), not a scheme: give the scheme's .yaml file first, then the fact sheet (premia calc SCHEME FACTS)")
	}
	s, warnings, err := Check(bytes.NewReader(data), path)
	if s != nil {
		sum := sha256.Sum256(data)
		s.SHA256 = hex.EncodeToString(sum[:])
	}
	return s, warnings, err
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
