package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Organisations: reads of the register and of what organisations do, and the changes to
// organisations outside the registers.

var (
	cypherOrganisationsByID = `
UNWIND $ids AS id
MATCH (o:Organisation {id: id})
RETURN collect(o` + orgProjection + `) AS rows`

	cypherOrganisationByCode = `
MATCH (o:Organisation {code: $code})
RETURN o` + orgProjection + ` AS o
ORDER BY o.validUntil IS NULL DESC, o.validUntil DESC
LIMIT 1`

	cypherMemberships = `
UNWIND $ids AS id
MATCH (g:Organisation {id: id})-[m:MEMBER_OF]->(r:Region)
WHERE ($division IS NULL OR r.division = $division)
  AND ($at IS NULL OR (` + memberActive("m") + " AND " + orgActive("g") + `))
WITH id, r, m ORDER BY id, r.division, m.from, r.code
RETURN collect({id: id, r: r` + regionProjection + `, from: m.from, until: m.until, vintage: m.vintage}) AS rows`

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

	cypherOpgavenOfOrganisations = `
UNWIND $ids AS id
MATCH (org:Organisation {id: id})-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave)
WHERE ($type IS NULL OR r.type = $type) AND ($statuses IS NULL OR o.status IN $statuses) AND ` + roleActive("r") + `
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
WITH id, o, org, r, p ORDER BY r.from, r.id
WITH id, o, collect(r` + roleProjection + `) AS roles
ORDER BY id, o.title, o.id
RETURN collect({id: id, o: o` + opgaveProjection + `, roles: roles}) AS rows`

	cypherOpgaveCounts = `
UNWIND $ids AS id
MATCH (org:Organisation {id: id})
RETURN collect({id: id, n: COUNT { MATCH (org)-[:HOLDS]->(:Role)-[:ON]->(o:Opgave) RETURN DISTINCT o }}) AS rows`
)

// OrganisationsByID returns the organisations with the given IDs, keyed by ID; unknown IDs are
// absent.
func (db *DB) OrganisationsByID(ctx context.Context, ids []string) (map[string]samenspel.Organisation, error) {
	rows, err := db.rows(ctx, "organisations by id", cypherOrganisationsByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]samenspel.Organisation, len(rows))
	for _, r := range rows {
		o := toOrganisation(r)
		out[o.ID] = o
	}
	return out, nil
}

// OrganisationByCode returns the organisation with the code (the current one when a code was
// reused), or a not-found error.
func (db *DB) OrganisationByCode(ctx context.Context, code string) (samenspel.Organisation, error) {
	recs, err := db.read(ctx, cypherOrganisationByCode, map[string]any{"code": code})
	if err != nil {
		return samenspel.Organisation{}, fmt.Errorf("neo4j: organisation by code: %w", err)
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

// Memberships returns the memberships of each organisation, keyed by ID: those holding on at, or
// the whole history when at is nil; only in division when it is not empty.
func (db *DB) Memberships(ctx context.Context, ids []string, at *samenspel.Date, division string) (map[string][]samenspel.Membership, error) {
	rows, err := db.rows(ctx, "memberships", cypherMemberships, map[string]any{"ids": ids, "at": optDateParam(at), "division": nilIfEmpty(division)})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]samenspel.Membership, len(ids))
	for _, r := range rows {
		id := str(r["id"])
		out[id] = append(out[id], samenspel.Membership{
			OrganisationID: id, Region: toRegion(r["r"]), From: toDate(r["from"]), Vintage: toDate(r["vintage"]), Until: toOptDate(r["until"]),
		})
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

// OpgavenOfOrganisations returns, for each organisation ID, the opgaven it holds roles on that
// match f, ordered by title, each with those roles.
func (db *DB) OpgavenOfOrganisations(ctx context.Context, ids []string, f samenspel.OrganisationOpgaveFilter) (map[string][]samenspel.OrganisationOpgave, error) {
	rows, err := db.rows(ctx, "opgaven of organisations", cypherOpgavenOfOrganisations, map[string]any{
		"ids": ids, "type": nilIfEmpty(f.RoleType), "statuses": nilIfEmptyList(f.Statuses), "at": optDateParam(f.At)})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.OrganisationOpgave{}
	for _, r := range rows {
		oo := samenspel.OrganisationOpgave{Opgave: toOpgave(r["o"])}
		for _, role := range anySlice(r["roles"]) {
			oo.Roles = append(oo.Roles, toRole(role))
		}
		out[str(r["id"])] = append(out[str(r["id"])], oo)
	}
	return out, nil
}

// OpgaveCounts returns, for each organisation ID, the number of distinct opgaven it holds a role
// on (current or ended).
func (db *DB) OpgaveCounts(ctx context.Context, ids []string) (map[string]int, error) {
	rows, err := db.rows(ctx, "opgave counts", cypherOpgaveCounts, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[str(r["id"])] = integer(r["n"])
	}
	return out, nil
}

// registerKinds are the organisation kinds that come from the CBS/TOOI registers.
var registerKinds = []string{string(samenspel.KindGemeente), string(samenspel.KindProvincie), string(samenspel.KindWaterschap)}

// CreateOrganisation creates an organisation outside the registers (partner, Rijk, samenwerkingsverband).
func (db *DB) CreateOrganisation(ctx context.Context, in samenspel.OrganisationInput) (samenspel.Organisation, error) {
	if err := requireAdmin(ctx); err != nil {
		return samenspel.Organisation{}, err
	}
	if err := in.Validate(); err != nil {
		return samenspel.Organisation{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	return create(ctx, db, in.ClientKey, "create organisation", "MATCH (o:Organisation {clientKey: $key}) RETURN o"+orgProjection, toOrganisation,
		func(w *txRunner) (samenspel.Organisation, error) {
			v, err := w.created("create organisation", `
CREATE (o:Organisation {id: $id, name: $name, kind: $kind, generated: false, clientKey: $clientKey})
RETURN o`+orgProjection, map[string]any{"id": "org-" + newID(), "name": in.Name, "kind": string(in.Kind), "clientKey": nilIfEmpty(in.ClientKey)})
			o := toOrganisation(v)
			w.record([]string{o.ID}, nil, map[string]any{"organisationName": in.Name, "kind": string(in.Kind)})
			return o, err
		})
}

// editableOrganisation loads an organisation for a change and refuses register organisations.
func editableOrganisation(w *txRunner, id string) (samenspel.Organisation, error) {
	v, ok, err := w.one("organisation", "MATCH (o:Organisation {id: $id}) RETURN o"+orgProjection, map[string]any{"id": id})
	if err != nil {
		return samenspel.Organisation{}, err
	}
	if !ok {
		return samenspel.Organisation{}, samenspel.Invalidf("id", "no organisation has id %q", id)
	}
	o := toOrganisation(v)
	for _, k := range registerKinds {
		if string(o.Kind) == k {
			return o, samenspel.Invalidf("id", "%s comes from the CBS/TOOI registers and is changed by importing data, not here", o.Name)
		}
	}
	return o, nil
}

// UpdateOrganisation renames or re-kinds an organisation outside the registers.
func (db *DB) UpdateOrganisation(ctx context.Context, id string, u samenspel.OrganisationUpdate) (samenspel.Organisation, error) {
	if err := requireAdmin(ctx); err != nil {
		return samenspel.Organisation{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Organisation, error) {
		o, err := editableOrganisation(w, id)
		if err != nil {
			return o, err
		}
		in := u.Apply(samenspel.OrganisationInput{Name: o.Name, Kind: o.Kind})
		if err := in.Validate(); err != nil {
			return o, err
		}
		w.record([]string{id}, map[string]any{"organisationName": o.Name, "kind": string(o.Kind)}, map[string]any{"organisationName": in.Name, "kind": string(in.Kind)})
		v, _, err := w.one("update organisation", "MATCH (o:Organisation {id: $id}) SET o.name = $name, o.kind = $kind RETURN o"+orgProjection,
			map[string]any{"id": id, "name": in.Name, "kind": string(in.Kind)})
		return toOrganisation(v), err
	})
}

// DeleteOrganisation deletes an organisation outside the registers that holds no roles; its
// people are deleted with it. It reports whether the organisation existed.
func (db *DB) DeleteOrganisation(ctx context.Context, id string) (bool, error) {
	if err := requireAdmin(ctx); err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		if ok, err := w.exists(existsOrganisation, id); err != nil || !ok {
			return false, err
		}
		if _, err := editableOrganisation(w, id); err != nil {
			return false, err
		}
		v, _, err := w.one("delete organisation", "MATCH (o:Organisation {id: $id}) RETURN COUNT { (o)-[:HOLDS]->(:Role) }", map[string]any{"id": id})
		if err != nil {
			return false, err
		}
		if n := integer(v); n > 0 {
			return false, samenspel.Conflictf("id", "the organisation holds %d roles; end them, or delete their opgaven, first", n)
		}
		w.record([]string{id}, map[string]any{"deleted": false}, map[string]any{"deleted": true})
		_, err = w.run("delete organisation", `
MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (p:Person)-[:WORKS_FOR]->(o)
DETACH DELETE p
WITH DISTINCT o
DETACH DELETE o`, map[string]any{"id": id})
		return err == nil, err
	})
}
