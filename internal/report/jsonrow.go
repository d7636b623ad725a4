package report

import (
	"unicode/utf8"
)

// This file writes an employee's JSON object by hand, byte for byte as
// encoding/json's Encoder with SetIndent(prefix, "  ") and SetEscapeHTML(false)
// writes it (a test holds the two to each other): the rows are most of a
// large run's JSON, and reflection was most of its time.

// jsonObject appends JSON fields one per line, indented as the Encoder does.
type jsonObject struct {
	b      []byte
	indent string // the fields' line start: newline, prefix and indents
	first  bool
}

func (o *jsonObject) key(k string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = append(o.b, o.indent...)
	o.b = appendJSONString(o.b, k)
	o.b = append(o.b, ": "...)
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

// strOmit is str for a field tagged omitempty.
func (o *jsonObject) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObject) ptr(k string, v *string) {
	o.key(k)
	if v == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = appendJSONString(o.b, *v)
}

// ptrOmit is ptr for a field tagged omitempty.
func (o *jsonObject) ptrOmit(k string, v *string) {
	if v != nil {
		o.ptr(k, v)
	}
}

func (o *jsonObject) boolean(k string, v bool) {
	o.key(k)
	if v {
		o.b = append(o.b, "true"...)
	} else {
		o.b = append(o.b, "false"...)
	}
}

// array appends an array of n objects, each written by each at its indent.
func (o *jsonObject) array(k string, n int, each func(i int, inner *jsonObject)) {
	o.key(k)
	if n == 0 {
		o.b = append(o.b, "[]"...)
		return
	}
	o.b = append(o.b, '[')
	elem := o.indent + "  "
	for i := range n {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, elem...)
		o.b = append(o.b, '{')
		inner := &jsonObject{b: o.b, indent: elem + "  ", first: true}
		each(i, inner)
		o.b = append(inner.b, elem...)
		o.b = append(o.b, '}')
	}
	o.b = append(o.b, o.indent...)
	o.b = append(o.b, ']')
}

// appendEmployeeJSON appends je's object at prefix, as the Encoder would.
func appendEmployeeJSON(b []byte, je *jsonEmployee, prefix string) []byte {
	b = append(b, '{')
	o := &jsonObject{b: b, indent: "\n" + prefix + "  ", first: true}
	o.str("id", je.ID)
	o.str("name", je.Name)
	o.str("role", je.Role)
	o.str("department", je.Department)
	o.ptr("proration", je.Proration)
	o.str("fixed", je.Fixed)
	o.str("variable", je.Variable)
	o.ptr("k", je.K)
	o.str("coefficient", je.Coefficient)
	o.str("bonus", je.Bonus)
	o.str("total", je.Total)
	o.array("kpis", len(je.KPIs), func(i int, k *jsonObject) {
		x := &je.KPIs[i]
		k.str("id", x.ID)
		k.strOmit("title", x.Title)
		k.strOmit("unit", x.Unit)
		k.str("direction", x.Direction)
		k.ptr("weight", x.Weight)
		k.ptr("base", x.Base)
		k.ptr("norm", x.Norm)
		k.ptr("target", x.Target)
		k.str("fact", x.Fact)
		k.strOmit("formula", x.Formula)
		k.ptr("fulfilment", x.Fulfilment)
		k.ptr("index", x.Index)
		k.ptr("weighted", x.Weighted)
		k.ptr("coefficient", x.Coefficient)
		k.boolean("voided", x.Voided)
		k.strOmit("band", x.Band)
	})
	o.array("components", len(je.Components), func(i int, c *jsonObject) {
		x := &je.Components[i]
		c.str("id", x.ID)
		c.str("type", x.Type)
		c.str("amount", x.Amount)
		c.ptrOmit("opening_balance", x.OpeningBalance)
		c.ptrOmit("closing_balance", x.ClosingBalance)
	})
	o.array("modifiers", len(je.Modifiers), func(i int, m *jsonObject) {
		x := &je.Modifiers[i]
		m.str("id", x.ID)
		m.str("type", x.Type)
		m.boolean("applied", x.Applied)
		m.ptrOmit("factor", x.Factor)
		m.ptrOmit("deduction", x.Deduction)
	})
	b = append(o.b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: quote and backslash escaped, control characters
// as \b \f \n \r \t or \u00XX, invalid UTF-8 as \ufffd, and U+2028 and
// U+2029 as \u2028 and \u2029.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
