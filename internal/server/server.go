// Package server is Samenspel's HTTP layer: the GraphQL endpoint, the GraphiQL playground, health
// checks, CORS and request logging.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/samenspel/samenspel/graph"
	"github.com/samenspel/samenspel/internal/insight"
	"github.com/samenspel/samenspel/internal/neo4jdb"
)

// Options configure the handler.
type Options struct {
	// AllowedOrigins for CORS; empty allows any origin (the API is read-only and sends no cookies).
	AllowedOrigins []string
	// ComplexityLimit bounds the cost of one query (each field counts 1, lists count their page).
	ComplexityLimit int
}

// New returns the service's HTTP handler.
func New(db *neo4jdb.DB, log *slog.Logger, opts Options) http.Handler {
	if opts.ComplexityLimit == 0 {
		opts.ComplexityLimit = 20000
	}
	ins := insight.New(db)
	gql := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{DB: db, Insight: ins, Log: log}}))
	gql.AddTransport(transport.Options{})
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	gql.Use(extension.Introspection{})
	gql.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	gql.Use(extension.FixedComplexityLimit(opts.ComplexityLimit))
	gql.Use(roundTripsExtension{})
	gql.SetErrorPresenter(graph.ErrorPresenter(log))
	gql.SetRecoverFunc(graph.RecoverFunc(log))

	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.Middleware(db, gql))
	mux.Handle("GET /{$}", playground.Handler("Samenspel", "/graphql"))
	mux.Handle("GET /export/{graph}/{format}", exportHandler(ins, log))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		if err := db.Ping(ctx); err != nil {
			log.WarnContext(ctx, "readiness check failed", "err", err.Error())
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"status":"unavailable","reason":"neo4j does not answer"}`))
			return
		}
		w.Write([]byte(`{"status":"ok"}`))
	})
	c := cors.New(cors.Options{
		AllowedOrigins: opts.AllowedOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization"},
		MaxAge:         600,
	})
	return logRequests(log, c.Handler(mux))
}

// roundTripsExtension adds extensions.cypherRoundTrips to every response: the number of Cypher
// statements the request sent, so that dashboards and benchmarks can see that it stays flat.
type roundTripsExtension struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = roundTripsExtension{}

func (roundTripsExtension) ExtensionName() string                   { return "CypherRoundTrips" }
func (roundTripsExtension) Validate(graphql.ExecutableSchema) error { return nil }
func (roundTripsExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if rt := neo4jdb.RoundTripsFrom(ctx); rt != nil && resp != nil {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["cypherRoundTrips"] = rt.Count()
	}
	return resp
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logRequests logs one JSON line per request: method, path, status, duration. Request bodies are
// never logged.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			return
		}
		log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}
