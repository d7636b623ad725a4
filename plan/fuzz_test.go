package plan_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/premia-pay/premia/plan"
)

// FuzzParse: Parse (and Validate on what it accepts) and Check never panic,
// and every problem they report is a *plan.Error naming the file given.
func FuzzParse(f *testing.F) {
	paths, err := filepath.Glob("../examples/*/scheme.yaml")
	if err != nil {
		f.Fatal(err)
	}
	if len(paths) == 0 {
		f.Fatal("no example schemes found in ../examples/*/scheme.yaml")
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		base,
		"",
		"   \n",
		"# comment only\n",
		"---\n",
		"version: 1\n---\nversion: 1\n",
		"\tversion: 1\n",
		"version: 1\nid: x\n\tcurrency: RUB\n",
		"version: 1\nid: [\n",
		"version: 1\nid: *nope\n",
		"version: 1\ntitle: \xcf\xf0\xe8\n",
		"version: 1\ntitle: a\x01b\n",
		"version: 1\nroles:\n  - &r {id: a}\n  - <<: *r\n",
		"a: &a [*a, *a]\nversion: 1\n",
		"version: 1\nroles: &l [*l]\n",
		"version: 1\nroles:\n  - {id: a, fixed: 10%, prorate_plans: yes, kpis: [{id: k, cap: ~, norm: 1e3}]}\n",
		"version: 1\nroles:\n  - {id: a, kpis: [{id: k, cap: *c}]}\n",
		"? [a]\n: b\n",
		"version: 99999999999\n",
		"version: 1\nladders: [{id: l, type: linear, points: [{at: 1, value: 1}, {at: 0, value: 0}]}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		noPanic(t, "Parse() and Validate()", func() {
			s, err := plan.Parse(bytes.NewReader(data), "f.yaml")
			if err != nil {
				if s != nil {
					t.Errorf("Parse() = a scheme and error %v, want nil with an error", err)
				}
				checkLocated(t, "Parse()", err)
				return
			}
			if s == nil {
				t.Fatal("Parse() = nil, nil")
			}
			warnings, err := s.Validate()
			for _, w := range warnings {
				checkLocated(t, "Validate() warning", w)
			}
			checkLocated(t, "Validate()", err)
		})
		// Check validates what it could decode of a broken scheme, so it
		// meets partial structures that Validate alone never sees.
		noPanic(t, "Check()", func() {
			s, warnings, err := plan.Check(bytes.NewReader(data), "f.yaml")
			if err != nil && s != nil {
				t.Errorf("Check() = a scheme and error %v, want nil with an error", err)
			}
			for _, w := range warnings {
				checkLocated(t, "Check() warning", w)
			}
			checkLocated(t, "Check()", err)
		})
	})
}

func noPanic(t *testing.T, call string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s panicked: %v\n%s", call, r, debug.Stack())
		}
	}()
	f()
}

// checkLocated checks that each error joined in err is a *plan.Error for
// f.yaml whose message starts with the file name.
func checkLocated(t *testing.T, call string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var pe *plan.Error
		if !errors.As(e, &pe) || pe.File != "f.yaml" {
			t.Errorf("%s error %q is %T, want a *plan.Error for f.yaml", call, e, e)
		}
		if msg := e.Error(); !strings.HasPrefix(msg, "f.yaml:") {
			t.Errorf("%s error = %q, want it to start with %q", call, msg, "f.yaml:")
		}
	}
}
