package server_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/samenspel/samenspel/internal/demo"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

// BenchmarkOpgaven runs the programme lead's queries against the demo set at scale
// SAMENSPEL_BENCH_SCALE (default 1: 2,155 opgaven, 24,142 roles; 10: 22,250 and 245,767) and
// reports ms and Cypher round trips per request. Run with `make bench`.
func BenchmarkOpgaven(b *testing.B) {
	scale := benchScale(b)
	a := newAPI(b)
	db := testneo4j.Open(b)
	w, err := db.DemoWorld(context.Background(), samenspel.NewDate(2025, 6, 1))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := db.ReplaceDemo(context.Background(), demo.Generate(w, 1, scale), nil); err != nil {
		b.Fatal(err)
	}
	demoLoaded = scale == 1
	b.Logf("loaded the demo set at scale %d in %s", scale, time.Since(start).Round(time.Millisecond))

	from, to := "demo-opgave-000001", "demo-opgave-000150"
	benchmarks := []struct{ name, query string }{
		{"whoElse(opgave)", fmt.Sprintf(`{ whoElse(opgave: %q, first: 10) { organisation { name } score sharedThemes areaOverlap sharedOpgaven evidence { opgave { title } roles { type } } } }`, from)},
		{"whoElse(theme,area)", `{ whoElse(theme: "wonen", area: {region: {division: "provincie", code: "PV26"}}, first: 10) { organisation { name } score } }`},
		{"connected(maxDepth:2)", fmt.Sprintf(`{ opgave(id: %q) { connected(maxDepth: 2, first: 50) { opgave { title } depth reasons { kind via { id } organisation { name } } } } }`, from)},
		{"connection", fmt.Sprintf(`{ connection(from: %q, to: %q) { length steps { kind relation opgave { title } organisation { name } region { name } } } }`, from, to)},
		{"opgaven(50).participants", `{ opgaven(first: 50) { totalCount edges { node { title trekker { organisation { name } person { name } } participants { organisation { name } roles { type level } contributionEuros } } } } }`},
		{"opgaven(50,area,orderBy:PARTICIPANTS)", `{ opgaven(first: 50, filter: {area: {gemeente: "GM0344"}}, orderBy: {field: PARTICIPANTS, direction: DESC}) { totalCount edges { node { title participantCount } } } }`},
		{"search", `{ search(text: "woondeal utrecht", first: 10) { kind label } }`},
		{"trust", `{ trust(from: "GM0344", to: "PV26") { fromTo { score } toFrom { score } history { score date } } }`},
		{"weakLinks", `{ weakLinks(first: 20) { a { name } b { name } trust sharedOpgaven } }`},
		{"opgaven(50).trustClimate+health", `{ opgaven(first: 50) { edges { node { trustClimate { coverage meanTrust } health { key status } } } } }`},
		{"lessons(20).opgave.practice", `{ lessons(first: 20) { title opgave { title interests { wants organisation { name } } interestConflicts { note }
			agreements { title overdue withoutMandate decider { name } } checkInSummary { latest trend { answers together } spread { mean spread differMost { name } } missing { name } }
			results { title status contributions { organisation { name } } } resultSummary { achieved late partners { organisation { name } } } relatedLessons(first: 5) { lesson { title } } } } }`},
		{"lessons(theme,search)", `{ lessons(theme: "wonen", search: "belangen", first: 20) { title opgave { title } organisation { name } } }`},
		{"overdueDecisions(50)", `{ overdueDecisions(first: 50) { title dueDate decider { name } opgave { title } } }`},
		{"collaborationNetwork(cached)", `{ collaborationNetwork { modularity nodes { organisation { name } pageRank betweenness community } } }`},
	}
	// The network analysis itself, uncached: the first request after loading the demo set computes
	// it; the server reports the time it took.
	for _, f := range []string{"", `(filter: {themes: ["wonen"]})`} {
		r := a.mustQuery(`{ collaborationNetwork`+f+` { cached computeMillis nodes { organisation { id } } edges { weight } } }`, nil)
		b.Logf("scale %d: collaborationNetwork%s: %d nodes, %d edges, computed in %.1f ms (cached: %v)", scale, f,
			len(list(r.Data, "collaborationNetwork.nodes")), len(list(r.Data, "collaborationNetwork.edges")),
			get(r.Data, "collaborationNetwork.computeMillis"), get(r.Data, "collaborationNetwork.cached"))
	}
	for _, bm := range benchmarks {
		b.Run(fmt.Sprintf("x%d/%s", scale, bm.name), func(b *testing.B) { a.bench(b, bm.query) })
	}
}

// benchScale is the demo set's scale for a benchmark: SAMENSPEL_BENCH_SCALE, default 1.
func benchScale(b *testing.B) int {
	s := os.Getenv("SAMENSPEL_BENCH_SCALE")
	if s == "" {
		return 1
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("SAMENSPEL_BENCH_SCALE=%q is not a positive number", s)
	}
	return n
}
