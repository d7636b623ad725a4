package scaffold

import (
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/premia-pay/premia/examples"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// Model is a scheme a client's folder can start from: an example.
type Model struct {
	Name   string // the example's folder
	Alias  string // its shorter name, if it has one
	Title  string // the scheme's title
	Locale string // the scheme's locale: en or ru
	Scheme []byte // the example's scheme.yaml
}

// Aliases are shorter names of some examples, as the consultants call
// them (issue 13 names the models so): alias → example folder. An alias
// whose folder is not in examples/ is no model (yet); one is offered as
// soon as its folder is.
var Aliases = map[string]string{
	"vip":      "vip-accounts",
	"regional": "travel-team",
}

// Models are the models there are, by name: every example folder with a
// scheme.yaml.
func Models() []Model {
	return models(examples.Schemes)
}

func models(fsys fs.FS) []Model {
	paths, err := fs.Glob(fsys, "*/scheme.yaml")
	if err != nil {
		panic(err) // the pattern is well formed
	}
	var out []Model
	for _, p := range paths {
		text, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue
		}
		m := Model{Name: path.Dir(p), Scheme: text, Locale: "en"}
		for a, name := range Aliases {
			if name == m.Name {
				m.Alias = a
			}
		}
		// The title and locale, for listings; a scheme that does not read
		// is still listed, and refused when used.
		if s, err := plan.Parse(bytes.NewReader(text), p); err == nil {
			m.Title, m.Locale = s.Title, s.Lang()
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names are the models' names and aliases, for help and completion.
func Names(ms []Model) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
		if m.Alias != "" {
			out = append(out, m.Alias)
		}
	}
	sort.Strings(out)
	return out
}

// Find is the model called name (or by its alias), in any case.
func Find(ms []Model, name string) (Model, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := Aliases[n]; ok {
		n = a
	}
	for _, m := range ms {
		if m.Name == n {
			return m, nil
		}
	}
	if isAliasTarget(n) {
		return Model{}, problem.Errorf("%q is not a model yet: its example, examples/%s, is not in this premia; the models are %s", name, n, strings.Join(Names(ms), ", "))
	}
	return Model{}, problem.Errorf("%q is not a model: the models are %s (premia's examples)", name, strings.Join(Names(ms), ", "))
}

// isAliasTarget reports whether name is the folder an alias stands for.
func isAliasTarget(name string) bool {
	for _, f := range Aliases {
		if f == name {
			return true
		}
	}
	return false
}
