package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// acmeBook is the book of testdata/book-acme: October (CSV, closed on
// 2026-11-03), November (CSV), December (a workbook) and the fourth
// quarter (CSV). Its scheme: salary 30,000; a bonus of 20,000 × sales /
// 400,000 (capped at 500,000 / 400,000 = 1.25); 1 % commission; 15,000 a
// quarter when the quarter's sales reach 1,200,000.
const acmeBook = "../../testdata/book-acme/book"

// copyBook copies the acme book into a temporary folder a test may write.
func copyBook(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "acme")
	copyTree(t, acmeBook, dir)
	return dir
}

// folderBytes is every file of dir and its bytes, as one digest per file.
func folderBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFolder(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %s changed or is gone", what, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: %s appeared", what, k)
		}
	}
}

// runAt runs premia with its clock at day.
func runAt(day string, args ...string) (int, string, string) {
	now, err := time.Parse("2006-01-02 15:04", day)
	if err != nil {
		panic(err)
	}
	var out, errb bytes.Buffer
	d := &deps{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: func() time.Time { return now }}
	code := runWith(context.Background(), d, args)
	return code, out.String(), errb.String()
}

// TestCloseNovember closes November by the clock (no --date): the snapshot
// holds every figure, worked by hand, the day, the version and the
// inputs' hashes; closing it again writes nothing, and the folder's bytes
// stay as they were.
func TestCloseNovember(t *testing.T) {
	dir := copyBook(t)
	code, stdout, stderr := runAt("2026-12-02 18:30", "close", "--book", dir, "--period", "2026-11")
	if code != 0 || stdout != "" {
		t.Fatalf("close: exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "closed", "2026-11.json"))
	if err != nil {
		t.Fatal(err)
	}
	var snap struct {
		Format int    `json:"premia_snapshot"`
		Period string `json:"period"`
		Closed string `json:"closed"`
		Premia string `json:"premia"`
		Scheme struct {
			File, SHA256, Text string
		} `json:"scheme"`
		Facts struct {
			File, SHA256 string
		} `json:"facts"`
		Result struct {
			Employees []struct {
				ID, Bonus, Total string
				Components       []struct{ ID, Amount string }
			} `json:"employees"`
			Total string `json:"total"`
		} `json:"result"`
	}
	if err := json.Unmarshal(data, &snap); err != nil {
		t.Fatal(err)
	}
	scheme, _ := os.ReadFile(filepath.Join(dir, "scheme.yaml"))
	sum := sha256.Sum256(scheme)
	if snap.Format != 2 || snap.Period != "2026-11" || snap.Closed != "2026-12-02" || snap.Premia != premiaVersion() ||
		snap.Scheme.File != "scheme.yaml" || snap.Scheme.SHA256 != hex.EncodeToString(sum[:]) || snap.Scheme.Text != string(scheme) ||
		snap.Facts.File != "facts/2026-11" || len(snap.Facts.SHA256) != 64 {
		t.Errorf("snapshot heading: %+v", snap)
	}
	// M-01: 400,000 / 400,000 = 1 → bonus 20,000.00; commission 4,000.00;
	// 30,000 + 20,000 + 4,000 = 54,000.00. M-02: 360,000 / 400,000 = 0.9
	// → 18,000.00; 3,600.00; 51,600.00. Total 105,600.00.
	want := []struct{ id, bonus, commission, total string }{{"M-01", "20000.00", "4000.00", "54000.00"}, {"M-02", "18000.00", "3600.00", "51600.00"}}
	if len(snap.Result.Employees) != 2 {
		t.Fatalf("%d employees in the snapshot", len(snap.Result.Employees))
	}
	for i, w := range want {
		e := snap.Result.Employees[i]
		if e.ID != w.id || e.Bonus != w.bonus || e.Total != w.total || len(e.Components) != 1 || e.Components[0].Amount != w.commission {
			t.Errorf("snapshot's %s = %+v, want bonus %s, commission %s, total %s", w.id, e, w.bonus, w.commission, w.total)
		}
	}
	if snap.Result.Total != "105600.00" {
		t.Errorf("snapshot's total = %s, want 105600.00", snap.Result.Total)
	}

	// Again, nothing changed: exit 0, nothing written, every byte as it was.
	before := folderBytes(t, dir)
	code, stdout, stderr = runAt("2027-01-15 09:00", "close", "--book", dir, "--period", "2026-11")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "2026-11 is closed already (on 2026-12-02): nothing written") {
		t.Errorf("close again: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	sameFolder(t, "close again", before, folderBytes(t, dir))
	// calc and explain of the closed month write nothing either.
	code, stdout, stderr = runAt("2027-01-15 09:00", "calc", "--book", dir, "--period", "2026-11", "--format", "csv")
	if code != 0 || !strings.Contains(stdout, "M-02,Irina Kuznetsova,manager,,30000.00,20000.00,0.9,18000.00,3600.00,,51600.00") {
		t.Errorf("calc of the closed month: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runAt("2027-01-15 09:00", "explain", "--book", dir, "--period", "2026-11", "M-01"); code != 0 {
		t.Errorf("explain of the closed month: exit %d\n%s", code, stderr)
	}
	sameFolder(t, "calc and explain of a closed month", before, folderBytes(t, dir))
}

// TestReRunWithChangedScheme: once the commission is 2 %, October (closed
// at 1 %) reports each figure that moved, with its cause, and exits 1;
// the snapshot stays byte for byte, and calc prints its figures.
func TestReRunWithChangedScheme(t *testing.T) {
	dir := copyBook(t)
	path := filepath.Join(dir, "scheme.yaml")
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, bytes.Replace(b, []byte("rate: 0.01"), []byte("rate: 0.02"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	before := folderBytes(t, dir)
	for _, cmd := range [][]string{{"close"}, {"calc", "--format", "csv"}} {
		args := append(cmd, "--book", dir, "--period", "2026-10")
		code, stdout, stderr := runAt("2027-01-15 09:00", args...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", cmd[0], code, stderr)
		}
		// October's sales: M-01 440,000, M-02 300,000. At 1 %: 4,400 and
		// 3,000; at 2 %: 8,800 and 6,000. Totals 56,400 → 60,800, 48,000 →
		// 51,000; the payroll 104,400 → 111,800 (components 7,400 → 14,800).
		for _, want := range []string{
			"the scheme changed since closing: scheme.yaml had sha256",
			"M-01 Olga Belova: components[commission].amount: 4400.00 at closing, 8800.00 now (the scheme changed)",
			"M-01 Olga Belova: total: 56400.00 at closing, 60800.00 now (the scheme changed)",
			"M-02 Irina Kuznetsova: components[commission].amount: 3000.00 at closing, 6000.00 now (the scheme changed)",
			"M-02 Irina Kuznetsova: total: 48000.00 at closing, 51000.00 now (the scheme changed)",
			"totals.components: 7400.00 at closing, 14800.00 now (the scheme changed)",
			"totals.total: 104400.00 at closing, 111800.00 now (the scheme changed)",
			"2026-10 was closed on 2026-11-03 with other figures than the book gives now: 7 differ (the scheme changed)",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", cmd[0], want, stderr)
			}
		}
		if cmd[0] == "calc" && !strings.Contains(stdout, "M-01,Olga Belova,manager,,30000.00,20000.00,1.1,22000.00,4400.00,,56400.00") {
			t.Errorf("calc printed other figures than the snapshot's:\n%s", stdout)
		}
	}
	sameFolder(t, "re-runs of a changed October", before, folderBytes(t, dir))
}
