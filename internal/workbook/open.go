package workbook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// book is an opened fact sheet: its recognised tables and what is known of
// the file as a whole.
type book struct {
	tables     map[string]*table
	date1904   bool
	sheets     []string          // every sheet (or CSV file) present, for messages
	manualCalc bool              // the workbook is set to manual calculation
	lookAlikes map[string]string // canonical table → a sheet that only looks like its name
	file       *excelize.File    // the open workbook, for questions asked while reading; nil for CSV
}

// close releases the open workbook.
func (b *book) close() {
	if b != nil && b.file != nil {
		b.file.Close()
		b.file = nil
	}
}

type mergeRange struct {
	ref            string
	r1, c1, r2, c2 int // 0-based, inclusive
}

// Limits are variables so that tests can lower them.
var (
	unzipLimit    int64 = MaxUnzippedBytes
	unzipXMLLimit int64 = MaxXMLBytes
)

func open(path string) (*book, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the fact sheet: %v", path, unwrap(err))
	}
	if st.IsDir() {
		return openCSVDir(path)
	}
	if st.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%s: %d bytes is over the %d-byte limit for a fact sheet", path, st.Size(), MaxFileBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the fact sheet: %v", path, unwrap(err))
	}
	switch {
	case len(data) == 0:
		return nil, fmt.Errorf("%s: the file is empty", path)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return openXLSX(path, data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%s: a legacy .xls workbook or a password-protected .xlsx: open it in Excel and save as .xlsx (Excel Workbook) without a password", path)
	}
	return nil, fmt.Errorf("%s: not an .xlsx workbook (no zip signature); for CSV pass the folder that holds roster.csv and facts.csv", path)
}

func unwrap(err error) error {
	var pe *os.PathError
	if ok := asPathError(err, &pe); ok {
		return pe.Err
	}
	return err
}

func asPathError(err error, target **os.PathError) bool {
	pe, ok := err.(*os.PathError)
	if ok {
		*target = pe
	}
	return ok
}

func canonical(name string) string {
	n := strings.ToLower(strings.TrimSpace(strings.Trim(name, "\u00a0\u202f\u200b")))
	for c, al := range aliases {
		for _, a := range al {
			if n == a {
				return c
			}
		}
	}
	return ""
}

// lookAlike folds Cyrillic letters that look like Latin ones (and the other
// way round is not needed: table names are Latin or plain Russian words).
var lookAlike = strings.NewReplacer(
	"а", "a", "е", "e", "о", "o", "р", "p", "с", "c", "у", "y", "х", "x", "к", "k", "м", "m", "т", "t", "н", "h", "в", "b", "і", "i",
	"А", "A", "В", "B", "Е", "E", "К", "K", "М", "M", "Н", "H", "О", "O", "Р", "P", "С", "C", "Т", "T", "Х", "X", "У", "Y", "І", "I",
)

// FoldLookAlikes maps Cyrillic letters that look like Latin ones to Latin.
func FoldLookAlikes(s string) string { return lookAlike.Replace(s) }

func openXLSX(path string, data []byte) (b *book, err error) {
	defer func() {
		if p := recover(); p != nil {
			if b != nil {
				b.close()
			}
			b, err = nil, fmt.Errorf("%s: the workbook is damaged and cannot be read (%v)", path, p)
		}
	}()
	// The raw-XML pass (scanSheets) runs beside excelize's unzipping.
	scanned := make(chan map[string]*sheetScan, 1)
	go func() {
		defer func() {
			if recover() != nil {
				scanned <- nil // every sheet then reads as damaged
			}
		}()
		scanned <- scanSheets(data, func(sheet string) bool { return canonical(sheet) != "" })
	}()
	var scans map[string]*sheetScan
	received := false
	defer func() {
		if !received {
			<-scanned // no goroutine outlives the call
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit,
	})
	if err != nil {
		if strings.Contains(err.Error(), "not a valid zip file") || strings.Contains(err.Error(), "unexpected EOF") {
			return nil, fmt.Errorf("%s: the workbook is damaged or cut short (not a complete .xlsx archive): save it again or send a fresh copy", path)
		}
		return nil, fmt.Errorf("%s: cannot open the workbook: %v", path, err)
	}
	b = &book{tables: map[string]*table{}, lookAlikes: map[string]string{}, file: f}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	if calc, err := f.GetCalcProps(); err == nil && calc.CalcMode != nil && *calc.CalcMode == "manual" {
		b.manualCalc = true
	}
	b.sheets = f.GetSheetList()
	scans, received = <-scanned, true
	var msgs []string
	for _, sheet := range b.sheets {
		if sc := scans[sheet]; sc != nil && sc.problem != "" {
			msgs = append(msgs, fmt.Sprintf("%s: sheet %q: %s: values would be lost; open the file in Excel and save it again", path, sheet, sc.problem))
		}
	}
	if len(msgs) > 0 {
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	for _, sheet := range b.sheets {
		name := canonical(sheet)
		if name == "" {
			if folded := canonical(FoldLookAlikes(sheet)); folded != "" {
				b.lookAlikes[folded] = sheet
			}
			continue
		}
		if prev, dup := b.tables[name]; dup {
			return nil, fmt.Errorf("%s: sheets %q and %q are both the %s table: keep one", path, prev.sheet, sheet, name)
		}
		sc := scans[sheet]
		if sc == nil {
			return nil, fmt.Errorf("%s: sheet %q cannot be read, its XML is damaged: open and save the file in Excel, or send a fresh copy", path, sheet)
		}
		t, err := readSheet(f, path, sheet, sc)
		if err != nil {
			return nil, err
		}
		t.name = name
		b.tables[name] = t
	}
	// excelize holds the whole unzipped workbook. It is asked only about
	// blank cells the raw XML marks (a formula without its result, a broken
	// shared string); without any, it is let go before the cells are read
	// into the input, which is when memory peaks.
	suspect := false
	for _, sc := range scans {
		suspect = suspect || len(sc.broken) > 0 || len(sc.lost) > 0
	}
	if !suspect {
		for _, t := range b.tables {
			t.readError, t.formulaAt = nil, nil
		}
		b.close()
	}
	return b, nil
}

// readSheet reads a sheet's raw cell texts and what a clerk may not see:
// hidden rows, merged ranges, formulas with no saved result, error values.
func readSheet(f *excelize.File, path, sheet string, sc *sheetScan) (*table, error) {
	t := &table{file: path, sheet: sheet, hiddenRows: map[int]bool{}, errorsAt: map[[2]int]bool{}, bools: map[[2]int]bool{}}
	if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
		t.hidden = true
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %q cannot be read: %v", path, sheet, err)
	}
	defer rows.Close()
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %q row %d cannot be read: %v", path, sheet, len(t.rows)+1, err)
		}
		if rows.GetRowOpts().Hidden && !blankRow(cols) {
			t.hiddenRows[len(t.rows)] = true
		}
		t.rows = append(t.rows, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%s: sheet %q cannot be read: %v", path, sheet, err)
	}
	// Merged ranges and the type of the cells whose type matters come from
	// the raw XML (scanSheet): asking excelize would load the whole sheet
	// into memory a second time.
	t.merges = sc.merges
	sort.Slice(t.merges, func(i, j int) bool {
		return t.merges[i].r1 < t.merges[j].r1 || t.merges[i].r1 == t.merges[j].r1 && t.merges[i].c1 < t.merges[j].c1
	})
	for r, row := range t.rows {
		for c, v := range row {
			at := [2]int{r, c}
			switch {
			case (v == "0" || v == "1") && sc.bools[at]:
				t.bools[at] = true
			case excelErrors[v] && sc.errs[at]:
				t.errorsAt[at] = true
			}
		}
	}
	numeric := sc.ambiguous
	t.suspect = func(r, c int) bool { return sc.broken[[2]int{r, c}] || sc.lost[[2]int{r, c}] }
	t.numeric = func(r, c int) bool { return numeric[[2]int{r, c}] }
	// A blank cell may hold a formula whose result was never saved. Asking
	// excelize loads the whole sheet and grows it to the cell, so it is asked
	// only about the blank cells a calculation needs, while the file is open.
	t.readError = func(r, c int) (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%v", p)
			}
		}()
		ref, err := excelize.CoordinatesToCellName(c+1, r+1)
		if err != nil {
			return err
		}
		_, err = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		return err
	}
	t.formulaAt = func(r, c int) (formula string) {
		defer func() {
			if recover() != nil {
				formula = ""
			}
		}()
		ref, err := excelize.CoordinatesToCellName(c+1, r+1)
		if err != nil {
			return ""
		}
		formula, _ = f.GetCellFormula(sheet, ref)
		return formula
	}
	return t, nil
}

// excelErrors are the error values a formula cell can hold.
var excelErrors = map[string]bool{
	"#DIV/0!": true, "#N/A": true, "#REF!": true, "#VALUE!": true, "#NAME?": true, "#NUM!": true, "#NULL!": true,
	"#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true,
}

var ambiguousText = regexp.MustCompile(`^-?[1-9][0-9]{0,2}[.,][0-9]{3}$`)

func looksAmbiguous(s string) bool { return ambiguousText.MatchString(s) }

func openCSVDir(dir string) (*book, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the folder: %v", dir, unwrap(err))
	}
	b := &book{tables: map[string]*table{}, lookAlikes: map[string]string{}}
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			continue
		}
		b.sheets = append(b.sheets, e.Name())
		stem := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		name := canonical(stem)
		if name == "" {
			if folded := canonical(FoldLookAlikes(stem)); folded != "" {
				b.lookAlikes[folded] = e.Name()
			}
			continue
		}
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read: %v", p, unwrap(err))
		}
		rows, lines, err := readCSV(p, data)
		if err != nil {
			return nil, err
		}
		b.tables[name] = &table{name: name, file: p, rows: rows, lines: lines, numeric: func(int, int) bool { return false }}
	}
	if len(b.tables) == 0 && len(b.lookAlikes) == 0 {
		return nil, fmt.Errorf("%s: no roster.csv or facts.csv in the folder", dir)
	}
	return b, nil
}

// readCSV reads a CSV table: UTF-8 (a BOM is dropped), comma or semicolon
// (whichever the header line has more of). It returns each record's first line.
func readCSV(path string, data []byte) ([][]string, []int, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, nil, fmt.Errorf("%s: the file is UTF-16 text: save it as CSV UTF-8", path)
	}
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += size
		}
		return nil, nil, fmt.Errorf("%s:%d:%d: the file is not UTF-8 text (saved as Windows-1251 or Latin-1?): save it as CSV UTF-8", path, line, col)
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, lines, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("%s:%d:%d: broken CSV: %v (a quote inside a field must be doubled: \"\")", path, pe.Line, pe.Column, pe.Err)
			}
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
}
