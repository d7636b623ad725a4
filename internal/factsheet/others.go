package factsheet

import (
	"strings"

	"github.com/premia-pay/premia/internal/xlsx"
)

// others refuses a sheet (or CSV file) that premia does not read but that
// holds an employee-id column or a column of the scheme as a heading: a
// table under a name premia does not know ("Планы на месяц") would
// otherwise be silently left out, and the scheme's values used instead.
func (r *reader) others() {
	ids := map[string]bool{}
	for _, h := range append([]string{idColumn.ID, idColumn.Ru}, idColumn.Also...) {
		ids[Fold(h)] = true
	}
	facts := r.factHeadings()
	for _, name := range r.b.others {
		rows := r.head(name)
		for i, cells := range rows {
			var seen []string
			flagged := false
			for _, c := range cells {
				f := Fold(c)
				if ids[f] || facts[f] != "" && f != "" {
					flagged = true
				}
				if f != "" {
					seen = append(seen, c)
				}
			}
			if !flagged {
				continue
			}
			like := r.likeTable(cells)
			l := Table(like)
			if r.b.xb != nil {
				r.p.add("%s: sheet %q looks like the %s table (its row %d has %s), but premia reads only sheets named %s: rename it %q (or %q) if premia should read it, or move it out of the fact sheet if not", r.path, name, like, i+1, quoteAll(first(seen, 6)), r.tableNames(), l.Name, l.Ru)
			} else {
				r.p.add("%s: %s looks like the %s table (its line %d has %s), but premia reads only files named %s: rename it %s.csv if premia should read it, or move it out of the folder if not", r.path, xlsx.Printable(name), like, i+1, quoteAll(first(seen, 6)), r.csvNames(), strings.ToLower(l.Name))
			}
			break
		}
	}
}

// head returns the first rows of a sheet or CSV file as text.
func (r *reader) head(name string) [][]string {
	const n = 20
	if r.b.xb != nil {
		s, err := r.b.xb.Head(name, n)
		if err != nil {
			return nil
		}
		out := make([][]string, 0, s.Rows())
		for i := 0; i < s.Rows(); i++ {
			_, _, cells := s.Row(i)
			var texts []string
			for j := range cells {
				texts = append(texts, s.Text(&cells[j]))
			}
			out = append(out, texts)
		}
		return out
	}
	for _, f := range r.b.src.csv {
		if f.name == name {
			recs, _, err := readCSV(f.path, f.data)
			if err != nil {
				return nil
			}
			return recs[:min(len(recs), n)]
		}
	}
	return nil
}

// likeTable guesses which table a header row belongs to: the one with the
// most of its headings (the scheme's columns count for Facts).
func (r *reader) likeTable(cells []string) string {
	best, score := Facts, 0
	facts := r.factHeadings()
	for _, l := range r.tables() {
		known := headings(l.Name)
		n := 0
		for _, c := range cells {
			f := Fold(c)
			if known[f] != "" || l.Name == Facts && facts[f] != "" {
				n++
			}
		}
		if n > score {
			best, score = l.Name, n
		}
	}
	return best
}

// tables are the tables premia reads for the scheme: the Deals table only
// when the scheme reads a deals ledger.
func (r *reader) tables() []Layout {
	if r.s.Deals().Any {
		return Tables
	}
	out := make([]Layout, 0, len(Tables))
	for _, l := range Tables {
		if l.Name != Deals {
			out = append(out, l)
		}
	}
	return out
}

func (r *reader) tableNames() string {
	var names []string
	for _, l := range r.tables() {
		names = append(names, l.Name+"/"+l.Ru)
	}
	return strings.Join(names, ", ")
}

func (r *reader) csvNames() string {
	var names []string
	for _, l := range r.tables() {
		names = append(names, strings.ToLower(l.Name)+".csv")
	}
	return strings.Join(names, ", ")
}

func first(s []string, n int) []string { return s[:min(len(s), n)] }
