package neo4jdb

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Every mutation below is one write transaction: it checks its references inside the
// transaction and either writes everything or nothing. Domain errors (*samenspel.Error) end the
// transaction without a retry and reach the client with the field they concern.

const (
	opgaveProjection     = "{.id, .title, .goal, .description, .themes, .scale, .status, .startDate, .endDate, .generated}"
	roleProjection       = "{.id, .type, .level, .from, .until, .contributionEuros, .contributionFte, .generated, opgave: o.id, organisation: org.id, person: p.id}"
	personProjection     = "{.id, .name, .function, .generated, organisation: org.id}"
	instrumentProjection = "{.id, .name, .type, .description, .amountEuros, .generated}"
)

// registerKinds are the organisation kinds that come from the CBS/TOOI registers.
var registerKinds = []string{string(samenspel.KindGemeente), string(samenspel.KindProvincie), string(samenspel.KindWaterschap)}

func (db *DB) inWrite(ctx context.Context, fn func(w *txRunner) (any, error)) (any, error) {
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	return session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		w := &txRunner{ctx: ctx, tx: tx}
		v, err := fn(w)
		if err != nil {
			return nil, err
		}
		_, err = w.run("data version", cypherBumpVersion, nil)
		return v, err
	})
}

type txRunner struct {
	ctx context.Context
	tx  neo4j.ManagedTransaction
}

func (w *txRunner) run(op, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	recs, _, err := runTx(w.ctx, w.tx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	return recs, nil
}

// one runs a statement expected to return at most one row and returns its first column.
func (w *txRunner) one(op, cypher string, params map[string]any) (any, bool, error) {
	recs, err := w.run(op, cypher, params)
	if err != nil || len(recs) == 0 {
		return nil, false, err
	}
	return recs[0].Values[0], true, nil
}

// byClientKey returns what an earlier create with the same client key made, if any, so that a
// retried create writes nothing.
func (w *txRunner) byClientKey(op, cypher, key string) (any, bool, error) {
	if key == "" {
		return nil, false, nil
	}
	return w.one(op, cypher, map[string]any{"key": key})
}

// require checks that the node cypher matches by $id exists; otherwise it reports invalid input on
// field.
func (w *txRunner) require(cypher, id, field, noun string) error {
	_, ok, err := w.one("check "+noun, cypher, map[string]any{"id": id})
	if err == nil && !ok {
		err = samenspel.Invalidf(field, "no %s has id %q", noun, id)
	}
	return err
}

func newID() string { return uuid.NewString() }

func floatOrNil(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// ---- Opgaven ----

// OpgaveUpdate holds the fields an update changes; nil fields stay as they are.
type OpgaveUpdate struct {
	Title, Goal, Description *string
	Themes                   []string
	Scale, Status            *string
	StartDate, EndDate       *samenspel.Date
	ClearEndDate             bool
	Area                     *samenspel.Area
}

// CreateOpgave creates an opgave with its area. With a client key that was used before, it returns
// the opgave created then and writes nothing.
func (db *DB) CreateOpgave(ctx context.Context, in samenspel.OpgaveInput) (samenspel.Opgave, error) {
	if err := in.Validate(); err != nil {
		return samenspel.Opgave{}, err
	}
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if v, ok, err := w.byClientKey("create opgave", "MATCH (o:Opgave {clientKey: $key}) RETURN o"+opgaveProjection, in.ClientKey); err != nil || ok {
			return v, err
		}
		if err := checkArea(w, "input.area", in.Area); err != nil {
			return nil, err
		}
		v, _, err := w.one("create opgave", `
CREATE (o:Opgave {id: $id, title: $title, goal: $goal, description: $description, themes: $themes, scale: $scale,
                  status: $status, startDate: $startDate, endDate: $endDate, generated: false, clientKey: $clientKey})
RETURN o`+opgaveProjection, map[string]any{
			"id": newID(), "title": in.Title, "goal": in.Goal, "description": in.Description, "themes": in.Themes,
			"scale": in.Scale, "status": in.Status, "startDate": optDateParam(in.StartDate), "endDate": optDateParam(in.EndDate),
			"clientKey": nilIfEmpty(in.ClientKey),
		})
		if err != nil {
			return nil, err
		}
		return v, setArea(w, toOpgave(v).ID, in.Area)
	})
	if err != nil {
		return samenspel.Opgave{}, err
	}
	return toOpgave(res), nil
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
		i := int(recs[0].Values[0].(int64))
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
		i := int(recs[0].Values[0].(int64))
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
CALL (o) {
  UNWIND $keys AS k
  MATCH (r:Region {key: k})
  MERGE (o)-[:COVERS]->(r)
}
CALL (o) {
  UNWIND $codes AS code
  MATCH (g:Organisation {code: code, kind: 'GEMEENTE'})
  WITH o, g ORDER BY g.validUntil IS NULL DESC LIMIT 1
  MERGE (o)-[:COVERS]->(g)
}`, map[string]any{"id": id, "keys": keys, "codes": a.Gemeenten})
	return err
}

// lockOpgave takes a write lock on the opgave for the rest of the transaction, so that concurrent
// role assignments on one opgave are checked one after the other; it reports whether it exists.
func lockOpgave(w *txRunner, id string) (samenspel.Opgave, bool, error) {
	v, ok, err := w.one("lock opgave", "MATCH (o:Opgave {id: $id}) SET o.version = coalesce(o.version, 0) + 1 RETURN o"+opgaveProjection, map[string]any{"id": id})
	if err != nil || !ok {
		return samenspel.Opgave{}, ok, err
	}
	return toOpgave(v), true, nil
}

// UpdateOpgave changes the given fields of an opgave.
func (db *DB) UpdateOpgave(ctx context.Context, id string, u OpgaveUpdate) (samenspel.Opgave, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		cur, ok, err := lockOpgave(w, id)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, samenspel.Invalidf("id", "no opgave has id %q", id)
		}
		area, err := areaOf(w, id)
		if err != nil {
			return nil, err
		}
		in := samenspel.OpgaveInput{Title: cur.Title, Goal: cur.Goal, Description: cur.Description, Themes: cur.Themes,
			Scale: cur.Scale, Status: cur.Status, StartDate: cur.StartDate, EndDate: cur.EndDate, Area: area}
		apply(&in.Title, u.Title)
		apply(&in.Goal, u.Goal)
		apply(&in.Description, u.Description)
		apply(&in.Scale, u.Scale)
		apply(&in.Status, u.Status)
		if u.Themes != nil {
			in.Themes = u.Themes
		}
		if u.StartDate != nil {
			in.StartDate = u.StartDate
		}
		if u.EndDate != nil {
			in.EndDate = u.EndDate
		}
		if u.ClearEndDate {
			in.EndDate = nil
		}
		if u.Area != nil {
			in.Area = *u.Area
		}
		if err := in.Validate(); err != nil {
			return nil, err
		}
		if u.Area != nil {
			if err := checkArea(w, "input.area", in.Area); err != nil {
				return nil, err
			}
			if err := setArea(w, id, in.Area); err != nil {
				return nil, err
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
		return v, err
	})
	if err != nil {
		return samenspel.Opgave{}, err
	}
	return toOpgave(res), nil
}

func apply(dst *string, src *string) {
	if src != nil {
		*dst = *src
	}
}

func areaOf(w *txRunner, id string) (samenspel.Area, error) {
	recs, err := w.run("area", `
MATCH (:Opgave {id: $id})-[:COVERS]->(x)
RETURN x:Region AS isRegion, x.division AS division, x.code AS code ORDER BY division, code`, map[string]any{"id": id})
	var a samenspel.Area
	for _, rec := range recs {
		if rec.Values[0].(bool) {
			a.Regions = append(a.Regions, samenspel.RegionRef{Division: str(rec.Values[1]), Code: str(rec.Values[2])})
		} else {
			a.Gemeenten = append(a.Gemeenten, str(rec.Values[2]))
		}
	}
	return a, err
}

// DeleteOpgave deletes an opgave with its roles and links; it reports whether it existed.
func (db *DB) DeleteOpgave(ctx context.Context, id string) (bool, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		_, ok, err := w.one("delete opgave", `
MATCH (o:Opgave {id: $id})
OPTIONAL MATCH (r:Role)-[:ON]->(o)
DETACH DELETE r
WITH DISTINCT o
DETACH DELETE o
RETURN true`, map[string]any{"id": id})
		return ok, err
	})
	if err != nil {
		return false, err
	}
	return res.(bool), nil
}

// ---- Roles ----

// AssignRole gives an organisation (and optionally one of its people) a role on an opgave.
func (db *DB) AssignRole(ctx context.Context, in samenspel.RoleInput) (samenspel.Role, error) {
	if err := in.Validate(); err != nil {
		return samenspel.Role{}, err
	}
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if v, ok, err := w.byClientKey("assign role", `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {clientKey: $key})-[:ON]->(o:Opgave)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
RETURN r`+roleProjection, in.ClientKey); err != nil || ok {
			return v, err
		}
		if _, ok, err := lockOpgave(w, in.OpgaveID); err != nil || !ok {
			if err == nil {
				err = samenspel.Invalidf("input.opgaveId", "no opgave has id %q", in.OpgaveID)
			}
			return nil, err
		}
		if err := w.require("MATCH (o:Organisation {id: $id}) RETURN o.id", in.OrganisationID, "input.organisationId", "organisation"); err != nil {
			return nil, err
		}
		if in.PersonID != "" {
			v, ok, err := w.one("assign role", "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(org:Organisation) RETURN org.id", map[string]any{"id": in.PersonID})
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, samenspel.Invalidf("input.personId", "no person has id %q", in.PersonID)
			}
			if str(v) != in.OrganisationID {
				return nil, samenspel.Invalidf("input.personId", "person %q does not work for organisation %q", in.PersonID, in.OrganisationID)
			}
		}
		if in.Type == "TREKKER" {
			recs, err := w.run("assign role", `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {type: 'TREKKER', level: $level})-[:ON]->(:Opgave {id: $opgave})
WHERE (r.until IS NULL OR $from < r.until) AND ($until IS NULL OR r.from < $until)
RETURN org.name AS name, r.from AS from LIMIT 1`, map[string]any{"level": in.Level, "opgave": in.OpgaveID, "from": dateParam(in.From), "until": optDateParam(in.Until)})
			if err != nil {
				return nil, err
			}
			if len(recs) > 0 {
				return nil, samenspel.Invalidf("input.type", "the opgave already has a %s trekker in that period: %s (from %s); end that role first",
					in.Level, str(recs[0].Values[0]), toDate(recs[0].Values[1]))
			}
		}
		v, _, err := w.one("assign role", `
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
		return v, err
	})
	if err != nil {
		return samenspel.Role{}, err
	}
	return toRole(res), nil
}

// EndRole sets the first day a role no longer holds.
func (db *DB) EndRole(ctx context.Context, id string, until samenspel.Date) (samenspel.Role, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		v, ok, err := w.one("end role", `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {id: $id})-[:ON]->(o:Opgave)
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
RETURN r`+roleProjection, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, samenspel.Invalidf("id", "no role has id %q", id)
		}
		if r := toRole(v); until.Before(r.From) {
			return nil, samenspel.Invalidf("until", "%s is before the role's start %s", until, r.From)
		}
		v, _, err = w.one("end role", `
MATCH (org:Organisation)-[:HOLDS]->(r:Role {id: $id})-[:ON]->(o:Opgave)
SET r.until = $until
WITH r, org, o
OPTIONAL MATCH (p:Person)-[:PLAYS]->(r)
RETURN r`+roleProjection, map[string]any{"id": id, "until": dateParam(until)})
		return v, err
	})
	if err != nil {
		return samenspel.Role{}, err
	}
	return toRole(res), nil
}

// ---- People ----

// PersonUpdate holds the fields an update changes; nil fields stay as they are.
type PersonUpdate struct {
	Name, Function, OrganisationID, Email, Phone *string
}

// CreatePerson creates a person working for an organisation.
func (db *DB) CreatePerson(ctx context.Context, in samenspel.PersonInput) (samenspel.Person, error) {
	if err := in.Validate(); err != nil {
		return samenspel.Person{}, err
	}
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if v, ok, err := w.byClientKey("create person", "MATCH (p:Person {clientKey: $key}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(org) RETURN p"+personProjection, in.ClientKey); err != nil || ok {
			return v, err
		}
		v, ok, err := w.one("create person", `
MATCH (org:Organisation {id: $org})
CREATE (p:Person {id: $id, name: $name, function: $function, email: $email, phone: $phone, generated: false, clientKey: $clientKey})-[:WORKS_FOR]->(org)
RETURN p`+personProjection, map[string]any{"org": in.OrganisationID, "id": newID(), "name": in.Name, "function": in.Function,
			"email": nilIfEmpty(in.Email), "phone": nilIfEmpty(in.Phone), "clientKey": nilIfEmpty(in.ClientKey)})
		if err == nil && !ok {
			err = samenspel.Invalidf("input.organisationId", "no organisation has id %q", in.OrganisationID)
		}
		return v, err
	})
	if err != nil {
		return samenspel.Person{}, err
	}
	return toPerson(res), nil
}

// UpdatePerson changes the given fields of a person.
func (db *DB) UpdatePerson(ctx context.Context, id string, u PersonUpdate) (samenspel.Person, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		v, ok, err := w.one("update person", "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:WORKS_FOR]->(org) RETURN p{.*, organisation: org.id}", map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, samenspel.Invalidf("id", "no person has id %q", id)
		}
		m := v.(map[string]any)
		in := samenspel.PersonInput{Name: str(m["name"]), Function: str(m["function"]), OrganisationID: str(m["organisation"]), Email: str(m["email"]), Phone: str(m["phone"])}
		apply(&in.Name, u.Name)
		apply(&in.Function, u.Function)
		apply(&in.OrganisationID, u.OrganisationID)
		apply(&in.Email, u.Email)
		apply(&in.Phone, u.Phone)
		if err := in.Validate(); err != nil {
			return nil, err
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
		return v, err
	})
	if err != nil {
		return samenspel.Person{}, err
	}
	return toPerson(res), nil
}

// DeletePerson deletes a person; their roles stay with their organisation, without a name.
func (db *DB) DeletePerson(ctx context.Context, id string) (bool, error) {
	return db.deleteSimple(ctx, "delete person", "MATCH (p:Person {id: $id}) DETACH DELETE p RETURN true", id)
}

func (db *DB) deleteSimple(ctx context.Context, op, cypher, id string) (bool, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		_, ok, err := w.one(op, cypher, map[string]any{"id": id})
		return ok, err
	})
	if err != nil {
		return false, err
	}
	return res.(bool), nil
}

// ---- Organisations ----

// OrganisationUpdate holds the fields an update changes.
type OrganisationUpdate struct {
	Name *string
	Kind *samenspel.OrganisationKind
}

// CreateOrganisation creates an organisation outside the registers (partner, Rijk, samenwerkingsverband).
func (db *DB) CreateOrganisation(ctx context.Context, in samenspel.OrganisationInput) (samenspel.Organisation, error) {
	if err := in.Validate(); err != nil {
		return samenspel.Organisation{}, err
	}
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if v, ok, err := w.byClientKey("create organisation", "MATCH (o:Organisation {clientKey: $key}) RETURN o"+orgProjection, in.ClientKey); err != nil || ok {
			return v, err
		}
		v, _, err := w.one("create organisation", `
CREATE (o:Organisation {id: $id, name: $name, kind: $kind, generated: false, clientKey: $clientKey})
RETURN o`+orgProjection, map[string]any{"id": "org-" + newID(), "name": in.Name, "kind": string(in.Kind), "clientKey": nilIfEmpty(in.ClientKey)})
		return v, err
	})
	if err != nil {
		return samenspel.Organisation{}, err
	}
	return toOrganisation(res), nil
}

// editableOrganisation loads an organisation for a change and refuses register organisations.
func editableOrganisation(w *txRunner, id string) (samenspel.Organisation, error) {
	v, ok, err := w.one("organisation", "MATCH (o:Organisation {id: $id}) RETURN o"+orgProjection, map[string]any{"id": id})
	if err != nil {
		return samenspel.Organisation{}, err
	}
	if !ok {
		return samenspel.Organisation{}, samenspel.Invalidf("id", "no organisation has id %q", id)
	}
	o := toOrganisation(v)
	for _, k := range registerKinds {
		if string(o.Kind) == k {
			return o, samenspel.Invalidf("id", "%s comes from the CBS/TOOI registers and is changed by importing data, not here", o.Name)
		}
	}
	return o, nil
}

// UpdateOrganisation renames or re-kinds an organisation outside the registers.
func (db *DB) UpdateOrganisation(ctx context.Context, id string, u OrganisationUpdate) (samenspel.Organisation, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		o, err := editableOrganisation(w, id)
		if err != nil {
			return nil, err
		}
		in := samenspel.OrganisationInput{Name: o.Name, Kind: o.Kind}
		apply(&in.Name, u.Name)
		if u.Kind != nil {
			in.Kind = *u.Kind
		}
		if err := in.Validate(); err != nil {
			return nil, err
		}
		v, _, err := w.one("update organisation", "MATCH (o:Organisation {id: $id}) SET o.name = $name, o.kind = $kind RETURN o"+orgProjection,
			map[string]any{"id": id, "name": in.Name, "kind": string(in.Kind)})
		return v, err
	})
	if err != nil {
		return samenspel.Organisation{}, err
	}
	return toOrganisation(res), nil
}

// DeleteOrganisation deletes an organisation outside the registers that holds no roles; its
// people are deleted with it.
func (db *DB) DeleteOrganisation(ctx context.Context, id string) (bool, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if _, ok, err := w.one("delete organisation", "MATCH (o:Organisation {id: $id}) RETURN o.id", map[string]any{"id": id}); err != nil || !ok {
			return false, err
		}
		if _, err := editableOrganisation(w, id); err != nil {
			return nil, err
		}
		v, _, err := w.one("delete organisation", "MATCH (o:Organisation {id: $id}) RETURN COUNT { (o)-[:HOLDS]->(:Role) }", map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if n := v.(int64); n > 0 {
			return nil, samenspel.Invalidf("id", "the organisation holds %d roles; end them, or delete their opgaven, first", n)
		}
		_, _, err = w.one("delete organisation", `
MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (p:Person)-[:WORKS_FOR]->(o)
DETACH DELETE p
WITH DISTINCT o
DETACH DELETE o
RETURN true`, map[string]any{"id": id})
		return true, err
	})
	if err != nil {
		return false, err
	}
	return res.(bool), nil
}

// ---- Instruments ----

// InstrumentUpdate holds the fields an update changes.
type InstrumentUpdate struct {
	Name, Type, Description *string
	AmountEuros             *float64
}

// CreateInstrument creates an instrument.
func (db *DB) CreateInstrument(ctx context.Context, in samenspel.InstrumentInput) (samenspel.Instrument, error) {
	if err := in.Validate(); err != nil {
		return samenspel.Instrument{}, err
	}
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		if v, ok, err := w.byClientKey("create instrument", "MATCH (i:Instrument {clientKey: $key}) RETURN i"+instrumentProjection, in.ClientKey); err != nil || ok {
			return v, err
		}
		v, _, err := w.one("create instrument", `
CREATE (i:Instrument {id: $id, name: $name, type: $type, description: $description, amountEuros: $amount, generated: false, clientKey: $clientKey})
RETURN i`+instrumentProjection, map[string]any{"id": newID(), "name": in.Name, "type": in.Type, "description": in.Description,
			"amount": floatOrNil(in.AmountEuros), "clientKey": nilIfEmpty(in.ClientKey)})
		return v, err
	})
	if err != nil {
		return samenspel.Instrument{}, err
	}
	return toInstrument(res), nil
}

// UpdateInstrument changes the given fields of an instrument.
func (db *DB) UpdateInstrument(ctx context.Context, id string, u InstrumentUpdate) (samenspel.Instrument, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		v, ok, err := w.one("update instrument", "MATCH (i:Instrument {id: $id}) RETURN i"+instrumentProjection, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, samenspel.Invalidf("id", "no instrument has id %q", id)
		}
		cur := toInstrument(v)
		in := samenspel.InstrumentInput{Name: cur.Name, Type: cur.Type, Description: cur.Description, AmountEuros: cur.AmountEuros}
		apply(&in.Name, u.Name)
		apply(&in.Type, u.Type)
		apply(&in.Description, u.Description)
		if u.AmountEuros != nil {
			in.AmountEuros = u.AmountEuros
		}
		if err := in.Validate(); err != nil {
			return nil, err
		}
		v, _, err = w.one("update instrument", `
MATCH (i:Instrument {id: $id}) SET i.name = $name, i.type = $type, i.description = $description, i.amountEuros = $amount
RETURN i`+instrumentProjection, map[string]any{"id": id, "name": in.Name, "type": in.Type, "description": in.Description, "amount": floatOrNil(in.AmountEuros)})
		return v, err
	})
	if err != nil {
		return samenspel.Instrument{}, err
	}
	return toInstrument(res), nil
}

// DeleteInstrument deletes an instrument and its links to opgaven.
func (db *DB) DeleteInstrument(ctx context.Context, id string) (bool, error) {
	return db.deleteSimple(ctx, "delete instrument", "MATCH (i:Instrument {id: $id}) DETACH DELETE i RETURN true", id)
}

// AttachInstrument links an instrument to an opgave (idempotent); detach removes the link.
func (db *DB) AttachInstrument(ctx context.Context, instrumentID, opgaveID string, attach bool) (samenspel.Instrument, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		v, ok, err := w.one("attach instrument", "MATCH (i:Instrument {id: $id}) RETURN i"+instrumentProjection, map[string]any{"id": instrumentID})
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, samenspel.Invalidf("instrument", "no instrument has id %q", instrumentID)
		}
		if err := w.require("MATCH (o:Opgave {id: $id}) RETURN o.id", opgaveID, "opgave", "opgave"); err != nil {
			return nil, err
		}
		stmt := "MATCH (i:Instrument {id: $i}), (o:Opgave {id: $o}) MERGE (i)-[:SUPPORTS]->(o)"
		if !attach {
			stmt = "MATCH (:Instrument {id: $i})-[s:SUPPORTS]->(:Opgave {id: $o}) DELETE s"
		}
		_, err = w.run("attach instrument", stmt, map[string]any{"i": instrumentID, "o": opgaveID})
		return v, err
	})
	if err != nil {
		return samenspel.Instrument{}, err
	}
	return toInstrument(res), nil
}

// ---- Links ----

// LinkOpgaven records (or updates the note of) a typed link from one opgave to another.
func (db *DB) LinkOpgaven(ctx context.Context, l samenspel.OpgaveLink) (samenspel.OpgaveLink, error) {
	if l.FromID == l.ToID {
		return l, samenspel.Invalidf("to", "an opgave cannot be linked to itself")
	}
	_, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		for _, ref := range []struct{ field, id string }{{"from", l.FromID}, {"to", l.ToID}} {
			if err := w.require("MATCH (o:Opgave {id: $id}) RETURN o.id", ref.id, ref.field, "opgave"); err != nil {
				return nil, err
			}
		}
		_, err := w.run("link opgaven", `
MATCH (a:Opgave {id: $from}), (b:Opgave {id: $to})
MERGE (a)-[l:LINKED {type: $type}]->(b)
SET l.note = $note`, map[string]any{"from": l.FromID, "to": l.ToID, "type": l.Type, "note": nilIfEmpty(l.Note)})
		return nil, err
	})
	return l, err
}

// UnlinkOpgaven removes a typed link; it reports whether there was one.
func (db *DB) UnlinkOpgaven(ctx context.Context, from, to, typ string) (bool, error) {
	res, err := db.inWrite(ctx, func(w *txRunner) (any, error) {
		_, ok, err := w.one("unlink opgaven", "MATCH (:Opgave {id: $from})-[l:LINKED {type: $type}]->(:Opgave {id: $to}) DELETE l RETURN true",
			map[string]any{"from": from, "to": to, "type": typ})
		return ok, err
	})
	if err != nil {
		return false, err
	}
	return res.(bool), nil
}

// ---- converters ----

func toFloatPtr(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	return nil
}

func toStrings(v any) []string {
	var out []string
	for _, x := range anySlice(v) {
		out = append(out, str(x))
	}
	return out
}

func toOpgave(v any) samenspel.Opgave {
	m, _ := v.(map[string]any)
	gen, _ := m["generated"].(bool)
	return samenspel.Opgave{
		ID: str(m["id"]), Title: str(m["title"]), Goal: str(m["goal"]), Description: str(m["description"]),
		Themes: toStrings(m["themes"]), Scale: str(m["scale"]), Status: str(m["status"]),
		StartDate: toOptDate(m["startDate"]), EndDate: toOptDate(m["endDate"]), Generated: gen,
	}
}

func toRole(v any) samenspel.Role {
	m, _ := v.(map[string]any)
	gen, _ := m["generated"].(bool)
	return samenspel.Role{
		ID: str(m["id"]), OpgaveID: str(m["opgave"]), OrganisationID: str(m["organisation"]), PersonID: str(m["person"]),
		Type: str(m["type"]), Level: str(m["level"]), From: toDate(m["from"]), Until: toOptDate(m["until"]),
		ContributionEuros: toFloatPtr(m["contributionEuros"]), ContributionFTE: toFloatPtr(m["contributionFte"]), Generated: gen,
	}
}

func toPerson(v any) samenspel.Person {
	m, _ := v.(map[string]any)
	gen, _ := m["generated"].(bool)
	return samenspel.Person{ID: str(m["id"]), Name: str(m["name"]), Function: str(m["function"]), OrganisationID: str(m["organisation"]),
		Email: str(m["email"]), Phone: str(m["phone"]), Generated: gen}
}

func toInstrument(v any) samenspel.Instrument {
	m, _ := v.(map[string]any)
	gen, _ := m["generated"].(bool)
	return samenspel.Instrument{ID: str(m["id"]), Name: str(m["name"]), Type: str(m["type"]), Description: str(m["description"]),
		AmountEuros: toFloatPtr(m["amountEuros"]), Generated: gen}
}
