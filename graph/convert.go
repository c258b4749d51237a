package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// Converters between the GraphQL models and the domain.

// page checks the first/after arguments of a connection; it counts the matches only when the
// query selects totalCount.
func page(ctx context.Context, first *int, after *string) (samenspel.Page, error) {
	p := samenspel.Page{First: deref(first, samenspel.DefaultPageSize), After: deref(after, ""), Count: selects(ctx, "totalCount")}
	if err := p.Validate(); err != nil {
		return p, err
	}
	_, err := samenspel.DecodeCursor("after", p.After)
	return p, err
}

// limit checks a plain `first` argument against max; null (or absent) is the schema's default
// for the field being resolved.
func limit(ctx context.Context, first *int, max int) (int, error) {
	n := 0
	if first != nil {
		n = *first
	} else if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Definition != nil {
		if a := fc.Field.Definition.Arguments.ForName("first"); a != nil && a.DefaultValue != nil {
			if v, err := a.DefaultValue.Value(nil); err == nil {
				n, _ = plan.Args{"first": v}.Int("first")
			}
		}
	}
	if n < 1 || n > max {
		return n, samenspel.Invalidf("first", "must be between 1 and %d, got %d", max, n)
	}
	return n, nil
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// atOrToday returns the date argument, or the request's today when it is absent.
func atOrToday(ctx context.Context, at *samenspel.Date) samenspel.Date {
	if at == nil {
		return samenspel.TodayIn(ctx)
	}
	return *at
}

func pageInfo(cursors []string, hasNext, hasPrev bool) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev}
	if n := len(cursors); n > 0 {
		pi.StartCursor, pi.EndCursor = &cursors[0], &cursors[n-1]
	}
	return pi
}

func toOrganisationConnection(c samenspel.Connection[samenspel.Organisation]) *model.OrganisationConnection {
	out := &model.OrganisationConnection{Edges: make([]model.OrganisationEdge, len(c.Items)), TotalCount: c.Total, PageInfo: pageInfo(c.Cursors, c.HasNext, c.HasPrev)}
	for i := range c.Items {
		out.Edges[i] = model.OrganisationEdge{Node: &c.Items[i], Cursor: c.Cursors[i]}
	}
	return out
}

func toRegionConnection(c samenspel.Connection[samenspel.Region]) *model.RegionConnection {
	out := &model.RegionConnection{Edges: make([]model.RegionEdge, len(c.Items)), TotalCount: c.Total, PageInfo: pageInfo(c.Cursors, c.HasNext, c.HasPrev)}
	for i := range c.Items {
		out.Edges[i] = model.RegionEdge{Node: &c.Items[i], Cursor: c.Cursors[i]}
	}
	return out
}

func toOpgaveConnection(c samenspel.Connection[samenspel.Opgave]) *model.OpgaveConnection {
	out := &model.OpgaveConnection{Edges: make([]model.OpgaveEdge, len(c.Items)), TotalCount: c.Total, PageInfo: pageInfo(c.Cursors, c.HasNext, c.HasPrev)}
	for i := range c.Items {
		out.Edges[i] = model.OpgaveEdge{Node: &c.Items[i], Cursor: c.Cursors[i]}
	}
	return out
}

func toOrganisationFilter(ctx context.Context, f *model.OrganisationFilter) samenspel.OrganisationFilter {
	today := samenspel.TodayIn(ctx)
	out := samenspel.OrganisationFilter{ActiveAt: &today}
	if f == nil {
		return out
	}
	for _, k := range f.Kind {
		out.Kinds = append(out.Kinds, samenspel.OrganisationKind(k))
	}
	out.NameContains = deref(f.NameContains, "")
	out.Code = deref(f.Code, "")
	switch {
	case f.ActiveAt != nil:
		out.ActiveAt = f.ActiveAt
	case f.IncludeHistorical != nil && *f.IncludeHistorical:
		out.ActiveAt = nil
	}
	return out
}

func toOrganisationOrder(o *model.OrganisationOrder) samenspel.OrganisationOrder {
	if o == nil {
		return samenspel.OrganisationOrder{Field: samenspel.OrderByName}
	}
	field := samenspel.OrderByName
	switch o.Field {
	case model.OrganisationOrderFieldCode:
		field = samenspel.OrderByCode
	case model.OrganisationOrderFieldOpgaven:
		field = samenspel.OrderByOpgaven
	}
	return samenspel.OrganisationOrder{Field: field, Desc: o.Direction == model.OrderDirectionDesc}
}

func toOpgaveFilter(ctx context.Context, f *model.OpgaveFilter, gs []string) samenspel.OpgaveFilter {
	out := samenspel.OpgaveFilter{At: samenspel.TodayIn(ctx), AreaGemeenten: gs}
	if f == nil {
		return out
	}
	out.Themes, out.Statuses, out.Scales = f.Themes, f.Status, f.Scale
	out.OrganisationID, out.RoleType, out.TitleContains = deref(f.Organisation, ""), deref(f.RoleType, ""), deref(f.TitleContains, "")
	return out
}

func toOpgaveOrder(o *model.OpgaveOrder) samenspel.OpgaveOrder {
	if o == nil {
		return samenspel.OpgaveOrder{Field: samenspel.OrderByTitle}
	}
	return samenspel.OpgaveOrder{Field: string(o.Field), Desc: o.Direction == model.OrderDirectionDesc}
}

func toArea(a *model.AreaInput) samenspel.Area {
	var out samenspel.Area
	if a == nil {
		return out
	}
	for _, r := range a.Regions {
		out.Regions = append(out.Regions, samenspel.RegionRef{Division: r.Division, Code: r.Code})
	}
	out.Gemeenten = a.Gemeenten
	return out
}

func toOpgaveInput(in model.OpgaveInput) samenspel.OpgaveInput {
	return samenspel.OpgaveInput{ClientKey: deref(in.ClientKey, ""), Title: in.Title, Goal: in.Goal, Description: deref(in.Description, ""),
		Themes: in.Themes, Scale: in.Scale, Status: deref(in.Status, "VERKENNING"), StartDate: in.StartDate, EndDate: in.EndDate, Area: toArea(in.Area),
		OwnRole: deref(in.OwnRole, ""), OwnRoleLevel: deref(in.OwnRoleLevel, "")}
}

func toOpgaveUpdate(in model.OpgaveUpdateInput) samenspel.OpgaveUpdate {
	u := samenspel.OpgaveUpdate{Title: in.Title, Goal: in.Goal, Description: in.Description, Themes: in.Themes, Scale: in.Scale,
		Status: in.Status, StartDate: in.StartDate, EndDate: in.EndDate, ClearEndDate: deref(in.ClearEndDate, false)}
	if in.Area != nil {
		a := toArea(in.Area)
		u.Area = &a
	}
	return u
}

func toRoleInput(ctx context.Context, in model.RoleInput) samenspel.RoleInput {
	return samenspel.RoleInput{ClientKey: deref(in.ClientKey, ""), OpgaveID: in.OpgaveID, OrganisationID: in.OrganisationID, PersonID: deref(in.PersonID, ""),
		Type: in.Type, Level: in.Level, From: deref(in.From, samenspel.TodayIn(ctx)), Until: in.Until,
		ContributionEuros: in.ContributionEuros, ContributionFTE: in.ContributionFte}
}

func deleted(id string, ok bool, err error) (*model.DeleteResult, error) {
	if err != nil {
		return nil, err
	}
	return &model.DeleteResult{ID: id, Deleted: ok}, nil
}

// result turns a store answer into a nullable mutation payload: null with the error when the
// mutation took no effect.
func result[T any](v T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func toSearchHits(hits []samenspel.SearchHit) []model.SearchHit {
	out := make([]model.SearchHit, len(hits))
	for i, h := range hits {
		out[i] = model.SearchHit{Kind: model.SearchKind(h.Kind), Score: h.Score, Organisation: h.Organisation, Region: h.Region, Opgave: h.Opgave, Person: h.Person}
		switch {
		case h.Organisation != nil:
			out[i].Label = h.Organisation.Name
		case h.Region != nil:
			out[i].Label = h.Region.Name
		case h.Opgave != nil:
			out[i].Label = h.Opgave.Title
		case h.Person != nil:
			out[i].Label = h.Person.Name
		}
	}
	return out
}

func toPaths(paths [][]samenspel.PathStep) []model.OpgavePath {
	out := make([]model.OpgavePath, len(paths))
	for i, p := range paths {
		out[i] = model.OpgavePath{Length: len(p) - 1, Steps: make([]model.PathStep, len(p))}
		for j, s := range p {
			out[i].Steps[j] = model.PathStep{Kind: model.StepKind(s.Kind), Relation: s.Relation,
				Opgave: s.Opgave, Organisation: s.Organisation, Region: s.Region, Instrument: s.Instrument}
		}
	}
	return out
}

// areaFootprint resolves an AreaFilter into the IDs of its gemeenten today, checking that what it
// names exists.
func (r *Resolver) areaFootprint(ctx context.Context, field string, a *model.AreaFilter) ([]string, error) {
	return r.areaOn(ctx, field, a, samenspel.TodayIn(ctx))
}

// areaOn is areaFootprint on a date.
func (r *Resolver) areaOn(ctx context.Context, field string, a *model.AreaFilter, at samenspel.Date) ([]string, error) {
	if a == nil {
		return nil, nil
	}
	division, code := "", ""
	if a.Region != nil {
		division, code = a.Region.Division, a.Region.Code
	}
	return r.Svc.Area(ctx, field, deref(a.Gemeente, ""), division, code, at)
}

// selects reports whether the field being resolved selects the named field (in any fragment).
func selects(ctx context.Context, name string) bool {
	if !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return true // outside a GraphQL request (a test): count, to be safe
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}
