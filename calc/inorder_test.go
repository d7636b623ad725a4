package calc

import (
	"math/rand"
	"sync"
	"testing"
)

// TestInOrder: values emitted from many goroutines in a shuffled order
// reach f in index order, each once, one call at a time.
func TestInOrder(t *testing.T) {
	const n = 1000
	var got []int
	emit, done := InOrder(func(i int, v int) {
		if v != i*10 {
			t.Errorf("place %d carries %d, want %d", i, v, i*10)
		}
		got = append(got, i) // no lock: InOrder calls f one at a time
	})
	order := rand.New(rand.NewSource(1)).Perm(n)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < n; k += 8 {
				emit(order[k], order[k]*10)
			}
		}(w)
	}
	wg.Wait()
	if done() != n || len(got) != n {
		t.Fatalf("f had %d values (done says %d), want %d", len(got), done(), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("call %d was for place %d", i, v)
		}
	}
}
