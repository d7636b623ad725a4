package factsheet

// SetMinWindow lowers the fewest rows of a window, for tests of windows
// smaller than a header's search; it returns the undo.
func SetMinWindow(n int) func() {
	prev := minWindow
	minWindow = n
	return func() { minWindow = prev }
}
