package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/decompose"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/xlsx"
	"github.com/premia-pay/premia/plan"
)

type decomposeOptions struct {
	funnel, scheme, output, format string
	chart                          string // --chart FILE.svg|png
	history                        []string
	over                           decompose.Overrides
	period                         periodFlag
	lang                           langFlag
	strict                         bool
}

func newDecomposeCmd(d *deps) *cobra.Command {
	o := &decomposeOptions{}
	cmd := &cobra.Command{
		Use:   "decompose [FUNNEL.yaml]",
		Short: "Plan backwards from profit: the deals, meetings and calls a month and a day",
		Long: `Plan backwards from the profit the owner wants: revenue = profit / margin
share, deals = revenue / average check, and each earlier stage of the funnel =
the next stage / its conversion, for the department a month and a working day;
then each manager's part — equal, or by each one's own conversions from their
history (--history FACTS, read with --scheme SCHEME) — compared with the
industry norms per manager per day (--profile). A plan above its norm is
marked: advice, exit 0, unless --strict.

FUNNEL.yaml holds the figures and the stages (docs/planning.md §7.3); each
flag overrides the file's value, and without a file the flags give them all.
Counts are exact; the whole number needed is the exact figure rounded up.

-o FILE.xlsx writes the funnel, each manager's part and, with a history, a
Plans table (id, kpi, base, norm, target) that a fact sheet takes as the
managers' personal plans. Its Funnel sheet charts the month's figure of each
stage (the stages in groups of like size, each on its own axis), and its Per
day sheet each manager's day against the norm, a chart per stage with one.

--chart FILE.svg|png draws one of those pictures: each manager's day against
the norm for the stage most above it (the nearest to it when none is above);
it needs a norm (--profile, or a stage's norm:). With -o or --chart, stdout
stays empty unless --format is given.`,
		Example: `  # The department's chain and each manager's part, from a funnel file
  premia decompose funnel.yaml

  # By each manager's own conversions, from two months of history
  premia decompose funnel.yaml --scheme scheme.yaml --history facts-09.xlsx --history facts-10.xlsx

  # Without a file: every figure as a flag, the stages from the deal back
  premia decompose --profit 600000 --margin 0.15 --average-check 160000 --working-days 21 --managers 5 \
    --conversion proposals=0.4 --conversion meetings=0.5 --conversion calls=0.08 --profile b2b-small

  # What if the margin were 20 %? As JSON
  premia decompose funnel.yaml --margin 0.2 --format json

  # The workbook with the Plans table, in Russian
  premia decompose funnel.yaml --scheme scheme.yaml --history facts.xlsx -o plan.xlsx --lang ru

  # Each manager's day against the norm, for the stage most above it, as a picture
  premia decompose funnel.yaml --scheme scheme.yaml --history facts.xlsx --chart calls.png`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("expected at most one FUNNEL.yaml, got %s", i18n.Count("en", len(args), i18n.Arguments))
			}
			return nil
		},
		ValidArgsFunction: completeArgs(argScheme),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.funnel = args[0]
			}
			return runDecompose(d, o)
		},
	}
	f := cmd.Flags()
	f.Var(decimalFlag{&o.over.Profit, positiveOnly}, "profit", "the profit wanted a month")
	f.Var(decimalFlag{&o.over.Margin, shareOnly}, "margin", "the margin share: profit / revenue, above 0 and at most 1 (0.15 for 15 %)")
	f.Var(decimalFlag{&o.over.AverageCheck, positiveOnly}, "average-check", "the average check: revenue per deal")
	f.Var(intFlag{&o.over.WorkingDays, 1, 31}, "working-days", "working days in the month")
	f.Var(intFlag{&o.over.Managers, 1, 100000}, "managers", "the number of managers (with --history: must be the history's)")
	f.Var(conversionFlag{&o.over.Conversion}, "conversion", "STAGE=RATE: a stage's conversion, the share of it that becomes the next stage (repeat for each; without a funnel file, the stages from the deal back)")
	addChoiceFlag(cmd, &o.over.Profile, "profile", decompose.ProfileIDs(), "the industry norms per manager per day to compare with")
	addChoiceFlag(cmd, &o.over.Share, "share", decompose.Shares, "how the department's deals are shared: equal, or past-deals (in proportion to each one's deals in the history)")
	addChoiceFlag(cmd, &o.over.Conversions, "conversions", decompose.ConversionChoices, "whose conversions turn a manager's deals into activity: funnel, or own (from the history; the default with --history)")
	addPeriodFlag(cmd, &o.period, "the month planned, YYYY-MM (dates the workbook)")
	f.StringVar(&o.scheme, "scheme", "", "the scheme whose KPIs count the stages (needed with --history)")
	f.Var(filesFlag{&o.history}, "history", "a fact sheet of the managers' past month (repeat, oldest first): their own conversions, and the people planned for (the last one's roster)")
	addChoiceFlag(cmd, &o.format, "format", []string{"table", "csv", "json"}, "table, csv or json (default: table on a terminal, csv otherwise)")
	f.StringVarP(&o.output, "output", "o", "", "write to this file: .xlsx for the workbook (funnel, managers, Plans table), .csv or .json for those formats")
	f.StringVar(&o.chart, "chart", "", "draw each manager's day against the norm, for the stage most above it, as a picture (.svg or .png)")
	addLangFlag(cmd, &o.lang, "language of the table, the workbook and the chart")
	f.BoolVar(&o.strict, "strict", false, "a plan above its industry norm fails the run (exit 1; -o is not written)")
	completeFile(cmd, "scheme", "yaml", "yml")
	completeFile(cmd, "history", "xlsx")
	completeFile(cmd, "output", "xlsx", "csv", "json")
	completeFile(cmd, "chart", "svg", "png")
	noCompletion(cmd, "profit", "margin", "average-check", "working-days", "managers", "conversion")
	return cmd
}

func runDecompose(d *deps, o *decomposeOptions) error {
	o.over.Period = string(o.period)
	format := o.format
	if format == "" && o.output == "" && o.chart == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	ext := strings.ToLower(filepath.Ext(o.output))
	if o.output != "" && ext != ".xlsx" && ext != ".csv" && ext != ".json" {
		return usagef("-o %q: name the file .xlsx (the workbook), .csv or .json", o.output)
	}
	if o.chart != "" {
		if _, err := chart.FormatOf(o.chart); err != nil {
			return usagef("--chart %q: name the picture .svg or .png", o.chart)
		}
		if o.output != "" && sameFile(o.chart, o.output) {
			return usagef("--chart %q is written twice in this run (also -o or an earlier --chart): choose another file", o.chart)
		}
	}
	for _, in := range append([]string{o.funnel, o.scheme}, o.history...) {
		if o.output != "" && in != "" && sameFile(o.output, in) {
			return usagef("-o %q is an input of this run: choose another file", o.output)
		}
		if o.chart != "" && in != "" && sameFile(o.chart, in) {
			return usagef("--chart %q is an input of this run: choose another file", o.chart)
		}
	}
	if len(o.history) > 0 && o.scheme == "" {
		return usagef("--history needs --scheme SCHEME: the scheme says which columns count the stages")
	}
	if o.scheme != "" && len(o.history) == 0 {
		return usagef("--scheme is read with --history FACTS: without a history the managers are alike and no Plans table is written")
	}
	stdin := 0
	for _, in := range append([]string{o.funnel, o.scheme}, o.history...) {
		if in == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usagef("only one input can be read from stdin (-): name the others")
	}
	if o.funnel == "" && len(o.over.Conversion) == 0 {
		return usagef("give a FUNNEL.yaml, or the funnel as flags (--profit, --margin, --average-check, --working-days, --managers and a --conversion for each stage)")
	}
	if st, err := os.Stat(o.output); o.output != "" && err == nil && st.IsDir() {
		return problem.Errorf("%s: is a folder, not a file: choose a file name", o.output)
	}
	d.lang = string(o.lang)
	var s *plan.Scheme
	if o.scheme != "" {
		var err error
		if s, err = loadScheme(d, o.scheme, o.lang, d.designWarnings()); err != nil {
			return err
		}
	}
	var file *decompose.File
	if o.funnel != "" {
		var err error
		if file, err = decompose.Read(o.funnel, d.stdin); err != nil {
			return err
		}
	}
	in, err := decompose.Resolve(file, shownPath(o.funnel), o.over)
	if err != nil {
		return err
	}
	var h *decompose.History
	if len(o.history) > 0 {
		var months []*calc.Input
		for _, path := range o.history {
			src, err := loadFacts(d, path)
			if err != nil {
				return err
			}
			m, warnings, err := src.Read(s, factsheet.Options{})
			src.Close()
			sayWarnings(d.stderr, d.lang, warnings)
			if err != nil {
				return err
			}
			months = append(months, m)
		}
		if h, err = decompose.NewHistory(in, s, months); err != nil {
			return err
		}
	}
	res, err := decompose.Compute(in, h)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(d.stderr, problem.New("warning: %s", w).In(d.words()))
	}
	var pic *picture
	if o.chart != "" {
		c, ok := res.Picture(d.lang)
		if !ok {
			return problem.Errorf("--chart: no stage has a norm per manager per day, and the chart sets each manager's day against a stage's norm: give --profile (or a stage's norm: in the funnel), or leave out --chart")
		}
		f, _ := chart.FormatOf(o.chart)
		var buf bytes.Buffer
		if err := chart.Write(&buf, f, c); err != nil {
			return problem.Errorf("the chart %s was not written: %v", o.chart, err)
		}
		pic = &picture{buf.Bytes(), c.Title}
	}
	if format != "" {
		out, err := renderDecompose(format, res, d.lang)
		if err != nil {
			return err
		}
		if _, err := d.stdout.Write(out); err != nil {
			return err
		}
	}
	if res.Above > 0 {
		if !o.strict {
			d.say(i18n.TalkAboveNorm, d.count(res.Above, i18n.Plans))
		}
		unwritten := o.output // --strict writes no file
		if unwritten == "" {
			unwritten = o.chart
		}
		if o.strict && unwritten != "" {
			return problem.Errorf("--strict: plans above the industry norm per manager per day: %d; %s is not written", res.Above, unwritten)
		}
		if o.strict {
			return problem.Errorf("--strict: plans above the industry norm per manager per day: %d", res.Above)
		}
	}
	if err := writeDecompose(d, o, res, ext); err != nil {
		return err
	}
	if pic != nil {
		if err := atomicfile.Write(o.chart, func(w io.Writer) error { _, err := w.Write(pic.data); return err }, nil); err != nil {
			return problem.Errorf("the chart %s was not written: %v", o.chart, err)
		}
		d.say(i18n.TalkWroteChart, o.chart, pic.title)
	}
	return nil
}

// writeDecompose writes -o, when given: the workbook, the CSV or the JSON.
func writeDecompose(d *deps, o *decomposeOptions, res *decompose.Result, ext string) error {
	if o.output == "" {
		return nil
	}
	if ext == ".xlsx" {
		err := report.SaveBook(o.output, func(w io.Writer) ([]xlsx.Expect, error) { return decompose.WriteWorkbook(w, res, d.lang) })
		if err != nil {
			return err
		}
		if len(res.Plans) > 0 {
			d.say(i18n.TalkWroteDecomposePlans, o.output, d.count(len(res.Plans), i18n.Plans))
		} else {
			d.say(i18n.TalkWroteDecompose, o.output)
		}
		return nil
	}
	data, err := renderDecompose(ext[1:], res, d.lang)
	if err != nil {
		return err
	}
	if err := writeChecked(o.output, data); err != nil {
		return err
	}
	d.say(i18n.TalkWroteDecompose, o.output)
	return nil
}

func renderDecompose(format string, res *decompose.Result, lang string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = decompose.JSON(&buf, res)
	case "csv":
		err = decompose.CSV(&buf, res)
	default:
		err = decompose.Table(&buf, res, lang)
	}
	return buf.Bytes(), err
}

var decimalFlagText = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// decimalFlag is a flag holding a decimal read from its text (never
// through float64), checked by ok.
type decimalFlag struct {
	v  **decimal.Decimal
	ok func(decimal.Decimal) error
}

func (f decimalFlag) String() string {
	if *f.v == nil {
		return ""
	}
	return (*f.v).String()
}
func (f decimalFlag) Type() string { return "DECIMAL" }
func (f decimalFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	if !decimalFlagText.MatchString(s) {
		if strings.HasSuffix(s, "%") {
			return fmt.Errorf("a fraction, not a percentage: 15%% is written 0.15")
		}
		return fmt.Errorf("expected a decimal number with a dot, e.g. 0.15 or 600000")
	}
	v, err := decimal.NewFromString(s)
	if err != nil || v.Cmp(decimal.New(1, 15)) >= 0 {
		return fmt.Errorf("out of range (at most 15 integer digits)")
	}
	if err := f.ok(v); err != nil {
		return err
	}
	*f.v = &v
	return nil
}

func positiveOnly(v decimal.Decimal) error {
	if v.Sign() <= 0 {
		return fmt.Errorf("must be greater than zero")
	}
	return nil
}

func shareOnly(v decimal.Decimal) error {
	if !decompose.IsShare(v) {
		return fmt.Errorf("a share is above 0 and at most 1 (15 %% is written 0.15)")
	}
	return nil
}

// filesFlag is a flag naming a file, repeated (--history FACTS …).
type filesFlag struct{ v *[]string }

func (f filesFlag) String() string     { return strings.Join(*f.v, ",") }
func (f filesFlag) Type() string       { return "FACTS" }
func (f filesFlag) Set(s string) error { *f.v = append(*f.v, s); return nil }

// intFlag is a whole-number flag from lo to hi.
type intFlag struct {
	v      **int
	lo, hi int
}

func (f intFlag) String() string {
	if *f.v == nil {
		return ""
	}
	return strconv.Itoa(**f.v)
}
func (f intFlag) Type() string { return "N" }
func (f intFlag) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < f.lo || n > f.hi {
		return fmt.Errorf("expected a whole number from %d to %d", f.lo, f.hi)
	}
	*f.v = &n
	return nil
}

// conversionFlag is --conversion STAGE=RATE, repeated.
type conversionFlag struct{ v *[]decompose.StageRate }

func (f conversionFlag) String() string {
	var parts []string
	for _, c := range *f.v {
		parts = append(parts, c.Stage+"="+c.Rate.String())
	}
	return strings.Join(parts, ",")
}
func (f conversionFlag) Type() string { return "STAGE=RATE" }
func (f conversionFlag) Set(s string) error {
	stage, rate, ok := strings.Cut(strings.TrimSpace(s), "=")
	if !ok || stage == "" {
		return fmt.Errorf("expected STAGE=RATE, e.g. meetings=0.5")
	}
	var v *decimal.Decimal
	if err := (decimalFlag{&v, shareOnly}).Set(rate); err != nil {
		return err
	}
	*f.v = append(*f.v, decompose.StageRate{Stage: stage, Rate: *v})
	return nil
}
