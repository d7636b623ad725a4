package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/plan"
)

// The flags several commands share are parsed here, once: a bad value is a
// usage error (exit 2) when the flags are parsed, before anything is read.

// periodFlag is --period: a month (2026-10), a quarter (2026-Q4) or a
// year (2026), held as period.Period writes it, or "" when not given.
type periodFlag string

func (p *periodFlag) String() string { return string(*p) }
func (p *periodFlag) Type() string   { return "PERIOD" }
func (p *periodFlag) Set(v string) error {
	q, err := parsePeriod(v)
	if err != nil {
		return err
	}
	*p = periodFlag(q.String())
	return nil
}

// parsePeriod reads a period given on the command line; the error says
// why it is none (the flag's name and value are said before it).
func parsePeriod(v string) (period.Period, error) {
	q, err := period.Parse(v)
	if perr, ok := err.(*period.Error); ok {
		return q, errors.New(perr.Reason.String())
	}
	return q, err
}

// get is the flag's period, the zero Period when not given.
func (p periodFlag) get() period.Period {
	q, _ := period.Parse(string(p))
	return q
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
