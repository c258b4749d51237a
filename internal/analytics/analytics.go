// Package analytics computes the measures analysts ask of the collaboration network (who is
// central, who brokers between groups, which communities exist, who is isolated) with gonum's
// graph packages. It is pure: the store supplies the participants of each opgave.
package analytics

import (
	"context"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Participant is an organisation on one opgave with its heaviest current role weight there
// (samenspel.RoleWeight).
type Participant = samenspel.CoalitionMember

// Edge links two organisations (A < B) that share opgaven.
type Edge struct {
	A, B          string
	Weight        float64 // Σ over shared opgaven of the mean of both role weights
	SharedOpgaven int
}

// BuildEdges turns each opgave's participants into weighted edges between every pair of them.
func BuildEdges(opgaven [][]Participant) []Edge {
	type key struct{ a, b string }
	acc := map[key]*Edge{}
	for _, ps := range opgaven {
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				a, b := ps[i], ps[j]
				if a.ID == b.ID {
					continue
				}
				if b.ID < a.ID {
					a, b = b, a
				}
				e := acc[key{a.ID, b.ID}]
				if e == nil {
					e = &Edge{A: a.ID, B: b.ID}
					acc[key{a.ID, b.ID}] = e
				}
				e.Weight += (a.Weight + b.Weight) / 2
				e.SharedOpgaven++
			}
		}
	}
	out := make([]Edge, 0, len(acc))
	for _, e := range acc {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// Node holds the measures of one organisation.
type Node struct {
	ID             string
	Degree         int     // partners it shares an opgave with
	WeightedDegree float64 // sum of its edge weights
	// Betweenness is the share of shortest paths between other pairs of organisations that pass
	// through it (0..1, on the unweighted network).
	Betweenness float64
	PageRank    float64 // edge-weighted PageRank, damping 0.85, iterated to 1e-10; sums to 1
	Community   int     // index into Result.Communities
	Broker      bool    // removing it splits its partners into more separate groups
	Isolated    bool    // holds roles but shares no opgave with anyone
}

// Result is the analysis of one network.
type Result struct {
	Nodes       []Node     // sorted by ID
	Edges       []Edge     // as given
	Communities [][]string // Louvain communities, largest first; members sorted
	Modularity  float64    // Q of the communities (resolution 1)
	Brokers     []string   // sorted
	Isolated    []string   // sorted
}

// Analyse computes every measure for the organisations in nodes connected by edges. seed fixes
// Louvain's random order, so the same network always gives the same communities. It stops between
// measures when ctx ends (gonum's betweenness itself cannot be interrupted: about 0.6 s for the
// 412 organisations of the demo set).
func Analyse(ctx context.Context, nodes []string, edges []Edge, seed uint64) (Result, error) {
	ids := map[string]int64{}
	names := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if _, ok := ids[n]; !ok {
			ids[n] = int64(len(names))
			names = append(names, n)
		}
	}
	for _, e := range edges {
		for _, n := range []string{e.A, e.B} {
			if _, ok := ids[n]; !ok {
				ids[n] = int64(len(names))
				names = append(names, n)
			}
		}
	}
	und := simple.NewWeightedUndirectedGraph(0, 0)
	dir := simple.NewWeightedDirectedGraph(0, 0)
	for i := range names {
		und.AddNode(simple.Node(i))
		dir.AddNode(simple.Node(i))
	}
	for _, e := range edges {
		a, b := simple.Node(ids[e.A]), simple.Node(ids[e.B])
		und.SetWeightedEdge(und.NewWeightedEdge(a, b, e.Weight))
		dir.SetWeightedEdge(dir.NewWeightedEdge(a, b, e.Weight))
		dir.SetWeightedEdge(dir.NewWeightedEdge(b, a, e.Weight))
	}

	res := Result{Edges: edges, Nodes: make([]Node, len(names))}
	n := len(names)
	between := network.Betweenness(und)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	var rank map[int64]float64
	if n > 0 {
		rank = network.PageRank(dir, 0.85, 1e-10)
	}
	for i, name := range names {
		id := int64(i)
		node := Node{ID: name, Degree: und.From(id).Len(), PageRank: rank[id]}
		for it := und.From(id); it.Next(); {
			node.WeightedDegree += und.WeightedEdge(id, it.Node().ID()).Weight()
		}
		if n > 2 {
			// gonum counts every ordered pair; there are (n-1)(n-2) ordered pairs of other nodes.
			node.Betweenness = between[id] / float64((n-1)*(n-2))
		}
		node.Isolated = node.Degree == 0
		res.Nodes[i] = node
	}

	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	// Communities by Louvain modularity optimisation.
	if n > 0 {
		reduced := community.Modularize(und, 1, rand.NewPCG(seed, 0x9e3779b97f4a7c15))
		comms := reduced.Communities()
		var groups [][]string
		for _, c := range comms {
			var g []string
			for _, nd := range c {
				g = append(g, names[nd.ID()])
			}
			sort.Strings(g)
			groups = append(groups, g)
		}
		sort.Slice(groups, func(i, j int) bool {
			if len(groups[i]) != len(groups[j]) {
				return len(groups[i]) > len(groups[j])
			}
			return groups[i][0] < groups[j][0]
		})
		res.Communities = groups
		res.Modularity = community.Q(und, comms, 1)
		for ci, g := range groups {
			for _, m := range g {
				res.Nodes[ids[m]].Community = ci
			}
		}
	}

	// Brokers: organisations whose removal leaves their partners in more separate groups, i.e.
	// whose partners cannot all reach each other without them. A breadth-first walk from one
	// partner in the network without the organisation stops as soon as it has met all the others,
	// which in a dense network is quick (a full components count per organisation took 660 ms on
	// 412 organisations).
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	for i := range names {
		if res.Nodes[i].Degree < 2 {
			continue
		}
		id := int64(i)
		partners := map[int64]bool{}
		for it := und.From(id); it.Next(); {
			partners[it.Node().ID()] = true
		}
		met := 0
		bfs := traverse.BreadthFirst{Visit: func(n graph.Node) {
			if partners[n.ID()] {
				met++
			}
		}}
		first := und.From(id)
		first.Next()
		bfs.Walk(without{und, id}, first.Node(), func(graph.Node, int) bool { return met == len(partners) })
		res.Nodes[i].Broker = met < len(partners)
	}
	sort.Slice(res.Nodes, func(i, j int) bool { return res.Nodes[i].ID < res.Nodes[j].ID })
	for _, nd := range res.Nodes {
		if nd.Broker {
			res.Brokers = append(res.Brokers, nd.ID)
		}
		if nd.Isolated {
			res.Isolated = append(res.Isolated, nd.ID)
		}
	}
	return res, nil
}

// without is a view of an undirected graph with one node left out.
type without struct {
	graph.Undirected
	skip int64
}

func (w without) Nodes() graph.Nodes {
	var keep []graph.Node
	for it := w.Undirected.Nodes(); it.Next(); {
		if it.Node().ID() != w.skip {
			keep = append(keep, it.Node())
		}
	}
	return iterator.NewOrderedNodes(keep)
}

func (w without) From(id int64) graph.Nodes {
	if id == w.skip {
		return graph.Empty
	}
	var keep []graph.Node
	for it := w.Undirected.From(id); it.Next(); {
		if it.Node().ID() != w.skip {
			keep = append(keep, it.Node())
		}
	}
	return iterator.NewOrderedNodes(keep)
}
