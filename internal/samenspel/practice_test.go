package samenspel

import (
	"errors"
	"strings"
	"testing"
)

// field returns the field of an invalid-input error, or "" (and fails) for another error.
func field(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != ECodeInvalid {
		t.Fatalf("want invalid input, got %v", err)
	}
	return e.Field
}

func TestPracticeInputsNameTheirField(t *testing.T) {
	today := hDate("2026-12-01")
	future := today.AddDays(1)
	long := strings.Repeat("x", MaxTitleLen+1)
	cases := []struct {
		name, want string
		err        error
	}{
		{"interest without wants", "input.wants", (&InterestInput{Wants: "  "}).Validate()},
		{"interest", "", (&InterestInput{Wants: "woningen"}).Validate()},
		{"interest update to empty", "input.wants", (&InterestUpdate{Wants: ptrTo(" ")}).Validate()},
		{"conflict with itself", "input.b", (&ConflictInput{AID: "i", BID: "i"}).Validate()},
		{"agreement title too long", "input.title", (&AgreementInput{Title: long, Body: "STUURGROEP", DueDate: today}).Validate(today)},
		{"stuurgroep with a decider", "input.decider", (&AgreementInput{Title: "t", Body: "STUURGROEP", DeciderID: "GM0363", DueDate: today}).Validate(today)},
		{"college without a decider", "input.decider", (&AgreementInput{Title: "t", Body: "COLLEGE", DueDate: today}).Validate(today)},
		{"agreement without due date", "input.dueDate", (&AgreementInput{Title: "t", Body: "STUURGROEP"}).Validate(today)},
		{"decided in the future", "input.decidedOn", (&AgreementInput{Title: "t", Body: "STUURGROEP", DueDate: today, DecidedOn: &future}).Validate(today)},
		{"reopen and decide", "input.reopen", (&AgreementUpdate{Reopen: true, DecidedOn: &today}).Validate(today)},
		{"check-in score 0", "input.thingsRight", (&CheckInInput{RightThings: 3, ThingsRight: 0, Together: 3}).Validate(today)},
		{"check-in in the future", "input.date", (&CheckInInput{Date: future, RightThings: 3, ThingsRight: 3, Together: 3}).Validate(today)},
		{"check-in", "", (&CheckInInput{RightThings: 1, ThingsRight: 5, Together: 3}).Validate(today)},
		{"result without planned date", "input.plannedDate", (&ResultInput{Title: "t"}).Validate(today)},
		{"result achieved in the future", "input.achievedDate", (&ResultInput{Title: "t", PlannedDate: today, AchievedDate: &future}).Validate(today)},
		{"contribution twice", "input.contributions[1].organisation", (&ResultInput{Title: "t", PlannedDate: today,
			Contributions: []Contribution{{OrganisationID: "a", Description: "x"}, {OrganisationID: "a", Description: "y"}}}).Validate(today)},
		{"contribution without description", "input.contributions[0].description", (&ResultInput{Title: "t", PlannedDate: today,
			Contributions: []Contribution{{OrganisationID: "a"}}}).Validate(today)},
		{"not achieved and achieved", "input.notAchieved", (&ResultUpdate{NotAchieved: true, AchievedDate: &today}).Validate(today)},
		{"lesson without themes", "input.themes", (&LessonInput{Title: "t"}).Validate(today)},
		{"lesson with an unknown theme", "input.themes[1]", (&LessonInput{Title: "t", Themes: []string{"wonen", "kunst"}}).Validate(today)},
		{"lesson with a theme twice", "input.themes[1]", (&LessonInput{Title: "t", Themes: []string{"wonen", "wonen"}}).Validate(today)},
		{"lesson update with an unknown theme", "input.themes[0]", (&LessonUpdate{Themes: []string{"kunst"}}).Validate()},
		{"rhythm of 6 days", "days", CheckCheckInRhythm(6)},
		{"rhythm of a year", "", CheckCheckInRhythm(366)},
		{"provincie's college", "input.decider", CheckDecider("COLLEGE", KindProvincie)},
		{"provinciale staten", "", CheckDecider("PROVINCIALE_STATEN", KindProvincie)},
		{"a waterschap's dagelijks bestuur", "", CheckDecider("DAGELIJKS_BESTUUR", KindWaterschap)},
	}
	for _, c := range cases {
		if got := field(t, c.err); got != c.want {
			t.Errorf("%s: field %q (%v), want %q", c.name, got, c.err, c.want)
		}
	}
}

func TestPracticeInputDefaults(t *testing.T) {
	today := hDate("2026-12-01")
	a := AgreementInput{Title: " Besluit ", Body: "STUURGROEP", DueDate: today}
	if err := a.Validate(today); err != nil || a.Mandate != MandateMissing || a.Title != "Besluit" {
		t.Errorf("agreement defaults: %v %+v", err, a)
	}
	k := CheckInInput{RightThings: 3, ThingsRight: 3, Together: 3}
	if err := k.Validate(today); err != nil || !k.Date.Equal(today) {
		t.Errorf("a check-in without a date is today's: %v %+v", err, k)
	}
	ag := Agreement{DueDate: today.AddDays(-1), Mandate: MandateRequested}
	if !ag.Overdue(today) || !ag.WithoutMandate() {
		t.Error("an open agreement past its due date without mandate is overdue and without mandate")
	}
	ag.DecidedOn = &today
	if ag.Overdue(today) || ag.WithoutMandate() {
		t.Error("a decided agreement is neither overdue nor without mandate")
	}
	r := Result{PlannedDate: today.AddDays(-1)}
	if r.Status(today) != ResultLate || (Result{PlannedDate: today}).Status(today) != ResultPlanned {
		t.Error("result status")
	}
}

func ptrTo[T any](v T) *T { return &v }
