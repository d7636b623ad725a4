package factsheet

// SetMinWindow lowers the fewest rows of a window, for tests of windows
// smaller than a header's search; it returns the undo.
func SetMinWindow(n int) func() {
	prev := minWindow
	minWindow = n
	return func() { minWindow = prev }
}

// SetCopyAbove sets the size over which a workbook is read from a private
// copy; it returns the undo.
func SetCopyAbove(n int64) func() {
	prev := CopyAbove
	CopyAbove = n
	return func() { CopyAbove = prev }
}

// CopyName is the name the private copy had in the temporary folder, or "".
func CopyName(s *Source) string {
	if s.copy == nil {
		return ""
	}
	return s.copy.Name()
}
