package spool

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
)

// TestSorted: rows added from several goroutines in any order come back in
// the order of their keys, each whole, whatever their sizes; the file is
// removed on Close.
func TestSorted(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	const n = 5000
	keys := rng.Perm(n)
	rows := map[string]string{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				k := fmt.Sprintf("E%05d", keys[i])
				row := strings.Repeat(k, 1+keys[i]%97) + "\n" // rows from 7 bytes to 600
				mu.Lock()
				rows[k] = row
				mu.Unlock()
				if err := s.Add(k, []byte(row)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if dup, err := s.Sort(); err != nil || dup != "" {
		t.Fatalf("Sort: %q, %v", dup, err)
	}
	var want []string
	for k := range rows {
		want = append(want, k)
	}
	sort.Strings(want)
	i := 0
	err = s.Each(func(row []byte) error {
		if got := string(row); got != rows[want[i]] {
			t.Fatalf("row %d: %.20q…, want %.20q…", i, got, rows[want[i]])
		}
		i++
		return nil
	})
	if err != nil || i != n {
		t.Fatalf("%d rows, %v", i, err)
	}
	s.Close()
}

// TestNoFileLeft: the spool's file is in no folder while it is used (a run
// that is killed leaves nothing), nor after Close.
func TestNoFileLeft(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	s.Add("k", []byte("pay"))
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("while in use, the spool is in the folder: %v", left)
	}
	if _, err := s.Sort(); err != nil {
		t.Fatal(err)
	}
	var got string
	s.Each(func(row []byte) error { got = string(row); return nil })
	s.Close()
	if got != "pay" {
		t.Errorf("the row reads %q", got)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("after Close: %v", left)
	}
}

// TestDuplicate: a key added twice is found; rows of equal keys keep the
// order they were added in.
func TestDuplicate(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, kr := range [][2]string{{"b", "1"}, {"a", "2"}, {"b", "3"}, {"c", "4"}} {
		s.Add(kr[0], []byte(kr[1]))
	}
	dup, err := s.Sort()
	if err != nil || dup != "b" {
		t.Fatalf("Sort: %q, %v; want b", dup, err)
	}
	var got []string
	s.Each(func(row []byte) error { got = append(got, string(row)); return nil })
	if strings.Join(got, "") != "2134" {
		t.Errorf("order %v, want 2 1 3 4", got)
	}
}
