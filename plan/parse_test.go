package plan_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/plan"
)

// messages splits an error returned by Parse or Validate into the messages of
// the located errors it joins, in order.
func messages(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, messages(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

// checkMessages reports a difference between the messages of err and want:
// the counts must be equal and each message must start with its want, which
// always begins with the "file:line:col:" location.
func checkMessages(t *testing.T, call string, err error, want []string) {
	t.Helper()
	got := messages(err)
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(want):
			t.Errorf("%s: extra message %d = %q, want none", call, i, got[i])
		case i >= len(got):
			t.Errorf("%s: message %d missing, want %q", call, i, want[i])
		case !strings.HasPrefix(got[i], want[i]):
			t.Errorf("%s: message %d = %q, want it to start with %q", call, i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d messages, want %d", call, len(got), len(want))
	}
}

func parse(t *testing.T, in string) *plan.Scheme {
	t.Helper()
	s, err := plan.Parse(strings.NewReader(in), "s.yaml")
	if err != nil {
		t.Fatalf("Parse() error = %v, want none", err)
	}
	if s == nil {
		t.Fatal("Parse() = nil scheme and no error")
	}
	return s
}

// parseFails parses in, which must fail, and checks the located messages.
func parseFails(t *testing.T, in string, want []string) {
	t.Helper()
	s, err := plan.Parse(strings.NewReader(in), "s.yaml")
	if err == nil {
		t.Fatalf("Parse() error = nil, want %d messages starting %q", len(want), want)
	}
	if s != nil {
		t.Errorf("Parse() returned a scheme with its error, want nil")
	}
	checkMessages(t, "Parse()", err, want)
}

const kpiKeys = "allowed here: aggregate, base, cap, direction, formula, gate, id, if_zero, ladder, norm, of, source, target, title, unit, weight"
const rootKeys = "allowed here: currency, id, ladders, locale, roles, rounding, title, version"

func TestParseStructuralErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "unknown key with a suggestion",
			in: `version: 1
id: x
currency: RUB
roles:
  - id: a
    kpis:
      - id: k
        wieght: 0.5
`,
			want: []string{`s.yaml:8:9: roles[0].kpis[0].wieght: unknown key (did you mean "weight"?); ` + kpiKeys},
		},
		{
			name: "unknown key without a near miss",
			in: `version: 1
colour: red
`,
			want: []string{"s.yaml:2:1: colour: unknown key; " + rootKeys},
		},
		{
			name: "capitalised key",
			in: `version: 1
Title: Sales
`,
			want: []string{`s.yaml:2:1: Title: unknown key (did you mean "title"?); ` + rootKeys},
		},
		{
			name: "misspelt key in a flow mapping",
			in: `version: 1
rounding: {step: 0.01, mdoe: half-up}
`,
			want: []string{`s.yaml:2:24: rounding.mdoe: unknown key (did you mean "mode"?); allowed here: mode, step`},
		},
		{
			name: "unknown key in a when",
			in: `version: 1
roles:
  - id: a
    components:
      - id: c
        when: {kpi: k, reach: norm}
`,
			want: []string{`s.yaml:6:24: roles[0].components[0].when.reach: unknown key (did you mean "reaches"?); allowed here: condition, kpi, reaches`},
		},
		{
			name: "duplicate key at the top",
			in: `version: 1
id: x
id: y
`,
			want: []string{"s.yaml:3:1: id: duplicate key (first given at line 2)"},
		},
		{
			name: "duplicate key in a flow mapping",
			in: `version: 1
roles:
  - id: a
    kpis:
      - {id: k, norm: 1, norm: 2}
`,
			want: []string{"s.yaml:5:26: roles[0].kpis[0].norm: duplicate key (first given at line 5)"},
		},
		{
			name: "duplicate key two lines apart",
			in: `version: 1
roles:
  - id: a
    fixed: 1000
    title: A
    fixed: 2000
`,
			want: []string{"s.yaml:6:5: roles[0].fixed: duplicate key (first given at line 4)"},
		},
		{
			name: "empty required decimal",
			in: `version: 1
roles:
  - id: a
    components:
      - id: c
        rate:
`,
			want: []string{"s.yaml:6:14: roles[0].components[0].rate: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "null decimal",
			in: `version: 1
roles:
  - id: a
    components:
      - id: c
        rate: null
`,
			want: []string{"s.yaml:6:15: roles[0].components[0].rate: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "tilde decimal",
			in: `version: 1
roles:
  - id: a
    components:
      - id: c
        rate: ~
`,
			want: []string{"s.yaml:6:15: roles[0].components[0].rate: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "NULL decimal in a flow mapping",
			in: `version: 1
roles:
  - id: a
    components:
      - {id: c, rate: NULL}
`,
			want: []string{"s.yaml:5:23: roles[0].components[0].rate: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "empty cap",
			in: `version: 1
roles:
  - id: a
    kpis:
      - id: k
        cap:
`,
			want: []string{"s.yaml:6:13: roles[0].kpis[0].cap: no value (empty or null): write a value, `none`, or remove the key"},
		},
		{
			name: "null cap",
			in: `version: 1
roles:
  - id: a
    kpis:
      - {id: k, cap: ~}
`,
			want: []string{"s.yaml:5:22: roles[0].kpis[0].cap: no value (empty or null): write a value, `none`, or remove the key"},
		},
		{
			name: "none outside cap",
			in: `version: 1
roles:
  - id: a
    kpis:
      - {id: k, norm: none}
`,
			want: []string{`s.yaml:5:23: roles[0].kpis[0].norm: "none" is not a decimal number: write digits with an optional leading minus`},
		},
		{
			name: "null text",
			in: `version: 1
id: ~
`,
			want: []string{"s.yaml:2:5: id: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "empty version",
			in: `version:
id: x
`,
			want: []string{"s.yaml:1:9: version: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "version 1.0",
			in: `version: 1.0
`,
			want: []string{`s.yaml:1:10: version: "1.0" is not a whole number`},
		},
		{
			name: "version 01",
			in: `version: 01
`,
			want: []string{`s.yaml:1:10: version: "01" is not a whole number`},
		},
		{
			name: "version one",
			in: `version: one
`,
			want: []string{`s.yaml:1:10: version: "one" is not a whole number`},
		},
		{
			name: "null role",
			in: `version: 1
roles:
  - ~
`,
			want: []string{"s.yaml:3:5: roles[0]: no value (empty or null): write a value or remove the key"},
		},
		{
			name: "merge key",
			in: `version: 1
roles:
  - &base
    id: a
    fixed: 1000
  - <<: *base
    id: b
`,
			want: []string{"s.yaml:6:5: roles[1]: merge keys (<<) are not supported: write the values out, or use a named ladder"},
		},
		{
			name: "merge key in a flow tier",
			in: `version: 1
ladders:
  - id: l
    type: step
    tiers:
      - &t {from: 0, to: 1, value: 0}
      - {<<: *t, from: 1}
`,
			want: []string{"s.yaml:7:10: ladders[0].tiers[1]: merge keys (<<) are not supported"},
		},
		{
			name: "list where a mapping is expected",
			in: `version: 1
rounding: [0.01, half-up]
`,
			want: []string{"s.yaml:2:11: rounding: expected a mapping (key: value lines), found a list"},
		},
		{
			name: "mapping where a list is expected",
			in: `version: 1
roles: {id: a}
`,
			want: []string{"s.yaml:2:8: roles: expected a list (lines starting with `- `), found a mapping (key: value lines)"},
		},
		{
			name: "scalar where a list is expected",
			in: `version: 1
roles: manager
`,
			want: []string{"s.yaml:2:8: roles: expected a list (lines starting with `- `), found the value \"manager\""},
		},
		{
			name: "scalar list item where a mapping is expected",
			in: `version: 1
roles:
  - manager
`,
			want: []string{`s.yaml:3:5: roles[0]: expected a mapping (key: value lines), found the value "manager"`},
		},
		{
			name: "scalar where a mapping is expected",
			in: `version: 1
roles:
  - id: a
    bonus: index
`,
			want: []string{`s.yaml:4:12: roles[0].bonus: expected a mapping (key: value lines), found the value "index"`},
		},
		{
			name: "mapping where text is expected",
			in: `version: 1
title: {en: Sales}
`,
			want: []string{"s.yaml:2:8: title: expected a text value, found a mapping (key: value lines)"},
		},
		{
			name: "list where a decimal is expected",
			in: `version: 1
roles:
  - id: a
    fixed: [1000]
`,
			want: []string{"s.yaml:4:12: roles[0].fixed: expected a decimal number, found a list"},
		},
		{
			name: "list where a boolean is expected",
			in: `version: 1
roles:
  - id: a
    prorate_plans: [true]
`,
			want: []string{"s.yaml:4:20: roles[0].prorate_plans: expected true or false, found a list"},
		},
		{
			name: "a list at the top",
			in: `- version: 1
`,
			want: []string{"s.yaml:1:1: expected a mapping (key: value lines), found a list"},
		},
		{
			name: "a scalar at the top",
			in: `hello
`,
			want: []string{`s.yaml:1:1: expected a mapping (key: value lines), found the value "hello"`},
		},
		{
			name: "a complex key",
			in: `version: 1
? [a, b]
: c
`,
			want: []string{"s.yaml:2:3: a key must be a plain name"},
		},
		{
			name: "two documents",
			in: `version: 1
id: a
---
version: 1
id: b
`,
			want: []string{"s.yaml:3:1: a second YAML document (after `---`): a scheme file holds exactly one"},
		},
		{
			name: "an empty second document",
			in: `version: 1
id: a
...
---
`,
			want: []string{"s.yaml:4:1: a second YAML document (after `---`): a scheme file holds exactly one"},
		},
		{
			name: "CRLF line ends",
			in:   "version: 1\r\nid: x\r\ncolour: red\r\n",
			want: []string{"s.yaml:3:1: colour: unknown key; " + rootKeys},
		},
		{
			name: "columns count characters, not bytes",
			in: `version: 1
title: Котелок
roles: [{title: Кот, fixed: 10%}]
`,
			want: []string{`s.yaml:3:29: roles[0].fixed: "10%" is not a decimal number`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parseFails(t, tt.in, tt.want)
		})
	}
}

// decimalLine puts a value in a decimal field at line 4, column 12.
const decimalLine = `version: 1
roles:
  - id: a
    fixed: VALUE
`

func TestParseNonDecimalText(t *testing.T) {
	const digits = "write digits with an optional leading minus and a dot as the decimal point, e.g. 0.15 or 25000"
	tests := []struct {
		text  string // as written in the YAML
		value string // the scalar's value, as quoted in the message
		hint  string
	}{
		{"10%", "10%", "write a fraction, not a percentage: 10% is written 0.10"},
		{"-5%", "-5%", "write a fraction, not a percentage: 10% is written 0.10"},
		{"1,5", "1,5", digits},
		{"1_000", "1_000", digits},
		{"1 000", "1 000", digits},
		{"1\u00a0000", "1\u00a0000", digits},
		{".inf", ".inf", digits},
		{"-.inf", "-.inf", digits},
		{".nan", ".nan", digits},
		{".NaN", ".NaN", digits},
		{"0x1A", "0x1A", digits},
		{"0o17", "0o17", digits},
		{"0b101", "0b101", digits},
		{"true", "true", digits},
		{"yes", "yes", digits},
		{"1e3", "1e3", digits},
		{"1.5E+2", "1.5E+2", digits},
		{".5", ".5", digits},
		{"5.", "5.", digits},
		{"−5", "−5", digits}, // U+2212 minus sign
		{"+-1", "+-1", digits},
		{"1.2.3", "1.2.3", digits},
		{"١٢", "١٢", digits}, // Arabic-Indic digits
		{"25000 RUB", "25000 RUB", digits},
		{`""`, "", digits},
		{`" 1"`, " 1", digits},
		{"'1.5 '", "1.5 ", digits},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			in := strings.Replace(decimalLine, "VALUE", tt.text, 1)
			parseFails(t, in, []string{fmt.Sprintf("s.yaml:4:12: roles[0].fixed: %q is not a decimal number: %s", tt.value, tt.hint)})
		})
	}
}

func TestParseDecimalRange(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"0", true},
		{"999999999999999", true}, // 15 integer digits
		{"-999999999999999", true},
		{"999999999999999.999999999", true},
		{"0.000000000000000000000000001", true},
		{"1000000000000000", false}, // 16 integer digits
		{"-1000000000000000", false},
		{"1000000000000000.5", false},
		{"123456789012345678901234567890", false},
		{"0001000000000000000", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			in := strings.Replace(decimalLine, "VALUE", tt.text, 1)
			if !tt.ok {
				parseFails(t, in, []string{fmt.Sprintf("s.yaml:4:12: roles[0].fixed: %q is out of range (at most 15 integer digits)", tt.text)})
				return
			}
			s := parse(t, in)
			f := s.Roles[0].Fixed
			if f.Raw != tt.text {
				t.Errorf("Fixed.Raw = %q, want %q", f.Raw, tt.text)
			}
			if want := decimal.RequireFromString(tt.text); !f.V.Equal(want) {
				t.Errorf("Fixed.V = %s, want %s", f.V, want)
			}
		})
	}
}

func TestParseBooleans(t *testing.T) {
	const in = `version: 1
roles:
  - id: a
    prorate_plans: VALUE
`
	for _, word := range []string{"yes", "no", "on", "off", "y", "n", "Y", "YES", "True", "FALSE", "1", "0"} {
		t.Run(word, func(t *testing.T) {
			parseFails(t, strings.Replace(in, "VALUE", word, 1), []string{
				fmt.Sprintf("s.yaml:4:20: roles[0].prorate_plans: %q is not a boolean: write true or false (YAML 1.1 words such as yes/no/on/off are not accepted)", word),
			})
		})
	}
	for _, tt := range []struct {
		word string
		want bool
	}{{"true", true}, {"false", false}} {
		t.Run(tt.word, func(t *testing.T) {
			s := parse(t, strings.Replace(in, "VALUE", tt.word, 1))
			b := s.Roles[0].ProratePlans
			if b == nil {
				t.Fatal("ProratePlans = nil, want a value")
			}
			if b.V != tt.want || b.Pos != (plan.Pos{Line: 4, Col: 20}) {
				t.Errorf("ProratePlans = %v at %v, want %v at 4:20", b.V, b.Pos, tt.want)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	const want = "s.yaml: the scheme is empty: it must start with `version: 1`"
	for _, tt := range []struct{ name, in string }{
		{"empty", ""},
		{"spaces and newlines", "   \n\n  \r\n \t \n"},
		{"byte order mark only", "\xef\xbb\xbf"},
		{"byte order mark and a newline", "\xef\xbb\xbf\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parseFails(t, tt.in, []string{want})
		})
	}
}

// TestParseEmptyLike: a file holding only comments, or only a document
// marker, holds no scheme either; it is not broken YAML.
func TestParseEmptyLike(t *testing.T) {
	for _, tt := range []struct{ name, in string }{
		{"comments only", `# the scheme for 2026
# is still being written
`},
		{"document marker only", `---
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.Parse(strings.NewReader(tt.in), "s.yaml")
			if err == nil {
				t.Fatal("Parse() error = nil, want the scheme is empty")
			}
			if got := err.Error(); !strings.HasPrefix(got, "s.yaml") || !strings.Contains(got, "empty") ||
				strings.Contains(got, "EOF") || strings.Contains(got, "remove the key") {
				t.Errorf("Parse() error = %q, want %q", got, "s.yaml: the scheme is empty: it must start with `version: 1`")
			}
		})
	}
}

func TestParseNotUTF8(t *testing.T) {
	const msg = ": the file is not UTF-8 text (saved as Windows-1251?): re-save it as UTF-8"
	tests := []struct {
		name, in, at string
	}{
		{"Windows-1251 title", "version: 1\ntitle: \xcf\xf0\xe8\xec\xe5\xf0\n", "s.yaml:2:8"},
		{"after Cyrillic UTF-8", "version: 1\ntitle: Отчёт \xcf\xf0\xe8\n", "s.yaml:2:14"},
		{"Windows-1251 key on line 1", "\xe2\xe5\xf0\xf1\xe8\xff: 1\n", "s.yaml:1:1"},
		{"CRLF lines", "version: 1\r\nid: x\r\ntitle: \xcf\xf0\xe8\r\n", "s.yaml:3:8"},
		{"byte order mark first", "\xef\xbb\xbfversion: 1\ntitle: \xcf\n", "s.yaml:2:8"},
		{"truncated sequence at the end", "version: 1\ntitle: \xd0", "s.yaml:2:8"},
		{"encoded surrogate", "version: 1\ntitle: a\xed\xa0\x80\n", "s.yaml:2:9"},
		{"in a comment", "version: 1 # \xe2\xe5\xf0\xf1\xe8\xff\n", "s.yaml:1:14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parseFails(t, tt.in, []string{tt.at + msg})
		})
	}
}

// TestParseBrokenYAMLLocated: syntax errors name the line and column of the
// offending character, counted by hand from the text.
func TestParseBrokenYAMLLocated(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "tab indenting line 2",
			in:   "version: 1\n\tid: x\n",
			want: "s.yaml:2:1: broken YAML: found a tab character that violates indentation",
		},
		{
			name: "tab indenting a list item",
			in:   "version: 1\nroles:\n  - id: a\n    kpis:\n\t- id: b\n",
			want: "s.yaml:5:1: broken YAML: found character that cannot start any token (a tab? indent with spaces)",
		},
		{
			name: "tab indenting line 3",
			in:   "version: 1\nid: x\n\tcurrency: RUB\n",
			want: "s.yaml:3:1: broken YAML: found a tab character that violates indentation",
		},
		{
			name: "tab indenting line 5",
			in:   "version: 1\nid: x\n\n\n\tcurrency: RUB\n",
			want: "s.yaml:5:1: broken YAML: found a tab character that violates indentation",
		},
		{
			name: "tab indenting line 1",
			in:   "\tversion: 1\n",
			want: "s.yaml:1:1: broken YAML: found character that cannot start any token (a tab? indent with spaces)",
		},
		{
			name: "a list item inside a mapping",
			in: `version: 1
id: x
currency: RUB
- a
`,
			want: "s.yaml:4:1: broken YAML: did not find expected key",
		},
		{
			name: "a key indented less than its list item",
			in: `version: 1
roles:
  - id: a
  title: b
`,
			want: "s.yaml:4:3: broken YAML: did not find expected '-' indicator",
		},
		{
			name: "a colon inside a plain value",
			in: `version: 1
id: x
currency: RUB
title: a: b
`,
			want: "s.yaml:4:9: broken YAML: mapping values are not allowed in this context",
		},
		{
			name: "an unknown anchor",
			in: `version: 1
id: *nope
`,
			want: "s.yaml:2:5: broken YAML: unknown anchor 'nope' referenced",
		},
		{
			name: "a control character",
			in:   "version: 1\ntitle: a\x01b\n",
			want: "s.yaml:2:9: broken YAML: control characters are not allowed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parseFails(t, tt.in, []string{tt.want})
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	const in = `version: 1
id: many
currency: RUB
colour: red
rounding:
  step: 1,5
roles:
  - id: a
    fixed: 10%
    prorate_plans: yes
    kpis:
      - id: k
        wieght: 0.5
        norm:
        norm: 2
      - id: k2
        cap: ~
        target: 1e3
`
	parseFails(t, in, []string{
		"s.yaml:4:1: colour: unknown key; " + rootKeys,
		`s.yaml:6:9: rounding.step: "1,5" is not a decimal number`,
		`s.yaml:9:12: roles[0].fixed: "10%" is not a decimal number: write a fraction, not a percentage`,
		`s.yaml:10:20: roles[0].prorate_plans: "yes" is not a boolean`,
		`s.yaml:13:9: roles[0].kpis[0].wieght: unknown key (did you mean "weight"?)`,
		"s.yaml:14:14: roles[0].kpis[0].norm: no value (empty or null)",
		"s.yaml:15:9: roles[0].kpis[0].norm: duplicate key (first given at line 14)",
		"s.yaml:17:14: roles[0].kpis[1].cap: no value (empty or null): write a value, `none`, or remove the key",
		`s.yaml:18:17: roles[0].kpis[1].target: "1e3" is not a decimal number`,
	})
}

func TestParseDecimalsAreExact(t *testing.T) {
	const in = `version: 1
id: exact
currency: RUB
rounding: {step: 0.01, mode: half-even}
roles:
  - id: a
    fixed: 1000000.005
    variable: 0.10
    prorate_plans: false
    bonus: {method: index}
    kpis:
      - {id: x, weight: 0.1, base: -0.02, norm: "0.2", target: 123456789012345.678901234, cap: none}
      - {id: y, weight: 0.7, cap: 1.5}
      - {id: z, weight: 0.2, norm: +5, gate: 0.000000000000000000000000001}
`
	s := parse(t, in)
	r := s.Roles[0]
	x, y, z := r.KPIs[0], r.KPIs[1], r.KPIs[2]
	tests := []struct {
		name   string
		d      *plan.Dec
		raw    string
		value  string // the exact value, as decimal.String writes it
		line   int
		column int
	}{
		{"rounding.step", s.Rounding.Step, "0.01", "0.01", 4, 18},
		{"fixed", r.Fixed, "1000000.005", "1000000.005", 7, 12},
		{"variable", r.Variable, "0.10", "0.1", 8, 15},
		{"x.weight", x.Weight, "0.1", "0.1", 12, 25},
		{"x.base", x.Base, "-0.02", "-0.02", 12, 36},
		{"x.norm", x.Norm, "0.2", "0.2", 12, 49},
		{"x.target", x.Target, "123456789012345.678901234", "123456789012345.678901234", 12, 64},
		{"y.weight", y.Weight, "0.7", "0.7", 13, 25},
		{"y.cap", y.Cap, "1.5", "1.5", 13, 35},
		{"z.norm", z.Norm, "+5", "5", 14, 36},
		{"z.gate", z.Gate, "0.000000000000000000000000001", "0.000000000000000000000000001", 14, 46},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.d == nil {
				t.Fatal("value = nil, want a decimal")
			}
			if tt.d.Raw != tt.raw {
				t.Errorf("Raw = %q, want %q", tt.d.Raw, tt.raw)
			}
			if got := tt.d.V.String(); got != tt.value {
				t.Errorf("V = %s, want %s", got, tt.value)
			}
			if want := decimal.RequireFromString(tt.value); !tt.d.V.Equal(want) {
				t.Errorf("V = %s, want exactly %s", tt.d.V, want)
			}
			if tt.d.None {
				t.Errorf("None = true, want false")
			}
			if want := (plan.Pos{Line: tt.line, Col: tt.column}); tt.d.Pos != want {
				t.Errorf("Pos = %v, want %v", tt.d.Pos, want)
			}
		})
	}
	if x.Cap == nil || !x.Cap.None || x.Cap.Raw != "none" || x.Cap.Pos != (plan.Pos{Line: 12, Col: 96}) {
		t.Errorf("x.cap = %+v, want none at 12:96", x.Cap)
	}
	sum := x.Weight.V.Add(y.Weight.V).Add(z.Weight.V)
	if !sum.Equal(decimal.New(1, 0)) {
		t.Errorf("0.1 + 0.7 + 0.2 = %s, want exactly 1", sum)
	}
	if got := x.Weight.V.Add(x.Norm.V); !got.Equal(decimal.RequireFromString("0.3")) {
		t.Errorf("0.1 + 0.2 = %s, want exactly 0.3", got)
	}
	if s.Version == nil || *s.Version != 1 {
		t.Errorf("Version = %v, want 1", s.Version)
	}
	if s.Rounding.Mode != plan.HalfEven {
		t.Errorf("Rounding.Mode = %q, want %q", s.Rounding.Mode, plan.HalfEven)
	}
	if r.ProratePlans == nil || r.ProratePlans.V || r.ProratePlans.Pos != (plan.Pos{Line: 9, Col: 20}) {
		t.Errorf("ProratePlans = %+v, want false at 9:20", r.ProratePlans)
	}
	if r.Bonus == nil || r.Bonus.Method != plan.MethodIndex || r.Bonus.Pos != (plan.Pos{Line: 10, Col: 12}) {
		t.Errorf("Bonus = %+v, want method index at 10:12", r.Bonus)
	}
	if got := r.Keys["fixed"]; got != (plan.Pos{Line: 7, Col: 12}) {
		t.Errorf("Keys[fixed] = %v, want the value's place 7:12", got)
	}
	if got := s.Keys["version"]; got != (plan.Pos{Line: 1, Col: 10}) {
		t.Errorf("Keys[version] = %v, want 1:10", got)
	}
	if y.Norm != nil || y.Base != nil || y.Target != nil {
		t.Errorf("y: absent base/norm/target = %v/%v/%v, want nil (never a silent zero)", y.Base, y.Norm, y.Target)
	}
	if s.File != "s.yaml" {
		t.Errorf("File = %q, want s.yaml", s.File)
	}
}

func TestParseAcceptsHarmlessForms(t *testing.T) {
	tests := []struct{ name, in string }{
		{"byte order mark", "\xef\xbb\xbfversion: 1\nid: x\n"},
		{"leading document marker", "---\nversion: 1\nid: x\n"},
		{"document end marker", "version: 1\nid: x\n...\n"},
		{"comments and blank lines", "# scheme\n\nversion: 1 # always 1\n\nid: x\n"},
		{"CRLF", "version: 1\r\nid: x\r\n"},
		{"a tab after a colon", "version: 1\nid:\tx\n"},
		{"quoted decimal", "version: 1\nroles:\n  - {id: a, fixed: \"1000.50\"}\n"},
		{"an alias to a decimal", "version: 1\nroles:\n  - {id: a, fixed: &f 1000}\n  - {id: b, fixed: *f}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse(t, tt.in)
		})
	}
}

// TestParseAliasInCap: an alias is resolved in every decimal field, cap
// included.
func TestParseAliasInCap(t *testing.T) {
	const in = `version: 1
roles:
  - id: a
    kpis:
      - {id: k, norm: &n 1.5}
      - {id: j, norm: *n, cap: *n}
`
	s := parse(t, in)
	j := s.Roles[0].KPIs[1]
	want := decimal.RequireFromString("1.5")
	if j.Norm == nil || !j.Norm.V.Equal(want) {
		t.Errorf("kpis[1].norm = %v, want 1.5", j.Norm)
	}
	if j.Cap == nil || j.Cap.None || !j.Cap.V.Equal(want) {
		t.Errorf("kpis[1].cap = %v, want 1.5", j.Cap)
	}
}

func TestParseAliasBomb(t *testing.T) {
	// Billion laughs through the scheme's own lists: 1,000 roles, each an
	// alias of a role whose kpis list holds 1,000 aliases of one KPI.
	in := aliasBomb()
	// Keys count as nodes too (so a bomb through keys is stopped as well).
	// 9 nodes before the first role (the root, 4 keys, 3 values, the roles
	// list); 4,004 in the first role (itself, 2 keys, the id value, the kpis
	// list, 3 for the anchored KPI, 4 for each of 999 aliases: alias, mapping,
	// key, value); 4,005 in each alias of it. 4,013 + 48 × 4,005 = 196,253;
	// in roles[49] node 200,001 is 3,748 further: 9 to the first KPI's value,
	// then 934 aliases × 4, then the alias, mapping and key "id" of kpis[935]
	// — the key of the KPI anchored at 7:15, at 7:16.
	parseFails(t, in, []string{"s.yaml:7:16: roles[49].kpis[935]: the scheme expands to more than 200000 nodes (an alias bomb?)"})
}

// aliasBomb is TestParseAliasBomb's scheme.
func aliasBomb() string {
	const head = `version: 1
id: bomb
currency: RUB
roles:
  - &r
    id: a
    kpis: [&n {id: k}`
	return head + strings.Repeat(", *n", 999) + "]\n" + strings.Repeat("  - *r\n", 999)
}

// BenchmarkParseAliasBomb: how long the refusal of an alias bomb takes (the
// node budget bounds it; about 0.2 s on a 2-core machine). A benchmark,
// not a timed test: a busy machine must not fail make test.
func BenchmarkParseAliasBomb(b *testing.B) {
	in := aliasBomb()
	for b.Loop() {
		if _, err := plan.Parse(strings.NewReader(in), "s.yaml"); err == nil {
			b.Fatal("the alias bomb was accepted")
		}
	}
}

func TestParseClassicBillionLaughs(t *testing.T) {
	// The classic shape: lists of lists. The scheme has no list of lists,
	// so each expansion stops at the first level with a located message.
	const in = `version: 1
roles: &l2 [&l1 [&l0 [a, a, a, a, a, a, a, a, a, a], *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0], *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]
ladders: [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]
`
	var want []string
	want = append(want, "s.yaml:2:13: roles[0]: expected a mapping (key: value lines), found a list")
	for i := 1; i < 10; i++ {
		want = append(want, fmt.Sprintf("s.yaml:2:13: roles[%d]: expected a mapping (key: value lines), found a list", i))
	}
	for i := 0; i < 10; i++ {
		want = append(want, fmt.Sprintf("s.yaml:2:8: ladders[%d]: expected a mapping (key: value lines), found a list", i))
	}
	parseFails(t, in, want)
}

// TestParseAliasBombThroughKeys: the node budget must also hold when the
// expansion is made of keys (unknown here) rather than values, and the
// message must stay readable.
func TestParseAliasBombThroughKeys(t *testing.T) {
	var keys []string
	for i := 0; i < 400; i++ {
		keys = append(keys, fmt.Sprintf("k%d: 1", i))
	}
	const head = `version: 1
roles:
  - &r {`
	in := head + strings.Join(keys, ", ") + "}\n" + strings.Repeat("  - *r\n", 399)
	_, err := plan.Parse(strings.NewReader(in), "s.yaml")
	if err == nil {
		t.Fatal("Parse() error = nil, want a refusal")
	}
	msg := err.Error()
	if len(msg) > 1<<20 {
		t.Errorf("Parse() of a %d-byte file: error of %d bytes in %d messages, want at most 1 MiB (a capped list, or the alias bomb refusal)", len(in), len(msg), len(messages(err)))
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestParseInput(t *testing.T) {
	t.Run("read error", func(t *testing.T) {
		_, err := plan.Parse(failingReader{}, "s.yaml")
		checkMessages(t, "Parse(failing reader)", err, []string{"s.yaml: cannot read: disk on fire"})
	})
	t.Run("read error after data", func(t *testing.T) {
		r := iotest.TimeoutReader(strings.NewReader("version: 1\n"))
		_, err := plan.Parse(iotest.OneByteReader(r), "s.yaml")
		checkMessages(t, "Parse(timeout reader)", err, []string{"s.yaml: cannot read: timeout"})
	})
	t.Run("too large", func(t *testing.T) {
		in := "version: 1\n" + strings.Repeat("#", 4<<20)
		_, err := plan.Parse(strings.NewReader(in), "s.yaml")
		checkMessages(t, "Parse(4 MiB + 11 bytes)", err, []string{"s.yaml: file is larger than 4194304 bytes; a scheme is a short text file"})
	})
	t.Run("exactly the limit", func(t *testing.T) {
		head := "version: 1\nid: x\n#"
		in := head + strings.Repeat("#", 4<<20-len(head))
		if len(in) != 4<<20 {
			t.Fatalf("input is %d bytes, want %d", len(in), 4<<20)
		}
		parse(t, in)
	})
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(dir, "missing.yaml")
		_, err := plan.Load(path)
		checkMessages(t, "Load(missing)", err, []string{path + ": cannot open the scheme: no such file or directory"})
	})
	t.Run("located with the path", func(t *testing.T) {
		path := filepath.Join(dir, "bad.yaml")
		if err := os.WriteFile(path, []byte("version: 1\ncolour: red\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := plan.Load(path)
		checkMessages(t, "Load(bad)", err, []string{path + ":2:1: colour: unknown key; " + rootKeys})
	})
	t.Run("good file", func(t *testing.T) {
		path := filepath.Join(dir, "good.yaml")
		if err := os.WriteFile(path, []byte(base), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := plan.Load(path)
		if err != nil {
			t.Fatalf("Load() error = %v, want none", err)
		}
		if s.File != path {
			t.Errorf("File = %q, want %q", s.File, path)
		}
	})
}

func TestParseBase(t *testing.T) {
	s := parse(t, base)
	if got := len(s.Ladders); got != 4 {
		t.Errorf("len(Ladders) = %d, want 4", got)
	}
	if got := len(s.Roles); got != 3 {
		t.Errorf("len(Roles) = %d, want 3", got)
	}
	if l := s.Ladder("marg"); l == nil || l.Type != plan.LadderMarginal || len(l.Tiers) != 2 || l.Tiers[1].To != nil {
		t.Errorf("Ladder(marg) = %+v, want a marginal ladder of 2 tiers, the last open", l)
	}
	if l := s.Ladder("nope"); l != nil {
		t.Errorf("Ladder(nope) = %+v, want nil", l)
	}
	r := s.Role("manager")
	if r == nil {
		t.Fatal("Role(manager) = nil")
	}
	if s.Role("Manager") != nil {
		t.Errorf("Role(Manager) != nil, want nil (ids are looked up exactly)")
	}
	if k := r.KPI("costs"); k == nil || k.Direction != plan.Lower || k.Pos != (plan.Pos{Line: 41, Col: 9}) {
		t.Errorf("KPI(costs) = %+v, want direction lower at 41:9", k)
	}
	if c := r.Condition("no_errors"); c == nil || !c.Coefficient.V.Equal(decimal.RequireFromString("0.1")) {
		t.Errorf("Condition(no_errors) = %+v, want coefficient 0.1", c)
	}
	if r.KPI("nope") != nil || r.Condition("nope") != nil {
		t.Errorf("KPI(nope) or Condition(nope) != nil, want nil")
	}
	w := r.Components[2].When
	if w == nil || w.KPI != "units" || w.Reaches != "norm" || w.Pos != (plan.Pos{Line: 51, Col: 59}) {
		t.Errorf("components[2].when = %+v, want {kpi: units, reaches: norm} at 51:59", w)
	}
	m := r.Modifiers[1].Multipliers
	if m == nil || !m.Maximum.V.Equal(decimal.RequireFromString("1.2")) || m.Pos != (plan.Pos{Line: 57, Col: 45}) {
		t.Errorf("modifiers[1].multipliers = %+v, want maximum 1.2 at 57:45", m)
	}
}

// TestParseLadderShapes: the fields of issue 12, item 7 decode exactly (a
// tier's amount from its own text, inclusive and tiers_on as written), and
// an amount that is not a plain decimal is refused where it stands.
func TestParseLadderShapes(t *testing.T) {
	s := parse(t, `version: 1
ladders:
  - id: sums
    type: step
    inclusive: to
    tiers:
      - {from: 0, to: 100000, amount: 0}
      - {from: 100000, to: 200000, amount: 5000.50, value: 0.01}
roles:
  - id: a
    components:
      - {id: c, type: commission, kpi: sales, ladder: sums, tiers_on: attainment}
`)
	l := s.Ladders[0]
	if l.Inclusive != plan.InclusiveTo || !l.UpperInclusive() {
		t.Errorf("Inclusive = %q, want to", l.Inclusive)
	}
	if a := l.Tiers[1].Amount; a == nil || a.Raw != "5000.50" || !a.V.Equal(decimal.RequireFromString("5000.5")) || a.Pos.Line != 8 || a.Pos.Col != 44 {
		t.Errorf("tiers[1].Amount = %+v, want 5000.50 at 8:44", a)
	}
	if l.Amounts() != 0 {
		t.Errorf("Amounts() = %d, want 0: the first tier pays an amount", l.Amounts())
	}
	if got := s.Roles[0].Components[0].TiersOn; got != plan.TiersOnAttainment {
		t.Errorf("TiersOn = %q, want attainment", got)
	}
	parseFails(t, `version: 1
ladders:
  - id: sums
    type: step
    tiers:
      - {from: 0, amount: 5%}
`, []string{`s.yaml:6:27: ladders[0].tiers[0].amount: "5%" is not a decimal number`})
	parseFails(t, `version: 1
ladders:
  - id: sums
    type: step
    inclusive: [to]
    tiers:
      - {from: 0, amount: 5}
`, []string{"s.yaml:5:16: ladders[0].inclusive: "})
}
