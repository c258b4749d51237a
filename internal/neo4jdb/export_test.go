package neo4jdb

import "context"

// FailAfterAudit runs one write transaction that creates an (:AuditProbe {id}) node, records and
// writes its audit event, and then fails on a later statement: the test of "no event for a
// rolled-back write" (the transaction helper is unexported).
func (db *DB) FailAfterAudit(ctx context.Context, id string) error {
	_, err := inWrite(ctx, db, func(w *txRunner) (struct{}, error) {
		if _, err := w.run("probe", `CREATE (:AuditProbe {id: $id})`, map[string]any{"id": id}); err != nil {
			return struct{}{}, err
		}
		w.record([]string{id}, nil, map[string]any{"id": id})
		if err := w.writeAudit(); err != nil {
			return struct{}{}, err
		}
		_, err := w.run("fail", `UNWIND [0] AS zero RETURN 1 / zero`, nil)
		return struct{}{}, err
	})
	return err
}

// AuditProbes counts the (:AuditProbe {id}) nodes.
func (db *DB) AuditProbes(ctx context.Context, id string) (int64, error) {
	res, err := db.read(ctx, `MATCH (p:AuditProbe {id: $id}) RETURN count(p)`, map[string]any{"id": id})
	if err != nil {
		return 0, err
	}
	return res[0].Values[0].(int64), nil
}
