package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The practice of working together on the generated opgaven: interests and their conflicts,
// agreements, check-ins, results and lessons. They come from a random stream of their own, so
// that adding them leaves the calibrated organisations, opgaven and roles exactly as they were.
// One in practiceEvery running opgaven with at most maxPracticeParticipants participants gets a
// practice, in one of four patterns, so that every practice health indicator has OK, ATTENTION
// and MISSING cases: the other opgaven have none (MISSING).

const (
	practiceEvery           = 4
	maxPracticeParticipants = 12
	practiceSeedStream      = 0x70726163 // "prac"
)

// The patterns of practice.
const (
	patternSteady   = iota // every participant checks in, results on time, mandates in place
	patternDrifting        // check-ins decline and diverge, results slip, a decision overdue
	patternLapsed          // check-ins stopped two periods ago, old lessons only
	patternSparse          // some interests and results, no check-ins or lessons
	patterns
)

var (
	wantsByTheme = map[string][]string{
		"energie":          {"voldoende draagvlak voor wind en zon op land", "netcapaciteit voor de eigen bedrijventerreinen", "lokaal eigendom van opwek"},
		"wonen":            {"betaalbare woningen voor jongeren en ouderen", "snelle vergunningverlening", "binnenstedelijk bouwen voor het weiland"},
		"economie":         {"werkgelegenheid in de regio houden", "ruimte voor innovatieve bedrijven", "een sterk mkb in de kernen"},
		"water":            {"droge voeten bij extreme neerslag", "schoon oppervlaktewater", "peilbeheer dat past bij de bodem"},
		"klimaatadaptatie": {"minder hittestress in de wijken", "ruimte voor waterberging", "een klimaatbestendige openbare ruimte"},
		"jeugd":            {"minder jeugdigen in zware zorg", "grip op de uitgaven aan jeugdhulp", "zorg dicht bij huis"},
		"sociaal_domein":   {"één loket voor inwoners", "minder bureaucratie voor professionals"},
		"veiligheid":       {"een weerbaar lokaal bestuur", "zicht op ondermijning in het buitengebied"},
		"gezondheid":       {"gezonde leefstijl in kwetsbare wijken", "minder gezondheidsverschillen"},
		"zorg":             {"ouderen langer thuis", "voldoende personeel in zorg en welzijn"},
		"arbeidsmarkt":     {"mensen met afstand aan het werk", "tekortberoepen vervullen"},
		"onderwijs":        {"minder voortijdig schoolverlaters", "aansluiting onderwijs en arbeidsmarkt"},
		"landelijk_gebied": {"perspectief voor boeren", "herstel van natuur", "vitale kernen op het platteland"},
		"natuur":           {"robuuste natuurverbindingen", "minder stikstofdepositie"},
		"mobiliteit":       {"goed openbaar vervoer naar de kernen", "veilige fietsroutes", "minder files op de ring"},
	}
	brings          = []string{"projectleiding en ambtelijke capaciteit", "cofinanciering uit de begroting", "grondposities", "data en kennis van het gebied", "netwerk met bedrijven en maatschappelijke organisaties", "uitvoeringskracht in de wijken"}
	cannotGiveUp    = []string{"de eigen beslissingsbevoegdheid van de raad", "de afspraken in het coalitieakkoord", "financieel neutraal voor de eigen begroting", "de wettelijke taak", "de inbreng van inwoners vooraf"}
	agreementTitles = []string{"Vaststellen uitvoeringsprogramma", "Verdeling van de kosten", "Instemming met het regionaal plan", "Besluit over de governance", "Vaststellen van de monitor", "Begrotingswijziging voor de cofinanciering", "Mandaat voor de onderhandelingen met het Rijk"}
	resultTitles    = []string{"Eerste fase opgeleverd", "Regionale monitor gepubliceerd", "Convenant ondertekend", "Pilot in twee kernen afgerond", "Loket geopend", "Gezamenlijk uitvoeringsplan vastgesteld", "Subsidie verworven"}
	contributions   = []string{"leverde de projectleider", "droeg bij met cofinanciering", "stelde gronden beschikbaar", "zorgde voor de data-analyse", "betrok bewoners en ondernemers", "regelde de vergunningen"}
	lessonTitles    = []string{"Haal het mandaat op vóór de stuurgroep besluit", "Begin met de belangen, niet met de standpunten", "Vier kleine successen samen", "Maak de rolverdeling tussen trekker en deelnemers expliciet", "Betrek de raden vroeg", "Leg afspraken over gevolgen voor de begroting op tijd vast"}
	conflictNotes   = []string{"beide willen dezelfde ruimte", "het budget kan maar één keer worden uitgegeven", "verschillend tempo: de een wil snel, de ander eerst onderzoek"}
	checkInNotes    = []string{"goede sfeer in het overleg", "twijfel over de voortgang", "te weinig tijd voor het gesprek over de onderstroom", "we missen de inbreng van enkele partners", "afspraken worden nagekomen"}
)

// makePractice adds the practice of working together to the set.
func (g *gen) makePractice(s *Set) {
	r := rand.New(rand.NewPCG(practiceSeedStream, uint64(len(g.opgaven))))
	participants := map[string][]string{}
	seen := map[string]bool{}
	for _, role := range g.roles {
		if role.From.Before(today.AddDays(1)) && (role.Until == nil || today.Before(*role.Until)) {
			if k := role.OpgaveID + "|" + role.OrganisationID; !seen[k] {
				seen[k] = true
				participants[role.OpgaveID] = append(participants[role.OpgaveID], role.OrganisationID)
			}
		}
	}
	s.Rhythms = map[string]int{}
	chosen := 0
	for _, o := range g.opgaven {
		ps := participants[o.ID]
		if o.Status != "UITVOERING" || len(ps) < 3 || len(ps) > maxPracticeParticipants {
			continue
		}
		chosen++
		if chosen%practiceEvery != 0 {
			continue
		}
		pattern := (chosen / practiceEvery) % patterns
		g.practiceOf(s, r, o.Opgave, ps, pattern)
	}
}

// kindOf is the kind of a participant.
func (g *gen) kindOf(id string) samenspel.OrganisationKind {
	if _, ok := g.w.Gemeenten[id]; ok {
		return samenspel.KindGemeente
	}
	if _, ok := g.w.Provincies[id]; ok {
		return samenspel.KindProvincie
	}
	for _, w := range g.w.Waterschappen {
		if w.ID == id {
			return samenspel.KindWaterschap
		}
	}
	if o, ok := g.orgs[id]; ok {
		return o.Kind
	}
	return samenspel.KindPartner
}

// bodyOf picks the body through which a participant of kind decides, or STUURGROEP.
func bodyOf(r *rand.Rand, kind samenspel.OrganisationKind) string {
	switch kind {
	case samenspel.KindGemeente:
		return []string{"COLLEGE", "RAAD"}[r.IntN(2)]
	case samenspel.KindProvincie:
		return []string{"GEDEPUTEERDE_STATEN", "PROVINCIALE_STATEN"}[r.IntN(2)]
	case samenspel.KindWaterschap:
		return []string{"DAGELIJKS_BESTUUR", "ALGEMEEN_BESTUUR"}[r.IntN(2)]
	case samenspel.KindRijk:
		return "MINISTER"
	}
	return "STUURGROEP"
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) practiceOf(s *Set, r *rand.Rand, o samenspel.Opgave, ps []string, pattern int) {
	// Interests of the participants, two of which conflict on a third of the opgaven.
	wants := wantsByTheme[o.Themes[0]]
	if len(wants) == 0 {
		wants = []string{"een zichtbaar resultaat voor de inwoners"}
	}
	var interests []samenspel.Interest
	for i, p := range ps {
		if pattern == patternSparse && i >= 2 {
			break
		}
		in := samenspel.Interest{ID: fmt.Sprintf("demo-interest-%06d", len(s.Interests)+1), OpgaveID: o.ID, OrganisationID: p,
			Wants: pick(r, wants), Brings: pick(r, brings), CannotGiveUp: pick(r, cannotGiveUp),
			Date: today.AddDays(-30 - r.IntN(600)), Generated: true}
		s.Interests = append(s.Interests, in)
		interests = append(interests, in)
	}
	// A standing conflict between the first two, and on a third of the opgaven one resolved earlier.
	for k := 0; k < 2 && len(interests) >= 3 && pattern != patternSparse; k++ {
		if k == 1 && r.IntN(3) != 0 {
			break
		}
		c := samenspel.InterestConflict{ID: fmt.Sprintf("demo-conflict-%06d", len(s.Conflicts)+1), OpgaveID: o.ID, AID: interests[0].ID, BID: interests[1+k].ID,
			Note: pick(r, conflictNotes), Since: today.AddDays(-r.IntN(300)), Generated: true}
		if k == 1 {
			c.Since = today.AddDays(-400 - r.IntN(200))
			d := c.Since.AddDays(20 + r.IntN(60))
			c.ResolvedOn = &d
		}
		s.Conflicts = append(s.Conflicts, c)
	}

	// Agreements: decided ones in the past, open ones ahead; a drifting opgave has one overdue
	// and one without mandate.
	if pattern != patternSparse {
		n := 2 + r.IntN(3)
		for i := 0; i < n; i++ {
			decider := ps[r.IntN(len(ps))]
			body := bodyOf(r, g.kindOf(decider))
			if body == "STUURGROEP" || r.IntN(5) == 0 {
				body, decider = "STUURGROEP", ""
			}
			a := samenspel.Agreement{ID: fmt.Sprintf("demo-agreement-%06d", len(s.Agreements)+1), OpgaveID: o.ID, Title: pick(r, agreementTitles),
				Body: body, DeciderID: decider, Mandate: samenspel.MandateInPlace, Generated: true,
				Description: "Gegenereerde afspraak (geen echte gegevens)."}
			switch {
			case i == 0 && pattern == patternDrifting:
				a.DueDate, a.Mandate = today.AddDays(-20-r.IntN(90)), samenspel.MandateRequested
			case i == 1 && pattern == patternDrifting:
				a.DueDate, a.Mandate = today.AddDays(30+r.IntN(120)), samenspel.MandateMissing
			case i < n/2:
				a.DueDate = today.AddDays(-60 - r.IntN(400))
				d := a.DueDate.AddDays(-r.IntN(30))
				a.DecidedOn = &d
			default:
				a.DueDate = today.AddDays(20 + r.IntN(200))
			}
			s.Agreements = append(s.Agreements, a)
		}
	}

	// Check-ins over the last four periods of a quarter (or two months).
	rhythm := samenspel.DefaultCheckInRhythm
	if r.IntN(4) == 0 {
		rhythm = 61
		s.Rhythms[o.ID] = rhythm
	}
	if pattern != patternSparse {
		for period := 3; period >= 0; period-- {
			if pattern == patternLapsed && period < 2 {
				break // stopped two periods ago
			}
			for i, p := range ps {
				if pattern == patternDrifting && i%4 == 3 && period == 0 {
					continue // one in four has not checked in this period
				}
				score := func() int { return 4 + r.IntN(2) } // steady: 4 or 5
				if pattern != patternSteady {
					base := 4 - (3-period)/2 // drifting: lower in the later periods
					score = func() int { return max(1, min(5, base+r.IntN(3)-1)) }
				}
				k := samenspel.CheckIn{ID: fmt.Sprintf("demo-checkin-%07d", len(s.CheckIns)+1), OpgaveID: o.ID, OrganisationID: p,
					Date: today.AddDays(-period*rhythm - r.IntN(rhythm-5) - 1), RightThings: score(), ThingsRight: score(), Together: score(),
					Note: pick(r, checkInNotes), Generated: true}
				if pattern == patternDrifting && i == 0 && period <= 1 {
					k.Together = 1 // the one who feels left out: the spread grows
				}
				s.CheckIns = append(s.CheckIns, k)
			}
		}
	}

	// Results: most achieved on time for a steady opgave, half late for a drifting one.
	n := 1 + r.IntN(4)
	for i := 0; i < n; i++ {
		res := samenspel.Result{ID: fmt.Sprintf("demo-result-%06d", len(s.Results)+1), OpgaveID: o.ID, Title: pick(r, resultTitles),
			Description: "Gegenereerd resultaat (geen echte gegevens).", Generated: true}
		if i == n-1 && n > 1 {
			res.PlannedDate = today.AddDays(30 + r.IntN(300)) // one ahead
		} else {
			res.PlannedDate = today.AddDays(-30 - r.IntN(500))
			if pattern == patternSteady || (pattern != patternDrifting && r.IntN(4) != 0) || (pattern == patternDrifting && i%2 == 1) {
				d := res.PlannedDate.AddDays(r.IntN(20))
				if d.Before(today) {
					res.AchievedDate = &d
				}
			}
		}
		for _, p := range slices.Compact(slices.Sorted(slices.Values([]string{ps[r.IntN(len(ps))], ps[r.IntN(len(ps))], ps[0]}))) {
			res.Contributions = append(res.Contributions, samenspel.Contribution{OrganisationID: p, Description: pick(r, contributions)})
		}
		s.Results = append(s.Results, res)
	}

	// Lessons: recent ones, or only old ones on a lapsed opgave; none on a sparse one.
	if pattern != patternSparse {
		for i := 0; i < 1+r.IntN(2); i++ {
			age := r.IntN(300)
			if pattern == patternLapsed {
				age = 400 + r.IntN(300)
			}
			themes := []string{o.Themes[0]}
			l := samenspel.Lesson{ID: fmt.Sprintf("demo-lesson-%06d", len(s.Lessons)+1), OpgaveID: o.ID, OrganisationID: ps[r.IntN(len(ps))],
				Title: pick(r, lessonTitles), Text: "Gegenereerde les (geen echte gegevens): wat werkte en wat andere opgaven ermee kunnen.",
				Themes: themes, Date: today.AddDays(-age), Generated: true}
			s.Lessons = append(s.Lessons, l)
		}
	}
}
