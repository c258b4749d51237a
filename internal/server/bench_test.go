package server_test

import (
	"sort"
	"testing"
	"time"
)

// BenchmarkQueries runs each query of the region graph against the imported real CBS data over
// HTTP and reports milliseconds (mean and median) and Cypher round trips per request. Run with
// `make bench`.
func BenchmarkQueries(b *testing.B) {
	a := newAPI(b)
	benchmarks := []struct{ name, query string }{
		{"organisation.regions", `{ organisation(code: "GM0363") { regions { id name division { key name } } } }`},
		{"organisation.regions(at:2020)", `{ organisation(code: "GM0363") { regions(at: "2020-06-01") { id name } } }`},
		{"organisations(100).regions", `{ organisations(filter: {kind: [GEMEENTE]}, first: 100) { totalCount edges { cursor node { code name regions { code division { key } } } } } }`},
		{"organisations(100,nameContains)", `{ organisations(filter: {nameContains: "berg"}, first: 100) { totalCount edges { node { name } } } }`},
		{"region.members(100)", `{ region(division: "provincie", code: "PV30") { members(first: 100) { totalCount edges { node { name } } } } }`},
		{"region.overlaps", `{ region(division: "veiligheidsregio", code: "VR13") { overlaps { region { id name } shared jaccard shareOfThis shareOfOther } } }`},
		{"regions(42).overlaps", `{ regions(filter: {division: "jeugdregio"}, first: 100) { edges { node { code overlaps(division: "veiligheidsregio") { region { code } shared jaccard } } } } }`},
		{"divisionCongruence(vr,politie)", `{ divisionCongruence(a: "veiligheidsregio", b: "politie_eenheid") { score pairs { a { code } b { code } shared } } }`},
		{"divisionCongruence(res,provincie)", `{ divisionCongruence(a: "res_regio", b: "provincie") { score aInB bInA splitA { name } } }`},
		{"naturalPartners(10)", `{ organisation(code: "GM0363") { naturalPartners(first: 10) { organisation { name } sharedRegions regions { id } } } }`},
		{"organisations(100).naturalPartners(5)", `{ organisations(filter: {kind: [GEMEENTE]}, first: 100) { edges { node { naturalPartners(first: 5) { organisation { name } sharedRegions } } } } }`},
		{"borderConflicts(all)", `{ borderConflicts(first: 20) { organisation { name } count } }`},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) { a.bench(b, bm.query) })
	}
}

// bench runs query b.N times and reports the mean and median milliseconds and the Cypher round
// trips per request.
func (a *api) bench(b *testing.B, query string) {
	a.t = b
	trips := 0
	times := make([]time.Duration, 0, b.N)
	start := time.Now()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		trips = a.mustQuery(query, nil).Extensions.CypherRoundTrips
		times = append(times, time.Since(t0))
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
	b.ReportMetric(ms(median(times)), "p50-ms")
	b.ReportMetric(float64(trips), "roundtrips/op")
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
