package factsheet

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/premia-pay/premia/plan"
)

func TestZZMem(t *testing.T) {
	dir := os.Getenv("MEMDIR")
	if dir == "" {
		t.Skip()
	}
	s, err := plan.Load(dir + "/scheme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src, err := Load(dir + "/facts.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	in, _, err := src.Read(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	f, _ := os.Create("/tmp/heap.prof")
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("employees %d heap in use %d MB", len(in.Employees), ms.HeapInuse>>20)
	runtime.KeepAlive(in)
	runtime.KeepAlive(src)
}
