package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/scaffold"
	"github.com/premia-pay/premia/internal/template"
	"github.com/premia-pay/premia/plan"
)

type initOptions struct {
	dir, model string
	period     periodFlag
	lang       langFlag
	force      bool
}

func newInitCmd(d *deps) *cobra.Command {
	o := &initOptions{}
	models := scaffold.Models()
	var list strings.Builder
	for _, m := range models {
		list.WriteString("  " + m.Name)
		if m.Alias != "" {
			list.WriteString(" (or " + m.Alias + ")")
		}
		list.WriteString(": " + m.Title + ", " + m.Locale + "\n")
	}
	cmd := &cobra.Command{
		Use:   "init DIR --model MODEL [--period YYYY-MM]",
		Short: "Start a client's folder: a scheme from a model, its JSON Schema, the month's fact sheet and a README",
		Long: `Make a new client's folder DIR with:

  scheme.yaml          the model's scheme, to adapt to the client: its first
                       line points an editor at the schema; its id is DIR's
                       name (when that is an id), its locale --lang
  scheme.schema.json   the JSON Schema of the scheme format (premia schema)
  facts-YYYY-MM.xlsx   the fact sheet for the period, as premia template
                       writes it
  README.md            what the files are and how a month is run, in the
                       scheme's language

The period is --period, else the current month (so that without --period
what is written depends on the date). The scheme passes premia validate
--strict as written. DIR is made if it does not exist; a DIR that holds
anything is refused, unless --force, which writes the four files there
(over any of the same names) and leaves the rest.

The models are premia's examples (examples/ of its repository):
` + list.String(),
		Example: `  # A new client on the KPI-matrix model, with November's fact sheet
  premia init clients/acme --model kpi-matrix --period 2026-11

  # A Russian client on the seed's ladder, for the current month
  premia init clients/romashka --model ladder --lang ru

  # Into a folder that already holds notes: write the files beside them
  premia init clients/acme --model kotelok --period 2026-11 --force`,
		Args: exactArgs(1, "DIR"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(_ *cobra.Command, args []string) error {
			o.dir = args[0]
			return runInit(d, o, models)
		},
	}
	cmd.Flags().StringVar(&o.model, "model", "", "the model: "+strings.Join(scaffold.Names(models), ", ")+" (required)")
	_ = cmd.RegisterFlagCompletionFunc("model", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, m := range models {
			out = append(out, cobra.CompletionWithDesc(m.Name, m.Title))
			if m.Alias != "" {
				out = append(out, cobra.CompletionWithDesc(m.Alias, m.Title))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	addPeriodFlag(cmd, &o.period, "the period of the fact sheet (default: the current month)")
	addLangFlag(cmd, &o.lang, "the client's language: the scheme's locale, the fact sheet's headings, the README")
	cmd.Flags().BoolVar(&o.force, "force", false, "write into a folder that is not empty (over files of the same names)")
	return cmd
}

var idText = regexp.MustCompile(plan.IDPattern)

func runInit(d *deps, o *initOptions, models []scaffold.Model) error {
	d.lang = string(o.lang)
	if o.model == "" {
		return usagef("--model MODEL is required: one of %s", strings.Join(scaffold.Names(models), ", "))
	}
	m, err := scaffold.Find(models, o.model)
	if err != nil {
		return usageError{err}
	}
	if st, err := os.Stat(o.dir); err == nil && !st.IsDir() {
		return usagef("%q is a file: name a folder for the client's files", o.dir)
	}
	period, current := string(o.period), false
	if period == "" {
		period, current = d.now().Format("2006-01"), true
	}
	id := ""
	if base := filepath.Base(filepath.Clean(o.dir)); idText.MatchString(base) {
		id = base
	}
	f, err := scaffold.Build(m, scaffold.Options{Period: period, Lang: string(o.lang), ID: id})
	if err != nil {
		return err
	}
	d.lang = f.Lang
	if err := f.Scheme.Pays(o.period.get()); err != nil {
		return problem.Errorf("model %s: %v", m.Name, err)
	}
	names := f.Names()
	entries, err := os.ReadDir(o.dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return problem.Errorf("%s: cannot read the folder: %v", o.dir, err)
	}
	var held, over []string
	for _, e := range entries {
		name := e.Name()
		if slices.Contains(names, name) {
			over = append(over, name)
		}
		if e.IsDir() {
			name += "/"
		}
		held = append(held, name)
	}
	if len(held) > 0 && !o.force {
		return refuseNotEmpty(o.dir, held, names, over)
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return problem.Errorf("%s: cannot make the folder: %v", o.dir, err)
	}
	var made []string
	for _, file := range f.Files {
		path := filepath.Join(o.dir, file.Name)
		var check func(*os.File) error
		if strings.HasSuffix(file.Name, ".xlsx") {
			check = func(w *os.File) error {
				return template.Check(w.Name(), f.Scheme, template.Options{Period: period, Lang: f.Lang})
			}
		}
		data := file.Data
		if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }, check); err != nil {
			for _, p := range made { // a failed init leaves no part of a new client's folder
				os.Remove(p)
			}
			return err
		}
		if !slices.Contains(over, file.Name) {
			made = append(made, path)
		}
	}
	d.say(i18n.TalkWroteInit, o.dir, m.Name, strings.Join(names, ", "))
	if len(over) > 0 {
		d.say(i18n.TalkInitOverwrote, strings.Join(over, ", "))
	}
	if current {
		d.say(i18n.TalkInitPeriod, period)
	}
	d.say(i18n.TalkInitNext, filepath.Join(o.dir, scaffold.SchemeFile), filepath.Join(o.dir, scaffold.FactsFile(period)))
	return nil
}

// refuseNotEmpty is the error for a folder that holds files: what it
// holds, and what --force would write over.
func refuseNotEmpty(dir string, held, names, over []string) error {
	const shown = 10
	holds := strings.Join(held[:min(len(held), shown)], ", ")
	more := problem.Text{}
	if len(held) > shown {
		more = problem.New(" and %d more", len(held)-shown)
	}
	if len(over) > 0 {
		return problem.Errorf("%s is not empty: it holds %s%s. premia init writes a client's files into an empty folder: choose another, or pass --force to write %s there, over the %s it holds (the rest stays as it is)",
			dir, holds, more, strings.Join(names, ", "), strings.Join(over, ", "))
	}
	return problem.Errorf("%s is not empty: it holds %s%s. premia init writes a client's files into an empty folder: choose another, or pass --force to write %s beside them (none is overwritten)",
		dir, holds, more, strings.Join(names, ", "))
}
