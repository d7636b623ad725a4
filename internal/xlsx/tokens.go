package xlsx

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// token is one start or end tag of an XML stream, with the text that came
// before it since the previous tag. Its slices point into the tokenizer's
// buffer and are valid until the next call to next.
type token struct {
	name []byte // local name: any namespace prefix dropped
	tag  []byte // the tag's inside, from its name to before '>' or '/>'
	end  bool   // </name>
	self bool   // <name/>
	text []byte // raw text (entities not decoded) between the previous tag and this one
}

// tokenizer reads the tags of an XML stream a chunk at a time, so that a
// sheet of hundreds of megabytes is read in a buffer of kilobytes. It knows
// just enough XML for SpreadsheetML: comments, processing instructions and
// the document type are skipped; CDATA sections become text; quoted
// attribute values may hold '>'.
type tokenizer struct {
	r        io.Reader
	buf      []byte
	pos, end int  // unread bytes are buf[pos:end]; pos is just after the last tag
	eof      bool // r is exhausted
	err      error
	maxToken int
	cdata    []byte // text assembled around CDATA sections
}

// errTokenTooLong is returned for a single tag or text over maxToken bytes.
var errTokenTooLong = errors.New("an XML element is too long")

func newTokenizer(r io.Reader, maxToken int) *tokenizer {
	return &tokenizer{r: r, buf: make([]byte, 64<<10), maxToken: maxToken}
}

// bytesTokenizer reads the tags of a part read whole into data, in place:
// no buffer is made or filled (a workbook part of a few hundred bytes,
// read for each of thousands of files, would pay 64 KB for each).
func bytesTokenizer(data []byte, maxToken int) *tokenizer {
	return &tokenizer{buf: data, end: len(data), eof: true, maxToken: maxToken}
}

// fill reads more data after buf[pos:end], moving it to the front or growing
// the buffer as needed. It reports whether anything was read.
func (t *tokenizer) fill() bool {
	if t.eof || t.err != nil {
		return false
	}
	if t.pos > 0 {
		n := copy(t.buf, t.buf[t.pos:t.end])
		t.pos, t.end = 0, n
	}
	if t.end == len(t.buf) {
		if len(t.buf) >= t.maxToken {
			t.err = errTokenTooLong
			return false
		}
		nb := make([]byte, min(2*len(t.buf), t.maxToken))
		copy(nb, t.buf[:t.end])
		t.buf = nb
	}
	for {
		n, err := t.r.Read(t.buf[t.end:])
		t.end += n
		if err == io.EOF {
			t.eof = true
			return n > 0
		}
		if err != nil {
			t.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// next returns the next tag; ok is false at the end of the stream or on an
// error (see t.err). Text after the last tag is dropped.
func (t *tokenizer) next() (tok token, ok bool) {
	t.cdata = t.cdata[:0]
	inCDATA := false
	for {
		rest := t.buf[t.pos:t.end]
		lt := bytes.IndexByte(rest, '<')
		if lt < 0 {
			if !t.fill() {
				return token{}, false
			}
			continue
		}
		after := rest[lt:]
		// Constructs that are not tags need more than one byte to tell.
		if len(after) < 9 && !t.eof {
			if t.fill() {
				continue
			}
		}
		switch {
		case bytes.HasPrefix(after, []byte("<![CDATA[")):
			k := bytes.Index(after, []byte("]]>"))
			if k < 0 {
				if !t.fill() {
					return token{}, false
				}
				continue
			}
			t.cdata = append(t.cdata, rest[:lt]...)
			t.cdata = append(t.cdata, escapeText(after[9:k])...)
			inCDATA = true
			t.pos += lt + k + 3
			continue
		case bytes.HasPrefix(after, []byte("<!--")):
			k := bytes.Index(after, []byte("-->"))
			if k < 0 {
				if !t.fill() {
					return token{}, false
				}
				continue
			}
			// A comment inside text keeps the text around it.
			t.cdata = append(t.cdata, rest[:lt]...)
			inCDATA = true
			t.pos += lt + k + 3
			continue
		case len(after) > 1 && (after[1] == '?' || after[1] == '!'):
			k := tagEnd(after)
			if k < 0 {
				if !t.fill() {
					return token{}, false
				}
				continue
			}
			t.pos += lt + k + 1
			continue
		}
		k := tagEnd(after)
		if k < 0 {
			if !t.fill() {
				return token{}, false
			}
			continue
		}
		if t.r == nil && lt+k+1 > t.maxToken {
			// Read whole (bytesTokenizer): the limit a stream's buffer sets.
			t.err = errTokenTooLong
			return token{}, false
		}
		tag := after[1:k]
		tok.text = rest[:lt]
		if inCDATA {
			t.cdata = append(t.cdata, rest[:lt]...)
			tok.text = t.cdata
		}
		t.pos += lt + k + 1
		if len(tag) > 0 && tag[0] == '/' {
			tok.end = true
			tag = tag[1:]
		}
		if n := len(tag); n > 0 && tag[n-1] == '/' {
			tok.self = true
			tag = tag[:n-1]
		}
		name := tag
		for i, c := range name {
			if isSpace(c) {
				name = name[:i]
				break
			}
		}
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		tok.name, tok.tag = name, tag
		return tok, true
	}
}

// escapeText re-escapes CDATA content, so that every text the tokenizer
// returns is decoded the same way.
func escapeText(b []byte) []byte {
	if !bytes.ContainsAny(b, "&<") {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("&"), []byte("&amp;"))
	return bytes.ReplaceAll(b, []byte("<"), []byte("&lt;"))
}

// tagEnd returns the index of the '>' that closes the tag b starts with,
// outside quoted attribute values, or -1.
func tagEnd(b []byte) int {
	// Quick: the first '>' closes the tag when no single quote comes before
	// it and the double quotes before it pair up.
	if k := bytes.IndexByte(b, '>'); k >= 0 {
		seg := b[:k]
		if bytes.IndexByte(seg, '\'') < 0 && bytes.Count(seg, []byte{'"'})%2 == 0 {
			return k
		}
	}
	var quote byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// attr returns the raw value of the attribute with the local name name in a
// tag's inside (the element name first), or nil. A prefixed attribute
// (r:id) matches its local name (id) only when no unprefixed one does.
func attr(tag []byte, name string) []byte {
	var exact, prefixed []byte
	found := false
	attrs(tag, func(key, val []byte) {
		switch {
		case exact != nil:
		case string(key) == name:
			exact = val
		case !found:
			if k := bytes.IndexByte(key, ':'); k >= 0 && string(key[k+1:]) == name {
				prefixed, found = val, true
			}
		}
	})
	if exact != nil {
		return exact
	}
	return prefixed
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// decode returns XML text with its entities and character references
// decoded. Malformed references are kept as they are.
func decode(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	return string(appendDecoded(make([]byte, 0, len(b)), b))
}

// appendDecoded appends b to out with its entities and character
// references decoded.
func appendDecoded(out, b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return append(out, b...)
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		b = b[i:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			out = append(out, '&')
			b = b[1:]
			continue
		}
		ent := string(b[1:semi])
		switch {
		case ent == "amp":
			out = append(out, '&')
		case ent == "lt":
			out = append(out, '<')
		case ent == "gt":
			out = append(out, '>')
		case ent == "quot":
			out = append(out, '"')
		case ent == "apos":
			out = append(out, '\'')
		case len(ent) > 1 && ent[0] == '#':
			var n uint64
			var err error
			if ent[1] == 'x' || ent[1] == 'X' {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				out = append(out, b[:semi+1]...)
			} else {
				out = utf8.AppendRune(out, rune(n))
			}
		default:
			out = append(out, b[:semi+1]...)
		}
		b = b[semi+1:]
	}
	return out
}

// unescapeOOXML decodes Excel's _xHHHH_ escapes in strings (how control
// characters such as a carriage return are stored: _x000D_); _x005F_ escapes
// the underscore itself.
func unescapeOOXML(s string) string {
	if len(s) < 7 || !bytes.Contains([]byte(s), []byte("_x")) {
		return s
	}
	var out []byte
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				out = utf8.AppendRune(out, rune(n))
				i += 7
				continue
			}
		}
		out = append(out, s[i])
		i++
	}
	return string(out)
}

// attrs calls f for each attribute of a tag's inside, with its name
// (prefix kept) and raw value.
func attrs(tag []byte, f func(key, val []byte)) {
	for i := skipName(tag); ; {
		key, val, next, ok := nextAttr(tag, i)
		if !ok {
			return
		}
		f(key, val)
		i = next
	}
}

// skipName returns the index just after the element name of a tag's inside.
func skipName(tag []byte) int {
	i := 0
	for i < len(tag) && !isSpace(tag[i]) {
		i++
	}
	return i
}

// nextAttr reads the attribute at or after tag[i]: its name, its raw value
// and the index after it; ok is false when no attribute is left.
func nextAttr(tag []byte, i int) (key, val []byte, next int, ok bool) {
	for i < len(tag) && isSpace(tag[i]) {
		i++
	}
	if i >= len(tag) {
		return nil, nil, i, false
	}
	start := i
	for i < len(tag) && tag[i] != '=' && !isSpace(tag[i]) {
		i++
	}
	key = tag[start:i]
	for i < len(tag) && isSpace(tag[i]) {
		i++
	}
	if i >= len(tag) || tag[i] != '=' {
		return nil, nil, i, false
	}
	i++
	for i < len(tag) && isSpace(tag[i]) {
		i++
	}
	if i >= len(tag) || (tag[i] != '"' && tag[i] != '\'') {
		return nil, nil, i, false
	}
	q := tag[i]
	i++
	vs := i
	for i < len(tag) && tag[i] != q {
		i++
	}
	return key, tag[vs:min(i, len(tag))], i + 1, true
}

// plainValue reads, just after a cell's start tag, the common rest of a
// cell: "<v>text</v></c>" with nothing else (no formula, no namespace
// prefix, no markup in the text). It returns the raw text and consumes
// the cell; ok is false, and nothing is consumed, for anything else.
func (t *tokenizer) plainValue() (text []byte, ok bool) {
	const open, close = "<v>", "</v></c>"
	for {
		rest := t.buf[t.pos:t.end]
		if len(rest) >= len(open) && string(rest[:len(open)]) != open {
			return nil, false
		}
		if len(rest) >= len(open) {
			if k := bytes.IndexByte(rest[len(open):], '<'); k >= 0 {
				after := rest[len(open)+k:]
				if len(after) >= len(close) {
					if string(after[:len(close)]) != close {
						return nil, false
					}
					text = rest[len(open) : len(open)+k]
					t.pos += len(open) + k + len(close)
					return text, true
				}
			}
		}
		if t.eof || !t.fill() {
			return nil, false
		}
	}
}
