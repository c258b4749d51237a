package neo4jdb

import (
	"context"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Search: one full-text index over names, titles and goals.

const cypherSearch = `
CALL db.index.fulltext.queryNodes('search', $q, {limit: $limit}) YIELD node, score
WITH node, score WHERE $people OR NOT node:Person
OPTIONAL MATCH (node)-[:WORKS_FOR]->(org:Organisation)
RETURN collect({score: score,
  organisation: CASE WHEN node:Organisation THEN node` + orgProjection + ` END,
  region: CASE WHEN node:Region THEN node` + regionProjection + ` END,
  opgave: CASE WHEN node:Opgave THEN node` + opgaveProjection + ` END,
  person: CASE WHEN node:Person THEN node{.id, .name, .function, .generated, organisation: org.id} END}) AS rows`

// Search finds organisations, regions, opgaven and people by name, title or goal, ranked by
// relevance. text is turned into a safe Lucene query (samenspel.SearchQuery). People are found
// only for callers who may see them (the statement leaves them out otherwise), so such a
// caller's page can hold fewer than first hits.
func (db *DB) Search(ctx context.Context, text string, first int) ([]samenspel.SearchHit, error) {
	if err := samenspel.CheckSearchText(text); err != nil {
		return nil, err
	}
	q := samenspel.SearchQuery(text)
	rows, err := db.rows(ctx, "search", cypherSearch, visibility(ctx, map[string]any{"q": q, "limit": first}))
	if err != nil {
		return nil, err
	}
	hits := make([]samenspel.SearchHit, 0, len(rows))
	for _, r := range rows {
		h := samenspel.SearchHit{Score: r["score"].(float64)}
		switch {
		case r["organisation"] != nil:
			o := toOrganisation(r["organisation"])
			h.Kind, h.Organisation = "ORGANISATION", &o
		case r["region"] != nil:
			reg := toRegion(r["region"])
			h.Kind, h.Region = "REGION", &reg
		case r["opgave"] != nil:
			o := toOpgave(r["opgave"])
			h.Kind, h.Opgave = "OPGAVE", &o
		case r["person"] != nil:
			p := toPerson(r["person"])
			h.Kind, h.Person = "PERSON", &p
		}
		hits = append(hits, h)
	}
	return hits, nil
}
