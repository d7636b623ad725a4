package chart

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// writePNG draws sc as a PNG image: shapes filled by a rasterizer that
// covers each pixel by the share of it a shape covers, text with the Go
// fonts.
func writePNG(w io.Writer, sc *scene) error {
	img := image.NewRGBA(image.Rect(0, 0, sc.w, sc.h))
	z := vector.NewRasterizer(sc.w, sc.h)
	fill := func(c string, path func()) {
		z.Reset(sc.w, sc.h)
		path()
		z.Draw(img, img.Bounds(), image.NewUniform(rgb(c)), image.Point{})
	}
	for _, s := range sc.shapes {
		switch s.kind {
		case rectShape:
			fill(s.color, func() { rect(z, s.x, s.y, s.x+s.w, s.y+s.h) })
		case lineShape:
			for i := 1; i < len(s.pts); i++ {
				a, b := s.pts[i-1], s.pts[i]
				fill(s.color, func() { segment(z, a, b, s.width) })
				if i > 1 && s.width > 1.5 { // a round join
					fill(s.color, func() { disc(z, a.x, a.y, s.width/2) })
				}
			}
		case dotShape:
			fill("#FFFFFF", func() { disc(z, s.x, s.y, s.r+1) })
			fill(s.color, func() { disc(z, s.x, s.y, s.r) })
		case textShape:
			drawText(img, s)
		}
	}
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img)
}

// rect adds the rectangle from (x0, y0) to (x1, y1) to z's path.
func rect(z *vector.Rasterizer, x0, y0, x1, y1 float64) {
	z.MoveTo(float32(x0), float32(y0))
	z.LineTo(float32(x1), float32(y0))
	z.LineTo(float32(x1), float32(y1))
	z.LineTo(float32(x0), float32(y1))
	z.ClosePath()
}

// segment adds the line from a to b, width wide, to z's path.
func segment(z *vector.Rasterizer, a, b point, width float64) {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	z.MoveTo(float32(a.x+nx), float32(a.y+ny))
	z.LineTo(float32(b.x+nx), float32(b.y+ny))
	z.LineTo(float32(b.x-nx), float32(b.y-ny))
	z.LineTo(float32(a.x-nx), float32(a.y-ny))
	z.ClosePath()
}

// disc adds the disc of radius r about (x, y) to z's path.
func disc(z *vector.Rasterizer, x, y, r float64) {
	const n = 32
	z.MoveTo(float32(x+r), float32(y))
	for i := 1; i < n; i++ {
		a := 2 * math.Pi * float64(i) / n
		z.LineTo(float32(x+r*math.Cos(a)), float32(y+r*math.Sin(a)))
	}
	z.ClosePath()
}

// drawText draws a text shape on img.
func drawText(img *image.RGBA, s shape) {
	f := faceOf(s.bold, s.size)
	f.Lock()
	defer f.Unlock()
	width := fixedFloat(font.MeasureString(f, s.text))
	shift := 0.0
	switch s.anchor {
	case middle:
		shift = width / 2
	case end:
		shift = width
	}
	src := image.NewUniform(rgb(s.color))
	if !s.vertical {
		d := font.Drawer{Dst: img, Src: src, Face: f, Dot: fixed.Point26_6{X: toFixed(s.x - shift), Y: toFixed(s.y)}}
		d.DrawString(s.text)
		return
	}
	// Drawn level on a mask, then turned a quarter turn anticlockwise
	// about the start of its baseline at (s.x, s.y).
	m := f.Metrics()
	asc, desc := int(math.Ceil(fixedFloat(m.Ascent))), int(math.Ceil(fixedFloat(m.Descent)))
	tw := int(math.Ceil(width)) + 2
	level := image.NewAlpha(image.Rect(0, 0, tw, asc+desc))
	d := font.Drawer{Dst: level, Src: image.Opaque, Face: f, Dot: fixed.Point26_6{X: toFixed(1), Y: fixed.I(asc)}}
	d.DrawString(s.text)
	// Level pixel (u, v) goes to (x0 + v, y0 - u): the baseline (v = asc)
	// on the column s.x, the text reading upwards from s.y + shift.
	x0, y0 := int(math.Round(s.x))-asc, int(math.Round(s.y+shift))
	turned := image.NewAlpha(image.Rect(x0, y0-tw+1, x0+asc+desc, y0+1))
	for v := 0; v < asc+desc; v++ {
		for u := 0; u < tw; u++ {
			turned.SetAlpha(x0+v, y0-u, level.AlphaAt(u, v))
		}
	}
	draw.DrawMask(img, turned.Bounds(), src, image.Point{}, turned, turned.Bounds().Min, draw.Over)
}

func toFixed(v float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(v * 64)) }

// rgb reads "#RRGGBB".
func rgb(s string) color.RGBA {
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil || len(s) != 7 {
		panic("chart: bad colour " + s)
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}
}
