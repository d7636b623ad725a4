package plan

import (
	"errors"
	"io"
	"reflect"
)

// DecodeFile reads one YAML document from r — an input of premia's other
// than a scheme, such as the funnel premia decompose reads — into v, a
// pointer to a struct whose fields are tagged `yaml:"key"`, by the
// scheme's rules: decimals from the scalar's raw text (Dec, never through
// float64), strict booleans (Bool), whole numbers, strings, lists and
// mappings; unknown keys refused with the nearest allowed one, duplicate
// keys, empty values, merge keys and alias bombs refused; one document,
// UTF-8; a Pos field gets the mapping's place and a Keys field each key's
// value's place. Every problem found is returned, each located at the
// file's line and column (*Error), joined; what the values mean is the
// caller's to check.
func DecodeFile(r io.Reader, file string, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		panic("plan: DecodeFile needs a pointer to a struct")
	}
	root, err := parseDoc(r, file, docOther)
	if err != nil {
		return err
	}
	d := &decoder{file: file}
	d.decode(root, rv.Elem(), "")
	if len(d.errs) > 0 {
		sortByPlace(d.errs)
		return errors.Join(d.errs...)
	}
	return nil
}
