package i18n

import (
	"errors"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
)

// formatCalls are the functions that take a problem's format, by package
// (a folder under the module's root): what they are called on and their
// name ("" for a plain function), with the index of the format among their
// arguments. problem.New and problem.Errorf are counted everywhere.
var formatCalls = map[string]map[string]int{
	"plan":               {"d.errorf": 2, "c.at": 2, "c.warn": 2, ".errorAt": 3, ".fail": 0},
	"calc":               {"r.fail": 1},
	"internal/factsheet": {"p.add": 0, "r.warn": 0},
	"internal/xlsx":      {},                        // a formula cell's reasons (problem.New)
	"cmd/premia":         {},                        // a run's own errors (problem.Errorf); usage errors stay cobra's English
	"internal/need":      {},                        // an as-of date outside the period (problem.Errorf)
	"internal/scaffold":  {},                        // premia init's models
	"internal/compare":   {},                        // premia compare's: fit between a fact sheet and two schemes, git revisions
	"internal/decompose": {".bad": 2, ".figure": 5}, // the funnel file's and the history's
	"internal/period":    {},                        // a period's text: no month 13, no quarter 5; the kinds' words
	"internal/book":      {},                        // a client's book: the period's fact sheet by name, snapshots
}

// readerFormats are the formats of every problem the readers word, parsed
// from their source: each must be a constant, for a catalogue is keyed by
// it. A call that forwards its own format parameter is skipped.
func readerFormats(t *testing.T) map[string]string {
	t.Helper()
	formats := map[string]string{}
	for dir, calls := range formatCalls {
		fset := token.NewFileSet()
		files, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				name, recv := calledName(call)
				i, ok := calls[recv+"."+name]
				if recv == "problem" && (name == "New" || name == "Errorf") {
					i, ok = 0, true
				}
				if !ok {
					return true
				}
				if len(call.Args) <= i {
					return true
				}
				arg := call.Args[i]
				if id, isIdent := arg.(*ast.Ident); isIdent && id.Name == "format" {
					return true
				}
				tv, err := types.Eval(fset, nil, arg.Pos(), exprText(t, path, fset, arg))
				if err != nil || tv.Value == nil || tv.Value.Kind() != constant.String {
					t.Errorf("%s: the format of %s is not a constant string: a catalogue cannot word it", fset.Position(arg.Pos()), name)
					return true
				}
				formats[constant.StringVal(tv.Value)] = fset.Position(arg.Pos()).String()
				return true
			})
		}
	}
	if len(formats) < 200 {
		t.Fatalf("found %d formats: the scan is broken", len(formats))
	}
	return formats
}

// calledName is the called function's name and the last name of what it
// is called on (r.p.add: "add", "p"; problem.New: "New", "problem").
func calledName(call *ast.CallExpr) (name, recv string) {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name, ""
	case *ast.SelectorExpr:
		switch x := f.X.(type) {
		case *ast.Ident:
			return f.Sel.Name, x.Name
		case *ast.SelectorExpr:
			return f.Sel.Name, x.Sel.Name
		}
		return f.Sel.Name, "?"
	}
	return "", ""
}

// exprText is the source text of e.
func exprText(t *testing.T, path string, fset *token.FileSet, e ast.Expr) string {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(src[fset.Position(e.Pos()).Offset:fset.Position(e.End()).Offset])
}

// verbRE matches a verb of fmt: %%, or flags, an argument index, width,
// precision and the verb.
var verbRE = regexp.MustCompile(`%(%|[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*))?[a-zA-Z])`)

// verbs maps each argument a format uses (1-based) to its verbs.
func verbs(format string) map[int][]string {
	out := map[int][]string{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[1] == "%" {
			continue
		}
		if m[2] != "" {
			next = atoiTest(m[2][1 : len(m[2])-1])
		}
		v := m[1][len(m[1])-1:]
		out[next] = append(out[next], v)
		next++
	}
	return out
}

func atoiTest(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// wordless reports whether a format has nothing to translate.
func wordless(format string) bool {
	return !regexp.MustCompile(`[A-Za-z]{2,}`).MatchString(verbRE.ReplaceAllString(format, ""))
}

// otherKeys are keys the catalogue needs that are not a
// reader's format: the words of a place, a warning's prefix, "or" between
// choices.
var otherKeys = []string{calc.English.Sheet, calc.English.Row, "warning: %s", " or "}

func TestEveryProblemHasRussianWords(t *testing.T) {
	formats := readerFormats(t)
	for _, k := range otherKeys {
		formats[k] = "(premia's own)"
	}
	var missing []string
	for f, at := range formats {
		ru, ok := problemsRu[f]
		if !ok {
			if !wordless(f) {
				missing = append(missing, at+": "+f)
			}
			continue
		}
		en, rv := verbs(f), verbs(ru)
		if !sameVerbs(en, rv) {
			t.Errorf("%s: the Russian of %q uses its arguments as %v, the English as %v:\n%q", at, f, rv, en, ru)
		}
		if strings.TrimSpace(ru) == "" {
			t.Errorf("%s: the Russian of %q is blank", at, f)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no Russian for %s", m)
	}
	for f := range problemsRu {
		if _, ok := formats[f]; !ok {
			t.Errorf("problemsRu holds %q, which no reader says: remove it", f)
		}
	}
}

func sameVerbs(a, b map[int][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i, va := range a {
		vb := b[i]
		if len(va) != 1 || len(vb) != 1 || va[0] != vb[0] {
			return false
		}
	}
	return true
}

// TestProblemsWorded checks the wording end to end: a fact sheet's error
// with a place, a nested message and a list of choices, in both languages.
func TestProblemsWorded(t *testing.T) {
	o := &calc.Origin{File: "facts.xlsx", Sheet: "Facts"}
	err := errors.Join(
		problem.Errorf("%s: %q is not a number%s", o.Cell(5, 3), "1,234", problem.New(": %v", problem.Errorf("two minus signs"))),
		problem.Errorf("%s: blank, but a payment needs its amount", o.Row(7)),
	)
	if got, want := problem.In(err, Problems("en")), "facts.xlsx: sheet \"Facts\" C5: \"1,234\" is not a number: two minus signs\n"+
		"facts.xlsx: sheet \"Facts\" row 7: blank, but a payment needs its amount"; got != want {
		t.Errorf("English:\n%s\nwant\n%s", got, want)
	}
	ru := problem.In(err, Problems("ru"))
	for _, want := range []string{`facts.xlsx: лист "Facts" C5: `, `facts.xlsx: лист "Facts" строка 7: `, `"1,234"`} {
		if !strings.Contains(ru, want) {
			t.Errorf("Russian %q does not hold %q", ru, want)
		}
	}
	for _, english := range []string{"sheet", "row", "not a number", "minus", "blank", "payment"} {
		if strings.Contains(ru, english) {
			t.Errorf("Russian %q still holds the English %q", ru, english)
		}
	}
	if strings.Count(ru, "\n") != 1 {
		t.Errorf("Russian %q: want the two errors on two lines", ru)
	}
}
