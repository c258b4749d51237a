package analytics

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Two triangles joined through a bridge organisation x, and z that works alone:
//
//	a─b      e─f
//	 \|      |/
//	  c ─ x ─ d        z
func network1() ([]string, []Edge) {
	e := func(a, b string) Edge { return Edge{A: a, B: b, Weight: 1, SharedOpgaven: 1} }
	return []string{"z"}, []Edge{e("a", "b"), e("a", "c"), e("b", "c"), e("c", "x"), e("d", "x"), e("d", "e"), e("d", "f"), e("e", "f")}
}

func TestAnalyseKnownNetwork(t *testing.T) {
	nodes, edges := network1()
	r, err := Analyse(context.Background(), nodes, edges, 1)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Node{}
	for _, n := range r.Nodes {
		by[n.ID] = n
	}
	if diff := cmp.Diff([]string{"c", "d", "x"}, r.Brokers); diff != "" {
		t.Errorf("brokers mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"z"}, r.Isolated); diff != "" {
		t.Errorf("isolated mismatch (-want +got):\n%s", diff)
	}
	// Betweenness by hand over the 7 connected nodes (n = 8 with z): x lies on the shortest paths
	// between {a,b,c} and {d,e,f}: 9 unordered pairs = 18 ordered of (n-1)(n-2) = 42.
	if got := by["x"].Betweenness; math.Abs(got-18.0/42) > 1e-9 {
		t.Errorf("betweenness(x) = %v, want 18/42", got)
	}
	// c lies between {a,b} and {x,d,e,f}: 8 unordered pairs = 16/42.
	if got := by["c"].Betweenness; math.Abs(got-16.0/42) > 1e-9 {
		t.Errorf("betweenness(c) = %v, want 16/42", got)
	}
	if by["a"].Betweenness != 0 || by["z"].Betweenness != 0 {
		t.Errorf("a and z lie on no shortest path between others: %v, %v", by["a"].Betweenness, by["z"].Betweenness)
	}
	if by["c"].Degree != 3 || by["c"].WeightedDegree != 3 || by["z"].Degree != 0 {
		t.Errorf("degrees: c %d (%v), z %d", by["c"].Degree, by["c"].WeightedDegree, by["z"].Degree)
	}
	sum := 0.0
	for _, n := range r.Nodes {
		sum += n.PageRank
	}
	if math.Abs(sum-1) > 1e-6 {
		t.Errorf("PageRank sums to %v, want 1", sum)
	}
	if by["c"].PageRank <= by["a"].PageRank {
		t.Errorf("PageRank(c) %v should exceed PageRank(a) %v: c has more partners", by["c"].PageRank, by["a"].PageRank)
	}
	same := func(x, y string) bool { return by[x].Community == by[y].Community }
	if !same("a", "b") || !same("a", "c") || !same("d", "e") || !same("d", "f") || same("a", "d") || same("z", "a") || same("z", "d") {
		t.Errorf("communities = %v; want the two triangles apart and z alone", r.Communities)
	}
	if r.Modularity <= 0.3 {
		t.Errorf("modularity = %v; two clear groups should give more than 0.3", r.Modularity)
	}
	// PageRank iterates in gonum's map order, so repeated runs agree to its tolerance, not bitwise.
	near := cmp.Comparer(func(x, y float64) bool { return math.Abs(x-y) < 1e-8 })
	for i := 0; i < 5; i++ {
		if again, _ := Analyse(context.Background(), nodes, edges, 1); !cmp.Equal(r, again, near) {
			t.Fatalf("the same network and seed gave different results: %s", cmp.Diff(r, again, near))
		}
	}
}

func TestBuildEdges(t *testing.T) {
	got := BuildEdges([][]Participant{
		{{ID: "b", Weight: 3}, {ID: "a", Weight: 1}, {ID: "c", Weight: 1}},
		{{ID: "a", Weight: 2}, {ID: "b", Weight: 1}},
	})
	want := []Edge{
		{A: "a", B: "b", Weight: 2 + 1.5, SharedOpgaven: 2},
		{A: "a", B: "c", Weight: 1, SharedOpgaven: 1},
		{A: "b", B: "c", Weight: 2, SharedOpgaven: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
