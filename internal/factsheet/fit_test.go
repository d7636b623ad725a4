package factsheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/premia-pay/premia/plan"
)

// fitScheme is a scheme of roles, checked.
func fitScheme(t *testing.T, roles string) *plan.Scheme {
	t.Helper()
	s, _, err := plan.Check(strings.NewReader("version: 1\nid: t\ncurrency: RUB\nroles:\n"+roles), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func csvFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestReadFit: read with Options.Fit, a fact sheet made for another
// scheme is not refused for what only that scheme has; the people the
// scheme cannot pay are left out and listed, and everything else reads as
// Read reads it.
func TestReadFit(t *testing.T) {
	dir := csvFolder(t, map[string]string{
		"roster.csv": "id,name,role,department,reports_to\n" +
			"C-1,Anna,clerk,north,\n" +
			"C-2,Boris,clerk,north,A-1\n" +
			"A-1,Vera,auditor,south,\n",
		"facts.csv": "id,docs,seminars\nC-1,10,3\nC-2,20,4\nA-1,0,0\n",
		"plans.csv": "id,kpi,norm\nC-1,seminars,5\nC-1,docs,50\n",
	})
	src, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()

	// The old scheme: clerks have docs only; no auditor.
	old := fitScheme(t, `  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 1, base: 0, norm: 100}
`)
	// Without Fit, the fact sheet is refused as calc refuses it.
	if _, _, err := src.Read(old, Options{}); err == nil || !strings.Contains(err.Error(), `role "auditor" is not in the scheme`) || !strings.Contains(err.Error(), `KPI "seminars" is not a KPI of role "clerk"`) {
		t.Fatalf("Read without Fit: %v, want the auditor and the seminars plan refused", err)
	}
	var fit Fit
	in, warnings, err := src.Read(old, Options{Fit: &fit})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %v: the unused column goes to Fit.Unused", warnings)
	}
	var ids []string
	for _, e := range in.Employees {
		ids = append(ids, e.ID)
		if e.ReportsTo != "" {
			t.Errorf("%s reports to %q, who is left out: want it cleared", e.ID, e.ReportsTo)
		}
	}
	if got := strings.Join(ids, " "); got != "C-1 C-2" {
		t.Errorf("employees %s, want C-1 C-2", got)
	}
	if len(fit.Left) != 1 || fit.Left[0].ID != "A-1" || fit.Left[0].Column != "" || fit.Left[0].At.String() != filepath.Join(dir, "roster.csv")+":4:3" {
		t.Errorf("Left = %+v, want A-1 for its role, at roster.csv:4:3", fit.Left)
	}
	if got := fit.Left[0].Why().String(); got != `the scheme has no role "auditor"` {
		t.Errorf("Why = %s", got)
	}
	if len(fit.OtherKPIs) != 1 || fit.OtherKPIs[0].KPI != "seminars" || fit.OtherKPIs[0].ID != "C-1" || fit.OtherKPIs[0].Role != "clerk" {
		t.Errorf("OtherKPIs = %+v, want C-1's seminars", fit.OtherKPIs)
	}
	if len(fit.Unused) != 1 || !strings.Contains(fit.Unused[0].Warning.String(), `column "seminars" is not a KPI`) {
		t.Errorf("Unused = %+v, want the seminars column", fit.Unused)
	}
	// The personal plan of a KPI the role has is read.
	if p := in.Employees[0].Plans; len(p) != 1 || p[0].KPI != "docs" || p[0].Norm.V.String() != "50" {
		t.Errorf("C-1's plans = %+v, want docs with norm 50", p)
	}

	// The new scheme: clerks also need calls, which the fact sheet has not;
	// auditors are paid a fixed part.
	neu := fitScheme(t, `  - id: clerk
    fixed: 1000
    variable: 1000
    bonus: {method: index}
    kpis:
      - {id: docs, weight: 0.4, base: 0, norm: 100}
      - {id: calls, weight: 0.4, base: 0, norm: 100}
      - {id: seminars, weight: 0.2, base: 0, norm: 5}
  - id: auditor
    fixed: 2000
`)
	fit = Fit{}
	in, _, err = src.Read(neu, Options{Fit: &fit})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Employees) != 1 || in.Employees[0].ID != "A-1" {
		t.Errorf("employees %+v, want A-1 alone", in.Employees)
	}
	if len(fit.Left) != 2 || fit.Left[0].ID != "C-1" || fit.Left[1].ID != "C-2" || fit.Left[0].Column != "calls" {
		t.Errorf("Left = %+v, want C-1 and C-2 for the calls column", fit.Left)
	}
	if got := fit.Left[1].Why().String(); got != `the fact sheet has no column "calls", which role "clerk" needs` {
		t.Errorf("Why = %s", got)
	}
	if len(fit.OtherKPIs) != 0 || len(fit.Unused) != 0 {
		t.Errorf("OtherKPIs %+v, Unused %+v: want none", fit.OtherKPIs, fit.Unused)
	}

	// A fact sheet none of whose roles is the scheme's is still refused.
	other := fitScheme(t, "  - id: driver\n    fixed: 1000\n")
	if _, _, err := src.Read(other, Options{Fit: &Fit{}}); err == nil || !strings.Contains(err.Error(), "does not fit the scheme") {
		t.Errorf("Read of another scheme's fact sheet: %v, want it refused", err)
	}
	// A data error is an error, Fit or not.
	bad := csvFolder(t, map[string]string{
		"roster.csv": "id,name,role\nC-1,Anna,clerk\n",
		"facts.csv":  "id,docs\nC-1,\n",
	})
	bsrc, err := Load(bad)
	if err != nil {
		t.Fatal(err)
	}
	defer bsrc.Close()
	if _, _, err := bsrc.Read(old, Options{Fit: &Fit{}}); err == nil || !strings.Contains(err.Error(), "blank, but C-1 needs a value") {
		t.Errorf("a blank fact read with Fit: %v, want refused", err)
	}
}
