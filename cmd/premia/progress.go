package main

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/premia-pay/premia/internal/i18n"
)

// progress tells a person at a terminal how a long run goes: after the
// first progressAfter, a line on stderr, rewritten in place every
// progressEvery — "computed 45,000 of 100,000 employees (45 %)" — and
// erased when the run ends, so that what stays on the terminal is what
// premia says after. Nothing is shown when stderr is not a terminal (a
// log, a pipe) or with --quiet: a nil *progress does nothing.
type progress struct {
	w     io.Writer
	lang  string
	total int
	done  atomic.Int64
	now   func() time.Time
	start time.Time
	last  time.Time // when the line was last written; zero: never
	width int       // the length of the line written, to erase it
	mu    sync.Mutex
	stop  chan struct{}
	wg    sync.WaitGroup
}

const (
	progressAfter = 2 * time.Second
	progressEvery = 500 * time.Millisecond
)

// startProgress starts the progress of a run of total employees (0: not
// known), or returns nil when no one would see it.
func startProgress(d *deps, total int) *progress {
	if d == nil || !d.errTerminal || d.quiet {
		return nil
	}
	p := &progress{w: d.stderr, lang: d.lang, total: total, now: d.now, stop: make(chan struct{})}
	p.start = p.now()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(progressEvery / 5)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
	return p
}

// add counts n more employees computed; any core may call it.
func (p *progress) add(n int) {
	if p != nil {
		p.done.Add(int64(n))
	}
}

// tick writes the line when it is due.
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if now.Sub(p.start) < progressAfter || (!p.last.IsZero() && now.Sub(p.last) < progressEvery) {
		return
	}
	p.last = now
	line := progressLine(p.lang, int(p.done.Load()), p.total)
	pad := max(0, p.width-len(line))
	fmt.Fprintf(p.w, "\r%s%*s", line, pad, "")
	p.width = len(line)
}

// end stops the progress and erases its line, if one was written.
func (p *progress) end() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%*s\r", p.width, "")
	}
}

// progressLine is "computed 45,000 of 100,000 employees (45 %)", or
// "computed 45,000 employees" when the total is not known, in lang.
func progressLine(lang string, done, total int) string {
	if total <= 0 {
		return i18n.Say(lang, i18n.TalkProgressCount, grouped(lang, done))
	}
	return i18n.Say(lang, i18n.TalkProgress, grouped(lang, done), grouped(lang, total), done*100/max(total, 1))
}

// grouped is n with its thousands apart: 100,000; in Russian with a
// space, 100 000.
func grouped(lang string, n int) string {
	sep := ","
	if lang == "ru" {
		sep = "\u00a0" // a no-break space, as Russian writes 100 000
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}
