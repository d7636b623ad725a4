package chart

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// This file lays a chart out: the shapes and texts to draw, in pixels,
// from the top left corner. The SVG and PNG writers draw the same scene.

// scene is a chart laid out.
type scene struct {
	w, h   int
	title  string // the picture's title, for an SVG's <title>
	shapes []shape
}

type shapeKind int

const (
	rectShape shapeKind = iota // x, y, w, h filled with color
	lineShape                  // pts stroked width wide
	dotShape                   // a disc of radius r at x, y, outlined white
	textShape                  // text with its baseline at y
)

// anchor is where a text's x is: its start, middle or end.
type anchor int

const (
	start anchor = iota
	middle
	end
)

type point struct{ x, y float64 }

type shape struct {
	kind       shapeKind
	x, y, w, h float64
	r, width   float64
	pts        []point
	color      string // "#RRGGBB"
	text       string
	size       float64
	bold       bool
	anchor     anchor
	vertical   bool // read upwards, turned a quarter turn anticlockwise about x, y
}

// Colours: the series' (Excel's first accents, in its order), then the
// frame's.
var palette = []string{"#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E", "#636363", "#997300"}

const (
	textColor  = "#262626"
	mutedColor = "#595959"
	axisColor  = "#808080"
	gridColor  = "#D9D9D9"
	background = "#FFFFFF"
)

// Sizes of text, in pixels.
const (
	titleSize = 18
	axisSize  = 13
	labelSize = 12
	pad       = 16
)

func (sc *scene) add(s shape) { sc.shapes = append(sc.shapes, s) }

func (sc *scene) text(x, y float64, s string, size float64, bold bool, a anchor, color string) {
	sc.add(shape{kind: textShape, x: x, y: y, text: s, size: size, bold: bold, anchor: a, color: color})
}

// scale maps values lo..hi to pixels from..to.
type scale struct{ lo, hi, from, to float64 }

func (s scale) at(v float64) float64 {
	return s.from + (v-s.lo)/(s.hi-s.lo)*(s.to-s.from)
}

// ticks are an axis's values from lo to hi, step apart: 1, 2 or 5 times a
// power of ten, some five to eight of them.
type ticks struct {
	lo, hi, step float64
	places       int // decimals a tick's label shows
}

func niceTicks(lo, hi float64, zero bool) ticks {
	if zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if hi == lo {
		if lo == 0 {
			hi = 1
		} else {
			d := math.Abs(lo) / 10
			lo, hi = lo-d, hi+d
			if zero {
				lo, hi = math.Min(lo, 0), math.Max(hi, 0)
			}
		}
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	places := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	return ticks{lo: math.Floor(lo/step+1e-9) * step, hi: math.Ceil(hi/step-1e-9) * step, step: step, places: places}
}

// values are the ticks' values.
func (t ticks) values() []float64 {
	var out []float64
	n := int(math.Round((t.hi - t.lo) / t.step))
	for i := 0; i <= n; i++ {
		out = append(out, t.lo+float64(i)*t.step)
	}
	return out
}

// label is a tick's text: its digits grouped in threes by spaces, a minus
// sign for a negative value.
func (t ticks) label(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', t.places, 64)
	neg := v < 0 && strings.Trim(s, "0.") != ""
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 && len(whole) > 4 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// float is v's value for drawing, NaN for a gap.
func float(v string) float64 {
	if v == "" {
		return math.NaN()
	}
	return decimal.RequireFromString(v).InexactFloat64()
}

// layout lays c out.
func layout(c Chart) (*scene, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	w, h := c.Width, c.Height
	if w == 0 {
		w = DefaultWidth
	}
	if h == 0 {
		h = DefaultHeight
	}
	sc := &scene{w: w, h: h, title: c.Title}
	sc.add(shape{kind: rectShape, w: float64(w), h: float64(h), color: background})
	title, xTitle, yTitle := covered(c.Title), covered(c.XTitle), covered(c.YTitle)
	cats := make([]string, len(c.Categories))
	for i, s := range c.Categories {
		cats[i] = covered(s)
	}
	// The values, and their range.
	vals := make([][]float64, len(c.Series))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range c.Series {
		vals[i] = make([]float64, len(s.Values))
		for j, v := range s.Values {
			f := float(v)
			vals[i][j] = f
			if !math.IsNaN(f) {
				lo, hi = math.Min(lo, f), math.Max(hi, f)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 0
	}
	yt := niceTicks(lo, hi, c.Kind != Scatter)
	var xs []float64
	var xt ticks
	if c.Kind == Scatter {
		xlo, xhi := math.Inf(1), math.Inf(-1)
		for _, s := range c.Categories {
			f := float(s)
			xs = append(xs, f)
			xlo, xhi = math.Min(xlo, f), math.Max(xhi, f)
		}
		xt = niceTicks(xlo, xhi, false)
	}

	// The frame, from the outside in: title, legend, axis titles, labels.
	top, bottom, left, right := float64(pad), float64(h-pad), float64(pad), float64(w-pad)
	if title != "" {
		title = fit(title, true, titleSize, right-left)
		sc.text(float64(w)/2, top+titleSize, title, titleSize, true, middle, textColor)
		top += titleSize + 14
	} else {
		top += 6
	}
	if len(c.Series) > 1 {
		bottom = legend(sc, c.Series, left, right, bottom)
	}
	if xTitle != "" {
		xTitle = fit(xTitle, true, axisSize, right-left)
		if c.Kind == Bar {
			// The categories' axis is the vertical one.
			sc.add(shape{kind: textShape, x: left + axisSize, y: (top + bottom) / 2, text: fit(xTitle, true, axisSize, bottom-top), size: axisSize, bold: true, anchor: middle, color: mutedColor, vertical: true})
			left += axisSize + 8
		} else {
			sc.text((left+right)/2, bottom-4, xTitle, axisSize, true, middle, mutedColor)
			bottom -= axisSize + 10
		}
	}
	if yTitle != "" {
		if c.Kind == Bar {
			sc.text((left+right)/2, bottom-4, fit(yTitle, true, axisSize, right-left), axisSize, true, middle, mutedColor)
			bottom -= axisSize + 10
		} else {
			sc.add(shape{kind: textShape, x: left + axisSize, y: (top + bottom) / 2, text: fit(yTitle, true, axisSize, bottom-top), size: axisSize, bold: true, anchor: middle, color: mutedColor, vertical: true})
			left += axisSize + 8
		}
	}
	right -= 8 // room for the last label's half

	switch c.Kind {
	case Bar:
		// Categories down the left, values along the bottom.
		widest := 0.0
		for _, s := range cats {
			widest = math.Max(widest, textWidth(s, false, labelSize))
		}
		labelW := math.Min(widest, (right-left)*0.35)
		left += labelW + 8
		bottom -= labelSize + 8
		xs := scale{yt.lo, yt.hi, left, right}
		valueGrid(sc, yt, xs, top, bottom, false)
		band := (bottom - top) / float64(len(cats))
		for j, s := range cats {
			y := top + (float64(j)+0.5)*band
			sc.text(left-6, y+labelSize*0.35, fit(s, false, labelSize, labelW), labelSize, false, end, textColor)
		}
		bars(sc, vals, band, top, func(v float64) float64 { return xs.at(v) }, true)
		sc.add(shape{kind: lineShape, pts: []point{{xs.at(0), top}, {xs.at(0), bottom}}, width: 1, color: axisColor})
	default:
		widest := 0.0
		for _, v := range yt.values() {
			widest = math.Max(widest, textWidth(yt.label(v), false, labelSize))
		}
		left += widest + 6
		bottom -= labelSize + 8
		ys := scale{yt.lo, yt.hi, bottom, top}
		valueGrid(sc, yt, ys, left, right, true)
		if c.Kind == Scatter {
			xsc := scale{xt.lo, xt.hi, left, right}
			for _, v := range xt.values() {
				x := xsc.at(v)
				sc.add(shape{kind: lineShape, pts: []point{{x, bottom}, {x, bottom + 4}}, width: 1, color: axisColor})
				sc.text(x, bottom+labelSize+6, xt.label(v), labelSize, false, middle, textColor)
			}
			sc.add(shape{kind: lineShape, pts: []point{{left, bottom}, {right, bottom}}, width: 1, color: axisColor})
			sc.add(shape{kind: lineShape, pts: []point{{left, top}, {left, bottom}}, width: 1, color: axisColor})
			for i := range vals {
				for j, v := range vals[i] {
					if !math.IsNaN(v) {
						sc.add(shape{kind: dotShape, x: xsc.at(xs[j]), y: ys.at(v), r: 4.5, color: palette[i%len(palette)]})
					}
				}
			}
			break
		}
		band := (right - left) / float64(len(cats))
		// Every k-th label, as many as fit side by side.
		k := 1
		for k < len(cats) && band*float64(k) < 28 {
			k++
		}
		for j := 0; j < len(cats); j += k {
			x := left + (float64(j)+0.5)*band
			sc.text(x, bottom+labelSize+6, fit(cats[j], false, labelSize, band*float64(k)-6), labelSize, false, middle, textColor)
		}
		zero := ys.at(math.Max(yt.lo, math.Min(0, yt.hi)))
		if c.Kind == Column {
			bars(sc, vals, band, left, func(v float64) float64 { return ys.at(v) }, false)
		} else {
			for i := range vals {
				color := palette[i%len(palette)]
				var run []point
				flush := func() {
					if len(run) > 1 {
						sc.add(shape{kind: lineShape, pts: run, width: 2.5, color: color})
					}
					run = nil
				}
				for j, v := range vals[i] {
					if math.IsNaN(v) {
						flush()
						continue
					}
					run = append(run, point{left + (float64(j)+0.5)*band, ys.at(v)})
				}
				flush()
				for j, v := range vals[i] {
					if !math.IsNaN(v) {
						sc.add(shape{kind: dotShape, x: left + (float64(j)+0.5)*band, y: ys.at(v), r: 3.5, color: color})
					}
				}
			}
		}
		sc.add(shape{kind: lineShape, pts: []point{{left, zero}, {right, zero}}, width: 1, color: axisColor})
		sc.add(shape{kind: lineShape, pts: []point{{left, top}, {left, bottom}}, width: 1, color: axisColor})
	}
	return sc, nil
}

// valueGrid draws the values' gridlines and tick labels: across from a to
// b at each tick of s, horizontal lines labelled on the left if across,
// else vertical lines labelled below.
func valueGrid(sc *scene, t ticks, s scale, a, b float64, across bool) {
	for _, v := range t.values() {
		p := s.at(v)
		if across {
			sc.add(shape{kind: lineShape, pts: []point{{a, p}, {b, p}}, width: 1, color: gridColor})
			sc.text(a-6, p+labelSize*0.35, t.label(v), labelSize, false, end, textColor)
		} else {
			sc.add(shape{kind: lineShape, pts: []point{{p, a}, {p, b}}, width: 1, color: gridColor})
			sc.text(p, b+labelSize+6, t.label(v), labelSize, false, middle, textColor)
		}
	}
}

// bars draws clustered bars: in each band (from at, band wide) the
// series side by side, each from zero to its value at(v); horizontal bars
// if across.
func bars(sc *scene, vals [][]float64, band, from float64, at func(float64) float64, across bool) {
	n := float64(len(vals))
	group := band * 0.75
	each := group / n
	zero := at(0)
	for i := range vals {
		color := palette[i%len(palette)]
		for j, v := range vals[i] {
			if math.IsNaN(v) {
				continue
			}
			off := from + float64(j)*band + (band-group)/2 + float64(i)*each
			p := at(v)
			lo, hi := math.Min(p, zero), math.Max(p, zero)
			thick := each * 0.92
			if across {
				sc.add(shape{kind: rectShape, x: lo, y: off, w: hi - lo, h: thick, color: color})
			} else {
				sc.add(shape{kind: rectShape, x: off, y: lo, w: thick, h: hi - lo, color: color})
			}
		}
	}
}

// legend draws the series' names with their colours, centred in rows at
// the bottom, and returns the bottom of what is above it.
func legend(sc *scene, series []Series, left, right, bottom float64) float64 {
	const swatch, gap, rowH = 11, 18, 20
	type item struct {
		name string
		w    float64
	}
	var rows [][]item
	var widths []float64
	var row []item
	width := 0.0
	for _, s := range series {
		name := fit(covered(s.Name), false, labelSize, (right-left)/2)
		it := item{name, swatch + 5 + textWidth(name, false, labelSize)}
		if len(row) > 0 && width+gap+it.w > right-left {
			rows, widths = append(rows, row), append(widths, width)
			row, width = nil, 0
		}
		if len(row) > 0 {
			width += gap
		}
		row = append(row, it)
		width += it.w
	}
	rows, widths = append(rows, row), append(widths, width)
	top := bottom - float64(len(rows))*rowH
	k := 0
	for r, row := range rows {
		x := (left+right)/2 - widths[r]/2
		y := top + float64(r)*rowH + rowH/2
		for _, it := range row {
			sc.add(shape{kind: rectShape, x: x, y: y - swatch/2 - 1, w: swatch, h: swatch, color: palette[k%len(palette)]})
			sc.text(x+swatch+5, y+labelSize*0.35, it.name, labelSize, false, start, textColor)
			x += it.w + gap
			k++
		}
	}
	return top - 8
}
