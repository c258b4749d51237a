package samenspel

import (
	"encoding/base64"
	"encoding/json"
)

// OrganisationFilter narrows a list of organisations; zero fields do not filter.
type OrganisationFilter struct {
	Kinds        []OrganisationKind
	NameContains string // case-insensitive
	Code         string
	ActiveAt     *Date // nil: every organisation ever registered
}

// Order fields for organisations and opgaven.
const (
	OrderByName         = "NAME"
	OrderByCode         = "CODE"
	OrderByOpgaven      = "OPGAVEN"      // organisations: number of opgaven they hold a role in
	OrderByTitle        = "TITLE"        // opgaven
	OrderByStartDate    = "START_DATE"   // opgaven
	OrderByParticipants = "PARTICIPANTS" // opgaven: number of organisations with a role
	OrderByContribution = "CONTRIBUTION" // opgaven: sum of the roles' contributions in euros
)

// OpgaveFilter narrows a list of opgaven; zero fields do not filter.
type OpgaveFilter struct {
	Themes         []string // any of
	Statuses       []string
	Scales         []string
	OrganisationID string // has a role on the opgave
	RoleType       string // with OrganisationID: that organisation's role; alone: any role of this type
	TitleContains  string
	// AreaGemeenten, when not nil, keeps opgaven whose area covers one of these gemeenten (IDs):
	// directly, or through a region they are a member of on At.
	AreaGemeenten []string
	At            Date
}

// OpgaveOrder sorts opgaven; ties are broken by ID.
type OpgaveOrder struct {
	Field string
	Desc  bool
}

// OrganisationOrder sorts a list of organisations; ties are broken by ID.
type OrganisationOrder struct {
	Field string // OrderByName or OrderByCode
	Desc  bool
}

// RegionFilter narrows a list of regions.
type RegionFilter struct {
	Division     string
	NameContains string
	Code         string
}

// Connection is one page of a keyset-paginated list.
type Connection[T any] struct {
	Items   []T
	Cursors []string // one per item
	Total   int      // matching items in all pages
	HasNext bool
	HasPrev bool
}

// Cursor is the keyset position of one item: its sort key and its ID (the tie-breaker). Encoded
// opaquely, it stays valid when rows are inserted before it.
type Cursor struct {
	Key string   `json:"k,omitempty"`
	Num *float64 `json:"n,omitempty"` // for numeric sort keys (counts, sums)
	ID  string   `json:"i"`
}

// Encode returns the opaque form of c.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor parses an opaque cursor; field names the argument for the error.
func DecodeCursor(field, s string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c Cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return nil, Invalidf(field, "is not a cursor returned by this list")
	}
	return &c, nil
}
