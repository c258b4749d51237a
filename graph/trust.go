package graph

import (
	"context"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/insight"
	"github.com/samenspel/samenspel/internal/samenspel"
)

func derefInt(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func derefFloat(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

// orgsOf loads organisations by id in one batch, as pointers in id order.
func orgsOf(ctx context.Context, ids []string) ([]*samenspel.Organisation, error) {
	if len(ids) == 0 {
		return []*samenspel.Organisation{}, nil
	}
	return loadAllPtr(ctx, For(ctx).Organisation, ids)
}

func (r *Resolver) toPairs(ctx context.Context, pairs []samenspel.PairTrust) ([]model.TrustPair, error) {
	ids := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.A, p.B)
	}
	orgs, err := orgsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.TrustPair, len(pairs))
	for i, p := range pairs {
		out[i] = model.TrustPair{A: orgs[2*i], B: orgs[2*i+1], AToB: p.AToB, BToA: p.BToA, Trust: p.Trust()}
	}
	return out, nil
}

func (r *Resolver) toClimate(ctx context.Context, c samenspel.Climate) (*model.TrustClimate, error) {
	weakest, err := r.toPairs(ctx, c.Weakest)
	if err != nil {
		return nil, err
	}
	return &model.TrustClimate{Participants: c.Participants, Pairs: c.Pairs, AssessedPairs: c.AssessedPairs, Coverage: c.Coverage,
		MeanTrust: c.Mean, MinTrust: c.Min, WeakestPairs: weakest, OldestAssessment: c.Oldest, NewestAssessment: c.Newest, MeanAgeDays: c.MeanAgeDays}, nil
}

func (r *Resolver) toWeakLinks(ctx context.Context, links []samenspel.WeakLink) ([]model.WeakLink, error) {
	pts := make([]samenspel.PairTrust, len(links))
	for i, l := range links {
		pts[i] = l.PairTrust
	}
	pairs, err := r.toPairs(ctx, pts)
	if err != nil {
		return nil, err
	}
	out := make([]model.WeakLink, len(links))
	for i, l := range links {
		out[i] = model.WeakLink{A: pairs[i].A, B: pairs[i].B, SharedOpgaven: l.Shared, Trust: pairs[i].Trust, AToB: l.AToB, BToA: l.BToA}
	}
	return out, nil
}

func (r *Resolver) toHealth(ctx context.Context, ind []samenspel.Indicator) ([]model.HealthIndicator, error) {
	out := make([]model.HealthIndicator, len(ind))
	for i, x := range ind {
		orgs, err := orgsOf(ctx, x.OrgIDs)
		if err != nil {
			return nil, err
		}
		out[i] = model.HealthIndicator{Key: model.HealthKey(x.Key), Label: x.Label, Value: x.Value, Status: model.HealthStatus(x.Status),
			Evidence: x.Evidence, Roles: x.Roles}
		for _, o := range orgs {
			out[i].Organisations = append(out[i].Organisations, *o)
		}
		if out[i].Evidence == nil {
			out[i].Evidence = []string{}
		}
		if out[i].Roles == nil {
			out[i].Roles = []samenspel.Role{}
		}
		if out[i].Organisations == nil {
			out[i].Organisations = []samenspel.Organisation{}
		}
	}
	return out, nil
}

// networkFilter resolves the GraphQL filter (checking its area) into the service's filter.
func (r *Resolver) networkFilter(ctx context.Context, f *model.NetworkFilter) (insight.NetworkFilter, error) {
	out := insight.NetworkFilter{At: samenspel.Today()}
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
		if _, err := For(ctx).Opgave.Load(ctx, *f.Opgave)(); err != nil {
			return out, samenspel.Invalidf("filter.opgave", "no opgave has id %q", *f.Opgave)
		}
		out.OpgaveID = *f.Opgave
	}
	if f.Area != nil {
		gs, err := r.areaFootprint(ctx, "filter.area", f.Area)
		if err != nil {
			return out, err
		}
		out.AreaGemeenten = gs
		out.AreaKey = deref(f.Area.Gemeente)
		if f.Area.Region != nil {
			out.AreaKey = samenspel.RegionKey(f.Area.Region.Division, f.Area.Region.Code)
		}
	}
	return out, nil
}

// toNetwork converts an analysed network; its organisations are primed into the loader, so their
// fields resolve without further queries.
func toNetwork(ctx context.Context, n insight.Network) *model.CollaborationNetwork {
	l := For(ctx)
	for id, o := range n.Organisations {
		l.Organisation.Prime(ctx, id, o)
	}
	org := func(id string) *samenspel.Organisation {
		o := n.Organisations[id]
		return &o
	}
	out := &model.CollaborationNetwork{Modularity: n.Modularity, ComputeMillis: float64(n.Compute.Microseconds()) / 1000, Cached: n.Cached,
		Nodes: []model.NetworkNode{}, Edges: []model.NetworkEdge{}, Communities: []model.NetworkCommunity{}, Brokers: []samenspel.Organisation{}, Isolated: []samenspel.Organisation{}}
	for _, nd := range n.Nodes {
		out.Nodes = append(out.Nodes, model.NetworkNode{Organisation: org(nd.ID), Degree: nd.Degree, WeightedDegree: nd.WeightedDegree,
			Betweenness: nd.Betweenness, PageRank: nd.PageRank, Community: nd.Community, Broker: nd.Broker, Isolated: nd.Isolated})
	}
	for _, e := range n.Edges {
		out.Edges = append(out.Edges, model.NetworkEdge{A: org(e.A), B: org(e.B), Weight: e.Weight, SharedOpgaven: e.SharedOpgaven})
	}
	for i, c := range n.Communities {
		nc := model.NetworkCommunity{Index: i, Size: len(c)}
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
