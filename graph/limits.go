package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Codes of the refusals; each answers HTTP 422 with one error that gives the measured value and
// the limit in its extensions.
const (
	CodeDepthLimit  = "DEPTH_LIMIT_EXCEEDED"
	CodeAliasLimit  = "ALIAS_LIMIT_EXCEEDED"
	CodeFieldLimit  = "FIELD_LIMIT_EXCEEDED"
	CodeCostLimit   = "COST_LIMIT_EXCEEDED"
	CodeInputLimit  = "INPUT_LIMIT_EXCEEDED"
	CodeTokenLimit  = "TOKEN_LIMIT_EXCEEDED"
	defaultMaxList  = 100
	defaultMaxText  = 10000
	defaultMaxDepth = 15
)

func init() {
	for _, c := range []string{CodeDepthLimit, CodeAliasLimit, CodeFieldLimit, CodeCostLimit, CodeInputLimit, CodeTokenLimit} {
		errcode.RegisterErrorType(c, errcode.KindProtocol)
	}
}

// Limits bound what one request may ask, before any Cypher runs: the depth of its selections,
// its aliases, its fields (counted through fragments), its cost (see cost.go), and the size of
// the lists and texts in its arguments (see inputLimits).
type Limits struct {
	Depth, Aliases, Fields, Cost int

	es    graphql.ExecutableSchema
	shape *lru.LRU[verdict] // per query (by hash): the shape check's verdict
}

// NewLimits returns the limits; zero values take the defaults (depth 15, 50 aliases, 1,000 fields,
// cost 100,000).
func NewLimits(depth, aliases, fields, cost int) *Limits {
	l := &Limits{Depth: depth, Aliases: aliases, Fields: fields, Cost: cost, shape: lru.New[verdict](1000)}
	if l.Depth <= 0 {
		l.Depth = defaultMaxDepth
	}
	if l.Aliases <= 0 {
		l.Aliases = 50
	}
	if l.Fields <= 0 {
		l.Fields = 1000
	}
	if l.Cost <= 0 {
		l.Cost = 100000
	}
	return l
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = &Limits{}

func (*Limits) ExtensionName() string { return "Limits" }

func (l *Limits) Validate(es graphql.ExecutableSchema) error {
	l.es = es
	return nil
}

// QueryKey is the key a query's text is cached under: its SHA-256, so that a cache of a thousand
// queries holds a thousand hashes, however long the texts (comments are not limited by tokens).
func QueryKey(query string) string {
	sum := sha256.Sum256([]byte(query))
	return hex.EncodeToString(sum[:])
}

// verdict is what the shape check found; an empty code means the shape is within the limits.
type verdict struct {
	code, format string
	got, limit   int
}

func (v verdict) err() *gqlerror.Error {
	if v.code == "" {
		return nil
	}
	return refuse(v.code, v.format, v.got, v.limit)
}

// refuse builds a refusal; format takes the measured value and the limit.
func refuse(code, format string, got, limit int) *gqlerror.Error {
	err := gqlerror.Errorf(format+"; ask for less, or split it into several requests", got, limit)
	err.Extensions = map[string]any{"code": code, "value": got, "limit": limit}
	return err
}

// MutateOperationParameters checks the query's shape before gqlgen validates it (validation can
// take time quadratic in the number of fields): depth, aliases and fields, on a parse of its own.
func (l *Limits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	key := QueryKey(p.Query)
	if v, ok := l.shape.Get(ctx, key); ok {
		return v.err()
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, 20000)
	if err != nil {
		if ge, ok := err.(*gqlerror.Error); ok && ge.Message == "exceeded token limit of 20000" {
			return refuse(CodeTokenLimit, "the query has more than %d tokens; at most %d are allowed", 20000, 20000)
		}
		return nil // gqlgen reports the syntax error itself
	}
	w := shapeWalk{fragments: map[string]*ast.FragmentDefinition{}, memo: map[string]*shape{}}
	for _, f := range doc.Fragments {
		w.fragments[f.Name] = f
	}
	var total shape
	for _, op := range doc.Operations {
		total = total.plus(w.of(op.SelectionSet))
	}
	var v verdict
	switch {
	case total.depth > l.Depth:
		v = verdict{CodeDepthLimit, "the query nests its selections %d levels deep; at most %d are allowed", total.depth, l.Depth}
	case total.aliases > l.Aliases:
		v = verdict{CodeAliasLimit, "the query uses %d aliases; at most %d are allowed", total.aliases, l.Aliases}
	case total.fields > l.Fields:
		v = verdict{CodeFieldLimit, "the query selects %d fields (counted through its fragments); at most %d are allowed", total.fields, l.Fields}
	}
	l.shape.Add(ctx, key, v)
	return v.err()
}

// shape is what a selection set amounts to: its fields and aliases (counted through fragments,
// as many times as they are spread) and its depth in fields.
type shape struct{ fields, aliases, depth int }

// maxCount caps the counts: fragments that spread each other can multiply them without end.
const maxCount = 1 << 30

func (a shape) plus(b shape) shape {
	return shape{fields: min(a.fields+b.fields, maxCount), aliases: min(a.aliases+b.aliases, maxCount), depth: max(a.depth, b.depth)}
}

// shapeWalk measures selection sets; each fragment is measured once, so the walk is linear in the
// size of the query however its fragments spread each other.
type shapeWalk struct {
	fragments map[string]*ast.FragmentDefinition
	memo      map[string]*shape // nil entry: being measured (a cycle, which validation reports)
}

func (w *shapeWalk) of(sels ast.SelectionSet) shape {
	var out shape
	for _, sel := range sels {
		switch s := sel.(type) {
		case *ast.Field:
			inner := w.of(s.SelectionSet)
			f := shape{fields: min(inner.fields+1, maxCount), aliases: inner.aliases, depth: inner.depth + 1}
			if s.Alias != "" && s.Alias != s.Name {
				f.aliases = min(f.aliases+1, maxCount)
			}
			out = out.plus(f)
		case *ast.InlineFragment:
			out = out.plus(w.of(s.SelectionSet))
		case *ast.FragmentSpread:
			out = out.plus(w.fragment(s.Name))
		}
	}
	return out
}

func (w *shapeWalk) fragment(name string) shape {
	if m, seen := w.memo[name]; seen {
		if m == nil {
			return shape{} // a cycle
		}
		return *m
	}
	f, ok := w.fragments[name]
	if !ok {
		return shape{} // unknown: validation reports it
	}
	w.memo[name] = nil
	m := w.of(f.SelectionSet)
	w.memo[name] = &m
	return m
}

// MutateOperationContext checks the validated operation's cost and the sizes of its arguments.
func (l *Limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil
	}
	cost := complexity.Calculate(ctx, l.es, op, oc.Variables)
	if cost > l.Cost {
		err := gqlerror.Errorf("the request would cost %d, more than the limit of %d: every field costs 1, and a list multiplies what is selected below it by its `first` or by the bound its description gives; ask for smaller pages or fewer nested lists", cost, l.Cost)
		err.Extensions = map[string]any{"code": CodeCostLimit, "cost": cost, "limit": l.Cost}
		return err
	}
	oc.Stats.SetExtension("cost", cost)
	return checkInputs(l.es.Schema(), oc, op.SelectionSet)
}

// inputLimits bounds the lists in arguments and inputs, per input field ("Type.field") or
// argument ("Type.field(arg)"); other lists hold at most 100 items and texts at most 10,000
// characters. The schema's descriptions repeat them.
var inputLimits = map[string]int{
	"AreaInput.regions":                100,
	"AreaInput.gemeenten":              100, // larger areas are regions
	"OpgaveInput.themes":               19,  // every theme once
	"OpgaveUpdateInput.themes":         19,
	"OpgaveFilter.themes":              19,
	"NetworkFilter.themes":             19,
	"Query.borderConflicts(divisions)": 50,
}

// checkInputs walks every argument of every field of the operation.
func checkInputs(s *ast.Schema, oc *graphql.OperationContext, sels ast.SelectionSet) *gqlerror.Error {
	for _, f := range graphql.CollectFields(oc, sels, nil) {
		if f.Definition == nil {
			continue
		}
		args := f.ArgumentMap(oc.Variables)
		for _, a := range f.Definition.Arguments {
			v, ok := args[a.Name]
			if !ok {
				continue
			}
			key := f.ObjectDefinition.Name + "." + f.Name + "(" + a.Name + ")"
			if err := checkValue(s, v, a.Type, key, a.Name); err != nil {
				return err
			}
		}
		if err := checkInputs(s, oc, f.Selections); err != nil {
			return err
		}
	}
	return nil
}

func checkValue(s *ast.Schema, v any, t *ast.Type, key, path string) *gqlerror.Error {
	switch x := v.(type) {
	case []any:
		limit, ok := inputLimits[key]
		if !ok {
			limit = defaultMaxList
		}
		if len(x) > limit {
			err := gqlerror.Errorf("%s has %d items, more than the limit of %d", path, len(x), limit)
			err.Extensions = map[string]any{"code": CodeInputLimit, "field": path, "value": len(x), "limit": limit}
			return err
		}
		if t.Elem != nil {
			for i, e := range x {
				if err := checkValue(s, e, t.Elem, key, path+"["+strconv.Itoa(i)+"]"); err != nil {
					return err
				}
			}
		}
	case map[string]any:
		def := s.Types[t.Name()]
		if def == nil {
			return nil
		}
		for _, fd := range def.Fields {
			if fv, ok := x[fd.Name]; ok {
				if err := checkValue(s, fv, fd.Type, def.Name+"."+fd.Name, path+"."+fd.Name); err != nil {
					return err
				}
			}
		}
	case string:
		if n := len([]rune(x)); n > defaultMaxText {
			err := gqlerror.Errorf("%s is %d characters long, more than the limit of %d", path, n, defaultMaxText)
			err.Extensions = map[string]any{"code": CodeInputLimit, "field": path, "value": n, "limit": defaultMaxText}
			return err
		}
	}
	return nil
}

// Describe names a limit for the docs.
func (l *Limits) Describe() string {
	return fmt.Sprintf("depth %d, %d aliases, %d fields, cost %d", l.Depth, l.Aliases, l.Fields, l.Cost)
}
