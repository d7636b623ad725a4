package compare

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"

	"github.com/premia-pay/premia/internal/problem"
)

// GitPrefix starts a scheme argument read from a git revision:
// git:REV:path.
const GitPrefix = "git:"

// GitRef splits a scheme argument git:REV:path into the revision and the
// path; ok is false for an argument that does not start with git:. REV is
// what git calls a revision (HEAD~1, main, v1.2, a commit's hash) and
// holds no colon; path is as git show REV:path reads it: from the top of
// the repository, or from the current folder when it starts with ./.
func GitRef(arg string) (rev, path string, ok bool, err error) {
	rest, ok := strings.CutPrefix(arg, GitPrefix)
	if !ok {
		return "", "", false, nil
	}
	rev, path, found := strings.Cut(rest, ":")
	if !found || rev == "" || path == "" || strings.HasPrefix(rev, "-") {
		return "", "", true, problem.Errorf("%s: expected git:REV:path, a revision and the scheme's path in it, e.g. git:HEAD~1:scheme.yaml", arg)
	}
	return rev, path, true, nil
}

// GitShow reads the file at path in revision rev of the git repository
// of the current folder, with the git command (git show REV:path): arg is
// the argument as given, which names the scheme in messages. Each way it
// can fail has its own message: no git, not a repository, an unknown
// revision, no such path at the revision, a folder there.
func GitShow(arg, rev, path string) ([]byte, error) {
	git := func(args ...string) ([]byte, error) {
		cmd := exec.Command("git", args...)
		cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = errors.New(strings.TrimSpace(stderr.String()))
		}
		return out, err
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, problem.Errorf("%s: cannot run git (%v): install git, or give the scheme as a file", arg, err)
	}
	if _, err := git("rev-parse", "--git-dir"); err != nil {
		return nil, problem.Errorf("%s: the current folder is not in a git repository: run premia in the scheme's repository, or give the scheme as a file", arg)
	}
	if _, err := git("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, problem.Errorf("%s: the repository has no revision %q: see git log for the ones it has", arg, rev)
	}
	kind, err := git("cat-file", "-t", rev+":"+path)
	if err != nil {
		return nil, problem.Errorf("%s: there is no %s in revision %s (the path is read from the top of the repository; write ./%s for one in the current folder)", arg, path, rev, strings.TrimPrefix(path, "./"))
	}
	if k := strings.TrimSpace(string(kind)); k != "blob" {
		return nil, problem.Errorf("%s: %s is a folder in revision %s, not a scheme", arg, path, rev)
	}
	out, err := git("show", "--no-textconv", rev+":"+path)
	if err != nil {
		return nil, problem.Errorf("%s: git show failed: %v", arg, err)
	}
	return out, nil
}
