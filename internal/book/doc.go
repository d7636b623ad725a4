// Package book owns a client's book of periods: a plain folder of files,
// the source of truth a consultant keeps in git and reviews as diffs
// (docs/book.md).
//
//	DIR/
//	  scheme.yaml          the scheme
//	  facts/2026-10.xlsx   one fact sheet per period, named by the period
//	  facts/2026-11/       (or a folder of CSV tables)
//	  facts/2026-Q4.xlsx   a quarter's, for what is paid by the quarter
//	  closed/2026-10.json  the snapshot of a closed period (premia close)
//
// It finds a period's fact sheet and snapshot by name and says what is
// wrong with the folder (a period with no fact sheet, or two); it writes
// and reads snapshots (snapshot.go) and compares a snapshot's figures
// with a run's (diff.go). It knows the shape of calc's JSON output, not
// how pay is computed: it imports neither calc nor plan, and reads no
// fact sheet.
package book
