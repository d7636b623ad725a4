package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTour runs every shell session the README shows (a fenced block
// whose lines start with "$ ") with the premia of this checkout on PATH, as
// a reader would after the README's install step, and compares what it
// prints with what the README shows. In the README's output, a line "..."
// stands for any lines, and "..." inside a line for any text. The sessions
// run in a copy of the examples and test data, so what they write (out/)
// lands there, not in the checkout.
func TestReadmeTour(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash on this machine")
	}
	bin := premiaBinary(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	for _, dir := range []string{"examples", "testdata/validate-errors", "testdata/book-acme", "testdata/book-closed-scheme-changed", "testdata/book-draw", "testdata/book-ytd", "testdata/book-clawback", "testdata/book-trueup"} {
		copyTree(t, filepath.Join("../..", dir), filepath.Join(work, dir))
	}
	sessions := shellSessions(string(readme))
	if len(sessions) < 3 {
		t.Fatalf("found %d shell sessions in the README", len(sessions))
	}
	for _, s := range sessions {
		const mark = "@@@ premia readme step @@@"
		var script strings.Builder
		for _, st := range s {
			script.WriteString(st.cmd + "\n__rc=$?; echo '" + mark + "'; (exit $__rc)\n")
		}
		cmd := exec.Command("bash", "-c", script.String())
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		cmd.Run() // a session may end in a failing command (validate's errors); its output says
		got := strings.Split(out.String(), mark+"\n")
		for i, st := range s {
			var lines []string
			if i < len(got) {
				lines = strings.Split(strings.TrimSuffix(got[i], "\n"), "\n")
				if got[i] == "" {
					lines = nil
				}
			}
			if !matchLines(st.want, lines) {
				t.Errorf("README: $ %s\nshows:\n%s\nbut prints:\n%s", st.cmd, strings.Join(st.want, "\n"), strings.Join(lines, "\n"))
			}
		}
	}
}

// step is one command of a README session and the output shown under it.
type step struct {
	cmd  string
	want []string
}

// shellSessions are the README's fenced blocks that show commands ("$ "),
// each a list of steps.
func shellSessions(md string) [][]step {
	var out [][]step
	var cur []step
	in := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			if in && len(cur) > 0 {
				out = append(out, cur)
			}
			in, cur = !in, nil
			continue
		}
		if !in {
			continue
		}
		if c, ok := strings.CutPrefix(line, "$ "); ok {
			cur = append(cur, step{cmd: c})
		} else if len(cur) > 0 {
			cur[len(cur)-1].want = append(cur[len(cur)-1].want, line)
		}
	}
	return out
}

// matchLines matches output lines against the README's: a line "..."
// matches any lines, "..." in a line any text.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if strings.TrimSpace(want[0]) == "..." {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && matchLine(want[0], got[0]) && matchLines(want[1:], got[1:])
}

func matchLine(want, got string) bool {
	parts := strings.Split(want, "...")
	if len(parts) == 1 {
		return want == got
	}
	if !strings.HasPrefix(got, parts[0]) {
		return false
	}
	got = got[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(got, p)
		if i < 0 {
			return false
		}
		got = got[i+len(p):]
	}
	return strings.HasSuffix(got, parts[len(parts)-1])
}

// copyTree copies the files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
