package report

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

const benchScheme = `version: 1
id: bench
currency: RUB
roles:
  - id: m
    fixed: 30000
    variable: 20000
    bonus: {method: index}
    kpis:
      - {id: a, weight: 0.4, base: 80, norm: 95, target: 100}
      - {id: b, weight: 0.3, base: 60000, norm: 50000, target: 45000}
      - {id: c, weight: 0.3, base: 100, norm: 150, target: 180}
`

// benchResult computes n employees with varied facts.
func benchResult(b *testing.B, n int) (*plan.Scheme, *calc.Result) {
	s, _, err := plan.Check(strings.NewReader(benchScheme), "bench.yaml")
	if err != nil {
		b.Fatal(err)
	}
	in := &calc.Input{}
	for i := 0; i < n; i++ {
		v := func(x int) calc.Value { return calc.Value{V: decimal.NewFromInt(int64(x)), Src: calc.Note("bench")} }
		in.Employees = append(in.Employees, calc.Employee{
			ID: fmt.Sprintf("E%05d", i), Name: fmt.Sprintf("Employee %d", i), Role: "m", Src: calc.Note("bench"),
			Facts: calc.FactsOf(map[string]calc.Value{"a": v(75 + i%30), "b": v(44000 + i%17000), "c": v(90 + i%100)}),
		})
	}
	res, err := calc.Run(s, in, calc.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s, res
}

// BenchmarkWriteReport writes the full report (summary, one sheet per
// employee, audit) for growing numbers of employees; "ns/sheet" must stay
// flat as the count grows.
func BenchmarkWriteReport(b *testing.B) {
	for _, n := range []int{100, 250, 500, 1000} {
		b.Run(fmt.Sprintf("employees=%d", n), func(b *testing.B) {
			s, res := benchResult(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := WriteReport(io.Discard, s, res, ReportInfo{Lang: "en", Version: "bench"}, Part{Summary: true, Details: res.Employees}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/sheet")
		})
	}
}
