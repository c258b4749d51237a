package samenspel

import (
	"sort"
)

// CheckInPeriods is the number of rhythm periods a check-in summary's trend covers.
const CheckInPeriods = 8

// MinAggregateAnswers is the number of other organisations whose answers a mean or spread needs
// before a viewer or editor sees it (the trust rules of the access-control policy).
const MinAggregateAnswers = 3

// CheckInFacts is what an opgave's check-in summary stands on: its rhythm, its participants (the
// organisations with a current role) and its check-ins, newest first.
type CheckInFacts struct {
	RhythmDays   int
	Participants []string
	CheckIns     []CheckIn
}

// CheckInView says which aggregates a caller sees: all of them (analysts, admins, and the
// health computation itself), or those with at least MinAggregateAnswers answers by
// organisations other than Own.
type CheckInView struct {
	All bool
	Own string
}

// CheckInViewOf is the view of a caller.
func CheckInViewOf(c Caller) CheckInView {
	return CheckInView{All: c.Is(Analyst, Admin), Own: c.Organisation}
}

// ComputeCheckIns summarises an opgave's check-ins on today: the trend per question over the last
// CheckInPeriods rhythm periods (the last one ends on today), the spread of each participant's
// latest answers within the last two periods, and the participants without a check-in within
// the rhythm. Means and spreads the view may not see are nil; counts are always given.
func ComputeCheckIns(f CheckInFacts, today Date, view CheckInView) CheckInSummary {
	r := f.RhythmDays
	if r <= 0 {
		r = DefaultCheckInRhythm
	}
	s := CheckInSummary{RhythmDays: r, Trend: []CheckInPeriod{}, Spread: []QuestionSpread{}, MissingIDs: []string{}}
	shown := func(orgs []string) bool {
		if view.All {
			return true
		}
		others := map[string]bool{} // organisations, not answers: one organisation's answers are its own
		for _, o := range orgs {
			if o != view.Own {
				others[o] = true
			}
		}
		return len(others) >= MinAggregateAnswers
	}
	for _, k := range f.CheckIns {
		if today.Before(k.Date) {
			continue
		}
		if s.Latest == nil || s.Latest.Before(k.Date) {
			d := k.Date
			s.Latest = &d
		}
	}
	// The trend: period i runs from today-(P-i)*r+1 to today-(P-1-i)*r.
	for i := 0; i < CheckInPeriods; i++ {
		p := CheckInPeriod{From: today.AddDays(-(CheckInPeriods-i)*r + 1), Until: today.AddDays(-(CheckInPeriods - 1 - i) * r)}
		var sums [3]int
		var orgs []string
		for _, k := range f.CheckIns {
			if k.Date.Before(p.From) || p.Until.Before(k.Date) {
				continue
			}
			p.Answers++
			orgs = append(orgs, k.OrganisationID)
			sums[0] += k.RightThings
			sums[1] += k.ThingsRight
			sums[2] += k.Together
		}
		if p.Answers > 0 && shown(orgs) {
			p.RightThings, p.ThingsRight, p.Together = mean(sums[0], p.Answers), mean(sums[1], p.Answers), mean(sums[2], p.Answers)
		}
		s.Trend = append(s.Trend, p)
	}
	// Each organisation's latest check-in within the last two periods.
	latest := map[string]CheckIn{}
	since := today.AddDays(-2*r + 1)
	for _, k := range f.CheckIns {
		if k.Date.Before(since) || today.Before(k.Date) {
			continue
		}
		if cur, ok := latest[k.OrganisationID]; !ok || cur.Date.Before(k.Date) || (cur.Date.Equal(k.Date) && k.ID < cur.ID) {
			latest[k.OrganisationID] = k
		}
	}
	orgs := make([]string, 0, len(latest))
	for o := range latest {
		orgs = append(orgs, o)
	}
	sort.Strings(orgs)
	for _, q := range CheckInQuestions {
		qs := QuestionSpread{Question: q, Answers: len(orgs)}
		if len(orgs) > 0 && shown(orgs) {
			sum, lo, hi := 0, orgs[0], orgs[0]
			for _, o := range orgs {
				a := latest[o].Answer(q)
				sum += a
				if a < latest[lo].Answer(q) {
					lo = o
				}
				if a > latest[hi].Answer(q) {
					hi = o
				}
			}
			spread := latest[hi].Answer(q) - latest[lo].Answer(q)
			qs.Mean, qs.Spread = mean(sum, len(orgs)), &spread
			qs.DifferMostID = []string{}
			if spread > 0 {
				qs.DifferMostID = []string{lo, hi}
			}
		}
		s.Spread = append(s.Spread, qs)
	}
	// Participants without a check-in within the rhythm.
	within := today.AddDays(-r) // at most r days old
	for _, p := range f.Participants {
		ok := false
		for _, k := range f.CheckIns {
			if k.OrganisationID == p && !k.Date.Before(within) && !today.Before(k.Date) {
				ok = true
				break
			}
		}
		if !ok {
			s.MissingIDs = append(s.MissingIDs, p)
		}
	}
	sort.Strings(s.MissingIDs)
	return s
}

// SpreadShown reports whether a summary shows every question's spread (CHECK_IN_SPREAD is left
// out of the health of a caller for whom it does not).
func SpreadShown(s CheckInSummary) bool {
	for _, q := range s.Spread {
		if q.Answers > 0 && q.Spread == nil {
			return false
		}
	}
	return true
}

func mean(sum, n int) *float64 {
	m := float64(sum) / float64(n)
	m = float64(int(m*100+0.5)) / 100
	return &m
}

// ComputeResultSummary is the joint result of an opgave: its results counted by status on today,
// and every participant and contributor with its contributions, by name (names by organisation
// id; results by planned date, as the store gives them).
func ComputeResultSummary(opgave string, results []Result, participants []string, names map[string]string, today Date) ResultSummary {
	s := ResultSummary{OpgaveID: opgave, Partners: []PartnerContribution{}}
	byOrg := map[string]*PartnerContribution{}
	partner := func(id string) *PartnerContribution {
		if p, ok := byOrg[id]; ok {
			return p
		}
		p := &PartnerContribution{OrganisationID: id, Contributions: []ResultContribution{}}
		byOrg[id] = p
		return p
	}
	for _, id := range participants {
		partner(id).Participant = true
	}
	for _, r := range results {
		switch r.Status(today) {
		case ResultAchieved:
			s.Achieved++
		case ResultLate:
			s.Late++
		default:
			s.Planned++
		}
		for _, c := range r.Contributions {
			p := partner(c.OrganisationID)
			p.Contributions = append(p.Contributions, ResultContribution{Result: r, Description: c.Description})
		}
	}
	for _, p := range byOrg {
		s.Partners = append(s.Partners, *p)
	}
	sort.Slice(s.Partners, func(i, j int) bool {
		a, b := s.Partners[i], s.Partners[j]
		if names[a.OrganisationID] != names[b.OrganisationID] {
			return names[a.OrganisationID] < names[b.OrganisationID]
		}
		return a.OrganisationID < b.OrganisationID
	})
	return s
}
