package xlsx_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDomainFree: package xlsx (and its formula package) imports nothing of
// premia's but itself and package problem (a message kept as its format and
// arguments, so that a cell's reason can be worded in Russian), which
// imports nothing of premia's at all: xlsx knows cells and not pay.
func TestDomainFree(t *testing.T) {
	const module = "github.com/premia-pay/premia/"
	for _, dir := range []string{".", "formula", "../problem"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ast, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range ast.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				allowed := strings.HasPrefix(path, module+"internal/xlsx") || path == module+"internal/problem"
				if strings.HasPrefix(path, module) && (!allowed || dir == "../problem") {
					t.Errorf("%s imports %s: package xlsx must stay domain-free", f, path)
				}
			}
		}
	}
}
