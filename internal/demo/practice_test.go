package demo

import (
	"reflect"
	"testing"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// TestGeneratedPracticeCoversEveryHealthStatus computes the practice indicators of every
// generated opgave on the generator's today: each must be OK on some, ATTENTION on some and
// MISSING on some, so the explorer and the API show every case in the default data.
func TestGeneratedPracticeCoversEveryHealthStatus(t *testing.T) {
	s := Generate(world(), 7, 4)
	participants := map[string][]string{}
	seen := map[string]bool{}
	for _, r := range s.Roles {
		if !today.Before(r.From) && (r.Until == nil || today.Before(*r.Until)) && !seen[r.OpgaveID+r.OrganisationID] {
			seen[r.OpgaveID+r.OrganisationID] = true
			participants[r.OpgaveID] = append(participants[r.OpgaveID], r.OrganisationID)
		}
	}
	byOpgave := func(id string) samenspel.Practice {
		p := samenspel.Practice{Participants: participants[id]}
		f := samenspel.CheckInFacts{RhythmDays: s.Rhythms[id], Participants: participants[id]}
		for _, a := range s.Agreements {
			if a.OpgaveID == id {
				p.Agreements = append(p.Agreements, a)
			}
		}
		for _, k := range s.CheckIns {
			if k.OpgaveID == id {
				f.CheckIns = append(f.CheckIns, k)
			}
		}
		for _, r := range s.Results {
			if r.OpgaveID == id {
				p.Results = append(p.Results, r)
			}
		}
		for _, l := range s.Lessons {
			if l.OpgaveID == id {
				p.Lessons = append(p.Lessons, l)
			}
		}
		p.CheckIns = samenspel.ComputeCheckIns(f, today, samenspel.CheckInView{All: true})
		return p
	}
	statuses := map[string]map[string]int{}
	for _, o := range s.Opgaven {
		for _, ind := range samenspel.ComputePracticeHealth(byOpgave(o.ID), today) {
			if statuses[ind.Key] == nil {
				statuses[ind.Key] = map[string]int{}
			}
			statuses[ind.Key][ind.Status]++
		}
	}
	for _, key := range []string{samenspel.IndMandate, samenspel.IndCheckInRhythm, samenspel.IndCheckInSpread, samenspel.IndResults, samenspel.IndLessons} {
		for _, st := range []string{samenspel.HealthOK, samenspel.HealthAttention, samenspel.HealthMissing} {
			if statuses[key][st] == 0 {
				t.Errorf("%s: no opgave is %s (%v)", key, st, statuses[key])
			}
		}
	}
	t.Logf("%d interests, %d conflicts, %d agreements, %d check-ins, %d results, %d lessons; %v",
		len(s.Interests), len(s.Conflicts), len(s.Agreements), len(s.CheckIns), len(s.Results), len(s.Lessons), statuses)
}

// TestGeneratedPracticeIsConsistent checks the references of the generated practice: every entry
// is on a generated opgave, by one of its participants, dated no later than today, and a
// conflict joins two interests on its opgave of two organisations.
func TestGeneratedPracticeIsConsistent(t *testing.T) {
	s := Generate(world(), 7, 4)
	if !reflect.DeepEqual(s, Generate(world(), 7, 4)) {
		t.Fatal("the same seed gave two different sets")
	}
	takesPart := map[string]bool{}
	for _, r := range s.Roles {
		takesPart[r.OpgaveID+"|"+r.OrganisationID] = true
	}
	check := func(what, id, opgave, org string, d samenspel.Date) {
		t.Helper()
		if !takesPart[opgave+"|"+org] {
			t.Errorf("%s %s: %s has no role on %s", what, id, org, opgave)
		}
		if today.Before(d) {
			t.Errorf("%s %s: dated %s, after the generator's today", what, id, d)
		}
	}
	interests := map[string]samenspel.Interest{}
	for _, i := range s.Interests {
		check("interest", i.ID, i.OpgaveID, i.OrganisationID, i.Date)
		interests[i.ID] = i
	}
	for _, c := range s.Conflicts {
		a, b := interests[c.AID], interests[c.BID]
		if a.OpgaveID != c.OpgaveID || b.OpgaveID != c.OpgaveID || a.OrganisationID == b.OrganisationID {
			t.Errorf("conflict %s joins %+v and %+v", c.ID, a, b)
		}
	}
	for _, k := range s.CheckIns {
		check("check-in", k.ID, k.OpgaveID, k.OrganisationID, k.Date)
		for _, v := range []int{k.RightThings, k.ThingsRight, k.Together} {
			if v < 1 || v > 5 {
				t.Errorf("check-in %s: answer %d", k.ID, v)
			}
		}
	}
	for _, l := range s.Lessons {
		check("lesson", l.ID, l.OpgaveID, l.OrganisationID, l.Date)
	}
	for _, a := range s.Agreements {
		if (a.Body == "STUURGROEP") != (a.DeciderID == "") {
			t.Errorf("agreement %s: body %s, decider %q", a.ID, a.Body, a.DeciderID)
		}
		if a.DeciderID != "" && !takesPart[a.OpgaveID+"|"+a.DeciderID] {
			t.Errorf("agreement %s: decider %s takes no part", a.ID, a.DeciderID)
		}
	}
	for _, r := range s.Results {
		for _, c := range r.Contributions {
			if !takesPart[r.OpgaveID+"|"+c.OrganisationID] {
				t.Errorf("result %s: contributor %s takes no part", r.ID, c.OrganisationID)
			}
		}
	}
}
