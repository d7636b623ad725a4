// Package schema makes the JSON Schema (draft 2020-12) of premia's scheme
// format, so that an editor completes and checks a scheme as it is typed
// (VS Code's YAML extension, with a `# yaml-language-server: $schema=…`
// line at the top of the scheme).
//
// The schema is generated, never written by hand: every key, its type and
// its nesting come from package plan's types by reflection (the yaml tags
// of plan.Scheme and what it holds); the enums are plan's constants; the
// patterns of decimals, ids and currencies are plan's own (plan.DecimalPattern
// …); and what validation requires of each component, modifier and ladder
// type (plan/validate.go) is stated here as if/then rules on `type`, with a
// description of every key. A key of plan without a description here stops
// the generation, so the schema cannot fall behind the types.
//
// The repository keeps the generated file in schema/scheme.schema.json
// (`make schema` or `go generate ./internal/schema` rewrites it; a test
// checks it is what Generate gives). `premia schema` prints it and
// `premia init` writes it into a client's folder.
//
// A JSON Schema checks the shape of a scheme, not all of it: premia
// validate is the last word (weights summing to 1, tiers without gaps,
// references to ladders and KPIs, numbers in forms YAML reads as numbers
// but premia refuses, such as 1e5 or 0x1A). It imports plan only.
package schema

//go:generate go run ../../cmd/premia schema -o ../../schema/scheme.schema.json
