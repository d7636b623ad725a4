// Command read measures reading a fact sheet, against the floor of doing
// nothing but inflate and tokenize its XML:
//
//	go run ./bench/read -scheme bench/data/100000/scheme.yaml -facts bench/data/100000/facts.xlsx
//
// It prints one JSON object: for the floor and for premia's read
// (factsheet.Load and Read), the CPU seconds (user + system, from getrusage)
// and wall seconds, the bytes the input holds once read (live heap after a
// collection, less the heap before), per employee, and the peak heap.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

type measure struct {
	CPU, Wall float64
}

func cpu() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func timed(f func() error) (measure, error) {
	c0, w0 := cpu(), time.Now()
	err := f()
	return measure{CPU: cpu() - c0, Wall: time.Since(w0).Seconds()}, err
}

// floor inflates every worksheet and shared-string part and tokenizes it:
// finds each tag, its end and its name, and the text between tags. It
// keeps nothing: the least any reader of the file must do.
func floor(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	buf := make([]byte, 256<<10)
	tags, names := 0, 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") && f.Name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		keep := 0
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
				return err
			}
		}
		rc.Close()
	}
	if tags == 0 || names < 0 {
		return fmt.Errorf("no tags")
	}
	return nil
}

func main() {
	schemePath := flag.String("scheme", "", "scheme")
	factsPath := flag.String("facts", "", "fact sheet")
	profile := flag.String("cpuprofile", "", "write a CPU profile of premia's read")
	flag.Parse()
	s, _, err := plan.Open(*schemePath)
	if err != nil {
		fail(err)
	}
	data, err := os.ReadFile(*factsPath)
	if err != nil {
		fail(err)
	}
	fl, err := timed(func() error { return floor(data) })
	if err != nil {
		fail(err)
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
	}
	// The read is timed to its return; the collection that measures what
	// it holds comes after, and is not the read's.
	var in *calc.Input
	rd, err := timed(func() error {
		src, err := factsheet.Load(*factsPath)
		if err != nil {
			return err
		}
		in, _, err = src.Read(s, factsheet.Options{})
		return err
	})
	if *profile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		fail(err)
	}
	employees := len(in.Employees)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	held := after.HeapAlloc - before.HeapAlloc - uint64(len(data)) // the source's bytes are let go after reading
	runtime.KeepAlive(in)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"employees": employees, "floor_cpu_s": fl.CPU, "floor_wall_s": fl.Wall,
		"read_cpu_s": rd.CPU, "read_wall_s": rd.Wall, "read_over_floor_cpu": rd.CPU / fl.CPU,
		"held_bytes_per_employee": held / uint64(max(employees, 1)), "heap_sys_mb": ms.HeapSys >> 20,
	})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "read:", err)
	os.Exit(1)
}
