package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/xlsxtest"
)

// TestRowsInWindows: a roster of 300 people not in the order of their ids,
// read in windows of 64 and computed window by window, gives stdout and -o
// files byte for byte as the fact sheet read whole does (the rows in the
// order of the ids); -o works without a temporary folder; an id in two
// windows is refused as when read whole.
func TestRowsInWindows(t *testing.T) {
	dir := t.TempDir()
	scheme := filepath.Join(dir, "scheme.yaml")
	os.WriteFile(scheme, []byte(clerkScheme), 0o600)
	write := func(name string, dup bool) string {
		roster := [][]string{{"id", "name", "role", "fixed"}}
		facts := [][]string{{"id", "docs"}}
		for i := range 300 {
			id := fmt.Sprintf("P%03d", (i*7)%300+1) // a permutation: not in the order of the ids
			if dup && i == 250 {
				id = roster[3][0]
			}
			roster = append(roster, []string{id, "Person " + id, "clerk", fmt.Sprint(1000 + i)})
			facts = append(facts, []string{id, fmt.Sprint(40 + i%90)})
		}
		var buf bytes.Buffer
		if err := xlsxtest.WriteFactSheet(&buf, []xlsxtest.Table{{Name: "Roster", Rows: roster}, {Name: "Facts", Rows: facts}}, "2026-10"); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, buf.Bytes(), 0o600)
		return p
	}
	facts := write("facts.xlsx", false)
	prev := window
	window = 64
	defer func() { window = prev }()
	for _, format := range []string{"csv", "json"} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"calc", scheme, facts, "--format", format}, nil, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errb.String())
		}
		// The same fact sheet read whole.
		l, err := load(&deps{stderr: &errb}, scheme, facts, "", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		var whole bytes.Buffer
		if _, err := rowsWhole(&whole, l, format, nil, nil); err != nil {
			t.Fatal(err)
		}
		if out.String() != whole.String() {
			t.Errorf("%s in windows differs from whole:\n%.300s\n---\n%.300s", format, out.String(), whole.String())
		}
		if format == "csv" && (strings.Count(out.String(), "\n") != 301 || !strings.HasPrefix(strings.SplitN(out.String(), "\n", 3)[1], "P001,")) {
			t.Errorf("csv: not 300 rows from P001:\n%.200s", out.String())
		}
		file := filepath.Join(dir, "pay."+format)
		if code := run(context.Background(), []string{"calc", scheme, facts, "-o", file}, nil, &out, &errb); code != 0 {
			t.Fatalf("-o %s: exit %d: %s", file, code, errb.String())
		}
		if got, _ := os.ReadFile(file); string(got) != whole.String() {
			t.Errorf("-o %s differs from whole", file)
		}
	}
	// With no temporary folder, -o still writes its file (read whole: it
	// needs no temporary file).
	t.Setenv("TMPDIR", filepath.Join(dir, "missing"))
	noTmp := filepath.Join(dir, "notmp.csv")
	if code := run(context.Background(), []string{"calc", scheme, facts, "-o", noTmp}, nil, io.Discard, io.Discard); code != 0 {
		t.Errorf("-o without a temporary folder: exit %d", code)
	}
	t.Setenv("TMPDIR", dir)
	var out, errb bytes.Buffer
	dup := write("dup.xlsx", true)
	if code := run(context.Background(), []string{"calc", scheme, dup, "--format", "csv"}, nil, &out, &errb); code != 1 || out.Len() > 0 || !strings.Contains(errb.String(), "appears twice in the roster") {
		t.Errorf("an id twice: exit %d, stdout %d bytes, stderr %s", code, out.Len(), errb.String())
	}
}
