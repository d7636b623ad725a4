// Package problem keeps what premia says about an input it refuses or
// doubts (a located error, a warning) as its English format and its
// arguments, not as finished text. The reader that finds the problem words
// it in English (Error, String); whoever shows it may word it again in the
// run's language (In), with the words of package i18n.
//
// A place, a nested message or anything else that words itself
// (Worded) is an argument like any other, and is worded in the same
// language as the message that holds it.
package problem
