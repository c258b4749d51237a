package samenspel

// The changes an update mutation asks for: nil fields stay as they are.

// OpgaveUpdate holds the fields an opgave update changes.
type OpgaveUpdate struct {
	Title, Goal, Description *string
	Themes                   []string
	Scale, Status            *string
	StartDate, EndDate       *Date
	ClearEndDate             bool
	Area                     *Area
}

// Apply returns cur with u's changes, as an input to validate.
func (u OpgaveUpdate) Apply(cur OpgaveInput) OpgaveInput {
	set(&cur.Title, u.Title)
	set(&cur.Goal, u.Goal)
	set(&cur.Description, u.Description)
	set(&cur.Scale, u.Scale)
	set(&cur.Status, u.Status)
	if u.Themes != nil {
		cur.Themes = u.Themes
	}
	if u.StartDate != nil {
		cur.StartDate = u.StartDate
	}
	if u.EndDate != nil {
		cur.EndDate = u.EndDate
	}
	if u.ClearEndDate {
		cur.EndDate = nil
	}
	if u.Area != nil {
		cur.Area = *u.Area
	}
	return cur
}

// PersonUpdate holds the fields a person update changes.
type PersonUpdate struct {
	Name, Function, OrganisationID, Email, Phone *string
}

// Apply returns cur with u's changes.
func (u PersonUpdate) Apply(cur PersonInput) PersonInput {
	set(&cur.Name, u.Name)
	set(&cur.Function, u.Function)
	set(&cur.OrganisationID, u.OrganisationID)
	set(&cur.Email, u.Email)
	set(&cur.Phone, u.Phone)
	return cur
}

// OrganisationUpdate holds the fields an organisation update changes.
type OrganisationUpdate struct {
	Name *string
	Kind *OrganisationKind
}

// Apply returns cur with u's changes.
func (u OrganisationUpdate) Apply(cur OrganisationInput) OrganisationInput {
	set(&cur.Name, u.Name)
	if u.Kind != nil {
		cur.Kind = *u.Kind
	}
	return cur
}

// InstrumentUpdate holds the fields an instrument update changes.
type InstrumentUpdate struct {
	Name, Type, Description *string
	AmountEuros             *float64
}

// Apply returns cur with u's changes.
func (u InstrumentUpdate) Apply(cur InstrumentInput) InstrumentInput {
	set(&cur.Name, u.Name)
	set(&cur.Type, u.Type)
	set(&cur.Description, u.Description)
	if u.AmountEuros != nil {
		cur.AmountEuros = u.AmountEuros
	}
	return cur
}

func set(dst, src *string) {
	if src != nil {
		*dst = *src
	}
}
