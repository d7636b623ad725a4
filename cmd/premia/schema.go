package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/atomicfile"
	"github.com/premia-pay/premia/internal/i18n"
	"github.com/premia-pay/premia/internal/schema"
)

type schemaOptions struct {
	output string
	lang   langFlag
}

func newSchemaCmd(d *deps) *cobra.Command {
	o := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema [-o scheme.schema.json]",
		Short: "Print the JSON Schema of the scheme format, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of premia's scheme format: every key,
its type, the values it takes, and which keys each component, modifier and
ladder type needs. An editor that reads it completes and checks a scheme as
it is typed: with VS Code's YAML extension, put the schema beside the scheme
and start the scheme with the line

  # yaml-language-server: $schema=scheme.schema.json

(premia init writes both). The schema checks the shape of a scheme;
premia validate is the last word (weights summing to 1, tiers without gaps,
references between ladders, KPIs and components).

The output is always JSON; the repository keeps it in
schema/scheme.schema.json. With -o the file is written (replaced whole).`,
		Example: `  # Print it
  premia schema

  # Write it beside the client's scheme
  premia schema -o clients/acme/scheme.schema.json`,
		Args:              exactArgs(0, "no arguments"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			return runSchema(d, o)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the schema to this .json file instead of stdout")
	addLangFlag(cmd, &o.lang, "language of what is said on stderr (the schema's descriptions are English)")
	completeFile(cmd, "output", "json")
	return cmd
}

func runSchema(d *deps, o *schemaOptions) error {
	d.lang = string(o.lang)
	out := schema.Generate()
	if o.output == "" {
		_, err := d.stdout.Write(out)
		return err
	}
	if !strings.EqualFold(filepath.Ext(o.output), ".json") {
		return usagef("-o %q: name the file .json (a JSON Schema)", o.output)
	}
	if st, err := os.Stat(o.output); err == nil && st.IsDir() {
		return usagef("-o %q is a folder: name the schema's file (%s)", o.output, schema.FileName)
	}
	if err := atomicfile.Write(o.output, func(w io.Writer) error { _, err := w.Write(out); return err }, nil); err != nil {
		return err
	}
	d.say(i18n.TalkWroteSchema, o.output)
	return nil
}
