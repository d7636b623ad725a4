package main

import (
	"fmt"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/plan"
)

// The flags several commands share are parsed here, once: a bad value is a
// usage error (exit 2) when the flags are parsed, before anything is read.

var periodText = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// periodFlag is --period: YYYY-MM, or "" when not given.
type periodFlag string

func (p *periodFlag) String() string { return string(*p) }
func (p *periodFlag) Type() string   { return "YYYY-MM" }
func (p *periodFlag) Set(v string) error {
	if !periodText.MatchString(v) {
		return fmt.Errorf("expected YYYY-MM, e.g. 2026-10")
	}
	*p = periodFlag(v)
	return nil
}

// langFlag is --lang: en or ru, or "" for the scheme's locale (lang).
type langFlag string

func (l *langFlag) String() string { return string(*l) }
func (l *langFlag) Type() string   { return "en|ru" }
func (l *langFlag) Set(v string) error {
	if v != "en" && v != "ru" {
		return fmt.Errorf("expected en or ru")
	}
	*l = langFlag(v)
	return nil
}

// lang is the language a run speaks: --lang, else the scheme's locale.
func (l langFlag) lang(s *plan.Scheme) string {
	if l != "" {
		return string(l)
	}
	return s.Lang()
}

func addPeriodFlag(cmd *cobra.Command, p *periodFlag, usage string) {
	cmd.Flags().Var(p, "period", usage)
}

func addLangFlag(cmd *cobra.Command, l *langFlag, usage string) {
	cmd.Flags().Var(l, "lang", usage+": en or ru (default: the scheme's locale)")
}
