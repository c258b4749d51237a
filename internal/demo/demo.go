// Package demo generates a plausible, clearly labelled demo set of opgaven, roles, people, links
// and instruments on top of the real organisations and regions. Opgaven, roles and trust are not
// public at this level, so the service ships with generated ones: deterministic for a seed,
// shaped like real programmes (RES-regio's, woondeals, jeugdregio's, Regio Deals, ...), with one
// trekker organisation per opgave, and scalable by a factor for benchmarks. Every generated node
// has generated: true and an ID starting with "demo-".
package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The generator's input and output are domain types, so that the store writes them without
// depending on the generator.
type (
	World                 = samenspel.DemoWorld
	Set                   = samenspel.DemoSet
	OpgaveWithArea        = samenspel.DemoOpgave
	InstrumentWithOpgaven = samenspel.DemoInstrument
)

// OpgavenPerScale is the number of opgaven at scale 1; roles come to about ten per opgave.
const OpgavenPerScale = 300

type template struct {
	division   string
	theme      []string
	title      string // %s: region name
	goal       func(r *rand.Rand) string
	scale      string
	trekker    string // "centrum", "provincie" or "partner:<kind>"
	rijk       []string
	partners   []string // partner kinds: netbeheerder, corporatie, jeugdzorg, zorgkantoor, ggd, roc
	instrument string   // type; "" for none
	instrName  string   // %s: region name; a name without %s is one shared instrument
	deelnemers int      // max gemeenten as deelnemer
}

var templates = []template{
	{"res_regio", []string{"energie"}, "RES %s: regionale energiestrategie", func(r *rand.Rand) string {
		return fmt.Sprintf("%.1f TWh duurzame opwek op land in 2030, met 50%% lokaal eigendom", 0.5+r.Float64()*2.5)
	}, "REGIONAAL", "centrum", []string{"kgg"}, []string{"netbeheerder"}, "BUDGET", "Nationaal Programma RES: procesgeld", 8},
	{"corop", []string{"wonen"}, "Woondeal %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d woningen erbij tot en met 2030, waarvan twee derde betaalbaar", 2000+r.IntN(30)*500)
	}, "REGIONAAL", "centrum", []string{"vro"}, []string{"corporatie"}, "CONVENANT", "Woondeal %s", 6},
	{"jeugdregio", []string{"jeugd", "sociaal_domein"}, "Transformatie jeugdhulp %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d%% minder jeugdigen in residentiële jeugdhulp in 2028 dan in 2023", 10+r.IntN(5)*5)
	}, "REGIONAAL", "centrum", []string{"vws"}, []string{"jeugdzorg"}, "GEMEENSCHAPPELIJKE_REGELING", "GR Jeugdhulp %s", 8},
	{"arbeidsmarktregio", []string{"arbeidsmarkt"}, "Regionaal Werkcentrum %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d werkzoekenden per jaar van werk naar werk begeleid", 300+r.IntN(20)*50)
	}, "REGIONAAL", "centrum", []string{"szw", "uwv"}, []string{"roc"}, "SUBSIDIE", "Regionale mobiliteitsteams", 5},
	{"veiligheidsregio", []string{"veiligheid"}, "Aanpak ondermijning %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d integrale controles per jaar en een gedeeld informatiebeeld", 20+r.IntN(20)*5)
	}, "REGIONAAL", "centrum", []string{"jenv", "politie", "om"}, nil, "BUDGET", "Versterkingsgelden ondermijning", 5},
	{"ggd_regio", []string{"gezondheid", "zorg"}, "Gezond en actief leven %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Gezonde levensverwachting in de wijken met de laagste score %d jaar omhoog in 2030", 1+r.IntN(3))
	}, "REGIONAAL", "centrum", []string{"vws"}, []string{"ggd"}, "SUBSIDIE", "SPUK Gezond en Actief Leven", 6},
	{"corop", []string{"economie"}, "Regio Deal %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Brede welvaart: %d projecten voor werk, wonen en leefbaarheid afgerond in 2027", 8+r.IntN(10))
	}, "REGIONAAL", "provincie", []string{"lvvn", "bzk"}, nil, "REGIO_DEAL", "Regio Deal %s", 4},
	{"provincie", []string{"landelijk_gebied", "natuur", "water"}, "Gebiedsprogramma landelijk gebied %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Stikstofdepositie op Natura 2000-gebieden %d%% omlaag in 2035", 30+r.IntN(5)*5)
	}, "PROVINCIAAL", "provincie", []string{"lvvn"}, nil, "BUDGET", "Transitiefonds landelijk gebied", 4},
	{"provincie", []string{"mobiliteit"}, "Bereikbaarheidsprogramma %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Reistijd per ov tussen de kernen %d%% korter in 2030", 10+r.IntN(3)*5)
	}, "PROVINCIAAL", "provincie", []string{"ienw", "rws"}, nil, "BESTUURSAKKOORD", "MIRT-afspraken %s", 4},
	{"zorgkantoorregio", []string{"zorg"}, "Regioplan ouderenzorg %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d extra geclusterde woonvormen voor ouderen in 2030", 100+r.IntN(20)*25)
	}, "REGIONAAL", "partner:zorgkantoor", []string{"vws"}, []string{"zorgkantoor"}, "CONVENANT", "Regioplan ouderenzorg %s", 6},
	{"rmc_regio", []string{"onderwijs", "jeugd"}, "Aanpak voortijdig schoolverlaten %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Nieuwe voortijdig schoolverlaters onder %.1f%% in 2027", 1.2+r.Float64())
	}, "REGIONAAL", "centrum", []string{"ocw"}, []string{"roc"}, "SUBSIDIE", "Regionale middelen VSV", 6},
	{"corop_plus", []string{"klimaatadaptatie", "water"}, "Klimaatadaptatie werkregio %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Stresstest, risicodialoog en uitvoeringsagenda klaar; %d maatregelen uitgevoerd in 2027", 10+r.IntN(20))
	}, "REGIONAAL", "centrum", []string{"ienw"}, nil, "SUBSIDIE", "Impulsregeling klimaatadaptatie", 5},
}

var rijk = []struct{ key, name string }{
	{"bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"},
	{"vro", "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"},
	{"kgg", "Ministerie van Klimaat en Groene Groei"},
	{"vws", "Ministerie van Volksgezondheid, Welzijn en Sport"},
	{"szw", "Ministerie van Sociale Zaken en Werkgelegenheid"},
	{"ienw", "Ministerie van Infrastructuur en Waterstaat"},
	{"lvvn", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur"},
	{"jenv", "Ministerie van Justitie en Veiligheid"},
	{"ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap"},
	{"uwv", "UWV"},
	{"politie", "Politie"},
	{"om", "Openbaar Ministerie"},
	{"rws", "Rijkswaterstaat"},
}

var netbeheerders = []string{"Alliander", "Stedin", "Enexis"}

var firstNames = []string{"Anne", "Bas", "Carla", "Daan", "Eva", "Femke", "Gerrit", "Hanna", "Ilse", "Jeroen", "Karin", "Lars", "Marieke", "Noor", "Olaf", "Petra", "Quinten", "Rianne", "Sander", "Tessa", "Ursula", "Vincent", "Wendy", "Youssef", "Zeynep", "Fatima", "Mohamed", "Sanne", "Thijs", "Lotte"}
var lastNames = []string{"de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "el Amrani", "Yılmaz", "Postma", "Hoekstra", "van Dijk"}
var functions = map[string][]string{
	"BESTUURLIJK": {"wethouder", "gedeputeerde", "burgemeester", "dijkgraaf", "bestuurder", "directeur-generaal"},
	"AMBTELIJK":   {"programmamanager", "beleidsadviseur", "projectleider", "strategisch adviseur", "accountmanager"},
}

// Generate makes the demo set for seed and scale (1, 10, 100, ...): OpgavenPerScale × scale
// opgaven. The same world, seed and scale always give the same set.
func Generate(w World, seed uint64, scale int) Set {
	g := &gen{w: w, r: rand.New(rand.NewPCG(seed, 0x5a3e5b31)), orgs: map[string]samenspel.Organisation{}, people: map[string][]samenspel.Person{}, instruments: map[string]*InstrumentWithOpgaven{}}
	for _, rk := range rijk {
		g.org("demo-org-"+rk.key, rk.name, samenspel.KindRijk)
	}
	type slot struct {
		t template
		r samenspel.Region
	}
	var slots []slot
	for _, t := range templates {
		for _, r := range w.Regions[t.division] {
			if len(w.Members[r.Key()]) > 0 {
				slots = append(slots, slot{t, r})
			}
		}
	}
	g.r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	n := OpgavenPerScale * max(scale, 1)
	for i := 0; i < n && len(slots) > 0; i++ {
		s := slots[i%len(slots)]
		g.opgave(i, s.t, s.r, i/len(slots)+1)
	}
	g.makeLinks()
	g.makeTrust()
	return g.set()
}

type gen struct {
	w           World
	r           *rand.Rand
	orgs        map[string]samenspel.Organisation
	orgOrder    []string
	people      map[string][]samenspel.Person // by organisation
	personCount int
	opgaven     []OpgaveWithArea
	roles       []samenspel.Role
	links       []samenspel.OpgaveLink
	instruments map[string]*InstrumentWithOpgaven
	instrOrder  []string
	fameOf      map[string]int
	assessments []samenspel.TrustAssessment
}

func (g *gen) org(id, name string, kind samenspel.OrganisationKind) string {
	if _, ok := g.orgs[id]; !ok {
		g.orgs[id] = samenspel.Organisation{ID: id, Name: name, Kind: kind}
		g.orgOrder = append(g.orgOrder, id)
	}
	return id
}

// centrum picks the gemeente a region is named after; otherwise the member whose name occurs in
// the most region names of any division (Rotterdam for "Rijnmond"), a stand-in for the
// centrumgemeente.
func (g *gen) centrum(r samenspel.Region) string {
	members := g.w.Members[r.Key()]
	best, bestScore := members[0], -1
	for _, id := range members {
		name := strings.ToLower(g.w.Gemeenten[id].Name)
		score := g.fame(id)
		if name != "" && strings.Contains(strings.ToLower(r.Name), name) {
			score += 1000 + len(name)
		}
		if score > bestScore {
			best, bestScore = id, score
		}
	}
	return best
}

// fame counts the region names, over all divisions, that contain the gemeente's name.
func (g *gen) fame(id string) int {
	if g.fameOf == nil {
		g.fameOf = map[string]int{}
		var names []string
		for _, regions := range g.w.Regions {
			for _, r := range regions {
				names = append(names, strings.ToLower(r.Name))
			}
		}
		for gid, o := range g.w.Gemeenten {
			n := strings.ToLower(o.Name)
			for _, rn := range names {
				if n != "" && strings.Contains(rn, n) {
					g.fameOf[gid]++
				}
			}
		}
	}
	return g.fameOf[id]
}

func (g *gen) partner(kind string, r samenspel.Region, centrum string) string {
	slug := func(s string) string {
		return strings.ToLower(strings.NewReplacer(" ", "-", "'", "", "/", "-").Replace(samenspel.Fold(s)))
	}
	switch kind {
	case "netbeheerder":
		name := netbeheerders[int(hash(r.Key()))%len(netbeheerders)]
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "corporatie":
		name := "Woonstichting " + g.w.Gemeenten[centrum].Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "jeugdzorg":
		name := "Jeugdhulp " + r.Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "zorgkantoor":
		name := "Zorgkantoor " + r.Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "ggd":
		name := r.Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindSamenwerkingsverband)
	case "roc":
		name := "ROC " + g.w.Gemeenten[centrum].Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	}
	panic("unknown partner kind " + kind)
}

func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// person returns one of the organisation's people for a role at level, creating up to three.
func (g *gen) person(orgID, level string) string {
	ps := g.people[orgID]
	if len(ps) < 3 && (len(ps) == 0 || g.r.IntN(3) == 0) {
		g.personCount++
		first, last := firstNames[g.r.IntN(len(firstNames))], lastNames[g.r.IntN(len(lastNames))]
		fns := functions[level]
		p := samenspel.Person{
			ID: fmt.Sprintf("demo-person-%06d", g.personCount), Name: first + " " + last, Function: fns[g.r.IntN(len(fns))],
			OrganisationID: orgID, Generated: true,
			Email: strings.ToLower(samenspel.Fold(first)) + "." + strings.ReplaceAll(strings.ToLower(samenspel.Fold(last)), " ", "") + "@" + strings.TrimPrefix(orgID, "demo-org-") + ".demo.invalid",
			Phone: fmt.Sprintf("+31 6 0000 %04d", g.personCount%10000),
		}
		g.people[orgID] = append(ps, p)
		return p.ID
	}
	return ps[g.r.IntN(len(ps))].ID
}

var today = samenspel.NewDate(2026, 1, 1)

func (g *gen) opgave(i int, t template, r samenspel.Region, phase int) {
	id := fmt.Sprintf("demo-opgave-%06d", i+1)
	title := fmt.Sprintf(t.title, r.Name)
	if phase > 1 {
		title += fmt.Sprintf(" (fase %d)", phase)
	}
	start := samenspel.NewDate(2019+g.r.IntN(7), time.Month(1+g.r.IntN(12)), 1)
	end := start.AddDays(365 * (2 + g.r.IntN(5)))
	status := "UITVOERING"
	switch {
	case g.r.IntN(30) == 0:
		status = "GESTOPT"
	case end.Before(today):
		status = "AFGEROND"
	case today.Before(start.AddDays(180)):
		status = "VERKENNING"
	}
	o := OpgaveWithArea{Opgave: samenspel.Opgave{
		ID: id, Title: title, Goal: t.goal(g.r), Themes: t.theme, Scale: t.scale, Status: status,
		StartDate: &start, EndDate: &end, Generated: true,
		Description: "Gegenereerde demo-opgave (geen echte gegevens), gebaseerd op de regio-indeling " + r.Division + ".",
	}, Area: samenspel.Area{Regions: []samenspel.RegionRef{{Division: r.Division, Code: r.Code}}}}
	g.opgaven = append(g.opgaven, o)

	members := g.w.Members[r.Key()]
	centrum := g.centrum(r)
	provincie := g.w.ProvincieOf[centrum]
	var trekker string
	switch {
	case t.trekker == "centrum":
		trekker = centrum
	case t.trekker == "provincie":
		trekker = provincie
	case strings.HasPrefix(t.trekker, "partner:"):
		trekker = g.partner(strings.TrimPrefix(t.trekker, "partner:"), r, centrum)
	}
	add := func(org, typ, level string, euros, fte float64) {
		role := samenspel.Role{
			ID: fmt.Sprintf("demo-role-%07d", len(g.roles)+1), OpgaveID: id, OrganisationID: org, Type: typ, Level: level,
			From: start, Generated: true,
		}
		if status == "AFGEROND" || status == "GESTOPT" {
			role.Until = &end
		}
		if euros > 0 {
			role.ContributionEuros = &euros
		}
		if fte > 0 {
			role.ContributionFTE = &fte
		}
		if g.r.IntN(10) < 7 {
			role.PersonID = g.person(org, level)
		}
		g.roles = append(g.roles, role)
	}
	round := func(x float64) float64 { return float64(int(x/1000)) * 1000 }
	add(trekker, "TREKKER", "BESTUURLIJK", 0, 0)
	add(trekker, "TREKKER", "AMBTELIJK", round(100_000+g.r.Float64()*1_900_000), 1+float64(g.r.IntN(30))/10)
	if t.trekker != "provincie" && provincie != "" && t.scale != "LOKAAL" {
		add(provincie, "MEDETREKKER", "BESTUURLIJK", round(50_000+g.r.Float64()*950_000), float64(g.r.IntN(10))/10)
	}
	deelnemers := 0
	for _, m := range members {
		if m == trekker || deelnemers >= t.deelnemers {
			continue
		}
		if g.r.IntN(3) > 0 {
			add(m, "DEELNEMER", "AMBTELIJK", round(10_000+g.r.Float64()*240_000), float64(1+g.r.IntN(8))/10)
			deelnemers++
		}
	}
	for i, rk := range t.rijk {
		if i == 0 {
			add("demo-org-"+rk, "FINANCIER", "BESTUURLIJK", round(1_000_000+g.r.Float64()*24_000_000), 0)
		} else {
			add("demo-org-"+rk, "ADVISEUR", "AMBTELIJK", 0, float64(1+g.r.IntN(5))/10)
		}
	}
	for _, p := range t.partners {
		if org := g.partner(p, r, centrum); org != trekker {
			add(org, "UITVOERDER", "AMBTELIJK", round(g.r.Float64()*500_000), float64(1+g.r.IntN(20))/10)
		}
	}
	if t.trekker == "centrum" && g.r.IntN(2) == 0 {
		add(centrum, "OPDRACHTGEVER", "BESTUURLIJK", 0, 0)
	}
	if t.instrument != "" {
		name := t.instrName
		if strings.Contains(name, "%s") {
			name = fmt.Sprintf(name, r.Name)
		}
		key := t.instrument + "|" + name
		in, ok := g.instruments[key]
		if !ok {
			in = &InstrumentWithOpgaven{Instrument: samenspel.Instrument{
				ID: fmt.Sprintf("demo-instrument-%05d", len(g.instrOrder)+1), Name: name, Type: t.instrument, Generated: true,
				Description: "Gegenereerd demo-instrument (geen echte gegevens).",
			}}
			amount := round(500_000 + g.r.Float64()*49_500_000)
			in.AmountEuros = &amount
			g.instruments[key] = in
			g.instrOrder = append(g.instrOrder, key)
		}
		in.OpgaveIDs = append(in.OpgaveIDs, id)
	}
}

// links connects opgaven that share a gemeente and have different themes, with a link type
// that fits the pair of themes.
func (g *gen) makeLinks() {
	byGemeente := map[string][]int{}
	for i, o := range g.opgaven {
		for _, ref := range o.Area.Regions {
			for _, m := range g.w.Members[samenspel.RegionKey(ref.Division, ref.Code)] {
				byGemeente[m] = append(byGemeente[m], i)
			}
		}
	}
	seen := map[[2]int]bool{}
	for i, o := range g.opgaven {
		if g.r.IntN(10) >= 3 {
			continue
		}
		ref := o.Area.Regions[0]
		members := g.w.Members[samenspel.RegionKey(ref.Division, ref.Code)]
		cands := byGemeente[members[g.r.IntN(len(members))]]
		j := cands[g.r.IntN(len(cands))]
		if j == i || seen[[2]int{i, j}] || seen[[2]int{j, i}] || g.opgaven[j].Themes[0] == o.Themes[0] {
			continue
		}
		seen[[2]int{i, j}] = true
		typ, note := linkType(o.Themes[0], g.opgaven[j].Themes[0])
		g.links = append(g.links, samenspel.OpgaveLink{FromID: o.ID, ToID: g.opgaven[j].ID, Type: typ, Note: note})
	}
}

func linkType(a, b string) (string, string) {
	pair := a + "/" + b
	switch pair {
	case "energie/wonen", "wonen/energie", "energie/landelijk_gebied", "landelijk_gebied/energie", "wonen/landelijk_gebied", "landelijk_gebied/wonen":
		return "CONFLICTS_WITH", "concurreert om dezelfde ruimte"
	case "jeugd/onderwijs", "onderwijs/jeugd", "arbeidsmarkt/onderwijs", "onderwijs/arbeidsmarkt", "gezondheid/zorg", "zorg/gezondheid":
		return "REINFORCES", "versterken elkaar"
	case "wonen/mobiliteit", "economie/mobiliteit", "wonen/klimaatadaptatie":
		return "DEPENDS_ON", "hangt af van de andere opgave"
	}
	return "REINFORCES", "gedeeld belang in dezelfde regio"
}

func (g *gen) set() Set {
	var s Set
	for _, id := range g.orgOrder {
		o := g.orgs[id]
		s.Organisations = append(s.Organisations, o)
	}
	var orgIDs []string
	for id := range g.people {
		orgIDs = append(orgIDs, id)
	}
	sort.Strings(orgIDs)
	for _, id := range orgIDs {
		s.People = append(s.People, g.people[id]...)
	}
	sort.Slice(s.People, func(i, j int) bool { return s.People[i].ID < s.People[j].ID })
	s.Opgaven = g.opgaven
	s.Roles = g.roles
	s.Assessments = g.assessments
	s.Links = g.links
	for _, k := range g.instrOrder {
		s.Instruments = append(s.Instruments, *g.instruments[k])
	}
	return s
}

// makeTrust adds assessments between partners of running and finished opgaven over several
// years: mostly moderate to high, some one-sided (only one partner ever assessed the other), and
// a few that decline year by year.
func (g *gen) makeTrust() {
	byOpgave := map[string][]string{}
	seen := map[string]bool{}
	for _, r := range g.roles {
		if k := r.OpgaveID + "|" + r.OrganisationID; !seen[k] {
			seen[k] = true
			byOpgave[r.OpgaveID] = append(byOpgave[r.OpgaveID], r.OrganisationID)
		}
	}
	pairsDone := map[[2]string]bool{}
	for _, o := range g.opgaven {
		if o.Status != "UITVOERING" && o.Status != "AFGEROND" {
			continue
		}
		ps := byOpgave[o.ID]
		if len(ps) < 2 {
			continue
		}
		for k := 0; k < 4; k++ {
			a, b := ps[g.r.IntN(len(ps))], ps[g.r.IntN(len(ps))]
			if a == b || pairsDone[[2]string{a, b}] || pairsDone[[2]string{b, a}] {
				continue
			}
			pairsDone[[2]string{a, b}] = true
			pattern := g.r.IntN(100)
			oneSided := pattern < 20
			declining := pattern >= 93
			base := []int{3, 4, 4, 4, 5, 5, 3}[g.r.IntN(7)]
			first := 2021 + g.r.IntN(3)
			for year := first; year <= 2025; year++ {
				for dir := 0; dir < 2; dir++ {
					if dir == 1 && oneSided {
						continue
					}
					from, to := a, b
					if dir == 1 {
						from, to = b, a
					}
					score := base + g.r.IntN(3) - 1
					if declining {
						score = 5 - (year - first)
					}
					score = max(1, min(5, score))
					note := "jaarlijkse evaluatie van de samenwerking"
					if declining && year > first {
						note = "afspraken over inzet niet nagekomen"
					}
					g.assessments = append(g.assessments, samenspel.TrustAssessment{
						ID: fmt.Sprintf("demo-trust-%07d", len(g.assessments)+1), FromID: from, ToID: to, Score: score,
						Date: samenspel.NewDate(year, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28)), OpgaveID: o.ID,
						Note: note, RecordedBy: "demo-generator", Generated: true,
					})
				}
			}
		}
	}
}
