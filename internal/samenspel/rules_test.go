package samenspel

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckRole(t *testing.T) {
	d := func(s string) Date {
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	until := d("2025-01-01")
	facts := RoleFacts{OpgaveExists: true, OrganisationExists: true, PersonExists: true, PersonOrganisationID: "GM0363",
		Trekkers:     []Role{{OrganisationID: "GM0363", Level: "BESTUURLIJK", From: d("2024-01-01"), Until: &until}},
		TrekkerNames: map[string]string{"GM0363": "Amsterdam"}}
	in := RoleInput{OpgaveID: "o", OrganisationID: "GM0363", Type: "DEELNEMER", Level: "AMBTELIJK", From: d("2024-06-01")}
	for _, tt := range []struct {
		name  string
		in    func(RoleInput) RoleInput
		facts func(RoleFacts) RoleFacts
		code  string
		field string
	}{
		{"a deelnemer", nil, nil, "", ""},
		{"no opgave", nil, func(f RoleFacts) RoleFacts { f.OpgaveExists = false; return f }, ECodeInvalid, "input.opgaveId"},
		{"no organisation", nil, func(f RoleFacts) RoleFacts { f.OrganisationExists = false; return f }, ECodeInvalid, "input.organisationId"},
		{"no person", func(i RoleInput) RoleInput { i.PersonID = "p"; return i }, func(f RoleFacts) RoleFacts { f.PersonExists = false; return f }, ECodeInvalid, "input.personId"},
		{"a person of another organisation", func(i RoleInput) RoleInput { i.PersonID = "p"; i.OrganisationID = "GM0344"; return i }, nil, ECodeInvalid, "input.personId"},
		{"a person of the organisation", func(i RoleInput) RoleInput { i.PersonID = "p"; return i }, nil, "", ""},
		{"a second trekker at the same level in the period", func(i RoleInput) RoleInput { i.Type, i.Level = "TREKKER", "BESTUURLIJK"; return i }, nil, ECodeConflict, "input.type"},
		{"a trekker at the other level", func(i RoleInput) RoleInput { i.Type = "TREKKER"; return i }, nil, "", ""},
		{"a trekker after the first ended", func(i RoleInput) RoleInput { i.Type, i.Level, i.From = "TREKKER", "BESTUURLIJK", until; return i }, nil, "", ""},
		{"a trekker until the first starts", func(i RoleInput) RoleInput {
			i.Type, i.Level, i.From = "TREKKER", "BESTUURLIJK", d("2023-01-01")
			end := d("2024-01-01")
			i.Until = &end
			return i
		}, nil, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			i, f := in, facts
			if tt.in != nil {
				i = tt.in(i)
			}
			if tt.facts != nil {
				f = tt.facts(f)
			}
			err := CheckRole(i, f)
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.code != "" && (ErrorCode(err) != tt.code || err.(*Error).Field != tt.field):
				t.Fatalf("err = %v, want %s on %s", err, tt.code, tt.field)
			case tt.code == ECodeConflict && !strings.Contains(err.Error(), "Amsterdam"):
				t.Errorf("the conflict does not name the trekker: %v", err)
			}
		})
	}
}

func TestGroupParticipants(t *testing.T) {
	e := func(v float64) *float64 { return &v }
	orgs := map[string]Organisation{"a": {ID: "a", Name: "Zeist"}, "b": {ID: "b", Name: "Amersfoort"}, "c": {ID: "c", Name: "Baarn"}}
	roles := []Role{
		{ID: "1", OrganisationID: "b", Type: "DEELNEMER", ContributionEuros: e(10)},
		{ID: "2", OrganisationID: "a", Type: "TREKKER", ContributionEuros: e(100), ContributionFTE: e(1.5)},
		{ID: "3", OrganisationID: "b", Type: "FINANCIER", ContributionEuros: e(5)},
		{ID: "4", OrganisationID: "c", Type: "FINANCIER"},
		{ID: "5", OrganisationID: "gone", Type: "DEELNEMER"},
	}
	got := GroupParticipants(roles, orgs)
	var names []string
	for _, p := range got {
		names = append(names, p.Organisation.Name)
	}
	// The trekker first, then the financiers by name; an unknown organisation is left out.
	if diff := cmp.Diff([]string{"Zeist", "Amersfoort", "Baarn"}, names); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if got[1].ContributionEuros != 15 || len(got[1].Roles) != 2 || got[0].ContributionFTE != 1.5 {
		t.Errorf("sums = %+v", got)
	}
}

func TestGroupContacts(t *testing.T) {
	people := map[string]Person{"p": {ID: "p", Name: "Willem"}, "q": {ID: "q", Name: "Anna"}}
	got := GroupContacts([]Role{{ID: "1", PersonID: "p"}, {ID: "2"}, {ID: "3", PersonID: "q"}, {ID: "4", PersonID: "p"}, {ID: "5", PersonID: "x"}}, people)
	if len(got) != 2 || got[0].Person.Name != "Anna" || got[1].Person.Name != "Willem" || len(got[1].Roles) != 2 {
		t.Errorf("contacts = %+v", got)
	}
}

func TestCheckSearchText(t *testing.T) {
	for text, ok := range map[string]bool{
		"woondeal utrecht":               true,
		"Súdwest-Fryslân":                true,
		strings.Repeat("a", 50):          true,
		strings.Repeat("a", 51):          false,
		strings.Repeat("ab ", 10):        true,
		strings.Repeat("ab ", 11):        false,
		strings.Repeat("é", 201):         false,
		"  ?!  ":                         false,
		`title:"x" OR *:* AND NOT y~9 \`: true,
	} {
		if err := CheckSearchText(text); (err == nil) != ok {
			t.Errorf("CheckSearchText(%.20q) = %v, want ok=%v", text, err, ok)
		}
	}
}

func TestUpdatesApply(t *testing.T) {
	title, empty := "Nieuw", ""
	cur := OpgaveInput{Title: "Oud", Goal: "Doel", Themes: []string{"wonen"}, EndDate: &Date{}}
	got := OpgaveUpdate{Title: &title, ClearEndDate: true}.Apply(cur)
	if got.Title != "Nieuw" || got.Goal != "Doel" || got.EndDate != nil || len(got.Themes) != 1 {
		t.Errorf("opgave update = %+v", got)
	}
	p := PersonUpdate{Email: &empty}.Apply(PersonInput{Name: "A", Email: "a@b.nl"})
	if p.Email != "" || p.Name != "A" {
		t.Errorf("person update = %+v", p)
	}
}

func TestTrustShown(t *testing.T) {
	as := func(pairs ...[2]string) []TrustAssessment {
		var out []TrustAssessment
		for i, p := range pairs {
			out = append(out, TrustAssessment{ID: string(rune('a' + i)), FromID: p[0], ToID: p[1], Score: 3, Date: NewDate(2026, 1, 1+i)})
		}
		return out
	}
	viewer := Caller{Access: Viewer, Organisation: "A", Subject: "v"}
	for _, tc := range []struct {
		name string
		c    Caller
		as   []TrustAssessment
		agg  bool
		prs  bool
	}{
		{"three others", viewer, as([2]string{"B", "A"}, [2]string{"C", "A"}, [2]string{"D", "B"}), true, false},
		{"own ones do not count", viewer, as([2]string{"A", "B"}, [2]string{"A", "C"}, [2]string{"A", "D"}, [2]string{"B", "A"}, [2]string{"C", "A"}), false, false},
		{"one organisation thrice", viewer, as([2]string{"B", "A"}, [2]string{"B", "C"}, [2]string{"B", "D"}), false, false},
		{"analyst sees all", Caller{Access: Analyst, Subject: "x"}, as([2]string{"B", "A"}), true, true},
		{"anonymous nothing", Caller{}, as([2]string{"B", "A"}, [2]string{"C", "A"}, [2]string{"D", "B"}), false, false},
	} {
		agg, prs := TrustShown(tc.c, tc.as)
		if agg != tc.agg || prs != tc.prs {
			t.Errorf("%s: shown %v, pairs %v; want %v, %v", tc.name, agg, prs, tc.agg, tc.prs)
		}
	}
}
