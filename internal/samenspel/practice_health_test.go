package samenspel

import "testing"

func hDate(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func hDatePtr(s string) *Date { v := hDate(s); return &v }

func hIntPtr(v int) *int { return &v }

func practiceIndicator(t *testing.T, p Practice, today Date, key string) Indicator {
	t.Helper()
	for _, ind := range ComputePracticeHealth(p, today) {
		if ind.Key == key {
			return ind
		}
	}
	t.Fatalf("no indicator %s", key)
	return Indicator{}
}

func TestPracticeHealthOrder(t *testing.T) {
	var keys []string
	for _, ind := range ComputePracticeHealth(Practice{}, hDate("2026-06-01")) {
		keys = append(keys, ind.Key)
		if ind.Status != HealthMissing {
			t.Errorf("%s on an opgave without any practice: %s, want MISSING", ind.Key, ind.Status)
		}
	}
	want := []string{IndMandate, IndCheckInRhythm, IndCheckInSpread, IndResults, IndLessons}
	if len(keys) != len(want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("keys %v, want %v", keys, want)
		}
	}
}

func TestMandateHealth(t *testing.T) {
	today := hDate("2026-06-01")
	open := func(mandate, due string) Agreement {
		return Agreement{Title: "Besluit", Body: "RAAD", DeciderID: "GM0363", DueDate: hDate(due), Mandate: mandate}
	}
	decided := Agreement{Title: "Besloten", Body: "COLLEGE", DeciderID: "GM0344", DueDate: hDate("2026-01-01"), DecidedOn: hDatePtr("2025-12-15"), Mandate: MandateMissing}
	for _, c := range []struct {
		name   string
		as     []Agreement
		status string
		value  *float64
	}{
		{"none", nil, HealthMissing, nil},
		{"all decided", []Agreement{decided}, HealthOK, f(1)},
		{"open with mandate, not due", []Agreement{decided, open(MandateInPlace, "2026-09-01")}, HealthOK, f(1)},
		{"due today is not overdue", []Agreement{open(MandateInPlace, "2026-06-01")}, HealthOK, f(1)},
		{"overdue with mandate", []Agreement{open(MandateInPlace, "2026-05-31")}, HealthAttention, f(1)},
		{"requested is not in place", []Agreement{open(MandateInPlace, "2026-09-01"), open(MandateRequested, "2026-09-01")}, HealthAttention, f(0.5)},
		{"decided ones do not count", []Agreement{decided, open(MandateMissing, "2026-09-01")}, HealthAttention, f(0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ind := practiceIndicator(t, Practice{Agreements: c.as}, today, IndMandate)
			if ind.Status != c.status || !sameValue(ind.Value, c.value) {
				t.Errorf("status %s value %v, want %s %v (evidence %v)", ind.Status, show(ind.Value), c.status, show(c.value), ind.Evidence)
			}
			if ind.Status == HealthAttention && (len(ind.Evidence) == 0 || len(ind.OrgIDs) == 0) {
				t.Errorf("attention without evidence or deciders: %v %v", ind.Evidence, ind.OrgIDs)
			}
		})
	}
}

func TestCheckInRhythmHealth(t *testing.T) {
	ps := []string{"A", "B", "C", "D"}
	latest := hDatePtr("2026-05-01")
	for _, c := range []struct {
		name    string
		missing []string
		latest  *Date
		ps      []string
		status  string
		value   *float64
	}{
		{"no check-ins", ps, nil, ps, HealthMissing, nil},
		{"all within", nil, latest, ps, HealthOK, f(1)},
		{"three of four is enough", []string{"D"}, latest, ps, HealthOK, f(0.75)},
		{"half", []string{"C", "D"}, latest, ps, HealthAttention, f(0.5)},
		{"no participants", nil, latest, nil, HealthMissing, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := CheckInSummary{RhythmDays: 91, Latest: c.latest, MissingIDs: c.missing}
			ind := practiceIndicator(t, Practice{Participants: c.ps, CheckIns: s}, hDate("2026-06-01"), IndCheckInRhythm)
			if ind.Status != c.status || !sameValue(ind.Value, c.value) {
				t.Errorf("status %s value %v, want %s %v", ind.Status, show(ind.Value), c.status, show(c.value))
			}
			if len(ind.OrgIDs) != len(c.missing) && c.status != HealthMissing {
				t.Errorf("names %v, want the missing %v", ind.OrgIDs, c.missing)
			}
		})
	}
}

func TestCheckInSpreadHealth(t *testing.T) {
	spread := func(answers int, spreads ...int) CheckInSummary {
		var s CheckInSummary
		for i, q := range CheckInQuestions {
			s.Spread = append(s.Spread, QuestionSpread{Question: q, Answers: answers, Spread: hIntPtr(spreads[i])})
		}
		return s
	}
	for _, c := range []struct {
		name   string
		s      CheckInSummary
		status string
		value  *float64
	}{
		{"no answers", CheckInSummary{}, HealthMissing, nil},
		{"two answers say nothing", spread(2, 0, 3, 0), HealthMissing, nil},
		{"close together", spread(3, 1, 0, 1), HealthOK, f(1)},
		{"the largest counts", spread(5, 0, 1, 2), HealthAttention, f(2)},
		{"far apart", spread(4, 4, 1, 0), HealthAttention, f(4)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ind := practiceIndicator(t, Practice{CheckIns: c.s}, hDate("2026-06-01"), IndCheckInSpread)
			if ind.Status != c.status || !sameValue(ind.Value, c.value) {
				t.Errorf("status %s value %v, want %s %v", ind.Status, show(ind.Value), c.status, show(c.value))
			}
		})
	}
}

func TestResultsHealth(t *testing.T) {
	r := func(planned string, achieved *Date) Result {
		return Result{Title: "Resultaat", PlannedDate: hDate(planned), AchievedDate: achieved}
	}
	for _, c := range []struct {
		name   string
		rs     []Result
		status string
		value  *float64
	}{
		{"none", nil, HealthMissing, nil},
		{"none due yet", []Result{r("2026-09-01", nil)}, HealthOK, nil},
		{"planned today is not due", []Result{r("2026-06-01", nil)}, HealthOK, nil},
		{"achieved late still counts", []Result{r("2026-01-01", hDatePtr("2026-03-01"))}, HealthOK, f(1)},
		{"three of four", []Result{r("2026-01-01", hDatePtr("2026-01-01")), r("2026-02-01", hDatePtr("2026-02-01")), r("2026-03-01", hDatePtr("2026-03-01")), r("2026-04-01", nil)}, HealthOK, f(0.75)},
		{"one of two", []Result{r("2026-01-01", hDatePtr("2026-01-01")), r("2026-04-01", nil), r("2026-09-01", nil)}, HealthAttention, f(0.5)},
		{"achieved early, not yet due", []Result{r("2026-09-01", hDatePtr("2026-05-01")), r("2026-04-01", nil)}, HealthAttention, f(0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ind := practiceIndicator(t, Practice{Results: c.rs}, hDate("2026-06-01"), IndResults)
			if ind.Status != c.status || !sameValue(ind.Value, c.value) {
				t.Errorf("status %s value %v, want %s %v (evidence %v)", ind.Status, show(ind.Value), c.status, show(c.value), ind.Evidence)
			}
		})
	}
}

func TestLessonsHealth(t *testing.T) {
	l := func(date string) Lesson { return Lesson{Title: "Les", Date: hDate(date)} }
	for _, c := range []struct {
		name   string
		ls     []Lesson
		status string
		value  *float64
	}{
		{"none", nil, HealthMissing, nil},
		{"only old ones", []Lesson{l("2024-01-01"), l("2025-05-31")}, HealthAttention, f(0)},
		{"exactly a year ago counts", []Lesson{l("2025-06-01")}, HealthOK, f(1)},
		{"recent and old", []Lesson{l("2026-05-01"), l("2026-01-01"), l("2023-01-01")}, HealthOK, f(2)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ind := practiceIndicator(t, Practice{Lessons: c.ls}, hDate("2026-06-01"), IndLessons)
			if ind.Status != c.status || !sameValue(ind.Value, c.value) {
				t.Errorf("status %s value %v, want %s %v (evidence %v)", ind.Status, show(ind.Value), c.status, show(c.value), ind.Evidence)
			}
		})
	}
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a > *b-1e-9 && *a < *b+1e-9
}

func show(v *float64) any {
	if v == nil {
		return "null"
	}
	return *v
}
