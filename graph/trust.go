package graph

import (
	"context"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
)

// Converters for trust, health and the collaboration network.

func toPair(p samenspel.PairTrust, orgs map[string]samenspel.Organisation) model.TrustPair {
	a, b := orgs[p.A], orgs[p.B]
	return model.TrustPair{A: &a, B: &b, AToB: p.AToB, BToA: p.BToA, Trust: p.Trust()}
}

func toClimate(c service.Climate) *model.TrustClimate {
	out := &model.TrustClimate{Participants: c.Participants, Pairs: c.Pairs, AssessedPairs: c.AssessedPairs, Coverage: c.Coverage,
		MeanTrust: c.Mean, MinTrust: c.Min, WeakestPairs: make([]model.TrustPair, len(c.Weakest)),
		OldestAssessment: c.Oldest, NewestAssessment: c.Newest, MeanAgeDays: c.MeanAgeDays}
	for i, p := range c.Weakest {
		out.WeakestPairs[i] = toPair(p, c.Organisations)
	}
	return out
}

func toHealth(h service.Health) []model.HealthIndicator {
	out := make([]model.HealthIndicator, len(h.Indicators))
	for i, x := range h.Indicators {
		out[i] = model.HealthIndicator{Key: model.HealthKey(x.Key), Label: x.Label, Value: x.Value, Status: model.HealthStatus(x.Status),
			Evidence: x.Evidence, Roles: x.Roles, Organisations: make([]samenspel.Organisation, 0, len(x.OrgIDs))}
		for _, id := range x.OrgIDs {
			if o, ok := h.Organisations[id]; ok {
				out[i].Organisations = append(out[i].Organisations, o)
			}
		}
		if out[i].Evidence == nil {
			out[i].Evidence = []string{}
		}
		if out[i].Roles == nil {
			out[i].Roles = []samenspel.Role{}
		}
	}
	return out
}

func toTrustRelation(t service.Trust) *model.TrustRelation {
	pt := samenspel.PairOf(samenspel.Pair{A: t.From.ID, B: t.To.ID}, samenspel.Latest(t.History))
	out := &model.TrustRelation{From: &t.From, To: &t.To, FromTo: pt.AToB, ToFrom: pt.BToA, History: t.History,
		Reciprocal: pt.AToB != nil && pt.BToA != nil}
	if out.History == nil {
		out.History = []samenspel.TrustAssessment{}
	}
	if out.Reciprocal {
		out.Asymmetry = ptr(float64(pt.AToB.Score - pt.BToA.Score))
	}
	return out
}

// toWeakLinks names the organisations of the pairs, read in one statement.
func (r *Resolver) toWeakLinks(ctx context.Context, links []samenspel.WeakLink) ([]model.WeakLink, error) {
	var ids []string
	for _, l := range links {
		ids = append(ids, l.A, l.B)
	}
	orgs := map[string]samenspel.Organisation{}
	if len(ids) > 0 {
		var err error
		if orgs, err = r.Store.OrganisationsByID(ctx, ids); err != nil {
			return nil, err
		}
	}
	out := make([]model.WeakLink, len(links))
	for i, l := range links {
		p := toPair(l.PairTrust, orgs)
		out[i] = model.WeakLink{A: p.A, B: p.B, SharedOpgaven: l.Shared, Trust: p.Trust, AToB: l.AToB, BToA: l.BToA}
	}
	return out, nil
}

// networkFilter resolves the GraphQL filter (checking its area and opgave) into the service's.
func (r *Resolver) networkFilter(ctx context.Context, f *model.NetworkFilter) (service.NetworkFilter, error) {
	out := service.NetworkFilter{At: samenspel.TodayIn(ctx)}
	if f == nil {
		return out, nil
	}
	for i, t := range f.Themes {
		if !samenspel.IsTheme(t) {
			return out, samenspel.Invalidf("filter.themes", "unknown theme %q at position %d; see the themes query", t, i)
		}
	}
	out.Themes = f.Themes
	if f.At != nil {
		out.At = *f.At
	}
	if f.Opgave != nil {
		found, err := r.Store.OpgavenByID(ctx, []string{*f.Opgave})
		if err != nil {
			return out, err
		}
		if _, ok := found[*f.Opgave]; !ok {
			return out, samenspel.Invalidf("filter.opgave", "no opgave has id %q", *f.Opgave)
		}
		out.OpgaveID = *f.Opgave
	}
	if f.Area != nil {
		gs, err := r.areaOn(ctx, "filter.area", f.Area, out.At)
		if err != nil {
			return out, err
		}
		out.AreaGemeenten = gs
	}
	return out, nil
}

// toNetwork converts an analysed network; its organisations come with it.
func toNetwork(n service.Network) *model.CollaborationNetwork {
	org := func(id string) *samenspel.Organisation {
		o := n.Organisations[id]
		return &o
	}
	out := &model.CollaborationNetwork{Modularity: n.Modularity, ComputeMillis: float64(n.Compute.Microseconds()) / 1000, Cached: n.Cached,
		Nodes: make([]model.NetworkNode, 0, len(n.Nodes)), Edges: make([]model.NetworkEdge, 0, len(n.Edges)),
		Communities: make([]model.NetworkCommunity, 0, len(n.Communities)), Brokers: []samenspel.Organisation{}, Isolated: []samenspel.Organisation{}}
	for _, nd := range n.Nodes {
		out.Nodes = append(out.Nodes, model.NetworkNode{Organisation: org(nd.ID), Degree: nd.Degree, WeightedDegree: nd.WeightedDegree,
			Betweenness: nd.Betweenness, PageRank: nd.PageRank, Community: nd.Community, Broker: nd.Broker, Isolated: nd.Isolated})
	}
	for _, e := range n.Edges {
		out.Edges = append(out.Edges, model.NetworkEdge{A: org(e.A), B: org(e.B), Weight: e.Weight, SharedOpgaven: e.SharedOpgaven})
	}
	for i, c := range n.Communities {
		nc := model.NetworkCommunity{Index: i, Size: len(c), Members: make([]samenspel.Organisation, 0, len(c))}
		for _, id := range c {
			nc.Members = append(nc.Members, *org(id))
		}
		out.Communities = append(out.Communities, nc)
	}
	for _, id := range n.Brokers {
		out.Brokers = append(out.Brokers, *org(id))
	}
	for _, id := range n.Isolated {
		out.Isolated = append(out.Isolated, *org(id))
	}
	return out
}
