// Package formula parses the formulas of SpreadsheetML cells and evaluates
// them exactly, in rational arithmetic (math/big.Rat), never in binary
// floating point.
//
// It owns: the formula grammar as Excel stores it in a cell's <f> element
// (en-US syntax, no leading '='); the canonical text of a formula; moving a
// shared formula to the other cells of its range (Shift); and evaluating a
// formula against the workbook's cells, which the caller supplies through
// Cells.
//
// Why it exists: a formula cell's cached result cannot always be trusted.
// XlsxWriter and other exporters store 0 as every formula's result and ask
// Excel to recalculate on load; some files carry stale results. The caller
// computes such cells here instead, and only where the result is exact.
//
// What it refuses, with an *Unsupported that says what in a clerk's words:
//   - every function but SUM, PRODUCT, MIN, MAX, AVERAGE, COUNT, COUNTA, ABS,
//     INT, MOD, ROUND, ROUNDUP, ROUNDDOWN, IF, IFERROR, AND, OR, NOT, N, TRUE
//     and FALSE;
//   - text where Excel would convert it by its language settings: "5"+1,
//     SUM("5"), IF("TRUE",…); and ordering texts other than English letters,
//     digits and spaces (Excel sorts the rest by language settings);
//   - a power with a fractional exponent (2^0.5 has no exact value), and a
//     result outside Excel's number range (about 2.2E-308 to 1.8E+308), where
//     Excel gives #NUM! or 0;
//   - '&', defined names, table references, references to other workbooks or
//     through several sheets, the union and intersection operators, array
//     constants, and a range used where one value is needed (Excel's implicit
//     intersection, which depends on the formula's cell).
//
// Excel's error values (#DIV/0!, #N/A…) are values, not Go errors: 1/0 is a
// Value of Kind Error, and IFERROR catches it. The result is the exact value,
// not Excel's: 0.1+0.2 is 3/10, never 0.30000000000000004; a caller that
// compares it with a cached result rounds both to Excel's 15 significant
// digits.
//
// Parse refuses, as Excel does, formulas longer than 8192 characters or
// nested more than 64 levels, so hostile input cannot exhaust the stack; no
// input makes the package panic.
//
// The package is domain-free: it knows Excel formulas, nothing of pay, and
// imports nothing of premia.
package formula
