package service

import (
	"context"
	"sort"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Export: the subgraphs analysts take to Gephi or a spreadsheet, shared by the HTTP endpoint
// and the CLI.

// Attr is a named, typed attribute of exported nodes or edges.
type Attr struct {
	Name string
	Type string // GraphML type: string, double, int, boolean
}

// Graph is a subgraph ready for export.
type Graph struct {
	Name      string
	Directed  bool
	NodeAttrs []Attr
	EdgeAttrs []Attr
	Nodes     []Node
	Edges     []Edge
}

// Node is an exported node; Values follow NodeAttrs.
type Node struct {
	ID, Label string
	Values    []any
}

// Edge is an exported edge; Values follow EdgeAttrs.
type Edge struct {
	Source, Target string
	Weight         float64
	Values         []any
}

var networkNodeAttrs = []Attr{{"kind", "string"}, {"degree", "int"}, {"weightedDegree", "double"}, {"betweenness", "double"}, {"pageRank", "double"}, {"community", "int"}, {"broker", "boolean"}, {"isolated", "boolean"}}
var networkEdgeAttrs = []Attr{{"sharedOpgaven", "int"}}

// NetworkGraph exports a collaboration network (a region's, a theme's or an opgave's coalition).
func NetworkGraph(name string, n Network) Graph {
	g := Graph{Name: name, NodeAttrs: networkNodeAttrs, EdgeAttrs: networkEdgeAttrs}
	for _, nd := range n.Nodes {
		o := n.Organisations[nd.ID]
		g.Nodes = append(g.Nodes, Node{ID: nd.ID, Label: o.Name, Values: []any{string(o.Kind), nd.Degree, nd.WeightedDegree, nd.Betweenness, nd.PageRank, nd.Community, nd.Broker, nd.Isolated}})
	}
	for _, e := range n.Edges {
		g.Edges = append(g.Edges, Edge{Source: e.A, Target: e.B, Weight: e.Weight, Values: []any{e.SharedOpgaven}})
	}
	return g
}

// TrustGraph exports the directed trust network among the organisations of ids (all when nil):
// one edge per directed pair with its latest score as weight.
func (s *Service) TrustGraph(ctx context.Context, name string, ids []string) (Graph, error) {
	as, err := s.store.TrustAmong(ctx, ids, "")
	if err != nil {
		return Graph{}, err
	}
	if err := s.auditAssessments(ctx, as); err != nil {
		return Graph{}, err
	}
	latest := samenspel.Latest(as)
	seen := map[string]bool{}
	var orgIDs []string
	for k := range latest {
		for _, id := range k {
			if !seen[id] {
				seen[id] = true
				orgIDs = append(orgIDs, id)
			}
		}
	}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			orgIDs = append(orgIDs, id)
		}
	}
	orgs, err := s.store.OrganisationsByID(ctx, orgIDs)
	if err != nil {
		return Graph{}, err
	}
	g := Graph{Name: name, Directed: true, NodeAttrs: []Attr{{"kind", "string"}}, EdgeAttrs: []Attr{{"score", "int"}, {"date", "string"}, {"assessments", "int"}}}
	sort.Strings(orgIDs)
	for _, id := range orgIDs {
		g.Nodes = append(g.Nodes, Node{ID: id, Label: orgs[id].Name, Values: []any{string(orgs[id].Kind)}})
	}
	counts := map[[2]string]int{}
	for _, a := range as {
		counts[[2]string{a.FromID, a.ToID}]++
	}
	keys := make([][2]string, 0, len(latest))
	for k := range latest {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"|"+keys[i][1] < keys[j][0]+"|"+keys[j][1] })
	for _, k := range keys {
		a := latest[k]
		g.Edges = append(g.Edges, Edge{Source: a.FromID, Target: a.ToID, Weight: float64(a.Score), Values: []any{a.Score, a.Date.String(), counts[k]}})
	}
	return g, nil
}

// ExportRequest says which subgraph to export.
type ExportRequest struct {
	Graph    string // network, coalition or trust
	Themes   []string
	Gemeente string
	Division string // with Code: a region
	Code     string
	OpgaveID string
	At       samenspel.Date
}

// Graphs lists the subgraphs that can be exported.
var Graphs = []string{"network", "coalition", "trust"}

// Export builds the asked subgraph: "network", the collaboration network (filtered by themes,
// area, opgave and date as in collaborationNetwork); "coalition", the directed trust network among
// an opgave's current participants; "trust", the directed trust network among the organisations
// of the filtered collaboration network (all assessed organisations without a filter).
func (s *Service) Export(ctx context.Context, r ExportRequest) (Graph, error) {
	f := NetworkFilter{Themes: r.Themes, OpgaveID: r.OpgaveID, At: r.At}
	if f.At.IsZero() {
		f.At = samenspel.TodayIn(ctx)
	}
	for _, t := range r.Themes {
		if !samenspel.IsTheme(t) {
			return Graph{}, samenspel.Invalidf("theme", "unknown theme %q", t)
		}
	}
	if r.Gemeente != "" || r.Division != "" || r.Code != "" {
		gs, err := s.Area(ctx, "area", r.Gemeente, r.Division, r.Code, f.At)
		if err != nil {
			return Graph{}, err
		}
		f.AreaGemeenten = gs
	}
	if r.OpgaveID != "" {
		found, err := s.store.OpgavenByID(ctx, []string{r.OpgaveID})
		if err != nil {
			return Graph{}, err
		}
		if _, ok := found[r.OpgaveID]; !ok {
			return Graph{}, samenspel.Invalidf("opgave", "no opgave has id %q", r.OpgaveID)
		}
	}
	switch r.Graph {
	case "network":
		n, err := s.Network(ctx, f)
		if err != nil {
			return Graph{}, err
		}
		return NetworkGraph("collaboration network", n), nil
	case "coalition":
		if r.OpgaveID == "" {
			return Graph{}, samenspel.Invalidf("opgave", "a coalition export needs an opgave")
		}
		n, err := s.Network(ctx, f)
		if err != nil {
			return Graph{}, err
		}
		ids := make([]string, 0, len(n.Nodes))
		for _, nd := range n.Nodes {
			ids = append(ids, nd.ID)
		}
		return s.TrustGraph(ctx, "coalition trust of "+r.OpgaveID, ids)
	case "trust":
		var ids []string
		if len(f.Themes) > 0 || f.AreaGemeenten != nil || f.OpgaveID != "" {
			n, err := s.Network(ctx, f)
			if err != nil {
				return Graph{}, err
			}
			ids = []string{}
			for _, nd := range n.Nodes {
				ids = append(ids, nd.ID)
			}
		}
		return s.TrustGraph(ctx, "trust network", ids)
	}
	return Graph{}, samenspel.Invalidf("graph", "unknown graph %q; use network, coalition or trust", r.Graph)
}
