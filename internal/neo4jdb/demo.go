package neo4jdb

import (
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/data"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// DemoWorld reads the real organisations and regions the demo generator builds on.
func (db *DB) DemoWorld(ctx context.Context, at samenspel.Date) (samenspel.DemoWorld, error) {
	w := samenspel.DemoWorld{At: at, Gemeenten: map[string]samenspel.Organisation{}, Provincies: map[string]samenspel.Organisation{},
		Regions: map[string][]samenspel.Region{}, Members: map[string][]string{}, ProvincieOf: map[string]string{}}
	recs, err := db.read(ctx, `
MATCH (o:Organisation) WHERE o.kind IN ['GEMEENTE', 'PROVINCIE', 'WATERSCHAP'] AND `+orgActive("o")+`
WITH o ORDER BY o.id
RETURN collect(o`+orgProjection+`) AS rows`, map[string]any{"at": dateParam(at)})
	if err != nil {
		return w, fmt.Errorf("neo4j: demo world: %w", err)
	}
	for _, row := range anySlice(recs[0].Values[0]) {
		o := toOrganisation(row)
		switch o.Kind {
		case samenspel.KindGemeente:
			w.Gemeenten[o.ID] = o
		case samenspel.KindProvincie:
			w.Provincies[o.ID] = o
		case samenspel.KindWaterschap:
			w.Waterschappen = append(w.Waterschappen, o)
		}
	}
	recs, err = db.read(ctx, `
MATCH (g:Organisation)-[m:MEMBER_OF]->(r:Region)
WHERE `+memberActive("m")+` AND `+orgActive("g")+`
WITH r, g ORDER BY r.key, g.id
WITH r, collect(g.id) AS members
RETURN collect({r: r`+regionProjection+`, members: members}) AS rows`, map[string]any{"at": dateParam(at)})
	if err != nil {
		return w, fmt.Errorf("neo4j: demo world: %w", err)
	}
	for _, row := range anySlice(recs[0].Values[0]) {
		m := row.(map[string]any)
		r := toRegion(m["r"])
		w.Regions[r.Division] = append(w.Regions[r.Division], r)
		w.Members[r.Key()] = toStrings(m["members"])
		if r.Division == "provincie" {
			for _, g := range w.Members[r.Key()] {
				w.ProvincieOf[g] = r.Code
			}
		}
	}
	// The generator's random sequence follows these orders, so they must not depend on how
	// Cypher happens to group: the same seed and scale always give the same set.
	for _, regions := range w.Regions {
		slices.SortFunc(regions, func(a, b samenspel.Region) int { return strings.Compare(a.Code, b.Code) })
	}
	slices.SortFunc(w.Waterschappen, func(a, b samenspel.Organisation) int { return strings.Compare(a.ID, b.ID) })
	if w.WaterschappenOf, err = db.waterschappenOf(ctx, at); err != nil {
		return w, err
	}
	if len(w.Gemeenten) == 0 || len(w.Waterschappen) == 0 {
		return w, fmt.Errorf("the database holds no gemeenten or waterschappen on %s; import the region data first", at)
	}
	return w, nil
}

// waterschappenOf reads the embedded Kiesraad table of 2017 (data.WaterschapGemeenten) and
// carries each link onto the gemeenten and waterschappen active on at, along MERGED_INTO (a
// gemeente split over several gives a link to each).
func (db *DB) waterschappenOf(ctx context.Context, at samenspel.Date) (map[string][]string, error) {
	raw, err := fs.ReadFile(data.CBS, data.WaterschapGemeenten)
	if err != nil {
		return nil, fmt.Errorf("demo world: %w", err)
	}
	table, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil || len(table) < 2 || table[0][2] != "waterschap_tooi_code" || table[0][3] != "municipality_code" {
		return nil, fmt.Errorf("demo world: %s is not the Kiesraad table (%v)", data.WaterschapGemeenten, err)
	}
	var links []map[string]any
	for _, row := range table[1:] {
		links = append(links, map[string]any{"ws": strings.ToUpper(row[2]), "gm": row[3]})
	}
	recs, err := db.read(ctx, `
UNWIND $links AS l
MATCH (:Organisation {id: l.gm})-[:MERGED_INTO*0..]->(g:Organisation {kind: 'GEMEENTE'}) WHERE `+orgActive("g")+`
MATCH (:Organisation {id: l.ws})-[:MERGED_INTO*0..]->(w:Organisation {kind: 'WATERSCHAP'}) WHERE `+orgActive("w")+`
WITH DISTINCT g.id AS g, w.id AS w ORDER BY g, w
RETURN collect([g, w]) AS rows`, map[string]any{"links": links, "at": dateParam(at)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: demo world: %w", err)
	}
	of := map[string][]string{}
	for _, row := range anySlice(recs[0].Values[0]) {
		gw := toStrings(row)
		of[gw[0]] = append(of[gw[0]], gw[1])
	}
	return of, nil
}

// A demo set of at most demoOneTransaction rows (scale 1 has about 45,000) is replaced in one
// transaction. A larger one is written in transactions of at most demoChunk rows: the calibrated
// set at scale 10 (about 240,000 roles) does not fit in one transaction's memory even with a 3 GB
// heap.
const (
	demoOneTransaction = 80_000
	demoChunk          = 20_000
)

// ReplaceDemo removes every generated node and writes set instead: in one transaction when the set
// and the one it replaces have at most demoOneTransaction rows, otherwise in transactions of at most demoChunk rows
// (removing in steps of demoChunk nodes). The data version changes once, in the last transaction
// with the audit entry, when the whole set is written, so that cached answers computed meanwhile
// are dropped then. A large set whose load fails halfway leaves part of a set: run it again, it
// starts by removing every generated node.
func (db *DB) ReplaceDemo(ctx context.Context, set samenspel.DemoSet, progress Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	total := len(set.Organisations) + len(set.People) + len(set.Opgaven) + len(set.Roles) + len(set.Links) + len(set.Instruments) + len(set.Assessments) +
		len(set.Interests) + len(set.Conflicts) + len(set.Agreements) + len(set.CheckIns) + len(set.Results) + len(set.Lessons)
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	var sum samenspel.ImportSummary
	done := 0
	inTx := func(fn func(w *txWriter) error) error {
		_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return nil, fn(&txWriter{ctx: ctx, tx: tx, sum: &sum, step: func(n int) { done += n; progress(done, total) }})
		})
		if err != nil {
			return fmt.Errorf("neo4j: demo: %w", err)
		}
		return nil
	}
	// The old set is removed in the same transaction, so it counts too.
	old, err := readOne(ctx, db, "demo", "MATCH (n {generated: true}) RETURN count(n)", nil)
	if err != nil {
		return err
	}
	if total+integer(old) <= demoOneTransaction {
		// All of it in one transaction: readers see the old set or the new one, never a part.
		return inTx(func(w *txWriter) error {
			return replaceDemo(set, func(fn func(w *txWriter) error) error { return fn(w) })
		})
	}
	return replaceDemo(set, inTx)
}

// replaceDemo removes the generated set and writes set, each step through inTx.
func replaceDemo(set samenspel.DemoSet, inTx func(fn func(w *txWriter) error) error) error {
	for _, label := range []string{"InterestConflict", "Interest", "Agreement", "CheckIn", "Result", "Lesson", "TrustAssessment", "Role", "Opgave", "Person", "Instrument", "Organisation"} {
		for deleted := int64(demoChunk); deleted == demoChunk; {
			// Labels come from this fixed list, never from input.
			if err := inTx(func(w *txWriter) error {
				recs, err := w.run("MATCH (n:"+label+" {generated: true}) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS gone", map[string]any{"n": demoChunk})
				if err == nil {
					deleted, _ = recs[0].Values[0].(int64)
				}
				return err
			}); err != nil {
				return err
			}
		}
	}
	steps := []struct {
		cypher string
		rows   []map[string]any
	}{
		{`UNWIND $rows AS row CREATE (o:Organisation {id: row.id, name: row.name, kind: row.kind, generated: true})`, demoOrgRows(set)},
		{`UNWIND $rows AS row MATCH (org:Organisation {id: row.org})
		  CREATE (p:Person {id: row.id, name: row.name, function: row.function, email: row.email, phone: row.phone, generated: true})-[:WORKS_FOR]->(org)`, demoPersonRows(set)},
		{`UNWIND $rows AS row
		  CREATE (o:Opgave {id: row.id, title: row.title, goal: row.goal, description: row.description, themes: row.themes,
		                    scale: row.scale, status: row.status, startDate: row.start, endDate: row.end, generated: true})
		  WITH o, row UNWIND row.regions AS k MATCH (r:Region {key: k}) CREATE (o)-[:COVERS]->(r)`, demoOpgaveRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
		  CREATE (org)-[:HOLDS]->(r:Role {id: row.id, type: row.type, level: row.level, from: row.from, until: row.until,
		          contributionEuros: row.euros, contributionFte: row.fte, generated: true})-[:ON]->(o)
		  WITH r, row WHERE row.person IS NOT NULL MATCH (p:Person {id: row.person}) CREATE (p)-[:PLAYS]->(r)`, demoRoleRows(set)},
		{`UNWIND $rows AS row MATCH (a:Opgave {id: row.from}), (b:Opgave {id: row.to}) CREATE (a)-[:LINKED {type: row.type, note: row.note}]->(b)`, demoLinkRows(set)},
		{`UNWIND $rows AS row CREATE (i:Instrument {id: row.id, name: row.name, type: row.type, description: row.description, amountEuros: row.amount, generated: true})
		  WITH i, row UNWIND row.opgaven AS oid MATCH (o:Opgave {id: oid}) CREATE (i)-[:SUPPORTS]->(o)`, demoInstrumentRows(set)},
		{`UNWIND $rows AS row MATCH (a:Organisation {id: row.from}), (b:Organisation {id: row.to})
		  CREATE (a)-[:ASSESSED]->(t:TrustAssessment {id: row.id, score: row.score, date: row.date, note: row.note, recordedBy: row.by, generated: true})-[:ABOUT]->(b)
		  WITH t, row MATCH (o:Opgave {id: row.opgave}) CREATE (t)-[:CONCERNS]->(o)`, demoTrustRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave}) SET o.checkInRhythmDays = row.days`, demoRhythmRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
		  CREATE (org)-[:HAS_INTEREST]->(:Interest {id: row.id, wants: row.wants, brings: row.brings, cannotGiveUp: row.cannot, date: row.date, generated: true})-[:FOR]->(o)`, demoInterestRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave}), (a:Interest {id: row.a}), (b:Interest {id: row.b})
		  CREATE (c:InterestConflict {id: row.id, note: row.note, since: row.since, resolvedOn: row.resolved, generated: true})-[:FOR]->(o)
		  CREATE (c)-[:BETWEEN {side: 'a'}]->(a), (c)-[:BETWEEN {side: 'b'}]->(b)`, demoConflictRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave})
		  CREATE (g:Agreement {id: row.id, title: row.title, description: row.description, body: row.body, dueDate: row.due, decidedOn: row.decided,
		          mandate: row.mandate, generated: true})-[:FOR]->(o)
		  WITH g, row MATCH (d:Organisation {id: row.decider}) CREATE (g)-[:DECIDED_BY]->(d)`, demoAgreementRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
		  CREATE (org)-[:CHECKED_IN]->(:CheckIn {id: row.id, date: row.date, rightThings: row.rt, thingsRight: row.tr, together: row.tg, note: row.note, generated: true})-[:FOR]->(o)`, demoCheckInRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave})
		  CREATE (r:Result {id: row.id, title: row.title, description: row.description, plannedDate: row.planned, achievedDate: row.achieved, generated: true})-[:FOR]->(o)
		  WITH r, row UNWIND row.cs AS c MATCH (org:Organisation {id: c.org}) CREATE (org)-[:CONTRIBUTED {description: c.description}]->(r)`, demoResultRows(set)},
		{`UNWIND $rows AS row MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
		  CREATE (org)-[:LEARNED]->(:Lesson {id: row.id, title: row.title, text: row.text, themes: row.themes, date: row.date, generated: true})-[:FOR]->(o)`, demoLessonRows(set)},
	}
	for _, s := range steps {
		for start := 0; start < len(s.rows); start += demoChunk {
			chunk := s.rows[start:min(start+demoChunk, len(s.rows))]
			if err := inTx(func(w *txWriter) error { return w.batched(s.cypher, chunk) }); err != nil {
				return err
			}
		}
	}
	return inTx(func(w *txWriter) error {
		if err := w.audit(map[string]any{"opgaven": len(set.Opgaven), "roles": len(set.Roles), "people": len(set.People),
			"assessments": len(set.Assessments)}); err != nil {
			return err
		}
		_, _, err := runTx(w.ctx, w.tx, cypherBumpVersion, nil) // not counted as a change of the data itself
		return err
	})
}

func demoOrgRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Organisations))
	for i, o := range s.Organisations {
		rows[i] = map[string]any{"id": o.ID, "name": o.Name, "kind": string(o.Kind)}
	}
	return rows
}

func demoPersonRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.People))
	for i, p := range s.People {
		rows[i] = map[string]any{"id": p.ID, "org": p.OrganisationID, "name": p.Name, "function": p.Function, "email": p.Email, "phone": p.Phone}
	}
	return rows
}

func demoOpgaveRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Opgaven))
	for i, o := range s.Opgaven {
		keys := make([]string, len(o.Area.Regions))
		for j, r := range o.Area.Regions {
			keys[j] = samenspel.RegionKey(r.Division, r.Code)
		}
		rows[i] = map[string]any{"id": o.ID, "title": o.Title, "goal": o.Goal, "description": o.Description, "themes": o.Themes,
			"scale": o.Scale, "status": o.Status, "start": optDateParam(o.StartDate), "end": optDateParam(o.EndDate), "regions": keys}
	}
	return rows
}

func demoRoleRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Roles))
	for i, r := range s.Roles {
		rows[i] = map[string]any{"id": r.ID, "opgave": r.OpgaveID, "org": r.OrganisationID, "person": nilIfEmpty(r.PersonID),
			"type": r.Type, "level": r.Level, "from": dateParam(r.From), "until": optDateParam(r.Until),
			"euros": floatOrNil(r.ContributionEuros), "fte": floatOrNil(r.ContributionFTE)}
	}
	return rows
}

func demoLinkRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Links))
	for i, l := range s.Links {
		rows[i] = map[string]any{"from": l.FromID, "to": l.ToID, "type": l.Type, "note": l.Note}
	}
	return rows
}

func demoInstrumentRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Instruments))
	for i, in := range s.Instruments {
		rows[i] = map[string]any{"id": in.ID, "name": in.Name, "type": in.Type, "description": in.Description,
			"amount": floatOrNil(in.AmountEuros), "opgaven": in.OpgaveIDs}
	}
	return rows
}

func demoTrustRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Assessments))
	for i, a := range s.Assessments {
		rows[i] = map[string]any{"id": a.ID, "from": a.FromID, "to": a.ToID, "score": a.Score, "date": dateParam(a.Date), "note": a.Note, "by": a.RecordedBy, "opgave": a.OpgaveID}
	}
	return rows
}

func demoRhythmRows(s samenspel.DemoSet) []map[string]any {
	var rows []map[string]any
	for _, o := range s.Opgaven {
		if d, ok := s.Rhythms[o.ID]; ok {
			rows = append(rows, map[string]any{"opgave": o.ID, "days": d})
		}
	}
	return rows
}

func demoInterestRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Interests))
	for i, x := range s.Interests {
		rows[i] = map[string]any{"id": x.ID, "opgave": x.OpgaveID, "org": x.OrganisationID, "wants": x.Wants, "brings": x.Brings, "cannot": x.CannotGiveUp, "date": dateParam(x.Date)}
	}
	return rows
}

func demoConflictRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Conflicts))
	for i, x := range s.Conflicts {
		rows[i] = map[string]any{"id": x.ID, "opgave": x.OpgaveID, "a": x.AID, "b": x.BID, "note": x.Note, "since": dateParam(x.Since), "resolved": optDateParam(x.ResolvedOn)}
	}
	return rows
}

func demoAgreementRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Agreements))
	for i, x := range s.Agreements {
		rows[i] = map[string]any{"id": x.ID, "opgave": x.OpgaveID, "title": x.Title, "description": x.Description, "body": x.Body, "due": dateParam(x.DueDate),
			"decided": optDateParam(x.DecidedOn), "mandate": x.Mandate, "decider": nilIfEmpty(x.DeciderID)}
	}
	return rows
}

func demoCheckInRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.CheckIns))
	for i, x := range s.CheckIns {
		rows[i] = map[string]any{"id": x.ID, "opgave": x.OpgaveID, "org": x.OrganisationID, "date": dateParam(x.Date), "rt": x.RightThings, "tr": x.ThingsRight,
			"tg": x.Together, "note": x.Note}
	}
	return rows
}

func demoResultRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Results))
	for i, x := range s.Results {
		cs := make([]map[string]any, len(x.Contributions))
		for j, c := range x.Contributions {
			cs[j] = map[string]any{"org": c.OrganisationID, "description": c.Description}
		}
		rows[i] = map[string]any{"id": x.ID, "opgave": x.OpgaveID, "title": x.Title, "description": x.Description, "planned": dateParam(x.PlannedDate),
			"achieved": optDateParam(x.AchievedDate), "cs": cs}
	}
	return rows
}

func demoLessonRows(s samenspel.DemoSet) []map[string]any {
	rows := make([]map[string]any, len(s.Lessons))
	for i, x := range s.Lessons {
		rows[i] = map[string]any{"id": x.ID, "opgave": x.OpgaveID, "org": x.OrganisationID, "title": x.Title, "text": x.Text, "themes": x.Themes, "date": dateParam(x.Date)}
	}
	return rows
}
