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

// Order fields for organisations.
const (
	OrderByName = "NAME"
	OrderByCode = "CODE"
)

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
	Key string `json:"k"`
	ID  string `json:"i"`
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
