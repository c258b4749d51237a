package graph

import (
	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// statsGroups converts the aggregate's groups, with the regions and organisations they name.
func statsGroups(gs []samenspel.StatsGroup, named samenspel.Named) []model.OpgaveStatsGroup {
	out := make([]model.OpgaveStatsGroup, 0, len(gs))
	for _, g := range gs {
		m := model.OpgaveStatsGroup{Theme: nilIfEmpty(g.Theme), Status: nilIfEmpty(g.Status), Scale: nilIfEmpty(g.Scale), Opgaven: g.Opgaven, Roles: g.Roles,
			ContributionEuros: g.ContributionEuros, ContributionFte: g.ContributionFTE}
		if reg, ok := named.Regions[g.Region]; ok {
			m.Region = &reg
		}
		if o, ok := named.Organisations[g.Organisation]; ok {
			m.Organisation = &o
		}
		out = append(out, m)
	}
	return out
}

func distributionOf(d samenspel.Distribution, named samenspel.Named) model.ParticipationDistribution {
	m := model.ParticipationDistribution{Organisations: d.Gemeenten, Mean: d.Mean, Median: d.Median, Min: d.Min, Max: d.Max, WithoutAny: d.WithoutAny}
	if reg, ok := named.Regions[d.Provincie]; ok {
		m.Provincie = &reg
	}
	return m
}

func kindOf(k *model.OrganisationKind) samenspel.OrganisationKind {
	if k == nil {
		return samenspel.KindGemeente
	}
	return samenspel.OrganisationKind(*k)
}
