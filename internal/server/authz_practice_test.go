package server_test

import "time"

// The rows of the authorization matrix for the practice of working together: the fixture's
// interests, conflict, agreement, check-ins, result and lesson on opgave A, and a probe per row.

const (
	recordInterestQ  = `mutation($in: InterestInput!) { recordInterest(input: $in) { id } }`
	recordCheckInQ   = `mutation($in: CheckInInput!) { recordCheckIn(input: $in) { id } }`
	recordAgreementQ = `mutation($in: AgreementInput!) { recordAgreement(input: $in) { id } }`
	recordResultQ    = `mutation($in: ResultInput!) { recordResult(input: $in) { id } }`
	recordLessonQ    = `mutation($in: LessonInput!) { recordLesson(input: $in) { id } }`
)

// buildPracticeFixture records on opgave A: interests of matrixOrg and GM0344 marked as
// conflicting, an overdue decision of matrixOrg's college, check-ins of all four participants
// (three by others than matrixOrg, so its users see the aggregates; answers that differ), a
// result matrixOrg contributed to and a lesson it learned.
func buildPracticeFixture(f *fixture) {
	own := f.lead.mutate("recordInterest.id", recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "wants": "betaalbare woningen", "cannotGiveUp": "de grondpositie"}}).(string)
	other := f.admin.mutate("recordInterest.id", recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "organisation": "GM0344", "wants": "groen in de wijk"}}).(string)
	f.lead.mutate("markInterestConflict.id", `mutation($a: ID!, $b: ID!) { markInterestConflict(input: {a: $a, b: $b, note: "dezelfde kavels"}) { id } }`, map[string]any{"a": own, "b": other})
	f.agreement = f.lead.mutate("recordAgreement.id", recordAgreementQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "title": "Instemming met het plan",
		"body": "COLLEGE", "decider": matrixOrg, "dueDate": "2026-01-15", "mandate": "REQUESTED"}}).(string)
	f.lead.mutate("recordCheckIn.id", recordCheckInQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "rightThings": 4, "thingsRight": 4, "together": 4, "note": "eigen notitie"}})
	for i, org := range []string{"GM0344", "GM0599", "GM0394"} {
		f.admin.mutate("recordCheckIn.id", recordCheckInQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "organisation": org,
			"rightThings": 2 + i, "thingsRight": 3, "together": 1 + 2*i, "note": "notitie van " + org}})
	}
	f.result = f.lead.mutate("recordResult.id", recordResultQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "title": "Convenant getekend",
		"plannedDate": "2026-03-01", "achievedDate": "2026-03-10", "contributions": []map[string]any{{"organisation": matrixOrg, "description": "trok het overleg"}}}}).(string)
	f.lesson = f.lead.mutate("recordLesson.id", recordLessonQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "title": "Betrek de raden vroeg " + f.suffix,
		"themes": []string{"wonen"}}}).(string)
}

func practiceProbes() map[string]probe {
	// freshOpgave: an opgave matrixOrg leads, starting today (so that it does not count among the
	// running opgaven of the demo set's calibration date).
	freshOpgave := func(f *fixture) string {
		return f.lead.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Matrix praktijk " + f.suffix, "goal": "Een toetsbaar doel",
			"themes": []string{"wonen"}, "scale": "LOKAAL", "startDate": time.Now().Format("2006-01-02"), "area": map[string]any{"gemeenten": []string{matrixOrg}}}}).(string)
	}
	opgaveA := func(f *fixture) map[string]any { return map[string]any{"id": f.opgaveA} }
	byOrg := func(path, org string) func(v any) bool {
		return func(v any) bool {
			for _, x := range list(v, path) {
				if get(x, "organisation.id") == org {
					return true
				}
			}
			return false
		}
	}
	ownNote := func(v any) bool {
		for _, x := range list(v, "checkIns") {
			if get(x, "organisation.id") == matrixOrg && get(x, "note") != nil {
				return true
			}
		}
		return false
	}
	// freshInterests: an opgave matrixOrg leads with interests of matrixOrg and GM0344.
	freshInterests := func(f *fixture) (string, string) {
		o := freshOpgave(f)
		f.lead.mutate("assignRole.id", assignRole, map[string]any{"in": map[string]any{"opgaveId": o, "organisationId": "GM0344", "type": "DEELNEMER", "level": "AMBTELIJK"}})
		a := f.lead.mutate("recordInterest.id", recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "wants": "ruimte"}}).(string)
		b := f.admin.mutate("recordInterest.id", recordInterestQ, map[string]any{"in": map[string]any{"opgaveId": o, "organisation": "GM0344", "wants": "ook ruimte"}}).(string)
		return a, b
	}
	freshInterest := func(f *fixture) map[string]any {
		a, _ := freshInterests(f)
		return map[string]any{"id": a}
	}
	freshAgreement := func(f *fixture) map[string]any {
		return map[string]any{"id": f.lead.mutate("recordAgreement.id", recordAgreementQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA,
			"title": "Te schrappen afspraak", "body": "STUURGROEP", "dueDate": "2027-06-01"}})}
	}
	freshResult := func(f *fixture) map[string]any {
		return map[string]any{"id": f.lead.mutate("recordResult.id", recordResultQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA,
			"title": "Te schrappen resultaat", "plannedDate": "2027-06-01"}})}
	}
	freshLesson := func(f *fixture) map[string]any {
		return map[string]any{"id": f.lead.mutate("recordLesson.id", recordLessonQ, map[string]any{"in": map[string]any{"opgaveId": f.opgaveA,
			"title": "Te schrappen les", "themes": []string{"wonen"}}})}
	}
	in := func(fields map[string]any) func(f *fixture) map[string]any {
		return func(f *fixture) map[string]any {
			m := map[string]any{"opgaveId": f.opgaveA, "organisation": matrixOrg}
			for k, v := range fields {
				m[k] = v
			}
			return map[string]any{"in": m}
		}
	}
	return map[string]probe{
		"Opgave.interests":         {query: `query($id: ID!) { opgave(id: $id) { interests { wants organisation { id } } } }`, vars: opgaveA, path: "opgave.interests", shown: byOrg("interests", matrixOrg)},
		"Opgave.interestConflicts": {query: `query($id: ID!) { opgave(id: $id) { interestConflicts { note a { wants } } } }`, vars: opgaveA, path: "opgave.interestConflicts", shown: under("interestConflicts")},
		"Opgave.agreements":        {query: `query($id: ID!) { opgave(id: $id) { agreements { title overdue } } }`, vars: opgaveA, path: "opgave.agreements", shown: under("agreements")},
		"Query.overdueDecisions":   {query: `query { overdueDecisions(organisation: "GM0363", first: 100) { id } }`, path: "overdueDecisions"},
		"Opgave.checkIns": {query: `query($id: ID!) { opgave(id: $id) { checkIns { organisation { id } together } } }`, vars: opgaveA, path: "opgave.checkIns",
			shown: byOrg("checkIns", matrixOrg), scopeLeftOut: true},
		"CheckIn.note": {query: `query($id: ID!) { opgave(id: $id) { checkIns { organisation { id } note } } }`, vars: opgaveA, path: "opgave.checkIns.note",
			shown: ownNote, scopeLeftOut: true},
		"Opgave.checkInSummary": {query: `query($id: ID!) { opgave(id: $id) { checkInSummary { rhythmDays spread { question mean spread } } } }`, vars: opgaveA,
			path: "opgave.checkInSummary", shown: func(v any) bool { return anyAt(v, "checkInSummary.spread.mean") }},
		"QuestionSpread.differMost": {query: `query($id: ID!) { opgave(id: $id) { checkInSummary { spread { differMost { id } } } } }`, vars: opgaveA,
			path: "opgave.checkInSummary.spread.differMost"},
		"Opgave.health(checkIns)": {query: `query($id: ID!) { opgave(id: $id) { health { key } } }`, vars: opgaveA, path: "opgave.health", leftOut: true,
			shown: func(v any) bool {
				for _, h := range list(v, "health") {
					if get(h, "key") == "CHECK_IN_SPREAD" {
						return true
					}
				}
				return false
			}},
		"Opgave.health(practice)": {query: `query($id: ID!) { opgave(id: $id) { health { key evidence } } }`, vars: opgaveA, path: "opgave.health", leftOut: true,
			shown: func(v any) bool {
				for _, h := range list(v, "health") {
					if get(h, "key") == "MANDATE_IN_PLACE" {
						return true
					}
				}
				return false
			}},
		"Opgave.lessons":        {query: `query($id: ID!) { opgave(id: $id) { lessons { title } } }`, vars: opgaveA, path: "opgave.lessons", shown: under("lessons")},
		"Opgave.relatedLessons": {query: `query($id: ID!) { opgave(id: $id) { relatedLessons { lesson { title } } } }`, vars: opgaveA, path: "opgave.relatedLessons"},
		"Query.lessons":         {query: `query { lessons(theme: "wonen", first: 5) { title } }`, path: "lessons", shown: func(v any) bool { return len(list(map[string]any{"l": v}, "l")) > 0 }},

		"Mutation.recordInterest": {query: recordInterestQ, path: "recordInterest",
			vars: func(f *fixture) map[string]any {
				return map[string]any{"in": map[string]any{"opgaveId": freshOpgave(f), "organisation": matrixOrg, "wants": "een nieuw belang"}}
			}},
		"Mutation.updateInterest": {query: `mutation($id: ID!) { updateInterest(id: $id, input: {brings: "kennis"}) { id } }`, path: "updateInterest", vars: freshInterest},
		"Mutation.deleteInterest": {query: `mutation($id: ID!) { deleteInterest(id: $id) { deleted } }`, path: "deleteInterest", shown: deleted, vars: freshInterest},
		"Mutation.markInterestConflict": {query: `mutation($a: ID!, $b: ID!) { markInterestConflict(input: {a: $a, b: $b}) { id } }`, path: "markInterestConflict",
			vars: func(f *fixture) map[string]any {
				a, b := freshInterests(f)
				return map[string]any{"a": a, "b": b}
			}},
		"Mutation.resolveInterestConflict": {query: `mutation($id: ID!) { resolveInterestConflict(id: $id) { resolvedOn } }`, path: "resolveInterestConflict",
			vars: func(f *fixture) map[string]any {
				a, b := freshInterests(f)
				return map[string]any{"id": f.lead.mutate("markInterestConflict.id", `mutation($a: ID!, $b: ID!) { markInterestConflict(input: {a: $a, b: $b}) { id } }`,
					map[string]any{"a": a, "b": b})}
			}},
		"Mutation.recordAgreement": {query: recordAgreementQ, path: "recordAgreement",
			vars: func(f *fixture) map[string]any {
				return map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "title": "Nog een afspraak", "body": "STUURGROEP", "dueDate": "2027-01-01"}}
			}},
		"Mutation.updateAgreement": {query: `mutation($id: ID!) { updateAgreement(id: $id, input: {mandate: IN_PLACE}) { id } }`, path: "updateAgreement",
			vars: func(f *fixture) map[string]any { return map[string]any{"id": f.agreement} }},
		"Mutation.deleteAgreement": {query: `mutation($id: ID!) { deleteAgreement(id: $id) { deleted } }`, path: "deleteAgreement", shown: deleted, vars: freshAgreement},
		"Mutation.recordCheckIn":   {query: recordCheckInQ, path: "recordCheckIn", vars: in(map[string]any{"rightThings": 4, "thingsRight": 4, "together": 4})},
		"Mutation.setCheckInRhythm": {query: `mutation($id: ID!) { setCheckInRhythm(opgaveId: $id, days: 91) { checkInRhythmDays } }`, path: "setCheckInRhythm",
			vars: opgaveA},
		"Mutation.recordResult": {query: recordResultQ, path: "recordResult",
			vars: func(f *fixture) map[string]any {
				return map[string]any{"in": map[string]any{"opgaveId": f.opgaveA, "title": "Nog een resultaat", "plannedDate": "2027-01-01"}}
			}},
		"Mutation.updateResult": {query: `mutation($id: ID!) { updateResult(id: $id, input: {description: "bijgewerkt"}) { id } }`, path: "updateResult",
			vars: func(f *fixture) map[string]any { return map[string]any{"id": f.result} }},
		"Mutation.describeContribution": {query: `mutation($id: ID!) { describeContribution(resultId: $id, organisation: "GM0363", description: "leverde de trekker") { id } }`,
			path: "describeContribution", vars: func(f *fixture) map[string]any { return map[string]any{"id": f.result} }},
		"Mutation.deleteResult": {query: `mutation($id: ID!) { deleteResult(id: $id) { deleted } }`, path: "deleteResult", shown: deleted, vars: freshResult},
		"Mutation.recordLesson": {query: recordLessonQ, path: "recordLesson", vars: in(map[string]any{"title": "Nog een les", "themes": []string{"wonen"}})},
		"Mutation.updateLesson": {query: `mutation($id: ID!) { updateLesson(id: $id, input: {text: "aangevuld"}) { id } }`, path: "updateLesson",
			vars: func(f *fixture) map[string]any { return map[string]any{"id": f.lesson} }},
		"Mutation.deleteLesson": {query: `mutation($id: ID!) { deleteLesson(id: $id) { deleted } }`, path: "deleteLesson", shown: deleted, vars: freshLesson},
	}
}
