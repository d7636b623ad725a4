//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModeKeepsPrivacy: a new file gets 0666 less the umask, a replaced file
// keeps its mode exactly, and the temporary file has that mode (or less)
// while it is being written — never world-readable over a private file.
func TestModeKeepsPrivacy(t *testing.T) {
	tests := []struct {
		name     string
		umask    int
		existing os.FileMode // 0: no earlier file
		want     os.FileMode
	}{
		{"new, umask 022", 0o022, 0, 0o644},
		{"new, umask 077", 0o077, 0, 0o600},
		{"new, umask 002", 0o002, 0, 0o664},
		{"replaces a private file", 0o022, 0o600, 0o600},
		{"replaces a group-writable file under umask 022", 0o022, 0o664, 0o664},
		{"replaces a 0640 file under umask 077", 0o077, 0o640, 0o640},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := syscall.Umask(tt.umask)
			defer syscall.Umask(old)
			p := filepath.Join(t.TempDir(), "pay.csv")
			if tt.existing != 0 {
				if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, tt.existing); err != nil {
					t.Fatal(err)
				}
			}
			var during os.FileMode
			err := Write(p, func(w io.Writer) error {
				st, err := w.(*os.File).Stat()
				if err != nil {
					return err
				}
				during = st.Mode().Perm()
				_, err = io.WriteString(w, "new")
				return err
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != tt.want {
				t.Errorf("mode = %04o, want %04o", got, tt.want)
			}
			if during&^tt.want != 0 {
				t.Errorf("the temporary file was %04o while written: wider than %04o", during, tt.want)
			}
		})
	}
}

// TestSetKeepsPrivacy: a replaced set keeps its folder's mode and each
// file's; a new folder and new files get the umask's modes.
func TestSetKeepsPrivacy(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "split")
	writeSet(t, dir, map[string]string{"a.xlsx": "a1"})
	for p, want := range map[string]os.FileMode{dir: 0o755, filepath.Join(dir, "a.xlsx"): 0o644} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != want {
			t.Errorf("new %s: mode %v (%v), want %v", p, st.Mode().Perm(), err, want)
		}
	}
	os.Chmod(dir, 0o700)
	os.Chmod(filepath.Join(dir, "a.xlsx"), 0o600)
	writeSet(t, dir, map[string]string{"a.xlsx": "a2", "b.xlsx": "b2"})
	for p, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, "a.xlsx"): 0o600, filepath.Join(dir, "b.xlsx"): 0o644} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != want {
			t.Errorf("replaced %s: mode %v (%v), want %v", p, st.Mode().Perm(), err, want)
		}
	}
}
