package samenspel

import (
	"fmt"
	"sort"
)

// Health statuses.
const (
	HealthOK        = "OK"
	HealthAttention = "ATTENTION"
	HealthMissing   = "MISSING"
)

// Indicator is one collaboration-health indicator of an opgave, derived from the seven
// zekerheden of the Interbestuurlijk Programma.
type Indicator struct {
	Key      string
	Label    string
	Value    *float64
	Status   string
	Evidence []string // human-readable
	OrgIDs   []string // organisations the evidence names
	Roles    []Role   // roles the evidence names
}

// Indicator keys.
const (
	IndTrekker       = "TREKKER_PER_LEVEL"
	IndRolesAgreed   = "ROLES_AGREED"
	IndUitvoerders   = "UITVOERDERS_INVOLVED"
	IndContributions = "CONTRIBUTION_MATCHES_STAKE"
	IndTrustCoverage = "TRUST_COVERAGE"
	IndTrustLevel    = "TRUST_LEVEL"
	IndFreshness     = "TRUST_FRESHNESS"
)

var leading = map[string]bool{"TREKKER": true, "MEDETREKKER": true, "OPDRACHTGEVER": true}

func f(v float64) *float64 { return &v }

// ComputeHealth derives the indicators from the opgave's current roles and its trust climate.
// The thresholds are documented in the schema (HealthKey).
func ComputeHealth(roles []Role, c Climate, today Date) []Indicator {
	var out []Indicator

	// 1. Exactly one current trekker per level ("spreek duidelijke rollen af").
	trekkers := map[string][]Role{}
	for _, r := range roles {
		if r.Type == "TREKKER" {
			trekkers[r.Level] = append(trekkers[r.Level], r)
		}
	}
	ind := Indicator{Key: IndTrekker, Label: "Eén trekker per niveau", Value: f(float64(len(trekkers["BESTUURLIJK"]) + len(trekkers["AMBTELIJK"])))}
	switch {
	case len(trekkers) == 0:
		ind.Status = HealthMissing
		ind.Evidence = []string{"no current trekker at either level"}
	case len(trekkers["BESTUURLIJK"]) == 1 && len(trekkers["AMBTELIJK"]) == 1:
		ind.Status = HealthOK
	default:
		ind.Status = HealthAttention
	}
	for _, level := range RoleLevels {
		if n := len(trekkers[level]); n != 1 {
			ind.Evidence = append(ind.Evidence, fmt.Sprintf("%d %s trekker(s)", n, level))
		}
		ind.Roles = append(ind.Roles, trekkers[level]...)
	}
	out = append(out, ind)

	// 2. Every participating organisation's role is agreed down to the person.
	byOrg := map[string][]Role{}
	var orgs []string
	for _, r := range roles {
		if _, ok := byOrg[r.OrganisationID]; !ok {
			orgs = append(orgs, r.OrganisationID)
		}
		byOrg[r.OrganisationID] = append(byOrg[r.OrganisationID], r)
	}
	sort.Strings(orgs)
	var unnamed []string
	for _, o := range orgs {
		named := false
		for _, r := range byOrg[o] {
			named = named || r.PersonID != ""
		}
		if !named {
			unnamed = append(unnamed, o)
		}
	}
	ind = Indicator{Key: IndRolesAgreed, Label: "Rollen tot op de persoon afgesproken", OrgIDs: unnamed}
	if len(orgs) == 0 {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no current roles"}
	} else {
		ind.Value = f(float64(len(orgs)-len(unnamed)) / float64(len(orgs)))
		ind.Status = HealthOK
		if len(unnamed) > 0 {
			ind.Status = HealthAttention
			ind.Evidence = []string{fmt.Sprintf("%d of %d organisations have no named person in a role", len(unnamed), len(orgs))}
		}
	}
	out = append(out, ind)

	// 3. Those who carry out the work are involved from the start.
	ind = Indicator{Key: IndUitvoerders, Label: "Uitvoerders betrokken"}
	var uitvoerders []Role
	for _, r := range roles {
		if r.Type == "UITVOERDER" {
			uitvoerders = append(uitvoerders, r)
		}
	}
	ind.Value, ind.Roles = f(float64(len(uitvoerders))), uitvoerders
	if len(uitvoerders) > 0 {
		ind.Status = HealthOK
	} else {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no organisation holds an UITVOERDER role"}
	}
	out = append(out, ind)

	// 4. Reciprocity: a leading role (large stake) comes with at least the median contribution.
	contrib := map[string]float64{}
	any := false
	for _, r := range roles {
		if r.ContributionEuros != nil {
			contrib[r.OrganisationID] += *r.ContributionEuros
			any = true
		}
	}
	ind = Indicator{Key: IndContributions, Label: "Inbreng naar belang"}
	if !any {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no contributions recorded"}
	} else {
		var all []float64
		for _, o := range orgs {
			all = append(all, contrib[o])
		}
		sort.Float64s(all)
		median := all[len(all)/2]
		if len(all)%2 == 0 {
			median = (all[len(all)/2-1] + all[len(all)/2]) / 2
		}
		var low []string
		leaders := 0
		for _, o := range orgs {
			lead := false
			for _, r := range byOrg[o] {
				lead = lead || leading[r.Type]
			}
			if lead {
				leaders++
				if contrib[o] < median {
					low = append(low, o)
					ind.Evidence = append(ind.Evidence, fmt.Sprintf("%s leads but contributes €%.0f, below the median €%.0f", o, contrib[o], median))
				}
			}
		}
		ind.OrgIDs = low
		if leaders > 0 {
			ind.Value = f(float64(leaders-len(low)) / float64(leaders))
		}
		ind.Status = HealthOK
		if len(low) > 0 {
			ind.Status = HealthAttention
		}
	}
	out = append(out, ind)

	// 5. Trust coverage: share of participant pairs with any assessment.
	ind = Indicator{Key: IndTrustCoverage, Label: "Vertrouwen in beeld", Value: f(c.Coverage)}
	switch {
	case c.AssessedPairs == 0:
		ind.Status = HealthMissing
	case c.Coverage >= 0.5:
		ind.Status = HealthOK
	default:
		ind.Status = HealthAttention
	}
	ind.Evidence = []string{fmt.Sprintf("%d of %d pairs of participants assessed", c.AssessedPairs, c.Pairs)}
	out = append(out, ind)

	// 6. Trust level: mean of the latest scores, and no pair below 2.
	ind = Indicator{Key: IndTrustLevel, Label: "Niveau van vertrouwen", Value: c.Mean}
	switch {
	case c.Mean == nil:
		ind.Status = HealthMissing
	case *c.Mean >= 3.5 && *c.Min >= 2:
		ind.Status = HealthOK
	default:
		ind.Status = HealthAttention
	}
	for _, p := range c.Weakest {
		if t := p.Trust(); t != nil && *t < 3 {
			ind.Evidence = append(ind.Evidence, fmt.Sprintf("%s – %s: %.0f", p.A, p.B, *t))
			ind.OrgIDs = append(ind.OrgIDs, p.A, p.B)
		}
	}
	out = append(out, ind)

	// 7. Freshness: the oldest latest assessment is at most a year old.
	ind = Indicator{Key: IndFreshness, Label: "Actualiteit van het beeld"}
	if c.Oldest == nil {
		ind.Status = HealthMissing
	} else {
		age := today.Time().Sub(c.Oldest.Time()).Hours() / 24
		ind.Value = f(age)
		ind.Evidence = []string{fmt.Sprintf("oldest latest assessment %s, newest %s", c.Oldest, c.Newest)}
		switch {
		case age <= 365:
			ind.Status = HealthOK
		default:
			ind.Status = HealthAttention
		}
	}
	out = append(out, ind)
	return out
}
