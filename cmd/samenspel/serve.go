package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"golang.org/x/time/rate"

	"github.com/samenspel/samenspel/data"
	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/importer"
	"github.com/samenspel/samenspel/internal/localneo4j"
	"github.com/samenspel/samenspel/internal/metrics"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/server"
)

func configVars() [][2]string { return config.Vars }

// connect opens Neo4j: the one at cfg.Neo4jURI, or a local one it starts (and returns a stop
// function for).
func connect(ctx context.Context, cfg config.Config, log *slog.Logger) (*neo4jdb.DB, func(), error) {
	stop := func() {}
	uri := cfg.Neo4jURI
	if uri == "" {
		inst, err := localneo4j.Start(ctx, localneo4j.Options{
			Home: cfg.Home, DataDir: filepath.Join(cfg.Home, "data"), Heap: cfg.Neo4jHeap, Log: log,
		})
		if err != nil {
			return nil, nil, err
		}
		uri = inst.URI
		stop = func() {
			log.Info("stopping local neo4j")
			if err := inst.Stop(); err != nil {
				log.Error("stop local neo4j", "err", err.Error())
			}
		}
	}
	db, err := neo4jdb.Open(ctx, neo4jdb.Config{URI: uri, User: cfg.Neo4jUser, Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase, Log: log})
	if err != nil {
		stop()
		return nil, nil, err
	}
	if err := db.EnsureSchema(ctx); err != nil {
		db.Close(context.Background())
		stop()
		return nil, nil, err
	}
	return db, func() { db.Close(context.Background()); stop() }, nil
}

func serve(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	level, _ := cfg.SlogLevel()
	log := newLogger(stderr, level)

	db, closeDB, err := connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()

	if cfg.ImportIfEmpty {
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if empty {
			log.Info("database is empty: importing the default dataset")
			ds, _, err := importer.LoadManifest(data.CBS, data.CBSRoot+"/manifest.json")
			if err != nil {
				return err
			}
			sum, err := db.Import(ctx, ds, nil)
			if err != nil {
				return fmt.Errorf("import default dataset: %w", err)
			}
			log.Info("imported the default dataset", "organisations", sum.Organisations, "regions", sum.Regions, "memberships", sum.Memberships)
		}
	}

	if cfg.DemoIfEmpty {
		n, err := db.CountOpgaven(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			set, err := loadDemo(ctx, db, 1, 1, nil)
			if err != nil {
				return fmt.Errorf("load demo set: %w", err)
			}
			log.Info("no opgaven yet: loaded the generated demo set (not real data)", "opgaven", len(set.Opgaven), "roles", len(set.Roles))
		}
	}

	if err := ensureAdminKey(ctx, db, cfg.AdminKeyFile, log); err != nil {
		return err
	}
	authn, err := auth.New(ctx, db, auth.OIDC{Issuer: cfg.OIDCIssuer, Audience: cfg.OIDCAudience, JWKSURL: cfg.OIDCJWKS,
		OrgClaim: cfg.OIDCOrgClaim, RolesClaim: cfg.OIDCRolesClaim}, log)
	if err != nil {
		return err
	}
	wrap, stopTracing, err := tracing(ctx, getenv, log)
	if err != nil {
		return err
	}
	defer stopTracing()
	met := metrics.New()
	if cfg.AdminAddr != "" {
		stopAdmin, err := adminServer(cfg.AdminAddr, met, log)
		if err != nil {
			return err
		}
		defer stopAdmin()
	}
	if cfg.MetricsAddr != "" {
		stopMetrics, err := metricsServer(cfg.MetricsAddr, met, log)
		if err != nil {
			return err
		}
		defer stopMetrics()
	}
	srv := &http.Server{
		Addr: cfg.Addr,
		Handler: wrap(server.New(db, log, server.Options{AllowedOrigins: cfg.CORSOrigins, CostLimit: cfg.CostLimit,
			Timeout: cfg.Timeout, Workers: cfg.Workers, Auth: authn, Introspection: cfg.Introspection, Metrics: met,
			Limits: auth.Limits{PerAddress: rate.Limit(cfg.RatePerAddress), AddressBurst: int(2 * cfg.RatePerAddress),
				PerCredential: rate.Limit(cfg.RatePerCredential), CredBurst: int(2 * cfg.RatePerCredential)}})),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("serving", "addr", ln.Addr().String(), "graphql", "/graphql", "explorer", "/", "graphiql", "/graphiql")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
