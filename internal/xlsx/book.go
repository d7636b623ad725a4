package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
)

// Book is an opened workbook: its structure, shared strings and number
// formats. Sheets are read on demand (Sheet) and may be released.
type Book struct {
	Sheets []SheetInfo
	// Names are the workbook's defined names.
	Names []DefinedName
	// Date1904 is the 1904 date system (serial 0 is 1904-01-01).
	Date1904 bool
	// FullCalcOnLoad: the workbook asks to be recalculated when opened, so
	// the results saved with its formulas need not be real (XlsxWriter and
	// many exporters save 0 for every formula and set it).
	FullCalcOnLoad bool
	// ManualCalc: calculation is set to manual, so saved results may be stale.
	ManualCalc bool

	arch    *archive
	lim     Limits
	shared  []string
	formats []Format // by cell style (xf) index

	mu     sync.Mutex
	sheets map[string]*Sheet // read so far
	cells  int               // cells read so far, against lim.MaxCells
	eval   *evaluator
	evalMu sync.Mutex // one evaluation at a time
}

// SheetInfo is a sheet as the workbook part lists it.
type SheetInfo struct {
	Name   string
	Hidden bool // state="hidden" or "veryHidden"
	part   string
}

// DefinedName is a name defined in the workbook (Formulas > Name Manager).
type DefinedName struct {
	Name  string
	Sheet int // the index of the sheet it is local to, or -1
	Text  string
}

// Open reads a workbook's structure from its bytes. The zip's central
// directory is checked against lim first. Errors are ErrNotZip, ErrODS,
// ErrNoBook, ErrDamaged, a *LimitError, or a description of what is broken.
func Open(data []byte, lim Limits) (*Book, error) {
	return OpenReaderAt(bytes.NewReader(data), int64(len(data)), lim)
}

// OpenReaderAt is Open for a workbook of size bytes read from r, which
// must not change while the Book is used.
func OpenReaderAt(r io.ReaderAt, size int64, lim Limits) (*Book, error) {
	a, err := openArchive(r, size, lim)
	if err != nil {
		return nil, err
	}
	b := &Book{arch: a, lim: lim, sheets: map[string]*Sheet{}}
	wbPart, err := officeDocument(a)
	if err != nil {
		return nil, err
	}
	if err := b.readWorkbook(wbPart, true); err != nil {
		return nil, err
	}
	return b, nil
}

// officeDocument finds the workbook part through the package relationships
// (xl/workbook.xml in every file seen, but the package says).
func officeDocument(a *archive) (string, error) {
	if a.has("_rels/.rels") {
		rels, err := readRels(a, "_rels/.rels", "")
		if err != nil {
			return "", err
		}
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") && a.has(r.target) {
				return r.target, nil
			}
		}
	}
	if a.has("xl/workbook.xml") {
		return "xl/workbook.xml", nil
	}
	return "", ErrNoBook
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part; targets are resolved against base,
// the folder of the part they belong to.
func readRels(a *archive, name, base string) ([]rel, error) {
	if text, ok := a.mem[name]; ok && len(text) <= smallPart {
		// Parts premia wrote: every workbook of --split or plans has the
		// same relationships, read once (a large workbook's are its own).
		key := relsKey{base, text}
		if out, ok := memRels.load(key); ok {
			return out, nil
		}
		out, err := readRelsText(a, name, base)
		if err == nil {
			memRels.keep(key, out)
		}
		return out, err
	}
	return readRelsText(a, name, base)
}

// memRels keeps what readRels read from parts in memory, by base and text;
// the callers do not change what it returns.
var memRels memo[relsKey, []rel]

type relsKey struct{ base, text string }

func readRelsText(a *archive, name, base string) ([]rel, error) {
	data, err := a.readAll(name, 16<<20)
	if err != nil {
		return nil, err
	}
	var out []rel
	t := bytesTokenizer(data, maxToken)
	for {
		tok, ok := t.next()
		if !ok {
			break
		}
		if tok.end || string(tok.name) != "Relationship" || decode(attr(tok.tag, "TargetMode")) == "External" {
			continue
		}
		target := decode(attr(tok.tag, "Target"))
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(base, target)
		}
		out = append(out, rel{id: decode(attr(tok.tag, "Id")), typ: decode(attr(tok.tag, "Type")), target: target})
	}
	if t.err != nil {
		return nil, fmt.Errorf("the part %q is damaged: %v", name, t.err)
	}
	return out, nil
}

// readWorkbook reads the workbook part: its sheets and settings, and with
// cells its defined names, the shared strings and the cell styles' number
// formats (which only reading cells needs; the sheets' parts alone are
// read for the check of a written workbook, whose 100,000 sheets each have
// a defined name).
func (b *Book) readWorkbook(wbPart string, cells bool) error {
	data, err := b.arch.readAll(wbPart, 64<<20)
	if err != nil {
		return err
	}
	type sheet struct{ name, state, id string }
	type name struct{ name, local, text string }
	var (
		sheets         []sheet
		names          []name
		inSheets       bool
		inNames, inDef bool
	)
	t := bytesTokenizer(data, maxToken)
	for {
		tok, ok := t.next()
		if !ok {
			break
		}
		a := func(key string) string { return decode(attr(tok.tag, key)) }
		switch string(tok.name) {
		case "workbookPr":
			if !tok.end {
				b.Date1904 = xmlTrue(a("date1904"))
			}
		case "calcPr":
			if !tok.end {
				b.FullCalcOnLoad = xmlTrue(a("fullCalcOnLoad"))
				b.ManualCalc = a("calcMode") == "manual"
			}
		case "sheets":
			inSheets = !tok.end && !tok.self
		case "sheet":
			if inSheets && !tok.end {
				sheets = append(sheets, sheet{a("name"), a("state"), a("id")})
			}
		case "definedNames":
			inNames = !tok.end && !tok.self
		case "definedName":
			switch {
			case !inNames || !cells:
			case tok.end:
				if inDef {
					names[len(names)-1].text = decode(tok.text)
				}
				inDef = false
			default:
				names = append(names, name{a("name"), a("localSheetId"), ""})
				inDef = !tok.self
			}
		}
	}
	if t.err != nil {
		return fmt.Errorf("the part %q is damaged: %v", wbPart, t.err)
	}
	dir := path.Dir(wbPart)
	relsName := path.Join(dir, "_rels", path.Base(wbPart)+".rels")
	rels, err := readRels(b.arch, relsName, dir)
	if err != nil {
		return err
	}
	byID := map[string]rel{}
	for _, r := range rels {
		byID[r.id] = r
		switch {
		case !cells:
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			if b.shared, err = b.readShared(r.target); err != nil {
				return err
			}
		case strings.HasSuffix(r.typ, "/styles"):
			if b.formats, err = b.readStyles(r.target); err != nil {
				return err
			}
		}
	}
	for _, s := range sheets {
		r, ok := byID[s.id]
		if !ok {
			return fmt.Errorf("sheet %q has no part in the workbook", s.name)
		}
		info := SheetInfo{Name: s.name, Hidden: s.state == "hidden" || s.state == "veryHidden"}
		if strings.HasSuffix(r.typ, "/worksheet") {
			info.part = r.target
		}
		b.Sheets = append(b.Sheets, info)
	}
	for _, n := range names {
		d := DefinedName{Name: n.name, Sheet: -1, Text: strings.TrimSpace(n.text)}
		if n.local != "" {
			if i, err := strconv.Atoi(n.local); err == nil {
				d.Sheet = i
			}
		}
		b.Names = append(b.Names, d)
	}
	return nil
}

func xmlTrue(v string) bool { return v == "1" || v == "true" }

// readShared reads the shared-string table: each <si> is the text of its
// <t> elements (rich-text runs joined), phonetic guides (<rPh>) left out.
// The strings are cut from one allocation: a table of hundreds of
// thousands of names and ids is one object for the collector, not as many.
func (b *Book) readShared(name string) ([]string, error) {
	rc, err := b.arch.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	t := newTokenizer(rc, 64<<20)
	var arena []byte
	var ends []int
	var cur []byte
	inSI, inT, inPh := false, false, false
	for {
		tok, ok := t.next()
		if !ok {
			break
		}
		switch string(tok.name) {
		case "si":
			switch {
			case tok.end:
				start := len(arena)
				arena = appendDecoded(arena, cur)
				if bytes.Contains(arena[start:], []byte("_x")) {
					arena = append(arena[:start], unescapeOOXML(string(arena[start:]))...)
				}
				ends = append(ends, len(arena))
				inSI = false
			case tok.self:
				ends = append(ends, len(arena))
			default:
				inSI, cur = true, cur[:0]
			}
		case "rPh":
			inPh = !tok.end && !tok.self
		case "t":
			if tok.end && inT && inSI && !inPh {
				cur = append(cur, tok.text...)
			}
			inT = !tok.end && !tok.self
		}
	}
	if t.err != nil {
		return nil, fmt.Errorf("the part %q cannot be read: %v", name, t.err)
	}
	all := string(arena)
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end
	}
	return out, nil
}

// readStyles reads each cell style's number format, classified.
func (b *Book) readStyles(name string) ([]Format, error) {
	data, err := b.arch.readAll(name, 64<<20)
	if err != nil {
		return nil, err
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("the part %q is damaged: %v", name, err)
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	out := make([]Format, len(st.Xfs))
	for i, x := range st.Xfs {
		if code, ok := custom[x.NumFmt]; ok {
			out[i] = classify(code)
		} else {
			out[i] = builtin(x.NumFmt)
		}
	}
	return out, nil
}

// Format is what a cell's number format says of its value.
type Format uint8

const (
	// FormatPercent: the value is shown ×100 with a % sign (0.78 as 78%).
	FormatPercent Format = 1 << iota
	// FormatDate: the value is a date or time serial.
	FormatDate
	// FormatText: the cell is formatted as text (@).
	FormatText
)

// builtin classifies Excel's built-in number formats by id.
func builtin(id int) Format {
	switch {
	case id == 9 || id == 10:
		return FormatPercent
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return FormatDate
	case id == 49:
		return FormatText
	}
	return 0
}

// classify reads a format code: % outside quotes, escapes and brackets makes
// a percentage; date and time letters make a date; @ alone is text.
func classify(code string) Format {
	if strings.TrimSpace(code) == "@" {
		return FormatText
	}
	var f Format
	section := code
	if i := strings.IndexByte(code, ';'); i >= 0 {
		section = code[:i]
	}
	for i := 0; i < len(section); i++ {
		switch c := section[i]; c {
		case '"':
			if j := strings.IndexByte(section[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(section)
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(section[i:], ']')
			if j < 0 {
				i = len(section)
				break
			}
			inner := strings.ToLower(section[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				f |= FormatDate
			}
			i += j
		case '%':
			f |= FormatPercent
		case 'y', 'Y', 'd', 'D', 'h', 'H', 's', 'S', 'm', 'M':
			if !strings.EqualFold(section, "general") {
				f |= FormatDate
			}
		}
	}
	if f&FormatDate != 0 && strings.Contains(strings.ToLower(section), "general") {
		f &^= FormatDate
	}
	return f
}

// Sheet reads the named sheet (once; later calls return the same grid until
// Release).
func (b *Book) Sheet(name string) (*Sheet, error) {
	b.mu.Lock()
	if s := b.sheets[name]; s != nil {
		b.mu.Unlock()
		return s, nil
	}
	b.mu.Unlock()
	var info *SheetInfo
	for i := range b.Sheets {
		if b.Sheets[i].Name == name {
			info = &b.Sheets[i]
		}
	}
	if info == nil {
		return nil, fmt.Errorf("no sheet %q", name)
	}
	if info.part == "" {
		return nil, fmt.Errorf("sheet %q is a chart or dialog sheet, not a worksheet", name)
	}
	s, err := b.readSheet(info.Name, info.part, 0)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cells += len(s.cells)
	if b.cells > b.lim.MaxCells {
		return nil, &LimitError{fmt.Sprintf("over %d cells", b.lim.MaxCells)}
	}
	if prev := b.sheets[name]; prev != nil {
		return prev, nil
	}
	b.sheets[name] = s
	return s, nil
}

// Head reads the first rows of a sheet only (up to rows rows), without
// keeping it: enough to see its header.
func (b *Book) Head(name string, rows int) (*Sheet, error) {
	for _, info := range b.Sheets {
		if info.Name == name && info.part != "" {
			return b.readSheet(info.Name, info.part, rows)
		}
	}
	return nil, fmt.Errorf("no worksheet %q", name)
}

// Release drops a sheet's grid; it is read again if asked for.
func (b *Book) Release(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s := b.sheets[name]; s != nil {
		b.cells -= len(s.cells)
		delete(b.sheets, name)
	}
}

// errSheetDamaged wraps what broke while reading a sheet's XML.
var errSheetDamaged = errors.New("the sheet's XML is damaged")

// sharedString returns shared string i.
func (b *Book) sharedString(i uint32) (string, bool) {
	if int(i) >= len(b.shared) {
		return "", false
	}
	return b.shared[i], true
}

// format returns the format of cell style s.
func (b *Book) format(s []byte) Format {
	if len(s) == 0 {
		return 0
	}
	i := 0
	for _, c := range bytes.TrimSpace(s) {
		if c < '0' || c > '9' || i > len(b.formats) {
			return 0
		}
		i = i*10 + int(c-'0')
	}
	if i >= len(b.formats) {
		return 0
	}
	return b.formats[i]
}
