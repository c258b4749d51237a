package graph

import (
	"context"
	"sort"

	"github.com/graph-gophers/dataloader/v7"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// Converters and helpers for the opgave resolvers.

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
	status := "VERKENNING"
	if in.Status != nil {
		status = *in.Status
	}
	return samenspel.OpgaveInput{ClientKey: deref(in.ClientKey), Title: in.Title, Goal: in.Goal, Description: deref(in.Description),
		Themes: in.Themes, Scale: in.Scale, Status: status, StartDate: in.StartDate, EndDate: in.EndDate, Area: toArea(in.Area)}
}

func toOpgaveUpdate(in model.OpgaveUpdateInput) neo4jdb.OpgaveUpdate {
	u := neo4jdb.OpgaveUpdate{Title: in.Title, Goal: in.Goal, Description: in.Description, Themes: in.Themes, Scale: in.Scale,
		Status: in.Status, StartDate: in.StartDate, EndDate: in.EndDate, ClearEndDate: in.ClearEndDate != nil && *in.ClearEndDate}
	if in.Area != nil {
		a := toArea(in.Area)
		u.Area = &a
	}
	return u
}

func toRoleInput(in model.RoleInput) samenspel.RoleInput {
	from := samenspel.Today()
	if in.From != nil {
		from = *in.From
	}
	return samenspel.RoleInput{ClientKey: deref(in.ClientKey), OpgaveID: in.OpgaveID, OrganisationID: in.OrganisationID, PersonID: deref(in.PersonID),
		Type: in.Type, Level: in.Level, From: from, Until: in.Until, ContributionEuros: in.ContributionEuros, ContributionFTE: in.ContributionFte}
}

// currentRoles keeps the roles that hold today unless includeEnded, and of typ/level when given.
func currentRoles(roles []samenspel.Role, typ, level string, includeEnded bool) []samenspel.Role {
	today := samenspel.Today()
	out := []samenspel.Role{}
	for _, r := range roles {
		if (includeEnded || r.ActiveAt(today)) && (typ == "" || r.Type == typ) && (level == "" || r.Level == level) {
			out = append(out, r)
		}
	}
	return out
}

var roleRank = map[string]int{"TREKKER": 0, "MEDETREKKER": 1, "OPDRACHTGEVER": 2, "FINANCIER": 3, "UITVOERDER": 4, "DEELNEMER": 5, "ADVISEUR": 6}

// participants groups current roles by organisation, trekkers first, then by name.
func participants(ctx context.Context, roles []samenspel.Role) ([]model.Participant, error) {
	byOrg := map[string]*model.Participant{}
	rank := map[string]int{}
	var ids []string
	for _, r := range currentRoles(roles, "", "", false) {
		p, ok := byOrg[r.OrganisationID]
		if !ok {
			p = &model.Participant{}
			byOrg[r.OrganisationID] = p
			ids = append(ids, r.OrganisationID)
			rank[r.OrganisationID] = 99
		}
		p.Roles = append(p.Roles, r)
		if r.ContributionEuros != nil {
			p.ContributionEuros += *r.ContributionEuros
		}
		if r.ContributionFTE != nil {
			p.ContributionFte += *r.ContributionFTE
		}
		rank[r.OrganisationID] = min(rank[r.OrganisationID], roleRank[r.Type])
	}
	orgs, err := loadAllPtr(ctx, For(ctx).Organisation, ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.Participant, len(ids))
	for i, id := range ids {
		out[i] = *byOrg[id]
		out[i].Organisation = orgs[i]
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := rank[out[i].Organisation.ID], rank[out[j].Organisation.ID]
		if a != b {
			return a < b
		}
		return out[i].Organisation.Name < out[j].Organisation.Name
	})
	return out, nil
}

// contacts groups current roles with a named person by person.
func contacts(ctx context.Context, roles []samenspel.Role) ([]model.Contact, error) {
	byPerson := map[string][]samenspel.Role{}
	var ids []string
	for _, r := range currentRoles(roles, "", "", false) {
		if r.PersonID == "" {
			continue
		}
		if _, ok := byPerson[r.PersonID]; !ok {
			ids = append(ids, r.PersonID)
		}
		byPerson[r.PersonID] = append(byPerson[r.PersonID], r)
	}
	people, err := loadAllPtr(ctx, For(ctx).Person, ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.Contact, len(ids))
	for i, id := range ids {
		out[i] = model.Contact{Person: people[i], Roles: byPerson[id]}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Person.Name < out[j].Person.Name })
	return out, nil
}

// areaFootprint resolves an AreaFilter into gemeente IDs, checking that what it names exists.
func (r *Resolver) areaFootprint(ctx context.Context, field string, a *model.AreaFilter) ([]string, error) {
	if a == nil {
		return nil, nil
	}
	division, code := "", ""
	if a.Region != nil {
		division, code = a.Region.Division, a.Region.Code
	}
	return r.Insight.Area(ctx, field, deref(a.Gemeente), division, code)
}

func toOpgaveFilter(f *model.OpgaveFilter, gs []string) samenspel.OpgaveFilter {
	out := samenspel.OpgaveFilter{At: samenspel.Today(), AreaGemeenten: gs}
	if f == nil {
		return out
	}
	out.Themes, out.Statuses, out.Scales = f.Themes, f.Status, f.Scale
	out.OrganisationID, out.RoleType, out.TitleContains = deref(f.Organisation), deref(f.RoleType), deref(f.TitleContains)
	return out
}

func toOpgaveOrder(o *model.OpgaveOrder) samenspel.OpgaveOrder {
	if o == nil {
		return samenspel.OpgaveOrder{Field: samenspel.OrderByTitle}
	}
	return samenspel.OpgaveOrder{Field: string(o.Field), Desc: o.Direction == model.OrderDirectionDesc}
}

func toOpgaveConnection(c samenspel.Connection[samenspel.Opgave]) *model.OpgaveConnection {
	out := &model.OpgaveConnection{Edges: make([]model.OpgaveEdge, len(c.Items)), TotalCount: c.Total, PageInfo: pageInfo(c.Cursors, c.HasNext, c.HasPrev)}
	for i := range c.Items {
		out.Edges[i] = model.OpgaveEdge{Node: &c.Items[i], Cursor: c.Cursors[i]}
	}
	return out
}

func deleted(id string, ok bool, err error) (*model.DeleteResult, error) {
	if err != nil {
		return nil, err
	}
	return &model.DeleteResult{ID: id, Deleted: ok}, nil
}

func ptr[T any](v T) *T { return &v }

// loadAllPtr loads the values of keys in one go, in key order, as pointers; the first error wins.
func loadAllPtr[K comparable, V any](ctx context.Context, l *dataloader.Loader[K, V], keys []K) ([]*V, error) {
	vals, errs := l.LoadMany(ctx, keys)()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	out := make([]*V, len(vals))
	for i := range vals {
		out[i] = &vals[i]
	}
	return out, nil
}
