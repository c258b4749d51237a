package graph

import (
	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// atOrToday returns the date argument, or today when it is absent.
func atOrToday(at *samenspel.Date) samenspel.Date {
	if at == nil {
		return samenspel.Today()
	}
	return *at
}

// page checks the first/after arguments.
func page(first *int, after *string) (samenspel.Page, error) {
	p := samenspel.Page{First: samenspel.DefaultPageSize}
	if first != nil {
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	return p, p.Validate()
}

// limit checks a plain `first` argument of a list.
func limit(first *int, def int) (int, error) {
	n := def
	if first != nil {
		n = *first
	}
	return n, samenspel.Page{First: n}.Validate()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
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

func toOrganisationFilter(f *model.OrganisationFilter) samenspel.OrganisationFilter {
	today := samenspel.Today()
	out := samenspel.OrganisationFilter{ActiveAt: &today}
	if f == nil {
		return out
	}
	for _, k := range f.Kind {
		out.Kinds = append(out.Kinds, samenspel.OrganisationKind(k))
	}
	out.NameContains = deref(f.NameContains)
	out.Code = deref(f.Code)
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

// divisionRegionsKeyFor builds the loader key for a division's regions: on a date (default
// today), or every region ever when includeHistorical is true.
func divisionRegionsKeyFor(division string, at *samenspel.Date, includeHistorical *bool) divisionRegionsKey {
	if includeHistorical != nil && *includeHistorical {
		return divisionRegionsKey{Division: division}
	}
	return divisionRegionsKey{Division: division, At: atOrToday(at).String()}
}

// membershipKeyFor builds the loader key for an organisation's memberships. Organisation.regions
// defaults to today (latest); Organisation.memberships without a date asks for the history.
func membershipKeyFor(id string, at *samenspel.Date, division string, defaultToday bool) membershipKey {
	k := membershipKey{ID: id, Division: division}
	switch {
	case at != nil:
		k.At = at.String()
	case defaultToday:
		k.At = samenspel.Today().String()
	}
	return k
}
