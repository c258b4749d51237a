package server_test

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
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/server"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

// cypher runs a statement on the test database directly, for checks the API does not offer.
func cypher(t testing.TB, uri, stmt string, params map[string]any) []*neo4j.Record {
	t.Helper()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	res, err := neo4j.ExecuteQuery(context.Background(), d, stmt, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	return res.Records
}

// ourTransactions lists the transactions of this service still running on the server.
func ourTransactions(t testing.TB) []string {
	var out []string
	for _, r := range cypher(t, os.Getenv("NEO4J_URI"), `SHOW TRANSACTIONS YIELD metaData, currentQuery, status
		WHERE metaData.app = 'samenspel' RETURN metaData.operation AS op, status`, nil) {
		out = append(out, fmt.Sprintf("%v (%v)", r.Values[0], r.Values[1]))
	}
	return out
}

// waitNoTransactions waits up to d for the service's transactions to end and reports those left.
func waitNoTransactions(t testing.TB, d time.Duration) []string {
	deadline := time.Now().Add(d)
	for {
		left := ourTransactions(t)
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestDeadlineEndsWork(t *testing.T) {
	a := withDemo(t).with(t, server.Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	r := a.query(`{ opgaven(first: 100) { edges { node { connected(maxDepth: 3, first: 100) { depth opgave { title } } } } } }`, nil)
	took := time.Since(start)
	deadline := false
	for _, e := range r.Errors {
		deadline = deadline || e.Extensions["code"] == "DEADLINE_EXCEEDED"
	}
	if !deadline {
		t.Fatalf("want DEADLINE_EXCEEDED, got %.400s", r.raw)
	}
	if took > 1300*time.Millisecond {
		t.Errorf("the answer came after %v; the deadline is 300 ms", took)
	}
	if left := waitNoTransactions(t, time.Second); len(left) > 0 {
		t.Errorf("transactions still running a second after the deadline: %v", left)
	}
	t.Logf("answered after %v with %d errors", took.Round(time.Millisecond), len(r.Errors))
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestDisconnectStopsWork(t *testing.T) {
	a := withDemo(t).with(t, server.Options{Timeout: time.Minute, CostLimit: 10_000_000})
	// Natural partners of natural partners of 100 gemeenten: a million objects, tens of seconds
	// of work when nobody stops it (the cost limit would refuse it; this server allows it).
	q := `{ organisations(first: 100) { edges { node { naturalPartners(first: 100) { organisation {
		naturalPartners(first: 100) { organisation { name code } sharedRegions } } } } } } }`
	body, _ := json.Marshal(map[string]any{"query": q})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, a.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+a.cred)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		done <- err
	}()
	time.Sleep(700 * time.Millisecond)
	busy := ourTransactions(t)
	cancel()
	<-done
	gone := time.Now()

	// Within a second the handler has returned (its log line is written) and Neo4j runs nothing of ours.
	for !strings.Contains(a.log.String(), `"canceled":true`) {
		if time.Since(gone) > time.Second {
			t.Fatalf("the request was still being served a second after the client went away; log:\n%s", a.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if left := waitNoTransactions(t, time.Second-time.Since(gone)); len(left) > 0 {
		t.Errorf("transactions still running a second after the client went away: %v", left)
	}
	// And the process is idle: less than a tenth of a core over the next half second.
	before := cpuTime()
	time.Sleep(500 * time.Millisecond)
	if used := cpuTime() - before; used > 50*time.Millisecond {
		t.Errorf("the process used %v of CPU in the half second after the work should have stopped", used)
	}
	// A client that hangs up is no error of ours: no ERROR line (once there was one per pending field).
	if strings.Contains(a.log.String(), `"level":"ERROR"`) {
		t.Errorf("the disconnect was logged as an error:\n%s", a.log.String())
	}
	t.Logf("running while the client waited: %v; stopped %v after the client went away", busy, time.Since(gone).Round(time.Millisecond))
}

func TestConcurrentCreatesWithOneClientKey(t *testing.T) {
	a := withDemo(t)
	opgave := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Retries", "goal": "Eén keer",
		"themes": []string{"wonen"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}})
	person := a.mutate("createPerson.id", `mutation { createPerson(input: {name: "Retry Persoon", organisationId: "GM0363"}) { id } }`, nil)
	creates := map[string]struct {
		query string
		vars  func(key string) map[string]any
		label string
	}{
		"createOpgave": {createOpgave, func(k string) map[string]any {
			return map[string]any{"in": map[string]any{"clientKey": k, "title": "Gelijktijdig", "goal": "Een", "themes": []string{"wonen"},
				"scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}
		}, "Opgave"},
		"createPerson": {`mutation($k: String) { createPerson(input: {clientKey: $k, name: "Gelijk", organisationId: "GM0363"}) { id } }`,
			func(k string) map[string]any { return map[string]any{"k": k} }, "Person"},
		"createOrganisation": {`mutation($k: String) { createOrganisation(input: {clientKey: $k, name: "Gelijk BV", kind: PARTNER}) { id } }`,
			func(k string) map[string]any { return map[string]any{"k": k} }, "Organisation"},
		"createInstrument": {`mutation($k: String) { createInstrument(input: {clientKey: $k, name: "Gelijk fonds", type: BUDGET}) { id } }`,
			func(k string) map[string]any { return map[string]any{"k": k} }, "Instrument"},
		"assignRole": {`mutation($k: String, $o: ID!, $p: ID) { assignRole(input: {clientKey: $k, opgaveId: $o, organisationId: "GM0363", personId: $p, type: DEELNEMER, level: AMBTELIJK}) { id } }`,
			func(k string) map[string]any { return map[string]any{"k": k, "o": opgave, "p": person} }, "Role"},
		"recordTrustAssessment": {`mutation($k: String, $o: ID) { recordTrustAssessment(input: {clientKey: $k, from: "GM0363", to: "GM0344", score: 4, opgaveId: $o, recordedBy: "test"}) { id } }`,
			func(k string) map[string]any { return map[string]any{"k": k, "o": opgave} }, "TrustAssessment"},
	}
	for name, c := range creates {
		t.Run(name, func(t *testing.T) {
			a.t = t
			key := "concurrent-" + name + fmt.Sprint(time.Now().UnixNano())
			ids := make([]string, 20)
			raws := make([][]byte, 20)
			var wg sync.WaitGroup
			for i := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body, _ := json.Marshal(map[string]any{"query": c.query, "variables": c.vars(key)})
					resp, err := a.request(http.MethodPost, "/graphql", "application/json", body)
					if err != nil {
						return
					}
					defer resp.Body.Close()
					raws[i], _ = io.ReadAll(resp.Body)
					var r struct {
						Data map[string]struct{ ID string } `json:"data"`
					}
					json.Unmarshal(raws[i], &r)
					ids[i] = r.Data[name].ID
				}()
			}
			wg.Wait()
			for i, id := range ids {
				if id == "" || id != ids[0] {
					t.Fatalf("answer %d: %s; want every retry to answer the first result (%s)", i, raws[i], ids[0])
				}
			}
			n := cypher(t, os.Getenv("NEO4J_URI"), "MATCH (x:"+c.label+") WHERE x.clientKey ENDS WITH ':' + $k RETURN count(x)", map[string]any{"k": key})[0].Values[0]
			if n != int64(1) {
				t.Errorf("%d %s nodes with the client key, want 1", n, c.label)
			}
		})
	}
}

// TestOutage kills the service's Neo4j under a load of reads and writes and restarts it: while it
// is down every request fails within about two seconds with SERVICE_UNAVAILABLE (HTTP 503 with
// Retry-After) and /readyz says so; within five seconds of Neo4j being back the service answers
// again without a restart; and every write that was acknowledged exists exactly once.
func TestOutage(t *testing.T) {
	dir := t.TempDir()
	inst := testneo4j.Start(t, dir, 0)
	port := strings.TrimPrefix(inst.URI, "bolt://127.0.0.1:")
	var logs syncBuffer
	db, err := neo4jdb.Open(context.Background(), neo4jdb.Config{URI: inst.URI, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	if err := db.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The writes are an admin's; this server has no sign-in of its own.
	srv := httptest.NewServer(server.New(db, slog.New(slog.DiscardHandler), server.Options{Limits: generous,
		RequestContext: func(ctx context.Context) context.Context {
			return samenspel.WithCaller(ctx, samenspel.System("outage test"))
		}}))
	defer srv.Close()

	do := func(query string, vars map[string]any) answer {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		start := time.Now()
		resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			return answer{code: err.Error(), took: time.Since(start), at: start}
		}
		defer resp.Body.Close()
		var r gqlResponse
		raw, _ := io.ReadAll(resp.Body)
		json.Unmarshal(raw, &r)
		a := answer{status: resp.StatusCode, retry: resp.Header.Get("Retry-After"), took: time.Since(start), at: start}
		if len(r.Errors) > 0 {
			a.code, _ = r.Errors[0].Extensions["code"].(string)
			if a.code == "" {
				a.code = r.Errors[0].Message
			}
		}
		return a
	}
	const write = `mutation($k: String) { createOrganisation(input: {clientKey: $k, name: "Uitval", kind: PARTNER}) { id } }`
	const read = `{ organisations(first: 5, filter: {kind: [PARTNER]}) { totalCount } }`

	// Writers retry each write with its client key until it is acknowledged, as a client should.
	var mu sync.Mutex
	acked := map[string]bool{}
	var answers []answer
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				key := fmt.Sprintf("outage-%d-%d", w, i)
				for {
					select {
					case <-stop:
						return
					default:
					}
					a := do(write, map[string]any{"k": key})
					mu.Lock()
					answers = append(answers, a)
					mu.Unlock()
					if a.code == "" && a.status == 200 {
						mu.Lock()
						acked[key] = true
						mu.Unlock()
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				a := do(read, nil)
				mu.Lock()
				answers = append(answers, a)
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	time.Sleep(time.Second)
	inst.Kill()
	killed := time.Now()
	time.Sleep(3 * time.Second)

	// While it is down: fresh requests fail fast and say why.
	for _, q := range []string{read, write} {
		a := do(q, map[string]any{"k": "outage-probe"})
		if a.status != http.StatusServiceUnavailable || a.code != "SERVICE_UNAVAILABLE" || a.retry == "" {
			t.Errorf("while Neo4j is down: HTTP %d %q Retry-After %q, want 503 SERVICE_UNAVAILABLE with Retry-After", a.status, a.code, a.retry)
		}
		if a.took > 2*time.Second {
			t.Errorf("while Neo4j is down a request took %v", a.took)
		}
	}
	if resp, err := http.Get(srv.URL + "/readyz"); err != nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz while Neo4j is down: %v %v, want 503", resp.StatusCode, err)
	}

	// Back on the same data and port; the service answers again within five seconds.
	back := testneo4j.Start(t, dir, atoi(port))
	up := time.Now()
	var recovered time.Duration
	for {
		a := do(read, nil)
		if a.status == 200 && a.code == "" {
			recovered = time.Since(up)
			break
		}
		if time.Since(up) > 5*time.Second {
			t.Fatalf("the service still fails %v after Neo4j is back: HTTP %d %s", time.Since(up), a.status, a.code)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var writeRecovered time.Duration
	for {
		a := do(write, map[string]any{"k": "outage-after"})
		if a.status == 200 && a.code == "" {
			writeRecovered = time.Since(up)
			break
		}
		if time.Since(up) > 5*time.Second {
			t.Fatalf("writes still fail %v after Neo4j is back: %s", time.Since(up), a.code)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	close(stop)
	wg.Wait()

	// Every answer during the outage came within about two seconds.
	slowest := time.Duration(0)
	failed := 0
	for _, a := range answers {
		if a.at.After(killed) && a.at.Before(up) {
			if a.code != "" {
				failed++
			}
			if a.took > slowest {
				slowest = a.took
			}
			if a.took > 2500*time.Millisecond {
				t.Errorf("a request %v after the kill took %v (HTTP %d %s)", a.at.Sub(killed).Round(time.Millisecond), a.took.Round(time.Millisecond), a.status, a.code)
			}
		}
	}
	// Exactly once: every acknowledged key exists once, and no key twice.
	counts := map[string]int64{}
	for _, r := range cypher(t, back.URI, "MATCH (o:Organisation) WHERE o.clientKey CONTAINS ':outage-' RETURN last(split(o.clientKey, ':')), count(*)", nil) {
		counts[r.Values[0].(string)] = r.Values[1].(int64)
	}
	for key := range acked {
		if counts[key] != 1 {
			t.Errorf("acknowledged write %s exists %d times", key, counts[key])
		}
	}
	for key, n := range counts {
		if n > 1 {
			t.Errorf("write %s exists %d times", key, n)
		}
	}
	t.Logf("store log:\n%s", logs.String())
	t.Logf("%d acknowledged writes; %d answers during the outage (%d failed, slowest %v); reads back %v and writes %v after Neo4j",
		len(acked), countBetween(answers, killed, up), failed, slowest.Round(time.Millisecond), recovered.Round(time.Millisecond), writeRecovered.Round(time.Millisecond))
}

// syncBuffer is a buffer for logs written from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// answer is what the outage test saw of one request.
type answer struct {
	status int
	code   string
	retry  string
	took   time.Duration
	at     time.Time
}

func countBetween(as []answer, from, to time.Time) int {
	n := 0
	for _, a := range as {
		if a.at.After(from) && a.at.Before(to) {
			n++
		}
	}
	return n
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}
