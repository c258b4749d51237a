package neo4jdb

import (
	"context"
	"fmt"
)

// schemaStatements create the constraints and indexes; each is idempotent.
var schemaStatements = []string{
	"CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE",
	"CREATE CONSTRAINT division_key IF NOT EXISTS FOR (d:Division) REQUIRE d.key IS UNIQUE",
	"CREATE CONSTRAINT region_key IF NOT EXISTS FOR (r:Region) REQUIRE r.key IS UNIQUE",
	"CREATE INDEX organisation_code IF NOT EXISTS FOR (o:Organisation) ON (o.code)",
	"CREATE INDEX organisation_kind_name IF NOT EXISTS FOR (o:Organisation) ON (o.kind, o.name)",
	"CREATE INDEX organisation_name IF NOT EXISTS FOR (o:Organisation) ON (o.name)",
	"CREATE INDEX region_division_code IF NOT EXISTS FOR (r:Region) ON (r.division, r.code)",
}

// EnsureSchema creates the constraints and indexes the queries rely on and waits until they are
// online.
func (db *DB) EnsureSchema(ctx context.Context) error {
	for _, stmt := range schemaStatements {
		if _, err := db.write(ctx, stmt, nil); err != nil {
			return fmt.Errorf("neo4j: schema: %w", err)
		}
	}
	if _, err := db.write(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return fmt.Errorf("neo4j: await indexes: %w", err)
	}
	return nil
}
