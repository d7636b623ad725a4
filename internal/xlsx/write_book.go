package xlsx

import (
	"bytes"
	_ "embed"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/klauspost/compress/flate"
)

// This file writes a workbook's package: the zip, its fixed parts
// (content types, relationships, properties, the workbook part, the theme)
// and its sheets, built on every core and written in order.

// themeXML is the Office theme, as Excel writes it: without one, readers
// that resolve colours through the theme (excelize among them) report none.
//
//go:embed theme1.xml
var themeXML []byte

var themeOnce = sync.OnceValue(func() Part { return Deflate("xl/theme/theme1.xml", themeXML) })

// BookSheet is one sheet of a workbook.
type BookSheet struct {
	Name     string
	TitleRow int    // the header row repeated on printed pages, 0 for none
	Filter   string // the autofilter's range, "A1:N5", or ""
	// Built, if not nil, is the sheet already built (BuildSheet, with this
	// sheet's index): a sheet the same in every workbook of a set, built
	// once.
	Built *Built
	// Charts are drawn over the sheet (see Chart). The sheet is built
	// with SheetWriter.Drawing set: WriteBook sets it; a sheet built
	// otherwise (Builder.Build, SheetStream, BuildSheet) sets it itself.
	Charts []Chart
}

// BuildSheet builds sheet i of a workbook with fill, as the workbook's
// writer would (see Builder.Build), for BookSheet.Built.
func BuildSheet(i int, name string, fill func(x *SheetWriter) error) Built {
	b := getBuilder()
	defer putBuilder(b)
	out := b.Build(i, name, fill)
	if out.part.pooled != nil {
		// Written into every workbook of a set: its bytes are its own.
		out.part.compressed, out.part.pooled = bytes.Clone(out.part.compressed), nil
	}
	return out
}

// build builds sheet i of bw with fill on b, or gives the sheet built
// before.
func (bw *BookWriter) build(b *Builder, i int, fill SheetJob) Built {
	sh := bw.sheets[i]
	if sh.Built == nil {
		return b.Build(i, sh.Name, func(x *SheetWriter) error {
			x.Drawing = len(sh.Charts) > 0
			return fill(i, x)
		})
	}
	if want := sheetPartName(i); sh.Built.part.name != want {
		return Built{Err: fmt.Errorf("internal error, please report it: sheet %q was built as %s, not %s", sh.Name, sh.Built.part.name, want)}
	}
	return *sh.Built
}

// sheetPartName is the part of sheet i.
func sheetPartName(i int) string { return "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml" }

// Props are the document properties. No clock goes in: the caller dates a
// workbook by what it is about, so that equal inputs give equal bytes.
type Props struct {
	Creator, Title, Subject, Language string
	Date                              string // W3CDTF, "2026-03-01T00:00:00Z"
}

// Part is one compressed entry of the zip.
type Part struct {
	name       string
	crc        uint32
	size       uint64
	compressed []byte
	// pooled, if not nil, holds compressed, to be given back to
	// partBuffers once the part is written (a built sheet's).
	pooled *[]byte
}

// partBuffers hold built sheets' compressed bytes from the core that built
// them to the zip: some 3 KB for each of 100,000 sheets, made once per
// sheet in flight, not once per sheet.
var partBuffers = sync.Pool{New: func() any { return new([]byte) }}

// release gives p's buffer back once p is written.
func (p *Part) release() {
	if p.pooled != nil {
		*p.pooled = p.compressed[:0]
		partBuffers.Put(p.pooled)
		p.pooled, p.compressed = nil, nil
	}
}

// Deflate compresses data as the part called name. Parts that are the same
// in many workbooks (a stylesheet) are worth compressing once and keeping.
func Deflate(name string, data []byte) Part {
	b := getBuilder()
	defer putBuilder(b)
	return b.c.deflate(name, data)
}

// compressor deflates parts, reusing its buffers.
type compressor struct {
	fw  *flate.Writer
	out bytes.Buffer
}

func (c *compressor) deflate(name string, data []byte) Part {
	c.compress(data)
	return Part{name: name, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), compressed: bytes.Clone(c.out.Bytes())}
}

// deflateSheet deflates a sheet whose rows are data[rowsAt:tailAt], the
// compressed bytes held in a buffer of partBuffers (see Part.release). The
// text before the rows (the columns, the view) and the text after them
// (merges, conditional formats, page setup) are the same in many sheets of
// a workbook: each is deflated as blocks of its own, once for each text
// (sheetHeads, sheetTails), and the rows between them. Every sheet is
// written so, whether its head and tail were kept or not: the bytes of a
// workbook do not depend on which core built which sheet first.
func (c *compressor) deflateSheet(name string, data []byte, rowsAt, tailAt int) Part {
	head := sheetHeads.get(c, data[:rowsAt])
	tail := sheetTails.get(c, data[tailAt:])
	buf := partBuffers.Get().(*[]byte)
	c.out.Reset()
	c.out.Write(head)
	if c.fw == nil {
		c.fw, _ = flate.NewWriter(&c.out, flate.BestSpeed)
	} else {
		c.fw.Reset(&c.out)
	}
	c.fw.Write(data[rowsAt:tailAt])
	c.fw.Flush() // a block that ends on a byte: the tail's blocks follow
	c.out.Write(tail)
	*buf = append((*buf)[:0], c.out.Bytes()...)
	return Part{name: name, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), compressed: *buf, pooled: buf}
}

// sheetHeads and sheetTails keep the heads and tails of sheets deflated
// (deflateSheet): a few hundred texts of a kilobyte or two each, the first
// ones met.
var (
	sheetHeads = pieceCache{last: false}
	sheetTails = pieceCache{last: true}
)

// pieceCache keeps texts deflated as blocks that more blocks follow (a
// sync flush) or, if last, that end the stream.
type pieceCache struct {
	sync.RWMutex
	m    map[string][]byte
	last bool
}

// get returns text deflated.
func (pc *pieceCache) get(c *compressor, text []byte) []byte {
	const most, longest = 512, 16 << 10
	pc.RLock()
	z, ok := pc.m[string(text)] // not a copy: a lookup
	pc.RUnlock()
	if ok {
		return z
	}
	var out bytes.Buffer
	if c.fw == nil {
		c.fw, _ = flate.NewWriter(&out, flate.BestSpeed)
	} else {
		c.fw.Reset(&out)
	}
	c.fw.Write(text)
	if pc.last {
		c.fw.Close()
	} else {
		c.fw.Flush()
	}
	z = out.Bytes()
	if len(text) <= longest {
		pc.Lock()
		if pc.m == nil {
			pc.m = map[string][]byte{}
		}
		if len(pc.m) < most {
			pc.m[string(text)] = z
		}
		pc.Unlock()
	}
	return z
}

// compress deflates data into c.out.
func (c *compressor) compress(data []byte) {
	c.out.Reset()
	if c.fw == nil {
		c.fw, _ = flate.NewWriter(&c.out, flate.BestSpeed)
	} else {
		c.fw.Reset(&c.out)
	}
	c.fw.Write(data)
	c.fw.Close()
}

// packageParts keeps the package parts NewBook deflated, by name and
// content: a --split or plans run writes thousands of workbooks whose
// content types, relationships and properties are the same text.
var packageParts struct {
	sync.Mutex
	m map[string][]cachedPart // by name
	n int
}

type cachedPart struct {
	data string
	part Part
}

// smallPart is the size of the parts packagePart keeps.
const smallPart = 4 << 10

// packagePart is the part name holding data, deflated once for every
// workbook that has it (parts of a few kilobytes, the first four texts of
// each name, a few hundred in all; others, such as the workbook part that
// names an employee's sheet, are deflated each time).
func packagePart(c *compressor, name, data string) Part {
	const most, perName = 256, 4
	if len(data) > smallPart {
		return c.deflate(name, readOnly(data))
	}
	packageParts.Lock()
	for _, c := range packageParts.m[name] {
		if c.data == data {
			packageParts.Unlock()
			return c.part
		}
	}
	packageParts.Unlock()
	p := c.deflate(name, []byte(data))
	packageParts.Lock()
	if packageParts.m == nil {
		packageParts.m = map[string][]cachedPart{}
	}
	if packageParts.n < most && len(packageParts.m[name]) < perName {
		packageParts.m[name] = append(packageParts.m[name], cachedPart{data, p})
		packageParts.n++
	}
	packageParts.Unlock()
	return p
}

// readOnly is the bytes of s, for readers that do not write them (the
// compressor, whose Write must not, and a CRC; the tokenizer reading a part
// in place): a part of megabytes is not copied to be read.
func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// Builder builds, checks and compresses sheets, one at a time, keeping its
// buffers between them.
type Builder struct {
	x   SheetWriter
	c   compressor
	buf []byte
}

// builders are kept between workbooks: a flate writer costs about a
// megabyte to make, and --split makes thousands of small workbooks.
var builders = sync.Pool{New: func() any { return new(Builder) }}

func getBuilder() *Builder  { return builders.Get().(*Builder) }
func putBuilder(b *Builder) { builders.Put(b) }

// NewBuilder returns a builder from a pool; Release gives it back.
func NewBuilder() *Builder { return getBuilder() }

// Release returns b to the pool. b must not be used after.
func (b *Builder) Release() { putBuilder(b) }

// Built is a built and compressed sheet and the amounts it holds.
type Built struct {
	part    Part
	expect  string
	drawing bool // the sheet refers to a drawing (SheetWriter.Drawing)
	Err     error
}

// Build builds sheet i (written as xl/worksheets/sheet{i+1}.xml) with fill,
// then reads the amounts fill asked for (SheetWriter.Want) back from the
// very bytes that are compressed, as a reader of the file would find them.
// A panic in fill is returned as an error.
func (b *Builder) Build(i int, name string, fill func(x *SheetWriter) error) (out Built) {
	defer func() {
		if p := recover(); p != nil {
			out.Err = fmt.Errorf("%v", p)
		}
	}()
	x := &b.x
	x.Reset()
	if out.Err = fill(x); out.Err != nil {
		return out
	}
	var rowsAt, tailAt int
	b.buf, rowsAt, tailAt = x.appendTo(b.buf[:0])
	if len(x.expect) > 0 && !cellsAsWritten(b.buf, rowsAt, x.expect, x.wantAt) {
		if err := numberCells(b.buf, wantMap(string(x.expect)), name); err != nil {
			out.Err = fmt.Errorf("the sheet as built does not hold its amounts: %v", err)
			return out
		}
	}
	part := sheetPartName(i)
	if len(b.buf) <= smallPart {
		// A small sheet may be the same in every workbook of a set (the
		// audit sheet of --split): deflated once.
		out.part = packagePart(&b.c, part, string(b.buf))
	} else {
		out.part = b.c.deflateSheet(part, b.buf, rowsAt, tailAt)
	}
	out.expect = string(x.expect)
	out.drawing = x.Drawing
	return out
}

// rootRels is the package's relationships part.
const rootRels = xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// partsWritten reads the sheets' parts from the text of the package parts
// that say them (the root relationships, the workbook part and its
// relationships), with the reader of SheetParts: the check of a written
// file then needs only the file's zip directory, not those parts inflated
// again for each of thousands of files. The bytes on disk are checked to
// be the bytes written (atomicfile.Tally).
func partsWritten(parts map[string]string) (map[string]string, error) {
	return (&archive{mem: parts}).sheetParts()
}

// The texts of package parts that every workbook of a set shares, by what
// they depend on: --split and plans write thousands of workbooks.
var (
	bookTexts, relsTexts memo[int, string] // content types, workbook relationships
	coreTexts            memo[Props, string]
)

// byCount is make(n), kept in m for a workbook of few sheets (the books of
// a set share it); a large workbook's text, megabytes, is not kept.
func byCount(m *memo[int, string], n int, make func(int) string) string {
	if n >= manySheets {
		return make(n)
	}
	return m.get(n, make)
}

// memo keeps values made by key, the first 64 keys: the texts and parts
// that thousands of workbooks of a set share, made once.
type memo[K comparable, V any] struct {
	m sync.Map
	n atomic.Int32
}

func (c *memo[K, V]) get(k K, make func(K) V) V {
	if v, ok := c.load(k); ok {
		return v
	}
	v := make(k)
	c.keep(k, v)
	return v
}

func (c *memo[K, V]) load(k K) (V, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

func (c *memo[K, V]) keep(k K, v V) {
	if c.n.Add(1) <= 64 {
		c.m.Store(k, v)
	}
}

// SheetJob fills sheet i.
type SheetJob func(i int, x *SheetWriter) error

// BookWriter writes one workbook: its package parts when made, then the
// built sheets, in any order the caller chooses, then the end of the zip.
type BookWriter struct {
	zw     *zipWriter
	sheets []BookSheet
	expect []Expect
	// parts is each sheet's part as the workbook part and its
	// relationships written say, read back from their text.
	parts map[string]string
	// charts are the parts of the sheets' charts.
	charts chartParts
}

// NewBook starts a workbook of sheets on w with its package parts; styles
// is the xl/styles.xml part (Deflate). Sheet i of sheets is to be written
// as built sheet i.
func NewBook(w io.Writer, props Props, styles Part, sheets []BookSheet) (_ *BookWriter, err error) {
	bw := &BookWriter{zw: newZipWriter(w), sheets: sheets}
	n := len(sheets)
	if n > 8 {
		// A directory entry is 46 bytes and the part's name, 29 bytes up to
		// sheet99999.
		bw.zw.dir = make([]byte, 0, 80*(n+10))
	}
	// The parts that name every sheet grow with the workbook (35 MB of
	// text for 100,000 sheets): the content types are made and deflated,
	// the workbook part and its relationships deflated, and the sheets'
	// parts read back from their text, at once on three goroutines when
	// the workbook is large. Nothing else is computed yet.
	wb, rels := workbookXML(sheets), byCount(&relsTexts, n, workbookRels)
	{
		b := getBuilder()
		bw.charts, err = makeChartParts(&b.c, sheets)
		putBuilder(b)
		if err != nil {
			return nil, err
		}
	}
	types := byCount(&bookTexts, n, contentTypes)
	if bw.charts.charts > 0 {
		types = withChartTypes(types, bw.charts.drawings, bw.charts.charts)
	}
	var (
		ct, wbPart, relsPart Part
		partsErr             error
	)
	jobs := []func(c *compressor){
		func(c *compressor) { ct = packagePart(c, "[Content_Types].xml", types) },
		func(c *compressor) {
			wbPart = packagePart(c, "xl/workbook.xml", wb)
			relsPart = packagePart(c, "xl/_rels/workbook.xml.rels", rels)
		},
		func(*compressor) {
			bw.parts, partsErr = partsWritten(map[string]string{"_rels/.rels": rootRels, "xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": rels})
		},
	}
	if n < manySheets {
		b := getBuilder()
		for _, job := range jobs {
			job(&b.c)
		}
		putBuilder(b)
	} else {
		var wg sync.WaitGroup
		for _, job := range jobs {
			wg.Go(func() {
				b := getBuilder()
				defer putBuilder(b)
				job(&b.c)
			})
		}
		wg.Wait()
	}
	if partsErr != nil {
		return nil, fmt.Errorf("the workbook part as written does not read back: %v", partsErr)
	}
	b := getBuilder()
	defer putBuilder(b)
	zw := bw.zw
	for _, p := range []Part{
		ct,
		packagePart(&b.c, "_rels/.rels", rootRels),
		packagePart(&b.c, "docProps/app.xml", appProps),
		packagePart(&b.c, "docProps/core.xml", coreTexts.get(props, coreProps)),
		wbPart, relsPart, styles, themeOnce(),
	} {
		if err := zw.add(p); err != nil {
			return nil, err
		}
	}
	for _, p := range bw.charts.parts {
		if err := zw.add(p); err != nil {
			return nil, err
		}
	}
	bw.charts.parts = nil
	return bw, nil
}

// manySheets is the number of sheets from which NewBook makes the parts
// that name every sheet on several goroutines.
const manySheets = 256

// appProps is the extended properties part.
const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>premia</Application><AppVersion>1.0</AppVersion></Properties>`

// Put writes built sheet i. An error building it is returned.
func (bw *BookWriter) Put(i int, s Built) error {
	if s.Err != nil {
		return s.Err
	}
	if charts := len(bw.sheets[i].Charts) > 0; charts != s.drawing {
		s.part.release()
		if charts {
			return fmt.Errorf("internal error, please report it: sheet %q has charts but was built without SheetWriter.Drawing", bw.sheets[i].Name)
		}
		return fmt.Errorf("internal error, please report it: sheet %q was built with SheetWriter.Drawing but has no charts", bw.sheets[i].Name)
	}
	err := bw.zw.add(s.part)
	s.part.release() // written: the buffer goes back
	if err != nil {
		return err
	}
	if s.expect != "" || s.drawing {
		name := bw.sheets[i].Name
		bw.expect = append(bw.expect, Expect{Sheet: name, Cells: s.expect, Part: bw.parts[name],
			Parts: bw.charts.bySheet[i], Charts: bw.sheets[i].Charts})
	}
	return nil
}

// Close ends the zip and returns what each sheet must give back when the
// file is reopened (Check), and the part each is in.
func (bw *BookWriter) Close() ([]Expect, error) {
	if err := bw.zw.close(); err != nil {
		return nil, err
	}
	return bw.expect, nil
}

// WriteBook writes a workbook whose sheets are all filled by fill, built
// on every core and written in order, and returns what each sheet must give
// back.
func WriteBook(w io.Writer, props Props, styles Part, sheets []BookSheet, fill SheetJob) ([]Expect, error) {
	bw, err := NewBook(w, props, styles, sheets)
	if err != nil {
		return nil, err
	}
	if err := bw.putAll(fill); err != nil {
		return nil, err
	}
	return bw.Close()
}

// putAll builds every sheet with fill on every core and writes them in
// order. At most a few sheets per core are in flight: a sheet is handed out
// only when one before it has been written.
func (bw *BookWriter) putAll(fill SheetJob) error {
	n := len(bw.sheets)
	if n <= fewSheets {
		return bw.putInline(fill)
	}
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	tokens := make(chan struct{}, 4*workers)
	slots := make([]chan Built, n)
	for i := range slots {
		slots[i] = make(chan Built, 1)
	}
	next := make(chan int)
	stop := make(chan struct{})
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := getBuilder()
			defer putBuilder(b)
			for i := range next {
				slots[i] <- bw.build(b, i, fill)
			}
		}()
	}
	var err error
	for i := 0; i < n && err == nil; i++ {
		out := <-slots[i]
		slots[i] = nil
		err = bw.Put(i, out)
		<-tokens
	}
	if err != nil {
		close(stop)
	}
	wg.Wait()
	return err
}

// fewSheets is the most sheets a workbook may have for putAll to build
// them on the calling goroutine: a workbook of --split or plans (a sheet
// and the audit) is written on the core that computed its employee, one of
// thousands at once, and handing its two sheets to other goroutines and
// waiting for them cost more than building them.
const fewSheets = 3

// putInline builds every sheet with fill, one after another, and writes
// each as it is built.
func (bw *BookWriter) putInline(fill SheetJob) error {
	b := getBuilder()
	defer putBuilder(b)
	for i := range bw.sheets {
		if err := bw.Put(i, bw.build(b, i, fill)); err != nil {
			return err
		}
	}
	return nil
}

func contentTypes(sheets int) string {
	var b strings.Builder
	b.Grow(1024 + 140*sheets)
	b.WriteString(xmlHeader + `<Types xmlns="` + nsTypes + `">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := 1; i <= sheets; i++ {
		b.WriteString(`<Override PartName="/xl/worksheets/sheet`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`.xml" ContentType="` + ctSheet + `"/>`)
	}
	b.WriteString(`</Types>`)
	return b.String()
}

func coreProps(p Props) string {
	el := func(tag, v string) string {
		if v == "" {
			return ""
		}
		return "<" + tag + ">" + EscapeXML(v) + "</" + tag + ">"
	}
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		el("dc:title", p.Title) + el("dc:subject", p.Subject) + el("dc:creator", p.Creator) +
		el("cp:lastModifiedBy", p.Creator) + el("dc:language", p.Language) +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + p.Date + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + p.Date + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

func workbookXML(sheets []BookSheet) string {
	b := make([]byte, 0, 1024+200*len(sheets))
	b = append(b, xmlHeader+`<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`+
		`<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="14805" windowHeight="8010"/></bookViews><sheets>`...)
	for i, s := range sheets {
		b = append(b, `<sheet name="`...)
		b = appendEscaped(b, s.Name)
		b = append(b, `" sheetId="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" r:id="rId`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `"/>`...)
	}
	b = append(b, `</sheets>`...)
	// Defined names in the order Excel keeps them: by name, then by sheet.
	names := len(b)
	b = append(b, `<definedNames>`...)
	for i, s := range sheets {
		if s.Filter != "" {
			b = append(b, `<definedName name="_xlnm._FilterDatabase" localSheetId="`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, `" hidden="1">`...)
			b = appendEscaped(b, QuoteSheet(s.Name))
			b = append(b, '!')
			b = append(b, absRange(s.Filter)...)
			b = append(b, `</definedName>`...)
		}
	}
	for i, s := range sheets {
		if s.TitleRow > 0 {
			b = append(b, `<definedName name="_xlnm.Print_Titles" localSheetId="`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, `">`...)
			b = appendEscaped(b, QuoteSheet(s.Name))
			b = append(b, "!$"...)
			b = strconv.AppendInt(b, int64(s.TitleRow), 10)
			b = append(b, ":$"...)
			b = strconv.AppendInt(b, int64(s.TitleRow), 10)
			b = append(b, `</definedName>`...)
		}
	}
	if len(b) == names+len(`<definedNames>`) {
		b = b[:names]
	} else {
		b = append(b, `</definedNames>`...)
	}
	b = append(b, `<calcPr calcId="191029"/></workbook>`...)
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again: megabytes not copied
}

// absRange turns "A1:N5" into "$A$1:$N$5".
func absRange(r string) string {
	var b strings.Builder
	for _, ref := range strings.Split(r, ":") {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		i := strings.IndexAny(ref, "0123456789")
		b.WriteString("$" + ref[:i] + "$" + ref[i:])
	}
	return b.String()
}

func workbookRels(sheets int) string {
	const rel = `<Relationship Id="rId`
	b := make([]byte, 0, 1024+160*sheets)
	b = append(b, xmlHeader+`<Relationships xmlns="`+nsPkgRel+`">`...)
	for i := 1; i <= sheets; i++ {
		b = append(b, rel...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `.xml"/>`...)
	}
	b = append(b, rel...)
	b = strconv.AppendInt(b, int64(sheets+1), 10)
	b = append(b, `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`...)
	b = append(b, rel...)
	b = strconv.AppendInt(b, int64(sheets+2), 10)
	b = append(b, `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>`...)
	b = append(b, `</Relationships>`...)
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}
