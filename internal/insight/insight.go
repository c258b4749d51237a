// Package insight answers the analyst's questions that combine several store reads with pure
// calculations: the collaboration network (cached per filter and data version), weak links, and
// the subgraphs that are exported. The GraphQL resolvers,
// the export endpoint and the CLI all go through it, so they give the same answers.
package insight

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/samenspel/samenspel/internal/analytics"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// Service is safe for concurrent use.
type Service struct {
	db    *neo4jdb.DB
	mu    sync.Mutex
	cache map[string]cached
}

type cached struct {
	version int64
	net     Network
}

// maxCached bounds the cache; when full it starts afresh.
const maxCached = 64

// New returns a service over db.
func New(db *neo4jdb.DB) *Service { return &Service{db: db, cache: map[string]cached{}} }

// NetworkFilter selects the opgaven and roles of a collaboration network.
type NetworkFilter struct {
	Themes        []string
	AreaGemeenten []string // nil: anywhere
	AreaKey       string   // what the area was asked as, for the cache key
	OpgaveID      string
	At            samenspel.Date
}

func (f NetworkFilter) key() string {
	return strings.Join([]string{strings.Join(f.Themes, ","), f.AreaKey, f.OpgaveID, f.At.String()}, "|")
}

// Network is an analysed collaboration network.
type Network struct {
	analytics.Result
	Organisations map[string]samenspel.Organisation
	Compute       time.Duration
	Cached        bool
}

// Network returns the analysed collaboration network for f, from the cache when no write has
// happened since it was computed.
func (s *Service) Network(ctx context.Context, f NetworkFilter) (Network, error) {
	version, err := s.db.DataVersion(ctx)
	if err != nil {
		return Network{}, err
	}
	key := f.key()
	s.mu.Lock()
	c, ok := s.cache[key]
	s.mu.Unlock()
	if ok && c.version == version {
		n := c.net
		n.Cached, n.Compute = true, 0
		return n, nil
	}
	opgaven, orgs, err := s.db.Collaboration(ctx, neo4jdb.CollaborationFilter{Themes: f.Themes, AreaGemeenten: f.AreaGemeenten, OpgaveID: f.OpgaveID, At: f.At})
	if err != nil {
		return Network{}, err
	}
	start := time.Now()
	res := analytics.Analyse(orgs, analytics.BuildEdges(opgaven), 1)
	n := Network{Result: res, Compute: time.Since(start)}
	if n.Organisations, err = s.db.OrganisationsByID(ctx, orgs); err != nil {
		return Network{}, err
	}
	s.mu.Lock()
	if len(s.cache) >= maxCached {
		s.cache = map[string]cached{}
	}
	s.cache[key] = cached{version: version, net: n}
	s.mu.Unlock()
	return n, nil
}

func participantIDs(roles []samenspel.Role) []string {
	seen := map[string]bool{}
	ids := []string{}
	for _, r := range roles {
		if !seen[r.OrganisationID] {
			seen[r.OrganisationID] = true
			ids = append(ids, r.OrganisationID)
		}
	}
	return ids
}

// WeakLinks ranks partner pairs with low or no trust (see samenspel.RankWeakLinks).
// With orgID set, only pairs that include that organisation are considered.
func (s *Service) WeakLinks(ctx context.Context, orgID string, minShared int, maxTrust float64, first int) ([]samenspel.WeakLink, error) {
	if minShared < 1 {
		return nil, samenspel.Invalidf("minSharedOpgaven", "must be at least 1, got %d", minShared)
	}
	if maxTrust < 1 || maxTrust > 5 {
		return nil, samenspel.Invalidf("maxTrust", "must be from 1 to 5, got %v", maxTrust)
	}
	opgaven, _, err := s.db.Collaboration(ctx, neo4jdb.CollaborationFilter{At: samenspel.Today()})
	if err != nil {
		return nil, err
	}
	var pairs []samenspel.SharedPair
	for _, e := range analytics.BuildEdges(opgaven) {
		if orgID == "" || e.A == orgID || e.B == orgID {
			pairs = append(pairs, samenspel.SharedPair{Pair: samenspel.Pair{A: e.A, B: e.B}, Shared: e.SharedOpgaven})
		}
	}
	as, err := s.db.TrustAmong(ctx, nil)
	if err != nil {
		return nil, err
	}
	return samenspel.RankWeakLinks(pairs, samenspel.Latest(as), minShared, maxTrust, first), nil
}

// ---- Export ----

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
	as, err := s.db.TrustAmong(ctx, ids)
	if err != nil {
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
	orgs, err := s.db.OrganisationsByID(ctx, orgIDs)
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

// CoalitionIDs returns the organisations with current roles on an opgave.
func CoalitionIDs(roles []samenspel.Role) []string { return participantIDs(roles) }

// Area resolves an area given as a gemeente code or a region (division and code) into the IDs of
// its gemeenten today, checking that it exists. field names the argument for errors.
func (s *Service) Area(ctx context.Context, field, gemeente, division, code string) ([]string, error) {
	region := ""
	switch {
	case (gemeente == "") == (division == "" && code == ""):
		return nil, samenspel.Invalidf(field, "give exactly one of gemeente and region")
	case gemeente != "":
		if o, err := s.db.OrganisationByCode(ctx, gemeente); err != nil || o.Kind != samenspel.KindGemeente {
			return nil, samenspel.Invalidf(field+".gemeente", "no gemeente has code %q", gemeente)
		}
	default:
		region = samenspel.RegionKey(division, code)
		found, err := s.db.RegionsByKey(ctx, []string{region})
		if err != nil {
			return nil, err
		}
		if _, ok := found[region]; !ok {
			return nil, samenspel.Invalidf(field+".region", "no region %q in division %q", code, division)
		}
	}
	gs, err := s.db.AreaFootprint(ctx, gemeente, region, samenspel.Today())
	if gs == nil {
		gs = []string{}
	}
	return gs, err
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
		f.At = samenspel.Today()
	}
	for _, t := range r.Themes {
		if !samenspel.IsTheme(t) {
			return Graph{}, samenspel.Invalidf("theme", "unknown theme %q", t)
		}
	}
	if r.Gemeente != "" || r.Division != "" || r.Code != "" {
		gs, err := s.Area(ctx, "area", r.Gemeente, r.Division, r.Code)
		if err != nil {
			return Graph{}, err
		}
		f.AreaGemeenten, f.AreaKey = gs, r.Gemeente+samenspel.RegionKey(r.Division, r.Code)
	}
	if r.OpgaveID != "" {
		found, err := s.db.OpgavenByID(ctx, []string{r.OpgaveID})
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
