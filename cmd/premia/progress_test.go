package main

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine's writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// TestProgress: on a terminal, nothing for the first 2 s; then the line,
// rewritten in place no more than every half second; erased at the end.
// Not on a terminal, or with --quiet, nothing at all.
func TestProgress(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var at atomic.Int64 // nanoseconds after t0, the fake clock
	now := func() time.Time { return t0.Add(time.Duration(at.Load())) }
	var out syncBuffer
	d := &deps{stderr: &out, errTerminal: true, now: now}
	p := startProgress(d, 100000)
	step := func(after time.Duration) {
		at.Store(int64(after))
		p.tick()
	}
	p.add(45000)
	step(time.Second) // too soon
	step(2500 * time.Millisecond)
	p.add(55000)
	step(2700 * time.Millisecond) // within half a second of the last line
	step(3100 * time.Millisecond)
	p.end()
	first := "computed 45,000 of 100,000 employees (45 %)"
	last := "computed 100,000 of 100,000 employees (100 %)"
	want := "\r" + first + "\r" + last + "\r" + strings.Repeat(" ", len(last)) + "\r"
	if got := out.b.String(); got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
	for _, off := range []*deps{{stderr: &out, now: now}, {stderr: &out, errTerminal: true, quiet: true, now: now}} {
		if p := startProgress(off, 10); p != nil {
			t.Errorf("progress shown with terminal %v, quiet %v", off.errTerminal, off.quiet)
			p.end()
		}
	}
	if got := progressLine("en", 1234, 0); got != "computed 1,234 employees" {
		t.Errorf("without a total: %q", got)
	}
	if got := progressLine("ru", 45000, 100000); got != "рассчитано 45\u00a0000 из 100\u00a0000 сотрудников (45 %)" {
		t.Errorf("in Russian: %q", got)
	}
}
