package samenspel

import (
	"reflect"
	"testing"
)

func checkIn(org string, d Date, rt, tr, tg int) CheckIn {
	return CheckIn{ID: org + d.String(), OrganisationID: org, Date: d, RightThings: rt, ThingsRight: tr, Together: tg}
}

func TestComputeCheckIns(t *testing.T) {
	today := hDate("2026-12-01")
	f := CheckInFacts{RhythmDays: 30, Participants: []string{"a", "b", "c", "d", "e"}, CheckIns: []CheckIn{
		checkIn("a", today.AddDays(-2), 4, 4, 5),
		checkIn("b", today.AddDays(-10), 4, 3, 2),
		checkIn("c", today.AddDays(-40), 5, 4, 4), // the previous period: counts for the spread, not the rhythm
		checkIn("a", today.AddDays(-45), 2, 2, 2), // older than a's latest: not in the spread
		checkIn("d", today.AddDays(-100), 3, 3, 3),
	}}
	s := ComputeCheckIns(f, today, CheckInView{All: true})
	if s.RhythmDays != 30 || s.Latest == nil || !s.Latest.Equal(today.AddDays(-2)) {
		t.Fatalf("rhythm %d, latest %v", s.RhythmDays, s.Latest)
	}
	if !reflect.DeepEqual(s.MissingIDs, []string{"c", "d", "e"}) {
		t.Errorf("missing %v, want c, d (too long ago) and e (never)", s.MissingIDs)
	}
	if len(s.Trend) != CheckInPeriods {
		t.Fatalf("%d periods", len(s.Trend))
	}
	last, prev := s.Trend[CheckInPeriods-1], s.Trend[CheckInPeriods-2]
	if !last.Until.Equal(today) || !last.From.Equal(today.AddDays(-29)) || last.Answers != 2 || *last.Together != 3.5 {
		t.Errorf("last period %+v (together %v)", last, *last.Together)
	}
	if prev.Answers != 2 || *prev.RightThings != 3.5 {
		t.Errorf("previous period %+v", prev)
	}
	together := s.Spread[2]
	if together.Question != "TOGETHER" || together.Answers != 3 || *together.Spread != 3 || *together.Mean != 3.67 {
		t.Errorf("together %+v", together)
	}
	if !reflect.DeepEqual(together.DifferMostID, []string{"b", "a"}) {
		t.Errorf("differ most %v, want b (lowest) and a (highest)", together.DifferMostID)
	}

	// A viewer of organisation a sees an aggregate only with 3 answers by others behind it.
	v := ComputeCheckIns(f, today, CheckInView{Own: "a"})
	if v.Spread[2].Spread != nil || v.Spread[2].Mean != nil || v.Spread[2].Answers != 3 {
		t.Errorf("2 answers by others: the spread is shown: %+v", v.Spread[2])
	}
	if v.Trend[CheckInPeriods-1].Together != nil || v.Trend[CheckInPeriods-1].Answers != 2 {
		t.Errorf("the last period's mean is shown to a viewer: %+v", v.Trend[CheckInPeriods-1])
	}
	if SpreadShown(v) || !SpreadShown(s) {
		t.Error("SpreadShown does not follow what the view shows")
	}
	if w := ComputeCheckIns(f, today, CheckInView{Own: "x"}); w.Spread[2].Spread == nil {
		t.Error("3 answers by others: the spread is withheld")
	}

	// One organisation answering three times is one organisation's answers, not three.
	one := CheckInFacts{RhythmDays: 30, Participants: []string{"x", "y"}, CheckIns: []CheckIn{
		checkIn("x", today.AddDays(-1), 1, 1, 1), checkIn("x", today.AddDays(-2), 1, 1, 1), checkIn("x", today.AddDays(-3), 1, 1, 1),
		checkIn("y", today.AddDays(-30), 5, 5, 5), // exactly one rhythm old: still within it
	}}
	o := ComputeCheckIns(one, today, CheckInView{Own: "z"})
	if p := o.Trend[CheckInPeriods-1]; p.Answers != 3 || p.Together != nil {
		t.Errorf("three answers of one organisation are shown as a mean: %+v", p)
	}
	if len(o.MissingIDs) != 0 {
		t.Errorf("a check-in exactly one rhythm old counts as missing: %v", o.MissingIDs)
	}

	if e := ComputeCheckIns(CheckInFacts{}, today, CheckInView{All: true}); e.RhythmDays != DefaultCheckInRhythm || e.Latest != nil || e.Spread[0].Mean != nil {
		t.Errorf("no check-ins: %+v", e)
	}
}

func TestComputeResultSummary(t *testing.T) {
	today := hDate("2026-12-01")
	results := []Result{
		{ID: "r1", Title: "Convenant", PlannedDate: hDate("2026-01-01"), AchievedDate: hDatePtr("2026-01-10"),
			Contributions: []Contribution{{OrganisationID: "p", Description: "tekende"}, {OrganisationID: "x", Description: "adviseerde"}}},
		{ID: "r2", Title: "Loket", PlannedDate: hDate("2026-06-01"), Contributions: []Contribution{{OrganisationID: "p", Description: "bemenst"}}},
		{ID: "r3", Title: "Monitor", PlannedDate: hDate("2027-03-01")},
	}
	s := ComputeResultSummary("o", results, []string{"p", "q"}, map[string]string{"p": "Provincie", "q": "Gemeente", "x": "Adviesbureau"}, today)
	if s.Achieved != 1 || s.Late != 1 || s.Planned != 1 {
		t.Errorf("achieved %d, late %d, planned %d", s.Achieved, s.Late, s.Planned)
	}
	var got []string
	for _, p := range s.Partners {
		got = append(got, p.OrganisationID)
	}
	if !reflect.DeepEqual(got, []string{"x", "q", "p"}) {
		t.Fatalf("partners %v, want by name: Adviesbureau, Gemeente, Provincie", got)
	}
	if s.Partners[0].Participant || !s.Partners[1].Participant || len(s.Partners[1].Contributions) != 0 || len(s.Partners[2].Contributions) != 2 {
		t.Errorf("partners %+v", s.Partners)
	}
	if c := s.Partners[2].Contributions[1]; c.Result.ID != "r2" || c.Description != "bemenst" {
		t.Errorf("contribution %+v", c)
	}
}
