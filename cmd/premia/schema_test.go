package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaCommand: premia schema prints the schema the repository keeps
// (schema/scheme.schema.json, byte for byte), -o writes the same bytes,
// and -o refuses a name that is not .json or is a folder (exit 2).
func TestSchemaCommand(t *testing.T) {
	want, err := os.ReadFile("../../schema/scheme.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"schema"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !bytes.Equal(stdout.Bytes(), want) || stderr.Len() != 0 {
		t.Errorf("premia schema does not print schema/scheme.schema.json (stderr %q): run make schema", stderr.String())
	}

	dir := t.TempDir()
	out := filepath.Join(dir, "scheme.schema.json")
	stdout.Reset()
	stderr.Reset()
	if code := run(context.Background(), []string{"schema", "-o", out, "--lang", "ru"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
		t.Errorf("-o %s does not hold the schema", out)
	}
	if stdout.Len() != 0 || stderr.String() != "записан "+out+": JSON Schema формата схемы\n" {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}

	for _, bad := range []string{filepath.Join(dir, "schema.yaml"), dir} {
		stderr.Reset()
		if code := run(context.Background(), []string{"schema", "-o", bad}, strings.NewReader(""), &stdout, &stderr); code != 2 {
			t.Errorf("-o %s: exit %d, want 2 (%s)", bad, code, stderr.String())
		}
	}
}
