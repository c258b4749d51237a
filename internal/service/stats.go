package service

import (
	"context"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// MaxSeriesYears bounds a yearly series.
const MaxSeriesYears = 30

// MaxStatsGroups bounds the groups of one aggregate (and the organisations of a participation).
const MaxStatsGroups = 5000

// StatsQuery asks for opgaven grouped and counted on one or more dates.
type StatsQuery struct {
	Keys     []samenspel.StatsKey
	Division string
	Dates    []samenspel.Date
	First    int
}

// Stats is an aggregate on each date asked, with the regions and organisations its groups name.
type Stats struct {
	Groups map[samenspel.Date][]samenspel.StatsGroup
	Named  samenspel.Named
}

// SeriesDates is 1 January of every year from `from` to `to`, checked against MaxSeriesYears.
func SeriesDates(from, to int) ([]samenspel.Date, error) {
	if to < from {
		return nil, samenspel.Invalidf("toYear", "toYear %d is before fromYear %d", to, from)
	}
	if to-from >= MaxSeriesYears {
		return nil, samenspel.Invalidf("toYear", "a series holds at most %d years; %d to %d is %d", MaxSeriesYears, from, to, to-from+1)
	}
	if from < 1900 {
		return nil, samenspel.Invalidf("fromYear", "years must lie between 1900 and 2200, got %d", from)
	}
	if to > 2200 {
		return nil, samenspel.Invalidf("toYear", "years must lie between 1900 and 2200, got %d", to)
	}
	out := make([]samenspel.Date, 0, to-from+1)
	for y := from; y <= to; y++ {
		out = append(out, samenspel.NewDate(y, time.January, 1))
	}
	return out, nil
}

func checkFirst(first int) error {
	if first < 1 || first > MaxStatsGroups {
		return samenspel.Invalidf("first", "first must be between 1 and %d, got %d", MaxStatsGroups, first)
	}
	return nil
}

// OpgaveStats counts opgaven by the keys on each date: two statements (the facts, then the names
// of the regions and organisations in the groups) whatever the number of dates or groups.
func (s *Service) OpgaveStats(ctx context.Context, q StatsQuery) (Stats, error) {
	if err := samenspel.ValidateStatsKeys("groupBy", q.Keys, q.Division); err != nil {
		return Stats{}, err
	}
	if err := checkFirst(q.First); err != nil {
		return Stats{}, err
	}
	if q.Division != "" {
		divs, err := s.store.Divisions(ctx, q.Division)
		if err != nil {
			return Stats{}, err
		}
		if len(divs) == 0 {
			return Stats{}, samenspel.Invalidf("division", "unknown division %q; see the divisions query for the keys", q.Division)
		}
	}
	facts, err := s.store.OpgaveFacts(ctx, q.Dates, q.Division)
	if err != nil {
		return Stats{}, err
	}
	out := Stats{Groups: map[samenspel.Date][]samenspel.StatsGroup{}}
	regions, orgs := map[string]bool{}, map[string]bool{}
	for _, d := range q.Dates {
		gs := samenspel.Aggregate(facts[d], q.Keys)
		if len(gs) > q.First {
			gs = gs[:q.First]
		}
		for _, g := range gs {
			if g.Region != "" {
				regions[g.Region] = true
			}
			if g.Organisation != "" {
				orgs[g.Organisation] = true
			}
		}
		out.Groups[d] = gs
	}
	out.Named, err = s.store.Named(ctx, samenspel.Names{Regions: slices.Sorted(maps.Keys(regions)), Organisations: slices.Sorted(maps.Keys(orgs))})
	return out, err
}

// ParticipationResult is the KWINK figure on one date: each organisation's count, and the
// distribution over the country (first) and per provincie.
type ParticipationResult struct {
	At            samenspel.Date
	Counts        []samenspel.GemeenteCount // most first, ties by id
	Distributions []samenspel.Distribution
	Named         samenspel.Named // the organisations and provincies named, shared by all dates
}

// Participation counts, per date, the samenwerkingsverbanden of every organisation of a kind.
func (s *Service) Participation(ctx context.Context, kind samenspel.OrganisationKind, dates []samenspel.Date) ([]ParticipationResult, error) {
	counts, err := s.store.Participations(ctx, dates, kind)
	if err != nil {
		return nil, err
	}
	out := make([]ParticipationResult, 0, len(dates))
	orgs, provs := map[string]bool{}, map[string]bool{}
	for _, d := range dates {
		cs := counts[d]
		sort.Slice(cs, func(i, j int) bool {
			if cs[i].Count != cs[j].Count {
				return cs[i].Count > cs[j].Count
			}
			return cs[i].Gemeente < cs[j].Gemeente
		})
		if kind != samenspel.KindGemeente {
			for i := range cs {
				cs[i].Provincie = ""
			}
		}
		for _, c := range cs {
			orgs[c.Gemeente] = true
			if c.Provincie != "" {
				provs[c.Provincie] = true
			}
		}
		out = append(out, ParticipationResult{At: d, Counts: cs, Distributions: samenspel.Distribute(cs)})
	}
	named, err := s.store.Named(ctx, samenspel.Names{Organisations: slices.Sorted(maps.Keys(orgs)), Regions: slices.Sorted(maps.Keys(provs))})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Named = named
	}
	return out, nil
}
