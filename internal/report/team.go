package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/calc"
	"github.com/premia-pay/premia/internal/teamstats"
	"github.com/premia-pay/premia/internal/texttable"
	"github.com/premia-pay/premia/plan"
)

// This file lays out a team analysis (package teamstats, premia team):
// the terminal table, the CSV of one section and the JSON of all. Every
// section is a list of columns, each with its key (the CSV's and JSON's
// name), its heading in English and Russian and how a row gives its
// value; the table and the workbook (teamworkbook.go) show the same
// columns, or some of them, with the words people read.

// The sections of a team analysis (premia team --section).
const (
	TeamKPIs        = "kpis"
	TeamPeople      = "people"
	TeamOutliers    = "outliers"
	TeamDepartments = "departments"
	TeamReach       = "reach"
)

// TeamSections are the sections in the order the table shows them.
var TeamSections = []string{TeamKPIs, TeamReach, TeamOutliers, TeamPeople, TeamDepartments}

// tkind is what a column holds.
type tkind uint8

const (
	tText tkind = iota
	tNum        // a figure, exact, shown to 6 decimals (a share as a percentage to people)
	tInt
	tBool
)

// tval is one cell of a section.
type tval struct {
	kind  tkind
	s     string  // text, as CSV and JSON carry it
	h     string  // the text people read, when it differs from s
	q     *calc.Q // a figure; nil for none
	share bool    // q is a share: people read a percentage
	n     int
	b     *bool // nil for none
}

func txt(s string) tval            { return tval{s: s} }
func txtH(s, h string) tval        { return tval{s: s, h: h} }
func fig(q calc.Q) tval            { return tval{kind: tNum, q: &q} }
func figP(q *calc.Q) tval          { return tval{kind: tNum, q: q} }
func pct(q *calc.Q) tval           { return tval{kind: tNum, q: q, share: true} }
func count(n int) tval             { return tval{kind: tInt, n: n} }
func yesNo(b *bool) tval           { return tval{kind: tBool, b: b} }
func flag(b bool) tval             { return tval{kind: tBool, b: &b} }
func (v tval) human(h string) tval { v.h = h; return v }

// tcol is a column of a section of rows of type T.
type tcol[T any] struct {
	key   string
	head  [2]string // English, Russian
	table bool      // shown in the terminal table too
	get   func(T) tval
}

// teamCtx is what the columns word their values with.
type teamCtx struct {
	s       *plan.Scheme
	a       *teamstats.Analysis
	lang    string
	several bool // more than one month
}

func (c *teamCtx) w(en, ru string) string {
	if c.lang == "ru" {
		return ru
	}
	return en
}

func (c *teamCtx) role(id string) string { return c.s.RoleTitle(id) }

func (c *teamCtx) direction(d string) string {
	if d == plan.Lower {
		return c.w("lower is better", "чем меньше, тем лучше")
	}
	return c.w("higher is better", "чем больше, тем лучше")
}

// month is a month's label, "all" (every month together) for "".
func (c *teamCtx) month(m string) tval {
	if m == "" {
		return txtH("all", c.w("all months", "все месяцы"))
	}
	return txt(m)
}

func (c *teamCtx) yes(b bool) string {
	if b {
		return c.w("yes", "да")
	}
	return c.w("no", "нет")
}

// percent is a share as people read it: 42.9 %.
func percent(q calc.Q) string {
	return calc.Text(q.Mul(calc.Dec(decimal.New(100, 0))).Approx(1)) + " %"
}

// csvText is v as a CSV field: figures to 6 decimals, booleans true or
// false, none empty, text safe from formula injection.
func (v tval) csvText() string {
	switch v.kind {
	case tNum:
		if v.q == nil {
			return ""
		}
		return calc.Text(v.q.Shown())
	case tInt:
		return strconv.Itoa(v.n)
	case tBool:
		if v.b == nil {
			return ""
		}
		return strconv.FormatBool(*v.b)
	}
	return safe(v.s)
}

// json is v as a JSON value: figures as strings of up to 6 decimals (as
// calc's JSON gives ratios), none as null.
func (v tval) json() any {
	switch v.kind {
	case tNum:
		if v.q == nil {
			return nil
		}
		return calc.Text(v.q.Shown())
	case tInt:
		return v.n
	case tBool:
		if v.b == nil {
			return nil
		}
		return *v.b
	}
	return v.s
}

// tableText is v as the terminal table shows it; "-" for none.
func (v tval) tableText(c *teamCtx) string {
	switch v.kind {
	case tNum:
		switch {
		case v.q == nil && v.h != "":
			return v.h
		case v.q == nil:
			return "-"
		case v.share:
			return percent(*v.q)
		}
		return calc.Text(v.q.Shown())
	case tInt:
		return strconv.Itoa(v.n)
	case tBool:
		if v.h != "" {
			return v.h
		}
		if v.b == nil {
			return "-"
		}
		return c.yes(*v.b)
	}
	if v.h != "" {
		return v.h
	}
	return v.s
}

// section is one table of an analysis: its columns and rows.
type section[T any] struct {
	name string
	cols []tcol[T]
	rows []T
}

func (sc section[T]) keys() []string {
	out := make([]string, len(sc.cols))
	for i, c := range sc.cols {
		out[i] = c.key
	}
	return out
}

func (sc section[T]) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(sc.keys()); err != nil {
		return err
	}
	rec := make([]string, len(sc.cols))
	for _, r := range sc.rows {
		for i, c := range sc.cols {
			rec[i] = c.get(r).csvText()
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonRows are the rows as JSON objects, their keys in column order.
func (sc section[T]) jsonRows() []orderedObject {
	out := make([]orderedObject, 0, len(sc.rows))
	for _, r := range sc.rows {
		o := make(orderedObject, len(sc.cols))
		for i, c := range sc.cols {
			o[i] = field{c.key, c.get(r).json()}
		}
		out = append(out, o)
	}
	return out
}

// table is the section as aligned text: the table's columns, headings in
// upper case, figures right-aligned.
func (sc section[T]) table(b *strings.Builder, c *teamCtx) {
	var cols []tcol[T]
	for _, col := range sc.cols {
		if col.table {
			cols = append(cols, col)
		}
	}
	head := make([]string, len(cols))
	right := make([]bool, len(cols))
	for i, col := range cols {
		head[i] = strings.ToUpper(c.w(col.head[0], col.head[1]))
	}
	rows := [][]string{head}
	for _, r := range sc.rows {
		line := make([]string, len(cols))
		for i, col := range cols {
			v := col.get(r)
			line[i] = v.tableText(c)
			right[i] = right[i] || v.kind == tNum || v.kind == tInt
		}
		rows = append(rows, line)
	}
	texttable.Write(b, rows, right, false)
}

// field is a JSON object's key and value; orderedObject keeps its keys in
// the order written.
type field struct {
	k string
	v any
}

type orderedObject []field

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalNoEscape(f.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalNoEscape is json.Marshal without HTML escaping (names with &).
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// kpiSection is the team's figures per role and KPI.
func kpiSection(c *teamCtx) section[teamstats.KPISummary] {
	type K = teamstats.KPISummary
	least := percent(c.a.ReachMin)
	return section[K]{TeamKPIs, []tcol[K]{
		{"role", [2]string{"Role", "Должность"}, true, func(k K) tval { return txtH(k.Role, c.role(k.Role)) }},
		{"kpi", [2]string{"KPI", "Показатель"}, true, func(k K) tval { return txt(k.KPI) }},
		{"title", [2]string{"Title", "Название"}, false, func(k K) tval { return txt(k.Title) }},
		{"unit", [2]string{"Unit", "Ед."}, false, func(k K) tval { return txt(k.Unit) }},
		{"direction", [2]string{"Direction", "Направление"}, false, func(k K) tval { return txtH(k.Direction, c.direction(k.Direction)) }},
		{"n", [2]string{"N", "N"}, true, func(k K) tval { return count(k.N) }},
		{"mean", [2]string{"Mean", "Среднее"}, true, func(k K) tval { return fig(k.Mean) }},
		{"median", [2]string{"Median", "Медиана"}, true, func(k K) tval { return fig(k.Median) }},
		{"min", [2]string{"Min", "Мин."}, true, func(k K) tval { return fig(k.Min) }},
		{"q1", [2]string{"Q1", "Q1"}, true, func(k K) tval { return fig(k.Q1) }},
		{"q3", [2]string{"Q3", "Q3"}, true, func(k K) tval { return fig(k.Q3) }},
		{"max", [2]string{"Max", "Макс."}, true, func(k K) tval { return fig(k.Max) }},
		{"iqr", [2]string{"IQR", "IQR"}, true, func(k K) tval { return fig(k.IQR) }},
		{"low_fence", [2]string{"Low fence", "Нижняя граница"}, false, func(k K) tval { return fig(k.LowFence) }},
		{"high_fence", [2]string{"High fence", "Верхняя граница"}, false, func(k K) tval { return fig(k.HighFence) }},
		{"leader_value", [2]string{"Best", "Лучшее"}, true, func(k K) tval { return fig(k.Leader) }},
		{"leaders", [2]string{"Leader", "Лидер"}, true, func(k K) tval { return txt(c.leaders(k.Leaders)) }},
		{"ranked_by", [2]string{"Ranked by", "Ранг по"}, false, func(k K) tval {
			return txtH(k.RankedBy, c.w(k.RankedBy, map[string]string{teamstats.RankFulfilment: "выполнению", teamstats.RankFact: "факту"}[k.RankedBy]))
		}},
		{"outliers", [2]string{"Outliers", "Выбросы"}, true, func(k K) tval { return count(k.Outliers) }},
		{"with_norm", [2]string{"With a norm", "С нормой"}, true, func(k K) tval { return count(k.Reach.WithNorm) }},
		{"reached", [2]string{"At norm", "Норма выполнена"}, true, func(k K) tval { return count(k.Reach.Reached) }},
		{"reach_share", [2]string{"Share at norm", "Доля с нормой"}, true, func(k K) tval { return pct(k.Reach.Share) }},
		{"reach_under", [2]string{"Under " + least, "Ниже " + least}, true, func(k K) tval { return c.under(k.Reach) }},
	}, c.a.KPIs}
}

// under is the reachability flag: people read it as a mark.
func (c *teamCtx) under(r teamstats.Reach) tval {
	v := flag(r.Under)
	if r.Share == nil {
		v.b = nil
	}
	if r.Under {
		return v.human(c.w("under ", "ниже ") + percent(c.a.ReachMin))
	}
	return v.human(" ")
}

// leaders names the leaders: their ids, with the month when there are
// several.
func (c *teamCtx) leaders(rs []teamstats.Ref) string {
	var out []string
	for _, r := range rs {
		if c.several {
			out = append(out, r.ID+" "+r.Month)
		} else {
			out = append(out, r.ID)
		}
	}
	return strings.Join(out, "; ")
}

// reachSection is the reachability per month (and over all months).
func reachSection(c *teamCtx) section[teamstats.Reach] {
	type R = teamstats.Reach
	return section[R]{TeamReach, []tcol[R]{
		{"month", [2]string{"Month", "Месяц"}, true, func(r R) tval { return c.month(r.Month) }},
		{"role", [2]string{"Role", "Должность"}, true, func(r R) tval { return txtH(r.Role, c.role(r.Role)) }},
		{"kpi", [2]string{"KPI", "Показатель"}, true, func(r R) tval { return txt(r.KPI) }},
		{"with_norm", [2]string{"With a norm", "С нормой"}, true, func(r R) tval { return count(r.WithNorm) }},
		{"reached", [2]string{"At norm", "Норма выполнена"}, true, func(r R) tval { return count(r.Reached) }},
		{"share", [2]string{"Share at norm", "Доля с нормой"}, true, func(r R) tval { return pct(r.Share) }},
		{"min", [2]string{"Least", "Минимум"}, false, func(R) tval { return pct(&c.a.ReachMin) }},
		{"under", [2]string{"Under " + percent(c.a.ReachMin), "Ниже " + percent(c.a.ReachMin)}, true, func(r R) tval { return c.under(r) }},
	}, c.a.Reach}
}

// rowColumns are the columns that name a person-month's KPI.
func rowColumns(c *teamCtx) []tcol[*teamstats.Row] {
	type P = *teamstats.Row
	return []tcol[P]{
		{"month", [2]string{"Month", "Месяц"}, c.several, func(r P) tval { return txt(r.Month) }},
		{"id", [2]string{"ID", "Таб. №"}, true, func(r P) tval { return txt(r.ID) }},
		{"name", [2]string{"Name", "ФИО"}, true, func(r P) tval { return txt(r.Name) }},
		{"role", [2]string{"Role", "Должность"}, false, func(r P) tval { return txtH(r.Role, c.role(r.Role)) }},
		{"department", [2]string{"Department", "Отдел"}, false, func(r P) tval { return txt(r.Department) }},
		{"kpi", [2]string{"KPI", "Показатель"}, true, func(r P) tval { return txt(r.KPI) }},
		{"direction", [2]string{"Direction", "Направление"}, false, func(r P) tval {
			d := c.a.KPIs[r.Group].Direction
			return txtH(d, c.direction(d))
		}},
		{"fact", [2]string{"Fact", "Факт"}, true, func(r P) tval { return fig(r.Fact) }},
	}
}

// side is how people read an outlier's side of its bound.
func (c *teamCtx) side(r *teamstats.Row) string {
	switch {
	case c.a.Rule == teamstats.RuleBase && r.Side == teamstats.SideLow:
		return c.w("at or below base", "на базе или ниже")
	case c.a.Rule == teamstats.RuleBase:
		return c.w("at or above base", "на базе или выше")
	case r.Side == teamstats.SideLow:
		return c.w("below the low fence", "ниже нижней границы")
	}
	return c.w("above the high fence", "выше верхней границы")
}

func (c *teamCtx) worse(r *teamstats.Row) tval {
	if r.Side == "" {
		return yesNo(nil)
	}
	if r.Worse {
		return flag(true).human(c.w("worse", "хуже"))
	}
	return flag(false).human(c.w("better", "лучше"))
}

// peopleSection is a row per person-month and KPI, with the team's
// figures repeated.
func peopleSection(c *teamCtx) section[*teamstats.Row] {
	type P = *teamstats.Row
	team := func(r P) teamstats.KPISummary { return c.a.KPIs[r.Group] }
	cols := append(rowColumns(c),
		tcol[P]{"base", [2]string{"Base", "База"}, false, func(r P) tval { return figP(r.Base) }},
		tcol[P]{"norm", [2]string{"Norm", "Норма"}, true, func(r P) tval { return figP(r.Norm) }},
		tcol[P]{"fulfilment", [2]string{"Fulfilment", "Выполнение"}, true, func(r P) tval {
			if r.Best {
				return pct(nil).human(c.w("best", "лучший"))
			}
			return pct(r.Fulfilment)
		}},
		tcol[P]{"best", [2]string{"Best possible", "Лучший возможный"}, false, func(r P) tval { return flag(r.Best) }},
		tcol[P]{"reached", [2]string{"At norm", "Норма выполнена"}, false, func(r P) tval { return yesNo(r.Reached) }},
		tcol[P]{"to_leader", [2]string{"To leader", "До лидера"}, true, func(r P) tval { return fig(r.ToLeader) }},
		tcol[P]{"to_leader_share", [2]string{"% of leader", "% от лидера"}, true, func(r P) tval { return pct(r.ToLeaderShare) }},
		tcol[P]{"rank", [2]string{"Rank", "Ранг"}, true, func(r P) tval { return pct(r.Rank) }},
		tcol[P]{"person_rank", [2]string{"Person's rank", "Ранг сотрудника"}, c.several, func(r P) tval { return pct(r.PersonRank) }},
		tcol[P]{"mark", [2]string{"Strongest / weakest", "Сильный / слабый"}, true, func(r P) tval { return c.mark(r.Mark) }},
		tcol[P]{"outlier_side", [2]string{"Outlier", "Выброс"}, false, func(r P) tval {
			if r.Side == "" {
				return txt("")
			}
			return txtH(r.Side, c.side(r))
		}},
		tcol[P]{"outlier_bound", [2]string{"Bound crossed", "Пересечённая граница"}, false, func(r P) tval {
			if r.Side == "" {
				return figP(nil)
			}
			return fig(r.Bound)
		}},
		tcol[P]{"outlier_worse", [2]string{"Outlier: better or worse", "Выброс: лучше или хуже"}, false, func(r P) tval { return c.worse(r) }},
		tcol[P]{"team_n", [2]string{"Team N", "N команды"}, false, func(r P) tval { return count(team(r).N) }},
		tcol[P]{"team_mean", [2]string{"Team mean", "Среднее команды"}, false, func(r P) tval { return fig(team(r).Mean) }},
		tcol[P]{"team_median", [2]string{"Team median", "Медиана команды"}, false, func(r P) tval { return fig(team(r).Median) }},
		tcol[P]{"team_min", [2]string{"Team min", "Мин. команды"}, false, func(r P) tval { return fig(team(r).Min) }},
		tcol[P]{"team_q1", [2]string{"Team Q1", "Q1 команды"}, false, func(r P) tval { return fig(team(r).Q1) }},
		tcol[P]{"team_q3", [2]string{"Team Q3", "Q3 команды"}, false, func(r P) tval { return fig(team(r).Q3) }},
		tcol[P]{"team_max", [2]string{"Team max", "Макс. команды"}, false, func(r P) tval { return fig(team(r).Max) }},
		tcol[P]{"leader_value", [2]string{"Team best", "Лучшее в команде"}, false, func(r P) tval { return fig(team(r).Leader) }},
	)
	rows := make([]*teamstats.Row, len(c.a.People))
	for i := range c.a.People {
		rows[i] = &c.a.People[i]
	}
	return section[P]{TeamPeople, cols, rows}
}

func (c *teamCtx) mark(m string) tval {
	switch m {
	case teamstats.MarkStrongest:
		return txtH(m, c.w("▲ strongest", "▲ сильный"))
	case teamstats.MarkWeakest:
		return txtH(m, c.w("▼ weakest", "▼ слабый"))
	}
	return txt("")
}

// outlierSection is the person-months outside the normal range.
func outlierSection(c *teamCtx) section[*teamstats.Row] {
	type P = *teamstats.Row
	cols := append(rowColumns(c),
		tcol[P]{"rule", [2]string{"Rule", "Правило"}, false, func(P) tval { return txt(c.a.Rule) }},
		tcol[P]{"side", [2]string{"Outside", "Где"}, true, func(r P) tval { return txtH(r.Side, c.side(r)) }},
		tcol[P]{"bound", [2]string{"Bound", "Граница"}, true, func(r P) tval { return fig(r.Bound) }},
		tcol[P]{"worse", [2]string{"Better or worse", "Лучше или хуже"}, true, func(r P) tval { return c.worse(r) }},
	)
	var rows []P
	for i := range c.a.People {
		if c.a.People[i].Side != "" {
			rows = append(rows, &c.a.People[i])
		}
	}
	return section[P]{TeamOutliers, cols, rows}
}

// departmentSection is the subtotals and rankings per department.
func departmentSection(c *teamCtx) section[teamstats.DepartmentRow] {
	type D = teamstats.DepartmentRow
	return section[D]{TeamDepartments, []tcol[D]{
		{"department", [2]string{"Department", "Отдел"}, true, func(d D) tval {
			if d.Department == "" {
				return txtH("", c.w("no department", "без отдела"))
			}
			return txt(d.Department)
		}},
		{"kind", [2]string{"Kind", "Вид"}, false, func(d D) tval {
			if d.KPI == "" {
				return txtH("k", "K")
			}
			return txtH("kpi", c.w("KPI", "показатель"))
		}},
		{"kpi", [2]string{"KPI", "Показатель"}, true, func(d D) tval {
			if d.KPI == "" {
				return txtH("", "K")
			}
			return txt(d.KPI)
		}},
		{"title", [2]string{"Title", "Название"}, false, func(d D) tval { return txt(d.Title) }},
		{"direction", [2]string{"Direction", "Направление"}, false, func(d D) tval { return txtH(d.Direction, c.direction(d.Direction)) }},
		{"aggregate", [2]string{"Aggregate", "Как"}, true, func(d D) tval {
			if d.Mean {
				return txtH("mean", c.w("mean", "среднее"))
			}
			return txtH("sum", c.w("sum", "сумма"))
		}},
		{"value", [2]string{"Value", "Значение"}, true, func(d D) tval { return fig(d.Value) }},
		{"per_person", [2]string{"Per person", "На человека"}, true, func(d D) tval { return fig(d.PerPerson) }},
		{"count", [2]string{"N", "N"}, true, func(d D) tval { return count(d.Count) }},
		{"rank", [2]string{"Rank", "Место"}, true, func(d D) tval { return count(d.Rank) }},
		{"of", [2]string{"Of", "Из"}, true, func(d D) tval { return count(d.Of) }},
	}, c.a.Departments}
}

func newTeamCtx(s *plan.Scheme, a *teamstats.Analysis, lang string) *teamCtx {
	return &teamCtx{s: s, a: a, lang: lang, several: len(a.Months) > 1}
}

// TeamCSV writes one section of the analysis as CSV (the sections and
// their columns are README's contract): a header of keys, a row per
// record; figures to 6 decimals, shares as ratios (0.428571), booleans
// true or false, none empty.
func TeamCSV(w io.Writer, s *plan.Scheme, a *teamstats.Analysis, sec string) error {
	c := newTeamCtx(s, a, "en")
	switch sec {
	case TeamKPIs:
		return kpiSection(c).writeCSV(w)
	case TeamOutliers:
		return outlierSection(c).writeCSV(w)
	case TeamDepartments:
		return departmentSection(c).writeCSV(w)
	case TeamReach:
		return reachSection(c).writeCSV(w)
	}
	return peopleSection(c).writeCSV(w)
}

// TeamJSON writes the whole analysis as one JSON object: its heading,
// then every section as an array of objects with the CSV's keys, and the
// persons (each person's ranks, strongest and weakest KPIs).
func TeamJSON(w io.Writer, s *plan.Scheme, a *teamstats.Analysis) error {
	c := newTeamCtx(s, a, "en")
	persons := make([]orderedObject, len(a.Persons))
	for i, p := range a.Persons {
		ranks := make([]orderedObject, len(p.Ranks))
		for j, r := range p.Ranks {
			ranks[j] = orderedObject{{"kpi", r.KPI}, {"rank", calc.Text(r.Rank.Shown())}}
		}
		persons[i] = orderedObject{{"id", p.ID}, {"name", p.Name}, {"role", p.Role}, {"department", p.Department}, {"months", p.Months},
			{"ranks", ranks}, {"strongest", nonNil(p.Strongest)}, {"weakest", nonNil(p.Weakest)}}
	}
	kpis := kpiSection(c).jsonRows()
	for i, k := range a.KPIs {
		leaders := make([]orderedObject, len(k.Leaders))
		for j, l := range k.Leaders {
			leaders[j] = orderedObject{{"month", l.Month}, {"id", l.ID}, {"name", l.Name}}
		}
		for j := range kpis[i] {
			if kpis[i][j].k == "leaders" {
				kpis[i][j].v = leaders
			}
		}
	}
	reach := reachSection(c).jsonRows()
	for i, r := range a.Reach {
		if r.Month == "" {
			reach[i][0].v = nil // every month together
		}
	}
	doc := orderedObject{
		{"scheme", s.ID},
		{"title", s.Title},
		{"months", a.Months},
		{"outliers_rule", a.Rule},
		{"reach_min", calc.Text(a.ReachMin.Shown())},
		{"quartiles", "median of each half"},
		{"kpis", kpis},
		{"reach", reach},
		{"outliers", outlierSection(c).jsonRows()},
		{"people", peopleSection(c).jsonRows()},
		{"persons", persons},
		{"departments", departmentSection(c).jsonRows()},
	}
	b, err := marshalNoEscape(doc)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TeamTable writes the analysis for reading on a terminal, in lang: the
// team's figures per KPI with their flags, the reachability per month
// (with several months), the outliers, each person's KPIs against the
// team with the strongest and weakest marked, and the departments; or
// only section, when given.
func TeamTable(w io.Writer, s *plan.Scheme, a *teamstats.Analysis, lang, sec string) error {
	c := newTeamCtx(s, a, lang)
	var b strings.Builder
	title := s.Title
	if title == "" {
		title = s.ID
	}
	fmt.Fprintf(&b, "%s: %s · %s\n", c.w("Team analysis", "Анализ команды"), title, strings.Join(a.Months, ", "))
	if a.Rule == teamstats.RuleBase {
		b.WriteString(c.w("Outliers: at or beyond the base, the critical point (--outliers base).",
			"Выбросы: на базе или хуже — критическая точка (--outliers base).") + "\n")
	} else {
		b.WriteString(c.w("Outliers: beyond 1.5 × IQR from the quartiles (--outliers iqr).",
			"Выбросы: дальше 1,5 × IQR от квартилей (--outliers iqr).") + "\n")
	}
	fmt.Fprintf(&b, c.w("A norm is reachable when at least %s of people reach it.", "Норма достижима, если её выполняют не меньше %s сотрудников.")+"\n", percent(a.ReachMin))
	part := func(name, heading string, write func()) {
		if sec != "" && sec != name {
			return
		}
		b.WriteString("\n" + heading + "\n")
		write()
	}
	part(TeamKPIs, c.w("KPIs", "Показатели"), func() { kpiSection(c).table(&b, c) })
	if c.several || sec == TeamReach {
		part(TeamReach, c.w("Reachability per month", "Достижимость по месяцам"), func() { reachSection(c).table(&b, c) })
	}
	part(TeamOutliers, c.w("Outliers", "Выбросы"), func() {
		o := outlierSection(c)
		if len(o.rows) == 0 {
			b.WriteString(c.w("none", "нет") + "\n")
			return
		}
		o.table(&b, c)
	})
	part(TeamPeople, c.w("People: rank = percentile in the team; ▲ strongest, ▼ weakest KPI", "Сотрудники: ранг — процентиль в команде; ▲ сильный, ▼ слабый показатель"), func() {
		p := peopleSection(c)
		p.rows = c.byPerson(p.rows)
		p.table(&b, c)
	})
	part(TeamDepartments, c.w("Departments", "Отделы"), func() { departmentSection(c).table(&b, c) })
	_, err := io.WriteString(w, b.String())
	return err
}

// byPerson orders rows by person (id, role), then month, then KPI: a
// person's KPIs together, as people read them.
func (c *teamCtx) byPerson(rows []*teamstats.Row) []*teamstats.Row {
	at := map[string]int{}
	for i, m := range c.a.Months {
		at[m] = i
	}
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(x, y *teamstats.Row) int {
		if d := strings.Compare(x.ID, y.ID); d != 0 {
			return d
		}
		if d := strings.Compare(x.Role, y.Role); d != 0 {
			return d
		}
		if d := at[x.Month] - at[y.Month]; d != 0 {
			return d
		}
		return x.Group - y.Group
	})
	return out
}
