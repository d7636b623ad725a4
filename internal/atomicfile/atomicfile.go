// Package atomicfile writes a file so that readers see either the old content
// or the complete new one: the data goes to a temporary file in the same
// folder, is synced and checked, and only then renamed over the target.
package atomicfile

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Mode is the mode a written file gets: Perm, or, when Keep is false,
// Perm less the process's umask (the mode os.Create gives a new file).
type Mode struct {
	Perm os.FileMode
	Keep bool
}

// ModeFor is the mode a file written at path is to have: an existing file
// keeps its own (a payroll file made private stays private); a new one gets
// 0666 less the umask, as any program's new file does.
func ModeFor(path string) Mode {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		return Mode{Perm: st.Mode().Perm(), Keep: true}
	}
	return Mode{Perm: 0o666}
}

// Write creates path from what write produces, creating its folder if needed. If write, check or any file
// operation fails, the target is left as it was and the temporary file is
// removed. check, when not nil, is given the temporary file, written and
// still open (read it with ReadAt; f.Name() is its name), to verify before
// it is published: read back through the same descriptor, a set of
// thousands of files is not opened again for each check. The file gets the mode ModeFor(path) gives, from
// the moment the temporary file is created.
func Write(path string, write func(io.Writer) error, check func(f *os.File) error) (err error) {
	mode := ModeFor(path)
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s: is a folder, not a file: choose a file name", path)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: cannot create the folder: %v", path, unwrap(err))
	}
	Sweep(dir, base)
	tmp, err := createTemp(dir, fmt.Sprintf(".%s.premia-%d-", base, os.Getpid()), ".tmp", mode)
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrap(err))
	}
	name := tmp.Name()
	if err := fill(tmp, path, true, write, check); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: cannot replace: %v", path, unwrap(err))
	}
	return nil
}

// ErrExists is the error Create returns, wrapped, when its target exists.
var ErrExists = os.ErrExist

// Create is Write for a file that must not exist: it is never replaced.
// The data is written, synced and checked in a temporary file as Write
// does, then published with a hard link, which fails if the target exists
// by then (another premia created it meanwhile); where the file system
// has no hard links, with a rename after the target was found missing.
// An existing target is an error wrapping ErrExists, and the target is
// left as it is.
func Create(path string, write func(io.Writer) error, check func(f *os.File) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: exists already, and is not written over: %w", path, ErrExists)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: cannot create the folder: %v", path, unwrap(err))
	}
	Sweep(dir, base)
	tmp, err := createTemp(dir, fmt.Sprintf(".%s.premia-%d-", base, os.Getpid()), ".tmp", Mode{Perm: 0o666})
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrap(err))
	}
	name := tmp.Name()
	if err := fill(tmp, path, true, write, check); err != nil {
		return err
	}
	defer os.Remove(name)
	err = os.Link(name, path)
	switch {
	case err == nil:
		syncDir(dir)
		return nil
	case os.IsExist(err):
		return fmt.Errorf("%s: exists already, and is not written over: %w", path, ErrExists)
	}
	// No hard links here (some network and FAT file systems): rename,
	// having looked once more that the target is missing.
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: exists already, and is not written over: %w", path, ErrExists)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrap(err))
	}
	return nil
}

// fill writes the new file f from write, syncs it if asked, runs check on
// it and closes it; on any failure the file is removed. Errors name shown,
// the place the file is to take.
func fill(f *os.File, shown string, sync bool, write func(io.Writer) error, check func(*os.File) error) (err error) {
	path := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(path)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("%s: %v", shown, err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("%s: cannot write: %v", shown, unwrap(err))
		}
	}
	if check != nil {
		if err := check(f); err != nil {
			return fmt.Errorf("%s: the written file failed its check, nothing was replaced: %v", shown, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %v", shown, unwrap(err))
	}
	return nil
}

// createTemp creates a new file named prefix + a random number + suffix in
// dir with the mode given: created with it (the umask applies), then, to
// keep an existing file's mode exactly, set to it. It is never wider than
// that mode, not even for a moment.
func createTemp(dir, prefix, suffix string, mode Mode) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := openNew(name, mode.Perm)
		if os.IsExist(err) && try < 100 {
			continue
		}
		if err != nil {
			return nil, err
		}
		if mode.Keep {
			if err := f.Chmod(mode.Perm); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
}

// unwrap drops the operation and paths from an OS error (they would name
// the temporary file): the caller names the target.
func unwrap(err error) error {
	switch e := err.(type) {
	case *os.PathError:
		return e.Err
	case *os.LinkError:
		return e.Err
	}
	return err
}

// Sweep removes temporary files that an earlier premia writing the same
// target left behind when it was killed: those whose process is gone.
// Temporary names are "."+base+".premia-<pid>-…".
func Sweep(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "."+base+".premia-*-*"))
	prefix := "." + base + ".premia-"
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), prefix)
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		os.Remove(m)
	}
}
