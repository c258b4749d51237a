package samenspel

import (
	"sort"
	"strings"
)

// StatsKey is one key opgaven can be grouped by in the aggregates for dashboards.
type StatsKey string

// The grouping keys. An opgave with several themes counts once in each of its themes, one that
// covers several regions once in each, one with several participants once for each: groups may
// overlap, so the counts of a grouping add up to more than the number of opgaven.
const (
	ByTheme        StatsKey = "THEME"
	ByStatus       StatsKey = "STATUS"
	ByScale        StatsKey = "SCALE"
	ByRegion       StatsKey = "REGION"
	ByOrganisation StatsKey = "ORGANISATION"
)

// StatsKeys are all the keys, in the order groups are sorted by.
var StatsKeys = []StatsKey{ByTheme, ByStatus, ByScale, ByRegion, ByOrganisation}

// StatsRole is one role current on the date, with what it contributes.
type StatsRole struct {
	Organisation string
	Euros, FTE   float64
}

// OpgaveFacts is what the aggregates need of one opgave running on a date: its grouping values,
// the regions of the asked division its area touches, and its current roles.
type OpgaveFacts struct {
	ID      string
	Themes  []string
	Status  string
	Scale   string
	Regions []string // region keys of the asked division that hold a gemeente of its area
	Roles   []StatsRole
}

// StatsGroup is one group of an aggregate: the values of the grouping keys (empty when not
// grouped by that key) and the figures.
type StatsGroup struct {
	Theme, Status, Scale, Region, Organisation string
	Opgaven                                    int
	Roles                                      int
	ContributionEuros, ContributionFTE         float64
}

// ValidateStatsKeys checks the keys asked for: no key twice, and a division with REGION.
func ValidateStatsKeys(field string, keys []StatsKey, division string) error {
	seen := map[StatsKey]bool{}
	for _, k := range keys {
		if seen[k] {
			return Invalidf(field, "%s is asked twice", k)
		}
		seen[k] = true
	}
	if seen[ByRegion] && division == "" {
		return Invalidf("division", "grouping by REGION needs a division (a key of the divisions query, e.g. veiligheidsregio)")
	}
	if !seen[ByRegion] && division != "" {
		return Invalidf("division", "a division is used only when grouping by REGION; add REGION to groupBy or leave division out")
	}
	return nil
}

// Aggregate groups the opgaven by the keys and counts them, with their roles and contributions.
// Grouped by organisation, a group counts that organisation's roles and contributions only;
// otherwise all current roles of the group's opgaven. Groups are sorted by opgaven (most first),
// then by their key values, so the answer is stable.
func Aggregate(facts []OpgaveFacts, keys []StatsKey) []StatsGroup {
	has := map[StatsKey]bool{}
	for _, k := range keys {
		has[k] = true
	}
	groups := map[StatsGroup]*StatsGroup{}
	type member struct {
		group  StatsGroup
		opgave string
	}
	seen := map[member]bool{} // an opgave counts once per group
	add := func(key StatsGroup, o OpgaveFacts, roles []StatsRole) {
		g := groups[key]
		if g == nil {
			k := key
			g = &k
			groups[key] = g
		}
		if seen[member{key, o.ID}] {
			return
		}
		seen[member{key, o.ID}] = true
		g.Opgaven++
		for _, r := range roles {
			g.Roles++
			g.ContributionEuros += r.Euros
			g.ContributionFTE += r.FTE
		}
	}
	for _, o := range facts {
		themes, regions := []string{""}, []string{""}
		if has[ByTheme] {
			themes = o.Themes
		}
		if has[ByRegion] {
			regions = o.Regions
		}
		status, scale := "", ""
		if has[ByStatus] {
			status = o.Status
		}
		if has[ByScale] {
			scale = o.Scale
		}
		for _, th := range themes {
			for _, rg := range regions {
				key := StatsGroup{Theme: th, Status: status, Scale: scale, Region: rg}
				if !has[ByOrganisation] {
					add(key, o, o.Roles)
					continue
				}
				byOrg := map[string][]StatsRole{}
				for _, r := range o.Roles {
					byOrg[r.Organisation] = append(byOrg[r.Organisation], r)
				}
				for org, rs := range byOrg {
					k := key
					k.Organisation = org
					add(k, o, rs)
				}
			}
		}
	}
	out := make([]StatsGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Opgaven != b.Opgaven {
			return a.Opgaven > b.Opgaven
		}
		return strings.Join([]string{a.Theme, a.Status, a.Scale, a.Region, a.Organisation}, "\x00") <
			strings.Join([]string{b.Theme, b.Status, b.Scale, b.Region, b.Organisation}, "\x00")
	})
	return out
}

// GemeenteCount is the number of samenwerkingsverbanden (opgaven with a current role) of one
// gemeente on a date, and the provincie it lies in then.
type GemeenteCount struct {
	Gemeente  string
	Provincie string // region key in the provincie division, e.g. provincie/PV26
	Count     int
}

// Distribution summarises counts: how many, their mean, median, lowest and highest.
type Distribution struct {
	Provincie           string // region key; empty for the whole country
	Gemeenten           int
	Mean, Median        float64
	Min, Max            int
	WithoutAny          int // gemeenten that take part in none
	TotalParticipations int
}

// Distribute summarises the counts for the whole country (first) and per provincie (by key).
func Distribute(counts []GemeenteCount) []Distribution {
	byProv := map[string][]int{}
	var all []int
	for _, c := range counts {
		all = append(all, c.Count)
		if c.Provincie != "" {
			byProv[c.Provincie] = append(byProv[c.Provincie], c.Count)
		}
	}
	out := []Distribution{distribution("", all)}
	provs := make([]string, 0, len(byProv))
	for p := range byProv {
		provs = append(provs, p)
	}
	sort.Strings(provs)
	for _, p := range provs {
		out = append(out, distribution(p, byProv[p]))
	}
	return out
}

func distribution(prov string, xs []int) Distribution {
	d := Distribution{Provincie: prov, Gemeenten: len(xs)}
	if len(xs) == 0 {
		return d
	}
	s := append([]int(nil), xs...)
	sort.Ints(s)
	d.Min, d.Max = s[0], s[len(s)-1]
	for _, x := range s {
		d.TotalParticipations += x
		if x == 0 {
			d.WithoutAny++
		}
	}
	d.Mean = float64(d.TotalParticipations) / float64(len(s))
	if n := len(s); n%2 == 1 {
		d.Median = float64(s[n/2])
	} else {
		d.Median = float64(s[n/2-1]+s[n/2]) / 2
	}
	return d
}
