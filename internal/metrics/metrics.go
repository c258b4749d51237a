// Package metrics exposes Samenspel's Prometheus metrics: GraphQL requests by operation and
// outcome, their latency, the Cypher round trips and Neo4j time per request, the network cache's
// hits, the use of the Neo4j connection pool, and the Go runtime's and the process's own figures.
//
// Operation names come from clients, so the number of distinct names is bounded (MaxOperations),
// and only a GraphQL name of at most 64 characters makes a series; later or other names are
// counted as "other".
package metrics

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MaxOperations bounds the operation names that get series of their own.
const MaxOperations = 200

// Sources are the figures the metrics read when scraped.
type Sources struct {
	// InFlight is the number of Neo4j statements and transactions under way.
	InFlight func() int64
	// PoolSize is the most connections to Neo4j the replica opens.
	PoolSize int
	// CacheStats counts the collaboration-network requests answered from the cache and not.
	CacheStats func() (hits, misses int64)
}

// Metrics is safe for concurrent use.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	roundTrips prometheus.Histogram
	cypher     prometheus.Histogram
	http       *prometheus.CounterVec

	mu    sync.Mutex
	names map[string]bool
}

// New registers the metrics in a registry of their own; Watch adds the figures of the store and
// the service once they exist.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "samenspel_graphql_requests_total",
			Help: "GraphQL operations by operation (type and name) and outcome (ok, or the first error's code in lower case).",
		}, []string{"operation", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "samenspel_graphql_request_duration_seconds",
			Help:    "Time from the start of a GraphQL operation to its response.",
			Buckets: []float64{.002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"operation"}),
		roundTrips: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "samenspel_cypher_round_trips_per_request",
			Help:    "Cypher statements one GraphQL request sent to Neo4j (it follows the query's shape, not the data's size).",
			Buckets: []float64{0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64},
		}),
		cypher: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "samenspel_cypher_seconds_per_request",
			Help:    "Time one GraphQL request spent waiting for Neo4j (summed over its statements).",
			Buckets: []float64{.001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
		http: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "samenspel_http_requests_total",
			Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		names: map[string]bool{},
	}
	m.reg.MustRegister(m.requests, m.duration, m.roundTrips, m.cypher, m.http,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Watch registers the figures read from src when scraped; call it once.
func (m *Metrics) Watch(src Sources) {
	if src.InFlight != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "samenspel_neo4j_in_flight",
			Help: "Neo4j statements and write transactions under way, each holding a connection of the pool.",
		}, func() float64 { return float64(src.InFlight()) }))
	}
	if src.PoolSize > 0 {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "samenspel_neo4j_pool_size",
			Help: "The most connections to Neo4j this replica opens.",
		}, func() float64 { return float64(src.PoolSize) }))
	}
	if src.CacheStats != nil {
		m.reg.MustRegister(
			prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "samenspel_network_cache_hits_total",
				Help: "Collaboration-network requests answered from the cache.",
			}, func() float64 { h, _ := src.CacheStats(); return float64(h) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "samenspel_network_cache_misses_total",
				Help: "Collaboration-network requests that waited for an analysis (their own or one under way).",
			}, func() float64 { _, n := src.CacheStats(); return float64(n) }))
	}
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Operation records one GraphQL operation.
func (m *Metrics) Operation(operation, outcome string, took time.Duration, roundTrips int, cypher time.Duration) {
	operation = m.bounded(operation)
	m.requests.WithLabelValues(operation, outcome).Inc()
	m.duration.WithLabelValues(operation).Observe(took.Seconds())
	m.roundTrips.Observe(float64(roundTrips))
	m.cypher.Observe(cypher.Seconds())
}

// HTTP records one HTTP request by the route it took.
func (m *Metrics) HTTP(path string, status int) {
	m.http.WithLabelValues(Route(path), statusCode(status)).Inc()
}

// operationRE is an operation's type and a GraphQL name of at most 64 characters.
var operationRE = regexp.MustCompile(`^(query|mutation|subscription) [_A-Za-z][_0-9A-Za-z]{0,63}$`)

func (m *Metrics) bounded(name string) string {
	if !operationRE.MatchString(name) {
		return "other" // not an operation of the document, or a name too long to be a label
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names[name] {
		return name
	}
	if len(m.names) >= MaxOperations {
		return "other"
	}
	m.names[name] = true
	return name
}

// Route maps a path to one of the service's routes, so that unknown paths do not make series.
func Route(path string) string {
	switch {
	case path == "/", path == "/graphql", path == "/healthz", path == "/readyz", path == "/metrics":
		return path
	case strings.HasPrefix(path, "/export/"):
		return "/export"
	default:
		return "other"
	}
}

func statusCode(s int) string {
	if s < 100 || s > 599 {
		return "other"
	}
	const digits = "0123456789"
	return string([]byte{digits[s/100], digits[s/10%10], digits[s%10]})
}
