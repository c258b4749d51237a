package neo4jdb

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// batchSize is the number of rows per UNWIND statement.
const batchSize = 1000

// Progress is told how many rows of the dataset have been written so far, out of total.
type Progress func(done, total int)

const (
	cypherMissingRegions = `
UNWIND $keys AS k
OPTIONAL MATCH (r:Region {key: k})
WITH k, r WHERE r IS NULL
RETURN k AS key`

	cypherMissingOrganisations = `
UNWIND $ids AS id
OPTIONAL MATCH (o:Organisation {id: id})
WITH id, o WHERE o IS NULL
RETURN id`

	cypherDivisionVintages = `
UNWIND $keys AS k
MATCH (d:Division {key: k})
RETURN d.key AS key, coalesce(d.vintages, []) AS vintages`

	// Only properties that differ are written, so that a repeated import reports no changes.
	cypherMergeDivisions = `
UNWIND $rows AS row
MERGE (d:Division {key: row.key})
WITH d, row WHERE d.name IS NULL OR d.name <> row.name OR d.vintages IS NULL OR d.vintages <> row.vintages
SET d.name = row.name, d.vintages = row.vintages`

	cypherMergeOrganisations = `
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
WITH o, row WHERE any(k IN keys(row.props) WHERE o[k] IS NULL OR o[k] <> row.props[k])
SET o += row.props`

	cypherMergeRegions = `
UNWIND $rows AS row
MATCH (d:Division {key: row.division})
MERGE (r:Region {key: row.key})
ON CREATE SET r.division = row.division, r.code = row.code, r.name = coalesce(row.name, row.code)
MERGE (r)-[:IN_DIVISION]->(d)
WITH r, row WHERE row.name IS NOT NULL AND r.name <> row.name
SET r.name = row.name`

	cypherExistingMemberships = `
UNWIND $tables AS t
MATCH (o:Organisation)-[m:MEMBER_OF {vintage: t.vintage}]->(r:Region {division: t.division})
RETURN o.id AS org, r.key AS region, m.vintage AS vintage`

	cypherDeleteMemberships = `
UNWIND $rows AS row
MATCH (:Organisation {id: row.org})-[m:MEMBER_OF {vintage: row.vintage}]->(:Region {key: row.region})
DELETE m`

	cypherMergeMemberships = `
UNWIND $rows AS row
MATCH (o:Organisation {id: row.org})
MATCH (r:Region {key: row.region})
MERGE (o)-[m:MEMBER_OF {vintage: row.vintage}]->(r)
ON CREATE SET m.from = row.vintage`

	// A membership holds until the next vintage of its division.
	cypherMembershipUntil = `
UNWIND $divisions AS div
MATCH (d:Division {key: div})
MATCH (:Organisation)-[m:MEMBER_OF]->(:Region {division: div})
WITH m, [v IN d.vintages WHERE v > m.vintage][0] AS until
WITH m, until WHERE coalesce(m.until, date('9999-12-31')) <> coalesce(until, date('9999-12-31'))
SET m.until = until`

	cypherMergeMergers = `
UNWIND $rows AS row
MATCH (a:Organisation {id: row.from})
MATCH (b:Organisation {id: row.into})
MERGE (a)-[m:MERGED_INTO {date: row.date}]->(b)
ON CREATE SET m.type = row.type`

	cypherMergeGoverns = `
UNWIND $rows AS row
MATCH (o:Organisation {id: row.org})
MATCH (r:Region {key: row.region})
MERGE (o)-[:GOVERNS]->(r)`

	cypherIsEmpty = `MATCH (o:Organisation) RETURN count(o) = 0 AS empty`
)

// IsEmpty reports whether the database holds no organisations yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	recs, err := db.read(ctx, cypherIsEmpty, nil)
	if err != nil {
		return false, fmt.Errorf("neo4j: is empty: %w", err)
	}
	empty, _, err := neo4j.GetRecordValue[bool](recs[0], "empty")
	return empty, err
}

// Import writes ds in one transaction: either all of it lands or nothing does. It reports a
// *samenspel.InputError when ds refers to regions or organisations that neither ds nor the
// database holds.
func (db *DB) Import(ctx context.Context, ds samenspel.Dataset, progress Progress) (samenspel.ImportSummary, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	sum := samenspel.ImportSummary{
		Organisations: len(ds.Organisations), Divisions: len(ds.Divisions), Regions: len(ds.Regions),
		Memberships: len(ds.Memberships), Mergers: len(ds.Mergers),
	}
	total := len(ds.Organisations) + len(ds.Divisions) + len(ds.Regions) + len(ds.Memberships) + len(ds.Mergers) + len(ds.Governs)
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)

	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		sum.NodesCreated, sum.RelationshipsAdded, sum.RelationshipsGone, sum.PropertiesSet = 0, 0, 0, 0
		done := 0
		w := &txWriter{ctx: ctx, tx: tx, sum: &sum, step: func(n int) { done += n; progress(done, total) }}
		if err := checkReferences(w, ds); err != nil {
			return nil, err
		}
		if err := w.divisions(ds.Divisions); err != nil {
			return nil, err
		}
		steps := []struct {
			cypher string
			rows   []map[string]any
		}{
			{cypherMergeOrganisations, organisationRows(ds.Organisations)},
			{cypherMergeRegions, regionRows(ds.Regions)},
		}
		for _, s := range steps {
			if err := w.batched(s.cypher, s.rows); err != nil {
				return nil, err
			}
		}
		if err := w.replaceMemberships(ds); err != nil {
			return nil, err
		}
		if err := w.batched(cypherMergeMemberships, membershipRows(ds.Memberships)); err != nil {
			return nil, err
		}
		if err := w.membershipUntil(ds); err != nil {
			return nil, err
		}
		if err := w.batched(cypherMergeMergers, mergerRows(ds.Mergers)); err != nil {
			return nil, err
		}
		if err := w.batched(cypherMergeGoverns, governsRows(ds.Governs)); err != nil {
			return nil, err
		}
		if sum.Changed() { // a repeated import stays a no-op
			if err := w.audit(map[string]any{"organisations": len(ds.Organisations), "regions": len(ds.Regions), "memberships": len(ds.Memberships),
				"nodesCreated": sum.NodesCreated, "relationshipsAdded": sum.RelationshipsAdded, "relationshipsRemoved": sum.RelationshipsGone}); err != nil {
				return nil, err
			}
			_, _, err := runTx(w.ctx, w.tx, cypherBumpVersion, nil) // not counted as a change of the data itself
			return nil, err
		}
		return nil, nil
	})
	if err != nil {
		return samenspel.ImportSummary{}, err
	}
	return sum, nil
}

// audit writes the bulk change's audit event in its transaction.
func (w *txWriter) audit(after map[string]any) error {
	return writeAuditEvent(w.ctx, func(cypher string, p map[string]any) error {
		_, _, err := runTx(w.ctx, w.tx, cypher, p)
		return err
	}, auditEvent{after: after})
}

type txWriter struct {
	ctx  context.Context
	tx   neo4j.ManagedTransaction
	sum  *samenspel.ImportSummary
	step func(n int)
}

func (w *txWriter) run(cypher string, params map[string]any) ([]*neo4j.Record, error) {
	recs, c, err := runTx(w.ctx, w.tx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: import: %w", err)
	}
	w.sum.NodesCreated += c.NodesCreated()
	w.sum.RelationshipsAdded += c.RelationshipsCreated()
	w.sum.RelationshipsGone += c.RelationshipsDeleted()
	w.sum.PropertiesSet += c.PropertiesSet()
	return recs, nil
}

func (w *txWriter) batched(cypher string, rows []map[string]any) error {
	for start := 0; start < len(rows); start += batchSize {
		end := min(start+batchSize, len(rows))
		if _, err := w.run(cypher, map[string]any{"rows": rows[start:end]}); err != nil {
			return err
		}
		w.step(end - start)
	}
	return nil
}

func checkReferences(w *txWriter, ds samenspel.Dataset) error {
	declaredRegions := map[string]bool{}
	for _, r := range ds.Regions {
		declaredRegions[r.Key()] = true
	}
	declaredOrgs := map[string]bool{}
	for _, o := range ds.Organisations {
		declaredOrgs[o.ID] = true
	}
	firstPos := map[string]samenspel.Pos{}
	var regionKeys, orgIDs []string
	for _, m := range ds.Memberships {
		key := samenspel.RegionKey(m.Division, m.RegionCode)
		if !declaredRegions[key] {
			if _, seen := firstPos[key]; !seen {
				firstPos[key] = m.Pos
				regionKeys = append(regionKeys, key)
			}
		}
		if !declaredOrgs[m.OrganisationID] {
			if _, seen := firstPos["org:"+m.OrganisationID]; !seen {
				firstPos["org:"+m.OrganisationID] = m.Pos
				orgIDs = append(orgIDs, m.OrganisationID)
			}
		}
	}
	if len(regionKeys) > 0 {
		recs, err := w.run(cypherMissingRegions, map[string]any{"keys": regionKeys})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			key, _, _ := neo4j.GetRecordValue[string](recs[0], "key")
			return &samenspel.InputError{Pos: firstPos[key], Message: fmt.Sprintf("unknown region %q: it is in no divisions file of this import and not in the database", key)}
		}
	}
	if len(orgIDs) > 0 {
		recs, err := w.run(cypherMissingOrganisations, map[string]any{"ids": orgIDs})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			id, _, _ := neo4j.GetRecordValue[string](recs[0], "id")
			return &samenspel.InputError{Pos: firstPos["org:"+id], Message: fmt.Sprintf("unknown organisation %q", id)}
		}
	}
	return nil
}

// divisions merges the divisions, adding the dataset's vintages to the stored ones.
func (w *txWriter) divisions(divs []samenspel.Division) error {
	if len(divs) == 0 {
		return nil
	}
	keys := make([]string, len(divs))
	for i, d := range divs {
		keys[i] = d.Key
	}
	recs, err := w.run(cypherDivisionVintages, map[string]any{"keys": keys})
	if err != nil {
		return err
	}
	stored := map[string][]any{}
	for _, rec := range recs {
		key, _, _ := neo4j.GetRecordValue[string](rec, "key")
		v, _, _ := neo4j.GetRecordValue[[]any](rec, "vintages")
		stored[key] = v
	}
	rows := make([]map[string]any, 0, len(divs))
	for _, d := range divs {
		set := map[string]samenspel.Date{}
		for _, v := range stored[d.Key] {
			if nd, ok := v.(neo4j.Date); ok {
				dd := samenspel.DateOf(nd.Time())
				set[dd.String()] = dd
			}
		}
		for _, v := range d.Vintages {
			set[v.String()] = v
		}
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		vintages := make([]any, len(keys))
		for i, k := range keys {
			vintages[i] = dateParam(set[k])
		}
		rows = append(rows, map[string]any{"key": d.Key, "name": d.Name, "vintages": vintages})
	}
	_, err = w.run(cypherMergeDivisions, map[string]any{"rows": rows})
	w.step(len(divs))
	return err
}

// replaceMemberships removes stored memberships of the tables the dataset carries in full that
// the dataset no longer contains (a corrected table replaces its earlier import).
func (w *txWriter) replaceMemberships(ds samenspel.Dataset) error {
	if len(ds.Replace) == 0 {
		return nil
	}
	tables := make([]map[string]any, len(ds.Replace))
	for i, t := range ds.Replace {
		tables[i] = map[string]any{"division": t.Division, "vintage": dateParam(t.Vintage)}
	}
	recs, err := w.run(cypherExistingMemberships, map[string]any{"tables": tables})
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, m := range ds.Memberships {
		keep[m.OrganisationID+"|"+samenspel.RegionKey(m.Division, m.RegionCode)+"|"+m.Vintage.String()] = true
	}
	var stale []map[string]any
	for _, rec := range recs {
		org, _, _ := neo4j.GetRecordValue[string](rec, "org")
		region, _, _ := neo4j.GetRecordValue[string](rec, "region")
		v, _, _ := neo4j.GetRecordValue[neo4j.Date](rec, "vintage")
		if !keep[org+"|"+region+"|"+samenspel.DateOf(v.Time()).String()] {
			stale = append(stale, map[string]any{"org": org, "region": region, "vintage": v})
		}
	}
	for start := 0; start < len(stale); start += batchSize {
		if _, err := w.run(cypherDeleteMemberships, map[string]any{"rows": stale[start:min(start+batchSize, len(stale))]}); err != nil {
			return err
		}
	}
	return nil
}

func (w *txWriter) membershipUntil(ds samenspel.Dataset) error {
	seen := map[string]bool{}
	var divs []string
	for _, d := range ds.Divisions {
		if !seen[d.Key] {
			seen[d.Key] = true
			divs = append(divs, d.Key)
		}
	}
	if len(divs) == 0 {
		return nil
	}
	_, err := w.run(cypherMembershipUntil, map[string]any{"divisions": divs})
	return err
}

func organisationRows(orgs []samenspel.Organisation) []map[string]any {
	rows := make([]map[string]any, len(orgs))
	for i, o := range orgs {
		props := map[string]any{"id": o.ID}
		if o.Code != "" {
			props["code"] = o.Code
		}
		if o.Name != "" {
			props["name"] = o.Name
		}
		if o.Kind != "" {
			props["kind"] = string(o.Kind)
		}
		if o.ValidFrom != nil {
			props["validFrom"] = dateParam(*o.ValidFrom)
		}
		if o.ValidUntil != nil {
			props["validUntil"] = dateParam(*o.ValidUntil)
		}
		rows[i] = map[string]any{"id": o.ID, "props": props}
	}
	return rows
}

func regionRows(regions []samenspel.Region) []map[string]any {
	rows := make([]map[string]any, len(regions))
	for i, r := range regions {
		var name any
		if r.Name != "" {
			name = r.Name
		}
		rows[i] = map[string]any{"key": r.Key(), "division": r.Division, "code": r.Code, "name": name}
	}
	return rows
}

func membershipRows(ms []samenspel.MembershipRow) []map[string]any {
	rows := make([]map[string]any, len(ms))
	for i, m := range ms {
		rows[i] = map[string]any{"org": m.OrganisationID, "region": samenspel.RegionKey(m.Division, m.RegionCode), "vintage": dateParam(m.Vintage)}
	}
	return rows
}

func mergerRows(ms []samenspel.Merger) []map[string]any {
	rows := make([]map[string]any, len(ms))
	for i, m := range ms {
		rows[i] = map[string]any{"from": m.FromID, "into": m.IntoID, "date": dateParam(m.Date), "type": m.Type}
	}
	return rows
}

func governsRows(gs []samenspel.Governs) []map[string]any {
	rows := make([]map[string]any, len(gs))
	for i, g := range gs {
		rows[i] = map[string]any{"org": g.OrganisationID, "region": samenspel.RegionKey(g.Division, g.RegionCode)}
	}
	return rows
}

// DeleteAll removes every node and relationship (the schema stays). Tests use it to start from an
// empty database.
func (db *DB) DeleteAll(ctx context.Context) error {
	if _, err := db.write(ctx, "MATCH (n) DETACH DELETE n", nil); err != nil {
		return fmt.Errorf("neo4j: delete all: %w", err)
	}
	if _, err := db.write(ctx, "MERGE (m:Meta {key: 'version'}) ON CREATE SET m.writes = 0", nil); err != nil {
		return fmt.Errorf("neo4j: data version: %w", err)
	}
	return nil
}
