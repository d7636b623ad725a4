// Package atomicfile writes a file so that readers see either the old content
// or the complete new one: the data goes to a temporary file in the same
// folder, is synced and checked, and only then renamed over the target.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Write creates path from what write produces, creating its folder if needed. If write, check or any file
// operation fails, the target is left as it was and the temporary file is
// removed. check, when not nil, is given the temporary file's name to verify
// before it is published.
func Write(path string, write func(io.Writer) error, check func(tmp string) error) (err error) {
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
	tmp, err := os.CreateTemp(dir, fmt.Sprintf(".%s.premia-%d-*.tmp", base, os.Getpid()))
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrap(err))
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrap(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrap(err))
	}
	if check != nil {
		if err := check(name); err != nil {
			return fmt.Errorf("%s: the written file failed its check, nothing was replaced: %v", path, err)
		}
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return fmt.Errorf("%s: %v", path, unwrap(err))
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("%s: cannot replace: %v", path, unwrap(err))
	}
	return nil
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
