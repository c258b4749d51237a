package samenspel

import (
	"reflect"
	"testing"
)

var statsFacts = []OpgaveFacts{
	{ID: "a", Themes: []string{"wonen", "energie"}, Status: "UITVOERING", Scale: "REGIONAAL", Regions: []string{"vr/1", "vr/2"},
		Roles: []StatsRole{{Organisation: "x", Euros: 100, FTE: 1}, {Organisation: "y", Euros: 50}, {Organisation: "x", Euros: 10}}},
	{ID: "b", Themes: []string{"wonen"}, Status: "VERKENNING", Scale: "LOKAAL", Regions: []string{"vr/1"},
		Roles: []StatsRole{{Organisation: "y", FTE: 0.5}}},
	{ID: "c", Themes: []string{"energie"}, Status: "UITVOERING", Scale: "REGIONAAL"},
}

func TestAggregate(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []StatsKey
		want []StatsGroup
	}{
		{"no keys: one group of everything", nil, []StatsGroup{{Opgaven: 3, Roles: 4, ContributionEuros: 160, ContributionFTE: 1.5}}},
		{"by theme: an opgave counts in each of its themes", []StatsKey{ByTheme}, []StatsGroup{
			{Theme: "energie", Opgaven: 2, Roles: 3, ContributionEuros: 160, ContributionFTE: 1},
			{Theme: "wonen", Opgaven: 2, Roles: 4, ContributionEuros: 160, ContributionFTE: 1.5},
		}},
		{"by status and scale", []StatsKey{ByStatus, ByScale}, []StatsGroup{
			{Status: "UITVOERING", Scale: "REGIONAAL", Opgaven: 2, Roles: 3, ContributionEuros: 160, ContributionFTE: 1},
			{Status: "VERKENNING", Scale: "LOKAAL", Opgaven: 1, Roles: 1, ContributionFTE: 0.5},
		}},
		{"by region: an opgave without a region of the division is left out", []StatsKey{ByRegion}, []StatsGroup{
			{Region: "vr/1", Opgaven: 2, Roles: 4, ContributionEuros: 160, ContributionFTE: 1.5},
			{Region: "vr/2", Opgaven: 1, Roles: 3, ContributionEuros: 160, ContributionFTE: 1},
		}},
		{"by organisation: its own roles and contributions only", []StatsKey{ByOrganisation}, []StatsGroup{
			{Organisation: "y", Opgaven: 2, Roles: 2, ContributionEuros: 50, ContributionFTE: 0.5},
			{Organisation: "x", Opgaven: 1, Roles: 2, ContributionEuros: 110, ContributionFTE: 1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Aggregate(statsFacts, tc.keys); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Aggregate(%v)\n got %+v\nwant %+v", tc.keys, got, tc.want)
			}
		})
	}
}

func TestValidateStatsKeys(t *testing.T) {
	if err := ValidateStatsKeys("groupBy", []StatsKey{ByTheme, ByTheme}, ""); err == nil {
		t.Error("a key asked twice is accepted")
	}
	if err := ValidateStatsKeys("groupBy", []StatsKey{ByRegion}, ""); err == nil || err.(*Error).Field != "division" {
		t.Errorf("REGION without a division: %v, want an error on division", err)
	}
	if err := ValidateStatsKeys("groupBy", []StatsKey{ByTheme}, "ggd_regio"); err == nil {
		t.Error("a division without REGION is accepted silently")
	}
	if err := ValidateStatsKeys("groupBy", []StatsKey{ByRegion, ByTheme}, "ggd_regio"); err != nil {
		t.Error(err)
	}
}

func TestDistribute(t *testing.T) {
	got := Distribute([]GemeenteCount{{"g1", "p/1", 3}, {"g2", "p/1", 0}, {"g3", "p/2", 10}, {"g4", "p/1", 5}})
	want := []Distribution{
		{Provincie: "", Gemeenten: 4, Mean: 4.5, Median: 4, Min: 0, Max: 10, WithoutAny: 1, TotalParticipations: 18},
		{Provincie: "p/1", Gemeenten: 3, Mean: 8.0 / 3, Median: 3, Min: 0, Max: 5, WithoutAny: 1, TotalParticipations: 8},
		{Provincie: "p/2", Gemeenten: 1, Mean: 10, Median: 10, Min: 10, Max: 10, TotalParticipations: 10},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Distribute\n got %+v\nwant %+v", got, want)
	}
}
