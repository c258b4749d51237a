package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/server"
)

// replica starts a second Samenspel over the same Neo4j with a connection pool, an authenticator
// and caches of its own, as a second machine behind a load balancer would have.
func (a *api) replica(t *testing.T) *api {
	t.Helper()
	db, err := neo4jdb.Open(t.Context(), neo4jdb.Config{URI: os.Getenv("NEO4J_URI"), User: os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	authn, err := auth.New(t.Context(), db, auth.OIDC{Issuer: a.iss.srv.URL, Audience: testAudience}, log)
	if err != nil {
		t.Fatal(err)
	}
	b := *a
	b.t, b.db, b.authn, b.log = t, db, authn, logs
	b.srv = httptest.NewServer(server.New(db, log, server.Options{Auth: authn, Limits: generous}))
	t.Cleanup(b.srv.Close)
	return &b
}

// send posts a query with extra headers and returns the status, the response's headers and body.
func (a *api) send(query string, vars map[string]any, header http.Header) (int, http.Header, gqlResponse) {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if a.cred != "" {
		req.Header.Set("Authorization", "Bearer "+a.cred)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r gqlResponse
	json.Unmarshal(raw, &r)
	r.raw = raw
	return resp.StatusCode, resp.Header, r
}

// TestTwoReplicas: two replicas on one Neo4j. A write on one invalidates the other's cached
// network; the write's bookmark, carried by the client, is accepted by the other; garbled
// bookmarks are refused with a clear error; each replica counts its requests in /metrics.
func TestTwoReplicas(t *testing.T) {
	a := newAPI(t)
	b := a.replica(t)

	orgs := map[string]string{}
	for _, n := range []string{"R1", "R2", "R3"} {
		orgs[n] = a.mutate("createOrganisation.id", `mutation($n: String!) { createOrganisation(input: {name: $n, kind: PARTNER}) { id } }`,
			map[string]any{"n": "Replicapartner " + n}).(string)
	}
	// A theme no other test or the demo set uses, so that the other tests' networks stay as they are.
	opgave := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Opgave over twee replica's", "goal": "Samen",
		"themes": []string{"digitalisering"}, "scale": "REGIONAAL", "status": "UITVOERING", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
	assign := func(org, typ string) (int, http.Header, gqlResponse) {
		return a.send(`mutation AddPartner($in: RoleInput!) { assignRole(input: $in) { id } }`, map[string]any{"in": map[string]any{"opgaveId": opgave,
			"organisationId": orgs[org], "type": typ, "level": "BESTUURLIJK", "from": "2024-01-01"}}, nil)
	}
	assign("R1", "TREKKER")
	assign("R2", "DEELNEMER")

	netQ := `query ReplicaNetwork($id: ID!) { collaborationNetwork(filter: {opgave: $id}) { cached nodes { organisation { id } } } }`
	vars := map[string]any{"id": opgave}
	nodes := func(r gqlResponse) int { return len(list(r.Data, "collaborationNetwork.nodes")) }
	if r := b.mustQuery(netQ, vars); nodes(r) != 2 {
		t.Fatalf("replica B before the write: %s", r.raw)
	}
	if r := b.mustQuery(netQ, vars); get(r.Data, "collaborationNetwork.cached") != true {
		t.Fatalf("replica B did not cache its network: %s", r.raw)
	}

	status, header, r := assign("R3", "DEELNEMER")
	bookmark := header.Get(neo4jdb.BookmarkHeader)
	if status != http.StatusOK || len(r.Errors) > 0 || bookmark == "" {
		t.Fatalf("a write on replica A: %d, bookmark %q: %s", status, bookmark, r.raw)
	}
	status, _, r = b.send(netQ, vars, http.Header{neo4jdb.BookmarkHeader: {bookmark}})
	if status != http.StatusOK || len(r.Errors) > 0 || nodes(r) != 3 || get(r.Data, "collaborationNetwork.cached") != false {
		t.Errorf("replica B after the write on A, with its bookmark: %d %s", status, r.raw)
	}
	if _, h, _ := b.send(netQ, vars, nil); h.Get(neo4jdb.BookmarkHeader) != "" {
		t.Error("a read gave out a bookmark")
	}

	for _, bad := range []string{"not a bookmark!", strings.Repeat("A", 600)} {
		status, _, r := b.send(netQ, vars, http.Header{neo4jdb.BookmarkHeader: {bad}})
		if status != http.StatusBadRequest || !strings.Contains(string(r.raw), neo4jdb.BookmarkHeader) {
			t.Errorf("bookmark %.20q: %d %s", bad, status, r.raw)
		}
	}

	// Anonymous callers never write, so they send no bookmarks (a bookmark makes Neo4j wait).
	if status, _, r := b.as("").send(netQ, vars, http.Header{neo4jdb.BookmarkHeader: {bookmark}}); status != http.StatusBadRequest || !strings.Contains(string(r.raw), "signed-in") {
		t.Errorf("an anonymous request with a bookmark: %d %s", status, r.raw)
	}
	// Well-formed but never given out: Neo4j refuses it, and the client is told which header.
	if _, _, r := b.send(netQ, vars, http.Header{neo4jdb.BookmarkHeader: {"FB:kcwQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}); len(r.Errors) != 1 ||
		r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != neo4jdb.BookmarkHeader {
		t.Errorf("an unknown bookmark: %s", r.raw)
	}

	scrape := func(x *api) string {
		resp, err := x.as(a.admin).request(http.MethodGet, "/metrics", "", nil) // admins only on the service's address
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return string(raw)
	}
	ma, mb := scrape(a), scrape(b)
	for _, want := range []string{`samenspel_graphql_requests_total{operation="mutation AddPartner",outcome="ok"}`,
		"samenspel_cypher_round_trips_per_request_count", "samenspel_neo4j_pool_size 50"} {
		if !strings.Contains(ma, want) {
			t.Errorf("replica A's metrics lack %s", want)
		}
	}
	if strings.Contains(mb, `operation="mutation AddPartner"`) {
		t.Error("replica B counts replica A's requests")
	}
	for _, want := range []string{`samenspel_graphql_requests_total{operation="query ReplicaNetwork",outcome="ok"} 4`, `samenspel_graphql_requests_total{operation="query ReplicaNetwork",outcome="bad_user_input"} 1`,
		"samenspel_network_cache_hits_total 2", "samenspel_network_cache_misses_total 2"} {
		if !strings.Contains(mb, want) {
			t.Errorf("replica B's metrics lack %s", want)
		}
	}
}
