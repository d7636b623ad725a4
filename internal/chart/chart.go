package chart

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/atomicfile"
)

// Kind is what a chart draws.
type Kind int

const (
	// Column is vertical bars, the series side by side in each category.
	Column Kind = iota
	// Bar is horizontal bars, the series side by side, the first category
	// at the top.
	Bar
	// Line is a line per series through its values, a marker at each.
	Line
	// Scatter is a marker per point: the categories are the x values.
	Scatter
)

func (k Kind) String() string {
	switch k {
	case Column:
		return "column"
	case Bar:
		return "bar"
	case Line:
		return "line"
	case Scatter:
		return "scatter"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Chart is a chart to draw.
type Chart struct {
	Kind  Kind
	Title string
	// XTitle is the categories' axis title (vertical in a Bar chart; a
	// Scatter chart's x axis), YTitle the values'; "" for none.
	XTitle, YTitle string
	// Categories label the values, one per value of each series; in a
	// Scatter chart they are the x values, exact decimal text.
	Categories []string
	Series     []Series
	// Width and Height are the picture's size in pixels; 0 for 800 × 480.
	Width, Height int
}

// Series is one series of values: its name, shown in the legend when a
// chart has more than one series, and a value per category, each exact
// decimal text ("81250.50") or "" where there is none (a gap).
type Series struct {
	Name   string
	Values []string
}

// Decimals is the exact text of each of ds, for Series.Values.
func Decimals(ds ...decimal.Decimal) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// Default size of a chart, in pixels.
const (
	DefaultWidth  = 800
	DefaultHeight = 480
)

// Format is the file format of a chart.
type Format string

const (
	SVG Format = "svg"
	PNG Format = "png"
)

// FormatOf is the format a chart file is written in, by its extension
// (.svg or .png, in any case); another extension is an error.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return SVG, nil
	case ".png":
		return PNG, nil
	}
	return "", fmt.Errorf("%s: a chart is written as .svg or .png", path)
}

// Write draws c in format f on w.
func Write(w io.Writer, f Format, c Chart) error {
	sc, err := layout(c)
	if err != nil {
		return err
	}
	switch f {
	case SVG:
		return writeSVG(w, sc)
	case PNG:
		return writePNG(w, sc)
	}
	return fmt.Errorf("unknown chart format %q: svg or png", f)
}

// Save draws c into the file path, in the format its extension names
// (FormatOf). The file is replaced whole or not at all.
func Save(path string, c Chart) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Write(&buf, f, c); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}, nil)
}

// check says what is wrong with c, or nil.
func (c *Chart) check() error {
	if c.Kind < Column || c.Kind > Scatter {
		return fmt.Errorf("chart %q: unknown kind %v", c.Title, c.Kind)
	}
	if c.Width < 0 || c.Height < 0 || (c.Width > 0 && c.Width < 200) || (c.Height > 0 && c.Height < 150) || c.Width > 8000 || c.Height > 8000 {
		return fmt.Errorf("chart %q: %d × %d pixels, want 200 × 150 to 8000 × 8000", c.Title, c.Width, c.Height)
	}
	if len(c.Series) == 0 {
		return fmt.Errorf("chart %q: no series", c.Title)
	}
	if len(c.Categories) == 0 {
		return fmt.Errorf("chart %q: no categories", c.Title)
	}
	for i, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return fmt.Errorf("chart %q: series %d (%s) has %d values for %d categories", c.Title, i+1, s.Name, len(s.Values), len(c.Categories))
		}
		for j, v := range s.Values {
			if v == "" {
				continue
			}
			if _, err := decimal.NewFromString(v); err != nil {
				return fmt.Errorf("chart %q: series %d (%s) value %d: %q is not a number", c.Title, i+1, s.Name, j+1, v)
			}
		}
	}
	if c.Kind == Scatter {
		for j, v := range c.Categories {
			if _, err := decimal.NewFromString(v); err != nil {
				return fmt.Errorf("chart %q: x value %d: %q is not a number", c.Title, j+1, v)
			}
		}
	}
	return nil
}
