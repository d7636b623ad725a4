package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
)

type closeOptions struct {
	book   string
	period periodFlag
	date   dateFlag
	lang   langFlag
}

func newCloseCmd(d *deps) *cobra.Command {
	o := &closeOptions{}
	cmd := &cobra.Command{
		Use:   "close --book DIR --period PERIOD [--date YYYY-MM-DD]",
		Short: "Close a period of a client's book: write its figures into an immutable snapshot",
		Long: `Compute the period from the book (DIR/scheme.yaml and DIR/facts/PERIOD) and
write its snapshot, DIR/closed/PERIOD.json: every employee's figures and the
totals (calc's JSON output), the SHA-256 of the scheme and of the fact sheet,
the scheme's text, premia's version and the day of closing (--date, else
today). Nothing is written unless every employee was computed.

A snapshot is never written over. Run on a period that is closed already,
close recomputes it from the book and compares: with every figure the same it
exits 0 and writes nothing; a figure that differs is listed with its cause
(the scheme, the fact sheet or premia changed since closing) and the exit
code is 1. Every later command that reads a closed period (calc --book,
explain --book) shows the snapshot's figures and checks them the same way
(docs/book.md).`,
		Example: `  # Close October once it is paid
  premia close --book clients/acme --period 2026-10

  # The same, dated as it was paid
  premia close --book clients/acme --period 2026-10 --date 2026-11-03

  # Run again later: exit 0 if October's figures are the same, else each
  # difference and its cause, exit 1
  premia close --book clients/acme --period 2026-10`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("close takes no arguments: --book DIR --period PERIOD (got %s)", i18n.Count("en", len(args), i18n.Arguments))
			}
			if o.book == "" {
				return usagef("--book DIR is required: the client's book whose period to close")
			}
			return nil
		},
		RunE: func(*cobra.Command, []string) error { return runClose(d, o) },
	}
	addPeriodFlag(cmd, &o.period, "the period to close (required): a month (2026-10), a quarter (2026-Q4) or a year (2026)")
	cmd.Flags().Var(&o.date, "date", "the day of closing, YYYY-MM-DD (default: today)")
	noCompletion(cmd, "date")
	addLangFlag(cmd, &o.lang, "language of the messages")
	addBookFlag(cmd, &o.book, "the client's book (docs/book.md): DIR/scheme.yaml, DIR/facts/PERIOD, DIR/closed/")
	return cmd
}

func runClose(d *deps, o *closeOptions) error {
	bp, err := openBook(o.book, o.period)
	if err != nil {
		return err
	}
	d.book = bp
	if bp.closed != "" {
		// Closed already: recompute and compare; never written over.
		c, err := readClosed(bp)
		if err != nil {
			return err
		}
		if err := c.check(d, o.lang, calc.Options{Release: true, SkipSteps: true}); err != nil {
			return err
		}
		if err := c.verdict(d, problem.New("the snapshot is not written over")); err != nil {
			return err
		}
		d.say(i18n.TalkClosedAlready, c.path, c.snap.Period, c.snap.Closed)
		return nil
	}
	if bp.facts == "" { // not closed, so openBook found one
		return problem.Errorf("internal error, please report it: no fact sheet for %s", bp.p)
	}
	// The scheme's bytes, kept in the snapshot, must be the bytes the
	// figures were computed from.
	text, err := os.ReadFile(bp.scheme)
	if err != nil {
		return problem.Errorf("%s: cannot read the scheme: %v", bp.scheme, err)
	}
	l, res, err := compute(d, bp.scheme, bp.facts, periodFlag(bp.p.String()), o.lang, calc.Options{Release: true, SkipSteps: true})
	if err != nil {
		return err
	}
	d.lang = l.lang
	if sum := sha256.Sum256(text); hex.EncodeToString(sum[:]) != l.s.SHA256 {
		return problem.Errorf("%s: the scheme changed while premia read it: close the period again", bp.scheme)
	}
	var out bytes.Buffer
	if err := report.JSON(&out, res); err != nil {
		return err
	}
	day := d.now()
	if o.date.t != nil {
		day = *o.date.t
	}
	snap := &book.Snapshot{Format: book.SnapshotFormat, Period: bp.p.String(), Closed: day.Format("2006-01-02"), Premia: premiaVersion(),
		Scheme: book.Input{File: book.SchemeFile, SHA256: l.s.SHA256, Text: string(text)},
		Facts:  book.Input{File: bp.factsName, SHA256: l.src.SHA256},
		Result: out.Bytes()}
	data, err := snap.Encode()
	if err != nil {
		return err
	}
	rel := book.SnapshotName(bp.p)
	path := bp.b.Path(rel)
	err = atomicfile.Create(path, func(w io.Writer) error { _, err := w.Write(data); return err }, func(f *os.File) error {
		back, err := io.ReadAll(io.NewSectionReader(f, 0, 1<<62))
		if err != nil || !bytes.Equal(back, data) {
			return problem.Errorf("the file does not read back as written")
		}
		_, err = book.ParseSnapshot(back, path, bp.p)
		return err
	})
	if errors.Is(err, atomicfile.ErrExists) {
		return problem.Errorf("%s: %s was closed meanwhile (the snapshot exists now): it is not written over; run close again to compare", path, bp.p)
	}
	if err != nil {
		return err
	}
	d.say(i18n.TalkClosedWrote, bp.p, path, d.count(res.Count, i18n.Employees), res.Total.StringFixed(res.Scale), res.Currency)
	return nil
}
