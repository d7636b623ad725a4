package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/premia-pay/premia/plan"
)

var update = flag.Bool("update", false, "rewrite schema/scheme.schema.json from Generate")

const file = "../../schema/" + FileName

// TestGenerateIsTheFile: the schema kept in the repository is what
// Generate gives (make schema, or go generate ./internal/schema, or this
// test with -update, rewrites it).
func TestGenerateIsTheFile(t *testing.T) {
	got := Generate()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (make schema writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what Generate gives: run make schema (or go generate ./internal/schema) and commit it", file)
	}
	var v any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
}

// committed is the schema file as JSON values.
func committed(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestEveryKeyInTheSchema walks plan's types by reflection from
// plan.Scheme, and the committed schema beside them by its $refs: every
// yaml key of every type has a property (of the right kind: a list where
// plan has a slice, a reference where it has a mapping), and the schema
// has no property plan does not read. A key added to plan without a
// schema entry fails here (and in Generate, which refuses a key without a
// description).
func TestEveryKeyInTheSchema(t *testing.T) {
	doc := committed(t)
	defs := doc["$defs"].(map[string]any)
	seen := map[reflect.Type]bool{}
	checked := 0
	var walk func(tp reflect.Type, s map[string]any, where string)
	walk = func(tp reflect.Type, s map[string]any, where string) {
		if seen[tp] {
			return
		}
		seen[tp] = true
		props, _ := s["properties"].(map[string]any)
		keys := Keys(tp)
		for _, k := range keys {
			p, ok := props[k].(map[string]any)
			if !ok {
				t.Errorf("plan.%s's key %s is not in the schema (at %s): describe it in internal/schema/rules.go and run make schema", tp.Name(), k, where)
				continue
			}
			checked++
			if d, _ := p["description"].(string); d == "" {
				t.Errorf("%s.%s has no description", where, k)
			}
			ft := field(tp, k).Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			follow := func(node map[string]any) map[string]any {
				r, _ := node["$ref"].(string)
				name, ok := strings.CutPrefix(r, "#/$defs/")
				if !ok {
					t.Errorf("%s.%s: expected a $ref to a definition, found %v", where, k, node)
					return nil
				}
				def, _ := defs[name].(map[string]any)
				if def == nil {
					t.Errorf("%s.%s: $ref %s is not defined", where, k, r)
				}
				return def
			}
			switch {
			case ft.Kind() == reflect.Slice:
				if p["type"] != "array" {
					t.Errorf("%s.%s: plan reads a list, the schema says %v", where, k, p["type"])
				}
				if el := ft.Elem(); el.Kind() == reflect.Pointer && el.Elem().Kind() == reflect.Struct {
					if def := follow(p["items"].(map[string]any)); def != nil {
						walk(el.Elem(), def, where+"."+k+"[]")
					}
				}
			case ft.Kind() == reflect.Struct && ft != decType && ft != boolType && ft != formulaType:
				if def := follow(p); def != nil {
					walk(ft, def, where+"."+k)
				}
			}
		}
		for k := range props {
			if !slices.Contains(keys, k) {
				t.Errorf("the schema has %s.%s, which plan.%s does not read", where, k, tp.Name())
			}
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false: an unknown key would pass", where)
		}
	}
	walk(reflect.TypeOf(plan.Scheme{}), doc, "scheme")
	if len(seen) < 14 || checked < 100 {
		t.Errorf("walked %d types and %d keys; plan has more", len(seen), checked)
	}
}

// notValues are plan's exported string constants that are not values of
// a key: the names a formula component reads.
var notValues = map[string]string{
	plan.AmountFixed:    "a name a formula reads",
	plan.AmountVariable: "a name a formula reads",
	plan.AmountBonus:    "a name a formula reads",
}

// TestEveryPlanConstantInTheSchema: every exported string constant of
// plan (its ladder types, methods, component and modifier types,
// sources, directions, aggregates, rounding modes …), read from plan's
// source, is a value the schema offers: in an enum, a const, or the
// examples of a free-text key (unit: percent). A value added to plan
// without the schema knowing fails here.
func TestEveryPlanConstantInTheSchema(t *testing.T) {
	offered := map[string]bool{}
	var collect func(v any)
	collect = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				switch k {
				case "enum", "examples":
					for _, s := range e.([]any) {
						if s, ok := s.(string); ok {
							offered[s] = true
						}
					}
				case "const":
					if s, ok := e.(string); ok {
						offered[s] = true
					}
				}
				collect(e)
			}
		case []any:
			for _, e := range x {
				collect(e)
			}
		}
	}
	collect(committed(t))
	files, _ := filepath.Glob("../../plan/*.go")
	fset := token.NewFileSet()
	found := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !name.IsExported() || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING || strings.HasPrefix(lit.Value, "`") {
						continue // a pattern, not a value
					}
					v, _ := strconv.Unquote(lit.Value)
					found++
					if _, skip := notValues[v]; skip {
						continue
					}
					if !offered[v] {
						t.Errorf("plan.%s = %q (%s) is not offered by the schema: add it to the enum of its key in internal/schema/rules.go", name.Name, v, fset.Position(name.Pos()))
					}
				}
			}
		}
	}
	if found < 40 {
		t.Errorf("found %d string constants in plan; expected over 40", found)
	}
}

// compile is the committed schema, compiled by a JSON Schema validator.
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("scheme.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("scheme.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile as draft 2020-12: %v", err)
	}
	return s
}

// instance is a YAML document as an editor's YAML 1.2 parser gives it to
// a JSON Schema validator: 0.15 a number, "0.15" and none strings, true a
// boolean.
func instance(t *testing.T, text []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		t.Fatal(err)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			return conv(n.Content[0])
		case yaml.AliasNode:
			return conv(n.Alias)
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			a := []any{}
			for _, c := range n.Content {
				a = append(a, conv(c))
			}
			return a
		}
		switch n.Tag {
		case "!!int", "!!float":
			if !regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$`).MatchString(strings.TrimPrefix(n.Value, "+")) {
				t.Fatalf("%d:%d: %q is a YAML number JSON cannot carry", n.Line, n.Column, n.Value)
			}
			return json.Number(strings.TrimPrefix(n.Value, "+"))
		case "!!bool":
			return n.Value == "true"
		case "!!null":
			return nil
		}
		return n.Value
	}
	return conv(&doc)
}

// TestValidSchemesPass: every scheme premia accepts (validate) in
// examples/ and testdata/ passes the schema, as an editor would check it.
func TestValidSchemesPass(t *testing.T) {
	s := compile(t)
	var paths []string
	for _, g := range []string{"../../examples/*/*.yaml", "../../testdata/*/*.yaml", "../../calc/testdata/*.yaml"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	valid := 0
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := plan.Check(bytes.NewReader(text), p); err != nil {
			continue // a scheme a case shows refused
		}
		valid++
		if err := s.Validate(instance(t, text)); err != nil {
			t.Errorf("%s: premia accepts it, the schema refuses it:\n%v", p, err)
		}
	}
	examples, _ := filepath.Glob("../../examples/*/scheme.yaml")
	if valid < len(examples)+20 {
		t.Errorf("checked %d valid schemes; expected the %d examples and the valid cases of testdata", valid, len(examples))
	}
}

// base is a valid scheme the refusals below change one thing of.
const base = `version: 1
id: acme
currency: RUB
ladders:
  - id: rates
    type: marginal
    tiers:
      - {from: 0, to: 100000, rate: 0.02}
      - {from: 100000, rate: 0.03}
roles:
  - id: manager
    fixed: 40000
    variable: 50% of fixed
    bonus: {method: index}
    kpis:
      - {id: sales, weight: 0.6, base: 0, norm: 1000000, target: 1200000, cap: none}
      - {id: calls, weight: 0.4, base: 400, norm: 600}
    components:
      - {id: commission, type: commission, kpi: sales, ladder: rates}
      - {id: plan_bonus, type: bonus, amount: "10% of fixed", when: {kpi: sales, reaches: norm}}
    modifiers:
      - {id: quality, type: quality_gate, fact: quality, min: 0.9, factor: 0.5}
`

// TestInvalidSchemesRefused: schemes premia refuses that the schema
// refuses too, as an editor underlines them while they are typed: each
// changes one line of base. (premia refuses each as well: checked.)
func TestInvalidSchemesRefused(t *testing.T) {
	s := compile(t)
	if err := s.Validate(instance(t, []byte(base))); err != nil {
		t.Fatalf("the base scheme is refused: %v", err)
	}
	if _, _, err := plan.Check(strings.NewReader(base), "base.yaml"); err != nil {
		t.Fatalf("premia refuses the base scheme: %v", err)
	}
	cases := []struct{ name, from, to string }{
		{"unknown key", "fixed: 40000", "fixd: 40000"},
		{"unknown top-level key", "currency: RUB", "currency: RUB\nclient: ACME"},
		{"wrong ladder type", "type: marginal", "type: progressive"},
		{"wrong bonus method", "method: index", "method: weighted"},
		{"wrong component type", "type: commission", "type: comission"},
		{"wrong modifier type", "type: quality_gate", "type: quality"},
		{"wrong direction", "norm: 600}", "norm: 600, direction: up}"},
		{"wrong source", "cap: none}", "cap: none, source: crm}"},
		{"wrong reaches", "reaches: norm", "reaches: plan"},
		{"wrong locale", "currency: RUB", "currency: RUB\nlocale: de"},
		{"wrong rounding mode", "currency: RUB", "currency: RUB\nrounding: {mode: half-down}"},
		{"wrong aggregate", "norm: 600}", "norm: 600, source: team, of: calls_made, aggregate: median}"},
		{"unknown accepted warning", "fixed: 40000", "fixed: 40000\n    accepted_warnings: [too_many_kpis]"},
		{"version 2", "version: 1", "version: 2"},
		{"currency not ISO", "currency: RUB", "currency: rub"},
		{"id with a space", "id: acme", "id: acme corp"},
		{"a percentage for a weight", "weight: 0.6", "weight: 60%"},
		{"a weight above 1", "weight: 0.6", "weight: 6"},
		{"a decimal comma", "fixed: 40000", "fixed: \"40000,50\""},
		{"a negative fixed part", "fixed: 40000", "fixed: -40000"},
		{"cap as a word other than none", "cap: none", "cap: unlimited"},
		{"a share where only a bonus takes one", "ladder: rates}", "rate: \"2% of fixed\"}"},
		{"a marginal tier with value", "rate: 0.03}", "rate: 0.03, value: 1}"},
		{"a commission with rate and ladder", "ladder: rates}", "ladder: rates, rate: 0.02}"},
		{"a commission without rate or ladder", ", ladder: rates}", "}"},
		{"a bonus without when", ", when: {kpi: sales, reaches: norm}}", "}"},
		{"when with kpi and condition", "reaches: norm}", "reaches: norm, condition: no_errors}"},
		{"a quality gate without factor", ", factor: 0.5}", "}"},
		{"a key of another component type", "ladder: rates}", "ladder: rates, price: 4990}"},
		{"a boolean written yes", "variable: 50% of fixed", "variable: 50% of fixed\n    prorate_plans: yes"},
		{"a linear ladder with tiers", "type: marginal", "type: linear"},
		{"of without source", "norm: 600}", "norm: 600, of: calls_made}"},
		{"no roles", "roles:", "roles: []\nold_roles:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(base, c.from) {
				t.Fatalf("base has no %q", c.from)
			}
			text := strings.Replace(base, c.from, c.to, 1)
			if err := s.Validate(instance(t, []byte(text))); err == nil {
				t.Errorf("the schema accepts:\n%s", text)
			}
			if _, _, err := plan.Check(strings.NewReader(text), "case.yaml"); err == nil {
				t.Errorf("premia accepts it too: not a refusal to test")
			}
		})
	}
}

// TestDecimalPatterns: the texts the schema's decimal definitions take
// as quoted strings, against what premia's checks take (worked by hand:
// a weight is above 0 and at most 1, a ratio 0 to 1 …).
func TestDecimalPatterns(t *testing.T) {
	cases := []struct {
		pattern string
		yes, no []string
	}{
		{plan.DecimalPattern, []string{"0", "0.15", "25000", "-1.5", "+2"}, []string{"1e5", ".5", "5.", "1,5", "10%", "0x1A", "1_000", ""}},
		{unsignedPattern, []string{"0", "0.0", "25000", "+1.5"}, []string{"-1", "-0.01", "1e5"}},
		{positivePattern, []string{"1", "0.01", "00.5", "10", "100.00"}, []string{"0", "0.0", "000", "-1", "0.000"}},
		{weightPattern, []string{"1", "1.0", "0.4", "0.05", "01"}, []string{"0", "0.0", "1.01", "2", "-0.5", "10"}},
		{ratioPattern, []string{"0", "0.0", "0.5", "1", "1.00"}, []string{"1.5", "-0.1", "2"}},
		{levelsPattern, []string{"1", "2", "10", "2.0"}, []string{"0", "1.5", "-1"}},
		{sharePattern(), []string{"50% of fixed", "12.5 % of fixed", " 10%  of  fixed "}, []string{"50%", "50% of variable", "half of fixed", "-5% of fixed"}},
		{plan.IDPattern, []string{"sales", "new_clients", "k-payout", "выручка", "S2"}, []string{"2sales", "_x", "a b", "a.b", ""}},
	}
	for _, c := range cases {
		re := regexp.MustCompile(c.pattern)
		for _, s := range c.yes {
			if !re.MatchString(s) {
				t.Errorf("%s does not match %q; it must", c.pattern, s)
			}
		}
		for _, s := range c.no {
			if re.MatchString(s) {
				t.Errorf("%s matches %q; it must not", c.pattern, s)
			}
		}
	}
}

// TestModeline: the line that points an editor at the schema.
func TestModeline(t *testing.T) {
	if got, want := Modeline(FileName), "# yaml-language-server: $schema=scheme.schema.json"; got != want {
		t.Errorf("Modeline = %q, want %q", got, want)
	}
}

func Example_generate() {
	var doc map[string]any
	_ = json.Unmarshal(Generate(), &doc)
	fmt.Println(doc["$schema"])
	// Output: https://json-schema.org/draft/2020-12/schema
}
