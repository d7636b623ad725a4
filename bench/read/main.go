// Command read measures reading a fact sheet, against the floor of doing
// nothing but inflate and tokenize its XML (floors.Tokenize, shared with
// bench/floor):
//
//	go run ./bench/read -scheme bench/data/100000/scheme.yaml -facts bench/data/100000/facts.xlsx
//
// It prints one JSON object: for the floor and for premia's read
// (factsheet.Load and Read), the CPU seconds (user + system, from getrusage)
// and wall seconds, the bytes the input holds once read (live heap after a
// collection, less the heap before), per employee, and the peak heap.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/premia-pay/premia/bench/internal/floors"
	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/factsheet"
	"github.com/premia-pay/premia/plan"
)

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
	// The floor of bench/internal/floors, one part after the other: CPU is
	// what is compared.
	fl, err := floors.Timed(func() error { _, err := floors.Tokenize(data, 1); return err })
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
	rd, err := floors.Timed(func() error {
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
