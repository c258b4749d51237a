// Package server is Samenspel's HTTP layer: the GraphQL endpoint, the explorer and GraphiQL (internal/webui), the
// exports, health checks, CORS, request deadlines and request logging.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	gqltransport "github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/samenspel/samenspel/graph"
	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/metrics"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
	"github.com/samenspel/samenspel/internal/webui"
)

// Options configure the handler; zero values take the defaults.
type Options struct {
	// AllowedOrigins for CORS: the web pages on other origins that may call the API from a browser;
	// empty allows none but the service's own pages. Credentials (cookies) are never allowed:
	// callers send tokens and keys in the Authorization header.
	AllowedOrigins []string
	// Auth authenticates requests; nil serves every request as anonymous (a test of the
	// anonymous face only).
	Auth *auth.Authenticator
	// Limits are the rate limits; the zero value takes auth.DefaultLimits.
	Limits auth.Limits
	// Introspection is who may ask the schema: "all" (default), "signed-in" or "off".
	Introspection string
	// CostLimit bounds the cost of one request (see graph/cost.go); default 100,000.
	CostLimit int
	// DepthLimit, AliasLimit and FieldLimit bound a query's shape; defaults 15, 50 and 1,000.
	DepthLimit, AliasLimit, FieldLimit int
	// Timeout is the deadline of one request, carried into every Neo4j transaction; default 10 s.
	Timeout time.Duration
	// BulkTimeout is the deadline of a workbook export or upload (a whole register); default 5 min.
	BulkTimeout time.Duration
	// MaxBody bounds a request body; default 1 MiB.
	MaxBody int64
	// Workers bounds the network analyses that run at once; default 1.
	Workers int
	// Metrics receives the request metrics and serves them at /metrics; nil makes its own.
	Metrics *metrics.Metrics
	// RequestContext, when set, decorates each request's context (the benchmarks record the
	// statements a request sends with it).
	RequestContext func(context.Context) context.Context
}

// MaxUpload is the largest file importWorkbook accepts, in bytes.
const MaxUpload = 20 << 20

// New returns the service's HTTP handler.
func New(db *neo4jdb.DB, log *slog.Logger, opts Options) http.Handler {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.BulkTimeout <= 0 {
		opts.BulkTimeout = 5 * time.Minute
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 1 << 20
	}
	svc := service.New(db, service.Options{Workers: opts.Workers})
	met := opts.Metrics
	if met == nil {
		met = metrics.New()
	}
	met.Watch(metrics.Sources{InFlight: db.InFlight, PoolSize: neo4jdb.PoolSize, CacheStats: svc.CacheStats})
	resolver := graph.NewResolver(db, svc, log)
	if opts.Auth != nil {
		resolver.Revoked = opts.Auth.Forget
	}
	gql := handler.New(graph.WithCost(graph.NewExecutableSchema(graph.Config{Resolvers: resolver})))
	gql.AddTransport(gqltransport.Options{})
	// Uploads (importWorkbook) come as multipart/form-data, the GraphQL multipart request spec.
	gql.AddTransport(gqltransport.MultipartForm{MaxUploadSize: MaxUpload, MaxMemory: MaxUpload})
	gql.AddTransport(transport{maxBody: opts.MaxBody})
	gql.SetQueryCache(hashedCache[*ast.QueryDocument]{lru.New[*ast.QueryDocument](1000)})
	gql.Use(introspection{mode: opts.Introspection})
	gql.Use(uploadsOnlyForImport{})
	gql.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	gql.Use(graph.NewLimits(opts.DepthLimit, opts.AliasLimit, opts.FieldLimit, opts.CostLimit))
	gql.Use(requestExtension{metrics: met})
	gql.Use(resolver.Engine())
	gql.SetErrorPresenter(graph.ErrorPresenter(log))
	gql.SetRecoverFunc(graph.RecoverFunc(log))

	mux := http.NewServeMux()
	mux.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodPost, http.MethodOptions:
			gql.ServeHTTP(w, r)
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeError(w, http.StatusMethodNotAllowed, "use GET for queries and POST for queries and mutations")
		}
	}))
	ui := webui.New()
	mux.Handle("GET /assets/", ui.Assets())
	mux.Handle("GET /graphiql", ui.GraphiQL())
	mux.Handle("/", ui.App()) // the explorer's pages; every other path not served here is a 404
	mux.Handle("GET /export/{graph}/{format}", exportHandler(svc, log))
	mux.Handle("GET /export/workbook.xlsx", workbookHandler(db, log))
	mux.Handle("GET /export/template.xlsx", templateHandler(log))
	mux.Handle("GET /opgaven/{id}/summary.html", summaryHandler(svc, log))
	mux.Handle("GET /metrics", allowed("GET /metrics", met.Handler()))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		if err := db.Ping(ctx); err != nil {
			log.WarnContext(ctx, "readiness check failed", "err", err.Error())
			w.Header().Set("Retry-After", retryAfter)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"status":"unavailable","reason":"neo4j does not answer"}`))
			return
		}
		w.Write([]byte(`{"status":"ok"}`))
	})
	co := cors.Options{
		AllowedOrigins:   opts.AllowedOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Content-Type", "Authorization", neo4jdb.BookmarkHeader},
		ExposedHeaders:   []string{neo4jdb.BookmarkHeader},
		AllowCredentials: false,
		MaxAge:           600,
	}
	if len(opts.AllowedOrigins) == 0 {
		// rs/cors reads an empty list as "any origin"; ours means none.
		co.AllowOriginFunc = func(string) bool { return false }
	}
	c := cors.New(co)
	var h http.Handler = mux
	if opts.RequestContext != nil {
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mux.ServeHTTP(w, r.WithContext(opts.RequestContext(r.Context())))
		})
	}
	if opts.Limits == (auth.Limits{}) {
		opts.Limits = auth.DefaultLimits
	}
	limiter := auth.NewLimiter(opts.Limits)
	h = limiter.PerCredential(withDeadline(opts.Timeout, opts.BulkTimeout, h))
	if opts.Auth != nil {
		h = opts.Auth.Middleware(h)
	}
	h = limiter.PerAddress(h)
	return logRequests(log, met, c.Handler(h))
}

// introspection lets the schema be asked by everyone ("all", the default, for development), by
// signed-in callers ("signed-in"), or by nobody ("off").
type introspection struct{ mode string }

func (introspection) ExtensionName() string                   { return "Introspection" }
func (introspection) Validate(graphql.ExecutableSchema) error { return nil }
func (i introspection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	switch i.mode {
	case "off":
		oc.DisableIntrospection = true
	case "signed-in":
		oc.DisableIntrospection = !samenspel.CallerIn(ctx).SignedIn()
	default:
		oc.DisableIntrospection = false
	}
	return nil
}

// hashedCache keys a cache by the hash of the query text rather than the text itself, so that
// long texts do not stay in memory.
type hashedCache[T any] struct{ c graphql.Cache[T] }

func (h hashedCache[T]) Get(ctx context.Context, key string) (T, bool) {
	return h.c.Get(ctx, graph.QueryKey(key))
}
func (h hashedCache[T]) Add(ctx context.Context, key string, value T) {
	h.c.Add(ctx, graph.QueryKey(key), value)
}

// isBulk reports whether a request moves a whole register: the workbook export, or an upload
// (importWorkbook), which get BulkTimeout instead of Timeout.
func isBulk(r *http.Request) bool {
	return r.URL.Path == "/export/workbook.xlsx" || (r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data"))
}

// withDeadline gives every request its deadline and a counter of its Cypher round trips. The
// request's context also ends when the client goes away, and every Neo4j transaction and every
// analysis stops with it.
func withDeadline(timeout, bulk time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := timeout
		if isBulk(r) {
			d = bulk
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		ctx, rt := neo4jdb.WithRoundTrips(ctx)
		if rec, ok := w.(*statusRecorder); ok {
			rec.rt = rt
		}
		in, ok := parseBookmarks(r.Header.Values(neo4jdb.BookmarkHeader))
		if !ok {
			writeError(w, http.StatusBadRequest, neo4jdb.BookmarkHeader+": not a bookmark this service gave out (send back the header of a response as it was)")
			return
		}
		if len(in) > 0 && !samenspel.CallerIn(ctx).SignedIn() {
			// Bookmarks make Neo4j wait for the writes they name; only callers who can write get
			// them, and only they may make a request wait.
			writeError(w, http.StatusBadRequest, neo4jdb.BookmarkHeader+": only signed-in callers send bookmarks (they come with the answer to a write)")
			return
		}
		ctx, causal := neo4jdb.WithCausal(ctx, in)
		next.ServeHTTP(&bookmarkWriter{ResponseWriter: w, causal: causal}, r.WithContext(ctx))
	})
}

// requestExtension names each operation's Neo4j transactions (transaction metadata) and adds to
// every response extensions.cypherRoundTrips, the number of Cypher statements the request sent (so
// that dashboards and benchmarks can see that it stays flat), and extensions.cost, what the
// request cost under the cost model.
type requestExtension struct{ metrics *metrics.Metrics }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = requestExtension{}

func (requestExtension) ExtensionName() string                   { return "Request" }
func (requestExtension) Validate(graphql.ExecutableSchema) error { return nil }

func (requestExtension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(neo4jdb.WithOperation(ctx, operationName(graphql.GetOperationContext(ctx))))
}

// operationName is the operation's type and name ("query regionMembers"), "anonymous" when it
// has none.
func operationName(oc *graphql.OperationContext) string {
	name := oc.OperationName
	if name == "" && oc.Operation != nil {
		name = oc.Operation.Name // the document's only operation, not named in the request
	}
	if name == "" {
		name = "anonymous"
	}
	if oc.Operation != nil {
		name = string(oc.Operation.Operation) + " " + name
	}
	return name
}

// outcome is "ok", or the first error's code in lower case.
func outcome(resp *graphql.Response) string {
	if len(resp.Errors) == 0 {
		return "ok"
	}
	if code, ok := resp.Errors[0].Extensions["code"].(string); ok && code != "" {
		return strings.ToLower(code)
	}
	return "error"
}

func (e requestExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	rt := neo4jdb.RoundTripsFrom(ctx)
	if e.metrics != nil && resp != nil && graphql.HasOperationContext(ctx) && rt != nil {
		oc := graphql.GetOperationContext(ctx)
		e.metrics.Operation(operationName(oc), outcome(resp), time.Since(oc.Stats.OperationStart), rt.Count(), rt.Time())
	}
	if rt != nil && resp != nil {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["cypherRoundTrips"] = rt.Count()
	}
	if resp != nil && graphql.HasOperationContext(ctx) {
		if cost, ok := graphql.GetOperationContext(ctx).Stats.GetExtension("cost").(int); ok {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["cost"] = cost
		}
	}
	return resp
}

// parseBookmarks reads the bookmarks a client sends back: at most 16, each a short token of
// base64 and ':' characters as Neo4j gives them out, comma-separated.
func parseBookmarks(values []string) ([]string, bool) {
	var out []string
	for _, v := range values {
		for _, b := range strings.Split(v, ",") {
			b = strings.TrimSpace(b)
			if b == "" {
				continue
			}
			if len(b) > 512 || strings.IndexFunc(b, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(":+/=_-", r))
			}) >= 0 {
				return nil, false
			}
			out = append(out, b)
		}
	}
	return out, len(out) <= 16
}

// bookmarkWriter gives the client the bookmarks of the request's writes in the response's
// header, so that its next request reads them on any replica.
type bookmarkWriter struct {
	http.ResponseWriter
	causal *neo4jdb.Causal
	done   bool
}

func (b *bookmarkWriter) header() {
	if !b.done {
		b.done = true
		if bms := b.causal.Bookmarks(); len(bms) > 0 {
			b.ResponseWriter.Header().Set(neo4jdb.BookmarkHeader, strings.Join(bms, ","))
		}
	}
}

func (b *bookmarkWriter) WriteHeader(code int) {
	b.header()
	b.ResponseWriter.WriteHeader(code)
}

func (b *bookmarkWriter) Write(p []byte) (int, error) {
	b.header()
	return b.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (b *bookmarkWriter) Unwrap() http.ResponseWriter { return b.ResponseWriter }

type statusRecorder struct {
	http.ResponseWriter
	status int
	rt     *neo4jdb.RoundTrips
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (for flushing, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests logs one JSON line per request: method, path, status, duration, Cypher round trips
// and the time spent in Neo4j. Request bodies are never logged. A request whose client went away
// is logged at info level as canceled, not as an error.
func logRequests(log *slog.Logger, met *metrics.Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		met.HTTP(r.URL.Path, rec.status)
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			return
		}
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000}
		if rec.rt != nil {
			attrs = append(attrs, "cypher_round_trips", rec.rt.Count(), "cypher_ms", float64(rec.rt.Time().Microseconds())/1000)
		}
		if errors.Is(r.Context().Err(), context.Canceled) {
			attrs = append(attrs, "canceled", true)
		}
		log.InfoContext(r.Context(), "request", attrs...)
	})
}

// allowed serves h to the callers the policy row name allows, and answers the others with 401 or
// 403.
func allowed(name string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := auth.Check(samenspel.CallerIn(r.Context()), name); err != nil {
			writeAccessError(w, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}
