package factsheet

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

// number parses the cell at (rw, col); blank gives nil with no error.
func (r *reader) number(t *table, rw row, col int) (*calc.Value, bool) {
	v, present, ok := r.numberAt(t, rw, col)
	if !ok || !present {
		return nil, ok
	}
	return &v, true
}

// numberAt is number without making a pointer (the Facts table has a
// million cells): present is false for a blank.
func (r *reader) numberAt(t *table, rw row, col int) (v calc.Value, present, ok bool) {
	if c := t.plain(rw, col); c != nil && c.Kind == xlsx.Number && c.Format&xlsx.FormatDate == 0 {
		// The common cell, quickly: a stored number, no formula.
		if d, err := xlsx.ParseStoredBytes(t.xs.Bytes(c)); err == nil {
			return calc.Value{V: d, Src: t.place(rw, col), Percent: c.Format&xlsx.FormatPercent != 0}, true, true
		}
	}
	xv, err := t.value(rw, col)
	if err != nil {
		r.p.add("%s", t.cellError(rw, col, err))
		return calc.Value{}, false, false
	}
	return r.numberOf(t, rw, col, xv)
}

// numberOf reads the value v of the cell at (rw, col) as a number.
func (r *reader) numberOf(t *table, rw row, col int, v xlsx.Value) (_ calc.Value, present, ok bool) {
	var d decimal.Decimal
	var err error
	percent := v.Format&xlsx.FormatPercent != 0
	switch v.Kind {
	case xlsx.Blank:
		return calc.Value{}, false, true
	case xlsx.Bool:
		r.p.add("%s: a TRUE/FALSE cell where a number is expected: type the number", t.loc(rw, col))
		return calc.Value{}, false, false
	case xlsx.Error:
		r.p.add("%s: the Excel error %s where a number is expected: fix the formula or type the value", t.loc(rw, col), xlsx.Printable(v.Text))
		return calc.Value{}, false, false
	case xlsx.Date:
		r.p.add("%s: a date (%s) where a number is expected: type the number", t.loc(rw, col), xlsx.Printable(v.Text))
		return calc.Value{}, false, false
	case xlsx.Number:
		if v.Format&xlsx.FormatDate != 0 {
			// Excel turns 12.5 typed in a Russian locale into 12 May: the
			// clerk sees a date, the cell holds 46154.
			r.p.add("%s: the cell is formatted as a date or time (it holds %s, which shows as %s), but a number is expected: format the cell as a number and type the value again", t.loc(rw, col), xlsx.Printable(v.Text), r.showDate(v.Text))
			return calc.Value{}, false, false
		}
		if d, err = xlsx.ParseStored(v.Text); err != nil {
			r.p.add("%s: %q is not a number%s", t.loc(rw, col), v.Text, reason(err))
			return calc.Value{}, false, false
		}
	default:
		raw := v.Text
		if excelErrors[strings.TrimSpace(raw)] {
			r.p.add("%s: the Excel error %s where a number is expected: fix the formula or type the value", t.loc(rw, col), raw)
			return calc.Value{}, false, false
		}
		var pct bool
		if d, pct, err = ParseNumber(raw); err != nil {
			if placeholders[strings.ToLower(strings.TrimSpace(raw))] {
				r.p.add("%s: %q is not a number: write the value, or 0 if it is zero", t.loc(rw, col), raw)
			} else {
				r.p.add("%s: %q is not a number%s", t.loc(rw, col), raw, reason(err))
			}
			return calc.Value{}, false, false
		}
		percent = pct
		if !v.Computed {
			m := r.textNumbers[t]
			if m == nil {
				m = map[int][]calc.Value{}
				r.textNumbers[t] = m
			}
			m[col] = append(m[col], calc.Value{V: d, Src: t.place(rw, col)})
		}
	}
	return calc.Value{V: d, Src: t.place(rw, col), Percent: percent}, true, true
}

// excelErrors are the error values a formula cell can hold.
var excelErrors = map[string]bool{
	"#DIV/0!": true, "#N/A": true, "#REF!": true, "#VALUE!": true, "#NAME?": true, "#NUM!": true, "#NULL!": true,
	"#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true,
}

// text reads a text cell (an id, a name, a role); ok is false when the cell
// cannot be used (reported).
func (r *reader) text(t *table, rw row, col int) (string, bool) {
	v, err := t.value(rw, col)
	if err != nil {
		r.p.add("%s", t.cellError(rw, col, err))
		return "", false
	}
	if v.Kind == xlsx.Error {
		r.p.add("%s: the Excel error %s where text is expected: fix the formula or type the value", t.loc(rw, col), xlsx.Printable(v.Text))
		return "", false
	}
	return cleanText(v.Text), true
}

var numericID = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$`)

// id reads an employee id cell: blank, mangled by Excel's number format, or
// mixing look-alike Latin and Cyrillic letters, it is refused with the cell named.
func (r *reader) id(t *table, rw row, col int) (string, bool) {
	id, ok := r.text(t, rw, col)
	switch {
	case !ok:
		return "", false
	case id == "":
		r.p.add("%s: the employee id is blank", t.loc(rw, col))
		return "", false
	case strings.ContainsAny(id, "eE") && numericID.MatchString(id):
		r.p.add("%s: the id %q was stored as a number and has lost digits: format the id column as text and type the ids again", t.loc(rw, col), id)
		return "", false
	case mixedScripts(id):
		r.p.add("%s: the id %q mixes Latin and Cyrillic letters that look alike (as %q): retype it in one alphabet", t.loc(rw, col), id, FoldLookAlikes(id))
		return "", false
	}
	return id, true
}

// mixedScripts reports whether s has both Latin and Cyrillic letters.
func mixedScripts(s string) bool {
	if ascii(s) {
		return false
	}
	latin, cyrillic := false, false
	for _, c := range s {
		switch {
		case unicode.In(c, unicode.Latin):
			latin = true
		case unicode.In(c, unicode.Cyrillic):
			cyrillic = true
		}
	}
	return latin && cyrillic
}

// notInRoster reports an id that the roster lacks, with the roster id it
// was probably meant to be: leading zeros lost, or look-alike letters.
func (r *reader) notInRoster(t *table, rw row, col int, id string, in *calc.Input) {
	if r.refused[id] {
		return // the roster's row says what is wrong with it
	}
	var hint problem.Text
	for _, e := range in.Employees {
		if FoldLookAlikes(e.ID) == FoldLookAlikes(id) || strings.TrimLeft(e.ID, "0") == strings.TrimLeft(id, "0") && e.ID != id {
			hint = problem.New(" (the roster has %q: leading zeros lost or a look-alike letter? format ids as text)", e.ID)
			break
		}
	}
	r.p.add("%s: employee %q is not in the roster%s", t.loc(rw, col), id, hint)
}

// wholePercent puts a value typed as a percentage (78%, stored 0.78) on the
// scale of a KPI measured in whole percents (78).
func wholePercent(v calc.Value, k *plan.KPI) calc.Value {
	if v.Percent && k != nil && k.Unit == plan.UnitPercent {
		v.V = v.V.Shift(2)
	}
	return v
}

// yesNo reads a yes/no cell.
func (r *reader) yesNo(t *table, rw row, col int, v xlsx.Value) (bool, bool) {
	switch v.Kind {
	case xlsx.Bool, xlsx.Number:
		if v.Format&xlsx.FormatDate != 0 {
			break
		}
		if v.Text == "1" || v.Text == "0" {
			return v.Text == "1", true
		}
	case xlsx.Text:
		if yes, err := ParseYesNo(v.Text); err == nil {
			return yes, true
		}
	}
	r.p.add("%s: %q is not yes or no (write yes/no, да/нет or 1/0)", t.loc(rw, col), v.Text)
	return false, false
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
