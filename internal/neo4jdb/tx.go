package neo4jdb

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Every mutation is one write transaction (inWrite): it checks its references inside the
// transaction and either writes everything or nothing. Domain errors (*samenspel.Error) end the
// transaction without a retry and reach the client with the field they concern.

type txRunner struct {
	ctx       context.Context
	tx        neo4j.ManagedTransaction
	unchanged bool // set when the transaction wrote nothing: the data version and the trail stay
	events    []auditEvent
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

// created runs the statement that writes a new node and returns it; no row means a node it
// matched was deleted meanwhile (a reference checked earlier in the transaction is not locked).
func (w *txRunner) created(op, cypher string, params map[string]any) (any, error) {
	v, ok, err := w.one(op, cypher, params)
	if err == nil && !ok {
		err = samenspel.Conflictf("input", "something the change refers to was deleted at the same time; retry")
	}
	return v, err
}

// exists reports whether the statement (matching by $id) returns a row.
func (w *txRunner) exists(cypher, id string) (bool, error) {
	_, ok, err := w.one("exists", cypher, map[string]any{"id": id})
	return ok, err
}

// require checks that the node cypher matches by $id exists; otherwise it reports invalid input on
// field.
func (w *txRunner) require(cypher, id, field, noun string) error {
	ok, err := w.exists(cypher, id)
	if err == nil && !ok {
		err = samenspel.Invalidf(field, "no %s has id %q", noun, id)
	}
	return err
}

// Statements that check a reference by $id.
const (
	existsOrganisation = "MATCH (o:Organisation {id: $id}) RETURN o.id"
	existsOpgave       = "MATCH (o:Opgave {id: $id}) RETURN o.id"
)

// create runs a create mutation that takes a client key, so that a retried create returns the
// first result and writes nothing: lookup (a statement with $key returning one row, converted by
// convert) finds what an earlier create with the key made, build writes a new one. Two concurrent
// creates with one key both miss the lookup; the unique constraint on the key lets one commit, and
// the other reads what that one made. Any other constraint violation is a conflict.
func create[T any](ctx context.Context, db *DB, key, op, lookup string, convert func(any) T, build func(w *txRunner) (T, error)) (T, error) {
	var zero T
	v, err := inWrite(ctx, db, func(w *txRunner) (T, error) {
		if key != "" {
			if earlier, ok, err := w.one(op, lookup, visibility(ctx, map[string]any{"key": key})); err != nil || ok {
				if err != nil {
					return zero, err
				}
				w.unchanged = true
				return convert(earlier), nil
			}
		}
		return build(w)
	})
	if errors.Is(err, errConstraint) && key != "" {
		earlier, rerr := readOne(ctx, db, op, lookup, visibility(ctx, map[string]any{"key": key}))
		switch {
		case rerr != nil:
			return zero, rerr
		case earlier == nil:
			return zero, samenspel.Conflictf("input", "the change clashes with data stored at the same time; retry")
		}
		return convert(earlier), nil
	}
	if errors.Is(err, errConstraint) {
		return zero, samenspel.Conflictf("input", "the change clashes with data stored at the same time; retry")
	}
	return v, err
}

// readOne runs a read statement and returns the first column of its first row, or nil.
func readOne(ctx context.Context, db *DB, op, cypher string, params map[string]any) (any, error) {
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return recs[0].Values[0], nil
}

// update runs a mutation without a client key; a constraint violation is a conflict.
func update[T any](ctx context.Context, db *DB, fn func(w *txRunner) (T, error)) (T, error) {
	v, err := inWrite(ctx, db, fn)
	if errors.Is(err, errConstraint) {
		var zero T
		return zero, samenspel.Conflictf("input", "the change clashes with data stored at the same time; retry")
	}
	return v, err
}

func newID() string { return uuid.NewString() }

func floatOrNil(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// scopedKey is a client key as stored: prefixed with who made it, so that a key is one caller's
// (a dashboard's key, a person's token) and repeating it returns only what that caller created:
// someone else who guesses or reuses the key creates anew instead of reading another's object.
func scopedKey(ctx context.Context, key string) string {
	if key == "" {
		return ""
	}
	c := samenspel.CallerIn(ctx)
	return c.Via + ":" + c.Subject + ":" + key
}
