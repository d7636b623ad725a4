// Command floor measures the benchmark's floor for one run of premia: the
// least work any program must do to read its fact sheet and write its
// output, as the sum of linear steps (package bench/internal/floors):
//
//   - read: read the fact sheet's bytes, inflate every worksheet and the
//     shared strings and find each tag;
//   - deflate: compress every part of the workbooks premia wrote (taken
//     from premia's own output of the same run, read uncompressed into
//     memory before the clock starts) with premia's compressor and level
//     (compress/flate, BestSpeed), with CRC-32s, into zips in memory;
//   - files: create, write and close the output files (one workbook, or
//     one per employee for --split and plans, or a JSON file's bytes).
//
// Work is spread over every core where it can be (as premia spreads its
// own), so the floor is the least wall time on this machine.
//
//	floor -facts FACTS.xlsx [-book OUT.xlsx | -books DIR | -copy FILE] -scratch DIR [-level 1]
//
// It prints one JSON object: wall and CPU seconds of each step, the number
// of files and their bytes. The files go to a new folder in DIR, removed
// after.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/premia-pay/premia/bench/internal/floors"
)

func main() {
	facts := flag.String("facts", "", "the fact sheet premia read")
	book := flag.String("book", "", "premia's output workbook: deflate its parts, write one file")
	books := flag.String("books", "", "premia's output folder (--split, plans): deflate every workbook in it, write one file each")
	copyFile := flag.String("copy", "", "premia's output file (CSV, JSON): write its bytes")
	scratch := flag.String("scratch", os.TempDir(), "folder to write the files in (a new folder in it, removed after)")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines for inflating and deflating")
	level := flag.Int("level", floors.Level, "flate level to deflate at: premia's (bench/run.py reads it from premia's source)")
	flag.Parse()
	if *facts == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: floor -facts FACTS.xlsx [-book OUT.xlsx | -books DIR | -copy FILE] -scratch DIR")
		os.Exit(2)
	}
	out, err := run(*facts, *book, *books, *copyFile, *scratch, *level, *workers)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

func run(facts, book, books, copyFile, scratch string, level, workers int) (map[string]any, error) {
	// Untimed: premia's output, uncompressed in memory.
	var names []string
	var parts [][]floors.Part
	var plain [][]byte // files written as they are (.premia-set, a JSON file)
	var plainNames []string
	switch {
	case book != "":
		p, err := floors.Unzip(book)
		if err != nil {
			return nil, err
		}
		names, parts = []string{filepath.Base(book)}, [][]floors.Part{p}
	case books != "":
		entries, err := os.ReadDir(books)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			path := filepath.Join(books, e.Name())
			if strings.HasSuffix(e.Name(), ".xlsx") {
				p, err := floors.Unzip(path)
				if err != nil {
					return nil, err
				}
				names, parts = append(names, e.Name()), append(parts, p)
				continue
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			plainNames, plain = append(plainNames, e.Name()), append(plain, b)
		}
		if len(parts) == 0 {
			return nil, fmt.Errorf("%s: no workbooks", books)
		}
	case copyFile != "":
		b, err := os.ReadFile(copyFile)
		if err != nil {
			return nil, err
		}
		plainNames, plain = []string{filepath.Base(copyFile)}, [][]byte{b}
	}
	dir, err := os.MkdirTemp(scratch, "floor-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	runtime.GC()

	var tags int
	read, err := floors.Timed(func() error {
		data, err := os.ReadFile(facts)
		if err != nil {
			return err
		}
		tags, err = floors.Tokenize(data, workers)
		return err
	})
	if err != nil {
		return nil, err
	}
	var zips [][]byte
	deflate, err := floors.Timed(func() error {
		if len(parts) == 0 {
			return nil
		}
		zips, err = floors.Deflate(parts, level, workers)
		return err
	})
	if err != nil {
		return nil, err
	}
	all, allNames := append(zips, plain...), append(names, plainNames...)
	files, err := floors.Timed(func() error { return floors.WriteFiles(dir, allNames, all) })
	if err != nil {
		return nil, err
	}
	bytes := 0
	for _, b := range all {
		bytes += len(b)
	}
	return map[string]any{
		"read_s": read.Wall, "read_cpu_s": read.CPU, "tags": tags,
		"deflate_s": deflate.Wall, "deflate_cpu_s": deflate.CPU,
		"files_s": files.Wall, "files_cpu_s": files.CPU, "files": len(all), "bytes": bytes, "level": level,
		"total_s": read.Wall + deflate.Wall + files.Wall, "total_cpu_s": read.CPU + deflate.CPU + files.CPU,
	}, nil
}
