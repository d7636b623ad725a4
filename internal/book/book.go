package book

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// The names of a book's parts.
const (
	SchemeFile = "scheme.yaml"
	FactsDir   = "facts"
	ClosedDir  = "closed"
)

// Book is a client's folder, as listed when opened.
type Book struct {
	Dir string
	// facts are the fact sheets by period: each a path relative to Dir
	// (facts/2026-10.xlsx, facts/2026-11 for a CSV folder); two for a
	// period is an error FactSheet reports.
	facts map[period.Period][]string
	// closed are the snapshots by period (closed/2026-10.json).
	closed map[period.Period]string
}

// Open lists the book in dir: its scheme must be there; facts/ and
// closed/ may be missing (a new book).
func Open(dir string) (*Book, error) {
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, problem.Errorf("%s: cannot open the book: %v", dir, unwrap(err))
	case !st.IsDir():
		return nil, problem.Errorf("%s: is a file, and a book is a folder (scheme.yaml, facts/, closed/): name the client's folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, SchemeFile)); err != nil {
		return nil, problem.Errorf("%s: the book has no %s: a book is a folder holding the scheme (%s), its fact sheets (%s/) and its closed periods (%s/); see docs/book.md", dir, SchemeFile, SchemeFile, FactsDir, ClosedDir)
	}
	b := &Book{Dir: dir, facts: map[period.Period][]string{}, closed: map[period.Period]string{}}
	// Every entry named by a period is taken for its fact sheet, whatever
	// its kind (a single CSV file, an .ods): the reader refuses what it
	// cannot read, saying what to do, rather than the book saying there is
	// none.
	if err := b.list(FactsDir, func(p period.Period, rel string, _ bool, _ string) {
		b.facts[p] = append(b.facts[p], rel)
	}); err != nil {
		return nil, err
	}
	if err := b.list(ClosedDir, func(p period.Period, rel string, isDir bool, ext string) {
		if !isDir && ext == ".json" {
			b.closed[p] = rel
		}
	}); err != nil {
		return nil, err
	}
	return b, nil
}

// list calls f for each entry of the book's folder sub whose name, less
// its extension, is a period: other names (README.md, an editor's lock
// file ~$2026-10.xlsx) are not the book's.
func (b *Book) list(sub string, f func(p period.Period, rel string, isDir bool, ext string)) error {
	entries, err := os.ReadDir(filepath.Join(b.Dir, sub))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return problem.Errorf("%s: cannot list the book's %s/: %v", b.Dir, sub, unwrap(err))
	}
	for _, e := range entries {
		name := e.Name()
		isDir := e.IsDir()
		if !isDir && e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(b.Dir, sub, name)); err == nil {
				isDir = st.IsDir()
			}
		}
		stem, ext := name, ""
		if !isDir {
			ext = filepath.Ext(name)
			stem = strings.TrimSuffix(name, ext)
		}
		p, err := period.Parse(stem)
		if err != nil || stem != strings.TrimSpace(stem) {
			continue
		}
		f(p, filepath.ToSlash(filepath.Join(sub, name)), isDir, ext)
	}
	return nil
}

// Scheme is the path of the book's scheme.
func (b *Book) Scheme() string { return filepath.Join(b.Dir, SchemeFile) }

// Path is rel (a name FactSheet or Snapshot gives) as a path.
func (b *Book) Path(rel string) string { return filepath.Join(b.Dir, filepath.FromSlash(rel)) }

// Name is the name the book gives the fact sheet of period p: facts/P.xlsx.
func Name(p period.Period) string { return FactsDir + "/" + p.String() + ".xlsx" }

// SnapshotName is the name of the snapshot of period p: closed/P.json.
func SnapshotName(p period.Period) string { return ClosedDir + "/" + p.String() + ".json" }

// FactSheet is the fact sheet of period p, relative to the book's folder:
// facts/P.xlsx or the CSV folder facts/P. None, or two, is an error that
// says what the book holds.
func (b *Book) FactSheet(p period.Period) (string, error) {
	files := b.facts[p]
	switch len(files) {
	case 1:
		return files[0], nil
	case 0:
		return "", problem.Errorf("%s: the book has no fact sheet for %s: expected %s (or a folder %s/ of CSV tables); the book has %s", b.Dir, p, Name(p), FactsDir+"/"+p.String(), b.periodList())
	}
	return "", problem.Errorf("%s: the book has two fact sheets for %s, %s: keep one", b.Dir, p, strings.Join(files, " and "))
}

// periodList names the periods the book has fact sheets for.
func (b *Book) periodList() any {
	ps := b.Periods()
	if len(ps) == 0 {
		return problem.New("no fact sheet yet (%s/ is empty or missing)", FactsDir)
	}
	words := make([]string, len(ps))
	for i, p := range ps {
		words[i] = p.String()
	}
	return problem.New("fact sheets for %s", strings.Join(words, ", "))
}

// Periods are the periods the book has a fact sheet for, in order
// (period.Compare: a quarter after its months).
func (b *Book) Periods() []period.Period {
	var out []period.Period
	for p := range b.facts {
		out = append(out, p)
	}
	slices.SortFunc(out, period.Compare)
	return out
}

// Before is the latest period of p's kind before p that has a fact sheet:
// the roster a new period's sheet carries over.
func (b *Book) Before(p period.Period) (period.Period, bool) {
	var best period.Period
	for q := range b.facts {
		if q.Kind() == p.Kind() && period.Compare(q, p) < 0 && period.Compare(q, best) > 0 {
			best = q
		}
	}
	return best, !best.IsZero()
}

// First reports whether the book has no period of p's kind before p,
// neither a fact sheet nor a snapshot: p is where the book starts, and
// what a period carries over from the one before it is the inputs'.
func (b *Book) First(p period.Period) bool {
	for q := range b.facts {
		if q.Kind() == p.Kind() && period.Compare(q, p) < 0 {
			return false
		}
	}
	for q := range b.closed {
		if q.Kind() == p.Kind() && period.Compare(q, p) < 0 {
			return false
		}
	}
	return true
}

// Closed is the snapshot of period p, relative to the book's folder, and
// whether p is closed.
func (b *Book) Closed(p period.Period) (string, bool) {
	rel, ok := b.closed[p]
	return rel, ok
}

// ClosedPeriods are the book's closed periods, each with its snapshot's
// name relative to the book's folder (2026-09 → closed/2026-09.json).
func (b *Book) ClosedPeriods() map[string]string {
	out := make(map[string]string, len(b.closed))
	for p, rel := range b.closed {
		out[p.String()] = rel
	}
	return out
}

// unwrap drops the operation and path from an OS error: the message
// names the book.
func unwrap(err error) error {
	if e, ok := err.(*os.PathError); ok {
		return e.Err
	}
	return err
}
