package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/i18n"
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

// choiceFlag is a flag that takes one of a few words, in any case
// (--format CSV is --format csv); it holds the word as listed. Shell
// completion offers the words (completeChoices).
type choiceFlag struct {
	v       *string
	choices []string
}

func (c choiceFlag) String() string { return *c.v }
func (c choiceFlag) Type() string   { return strings.Join(c.choices, "|") }
func (c choiceFlag) Set(v string) error {
	for _, w := range c.choices {
		if strings.EqualFold(strings.TrimSpace(v), w) {
			*c.v = w
			return nil
		}
	}
	return fmt.Errorf("expected %s", i18n.OrList("en", c.choices))
}

// addChoiceFlag defines a choiceFlag called name and the completion of
// its words.
func addChoiceFlag(cmd *cobra.Command, v *string, name string, choices []string, usage string) {
	cmd.Flags().Var(choiceFlag{v, choices}, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp))
}

// langFlag is --lang: en or ru, or "" for the scheme's locale (lang).
type langFlag string

// lang is the language a run speaks: --lang, else the scheme's locale.
func (l langFlag) lang(s *plan.Scheme) string {
	if l != "" {
		return string(l)
	}
	return s.Lang()
}

func addPeriodFlag(cmd *cobra.Command, p *periodFlag, usage string) {
	cmd.Flags().Var(p, "period", usage)
	noCompletion(cmd, "period")
}

func addLangFlag(cmd *cobra.Command, l *langFlag, usage string) {
	addChoiceFlag(cmd, (*string)(l), "lang", []string{"en", "ru"}, usage+": en or ru (default: the scheme's locale)")
}
