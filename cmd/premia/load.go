package main

import (
	"fmt"
	"io"
	"regexp"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/workbook"
	"github.com/premia-pay/premia/plan"
)

var periodText = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// loadScheme parses and validates a scheme, printing warnings to stderr.
func loadScheme(path string, stderr io.Writer) (*plan.Scheme, error) {
	s, warnings, err := plan.Open(path)
	for _, w := range warnings {
		fmt.Fprintln(stderr, w)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// compute loads the scheme and the fact sheet and runs the calculation.
func compute(schemePath, factsPath, period, lang string, stderr io.Writer) (*plan.Scheme, *calc.Result, error) {
	if period != "" && !periodText.MatchString(period) {
		return nil, nil, usagef("--period %q: expected YYYY-MM, e.g. 2026-10", period)
	}
	if lang != "" && lang != "en" && lang != "ru" {
		return nil, nil, usagef("--lang %q: expected en or ru", lang)
	}
	s, err := loadScheme(schemePath, stderr)
	if err != nil {
		return nil, nil, err
	}
	in, warnings, err := workbook.Read(factsPath, s, period)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "warning: "+w)
	}
	if err != nil {
		return nil, nil, err
	}
	res, err := calc.Run(s, in, calc.Options{Lang: lang})
	if err != nil {
		return nil, nil, err
	}
	return s, res, nil
}
