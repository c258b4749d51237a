// Package testneo4j connects tests to the real Neo4j that `make test` starts (NEO4J_URI). A test
// that needs Neo4j and cannot reach it fails; it never skips.
package testneo4j

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/samenspel/samenspel/data"
	"github.com/samenspel/samenspel/internal/importer"
	"github.com/samenspel/samenspel/internal/localneo4j"
	"github.com/samenspel/samenspel/internal/neo4jdb"
)

var (
	once   sync.Once
	shared *neo4jdb.DB
	err    error
)

// Open returns the package-wide connection to the test database, with the schema in place.
func Open(t testing.TB) *neo4jdb.DB {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Fatal("NEO4J_URI is not set: this test needs a real Neo4j. Run `make test`, which starts one, " +
			"or point NEO4J_URI at a Neo4j whose data may be deleted.")
	}
	once.Do(func() {
		ctx := context.Background()
		shared, err = neo4jdb.Open(ctx, neo4jdb.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
		if err == nil {
			err = shared.EnsureSchema(ctx)
		}
	})
	if err != nil {
		t.Fatalf("connect to Neo4j at %s: %v", uri, err)
	}
	return shared
}

// Start runs a Neo4j of the test's own on dataDir and port (0: a free one), from the launcher
// `make test` built in $SAMENSPEL_HOME; for tests that stop or kill their database. It is stopped
// when the test ends.
func Start(t testing.TB, dataDir string, port int) *localneo4j.Instance {
	t.Helper()
	home := os.Getenv("SAMENSPEL_HOME")
	if home == "" {
		t.Fatal("SAMENSPEL_HOME is not set: this test starts a Neo4j of its own from the launcher `make test` builds there. Run `make test`.")
	}
	inst, err := localneo4j.Start(context.Background(), localneo4j.Options{Home: home, DataDir: dataDir, Port: port, Heap: "512m"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.Stop() })
	return inst
}

// Empty returns the test database with every node deleted.
func Empty(t testing.TB) *neo4jdb.DB {
	t.Helper()
	db := Open(t)
	if err := db.DeleteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// WithDefaultData returns the test database holding exactly the default CBS dataset.
func WithDefaultData(t testing.TB) *neo4jdb.DB {
	t.Helper()
	db := Empty(t)
	ds, _, err := importer.LoadManifest(data.CBS, data.CBSRoot+"/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), ds, nil); err != nil {
		t.Fatal(err)
	}
	return db
}
