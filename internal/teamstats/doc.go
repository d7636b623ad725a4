// Package teamstats analyses a team's month (or months) of results: per
// role and KPI the team's mean, median, quartiles and spread, the leader
// and each person's distance to the leader, who falls outside the normal
// range, each person's strongest and weakest KPIs relative to the team,
// department subtotals and rankings, and the seeds' reachability rule (the
// share of people at or above their norm, flagged under a threshold).
// docs/planning.md §7.5 states every rule and decision.
//
// It owns the statistics, not the pay: every fact, norm, fulfilment, band
// and K it reads is calc's (calc.Run with SkipSteps), never re-derived, and
// every figure it makes is an exact rational (calc.Q), rounded only when a
// renderer shows it. It does no I/O and holds no prose: package report
// words and lays out an Analysis (table, CSV, JSON, workbook).
//
// It imports calc and plan, and nothing that reads or writes files.
package teamstats
