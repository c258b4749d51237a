package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

func env(extra map[string]string) func(string) string {
	return func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
}

func TestHelpAndUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"help"}, env(nil), &out, &errOut); code != 0 || !strings.Contains(out.String(), "NEO4J_URI") {
		t.Errorf("help: code %d, output %q", code, out.String())
	}
	if code := run(context.Background(), []string{"frobnicate"}, env(nil), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: code %d, stderr %q", code, errOut.String())
	}
}

func TestImportDryRunReportsBadRow(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("manifest.json", `{"name": "test", "files": [{"path": "d.csv", "format": "divisions"}, {"path": "m.csv", "format": "memberships", "vintage": "2026-01-01"}]}`)
	write("d.csv", "division_key,division_name,region_code,region_name\nggd_regio,GGD-regio's,GG3406,GGD Amsterdam\n")
	write("m.csv", "municipality_code,municipality_name,ggd_regio\nGM0363,Amsterdam,GG3406\nGM0362,Amstelveen,GG9999\n")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"import", "--dry-run", filepath.Join(dir, "manifest.json")}, env(nil), &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "m.csv:3:3") || !strings.Contains(errOut.String(), `"GG9999"`) {
		t.Errorf("code %d, stderr %q; want exit 1 naming m.csv:3:3 and GG9999", code, errOut.String())
	}
}

// TestImportCommandIsIdempotent runs the real import command twice against the test Neo4j.
func TestImportCommandIsIdempotent(t *testing.T) {
	testneo4j.Empty(t)
	for i, want := range []string{"nodes created", "nothing changed"} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"import"}, env(nil), &out, &errOut); code != 0 {
			t.Fatalf("import %d: exit %d: %s", i+1, code, errOut.String())
		}
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "CC BY 4.0") {
			t.Errorf("import %d printed %q, want %q and the attribution", i+1, out.String(), want)
		}
	}
}

// TestServeImportsAndShutsDownGracefully starts the real service on a free port against an empty
// database: it must import the default dataset, answer, and stop cleanly when its context ends.
func TestServeImportsAndShutsDownGracefully(t *testing.T) {
	testneo4j.Empty(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logR, logW := io.Pipe()
	done := make(chan int, 1)
	keyFile := filepath.Join(t.TempDir(), "admin-key")
	go func() {
		done <- run(ctx, []string{"serve"}, env(map[string]string{"SAMENSPEL_ADDR": "127.0.0.1:0", "SAMENSPEL_ADMIN_KEY_FILE": keyFile,
			"SAMENSPEL_ADMIN_ADDR": "127.0.0.1:0", "SAMENSPEL_METRICS_ADDR": "127.0.0.1:0"}), io.Discard, logW)
		logW.Close()
	}()
	addr, adminAddr, metricsAddr := "", "", ""
	sc := bufio.NewScanner(logR)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			t.Fatalf("log line is not JSON: %s", sc.Text())
		}
		if line["msg"] == "serving profiles and metrics" {
			adminAddr, _ = line["admin_addr"].(string)
		}
		if line["msg"] == "serving metrics for Prometheus" {
			metricsAddr, _ = line["metrics_addr"].(string)
		}
		if line["msg"] == "serving" {
			addr = line["addr"].(string)
			break
		}
	}
	go io.Copy(io.Discard, logR)
	if addr == "" {
		t.Fatal("the service did not report its address")
	}
	resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ organisation(code: \"GM0014\") { name } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"name":"Groningen"`) {
		t.Errorf("GraphQL answered %s", body)
	}
	// Profiles and metrics on the admin address, metrics on the metrics address, both without
	// credentials; the metrics count the query above. On the service's address only admins read them.
	for _, u := range []struct{ addr, path, want string }{
		{adminAddr, "/debug/pprof/", "goroutine"},
		{adminAddr, "/metrics", `samenspel_graphql_requests_total{operation="query anonymous",outcome="ok"} 1`},
		{metricsAddr, "/metrics", `samenspel_graphql_requests_total{operation="query anonymous",outcome="ok"} 1`},
	} {
		resp, err := http.Get("http://" + u.addr + u.path)
		if err != nil {
			t.Fatalf("%q: %v", u.addr, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), u.want) {
			t.Errorf("%s%s lacks %q", u.addr, u.path, u.want)
		}
	}
	if resp, err := http.Get("http://" + addr + "/metrics"); err != nil {
		t.Error(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/metrics on the service's address without credentials: %d, want 401", resp.StatusCode)
	}
	// A new database gets an admin key, in a file only its owner reads.
	st, err := os.Stat(keyFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("admin key file: %v %v", st, err)
	}
	key, _ := os.ReadFile(keyFile)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", strings.NewReader(`{"query":"{ me { role via } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(key)))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"role":"admin"`) {
		t.Errorf("the admin key from the file: %s", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after its context ended, want 0", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// TestAPIKeyCommands: create prints the key once, list shows it without the key, revoke ends it,
// and audit export holds the changes.
func TestAPIKeyCommands(t *testing.T) {
	testneo4j.WithDefaultData(t)
	cli := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, env(nil), &out, &errOut)
		return code, out.String(), errOut.String()
	}
	code, key, msg := cli("apikey", "create", "--org", "GM0363", "--role", "analyst", "--name", "dashboard provincie", "--expires-days", "30")
	key = strings.TrimSpace(key)
	if code != 0 || !strings.HasPrefix(key, "ssk_") || !strings.Contains(msg, "shown this once") {
		t.Fatalf("create: exit %d, stdout %q, stderr %q", code, key, msg)
	}
	id := strings.Fields(strings.TrimPrefix(msg, "made API key "))[0]
	code, listed, _ := cli("apikey", "list")
	if code != 0 || !strings.Contains(listed, id) || !strings.Contains(listed, "dashboard provincie") || strings.Contains(listed, key) {
		t.Errorf("list: exit %d\n%s", code, listed)
	}
	if code, _, msg := cli("apikey", "create", "--org", "GM0363", "--role", "superuser", "--name", "x"); code == 0 || !strings.Contains(msg, "-role") {
		t.Errorf("an unknown role: exit %d, %q", code, msg)
	}
	if code, out, msg := cli("apikey", "revoke", id); code != 0 || !strings.Contains(out, "revoked "+id) {
		t.Errorf("revoke: exit %d, %q %q", code, out, msg)
	}
	_, listed, _ = cli("apikey", "list")
	for _, line := range strings.Split(listed, "\n") {
		if strings.HasPrefix(line, id) && len(strings.Fields(line)) < 9 {
			t.Errorf("the revoked key has no revoke date: %q", line)
		}
	}
	code, audit, msg := cli("audit", "export")
	if code != 0 || !strings.Contains(audit, `"revokeApiKey"`) {
		t.Errorf("audit export: exit %d, stderr %q, no revokeApiKey event in\n%.500s", code, msg, audit)
	}
	for _, line := range strings.Split(strings.TrimSpace(audit), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("audit export line is not JSON: %q", line)
		}
	}
}

// TestWorkbookCommands: template, import (dry run, real, again), export and re-import, from the
// command line against the test Neo4j.
func TestWorkbookCommands(t *testing.T) {
	testneo4j.WithDefaultData(t)
	dir := t.TempDir()
	sh := func(wantCode int, args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(context.Background(), args, env(nil), &out, &errOut); code != wantCode {
			t.Fatalf("%v: exit %d, want %d: %s %s", args, code, wantCode, out.String(), errOut.String())
		}
		return out.String() + errOut.String()
	}
	tpl := filepath.Join(dir, "leeg.xlsx")
	if out := sh(0, "template", tpl); !strings.Contains(out, "wrote "+tpl) {
		t.Errorf("template: %s", out)
	}
	if out := sh(0, "import", "--dry-run", tpl); !strings.Contains(out, "dry run") {
		t.Errorf("the empty template, dry run: %s", out)
	}
	key := time.Now().Format("150405.000")
	opgaven := filepath.Join(dir, "opgaven.csv")
	os.WriteFile(opgaven, []byte("Beheerder;Sleutel;Titel;Doel;Thema 1;Schaal;Start;Gebied\n"+
		"GM0344;CLI-"+key+";Fietsroute Utrecht "+key+";12 km snelfietspad in 2027;mobiliteit;LOKAAL;2025-01-01;GM0344\n"), 0o644)
	if out := sh(0, "import", "--dry-run", opgaven); !strings.Contains(out, "1 created") || !strings.Contains(out, "nothing was written") {
		t.Errorf("dry run: %s", out)
	}
	if out := sh(0, "import", opgaven); !strings.Contains(out, "1 created") || !strings.Contains(out, "imported in") {
		t.Errorf("import: %s", out)
	}
	if out := sh(0, "import", opgaven); !strings.Contains(out, "nothing changed") {
		t.Errorf("second import: %s", out)
	}
	export := filepath.Join(dir, "register.xlsx")
	if out := sh(0, "export", "-format", "xlsx", "-o", export); !strings.Contains(out, "wrote "+export) {
		t.Errorf("export: %s", out)
	}
	if out := sh(0, "import", export); !strings.Contains(out, "nothing changed") {
		t.Errorf("the export imported again: %s", out)
	}
	bad := filepath.Join(dir, "rollen.csv")
	os.WriteFile(bad, []byte("Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van\nGM0344,R-"+key+",CLI-"+key+",GM0344,TREKER,AMBTELIJK,2025-01-01\n"), 0o644)
	if out := sh(1, "import", bad); !strings.Contains(out, `nothing was written`) || !strings.Contains(out, `rollen.csv:Rollen:2:E (Type): "TREKER" is not one of TREKKER`) {
		t.Errorf("a bad row: %s", out)
	}
}

// TestSummaryCommand: the joint result of an opgave as Markdown and as HTML, and a clear error for
// an unknown opgave.
func TestSummaryCommand(t *testing.T) {
	db := testneo4j.WithDefaultData(t)
	ctx := samenspel.WithCaller(context.Background(), samenspel.System("test"))
	o, err := db.CreateOpgave(ctx, samenspel.OpgaveInput{Title: "Samenvatting " + t.Name(), Goal: "Resultaat delen", Themes: []string{"wonen"}, Scale: "LOKAAL",
		Area: samenspel.Area{Gemeenten: []string{"GM0363"}}})
	if err != nil {
		t.Fatal(err)
	}
	achieved := samenspel.TodayIn(ctx).AddDays(-10)
	if _, err := db.RecordResult(ctx, samenspel.ResultInput{OpgaveID: o.ID, Title: "Convenant getekend", PlannedDate: achieved, AchievedDate: &achieved,
		Contributions: []samenspel.Contribution{{OrganisationID: "GM0363", Description: "trok het overleg"}}}); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, env(nil), &out, &errOut)
		return code, out.String(), errOut.String()
	}
	code, md, msg := cli("summary", "-opgave", o.ID)
	if code != 0 || !strings.Contains(md, "# Gezamenlijk resultaat: Samenvatting") || !strings.Contains(md, "- Convenant getekend: trok het overleg") {
		t.Errorf("markdown: exit %d, stderr %q\n%s", code, msg, md)
	}
	file := filepath.Join(t.TempDir(), "summary.html")
	if code, out, msg := cli("summary", "-opgave", o.ID, "-format", "html", "-o", file); code != 0 || !strings.Contains(out, "wrote the summary") {
		t.Errorf("html: exit %d, %q %q", code, out, msg)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.Contains(string(b), "<h1>Gezamenlijk resultaat: Samenvatting") {
		t.Errorf("the HTML file: %v\n%.300s", err, b)
	}
	if code, _, msg := cli("summary", "-opgave", "no-such-opgave"); code != 1 || !strings.Contains(msg, `no opgave has id "no-such-opgave"`) {
		t.Errorf("an unknown opgave: exit %d, %q", code, msg)
	}
	if code, _, msg := cli("summary", "-opgave", o.ID, "-format", "pdf"); code != 1 || !strings.Contains(msg, "-format") {
		t.Errorf("an unknown format: exit %d, %q", code, msg)
	}
}
