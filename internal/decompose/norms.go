package decompose

import (
	"github.com/shopspring/decimal"
)

// The industry norms per manager per day that seed 001 gives, to check a
// plan against ("if what you get is within them, you are realistic"):
//
//	meetings: FMCG 25, retail 8, B2B without calls 2, B2B with calls 1;
//	calls: retail 250, mass market 150, B2B small business 100,
//	       B2B mid and large business 50, 15 a day with appointments.
//
// A profile names the industry. Which of a B2B profile's lines holds is
// the funnel's shape: a B2B funnel with both calls and meetings is the
// source's "B2B with calls" (1 meeting) and "calls with appointments"
// (15 calls); with meetings but no calls, "B2B without calls" (2
// meetings); with calls but no meetings, the profile's own calls line
// (100 small business, 50 mid and large). Retail's two lines hold as
// they are; FMCG has no calls line and mass market no meetings line.

// Profiles of industry norms.
const (
	ProfileFMCG        = "fmcg"
	ProfileRetail      = "retail"
	ProfileMassMarket  = "mass-market"
	ProfileB2BSmall    = "b2b-small"
	ProfileB2BMidLarge = "b2b-mid-large"
)

// Norm lines of the source, each a norm per manager per day: what a
// plan's stage is compared with and how the output names it.
const (
	LineMeetingsFMCG         = "meetings-fmcg"
	LineMeetingsRetail       = "meetings-retail"
	LineMeetingsB2BNoCalls   = "meetings-b2b-without-calls"
	LineMeetingsB2BWithCalls = "meetings-b2b-with-calls"
	LineCallsRetail          = "calls-retail"
	LineCallsMassMarket      = "calls-mass-market"
	LineCallsB2BSmall        = "calls-b2b-small"
	LineCallsB2BMidLarge     = "calls-b2b-mid-large"
	LineCallsWithMeetings    = "calls-with-appointments"
	// LineFunnel is a stage's own norm, given in the funnel (norm:).
	LineFunnel = "funnel"
)

// lineNorms are the source's figures.
var lineNorms = map[string]int64{
	LineMeetingsFMCG:         25,
	LineMeetingsRetail:       8,
	LineMeetingsB2BNoCalls:   2,
	LineMeetingsB2BWithCalls: 1,
	LineCallsRetail:          250,
	LineCallsMassMarket:      150,
	LineCallsB2BSmall:        100,
	LineCallsB2BMidLarge:     50,
	LineCallsWithMeetings:    15,
}

type profile struct {
	id string
	// line is the norm line of an activity, given whether the funnel has
	// the other activity too; "" for none.
	line func(activity string, both bool) string
}

var profiles = []profile{
	{ProfileFMCG, func(a string, _ bool) string {
		if a == ActivityMeetings {
			return LineMeetingsFMCG
		}
		return ""
	}},
	{ProfileRetail, func(a string, _ bool) string {
		if a == ActivityMeetings {
			return LineMeetingsRetail
		}
		return LineCallsRetail
	}},
	{ProfileMassMarket, func(a string, _ bool) string {
		if a == ActivityCalls {
			return LineCallsMassMarket
		}
		return ""
	}},
	{ProfileB2BSmall, func(a string, both bool) string { return b2bLine(a, both, LineCallsB2BSmall) }},
	{ProfileB2BMidLarge, func(a string, both bool) string { return b2bLine(a, both, LineCallsB2BMidLarge) }},
}

func b2bLine(activity string, both bool, callsOnly string) string {
	switch {
	case activity == ActivityMeetings && both:
		return LineMeetingsB2BWithCalls
	case activity == ActivityMeetings:
		return LineMeetingsB2BNoCalls
	case both:
		return LineCallsWithMeetings
	}
	return callsOnly
}

func profileOf(id string) *profile {
	for i := range profiles {
		if profiles[i].id == id {
			return &profiles[i]
		}
	}
	return nil
}

// ProfileIDs are the profiles, in the source's order.
func ProfileIDs() []string {
	ids := make([]string, len(profiles))
	for i, p := range profiles {
		ids[i] = p.id
	}
	return ids
}

// Norm is what a stage is compared with: a count per manager per day,
// and the line of the source it is (or LineFunnel).
type Norm struct {
	V    decimal.Decimal
	Line string
}

// norms gives each stage its norm: its own (norm:), else its activity's
// line in the profile; nil where there is none.
func norms(in *Input) []*Norm {
	has := map[string]bool{}
	for _, s := range in.Stages {
		has[s.Activity] = true
	}
	both := has[ActivityCalls] && has[ActivityMeetings]
	p := profileOf(in.Profile)
	out := make([]*Norm, len(in.Stages))
	for i, s := range in.Stages {
		switch {
		case s.Norm != nil:
			out[i] = &Norm{V: s.Norm.V, Line: LineFunnel}
		case p != nil && s.Activity != "":
			if line := p.line(s.Activity, both); line != "" {
				out[i] = &Norm{V: decimal.New(lineNorms[line], 0), Line: line}
			}
		}
	}
	return out
}
