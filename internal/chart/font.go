package chart

import (
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The fonts text is measured and drawn with.
var fonts = sync.OnceValue(func() [2]*opentype.Font {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic(err)
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic(err)
	}
	return [2]*opentype.Font{r, b}
})

// faceKey is a face: bold or not, at a size in pixels.
type faceKey struct {
	bold bool
	size float64
}

// faces are made once per face; a face is not safe for concurrent use,
// so each use locks it.
var faces struct {
	sync.Mutex
	m map[faceKey]*lockedFace
}

type lockedFace struct {
	sync.Mutex
	font.Face
}

func faceOf(bold bool, size float64) *lockedFace {
	faces.Lock()
	defer faces.Unlock()
	k := faceKey{bold, size}
	if f, ok := faces.m[k]; ok {
		return f
	}
	i := 0
	if bold {
		i = 1
	}
	f, err := opentype.NewFace(fonts()[i], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err)
	}
	if faces.m == nil {
		faces.m = map[faceKey]*lockedFace{}
	}
	lf := &lockedFace{Face: f}
	faces.m[k] = lf
	return lf
}

// textWidth is the width of s in pixels, in the face bold at size.
func textWidth(s string, bold bool, size float64) float64 {
	f := faceOf(bold, size)
	f.Lock()
	defer f.Unlock()
	return fixedFloat(font.MeasureString(f, s))
}

func fixedFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }

// replacements are written for characters the fonts lack.
var replacements = map[rune]string{
	'₽':      "руб.",
	'\u202F': " ", // narrow no-break space
	'\u00A0': " ",
}

// covered is text with each character the fonts lack replaced where a
// replacement reads the same.
func covered(s string) string {
	f := fonts()[0]
	var buf sfnt.Buffer
	var b strings.Builder
	for _, r := range s {
		if rep, ok := replacements[r]; ok {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				b.WriteString(rep)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fit cuts s with an ellipsis to at most width pixels.
func fit(s string, bold bool, size, width float64) string {
	if textWidth(s, bold, size) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := strings.TrimRight(string(r[:n]), " ") + "…"
		if textWidth(t, bold, size) <= width {
			return t
		}
	}
	return "…"
}
