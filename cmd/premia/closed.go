package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/internal/report"
	"github.com/premia-pay/premia/plan"
)

// A closed period (docs/book.md §3) is read from its snapshot; a run of
// it recomputes the period from the book and compares, so that "why is
// October different now?" is answered figure by figure, with the cause.

// maxDifferences caps the differences listed for one check; the rest
// are counted.
const maxDifferences = 200

// closedCheck is a closed period's snapshot and, unless the fact sheet is
// gone, the book's figures of it now and how they differ.
type closedCheck struct {
	bp      *bookPeriod
	snap    *book.Snapshot
	path    string // the snapshot's path, as messages name it
	diffs   []book.Difference
	changes book.Changes
	// l and res are the run now (nil when the fact sheet is gone, or the
	// book no longer computes the period: broken, the error).
	l      *loaded
	res    *calc.Result
	broken error
}

// readClosed reads the snapshot of a closed book period.
func readClosed(bp *bookPeriod) (*closedCheck, error) {
	path := bp.b.Path(bp.closed)
	snap, err := book.ReadSnapshot(path, bp.p)
	if err != nil {
		return nil, err
	}
	return &closedCheck{bp: bp, snap: snap, path: path}, nil
}

// check recomputes the period from the book (with opt: the steps for an
// explanation) and compares its figures and inputs with the snapshot's.
func (c *closedCheck) check(d *deps, lang langFlag, opt calc.Options) error {
	if c.bp.facts == "" {
		c.changes = c.snap.Changes(c.snap.Scheme.SHA256, "", premiaVersion())
		return nil
	}
	l, res, err := compute(d, c.bp.scheme, c.bp.facts, periodFlag(c.bp.p.String()), lang, opt)
	if err != nil {
		// The book no longer computes the period (a column a later scheme
		// reads, a scheme that does not read): the check fails, and the
		// snapshot's figures still stand.
		c.broken = err
		c.changes = c.snap.Changes(c.shaNow(c.bp.scheme), c.shaNow(c.bp.facts), premiaVersion())
		return nil
	}
	var now bytes.Buffer
	if err := report.JSON(&now, res); err != nil {
		return err
	}
	if c.diffs, err = book.Diff(c.snap.Result, now.Bytes()); err != nil {
		return problem.Errorf("%s: %v", c.path, err)
	}
	c.changes = c.snap.Changes(l.s.SHA256, l.src.SHA256, premiaVersion())
	c.l, c.res = l, res
	return nil
}

// only keeps the differences of the employee id (an explanation's).
func (c *closedCheck) only(id string) {
	var keep []book.Difference
	for _, x := range c.diffs {
		if x.Who == id {
			keep = append(keep, x)
		}
	}
	c.diffs = keep
}

// failed reports whether the check failed: a figure differs, or the fact
// sheet the period was closed with is gone. Inputs that changed while
// every figure stayed the same (a comment in the scheme, a workbook saved
// again) do not fail it: the figures are what a closed period keeps.
func (c *closedCheck) failed() bool {
	return len(c.diffs) > 0 || c.changes.FactsGone || c.broken != nil
}

// shaNow is the SHA-256 of a book's input now, as the snapshot records
// it: of the scheme's bytes; of a fact sheet as its reader makes it (a
// CSV folder's tables); "" when it cannot be read.
func (c *closedCheck) shaNow(path string) string {
	if path == c.bp.scheme {
		b, err := os.ReadFile(path)
		if err != nil {
			return ""
		}
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:])
	}
	src, err := factsheet.Load(path)
	if err != nil {
		return ""
	}
	defer src.Close()
	return src.SHA256
}

// cause is what changed, short, for each difference's line.
func (c *closedCheck) cause() problem.Text {
	var parts []problem.Text
	if c.changes.Scheme {
		parts = append(parts, problem.New("the scheme changed"))
	}
	if c.changes.Facts {
		parts = append(parts, problem.New("the fact sheet changed"))
	}
	if c.changes.Premia {
		parts = append(parts, problem.New("premia changed"))
	}
	switch len(parts) {
	case 0:
		return problem.New("no input changed and premia is the same: a fault of premia; please report it")
	case 1:
		return parts[0]
	case 2:
		return problem.New("%s and %s", parts[0], parts[1])
	}
	return problem.New("%s, %s and %s", parts[0], parts[1], parts[2])
}

// short is a SHA-256 as a message shows it: its first 12 digits.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12] + "…"
	}
	return sha
}

// report writes on stderr what changed since closing, then each figure
// that differs (up to maxDifferences) with its cause.
func (c *closedCheck) report(d *deps) {
	w := d.words()
	line := func(t problem.Text) { fmt.Fprintln(d.stderr, t.In(w)) }
	s := c.snap
	if c.changes.Scheme {
		line(problem.New("%s: the scheme changed since closing: %s had sha256 %s, and has %s now", c.path, s.Scheme.File, short(s.Scheme.SHA256), short(c.changes.SchemeSHA256)))
	}
	if c.changes.Facts {
		line(problem.New("%s: the fact sheet changed since closing: %s had sha256 %s, and has %s now", c.path, s.Facts.File, short(s.Facts.SHA256), short(c.changes.FactsSHA256)))
	}
	if c.changes.FactsGone {
		line(problem.New("%s: the fact sheet is gone: %s, which %s was closed with, is not in the book, and its figures cannot be checked", c.path, s.Facts.File, s.Period))
	}
	if c.changes.Premia {
		line(problem.New("%s: premia changed since closing: %s closed it, %s recomputed it", c.path, s.Premia, c.changes.Version))
	}
	if c.broken != nil {
		line(problem.New("%s: the book no longer computes %s, and its figures cannot be compared:", c.path, s.Period))
		fmt.Fprintln(d.stderr, problem.In(c.broken, w))
	}
	cause := c.cause()
	for i, x := range c.diffs {
		if i == maxDifferences {
			line(problem.New("%s: … and %d more differences", c.path, len(c.diffs)-maxDifferences))
			break
		}
		line(differenceLine(c.path, x, cause))
	}
}

// differenceLine is one difference as a message.
func differenceLine(path string, x book.Difference, cause problem.Text) problem.Text {
	val := func(v string) string {
		if v == "" {
			return "—"
		}
		return v
	}
	switch {
	case x.Who == "":
		return problem.New("%s: %s: %s at closing, %s now (%s)", path, x.What, val(x.Then), val(x.Now), cause)
	case x.What == "" && x.Then == "":
		return problem.New("%s: %s %s: not in the snapshot, paid %s now (%s)", path, x.Who, x.Name, x.Now, cause)
	case x.What == "":
		return problem.New("%s: %s %s: paid %s at closing, not in the run now (%s)", path, x.Who, x.Name, x.Then, cause)
	}
	return problem.New("%s: %s %s: %s: %s at closing, %s now (%s)", path, x.Who, x.Name, x.What, val(x.Then), val(x.Now), cause)
}

// verdict is the check's last word: nil when it passed (said on stderr,
// with what changed while the figures stayed), else the error that ends
// the run; then is what the command does about it (the snapshot's
// figures stand; the snapshot is not written over).
func (c *closedCheck) verdict(d *deps, then problem.Text) error {
	if !c.failed() {
		if c.changes.Any() {
			d.say(i18n.TalkClosedSameDespite, c.path, c.whatChanged().In(d.words()))
		} else {
			d.say(i18n.TalkClosedSame, c.path)
		}
		return nil
	}
	c.report(d)
	if c.broken != nil {
		return problem.Errorf("%s: %s cannot be checked (%s): %s", c.path, c.snap.Period, c.cause(), then)
	}
	if c.changes.FactsGone && len(c.diffs) == 0 {
		return problem.Errorf("%s: %s cannot be checked: %s", c.path, c.snap.Period, then)
	}
	return problem.Errorf("%s: %s was closed on %s with other figures than the book gives now: %d differ (%s); %s", c.path, c.snap.Period, c.snap.Closed, len(c.diffs), c.cause(), then)
}

// whatChanged names the inputs that changed, for the note of a check
// whose figures are all the same.
func (c *closedCheck) whatChanged() problem.Text {
	if c.changes.Premia && !c.changes.Scheme && !c.changes.Facts {
		return problem.New("premia changed: %s closed the period, %s recomputed it", c.snap.Premia, c.changes.Version)
	}
	return c.cause()
}

// snapshotScheme is the scheme the snapshot's figures are shown with: the
// one it was closed with, as it keeps it; the book's when that no longer
// reads (said on stderr).
func (c *closedCheck) snapshotScheme(d *deps, current *plan.Scheme) *plan.Scheme {
	s, err := plan.Parse(strings.NewReader(c.snap.Scheme.Text), c.path+" ("+c.snap.Scheme.File+")")
	if err == nil {
		if _, err = s.Validate(); err == nil {
			return s
		}
	}
	fmt.Fprintln(d.stderr, problem.New("warning: %s: the scheme it was closed with does not read with this premia (%v): its figures are shown with the book's scheme", c.path, err).In(d.words()))
	return current
}

// printSnapshot writes the snapshot's figures to stdout in format (table,
// csv or json), or to -o out (.csv, .json), as calc writes a run's.
func (c *closedCheck) printSnapshot(d *deps, format, out string, current *plan.Scheme, lang string) error {
	res, err := report.ReadJSON(c.snap.Result)
	if err != nil {
		return problem.Errorf("%s: the snapshot's result cannot be read (%v): restore it from git", c.path, err)
	}
	s := c.snapshotScheme(d, current)
	if s == nil && (format != "json" || out != "" && !strings.EqualFold(filepath.Ext(out), ".json")) {
		return problem.Errorf("%s: neither the scheme it was closed with nor the book's reads: its figures can be shown as JSON only (--format json)", c.path)
	}
	if out != "" {
		ext := strings.ToLower(filepath.Ext(out))
		return writeOutput(d, &calcOptions{output: out}, ext, &loaded{s: s, lang: lang}, res)
	}
	return printResult(d, format, s, res, lang)
}

// schemeNow is the book's scheme and the run's language, as the check
// read them (the scheme alone, when the fact sheet is gone).
func (c *closedCheck) schemeNow(d *deps, lang langFlag) (*plan.Scheme, string) {
	if c.l != nil {
		return c.l.s, c.l.lang
	}
	s, err := loadScheme(d, c.bp.scheme, lang, io.Discard)
	if err != nil {
		return nil, d.lang
	}
	return s, d.lang
}
