package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/samenspel/samenspel/internal/localneo4j"
)

// settings are the suite's knobs (flags of `samenspel-bench`).
type settings struct {
	Scales   []int
	Clients  []int
	Rounds   int
	Duration time.Duration
	Warmup   time.Duration
	Heap     string
}

// measure is what one target did for one case at one scale and client count, over all rounds.
type measure struct {
	Scale      int                `json:"scale"`
	Case       string             `json:"case"`
	Target     string             `json:"target"`
	Clients    int                `json:"clients"`
	Requests   int                `json:"requests"`
	Errors     int                `json:"errors"`
	Seconds    float64            `json:"seconds"`
	ReqPerSec  float64            `json:"reqPerSec"`
	P50ms      float64            `json:"p50ms"`
	P99ms      float64            `json:"p99ms"`
	CPUms      map[string]float64 `json:"cpuMsPerRequest"` // the target's process and Neo4j's
	FirstError string             `json:"firstError,omitempty"`

	lat   []time.Duration
	ticks map[string]int64
}

// scaleRun describes the data and the processes of one scale.
type scaleRun struct {
	Scale       int                `json:"scale"`
	Demo        string             `json:"demo"`
	LoadSeconds float64            `json:"loadSeconds"`
	Equality    map[string]string  `json:"equality"` // per case: "equal (n leaves)", "no peer query", or the difference
	RSSMB       map[string]float64 `json:"rssMB"`    // each process at the end of the scale's rounds
	Failed      string             `json:"failed,omitempty"`
}

type report struct {
	Started  time.Time  `json:"started"`
	Minutes  float64    `json:"minutes"`
	Machine  string     `json:"machine"`
	Commit   string     `json:"commit"`
	Go       string     `json:"go"`
	Node     string     `json:"node"`
	Neo4j    string     `json:"neo4j"`
	Peer     string     `json:"peer"`
	Settings settings   `json:"settings"`
	Scales   []scaleRun `json:"scales"`
	Measures []*measure `json:"measures"`
	Cases    []benchCase
}

var targets = []string{"samenspel", "peer", "raw"}

func runMain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("samenspel-bench", flag.ContinueOnError)
	scales := fs.String("scales", "1,10,100", "demo-set scales to measure at (300 opgaven per unit)")
	clients := fs.String("clients", "1,16", "client counts")
	rounds := fs.Int("rounds", 2, "interleaved rounds")
	duration := fs.Duration("duration", 1500*time.Millisecond, "length of one measurement (per round, case, target and client count)")
	warmup := fs.Duration("warmup", 500*time.Millisecond, "warm-up before the first round's measurement")
	heap := fs.String("heap", "4g", "JVM heap of the benchmark's Neo4j")
	bin := fs.String("samenspel", "bin/samenspel", "the samenspel binary")
	peerDir := fs.String("peer", "bench/peer", "the peer's folder (npm ci done)")
	casesPath := fs.String("cases", "bench/cases.json", "the cases")
	out := fs.String("out", "BENCHMARKS.md", "the report")
	results := fs.String("results", "bench/results", "folder for the figures (JSON) and plots (PNG)")
	home := fs.String("home", ".neo4j", "the local Neo4j's launcher cache")
	only := fs.String("only", "", "comma-separated case names to run (default all)")
	reportOnly := fs.Bool("report", false, "only write the report again from the results folder's latest.json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *reportOnly {
		raw, err := os.ReadFile(filepath.Join(*results, "latest.json"))
		if err != nil {
			return err
		}
		var rep report
		if err := json.Unmarshal(raw, &rep); err != nil {
			return err
		}
		return writeReport(&rep, *out, *results)
	}
	cases, err := loadCases(*casesPath)
	if err != nil {
		return err
	}
	if *only != "" {
		keep := map[string]bool{}
		for _, n := range strings.Split(*only, ",") {
			keep[n] = true
		}
		var cs []benchCase
		for _, c := range cases {
			if keep[c.Name] {
				cs = append(cs, c)
			}
		}
		cases = cs
	}
	set := settings{Rounds: *rounds, Duration: *duration, Warmup: *warmup, Heap: *heap}
	if set.Scales, err = ints(*scales); err != nil {
		return fmt.Errorf("-scales: %w", err)
	}
	if set.Clients, err = ints(*clients); err != nil {
		return fmt.Errorf("-clients: %w", err)
	}
	if err := os.MkdirAll(*results, 0o755); err != nil {
		return err
	}
	rep := &report{Started: time.Now().UTC(), Machine: machine(), Commit: commit(), Go: runtime.Version(), Node: output("node", "--version"),
		Peer: peerVersions(*peerDir), Settings: set, Cases: cases}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	for _, scale := range set.Scales {
		sr, ms, err := runScale(ctx, rep, scale, set, cases, *bin, *peerDir, *casesPath, *home, self)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			// The other scales' figures still count; the report says what went wrong here.
			fmt.Printf("scale %d failed: %v\n", scale, err)
			sr.Failed = err.Error()
		}
		rep.Scales = append(rep.Scales, sr)
		rep.Measures = append(rep.Measures, ms...)
		// Written after every scale, so that a long run that is stopped keeps what it measured.
		rep.Minutes = time.Since(rep.Started).Minutes()
		raw, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(filepath.Join(*results, "latest.json"), raw, 0o644); err != nil {
			return err
		}
		if err := writeReport(rep, *out, *results); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %s and %s/ in %.1f minutes\n", *out, *results, rep.Minutes)
	return nil
}

func runScale(ctx context.Context, rep *report, scale int, set settings, cases []benchCase, bin, peerDir, casesPath, home, self string) (scaleRun, []*measure, error) {
	sr := scaleRun{Scale: scale, Equality: map[string]string{}, RSSMB: map[string]float64{}}
	dir, err := os.MkdirTemp("", "samenspel-bench-")
	if err != nil {
		return sr, nil, err
	}
	defer os.RemoveAll(dir)
	fmt.Printf("scale %d: starting Neo4j (heap %s) in %s\n", scale, set.Heap, dir)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	inst, err := localneo4j.Start(ctx, localneo4j.Options{Home: home, DataDir: filepath.Join(dir, "neo4j"), Heap: set.Heap, Log: log})
	if err != nil {
		return sr, nil, err
	}
	defer inst.Stop()
	env := []string{"NEO4J_URI=" + inst.URI, "SAMENSPEL_LOG_LEVEL=warn"}
	if rep.Neo4j == "" {
		rep.Neo4j = neo4jVersion(ctx, inst.URI)
	}

	t0 := time.Now()
	loadLog, _ := os.Create(filepath.Join(dir, "load.log"))
	defer loadLog.Close()
	if err := runCmd(ctx, loadLog, env, bin, "import"); err != nil {
		return sr, nil, err
	}
	var demoOut bytes.Buffer
	if err := runCmd(ctx, io.MultiWriter(loadLog, &demoOut), env, bin, "demo", "-seed", "1", "-scale", strconv.Itoa(scale)); err != nil {
		return sr, nil, err
	}
	sr.LoadSeconds = time.Since(t0).Seconds()
	sr.Demo = demoLine(demoOut.String())
	fmt.Printf("scale %d: data loaded in %.0f s: %s\n", scale, sr.LoadSeconds, sr.Demo)

	samAddr, peerAddr, rawAddr := freeAddr(), freeAddr(), freeAddr()
	keyFile := filepath.Join(dir, "admin-key")
	sam, err := start(ctx, "samenspel", filepath.Join(dir, "samenspel.log"), append(env, "SAMENSPEL_ADDR="+samAddr,
		"SAMENSPEL_IMPORT_IF_EMPTY=false", "SAMENSPEL_DEMO_IF_EMPTY=false", "SAMENSPEL_ADMIN_KEY_FILE="+keyFile,
		"SAMENSPEL_RATE_PER_ADDRESS=1000000000", "SAMENSPEL_RATE_PER_CREDENTIAL=1000000000"),
		answers(http.MethodGet, "http://"+samAddr+"/readyz", ""), bin, "serve")
	if err != nil {
		return sr, nil, err
	}
	defer sam.stop()
	keyRaw, err := os.ReadFile(keyFile)
	if err != nil {
		return sr, nil, fmt.Errorf("the admin key samenspel serve should have written: %w", err)
	}
	key := strings.TrimSpace(string(keyRaw))
	_, peerPort, _ := strings.Cut(peerAddr, ":")
	peer, err := start(ctx, "peer", filepath.Join(dir, "peer.log"), append(env, "PORT="+peerPort, "NODE_ENV=production"),
		answers(http.MethodPost, "http://"+peerAddr+"/graphql", `{"query":"{ __typename }"}`), "node", filepath.Join(peerDir, "server.mjs"))
	if err != nil {
		return sr, nil, err
	}
	defer peer.stop()
	raw, err := start(ctx, "raw", filepath.Join(dir, "raw.log"), env,
		answers(http.MethodGet, "http://"+rawAddr+"/ready", ""), self, "raw", "-addr", rawAddr, "-cases", casesPath, "-key", key)
	if err != nil {
		return sr, nil, err
	}
	defer raw.stop()
	pids := map[string]int{"samenspel": sam.pid(), "peer": peer.pid(), "raw": raw.pid(), "neo4j": inst.PID()}

	// The targets of each case, and the same answers first.
	reqs := map[string][]*vegeta.Target{}
	for _, t := range targets {
		reqs[t] = make([]*vegeta.Target, len(cases))
	}
	for i, c := range cases {
		h := http.Header{"Content-Type": {"application/json"}}
		if c.mutation() {
			h.Set("Authorization", "Bearer "+key)
		}
		body, _ := json.Marshal(map[string]any{"query": c.Samenspel})
		reqs["samenspel"][i] = &vegeta.Target{Method: http.MethodPost, URL: "http://" + samAddr + "/graphql", Body: body, Header: h}
		reqs["raw"][i] = &vegeta.Target{Method: http.MethodPost, URL: "http://" + rawAddr + "/case/" + strconv.Itoa(i), Header: http.Header{}}
		sData, err := ask(reqs["samenspel"][i])
		if err != nil {
			return sr, nil, fmt.Errorf("case %q: Samenspel: %w", c.Name, err)
		}
		if _, err := ask(reqs["raw"][i]); err != nil {
			return sr, nil, fmt.Errorf("case %q: raw floor: %w", c.Name, err)
		}
		if c.Peer == "" {
			sr.Equality[c.Name] = "no peer query: " + c.PeerWhy
			continue
		}
		pbody, _ := json.Marshal(map[string]any{"query": c.Peer})
		pt := &vegeta.Target{Method: http.MethodPost, URL: "http://" + peerAddr + "/graphql", Body: pbody, Header: http.Header{"Content-Type": {"application/json"}}}
		pData, err := ask(pt)
		if err != nil {
			sr.Equality[c.Name] = "peer failed, not timed: " + err.Error()
			continue
		}
		if same, n, diff := sameLeaves(sData, pData); !same {
			sr.Equality[c.Name] = "different answers, peer not timed: " + diff
		} else {
			sr.Equality[c.Name] = fmt.Sprintf("equal (%d leaves)", n)
			reqs["peer"][i] = pt
		}
		fmt.Printf("scale %d: %s: %s\n", scale, c.Name, sr.Equality[c.Name])
	}

	// Interleaved rounds.
	ms := map[string]*measure{}
	var list []*measure
	for round := range set.Rounds {
		fmt.Printf("scale %d: round %d of %d\n", scale, round+1, set.Rounds)
		for i, c := range cases {
			for k := range targets {
				t := targets[(k+round+i)%len(targets)] // a different target first each time
				tgt := reqs[t][i]
				if tgt == nil {
					continue
				}
				for _, n := range set.Clients {
					if round == 0 && set.Warmup > 0 {
						attack(ctx, tgt, n, set.Warmup, nil)
					}
					key := fmt.Sprintf("%s|%s|%d", c.Name, t, n)
					m := ms[key]
					if m == nil {
						m = &measure{Scale: scale, Case: c.Name, Target: t, Clients: n, ticks: map[string]int64{}}
						ms[key] = m
						list = append(list, m)
					}
					watch := map[string]int{t: pids[t], "neo4j": pids["neo4j"]}
					r := attack(ctx, tgt, n, set.Duration, watch)
					m.Requests += r.ok
					m.Errors += r.errs
					m.Seconds += r.seconds
					m.lat = append(m.lat, r.lat...)
					for p, v := range r.ticks {
						m.ticks[p] += v
					}
					if m.FirstError == "" {
						m.FirstError = r.firstErr
					}
					if ctx.Err() != nil {
						return sr, nil, ctx.Err()
					}
				}
			}
		}
	}
	for name, pid := range pids {
		sr.RSSMB[name] = rssMB(pid)
	}
	for _, m := range list {
		m.finish()
		fmt.Printf("scale %d %-28s %-9s %2d clients: %8.1f req/s  p50 %8.2f ms  p99 %8.2f ms  errors %d\n",
			scale, m.Case, m.Target, m.Clients, m.ReqPerSec, m.P50ms, m.P99ms, m.Errors)
	}
	return sr, list, nil
}

type attackResult struct {
	ok, errs int
	seconds  float64
	lat      []time.Duration
	ticks    map[string]int64
	firstErr string
}

// attack sends tgt from n clients for d, each client sending its next request when the last one
// is answered, and reads the CPU the watched processes used meanwhile.
func attack(ctx context.Context, tgt *vegeta.Target, n int, d time.Duration, watch map[string]int) attackResult {
	a := vegeta.NewAttacker(vegeta.Workers(uint64(n)), vegeta.MaxWorkers(uint64(n)), vegeta.Connections(n), vegeta.MaxConnections(n),
		vegeta.KeepAlive(true), vegeta.Timeout(60*time.Second))
	before := map[string]int64{}
	for p, pid := range watch {
		before[p] = cpuTicks(pid)
	}
	r := attackResult{ticks: map[string]int64{}}
	t0 := time.Now()
	results := a.Attack(vegeta.NewStaticTargeter(*tgt), vegeta.Rate{Freq: 0}, d, "bench")
	for res := range results {
		if ctx.Err() != nil {
			a.Stop()
		}
		if res.Code == http.StatusOK && res.Error == "" && !bytes.Contains(res.Body, []byte(`"errors"`)) {
			r.ok++
			r.lat = append(r.lat, res.Latency)
			continue
		}
		r.errs++
		if r.firstErr == "" {
			r.firstErr = fmt.Sprintf("HTTP %d %s %.200s", res.Code, res.Error, res.Body)
		}
	}
	r.seconds = time.Since(t0).Seconds()
	for p, pid := range watch {
		r.ticks[p] = cpuTicks(pid) - before[p]
	}
	return r
}

func (m *measure) finish() {
	sort.Slice(m.lat, func(i, j int) bool { return m.lat[i] < m.lat[j] })
	if m.Seconds > 0 {
		m.ReqPerSec = float64(m.Requests) / m.Seconds
	}
	m.P50ms, m.P99ms = quantile(m.lat, 0.50), quantile(m.lat, 0.99)
	m.CPUms = map[string]float64{}
	if m.Requests > 0 {
		for p, t := range m.ticks {
			m.CPUms[p] = float64(t) * 10 / float64(m.Requests) // a tick is 10 ms
		}
	}
}

func quantile(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q * float64(len(sorted)-1))
	return float64(sorted[i].Microseconds()) / 1000
}

// ask sends one request and returns the answer's data, failing on an error.
func ask(t *vegeta.Target) (any, error) {
	req, _ := http.NewRequest(t.Method, t.URL, bytes.NewReader(t.Body))
	req.Header = t.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body struct {
		Data   any `json:"data"`
		Errors any `json:"errors"`
	}
	if err := json.Unmarshal(raw, &body); err != nil || resp.StatusCode != http.StatusOK || body.Errors != nil {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, raw)
	}
	return body.Data, nil
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a list of positive numbers", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func commit() string {
	c := output("git", "rev-parse", "--short", "HEAD")
	if dirty := output("git", "status", "--porcelain", "--untracked-files=no"); dirty != "" && dirty != "unknown" {
		c += " (with uncommitted changes)"
	}
	return c
}

func peerVersions(dir string) string {
	raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "unknown"
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	json.Unmarshal(raw, &pkg)
	var parts []string
	for n, v := range pkg.Dependencies {
		parts = append(parts, n+" "+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func neo4jVersion(ctx context.Context, uri string) string {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return "unknown"
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v", nil, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) == 0 {
		return "unknown"
	}
	v, _ := res.Records[0].Get("v")
	s, _ := v.(string)
	return s
}

// demoLine picks the demo command's summary ("generated demo set (seed 1, scale 1): 300 opgaven, …").
func demoLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "generated demo set") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(s)
}

func numCPU() int { return runtime.NumCPU() }
