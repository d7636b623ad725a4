package atomicfile

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// writeSet writes files name → content as one set into dir.
func writeSet(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	s, err := OpenSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := s.Write(n, text(files[n]), nil); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return removed
}

// listing is a folder's entries, name=content, sorted.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out = append(out, e.Name()+"="+strings.ReplaceAll(string(b), "\n", ","))
	}
	return out
}

func TestSetReplacesAsAWhole(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "split")
	if removed := writeSet(t, dir, map[string]string{"a.xlsx": "a1", "b.xlsx": "b1", "c.xlsx": "c1"}); removed != nil {
		t.Errorf("a new folder: removed %v", removed)
	}
	removed := writeSet(t, dir, map[string]string{"a.xlsx": "a2", "b.xlsx": "b2"})
	if want := []string{"c.xlsx"}; !slices.Equal(removed, want) {
		t.Errorf("removed = %v, want %v (c is not in the new set)", removed, want)
	}
	want := []string{ManifestName + "=a.xlsx,b.xlsx,", "a.xlsx=a2", "b.xlsx=b2"}
	if got := listing(t, dir); !slices.Equal(got, want) {
		t.Errorf("folder = %v, want %v", got, want)
	}
	if got := listing(t, parent); len(got) != 1 {
		t.Errorf("beside the folder: %v, want the folder alone (no staging left)", got)
	}
}

func TestSetFailureLeavesOldSet(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "split")
	writeSet(t, dir, map[string]string{"a.xlsx": "a1", "b.xlsx": "b1"})
	before := listing(t, dir)
	for name, fail := range map[string]func(s *Set) error{
		"write fails": func(s *Set) error {
			return s.Write("b.xlsx", func(w io.Writer) error { io.WriteString(w, "part"); return errors.New("disk full") }, nil)
		},
		"check fails": func(s *Set) error {
			return s.Write("b.xlsx", text("bad"), func(*os.File) error { return errors.New("amounts differ") })
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, err := OpenSet(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Write("a.xlsx", text("a2"), nil); err != nil {
				t.Fatal(err)
			}
			err = fail(s)
			if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "b.xlsx")) {
				t.Errorf("error = %v, want one naming %s", err, filepath.Join(dir, "b.xlsx"))
			}
			s.Abort()
			if got := listing(t, dir); !slices.Equal(got, before) {
				t.Errorf("folder = %v, want it as it was: %v", got, before)
			}
			if got := listing(t, parent); len(got) != 1 {
				t.Errorf("beside the folder: %v, want the folder alone", got)
			}
		})
	}
}

// TestSetRefusesOthersFiles: a folder holding anything premia did not write
// is refused before a file is written, and left as it was.
func TestSetRefusesOthersFiles(t *testing.T) {
	tests := map[string]func(dir string){
		"a text file": func(dir string) { os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644) },
		"a workbook premia did not write": func(dir string) {
			writeWorkbook(t, filepath.Join(dir, "facts.xlsx"), "Anna")
		},
		"a subfolder": func(dir string) { os.Mkdir(filepath.Join(dir, "old"), 0o755) },
		"a file not in the manifest": func(dir string) {
			os.WriteFile(filepath.Join(dir, ManifestName), []byte("a.xlsx\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "a.xlsx"), []byte("a"), 0o644)
			os.WriteFile(filepath.Join(dir, "mine.xlsx"), []byte("m"), 0o644)
		},
	}
	for name, fill := range tests {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "split")
			os.Mkdir(dir, 0o755)
			fill(dir)
			before := listing(t, dir)
			_, err := OpenSet(dir)
			if err == nil || !strings.Contains(err.Error(), "premia did not write") || !strings.Contains(err.Error(), dir) {
				t.Fatalf("error = %v, want a refusal naming the folder", err)
			}
			if got := listing(t, dir); !slices.Equal(got, before) {
				t.Errorf("folder = %v, want it untouched: %v", got, before)
			}
		})
	}
	t.Run("a file, not a folder", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "split")
		os.WriteFile(p, []byte("x"), 0o644)
		if _, err := OpenSet(p); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
			t.Errorf("error = %v", err)
		}
	})
}

// writeWorkbook writes a minimal .xlsx whose properties name creator.
func writeWorkbook(t *testing.T, path, creator string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("docProps/core.xml")
	fmt.Fprintf(w, `<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>%s</dc:creator></cp:coreProperties>`, creator)
	zw.Close()
	f.Close()
}

// TestSetTakesOverAnOlderPremiasFolder: a folder of workbooks that premia
// wrote before sets had a manifest is replaced.
func TestSetTakesOverAnOlderPremiasFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "split")
	os.Mkdir(dir, 0o755)
	writeWorkbook(t, filepath.Join(dir, "summary.xlsx"), "premia 0.1.0-dev")
	writeWorkbook(t, filepath.Join(dir, "gone.xlsx"), "premia 0.1.0-dev")
	removed := writeSet(t, dir, map[string]string{"summary.xlsx": "new"})
	if want := []string{"gone.xlsx"}; !slices.Equal(removed, want) {
		t.Errorf("removed = %v, want %v", removed, want)
	}
}

func TestSetSweepsDeadRuns(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "split")
	writeSet(t, dir, map[string]string{"a.xlsx": "a1"})
	deadNew := filepath.Join(parent, ".split.premia-999999999-new") // no such process
	liveNew := filepath.Join(parent, fmt.Sprintf(".split.premia-%d-new", os.Getppid()))
	for _, d := range []string{deadNew, liveNew} {
		os.Mkdir(d, 0o755)
		os.WriteFile(filepath.Join(d, "a.xlsx"), []byte("partial"), 0o644)
	}
	writeSet(t, dir, map[string]string{"a.xlsx": "a2"})
	if _, err := os.Stat(deadNew); !os.IsNotExist(err) {
		t.Errorf("the dead run's staging folder is still there")
	}
	if _, err := os.Stat(liveNew); err != nil {
		t.Errorf("a live run's staging folder was removed: %v", err)
	}

	// Killed between the two renames of a swap: the old set is aside and
	// the folder missing; the next run puts it back before replacing it.
	os.RemoveAll(liveNew)
	os.Rename(dir, filepath.Join(parent, ".split.premia-999999999-old"))
	s, err := OpenSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if got, want := listing(t, dir), []string{ManifestName + "=a.xlsx,", "a.xlsx=a2"}; !slices.Equal(got, want) {
		t.Errorf("the folder put back = %v, want %v", got, want)
	}
}

// TestTwoRenames: the swap used where the file system has no exchange.
func TestTwoRenames(t *testing.T) {
	parent := t.TempDir()
	stage, dir := filepath.Join(parent, "stage"), filepath.Join(parent, "dir")
	os.Mkdir(stage, 0o755)
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(stage, "f"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(dir, "f"), []byte("old"), 0o644)
	if err := twoRenames(stage, dir); err != nil {
		t.Fatal(err)
	}
	if got := listing(t, dir); !slices.Equal(got, []string{"f=new"}) {
		t.Errorf("dir = %v, want the new set", got)
	}
	if got := listing(t, stage); !slices.Equal(got, []string{"f=old"}) {
		t.Errorf("stage = %v, want the old set, to be removed", got)
	}
}
