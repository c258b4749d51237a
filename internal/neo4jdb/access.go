package neo4jdb

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Access: API keys, the audit trail, and the checks that tie a change to the caller's
// organisation. The caller comes from the context (samenspel.CallerIn); its organisation and role
// are parameters of the statements, never spliced into them.

// ---- API keys ----

const apiKeyProjection = "{.id, .name, .organisation, .role, .hash, .created, .expires, .revoked, .lastUsed, .createdBy}"

func toAPIKey(v any) samenspel.APIKey {
	m, _ := v.(map[string]any)
	k := samenspel.APIKey{ID: str(m["id"]), Name: str(m["name"]), Organisation: str(m["organisation"]), Access: samenspel.Access(str(m["role"])),
		Hash: str(m["hash"]), CreatedBy: str(m["createdBy"])}
	k.Created, _ = m["created"].(time.Time)
	for field, dst := range map[string]**time.Time{"expires": &k.Expires, "revoked": &k.Revoked, "lastUsed": &k.LastUsed} {
		if t, ok := m[field].(time.Time); ok {
			*dst = &t
		}
	}
	return k
}

// CreateAPIKey stores a key (its hash) for an organisation and role, and audits it.
func (db *DB) CreateAPIKey(ctx context.Context, k samenspel.APIKey) (samenspel.APIKey, error) {
	if k.Organisation == "" && k.Access != samenspel.Admin && k.Access != samenspel.Analyst {
		return k, samenspel.Invalidf("input.organisation", "a %s key speaks for an organisation; give one", k.Access)
	}
	if strings.TrimSpace(k.Name) == "" {
		return k, samenspel.Invalidf("input.name", "give the key a name that says who uses it")
	}
	if err := requireAdmin(ctx); err != nil {
		return k, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.APIKey, error) {
		if k.Organisation != "" {
			if err := w.require(existsOrganisation, k.Organisation, "input.organisation", "organisation"); err != nil {
				return k, err
			}
		}
		v, err := w.created("create api key", `
CREATE (k:ApiKey {id: $id, name: $name, organisation: $org, role: $role, hash: $hash, created: datetime(), expires: $expires, createdBy: $by})
RETURN k`+apiKeyProjection, map[string]any{"id": k.ID, "name": k.Name, "org": nilIfEmpty(k.Organisation), "role": string(k.Access),
			"hash": k.Hash, "expires": timeOrNil(k.Expires), "by": samenspel.CallerIn(ctx).Subject})
		w.record([]string{k.ID}, nil, map[string]any{"name": k.Name, "organisation": k.Organisation, "role": string(k.Access), "expires": timeOrNil(k.Expires)})
		return toAPIKey(v), err
	})
}

// timeOrNil converts an optional time for a parameter, in UTC: Neo4j refuses Go's "Local" zone.
func timeOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// APIKeyByHash finds a key by its hash.
func (db *DB) APIKeyByHash(ctx context.Context, hash string) (samenspel.APIKey, bool, error) {
	v, err := readOne(ctx, db, "api key", "MATCH (k:ApiKey {hash: $hash}) RETURN k"+apiKeyProjection, map[string]any{"hash": hash})
	if err != nil || v == nil {
		return samenspel.APIKey{}, false, err
	}
	return toAPIKey(v), true, nil
}

// TouchAPIKey records when a key was last used. It is bookkeeping, not a change of the data: it
// leaves the data version and the audit trail alone.
func (db *DB) TouchAPIKey(ctx context.Context, id string, at time.Time) error {
	_, err := db.write(ctx, "MATCH (k:ApiKey {id: $id}) SET k.lastUsed = $at", map[string]any{"id": id, "at": at.UTC()})
	return err
}

// APIKeys lists every key, newest first (hashes included; the API never shows them).
func (db *DB) APIKeys(ctx context.Context) ([]samenspel.APIKey, error) {
	rows, err := db.rows(ctx, "api keys", "MATCH (k:ApiKey) WITH k ORDER BY k.created DESC RETURN collect(k"+apiKeyProjection+")", nil)
	if err != nil {
		return nil, err
	}
	out := make([]samenspel.APIKey, len(rows))
	for i, r := range rows {
		out[i] = toAPIKey(r)
	}
	return out, nil
}

// RevokeAPIKey revokes a key; revoking it again changes nothing.
func (db *DB) RevokeAPIKey(ctx context.Context, id string) (samenspel.APIKey, error) {
	if err := requireAdmin(ctx); err != nil {
		return samenspel.APIKey{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.APIKey, error) {
		v, ok, err := w.one("revoke api key", "MATCH (k:ApiKey {id: $id}) SET k.revoked = coalesce(k.revoked, datetime()) RETURN k"+apiKeyProjection, map[string]any{"id": id})
		if err == nil && !ok {
			err = samenspel.Invalidf("id", "no API key has id %q", id)
		}
		w.record([]string{id}, nil, map[string]any{"revoked": true})
		return toAPIKey(v), err
	})
}

// HasAdminKey reports whether an admin key that is neither revoked nor expired exists.
func (db *DB) HasAdminKey(ctx context.Context) (bool, error) {
	v, err := readOne(ctx, db, "admin key", `MATCH (k:ApiKey {role: 'admin'}) WHERE k.revoked IS NULL AND (k.expires IS NULL OR k.expires > datetime())
RETURN count(k) > 0`, nil)
	b, _ := v.(bool)
	return b, err
}

// ---- The audit trail ----

// AuditEvent is one entry of the audit trail.
type auditEvent struct {
	subjects      []string
	before, after map[string]any
}

// record adds an audit event to the transaction: the objects the change concerns, and the fields
// before and after it. Personal data (names, contact details, notes) is masked, so that erasing a
// person never has to rewrite the trail.
func (w *txRunner) record(subjects []string, before, after map[string]any) {
	w.events = append(w.events, auditEvent{subjects: subjects, before: mask(before), after: mask(after)})
}

// personal lists the fields the trail keeps only as "changed".
var personal = map[string]bool{"name": true, "email": true, "phone": true, "function": true, "note": true, "recordedBy": true}

func mask(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if personal[k] && v != nil && v != "" {
			v = "(personal data)"
		}
		if d, ok := v.(neo4j.Date); ok {
			v = d.Time().Format(samenspel.DateLayout)
		}
		out[k] = v
	}
	return out
}

const cypherAudit = `
CREATE (:AuditEvent {id: $id, at: datetime(), actor: $actor, name: $name, via: $via, organisation: $org, role: $role,
        operation: $op, subjects: $subjects, before: $before, after: $after})`

// writeAudit writes the transaction's audit events in the transaction itself: a change that rolls
// back leaves no event.
func (w *txRunner) writeAudit() error {
	for _, e := range w.events {
		if err := writeAuditEvent(w.ctx, func(cypher string, p map[string]any) error {
			_, err := w.run("audit", cypher, p)
			return err
		}, e); err != nil {
			return err
		}
	}
	return nil
}

func writeAuditEvent(ctx context.Context, run func(string, map[string]any) error, e auditEvent) error {
	c := samenspel.CallerIn(ctx)
	before, after := "", ""
	if e.before != nil {
		b, _ := json.Marshal(e.before)
		before = string(b)
	}
	if e.after != nil {
		b, _ := json.Marshal(e.after)
		after = string(b)
	}
	subjects := e.subjects
	if subjects == nil {
		subjects = []string{}
	}
	return run(cypherAudit, map[string]any{"id": newID(), "actor": nilIfEmpty(c.Subject), "name": nilIfEmpty(c.Name), "via": nilIfEmpty(c.Via),
		"org": nilIfEmpty(c.Organisation), "role": string(c.Access), "op": samenspel.ActionIn(ctx), "subjects": subjects,
		"before": nilIfEmpty(before), "after": nilIfEmpty(after)})
}

// AuditRead records a read of sensitive data (contact details, individual trust assessments):
// the caller, the operation and the objects read. The read is refused when it cannot be recorded.
func (db *DB) AuditRead(ctx context.Context, subjects []string) error {
	if err := db.before(ctx); err != nil {
		return err
	}
	return writeAuditEvent(ctx, func(cypher string, p map[string]any) error {
		_, err := db.write(ctx, cypher, p)
		return err
	}, auditEvent{subjects: subjects})
}

// AuditLog returns one page of the audit trail matching f, newest first.
func (db *DB) AuditLog(ctx context.Context, f samenspel.AuditFilter, page samenspel.Page) (samenspel.Connection[samenspel.AuditEvent], error) {
	var conn samenspel.Connection[samenspel.AuditEvent]
	after, err := samenspel.DecodeCursor("after", page.After)
	if err != nil {
		return conn, err
	}
	params := map[string]any{"actor": nilIfEmpty(f.Actor), "org": nilIfEmpty(f.Organisation), "op": nilIfEmpty(f.Operation),
		"subject": nilIfEmpty(f.Subject), "since": timeOrNil(f.Since), "until": timeOrNil(f.Until),
		"afterAt": nil, "afterId": nil, "limit": page.First + 1}
	if after != nil {
		t, err := time.Parse(time.RFC3339Nano, after.Key)
		if err != nil {
			return conn, samenspel.Invalidf("after", "is not a cursor returned by this list")
		}
		params["afterAt"], params["afterId"] = t, after.ID
		conn.HasPrev = true
	}
	const where = `WHERE ($actor IS NULL OR e.actor = $actor) AND ($org IS NULL OR e.organisation = $org) AND ($op IS NULL OR e.operation = $op)
  AND ($subject IS NULL OR $subject IN e.subjects) AND ($since IS NULL OR e.at >= $since) AND ($until IS NULL OR e.at < $until)`
	recs, err := db.read(ctx, `
CALL () { MATCH (e:AuditEvent) `+where+` RETURN count(e) AS total }
CALL () {
  MATCH (e:AuditEvent) `+where+`
    AND ($afterId IS NULL OR e.at < $afterAt OR (e.at = $afterAt AND e.id < $afterId))
  WITH e ORDER BY e.at DESC, e.id DESC LIMIT $limit
  RETURN collect(e{.*}) AS rows
}
RETURN total, rows`, params)
	if err != nil {
		return conn, fmt.Errorf("neo4j: audit log: %w", err)
	}
	conn.Total = integer(recValue(recs[0], "total"))
	for i, row := range anySlice(recValue(recs[0], "rows")) {
		if i == page.First {
			conn.HasNext = true
			break
		}
		e := toAuditEvent(row)
		conn.Items = append(conn.Items, e)
		conn.Cursors = append(conn.Cursors, samenspel.Cursor{Key: e.At.Format(time.RFC3339Nano), ID: e.ID}.Encode())
	}
	return conn, nil
}

// AuditEvents returns every event (oldest first) for the CLI's export, since a time when given.
func (db *DB) AuditEvents(ctx context.Context, since *time.Time) ([]samenspel.AuditEvent, error) {
	rows, err := db.rows(ctx, "audit export", `MATCH (e:AuditEvent) WHERE $since IS NULL OR e.at >= $since
WITH e ORDER BY e.at, e.id RETURN collect(e{.*})`, map[string]any{"since": timeOrNil(since)})
	if err != nil {
		return nil, err
	}
	out := make([]samenspel.AuditEvent, len(rows))
	for i, r := range rows {
		out[i] = toAuditEvent(r)
	}
	return out, nil
}

func toAuditEvent(v any) samenspel.AuditEvent {
	m, _ := v.(map[string]any)
	e := samenspel.AuditEvent{ID: str(m["id"]), Actor: str(m["actor"]), ActorName: str(m["name"]), Via: str(m["via"]), Organisation: str(m["organisation"]),
		Access: samenspel.Access(str(m["role"])), Operation: str(m["operation"]), Subjects: toStrings(m["subjects"]), Before: str(m["before"]), After: str(m["after"])}
	e.At, _ = m["at"].(time.Time)
	sort.Strings(e.Subjects)
	return e
}

// ---- The caller's organisation and the changes it may make ----

// mayWrite refuses callers that may change nothing: only editors and admins write.
func mayWrite(ctx context.Context) (samenspel.Caller, error) {
	c := samenspel.CallerIn(ctx)
	if !c.Is(samenspel.Editor, samenspel.Admin) {
		if !c.SignedIn() {
			return c, samenspel.Unauthenticatedf("", "changes need you to sign in")
		}
		return c, samenspel.Forbiddenf("", "your role (%s) may not change data", c.Access)
	}
	return c, nil
}

const cypherLeads = `MATCH (o:Opgave {id: $opgave})
RETURN EXISTS { MATCH (:Organisation {id: $org})-[:HOLDS]->(r:Role)-[:ON]->(o)
  WHERE r.type IN ['TREKKER', 'MEDETREKKER'] AND r.from <= $today AND (r.until IS NULL OR $today < r.until) } AS leads,
  EXISTS { MATCH (:Organisation {id: $org})-[:HOLDS]->(r:Role)-[:ON]->(o)
  WHERE r.from <= $today AND (r.until IS NULL OR $today < r.until) } AS takesPart`

// relation reads how the caller's organisation stands to an opgave (inside the transaction).
func relation(w *txRunner, c samenspel.Caller, opgave string) (leads, takesPart bool, err error) {
	recs, err := w.run("relation", cypherLeads, map[string]any{"opgave": opgave, "org": c.Organisation, "today": dateParam(samenspel.TodayIn(w.ctx))})
	if err != nil || len(recs) == 0 {
		return false, false, err
	}
	leads, _ = recs[0].Values[0].(bool)
	takesPart, _ = recs[0].Values[1].(bool)
	return leads, takesPart, nil
}

// requireLeads lets an admin through, and an editor whose organisation leads the opgave.
func requireLeads(w *txRunner, c samenspel.Caller, opgave, field string) error {
	return requireRelation(w, c, opgave, field, true, "does not lead this opgave (as trekker or medetrekker)")
}

// requireRelation lets an admin through, and an editor whose organisation leads the opgave (lead)
// or holds a current role on it; others are refused on field with "your organisation … " + why.
func requireRelation(w *txRunner, c samenspel.Caller, opgave, field string, lead bool, why string) error {
	if c.Is(samenspel.Admin) {
		return nil
	}
	leads, takesPart, err := relation(w, c, opgave)
	if err == nil && (lead && !leads || !lead && !takesPart) {
		err = samenspel.Forbiddenf(field, "your organisation (%s) %s", c.Organisation, why)
	}
	return err
}

// requireAdmin refuses every caller but an admin.
func requireAdmin(ctx context.Context) error {
	c, err := mayWrite(ctx)
	if err == nil && !c.Is(samenspel.Admin) {
		err = samenspel.Forbiddenf("", "only an admin may do this")
	}
	return err
}
