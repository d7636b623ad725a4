// Package scaffold makes a new client's folder (premia init): a scheme
// taken from a model, headed by the line that points an editor at the
// scheme's JSON Schema and by comments on what to do with it; the schema
// itself (package schema); the month's fact sheet to fill (package
// template, as premia template writes it); and a README for the client,
// in the scheme's language, saying what each file is and how a month is
// run.
//
// The models are the example schemes (package examples, embedded): every
// folder of examples/ with a scheme.yaml is one, named after its folder,
// and a few have a second, shorter name (Aliases). Build makes the files
// in memory and checks them (the scheme passes validation with no
// warning, the fact sheet reads back); it writes nothing.
//
// It imports plan, template, schema, factsheet and xlsx; nothing imports
// it but cmd/premia.
package scaffold
