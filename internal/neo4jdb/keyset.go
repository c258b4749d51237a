package neo4jdb

import (
	"context"
	"fmt"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// keysetSpec describes one keyset-paginated list. Every part is a Go constant or built from
// fixed fragments; nothing comes from the request.
type keysetSpec struct {
	label      string // node label, bound to o
	where      string // WHERE clause on o, with $parameters
	sortExpr   string // sort key expression on o
	numeric    bool   // sortExpr yields a number (compared with $afterNum), else a string ($afterKey)
	desc       bool
	projection string // map projection of o
}

// query returns the statement that counts all matches (when $count) and returns one page after the cursor
// ($afterKey or $afterNum, then $afterId) as rows {o, key}.
func (s keysetSpec) query() string {
	cmp, dir, after := ">", "ASC", "$afterKey"
	if s.desc {
		cmp, dir = "<", "DESC"
	}
	if s.numeric {
		after = "$afterNum"
	}
	return `
CALL () {
  WITH $count AS counted WHERE counted
  MATCH (o:` + s.label + `)
  ` + s.where + `
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:` + s.label + `)
  ` + s.where + `
  WITH o, ` + s.sortExpr + ` AS sortKey
  WHERE $afterId IS NULL OR sortKey ` + cmp + ` ` + after + ` OR (sortKey = ` + after + ` AND o.id ` + cmp + ` $afterId)
  WITH o, sortKey ORDER BY sortKey ` + dir + `, o.id ` + dir + ` LIMIT $limit
  RETURN collect({o: o` + s.projection + `, key: sortKey}) AS rows
}
RETURN total, rows`
}

// keysetPage runs the list query for one page: it adds the cursor and limit parameters to params,
// and converts the rows with convert (id gives an item's tie-breaking ID for its cursor).
func keysetPage[T any](ctx context.Context, db *DB, op string, s keysetSpec, params map[string]any, page samenspel.Page,
	convert func(any) T, id func(T) string) (samenspel.Connection[T], error) {
	var conn samenspel.Connection[T]
	after, err := samenspel.DecodeCursor("after", page.After)
	if err != nil {
		return conn, err
	}
	params["afterKey"], params["afterNum"], params["afterId"], params["limit"], params["count"] = nil, nil, nil, page.First+1, page.Count
	if after != nil {
		conn.HasPrev = true
		params["afterId"] = after.ID
		if s.numeric {
			if after.Num == nil {
				return conn, samenspel.Invalidf("after", "is a cursor of another sort order")
			}
			params["afterNum"] = *after.Num
		} else {
			params["afterKey"] = after.Key
		}
	}
	recs, err := db.read(ctx, s.query(), params)
	if err != nil {
		return conn, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	conn.Total = int(recs[0].Values[0].(int64))
	for i, row := range anySlice(recs[0].Values[1]) {
		if i == page.First {
			conn.HasNext = true
			break
		}
		m := row.(map[string]any)
		item := convert(m["o"])
		c := samenspel.Cursor{ID: id(item)}
		if n, ok := m["key"].(float64); ok && s.numeric {
			c.Num = &n
		} else {
			c.Key = str(m["key"])
		}
		conn.Items = append(conn.Items, item)
		conn.Cursors = append(conn.Cursors, c.Encode())
	}
	return conn, nil
}
