package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/server"
)

func errorCode(r gqlResponse) string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// TestTrustRecordedAsAnotherOrganisationIsRefused: `from` is the caller's organisation; naming
// another is refused and writes nothing, and leaving it out records as the caller's.
func TestTrustRecordedAsAnotherOrganisationIsRefused(t *testing.T) {
	a := newAPI(t)
	admin := a.as(a.admin)
	count := func() int {
		return len(list(admin.mustQuery(`{ trust(from: "GM0363", to: "GM1680") { history { id } } }`, nil).Data, "trust.history"))
	}
	before := count()
	editor := a.as(a.key(samenspel.Editor, "GM0518"))
	r := editor.query(`mutation { recordTrustAssessment(input: {from: "GM0363", to: "GM1680", score: 1, recordedBy: "Spoof"}) { id } }`, nil)
	if errorCode(r) != "FORBIDDEN" || get(r.Data, "recordTrustAssessment") != nil {
		t.Fatalf("an assessment in another organisation's name: %s", r.raw)
	}
	if got := count(); got != before {
		t.Errorf("the refused assessment was stored: %d assessments, had %d", got, before)
	}
	r = editor.mustQuery(`mutation { recordTrustAssessment(input: {to: "GM1680", score: 3, recordedBy: "Eigen"}) { from { id } to { id } } }`, nil)
	if get(r.Data, "recordTrustAssessment.from.id") != "GM0518" {
		t.Errorf("without from, the assessment should be the caller's organisation's: %s", r.raw)
	}
	// A viewer, even of the right organisation, records nothing.
	viewer := a.as(a.iss.user(t, "GM0363", "viewer"))
	if r := viewer.query(`mutation { recordTrustAssessment(input: {to: "GM1680", score: 5, recordedBy: "Kijker"}) { id } }`, nil); errorCode(r) != "FORBIDDEN" {
		t.Errorf("a viewer's assessment: %s", r.raw)
	}
	if got := count(); got != before {
		t.Errorf("GM0363's assessments changed: %d, had %d", got, before)
	}
}

// TestAuditTrail: every successful change and every sensitive read of one caller is in the trail,
// in order, with the fields before and after and personal data masked; failed, refused and
// rolled-back changes leave nothing.
func TestAuditTrail(t *testing.T) {
	a := newAPI(t)
	secret, keyID := a.keyWithID(samenspel.Editor, "GM0363")
	ed := a.as(secret)
	other := a.as(a.key(samenspel.Editor, "GM0518"))
	foreign := other.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Opgave van Hengelo", "goal": "Iets",
		"themes": []string{"wonen"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0164"}}}})

	var want []string
	ok := func(op, query string, vars map[string]any) any {
		t.Helper()
		r := ed.mustQuery(query, vars)
		want = append(want, op)
		return r.Data
	}
	fails := func(code, query string, vars map[string]any) {
		t.Helper()
		if r := ed.query(query, vars); errorCode(r) != code {
			t.Fatalf("want %s, got %s", code, r.raw)
		}
	}
	d := ok("createOpgave", createOpgave, map[string]any{"in": map[string]any{"title": "Auditopgave", "goal": "Alles vastgelegd",
		"themes": []string{"bestuur"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}})
	opgave := get(d, "createOpgave.id").(string)
	ok("updateOpgave", `mutation($id: ID!) { updateOpgave(id: $id, input: {title: "Auditopgave herzien"}) { id } }`, map[string]any{"id": opgave})
	fails("BAD_USER_INPUT", `mutation($id: ID!) { updateOpgave(id: $id, input: {title: ""}) { id } }`, map[string]any{"id": opgave})
	fails("CONFLICT", `mutation($id: ID!) { assignRole(input: {opgaveId: $id, organisationId: "GM0344", type: TREKKER, level: AMBTELIJK}) { id } }`, map[string]any{"id": opgave})
	fails("FORBIDDEN", `mutation($id: ID!) { deleteOpgave(id: $id) { deleted } }`, map[string]any{"id": foreign})
	fails("FORBIDDEN", `mutation { deleteOrganisation(id: "GM0363") { deleted } }`, nil)
	fails("BAD_USER_INPUT", `mutation { updatePerson(id: "no-such-person", input: {function: "x"}) { id } }`, nil)
	d = ok("createPerson", `mutation { createPerson(input: {name: "Auditpersoon Geheim", organisationId: "GM0363", email: "geheim@example.nl"}) { id } }`, nil)
	person := get(d, "createPerson.id").(string)
	ok("personContact", `query($id: ID!) { personContact(id: $id) { email } }`, map[string]any{"id": person})
	ok("recordTrustAssessment", `mutation { recordTrustAssessment(input: {to: "GM0344", score: 4, note: "Vertrouwelijk", recordedBy: "Auditpersoon Geheim"}) { id } }`, nil)
	ok("trust", `{ trust(from: "GM0363", to: "GM0344") { history { id } } }`, nil)
	// A document whose second mutation fails: the first took effect and is in the trail, the
	// second is not.
	r := ed.query(`mutation($id: ID!) { a: updateOpgave(id: $id, input: {goal: "Nieuw doel"}) { id } b: updateOpgave(id: $id, input: {title: "   "}) { id } }`, map[string]any{"id": opgave})
	if get(r.Data, "a") == nil || get(r.Data, "b") != nil || errorCode(r) != "BAD_USER_INPUT" {
		t.Fatalf("two mutations, the second invalid: %s", r.raw)
	}
	want = append(want, "updateOpgave")

	log := a.as(a.admin).mustQuery(`query($k: String!) { auditLog(filter: {actor: $k}, first: 100) { totalCount
		edges { node { operation actor via organisation role subjects before after } } } }`, map[string]any{"k": keyID})
	events := list(log.Data, "auditLog.edges")
	var got []string
	for i := len(events) - 1; i >= 0; i-- { // newest first
		got = append(got, get(events[i], "node.operation").(string))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("audit trail of the key:\n got %v\nwant %v", got, want)
	}
	if n := get(log.Data, "auditLog.totalCount"); n != float64(len(want)) {
		t.Errorf("totalCount %v, want %d", n, len(want))
	}
	titled, goal := false, false
	for _, e := range events {
		n := get(e, "node").(map[string]any)
		if n["actor"] != keyID || n["via"] != "apikey" || n["organisation"] != "GM0363" || n["role"] != "editor" {
			t.Errorf("event without its caller: %v", n)
		}
		if s := fmt.Sprint(n["before"], n["after"]); strings.Contains(s, "Geheim") || strings.Contains(s, "geheim@") || strings.Contains(s, "Vertrouwelijk") {
			t.Errorf("personal data or a note in the trail: %v", n)
		}
		switch n["operation"] {
		case "updateOpgave":
			b, af := fmt.Sprint(n["before"]), fmt.Sprint(n["after"])
			titled = titled || (strings.Contains(b, `"title":"Auditopgave"`) && strings.Contains(af, `"title":"Auditopgave herzien"`))
			goal = goal || (strings.Contains(b, `"goal":"Alles vastgelegd"`) && strings.Contains(af, `"goal":"Nieuw doel"`))
		case "personContact":
			if s := list(n, "subjects"); len(s) != 1 || s[0] != person {
				t.Errorf("contact read without the person: %v", n)
			}
		}
	}
	if !titled || !goal {
		t.Errorf("the updates' events lack the fields before and after (title %v, goal %v)", titled, goal)
	}
	// The CLI's export holds the same events.
	evs, err := a.db.AuditEvents(samenspel.WithCaller(t.Context(), samenspel.System("test")), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Actor == keyID {
			n++
		}
	}
	if n != len(want) {
		t.Errorf("AuditEvents holds %d events of the key, want %d", n, len(want))
	}
}

// TestErasePerson: an admin exports what is held about a person, then erases them: the person is
// gone, their role stays as a role of the organisation, and both are in the audit trail.
func TestErasePerson(t *testing.T) {
	a := newAPI(t)
	ed := a.as(a.iss.user(t, "GM0363", "editor"))
	admin := a.as(a.admin)
	p := ed.mutate("createPerson.id", `mutation { createPerson(input: {name: "Wies Wisbaar", function: "projectleider", organisationId: "GM0363", email: "wies@example.nl", phone: "06 1"}) { id } }`, nil).(string)
	o := ed.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Vergeetopgave", "goal": "Doel",
		"themes": []string{"bestuur"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
	role := ed.mutate("assignRole.id", assignRole, map[string]any{"in": map[string]any{"opgaveId": o, "organisationId": "GM0363", "personId": p, "type": "ADVISEUR", "level": "AMBTELIJK"}}).(string)
	ed.mustQuery(`mutation { recordTrustAssessment(input: {to: "GM0344", score: 3, recordedBy: "Wies Wisbaar"}) { id } }`, nil)

	data := admin.mustQuery(`query($id: ID!) { personData(id: $id) { person { name function } email phone roles { id } auditEvents { operation } } }`, map[string]any{"id": p})
	if get(data.Data, "personData.email") != "wies@example.nl" || get(data.Data, "personData.person.name") != "Wies Wisbaar" || len(list(data.Data, "personData.roles")) != 1 {
		t.Errorf("personData: %s", data.raw)
	}
	if ops := fmt.Sprint(list(data.Data, "personData.auditEvents")); !strings.Contains(ops, "createPerson") || !strings.Contains(ops, "assignRole") {
		t.Errorf("personData's audit events miss the person's creation and role: %s", ops)
	}
	if r := ed.query(`mutation($id: ID!) { erasePerson(id: $id) { deleted } }`, map[string]any{"id": p}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("an editor erased a person: %s", r.raw)
	}
	r := admin.mustQuery(`mutation($id: ID!) { erasePerson(id: $id) { deleted } }`, map[string]any{"id": p})
	if get(r.Data, "erasePerson.deleted") != true {
		t.Fatalf("erase: %s", r.raw)
	}
	if r := admin.query(`query($id: ID!) { person(id: $id) { name } }`, map[string]any{"id": p}); get(r.Data, "person") != nil || errorCode(r) != "NOT_FOUND" {
		t.Errorf("the erased person is still there: %s", r.raw)
	}
	roles := admin.mustQuery(`query($id: ID!) { opgave(id: $id) { roles { id type organisation { id } person { name } } } }`, map[string]any{"id": o})
	found := false
	for _, rl := range list(roles.Data, "opgave.roles") {
		if get(rl, "id") == role {
			found = true
			if get(rl, "organisation.id") != "GM0363" || get(rl, "person") != nil || get(rl, "type") != "ADVISEUR" {
				t.Errorf("the role after the erase: %v", rl)
			}
		}
	}
	if !found {
		t.Errorf("the erased person's role is gone: %s", roles.raw)
	}
	if s := admin.mustQuery(`{ search(text: "Wies Wisbaar") { kind label } }`, nil); strings.Contains(string(s.raw), "Wisbaar") {
		t.Errorf("search still finds the erased person: %s", s.raw)
	}
	if h := admin.mustQuery(`{ trust(from: "GM0363", to: "GM0344") { history { recordedBy } } }`, nil); strings.Contains(string(h.raw), "Wisbaar") {
		t.Errorf("the erased person's name is still on an assessment: %s", h.raw)
	}
	trail := admin.mustQuery(`query($id: ID!) { auditLog(filter: {subject: $id}, first: 100) { edges { node { operation before after } } } }`, map[string]any{"id": p})
	if !strings.Contains(string(trail.raw), `"erasePerson"`) || !strings.Contains(string(trail.raw), `"personData"`) {
		t.Errorf("the export and the erase are not both in the trail: %s", trail.raw)
	}
	if strings.Contains(string(trail.raw), "Wisbaar") || strings.Contains(string(trail.raw), "wies@") {
		t.Errorf("the trail keeps the erased person's data: %s", trail.raw)
	}
}

// TestRateLimits: past the bucket, 429 with Retry-After, per client address and per credential.
func TestRateLimits(t *testing.T) {
	a := newAPI(t)
	b := a.with(t, server.Options{Limits: auth.Limits{PerAddress: 0.5, AddressBurst: 3, PerCredential: 1e6, CredBurst: 1e6}})
	statuses := func(b *api, n int) ([]int, string) {
		var out []int
		retry := ""
		for range n {
			resp, err := b.request(http.MethodPost, "/graphql", "application/json", []byte(`{"query":"{ me { role } }"}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			out = append(out, resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests {
				retry = resp.Header.Get("Retry-After")
			}
		}
		return out, retry
	}
	got, retry := statuses(b.as(""), 5)
	if fmt.Sprint(got) != "[200 200 200 429 429]" || retry == "" {
		t.Errorf("per address, burst 3: %v, Retry-After %q", got, retry)
	}
	c := a.with(t, server.Options{Limits: auth.Limits{PerAddress: 1e6, AddressBurst: 1e6, PerCredential: 0.5, CredBurst: 2}})
	k1, k2 := a.key(samenspel.Viewer, "GM0363"), a.key(samenspel.Viewer, "GM0363")
	got1, retry := statuses(c.as(k1), 3)
	got2, _ := statuses(c.as(k2), 2)
	if fmt.Sprint(got1) != "[200 200 429]" || fmt.Sprint(got2) != "[200 200]" || retry == "" {
		t.Errorf("per credential, burst 2: key 1 %v (Retry-After %q), key 2 %v", got1, retry, got2)
	}
	// Guessing keys counts against the address too.
	d := a.with(t, server.Options{Limits: auth.Limits{PerAddress: 0.5, AddressBurst: 3, PerCredential: 1e6, CredBurst: 1e6}})
	if got, _ := statuses(d.as("ssk_guess"), 5); fmt.Sprint(got) != "[401 401 401 429 429]" {
		t.Errorf("invalid keys from one address: %v", got)
	}
}

// TestTokens: the claims give role and organisation; tokens not yet valid, from another issuer,
// without an organisation, or garbled answer 401; after the issuer rotates its key, new tokens
// are verified with the new key from the JWKS.
func TestTokens(t *testing.T) {
	a := newAPI(t)
	me := func(cred string) (int, string) {
		body := []byte(`{"query":"{ me { role organisation { id } via name } }"}`)
		status, h, raw := a.as(cred).post("application/json", body)
		if status == http.StatusUnauthorized && !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("401 without WWW-Authenticate: Bearer: %v", h)
		}
		return status, string(raw)
	}
	if s, raw := me(a.iss.user(t, "GM0363", "editor")); s != 200 || !strings.Contains(raw, `"role":"editor"`) || !strings.Contains(raw, `"GM0363"`) || !strings.Contains(raw, `"via":"token"`) {
		t.Errorf("an editor's token: %d %s", s, raw)
	}
	if s, raw := me(a.iss.token(t, map[string]any{"sub": "x", "samenspel_org": "GM0363", "samenspel_roles": []string{"viewer", "analyst"}})); s != 200 || !strings.Contains(raw, `"role":"analyst"`) {
		t.Errorf("a token with two roles counts the stronger: %d %s", s, raw)
	}
	other := newIssuer(t)
	for name, tok := range map[string]string{
		"not yet valid":     a.iss.token(t, map[string]any{"sub": "x", "samenspel_org": "GM0363", "nbf": time.Now().Add(time.Hour).Unix()}),
		"another issuer":    other.token(t, map[string]any{"sub": "x", "iss": a.iss.srv.URL, "samenspel_org": "GM0363"}),
		"no organisation":   a.iss.token(t, map[string]any{"sub": "x", "samenspel_roles": []string{"editor"}}),
		"garbled":           a.iss.user(t, "GM0363", "editor")[:40] + "xyz",
		"unknown API key":   "ssk_doesnotexist",
		"issued for others": a.iss.token(t, map[string]any{"sub": "x", "aud": []string{"other"}, "samenspel_org": "GM0363"}),
	} {
		if s, raw := me(tok); s != http.StatusUnauthorized {
			t.Errorf("%s: %d %s, want 401", name, s, raw)
		}
	}
	old := a.iss.user(t, "GM0363", "viewer")
	a.iss.rotate(t)
	if s, raw := me(a.iss.user(t, "GM0363", "viewer")); s != 200 {
		t.Errorf("a token signed with the rotated key: %d %s", s, raw)
	}
	if s, raw := me(old); s != 200 {
		t.Errorf("a token signed with the earlier key, still published: %d %s", s, raw)
	}
	if s, raw := me(""); s != 200 || !strings.Contains(raw, `"role":"anonymous"`) {
		t.Errorf("no credentials: %d %s", s, raw)
	}
}

// TestAPIKeyExpiresAndKeepsLastUsed: an expired key answers 401; a used key has lastUsed; a key
// revoked through the API stops working at once on this replica.
func TestAPIKeyExpiresAndKeepsLastUsed(t *testing.T) {
	a := newAPI(t)
	admin := a.as(a.admin)
	r := admin.mustQuery(`mutation { createApiKey(input: {name: "dashboard provincie", organisation: "PV26", role: "analyst", expiresInDays: 30}) { key apiKey { id expires lastUsed } } }`, nil)
	key, id := get(r.Data, "createApiKey.key").(string), get(r.Data, "createApiKey.apiKey.id").(string)
	if !strings.HasPrefix(key, "ssk_") || get(r.Data, "createApiKey.apiKey.expires") == nil || get(r.Data, "createApiKey.apiKey.lastUsed") != nil {
		t.Errorf("new key: %s", r.raw)
	}
	a.as(key).mustQuery(`{ weakLinks(first: 1) { trust } }`, nil)
	deadline := time.Now().Add(5 * time.Second)
	for {
		keys := admin.mustQuery(`{ apiKeys { id lastUsed } }`, nil)
		used := false
		for _, k := range list(keys.Data, "apiKeys") {
			used = used || (get(k, "id") == id && get(k, "lastUsed") != nil)
		}
		if used {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("lastUsed not recorded: %s", keys.raw)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(a.log.String(), key) {
		t.Errorf("the key is in the server's log")
	}
	// Revoked here, it stops working at once, although it was just used (and so is cached).
	admin.mustQuery(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, map[string]any{"id": id})
	if status, _, raw := a.as(key).post("application/json", []byte(`{"query":"{ me { role } }"}`)); status != http.StatusUnauthorized || !strings.Contains(string(raw), "revoked") {
		t.Errorf("a key just revoked: %d %s", status, raw)
	}
	// An expired key.
	secret, hash, kid := auth.NewKey()
	past := time.Now().Add(-time.Hour)
	if _, err := a.db.CreateAPIKey(samenspel.WithCaller(t.Context(), samenspel.System("test")), samenspel.APIKey{ID: kid, Name: "old", Access: samenspel.Analyst, Hash: hash, Expires: &past}); err != nil {
		t.Fatal(err)
	}
	if status, _, raw := a.as(secret).post("application/json", []byte(`{"query":"{ me { role } }"}`)); status != http.StatusUnauthorized || !strings.Contains(string(raw), "expired") {
		t.Errorf("an expired key: %d %s", status, raw)
	}
}

// TestIntrospectionSetting: "signed-in" keeps the schema from anonymous callers, "off" from all.
func TestIntrospectionSetting(t *testing.T) {
	a := newAPI(t)
	const q = `{ __schema { queryType { name } } }`
	for _, tc := range []struct {
		mode         string
		anon, signed bool
	}{{"all", true, true}, {"signed-in", false, true}, {"off", false, false}} {
		b := a.with(t, server.Options{Introspection: tc.mode})
		for who, want := range map[string]bool{"": tc.anon, a.admin: tc.signed} {
			r := b.as(who).query(q, nil)
			if got := get(r.Data, "__schema.queryType.name") == "Query"; got != want {
				t.Errorf("introspection %s, signed in %v: got the schema %v, want %v: %s", tc.mode, who != "", got, want, r.raw)
			}
		}
	}
}

// TestEditorsStayInTheirScope: the ways an editor could widen its own rights are closed. An
// editor names only its own people on roles, cannot make itself a leader of an opgave it merely
// takes part in, cannot take over a shared instrument by attaching it, cannot reopen contact
// details through an ended role, and cannot read another caller's object by replaying its client
// key.
func TestEditorsStayInTheirScope(t *testing.T) {
	a := newAPI(t)
	ams := a.as(a.key(samenspel.Editor, "GM0363"))
	oss := a.as(a.key(samenspel.Editor, "GM0828"))
	newOpgave := func(ed *api, title string) string {
		return ed.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": title, "goal": "Doel",
			"themes": []string{"economie"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
	}
	role := `mutation($in: RoleInput!) { assignRole(input: $in) { id } }`
	ossPerson := oss.mutate("createPerson.id", `mutation { createPerson(input: {name: "Olga Ossenaar", organisationId: "GM0828", email: "olga@oss.example"}) { id } }`, nil).(string)

	// Naming another organisation's person on a role (which would open their contact details).
	mine := newOpgave(ams, "Scope Amsterdam")
	r := ams.query(role, map[string]any{"in": map[string]any{"opgaveId": mine, "organisationId": "GM0828", "personId": ossPerson, "type": "DEELNEMER", "level": "AMBTELIJK"}})
	if errorCode(r) != "FORBIDDEN" || r.Errors[0].Extensions["field"] != "input.personId" {
		t.Errorf("naming another organisation's person: %s", r.raw)
	}
	if r := ams.query(`query($id: ID!) { personContact(id: $id) { email } }`, map[string]any{"id": ossPerson}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("Oss's person's contact details for Amsterdam: %s", r.raw)
	}

	// A participant taking the lead.
	ams.mutate("assignRole.id", role, map[string]any{"in": map[string]any{"opgaveId": mine, "organisationId": "GM0828", "type": "DEELNEMER", "level": "AMBTELIJK"}})
	for _, typ := range []string{"MEDETREKKER", "TREKKER"} {
		r := oss.query(role, map[string]any{"in": map[string]any{"opgaveId": mine, "organisationId": "GM0828", "type": typ, "level": "BESTUURLIJK"}})
		if errorCode(r) != "FORBIDDEN" || r.Errors[0].Extensions["field"] != "input.type" {
			t.Errorf("a participant made itself %s: %s", typ, r.raw)
		}
	}
	if r := oss.query(`mutation($id: ID!) { updateOpgave(id: $id, input: {title: "Overgenomen"}) { id } }`, map[string]any{"id": mine}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("the participant changed the opgave: %s", r.raw)
	}
	// Its own non-leading role it may take.
	oss.mutate("assignRole.id", role, map[string]any{"in": map[string]any{"opgaveId": mine, "organisationId": "GM0828", "type": "FINANCIER", "level": "AMBTELIJK"}})

	// Contact details through a role that has ended: Oss's person on Oss's own opgave, with
	// Amsterdam on it for a while.
	ossOpgave := newOpgave(oss, "Scope Oss")
	oss.mutate("assignRole.id", role, map[string]any{"in": map[string]any{"opgaveId": ossOpgave, "organisationId": "GM0828", "personId": ossPerson, "type": "UITVOERDER", "level": "AMBTELIJK"}})
	amsRole := oss.mutate("assignRole.id", role, map[string]any{"in": map[string]any{"opgaveId": ossOpgave, "organisationId": "GM0363", "type": "ADVISEUR", "level": "AMBTELIJK", "from": "2024-01-01"}}).(string)
	contact := `query($id: ID!) { personContact(id: $id) { email } }`
	if r := ams.mustQuery(contact, map[string]any{"id": ossPerson}); get(r.Data, "personContact.email") != "olga@oss.example" {
		t.Errorf("Amsterdam, on an opgave with Olga's role, should see her contact: %s", r.raw)
	}
	oss.mutate("endRole.id", `mutation($id: ID!, $d: Date!) { endRole(id: $id, until: $d) { id } }`, map[string]any{"id": amsRole, "d": time.Now().Format(time.DateOnly)})
	if r := ams.query(contact, map[string]any{"id": ossPerson}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("contact details through an ended role: %s", r.raw)
	}

	// A shared instrument: attaching it to one's own opgave does not hand it over.
	shared := oss.mutate("createInstrument.id", `mutation { createInstrument(input: {name: "Gedeeld fonds", type: SUBSIDIE, amountEuros: 1000000}) { id } }`, nil).(string)
	oss.mutate("attachInstrument.id", `mutation($i: ID!, $o: ID!) { attachInstrument(instrument: $i, opgave: $o) { id } }`, map[string]any{"i": shared, "o": ossOpgave})
	oss.mutate("updateInstrument.id", `mutation($id: ID!) { updateInstrument(id: $id, input: {amountEuros: 900000}) { id } }`, map[string]any{"id": shared})
	other := newOpgave(ams, "Scope Amsterdam 2")
	ams.mutate("attachInstrument.id", `mutation($i: ID!, $o: ID!) { attachInstrument(instrument: $i, opgave: $o) { id } }`, map[string]any{"i": shared, "o": other})
	for _, m := range []string{`updateInstrument(id: $id, input: {amountEuros: 1}) { id }`, `deleteInstrument(id: $id) { deleted }`} {
		if r := ams.query(`mutation($id: ID!) { `+m+` }`, map[string]any{"id": shared}); errorCode(r) != "FORBIDDEN" {
			t.Errorf("an instrument another organisation's opgave also uses: %s", r.raw)
		}
	}
	// Once Amsterdam uses it too, Oss no longer leads every opgave of the instrument either.
	if r := oss.query(`mutation($id: ID!) { updateInstrument(id: $id, input: {amountEuros: 1}) { id } }`, map[string]any{"id": shared}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("Oss changed an instrument Amsterdam's opgave uses: %s", r.raw)
	}
	unused := oss.mutate("createInstrument.id", `mutation { createInstrument(input: {name: "Nog ongebruikt", type: SUBSIDIE}) { id } }`, nil).(string)
	if r := ams.query(`mutation($id: ID!) { updateInstrument(id: $id, input: {name: "Van mij"}) { id } }`, map[string]any{"id": unused}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("an unused instrument of another organisation: %s", r.raw)
	}
	oss.mutate("updateInstrument.id", `mutation($id: ID!) { updateInstrument(id: $id, input: {name: "Nu gebruikt"}) { id } }`, map[string]any{"id": unused})

	// Replaying another caller's client key.
	record := `mutation($k: String!, $to: ID!, $s: Int!) { recordTrustAssessment(input: {clientKey: $k, to: $to, score: $s, recordedBy: "x"}) { id from { id } score } }`
	first := oss.mustQuery(record, map[string]any{"k": "enquete-2026", "to": "GM0344", "s": 1})
	replay := ams.mustQuery(record, map[string]any{"k": "enquete-2026", "to": "GM0344", "s": 5})
	if get(replay.Data, "recordTrustAssessment.from.id") != "GM0363" || get(replay.Data, "recordTrustAssessment.score") != float64(5) ||
		get(replay.Data, "recordTrustAssessment.id") == get(first.Data, "recordTrustAssessment.id") {
		t.Errorf("another caller's client key: first %s, replay %s", first.raw, replay.raw)
	}
	again := oss.mustQuery(record, map[string]any{"k": "enquete-2026", "to": "GM0344", "s": 3})
	if get(again.Data, "recordTrustAssessment.id") != get(first.Data, "recordTrustAssessment.id") {
		t.Errorf("the same caller's retry should return its first assessment: %s", again.raw)
	}
}

// TestOwnAssessmentsDoNotUnlockAClimate: a viewer or editor sees a climate only where three
// other organisations made the assessments; its own do not count.
func TestOwnAssessmentsDoNotUnlockAClimate(t *testing.T) {
	a := newAPI(t)
	ed := a.as(a.key(samenspel.Editor, "GM0363"))
	o := ed.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Klimaatopgave", "goal": "Doel",
		"themes": []string{"energie"}, "scale": "REGIONAAL", "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
	for _, org := range []string{"GM0344", "GM0599", "GM0394", "GM0014"} {
		ed.mutate("assignRole.id", assignRole, map[string]any{"in": map[string]any{"opgaveId": o, "organisationId": org, "type": "DEELNEMER", "level": "AMBTELIJK"}})
	}
	record := `mutation($in: TrustAssessmentInput!) { recordTrustAssessment(input: $in) { id } }`
	for _, to := range []string{"GM0344", "GM0599", "GM0394", "GM0014"} {
		ed.mutate("recordTrustAssessment.id", record, map[string]any{"in": map[string]any{"to": to, "score": 4, "recordedBy": "x"}})
	}
	climate := `query($id: ID!) { opgave(id: $id) { trustClimate { meanTrust } health { key } } }`
	shows := func() bool {
		r := ed.query(climate, map[string]any{"id": o})
		return get(r.Data, "opgave.trustClimate") != nil
	}
	if shows() {
		t.Fatal("four assessments of the caller's own organisation unlocked the climate")
	}
	admin := a.as(a.admin)
	for i, from := range []string{"GM0344", "GM0599", "GM0394"} {
		admin.mutate("recordTrustAssessment.id", record, map[string]any{"in": map[string]any{"from": from, "to": "GM0014", "score": 2, "recordedBy": "y"}})
		if got, want := shows(), i == 2; got != want {
			t.Errorf("after %d other organisations assessed: shown %v, want %v", i+1, got, want)
		}
	}
	if r := ed.query(`query($id: ID!) { opgave(id: $id) { trustClimate { minTrust } } }`, map[string]any{"id": o}); errorCode(r) != "FORBIDDEN" {
		t.Errorf("an editor read minTrust: %s", r.raw)
	}
}

// TestNoOpChangesLeaveNoEvent: deleting what is not there changes nothing, so it records nothing.
func TestNoOpChangesLeaveNoEvent(t *testing.T) {
	a := newAPI(t)
	secret, id := a.keyWithID(samenspel.Admin, "")
	admin := a.as(secret)
	for _, m := range []string{
		`deletePerson(id: "nobody") { deleted }`, `deleteOpgave(id: "no-opgave") { deleted }`, `deleteInstrument(id: "no-instrument") { deleted }`,
		`erasePerson(id: "nobody") { deleted }`, `deleteOrganisation(id: "no-org") { deleted }`,
	} {
		r := admin.mustQuery(`mutation { `+m+` }`, nil)
		for _, v := range r.Data {
			if get(v, "deleted") != false {
				t.Errorf("%s: %s", m, r.raw)
			}
		}
	}
	log := a.as(a.admin).mustQuery(`query($k: String!) { auditLog(filter: {actor: $k}) { totalCount } }`, map[string]any{"k": id})
	if n := get(log.Data, "auditLog.totalCount"); n != float64(0) {
		t.Errorf("%v audit events for deletes that deleted nothing", n)
	}
}

// TestAnalystsReadOfPairsIsAudited: individual scores shown in a climate's weakest pairs are
// recorded, once per request however many opgaven the page has.
func TestAnalystsReadOfPairsIsAudited(t *testing.T) {
	a := withDemo(t)
	secret, id := a.keyWithID(samenspel.Analyst, "")
	an := a.as(secret)
	r := an.mustQuery(`{ opgaven(first: 20) { edges { node { trustClimate { weakestPairs { aToB { id } bToA { id } } } } } } }`, nil)
	want := map[string]bool{}
	for _, e := range list(r.Data, "opgaven.edges") {
		for _, p := range list(e, "node.trustClimate.weakestPairs") {
			for _, k := range []string{"aToB.id", "bToA.id"} {
				if v, ok := get(p, k).(string); ok {
					want[v] = true
				}
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("the demo set's first opgaven show no pairs")
	}
	log := a.as(a.admin).mustQuery(`query($k: String!) { auditLog(filter: {actor: $k}) { totalCount edges { node { operation subjects } } } }`, map[string]any{"k": id})
	if n := get(log.Data, "auditLog.totalCount"); n != float64(1) {
		t.Fatalf("%v audit events for one request, want 1: %s", n, log.raw)
	}
	ev := get(list(log.Data, "auditLog.edges")[0], "node")
	got := map[string]bool{}
	for _, s := range list(ev, "subjects") {
		got[s.(string)] = true
	}
	if get(ev, "operation") != "trustClimate.weakestPairs" || len(got) != len(want) {
		t.Errorf("event %v, want the %d assessments shown", ev, len(want))
	}
	for k := range want {
		if !got[k] {
			t.Errorf("assessment %s was shown but not recorded", k)
		}
	}
}
