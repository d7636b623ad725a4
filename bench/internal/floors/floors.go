// Package floors holds the benchmark's linear floors: the least work any
// program must do to read a fact sheet and to write premia's output, each
// growing with the size of the files and nothing else. bench/read compares
// premia's read with Tokenize; bench/floor sums all three for bench/run.py.
//
//   - Tokenize: inflate every worksheet and the shared strings, find each tag.
//   - Deflate: compress a workbook's parts with the compressor premia uses
//     (klauspost/compress's flate at BestSpeed), CRC-32 each, and lay out
//     the zip.
//   - WriteFiles: create, write and close one file per workbook.
package floors

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/klauspost/compress/flate"
)

// Level is the flate level premia compresses sheets with: its workbook
// writer calls flate.NewWriter(&c.out, flate.BestSpeed) (internal/xlsx),
// with klauspost/compress's flate, as the floor does; premia inflates with
// it too, and so does the floor's tokenizer. bench/run.py reads the level from
// premia's source and passes it to bench/floor.
const Level = flate.BestSpeed

// Measure is the time one step took.
type Measure struct {
	CPU, Wall float64 // seconds; CPU is user + system of the whole process
}

// CPU is the process's user + system time so far, in seconds.
func CPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// Timed runs f and says how long it took.
func Timed(f func() error) (Measure, error) {
	c0, w0 := CPU(), time.Now()
	err := f()
	return Measure{CPU: CPU() - c0, Wall: time.Since(w0).Seconds()}, err
}

// each runs f(i) for i in [0, n) on workers goroutines; the first error wins.
func each(n, workers int, f func(i int) error) error {
	workers = max(1, min(workers, n))
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for i := range next {
				if first == nil {
					first = f(i)
				}
			}
			errs <- first
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Tokenize inflates every worksheet and the shared-string part of the
// workbook in data and tokenizes it: finds each tag, its end and its name,
// and the text between tags. It keeps nothing: the least any reader of the
// file must do. Parts are spread over workers goroutines (1: one after
// the other). It returns the number of tags.
func Tokenize(data []byte, workers int) (int, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err == nil {
		zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return flate.NewReader(r) })
	}
	if err != nil {
		return 0, err
	}
	var files []*zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") || f.Name == "xl/sharedStrings.xml" {
			files = append(files, f)
		}
	}
	counts := make([]int, len(files))
	err = each(len(files), workers, func(i int) error {
		n, err := tokenize(files[i])
		counts[i] = n
		return err
	})
	tags := 0
	for _, n := range counts {
		tags += n
	}
	if err == nil && tags == 0 {
		err = fmt.Errorf("no tags")
	}
	return tags, err
}

func tokenize(f *zip.File) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	tags, names, keep := 0, 0, 0
	for {
		n, err := io.ReadFull(rc, buf[keep:])
		chunk := buf[:keep+n]
		i := 0
		for {
			lt := bytes.IndexByte(chunk[i:], '<')
			if lt < 0 {
				i = len(chunk)
				break
			}
			gt := bytes.IndexByte(chunk[i+lt:], '>')
			if gt < 0 {
				i += lt
				break
			}
			tag := chunk[i+lt+1 : i+lt+gt]
			for k, c := range tag {
				if c == ' ' || c == '/' {
					names += k
					break
				}
			}
			tags++
			i += lt + gt + 1
		}
		keep = copy(buf, chunk[i:])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return tags, err
		}
	}
	if names < 0 {
		return tags, fmt.Errorf("no names")
	}
	return tags, nil
}

// Part is one entry of a zip, uncompressed.
type Part struct {
	Name string
	Data []byte
}

// Unzip reads every part of the zip at path into memory, uncompressed.
func Unzip(path string) ([]Part, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	parts := make([]Part, 0, len(zr.File))
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, f.Name, err)
		}
		parts = append(parts, Part{f.Name, data})
	}
	return parts, nil
}

// Deflate compresses every part of every book at level, with its CRC-32,
// and lays each book out as a zip in memory. Books are spread over workers
// goroutines, each with one flate writer it resets, as premia keeps its
// compressors; a single book's parts are spread the same way.
func Deflate(books [][]Part, level, workers int) ([][]byte, error) {
	if _, err := flate.NewWriter(nil, level); err != nil {
		return nil, err
	}
	if len(books) == 1 {
		b, err := deflateBook(books[0], level, workers)
		return [][]byte{b}, err
	}
	out := make([][]byte, len(books))
	pool := sync.Pool{New: func() any { fw, _ := flate.NewWriter(nil, level); return fw }}
	err := each(len(books), workers, func(i int) error {
		fw := pool.Get().(*flate.Writer)
		defer pool.Put(fw)
		raws := make([]raw, len(books[i]))
		for k, p := range books[i] {
			raws[k] = compress(fw, p)
		}
		var err error
		out[i], err = layout(raws)
		return err
	})
	return out, err
}

// raw is a compressed part.
type raw struct {
	name       string
	crc        uint32
	size       int
	compressed []byte
}

func compress(fw *flate.Writer, p Part) raw {
	var buf bytes.Buffer
	buf.Grow(len(p.Data)/4 + 64)
	fw.Reset(&buf)
	fw.Write(p.Data)
	fw.Close()
	return raw{p.Name, crc32.ChecksumIEEE(p.Data), len(p.Data), buf.Bytes()}
}

func deflateBook(parts []Part, level, workers int) ([]byte, error) {
	raws := make([]raw, len(parts))
	writers := make(chan *flate.Writer, max(workers, 1))
	for range max(workers, 1) {
		fw, _ := flate.NewWriter(nil, level)
		writers <- fw
	}
	each(len(parts), workers, func(i int) error {
		fw := <-writers
		raws[i] = compress(fw, parts[i])
		writers <- fw
		return nil
	})
	return layout(raws)
}

func layout(raws []raw) ([]byte, error) {
	total := 0
	for _, r := range raws {
		total += len(r.compressed) + 2*len(r.name) + 100
	}
	var buf bytes.Buffer
	buf.Grow(total)
	zw := zip.NewWriter(&buf)
	for _, r := range raws {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: r.name, Method: zip.Deflate, CRC32: r.crc,
			CompressedSize64: uint64(len(r.compressed)), UncompressedSize64: uint64(r.size),
		})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(r.compressed); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFiles creates, writes and closes one file in dir per blob, named
// by names, one after the other. dir must exist.
func WriteFiles(dir string, names []string, blobs [][]byte) error {
	for i, b := range blobs {
		f, err := os.OpenFile(filepath.Join(dir, names[i]), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
