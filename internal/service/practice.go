package service

import (
	"context"
	"sort"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// ResultSummaries gives, per opgave, its joint result on today: its results counted by status and
// every participant and contributor with what it contributed (samenspel.ComputeResultSummary).
func (s *Service) ResultSummaries(ctx context.Context, ids []string, today samenspel.Date) (map[string]samenspel.ResultSummary, error) {
	results, err := s.store.ResultsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	roles, err := s.store.RolesOfOpgaven(ctx, ids, samenspel.RoleFilter{At: &today})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var orgIDs []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			orgIDs = append(orgIDs, id)
		}
	}
	participants := map[string][]string{}
	for id, rs := range roles {
		mine := map[string]bool{}
		for _, r := range rs {
			if !mine[r.OrganisationID] {
				mine[r.OrganisationID] = true
				participants[id] = append(participants[id], r.OrganisationID)
			}
			add(r.OrganisationID)
		}
	}
	for _, rs := range results {
		for _, r := range rs {
			for _, c := range r.Contributions {
				add(c.OrganisationID)
			}
		}
	}
	sort.Strings(orgIDs)
	orgs, err := s.store.OrganisationsByID(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(orgs))
	for id, o := range orgs {
		names[id] = o.Name
	}
	out := make(map[string]samenspel.ResultSummary, len(ids))
	for _, id := range ids {
		out[id] = samenspel.ComputeResultSummary(id, results[id], participants[id], names, today)
	}
	return out, nil
}
