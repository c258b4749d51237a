package demo

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// world builds a small world: 12 gemeenten in two provincies, with a region in every division the
// templates use.
func world() World {
	w := World{At: samenspel.NewDate(2025, 6, 1), Gemeenten: map[string]samenspel.Organisation{}, Provincies: map[string]samenspel.Organisation{},
		Regions: map[string][]samenspel.Region{}, Members: map[string][]string{}, ProvincieOf: map[string]string{}}
	for i := 1; i <= 12; i++ {
		id := fmt.Sprintf("GM%04d", i)
		w.Gemeenten[id] = samenspel.Organisation{ID: id, Code: id, Name: fmt.Sprintf("Stad %d", i), Kind: samenspel.KindGemeente}
		w.ProvincieOf[id] = map[bool]string{true: "PV01", false: "PV02"}[i <= 6]
	}
	w.Provincies["PV01"] = samenspel.Organisation{ID: "PV01", Name: "Provincie Een", Kind: samenspel.KindProvincie}
	w.Provincies["PV02"] = samenspel.Organisation{ID: "PV02", Name: "Provincie Twee", Kind: samenspel.KindProvincie}
	w.Waterschappen = []samenspel.Organisation{{ID: "WS0001", Name: "Waterschap Een", Kind: samenspel.KindWaterschap}}
	w.WaterschappenOf = map[string][]string{}
	for id := range w.Gemeenten {
		w.WaterschappenOf[id] = []string{"WS0001"}
	}
	for _, t := range templates {
		for k := 0; k < 2; k++ {
			r := samenspel.Region{Division: t.division, Code: fmt.Sprintf("%s%d", t.division, k), Name: fmt.Sprintf("Regio Stad %d", 1+6*k)}
			if t.division == "provincie" {
				r.Code = []string{"PV01", "PV02"}[k]
			}
			if _, dup := w.Members[r.Key()]; dup {
				continue
			}
			w.Regions[t.division] = append(w.Regions[t.division], r)
			for i := 1 + 6*k; i <= 6+6*k; i++ {
				w.Members[r.Key()] = append(w.Members[r.Key()], fmt.Sprintf("GM%04d", i))
			}
		}
	}
	return w
}

func TestGenerateIsDeterministicAndScales(t *testing.T) {
	a, b := Generate(world(), 7, 1), Generate(world(), 7, 1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different sets")
	}
	if c := Generate(world(), 8, 1); reflect.DeepEqual(a.Roles, c.Roles) {
		t.Error("another seed gave the same roles")
	}
	if n := len(Generate(world(), 7, 3).Opgaven); n < 5*len(a.Opgaven)/2 || n > 7*len(a.Opgaven)/2 {
		t.Errorf("scale 3: %d opgaven, scale 1 %d; want about three times as many", n, len(a.Opgaven))
	}
	if per := float64(len(a.Roles)) / float64(len(a.Opgaven)); per < 5 || per > 15 {
		t.Errorf("%.1f roles per opgave; real programmes have about ten", per)
	}
}

func TestGeneratedSetIsConsistent(t *testing.T) {
	s := Generate(world(), 1, 2)
	ids := map[string]bool{}
	for _, o := range s.Opgaven {
		if !o.Generated || o.ID[:5] != "demo-" {
			t.Fatalf("opgave %s is not labelled as generated", o.ID)
		}
		in := samenspel.OpgaveInput{Title: o.Title, Goal: o.Goal, Themes: o.Themes, StartDate: o.StartDate, EndDate: o.EndDate, Area: o.Area}
		if err := in.Validate(); err != nil {
			t.Errorf("opgave %s would be refused by the API: %v", o.ID, err)
		}
		ids[o.ID] = true
	}
	people := map[string]string{}
	for _, p := range s.People {
		people[p.ID] = p.OrganisationID
	}
	trekkers := map[string]map[string]string{} // opgave → level → organisation
	for _, r := range s.Roles {
		if !ids[r.OpgaveID] {
			t.Fatalf("role %s is on unknown opgave %s", r.ID, r.OpgaveID)
		}
		if r.PersonID != "" && people[r.PersonID] != r.OrganisationID {
			t.Errorf("role %s: person %s does not work for %s", r.ID, r.PersonID, r.OrganisationID)
		}
		if r.Type == "TREKKER" {
			if trekkers[r.OpgaveID] == nil {
				trekkers[r.OpgaveID] = map[string]string{}
			}
			if prev, ok := trekkers[r.OpgaveID][r.Level]; ok && prev != r.OrganisationID {
				t.Errorf("opgave %s has two %s trekkers", r.OpgaveID, r.Level)
			}
			trekkers[r.OpgaveID][r.Level] = r.OrganisationID
		}
	}
	if len(trekkers) != len(s.Opgaven) {
		t.Errorf("%d of %d opgaven have a trekker", len(trekkers), len(s.Opgaven))
	}
	for _, l := range s.Links {
		if !ids[l.FromID] || !ids[l.ToID] || l.FromID == l.ToID {
			t.Errorf("bad link %+v", l)
		}
	}
}

func TestGeneratedTrustIsPlausible(t *testing.T) {
	s := Generate(world(), 1, 1)
	if len(s.Assessments) == 0 {
		t.Fatal("no trust assessments")
	}
	onOpgave := map[string]bool{}
	for _, r := range s.Roles {
		onOpgave[r.OpgaveID+"|"+r.OrganisationID] = true
	}
	byPair := map[[2]string][]samenspel.TrustAssessment{}
	high := 0
	for _, a := range s.Assessments {
		if a.Score < 1 || a.Score > 5 || a.FromID == a.ToID || samenspel.NewDate(2026, 1, 1).Before(a.Date) {
			t.Fatalf("implausible assessment %+v", a)
		}
		if !onOpgave[a.OpgaveID+"|"+a.FromID] || !onOpgave[a.OpgaveID+"|"+a.ToID] {
			t.Fatalf("assessment %s is between organisations that do not work on its opgave", a.ID)
		}
		if a.Score >= 3 {
			high++
		}
		k := [2]string{a.FromID, a.ToID}
		byPair[k] = append(byPair[k], a)
	}
	if share := float64(high) / float64(len(s.Assessments)); share < 0.7 {
		t.Errorf("only %.0f%% of assessments are moderate to high", 100*share)
	}
	oneSided, declining := 0, 0
	for k, as := range byPair {
		if len(byPair[[2]string{k[1], k[0]}]) == 0 {
			oneSided++
		}
		if len(as) >= 3 && as[len(as)-1].Score <= as[0].Score-2 {
			declining++
		}
	}
	if oneSided == 0 || declining == 0 {
		t.Errorf("%d one-sided and %d declining relations; want some of each", oneSided, declining)
	}
}
