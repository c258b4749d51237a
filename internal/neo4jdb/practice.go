package neo4jdb

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The practice of working together on an opgave: interests and their conflicts, agreements,
// check-ins, results and lessons (docs/practice.md has the storage model). Every node hangs off
// its opgave with :FOR. Reads take many opgaven at once (one statement for all parents).

const (
	interestProjection  = "{.id, .wants, .brings, .cannotGiveUp, .date, .generated, opgave: o.id, organisation: org.id}"
	agreementProjection = "{.id, .title, .description, .body, .dueDate, .decidedOn, .mandate, .generated, opgave: o.id, decider: d.id}"
	lessonProjection    = "{.id, .title, .text, .themes, .date, .generated, opgave: o.id, organisation: org.id}"
	// The note of a check-in only for the editors of its organisation and admins (see visibility).
	checkInProjection = "{.id, .date, .rightThings, .thingsRight, .together, .generated, opgave: o.id, organisation: org.id, " +
		"note: CASE WHEN $notesAll OR org.id = $notesOrg THEN k.note END, withheld: NOT ($notesAll OR org.id = $notesOrg)}"
)

var (
	cypherInterestsOf = `
UNWIND $ids AS id
MATCH (org:Organisation)-[:HAS_INTEREST]->(i:Interest)-[:FOR]->(o:Opgave {id: id})
WITH i, o, org ORDER BY org.name, i.id
RETURN collect(i` + interestProjection + `) AS rows`

	conflictMatch = `
MATCH (c)-[:BETWEEN {side: 'a'}]->(ia:Interest)<-[:HAS_INTEREST]-(oa:Organisation)
MATCH (c)-[:BETWEEN {side: 'b'}]->(ib:Interest)<-[:HAS_INTEREST]-(ob:Organisation)`
	conflictProjection = `{.id, .note, .since, .resolvedOn, .generated, opgave: o.id,
  a: ia{.id, .wants, .brings, .cannotGiveUp, .date, .generated, opgave: o.id, organisation: oa.id},
  b: ib{.id, .wants, .brings, .cannotGiveUp, .date, .generated, opgave: o.id, organisation: ob.id}}`

	cypherConflictsOf = `
UNWIND $ids AS id
MATCH (c:InterestConflict)-[:FOR]->(o:Opgave {id: id})
WHERE $all OR c.resolvedOn IS NULL` + conflictMatch + `
WITH c, o, ia, ib, oa, ob ORDER BY c.resolvedOn IS NOT NULL, c.since DESC, c.id
RETURN collect(c` + conflictProjection + `) AS rows`

	cypherConflictByID = `MATCH (c:InterestConflict {id: $id})-[:FOR]->(o:Opgave)` + conflictMatch + `
RETURN c` + conflictProjection

	cypherAgreementsOf = `
UNWIND $ids AS id
MATCH (g:Agreement)-[:FOR]->(o:Opgave {id: id})
OPTIONAL MATCH (g)-[:DECIDED_BY]->(d:Organisation)
WITH g, o, d ORDER BY g.decidedOn IS NOT NULL, g.dueDate, g.id
RETURN collect(g` + agreementProjection + `) AS rows`

	cypherAgreementByID = `MATCH (g:Agreement {id: $id})-[:FOR]->(o:Opgave)
OPTIONAL MATCH (g)-[:DECIDED_BY]->(d:Organisation)
RETURN g` + agreementProjection

	// $org, when set, keeps the check-ins of that organisation only (an editor's own).
	cypherCheckInsOf = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})
CALL (o) {
  MATCH (org:Organisation)-[:CHECKED_IN]->(k:CheckIn)-[:FOR]->(o)
  WHERE $org IS NULL OR org.id = $org
  WITH o, org, k ORDER BY k.date DESC, k.id LIMIT $first
  RETURN collect(k` + checkInProjection + `) AS ks
}
UNWIND ks AS k
RETURN collect(k) AS rows`

	// Per opgave: its rhythm, its participants on $at and its check-ins since $since.
	cypherCheckInFacts = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})
CALL (o) {
  OPTIONAL MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o)
  WHERE ` + roleActive("r") + `
  RETURN collect(DISTINCT org.id) AS ps
}
CALL (o) {
  MATCH (org:Organisation)-[:CHECKED_IN]->(k:CheckIn)-[:FOR]->(o)
  WHERE k.date >= $since AND k.date <= $at
  WITH o, org, k ORDER BY k.date DESC, k.id
  RETURN collect(k` + checkInProjection + `) AS ks
}
RETURN collect({id: id, rhythm: o.checkInRhythmDays, ps: ps, ks: ks}) AS rows`

	resultProjection = `{.id, .title, .description, .plannedDate, .achievedDate, .generated, opgave: o.id, contributions: cs}`
	resultContribs   = `CALL (r) {
  OPTIONAL MATCH (org:Organisation)-[c:CONTRIBUTED]->(r)
  WITH org, c ORDER BY org.name, org.id
  RETURN collect(CASE WHEN org IS NOT NULL THEN {organisation: org.id, description: c.description} END) AS cs
}`

	cypherResultsOf = `
UNWIND $ids AS id
MATCH (r:Result)-[:FOR]->(o:Opgave {id: id})
` + resultContribs + `
WITH r, o, cs ORDER BY r.plannedDate, r.id
RETURN collect(r` + resultProjection + `) AS rows`

	cypherResultByID = `MATCH (r:Result {id: $id})-[:FOR]->(o:Opgave)
` + resultContribs + `
RETURN r` + resultProjection

	cypherLessonsOf = `
UNWIND $ids AS id
MATCH (org:Organisation)-[:LEARNED]->(l:Lesson)-[:FOR]->(o:Opgave {id: id})
WITH l, o, org ORDER BY l.date DESC, l.id
RETURN collect(l` + lessonProjection + `) AS rows`

	cypherLessonByID = `MATCH (org:Organisation)-[:LEARNED]->(l:Lesson {id: $id})-[:FOR]->(o:Opgave)
RETURN l` + lessonProjection

	// Lessons of other opgaven sharing a theme with me, or whose area covers a gemeente of me's
	// footprint on $at (directly, or through a region it is an active member of). The second set is
	// found from the footprint's gemeenten, so a request does not test every lesson's area.
	cypherRelatedLessons = `
UNWIND $ids AS id
MATCH (me:Opgave {id: id})
CALL (me) {
  WITH me AS o
  ` + footprint + `
  RETURN fp
}
CALL (me, fp) {
  CALL (me, fp) {
    UNWIND fp AS gid
    MATCH (g:Organisation {id: gid})
    CALL (g) {
      MATCH (o:Opgave)-[:COVERS]->(g) RETURN o
      UNION
      MATCH (g)-[m:MEMBER_OF]->(:Region)<-[:COVERS]-(o:Opgave) WHERE ` + memberActive("m") + ` RETURN o
    }
    WITH DISTINCT o WHERE o <> me
    MATCH (l:Lesson)-[:FOR]->(o)
    RETURN l, true AS overlap
    UNION ALL
    MATCH (l:Lesson)-[:FOR]->(o:Opgave)
    WHERE o <> me AND any(t IN l.themes WHERE t IN me.themes)
    RETURN l, false AS overlap
  }
  WITH me, l, true IN collect(overlap) AS overlap
  MATCH (org:Organisation)-[:LEARNED]->(l)-[:FOR]->(o:Opgave)
  WITH l, o, org, overlap, [t IN l.themes WHERE t IN me.themes] AS shared
  WITH l, o, org, shared, overlap ORDER BY size(shared) DESC, overlap DESC, l.date DESC, l.id LIMIT $first
  RETURN collect({lesson: l` + lessonProjection + `, shared: shared, overlap: overlap}) AS ls
}
RETURN collect({id: id, ls: ls}) AS rows`

	cypherLessons = `
MATCH (org:Organisation)-[:LEARNED]->(l:Lesson)-[:FOR]->(o:Opgave)
WHERE ($theme IS NULL OR $theme IN l.themes)
  AND all(w IN $words WHERE toLower(l.title) CONTAINS w OR toLower(l.text) CONTAINS w)
WITH l, o, org ORDER BY l.date DESC, l.id LIMIT $first
RETURN collect(l` + lessonProjection + `) AS rows`

	cypherOverdue = `
MATCH (g:Agreement)-[:FOR]->(o:Opgave)
WHERE g.decidedOn IS NULL AND g.dueDate < $today
OPTIONAL MATCH (g)-[:DECIDED_BY]->(d:Organisation)
WITH g, o, d WHERE $org IS NULL OR d.id = $org
WITH g, o, d ORDER BY g.dueDate, g.id LIMIT $first
RETURN collect(g` + agreementProjection + `) AS rows`
)

// ---- conversions ----

func toInterest(v any) samenspel.Interest {
	m, _ := v.(map[string]any)
	return samenspel.Interest{ID: str(m["id"]), OpgaveID: str(m["opgave"]), OrganisationID: str(m["organisation"]), Wants: str(m["wants"]),
		Brings: str(m["brings"]), CannotGiveUp: str(m["cannotGiveUp"]), Date: toDate(m["date"]), Generated: m["generated"] == true}
}

func toConflict(v any) samenspel.InterestConflict {
	m, _ := v.(map[string]any)
	a, b := toInterest(m["a"]), toInterest(m["b"])
	return samenspel.InterestConflict{ID: str(m["id"]), OpgaveID: str(m["opgave"]), AID: a.ID, BID: b.ID, A: a, B: b, Note: str(m["note"]),
		Since: toDate(m["since"]), ResolvedOn: toOptDate(m["resolvedOn"]), Generated: m["generated"] == true}
}

func toAgreement(v any) samenspel.Agreement {
	m, _ := v.(map[string]any)
	return samenspel.Agreement{ID: str(m["id"]), OpgaveID: str(m["opgave"]), Title: str(m["title"]), Description: str(m["description"]),
		Body: str(m["body"]), DeciderID: str(m["decider"]), DueDate: toDate(m["dueDate"]), DecidedOn: toOptDate(m["decidedOn"]),
		Mandate: str(m["mandate"]), Generated: m["generated"] == true}
}

func toCheckIn(v any) samenspel.CheckIn {
	m, _ := v.(map[string]any)
	return samenspel.CheckIn{ID: str(m["id"]), OpgaveID: str(m["opgave"]), OrganisationID: str(m["organisation"]), Date: toDate(m["date"]),
		RightThings: integer(m["rightThings"]), ThingsRight: integer(m["thingsRight"]), Together: integer(m["together"]),
		Note: str(m["note"]), Generated: m["generated"] == true, Withheld: m["withheld"] == true}
}

func toResult(v any) samenspel.Result {
	m, _ := v.(map[string]any)
	r := samenspel.Result{ID: str(m["id"]), OpgaveID: str(m["opgave"]), Title: str(m["title"]), Description: str(m["description"]),
		PlannedDate: toDate(m["plannedDate"]), AchievedDate: toOptDate(m["achievedDate"]), Generated: m["generated"] == true,
		Contributions: []samenspel.Contribution{}}
	for _, c := range anySlice(m["contributions"]) {
		cm, _ := c.(map[string]any)
		r.Contributions = append(r.Contributions, samenspel.Contribution{OrganisationID: str(cm["organisation"]), Description: str(cm["description"])})
	}
	return r
}

func toLesson(v any) samenspel.Lesson {
	m, _ := v.(map[string]any)
	return samenspel.Lesson{ID: str(m["id"]), OpgaveID: str(m["opgave"]), OrganisationID: str(m["organisation"]), Title: str(m["title"]),
		Text: str(m["text"]), Themes: toStrings(m["themes"]), Date: toDate(m["date"]), Generated: m["generated"] == true}
}

// byOpgave reads a statement of rows (each with "opgave") into lists per opgave of params["ids"];
// an opgave without any has an empty list (none), not a missing one (null means not allowed).
func byOpgave[T any](ctx context.Context, db *DB, op, cypher string, params map[string]any, convert func(any) T, opgave func(T) string) (map[string][]T, error) {
	rows, err := db.rows(ctx, op, cypher, params)
	if err != nil {
		return nil, err
	}
	ids, _ := params["ids"].([]string)
	out := make(map[string][]T, len(ids))
	for _, id := range ids {
		out[id] = []T{}
	}
	for _, r := range rows {
		x := convert(r)
		out[opgave(x)] = append(out[opgave(x)], x)
	}
	return out, nil
}

// ---- reads ----

// InterestsOf returns the interests on each opgave, by organisation name.
func (db *DB) InterestsOf(ctx context.Context, ids []string) (map[string][]samenspel.Interest, error) {
	return byOpgave(ctx, db, "interests", cypherInterestsOf, map[string]any{"ids": ids}, toInterest, func(i samenspel.Interest) string { return i.OpgaveID })
}

// ConflictsOf returns the interest conflicts on each opgave: standing ones first, then newest;
// resolved ones only with all.
func (db *DB) ConflictsOf(ctx context.Context, ids []string, all bool) (map[string][]samenspel.InterestConflict, error) {
	return byOpgave(ctx, db, "interest conflicts", cypherConflictsOf, map[string]any{"ids": ids, "all": all}, toConflict,
		func(c samenspel.InterestConflict) string { return c.OpgaveID })
}

// AgreementsOf returns the agreements on each opgave: open ones by due date, then decided ones.
func (db *DB) AgreementsOf(ctx context.Context, ids []string) (map[string][]samenspel.Agreement, error) {
	return byOpgave(ctx, db, "agreements", cypherAgreementsOf, map[string]any{"ids": ids}, toAgreement, func(a samenspel.Agreement) string { return a.OpgaveID })
}

// CheckInsOf returns the newest first check-ins on each opgave; of org only when org is not empty.
func (db *DB) CheckInsOf(ctx context.Context, ids []string, org string, first int) (map[string][]samenspel.CheckIn, error) {
	return byOpgave(ctx, db, "check-ins", cypherCheckInsOf, visibility(ctx, map[string]any{"ids": ids, "org": nilIfEmpty(org), "first": first}),
		toCheckIn, func(k samenspel.CheckIn) string { return k.OpgaveID })
}

// CheckInFacts returns, per opgave, what its check-in summary stands on: its rhythm, its
// participants on at, and its check-ins in the periods before at (ComputeCheckIns).
func (db *DB) CheckInFacts(ctx context.Context, ids []string, at samenspel.Date) (map[string]samenspel.CheckInFacts, error) {
	// The longest rhythm is 366 days; the summary looks back CheckInPeriods periods.
	since := at.AddDays(-366 * samenspel.CheckInPeriods)
	rows, err := db.rows(ctx, "check-in facts", cypherCheckInFacts, visibility(ctx, map[string]any{"ids": ids, "at": dateParam(at), "since": dateParam(since)}))
	if err != nil {
		return nil, err
	}
	out := make(map[string]samenspel.CheckInFacts, len(rows))
	for _, r := range rows {
		f := samenspel.CheckInFacts{RhythmDays: integer(r["rhythm"]), Participants: toStrings(r["ps"])}
		if f.RhythmDays == 0 {
			f.RhythmDays = samenspel.DefaultCheckInRhythm
		}
		for _, k := range anySlice(r["ks"]) {
			f.CheckIns = append(f.CheckIns, toCheckIn(k))
		}
		out[str(r["id"])] = f
	}
	return out, nil
}

// ResultsOf returns the results on each opgave by planned date, with their contributions.
func (db *DB) ResultsOf(ctx context.Context, ids []string) (map[string][]samenspel.Result, error) {
	return byOpgave(ctx, db, "results", cypherResultsOf, map[string]any{"ids": ids}, toResult, func(r samenspel.Result) string { return r.OpgaveID })
}

// LessonsOf returns the lessons on each opgave, newest first.
func (db *DB) LessonsOf(ctx context.Context, ids []string) (map[string][]samenspel.Lesson, error) {
	return byOpgave(ctx, db, "lessons", cypherLessonsOf, map[string]any{"ids": ids}, toLesson, func(l samenspel.Lesson) string { return l.OpgaveID })
}

// RelatedLessons returns, per opgave, at most first lessons of other opgaven that share a theme
// with it or whose area overlaps its area on at.
func (db *DB) RelatedLessons(ctx context.Context, ids []string, at samenspel.Date, first int) (map[string][]samenspel.RelatedLesson, error) {
	rows, err := db.rows(ctx, "related lessons", cypherRelatedLessons, map[string]any{"ids": ids, "at": dateParam(at), "first": first})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]samenspel.RelatedLesson, len(rows))
	for _, r := range rows {
		list := []samenspel.RelatedLesson{}
		for _, x := range anySlice(r["ls"]) {
			m, _ := x.(map[string]any)
			list = append(list, samenspel.RelatedLesson{Lesson: toLesson(m["lesson"]), SharedThemes: toStrings(m["shared"]), OverlappingArea: m["overlap"] == true})
		}
		out[str(r["id"])] = list
	}
	return out, nil
}

// Lessons returns at most first lessons across all opgaven, newest first: with a theme those
// carrying it, with words those whose title or text contains each of them (lower case).
func (db *DB) Lessons(ctx context.Context, theme string, words []string, first int) ([]samenspel.Lesson, error) {
	if words == nil {
		words = []string{}
	}
	rows, err := db.rows(ctx, "lessons", cypherLessons, map[string]any{"theme": nilIfEmpty(theme), "words": words, "first": first})
	if err != nil {
		return nil, err
	}
	out := make([]samenspel.Lesson, len(rows))
	for i, r := range rows {
		out[i] = toLesson(r)
	}
	return out, nil
}

// OverdueDecisions returns at most first open agreements whose due date lies before today, most
// overdue first; those org decides when org is not empty. It reports whether org exists.
func (db *DB) OverdueDecisions(ctx context.Context, org string, today samenspel.Date, first int) ([]samenspel.Agreement, bool, error) {
	if org != "" {
		ok, err := readOne(ctx, db, "overdue decisions", "OPTIONAL MATCH (o:Organisation {id: $id}) RETURN o IS NOT NULL", map[string]any{"id": org})
		if err != nil || ok != true {
			return nil, false, err
		}
	}
	rows, err := db.rows(ctx, "overdue decisions", cypherOverdue, map[string]any{"org": nilIfEmpty(org), "today": dateParam(today), "first": first})
	if err != nil {
		return nil, true, err
	}
	out := make([]samenspel.Agreement, len(rows))
	for i, r := range rows {
		out[i] = toAgreement(r)
	}
	return out, true, nil
}

// ---- the caller's organisation in practice mutations ----

// actingOrg is the organisation an entry is recorded for: the one given, or the caller's. An
// editor records for its own organisation only.
func actingOrg(c samenspel.Caller, given, field string) (string, error) {
	switch {
	case given == "" && c.Organisation == "":
		return "", samenspel.Invalidf(field, "give the organisation the entry is for")
	case given == "":
		return c.Organisation, nil
	case c.Is(samenspel.Editor) && given != c.Organisation:
		return "", samenspel.Forbiddenf(field, "an editor records the entries of its own organisation (%s) only", c.Organisation)
	}
	return given, nil
}

// requireEntrant checks who may record an entry of org on an opgave: an editor only on an opgave
// its organisation takes part in (or, with ever, took part in; FORBIDDEN otherwise), and the
// organisation must hold (have held) a role there (invalid input otherwise).
func requireEntrant(w *txRunner, c samenspel.Caller, org, opgave string, ever bool) error {
	if c.Is(samenspel.Editor) {
		if err := requireParticipant(w, c.Organisation, opgave, "input.opgaveId", ever); err != nil {
			if e, ok := err.(*samenspel.Error); ok && e.Code == samenspel.ECodeInvalid {
				return samenspel.Forbiddenf("input.opgaveId", "your organisation (%s) takes no part in this opgave", c.Organisation)
			}
			return err
		}
	}
	return requireParticipant(w, org, opgave, "input.organisation", ever)
}

// requireParticipant checks that org holds a current role on the opgave (or, with ever, held one).
func requireParticipant(w *txRunner, org, opgave, field string, ever bool) error {
	_, ok, err := w.one("participant", `MATCH (org:Organisation {id: $id})-[:HOLDS]->(r:Role)-[:ON]->(:Opgave {id: $opgave})
WHERE $ever OR (r.from <= $today AND (r.until IS NULL OR $today < r.until)) RETURN true LIMIT 1`, map[string]any{"id": org, "opgave": opgave, "ever": ever, "today": dateParam(samenspel.TodayIn(w.ctx))})
	if err == nil && !ok {
		if ever {
			return samenspel.Invalidf(field, "%s has never held a role on opgave %s", org, opgave)
		}
		return samenspel.Invalidf(field, "%s holds no current role on opgave %s", org, opgave)
	}
	return err
}

// requireTakesPart lets an admin through, and an editor whose organisation holds a current role
// on the opgave.
func requireTakesPart(w *txRunner, c samenspel.Caller, opgave, field string) error {
	return requireRelation(w, c, opgave, field, false, "takes no part in this opgave")
}

// requireLeadsOrOwn lets an admin through, an editor whose organisation leads the opgave, and one
// whose organisation is owner.
func requireLeadsOrOwn(w *txRunner, c samenspel.Caller, opgave, owner, field, what string) error {
	if owner != "" && owner == c.Organisation {
		return nil
	}
	return requireRelation(w, c, opgave, field, true, "does not lead this opgave and "+what)
}

// fetch reads one node by id in the transaction; not found is invalid input on field.
func fetch[T any](w *txRunner, op, cypher, id, field, noun string, convert func(any) T) (T, error) {
	v, ok, err := w.one(op, cypher, visibility(w.ctx, map[string]any{"id": id}))
	var zero T
	if err != nil {
		return zero, err
	}
	if !ok {
		return zero, samenspel.Invalidf(field, "no %s has id %q", noun, id)
	}
	return convert(v), nil
}

// deleteNode deletes the node matched by cypher ($id) after check; it reports whether it existed.
func deleteNode[T any](ctx context.Context, db *DB, op, lookup, id, noun string, convert func(any) T, check func(w *txRunner, c samenspel.Caller, x T) error, subjects func(T) []string, deletion string) (bool, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		v, found, err := w.one(op, lookup, visibility(ctx, map[string]any{"id": id}))
		if err != nil || !found {
			return false, err
		}
		x := convert(v)
		if err := check(w, c, x); err != nil {
			return false, err
		}
		w.record(subjects(x), map[string]any{"deleted": false}, map[string]any{"deleted": true})
		_, ok, err := w.one(op, deletion, map[string]any{"id": id})
		return ok, err
	})
}

// ---- interests ----

// RecordInterest records what a participant wants, brings and cannot give up on an opgave.
func (db *DB) RecordInterest(ctx context.Context, in samenspel.InterestInput) (samenspel.Interest, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Interest{}, err
	}
	if in.OrganisationID, err = actingOrg(c, in.OrganisationID, "input.organisation"); err != nil {
		return samenspel.Interest{}, err
	}
	if err := in.Validate(); err != nil {
		return samenspel.Interest{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	lookup := `MATCH (org:Organisation)-[:HAS_INTEREST]->(i:Interest {clientKey: $key})-[:FOR]->(o:Opgave) RETURN i` + interestProjection
	return create(ctx, db, in.ClientKey, "record interest", lookup, toInterest, func(w *txRunner) (samenspel.Interest, error) {
		if err := w.require(existsOpgave, in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
			return samenspel.Interest{}, err
		}
		if err := w.require(existsOrganisation, in.OrganisationID, "input.organisation", "organisation"); err != nil {
			return samenspel.Interest{}, err
		}
		if err := requireEntrant(w, c, in.OrganisationID, in.OpgaveID, false); err != nil {
			return samenspel.Interest{}, err
		}
		// Two concurrent first interests of one organisation: the lock on the opgave makes the
		// second wait and then find the first.
		if _, err := w.run("record interest", "MATCH (o:Opgave {id: $id}) SET o._lock = true REMOVE o._lock", map[string]any{"id": in.OpgaveID}); err != nil {
			return samenspel.Interest{}, err
		}
		earlier, ok, err := w.one("record interest", `MATCH (:Organisation {id: $org})-[:HAS_INTEREST]->(i:Interest)-[:FOR]->(:Opgave {id: $opgave}) RETURN i.id`,
			map[string]any{"org": in.OrganisationID, "opgave": in.OpgaveID})
		if err != nil {
			return samenspel.Interest{}, err
		}
		if ok {
			return samenspel.Interest{}, samenspel.Conflictf("input.organisation", "%s already has an interest on this opgave (%s): change it with updateInterest", in.OrganisationID, str(earlier))
		}
		v, err := w.created("record interest", `
MATCH (org:Organisation {id: $org}), (o:Opgave {id: $opgave})
CREATE (org)-[:HAS_INTEREST]->(i:Interest {id: $id, wants: $wants, brings: $brings, cannotGiveUp: $cannot, date: $today, generated: false, clientKey: $key})-[:FOR]->(o)
RETURN i`+interestProjection, map[string]any{"org": in.OrganisationID, "opgave": in.OpgaveID, "id": newID(), "wants": in.Wants, "brings": in.Brings,
			"cannot": in.CannotGiveUp, "today": dateParam(samenspel.TodayIn(ctx)), "key": nilIfEmpty(in.ClientKey)})
		i := toInterest(v)
		w.record([]string{i.ID, in.OpgaveID, in.OrganisationID}, nil, map[string]any{"wants": in.Wants, "brings": in.Brings, "cannotGiveUp": in.CannotGiveUp})
		return i, err
	})
}

const cypherInterestByID = `MATCH (org:Organisation)-[:HAS_INTEREST]->(i:Interest {id: $id})-[:FOR]->(o:Opgave) RETURN i` + interestProjection

// UpdateInterest changes the given fields of an interest.
func (db *DB) UpdateInterest(ctx context.Context, id string, u samenspel.InterestUpdate) (samenspel.Interest, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Interest{}, err
	}
	if err := u.Validate(); err != nil {
		return samenspel.Interest{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Interest, error) {
		before, err := fetch(w, "update interest", cypherInterestByID, id, "id", "interest", toInterest)
		if err != nil {
			return before, err
		}
		if c.Is(samenspel.Editor) && before.OrganisationID != c.Organisation {
			return before, samenspel.Forbiddenf("id", "an editor changes the interests of its own organisation (%s) only", c.Organisation)
		}
		after := before
		after.Wants, after.Brings, after.CannotGiveUp = deref(u.Wants, before.Wants), deref(u.Brings, before.Brings), deref(u.CannotGiveUp, before.CannotGiveUp)
		v, err := w.created("update interest", `
MATCH (org:Organisation)-[:HAS_INTEREST]->(i:Interest {id: $id})-[:FOR]->(o:Opgave)
SET i.wants = $wants, i.brings = $brings, i.cannotGiveUp = $cannot, i.date = $today
RETURN i`+interestProjection, map[string]any{"id": id, "wants": after.Wants, "brings": after.Brings, "cannot": after.CannotGiveUp, "today": dateParam(samenspel.TodayIn(ctx))})
		w.record([]string{id, before.OpgaveID, before.OrganisationID},
			map[string]any{"wants": before.Wants, "brings": before.Brings, "cannotGiveUp": before.CannotGiveUp},
			map[string]any{"wants": after.Wants, "brings": after.Brings, "cannotGiveUp": after.CannotGiveUp})
		return toInterest(v), err
	})
}

// DeleteInterest deletes an interest and the conflicts marked on it.
func (db *DB) DeleteInterest(ctx context.Context, id string) (bool, error) {
	return deleteNode(ctx, db, "delete interest", cypherInterestByID, id, "interest", toInterest,
		func(w *txRunner, c samenspel.Caller, i samenspel.Interest) error {
			if c.Is(samenspel.Editor) && i.OrganisationID != c.Organisation {
				return samenspel.Forbiddenf("id", "an editor deletes the interests of its own organisation (%s) only", c.Organisation)
			}
			return nil
		}, func(i samenspel.Interest) []string { return []string{i.ID, i.OpgaveID, i.OrganisationID} },
		`MATCH (i:Interest {id: $id}) OPTIONAL MATCH (c:InterestConflict)-[:BETWEEN]->(i) DETACH DELETE c WITH DISTINCT i DETACH DELETE i RETURN true`)
}

// MarkInterestConflict marks two interests on one opgave, of two organisations, as conflicting.
func (db *DB) MarkInterestConflict(ctx context.Context, in samenspel.ConflictInput) (samenspel.InterestConflict, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.InterestConflict{}, err
	}
	if err := in.Validate(); err != nil {
		return samenspel.InterestConflict{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	lookup := `MATCH (c:InterestConflict {clientKey: $key})-[:FOR]->(o:Opgave)` + conflictMatch + ` RETURN c` + conflictProjection
	return create(ctx, db, in.ClientKey, "mark interest conflict", lookup, toConflict, func(w *txRunner) (samenspel.InterestConflict, error) {
		a, err := fetch(w, "mark interest conflict", cypherInterestByID, in.AID, "input.a", "interest", toInterest)
		if err != nil {
			return samenspel.InterestConflict{}, err
		}
		b, err := fetch(w, "mark interest conflict", cypherInterestByID, in.BID, "input.b", "interest", toInterest)
		if err != nil {
			return samenspel.InterestConflict{}, err
		}
		switch {
		case a.OpgaveID != b.OpgaveID:
			return samenspel.InterestConflict{}, samenspel.Invalidf("input.b", "is an interest on another opgave (%s) than a (%s)", b.OpgaveID, a.OpgaveID)
		case a.OrganisationID == b.OrganisationID:
			return samenspel.InterestConflict{}, samenspel.Invalidf("input.b", "is an interest of the same organisation as a (%s)", a.OrganisationID)
		}
		if err := requireTakesPart(w, c, a.OpgaveID, "input.a"); err != nil {
			return samenspel.InterestConflict{}, err
		}
		v, err := w.created("mark interest conflict", `
MATCH (ia:Interest {id: $a})-[:FOR]->(o:Opgave), (ib:Interest {id: $b})
CREATE (c:InterestConflict {id: $id, note: $note, since: $today, generated: false, clientKey: $key})-[:FOR]->(o)
CREATE (c)-[:BETWEEN {side: 'a'}]->(ia), (c)-[:BETWEEN {side: 'b'}]->(ib)
WITH c, o`+conflictMatch+`
RETURN c`+conflictProjection, map[string]any{"a": a.ID, "b": b.ID, "id": newID(), "note": in.Note, "today": dateParam(samenspel.TodayIn(ctx)), "key": nilIfEmpty(in.ClientKey)})
		k := toConflict(v)
		w.record([]string{k.ID, a.OpgaveID, a.OrganisationID, b.OrganisationID}, nil, map[string]any{"a": a.ID, "b": b.ID, "note": in.Note})
		return k, err
	})
}

// ResolveInterestConflict records the day a conflict was resolved (on; zero: today).
func (db *DB) ResolveInterestConflict(ctx context.Context, id string, on samenspel.Date) (samenspel.InterestConflict, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.InterestConflict{}, err
	}
	today := samenspel.TodayIn(ctx)
	if on.IsZero() {
		on = today
	}
	if today.Before(on) {
		return samenspel.InterestConflict{}, samenspel.Invalidf("on", "%s is in the future", on)
	}
	return update(ctx, db, func(w *txRunner) (samenspel.InterestConflict, error) {
		k, err := fetch(w, "resolve interest conflict", cypherConflictByID, id, "id", "interest conflict", toConflict)
		if err != nil {
			return k, err
		}
		if err := requireTakesPart(w, c, k.OpgaveID, "id"); err != nil {
			return k, err
		}
		if on.Before(k.Since) {
			return k, samenspel.Invalidf("on", "%s is before the conflict was marked (%s)", on, k.Since)
		}
		v, err := w.created("resolve interest conflict", `MATCH (c:InterestConflict {id: $id})-[:FOR]->(o:Opgave) SET c.resolvedOn = $on
WITH c, o`+conflictMatch+` RETURN c`+conflictProjection, map[string]any{"id": id, "on": dateParam(on)})
		w.record([]string{id, k.OpgaveID}, map[string]any{"resolvedOn": dateString(k.ResolvedOn)}, map[string]any{"resolvedOn": on.String()})
		return toConflict(v), err
	})
}

// ---- agreements ----

// checkDecider checks the decider exists and fits the body.
func checkDecider(w *txRunner, body, decider string) error {
	if decider == "" {
		return nil
	}
	kind, ok, err := w.one("agreement", "MATCH (o:Organisation {id: $id}) RETURN o.kind", map[string]any{"id": decider})
	if err != nil {
		return err
	}
	if !ok {
		return samenspel.Invalidf("input.decider", "no organisation has id %q", decider)
	}
	return samenspel.CheckDecider(body, samenspel.OrganisationKind(str(kind)))
}

// RecordAgreement records an agreement or decision on an opgave the caller leads.
func (db *DB) RecordAgreement(ctx context.Context, in samenspel.AgreementInput) (samenspel.Agreement, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Agreement{}, err
	}
	if err := in.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.Agreement{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	lookup := `MATCH (g:Agreement {clientKey: $key})-[:FOR]->(o:Opgave) OPTIONAL MATCH (g)-[:DECIDED_BY]->(d:Organisation) RETURN g` + agreementProjection
	return create(ctx, db, in.ClientKey, "record agreement", lookup, toAgreement, func(w *txRunner) (samenspel.Agreement, error) {
		if err := w.require(existsOpgave, in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
			return samenspel.Agreement{}, err
		}
		if err := requireLeads(w, c, in.OpgaveID, "input.opgaveId"); err != nil {
			return samenspel.Agreement{}, err
		}
		if err := checkDecider(w, in.Body, in.DeciderID); err != nil {
			return samenspel.Agreement{}, err
		}
		v, err := w.created("record agreement", `
MATCH (o:Opgave {id: $opgave})
CREATE (g:Agreement {id: $id, title: $title, description: $description, body: $body, dueDate: $due, decidedOn: $decided, mandate: $mandate, generated: false, clientKey: $key})-[:FOR]->(o)
WITH g, o
OPTIONAL MATCH (d:Organisation {id: $decider})
FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (g)-[:DECIDED_BY]->(d))
RETURN g`+agreementProjection, map[string]any{"opgave": in.OpgaveID, "id": newID(), "title": in.Title, "description": in.Description, "body": in.Body,
			"due": dateParam(in.DueDate), "decided": optDateParam(in.DecidedOn), "mandate": in.Mandate, "key": nilIfEmpty(in.ClientKey), "decider": nilIfEmpty(in.DeciderID)})
		g := toAgreement(v)
		w.record([]string{g.ID, in.OpgaveID, in.DeciderID}, nil, agreementFields(g))
		return g, err
	})
}

func agreementFields(g samenspel.Agreement) map[string]any {
	return map[string]any{"title": g.Title, "description": g.Description, "body": g.Body, "decider": g.DeciderID, "dueDate": g.DueDate.String(),
		"decidedOn": dateString(g.DecidedOn), "mandate": g.Mandate}
}

// UpdateAgreement changes the given fields of an agreement: on opgaven the caller leads, or when
// its own organisation decides.
func (db *DB) UpdateAgreement(ctx context.Context, id string, u samenspel.AgreementUpdate) (samenspel.Agreement, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Agreement{}, err
	}
	if err := u.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.Agreement{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Agreement, error) {
		before, err := fetch(w, "update agreement", cypherAgreementByID, id, "id", "agreement", toAgreement)
		if err != nil {
			return before, err
		}
		// The decider's own part is its mandate and its decision; what is agreed and by when is the
		// programme lead's.
		if !c.Is(samenspel.Admin) {
			leads, _, err := relation(w, c, before.OpgaveID)
			decides := before.DeciderID != "" && before.DeciderID == c.Organisation
			switch {
			case err != nil:
				return before, err
			case !leads && !decides:
				return before, samenspel.Forbiddenf("id", "your organisation (%s) does not lead this opgave and does not decide it", c.Organisation)
			case !leads && (u.Title != nil || u.Description != nil || u.DueDate != nil):
				field := map[bool]string{true: "input.dueDate", false: "input.title"}[u.DueDate != nil]
				return before, samenspel.Forbiddenf(field, "the deciding organisation changes the mandate and the decision; the title, description and due date are for the organisation that leads the opgave")
			}
		}
		after := before
		after.Title, after.Description, after.Mandate = deref(u.Title, before.Title), deref(u.Description, before.Description), deref(u.Mandate, before.Mandate)
		after.DueDate = deref(u.DueDate, before.DueDate)
		switch {
		case u.DecidedOn != nil:
			after.DecidedOn = u.DecidedOn
		case u.Reopen:
			after.DecidedOn = nil
		}
		v, err := w.created("update agreement", `
MATCH (g:Agreement {id: $id})-[:FOR]->(o:Opgave)
SET g.title = $title, g.description = $description, g.dueDate = $due, g.decidedOn = $decided, g.mandate = $mandate
WITH g, o
OPTIONAL MATCH (g)-[:DECIDED_BY]->(d:Organisation)
RETURN g`+agreementProjection, map[string]any{"id": id, "title": after.Title, "description": after.Description, "due": dateParam(after.DueDate),
			"decided": optDateParam(after.DecidedOn), "mandate": after.Mandate})
		w.record([]string{id, before.OpgaveID, before.DeciderID}, agreementFields(before), agreementFields(after))
		return toAgreement(v), err
	})
}

// DeleteAgreement deletes an agreement on an opgave the caller leads.
func (db *DB) DeleteAgreement(ctx context.Context, id string) (bool, error) {
	return deleteNode(ctx, db, "delete agreement", cypherAgreementByID, id, "agreement", toAgreement,
		func(w *txRunner, c samenspel.Caller, g samenspel.Agreement) error {
			return requireLeads(w, c, g.OpgaveID, "id")
		},
		func(g samenspel.Agreement) []string { return []string{g.ID, g.OpgaveID} },
		`MATCH (g:Agreement {id: $id}) DETACH DELETE g RETURN true`)
}

// ---- check-ins ----

// RecordCheckIn records a participant's answers to the three check-in questions.
func (db *DB) RecordCheckIn(ctx context.Context, in samenspel.CheckInInput) (samenspel.CheckIn, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.CheckIn{}, err
	}
	if in.OrganisationID, err = actingOrg(c, in.OrganisationID, "input.organisation"); err != nil {
		return samenspel.CheckIn{}, err
	}
	if err := in.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.CheckIn{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	lookup := `MATCH (org:Organisation)-[:CHECKED_IN]->(k:CheckIn {clientKey: $key})-[:FOR]->(o:Opgave) RETURN k` + checkInProjection
	return create(ctx, db, in.ClientKey, "record check-in", lookup, toCheckIn, func(w *txRunner) (samenspel.CheckIn, error) {
		if err := w.require(existsOpgave, in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
			return samenspel.CheckIn{}, err
		}
		if err := w.require(existsOrganisation, in.OrganisationID, "input.organisation", "organisation"); err != nil {
			return samenspel.CheckIn{}, err
		}
		if err := requireEntrant(w, c, in.OrganisationID, in.OpgaveID, false); err != nil {
			return samenspel.CheckIn{}, err
		}
		v, err := w.created("record check-in", `
MATCH (org:Organisation {id: $org}), (o:Opgave {id: $opgave})
CREATE (org)-[:CHECKED_IN]->(k:CheckIn {id: $id, date: $date, rightThings: $rt, thingsRight: $tr, together: $tg, note: $note, generated: false, clientKey: $key})-[:FOR]->(o)
RETURN k`+checkInProjection, visibility(ctx, map[string]any{"org": in.OrganisationID, "opgave": in.OpgaveID, "id": newID(), "date": dateParam(in.Date),
			"rt": in.RightThings, "tr": in.ThingsRight, "tg": in.Together, "note": in.Note, "key": nilIfEmpty(in.ClientKey)}))
		k := toCheckIn(v)
		w.record([]string{k.ID, in.OpgaveID, in.OrganisationID}, nil, map[string]any{"date": in.Date.String(), "rightThings": in.RightThings,
			"thingsRight": in.ThingsRight, "together": in.Together, "note": in.Note})
		return k, err
	})
}

// SetCheckInRhythm sets an opgave's check-in rhythm in days.
func (db *DB) SetCheckInRhythm(ctx context.Context, opgave string, days int) (samenspel.Opgave, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Opgave{}, err
	}
	if err := samenspel.CheckCheckInRhythm(days); err != nil {
		return samenspel.Opgave{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Opgave, error) {
		before, found, err := lockOpgave(w, opgave)
		if err != nil {
			return before, err
		}
		if !found {
			return before, samenspel.Invalidf("opgaveId", "no opgave has id %q", opgave)
		}
		if err := requireLeads(w, c, opgave, "opgaveId"); err != nil {
			return before, err
		}
		v, err := w.created("set check-in rhythm", "MATCH (o:Opgave {id: $id}) SET o.checkInRhythmDays = $days RETURN o"+opgaveProjection, map[string]any{"id": opgave, "days": days})
		w.record([]string{opgave}, map[string]any{"checkInRhythmDays": before.Rhythm()}, map[string]any{"checkInRhythmDays": days})
		return toOpgave(v), err
	})
}

// ---- results ----

// RecordResult records a result on an opgave the caller leads, with its contributions.
func (db *DB) RecordResult(ctx context.Context, in samenspel.ResultInput) (samenspel.Result, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Result{}, err
	}
	if err := in.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.Result{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	lookup := `MATCH (r:Result {clientKey: $key})-[:FOR]->(o:Opgave) ` + resultContribs + ` RETURN r` + resultProjection
	return create(ctx, db, in.ClientKey, "record result", lookup, toResult, func(w *txRunner) (samenspel.Result, error) {
		if err := w.require(existsOpgave, in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
			return samenspel.Result{}, err
		}
		if err := requireLeads(w, c, in.OpgaveID, "input.opgaveId"); err != nil {
			return samenspel.Result{}, err
		}
		cs := make([]map[string]any, len(in.Contributions))
		for i, k := range in.Contributions {
			if err := w.require(existsOrganisation, k.OrganisationID, fmt.Sprintf("input.contributions[%d].organisation", i), "organisation"); err != nil {
				return samenspel.Result{}, err
			}
			cs[i] = map[string]any{"org": k.OrganisationID, "description": k.Description}
		}
		id := newID()
		v, err := w.created("record result", `
MATCH (o:Opgave {id: $opgave})
CREATE (r:Result {id: $id, title: $title, description: $description, plannedDate: $planned, achievedDate: $achieved, generated: false, clientKey: $key})-[:FOR]->(o)
WITH r, o
CALL (r) {
  UNWIND $cs AS c
  MATCH (org:Organisation {id: c.org})
  CREATE (org)-[:CONTRIBUTED {description: c.description}]->(r)
}
WITH r, o
`+resultContribs+`
RETURN r`+resultProjection, map[string]any{"opgave": in.OpgaveID, "id": id, "title": in.Title, "description": in.Description,
			"planned": dateParam(in.PlannedDate), "achieved": optDateParam(in.AchievedDate), "key": nilIfEmpty(in.ClientKey), "cs": cs})
		r := toResult(v)
		w.record(append([]string{r.ID, in.OpgaveID}, contributors(r)...), nil, resultFields(r))
		return r, err
	})
}

func contributors(r samenspel.Result) []string {
	out := make([]string, len(r.Contributions))
	for i, c := range r.Contributions {
		out[i] = c.OrganisationID
	}
	return out
}

func resultFields(r samenspel.Result) map[string]any {
	cs := make([]string, len(r.Contributions))
	for i, c := range r.Contributions {
		cs[i] = c.OrganisationID + ": " + c.Description
	}
	return map[string]any{"title": r.Title, "description": r.Description, "plannedDate": r.PlannedDate.String(), "achievedDate": dateString(r.AchievedDate), "contributions": cs}
}

// UpdateResult changes the given fields of a result on an opgave the caller leads.
func (db *DB) UpdateResult(ctx context.Context, id string, u samenspel.ResultUpdate) (samenspel.Result, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Result{}, err
	}
	if err := u.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.Result{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Result, error) {
		before, err := fetch(w, "update result", cypherResultByID, id, "id", "result", toResult)
		if err != nil {
			return before, err
		}
		if err := requireLeads(w, c, before.OpgaveID, "id"); err != nil {
			return before, err
		}
		after := before
		after.Title, after.Description, after.PlannedDate = deref(u.Title, before.Title), deref(u.Description, before.Description), deref(u.PlannedDate, before.PlannedDate)
		switch {
		case u.AchievedDate != nil:
			after.AchievedDate = u.AchievedDate
		case u.NotAchieved:
			after.AchievedDate = nil
		}
		v, err := w.created("update result", `
MATCH (r:Result {id: $id})-[:FOR]->(o:Opgave)
SET r.title = $title, r.description = $description, r.plannedDate = $planned, r.achievedDate = $achieved
WITH r, o
`+resultContribs+`
RETURN r`+resultProjection, map[string]any{"id": id, "title": after.Title, "description": after.Description, "planned": dateParam(after.PlannedDate),
			"achieved": optDateParam(after.AchievedDate)})
		w.record([]string{id, before.OpgaveID}, resultFields(before), resultFields(after))
		return toResult(v), err
	})
}

// DescribeContribution sets (or, with an empty description, removes) an organisation's
// contribution to a result: any on opgaven the caller leads, its own on opgaven it takes part in.
func (db *DB) DescribeContribution(ctx context.Context, resultID, org, description string) (samenspel.Result, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Result{}, err
	}
	description = strings.TrimSpace(description)
	if n := len([]rune(description)); n > samenspel.MaxNoteLen {
		return samenspel.Result{}, samenspel.Invalidf("description", "must be at most %d characters, got %d", samenspel.MaxNoteLen, n)
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Result, error) {
		before, err := fetch(w, "describe contribution", cypherResultByID, resultID, "resultId", "result", toResult)
		if err != nil {
			return before, err
		}
		if err := w.require(existsOrganisation, org, "organisation", "organisation"); err != nil {
			return before, err
		}
		if !c.Is(samenspel.Admin) {
			leads, takesPart, err := relation(w, c, before.OpgaveID)
			if err != nil {
				return before, err
			}
			if !leads && !(org == c.Organisation && takesPart) {
				return before, samenspel.Forbiddenf("organisation", "an editor describes its own organisation's contribution on opgaven it takes part in, or any on opgaven it leads")
			}
		}
		v, err := w.created("describe contribution", `
MATCH (r:Result {id: $id})-[:FOR]->(o:Opgave), (org:Organisation {id: $org})
MERGE (org)-[c:CONTRIBUTED]->(r)
SET c.description = $description
WITH r, o, c
CALL (c) { WITH c WHERE $description = '' DELETE c }
WITH DISTINCT r, o
`+resultContribs+`
RETURN r`+resultProjection, map[string]any{"id": resultID, "org": org, "description": description})
		after := toResult(v)
		w.record([]string{resultID, before.OpgaveID, org}, resultFields(before), resultFields(after))
		return after, err
	})
}

// DeleteResult deletes a result on an opgave the caller leads.
func (db *DB) DeleteResult(ctx context.Context, id string) (bool, error) {
	return deleteNode(ctx, db, "delete result", cypherResultByID, id, "result", toResult,
		func(w *txRunner, c samenspel.Caller, r samenspel.Result) error {
			return requireLeads(w, c, r.OpgaveID, "id")
		},
		func(r samenspel.Result) []string { return []string{r.ID, r.OpgaveID} },
		`MATCH (r:Result {id: $id}) DETACH DELETE r RETURN true`)
}

// ---- lessons ----

// RecordLesson records a lesson on an opgave, by an organisation that has (or had) a role on it.
func (db *DB) RecordLesson(ctx context.Context, in samenspel.LessonInput) (samenspel.Lesson, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Lesson{}, err
	}
	if in.OrganisationID, err = actingOrg(c, in.OrganisationID, "input.organisation"); err != nil {
		return samenspel.Lesson{}, err
	}
	if err := in.Validate(samenspel.TodayIn(ctx)); err != nil {
		return samenspel.Lesson{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	lookup := `MATCH (org:Organisation)-[:LEARNED]->(l:Lesson {clientKey: $key})-[:FOR]->(o:Opgave) RETURN l` + lessonProjection
	return create(ctx, db, in.ClientKey, "record lesson", lookup, toLesson, func(w *txRunner) (samenspel.Lesson, error) {
		if err := w.require(existsOpgave, in.OpgaveID, "input.opgaveId", "opgave"); err != nil {
			return samenspel.Lesson{}, err
		}
		if err := w.require(existsOrganisation, in.OrganisationID, "input.organisation", "organisation"); err != nil {
			return samenspel.Lesson{}, err
		}
		if err := requireEntrant(w, c, in.OrganisationID, in.OpgaveID, true); err != nil {
			return samenspel.Lesson{}, err
		}
		v, err := w.created("record lesson", `
MATCH (org:Organisation {id: $org}), (o:Opgave {id: $opgave})
CREATE (org)-[:LEARNED]->(l:Lesson {id: $id, title: $title, text: $text, themes: $themes, date: $date, generated: false, clientKey: $key})-[:FOR]->(o)
RETURN l`+lessonProjection, map[string]any{"org": in.OrganisationID, "opgave": in.OpgaveID, "id": newID(), "title": in.Title, "text": in.Text,
			"themes": in.Themes, "date": dateParam(in.Date), "key": nilIfEmpty(in.ClientKey)})
		l := toLesson(v)
		w.record([]string{l.ID, in.OpgaveID, in.OrganisationID}, nil, lessonFields(l))
		return l, err
	})
}

func lessonFields(l samenspel.Lesson) map[string]any {
	return map[string]any{"title": l.Title, "text": l.Text, "themes": l.Themes, "date": l.Date.String()}
}

// UpdateLesson changes the given fields of a lesson its own organisation recorded, or one on an
// opgave the caller leads.
func (db *DB) UpdateLesson(ctx context.Context, id string, u samenspel.LessonUpdate) (samenspel.Lesson, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Lesson{}, err
	}
	if err := u.Validate(); err != nil {
		return samenspel.Lesson{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Lesson, error) {
		before, err := fetch(w, "update lesson", cypherLessonByID, id, "id", "lesson", toLesson)
		if err != nil {
			return before, err
		}
		if err := requireLeadsOrOwn(w, c, before.OpgaveID, before.OrganisationID, "id", "did not record the lesson"); err != nil {
			return before, err
		}
		after := before
		after.Title, after.Text = deref(u.Title, before.Title), deref(u.Text, before.Text)
		if u.Themes != nil {
			after.Themes = u.Themes
		}
		v, err := w.created("update lesson", `
MATCH (org:Organisation)-[:LEARNED]->(l:Lesson {id: $id})-[:FOR]->(o:Opgave)
SET l.title = $title, l.text = $text, l.themes = $themes
RETURN l`+lessonProjection, map[string]any{"id": id, "title": after.Title, "text": after.Text, "themes": after.Themes})
		w.record([]string{id, before.OpgaveID, before.OrganisationID}, lessonFields(before), lessonFields(after))
		return toLesson(v), err
	})
}

// DeleteLesson deletes a lesson its own organisation recorded, or one on an opgave the caller leads.
func (db *DB) DeleteLesson(ctx context.Context, id string) (bool, error) {
	return deleteNode(ctx, db, "delete lesson", cypherLessonByID, id, "lesson", toLesson,
		func(w *txRunner, c samenspel.Caller, l samenspel.Lesson) error {
			return requireLeadsOrOwn(w, c, l.OpgaveID, l.OrganisationID, "id", "did not record the lesson")
		},
		func(l samenspel.Lesson) []string { return []string{l.ID, l.OpgaveID, l.OrganisationID} },
		`MATCH (l:Lesson {id: $id}) DETACH DELETE l RETURN true`)
}
