package factsheet

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
)

// Limits are what a workbook may be; a variable so that tests can lower it.
var Limits = xlsx.DefaultLimits

// book is an opened fact sheet: its tables and what is known of the file as
// a whole.
type book struct {
	src        *Source
	tables     map[string]*table
	sheets     []string          // every sheet (or CSV file) present, for messages
	others     []string          // sheets that are no table premia reads
	lookAlikes map[string]string // canonical table → a sheet that only looks like its name
	xb         *xlsx.Book        // nil for CSV
}

func (s *Source) open() (b *book, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, problem.Errorf("%s: the workbook is damaged and cannot be read (%v)", s.Path, p)
		}
	}()
	if s.closed {
		return nil, s.errClosed()
	}
	b = &book{src: s, tables: map[string]*table{}, lookAlikes: map[string]string{}}
	if !s.isXLSX() {
		return b, b.openCSV()
	}
	return b, b.openXLSX(false)
}

// openXLSX opens the workbook and finds its tables; unless lazy, it reads
// their sheets whole, side by side (lazy: the caller reads them).
func (b *book) openXLSX(lazy bool) error {
	path := b.src.Path
	xb, err := b.src.workbook()
	var lim *xlsx.LimitError
	switch {
	case errors.Is(err, xlsx.ErrODS):
		return problem.Errorf("%s: an OpenDocument spreadsheet (.ods), not an .xlsx workbook: save it as .xlsx (Excel 2007-365) and run again", path)
	case errors.Is(err, xlsx.ErrDamaged), errors.Is(err, xlsx.ErrNotZip):
		return problem.Errorf("%s: the workbook is damaged or cut short (not a complete .xlsx archive): save it again or send a fresh copy", path)
	case errors.Is(err, xlsx.ErrNoBook):
		return problem.Errorf("%s: a zip archive, but not an Excel workbook: save the fact sheet as .xlsx", path)
	case errors.As(err, &lim):
		return problem.Errorf("%s: the workbook is refused before it is read: %s (the limits: docs/fact-sheet.md, \"Limits\")", path, lim.What)
	case err != nil:
		return problem.Errorf("%s: cannot open the workbook: %v", path, err)
	}
	b.xb = xb
	type job struct {
		name string
		info xlsx.SheetInfo
	}
	var jobs []job
	for _, info := range xb.Sheets {
		b.sheets = append(b.sheets, info.Name)
		name := tableOf(info.Name)
		if name == "" {
			if folded := tableOf(FoldLookAlikes(info.Name)); folded != "" {
				b.lookAlikes[folded] = info.Name
			} else {
				b.others = append(b.others, info.Name)
			}
			continue
		}
		if prev, dup := b.tables[name]; dup {
			return problem.Errorf("%s: sheets %q and %q are both the %s table: keep one", path, prev.sheet, info.Name, name)
		}
		b.tables[name] = &table{name: name, file: path, sheet: info.Name, hidden: info.Hidden,
			origin: &calc.Origin{File: path, Sheet: info.Name}, book: xb}
		jobs = append(jobs, job{name, info})
	}
	if lazy {
		return nil
	}
	// The tables' sheets are read side by side: inflating and tokenizing
	// are most of the work.
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() {
				if p := recover(); p != nil {
					errs[i] = problem.Errorf("%v", p)
				}
				<-sem
				wg.Done()
			}()
			_, errs[i] = xb.Sheet(j.info.Name)
		}()
	}
	wg.Wait()
	var msgs []error
	for i, j := range jobs {
		t := b.tables[j.name]
		if err := errs[i]; err != nil {
			if errors.As(err, &lim) {
				return problem.Errorf("%s: the workbook is refused: %s (the limits: docs/fact-sheet.md, \"Limits\")", path, lim.What)
			}
			msgs = append(msgs, problem.Errorf("%s: sheet %q cannot be read, its XML is damaged (%v): open and save the file in Excel, or send a fresh copy", path, j.info.Name, err))
			continue
		}
		xs, _ := xb.Sheet(j.info.Name)
		if xs.Problem != "" {
			msgs = append(msgs, problem.Errorf("%s: sheet %q: %s: values would be lost; open the file in Excel and save it again", path, j.info.Name, xs.Problem))
			continue
		}
		t.use(xs)
	}
	if len(msgs) > 0 {
		return errors.Join(msgs...)
	}
	return nil
}

func (b *book) openCSV() error {
	dir := b.src.Path
	for _, f := range b.src.csv {
		b.sheets = append(b.sheets, f.name)
		stem := strings.TrimSuffix(f.name, filepath.Ext(f.name))
		name := tableOf(stem)
		if name == "" {
			if folded := tableOf(FoldLookAlikes(stem)); folded != "" {
				b.lookAlikes[folded] = f.name
			} else {
				b.others = append(b.others, f.name)
			}
			continue
		}
		if prev, dup := b.tables[name]; dup {
			return problem.Errorf("%s: %s and %s are both the %s table: keep one", dir, filepath.Base(prev.file), f.name, name)
		}
		recs, lines, err := readCSV(f.path, f.data)
		if err != nil {
			return err
		}
		t := &table{name: name, file: f.path, origin: &calc.Origin{File: f.path}, recs: recs}
		t.rows = make([]row, len(recs))
		for i := range recs {
			t.rows[i] = row{num: lines[i], i: i}
		}
		b.tables[name] = t
	}
	if len(b.tables) == 0 && len(b.lookAlikes) == 0 {
		return problem.Errorf("%s: no roster.csv or facts.csv in the folder", dir)
	}
	return nil
}

// use makes xs, a whole sheet or a window of one, the table's rows.
func (t *table) use(xs *xlsx.Sheet) {
	t.xs = xs
	t.rows = make([]row, xs.Rows())
	for k := range t.rows {
		num, hidden, _ := xs.Row(k)
		t.rows[k] = row{num: num, hidden: hidden, i: k}
	}
}

// useWindow makes xs, rows gathered from a table's windows under a copy of
// its header row, the table's rows: the header is row 0.
func (t *table) useWindow(xs *xlsx.Sheet) {
	t.use(xs)
	t.hrow = 0
}

// release lets a table's sheet go once it has been read into the input
// (a formula elsewhere may read it again).
func (b *book) release(t *table) {
	if b.xb != nil && t != nil && t.sheet != "" {
		b.xb.Release(t.sheet)
		t.xs, t.rows = nil, nil
	}
}

// lookAlike folds Cyrillic letters that look like Latin ones.
var lookAlike = strings.NewReplacer(
	"а", "a", "е", "e", "о", "o", "р", "p", "с", "c", "у", "y", "х", "x", "к", "k", "м", "m", "т", "t", "н", "h", "в", "b", "і", "i",
	"А", "A", "В", "B", "Е", "E", "К", "K", "М", "M", "Н", "H", "О", "O", "Р", "P", "С", "C", "Т", "T", "Х", "X", "У", "Y", "І", "I",
)

// FoldLookAlikes maps Cyrillic letters that look like Latin ones to Latin.
func FoldLookAlikes(s string) string {
	if ascii(s) {
		return s
	}
	return lookAlike.Replace(s)
}

// Open checks that the fact sheet opens as a workbook (or a folder of CSV
// tables) premia can read, without reading its tables.
func (s *Source) Open() error {
	_, err := s.open()
	return err
}
