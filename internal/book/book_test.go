package book

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/period"
)

// mkbook makes a book of the files given (a name ending in / is a folder).
func mkbook(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range append([]string{SchemeFile}, names...) {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if strings.HasSuffix(n, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func per(s string) period.Period {
	p, err := period.Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

func TestOpenAndFind(t *testing.T) {
	dir := mkbook(t, "facts/2026-10.xlsx", "facts/2026-11/", "facts/2026-12.xlsx", "facts/2026-Q4/",
		"facts/2025-Q4.xlsx", "facts/notes.txt", "facts/~$2026-10.xlsx", "facts/2026-13.xlsx",
		"closed/2026-10.json", "closed/README.md", "README.md")
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range b.Periods() {
		got = append(got, p.String())
	}
	// Names that are no period (notes, Excel's lock file, a month 13) are
	// not the book's; a quarter comes after its months.
	if strings.Join(got, " ") != "2025-Q4 2026-10 2026-11 2026-12 2026-Q4" {
		t.Errorf("Periods() = %v", got)
	}
	for _, c := range []struct{ p, want string }{
		{"2026-10", "facts/2026-10.xlsx"}, {"2026-11", "facts/2026-11"}, {"2026-Q4", "facts/2026-Q4"},
	} {
		if rel, err := b.FactSheet(per(c.p)); err != nil || rel != c.want {
			t.Errorf("FactSheet(%s) = %q, %v; want %q", c.p, rel, err, c.want)
		}
	}
	_, err = b.FactSheet(per("2027-01"))
	if err == nil || !strings.Contains(err.Error(), "the book has no fact sheet for 2027-01: expected facts/2027-01.xlsx (or a folder facts/2027-01/ of CSV tables); the book has fact sheets for 2025-Q4, 2026-10, 2026-11, 2026-12, 2026-Q4") {
		t.Errorf("FactSheet(2027-01) = %v", err)
	}
	// The latest earlier sheet of the same kind: a month's is a month's,
	// a quarter's a quarter's.
	for _, c := range []struct{ p, want string }{
		{"2027-01", "2026-12"}, {"2026-12", "2026-11"}, {"2027-Q1", "2026-Q4"}, {"2026-Q4", "2025-Q4"},
	} {
		if got, ok := b.Before(per(c.p)); !ok || got.String() != c.want {
			t.Errorf("Before(%s) = %s, %v; want %s", c.p, got, ok, c.want)
		}
	}
	if _, ok := b.Before(per("2026-10")); ok {
		t.Error("Before(2026-10) found a month")
	}
	if rel, ok := b.Closed(per("2026-10")); !ok || rel != "closed/2026-10.json" {
		t.Errorf("Closed(2026-10) = %q, %v", rel, ok)
	}
	if _, ok := b.Closed(per("2026-11")); ok {
		t.Error("2026-11 is closed")
	}
}

func TestTwoSheetsAndNoBook(t *testing.T) {
	b, err := Open(mkbook(t, "facts/2026-10.xlsx", "facts/2026-10/", "facts/2026-q4.xlsx", "facts/2026-Q4/"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.FactSheet(per("2026-10")); err == nil || !strings.Contains(err.Error(), "the book has two fact sheets for 2026-10, facts/2026-10 and facts/2026-10.xlsx: keep one") {
		t.Errorf("two for 2026-10: %v", err)
	}
	if _, err := b.FactSheet(per("2026-Q4")); err == nil || !strings.Contains(err.Error(), "two fact sheets for 2026-Q4") {
		t.Errorf("two for 2026-Q4: %v", err)
	}
	// A new book: the scheme alone.
	b, err = Open(mkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.FactSheet(per("2026-10")); err == nil || !strings.Contains(err.Error(), "the book has no fact sheet yet (facts/ is empty or missing)") {
		t.Errorf("a new book: %v", err)
	}
	empty := t.TempDir()
	if _, err := Open(empty); err == nil || !strings.Contains(err.Error(), "the book has no scheme.yaml") {
		t.Errorf("no scheme: %v", err)
	}
	if _, err := Open(filepath.Join(empty, "none")); err == nil || !strings.Contains(err.Error(), "cannot open the book") {
		t.Errorf("no folder: %v", err)
	}
}
