package i18n

import "github.com/premia-pay/premia/internal/problem"

// Problems are the words of lang for what premia says about its inputs: a
// located error or a warning about a scheme, a fact sheet or an employee's
// calculation (package problem). English, the language the readers word
// them in, is nil; so is any language premia has no words in.
func Problems(lang string) problem.Words {
	if index(lang) == 1 {
		return catalogue(problemsRu)
	}
	return nil
}

// catalogue maps an English format to the language's.
type catalogue map[string]string

// Format is the language's format for english; english itself for a format
// without words of its own (such as "%s: %s"), which the tests allow only
// where there is nothing to translate.
func (c catalogue) Format(english string) string {
	if f, ok := c[english]; ok {
		return f
	}
	return english
}
