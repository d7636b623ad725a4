package scaffold

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/premia-pay/premia/plan"
)

// A model of no example: no locale key, a quoted id, a title.
const bare = `# A bare model.
version: 1
id: "bare"
title: Bare
currency: RUB

roles:
  - id: clerk
    fixed: 30000
`

var fsys = fstest.MapFS{
	"bare/scheme.yaml":         {Data: []byte(bare)},
	"travel-team/scheme.yaml":  {Data: []byte(strings.Replace(bare, "Bare", "Travelling team", 1))},
	"travel-team/README.md":    {Data: []byte("not a scheme")},
	"no-scheme/README.md":      {Data: []byte("a folder without a scheme is no model")},
	"broken/scheme.yaml":       {Data: []byte("version: [")},
	"broken-later/scheme.yaml": {Data: []byte("version: 1\n")},
}

// TestModels: every folder with a scheme.yaml is a model named after it,
// with its title and locale; an alias names the folder it stands for.
func TestModels(t *testing.T) {
	ms := models(fsys)
	var names []string
	for _, m := range ms {
		names = append(names, m.Name+"/"+m.Alias+"/"+m.Title+"/"+m.Locale)
	}
	want := "bare//Bare/en broken///en broken-later///en travel-team/regional/Travelling team/en"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("models = %s, want %s", got, want)
	}
	if got := strings.Join(Names(ms), " "); got != "bare broken broken-later regional travel-team" {
		t.Errorf("Names = %s", got)
	}
	for name, want := range map[string]string{"bare": "bare", "Regional": "travel-team", " TRAVEL-TEAM ": "travel-team"} {
		if m, err := Find(ms, name); err != nil || m.Name != want {
			t.Errorf("Find(%q) = %q, %v; want %s", name, m.Name, err, want)
		}
	}
	for name, want := range map[string]string{
		"matrix": `"matrix" is not a model: the models are bare, broken, broken-later, regional, travel-team (premia's examples)`,
		"vip":    `"vip" is not a model yet: its example, examples/vip-accounts, is not in this premia; the models are`,
	} {
		if _, err := Find(ms, name); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Find(%q): %v, want %s", name, err, want)
		}
	}
	if _, err := Build(ms[1], Options{Period: "2026-11"}); err == nil {
		t.Errorf("a model whose scheme does not read was built")
	}
	if _, err := Build(ms[2], Options{Period: "2026-11"}); err == nil || !strings.Contains(err.Error(), "does not make a valid scheme") {
		t.Errorf("a model whose scheme does not validate: %v", err)
	}
}

// TestSchemeText: the header, the id set (a quoted one written plain), a
// locale inserted after currency where the model has none; the rest of
// the model's lines as they were.
func TestSchemeText(t *testing.T) {
	m := models(fsys)[0]
	got, err := schemeText(m, "ru", "acme")
	if err != nil {
		t.Fatal(err)
	}
	want := header("bare", "acme", "ru") + strings.Replace(strings.Replace(bare, `id: "bare"`, "id: acme", 1), "currency: RUB\n", "currency: RUB\nlocale: ru\n", 1)
	if string(got) != want {
		t.Errorf("schemeText =\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(string(got), "# yaml-language-server: $schema=scheme.schema.json\n#\n# Схема мотивации acme, созданная premia init по модели bare\n") {
		t.Errorf("header:\n%s", got)
	}
	en, err := schemeText(m, "en", "")
	if want := header("bare", "bare", "en") + strings.Replace(bare, "currency: RUB\n", "currency: RUB\nlocale: en\n", 1); err != nil || string(en) != want {
		t.Errorf("schemeText in the default language =\n%s (%v)\nwant the locale written out:\n%s", en, err, want)
	}
	if again, err := schemeText(Model{Name: "en", Scheme: en[len(header("bare", "bare", "en")):], Locale: "en"}, "en", "bare"); err != nil || !bytes.Equal(again[len(header("en", "bare", "en")):], en[len(header("bare", "bare", "en")):]) {
		t.Errorf("a scheme with its id and locale as asked is not changed:\n%s (%v)", again, err)
	}
	s, _, err := plan.Check(bytes.NewReader(got), "scheme.yaml")
	if err != nil || s.ID != "acme" || s.Locale != "ru" {
		t.Errorf("the scheme written reads as id %q, locale %q (%v)", s.ID, s.Locale, err)
	}
}

// TestBuild: the files in order, the fact sheet's name by the period, and
// the README naming the next month (2026-12 after 2026-11; 2027-01 after
// 2026-12).
func TestBuild(t *testing.T) {
	f, err := Build(models(fsys)[0], Options{Period: "2026-12", ID: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Names(), " "); got != "scheme.yaml scheme.schema.json facts-2026-12.xlsx README.md" {
		t.Errorf("files %s", got)
	}
	readme := string(f.Files[3].Data)
	for _, want := range []string{
		"# Bare\n",
		"| `clerk` | 30000 | — | — | — |",
		"- **Roster**: one row per employee: id, name, role (`clerk`), department.",
		"premia template scheme.yaml --period 2027-01 --roster facts-2026-12.xlsx -o facts-2027-01.xlsx",
		"premia calc scheme.yaml facts-2026-12.xlsx -o report-2026-12.xlsx",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README has no %q:\n%s", want, readme)
		}
	}
	if got := nextPeriod("2026-11"); got != "2026-12" {
		t.Errorf("nextPeriod(2026-11) = %s", got)
	}
}
