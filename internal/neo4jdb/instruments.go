package neo4jdb

import (
	"context"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Instruments: the means (waarmee) opgaven are worked on with.

var (
	cypherInstrumentsByID = `
UNWIND $ids AS id
MATCH (i:Instrument {id: id})
RETURN collect(i` + instrumentProjection + `) AS rows`

	cypherInstrumentsOfOpgaven = `
UNWIND $ids AS id
MATCH (i:Instrument)-[:SUPPORTS]->(:Opgave {id: id})
WITH id, i ORDER BY i.name, i.id
RETURN collect({id: id, i: i` + instrumentProjection + `}) AS rows`

	cypherOpgavenOfInstruments = `
UNWIND $ids AS id
MATCH (:Instrument {id: id})-[:SUPPORTS]->(o:Opgave)
WITH id, o ORDER BY o.title, o.id
RETURN collect({id: id, o: o` + opgaveProjection + `}) AS rows`
)

// InstrumentsByID returns instruments keyed by ID.
func (db *DB) InstrumentsByID(ctx context.Context, ids []string) (map[string]samenspel.Instrument, error) {
	rows, err := db.rows(ctx, "instruments by id", cypherInstrumentsByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]samenspel.Instrument, len(rows))
	for _, r := range rows {
		i := toInstrument(r)
		out[i.ID] = i
	}
	return out, nil
}

// InstrumentsOfOpgaven returns the instruments supporting each opgave.
func (db *DB) InstrumentsOfOpgaven(ctx context.Context, ids []string) (map[string][]samenspel.Instrument, error) {
	rows, err := db.rows(ctx, "instruments of opgaven", cypherInstrumentsOfOpgaven, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.Instrument{}
	for _, r := range rows {
		out[str(r["id"])] = append(out[str(r["id"])], toInstrument(r["i"]))
	}
	return out, nil
}

// OpgavenOfInstruments returns the opgaven each instrument supports.
func (db *DB) OpgavenOfInstruments(ctx context.Context, ids []string) (map[string][]samenspel.Opgave, error) {
	rows, err := db.rows(ctx, "opgaven of instruments", cypherOpgavenOfInstruments, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]samenspel.Opgave{}
	for _, r := range rows {
		out[str(r["id"])] = append(out[str(r["id"])], toOpgave(r["o"]))
	}
	return out, nil
}

const cypherInstrumentByID = "MATCH (i:Instrument {id: $id}) RETURN i" + instrumentProjection

// CreateInstrument creates an instrument.
func (db *DB) CreateInstrument(ctx context.Context, in samenspel.InstrumentInput) (samenspel.Instrument, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Instrument{}, err
	}
	if err := in.Validate(); err != nil {
		return samenspel.Instrument{}, err
	}
	in.ClientKey = scopedKey(ctx, in.ClientKey)
	return create(ctx, db, in.ClientKey, "create instrument", "MATCH (i:Instrument {clientKey: $key}) RETURN i"+instrumentProjection, toInstrument,
		func(w *txRunner) (samenspel.Instrument, error) {
			v, err := w.created("create instrument", `
CREATE (i:Instrument {id: $id, name: $name, type: $type, description: $description, amountEuros: $amount, generated: false,
                      clientKey: $clientKey, organisation: $org})
RETURN i`+instrumentProjection, map[string]any{"id": newID(), "name": in.Name, "type": in.Type, "description": in.Description,
				"amount": floatOrNil(in.AmountEuros), "clientKey": nilIfEmpty(in.ClientKey), "org": nilIfEmpty(c.Organisation)})
			i := toInstrument(v)
			w.record([]string{i.ID}, nil, instrumentFields(in))
			return i, err
		})
}

// UpdateInstrument changes the given fields of an instrument.
func (db *DB) UpdateInstrument(ctx context.Context, id string, u samenspel.InstrumentUpdate) (samenspel.Instrument, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Instrument{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Instrument, error) {
		v, ok, err := w.one("update instrument", cypherInstrumentByID, map[string]any{"id": id})
		if err != nil {
			return samenspel.Instrument{}, err
		}
		if !ok {
			return samenspel.Instrument{}, samenspel.Invalidf("id", "no instrument has id %q", id)
		}
		cur := toInstrument(v)
		if err := mayChangeInstrument(w, c, id); err != nil {
			return cur, err
		}
		before := samenspel.InstrumentInput{Name: cur.Name, Type: cur.Type, Description: cur.Description, AmountEuros: cur.AmountEuros}
		in := u.Apply(before)
		if err := in.Validate(); err != nil {
			return cur, err
		}
		w.record([]string{id}, instrumentFields(before), instrumentFields(in))
		v, _, err = w.one("update instrument", `
MATCH (i:Instrument {id: $id}) SET i.name = $name, i.type = $type, i.description = $description, i.amountEuros = $amount
RETURN i`+instrumentProjection, map[string]any{"id": id, "name": in.Name, "type": in.Type, "description": in.Description, "amount": floatOrNil(in.AmountEuros)})
		return toInstrument(v), err
	})
}

// DeleteInstrument deletes an instrument and its links to opgaven.
func (db *DB) DeleteInstrument(ctx context.Context, id string) (bool, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return false, err
	}
	return update(ctx, db, func(w *txRunner) (bool, error) {
		if found, err := w.exists("MATCH (i:Instrument {id: $id}) RETURN i.id", id); err != nil || !found {
			return false, err
		}
		if err := mayChangeInstrument(w, c, id); err != nil {
			return false, err
		}
		w.record([]string{id}, map[string]any{"deleted": false}, map[string]any{"deleted": true})
		_, ok, err := w.one("delete instrument", "MATCH (i:Instrument {id: $id}) DETACH DELETE i RETURN true", map[string]any{"id": id})
		return ok, err
	})
}

// mayChangeInstrument lets an admin change any instrument, and an editor one whose every opgave
// its organisation leads; an instrument that supports no opgave, only the organisation that made
// it. (Leading one of the opgaven is not enough: an instrument is shared, and attaching someone
// else's instrument to one's own opgave must not hand over its name, amount or existence.)
func mayChangeInstrument(w *txRunner, c samenspel.Caller, id string) error {
	if c.Is(samenspel.Admin) {
		return nil
	}
	ok, _, err := w.one("instrument access", `
MATCH (i:Instrument {id: $id})
WITH i, [(i)-[:SUPPORTS]->(o:Opgave) | EXISTS { MATCH (o)<-[:ON]-(r:Role)<-[:HOLDS]-(:Organisation {id: $org})
  WHERE r.type IN ['TREKKER', 'MEDETREKKER'] AND r.from <= $today AND (r.until IS NULL OR $today < r.until) }] AS led
RETURN CASE WHEN size(led) = 0 THEN coalesce(i.organisation = $org, false) ELSE all(x IN led WHERE x) END`,
		map[string]any{"id": id, "org": c.Organisation, "today": dateParam(samenspel.TodayIn(w.ctx))})
	if err == nil && ok != true {
		err = samenspel.Forbiddenf("id", "your organisation (%s) does not lead every opgave this instrument supports (or, for an unused one, did not make it)", c.Organisation)
	}
	return err
}

func instrumentFields(in samenspel.InstrumentInput) map[string]any {
	return map[string]any{"instrumentName": in.Name, "type": in.Type, "description": in.Description, "amountEuros": floatOrNil(in.AmountEuros)}
}

// AttachInstrument links an instrument to an opgave (idempotent); detach removes the link.
func (db *DB) AttachInstrument(ctx context.Context, instrumentID, opgaveID string, attach bool) (samenspel.Instrument, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return samenspel.Instrument{}, err
	}
	return update(ctx, db, func(w *txRunner) (samenspel.Instrument, error) {
		v, ok, err := w.one("attach instrument", cypherInstrumentByID, map[string]any{"id": instrumentID})
		if err != nil {
			return samenspel.Instrument{}, err
		}
		if !ok {
			return samenspel.Instrument{}, samenspel.Invalidf("instrument", "no instrument has id %q", instrumentID)
		}
		if err := w.require(existsOpgave, opgaveID, "opgave", "opgave"); err != nil {
			return samenspel.Instrument{}, err
		}
		if err := requireLeads(w, c, opgaveID, "opgave"); err != nil {
			return samenspel.Instrument{}, err
		}
		w.record([]string{instrumentID, opgaveID}, map[string]any{"attached": !attach}, map[string]any{"attached": attach})
		stmt := "MATCH (i:Instrument {id: $i}), (o:Opgave {id: $o}) MERGE (i)-[:SUPPORTS]->(o)"
		if !attach {
			stmt = "MATCH (:Instrument {id: $i})-[s:SUPPORTS]->(:Opgave {id: $o}) DELETE s"
		}
		_, err = w.run("attach instrument", stmt, map[string]any{"i": instrumentID, "o": opgaveID})
		return toInstrument(v), err
	})
}
