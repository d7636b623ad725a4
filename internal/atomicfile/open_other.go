//go:build !unix

package atomicfile

import "os"

// openNew creates the file at path, which must not exist, for reading and
// writing, with perm.
func openNew(path string, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
}
