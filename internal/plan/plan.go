// Package plan resolves the store-backed fields of a GraphQL request level by level, so that the
// number of Cypher round trips is a function of the query's shape, never of the size of its result
// or of goroutine timing.
//
// Every store-backed field is declared once as a Field: how its key is made from the parent and
// its arguments, and one batched fetch (keys → values). When a root field has resolved, Run walks
// the query below it one level at a time: it collects, for each declared field of the level, the
// keys of all its parents (from every path that reaches the field with the same arguments), runs
// one fetch per field and argument set (sibling fields concurrently), and goes on with the values
// as the parents of the next level. Fields that are plain values of their parent (a struct field,
// an edge's node) are followed without a fetch. The field's resolver then finds its value in the
// request's State; there is no timed batch window anywhere.
//
// A resolver whose value the plan did not fetch (a path Run could not follow) fetches its own key
// and counts a miss; State.Misses reports them, and the tests require zero on every path.
package plan

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"golang.org/x/sync/errgroup"
)

// Args are a field's arguments as the query gives them, with the schema's defaults applied: the
// one place defaults come from.
type Args map[string]any

// ArgsOf returns a field's arguments: as the query gives them, with the schema's default where the
// query gives none or gives null (gqlgen's argument map keeps an explicit null), so that
// `first: null` means the same as leaving `first` out.
func ArgsOf(f graphql.CollectedField, vars map[string]any) Args {
	a := Args(f.ArgumentMap(vars))
	if f.Definition == nil {
		return a
	}
	for _, def := range f.Definition.Arguments {
		if v, ok := a[def.Name]; (!ok || v == nil) && def.DefaultValue != nil {
			if d, err := def.DefaultValue.Value(vars); err == nil {
				a[def.Name] = d
			}
		}
	}
	return a
}

// Has reports whether the argument has a value (given, or a default in the schema).
func (a Args) Has(name string) bool { v, ok := a[name]; return ok && v != nil }

// String returns a string or enum argument, or "".
func (a Args) String(name string) string {
	s, _ := a[name].(string)
	return s
}

// Bool returns a boolean argument, or false.
func (a Args) Bool(name string) bool {
	b, _ := a[name].(bool)
	return b
}

// Int returns an integer argument and whether it has one.
func (a Args) Int(name string) (int, bool) {
	switch v := a[name].(type) {
	case int64:
		return int(v), true
	case int:
		return v, true
	case int32:
		return int(v), true
	case float64:
		return int(v), true
	case interface{ Int64() (int64, error) }: // json.Number
		n, err := v.Int64()
		return int(n), err == nil
	}
	return 0, false
}

// Strings returns a list-of-strings argument.
func (a Args) Strings(name string) []string {
	var out []string
	switch v := a[name].(type) {
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = v
	case string: // a single value where a list is expected
		out = []string{v}
	}
	return out
}

// field is the type-erased view of a Field that Run works with.
type field interface {
	path() string
	group(ctx context.Context, a Args) (any, error)
	keyOf(parent reflect.Value) (string, bool, bool) // key, has a key, parent of the right Go type
	fetch(ctx context.Context, g any, keys []string) (map[string]any, error)
	missing(key string) error
}

// Field declares one store-backed field of GraphQL type Type: parent Go type P, value V, and G,
// the comparable part of the key that the arguments give (a date, a page, a filter).
type Field[P, V any, G comparable] struct {
	Type, Name string
	// Args turns the field's arguments into G; an error is the field's error, reported by its
	// resolver, and nothing is fetched.
	Args func(ctx context.Context, a Args) (G, error)
	// Key returns the parent's key; false means the field is V's zero value without a fetch (a
	// role without a person).
	Key func(p *P) (string, bool)
	// Fetch loads the values of all keys in one statement. A key it leaves out has V's zero value,
	// or the error Missing gives.
	Fetch   func(ctx context.Context, g G, keys []string) (map[string]V, error)
	Missing func(key string) error
}

func (f *Field[P, V, G]) path() string { return f.Type + "." + f.Name }

func (f *Field[P, V, G]) group(ctx context.Context, a Args) (any, error) {
	if f.Args == nil {
		var g G
		return g, nil
	}
	return f.Args(ctx, a)
}

func (f *Field[P, V, G]) keyOf(parent reflect.Value) (string, bool, bool) {
	p, ok := parent.Interface().(*P)
	if !ok {
		return "", false, false
	}
	k, has := f.Key(p)
	return k, has, true
}

func (f *Field[P, V, G]) fetch(ctx context.Context, g any, keys []string) (map[string]any, error) {
	found, err := f.Fetch(ctx, g.(G), keys)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(found))
	for k, v := range found {
		out[k] = v
	}
	return out, nil
}

func (f *Field[P, V, G]) missing(key string) error {
	if f.Missing == nil {
		return nil
	}
	return f.Missing(key)
}

// Resolve returns the field's value for parent p: from the plan, or, on a miss, from a fetch of
// p's key alone (counted in State.Misses).
func (f *Field[P, V, G]) Resolve(ctx context.Context, p *P) (V, error) {
	var zero V
	args := Args{}
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil && graphql.HasOperationContext(ctx) {
		args = ArgsOf(fc.Field, graphql.GetOperationContext(ctx).Variables)
	}
	g, err := f.group(ctx, args)
	if err != nil {
		return zero, err
	}
	key, has := f.Key(p)
	if !has {
		return zero, nil
	}
	st := From(ctx)
	if st != nil {
		if r, ok := st.get(f, g, key); ok {
			return valueOf[V](r)
		}
		st.misses.Add(1)
		st.missedMu.Lock()
		st.missed[f.path()] = true
		st.missedMu.Unlock()
	}
	found, err := f.fetch(ctx, g, []string{key})
	r := result{err: err}
	if err == nil {
		if v, ok := found[key]; ok {
			r.v = v
		} else {
			r.err = f.missing(key)
		}
	}
	if st != nil {
		st.put(f, g, key, r)
	}
	return valueOf[V](r)
}

func valueOf[V any](r result) (V, error) {
	var zero V
	if r.err != nil {
		return zero, r.err
	}
	if r.v == nil {
		return zero, nil
	}
	return r.v.(V), nil
}

// Registry holds the declared fields of a schema.
type Registry struct {
	fields   map[string]field
	identity map[string]func(reflect.Value) (string, bool)
	// OnFetchError is told about every failed fetch once (for the log); the field errors still
	// reach the client through the resolvers.
	OnFetchError func(ctx context.Context, field string, err error)
	// Allow, when set, says whether the request may read a field ("Type.field"); the plan neither
	// fetches nor follows one it may not (its resolver reports the refusal).
	Allow func(ctx context.Context, field string) bool
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{fields: map[string]field{}, identity: map[string]func(reflect.Value) (string, bool){}}
}

// Add declares f; it panics when the field is declared twice (a programming error found at start).
func Add[P, V any, G comparable](r *Registry, f *Field[P, V, G]) *Field[P, V, G] {
	if _, dup := r.fields[f.path()]; dup {
		panic("plan: " + f.path() + " declared twice")
	}
	if f.Key == nil || f.Fetch == nil {
		panic("plan: " + f.path() + " needs Key and Fetch")
	}
	r.fields[f.path()] = f
	return f
}

// Identity declares how objects of a GraphQL type are told apart, so that a level fetches for
// each object once however many paths lead to it.
func Identity[P any](r *Registry, typ string, id func(*P) string) {
	r.identity[typ] = func(v reflect.Value) (string, bool) {
		p, ok := v.Interface().(*P)
		if !ok {
			return "", false
		}
		return id(p), true
	}
}

// Declared reports whether Type.field is declared, and lists every declared field.
func (r *Registry) Declared(path string) bool { _, ok := r.fields[path]; return ok }

// Fields returns the declared fields as "Type.field", sorted.
func (r *Registry) Fields() []string {
	out := make([]string, 0, len(r.fields))
	for p := range r.fields {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// State is one request's plan: the values fetched so far, the misses, and the bound on the
// request's concurrent fetches.
type State struct {
	sem      chan struct{} // one token per fetch running for this request
	mu       sync.Mutex
	results  map[resultKey]result
	misses   atomic.Int64
	missedMu sync.Mutex
	missed   map[string]bool
	memoMu   sync.Mutex
	memo     map[string]*memoEntry
}

type resultKey struct {
	field string
	group any
	key   string
}

type result struct {
	v   any
	err error
}

type stateKey struct{}

// DefaultConcurrency bounds the fetches one request runs at once, over all its root fields, so
// that one request cannot take the whole connection pool.
const DefaultConcurrency = 4

// WithState returns ctx with a fresh State for one request.
func WithState(ctx context.Context) (context.Context, *State) {
	st := &State{results: map[resultKey]result{}, missed: map[string]bool{}, memo: map[string]*memoEntry{},
		sem: make(chan struct{}, DefaultConcurrency)}
	return context.WithValue(ctx, stateKey{}, st), st
}

// Forget drops every value fetched so far: a mutation has changed the data, and what the fields
// of the next mutation's answer read must be read after it.
func (s *State) Forget() {
	s.mu.Lock()
	s.results = map[resultKey]result{}
	s.mu.Unlock()
	s.memoMu.Lock()
	s.memo = map[string]*memoEntry{}
	s.memoMu.Unlock()
}

// From returns the request's State, or nil.
func From(ctx context.Context) *State {
	st, _ := ctx.Value(stateKey{}).(*State)
	return st
}

// Misses returns the number of values resolvers had to fetch themselves, and the fields they
// belong to.
func (s *State) Misses() (int, []string) {
	s.missedMu.Lock()
	defer s.missedMu.Unlock()
	var fields []string
	for f := range s.missed {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	return int(s.misses.Load()), fields
}

func (s *State) get(f field, g any, key string) (result, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.results[resultKey{f.path(), g, key}]
	return r, ok
}

func (s *State) put(f field, g any, key string, r result) {
	s.mu.Lock()
	s.results[resultKey{f.path(), g, key}] = r
	s.mu.Unlock()
}

type memoEntry struct {
	once sync.Once
	v    any
	err  error
}

// Memo runs fn once per request for name and key and shares its result: for a fetch that
// several declared fields of one level need (an opgave's roles for both its trust climate and its
// health), so that it is one round trip, not one per field.
func Memo[T any](ctx context.Context, name, key string, fn func() (T, error)) (T, error) {
	st := From(ctx)
	if st == nil {
		return fn()
	}
	st.memoMu.Lock()
	e, ok := st.memo[name+"\x00"+key]
	if !ok {
		e = &memoEntry{}
		st.memo[name+"\x00"+key] = e
	}
	st.memoMu.Unlock()
	e.once.Do(func() {
		defer func() {
			if p := recover(); p != nil {
				e.err = fmt.Errorf("plan: %s panicked: %v", name, p)
			}
		}()
		e.v, e.err = fn()
	})
	if e.err != nil {
		var zero T
		return zero, e.err
	}
	v, _ := e.v.(T)
	return v, nil
}

// node is a set of objects of one GraphQL type whose selection is still to be planned.
type node struct {
	typ  string
	objs []reflect.Value // pointers to the objects
	sels ast.SelectionSet
}

// task is one fetch: a declared field with one argument set, for the keys of every path that
// selects it.
type task struct {
	f      field
	g      any
	keys   []string
	seen   map[string]bool
	follow []follow
	found  map[string]any
	err    error
}

// follow is one occurrence of a task's field in the query: its parents' keys and what it selects.
type follow struct {
	typ  string
	keys []string
	sels ast.SelectionSet
}

// Run plans the selection sels of root, the value of a root field of GraphQL type typ: it fetches
// every declared field below it level by level and stores the values in ctx's State. Fetch errors
// are stored for the resolvers to report; Run itself never fails.
func (r *Registry) Run(ctx context.Context, typ string, root any, sels ast.SelectionSet) {
	st := From(ctx)
	if st == nil || !graphql.HasOperationContext(ctx) || len(sels) == 0 {
		return
	}
	op := graphql.GetOperationContext(ctx)
	level := []node{{typ: typ, objs: flatten(reflect.ValueOf(root), nil), sels: sels}}
	for len(level) > 0 && ctx.Err() == nil {
		tasks := r.collect(ctx, op, level)
		r.fetchAll(ctx, st, tasks)
		level = level[:0:0]
		for _, t := range tasks {
			for _, fo := range t.follow {
				var objs []reflect.Value
				for _, k := range fo.keys {
					if v, ok := t.found[k]; ok && v != nil {
						objs = flatten(reflect.ValueOf(v), objs)
					}
				}
				if len(objs) > 0 {
					level = append(level, node{typ: fo.typ, objs: objs, sels: fo.sels})
				}
			}
		}
	}
}

// collect turns the nodes of one level into tasks, following plain fields within the level.
func (r *Registry) collect(ctx context.Context, op *graphql.OperationContext, level []node) []*task {
	byKey := map[[2]any]*task{}
	var order []*task
	work := append([]node(nil), level...)
	for len(work) > 0 {
		n := work[len(work)-1]
		work = work[:len(work)-1]
		objs := r.dedupe(n.typ, n.objs)
		for _, f := range graphql.CollectFields(op, n.sels, []string{n.typ}) {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if r.Allow != nil && !r.Allow(ctx, n.typ+"."+f.Name) {
				continue
			}
			childType := f.Definition.Type.Name()
			decl, ok := r.fields[n.typ+"."+f.Name]
			if !ok {
				if len(f.Selections) == 0 {
					continue // a scalar: nothing to plan
				}
				var children []reflect.Value
				for _, o := range objs {
					children = follow1(o, f.Name, children)
				}
				if len(children) > 0 {
					work = append(work, node{typ: childType, objs: children, sels: f.Selections})
				}
				continue
			}
			g, err := decl.group(ctx, ArgsOf(f, op.Variables))
			if err != nil {
				continue // the resolver reports the argument error
			}
			id := [2]any{decl.path(), g}
			t, ok := byKey[id]
			if !ok {
				t = &task{f: decl, g: g, seen: map[string]bool{}}
				byKey[id] = t
				order = append(order, t)
			}
			fo := follow{typ: childType, sels: f.Selections}
			for _, o := range objs {
				k, has, right := decl.keyOf(o)
				if !right || !has {
					continue
				}
				if !t.seen[k] {
					t.seen[k] = true
					t.keys = append(t.keys, k)
				}
				if len(f.Selections) > 0 {
					fo.keys = append(fo.keys, k)
				}
			}
			if len(fo.keys) > 0 {
				t.follow = append(t.follow, fo)
			}
		}
	}
	return order
}

// fetchAll runs the tasks of one level, concurrently within the request's bound (State), and
// stores their values. A fetch that panics fails its field, not the server.
func (r *Registry) fetchAll(ctx context.Context, st *State, tasks []*task) {
	var g errgroup.Group
	for _, t := range tasks {
		if len(t.keys) == 0 {
			continue
		}
		g.Go(func() error {
			select {
			case st.sem <- struct{}{}:
				defer func() { <-st.sem }()
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				t.err = ctx.Err()
			} else {
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.err = fmt.Errorf("plan: fetch of %s panicked: %v", t.f.path(), p)
						}
					}()
					t.found, t.err = t.f.fetch(ctx, t.g, t.keys)
				}()
			}
			if t.err != nil && r.OnFetchError != nil && !errors.Is(t.err, context.Canceled) {
				r.OnFetchError(ctx, t.f.path(), t.err)
			}
			var ferr error
			if t.err != nil {
				ferr = &FetchError{Field: t.f.path(), Err: t.err}
			}
			for _, k := range t.keys {
				res := result{err: ferr}
				if t.err == nil {
					if v, ok := t.found[k]; ok {
						res.v = v
					} else {
						res.err = t.f.missing(k)
					}
				}
				st.put(t.f, t.g, k, res)
			}
			return nil
		})
	}
	_ = g.Wait() // the tasks record their own errors
}

// dedupe keeps one object per identity, for types that declare one.
func (r *Registry) dedupe(typ string, objs []reflect.Value) []reflect.Value {
	id, ok := r.identity[typ]
	if !ok || len(objs) < 2 {
		return objs
	}
	seen := make(map[string]bool, len(objs))
	out := objs[:0:0]
	for _, o := range objs {
		k, ok := id(o)
		if !ok {
			out = append(out, o)
			continue
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	return out
}

// flatten appends the objects v holds (v itself, the elements of a list, through pointers and
// interfaces) to out, each as a pointer.
func flatten(v reflect.Value, out []reflect.Value) []reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Interface || (v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Pointer)) {
		if v.IsNil() {
			return out
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			out = append(out, v)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			out = flatten(v.Index(i), out)
		}
	case reflect.Struct:
		if v.CanAddr() {
			out = append(out, v.Addr())
		} else {
			p := reflect.New(v.Type())
			p.Elem().Set(v)
			out = append(out, p)
		}
	}
	return out
}

// follow1 appends the objects of the plain field name (a struct field matched by its json tag or,
// case-insensitively, its Go name, as gqlgen binds them) of the object o points to.
func follow1(o reflect.Value, name string, out []reflect.Value) []reflect.Value {
	idx, ok := fieldIndex(o.Type().Elem(), name)
	if !ok {
		return out
	}
	return flatten(o.Elem().FieldByIndex(idx), out)
}

var fieldIndexes sync.Map // fieldIndexKey → []int (nil when absent)

type fieldIndexKey struct {
	t    reflect.Type
	name string
}

func fieldIndex(t reflect.Type, name string) ([]int, bool) {
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	k := fieldIndexKey{t, name}
	if v, ok := fieldIndexes.Load(k); ok {
		idx := v.([]int)
		return idx, idx != nil
	}
	var idx []int
	for _, f := range reflect.VisibleFields(t) {
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if tag == name || (tag == "" && strings.EqualFold(f.Name, name)) {
			idx = f.Index
			break
		}
	}
	fieldIndexes.Store(k, idx)
	return idx, idx != nil
}

// FetchError is a failed fetch of the plan, as each of its fields reports it. Registry.OnFetchError
// was told about it once, so error logs need not repeat it per field.
type FetchError struct {
	Field string
	Err   error
}

func (e *FetchError) Error() string { return fmt.Sprintf("fetch %s: %v", e.Field, e.Err) }
func (e *FetchError) Unwrap() error { return e.Err }
