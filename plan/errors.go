package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/premia-pay/premia/internal/problem"
)

// Error is one located problem in a scheme file, or a warning about one.
type Error struct {
	File    string
	Pos     Pos
	Path    string       // dotted path of the field, e.g. roles[0].kpis[1].norm
	Msg     problem.Text // what is wrong and what to do, in English until worded (In)
	Warning bool         // a warning: the scheme is used, but should be looked at
}

func (e *Error) Error() string { return e.In(nil) }

// In is the error worded in the language of w (English when nil).
func (e *Error) In(w problem.Words) string {
	loc := e.File
	if e.Pos.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", e.File, e.Pos.Line, e.Pos.Col)
	}
	msg := e.Msg.In(w)
	if e.Warning {
		msg = problem.New("warning: %s", msg).In(w)
	}
	if e.Path != "" {
		return loc + ": " + e.Path + ": " + msg
	}
	return loc + ": " + msg
}

// errorAt is the located error of the message format with args.
func errorAt(file string, p Pos, path, format string, args ...any) *Error {
	return &Error{File: file, Pos: p, Path: path, Msg: problem.New(format, args...)}
}

// Load reads and parses the scheme at path. It does not validate it.
func Load(path string) (*Scheme, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errorAt(path, Pos{}, "", "cannot open the scheme: %v", unwrapPathError(err))
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
		return nil, nil, errorAt(path, Pos{}, "", format, args...)
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
		return nil, nil, errorAt(path, Pos{}, "", format, args...)
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
