package server_test

import (
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The aggregates for dashboards, each checked against a plain Cypher count on the demo set, on the
// date the demo world was made and over a yearly series. The Cypher here is written apart from
// the service's (one MATCH per question), so that a mistake in either shows.

const statsAt = "2025-06-01"

// cypherAt runs stmt with $at set to a date and returns its rows as maps.
func cypherAt(t *testing.T, at, stmt string, params map[string]any) []map[string]any {
	t.Helper()
	var y, m, d int
	fmt.Sscanf(at, "%d-%d-%d", &y, &m, &d)
	p := map[string]any{"at": neo4j.DateOf(dateTime(y, m, d))}
	for k, v := range params {
		p[k] = v
	}
	var out []map[string]any
	for _, r := range cypher(t, os.Getenv("NEO4J_URI"), stmt, p) {
		out = append(out, r.AsMap())
	}
	return out
}

const (
	runningAt = `(o.startDate IS NULL OR o.startDate <= $at) AND (o.endDate IS NULL OR $at < o.endDate)`
	holdsAt   = `r.from <= $at AND (r.until IS NULL OR $at < r.until)`
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6*math.Max(1, math.Abs(b)) }

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return math.NaN()
}

func TestOpgaveStatsByThemeAndStatusEqualCypher(t *testing.T) {
	a := withDemo(t).as("") // aggregates are public
	r := a.mustQuery(`query($at: Date) { opgaveStats(groupBy: [THEME, STATUS], at: $at, first: 5000) { theme status region { id } opgaven roles contributionEuros contributionFte } }`, map[string]any{"at": statsAt})
	want := map[string][]float64{}
	for _, row := range cypherAt(t, statsAt, `MATCH (o:Opgave) WHERE `+runningAt+`
		UNWIND o.themes AS theme
		OPTIONAL MATCH (:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o) WHERE `+holdsAt+`
		RETURN theme, o.status AS status, count(DISTINCT o) AS n, count(r) AS roles,
		       sum(coalesce(r.contributionEuros, 0)) AS eur, sum(coalesce(r.contributionFte, 0)) AS fte`, nil) {
		want[fmt.Sprint(row["theme"], "/", row["status"])] = []float64{num(row["n"]), num(row["roles"]), num(row["eur"]), num(row["fte"])}
	}
	groups := list(r.Data, "opgaveStats")
	if len(groups) != len(want) || len(want) < 10 {
		t.Fatalf("%d groups, Cypher finds %d (want at least 10 on the demo set)", len(groups), len(want))
	}
	prev := math.Inf(1)
	for _, g := range groups {
		k := fmt.Sprint(get(g, "theme"), "/", get(g, "status"))
		w, ok := want[k]
		if !ok {
			t.Errorf("group %s: Cypher has no such group", k)
			continue
		}
		got := []float64{num(get(g, "opgaven")), num(get(g, "roles")), num(get(g, "contributionEuros")), num(get(g, "contributionFte"))}
		for i := range w {
			if !near(got[i], w[i]) {
				t.Errorf("group %s: opgaven/roles/euros/fte = %v, Cypher %v", k, got, w)
				break
			}
		}
		if get(g, "region") != nil {
			t.Errorf("group %s names a region without REGION in groupBy", k)
		}
		if got[0] > prev {
			t.Errorf("groups are not ordered by opgaven, most first: %v after %v", got[0], prev)
		}
		prev = got[0]
	}
}

func TestOpgaveStatsTotalAndScaleEqualCypher(t *testing.T) {
	a := withDemo(t)
	r := a.mustQuery(`query($at: Date) { all: opgaveStats(at: $at) { opgaven roles contributionEuros }
		scale: opgaveStats(groupBy: [SCALE], at: $at) { scale opgaven } }`, map[string]any{"at": statsAt})
	total := cypherAt(t, statsAt, `MATCH (o:Opgave) WHERE `+runningAt+` RETURN count(o) AS n`, nil)[0]["n"]
	all := list(r.Data, "all")
	if len(all) != 1 || num(get(all[0], "opgaven")) != num(total) {
		t.Fatalf("opgaveStats without keys = %v, Cypher counts %v running opgaven", all, total)
	}
	sum := 0.0
	for _, row := range cypherAt(t, statsAt, `MATCH (o:Opgave) WHERE `+runningAt+` RETURN o.scale AS scale, count(o) AS n`, nil) {
		found := false
		for _, g := range list(r.Data, "scale") {
			if get(g, "scale") == row["scale"] {
				found = true
				if num(get(g, "opgaven")) != num(row["n"]) {
					t.Errorf("scale %v: %v opgaven, Cypher %v", row["scale"], get(g, "opgaven"), row["n"])
				}
			}
		}
		if !found {
			t.Errorf("scale %v is missing", row["scale"])
		}
		sum += num(row["n"])
	}
	if sum != num(total) {
		t.Errorf("scales add up to %v, want %v: a scale group overlaps another", sum, total)
	}
}

func TestOpgaveStatsFromTodayLeaveOutFinishedOpgaven(t *testing.T) {
	a := withDemo(t)
	today := samenspel.Today().String()
	r := a.mustQuery(`{ opgaveStats(groupBy: [STATUS]) { status opgaven } }`, nil)
	want := cypherAt(t, today, `MATCH (o:Opgave) WHERE `+runningAt+` AND NOT o.status IN ['AFGEROND', 'GESTOPT'] RETURN count(o) AS n`, nil)[0]["n"]
	total := 0.0
	for _, g := range list(r.Data, "opgaveStats") {
		if s := get(g, "status"); s == "AFGEROND" || s == "GESTOPT" {
			t.Errorf("today's aggregate counts %v %s opgaven", get(g, "opgaven"), s)
		}
		total += num(get(g, "opgaven"))
	}
	if total != num(want) || total == 0 {
		t.Errorf("today: %v running opgaven, Cypher %v", total, want)
	}
	// in the past the dates alone decide: some opgaven stopped since then still counted
	past := cypherAt(t, statsAt, `MATCH (o:Opgave) WHERE `+runningAt+` AND o.status IN ['AFGEROND', 'GESTOPT'] RETURN count(o) AS n`, nil)[0]["n"]
	r = a.mustQuery(`query($at: Date) { opgaveStats(groupBy: [STATUS], at: $at) { status opgaven } }`, map[string]any{"at": statsAt})
	ended := 0.0
	for _, g := range list(r.Data, "opgaveStats") {
		if s := get(g, "status"); s == "AFGEROND" || s == "GESTOPT" {
			ended += num(get(g, "opgaven"))
		}
	}
	if ended != num(past) {
		t.Errorf("on %s: %v opgaven now ended or stopped, Cypher %v", statsAt, ended, past)
	}
}

func TestOpgaveStatsPerRegionEqualCypher(t *testing.T) {
	a := withDemo(t)
	r := a.mustQuery(`query($at: Date) { opgaveStats(groupBy: [REGION], division: "veiligheidsregio", at: $at, first: 100) { region { id name } opgaven } }`, map[string]any{"at": statsAt})
	want := map[string]float64{}
	for _, row := range cypherAt(t, statsAt, `MATCH (o:Opgave)-[:COVERS]->(x) WHERE `+runningAt+`
		CALL (x) {
		  MATCH (g:Organisation)-[m:MEMBER_OF]->(x) WHERE m.from <= $at AND (m.until IS NULL OR $at < m.until)
		    AND (g.validFrom IS NULL OR g.validFrom <= $at) AND (g.validUntil IS NULL OR $at < g.validUntil)
		  RETURN g
		  UNION
		  MATCH (g:Organisation) WHERE g = x RETURN g
		}
		MATCH (g)-[m2:MEMBER_OF]->(vr:Region {division: 'veiligheidsregio'}) WHERE m2.from <= $at AND (m2.until IS NULL OR $at < m2.until)
		RETURN vr.key AS key, count(DISTINCT o) AS n`, nil) {
		want[row["key"].(string)] = num(row["n"])
	}
	groups := list(r.Data, "opgaveStats")
	if len(groups) != len(want) || len(want) != 25 {
		t.Fatalf("%d veiligheidsregio groups, Cypher %d (want all 25 to hold opgaven on the demo set)", len(groups), len(want))
	}
	for _, g := range groups {
		id := get(g, "region.id").(string)
		if num(get(g, "opgaven")) != want[id] {
			t.Errorf("%s (%v): %v opgaven, Cypher %v", id, get(g, "region.name"), get(g, "opgaven"), want[id])
		}
	}
}

func TestOpgaveStatsPerOrganisationEqualCypher(t *testing.T) {
	a := withDemo(t)
	r := a.mustQuery(`query($at: Date) { opgaveStats(groupBy: [ORGANISATION], at: $at, first: 5000) { organisation { id } opgaven roles contributionEuros } }`, map[string]any{"at": statsAt})
	want := map[string][]float64{}
	for _, row := range cypherAt(t, statsAt, `MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave) WHERE `+holdsAt+` AND `+runningAt+`
		RETURN org.id AS id, count(DISTINCT o) AS n, count(r) AS roles, sum(coalesce(r.contributionEuros, 0)) AS eur`, nil) {
		want[row["id"].(string)] = []float64{num(row["n"]), num(row["roles"]), num(row["eur"])}
	}
	groups := list(r.Data, "opgaveStats")
	if len(groups) != len(want) || len(want) < 100 {
		t.Fatalf("%d organisation groups, Cypher %d", len(groups), len(want))
	}
	for _, g := range groups {
		id := get(g, "organisation.id").(string)
		got := []float64{num(get(g, "opgaven")), num(get(g, "roles")), num(get(g, "contributionEuros"))}
		if w := want[id]; len(w) == 0 || !near(got[0], w[0]) || !near(got[1], w[1]) || !near(got[2], w[2]) {
			t.Errorf("%s: opgaven/roles/euros %v, Cypher %v", id, got, w)
		}
	}
	// first keeps the largest groups
	r = a.mustQuery(`query($at: Date) { opgaveStats(groupBy: [ORGANISATION], at: $at, first: 3) { opgaven } }`, map[string]any{"at": statsAt})
	if n := len(list(r.Data, "opgaveStats")); n != 3 {
		t.Errorf("first: 3 gave %d groups", n)
	}
}

func TestParticipationEqualsCypher(t *testing.T) {
	a := withDemo(t).as("")
	r := a.mustQuery(`query($at: Date) { participation(at: $at) { at organisations(first: 5000) { organisation { id kind } samenwerkingsverbanden }
		country { provincie { id } organisations mean median min max withoutAny }
		perProvincie { provincie { id } organisations mean } } }`, map[string]any{"at": statsAt})
	var counts []float64
	want := map[string]float64{}
	var total float64
	for _, row := range cypherAt(t, statsAt, `MATCH (g:Organisation {kind: 'GEMEENTE'})
		WHERE (g.validFrom IS NULL OR g.validFrom <= $at) AND (g.validUntil IS NULL OR $at < g.validUntil)
		OPTIONAL MATCH (g)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave) WHERE `+holdsAt+` AND `+runningAt+`
		RETURN g.id AS id, count(DISTINCT o) AS n`, nil) {
		want[row["id"].(string)] = num(row["n"])
		total += num(row["n"])
		counts = append(counts, num(row["n"]))
	}
	orgs := list(r.Data, "participation.organisations")
	if len(orgs) != len(want) || len(want) != 342 {
		t.Fatalf("%d gemeenten counted, Cypher %d (342 gemeenten on %s)", len(orgs), len(want), statsAt)
	}
	for _, o := range orgs {
		id := get(o, "organisation.id").(string)
		if num(get(o, "samenwerkingsverbanden")) != want[id] {
			t.Errorf("%s: %v samenwerkingsverbanden, Cypher %v", id, get(o, "samenwerkingsverbanden"), want[id])
		}
	}
	c := get(r.Data, "participation.country")
	if !near(num(get(c, "mean")), total/float64(len(want))) || get(c, "provincie") != nil {
		t.Errorf("country mean %v, Cypher %v", get(c, "mean"), total/float64(len(want)))
	}
	sort.Float64s(counts)
	none := 0.0
	for _, n := range counts {
		if n == 0 {
			none++
		}
	}
	median := (counts[len(counts)/2-1] + counts[len(counts)/2]) / 2 // 342: an even number
	if got := []float64{num(get(c, "median")), num(get(c, "min")), num(get(c, "max")), num(get(c, "withoutAny"))}; !reflect.DeepEqual(got, []float64{median, counts[0], counts[len(counts)-1], none}) {
		t.Errorf("country median/min/max/withoutAny %v, Cypher's counts give %v", got, []float64{median, counts[0], counts[len(counts)-1], none})
	}
	provMeans := map[string]float64{}
	for _, row := range cypherAt(t, statsAt, `MATCH (g:Organisation {kind: 'GEMEENTE'})-[m:MEMBER_OF]->(p:Region {division: 'provincie'})
		WHERE m.from <= $at AND (m.until IS NULL OR $at < m.until)
		  AND (g.validFrom IS NULL OR g.validFrom <= $at) AND (g.validUntil IS NULL OR $at < g.validUntil)
		OPTIONAL MATCH (g)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave) WHERE `+holdsAt+` AND `+runningAt+`
		WITH p, g, count(DISTINCT o) AS n
		RETURN p.key AS key, avg(n) AS mean`, nil) {
		provMeans[row["key"].(string)] = num(row["mean"])
	}
	per := list(r.Data, "participation.perProvincie")
	if len(per) != 12 || len(provMeans) != 12 {
		t.Fatalf("%d provincies, Cypher %d; want 12", len(per), len(provMeans))
	}
	for _, p := range per {
		id := get(p, "provincie.id").(string)
		if !near(num(get(p, "mean")), provMeans[id]) {
			t.Errorf("%s: mean %v, Cypher %v", id, get(p, "mean"), provMeans[id])
		}
	}
}

func TestStatsSeriesEqualCypherInOneRoundTrip(t *testing.T) {
	a := withDemo(t)
	q := `query($from: Int!, $to: Int!) { opgaveStatsSeries(fromYear: $from, toYear: $to) { year at groups { opgaven } }
		participationSeries(fromYear: $from, toYear: $to) { at country { mean } } }`
	short := a.mustQuery(q, map[string]any{"from": 2024, "to": 2025})
	long := a.mustQuery(q, map[string]any{"from": 2016, "to": 2026})
	if short.Extensions.CypherRoundTrips != long.Extensions.CypherRoundTrips {
		t.Errorf("2 years take %d round trips, 11 years %d: they must not grow with the years", short.Extensions.CypherRoundTrips, long.Extensions.CypherRoundTrips)
	}
	years := list(long.Data, "opgaveStatsSeries")
	if len(years) != 11 {
		t.Fatalf("%d years, want 11", len(years))
	}
	seen := map[float64]bool{}
	for i, y := range years {
		at := get(y, "at").(string)
		if !strings.HasSuffix(at, "-01-01") || num(get(y, "year")) != float64(2016+i) {
			t.Errorf("year %v counted on %s, want 1 January, oldest first", get(y, "year"), at)
		}
		n := num(cypherAt(t, at, `MATCH (o:Opgave) WHERE `+runningAt+` RETURN count(o) AS n`, nil)[0]["n"])
		got := 0.0
		if gs := list(y, "groups"); len(gs) == 1 {
			got = num(get(gs[0], "opgaven"))
		}
		if got != n {
			t.Errorf("%s: %v opgaven, Cypher %v", at, got, n)
		}
		seen[n] = true
		mean := num(cypherAt(t, at, `MATCH (g:Organisation {kind: 'GEMEENTE'})
			WHERE (g.validFrom IS NULL OR g.validFrom <= $at) AND (g.validUntil IS NULL OR $at < g.validUntil)
			OPTIONAL MATCH (g)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave) WHERE `+holdsAt+` AND `+runningAt+`
			WITH g, count(DISTINCT o) AS n RETURN avg(n) AS mean`, nil)[0]["mean"])
		if p := list(long.Data, "participationSeries")[i]; !near(num(get(p, "country.mean")), mean) {
			t.Errorf("%s: mean participation %v, Cypher %v", at, get(p, "country.mean"), mean)
		}
	}
	if len(seen) < 3 {
		t.Errorf("the series has %d distinct totals over 11 years: the demo set should change over time", len(seen))
	}
}

func TestStatsRefuseBadArguments(t *testing.T) {
	a := newAPI(t)
	for q, field := range map[string]string{
		`{ opgaveStats(groupBy: [REGION]) { opgaven } }`:                              "division",
		`{ opgaveStats(groupBy: [REGION], division: "nope") { opgaven } }`:            "division",
		`{ opgaveStats(groupBy: [THEME], division: "ggd_regio") { opgaven } }`:        "division",
		`{ opgaveStats(groupBy: [THEME, THEME]) { opgaven } }`:                        "groupBy",
		`{ opgaveStats(first: 0) { opgaven } }`:                                       "first",
		`{ opgaveStatsSeries(fromYear: 2026, toYear: 2020) { year } }`:                "toYear",
		`{ participationSeries(fromYear: 1990, toYear: 2026) { at } }`:                "toYear",
		`{ participation { organisations(first: 6000) { samenwerkingsverbanden } } }`: "first",
	} {
		r := a.query(q, nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != field {
			t.Errorf("%s: %s, want one BAD_USER_INPUT on %s", q, r.raw, field)
		}
	}
}

func dateTime(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
