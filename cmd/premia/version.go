package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(d *deps) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print premia's version",
		Example: `  premia version
  premia --version`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(d.stdout, "premia %s\n", premiaVersion())
			return err
		},
	}
}
