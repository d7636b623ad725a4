// Package chart draws the charts premia writes outside Excel (--chart
// FILE.svg or FILE.png): clustered columns and bars, lines, and scatter
// plots, from a description that knows nothing of pay (Chart: a title,
// axis titles, categories, and series of exact decimal values).
//
// It is the one place where premia's numbers become float64: a value's
// exact decimal text is turned into a coordinate when the chart is laid
// out, never before, and nothing drawn is read back as an amount. Both
// formats are drawn from one layout (a list of shapes and texts in
// pixels), so an SVG and a PNG of a chart show the same thing; the bytes
// of either depend on the chart alone (no clock, no map order, no system
// font).
//
// Text is measured and, in a PNG, drawn with the Go fonts
// (golang.org/x/image/font/gofont), which cover Latin, Cyrillic and
// Greek; an SVG names the Go font first and common sans-serif fonts after
// it. A character the fonts lack is written with a replacement where one
// reads the same (₽ as "руб."). Pure Go: no cgo, no network, no font
// installed on the machine.
//
// It must not import plan, calc or anything of premia's: the commands turn
// their results into a Chart.
package chart
