package factsheet

import (
	"github.com/premia-pay/premia/internal/problem"

	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"
)

// readCSV reads a CSV table: UTF-8 (a BOM is dropped), comma or semicolon
// (whichever the first lines have more of, or what a first line "sep=;"
// says, as Excel writes it). It returns the records and the line each one
// starts on.
func readCSV(path string, data []byte) ([][]string, []int, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, nil, problem.Errorf("%s: the file is UTF-16 text: save it as CSV UTF-8", path)
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
		return nil, nil, problem.Errorf("%s:%d:%d: the file is not UTF-8 text (saved as Windows-1251 or Latin-1?): save it as CSV UTF-8", path, line, col)
	}
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	comma := ','
	skipped := 0
	if sep := bytes.TrimSpace(first); len(sep) == 5 && bytes.EqualFold(sep[:4], []byte("sep=")) {
		comma, _ = utf8.DecodeRune(sep[4:])
		if comma != ',' && comma != ';' && comma != '\t' && comma != '|' {
			return nil, nil, problem.Errorf("%s:1:5: the separator %q is not one premia reads: use a comma or a semicolon", path, comma)
		}
		data, skipped = rest, 1
	} else if semicolons(data) {
		comma = ';'
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.Comma = comma
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
				return nil, nil, problem.Errorf("%s:%d:%d: broken CSV: %v (a quote inside a field must be doubled: \"\")", path, pe.Line+skipped, pe.Column, pe.Err)
			}
			return nil, nil, problem.Errorf("%s: %v", path, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line+skipped)
	}
}

// semicolons reports whether the table is separated by semicolons: each of
// the first ten lines votes for the separator it holds more of outside
// quotes (a line with as many of each does not vote), and the first line
// breaks a tie. A title line above the table ("Отчёт за октябрь, отдел
// продаж") does not decide alone, nor do decimal commas.
func semicolons(data []byte) bool {
	votes, first := 0, 0
	for i := 0; i < 10 && len(data) > 0; i++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		semi, comma, quoted := 0, 0, false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ';':
				semi++
			case c == ',':
				comma++
			}
		}
		vote := 0
		switch {
		case semi > comma:
			vote = 1
		case comma > semi:
			vote = -1
		}
		if i == 0 {
			first = vote
		}
		votes += vote
		data = rest
	}
	return votes > 0 || votes == 0 && first > 0
}
