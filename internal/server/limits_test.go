package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// refused posts a query and asserts that it was refused with code before any Cypher ran.
func (a *api) refused(query string, vars map[string]any, code string) gqlResponse {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	status, _, raw := a.post("application/json", body)
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		a.t.Fatalf("response is not JSON: %v\n%.300s", err, raw)
	}
	r.raw = raw
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != code {
		a.t.Fatalf("want one %s error, got (HTTP %d) %.500s", code, status, raw)
	}
	if r.Extensions.CypherRoundTrips != 0 {
		a.t.Errorf("%s: %d Cypher round trips ran before the refusal, want 0", code, r.Extensions.CypherRoundTrips)
	}
	if status != http.StatusUnprocessableEntity && code != "BAD_USER_INPUT" {
		a.t.Errorf("%s: HTTP %d, want 422", code, status)
	}
	return r
}

func TestLimitsRefuseBeforeAnyCypher(t *testing.T) {
	a := newAPI(t)

	t.Run("depth", func(t *testing.T) {
		a.t = t
		q := "name"
		for i := 0; i < 8; i++ {
			q = "regions { division { " + q + " } }"
		}
		r := a.refused(`{ organisation(code: "GM0363") { `+q+` } }`, nil, "DEPTH_LIMIT_EXCEEDED")
		if r.Errors[0].Extensions["limit"] != 15.0 || r.Errors[0].Extensions["value"].(float64) <= 15 {
			t.Errorf("extensions = %v", r.Errors[0].Extensions)
		}
	})
	t.Run("aliases", func(t *testing.T) {
		a.t = t
		var b strings.Builder
		for i := 0; i < 432; i++ {
			fmt.Fprintf(&b, "c%d: opgave(id: \"x\") { connected(maxDepth: 3, first: 100) { depth } } ", i)
		}
		a.refused("{ "+b.String()+"}", nil, "ALIAS_LIMIT_EXCEEDED")
		b.Reset()
		for i := 0; i < 500; i++ {
			fmt.Fprintf(&b, "s%d: __schema { types { name } } ", i)
		}
		a.refused("{ "+b.String()+"}", nil, "ALIAS_LIMIT_EXCEEDED")
	})
	t.Run("fields", func(t *testing.T) {
		a.t = t
		start := time.Now()
		a.refused(`{ organisation(code: "GM0363") { `+strings.Repeat("name ", 4000)+`} }`, nil, "FIELD_LIMIT_EXCEEDED")
		if d := time.Since(start); d > time.Second {
			t.Errorf("refusing 4,000 duplicated fields took %v", d)
		}
		// Fragments that spread each other multiply: counted through them, not by their text.
		q := `fragment A on Organisation { name code kind id validFrom validUntil generated }
			fragment B on Organisation { ...A ...A ...A ...A ...A ...A ...A ...A ...A ...A }
			fragment C on Organisation { ...B ...B ...B ...B ...B ...B ...B ...B ...B ...B }
			fragment D on Organisation { ...C ...C ...C ...C ...C ...C ...C ...C ...C ...C }
			{ organisation(code: "GM0363") { ...D } }`
		a.refused(q, nil, "FIELD_LIMIT_EXCEEDED")
	})
	t.Run("cost", func(t *testing.T) {
		a.t = t
		q := `{ organisations(first: 100) { edges { node { naturalPartners(first: 100) { organisation {
			naturalPartners(first: 100) { organisation { name } } } } } } } }`
		r := a.refused(q, nil, "COST_LIMIT_EXCEEDED")
		ext := r.Errors[0].Extensions
		if ext["limit"] != 100000.0 || ext["cost"].(float64) < 1e6 {
			t.Errorf("extensions = %v, want the cost (over a million) and the limit", ext)
		}
		// Three levels of regions and their members under one gemeente.
		a.refused(`{ organisation(code: "GM0344") { regions { members(first: 100) { edges { node { regions { members(first: 100) {
			edges { node { regions { members(first: 100) { edges { node { name } } } } } } } } } } } } } }`, nil, "COST_LIMIT_EXCEEDED")
		// A small query reports what it cost.
		ok := a.mustQuery(`{ organisation(code: "GM0363") { name regions { name } } }`, nil)
		var ext2 struct {
			Extensions struct{ Cost int } `json:"extensions"`
		}
		json.Unmarshal(ok.raw, &ext2)
		// organisation 1 + name 1 + regions (1 + 30 regions × name 1)
		if want := 1 + 1 + (1 + 30*1); ext2.Extensions.Cost != want {
			t.Errorf("cost of organisation { name regions { name } } = %d, want %d", ext2.Extensions.Cost, want)
		}
	})
	t.Run("inputs", func(t *testing.T) {
		a.t = t
		codes := make([]string, 150)
		for i := range codes {
			codes[i] = fmt.Sprintf("GM%04d", i)
		}
		in := map[string]any{"title": "Te groot", "goal": "Alles", "themes": []string{"wonen"}, "scale": "REGIONAAL", "area": map[string]any{"gemeenten": codes}}
		r := a.refused(createOpgave, map[string]any{"in": in}, "INPUT_LIMIT_EXCEEDED")
		if ext := r.Errors[0].Extensions; ext["field"] != "input.area.gemeenten" || ext["limit"] != 100.0 || ext["value"] != 150.0 {
			t.Errorf("extensions = %v", ext)
		}
		a.refused(`query($t: String!) { search(text: $t) { label } }`, map[string]any{"t": strings.Repeat("a", 20000)}, "INPUT_LIMIT_EXCEEDED")
		a.refused(`{ borderConflicts(divisions: [`+strings.Repeat(`"ggd_regio", `, 60)+`]) { count } }`, nil, "INPUT_LIMIT_EXCEEDED")
	})
	t.Run("tokens", func(t *testing.T) {
		a.t = t
		a.refused(`{ themes { key `+strings.Repeat("label ", 25000)+`} }`, nil, "TOKEN_LIMIT_EXCEEDED")
	})
	t.Run("body", func(t *testing.T) {
		a.t = t
		body, _ := json.Marshal(map[string]any{"query": "{ themes { key } }", "variables": map[string]any{"pad": strings.Repeat("x", 1<<20)}})
		status, _, raw := a.post("application/json", body)
		if status != http.StatusRequestEntityTooLarge || !bytes.Contains(raw, []byte("larger than")) {
			t.Errorf("a 1 MiB body: HTTP %d %.200s, want 413", status, raw)
		}
	})
}

func TestSearchTextIsBounded(t *testing.T) {
	a := newAPI(t)
	q := `query($t: String!) { search(text: $t) { label } }`
	for name, text := range map[string]string{
		"one long word":  strings.Repeat("amsterdam", 600)[:5000],
		"180 words":      strings.Repeat("utrecht ", 180),
		"201 characters": strings.Repeat("ab ", 67),
		"no words":       " -+&&|| ",
	} {
		t.Run(name, func(t *testing.T) {
			a.t = t
			a.refused(q, map[string]any{"t": text}, "BAD_USER_INPUT")
		})
	}
	a.t = t
	for _, text := range []string{`"+(`, `a\\b`, "zoë*?", strings.Repeat("x", 50), "AND OR NOT"} {
		if r := a.query(q, map[string]any{"t": text}); len(r.Errors) > 0 && r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("search %q: %s", text, r.raw)
		}
	}
}

func TestGraphQLOverHTTP(t *testing.T) {
	a := newAPI(t)
	get := func(query string) (int, http.Header, []byte) {
		resp, err := http.Get(a.srv.URL + "/graphql?query=" + url.QueryEscape(query))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		return resp.StatusCode, resp.Header, buf.Bytes()
	}
	if status, _, raw := get(`{ themes { key } }`); status != 200 || !bytes.Contains(raw, []byte("wonen")) {
		t.Errorf("query over GET: HTTP %d %.200s", status, raw)
	}
	if status, h, _ := get(`mutation { deleteOpgave(id: "x") { deleted } }`); status != http.StatusMethodNotAllowed || h.Get("Allow") != "POST" {
		t.Errorf("mutation over GET: HTTP %d, Allow %q; want 405 with Allow: POST", status, h.Get("Allow"))
	}
	if status, h, _ := a.post("text/plain", []byte(`{"query":"{ themes { key } }"}`)); status != http.StatusUnsupportedMediaType || h.Get("Accept-Post") == "" {
		t.Errorf("text/plain body: HTTP %d; want 415 with Accept-Post", status)
	}
	garbage := bytes.Repeat([]byte("<not json>"), 100000)
	status, _, raw := a.post("application/json", garbage)
	if status != http.StatusBadRequest || bytes.Contains(raw, []byte("not json")) || len(raw) > 500 {
		t.Errorf("malformed body: HTTP %d, %d bytes (%.200s); want 400 that does not echo the body", status, len(raw), raw)
	}
	req, _ := http.NewRequest(http.MethodPut, a.srv.URL+"/graphql", strings.NewReader("{}"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT: HTTP %d, want 405", resp.StatusCode)
	}
}
