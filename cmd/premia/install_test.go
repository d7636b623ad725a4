package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoInstall proves the README's install line: the module, served at
// v0.1.0 by a local file:// module proxy (the layout proxy.golang.org
// serves), is installed with go install …/cmd/premia@v0.1.0, and the binary
// runs and says its version. The dependencies come from the local module
// cache, so the test needs no network.
func TestGoInstall(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH: cannot try go install")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := exec.Command("git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): the module's files are those git lists", err)
	}
	const mod, ver = "github.com/premia-pay/premia", "v0.1.0"
	proxy := t.TempDir()
	dir := filepath.Join(proxy, mod, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, name := range strings.Split(strings.TrimSpace(string(files)), "\n") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the work tree, not yet in git
		}
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(mod + "@" + ver + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list":        []byte(ver + "\n"),
		ver + ".info": []byte(`{"Version":"` + ver + `","Time":"2026-12-01T00:00:00Z"}`),
		ver + ".mod":  gomod,
		ver + ".zip":  zbuf.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	modcache, err := exec.Command(goCmd, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	install := exec.Command(goCmd, "install", mod+"/cmd/premia@"+ver)
	install.Dir = t.TempDir() // outside any module, as a user types it
	install.Env = append(os.Environ(),
		"GOPROXY=file://"+proxy+",file://"+filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download"),
		"GOSUMDB=off", // the local v0.1.0 is in no checksum database; the dependencies are checked against premia's go.sum
		"GOFLAGS=", "GOTOOLCHAIN=local", "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install %s/cmd/premia@%s: %v\n%s", mod, ver, err, out)
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := exec.Command(filepath.Join(bin, "premia"), args...).CombinedOutput()
		if err != nil {
			t.Fatalf("premia %s: %v\n%s", args[0], err, out)
		}
		if got, want := string(out), "premia "+ver+"\n"; got != want {
			t.Errorf("premia %s = %q, want %q (the version go install stamps)", args[0], got, want)
		}
	}
	ex := filepath.Join(root, "examples", "sales-team")
	out, err := exec.Command(filepath.Join(bin, "premia"), "calc", filepath.Join(ex, "scheme.yaml"), filepath.Join(ex, "facts.xlsx"), "--format", "csv").Output()
	if err != nil {
		t.Fatalf("the installed premia on the bundled example: %v", err)
	}
	if !bytes.Contains(out, []byte("S-01")) {
		t.Errorf("the installed premia's CSV lacks S-01:\n%s", out)
	}
}
