package neo4jdb

import (
	"context"
	"fmt"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Roles: who does what on an opgave.

var (
	cypherRolesOfOpgaven = `
UNWIND $ids AS id
MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave {id: id})
WHERE ` + roleActive("r") + ` AND ($type IS NULL OR r.type = $type) AND ($level IS NULL OR r.level = $level)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
WITH r, o, org, p ORDER BY r.from, r.type, org.name, r.id
RETURN collect(r` + roleProjection + `) AS rows`

	// The current roles of each opgave with their organisations: what participants are made of.
	// Each organisation comes once, however many roles it holds: the roles and the distinct
	// organisations are two lists.
	cypherRolesWithOrganisations = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})<-[:ON]-(r:Role)<-[:HOLDS]-(org:Organisation)
WHERE ` + roleActive("r") + `
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
WITH r, o, org, p ORDER BY r.from, r.type, org.name, r.id
WITH collect(r` + roleProjection + `) AS roles, collect(DISTINCT org) AS orgs
RETURN roles, [org IN orgs | org` + orgProjection + `] AS orgs`

	// The current roles of each opgave that name a person, with the person (no contact details).
	cypherRolesWithPeople = `
UNWIND $ids AS id
MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave {id: id})
WHERE ` + roleActive("r") + `
MATCH (p:Person)-[:PLAYS]->(r)
OPTIONAL MATCH (p)-[:WORKS_FOR]->(pw:Organisation)
WITH r, o, org, p, pw ORDER BY p.name, r.from, r.id
RETURN collect({role: r` + roleProjection + `, person: p{.id, .name, .function, .generated, organisation: pw.id}}) AS rows`

	cypherRolesOfPeople = `
UNWIND $ids AS id
MATCH (p:Person {id: id})-[:PLAYS]->(r:Role)-[:ON]->(o:Opgave)
MATCH (org:Organisation)-[:HOLDS]->(r)
WITH r, o, org, p ORDER BY o.title, r.from, r.id
RETURN collect(r` + roleProjection + `) AS rows`

	cypherParticipantCounts = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})
RETURN collect({id: id, n: COUNT { MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o) WHERE ` + roleActive("r") + ` RETURN DISTINCT org }}) AS rows`

	cypherContributionTotals = `
UNWIND $ids AS id
MATCH (o:Opgave {id: id})
RETURN collect({id: id, euros: reduce(s = 0.0, c IN [(:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o) WHERE ` + roleActive("r") + ` | coalesce(r.contributionEuros, 0.0)] | s + c)}) AS rows`
)

// RolesOfOpgaven returns the roles of each opgave that match f, ordered by start, type and
// organisation.
func (db *DB) RolesOfOpgaven(ctx context.Context, ids []string, f samenspel.RoleFilter) (map[string][]samenspel.Role, error) {
	rows, err := db.rows(ctx, "roles of opgaven", cypherRolesOfOpgaven, map[string]any{
		"ids": ids, "at": optDateParam(f.At), "type": nilIfEmpty(f.Type), "level": nilIfEmpty(f.Level)})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.Role{}
	for _, r := range rows {
		role := toRole(r)
		out[role.OpgaveID] = append(out[role.OpgaveID], role)
	}
	return out, nil
}

// RolesWithOrganisations returns each opgave's roles on at with the organisations holding them.
func (db *DB) RolesWithOrganisations(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Role, map[string]samenspel.Organisation, error) {
	recs, err := db.read(ctx, cypherRolesWithOrganisations, map[string]any{"ids": ids, "at": dateParam(at)})
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: roles with organisations: %w", err)
	}
	roles := map[string][]samenspel.Role{}
	orgs := map[string]samenspel.Organisation{}
	for _, rec := range recs {
		for _, r := range anySlice(rec.Values[0]) {
			role := toRole(r)
			roles[role.OpgaveID] = append(roles[role.OpgaveID], role)
		}
		for _, v := range anySlice(rec.Values[1]) {
			org := toOrganisation(v)
			orgs[org.ID] = org
		}
	}
	return roles, orgs, nil
}

// RolesWithPeople returns each opgave's roles on at that name a person, with those people
// (without contact details).
func (db *DB) RolesWithPeople(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Role, map[string]samenspel.Person, error) {
	rows, err := db.rows(ctx, "roles with people", cypherRolesWithPeople, map[string]any{"ids": ids, "at": dateParam(at)})
	if err != nil {
		return nil, nil, err
	}
	roles := map[string][]samenspel.Role{}
	people := map[string]samenspel.Person{}
	for _, r := range rows {
		role := toRole(r["role"])
		roles[role.OpgaveID] = append(roles[role.OpgaveID], role)
		if _, ok := people[role.PersonID]; !ok {
			people[role.PersonID] = toPerson(r["person"])
		}
	}
	return roles, people, nil
}

// RolesOfPeople returns every role each person plays.
func (db *DB) RolesOfPeople(ctx context.Context, ids []string) (map[string][]samenspel.Role, error) {
	rows, err := db.rows(ctx, "roles of people", cypherRolesOfPeople, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.Role{}
	for _, r := range rows {
		role := toRole(r)
		out[role.PersonID] = append(out[role.PersonID], role)
	}
	return out, nil
}

// ParticipantCounts returns, for each opgave, the number of organisations with a role on at.
func (db *DB) ParticipantCounts(ctx context.Context, ids []string, at samenspel.Date) (map[string]int, error) {
	rows, err := db.rows(ctx, "participant counts", cypherParticipantCounts, map[string]any{"ids": ids, "at": dateParam(at)})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[str(r["id"])] = integer(r["n"])
	}
	return out, nil
}

// ContributionTotals returns, for each opgave, the sum of the euros its roles on at contribute.
func (db *DB) ContributionTotals(ctx context.Context, ids []string, at samenspel.Date) (map[string]float64, error) {
	rows, err := db.rows(ctx, "contribution totals", cypherContributionTotals, map[string]any{"ids": ids, "at": dateParam(at)})
	if err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(rows))
	for _, r := range rows {
		if f := toFloatPtr(r["euros"]); f != nil {
			out[str(r["id"])] = *f
		}
	}
	return out, nil
}

const cypherRoleByClientKey = `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {clientKey: $key})-[:ON]->(o:Opgave)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
RETURN r` + roleProjection

// AssignRole gives an organisation (and optionally one of its people) a role on an opgave. The
// facts the rules need are read with the opgave locked, and check (samenspel.CheckRole) decides
// before anything is written.
func (db *DB) AssignRole(ctx context.Context, in samenspel.RoleInput, check func(samenspel.RoleInput, samenspel.RoleFacts) error) (samenspel.Role, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Role{}, err
	}
	if err := in.Validate(); err != nil {
		return samenspel.Role{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	return create(ctx, db, in.ClientKey, "assign role", cypherRoleByClientKey, toRole, func(w *txRunner) (samenspel.Role, error) {
		facts, err := roleFacts(w, in)
		if err != nil {
			return samenspel.Role{}, err
		}
		if facts.OpgaveExists && c.Is(samenspel.Editor) {
			// Roles on opgaven the organisation leads, and its own roles on opgaven it takes part in.
			leads, takesPart, err := relation(w, c, in.OpgaveID)
			if err != nil {
				return samenspel.Role{}, err
			}
			if !leads && !(takesPart && in.OrganisationID == c.Organisation) {
				return samenspel.Role{}, samenspel.Forbiddenf("input.organisationId",
					"your organisation (%s) may give roles on opgaven it leads, and its own roles on opgaven it takes part in", c.Organisation)
			}
			// Taking part does not make an organisation a leader: only those who lead give the lead.
			if !leads && (in.Type == "TREKKER" || in.Type == "MEDETREKKER") {
				return samenspel.Role{}, samenspel.Forbiddenf("input.type",
					"your organisation (%s) does not lead this opgave, so it cannot take or give the lead (%s)", c.Organisation, in.Type)
			}
			// A person is named only by their own organisation: naming someone of another
			// organisation on a role would open their contact details to every organisation on it.
			if in.PersonID != "" && in.OrganisationID != c.Organisation {
				return samenspel.Role{}, samenspel.Forbiddenf("input.personId",
					"your organisation (%s) may name only its own people on a role; %s names its own", c.Organisation, in.OrganisationID)
			}
		}
		if err := check(in, facts); err != nil {
			return samenspel.Role{}, err
		}
		w.record([]string{in.OpgaveID, in.OrganisationID, in.PersonID}, nil, map[string]any{"type": in.Type, "level": in.Level,
			"from": in.From.String(), "until": dateString(in.Until), "contributionEuros": floatOrNil(in.ContributionEuros), "contributionFte": floatOrNil(in.ContributionFTE)})
		v, err := w.created("assign role", `
MATCH (o:Opgave {id: $opgave}), (org:Organisation {id: $org})
CREATE (org)-[:HOLDS]->(r:Role {id: $id, type: $type, level: $level, from: $from, until: $until,
        contributionEuros: $euros, contributionFte: $fte, generated: false, clientKey: $clientKey})-[:ON]->(o)
WITH r, o, org
OPTIONAL MATCH (p:Person {id: $person})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (p)-[:PLAYS]->(r))
RETURN r`+roleProjection, map[string]any{
			"opgave": in.OpgaveID, "org": in.OrganisationID, "person": nilIfEmpty(in.PersonID), "id": newID(),
			"type": in.Type, "level": in.Level, "from": dateParam(in.From), "until": optDateParam(in.Until),
			"euros": floatOrNil(in.ContributionEuros), "fte": floatOrNil(in.ContributionFTE), "clientKey": nilIfEmpty(in.ClientKey),
		})
		return toRole(v), err
	})
}

// roleFacts locks the opgave and reads what CheckRole needs, in one statement after the lock.
func roleFacts(w *txRunner, in samenspel.RoleInput) (samenspel.RoleFacts, error) {
	var f samenspel.RoleFacts
	_, ok, err := lockOpgave(w, in.OpgaveID)
	if err != nil || !ok {
		return f, err
	}
	f.OpgaveExists = true
	v, _, err := w.one("role facts", `
OPTIONAL MATCH (org:Organisation {id: $org})
OPTIONAL MATCH (p:Person {id: $person})
OPTIONAL MATCH (p)-[:WORKS_FOR]->(pw:Organisation)
CALL () {
  OPTIONAL MATCH (t:Organisation)-[:HOLDS]->(r:Role {type: 'TREKKER', level: $level})-[:ON]->(o:Opgave {id: $opgave})
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {role: r{.id, .type, .level, .from, .until, organisation: t.id}, name: t.name} END) AS trekkers
}
RETURN {org: org IS NOT NULL, person: p IS NOT NULL, personOrg: pw.id, trekkers: trekkers}`,
		map[string]any{"org": in.OrganisationID, "person": nilIfEmpty(in.PersonID), "level": in.Level, "opgave": in.OpgaveID})
	if err != nil {
		return f, err
	}
	m, _ := v.(map[string]any)
	f.OrganisationExists, _ = m["org"].(bool)
	f.PersonExists, _ = m["person"].(bool)
	f.PersonOrganisationID = str(m["personOrg"])
	f.TrekkerNames = map[string]string{}
	for _, t := range anySlice(m["trekkers"]) {
		tm := t.(map[string]any)
		r := toRole(tm["role"])
		f.Trekkers = append(f.Trekkers, r)
		f.TrekkerNames[r.OrganisationID] = str(tm["name"])
	}
	return f, nil
}

// EndRole sets the first day a role no longer holds.
func (db *DB) EndRole(ctx context.Context, id string, until samenspel.Date) (samenspel.Role, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Role{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Role, error) {
		v, ok, err := w.one("end role", `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {id: $id})-[:ON]->(o:Opgave)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
RETURN r`+roleProjection, map[string]any{"id": id})
		if err != nil {
			return samenspel.Role{}, err
		}
		if !ok {
			return samenspel.Role{}, samenspel.Invalidf("id", "no role has id %q", id)
		}
		r := toRole(v)
		if c.Is(samenspel.Editor) && r.OrganisationID != c.Organisation {
			if err := requireLeads(w, c, r.OpgaveID, "id"); err != nil {
				return r, samenspel.Forbiddenf("id", "your organisation (%s) may end its own roles, and roles on opgaven it leads", c.Organisation)
			}
		}
		if until.Before(r.From) {
			return r, samenspel.Invalidf("until", "%s is before the role's start %s", until, r.From)
		}
		w.record([]string{id, r.OpgaveID, r.OrganisationID}, map[string]any{"until": dateString(r.Until)}, map[string]any{"until": until.String()})
		v, _, err = w.one("end role", `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {id: $id})-[:ON]->(o:Opgave)
SET r.until = $until
WITH r, org, o
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
RETURN r`+roleProjection, map[string]any{"id": id, "until": dateParam(until)})
		return toRole(v), err
	})
}
