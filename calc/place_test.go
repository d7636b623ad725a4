package calc

import "testing"

// TestPlaceText: each kind of place renders as its doc comment shows, and
// a list of places skips those that render as nothing, separators too.
func TestPlaceText(t *testing.T) {
	book := &Origin{File: "facts.xlsx", Sheet: `Fa"cts`}
	csv := &Origin{File: "facts/roster.csv"}
	for _, c := range []struct {
		p    Place
		want string
	}{
		{book.Cell(5, 3), `facts.xlsx: sheet "Fa\"cts" C5`},
		{book.Cell(7, 28), `facts.xlsx: sheet "Fa\"cts" AB7`},
		{book.Row(5), `facts.xlsx: sheet "Fa\"cts" row 5`},
		{csv.Cell(4, 2), `facts/roster.csv:4:2`},
		{csv.Row(4), `facts/roster.csv:4`},
		{Note("assumed held"), `assumed held`},
		{Place{}, ``},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
	ps := []Place{{}, csv.Row(4), Note(""), {}, book.Cell(5, 3), Note("")}
	if got, want := JoinPlaces(ps, "; ", English), `facts/roster.csv:4; facts.xlsx: sheet "Fa\"cts" C5`; got != want {
		t.Errorf("JoinPlaces = %q, want %q", got, want)
	}
	if got := string(AppendPlaces([]byte("from: "), []Place{Note(""), {}}, "; ", English)); got != "from: " {
		t.Errorf("AppendPlaces of nothing = %q", got)
	}
	// In a report's own words (Russian: «лист», «строка»): only the words
	// change, not the file, the sheet's name, the cell or the line.
	ru := PlaceWords{Sheet: "лист", Row: "строка"}
	ps = []Place{book.Cell(5, 3), book.Row(5), csv.Cell(4, 2)}
	if got, want := JoinPlaces(ps, "; ", ru), `facts.xlsx: лист "Fa\"cts" C5; facts.xlsx: лист "Fa\"cts" строка 5; facts/roster.csv:4:2`; got != want {
		t.Errorf("JoinPlaces in Russian = %q, want %q", got, want)
	}
	// For a workbook handed to an employee: files by their base names;
	// a note stays as written.
	deep := &Origin{File: "/home/hr/clients/acme/2026-10/facts.xlsx", Sheet: "Facts"}
	folder := &Origin{File: "/home/hr/acme/facts/roster.csv"}
	ps = []Place{deep.Cell(5, 3), folder.Cell(4, 2), Note("/home/hr/a note")}
	if got, want := JoinPlaces(ps, "; ", PlaceWords{Sheet: "sheet", Row: "row", FileBase: true}), `facts.xlsx: sheet "Facts" C5; roster.csv:4:2; /home/hr/a note`; got != want {
		t.Errorf("JoinPlaces by base names = %q, want %q", got, want)
	}
}
