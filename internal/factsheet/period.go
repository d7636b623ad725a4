package factsheet

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// A fact sheet states its period in a cell: the one the workbook's defined
// name PeriodName points to (premia template writes it), or else the cell
// right of a "Period" (Период) label on the Instructions (Инструкция) sheet.
const PeriodName = "premia_period"

// PeriodLabels are the labels of the period cell on the instructions sheet.
var PeriodLabels = map[string]string{"en": "Period", "ru": "Период"}

// InstructionsSheet is the instructions sheet's name by language.
var InstructionsSheet = map[string]string{"en": "Instructions", "ru": "Инструкция"}

var monthTextRu = regexp.MustCompile(`^(0?[1-9]|1[0-2])\.(\d{4})$`)

// period returns the run's period: the fact sheet's, the command line's,
// or "" if neither states one. A disagreement is an error.
func (r *reader) period(flag string) string {
	p, at := r.sheetPeriod()
	out := flag
	switch {
	case p == "":
	case flag == "":
		out = p
	case flag != p:
		r.periodWrong = true
		r.p.add("%s: the fact sheet is for %s, but --period says %s: run with --period %s (or without it), or correct the period in the fact sheet", at, p, flag, p)
	}
	r.per, _ = period.Parse(out)
	return out
}

// StatedPeriod is the period the fact sheet states (as period.Parse
// writes it) and the cell it states it in; "" for a CSV folder or a
// workbook that states none. A period cell that holds no period is an
// error naming it. It reads the workbook's names and its instructions
// sheet only.
func (src *Source) StatedPeriod() (p string, at calc.Place, err error) {
	defer func() {
		if x := recover(); x != nil {
			p, err = "", problem.Errorf("%s: the workbook is damaged and cannot be read (%v)", src.Path, x)
		}
	}()
	if src.closed {
		return "", calc.Place{}, src.errClosed()
	}
	if !src.isXLSX() {
		return "", calc.Place{}, nil
	}
	b := &book{src: src, tables: map[string]*table{}, lookAlikes: map[string]string{}}
	if err := b.openXLSX(true); err != nil {
		return "", calc.Place{}, err
	}
	r := newReader(nil, b)
	p, at = r.sheetPeriod()
	return p, at, r.p.err()
}

// forPeriod narrows the reader's scheme to the part the period's kind
// pays (plan.Scheme.For): a quarter's fact sheet holds the tables and
// columns of what is paid by the quarter. A scheme that pays by several
// kinds needs the period; without it, false, with the problem said.
func (r *reader) forPeriod(p string) bool {
	err := r.s.Pays(r.per)
	var part *plan.Scheme
	if err == nil {
		part, err = r.s.ForPeriod(p)
	}
	if err != nil {
		r.p.add("%s: %s", r.path, err)
		return false
	}
	r.s = part
	return true
}

// sheetPeriod finds the period a workbook states, and its place.
func (r *reader) sheetPeriod() (string, calc.Place) {
	xb := r.b.xb
	if xb == nil {
		return "", calc.Place{}
	}
	for _, n := range xb.Names {
		if n.Sheet >= 0 || !strings.EqualFold(n.Name, PeriodName) {
			continue
		}
		sheet, cell, ok := splitRef(n.Text)
		if !ok {
			r.p.add("%s: the name %s points to %q, not to a cell: point it to the cell that holds the period", r.path, PeriodName, n.Text)
			return "", calc.Place{}
		}
		col, row, ok := xlsx.ParseCellName(cell)
		s, err := xb.Sheet(sheet)
		if !ok || err != nil {
			r.p.add("%s: the name %s points to %q, which is not a cell of this workbook", r.path, PeriodName, n.Text)
			return "", calc.Place{}
		}
		return r.periodCell(s, row, col)
	}
	for _, info := range xb.Sheets {
		f := Fold(info.Name)
		if f != Fold(InstructionsSheet["en"]) && f != Fold(InstructionsSheet["ru"]) {
			continue
		}
		s, err := xb.Sheet(info.Name)
		if err != nil {
			return "", calc.Place{}
		}
		for i := 0; i < s.Rows() && i < 40; i++ {
			num, _, cells := s.Row(i)
			for j := range cells {
				label := Fold(s.Text(&cells[j]))
				if cells[j].Kind != xlsx.Text || (label != Fold(PeriodLabels["en"]) && label != Fold(PeriodLabels["ru"])) {
					continue
				}
				for k := j + 1; k < len(cells); k++ {
					if cells[k].Kind != xlsx.Blank || cells[k].HasFormula() {
						return r.periodCell(s, num, int(cells[k].Col))
					}
				}
			}
		}
	}
	return "", calc.Place{}
}

// periodCell reads the period from a cell: text as period.Parse reads it
// (2026-10, 2026-Q4, 2026) or 10.2026, a date (of which the month is
// taken), or a number 2026 (a year).
func (r *reader) periodCell(s *xlsx.Sheet, row, col int) (string, calc.Place) {
	at := (&calc.Origin{File: r.path, Sheet: s.Name}).Cell(row, col)
	c := s.Find(row, col)
	if c == nil {
		return "", calc.Place{}
	}
	v, err := r.b.xb.Value(s, row, c)
	if err != nil {
		r.p.add("%s: the period: %v", at, err)
		return "", calc.Place{}
	}
	text := cleanText(v.Text)
	switch v.Kind {
	case xlsx.Blank:
		return "", calc.Place{}
	case xlsx.Text:
		p, err := period.Parse(text)
		if err == nil {
			return p.String(), at
		}
		if m := monthTextRu.FindStringSubmatch(text); m != nil {
			return fmt.Sprintf("%s-%02d", m[2], atoi(m[1])), at
		}
		if d, ok, _ := parseDateText(text, orderUnknown); ok {
			return d.Format("2006-01"), at
		}
		if perr, ok := err.(*period.Error); ok && looksLikePeriod(text) {
			r.p.add("%s: the period %q: %s", at, text, perr.Reason)
			return "", calc.Place{}
		}
	case xlsx.Number:
		days, err := xlsx.ParseStored(v.Text)
		switch {
		case err != nil:
		case v.Format&xlsx.FormatDate != 0 && days.IsPositive():
			epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
			if r.b.xb.Date1904 {
				epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			return epoch.AddDate(0, 0, int(days.IntPart())).Format("2006-01"), at
		case v.Format&xlsx.FormatDate == 0 && days.IsInteger():
			// A year typed as a number: 2026.
			if p, err := period.Parse(days.String()); err == nil && p.Kind() == period.Year {
				return p.String(), at
			}
		}
	}
	r.p.add("%s: the period %q is not a period: write a month as 2026-10, a quarter as 2026-Q4 or a year as 2026", at, text)
	return "", calc.Place{}
}

// looksLikePeriod: text that starts as a period does (four digits and a
// dash), so that what is wrong with it is said (no month 13), not only
// that it is none.
func looksLikePeriod(text string) bool {
	return len(text) >= 5 && text[4] == '-' && strings.IndexFunc(text[:4], func(c rune) bool { return c < '0' || c > '9' }) < 0
}

// splitRef splits a defined name's reference, Sheet!$B$3 or 'Sheet name'!$B$3.
func splitRef(ref string) (sheet, cell string, ok bool) {
	i := strings.LastIndexByte(ref, '!')
	if i < 0 {
		return "", "", false
	}
	sheet, cell = ref[:i], ref[i+1:]
	if strings.HasPrefix(sheet, "'") && strings.HasSuffix(sheet, "'") && len(sheet) >= 2 {
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	return sheet, cell, !strings.Contains(cell, ":")
}
