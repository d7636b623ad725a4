//go:build man

package main

// premia man (built only with -tags man, by make man): the manual pages of
// every command, generated from the same help the commands print, with
// cobra/doc. The shipped binary does not carry the generator.

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func init() { extraCommands = append(extraCommands, newManCmd) }

func newManCmd(d *deps) *cobra.Command {
	var dir, date string
	cmd := &cobra.Command{
		Use:    "man",
		Short:  "Write the manual pages of every command",
		Hidden: true,
		Args:   exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			// The date of the pages is given, not the clock's: the same
			// commit makes the same pages.
			day, err := time.Parse(time.DateOnly, date)
			if err != nil {
				return usagef("--date %q: expected YYYY-MM-DD", date)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true
			header := &doc.GenManHeader{Title: "PREMIA", Section: "1", Date: &day, Source: "premia " + premiaVersion(), Manual: "premia manual"}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return err
			}
			fmt.Fprintf(d.stderr, "wrote the manual pages into %s\n", dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "man", "the folder to write the pages into")
	cmd.Flags().StringVar(&date, "date", "", "the date the pages carry, YYYY-MM-DD (make man gives the last commit's)")
	return cmd
}
