package main

import (
	"strings"
	"testing"
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
