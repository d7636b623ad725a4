package book

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// SnapshotFormat is the version of the snapshot's layout this premia
// writes. It reads every format from oldestSnapshotFormat on: 1, the
// result alone; 2, the result and before it the figures section
// (section.go).
const SnapshotFormat = 2

const oldestSnapshotFormat = 1

// formatError is the refusal of a snapshot of a format this premia does
// not read.
func formatError(path string, n int, premia string) error {
	return problem.Errorf("%s: a snapshot of format %d, and this premia reads formats %d to %d: read it with the premia that wrote it (%s)", path, n, oldestSnapshotFormat, SnapshotFormat, premia)
}

// Snapshot is a closed period as premia close wrote it (closed/P.json):
// what the period's figures were computed from, by which premia and when,
// and every figure, as calc --format json printed them.
type Snapshot struct {
	// Format is SnapshotFormat.
	Format int `json:"premia_snapshot"`
	// Period is the period closed (2026-10, 2026-Q4, 2026).
	Period string `json:"period"`
	// Closed is the day it was closed, YYYY-MM-DD.
	Closed string `json:"closed"`
	// Premia is the version of premia that closed it.
	Premia string `json:"premia"`
	// Scheme is the scheme the figures were computed by: its name in the
	// book, the SHA-256 of its bytes, and its text, so that the figures
	// are shown as they were (the columns of its components, the titles
	// of its roles) whatever becomes of the book's scheme.
	Scheme Input `json:"scheme"`
	// Facts is the fact sheet they were computed from: its name in the
	// book and the SHA-256 of its bytes (of every CSV table of a folder).
	Facts Input `json:"facts"`
	// Figures is the figures section (format 2, section.go): each
	// employee's figures that the commands looking back read, a line
	// each, derived from Result by Encode.
	Figures json.RawMessage `json:"figures,omitempty"`
	// Result is calc's JSON output of the period, exactly: the heading,
	// each employee's lines, the totals.
	Result json.RawMessage `json:"result"`
}

// Input is a file a snapshot's figures were computed from.
type Input struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Text   string `json:"text,omitempty"`
}

// Encode is the snapshot as written: two-space indented JSON, the fields
// in a fixed order, from format 2 the figures section (derived from the
// result, whatever Figures holds) a row a line, the result indented under
// its key, a newline last. The same snapshot gives the same bytes.
func (s *Snapshot) Encode() ([]byte, error) {
	var res bytes.Buffer
	if err := json.Indent(&res, bytes.TrimSpace(s.Result), "  ", "  "); err != nil {
		return nil, err
	}
	head := *s
	head.Result = json.RawMessage("null")
	head.Figures = nil
	var section []byte
	if s.Format >= 2 {
		var err error
		if section, err = figuresSection(s.Result); err != nil {
			return nil, err
		}
		head.Figures = json.RawMessage("null")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&head); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	i := bytes.LastIndex(out, []byte(`"result": null`))
	if i < 0 {
		return nil, errors.New("snapshot: no result key")
	}
	var b bytes.Buffer
	if section != nil {
		j := bytes.LastIndex(out[:i], []byte(`"figures": null`))
		if j < 0 {
			return nil, errors.New("snapshot: no figures key")
		}
		b.Write(out[:j])
		b.WriteString(`"figures": `)
		b.Write(section)
		out, i = out[j+len(`"figures": null`):], i-j-len(`"figures": null`)
	}
	b.Write(out[:i])
	b.WriteString(`"result": `)
	b.Write(res.Bytes())
	b.Write(out[i+len(`"result": null`):])
	return b.Bytes(), nil
}

// ReadSnapshot reads the snapshot at path, the snapshot of period p (its
// name in the book). A file that is no snapshot of p is an error naming
// it and, for broken JSON, the line and column.
func ReadSnapshot(path string, p period.Period) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the snapshot: %v", path, unwrap(err))
	}
	return ParseSnapshot(data, path, p)
}

// ParseSnapshot is ReadSnapshot of the bytes read from path.
func ParseSnapshot(data []byte, path string, p period.Period) (*Snapshot, error) {
	var s Snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			line, col := lineCol(data, syn.Offset)
			return nil, problem.Errorf("%s:%d:%d: the snapshot is not valid JSON (%v): it was edited by hand or cut short; restore it from git", path, line, col, syn)
		case errors.As(err, &typ):
			line, col := lineCol(data, typ.Offset)
			return nil, problem.Errorf("%s:%d:%d: %s holds %s, not what a snapshot holds there: restore it from git", path, line, col, typ.Field, typ.Value)
		}
		return nil, problem.Errorf("%s: the snapshot cannot be read (%v): restore it from git", path, err)
	}
	switch {
	case s.Format < oldestSnapshotFormat || s.Format > SnapshotFormat:
		return nil, formatError(path, s.Format, s.Premia)
	case s.Period != p.String():
		return nil, problem.Errorf("%s: the snapshot is of %s, but its name in the book says %s: it was moved or edited; restore it from git", path, s.Period, p)
	case len(s.Result) == 0 || bytes.Equal(s.Result, []byte("null")):
		return nil, problem.Errorf("%s: the snapshot has no result: restore it from git", path)
	case s.Format < 2 && len(s.Figures) > 0:
		return nil, problem.Errorf("%s: a snapshot of format %d has no figures section, and this one has: it was edited by hand; restore it from git", path, s.Format)
	case s.Format >= 2:
		if err := s.checkFigures(data, path, p); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// lineCol is the 1-based line and column of the byte just before offset
// off in data: encoding/json's offsets are past the byte at fault.
func lineCol(data []byte, off int64) (int, int) {
	off = max(off-1, 0)
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := string(data[:off])
	line := strings.Count(before, "\n") + 1
	col := int(off) - strings.LastIndexByte(before, '\n')
	return line, col
}

// Changes are what differs between the inputs a snapshot's figures were
// computed from and those of a run of its period now: the causes of a
// figure that differs.
type Changes struct {
	Scheme    bool // the scheme's bytes (its SHA-256)
	Facts     bool // the fact sheet's bytes
	FactsGone bool // the book has no fact sheet for the period now
	Premia    bool // premia's version
	// The scheme's and the fact sheet's SHA-256 and premia's version now.
	SchemeSHA256, FactsSHA256, Version string
}

// Changes compares the snapshot's inputs with a run's now: the scheme's
// and the fact sheet's SHA-256 ("" for a fact sheet that is gone) and
// premia's version.
func (s *Snapshot) Changes(schemeSHA256, factsSHA256, version string) Changes {
	return Changes{
		Scheme: schemeSHA256 != s.Scheme.SHA256, Facts: factsSHA256 != "" && factsSHA256 != s.Facts.SHA256,
		FactsGone: factsSHA256 == "", Premia: version != s.Premia,
		SchemeSHA256: schemeSHA256, FactsSHA256: factsSHA256, Version: version,
	}
}

// Any reports whether anything changed.
func (c Changes) Any() bool { return c.Scheme || c.Facts || c.FactsGone || c.Premia }
