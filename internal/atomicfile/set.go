package atomicfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ManifestName is the file in a set's folder that lists the set's files, one
// name a line: what premia wrote there, so that a later run replaces those
// and nothing else.
const ManifestName = ".premia-set"

// Set is a folder of files replaced as one: the files are written into a
// hidden staging folder beside it (".<folder>.premia-<pid>-new"), each
// checked as it is written; Commit flushes them to disk with one sync and
// swaps the staging folder with the target, so that a reader sees the old set
// or the new one, never a mix, and a file of the old set that the new one
// lacks (a person no longer in the roster) does not stay behind. A run that
// is killed leaves only folders named by its process id, which the next run
// writing the same folder removes.
//
// The target must be premia's: a new or empty folder, or one that holds a
// set written before (listed in its ManifestName file, or, from premia
// versions without it, .xlsx files that premia wrote). A folder with
// anything else is refused, so that no file of the user's is ever swept
// away with the set.
type Set struct {
	mu         sync.Mutex // Write may be called from several goroutines
	dir, stage string
	modes      map[string]os.FileMode // the old set's files and their modes
	dirMode    os.FileMode            // 0: the folder is new
	names      []string               // written into the stage, in order
	done       bool
}

// OpenSet makes ready to write a set of files into dir (see Set).
func OpenSet(dir string) (*Set, error) {
	if dir == "" {
		return nil, errors.New("no folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	// A link to a folder: the folder it points to is the one replaced.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	s := &Set{dir: abs, modes: map[string]os.FileMode{}}
	parent, base := filepath.Split(abs)
	if base == "" {
		return nil, fmt.Errorf("%s: premia replaces the folder as a whole and cannot replace a file system's root: name a folder inside it", dir)
	}
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return nil, fmt.Errorf("%s: cannot create the folder: %v", dir, unwrap(err))
	}
	sweepSets(parent, base, abs)
	if err := s.readOld(dir); err != nil {
		return nil, err
	}
	s.stage = filepath.Join(parent, fmt.Sprintf(".%s.premia-%d-new", base, os.Getpid()))
	os.RemoveAll(s.stage) // from an earlier set of this same process
	if err := os.Mkdir(s.stage, 0o777); err != nil {
		return nil, fmt.Errorf("%s: cannot create the folder beside it where the new files are staged: %v (premia replaces the folder as a whole, so it writes in the folder that holds it)", dir, unwrap(err))
	}
	if s.dirMode != 0 {
		os.Chmod(s.stage, s.dirMode)
	}
	return s, nil
}

// readOld finds the files of the set that dir holds, and refuses a folder
// with anything premia did not write.
func (s *Set) readOld(shown string) error {
	st, err := os.Stat(s.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %v", shown, unwrap(err))
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: is a file, not a folder: name a folder for the workbooks", shown)
	}
	s.dirMode = st.Mode().Perm()
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return fmt.Errorf("%s: cannot read the folder: %v", shown, unwrap(err))
	}
	listed := map[string]bool{}
	manifest, err := os.ReadFile(filepath.Join(s.dir, ManifestName))
	hasManifest := err == nil
	for _, line := range strings.Split(string(manifest), "\n") {
		if line != "" {
			listed[line] = true
		}
	}
	for _, e := range entries {
		name := e.Name()
		if name == ManifestName {
			continue
		}
		info, err := e.Info()
		switch {
		case err != nil:
			return fmt.Errorf("%s: cannot read the folder: %v", shown, unwrap(err))
		case info.IsDir():
			return fmt.Errorf("%s: holds the folder %q, which premia did not write: premia replaces the folder as a whole, so give it a folder of its own (new or empty), or move %q out", shown, name, name)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s: holds %q, which premia did not write: premia replaces the folder as a whole, so give it a folder of its own (new or empty), or move %q out", shown, name, name)
		case hasManifest && !listed[name]:
			return fmt.Errorf("%s: holds %q, which premia did not write (it is not in %s): premia replaces the folder as a whole, so give it a folder of its own (new or empty), or move %q out", shown, name, ManifestName, name)
		case !hasManifest && !writtenByPremia(filepath.Join(s.dir, name)):
			return fmt.Errorf("%s: holds %q, which premia did not write: premia replaces the folder as a whole, so give it a folder of its own (new or empty), or move %q out", shown, name, name)
		}
		s.modes[name] = info.Mode().Perm()
	}
	return nil
}

// writtenByPremia reports whether a file is an .xlsx workbook whose
// document properties name premia as its creator (sets written before the
// manifest existed).
func writtenByPremia(path string) bool {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return false
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "docProps/core.xml" || f.UncompressedSize64 > 1<<20 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		core, err := io.ReadAll(io.LimitReader(rc, 1<<20))
		rc.Close()
		return err == nil && bytes.Contains(core, []byte("creator>premia"))
	}
	return false
}

// Write writes the file name of the set from what write produces (from
// any goroutine); check,
// when not nil, is given the written file's path to verify. The file takes
// the mode of the file of that name in the old set, else 0666 less the umask.
// Errors name the file at its place in the target folder.
func (s *Set) Write(name string, write func(io.Writer) error, check func(f *os.File) error) error {
	final := filepath.Join(s.dir, name)
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done {
		return fmt.Errorf("%s: the set is already committed", final)
	}
	if name == ManifestName || name != filepath.Base(name) || name == "." || name == ".." {
		return fmt.Errorf("%s: not a file name premia writes in a set", final)
	}
	mode := Mode{Perm: 0o666}
	if m, ok := s.modes[name]; ok {
		mode = Mode{Perm: m, Keep: true}
	}
	f, err := createAt(filepath.Join(s.stage, name), mode)
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", final, unwrap(err))
	}
	// No sync here: Commit syncs the whole set at once.
	if err := fill(f, final, false, write, check); err != nil {
		return err
	}
	s.mu.Lock()
	s.names = append(s.names, name)
	s.mu.Unlock()
	return nil
}

// createAt creates a new file at path with the mode given (see createTemp).
func createAt(path string, mode Mode) (*os.File, error) {
	f, err := openNew(path, mode.Perm)
	if err != nil {
		return nil, err
	}
	if mode.Keep {
		if err := f.Chmod(mode.Perm); err != nil {
			f.Close()
			os.Remove(path)
			return nil, err
		}
	}
	return f, nil
}

// Commit puts the set in place of the old one: the manifest is written, the
// files are flushed to disk, and the staging folder takes the target's
// place. It returns the names of the old set's files that the new one
// lacks: they are gone with the old set.
func (s *Set) Commit() (removed []string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil, fmt.Errorf("%s: the set is already committed", s.dir)
	}
	defer func() {
		if err != nil {
			s.abort()
		}
	}()
	names := slices.Clone(s.names)
	slices.Sort(names)
	manifest := strings.Join(names, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(s.stage, ManifestName), []byte(manifest), 0o666); err != nil {
		return nil, fmt.Errorf("%s: cannot write: %v", s.dir, unwrap(err))
	}
	if err := syncFolder(s.stage, append(names, ManifestName)); err != nil {
		return nil, fmt.Errorf("%s: cannot write: %v", s.dir, unwrap(err))
	}
	if s.dirMode == 0 {
		// A new folder: the stage, made with 0777 less the umask, is renamed.
		if err := os.Rename(s.stage, s.dir); err != nil {
			return nil, fmt.Errorf("%s: cannot create: %v", s.dir, unwrap(err))
		}
	} else if err := swap(s.stage, s.dir); err != nil {
		return nil, fmt.Errorf("%s: cannot replace: %v", s.dir, unwrap(err))
	}
	s.done = true
	// The stage now holds the old set (or is gone).
	os.RemoveAll(s.stage)
	syncDir(filepath.Dir(s.dir))
	written := map[string]bool{}
	for _, n := range names {
		written[n] = true
	}
	for n := range s.modes {
		if !written[n] {
			removed = append(removed, n)
		}
	}
	slices.Sort(removed)
	return removed, nil
}

// Abort drops the staged files; the target folder is left as it was.
func (s *Set) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.abort()
}

func (s *Set) abort() {
	if !s.done {
		os.RemoveAll(s.stage)
		s.done = true
	}
}

// sweepSets removes the staging folders of dead premia processes that wrote
// the folder base in parent, and puts back an old set that a killed swap
// left aside (".<base>.premia-<pid>-old" while the folder is missing).
func sweepSets(parent, base, dir string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := "." + base + ".premia-"
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, kind, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || alive(pid) || (kind != "new" && kind != "old") {
			continue
		}
		path := filepath.Join(parent, e.Name())
		if kind == "old" {
			if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
				os.Rename(path, dir)
				continue
			}
		}
		os.RemoveAll(path)
	}
}

// twoRenames swaps the stage and the target folder where the system cannot
// exchange them in one step: the target is moved aside
// (".<folder>.premia-<pid>-old"), the stage put in its place, and the old
// set moved to the stage's name for Commit to remove. A process killed
// between the first two renames leaves the old set aside, and the next run
// puts it back (sweepSets).
func twoRenames(stage, dir string) error {
	parent, base := filepath.Split(dir)
	aside := filepath.Join(parent, fmt.Sprintf(".%s.premia-%d-old", base, os.Getpid()))
	if err := os.Rename(dir, aside); err != nil {
		return err
	}
	if err := os.Rename(stage, dir); err != nil {
		os.Rename(aside, dir)
		return err
	}
	// The stage's name now takes the old set, to be removed by Commit.
	return os.Rename(aside, stage)
}

// syncDir flushes a folder's entries (a rename in it) to disk, where the
// system allows it; a failure is not an error, the data is already synced.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
