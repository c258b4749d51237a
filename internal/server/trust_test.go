package server_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"sort"
	"testing"
)

// buildCultureNetwork creates, with the API, a small network of new partner organisations on
// opgaven of a theme the demo set does not use:
//
//	O1 {P1 trekker, P2, P3 uitvoerder}   O2 {P3, X}   O3 {X, P4}   O4 {P4, P5, P6}   O5 {P7 alone}
//
// so P3, X and P4 are brokers, X lies on most shortest paths, and P7 is isolated.
func buildCultureNetwork(a *api) (map[string]string, map[string]string) {
	orgs := map[string]string{}
	for _, name := range []string{"P1", "P2", "P3", "X", "P4", "P5", "P6", "P7"} {
		orgs[name] = a.mutate("createOrganisation.id", `mutation($n: String!) { createOrganisation(input: {name: $n, kind: PARTNER}) { id } }`,
			map[string]any{"n": "Cultuurpartner " + name}).(string)
	}
	opgaven := map[string]string{}
	members := map[string][]string{"O1": {"P1", "P2", "P3"}, "O2": {"P3", "X"}, "O3": {"X", "P4"}, "O4": {"P4", "P5", "P6"}, "O5": {"P7"}}
	for _, o := range []string{"O1", "O2", "O3", "O4", "O5"} {
		opgaven[o] = a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Cultuuropgave " + o, "goal": "Cultuur voor iedereen",
			"themes": []string{"cultuur"}, "scale": "REGIONAAL", "status": "UITVOERING", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
		for i, m := range members[o] {
			typ, euros := "DEELNEMER", 50000.0
			if i == 0 {
				typ, euros = "TREKKER", 0
			}
			if m == "P3" && o == "O1" {
				typ = "UITVOERDER"
			}
			a.mutate("assignRole.id", assignRole, map[string]any{"in": map[string]any{"opgaveId": opgaven[o], "organisationId": orgs[m],
				"type": typ, "level": "BESTUURLIJK", "from": "2024-01-01", "contributionEuros": euros}})
		}
	}
	return orgs, opgaven
}

func TestTrustNetworkAndHealth(t *testing.T) {
	a := newAPI(t)
	orgs, opgaven := buildCultureNetwork(a)
	name := map[string]string{}
	for k, v := range orgs {
		name[v] = k
	}

	// The collaboration network of the theme, with known measures.
	netQ := `{ collaborationNetwork(filter: {themes: ["cultuur"]}) { cached computeMillis modularity
		nodes { organisation { id } degree betweenness pageRank community broker isolated }
		edges { a { id } b { id } weight sharedOpgaven } brokers { id } isolated { id } communities { size members { id } } } }`
	r := a.mustQuery(netQ, nil)
	n := get(r.Data, "collaborationNetwork")
	var brokers, isolated []string
	for _, b := range list(n, "brokers") {
		brokers = append(brokers, name[get(b, "id").(string)])
	}
	for _, b := range list(n, "isolated") {
		isolated = append(isolated, name[get(b, "id").(string)])
	}
	sort.Strings(brokers)
	if len(brokers) != 3 || brokers[0] != "P3" || brokers[1] != "P4" || brokers[2] != "X" {
		t.Errorf("brokers = %v, want P3, P4, X", brokers)
	}
	if len(isolated) != 1 || isolated[0] != "P7" {
		t.Errorf("isolated = %v, want P7", isolated)
	}
	stats := map[string]map[string]any{}
	for _, nd := range list(n, "nodes") {
		stats[name[get(nd, "organisation.id").(string)]] = nd.(map[string]any)
	}
	if len(stats) != 8 {
		t.Fatalf("%d nodes, want 8", len(stats))
	}
	for _, other := range []string{"P1", "P2", "P3", "P4", "P5", "P6", "P7"} {
		if stats["X"]["betweenness"].(float64) < stats[other]["betweenness"].(float64) {
			t.Errorf("betweenness of X (%v) below %s (%v): X bridges the two groups", stats["X"]["betweenness"], other, stats[other]["betweenness"])
		}
	}
	// 8 nodes: X is on the paths between {P1,P2,P3} and {P4,P5,P6}: 9 pairs, 18 of 42 ordered pairs.
	if got := stats["X"]["betweenness"].(float64); got < 18.0/42-1e-9 || got > 18.0/42+1e-9 {
		t.Errorf("betweenness(X) = %v, want 18/42", got)
	}
	if stats["P1"]["community"] != stats["P2"]["community"] || stats["P1"]["community"] == stats["P5"]["community"] {
		t.Errorf("communities do not separate the two groups: %v", list(n, "communities"))
	}
	if get(n, "cached") != false {
		t.Error("first computation reported as cached")
	}
	if r := a.mustQuery(netQ, nil); get(r.Data, "collaborationNetwork.cached") != true {
		t.Error("the same network was computed again instead of coming from the cache")
	}

	// Trust: validation, history, latest, asymmetry.
	rec := `mutation($in: TrustAssessmentInput!) { recordTrustAssessment(input: $in) { id score date from { id } to { id } } }`
	in := func(from, to string, score int, date string) map[string]any {
		return map[string]any{"in": map[string]any{"from": orgs[from], "to": orgs[to], "score": score, "date": date, "opgaveId": opgaven["O1"], "recordedBy": "test"}}
	}
	a.wantError(rec, in("P1", "P2", 6, "2024-01-01"), "BAD_USER_INPUT", "input.score")
	a.wantError(rec, in("P1", "P1", 3, "2024-01-01"), "BAD_USER_INPUT", "input.to")
	a.wantError(rec, in("P1", "P2", 3, "2999-01-01"), "BAD_USER_INPUT", "input.date")
	a.wantError(rec, map[string]any{"in": map[string]any{"from": "nope", "to": orgs["P2"], "score": 3, "recordedBy": "t"}}, "BAD_USER_INPUT", "input.from")
	a.mutate("recordTrustAssessment.id", rec, in("P1", "P2", 4, "2024-01-01"))
	a.mutate("recordTrustAssessment.id", rec, in("P1", "P2", 2, "2025-01-01"))
	a.mutate("recordTrustAssessment.id", rec, in("P2", "P1", 3, "2025-02-01"))
	if r := a.mustQuery(netQ, nil); get(r.Data, "collaborationNetwork.cached") != false {
		t.Error("the network cache survived a write")
	}
	r = a.mustQuery(`query($a: ID!, $b: ID!) { trust(from: $a, to: $b) { fromTo { score date } toFrom { score } asymmetry reciprocal history { score } } }`,
		map[string]any{"a": orgs["P1"], "b": orgs["P2"]})
	tr := get(r.Data, "trust")
	if get(tr, "fromTo.score") != float64(2) || get(tr, "fromTo.date") != "2025-01-01" || get(tr, "toFrom.score") != float64(3) ||
		get(tr, "asymmetry") != float64(-1) || get(tr, "reciprocal") != true || len(list(tr, "history")) != 3 {
		t.Errorf("trust(P1, P2) = %v", tr)
	}

	// The trust climate of O1: 3 pairs, 1 assessed, latest scores 2 and 3.
	r = a.mustQuery(`query($id: ID!) { opgave(id: $id) { trustClimate { participants pairs assessedPairs coverage meanTrust minTrust
		weakestPairs { trust a { id } b { id } } oldestAssessment newestAssessment }
		health { key status value evidence organisations { id } } } }`, map[string]any{"id": opgaven["O1"]})
	c := get(r.Data, "opgave.trustClimate")
	if get(c, "participants") != float64(3) || get(c, "pairs") != float64(3) || get(c, "assessedPairs") != float64(1) ||
		get(c, "meanTrust") != 2.5 || get(c, "minTrust") != float64(2) || get(c, "oldestAssessment") != "2025-01-01" || get(c, "newestAssessment") != "2025-02-01" {
		t.Errorf("trustClimate(O1) = %v", c)
	}
	if cov := get(c, "coverage").(float64); cov < 0.333 || cov > 0.334 {
		t.Errorf("coverage = %v, want 1/3", cov)
	}
	if wp := list(c, "weakestPairs"); len(wp) != 1 || get(wp[0], "trust") != float64(2) {
		t.Errorf("weakestPairs = %v", wp)
	}
	status := map[string]string{}
	for _, h := range list(r.Data, "opgave.health") {
		status[get(h, "key").(string)] = get(h, "status").(string)
	}
	want := map[string]string{
		"TREKKER_PER_LEVEL":          "ATTENTION", // only a bestuurlijk trekker
		"ROLES_AGREED":               "ATTENTION", // nobody named
		"UITVOERDERS_INVOLVED":       "OK",        // P3
		"CONTRIBUTION_MATCHES_STAKE": "ATTENTION", // the trekker contributes 0, the others 50,000
		"TRUST_COVERAGE":             "ATTENTION", // 1 of 3 pairs
		"TRUST_LEVEL":                "ATTENTION", // mean 2.5
		"TRUST_FRESHNESS":            "ATTENTION", // oldest latest assessment is from 2025-01-01
	}
	for k, v := range want {
		if status[k] != v {
			t.Errorf("health %s = %s, want %s", k, status[k], v)
		}
	}

	// Weak links: P1–P2 share O1 and have trust 2.
	r = a.mustQuery(`query($o: ID) { weakLinks(organisation: $o, minSharedOpgaven: 1, maxTrust: 2.5, first: 100) { a { id } b { id } trust sharedOpgaven } }`, map[string]any{"o": orgs["P1"]})
	if n := len(list(r.Data, "weakLinks")); n != 2 {
		t.Errorf("P1 has %d weak links, want 2: P1–P3 never assessed, then P1–P2 with trust 2", n)
	}
	found := false
	for _, w := range list(r.Data, "weakLinks") {
		pair := map[string]bool{name[get(w, "a.id").(string)]: true, name[get(w, "b.id").(string)]: true}
		if pair["P1"] && pair["P2"] {
			found = get(w, "trust") == float64(2) && get(w, "sharedOpgaven") == float64(1)
		}
	}
	if !found {
		t.Errorf("weakLinks lacks P1–P2 with trust 2: %v", list(r.Data, "weakLinks"))
	}

	// Export: GraphML for Gephi and the coalition's trust as JSON.
	get := func(path string) (int, []byte) {
		resp, err := a.request(http.MethodGet, path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, body
	}
	code, body := get("/export/network/graphml?theme=cultuur")
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct{} `xml:"edge"`
		} `xml:"graph"`
	}
	if code != 200 || xml.Unmarshal(body, &doc) != nil || len(doc.Graph.Nodes) != 8 || len(doc.Graph.Edges) != 8 { // 3 + 1 + 1 + 3
		t.Errorf("GraphML export: %d, %d nodes, %d edges\n%.300s", code, len(doc.Graph.Nodes), len(doc.Graph.Edges), body)
	}
	code, body = get("/export/coalition/json?opgave=" + opgaven["O1"])
	var js struct {
		Directed bool             `json:"directed"`
		Nodes    []map[string]any `json:"nodes"`
		Edges    []map[string]any `json:"edges"`
	}
	if code != 200 || json.Unmarshal(body, &js) != nil || !js.Directed || len(js.Nodes) != 3 || len(js.Edges) != 2 {
		t.Errorf("coalition export: %d %s", code, body)
	}
	for path, field := range map[string]string{
		"/export/network/pdf":                 "format",
		"/export/nope/json":                   "graph",
		"/export/coalition/json?opgave=nope":  "opgave",
		"/export/network/json?region=garbage": "region",
		"/export/network/json?theme=ruimte":   "theme",
	} {
		code, body := get(path)
		var e map[string]any
		if code != 400 || json.Unmarshal(body, &e) != nil || e["field"] != field {
			t.Errorf("GET %s = %d %s, want 400 naming %s", path, code, body, field)
		}
	}
}
