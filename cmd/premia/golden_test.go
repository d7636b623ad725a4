package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/xlsxtest"
)

var update = flag.Bool("update", false, "rewrite the want.golden files of testdata/ cases")

// TestGolden runs every CLI case in testdata/<case>/: `args` holds one
// argument per line, run with the case folder as working directory;
// want.golden holds the exit code, stdout and stderr. A case may also list
// files in `unchanged` (one per line): they must be byte-identical after the
// run; `absent`: they must not exist after it; `dump`: workbooks whose
// canonical text dump (xlsxtest.Dump) is part of the golden; `show`: text
// files whose content is part of the golden; `tree`: folders whose list of
// files (names, not sizes) is part of the golden; `stdin`: the
// bytes premia reads from standard input; `copy`: lines "SRC DST", a file
// or folder copied before the run (DST under out/: a book a command
// writes into). Outputs go to the case's out/ folder, removed after the
// test.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("../../testdata/*/args")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases found in testdata/")
	}
	for _, argsFile := range cases {
		dir := filepath.Dir(argsFile)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, err := os.ReadFile(argsFile)
			if err != nil {
				t.Fatal(err)
			}
			args := lines(string(raw))
			abs, _ := filepath.Abs(dir)
			unchanged := map[string][]byte{}
			for _, f := range listFile(t, filepath.Join(abs, "unchanged")) {
				b, err := os.ReadFile(filepath.Join(abs, f))
				if err != nil {
					t.Fatal(err)
				}
				unchanged[f] = b
			}
			t.Chdir(abs)
			os.RemoveAll("out")
			for _, line := range listFile(t, "copy") {
				src, dst, ok := strings.Cut(line, " ")
				if !ok || !strings.HasPrefix(filepath.Clean(dst), "out") {
					t.Fatalf("copy: %q is not SRC DST with DST under out/", line)
				}
				copyTree(t, src, dst)
			}
			var stdout, stderr bytes.Buffer
			var stdin []byte // the case's stdin file, for an argument "-"
			if b, err := os.ReadFile("stdin"); err == nil {
				stdin = b
			}
			code := run(context.Background(), args, bytes.NewReader(stdin), &stdout, &stderr)
			got := fmt.Sprintf("# exit\n%d\n# stdout\n%s# stderr\n%s", code, stdout.String(), stderr.String())
			for f, before := range unchanged {
				after, err := os.ReadFile(f)
				if err != nil || !bytes.Equal(before, after) {
					t.Errorf("%s changed (err %v)", f, err)
				}
			}
			for _, f := range listFile(t, "dump") {
				d, err := xlsxtest.Dump(f)
				if err != nil {
					d = "error: " + err.Error() + "\n"
				}
				got += "# dump " + f + "\n" + d
			}
			for _, f := range listFile(t, "show") {
				b, err := os.ReadFile(f)
				if err != nil {
					b = []byte("error: " + err.Error())
				}
				got += "# show " + f + "\n" + strings.TrimSuffix(string(b), "\n") + "\n"
			}
			for _, dir := range listFile(t, "tree") {
				got += "# tree " + dir + "\n" + tree(dir)
			}
			t.Cleanup(func() { os.RemoveAll(filepath.Join(abs, "out")) })
			for _, f := range listFile(t, "absent") {
				if _, err := os.Stat(f); !os.IsNotExist(err) {
					t.Errorf("%s exists after the run; it must not", f)
				}
			}
			golden := "want.golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run make golden to create it)", err)
			}
			if got != string(want) {
				t.Errorf("premia %s\ngot:\n%s\nwant:\n%s", strings.Join(args, " "), got, want)
			}
		})
	}
}

// tree lists the files under dir, one a line, by their paths relative to
// it, in order; a folder's path ends in "/".
func tree(dir string) string {
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			rel += "/"
		}
		b.WriteString(filepath.ToSlash(rel) + "\n")
		return nil
	})
	if err != nil {
		b.WriteString("error: " + err.Error() + "\n")
	}
	return b.String()
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func listFile(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return lines(string(b))
}

// TestExamplesDoNotWarn: every bundled example passes validate --strict
// with its fact sheet: a new user's first runs print no warning, and a
// warning an example means to show is accepted in its scheme.
func TestExamplesDoNotWarn(t *testing.T) {
	dirs, _ := filepath.Glob("../../examples/*/scheme.yaml")
	if len(dirs) < 5 {
		t.Fatalf("found %d examples", len(dirs))
	}
	for _, scheme := range dirs {
		dir := filepath.Dir(scheme)
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"validate", "--strict", scheme, filepath.Join(dir, "facts.xlsx")}, strings.NewReader(""), &stdout, &stderr)
		if code != 0 {
			t.Errorf("%s: exit %d:\n%s", dir, code, stderr.String())
		}
	}
}
