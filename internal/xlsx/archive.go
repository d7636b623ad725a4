package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bound what a workbook may be. They are checked against the zip's
// central directory before anything is inflated, and the zip reader refuses
// a part that inflates past the size its directory entry declares, so a
// zip bomb costs neither time nor memory.
type Limits struct {
	MaxParts      int   // entries in the archive
	MaxPartBytes  int64 // one part, inflated
	MaxTotalBytes int64 // all parts, inflated
	// MaxRatio bounds inflated / compressed size for parts larger than
	// RatioFrom bytes inflated (small parts may compress as they like).
	MaxRatio  int64
	RatioFrom int64
	MaxCells  int // cells read, over all sheets
}

// DefaultLimits are set for real fact sheets with room to spare: the
// benchmark's 100,000-employee workbook is 10 MB holding 78 MB of XML
// (its largest part 34 MB inflated 7.5 times, 2.1 million cells in all);
// spreadsheet XML seen from Excel, LibreOffice, XlsxWriter and openpyxl
// inflates 5 to 40 times. A zip bomb inflates hundreds or thousands of
// times: 300 MB from 0.3 MB is 1,000.
var DefaultLimits = Limits{
	MaxParts:      10000,
	MaxPartBytes:  1 << 30,
	MaxTotalBytes: 2 << 30,
	MaxRatio:      200,
	RatioFrom:     16 << 20,
	MaxCells:      20_000_000,
}

// Errors that say what a file is when it is not a workbook premia reads.
var (
	ErrNotZip  = errors.New("not a zip archive")
	ErrODS     = errors.New("an OpenDocument spreadsheet (.ods)")
	ErrNoBook  = errors.New("a zip archive without a workbook")
	ErrDamaged = errors.New("the archive is damaged or cut short")
)

// LimitError is a workbook over one of the Limits.
type LimitError struct{ What string }

func (e *LimitError) Error() string { return e.What }

// archive is an opened zip with its parts by name, or parts held in
// memory (mem: a workbook's parts as premia writes them, see SheetParts).
type archive struct {
	zr    *zip.Reader
	parts map[string]*zip.File
	lower map[string]*zip.File // OPC part names are case-insensitive
	mem   map[string]string
}

func openArchive(r io.ReaderAt, size int64, lim Limits) (*archive, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		head := make([]byte, 4)
		if n, _ := r.ReadAt(head, 0); bytes.HasPrefix(head[:n], []byte("PK\x03\x04")) {
			return nil, ErrDamaged
		}
		return nil, ErrNotZip
	}
	useFastInflate(zr)
	if len(zr.File) > lim.MaxParts {
		return nil, &LimitError{fmt.Sprintf("%d parts in the archive, over the limit of %d", len(zr.File), lim.MaxParts)}
	}
	a := &archive{zr: zr, parts: map[string]*zip.File{}, lower: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if size > uint64(lim.MaxPartBytes) {
			return nil, &LimitError{fmt.Sprintf("part %q inflates to %d bytes, over the limit of %d", f.Name, size, lim.MaxPartBytes)}
		}
		total += size
		if total > uint64(lim.MaxTotalBytes) {
			return nil, &LimitError{fmt.Sprintf("the parts inflate to more than %d bytes, the limit", lim.MaxTotalBytes)}
		}
		if size > uint64(lim.RatioFrom) {
			packed := max(f.CompressedSize64, 1)
			if size/packed > uint64(lim.MaxRatio) {
				return nil, &LimitError{fmt.Sprintf("part %q inflates %d times (%d bytes from %d), over the limit of %d times: a zip bomb or a damaged file", f.Name, size/packed, size, f.CompressedSize64, lim.MaxRatio)}
			}
		}
		name := strings.TrimPrefix(f.Name, "/")
		a.parts[name] = f
		a.lower[strings.ToLower(name)] = f
	}
	if m := a.part("mimetype"); m != nil {
		if b, err := a.readAll("mimetype", 256); err == nil && strings.Contains(string(b), "opendocument") {
			return nil, ErrODS
		}
	}
	return a, nil
}

// has reports whether the archive holds the part name.
func (a *archive) has(name string) bool {
	if a.mem != nil {
		_, ok := a.mem[strings.TrimPrefix(name, "/")]
		return ok
	}
	return a.part(name) != nil
}

func (a *archive) part(name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	if f := a.parts[name]; f != nil {
		return f
	}
	return a.lower[strings.ToLower(name)]
}

// open opens a part for reading; a missing part is an error naming it.
func (a *archive) open(name string) (io.ReadCloser, error) {
	if s, ok := a.mem[strings.TrimPrefix(name, "/")]; ok {
		return io.NopCloser(strings.NewReader(s)), nil
	}
	f := a.part(name)
	if f == nil {
		return nil, fmt.Errorf("the part %q is missing", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("the part %q cannot be read: %v", name, err)
	}
	return rc, nil
}

// readAll reads a small part whole, at most max bytes.
func (a *archive) readAll(name string, max int64) ([]byte, error) {
	if s, ok := a.mem[strings.TrimPrefix(name, "/")]; ok && int64(len(s)) <= max {
		return readOnly(s), nil // its readers read it in place and do not write it
	}
	rc, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, fmt.Errorf("the part %q cannot be read: %v", name, err)
	}
	if int64(len(b)) > max {
		return nil, &LimitError{fmt.Sprintf("the part %q is over %d bytes", name, max)}
	}
	return b, nil
}

// SheetParts maps each worksheet's name to its part in an opened zip, as
// the workbook part and its relationships say: for reading back a
// workbook premia wrote.
func SheetParts(zr *zip.Reader) (map[string]string, error) {
	return archiveOf(zr).sheetParts()
}

// archiveOf is the archive of an opened zip, without limits: a workbook
// premia wrote.
func archiveOf(zr *zip.Reader) *archive {
	a := &archive{zr: zr, parts: map[string]*zip.File{}, lower: map[string]*zip.File{}}
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "/")
		a.parts[name] = f
		a.lower[strings.ToLower(name)] = f
	}
	return a
}

// sheetParts is SheetParts of an archive.
func (a *archive) sheetParts() (map[string]string, error) {
	wbPart, err := officeDocument(a)
	if err != nil {
		return nil, err
	}
	b := &Book{arch: a, lim: DefaultLimits, sheets: map[string]*Sheet{}}
	if err := b.readWorkbook(wbPart, false); err != nil { // the sheets' parts: no cells are read
		return nil, err
	}
	out := map[string]string{}
	for _, s := range b.Sheets {
		if s.part != "" {
			out[s.Name] = s.part
		}
	}
	return out, nil
}

// inflate is the zip's Deflate decompressor: klauspost/compress's, the same
// format as the standard library's, read in about half the time.
func inflate(r io.Reader) io.ReadCloser { return flate.NewReader(r) }

// useFastInflate makes zr inflate with inflate.
func useFastInflate(zr *zip.Reader) { zr.RegisterDecompressor(zip.Deflate, inflate) }
