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
		// The practice of working together is on some opgaven of the demo set: reached from
		// their lessons and their overdue decisions.
		`lessons(first: $n)`,
		`overdueDecisions(first: $n)`,
	}
	rootType := map[string]string{"organisations": "OrganisationConnection", "regions": "RegionConnection", "opgaven": "OpgaveConnection",
		"lessons": "Lesson", "overdueDecisions": "Agreement"}

	// Every path (up to a few object fields) from a root to each object type, shortest first.
	type path struct {
		typ    string // the type the path ends at
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
			np := path{typ: child.Name, root: p.root, fields: append(append([]string{}, p.fields...), f.Name), lists: p.lists}
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
		walk(path{typ: rootType[name], root: r, lists: 1}, rootType[name], 0, map[string]bool{})
	}
	for typ := range paths {
		sort.SliceStable(paths[typ], func(i, j int) bool { return len(paths[typ][i].fields) < len(paths[typ][j].fields) })
	}

	// Fields asked with other arguments than their defaults. Opgave.connected stops walking once
	// every start has found `first` opgaven, so its round trips follow the data as well as the
	// shape; with first: 1 every walk stops after its first level, on 2 parents as on 40.
	args := map[string]string{"Opgave.connected": "(first: 1)"}
	// Below an object field the query selects one declared field of its type too (a scalar one
	// where there is), so that a path the plan cannot follow shows as a miss.
	probe := map[string]string{}
	rank := map[string]int{} // 0: a scalar, 1: a single object, 2: a list of objects
	for _, f := range graph.NewResolver(nil, service.New(nil, service.Options{}), nil).Plan().Fields() {
		typ, name, _ := strings.Cut(f, ".")
		def := schema.Types[typ].Fields.ForName(name)
		if requiredArgs(def) || strings.HasPrefix(typ, "OpgaveLink") || name == "connected" || name == "health" {
			continue
		}
		sel, r := name, 0
		if schema.Types[def.Type.Name()].Kind == ast.Object {
			sel, r = name+" { __typename }", 1
			if def.Type.Elem != nil {
				r = 2
			}
		}
		if cur, ok := rank[typ]; !ok || r < cur {
			probe[typ], rank[typ] = sel, r
		}
	}
	query := func(p path, field *ast.FieldDefinition, probed bool) string {
		leaf := field.Name + args[p.typ+"."+field.Name]
		if child := field.Type.Name(); schema.Types[child].Kind == ast.Object {
			if probed {
				leaf += " { __typename " + probe[child] + " }"
			} else {
				leaf += " { __typename }"
			}
		}
		q := "__typename " + leaf
		for i := len(p.fields) - 1; i >= 0; i-- {
			q = p.fields[i] + " { " + q + " }"
		}
		return "query($n: Int) { " + p.root + " { " + q + " } }"
	}
	// parents counts the objects at the end of the path in a response.
	parents := func(data map[string]any, p path) int {
		level := flattenJSON(firstValue(data)) // a connection, or a root that is a list itself
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
	var unprobed []string
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
				// list: the first path of each kind that reaches enough parents. Below an object
				// field a declared field is asked too, where the data has objects there; where it
				// has none on any path, the field is tested alone.
				var direct, nested bool
				probed := schema.Types[field.Type.Name()].Kind == ast.Object && probe[field.Type.Name()] != ""
			again:
				for _, p := range paths[typ] {
					isNested := p.lists > 1
					if (isNested && nested) || (!isNested && direct) {
						continue
					}
					if len(p.fields) == 0 {
						continue // the root's own value: one object whatever the page size
					}
					q := query(p, field, probed)
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
					if probed && parents(small.Data, path{fields: append(append([]string{}, p.fields...), field.Name)}) == 0 {
						continue // no objects below the field on 2 parents: their fields are not asked; try the next
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
				if tested[key] == 0 && probed {
					probed = false
					unprobed = append(unprobed, key)
					goto again
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
	if len(unprobed) > 0 {
		t.Logf("tested without a field below them, as the data has no objects there: %v", unprobed)
	}
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
