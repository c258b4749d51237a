package server_test

import (
	"context"
	"testing"

	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/server"
)

// TestTotalCountOnlyWhenSelected: a list counts its matches only when totalCount is selected
// (directly or through a fragment), and the count is the same either way.
func TestTotalCountOnlyWhenSelected(t *testing.T) {
	base := newAPI(t)
	var last *neo4jdb.Statements
	a := base.with(t, server.Options{RequestContext: func(ctx context.Context) context.Context {
		ctx, last = neo4jdb.WithStatements(ctx)
		return ctx
	}})
	counted := func() any {
		for _, s := range last.List() {
			if c, ok := s.Params["count"]; ok {
				return c
			}
		}
		return "no list statement"
	}
	r := a.mustQuery(`{ organisations(filter: {kind: [GEMEENTE]}, first: 2) { edges { node { name } } } }`, nil)
	if c := counted(); c != false || len(list(r.Data, "organisations.edges")) != 2 {
		t.Errorf("without totalCount: count=%v %s", c, r.raw)
	}
	direct := a.mustQuery(`{ organisations(filter: {kind: [GEMEENTE]}, first: 2) { totalCount } }`, nil)
	if c := counted(); c != true {
		t.Errorf("with totalCount: count=%v", c)
	}
	viaFragment := a.mustQuery(`{ organisations(filter: {kind: [GEMEENTE]}, first: 2) { ...Total } } fragment Total on OrganisationConnection { totalCount }`, nil)
	if c := counted(); c != true {
		t.Errorf("with totalCount in a fragment: count=%v", c)
	}
	n := get(direct.Data, "organisations.totalCount")
	if f, _ := n.(float64); f < 300 || get(viaFragment.Data, "organisations.totalCount") != n {
		t.Errorf("totalCount %v directly, %v through a fragment", n, get(viaFragment.Data, "organisations.totalCount"))
	}
	for _, q := range []string{`{ opgaven(first: 1) { totalCount } }`, `{ regions(first: 1) { totalCount } }`} {
		a.mustQuery(q, nil)
		if c := counted(); c != true {
			t.Errorf("%s: count=%v", q, c)
		}
	}
}
