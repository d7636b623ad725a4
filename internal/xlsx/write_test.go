package xlsx

import (
	"bytes"
	"strings"
	"testing"
)

// minimalStyles is a stylesheet with only the default cell format.
func minimalStyles() Part {
	return Deflate("xl/styles.xml", []byte(xmlHeader+`<styleSheet xmlns="`+nsMain+`"><fonts count="1"><font/></fonts>`+
		`<fills count="1"><fill/></fills><borders count="1"><border/></borders>`+
		`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`))
}

// TestSheetAmountsCheckedWhenBuilt: a sheet whose cell does not hold the
// amount recorded for it is refused before anything is compressed.
func TestSheetAmountsCheckedWhenBuilt(t *testing.T) {
	for name, build := range map[string]SheetJob{
		"other number": func(_ int, x *SheetWriter) error { x.Num(1, 1, "449.1", 0); x.Want(1, 1, "449.2"); return nil },
		"text":         func(_ int, x *SheetWriter) error { x.Text(1, 1, "449.1", 0); x.Want(1, 1, "449.1"); return nil },
		"no cell":      func(_ int, x *SheetWriter) error { x.Num(1, 1, "1", 0); x.Want(2, 1, "1"); return nil },
	} {
		_, err := WriteBook(&bytes.Buffer{}, Props{}, minimalStyles(), []BookSheet{{Name: "S"}}, build)
		if err == nil || !strings.Contains(err.Error(), "does not hold its amounts") {
			t.Errorf("%s: %v", name, err)
		}
	}
	ok := func(_ int, x *SheetWriter) error { x.Num(1, 1, "449.10", 0); x.Want(1, 1, "449.1"); return nil }
	if _, err := WriteBook(&bytes.Buffer{}, Props{}, minimalStyles(), []BookSheet{{Name: "S"}}, ok); err != nil {
		t.Errorf("449.10 holds 449.1: %v", err)
	}
}
