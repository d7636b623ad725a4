// Command premia computes KPI-based pay from a motivation scheme (YAML) and a
// month's fact sheet (Excel or CSV).
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
