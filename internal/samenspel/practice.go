package samenspel

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The practice of working together on an opgave (schema/practice.graphqls): interests, their
// conflicts, agreements, check-ins, results and lessons. Each belongs to one opgave.

// Interest is what one participant of an opgave wants, brings and cannot give up.
type Interest struct {
	ID             string
	OpgaveID       string
	OrganisationID string
	Wants          string
	Brings         string
	CannotGiveUp   string
	Date           Date
	Generated      bool
}

// InterestConflict marks two interests (of two organisations, on one opgave) as conflicting.
type InterestConflict struct {
	ID         string
	OpgaveID   string
	AID, BID   string // the interests
	Note       string
	Since      Date
	ResolvedOn *Date
	Generated  bool
	A, B       Interest // the interests themselves, as read with the conflict
}

// Decision bodies.
var DecisionBodies = []string{"COLLEGE", "RAAD", "GEDEPUTEERDE_STATEN", "PROVINCIALE_STATEN", "DAGELIJKS_BESTUUR", "ALGEMEEN_BESTUUR", "STUURGROEP", "MINISTER"}

// BodyKinds says which kind of organisation each decision body belongs to (STUURGROEP is a joint
// body of the opgave and has no decider).
var BodyKinds = map[string][]OrganisationKind{
	"COLLEGE":             {KindGemeente},
	"RAAD":                {KindGemeente},
	"GEDEPUTEERDE_STATEN": {KindProvincie},
	"PROVINCIALE_STATEN":  {KindProvincie},
	"DAGELIJKS_BESTUUR":   {KindWaterschap, KindSamenwerkingsverband},
	"ALGEMEEN_BESTUUR":    {KindWaterschap, KindSamenwerkingsverband},
	"MINISTER":            {KindRijk},
}

// CheckDecider checks that an organisation of kind may decide through body.
func CheckDecider(body string, kind OrganisationKind) error {
	kinds, ok := BodyKinds[body]
	if !ok {
		return nil
	}
	for _, k := range kinds {
		if k == kind {
			return nil
		}
	}
	return Invalidf("input.decider", "a %s decision is taken by a %v, not by a %s", body, kinds, kind)
}

// Mandate statuses.
const (
	MandateInPlace   = "IN_PLACE"
	MandateRequested = "REQUESTED"
	MandateMissing   = "MISSING"
)

// MandateStatuses are the mandate statuses, in the schema's order.
var MandateStatuses = []string{MandateInPlace, MandateRequested, MandateMissing}

// Agreement is an agreement or a decision to be taken on an opgave.
type Agreement struct {
	ID          string
	OpgaveID    string
	Title       string
	Description string
	Body        string
	DeciderID   string // empty for a joint body (STUURGROEP)
	DueDate     Date
	DecidedOn   *Date
	Mandate     string
	Generated   bool
}

// Open reports whether it is not yet decided.
func (a Agreement) Open() bool { return a.DecidedOn == nil }

// Overdue reports whether it is open and its due date has passed on today.
func (a Agreement) Overdue(today Date) bool { return a.Open() && a.DueDate.Before(today) }

// WithoutMandate reports whether it is open and its mandate is not in place.
func (a Agreement) WithoutMandate() bool { return a.Open() && a.Mandate != MandateInPlace }

// DefaultCheckInRhythm is the check-in rhythm of an opgave that has not set one: a quarter.
const DefaultCheckInRhythm = 91

// CheckIn is one participant's answers to the three check-in questions (1–5).
type CheckIn struct {
	ID             string
	OpgaveID       string
	OrganisationID string
	Date           Date
	RightThings    int // Doen we het goede?
	ThingsRight    int // Doen we het goed?
	Together       int // Doen we het goed met elkaar?
	Note           string
	Generated      bool
	Withheld       bool // the note is not for this caller
}

// Answer returns the answer to a question (CheckInQuestions).
func (c CheckIn) Answer(q string) int {
	switch q {
	case "RIGHT_THINGS":
		return c.RightThings
	case "THINGS_RIGHT":
		return c.ThingsRight
	default:
		return c.Together
	}
}

// CheckInQuestions are the three questions, in the schema's order.
var CheckInQuestions = []string{"RIGHT_THINGS", "THINGS_RIGHT", "TOGETHER"}

// Result statuses.
const (
	ResultAchieved = "ACHIEVED"
	ResultPlanned  = "PLANNED"
	ResultLate     = "LATE"
)

// Result is a tangible result of an opgave with the organisations that contribute to it.
type Result struct {
	ID            string
	OpgaveID      string
	Title         string
	Description   string
	PlannedDate   Date
	AchievedDate  *Date
	Contributions []Contribution // by organisation id
	Generated     bool
}

// Status is ACHIEVED, PLANNED or LATE on today.
func (r Result) Status(today Date) string {
	switch {
	case r.AchievedDate != nil:
		return ResultAchieved
	case r.PlannedDate.Before(today):
		return ResultLate
	default:
		return ResultPlanned
	}
}

// Contribution is what one organisation contributed to a result.
type Contribution struct {
	OrganisationID string
	Description    string
}

// Lesson is a lesson learned on an opgave, recorded by an organisation.
type Lesson struct {
	ID             string
	OpgaveID       string
	OrganisationID string
	Title          string
	Text           string
	Themes         []string
	Date           Date
	Generated      bool
}

// RelatedLesson is a lesson of another opgave with why it is offered.
type RelatedLesson struct {
	Lesson          Lesson
	SharedThemes    []string
	OverlappingArea bool
}

// ---- inputs ----

// Text limits.
const (
	MaxTitleLen = 300
	MaxNoteLen  = 2000
	MaxTextLen  = 10000
)

// checkText trims *s and checks it is at most max characters and, when required, not empty.
func checkText(field string, s *string, max int, required bool) error {
	*s = strings.TrimSpace(*s)
	if required && *s == "" {
		return Invalidf(field, "must not be empty")
	}
	if n := utf8.RuneCountInString(*s); n > max {
		return Invalidf(field, "must be at most %d characters, got %d", max, n)
	}
	return nil
}

func checkOptionalText(field string, s *string, max int, required bool) error {
	if s == nil {
		return nil
	}
	return checkText(field, s, max, required)
}

func checkNotFuture(field string, d *Date, today Date) error {
	if d != nil && today.Before(*d) {
		return Invalidf(field, "%s is in the future", d)
	}
	return nil
}

func checkScore(field string, v int) error {
	if v < 1 || v > 5 {
		return Invalidf(field, "must be from 1 (not at all) to 5 (fully), got %d", v)
	}
	return nil
}

// CheckThemes checks a list of theme keys: at least one, each known, each once.
func CheckThemes(field string, themes []string) error {
	if len(themes) == 0 {
		return Invalidf(field, "give at least one theme")
	}
	seen := map[string]bool{}
	for i, t := range themes {
		if !IsTheme(t) {
			return Invalidf(fmt.Sprintf("%s[%d]", field, i), "unknown theme %q; see the themes query for the list", t)
		}
		if seen[t] {
			return Invalidf(fmt.Sprintf("%s[%d]", field, i), "theme %q is given twice", t)
		}
		seen[t] = true
	}
	return nil
}

// InterestInput records an interest. OrganisationID empty means the caller's organisation.
type InterestInput struct {
	ClientKey                   string
	OpgaveID, OrganisationID    string
	Wants, Brings, CannotGiveUp string
}

// Validate checks the input's own rules.
func (in *InterestInput) Validate() error {
	if err := checkText("input.wants", &in.Wants, MaxNoteLen, true); err != nil {
		return err
	}
	if err := checkText("input.brings", &in.Brings, MaxNoteLen, false); err != nil {
		return err
	}
	return checkText("input.cannotGiveUp", &in.CannotGiveUp, MaxNoteLen, false)
}

// InterestUpdate changes the given fields of an interest.
type InterestUpdate struct {
	Wants, Brings, CannotGiveUp *string
}

// Validate checks the input's own rules.
func (in *InterestUpdate) Validate() error {
	if err := checkOptionalText("input.wants", in.Wants, MaxNoteLen, true); err != nil {
		return err
	}
	if err := checkOptionalText("input.brings", in.Brings, MaxNoteLen, false); err != nil {
		return err
	}
	return checkOptionalText("input.cannotGiveUp", in.CannotGiveUp, MaxNoteLen, false)
}

// ConflictInput marks two interests as conflicting.
type ConflictInput struct {
	ClientKey string
	AID, BID  string
	Note      string
}

// Validate checks the input's own rules.
func (in *ConflictInput) Validate() error {
	if in.AID == in.BID {
		return Invalidf("input.b", "is the same interest as a")
	}
	return checkText("input.note", &in.Note, MaxNoteLen, false)
}

// AgreementInput records an agreement.
type AgreementInput struct {
	ClientKey          string
	OpgaveID           string
	Title, Description string
	Body               string
	DeciderID          string
	DueDate            Date
	DecidedOn          *Date
	Mandate            string
}

// Validate checks the input's own rules against today (the decider's kind is checked by the store).
func (in *AgreementInput) Validate(today Date) error {
	if err := checkText("input.title", &in.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if err := checkText("input.description", &in.Description, MaxNoteLen, false); err != nil {
		return err
	}
	switch {
	case in.Body == "STUURGROEP" && in.DeciderID != "":
		return Invalidf("input.decider", "a stuurgroep is a joint body: leave the decider out")
	case in.Body != "STUURGROEP" && in.DeciderID == "":
		return Invalidf("input.decider", "give the organisation whose %s decides", in.Body)
	}
	if in.DueDate.IsZero() {
		return Invalidf("input.dueDate", "give the day by which it must be decided")
	}
	if in.Mandate == "" {
		in.Mandate = MandateMissing
	}
	return checkNotFuture("input.decidedOn", in.DecidedOn, today)
}

// AgreementUpdate changes the given fields of an agreement.
type AgreementUpdate struct {
	Title, Description *string
	DueDate            *Date
	DecidedOn          *Date
	Reopen             bool
	Mandate            *string
}

// Validate checks the input's own rules against today.
func (in *AgreementUpdate) Validate(today Date) error {
	if err := checkOptionalText("input.title", in.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if err := checkOptionalText("input.description", in.Description, MaxNoteLen, false); err != nil {
		return err
	}
	if in.Reopen && in.DecidedOn != nil {
		return Invalidf("input.reopen", "give either decidedOn or reopen, not both")
	}
	return checkNotFuture("input.decidedOn", in.DecidedOn, today)
}

// CheckInInput records a check-in. A zero Date means today.
type CheckInInput struct {
	ClientKey                          string
	OpgaveID, OrganisationID           string
	Date                               Date
	RightThings, ThingsRight, Together int
	Note                               string
}

// Validate checks the input's own rules against today.
func (in *CheckInInput) Validate(today Date) error {
	if in.Date.IsZero() {
		in.Date = today
	}
	if err := checkNotFuture("input.date", &in.Date, today); err != nil {
		return err
	}
	for _, s := range []struct {
		field string
		v     int
	}{{"input.rightThings", in.RightThings}, {"input.thingsRight", in.ThingsRight}, {"input.together", in.Together}} {
		if err := checkScore(s.field, s.v); err != nil {
			return err
		}
	}
	return checkText("input.note", &in.Note, MaxNoteLen, false)
}

// CheckCheckInRhythm checks a rhythm in days.
func CheckCheckInRhythm(days int) error {
	if days < 7 || days > 366 {
		return Invalidf("days", "must be from 7 to 366 days, got %d", days)
	}
	return nil
}

// MaxContributions bounds the contributions of one result in an input.
const MaxContributions = 50

// ResultInput records a result.
type ResultInput struct {
	ClientKey          string
	OpgaveID           string
	Title, Description string
	PlannedDate        Date
	AchievedDate       *Date
	Contributions      []Contribution
}

// Validate checks the input's own rules against today.
func (in *ResultInput) Validate(today Date) error {
	if err := checkText("input.title", &in.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if err := checkText("input.description", &in.Description, MaxNoteLen, false); err != nil {
		return err
	}
	if in.PlannedDate.IsZero() {
		return Invalidf("input.plannedDate", "give the day the result is planned for")
	}
	if err := checkNotFuture("input.achievedDate", in.AchievedDate, today); err != nil {
		return err
	}
	if len(in.Contributions) > MaxContributions {
		return Invalidf("input.contributions", "at most %d contributions, got %d", MaxContributions, len(in.Contributions))
	}
	seen := map[string]bool{}
	for i := range in.Contributions {
		c := &in.Contributions[i]
		if seen[c.OrganisationID] {
			return Invalidf(fmt.Sprintf("input.contributions[%d].organisation", i), "%s is given twice", c.OrganisationID)
		}
		seen[c.OrganisationID] = true
		if err := c.Validate(fmt.Sprintf("input.contributions[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a contribution's own rules (its description is trimmed, not empty and at most
// MaxNoteLen characters); field names it in errors (field.description).
func (c *Contribution) Validate(field string) error {
	return checkText(field+".description", &c.Description, MaxNoteLen, true)
}

// ResultUpdate changes the given fields of a result.
type ResultUpdate struct {
	Title, Description *string
	PlannedDate        *Date
	AchievedDate       *Date
	NotAchieved        bool
}

// Validate checks the input's own rules against today.
func (in *ResultUpdate) Validate(today Date) error {
	if err := checkOptionalText("input.title", in.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if err := checkOptionalText("input.description", in.Description, MaxNoteLen, false); err != nil {
		return err
	}
	if in.NotAchieved && in.AchievedDate != nil {
		return Invalidf("input.notAchieved", "give either achievedDate or notAchieved, not both")
	}
	return checkNotFuture("input.achievedDate", in.AchievedDate, today)
}

// LessonInput records a lesson. A zero Date means today; OrganisationID empty the caller's.
type LessonInput struct {
	ClientKey                string
	OpgaveID, OrganisationID string
	Title, Text              string
	Themes                   []string
	Date                     Date
}

// Validate checks the input's own rules against today.
func (in *LessonInput) Validate(today Date) error {
	if err := checkText("input.title", &in.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if err := checkText("input.text", &in.Text, MaxTextLen, false); err != nil {
		return err
	}
	if err := CheckThemes("input.themes", in.Themes); err != nil {
		return err
	}
	if in.Date.IsZero() {
		in.Date = today
	}
	return checkNotFuture("input.date", &in.Date, today)
}

// LessonUpdate changes the given fields of a lesson.
type LessonUpdate struct {
	Title, Text *string
	Themes      []string // nil: unchanged
}

// Validate checks the input's own rules.
func (in *LessonUpdate) Validate() error {
	if err := checkOptionalText("input.title", in.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if err := checkOptionalText("input.text", in.Text, MaxTextLen, false); err != nil {
		return err
	}
	if in.Themes != nil {
		return CheckThemes("input.themes", in.Themes)
	}
	return nil
}

// ---- aggregates ----

// CheckInSummary is an opgave's check-ins as aggregates (ComputeCheckIns).
type CheckInSummary struct {
	RhythmDays int
	Latest     *Date
	Trend      []CheckInPeriod
	Spread     []QuestionSpread
	MissingIDs []string // participants without a check-in within the rhythm
}

// CheckInPeriod is the check-ins of one rhythm period. A mean is nil when there is no answer or
// when it may not be shown to the caller.
type CheckInPeriod struct {
	From, Until                        Date
	Answers                            int
	RightThings, ThingsRight, Together *float64
}

// QuestionSpread is how far the participants' latest answers to one question lie apart.
type QuestionSpread struct {
	Question     string
	Answers      int
	Mean         *float64
	Spread       *int
	DifferMostID []string // the participants with the lowest and highest answer; nil when withheld
	Withheld     bool     // DifferMostID is not for this caller
}

// ResultSummary is the joint result of an opgave (ComputeResultSummary).
type ResultSummary struct {
	OpgaveID                string
	Achieved, Planned, Late int
	Partners                []PartnerContribution
}

// PartnerContribution is one partner's part in an opgave's results.
type PartnerContribution struct {
	OrganisationID string
	Participant    bool
	Contributions  []ResultContribution
}

// ResultContribution is a partner's contribution to one result.
type ResultContribution struct {
	Result      Result
	Description string
}
