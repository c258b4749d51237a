package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/server"
)

// The raw floor: the statements Samenspel sends for a case, sent through the bare Go driver by a
// plain HTTP server, so that it is measured like the other targets (over HTTP, with the same
// clients). It learns the statements by asking each case once of Samenspel's own handler in this
// process and recording them; a read case replays them one by one as Samenspel's reads do, a
// mutation replays them in one write transaction as Samenspel's writes do. The answer is the
// number of records, not a GraphQL document: the floor is the database work and the driver's
// decoding, nothing of GraphQL.

func rawMain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("raw", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to serve on")
	casesPath := fs.String("cases", "bench/cases.json", "the cases")
	key := fs.String("key", "", "an admin API key (for the mutation cases)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cases, err := loadCases(*casesPath)
	if err != nil {
		return err
	}
	uri := os.Getenv("NEO4J_URI")
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	db, err := neo4jdb.Open(ctx, neo4jdb.Config{URI: uri, Log: log})
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	authn, err := auth.New(ctx, db, auth.OIDC{}, log)
	if err != nil {
		return err
	}
	var last *neo4jdb.Statements
	h := server.New(db, log, server.Options{Auth: authn, Limits: auth.Limits{PerAddress: 1e9, AddressBurst: 1e9, PerCredential: 1e9, CredBurst: 1e9},
		RequestContext: func(ctx context.Context) context.Context {
			ctx, last = neo4jdb.WithStatements(ctx)
			return ctx
		}})
	statements := make([][]neo4jdb.Statement, len(cases))
	for i, c := range cases {
		// Asked twice, the second time recorded: the statements of Samenspel's steady state (a
		// cached network answers with its data-version read alone, as it does under load).
		for range 2 {
			if err := askOnce(h, c, *key); err != nil {
				return err
			}
		}
		statements[i] = last.List()
	}

	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth(), func(c *neo4j.Config) {
		c.FetchSize = neo4j.FetchAll
		c.MaxConnectionPoolSize = neo4jdb.PoolSize
	})
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())

	mux := http.NewServeMux()
	mux.HandleFunc("GET /ready", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	mux.HandleFunc("POST /case/{i}", func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(r.PathValue("i"))
		if err != nil || i < 0 || i >= len(cases) {
			http.Error(w, "no such case", http.StatusNotFound)
			return
		}
		n, err := replay(r.Context(), driver, statements[i], cases[i].mutation())
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			json.NewEncoder(w).Encode(map[string]any{"errors": []string{err.Error()}})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"records":%d}`, n)
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("raw floor listening on http://%s (%d cases)\n", ln.Addr(), len(cases))
	srv := &http.Server{Handler: mux}
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// askOnce asks case c of Samenspel's handler h.
func askOnce(h http.Handler, c benchCase, key string) error {
	body, _ := json.Marshal(map[string]any{"query": c.Samenspel})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if c.mutation() {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
		return fmt.Errorf("case %q: Samenspel answered %d %.300s", c.Name, rec.Code, rec.Body.String())
	}
	return nil
}

func replay(ctx context.Context, driver neo4j.DriverWithContext, stmts []neo4jdb.Statement, write bool) (int, error) {
	if !write {
		n := 0
		for _, s := range stmts {
			res, err := neo4j.ExecuteQuery(ctx, driver, s.Cypher, s.Params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
			if err != nil {
				return 0, err
			}
			n += len(res.Records)
		}
		return n, nil
	}
	session := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	return neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (int, error) {
		n := 0
		for _, s := range stmts {
			res, err := tx.Run(ctx, s.Cypher, s.Params)
			if err != nil {
				return 0, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return 0, err
			}
			n += len(recs)
		}
		return n, nil
	})
}
