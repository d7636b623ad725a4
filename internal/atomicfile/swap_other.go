//go:build !linux

package atomicfile

import (
	"os"
	"path/filepath"
)

// swap exchanges the stage and the target folder in two renames (see
// twoRenames): this system has no one-step exchange that premia uses.
func swap(stage, dir string) error { return twoRenames(stage, dir) }

// syncFolder flushes a staged set to disk, a file at a time, then the
// folder.
func syncFolder(dir string, names []string) error {
	for _, n := range names {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	syncDir(dir)
	return nil
}
