package plan

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

const testSchema = `
type Query { teams: [Team!]! }
type Team { id: ID! name: String! members(first: Int = 2): [Person!]! }
type Person { id: ID! name: String! team: Team! card: Card }
type Card { person: Person! }`

type team struct{ ID, Name string }
type person struct {
	ID, Name, TeamID string
	Card             *card `json:"card"`
}
type card struct{ Person person }

// fetches records the keys of every fetch, per field.
type fetches struct {
	mu   sync.Mutex
	keys map[string][][]string
}

func (f *fetches) add(field string, keys []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := append([]string(nil), keys...)
	sort.Strings(k)
	f.keys[field] = append(f.keys[field], k)
}

func setup(t *testing.T) (*Registry, *fetches, *Field[team, []person, int], *Field[person, team, struct{}]) {
	f := &fetches{keys: map[string][][]string{}}
	people := map[string][]person{
		"t1": {{ID: "p1", TeamID: "t1", Card: &card{Person: person{ID: "p1", TeamID: "t1"}}}, {ID: "p2", TeamID: "t1"}},
		"t2": {{ID: "p3", TeamID: "t2"}},
	}
	r := NewRegistry()
	members := Add(r, &Field[team, []person, int]{Type: "Team", Name: "members",
		Args: func(_ context.Context, a Args) (int, error) { n, _ := a.Int("first"); return n, nil },
		Key:  func(x *team) (string, bool) { return x.ID, true },
		Fetch: func(_ context.Context, first int, keys []string) (map[string][]person, error) {
			f.add("Team.members", keys)
			out := map[string][]person{}
			for _, k := range keys {
				ps := people[k]
				out[k] = ps[:min(first, len(ps))]
			}
			return out, nil
		}})
	teamOf := Add(r, &Field[person, team, struct{}]{Type: "Person", Name: "team",
		Key: func(p *person) (string, bool) { return p.TeamID, true },
		Fetch: func(_ context.Context, _ struct{}, keys []string) (map[string]team, error) {
			f.add("Person.team", keys)
			out := map[string]team{}
			for _, k := range keys {
				out[k] = team{ID: k, Name: strings.ToUpper(k)}
			}
			return out, nil
		}})
	Identity(r, "Team", func(x *team) string { return x.ID })
	return r, f, members, teamOf
}

func operation(t *testing.T, query string) (context.Context, *graphql.OperationContext) {
	t.Helper()
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: testSchema})
	doc, err := gqlparser.LoadQuery(schema, query)
	if err != nil {
		t.Fatal(err)
	}
	oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{}}
	ctx, _ := WithState(graphql.WithOperationContext(context.Background(), oc))
	return ctx, oc
}

func TestRunFetchesEachFieldOncePerLevel(t *testing.T) {
	r, f, members, teamOf := setup(t)
	ctx, oc := operation(t, `{ teams { members { team { name members(first: 1) { name } } card { person { team { name } } } } } }`)
	root := oc.Operation.SelectionSet[0].(*ast.Field)
	teams := []team{{ID: "t1"}, {ID: "t2"}}
	r.Run(ctx, "Team", teams, root.SelectionSet)

	// Level 1: the members of both teams. Level 2: the teams of all members and of the people on
	// their cards (merged: one fetch, through the plain Card.person). Level 3: members(first: 1)
	// of the two teams, once although four members led to them.
	want := map[string][][]string{
		"Team.members": {{"t1", "t2"}, {"t1", "t2"}},
		"Person.team":  {{"t1", "t2"}},
	}
	if diff := cmp.Diff(want, f.keys); diff != "" {
		t.Errorf("fetches (-want +got):\n%s", diff)
	}
	// A resolver finds its value in the plan, with the arguments the query gives.
	field := graphql.CollectFields(oc, root.SelectionSet, []string{"Team"})[0]
	rctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: field})
	got, err := members.Resolve(rctx, &teams[0])
	if err != nil || len(got) != 2 {
		t.Fatalf("members of t1 = %v, %v", got, err)
	}
	if n, _ := From(ctx).Misses(); n != 0 {
		t.Errorf("%d misses", n)
	}
	// A value the plan did not fetch is fetched alone and counted.
	if _, err := teamOf.Resolve(graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Name: "team"}}}), &person{TeamID: "t9"}); err != nil {
		t.Fatal(err)
	}
	if n, fields := From(ctx).Misses(); n != 1 || fields[0] != "Person.team" {
		t.Errorf("misses = %d %v, want 1 on Person.team", n, fields)
	}
}

func TestFetchErrorsReachEveryParent(t *testing.T) {
	r := NewRegistry()
	logged := 0
	r.OnFetchError = func(context.Context, string, error) { logged++ }
	boom := Add(r, &Field[team, string, struct{}]{Type: "Team", Name: "name",
		Key: func(x *team) (string, bool) { return x.ID, true },
		Fetch: func(context.Context, struct{}, []string) (map[string]string, error) {
			return nil, context.DeadlineExceeded
		}})
	ctx, oc := operation(t, `{ teams { name } }`)
	teams := []team{{ID: "t1"}, {ID: "t2"}}
	r.Run(ctx, "Team", teams, oc.Operation.SelectionSet[0].(*ast.Field).SelectionSet)
	field := graphql.CollectFields(oc, oc.Operation.SelectionSet[0].(*ast.Field).SelectionSet, []string{"Team"})[0]
	for i := range teams {
		if _, err := boom.Resolve(graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: field}), &teams[i]); err == nil {
			t.Errorf("team %d: no error", i)
		}
	}
	if logged != 1 {
		t.Errorf("the failed fetch was reported %d times, want once", logged)
	}
}

func TestMemoRunsOnce(t *testing.T) {
	ctx, _ := WithState(context.Background())
	n := 0
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Memo(ctx, "x", "k", func() (int, error) { mu.Lock(); n++; mu.Unlock(); return 1, nil })
		}()
	}
	wg.Wait()
	if n != 1 {
		t.Errorf("ran %d times", n)
	}
}

func TestArgs(t *testing.T) {
	a := Args{"first": int64(5), "f2": 3.0, "s": "x", "b": true, "l": []any{"a", "b"}}
	if n, ok := a.Int("first"); !ok || n != 5 {
		t.Error("Int int64")
	}
	if n, _ := a.Int("f2"); n != 3 {
		t.Error("Int float")
	}
	if a.String("s") != "x" || !a.Bool("b") || len(a.Strings("l")) != 2 || a.Has("none") {
		t.Error("String, Bool, Strings or Has")
	}
}
