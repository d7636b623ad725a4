package chart

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// fontFamily is the SVG's font: the Go font text was measured with, then
// sans-serif fonts of about its width.
const fontFamily = `Go, 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif`

// writeSVG writes sc as an SVG document.
func writeSVG(w io.Writer, sc *scene) error {
	b := bufio.NewWriter(w)
	n := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		if s == "-0" {
			s = "0"
		}
		return s
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + strconv.Itoa(sc.w) + `" height="` + strconv.Itoa(sc.h) +
		`" viewBox="0 0 ` + strconv.Itoa(sc.w) + ` ` + strconv.Itoa(sc.h) + `" font-family="` + esc(fontFamily) + `">` + "\n")
	if sc.title != "" {
		b.WriteString(`<title>` + esc(sc.title) + `</title>` + "\n")
	}
	for _, s := range sc.shapes {
		switch s.kind {
		case rectShape:
			b.WriteString(`<rect x="` + n(s.x) + `" y="` + n(s.y) + `" width="` + n(s.w) + `" height="` + n(s.h) + `" fill="` + s.color + `"/>`)
		case lineShape:
			if len(s.pts) == 2 {
				b.WriteString(`<line x1="` + n(s.pts[0].x) + `" y1="` + n(s.pts[0].y) + `" x2="` + n(s.pts[1].x) + `" y2="` + n(s.pts[1].y) + `"`)
			} else {
				b.WriteString(`<polyline fill="none" stroke-linejoin="round" points="`)
				for i, p := range s.pts {
					if i > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(n(p.x) + "," + n(p.y))
				}
				b.WriteString(`"`)
			}
			b.WriteString(` stroke="` + s.color + `" stroke-width="` + n(s.width) + `"/>`)
		case dotShape:
			b.WriteString(`<circle cx="` + n(s.x) + `" cy="` + n(s.y) + `" r="` + n(s.r) + `" fill="` + s.color + `" stroke="#FFFFFF" stroke-width="1"/>`)
		case textShape:
			b.WriteString(`<text x="` + n(s.x) + `" y="` + n(s.y) + `" font-size="` + n(s.size) + `"`)
			if s.bold {
				b.WriteString(` font-weight="bold"`)
			}
			switch s.anchor {
			case middle:
				b.WriteString(` text-anchor="middle"`)
			case end:
				b.WriteString(` text-anchor="end"`)
			}
			if s.vertical {
				b.WriteString(` transform="rotate(-90 ` + n(s.x) + ` ` + n(s.y) + `)"`)
			}
			b.WriteString(` fill="` + s.color + `">` + esc(s.text) + `</text>`)
		}
		b.WriteByte('\n')
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

// esc escapes s for XML text or an attribute value, dropping what XML
// cannot hold.
func esc(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
