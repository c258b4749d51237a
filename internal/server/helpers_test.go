package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/server"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

// api is the real HTTP handler over the test Neo4j holding the default CBS dataset.
type api struct {
	t   testing.TB
	srv *httptest.Server
	log *bytes.Buffer
	db  *neo4jdb.DB
}

var sharedAPI *api

// newAPI imports the default dataset once per test binary and serves it.
func newAPI(t testing.TB) *api {
	t.Helper()
	if sharedAPI != nil {
		sharedAPI.t = t
		return sharedAPI
	}
	db := testneo4j.WithDefaultData(t)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	sharedAPI = &api{t: t, srv: httptest.NewServer(server.New(db, log, server.Options{})), log: logs, db: db}
	return sharedAPI
}

// with returns another server over the same database with other options; it is closed when the
// test ends.
func (a *api) with(t testing.TB, opts server.Options) *api {
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	b := &api{t: t, srv: httptest.NewServer(server.New(a.db, log, opts)), log: logs, db: a.db}
	t.Cleanup(b.srv.Close)
	return b
}

// post sends a body to /graphql with a content type and returns the status, headers and body.
func (a *api) post(contentType string, body []byte) (int, http.Header, []byte) {
	a.t.Helper()
	resp, err := http.Post(a.srv.URL+"/graphql", contentType, bytes.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, raw
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data       map[string]any `json:"data"`
	Errors     []gqlError     `json:"errors"`
	Extensions struct {
		CypherRoundTrips int `json:"cypherRoundTrips"`
	} `json:"extensions"`
	raw []byte
}

// query posts a GraphQL query and decodes the answer.
func (a *api) query(query string, vars map[string]any) gqlResponse {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		a.t.Fatalf("response is not JSON: %v\n%s", err, raw)
	}
	out.raw = raw
	return out
}

// mustQuery is query that fails the test on any GraphQL error.
func (a *api) mustQuery(query string, vars map[string]any) gqlResponse {
	a.t.Helper()
	r := a.query(query, vars)
	if len(r.Errors) > 0 {
		a.t.Fatalf("unexpected errors: %s", r.raw)
	}
	return r
}

// get walks a decoded JSON value along a dotted path ("organisation.regions.0.id").
func get(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i := 0
			for _, c := range p {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func list(v any, path string) []any {
	l, _ := get(v, path).([]any)
	return l
}
