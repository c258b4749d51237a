package samenspel

import "sort"

// Read views the store returns and the API shows as they are.

// StoredArea is an opgave's area as stored: the regions and gemeenten it covers.
type StoredArea struct {
	Regions   []Region
	Gemeenten []Organisation
}

// LinkInfo is an explicit link seen from one opgave: its type, note, direction and the opgave at
// the other end.
type LinkInfo struct {
	Type     string
	Note     string
	Outgoing bool   // this opgave is the link's source
	Opgave   Opgave // the opgave at the other end
}

// OrganisationOpgave is an opgave an organisation holds roles on, with those roles.
type OrganisationOpgave struct {
	Opgave Opgave
	Roles  []Role
}

// Participant is an organisation on an opgave with its current roles there and what they add up to.
type Participant struct {
	Organisation      Organisation
	Roles             []Role
	ContributionEuros float64
	ContributionFTE   float64
}

// roleRank orders participants: those who lead first.
var roleRank = map[string]int{"TREKKER": 0, "MEDETREKKER": 1, "OPDRACHTGEVER": 2, "FINANCIER": 3, "UITVOERDER": 4, "DEELNEMER": 5, "ADVISEUR": 6}

// GroupParticipants groups an opgave's current roles by organisation, with their contributions
// summed: trekkers first, then medetrekkers and so on by their leading role, then by name. Roles
// whose organisation is not in orgs are left out.
func GroupParticipants(roles []Role, orgs map[string]Organisation) []Participant {
	byOrg := map[string]int{}
	rank := map[string]int{}
	var out []Participant
	for _, r := range roles {
		o, ok := orgs[r.OrganisationID]
		if !ok {
			continue
		}
		i, ok := byOrg[r.OrganisationID]
		if !ok {
			i = len(out)
			byOrg[r.OrganisationID] = i
			out = append(out, Participant{Organisation: o})
			rank[r.OrganisationID] = 99
		}
		p := &out[i]
		p.Roles = append(p.Roles, r)
		if r.ContributionEuros != nil {
			p.ContributionEuros += *r.ContributionEuros
		}
		if r.ContributionFTE != nil {
			p.ContributionFTE += *r.ContributionFTE
		}
		if k, ok := roleRank[r.Type]; ok {
			rank[r.OrganisationID] = min(rank[r.OrganisationID], k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := rank[out[i].Organisation.ID], rank[out[j].Organisation.ID]
		if a != b {
			return a < b
		}
		return out[i].Organisation.Name < out[j].Organisation.Name
	})
	return out
}

// Contact is a named person on an opgave with the roles they play there.
type Contact struct {
	Person Person
	Roles  []Role
}

// GroupContacts groups the roles that name a person by that person, ordered by name. Roles
// without a person, or whose person is not in people, are left out.
func GroupContacts(roles []Role, people map[string]Person) []Contact {
	byPerson := map[string]int{}
	var out []Contact
	for _, r := range roles {
		p, ok := people[r.PersonID]
		if r.PersonID == "" || !ok {
			continue
		}
		i, ok := byPerson[r.PersonID]
		if !ok {
			i = len(out)
			byPerson[r.PersonID] = i
			out = append(out, Contact{Person: p})
		}
		out[i].Roles = append(out[i].Roles, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Person.Name < out[j].Person.Name })
	return out
}

// RoleFilter narrows the roles of an opgave: those holding on At (all, ended ones too, when At is
// nil), of Type and Level when given.
type RoleFilter struct {
	At    *Date
	Type  string
	Level string
}

// OrganisationOpgaveFilter narrows the opgaven of an organisation: by the type of its role, the
// opgave's status, and to roles holding on At (nil: ended ones too).
type OrganisationOpgaveFilter struct {
	At       *Date
	RoleType string
	Statuses []string
}

// Coalition is an opgave's current participants (organisation IDs, and the organisations by ID)
// and the trust assessments among them: what its trust climate and health are computed from.
type Coalition struct {
	Participants  []string
	Organisations map[string]Organisation
	Assessments   []TrustAssessment
}

// SearchHit is one result of the search box.
type SearchHit struct {
	Kind         string // ORGANISATION, REGION, OPGAVE, PERSON
	Score        float64
	Organisation *Organisation
	Region       *Region
	Opgave       *Opgave
	Person       *Person // without contact details
}

// PathStep is one entity on a path between two opgaven, with how it is reached from the step
// before (empty for the first).
type PathStep struct {
	Kind         string // OPGAVE, ORGANISATION, REGION, INSTRUMENT
	Opgave       *Opgave
	Organisation *Organisation
	Region       *Region
	Instrument   *Instrument
	Relation     string // LINK_<TYPE>, ROLE_<TYPE>, COVERS, MEMBER_OF, SUPPORTS
}

// CollaborationFilter narrows the collaboration network to opgaven of some themes and area, and
// to roles current on At.
type CollaborationFilter struct {
	Themes        []string
	AreaGemeenten []string // nil: anywhere
	OpgaveID      string   // only this opgave's coalition
	At            Date
}

// ConnectedOpgave is an opgave reached from another by the connected walk, at a depth, with the
// reasons it was reached and what they name.
type ConnectedOpgave struct {
	Opgave  Opgave
	Depth   int
	Reasons []ConnectionReason
}

// ConnectionReason is why an opgave is connected to one of the level before (Via): an explicit
// link (LinkType), a shared participant (Organisation), a shared instrument (Instrument) or an
// overlapping area (Region, or a gemeente as Organisation).
type ConnectionReason struct {
	Kind         string
	Via          Opgave
	LinkType     *string
	Organisation *Organisation
	Instrument   *Instrument
	Region       *Region
}

// WhoElseResult is one organisation on the who-else list, with the opgaven that put it there.
type WhoElseResult struct {
	Organisation    Organisation
	Score           float64
	SharedThemes    []string
	RelatedThemes   []string
	AreaOverlap     float64
	SharedGemeenten int
	SharedOpgaven   int
	RoleWeight      float64
	LatestRoleFrom  *Date
	Explanation     string
	Evidence        []WhoElseEvidence
}

// Names asks for the entities a result names, by kind, to be read in one statement.
type Names struct {
	Opgaven, Organisations, Regions, Instruments []string
}

// Named holds the entities Names asked for; unknown ones are absent.
type Named struct {
	Opgaven       map[string]Opgave
	Organisations map[string]Organisation
	Regions       map[string]Region
	Instruments   map[string]Instrument
}
