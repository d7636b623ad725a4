package main

import "strconv"

// count is n and the noun for it: "1 employee", "2 employees", "0 files".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
