package graph

import (
	"context"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// The batch plan's declarations for the practice of working together (schema/practice.graphqls).

// PracticeStore is what the practice fields and mutations read and write.
type PracticeStore interface {
	InterestsOf(ctx context.Context, ids []string) (map[string][]samenspel.Interest, error)
	ConflictsOf(ctx context.Context, ids []string, all bool) (map[string][]samenspel.InterestConflict, error)
	AgreementsOf(ctx context.Context, ids []string) (map[string][]samenspel.Agreement, error)
	CheckInsOf(ctx context.Context, ids []string, org string, first int) (map[string][]samenspel.CheckIn, error)
	CheckInFacts(ctx context.Context, ids []string, at samenspel.Date) (map[string]samenspel.CheckInFacts, error)
	ResultsOf(ctx context.Context, ids []string) (map[string][]samenspel.Result, error)
	LessonsOf(ctx context.Context, ids []string) (map[string][]samenspel.Lesson, error)
	RelatedLessons(ctx context.Context, ids []string, at samenspel.Date, first int) (map[string][]samenspel.RelatedLesson, error)
	Lessons(ctx context.Context, theme string, words []string, first int) ([]samenspel.Lesson, error)
	OverdueDecisions(ctx context.Context, org string, today samenspel.Date, first int) ([]samenspel.Agreement, bool, error)

	RecordInterest(ctx context.Context, in samenspel.InterestInput) (samenspel.Interest, error)
	UpdateInterest(ctx context.Context, id string, u samenspel.InterestUpdate) (samenspel.Interest, error)
	DeleteInterest(ctx context.Context, id string) (bool, error)
	MarkInterestConflict(ctx context.Context, in samenspel.ConflictInput) (samenspel.InterestConflict, error)
	ResolveInterestConflict(ctx context.Context, id string, on samenspel.Date) (samenspel.InterestConflict, error)
	RecordAgreement(ctx context.Context, in samenspel.AgreementInput) (samenspel.Agreement, error)
	UpdateAgreement(ctx context.Context, id string, u samenspel.AgreementUpdate) (samenspel.Agreement, error)
	DeleteAgreement(ctx context.Context, id string) (bool, error)
	RecordCheckIn(ctx context.Context, in samenspel.CheckInInput) (samenspel.CheckIn, error)
	SetCheckInRhythm(ctx context.Context, opgave string, days int) (samenspel.Opgave, error)
	RecordResult(ctx context.Context, in samenspel.ResultInput) (samenspel.Result, error)
	UpdateResult(ctx context.Context, id string, u samenspel.ResultUpdate) (samenspel.Result, error)
	DescribeContribution(ctx context.Context, resultID, org, description string) (samenspel.Result, error)
	DeleteResult(ctx context.Context, id string) (bool, error)
	RecordLesson(ctx context.Context, in samenspel.LessonInput) (samenspel.Lesson, error)
	UpdateLesson(ctx context.Context, id string, u samenspel.LessonUpdate) (samenspel.Lesson, error)
	DeleteLesson(ctx context.Context, id string) (bool, error)
}

type (
	allArgs     struct{ All bool }
	checkInArgs struct {
		Org   string
		First int
	}
	summaryArgs struct {
		At   string
		View samenspel.CheckInView
	}
)

type practiceFields struct {
	opgaveInterests      *plan.Field[samenspel.Opgave, []samenspel.Interest, noArgs]
	opgaveConflicts      *plan.Field[samenspel.Opgave, []samenspel.InterestConflict, allArgs]
	opgaveAgreements     *plan.Field[samenspel.Opgave, []samenspel.Agreement, allArgs]
	opgaveCheckIns       *plan.Field[samenspel.Opgave, []samenspel.CheckIn, checkInArgs]
	opgaveCheckInSummary *plan.Field[samenspel.Opgave, *samenspel.CheckInSummary, summaryArgs]
	opgaveResults        *plan.Field[samenspel.Opgave, []samenspel.Result, noArgs]
	opgaveResultSummary  *plan.Field[samenspel.Opgave, *samenspel.ResultSummary, atArgs]
	opgaveLessons        *plan.Field[samenspel.Opgave, []samenspel.Lesson, noArgs]
	opgaveRelatedLessons *plan.Field[samenspel.Opgave, []samenspel.RelatedLesson, atFirst]

	interestOrganisation     *plan.Field[samenspel.Interest, *samenspel.Organisation, noArgs]
	agreementDecider         *plan.Field[samenspel.Agreement, *samenspel.Organisation, noArgs]
	checkInOrganisation      *plan.Field[samenspel.CheckIn, *samenspel.Organisation, noArgs]
	contributionOrganisation *plan.Field[samenspel.Contribution, *samenspel.Organisation, noArgs]
	partnerOrganisation      *plan.Field[samenspel.PartnerContribution, *samenspel.Organisation, noArgs]
	lessonOrganisation       *plan.Field[samenspel.Lesson, *samenspel.Organisation, noArgs]
	summaryMissing           *plan.Field[samenspel.CheckInSummary, []samenspel.Organisation, noArgs]
	spreadDifferMost         *plan.Field[samenspel.QuestionSpread, []samenspel.Organisation, noArgs]

	opgaveOf struct {
		interest  *plan.Field[samenspel.Interest, *samenspel.Opgave, noArgs]
		agreement *plan.Field[samenspel.Agreement, *samenspel.Opgave, noArgs]
		checkIn   *plan.Field[samenspel.CheckIn, *samenspel.Opgave, noArgs]
		result    *plan.Field[samenspel.Result, *samenspel.Opgave, noArgs]
		lesson    *plan.Field[samenspel.Lesson, *samenspel.Opgave, noArgs]
	}
}

// orgList is a list of organisation ids as one plan key, and back. An empty list is a key too, so
// that the round trips of a request do not depend on whether some list is empty.
func orgList(ids []string) (string, bool) { return strings.Join(ids, ","), true }

// orgsByList fetches the organisations of list keys (orgList) in one read.
func orgsByList(st Store) func(ctx context.Context, _ noArgs, keys []string) (map[string][]samenspel.Organisation, error) {
	return func(ctx context.Context, _ noArgs, keys []string) (map[string][]samenspel.Organisation, error) {
		ids := []string{}
		for _, k := range keys {
			if k != "" {
				ids = append(ids, strings.Split(k, ",")...)
			}
		}
		orgs, err := st.OrganisationsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[string][]samenspel.Organisation, len(keys))
		for _, k := range keys {
			list := []samenspel.Organisation{}
			for _, id := range strings.FieldsFunc(k, func(r rune) bool { return r == ',' }) {
				if o, ok := orgs[id]; ok {
					list = append(list, o)
				}
			}
			out[k] = list
		}
		return out, nil
	}
}

// practiceHealth computes the practice indicators of opgaven on at, as the caller may see them.
func (r *Resolver) practiceHealth(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Indicator, map[string]bool, error) {
	st := r.Store
	facts, err := st.CheckInFacts(ctx, ids, at)
	if err != nil {
		return nil, nil, err
	}
	agreements, err := st.AgreementsOf(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	results, err := st.ResultsOf(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	lessons, err := st.LessonsOf(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	caller := samenspel.CallerIn(ctx)
	view := samenspel.CheckInViewOf(caller)
	mayAsk := auth.Check(caller, "Opgave.health(checkIns)") == nil
	signedIn := auth.Check(caller, "Opgave.health(practice)") == nil
	out, spreadShown := make(map[string][]samenspel.Indicator, len(ids)), make(map[string]bool, len(ids))
	public := func(ind []samenspel.Indicator) []samenspel.Indicator {
		if signedIn {
			return ind
		}
		kept := ind[:0]
		for _, x := range ind {
			if x.Key == samenspel.IndResults || x.Key == samenspel.IndCheckInSpread { // the spread has its own rule
				kept = append(kept, x)
			}
		}
		return kept
	}
	for _, id := range ids {
		f := facts[id]
		out[id] = public(samenspel.ComputePracticeHealth(samenspel.Practice{Participants: f.Participants, Agreements: agreements[id],
			CheckIns: samenspel.ComputeCheckIns(f, at, samenspel.CheckInView{All: true}), Results: results[id], Lessons: lessons[id]}, at))
		spreadShown[id] = mayAsk && samenspel.SpreadShown(samenspel.ComputeCheckIns(f, at, view))
	}
	return out, spreadShown, nil
}

// withPractice appends the practice indicators to an opgave's health, leaving out CHECK_IN_SPREAD
// where the caller may not see the spread.
func withPractice(h []model.HealthIndicator, practice []model.HealthIndicator, spreadShown bool) []model.HealthIndicator {
	for _, x := range practice {
		if x.Key == model.HealthKeyCheckInSpread && !spreadShown {
			continue
		}
		h = append(h, x)
	}
	return h
}

// declarePractice adds the practice fields to the plan.
func (r *Resolver) declarePractice(reg *plan.Registry, orgByID func(context.Context, noArgs, []string) (map[string]*samenspel.Organisation, error),
	opgaveByID func(context.Context, noArgs, []string) (map[string]*samenspel.Opgave, error)) practiceFields {
	st := r.Store
	var f practiceFields
	plan.Identity(reg, "Interest", func(x *samenspel.Interest) string { return x.ID })
	plan.Identity(reg, "Agreement", func(x *samenspel.Agreement) string { return x.ID })
	plan.Identity(reg, "CheckIn", func(x *samenspel.CheckIn) string { return x.ID })
	plan.Identity(reg, "Result", func(x *samenspel.Result) string { return x.ID })
	plan.Identity(reg, "Lesson", func(x *samenspel.Lesson) string { return x.ID })

	f.opgaveInterests = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Interest, noArgs]{
		Type: "Opgave", Name: "interests", Key: byOpgaveID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Interest, error) {
			return st.InterestsOf(ctx, ids)
		}})
	f.opgaveConflicts = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.InterestConflict, allArgs]{
		Type: "Opgave", Name: "interestConflicts", Key: byOpgaveID,
		Args: func(_ context.Context, a plan.Args) (allArgs, error) {
			return allArgs{All: a.Bool("includeResolved")}, nil
		},
		Fetch: func(ctx context.Context, g allArgs, ids []string) (map[string][]samenspel.InterestConflict, error) {
			return st.ConflictsOf(ctx, ids, g.All)
		}})
	f.opgaveAgreements = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Agreement, allArgs]{
		Type: "Opgave", Name: "agreements", Key: byOpgaveID,
		Args: func(_ context.Context, a plan.Args) (allArgs, error) { return allArgs{All: !a.Bool("openOnly")}, nil },
		Fetch: func(ctx context.Context, g allArgs, ids []string) (map[string][]samenspel.Agreement, error) {
			m, err := st.AgreementsOf(ctx, ids)
			if err != nil || g.All {
				return m, err
			}
			for id, as := range m {
				open := []samenspel.Agreement{}
				for _, a := range as {
					if a.Open() {
						open = append(open, a)
					}
				}
				m[id] = open
			}
			return m, nil
		}})
	f.opgaveCheckIns = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.CheckIn, checkInArgs]{
		Type: "Opgave", Name: "checkIns", Key: byOpgaveID,
		Args: func(ctx context.Context, a plan.Args) (checkInArgs, error) {
			n, err := argFirst(a, samenspel.MaxPageSize)
			c := samenspel.CallerIn(ctx)
			g := checkInArgs{First: n}
			if !c.Is(samenspel.Analyst, samenspel.Admin) {
				g.Org = c.Organisation // an editor's own; the policy refuses the others
			}
			return g, err
		},
		Fetch: func(ctx context.Context, g checkInArgs, ids []string) (map[string][]samenspel.CheckIn, error) {
			return st.CheckInsOf(ctx, ids, g.Org, g.First)
		}})
	f.opgaveCheckInSummary = plan.Add(reg, &plan.Field[samenspel.Opgave, *samenspel.CheckInSummary, summaryArgs]{
		Type: "Opgave", Name: "checkInSummary", Key: byOpgaveID,
		Args: func(ctx context.Context, _ plan.Args) (summaryArgs, error) {
			return summaryArgs{At: samenspel.TodayIn(ctx).String(), View: samenspel.CheckInViewOf(samenspel.CallerIn(ctx))}, nil
		},
		Fetch: func(ctx context.Context, g summaryArgs, ids []string) (map[string]*samenspel.CheckInSummary, error) {
			at := mustDate(g.At)
			facts, err := st.CheckInFacts(ctx, ids, at)
			if err != nil {
				return nil, err
			}
			out := make(map[string]*samenspel.CheckInSummary, len(facts))
			for id, fc := range facts {
				s := samenspel.ComputeCheckIns(fc, at, g.View)
				out[id] = &s
			}
			return out, nil
		}})
	f.opgaveResults = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Result, noArgs]{
		Type: "Opgave", Name: "results", Key: byOpgaveID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Result, error) {
			return st.ResultsOf(ctx, ids)
		}})
	f.opgaveResultSummary = plan.Add(reg, &plan.Field[samenspel.Opgave, *samenspel.ResultSummary, atArgs]{
		Type: "Opgave", Name: "resultSummary", Key: byOpgaveID,
		Args: func(ctx context.Context, _ plan.Args) (atArgs, error) {
			return atArgs{At: samenspel.TodayIn(ctx).String()}, nil
		},
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string]*samenspel.ResultSummary, error) {
			sums, err := r.Svc.ResultSummaries(ctx, ids, mustDate(g.At))
			return pointers(sums, err)
		}})
	f.opgaveLessons = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Lesson, noArgs]{
		Type: "Opgave", Name: "lessons", Key: byOpgaveID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Lesson, error) {
			return st.LessonsOf(ctx, ids)
		}})
	f.opgaveRelatedLessons = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.RelatedLesson, atFirst]{
		Type: "Opgave", Name: "relatedLessons", Key: byOpgaveID,
		Args: func(ctx context.Context, a plan.Args) (atFirst, error) {
			n, err := argFirst(a, 50)
			return atFirst{At: samenspel.TodayIn(ctx).String(), First: n}, err
		},
		Fetch: func(ctx context.Context, g atFirst, ids []string) (map[string][]samenspel.RelatedLesson, error) {
			return st.RelatedLessons(ctx, ids, mustDate(g.At), g.First)
		}})

	f.opgaveOf.interest = plan.Add(reg, &plan.Field[samenspel.Interest, *samenspel.Opgave, noArgs]{
		Type: "Interest", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(x *samenspel.Interest) (string, bool) { return x.OpgaveID, true }})
	f.opgaveOf.agreement = plan.Add(reg, &plan.Field[samenspel.Agreement, *samenspel.Opgave, noArgs]{
		Type: "Agreement", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(x *samenspel.Agreement) (string, bool) { return x.OpgaveID, true }})
	f.opgaveOf.checkIn = plan.Add(reg, &plan.Field[samenspel.CheckIn, *samenspel.Opgave, noArgs]{
		Type: "CheckIn", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(x *samenspel.CheckIn) (string, bool) { return x.OpgaveID, true }})
	f.opgaveOf.result = plan.Add(reg, &plan.Field[samenspel.Result, *samenspel.Opgave, noArgs]{
		Type: "Result", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(x *samenspel.Result) (string, bool) { return x.OpgaveID, true }})
	f.opgaveOf.lesson = plan.Add(reg, &plan.Field[samenspel.Lesson, *samenspel.Opgave, noArgs]{
		Type: "Lesson", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(x *samenspel.Lesson) (string, bool) { return x.OpgaveID, true }})

	f.interestOrganisation = plan.Add(reg, &plan.Field[samenspel.Interest, *samenspel.Organisation, noArgs]{
		Type: "Interest", Name: "organisation", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(x *samenspel.Interest) (string, bool) { return x.OrganisationID, true }})
	f.agreementDecider = plan.Add(reg, &plan.Field[samenspel.Agreement, *samenspel.Organisation, noArgs]{
		Type: "Agreement", Name: "decider", Args: noArgsOf, Fetch: orgByID,
		Key: func(x *samenspel.Agreement) (string, bool) { return idOrNone(x.DeciderID) }})
	f.checkInOrganisation = plan.Add(reg, &plan.Field[samenspel.CheckIn, *samenspel.Organisation, noArgs]{
		Type: "CheckIn", Name: "organisation", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(x *samenspel.CheckIn) (string, bool) { return x.OrganisationID, true }})
	f.contributionOrganisation = plan.Add(reg, &plan.Field[samenspel.Contribution, *samenspel.Organisation, noArgs]{
		Type: "Contribution", Name: "organisation", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(x *samenspel.Contribution) (string, bool) { return x.OrganisationID, true }})
	f.partnerOrganisation = plan.Add(reg, &plan.Field[samenspel.PartnerContribution, *samenspel.Organisation, noArgs]{
		Type: "PartnerContribution", Name: "organisation", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(x *samenspel.PartnerContribution) (string, bool) { return x.OrganisationID, true }})
	f.lessonOrganisation = plan.Add(reg, &plan.Field[samenspel.Lesson, *samenspel.Organisation, noArgs]{
		Type: "Lesson", Name: "organisation", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(x *samenspel.Lesson) (string, bool) { return x.OrganisationID, true }})
	f.summaryMissing = plan.Add(reg, &plan.Field[samenspel.CheckInSummary, []samenspel.Organisation, noArgs]{
		Type: "CheckInSummary", Name: "missing", Args: noArgsOf, Fetch: orgsByList(st),
		Key: func(x *samenspel.CheckInSummary) (string, bool) { return orgList(x.MissingIDs) }})
	f.spreadDifferMost = plan.Add(reg, &plan.Field[samenspel.QuestionSpread, []samenspel.Organisation, noArgs]{
		Type: "QuestionSpread", Name: "differMost", Args: noArgsOf, Fetch: orgsByList(st),
		Key: func(x *samenspel.QuestionSpread) (string, bool) { return orgList(x.DifferMostID) }})
	return f
}

// lessonWords splits a search into lower-case words.
func lessonWords(s string) []string {
	words := strings.Fields(strings.ToLower(s))
	sort.Strings(words)
	return words
}
