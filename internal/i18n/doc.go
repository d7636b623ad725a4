// Package i18n holds premia's words in English and Russian for what the
// engine records as data: each step of an explanation (calc.Step, a message
// id with typed arguments) is rendered here, in the language asked for,
// for explain, the report workbook and the plans. Numbers are formatted
// here too, so that a language's way of writing them is one decision.
//
// What premia says on stderr about a run that went well (what it wrote,
// that a check passed, a long run's progress) is here too (Say, Count,
// with Russian plurals), and the Russian of every located error and
// warning about an input (Problems): the readers keep each as an English
// format and its arguments (package problem), and a test checks that every
// format they use has Russian words with the same verbs.
//
// The engine (package calc) holds no prose; a message without words here
// is a test failure, not a blank line.
package i18n
