package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/server"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

// api is the real HTTP handler over the test Neo4j holding the default CBS dataset.
type api struct {
	t     testing.TB
	srv   *httptest.Server
	log   *bytes.Buffer
	db    *neo4jdb.DB
	authn *auth.Authenticator
	iss   *issuer
	cred  string // the Authorization header's credential: the admin key unless as() says otherwise
	admin string
}

var sharedAPI *api

// generous are rate limits no test reaches but the one about rate limits.
var generous = auth.Limits{PerAddress: 1e6, AddressBurst: 1e6, PerCredential: 1e6, CredBurst: 1e6}

// newAPI imports the default dataset once per test binary and serves it, with the tests' own
// token issuer, and makes an admin API key the requests use unless as() gives others.
func newAPI(t testing.TB) *api {
	t.Helper()
	if sharedAPI != nil {
		sharedAPI.t = t
		return sharedAPI
	}
	db := testneo4j.WithDefaultData(t)
	iss := newIssuer(t)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	authn, err := auth.New(context.Background(), db, auth.OIDC{Issuer: iss.srv.URL, Audience: testAudience}, log)
	if err != nil {
		t.Fatal(err)
	}
	sharedAPI = &api{t: t, srv: httptest.NewServer(server.New(db, log, server.Options{Auth: authn, Limits: generous})), log: logs, db: db, authn: authn, iss: iss}
	sharedAPI.admin = sharedAPI.key(samenspel.Admin, "")
	sharedAPI.cred = sharedAPI.admin
	return sharedAPI
}

// key makes an API key of a role for an organisation and returns it.
func (a *api) key(role samenspel.Access, org string) string {
	a.t.Helper()
	secret, _ := a.keyWithID(role, org)
	return secret
}

// as returns the same server asked with other credentials ("" is anonymous).
func (a *api) as(cred string) *api {
	b := *a
	b.cred = cred
	return &b
}

// with returns another server over the same database with other options; it is closed when the
// test ends.
func (a *api) with(t testing.TB, opts server.Options) *api {
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	if opts.Auth == nil {
		opts.Auth = a.authn
	}
	if opts.Limits == (auth.Limits{}) {
		opts.Limits = generous
	}
	b := *a
	b.t, b.srv, b.log = t, httptest.NewServer(server.New(a.db, log, opts)), logs
	t.Cleanup(b.srv.Close)
	return &b
}

// request sends a request with the api's credentials.
func (a *api) request(method, path, contentType string, body []byte) (*http.Response, error) {
	req, err := http.NewRequest(method, a.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if a.cred != "" {
		req.Header.Set("Authorization", "Bearer "+a.cred)
	}
	return http.DefaultClient.Do(req)
}

// post sends a body to /graphql with a content type and returns the status, headers and body.
func (a *api) post(contentType string, body []byte) (int, http.Header, []byte) {
	a.t.Helper()
	resp, err := a.request(http.MethodPost, "/graphql", contentType, body)
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
	resp, err := a.request(http.MethodPost, "/graphql", "application/json", body)
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
		a.t.Fatalf("unexpected errors: %s\nserver log errors:\n%s", r.raw, a.errorLog())
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

// errorLog returns the error lines of the server's log.
func (a *api) errorLog() string {
	var out []string
	for _, l := range strings.Split(a.log.String(), "\n") {
		if strings.Contains(l, `"level":"ERROR"`) || strings.Contains(l, `"level":"WARN"`) {
			out = append(out, l)
		}
	}
	if len(out) > 10 {
		out = out[len(out)-10:]
	}
	return strings.Join(out, "\n")
}

// keyWithID is key that also returns the key's id.
func (a *api) keyWithID(role samenspel.Access, org string) (secret, id string) {
	a.t.Helper()
	secret, hash, id := auth.NewKey()
	ctx := samenspel.WithCaller(context.Background(), samenspel.System("test"))
	if _, err := a.db.CreateAPIKey(ctx, samenspel.APIKey{ID: id, Name: "test " + string(role), Organisation: org, Access: role, Hash: hash}); err != nil {
		a.t.Fatal(err)
	}
	return secret, id
}
