package xlsxtest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Dump renders a workbook as canonical text for golden tests and reviews:
// document properties, then each sheet in order with its print setup, panes,
// defined names, every non-empty cell (reference, type, number format, raw
// value), conditional formats, data validations and charts (their kind,
// anchor, titles, legend and series' references), all in a fixed order.
// Zip bytes are never compared; this is what a reader of the file sees.
func Dump(path string) (out string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: cannot read: %v", path, p)
		}
	}()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if p, err := f.GetDocProps(); err == nil {
		fmt.Fprintf(&b, "props: creator=%q title=%q created=%q modified=%q language=%q\n", p.Creator, p.Title, p.Created, p.Modified, p.Language)
	}
	if a, err := f.GetAppProps(); err == nil {
		fmt.Fprintf(&b, "app: %q\n", a.Application)
	}
	charts, err := chartLines(path)
	if err != nil {
		return "", err
	}
	names := f.GetDefinedName()
	sort.Slice(names, func(i, j int) bool { return names[i].Scope+names[i].Name < names[j].Scope+names[j].Name })
	for _, n := range names {
		fmt.Fprintf(&b, "defined name: %s scope=%q refers=%s\n", n.Name, n.Scope, n.RefersTo)
	}
	for _, sh := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sh)
		fmt.Fprintf(&b, "\n== sheet %q visible=%v\n", sh, visible)
		if pl, err := f.GetPageLayout(sh); err == nil {
			fmt.Fprintf(&b, "page: size=%s orientation=%s fitToWidth=%s fitToHeight=%s\n", deref(pl.Size), deref(pl.Orientation), deref(pl.FitToWidth), deref(pl.FitToHeight))
		}
		if sp, err := f.GetSheetProps(sh); err == nil && sp.FitToPage != nil {
			fmt.Fprintf(&b, "fitToPage: %v\n", *sp.FitToPage)
		}
		if hf, err := f.GetHeaderFooter(sh); err == nil && hf != nil && (hf.OddHeader != "" || hf.OddFooter != "") {
			fmt.Fprintf(&b, "header: %q footer: %q\n", hf.OddHeader, hf.OddFooter)
		}
		if p, err := f.GetPanes(sh); err == nil && p.Freeze {
			fmt.Fprintf(&b, "frozen: x=%d y=%d\n", p.XSplit, p.YSplit)
		}
		if prot, err := f.GetSheetProtection(sh); err == nil && (prot.SelectUnlockedCells || prot.SelectLockedCells) {
			fmt.Fprintf(&b, "protected\n")
		}
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", err
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := f.GetCellType(sh, ref)
				formula, _ := f.GetCellFormula(sh, ref)
				if v == "" && formula == "" {
					continue
				}
				format := ""
				if id, err := f.GetCellStyle(sh, ref); err == nil && id != 0 {
					if st, err := f.GetStyle(id); err == nil {
						switch {
						case st.CustomNumFmt != nil:
							format = *st.CustomNumFmt
						case st.NumFmt != 0:
							format = fmt.Sprintf("builtin %d", st.NumFmt)
						}
					}
				}
				line := fmt.Sprintf("%s %s", ref, cellTypeName(typ))
				if format != "" {
					line += fmt.Sprintf(" [%s]", format)
				}
				if formula != "" {
					line += " =" + formula
				}
				fmt.Fprintf(&b, "%s %q\n", line, v)
			}
		}
		merged, err := f.GetMergeCells(sh)
		if err != nil {
			return "", err
		}
		var ms []string
		for _, m := range merged {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		sort.Strings(ms)
		if len(ms) > 0 {
			fmt.Fprintf(&b, "merged: %s\n", strings.Join(ms, " "))
		}
		cfs, err := f.GetConditionalFormats(sh)
		if err != nil {
			return "", err
		}
		var refs []string
		for ref := range cfs {
			refs = append(refs, ref)
		}
		sort.Strings(refs)
		for _, ref := range refs {
			for _, cf := range cfs[ref] {
				fmt.Fprintf(&b, "conditional %s: type=%s criteria=%q value=%q min=%s/%s/%s mid=%s/%s/%s max=%s/%s/%s bar=%s\n",
					ref, cf.Type, cf.Criteria, cf.Value, cf.MinType, cf.MinValue, rgb(cf.MinColor), cf.MidType, cf.MidValue, rgb(cf.MidColor), cf.MaxType, cf.MaxValue, rgb(cf.MaxColor), rgb(cf.BarColor))
			}
		}
		dvs, err := f.GetDataValidations(sh)
		if err != nil {
			return "", err
		}
		var lines []string
		for _, dv := range dvs {
			lines = append(lines, fmt.Sprintf("validation %s: type=%s operator=%s formula1=%q formula2=%q blank=%v error=%q",
				dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, dv.AllowBlank, deref(dv.Error)))
		}
		sort.Strings(lines)
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		for _, l := range charts[sh] {
			b.WriteString(l + "\n")
		}
	}
	return b.String(), nil
}

func deref[T any](p *T) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeError:
		return "error"
	case excelize.CellTypeFormula:
		return "formula"
	case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
		return "text"
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		return "number"
	}
	return "unknown"
}

// rgb writes a colour as #RRGGBB whichever way excelize returns it (v2.11.0
// with the '#', v2.11.1 without), so that the dump does not change with it.
func rgb(c string) string {
	if c == "" {
		return ""
	}
	return "#" + strings.ToUpper(strings.TrimPrefix(c, "#"))
}
