package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplaces(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content = %q, want new", b)
	}
	assertOnlyFile(t, p)
}

func TestFailedWriteLeavesOldFile(t *testing.T) {
	for name, tc := range map[string]struct {
		write func(io.Writer) error
		check func(*os.File) error
	}{
		"write fails midway": {
			write: func(w io.Writer) error { io.WriteString(w, "partial"); return errors.New("disk full") },
		},
		"check fails": {
			write: func(w io.Writer) error { _, err := io.WriteString(w, "bad"); return err },
			check: func(*os.File) error { return errors.New("amounts differ") },
		},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "report.xlsx")
			if err := os.WriteFile(p, []byte("earlier report"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Write(p, tc.write, tc.check); err == nil {
				t.Fatal("no error")
			}
			if b, _ := os.ReadFile(p); string(b) != "earlier report" {
				t.Errorf("earlier file = %q, want it untouched", b)
			}
			assertOnlyFile(t, p)
		})
	}
}

func TestWriteCreatesFolder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out", "r.csv")
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }, nil); err != nil {
		t.Fatal(err)
	}
	assertOnlyFile(t, p)
}

func TestWriteUnderAFile(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(blocker, "r.csv"), func(io.Writer) error { return nil }, nil); err == nil {
		t.Fatal("no error when the folder is a file")
	}
}

// assertOnlyFile checks that no temporary file is left beside p.
func assertOnlyFile(t *testing.T, p string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(p))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(p) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q, want only %s", names, filepath.Base(p))
	}
}

// TestSweepsTempOfDeadProcess: a temporary file left by a killed run (its
// process gone) is removed by the next write; one of a live process is kept.
func TestSweepsTempOfDeadProcess(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.xlsx")
	dead := filepath.Join(dir, ".report.xlsx.premia-999999999-123.tmp") // no such process
	live := filepath.Join(dir, fmt.Sprintf(".report.xlsx.premia-%d-456.tmp", os.Getppid()))
	for _, f := range []string{dead, live} {
		if err := os.WriteFile(f, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the dead run's temporary file is still there")
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a live run's temporary file was removed: %v", err)
	}
}

// TestCreateNeverReplaces: Create writes a new file, checked, and refuses
// an existing one, leaving it as it was and no temporary file behind; a
// failed check leaves no file.
func TestCreateNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "closed", "2026-10.json")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := Create(path, write("first"), nil); err != nil {
		t.Fatal(err)
	}
	err := Create(path, write("second"), nil)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "exists already, and is not written over") {
		t.Errorf("Create over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("the file holds %q after a refused Create", b)
	}
	bad := filepath.Join(dir, "closed", "2026-11.json")
	if err := Create(bad, write("x"), func(*os.File) error { return errors.New("no") }); err == nil {
		t.Error("a failed check created the file")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "closed"))
	if len(entries) != 1 || entries[0].Name() != "2026-10.json" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want 2026-10.json alone", names)
	}
}
