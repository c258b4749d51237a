// Package workbook is the spreadsheet form of a programme office's register: opgaven, roles,
// people, instruments, links between opgaven and trust assessments, and the practice of working
// together on them (interests and their conflicts, agreements, check-ins, results and the
// contributions to them, lessons), one sheet each (or one CSV file each, named after the sheet),
// with Dutch headers. It reads XLSX and CSV into checked,
// normalised rows that name their cell (file:sheet:row:column), writes the empty template with
// explanations and drop-down lists, and writes an export in the same shape. It never touches the
// database: the store resolves references and writes a checked book in one transaction.
//
// Every row but a link or a contribution carries the external key of the organisation that keeps it: `beheerder`
// (an organisation id, or "samenspel" for objects made in Samenspel itself, whose `sleutel` is
// then their id) and `sleutel` (the keeper's own key). Importing the same row again finds the
// same object; a corrected row updates it. A reference to another row (a role's opgave) is its
// sleutel when both rows have the same beheerder, and beheerder/sleutel otherwise.
package workbook

import (
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Kind says how a column's cells are read and normalised.
type Kind int

// The kinds of column.
const (
	Text       Kind = iota // any text, trimmed
	Key                    // a beheerder or sleutel: no "/", ";" or line breaks
	Enum                   // one of Column.Values, upper case
	Theme                  // a theme key (or its Dutch label)
	Themes                 // theme keys separated by ";", in order
	Date                   // YYYY-MM-DD (also D-M-YYYY or a spreadsheet date)
	Number                 // a number ≥ 0; a decimal comma is read as a point
	Score                  // 1 to 5
	Org                    // an organisation id (GM0344, PV26, or an id from the API)
	Reference              // a reference to a row of another sheet: sleutel or beheerder/sleutel
	References             // references separated by ";"
	Area                   // gemeente codes (GM0344) and regions (division/code), separated by ";"
)

// Column is one column of a sheet.
type Column struct {
	Key      string // the name the code uses
	Header   string // the Dutch header in row 1
	Help     string // the Dutch explanation (a comment on the header and the Toelichting sheet)
	Kind     Kind
	Required bool
	Values   []string // for Enum: the allowed values
	Target   string   // for Reference and References: the sheet referred to
}

// Spec is one sheet.
type Spec struct {
	Name    string // the sheet's name; a CSV file is named after it in lower case (opgaven.csv)
	Help    string
	Columns []Column
	// Keyed sheets have beheerder and sleutel; a link is known by its two opgaven and its type.
	Keyed bool
}

// Column returns the column with the key, or nil.
func (s *Spec) Column(key string) *Column {
	for i := range s.Columns {
		if s.Columns[i].Key == key {
			return &s.Columns[i]
		}
	}
	return nil
}

// CSVName is the file name of the sheet as CSV.
func (s *Spec) CSVName() string { return strings.ToLower(s.Name) + ".csv" }

// The sheets, in the order they are read and written: a sheet refers only to sheets before it
// (Rollen to Opgaven and Personen, Belangenconflicten to Belangen, Bijdragen to Resultaten), so a
// reader can follow the file from top to bottom.
const (
	SheetOpgaven      = "Opgaven"
	SheetPersonen     = "Personen"
	SheetRollen       = "Rollen"
	SheetInstrumenten = "Instrumenten"
	SheetKoppelingen  = "Koppelingen"
	SheetVertrouwen   = "Vertrouwen"
	// The practice of working together on an opgave (docs/practice.md).
	SheetBelangen   = "Belangen"
	SheetConflicten = "Belangenconflicten"
	SheetAfspraken  = "Afspraken"
	SheetCheckIns   = "Check-ins"
	SheetResultaten = "Resultaten"
	SheetBijdragen  = "Bijdragen"
	SheetLessen     = "Lessen"
)

// Samenspel is the beheerder of objects made in Samenspel itself (through the API or the demo
// generator); their sleutel is their id.
const Samenspel = "samenspel"

var (
	beheerder = Column{Key: "beheerder", Header: "Beheerder", Kind: Key, Required: true,
		Help: "De organisatie die deze rij bijhoudt: haar id in Samenspel (GM0344 voor een gemeente, PV26 voor een provincie, WS0155 voor een waterschap). Rijen die in Samenspel zelf zijn gemaakt hebben 'samenspel'."}
	sleutel = Column{Key: "sleutel", Header: "Sleutel", Kind: Key, Required: true,
		Help: "Uw eigen sleutel voor deze rij, uniek per beheerder (bijvoorbeeld OPG-2024-017). Zonder '/'. Bij een tweede import wordt de rij hieraan herkend: dezelfde sleutel werkt het object bij."}
)

func ref(key, header, target, help string, required bool) Column {
	return Column{Key: key, Header: header, Kind: Reference, Target: target, Required: required,
		Help: help + " Schrijf de sleutel van die rij; heeft die een andere beheerder, schrijf dan beheerder/sleutel (samenspel/<id> voor een opgave uit Samenspel)."}
}

// Specs are the sheets of the workbook.
var Specs = []*Spec{
	{Name: SheetOpgaven, Keyed: true, Help: "Eén rij per opgave: wat er moet gebeuren, waar, en wanneer.", Columns: []Column{
		beheerder, sleutel,
		{Key: "titel", Header: "Titel", Kind: Text, Required: true, Help: "Korte titel, hoogstens 300 tekens."},
		{Key: "doel", Header: "Doel", Kind: Text, Required: true, Help: "Een doel dat te toetsen is (wat is er bereikt, en wanneer)."},
		{Key: "omschrijving", Header: "Omschrijving", Kind: Text, Help: "Langere omschrijving (mag leeg)."},
		{Key: "thema1", Header: "Thema 1", Kind: Theme, Required: true, Help: "Het belangrijkste thema (kies uit de lijst)."},
		{Key: "thema2", Header: "Thema 2", Kind: Theme, Help: "Een tweede thema (mag leeg)."},
		{Key: "thema3", Header: "Thema 3", Kind: Themes, Help: "Een derde thema (mag leeg); meer thema's gescheiden door ';' (wonen; energie)."},
		{Key: "schaal", Header: "Schaal", Kind: Enum, Required: true, Values: samenspel.Scales, Help: "LOKAAL, REGIONAAL, PROVINCIAAL of LANDELIJK."},
		{Key: "status", Header: "Status", Kind: Enum, Values: samenspel.Statuses, Help: "VERKENNING (als leeg), UITVOERING, AFGEROND of GESTOPT."},
		{Key: "start", Header: "Start", Kind: Date, Help: "Eerste dag, als JJJJ-MM-DD (2024-01-15)."},
		{Key: "einde", Header: "Einde", Kind: Date, Help: "Laatste geplande dag, niet voor de start."},
		{Key: "gebied", Header: "Gebied", Kind: Area, Required: true, Help: "Waar de opgave speelt: gemeentecodes (GM0344) en regio's als indeling/code (res_regio/RES05, veiligheidsregio/VR09), gescheiden door ';'."},
	}},
	{Name: SheetPersonen, Keyed: true, Help: "De mensen die een rol spelen. Naam, functie en contactgegevens zijn persoonsgegevens (AVG): alleen ingelogde gebruikers zien namen, contactgegevens alleen de redacteuren van samenwerkende organisaties.", Columns: []Column{
		beheerder, sleutel,
		{Key: "naam", Header: "Naam", Kind: Text, Required: true, Help: "Voor- en achternaam."},
		{Key: "functie", Header: "Functie", Kind: Text, Help: "Bijvoorbeeld wethouder, programmamanager."},
		{Key: "organisatie", Header: "Organisatie", Kind: Org, Required: true, Help: "De organisatie waar de persoon werkt (id in Samenspel)."},
		{Key: "email", Header: "E-mail", Kind: Text, Help: "Zakelijk e-mailadres (mag leeg)."},
		{Key: "telefoon", Header: "Telefoon", Kind: Text, Help: "Zakelijk telefoonnummer (mag leeg)."},
	}},
	{Name: SheetRollen, Keyed: true, Help: "Wie doet wat: één rij per rol van een organisatie op een opgave.", Columns: []Column{
		beheerder, sleutel,
		ref("opgave", "Opgave", SheetOpgaven, "De opgave waarop de rol is.", true),
		{Key: "organisatie", Header: "Organisatie", Kind: Org, Required: true, Help: "De organisatie die de rol heeft (id in Samenspel)."},
		{Key: "type", Header: "Type", Kind: Enum, Required: true, Values: samenspel.RoleTypes, Help: "TREKKER (hoogstens één per niveau tegelijk), MEDETREKKER, DEELNEMER, FINANCIER, UITVOERDER, ADVISEUR of OPDRACHTGEVER."},
		{Key: "niveau", Header: "Niveau", Kind: Enum, Required: true, Values: samenspel.RoleLevels, Help: "BESTUURLIJK of AMBTELIJK."},
		{Key: "van", Header: "Van", Kind: Date, Required: true, Help: "Eerste dag van de rol, als JJJJ-MM-DD."},
		{Key: "tot", Header: "Tot", Kind: Date, Help: "Eerste dag dat de rol niet meer geldt; leeg zolang hij loopt."},
		ref("persoon", "Persoon", SheetPersonen, "De persoon die de rol speelt (mag leeg); die werkt bij de organisatie van de rol.", false),
		{Key: "euro", Header: "Bijdrage euro", Kind: Number, Help: "Financiële bijdrage in euro (mag leeg)."},
		{Key: "fte", Header: "Bijdrage fte", Kind: Number, Help: "Inzet in fte (mag leeg; 0,5 of 0.5)."},
	}},
	{Name: SheetInstrumenten, Keyed: true, Help: "Waarmee: regio deals, convenanten, gemeenschappelijke regelingen, subsidies, budgetten.", Columns: []Column{
		beheerder, sleutel,
		{Key: "naam", Header: "Naam", Kind: Text, Required: true, Help: "Naam van het instrument."},
		{Key: "type", Header: "Type", Kind: Enum, Required: true, Values: samenspel.InstrumentTypes, Help: "REGIO_DEAL, CONVENANT, GEMEENSCHAPPELIJKE_REGELING, SUBSIDIE, BESTUURSAKKOORD of BUDGET."},
		{Key: "omschrijving", Header: "Omschrijving", Kind: Text, Help: "Langere omschrijving (mag leeg)."},
		{Key: "bedrag", Header: "Bedrag euro", Kind: Number, Help: "Omvang in euro (mag leeg)."},
		{Key: "opgaven", Header: "Opgaven", Kind: References, Target: SheetOpgaven, Help: "De opgaven die het instrument ondersteunt: sleutels (of beheerder/sleutel) gescheiden door ';'."},
	}},
	{Name: SheetKoppelingen, Help: "Verbanden tussen opgaven. Een koppeling wordt herkend aan haar twee opgaven en haar type; de toelichting kan worden bijgewerkt.", Columns: []Column{
		beheerder,
		ref("van", "Van opgave", SheetOpgaven, "De opgave waar de koppeling vandaan gaat.", true),
		ref("naar", "Naar opgave", SheetOpgaven, "De opgave waar zij naartoe gaat.", true),
		{Key: "type", Header: "Type", Kind: Enum, Required: true, Values: samenspel.LinkTypes, Help: "DEPENDS_ON (hangt af van), REINFORCES (versterkt), CONFLICTS_WITH (botst met) of PART_OF (is deel van)."},
		{Key: "toelichting", Header: "Toelichting", Kind: Text, Help: "Waarom ze samenhangen (mag leeg)."},
	}},
	{Name: SheetVertrouwen, Keyed: true, Help: "Vertrouwensoordelen tussen organisaties. Gevoelig: individuele oordelen zien alleen analisten en beheerders; een redacteur alleen die van zijn eigen organisatie.", Columns: []Column{
		beheerder, sleutel,
		{Key: "van", Header: "Van", Kind: Org, Required: true, Help: "De organisatie die het oordeel geeft."},
		{Key: "over", Header: "Over", Kind: Org, Required: true, Help: "De organisatie waarover het gaat."},
		{Key: "score", Header: "Score", Kind: Score, Required: true, Help: "1 (geen vertrouwen) tot en met 5 (volledig vertrouwen)."},
		{Key: "datum", Header: "Datum", Kind: Date, Required: true, Help: "Datum van het oordeel, als JJJJ-MM-DD."},
		ref("opgave", "Opgave", SheetOpgaven, "De opgave waarin het oordeel is gegeven (mag leeg).", false),
		{Key: "toelichting", Header: "Toelichting", Kind: Text, Help: "Wat het oordeel onderbouwt (mag leeg)."},
	}},
	{Name: SheetBelangen, Keyed: true, Help: "Wat elke deelnemer met een opgave wil bereiken, wat hij inbrengt en wat hij niet kan opgeven: één rij per organisatie per opgave. Alleen voor ingelogde gebruikers.", Columns: []Column{
		beheerder, sleutel,
		ref("opgave", "Opgave", SheetOpgaven, "De opgave waarop het belang speelt; een opgeslagen belang blijft op zijn opgave.", true),
		{Key: "organisatie", Header: "Organisatie", Kind: Org, Required: true, Help: "De organisatie wier belang het is (id in Samenspel); zij heeft een lopende rol op de opgave. Eén belang per organisatie per opgave."},
		{Key: "wil", Header: "Wil bereiken", Kind: Text, Required: true, Help: "Wat de organisatie met de opgave wil bereiken, hoogstens 2000 tekens."},
		{Key: "brengt", Header: "Brengt in", Kind: Text, Help: "Wat zij inbrengt: capaciteit, geld, grond, kennis (mag leeg)."},
		{Key: "nietopgeven", Header: "Kan niet opgeven", Kind: Text, Help: "Wat zij niet kan opgeven (mag leeg)."},
	}},
	{Name: SheetConflicten, Keyed: true, Help: "Waar de belangen van twee deelnemers aan een opgave botsen, en wanneer dat is opgelost.", Columns: []Column{
		beheerder, sleutel,
		ref("a", "Belang A", SheetBelangen, "Het ene belang (een rij van Belangen).", true),
		ref("b", "Belang B", SheetBelangen, "Het andere belang: van een andere organisatie, op dezelfde opgave.", true),
		{Key: "toelichting", Header: "Toelichting", Kind: Text, Help: "Waarin de belangen botsen (mag leeg), hoogstens 2000 tekens."},
		{Key: "sinds", Header: "Sinds", Kind: Date, Help: "Sinds wanneer het conflict speelt, als JJJJ-MM-DD; leeg: vandaag (een opgeslagen conflict houdt zijn datum)."},
		{Key: "opgelost", Header: "Opgelost op", Kind: Date, Help: "De dag dat het conflict is opgelost, niet voor Sinds; leeg zolang het speelt."},
	}},
	{Name: SheetAfspraken, Keyed: true, Help: "Afspraken en besluiten op een opgave: wat, door welk orgaan, wie beslist, uiterlijk wanneer, en of het mandaat er is.", Columns: []Column{
		beheerder, sleutel,
		ref("opgave", "Opgave", SheetOpgaven, "De opgave van de afspraak; een opgeslagen afspraak blijft op haar opgave.", true),
		{Key: "titel", Header: "Titel", Kind: Text, Required: true, Help: "Wat is afgesproken of moet worden besloten, hoogstens 300 tekens."},
		{Key: "omschrijving", Header: "Omschrijving", Kind: Text, Help: "Toelichting (mag leeg), hoogstens 2000 tekens."},
		{Key: "orgaan", Header: "Orgaan", Kind: Enum, Required: true, Values: samenspel.DecisionBodies, Help: "Het orgaan dat besluit: COLLEGE of RAAD (gemeente), GEDEPUTEERDE_STATEN of PROVINCIALE_STATEN (provincie), DAGELIJKS_BESTUUR of ALGEMEEN_BESTUUR (waterschap, gemeenschappelijke regeling), MINISTER (Rijk) of STUURGROEP (de stuurgroep van de opgave)."},
		{Key: "beslisser", Header: "Beslisser", Kind: Org, Help: "De organisatie wier orgaan besluit (id in Samenspel), van de soort die bij het orgaan hoort; leeg bij STUURGROEP."},
		{Key: "uiterlijk", Header: "Uiterlijk", Kind: Date, Required: true, Help: "De dag waarop uiterlijk moet zijn besloten, als JJJJ-MM-DD."},
		{Key: "besloten", Header: "Besloten op", Kind: Date, Help: "De dag van het besluit, niet in de toekomst; leeg zolang het open is."},
		{Key: "mandaat", Header: "Mandaat", Kind: Enum, Values: samenspel.MandateStatuses, Help: "Of de mensen aan tafel het mandaat hebben: IN_PLACE (geregeld), REQUESTED (gevraagd) of MISSING (als leeg: nog niet gevraagd)."},
	}},
	{Name: SheetCheckIns, Keyed: true, Help: "De antwoorden van een deelnemer op de drie vragen van de check-in, elk van 1 (helemaal niet) tot 5 (helemaal). Gevoelig: individuele check-ins zien alleen analisten en beheerders, een redacteur alleen die van zijn eigen organisatie; de notitie alleen de redacteuren van die organisatie en beheerders. De export van het register heeft dit blad daarom alleen voor analisten en beheerders, en de notities alleen voor beheerders.", Columns: []Column{
		beheerder, sleutel,
		ref("opgave", "Opgave", SheetOpgaven, "De opgave waarover de check-in gaat; een opgeslagen check-in blijft op zijn opgave.", true),
		{Key: "organisatie", Header: "Organisatie", Kind: Org, Required: true, Help: "De organisatie die de vragen beantwoordt (id in Samenspel); bij een nieuwe rij heeft zij een lopende rol op de opgave."},
		{Key: "datum", Header: "Datum", Kind: Date, Help: "Datum van de check-in, als JJJJ-MM-DD, niet in de toekomst; leeg: vandaag (een opgeslagen check-in houdt zijn datum)."},
		{Key: "goede", Header: "Doen we het goede?", Kind: Score, Required: true, Help: "Werken we aan de goede dingen? 1 (helemaal niet) tot en met 5 (helemaal)."},
		{Key: "goed", Header: "Doen we het goed?", Kind: Score, Required: true, Help: "Doen we de dingen goed? 1 (helemaal niet) tot en met 5 (helemaal)."},
		{Key: "samen", Header: "Doen we het goed met elkaar?", Kind: Score, Required: true, Help: "Werken we goed samen? 1 (helemaal niet) tot en met 5 (helemaal)."},
		{Key: "notitie", Header: "Notitie", Kind: Text, Help: "Toelichting bij de antwoorden (mag leeg), hoogstens 2000 tekens. Alleen voor de redacteuren van de eigen organisatie en beheerders."},
	}},
	{Name: SheetResultaten, Keyed: true, Help: "Tastbare resultaten van een opgave: wanneer gepland en wanneer behaald. Wie eraan bijdraagt staat op het blad Bijdragen.", Columns: []Column{
		beheerder, sleutel,
		ref("opgave", "Opgave", SheetOpgaven, "De opgave van het resultaat; een opgeslagen resultaat blijft op zijn opgave.", true),
		{Key: "titel", Header: "Titel", Kind: Text, Required: true, Help: "Het resultaat, hoogstens 300 tekens."},
		{Key: "omschrijving", Header: "Omschrijving", Kind: Text, Help: "Toelichting (mag leeg), hoogstens 2000 tekens."},
		{Key: "gepland", Header: "Gepland", Kind: Date, Required: true, Help: "De dag waarop het resultaat gepland is, als JJJJ-MM-DD."},
		{Key: "behaald", Header: "Behaald", Kind: Date, Help: "De dag waarop het is behaald, niet in de toekomst; leeg zolang het niet is behaald."},
	}},
	{Name: SheetBijdragen, Help: "Wat een organisatie bijdraagt aan een resultaat. Een bijdrage wordt herkend aan haar resultaat en organisatie; de omschrijving kan worden bijgewerkt.", Columns: []Column{
		beheerder,
		ref("resultaat", "Resultaat", SheetResultaten, "Het resultaat (een rij van Resultaten).", true),
		{Key: "organisatie", Header: "Organisatie", Kind: Org, Required: true, Help: "De organisatie die bijdraagt (id in Samenspel); één bijdrage per organisatie per resultaat."},
		{Key: "omschrijving", Header: "Omschrijving", Kind: Text, Required: true, Help: "Wat zij bijdraagt, hoogstens 2000 tekens."},
	}},
	{Name: SheetLessen, Keyed: true, Help: "Lessen die een organisatie op een opgave heeft geleerd, met hun thema's, zodat andere opgaven ze vinden. Alleen voor ingelogde gebruikers.", Columns: []Column{
		beheerder, sleutel,
		ref("opgave", "Opgave", SheetOpgaven, "De opgave waarop de les is geleerd; een opgeslagen les blijft op haar opgave.", true),
		{Key: "organisatie", Header: "Organisatie", Kind: Org, Required: true, Help: "De organisatie die de les heeft geleerd (id in Samenspel); zij heeft (of had) een rol op de opgave."},
		{Key: "titel", Header: "Titel", Kind: Text, Required: true, Help: "De les in één zin, hoogstens 300 tekens."},
		{Key: "tekst", Header: "Tekst", Kind: Text, Help: "Wat werkte, wat niet, en wat anderen ermee kunnen (mag leeg), hoogstens 10000 tekens."},
		{Key: "themas", Header: "Thema's", Kind: Themes, Required: true, Help: "De thema's van de les, gescheiden door ';' (wonen; energie); elk thema één keer."},
		{Key: "datum", Header: "Datum", Kind: Date, Help: "Datum van de les, als JJJJ-MM-DD, niet in de toekomst; leeg: vandaag (een opgeslagen les houdt haar datum)."},
	}},
}

// Identity is what makes a row unique in its sheet: its key, or on a sheet without keys what it
// connects (a link its two opgaven and its type, a contribution its result and organisation).
func (s *Spec) Identity(r Row) string {
	switch {
	case s.Keyed:
		return r.Key().String()
	case s.Name == SheetBijdragen:
		return r.Values["resultaat"] + " " + r.Values["organisatie"]
	}
	return r.Values["van"] + " " + r.Values["naar"] + " " + r.Values["type"]
}

// SpecNamed returns the sheet with the name (case-insensitive), or nil.
func SpecNamed(name string) *Spec {
	for _, s := range Specs {
		if strings.EqualFold(s.Name, strings.TrimSpace(name)) {
			return s
		}
	}
	return nil
}
