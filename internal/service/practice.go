package service

import (
	"context"
	"sort"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// ResultSummaries gives, per opgave, its joint result on today: its results counted by status and
// every participant and contributor with what it contributed (samenspel.ComputeResultSummary).
func (s *Service) ResultSummaries(ctx context.Context, ids []string, today samenspel.Date) (map[string]samenspel.ResultSummary, error) {
	sums, _, _, err := s.resultSummaries(ctx, ids, today)
	return sums, err
}

// resultSummaries is ResultSummaries with what it read: the results per opgave and the partners'
// organisations.
func (s *Service) resultSummaries(ctx context.Context, ids []string, today samenspel.Date) (map[string]samenspel.ResultSummary, map[string][]samenspel.Result, map[string]samenspel.Organisation, error) {
	results, err := s.store.ResultsOf(ctx, ids)
	if err != nil {
		return nil, nil, nil, err
	}
	roles, err := s.store.RolesOfOpgaven(ctx, ids, samenspel.RoleFilter{At: &today})
	if err != nil {
		return nil, nil, nil, err
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
		return nil, nil, nil, err
	}
	names := make(map[string]string, len(orgs))
	for id, o := range orgs {
		names[id] = o.Name
	}
	out := make(map[string]samenspel.ResultSummary, len(ids))
	for _, id := range ids {
		out[id] = samenspel.ComputeResultSummary(id, results[id], participants[id], names, today)
	}
	return out, results, orgs, nil
}

// Summary is the shareable joint result of one opgave: the opgave, its results and every
// partner's contribution, with the partners' names.
type Summary struct {
	Opgave  samenspel.Opgave
	Today   samenspel.Date
	Result  samenspel.ResultSummary
	Results []samenspel.Result
	Names   map[string]string // organisation id → name
}

// OpgaveSummary reads the joint result of an opgave on today; NOT_FOUND for an unknown opgave.
func (s *Service) OpgaveSummary(ctx context.Context, id string, today samenspel.Date) (Summary, error) {
	os, err := s.store.OpgavenByID(ctx, []string{id})
	if err != nil {
		return Summary{}, err
	}
	o, ok := os[id]
	if !ok {
		return Summary{}, samenspel.NotFoundf("opgave", "no opgave has id %q", id)
	}
	sums, results, orgs, err := s.resultSummaries(ctx, []string{id}, today)
	if err != nil {
		return Summary{}, err
	}
	out := Summary{Opgave: o, Today: today, Result: sums[id], Results: results[id], Names: map[string]string{}}
	for id, org := range orgs {
		out.Names[id] = org.Name
	}
	return out, nil
}
