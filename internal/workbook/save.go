package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/plan"
)

// Fingerprint is the SHA-256 of a file, or of a folder's CSV tables (each
// table's name, a zero byte and its bytes, in name order).
func Fingerprint(path string) (string, error) {
	h := sha256.New()
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	files := []string{path}
	if st.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return "", err
		}
		files = nil
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
		sort.Strings(files)
	}
	for _, f := range files {
		if st.IsDir() {
			io.WriteString(h, filepath.Base(f)+"\x00")
		}
		r, err := os.Open(f)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, r)
		r.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// SaveReport writes the report to path atomically: a temporary file in the
// same folder, reopened and checked against the computed amounts, then
// renamed. A failure leaves any earlier file at path untouched.
func SaveReport(path string, s *plan.Scheme, res *calc.Result, info ReportInfo, part Part) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("%s: a report is an .xlsx file: name it so", path)
	}
	var expect []Expect
	return atomicfile.Write(path, func(w io.Writer) error {
		var err error
		expect, err = WriteReport(w, s, res, info, part)
		return err
	}, func(tmp string) error { return CheckReport(tmp, expect) })
}

// SaveSplit writes one workbook per employee into dir, named by the
// employee's sheet name, plus summary.xlsx. Every file is written and checked
// under a temporary name first; only when all are good are they renamed into
// place, so a failure leaves the folder as it was.
func SaveSplit(dir string, s *plan.Scheme, res *calc.Result, info ReportInfo) (files []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	type job struct {
		final string
		part  Part
	}
	var ids []string
	for _, e := range res.Employees {
		ids = append(ids, e.ID)
	}
	names := SheetNames(ids, []string{"summary"})
	jobs := []job{{final: filepath.Join(dir, "summary.xlsx"), part: Part{Summary: true}}}
	for _, e := range res.Employees {
		jobs = append(jobs, job{final: filepath.Join(dir, names[e.ID]+".xlsx"), part: Part{Details: []*calc.EmployeeResult{e}}})
	}
	var staged []string
	defer func() {
		if err != nil {
			for _, t := range staged {
				os.Remove(t)
			}
		}
	}()
	for _, j := range jobs {
		tmp := j.final + ".staged.xlsx"
		staged = append(staged, tmp)
		if err := SaveReport(tmp, s, res, info, j.part); err != nil {
			return nil, err
		}
	}
	for i, j := range jobs {
		if err := os.Rename(staged[i], j.final); err != nil {
			return nil, fmt.Errorf("%s: %v", j.final, err)
		}
		files = append(files, j.final)
	}
	staged = nil
	return files, nil
}
