// Package spool keeps rows made in one order in a private temporary file
// and gives them back in the order of their keys, with memory for the keys
// only: for an output computed a window at a time and written in another
// order, such as pay rows computed in roster order and written by id.
//
// It knows nothing of pay: a row is bytes, a key a string compared byte by
// byte. Temp is the private temporary file it keeps them in, for any other
// output or copy that must wait on disk.
package spool
