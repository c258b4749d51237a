package graph

import (
	"context"
	"sort"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
)

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// organisationOpgaven groups an organisation's roles by opgave, keeping opgaven of the given statuses.
func (r *Resolver) organisationOpgaven(ctx context.Context, roles []samenspel.Role, statuses []string) ([]model.OrganisationOpgave, error) {
	byOpgave := map[string][]samenspel.Role{}
	var ids []string
	for _, role := range roles {
		if _, ok := byOpgave[role.OpgaveID]; !ok {
			ids = append(ids, role.OpgaveID)
		}
		byOpgave[role.OpgaveID] = append(byOpgave[role.OpgaveID], role)
	}
	opgaven, err := loadAllPtr(ctx, For(ctx).Opgave, ids)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, s := range statuses {
		keep[s] = true
	}
	out := []model.OrganisationOpgave{}
	for i, id := range ids {
		if len(keep) > 0 && !keep[opgaven[i].Status] {
			continue
		}
		out = append(out, model.OrganisationOpgave{Opgave: opgaven[i], Roles: byOpgave[id]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Opgave.Title < out[j].Opgave.Title })
	return out, nil
}

func (r *Resolver) search(ctx context.Context, text string, first int) ([]model.SearchHit, error) {
	hits, err := r.DB.Search(ctx, text, first)
	if err != nil {
		return nil, err
	}
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
	return out, nil
}

func (r *Resolver) whoElse(ctx context.Context, opgaveID, theme string, area *model.AreaFilter, first int) ([]model.WhoElseHit, error) {
	if opgaveID == "" && theme == "" && area == nil {
		return nil, samenspel.Invalidf("opgave", "give an opgave, a theme, an area, or a combination")
	}
	if theme != "" && !samenspel.IsTheme(theme) {
		return nil, samenspel.Invalidf("theme", "unknown theme %q; see the themes query for the list", theme)
	}
	today := samenspel.Today()
	var themes, gs []string
	exclude := map[string]bool{}
	var participantIDs []string
	if opgaveID != "" {
		o, fp, ok, err := r.DB.OpgaveFootprint(ctx, opgaveID, today)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, samenspel.Invalidf("opgave", "no opgave has id %q", opgaveID)
		}
		themes, gs = o.Themes, fp
		roles, err := For(ctx).OpgaveRoles.Load(ctx, opgaveID)()
		if err != nil {
			return nil, err
		}
		for _, role := range currentRoles(roles, "", "", false) {
			if !exclude[role.OrganisationID] {
				exclude[role.OrganisationID] = true
				participantIDs = append(participantIDs, role.OrganisationID)
			}
		}
	}
	if theme != "" {
		themes = []string{theme}
	}
	if area != nil {
		var err error
		if gs, err = r.areaFootprint(ctx, "area", area); err != nil {
			return nil, err
		}
	}
	cands, err := r.DB.WhoElseCandidates(ctx, opgaveID, themes, gs, today)
	if err != nil {
		return nil, err
	}
	shared := map[string]int{}
	if len(participantIDs) > 0 {
		var candidates []string
		seen := map[string]bool{}
		for _, c := range cands {
			for _, role := range c.Roles {
				if !seen[role.OrganisationID] && !exclude[role.OrganisationID] {
					seen[role.OrganisationID] = true
					candidates = append(candidates, role.OrganisationID)
				}
			}
		}
		if shared, err = r.DB.SharedOpgaven(ctx, opgaveID, participantIDs, candidates); err != nil {
			return nil, err
		}
	}
	hits := samenspel.RankWhoElse(cands, themes, len(gs), shared, exclude, first)
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.OrganisationID
	}
	orgs, err := loadAllPtr(ctx, For(ctx).Organisation, ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.WhoElseHit, len(hits))
	for i, h := range hits {
		out[i] = model.WhoElseHit{Organisation: orgs[i], Score: h.Score, SharedThemes: h.SharedThemes, AreaOverlap: h.AreaOverlap, SharedOpgaven: h.SharedOpgaven}
		if out[i].SharedThemes == nil {
			out[i].SharedThemes = []string{}
		}
		for _, e := range h.Evidence {
			o := e.Opgave
			out[i].Evidence = append(out[i].Evidence, model.WhoElseEvidence{Opgave: &o, Roles: e.Roles})
		}
	}
	return out, nil
}

// connected walks the opgave graph breadth-first: one query per level, so the round trips are
// bounded by maxDepth, not by how many opgaven are found.
func (r *Resolver) connected(ctx context.Context, start string, maxDepth, first int) ([]model.ConnectedOpgave, error) {
	today := samenspel.Today()
	visited := map[string]bool{start: true}
	frontier := []string{start}
	var found []samenspel.Connected
	for depth := 1; depth <= maxDepth && len(frontier) > 0 && len(found) < first; depth++ {
		edges, err := r.DB.Neighbours(ctx, frontier, today)
		if err != nil {
			return nil, err
		}
		level := samenspel.NextLevel(edges, depth, visited)
		found = append(found, level...)
		frontier = frontier[:0]
		for _, c := range level {
			frontier = append(frontier, c.OpgaveID)
		}
	}
	if len(found) > first {
		found = found[:first]
	}
	// Everything the answer names, loaded in one batch per kind.
	var opgaveIDs, orgIDs, instrIDs, regionKeys []string
	for _, c := range found {
		opgaveIDs = append(opgaveIDs, c.OpgaveID)
		for _, e := range c.Reasons {
			opgaveIDs = append(opgaveIDs, e.From)
			switch e.Kind {
			case samenspel.ReasonSharedParticipant:
				orgIDs = append(orgIDs, e.Via)
			case samenspel.ReasonSharedInstrument:
				instrIDs = append(instrIDs, e.Via)
			case samenspel.ReasonOverlappingArea:
				regionKeys = append(regionKeys, e.Via)
			}
		}
	}
	l := For(ctx)
	opgaven, err := r.DB.OpgavenByID(ctx, opgaveIDs)
	if err != nil {
		return nil, err
	}
	orgs, err := r.DB.OrganisationsByID(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	regions, err := r.DB.RegionsByKey(ctx, regionKeys)
	if err != nil {
		return nil, err
	}
	instruments, err := r.DB.InstrumentsByID(ctx, instrIDs)
	if err != nil {
		return nil, err
	}
	for id, o := range opgaven {
		l.Opgave.Prime(ctx, id, o)
	}
	out := make([]model.ConnectedOpgave, 0, len(found))
	for _, c := range found {
		o := opgaven[c.OpgaveID]
		co := model.ConnectedOpgave{Opgave: &o, Depth: c.Depth}
		for _, e := range c.Reasons {
			via := opgaven[e.From]
			reason := model.ConnectionReason{Kind: model.ConnectionKind(e.Kind), Via: &via}
			switch e.Kind {
			case samenspel.ReasonLink:
				reason.LinkType = ptr(e.Via)
			case samenspel.ReasonSharedParticipant:
				if org, ok := orgs[e.Via]; ok {
					reason.Organisation = &org
				}
			case samenspel.ReasonSharedInstrument:
				if in, ok := instruments[e.Via]; ok {
					reason.Instrument = &in
				}
			case samenspel.ReasonOverlappingArea:
				if reg, ok := regions[e.Via]; ok {
					reason.Region = &reg
				}
			}
			co.Reasons = append(co.Reasons, reason)
		}
		out = append(out, co)
	}
	return out, nil
}

func (r *Resolver) connection(ctx context.Context, from, to string, first int) ([]model.OpgavePath, error) {
	found, err := r.DB.OpgavenByID(ctx, []string{from, to})
	if err != nil {
		return nil, err
	}
	if _, ok := found[from]; !ok {
		return nil, samenspel.Invalidf("from", "no opgave has id %q", from)
	}
	if _, ok := found[to]; !ok {
		return nil, samenspel.Invalidf("to", "no opgave has id %q", to)
	}
	if from == to {
		return nil, samenspel.Invalidf("to", "is the same opgave as from")
	}
	paths, err := r.DB.Connection(ctx, from, to, samenspel.Today(), first)
	if err != nil {
		return nil, err
	}
	out := make([]model.OpgavePath, len(paths))
	for i, p := range paths {
		out[i] = model.OpgavePath{Length: len(p) - 1}
		for _, s := range p {
			out[i].Steps = append(out[i].Steps, model.PathStep{Kind: model.StepKind(s.Kind), Relation: s.Relation,
				Opgave: s.Opgave, Organisation: s.Organisation, Region: s.Region, Instrument: s.Instrument})
		}
	}
	return out, nil
}
