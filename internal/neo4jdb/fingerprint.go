package neo4jdb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
)

const cypherFingerprint = `
MATCH (n)
OPTIONAL MATCH (n)-[r]->(m)
RETURN labels(n) AS labels, properties(n) AS props, type(r) AS type, properties(r) AS rprops, elementId(m) IS NOT NULL AS hasEnd,
       CASE WHEN m IS NULL THEN null ELSE coalesce(m.id, m.key) END AS endKey`

// Fingerprint returns a digest of every node and relationship with their properties. Two
// databases with the same fingerprint hold the same data; tests use it to prove that a failed
// import left nothing behind and that a repeated import changed nothing.
func (db *DB) Fingerprint(ctx context.Context) (string, error) {
	recs, err := db.read(ctx, cypherFingerprint, nil)
	if err != nil {
		return "", fmt.Errorf("neo4j: fingerprint: %w", err)
	}
	lines := make([]string, len(recs))
	for i, rec := range recs {
		lines[i] = fmt.Sprint(rec.Values...)
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
