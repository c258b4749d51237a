package graph

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/samenspel/samenspel/graph/model"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// Engine is the gqlgen extension that runs the batch plan: per operation it pins today and makes
// a fresh plan State; when a root field (of Query or Mutation) has resolved, it plans everything
// selected below it before gqlgen walks the result. A response whose resolvers had to fetch
// outside the plan says so in extensions.planMisses (the tests require none). When the request's
// context ends, every field still to resolve fails at once.
type Engine struct{ r *Resolver }

// Engine returns the extension for this resolver's plan.
func (r *Resolver) Engine() Engine { return Engine{r} }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.FieldInterceptor
	graphql.ResponseInterceptor
} = Engine{}

func (Engine) ExtensionName() string                   { return "BatchPlan" }
func (Engine) Validate(graphql.ExecutableSchema) error { return nil }

func (e Engine) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	ctx = samenspel.WithToday(ctx, samenspel.TodayIn(ctx))
	ctx, _ = plan.WithState(ctx)
	ctx = context.WithValue(ctx, divisionsKey{}, &divisionMemo{})
	ctx = context.WithValue(ctx, readsKey{}, &sensitiveReads{byOp: map[string][]string{}})
	return next(ctx)
}

func (e Engine) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	// Once the request has ended (its deadline passed, or its client went away) no field is
	// resolved any more: what is still pending fails at once, so its subtree is never walked.
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, samenspel.ErrCanceled
		}
		return nil, samenspel.ErrDeadline
	}
	fc := graphql.GetFieldContext(ctx)
	if fc != nil {
		// The policy: a field the caller may not use answers null with UNAUTHENTICATED or FORBIDDEN.
		if auth.Governs(fc.Object, fc.Field.Name) {
			if err := auth.Check(samenspel.CallerIn(ctx), fc.Object+"."+fc.Field.Name); err != nil {
				return nil, err
			}
		}
		if fc.Object == "Query" || fc.Object == "Mutation" {
			ctx = samenspel.WithAction(ctx, fc.Field.Name) // for the audit trail
		}
	}
	if fc != nil && fc.Object == "Mutation" {
		if st := plan.From(ctx); st != nil {
			st.Forget() // mutations run one after the other; each answer is read after its own change
		}
	}
	res, err := next(ctx)
	if err == nil && res != nil && fc != nil {
		noteSensitiveRead(ctx, fc, res)
	}
	if err != nil || res == nil || fc == nil || (fc.Object != "Query" && fc.Object != "Mutation") {
		return res, err
	}
	e.r.plan.Run(ctx, fc.Field.Definition.Type.Name(), res, fc.Field.Selections)
	return res, nil
}

func (e Engine) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if err := e.recordSensitiveReads(ctx); err != nil {
		return &graphql.Response{Errors: gqlerror.List{{Message: "individual trust scores were read, but the read could not be recorded in the audit trail, so they are not shown; try again",
			Extensions: map[string]any{"code": CodeUnavailable}}}}
	}
	if st := plan.From(ctx); st != nil && resp != nil {
		if n, fields := st.Misses(); n > 0 {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["planMisses"] = map[string]any{"count": n, "fields": fields}
		}
	}
	return resp
}

// sensitiveReads collects, per request, the individual trust scores shown below the root fields
// (a climate's weakest pairs, the pairs in the evidence of TRUST_LEVEL), so that they are
// recorded in the audit trail in one write when the answer is complete, not one per opgave.
type sensitiveReads struct {
	mu   sync.Mutex
	byOp map[string][]string
}

type readsKey struct{}

func noteSensitiveRead(ctx context.Context, fc *graphql.FieldContext, res any) {
	var op string
	var subjects []string
	if fc.Object != "TrustClimate" && fc.Object != "HealthIndicator" {
		return // the only types with fields whose reads are audited (checked before building a name)
	}
	switch fc.Object + "." + fc.Field.Name {
	case "TrustClimate.weakestPairs":
		pairs, _ := res.([]model.TrustPair)
		for _, p := range pairs {
			for _, a := range []*samenspel.TrustAssessment{p.AToB, p.BToA} {
				if a != nil {
					subjects = append(subjects, a.ID)
				}
			}
		}
		op = "trustClimate.weakestPairs"
	case "HealthIndicator.evidence":
		ind, _ := fc.Parent.Result.(*model.HealthIndicator)
		if ind == nil || ind.Key != model.HealthKeyTrustLevel {
			return
		}
		for _, o := range ind.Organisations { // set only for callers who see the pairs
			subjects = append(subjects, o.ID)
		}
		op = "health.trustLevel"
	}
	r, _ := ctx.Value(readsKey{}).(*sensitiveReads)
	if len(subjects) == 0 || r == nil {
		return
	}
	r.mu.Lock()
	r.byOp[op] = append(r.byOp[op], subjects...)
	r.mu.Unlock()
}

// recordSensitiveReads writes the collected reads to the audit trail.
func (e Engine) recordSensitiveReads(ctx context.Context) error {
	r, _ := ctx.Value(readsKey{}).(*sensitiveReads)
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, op := range slices.Sorted(maps.Keys(r.byOp)) {
		subjects := slices.Compact(slices.Sorted(slices.Values(r.byOp[op])))
		if err := e.r.Store.AuditRead(samenspel.WithAction(ctx, op), subjects); err != nil {
			return err
		}
	}
	return nil
}

// divisionMemo reads every division once per request: there are a few dozen, and regions at any
// depth of a query ask for theirs.
type divisionMemo struct {
	once sync.Once
	all  map[string]samenspel.Division
	list []samenspel.Division
	err  error
}

type divisionsKey struct{}

// loadDivisions reads every division once per request (or now, outside a request).
func (r *Resolver) loadDivisions(ctx context.Context) *divisionMemo {
	m, _ := ctx.Value(divisionsKey{}).(*divisionMemo)
	if m == nil {
		m = &divisionMemo{}
	}
	m.once.Do(func() {
		m.list, m.err = r.Store.Divisions(ctx, "")
		m.all = make(map[string]samenspel.Division, len(m.list))
		for _, d := range m.list {
			m.all[d.Key] = d
		}
	})
	return m
}

// divisions returns every division by key.
func (r *Resolver) divisions(ctx context.Context) (map[string]samenspel.Division, error) {
	m := r.loadDivisions(ctx)
	return m.all, m.err
}

// division returns one division by key; an unknown key is reported against field.
func (r *Resolver) division(ctx context.Context, key, field string) (*samenspel.Division, error) {
	all, err := r.divisions(ctx)
	if err != nil {
		return nil, err
	}
	d, ok := all[key]
	if !ok {
		return nil, samenspel.NotFoundf(field, "no division %q; see `divisions { key }`", key)
	}
	return &d, nil
}
