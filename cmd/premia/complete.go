package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/premia-pay/premia/internal/factsheet"
)

// Shell completion (premia completion bash|zsh|fish|powershell, cobra's):
// each command says what its arguments are, and the shell is offered
// schemes (.yaml), fact sheets (.xlsx, or a folder of CSV tables), and,
// for explain, the ids of the people in the fact sheet already typed,
// each with the person's name. Nothing is printed and nothing is written
// while completing: a scheme or fact sheet that cannot be read offers
// nothing.

// argKind is what a positional argument names.
type argKind int

const (
	argScheme   argKind = iota // a scheme: .yaml or .yml
	argFacts                   // a fact sheet: .xlsx, or a folder of CSV tables
	argEmployee                // an employee id from the roster of args[1], read with the scheme args[0]
)

// completeArgs completes the positional arguments of a command that takes
// kinds, in order.
func completeArgs(kinds ...argKind) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= len(kinds) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		switch kinds[len(args)] {
		case argScheme:
			return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		case argFacts:
			return []cobra.Completion{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
		default:
			return employeeIDs(args[0], args[1], toComplete), cobra.ShellCompDirectiveNoFileComp
		}
	}
}

// employeeIDs are the roster's ids that start with prefix, each with the
// person's name as its description; none when the scheme or the fact
// sheet cannot be read.
func employeeIDs(schemePath, factsPath, prefix string) []cobra.Completion {
	if schemePath == "-" || factsPath == "-" {
		return nil // stdin is the shell's, not a file to read while completing
	}
	s, err := loadScheme(&deps{}, schemePath, "", io.Discard)
	if err != nil {
		return nil
	}
	src, err := factsheet.Load(factsPath)
	if err != nil {
		return nil
	}
	defer src.Close()
	roster, err := src.ReadRoster(s)
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, r := range roster {
		if strings.HasPrefix(r.ID, prefix) {
			out = append(out, cobra.CompletionWithDesc(r.ID, r.Name))
		}
	}
	return out
}

// completeFile offers files with one of exts (and folders, to walk into).
func completeFile(cmd *cobra.Command, flag string, exts ...string) {
	_ = cmd.MarkFlagFilename(flag, exts...)
}

// completeFolder offers folders only.
func completeFolder(cmd *cobra.Command, flag string) {
	_ = cmd.MarkFlagDirname(flag)
}

// noCompletion offers nothing for a flag's value (a period, a number).
func noCompletion(cmd *cobra.Command, flags ...string) {
	for _, f := range flags {
		_ = cmd.RegisterFlagCompletionFunc(f, cobra.NoFileCompletions)
	}
}
