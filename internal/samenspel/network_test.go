package samenspel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSearchQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Fryslân", "(fryslan^3 OR fryslan* OR fryslan~2)"},
		{"Súdwest-Fryslân", "(sudwest^3 OR sudwest* OR sudwest~2) AND (fryslan^3 OR fryslan* OR fryslan~2)"},
		{"GGD ab", "(ggd^3 OR ggd* OR ggd~1) AND (ab^3 OR ab*)"},
		// Lucene syntax in the input is removed, never interpreted.
		{`title:"x" OR *:* AND NOT y~9 \`, "(title^3 OR title* OR title~1) AND (x^3 OR x*) AND (or^3 OR or*) AND (and^3 OR and* OR and~1) AND (not^3 OR not* OR not~1) AND (y^3 OR y*) AND (9^3 OR 9*)"},
		{"  ?!  ", ""},
	}
	for _, tt := range tests {
		if got := SearchQuery(tt.in); got != tt.want {
			t.Errorf("SearchQuery(%q) =\n %q\nwant\n %q", tt.in, got, tt.want)
		}
	}
}

func TestRankWhoElse(t *testing.T) {
	energie := Opgave{ID: "o1", Themes: []string{"energie"}}
	mixed := Opgave{ID: "o2", Themes: []string{"energie", "wonen"}}
	cands := []WhoElseCandidate{
		// o1 covers 4 gemeenten, 2 of them in the asked area of 4: Jaccard 2/6.
		{Opgave: energie, FootprintSize: 4, Intersection: 2, Roles: []Role{{OrganisationID: "a", Type: "TREKKER"}, {OrganisationID: "b", Type: "DEELNEMER"}}},
		// o2 covers exactly the asked area: Jaccard 1.
		{Opgave: mixed, FootprintSize: 4, Intersection: 4, Roles: []Role{{OrganisationID: "b", Type: "UITVOERDER"}, {OrganisationID: "mine", Type: "TREKKER"}}},
	}
	hits := RankWhoElse(cands, []string{"energie", "wonen"}, 4, map[string]int{"a": 7}, map[string]bool{"mine": true}, 10)
	type row struct {
		Org     string
		Score   float64
		Themes  []string
		Overlap float64
		Shared  int
		Opgaven int
	}
	var got []row
	for _, h := range hits {
		got = append(got, row{h.OrganisationID, h.Score, h.SharedThemes, h.AreaOverlap, h.SharedOpgaven, len(h.Evidence)})
	}
	want := []row{
		// b: themes energie+wonen (2×2) + best overlap 1 (3×1) + shared 0 = 7
		{"b", 7, []string{"energie", "wonen"}, 1, 0, 2},
		// a: energie (2×1) + 1/3 (3×1/3) + min(7,5) = 8
		{"a", 8, []string{"energie"}, 1.0 / 3, 7, 1},
	}
	want[0], want[1] = want[1], want[0] // a ranks first with 8
	if diff := cmp.Diff(want, got, cmp.Comparer(approx)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if len(RankWhoElse(cands, nil, 0, nil, nil, 1)) != 1 {
		t.Error("first does not bound the result")
	}
}

func TestNextLevel(t *testing.T) {
	visited := map[string]bool{"start": true}
	edges := []Edge{
		{From: "start", To: "x", Kind: ReasonSharedParticipant, Via: "GM0363"},
		{From: "start", To: "x", Kind: ReasonLink, Via: "REINFORCES"},
		{From: "start", To: "x", Kind: ReasonLink, Via: "REINFORCES"}, // duplicate
		{From: "start", To: "y", Kind: ReasonOverlappingArea, Via: "corop/CR23"},
		{From: "x", To: "start", Kind: ReasonLink, Via: "REINFORCES"}, // already visited
	}
	got := NextLevel(edges, 1, visited)
	want := []Connected{
		{OpgaveID: "x", Depth: 1, Reasons: []Edge{{From: "start", To: "x", Kind: ReasonLink, Via: "REINFORCES"}, {From: "start", To: "x", Kind: ReasonSharedParticipant, Via: "GM0363"}}},
		{OpgaveID: "y", Depth: 1, Reasons: []Edge{{From: "start", To: "y", Kind: ReasonOverlappingArea, Via: "corop/CR23"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if !visited["x"] || !visited["y"] {
		t.Error("NextLevel did not mark what it found as visited")
	}
}

func TestOpgaveInputValidate(t *testing.T) {
	base := func() OpgaveInput {
		s, e := NewDate(2024, 1, 1), NewDate(2026, 1, 1)
		return OpgaveInput{Title: "T", Goal: "G", Themes: []string{"wonen"}, StartDate: &s, EndDate: &e, Area: Area{Gemeenten: []string{"GM0363"}}}
	}
	if in := base(); in.Validate() != nil {
		t.Fatalf("valid input refused: %v", in.Validate())
	}
	for field, change := range map[string]func(*OpgaveInput){
		"input.title":     func(in *OpgaveInput) { in.Title = " " },
		"input.themes":    func(in *OpgaveInput) { in.Themes = nil },
		"input.themes[1]": func(in *OpgaveInput) { in.Themes = []string{"wonen", "wonen"} },
		"input.endDate":   func(in *OpgaveInput) { e := NewDate(2023, 1, 1); in.EndDate = &e },
		"input.area":      func(in *OpgaveInput) { in.Area = Area{} },
	} {
		in := base()
		change(&in)
		var e *Error
		if err := in.Validate(); err == nil || !asError(err, &e) || e.Field != field {
			t.Errorf("%s: err = %v", field, err)
		}
	}
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

func TestRolePeriods(t *testing.T) {
	until := NewDate(2025, 1, 1)
	a := Role{From: NewDate(2024, 1, 1), Until: &until}
	b := Role{From: NewDate(2025, 1, 1)}
	if a.Overlaps(b) || b.Overlaps(a) {
		t.Error("a role until 2025-01-01 overlaps one from 2025-01-01 (until is exclusive)")
	}
	if !a.ActiveAt(NewDate(2024, 12, 31)) || a.ActiveAt(until) {
		t.Error("ActiveAt ignores the half-open period")
	}
}
