package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/chart"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/internal/trend"
	"github.com/premia-pay/premia/plan"
)

type trendOptions struct {
	book, format, output, chart, kind string
	from, to                          periodFlag
	reachMin                          reachFlag
	lang                              langFlag
	// sheetRows is how many KPI rows the workbook's sheet holds
	// (report.TrendSheetRows; a test sets fewer).
	sheetRows int
}

func newTrendCmd(d *deps) *cobra.Command {
	o := &trendOptions{reachMin: reachFlag{q: teamstats.DefaultReachMin, text: "70"}, sheetRows: report.TrendSheetRows}
	cmd := &cobra.Command{
		Use:   "trend --book DIR",
		Short: "A book's periods side by side: per person and KPI the fact, fulfilment, K and pay, and each norm's reachability",
		Long: `Show a client's book (docs/book.md) over its periods: per person the pay of
each period side by side, per person and KPI the fact, the fulfilment, the
person's K and pay of each period, and per KPI the share of person-periods
at or above their norm over the whole history, flagged under --reach-min
(70 %), as premia team judges it.

A closed period's figures are its snapshot's (closed/P.json, not checked
against the book: calc --book does that); any other period is computed
from its fact sheet exactly as calc --book computes it. The periods are the
book's of one kind (--kind, month by default; else the kind of --from or
--to), from --from to --to.

stdout carries the table (on a terminal), or CSV / JSON (one row per
person, KPI and period: README "premia trend"); -o FILE.xlsx writes a
workbook with a line chart of pay per person over the periods, and
--chart FILE.svg|png the same picture. With -o or --chart, stdout stays
empty unless --format is given too.`,
		Example: `  # The book's months on the terminal
  premia trend --book clients/acme

  # The fourth quarter's months as CSV; the quarters
  premia trend --book clients/acme --from 2026-10 --to 2026-12 --format csv
  premia trend --book clients/acme --kind quarter

  # A workbook with the chart of pay, and the picture
  premia trend --book clients/acme -o trend.xlsx --lang ru
  premia trend --book clients/acme --chart pay.svg`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 0 {
				return usagef("trend reads the book: give --book DIR and no arguments (got %s)", i18n.Count("en", len(args), i18n.Arguments))
			}
			return nil
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, _ []string) error { return runTrend(d, o) },
	}
	addChoiceFlag(cmd, &o.format, "format", []string{"table", "csv", "json"}, "table, csv or json (default: table on a terminal, csv otherwise)")
	addChoiceFlag(cmd, &o.kind, "kind", []string{"month", "quarter", "year"}, "the periods shown: the book's months, quarters or years (default: month, or the kind of --from/--to)")
	cmd.Flags().Var(&o.from, "from", "the first period shown (2026-01, 2026-Q1, 2026)")
	cmd.Flags().Var(&o.to, "to", "the last period shown")
	cmd.Flags().Var(&o.reachMin, "reach-min", "the least share of person-periods at or above their norm, in percent; a KPI under it is flagged")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write a workbook (.xlsx) with a line chart of pay per person; stdout stays empty unless --format is given too")
	cmd.Flags().StringVar(&o.chart, "chart", "", "draw pay per person over the periods as a picture (.svg or .png)")
	addLangFlag(cmd, &o.lang, "language of the table, the workbook and the chart")
	cmd.Flags().StringVar(&o.book, "book", "", "the client's book (docs/book.md)")
	completeFolder(cmd, "book")
	completeFile(cmd, "output", "xlsx")
	completeFile(cmd, "chart", "svg", "png")
	noCompletion(cmd, "from", "to", "reach-min")
	return cmd
}

func runTrend(d *deps, o *trendOptions) error {
	if o.book == "" {
		return usagef("trend needs --book DIR: the client's book whose periods to show")
	}
	format := o.format
	if format == "" && o.output == "" && o.chart == "" {
		format = "csv"
		if d.isTerminal {
			format = "table"
		}
	}
	if o.output != "" && !strings.EqualFold(filepath.Ext(o.output), ".xlsx") {
		return usagef("-o %q: name the workbook .xlsx (the table, CSV and JSON go to stdout)", o.output)
	}
	if o.chart != "" {
		if _, err := chart.FormatOf(o.chart); err != nil {
			return usagef("--chart %q: name the picture .svg or .png", o.chart)
		}
	}
	kind := period.Month
	var from, to period.Period
	if o.from != "" {
		from, _ = period.Parse(string(o.from))
		kind = from.Kind()
	}
	if o.to != "" {
		to, _ = period.Parse(string(o.to))
		kind = to.Kind()
	}
	if o.kind != "" {
		kind, _ = period.ParseKind(o.kind)
	}
	if (o.from != "" && from.Kind() != kind) || (o.to != "" && to.Kind() != kind) {
		return usagef("--from, --to and --kind name different kinds of period: give periods of one kind (2026-01 with month, 2026-Q1 with quarter, 2026 with year)")
	}
	if o.from != "" && o.to != "" && from.First().After(to.First()) {
		return usagef("--from %s is after --to %s", from, to)
	}
	b, err := book.Open(o.book)
	if err != nil {
		return err
	}
	s, err := loadScheme(d, b.Scheme(), o.lang, d.designWarnings())
	if err != nil {
		return err
	}
	lang := o.lang.lang(s)
	d.lang = lang
	var periods []period.Period
	for _, p := range b.Periods() {
		if p.Kind() != kind || (o.from != "" && p.First().Before(from.First())) || (o.to != "" && p.First().After(to.First())) {
			continue
		}
		periods = append(periods, p)
	}
	if format == "csv" && o.output == "" && o.chart == "" {
		// CSV alone is written as it is read, a window of people at a time.
		if len(periods) == 0 {
			d.say(i18n.TalkTrendEmpty, o.book, kind.String())
		}
		w := bufio.NewWriterSize(d.stdout, 1<<16)
		if err := trendCSV(d, w, b, s, periods, o.lang); err != nil {
			_ = w.Flush() // the rows before the refusal
			return err
		}
		return w.Flush()
	}
	tb := trend.New(o.reachMin.q)
	if err := trendPeriods(d, tb, b, s, periods, o.lang); err != nil {
		return err
	}
	t := tb.Trend()
	if len(t.Periods) == 0 {
		d.say(i18n.TalkTrendEmpty, o.book, kind.String())
	}
	if o.output != "" && t.RowCount() > o.sheetRows {
		// A sheet holds 1,048,576 rows, the heading's among them.
		perPeriod := max(1, t.RowCount()/max(1, len(t.Periods)))
		return problem.Errorf("-o %s: the trend has %d rows of KPIs by period, more than a worksheet holds (%d): show fewer periods with --from and --to (%d a period: at most %d periods), or write CSV (--format csv) instead of the workbook", o.output, t.RowCount(), o.sheetRows, perPeriod, o.sheetRows/perPeriod)
	}
	// The table and JSON are made whole before anything is written; CSV
	// beside a workbook or a chart is written from the trend held for
	// them, after them.
	var out bytes.Buffer
	switch format {
	case "json":
		err = report.TrendJSON(&out, t)
	case "table":
		err = report.TrendTable(&out, t, lang)
	}
	if err != nil {
		return err
	}
	if o.output != "" {
		if err := report.SaveTrendWorkbook(o.output, t, lang); err != nil {
			return err
		}
		d.say(i18n.TalkWroteTrend, o.output, i18n.Count(lang, len(t.Periods), i18n.Periods))
		if len(t.People) > report.TrendChartSeries {
			d.say(i18n.TalkTrendNoChart, o.output, len(t.People), report.TrendChartSeries)
		}
	}
	if o.chart != "" {
		pic := report.TrendPicture(t, lang)
		if len(t.Periods) == 0 || len(t.People) == 0 {
			return problem.Errorf("--chart: the book has no %s to show: the chart has nothing to draw", kind.String())
		}
		if err := chart.Save(o.chart, pic); err != nil {
			return err
		}
		d.say(i18n.TalkWroteChart, o.chart, pic.Title)
	}
	if format == "csv" {
		w := bufio.NewWriterSize(d.stdout, 1<<16)
		if err := report.TrendCSV(w, t); err != nil {
			return err
		}
		return w.Flush()
	}
	_, err = d.stdout.Write(out.Bytes())
	return err
}

// trendPeriods takes the periods of book b into the trend, in order. A
// closed period's figures are streamed from its snapshot (book.ReadFiguresEach:
// a person at a time, read once, without the check calc --book makes),
// the snapshots read in parallel, a core each, at most one chunk a core
// ahead of the one taken in; any other period is computed as calc --book
// computes it (computePeriod), in turn.
func trendPeriods(d *deps, tb *trend.Builder, b *book.Book, s *plan.Scheme, periods []period.Period, lang langFlag) error {
	type read struct {
		c   *trend.Chunk
		ytd *calc.Earlier // the facts a later open period's year to date sums
		err error
	}
	// An open period counted from the year's start (prior: year-to-date)
	// sums the facts of the closed months before it: taken here from the
	// snapshots trend reads anyway, into the run's memo (deps.ytd) that
	// yearToDate reads, so that no snapshot is read twice.
	keep, _ := ytdKPIs(s)
	share := make([]bool, len(periods)) // decided here: the readers must not read deps.ytd while it is written
	for i, p := range periods {
		share[i] = keep != nil && d.ytd[p] == nil
	}
	got := make([]chan read, len(periods))
	for i := range got {
		got[i] = make(chan read, 1)
	}
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	done := make(chan struct{})
	defer close(done)
	go func() {
		for i, p := range periods {
			if _, ok := b.Closed(p); !ok {
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			}
			go func() {
				var e *calc.Earlier
				if share[i] {
					e = &calc.Earlier{Period: p.String(), Facts: map[string]calc.Facts{}}
				}
				c, err := closedChunk(b, p, e, keep)
				got[i] <- read{c, e, err}
			}()
		}
	}()
	for i, p := range periods {
		if _, ok := b.Closed(p); !ok {
			c, err := openChunk(d, b, s, p, lang)
			if err != nil {
				return err
			}
			tb.TakeChunk(s, c)
			continue
		}
		r := <-got[i]
		<-slots
		if r.err != nil {
			return r.err
		}
		tb.TakeChunk(s, r.c)
		if r.ytd != nil {
			if d.ytd == nil {
				d.ytd = map[period.Period]*calc.Earlier{}
			}
			d.ytd[p] = r.ytd
		}
	}
	return nil
}

// closedChunk is closed period p's figures, read from its snapshot into a
// trend chunk; with ytd, the facts of keep's KPIs into ytd as well, as
// readEarlier reads them.
func closedChunk(b *book.Book, p period.Period, ytd *calc.Earlier, keep []string) (*trend.Chunk, error) {
	name, _ := b.Closed(p)
	c := trend.NewChunk(p.String(), true)
	var take func(*book.Figures)
	if ytd != nil {
		take = earlierTaker(ytd, b, name, keep)
	}
	var l trend.Line
	h, err := book.ReadFiguresEach(b.Path(name), p, func(f *book.Figures) error {
		trendLine(&l, f)
		c.Take(&l)
		if take != nil {
			take(f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := trendMoney(c, b.Path(name), h); err != nil {
		return nil, err
	}
	return c, nil
}

// openChunk is period p of book b computed as calc --book computes it,
// each employee taken into the chunk as computed and calc's result
// forgotten (computePeriodEach), the chunk then put in id order. The
// chunk's reachability groups are met in the order the cores finish;
// every one is a role and KPI of the scheme computed with, which orders
// them (teamstats.GroupOrder), so the trend's order does not vary.
func openChunk(d *deps, b *book.Book, s *plan.Scheme, p period.Period, lang langFlag) (*trend.Chunk, error) {
	c := trend.NewChunk(p.String(), false)
	var mu sync.Mutex
	res, err := computePeriodEach(d, b, s, p, lang, func(e *calc.EmployeeResult) {
		var l trend.Line
		trend.ResultLine(&l, e)
		mu.Lock()
		c.Take(&l)
		mu.Unlock()
	})
	if err != nil {
		return nil, err
	}
	c.Money(res.Currency, res.Scale)
	c.SortByID()
	return c, nil
}

// trendLine makes l a snapshot's person's line, l's KPIs reused.
func trendLine(l *trend.Line, f *book.Figures) {
	*l = trend.Line{ID: f.ID, Name: f.Name, Role: f.Role, Department: f.Department, K: trendNum(f.K), Pay: trendNum(f.Total), KPIs: l.KPIs[:0]}
	for _, k := range f.KPIs {
		l.KPIs = append(l.KPIs, trend.LineKPI{ID: k.ID, Title: k.Title, Unit: k.Unit, Direction: k.Direction, Band: k.Band,
			Fact: trendNum(k.Fact), Norm: trendNum(k.Norm), Fulfilment: trendNum(k.Fulfilment)})
	}
}

// trendMoney sets c's money from a snapshot's heading, read from path.
func trendMoney(c *trend.Chunk, path string, h *book.Head) error {
	step, _, err := report.ParseRounding(h.Rounding)
	if err != nil {
		return problem.Errorf("%s: the snapshot's result cannot be read: %v", path, err)
	}
	c.Money(h.Currency, calc.Scale(step))
	return nil
}

// trendPiece is how many people a closed period's piece has when trend
// writes CSV as it reads (trendCSV); a test sets fewer.
var trendPiece = 512

// trendCSV writes the trend of book b's periods to w as CSV, a window of
// people at a time (trend.Stream, report.TrendCSVStream): the periods not
// closed are computed first, as calc --book computes them, and held; the
// closed ones' snapshots are then read at once, each at most two pieces
// of trendPiece people ahead of the window written, and met by id with
// them. What is held is the open periods and a window of each closed
// one: a year of 20,000 people with December open peaks as December's
// calc --book does. A snapshot refused part way (its total is checked
// at its end) stops the run with the rows before it written.
func trendCSV(d *deps, w io.Writer, b *book.Book, s *plan.Scheme, periods []period.Period, lang langFlag) error {
	labels := make([]trend.Period, len(periods))
	open := make([]*trend.Chunk, len(periods))
	for i, p := range periods {
		_, closed := b.Closed(p)
		labels[i] = trend.Period{Label: p.String(), Closed: closed}
		if closed {
			continue
		}
		c, err := openChunk(d, b, s, p, lang)
		if err != nil {
			return err
		}
		open[i] = c
	}
	// What the open periods' year to date read is needed no more.
	d.ytd = nil
	done := make(chan struct{})
	defer close(done)
	next := make([]func() (*trend.Chunk, error), len(periods))
	for i, p := range periods {
		if c := open[i]; c != nil {
			given := false
			next[i] = func() (*trend.Chunk, error) {
				if given {
					return nil, nil
				}
				given = true
				return c, nil
			}
			continue
		}
		next[i] = closedPieces(b, p, done)
	}
	return report.TrendCSVStream(w, func(each func(*trend.Trend) error) error {
		err := trend.Stream(labels, next, each)
		var oe *trend.OrderError
		if errors.As(err, &oe) {
			for i, l := range labels {
				if l.Label == oe.Period {
					name, _ := b.Closed(periods[i])
					return problem.Errorf("%s: %s comes after %s: a snapshot's people are in id order, as close writes them; it was edited by hand: restore it from git", b.Path(name), oe.ID, oe.After)
				}
			}
		}
		return err
	})
}

// closedPieces reads closed period p's snapshot in pieces of trendPiece
// people, in a goroutine of its own at most two pieces ahead, until done
// is closed: the next piece each call, nil at the end. The first piece
// (empty for a period of no one) carries the period's money.
func closedPieces(b *book.Book, p period.Period, done <-chan struct{}) func() (*trend.Chunk, error) {
	type piece struct {
		c   *trend.Chunk
		err error
	}
	ch := make(chan piece, 2)
	name, _ := b.Closed(p)
	path := b.Path(name)
	go func() {
		defer close(ch)
		send := func(pc piece) bool {
			select {
			case ch <- pc:
				return true
			case <-done:
				return false
			}
		}
		var cur *trend.Chunk
		var head *book.Head
		fresh := func() error {
			cur = trend.NewChunk(p.String(), true)
			if head != nil {
				return trendMoney(cur, path, head)
			}
			return nil
		}
		var l trend.Line
		var herr error
		h, err := book.ReadFiguresHeaded(path, p, func(h *book.Head) { head = h; herr = fresh() }, func(f *book.Figures) error {
			if herr != nil {
				return herr
			}
			if cur == nil {
				if err := fresh(); err != nil {
					return err
				}
			}
			trendLine(&l, f)
			cur.Take(&l)
			// A piece goes once the period's money is known: in a heading
			// after the people (not as close writes it), all are held.
			if head != nil && cur.Len() >= trendPiece {
				if !send(piece{c: cur}) {
					return errStopped
				}
				cur = nil
			}
			return nil
		})
		if err == nil && herr != nil {
			err = herr
		}
		if err != nil {
			send(piece{err: err})
			return
		}
		if cur == nil {
			cur = trend.NewChunk(p.String(), true) // the money, for a period of no one
		}
		if err := trendMoney(cur, path, h); err != nil {
			send(piece{err: err})
			return
		}
		send(piece{c: cur})
	}()
	return func() (*trend.Chunk, error) {
		select {
		case pc, ok := <-ch:
			if !ok {
				return nil, nil
			}
			return pc.c, pc.err
		case <-done:
			return nil, errStopped
		}
	}
}

// errStopped stops a reader when the run has stopped.
var errStopped = errors.New("stopped")

// trendNum is a snapshot's figure as the trend holds it: its parts, as
// written (numQ's reading, without making the ratio).
func trendNum(n book.Num) trend.Num {
	if !n.Valid() {
		return trend.Num{}
	}
	if c, e, ok := n.Parts(); ok {
		return trend.OfParts(c, e)
	}
	return trend.OfDecimal(n.Decimal())
}
