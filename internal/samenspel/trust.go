package samenspel

import (
	"fmt"
	"sort"
)

// TrustAssessment is one directed judgement: organisation From about organisation To, a score
// from 1 (no trust) to 5 (full trust) on a date. Assessments accumulate; none is overwritten.
type TrustAssessment struct {
	ID         string
	FromID     string
	ToID       string
	Score      int
	Date       Date
	OpgaveID   string // the opgave it concerns; empty when general
	Note       string
	RecordedBy string
	Generated  bool
	// Withheld: the note and who recorded it are not for this caller (see Caller.SeesTrustNotes).
	Withheld bool
}

// TrustInput is what a client sends to record an assessment.
type TrustInput struct {
	ClientKey  string
	FromID     string
	ToID       string
	Score      int
	Date       Date
	OpgaveID   string
	Note       string
	RecordedBy string
}

// Validate checks the input's own rules against today's date.
func (in TrustInput) Validate(today Date) error {
	if in.Score < 1 || in.Score > 5 {
		return Invalidf("input.score", "must be from 1 (no trust) to 5 (full trust), got %d", in.Score)
	}
	if in.FromID == in.ToID {
		return Invalidf("input.to", "an organisation cannot assess itself")
	}
	if today.Before(in.Date) {
		return Invalidf("input.date", "%s is in the future", in.Date)
	}
	return nil
}

// Pair is two organisations, A < B.
type Pair struct{ A, B string }

// MakePair orders two IDs into a Pair.
func MakePair(x, y string) Pair {
	if y < x {
		x, y = y, x
	}
	return Pair{x, y}
}

// PairTrust is the latest trust in both directions between two organisations.
type PairTrust struct {
	Pair
	AToB, BToA *TrustAssessment
}

// Trust is the lowest latest score of the two directions, or nil when neither assessed the other.
func (p PairTrust) Trust() *float64 {
	var t *float64
	for _, a := range []*TrustAssessment{p.AToB, p.BToA} {
		if a != nil && (t == nil || float64(a.Score) < *t) {
			s := float64(a.Score)
			t = &s
		}
	}
	return t
}

// Latest returns, for every directed pair (from, to), the most recent assessment (ties by ID).
func Latest(as []TrustAssessment) map[[2]string]TrustAssessment {
	out := map[[2]string]TrustAssessment{}
	for _, a := range as {
		k := [2]string{a.FromID, a.ToID}
		if cur, ok := out[k]; !ok || cur.Date.Before(a.Date) || (cur.Date == a.Date && cur.ID < a.ID) {
			out[k] = a
		}
	}
	return out
}

// PairOf builds the PairTrust of a pair from the latest assessments.
func PairOf(p Pair, latest map[[2]string]TrustAssessment) PairTrust {
	pt := PairTrust{Pair: p}
	if a, ok := latest[[2]string{p.A, p.B}]; ok {
		pt.AToB = &a
	}
	if a, ok := latest[[2]string{p.B, p.A}]; ok {
		pt.BToA = &a
	}
	return pt
}

// Climate is the trust climate inside a coalition.
type Climate struct {
	Participants  int
	Pairs         int      // unordered pairs of participants
	AssessedPairs int      // pairs with an assessment in at least one direction
	Coverage      float64  // AssessedPairs / Pairs (0 when there are no pairs)
	Mean          *float64 // mean of the latest directed scores among participants
	Min           *int     // lowest latest directed score
	Weakest       []PairTrust
	Oldest        *Date // date of the oldest of the latest directed assessments
	Newest        *Date
	MeanAgeDays   *float64 // mean age of the latest directed assessments on today
}

// ComputeClimate summarises trust among participants from their assessments of each other;
// Weakest lists the weakest assessed pairs first (at most five), then unassessed pairs.
func ComputeClimate(participants []string, assessments []TrustAssessment, today Date) Climate {
	in := map[string]bool{}
	for _, p := range participants {
		in[p] = true
	}
	var among []TrustAssessment
	for _, a := range assessments {
		if in[a.FromID] && in[a.ToID] {
			among = append(among, a)
		}
	}
	latest := Latest(among)
	c := Climate{Participants: len(in)}
	ids := make([]string, 0, len(in))
	for p := range in {
		ids = append(ids, p)
	}
	sort.Strings(ids)
	var pairs []PairTrust
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			pt := PairOf(Pair{ids[i], ids[j]}, latest)
			c.Pairs++
			if pt.AToB != nil || pt.BToA != nil {
				c.AssessedPairs++
			}
			pairs = append(pairs, pt)
		}
	}
	if c.Pairs > 0 {
		c.Coverage = float64(c.AssessedPairs) / float64(c.Pairs)
	}
	sum, ages := 0, 0
	for _, a := range latest {
		sum += a.Score
		ages += int(today.Time().Sub(a.Date.Time()).Hours() / 24)
		if c.Min == nil || a.Score < *c.Min {
			s := a.Score
			c.Min = &s
		}
		if c.Oldest == nil || a.Date.Before(*c.Oldest) {
			d := a.Date
			c.Oldest = &d
		}
		if c.Newest == nil || c.Newest.Before(a.Date) {
			d := a.Date
			c.Newest = &d
		}
	}
	if n := len(latest); n > 0 {
		m, age := float64(sum)/float64(n), float64(ages)/float64(n)
		c.Mean, c.MeanAgeDays = &m, &age
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		ti, tj := pairs[i].Trust(), pairs[j].Trust()
		switch {
		case ti == nil && tj == nil:
			return false
		case ti == nil:
			return false // assessed pairs first: those are known to be weak
		case tj == nil:
			return true
		}
		return *ti < *tj
	})
	for _, p := range pairs {
		if len(c.Weakest) == 5 || p.Trust() == nil {
			break
		}
		c.Weakest = append(c.Weakest, p)
	}
	return c
}

// SharedPair is two organisations and the number of opgaven both hold a current role on.
type SharedPair struct {
	Pair
	Shared int
}

// WeakLink is a pair of partners who share opgaven but have low or no trust.
type WeakLink struct {
	PairTrust
	Shared int
}

// RankWeakLinks keeps the pairs sharing at least minShared opgaven whose trust (the lowest latest
// score of both directions) is at most maxTrust or unknown, and ranks them: unknown trust and
// lower trust first, more shared opgaven first, then by pair.
func RankWeakLinks(pairs []SharedPair, latest map[[2]string]TrustAssessment, minShared int, maxTrust float64, first int) []WeakLink {
	var out []WeakLink
	for _, sp := range pairs {
		if sp.Shared < minShared {
			continue
		}
		pt := PairOf(sp.Pair, latest)
		if t := pt.Trust(); t != nil && *t > maxTrust {
			continue
		}
		out = append(out, WeakLink{PairTrust: pt, Shared: sp.Shared})
	}
	level := func(w WeakLink) float64 {
		if t := w.Trust(); t != nil {
			return *t
		}
		return 0
	}
	sort.Slice(out, func(i, j int) bool {
		if li, lj := level(out[i]), level(out[j]); li != lj {
			return li < lj
		}
		if out[i].Shared != out[j].Shared {
			return out[i].Shared > out[j].Shared
		}
		return fmt.Sprint(out[i].Pair) < fmt.Sprint(out[j].Pair)
	})
	if len(out) > first {
		out = out[:first]
	}
	return out
}
