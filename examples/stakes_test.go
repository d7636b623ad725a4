package examples_test

import (
	"path/filepath"
	"testing"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/plan"
)

// TestExampleStakes: the money at stake per KPI of docs/calculation.md
// §3.10's examples, from the examples' own files, as the report shows it
// (the month's run, with proration). id → KPI → {at norm, at target}; the
// words of calc's Stake* where there is no figure.
func TestExampleStakes(t *testing.T) {
	cases := map[string]map[string]map[string][2]string{
		// Variable 20,000: 20,000 × 0.4 = 8,000, × (1.00 − 0.80) / (0.95 −
		// 0.80) = 4/3 → 10,666.67; 20,000 × 0.3 = 6,000, × 1.5 = 9,000 and
		// × 1.6 = 9,600. The same for everyone: OM-03 as OM-01.
		"kpi-matrix": {
			"OM-01": {"requests_on_time": {"8000.00", "10666.67"}, "supply_costs": {"6000.00", "9000.00"}, "documents": {"6000.00", "9600.00"}},
			"OM-03": {"requests_on_time": {"8000.00", "10666.67"}, "supply_costs": {"6000.00", "9000.00"}, "documents": {"6000.00", "9600.00"}},
		},
		"sales-team": {
			// Personal margin plan 500,000 / 600,000: 40,000 × 0.6 = 24,000,
			// × 1.2 = 28,800; calls and meetings 40,000 × 0.2 = 8,000, × 2 =
			// 16,000; blenders feed the unit bonus.
			"S-01": {"margin": {"24000.00", "28800.00"}, "calls": {"8000.00", "16000.00"}, "meetings": {"8000.00", "16000.00"}, "blenders": {calc.StakeNotInBonus, calc.StakeNotInBonus}},
			// 11 of 22 days: the variable 20,000: 12,000 and 14,400; 4,000
			// and 8,000.
			"S-03": {"margin": {"12000.00", "14400.00"}, "calls": {"4000.00", "8000.00"}, "meetings": {"4000.00", "8000.00"}},
			// The gate on dept_margin: the whole bonus, 60,000 × payout(1)
			// and 60,000 × payout(1.35) = 60,000 × 1.21; staff turnover
			// 60,000 × (1 − 0.4) and 60,000 × (1.09 − 0.4).
			"H-01": {"dept_margin": {"60000.00", "72600.00"}, "staff_turnover": {"36000.00", "41400.00"}},
		},
		"b2b-active": {
			// Variable 30,000: calls 30,000 × 0.2 = 6,000, × 5/3 = 10,000;
			// dm_rate (a formula) 6,000 and × 2 = 12,000; meetings and
			// close_rate 30,000 × 0.3 = 9,000, × 2 = 18,000; paid revenue
			// feeds the commission, dm_talks the formula.
			"B-01": {"calls": {"6000.00", "10000.00"}, "dm_rate": {"6000.00", "12000.00"}, "meetings": {"9000.00", "18000.00"}, "close_rate": {"9000.00", "18000.00"},
				"paid_revenue": {calc.StakeNotInBonus, calc.StakeNotInBonus}, "dm_talks": {calc.StakeNotInBonus, calc.StakeNotInBonus}},
			// The roster's variable 20,000: 4,000 and 20,000 × 0.2 × 5/3 =
			// 6,666.666… → 6,666.67; 4,000 and 8,000; 6,000 and 12,000.
			"B-05": {"calls": {"4000.00", "6666.67"}, "dm_rate": {"4000.00", "8000.00"}, "meetings": {"6000.00", "12000.00"}, "close_rate": {"6000.00", "12000.00"}},
		},
		"inbound": {
			// Variable 35,000: each conversion 35,000 × 0.3 = 10,500, at the
			// target × 7/3 = 24,500 (equipment) and × 2 = 21,000 (service);
			// revenue 14,000 and × 1.8 = 25,200.
			"1041": {"conv_eq": {"10500.00", "24500.00"}, "conv_svc": {"10500.00", "21000.00"}, "revenue": {"14000.00", "25200.00"}},
			// The head, variable 40,000: department revenue 20,000 and × 5/3
			// = 33,333.33; equipment 10,000 and × 2; service 10,000 and × 5/3.
			"1040": {"dept_revenue": {"20000.00", "33333.33"}, "dept_conv_eq": {"10000.00", "20000.00"}, "dept_conv_svc": {"10000.00", "16666.67"}},
		},
		"vip-accounts": {
			// Variable 60 % of 50,000 = 30,000: 12,000 and × 12/7 =
			// 20,571.43; 10,500 and × 2; 7,500 and × 5/3 = 12,500.
			"V-01": {"questionnaires": {"12000.00", "20571.43"}, "problem_share": {"10500.00", "21000.00"}, "solved_share": {"7500.00", "12500.00"},
				"extra_deals": {calc.StakeNotInBonus, calc.StakeNotInBonus}, "extra_revenue": {calc.StakeNotInBonus, calc.StakeNotInBonus}},
			// 60 % of the roster's 60,000 = 36,000: 14,400 and × 12/7 =
			// 24,685.71; 12,600 and 25,200; 9,000 and 15,000.
			"V-02": {"questionnaires": {"14400.00", "24685.71"}, "problem_share": {"12600.00", "25200.00"}, "solved_share": {"9000.00", "15000.00"}},
		},
		"travel-team": {
			// Variable 40,000: days 8,000 and × 2; meetings a day 12,000 and
			// × 3 = 36,000; revenue 20,000 and × 13/7 = 37,142.86.
			"2002": {"travel_days": {"8000.00", "16000.00"}, "meetings_per_day": {"12000.00", "36000.00"}, "revenue": {"20000.00", "37142.86"}},
			// 12 of 20 days: variable 24,000, personal plans: days 4,800 and
			// × (8 − 3) / (6 − 3) = 8,000; the rate 7,200 and 21,600; revenue
			// 12,000 and × 780/420 = 22,285.71.
			"2005": {"travel_days": {"4800.00", "8000.00"}, "meetings_per_day": {"7200.00", "21600.00"}, "revenue": {"12000.00", "22285.71"}},
			// The head: the group's rate carries the whole 20,000, × 2 at the target.
			"2001": {"team_rate": {"20000.00", "40000.00"}, "team_days": {calc.StakeNotInBonus, calc.StakeNotInBonus}},
		},
		// 30,000 × the seed ladder at 1, 0.45; no targets.
		"ladder": {"L-10000": {"sales": {"13500.00", calc.StakeNoTarget}, "margin": {"13500.00", calc.StakeNoTarget}}},
	}
	for name, people := range cases {
		s, err := plan.Load(filepath.Join(name, "scheme.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		in, _, err := readFacts(filepath.Join(name, "facts.xlsx"), s, "")
		if err != nil {
			t.Fatal(err)
		}
		res, err := calc.Run(s, in, calc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Employees {
			want, ok := people[e.ID]
			if !ok {
				continue
			}
			for _, k := range e.KPIs {
				w, ok := want[k.ID]
				if !ok {
					continue
				}
				if k.Stake == nil {
					t.Errorf("%s %s %s: no stake", name, e.ID, k.ID)
					continue
				}
				got := [2]string{k.Stake.Norm.None, k.Stake.Target.None}
				for i, st := range []calc.Stake{k.Stake.Norm, k.Stake.Target} {
					if st.None == "" {
						got[i] = st.Amount.StringFixed(2)
					}
				}
				if got != w {
					t.Errorf("%s %s %s: at stake %v, want %v", name, e.ID, k.ID, got, w)
				}
				delete(want, k.ID)
			}
			for id := range want {
				t.Errorf("%s %s: no KPI %s", name, e.ID, id)
			}
			delete(people, e.ID)
		}
		for id := range people {
			t.Errorf("%s: no employee %s", name, id)
		}
	}
}
