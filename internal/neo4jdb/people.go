package neo4jdb

import (
	"context"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// People. Names and functions are read by lists; e-mail and phone only by PersonContact, one
// person at a time: the list statements do not even fetch them.

var (
	cypherPeopleByID = `
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:WORKS_FOR]->(org:Organisation)
RETURN collect(p` + personProjection + `) AS rows`

	cypherPersonContact = `
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:WORKS_FOR]->(org:Organisation)
WITH p, org, $all OR ($org IS NOT NULL AND (org.id = $org OR EXISTS {
  MATCH (p)-[:PLAYS]->(mine:Role)-[:ON]->(:Opgave)<-[:ON]-(theirs:Role)<-[:HOLDS]-(:Organisation {id: $org})
  WHERE mine.from <= $today AND (mine.until IS NULL OR $today < mine.until)
    AND theirs.from <= $today AND (theirs.until IS NULL OR $today < theirs.until) })) AS allowed
RETURN p{.id, .name, .function, .generated, organisation: org.id, allowed: allowed,
  email: CASE WHEN allowed THEN p.email END, phone: CASE WHEN allowed THEN p.phone END}`

	cypherPeopleOfOrganisations = `
UNWIND $ids AS id
MATCH (p:Person)-[:WORKS_FOR]->(org:Organisation {id: id})
WITH p, org ORDER BY p.name, p.id
RETURN collect(p` + personProjection + `) AS rows`
)

// PeopleByID returns people without their contact details, keyed by ID.
func (db *DB) PeopleByID(ctx context.Context, ids []string) (map[string]samenspel.Person, error) {
	rows, err := db.rows(ctx, "people by id", cypherPeopleByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]samenspel.Person, len(rows))
	for _, r := range rows {
		p := toPerson(r)
		out[p.ID] = p
	}
	return out, nil
}

// PersonContact returns one person with their e-mail and phone, and whether they exist.
//
// The caller may read them when it is an admin, or an editor of the person's own organisation or
// of one that takes part in an opgave the person plays a role on: the statement decides, with the
// caller's organisation as a parameter, and returns no contact details otherwise (allowed false).
// An allowed read is written to the audit trail before the details are returned.
func (db *DB) PersonContact(ctx context.Context, id string) (p samenspel.Person, found, allowed bool, err error) {
	c := samenspel.CallerIn(ctx)
	v, err := readOne(ctx, db, "person contact", cypherPersonContact, map[string]any{"id": id, "all": c.Is(samenspel.Admin), "today": dateParam(samenspel.TodayIn(ctx)),
		"org": nilIfEmpty(map[bool]string{true: c.Organisation}[c.Is(samenspel.Editor)])})
	if err != nil || v == nil {
		return samenspel.Person{}, false, false, err
	}
	m := v.(map[string]any)
	p = toPerson(m)
	if m["allowed"] != true {
		return p, true, false, nil
	}
	if err := db.AuditRead(ctx, []string{id}); err != nil {
		return samenspel.Person{}, true, false, err
	}
	p.Email, p.Phone = str(m["email"]), str(m["phone"])
	return p, true, true, nil
}

// PeopleOfOrganisations returns the people working for each organisation, by name, without their
// contact details.
func (db *DB) PeopleOfOrganisations(ctx context.Context, ids []string) (map[string][]samenspel.Person, error) {
	rows, err := db.rows(ctx, "people of organisations", cypherPeopleOfOrganisations, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.Person{}
	for _, r := range rows {
		p := toPerson(r)
		out[p.OrganisationID] = append(out[p.OrganisationID], p)
	}
	return out, nil
}

// CreatePerson creates a person working for an organisation. The person returned carries no
// contact details.
func (db *DB) CreatePerson(ctx context.Context, in samenspel.PersonInput) (samenspel.Person, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Person{}, err
	}
	if c.Is(samenspel.Editor) && in.OrganisationID != c.Organisation {
		return samenspel.Person{}, samenspel.Forbiddenf("input.organisationId", "an editor adds people of its own organisation (%s) only", c.Organisation)
	}
	if err := in.Validate(); err != nil {
		return samenspel.Person{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	return create(ctx, db, in.ClientKey, "create person",
		"MATCH (p:Person {clientKey: $key}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(org) RETURN p"+personProjection, toPerson,
		func(w *txRunner) (samenspel.Person, error) {
			v, ok, err := w.one("create person", `
MATCH (org:Organisation {id: $org})
CREATE (p:Person {id: $id, name: $name, function: $function, email: $email, phone: $phone, generated: false, clientKey: $clientKey})-[:WORKS_FOR]->(org)
RETURN p`+personProjection, map[string]any{"org": in.OrganisationID, "id": newID(), "name": in.Name, "function": in.Function,
				"email": nilIfEmpty(in.Email), "phone": nilIfEmpty(in.Phone), "clientKey": nilIfEmpty(in.ClientKey)})
			if err == nil && !ok {
				err = samenspel.Invalidf("input.organisationId", "no organisation has id %q", in.OrganisationID)
			}
			p := toPerson(v)
			w.record([]string{p.ID, in.OrganisationID}, nil, personFields(in))
			return p, err
		})
}

// personFields is a person as the audit trail records it (masked).
func personFields(in samenspel.PersonInput) map[string]any {
	return map[string]any{"name": in.Name, "function": in.Function, "organisation": in.OrganisationID, "email": in.Email, "phone": in.Phone}
}

// UpdatePerson changes the given fields of a person. The person returned carries no contact
// details.
func (db *DB) UpdatePerson(ctx context.Context, id string, u samenspel.PersonUpdate) (samenspel.Person, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Person{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Person, error) {
		v, ok, err := w.one("update person", "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(org) RETURN p{.name, .function, .email, .phone, organisation: org.id}", map[string]any{"id": id})
		if err != nil {
			return samenspel.Person{}, err
		}
		if !ok {
			return samenspel.Person{}, samenspel.Invalidf("id", "no person has id %q", id)
		}
		m := v.(map[string]any)
		before := samenspel.PersonInput{Name: str(m["name"]), Function: str(m["function"]), OrganisationID: str(m["organisation"]), Email: str(m["email"]), Phone: str(m["phone"])}
		in := u.Apply(before)
		if c.Is(samenspel.Editor) && (before.OrganisationID != c.Organisation || in.OrganisationID != c.Organisation) {
			return samenspel.Person{}, samenspel.Forbiddenf("id", "an editor changes people of its own organisation (%s) only", c.Organisation)
		}
		if err := in.Validate(); err != nil {
			return samenspel.Person{}, err
		}
		w.record([]string{id, in.OrganisationID}, personFields(before), personFields(in))
		v, ok, err = w.one("update person", `
MATCH (p:Person {id: $id}), (org:Organisation {id: $org})
SET p.name = $name, p.function = $function, p.email = $email, p.phone = $phone
WITH p, org
OPTIONAL MATCH (p)-[old:WORKS_FOR]->(other) WHERE other <> org
DELETE old
MERGE (p)-[:WORKS_FOR]->(org)
RETURN p`+personProjection, map[string]any{"id": id, "org": in.OrganisationID, "name": in.Name, "function": in.Function,
			"email": nilIfEmpty(in.Email), "phone": nilIfEmpty(in.Phone)})
		if err == nil && !ok {
			err = samenspel.Invalidf("input.organisationId", "no organisation has id %q", in.OrganisationID)
		}
		return toPerson(v), err
	})
}

// DeletePerson deletes a person; their roles stay with their organisation, without a name.
func (db *DB) DeletePerson(ctx context.Context, id string) (bool, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		org, found, err := w.one("delete person", "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation) RETURN o.id", map[string]any{"id": id})
		if err != nil || !found {
			return false, err
		}
		if c.Is(samenspel.Editor) && str(org) != c.Organisation {
			return false, samenspel.Forbiddenf("id", "an editor deletes people of its own organisation (%s) only", c.Organisation)
		}
		w.record([]string{id, str(org)}, map[string]any{"deleted": false}, map[string]any{"deleted": true})
		_, ok, err := w.one("delete person", "MATCH (p:Person {id: $id}) DETACH DELETE p RETURN true", map[string]any{"id": id})
		return ok, err
	})
}

// deleteSimple runs a delete by id in a transaction of its own; it reports whether something was deleted.
func (db *DB) deleteSimple(ctx context.Context, op, cypher, id string) (bool, error) {
	return update(ctx, db, func(w *txRunner) (bool, error) {
		_, ok, err := w.one(op, cypher, map[string]any{"id": id})
		if ok {
			w.record([]string{id}, map[string]any{"deleted": false}, map[string]any{"deleted": true})
		}
		return ok, err
	})
}

// PersonData reads everything held about a person (admins only) and audits the read.
func (db *DB) PersonData(ctx context.Context, id string) (samenspel.PersonData, bool, error) {
	if err := requireAdmin(ctx); err != nil {
		return samenspel.PersonData{}, false, err
	}
	p, found, _, err := db.PersonContact(ctx, id) // audits the read of the contact details
	if err != nil || !found {
		return samenspel.PersonData{}, found, err
	}
	roles, err := db.RolesOfPeople(ctx, []string{id})
	if err != nil {
		return samenspel.PersonData{}, true, err
	}
	events, err := db.AuditLog(ctx, samenspel.AuditFilter{Subject: id}, samenspel.Page{First: samenspel.MaxPageSize})
	if err != nil {
		return samenspel.PersonData{}, true, err
	}
	return samenspel.PersonData{Person: p, Roles: roles[id], Events: events.Items}, true, nil
}

// ErasePerson removes a person's personal data (admins only): the person is deleted, their roles
// stay as roles of their organisation without a name, and assessments they recorded no longer
// name them. The audit trail, which masks personal data, keeps the erasure.
func (db *DB) ErasePerson(ctx context.Context, id string) (bool, error) {
	if err := requireAdmin(ctx); err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		v, ok, err := w.one("erase person", `MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)
RETURN {name: p.name, org: o.id, roles: COUNT { (p)-[:PLAYS]->() }}`, map[string]any{"id": id})
		if err != nil || !ok {
			return false, err
		}
		m := v.(map[string]any)
		w.record([]string{id, str(m["org"])}, map[string]any{"name": m["name"], "roles": m["roles"]}, map[string]any{"erased": true})
		_, err = w.run("erase person", `
MATCH (p:Person {id: $id})
// recordedBy is free text: the person's name on the assessments of their own organisation.
OPTIONAL MATCH (p)-[:WORKS_FOR]->(:Organisation)-[:ASSESSED]->(t:TrustAssessment {recordedBy: p.name})
SET t.recordedBy = null
WITH DISTINCT p
DETACH DELETE p`, map[string]any{"id": id})
		return err == nil, err
	})
}
