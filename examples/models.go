// Package examples holds premia's example schemes: each folder a scheme
// (scheme.yaml), its fact sheet (facts.xlsx, and the same tables as CSV
// in facts/) and a README that works its figures out by hand, checked by
// this package's tests. premia init offers each scheme as a model for a
// client's (internal/scaffold): a folder added here with a scheme.yaml is
// a model, named after the folder, with nothing else to change.
package examples

import "embed"

// Schemes are the examples' schemes, each at FOLDER/scheme.yaml.
//
//go:embed */scheme.yaml
var Schemes embed.FS
