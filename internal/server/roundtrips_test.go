package server_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/samenspel/samenspel/graph"
	"github.com/samenspel/samenspel/internal/service"
)

// TestRoundTripsFollowTheShape walks every field of every object type reachable from the lists of
// the schema (generated from the schema, not from a list of fields): for each, a query that
// selects it on 2 parents and on 40 or more, directly under a root list and nested under another
// list where the schema has such a path. It asserts that both answer without errors, that no
// resolver fetched outside the batch plan (extensions.planMisses), that the larger query really
// reached more parents, and that both took the same number of Cypher round trips.
func TestRoundTripsFollowTheShape(t *testing.T) {
	a := withDemo(t)
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()

	// The lists a query can start from, with arguments that reach rich data; $n is the page size.
	roots := []string{
		`organisations(first: $n, orderBy: {field: OPGAVEN, direction: DESC})`,
		`organisations(first: $n, filter: {kind: [GEMEENTE], includeHistorical: true})`,
		`regions(first: $n, filter: {division: "jeugdregio"})`,
		`opgaven(first: $n, orderBy: {field: PARTICIPANTS, direction: DESC})`,
	}
	rootType := map[string]string{"organisations": "OrganisationConnection", "regions": "RegionConnection", "opgaven": "OpgaveConnection"}

	// Every path (up to a few object fields) from a root to each object type, shortest first.
	type path struct {
		root   string
		fields []string // field names below the root
		lists  int      // lists it passes through, the root included
	}
	paths := map[string][]path{}
	var walk func(p path, typ string, depth int, seen map[string]bool)
	walk = func(p path, typ string, depth int, seen map[string]bool) {
		paths[typ] = append(paths[typ], p)
		if depth == 5 {
			return
		}
		def := schema.Types[typ]
		for _, f := range def.Fields {
			child := schema.Types[f.Type.Name()]
			if child.Kind != ast.Object || strings.HasPrefix(f.Name, "__") || requiredArgs(f) || seen[child.Name] && child.Name != typ {
				continue
			}
			if f.Name == "connected" || f.Name == "health" {
				continue // expensive, and tested as fields in their own right
			}
			np := path{root: p.root, fields: append(append([]string{}, p.fields...), f.Name), lists: p.lists}
			if f.Type.Elem != nil && !(f.Name == "edges" && strings.HasSuffix(typ, "Connection")) {
				np.lists++ // a connection's edges are its page, which the root's `first` already counts
			}
			s := map[string]bool{child.Name: true}
			for k := range seen {
				s[k] = true
			}
			walk(np, child.Name, depth+1, s)
		}
	}
	for _, r := range roots {
		name := r[:strings.Index(r, "(")]
		walk(path{root: r, lists: 1}, rootType[name], 0, map[string]bool{})
	}
	for typ := range paths {
		sort.SliceStable(paths[typ], func(i, j int) bool { return len(paths[typ][i].fields) < len(paths[typ][j].fields) })
	}

	query := func(p path, field *ast.FieldDefinition) string {
		leaf := field.Name
		if schema.Types[field.Type.Name()].Kind == ast.Object {
			leaf += " { __typename }"
		}
		q := "__typename " + leaf
		for i := len(p.fields) - 1; i >= 0; i-- {
			q = p.fields[i] + " { " + q + " }"
		}
		return "query($n: Int) { " + p.root + " { " + q + " } }"
	}
	// parents counts the objects at the end of the path in a response.
	parents := func(data map[string]any, p path) int {
		level := []any{firstValue(data)}
		for _, f := range p.fields {
			var next []any
			for _, v := range level {
				next = append(next, flattenJSON(get(v, f))...)
			}
			level = next
		}
		n := 0
		for _, v := range level {
			if _, ok := v.(map[string]any); ok {
				n++
			}
		}
		return n
	}

	tested, declared := map[string]int{}, map[string]bool{}
	nestedCount, directCount := 0, 0
	for _, f := range graph.NewResolver(nil, service.New(nil, service.Options{}), nil).Plan().Fields() {
		declared[f] = true
	}
	var typeNames []string
	for typ, ps := range paths {
		if len(ps[len(ps)-1].fields) > 0 { // types that are only a root's own value have no parents to vary
			typeNames = append(typeNames, typ)
		}
	}
	sort.Strings(typeNames)
	for _, typ := range typeNames {
		for _, field := range schema.Types[typ].Fields {
			if strings.HasPrefix(field.Name, "__") || requiredArgs(field) {
				continue
			}
			key := typ + "." + field.Name
			t.Run(key, func(t *testing.T) {
				// Directly under a root list (only the root is a list), and nested under another
				// list: the first path of each kind that reaches enough parents.
				var direct, nested bool
				for _, p := range paths[typ] {
					isNested := p.lists > 1
					if (isNested && nested) || (!isNested && direct) {
						continue
					}
					if len(p.fields) == 0 {
						continue // the root's own value: one object whatever the page size
					}
					q := query(p, field)
					small, large := a.query(q, map[string]any{"n": 2}), a.query(q, map[string]any{"n": 40})
					if len(large.Errors) == 1 && large.Errors[0].Extensions["code"] == graph.CodeCostLimit {
						continue // this path is too costly with 40 parents; try the next
					}
					if len(small.Errors) > 0 || len(large.Errors) > 0 {
						t.Fatalf("%s: errors\n%s\n%s", q, small.raw, large.raw)
					}
					for _, r := range []gqlResponse{small, large} {
						if m := misses(r.raw); m != "" {
							t.Fatalf("%s: fetched outside the plan: %s", q, m)
						}
					}
					ps, pl := parents(small.Data, p), parents(large.Data, p)
					if ps == 0 || pl <= ps {
						continue // this path reaches too few parents to tell; try the next
					}
					if small.Extensions.CypherRoundTrips != large.Extensions.CypherRoundTrips {
						t.Errorf("%s: %d round trips for %d parents, %d for %d", q, small.Extensions.CypherRoundTrips, ps, large.Extensions.CypherRoundTrips, pl)
					}
					tested[key]++
					if isNested {
						nested = true
						nestedCount++
					} else {
						direct = true
						directCount++
					}
					if nested && direct {
						break
					}
				}
				if tested[key] == 0 {
					t.Errorf("no path from the roots reaches more parents of %s with 40 than with 2", typ)
				}
			})
		}
	}
	for f := range declared {
		if tested[f] == 0 && !strings.HasPrefix(f, "OpgaveLink.") { // OpgaveLink is only a mutation's answer
			t.Errorf("%s is declared in the batch plan but no query of this test reached it", f)
		}
	}
	t.Logf("%d fields of %d object types tested: %d directly under a root list, %d nested under another list", len(tested), len(typeNames), directCount, nestedCount)
}

func requiredArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// misses returns extensions.planMisses of a raw response, or "".
func misses(raw []byte) string {
	var r struct {
		Extensions struct {
			PlanMisses json.RawMessage `json:"planMisses"`
		} `json:"extensions"`
	}
	if json.Unmarshal(raw, &r) != nil || len(r.Extensions.PlanMisses) == 0 {
		return ""
	}
	return string(r.Extensions.PlanMisses)
}

// firstValue returns the value of the only field of a response's data.
func firstValue(data map[string]any) any {
	for _, v := range data {
		return v
	}
	return nil
}

// flattenJSON returns the objects of a JSON value: the value itself, or a list's items.
func flattenJSON(v any) []any {
	switch x := v.(type) {
	case []any:
		var out []any
		for _, e := range x {
			out = append(out, flattenJSON(e)...)
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}
