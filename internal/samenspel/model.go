package samenspel

// OrganisationKind says what sort of organisation an Organisation is.
type OrganisationKind string

// The organisation kinds. Only gemeenten carry region memberships in the CBS data.
const (
	KindGemeente             OrganisationKind = "GEMEENTE"
	KindProvincie            OrganisationKind = "PROVINCIE"
	KindWaterschap           OrganisationKind = "WATERSCHAP"
	KindRijk                 OrganisationKind = "RIJK"
	KindSamenwerkingsverband OrganisationKind = "SAMENWERKINGSVERBAND"
	KindPartner              OrganisationKind = "PARTNER"
)

// OrganisationKinds lists every kind, in schema order.
var OrganisationKinds = []OrganisationKind{KindGemeente, KindProvincie, KindWaterschap, KindRijk, KindSamenwerkingsverband, KindPartner}

// Organisation is a government body or partner. For organisations from the CBS/TOOI registers the
// ID equals the code (GM0363, PV27, WS0155).
type Organisation struct {
	ID         string
	Code       string
	Name       string
	Kind       OrganisationKind
	ValidFrom  *Date // nil: before the registers start (2000)
	ValidUntil *Date // exclusive; nil: still exists
	Generated  bool  // part of the generated demo set
}

// ActiveAt reports whether o exists on d.
func (o Organisation) ActiveAt(d Date) bool {
	if o.ValidFrom != nil && d.Before(*o.ValidFrom) {
		return false
	}
	return o.ValidUntil == nil || d.Before(*o.ValidUntil)
}

// Division is a regio-indeling: one way of cutting the country into regions.
type Division struct {
	Key      string
	Name     string
	Vintages []Date // the dates of the tables the memberships come from, ascending
}

// RegionOverlap is a region of another division that shares gemeenten with a given region.
type RegionOverlap struct {
	Region       Region
	Shared       int
	Jaccard      float64
	ShareOfThis  float64
	ShareOfOther float64
}

// NaturalPartner is a gemeente that shares regions with a given one.
type NaturalPartner struct {
	Organisation Organisation
	Regions      []Region
}

// MergerSet holds an organisation's mergers: Into, those that ended it; From, those it absorbed.
type MergerSet struct {
	Into []Merger
	From []Merger
}

// Region is one region of a division.
type Region struct {
	Division string // division key
	Code     string
	Name     string
}

// Key is the region's identity: "<division>/<code>".
func (r Region) Key() string { return RegionKey(r.Division, r.Code) }

// RegionKey builds a region key from its parts.
func RegionKey(division, code string) string { return division + "/" + code }

// Membership says that a gemeente belongs to a region from From until Until (exclusive; nil means
// until further notice). Vintage is the date of the table it was read from.
type Membership struct {
	OrganisationID string
	Region         Region
	From           Date
	Until          *Date
	Vintage        Date
}

// Merger records that From was merged into (or absorbed by) Into on Date.
type Merger struct {
	FromID string
	IntoID string
	Date   Date
	Type   string // Samenvoeging, Uitbreiding, Herschikking (TOOI event types)
}

// Page asks for at most First items after the opaque cursor After.
type Page struct {
	First int
	After string
	// Count asks for the total number of matches as well; it costs a second pass over them, so
	// lists count only when totalCount is selected.
	Count bool
}

// MaxPageSize bounds every page.
const MaxPageSize = 100

// DefaultPageSize is used when first is not given.
const DefaultPageSize = 20

// Validate checks the page bounds; field names the argument for the error.
func (p Page) Validate() error {
	if p.First < 1 || p.First > MaxPageSize {
		return Invalidf("first", "must be between 1 and %d, got %d", MaxPageSize, p.First)
	}
	return nil
}
