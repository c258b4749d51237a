package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Fragments shared by the queries. They are Go constants, never user input.
const (
	orgProjection    = "{.id, .code, .name, .kind, .validFrom, .validUntil, .generated}"
	regionProjection = "{.key, .division, .code, .name}"
)

// orgActive is the condition that organisation variable v exists on $at.
func orgActive(v string) string {
	return fmt.Sprintf("(%[1]s.validFrom IS NULL OR %[1]s.validFrom <= $at) AND (%[1]s.validUntil IS NULL OR $at < %[1]s.validUntil)", v)
}

// memberActive is the condition that membership relationship m holds on $at.
func memberActive(m string) string {
	return fmt.Sprintf("%[1]s.from <= $at AND (%[1]s.until IS NULL OR $at < %[1]s.until)", m)
}

// activeMember matches gemeente g in region r on $at.
func activeMember(g, m, r string) string {
	return fmt.Sprintf("MATCH (%s:Organisation)-[%s:MEMBER_OF]->(%s) WHERE %s AND %s", g, m, r, memberActive(m), orgActive(g))
}

var (
	cypherOrganisationsByID = `
UNWIND $ids AS id
MATCH (o:Organisation {id: id})
RETURN o` + orgProjection + ` AS o`

	cypherOrganisationByCode = `
MATCH (o:Organisation {code: $code})
RETURN o` + orgProjection + ` AS o
ORDER BY o.validUntil IS NULL DESC, o.validUntil DESC
LIMIT 1`

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

	cypherMemberships = `
UNWIND $ids AS id
MATCH (g:Organisation {id: id})-[m:MEMBER_OF]->(r:Region)
WHERE ($division IS NULL OR r.division = $division)
  AND ($at IS NULL OR (` + memberActive("m") + " AND " + orgActive("g") + `))
WITH id, r, m ORDER BY id, r.division, m.from, r.code
// One row holding every membership: the driver's per-record cost dominates for large results.
RETURN collect({id: id, r: r` + regionProjection + `, from: m.from, until: m.until, vintage: m.vintage}) AS rows`

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

	cypherNaturalPartners = `
UNWIND $ids AS id
MATCH (g:Organisation {id: id})
CALL (g) {
  MATCH (g)-[m:MEMBER_OF]->(r:Region)<-[m2:MEMBER_OF]-(p:Organisation)
  WHERE p <> g AND ` + memberActive("m") + ` AND ` + memberActive("m2") + ` AND ` + orgActive("p") + `
  WITH p, collect(DISTINCT r) AS regions
  ORDER BY size(regions) DESC, p.name, p.id
  LIMIT $first
  RETURN collect({p: p` + orgProjection + `, regions: [r IN regions | r` + regionProjection + `]}) AS partners
}
RETURN id, partners`

	cypherMergers = `
UNWIND $ids AS id
MATCH (o:Organisation {id: id})
OPTIONAL MATCH (o)-[out:MERGED_INTO]->(into:Organisation)
WITH id, o, collect(CASE WHEN into IS NULL THEN null ELSE {from: o.id, into: into.id, date: out.date, type: out.type} END) AS outs
OPTIONAL MATCH (from:Organisation)-[inc:MERGED_INTO]->(o)
RETURN id, outs, collect(CASE WHEN from IS NULL THEN null ELSE {from: from.id, into: o.id, date: inc.date, type: inc.type} END) AS ins`

	cypherGoverns = `
UNWIND $ids AS id
MATCH (o:Organisation {id: id})-[:GOVERNS]->(r:Region)
RETURN id, r` + regionProjection + ` AS r`
)

// OrganisationsByID returns the organisations with the given IDs, keyed by ID; unknown IDs are
// absent.
func (db *DB) OrganisationsByID(ctx context.Context, ids []string) (map[string]samenspel.Organisation, error) {
	recs, err := db.read(ctx, cypherOrganisationsByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("neo4j: organisations by id: %w", err)
	}
	out := make(map[string]samenspel.Organisation, len(recs))
	for _, rec := range recs {
		o := toOrganisation(recValue(rec, "o"))
		out[o.ID] = o
	}
	return out, nil
}

// OrganisationByCode returns the organisation with the code (the current one when a code was
// reused), or a not-found error.
func (db *DB) OrganisationByCode(ctx context.Context, code string) (samenspel.Organisation, error) {
	recs, err := db.read(ctx, cypherOrganisationByCode, map[string]any{"code": code})
	if err != nil {
		return samenspel.Organisation{}, fmt.Errorf("neo4j: organisation by code %q: %w", code, err)
	}
	if len(recs) == 0 {
		return samenspel.Organisation{}, samenspel.NotFoundf("code", "no organisation has code %q", code)
	}
	return toOrganisation(recValue(recs[0], "o")), nil
}

// organisationsList describes the organisations list for one sort order; the sort expression
// and direction come from this fixed table, never from the request.
func organisationsList(order samenspel.OrganisationOrder) keysetSpec {
	s := keysetSpec{label: "Organisation", sortExpr: "o.name", desc: order.Desc, projection: orgProjection,
		where: `WHERE ($kinds IS NULL OR o.kind IN $kinds)
    AND ($name IS NULL OR toLower(o.name) CONTAINS $name)
    AND ($code IS NULL OR o.code = $code)
    AND ($at IS NULL OR (` + orgActive("o") + `))`}
	switch order.Field {
	case samenspel.OrderByCode:
		s.sortExpr = "coalesce(o.code, '')"
	case samenspel.OrderByOpgaven:
		s.sortExpr, s.numeric = "toFloat(COUNT { MATCH (o)-[:HOLDS]->(:Role)-[:ON]->(op:Opgave) RETURN DISTINCT op })", true
	}
	return s
}

// Organisations returns one page of organisations matching f in order, and the total count.
func (db *DB) Organisations(ctx context.Context, f samenspel.OrganisationFilter, order samenspel.OrganisationOrder, page samenspel.Page) (samenspel.Connection[samenspel.Organisation], error) {
	params := map[string]any{
		"kinds": nil, "name": nilIfEmpty(strings.ToLower(f.NameContains)), "code": nilIfEmpty(f.Code), "at": optDateParam(f.ActiveAt),
	}
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = string(k)
		}
		params["kinds"] = kinds
	}
	return keysetPage(ctx, db, "organisations", organisationsList(order), params, page, toOrganisation,
		func(o samenspel.Organisation) string { return o.ID })
}

// Divisions returns every division, or only the one with key when key is not empty.
func (db *DB) Divisions(ctx context.Context, key string) ([]samenspel.Division, error) {
	recs, err := db.read(ctx, cypherDivisions, map[string]any{"key": nilIfEmpty(key)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: divisions: %w", err)
	}
	out := make([]samenspel.Division, 0, len(recs))
	for _, rec := range recs {
		d := samenspel.Division{}
		d.Key = str(recValue(rec, "key"))
		d.Name = str(recValue(rec, "name"))
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
		for _, r := range anySlice(recValue(rec, "regions")) {
			key := str(recValue(rec, "key"))
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
		"code": nilIfEmpty(f.Code), "after": nil, "limit": page.First + 1,
	}
	if after != nil {
		params["after"] = after.ID
		conn.HasPrev = true
	}
	recs, err := db.read(ctx, cypherRegions, params)
	if err != nil {
		return conn, fmt.Errorf("neo4j: regions: %w", err)
	}
	conn.Total = int(recValue(recs[0], "total").(int64))
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

// Memberships returns the memberships of each organisation, keyed by ID: those holding on at, or
// the whole history when at is nil; only in division when it is not empty.
func (db *DB) Memberships(ctx context.Context, ids []string, at *samenspel.Date, division string) (map[string][]samenspel.Membership, error) {
	recs, err := db.read(ctx, cypherMemberships, map[string]any{"ids": ids, "at": optDateParam(at), "division": nilIfEmpty(division)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: memberships: %w", err)
	}
	out := make(map[string][]samenspel.Membership, len(ids))
	for _, row := range anySlice(recValue(recs[0], "rows")) {
		r := row.(map[string]any)
		id := str(r["id"])
		out[id] = append(out[id], samenspel.Membership{
			OrganisationID: id,
			Region:         toRegion(r["r"]),
			From:           toDate(r["from"]),
			Vintage:        toDate(r["vintage"]),
			Until:          toOptDate(r["until"]),
		})
	}
	return out, nil
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
		conn := samenspel.Connection[samenspel.Organisation]{HasPrev: after != nil}
		conn.Total = int(recValue(rec, "total").(int64))
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

// Overlaps returns, for each region key, the regions of other divisions (or only of division)
// that share gemeenten with it on at, sorted by shared descending.
func (db *DB) Overlaps(ctx context.Context, keys []string, at samenspel.Date, division string) (map[string][]samenspel.RegionOverlap, error) {
	recs, err := db.read(ctx, cypherOverlaps, map[string]any{"keys": keys, "at": dateParam(at), "division": nilIfEmpty(division)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: overlaps: %w", err)
	}
	out := map[string][]samenspel.RegionOverlap{}
	for _, row := range anySlice(recValue(recs[0], "rows")) {
		r := row.(map[string]any)
		key := str(r["key"])
		ov := samenspel.ComputeOverlap(int(r["size"].(int64)), int(r["otherSize"].(int64)), int(r["shared"].(int64)))
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
		cells[i] = samenspel.Cell{A: str(recValue(rec, "a")), B: str(recValue(rec, "b")), Shared: int(recValue(rec, "shared").(int64))}
	}
	return cells, nil
}

// Assignments returns every gemeente's region code per division on at (only the given divisions
// when the list is not empty).
func (db *DB) Assignments(ctx context.Context, at samenspel.Date, divisions []string) (samenspel.Assignments, error) {
	var divs any
	if len(divisions) > 0 {
		divs = divisions
	}
	recs, err := db.read(ctx, cypherAssignments, map[string]any{"at": dateParam(at), "divisions": divs})
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

// NaturalPartners returns, for each organisation ID, at most first gemeenten sharing the most
// regions with it on at (ties by name).
func (db *DB) NaturalPartners(ctx context.Context, ids []string, at samenspel.Date, first int) (map[string][]samenspel.NaturalPartner, error) {
	recs, err := db.read(ctx, cypherNaturalPartners, map[string]any{"ids": ids, "at": dateParam(at), "first": first})
	if err != nil {
		return nil, fmt.Errorf("neo4j: natural partners: %w", err)
	}
	out := map[string][]samenspel.NaturalPartner{}
	for _, rec := range recs {
		id := str(recValue(rec, "id"))
		for _, p := range anySlice(recValue(rec, "partners")) {
			m := p.(map[string]any)
			np := samenspel.NaturalPartner{Organisation: toOrganisation(m["p"])}
			for _, r := range anySlice(m["regions"]) {
				np.Regions = append(np.Regions, toRegion(r))
			}
			sort.Slice(np.Regions, func(i, j int) bool { return np.Regions[i].Key() < np.Regions[j].Key() })
			out[id] = append(out[id], np)
		}
	}
	return out, nil
}

// Mergers returns, for each organisation ID, the mergers it went into and those it absorbed.
func (db *DB) Mergers(ctx context.Context, ids []string) (map[string]samenspel.MergerSet, error) {
	recs, err := db.read(ctx, cypherMergers, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("neo4j: mergers: %w", err)
	}
	out := map[string]samenspel.MergerSet{}
	for _, rec := range recs {
		var s samenspel.MergerSet
		for _, v := range anySlice(recValue(rec, "outs")) {
			s.Into = append(s.Into, toMerger(v))
		}
		for _, v := range anySlice(recValue(rec, "ins")) {
			s.From = append(s.From, toMerger(v))
		}
		out[str(recValue(rec, "id"))] = s
	}
	return out, nil
}

// Governs returns, for each organisation ID, the region that is its territory.
func (db *DB) Governs(ctx context.Context, ids []string) (map[string]samenspel.Region, error) {
	recs, err := db.read(ctx, cypherGoverns, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("neo4j: governs: %w", err)
	}
	out := map[string]samenspel.Region{}
	for _, rec := range recs {
		out[str(recValue(rec, "id"))] = toRegion(recValue(rec, "r"))
	}
	return out, nil
}

// Converters from Cypher values to domain types.

func recValue(rec *neo4j.Record, key string) any {
	v, _ := rec.Get(key)
	return v
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func toDate(v any) samenspel.Date {
	if d, ok := v.(neo4j.Date); ok {
		return samenspel.DateOf(d.Time())
	}
	return samenspel.Date{}
}

func toOptDate(v any) *samenspel.Date {
	if v == nil {
		return nil
	}
	d := toDate(v)
	return &d
}

func toOrganisation(v any) samenspel.Organisation {
	m, _ := v.(map[string]any)
	return samenspel.Organisation{
		ID:         str(m["id"]),
		Code:       str(m["code"]),
		Name:       str(m["name"]),
		Kind:       samenspel.OrganisationKind(str(m["kind"])),
		ValidFrom:  toOptDate(m["validFrom"]),
		ValidUntil: toOptDate(m["validUntil"]),
		Generated:  m["generated"] == true,
	}
}

func toRegion(v any) samenspel.Region {
	m, _ := v.(map[string]any)
	return samenspel.Region{Division: str(m["division"]), Code: str(m["code"]), Name: str(m["name"])}
}

func toMerger(v any) samenspel.Merger {
	m, _ := v.(map[string]any)
	return samenspel.Merger{FromID: str(m["from"]), IntoID: str(m["into"]), Date: toDate(m["date"]), Type: str(m["type"])}
}
