package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// bashCompletion is the bash-completion package's loader, which the bash
// script cobra writes needs (as every cobra tool's does).
const bashCompletion = "/usr/share/bash-completion/bash_completion"

// TestBashCompletion sources `premia completion bash` in bash, as a
// user's shell does, and completes lines by calling the completion
// function bash would call on Tab: commands, flags, a flag's values, and
// the ids of the people in the fact sheet already typed for explain.
func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash on this machine")
	}
	if _, err := os.Stat(bashCompletion); err != nil {
		if os.Getenv("PREMIA_REQUIRE_BASH_COMPLETION") != "" {
			t.Fatalf("%s is missing (apt-get install bash-completion)", bashCompletion)
		}
		t.Skipf("%s is missing: apt-get install bash-completion to run this test", bashCompletion)
	}
	bin := premiaBinary(t)
	lines := []struct{ line, want string }{
		{"premia ca", "calc"},
		{"premia ex", "explain"},
		{"premia co", "compare completion"},
		{"premia compare --fa", "--fail-over"},
		{"premia calc --for", "--format"},
		{"premia calc --split-", "--split-by"},
		{"premia calc scheme.yaml facts.xlsx --format ", "table csv json"},
		{"premia calc scheme.yaml facts.xlsx --lang ", "en ru"},
		{"premia explain scheme.yaml facts.xlsx ", "S-01 S-02 S-03 H-01"},
		{"premia explain scheme.yaml facts.xlsx S-0", "S-01 S-02 S-03"},
		{"premia explain scheme.yaml facts.xlsx H", "H-01"},
		{"premia explain scheme.yaml no-such.xlsx ", ""},
	}
	var script strings.Builder
	script.WriteString("source " + bashCompletion + "\nsource <(premia completion bash)\n")
	script.WriteString(`complete_line() {
  COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
  read -ra COMP_WORDS <<< "$COMP_LINE"
  if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); fi
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  __start_premia 2>/dev/null
  echo "${COMPREPLY[*]}"
}
`)
	for _, l := range lines {
		script.WriteString("complete_line '" + l.line + "'\n")
	}
	cmd := exec.Command("bash", "-c", script.String())
	cmd.Dir = "../../examples/sales-team"
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("%d lines completed, want %d:\n%s", len(got), len(lines), out)
	}
	for i, l := range lines {
		if got[i] != l.want {
			t.Errorf("%q completes to %q, want %q", l.line, got[i], l.want)
		}
	}
}

// TestCompletionScripts: premia completion writes a script for each shell
// that calls premia back for the words (cobra's __complete), and the
// employee ids come with the people's names for shells that show them.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"completion", shell}, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Errorf("completion %s: exit %d: %s", shell, code, stderr.String())
			continue
		}
		if !strings.Contains(stdout.String(), "__complete") {
			t.Errorf("completion %s: the script does not call premia back:\n%.300s", shell, stdout.String())
		}
	}
	t.Chdir("../../examples/sales-team")
	var stdout, stderr bytes.Buffer
	run(context.Background(), []string{"__complete", "explain", "scheme.yaml", "facts.xlsx", "S-03"}, strings.NewReader(""), &stdout, &stderr)
	if got := stdout.String(); !strings.HasPrefix(got, "S-03\t") || strings.Count(got, "\n") != 2 {
		t.Errorf("explain's ids: %q, want S-03 with its name, then the directive", got)
	}
}

// TestEveryCommandHasExamples: every command's help has an Examples
// section, and each example that runs premia names a command and flags
// that exist, with the arguments the command takes: an example that
// drifted from the command line it shows fails here.
func TestEveryCommandHasExamples(t *testing.T) {
	d := &deps{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	root := newRootCmd(d)
	var walk func(c *cobra.Command)
	checked := 0
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no examples", c.CommandPath())
		}
		for _, line := range strings.Split(c.Example, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "premia ") {
				continue
			}
			if i := strings.IndexAny(line, ">|"); i >= 0 { // the shell's redirection or pipe
				line = strings.TrimSpace(line[:i])
			}
			words := strings.Fields(line)[1:]
			for i, w := range words { // a quoted word, as the shell reads it
				words[i] = strings.Trim(w, `"`)
			}
			fresh := newRootCmd(d)
			fresh.InitDefaultVersionFlag() // as Execute does
			cmd, rest, err := fresh.Find(words)
			if err != nil {
				t.Errorf("%q: %v", line, err)
				continue
			}
			if err := cmd.ParseFlags(rest); err != nil {
				t.Errorf("%q: %v", line, err)
				continue
			}
			if err := cmd.ValidateArgs(cmd.Flags().Args()); err != nil {
				t.Errorf("%q: %v", line, err)
			}
			checked++
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if checked < 20 {
		t.Errorf("only %d example lines checked", checked)
	}
}
