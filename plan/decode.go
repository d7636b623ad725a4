package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/premia-pay/premia/internal/problem"
)

// Pos is a place in a scheme file, 1-based.
type Pos struct {
	Line, Col int
}

// Dec is a decimal scalar read from the raw YAML text, never through float64.
type Dec struct {
	V   decimal.Decimal
	Raw string
	Pos Pos
	// None is true for the literal `none`, accepted only where a field allows it.
	None bool
	// OfFixed is true for a share of the person's fixed part, written
	// `50% of fixed` where a field allows it: V is then the share, 0.5.
	OfFixed bool
}

// Bool is a strict YAML boolean: only true and false.
type Bool struct {
	V   bool
	Pos Pos
}

// maxNodes bounds the nodes one scheme may expand to, aliases included, so an
// alias bomb is refused instead of exhausting memory.
const maxNodes = 200_000

// maxMagnitude bounds every decimal in a scheme: nothing in pay is near 10^15.
var maxMagnitude = decimal.New(1, 15)

// The texts a scheme's scalars are written in, as regular expressions
// that Go and ECMA-262 (editors checking a scheme against its JSON Schema,
// package internal/schema) read alike.
const (
	// DecimalPattern is a decimal number: digits, an optional sign and a
	// dot as the decimal point (0.15, 25000, -1.5); no exponent, no %.
	DecimalPattern = `^[+-]?[0-9]+(\.[0-9]+)?$`
	// SharePattern is a share of the person's fixed part, where a field
	// allows one: 50% of fixed, 12.5 % of fixed (the text trimmed of
	// spaces first). Go's \s, spelt out: ECMA-262's \s has more spaces.
	SharePattern = `^([0-9]+(?:\.[0-9]+)?)[\t\n\f\r ]*%[\t\n\f\r ]*of[\t\n\f\r ]+fixed$`
	// IDPattern is an id: letters, digits, _ and -, starting with a letter.
	IDPattern = `^\p{L}[\p{L}\p{N}_-]*$`
	// CurrencyPattern is an ISO 4217 code: RUB, USD, THB.
	CurrencyPattern = `^[A-Z]{3}$`
)

var (
	decimalText = regexp.MustCompile(DecimalPattern)
	wholeText   = regexp.MustCompile(`^[1-9][0-9]{0,5}$|^0$`)
)

type decoder struct {
	file  string
	errs  []error
	nodes int
}

// bombed marks, in Scheme.failed, a document cut short by the node budget.
const bombed = "\x00bombed"

// maxErrors caps the problems reported for one file.
const maxErrors = 100

func (d *decoder) errorf(p Pos, path, format string, args ...any) {
	d.problem(p, path, problem.New(format, args...))
}

// problem records msg at p, up to maxErrors.
func (d *decoder) problem(p Pos, path string, msg problem.Text) {
	switch {
	case len(d.errs) < maxErrors:
		d.errs = append(d.errs, &Error{File: d.file, Pos: p, Path: path, Msg: msg})
	case len(d.errs) == maxErrors:
		d.errs = append(d.errs, errorAt(d.file, Pos{}, "", "more than %d problems; fix these first", maxErrors))
	}
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

// Parse reads one scheme from r. It reports every structural problem it finds,
// each located; semantic rules are checked by Validate.
func Parse(r io.Reader, file string) (*Scheme, error) {
	root, err := parseDoc(r, file, docScheme)
	if err != nil {
		return nil, err
	}
	s, errs := decodeScheme(root, file)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// Check parses and validates one scheme, reporting structural and semantic
// problems together, sorted by their place in the file. Warnings never stop
// a calculation.
func Check(r io.Reader, file string) (s *Scheme, warnings []error, err error) {
	root, err := parseDoc(r, file, docScheme)
	if err != nil {
		return nil, nil, err
	}
	s, errs := decodeScheme(root, file)
	if !s.failed[bombed] { // a scheme cut short by the node budget is not validated
		var verr error
		warnings, verr = s.Validate()
		if verr != nil {
			errs = append(errs, unjoin(verr)...)
		}
		if len(errs) == 0 {
			return s, warnings, nil
		}
	}
	sortByPlace(errs)
	if len(errs) > maxErrors {
		errs = append(errs[:maxErrors], errorAt(file, Pos{}, "", "%d more problems not shown; fix these first", len(errs)-maxErrors))
	}
	return nil, warnings, errors.Join(errs...)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func sortByPlace(errs []error) {
	line := func(e error) (int, int) {
		if pe, ok := e.(*Error); ok {
			return pe.Pos.Line, pe.Pos.Col
		}
		return 0, 0
	}
	sort.SliceStable(errs, func(i, j int) bool {
		li, ci := line(errs[i])
		lj, cj := line(errs[j])
		return li < lj || li == lj && ci < cj
	})
}

// docKind is what a YAML file premia reads is: a scheme, or another input
// read by the scheme's rules (DecodeFile), whose messages say "file"
// where a scheme's say "scheme".
type docKind bool

const (
	docScheme docKind = false
	docOther  docKind = true
)

// empty is the error of a file with nothing in it.
func (k docKind) empty(file string) error {
	if k == docOther {
		return errorAt(file, Pos{}, "", "the file is empty: it must start with `version: 1`")
	}
	return errorAt(file, Pos{}, "", "the scheme is empty: it must start with `version: 1`")
}

func parseDoc(r io.Reader, file string, kind docKind) (*yaml.Node, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSchemeBytes+1))
	if err != nil {
		return nil, errorAt(file, Pos{}, "", "cannot read: %v", err)
	}
	if len(data) > maxSchemeBytes {
		if kind == docOther {
			return nil, errorAt(file, Pos{}, "", "file is larger than %d bytes; it is meant to be a short text file", maxSchemeBytes)
		}
		return nil, errorAt(file, Pos{}, "", "file is larger than %d bytes; a scheme is a short text file", maxSchemeBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if p, ok := firstInvalidUTF8(data); !ok {
		return nil, errorAt(file, p, "", "the file is not UTF-8 text (saved as Windows-1251?): re-save it as UTF-8")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, kind.empty(file)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, kind.empty(file)
	} else if err != nil {
		return nil, yamlError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		if kind == docOther {
			return nil, errorAt(file, posOf(&extra), "", "a second YAML document (after `---`): the file holds exactly one")
		}
		return nil, errorAt(file, posOf(&extra), "", "a second YAML document (after `---`): a scheme file holds exactly one")
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, data, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, kind.empty(file)
	}
	return root, nil
}

// decodeScheme decodes what it can of the document and returns the problems
// found; the scheme remembers which fields failed so that Validate does not
// report them again as missing.
func decodeScheme(root *yaml.Node, file string) (*Scheme, []error) {
	d := &decoder{file: file}
	s := &Scheme{File: file}
	d.decode(root, reflect.ValueOf(s).Elem(), "")
	s.failed = map[string]bool{}
	if d.nodes > maxNodes {
		s.failed[bombed] = true
	}
	for _, e := range d.errs {
		if pe, ok := e.(*Error); ok {
			s.failed[pe.Path] = true
		}
	}
	return s, d.errs
}

const maxSchemeBytes = 4 << 20

func firstInvalidUTF8(b []byte) (Pos, bool) {
	line, col := 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return Pos{line, col}, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[size:]
	}
	return Pos{}, true
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError places a YAML syntax error. yaml.v3 names the line where the
// construct in trouble began, not always the line of the fault, and never a
// column; so the fault is found in the text: the tab, control character or
// unknown anchor itself, or else the first line at which a prefix of the
// file fails with the same message.
func yamlError(file string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	ctx := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		ctx, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	lines := strings.Split(string(data), "\n")
	pos := Pos{}
	var tab problem.Text
	switch {
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token"):
		pos = findInIndent(lines, '\t')
		if strings.Contains(msg, "cannot start any token") && pos.Line > 0 {
			tab = problem.New(" (a tab? indent with spaces)")
		}
	case strings.Contains(msg, "control characters"):
		pos = findRune(lines, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\r' || r == 0x7f })
	case strings.HasPrefix(msg, "unknown anchor"):
		if name, _, ok := strings.Cut(strings.TrimPrefix(msg, "unknown anchor '"), "'"); ok {
			pos = findText(lines, "*"+name)
		}
	}
	if pos.Line == 0 {
		line := faultLine(lines, ctx, msg)
		text := lines[line-1]
		col := len([]rune(text)) - len([]rune(strings.TrimLeft(text, " "))) + 1
		if strings.Contains(msg, "mapping values are not allowed") {
			if i := strings.Index(text, ": "); i >= 0 {
				if j := strings.Index(text[i+1:], ":"); j >= 0 {
					col = len([]rune(text[:i+1+j])) + 1
				}
			}
		}
		pos = Pos{Line: line, Col: col}
	}
	return errorAt(file, pos, "", "broken YAML: %s%s", msg, tab)
}

// faultLine is the first line at or after from such that the file cut after
// it fails to parse with the same message; from itself if none does.
func faultLine(lines []string, from int, msg string) int {
	from = max(1, min(from, len(lines)))
	for l := from; l <= len(lines) && l < from+500; l++ {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:l], "\n")+"\n"), &n)
		if err != nil && strings.HasSuffix(err.Error(), msg) {
			return l
		}
	}
	return from
}

func findInIndent(lines []string, r rune) Pos {
	for i, l := range lines {
		for j, c := range []rune(l) {
			if c == r {
				return Pos{Line: i + 1, Col: j + 1}
			}
			if c != ' ' && c != '\t' && c != '-' {
				break
			}
		}
	}
	return Pos{}
}

func findRune(lines []string, match func(rune) bool) Pos {
	for i, l := range lines {
		for j, c := range []rune(l) {
			if match(c) {
				return Pos{Line: i + 1, Col: j + 1}
			}
		}
	}
	return Pos{}
}

func findText(lines []string, text string) Pos {
	for i, l := range lines {
		if j := strings.Index(l, text); j >= 0 {
			return Pos{Line: i + 1, Col: len([]rune(l[:j])) + 1}
		}
	}
	return Pos{}
}

var (
	posType     = reflect.TypeOf(Pos{})
	keysType    = reflect.TypeOf(map[string]Pos{})
	decType     = reflect.TypeOf(Dec{})
	boolType    = reflect.TypeOf(Bool{})
	formulaType = reflect.TypeOf(Formula{})
)

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	d.nodes++
	if d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.errorf(posOf(n), path, "the scheme expands to more than %d nodes (an alias bomb?)", maxNodes)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		d.decode(n.Alias, v, path)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.errorf(posOf(n), path, "no value (empty or null): write a value or remove the key")
		return
	}
	if v.Kind() == reflect.Pointer {
		if el := v.Type().Elem(); el.Kind() != reflect.Struct || el == decType || el == boolType || el == formulaType {
			// A scalar is set only when it decodes: a value that failed stays
			// absent, so validation does not compare against an empty one.
			nv := reflect.New(v.Type().Elem())
			before := len(d.errs)
			d.nodes--
			d.decode(n, nv.Elem(), path)
			if len(d.errs) == before {
				v.Set(nv)
			}
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	switch v.Type() {
	case decType:
		d.decodeDec(n, v, path, false)
		return
	case formulaType:
		d.decodeFormula(n, v, path)
		return
	case boolType:
		if !d.scalar(n, path, problem.New("true or false")) {
			return
		}
		switch n.Value {
		case "true":
			v.Set(reflect.ValueOf(Bool{V: true, Pos: posOf(n)}))
		case "false":
			v.Set(reflect.ValueOf(Bool{V: false, Pos: posOf(n)}))
		default:
			d.errorf(posOf(n), path, "%q is not a boolean: write true or false (YAML 1.1 words such as yes/no/on/off are not accepted)", n.Value)
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if d.scalar(n, path, problem.New("a text value")) {
			v.SetString(n.Value)
		}
	case reflect.Int:
		if !d.scalar(n, path, problem.New("a whole number")) {
			return
		}
		var i int
		if !wholeText.MatchString(n.Value) {
			d.errorf(posOf(n), path, "%q is not a whole number", n.Value)
			return
		}
		fmt.Sscan(n.Value, &i)
		v.SetInt(int64(i))
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(posOf(n), path, "expected a list (lines starting with `- `), found %s", kindName(n))
			return
		}
		// An empty item stays nil (and is reported), so that indices in
		// later messages match the file; Validate skips nil items.
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	default:
		panic(fmt.Sprintf("plan: cannot decode into %s", v.Type()))
	}
}

func kindName(n *yaml.Node) problem.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return problem.New("a mapping (key: value lines)")
	case yaml.SequenceNode:
		return problem.New("a list")
	case yaml.ScalarNode:
		return problem.New("the value %q", n.Value)
	}
	return problem.New("something else")
}

func (d *decoder) scalar(n *yaml.Node, path string, want problem.Text) bool {
	if n.Kind != yaml.ScalarNode {
		d.errorf(posOf(n), path, "expected %s, found %s", want, kindName(n))
		return false
	}
	return true
}

func (d *decoder) decodeDec(n *yaml.Node, v reflect.Value, path string, allowNone bool) {
	if !d.scalar(n, path, problem.New("a decimal number")) {
		return
	}
	if allowNone && n.Value == "none" {
		v.Set(reflect.ValueOf(Dec{None: true, Raw: n.Value, Pos: posOf(n)}))
		return
	}
	if !decimalText.MatchString(n.Value) {
		hint := problem.New("digits with an optional leading minus and a dot as the decimal point, e.g. 0.15 or 25000")
		if strings.HasSuffix(n.Value, "%") {
			hint = problem.New("a fraction, not a percentage: 10%% is written 0.10")
		}
		d.errorf(posOf(n), path, "%q is not a decimal number: write %s", n.Value, hint)
		return
	}
	x, err := decimal.NewFromString(n.Value)
	if err != nil || x.Abs().Cmp(maxMagnitude) >= 0 {
		d.errorf(posOf(n), path, "%q is out of range (at most 15 integer digits)", n.Value)
		return
	}
	v.Set(reflect.ValueOf(Dec{V: x, Raw: n.Value, Pos: posOf(n)}))
}

// shareText is a share of the fixed part: 50% of fixed, 12.5 % of fixed.
var shareText = regexp.MustCompile(SharePattern)

// decodeShare decodes an amount, or a share of the person's fixed part
// written as a percentage of it (`50% of fixed`).
func (d *decoder) decodeShare(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode {
		if m := shareText.FindStringSubmatch(strings.TrimSpace(n.Value)); m != nil {
			x, err := decimal.NewFromString(m[1])
			if err != nil || x.Cmp(maxMagnitude) >= 0 {
				d.errorf(posOf(n), path, "%q is out of range (at most 15 integer digits)", n.Value)
				return
			}
			v.Set(reflect.ValueOf(Dec{V: x.Shift(-2), Raw: n.Value, Pos: posOf(n), OfFixed: true}))
			return
		}
		if strings.Contains(n.Value, "%") {
			d.errorf(posOf(n), path, "%q is neither an amount nor a share of the fixed part: write an amount (15000) or a percentage of the fixed part (50%% of fixed)", n.Value)
			return
		}
	}
	d.decodeDec(n, v, path, false)
}

// growthText is a growth written as a percentage: 25%, 12.5 %, -10%.
var growthText = regexp.MustCompile(`^([+-]?[0-9]+(\.[0-9]+)?)\s*%$`)

// decodeGrowth decodes a dynamic plan level, {growth: 25%, over:
// same-period-last-year}: both keys required, the growth a percentage
// read exactly from its text (25% is 0.25), the period one of two.
func (d *decoder) decodeGrowth(n *yaml.Node, path string) (*Growth, bool) {
	g := &Growth{Pos: posOf(n)}
	ok, seen := true, map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		d.nodes++
		if k.Kind != yaml.ScalarNode {
			d.errorf(posOf(k), path, "a key must be a plain name")
			ok = false
			continue
		}
		if seen[k.Value] {
			d.errorf(posOf(k), join(path, k.Value), "duplicate key")
			ok = false
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "growth":
			if !d.scalar(val, join(path, "growth"), problem.New("a percentage, such as 25%")) {
				ok = false
				continue
			}
			m := growthText.FindStringSubmatch(strings.TrimSpace(val.Value))
			if m == nil {
				d.errorf(posOf(val), join(path, "growth"), "%q is not a growth: write a percentage, such as 25%% (or -10%% for a decline)", val.Value)
				ok = false
				continue
			}
			x, err := decimal.NewFromString(m[1])
			if err != nil || x.Abs().Cmp(maxMagnitude) >= 0 {
				d.errorf(posOf(val), join(path, "growth"), "%q is out of range (at most 15 integer digits)", val.Value)
				ok = false
				continue
			}
			if x.Cmp(decimal.NewFromInt(-100)) <= 0 {
				d.errorf(posOf(val), join(path, "growth"), "a growth of %s would make the level 0 or less: a decline is above -100%%", val.Value)
				ok = false
				continue
			}
			g.Rate, g.Raw = x.Shift(-2), strings.TrimSpace(val.Value)
		case "over":
			if !d.scalar(val, join(path, "over"), problem.New("a text value")) {
				ok = false
				continue
			}
			if val.Value != OverLastYear && val.Value != OverPrevious {
				d.errorf(posOf(val), join(path, "over"), "%q is not an earlier period: use %s or %s", val.Value, OverLastYear, OverPrevious)
				ok = false
				continue
			}
			g.Over = val.Value
		default:
			d.errorf(posOf(k), join(path, k.Value), "unknown key%s; allowed here: growth, over", suggest(k.Value, []string{"growth", "over"}))
			ok = false
		}
	}
	if ok && (g.Raw == "" || g.Over == "") {
		d.errorf(posOf(n), path, "a dynamic level needs growth and over: {growth: 25%%, over: %s} (or over: %s)", OverLastYear, OverPrevious)
		ok = false
	}
	return g, ok
}

// decodeFormula parses a KPI's formula, locating a mistake at the rune it
// is found at when the formula is written on one line.
func (d *decoder) decodeFormula(n *yaml.Node, v reflect.Value, path string) {
	if !d.scalar(n, path, problem.New("a formula, such as deals / leads")) {
		return
	}
	start, oneLine := posOf(n), !strings.Contains(n.Value, "\n")
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		start.Col++
		oneLine = oneLine && !strings.ContainsAny(n.Value, "\\'")
	case yaml.LiteralStyle, yaml.FoldedStyle:
		oneLine = false
	}
	e, err := parseFormula(n.Value, start, oneLine)
	if err != nil {
		d.problem(err.pos, path, err.msg)
		return
	}
	v.Set(reflect.ValueOf(Formula{Text: n.Value, Expr: e, Pos: posOf(n)}))
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(posOf(n), path, "expected a mapping (key: value lines), found %s", kindName(n))
		return
	}
	t := v.Type()
	fields := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch f.Type {
		case posType:
			if f.Name == "Pos" {
				v.Field(i).Set(reflect.ValueOf(posOf(n)))
			}
			continue
		case keysType:
			v.Field(i).Set(reflect.MakeMap(keysType))
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		fields[name] = i
		names = append(names, name)
	}
	var keys map[string]Pos
	if kf := v.FieldByName("Keys"); kf.IsValid() && kf.Type() == keysType {
		keys = kf.Interface().(map[string]Pos)
	}
	seen := map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		d.nodes++
		if d.nodes > maxNodes {
			if d.nodes == maxNodes+1 {
				d.errorf(posOf(k), path, "the scheme expands to more than %d nodes (an alias bomb?)", maxNodes)
			}
			return
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(posOf(k), path, "a key must be a plain name")
			continue
		}
		if k.Value == "<<" {
			d.errorf(posOf(k), path, "merge keys (<<) are not supported: write the values out, or use a named ladder")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(posOf(k), join(path, k.Value), "duplicate key (first given at line %d)", first.Line)
			continue
		}
		seen[k.Value] = posOf(k)
		idx, ok := fields[k.Value]
		if !ok {
			d.errorf(posOf(k), join(path, k.Value), "unknown key%s; allowed here: %s", suggest(k.Value, names), strings.Join(sorted(names), ", "))
			continue
		}
		if keys != nil {
			keys[k.Value] = posOf(val)
		}
		f := t.Field(idx)
		if tag := f.Tag.Get("yaml"); strings.HasSuffix(tag, ",growth") {
			for depth := 0; val.Kind == yaml.AliasNode && depth < 100; depth++ {
				val = val.Alias
			}
			if val.Kind == yaml.MappingNode {
				if g, ok := d.decodeGrowth(val, join(path, k.Value)); ok {
					v.FieldByName(f.Name + "Growth").Set(reflect.ValueOf(g))
				}
				continue
			}
		}
		if tag := f.Tag.Get("yaml"); strings.HasSuffix(tag, ",none") || strings.HasSuffix(tag, ",share") {
			share := strings.HasSuffix(tag, ",share")
			for depth := 0; val.Kind == yaml.AliasNode && depth < 100; depth++ {
				val = val.Alias
			}
			if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
				if share {
					d.errorf(posOf(val), join(path, k.Value), "no value (empty or null): write a value or remove the key")
				} else {
					d.errorf(posOf(val), join(path, k.Value), "no value (empty or null): write a value, `none`, or remove the key")
				}
				continue
			}
			nv := reflect.New(decType)
			before := len(d.errs)
			if share {
				d.decodeShare(val, nv.Elem(), join(path, k.Value))
			} else {
				d.decodeDec(val, nv.Elem(), join(path, k.Value), true)
			}
			if len(d.errs) == before {
				v.Field(idx).Set(nv)
			}
			continue
		}
		d.decode(val, v.Field(idx), join(path, k.Value))
	}
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// suggest returns ` (did you mean "x"?)` for a near miss.
func suggest(got string, names []string) problem.Text {
	best, bestD := "", 3
	for _, n := range names {
		if dd := EditDistance(strings.ToLower(got), n); dd < bestD {
			best, bestD = n, dd
		}
	}
	if best == "" {
		return problem.Text{}
	}
	return problem.New(" (did you mean %q?)", best)
}

// EditDistance is the Levenshtein distance between a and b, in runes: how
// far a mistyped word is from the one meant (a scheme's keys here, the
// roster's ids in explain).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
