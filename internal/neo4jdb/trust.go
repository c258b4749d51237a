package neo4jdb

import (
	"context"
	"fmt"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Trust assessments, the coalitions they are read for, the collaboration network's input, and
// the data version that invalidates cached analytics.

// The data version counts committed writes. Analytics results are cached per parameter set and
// data version, so any write (a mutation, an import that changed something, a new demo set)
// invalidates them, also when it was made by another process.
const cypherBumpVersion = `MERGE (m:Meta {key: 'version'}) SET m.writes = coalesce(m.writes, 0) + 1`

// DataVersion returns the number of committed writes so far.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	recs, err := db.read(ctx, "OPTIONAL MATCH (m:Meta {key: 'version'}) RETURN coalesce(m.writes, 0)", nil)
	if err != nil {
		return 0, fmt.Errorf("neo4j: data version: %w", err)
	}
	n, _ := recs[0].Values[0].(int64)
	return n, nil
}

const trustMatch = `MATCH (a:Organisation)-[:ASSESSED]->(t:TrustAssessment)-[:ABOUT]->(b:Organisation)
OPTIONAL MATCH (t)-[:CONCERNS]->(o:Opgave)`

var (
	cypherTrustByClientKey = `MATCH (a:Organisation)-[:ASSESSED]->(t:TrustAssessment {clientKey: $key})-[:ABOUT]->(b:Organisation)
OPTIONAL MATCH (t)-[:CONCERNS]->(o:Opgave)
RETURN t` + trustProjection

	// $from, when set, keeps only the assessments made by that organisation (an editor's own).
	cypherTrustAmong = trustMatch + `
WITH a, b, t, o WHERE ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids)) AND ($from IS NULL OR a.id = $from)
WITH a, b, t, o ORDER BY t.date, t.id
RETURN collect(t` + trustProjection + `)`

	// For each opgave: its participants on $at and the assessments among them.
	cypherCoalitions = `
UNWIND $ids AS id
MATCH (c:Opgave {id: id})
CALL (c) {
  MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(c)
  WHERE ` + roleActive("r") + `
  WITH DISTINCT org
  RETURN collect(org.id) AS ps, collect(org` + orgProjection + `) AS orgs
}
CALL (ps) {
  MATCH (a:Organisation)-[:ASSESSED]->(t:TrustAssessment)-[:ABOUT]->(b:Organisation)
  WHERE a.id IN ps AND b.id IN ps
  OPTIONAL MATCH (t)-[:CONCERNS]->(o:Opgave)
  WITH a, b, t, o ORDER BY t.date, t.id
  RETURN collect(t` + trustProjection + `) AS ts
}
RETURN collect({id: id, ps: ps, orgs: orgs, ts: ts}) AS rows`
)

// RecordTrust records an assessment; with a client key used before it returns that one.
func (db *DB) RecordTrust(ctx context.Context, in samenspel.TrustInput) (samenspel.TrustAssessment, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.TrustAssessment{}, err
	}
	if c.Is(samenspel.Editor) && in.FromID != c.Organisation {
		return samenspel.TrustAssessment{}, samenspel.Forbiddenf("input.from", "an editor records the assessments of its own organisation (%s) only", c.Organisation)
	}
	if err := in.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.TrustAssessment{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	return create(ctx, db, in.ClientKey, "record trust", cypherTrustByClientKey, toTrust, func(w *txRunner) (samenspel.TrustAssessment, error) {
		for _, ref := range []struct{ field, id string }{{"input.from", in.FromID}, {"input.to", in.ToID}} {
			if err := w.require(existsOrganisation, ref.id, ref.field, "organisation"); err != nil {
				return samenspel.TrustAssessment{}, err
			}
		}
		if in.OpgaveID != "" {
			if err := w.require(existsOpgave, in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
				return samenspel.TrustAssessment{}, err
			}
		}
		v, err := w.created("record trust", `
MATCH (a:Organisation {id: $from}), (b:Organisation {id: $to})
CREATE (a)-[:ASSESSED]->(t:TrustAssessment {id: $id, score: $score, date: $date, note: $note, recordedBy: $by, generated: false, clientKey: $key})-[:ABOUT]->(b)
WITH a, b, t
OPTIONAL MATCH (o:Opgave {id: $opgave})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (t)-[:CONCERNS]->(o))
RETURN t`+trustProjection, visibility(w.ctx, map[string]any{"from": in.FromID, "to": in.ToID, "id": newID(), "score": in.Score, "date": dateParam(in.Date),
			"note": in.Note, "by": in.RecordedBy, "key": nilIfEmpty(in.ClientKey), "opgave": nilIfEmpty(in.OpgaveID)}))
		a := toTrust(v)
		w.record([]string{a.ID, in.FromID, in.ToID}, nil, map[string]any{"from": in.FromID, "to": in.ToID, "score": in.Score,
			"date": in.Date.String(), "opgave": in.OpgaveID, "note": in.Note, "recordedBy": in.RecordedBy})
		return a, err
	})
}

// TrustAmong returns every assessment between organisations of ids (both ends in the set), or
// every assessment when ids is nil; only those made by from when from is not empty. Notes are
// withheld from callers who may not read them.
func (db *DB) TrustAmong(ctx context.Context, ids []string, from string) ([]samenspel.TrustAssessment, error) {
	var set any
	if ids != nil {
		set = ids
	}
	recs, err := db.read(ctx, cypherTrustAmong, visibility(ctx, map[string]any{"ids": set, "from": nilIfEmpty(from)}))
	if err != nil {
		return nil, fmt.Errorf("neo4j: trust: %w", err)
	}
	var out []samenspel.TrustAssessment
	for _, v := range anySlice(recs[0].Values[0]) {
		out = append(out, toTrust(v))
	}
	return out, nil
}

// Coalitions returns, for each opgave, its participants on at and the assessments among them.
func (db *DB) Coalitions(ctx context.Context, ids []string, at samenspel.Date) (map[string]samenspel.Coalition, error) {
	rows, err := db.rows(ctx, "coalitions", cypherCoalitions, visibility(ctx, map[string]any{"ids": ids, "at": dateParam(at)}))
	if err != nil {
		return nil, err
	}
	out := make(map[string]samenspel.Coalition, len(rows))
	for _, r := range rows {
		c := samenspel.Coalition{Participants: toStrings(r["ps"]), Organisations: map[string]samenspel.Organisation{}}
		for _, o := range anySlice(r["orgs"]) {
			org := toOrganisation(o)
			c.Organisations[org.ID] = org
		}
		for _, t := range anySlice(r["ts"]) {
			c.Assessments = append(c.Assessments, toTrust(t))
		}
		out[str(r["id"])] = c
	}
	return out, nil
}

// Collaboration returns, per matching opgave, its organisations with their heaviest current role
// weight, and every organisation holding such a role.
func (db *DB) Collaboration(ctx context.Context, f samenspel.CollaborationFilter) ([][]samenspel.CoalitionMember, []string, error) {
	params := map[string]any{"themes": nilIfEmptyList(f.Themes), "gs": nil, "at": dateParam(f.At), "opgave": nilIfEmpty(f.OpgaveID), "weights": roleWeights()}
	if f.AreaGemeenten != nil {
		params["gs"] = f.AreaGemeenten
	}
	recs, err := db.read(ctx, `
MATCH (o:Opgave)
WHERE ($opgave IS NULL OR o.id = $opgave)
  AND ($themes IS NULL OR any(t IN o.themes WHERE t IN $themes))
  AND ($gs IS NULL OR `+opgaveFootprintMatches+`)
MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o)
WHERE r.from <= $at AND (r.until IS NULL OR $at < r.until)
WITH o, org, max(coalesce($weights[r.type], 1.0)) AS w
WITH o, collect([org.id, w]) AS ps
RETURN collect(ps)`, params)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: collaboration: %w", err)
	}
	var opgaven [][]samenspel.CoalitionMember
	seen := map[string]bool{}
	var orgs []string
	for _, ps := range anySlice(recs[0].Values[0]) {
		var list []samenspel.CoalitionMember
		for _, p := range anySlice(ps) {
			pair := anySlice(p)
			id := str(pair[0])
			w, _ := pair[1].(float64)
			list = append(list, samenspel.CoalitionMember{ID: id, Weight: w})
			if !seen[id] {
				seen[id] = true
				orgs = append(orgs, id)
			}
		}
		opgaven = append(opgaven, list)
	}
	return opgaven, orgs, nil
}

func roleWeights() map[string]any {
	out := map[string]any{}
	for k, v := range samenspel.RoleWeight {
		out[k] = v
	}
	return out
}
