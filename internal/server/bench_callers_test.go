package server_test

import (
	"testing"
	"time"
)

// BenchmarkCallers asks the same queries as an anonymous caller and as a signed-in editor (a
// token, verified against the test issuer's JWKS), interleaved request by request, and reports
// both medians and their ratio: the access rules are parameters of the Cypher, so an editor's
// request costs about what an anonymous one does. Run with `make bench`.
func BenchmarkCallers(b *testing.B) {
	a := withDemo(b)
	anonymous := a.as("")
	editor := a.as(a.iss.user(b, "GM0344", "editor"))
	queries := []struct{ name, query string }{
		{"organisation.regions", `{ organisation(code: "GM0363") { regions { id name division { key name } } } }`},
		{"region.overlaps", `{ region(division: "veiligheidsregio", code: "VR13") { overlaps { region { id name } shared jaccard } } }`},
		{"opgaven(50).participants", `{ opgaven(first: 50) { totalCount edges { node { title participants { organisation { name } roles { type level } contributionEuros } } } } }`},
		{"opgaven(50).health", `{ opgaven(first: 50) { edges { node { title health { key status } } } } }`},
		{"whoElse(opgave)", `{ whoElse(opgave: "demo-opgave-000001", first: 10) { organisation { name } score evidence { opgave { title } } } }`},
		{"connected(maxDepth:2)", `{ opgave(id: "demo-opgave-000001") { connected(maxDepth: 2, first: 50) { opgave { title } depth } } }`},
		{"search", `{ search(text: "woondeal utrecht", first: 10) { kind label } }`},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			anonymous.t, editor.t = b, b
			var anon, ed []time.Duration
			for range b.N {
				for _, c := range []struct {
					a   *api
					out *[]time.Duration
				}{{anonymous, &anon}, {editor, &ed}} {
					t0 := time.Now()
					c.a.mustQuery(q.query, nil)
					*c.out = append(*c.out, time.Since(t0))
				}
			}
			pa, pe := median(anon), median(ed)
			b.ReportMetric(ms(pa), "anonymous-p50-ms")
			b.ReportMetric(ms(pe), "editor-p50-ms")
			b.ReportMetric(float64(pe)/float64(pa), "editor/anonymous")
		})
	}
}
