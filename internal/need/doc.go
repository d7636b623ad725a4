// Package need answers an employee's "where do I stand": for each KPI of
// the person's role, the fact that reaches its base, norm and target, the
// gap from today's fact, and the person's whole pay with that KPI at the
// level and every other fact as it is; and, for a fact sheet filled in
// mid-month (an as-of date), the working days gone and left, the pace so
// far, the month-end projection at that pace, the pay at the projection and
// what each remaining working day must add; and each of today's fact, the
// projection and the levels against the KPI's norm, by calc's fulfilment
// rule, for the charts (docs/planning.md §7.7).
//
// It owns the working-day calendar (Monday to Friday, less the holidays
// given, plus the working weekend days given) and the rule that says which
// KPIs are paced (counts and sums) and which are held (rates). It computes
// no pay: every amount is calc.Run's, on the fact sheet's input with the
// person's facts moved. It must not import the report, the fact sheet
// reader or anything that writes.
package need
