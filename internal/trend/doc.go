// Package trend owns premia trend (issue 14, item 6): a book's periods
// side by side, per person and KPI — the fact, the fulfilment, the
// person's K and pay — and the reachability of each KPI's norm over the
// whole history.
//
// It computes nothing of pay itself: each period's calc.Result is given
// to it (the closed period's snapshot read back, or calc's run of the
// period's fact sheet, by cmd/premia/trend.go), and whether a person
// reached a norm is internal/teamstats' judgement, whose per-period counts
// it adds up. A period is taken in and let go (Builder.Add): what is held
// is one Row per person, KPI and period, and the counts.
package trend
