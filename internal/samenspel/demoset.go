package samenspel

// DemoWorld is the real data the demo generator builds on.
type DemoWorld struct {
	At            Date
	Gemeenten     map[string]Organisation // by ID
	Provincies    map[string]Organisation // by ID (PV27)
	Waterschappen []Organisation          // active ones
	Regions       map[string][]Region     // by division, ordered by code
	Members       map[string][]string     // region key → gemeente IDs, ordered
	ProvincieOf   map[string]string       // gemeente ID → provincie code
	// WaterschappenOf gives the active waterschappen a gemeente lies (partly) in, ordered: the
	// Kiesraad's 2017 table carried onto today's gemeenten and waterschappen (data/cbs/README.md).
	WaterschappenOf map[string][]string // gemeente ID → waterschap IDs
}

// DemoSet is everything the demo generator makes: labelled generated, replaced as a whole.
type DemoSet struct {
	Organisations []Organisation
	People        []Person
	Opgaven       []DemoOpgave
	Roles         []Role
	Links         []OpgaveLink
	Instruments   []DemoInstrument
	Assessments   []TrustAssessment
	// The practice of working together on the generated opgaven.
	Interests  []Interest
	Conflicts  []InterestConflict
	Agreements []Agreement
	CheckIns   []CheckIn
	Results    []Result
	Lessons    []Lesson
	Rhythms    map[string]int // opgave id -> check-in rhythm in days, where not the default
}

// DemoOpgave is a generated opgave and its area.
type DemoOpgave struct {
	Opgave
	Area Area
}

// DemoInstrument is a generated instrument and the opgaven it supports.
type DemoInstrument struct {
	Instrument
	OpgaveIDs []string
}
