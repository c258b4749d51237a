package neo4jdb

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Divisions, regions and their members: the public register of region divisions.

var (
	cypherDivisions = `
MATCH (d:Division)
WHERE $key IS NULL OR d.key = $key
RETURN d.key AS key, d.name AS name, d.vintages AS vintages
ORDER BY d.key`

	cypherRegionsByKey = `
UNWIND $keys AS key
MATCH (r:Region {key: key})
RETURN r` + regionProjection + ` AS r`

	cypherRegionsOfDivisions = `
UNWIND $keys AS key
MATCH (r:Region {division: key})
WHERE $at IS NULL OR EXISTS { ` + activeMember("g", "m", "r") + ` }
WITH key, r ORDER BY r.code
RETURN key, collect(r` + regionProjection + `) AS regions`

	cypherRegions = `
CALL () {
  WITH $count AS counted WHERE counted
  MATCH (r:Region)
  WHERE ($division IS NULL OR r.division = $division)
    AND ($name IS NULL OR toLower(r.name) CONTAINS $name)
    AND ($code IS NULL OR r.code = $code)
  RETURN count(r) AS total
}
CALL () {
  MATCH (r:Region)
  WHERE ($division IS NULL OR r.division = $division)
    AND ($name IS NULL OR toLower(r.name) CONTAINS $name)
    AND ($code IS NULL OR r.code = $code)
    AND ($after IS NULL OR r.key > $after)
  WITH r ORDER BY r.key LIMIT $limit
  RETURN collect(r` + regionProjection + `) AS rows
}
RETURN total, rows`

	cypherRegionMembers = `
UNWIND $keys AS key
MATCH (r:Region {key: key})
CALL (r) {
  ` + activeMember("g", "m", "r") + `
  RETURN count(DISTINCT g) AS total
}
CALL (r) {
  ` + activeMember("g", "m", "r") + `
  WITH DISTINCT g
  WHERE $afterName IS NULL OR g.name > $afterName OR (g.name = $afterName AND g.id > $afterId)
  WITH g ORDER BY g.name, g.id LIMIT $limit
  RETURN collect(g` + orgProjection + `) AS rows
}
RETURN key, total, rows`

	cypherRegionMemberCounts = `
UNWIND $keys AS key
MATCH (r:Region {key: key})
RETURN key, COUNT { ` + activeMember("g", "m", "r") + ` RETURN DISTINCT g } AS total`

	// For each region: the regions of other divisions sharing gemeenten with it on $at, with the
	// number shared and both sizes.
	cypherOverlaps = `
UNWIND $keys AS key
MATCH (r:Region {key: key})
CALL (r) {
  ` + activeMember("g", "m", "r") + `
  RETURN collect(DISTINCT g) AS gs
}
UNWIND gs AS g
MATCH (g)-[m2:MEMBER_OF]->(o:Region)
WHERE o.division <> r.division AND ($division IS NULL OR o.division = $division) AND ` + memberActive("m2") + `
WITH key, size(gs) AS size, o, count(DISTINCT g) AS shared
CALL (o) {
  ` + activeMember("g2", "m3", "o") + `
  RETURN count(DISTINCT g2) AS otherSize
}
WITH key, size, o, shared, otherSize ORDER BY key, shared DESC, o.division, o.code
RETURN collect({key: key, size: size, r: o` + regionProjection + `, shared: shared, otherSize: otherSize}) AS rows`

	cypherCongruenceCells = `
MATCH (g:Organisation)-[ma:MEMBER_OF]->(ra:Region {division: $a})
WHERE ` + memberActive("ma") + ` AND ` + orgActive("g") + `
MATCH (g)-[mb:MEMBER_OF]->(rb:Region {division: $b})
WHERE ` + memberActive("mb") + `
RETURN ra.code AS a, rb.code AS b, count(DISTINCT g) AS shared`

	// All memberships on $at as (gemeente, division, region code): the input for the
	// border-conflict ranking, which is computed in Go.
	cypherAssignments = `
MATCH (g:Organisation)-[m:MEMBER_OF]->(r:Region)
WHERE ` + memberActive("m") + ` AND ` + orgActive("g") + `
  AND ($divisions IS NULL OR r.division IN $divisions)
RETURN collect([g.id, r.division, r.code]) AS rows`
)

// Divisions returns every division, or only the one with key when key is not empty.
func (db *DB) Divisions(ctx context.Context, key string) ([]samenspel.Division, error) {
	recs, err := db.read(ctx, cypherDivisions, map[string]any{"key": nilIfEmpty(key)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: divisions: %w", err)
	}
	out := make([]samenspel.Division, 0, len(recs))
	for _, rec := range recs {
		d := samenspel.Division{Key: str(recValue(rec, "key")), Name: str(recValue(rec, "name"))}
		for _, v := range anySlice(recValue(rec, "vintages")) {
			d.Vintages = append(d.Vintages, toDate(v))
		}
		out = append(out, d)
	}
	return out, nil
}

// RegionsByKey returns the regions with the given keys, keyed by key; unknown keys are absent.
func (db *DB) RegionsByKey(ctx context.Context, keys []string) (map[string]samenspel.Region, error) {
	recs, err := db.read(ctx, cypherRegionsByKey, map[string]any{"keys": keys})
	if err != nil {
		return nil, fmt.Errorf("neo4j: regions by key: %w", err)
	}
	out := make(map[string]samenspel.Region, len(recs))
	for _, rec := range recs {
		r := toRegion(recValue(rec, "r"))
		out[r.Key()] = r
	}
	return out, nil
}

// RegionsOfDivisions returns the regions of each division key, ordered by code: those with a
// gemeente on at, or every region when at is nil.
func (db *DB) RegionsOfDivisions(ctx context.Context, keys []string, at *samenspel.Date) (map[string][]samenspel.Region, error) {
	recs, err := db.read(ctx, cypherRegionsOfDivisions, map[string]any{"keys": keys, "at": optDateParam(at)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: regions of divisions: %w", err)
	}
	out := make(map[string][]samenspel.Region, len(keys))
	for _, rec := range recs {
		key := str(recValue(rec, "key"))
		for _, r := range anySlice(recValue(rec, "regions")) {
			out[key] = append(out[key], toRegion(r))
		}
	}
	return out, nil
}

// Regions returns one page of regions matching f, ordered by division and code.
func (db *DB) Regions(ctx context.Context, f samenspel.RegionFilter, page samenspel.Page) (samenspel.Connection[samenspel.Region], error) {
	var conn samenspel.Connection[samenspel.Region]
	after, err := samenspel.DecodeCursor("after", page.After)
	if err != nil {
		return conn, err
	}
	params := map[string]any{
		"division": nilIfEmpty(f.Division), "name": nilIfEmpty(strings.ToLower(f.NameContains)),
		"code": nilIfEmpty(f.Code), "after": nil, "limit": page.First + 1, "count": page.Count,
	}
	if after != nil {
		params["after"] = after.ID
		conn.HasPrev = true
	}
	recs, err := db.read(ctx, cypherRegions, params)
	if err != nil {
		return conn, fmt.Errorf("neo4j: regions: %w", err)
	}
	conn.Total = integer(recValue(recs[0], "total"))
	for i, row := range anySlice(recValue(recs[0], "rows")) {
		if i == page.First {
			conn.HasNext = true
			break
		}
		r := toRegion(row)
		conn.Items = append(conn.Items, r)
		conn.Cursors = append(conn.Cursors, samenspel.Cursor{ID: r.Key()}.Encode())
	}
	return conn, nil
}

// RegionMembers returns, for each region key, one page of its gemeenten on at (ordered by name)
// and their total.
func (db *DB) RegionMembers(ctx context.Context, keys []string, at samenspel.Date, page samenspel.Page) (map[string]samenspel.Connection[samenspel.Organisation], error) {
	after, err := samenspel.DecodeCursor("after", page.After)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"keys": keys, "at": dateParam(at), "afterName": nil, "afterId": nil, "limit": page.First + 1}
	if after != nil {
		params["afterName"], params["afterId"] = after.Key, after.ID
	}
	recs, err := db.read(ctx, cypherRegionMembers, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: region members: %w", err)
	}
	out := make(map[string]samenspel.Connection[samenspel.Organisation], len(recs))
	for _, rec := range recs {
		conn := samenspel.Connection[samenspel.Organisation]{HasPrev: after != nil, Total: integer(recValue(rec, "total"))}
		for i, row := range anySlice(recValue(rec, "rows")) {
			if i == page.First {
				conn.HasNext = true
				break
			}
			o := toOrganisation(row)
			conn.Items = append(conn.Items, o)
			conn.Cursors = append(conn.Cursors, samenspel.Cursor{Key: o.Name, ID: o.ID}.Encode())
		}
		out[str(recValue(rec, "key"))] = conn
	}
	return out, nil
}

// RegionMemberCounts returns, for each region key, the number of its gemeenten on at.
func (db *DB) RegionMemberCounts(ctx context.Context, keys []string, at samenspel.Date) (map[string]int, error) {
	recs, err := db.read(ctx, cypherRegionMemberCounts, map[string]any{"keys": keys, "at": dateParam(at)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: region member counts: %w", err)
	}
	out := make(map[string]int, len(recs))
	for _, rec := range recs {
		out[str(recValue(rec, "key"))] = integer(recValue(rec, "total"))
	}
	return out, nil
}

// Overlaps returns, for each region key, the regions of other divisions (or only of division)
// that share gemeenten with it on at, sorted by shared descending.
func (db *DB) Overlaps(ctx context.Context, keys []string, at samenspel.Date, division string) (map[string][]samenspel.RegionOverlap, error) {
	rows, err := db.rows(ctx, "overlaps", cypherOverlaps, map[string]any{"keys": keys, "at": dateParam(at), "division": nilIfEmpty(division)})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.RegionOverlap{}
	for _, r := range rows {
		key := str(r["key"])
		ov := samenspel.ComputeOverlap(integer(r["size"]), integer(r["otherSize"]), integer(r["shared"]))
		out[key] = append(out[key], samenspel.RegionOverlap{Region: toRegion(r["r"]), Shared: ov.Shared, Jaccard: ov.Jaccard, ShareOfThis: ov.ShareOfThis, ShareOfOther: ov.ShareOfOther})
	}
	return out, nil
}

// CongruenceCells returns the non-empty cells of the contingency matrix of divisions a and b on at.
func (db *DB) CongruenceCells(ctx context.Context, a, b string, at samenspel.Date) ([]samenspel.Cell, error) {
	recs, err := db.read(ctx, cypherCongruenceCells, map[string]any{"a": a, "b": b, "at": dateParam(at)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: congruence %s/%s: %w", a, b, err)
	}
	cells := make([]samenspel.Cell, len(recs))
	for i, rec := range recs {
		cells[i] = samenspel.Cell{A: str(recValue(rec, "a")), B: str(recValue(rec, "b")), Shared: integer(recValue(rec, "shared"))}
	}
	return cells, nil
}

// Assignments returns every gemeente's region code per division on at (only the given divisions
// when the list is not empty).
func (db *DB) Assignments(ctx context.Context, at samenspel.Date, divisions []string) (samenspel.Assignments, error) {
	recs, err := db.read(ctx, cypherAssignments, map[string]any{"at": dateParam(at), "divisions": nilIfEmptyList(divisions)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: assignments: %w", err)
	}
	out := samenspel.Assignments{}
	for _, row := range anySlice(recValue(recs[0], "rows")) {
		r := anySlice(row)
		out.Add(str(r[1]), str(r[0]), str(r[2]))
	}
	return out, nil
}
