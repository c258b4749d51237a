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
	at := NewDate(2025, 6, 1)
	energie := Opgave{ID: "o1", Themes: []string{"energie"}}
	mixed := Opgave{ID: "o2", Themes: []string{"energie", "wonen"}}
	cands := []WhoElseCandidate{
		// o1 covers 4 gemeenten, 2 of them in the asked area of 4: Jaccard 2/6.
		{Opgave: energie, FootprintSize: 4, Intersection: 2, Roles: []Role{{OrganisationID: "a", Type: "TREKKER", From: at}, {OrganisationID: "b", Type: "DEELNEMER", From: NewDate(2023, 6, 1)}}},
		// o2 covers exactly the asked area: Jaccard 1.
		{Opgave: mixed, FootprintSize: 4, Intersection: 4, Roles: []Role{{OrganisationID: "b", Type: "UITVOERDER", From: NewDate(2024, 6, 1)}, {OrganisationID: "mine", Type: "TREKKER", From: at}}},
	}
	hits := RankWhoElse(cands, WhoElseAsk{Themes: []string{"energie", "wonen"}, AreaSize: 4, Shared: map[string]int{"a": 7}, Exclude: map[string]bool{"mine": true}, At: at, First: 10})
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
		// a: energie (2×1) + 1/3 (3×1/3) + min(7,5) + trekker (0.5×3/3) + a role begun today (0.5/1) = 9
		{"a", 9, []string{"energie"}, 1.0 / 3, 7, 1},
		// b: energie+wonen (2×2) + overlap 1 (3×1) + 0 + uitvoerder (0.5×1/3) + its latest role a year ago (0.5/(1+365/365.25))
		{"b", 7 + 0.5/3 + 0.5/(1+365/365.25), []string{"energie", "wonen"}, 1, 0, 2},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(approx)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if len(RankWhoElse(cands, WhoElseAsk{First: 1, At: at})) != 1 {
		t.Error("first does not bound the result")
	}
}

func TestRankWhoElseFindsRelatedThemesAndBreaksTies(t *testing.T) {
	at := NewDate(2025, 6, 1)
	from := NewDate(2024, 1, 1)
	cands := []WhoElseCandidate{
		{Opgave: Opgave{ID: "w", Themes: []string{"wonen"}}, FootprintSize: 2, Intersection: 2, Roles: []Role{{OrganisationID: "small", Type: "DEELNEMER", From: from}}},
		// the same Jaccard (4/8 = 2/4) over more shared gemeenten
		{Opgave: Opgave{ID: "v", Themes: []string{"wonen"}}, FootprintSize: 8, Intersection: 4, Roles: []Role{{OrganisationID: "large", Type: "DEELNEMER", From: from}}},
		{Opgave: Opgave{ID: "m", Themes: []string{"mobiliteit", "cultuur"}}, FootprintSize: 4, Intersection: 2, Roles: []Role{{OrganisationID: "mob", Type: "DEELNEMER", From: from}}},
	}
	hits := RankWhoElse(cands, WhoElseAsk{Themes: []string{"wonen"}, AreaSize: 4, At: at, First: 10})
	var order []string
	for _, h := range hits {
		order = append(order, h.OrganisationID)
	}
	if diff := cmp.Diff([]string{"large", "small", "mob"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	mob := hits[2]
	if diff := cmp.Diff([]string{"mobiliteit"}, mob.RelatedThemes); diff != "" || len(mob.SharedThemes) != 0 {
		t.Errorf("mobiliteit is related to wonen (cultuur is not): related %v shared %v", mob.RelatedThemes, mob.SharedThemes)
	}
	if hits[0].Score != hits[1].Score || hits[0].SharedGemeenten != 4 {
		t.Errorf("large and small tie on score (%v, %v); large shares 4 gemeenten (%d)", hits[0].Score, hits[1].Score, hits[0].SharedGemeenten)
	}
}

func TestRelatedThemes(t *testing.T) {
	if diff := cmp.Diff([]string{"energie", "klimaatadaptatie", "mobiliteit"}, RelatedThemes([]string{"wonen"})); diff != "" {
		t.Errorf("related to wonen (-want +got):\n%s", diff)
	}
	for _, g := range ThemeAffinity {
		for _, k := range g {
			if !IsTheme(k) {
				t.Errorf("ThemeAffinity names %q, which is not a theme", k)
			}
		}
	}
	if got := RelatedThemes(nil); len(got) != 0 {
		t.Errorf("no themes asked, related %v", got)
	}
}

func TestExplain(t *testing.T) {
	h := WhoElseHit{SharedThemes: []string{"wonen"}, RelatedThemes: []string{"energie", "landelijk_gebied"}, SharedGemeenten: 3, SharedOpgaven: 2,
		Evidence: []WhoElseEvidence{
			{Opgave: Opgave{Title: "Regionale woondeal"}, Roles: []Role{{Type: "DEELNEMER"}, {Type: "TREKKER"}}},
			{Opgave: Opgave{Title: "Warmtenet"}, Roles: []Role{{Type: "ADVISEUR"}}},
		}}
	want := "Utrecht is trekker van ‘Regionale woondeal’ en werkt aan nog één andere lopende opgave (over wonen en de verwante thema's energie en landelijk gebied, in een gebied met 3 van de 26 gemeenten); met de deelnemers werkt Utrecht al samen aan 2 andere opgaven."
	if got := Explain(h, "Utrecht", 26); got != want {
		t.Errorf("Explain =\n %s\nwant\n %s", got, want)
	}
	one := WhoElseHit{RelatedThemes: []string{"water"}, SharedGemeenten: 1, AreaOverlap: 1, Evidence: []WhoElseEvidence{{Opgave: Opgave{Title: "Dijk"}, Roles: []Role{{Type: "ADVISEUR"}}}}}
	if got, want := Explain(one, "Waterschap", 1), "Waterschap is adviseur van ‘Dijk’ (over het verwante thema water, in hetzelfde gebied)."; got != want {
		t.Errorf("Explain =\n %s\nwant\n %s", got, want)
	}
	// an area that holds the asked one is not the same area
	wider := WhoElseHit{SharedThemes: []string{"water"}, SharedGemeenten: 4, AreaOverlap: 0.4, SharedOpgaven: 1, Evidence: []WhoElseEvidence{{Opgave: Opgave{Title: "Deltaplan"}, Roles: []Role{{Type: "FINANCIER"}}}}}
	if got, want := Explain(wider, "Provincie Zeeland", 4), "Provincie Zeeland is financier van ‘Deltaplan’ (over water, in een gebied dat alle 4 gemeenten omvat); met de deelnemers werkt Provincie Zeeland al samen aan één andere opgave."; got != want {
		t.Errorf("Explain =\n %s\nwant\n %s", got, want)
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
