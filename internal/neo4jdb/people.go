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
RETURN p{.id, .name, .function, .generated, .email, .phone, organisation: org.id}`

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
func (db *DB) PersonContact(ctx context.Context, id string) (samenspel.Person, bool, error) {
	v, err := readOne(ctx, db, "person contact", cypherPersonContact, map[string]any{"id": id})
	if err != nil || v == nil {
		return samenspel.Person{}, false, err
	}
	m := v.(map[string]any)
	p := toPerson(m)
	p.Email, p.Phone = str(m["email"]), str(m["phone"])
	return p, true, nil
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
	if err := in.Validate(); err != nil {
		return samenspel.Person{}, err
	}
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
			return toPerson(v), err
		})
}

// UpdatePerson changes the given fields of a person. The person returned carries no contact
// details.
func (db *DB) UpdatePerson(ctx context.Context, id string, u samenspel.PersonUpdate) (samenspel.Person, error) {
	return update(ctx, db, func(w *txRunner) (samenspel.Person, error) {
		v, ok, err := w.one("update person", "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(org) RETURN p{.name, .function, .email, .phone, organisation: org.id}", map[string]any{"id": id})
		if err != nil {
			return samenspel.Person{}, err
		}
		if !ok {
			return samenspel.Person{}, samenspel.Invalidf("id", "no person has id %q", id)
		}
		m := v.(map[string]any)
		in := u.Apply(samenspel.PersonInput{Name: str(m["name"]), Function: str(m["function"]), OrganisationID: str(m["organisation"]), Email: str(m["email"]), Phone: str(m["phone"])})
		if err := in.Validate(); err != nil {
			return samenspel.Person{}, err
		}
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
	return db.deleteSimple(ctx, "delete person", "MATCH (p:Person {id: $id}) DETACH DELETE p RETURN true", id)
}

func (db *DB) deleteSimple(ctx context.Context, op, cypher, id string) (bool, error) {
	return update(ctx, db, func(w *txRunner) (bool, error) {
		_, ok, err := w.one(op, cypher, map[string]any{"id": id})
		return ok, err
	})
}
