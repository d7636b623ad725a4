package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // bad input, failed validation, failed write
	exitUsage   = 2 // wrong command line
)

// version is set at build time with -ldflags "-X main.version=..." (make
// build); see premiaVersion for a binary built without it.
var version = ""

// premiaVersion is the version premia reports and writes in its reports:
// the one set at build time; else the module version the go command
// stamped (go install …@v0.2.0 gives v0.2.0); else 0.1.0-dev.
func premiaVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.1.0-dev"
}

// extraCommands are commands of builds with a tag (man.go: premia man).
var extraCommands []func(*deps) *cobra.Command

// deskCommands are the consultant's commands (issue 13): the comparison of
// two schemes, the team analysis, planning backwards from profit, a
// person's standing, a client folder and the scheme's JSON Schema.
func deskCommands() []func(*deps) *cobra.Command {
	return []func(*deps) *cobra.Command{newCompareCmd, newTeamCmd, newDecomposeCmd, newNeedCmd, newInitCmd, newSchemaCmd, newTrendCmd}
}

// usageError marks a command-line mistake (exit 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// deps are what commands need from the outside world.
type deps struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// isTerminal reports whether stdout is a terminal (the table format's default).
	isTerminal bool
	// errTerminal reports whether stderr is a terminal (progress is shown).
	errTerminal bool
	// ran is set once a command's flags and arguments were accepted.
	ran bool
	// now is the clock, read only for --timings and for the day a period
	// is closed (close without --date).
	now func() time.Time
	// stopProfile ends a CPU profile started by the hidden --cpuprofile flag.
	stopProfile func()
	// quiet is --quiet: stderr carries errors and the fact sheet's
	// warnings only.
	quiet bool
	// lang is the language of the run (--lang, else the scheme's locale)
	// once the scheme is read: what premia says is in it.
	lang string
	// book is the book and period of a --book run (nil: none), whose
	// earlier periods a dynamic plan level reads (dynamic.go).
	book *bookPeriod
	// closings are the recoverable draws' closing balances of the book's
	// periods read in this run (carry.go), so that no period is read or
	// computed twice.
	closings map[period.Period]balances
	// ytd are the book's periods read for a year to date in this run, each
	// person's facts of the KPIs counted from the year's start only.
	ytd map[period.Period]*calc.Earlier
	// spans are the book's periods a true-up of the run read, each read
	// once (trueup.go).
	spans map[period.Period]*calc.PastPeriod
}

// say writes a confirmation on stderr (wrote …, ok) in the run's
// language, unless --quiet.
func (d *deps) say(t i18n.Talk, args ...any) {
	if !d.quiet {
		fmt.Fprintln(d.stderr, i18n.Say(d.lang, t, args...))
	}
}

// words are the words of the run's language for its problems: a located
// error or a warning about an input (nil, English, for any but ru).
func (d *deps) words() problem.Words { return i18n.Problems(d.lang) }

// sayWarnings writes a fact sheet's warnings on stderr in lang, one a line.
func sayWarnings(stderr io.Writer, lang string, warnings []problem.Text) {
	w := i18n.Problems(lang)
	for _, t := range warnings {
		fmt.Fprintln(stderr, problem.New("warning: %s", t).In(w))
	}
}

// count is n and the noun in the run's language.
func (d *deps) count(n int, noun i18n.Noun) string { return i18n.Count(d.lang, n, noun) }

// designWarnings is where a scheme's design-rule warnings go (3 to 5 KPIs,
// a weight too small to matter): stderr, or nowhere with --quiet, for they
// are about the scheme's design, which validate reports, not about this
// month's numbers. The fact sheet's warnings always go to stderr: they
// can mean a number was not read as the clerk meant (a column without a
// heading, a workbook set to manual calculation).
func (d *deps) designWarnings() io.Writer {
	if d.quiet {
		return io.Discard
	}
	return d.stderr
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runWith(ctx, &deps{stdin: stdin, stdout: stdout, stderr: stderr, isTerminal: isTerminal(stdout), errTerminal: isTerminal(stderr), now: time.Now}, args)
}

// runWith runs premia with d for the outside world: a test gives it its
// own clock.
func runWith(ctx context.Context, d *deps, args []string) int {
	stderr := d.stderr
	root := newRootCmd(d)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if d.stopProfile != nil {
		d.stopProfile()
	}
	if err == nil {
		return exitOK
	}
	var ue usageError
	// An error before a command ran (an unknown command, flag or argument
	// count) is cobra's: a usage error. After, only a usageError is.
	if errors.As(err, &ue) || !d.ran {
		// The help of the command that was run, when it was found (cobra
		// returns the root for an unknown command).
		help := "premia --help"
		if cmd != nil && cmd != root {
			help = cmd.CommandPath() + " --help"
		}
		fmt.Fprintf(stderr, "premia: %v\nRun '%s' for usage.\n", err, help)
		return exitUsage
	}
	fmt.Fprintln(stderr, problem.In(err, d.words()))
	return exitFailure
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func newRootCmd(d *deps) *cobra.Command {
	root := &cobra.Command{
		Use:   "premia",
		Short: "KPI-based pay from a motivation scheme and a month's fact sheet",
		Long: `premia computes every employee's fixed part, KPI bonus and total from a
client's motivation scheme (YAML) and the month's fact sheet (.xlsx, or a folder
of CSV tables), and explains every number.

Exit codes: 0 ok, 1 failure (bad input, failed validation), 2 usage error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       premiaVersion(),
	}
	root.SetVersionTemplate("premia {{.Version}}\n")
	// premia completion bash|zsh|fish|powershell is cobra's; what each
	// argument and flag completes to is in complete.go.
	root.CompletionOptions.HiddenDefaultCmd = false
	// --cpuprofile is for the benchmark (make bench, go tool pprof); hidden
	// because users have no need of it.
	// --memprofile likewise, for a heap profile written at the end of the run.
	var cpuprofile, memprofile string
	root.PersistentFlags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file")
	root.PersistentFlags().StringVar(&memprofile, "memprofile", "", "write a heap profile at the end of the run to this file")
	root.PersistentFlags().BoolVarP(&d.quiet, "quiet", "q", false, "print nothing on stderr but errors and the fact sheet's warnings (no confirmations, no design-rule warnings of the scheme)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		d.ran = true
		return startProfiles(d, cpuprofile, memprofile)
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		// A value a flag refuses reads as premia's other messages do:
		// --period "2026-13": expected YYYY-MM, e.g. 2026-10.
		var bad *pflag.InvalidValueError
		if errors.As(err, &bad) {
			return usagef("--%s %q: %v", bad.GetFlag().Name, bad.GetValue(), bad.Unwrap())
		}
		return usageError{err}
	})
	root.AddCommand(newCalcCmd(d), newValidateCmd(d), newExplainCmd(d), newTemplateCmd(d), newPlansCmd(d), newCloseCmd(d), newVersionCmd(d))
	for _, c := range deskCommands() {
		root.AddCommand(c(d))
	}
	for _, c := range extraCommands {
		root.AddCommand(c(d))
	}
	// Before the completion command is made: it keeps the writer it finds.
	root.SetOut(d.stdout)
	root.SetErr(d.stderr)
	addCobraExamples(root)
	return root
}

// exactArgs is cobra.ExactArgs returning a usage error.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("expected %s, got %s", names, i18n.Count("en", len(args), i18n.Arguments))
		}
		return nil
	}
}

// startProfiles starts the CPU profile and arranges the heap profile that
// the hidden --cpuprofile and --memprofile flags ask for.
func startProfiles(d *deps, cpu, mem string) error {
	var stops []func()
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if mem != "" {
		stops = append(stops, func() {
			if f, err := os.Create(mem); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		})
	}
	if len(stops) > 0 {
		d.stopProfile = func() {
			for _, stop := range stops {
				stop()
			}
		}
	}
	return nil
}

// addCobraExamples gives the commands cobra makes (help, completion and
// its shells) an Examples section, as premia's own have.
func addCobraExamples(root *cobra.Command) {
	root.Example = `  premia calc scheme.yaml facts.xlsx -o report.xlsx
  premia explain scheme.yaml facts.xlsx S-03
  premia help calc`
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = "  premia help calc\n  premia help completion bash"
		case "completion":
			c.Example = "  # bash, for this shell, then for every new one\n  source <(premia completion bash)\n  premia completion bash > ~/.local/share/bash-completion/completions/premia"
			for _, sh := range c.Commands() {
				switch sh.Name() {
				case "bash":
					sh.Example = "  source <(premia completion bash)\n  premia completion bash > ~/.local/share/bash-completion/completions/premia"
				case "zsh":
					sh.Example = "  premia completion zsh > \"${fpath[1]}/_premia\""
				case "fish":
					sh.Example = "  premia completion fish > ~/.config/fish/completions/premia.fish"
				case "powershell":
					sh.Example = "  premia completion powershell | Out-String | Invoke-Expression"
				}
			}
		}
	}
}
