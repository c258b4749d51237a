package server_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/server"
)

// BenchmarkAgainstCypher compares a GraphQL request with the floor under it: the very statements
// the request sent, recorded and replayed one after the other through the bare Go driver (no
// GraphQL, no decoding into Samenspel's types), at one client. It reports the median of each
// (p50-ms and cypher-p50-ms) and their ratio. Run with `make bench`.
func BenchmarkAgainstCypher(b *testing.B) {
	base := withDemo(b)
	var last *neo4jdb.Statements
	a := base.with(b, server.Options{RequestContext: func(ctx context.Context) context.Context {
		ctx, last = neo4jdb.WithStatements(ctx)
		return ctx
	}})
	driver, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.NoAuth(), func(c *neo4j.Config) { c.FetchSize = neo4j.FetchAll })
	if err != nil {
		b.Fatal(err)
	}
	defer driver.Close(context.Background())
	for _, bm := range []struct{ name, query string }{
		{"region.members(100)", `{ region(division: "provincie", code: "PV30") { members(first: 100) { totalCount edges { node { name } } } } }`},
		{"region.overlaps", `{ region(division: "veiligheidsregio", code: "VR13") { overlaps { region { id name } shared jaccard shareOfThis shareOfOther } } }`},
		{"opgaven(50).participants", `{ opgaven(first: 50) { edges { node { title participants { organisation { name } } } } } }`},
	} {
		b.Run(bm.name, func(b *testing.B) {
			a.t = b
			a.mustQuery(bm.query, nil) // warm up, and record the statements
			stmts := last.List()
			var gql, raw []time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				a.mustQuery(bm.query, nil)
				gql = append(gql, time.Since(t0))
				t0 = time.Now()
				for _, s := range stmts {
					if _, err := neo4j.ExecuteQuery(context.Background(), driver, s.Cypher, s.Params, neo4j.EagerResultTransformer,
						neo4j.ExecuteQueryWithReadersRouting()); err != nil {
						b.Fatal(err)
					}
				}
				raw = append(raw, time.Since(t0))
			}
			g, c := median(gql), median(raw)
			b.ReportMetric(ms(g), "p50-ms")
			b.ReportMetric(ms(c), "cypher-p50-ms")
			b.ReportMetric(float64(g)/float64(c), "x-cypher")
			b.ReportMetric(float64(len(stmts)), "roundtrips/op")
		})
	}
}
