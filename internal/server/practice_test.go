package server_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPracticeOfAnOpgave walks a programme lead through one opgave on the real Neo4j: interests
// and a conflict, an agreement, check-ins, a result with contributions and a lesson, each with its
// validation (BAD_USER_INPUT on the field, nothing written), and the health that follows; then
// the queries across opgaven (lessons by theme and words, overdue decisions per organisation),
// idempotent creates with a client key, and the practice going with a deleted opgave.
func TestPracticeOfAnOpgave(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("Pr%d", time.Now().UnixNano()%1e6)
	lead := a.as(a.iss.user(t, "GM0363", "editor"))
	admin := a.as(a.admin)
	o := lead.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Woondeal " + suffix, "goal": "Betaalbaar wonen",
		"themes": []string{"wonen"}, "scale": "REGIONAAL", "status": "UITVOERING", "startDate": time.Now().Format("2006-01-02"), "area": map[string]any{"gemeenten": []string{"GM0363", "GM0384"}}}}).(string)
	for _, org := range []string{"GM0384", "GM0437", "PV27"} {
		lead.mutate("assignRole.id", assignRole, map[string]any{"in": map[string]any{"opgaveId": o, "organisationId": org, "type": "DEELNEMER", "level": "AMBTELIJK"}})
	}
	practice := func(as *api) map[string]any {
		t.Helper()
		r := as.mustQuery(`query($id: ID!) { opgave(id: $id) {
			interests { organisation { id } wants brings cannotGiveUp }
			interestConflicts(includeResolved: true) { note resolvedOn a { organisation { id } } b { organisation { id } } }
			agreements { title body decider { id } overdue withoutMandate mandate }
			checkInRhythmDays
			checkInSummary { rhythmDays latest missing { id } spread { question answers mean spread } trend { answers together } }
			results { title status contributions { organisation { id } description } }
			resultSummary { achieved planned late url partners { organisation { id } participant contributions { description result { title } } } }
			lessons { title themes organisation { id } }
			health { key status value evidence } } }`, map[string]any{"id": o})
		return get(r.Data, "opgave").(map[string]any)
	}
	health := func(p map[string]any, key string) string {
		for _, h := range list(p, "health") {
			if get(h, "key") == key {
				return get(h, "status").(string)
			}
		}
		return "absent"
	}

	// Before anything is recorded every practice indicator is MISSING, and the lists are empty
	// (null would mean "not for you").
	p := practice(lead)
	for _, f := range []string{"interests", "interestConflicts", "agreements", "results", "lessons"} {
		if v, ok := p[f].([]any); !ok || len(v) != 0 {
			t.Errorf("%s before any practice: %v, want []", f, p[f])
		}
	}
	for _, k := range []string{"MANDATE_IN_PLACE", "CHECK_IN_RHYTHM", "CHECK_IN_SPREAD", "RESULTS_ACHIEVED", "LESSONS_RECENT"} {
		if s := health(p, k); s != "MISSING" {
			t.Errorf("%s before any practice: %s, want MISSING", k, s)
		}
	}

	// Interests: the lead's own, and one an admin records for a participant.
	own := lead.mutate("recordInterest.id", recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "wants": "1000 sociale huurwoningen",
		"brings": "grond aan de ring", "cannotGiveUp": "het aandeel sociale huur"}}).(string)
	other := admin.mutate("recordInterest.id", recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "organisation": "GM0384", "wants": "groen tussen de kernen"}}).(string)
	lead.wantError(recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "wants": "   "}}, "BAD_USER_INPUT", "input.wants")
	lead.wantError(recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "wants": "nog een"}}, "CONFLICT", "input.organisation")
	admin.wantError(recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "organisation": "GM0599", "wants": "iets"}}, "BAD_USER_INPUT", "input.organisation")
	conflict := `mutation($a: ID!, $b: ID!) { markInterestConflict(input: {a: $a, b: $b, note: "dezelfde grond"}) { id since a { id } b { id } } }`
	lead.wantError(conflict, map[string]any{"a": own, "b": own}, "BAD_USER_INPUT", "input.b")
	c := lead.mutate("markInterestConflict.id", conflict, map[string]any{"a": own, "b": other}).(string)
	lead.wantError(`mutation($id: ID!) { resolveInterestConflict(id: $id, on: "2999-01-01") { id } }`, map[string]any{"id": c}, "BAD_USER_INPUT", "on")

	// An agreement the college of GM0363 must take, overdue and without mandate; a decision by a
	// provincie's college is refused.
	agreement := map[string]any{"opgaveId": o, "title": "Instemming woondeal", "body": "COLLEGE", "decider": "GM0363", "dueDate": "2026-02-01", "mandate": "REQUESTED"}
	bad := map[string]any{}
	for k, v := range agreement {
		bad[k] = v
	}
	bad["decider"] = "PV27"
	lead.wantError(recordAgreementQ, map[string]any{"in": bad}, "BAD_USER_INPUT", "input.decider")
	bad["body"], bad["decider"] = "STUURGROEP", "GM0363"
	lead.wantError(recordAgreementQ, map[string]any{"in": bad}, "BAD_USER_INPUT", "input.decider")
	g := lead.mutate("recordAgreement.id", recordAgreementQ, map[string]any{"in": agreement}).(string)
	r := a.mustQuery(`{ overdueDecisions(organisation: "GM0363", first: 100) { id title overdue withoutMandate opgave { id } decider { id } } }`, nil)
	found := false
	for _, x := range list(r.Data, "overdueDecisions") {
		if get(x, "id") == g {
			found = get(x, "overdue") == true && get(x, "withoutMandate") == true && get(x, "opgave.id") == o && get(x, "decider.id") == "GM0363"
		}
	}
	if !found {
		t.Errorf("overdueDecisions(GM0363) does not hold the overdue agreement: %s", r.raw)
	}
	a.wantError(`{ overdueDecisions(organisation: "GM9999") { id } }`, nil, "BAD_USER_INPUT", "organisation")

	// Check-ins: out-of-range answers are refused; three participants answer, one does not.
	lead.wantError(recordCheckInQ, map[string]any{"in": map[string]any{"opgaveId": o, "rightThings": 6, "thingsRight": 3, "together": 3}}, "BAD_USER_INPUT", "input.rightThings")
	lead.wantError(`mutation($id: ID!) { setCheckInRhythm(opgaveId: $id, days: 3) { id } }`, map[string]any{"id": o}, "BAD_USER_INPUT", "days")
	lead.mutate("setCheckInRhythm.checkInRhythmDays", `mutation($id: ID!) { setCheckInRhythm(opgaveId: $id, days: 61) { checkInRhythmDays } }`, map[string]any{"id": o})
	lead.mutate("recordCheckIn.id", recordCheckInQ, map[string]any{"in": map[string]any{"opgaveId": o, "rightThings": 4, "thingsRight": 4, "together": 5, "note": "goed overleg"}})
	for i, org := range []string{"GM0384", "GM0437"} {
		admin.mutate("recordCheckIn.id", recordCheckInQ, map[string]any{"in": map[string]any{"opgaveId": o, "organisation": org, "rightThings": 4, "thingsRight": 3, "together": 1 + i}})
	}

	// A result with contributions; a result without a title is refused.
	lead.wantError(recordResultQ, map[string]any{"in": map[string]any{"opgaveId": o, "title": "", "plannedDate": "2026-06-01"}}, "BAD_USER_INPUT", "input.title")
	lead.wantError(recordResultQ, map[string]any{"in": map[string]any{"opgaveId": o, "title": "Eerste paal", "plannedDate": "2026-06-01",
		"contributions": []map[string]any{{"organisation": "GM9999", "description": "x"}}}}, "BAD_USER_INPUT", "input.contributions[0].organisation")
	res := lead.mutate("recordResult.id", recordResultQ, map[string]any{"in": map[string]any{"opgaveId": o, "title": "Eerste paal", "plannedDate": "2026-06-01",
		"achievedDate": "2026-06-12", "contributions": []map[string]any{{"organisation": "GM0363", "description": "leverde de grond"}}}}).(string)
	lead.mutate("recordResult.id", recordResultQ, map[string]any{"in": map[string]any{"opgaveId": o, "title": "Woningen opgeleverd", "plannedDate": "2026-09-01"}})
	// A participant describes its own contribution.
	partner := a.as(a.iss.user(t, "GM0384", "editor"))
	partner.mutate("describeContribution.id", `mutation($id: ID!) { describeContribution(resultId: $id, organisation: "GM0384", description: "regelde de vergunning") { id } }`, map[string]any{"id": res})
	partner.wantError(`mutation($id: ID!) { describeContribution(resultId: $id, organisation: "GM0437", description: "x") { id } }`, map[string]any{"id": res}, "FORBIDDEN", "organisation")

	// The deciding organisation changes its mandate and its decision, not what is agreed or by when.
	dg := lead.mutate("recordAgreement.id", recordAgreementQ, map[string]any{"in": map[string]any{"opgaveId": o, "title": "Grondruil", "body": "COLLEGE",
		"decider": "GM0384", "dueDate": "2027-03-01"}}).(string)
	if m := partner.mutate("updateAgreement.mandate", `mutation($id: ID!) { updateAgreement(id: $id, input: {mandate: IN_PLACE}) { mandate } }`, map[string]any{"id": dg}); m != "IN_PLACE" {
		t.Errorf("the decider's mandate: %v", m)
	}
	partner.wantError(`mutation($id: ID!) { updateAgreement(id: $id, input: {dueDate: "2028-01-01"}) { id } }`, map[string]any{"id": dg}, "FORBIDDEN", "input.dueDate")
	a.as(a.iss.user(t, "GM0437", "editor")).wantError(`mutation($id: ID!) { updateAgreement(id: $id, input: {mandate: MISSING}) { id } }`, map[string]any{"id": dg}, "FORBIDDEN", "id")
	lead.mutate("deleteAgreement.deleted", `mutation($id: ID!) { deleteAgreement(id: $id) { deleted } }`, map[string]any{"id": dg})

	// A lesson; an unknown theme is refused.
	lead.wantError(recordLessonQ, map[string]any{"in": map[string]any{"opgaveId": o, "title": "Les", "themes": []string{"wonen", "kunst"}}}, "BAD_USER_INPUT", "input.themes[1]")
	lessonIn := map[string]any{"opgaveId": o, "title": "Begin met de belangen " + suffix, "text": "De grondposities bleken de sleutel.", "themes": []string{"wonen"}, "clientKey": "les-" + suffix}
	l1 := lead.mutate("recordLesson.id", recordLessonQ, map[string]any{"in": lessonIn}).(string)
	if l2 := lead.mutate("recordLesson.id", recordLessonQ, map[string]any{"in": lessonIn}).(string); l2 != l1 {
		t.Errorf("the same client key made a second lesson: %s and %s", l1, l2)
	}

	p = practice(admin) // the lead's own view has only two other answers behind the spread
	if n := len(list(p, "interests")); n != 2 {
		t.Errorf("%d interests, want 2 (the refused ones wrote nothing)", n)
	}
	if cs := list(p, "interestConflicts"); len(cs) != 1 || get(cs[0], "a.organisation.id") != "GM0363" || get(cs[0], "b.organisation.id") != "GM0384" || get(cs[0], "resolvedOn") != nil {
		t.Errorf("conflicts %v", cs)
	}
	if as := list(p, "agreements"); len(as) != 1 || get(as[0], "overdue") != true || get(as[0], "withoutMandate") != true {
		t.Errorf("agreements %v", as)
	}
	if d := get(p, "checkInRhythmDays"); d != 61.0 {
		t.Errorf("rhythm %v, want 61", d)
	}
	sum := get(p, "checkInSummary")
	if m := list(sum, "missing"); len(m) != 1 || get(m[0], "id") != "PV27" {
		t.Errorf("missing check-ins %v, want PV27", m)
	}
	if q := list(sum, "spread")[2]; get(q, "question") != "TOGETHER" || get(q, "answers") != 3.0 || get(q, "spread") != 4.0 {
		t.Errorf("together spread %v, want 3 answers 1, 2 and 5", q)
	}
	rs := get(p, "resultSummary")
	if get(rs, "achieved") != 1.0 || get(rs, "late") != 1.0 || get(rs, "url") != "/opgaven/"+o+"/summary.html" {
		t.Errorf("result summary %v", rs)
	}
	partners := map[string]int{}
	for _, x := range list(rs, "partners") {
		partners[get(x, "organisation.id").(string)] = len(list(x, "contributions"))
	}
	if partners["GM0363"] != 1 || partners["GM0384"] != 1 || partners["GM0437"] != 0 || len(partners) != 4 {
		t.Errorf("partners and their contributions %v, want the four participants, GM0363 and GM0384 with one each", partners)
	}
	want := map[string]string{"MANDATE_IN_PLACE": "ATTENTION", "CHECK_IN_RHYTHM": "OK", "CHECK_IN_SPREAD": "ATTENTION", "RESULTS_ACHIEVED": "ATTENTION", "LESSONS_RECENT": "OK"}
	for k, s := range want {
		if got := health(p, k); got != s {
			t.Errorf("%s: %s, want %s", k, got, s)
		}
	}

	// Deciding the agreement and achieving the late result turns their indicators OK.
	lead.mutate("updateAgreement.id", `mutation($id: ID!) { updateAgreement(id: $id, input: {decidedOn: "2026-02-10", mandate: IN_PLACE}) { id } }`, map[string]any{"id": g})
	lead.wantError(`mutation($id: ID!) { updateAgreement(id: $id, input: {decidedOn: "2026-02-10", reopen: true}) { id } }`, map[string]any{"id": g}, "BAD_USER_INPUT", "input.reopen")
	late := ""
	for _, x := range list(p, "results") {
		if get(x, "status") == "LATE" {
			late = get(x, "title").(string)
		}
	}
	if late != "Woningen opgeleverd" {
		t.Errorf("late result %q", late)
	}
	if s := health(practice(lead), "MANDATE_IN_PLACE"); s != "OK" {
		t.Errorf("MANDATE_IN_PLACE after the decision: %s", s)
	}

	// A viewer sees the aggregates only where three answers by others stand behind them: GM0384's
	// viewer has two others' answers in the spread.
	pv := practice(a.as(a.iss.user(t, "GM0384", "viewer")))
	if q := list(get(pv, "checkInSummary"), "spread")[0]; get(q, "mean") != nil || get(q, "answers") != 3.0 {
		t.Errorf("a viewer of GM0384 sees the mean of two other answers: %v", q)
	}
	if s := health(pv, "CHECK_IN_SPREAD"); s != "absent" {
		t.Errorf("a viewer of GM0384 gets CHECK_IN_SPREAD (%s) without three others' answers", s)
	}

	// Lessons across opgaven: by theme and words; offered on another opgave with the theme.
	r = a.mustQuery(`query($s: String!) { lessons(theme: "wonen", search: $s, first: 5) { id opgave { id } } }`, map[string]any{"s": "BELANGEN " + strings.ToLower(suffix)})
	if ls := list(r.Data, "lessons"); len(ls) != 1 || get(ls[0], "id") != l1 {
		t.Errorf("lessons by theme and words: %s", r.raw)
	}
	a.wantError(`{ lessons(theme: "kunst") { id } }`, nil, "BAD_USER_INPUT", "theme")
	o2 := lead.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Wonen in de kern " + suffix, "goal": "Wonen",
		"themes": []string{"wonen"}, "scale": "LOKAAL", "startDate": time.Now().Format("2006-01-02"), "area": map[string]any{"gemeenten": []string{"GM0363"}}}}).(string)
	r = a.mustQuery(`query($id: ID!) { opgave(id: $id) { relatedLessons(first: 50) { lesson { id } sharedThemes overlappingArea } } }`, map[string]any{"id": o2})
	offered := false
	for _, x := range list(r.Data, "opgave.relatedLessons") {
		if get(x, "lesson.id") == l1 {
			offered = get(x, "overlappingArea") == true && len(list(x, "sharedThemes")) == 1
		}
	}
	if !offered {
		t.Errorf("the lesson is not offered on an opgave with its theme and an overlapping area: %s", r.raw)
	}

	// The shareable summary page names every partner's contribution.
	resp, err := a.as("").request(http.MethodGet, "/opgaven/"+o+"/summary.html", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "regelde de vergunning") || !strings.Contains(string(body), "Eerste paal") {
		t.Errorf("summary page: %d %.300s", resp.StatusCode, body)
	}

	// Deleting the opgave takes its practice along.
	lead.mutate("deleteOpgave.deleted", `mutation($id: ID!) { deleteOpgave(id: $id) { deleted } }`, map[string]any{"id": o})
	r = a.mustQuery(`query($s: String!) { lessons(search: $s) { id } }`, map[string]any{"s": suffix})
	if ls := list(r.Data, "lessons"); len(ls) != 0 {
		t.Errorf("the lesson outlived its opgave: %s", r.raw)
	}
}

// TestDemoPracticeShowsEveryStatus: in the default demo set (seed 1, scale 1) every practice
// indicator is OK on some opgave, ATTENTION on some and MISSING on some, as the API gives them.
func TestDemoPracticeShowsEveryStatus(t *testing.T) {
	a := withDemo(t)
	r := a.mustQuery(`{ lessons(first: 100) { opgave { health { key status } } }
		overdueDecisions(first: 100) { opgave { health { key status } } }
		opgaven(first: 100, filter: {status: [UITVOERING]}) { edges { node { health { key status } } } } }`, nil)
	seen := map[string]map[string]bool{}
	add := func(hs []any) {
		for _, h := range hs {
			k, s := get(h, "key").(string), get(h, "status").(string)
			if seen[k] == nil {
				seen[k] = map[string]bool{}
			}
			seen[k][s] = true
		}
	}
	for _, x := range list(r.Data, "lessons") {
		add(list(x, "opgave.health"))
	}
	for _, x := range list(r.Data, "overdueDecisions") {
		add(list(x, "opgave.health"))
	}
	for _, e := range list(r.Data, "opgaven.edges") {
		add(list(e, "node.health"))
	}
	for _, k := range []string{"MANDATE_IN_PLACE", "CHECK_IN_RHYTHM", "CHECK_IN_SPREAD", "RESULTS_ACHIEVED", "LESSONS_RECENT"} {
		for _, s := range []string{"OK", "ATTENTION", "MISSING"} {
			if !seen[k][s] {
				t.Errorf("%s is %s on no opgave of the demo set (%v)", k, s, seen[k])
			}
		}
	}
}
