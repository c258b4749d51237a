package graph

import (
	"context"
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Priming makes the number of round trips independent of goroutine timing. gqlgen resolves every
// item of a list in its own goroutine, so on a busy machine the loader keys of one list trickle in
// over tens of milliseconds and a batch window splits them. A resolver that returns a list
// therefore looks ahead at what the query selects on its items, fetches those fields for all items
// at once (one query per field), and primes the loaders' caches, level by level down the query,
// before gqlgen starts on the items. The items' resolvers then find their values in the cache
// without waiting for a batch window. Priming only warms caches: a field it does not know, or a
// fetch that fails, is loaded by the item's own resolver as usual, so answers never depend on it.

// under returns the selection set reached from sels by following field names (e.g. "edges",
// "node" for a connection).
func under(op *graphql.OperationContext, sels ast.SelectionSet, path ...string) ast.SelectionSet {
	for _, name := range path {
		var next ast.SelectionSet
		for _, f := range graphql.CollectFields(op, sels, nil) {
			if f.Name == name {
				next = append(next, f.Selections...)
			}
		}
		sels = next
	}
	return sels
}

// current returns the operation and the selection set of the field being resolved.
func current(ctx context.Context) (*graphql.OperationContext, ast.SelectionSet) {
	if !graphql.HasOperationContext(ctx) {
		return nil, nil
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return nil, nil
	}
	return graphql.GetOperationContext(ctx), fc.Field.Selections
}

// primeOrganisations warms the loaders for the organisation fields selected under path of the
// field being resolved.
func primeOrganisations(ctx context.Context, orgs []samenspel.Organisation, path ...string) {
	if op, sels := current(ctx); op != nil {
		primeOrgFields(ctx, op, under(op, sels, path...), orgs)
	}
}

// primeRegions warms the loaders for the region fields selected under path of the field being
// resolved.
func primeRegions(ctx context.Context, regions []samenspel.Region, path ...string) {
	if op, sels := current(ctx); op != nil {
		primeRegionFields(ctx, op, under(op, sels, path...), regions)
	}
}

// primeOrgFields fetches, for all organisations at once, each loader-backed field in sels and
// primes the loaders; then it does the same for the organisations and regions those fields return.
func primeOrgFields(ctx context.Context, op *graphql.OperationContext, sels ast.SelectionSet, orgs []samenspel.Organisation) {
	if len(orgs) == 0 || len(sels) == 0 {
		return
	}
	defer func() { _ = recover() }() // best effort: a malformed argument is the resolver's to report
	l := For(ctx)
	ids := uniqueIDs(orgs)
	for _, f := range graphql.CollectFields(op, sels, nil) {
		args := f.ArgumentMap(op.Variables)
		switch f.Name {
		case "regions", "memberships":
			key := membershipKeyFor("", argDate(args, "at"), argString(args, "division"), f.Name == "regions")
			found, err := l.db.Memberships(ctx, ids, optDate(key.At), key.Division)
			if err != nil {
				continue
			}
			var regions []samenspel.Region
			for _, id := range ids {
				key.ID = id
				l.Memberships.Prime(ctx, key, found[id])
				for _, m := range found[id] {
					regions = append(regions, m.Region)
				}
			}
			next := f.Selections
			if f.Name == "memberships" {
				next = under(op, next, "region")
			}
			primeRegionFields(ctx, op, next, regions)
		case "naturalPartners":
			key := partnersKey{At: atOrToday(argDate(args, "at")).String(), First: argInt(args, "first", 10)}
			if key.First < 1 || key.First > samenspel.MaxPageSize {
				continue
			}
			found, err := l.db.NaturalPartners(ctx, ids, mustDate(key.At), key.First)
			if err != nil {
				continue
			}
			var partners []samenspel.Organisation
			var regions []samenspel.Region
			for _, id := range ids {
				key.ID = id
				l.Partners.Prime(ctx, key, found[id])
				for _, p := range found[id] {
					partners = append(partners, p.Organisation)
					regions = append(regions, p.Regions...)
				}
			}
			primeOrgFields(ctx, op, under(op, f.Selections, "organisation"), partners)
			primeRegionFields(ctx, op, under(op, f.Selections, "regions"), regions)
		case "mergedInto", "mergedFrom":
			found, err := l.db.Mergers(ctx, ids)
			if err != nil {
				continue
			}
			var related []string
			for _, id := range ids {
				l.Mergers.Prime(ctx, id, found[id])
				for _, m := range append(found[id].Into, found[id].From...) {
					related = append(related, m.FromID, m.IntoID)
				}
			}
			// Merger.from and Merger.into load organisations by id.
			orgsByID, err := l.db.OrganisationsByID(ctx, related)
			if err != nil {
				continue
			}
			var others []samenspel.Organisation
			for id, o := range orgsByID {
				l.Organisation.Prime(ctx, id, o)
				others = append(others, o)
			}
			primeOrgFields(ctx, op, append(under(op, f.Selections, "from"), under(op, f.Selections, "into")...), others)
		case "opgaven", "opgaveCount":
			found, err := l.db.RolesOfOrganisations(ctx, ids)
			if err != nil {
				continue
			}
			var opgaveIDs []string
			for _, id := range ids {
				l.OrganisationRoles.Prime(ctx, id, found[id])
				for _, r := range found[id] {
					opgaveIDs = append(opgaveIDs, r.OpgaveID)
				}
			}
			if f.Name == "opgaven" {
				if opg, err := l.db.OpgavenByID(ctx, opgaveIDs); err == nil {
					for id, o := range opg {
						l.Opgave.Prime(ctx, id, o)
					}
				}
			}
		case "people":
			if found, err := l.db.PeopleOfOrganisations(ctx, ids); err == nil {
				for _, id := range ids {
					l.OrganisationPeople.Prime(ctx, id, found[id])
				}
			}
		case "territory":
			found, err := l.db.Governs(ctx, ids)
			if err != nil {
				continue
			}
			for _, id := range ids {
				var r *samenspel.Region
				if reg, ok := found[id]; ok {
					r = &reg
				}
				l.Territory.Prime(ctx, id, r)
			}
		}
	}
}

// primeRegionFields is primeOrgFields for regions.
func primeRegionFields(ctx context.Context, op *graphql.OperationContext, sels ast.SelectionSet, regions []samenspel.Region) {
	if len(regions) == 0 || len(sels) == 0 {
		return
	}
	defer func() { _ = recover() }()
	l := For(ctx)
	keys := uniqueKeys(regions)
	for _, f := range graphql.CollectFields(op, sels, nil) {
		args := f.ArgumentMap(op.Variables)
		at := atOrToday(argDate(args, "at"))
		switch f.Name {
		case "members", "memberCount":
			key := membersKey{At: at.String(), First: 1}
			if f.Name == "members" {
				key.First, key.After = argInt(args, "first", samenspel.DefaultPageSize), argString(args, "after")
			}
			if (samenspel.Page{First: key.First}).Validate() != nil {
				continue
			}
			found, err := l.db.RegionMembers(ctx, keys, at, samenspel.Page{First: key.First, After: key.After})
			if err != nil {
				continue
			}
			var orgs []samenspel.Organisation
			for _, k := range keys {
				key.Region = k
				l.Members.Prime(ctx, key, found[k])
				orgs = append(orgs, found[k].Items...)
			}
			if f.Name == "members" {
				primeOrgFields(ctx, op, under(op, f.Selections, "edges", "node"), orgs)
			}
		case "overlaps":
			key := overlapKey{At: at.String(), Division: argString(args, "division")}
			found, err := l.db.Overlaps(ctx, keys, at, key.Division)
			if err != nil {
				continue
			}
			var others []samenspel.Region
			for _, k := range keys {
				key.Region = k
				l.Overlaps.Prime(ctx, key, found[k])
				for _, o := range found[k] {
					others = append(others, o.Region)
				}
			}
			primeRegionFields(ctx, op, under(op, f.Selections, "region"), others)
		}
	}
}

// primeDivisions fetches the regions of all divisions in one query for the division fields
// selected under the current field, and primes on into those regions.
func primeDivisions(ctx context.Context, divisions []samenspel.Division) {
	op, sels := current(ctx)
	if op == nil || len(divisions) == 0 {
		return
	}
	defer func() { _ = recover() }()
	l := For(ctx)
	keys := make([]string, len(divisions))
	for i, d := range divisions {
		keys[i] = d.Key
	}
	for _, f := range graphql.CollectFields(op, sels, nil) {
		if f.Name != "regions" && f.Name != "regionCount" {
			continue
		}
		args := f.ArgumentMap(op.Variables)
		historical, _ := args["includeHistorical"].(bool)
		key := divisionRegionsKeyFor("", argDate(args, "at"), &historical)
		found, err := l.db.RegionsOfDivisions(ctx, keys, optDate(key.At))
		if err != nil {
			continue
		}
		var regions []samenspel.Region
		for _, k := range keys {
			key.Division = k
			l.DivisionRegions.Prime(ctx, key, found[k])
			regions = append(regions, found[k]...)
		}
		if f.Name == "regions" {
			primeRegionFields(ctx, op, f.Selections, regions)
		}
	}
}

// primeOpgaven warms the loaders for the opgave fields selected under path of the field being
// resolved: roles (and their organisations and people), area, instruments and links.
func primeOpgaven(ctx context.Context, opgaven []samenspel.Opgave, path ...string) {
	op, sels := current(ctx)
	if op == nil || len(opgaven) == 0 {
		return
	}
	defer func() { _ = recover() }()
	sels = under(op, sels, path...)
	l := For(ctx)
	ids := make([]string, len(opgaven))
	for i, o := range opgaven {
		ids[i] = o.ID
		l.Opgave.Prime(ctx, o.ID, o)
	}
	rolesDone := false
	for _, f := range graphql.CollectFields(op, sels, nil) {
		switch f.Name {
		case "roles", "trekker", "participants", "contacts", "participantCount", "totalContributionEuros", "trustClimate", "health":
			if rolesDone {
				continue
			}
			rolesDone = true
			found, err := l.db.RolesOfOpgaven(ctx, ids)
			if err != nil {
				continue
			}
			if hasField(op, sels, "trustClimate", "health") {
				if trust, err := trustAmongParticipants(ctx, l.db, ids, found); err == nil {
					for _, id := range ids {
						l.OpgaveTrust.Prime(ctx, id, trust[id])
					}
				}
			}
			var orgIDs, personIDs []string
			for _, id := range ids {
				l.OpgaveRoles.Prime(ctx, id, found[id])
				for _, r := range found[id] {
					orgIDs = append(orgIDs, r.OrganisationID)
					if r.PersonID != "" {
						personIDs = append(personIDs, r.PersonID)
					}
				}
			}
			orgs, err := l.db.OrganisationsByID(ctx, orgIDs)
			if err != nil {
				continue
			}
			var list []samenspel.Organisation
			for id, o := range orgs {
				l.Organisation.Prime(ctx, id, o)
				list = append(list, o)
			}
			var orgSels ast.SelectionSet
			for _, name := range []string{"roles", "trekker", "participants"} {
				orgSels = append(orgSels, under(op, sels, name, "organisation")...)
			}
			primeOrgFields(ctx, op, orgSels, list)
			if people, err := l.db.PeopleByID(ctx, personIDs); err == nil {
				for id, p := range people {
					p.Email, p.Phone = "", ""
					l.Person.Prime(ctx, id, p)
				}
			}
		case "area":
			found, err := l.db.OpgaveAreas(ctx, ids)
			if err != nil {
				continue
			}
			var regions []samenspel.Region
			var gemeenten []samenspel.Organisation
			for _, id := range ids {
				l.OpgaveArea.Prime(ctx, id, found[id])
				regions = append(regions, found[id].Regions...)
				gemeenten = append(gemeenten, found[id].Gemeenten...)
			}
			primeRegionFields(ctx, op, under(op, f.Selections, "regions"), regions)
			primeOrgFields(ctx, op, under(op, f.Selections, "gemeenten"), gemeenten)
		case "instruments":
			if found, err := l.db.InstrumentsOfOpgaven(ctx, ids); err == nil {
				for _, id := range ids {
					l.OpgaveInstruments.Prime(ctx, id, found[id])
				}
			}
		case "links":
			found, err := l.db.LinksOfOpgaven(ctx, ids)
			if err != nil {
				continue
			}
			var others []string
			for _, id := range ids {
				l.OpgaveLinks.Prime(ctx, id, found[id])
				for _, li := range found[id] {
					others = append(others, li.OtherID)
				}
			}
			if opg, err := l.db.OpgavenByID(ctx, others); err == nil {
				for id, o := range opg {
					l.Opgave.Prime(ctx, id, o)
				}
			}
		}
	}
}

// hasField reports whether sels selects one of names.
func hasField(op *graphql.OperationContext, sels ast.SelectionSet, names ...string) bool {
	for _, f := range graphql.CollectFields(op, sels, nil) {
		for _, n := range names {
			if f.Name == n {
				return true
			}
		}
	}
	return false
}

func uniqueIDs(orgs []samenspel.Organisation) []string {
	seen := make(map[string]bool, len(orgs))
	ids := make([]string, 0, len(orgs))
	for _, o := range orgs {
		if !seen[o.ID] {
			seen[o.ID] = true
			ids = append(ids, o.ID)
		}
	}
	return ids
}

func uniqueKeys(regions []samenspel.Region) []string {
	seen := make(map[string]bool, len(regions))
	keys := make([]string, 0, len(regions))
	for _, r := range regions {
		if k := r.Key(); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

func argString(args map[string]any, name string) string {
	s, _ := args[name].(string)
	return s
}

func argDate(args map[string]any, name string) *samenspel.Date {
	d, err := samenspel.ParseDate(argString(args, name))
	if err != nil {
		return nil
	}
	return &d
}

func argInt(args map[string]any, name string, def int) int {
	switch v := args[name].(type) {
	case int64:
		return int(v)
	case int:
		return v
	case float64:
		return int(v)
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return int(n)
		}
	}
	return def
}
