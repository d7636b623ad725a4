// Package calc computes pay from a validated scheme and a month's inputs. It
// is pure: no files, no clock, no float64.
//
// Exactness and rounding. Every index, fulfilment ratio, ladder coefficient and
// intermediate amount is kept as an exact rational (Q). A money amount is
// rounded once, to the scheme's step with the scheme's mode, at these points
// and no others:
//
//   - fixed part: fixed × days worked / days in period;
//   - KPI bonus: variable target × proration × coefficient, after every
//     modifier in the order the scheme lists them (overdue penalties are
//     deducted last-in-order as written and never take the bonus below zero);
//   - each component (commission, fixed bonus, proportional bonus, unit bonus);
//   - a pool: the department's pool is rounded to the step, then split by
//     shares rounded down to the step, the steps left over going to the
//     largest remainders (Split), so the shares sum to the pool exactly;
//   - total: the sum of the rounded lines above, so every report cross-foots.
//
// The variable target shown beside the bonus is rounded for display only; the
// bonus is computed from the exact value.
//
// Ratios shown in results (index, K, coefficient) are the exact values rounded
// half-up to 6 decimals for display; they never feed a later step. The
// explanation marks such a rounded figure with ≈.
package calc
