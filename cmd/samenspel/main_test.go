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
	go func() {
		done <- run(ctx, []string{"serve"}, env(map[string]string{"SAMENSPEL_ADDR": "127.0.0.1:0"}), io.Discard, logW)
		logW.Close()
	}()
	addr := ""
	sc := bufio.NewScanner(logR)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			t.Fatalf("log line is not JSON: %s", sc.Text())
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
