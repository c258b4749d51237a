package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenspel/samenspel/graph"
	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// The authorization matrix: every row of auth.Policy is asked as every kind of caller, over HTTP
// against the real Neo4j, and the answer must be the one the row gives: allowed, or refused the
// way the schema says (null with UNAUTHENTICATED or FORBIDDEN at the path, a list that leaves
// the item out, HTTP 401 for bad credentials).

// matrixOrg is the organisation the fixture's objects belong to: it leads opgave A, employs
// person P and made the assessments with notes. otherOrg takes part in none of it.
const (
	matrixOrg = "GM0363"
	otherOrg  = "GM0518"
)

// principal is one column of the matrix.
type principal struct {
	name   string
	access samenspel.Access
	org    string
	cred   string
	bad    bool // the credentials are invalid: every request answers 401
}

// fixture holds the shared objects the probes ask about.
type fixture struct {
	opgaveA, opgaveB, person, instrument string
	agreement, result, lesson            string // the practice on opgave A (buildPracticeFixture)
	lead                                 *api   // an editor of matrixOrg (a token), for setting up fresh objects
	admin                                *api
	suffix                               string
}

// probe asks one row. vars may create fresh objects (for destructive mutations, per cell).
type probe struct {
	query string
	vars  func(f *fixture) map[string]any
	path  string // where the answer of the protected field is, dotted, without list indices
	// shown tells, for an answer without errors, whether the protected content is in it; nil means
	// "the value at path is not null".
	shown func(v any) bool
	// leftOut: a role without the right gets the list without the protected items, not an error.
	leftOut bool
	// scopeLeftOut: an allowed role outside its scope gets the items left out, not an error.
	scopeLeftOut bool
	endpoint     string // an HTTP endpoint instead of a GraphQL query
	// upload, when set, is sent as the file variable $file of a multipart request: name and content.
	upload func(f *fixture) (string, []byte)
}

// under: the list at path (below the top field) is not empty.
func under(path string) func(v any) bool {
	return func(v any) bool { return len(list(v, path)) > 0 }
}

func deleted(v any) bool { return get(v, "deleted") == true }

// anyAt reports whether some element along path (lists are walked) is not null.
func anyAt(v any, path string) bool {
	if path == "" {
		return v != nil
	}
	head, rest, _ := strings.Cut(path, ".")
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if anyAt(e, path) {
				return true
			}
		}
		return false
	case map[string]any:
		return anyAt(x[head], rest)
	}
	return false
}

func matrixProbes() map[string]probe {
	id := func(f *fixture, field string, q string, vars map[string]any) string {
		return f.lead.mutate(field, q, vars).(string)
	}
	freshOpgave := func(f *fixture) string {
		return id(f, "createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Matrix opgave " + f.suffix, "goal": "Een toetsbaar doel",
			"themes": []string{"wonen"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{matrixOrg}}}})
	}
	freshPerson := func(f *fixture) string {
		return id(f, "createPerson.id", `mutation($o: ID!) { createPerson(input: {name: "Matrix Medewerker", organisationId: $o, email: "m@example.nl"}) { id } }`, map[string]any{"o": matrixOrg})
	}
	freshInstrument := func(f *fixture, attach bool) string {
		i := id(f, "createInstrument.id", `mutation { createInstrument(input: {name: "Matrixfonds", type: SUBSIDIE}) { id } }`, nil)
		if attach {
			f.lead.mutate("attachInstrument.id", `mutation($i: ID!, $o: ID!) { attachInstrument(instrument: $i, opgave: $o) { id } }`, map[string]any{"i": i, "o": f.opgaveA})
		}
		return i
	}
	freshRole := func(f *fixture) string {
		return id(f, "assignRole.id", `mutation($o: ID!) { assignRole(input: {opgaveId: $o, organisationId: "GM0344", type: DEELNEMER, level: AMBTELIJK, from: "2024-01-01"}) { id } }`,
			map[string]any{"o": freshOpgave(f)})
	}
	freshOrg := func(f *fixture) string {
		return f.admin.mutate("createOrganisation.id", `mutation { createOrganisation(input: {name: "Matrixpartner", kind: PARTNER}) { id } }`, nil).(string)
	}
	opgaveA := func(f *fixture) map[string]any { return map[string]any{"id": f.opgaveA} }
	person := func(f *fixture) map[string]any { return map[string]any{"id": f.person} }
	fromOwn := func(v any) bool {
		for _, h := range list(v, "history") {
			if get(h, "from.id") == matrixOrg {
				return true
			}
		}
		return false
	}
	ownNote := func(field string) func(v any) bool {
		return func(v any) bool {
			for _, h := range list(v, "history") {
				if get(h, "from.id") == matrixOrg && get(h, field) != nil {
					return true
				}
			}
			return false
		}
	}
	trustQ := `query { trust(from: "GM0363", to: "GM0344") { history { from { id } score %s } } }`
	probes := map[string]probe{
		"Query.person":        {query: `query($id: ID!) { person(id: $id) { name } }`, vars: person, path: "person"},
		"Role.person":         {query: `query($id: ID!) { opgave(id: $id) { roles { person { name } } } }`, vars: opgaveA, path: "opgave.roles.person"},
		"Opgave.contacts":     {query: `query($id: ID!) { opgave(id: $id) { contacts { person { name } } } }`, vars: opgaveA, path: "opgave.contacts", shown: under("contacts")},
		"Organisation.people": {query: `query { organisation(code: "GM0363") { people { name } } }`, path: "organisation.people", shown: under("people")},
		"Query.search(people)": {query: `query($t: String!) { search(text: $t) { kind } }`, vars: func(f *fixture) map[string]any { return map[string]any{"t": "Matrixpersoon " + f.suffix} },
			path: "search", leftOut: true, shown: func(v any) bool { return anyKind(v, "PERSON") }},
		"Query.personContact": {query: `query($id: ID!) { personContact(id: $id) { email phone } }`, vars: person, path: "personContact", shown: func(v any) bool { return get(v, "email") != nil }},

		"Opgave.trustClimate": {query: `query($id: ID!) { opgave(id: $id) { trustClimate { pairs meanTrust } } }`, vars: opgaveA, path: "opgave.trustClimate"},
		"Opgave.health(trust)": {query: `query($id: ID!) { opgave(id: $id) { health { key } } }`, vars: opgaveA, path: "opgave.health", leftOut: true,
			shown: func(v any) bool {
				for _, h := range list(v, "health") {
					if get(h, "key") == "TRUST_LEVEL" {
						return true
					}
				}
				return false
			}},
		"TrustClimate.minTrust":      {query: `query($id: ID!) { opgave(id: $id) { trustClimate { minTrust } } }`, vars: opgaveA, path: "opgave.trustClimate.minTrust"},
		"TrustClimate.weakestPairs":  {query: `query($id: ID!) { opgave(id: $id) { trustClimate { weakestPairs { trust } } } }`, vars: opgaveA, path: "opgave.trustClimate.weakestPairs", shown: under("trustClimate.weakestPairs")},
		"Query.trust":                {query: fmt.Sprintf(trustQ, ""), path: "trust", shown: fromOwn, scopeLeftOut: true},
		"TrustAssessment.note":       {query: fmt.Sprintf(trustQ, "note"), path: "trust.history.note", shown: ownNote("note"), scopeLeftOut: true},
		"TrustAssessment.recordedBy": {query: fmt.Sprintf(trustQ, "recordedBy"), path: "trust.history.recordedBy", shown: ownNote("recordedBy"), scopeLeftOut: true},
		"Query.weakLinks":            {query: `query { weakLinks(maxTrust: 5) { a { id } trust } }`, path: "weakLinks"},
		"GET /export/trust":          {endpoint: "/export/trust/json"},
		"GET /export/coalition":      {endpoint: "/export/coalition/json?opgave=%s"},
		"GET /metrics":               {endpoint: "/metrics"},
		"GET /export/workbook.xlsx":  {endpoint: "/export/workbook.xlsx"},
		// The rows of an opgave matrixOrg keeps: its editors may, another organisation's may not.
		"Mutation.importWorkbook": {query: importWorkbook, path: "importWorkbook", upload: func(f *fixture) (string, []byte) {
			return "opgaven.csv", []byte("Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Gebied\n" +
				matrixOrg + ",matrix-" + f.suffix + ",Matrix register " + f.suffix + ",Een toetsbaar doel,wonen,LOKAAL," + matrixOrg + "\n")
		}},

		"Query.auditLog":   {query: `query { auditLog(first: 1) { totalCount } }`, path: "auditLog"},
		"Query.apiKeys":    {query: `query { apiKeys { id } }`, path: "apiKeys"},
		"Query.personData": {query: `query($id: ID!) { personData(id: $id) { email roles { id } } }`, vars: person, path: "personData"},

		"Mutation.createOpgave": {query: `mutation($in: OpgaveInput!) { createOpgave(input: $in) { id } }`, path: "createOpgave",
			vars: func(f *fixture) map[string]any {
				return map[string]any{"in": map[string]any{"title": "Nieuwe opgave " + f.suffix, "goal": "Een doel", "themes": []string{"wonen"}, "scale": "LOKAAL",
					"area": map[string]any{"gemeenten": []string{matrixOrg}}}}
			}},
		"Mutation.updateOpgave": {query: `mutation($id: ID!) { updateOpgave(id: $id, input: {description: "bijgewerkt"}) { id } }`, vars: opgaveA, path: "updateOpgave"},
		"Mutation.deleteOpgave": {query: `mutation($id: ID!) { deleteOpgave(id: $id) { deleted } }`, path: "deleteOpgave", shown: deleted,
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshOpgave(f)} }},
		"Mutation.assignRole": {query: `mutation($o: ID!) { assignRole(input: {opgaveId: $o, organisationId: "GM0344", type: DEELNEMER, level: AMBTELIJK}) { id } }`, path: "assignRole",
			vars: func(f *fixture) map[string]any { return map[string]any{"o": freshOpgave(f)} }},
		"Mutation.endRole": {query: `mutation($id: ID!, $d: Date!) { endRole(id: $id, until: $d) { id } }`, path: "endRole",
			vars: func(f *fixture) map[string]any {
				return map[string]any{"id": freshRole(f), "d": time.Now().Format("2006-01-02")}
			}},
		"Mutation.createPerson": {query: `mutation($o: ID!) { createPerson(input: {name: "Nieuwe Medewerker", organisationId: $o}) { id } }`, path: "createPerson",
			vars: func(f *fixture) map[string]any { return map[string]any{"o": matrixOrg} }},
		"Mutation.updatePerson": {query: `mutation($id: ID!) { updatePerson(id: $id, input: {function: "adviseur"}) { id } }`, path: "updatePerson",
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshPerson(f)} }},
		"Mutation.deletePerson": {query: `mutation($id: ID!) { deletePerson(id: $id) { deleted } }`, path: "deletePerson", shown: deleted,
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshPerson(f)} }},
		"Mutation.createOrganisation": {query: `mutation { createOrganisation(input: {name: "Nieuwe partner", kind: PARTNER}) { id } }`, path: "createOrganisation"},
		"Mutation.updateOrganisation": {query: `mutation($id: ID!) { updateOrganisation(id: $id, input: {name: "Hernoemde partner"}) { id } }`, path: "updateOrganisation",
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshOrg(f)} }},
		"Mutation.deleteOrganisation": {query: `mutation($id: ID!) { deleteOrganisation(id: $id) { deleted } }`, path: "deleteOrganisation", shown: deleted,
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshOrg(f)} }},
		"Mutation.createInstrument": {query: `mutation { createInstrument(input: {name: "Nieuw fonds", type: SUBSIDIE}) { id } }`, path: "createInstrument"},
		"Mutation.updateInstrument": {query: `mutation($id: ID!) { updateInstrument(id: $id, input: {amountEuros: 1000}) { id } }`, path: "updateInstrument",
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshInstrument(f, true)} }},
		"Mutation.deleteInstrument": {query: `mutation($id: ID!) { deleteInstrument(id: $id) { deleted } }`, path: "deleteInstrument", shown: deleted,
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshInstrument(f, true)} }},
		"Mutation.attachInstrument": {query: `mutation($i: ID!, $o: ID!) { attachInstrument(instrument: $i, opgave: $o) { id } }`, path: "attachInstrument",
			vars: func(f *fixture) map[string]any { return map[string]any{"i": freshInstrument(f, false), "o": f.opgaveA} }},
		"Mutation.detachInstrument": {query: `mutation($i: ID!, $o: ID!) { detachInstrument(instrument: $i, opgave: $o) { id } }`, path: "detachInstrument",
			vars: func(f *fixture) map[string]any { return map[string]any{"i": freshInstrument(f, true), "o": f.opgaveA} }},
		"Mutation.linkOpgaven": {query: `mutation($a: ID!, $b: ID!) { linkOpgaven(from: $a, to: $b, type: REINFORCES, note: "samen sterker") { type } }`, path: "linkOpgaven",
			vars: func(f *fixture) map[string]any { return map[string]any{"a": f.opgaveA, "b": f.opgaveB} }},
		"Mutation.unlinkOpgaven": {query: `mutation($a: ID!, $b: ID!) { unlinkOpgaven(from: $a, to: $b, type: DEPENDS_ON) { deleted } }`, path: "unlinkOpgaven", shown: deleted,
			vars: func(f *fixture) map[string]any {
				c := freshOpgave(f)
				f.lead.mutate("linkOpgaven.type", `mutation($a: ID!, $b: ID!) { linkOpgaven(from: $a, to: $b, type: DEPENDS_ON) { type } }`, map[string]any{"a": c, "b": f.opgaveB})
				return map[string]any{"a": c, "b": f.opgaveB}
			}},
		"Mutation.recordTrustAssessment": {query: `mutation { recordTrustAssessment(input: {from: "GM0363", to: "GM0599", score: 4, recordedBy: "Matrix"}) { id } }`, path: "recordTrustAssessment"},
		"Mutation.createApiKey":          {query: `mutation { createApiKey(input: {name: "matrix", organisation: "GM0363", role: "viewer"}) { key } }`, path: "createApiKey"},
		"Mutation.revokeApiKey": {query: `mutation($id: ID!) { revokeApiKey(id: $id) { revoked } }`, path: "revokeApiKey",
			vars: func(f *fixture) map[string]any {
				k := f.admin.mutate("createApiKey.apiKey.id", `mutation { createApiKey(input: {name: "te intrekken", role: "analyst"}) { apiKey { id } } }`, nil)
				return map[string]any{"id": k}
			}},
		"Mutation.erasePerson": {query: `mutation($id: ID!) { erasePerson(id: $id) { deleted } }`, path: "erasePerson", shown: deleted,
			vars: func(f *fixture) map[string]any { return map[string]any{"id": freshPerson(f)} }},
	}
	for name, p := range practiceProbes() {
		probes[name] = p
	}
	return probes
}

func anyKind(v any, kind string) bool {
	for _, h := range list(map[string]any{"l": v}, "l") {
		if get(h, "kind") == kind {
			return true
		}
	}
	return false
}

// buildMatrixFixture makes opgave A (matrixOrg trekker with person P, GM0344, GM0599 and GM0394
// deelnemer, an instrument), opgave B, and assessments among A's participants by matrixOrg (one
// with a note) and by three others (so that the climate may be shown).
func buildMatrixFixture(a *api, suffix string) *fixture {
	f := &fixture{admin: a.as(a.admin), suffix: suffix}
	f.lead = a.as(a.iss.user(a.t, matrixOrg, "editor"))
	f.person = f.lead.mutate("createPerson.id", `mutation($n: String!) { createPerson(input: {name: $n, function: "programmamanager", organisationId: "GM0363", email: "p@amsterdam.example", phone: "020 123"}) { id } }`,
		map[string]any{"n": "Matrixpersoon " + suffix}).(string)
	f.opgaveA = f.lead.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Matrix A " + suffix, "goal": "Wonen",
		"themes": []string{"wonen"}, "scale": "REGIONAAL", "status": "UITVOERING", "area": map[string]any{"gemeenten": []string{"GM0363", "GM0344"}},
		"ownRoleLevel": "BESTUURLIJK"}}).(string)
	for _, in := range []map[string]any{
		{"organisationId": matrixOrg, "personId": f.person, "type": "TREKKER", "level": "AMBTELIJK"},
		{"organisationId": "GM0344", "type": "DEELNEMER", "level": "AMBTELIJK"},
		{"organisationId": "GM0599", "type": "DEELNEMER", "level": "AMBTELIJK"},
		{"organisationId": "GM0394", "type": "DEELNEMER", "level": "AMBTELIJK"},
	} {
		in["opgaveId"] = f.opgaveA
		f.lead.mutate("assignRole.id", assignRole, map[string]any{"in": in})
	}
	f.opgaveB = f.lead.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Matrix B " + suffix, "goal": "Werken",
		"themes": []string{"arbeidsmarkt"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
	f.instrument = f.lead.mutate("createInstrument.id", `mutation { createInstrument(input: {name: "Matrixdeal", type: REGIO_DEAL}) { id } }`, nil).(string)
	f.lead.mutate("attachInstrument.id", `mutation($i: ID!, $o: ID!) { attachInstrument(instrument: $i, opgave: $o) { id } }`, map[string]any{"i": f.instrument, "o": f.opgaveA})
	record := `mutation($in: TrustAssessmentInput!) { recordTrustAssessment(input: $in) { id } }`
	f.lead.mutate("recordTrustAssessment.id", record, map[string]any{"in": map[string]any{"to": "GM0344", "score": 2, "note": "Afspraken lopen vaak uit", "recordedBy": "P. Matrix", "opgaveId": f.opgaveA}})
	f.lead.mutate("recordTrustAssessment.id", record, map[string]any{"in": map[string]any{"to": "GM0599", "score": 4, "recordedBy": "P. Matrix"}})
	// Three other organisations assessed too, so that matrixOrg's own users see the climate.
	for _, a := range [][2]string{{"GM0344", matrixOrg}, {"GM0599", "GM0344"}, {"GM0394", "GM0599"}} {
		f.admin.mutate("recordTrustAssessment.id", record, map[string]any{"in": map[string]any{"from": a[0], "to": a[1], "score": 3, "note": "Goed", "recordedBy": "Q. Matrix"}})
	}
	buildPracticeFixture(f)
	return f
}

// principals are the matrix's columns.
func matrixPrincipals(a *api) []principal {
	t := a.t
	revoked, revokedID := a.keyWithID(samenspel.Admin, "")
	a.as(a.admin).mutate("revokeApiKey.id", `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, map[string]any{"id": revokedID})
	past := time.Now().Add(-time.Hour).Unix()
	return []principal{
		{name: "anonymous", access: samenspel.Anonymous},
		{name: "viewer", access: samenspel.Viewer, org: matrixOrg, cred: a.iss.user(t, matrixOrg, "viewer")},
		{name: "editor of " + matrixOrg, access: samenspel.Editor, org: matrixOrg, cred: a.iss.user(t, matrixOrg, "editor")},
		{name: "editor of " + otherOrg, access: samenspel.Editor, org: otherOrg, cred: a.key(samenspel.Editor, otherOrg)},
		{name: "analyst", access: samenspel.Analyst, org: matrixOrg, cred: a.key(samenspel.Analyst, matrixOrg)},
		{name: "admin", access: samenspel.Admin, cred: a.admin},
		{name: "expired token", access: samenspel.Editor, org: matrixOrg, bad: true,
			cred: a.iss.token(t, map[string]any{"sub": "old", "samenspel_org": matrixOrg, "samenspel_roles": []string{"editor"}, "exp": time.Now().Add(-time.Minute).Unix(), "iat": past, "nbf": past})},
		{name: "revoked key", access: samenspel.Admin, bad: true, cred: revoked},
		{name: "wrong audience", access: samenspel.Editor, org: matrixOrg, bad: true,
			cred: a.iss.token(t, map[string]any{"sub": "elsewhere", "aud": "another-service", "samenspel_org": matrixOrg, "samenspel_roles": []string{"editor"}})},
	}
}

// expect is what a cell should answer: allowed, or refused with the code.
func expect(rule auth.Rule, p principal) (allowed bool, code string, leftOutByScope bool) {
	if p.bad {
		return false, "", false
	}
	code = "FORBIDDEN"
	if p.access == samenspel.Anonymous {
		code = "UNAUTHENTICATED"
	}
	scope, ok := rule.Who[p.access]
	if !ok {
		return false, code, false
	}
	switch scope {
	case auth.Everywhere, auth.AtLeastThree: // three organisations besides matrixOrg assessed in A
		return true, "", false
	default: // every scoped object of the fixture belongs to, is led by or was assessed by matrixOrg
		if p.org == matrixOrg {
			return true, "", false
		}
		return false, "FORBIDDEN", true
	}
}

func stripIndices(path []any) string {
	var parts []string
	for _, p := range path {
		if s, ok := p.(string); ok {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ".")
}

// TestAuthorizationMatrix asks every policy row as every principal.
func TestAuthorizationMatrix(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("Zq%d", time.Now().UnixNano()%1e6)
	f := buildMatrixFixture(a, suffix)
	probes := matrixProbes()
	principals := matrixPrincipals(a)

	for name := range probes {
		if _, ok := auth.RuleFor(name); !ok {
			t.Errorf("probe %s has no row in the policy", name)
		}
	}
	cells := 0
	for _, rule := range auth.Policy {
		pr, ok := probes[rule.Name]
		if !ok {
			t.Errorf("policy row %s has no probe in the authorization matrix", rule.Name)
			continue
		}
		for _, p := range principals {
			cells++
			allowed, code, byScope := expect(rule, p)
			cell := fmt.Sprintf("%s as %s", rule.Name, p.name)
			if pr.endpoint != "" {
				askEndpoint(t, a.as(p.cred), pr.endpoint, f, cell, allowed, code)
				continue
			}
			var vars map[string]any
			if pr.vars != nil {
				vars = pr.vars(f)
			}
			contentType, body := "application/json", []byte(nil)
			if pr.upload != nil {
				name, content := pr.upload(f)
				contentType, body = multipartRequest(pr.query, vars, name, content)
			} else {
				body, _ = json.Marshal(map[string]any{"query": pr.query, "variables": vars})
			}
			status, _, raw := a.as(p.cred).post(contentType, body)
			if p.bad {
				if status != http.StatusUnauthorized {
					t.Errorf("%s: status %d, want 401: %s", cell, status, raw)
				}
				continue
			}
			var r gqlResponse
			if err := json.Unmarshal(raw, &r); err != nil || status != http.StatusOK {
				t.Errorf("%s: status %d: %s", cell, status, raw)
				continue
			}
			var authErr *gqlError
			for i, e := range r.Errors {
				c, _ := e.Extensions["code"].(string)
				if c != "FORBIDDEN" && c != "UNAUTHENTICATED" {
					t.Errorf("%s: unexpected error %s", cell, raw)
					continue
				}
				if ep := stripIndices(e.Path); ep == "" || !strings.HasPrefix(pr.path+".", ep+".") {
					t.Errorf("%s: %s at %v, not at %s or above", cell, c, e.Path, pr.path)
				}
				authErr = &r.Errors[i]
			}
			top, rest, _ := strings.Cut(pr.path, ".")
			v := get(r.Data, top)
			shown := anyAt(v, rest)
			if pr.shown != nil {
				shown = v != nil && pr.shown(v)
			}
			switch {
			case allowed:
				if authErr != nil || !shown {
					t.Errorf("%s: want allowed, got %s", cell, raw)
				}
			case (pr.leftOut && !byScope) || (pr.scopeLeftOut && byScope):
				if authErr != nil || shown {
					t.Errorf("%s: want the protected items left out (no error), got %s", cell, raw)
				}
			default:
				if authErr == nil || authErr.Extensions["code"] != code {
					t.Errorf("%s: want null with %s, got %s", cell, code, raw)
				}
				if shown {
					t.Errorf("%s: refused, but the data is in the answer: %s", cell, raw)
				}
			}
		}
	}
	t.Logf("authorization matrix: %d rows × %d principals = %d cells", len(auth.Policy), len(principals), cells)
}

func askEndpoint(t *testing.T, a *api, endpoint string, f *fixture, cell string, allowed bool, code string) {
	t.Helper()
	path := endpoint
	if strings.Contains(path, "%s") {
		path = fmt.Sprintf(path, f.opgaveA)
	}
	resp, err := a.request(http.MethodGet, path, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want := http.StatusOK
	switch {
	case allowed:
	case code == "FORBIDDEN":
		want = http.StatusForbidden
	default: // anonymous or bad credentials
		want = http.StatusUnauthorized
	}
	if resp.StatusCode != want {
		t.Errorf("%s: status %d, want %d: %.200s", cell, resp.StatusCode, want, body)
	}
	if want == http.StatusUnauthorized && resp.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("%s: 401 without WWW-Authenticate", cell)
	}
}

// TestEveryMutationHasAPolicyRow: a new mutation cannot be added without deciding who may use it.
func TestEveryMutationHasAPolicyRow(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	var missing []string
	for _, f := range schema.Mutation.Fields {
		if _, ok := auth.RuleFor("Mutation." + f.Name); !ok {
			missing = append(missing, f.Name)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("mutations without a row in auth.Policy (and so open to anyone): %v", missing)
	}
}
