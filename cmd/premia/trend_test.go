package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/premia-pay/premia/internal/book"
	"github.com/premia-pay/premia/internal/period"
	"github.com/premia-pay/premia/internal/teamstats"
)

// TestTrendHandWorked: testdata/book-acme/book, two managers, fixed 30000,
// variable 20000, K = sales / 400000 (weight 1, base 0), commission 1 % of
// sales; October closed (its snapshot), November and December computed.
//
//	M-01 Oct 440000: K 1.1,  pay 30000 + 20000×1.1  + 4400 = 56400 (the snapshot's)
//	M-01 Nov 400000: K 1,    pay 30000 + 20000      + 4000 = 54000
//	M-01 Dec 380000: K 0.95, pay 30000 + 19000      + 3800 = 52800
//	M-02 Oct 300000: K 0.75, pay 30000 + 15000      + 3000 = 48000
//	M-02 Nov 360000: K 0.9,  pay 30000 + 18000      + 3600 = 51600
//	M-02 Dec 500000: K 1.25, pay 30000 + 25000      + 5000 = 60000
//
// Reachability of sales: at or above 400000 in M-01 Oct, Nov and M-02 Dec:
// 3 of 6 = 50 %, under 70 %: flagged.
func TestTrendHandWorked(t *testing.T) {
	code, out, errOut := premia(t, "trend", "--book", "../../testdata/book-acme/book", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := []string{
		"2026-10,true,M-01,Olga Belova,manager,,sales,440000,400000,1.1,true,1.1,56400.00",
		"2026-11,false,M-01,Olga Belova,manager,,sales,400000,400000,1,true,1,54000.00",
		"2026-12,false,M-01,Olga Belova,manager,,sales,380000,400000,0.95,false,0.95,52800.00",
		"2026-10,true,M-02,Irina Kuznetsova,manager,,sales,300000,400000,0.75,false,0.75,48000.00",
		"2026-11,false,M-02,Irina Kuznetsova,manager,,sales,360000,400000,0.9,false,0.9,51600.00",
		"2026-12,false,M-02,Irina Kuznetsova,manager,,sales,500000,400000,1.25,true,1.25,60000.00",
	}
	for _, w := range want {
		if !strings.Contains(out, w+"\n") {
			t.Errorf("missing %q in\n%s", w, out)
		}
	}
	_, tab, _ := premia(t, "trend", "--book", "../../testdata/book-acme/book", "--format", "table")
	if !strings.Contains(tab, "manager  sales        3            6    50%  ! under 70%") {
		t.Errorf("reachability: got\n%s", tab)
	}
}

// TestTrendWorkbookTooBig: a trend of more KPI rows than the workbook's
// sheet holds is refused, naming --from/--to and CSV, and nothing is
// written. testdata/book-acme/book has 2 managers × 1 KPI with a norm
// each month (sales; q_sales is the quarter's) × 3 months = 6 rows; with a
// sheet of 5 rows: 2 rows a period, so at most 5 / 2 = 2 periods fit.
func TestTrendWorkbookTooBig(t *testing.T) {
	out := filepath.Join(t.TempDir(), "trend.xlsx")
	var stdout, stderr bytes.Buffer
	d := &deps{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	o := &trendOptions{book: "../../testdata/book-acme/book", output: out, reachMin: reachFlag{q: teamstats.DefaultReachMin, text: "70"}, sheetRows: 5}
	err := runTrend(d, o)
	want := "-o " + out + ": the trend has 6 rows of KPIs by period, more than a worksheet holds (5): show fewer periods with --from and --to (2 a period: at most 2 periods), or write CSV (--format csv) instead of the workbook"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written: %v", out, err)
	}
	// Two months fit: 4 rows.
	o.from, o.to = "2026-11", "2026-12"
	if err := runTrend(d, o); err != nil {
		t.Errorf("two months: %v", err)
	}
}

// TestBookPeriodFigures: the carry-overs' reader gives a closed period's
// figures from its snapshot and an open one's computed, the same fields
// either way (testdata/book-acme/book, as TestTrendHandWorked):
//
//	M-01 Oct (closed) sales 440000, norm 400000, fulfilment 1.1, K 1.1,
//	  fixed 30000, bonus 20000 × 1.1 = 22000, commission 4400, total 56400
//	M-01 Nov (computed) sales 400000, fulfilment 1, K 1, bonus 20000,
//	  commission 4000, total 54000
//
// each handed the same Figures, read again, when the period is closed.
func TestBookPeriodFigures(t *testing.T) {
	b, err := book.Open("../../testdata/book-acme/book")
	if err != nil {
		t.Fatal(err)
	}
	d := &deps{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	s, err := loadScheme(d, b.Scheme(), "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p                                string
		closed                           bool
		fact, ful, k, bonus, comm, total string
	}{
		{"2026-10", true, "440000", "1.1", "1.1", "22000", "4400", "56400"},
		{"2026-11", false, "400000", "1", "1", "20000", "4000", "54000"},
	} {
		p, _ := period.Parse(c.p)
		var m *book.Figures
		var fs []*book.Figures
		head, closed, src, err := eachBookPeriodFigures(d, b, s, p, "", func(f *book.Figures) error {
			fs = append(fs, f)
			if f.ID == "M-01" {
				c := *f
				c.KPIs, c.Components = slices.Clone(f.KPIs), slices.Clone(f.Components)
				m = &c
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", c.p, err)
		}
		if closed != c.closed || m == nil || head.Employees != 2 || len(fs) != 2 {
			t.Fatalf("%s: closed %v, M-01 %v, %d employees", c.p, closed, m, len(fs))
		}
		if wantSrc := map[bool]string{true: "closed/" + c.p + ".json", false: "facts/" + c.p}[c.closed]; src != wantSrc {
			t.Errorf("%s: read from %s, want %s", c.p, src, wantSrc)
		}
		if c.closed && fs[0] != fs[1] {
			t.Errorf("%s: a Figures made for each person of a closed period", c.p)
		}
		var sales *book.KPIFigures
		for i := range m.KPIs {
			if m.KPIs[i].ID == "sales" {
				sales = &m.KPIs[i]
			}
		}
		var comm book.Num
		for _, x := range m.Components {
			if x.ID == "commission" {
				comm = x.Amount
			}
		}
		for _, f := range []struct {
			name      string
			got, want string
		}{
			{"fact", sales.Fact.String(), c.fact}, {"norm", sales.Norm.String(), "400000"}, {"fulfilment", sales.Fulfilment.String(), c.ful},
			{"K", m.K.String(), c.k}, {"fixed", m.Fixed.String(), "30000"}, {"bonus", m.Bonus.String(), c.bonus},
			{"commission", comm.String(), c.comm}, {"total", m.Total.String(), c.total},
		} {
			if f.got != f.want {
				t.Errorf("%s M-01 %s = %s, want %s", c.p, f.name, f.got, f.want)
			}
		}
	}
}

// TestTrendCSVStreamsAsHeld: trend to CSV alone is written as it reads,
// a window of people at a time (trendCSV), here in pieces of one person
// and of two; beside a workbook the CSV is written from the trend held
// whole. The two are the same bytes over examples/book's year (Q1
// closed, its snapshots in pieces; April to December computed: a
// true-up, a draw, a clawback, a growing norm).
func TestTrendCSVStreamsAsHeld(t *testing.T) {
	const dir = "../../examples/book/northwind"
	xlsx := filepath.Join(t.TempDir(), "trend.xlsx")
	code, held, errOut := premia(t, "trend", "--book", dir, "--format", "csv", "-o", xlsx)
	if code != 0 {
		t.Fatalf("held: exit %d: %s", code, errOut)
	}
	defer func(n int) { trendPiece = n }(trendPiece)
	for _, n := range []int{1, 2, 512} {
		trendPiece = n
		code, streamed, errOut := premia(t, "trend", "--book", dir, "--format", "csv")
		if code != 0 {
			t.Fatalf("pieces of %d: exit %d: %s", n, code, errOut)
		}
		if streamed != held {
			t.Errorf("pieces of %d: the CSV written as read is not the CSV of the trend held:\n%s\nheld:\n%s", n, streamed, held)
		}
	}
	if rows := strings.Count(held, "\n"); rows < 100 {
		t.Errorf("%d lines: the year has more", rows)
	}
}

// TestTrendCSVOutOfOrder: a snapshot whose figures section has its people
// out of id order (rows swapped by hand) is refused naming the file and
// the ids, exit 1, when trend reads it as it writes; held whole, trend
// would put them in order and say nothing.
func TestTrendCSVOutOfOrder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "northwind")
	if err := os.CopyFS(dir, os.DirFS("../../examples/book/northwind")); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(dir, "closed", "2026-02.json")
	b, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, `      ["R-01",`) })
	if i < 0 || !strings.HasPrefix(lines[i+1], `      ["R-02",`) {
		t.Fatalf("2026-02.json: no R-01 row followed by R-02's")
	}
	lines[i], lines[i+1] = lines[i+1], lines[i]
	if err := os.WriteFile(snap, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := premia(t, "trend", "--book", dir, "--from", "2026-01", "--to", "2026-03", "--format", "csv")
	want := "closed/2026-02.json: R-01 comes after R-02: a snapshot's people are in id order, as close writes them; it was edited by hand: restore it from git"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q, want 1 and %q", code, errOut, want)
	}
}
