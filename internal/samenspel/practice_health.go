package samenspel

import (
	"fmt"
	"sort"
)

// The five health indicators of the practice of working together (HealthKey in the schema holds
// each rule; ComputePracticeHealth applies them).

// Practice indicator keys.
const (
	IndMandate       = "MANDATE_IN_PLACE"
	IndCheckInRhythm = "CHECK_IN_RHYTHM"
	IndCheckInSpread = "CHECK_IN_SPREAD"
	IndResults       = "RESULTS_ACHIEVED"
	IndLessons       = "LESSONS_RECENT"
)

// Thresholds of the practice indicators.
const (
	RhythmOKShare      = 0.75 // CHECK_IN_RHYTHM: share of participants within the rhythm
	SpreadAttention    = 2    // CHECK_IN_SPREAD: a spread from this on needs attention
	MinSpreadAnswers   = 3    // CHECK_IN_SPREAD: fewer answers say nothing about a spread
	ResultsOKShare     = 0.75 // RESULTS_ACHIEVED: share of the due results achieved
	LessonRecentDays   = 365  // LESSONS_RECENT: a lesson counts as recent this many days
	maxEvidenceEntries = 5    // the evidence names at most this many agreements or results
)

// Practice is what the practice indicators of one opgave stand on: its agreements, results and
// lessons, its participants (organisation ids with a current role) and its check-ins as the
// aggregate ComputeCheckIns makes of them (before any visibility rule).
type Practice struct {
	Participants []string
	Agreements   []Agreement
	CheckIns     CheckInSummary
	Results      []Result
	Lessons      []Lesson
}

// ComputePracticeHealth derives the five practice indicators, in the order of HealthKey.
func ComputePracticeHealth(p Practice, today Date) []Indicator {
	return []Indicator{
		mandateHealth(p.Agreements, today),
		rhythmHealth(p.Participants, p.CheckIns),
		spreadHealth(p.CheckIns),
		resultsHealth(p.Results, today),
		lessonsHealth(p.Lessons, today),
	}
}

// MANDATE_IN_PLACE: share of the open agreements with their mandate in place; an overdue open
// decision needs attention too.
func mandateHealth(as []Agreement, today Date) Indicator {
	ind := Indicator{Key: IndMandate, Label: "Mandaat op tijd opgehaald"}
	if len(as) == 0 {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no agreements or decisions recorded"}
		return ind
	}
	var open, without, overdue []Agreement
	for _, a := range as {
		if !a.Open() {
			continue
		}
		open = append(open, a)
		if a.WithoutMandate() {
			without = append(without, a)
		}
		if a.Overdue(today) {
			overdue = append(overdue, a)
		}
	}
	if len(open) == 0 {
		ind.Value, ind.Status = f(1), HealthOK
		ind.Evidence = []string{fmt.Sprintf("all %d agreements decided", len(as))}
		return ind
	}
	ind.Value = f(float64(len(open)-len(without)) / float64(len(open)))
	ind.Status = HealthOK
	if len(without) > 0 || len(overdue) > 0 {
		ind.Status = HealthAttention
	}
	if len(without) > 0 {
		ind.Evidence = append(ind.Evidence, fmt.Sprintf("%d of %d open decisions without mandate", len(without), len(open)))
	}
	sort.Slice(overdue, func(i, j int) bool { return overdue[i].DueDate.Before(overdue[j].DueDate) })
	ind.Evidence = appendLimited(ind.Evidence, overdue, "overdue", func(a Agreement) string {
		return fmt.Sprintf("overdue since %s: %s (%s)", a.DueDate, a.Title, a.Body)
	})
	for _, a := range append(without, overdue...) {
		if a.DeciderID != "" {
			ind.OrgIDs = appendOnce(ind.OrgIDs, a.DeciderID)
		}
	}
	return ind
}

// CHECK_IN_RHYTHM: share of the participants whose latest check-in is within the rhythm.
func rhythmHealth(participants []string, s CheckInSummary) Indicator {
	ind := Indicator{Key: IndCheckInRhythm, Label: "Check-in binnen het ritme"}
	if s.Latest == nil {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no check-ins recorded"}
		return ind
	}
	if len(participants) == 0 {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no current participants"}
		return ind
	}
	within := len(participants) - len(s.MissingIDs)
	share := float64(within) / float64(len(participants))
	ind.Value = f(share)
	ind.OrgIDs = s.MissingIDs
	ind.Evidence = []string{fmt.Sprintf("%d of %d participants checked in within %d days; latest check-in %s", within, len(participants), s.RhythmDays, s.Latest)}
	ind.Status = HealthOK
	if share < RhythmOKShare {
		ind.Status = HealthAttention
	}
	return ind
}

// CHECK_IN_SPREAD: the largest spread of the participants' latest answers over the questions.
func spreadHealth(s CheckInSummary) Indicator {
	ind := Indicator{Key: IndCheckInSpread, Label: "Eensgezindheid in de check-ins"}
	answers, worst, question := 0, -1, ""
	for _, q := range s.Spread {
		answers = max(answers, q.Answers)
		if q.Spread != nil && *q.Spread > worst {
			worst, question = *q.Spread, q.Question
		}
	}
	if answers < MinSpreadAnswers || worst < 0 {
		ind.Status = HealthMissing
		ind.Evidence = []string{fmt.Sprintf("%d participants' answers within two rhythm periods; at least %d needed", answers, MinSpreadAnswers)}
		return ind
	}
	ind.Value = f(float64(worst))
	ind.Evidence = []string{fmt.Sprintf("largest spread %d on %s among %d participants", worst, question, answers)}
	ind.Status = HealthOK
	if worst >= SpreadAttention {
		ind.Status = HealthAttention
	}
	return ind
}

// RESULTS_ACHIEVED: share of the results whose planned date has passed that are achieved.
func resultsHealth(rs []Result, today Date) Indicator {
	ind := Indicator{Key: IndResults, Label: "Tastbare resultaten behaald"}
	if len(rs) == 0 {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no results recorded"}
		return ind
	}
	due, achieved := 0, 0
	var late []Result
	for _, r := range rs {
		if r.PlannedDate.Before(today) {
			due++
			if r.AchievedDate != nil {
				achieved++
			} else {
				late = append(late, r)
			}
		}
	}
	if due == 0 {
		ind.Status = HealthOK
		ind.Evidence = []string{fmt.Sprintf("none of %d results due yet", len(rs))}
		return ind
	}
	share := float64(achieved) / float64(due)
	ind.Value = f(share)
	ind.Evidence = []string{fmt.Sprintf("%d of %d due results achieved", achieved, due)}
	sort.Slice(late, func(i, j int) bool { return late[i].PlannedDate.Before(late[j].PlannedDate) })
	ind.Evidence = appendLimited(ind.Evidence, late, "late", func(r Result) string { return fmt.Sprintf("late since %s: %s", r.PlannedDate, r.Title) })
	ind.Status = HealthOK
	if share < ResultsOKShare {
		ind.Status = HealthAttention
	}
	return ind
}

// LESSONS_RECENT: the number of lessons dated within the last year.
func lessonsHealth(ls []Lesson, today Date) Indicator {
	ind := Indicator{Key: IndLessons, Label: "Blijven leren"}
	if len(ls) == 0 {
		ind.Status = HealthMissing
		ind.Evidence = []string{"no lessons recorded"}
		return ind
	}
	since := today.AddDays(-LessonRecentDays)
	recent := 0
	var newest Date
	for _, l := range ls {
		if !l.Date.Before(since) {
			recent++
		}
		if newest.Before(l.Date) {
			newest = l.Date
		}
	}
	ind.Value = f(float64(recent))
	ind.Evidence = []string{fmt.Sprintf("%d of %d lessons since %s; newest %s", recent, len(ls), since, newest)}
	ind.Status = HealthOK
	if recent == 0 {
		ind.Status = HealthAttention
	}
	return ind
}

// appendLimited appends a line per item, at most maxEvidenceEntries, then "and N more <what>".
func appendLimited[T any](evidence []string, items []T, what string, line func(T) string) []string {
	for i, x := range items {
		if i == maxEvidenceEntries {
			return append(evidence, fmt.Sprintf("and %d more %s", len(items)-i, what))
		}
		evidence = append(evidence, line(x))
	}
	return evidence
}

func appendOnce(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
