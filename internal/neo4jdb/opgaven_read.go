package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

const roleMatch = `MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)`

var (
	cypherOpgavenByID = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})
RETURN collect(o` + opgaveProjection + `) AS rows`

	cypherOpgaveAreas = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})-[:COVERS]->(x)
WITH id, x ORDER BY x.division, x.code
RETURN collect({id: id, region: CASE WHEN x:Region THEN x` + regionProjection + ` END,
                gemeente: CASE WHEN x:Organisation THEN x` + orgProjection + ` END}) AS rows`

	cypherRolesOfOpgaven = `
UNWIND $ids AS id
` + strings.Replace(roleMatch, "(o:Opgave)", "(o:Opgave {id: id})", 1) + `
WITH r, o, org, p ORDER BY r.from, r.type, org.name
RETURN collect(r` + roleProjection + `) AS rows`

	cypherRolesOfOrganisations = `
UNWIND $ids AS id
` + strings.Replace(roleMatch, "(org:Organisation)", "(org:Organisation {id: id})", 1) + `
WITH r, o, org, p ORDER BY o.title, r.from
RETURN collect(r` + roleProjection + `) AS rows`

	cypherRolesOfPeople = `
UNWIND $ids AS id
MATCH (p:Person {id: id})-[:PLAYS]->(r:Role)-[:ON]->(o:Opgave)
MATCH (org:Organisation)-[:HOLDS]->(r)
WITH r, o, org, p ORDER BY o.title, r.from
RETURN collect(r` + roleProjection + `) AS rows`

	cypherPeopleByID = `
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:WORKS_FOR]->(org:Organisation)
RETURN collect(p{.id, .name, .function, .generated, .email, .phone, organisation: org.id}) AS rows`

	cypherPeopleOfOrganisations = `
UNWIND $ids AS id
MATCH (p:Person)-[:WORKS_FOR]->(org:Organisation {id: id})
WITH p, org ORDER BY p.name
RETURN collect(p` + personProjection + `) AS rows`

	cypherInstrumentsByID = `
UNWIND $ids AS id
MATCH (i:Instrument {id: id})
RETURN collect(i` + instrumentProjection + `) AS rows`

	cypherInstrumentsOfOpgaven = `
UNWIND $ids AS id
MATCH (i:Instrument)-[:SUPPORTS]->(:Opgave {id: id})
WITH id, i ORDER BY i.name
RETURN collect({id: id, i: i` + instrumentProjection + `}) AS rows`

	cypherOpgavenOfInstruments = `
UNWIND $ids AS id
MATCH (:Instrument {id: id})-[:SUPPORTS]->(o:Opgave)
WITH id, o ORDER BY o.title
RETURN collect({id: id, o: o` + opgaveProjection + `}) AS rows`

	cypherLinksOfOpgaven = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})-[l:LINKED]-(other:Opgave)
RETURN collect({id: id, type: l.type, note: l.note, outgoing: startNode(l) = o, other: other.id}) AS rows`

	// The gemeenten an area query stands for on $at: the gemeente itself, or a region's members.
	cypherAreaFootprint = `
OPTIONAL MATCH (g:Organisation {kind: 'GEMEENTE'}) WHERE g.code = $gemeente
OPTIONAL MATCH (rg:Organisation)-[m:MEMBER_OF]->(:Region {key: $region})
WHERE ` + memberActive("m") + ` AND ` + orgActive("rg") + `
RETURN collect(DISTINCT g.id) + collect(DISTINCT rg.id) AS gs`
)

// opgaveFootprintMatches is the condition that opgave o's area covers one of $gs on $at: a
// gemeente directly, or a region one of them belongs to.
var opgaveFootprintMatches = `EXISTS {
    MATCH (o)-[:COVERS]->(x)
    WHERE x.id IN $gs OR EXISTS { MATCH (x)<-[mf:MEMBER_OF]-(gf:Organisation) WHERE gf.id IN $gs AND ` + memberActive("mf") + ` }
  }`

func (db *DB) rows(ctx context.Context, op, cypher string, params map[string]any) ([]map[string]any, error) {
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	var out []map[string]any
	for _, rec := range recs {
		for _, row := range anySlice(rec.Values[0]) {
			out = append(out, row.(map[string]any))
		}
	}
	return out, nil
}

// OpgavenByID returns the opgaven with the given IDs, keyed by ID.
func (db *DB) OpgavenByID(ctx context.Context, ids []string) (map[string]samenspel.Opgave, error) {
	rows, err := db.rows(ctx, "opgaven by id", cypherOpgavenByID, map[string]any{"ids": ids})
	out := make(map[string]samenspel.Opgave, len(rows))
	for _, r := range rows {
		o := toOpgave(r)
		out[o.ID] = o
	}
	return out, err
}

// OpgaveArea is an opgave's area as stored: regions and gemeenten.
type OpgaveArea struct {
	Regions   []samenspel.Region
	Gemeenten []samenspel.Organisation
}

// OpgaveAreas returns the areas of the given opgaven.
func (db *DB) OpgaveAreas(ctx context.Context, ids []string) (map[string]OpgaveArea, error) {
	rows, err := db.rows(ctx, "opgave areas", cypherOpgaveAreas, map[string]any{"ids": ids})
	out := map[string]OpgaveArea{}
	for _, r := range rows {
		id := str(r["id"])
		a := out[id]
		if r["region"] != nil {
			a.Regions = append(a.Regions, toRegion(r["region"]))
		} else {
			a.Gemeenten = append(a.Gemeenten, toOrganisation(r["gemeente"]))
		}
		out[id] = a
	}
	return out, err
}

func (db *DB) rolesBy(ctx context.Context, op, cypher string, ids []string, key func(samenspel.Role) string) (map[string][]samenspel.Role, error) {
	rows, err := db.rows(ctx, op, cypher, map[string]any{"ids": ids})
	out := map[string][]samenspel.Role{}
	for _, r := range rows {
		role := toRole(r)
		out[key(role)] = append(out[key(role)], role)
	}
	return out, err
}

// RolesOfOpgaven returns every role (current and ended) on each opgave.
func (db *DB) RolesOfOpgaven(ctx context.Context, ids []string) (map[string][]samenspel.Role, error) {
	return db.rolesBy(ctx, "roles of opgaven", cypherRolesOfOpgaven, ids, func(r samenspel.Role) string { return r.OpgaveID })
}

// RolesOfOrganisations returns every role each organisation holds.
func (db *DB) RolesOfOrganisations(ctx context.Context, ids []string) (map[string][]samenspel.Role, error) {
	return db.rolesBy(ctx, "roles of organisations", cypherRolesOfOrganisations, ids, func(r samenspel.Role) string { return r.OrganisationID })
}

// RolesOfPeople returns every role each person plays.
func (db *DB) RolesOfPeople(ctx context.Context, ids []string) (map[string][]samenspel.Role, error) {
	return db.rolesBy(ctx, "roles of people", cypherRolesOfPeople, ids, func(r samenspel.Role) string { return r.PersonID })
}

// PeopleByID returns people with their contact details, keyed by ID.
func (db *DB) PeopleByID(ctx context.Context, ids []string) (map[string]samenspel.Person, error) {
	rows, err := db.rows(ctx, "people by id", cypherPeopleByID, map[string]any{"ids": ids})
	out := make(map[string]samenspel.Person, len(rows))
	for _, r := range rows {
		p := toPerson(r)
		out[p.ID] = p
	}
	return out, err
}

// PeopleOfOrganisations returns the people working for each organisation, by name.
func (db *DB) PeopleOfOrganisations(ctx context.Context, ids []string) (map[string][]samenspel.Person, error) {
	rows, err := db.rows(ctx, "people of organisations", cypherPeopleOfOrganisations, map[string]any{"ids": ids})
	out := map[string][]samenspel.Person{}
	for _, r := range rows {
		p := toPerson(r)
		out[p.OrganisationID] = append(out[p.OrganisationID], p)
	}
	return out, err
}

// InstrumentsByID returns instruments keyed by ID.
func (db *DB) InstrumentsByID(ctx context.Context, ids []string) (map[string]samenspel.Instrument, error) {
	rows, err := db.rows(ctx, "instruments by id", cypherInstrumentsByID, map[string]any{"ids": ids})
	out := make(map[string]samenspel.Instrument, len(rows))
	for _, r := range rows {
		i := toInstrument(r)
		out[i.ID] = i
	}
	return out, err
}

// InstrumentsOfOpgaven returns the instruments supporting each opgave.
func (db *DB) InstrumentsOfOpgaven(ctx context.Context, ids []string) (map[string][]samenspel.Instrument, error) {
	rows, err := db.rows(ctx, "instruments of opgaven", cypherInstrumentsOfOpgaven, map[string]any{"ids": ids})
	out := map[string][]samenspel.Instrument{}
	for _, r := range rows {
		out[str(r["id"])] = append(out[str(r["id"])], toInstrument(r["i"]))
	}
	return out, err
}

// OpgavenOfInstruments returns the opgaven each instrument supports.
func (db *DB) OpgavenOfInstruments(ctx context.Context, ids []string) (map[string][]samenspel.Opgave, error) {
	rows, err := db.rows(ctx, "opgaven of instruments", cypherOpgavenOfInstruments, map[string]any{"ids": ids})
	out := map[string][]samenspel.Opgave{}
	for _, r := range rows {
		out[str(r["id"])] = append(out[str(r["id"])], toOpgave(r["o"]))
	}
	return out, err
}

// LinkInfo is an explicit link seen from one opgave.
type LinkInfo struct {
	Type     string
	Note     string
	Outgoing bool // this opgave is the link's source
	OtherID  string
}

// LinksOfOpgaven returns each opgave's explicit links, both directions.
func (db *DB) LinksOfOpgaven(ctx context.Context, ids []string) (map[string][]LinkInfo, error) {
	rows, err := db.rows(ctx, "links of opgaven", cypherLinksOfOpgaven, map[string]any{"ids": ids})
	out := map[string][]LinkInfo{}
	for _, r := range rows {
		out[str(r["id"])] = append(out[str(r["id"])], LinkInfo{Type: str(r["type"]), Note: str(r["note"]), Outgoing: r["outgoing"].(bool), OtherID: str(r["other"])})
	}
	for _, ls := range out {
		sort.Slice(ls, func(i, j int) bool { return ls[i].Type+ls[i].OtherID < ls[j].Type+ls[j].OtherID })
	}
	return out, err
}

// AreaFootprint returns the IDs of the gemeenten an area filter stands for on at: the gemeente
// with code gemeente, and the members of region (a region key).
func (db *DB) AreaFootprint(ctx context.Context, gemeente, region string, at samenspel.Date) ([]string, error) {
	recs, err := db.read(ctx, cypherAreaFootprint, map[string]any{"gemeente": gemeente, "region": region, "at": dateParam(at)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: area footprint: %w", err)
	}
	return toStrings(recs[0].Values[0]), nil
}

// opgavenList describes the opgaven list for one sort order, from fixed fragments.
func opgavenList(order samenspel.OpgaveOrder) keysetSpec {
	s := keysetSpec{label: "Opgave", sortExpr: "toLower(o.title)", desc: order.Desc, projection: opgaveProjection,
		where: `WHERE ($themes IS NULL OR any(t IN o.themes WHERE t IN $themes))
    AND ($statuses IS NULL OR o.status IN $statuses)
    AND ($scales IS NULL OR o.scale IN $scales)
    AND ($title IS NULL OR toLower(o.title) CONTAINS $title)
    AND ($org IS NULL OR EXISTS { MATCH (:Organisation {id: $org})-[:HOLDS]->(fr:Role)-[:ON]->(o) WHERE $roleType IS NULL OR fr.type = $roleType })
    AND ($org IS NOT NULL OR $roleType IS NULL OR EXISTS { MATCH (:Organisation)-[:HOLDS]->(:Role {type: $roleType})-[:ON]->(o) })
    AND ($gs IS NULL OR ` + opgaveFootprintMatches + `)`}
	switch order.Field {
	case samenspel.OrderByStartDate:
		s.sortExpr = "toString(coalesce(o.startDate, date('0001-01-01')))"
	case samenspel.OrderByParticipants:
		s.sortExpr, s.numeric = "toFloat(COUNT { MATCH (po:Organisation)-[:HOLDS]->(:Role)-[:ON]->(o) RETURN DISTINCT po })", true
	case samenspel.OrderByContribution:
		s.sortExpr, s.numeric = "toFloat(coalesce(reduce(s = 0.0, c IN [(:Organisation)-[:HOLDS]->(rc:Role)-[:ON]->(o) | coalesce(rc.contributionEuros, 0.0)] | s + c), 0.0))", true
	}
	return s
}

// Opgaven returns one page of opgaven matching f in order, and the total count.
func (db *DB) Opgaven(ctx context.Context, f samenspel.OpgaveFilter, order samenspel.OpgaveOrder, page samenspel.Page) (samenspel.Connection[samenspel.Opgave], error) {
	params := map[string]any{
		"themes": nilIfEmptyList(f.Themes), "statuses": nilIfEmptyList(f.Statuses), "scales": nilIfEmptyList(f.Scales),
		"title": nilIfEmpty(strings.ToLower(f.TitleContains)), "org": nilIfEmpty(f.OrganisationID), "roleType": nilIfEmpty(f.RoleType),
		"gs": nil, "at": dateParam(f.At),
	}
	if f.AreaGemeenten != nil {
		params["gs"] = f.AreaGemeenten
	}
	return keysetPage(ctx, db, "opgaven", opgavenList(order), params, page, toOpgave, func(o samenspel.Opgave) string { return o.ID })
}

func nilIfEmptyList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return l
}
