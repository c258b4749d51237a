package neo4jdb

import (
	"context"
	"fmt"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Connections between opgaven: who else works on a theme in an area, the breadth-first
// neighbours of opgaven, and the shortest paths between two of them.

var cypherWhoElse = `
MATCH (o:Opgave)
WHERE o.status IN ['VERKENNING', 'UITVOERING'] AND ($exclude IS NULL OR o.id <> $exclude)
  AND ($themes IS NULL OR any(t IN o.themes WHERE t IN $themes))
` + footprint + `
WITH o, fp, CASE WHEN $gs IS NULL THEN 0 ELSE size([g IN fp WHERE g IN $gs]) END AS inter
WHERE $gs IS NULL OR inter > 0
MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o)
WHERE r.from <= $at AND (r.until IS NULL OR $at < r.until)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
WITH o, fp, inter, collect(r` + roleProjection + `) AS roles
RETURN collect({o: o` + opgaveProjection + `, size: size(fp), inter: inter, roles: roles}) AS rows`

// WhoElseCandidates returns the running opgaven (VERKENNING, UITVOERING) other than exclude that
// share one of themes (any theme when nil) and cover a gemeente of gs (anywhere when gs is nil),
// with their current roles.
func (db *DB) WhoElseCandidates(ctx context.Context, exclude string, themes, gs []string, at samenspel.Date) ([]samenspel.WhoElseCandidate, error) {
	params := map[string]any{"exclude": nilIfEmpty(exclude), "themes": nilIfEmptyList(themes), "gs": nil, "at": dateParam(at)}
	if gs != nil {
		params["gs"] = gs
	}
	rows, err := db.rows(ctx, "who else", cypherWhoElse, params)
	out := make([]samenspel.WhoElseCandidate, 0, len(rows))
	for _, r := range rows {
		c := samenspel.WhoElseCandidate{Opgave: toOpgave(r["o"]), FootprintSize: int(r["size"].(int64)), Intersection: int(r["inter"].(int64))}
		for _, role := range anySlice(r["roles"]) {
			c.Roles = append(c.Roles, toRole(role))
		}
		out = append(out, c)
	}
	return out, err
}

// SharedOpgaven counts, for each candidate organisation, the opgaven other than exclude on which
// it and at least one of participants both hold a role.
func (db *DB) SharedOpgaven(ctx context.Context, exclude string, participants, candidates []string) (map[string]int, error) {
	recs, err := db.read(ctx, `
MATCH (c:Organisation)-[:HOLDS]->(:Role)-[:ON]->(x:Opgave)<-[:ON]-(:Role)<-[:HOLDS]-(p:Organisation)
WHERE c.id IN $candidates AND p.id IN $participants AND c <> p AND x.id <> $exclude
RETURN c.id AS id, count(DISTINCT x) AS n`, map[string]any{"exclude": exclude, "participants": participants, "candidates": candidates})
	if err != nil {
		return nil, fmt.Errorf("neo4j: shared opgaven: %w", err)
	}
	out := map[string]int{}
	for _, rec := range recs {
		out[str(rec.Values[0])] = int(rec.Values[1].(int64))
	}
	return out, nil
}

var cypherNeighbours = `
UNWIND $frontier AS fid
MATCH (f:Opgave {id: fid})
CALL (f) {
  MATCH (f)-[l:LINKED]-(n:Opgave)
  RETURN n.id AS to, 'LINK' AS kind, l.type AS via
  UNION
  MATCH (f)<-[:ON]-(:Role)<-[:HOLDS]-(org:Organisation)-[:HOLDS]->(:Role)-[:ON]->(n:Opgave)
  WHERE n <> f
  RETURN DISTINCT n.id AS to, 'SHARED_PARTICIPANT' AS kind, org.id AS via
  UNION
  MATCH (f)<-[:SUPPORTS]-(i:Instrument)-[:SUPPORTS]->(n:Opgave)
  WHERE n <> f
  RETURN n.id AS to, 'SHARED_INSTRUMENT' AS kind, i.id AS via
  UNION
  MATCH (f)-[:COVERS]->(x)
  OPTIONAL MATCH (x)<-[mx:MEMBER_OF]-(gx:Organisation) WHERE ` + memberActive("mx") + `
  WITH f, collect(DISTINCT CASE WHEN x:Organisation THEN x END) + collect(DISTINCT gx) AS gs
  UNWIND gs AS g
  CALL (g) {
    MATCH (n:Opgave)-[:COVERS]->(g)
    RETURN n, g.id AS via
    UNION
    MATCH (g)-[my:MEMBER_OF]->(y:Region)<-[:COVERS]-(n:Opgave)
    WHERE ` + memberActive("my") + `
    RETURN n, y.key AS via
  }
  WITH f, n, via WHERE n <> f
  RETURN DISTINCT n.id AS to, 'OVERLAPPING_AREA' AS kind, via
}
RETURN collect({from: fid, to: to, kind: kind, via: via}) AS rows`

// Neighbours returns the edges from each opgave of frontier to the opgaven connected to it by an
// explicit link, a shared participant, a shared instrument or an overlapping area on at.
func (db *DB) Neighbours(ctx context.Context, frontier []string, at samenspel.Date) ([]samenspel.Edge, error) {
	rows, err := db.rows(ctx, "neighbours", cypherNeighbours, map[string]any{"frontier": frontier, "at": dateParam(at)})
	out := make([]samenspel.Edge, 0, len(rows))
	for _, r := range rows {
		out = append(out, samenspel.Edge{From: str(r["from"]), To: str(r["to"]), Kind: str(r["kind"]), Via: str(r["via"])})
	}
	return out, err
}

// MaxPathLength bounds connection: paths of at most this many relationships in the graph, where
// a role counts two (opgave–role–organisation), so at most three organisations or regions lie
// between the two opgaven.
const MaxPathLength = 10

const cypherConnection = `
MATCH (a:Opgave {id: $from}), (b:Opgave {id: $to})
MATCH p = allShortestPaths((a)-[:LINKED|ON|HOLDS|COVERS|SUPPORTS|MEMBER_OF*..10]-(b))
WHERE all(rel IN relationships(p) WHERE type(rel) <> 'MEMBER_OF' OR (rel.from <= $at AND (rel.until IS NULL OR $at < rel.until)))
WITH p LIMIT $first
RETURN collect([n IN nodes(p) | {labels: labels(n),
    opgave: CASE WHEN n:Opgave THEN n` + opgaveProjection + ` END,
    organisation: CASE WHEN n:Organisation THEN n` + orgProjection + ` END,
    region: CASE WHEN n:Region THEN n` + regionProjection + ` END,
    instrument: CASE WHEN n:Instrument THEN n` + instrumentProjection + ` END,
    role: CASE WHEN n:Role THEN n.type END}]
  + [[rel IN relationships(p) | {type: type(rel), linkType: rel.type}]]) AS paths`

// Connection returns up to first shortest paths between two opgaven, as typed steps; role nodes
// are folded into the step they lead to (ROLE_TREKKER). It reports whether both opgaven exist.
func (db *DB) Connection(ctx context.Context, from, to string, at samenspel.Date, first int) ([][]samenspel.PathStep, error) {
	recs, err := db.read(ctx, cypherConnection, map[string]any{"from": from, "to": to, "at": dateParam(at), "first": first})
	if err != nil {
		return nil, fmt.Errorf("neo4j: connection: %w", err)
	}
	var out [][]samenspel.PathStep
	for _, rec := range recs {
		for _, p := range anySlice(rec.Values[0]) {
			parts := anySlice(p)
			nodes, rels := parts[:len(parts)-1], anySlice(parts[len(parts)-1])
			out = append(out, toSteps(nodes, rels))
		}
	}
	return out, nil
}

func toSteps(nodes, rels []any) []samenspel.PathStep {
	var steps []samenspel.PathStep
	relation := ""
	for i, n := range nodes {
		m := n.(map[string]any)
		if i > 0 {
			r := rels[i-1].(map[string]any)
			switch str(r["type"]) {
			case "LINKED":
				relation = "LINK_" + str(r["linkType"])
			case "ON", "HOLDS":
				// set by the role node
			default:
				relation = str(r["type"])
			}
		}
		switch {
		case m["role"] != nil:
			relation = "ROLE_" + str(m["role"])
			continue
		case m["opgave"] != nil:
			o := toOpgave(m["opgave"])
			steps = append(steps, samenspel.PathStep{Kind: "OPGAVE", Opgave: &o, Relation: relation})
		case m["organisation"] != nil:
			o := toOrganisation(m["organisation"])
			steps = append(steps, samenspel.PathStep{Kind: "ORGANISATION", Organisation: &o, Relation: relation})
		case m["region"] != nil:
			r := toRegion(m["region"])
			steps = append(steps, samenspel.PathStep{Kind: "REGION", Region: &r, Relation: relation})
		case m["instrument"] != nil:
			in := toInstrument(m["instrument"])
			steps = append(steps, samenspel.PathStep{Kind: "INSTRUMENT", Instrument: &in, Relation: relation})
		}
		relation = ""
	}
	return steps
}
