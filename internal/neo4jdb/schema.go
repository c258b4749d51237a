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
	for _, stmt := range append(schemaStatements, opgaveSchema...) {
		if _, err := db.write(ctx, stmt, nil); err != nil {
			return fmt.Errorf("neo4j: schema: %w", err)
		}
	}
	if _, err := db.write(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return fmt.Errorf("neo4j: await indexes: %w", err)
	}
	// The data-version node exists from the start, so that two first writes do not both create it.
	if _, err := db.write(ctx, "MERGE (m:Meta {key: 'version'}) ON CREATE SET m.writes = 0", nil); err != nil {
		return fmt.Errorf("neo4j: data version: %w", err)
	}
	return nil
}

// opgaveSchema adds the constraints and indexes of the opgave model.
var opgaveSchema = []string{
	"CREATE CONSTRAINT opgave_id IF NOT EXISTS FOR (o:Opgave) REQUIRE o.id IS UNIQUE",
	"CREATE CONSTRAINT opgave_client_key IF NOT EXISTS FOR (o:Opgave) REQUIRE o.clientKey IS UNIQUE",
	"CREATE CONSTRAINT role_id IF NOT EXISTS FOR (r:Role) REQUIRE r.id IS UNIQUE",
	"CREATE CONSTRAINT role_client_key IF NOT EXISTS FOR (r:Role) REQUIRE r.clientKey IS UNIQUE",
	"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE",
	"CREATE CONSTRAINT person_client_key IF NOT EXISTS FOR (p:Person) REQUIRE p.clientKey IS UNIQUE",
	"CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (i:Instrument) REQUIRE i.id IS UNIQUE",
	"CREATE CONSTRAINT instrument_client_key IF NOT EXISTS FOR (i:Instrument) REQUIRE i.clientKey IS UNIQUE",
	"CREATE CONSTRAINT organisation_client_key IF NOT EXISTS FOR (o:Organisation) REQUIRE o.clientKey IS UNIQUE",
	"CREATE INDEX opgave_title IF NOT EXISTS FOR (o:Opgave) ON (o.title)",
	"CREATE CONSTRAINT trust_id IF NOT EXISTS FOR (t:TrustAssessment) REQUIRE t.id IS UNIQUE",
	"CREATE CONSTRAINT trust_client_key IF NOT EXISTS FOR (t:TrustAssessment) REQUIRE t.clientKey IS UNIQUE",
	// A row of a spreadsheet import is found again by its keeper's key (beheerder/sleutel).
	"CREATE CONSTRAINT opgave_external_key IF NOT EXISTS FOR (o:Opgave) REQUIRE o.externalKey IS UNIQUE",
	"CREATE CONSTRAINT role_external_key IF NOT EXISTS FOR (r:Role) REQUIRE r.externalKey IS UNIQUE",
	"CREATE CONSTRAINT person_external_key IF NOT EXISTS FOR (p:Person) REQUIRE p.externalKey IS UNIQUE",
	"CREATE CONSTRAINT instrument_external_key IF NOT EXISTS FOR (i:Instrument) REQUIRE i.externalKey IS UNIQUE",
	"CREATE CONSTRAINT trust_external_key IF NOT EXISTS FOR (t:TrustAssessment) REQUIRE t.externalKey IS UNIQUE",
	"CREATE CONSTRAINT interest_external_key IF NOT EXISTS FOR (i:Interest) REQUIRE i.externalKey IS UNIQUE",
	"CREATE CONSTRAINT interest_conflict_external_key IF NOT EXISTS FOR (c:InterestConflict) REQUIRE c.externalKey IS UNIQUE",
	"CREATE CONSTRAINT agreement_external_key IF NOT EXISTS FOR (g:Agreement) REQUIRE g.externalKey IS UNIQUE",
	"CREATE CONSTRAINT check_in_external_key IF NOT EXISTS FOR (k:CheckIn) REQUIRE k.externalKey IS UNIQUE",
	"CREATE CONSTRAINT result_external_key IF NOT EXISTS FOR (r:Result) REQUIRE r.externalKey IS UNIQUE",
	"CREATE CONSTRAINT lesson_external_key IF NOT EXISTS FOR (l:Lesson) REQUIRE l.externalKey IS UNIQUE",
	"CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE",
	// Every authenticated request looks its key up by hash.
	"CREATE CONSTRAINT apikey_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE",
	"CREATE CONSTRAINT apikey_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
	"CREATE INDEX audit_at IF NOT EXISTS FOR (e:AuditEvent) ON (e.at)",
	"CREATE INDEX audit_actor IF NOT EXISTS FOR (e:AuditEvent) ON (e.actor)",
	"CREATE INDEX opgave_status IF NOT EXISTS FOR (o:Opgave) ON (o.status)",
	"CREATE CONSTRAINT interest_id IF NOT EXISTS FOR (i:Interest) REQUIRE i.id IS UNIQUE",
	"CREATE CONSTRAINT interest_client_key IF NOT EXISTS FOR (i:Interest) REQUIRE i.clientKey IS UNIQUE",
	"CREATE CONSTRAINT interest_conflict_id IF NOT EXISTS FOR (c:InterestConflict) REQUIRE c.id IS UNIQUE",
	"CREATE CONSTRAINT interest_conflict_client_key IF NOT EXISTS FOR (c:InterestConflict) REQUIRE c.clientKey IS UNIQUE",
	"CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (g:Agreement) REQUIRE g.id IS UNIQUE",
	"CREATE CONSTRAINT agreement_client_key IF NOT EXISTS FOR (g:Agreement) REQUIRE g.clientKey IS UNIQUE",
	"CREATE CONSTRAINT check_in_id IF NOT EXISTS FOR (k:CheckIn) REQUIRE k.id IS UNIQUE",
	"CREATE CONSTRAINT check_in_client_key IF NOT EXISTS FOR (k:CheckIn) REQUIRE k.clientKey IS UNIQUE",
	"CREATE CONSTRAINT result_id IF NOT EXISTS FOR (r:Result) REQUIRE r.id IS UNIQUE",
	"CREATE CONSTRAINT result_client_key IF NOT EXISTS FOR (r:Result) REQUIRE r.clientKey IS UNIQUE",
	"CREATE CONSTRAINT lesson_id IF NOT EXISTS FOR (l:Lesson) REQUIRE l.id IS UNIQUE",
	"CREATE CONSTRAINT lesson_client_key IF NOT EXISTS FOR (l:Lesson) REQUIRE l.clientKey IS UNIQUE",
	"CREATE INDEX lesson_date IF NOT EXISTS FOR (l:Lesson) ON (l.date)",
	"CREATE INDEX agreement_due IF NOT EXISTS FOR (g:Agreement) ON (g.dueDate)",
	// One full-text index over everything the search box finds. The standard-folding analyzer
	// folds diacritics (Fryslân matches fryslan) and fuzzy terms tolerate small typos.
	`CREATE FULLTEXT INDEX search IF NOT EXISTS FOR (n:Organisation|Region|Opgave|Person) ON EACH [n.name, n.title, n.goal]
	 OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'standard-folding', ` + "`fulltext.eventually_consistent`" + `: false}}`,
}
