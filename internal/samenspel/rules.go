package samenspel

import "fmt"

// The rules a role assignment must keep. The store reads the facts inside the write transaction
// (with the opgave locked, so that two assignments are checked one after the other) and asks
// CheckRole before it writes.

// RoleFacts are what the store knows about a role assignment's references.
type RoleFacts struct {
	OpgaveExists         bool
	OrganisationExists   bool
	PersonExists         bool
	PersonOrganisationID string // the organisation the person works for
	// Trekkers are the opgave's TREKKER roles at the input's level (any period), with the names
	// of their organisations for the message.
	Trekkers     []Role
	TrekkerNames map[string]string
}

// CheckRole applies the rules of a role assignment to the facts: the opgave, organisation and
// person exist; the person works for the organisation ("agree down to the person who plays which
// role" means the person speaks for their own organisation); and an opgave has at most one
// trekker per level at a time. A clash with stored data is a conflict, not a mistake in the input.
func CheckRole(in RoleInput, f RoleFacts) error {
	switch {
	case !f.OpgaveExists:
		return Invalidf("input.opgaveId", "no opgave has id %q", in.OpgaveID)
	case !f.OrganisationExists:
		return Invalidf("input.organisationId", "no organisation has id %q", in.OrganisationID)
	case in.PersonID != "" && !f.PersonExists:
		return Invalidf("input.personId", "no person has id %q", in.PersonID)
	case in.PersonID != "" && f.PersonOrganisationID != in.OrganisationID:
		return Invalidf("input.personId", "person %q does not work for organisation %q", in.PersonID, in.OrganisationID)
	}
	if in.Type != "TREKKER" {
		return nil
	}
	asked := Role{From: in.From, Until: in.Until}
	for _, t := range f.Trekkers {
		if t.Level == in.Level && t.Overlaps(asked) {
			return Conflictf("input.type", "the opgave already has a %s trekker in that period: %s (from %s); end that role first",
				in.Level, nameOr(f.TrekkerNames, t.OrganisationID), t.From)
		}
	}
	return nil
}

func nameOr(names map[string]string, id string) string {
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return fmt.Sprintf("organisation %q", id)
}
