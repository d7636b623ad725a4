package plan

import (
	"fmt"
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

// Open reads, parses and validates the scheme at path (see Check).
func Open(path string) (*Scheme, []error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, &Error{File: path, Msg: fmt.Sprintf("cannot open the scheme: %v", unwrapPathError(err))}
	}
	defer f.Close()
	return Check(f, path)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
