//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// openNew creates the file at path, which must not exist, for reading and
// writing, with perm less the umask. It is os.OpenFile with O_EXCL, less
// the system calls os.OpenFile spends on a file that is not pollable (four
// fcntl and an epoll_ctl that fails): --split and plans create thousands.
func openNew(path string, perm os.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDWR|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
