package decompose

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/premia-pay/premia/internal/problem"
	"github.com/premia-pay/premia/plan"
)

// File is a funnel file as written: what the owner wants and the funnel
// that gets there (docs/planning.md §7.3 shows one, with every key).
type File struct {
	Version      *int      `yaml:"version"`
	Title        string    `yaml:"title"`
	Period       string    `yaml:"period"`
	Currency     string    `yaml:"currency"`
	Step         *plan.Dec `yaml:"step"`
	Profit       *plan.Dec `yaml:"profit"`
	Margin       *plan.Dec `yaml:"margin"`
	AverageCheck *plan.Dec `yaml:"average_check"`
	WorkingDays  *int      `yaml:"working_days"`
	Managers     *int      `yaml:"managers"`
	Profile      string    `yaml:"profile"`
	Share        string    `yaml:"share"`
	Conversions  string    `yaml:"conversions"`
	Stages       []*Stage  `yaml:"stages"`
	Pos          plan.Pos
	Keys         map[string]plan.Pos
}

// Stage is one stage of the funnel as written, from the deal backwards.
type Stage struct {
	ID string `yaml:"id"`
	// Conversion is the share of this stage's units that become the next
	// stage's (the one above it in the file, nearer the deal): of
	// meetings, the share that lead to a proposal.
	Conversion *plan.Dec `yaml:"conversion"`
	// KPI is the scheme's KPI or Facts column that counts this stage
	// (default: the stage's id).
	KPI string `yaml:"kpi"`
	// Activity is the industry norm the stage is compared with: calls or
	// meetings (default: the stage's id, when it is one of them).
	Activity string `yaml:"activity"`
	// Norm is a norm of the funnel's own per manager per day, instead of
	// the profile's.
	Norm *plan.Dec `yaml:"norm"`
	Pos  plan.Pos
	Keys map[string]plan.Pos
}

// Activities the industry norms are given for.
const (
	ActivityCalls    = "calls"
	ActivityMeetings = "meetings"
)

// How the department's deals are shared across the managers.
const (
	ShareEqual     = "equal"
	SharePastDeals = "past-deals"
)

// Whose conversions turn a manager's deals into activity.
const (
	ConversionsFunnel = "funnel"
	ConversionsOwn    = "own"
)

// Shares and ConversionChoices are the words share: and conversions:
// take.
var (
	Shares            = []string{ShareEqual, SharePastDeals}
	ConversionChoices = []string{ConversionsFunnel, ConversionsOwn}
)

// maxFileBytes bounds a funnel file: a few dozen lines.
const maxFileBytes = 1 << 20

// Read reads the funnel file at path ("-": r), by the scheme's strict
// rules; what its values mean is checked by Resolve.
func Read(path string, r io.Reader) (*File, error) {
	name := path
	if path == "-" {
		name = "stdin"
	} else {
		st, err := os.Stat(path)
		if err != nil {
			return nil, problem.Errorf("%s: cannot open the funnel: %v", path, unwrapPath(err))
		}
		if st.IsDir() {
			return nil, problem.Errorf("%s: is a folder, not a funnel: give the funnel's .yaml file", path)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, problem.Errorf("%s: cannot open the funnel: %v", path, unwrapPath(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, problem.Errorf("%s: cannot read the funnel: %v", name, unwrapPath(err))
	}
	if len(data) > maxFileBytes {
		return nil, problem.Errorf("%s: over %d bytes: not a funnel", name, maxFileBytes)
	}
	if strings.HasPrefix(string(data), "PK\x03\x04") {
		return nil, problem.Errorf("%s: this is a workbook, not a funnel: give the funnel's .yaml file first (premia decompose FUNNEL.yaml --history FACTS)", name)
	}
	f := &File{}
	if err := plan.DecodeFile(strings.NewReader(string(data)), name, f); err != nil {
		if schemeKeys.Match(data) {
			return nil, problem.Errorf("%s: this is a scheme, not a funnel: give the funnel's .yaml file first, and the scheme with --scheme (premia decompose FUNNEL.yaml --scheme SCHEME --history FACTS)", name)
		}
		return nil, err
	}
	return f, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Figure is a decimal input and where it was given: a funnel file's line
// and column, or a flag.
type Figure struct {
	V   decimal.Decimal
	Src string // "funnel.yaml:5:9" or "--profit"
}

// Overrides are the values given on the command line, over the file's.
// A nil field is not given.
type Overrides struct {
	Profit, Margin, AverageCheck        *decimal.Decimal
	WorkingDays, Managers               *int
	Period, Profile, Share, Conversions string
	// Conversion is each stage's conversion by stage id, in the order
	// given: without a file they are the funnel's stages after the deal.
	Conversion []StageRate
}

// StageRate is one --conversion STAGE=RATE.
type StageRate struct {
	Stage string
	Rate  decimal.Decimal
}

// Input is a funnel resolved: the file's values with the command line's
// over them, each checked.
type Input struct {
	File            string // the funnel file's name, "" when all came from flags
	Title, Currency string
	Period          string          // the month planned, YYYY-MM, or ""
	Step            decimal.Decimal // money is shown rounded half-up to it
	Profit          Figure
	Margin          Figure
	AverageCheck    Figure
	WorkingDays     int
	Managers        int // 0: not given (the history's people)
	ManagersSrc     string
	Profile         string // "" for none
	Share           string
	Conversions     string // "" until the history is known: own with one, funnel without
	Stages          []StageIn
}

// StageIn is one resolved stage.
type StageIn struct {
	ID         string
	KPI        string // the column the history counts it in: kpi:, else the id
	Activity   string // calls, meetings, or ""
	Conversion *Figure
	Norm       *Figure
	Src        string // the stage's place in the file, "" for a flag's
}

// DefaultStep is the money step when the funnel gives none.
var DefaultStep = decimal.New(1, -2)

var (
	idText     = regexp.MustCompile(`^\pL[\pL\pN_-]*$`)
	periodText = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	// schemeKeys are a scheme's top-level keys no funnel has.
	schemeKeys = regexp.MustCompile(`(?m)^(roles|ladders|rounding):`)
)

// IsShare reports whether v is a share: above 0 and at most 1.
func IsShare(v decimal.Decimal) bool { return v.Sign() > 0 && v.Cmp(decimal.New(1, 0)) <= 0 }

// placeOf is file:line:col.
func placeOf(file string, p plan.Pos) string {
	if p.Line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Resolve checks a funnel file and puts the command line's values over
// it: every problem at once, each located (the file's line and column, or
// the flag). f is nil when there is no file: then the flags give every
// value, and the stages are the deal and each --conversion in order.
func Resolve(f *File, file string, o Overrides) (*Input, error) {
	var errs []error
	bad := func(p plan.Pos, path, format string, args ...any) {
		errs = append(errs, &plan.Error{File: file, Pos: p, Path: path, Msg: problem.New(format, args...)})
	}
	// missing says a required value is given neither in the file nor by
	// its flag.
	missing := func(key, flag string) {
		if file == "" {
			errs = append(errs, problem.Errorf("%s is required: give it, or write a funnel file", flag))
		} else {
			bad(plan.Pos{}, "", "%s is required (or give %s)", key, flag)
		}
	}
	if f == nil {
		f = &File{Keys: map[string]plan.Pos{}}
		file = ""
	} else {
		switch {
		case f.Version == nil:
			bad(plan.Pos{}, "", "version is required: start the file with `version: 1`")
		case *f.Version != 1:
			bad(f.Keys["version"], "version", "version %d is not supported; this premia reads funnels of version 1", *f.Version)
		}
	}
	in := &Input{File: file, Title: f.Title, Period: f.Period, Currency: f.Currency, Step: DefaultStep, Profile: f.Profile, Share: f.Share, Conversions: f.Conversions}
	if o.Period != "" {
		in.Period = o.Period
	} else if in.Period != "" && !periodText.MatchString(in.Period) {
		bad(f.Keys["period"], "period", "%q is not a month: write YYYY-MM, e.g. 2026-11", in.Period)
	}
	if f.Step != nil {
		if f.Step.V.Sign() <= 0 {
			bad(f.Step.Pos, "step", "step %s must be greater than zero (0.01 rounds money to kopecks)", f.Step.Raw)
		} else {
			in.Step = f.Step.V
		}
	}
	// A flag's value was checked when the flag was parsed (a usage error);
	// the file's are checked here.
	figure := func(d *plan.Dec, key string, flag *decimal.Decimal, name string, check func(v decimal.Decimal) bool, format string) Figure {
		switch {
		case flag != nil:
			return Figure{V: *flag, Src: name}
		case d != nil:
			if !check(d.V) {
				bad(d.Pos, key, format, d.Raw)
			}
			return Figure{V: d.V, Src: placeOf(file, d.Pos)}
		}
		missing(key, name)
		return Figure{}
	}
	positive := func(v decimal.Decimal) bool { return v.Sign() > 0 }
	in.Profit = figure(f.Profit, "profit", o.Profit, "--profit", positive, "%s: the profit wanted a month must be greater than zero")
	in.Margin = figure(f.Margin, "margin", o.Margin, "--margin", IsShare, "%s: the margin share is profit / revenue, above 0 and at most 1 (15 %% is written 0.15)")
	in.AverageCheck = figure(f.AverageCheck, "average_check", o.AverageCheck, "--average-check", positive, "%s: the average check (revenue per deal) must be greater than zero")
	switch {
	case o.WorkingDays != nil:
		in.WorkingDays = *o.WorkingDays
	case f.WorkingDays != nil:
		in.WorkingDays = *f.WorkingDays
		if in.WorkingDays < 1 || in.WorkingDays > 31 {
			bad(f.Keys["working_days"], "working_days", "%d working days: a month has 1 to 31", in.WorkingDays)
		}
	default:
		missing("working_days", "--working-days")
	}
	switch {
	case o.Managers != nil:
		in.Managers, in.ManagersSrc = *o.Managers, "--managers"
	case f.Managers != nil:
		in.Managers, in.ManagersSrc = *f.Managers, placeOf(file, f.Keys["managers"])
		if in.Managers < 1 {
			bad(f.Keys["managers"], "managers", "%d managers: at least one is needed to do the work", in.Managers)
		}
	}
	if o.Profile != "" {
		in.Profile = o.Profile
	} else if in.Profile != "" && profileOf(in.Profile) == nil {
		bad(f.Keys["profile"], "profile", "unknown profile %q%s; the profiles: %s", in.Profile, suggest(in.Profile, ProfileIDs()), strings.Join(ProfileIDs(), ", "))
	}
	if o.Share != "" {
		in.Share = o.Share
	} else if in.Share != "" && !slices.Contains(Shares, in.Share) {
		bad(f.Keys["share"], "share", "%q is not a way to share the deals%s: write %s", in.Share, suggest(in.Share, Shares), problem.OrList(Shares))
	}
	if in.Share == "" {
		in.Share = ShareEqual
	}
	if o.Conversions != "" {
		in.Conversions = o.Conversions
	} else if in.Conversions != "" && !slices.Contains(ConversionChoices, in.Conversions) {
		bad(f.Keys["conversions"], "conversions", "%q is not whose conversions to use%s: write %s", in.Conversions, suggest(in.Conversions, ConversionChoices), problem.OrList(ConversionChoices))
	}
	in.Stages = stages(f, file, o, bad, &errs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return in, nil
}

// stages resolves the funnel's stages, with --conversion over the file's.
func stages(f *File, file string, o Overrides, bad func(plan.Pos, string, string, ...any), errs *[]error) []StageIn {
	var out []StageIn
	if file == "" {
		// From flags alone: the deal, then each --conversion in order.
		out = append(out, StageIn{ID: "deals", KPI: "deals"})
		for _, c := range o.Conversion {
			r := Figure{V: c.Rate, Src: "--conversion " + c.Stage}
			st := StageIn{ID: c.Stage, KPI: c.Stage, Conversion: &r, Activity: defaultActivity(c.Stage)}
			if slices.ContainsFunc(out, func(s StageIn) bool { return s.ID == c.Stage }) {
				*errs = append(*errs, problem.Errorf("--conversion %s: stage %q is given twice", c.Stage, c.Stage))
			}
			out = append(out, st)
		}
		if len(out) < 2 {
			*errs = append(*errs, problem.Errorf("no funnel: give the funnel file, or each stage's conversion from the deal back (--conversion proposals=0.4 --conversion meetings=0.5 --conversion calls=0.08)"))
		}
		return out
	}
	if f.Stages == nil {
		bad(plan.Pos{}, "", "%s is required (or give %s)", "stages", "--conversion")
		return nil
	}
	if len(f.Stages) < 2 {
		bad(f.Keys["stages"], "stages", "a funnel needs the deal and at least one stage before it (proposals, meetings, calls …)")
	}
	seen := map[string]plan.Pos{}
	for i, s := range f.Stages {
		if s == nil {
			continue // reported as empty by the decoder
		}
		path := fmt.Sprintf("stages[%d]", i)
		st := StageIn{ID: s.ID, KPI: s.KPI, Activity: s.Activity, Src: placeOf(file, s.Pos)}
		switch {
		case s.ID == "":
			bad(s.Pos, path+".id", "id is required: name the stage (deals, proposals, meetings, calls …)")
		case !idText.MatchString(s.ID):
			bad(s.Keys["id"], path+".id", "%q is not a valid id: use letters, digits, _ and -, starting with a letter", s.ID)
		default:
			if first, dup := seen[s.ID]; dup {
				bad(s.Keys["id"], path+".id", "stage %q is given twice (first at line %d)", s.ID, first.Line)
			}
			seen[s.ID] = s.Keys["id"]
		}
		if st.KPI == "" {
			st.KPI = s.ID
		} else if !idText.MatchString(st.KPI) {
			bad(s.Keys["kpi"], path+".kpi", "%q is not a valid id: use letters, digits, _ and -, starting with a letter", st.KPI)
		}
		switch {
		case st.Activity == "":
			st.Activity = defaultActivity(s.ID)
		case st.Activity != ActivityCalls && st.Activity != ActivityMeetings:
			acts := []string{ActivityCalls, ActivityMeetings}
			bad(s.Keys["activity"], path+".activity", "%q is not an activity with an industry norm%s: write %s (or give the stage a norm of its own, norm:)", st.Activity, suggest(st.Activity, acts), problem.OrList(acts))
		}
		if s.Conversion != nil {
			if i == 0 {
				bad(s.Conversion.Pos, path+".conversion", "the first stage is the deal itself: it has no conversion (the average check turns revenue into deals)")
			} else if !IsShare(s.Conversion.V) {
				bad(s.Conversion.Pos, path+".conversion", "conversion %s: the share of this stage that becomes the next is above 0 and at most 1 (40 %% is written 0.4)", s.Conversion.Raw)
			}
			st.Conversion = &Figure{V: s.Conversion.V, Src: placeOf(file, s.Conversion.Pos)}
		}
		if s.Norm != nil {
			if s.Norm.V.Sign() <= 0 {
				bad(s.Norm.Pos, path+".norm", "norm %s: a norm per manager per day must be greater than zero", s.Norm.Raw)
			}
			st.Norm = &Figure{V: s.Norm.V, Src: placeOf(file, s.Norm.Pos)}
		}
		out = append(out, st)
	}
	// --conversion over the file's stages.
	ids := make([]string, len(out))
	for i, s := range out {
		ids[i] = s.ID
	}
	for _, c := range o.Conversion {
		i := slices.Index(ids, c.Stage)
		switch {
		case i < 0:
			*errs = append(*errs, problem.Errorf("--conversion %s: the funnel has no stage %q%s; its stages: %s", c.Stage, c.Stage, suggest(c.Stage, ids), strings.Join(ids, ", ")))
		case i == 0:
			*errs = append(*errs, problem.Errorf("--conversion %s: %q is the deal itself: it has no conversion", c.Stage, c.Stage))
		default:
			out[i].Conversion = &Figure{V: c.Rate, Src: "--conversion " + c.Stage}
		}
	}
	return out
}

// defaultActivity is the activity a stage's id names, or "".
func defaultActivity(id string) string {
	if id == ActivityCalls || id == ActivityMeetings {
		return id
	}
	return ""
}

// suggest is ` (did you mean "x"?)` for a near miss among names.
func suggest(got string, names []string) problem.Text {
	best, bestD := "", 3
	for _, n := range names {
		if d := plan.EditDistance(strings.ToLower(got), n); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return problem.Text{}
	}
	return problem.New(" (did you mean %q?)", best)
}
