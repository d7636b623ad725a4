package chart

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDomainFree: package chart imports nothing of premia's but the
// atomic file writer: it draws what it is given and knows nothing of pay.
func TestDomainFree(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files (%v)", err)
	}
	for _, f := range files {
		ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/premia-pay/premia/") && path != "github.com/premia-pay/premia/internal/atomicfile" {
				t.Errorf("%s imports %s: package chart must stay domain-free", f, path)
			}
		}
	}
}
