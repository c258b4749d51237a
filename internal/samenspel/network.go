package samenspel

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and strips diacritics: "Súdwest-Fryslân" becomes "sudwest-fryslan".
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// Limits of the search text: enough for any name or title, small enough that the full-text
// query stays cheap.
const (
	MaxSearchLength = 200 // characters
	MaxSearchWords  = 10
	MaxSearchWord   = 50 // characters of one word
)

// CheckSearchText refuses search text the index should not be asked: too long, too many words, a
// word too long to be a name. Text without any word is refused too.
func CheckSearchText(text string) error {
	if n := len([]rune(text)); n > MaxSearchLength {
		return Invalidf("text", "is %d characters long; search with at most %d", n, MaxSearchLength)
	}
	words := 0
	for _, w := range nonWord.Split(Fold(text), -1) {
		if w == "" {
			continue
		}
		words++
		if n := len([]rune(w)); n > MaxSearchWord {
			return Invalidf("text", "has a word of %d characters; words are at most %d", n, MaxSearchWord)
		}
	}
	switch {
	case words == 0:
		return Invalidf("text", "give at least one word to search for")
	case words > MaxSearchWords:
		return Invalidf("text", "has %d words; search with at most %d", words, MaxSearchWords)
	}
	return nil
}

// SearchQuery turns what a user typed into a Lucene query for the full-text index: every word
// must match, exactly (boosted), as a prefix, or within a small edit distance (one edit for words
// up to five letters, two for longer ones). Words are folded like the index folds them, and
// every Lucene operator is removed, so user input can never change the query's structure.
// It returns "" when the text has no words.
func SearchQuery(text string) string {
	var clauses []string
	for _, w := range nonWord.Split(Fold(text), -1) {
		if w == "" {
			continue
		}
		fuzz := "~1"
		if len([]rune(w)) > 5 {
			fuzz = "~2"
		}
		clause := w + "^3 OR " + w + "*"
		if len([]rune(w)) >= 3 {
			clause += " OR " + w + fuzz
		}
		clauses = append(clauses, "("+clause+")")
	}
	return strings.Join(clauses, " AND ")
}

// WhoElseCandidate is an opgave that shares a theme and area with the question, with the roles on
// it, as the store finds it.
type WhoElseCandidate struct {
	Opgave        Opgave
	FootprintSize int // gemeenten its area covers
	Intersection  int // of those, how many lie in the asked area
	Roles         []Role
}

// WhoElseHit is one organisation on the who-else list.
type WhoElseHit struct {
	OrganisationID  string
	Score           float64
	SharedThemes    []string // asked themes its opgaven share
	RelatedThemes   []string // themes related to the asked ones (ThemeAffinity) its opgaven have, not asked
	AreaOverlap     float64  // best Jaccard overlap of one of its opgaven's area with the asked area
	SharedGemeenten int      // most gemeenten one of its opgaven shares with the asked area
	SharedOpgaven   int      // opgaven it already shares with the asked opgave's participants
	RoleWeight      float64  // its heaviest current role on those opgaven (RoleWeight)
	LatestRole      Date     // when its most recent role on them began
	Evidence        []WhoElseEvidence
}

// WhoElseEvidence is an opgave that put an organisation on the list, with its roles there.
type WhoElseEvidence struct {
	Opgave Opgave
	Roles  []Role
}

// Who-else score weights; the schema documents the formula.
const (
	WeightTheme   = 2.0
	WeightRelated = 1.0 // once, however many related themes: below one shared theme
	WeightArea    = 3.0
	WeightShared  = 1.0
	MaxShared     = 5
	WeightRole    = 0.5 // times the heaviest role's weight over the heaviest possible (3)
	WeightRecent  = 0.5 // times 1 / (1 + years since its most recent role began)
)

// WhoElseAsk is the question RankWhoElse answers.
type WhoElseAsk struct {
	Themes   []string        // asked themes; empty: themes do not rank
	AreaSize int             // gemeenten in the asked area; 0 when no area was asked
	Shared   map[string]int  // per organisation, opgaven it shares with the asked opgave's participants
	Exclude  map[string]bool // organisations to leave out (the asked opgave's participants)
	At       Date            // the date recency is measured from
	First    int
}

// RankWhoElse scores the organisations holding roles on the candidates:
//
//	score = 2 × (asked themes its opgaven share)
//	      + 1 × (1 when its opgaven have a theme related to the asked ones, ThemeAffinity, that was not asked)
//	      + 3 × (best Jaccard overlap of one of its opgaven's area with the asked area, 0..1)
//	      + 1 × min(opgaven it already shares with the asked opgave's participants, 5)
//	      + 0.5 × (its heaviest role there / 3) + 0.5 / (1 + years since its latest role there began)
//
// The last two terms separate organisations that are equal on the first ones: who leads weighs
// more than who advises, who joined lately more than who joined years ago. Sorted by score, then
// by the most gemeenten shared with the asked area, then organisation ID, and cut to first.
func RankWhoElse(cands []WhoElseCandidate, q WhoElseAsk) []WhoElseHit {
	asked := map[string]bool{}
	for _, t := range q.Themes {
		asked[t] = true
	}
	related := map[string]bool{}
	for _, t := range RelatedThemes(q.Themes) {
		related[t] = true
	}
	type acc struct {
		themes, related map[string]bool
		overlap         float64
		sharedG         int
		weight          float64
		latest          Date
		evidence        []WhoElseEvidence
	}
	byOrg := map[string]*acc{}
	for _, c := range cands {
		overlap := 0.0
		if q.AreaSize > 0 {
			if union := c.FootprintSize + q.AreaSize - c.Intersection; union > 0 {
				overlap = float64(c.Intersection) / float64(union)
			}
		}
		rolesByOrg := map[string][]Role{}
		for _, r := range c.Roles {
			rolesByOrg[r.OrganisationID] = append(rolesByOrg[r.OrganisationID], r)
		}
		for org, roles := range rolesByOrg {
			if q.Exclude[org] {
				continue
			}
			a := byOrg[org]
			if a == nil {
				a = &acc{themes: map[string]bool{}, related: map[string]bool{}}
				byOrg[org] = a
			}
			for _, t := range c.Opgave.Themes {
				switch {
				case len(asked) == 0 || asked[t]:
					a.themes[t] = true
				case related[t]:
					a.related[t] = true
				}
			}
			a.overlap = max(a.overlap, overlap)
			if q.AreaSize > 0 {
				a.sharedG = max(a.sharedG, c.Intersection)
			}
			for _, r := range roles {
				a.weight = max(a.weight, RoleWeight[r.Type])
				if a.latest.Before(r.From) {
					a.latest = r.From
				}
			}
			a.evidence = append(a.evidence, WhoElseEvidence{Opgave: c.Opgave, Roles: roles})
		}
	}
	hits := make([]WhoElseHit, 0, len(byOrg))
	for org, a := range byOrg {
		h := WhoElseHit{OrganisationID: org, AreaOverlap: a.overlap, SharedGemeenten: a.sharedG, SharedOpgaven: q.Shared[org],
			RoleWeight: a.weight, LatestRole: a.latest, Evidence: a.evidence, SharedThemes: slices.Sorted(maps.Keys(a.themes)), RelatedThemes: slices.Sorted(maps.Keys(a.related))}
		sort.Slice(h.Evidence, func(i, j int) bool { return h.Evidence[i].Opgave.ID < h.Evidence[j].Opgave.ID })
		themeCount := len(h.SharedThemes)
		if len(asked) == 0 {
			themeCount = 0 // no themes asked: themes do not rank
		}
		years := 0.0
		if !a.latest.IsZero() && a.latest.Before(q.At) {
			years = q.At.Time().Sub(a.latest.Time()).Hours() / 24 / 365.25
		}
		h.Score = WeightTheme*float64(themeCount) + WeightRelated*float64(min(len(h.RelatedThemes), 1)) + WeightArea*h.AreaOverlap +
			WeightShared*float64(min(h.SharedOpgaven, MaxShared)) + WeightRole*a.weight/3 + WeightRecent/(1+years)
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if hits[i].SharedGemeenten != hits[j].SharedGemeenten {
			return hits[i].SharedGemeenten > hits[j].SharedGemeenten
		}
		return hits[i].OrganisationID < hits[j].OrganisationID
	})
	if len(hits) > q.First {
		hits = hits[:q.First]
	}
	return hits
}

// RoleWeight is how much a role counts in the collaboration network: leading roles tie an
// organisation more strongly to its partners than taking part does.
var RoleWeight = map[string]float64{
	"TREKKER": 3, "MEDETREKKER": 2, "OPDRACHTGEVER": 1.5, "FINANCIER": 1.5,
	"UITVOERDER": 1, "DEELNEMER": 1, "ADVISEUR": 0.5,
}

// CoalitionMember is an organisation on one opgave with its heaviest current role weight there.
type CoalitionMember struct {
	ID     string
	Weight float64
}

// Reasons two opgaven are connected.
const (
	ReasonLink              = "LINK"
	ReasonSharedParticipant = "SHARED_PARTICIPANT"
	ReasonOverlappingArea   = "OVERLAPPING_AREA"
	ReasonSharedInstrument  = "SHARED_INSTRUMENT"
)

// Edge is a connection from one opgave to another with its reason; Via names what connects them
// (an organisation or instrument ID, a region key or gemeente ID, or the link type).
type Edge struct {
	From, To string
	Kind     string
	Via      string
}

// Connected is an opgave reached from the start, its depth, and the edges from the previous level
// that reach it.
type Connected struct {
	OpgaveID string
	Depth    int
	Reasons  []Edge
}

// MaxConnectedDepth bounds Opgave.connected.
const MaxConnectedDepth = 3

// NextLevel takes the edges found from the frontier and returns the opgaven first reached at
// depth, with their reasons, updating visited. Sorted by number of reasons descending, then ID.
func NextLevel(edges []Edge, depth int, visited map[string]bool) []Connected {
	byTo := map[string][]Edge{}
	for _, e := range edges {
		if visited[e.To] {
			continue
		}
		byTo[e.To] = append(byTo[e.To], e)
	}
	out := make([]Connected, 0, len(byTo))
	for to, es := range byTo {
		visited[to] = true
		sort.Slice(es, func(i, j int) bool {
			if es[i].Kind != es[j].Kind {
				return es[i].Kind < es[j].Kind
			}
			return es[i].From+es[i].Via < es[j].From+es[j].Via
		})
		out = append(out, Connected{OpgaveID: to, Depth: depth, Reasons: dedupEdges(es)})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Reasons) != len(out[j].Reasons) {
			return len(out[i].Reasons) > len(out[j].Reasons)
		}
		return out[i].OpgaveID < out[j].OpgaveID
	})
	return out
}

func dedupEdges(es []Edge) []Edge {
	out := es[:0]
	for i, e := range es {
		if i > 0 && e == es[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}
