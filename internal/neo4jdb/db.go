// Package neo4jdb is the Neo4j implementation of Samenspel's storage: schema set-up, the import
// transaction, the reads and the writes, one file per aggregate (organisations and regions,
// opgaven, roles, people, instruments, trust, connections, search, the demo set). Every statement
// is a constant with $parameters; labels, relationship types and sort orders are chosen from fixed
// lists in Go, never from user input.
//
// Driver and Cypher errors are translated here: callers get *samenspel.Error for what the user
// did wrong (or for a database that cannot be reached, or a request that ran out of time), and a
// wrapped internal error (logged, never shown) for everything else. A store error is never
// reported as the user's mistake.
package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Config says where Neo4j is.
type Config struct {
	URI      string
	User     string
	Password string
	Database string // empty: the server's default database
	// Log is told when Neo4j stops answering and when it answers again; nil logs nothing.
	Log *slog.Logger
	// RetryTime bounds how long the driver retries a transaction that failed for a transient
	// reason (a dropped connection) before the request fails; default 1 s.
	RetryTime time.Duration
}

// DB is a connection pool to one Neo4j database. It is safe for concurrent use.
type DB struct {
	driver   neo4j.DriverWithContext
	database string
	health   *health
	inFlight atomic.Int64 // statements and write transactions under way
}

// PoolSize is the most connections to Neo4j one replica opens.
const PoolSize = 50

// InFlight is the number of statements and write transactions under way, each holding a
// connection of the pool (at most PoolSize): the metrics' view of the pool's use.
func (db *DB) InFlight() int64 { return db.inFlight.Load() }

var tracer = otel.Tracer("github.com/samenspel/samenspel/internal/neo4jdb")

// span starts a span for one statement (a no-op unless OpenTelemetry tracing is configured) and
// counts it as under way; end it with the returned function.
func (db *DB) span(ctx context.Context, kind, cypher string) (context.Context, func(error)) {
	db.inFlight.Add(1)
	ctx, sp := tracer.Start(ctx, "cypher "+kind, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.system.name", "neo4j"), attribute.String("db.query.text", cypher)))
	return ctx, func(err error) {
		if err != nil {
			sp.SetStatus(codes.Error, samenspel.ErrorCode(err))
		}
		sp.End()
		db.inFlight.Add(-1)
	}
}

// Open connects to Neo4j and verifies that it answers.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	retry := cfg.RetryTime
	if retry == 0 {
		retry = time.Second
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		c.MaxConnectionPoolSize = PoolSize
		// While Neo4j is down (or still starting) a request must fail within about two seconds,
		// not wait out the driver's defaults (30 s of retries, a minute for a connection).
		c.ConnectionAcquisitionTimeout = time.Second
		c.SocketConnectTimeout = time.Second
		c.MaxTransactionRetryTime = retry
		// Results are read eagerly anyway; one PULL per query instead of one per 1000 records.
		c.FetchSize = neo4j.FetchAll
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: open %s: %w", cfg.URI, err)
	}
	vctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := driver.VerifyConnectivity(vctx); err != nil {
		driver.Close(ctx)
		return nil, fmt.Errorf("neo4j: cannot reach %s: %w", cfg.URI, err)
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &DB{driver: driver, database: cfg.Database, health: &health{driver: driver, database: cfg.Database, log: log}}, nil
}

// Close closes the pool.
func (db *DB) Close(ctx context.Context) error {
	db.health.stop()
	return db.driver.Close(ctx)
}

// Ping checks that the database answers a query (for /readyz). It bypasses the fast-fail state,
// so that it reports what the database does now.
func (db *DB) Ping(ctx context.Context) error {
	_, err := neo4j.ExecuteQuery(ctx, db.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return db.classify(ctx, err)
	}
	return nil
}

// Available reports whether the store believes Neo4j is reachable (false between a failure and the
// next successful probe).
func (db *DB) Available() bool { return !db.health.down.Load() }

// RoundTrips counts Cypher statements sent to Neo4j. Put one in the context with WithRoundTrips
// to measure a request; the GraphQL layer reports it and the benchmarks print it.
type RoundTrips struct {
	n  atomic.Int64
	ns atomic.Int64 // time spent waiting for Neo4j, in nanoseconds
}

// Count returns the number of statements counted so far.
func (r *RoundTrips) Count() int { return int(r.n.Load()) }

// Time returns how long the request waited for Neo4j in total (statements that ran concurrently
// each count).
func (r *RoundTrips) Time() time.Duration { return time.Duration(r.ns.Load()) }

type roundTripsKey struct{}

// WithRoundTrips returns a context that counts the Cypher round trips made with it.
func WithRoundTrips(ctx context.Context) (context.Context, *RoundTrips) {
	r := &RoundTrips{}
	return context.WithValue(ctx, roundTripsKey{}, r), r
}

// RoundTripsFrom returns the counter in ctx, or nil.
func RoundTripsFrom(ctx context.Context) *RoundTrips {
	r, _ := ctx.Value(roundTripsKey{}).(*RoundTrips)
	return r
}

func countRoundTrip(ctx context.Context, start time.Time) {
	if r, ok := ctx.Value(roundTripsKey{}).(*RoundTrips); ok {
		r.n.Add(1)
		r.ns.Add(int64(time.Since(start)))
	}
}

// Statement is one Cypher statement as the store sent it.
type Statement struct {
	Cypher string
	Params map[string]any
}

// Statements records the statements sent with a context (WithStatements): the benchmarks replay
// them through the bare driver to compare with the request that sent them.
type Statements struct {
	mu   sync.Mutex
	list []Statement
}

// List returns the statements recorded so far, in the order they were sent.
func (s *Statements) List() []Statement {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Statement(nil), s.list...)
}

type statementsKey struct{}

// WithStatements returns a context that records every statement sent with it.
func WithStatements(ctx context.Context) (context.Context, *Statements) {
	s := &Statements{}
	return context.WithValue(ctx, statementsKey{}, s), s
}

func record(ctx context.Context, cypher string, params map[string]any) {
	if s, ok := ctx.Value(statementsKey{}).(*Statements); ok {
		s.mu.Lock()
		s.list = append(s.list, Statement{Cypher: cypher, Params: params})
		s.mu.Unlock()
	}
}

type operationKey struct{}

// WithOperation names the work done with ctx (the GraphQL operation, a CLI command); every
// transaction carries the name in its metadata, so `SHOW TRANSACTIONS` on the server tells whose
// query is running.
func WithOperation(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, operationKey{}, name)
}

// txConfig gives every transaction the request's deadline as its timeout, so that the server ends
// the work when the client can no longer use the answer, and the operation name as metadata.
func txConfig(ctx context.Context) []func(*neo4j.TransactionConfig) {
	op, _ := ctx.Value(operationKey{}).(string)
	if op == "" {
		op = "samenspel"
	}
	cfg := []func(*neo4j.TransactionConfig){neo4j.WithTxMetadata(map[string]any{"app": "samenspel", "operation": op})}
	if deadline, ok := ctx.Deadline(); ok {
		left := time.Until(deadline)
		if left < time.Millisecond {
			left = time.Millisecond
		}
		cfg = append(cfg, neo4j.WithTxTimeout(left))
	}
	return cfg
}

// before fails fast when the database is known to be down or the request has run out of time.
func (db *DB) before(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return deadlineError(ctx)
	}
	if db.health.down.Load() {
		return samenspel.ErrUnavailable
	}
	return nil
}

// read runs one read statement and returns its records.
func (db *DB) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if err := db.before(ctx); err != nil {
		return nil, err
	}
	record(ctx, cypher, params)
	sctx, end := db.span(ctx, "read", cypher)
	start := time.Now()
	res, err := neo4j.ExecuteQuery(sctx, db.driver, cypher, params, neo4j.EagerResultTransformer,
		append([]neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithReadersRouting(),
			neo4j.ExecuteQueryWithTransactionConfig(txConfig(ctx)...)}, readBookmarks(ctx)...)...)
	countRoundTrip(ctx, start)
	if err != nil {
		err = db.classify(ctx, err)
		end(err)
		return nil, err
	}
	end(nil)
	return res.Records, nil
}

// write runs one write statement in its own transaction.
func (db *DB) write(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	if err := db.before(ctx); err != nil {
		return nil, err
	}
	record(ctx, cypher, params)
	sctx, end := db.span(ctx, "write", cypher)
	start := time.Now()
	res, err := neo4j.ExecuteQuery(sctx, db.driver, cypher, params, neo4j.EagerResultTransformer,
		append([]neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithWritersRouting(),
			neo4j.ExecuteQueryWithTransactionConfig(txConfig(ctx)...)}, readBookmarks(ctx)...)...)
	countRoundTrip(ctx, start)
	if err != nil {
		err = db.classify(ctx, err)
		end(err)
		return nil, err
	}
	end(nil)
	db.afterQueryWrite(ctx)
	return res, nil
}

// inWrite runs fn in one write transaction (retried by the driver on transient failures), writes
// its audit events and bumps the data version in it, so that caches elsewhere see the change;
// unless fn marked the transaction unchanged (a create that found its earlier result) or
// recorded no event: every change records one, so a transaction without events changed nothing
// (a delete of what was not there) and leaves neither an event nor a new data version. fn's
// result is typed: T.
func inWrite[T any](ctx context.Context, db *DB, fn func(w *txRunner) (T, error)) (T, error) {
	var zero T
	if err := db.before(ctx); err != nil {
		return zero, err
	}
	// The session shares the bookmarks of ExecuteQuery's reads, so a read after a write on a
	// cluster sees it.
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeWrite,
		BookmarkManager: db.driver.ExecuteQueryBookmarkManager(), Bookmarks: sessionBookmarks(ctx)})
	defer session.Close(ctx)
	ctx, end := db.span(ctx, "write transaction", "")
	var err error
	defer func() { end(err) }()
	v, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (T, error) {
		w := &txRunner{ctx: ctx, tx: tx}
		w.events = nil // a retried transaction starts afresh
		v, err := fn(w)
		if err != nil || w.unchanged || len(w.events) == 0 {
			return v, err
		}
		if err := w.writeAudit(); err != nil {
			return v, err
		}
		_, err = w.run("data version", cypherBumpVersion, nil)
		return v, err
	}, txConfig(ctx)...)
	if err != nil {
		err = db.classify(ctx, err)
		return zero, err
	}
	afterWrite(ctx, session.LastBookmarks())
	return v, nil
}

// runTx runs one statement inside tx and returns its records and counters.
func runTx(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, neo4j.Counters, error) {
	record(ctx, cypher, params)
	start := time.Now()
	defer countRoundTrip(ctx, start)
	_, sp := tracer.Start(ctx, "cypher statement", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.system.name", "neo4j"), attribute.String("db.query.text", cypher)))
	defer sp.End()
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, nil, err
	}
	return recs, sum.Counters(), nil
}

// errConstraint marks a unique-constraint violation; callers turn it into a re-read (a create
// retried with its client key) or a conflict.
var errConstraint = errors.New("neo4j: unique constraint violated")

// classify turns a driver error into what the caller should see: a domain error passes through;
// a request past its deadline, a database that cannot be reached and a constraint violation get
// their own errors; everything else stays an internal error (logged with its details).
// errTransactionMemory: one transaction needed more memory than the database allows
// (dbms.memory.transaction.total.max); it was rolled back.
var errTransactionMemory = &samenspel.Error{Code: samenspel.ECodeInvalid,
	Message: "the request needs more memory than the database allows one transaction (dbms.memory.transaction.total.max); nothing was written; ask for less"}

func (db *DB) classify(ctx context.Context, err error) error {
	var se *samenspel.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return err
	case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return deadlineError(ctx)
	}
	// The driver gives up on a transaction it retried with TransactionExecutionLimit, which does
	// not wrap what went wrong; the last attempt's error says.
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		if inner := limit.Errors[len(limit.Errors)-1]; inner != nil {
			if c := db.classify(ctx, inner); samenspel.ErrorCode(c) != samenspel.ECodeInternal {
				return c
			}
		}
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Transaction.InvalidBookmark", ne.Code == "Neo.ClientError.Transaction.InvalidBookmarkMixture":
			return samenspel.Invalidf(BookmarkHeader, "the bookmark is not one this database gave out")
		case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return fmt.Errorf("%w: %s", errConstraint, ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
			return deadlineError(ctx)
		case ne.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
			return errTransactionMemory
		case ne.Code == "Neo.TransientError.General.DatabaseUnavailable",
			strings.HasPrefix(ne.Code, "Neo.TransientError.Cluster."):
			db.health.markDown()
			return fmt.Errorf("%w (%s)", samenspel.ErrUnavailable, ne.Code)
		}
		return fmt.Errorf("neo4j: %w", err)
	}
	if unreachable(err) {
		db.health.markDown()
		return fmt.Errorf("%w (%v)", samenspel.ErrUnavailable, err)
	}
	if strings.Contains(err.Error(), "Timeout while waiting for connection") {
		// Every pooled connection is busy: the service is overloaded, not cut off.
		return fmt.Errorf("%w (%v)", samenspel.ErrUnavailable, err)
	}
	return fmt.Errorf("neo4j: %w", err)
}

// unreachable reports whether err says the server could not be reached or the connection broke.
func unreachable(err error) bool {
	var ce *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	var nerr net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &nerr):
		return true
	case errors.As(err, &limit):
		for _, e := range limit.Errors {
			if unreachable(e) {
				return true
			}
		}
		return strings.Contains(limit.Cause, "connect")
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "broken pipe") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "EOF") ||
		strings.Contains(msg, "could not find any servers")
}

// deadlineError is the error of a request whose time ran out (or whose client went away).
func deadlineError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return samenspel.ErrCanceled
	}
	return samenspel.ErrDeadline
}

// health fails requests fast while Neo4j is down: after a failure that says the server cannot be
// reached, every statement fails at once with samenspel.ErrUnavailable, and a probe asks
// `RETURN 1` every 100 ms until the server answers within a second; then requests go through as
// before. The driver's own
// pool replaces its broken connections, so no restart is needed.
type health struct {
	driver   neo4j.DriverWithContext
	database string
	log      *slog.Logger
	down     atomic.Bool
	mu       sync.Mutex
	probing  bool
	since    time.Time
	done     chan struct{}
	once     sync.Once
}

func (h *health) markDown() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.down.Store(true)
	if h.probing {
		return
	}
	h.probing = true
	h.since = time.Now()
	h.log.Warn("neo4j does not answer: requests fail fast until it does")
	if h.done == nil {
		h.done = make(chan struct{})
	}
	go h.probe(h.done)
}

func (h *health) probe(done chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		// A query, not just a Bolt handshake: a Neo4j that is still starting accepts connections
		// but makes queries wait for its database, and requests should fail fast until it answers.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := neo4j.ExecuteQuery(ctx, h.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(h.database), neo4j.ExecuteQueryWithReadersRouting())
		cancel()
		if err == nil {
			h.mu.Lock()
			h.probing = false
			h.down.Store(false)
			h.log.Info("neo4j answers again", "after", time.Since(h.since).Round(time.Millisecond).String())
			h.mu.Unlock()
			return
		}
	}
}

func (h *health) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.once.Do(func() {
		if h.done == nil {
			h.done = make(chan struct{})
		}
		close(h.done)
	})
}

// dateParam converts a date for a Cypher parameter.
func dateParam(d samenspel.Date) neo4j.Date { return neo4j.DateOf(d.Time()) }

// optDateParam converts an optional date; nil stays nil.
func optDateParam(d *samenspel.Date) any {
	if d == nil {
		return nil
	}
	return dateParam(*d)
}
