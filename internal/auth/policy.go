// Package auth decides who is asking and what they may do: the policy table (this file), sign-in
// with OpenID Connect tokens and API keys, and rate limits.
package auth

import (
	"fmt"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Scope narrows a role's right to objects related to the caller's organisation. The relation is
// checked where the data is read or written (a Cypher parameter), not by filtering afterwards.
type Scope string

// The scopes.
const (
	Everywhere      Scope = "everywhere"
	OwnOrganisation Scope = "own organisation" // the person works for it; the assessment is made by it
	TakesPart       Scope = "opgaven it takes part in"
	Leads           Scope = "opgaven it leads" // it is trekker or medetrekker (current roles)
	LeadsOrOwnRole  Scope = "opgaven it leads, and its own roles"
	AtLeastThree    Scope = "aggregates of at least 3 assessments by others"
	LeadsEvery      Scope = "instruments whose every opgave it leads"
	KeepsRows       Scope = "rows its organisation keeps (beheerder), its own people and assessments"
	LeadsOrOwn      Scope = "opgaven it leads, and its own organisation's entries"
	OwnOnItsOpgaven Scope = "its own organisation's entries, on opgaven it takes part in"
)

// Rule is one row of the policy: a field or mutation of the API (or an HTTP endpoint), and who may
// use it, with the scope of each role. A role that is not listed is refused: an anonymous caller
// with UNAUTHENTICATED, a signed-in one with FORBIDDEN. Fields without a row are public.
type Rule struct {
	Name  string // "Type.field" for fields and mutations ("Mutation.createOpgave"), "GET /export/..." for endpoints
	Write bool
	Who   map[samenspel.Access]Scope
	Why   string
}

// Allows reports whether the caller's role may use the rule at all, and with which scope.
func (r Rule) Allows(c samenspel.Caller) (Scope, bool) {
	s, ok := r.Who[c.Access]
	return s, ok
}

var (
	signedIn     = map[samenspel.Access]Scope{samenspel.Viewer: Everywhere, samenspel.Editor: Everywhere, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere}
	adminOnly    = map[samenspel.Access]Scope{samenspel.Admin: Everywhere}
	analysts     = map[samenspel.Access]Scope{samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere}
	editorsLead  = map[samenspel.Access]Scope{samenspel.Editor: Leads, samenspel.Admin: Everywhere}
	editorsOwn   = map[samenspel.Access]Scope{samenspel.Editor: OwnOrganisation, samenspel.Admin: Everywhere}
	editors      = map[samenspel.Access]Scope{samenspel.Editor: Everywhere, samenspel.Admin: Everywhere}
	editorsEvery = map[samenspel.Access]Scope{samenspel.Editor: LeadsEvery, samenspel.Admin: Everywhere}
)

// Policy is the whole policy. README.md renders it (`samenspel policy` prints it); the
// authorization-matrix test asks every row as every role.
var Policy = []Rule{
	// People: names and functions are for signed-in users; contact details for the editors of
	// the organisations that work with the person.
	{Name: "Query.person", Who: signedIn, Why: "names and functions of civil servants are personal data (AVG)"},
	{Name: "Role.person", Who: signedIn, Why: "who plays a role, down to the person"},
	{Name: "Opgave.contacts", Who: signedIn, Why: "the named people of an opgave"},
	{Name: "Organisation.people", Who: signedIn, Why: "the people of an organisation"},
	{Name: "Query.search(people)", Who: signedIn, Why: "search finds people only for signed-in users; for others the list leaves them out"},
	{Name: "Query.personContact", Who: map[samenspel.Access]Scope{samenspel.Editor: TakesPart, samenspel.Admin: Everywhere},
		Why: "e-mail and phone: for editors of organisations on the person's opgaven (or the person's own), read audited"},

	// Trust: climates as aggregates for signed-in users; individual scores for analysts; notes
	// for the assessing organisation.
	{Name: "Opgave.trustClimate", Who: map[samenspel.Access]Scope{samenspel.Viewer: AtLeastThree, samenspel.Editor: AtLeastThree, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere},
		Why: "an aggregate; for viewers and editors only where at least 3 other organisations made the assessments behind it (their own do not count)"},
	{Name: "Opgave.health(trust)", Who: map[samenspel.Access]Scope{samenspel.Viewer: AtLeastThree, samenspel.Editor: AtLeastThree, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere},
		Why: "the trust indicators of health: left out for others, and without pairs below analysts"},
	{Name: "TrustClimate.weakestPairs", Who: analysts, Why: "names pairs with their scores; reads audited"},
	{Name: "TrustClimate.minTrust", Who: analysts, Why: "the lowest score is one organisation's assessment"},
	{Name: "Query.trust", Who: map[samenspel.Access]Scope{samenspel.Editor: OwnOrganisation, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere},
		Why: "individual assessments: an editor sees those its organisation made; reads audited"},
	{Name: "TrustAssessment.note", Who: editorsOwn, Why: "what an organisation wrote about another: for its own editors"},
	{Name: "TrustAssessment.recordedBy", Who: editorsOwn, Why: "who recorded an assessment, a person"},
	{Name: "Query.weakLinks", Who: analysts, Why: "pairs of partners with their trust scores"},
	{Name: "GET /export/trust", Who: analysts, Why: "the trust network"},
	{Name: "GET /metrics", Who: adminOnly, Why: "operational figures by operation name; Prometheus scrapes them on SAMENSPEL_METRICS_ADDR, an internal address"},
	{Name: "GET /export/coalition", Who: analysts, Why: "the trust network of a coalition"},

	// The practice of working together: interests, agreements and lessons for signed-in users;
	// individual check-ins follow the trust rules; results are public, to be shared.
	{Name: "Opgave.interests", Who: signedIn, Why: "what each participant wants, brings and cannot give up: a negotiating position"},
	{Name: "Opgave.interestConflicts", Who: signedIn, Why: "where participants' interests conflict"},
	{Name: "Opgave.agreements", Who: signedIn, Why: "agreements and decisions in preparation, with their mandate"},
	{Name: "Query.overdueDecisions", Who: signedIn, Why: "decisions in preparation across opgaven"},
	{Name: "Opgave.checkIns", Who: map[samenspel.Access]Scope{samenspel.Editor: OwnOrganisation, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere},
		Why: "individual check-in answers follow the trust rules: an editor sees its own organisation's"},
	{Name: "CheckIn.note", Who: editorsOwn, Why: "what an organisation wrote in its check-in: for its own editors"},
	{Name: "Opgave.checkInSummary", Who: map[samenspel.Access]Scope{samenspel.Viewer: AtLeastThree, samenspel.Editor: AtLeastThree, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere},
		Why: "an aggregate; for viewers and editors a mean or spread only where at least 3 answers by other organisations stand behind it"},
	{Name: "QuestionSpread.differMost", Who: analysts, Why: "names the participants with the lowest and highest answer"},
	{Name: "Opgave.health(checkIns)", Who: map[samenspel.Access]Scope{samenspel.Viewer: AtLeastThree, samenspel.Editor: AtLeastThree, samenspel.Analyst: Everywhere, samenspel.Admin: Everywhere},
		Why: "CHECK_IN_SPREAD follows the rules of checkInSummary: left out where the caller may not see the spread"},
	{Name: "Opgave.health(practice)", Who: signedIn,
		Why: "MANDATE_IN_PLACE, CHECK_IN_RHYTHM and LESSONS_RECENT name agreements, who has not checked in and lessons: left out for anonymous callers"},
	{Name: "Opgave.lessons", Who: signedIn, Why: "lessons are candid: for signed-in users"},
	{Name: "Opgave.relatedLessons", Who: signedIn, Why: "lessons of other opgaven"},
	{Name: "Query.lessons", Who: signedIn, Why: "lessons across opgaven"},

	// Administration.
	{Name: "Query.auditLog", Who: adminOnly, Why: "who did and read what"},
	{Name: "Query.apiKeys", Who: adminOnly, Why: "the API keys"},
	{Name: "Query.personData", Who: adminOnly, Why: "everything held about a person (a data request under the AVG), audited"},

	// Changes.
	{Name: "Mutation.createOpgave", Write: true, Who: editors, Why: "a new opgave, with the editor's organisation in a role"},
	{Name: "Mutation.updateOpgave", Write: true, Who: editorsLead, Why: "opgaven the organisation leads"},
	{Name: "Mutation.deleteOpgave", Write: true, Who: editorsLead, Why: "opgaven the organisation leads"},
	{Name: "Mutation.assignRole", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: LeadsOrOwnRole, samenspel.Admin: Everywhere},
		Why: "roles on opgaven it leads, and its own roles (not the lead) on opgaven it takes part in; a person only of its own organisation"},
	{Name: "Mutation.endRole", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: LeadsOrOwnRole, samenspel.Admin: Everywhere},
		Why: "roles on opgaven it leads, and its own roles"},
	{Name: "Mutation.createPerson", Write: true, Who: editorsOwn, Why: "people of its own organisation"},
	{Name: "Mutation.updatePerson", Write: true, Who: editorsOwn, Why: "people of its own organisation"},
	{Name: "Mutation.deletePerson", Write: true, Who: editorsOwn, Why: "people of its own organisation"},
	{Name: "Mutation.createOrganisation", Write: true, Who: adminOnly, Why: "register corrections"},
	{Name: "Mutation.updateOrganisation", Write: true, Who: adminOnly, Why: "register corrections"},
	{Name: "Mutation.deleteOrganisation", Write: true, Who: adminOnly, Why: "register corrections"},
	{Name: "Mutation.createInstrument", Write: true, Who: editors, Why: "a new instrument"},
	{Name: "Mutation.updateInstrument", Write: true, Who: editorsEvery, Why: "an instrument is shared: only who leads every opgave it supports (or made it, while it supports none)"},
	{Name: "Mutation.deleteInstrument", Write: true, Who: editorsEvery, Why: "an instrument is shared: only who leads every opgave it supports (or made it, while it supports none)"},
	{Name: "Mutation.attachInstrument", Write: true, Who: editorsLead, Why: "to opgaven it leads"},
	{Name: "Mutation.detachInstrument", Write: true, Who: editorsLead, Why: "from opgaven it leads"},
	{Name: "Mutation.linkOpgaven", Write: true, Who: editorsLead, Why: "from opgaven it leads"},
	{Name: "Mutation.unlinkOpgaven", Write: true, Who: editorsLead, Why: "from opgaven it leads"},
	{Name: "Mutation.recordTrustAssessment", Write: true, Who: editorsOwn, Why: "assessments made by its own organisation (`from` is the caller's)"},
	{Name: "Mutation.recordInterest", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: OwnOnItsOpgaven, samenspel.Admin: Everywhere},
		Why: "its own organisation's interest, on an opgave it takes part in"},
	{Name: "Mutation.updateInterest", Write: true, Who: editorsOwn, Why: "its own organisation's interests"},
	{Name: "Mutation.deleteInterest", Write: true, Who: editorsOwn, Why: "its own organisation's interests"},
	{Name: "Mutation.markInterestConflict", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: TakesPart, samenspel.Admin: Everywhere},
		Why: "on opgaven it takes part in"},
	{Name: "Mutation.resolveInterestConflict", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: TakesPart, samenspel.Admin: Everywhere},
		Why: "on opgaven it takes part in"},
	{Name: "Mutation.recordAgreement", Write: true, Who: editorsLead, Why: "the programme lead records agreements on opgaven it leads"},
	{Name: "Mutation.updateAgreement", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: LeadsOrOwn, samenspel.Admin: Everywhere},
		Why: "on opgaven it leads, and the agreements its own organisation decides (its mandate, its decision)"},
	{Name: "Mutation.deleteAgreement", Write: true, Who: editorsLead, Why: "on opgaven it leads"},
	{Name: "Mutation.recordCheckIn", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: OwnOnItsOpgaven, samenspel.Admin: Everywhere},
		Why: "its own organisation's answers, on an opgave it takes part in"},
	{Name: "Mutation.setCheckInRhythm", Write: true, Who: editorsLead, Why: "on opgaven it leads"},
	{Name: "Mutation.recordResult", Write: true, Who: editorsLead, Why: "on opgaven it leads"},
	{Name: "Mutation.updateResult", Write: true, Who: editorsLead, Why: "on opgaven it leads"},
	{Name: "Mutation.describeContribution", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: LeadsOrOwn, samenspel.Admin: Everywhere},
		Why: "any contribution on opgaven it leads, and its own organisation's contribution on opgaven it takes part in"},
	{Name: "Mutation.deleteResult", Write: true, Who: editorsLead, Why: "on opgaven it leads"},
	{Name: "Mutation.recordLesson", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: OwnOnItsOpgaven, samenspel.Admin: Everywhere},
		Why: "recorded by its own organisation, on an opgave it has (or had) a role on"},
	{Name: "Mutation.updateLesson", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: LeadsOrOwn, samenspel.Admin: Everywhere},
		Why: "lessons its own organisation recorded, and those on opgaven it leads"},
	{Name: "Mutation.deleteLesson", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: LeadsOrOwn, samenspel.Admin: Everywhere},
		Why: "lessons its own organisation recorded, and those on opgaven it leads"},
	{Name: "Mutation.importWorkbook", Write: true, Who: map[samenspel.Access]Scope{samenspel.Editor: KeepsRows, samenspel.Admin: Everywhere},
		Why: "a register in bulk: an editor the rows its organisation keeps, with its own people and its own trust assessments, and of the practice what the practice mutations allow it"},
	{Name: "GET /export/workbook.xlsx", Who: signedIn,
		Why: "the register as a workbook; each role gets the sheets and columns its field rules allow: contact details and the notes of trust assessments and check-ins for admins, trust assessments and check-ins for analysts and admins, audited"},
	{Name: "Mutation.createApiKey", Write: true, Who: adminOnly, Why: "API keys"},
	{Name: "Mutation.revokeApiKey", Write: true, Who: adminOnly, Why: "API keys"},
	{Name: "Mutation.erasePerson", Write: true, Who: adminOnly, Why: "a person's right to be forgotten, audited"},
}

var byName = func() map[string]Rule {
	m := make(map[string]Rule, len(Policy))
	for _, r := range Policy {
		if _, dup := m[r.Name]; dup {
			panic("auth: policy names " + r.Name + " twice")
		}
		m[r.Name] = r
	}
	return m
}()

// byField holds the same rules by type and field name, so that the check run on every field of
// a response looks them up without building a name.
var byField = func() map[string]map[string]Rule {
	m := map[string]map[string]Rule{}
	for _, r := range Policy {
		typ, field, _ := strings.Cut(r.Name, ".")
		if m[typ] == nil {
			m[typ] = map[string]Rule{}
		}
		m[typ][field] = r
	}
	return m
}()

// Governs reports whether a rule covers the field of a type (without building its name); fields
// it does not cover are public, and need no Check.
func Governs(typ, field string) bool {
	_, ok := byField[typ][field]
	return ok
}

// RuleFor returns the rule of a field, mutation or endpoint; false means it is public.
func RuleFor(name string) (Rule, bool) {
	r, ok := byName[name]
	return r, ok
}

// Check returns nil when the caller may use the rule (at some scope), or the error to answer:
// UNAUTHENTICATED for a caller without credentials, FORBIDDEN for one whose role may not.
func Check(c samenspel.Caller, name string) error {
	r, ok := byName[name]
	if !ok {
		return nil
	}
	if _, ok := r.Allows(c); ok {
		return nil
	}
	if !c.SignedIn() {
		return samenspel.Unauthenticatedf("", "%s needs you to sign in (a token or an API key)", name)
	}
	return samenspel.Forbiddenf("", "your role (%s) may not use %s", c.Access, name)
}

// Table renders the policy as a Markdown table, for the README.
func Table() string {
	roles := []samenspel.Access{samenspel.Anonymous, samenspel.Viewer, samenspel.Editor, samenspel.Analyst, samenspel.Admin}
	var b strings.Builder
	b.WriteString("| field, mutation or endpoint |")
	for _, r := range roles {
		fmt.Fprintf(&b, " %s |", r)
	}
	b.WriteString(" why |\n| --- |")
	for range roles {
		b.WriteString(" --- |")
	}
	b.WriteString(" --- |\n")
	rules := append([]Rule(nil), Policy...)
	sort.SliceStable(rules, func(i, j int) bool { return !rules[i].Write && rules[j].Write })
	for _, rule := range rules {
		fmt.Fprintf(&b, "| `%s` |", rule.Name)
		for _, r := range roles {
			s, ok := rule.Who[r]
			switch {
			case !ok:
				b.WriteString(" – |")
			case s == Everywhere:
				b.WriteString(" yes |")
			default:
				fmt.Fprintf(&b, " %s |", s)
			}
		}
		fmt.Fprintf(&b, " %s |\n", rule.Why)
	}
	return b.String()
}
