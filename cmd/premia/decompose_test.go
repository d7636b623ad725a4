package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDecomposePlansReadByCalc: the Plans table premia decompose writes
// is read by calc as the managers' personal plans. The decompose
// workbook's Plans sheet (Планы in Russian) becomes the Plans table of a
// fact sheet that holds the history's roster and facts beside it (its
// other sheets removed, as a clerk would move the one sheet into the
// month's fact sheet); calc's JSON then shows each KPI's base, norm and
// target as decompose wrote them (TestDecomposeByOwnConversions works
// them out by hand):
//
//	Anna  calls 312 / 500 / 625, meetings 25 / 50 / 75, proposals – / 25 / –, deals – / 13 / –
//	Boris calls 1,562 / 2,500 / 3,125, meetings 62 / 125 / 188, proposals – / 50 / –, deals – / 13 / –
//
// where – is the scheme's level (calls 500 / 800 / 1,000 and meetings
// 8 / 16 / 24 have all three; proposals and deals none).
func TestDecomposePlansReadByCalc(t *testing.T) {
	const src = "../../testdata/decompose-history"
	want := map[string]string{
		"A calls": "312 500 625", "A meetings": "25 50 75", "A proposals": "- 25 -", "A deals": "- 13 -",
		"B calls": "1562 2500 3125", "B meetings": "62 125 188", "B proposals": "- 50 -", "B deals": "- 13 -",
	}
	for _, lang := range []string{"en", "ru"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			book := filepath.Join(dir, "plan.xlsx")
			runOK(t, "decompose", src+"/funnel.yaml", "--scheme", src+"/scheme.yaml", "--history", src+"/facts", "-o", book, "--lang", lang)
			f, err := excelize.OpenFile(book)
			if err != nil {
				t.Fatal(err)
			}
			sheets := f.GetSheetList()
			if len(sheets) != 4 || sheets[3] != map[string]string{"en": "Plans", "ru": "Планы"}[lang] {
				t.Fatalf("sheets %q", sheets)
			}
			for _, s := range sheets[:3] {
				if err := f.DeleteSheet(s); err != nil {
					t.Fatal(err)
				}
			}
			for _, table := range []string{"roster", "facts"} {
				copyCSVSheet(t, f, filepath.Join(src, "facts", table+".csv"), strings.ToUpper(table[:1])+table[1:])
			}
			facts := filepath.Join(dir, "facts.xlsx")
			if err := f.SaveAs(facts); err != nil {
				t.Fatal(err)
			}
			f.Close()
			var out, errb bytes.Buffer
			if code := run(context.Background(), []string{"calc", src + "/scheme.yaml", facts, "--format", "json"}, nil, &out, &errb); code != 0 {
				t.Fatalf("calc: exit %d\n%s", code, errb.String())
			}
			var res struct {
				Employees []struct {
					ID   string
					KPIs []struct {
						ID                 string
						Base, Norm, Target *string
					}
				}
			}
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, e := range res.Employees {
				for _, k := range e.KPIs {
					s := func(p *string) string {
						if p == nil {
							return "-"
						}
						return *p
					}
					got[e.ID+" "+k.ID] = s(k.Base) + " " + s(k.Norm) + " " + s(k.Target)
				}
			}
			for k, w := range want {
				// A level the Plans table leaves blank is the scheme's: none
				// for proposals and deals.
				if got[k] != w {
					t.Errorf("%s: calc's base, norm, target = %q, want %q", k, got[k], w)
				}
			}
		})
	}
}

// copyCSVSheet adds a sheet of the CSV table's rows to f, numbers as
// number cells.
func copyCSVSheet(t *testing.T, f *excelize.File, path, sheet string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet(sheet); err != nil {
		t.Fatal(err)
	}
	for r, rec := range recs {
		for c, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var val any = v
			if n, err := strconv.Atoi(v); err == nil {
				val = n
			}
			if err := f.SetCellValue(sheet, cell, val); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestTemplateCarriesDecomposePlans: the month's fact sheet that template
// writes with --plans holds the Plans table decompose wrote, and filled
// in, calc reads it as the managers' plans: the workflow of
// docs/planning.md §7.3.
func TestTemplateCarriesDecomposePlans(t *testing.T) {
	const src = "../../testdata/decompose-history"
	dir := t.TempDir()
	book, tmpl := filepath.Join(dir, "plan.xlsx"), filepath.Join(dir, "facts-2026-11.xlsx")
	runOK(t, "decompose", src+"/funnel.yaml", "--scheme", src+"/scheme.yaml", "--history", src+"/facts", "-o", book)
	runOK(t, "template", src+"/scheme.yaml", "--period", "2026-11", "--roster", src+"/facts", "--plans", book, "-o", tmpl)
	f, err := excelize.OpenFile(tmpl, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Plans", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		if len(r) > 0 && r[0] != "" {
			got = append(got, strings.TrimRight(strings.Join(r, " "), " "))
		}
	}
	want := []string{"A deals  13", "A proposals  25", "A meetings 25 50 75", "A calls 312 500 625",
		"B deals  13", "B proposals  50", "B meetings 62 125 188", "B calls 1562 2500 3125"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the template's Plans:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The clerk fills in November's facts; calc reads the plans.
	for r, v := range [][]int{{900, 60, 30, 14}, {2000, 100, 40, 10}} {
		for c, n := range v {
			cell, _ := excelize.CoordinatesToCellName(c+3, r+2) // after id and name
			if err := f.SetCellValue("Facts", cell, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	heads, _ := f.GetRows("Facts")
	if strings.Join(heads[0], ",") != "id,name,calls,meetings,proposals,deals" {
		t.Fatalf("the template's Facts columns: %q", heads[0])
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"calc", src + "/scheme.yaml", tmpl, "--format", "json"}, nil, &out, &errb); code != 0 {
		t.Fatalf("calc: exit %d\n%s", code, errb.String())
	}
	// Anna: calls (900 − 312) / (500 − 312) = 588 / 188 = 3.127660 capped at
	// the target's (625 − 312) / 188 = 1.664894; meetings (60 − 25) / (50 −
	// 25) = 1.4. The norms are decompose's: 500 calls, not the scheme's 800.
	for _, w := range []string{`"norm": "500"`, `"norm": "2500"`, `"norm": "125"`, `"index": "1.4"`} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("calc's JSON holds no %s:\n%s", w, out.String())
		}
	}
}

// TestTemplatePlansBesidePersonalKPIs: where the scheme leaves a KPI to
// personal plans (b2b-active's paid revenue), the template writes a row to
// fill for it after the plans carried from decompose, and reads the
// carried ones back as written. B-01's calls: her own conversions need 425
// a month (README, "Planning backwards from profit"); the scheme's 500 /
// 800 / 1,000 scaled by 425 / 800 give 265.625 → 265 and 531.25 → 532.
func TestTemplatePlansBesidePersonalKPIs(t *testing.T) {
	const ex = "../../examples/b2b-active"
	dir := t.TempDir()
	book, tmpl := filepath.Join(dir, "plan.xlsx"), filepath.Join(dir, "facts-2026-12.xlsx")
	runOK(t, "decompose", ex+"/funnel.yaml", "--scheme", ex+"/scheme.yaml", "--history", ex+"/facts.xlsx", "-o", book)
	runOK(t, "template", ex+"/scheme.yaml", "--period", "2026-12", "--roster", ex+"/facts.xlsx", "--plans", book, "-o", tmpl)
	f, err := excelize.OpenFile(tmpl, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Plans", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var b01 []string
	for _, r := range rows[1:] {
		if len(r) > 0 && r[0] == "B-01" {
			b01 = append(b01, strings.TrimRight(strings.Join(r, " "), " "))
		}
	}
	want := []string{"B-01 contracts  2", "B-01 proposals  5", "B-01 meetings 4 9 14", "B-01 dm_talks  102", "B-01 calls 265 425 532", "B-01 paid_revenue"}
	if strings.Join(b01, "\n") != strings.Join(want, "\n") {
		t.Errorf("B-01's Plans rows:\n%s\nwant:\n%s", strings.Join(b01, "\n"), strings.Join(want, "\n"))
	}
}
