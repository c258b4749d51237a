package samenspel

import "fmt"

// Pos is a place in an input file: file, line and column (1-based; 0 when unknown).
type Pos struct {
	File   string
	Line   int
	Column int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
}

// InputError is a problem at a place in an input file.
type InputError struct {
	Pos     Pos
	Message string
}

func (e *InputError) Error() string { return e.Pos.String() + ": " + e.Message }

// Dataset is everything one import writes. The importer builds it from files and checks it; the
// store writes it in a single transaction.
type Dataset struct {
	Organisations []Organisation // merged by ID; empty Name/nil dates leave stored values alone
	Divisions     []Division     // Vintages are added to the stored ones
	Regions       []Region
	Memberships   []MembershipRow
	Mergers       []Merger
	Governs       []Governs
	// Replace lists the (division, vintage) tables this import carries in full: stored memberships
	// of such a table that the import does not contain are removed.
	Replace []DivisionVintage
}

// DivisionVintage names one table of one division.
type DivisionVintage struct {
	Division string
	Vintage  Date
}

// MembershipRow is a membership as read from a table: the gemeente is in the region from the
// table's vintage until a later vintage of the same division replaces it.
type MembershipRow struct {
	OrganisationID string
	Division       string
	RegionCode     string
	Vintage        Date
	Pos            Pos // where it was read, for errors
}

// Governs links an organisation to the region that is its territory (a provincie to its region in
// the provincie division).
type Governs struct {
	OrganisationID string
	Division       string
	RegionCode     string
}

// ImportSummary counts what an import changed.
type ImportSummary struct {
	Organisations      int // in the dataset
	Divisions          int
	Regions            int
	Memberships        int
	Mergers            int
	NodesCreated       int
	RelationshipsAdded int
	RelationshipsGone  int
	PropertiesSet      int
}

// Changed reports whether the import changed anything in the database.
func (s ImportSummary) Changed() bool {
	return s.NodesCreated+s.RelationshipsAdded+s.RelationshipsGone+s.PropertiesSet > 0
}
