package server_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/samenspel/samenspel/internal/server"
)

func TestOrganisationRegionsAtDate(t *testing.T) {
	a := newAPI(t)
	r := a.mustQuery(`query($at: Date) { organisation(code: "GM0363") { id name kind active regions(at: $at) { id division { key } } } }`, map[string]any{"at": "2025-06-01"})
	if get(r.Data, "organisation.name") != "Amsterdam" || get(r.Data, "organisation.kind") != "GEMEENTE" {
		t.Fatalf("organisation = %v", r.Data)
	}
	regions := list(r.Data, "organisation.regions")
	// 23 divisions in the 2025 table, plus the five 2016-only ones (wgr, rpa, nuts1-3) whose
	// 2016 memberships no later table replaced.
	if len(regions) != 28 {
		t.Errorf("Amsterdam has %d regions on 2025-06-01, want 28", len(regions))
	}
	ids := map[string]bool{}
	for _, reg := range regions {
		ids[get(reg, "id").(string)] = true
	}
	for _, want := range []string{"veiligheidsregio/VR13", "provincie/PV27", "arbeidsmarktregio/AM18", "ggd_regio/GG3406", "res_regio/ES16"} {
		if !ids[want] {
			t.Errorf("Amsterdam's regions lack %s", want)
		}
	}

	// On 2023-06-01 the 2023 table gives provincie, GGD and veiligheidsregio; the 2016 table the rest.
	r = a.mustQuery(`{ organisation(code: "GM0363") { memberships(at: "2023-06-01") { region { id } vintage from until } } }`, nil)
	ms := list(r.Data, "organisation.memberships")
	if len(ms) != 22 {
		t.Errorf("Amsterdam has %d memberships on 2023-06-01, want 22 (the divisions of the 2016 table)", len(ms))
	}
	for _, m := range ms {
		if get(m, "region.id") == "provincie/PV27" && (get(m, "vintage") != "2023-01-01" || get(m, "until") != "2025-01-01") {
			t.Errorf("provincie membership on 2023-06-01 = %v, want the 2023 table, until 2025-01-01", m)
		}
	}
}

func TestMergedGemeente(t *testing.T) {
	a := newAPI(t)
	r := a.mustQuery(`{ organisation(code: "GM0788") { name validUntil active(at: "2020-01-01") now: active
		mergedInto { into { name } date type } regions(at: "2020-06-01", division: "provincie") { id } } }`, nil)
	o := get(r.Data, "organisation")
	if get(o, "name") != "Haaren" || get(o, "validUntil") != "2021-01-01" || get(o, "active") != true || get(o, "now") != false {
		t.Errorf("Haaren = %v", o)
	}
	var into []string
	for _, m := range list(o, "mergedInto") {
		into = append(into, fmt.Sprint(get(m, "into.name"), " ", get(m, "date"), " ", get(m, "type")))
	}
	sort.Strings(into)
	want := []string{"Boxtel 2021-01-01 Uitbreiding", "Oisterwijk 2021-01-01 Uitbreiding", "Tilburg 2021-01-01 Uitbreiding", "Vught 2021-01-01 Uitbreiding"}
	if diff := cmp.Diff(want, into); diff != "" {
		t.Errorf("Haaren merged into mismatch (-want +got):\n%s", diff)
	}
	if got := list(o, "regions"); len(got) != 1 || get(got[0], "id") != "provincie/PV30" {
		t.Errorf("Haaren's provincie in 2020 = %v, want PV30 Noord-Brabant", got)
	}
}

func TestRegionOverlapsSortedWithFigures(t *testing.T) {
	a := newAPI(t)
	r := a.mustQuery(`{ region(division: "veiligheidsregio", code: "VR13") { name memberCount
		overlaps(at: "2025-06-01") { region { id name } shared jaccard shareOfThis shareOfOther } } }`, nil)
	if get(r.Data, "region.name") != "Amsterdam-Amstelland" || get(r.Data, "region.memberCount") != float64(6) {
		t.Fatalf("region = %v", get(r.Data, "region"))
	}
	ov := list(r.Data, "region.overlaps")
	if len(ov) == 0 {
		t.Fatal("no overlaps")
	}
	for i := 1; i < len(ov); i++ {
		if get(ov[i-1], "shared").(float64) < get(ov[i], "shared").(float64) {
			t.Fatalf("overlaps not sorted by shared descending at %d", i)
		}
	}
	for _, o := range ov {
		switch get(o, "region.id") {
		case "politie_eenheid/RE05":
			// Politie-eenheid Amsterdam covers exactly veiligheidsregio Amsterdam-Amstelland.
			if get(o, "shared") != float64(6) || get(o, "jaccard") != float64(1) {
				t.Errorf("VR13 ∩ RE05 = %v, want the same 6 gemeenten (jaccard 1)", o)
			}
		case "res_regio/ES16":
			// RES Noord-Holland Zuid has 27 gemeenten, among them all 6 of Amsterdam-Amstelland.
			if get(o, "shared") != float64(6) || get(o, "shareOfThis") != float64(1) || get(o, "jaccard") != 6.0/27 || get(o, "shareOfOther") != 6.0/27 {
				t.Errorf("VR13 ∩ ES16 = %v, want 6 shared, shareOfThis 1, jaccard and shareOfOther 6/27", o)
			}
		}
		if strings.HasPrefix(get(o, "region.id").(string), "veiligheidsregio/") {
			t.Errorf("overlaps list a region of the same division: %v", o)
		}
	}
}

func TestDivisionCongruence(t *testing.T) {
	a := newAPI(t)
	q := `query($a: String!, $b: String!) { divisionCongruence(a: $a, b: $b, at: "2025-06-01") {
		score aInB bInA gemeenten pairs { a { code } b { code } shared } splitA { code name } } }`
	r := a.mustQuery(q, map[string]any{"a": "veiligheidsregio", "b": "politie_eenheid"})
	c := get(r.Data, "divisionCongruence")
	if get(c, "score") != float64(1) || get(c, "aInB") != float64(1) || get(c, "gemeenten") != float64(342) {
		t.Errorf("veiligheidsregio/politie_eenheid = score %v aInB %v over %v; veiligheidsregio's nest in politie-eenheden", get(c, "score"), get(c, "aInB"), get(c, "gemeenten"))
	}
	if n := len(list(c, "pairs")); n != 25 {
		t.Errorf("%d pairs, want 25 (each veiligheidsregio in one eenheid)", n)
	}

	r = a.mustQuery(q, map[string]any{"a": "res_regio", "b": "provincie"})
	c = get(r.Data, "divisionCongruence")
	if s := get(c, "score").(float64); s >= 1 || s < 0.9 {
		t.Errorf("res_regio/provincie score = %v, want just under 1: RES-regio's cross provincial borders in a few places", s)
	}
	split := list(c, "splitA")
	if len(split) == 0 || get(split[0], "name") != "Foodvalley" {
		t.Errorf("split RES-regio's = %v, want Foodvalley (Gelderland and Utrecht)", split)
	}

	r = a.mustQuery(q, map[string]any{"a": "veilig_thuis_regio", "b": "veiligheidsregio"})
	if s := get(r.Data, "divisionCongruence.score").(float64); s >= 1 {
		t.Errorf("veilig_thuis_regio/veiligheidsregio score = %v; Veilig Thuis regions do not follow veiligheidsregio's", s)
	}
}

func TestNaturalPartners(t *testing.T) {
	a := newAPI(t)
	r := a.mustQuery(`{ organisation(code: "GM0363") { naturalPartners(first: 3, at: "2025-06-01") { organisation { name } sharedRegions regions { id } } } }`, nil)
	ps := list(r.Data, "organisation.naturalPartners")
	if len(ps) != 3 {
		t.Fatalf("got %d partners, want 3", len(ps))
	}
	if get(ps[0], "organisation.name") != "Diemen" || get(ps[0], "sharedRegions") != float64(22) {
		t.Errorf("first partner = %v, want Diemen sharing 22 regions", ps[0])
	}
	for i, p := range ps {
		if n := len(list(p, "regions")); float64(n) != get(p, "sharedRegions") {
			t.Errorf("partner %d lists %d regions but sharedRegions = %v", i, n, get(p, "sharedRegions"))
		}
		if i > 0 && get(ps[i-1], "sharedRegions").(float64) < get(p, "sharedRegions").(float64) {
			t.Errorf("partners not sorted by sharedRegions")
		}
	}
}

func TestBorderConflicts(t *testing.T) {
	a := newAPI(t)
	r := a.mustQuery(`{ borderConflicts(first: 10, at: "2025-06-01") { organisation { code name } count pairs { a b } } }`, nil)
	bcs := list(r.Data, "borderConflicts")
	if len(bcs) != 10 {
		t.Fatalf("got %d, want 10", len(bcs))
	}
	for i, bc := range bcs {
		if float64(len(list(bc, "pairs"))) != get(bc, "count") {
			t.Errorf("%v: count does not match its pairs", get(bc, "organisation.name"))
		}
		if i > 0 && get(bcs[i-1], "count").(float64) < get(bc, "count").(float64) {
			t.Error("not sorted by count")
		}
		for _, p := range list(bc, "pairs") {
			if get(p, "a") == "politie_eenheid" && get(p, "b") == "veiligheidsregio" {
				t.Errorf("%v: veiligheidsregio's nest in politie-eenheden, so their borders cannot cross", get(bc, "organisation.name"))
			}
		}
	}
	// Restricted to two nested divisions there is nothing to report.
	r = a.mustQuery(`{ borderConflicts(divisions: ["veiligheidsregio", "politie_eenheid"]) { count } }`, nil)
	if n := len(list(r.Data, "borderConflicts")); n != 0 {
		t.Errorf("nested divisions give %d conflicts, want 0", n)
	}
}

func TestOrganisationsConnection(t *testing.T) {
	a := newAPI(t)
	q := `query($after: String) { organisations(filter: {kind: [GEMEENTE], nameContains: "AM"}, first: 5, after: $after) {
		totalCount edges { node { name } cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`
	r := a.mustQuery(q, nil)
	total := get(r.Data, "organisations.totalCount").(float64)
	var names []string
	after := any(nil)
	for page := 0; page < 20; page++ {
		r = a.mustQuery(q, map[string]any{"after": after})
		for _, e := range list(r.Data, "organisations.edges") {
			name := get(e, "node.name").(string)
			if !strings.Contains(strings.ToLower(name), "am") {
				t.Errorf("%q does not contain am", name)
			}
			names = append(names, name)
		}
		if get(r.Data, "organisations.pageInfo.hasNextPage") != true {
			break
		}
		after = get(r.Data, "organisations.pageInfo.endCursor")
	}
	if float64(len(names)) != total || total < 10 {
		t.Errorf("paged %d names, totalCount %v", len(names), total)
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("names are not sorted: %v", names)
	}

	r = a.mustQuery(`{ organisations(filter: {kind: [PROVINCIE]}, orderBy: {field: CODE, direction: DESC}, first: 3) { totalCount edges { node { code name territory { id } } } } }`, nil)
	edges := list(r.Data, "organisations.edges")
	if get(r.Data, "organisations.totalCount") != float64(12) || get(edges[0], "node.code") != "PV31" || get(edges[0], "node.territory.id") != "provincie/PV31" {
		t.Errorf("provincies by code desc = %v", get(r.Data, "organisations"))
	}
	r = a.mustQuery(`{ all: organisations(filter: {kind: [GEMEENTE], includeHistorical: true}) { totalCount }
		y2016: organisations(filter: {kind: [GEMEENTE], activeAt: "2016-01-01"}) { totalCount }
		now: organisations(filter: {kind: [GEMEENTE]}) { totalCount } }`, nil)
	if get(r.Data, "y2016.totalCount") != float64(390) || get(r.Data, "now.totalCount") != float64(342) || get(r.Data, "all.totalCount").(float64) <= 390 {
		t.Errorf("gemeente counts = %v; want 390 on 2016-01-01, 342 now, more in all history", r.Data)
	}
}

func TestRegionMembersPaging(t *testing.T) {
	a := newAPI(t)
	q := `query($after: String) { region(division: "provincie", code: "PV27") { members(first: 20, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } } }`
	seen := map[string]bool{}
	var after any
	var total float64
	for page := 0; page < 10; page++ {
		r := a.mustQuery(q, map[string]any{"after": after})
		total = get(r.Data, "region.members.totalCount").(float64)
		for _, e := range list(r.Data, "region.members.edges") {
			seen[get(e, "node.code").(string)] = true
		}
		if get(r.Data, "region.members.pageInfo.hasNextPage") != true {
			break
		}
		after = get(r.Data, "region.members.pageInfo.endCursor")
	}
	if total != 44 || len(seen) != 44 {
		t.Errorf("Noord-Holland: totalCount %v, paged %d distinct gemeenten; want 44", total, len(seen))
	}
}

func TestDivisions(t *testing.T) {
	a := newAPI(t)
	r := a.mustQuery(`{ divisions { key name vintages latestVintage regionCount } division(key: "res_regio") { name regions { code } }
		zk: division(key: "zorgkantoorregio") { now: regionCount all: regionCount(includeHistorical: true) y2016: regionCount(at: "2016-06-01") } }`, nil)
	// Zorgkantoorregio's ZK05 and ZK15 of 2016 became ZK33 (Westland Schieland Delfland) by 2025.
	if get(r.Data, "zk.now") != float64(31) || get(r.Data, "zk.y2016") != float64(32) || get(r.Data, "zk.all") != float64(33) {
		t.Errorf("zorgkantoorregio region counts = %v, want 31 now, 32 in 2016, 33 over all vintages", get(r.Data, "zk"))
	}
	divs := list(r.Data, "divisions")
	if len(divs) != 28 {
		t.Errorf("%d divisions, want 28", len(divs))
	}
	for _, d := range divs {
		if get(d, "key") == "provincie" && len(list(d, "vintages")) != 3 {
			t.Errorf("provincie vintages = %v", get(d, "vintages"))
		}
	}
	if n := len(list(r.Data, "division.regions")); n != 30 {
		t.Errorf("res_regio has %d regions, want 30", n)
	}
}

func TestErrors(t *testing.T) {
	a := newAPI(t)
	tests := []struct {
		name, query, code, field string
		nullPath                 string
	}{
		{"unknown code", `{ organisation(code: "GM0000") { name } }`, "NOT_FOUND", "code", "organisation"},
		{"unknown region", `{ region(division: "veiligheidsregio", code: "VR99") { name } }`, "NOT_FOUND", "region", "region"},
		{"unknown division", `{ division(key: "nope") { name } }`, "NOT_FOUND", "division", "division"},
		{"both code and id", `{ organisation(code: "GM0363", id: "GM0363") { name } }`, "BAD_USER_INPUT", "code", "organisation"},
		{"first too large", `{ organisations(first: 101) { totalCount } }`, "BAD_USER_INPUT", "first", ""},
		{"first zero", `{ regions(first: 0) { totalCount } }`, "BAD_USER_INPUT", "first", ""},
		{"bad cursor", `{ organisations(after: "garbage") { totalCount } }`, "BAD_USER_INPUT", "after", ""},
		{"bad date", `{ organisation(code: "GM0363") { regions(at: "2025-13-01") { id } } }`, "BAD_USER_INPUT", "", ""},
		{"unknown division in congruence", `{ divisionCongruence(a: "veiligheidsregio", b: "nope") { score } }`, "BAD_USER_INPUT", "b", ""},
		{"unknown division in borderConflicts", `{ borderConflicts(divisions: ["nope"]) { count } }`, "BAD_USER_INPUT", "divisions", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.query(tt.query, nil)
			if len(r.Errors) != 1 {
				t.Fatalf("want one error, got %s", r.raw)
			}
			e := r.Errors[0]
			if e.Extensions["code"] != tt.code {
				t.Errorf("code = %v, want %s (%s)", e.Extensions["code"], tt.code, r.raw)
			}
			if tt.field != "" && e.Extensions["field"] != tt.field {
				t.Errorf("field = %v, want %s", e.Extensions["field"], tt.field)
			}
			for _, leak := range []string{"Neo4j", "Cypher", "MATCH", "goroutine", ".go:"} {
				if strings.Contains(e.Message, leak) {
					t.Errorf("message leaks %q: %s", leak, e.Message)
				}
			}
			if tt.nullPath != "" {
				if v, ok := r.Data[tt.nullPath]; !ok || v != nil {
					t.Errorf("data.%s = %v, want null", tt.nullPath, v)
				}
			}
		})
	}
}

// TestNoNPlusOne checks that the number of Cypher round trips does not grow with the result.
func TestNoNPlusOne(t *testing.T) {
	a := newAPI(t)
	queries := map[string]string{
		"gemeenten with regions, partners and mergers": `query($n: Int) { organisations(filter: {kind: [GEMEENTE]}, first: $n) { totalCount edges { node {
			name regions { id name division { key name } } naturalPartners(first: 3) { organisation { name } sharedRegions }
			mergedFrom { from { name } date } memberships(division: "provincie") { vintage } territory { id } } } } }`,
		"regions with members and overlaps": `query($n: Int) { regions(filter: {division: "jeugdregio"}, first: $n) { edges { node {
			name memberCount members(first: 5) { totalCount edges { node { name regions(division: "provincie") { name } } } }
			overlaps(division: "veiligheidsregio") { region { name division { name } } shared jaccard } } } } }`,
		"four levels deep": `query($n: Int) { regions(filter: {division: "corop"}, first: $n) { edges { node {
			overlaps(division: "provincie") { region { memberCount members(first: 3) { edges { node {
				naturalPartners(first: 2) { organisation { name memberships(division: "ggd_regio") { region { name } } } regions { code } } } } } } } } } } }`,
		"divisions with regions and members": `query($n: Int) { divisions { key regionCount regions { code members(first: $n) { totalCount edges { node { name } } } } } }`, // 40 members in each region of every division would cost more than the limit: 8 here
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			n := 40
			if name == "divisions with regions and members" {
				n = 8
			}
			small := a.mustQuery(q, map[string]any{"n": 2})
			large := a.mustQuery(q, map[string]any{"n": n})
			if small.Extensions.CypherRoundTrips == 0 {
				t.Fatal("the response does not report cypherRoundTrips")
			}
			if large.Extensions.CypherRoundTrips != small.Extensions.CypherRoundTrips {
				t.Errorf("round trips grow with the result: %d for 2 items, %d for 40", small.Extensions.CypherRoundTrips, large.Extensions.CypherRoundTrips)
			}
			t.Logf("Cypher round trips: %d for 2 items, %d for 40", small.Extensions.CypherRoundTrips, large.Extensions.CypherRoundTrips)
		})
	}
}

func TestHTTPEndpoints(t *testing.T) {
	a := newAPI(t)
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/": 200, "/nope": 404,
		"/gemeente/GM0344": 200, "/graphiql": 200, "/assets/nope.js": 404, "/gemeente/": 404} {
		resp, err := http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// TestCORS: by default no other web page may call the API from a browser; a configured origin
// may, without credentials, and never as "*".
func TestCORS(t *testing.T) {
	a := newAPI(t)
	preflight := func(srv, origin string) http.Header {
		req, _ := http.NewRequest(http.MethodOptions, srv+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type") // as browsers send it: sorted, lower case
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header
	}
	if h := preflight(a.srv.URL, "https://evil.example"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a foreign origin was allowed by default: %v", h)
	}
	b := a.with(t, server.Options{AllowedOrigins: []string{"https://dashboard.provincie.example"}})
	h := preflight(b.srv.URL, "https://dashboard.provincie.example")
	if h.Get("Access-Control-Allow-Origin") != "https://dashboard.provincie.example" || h.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("the configured origin: %v", h)
	}
	if h := preflight(b.srv.URL, "https://evil.example"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a foreign origin was allowed next to the configured one: %v", h)
	}
	// A simple cross-origin request gets no Access-Control-Allow-Origin either, so the browser
	// keeps the answer from the foreign page.
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", strings.NewReader(`{"query":"{ me { role } }"}`))
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if v := resp.Header.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("Access-Control-Allow-Origin %q for a foreign page", v)
	}
}
