package samenspel

import (
	"testing"
	stdtime "time"
)

func ta(id, from, to string, score int, y, m, d int) TrustAssessment {
	return TrustAssessment{ID: id, FromID: from, ToID: to, Score: score, Date: NewDate(y, stdtime.Month(m), d)}
}

func TestLatestAndClimate(t *testing.T) {
	as := []TrustAssessment{
		ta("1", "a", "b", 5, 2022, 1, 1),
		ta("2", "a", "b", 2, 2024, 1, 1), // decline: latest a→b is 2
		ta("3", "b", "a", 4, 2023, 6, 1),
		ta("4", "a", "c", 4, 2024, 3, 1),
		ta("5", "x", "a", 1, 2024, 3, 1), // x is not a participant
	}
	latest := Latest(as)
	if latest[[2]string{"a", "b"}].Score != 2 {
		t.Errorf("latest a→b = %v, want the 2024 score 2", latest[[2]string{"a", "b"}])
	}
	c := ComputeClimate([]string{"a", "b", "c"}, as, NewDate(2025, 1, 1))
	if c.Pairs != 3 || c.AssessedPairs != 2 || c.Coverage != 2.0/3 {
		t.Errorf("pairs %d, assessed %d, coverage %v; want 3, 2, 2/3", c.Pairs, c.AssessedPairs, c.Coverage)
	}
	if c.Mean == nil || *c.Mean != (2.0+4+4)/3 || *c.Min != 2 {
		t.Errorf("mean %v, min %v; want 10/3 and 2", c.Mean, c.Min)
	}
	if c.Oldest.String() != "2023-06-01" || c.Newest.String() != "2024-03-01" {
		t.Errorf("oldest %v, newest %v", c.Oldest, c.Newest)
	}
	if len(c.Weakest) != 2 || *c.Weakest[0].Trust() != 2 || c.Weakest[0].A != "a" || c.Weakest[0].B != "b" {
		t.Errorf("weakest = %+v, want a–b (2) first", c.Weakest)
	}
	empty := ComputeClimate([]string{"a"}, nil, NewDate(2025, 1, 1))
	if empty.Pairs != 0 || empty.Coverage != 0 || empty.Mean != nil {
		t.Errorf("single participant: %+v", empty)
	}
}

func TestRankWeakLinks(t *testing.T) {
	latest := Latest([]TrustAssessment{
		ta("1", "a", "b", 2, 2024, 1, 1), ta("2", "b", "a", 5, 2024, 1, 1), // weak one way: trust 2
		ta("3", "c", "d", 5, 2024, 1, 1), // strong
	})
	pairs := []SharedPair{{Pair{"a", "b"}, 3}, {Pair{"c", "d"}, 5}, {Pair{"e", "f"}, 1}, {Pair{"g", "h"}, 4}}
	got := RankWeakLinks(pairs, latest, 2, 2.5, 10)
	// e–f shares too few; c–d is trusted; g–h (never assessed) ranks before a–b (trust 2).
	if len(got) != 2 || got[0].Pair != (Pair{"g", "h"}) || got[1].Pair != (Pair{"a", "b"}) || *got[1].Trust() != 2 {
		t.Errorf("weak links = %+v", got)
	}
}

func TestTrustInputValidate(t *testing.T) {
	today := NewDate(2025, 6, 1)
	for field, in := range map[string]TrustInput{
		"input.score": {FromID: "a", ToID: "b", Score: 0, Date: today},
		"input.to":    {FromID: "a", ToID: "a", Score: 3, Date: today},
		"input.date":  {FromID: "a", ToID: "b", Score: 3, Date: today.AddDays(1)},
	} {
		var e *Error
		if err := in.Validate(today); !asError(err, &e) || e.Field != field {
			t.Errorf("%s: err = %v", field, err)
		}
	}
}

func TestComputeHealth(t *testing.T) {
	euros := func(v float64) *float64 { return &v }
	roles := []Role{
		{OrganisationID: "a", Type: "TREKKER", Level: "BESTUURLIJK", PersonID: "p1", ContributionEuros: euros(1000)},
		{OrganisationID: "a", Type: "TREKKER", Level: "AMBTELIJK", PersonID: "p2"},
		{OrganisationID: "b", Type: "UITVOERDER", Level: "AMBTELIJK", PersonID: "p3", ContributionEuros: euros(500)},
		{OrganisationID: "c", Type: "DEELNEMER", Level: "AMBTELIJK", PersonID: "p4", ContributionEuros: euros(100)},
	}
	today := NewDate(2025, 6, 1)
	c := ComputeClimate([]string{"a", "b", "c"}, []TrustAssessment{
		ta("1", "a", "b", 4, 2025, 1, 1), ta("2", "b", "c", 4, 2025, 2, 1), ta("3", "c", "a", 5, 2025, 3, 1),
	}, today)
	got := map[string]string{}
	for _, ind := range ComputeHealth(roles, c, today) {
		got[ind.Key] = ind.Status
	}
	for k, v := range map[string]string{IndTrekker: HealthOK, IndRolesAgreed: HealthOK, IndUitvoerders: HealthOK, IndContributions: HealthOK,
		IndTrustCoverage: HealthOK, IndTrustLevel: HealthOK, IndFreshness: HealthOK} {
		if got[k] != v {
			t.Errorf("%s = %s, want %s", k, got[k], v)
		}
	}
	none := ComputeHealth(nil, ComputeClimate(nil, nil, today), today)
	for _, ind := range none {
		if ind.Status != HealthMissing {
			t.Errorf("without roles or trust, %s = %s, want MISSING", ind.Key, ind.Status)
		}
	}
}
