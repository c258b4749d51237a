package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Opgaven: the opgave itself, its area and its explicit links to other opgaven.

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

	cypherLinksOfOpgaven = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})-[l:LINKED]-(other:Opgave)
RETURN collect({id: id, type: l.type, note: l.note, outgoing: startNode(l) = o, other: other` + opgaveProjection + `}) AS rows`

	// The gemeenten an area query stands for on $at: the gemeente itself, or a region's members;
	// and whether the gemeente and the region exist at all.
	cypherAreaFootprint = `
OPTIONAL MATCH (g:Organisation {kind: 'GEMEENTE'}) WHERE g.code = $gemeente
OPTIONAL MATCH (reg:Region {key: $region})
OPTIONAL MATCH (rg:Organisation)-[m:MEMBER_OF]->(reg)
WHERE ` + memberActive("m") + ` AND ` + orgActive("rg") + `
RETURN collect(DISTINCT g.id) + collect(DISTINCT rg.id) AS gs, count(g) > 0 AS gemeenteExists, count(reg) > 0 AS regionExists`
)

// footprint is the Cypher that collects, for opgave o, the IDs of the gemeenten its area covers on
// $at (directly, or as active members of a covered region) into fp.
var footprint = `CALL (o) {
    MATCH (o)-[:COVERS]->(x)
    OPTIONAL MATCH (x)<-[mx:MEMBER_OF]-(gx:Organisation) WHERE ` + memberActive("mx") + ` AND ` + orgActive("gx") + `
    WITH collect(DISTINCT CASE WHEN x:Organisation THEN x.id END) + collect(DISTINCT gx.id) AS ids
    UNWIND ids AS i
    RETURN collect(DISTINCT i) AS fp
  }`

// opgaveFootprintMatches is the condition that opgave o's area covers one of $gs on $at: a
// gemeente directly, or a region one of them belongs to.
var opgaveFootprintMatches = `EXISTS {
    MATCH (o)-[:COVERS]->(x)
    WHERE x.id IN $gs OR EXISTS { MATCH (x)<-[mf:MEMBER_OF]-(gf:Organisation) WHERE gf.id IN $gs AND ` + memberActive("mf") + ` }
  }`

// OpgavenByID returns the opgaven with the given IDs, keyed by ID.
func (db *DB) OpgavenByID(ctx context.Context, ids []string) (map[string]samenspel.Opgave, error) {
	rows, err := db.rows(ctx, "opgaven by id", cypherOpgavenByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]samenspel.Opgave, len(rows))
	for _, r := range rows {
		o := toOpgave(r)
		out[o.ID] = o
	}
	return out, nil
}

// CountOpgaven returns the number of opgaven.
func (db *DB) CountOpgaven(ctx context.Context) (int, error) {
	recs, err := db.read(ctx, "MATCH (o:Opgave) RETURN count(o)", nil)
	if err != nil {
		return 0, fmt.Errorf("neo4j: count opgaven: %w", err)
	}
	return integer(recs[0].Values[0]), nil
}

// OpgaveAreas returns the areas of the given opgaven.
func (db *DB) OpgaveAreas(ctx context.Context, ids []string) (map[string]samenspel.StoredArea, error) {
	rows, err := db.rows(ctx, "opgave areas", cypherOpgaveAreas, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string]samenspel.StoredArea{}
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
	return out, nil
}

// LinksOfOpgaven returns each opgave's explicit links, both directions, with the opgave at the
// other end; ordered by type and that opgave's id.
func (db *DB) LinksOfOpgaven(ctx context.Context, ids []string) (map[string][]samenspel.LinkInfo, error) {
	rows, err := db.rows(ctx, "links of opgaven", cypherLinksOfOpgaven, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.LinkInfo{}
	for _, r := range rows {
		outgoing, _ := r["outgoing"].(bool)
		out[str(r["id"])] = append(out[str(r["id"])], samenspel.LinkInfo{Type: str(r["type"]), Note: str(r["note"]), Outgoing: outgoing, Opgave: toOpgave(r["other"])})
	}
	for _, ls := range out {
		sort.Slice(ls, func(i, j int) bool { return ls[i].Type+ls[i].Opgave.ID < ls[j].Type+ls[j].Opgave.ID })
	}
	return out, nil
}

// AreaFootprint returns the IDs of the gemeenten an area filter stands for on at: the gemeente
// with code gemeente, and the members of region (a region key); and whether each exists.
func (db *DB) AreaFootprint(ctx context.Context, gemeente, region string, at samenspel.Date) (gs []string, gemeenteExists, regionExists bool, err error) {
	recs, err := db.read(ctx, cypherAreaFootprint, map[string]any{"gemeente": gemeente, "region": region, "at": dateParam(at)})
	if err != nil {
		return nil, false, false, fmt.Errorf("neo4j: area footprint: %w", err)
	}
	gemeenteExists, _ = recValue(recs[0], "gemeenteExists").(bool)
	regionExists, _ = recValue(recs[0], "regionExists").(bool)
	return toStrings(recValue(recs[0], "gs")), gemeenteExists, regionExists, nil
}

// OpgaveFootprint returns an opgave and the gemeente IDs its area covers on at, and whether it
// exists.
func (db *DB) OpgaveFootprint(ctx context.Context, id string, at samenspel.Date) (samenspel.Opgave, []string, bool, error) {
	recs, err := db.read(ctx, `MATCH (o:Opgave {id: $id}) `+footprint+` RETURN o`+opgaveProjection+` AS o, fp`, map[string]any{"id": id, "at": dateParam(at)})
	if err != nil {
		return samenspel.Opgave{}, nil, false, fmt.Errorf("neo4j: opgave footprint: %w", err)
	}
	if len(recs) == 0 {
		return samenspel.Opgave{}, nil, false, nil
	}
	return toOpgave(recs[0].Values[0]), toStrings(recs[0].Values[1]), true, nil
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

// CreateOpgave creates an opgave with its area. With a client key that was used before, it returns
// the opgave created then and writes nothing.
func (db *DB) CreateOpgave(ctx context.Context, in samenspel.OpgaveInput) (samenspel.Opgave, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Opgave{}, err
	}
	if err := in.Validate(); err != nil {
		return samenspel.Opgave{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	return create(ctx, db, in.ClientKey, "create opgave", "MATCH (o:Opgave {clientKey: $key}) RETURN o"+opgaveProjection, toOpgave,
		func(w *txRunner) (samenspel.Opgave, error) {
			if err := checkArea(w, "input.area", in.Area); err != nil {
				return samenspel.Opgave{}, err
			}
			v, err := w.created("create opgave", `
CREATE (o:Opgave {id: $id, title: $title, goal: $goal, description: $description, themes: $themes, scale: $scale,
                  status: $status, startDate: $startDate, endDate: $endDate, generated: false, clientKey: $clientKey})
RETURN o`+opgaveProjection, map[string]any{
				"id": newID(), "title": in.Title, "goal": in.Goal, "description": in.Description, "themes": in.Themes,
				"scale": in.Scale, "status": in.Status, "startDate": optDateParam(in.StartDate), "endDate": optDateParam(in.EndDate),
				"clientKey": nilIfEmpty(in.ClientKey),
			})
			if err != nil {
				return samenspel.Opgave{}, err
			}
			o := toOpgave(v)
			if err := setArea(w, o.ID, in.Area); err != nil {
				return o, err
			}
			// An editor's new opgave has the editor's organisation in a role from the start.
			if c.Is(samenspel.Editor) || (c.Organisation != "" && in.OwnRole != "") {
				if err := ownRole(w, c, o.ID, in); err != nil {
					return o, err
				}
			}
			w.record([]string{o.ID}, nil, opgaveFields(in))
			return o, nil
		})
}

// ownRole gives the creator's organisation its role on a new opgave (TREKKER, AMBTELIJK by default).
func ownRole(w *txRunner, c samenspel.Caller, opgave string, in samenspel.OpgaveInput) error {
	typ, level := in.OwnRole, in.OwnRoleLevel
	if typ == "" {
		typ = "TREKKER"
	}
	if level == "" {
		level = "AMBTELIJK"
	}
	_, err := w.created("own role", `
MATCH (o:Opgave {id: $opgave}), (org:Organisation {id: $org})
CREATE (org)-[:HOLDS]->(r:Role {id: $id, type: $type, level: $level, from: $from, generated: false})-[:ON]->(o)
RETURN r.id`, map[string]any{"opgave": opgave, "org": c.Organisation, "id": newID(), "type": typ, "level": level,
		"from": dateParam(deref(in.StartDate, samenspel.TodayIn(w.ctx)))})
	return err
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// opgaveFields is an opgave as the audit trail records it.
func opgaveFields(in samenspel.OpgaveInput) map[string]any {
	m := map[string]any{"title": in.Title, "goal": in.Goal, "description": in.Description, "themes": in.Themes, "scale": in.Scale,
		"status": in.Status, "startDate": nil, "endDate": nil, "area": areaKeys(in.Area)}
	if in.StartDate != nil {
		m["startDate"] = in.StartDate.String()
	}
	if in.EndDate != nil {
		m["endDate"] = in.EndDate.String()
	}
	return m
}

func areaKeys(a samenspel.Area) []string {
	out := append([]string(nil), a.Gemeenten...)
	for _, r := range a.Regions {
		out = append(out, samenspel.RegionKey(r.Division, r.Code))
	}
	return out
}

// checkArea verifies that every region and gemeente of the area exists.
func checkArea(w *txRunner, field string, a samenspel.Area) error {
	keys := make([]string, len(a.Regions))
	for i, r := range a.Regions {
		keys[i] = samenspel.RegionKey(r.Division, r.Code)
	}
	recs, err := w.run("check area", `
UNWIND range(0, size($keys) - 1) AS i
OPTIONAL MATCH (r:Region {key: $keys[i]})
WITH i, r WHERE r IS NULL
RETURN i ORDER BY i LIMIT 1`, map[string]any{"keys": keys})
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		i := integer(recs[0].Values[0])
		return samenspel.Invalidf(fmt.Sprintf("%s.regions[%d]", field, i), "no region %q in division %q", a.Regions[i].Code, a.Regions[i].Division)
	}
	recs, err = w.run("check area", `
UNWIND range(0, size($codes) - 1) AS i
OPTIONAL MATCH (g:Organisation {code: $codes[i], kind: 'GEMEENTE'})
WITH i, g WHERE g IS NULL
RETURN i ORDER BY i LIMIT 1`, map[string]any{"codes": a.Gemeenten})
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		i := integer(recs[0].Values[0])
		return samenspel.Invalidf(fmt.Sprintf("%s.gemeenten[%d]", field, i), "no gemeente has code %q", a.Gemeenten[i])
	}
	return nil
}

// setArea replaces the opgave's area.
func setArea(w *txRunner, id string, a samenspel.Area) error {
	keys := make([]string, len(a.Regions))
	for i, r := range a.Regions {
		keys[i] = samenspel.RegionKey(r.Division, r.Code)
	}
	_, err := w.run("set area", `
MATCH (o:Opgave {id: $id})
OPTIONAL MATCH (o)-[c:COVERS]->()
DELETE c
WITH DISTINCT o
`+coverArea("o", "o", "$keys", "$codes"), map[string]any{"id": id, "keys": keys, "codes": a.Gemeenten})
	return err
}

// coverArea is the Cypher that makes opgave o cover the regions whose keys the list expression
// regions gives and the gemeenten whose codes codes gives; scope is what its subqueries import
// (o and any more variables the lists need). The arguments are names from the code, never input.
func coverArea(o, scope, regions, codes string) string {
	return fmt.Sprintf(`CALL (%[2]s) {
  UNWIND %[3]s AS k
  MATCH (r:Region {key: k})
  MERGE (%[1]s)-[:COVERS]->(r)
}
CALL (%[2]s) {
  UNWIND %[4]s AS code
  CALL (%[1]s, code) {
    // A code can have been reused: the current gemeente with it, else the latest.
    MATCH (g:Organisation {code: code, kind: 'GEMEENTE'})
    WITH %[1]s, g ORDER BY g.validUntil IS NULL DESC, g.validUntil DESC LIMIT 1
    MERGE (%[1]s)-[:COVERS]->(g)
  }
}`, o, scope, regions, codes)
}

// lockOpgave takes a write lock on the opgave for the rest of the transaction, so that concurrent
// changes to one opgave (two role assignments) are checked one after the other; it reports
// whether it exists.
func lockOpgave(w *txRunner, id string) (samenspel.Opgave, bool, error) {
	v, ok, err := w.one("lock opgave", "MATCH (o:Opgave {id: $id}) SET o.version = coalesce(o.version, 0) + 1 RETURN o"+opgaveProjection, map[string]any{"id": id})
	if err != nil || !ok {
		return samenspel.Opgave{}, ok, err
	}
	return toOpgave(v), true, nil
}

// UpdateOpgave changes the given fields of an opgave.
func (db *DB) UpdateOpgave(ctx context.Context, id string, u samenspel.OpgaveUpdate) (samenspel.Opgave, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Opgave{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Opgave, error) {
		cur, ok, err := lockOpgave(w, id)
		if err != nil {
			return cur, err
		}
		if !ok {
			return cur, samenspel.Invalidf("id", "no opgave has id %q", id)
		}
		if err := requireLeads(w, c, id, "id"); err != nil {
			return cur, err
		}
		area, err := areaOf(w, id)
		if err != nil {
			return cur, err
		}
		before := samenspel.OpgaveInput{Title: cur.Title, Goal: cur.Goal, Description: cur.Description, Themes: cur.Themes,
			Scale: cur.Scale, Status: cur.Status, StartDate: cur.StartDate, EndDate: cur.EndDate, Area: area}
		in := u.Apply(before)
		if err := in.Validate(); err != nil {
			return cur, err
		}
		w.record([]string{id}, opgaveFields(before), opgaveFields(in))
		if u.Area != nil {
			if err := checkArea(w, "input.area", in.Area); err != nil {
				return cur, err
			}
			if err := setArea(w, id, in.Area); err != nil {
				return cur, err
			}
		}
		v, _, err := w.one("update opgave", `
MATCH (o:Opgave {id: $id})
SET o.title = $title, o.goal = $goal, o.description = $description, o.themes = $themes, o.scale = $scale,
    o.status = $status, o.startDate = $startDate, o.endDate = $endDate
RETURN o`+opgaveProjection, map[string]any{
			"id": id, "title": in.Title, "goal": in.Goal, "description": in.Description, "themes": in.Themes,
			"scale": in.Scale, "status": in.Status, "startDate": optDateParam(in.StartDate), "endDate": optDateParam(in.EndDate),
		})
		return toOpgave(v), err
	})
}

func areaOf(w *txRunner, id string) (samenspel.Area, error) {
	recs, err := w.run("area", `
MATCH (:Opgave {id: $id})-[:COVERS]->(x)
RETURN x:Region AS isRegion, x.division AS division, x.code AS code ORDER BY division, code`, map[string]any{"id": id})
	var a samenspel.Area
	for _, rec := range recs {
		if isRegion, _ := rec.Values[0].(bool); isRegion {
			a.Regions = append(a.Regions, samenspel.RegionRef{Division: str(rec.Values[1]), Code: str(rec.Values[2])})
		} else {
			a.Gemeenten = append(a.Gemeenten, str(rec.Values[2]))
		}
	}
	return a, err
}

// DeleteOpgave deletes an opgave with its roles, its links and its practice (interests, agreements,
// check-ins, results, lessons); it reports whether it existed.
func (db *DB) DeleteOpgave(ctx context.Context, id string) (bool, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		if found, err := w.exists(existsOpgave, id); err != nil || !found {
			return false, err
		}
		if err := requireLeads(w, c, id, "id"); err != nil {
			return false, err
		}
		w.record([]string{id}, map[string]any{"deleted": false}, map[string]any{"deleted": true})
		_, ok, err := w.one("delete opgave", `
MATCH (o:Opgave {id: $id})
OPTIONAL MATCH (r:Role)-[:ON]->(o)
DETACH DELETE r
WITH DISTINCT o
OPTIONAL MATCH (x)-[:FOR]->(o)
DETACH DELETE x
WITH DISTINCT o
DETACH DELETE o
RETURN true`, map[string]any{"id": id})
		return ok, err
	})
}

// LinkOpgaven records (or updates the note of) a typed link from one opgave to another.
func (db *DB) LinkOpgaven(ctx context.Context, l samenspel.OpgaveLink) (samenspel.OpgaveLink, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return l, err
	}
	if l.FromID == l.ToID {
		return l, samenspel.Invalidf("to", "an opgave cannot be linked to itself")
	}
	return update(ctx, db, func(w *txRunner) (samenspel.OpgaveLink, error) {
		for _, ref := range []struct{ field, id string }{{"from", l.FromID}, {"to", l.ToID}} {
			if err := w.require(existsOpgave, ref.id, ref.field, "opgave"); err != nil {
				return l, err
			}
		}
		if err := requireLeads(w, c, l.FromID, "from"); err != nil {
			return l, err
		}
		w.record([]string{l.FromID, l.ToID}, nil, map[string]any{"type": l.Type, "note": l.Note})
		_, err := w.run("link opgaven", `
MATCH (a:Opgave {id: $from}), (b:Opgave {id: $to})
MERGE (a)-[l:LINKED {type: $type}]->(b)
SET l.note = $note`, map[string]any{"from": l.FromID, "to": l.ToID, "type": l.Type, "note": nilIfEmpty(l.Note)})
		return l, err
	})
}

// UnlinkOpgaven removes a typed link; it reports whether there was one.
func (db *DB) UnlinkOpgaven(ctx context.Context, from, to, typ string) (bool, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		if err := w.require(existsOpgave, from, "from", "opgave"); err != nil {
			return false, err
		}
		if err := requireLeads(w, c, from, "from"); err != nil {
			return false, err
		}
		_, ok, err := w.one("unlink opgaven", "MATCH (:Opgave {id: $from})-[l:LINKED {type: $type}]->(:Opgave {id: $to}) DELETE l RETURN true",
			map[string]any{"from": from, "to": to, "type": typ})
		if ok {
			w.record([]string{from, to}, map[string]any{"type": typ}, nil)
		}
		return ok, err
	})
}

const cypherNamed = `
CALL () {
  UNWIND $opgaven AS id MATCH (x:Opgave {id: id}) RETURN collect(x` + opgaveProjection + `) AS opgaven
}
CALL () {
  UNWIND $orgs AS id MATCH (x:Organisation {id: id}) RETURN collect(x` + orgProjection + `) AS orgs
}
CALL () {
  UNWIND $regions AS key MATCH (x:Region {key: key}) RETURN collect(x` + regionProjection + `) AS regions
}
CALL () {
  UNWIND $instruments AS id MATCH (x:Instrument {id: id}) RETURN collect(x` + instrumentProjection + `) AS instruments
}
RETURN opgaven, orgs, regions, instruments`

// Named reads the opgaven, organisations, regions and instruments a result names, in one
// statement.
func (db *DB) Named(ctx context.Context, n samenspel.Names) (samenspel.Named, error) {
	out := samenspel.Named{Opgaven: map[string]samenspel.Opgave{}, Organisations: map[string]samenspel.Organisation{},
		Regions: map[string]samenspel.Region{}, Instruments: map[string]samenspel.Instrument{}}
	if len(n.Opgaven)+len(n.Organisations)+len(n.Regions)+len(n.Instruments) == 0 {
		return out, nil
	}
	list := func(l []string) []string {
		if l == nil {
			return []string{}
		}
		return l
	}
	recs, err := db.read(ctx, cypherNamed, map[string]any{"opgaven": list(n.Opgaven), "orgs": list(n.Organisations),
		"regions": list(n.Regions), "instruments": list(n.Instruments)})
	if err != nil {
		return out, fmt.Errorf("neo4j: named: %w", err)
	}
	for _, v := range anySlice(recValue(recs[0], "opgaven")) {
		o := toOpgave(v)
		out.Opgaven[o.ID] = o
	}
	for _, v := range anySlice(recValue(recs[0], "orgs")) {
		o := toOrganisation(v)
		out.Organisations[o.ID] = o
	}
	for _, v := range anySlice(recValue(recs[0], "regions")) {
		r := toRegion(v)
		out.Regions[r.Key()] = r
	}
	for _, v := range anySlice(recValue(recs[0], "instruments")) {
		i := toInstrument(v)
		out.Instruments[i.ID] = i
	}
	return out, nil
}
