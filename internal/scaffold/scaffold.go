package scaffold

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/schema"
	"github.com/premia-pay/premia/internal/template"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// The files of a client's folder, besides the fact sheet (FactsFile).
const (
	SchemeFile = "scheme.yaml"
	SchemaFile = schema.FileName
	ReadmeFile = "README.md"
)

// FactsFile is the name of the fact sheet for period (YYYY-MM).
func FactsFile(period string) string { return "facts-" + period + ".xlsx" }

// Options say what Build makes.
type Options struct {
	Period string // the fact sheet's period, YYYY-MM
	Lang   string // en or ru; "" for the model's locale
	ID     string // the scheme's id; "" keeps the model's
}

// File is one file of a client's folder.
type File struct {
	Name string
	Data []byte
}

// Folder is a client's folder, made in memory.
type Folder struct {
	Files  []File       // in the order they are written and listed
	Scheme *plan.Scheme // the scheme as written, validated
	Lang   string       // the folder's language
}

// Names are the folder's file names.
func (f *Folder) Names() []string {
	var out []string
	for _, x := range f.Files {
		out = append(out, x.Name)
	}
	return out
}

// Build makes a client's folder from the model: the scheme (the model's,
// headed by the schema line and what to do, its id and locale set from
// o), the schema, the fact sheet for o.Period and the README. The scheme
// must pass validation without a warning, as premia validate --strict
// asks; a model that does not is refused.
func Build(m Model, o Options) (*Folder, error) {
	lang := o.Lang
	if lang == "" {
		lang = m.Locale
	}
	id := o.ID
	text, err := schemeText(m, lang, id)
	if err != nil {
		return nil, err
	}
	s, warnings, err := plan.Check(bytes.NewReader(text), SchemeFile)
	if err != nil {
		return nil, problem.Errorf("model %s does not make a valid scheme: %v", m.Name, err)
	}
	if len(warnings) > 0 {
		return nil, problem.Errorf("model %s makes a scheme that warns: %v", m.Name, warnings[0])
	}
	var facts bytes.Buffer
	if err := template.Write(&facts, s, template.Options{Period: o.Period, Lang: lang}); err != nil {
		return nil, err
	}
	sheets, err := sheetNames(facts.Bytes())
	if err != nil {
		return nil, err
	}
	readme := readme(m, s, lang, o.Period, sheets)
	return &Folder{
		Files: []File{
			{SchemeFile, text},
			{SchemaFile, schema.Generate()},
			{FactsFile(o.Period), facts.Bytes()},
			{ReadmeFile, []byte(readme)},
		},
		Scheme: s,
		Lang:   lang,
	}, nil
}

// sheetNames are the sheets of a workbook, in order.
func sheetNames(data []byte) ([]string, error) {
	b, err := xlsx.Open(data, xlsx.DefaultLimits)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range b.Sheets {
		out = append(out, s.Name)
	}
	return out, nil
}

// header is what a client's scheme starts with: the line for editors and
// what to do with the scheme.
func header(model, id, lang string) string {
	lines := []string{
		schema.Modeline(SchemaFile),
		"#",
		"# The motivation scheme of " + id + ", made by premia init from the model",
		"# " + model + " (premia's example of that name): adapt its roles, KPIs,",
		"# plan levels and amounts to the client, then check it:",
		"#   premia validate --strict scheme.yaml",
		"# The first line lets an editor complete and check the scheme as you",
		"# type (VS Code's YAML extension reads scheme.schema.json beside it).",
		"# README.md says how to run a month.",
	}
	if lang == "ru" {
		lines = []string{
			schema.Modeline(SchemaFile),
			"#",
			"# Схема мотивации " + id + ", созданная premia init по модели " + model,
			"# (одноимённый пример premia): подгоните роли, показатели, уровни",
			"# планов и суммы под клиента и проверьте схему:",
			"#   premia validate --strict scheme.yaml",
			"# Первая строка позволяет редактору подсказывать ключи и проверять",
			"# схему по мере набора (расширение YAML для VS Code читает",
			"# scheme.schema.json рядом с ней). Как рассчитать месяц — в README.md.",
		}
	}
	return strings.Join(lines, "\n") + "\n\n"
}

// schemeText is the model's scheme headed by header, with its id set to
// id (unless "") and its locale to lang (a locale: line inserted after
// currency: where the model has none): the model's own lines otherwise,
// comments and all.
func schemeText(m Model, lang, id string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(m.Scheme, &doc); err != nil || len(doc.Content) != 1 {
		return nil, problem.Errorf("model %s: its scheme does not read: %v", m.Name, err)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return nil, problem.Errorf("model %s: its scheme is not a block mapping", m.Name)
	}
	top := map[string][2]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		top[root.Content[i].Value] = [2]*yaml.Node{root.Content[i], root.Content[i+1]}
	}
	lines := strings.SplitAfter(string(m.Scheme), "\n")
	// Edits go from the bottom up, so that the lines above keep their numbers.
	type edit struct {
		line   int // 0-based
		node   *yaml.Node
		value  string
		insert bool // a new line after line
	}
	var edits []edit
	if n := top["id"][1]; id != "" && n != nil && n.Value != id {
		edits = append(edits, edit{line: n.Line - 1, node: n, value: id})
	}
	// The locale is written out, even where it is the default: the
	// client's language is the scheme's to say.
	if n := top["locale"][1]; n != nil {
		if n.Value != lang {
			edits = append(edits, edit{line: n.Line - 1, node: n, value: lang})
		}
	} else if c := top["currency"][1]; c != nil {
		// (A scheme without currency is refused by validation below.)
		edits = append(edits, edit{line: c.Line - 1, value: "locale: " + lang + "\n", insert: true})
	}
	for i := range edits {
		for j := i + 1; j < len(edits); j++ {
			if edits[j].line > edits[i].line {
				edits[i], edits[j] = edits[j], edits[i]
			}
		}
	}
	for _, e := range edits {
		if e.insert {
			lines = append(lines[:e.line+1], append([]string{e.value}, lines[e.line+1:]...)...)
			continue
		}
		line, err := replaceScalar(lines[e.line], e.node, e.value)
		if err != nil {
			return nil, problem.Errorf("model %s: %v", m.Name, err)
		}
		lines[e.line] = line
	}
	return []byte(header(m.Name, idOr(id, top), lang) + strings.Join(lines, "")), nil
}

// idOr is id, or the model's when id is "".
func idOr(id string, top map[string][2]*yaml.Node) string {
	if id == "" && top["id"][1] != nil {
		return top["id"][1].Value
	}
	return id
}

// replaceScalar is line with the scalar n (which starts on it) replaced
// by value, written plain.
func replaceScalar(line string, n *yaml.Node, value string) (string, error) {
	r := []rune(line)
	start := n.Column - 1
	if start < 0 || start >= len(r) {
		return "", fmt.Errorf("line %d: no value at column %d", n.Line, n.Column)
	}
	end := start + len([]rune(n.Value))
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := r[start]
		end = start + 1
		for end < len(r) && r[end] != q {
			end++
		}
		end++
	case 0:
	default:
		return "", fmt.Errorf("line %d: the value is not written on one line", n.Line)
	}
	if end > len(r) {
		return "", fmt.Errorf("line %d: the value runs past the line", n.Line)
	}
	return string(r[:start]) + value + string(r[end:]), nil
}
