// Package calc computes pay from a validated scheme and a month's inputs. It
// is pure: no files, no clock, no float64, and no prose: each step of a
// person's explanation is recorded as data (Step: a message id, typed
// arguments, the places of the inputs used), and package internal/i18n
// words it in English or Russian.
//
// Files by concept: engine.go runs everyone (Run, Stream, the roster order,
// the worker pool); windows.go a roster handed over a window at a time
// (Windows); employee.go one person (fixed part, the order of the
// steps, the total); kpi.go plan levels, direction, fulfilment and bands;
// bonus.go the index, ladders, K, conditions and gates; ladder.go the
// ladder shapes; stake.go the money at stake per KPI; modifiers.go,
// components.go, payments.go and pool.go what their names say; result.go the results and their sums; departments.go
// the split of an input by department; explain.go the messages.
//
// Exactness and rounding. Every index, fulfilment ratio, ladder coefficient and
// intermediate amount is kept as an exact rational (Q: two int64s while the
// value fits, a math/big rational once it would not; rational.go). A money amount is
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
//   - total: the sum of the rounded lines above, so every report cross-foots;
//   - a KPI's stake at its norm and at its target (stake.go): variable
//     target × proration × the coefficient the KPI moves. It is shown beside
//     the KPI matrix and never added into pay.
//
// The variable target shown beside the bonus is rounded for display only; the
// bonus is computed from the exact value.
//
// Ratios shown in results (index, K, coefficient) are the exact values rounded
// half-up to RatioPlaces (6) decimals for display; they never feed a later
// step. The explanation marks such a rounded figure with ≈.
package calc
