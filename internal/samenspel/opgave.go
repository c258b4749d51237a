package samenspel

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Theme is one of the fixed themes an opgave can have.
type Theme struct {
	Key   string // stable key used in the API, e.g. "wonen", "landelijk_gebied"
	Label string // Dutch label, e.g. "Landelijk gebied"
}

// Themes is the fixed, documented list of themes.
var Themes = []Theme{
	{"wonen", "Wonen"},
	{"energie", "Energie"},
	{"klimaatadaptatie", "Klimaatadaptatie"},
	{"jeugd", "Jeugd"},
	{"zorg", "Zorg"},
	{"gezondheid", "Gezondheid"},
	{"arbeidsmarkt", "Arbeidsmarkt"},
	{"onderwijs", "Onderwijs"},
	{"mobiliteit", "Mobiliteit"},
	{"landelijk_gebied", "Landelijk gebied"},
	{"natuur", "Natuur"},
	{"water", "Water"},
	{"veiligheid", "Veiligheid"},
	{"sociaal_domein", "Sociaal domein"},
	{"armoede_en_schulden", "Armoede en schulden"},
	{"economie", "Economie"},
	{"digitalisering", "Digitalisering"},
	{"bestuur", "Bestuur"},
	{"cultuur", "Cultuur"},
}

// IsTheme reports whether key is one of Themes.
func IsTheme(key string) bool {
	for _, t := range Themes {
		if t.Key == key {
			return true
		}
	}
	return false
}

// Enumerations of the opgave model; the GraphQL schema uses the same names.
var (
	Scales          = []string{"LOKAAL", "REGIONAAL", "PROVINCIAAL", "LANDELIJK"}
	Statuses        = []string{"VERKENNING", "UITVOERING", "AFGEROND", "GESTOPT"}
	RoleTypes       = []string{"TREKKER", "MEDETREKKER", "DEELNEMER", "FINANCIER", "UITVOERDER", "ADVISEUR", "OPDRACHTGEVER"}
	RoleLevels      = []string{"BESTUURLIJK", "AMBTELIJK"}
	LinkTypes       = []string{"DEPENDS_ON", "REINFORCES", "CONFLICTS_WITH", "PART_OF"}
	InstrumentTypes = []string{"REGIO_DEAL", "CONVENANT", "GEMEENSCHAPPELIJKE_REGELING", "SUBSIDIE", "BESTUURSAKKOORD", "BUDGET"}
)

// RegionRef names a region by division key and code.
type RegionRef struct{ Division, Code string }

// Area is where an opgave applies: regions of any division and individual gemeenten (by code).
type Area struct {
	Regions   []RegionRef
	Gemeenten []string
}

// Opgave is a societal task that organisations work on together.
type Opgave struct {
	ID          string
	Title       string
	Goal        string
	Description string
	Themes      []string
	Scale       string
	Status      string
	StartDate   *Date
	EndDate     *Date
	Generated   bool // part of the generated demo set, not real data
	// CheckInRhythmDays is the agreed check-in rhythm; 0 when not set (DefaultCheckInRhythm).
	CheckInRhythmDays int
}

// Rhythm is the opgave's check-in rhythm in days.
func (o Opgave) Rhythm() int {
	if o.CheckInRhythmDays > 0 {
		return o.CheckInRhythmDays
	}
	return DefaultCheckInRhythm
}

// OpgaveInput is what a client sends to create or update an opgave.
type OpgaveInput struct {
	ClientKey   string
	Title       string
	Goal        string
	Description string
	Themes      []string
	Scale       string
	Status      string
	StartDate   *Date
	EndDate     *Date
	Area        Area
	// OwnRole and OwnRoleLevel are the role the creator's organisation takes on a new opgave
	// (default TREKKER, AMBTELIJK); an editor's new opgave always has one.
	OwnRole, OwnRoleLevel string
}

// Validate checks the input's own rules; references (regions, gemeenten) are checked by the store.
func (in *OpgaveInput) Validate() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Goal = strings.TrimSpace(in.Goal)
	if in.Title == "" {
		return Invalidf("input.title", "must not be empty")
	}
	if utf8.RuneCountInString(in.Title) > 300 {
		return Invalidf("input.title", "must be at most 300 characters")
	}
	if in.Goal == "" {
		return Invalidf("input.goal", "must say what the opgave should achieve, so that it can be checked")
	}
	if len(in.Themes) == 0 {
		return Invalidf("input.themes", "give at least one theme")
	}
	seen := map[string]bool{}
	for i, t := range in.Themes {
		if !IsTheme(t) {
			return Invalidf(fmt.Sprintf("input.themes[%d]", i), "unknown theme %q; see the themes query for the list", t)
		}
		if seen[t] {
			return Invalidf(fmt.Sprintf("input.themes[%d]", i), "theme %q is given twice", t)
		}
		seen[t] = true
	}
	if err := checkPeriod("input", in.StartDate, in.EndDate, "startDate", "endDate"); err != nil {
		return err
	}
	if len(in.Area.Regions)+len(in.Area.Gemeenten) == 0 {
		return Invalidf("input.area", "give at least one region or gemeente")
	}
	return nil
}

func checkPeriod(prefix string, from, until *Date, fromName, untilName string) error {
	if from != nil && until != nil && until.Before(*from) {
		return Invalidf(prefix+"."+untilName, "%s %s is before %s %s", untilName, until, fromName, from)
	}
	return nil
}

// Role says who does what on an opgave.
type Role struct {
	ID                string
	OpgaveID          string
	OrganisationID    string
	PersonID          string // empty when no person is named
	Type              string
	Level             string
	From              Date
	Until             *Date // exclusive; nil while the role lasts
	ContributionEuros *float64
	ContributionFTE   *float64
	Generated         bool
}

// ActiveAt reports whether the role holds on d.
func (r Role) ActiveAt(d Date) bool {
	return !d.Before(r.From) && (r.Until == nil || d.Before(*r.Until))
}

// Overlaps reports whether the periods of r and o share a day.
func (r Role) Overlaps(o Role) bool {
	return (r.Until == nil || o.From.Before(*r.Until)) && (o.Until == nil || r.From.Before(*o.Until))
}

// RoleInput is what a client sends to assign a role.
type RoleInput struct {
	ClientKey         string
	OpgaveID          string
	OrganisationID    string
	PersonID          string
	Type              string
	Level             string
	From              Date
	Until             *Date
	ContributionEuros *float64
	ContributionFTE   *float64
}

// Validate checks the input's own rules.
func (in RoleInput) Validate() error {
	if in.From.IsZero() {
		return Invalidf("input.from", "give the date the role starts")
	}
	if err := checkPeriod("input", &in.From, in.Until, "from", "until"); err != nil {
		return err
	}
	if in.ContributionEuros != nil && *in.ContributionEuros < 0 {
		return Invalidf("input.contributionEuros", "must not be negative")
	}
	if in.ContributionFTE != nil && *in.ContributionFTE < 0 {
		return Invalidf("input.contributionFte", "must not be negative")
	}
	return nil
}

// Person is someone who works for an organisation and may hold roles. Email and Phone are personal
// data: they are only shown by the single-person contact query and never logged.
type Person struct {
	ID             string
	Name           string
	Function       string
	OrganisationID string
	Email          string
	Phone          string
	Generated      bool
}

// PersonInput is what a client sends to create or update a person.
type PersonInput struct {
	ClientKey      string
	Name           string
	Function       string
	OrganisationID string
	Email          string
	Phone          string
}

// Validate checks the input's own rules.
func (in *PersonInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return Invalidf("input.name", "must not be empty")
	}
	if in.Email != "" && !strings.Contains(in.Email, "@") {
		return Invalidf("input.email", "is not an e-mail address")
	}
	return nil
}

// OrganisationInput is what a client sends to create or update an organisation that is not in the
// CBS/TOOI registers (a partner, a Rijk organisation, a samenwerkingsverband).
type OrganisationInput struct {
	ClientKey string
	Name      string
	Kind      OrganisationKind
}

// Validate checks the input's own rules.
func (in *OrganisationInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return Invalidf("input.name", "must not be empty")
	}
	switch in.Kind {
	case KindRijk, KindSamenwerkingsverband, KindPartner:
	default:
		return Invalidf("input.kind", "gemeenten, provincies and waterschappen come from the CBS/TOOI registers; create RIJK, SAMENWERKINGSVERBAND or PARTNER organisations")
	}
	return nil
}

// Instrument is a means an opgave is worked on with (waarmee).
type Instrument struct {
	ID          string
	Name        string
	Type        string
	Description string
	AmountEuros *float64
	Generated   bool
}

// InstrumentInput is what a client sends to create or update an instrument.
type InstrumentInput struct {
	ClientKey   string
	Name        string
	Type        string
	Description string
	AmountEuros *float64
}

// Validate checks the input's own rules.
func (in *InstrumentInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return Invalidf("input.name", "must not be empty")
	}
	if in.AmountEuros != nil && *in.AmountEuros < 0 {
		return Invalidf("input.amountEuros", "must not be negative")
	}
	return nil
}

// OpgaveLink is an explicit relation between two opgaven.
type OpgaveLink struct {
	FromID, ToID string
	Type         string
	Note         string
}
