package compare

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository in a temporary folder with two commits of
// scheme.yaml (the first "one", the second "two") and a folder, and
// returns its path; git's settings of this machine are not read.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on this machine")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_AUTHOR_DATE=2026-10-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-10-01T00:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("scheme.yaml", "one\n")
	write("clients/a/scheme.yaml", "a\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	write("scheme.yaml", "two\n")
	git("commit", "-q", "-am", "two")
	return dir
}

// TestGitShow reads a scheme from a revision, and words each way that can
// fail.
func TestGitShow(t *testing.T) {
	dir := gitRepo(t)
	t.Chdir(filepath.Join(dir, "clients"))
	show := func(arg string) (string, error) {
		rev, path, ok, err := GitRef(arg)
		if !ok || err != nil {
			t.Fatalf("GitRef(%q) = %v, %v", arg, ok, err)
		}
		b, err := GitShow(arg, rev, path)
		return string(b), err
	}
	for arg, want := range map[string]string{
		"git:HEAD~1:scheme.yaml":   "one\n", // from the top of the repository
		"git:main:scheme.yaml":     "two\n",
		"git:HEAD:./a/scheme.yaml": "a\n", // from the current folder
	} {
		if got, err := show(arg); err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", arg, got, err, want)
		}
	}
	for arg, want := range map[string]string{
		"git:HEAD~5:scheme.yaml": `git:HEAD~5:scheme.yaml: the repository has no revision "HEAD~5": see git log for the ones it has`,
		"git:nope:scheme.yaml":   `git:nope:scheme.yaml: the repository has no revision "nope": see git log for the ones it has`,
		"git:HEAD:missing.yaml":  "git:HEAD:missing.yaml: there is no missing.yaml in revision HEAD (the path is read from the top of the repository; write ./missing.yaml for one in the current folder)",
		"git:HEAD:clients":       "git:HEAD:clients: clients is a folder in revision HEAD, not a scheme",
	} {
		if _, err := show(arg); err == nil || err.Error() != want {
			t.Errorf("%s: %v\nwant %s", arg, err, want)
		}
	}
	// Outside a repository.
	t.Chdir(t.TempDir())
	if _, err := show("git:HEAD:scheme.yaml"); err == nil || err.Error() != "git:HEAD:scheme.yaml: the current folder is not in a git repository: run premia in the scheme's repository, or give the scheme as a file" {
		t.Errorf("outside a repository: %v", err)
	}
}

func TestGitRef(t *testing.T) {
	if _, _, ok, err := GitRef("scheme.yaml"); ok || err != nil {
		t.Errorf("a file: ok %v, %v", ok, err)
	}
	if rev, path, ok, err := GitRef("git:v1.2:a/b:c.yaml"); !ok || err != nil || rev != "v1.2" || path != "a/b:c.yaml" {
		t.Errorf("git:v1.2:a/b:c.yaml = %q %q %v %v", rev, path, ok, err)
	}
	for _, bad := range []string{"git:", "git:HEAD", "git::scheme.yaml", "git:HEAD:", "git:--output=x:scheme.yaml"} {
		if _, _, ok, err := GitRef(bad); !ok || err == nil || !strings.Contains(err.Error(), "expected git:REV:path") {
			t.Errorf("GitRef(%q) = %v, %v; want refused", bad, ok, err)
		}
	}
}
