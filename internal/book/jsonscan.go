package book

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScan is a streaming scanner of JSON text, written for the snapshot's
// figures (figures.go): it reads through a window of the file, never the
// whole file, and keeps the line and column of every byte for its errors.
// It accepts exactly what encoding/json accepts (whitespace, any key
// order, escapes, \uXXXX and surrogate pairs; invalid UTF-8 in a string
// becomes U+FFFD as encoding/json makes it) and refuses the rest
// (FuzzScanValue holds it to encoding/json).
type jsonScan struct {
	r    io.Reader
	buf  []byte
	pos  int   // the next byte in buf
	base int64 // the file's offset of buf[0]
	// Lines and the offset of the last newline before buf[0], for line:col.
	lines  int
	lastNL int64
	eof    bool
	rerr   error // a read error other than io.EOF
	depth  int
	str    []byte // the slow path's scratch for a string with escapes
	keyAt  int64  // the file's offset of the last key read
	key    []byte // the last key read
}

// scanWindow is how much of the file the scanner reads at a time.
const scanWindow = 256 << 10

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

func newJSONScan(r io.Reader) *jsonScan {
	return &jsonScan{r: r, buf: make([]byte, 0, scanWindow), lastNL: -1}
}

// syntaxError is invalid JSON at a byte offset of the file.
type syntaxError struct {
	off int64
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

func (s *jsonScan) fail(at int, format string, a ...any) error {
	if s.rerr != nil {
		return s.rerr
	}
	return &syntaxError{off: s.base + int64(at), msg: fmt.Sprintf(format, a...)}
}

// lineCol is the 1-based line and column (in bytes) of offset off, which
// lies in buf (or just past it).
func (s *jsonScan) lineCol(off int64) (int, int) {
	i := int(off - s.base)
	i = min(max(i, 0), len(s.buf))
	line, last := s.lines, s.lastNL
	for j, c := range s.buf[:i] {
		if c == '\n' {
			line++
			last = s.base + int64(j)
		}
	}
	return line + 1, int(off - last)
}

// more reads more of the file into buf, keeping buf[keep:] (indices into
// buf move down by the returned shift). It reports whether any byte came.
func (s *jsonScan) more(keep int) (shift int, ok bool) {
	if s.eof {
		return 0, false
	}
	if keep > 0 {
		gone := s.buf[:keep]
		if n := bytes.Count(gone, []byte{'\n'}); n > 0 {
			s.lines += n
			s.lastNL = s.base + int64(bytes.LastIndexByte(gone, '\n'))
		}
		n := copy(s.buf, s.buf[keep:])
		s.buf = s.buf[:n]
		s.base += int64(keep)
		s.pos -= keep
		shift = keep
	}
	if cap(s.buf)-len(s.buf) < scanWindow/2 {
		nb := make([]byte, len(s.buf), 2*cap(s.buf)+scanWindow)
		copy(nb, s.buf)
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.eof = true
			if !errors.Is(err, io.EOF) {
				s.rerr = err
			}
			return shift, n > 0
		}
		if n > 0 {
			return shift, true
		}
	}
}

// peek skips whitespace and returns the next byte; 0 at the end.
func (s *jsonScan) peek() byte {
	for {
		b, i := s.buf, s.pos
		for i < len(b) {
			c := b[i]
			if c > ' ' || !isSpace[c] {
				s.pos = i
				return c
			}
			i++
			if c == '\n' {
				// A snapshot is indented: a line's indent is skipped eight
				// spaces at a time.
				for i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:]) == spaces8 {
					i += 8
				}
			}
		}
		s.pos = i
		if _, ok := s.more(s.pos); !ok {
			return 0
		}
	}
}

// plainByte are the bytes a string's fast path takes as they are: ASCII
// but the quote, the backslash and control characters.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// spaces8 is eight spaces, read as one word.
const spaces8 = 0x2020202020202020

// isSpace is JSON's whitespace.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func (s *jsonScan) describe(c byte) string {
	if c == 0 && s.pos >= len(s.buf) {
		return "the end of the file"
	}
	return fmt.Sprintf("%q", rune(c))
}

// expect consumes the byte c after whitespace.
func (s *jsonScan) expect(c byte, what string) error {
	if got := s.peek(); got != c {
		return s.fail(s.pos, "%s where %s was expected", s.describe(got), what)
	}
	s.pos++
	return nil
}

// object reads an object's members, calling member with each key (the
// scanner then at its value, which member must read); it returns after
// the closing brace. The key's bytes are valid until the value is read:
// member switches on string(key) (which does not copy) and copies it only
// to keep it.
func (s *jsonScan) object(member func(key []byte) error) error {
	if err := s.expect('{', "an object"); err != nil {
		return err
	}
	if s.depth++; s.depth > maxDepth {
		return s.fail(s.pos, "nested too deeply")
	}
	defer func() { s.depth-- }()
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.fail(s.pos, "%s where a key (a string in quotes) was expected", s.describe(s.peek()))
		}
		s.keyAt = s.base + int64(s.pos)
		kb, err := s.stringBytes()
		if err != nil {
			return err
		}
		// Copied: reading on to the colon may move the window.
		s.key = append(s.key[:0], kb...)
		key := s.key
		if err := s.expect(':', "':' after a key"); err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.fail(s.pos, "%s where ',' or '}' was expected", s.describe(s.peek()))
		}
	}
}

// array reads an array, calling elem at each element (which elem must
// read); it returns after the closing bracket.
func (s *jsonScan) array(elem func() error) error {
	if err := s.expect('[', "an array"); err != nil {
		return err
	}
	if s.depth++; s.depth > maxDepth {
		return s.fail(s.pos, "nested too deeply")
	}
	defer func() { s.depth-- }()
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return s.fail(s.pos, "%s where ',' or ']' was expected", s.describe(s.peek()))
		}
	}
}

// isNull consumes null if it is next.
func (s *jsonScan) isNull() (bool, error) {
	if s.peek() != 'n' {
		return false, nil
	}
	return true, s.literal("null")
}

func (s *jsonScan) literal(word string) error {
	for len(s.buf)-s.pos < len(word) {
		if _, ok := s.more(s.pos); !ok {
			break
		}
	}
	if !strings.HasPrefix(string(s.buf[s.pos:min(len(s.buf), s.pos+len(word))]), word) {
		return s.fail(s.pos, "invalid literal where %s was expected", word)
	}
	s.pos += len(word)
	return nil
}

// boolValue reads true or false.
func (s *jsonScan) boolValue() (bool, error) {
	switch s.peek() {
	case 't':
		return true, s.literal("true")
	case 'f':
		return false, s.literal("false")
	}
	return false, s.fail(s.pos, "%s where true or false was expected", s.describe(s.peek()))
}

// stringValue reads a string, unescaped as encoding/json unescapes it.
func (s *jsonScan) stringValue() (string, error) {
	b, err := s.stringBytes()
	return string(b), err
}

// stringBytes is stringValue's bytes, valid until the scanner reads on.
func (s *jsonScan) stringBytes() ([]byte, error) {
	if err := s.expect('"', "a string in quotes"); err != nil {
		return nil, err
	}
	start := s.pos
	// The fast path: plain ASCII up to the closing quote.
	i := start
	for {
		for b := s.buf; i < len(b); i++ {
			if c := b[i]; plainByte[c] {
				continue
			} else if c == '"' {
				s.pos = i + 1
				return b[start:i], nil
			}
			return s.slowString(start, i)
		}
		shift, ok := s.more(start)
		start, i = start-shift, i-shift
		if !ok {
			return nil, s.fail(i, "the file ends inside a string")
		}
	}
}

// slowString finishes a string with escapes or non-ASCII from i, its
// plain part buf[start:i] read.
func (s *jsonScan) slowString(start, i int) ([]byte, error) {
	out := append(s.str[:0], s.buf[start:i]...)
	// need makes n bytes available from i, reading more; false at the end.
	need := func(n int) bool {
		for len(s.buf)-i < n {
			shift, ok := s.more(i)
			i -= shift
			if !ok {
				return false
			}
		}
		return true
	}
	for {
		if !need(1) {
			return nil, s.fail(i, "the file ends inside a string")
		}
		c := s.buf[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.str = out
			return out, nil
		case c < 0x20:
			return nil, s.fail(i, "control character %U in a string: it must be escaped", rune(c))
		case c == '\\':
			if !need(2) {
				return nil, s.fail(i, "the file ends inside a string")
			}
			switch e := s.buf[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
				i += 2
			case 'b':
				out, i = append(out, '\b'), i+2
			case 'f':
				out, i = append(out, '\f'), i+2
			case 'n':
				out, i = append(out, '\n'), i+2
			case 'r':
				out, i = append(out, '\r'), i+2
			case 't':
				out, i = append(out, '\t'), i+2
			case 'u':
				if !need(6) {
					return nil, s.fail(i, "the file ends inside an escape")
				}
				r, ok := hex4(s.buf[i+2 : i+6])
				if !ok {
					return nil, s.fail(i, "invalid escape %q in a string", string(s.buf[i:i+6]))
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair, as encoding/json reads it: else U+FFFD
					// for the first half alone.
					if need(6) && s.buf[i] == '\\' && s.buf[i+1] == 'u' {
						if r2, ok := hex4(s.buf[i+2 : i+6]); ok {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								out = utf8.AppendRune(out, d)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, s.fail(i, "invalid escape %q in a string", string(s.buf[i:i+2]))
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			need(utf8.UTFMax) // a rune cut by the window's end
			r, size := utf8.DecodeRune(s.buf[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, s.buf[i:i+size]...)
			}
			i += size
		}
	}
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// number reads a JSON number's text.
func (s *jsonScan) number() (string, error) {
	s.peek()
	start := s.pos
	i := start
	// end makes buf[i] readable; false at the end of the file.
	end := func() bool {
		for i >= len(s.buf) {
			shift, ok := s.more(start)
			start, i = start-shift, i-shift
			if !ok {
				return false
			}
		}
		return true
	}
	digits := func() int {
		n := 0
		for end() && s.buf[i] >= '0' && s.buf[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if end() && s.buf[i] == '-' {
		i++
	}
	if !end() {
		return "", s.fail(i, "the file ends inside a number")
	}
	switch c := s.buf[i]; {
	case c == '0':
		i++
	case c >= '1' && c <= '9':
		digits()
	default:
		return "", s.fail(i, "%q where a value was expected", rune(c))
	}
	if end() && s.buf[i] == '.' {
		i++
		if digits() == 0 {
			return "", s.fail(i, "a number with no digits after its point")
		}
	}
	if end() && (s.buf[i] == 'e' || s.buf[i] == 'E') {
		i++
		if end() && (s.buf[i] == '+' || s.buf[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", s.fail(i, "a number with no digits in its exponent")
		}
	}
	out := string(s.buf[start:i])
	s.pos = i
	return out, nil
}

// value reads any JSON value; with keep it returns it as encoding/json
// decodes it into an any (strings, float64s as their text in jsonNumber,
// bools, nil, []any, map[string]any), else nil (skipped, but checked).
func (s *jsonScan) value(keep bool) (any, error) {
	switch c := s.peek(); c {
	case '{':
		var m map[string]any
		if keep {
			m = map[string]any{}
		}
		err := s.object(func(kb []byte) error {
			k := string(kb)
			v, err := s.value(keep)
			if keep {
				m[k] = v
			}
			return err
		})
		if keep && err == nil {
			return m, nil
		}
		return nil, err
	case '[':
		var a []any
		if keep {
			a = []any{}
		}
		err := s.array(func() error {
			v, err := s.value(keep)
			a = append(a, v)
			return err
		})
		if keep && err == nil {
			return a, nil
		}
		return nil, err
	case '"':
		if !keep {
			_, err := s.stringBytes()
			return nil, err
		}
		return s.stringValue()
	case 't', 'f':
		return s.boolValue()
	case 'n':
		return nil, s.literal("null")
	case 0:
		return nil, s.fail(s.pos, "the file ends where a value was expected")
	default:
		n, err := s.number()
		return jsonNumber(n), err
	}
}

// jsonNumber is a number's text, as value returns it.
type jsonNumber string

// end checks that nothing but whitespace follows the value read.
func (s *jsonScan) end() error {
	if c := s.peek(); c != 0 || s.pos < len(s.buf) {
		return s.fail(s.pos, "%s after the end of the JSON value", s.describe(c))
	}
	return s.rerr
}
