package neo4jdb

import (
	"context"
	"fmt"

	"github.com/samenspel/samenspel/internal/analytics"
	"github.com/samenspel/samenspel/internal/samenspel"
)

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
	return recs[0].Values[0].(int64), nil
}

const trustProjection = "{.id, .score, .date, .note, .recordedBy, .generated, from: a.id, to: b.id, opgave: o.id}"

const trustMatch = `MATCH (a:Organisation)-[:ASSESSED]->(t:TrustAssessment)-[:ABOUT]->(b:Organisation)
OPTIONAL MATCH (t)-[:CONCERNS]->(o:Opgave)`

// RecordTrust records an assessment; with a client key used before it returns that one.
func (db *DB) RecordTrust(ctx context.Context, in samenspel.TrustInput) (samenspel.TrustAssessment, error) {
	if err := in.Validate(samenspel.Today()); err != nil {
		return samenspel.TrustAssessment{}, err
	}
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if v, ok, err := w.byClientKey("record trust", `MATCH (a:Organisation)-[:ASSESSED]->(t:TrustAssessment {clientKey: $key})-[:ABOUT]->(b:Organisation)
OPTIONAL MATCH (t)-[:CONCERNS]->(o:Opgave) RETURN t`+trustProjection, in.ClientKey); err != nil || ok {
			return v, err
		}
		for _, ref := range []struct{ field, id string }{{"input.from", in.FromID}, {"input.to", in.ToID}} {
			if err := w.require("MATCH (o:Organisation {id: $id}) RETURN o.id", ref.id, ref.field, "organisation"); err != nil {
				return nil, err
			}
		}
		if in.OpgaveID != "" {
			if err := w.require("MATCH (o:Opgave {id: $id}) RETURN o.id", in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
				return nil, err
			}
		}
		v, _, err := w.one("record trust", `
MATCH (a:Organisation {id: $from}), (b:Organisation {id: $to})
CREATE (a)-[:ASSESSED]->(t:TrustAssessment {id: $id, score: $score, date: $date, note: $note, recordedBy: $by, generated: false, clientKey: $key})-[:ABOUT]->(b)
WITH a, b, t
OPTIONAL MATCH (o:Opgave {id: $opgave})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (t)-[:CONCERNS]->(o))
RETURN t`+trustProjection, map[string]any{"from": in.FromID, "to": in.ToID, "id": newID(), "score": in.Score, "date": dateParam(in.Date),
			"note": in.Note, "by": in.RecordedBy, "key": nilIfEmpty(in.ClientKey), "opgave": nilIfEmpty(in.OpgaveID)})
		return v, err
	})
	if err != nil {
		return samenspel.TrustAssessment{}, err
	}
	return toTrust(res), nil
}

// TrustAmong returns every assessment between organisations of ids (both ends in the set), or
// every assessment when ids is nil.
func (db *DB) TrustAmong(ctx context.Context, ids []string) ([]samenspel.TrustAssessment, error) {
	var set any
	if ids != nil {
		set = ids
	}
	recs, err := db.read(ctx, trustMatch+`
WITH a, b, t, o WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
WITH a, b, t, o ORDER BY t.date, t.id
RETURN collect(t`+trustProjection+`)`, map[string]any{"ids": set})
	if err != nil {
		return nil, fmt.Errorf("neo4j: trust: %w", err)
	}
	var out []samenspel.TrustAssessment
	for _, v := range anySlice(recs[0].Values[0]) {
		out = append(out, toTrust(v))
	}
	return out, nil
}

// CollaborationFilter narrows the collaboration network to opgaven of some themes and area, and
// to roles current on At.
type CollaborationFilter struct {
	Themes        []string
	AreaGemeenten []string // nil: anywhere
	OpgaveID      string   // only this opgave's coalition
	At            samenspel.Date
}

// Collaboration returns, per matching opgave, its organisations with their heaviest current role
// weight, and every organisation holding such a role.
func (db *DB) Collaboration(ctx context.Context, f CollaborationFilter) ([][]analytics.Participant, []string, error) {
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
	var opgaven [][]analytics.Participant
	seen := map[string]bool{}
	var orgs []string
	for _, ps := range anySlice(recs[0].Values[0]) {
		var list []analytics.Participant
		for _, p := range anySlice(ps) {
			pair := anySlice(p)
			id := str(pair[0])
			list = append(list, analytics.Participant{ID: id, Weight: pair[1].(float64)})
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
	for k, v := range analytics.RoleWeight {
		out[k] = v
	}
	return out
}

func toTrust(v any) samenspel.TrustAssessment {
	m, _ := v.(map[string]any)
	score, _ := m["score"].(int64)
	return samenspel.TrustAssessment{ID: str(m["id"]), FromID: str(m["from"]), ToID: str(m["to"]), Score: int(score), Date: toDate(m["date"]),
		OpgaveID: str(m["opgave"]), Note: str(m["note"]), RecordedBy: str(m["recordedBy"]), Generated: m["generated"] == true}
}
