package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// obj is a JSON object whose keys keep the order they were given in, so
// that the schema reads in a stable, sensible order ($schema first, the
// keys of a type as plan declares them).
type obj []kv

type kv struct {
	k string
	v any
}

// encode writes v as indented JSON (two spaces), ending in a newline,
// without escaping <, > and & (the descriptions use them).
func encode(v any) []byte {
	var b bytes.Buffer
	write(&b, v, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func write(b *bytes.Buffer, v any, indent string) {
	in := indent + "  "
	switch x := v.(type) {
	case obj:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, p := range x {
			b.WriteString(in)
			writeString(b, p.k)
			b.WriteString(": ")
			write(b, p.v, in)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		// A list of scalars on one line (enums, required keys); of
		// objects, one a line.
		flat := true
		for _, e := range x {
			if _, ok := e.(obj); ok {
				flat = false
			}
		}
		if flat {
			b.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				write(b, e, in)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, e := range x {
			b.WriteString(in)
			write(b, e, in)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case []string:
		a := make([]any, len(x))
		for i, s := range x {
			a[i] = s
		}
		write(b, a, indent)
	case string:
		writeString(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case json.Number:
		b.WriteString(string(x))
	case nil:
		b.WriteString("null")
	default:
		panic(fmt.Sprintf("schema: cannot write %T", v))
	}
}

func writeString(b *bytes.Buffer, s string) {
	var e bytes.Buffer
	enc := json.NewEncoder(&e)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	b.Write(bytes.TrimSuffix(e.Bytes(), []byte("\n")))
}
