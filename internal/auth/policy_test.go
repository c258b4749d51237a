package auth

import (
	"os"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// TestREADMEHasThePolicy: the README shows the policy as the code has it (`samenspel policy`
// prints the table to paste).
func TestREADMEHasThePolicy(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), Table()) {
		t.Errorf("README.md does not hold the current policy table; paste the output of `samenspel policy`:\n%s", Table())
	}
}

func TestCheck(t *testing.T) {
	anon := samenspel.Caller{Access: samenspel.Anonymous}
	viewer := samenspel.Caller{Access: samenspel.Viewer, Organisation: "GM0363", Subject: "v"}
	admin := samenspel.Caller{Access: samenspel.Admin, Subject: "a"}
	for _, tc := range []struct {
		c    samenspel.Caller
		name string
		code string
	}{
		{anon, "Query.organisation", ""},
		{anon, "Query.person", samenspel.ECodeUnauthenticated},
		{viewer, "Query.person", ""},
		{viewer, "Query.personContact", samenspel.ECodeForbidden},
		{viewer, "Mutation.createOpgave", samenspel.ECodeForbidden},
		{admin, "Mutation.deleteOrganisation", ""},
	} {
		err := Check(tc.c, tc.name)
		if got := samenspel.ErrorCode(err); (err == nil) != (tc.code == "") || (err != nil && got != tc.code) {
			t.Errorf("%s as %s: %v, want %q", tc.name, tc.c.Access, err, tc.code)
		}
	}
}

func TestEveryWriteRuleIsAMutationAndNoAnonymousWrites(t *testing.T) {
	for _, r := range Policy {
		if r.Write != strings.HasPrefix(r.Name, "Mutation.") {
			t.Errorf("%s: Write is %v", r.Name, r.Write)
		}
		if _, ok := r.Who[samenspel.Anonymous]; ok && r.Write {
			t.Errorf("%s lets anonymous callers write", r.Name)
		}
		if r.Why == "" {
			t.Errorf("%s says not why", r.Name)
		}
	}
}
