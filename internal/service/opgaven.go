package service

import (
	"context"
	"fmt"
	"sort"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The programme lead's questions: who takes part and with what, who is the contact, who else
// works on this, and how opgaven connect. Each works on many opgaven at once, so that a list of
// opgaven costs the same number of statements as one.

// Participants returns, for each opgave, its participants on at: current roles grouped by
// organisation, contributions summed, trekkers first.
func (s *Service) Participants(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Participant, error) {
	roles, orgs, err := s.store.RolesWithOrganisations(ctx, ids, at)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]samenspel.Participant, len(roles))
	for id, rs := range roles {
		out[id] = samenspel.GroupParticipants(rs, orgs)
	}
	return out, nil
}

// Contacts returns, for each opgave, the named people in its current roles, by name.
func (s *Service) Contacts(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Contact, error) {
	roles, people, err := s.store.RolesWithPeople(ctx, ids, at)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]samenspel.Contact, len(roles))
	for id, rs := range roles {
		out[id] = samenspel.GroupContacts(rs, people)
	}
	return out, nil
}

// Connected walks the opgave graph breadth-first from each start, up to maxDepth levels, and keeps
// the first opgaven per start. All walks share one query per level (for the union of their
// frontiers) and one to name what they found: at most maxDepth + 1 statements however many starts
// there are. A walk that has found first opgaven goes no deeper (at scale 10 one opgave reaches
// thousands at its first level, and a second level over all of them takes longer than a request
// may); when every walk has, the levels left are not asked.
func (s *Service) Connected(ctx context.Context, starts []string, maxDepth, first int, at samenspel.Date) (map[string][]samenspel.ConnectedOpgave, error) {
	type walk struct {
		visited  map[string]bool
		frontier []string
		found    []samenspel.Connected
	}
	walks := make(map[string]*walk, len(starts))
	for _, st := range starts {
		walks[st] = &walk{visited: map[string]bool{st: true}, frontier: []string{st}}
	}
	for depth := 1; depth <= maxDepth; depth++ {
		var union []string
		seen := map[string]bool{}
		for _, w := range walks {
			if len(w.found) >= first {
				continue
			}
			for _, f := range w.frontier {
				if !seen[f] {
					seen[f] = true
					union = append(union, f)
				}
			}
		}
		if len(union) == 0 {
			break
		}
		sort.Strings(union)
		edges, err := s.store.Neighbours(ctx, union, at)
		if err != nil {
			return nil, err
		}
		byFrom := map[string][]samenspel.Edge{}
		for _, e := range edges {
			byFrom[e.From] = append(byFrom[e.From], e)
		}
		for _, w := range walks {
			if len(w.found) >= first {
				continue
			}
			var es []samenspel.Edge
			for _, f := range w.frontier {
				es = append(es, byFrom[f]...)
			}
			level := samenspel.NextLevel(es, depth, w.visited)
			w.found = append(w.found, level...)
			w.frontier = w.frontier[:0]
			for _, c := range level {
				w.frontier = append(w.frontier, c.OpgaveID)
			}
		}
	}
	var names samenspel.Names
	for _, w := range walks {
		if len(w.found) > first {
			w.found = w.found[:first]
		}
		for _, c := range w.found {
			names.Opgaven = append(names.Opgaven, c.OpgaveID)
			for _, e := range c.Reasons {
				names.Opgaven = append(names.Opgaven, e.From)
				switch e.Kind {
				case samenspel.ReasonSharedParticipant:
					names.Organisations = append(names.Organisations, e.Via)
				case samenspel.ReasonSharedInstrument:
					names.Instruments = append(names.Instruments, e.Via)
				case samenspel.ReasonOverlappingArea:
					names.Regions = append(names.Regions, e.Via)
					names.Organisations = append(names.Organisations, e.Via) // a gemeente in the area
				}
			}
		}
	}
	named, err := s.store.Named(ctx, dedupNames(names))
	if err != nil {
		return nil, err
	}
	out := make(map[string][]samenspel.ConnectedOpgave, len(walks))
	for st, w := range walks {
		list := make([]samenspel.ConnectedOpgave, 0, len(w.found))
		for _, c := range w.found {
			co := samenspel.ConnectedOpgave{Opgave: named.Opgaven[c.OpgaveID], Depth: c.Depth}
			for _, e := range c.Reasons {
				r := samenspel.ConnectionReason{Kind: e.Kind, Via: named.Opgaven[e.From]}
				switch e.Kind {
				case samenspel.ReasonLink:
					r.LinkType = ptr(e.Via)
				case samenspel.ReasonSharedParticipant:
					r.Organisation = found(named.Organisations, e.Via)
				case samenspel.ReasonSharedInstrument:
					r.Instrument = found(named.Instruments, e.Via)
				case samenspel.ReasonOverlappingArea:
					r.Region = found(named.Regions, e.Via)
					if r.Region == nil {
						r.Organisation = found(named.Organisations, e.Via)
					}
				}
				co.Reasons = append(co.Reasons, r)
			}
			list = append(list, co)
		}
		out[st] = list
	}
	return out, nil
}

func dedupNames(n samenspel.Names) samenspel.Names {
	return samenspel.Names{Opgaven: unique(n.Opgaven), Organisations: unique(n.Organisations), Regions: unique(n.Regions), Instruments: unique(n.Instruments)}
}

func unique(l []string) []string {
	seen := make(map[string]bool, len(l))
	var out []string
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func found[V any](m map[string]V, key string) *V {
	if v, ok := m[key]; ok {
		return &v
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// WhoElseQuery is a programme lead's question: who else works on this? Any combination of an
// opgave (its themes and area; its participants are left out), a theme and an area (the gemeenten
// it covers, from Area) may be given; a theme or area replaces the opgave's.
type WhoElseQuery struct {
	OpgaveID string
	Theme    string
	Area     []string // gemeente IDs; nil: no area asked
	At       samenspel.Date
	First    int
}

// WhoElseAnswer is the who-else list with what was asked, and why it is empty when it is.
type WhoElseAnswer struct {
	Hits          []samenspel.WhoElseResult
	Themes        []string // the themes asked (given, or the opgave's)
	RelatedThemes []string // searched as well (ThemeAffinity)
	AreaGemeenten int      // gemeenten in the asked area; 0 when none was asked
	AreaAsked     bool
	EmptyReason   string // a Dutch sentence; empty when there are hits
}

// WhoElse ranks the organisations holding current roles on running opgaven that share a theme
// (or a related one) and overlap the area (see samenspel.RankWhoElse), and explains each hit.
func (s *Service) WhoElse(ctx context.Context, q WhoElseQuery) (WhoElseAnswer, error) {
	if q.OpgaveID == "" && q.Theme == "" && q.Area == nil {
		return WhoElseAnswer{}, samenspel.Invalidf("opgave", "give an opgave, a theme, an area, or a combination")
	}
	if q.Theme != "" && !samenspel.IsTheme(q.Theme) {
		return WhoElseAnswer{}, samenspel.Invalidf("theme", "unknown theme %q; see the themes query for the list", q.Theme)
	}
	var themes, gs []string
	exclude := map[string]bool{}
	var participants []string
	if q.OpgaveID != "" {
		o, fp, ok, err := s.store.OpgaveFootprint(ctx, q.OpgaveID, q.At)
		if err != nil {
			return WhoElseAnswer{}, err
		}
		if !ok {
			return WhoElseAnswer{}, samenspel.Invalidf("opgave", "no opgave has id %q", q.OpgaveID)
		}
		themes, gs = o.Themes, fp
		if gs == nil {
			gs = []string{}
		}
		roles, err := s.store.RolesOfOpgaven(ctx, []string{q.OpgaveID}, samenspel.RoleFilter{At: &q.At})
		if err != nil {
			return WhoElseAnswer{}, err
		}
		for _, r := range roles[q.OpgaveID] {
			if !exclude[r.OrganisationID] {
				exclude[r.OrganisationID] = true
				participants = append(participants, r.OrganisationID)
			}
		}
	}
	if q.Theme != "" {
		themes = []string{q.Theme}
	}
	if q.Area != nil {
		gs = q.Area
	}
	related := samenspel.RelatedThemes(themes)
	ans := WhoElseAnswer{Themes: themes, RelatedThemes: related, AreaGemeenten: len(gs), AreaAsked: gs != nil}
	if ans.Themes == nil {
		ans.Themes = []string{}
	}
	searched := append(append([]string(nil), themes...), related...)
	cands, err := s.store.WhoElseCandidates(ctx, q.OpgaveID, searched, gs, q.At)
	if err != nil {
		return ans, err
	}
	shared := map[string]int{}
	if len(participants) > 0 {
		var candidates []string
		seen := map[string]bool{}
		for _, c := range cands {
			for _, r := range c.Roles {
				if !seen[r.OrganisationID] && !exclude[r.OrganisationID] {
					seen[r.OrganisationID] = true
					candidates = append(candidates, r.OrganisationID)
				}
			}
		}
		if shared, err = s.store.SharedOpgaven(ctx, q.OpgaveID, participants, candidates); err != nil {
			return ans, err
		}
	}
	hits := samenspel.RankWhoElse(cands, samenspel.WhoElseAsk{Themes: themes, AreaSize: len(gs), Shared: shared, Exclude: exclude, At: q.At, First: q.First})
	if len(hits) == 0 {
		ans.Hits = []samenspel.WhoElseResult{}
		ans.EmptyReason, err = s.whyNoOneElse(ctx, q, themes, gs, len(cands))
		return ans, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.OrganisationID
	}
	orgs, err := s.orgs(ctx, ids)
	if err != nil {
		return ans, err
	}
	ans.Hits = make([]samenspel.WhoElseResult, 0, len(hits))
	for _, h := range hits {
		r := samenspel.WhoElseResult{Organisation: orgs[h.OrganisationID], Score: h.Score, SharedThemes: h.SharedThemes, RelatedThemes: h.RelatedThemes,
			AreaOverlap: h.AreaOverlap, SharedGemeenten: h.SharedGemeenten, SharedOpgaven: h.SharedOpgaven, RoleWeight: h.RoleWeight,
			Explanation: samenspel.Explain(h, orgs[h.OrganisationID].Name, len(gs)), Evidence: h.Evidence}
		if !h.LatestRole.IsZero() {
			d := h.LatestRole
			r.LatestRoleFrom = &d
		}
		ans.Hits = append(ans.Hits, r)
	}
	return ans, nil
}

func gemeenten(n int) string {
	if n == 1 {
		return "1 gemeente"
	}
	return fmt.Sprintf("%d gemeenten", n)
}

// whyNoOneElse says in Dutch why who-else found no one: the opgave has no area, no running opgave
// has these themes at all, none of those overlaps the area, or everyone on them already takes part.
func (s *Service) whyNoOneElse(ctx context.Context, q WhoElseQuery, themes, gs []string, candidates int) (string, error) {
	on := "deze thema's"
	if len(themes) > 0 {
		on = samenspel.ThemeList(themes)
	}
	switch {
	case candidates > 0:
		return fmt.Sprintf("Alle organisaties met een rol op de lopende opgaven over %s of een verwant thema in dit gebied doen al mee aan deze opgave.", on), nil
	case gs != nil && len(gs) == 0 && q.Area != nil:
		return "Het gevraagde gebied heeft op deze datum geen gemeenten, dus geen opgave overlapt het.", nil
	case gs != nil && len(gs) == 0:
		return "De opgave heeft op deze datum geen gebied met gemeenten, dus geen andere opgave overlapt het.", nil
	case len(themes) == 0:
		return fmt.Sprintf("Geen lopende opgave (verkenning of uitvoering) overlapt dit gebied van %s.", gemeenten(len(gs))), nil
	case gs == nil:
		return fmt.Sprintf("Er is geen lopende opgave (verkenning of uitvoering) over %s of een verwant thema.", on), nil
	}
	elsewhere, err := s.store.WhoElseCandidates(ctx, q.OpgaveID, append(append([]string(nil), themes...), samenspel.RelatedThemes(themes)...), nil, q.At)
	if err != nil {
		return "", err
	}
	if len(elsewhere) == 0 {
		return fmt.Sprintf("Er is geen lopende opgave (verkenning of uitvoering) over %s of een verwant thema.", on), nil
	}
	return fmt.Sprintf("Geen lopende opgave over %s of een verwant thema overlapt dit gebied van %s; elders lopen er %d.", on, gemeenten(len(gs)), len(elsewhere)), nil
}

// orgs reads organisations by ID, skipping the statement when there are none.
func (s *Service) orgs(ctx context.Context, ids []string) (map[string]samenspel.Organisation, error) {
	if len(ids) == 0 {
		return map[string]samenspel.Organisation{}, nil
	}
	return s.store.OrganisationsByID(ctx, unique(ids))
}

// Connection returns up to first shortest paths between two opgaven.
func (s *Service) Connection(ctx context.Context, from, to string, first int, at samenspel.Date) ([][]samenspel.PathStep, error) {
	if from == to {
		return nil, samenspel.Invalidf("to", "is the same opgave as from")
	}
	found, err := s.store.OpgavenByID(ctx, []string{from, to})
	if err != nil {
		return nil, err
	}
	if _, ok := found[from]; !ok {
		return nil, samenspel.Invalidf("from", "no opgave has id %q", from)
	}
	if _, ok := found[to]; !ok {
		return nil, samenspel.Invalidf("to", "no opgave has id %q", to)
	}
	return s.store.Connection(ctx, from, to, at, first)
}

// Climate is an opgave's trust climate with the organisations its weakest pairs name.
type Climate struct {
	samenspel.Climate
	Organisations map[string]samenspel.Organisation
}

// TrustClimates computes the trust climate of each coalition (from the store's Coalitions) on
// today; the organisations the pairs name come with the coalition.
func (s *Service) TrustClimates(coalitions map[string]samenspel.Coalition, today samenspel.Date) map[string]Climate {
	out := make(map[string]Climate, len(coalitions))
	for id, c := range coalitions {
		out[id] = Climate{Climate: samenspel.ComputeClimate(c.Participants, c.Assessments, today), Organisations: c.Organisations}
	}
	return out
}

// Health is an opgave's collaboration health with the organisations its indicators name.
type Health struct {
	Indicators    []samenspel.Indicator
	Organisations map[string]samenspel.Organisation
}

// Healths computes the seven indicators of each opgave from its current roles and coalition.
func (s *Service) Healths(roles map[string][]samenspel.Role, coalitions map[string]samenspel.Coalition, today samenspel.Date) map[string]Health {
	out := make(map[string]Health, len(coalitions))
	for id, c := range coalitions {
		ind := samenspel.ComputeHealth(roles[id], samenspel.ComputeClimate(c.Participants, c.Assessments, today), today)
		out[id] = Health{Indicators: ind, Organisations: c.Organisations}
	}
	return out
}

// Trust is the trust between two organisations: both of them and every assessment between them.
type Trust struct {
	From, To samenspel.Organisation
	History  []samenspel.TrustAssessment
}

// Trust reads two organisations and the assessments between them: every one for an analyst or an
// admin, only those its own organisation made for an editor (the statement filters). The read is
// audited.
func (s *Service) Trust(ctx context.Context, from, to string) (Trust, error) {
	if from == to {
		return Trust{}, samenspel.Invalidf("to", "is the same organisation as from")
	}
	orgs, err := s.store.OrganisationsByID(ctx, []string{from, to})
	if err != nil {
		return Trust{}, err
	}
	for _, ref := range []struct{ field, id string }{{"from", from}, {"to", to}} {
		if _, ok := orgs[ref.id]; !ok {
			return Trust{}, samenspel.Invalidf(ref.field, "no organisation has id %q", ref.id)
		}
	}
	own := ""
	if c := samenspel.CallerIn(ctx); !c.SeesAllTrust() {
		// Only an editor sees its organisation's own assessments (the policy refuses the others
		// before this; the store would still show them nothing).
		own = "-"
		if c.Is(samenspel.Editor) && c.Organisation != "" {
			own = c.Organisation
		}
	}
	history, err := s.store.TrustAmong(ctx, []string{from, to}, own)
	if err != nil {
		return Trust{}, err
	}
	if err := s.auditAssessments(ctx, history); err != nil {
		return Trust{}, err
	}
	return Trust{From: orgs[from], To: orgs[to], History: history}, nil
}

// auditAssessments records that the caller read these individual assessments; a read that
// cannot be recorded is refused.
func (s *Service) auditAssessments(ctx context.Context, as []samenspel.TrustAssessment) error {
	if len(as) == 0 {
		return nil
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return s.store.AuditRead(ctx, ids)
}
