// Package neo4jdb is the Neo4j implementation of Samenspel's storage: schema set-up, the import
// transaction and the read queries. Every statement is a constant with $parameters; labels,
// relationship types and sort orders are chosen from fixed lists in Go, never from user input.
//
// Driver and Cypher errors are translated here: callers get *samenspel.Error for what the user
// did wrong, and a wrapped internal error (logged, never shown) for everything else.
package neo4jdb

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Config says where Neo4j is.
type Config struct {
	URI      string
	User     string
	Password string
	Database string // empty: the server's default database
}

// DB is a connection pool to one Neo4j database. It is safe for concurrent use.
type DB struct {
	driver   neo4j.DriverWithContext
	database string
}

// Open connects to Neo4j and verifies that it answers.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		c.MaxConnectionPoolSize = 50
		c.ConnectionAcquisitionTimeout = 30 * time.Second
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
	return &DB{driver: driver, database: cfg.Database}, nil
}

// Close closes the pool.
func (db *DB) Close(ctx context.Context) error { return db.driver.Close(ctx) }

// Ping checks that the database answers a query (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	_, err := db.read(ctx, "RETURN 1", nil)
	return err
}

// RoundTrips counts Cypher statements sent to Neo4j. Put one in the context with WithRoundTrips
// to measure a request; the GraphQL layer reports it and the benchmarks print it.
type RoundTrips struct{ n atomic.Int64 }

// Count returns the number of statements counted so far.
func (r *RoundTrips) Count() int { return int(r.n.Load()) }

type roundTripsKey struct{}

// WithRoundTrips returns a context that counts the Cypher round trips made with it.
func WithRoundTrips(ctx context.Context) (context.Context, *RoundTrips) {
	r := &RoundTrips{}
	return context.WithValue(ctx, roundTripsKey{}, r), r
}

func countRoundTrip(ctx context.Context) {
	if r, ok := ctx.Value(roundTripsKey{}).(*RoundTrips); ok {
		r.n.Add(1)
	}
}

// read runs one read statement and returns its records.
func (db *DB) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	countRoundTrip(ctx)
	res, err := neo4j.ExecuteQuery(ctx, db.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// write runs one write statement in its own transaction.
func (db *DB) write(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	countRoundTrip(ctx)
	return neo4j.ExecuteQuery(ctx, db.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithWritersRouting())
}

// runTx runs one statement inside tx and returns its records and counters.
func runTx(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, neo4j.Counters, error) {
	countRoundTrip(ctx)
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

// dateParam converts a date for a Cypher parameter.
func dateParam(d samenspel.Date) neo4j.Date { return neo4j.DateOf(d.Time()) }

// optDateParam converts an optional date; nil stays nil.
func optDateParam(d *samenspel.Date) any {
	if d == nil {
		return nil
	}
	return dateParam(*d)
}

// RoundTripsFrom returns the counter in ctx, or nil.
func RoundTripsFrom(ctx context.Context) *RoundTrips {
	r, _ := ctx.Value(roundTripsKey{}).(*RoundTrips)
	return r
}
