package server_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/demo"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

// mutate runs a mutation and returns the named field of data, failing on errors.
func (a *api) mutate(field, query string, vars map[string]any) any {
	a.t.Helper()
	return get(a.mustQuery(query, vars).Data, field)
}

// wantError runs a query that must fail with one error of code on field.
func (a *api) wantError(query string, vars map[string]any, code, field string) {
	a.t.Helper()
	r := a.query(query, vars)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != code || (field != "" && r.Errors[0].Extensions["field"] != field) {
		a.t.Errorf("want one %s error on %q, got %s", code, field, r.raw)
	}
}

const createOpgave = `mutation($in: OpgaveInput!) { createOpgave(input: $in) { id title status themes } }`
const assignRole = `mutation($in: RoleInput!) { assignRole(input: $in) { id type level organisation { name } person { name } } }`

func TestOpgaveLifecycle(t *testing.T) {
	a := newAPI(t)
	count := func() float64 {
		return get(a.mustQuery(`{ opgaven { totalCount } }`, nil).Data, "opgaven.totalCount").(float64)
	}
	before := count()

	// Organisations and people, with client keys that make retries safe.
	orgQ := `mutation($key: String) { createOrganisation(input: {clientKey: $key, name: "Woonstichting Proef", kind: PARTNER}) { id name kind } }`
	corp := a.mutate("createOrganisation.id", orgQ, map[string]any{"key": "t-corp"}).(string)
	if again := a.mutate("createOrganisation.id", orgQ, map[string]any{"key": "t-corp"}); again != corp {
		t.Errorf("retried createOrganisation made %v, want the first result %s", again, corp)
	}
	a.wantError(`mutation { createOrganisation(input: {name: "Nieuwe gemeente", kind: GEMEENTE}) { id } }`, nil, "BAD_USER_INPUT", "input.kind")
	a.wantError(`mutation { updateOrganisation(id: "GM0363", input: {name: "Mokum"}) { id } }`, nil, "BAD_USER_INPUT", "id")
	personQ := `mutation($org: ID!, $name: String!) { createPerson(input: {name: $name, function: "programmamanager", organisationId: $org, email: "p@example.org"}) { id name organisation { id } } }`
	anna := a.mutate("createPerson.id", personQ, map[string]any{"org": "GM0363", "name": "Anna Proef"}).(string)
	bram := a.mutate("createPerson.id", personQ, map[string]any{"org": corp, "name": "Bram Proef"}).(string)

	// Opgave A: housing in COROP Groot-Amsterdam; retried with its client key.
	inA := map[string]any{"clientKey": "t-opgave-a", "title": "Woondeal Groot-Amsterdam (proef)", "goal": "10.000 woningen in 2030",
		"themes": []string{"wonen"}, "scale": "REGIONAAL", "status": "UITVOERING", "startDate": "2024-01-01",
		"area": map[string]any{"regions": []any{map[string]any{"division": "corop", "code": "CR23"}}}}
	opA := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": inA}).(string)
	if again := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": inA}); again != opA {
		t.Errorf("retried createOpgave made %v, want %s", again, opA)
	}
	if count() != before+1 {
		t.Errorf("opgaven went from %v to %v, want one more", before, count())
	}

	// Invalid opgaven are refused with the field, and nothing is written.
	bad := func(change map[string]any, field string) {
		in := map[string]any{}
		for k, v := range inA {
			in[k] = v
		}
		delete(in, "clientKey")
		for k, v := range change {
			in[k] = v
		}
		a.wantError(createOpgave, map[string]any{"in": in}, "BAD_USER_INPUT", field)
	}
	bad(map[string]any{"endDate": "2023-12-31"}, "input.endDate")
	bad(map[string]any{"themes": []string{"wonen", "wonnen"}}, "input.themes[1]")
	bad(map[string]any{"area": map[string]any{"regions": []any{map[string]any{"division": "corop", "code": "CR99"}}}}, "input.area.regions[0]")
	bad(map[string]any{"area": map[string]any{"gemeenten": []string{"GM0363", "GM9999"}}}, "input.area.gemeenten[1]")
	bad(map[string]any{"goal": "  "}, "input.goal")
	if count() != before+1 {
		t.Errorf("a refused createOpgave wrote something: %v opgaven, want %v", count(), before+1)
	}

	// Roles: one active trekker per level, people must work for the organisation.
	role := func(org, person, typ, level string) map[string]any {
		in := map[string]any{"opgaveId": opA, "organisationId": org, "type": typ, "level": level, "from": "2024-01-01", "contributionEuros": 100000.0}
		if person != "" {
			in["personId"] = person
		}
		return map[string]any{"in": in}
	}
	a.mutate("assignRole.id", assignRole, role("GM0363", anna, "TREKKER", "BESTUURLIJK"))
	a.wantError(assignRole, role("GM0384", "", "TREKKER", "BESTUURLIJK"), "CONFLICT", "input.type")
	a.mutate("assignRole.id", assignRole, role("GM0384", "", "TREKKER", "AMBTELIJK"))
	a.wantError(assignRole, role("GM0384", bram, "DEELNEMER", "AMBTELIJK"), "BAD_USER_INPUT", "input.personId")
	a.wantError(assignRole, map[string]any{"in": map[string]any{"opgaveId": "nope", "organisationId": "GM0363", "type": "DEELNEMER", "level": "AMBTELIJK"}}, "BAD_USER_INPUT", "input.opgaveId")
	a.wantError(assignRole, map[string]any{"in": map[string]any{"opgaveId": opA, "organisationId": "GM0363", "type": "DEELNEMER", "level": "AMBTELIJK", "from": "2025-01-01", "until": "2024-01-01"}}, "BAD_USER_INPUT", "input.until")
	corpRole := a.mutate("assignRole.id", assignRole, role(corp, bram, "UITVOERDER", "AMBTELIJK")).(string)
	a.wantError(`mutation($id: ID!) { endRole(id: $id, until: "2023-01-01") { id } }`, map[string]any{"id": corpRole}, "BAD_USER_INPUT", "until")

	r := a.mustQuery(`query($id: ID!) { opgave(id: $id) { title participantCount totalContributionEuros
		trekker { organisation { name } person { name function } }
		ambtelijk: trekker(level: AMBTELIJK) { organisation { name } }
		participants { organisation { name } roles { type } contributionEuros }
		contacts { person { name organisation { name } } roles { type } } } }`, map[string]any{"id": opA})
	o := get(r.Data, "opgave")
	if get(o, "trekker.organisation.name") != "Amsterdam" || get(o, "trekker.person.name") != "Anna Proef" || get(o, "ambtelijk.organisation.name") != "Diemen" {
		t.Errorf("trekkers = %v / %v", get(o, "trekker"), get(o, "ambtelijk"))
	}
	if get(o, "participantCount") != float64(3) || get(o, "totalContributionEuros") != 300000.0 {
		t.Errorf("participantCount %v, total %v; want 3 and 300000", get(o, "participantCount"), get(o, "totalContributionEuros"))
	}
	if ps := list(o, "participants"); len(ps) != 3 || get(ps[2], "organisation.name") != "Woonstichting Proef" {
		t.Errorf("participants = %v, want the two trekkers first, then the uitvoerder", ps)
	}
	if cs := list(o, "contacts"); len(cs) != 2 {
		t.Errorf("contacts = %v, want Anna and Bram", cs)
	}
	r = a.mustQuery(`query($id: ID!) { personContact(id: $id) { email person { name } } }`, map[string]any{"id": anna})
	if get(r.Data, "personContact.email") != "p@example.org" {
		t.Errorf("personContact = %v", r.Data)
	}

	// Opgave B: energy in Amstelveen only, sharing Amsterdam as participant.
	opB := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Warmtenet Amstelveen (proef)",
		"goal": "5.000 woningen aardgasvrij", "themes": []string{"energie"}, "scale": "LOKAAL", "status": "UITVOERING",
		"area": map[string]any{"gemeenten": []string{"GM0362"}}}}).(string)
	for _, in := range []map[string]any{
		{"opgaveId": opB, "organisationId": "GM0362", "type": "TREKKER", "level": "BESTUURLIJK", "from": "2024-06-01"},
		{"opgaveId": opB, "organisationId": "GM0363", "type": "DEELNEMER", "level": "AMBTELIJK", "from": "2024-06-01"},
	} {
		a.mutate("assignRole.id", assignRole, map[string]any{"in": in})
	}

	// Area filters understand overlap.
	ids := func(q string, vars map[string]any) map[string]bool {
		out := map[string]bool{}
		for _, e := range list(a.mustQuery(q, vars).Data, "opgaven.edges") {
			out[get(e, "node.id").(string)] = true
		}
		return out
	}
	areaQ := `query($f: OpgaveFilter) { opgaven(filter: $f, first: 100) { edges { node { id } } } }`
	if got := ids(areaQ, map[string]any{"f": map[string]any{"titleContains": "(proef)", "area": map[string]any{"gemeente": "GM0363"}}}); !got[opA] || got[opB] {
		t.Errorf("area gemeente Amsterdam found %v; want A (its COROP region contains Amsterdam), not B", got)
	}
	if got := ids(areaQ, map[string]any{"f": map[string]any{"titleContains": "(proef)", "area": map[string]any{"region": map[string]any{"division": "veiligheidsregio", "code": "VR13"}}}}); !got[opA] || !got[opB] {
		t.Errorf("area veiligheidsregio Amsterdam-Amstelland found %v; want A (overlapping COROP) and B (Amstelveen)", got)
	}
	if got := ids(areaQ, map[string]any{"f": map[string]any{"titleContains": "(proef)", "organisation": "GM0384", "roleType": "TREKKER"}}); !got[opA] || got[opB] {
		t.Errorf("Diemen as trekker found %v, want A only", got)
	}
	a.wantError(areaQ, map[string]any{"f": map[string]any{"area": map[string]any{"gemeente": "GM9999"}}}, "BAD_USER_INPUT", "filter.area.gemeente")

	// Links, instruments and connections.
	a.mutate("linkOpgaven.type", `mutation($a: ID!, $b: ID!) { linkOpgaven(from: $a, to: $b, type: REINFORCES, note: "warmte voor nieuwbouw") { type } }`, map[string]any{"a": opA, "b": opB})
	instr := a.mutate("createInstrument.id", `mutation { createInstrument(input: {name: "Proefsubsidie", type: SUBSIDIE, amountEuros: 1000000}) { id } }`, nil).(string)
	for _, op := range []string{opA, opB} {
		a.mutate("attachInstrument.id", `mutation($i: ID!, $o: ID!) { attachInstrument(instrument: $i, opgave: $o) { id } }`, map[string]any{"i": instr, "o": op})
	}
	r = a.mustQuery(`query($id: ID!) { opgave(id: $id) { links { type outgoing opgave { id } } instruments { name }
		connected(maxDepth: 1) { opgave { id } depth reasons { kind via { id } linkType organisation { name } instrument { name } region { id } } } } }`, map[string]any{"id": opB})
	if ls := list(r.Data, "opgave.links"); len(ls) != 1 || get(ls[0], "outgoing") != false || get(ls[0], "opgave.id") != opA {
		t.Errorf("B's links = %v", ls)
	}
	var reasonsToA []string
	for _, c := range list(r.Data, "opgave.connected") {
		if get(c, "opgave.id") == opA {
			for _, re := range list(c, "reasons") {
				reasonsToA = append(reasonsToA, fmt.Sprintf("%v:%v|%v|%v|%v", get(re, "kind"), get(re, "linkType"), get(re, "organisation.name"), get(re, "instrument.name"), get(re, "region.id")))
			}
		}
	}
	want := []string{"LINK:REINFORCES|<nil>|<nil>|<nil>", "OVERLAPPING_AREA:<nil>|<nil>|<nil>|corop/CR23", "SHARED_INSTRUMENT:<nil>|<nil>|Proefsubsidie|<nil>", "SHARED_PARTICIPANT:<nil>|Amsterdam|<nil>|<nil>"}
	if strings.Join(reasonsToA, " ") != strings.Join(want, " ") {
		t.Errorf("reasons B→A = %v\nwant %v", reasonsToA, want)
	}
	r = a.mustQuery(`query($a: ID!, $b: ID!) { connection(from: $a, to: $b) { length steps { kind relation opgave { id } } } }`, map[string]any{"a": opA, "b": opB})
	if ps := list(r.Data, "connection"); len(ps) == 0 || get(ps[0], "length") != float64(1) || get(ps[0], "steps.1.relation") != "LINK_REINFORCES" {
		t.Errorf("connection A→B = %v, want one step over the link", ps)
	}

	// Who else: energy around Amstelveen finds Amstelveen, with B as evidence.
	r = a.mustQuery(`{ whoElse(theme: "energie", area: {gemeente: "GM0362"}, first: 100) { organisation { id } score sharedThemes areaOverlap evidence { opgave { id } roles { type } } } }`, nil)
	found := false
	for _, h := range list(r.Data, "whoElse") {
		if get(h, "organisation.id") == "GM0362" {
			found = true
			if get(h, "areaOverlap") != float64(1) || get(h, "score").(float64) < 5 {
				t.Errorf("Amstelveen: %v; want areaOverlap 1 (B covers exactly Amstelveen) and score ≥ 2·1 + 3·1", h)
			}
		}
	}
	if !found {
		t.Errorf("whoElse(energie, Amstelveen) lacks Amstelveen: %v", list(r.Data, "whoElse"))
	}
	a.wantError(`{ whoElse(theme: "ruimtevaart") { score } }`, nil, "BAD_USER_INPUT", "theme")
	a.wantError(`{ whoElse { score } }`, nil, "BAD_USER_INPUT", "opgave")

	// Search tolerates typos and diacritics.
	r = a.mustQuery(`{ search(text: "woondeal groot amsterdm proef") { kind label opgave { id } } p: search(text: "anna proef") { kind person { id } } }`, nil)
	if hs := list(r.Data, "search"); len(hs) == 0 || get(hs[0], "opgave.id") != opA {
		t.Errorf("search for A = %v", hs)
	}
	if hs := list(r.Data, "p"); len(hs) == 0 || get(hs[0], "person.id") != anna {
		t.Errorf("search for Anna = %v", hs)
	}

	// Updates are all-or-nothing; deletes report whether something was there.
	a.wantError(`mutation($id: ID!) { updateOpgave(id: $id, input: {title: "Nieuwe titel", endDate: "2020-01-01"}) { id } }`, map[string]any{"id": opA}, "BAD_USER_INPUT", "input.endDate")
	if got := a.mutate("opgave.title", `query($id: ID!) { opgave(id: $id) { title } }`, map[string]any{"id": opA}); got != inA["title"] {
		t.Errorf("a refused update changed the title to %v", got)
	}
	a.mutate("updateOpgave.id", `mutation($id: ID!) { updateOpgave(id: $id, input: {status: AFGEROND}) { id } }`, map[string]any{"id": opA})
	a.wantError(`mutation($id: ID!) { deleteOrganisation(id: $id) { deleted } }`, map[string]any{"id": corp}, "CONFLICT", "id")
	for i, want := range []bool{true, false} {
		if got := a.mutate("deleteOpgave.deleted", `mutation($id: ID!) { deleteOpgave(id: $id) { deleted } }`, map[string]any{"id": opB}); got != want {
			t.Errorf("delete %d of B: deleted = %v, want %v", i+1, got, want)
		}
	}
	r = a.mustQuery(`{ organisation(code: "GM0362") { opgaven(includeEnded: true) { opgave { id } } } }`, nil)
	for _, x := range list(r.Data, "organisation.opgaven") {
		if get(x, "opgave.id") == opB {
			t.Error("Amstelveen still holds a role on the deleted opgave B")
		}
	}
}

var demoLoaded bool

// withDemo loads the generated demo set (seed 1, scale 1) once.
func withDemo(t testing.TB) *api {
	a := newAPI(t)
	if !demoLoaded {
		db := testneo4j.Open(t)
		w, err := db.DemoWorld(context.Background(), samenspel.NewDate(2025, 6, 1))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ReplaceDemo(context.Background(), demo.Generate(w, 1, 1), nil); err != nil {
			t.Fatal(err)
		}
		demoLoaded = true
	}
	return a
}

func TestDemoSetIsPlausible(t *testing.T) {
	a := withDemo(t)
	r := a.mustQuery(`{ all: opgaven(filter: {titleContains: ""}) { totalCount }
		res: opgaven(filter: {themes: ["energie"]}, first: 100) { totalCount edges { node { title generated area { regions { division { key } } } trekker { organisation { kind } } } } } }`, nil)
	if n := get(r.Data, "all.totalCount").(float64); n < 300 {
		t.Errorf("%v opgaven, want at least the 300 of the demo set", n)
	}
	for _, e := range list(r.Data, "res.edges") {
		n := get(e, "node")
		if get(n, "generated") != true {
			continue
		}
		if d := get(n, "area.regions.0.division.key"); d != "res_regio" && d != "res_subregio" {
			t.Errorf("energy opgave %v is on a region of %v, not a RES-regio or one of its subregio's", get(n, "title"), d)
		}
	}
	// Exactly one trekker organisation per opgave (at each level), never two at once.
	r = a.mustQuery(`{ opgaven(filter: {status: [UITVOERING]}, first: 100) { edges { node { title roles(type: TREKKER) { level organisation { id } } } } } }`, nil)
	for _, e := range list(r.Data, "opgaven.edges") {
		seen := map[string]int{}
		for _, role := range list(e, "node.roles") {
			seen[get(role, "level").(string)]++
		}
		if seen["BESTUURLIJK"] > 1 || seen["AMBTELIJK"] > 1 {
			t.Errorf("%v has %v trekkers", get(e, "node.title"), seen)
		}
	}
}

func TestOpgavenOrderByAggregates(t *testing.T) {
	a := withDemo(t)
	q := `query($after: String) { opgaven(orderBy: {field: CONTRIBUTION, direction: DESC}, first: 40, after: $after) {
		pageInfo { hasNextPage endCursor } edges { node { id roles(includeEnded: true) { contributionEuros } } } } }`
	var sums []float64
	var after any
	for page := 0; page < 3; page++ {
		r := a.mustQuery(q, map[string]any{"after": after})
		for _, e := range list(r.Data, "opgaven.edges") {
			s := 0.0
			for _, role := range list(e, "node.roles") {
				if v, ok := get(role, "contributionEuros").(float64); ok {
					s += v
				}
			}
			sums = append(sums, s)
		}
		after = get(r.Data, "opgaven.pageInfo.endCursor")
	}
	for i := 1; i < len(sums); i++ {
		if sums[i] > sums[i-1]+0.01 {
			t.Fatalf("contributions not descending across pages at %d: %v > %v", i, sums[i], sums[i-1])
		}
	}
	r := a.mustQuery(`{ organisations(orderBy: {field: OPGAVEN, direction: DESC}, first: 5) { edges { node { name opgaveCount } } } }`, nil)
	edges := list(r.Data, "organisations.edges")
	for i := 1; i < len(edges); i++ {
		if get(edges[i], "node.opgaveCount").(float64) > get(edges[i-1], "node.opgaveCount").(float64) {
			t.Errorf("organisations not sorted by opgaveCount: %v", edges)
		}
	}
}

func TestOpgavenNoNPlusOne(t *testing.T) {
	a := withDemo(t)
	q := `query($n: Int) { opgaven(first: $n, orderBy: {field: PARTICIPANTS, direction: DESC}) { totalCount edges { node { title participantCount totalContributionEuros
		trekker { organisation { name } person { name } } participants { organisation { name kind } roles { type } }
		contacts { person { name } } area { regions { name memberCount } gemeenten { name } } instruments { name } links { type opgave { title } }
		trustClimate { coverage meanTrust weakestPairs { a { name } b { name } trust } } health { key status organisations { name } } } } } }`
	small := a.mustQuery(q, map[string]any{"n": 2})
	large := a.mustQuery(q, map[string]any{"n": 60})
	if large.Extensions.CypherRoundTrips != small.Extensions.CypherRoundTrips {
		t.Errorf("round trips grow with the result: %d for 2 opgaven, %d for 60", small.Extensions.CypherRoundTrips, large.Extensions.CypherRoundTrips)
	}
	t.Logf("Cypher round trips: %d for 2 opgaven, %d for 60", small.Extensions.CypherRoundTrips, large.Extensions.CypherRoundTrips)
}

func TestAreaWithSeveralGemeenten(t *testing.T) {
	a := newAPI(t)
	id := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Drie steden", "goal": "Samen",
		"themes": []string{"mobiliteit"}, "scale": "REGIONAAL", "area": map[string]any{"gemeenten": []string{"GM0363", "GM0344", "GM0599"},
			"regions": []map[string]any{{"division": "provincie", "code": "PV26"}, {"division": "veiligheidsregio", "code": "VR13"}}}}})
	r := a.mustQuery(`query($id: ID!) { opgave(id: $id) { area { gemeenten { code } regions { id } } } }`, map[string]any{"id": id})
	var codes, regions []string
	for _, g := range list(r.Data, "opgave.area.gemeenten") {
		codes = append(codes, get(g, "code").(string))
	}
	for _, g := range list(r.Data, "opgave.area.regions") {
		regions = append(regions, get(g, "id").(string))
	}
	sort.Strings(codes)
	if strings.Join(codes, ",") != "GM0344,GM0363,GM0599" || len(regions) != 2 {
		t.Errorf("area = %v %v, want the three gemeenten and two regions given", codes, regions)
	}
}
