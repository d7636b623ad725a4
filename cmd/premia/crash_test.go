package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestKilledMidWriteKeepsEarlierReport kills premia (SIGKILL, no chance to
// clean up) at a series of moments while it writes a 800-employee report
// over an earlier one. After every kill the target is either the earlier
// report, byte for byte, or the complete new one — never a partial file. The
// next good run sweeps the temporary files the killed runs left.
func TestKilledMidWriteKeepsEarlierReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds premia and kills it mid-write")
	}
	dir := t.TempDir()
	bin := premiaBinary(t)
	facts := filepath.Join(dir, "facts")
	os.MkdirAll(facts, 0o755)
	var roster, values strings.Builder
	roster.WriteString("id,name,role,department\n")
	values.WriteString("id,requests_on_time,supply_costs,documents\n")
	for i := 0; i < 800; i++ {
		fmt.Fprintf(&roster, "E%05d,Employee %d,office_manager,admin\n", i, i)
		fmt.Fprintf(&values, "E%05d,0.%02d,%d,%d\n", i, 70+i%30, 44000+i%17000, 90+i%100)
	}
	os.WriteFile(filepath.Join(facts, "roster.csv"), []byte(roster.String()), 0o644)
	os.WriteFile(filepath.Join(facts, "facts.csv"), []byte(values.String()), 0o644)
	scheme, _ := filepath.Abs("../../examples/kpi-matrix/scheme.yaml")
	small, _ := filepath.Abs("../../examples/kpi-matrix/facts.xlsx")
	report := filepath.Join(dir, "report.xlsx")
	if out, err := exec.Command(bin, "calc", scheme, small, "-o", report).CombinedOutput(); err != nil {
		t.Fatalf("the earlier run: %v\n%s", err, out)
	}
	earlier, _ := os.ReadFile(report)

	// The complete new report, to know it when a run finishes before its kill.
	if out, err := exec.Command(bin, "calc", scheme, facts, "-o", filepath.Join(dir, "full.xlsx"), "--max-sheets", "0").CombinedOutput(); err != nil {
		t.Fatalf("a full run: %v\n%s", err, out)
	}
	complete, _ := os.ReadFile(filepath.Join(dir, "full.xlsx"))
	os.Remove(filepath.Join(dir, "full.xlsx"))

	// Kill i lands when the temporary file holds i/9 of the report's bytes:
	// by progress, not by a time that a busy machine would stretch.
	midWrite := 0
	temps := filepath.Join(dir, ".report.xlsx.premia-*.tmp")
	for i := 1; i <= 8; i++ {
		cmd := exec.Command(bin, "calc", scheme, facts, "-o", report, "--max-sheets", "0")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		want := int64(len(complete) * i / 9)
	poll:
		for {
			select {
			case <-exited:
				break poll
			default:
			}
			if m, _ := filepath.Glob(temps); len(m) > 0 {
				if st, err := os.Stat(m[0]); err == nil && st.Size() >= want {
					cmd.Process.Kill()
					<-exited
					break poll
				}
			}
			runtime.Gosched()
		}
		if m, _ := filepath.Glob(temps); len(m) > 0 {
			midWrite++
			if i < 8 { // the next run must not be killed by this one's file; the last is left for the sweep below
				for _, f := range m {
					os.Remove(f)
				}
			}
		}
		now, err := os.ReadFile(report)
		if err != nil {
			t.Fatalf("kill %d: the report is gone: %v", i, err)
		}
		switch {
		case bytes.Equal(now, earlier):
		case bytes.Equal(now, complete):
			earlier = now // the run had finished: the new report is the earlier one from now on
		default:
			t.Fatalf("kill %d at %d bytes written: the report is neither the earlier one nor the complete new one (%d bytes)", i, len(complete)*i/9, len(now))
		}
	}
	if midWrite == 0 {
		t.Fatalf("no kill landed while the temporary file was being written; the test proved nothing")
	}
	t.Logf("%d of 8 kills landed mid-write", midWrite)
	if out, err := exec.Command(bin, "calc", scheme, small, "-o", report).CombinedOutput(); err != nil {
		t.Fatalf("the run after the kills: %v\n%s", err, out)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".report.xlsx*"))
	if len(left) > 0 {
		t.Errorf("temporary files left after a good run: %q", left)
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// TestMain removes the premia that premiaBinary built, so that the tests
// leave nothing in the temporary folder.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// premiaBinary builds premia once for the tests that run it as a process.
func premiaBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "premia-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "premia")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// TestDeterministicAcrossEnvironments runs premia as a process under
// different time zones and locales: JSON, CSV and the report are the same
// bytes.
func TestDeterministicAcrossEnvironments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds premia")
	}
	bin := premiaBinary(t)
	scheme, _ := filepath.Abs(teamScheme)
	facts, _ := filepath.Abs(teamFacts)
	envs := [][]string{
		{"TZ=UTC", "LANG=C", "LC_ALL=C"},
		{"TZ=Asia/Bangkok", "LANG=ru_RU.UTF-8", "LC_ALL=ru_RU.UTF-8"},
		{"TZ=America/Los_Angeles", "LANG=th_TH.UTF-8", "LC_ALL=th_TH.UTF-8"},
	}
	var first []string
	for i, env := range envs {
		dir := t.TempDir()
		var outs []string
		for _, format := range []string{"json", "csv"} {
			cmd := exec.Command(bin, "calc", scheme, facts, "--period", "2026-10", "--format", format, "-o", filepath.Join(dir, "r.xlsx"))
			cmd.Env = append(os.Environ(), env...)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%v: %v", env, err)
			}
			outs = append(outs, string(out))
		}
		report, _ := os.ReadFile(filepath.Join(dir, "r.xlsx"))
		outs = append(outs, string(report))
		if i == 0 {
			first = outs
			continue
		}
		for k, name := range []string{"JSON", "CSV", "report"} {
			if outs[k] != first[k] {
				t.Errorf("%s differs under %v", name, env)
			}
		}
	}
}
