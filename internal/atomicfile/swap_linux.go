package atomicfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges the stage and the target folder in one step
// (renameat2 with RENAME_EXCHANGE), where the file system can; else in two
// renames.
func swap(stage, dir string) error {
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return twoRenames(stage, dir)
	}
	if err != nil {
		return &os.LinkError{Op: "renameat2", Old: stage, New: dir, Err: err}
	}
	return nil
}

// syncFolder flushes a staged set to disk: one syncfs of the file system
// that holds it, rather than an fsync per file (thousands for --split).
func syncFolder(dir string, _ []string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return nil
}
