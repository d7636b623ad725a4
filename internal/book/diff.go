package book

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// This file compares the figures of a closed period's snapshot with those
// of a run of the same period now: both are calc's JSON output, compared
// field by field in the order the output writes them. An employee, a
// department, a KPI, a component and a modifier are matched by their id
// (a department by its name), so that a line added or gone is one
// difference, not a shift of every line after it.

// Difference is one figure (or one line) that is not what the snapshot
// says.
type Difference struct {
	// Who is the employee's id, or "" for the run as a whole (its
	// heading, its totals, a department's subtotals); Name is the
	// employee's name, from either side.
	Who, Name string
	// What is the figure, as a path in the JSON output: bonus,
	// kpis[sales].fact, components[commission].amount, totals.total,
	// departments[north].total; "" when the whole employee is on one side
	// only.
	What string
	// Then and Now are the values as the JSON output writes them ("" for
	// a value one side has not: an employee or a line on one side only).
	Then, Now string
}

// Diff compares a snapshot's result with a run's JSON output now. Equal
// figures give no difference, whatever the layout of the two texts.
func Diff(then, now []byte) ([]Difference, error) {
	a, err := decode(then)
	if err != nil {
		return nil, fmt.Errorf("the snapshot's result: %v", err)
	}
	b, err := decode(now)
	if err != nil {
		return nil, fmt.Errorf("the run's result: %v", err)
	}
	ta, tb := a.(*object), b.(*object)
	d := &differ{}
	for _, k := range union(ta.keys, tb.keys) {
		va, vb := ta.get(k), tb.get(k)
		switch k {
		case "employees":
			d.employees(va, vb)
		default:
			d.value("", "", k, va, vb)
		}
	}
	return d.out, nil
}

type differ struct{ out []Difference }

// employees compares the two lists of employees, by id, in id order.
func (d *differ) employees(a, b any) {
	ea, eb := byKey(a, "id"), byKey(b, "id")
	for _, id := range union(ea.keys, eb.keys) {
		x, y := ea.get(id), eb.get(id)
		name := nameOf(x, y)
		switch {
		case x == nil:
			d.out = append(d.out, Difference{Who: id, Name: name, Now: totalOf(y)})
		case y == nil:
			d.out = append(d.out, Difference{Who: id, Name: name, Then: totalOf(x)})
		default:
			// The employee's total last, after the lines it sums.
			xo, yo := x.(*object), y.(*object)
			keys := union(xo.keys, yo.keys)
			if i := slices.Index(keys, "total"); i >= 0 {
				keys = append(slices.Delete(keys, i, i+1), "total")
			}
			for _, k := range keys {
				d.value(id, name, k, xo.get(k), yo.get(k))
			}
		}
	}
}

// listKeys are the keys that identify the items of a list in the JSON
// output, by the list's name.
var listKeys = map[string]string{"kpis": "id", "components": "id", "modifiers": "id", "departments": "department"}

// value compares one field, descending into objects and lists.
func (d *differ) value(who, name, path string, a, b any) {
	oa, aObj := a.(*object)
	ob, bObj := b.(*object)
	if aObj && bObj {
		for _, k := range union(oa.keys, ob.keys) {
			d.value(who, name, path+"."+k, oa.get(k), ob.get(k))
		}
		return
	}
	la, aList := a.([]any)
	lb, bList := b.([]any)
	if aList && bList {
		key := listKeys[path[strings.LastIndexByte(path, '.')+1:]]
		if key == "" {
			for i := 0; i < max(len(la), len(lb)); i++ {
				d.value(who, name, fmt.Sprintf("%s[%d]", path, i), at(la, i), at(lb, i))
			}
			return
		}
		ka, kb := byKey(la, key), byKey(lb, key)
		for _, k := range union(ka.keys, kb.keys) {
			d.value(who, name, path+"["+k+"]", ka.get(k), kb.get(k))
		}
		return
	}
	ta, tb := text(a), text(b)
	if ta != tb {
		d.out = append(d.out, Difference{Who: who, Name: name, What: path, Then: ta, Now: tb})
	}
}

func at(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

// text is a value as the JSON output writes it: a string's text, a number
// or true/false as written, null; an object or a list as compact JSON; ""
// for a value that is not there.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case null:
		return "null"
	}
	var b bytes.Buffer
	writeCompact(&b, v)
	return b.String()
}

// nameOf is an employee's name, from either side.
func nameOf(x, y any) string {
	for _, v := range []any{x, y} {
		if o, ok := v.(*object); ok {
			if n, ok := o.get("name").(string); ok {
				return n
			}
		}
	}
	return ""
}

// totalOf is an employee's total.
func totalOf(v any) string {
	if o, ok := v.(*object); ok {
		return text(o.get("total"))
	}
	return ""
}

// union is the keys of a, then those of b that a has not.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, k := range b {
		if !slices.Contains(a, k) {
			out = append(out, k)
		}
	}
	return out
}

// byKey is a list of objects as an object keyed by the value of key in
// each (an id), in the list's order; an item without it is keyed by its
// place.
func byKey(v any, key string) *object {
	out := &object{vals: map[string]any{}}
	l, _ := v.([]any)
	for i, item := range l {
		k := fmt.Sprintf("#%d", i)
		if o, ok := item.(*object); ok {
			if id, ok := o.get(key).(string); ok {
				k = id
			}
		}
		if _, dup := out.vals[k]; !dup {
			out.keys = append(out.keys, k)
		}
		out.vals[k] = item
	}
	return out
}

// object is a JSON object that keeps the order of its keys.
type object struct {
	keys []string
	vals map[string]any
}

func (o *object) get(k string) any {
	if o == nil {
		return nil
	}
	return o.vals[k]
}

// null is JSON's null, told apart from a value that is not there.
type null struct{}

// decode reads one JSON value: objects as *object, lists as []any, numbers
// as json.Number, null as null{}.
func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	if _, ok := v.(*object); !ok {
		return nil, errors.New("not a JSON object")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := &object{vals: map[string]any{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := o.vals[k]; !dup {
					o.keys = append(o.keys, k)
				}
				o.vals[k] = v
			}
			_, err := dec.Token() // }
			return o, err
		case '[':
			l := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := dec.Token() // ]
			return l, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case nil:
		return null{}, nil
	}
	return tok, nil
}

// writeCompact writes v as compact JSON, its keys in order.
func writeCompact(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case *object:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			writeCompact(b, x.vals[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCompact(b, e)
		}
		b.WriteByte(']')
	case null:
		b.WriteString("null")
	case json.Number:
		b.WriteString(x.String())
	default:
		jb, _ := json.Marshal(x)
		b.Write(jb)
	}
}
