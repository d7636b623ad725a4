// Package texttable writes rows of text as aligned columns for a terminal:
// the one layout of every table premia prints (calc's pay, compare, team,
// decompose, need). It knows nothing of pay.
package texttable
