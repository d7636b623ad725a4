package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/premia-pay/premia/plan"
)

// Draft is the JSON Schema dialect of the schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// FileName is the schema's file name: in the repository's schema/ folder
// and in a client's folder beside scheme.yaml.
const FileName = "scheme.schema.json"

// Modeline is the first line of a scheme that points an editor (VS Code's
// YAML extension, and any yaml-language-server) at the schema file path,
// relative to the scheme.
func Modeline(path string) string { return "# yaml-language-server: $schema=" + path }

var (
	decType     = reflect.TypeOf(plan.Dec{})
	boolType    = reflect.TypeOf(plan.Bool{})
	formulaType = reflect.TypeOf(plan.Formula{})
	posType     = reflect.TypeOf(plan.Pos{})
	keysType    = reflect.TypeOf(map[string]plan.Pos{})
)

// Keys are the keys a scheme may hold in a mapping of plan type t (a
// struct type of plan), in the order plan declares them: its fields' yaml
// tags, as plan's decoder reads them.
func Keys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == posType || f.Type == keysType || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		keys = append(keys, name)
	}
	return keys
}

// field is the struct field of t that key is read into.
func field(t reflect.Type, key string) reflect.StructField {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key {
			return f
		}
	}
	panic("schema: no key " + key + " in " + t.Name())
}

// Generate is the JSON Schema of a scheme, as indented JSON. It panics
// when plan has a type or key this package does not describe: a test
// runs it, so a key added to plan without a description fails the build's
// tests, not a user.
func Generate() []byte {
	g := &gen{defs: scalarDefs()}
	root := g.object(reflect.TypeOf(plan.Scheme{}))
	doc := obj{
		{"$schema", Draft},
		{"title", "premia scheme, version 1"},
	}
	doc = append(doc, root...)
	doc = append(doc, kv{"$defs", g.defs})
	return encode(doc)
}

type gen struct {
	defs obj
	done map[reflect.Type]bool
}

// ref is a JSON pointer to a definition.
func ref(def string) obj { return obj{{"$ref", "#/$defs/" + def}} }

// structDef is the name of the definition of plan's struct type t,
// defining it on first use.
func (g *gen) structDef(t reflect.Type) string {
	r, ok := structs[t.Name()]
	if !ok {
		panic(fmt.Sprintf("schema: plan.%s has no rules in internal/schema (rules.go): describe it and its keys", t.Name()))
	}
	if g.done == nil {
		g.done = map[reflect.Type]bool{}
	}
	if !g.done[t] {
		g.done[t] = true
		i := len(g.defs)
		g.defs = append(g.defs, kv{r.def, nil}) // its place, before what it holds
		g.defs[i].v = g.object(t)
	}
	return r.def
}

// object is the schema of a mapping read into plan's struct type t.
func (g *gen) object(t reflect.Type) obj {
	r, ok := structs[t.Name()]
	if !ok {
		panic(fmt.Sprintf("schema: plan.%s has no rules in internal/schema (rules.go): describe it and its keys", t.Name()))
	}
	keys := Keys(t)
	for k := range r.keys {
		if !slices.Contains(keys, k) {
			panic(fmt.Sprintf("schema: rules.go describes key %s of plan.%s, which plan does not have", k, t.Name()))
		}
	}
	props := obj{}
	for _, k := range keys {
		kr, ok := r.keys[k]
		if !ok || kr.desc == "" {
			panic(fmt.Sprintf("schema: key %s of plan.%s has no description in internal/schema (rules.go): describe it, with its type, enum and default", k, t.Name()))
		}
		props = append(props, kv{k, g.property(field(t, k), kr)})
	}
	out := obj{{"description", r.desc}, {"type", "object"}, {"properties", props}}
	if len(r.required) > 0 {
		out = append(out, kv{"required", r.required})
	}
	out = append(out, kv{"additionalProperties", false})
	if r.extra != nil {
		out = append(out, r.extra(keys)...)
	}
	return out
}

// property is the schema of one key.
func (g *gen) property(f reflect.StructField, k key) obj {
	out := obj{{"description", k.desc}}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	_, opt, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	switch {
	case t == decType:
		def := k.ref
		if def == "" {
			def = "decimal"
		}
		// A tag option widens what the decoder takes: the schema's
		// definition must take it too.
		if opt == "none" && !strings.HasSuffix(def, "_or_none") || opt == "share" && !strings.HasSuffix(def, "_or_share") {
			panic(fmt.Sprintf("schema: key %s takes %s, and its definition %s does not", f.Name, opt, def))
		}
		out = append(out, ref(def)...)
	case t == boolType:
		out = append(out, kv{"type", "boolean"})
	case t == formulaType:
		out = append(out, ref("formula")...)
	case t.Kind() == reflect.String:
		out = append(out, g.text(k)...)
	case t.Kind() == reflect.Int:
		out = append(out, kv{"type", "integer"})
		if k.constant != nil {
			out = append(out, kv{"const", k.constant})
		}
	case t.Kind() == reflect.Slice:
		el := t.Elem()
		var items obj
		switch {
		case el.Kind() == reflect.String:
			items = g.text(k)
		case el.Kind() == reflect.Pointer && el.Elem().Kind() == reflect.Struct:
			items = ref(g.structDef(el.Elem()))
		default:
			panic("schema: cannot describe a list of " + el.String())
		}
		out = append(out, kv{"type", "array"}, kv{"items", items})
		if k.minItems > 0 {
			out = append(out, kv{"minItems", k.minItems})
		}
	case t.Kind() == reflect.Struct:
		out = append(out, ref(g.structDef(t))...)
	default:
		panic("schema: cannot describe " + t.String())
	}
	if k.dflt != nil {
		out = append(out, kv{"default", k.dflt})
	}
	if len(k.examples) > 0 {
		out = append(out, kv{"examples", k.examples})
	}
	return out
}

// text is the schema of a text value: one of an enum, an id, or free.
func (g *gen) text(k key) obj {
	switch {
	case len(k.enum) > 0:
		return obj{{"enum", k.enum}}
	case k.ref != "":
		return ref(k.ref)
	}
	return obj{{"type", "string"}}
}
