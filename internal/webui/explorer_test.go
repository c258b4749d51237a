package webui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/demo"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/server"
	"github.com/samenspel/samenspel/internal/testneo4j"
	"github.com/samenspel/samenspel/internal/webui"
)

// TestExplorerInBrowser runs the explorer's end-to-end tests (web/e2e, Playwright in Debian's
// Chromium) against the real service over the real Neo4j with the default data and the demo set,
// as `make run` serves them. It fails when Chromium, the build or Neo4j is missing; it never skips.
// E2E_ARGS passes arguments to Playwright (e.g. E2E_ARGS="e2e/search.spec.ts"). E2E_DEMO_SCALE
// (default 1) sets the demo set's scale; the specs see it too (the network page's draw time is
// written per scale). To measure the network page at scale 10:
//
//	make build && E2E_DEMO_SCALE=10 E2E_ARGS="e2e/network.spec.ts" bin/samenspel with-neo4j -- go test -count=1 -run TestExplorerInBrowser -v ./internal/webui/
func TestExplorerInBrowser(t *testing.T) {
	if !webui.Built() {
		t.Fatal("the explorer is not built into the binary: run `make test` (make build runs the Vite build)")
	}
	db := testneo4j.WithDefaultData(t)
	ctx := context.Background()
	w, err := db.DemoWorld(ctx, samenspel.NewDate(2025, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	scale := 1
	if s := os.Getenv("E2E_DEMO_SCALE"); s != "" {
		if scale, err = strconv.Atoi(s); err != nil || scale < 1 {
			t.Fatalf("E2E_DEMO_SCALE=%q: want a whole number from 1", s)
		}
	}
	if err := db.ReplaceDemo(ctx, demo.Generate(w, 1, scale), nil); err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	authn, err := auth.New(ctx, db, auth.OIDC{}, log)
	if err != nil {
		t.Fatal(err)
	}
	limits := auth.Limits{PerAddress: 1e6, AddressBurst: 1e6, PerCredential: 1e6, CredBurst: 1e6}
	srv := httptest.NewServer(server.New(db, log, server.Options{Auth: authn, Limits: limits}))
	defer srv.Close()

	env := append(os.Environ(), "SAMENSPEL_URL="+srv.URL)
	for _, k := range []struct {
		role samenspel.Access
		org  string
	}{{samenspel.Viewer, "GM0344"}, {samenspel.Editor, "GM0344"}, {samenspel.Analyst, "PV26"}, {samenspel.Admin, ""}} {
		secret, hash, id := auth.NewKey()
		sys := samenspel.WithCaller(ctx, samenspel.System("e2e"))
		if _, err := db.CreateAPIKey(sys, samenspel.APIKey{ID: id, Name: "e2e " + string(k.role), Organisation: k.org, Access: k.role, Hash: hash}); err != nil {
			t.Fatal(err)
		}
		env = append(env, fmt.Sprintf("SAMENSPEL_E2E_%s_KEY=%s", strings.ToUpper(string(k.role)), secret))
	}

	args := []string{"playwright", "test"}
	if extra := strings.Fields(os.Getenv("E2E_ARGS")); len(extra) > 0 {
		args = append(args, extra...)
	}
	webDir, _ := filepath.Abs("../../web")
	os.RemoveAll(filepath.Join(webDir, "test-results"))
	cmd := exec.Command("npx", args...)
	cmd.Dir, cmd.Env = webDir, env
	out := &bytes.Buffer{}
	cmd.Stdout = io.MultiWriter(os.Stdout, out)
	cmd.Stderr = io.MultiWriter(os.Stderr, out)
	start := time.Now()
	err = cmd.Run()
	t.Logf("Playwright ran for %s", time.Since(start).Round(time.Second))
	reportAxe(t, filepath.Join(webDir, "test-results", "axe"))
	reportFigures(t, filepath.Join(webDir, "test-results", "figures"))
	if err != nil {
		t.Fatalf("the end-to-end tests failed (%v); the service's log:\n%s", err, tail(logs.String(), 4000))
	}
}

// reportAxe prints axe-core's findings per page (the tests fail on serious or critical ones).
func reportAxe(t *testing.T, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	sort.Strings(files)
	for _, f := range files {
		var r struct {
			Page   string         `json:"page"`
			Passes int            `json:"passes"`
			Counts map[string]int `json:"counts"`
		}
		if b, err := os.ReadFile(f); err == nil && json.Unmarshal(b, &r) == nil {
			t.Logf("axe %-28s rules passed %3d, violations (nodes) by impact: %v", r.Page, r.Passes, r.Counts)
		}
	}
}

// reportFigures prints the figures the tests measured (e.g. the time to draw the network).
func reportFigures(t *testing.T, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			t.Logf("%s: %s", strings.TrimSuffix(filepath.Base(f), ".txt"), strings.TrimSpace(string(b)))
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// TestPages: the app's own paths get the page (with a policy that allows nothing from elsewhere),
// other paths a 404, hashed assets a year's cache.
func TestPages(t *testing.T) {
	if !webui.Built() {
		t.Fatal("the explorer is not built: run `make build`")
	}
	h := webui.New()
	for _, p := range []string{"/", "/gemeente/GM0344", "/organisatie/demo-org-roc-sudwest-fryslan", "/aanmelden", "/regio/veiligheidsregio/VR09", "/vergelijk", "/netwerk", "/vertrouwen", "/opgave/demo-opgave-000052", "/opgave/nieuw", "/opgave/demo-opgave-000052/bewerken", "/spreadsheet", "/lessen"} {
		rec := httptest.NewRecorder()
		h.App().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<div id="root">`) {
			t.Errorf("GET %s = %d, want the app's page", p, rec.Code)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q does not keep the page to the service's own origin", p, csp)
		}
	}
	for _, p := range []string{"/nope", "/gemeente/", "/graphqlx", "/vergelijken", "/regio/", "/opgave/"} {
		rec := httptest.NewRecorder()
		h.App().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != 404 {
			t.Errorf("GET %s = %d, want 404", p, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	h.GraphiQL().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphiql", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="graphiql"`) {
		t.Errorf("GET /graphiql = %d, want the bundled GraphiQL", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "http://") || strings.Contains(rec.Body.String(), "https://") {
		t.Error("the GraphiQL page refers to another site")
	}
}
