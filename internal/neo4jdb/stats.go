package neo4jdb

import (
	"context"
	"fmt"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The aggregates read one row per opgave (or gemeente) and date in a single statement for all the
// dates asked; grouping happens in samenspel.Aggregate. An opgave runs on a date when it has
// started (or has no start date) and not yet ended and, for today and later dates, its status is
// not AFGEROND or GESTOPT (the status has no history, so it cannot speak for past dates); a role
// counts when it holds on that date.
var (
	running = `(o.startDate IS NULL OR o.startDate <= at) AND (o.endDate IS NULL OR at < o.endDate) AND (at < $today OR NOT o.status IN ['AFGEROND', 'GESTOPT'])`

	cypherOpgaveFacts = `
UNWIND $dates AS at
MATCH (o:Opgave) WHERE ` + running + `
CALL (o, at) {
  OPTIONAL MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o) WHERE ` + heldOn("r", "at") + `
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {org: org.id, eur: coalesce(r.contributionEuros, 0.0), fte: coalesce(r.contributionFte, 0.0)} END) AS roles
}
CALL (o, at) {
  WITH o, at WHERE $division IS NOT NULL
  MATCH (o)-[:COVERS]->(x)
  OPTIONAL MATCH (x)<-[mx:MEMBER_OF]-(gx:Organisation) WHERE ` + heldOn("mx", "at") + ` AND ` + orgActiveOn("gx", "at") + `
  WITH at, collect(DISTINCT CASE WHEN x:Organisation THEN x END) + collect(DISTINCT gx) AS gs
  UNWIND gs AS g
  MATCH (g)-[m:MEMBER_OF]->(reg:Region {division: $division}) WHERE ` + heldOn("m", "at") + `
  RETURN collect(DISTINCT reg.key) AS regions
}
RETURN at, o.id AS id, o.themes AS themes, o.status AS status, o.scale AS scale, roles, regions`

	cypherParticipations = `
UNWIND $dates AS at
MATCH (g:Organisation {kind: $kind}) WHERE ` + orgActiveOn("g", "at") + `
CALL (g, at) {
  OPTIONAL MATCH (g)-[m:MEMBER_OF]->(p:Region {division: 'provincie'}) WHERE ` + heldOn("m", "at") + `
  RETURN min(p.key) AS provincie
}
CALL (g, at) {
  OPTIONAL MATCH (g)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave) WHERE ` + heldOn("r", "at") + ` AND ` + running + `
  RETURN count(DISTINCT o) AS n
}
RETURN at, g.id AS id, provincie, n`
)

// OpgaveFacts returns, per date asked, the opgaven running then with their themes, status, scale,
// current roles and (with a division) the regions of that division their area touches.
func (db *DB) OpgaveFacts(ctx context.Context, dates []samenspel.Date, division string) (map[samenspel.Date][]samenspel.OpgaveFacts, error) {
	recs, err := db.read(ctx, cypherOpgaveFacts, map[string]any{"dates": dateParams(dates), "division": nilIfEmpty(division), "today": dateParam(samenspel.TodayIn(ctx))})
	if err != nil {
		return nil, fmt.Errorf("neo4j: opgave facts: %w", err)
	}
	out := make(map[samenspel.Date][]samenspel.OpgaveFacts, len(dates))
	for _, d := range dates {
		out[d] = []samenspel.OpgaveFacts{}
	}
	for _, rec := range recs {
		f := samenspel.OpgaveFacts{ID: str(recValue(rec, "id")), Themes: toStrings(recValue(rec, "themes")),
			Status: str(recValue(rec, "status")), Scale: str(recValue(rec, "scale")), Regions: toStrings(recValue(rec, "regions"))}
		for _, v := range anySlice(recValue(rec, "roles")) {
			m, _ := v.(map[string]any)
			r := samenspel.StatsRole{Organisation: str(m["org"])}
			if e := toFloatPtr(m["eur"]); e != nil {
				r.Euros = *e
			}
			if e := toFloatPtr(m["fte"]); e != nil {
				r.FTE = *e
			}
			f.Roles = append(f.Roles, r)
		}
		at := toDate(recValue(rec, "at"))
		out[at] = append(out[at], f)
	}
	return out, nil
}

// Participations returns, per date asked, every organisation of the kind that exists then with
// the number of distinct running opgaven it holds a current role on, and (for gemeenten) the key
// of the provincie it lies in.
func (db *DB) Participations(ctx context.Context, dates []samenspel.Date, kind samenspel.OrganisationKind) (map[samenspel.Date][]samenspel.GemeenteCount, error) {
	recs, err := db.read(ctx, cypherParticipations, map[string]any{"dates": dateParams(dates), "kind": string(kind), "today": dateParam(samenspel.TodayIn(ctx))})
	if err != nil {
		return nil, fmt.Errorf("neo4j: participations: %w", err)
	}
	out := make(map[samenspel.Date][]samenspel.GemeenteCount, len(dates))
	for _, d := range dates {
		out[d] = []samenspel.GemeenteCount{}
	}
	for _, rec := range recs {
		at := toDate(recValue(rec, "at"))
		out[at] = append(out[at], samenspel.GemeenteCount{Gemeente: str(recValue(rec, "id")), Provincie: str(recValue(rec, "provincie")), Count: integer(recValue(rec, "n"))})
	}
	return out, nil
}

func dateParams(ds []samenspel.Date) []any {
	out := make([]any, len(ds))
	for i, d := range ds {
		out[i] = dateParam(d)
	}
	return out
}
